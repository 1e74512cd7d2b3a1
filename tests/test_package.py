"""The package: declared bounds (lowest versions tested by .ci/min-versions, an upper bound for
ruamel.yaml that the installed version is inside), the license, classifiers and URLs, and an
sdist that ships the tests whole."""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

REPO = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
REQUIREMENTS = {Requirement(r).name.lower(): Requirement(r) for r in PROJECT["dependencies"]}


def lower_bound(requirement: Requirement) -> Version:
    bounds = [Version(s.version) for s in requirement.specifier if s.operator == ">="]
    assert len(bounds) == 1, f"{requirement}: one lower bound (>=) needed"
    return bounds[0]


@pytest.mark.parametrize("name", sorted(REQUIREMENTS))
def test_every_dependency_has_a_lower_bound(name):
    lower_bound(REQUIREMENTS[name])


def test_known_lower_bounds():
    assert lower_bound(REQUIREMENTS["icalendar"]) >= Version("6.1")  # add_missing_timezones
    assert lower_bound(REQUIREMENTS["rich"]) >= Version("13.8")  # what typer 0.29 needs
    assert lower_bound(REQUIREMENTS["scipy"]) >= Version("1.15")  # int64 sparse indices
    assert lower_bound(REQUIREMENTS["numpy"]) >= Version("2.0")


def test_ruamel_has_an_upper_bound_that_the_tested_version_is_inside():
    requirement = REQUIREMENTS["ruamel.yaml"]
    assert any(s.operator == "<" for s in requirement.specifier)
    installed = importlib.metadata.version("ruamel.yaml")
    assert requirement.specifier.contains(installed), (installed, str(requirement))


def test_the_installed_versions_meet_the_declared_bounds():
    for name, requirement in REQUIREMENTS.items():
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        installed = importlib.metadata.version(name)
        assert requirement.specifier.contains(installed, prereleases=True), (name, installed)


def test_min_versions_script_pins_every_lower_bound(tmp_path):
    script = (REPO / ".ci" / "min-versions").read_text()
    assert "--constraint" in script and "pytest" in script
    generator = script.split("<<'PY'\n", 1)[1].split("\nPY\n", 1)[0]
    out = tmp_path / "minimums.txt"
    subprocess.run([sys.executable, "-c", generator, str(out)], cwd=REPO, check=True)
    pins = {Requirement(line).name.lower(): Requirement(line)
            for line in out.read_text().splitlines()}
    assert set(pins) == set(REQUIREMENTS)
    for name, pin in pins.items():
        assert str(pin.specifier) == f"=={lower_bound(REQUIREMENTS[name])}"


def test_license_classifiers_and_urls():
    assert PROJECT["license"] == "MIT"  # an SPDX expression
    assert (REPO / "LICENSE").read_text().startswith("MIT License\n")
    classifiers = PROJECT["classifiers"]
    assert not [c for c in classifiers if c.startswith("License ::")]  # the SPDX string says it
    versions = [c.rsplit(" ", 1)[1] for c in classifiers
                if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    assert versions and versions[0] == PROJECT["requires-python"].removeprefix(">=")
    assert {"Homepage", "Issues", "Documentation"} <= set(PROJECT["urls"])


def _git_files(folder: str) -> set[str]:
    done = subprocess.run(["git", "ls-files", folder], cwd=REPO, capture_output=True, text=True)
    return set(done.stdout.split()) if done.returncode == 0 else set()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to list the tests")
def test_sdist_ships_the_tests_whole(tmp_path):
    build = pytest.importorskip("build", reason="pip install build")
    del build
    done = subprocess.run([sys.executable, "-m", "build", "--sdist", "-o", str(tmp_path),
                           str(REPO)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    (archive,) = tmp_path.glob("mentorcli-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    needed = _git_files("tests") | _git_files("cohorts") | _git_files("docs") | {
        "tests/conftest.py", "tests/terminal.py", "tests/data/example.yaml", "LICENSE",
        "README.md", "pyproject.toml", ".pre-commit-hooks.yaml"}
    assert sorted(needed - names) == []


def test_every_package_folder_is_in_the_wheel():
    import tomllib as toml

    listed = set(toml.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    folders = {".".join(p.parent.relative_to(REPO).parts)
               for p in (REPO / "mentorcli").rglob("__init__.py")}
    assert sorted(folders - listed) == []

"""Shared fixtures: the format's reference example and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests pin English messages: they run in the C locale whatever the machine's
    (a developer with LANG=fr_FR.UTF-8 too); tests of other languages set their own."""
    monkeypatch.delenv("MENTORCLI_LANG", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("LANG", "C.UTF-8")
    # a cohort read outside the CLI (load_cohort in a test) sets the language of what is said
    # next (mentorcli.i18n, rule 3): each test starts from none
    from mentorcli import i18n

    i18n.reset()


@pytest.fixture
def example_path(tmp_path: Path) -> Path:
    """A writable copy of tests/data/example.yaml (the format's reference example)."""
    target = tmp_path / "cohort.yaml"
    shutil.copyfile(DATA / "example.yaml", target)
    return target


@pytest.fixture
def run() -> Callable[..., object]:
    """Run the CLI in-process: `run(["validate", path])` -> result with exit_code/stdout/stderr."""
    from mentorcli.cli import app

    runner = CliRunner()

    def invoke(args: Sequence[str], input: str | None = None, env: dict[str, str] | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, env=env,
                             catch_exceptions=False)

    return invoke

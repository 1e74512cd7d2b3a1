"""docs/pairing.md cannot drift: every `console` example is run and must print what it shows."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOC = (REPO / "docs" / "pairing.md").read_text(encoding="utf-8")
FILES = {"cohort.yaml": REPO / "tests" / "data" / "example.yaml",
         "reverse-digital-2026.yaml": REPO / "cohorts" / "reverse-digital-2026.yaml",
         "mentorat-managers-2026.yaml": REPO / "cohorts" / "mentorat-managers-2026.yaml"}


def console_examples() -> list[tuple[str, str]]:
    """(command line, expected output) of each `$ mentorcli ...` in the console blocks."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", DOC, flags=re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            found.append((command, output.rstrip("\n")))
    return found


def test_the_doc_has_examples_of_every_command() -> None:
    commands = {shlex.split(c)[1] for c, _ in console_examples()}
    assert commands == {"pair", "explain", "scores"}


def test_console_examples_print_what_the_doc_shows(run, tmp_path, monkeypatch) -> None:
    for name, source in FILES.items():
        shutil.copyfile(source, tmp_path / name)
    monkeypatch.chdir(tmp_path)  # the examples name the files relatively
    for command, expected in console_examples():  # in order: `pair` writes the files
        words = shlex.split(command, comments=True)
        assert words[0] == "mentorcli"
        quiet = words[-2:] == [">", "/dev/null"]
        result = run(words[1:-2] if quiet else words[1:])
        assert result.exit_code == 0, (command, result.stderr)
        shown = ("" if quiet else result.stdout) + result.stderr
        assert shown.rstrip("\n").splitlines() == expected.splitlines(), command


@pytest.mark.parametrize(("before", "name"), [
    ("entries like", "reverse-digital-2026.yaml"),
    ("contains `: `:", "mentorat-managers-2026.yaml"),  # a French `why`
])
def test_the_yaml_entries_shown_are_what_pair_writes(run, tmp_path, before, name) -> None:
    entry = re.search(re.escape(before) + r"\n\n```yaml\n(.*?)```", DOC, flags=re.S)
    assert entry is not None
    path = tmp_path / name
    shutil.copyfile(FILES[name], path)
    assert run(["pair", path]).exit_code == 0
    assert entry.group(1) in path.read_text(encoding="utf-8")


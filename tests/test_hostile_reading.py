"""Hostile and unlucky cohort files (issue 11): nothing leaks, nothing crashes, messages are true.

Each test plants the attack in a copy of the reference example and asserts the exit code, the
exact message, and the absence of the secret.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcli.errors import InputFileError
from mentorcli.store.reading import confidential_keys, parse_yaml

SECRET = "divorce en cours, ne pas ébruiter"
NOTE_LINE = "    notes: confidential, never shown in reports\n"
COMMANDS = (["validate"], ["report"], ["report", "--format", "json"], ["explain", "cleroy",
                                                                         "bpetit"])


def plant(example_path: Path, old: str, new: str) -> Path:
    text = example_path.read_text(encoding="utf-8")
    assert old in text
    example_path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return example_path


def note_line_number(path: Path) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(NOTE_LINE.rstrip("\n")) + 1


# --- confidential values never appear in a message ---------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_a_duplicate_notes_key_names_the_key_not_the_notes(run, example_path, command):
    plant(example_path, NOTE_LINE, f"    notes: {SECRET}\n    notes: other {SECRET}\n")
    line = note_line_number_after(example_path, "    notes: other")
    result = run([command[0], example_path, *command[1:]])
    assert result.exit_code == 2
    assert SECRET not in result.stdout + result.stderr
    assert result.stderr.splitlines()[-1] == (
        f'{example_path}:{line}:5: invalid YAML: found duplicate key "notes"; each key may '
        "appear once in a mapping: remove or rename one")


def note_line_number_after(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(start))


@pytest.mark.parametrize("tag", ["!!int", "!!float", "!!timestamp", "!!bool", "!!binary"])
def test_a_tagged_note_is_refused_without_showing_it(run, example_path, tag):
    plant(example_path, NOTE_LINE, f'    notes: {tag} "{SECRET}"\n')
    line = note_line_number_after(example_path, "    notes:")
    for command in COMMANDS:
        result = run([command[0], example_path, *command[1:]])
        assert result.exit_code == 2
        assert SECRET not in result.stdout + result.stderr
        assert "ébruiter" not in result.stderr
        assert result.stderr.startswith(f"{example_path}:{line}:12: invalid YAML: ")
        assert "not shown" in result.stderr


def test_a_tagged_note_in_flow_style_is_refused_without_showing_it(run, example_path):
    plant(example_path, NOTE_LINE, f'    notes: {{x: !!timestamp "{SECRET}"}}\n')
    result = run(["validate", example_path])
    assert result.exit_code == 2
    assert SECRET not in result.stderr
    assert "not shown" in result.stderr


@pytest.mark.parametrize("value", ["123", "2026-01-05", "[a, list]", "true", "{a: 1}"])
def test_a_note_of_the_wrong_type_is_named_not_shown(run, example_path, value):
    plant(example_path, NOTE_LINE, f"    notes: {value}\n")
    line = note_line_number_after(example_path, "    notes:")
    result = run(["validate", example_path])
    assert result.exit_code == 2
    assert value not in result.stderr.replace(str(example_path), "")
    assert result.stderr == (f"{example_path}:{line}:12: sessions[0].notes: expected text, "
                             "got a value not shown here (confidential)\n")


def test_other_values_are_still_shown_in_messages(run, example_path):
    plant(example_path, "    minutes: 60\n", '    minutes: !!int "sixty"\n')
    result = run(["validate", example_path])
    assert result.exit_code == 2
    assert '"sixty" is not a valid !!int value' in result.stderr


def test_the_confidential_keys_are_read_from_the_format():
    keys = confidential_keys()
    assert "notes" in keys
    from mentorcli import model

    described = {name for cls in vars(model).values()
                 if isinstance(cls, type) and hasattr(cls, "model_fields")
                 for name, info in cls.model_fields.items()
                 if (info.description or "").lower().startswith("confidential")}
    assert described <= keys


# --- messages that told the wrong story ------------------------------------------------------


def test_an_unclosed_quote_is_reported_where_it_opens(run, example_path):
    plant(example_path, "    name: Bruno Petit\n", '    name: "Bruno Petit\n')
    line = note_line_number_after(example_path, '    name: "Bruno')
    result = run(["validate", example_path])
    assert result.exit_code == 2
    assert "tab" not in result.stderr
    assert result.stderr.startswith(
        f'{example_path}:{line}:11: invalid YAML: the quote " that opens this value is not '
        "closed on its line, so the value runs on over the following lines")
    assert result.stderr.rstrip().endswith("close the quote at the end of the value, or "
                                           "remove it")


def test_an_unclosed_quote_at_the_end_is_reported_where_it_opens(run, example_path):
    plant(example_path, NOTE_LINE, f'    notes: "{SECRET}\n')
    line = note_line_number_after(example_path, "    notes:")
    result = run(["validate", example_path])
    assert result.exit_code == 2
    assert result.stderr.startswith(f'{example_path}:{line}:12: invalid YAML: the quote "')
    assert SECRET not in result.stderr


def test_a_real_tab_is_still_called_a_tab(run, example_path):
    plant(example_path, "    minutes: 60\n", "\tminutes: 60\n")
    result = run(["validate", example_path])
    assert result.exit_code == 2
    assert "tab" in result.stderr


def test_git_conflict_markers_are_named_with_how_to_resolve(run, example_path):
    plant(example_path, "sessions:                      # appended by `mentorcli log`\n",
          "sessions:\n<<<<<<< HEAD\n  - mentor: cleroy\n    mentee: bpetit\n    date: 2026-03-03\n"
          "    minutes: 45\n=======\n  - mentor: cleroy\n    mentee: bpetit\n"
          "    date: 2026-03-04\n    minutes: 30\n>>>>>>> theirs\n")
    line = note_line_number_after(example_path, "<<<<<<<")
    for command in COMMANDS:
        result = run([command[0], example_path, *command[1:]])
        assert result.exit_code == 2
        assert result.stderr == (
            f"{example_path}:{line}:1: has an unresolved merge conflict: git's conflict marker "
            f"<<<<<<< stands at line {line}. Between <<<<<<< and ======= is one side, between "
            "======= and >>>>>>> the other: keep the lines you want (often both sides' "
            "entries), delete the three marker lines, then `mentorcli validate` the file and "
            "`git add` it\n")


def test_a_lone_underline_in_a_text_is_not_a_conflict(run, example_path):
    plant(example_path, NOTE_LINE, "    notes: |\n      Title\n=======\n")
    result = run(["validate", example_path])
    assert "merge conflict" not in result.stderr


def test_an_unreadable_file_is_one_line_not_a_usage_error(run, example_path, monkeypatch):
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: False
                        if Path(p) == example_path else real(p, mode, *a, **k))
    for command in (["validate"], ["report"], ["contracts"], ["schedule"]):
        result = run([command[0], example_path])
        assert result.exit_code == 2
        assert result.stderr == f"{example_path}: cannot be read: permission denied\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a mode-000 file")
def test_a_mode_000_file_is_one_line_in_a_real_process(example_path):
    example_path.chmod(0)
    result = subprocess.run([sys.executable, "-m", "mentorcli", "validate", str(example_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr == f"{example_path}: cannot be read: permission denied\n"


# --- deep nesting never reaches the C parser --------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("nesting", [
    "x: " + "[" * 30_000 + "]" * 30_000,
    "x: " + "{a: " * 30_000 + "1" + "}" * 30_000,
    "x:\n" + "- " * 30_000 + "a",
    "x: " + "[" * 100_000,
])
def test_deep_nesting_is_refused_in_a_real_process_without_a_crash(tmp_path, nesting):
    path = tmp_path / "deep.yaml"
    path.write_text("version: 1\n" + nesting + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mentorcli", "validate", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr  # not -11 / 139: no segmentation fault
    assert result.stderr.endswith(": is nested too deeply (more than 64 levels)\n")
    assert result.stderr.startswith(f"{path}:")


def test_nesting_a_cohort_could_have_is_read():
    assert parse_yaml("a: " + "[" * 60 + "]" * 60 + "\n", "f.yaml") == {"a": _nested(59)}


def _nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="[]{}-: ,\n\"'ab#", max_size=300))
def test_any_bracket_soup_is_data_or_a_placed_error(text):
    try:
        parse_yaml(text, "soup.yaml")
    except InputFileError as error:
        assert error.finding.file == "soup.yaml"

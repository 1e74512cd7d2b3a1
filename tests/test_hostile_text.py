"""Control characters in names, titles and goals (issue 11): shown escaped on terminals and in
messages, escaped in every written format, and `validate` warns about them."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from terminal import run_on_terminal

from mentorcli.text_safety import control_places, escape_controls, escape_strings

# What a hostile name holds: retitle the terminal, ring, clear the screen, return, C1 CSI,
# a bidi override.
EVIL_YAML = '"Bruno\\e]0;pwned\\aPetit\\e[2J\\r\\u009b\\u202e"'
RAW = ("\x1b", "\x07", "\x9b", "\u202e")
SHOWN = "Bruno\\x1b]0;pwned\\x07Petit\\x1b[2J\\x0d\\x9b\\u202e"


def plant_name(example_path: Path) -> Path:
    text = example_path.read_text(encoding="utf-8")
    text = text.replace("    name: Bruno Petit\n", f"    name: {EVIL_YAML}\n", 1)
    example_path.write_text(text, encoding="utf-8")
    return example_path


def assert_clean(text: str) -> None:
    for character in RAW:
        assert character not in text
    assert "\r" not in text.replace("\r\n", "")


def test_validate_warns_and_keeps_the_file_valid(run, example_path):
    plant_name(example_path)
    result = run(["validate", example_path])
    assert result.exit_code == 0
    line = next(i for i, text in enumerate(example_path.read_text().splitlines(), 1)
                if "pwned" in text)
    assert result.stderr == (
        f"{example_path}:{line}:11: warning: participants[1].name: contains the control "
        "character \\x1b, which can change a terminal or hide text; reports and documents "
        "show it escaped: remove it\n")
    assert_clean(result.stdout + result.stderr)


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "html", "json"])
def test_reports_show_control_characters_escaped(run, example_path, fmt):
    plant_name(example_path)
    result = run(["report", example_path, "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert_clean(result.stdout + result.stderr)
    if fmt in ("csv", "table"):
        assert SHOWN in result.stdout


def test_a_report_written_to_a_file_and_to_excel_is_clean(run, example_path, tmp_path):
    plant_name(example_path)
    for fmt in ("markdown", "html", "csv"):
        out = tmp_path / f"report.{fmt}"
        assert run(["report", example_path, "--format", fmt, "-o", out]).exit_code == 0
        assert_clean(out.read_text(encoding="utf-8-sig"))
    out = tmp_path / "report.xlsx"
    result = run(["report", example_path, "--format", "xlsx", "-o", out])
    assert result.exit_code == 0, result.stderr
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(out.read_bytes()))
    cells = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows()
             for c in row if c.value is not None]
    assert any(SHOWN in cell for cell in cells)
    assert_clean("".join(cells))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_contracts_show_control_characters_escaped(run, example_path, tmp_path, fmt):
    plant_name(example_path)
    out = tmp_path / "out"
    result = run(["contracts", example_path, "--format", fmt, "--out", out])
    assert result.exit_code == 0, result.stderr
    text = (out / f"cleroy--bpetit.{fmt}").read_text(encoding="utf-8")
    assert_clean(text)
    assert "pwned" in text


def test_explain_and_its_json_are_clean(run, example_path):
    plant_name(example_path)
    for extra in ([], ["--format", "json"]):
        result = run(["explain", example_path, "cleroy", "bpetit", *extra])
        assert_clean(result.stdout + result.stderr)


def test_the_import_preview_is_clean(run, example_path, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("name,email,role\n\"Eve\x1b]0;pwned\x07 Evil\x9b\",eve@example.com,mentee\n",
                      encoding="utf-8")
    result = run(["import", example_path, people, "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert_clean(result.stdout + result.stderr)
    assert "Eve\\x1b]0;pwned\\x07 Evil\\x9b" in result.stdout


def test_messages_escape_what_the_user_typed(run, example_path):
    result = run(["explain", example_path, "cleroy", "\x1b]0;pwned\x07"])
    assert result.exit_code == 2
    assert_clean(result.stderr)
    assert "\\x1b]0;pwned\\x07" in result.stderr or "pwned" not in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals")
def test_the_report_on_a_real_terminal_cannot_retitle_or_clear_it(example_path):
    plant_name(example_path)
    shown = run_on_terminal([sys.executable, "-m", "mentorcli", "report", str(example_path)],
                            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
                            columns=200)
    assert "\x1b]" not in shown and "\x07" not in shown and "\x1b[2J" not in shown
    assert "\x9b" not in shown and "\u202e" not in shown
    assert "pwned" in shown


# --- the functions ----------------------------------------------------------------------------


def test_escape_controls_keeps_text_and_line_breaks():
    assert escape_controls("Zoë\tO'Neil\nß") == "Zoë\tO'Neil\nß"
    assert escape_controls("a\nb", one_line=True) == "a\\x0ab"
    assert escape_controls("\x00\x1f\x7f\x85\u2066") == "\\x00\\x1f\\x7f\\x85\\u2066"


@given(st.text())
def test_escaped_text_holds_no_control_character(text):
    shown = escape_controls(text, one_line=True)
    assert not any(ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f or c in "\u202a\u202e\u2066\u2069"
                   for c in shown)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs"))))
def test_text_without_controls_is_unchanged(text):
    assert escape_controls(text) == text


def test_escape_strings_copies_only_what_changes():
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Row:
        name: str
        hours: float
        tags: tuple[str, ...]

    clean = Row("Anne", 1.5, ("a",))
    assert escape_strings(clean) is clean
    dirty = [clean, Row("B\x1b", 2.0, ("\x07",))]
    assert escape_strings(dirty) == [clean, Row("B\\x1b", 2.0, ("\\x07",))]
    assert dirty[1].name == "B\x1b"  # the original is untouched
    assert json.dumps(escape_strings({"k\x1b": ["\x9b"]})) == '{"k\\\\x1b": ["\\\\x9b"]}'


def test_control_places_finds_paths_in_a_model():
    from mentorcli.store.loading import load_cohort

    model = load_cohort(Path(__file__).parent / "data" / "example.yaml").model
    assert control_places(model) == []
    changed = model.model_copy(update={"participants": [
        model.participants[0].model_copy(update={"title": "x\x1by"}), *model.participants[1:]]})
    assert control_places(changed) == [(("participants", 0, "title"), "\\x1b")]

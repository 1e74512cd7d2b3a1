"""Hostile and unlucky spreadsheets (issue 11) and check-in files read like people files
(issue 12): bounded, refused early with a row number, never silently cut."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcli.errors import InputFileError
from mentorcli.importing.checkins import checkins_of_sheet, key_for_header
from mentorcli.importing.spreadsheet import parse_csv_text

DATA = Path(__file__).parent / "data"


def workbook_bytes(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def inflate(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    """The workbook with `old` replaced by `new` in one of its parts."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.endswith(part):
                content = content.replace(old, new)
            out.writestr(info, content)
    return buffer.getvalue()


# --- decompression bombs and giant sheets -------------------------------------------------------


@pytest.mark.slow
def test_an_xlsx_that_unpacks_to_gigabytes_is_refused_before_unpacking(run, example_path,
                                                                     tmp_path):
    plain = workbook_bytes([["name", "email", "role"], ["Anne", "anne@example.com", "mentor"]])
    bomb = inflate(plain, "sheet1.xml", b"</sheetData>",
                   b"<row r='3'><c r='A3' t='inlineStr'><is><t>" + b"x" * (300 * 2**20)
                   + b"</t></is></c></row></sheetData>")
    path = tmp_path / "people.xlsx"
    path.write_bytes(bomb)
    assert len(bomb) < 2 * 2**20
    before = example_path.read_bytes()
    started = time.monotonic()
    result = run(["import", example_path, path])
    assert time.monotonic() - started < 10
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}: unpacks to 300 MB, more than the 200 MB a workbook may hold (a decompression "
        "bomb?); check it is the right file (MENTORCLI_SHEET_MAX_UNCOMPRESSED_MB raises the "
        "limit)\n")
    assert example_path.read_bytes() == before


def test_too_many_rows_are_refused_at_the_row_that_passes_the_limit(run, example_path,
                                                                   tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,email,role\n" + "".join(
        f"P{i},p{i}@example.com,mentee\n" for i in range(20)), encoding="utf-8")
    result = run(["import", example_path, path, "--dry-run"],
                 env={"MENTORCLI_SHEET_MAX_ROWS": "10"})
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:11: has more than 10 row(s), more than any export mentorcli reads; check it "
        "is the right file (MENTORCLI_SHEET_MAX_ROWS raises the limit)\n")


def test_too_many_rows_in_a_workbook_are_refused(run, example_path, tmp_path):
    path = tmp_path / "people.xlsx"
    path.write_bytes(workbook_bytes([["name", "email", "role"]] + [
        [f"P{i}", f"p{i}@example.com", "mentee"] for i in range(20)]))
    result = run(["import", example_path, path], env={"MENTORCLI_SHEET_MAX_ROWS": "5"})
    assert result.exit_code == 2
    assert "has more than 5 row(s)" in result.stderr


def test_too_many_cells_are_refused(run, example_path, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,email,role\n" + "a,b,c\n" * 5, encoding="utf-8")
    result = run(["import", example_path, path], env={"MENTORCLI_SHEET_MAX_CELLS": "10"})
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:4: has more than 10 cells; check it is the right file "
        "(MENTORCLI_SHEET_MAX_CELLS raises the limit)\n")


def test_a_giant_cell_is_refused_with_its_row_and_column(run, example_path, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,email,role\nAnne," + "a" * 40_000 + ",mentor\n", encoding="utf-8")
    result = run(["import", example_path, path])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:2: row 2: the cell in column B holds 40,000 characters, more than the 32,767 "
        "a cell may hold (MENTORCLI_SHEET_MAX_CELL_CHARS raises the limit)\n")


# --- an unclosed quote never swallows people ---------------------------------------------------


@pytest.mark.parametrize("skip", [[], ["--skip-invalid"], ["--dry-run"]])
def test_an_unclosed_quote_in_an_import_names_the_row_where_it_opens(run, example_path,
                                                                    tmp_path, skip):
    path = tmp_path / "people.csv"
    path.write_text("name,email,role\nAnne Martin,anne@example.com,mentor\n"
                    '"Bob Durand,bob@example.com,mentee\nCara Petit,cara@example.com,mentee\n'
                    "Dan Roy,dan@example.com,mentor\n", encoding="utf-8")
    before = example_path.read_bytes()
    result = run(["import", example_path, path, *skip])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:3: row 3: the quote that opens the cell in column A is not closed on its "
        "line, so the next 2 lines (4-5) were read into that one cell; close the quote (\") or "
        "remove it, then import again\n")
    assert example_path.read_bytes() == before


def test_a_quoted_cell_over_several_lines_is_still_read():
    sheet = parse_csv_text('name,address,role\nAnne,"1 rue Haute\n75001 Paris",mentor\n'
                           "Bob,2 rue Basse,mentee\n", "people.csv")
    assert [row.cells for row in sheet.rows] == [("Anne", "1 rue Haute\n75001 Paris", "mentor"),
                                                 ("Bob", "2 rue Basse", "mentee")]


# --- check-ins like people ---------------------------------------------------------------------

FR_HEADER = "Horodateur;Mentor;Mentoré;Date de la rencontre;Durée (minutes);Modalité;Commentaires\n"


def french_cohort(tmp_path: Path) -> Path:
    """A French cohort (its messages are French: these tests run `--lang en` to read them)."""
    path = tmp_path / "cohorte.yaml"
    path.write_bytes((DATA / "cohorte-fr.yaml").read_bytes())
    return path


def write_cp1252(tmp_path: Path, text: str, name: str = "suivi.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    return path


def test_log_from_a_french_excel_export_reads_it_as_import_does(run, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORCLI_TODAY", "2026-03-31")
    cohort = french_cohort(tmp_path)
    path = write_cp1252(tmp_path, FR_HEADER
                        + "12/03/2026 10:02;mlefebvre;lroux;10/03/2026;1h;Présentiel;"
                          "Très bon échange, à suivre\n"
                        + "12/03/2026 10:05;mlefebvre;tmoreau;12.03.2026;45 min;visio;\n")
    result = run(["--lang", "en", "log", cohort, "--from-csv", path])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"logged 2 meetings from {path}\n"
    text = cohort.read_text(encoding="utf-8")
    assert "date: 2026-03-10" in text and "date: 2026-03-12" in text
    assert "minutes: 60" in text and "minutes: 45" in text
    assert "mode: in-person" in text and "mode: video" in text
    assert "notes: Très bon échange, à suivre" in text


def test_log_from_csv_dry_run_checks_and_writes_nothing(run, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORCLI_TODAY", "2026-03-31")
    cohort = french_cohort(tmp_path)
    before = cohort.read_bytes()
    path = write_cp1252(tmp_path, FR_HEADER + "x;mlefebvre;lroux;10/03/2026;60;visio;ok\n")
    result = run(["--lang", "en", "log", cohort, "--from-csv", path, "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"dry run: would log 1 meeting from {path}; nothing written\n"
    assert cohort.read_bytes() == before


def test_log_from_csv_with_a_mapping_file(run, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORCLI_TODAY", "2026-03-31")
    cohort = french_cohort(tmp_path)
    path = write_cp1252(tmp_path, "Qui accompagne;Qui est accompagné;Le jour;Temps passé\n"
                                  "mlefebvre;lroux;10/03/2026;60\n")
    mapping = tmp_path / "colonnes.yaml"
    mapping.write_text("Qui accompagne: mentor\nQui est accompagné: mentee\nLe jour: date\n"
                       "Temps passé: minutes\n", encoding="utf-8")
    result = run(["--lang", "en", "log", cohort, "--from-csv", path, "--mapping", mapping])
    assert result.exit_code == 0, result.stderr
    assert "date: 2026-03-10" in cohort.read_text(encoding="utf-8")


def test_a_wrong_mapping_entry_is_placed(run, tmp_path):
    cohort = french_cohort(tmp_path)
    path = write_cp1252(tmp_path, "a;b;c;d\n")
    mapping = tmp_path / "colonnes.yaml"
    mapping.write_text("a: mentor\nb: minuts\n", encoding="utf-8")
    result = run(["--lang", "en", "log", cohort, "--from-csv", path, "--mapping", mapping])
    assert result.exit_code == 2
    assert result.stderr == (f"{mapping}:2:4: 'b': unknown key 'minuts' (did you mean "
                             "'minutes'?); use one of mentor, mentee, date, minutes, mode, "
                             "rating_mentor, rating_mentee, notes, or 'ignore'\n")


def test_a_note_cut_by_an_unquoted_comma_is_refused_with_its_row(run, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORCLI_TODAY", "2026-03-31")
    cohort = french_cohort(tmp_path)
    before = cohort.read_bytes()
    path = tmp_path / "checkins.csv"
    path.write_text("mentor,mentee,date,minutes,notes\n"
                    "mlefebvre,lroux,2026-03-10,60,fine\n"
                    "mlefebvre,tmoreau,2026-03-12,60,secret part one, secret part two\n",
                    encoding="utf-8")
    result = run(["--lang", "en", "log", cohort, "--from-csv", path])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}: row 3: has 6 cells but the header has 5 columns (the cell in column F has no "
        "header): an unquoted separator splits a cell, e.g. a comma in a note; put the cell "
        "in quotes\n"
        "nothing was logged: 1 of 2 rows is invalid; fix them, or pass --skip-invalid to log "
        "the others\n")
    assert "secret" not in result.stderr
    assert cohort.read_bytes() == before
    result = run(["--lang", "en", "log", cohort, "--from-csv", path, "--skip-invalid"])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (f"logged 1 meeting from {path}; skipped 1 "
                                              "invalid row")


def test_a_check_in_row_with_a_bad_date_is_named_by_its_row(run, tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORCLI_TODAY", "2026-03-31")
    cohort = french_cohort(tmp_path)
    path = write_cp1252(tmp_path, FR_HEADER + "x;mlefebvre;lroux;31/02/2026;60;visio;\n")
    result = run(["--lang", "en", "log", cohort, "--from-csv", path])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}: row 2: ")


@pytest.mark.parametrize(("header", "key"), [
    ("Mentoré", "mentee"), ("mentorée", "mentee"), ("Durée (minutes)", "minutes"),
    ("DUREE", "minutes"), ("Date de la rencontre", "date"), ("Note du mentoré", "rating_mentee"),
    ("Compte-rendu", "notes"), ("Modalité", "mode"), ("Horodateur", None), ("E-mail", None),
])
def test_check_in_headers_in_english_and_french(header, key):
    assert key_for_header(header) == key


def test_check_ins_read_tabs_and_utf16_like_people():
    sheet = parse_csv_text("mentor\tmentee\tdate\tminutes\nm1\te1\t2026-03-10\t1h30\n",
                           "c.tsv")
    checkins = checkins_of_sheet(sheet)
    assert [row.values for row in checkins.rows] == [
        {"mentor": "m1", "mentee": "e1", "date": "2026-03-10", "minutes": "90"}]


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet='ab,;"\n\r\t é', max_size=200))
def test_any_csv_text_is_rows_or_a_placed_refusal_never_lost_rows(text):
    try:
        sheet = parse_csv_text("mentor,mentee,date,minutes\n" + text, "c.csv")
    except InputFileError as error:
        assert error.finding.file == "c.csv"
        return
    assert all(len(row.cells) == 4 for row in sheet.rows)
    checkins = checkins_of_sheet(sheet)
    assert len(checkins.rows) + len(checkins.refused) == len(sheet.rows)

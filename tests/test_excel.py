"""Exports that Excel opens right: `report --format xlsx` checked cell by cell with openpyxl,
`--excel` CSV (BOM, `;` and decimal comma in French), and the same for `scores` and `pair`."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from mentorcli.reports.excel import DATE_FORMAT, PERCENT_FORMAT, sheet_title

COHORT = """\
version: 1
cohort:
  id: excel-test
  name: Excel test
  language: {language}
  start: 2026-01-12
  end: 2026-12-18
  cadence: monthly
objectives:
  - {{id: lead, title: Leadership, target: 80, unit: "%",
     results: [{{date: 2026-03-01, value: 45.5}}]}}
participants:
  - {{id: m1, name: Léa Mentor, email: lea@example.com, role: mentor, capacity: 2,
     trained: 2026-01-05, department: A}}
  - {{id: m2, name: Marc Second, email: marc@example.com, role: mentor, trained: 2026-01-05,
     department: A}}
  - {{id: e1, name: Éva Menteé, email: eva@example.com, role: mentee, department: B}}
  - {{id: e2, name: '=HYPERLINK("http://evil.example")', email: e2@example.com, role: mentee,
     department: C}}
pairs:
  - mentor: m1
    mentee: e1
    status: active
    started: 2026-01-20
    signed: {{mentor: 2026-01-20, mentee: 2026-01-21}}
    goals:
      - {{id: speak, text: Speak up, objective: lead, progress: 85}}
sessions:
  - {{mentor: m1, mentee: e1, date: 2026-02-03, minutes: 90, rating: {{mentor: 4, mentee: 5}},
     notes: SECRET-NOTE}}
"""


def cohort(tmp_path: Path, language: str = "fr") -> Path:
    path = tmp_path / f"cohort-{language}.yaml"
    path.write_text(COHORT.format(language=language), encoding="utf-8")
    return path


def workbook(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)


def test_report_xlsx_typed_cells_in_the_cohort_language(run, tmp_path):
    out = tmp_path / "report.xlsx"
    result = run(["report", cohort(tmp_path), "--as-of", "2026-03-25", "--format", "xlsx",
                  "-o", out])
    assert result.exit_code == 0, result.stderr
    book = workbook(out)
    assert book.sheetnames == ["Programme", "Objectifs du programme", "À suivre", "Binômes",
                               "Sans mentor"]
    assert book.properties.language == "fr"
    pairs = book["Binômes"]
    header = [c.value for c in pairs[1]]
    assert header[:5] == ["Mentor", "Mentoré·e", "Début", "Rencontres tenues",
                          "Rencontres attendues"]
    assert all(c.font.bold for c in pairs[1])
    assert pairs.freeze_panes == "A2"
    assert pairs.auto_filter.ref == "A1:N2"  # to date: no "in the month" column
    row = {h: c for h, c in zip(header, pairs[2], strict=True)}
    assert row["Mentor"].value == "Léa Mentor"
    assert row["Début"].is_date and row["Début"].value == dt.datetime(2026, 1, 20)
    assert row["Début"].number_format == DATE_FORMAT
    assert row["Dernière rencontre"].value == dt.datetime(2026, 2, 3)
    assert (row["Rencontres tenues"].value, row["Rencontres tenues"].data_type) == (1, "n")
    assert row["Heures"].value == 1.5
    assert row["Avancement"].value == pytest.approx(0.85)
    assert row["Avancement"].number_format == PERCENT_FORMAT
    assert (row["Note du mentor"].value, row["Note du mentoré·e"].value) == (4, 5)
    assert row["Contrat signé"].value == "oui"
    assert row["Santé"].value == "en retard"
    programme = {r[0].value: r[1] for r in book["Programme"].iter_rows(min_row=2)}
    assert programme["Participant·es"].value == 4
    rate = programme["Taux d’appariement (mentoré·es en binôme / mentoré·es)"]
    assert (rate.value, rate.number_format) == (0.5, PERCENT_FORMAT)
    objective = [c.value for c in book["Objectifs du programme"][2]]
    assert objective == ["Leadership", 80, 45.5, "%", dt.datetime(2026, 3, 1), 1, 0.85]
    text = "".join(str(c.value) for ws in book for r in ws.iter_rows() for c in r)
    assert "SECRET-NOTE" not in text


def test_report_xlsx_english_and_a_formula_stays_text(run, tmp_path):
    out = tmp_path / "report.xlsx"
    path = cohort(tmp_path, "en")
    text = path.read_text().replace("status: active\n    started: 2026-01-20\n    signed",
                                    "status: active\n    started: 2026-01-20\n    signed", 1)
    text = text.replace("sessions:", """  - mentor: m2
    mentee: e2
    status: active
    started: 2026-02-01
sessions:""")
    path.write_text(text)
    assert run(["report", path, "--as-of", "2026-03-25", "--format", "xlsx",
                "-o", out]).exit_code == 0
    book = workbook(out)
    assert book.sheetnames[:4] == ["Programme", "Objectives", "Attention", "Pairs"]
    cells = [c for c in book["Pairs"]["B"] if str(c.value).startswith("=")]
    assert [(c.value, c.data_type) for c in cells] == [
        ('=HYPERLINK("http://evil.example")', "s")]


def test_report_xlsx_is_the_same_bytes_twice(run, tmp_path):
    path = cohort(tmp_path)
    outs = [tmp_path / "a.xlsx", tmp_path / "b.xlsx"]
    for out in outs:
        assert run(["report", path, "--as-of", "2026-03-25", "--format", "xlsx",
                    "-o", out]).exit_code == 0
    assert outs[0].read_bytes() == outs[1].read_bytes()


def test_report_xlsx_is_refused_on_a_terminal(run, tmp_path, monkeypatch):
    import mentorcli.cli.commands.followup as followup

    monkeypatch.setattr(followup, "is_terminal", lambda stream=None: True)
    result = run(["report", cohort(tmp_path, "en"), "--format", "xlsx"])
    assert result.exit_code == 2
    assert "--format xlsx writes a binary file: add -o FILE.xlsx" in result.stderr


def test_report_excel_csv_french(run, tmp_path):
    result = run(["report", cohort(tmp_path), "--as-of", "2026-03-25", "--format", "csv",
                  "--excel", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbfmentor_id;mentor_name;")
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows[0]["mentor_name"] == "Léa Mentor"
    assert rows[0]["hours"] == "1,5" and rows[0]["started"] == "2026-01-20"
    assert rows[0]["mean_goal_progress"] == "85,0"


def test_report_excel_csv_english_keeps_commas(run, tmp_path):
    result = run(["report", cohort(tmp_path, "en"), "--as-of", "2026-03-25", "--format",
                  "csv", "--excel"])
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbfmentor_id,mentor_name,")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["hours"] == "1.5"


def test_plain_csv_is_unchanged_by_the_switch(run, tmp_path):
    result = run(["report", cohort(tmp_path), "--as-of", "2026-03-25", "--format", "csv"])
    assert result.stdout_bytes.startswith(b"mentor_id,mentor_name,")


def test_scores_xlsx_and_excel_csv(run, tmp_path):
    path = cohort(tmp_path)
    result = run(["scores", path, "--format", "xlsx"])
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))
    ws = book["scores"]
    assert [c.value for c in ws[1]] == ["mentor", "e1", "e2"]
    assert ws["A2"].value == "m1" and isinstance(ws["B2"].value, float)
    assert ws.freeze_panes == "A2"
    result = run(["scores", path, "--format", "csv", "--excel"])
    lines = result.stdout_bytes.decode("utf-8-sig").splitlines()
    assert lines[0] == "mentor;e1;e2"
    assert lines[1].startswith("m1;0,") and "." not in lines[1]


def test_pair_csv_and_xlsx(run, tmp_path):
    path = cohort(tmp_path)
    result = run(["pair", path, "--dry-run", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["mentor", "mentee", "score", "why"]
    assert rows[1][1] == "e2" and float(rows[1][2]) > 0
    result = run(["pair", path, "--dry-run", "--format", "csv", "--excel"])
    text = result.stdout_bytes.decode("utf-8")
    # the columns are codes, the same in every language; French Excel's `;` and decimal comma
    assert text.startswith("\ufeffmentor;mentee;score;why\r\n")
    result = run(["pair", path, "--dry-run", "--format", "xlsx"])
    ws = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))["pairs"]
    assert [c.value for c in ws[1]] == ["mentor", "mentee", "score", "why"]
    assert ws["C2"].data_type == "n"


@pytest.mark.parametrize(("title", "expected"), [
    ("Contrats pas encore signés par les deux parties", "Contrats pas encore signés par"),
    ("a/b:c?", "a b c"), ("", "Sheet")])
def test_sheet_titles_are_legal(title, expected):
    assert sheet_title(title, set()) == expected


def test_sheet_titles_are_unique():
    taken: set[str] = set()
    assert [sheet_title("Pairs", taken) for _ in range(3)] == ["Pairs", "Pairs (2)",
                                                              "Pairs (3)"]


def test_excel_csv_defuses_formulas_and_writes_typed_values():
    from mentorcli.reports.excel import Percent, excel_csv

    text = excel_csv(["name", "when", "share", "n"],
                     [['=HYPERLINK("x")', dt.date(2026, 3, 1), Percent(12.5), 1.25],
                      ["-1+1", None, None, 3]], "fr")
    assert text == ("\ufeffname;when;share;n\r\n"
                    "\"'=HYPERLINK(\"\"x\"\")\";2026-03-01;12,5%;1,25\r\n"
                    "'-1+1;;;3\r\n")

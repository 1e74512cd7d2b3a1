"""The regular report and issue 14: mentors without supervision for longer than the rhythm,
open concerns past their follow-up date and untrained mentors are listed in every format,
`--fail-on supervision|concerns|untrained` exits 1 for cron, survey answers feed a pair's
health verdict, and a concern's description is never printed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from evaluation_cohort import responses, write_cohort

REPO = Path(__file__).resolve().parent.parent
FRENCH = REPO / "cohorts" / "mentorat-managers-2026.yaml"
SECRET = "PLANTED-CONCERN-DESCRIPTION-4b7a"
DAY = "2026-12-07"


@pytest.fixture
def french(tmp_path: Path) -> Path:
    path = tmp_path / "cohorte.yaml"
    text = FRENCH.read_text(encoding="utf-8").replace(
        "Rencontres trop courtes, la mentorée ne se sent pas écoutée.", SECRET)
    assert SECRET in text
    path.write_text(text, encoding="utf-8")
    return path


def test_json_lists_supervision_and_concerns_due(run, french):
    result = run(["report", french, "--as-of", DAY, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    programme = json.loads(result.stdout)["programme"]
    assert programme["supervision_due"] == [
        {"mentor": {"id": "kbenali", "name": "Karim Benali",
                    "email": "karim.benali@example.com"},
         "last_supervision": "2026-03-05", "days": 277}]
    assert programme["concerns_due"] == [
        {"id": "c-2026-02",
         "about": [{"id": "kschneider", "name": "Katrin Schneider",
                    "email": "katrin.schneider@example.com"},
                   {"id": "tvogel", "name": "Tobias Vogel",
                    "email": "tobias.vogel@example.com"}],
         "severity": "medium", "follow_up": "2026-11-30", "days_late": 7}]
    assert SECRET not in result.stdout


def test_the_table_in_french_shows_both_lists(run, french):
    result = run(["report", french, "--as-of", DAY])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    start = lines.index("Mentors sans supervision depuis plus longtemps que le rythme prévu")
    assert lines[start + 3].split() == ["Karim", "Benali", "5", "mars", "2026", "277"]
    start = lines.index("Difficultés ouvertes dont la date de suivi est passée")
    assert lines[start + 3].split() == ["c-2026-02", "Katrin", "Schneider", "->", "Tobias",
                                        "Vogel", "moyenne", "30", "novembre", "2026", "7"]


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json", "html", "xlsx"])
def test_no_format_prints_a_concern_description(run, french, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    result = run(["report", french, "--as-of", DAY, "--format", fmt, "-o", out])
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert SECRET.encode() not in data
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(out)
        assert "Supervision en retard" in book.sheetnames
        assert "Difficultés en retard" in book.sheetnames
        assert [c.value for c in book["Difficultés en retard"][2]][:3] == \
            ["c-2026-02", "Katrin Schneider -> Tobias Vogel", "moyenne"]
    elif fmt in ("markdown", "html"):
        assert "Difficultés ouvertes dont la date de suivi est passée" in data.decode()


@pytest.mark.parametrize(("level", "code"), [("supervision", 1), ("concerns", 1),
                                             ("untrained", 0)])
def test_fail_on_the_support_lists(run, french, level, code):
    result = run(["report", french, "--as-of", DAY, "--format", "json", "--fail-on", level])
    assert result.exit_code == code, result.stderr
    early = run(["report", french, "--as-of", "2026-05-31", "--format", "json", "--fail-on",
                 level])
    assert early.exit_code == 0  # supervised in March, concern not yet due


def test_fail_on_untrained(run, tmp_path):
    path = write_cohort(tmp_path, pairs=2)
    text = path.read_text(encoding="utf-8").replace("    trained: 2026-01-05\n", "", 1)
    path.write_text(text, encoding="utf-8")
    result = run(["report", path, "--as-of", "2026-02-20", "--fail-on", "untrained"])
    assert result.exit_code == 1
    assert "Mentors without training" in result.stdout
    assert "Mentor 1" in result.stdout.split("Mentors without training")[1]


def test_supervise_and_resolve_clear_the_lists(run, french):
    assert run(["supervise", french, "kbenali", "--date", "2026-11-20"]).exit_code == 0
    assert run(["concern", french, "c-2026-02", "--resolve", "--date", "2026-12-04"]) \
        .exit_code == 0
    for level in ("supervision", "concerns"):
        assert run(["report", french, "--as-of", DAY, "--format", "json", "--fail-on",
                    level]).exit_code == 0


def test_survey_answers_feed_the_health_verdict(run, tmp_path):
    extra = responses("mid-mentee", ["e1"], [2]) + """  - survey: mid-mentor
    person: m2
    date: 2026-02-15
    answers: {satisfaction: 5, relationship: 5, goals: true}
  - survey: mid-mentee
    person: e2
    date: 2026-02-15
    answers: {satisfaction: 3, relationship: 3, goals: false}
"""
    extra = extra.replace("2026-06-30", "2026-02-15")
    path = write_cohort(tmp_path, pairs=3, extra=extra)
    result = run(["report", path, "--as-of", "2026-02-20", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    verdicts = {p["mentor"]["id"]: (p["health"], p["reason"])
                for p in json.loads(result.stdout)["pairs"]}
    assert verdicts == {
        "m1": ("at risk", "mid-programme survey: low satisfaction (mentee)"),
        "m2": ("at risk", "mid-programme survey: mentor and mentee disagree sharply"),
        "m3": ("on track", "no meeting expected yet"),
    }
    table = run(["report", path, "--as-of", "2026-02-20", "--fail-on", "at-risk"])
    assert table.exit_code == 1


def test_anonymized_report_swaps_the_people_of_the_lists(run, french):
    result = run(["report", french, "--as-of", DAY, "--format", "json", "--anonymize"])
    assert result.exit_code == 0, result.stderr
    programme = json.loads(result.stdout)["programme"]
    assert programme["supervision_due"][0]["mentor"]["name"].startswith("Participant ")
    assert all(r["name"].startswith("Participant ")
               for r in programme["concerns_due"][0]["about"])
    assert "Benali" not in result.stdout and "Schneider" not in result.stdout


def test_the_shipped_cohort_copy_reports_with_the_readme_options(run, tmp_path):
    path = tmp_path / "cohort.yaml"
    shutil.copyfile(FRENCH, path)
    result = run(["report", path, "--as-of", DAY, "--format", "markdown", "--fail-on",
                  "concerns"])
    assert result.exit_code == 1
    assert "## Difficultés ouvertes dont la date de suivi est passée" in result.stdout

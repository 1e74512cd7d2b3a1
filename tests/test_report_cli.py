"""`mentorcli report` end to end: every format parsed back, --month/--as-of, --fail-on exit
codes, --output, anonymisation, confidentiality of notes, and the cron environment."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from terminal import run_on_terminal

from mentorcli.reports.render import CSV_COLUMNS

SECRET = "PLANTED-NOTE-d41d8cd9"
REPO = Path(__file__).resolve().parent.parent
MENTORCLI = str(Path(sys.executable).parent / "mentorcli")
FORMATS = ("table", "markdown", "csv", "json", "html")

COHORT = """\
# Report test cohort. Names carry markup, quotes and a spreadsheet formula on purpose.
version: 1
cohort:
  id: report-test
  name: Report <test> & "cohort"
  start: 2026-01-12
  end: 2026-12-18
  cadence: monthly
  coordinator: {name: Claire Dubois, email: claire.dubois@example.com}
objectives:
  - id: lead
    title: Leadership
    target: 80
    unit: "%"
    results:
      - {date: 2026-03-01, value: 45}
  - id: keep
    title: Retention
    target: 90
    unit: "%"
participants:
  - {id: m1, name: Mia One, email: mia.one@example.com, role: mentor, capacity: 2,
     trained: 2026-01-05}
  - {id: m2, name: "Zoé <b>Z</b> O'Neil & Co", email: zoe@example.com, role: mentor,
     trained: 2026-01-05}
  - {id: m3, name: "[contractor] Bob", email: bob@example.com, role: mentor}
  - {id: e1, name: Eva One, email: eva.one@example.com, role: mentee}
  - {id: e2, name: Eli | Two, email: eli.two@example.com, role: mentee}
  - {id: e3, name: Ema Three, email: ema.three@example.com, role: mentee}
  - {id: e4, name: '=HYPERLINK("http://evil.example")', email: e4@example.com, role: mentee}
pairs:
  - mentor: m1
    mentee: e1
    status: active
    started: 2026-01-20
    signed: {mentor: 2026-01-20, mentee: 2026-01-21}
    goals:
      - {id: speak, text: Speak up, objective: lead, progress: 100}
  - mentor: m2
    mentee: e2
    status: active
    started: 2026-01-20
  - mentor: m3
    mentee: e3
    status: active
    started: 2026-01-20
  - mentor: m1
    mentee: e4
    status: ended
    started: 2026-01-20
    ended: 2026-03-01
    end_reason: mentee moved to Berlin
sessions:
  - {mentor: m1, mentee: e1, date: 2026-02-03, minutes: 60, rating: {mentor: 4, mentee: 5},
     notes: PLANTED-NOTE-d41d8cd9}
  - {mentor: m1, mentee: e1, date: 2026-03-03, minutes: 45, notes: PLANTED-NOTE-d41d8cd9}
  - {mentor: m2, mentee: e2, date: 2026-02-10, minutes: 60, rating: {mentee: 4}}
  - {mentor: m2, mentee: e2, date: 2026-03-24, minutes: 30, rating: {mentee: 1},
     notes: "PLANTED-NOTE-d41d8cd9 <script>alert(1)</script>"}
  - {mentor: m1, mentee: e4, date: 2026-02-15, minutes: 60, notes: PLANTED-NOTE-d41d8cd9}
"""

# As of 2026-02-05 every pair is on track; on 2026-02-25 m3 -> e3 is behind (never met, one
# meeting expected); on 2026-03-25 m2 -> e2 is at risk (mean mentee rating 2.5) and
# m3 -> e3 inactive (no meeting for two months).
ALL_WELL, BEHIND_ONLY, WORST = "2026-02-05", "2026-02-25", "2026-03-25"


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    path = tmp_path / "cohort.yaml"
    path.write_text(COHORT, encoding="utf-8")
    return path


def report(run, cohort: Path, *args: str):
    return run(["report", str(cohort), *args])


def as_json(run, cohort: Path, *args: str) -> dict:
    result = report(run, cohort, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# ------------------------------------------------------------------ formats


def test_json_shape(run, cohort):
    data = as_json(run, cohort, "--as-of", WORST)
    assert list(data) == ["format", "format_version", "cohort", "as_of", "period",
                          "anonymized", "thresholds", "programme", "pairs"]
    assert (data["format"], data["format_version"]) == ("mentorcli-report", 1)
    assert data["as_of"] == WORST
    assert data["period"] == {"kind": "to-date", "start": "2026-01-12", "end": WORST}
    assert data["thresholds"] == {"behind_missing": 1, "at_risk_missing": 2,
                                  "at_risk_rating": 2.5, "inactive_periods": 2}
    assert [(p["mentor"]["id"], p["mentee"]["id"], p["health"]) for p in data["pairs"]] == [
        ("m1", "e1", "on track"), ("m2", "e2", "at risk"), ("m3", "e3", "inactive"),
        ("m1", "e4", "ended")]
    first = data["pairs"][0]
    assert first["mentor"] == {"id": "m1", "name": "Mia One", "email": "mia.one@example.com"}
    assert (first["sessions_held"], first["sessions_expected"], first["hours"]) == (2, 2, 1.75)
    assert first["contract_signed"] is True
    assert data["pairs"][3]["reason"] == "ended on 2026-03-01: mentee moved to Berlin"
    p = data["programme"]
    assert p["health"] == {"on track": 1, "behind": 0, "at risk": 1, "inactive": 1,
                           "ended": 1, "not started": 0}
    assert [a["mentee"]["id"] for a in p["attention"]] == ["e3", "e2"]
    assert [m["id"] for m in p["mentors_without_training"]] == ["m3"]
    assert [(c["mentee"]["id"], c["missing"]) for c in p["contracts_not_signed"]] == [
        ("e2", ["mentor", "mentee"]), ("e3", ["mentor", "mentee"])]
    assert p["objectives"][0] == {"id": "lead", "title": "Leadership", "target": 80.0,
                                  "unit": "%", "latest_result": 45.0,
                                  "latest_result_date": "2026-03-01", "goals": 1,
                                  "mean_goal_progress": 100.0}
    assert p["meetings_per_month"] == [{"month": "2026-01", "sessions": 0},
                                       {"month": "2026-02", "sessions": 3},
                                       {"month": "2026-03", "sessions": 2}]


def test_csv_parses_back_with_one_row_per_pair(run, cohort):
    result = report(run, cohort, "--as-of", WORST, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["health"] for r in rows] == ["on track", "at risk", "inactive", "ended",
                                           "unmatched"]
    assert rows[4]["mentor_id"] == "" and rows[4]["status"] == "unmatched"  # issue 12
    assert rows[1]["mentor_name"] == "Zoé <b>Z</b> O'Neil & Co"
    assert rows[3]["mentee_name"] == "'=HYPERLINK(\"http://evil.example\")"  # not a formula
    assert rows[0]["last_meeting"] == "2026-03-03" and rows[2]["last_meeting"] == ""


class _Checker(HTMLParser):
    VOID = {"meta", "br", "hr", "img", "input", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def test_html_is_one_well_formed_self_contained_page_with_three_charts(run, cohort):
    result = report(run, cohort, "--as-of", WORST, "--format", "html")
    assert result.exit_code == 0
    page = result.stdout
    root = ET.fromstring(page)  # well-formed XML, DOCTYPE included
    svgs = root.findall(".//svg")
    assert len(svgs) == 3
    titles = [svg.find("title").text for svg in svgs]
    assert titles == ["Meetings per month", "Pairs by health", "Objectives against target"]
    assert len(root.findall(".//svg//rect")) > 6
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == []
    for external in ("<script", "src=", "href=", "url(", "@import", "<link"):
        assert external not in page
    assert "<b>Z</b>" not in page and "&lt;b&gt;Z&lt;/b&gt;" in page
    assert "Report &lt;test&gt; &amp; &#34;cohort&#34;" in page  # Jinja2 escaping


def test_markdown_escapes_user_data(run, cohort):
    result = report(run, cohort, "--as-of", WORST, "--format", "markdown")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# Progress report: Report \\<test> & \"cohort\"\n")
    assert "## Pairs needing attention (worst first)" in text
    assert "\\[contractor\\] Bob" in text
    assert "Eli \\| Two" in text
    table = [line for line in text.splitlines() if line.startswith("| Mia One | Eva One")]
    assert table and table[0].count(" | ") == 11  # 12 columns, no cell split by a "|"


def test_table_when_piped_is_plain_tabulate(run, cohort):
    result = report(run, cohort, "--as-of", WORST)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "Pairs needing attention (worst first)" in result.stdout
    assert re.search(r"^-{5,}\s+-{5,}", result.stdout, re.M)  # tabulate's rule line
    assert "[contractor] Bob" in result.stdout  # brackets are data, not markup
    assert result.stderr == ""


NBSP, NNBSP = "\u00a0", "\u202f"
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def french(cohort: Path) -> Path:
    cohort.write_text(COHORT.replace("  cadence: monthly\n",
                                     "  cadence: monthly\n  language: fr\n"))
    return cohort


def test_french_cohort_reports_in_french(run, cohort):
    french(cohort)
    table = report(run, cohort, "--as-of", WORST).stdout
    assert "Binômes à suivre (les plus urgents d’abord)" in table
    assert f"Situation au 25 mars 2026 · Période{NBSP}: du 12 janvier 2026 au 25 mars 2026" \
        in table
    assert re.search(r"inactif +aucune rencontre depuis le début du binôme, le 20 janvier "
                     r"2026 \(2 mois ou plus\)", table)
    assert f"terminé le 1er mars 2026{NBSP}: mentee moved to Berlin" in table
    data = as_json(run, cohort, "--as-of", WORST)
    assert data["pairs"][2]["health"] == "inactive"  # JSON codes stay English
    assert data["pairs"][2]["reason"] == "no meeting since the pair started on 2026-01-20 " \
                                         "(2 months or more)"


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_french_reports_follow_french_typography(run, cohort, fmt):
    """Decimal commas, a no-break space before % and ':', dates in words, real plurals."""
    text = report(run, french(cohort), "--as-of", WORST, "--format", fmt).stdout
    if fmt == "html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", text.split("<body>", 1)[1]))
    assert f"66,7{NNBSP}% (2 sur 3)" in text  # engagement
    assert f"45{NNBSP}% (1er mars 2026)" in text  # the latest result of an objective
    assert "3,5 (mentors 4" in text and "mentoré·es 3,33)" in text  # mean satisfaction
    assert "1,75" in text and "1.75" not in text  # hours
    assert "Santé des binômes" in text and "1 inactif, 1 terminé" in text
    assert "0 proposé, 3 actifs, 1 terminé" in text
    assert f"Seuils (section follow_up du fichier de la cohorte){NBSP}:" in text.replace(
        "follow\\_up", "follow_up")
    assert "1 rencontre manquante" in text and "2 rencontres manquantes" in text
    assert "(s)" not in text  # no "rencontre(s)": plurals agree with their number
    assert not ISO_DATE.search(text), ISO_DATE.search(text)
    assert not re.search(r"\d\.\d", text)  # no decimal point anywhere
    assert not re.search(r"\d%", text)  # always a space before %
    assert " :" not in text.replace(f"{NBSP}:", "")  # never a breaking space before ':'


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_english_reports_read_naturally(run, cohort, fmt):
    text = report(run, cohort, "--as-of", WORST, "--format", fmt).stdout
    if fmt == "html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", text.split("<body>", 1)[1]))
    assert "As of 25 March 2026 · Period: 12 January 2026 to 25 March 2026" in text
    assert "66.7% (2 of 3)" in text
    assert "no meeting since the pair started on 20 January 2026 (2 months or more)" in text
    assert "ended on 1 March 2026: mentee moved to Berlin" in text
    assert "“behind” from 1 missing meeting; “at risk” from 2 missing meetings" in text
    assert "(s)" not in text
    assert not ISO_DATE.search(text), ISO_DATE.search(text)


def test_month_of_a_french_cohort_is_named_in_words(run, cohort):
    text = report(run, french(cohort), "--month", "2026-02", "--format", "markdown").stdout
    assert f"Situation au 28 février 2026 · Période{NBSP}: février 2026 · rythme{NBSP}: " \
           "mensuel" in text
    assert "| Rencontres dans le mois | 3 |" in text
    assert "Dans le mois" in text  # the pair table's column of the month's meetings


# ------------------------------------------------------------------ notes never leak


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("period", [("--as-of", WORST), ("--month", "2026-03")])
@pytest.mark.parametrize("anonymize", [(), ("--anonymize",)])
def test_no_session_note_in_any_format(run, cohort, tmp_path, fmt, period, anonymize):
    result = report(run, cohort, *period, "--format", fmt, *anonymize)
    assert result.exit_code == 0
    assert SECRET not in result.stdout + result.stderr
    assert "alert(1)" not in result.stdout
    out = tmp_path / f"out.{fmt}"
    result = report(run, cohort, *period, "--format", fmt, *anonymize, "--output", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert SECRET not in out.read_text(encoding="utf-8")


# ------------------------------------------------------------------ anonymisation


def test_anonymize_replaces_every_person_stably(run, cohort):
    first = as_json(run, cohort, "--as-of", WORST, "--anonymize")
    again = as_json(run, cohort, "--as-of", WORST, "--anonymize")
    assert first == again
    text = json.dumps(first, ensure_ascii=False)
    for real in ("Mia One", "mia.one@example.com", "Zoé", "contractor", "Eva One",
                 "HYPERLINK", "Claire Dubois", "Berlin", '"m1"', '"e1"'):
        assert real not in text
    assert first["anonymized"] is True
    assert first["cohort"]["coordinator"] is None
    ids = {p["mentor"]["id"] for p in first["pairs"]} | {p["mentee"]["id"]
                                                        for p in first["pairs"]}
    assert len(ids) == 7 and all(re.fullmatch(r"p-[0-9a-f]{10}", i) for i in ids)
    m1 = first["pairs"][0]["mentor"]
    assert first["pairs"][3]["mentor"] == m1  # the same person, the same pseudonym
    assert m1["name"] == "Participant " + m1["id"][2:]
    assert m1["email"] == m1["id"] + "@example.invalid"
    assert first["pairs"][3]["reason"] == "ended on 2026-03-01: reason withheld"
    rows = list(csv.DictReader(io.StringIO(
        report(run, cohort, "--as-of", WORST, "--format", "csv", "--anonymize").stdout)))
    assert rows[0]["mentor_id"] == m1["id"]
    for fmt in ("table", "markdown", "html"):
        out = report(run, cohort, "--as-of", WORST, "--format", fmt, "--anonymize").stdout
        assert "Mia One" not in out and "Zo&#x27;" not in out and "Zoé" not in out
        assert m1["name"] in out


def test_pseudonyms_depend_on_the_secret_key(run, cohort):
    plain = as_json(run, cohort, "--as-of", WORST, "--anonymize")
    other = run(["report", str(cohort), "--as-of", WORST, "--format", "json", "--anonymize"],
                env={"MENTORCLI_PSEUDONYM_KEY": "s3cret"})
    assert json.loads(other.stdout)["pairs"][0]["mentor"]["id"] != \
        plain["pairs"][0]["mentor"]["id"]


# ------------------------------------------------------------------ --fail-on


@pytest.mark.parametrize(("as_of", "level", "code"), [
    (ALL_WELL, "behind", 0), (ALL_WELL, "at-risk", 0), (ALL_WELL, "inactive", 0),
    (BEHIND_ONLY, "behind", 1), (BEHIND_ONLY, "at-risk", 0), (BEHIND_ONLY, "inactive", 0),
    (WORST, "behind", 1), (WORST, "at-risk", 1), (WORST, "inactive", 1),
])
def test_fail_on_exit_codes(run, cohort, as_of, level, code):
    result = report(run, cohort, "--as-of", as_of, "--fail-on", level, "--format", "json")
    assert result.exit_code == code
    assert json.loads(result.stdout)["as_of"] == as_of  # the report is printed either way
    assert result.stderr == ""


def test_fail_on_rejects_an_unknown_level(run, cohort):
    result = report(run, cohort, "--fail-on", "late")
    assert result.exit_code == 2


# ------------------------------------------------------------------ --month and --as-of


def test_month_reports_that_calendar_month(run, cohort):
    data = as_json(run, cohort, "--month", "2026-03")
    assert data["as_of"] == "2026-03-31"
    assert data["period"] == {"kind": "month", "start": "2026-03-01", "end": "2026-03-31"}
    assert data["programme"]["sessions_in_period"] == 2
    assert data["programme"]["sessions_to_date"] == 5
    assert [p["sessions_in_period"] for p in data["pairs"]] == [1, 1, 0, 0]
    feb = as_json(run, cohort, "--month", "2026-02")
    assert feb["pairs"][3]["status"] == "active"  # ended on 1 March: active in February
    assert feb["programme"]["sessions_in_period"] == 3


def test_as_of_defaults_to_today(run, cohort):
    import datetime as dt

    assert as_json(run, cohort)["as_of"] == dt.date.today().isoformat()


@pytest.mark.parametrize(("args", "message"), [
    (("--month", "2026-03", "--as-of", "2026-03-01"), "exclusive"),
    (("--month", "March"), "expected a month like 2026-03"),
    (("--as-of", "yesterday"), "expected a date like"),
    (("--month", "2999-01"), "--month 2999-01: that month has not begun yet (today is "),
])
def test_bad_period_options(run, cohort, args, message):
    result = report(run, cohort, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_or_invalid_cohort_file(run, tmp_path):
    result = run(["report", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2 and "nope.yaml" in result.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(COHORT.replace("minutes: 45", "minutes: lots"))
    result = run(["report", str(bad)])
    assert result.exit_code == 2
    assert "bad.yaml:" in result.stderr and "minutes" in result.stderr
    assert SECRET not in result.stderr


# ------------------------------------------------------------------ --output


def test_output_writes_the_file_and_nothing_else(run, cohort, tmp_path):
    out = tmp_path / "reports" / "2026-03.md"
    result = report(run, cohort, "--month", "2026-03", "--format", "markdown",
                    "--output", str(out))
    assert result.exit_code == 0
    assert (result.stdout, result.stderr) == ("", "")
    assert out.read_text(encoding="utf-8").startswith("# Progress report")
    assert [p.name for p in out.parent.iterdir()] == ["2026-03.md"]  # no temp file left
    table = tmp_path / "table.txt"
    assert report(run, cohort, "--output", str(table)).exit_code == 0
    assert "\x1b" not in table.read_text()


def test_output_refuses_the_cohort_file_itself(run, cohort):
    before = cohort.read_text()
    result = report(run, cohort, "--format", "json", "--output", str(cohort))
    assert result.exit_code == 2 and "cohort file itself" in result.stderr
    assert cohort.read_text() == before


# ------------------------------------------------------------------ cron


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_cron_environment_no_escape_codes_and_silent_stderr(cohort, tmp_path, fmt):
    """`env -i`: no TERM, no HOME, no locale; stdout is a pipe, as under cron."""
    env = {"PATH": "/usr/bin:/bin"}
    proc = subprocess.run([MENTORCLI, "report", str(cohort), "--as-of", WORST, "--format", fmt],
                          capture_output=True, env=env, cwd=tmp_path, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    assert b"\x1b" not in proc.stdout
    assert b"Mia One" in proc.stdout
    out = tmp_path / "monthly.md"
    proc = subprocess.run(["env", "-i", "PATH=/usr/bin:/bin", MENTORCLI, "report",
                           str(cohort), "--month", "2026-03", "--format", fmt,
                           "--output", str(out), "--fail-on", "inactive"],
                          capture_output=True, cwd=tmp_path, timeout=60)
    assert proc.returncode == 1  # m3 -> e3 is inactive at the end of March
    assert (proc.stdout, proc.stderr) == (b"", b"")
    assert "\x1b" not in out.read_text(encoding="utf-8")


def test_anonymized_pseudonyms_are_the_same_in_another_process(run, cohort, tmp_path):
    here = as_json(run, cohort, "--as-of", WORST, "--anonymize")
    proc = subprocess.run([MENTORCLI, "report", str(cohort), "--as-of", WORST, "--format",
                           "json", "--anonymize"], capture_output=True, timeout=60,
                          env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert json.loads(proc.stdout) == here


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_cohort_before_its_start(run, tmp_path, fmt):
    path = tmp_path / "empty.yaml"
    path.write_text("version: 1\ncohort:\n  id: empty\n  name: Empty\n  start: 2026-01-12\n"
                    "  end: 2026-12-18\n")
    result = run(["report", path, "--as-of", "2025-12-01", "--format", fmt])
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["pairs"] == [] and data["programme"]["match_rate_pct"] is None
    elif fmt == "html":
        assert len(ET.fromstring(result.stdout).findall(".//svg")) == 2  # no objectives
    elif fmt == "csv":
        assert result.stdout.splitlines() == [",".join(CSV_COLUMNS)]
    else:
        assert "Nothing to report." in result.stdout


# ------------------------------------------------------------------ on a terminal


def on_a_terminal(args: list[str], columns: int) -> str:
    """What `mentorcli ARGS` shows on a `columns`-wide terminal, without colour."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(NO_COLOR="1", TERM="xterm")
    return run_on_terminal([MENTORCLI, *args], env, columns)


@pytest.mark.parametrize("columns", [80, 120, 220])
def test_terminal_tables_fit_and_never_cut_a_word(cohort, columns):
    text = on_a_terminal(["report", str(cohort), "--as-of", WORST], columns)
    assert "\x1b[" not in text  # NO_COLOR: no escape codes at all
    lines = text.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= columns
    assert "…" not in text
    words = set(text.split())
    for expected in ("[contractor]", "<b>Z</b>", "O'Neil", "Berlin", "January", "Eli", "|",
                     '=HYPERLINK("http://evil.example")'):
        assert expected in words, expected
    assert "Pairs needing attention (worst first)" in lines
    if columns >= 200:  # the pairs as a table
        assert any(line.startswith("Mia One ") and "20 January 2026" in line for line in lines)
    else:  # too narrow for 12 columns: one block per pair, nothing cut
        assert "Mia One · Eva One" in lines
        assert "Started: 20 January 2026 · Met / expected: 2 / 2" in text


def test_terminal_widths_share_the_room_or_give_up():
    from mentorcli.reports.render import terminal_widths

    headers = ["Name", "Started", "Reason"]
    rows = [["Jean-Baptiste Lefèvre-Dupont", "2 February 2026",
             "4 of 8 expected meetings missing; mean rating at or under 2.5"]]
    widths = terminal_widths(headers, rows, 120)
    assert widths == [28, 15, 61]  # everything fits on one line
    widths = terminal_widths(headers, rows, 70)
    assert widths is not None and widths[1] == 15 and sum(widths) + 2 * 3 <= 70
    assert min(widths[0], widths[2]) >= 16  # text columns wrap, never under 16
    assert terminal_widths(headers, rows, 40) is None  # no room: blocks instead


# ------------------------------------------------------------------ docs


def _fenced_after(text: str, marker: str) -> str:
    """The first ```markdown block after `marker` in a document."""
    rest = text[text.index(marker):]
    start = rest.index("```markdown\n") + len("```markdown\n")
    return rest[start:rest.index("\n```", start) + 1]


def test_docs_examples_are_what_report_prints(run, tmp_path):
    """docs/followup.md shows the real output of the shipped example cohorts."""
    docs = (REPO / "docs" / "followup.md").read_text(encoding="utf-8")
    english = REPO / "cohorts" / "reverse-digital-2026.yaml"
    shown = _fenced_after(docs, "--month 2026-05 --format markdown\n")
    result = run(["report", english, "--month", "2026-05", "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    assert shown == result.stdout
    french = REPO / "cohorts" / "mentorat-managers-2026.yaml"
    excerpt = _fenced_after(docs, "The same report of a French cohort")
    printed = run(["report", french, "--month", "2026-10", "--format", "markdown"]).stdout
    for line in excerpt.splitlines():
        if line not in ("...", "| ... | ... |"):
            assert line in printed.splitlines(), line

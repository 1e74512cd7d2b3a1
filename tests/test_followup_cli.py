"""The writing follow-up commands end to end: approve, log (one meeting, a check-in CSV),
goal, end, result. Minimal diffs on a commented file, refusals that write nothing, notes
never echoed, and concurrent `log` processes that lose nothing."""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest

from mentorcli.store.loading import load_cohort

SECRET = "PLANTED-NOTE-a87ff679"
MENTORCLI = str(Path(sys.executable).parent / "mentorcli")

COHORT = """\
# Follow-up CLI test cohort. Comments must survive every command.
version: 1

cohort:
  id: followup-test
  name: Follow-up test
  start: 2026-01-12
  end: 2026-12-18
  cadence: monthly          # one meeting a month

objectives:
  - id: retention
    title: Keep new managers
    target: 90
    unit: "%"

participants:
  - id: m1
    name: Mia One
    email: mia.one@example.com
    role: mentor
    capacity: 2
    trained: 2026-01-05
  - id: m2
    name: Max Two
    email: max.two@example.com
    role: mentor
    trained: 2026-01-05
  - id: e1
    name: Eva One
    email: eva.one@example.com
    role: mentee
  - id: e2
    name: Eli Two
    email: eli.two@example.com
    role: mentee

pairs:
  - mentor: m1
    mentee: e1
    status: active          # approved in January
    started: 2026-01-20
    goals:
      - id: speak
        text: Speak at the all-hands
        progress: 10        # percent
  - mentor: m2
    mentee: e2
    status: proposed

sessions:                   # appended by mentorcli log
  - mentor: m1
    mentee: e1
    date: 2026-02-03
    minutes: 60
    rating: {mentor: 4, mentee: 5}
    notes: PLANTED-NOTE-a87ff679
"""


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    path = tmp_path / "cohort.yaml"
    path.write_text(COHORT, encoding="utf-8")
    return path


def diff(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def refused(run, cohort: Path, args: list[str], message: str) -> None:
    before = cohort.read_text()
    result = run(args)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert cohort.read_text() == before


# ------------------------------------------------------------------ log


def test_log_appends_only_the_new_lines(run, cohort):
    result = run(["log", cohort, "m1", "e1", "--date", "2026-03-03", "--minutes", "45",
                  "--mode", "in-person", "--rating-mentor", "4", "--rating-mentee", "3",
                  "--notes", "Talked about the budget"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == "logged a 45-minute meeting of m1 -> e1 on 2026-03-03\n"
    after = cohort.read_text()
    assert after.startswith(COHORT)
    assert diff(COHORT, after) == [
        "+  - mentor: m1", "+    mentee: e1", "+    date: 2026-03-03", "+    minutes: 45",
        "+    mode: in-person", "+    rating: {mentor: 4, mentee: 3}",
        "+    notes: Talked about the budget"]


def test_log_by_email(run, cohort):
    result = run(["log", cohort, "mia.one@example.com", "Eva.One@example.com", "--date",
                  "2026-03-03", "--minutes", "30"])
    assert result.exit_code == 0, result.stderr
    assert load_cohort(cohort).model.sessions[-1].mentee == "e1"


@pytest.mark.parametrize(("args", "message"), [
    (["m1", "e1", "--date", "2026-02-03", "--minutes", "60"], "already logged"),
    (["m1", "e1", "--date", "2099-01-01", "--minutes", "60"], "in the future"),
    (["m1", "e1", "--date", "2026-01-02", "--minutes", "60"], "outside the cohort dates"),
    (["m2", "e2", "--date", "2026-03-03", "--minutes", "60"], "proposed, not active"),
    (["m1", "e2", "--date", "2026-03-03", "--minutes", "60"], "no pair m1 -> e2"),
    (["m1", "e1", "--date", "2026-03-03", "--minutes", "0"], "from 1 to 1440"),
    (["m1", "e1", "--date", "2026-03-03", "--minutes", "60", "--rating-mentee", "9"],
     "from 1 to 5"),
    (["m1", "e1", "--minutes", "60"], "missing --date"),
    (["m1", "e1", "--date", "2026-03-03", "--minutes", "60", "--skip-invalid"],
     "only applies with --from-csv"),
])
def test_log_refusals_write_nothing_and_never_echo_notes(run, cohort, args, message):
    refused(run, cohort, ["log", cohort, *args, "--notes", SECRET], message)


# ------------------------------------------------------------------ log --from-csv


def write_csv(tmp_path: Path, text: str, encoding: str = "utf-8-sig") -> Path:
    path = tmp_path / "checkins.csv"
    path.write_text(text, encoding=encoding, newline="")
    return path


def test_log_from_csv(run, cohort, tmp_path):
    checkins = write_csv(tmp_path, (
        "Timestamp;Mentor;Mentee;Date;Minutes;Mode;Rating mentor;Rating mentee;Notes\r\n"
        "2026-03-04 09:12;mia.one@example.com;eva.one@example.com;2026-03-03;50;Visio;4;5;"
        "\"Confidential, two\nlines\"\r\n"
        "2026-04-05 18:00;m1;e1;2026-04-02;40;phone;;;\r\n"))
    result = run(["log", cohort, "--from-csv", checkins])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"logged 2 meetings from {checkins}\n"
    sessions = load_cohort(cohort).model.sessions
    assert [(s.date.isoformat(), s.minutes, s.mode) for s in sessions[1:]] == [
        ("2026-03-03", 50, "video"), ("2026-04-02", 40, "phone")]
    assert sessions[1].notes == "Confidential, two\nlines"
    assert cohort.read_text().startswith(COHORT)


def test_log_from_csv_messages_agree_in_number(run, cohort, tmp_path):
    bad = write_csv(tmp_path, "mentor,mentee,date,minutes\nm1,e1,2026-03-03,sixty\n")
    result = run(["log", cohort, "--from-csv", bad])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "nothing was logged: 1 of 1 row is invalid; fix them, or pass --skip-invalid to log "
        "the others")
    good = write_csv(tmp_path, ("mentor,mentee,date,minutes\nm1,e1,2026-03-03,60\n"
                                "m1,e1,2026-03-04,sixty\n"))
    result = run(["log", cohort, "--from-csv", good, "--skip-invalid"])
    assert result.exit_code == 0
    assert result.stderr.endswith(f"logged 1 meeting from {good}; skipped 1 invalid row\n")


def test_log_from_csv_with_bad_rows_writes_nothing(run, cohort, tmp_path):
    checkins = write_csv(tmp_path, (
        "mentor,mentee,date,minutes,notes\n"
        f"m1,e1,2026-03-03,60,{SECRET}\n"
        f"m1,e1,2026-02-03,60,{SECRET}\n"
        f"m2,e2,2026-03-03,60,{SECRET}\n"
        f"m1,e1,2026-04-03,an hour,{SECRET}\n"
        "\n"
        f"m1,e1,2026-05-03,60,{SECRET}\n"
        f"m1,e1,2026-05-03,60,{SECRET}\n"))
    before = cohort.read_text()
    result = run(["log", cohort, "--from-csv", checkins])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{checkins}: row 3: a meeting of m1 -> e1 on 2026-02-03 is already logged",
        f"{checkins}: row 4: pair m2 -> e2 is proposed, not active: approve it first "
        "(mentorcli approve)",
        f"{checkins}: row 5: minutes 'an hour': expected a whole number",
        f"{checkins}: row 8: a meeting of m1 -> e1 on 2026-05-03 is already logged",
        "nothing was logged: 4 of 6 rows are invalid; fix them, or pass --skip-invalid to "
        "log the others",
    ]
    assert SECRET not in result.stderr
    assert cohort.read_text() == before

    result = run(["log", cohort, "--from-csv", checkins, "--skip-invalid"])
    assert result.exit_code == 0
    assert SECRET not in result.stderr
    assert f"{checkins}: row 4: skipped: pair m2 -> e2 is proposed" in result.stderr
    assert result.stderr.endswith("logged 2 meetings from "
                                  f"{checkins}; skipped 4 invalid rows\n")
    assert [s.date.isoformat() for s in load_cohort(cohort).model.sessions] == [
        "2026-02-03", "2026-03-03", "2026-05-03"]
    # re-importing the same export logs nothing new: every row is now a duplicate
    again = run(["log", cohort, "--from-csv", checkins, "--skip-invalid"])
    assert again.exit_code == 0
    assert len(load_cohort(cohort).model.sessions) == 3


@pytest.mark.parametrize(("content", "message"), [
    ("mentor,mentee,when,minutes\n", "missing column date"),
    (None, "no such file"),
])
def test_log_from_csv_unreadable(run, cohort, tmp_path, content, message):
    path = write_csv(tmp_path, content) if content is not None else tmp_path / "none.csv"
    refused(run, cohort, ["log", cohort, "--from-csv", path], message)


def test_log_from_csv_reads_windows_1252_and_refuses_a_row_with_an_extra_cell(run, cohort,
                                                                              tmp_path):
    path = write_csv(tmp_path, "mentor;mentee;date;minutes\nm1;e1;2026-03-03;60;é\n",
                     encoding="latin-1")
    refused(run, cohort, ["log", cohort, "--from-csv", path],
            f"{path}: row 2: has 5 cells but the header has 4 columns")


def test_log_from_csv_refuses_single_meeting_options(run, cohort, tmp_path):
    path = write_csv(tmp_path, "mentor,mentee,date,minutes\n")
    refused(run, cohort, ["log", cohort, "m1", "e1", "--from-csv", path], "drop MENTOR, MENTEE")


def test_log_from_an_empty_csv_does_nothing(run, cohort, tmp_path):
    path = write_csv(tmp_path, "mentor,mentee,date,minutes\n")
    result = run(["log", cohort, "--from-csv", path])
    assert result.exit_code == 0
    assert "no rows" in result.stderr
    assert cohort.read_text() == COHORT


# ------------------------------------------------------------------ concurrency


def test_concurrent_log_processes_lose_nothing(cohort):
    days = [f"2026-03-{day:02d}" for day in range(2, 10)]
    procs = [subprocess.Popen([MENTORCLI, "log", str(cohort), "m1", "e1", "--date", day,
                               "--minutes", "30"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
             for day in days]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    text = cohort.read_text()
    assert text.startswith(COHORT)
    logged = sorted(s.date.isoformat() for s in load_cohort(cohort).model.sessions)
    assert logged == ["2026-02-03", *days]


def test_concurrent_log_of_the_same_meeting_keeps_one(cohort):
    procs = [subprocess.Popen([MENTORCLI, "log", str(cohort), "m1", "e1", "--date",
                               "2026-03-03", "--minutes", "30"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE) for _ in range(3)]
    codes = sorted(p.wait(timeout=120) for p in procs)
    assert codes == [0, 2, 2]
    assert len(load_cohort(cohort).model.sessions) == 2


# ------------------------------------------------------------------ approve, goal, end, result


def test_approve(run, cohort):
    result = run(["approve", cohort, "m2", "e2", "--date", "2026-02-02"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "approved m2 -> e2, started 2026-02-02\n"
    assert diff(COHORT, cohort.read_text()) == [
        "-    status: proposed", "+    status: active", "+    started: 2026-02-02"]
    refused(run, cohort, ["approve", cohort, "--all"], "no proposed pair")
    refused(run, cohort, ["approve", cohort, "m2", "e2"], "already active")


def test_approve_all(run, cohort):
    result = run(["approve", cohort, "--all", "--date", "2026-02-02"])
    assert result.exit_code == 0, result.stderr
    assert load_cohort(cohort).model.find_pair("m2", "e2").status == "active"
    refused(run, cohort, ["approve", cohort, "m2"], "name the pair")


def test_goal_progress_and_add(run, cohort):
    result = run(["goal", cohort, "m1", "e1", "speak", "--progress", "60"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "goal speak of m1 -> e1: progress 10% -> 60%\n"
    assert diff(COHORT, cohort.read_text()) == [
        "-        progress: 10        # percent", "+        progress: 60        # percent"]
    result = run(["goal", cohort, "m1", "e1", "budget", "--add", "--text",
                  "Own the team budget", "--objective", "retention", "--due", "2026-09-30"])
    assert result.exit_code == 0, result.stderr
    goals = load_cohort(cohort).model.find_pair("m1", "e1").goals
    assert [(g.id, g.objective, g.progress) for g in goals] == [
        ("speak", None, 60), ("budget", "retention", 0)]
    refused(run, cohort, ["goal", cohort, "m1", "e1", "speak"], "--progress N")
    refused(run, cohort, ["goal", cohort, "m1", "e1", "speak", "--text", "x"],
            "only apply with --add")
    refused(run, cohort, ["goal", cohort, "m1", "e1", "new", "--add"], "--add needs --text")
    refused(run, cohort, ["goal", cohort, "m1", "e1", "spek", "--progress", "5"],
            "did you mean 'speak'")
    refused(run, cohort, ["goal", cohort, "m1", "e1", "speak", "--progress", "150"],
            "0 to 100")


def test_end(run, cohort):
    result = run(["end", cohort, "m1", "e1", "--reason", "mentee changed jobs", "--date",
                  "2026-04-30"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "ended m1 -> e1 on 2026-04-30\n"
    assert diff(COHORT, cohort.read_text()) == [
        "-    status: active          # approved in January",
        "+    status: ended           # approved in January",
        "+    ended: 2026-04-30",
        "+    end_reason: mentee changed jobs",
    ]
    refused(run, cohort, ["end", cohort, "m1", "e1", "--reason", "again"], "already ended")
    refused(run, cohort, ["log", cohort, "m1", "e1", "--date", "2026-05-05", "--minutes", "30"],
            "ended on 2026-04-30")
    missing = run(["end", cohort, "m2", "e2"])
    assert missing.exit_code == 2 and "--reason" in missing.stderr


def test_result(run, cohort):
    result = run(["result", cohort, "retention", "93%", "--date", "2026-06-30"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "recorded retention = 93 on 2026-06-30\n"
    assert diff(COHORT, cohort.read_text()) == [
        "+    results:", "+      - {date: 2026-06-30, value: 93}"]
    refused(run, cohort, ["result", cohort, "retention", "95", "--date", "2026-06-30"],
            "already has a result")
    refused(run, cohort, ["result", cohort, "retension", "95"], "did you mean 'retention'")
    refused(run, cohort, ["result", cohort, "retention", "lots"], "expected a number")


def test_writes_refuse_an_invalid_file(run, cohort):
    cohort.write_text(COHORT.replace("capacity: 2", "capacity: two"))
    before = cohort.read_text()
    result = run(["log", cohort, "m1", "e1", "--date", "2026-03-03", "--minutes", "30"])
    assert result.exit_code == 2
    assert "cohort.yaml:" in result.stderr and "capacity" in result.stderr
    assert cohort.read_text() == before


# ------------------------------------------------------------------ the shipped example


def test_follow_up_on_the_reference_example(run, example_path):
    assert run(["log", example_path, "cleroy", "bpetit", "--date", "2026-03-02",
                "--minutes", "60", "--mode", "video"]).exit_code == 0
    assert run(["goal", example_path, "cleroy", "bpetit", "present-results",
                "--progress", "55"]).exit_code == 0
    assert run(["result", example_path, "leadership", "52", "--date",
                "2026-07-31"]).exit_code == 0
    result = run(["report", example_path, "--as-of", "2026-03-25", "--format", "json"])
    assert result.exit_code == 0
    assert '"health": "on track"' in result.stdout
    assert "confidential" not in result.stdout


@pytest.mark.parametrize("command", ["approve", "log", "goal", "end", "result", "report"])
def test_every_command_has_help(run, command):
    result = run([command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.stdout

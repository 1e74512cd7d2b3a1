"""`mentorcli validate`: every problem at once, each at FILE:LINE:COL, never a traceback."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

BAD = """\
version: 1
cohort:
  id: Bad_Id
  name: x
  start: 2026-01-12
  end: 2026-02-30
  cadense: monthly
participants:
  - id: a
    name: A
    email: a@x.com
    role: mentor
    capacity: two
    skils: [x]
  - id: b
    name: B
    email: nope
    role: mentee
"""


def write(tmp_path: Path, text: str, name: str = "cohort.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_example_exits_0_with_a_summary(run, example_path):
    result = run(["validate", example_path])
    assert result.exit_code == 0
    assert result.stdout == f"{example_path}: valid (3 participants, 1 pair, 1 session)\n"
    assert result.stderr == ""


def test_schema_errors_are_exact_lines_sorted_by_place(run, tmp_path):
    path = write(tmp_path, BAD)
    result = run(["validate", path])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{path}:3:7: cohort.id: 'Bad_Id' is not a valid id: use lower-case letters, digits "
        "and '-' (e.g. 'alice-martin')",
        f'{path}:6:8: cohort.end: "2026-02-30" is not a real date',
        f"{path}:7:3: cohort.cadense: unknown key 'cadense' (did you mean 'cadence'?); allowed "
        "here: id, name, language, kind, start, end, cadence, session_minutes, coordinator, "
        "meetings",
        f'{path}:13:15: participants[0].capacity: expected a whole number, got "two"',
        f"{path}:14:5: participants[0].skils: unknown key 'skils' (did you mean 'skills'?); "
        "allowed here: id, name, email, role, employee_id, title, department, manager, "
        "seniority, location, timezone, languages, skills, capacity, trained, goals, "
        "objectives, prefer, avoid, anonymized, example",
        f"{path}:17:12: participants[1].email: 'nope' is not a valid email address "
        "(e.g. 'name@example.com')",
    ]
    assert result.stdout == f"{path}: invalid, 6 errors\n"


def test_json_format_lists_findings(run, tmp_path, example_path):
    bad = write(tmp_path, BAD, "bad.yaml")
    result = run(["validate", "--format", "json", example_path, bad])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [f["valid"] for f in data["files"]] == [True, False]
    first = data["files"][1]["findings"][0]
    assert first == {"file": str(bad), "line": 3, "column": 7, "path": "cohort.id",
                     "severity": "error", "message": first["message"]}


def edit(example_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = example_path.read_text(encoding="utf-8")
    assert old in text, old
    example_path.write_text(text.replace(old, new, count), encoding="utf-8")
    return example_path


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    manager: amartin\n", "    manager: amartn\n",
         ":71:14: participants[1].manager: 'amartn' is not a participant or an `org` entry "
         "(did you mean 'amartin'?)"),
        ("  jdurand: ceo\n", "  jdurand: amartin\n",
         "the reporting lines form a loop: amartin -> jdurand -> amartin"),
        ("  - mentor: cleroy\n    mentee: bpetit\n    status",
         "  - mentor: bpetit\n    mentee: bpetit\n    status",
         "'bpetit' is paired with themselves"),
        ("  - mentor: cleroy\n    mentee: bpetit\n    status",
         "  - mentor: bpetit\n    mentee: cleroy\n    status",
         "'bpetit' has role mentee; a mentor needs role mentor or both"),
        ("  - mentor: cleroy\n    mentee: bpetit\n    date", "  - mentor: amartin\n    mentee: "
         "bpetit\n    date", "no pair amartin -> bpetit in `pairs`"),
        ("    email: camille.leroy@example.com", "    email: Alice.Martin@example.com",
         "email 'Alice.Martin@example.com' is used by more than one participant"),
        ("  - id: cleroy\n", "  - id: amartin\n", "participant id 'amartin' is used 2 times"),
        ("  end: 2026-12-18", "  end: 2025-12-18", "the cohort ends (2025-12-18) on or before"),
        ("rating: {mentor: 4, mentee: 5}", "rating: {mentor: 4, mentee: 6}",
         "sessions[0].rating.mentee: must be at most 5, got 6"),
        ("progress: 40 ", "progress: 140", "pairs[0].goals[0].progress: must be at most 100"),
        ("    capacity: 1\n", "    capacity: -1\n", "participants[2].capacity: must be at least 0"),
        ("prefer: [cleroy]", "prefer: [clery]", "'clery' is not a participant (did you mean "
         "'cleroy'?)"),
        ("objectives: [leadership]", "objectives: [leadrship]",
         "'leadrship' is not a programme objective (did you mean 'leadership'?)"),
        ("timezone: Europe/Paris", "timezone: Europe/Pariss",
         "'Europe/Pariss' is not a known time zone"),
        ("timezone: Europe/Paris", "timezone: Europe",  # a folder of zones
         "'Europe' is not a known time zone"),
        ("timezone: Europe/Paris", "timezone: " + "a" * 300,  # longer than a file name
         "is not a known time zone"),
        ("mode: video", "mode: zoom", "expected one of 'in-person', 'video' or 'phone', "
         "got \"zoom\""),
        ("version: 1", "version: 2", "this file is format version 2; it needs a newer mentorcli"),
    ],
)
def test_each_rule_is_reported_in_words(run, example_path, old, new, expected):
    edit(example_path, old, new)
    result = run(["validate", example_path])
    assert result.exit_code == 2, result.stderr
    assert expected in result.stderr
    assert result.stderr.startswith(f"{example_path}:")


def test_warnings_print_and_exit_0_or_1_with_strict(run, example_path):
    edit(example_path, "date: 2026-02-03", "date: 2027-02-03")
    result = run(["validate", example_path])
    assert result.exit_code == 0
    assert ": warning: sessions[0].date: 2027-02-03 is outside the cohort dates" in result.stderr
    assert run(["validate", "--strict", example_path]).exit_code == 1


def test_goal_no_mentor_offers_is_a_warning(run, example_path):
    edit(example_path, "goals: [public speaking, delegation]",
         "goals: [Public-Speaking, juggling]")
    result = run(["validate", example_path])
    assert result.exit_code == 0
    assert "participants[1].goals[1]: no mentor offers 'juggling'" in result.stderr
    assert "Public-Speaking" not in result.stderr  # same tag as "public speaking"


BAD_INPUTS = {
    "empty": (b"", "the file is empty"),
    "list": (b"- a\n- b\n", "the file holds a list"),
    "scalar": (b"hello\n", 'the file holds a single value ("hello")'),
    "tabs": (b"version: 1\ncohort:\n\tid: x\n", ":3:1: invalid YAML: a tab is used for "
                                               "indentation; YAML indents with spaces only"),
    "duplicate": (b"version: 1\nversion: 1\n", ":2:1: invalid YAML: found duplicate key"),
    "latin1": ("version: 1\nname: Zo\xe9\n".encode("latin-1"),
               ":2:9: is not valid UTF-8 (byte 0xe9); save the file as UTF-8"),
    "binary": (bytes(range(256)) * 4, "contains NUL bytes: this is a binary file"),
    "control": (b"version: 1\x07\n", "control character U+0007"),
    "unclosed": (b"version: [1, 2\n", "invalid YAML"),
    "deep": (b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_clear_line_and_exit_2(run, tmp_path, name):
    content, expected = BAD_INPUTS[name]
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    result = run(["validate", path])
    assert result.exit_code == 2
    assert expected in result.stderr
    assert result.stderr.startswith(str(path))
    assert "Traceback" not in result.stderr


def test_missing_file_and_directory(run, tmp_path):
    missing = run(["validate", tmp_path / "nope.yaml"])
    assert missing.exit_code == 2
    assert missing.stderr == f"{tmp_path / 'nope.yaml'}: no such file; check the path\n"
    folder = run(["validate", tmp_path])
    assert folder.exit_code == 2
    assert "is a directory, not a cohort file" in folder.stderr


def test_unreadable_file(run, example_path, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    result = run(["validate", example_path])
    assert result.exit_code == 2
    assert result.stderr == f"{example_path}: cannot be read: permission denied\n"


BILLION_LAUGHS = """\
version: 1
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
cohort: *i
"""


def test_billion_laughs_is_refused_fast_in_a_real_process(tmp_path):
    path = write(tmp_path, BILLION_LAUGHS)
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "mentorcli", "validate", str(path)],
                            capture_output=True, text=True, timeout=60,
                            preexec_fn=lambda: resource.setrlimit(
                                resource.RLIMIT_AS, (1 << 30, 1 << 30)))
    assert time.monotonic() - started < 5
    assert result.returncode == 2
    assert f"{path}:3:8: uses a YAML alias (*name)" in result.stderr
    assert "Traceback" not in result.stderr


def test_very_large_file_is_refused_without_reading_it(run, tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    started = time.monotonic()
    result = run(["validate", path])
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    assert "is 200 MB, larger than the 50 MB a cohort file may be" in result.stderr


def test_internal_error_is_one_line_exit_3_and_debug_shows_it(run, example_path, monkeypatch):
    import mentorcli.store.loading

    def boom(paths):
        raise RuntimeError("kaput\nFile 'x', line 3\n  more detail")  # one line is shown

    monkeypatch.setattr(mentorcli.store.loading, "check_files", boom)
    result = run(["validate", example_path])
    assert result.exit_code == 3
    assert result.stderr == (
        "mentorcli: internal error (RuntimeError: kaput). This is a bug; run again with "
        "MENTORCLI_DEBUG=1 to see the traceback and report it.\n")
    monkeypatch.setenv("MENTORCLI_DEBUG", "1")
    with pytest.raises(RuntimeError, match="kaput"):
        run(["validate", example_path])


def test_usage_errors_exit_2(run):
    result = run(["validate"])
    assert result.exit_code == 2
    assert run(["no-such-command"]).exit_code == 2


def test_installed_entry_point_runs_as_a_subprocess(tmp_path, example_path):
    exe = Path(sys.executable).with_name("mentorcli")
    if not exe.exists():
        pytest.skip("the mentorcli entry point is not installed beside this Python")
    ok = subprocess.run([str(exe), "validate", str(example_path)], capture_output=True,
                        text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.endswith("valid (3 participants, 1 pair, 1 session)\n")
    bad = subprocess.run([str(exe), "validate", str(write(tmp_path, BAD, "b.yaml"))],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2
    assert len(bad.stderr.splitlines()) == 6
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True)
    assert version.stdout.startswith("mentorcli ")


def test_python_dash_m_and_version(example_path):
    result = subprocess.run([sys.executable, "-m", "mentorcli", "--version"],
                            capture_output=True, text=True, timeout=60)
    from mentorcli import __version__

    assert result.stdout == f"mentorcli {__version__}\n"


def test_help_imports_nothing_heavy():
    code = ("import sys\nfrom mentorcli.cli import main\nsys.argv=['mentorcli','--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy=[m for m in ('scipy','numpy','jinja2','icalendar','openpyxl','tabulate',"
            "'rich.table') if m in sys.modules]\nprint('HEAVY', heavy)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env={**os.environ, "COLUMNS": "100"})
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr


def test_every_command_has_help_text():
    from typer.main import get_command

    from mentorcli.cli import app

    group = get_command(app)
    for name, command in group.commands.items():
        assert (command.help or "").strip(), f"{name} has no help text"


def test_schema_and_reference_errors_are_reported_together(run, example_path):
    edit(example_path, "    capacity: 2 ", "    capacity: two")
    edit(example_path, "manager: amartin", "manager: amartn")
    edit(example_path, "  - mentor: cleroy\n    mentee: bpetit\n    status",
         "  - mentor: cleroi\n    mentee: bpetit\n    status")
    result = run(["validate", example_path])
    assert result.exit_code == 2
    lines = [line.split(": ", 1)[1] for line in result.stderr.splitlines()]
    assert lines == [
        'participants[0].capacity: expected a whole number, got "two"',
        "participants[1].manager: 'amartn' is not a participant or an `org` entry",
        "pairs[0].mentor: 'cleroi' is not a participant (did you mean 'cleroy'?)",
        "sessions[0]: no pair cleroy -> bpetit in `pairs`; a session belongs to an existing "
        "pair",
    ]


def test_no_false_alarm_about_an_entry_left_out_for_its_schema_error(run, example_path):
    edit(example_path, "    capacity: 1\n", "    capacity: one\n")  # cleroy's entry
    result = run(["validate", example_path])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1  # not also "'cleroy' is not a participant"


def test_follow_up_thresholds_that_hide_a_verdict_are_a_warning(run, example_path):
    text = example_path.read_text(encoding="utf-8")
    example_path.write_text(text + "follow_up:\n  behind_missing: 2\n  at_risk_missing: 2\n",
                            encoding="utf-8")
    result = run(["validate", example_path])
    assert result.exit_code == 0
    assert "warning: follow_up.at_risk_missing: at_risk_missing (2) is not above " \
           "behind_missing (2): no pair can ever be 'behind'" in result.stderr


def test_a_shared_employee_number_is_a_warning(run, example_path):
    edit(example_path, "    role: mentor               # mentor | mentee | both\n",
         "    role: mentor               # mentor | mentee | both\n    employee_id: '0042'\n")
    edit(example_path, "    role: mentee\n", "    role: mentee\n    employee_id: '0042'\n")
    result = run(["validate", example_path])
    assert result.exit_code == 0
    assert result.stderr.count("employee number '0042' is used by more than one participant") \
        == 2


@pytest.mark.parametrize(("key", "spelled"), [
    ("1", "1"), ("true", "true"), ("null", "null"), ("~", "null"), ("2026-01-05", "2026-01-05"),
    ("1.5", "1.5"), ("0x1F", "31"),
])
def test_a_key_that_is_not_text_is_an_unknown_key_at_its_place(run, example_path, key, spelled):
    edit(example_path, "    capacity: 2 ", f"    {key}: x\n    capacity: 2 ")
    edit(example_path, "  jdurand: ceo\n", f"  jdurand: ceo\n  {key}: ceo\n")
    result = run(["validate", example_path])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{example_path}:48:3: org.{spelled}: key '{spelled}' is not an id; the keys of `org` "
        f"are ids: write it as text, e.g. \"{spelled}\"",
        f"{example_path}:64:5: participants[0].{spelled}: unknown key '{spelled}' (keys are "
        "names); allowed here: id, name, email, role, employee_id, title, department, manager, "
        "seniority, location, timezone, languages, skills, capacity, trained, goals, "
        "objectives, prefer, avoid, anonymized, example",
    ]


def test_a_top_level_key_that_is_not_text(run, tmp_path):
    path = write(tmp_path, "version: 1\n1: x\n")
    result = run(["validate", path])
    assert f"{path}:2:1: 1: unknown key '1' (keys are names); allowed here: version" \
        in result.stderr


def test_placing_many_findings_is_not_quadratic(tmp_path):
    from mentorcli.store.loading import place_issues
    from mentorcli.validation import Issue

    count = 20_000
    text = "version: 1\n" + "".join(f"junk{i}: 1\n" for i in range(count))
    issues = [Issue((f"junk{i}",), "unknown", at_key=True) for i in range(count)]
    started = time.monotonic()
    findings = place_issues(issues, text, tmp_path / "f.yaml")
    assert time.monotonic() - started < 5  # 20,000 x 20,000 key comparisons took minutes
    assert [(f.line, f.column) for f in findings[:2]] == [(2, 1), (3, 1)]
    assert findings[-1].line == count + 1


def test_a_long_unknown_key_or_id_is_shortened_in_the_message(run, example_path):
    edit(example_path, "    capacity: 2 ", f"    {'k' * 300}: 1\n    capacity: 2 ")
    edit(example_path, "prefer: [cleroy]", f"prefer: [{'c' * 300}]")
    result = run(["validate", example_path])
    assert result.exit_code == 2
    assert f"unknown key '{'k' * 37}...'; allowed" in result.stderr
    assert f"'{'c' * 37}...' is not a participant" in result.stderr
    assert "k" * 41 not in result.stderr and "c" * 41 not in result.stderr


@pytest.mark.parametrize("empty", [
    "matching:\nfollow_up:\n", "matching: ~\nfollow_up: null\n",
    "matching:\n  weights: ~\n  rules:\n",
])
def test_an_empty_section_reads_as_its_defaults(run, example_path, empty):
    text = example_path.read_text(encoding="utf-8")
    start, end = text.index("matching:"), text.index("org:")
    example_path.write_text(text[:start] + empty + "\n" + text[end:], encoding="utf-8")
    result = run(["validate", example_path])
    assert result.exit_code == 0, result.stderr
    from mentorcli.store.loading import load_cohort

    model = load_cohort(example_path).model
    assert model.matching.weights.goals == 4 and model.follow_up.behind_missing == 1


@pytest.mark.parametrize(("old", "new", "first"), [
    ("version: 1\n", "", ":3:1: missing required key 'version'; add 'version: 1' at the top"),
    ("version: 1\n", 'version: "1"\n', ':2:10: version: expected the format version 1, got "1"'),
    ("version: 1\n", "version: 0\n", ":2:10: version: unknown format version 0; use 'version: 1'"),
])
def test_a_version_problem_does_not_hide_the_other_errors(run, example_path, old, new, first):
    edit(example_path, old, new)
    edit(example_path, "    capacity: 2 ", "    capacity: two")
    result = run(["validate", example_path])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0] == f"{example_path}{first}"
    assert lines[1].endswith('participants[0].capacity: expected a whole number, got "two"')


@pytest.mark.parametrize("newer", ["2", '"2"', "2.0"])
def test_a_newer_version_stops_everything_else(run, example_path, newer):
    edit(example_path, "version: 1\n", f"version: {newer}\n")
    edit(example_path, "    capacity: 2 ", "    capacity: two")
    result = run(["validate", example_path])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{example_path}:2:10: version: this file is format version {newer.strip(chr(34))}; it "
        "needs a newer mentorcli (this one reads version 1)"]


@pytest.mark.parametrize(("written", "message"), [
    ("2026-1-5", 'write dates as YYYY-MM-DD, e.g. 2026-01-05; got "2026-1-5"'),
    ("2026-01-5", 'write dates as YYYY-MM-DD, e.g. 2026-01-05; got "2026-01-5"'),
    ("2026-02-30", '"2026-02-30" is not a real date'),
    ("2026-2-30", '"2026-2-30" is not a real date'),
    ("2026/01/05", 'expected a date like 2026-01-31, got "2026/01/05"'),
])
def test_a_date_written_the_wrong_way_says_how_to_write_it(run, example_path, written,
                                                           message):
    edit(example_path, "  start: 2026-01-12", f"  start: {written}")
    result = run(["validate", example_path])
    assert result.exit_code == 2
    assert result.stderr == f"{example_path}:9:10: cohort.start: {message}\n"


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    seniority: 18", "    seniority: .nan", "participants[0].seniority: expected a number, "
                                                  "got .nan"),
    ("    target: 80 ", "    target: .inf", "objectives[0].target: expected a number, got .inf"),
    ("value: 45}", "value: .NaN}", "objectives[0].results[0].value: expected a number, got .nan"),
    ("    goals: 4 ", "    goals: .nan", "matching.weights.goals: expected a number, got .nan"),
])
def test_not_a_number_is_not_a_number(run, example_path, old, new, expected):
    edit(example_path, old, new)
    result = run(["validate", example_path])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].split(": ", 1)[1] == expected


def test_an_unknown_top_level_key_does_not_hide_the_reference_errors(run, example_path):
    edit(example_path, "matching:", "matchng:")
    edit(example_path, "manager: amartin", "manager: amartn")
    result = run(["validate", example_path])
    assert result.exit_code == 2
    lines = [line.split(": ", 1)[1] for line in result.stderr.splitlines()]
    assert lines[0].startswith("matchng: unknown key 'matchng' (did you mean 'matching'?)")
    assert lines[1].startswith("participants[1].manager: 'amartn' is not a participant")

"""`mentorcli contracts`, `sign` and `schedule` end to end through the CLI."""

from __future__ import annotations

import datetime as dt
import difflib
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

TODAY = dt.date.today()


def add_pairs(path: Path) -> None:
    """The example cohort plus a new mentee, dmoreau, in a proposed pair with amartin."""
    text = path.read_text(encoding="utf-8")
    newcomer = (
        "  - id: dmoreau\n"
        "    name: Dominique Moreau\n"
        "    email: dominique.moreau@example.com\n"
        "    role: mentee\n"
        "    department: Operations\n"
        "    manager: ceo\n"
        "    seniority: 2\n"
        "\n"
        "pairs:"
    )
    text = text.replace("\npairs:", "\n" + newcomer, 1)
    extra = (
        "  - mentor: amartin\n"
        "    mentee: dmoreau\n"
        "    status: proposed\n"
        "\n"
        "sessions:"
    )
    text = text.replace("\nsessions:", "\n" + extra, 1)
    path.write_text(text, encoding="utf-8")


# --- contracts -----------------------------------------------------------------------------


def test_contracts_default_location_and_identical_rerun(run, example_path):
    result = run(["contracts", example_path])
    assert result.exit_code == 0, result.stderr
    written = example_path.parent / "contracts" / "managers-2026" / "cleroy--bpetit.md"
    assert result.stdout == f"{written}\n"
    assert result.stderr == "1 contract written\n"
    first = written.read_bytes()
    assert b"# Mentoring agreement" in first
    mtime = written.stat().st_mtime_ns

    again = run(["contracts", example_path])
    assert again.exit_code == 0
    assert again.stdout == result.stdout
    assert again.stderr == "0 contracts written, 1 already up to date\n"
    assert written.read_bytes() == first
    assert written.stat().st_mtime_ns == mtime  # not even rewritten


def test_contracts_html_out_and_pair(run, example_path, tmp_path):
    add_pairs(example_path)
    out = tmp_path / "signed-off"
    result = run(["contracts", example_path, "--format", "html", "--out", out,
                  "--pair", "cleroy:bpetit"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{out / 'cleroy--bpetit.html'}\n"
    page = (out / "cleroy--bpetit.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "@page { size: A4;" in page
    assert sorted(p.name for p in out.iterdir()) == ["cleroy--bpetit.html"]


def test_proposed_pairs_only_on_request(run, example_path, tmp_path):
    add_pairs(example_path)
    result = run(["contracts", example_path, "--out", tmp_path / "a"])
    assert result.exit_code == 0
    assert [Path(line).name for line in result.stdout.splitlines()] == ["cleroy--bpetit.md"]

    result = run(["contracts", example_path, "--out", tmp_path / "b", "--include-proposed"])
    assert [Path(line).name for line in result.stdout.splitlines()] == [
        "cleroy--bpetit.md", "amartin--dmoreau.md"]
    text = (tmp_path / "b" / "amartin--dmoreau.md").read_text(encoding="utf-8")
    assert "No goals are recorded yet" in text

    result = run(["contracts", example_path, "--pair", "amartin:dmoreau"])
    assert result.exit_code == 2
    assert "pair amartin:dmoreau is proposed" in result.stderr
    assert "--include-proposed" in result.stderr


@pytest.mark.parametrize("args,message", [
    (["--pair", "cleroy:nobody"], "no pair cleroy:nobody in this cohort"),
    (["--pair", "cleroy"], "expected MENTOR:MENTEE"),
    (["--pair", "../../x:y"], "expected MENTOR:MENTEE"),
    (["--template", "missing.md.j2"], "template not found"),
])
def test_contracts_bad_arguments_exit_2(run, example_path, args, message):
    result = run(["contracts", example_path, *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (example_path.parent / "contracts").exists()


def test_contracts_missing_file_exit_2(run, tmp_path):
    result = run(["contracts", tmp_path / "nope.yaml"])
    assert result.exit_code == 2
    assert "nope.yaml" in result.stderr


def test_custom_template(run, example_path, tmp_path):
    template = tmp_path / "short.md.j2"
    template.write_text(
        "Agreement between {{ mentor.name }} and {{ mentee.name }}, "
        "{{ rhythm.count }} meetings from {{ rhythm.dates[0]|date }}.\n", encoding="utf-8")
    result = run(["contracts", example_path, "--template", template])
    assert result.exit_code == 0, result.stderr
    written = example_path.parent / "contracts" / "managers-2026" / "cleroy--bpetit.md"
    assert written.read_text(encoding="utf-8") == (
        "Agreement between Camille Leroy and Bruno Petit, 11 meetings from 20 January 2026.\n")


def test_html_template_name_picks_the_format(run, example_path, tmp_path):
    template = tmp_path / "letter.html.j2"
    template.write_text("<p>{{ mentor.name }} &amp; {{ mentee.name }}</p>\n", encoding="utf-8")
    result = run(["contracts", example_path, "--template", template, "--out", tmp_path / "o"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "o" / "cleroy--bpetit.html").is_file()


def test_a_format_contradicting_the_template_is_refused(run, example_path, tmp_path):
    template = tmp_path / "letter.md.j2"
    template.write_text("**{{ mentor.name }}**\n", encoding="utf-8")
    result = run(["contracts", example_path, "--template", template, "--format", "html",
                  "--out", tmp_path / "o"])
    assert result.exit_code == 2
    assert result.stderr == (f"--format html: {template} is a Markdown template; drop "
                             "--format, or pass an HTML template\n")
    assert not (tmp_path / "o").exists()
    plain = tmp_path / "letter.j2"  # no format in the name: --format decides
    plain.write_text("<b>{{ mentor.name }}</b>\n", encoding="utf-8")
    result = run(["contracts", example_path, "--template", plain, "--format", "html",
                  "--out", tmp_path / "o"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "o" / "cleroy--bpetit.html").read_text() == "<b>Camille Leroy</b>\n"


def test_sandbox_escape_via_template_exits_2(run, example_path, tmp_path):
    template = tmp_path / "evil.md.j2"
    template.write_text("# Contract\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n",
                        encoding="utf-8")
    result = run(["contracts", example_path, "--template", template])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{template}:2: refused: the template tries to reach "
                                    "Python internals")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not (example_path.parent / "contracts").exists()  # nothing written


def test_missing_variable_via_template_exits_2_with_line(run, example_path, tmp_path):
    template = tmp_path / "typo.md.j2"
    template.write_text("# Contract\n\n{{ mentor.name }}\n{{ mentee.nmae }}\n", encoding="utf-8")
    result = run(["contracts", example_path, "--template", template])
    assert result.exit_code == 2
    assert result.stderr == (f"{template}:4: missing value: no value named 'nmae' here "
                             "(the template variables are listed in docs/contracts.md)\n")


def test_french_cohort_gets_the_french_contract(run, example_path):
    text = example_path.read_text(encoding="utf-8").replace(
        "  language: en ", "  language: fr ", 1)
    example_path.write_text(text, encoding="utf-8")
    result = run(["contracts", example_path])
    assert result.exit_code == 0, result.stderr
    contract = Path(result.stdout.strip()).read_text(encoding="utf-8")
    assert contract.startswith("# Contrat de mentorat\n")
    assert "mardi 20 janvier 2026" in contract


# --- sign --------------------------------------------------------------------------------------


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_sign_changes_only_the_signed_lines(run, example_path):
    before = example_path.read_text(encoding="utf-8")
    result = run(["sign", example_path, "cleroy", "bpetit", "--by", "mentor",
                  "--date", "2026-01-16"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"cleroy:bpetit: mentor signature of 2026-01-16 recorded in "
                             f"{example_path}\n")
    middle = example_path.read_text(encoding="utf-8")
    assert changed_lines(before, middle) == ["+    signed:", "+      mentor: 2026-01-16"]
    # It sits after `started:` and before `goals:`, inside the pair.
    assert "    started: 2026-01-20\n    signed:\n      mentor: 2026-01-16\n    goals:" in middle

    result = run(["sign", example_path, "cleroy", "bpetit", "--by", "mentee",
                  "--date", "2026-01-19"])
    assert result.exit_code == 0, result.stderr
    after = example_path.read_text(encoding="utf-8")
    assert changed_lines(middle, after) == ["+      mentee: 2026-01-19"]

    # The contract now shows both dates.
    run(["contracts", example_path])
    contract = (example_path.parent / "contracts" / "managers-2026" / "cleroy--bpetit.md")
    text = contract.read_text(encoding="utf-8")
    assert "| Date | 16 January 2026 | 19 January 2026 | |" in text


def test_sign_keeps_a_flow_mapping_and_replaces_a_date(run, example_path):
    text = example_path.read_text(encoding="utf-8").replace(
        "    started: 2026-01-20\n",
        "    started: 2026-01-20\n    signed: {mentor: 2026-01-15}   # paper copy in HR\n", 1)
    example_path.write_text(text, encoding="utf-8")
    result = run(["sign", example_path, "cleroy", "bpetit", "--by", "mentor",
                  "--date", "2026-01-17"])
    assert result.exit_code == 0, result.stderr
    assert "moved from 2026-01-15 to 2026-01-17" in result.stderr
    after = example_path.read_text(encoding="utf-8")
    assert changed_lines(text, after) == [
        "-    signed: {mentor: 2026-01-15}   # paper copy in HR",
        "+    signed: {mentor: 2026-01-17}   # paper copy in HR",
    ]


def test_sign_default_date_is_today_and_second_run_changes_nothing(run, example_path):
    result = run(["sign", example_path, "cleroy", "bpetit", "--by", "mentee"])
    assert result.exit_code == 0, result.stderr
    assert f"mentee: {TODAY.isoformat()}" in example_path.read_text(encoding="utf-8")
    before = example_path.read_bytes()
    again = run(["sign", example_path, "cleroy", "bpetit", "--by", "mentee"])
    assert again.exit_code == 0
    assert "already recorded; nothing changed" in again.stderr
    assert example_path.read_bytes() == before


def test_sign_names_people_by_id_or_email(run, example_path):
    result = run(["sign", example_path, "Camille.Leroy@example.com", "bpetit", "--by",
                  "mentor", "--date", "2026-01-16"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"cleroy:bpetit: mentor signature of 2026-01-16 recorded in "
                             f"{example_path}\n")
    assert "    signed:\n      mentor: 2026-01-16\n" in example_path.read_text()


@pytest.mark.parametrize("args,message", [
    (["cleroy", "nobody", "--by", "mentor"], "mentee 'nobody': no participant with that id"),
    (["bpetit", "cleroy", "--by", "mentor"], "no pair bpetit:cleroy"),
    (["cleroy", "bpetit", "--by", "mentor", "--date",
      (TODAY + dt.timedelta(days=1)).isoformat()], "is in the future"),
    (["cleroy", "bpetit", "--by", "mentor", "--date", "15/01/2026"], "expected a date"),
    (["cleroy", "bpetit", "--by", "mentor", "--date", "2026-02-30"], "expected a date"),
    (["cleroy", "bpetit", "--by", "mentor", "--date", "20260115"], "expected a date"),
    (["cleroy", "bpetit", "--by", "programme"], "'programme' is not one of"),
])
def test_sign_refusals_write_nothing(run, example_path, args, message):
    before = example_path.read_bytes()
    result = run(["sign", example_path, *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert example_path.read_bytes() == before


def test_sign_after_the_pair_ended_is_refused(run, example_path):
    text = example_path.read_text(encoding="utf-8").replace(
        "    status: active             # proposed | active | ended\n",
        "    status: ended\n    ended: 2026-03-01\n    end_reason: moved abroad\n", 1)
    example_path.write_text(text, encoding="utf-8")
    result = run(["sign", example_path, "cleroy", "bpetit", "--by", "mentee",
                  "--date", "2026-03-02"])
    assert result.exit_code == 2
    assert "after the pair ended (2026-03-01)" in result.stderr


def test_sign_long_before_the_start_warns(run, example_path):
    result = run(["sign", example_path, "cleroy", "bpetit", "--by", "mentor",
                  "--date", "2025-01-16"])
    assert result.exit_code == 0
    assert result.stderr.startswith("warning: 2025-01-16 is more than 60 days before the pair "
                                    "started (2026-01-20); recorded anyway: check the year\n")


# --- schedule ----------------------------------------------------------------------------------


def test_schedule_writes_calendars_that_parse(run, example_path):
    result = run(["schedule", example_path])
    assert result.exit_code == 0, result.stderr
    path = example_path.parent / "calendars" / "managers-2026" / "cleroy--bpetit.ics"
    assert result.stdout == f"{path}\n"
    assert result.stderr == "1 calendar written\n"
    data = path.read_bytes()
    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 11
    assert events[0].decoded("dtstart").isoformat() == "2026-01-20T10:00:00+01:00"
    assert events[5].decoded("dtstart").date() == dt.date(2026, 6, 22)  # not Saturday 20
    assert str(events[0].decoded("dtstart").tzinfo) == "Europe/Paris"

    again = run(["schedule", example_path])
    assert again.exit_code == 0
    assert "already up to date" in again.stderr
    assert path.read_bytes() == data


def test_schedule_and_contract_agree(run, example_path, tmp_path):
    run(["schedule", example_path, "--out", tmp_path / "cal"])
    run(["contracts", example_path, "--out", tmp_path / "con"])
    calendar = icalendar.Calendar.from_ical((tmp_path / "cal" / "cleroy--bpetit.ics").read_bytes())
    contract = (tmp_path / "con" / "cleroy--bpetit.md").read_text(encoding="utf-8")
    from mentorcli.localize import format_date

    for event in calendar.walk("VEVENT"):
        assert format_date(event.decoded("dtstart").date(), "en", weekday=True) in contract


def test_schedule_refuses_a_proposed_pair(run, example_path):
    add_pairs(example_path)
    result = run(["schedule", example_path, "--pair", "amartin:dmoreau"])
    assert result.exit_code == 2
    assert "pair amartin:dmoreau is proposed: calendars are made for active pairs" in result.stderr


def test_output_folder_that_is_a_file_exit_2(run, example_path, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    result = run(["schedule", example_path, "--out", blocker])
    assert result.exit_code == 2
    assert "is not a folder" in result.stderr


def test_help_does_not_import_heavy_modules():
    code = ("import sys; from mentorcli.cli import app; "
            "from typer.testing import CliRunner; "
            "r = CliRunner().invoke(app, ['contracts', '--help']); assert r.exit_code == 0; "
            "heavy = [m for m in ('jinja2', 'icalendar') if m in sys.modules]; "
            "print(heavy)")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout
    assert output.strip() == "[]"

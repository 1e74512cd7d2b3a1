"""Follow-up commands: approve, log, goal, end, result (writes) and report (read-only).

Thin: parse options, call one function of `mentorcli.records` (which writes through the
store's transaction) or `mentorcli.reports`, print its result. "Today" comes from
`mentorcli.runtime`.
"""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path

import typer

from mentorcli import runtime
from mentorcli.cli.app import app, fail
from mentorcli.cli.output import is_terminal, say
from mentorcli.dates import parse_optional
from mentorcli.errors import UsageError


class ReportFormat(str, enum.Enum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"
    html = "html"
    xlsx = "xlsx"


class FailOn(str, enum.Enum):
    behind = "behind"
    at_risk = "at-risk"
    inactive = "inactive"
    supervision = "supervision"
    concerns = "concerns"
    untrained = "untrained"


class Mode(str, enum.Enum):
    in_person = "in-person"
    video = "video"
    phone = "phone"


_FILE = typer.Argument(..., help="The cohort file.", show_default=False)
_MENTOR = typer.Argument(..., help="Mentor: participant id or email.", show_default=False)
_MENTEE = typer.Argument(..., help="Mentee: participant id or email.", show_default=False)


# ---------------------------------------------------------------- approve


@app.command()
def approve(
    file: Path = _FILE,
    mentor: str | None = typer.Argument(None, help="Mentor id or email.", show_default=False),
    mentee: str | None = typer.Argument(None, help="Mentee id or email.", show_default=False),
    all_pairs: bool = typer.Option(False, "--all", help="Approve every proposed pair."),
    date: str | None = typer.Option(None, "--date", help="Start date, YYYY-MM-DD "
                                                         "(default: today)."),
) -> None:
    """Make a proposed pair (or --all of them) active, started today or on --date."""
    from mentorcli import records

    done = records.approve_file(file, mentor=mentor, mentee=mentee, all_proposed=all_pairs,
                                on=parse_optional(date, "--date"), today=runtime.today())
    for item in done:
        by_exception = f", by exception ({item.exception})" if item.exception else ""
        say(f"approved {item.mentor} -> {item.mentee}, started {item.started}{by_exception}")


# ---------------------------------------------------------------- log


@app.command()
def log(
    file: Path = _FILE,
    mentor: str | None = typer.Argument(None, help="Mentor id or email.", show_default=False),
    mentee: str | None = typer.Argument(None, help="Mentee id or email.", show_default=False),
    date: str | None = typer.Option(None, "--date", help="Day of the meeting, YYYY-MM-DD."),
    minutes: int | None = typer.Option(None, "--minutes", help="Length in minutes."),
    mode: Mode | None = typer.Option(None, "--mode", help="in-person, video or phone."),
    rating_mentor: int | None = typer.Option(None, "--rating-mentor",
                                             help="Mentor's rating, 1-5."),
    rating_mentee: int | None = typer.Option(None, "--rating-mentee",
                                             help="Mentee's rating, 1-5."),
    notes: str | None = typer.Option(None, "--notes",
                                     help="Confidential notes: stored, never printed."),
    from_csv: Path | None = typer.Option(
        None, "--from-csv", help="Log every row of a check-in file, CSV or .xlsx (columns: "
        "mentor, mentee, date, minutes, mode, rating_mentor, rating_mentee, notes; French "
        "names such as mentoré, durée too).", show_default=False),
    skip_invalid: bool = typer.Option(False, "--skip-invalid",
                                      help="With --from-csv: log the valid rows, report and "
                                           "skip the others."),
    mapping: Path | None = typer.Option(
        None, "--mapping", metavar="FILE", show_default=False,
        help="With --from-csv: YAML file naming which column is which key "
             "('Durée de l'échange: minutes', 'Horodateur: ignore')."),
    dry_run: bool = typer.Option(False, "--dry-run",
                                 help="With --from-csv: check and count; write nothing."),
) -> None:
    """Log a meeting of an active pair, or many from a check-in CSV (--from-csv).

    Refuses a pair that is not active, a date in the future or outside the cohort, and a
    meeting already logged for that pair and day. With --from-csv, every bad row is reported
    with its row number and nothing is written unless all rows are valid (or --skip-invalid).
    """
    if from_csv is not None:
        single = [name for name, value in (
            ("MENTOR", mentor), ("MENTEE", mentee), ("--date", date), ("--minutes", minutes),
            ("--mode", mode), ("--rating-mentor", rating_mentor),
            ("--rating-mentee", rating_mentee), ("--notes", notes)) if value is not None]
        if single:
            raise UsageError(f"--from-csv takes the meetings from the file; drop "
                             f"{', '.join(single)}")
        _log_csv(file, from_csv, skip_invalid, mapping, dry_run)
        return
    used = [name for name, value in (("--skip-invalid", skip_invalid),
                                     ("--mapping", mapping is not None), ("--dry-run", dry_run))
            if value]
    if used:
        verb = "only applies" if len(used) == 1 else "only apply"
        raise UsageError(f"{', '.join(used)} {verb} with --from-csv")
    missing = [name for name, value in (("MENTOR", mentor), ("MENTEE", mentee),
                                        ("--date", date), ("--minutes", minutes))
               if value is None]
    if missing:
        raise UsageError(f"missing {', '.join(missing)}: e.g. mentorcli log {file} MENTOR "
                         "MENTEE --date 2026-02-03 --minutes 60 (or --from-csv CSV)")
    from mentorcli import records

    assert date is not None and minutes is not None
    entry = records.log_file(
        file, today=runtime.today(), mentor=mentor, mentee=mentee,
        date=parse_optional(date, "--date"), minutes=minutes,
        mode=mode.value if mode is not None else None, rating_mentor=rating_mentor,
        rating_mentee=rating_mentee, notes=notes)
    say(f"logged a {entry['minutes']}-minute meeting of {entry['mentor']} -> "
        f"{entry['mentee']} on {entry['date']}")


def _log_csv(file: Path, csv_path: Path, skip_invalid: bool, mapping: Path | None,
             dry_run: bool) -> None:
    from mentorcli.importing.checkins import log_checkins_file
    from mentorcli.localize import counted

    done = log_checkins_file(file, csv_path, today=runtime.today(), mapping=mapping,
                             skip_invalid=skip_invalid, dry_run=dry_run)
    skipped = done.skipped
    for problem in skipped:
        say(f"{csv_path}: row {problem.row}: skipped: {problem.message}")
    if not done.rows:
        say(f"{csv_path}: no rows; nothing to log")
        return
    verb = "dry run: would log" if dry_run else "logged"
    message = f"{verb} {counted(len(done.entries), 'meeting', 'meetings')} from {csv_path}"
    if skipped:
        message += f"; skipped {counted(len(skipped), 'invalid row', 'invalid rows')}"
    if dry_run:
        message += "; nothing written"
    say(message)


# ---------------------------------------------------------------- goal


@app.command()
def goal(
    file: Path = _FILE,
    mentor: str = _MENTOR,
    mentee: str = _MENTEE,
    goal_id: str = typer.Argument(..., metavar="GOAL_ID", help="The goal's id in the pair.",
                                  show_default=False),
    progress: int | None = typer.Option(None, "--progress", help="Percent done, 0-100."),
    add: bool = typer.Option(False, "--add", help="Add a new goal GOAL_ID to the pair."),
    text: str | None = typer.Option(None, "--text", help="With --add: what the mentee will "
                                                         "achieve."),
    objective: str | None = typer.Option(None, "--objective",
                                         help="With --add: programme objective it serves."),
    due: str | None = typer.Option(None, "--due", help="With --add: due date, YYYY-MM-DD."),
    measure: str | None = typer.Option(None, "--measure",
                                       help="With --add: how success is measured."),
) -> None:
    """Set a pair goal's progress (--progress N), or add a goal to a pair (--add --text TEXT)."""
    from mentorcli import records

    if add:
        if text is None:
            raise UsageError("--add needs --text: what the mentee will achieve")
        new = records.add_goal_file(
            file, mentor=mentor, mentee=mentee, goal_id=goal_id, text=text,
            objective=objective, due=parse_optional(due, "--due"), measure=measure,
            progress=progress)
        say(f"added goal {new['id']} to {mentor} -> {mentee}")
        return
    extra = [name for name, value in (("--text", text), ("--objective", objective),
                                      ("--due", due), ("--measure", measure))
             if value is not None]
    if extra:
        raise UsageError(f"{', '.join(extra)} only apply with --add (adding a new goal)")
    if progress is None:
        raise UsageError("say what to do: --progress N (0-100), or --add --text TEXT")
    old, new_value = records.set_goal_progress_file(
        file, mentor=mentor, mentee=mentee, goal_id=goal_id, progress=progress)
    say(f"goal {goal_id} of {mentor} -> {mentee}: progress {old}% -> {new_value}%")


# ---------------------------------------------------------------- end


@app.command()
def end(
    file: Path = _FILE,
    mentor: str = _MENTOR,
    mentee: str = _MENTEE,
    reason: str = typer.Option(..., "--reason", help="Why the pair ends (no-fault wording).",
                               show_default=False),
    date: str | None = typer.Option(None, "--date", help="End date, YYYY-MM-DD "
                                                         "(default: today)."),
) -> None:
    """End a pair; the mentee can then be paired again (never with the same mentor)."""
    from mentorcli import records

    pair, day = records.end_pair_file(file, mentor=mentor, mentee=mentee, reason=reason,
                                      on=parse_optional(date, "--date"),
                                      today=runtime.today())
    say(f"ended {pair.mentor} -> {pair.mentee} on {day}")


# ---------------------------------------------------------------- result


@app.command()
def result(
    file: Path = _FILE,
    objective_id: str = typer.Argument(..., metavar="OBJECTIVE_ID",
                                       help="Programme objective id.", show_default=False),
    value: str = typer.Argument(..., help="Measured value in the objective's unit "
                                          "(e.g. 93).", show_default=False),
    date: str | None = typer.Option(None, "--date", help="Day of the measure, YYYY-MM-DD "
                                                         "(default: today)."),
) -> None:
    """Record a measured value of a programme objective (e.g. retention 93)."""
    from mentorcli import records

    number = records.parse_value(value)
    added = records.add_result_file(file, objective_id=objective_id, value=number,
                                    on=parse_optional(date, "--date"), today=runtime.today())
    say(f"recorded {objective_id} = {added['value']} on {added['date']}")


# ---------------------------------------------------------------- report


@app.command()
def report(
    file: Path = _FILE,
    as_of: str | None = typer.Option(None, "--as-of", help="State on this day, YYYY-MM-DD "
                                                           "(default: today)."),
    month: str | None = typer.Option(None, "--month", help="Report one calendar month, "
                                                           "YYYY-MM (state at its end)."),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format",
                                        help="table, markdown, csv, json, html or xlsx."),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FILE",
                                       help="Write to this file (atomically) instead of "
                                            "stdout; - is stdout.", show_default=False),
    excel: bool = typer.Option(False, "--excel",
                               help="With --format csv: for a double-click in Excel in the "
                                    "cohort's language (BOM; ; and decimal comma in French)."),
    template: Path | None = typer.Option(None, "--template", metavar="FILE",
                                         help="With --format html: your Jinja2 template for "
                                              "the page (docs/followup.md).",
                                         show_default=False),
    fail_on: FailOn | None = typer.Option(None, "--fail-on",
                                          help="Exit 1 when a pair is at this level or worse: "
                                               "behind, at-risk or inactive; or when a mentor "
                                               "is out of supervision (supervision), a "
                                               "concern is past its follow-up (concerns), a "
                                               "mentor is untrained (untrained).",
                                          show_default=False),
    anonymize: bool = typer.Option(False, "--anonymize",
                                   help="Replace names, emails and ids with stable "
                                        "pseudonyms."),
) -> None:
    """Progress of every pair (health verdict and reason) and of the programme.

    Exit 1 with --fail-on when some pair is at that level or worse (for cron alerts).
    Session notes never appear in any format.
    """
    from mentorcli.reports import progress
    from mentorcli.reports import render as report_render

    if as_of is not None and month is not None:
        raise UsageError("--as-of and --month are exclusive: --month reports the state at "
                         "the month's end")
    if template is not None and format is not ReportFormat.html:
        raise UsageError("--template is for --format html; add --format html")
    day = parse_optional(as_of, "--as-of") or runtime.today()
    if output is not None and output.resolve() == file.resolve():
        raise UsageError(f"--output {output} is the cohort file itself; choose another path")
    built = progress.report_file(
        file, as_of=day, month=month,
        pseudonym_key=os.environ.get("MENTORCLI_PSEUDONYM_KEY", "") if anonymize else None)
    if format is ReportFormat.table and output is None:
        report_render.print_tables(built)
    else:
        from mentorcli.cli.output import write_output

        if format is ReportFormat.xlsx and is_terminal(sys.stdout) and \
                (output is None or str(output) == "-"):
            raise UsageError("--format xlsx writes a binary file: add -o FILE.xlsx")
        try:
            where = write_output(output, report_render.render_bytes(
                built, format.value, excel=excel, template=template))
        except OSError as error:
            raise UsageError(f"--output {output}: cannot write "
                             f"({error.strerror or error})") from None
        if where and is_terminal(sys.stderr):
            say(f"wrote {output}")
    if fail_on is not None and progress.fails(built, fail_on.value):
        raise fail()

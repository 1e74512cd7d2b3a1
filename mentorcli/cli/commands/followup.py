"""Follow-up commands: approve, log, goal, end, result (writes) and report (read-only).

Thin: parse options, call one function of `mentorcli.records` (which writes through the
store's transaction) or `mentorcli.reports`, print its result. "Today" comes from
`mentorcli.runtime`. Every sentence is in the language of `mentorcli.i18n`; the CLI reads the
cohort file's `language:` line before the options (`mentorcli.cli.app`), so that a refusal
made before the cohort is loaded (a bad option) is in the cohort's language too.
"""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path

import typer

from mentorcli import i18n, runtime
from mentorcli.cli.app import app, fail
from mentorcli.cli.output import is_terminal, say
from mentorcli.dates import parse_optional
from mentorcli.errors import UsageError
from mentorcli.i18n import _, ngettext
from mentorcli.localize import sentence_date


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


_FILE = typer.Argument(..., help=_("The cohort file."), show_default=False)
_MENTOR = typer.Argument(..., help=_("Mentor: participant id or email."), show_default=False)
_MENTEE = typer.Argument(..., help=_("Mentee: participant id or email."), show_default=False)
_MENTOR_OR_NONE = typer.Argument(None, help=_("Mentor id or email."), show_default=False)
_MENTEE_OR_NONE = typer.Argument(None, help=_("Mentee id or email."), show_default=False)

# options of `log` whose type ruff does not know immutable (B008)
_MODE = typer.Option(None, "--mode", help=_("in-person, video or phone."))
_FROM_CSV = typer.Option(
    None, "--from-csv", help=_(
        "Log every row of a check-in file, CSV or .xlsx (columns: mentor, mentee, date, "
        "minutes, mode, rating_mentor, rating_mentee, notes; French names such as mentoré, "
        "durée too)."), show_default=False)
_MAPPING = typer.Option(
    None, "--mapping", metavar="FILE", show_default=False,
    help=_("With --from-csv: YAML file naming which column is which key "
           "('Durée de l'échange: minutes', 'Horodateur: ignore')."))


# ---------------------------------------------------------------- approve


@app.command(help=_("Make a proposed pair (or --all of them) active, started today or on "
                     "--date."))
def approve(
    file: Path = _FILE,
    mentor: str | None = _MENTOR_OR_NONE,
    mentee: str | None = _MENTEE_OR_NONE,
    all_pairs: bool = typer.Option(False, "--all", help=_("Approve every proposed pair.")),
    date: str | None = typer.Option(None, "--date", help=_("Start date, YYYY-MM-DD "
                                                           "(default: today).")),
) -> None:
    from mentorcli import records

    done = records.approve_file(file, mentor=mentor, mentee=mentee, all_proposed=all_pairs,
                                on=parse_optional(date, "--date"), today=runtime.today())
    for item in done:
        pair, day = records.pair_text(item.mentor, item.mentee), sentence_date(item.started)
        if item.exception:
            say(_("approved {pair}, started {day}, by exception ({reason})").format(
                pair=pair, day=day, reason=item.exception))
        else:
            say(_("approved {pair}, started {day}").format(pair=pair, day=day))


# ---------------------------------------------------------------- log


@app.command(help=_(
    "Log a meeting of an active pair, or many from a check-in CSV (--from-csv).\n\n"
    "Refuses a pair that is not active, a date in the future or outside the cohort, and a "
    "meeting already logged for that pair and day. With --from-csv, every bad row is reported "
    "with its row number and nothing is written unless all rows are valid (or "
    "--skip-invalid)."))
def log(
    file: Path = _FILE,
    mentor: str | None = _MENTOR_OR_NONE,
    mentee: str | None = _MENTEE_OR_NONE,
    date: str | None = typer.Option(None, "--date", help=_("Day of the meeting, YYYY-MM-DD.")),
    minutes: int | None = typer.Option(None, "--minutes", help=_("Length in minutes.")),
    mode: Mode | None = _MODE,
    rating_mentor: int | None = typer.Option(None, "--rating-mentor",
                                             help=_("Mentor's rating, 1-5.")),
    rating_mentee: int | None = typer.Option(None, "--rating-mentee",
                                             help=_("Mentee's rating, 1-5.")),
    notes: str | None = typer.Option(None, "--notes",
                                     help=_("Confidential notes: stored, never printed.")),
    from_csv: Path | None = _FROM_CSV,
    skip_invalid: bool = typer.Option(False, "--skip-invalid",
                                      help=_("With --from-csv: log the valid rows, report and "
                                             "skip the others.")),
    mapping: Path | None = _MAPPING,
    dry_run: bool = typer.Option(False, "--dry-run",
                                 help=_("With --from-csv: check and count; write nothing.")),
) -> None:
    if from_csv is not None:
        single = [name for name, value in (
            ("MENTOR", mentor), ("MENTEE", mentee), ("--date", date), ("--minutes", minutes),
            ("--mode", mode), ("--rating-mentor", rating_mentor),
            ("--rating-mentee", rating_mentee), ("--notes", notes)) if value is not None]
        if single:
            raise UsageError(_("--from-csv takes the meetings from the file; drop {options}")
                             .format(options=", ".join(single)))
        _log_csv(file, from_csv, skip_invalid, mapping, dry_run)
        return
    used = [name for name, value in (("--skip-invalid", skip_invalid),
                                     ("--mapping", mapping is not None), ("--dry-run", dry_run))
            if value]
    if used:
        raise UsageError(ngettext("{options} only applies with --from-csv",
                                  "{options} only apply with --from-csv", len(used))
                         .format(options=", ".join(used)))
    missing = [name for name, value in (("MENTOR", mentor), ("MENTEE", mentee),
                                        ("--date", date), ("--minutes", minutes))
               if value is None]
    if missing:
        raise UsageError(_("missing {options}: e.g. {example} (or --from-csv CSV)").format(
            options=", ".join(missing),
            example=f"mentorcli log {file} MENTOR MENTEE --date 2026-02-03 --minutes 60"))
    from mentorcli import records

    assert date is not None and minutes is not None
    entry = records.log_file(
        file, today=runtime.today(), mentor=mentor, mentee=mentee,
        date=parse_optional(date, "--date"), minutes=minutes,
        mode=mode.value if mode is not None else None, rating_mentor=rating_mentor,
        rating_mentee=rating_mentee, notes=notes)
    say(ngettext("logged a {minutes}-minute meeting of {pair} on {day}",
                 "logged a {minutes}-minute meeting of {pair} on {day}", entry["minutes"])
        .format(minutes=entry["minutes"], pair=records.pair_text(entry["mentor"],
                                                                 entry["mentee"]),
                day=sentence_date(entry["date"])))


def _log_csv(file: Path, csv_path: Path, skip_invalid: bool, mapping: Path | None,
             dry_run: bool) -> None:
    from mentorcli.importing.checkins import log_checkins_file

    done = log_checkins_file(file, csv_path, today=runtime.today(), mapping=mapping,
                             skip_invalid=skip_invalid, dry_run=dry_run)
    skipped = done.skipped
    for problem in skipped:
        say(_("{file}: row {row}: skipped: {problem}").format(
            file=csv_path, row=problem.row, problem=problem.message))
    if not done.rows:
        say(_("{file}: no rows; nothing to log").format(file=csv_path))
        return
    count = len(done.entries)
    if dry_run:
        message = ngettext("dry run: would log {count} meeting from {file}",
                           "dry run: would log {count} meetings from {file}", count)
    else:
        message = ngettext("logged {count} meeting from {file}",
                           "logged {count} meetings from {file}", count)
    message = message.format(count=i18n.number(count), file=csv_path)
    if skipped:
        message += ngettext("; skipped {count} invalid row", "; skipped {count} invalid rows",
                            len(skipped)).format(count=i18n.number(len(skipped)))
    if dry_run:
        message += _("; nothing written")
    say(message)


# ---------------------------------------------------------------- goal


@app.command(help=_("Set a pair goal's progress (--progress N), or add a goal to a pair "
                     "(--add --text TEXT)."))
def goal(
    file: Path = _FILE,
    mentor: str = _MENTOR,
    mentee: str = _MENTEE,
    goal_id: str = typer.Argument(..., metavar="GOAL_ID", help=_("The goal's id in the pair."),
                                  show_default=False),
    progress: int | None = typer.Option(None, "--progress", help=_("Percent done, 0-100.")),
    add: bool = typer.Option(False, "--add", help=_("Add a new goal GOAL_ID to the pair.")),
    text: str | None = typer.Option(None, "--text", help=_("With --add: what the mentee will "
                                                           "achieve.")),
    objective: str | None = typer.Option(None, "--objective",
                                         help=_("With --add: programme objective it serves.")),
    due: str | None = typer.Option(None, "--due", help=_("With --add: due date, YYYY-MM-DD.")),
    measure: str | None = typer.Option(None, "--measure",
                                       help=_("With --add: how success is measured.")),
) -> None:
    from mentorcli import records
    from mentorcli.localize import format_percent

    pair = records.pair_text(mentor, mentee)
    if add:
        if text is None:
            raise UsageError(_("--add needs --text: what the mentee will achieve"))
        new = records.add_goal_file(
            file, mentor=mentor, mentee=mentee, goal_id=goal_id, text=text,
            objective=objective, due=parse_optional(due, "--due"), measure=measure,
            progress=progress)
        say(_("added goal {goal} to {pair}").format(goal=new["id"], pair=pair))
        return
    extra = [name for name, value in (("--text", text), ("--objective", objective),
                                      ("--due", due), ("--measure", measure))
             if value is not None]
    if extra:
        raise UsageError(ngettext("{options} only apply with --add (adding a new goal)",
                                  "{options} only apply with --add (adding a new goal)",
                                  len(extra)).format(options=", ".join(extra)))
    if progress is None:
        raise UsageError(_("say what to do: --progress N (0-100), or --add --text TEXT"))
    old, new_value = records.set_goal_progress_file(
        file, mentor=mentor, mentee=mentee, goal_id=goal_id, progress=progress)
    language = i18n.language()
    say(_("goal {goal} of {pair}: progress {old} -> {new}").format(
        goal=goal_id, pair=pair, old=format_percent(old, language, 0),
        new=format_percent(new_value, language, 0)))


# ---------------------------------------------------------------- end


@app.command(help=_("End a pair; the mentee can then be paired again (never with the same "
                     "mentor)."))
def end(
    file: Path = _FILE,
    mentor: str = _MENTOR,
    mentee: str = _MENTEE,
    reason: str = typer.Option(..., "--reason", help=_("Why the pair ends (no-fault wording)."),
                               show_default=False),
    date: str | None = typer.Option(None, "--date", help=_("End date, YYYY-MM-DD "
                                                           "(default: today).")),
) -> None:
    from mentorcli import records

    pair, day = records.end_pair_file(file, mentor=mentor, mentee=mentee, reason=reason,
                                      on=parse_optional(date, "--date"),
                                      today=runtime.today())
    say(_("ended {pair} on {day}").format(pair=records.pair_text(pair.mentor, pair.mentee),
                                          day=sentence_date(day)))


# ---------------------------------------------------------------- result


@app.command(help=_("Record a measured value of a programme objective (e.g. retention 93)."))
def result(
    file: Path = _FILE,
    objective_id: str = typer.Argument(..., metavar="OBJECTIVE_ID",
                                       help=_("Programme objective id."), show_default=False),
    value: str = typer.Argument(..., help=_("Measured value in the objective's unit "
                                            "(e.g. 93)."), show_default=False),
    date: str | None = typer.Option(None, "--date", help=_("Day of the measure, YYYY-MM-DD "
                                                           "(default: today).")),
) -> None:
    from mentorcli import records

    number = records.parse_value(value)
    added = records.add_result_file(file, objective_id=objective_id, value=number,
                                    on=parse_optional(date, "--date"), today=runtime.today())
    say(_("recorded {objective} = {value} on {day}").format(
        objective=objective_id, value=i18n.decimal(str(added["value"])),
        day=sentence_date(added["date"])))


# ---------------------------------------------------------------- report


# options of `report` whose type ruff does not know immutable (B008)
_REPORT_FORMAT = typer.Option(ReportFormat.table, "--format",
                              help=_("table, markdown, csv, json, html or xlsx."))
_REPORT_OUTPUT = typer.Option(None, "--output", "-o", metavar="FILE", show_default=False,
                              help=_("Write to this file (atomically) instead of stdout; - is "
                                     "stdout."))
_TEMPLATE = typer.Option(None, "--template", metavar="FILE", show_default=False,
                         help=_("With --format html: your Jinja2 template for the page "
                                "(docs/followup.md)."))
_FAIL_ON = typer.Option(None, "--fail-on", show_default=False,
                        help=_("Exit 1 when a pair is at this level or worse: behind, at-risk "
                               "or inactive; or when a mentor is out of supervision "
                               "(supervision), a concern is past its follow-up (concerns), a "
                               "mentor is untrained (untrained)."))


@app.command(help=_(
    "Progress of every pair (health verdict and reason) and of the programme.\n\n"
    "Exit 1 with --fail-on when some pair is at that level or worse (for cron alerts). "
    "Session notes never appear in any format."))
def report(
    file: Path = _FILE,
    as_of: str | None = typer.Option(None, "--as-of", help=_("State on this day, YYYY-MM-DD "
                                                             "(default: today).")),
    month: str | None = typer.Option(None, "--month", help=_("Report one calendar month, "
                                                             "YYYY-MM (state at its end).")),
    format: ReportFormat = _REPORT_FORMAT,
    output: Path | None = _REPORT_OUTPUT,
    excel: bool = typer.Option(False, "--excel",
                               help=_("With --format csv: for a double-click in Excel, in the "
                                      "output's language (BOM; ; and decimal comma in "
                                      "French).")),
    template: Path | None = _TEMPLATE,
    fail_on: FailOn | None = _FAIL_ON,
    anonymize: bool = typer.Option(False, "--anonymize",
                                   help=_("Replace names, emails and ids with stable "
                                          "pseudonyms.")),
) -> None:
    from mentorcli.reports import progress
    from mentorcli.reports import render as report_render

    if as_of is not None and month is not None:
        raise UsageError(_("--as-of and --month are exclusive: --month reports the state at "
                           "the month's end"))
    if template is not None and format is not ReportFormat.html:
        raise UsageError(_("--template is for --format html; add --format html"))
    day = parse_optional(as_of, "--as-of") or runtime.today()
    if output is not None and output.resolve() == file.resolve():
        raise UsageError(_("--output {output} is the cohort file itself; choose another path")
                         .format(output=output))
    built = progress.report_file(
        file, as_of=day, month=month,
        pseudonym_key=os.environ.get("MENTORCLI_PSEUDONYM_KEY", "") if anonymize else None)
    if format is ReportFormat.table and output is None:
        report_render.print_tables(built)
    else:
        from mentorcli.cli.output import write_output

        if format is ReportFormat.xlsx and is_terminal(sys.stdout) and \
                (output is None or str(output) == "-"):
            raise UsageError(_("--format xlsx writes a binary file: add -o FILE.xlsx"))
        try:
            where = write_output(output, report_render.render_bytes(
                built, format.value, excel=excel, template=template))
        except OSError as error:
            raise UsageError(_("--output {output}: cannot write ({reason})").format(
                output=output, reason=error.strerror or error)) from None
        if where and is_terminal(sys.stderr):
            say(_("wrote {file}").format(file=output))
    if fail_on is not None and progress.fails(built, fail_on.value):
        raise fail()

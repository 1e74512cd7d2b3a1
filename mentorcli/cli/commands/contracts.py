"""Commands for the start of a mentoring relationship: contracts, sign, schedule.

Thin: parse options, call `mentorcli.documents.contracts` (and its calendars),
print what was written. Nothing heavy is imported at module level.
"""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from mentorcli.cli.app import app
from mentorcli.cli.output import say

_FILE = typer.Argument(..., help="The cohort file.", show_default=False)
_PAIR = typer.Option(None, "--pair", metavar="MENTOR:MENTEE", help="Only this pair.",
                     show_default=False)


class ContractFormat(str, enum.Enum):
    md = "md"
    html = "html"


class Side(str, enum.Enum):
    mentor = "mentor"
    mentee = "mentee"
    coordinator = "coordinator"


def _report(written: list, noun: str, empty_hint: str) -> None:
    """Each file on stdout (data); a one-line summary on stderr (for people)."""
    from mentorcli.localize import counted

    if not written:
        say(f"no {noun} written: {empty_hint}")
        return
    for item in written:
        typer.echo(str(item.path))
    changed = sum(1 for item in written if item.changed)
    same = len(written) - changed
    summary = f"{counted(changed, noun, noun + 's')} written"
    if same:
        summary += f", {same} already up to date"
    say(summary)


@app.command()
def contracts(
    file: Path = _FILE,
    out: Path = typer.Option(
        None, "--out", help="Folder for the contracts (default: contracts/<cohort-id>/ "
        "beside the cohort file).", show_default=False,
    ),
    pair: str = _PAIR,
    template: Path = typer.Option(
        None, "--template", help="Your own Jinja2 template (default: the shipped one in the "
        "cohort language).", show_default=False,
    ),
    format: ContractFormat = typer.Option(
        None, "--format", help="md or html (default: from the template name, else md).",
        show_default=False,
    ),
    include_proposed: bool = typer.Option(
        False, "--include-proposed", help="Also write contracts of proposed pairs.",
    ),
) -> None:
    """Write one mentoring contract per active pair, from the cohort's language template.

    Files are named <mentor>--<mentee>.md (or .html); re-running on unchanged data gives
    identical bytes. Prints the files, one a line.
    """
    from mentorcli.documents.contracts import build_contracts, parse_pair_spec, write_outputs
    from mentorcli.store.loading import load_cohort

    only = parse_pair_spec(pair) if pair else None
    model = load_cohort(file).model
    outputs = build_contracts(
        file, model, out, only, template, format.value if format else None, include_proposed,
    )
    hint = ("the cohort has no active pair" +
            ("" if include_proposed else " (add --include-proposed for proposed pairs)"))
    _report(write_outputs(outputs), "contract", hint)


@app.command()
def sign(
    file: Path = _FILE,
    mentor: str = typer.Argument(..., help="Mentor: participant id or email.",
                                 show_default=False),
    mentee: str = typer.Argument(..., help="Mentee: participant id or email.",
                                 show_default=False),
    by: Side = typer.Option(..., "--by", help="Who signed: mentor, mentee, or coordinator "
                                              "(for the programme).", show_default=False),
    date: str = typer.Option(
        None, "--date", metavar="YYYY-MM-DD", help="Day of the signature (default: today).",
        show_default=False,
    ),
) -> None:
    """Record that the mentor, the mentee or the coordinator (for the programme) signed the
    pair's contract (its `signed:` entry).

    Refuses a date in the future or after the pair ended; warns about a date more than 60
    days before the pair started. Only the pair's `signed:` lines of the file change.
    """
    from mentorcli import runtime
    from mentorcli.dates import parse_date
    from mentorcli.documents.contracts import record_signature

    today = runtime.today()
    day = parse_date(date, "--date") if date else today
    result = record_signature(file, mentor, mentee, by.value, day, today)
    for warning in result.warnings:
        say(f"warning: {warning}")
    who = f"{result.mentor}:{result.mentee}"
    if not result.changed:
        say(f"{who}: the {by.value} signature of {day.isoformat()} was already recorded; "
            "nothing changed")
    elif result.previous is not None:
        say(f"{who}: {by.value} signature moved from {result.previous.isoformat()} to "
            f"{day.isoformat()} in {file}")
    else:
        say(f"{who}: {by.value} signature of {day.isoformat()} recorded in {file}")


@app.command()
def schedule(
    file: Path = _FILE,
    out: Path = typer.Option(
        None, "--out", help="Folder for the .ics files (default: calendars/<cohort-id>/ "
        "beside the cohort file).", show_default=False,
    ),
    pair: str = _PAIR,
) -> None:
    """Plan each active pair's meetings and write one iCalendar (.ics) file per pair.

    Meetings run from the pair's start (or the cohort start) to the cohort end at the cohort
    cadence, on the meeting days (`cohort.meetings`), in the mentor's time zone, at a time
    when neither person has another meeting (10:00 by default). A changed meeting gets a
    higher SEQUENCE; meetings after a pair's end are sent as cancelled. Prints the files.
    """
    from mentorcli import runtime
    from mentorcli.documents.calendar_ics import build_calendars
    from mentorcli.documents.contracts import parse_pair_spec, write_outputs
    from mentorcli.store.loading import load_cohort

    only = parse_pair_spec(pair) if pair else None
    model = load_cohort(file).model
    plan = build_calendars(file, model, out, only, runtime.today())
    for moved in plan.moved:
        say(f"note: {moved}")
    for cancelled in plan.cancelled:
        say(f"cancelled: the meetings of {cancelled} after its end")
    _report(write_outputs(plan.outputs), "calendar", "the cohort has no active pair")

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
from mentorcli.i18n import N_, _, ngettext

#: The help of the arguments and options, marked for the catalog (N_: `--help` is built before
#: the language is known and opens no catalog; translated where the help is rendered).
_HELP = {
    "file": N_("The cohort file."),
    "pair": N_("Only this pair."),
    "out_contracts": N_("Folder for the contracts (default: contracts/<cohort-id>/ beside the "
                        "cohort file)."),
    "template": N_("Your own Jinja2 template (default: the shipped one in the language of the "
                   "contract)."),
    "format": N_("md or html (default: from the template name, else md)."),
    "include_proposed": N_("Also write contracts of proposed pairs."),
    "lang": N_("Language of the documents: en, fr (the same as `mentorcli --lang`; default: "
               "MENTORCLI_LANG, then the cohort's language, then the locale)."),
    "mentor": N_("Mentor: participant id or email."),
    "mentee": N_("Mentee: participant id or email."),
    "by": N_("Who signed: mentor, mentee, or coordinator (for the programme)."),
    "date": N_("Day of the signature (default: today)."),
    "out_calendars": N_("Folder for the .ics files (default: calendars/<cohort-id>/ beside the "
                        "cohort file)."),
}

_FILE = typer.Argument(..., help=_HELP["file"], show_default=False)
_PAIR = typer.Option(None, "--pair", metavar="MENTOR:MENTEE", help=_HELP["pair"],
                     show_default=False)
_LANG = typer.Option(None, "--lang", metavar="LANG", help=_HELP["lang"], show_default=False)


class ContractFormat(str, enum.Enum):
    md = "md"
    html = "html"


class Side(str, enum.Enum):
    mentor = "mentor"
    mentee = "mentee"
    coordinator = "coordinator"


def _set_language(lang: str | None) -> None:
    """The command's `--lang`: the same as the global one (a language with a catalog)."""
    if lang is not None:
        from mentorcli.cli.app import _set_language as set_cli_language

        set_cli_language(lang)


def _report(written: list, kind: str, empty: str) -> None:
    """Each file on stdout (data); a one-line summary on stderr (for people)."""
    from mentorcli.i18n import number

    if not written:
        say(empty)
        return
    for item in written:
        typer.echo(str(item.path))
    changed = sum(1 for item in written if item.changed)
    same = len(written) - changed
    say(_summary(kind, changed, same).format(count=number(changed), same=number(same)))


def _summary(kind: str, changed: int, same: int) -> str:
    """What a run of `contracts` / `schedule` says (whole sentences, by kind of document)."""
    if kind == "contract" and same:
        return ngettext("{count} contract written, {same} already up to date",
                        "{count} contracts written, {same} already up to date", changed)
    if kind == "contract":
        return ngettext("{count} contract written", "{count} contracts written", changed)
    if same:
        return ngettext("{count} calendar written, {same} already up to date",
                        "{count} calendars written, {same} already up to date", changed)
    return ngettext("{count} calendar written", "{count} calendars written", changed)


@app.command(help=N_(
    "Write one mentoring contract per active pair, from the template of its language.\n\n"
    "Files are named <mentor>--<mentee>.md (or .html); re-running on unchanged data gives "
    "identical bytes. Prints the files, one a line."))
def contracts(
    file: Path = _FILE,
    out: Path = typer.Option(None, "--out", help=_HELP["out_contracts"], show_default=False),
    pair: str = _PAIR,
    template: Path = typer.Option(None, "--template", help=_HELP["template"],
                                  show_default=False),
    format: ContractFormat = typer.Option(None, "--format", help=_HELP["format"],
                                          show_default=False),
    include_proposed: bool = typer.Option(False, "--include-proposed",
                                          help=_HELP["include_proposed"]),
    lang: str = _LANG,
) -> None:
    from mentorcli.documents.contracts import build_contracts, parse_pair_spec, write_outputs
    from mentorcli.store.loading import load_cohort

    _set_language(lang)
    model = load_cohort(file).model
    only = parse_pair_spec(pair) if pair else None  # said in the cohort's language
    outputs = build_contracts(
        file, model, out, only, template, format.value if format else None, include_proposed,
    )
    if include_proposed:
        empty = _("no contract written: the cohort has no active pair")
    else:
        empty = _("no contract written: the cohort has no active pair (add --include-proposed "
                  "for proposed pairs)")
    _report(write_outputs(outputs), "contract", empty)


#: What `sign` says, by side (whole sentences: the side is a word of each language).
_SIGNED_ALREADY = {
    "mentor": N_("{pair}: the mentor signature of {day} was already recorded; nothing changed"),
    "mentee": N_("{pair}: the mentee signature of {day} was already recorded; nothing changed"),
    "coordinator": N_("{pair}: the coordinator signature of {day} was already recorded; "
                      "nothing changed"),
}
_SIGNED_MOVED = {
    "mentor": N_("{pair}: mentor signature moved from {previous} to {day} in {file}"),
    "mentee": N_("{pair}: mentee signature moved from {previous} to {day} in {file}"),
    "coordinator": N_("{pair}: coordinator signature moved from {previous} to {day} in {file}"),
}
_SIGNED = {
    "mentor": N_("{pair}: mentor signature of {day} recorded in {file}"),
    "mentee": N_("{pair}: mentee signature of {day} recorded in {file}"),
    "coordinator": N_("{pair}: coordinator signature of {day} recorded in {file}"),
}


@app.command(help=N_(
    "Record that the mentor, the mentee or the coordinator (for the programme) signed the "
    "pair's contract (its `signed:` entry).\n\n"
    "Refuses a date in the future or after the pair ended; warns about a date more than 60 "
    "days before the pair started. Only the pair's `signed:` lines of the file change."))
def sign(
    file: Path = _FILE,
    mentor: str = typer.Argument(..., help=_HELP["mentor"], show_default=False),
    mentee: str = typer.Argument(..., help=_HELP["mentee"], show_default=False),
    by: Side = typer.Option(..., "--by", help=_HELP["by"], show_default=False),
    date: str = typer.Option(None, "--date", metavar="YYYY-MM-DD", help=_HELP["date"],
                             show_default=False),
) -> None:
    from mentorcli import runtime
    from mentorcli.dates import parse_date
    from mentorcli.documents.contracts import record_signature
    from mentorcli.localize import sentence_date

    today = runtime.today()
    day = parse_date(date, "--date") if date else today
    result = record_signature(file, mentor, mentee, by.value, day, today)
    for warning in result.warnings:
        say(_("warning: ") + warning)
    values = {"pair": f"{result.mentor}:{result.mentee}", "day": sentence_date(day), "file": file,
              "previous": sentence_date(result.previous) if result.previous else ""}
    if not result.changed:
        say(_(_SIGNED_ALREADY[by.value]).format(**values))
    elif result.previous is not None:
        say(_(_SIGNED_MOVED[by.value]).format(**values))
    else:
        say(_(_SIGNED[by.value]).format(**values))


@app.command(help=N_(
    "Plan each active pair's meetings and write one iCalendar (.ics) file per pair.\n\n"
    "Meetings run from the pair's start (or the cohort start) to the cohort end at the cohort "
    "cadence, on the meeting days (`cohort.meetings`), in the mentor's time zone, at a time "
    "when neither person has another meeting (10:00 by default). A changed meeting gets a "
    "higher SEQUENCE; meetings after a pair's end are sent as cancelled. Prints the files."))
def schedule(
    file: Path = _FILE,
    out: Path = typer.Option(None, "--out", help=_HELP["out_calendars"], show_default=False),
    pair: str = _PAIR,
    lang: str = _LANG,
) -> None:
    from mentorcli import runtime
    from mentorcli.documents.calendar_ics import build_calendars
    from mentorcli.documents.contracts import parse_pair_spec, write_outputs
    from mentorcli.store.loading import load_cohort

    _set_language(lang)
    model = load_cohort(file).model
    only = parse_pair_spec(pair) if pair else None  # said in the cohort's language
    plan = build_calendars(file, model, out, only, runtime.today())
    for moved in plan.moved:
        say(_("note: {note}").format(note=moved))
    for cancelled in plan.cancelled:
        say(_("cancelled: the meetings of {pair} after its end").format(pair=cancelled))
    _report(write_outputs(plan.outputs), "calendar",
            _("no calendar written: the cohort has no active pair"))

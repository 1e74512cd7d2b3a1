"""People commands: import from a spreadsheet, forget one person, anonymize many.

Thin: parse options, call `mentorcli.importing` / `mentorcli.privacy`, print. Data (the
table of what was imported) goes to stdout, messages for people to stderr. "Today" and
whether a person can answer come from `mentorcli.runtime`.
"""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from mentorcli import runtime
from mentorcli.cli.app import app, fail
from mentorcli.cli.output import say
from mentorcli.errors import ExitCode, UsageError
from mentorcli.i18n import _, ngettext
from mentorcli.i18n import number as figure

if TYPE_CHECKING:
    from mentorcli.importing import ColumnMap, ImportPlan
    from mentorcli.importing.spreadsheet import Sheet
    from mentorcli.privacy import ForgetPreview, Kept, PrivacyResult

_FILE = typer.Argument(..., help=_("The cohort file."), show_default=False)
_YES = typer.Option(False, "--yes", "-y", help=_("Do not ask for confirmation (for scripts)."))


class ImportRole(str, enum.Enum):
    mentor = "mentor"
    mentee = "mentee"
    both = "both"


def _sessions(count: int) -> str:
    """'1 session', '2 sessions' (in a sentence)."""
    return ngettext("{count} session", "{count} sessions", count).format(count=figure(count))


def _participants(count: int) -> str:
    return ngettext("{count} participant", "{count} participants", count).format(
        count=figure(count))


def _confirm(question: str, command: str, yes: bool) -> None:
    """Ask on a terminal; refuse (exit 2) without one unless --yes; exit 1 on 'no'."""
    if yes:
        return
    if not runtime.stdin_is_terminal():
        raise UsageError(_("{command} cannot be undone and needs a confirmation: run it on a "
                           "terminal, or add --yes").format(command=command))
    if not typer.confirm(question, default=False, err=True):
        say(_("nothing changed"))
        raise fail(ExitCode.FOUND)


def _plain(value: int) -> str:
    """A number these commands always printed without separators in English (1500 minutes),
    in the language's way otherwise (1 500 in French)."""
    from mentorcli import i18n

    return str(value) if i18n.language() == i18n.ENGLISH else figure(value)


def _day(day: dt.date) -> str:
    from mentorcli.localize import sentence_date

    return sentence_date(day)


# -------------------------------------------------------------------------- import


# Options as module-level values: their help is translated once, when the app is built.
_PEOPLE = typer.Argument(..., metavar="PEOPLE.csv|PEOPLE.xlsx", show_default=False,
                         help=_("The spreadsheet export: CSV (any separator and encoding) or "
                                ".xlsx."))
_ROLE = typer.Option(None, "--role", help=_("Role of the rows without a Role/Rôle cell."))
_MAPPING = typer.Option(None, "--mapping", metavar="MAP.yaml",
                        help=_("YAML file naming more columns: 'Column: key' (or 'Column: "
                               "ignore')."))
_UPDATE = typer.Option(False, "--update",
                       help=_("Refresh people already in the cohort from the sheet."))
_DRY_RUN = typer.Option(False, "--dry-run", help=_("Show what would change; write nothing."))
_SKIP_INVALID = typer.Option(False, "--skip-invalid",
                             help=_("Import the usable rows and report the others."))


@app.command("import", help=_(
    "Add participants from a spreadsheet export; columns are matched by name.\n\n"
    "New people are appended (comments and existing entries untouched). Rows that cannot be "
    "used are listed with their row number; then nothing is written, unless --skip-invalid."))
def import_people(
    file: Path = _FILE,
    people: Path = _PEOPLE,
    role: ImportRole = _ROLE,
    mapping: Path = _MAPPING,
    update: bool = _UPDATE,
    dry_run: bool = _DRY_RUN,
    skip_invalid: bool = _SKIP_INVALID,
) -> None:
    """`mentorcli import` (its help is the command's `help=`)."""
    from mentorcli import importing
    from mentorcli.cli.output import working

    try:
        with working(_("importing {name}").format(name=people.name)):  # a spinner, on a terminal
            done = importing.import_file(
                file, people, mapping=mapping, role=role.value if role else None,
                update=update, skip_invalid=skip_invalid, dry_run=dry_run)
    except importing.UnusableRowsError as error:
        if error.sheet is not None:
            _render_sheet(error.sheet)
        _render_columns(error.plan.columns, error.plan.notices)
        raise
    sheet, plan = done.sheet, done.plan
    _render_sheet(sheet)
    from mentorcli.text_safety import escape_strings

    _render_columns(plan.columns, escape_strings(plan.notices))
    _render_plan(escape_strings(plan), sheet.path.name)
    summary = ngettext("{count} new participant", "{count} new participants",
                       len(plan.new)).format(count=figure(len(plan.new)))
    if update:
        summary += ngettext(", {count} updated", ", {count} updated", len(plan.updates)).format(
            count=_plain(len(plan.updates)))
    if dry_run:
        say(_("dry run: {summary} would be written to {file}; nothing written").format(
            summary=summary, file=file))
    elif plan.new or plan.updates:
        say(_("{file}: {summary}; run `mentorcli validate {file}` to see warnings").format(
            file=file, summary=summary))
    elif plan.skipped:
        say(_("{file}: nothing to import; nobody in the sheet could be used").format(file=file))
    elif update:
        say(_("{file}: nothing to import; everyone in the sheet is already in the cohort, up "
              "to date").format(file=file))
    else:
        say(_("{file}: nothing to import; everyone in the sheet is already in the cohort")
            .format(file=file))


def _render_sheet(sheet: Sheet) -> None:
    say(_("read {sheet}").format(sheet=sheet.describe()))
    for note in sheet.notes:
        say(_("note: {note}").format(note=note))


def _render_columns(columns: ColumnMap, notices: list[str]) -> None:
    say(_("columns: {columns}").format(columns=", ".join(
        f"{header} -> {key}" for header, key in columns.describe())))
    if columns.ignored:
        say(_("ignored (--mapping): {columns}").format(
            columns=", ".join(columns.label(i) for i in columns.ignored)))
    if columns.unmapped:
        say(_("not imported, unknown columns (name them in --mapping, or map them to "
              "'ignore'): {columns}").format(
                  columns=", ".join(columns.label(i) for i in columns.unmapped)))
    for notice in notices:
        say(_("note: {note}").format(note=notice))


def _render_plan(plan: ImportPlan, source: str) -> None:
    from mentorcli.cli.output import print_table

    for problem in plan.skipped:
        say(_("{file}: skipped row {row}: {problem}").format(
            file=source, row=problem.row, problem=problem.message) if problem.row else
            _("{file}: skipped {problem}").format(file=source, problem=problem.message))
    for row, into in plan.merged:
        say(_("{file}: row {row}: same email as row {first}: merged into one participant")
            .format(file=source, row=row, first=into))
    for row, pid in plan.already_in:
        say(_("{file}: row {row}: already in the cohort as '{id}'; left as it is (--update "
              "refreshes)").format(file=source, row=row, id=pid))
    for row, pid in plan.unchanged:
        say(_("{file}: row {row}: '{id}' is up to date").format(file=source, row=row, id=pid))
    done = [(a.row, _("add"), a.entry, "") for a in plan.new]
    done += [(u.row, _("update"), u.after, ", ".join(u.changes)) for u in plan.updates]
    headers = [_("row"), _("action"), _("id"), _("name"), _("role"), _("department"),
               _("manager")]
    if plan.updates:
        headers.append(_("changes"))
    rows = [[row, action, entry["id"], entry["name"], entry["role"],
             entry.get("department", ""), entry.get("manager", ""), changes][:len(headers)]
            for row, action, entry, changes in sorted(done, key=lambda d: d[0])]
    if rows:
        print_table(headers, rows)


# -------------------------------------------------------------------------- forget


_PERSON = typer.Argument(..., metavar="PERSON_ID", show_default=False,
                         help=_("Participant id, email or employee number (or an `org` id)."))
_BEFORE = typer.Option(None, "--before", metavar="DATE",
                       help=_("Only people whose involvement ended before DATE (YYYY-MM-DD): "
                              "a retention policy."))


@app.command(help=_(
    "Erase one person (right to erasure): name, email, job, profile and the notes of their "
    "sessions are removed, their id becomes a pseudonym; counts, minutes and ratings stay."))
def forget(
    file: Path = _FILE,
    person: str = _PERSON,
    yes: bool = _YES,
) -> None:
    """`mentorcli forget` (its help is the command's `help=`)."""
    from mentorcli import privacy

    preview = privacy.preview_forget_file(file, person)  # refuses an invalid file first
    found = preview.person
    if found is not None and found.anonymized is not None:
        say(_("'{id}' was already anonymized on {date}; nothing to do").format(
            id=preview.person_id, date=_day(found.anonymized)))
        return
    who = _who(preview)
    say(_("forget {who}: {summary}").format(who=who, summary=_forget_summary(preview)))
    _confirm(_("Forget {who}?").format(who=who), "forget", yes)
    today = runtime.today()
    _render_privacy(file, privacy.forget_in_file(file, preview.person_id, today), today)


def _who(preview: ForgetPreview) -> str:
    person = preview.person
    if person is None:
        return _("'{id}' (outside the cohort, in `org`)").format(id=preview.person_id)
    return f"{person.name} ({preview.person_id}, {person.email})"


def _forget_summary(preview: ForgetPreview) -> str:
    if preview.person is None:
        return _("their id becomes a pseudonym everywhere it is used")
    pairs = ngettext("{count} pair", "{count} pairs", preview.pairs).format(
        count=figure(preview.pairs))
    return _("the id, name and email become a pseudonym everywhere; job and profile, the free "
             "text of {pairs} and the notes of {notes} are removed; {sessions}, their minutes "
             "and ratings are kept").format(pairs=pairs, notes=_sessions(preview.notes),
                                            sessions=_sessions(preview.sessions))


@app.command(help=_(
    "Erase everyone's personal data (or, with --before, of people whose part in the cohort "
    "ended before DATE), keeping the statistics: as `forget`, for many."))
def anonymize(
    file: Path = _FILE,
    before: str = _BEFORE,
    yes: bool = _YES,
) -> None:
    """`mentorcli anonymize` (its help is the command's `help=`)."""
    from mentorcli import privacy

    today = runtime.today()
    # the cohort is read first: a wrong --before is refused in the cohort's language
    preview = privacy.preview_anonymize_file(file, before, today)
    cutoff, ids = preview.cutoff, preview.ids
    _render_held(preview.held)
    if not ids:
        if cutoff:
            say(_("{file}: nobody whose involvement ended before {date} left to anonymize; "
                  "nothing changed").format(file=file, date=_day(cutoff)))
        else:
            say(_("{file}: nobody left to anonymize; nothing changed").format(file=file))
        return
    if cutoff:
        say(ngettext("anonymize {count} participant whose involvement ended before {date}: "
                     "{ids}",
                     "anonymize {count} participants whose involvement ended before {date}: "
                     "{ids}", len(ids)).format(count=figure(len(ids)), date=_day(cutoff),
                                               ids=", ".join(ids)))
    else:
        say(ngettext("anonymize {count} participant in the cohort: {ids}",
                     "anonymize {count} participants in the cohort: {ids}", len(ids)).format(
                         count=figure(len(ids)), ids=", ".join(ids)))
    _confirm(ngettext("Anonymize these {count} people?", "Anonymize these {count} people?",
                      len(ids)).format(count=_plain(len(ids))), "anonymize", yes)
    _render_privacy(file, privacy.anonymize_file(file, today, cutoff), today)


def _render_held(held: list[Kept]) -> None:
    for kept in held:
        say(_("kept {id}: participation not over ({reason})").format(id=kept.person_id,
                                                                      reason=kept.reason))


def _render_privacy(file: Path, result: PrivacyResult, today: dt.date) -> None:
    from mentorcli.localize import semicolon

    clauses = semicolon(_language())
    if not result.erased:  # done by someone else since the question was asked
        say(_("{file}: nobody left to anonymize; nothing changed").format(file=file))
        return
    for erasure in result.erased:
        if erasure.in_org:
            say(_("{old} -> {new}: `org` entry re-keyed").format(old=erasure.old_id,
                                                                 new=erasure.new_id))
            continue
        done = [_("removed {keys}").format(keys=", ".join(erasure.removed))] \
            if erasure.removed else []
        if erasure.notes_removed:
            done.append(ngettext("notes of {count} session removed",
                                 "notes of {count} sessions removed",
                                 erasure.notes_removed).format(
                                     count=figure(erasure.notes_removed)))
        done.append(ngettext("kept {count} session ({minutes} minutes) and their ratings",
                             "kept {count} sessions ({minutes} minutes) and their ratings",
                             erasure.sessions).format(count=figure(erasure.sessions),
                                                      minutes=_plain(erasure.minutes))
                    if erasure.sessions else _("no sessions"))
        say(_("{old} -> {new}: name and email replaced; {done}").format(
            old=erasure.old_id, new=erasure.new_id, done=clauses.join(done)))
        if erasure.open_pairs:
            say(ngettext("note: {id} still has {count} pair not ended; end them if the person "
                         "has left the programme",
                         "note: {id} still has {count} pairs not ended; end them if the "
                         "person has left the programme", erasure.open_pairs).format(
                             id=erasure.new_id, count=figure(erasure.open_pairs)))
    if result.kept:
        say(ngettext("kept {count} participant still involved",
                     "kept {count} participants still involved", len(result.kept)).format(
                         count=figure(len(result.kept))))
    for line, what in result.leftovers:
        say(_("{file}:{line}: warning: still mentions the {what} (a comment or free text?): "
              "edit it by hand").format(file=file, line=line, what=what))
    for removed in result.removed_files:
        say(_("removed {path}: made for a pair of an erased person, it named them").format(
            path=removed))
    people, org = len(result.participants), len(result.erased) - len(result.participants)
    parts = [_participants(people)] if people else []
    parts += [ngettext("{count} `org` entry", "{count} `org` entries", org).format(
        count=figure(org))] if org else []
    done_text = _("{first} and {second}").format(first=parts[0], second=parts[1]) \
        if len(parts) == 2 else parts[0]
    say(_("{file}: {done} anonymized on {date}. Earlier versions stay in the file's git "
          "history, and reports made before today (or contracts and calendars written with "
          "--out) still name them: see docs/privacy-import.md").format(
              file=file, done=done_text, date=_day(today)))


def _language() -> str:
    from mentorcli import i18n

    return i18n.language()

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
from mentorcli.localize import counted

if TYPE_CHECKING:
    from mentorcli.importing import ColumnMap, ImportPlan
    from mentorcli.importing.spreadsheet import Sheet
    from mentorcli.privacy import ForgetPreview, Kept, PrivacyResult

_FILE = typer.Argument(..., help="The cohort file.", show_default=False)
_YES = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation (for scripts).")


class ImportRole(str, enum.Enum):
    mentor = "mentor"
    mentee = "mentee"
    both = "both"


def _count(number: int, noun: str, nouns: str | None = None) -> str:
    """'1 session', '2 sessions'."""
    return counted(number, noun, nouns or f"{noun}s")


def _confirm(question: str, what: str, yes: bool) -> None:
    """Ask on a terminal; refuse (exit 2) without one unless --yes; exit 1 on 'no'."""
    if yes:
        return
    if not runtime.stdin_is_terminal():
        raise UsageError(f"{what} cannot be undone and needs a confirmation: run it on a "
                         "terminal, or add --yes")
    if not typer.confirm(question, default=False, err=True):
        say("nothing changed")
        raise fail(ExitCode.FOUND)


# -------------------------------------------------------------------------- import


@app.command("import")
def import_people(
    file: Path = _FILE,
    people: Path = typer.Argument(..., metavar="PEOPLE.csv|PEOPLE.xlsx", show_default=False,
                                  help="The spreadsheet export: CSV (any separator and "
                                       "encoding) or .xlsx."),
    role: ImportRole = typer.Option(None, "--role", help="Role of the rows without a "
                                                          "Role/Rôle cell."),
    mapping: Path = typer.Option(None, "--mapping", metavar="MAP.yaml",
                                 help="YAML file naming more columns: 'Column: key' "
                                      "(or 'Column: ignore')."),
    update: bool = typer.Option(False, "--update", help="Refresh people already in the "
                                                        "cohort from the sheet."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would change; write "
                                                          "nothing."),
    skip_invalid: bool = typer.Option(False, "--skip-invalid", help="Import the usable rows "
                                                                    "and report the others."),
) -> None:
    """Add participants from a spreadsheet export; columns are matched by name.

    New people are appended (comments and existing entries untouched). Rows that cannot be
    used are listed with their row number; then nothing is written, unless --skip-invalid.
    """
    from mentorcli import importing
    from mentorcli.cli.output import working

    try:
        with working(f"importing {people.name}"):  # a spinner and the time, on a terminal
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
    summary = _count(len(plan.new), "new participant")
    if update:
        summary += f", {len(plan.updates)} updated"
    if dry_run:
        say(f"dry run: {summary} would be written to {file}; nothing written")
    elif plan.new or plan.updates:
        say(f"{file}: {summary}; run `mentorcli validate {file}` to see warnings")
    else:
        say(f"{file}: nothing to import; "
            + ("nobody in the sheet could be used" if plan.skipped else
               "everyone in the sheet is already in the cohort"
               + (", up to date" if update else "")))


def _render_sheet(sheet: Sheet) -> None:
    say(f"read {sheet.describe()}")
    for note in sheet.notes:
        say(f"note: {note}")


def _render_columns(columns: ColumnMap, notices: list[str]) -> None:
    say("columns: " + ", ".join(f"{header} -> {key}" for header, key in columns.describe()))
    if columns.ignored:
        say("ignored (--mapping): " + ", ".join(columns.label(i) for i in columns.ignored))
    if columns.unmapped:
        say("not imported, unknown columns (name them in --mapping, or map them to 'ignore'): "
            + ", ".join(columns.label(i) for i in columns.unmapped))
    for notice in notices:
        say(f"note: {notice}")


def _render_plan(plan: ImportPlan, source: str) -> None:
    from mentorcli.cli.output import print_table

    for problem in plan.skipped:
        say(f"{source}: skipped {problem.render()}")
    for row, into in plan.merged:
        say(f"{source}: row {row}: same email as row {into}: merged into one participant")
    for row, pid in plan.already_in:
        say(f"{source}: row {row}: already in the cohort as '{pid}'; left as it is "
            "(--update refreshes)")
    for row, pid in plan.unchanged:
        say(f"{source}: row {row}: '{pid}' is up to date")
    done = [(a.row, "add", a.entry, "") for a in plan.new]
    done += [(u.row, "update", u.after, ", ".join(u.changes)) for u in plan.updates]
    headers = ["row", "action", "id", "name", "role", "department", "manager"]
    if plan.updates:
        headers.append("changes")
    rows = [[row, action, entry["id"], entry["name"], entry["role"],
             entry.get("department", ""), entry.get("manager", ""), changes][:len(headers)]
            for row, action, entry, changes in sorted(done, key=lambda d: d[0])]
    if rows:
        print_table(headers, rows)


# -------------------------------------------------------------------------- forget


@app.command()
def forget(
    file: Path = _FILE,
    person: str = typer.Argument(..., metavar="PERSON_ID", show_default=False,
                                 help="Participant id, email or employee number (or an "
                                      "`org` id)."),
    yes: bool = _YES,
) -> None:
    """Erase one person (right to erasure): name, email, job, profile and the notes of their
    sessions are removed, their id becomes a pseudonym; counts, minutes and ratings stay."""
    from mentorcli import privacy

    preview = privacy.preview_forget_file(file, person)  # refuses an invalid file first
    found = preview.person
    if found is not None and found.anonymized is not None:
        say(f"'{preview.person_id}' was already anonymized on {found.anonymized}; nothing to do")
        return
    who = _who(preview)
    say(f"forget {who}: {_forget_summary(preview)}")
    _confirm(f"Forget {who}?", "forget", yes)
    today = runtime.today()
    _render_privacy(file, privacy.forget_in_file(file, preview.person_id, today), today)


def _who(preview: ForgetPreview) -> str:
    person = preview.person
    if person is None:
        return f"'{preview.person_id}' (outside the cohort, in `org`)"
    return f"{person.name} ({preview.person_id}, {person.email})"


def _forget_summary(preview: ForgetPreview) -> str:
    if preview.person is None:
        return "their id becomes a pseudonym everywhere it is used"
    return (f"the id, name and email become a pseudonym everywhere; job and profile, the free "
            f"text of {_count(preview.pairs, 'pair')} and the notes of "
            f"{_count(preview.notes, 'session')} are removed; "
            f"{_count(preview.sessions, 'session')}, their minutes and ratings are kept")


@app.command()
def anonymize(
    file: Path = _FILE,
    before: str = typer.Option(None, "--before", metavar="DATE",
                               help="Only people whose involvement ended before DATE "
                                    "(YYYY-MM-DD): a retention policy."),
    yes: bool = _YES,
) -> None:
    """Erase everyone's personal data (or, with --before, of people whose part in the cohort
    ended before DATE), keeping the statistics: as `forget`, for many."""
    from mentorcli import privacy

    today = runtime.today()
    cutoff = privacy.retention_cutoff(before, today) if before is not None else None
    ids, held = privacy.preview_anonymize_file(file, cutoff, today)
    rule = f" whose involvement ended before {cutoff}" if cutoff else ""
    _render_held(held)
    if not ids:
        say(f"{file}: nobody{rule} left to anonymize; nothing changed")
        return
    say(f"anonymize {_count(len(ids), 'participant')}{rule or ' in the cohort'}: "
        + ", ".join(ids))
    _confirm(f"Anonymize these {len(ids)} people?", "anonymize", yes)
    _render_privacy(file, privacy.anonymize_file(file, today, cutoff), today)


def _render_held(held: list[Kept]) -> None:
    for kept in held:
        say(f"kept {kept.person_id}: participation not over ({kept.reason})")


def _render_privacy(file: Path, result: PrivacyResult, today: dt.date) -> None:
    if not result.erased:  # done by someone else since the question was asked
        say(f"{file}: nobody left to anonymize; nothing changed")
        return
    for erasure in result.erased:
        if erasure.in_org:
            say(f"{erasure.old_id} -> {erasure.new_id}: `org` entry re-keyed")
            continue
        done = [f"removed {', '.join(erasure.removed)}"] if erasure.removed else []
        if erasure.notes_removed:
            done.append(f"notes of {_count(erasure.notes_removed, 'session')} removed")
        done.append(f"kept {_count(erasure.sessions, 'session')} ({erasure.minutes} minutes) "
                    "and their ratings" if erasure.sessions else "no sessions")
        say(f"{erasure.old_id} -> {erasure.new_id}: name and email replaced; "
            + "; ".join(done))
        if erasure.open_pairs:
            say(f"note: {erasure.new_id} still has {_count(erasure.open_pairs, 'pair')} not "
                "ended; end them if the person has left the programme")
    if result.kept:
        say(f"kept {_count(len(result.kept), 'participant')} still involved")
    for line, what in result.leftovers:
        say(f"{file}:{line}: warning: still mentions the {what} (a comment or free text?): "
            "edit it by hand")
    for removed in result.removed_files:
        say(f"removed {removed}: made for a pair of an erased person, it named them")
    people, org = len(result.participants), len(result.erased) - len(result.participants)
    done = [_count(people, "participant")] if people else []
    done += [_count(org, "`org` entry", "`org` entries")] if org else []
    say(f"{file}: {' and '.join(done)} anonymized on {today}. Earlier versions stay in the "
        "file's git history, and reports made before today (or contracts and calendars "
        "written with --out) still name them: see docs/privacy-import.md")

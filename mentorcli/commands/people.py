"""People commands: import from a spreadsheet, forget one person, anonymize many.

Thin: parse options, call `mentorcli.spreadsheet` / `mentorcli.importing` /
`mentorcli.privacy`, write through `mentorcli.store`, print. "Today" is read here.
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
from pathlib import Path
from typing import Any

import typer

from mentorcli.cli_app import app, fail
from mentorcli.errors import ExitCode, MentorcliError, UsageError
from mentorcli.output import say

_FILE = typer.Argument(..., help="The cohort file.", show_default=False)
_YES = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation (for scripts).")


class ImportRole(str, enum.Enum):
    mentor = "mentor"
    mentee = "mentee"
    both = "both"


def stdin_is_terminal() -> bool:
    """Whether a person can answer a question (tests replace this)."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _today() -> dt.date:
    return dt.date.today()


def _confirm(question: str, what: str, yes: bool) -> None:
    """Ask on a terminal; refuse (exit 2) without one unless --yes; exit 1 on 'no'."""
    if yes:
        return
    if not stdin_is_terminal():
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
    from mentorcli.importing import (
        UnusableRowsError,
        parse_mapping,
        plan_import,
        without_rows,
        yaml_entries,
    )
    from mentorcli.spreadsheet import read_mapping_file, read_sheet

    sheet = read_sheet(people)
    say(f"read {sheet.describe()}")
    for note in sheet.notes:
        say(f"note: {note}")
    mapping_data = parse_mapping(read_mapping_file(mapping), str(mapping)) if mapping else None
    options: dict[str, Any] = {"role": role.value if role else None, "mapping": mapping_data,
                               "update": update}
    state: dict[str, Any] = {}

    def plan_for(model: Any) -> Any:
        plan = plan_import(sheet, model, **options)
        state["columns"] = plan.columns
        state["notices"] = plan.notices
        skipped: list[Any] = []
        if not plan.usable:
            if not skip_invalid:
                hint = "" if not plan.bad_rows else ", or add --skip-invalid to import the others"
                raise UnusableRowsError(sheet.path.name, plan.problems, hint)
            plan, skipped = without_rows(plan, sheet, model, **options)
        state["plan"], state["skipped"] = plan, skipped
        return plan

    try:
        if dry_run:
            from mentorcli.loading import load_cohort

            plan_for(load_cohort(file).model)
        elif update:
            from mentorcli.importing import apply_updates
            from mentorcli.store import edit_cohort

            def change(doc: Any, model: Any) -> None:
                apply_updates(doc, plan_for(model))

            edit_cohort(file, change)
        else:
            from mentorcli.store import append_entries

            append_entries(file, "participants",
                           lambda model: yaml_entries(plan_for(model).new))
    except MentorcliError:
        _render_columns(state)
        raise
    _render_columns(state)
    _render_plan(state["plan"], state["skipped"], sheet.path.name)
    plan = state["plan"]
    added, changed = len(plan.new), len(plan.updates)
    summary = f"{added} new participant{'s' if added != 1 else ''}"
    if update:
        summary += f", {changed} updated"
    if dry_run:
        say(f"dry run: {summary} would be written to {file}; nothing written")
    elif added or changed:
        say(f"{file}: {summary}; run `mentorcli validate {file}` to see warnings")
    else:
        say(f"{file}: nothing to import; everyone in the sheet is already in the cohort")


def _render_columns(state: dict[str, Any]) -> None:
    columns = state.get("columns")
    if columns is None:
        return
    pairs = ", ".join(f"{header} -> {key}" for header, key in columns.describe())
    say(f"columns: {pairs}")
    if columns.ignored:
        say("ignored (--mapping): " + ", ".join(columns.label(i) for i in columns.ignored))
    if columns.unmapped:
        say("not imported, unknown columns (name them in --mapping, or map them to 'ignore'): "
            + ", ".join(columns.label(i) for i in columns.unmapped))
    for notice in state.get("notices") or []:
        say(f"note: {notice}")


def _render_plan(plan: Any, skipped: list[Any], source: str) -> None:
    from mentorcli.output import print_table

    for problem in skipped:
        say(f"{source}: skipped {problem.render()}")
    for row, into in plan.merged:
        say(f"row {row}: same person as row {into} (same email): merged")
    for row, pid in plan.existing:
        say(f"row {row}: already in the cohort as '{pid}'; left as it is (--update refreshes)")
    for row, pid in plan.unchanged:
        say(f"row {row}: '{pid}' is up to date")
    rows = []
    for entry, row in zip(plan.new, plan.new_rows, strict=True):
        rows.append([row, "add", entry["id"], entry["name"], entry["role"],
                     entry.get("department", ""), entry.get("manager", "")])
    for update in plan.updates:
        rows.append([update.row, "update", update.id, "", "", "",
                     "changes: " + ", ".join(update.changes)])
    if rows:
        print_table(["row", "action", "id", "name", "role", "department", "manager"], rows)


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
    from mentorcli.loading import load_cohort
    from mentorcli.store import edit_cohort

    model = load_cohort(file).model  # refuses an invalid file before asking anything
    person_id, found = privacy.find_person(model, person)
    if found is not None and found.anonymized is not None:
        say(f"'{person_id}' was already anonymized on {found.anonymized}; nothing to do")
        return
    sessions = [s for s in model.sessions if person_id in (s.mentor, s.mentee)]
    notes = sum(1 for s in sessions if s.notes)
    who = f"{found.name} ({person_id}, {found.email})" if found else f"'{person_id}' (org)"
    say(f"forget {who}: name, email, job, profile and pairs' free text removed, "
        f"notes of {notes} session{'s' if notes != 1 else ''} removed; the id becomes a "
        f"pseudonym everywhere; {len(sessions)} session(s), minutes and ratings are kept")
    _confirm(f"Forget {who}?", "forget", yes)
    today = _today()
    result = edit_cohort(file, lambda doc, m: privacy.forget(doc, m, person_id, today))
    _render_privacy(file, result, today)


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
    from mentorcli.importing import parse_date
    from mentorcli.loading import load_cohort
    from mentorcli.store import edit_cohort

    today = _today()
    cutoff = None
    if before is not None:
        cutoff = parse_date(before)
        if cutoff is None:
            raise UsageError(f"--before: expected a date like 2025-12-31, got '{before}'")
        if cutoff > today:
            raise UsageError(f"--before {cutoff} is in the future; retention applies to people "
                             f"whose part ended before a past date (today is {today})")
    model = load_cohort(file).model
    ids = privacy.retention_candidates(model, cutoff)
    if not ids:
        rule = f" whose involvement ended before {cutoff}" if cutoff else ""
        say(f"{file}: nobody{rule} left to anonymize; nothing changed")
        return
    scope = f"whose involvement ended before {cutoff}" if cutoff else "in the cohort"
    say(f"anonymize {len(ids)} participant{'s' if len(ids) != 1 else ''} {scope}: "
        + ", ".join(ids))
    _confirm(f"Anonymize these {len(ids)} people?", "anonymize", yes)
    result = edit_cohort(file, lambda doc, m: privacy.anonymize(doc, m, today, cutoff))
    _render_privacy(file, result, today)


def _render_privacy(file: Path, result: Any, today: dt.date) -> None:
    from mentorcli import privacy

    people = [e for e in result.erased if not e.in_org]
    org = [e for e in result.erased if e.in_org]
    for erasure in people:
        removed = ", ".join(erasure.removed) or "nothing else"
        say(f"{erasure.old_id} -> {erasure.new_id}: name and email replaced; removed "
            f"{removed}; notes of {erasure.notes_removed} session(s) removed; kept "
            f"{erasure.sessions} session(s), {erasure.minutes} minutes, ratings")
        if erasure.open_pairs:
            say(f"note: {erasure.new_id} still has {erasure.open_pairs} pair(s) not ended; "
                "end them if the person has left the programme")
    for erasure in org:
        say(f"{erasure.old_id} -> {erasure.new_id}: `org` entry re-keyed")
    if result.kept:
        say(f"kept {len(result.kept)} participant(s) still involved")
    try:
        text = file.read_text(encoding="utf-8")
    except OSError:  # pragma: no cover - it was just written
        text = ""
    for line, what in privacy.residual_mentions(text, result.erased):
        say(f"{file}:{line}: warning: still mentions the {what} (a comment or free text?): "
            "edit it by hand")
    say(f"{file}: {len(people)} participant(s) anonymized on {today}. Earlier versions stay "
        "in the file's git history, and contracts, calendars or reports made before today "
        "still name them: see docs/privacy-import.md")

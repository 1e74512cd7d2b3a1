"""Importing people from a spreadsheet export into a cohort.

The package, by concern:
- `spreadsheet`: reading the file (CSV in any encoding and separator, or .xlsx) into a Sheet;
- `columns`: which column fills which key (synonyms in English and French, a mapping file);
- `cells`: reading one cell as a value (roles, years, dates, languages, emails, lists);
- `plan`: from rows to an `ImportPlan` (duplicates, ids, references, validation); pure;
- `checkins`: reading check-in files for `log --from-csv`;
- here: the plan as edits (`import_changes`, pure) and the `import` use case
  (`import_people`: one transaction on the cohort file).

New people are appended; with --update, existing participants' keys are set in place (their
comments, order and flow style kept). Both go through the store's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentorcli.importing.cells import employee_key, parse_cell_date, split_cell
from mentorcli.importing.columns import (
    IGNORE,
    KEY_ORDER,
    LIST_KEYS,
    SYNONYMS,
    TARGETS,
    ColumnMap,
    MappingError,
    key_for_header,
    map_columns,
    normalize_header,
    parse_mapping,
    read_mapping,
)
from mentorcli.importing.plan import (
    Addition,
    ImportPlan,
    RowProblem,
    UnusableRowsError,
    Update,
    cohort_after,
    plan_import,
)
from mentorcli.importing.spreadsheet import Sheet
from mentorcli.model import CohortFile
from mentorcli.store import edits as E

__all__ = [
    "IGNORE", "KEY_ORDER", "LIST_KEYS", "SYNONYMS", "TARGETS", "Addition", "ColumnMap",
    "ImportPlan", "Imported", "MappingError", "RowProblem", "UnusableRowsError", "Update",
    "cohort_after", "employee_key", "import_changes", "import_edits", "import_file",
    "import_people", "key_for_header", "map_columns", "normalize_header", "parse_cell_date",
    "parse_mapping", "plan_import", "read_mapping", "split_cell", "use_cohort_language",
]


def _as_written(value: Any) -> Any:
    """Lists as cohort files write them by hand: in flow style (`skills: [a, b]`)."""
    return E.FlowList(value) if isinstance(value, list) else value


def import_edits(plan: ImportPlan) -> list[E.Edit]:
    """The edits of a plan: each change of an existing participant set in place (a new key
    goes where KEY_ORDER puts it), then the new participants appended in sheet order."""
    edits: list[E.Edit] = []
    for update in plan.updates:
        for key, value in update.changes.items():
            before = KEY_ORDER[:KEY_ORDER.index(key)] if key in KEY_ORDER else ()
            edits.append(E.Set(E.participant(update.id), key, _as_written(value),
                               after=tuple(reversed(before))))
    for entry in plan.entries:
        edits.append(E.Append(("participants",),
                              {key: _as_written(value) for key, value in entry.items()}))
    return edits


def import_changes(
    model: CohortFile,
    sheet: Sheet,
    *,
    role: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    update: bool = False,
    skip_invalid: bool = False,
) -> E.Changes:
    """The plan of importing `sheet` into `model` and its edits; UnusableRowsError (nothing
    to write) if a row cannot be used."""
    plan = plan_import(sheet, model, role=role, mapping=mapping, update=update,
                       skip_invalid=skip_invalid)
    if not plan.usable:
        raise UnusableRowsError(plan, sheet.path.name, suggest_skip=not skip_invalid)
    return E.Changes(import_edits(plan), plan)


def import_people(
    path: str | Path,
    sheet: Sheet,
    *,
    role: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    update: bool = False,
    skip_invalid: bool = False,
    dry_run: bool = False,
) -> ImportPlan:
    """Plan the import against the cohort file at `path` and write it (unless `dry_run`).

    The plan is made from the cohort as read inside the transaction (under its lock).
    Raises UnusableRowsError (nothing written) if a row cannot be used.
    """
    options: dict[str, Any] = {"role": role, "mapping": mapping, "update": update,
                               "skip_invalid": skip_invalid}
    if dry_run:
        from mentorcli.store.loading import load_cohort

        return import_changes(load_cohort(path).model, sheet, **options).result
    from mentorcli.store.transaction import change_cohort

    return change_cohort(path, lambda model: import_changes(model, sheet, **options))


def use_cohort_language(path: str | Path) -> None:
    """Speak the cohort file's language from now on (unless --lang or MENTORCLI_LANG say
    otherwise), as its `language:` line says: the sheet is read before the cohort, and what
    is said about it (how it was read, its errors) is in the cohort's language too."""
    from mentorcli import i18n

    found = i18n.sniff_file_language(path)
    if found is not None:
        i18n.set_cohort_language(found)


@dataclass(frozen=True)
class Imported:
    """What `import_file` read and did."""

    sheet: Sheet
    plan: ImportPlan


def import_file(path: str | Path, people: str | Path, *, mapping: str | Path | None = None,
                **options: Any) -> Imported:
    """The `import` command's use case: read the sheet (and the mapping file), plan against
    the cohort file at `path` and write (see `import_people` for `options`).

    An UnusableRowsError carries the sheet too (`error.sheet`), to say what was read."""
    from mentorcli.importing.spreadsheet import read_sheet

    use_cohort_language(path)
    sheet = read_sheet(Path(people))
    columns = read_mapping(mapping) if mapping is not None else None
    try:
        plan = import_people(path, sheet, mapping=columns, **options)
    except UnusableRowsError as error:
        error.sheet = sheet
        raise
    return Imported(sheet, plan)

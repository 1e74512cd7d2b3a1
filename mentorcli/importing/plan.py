"""From spreadsheet rows to an import plan: parsing rows, duplicates, ids, references, and
the cohort as it would be. Pure and deterministic.

`plan_import(sheet, model, ...)` reads a `Sheet` (see `mentorcli.importing.spreadsheet`)
against the current cohort and returns an `ImportPlan`: new entries, updates of people
already in the cohort, and every problem with the sheet row it comes from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from mentorcli.errors import InputFileError, MentorcliError, UsageError
from mentorcli.i18n import _, ngettext
from mentorcli.i18n import number as figure
from mentorcli.importing.cells import (
    CELL_PARSERS,
    BadCell,
    dedupe,
    employee_key,
    extract_email,
    language_code,
    parse_role,
    split_cell,
)
from mentorcli.importing.columns import KEY_ORDER, LIST_KEYS, ColumnMap, map_columns
from mentorcli.importing.spreadsheet import Sheet, SheetRow
from mentorcli.model import EMAIL_RE, CohortFile, Participant
from mentorcli.slugs import slugify
from mentorcli.tags import normalize_tag


def _count(value: int) -> str:
    """A count in a sentence: as it always was in English (1500), in the language's way
    otherwise (1 500 in French)."""
    from mentorcli import i18n

    return str(value) if i18n.language() == i18n.ENGLISH else figure(value)


# --------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class RowProblem:
    """A row that cannot be used (row 0: the sheet as a whole), and why."""

    row: int
    message: str

    def render(self) -> str:
        if not self.row:
            return self.message
        return _("row {row}: {problem}").format(row=self.row, problem=self.message)


@dataclass(frozen=True)
class Addition:
    """A new participant entry, from one row (or several rows of one person, merged)."""

    row: int
    entry: dict[str, Any]


@dataclass(frozen=True)
class Update:
    """Changes to an existing participant, from one row; `after` is the whole entry as it
    will be."""

    row: int
    id: str
    changes: dict[str, Any]
    after: dict[str, Any]


@dataclass
class ImportPlan:
    """What an import would do. `usable` is False when some row has a problem."""

    columns: ColumnMap
    new: list[Addition] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    unchanged: list[tuple[int, str]] = field(default_factory=list)  # (row, id), --update
    already_in: list[tuple[int, str]] = field(default_factory=list)  # (row, id), no --update
    merged: list[tuple[int, int]] = field(default_factory=list)  # (row, merged into row)
    problems: list[RowProblem] = field(default_factory=list)
    skipped: list[RowProblem] = field(default_factory=list)  # --skip-invalid
    notices: list[str] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return not self.problems

    @property
    def bad_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems if p.row})

    @property
    def entries(self) -> list[dict[str, Any]]:
        """The new participant entries, in sheet order."""
        return [addition.entry for addition in self.new]


class UnusableRowsError(MentorcliError):
    """Some rows cannot be imported; nothing was written. Carries the plan."""

    def __init__(self, plan: ImportPlan, source: str, suggest_skip: bool = True) -> None:
        self.plan = plan
        self.source = source
        self.suggest_skip = suggest_skip
        self.sheet: Sheet | None = None  # set by `import_file`: the sheet that was read
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        rows = self.plan.bad_rows
        lines = [f"{self.source}: {p.render()}" for p in self.plan.problems]
        if rows and self.suggest_skip:
            lines.append(ngettext(
                "nothing was written: {count} row cannot be imported; fix it in the sheet, or "
                "add --skip-invalid to import the others",
                "nothing was written: {count} rows cannot be imported; fix them in the sheet, "
                "or add --skip-invalid to import the others", len(rows)).format(
                    count=_count(len(rows))))
        elif rows:
            lines.append(ngettext(
                "nothing was written: {count} row cannot be imported; fix it in the sheet",
                "nothing was written: {count} rows cannot be imported; fix them in the sheet",
                len(rows)).format(count=_count(len(rows))))
        else:
            lines.append(_("nothing was written: fix the sheet"))
        return lines


@dataclass
class _Record:
    """One person from the sheet, parsed: values by key, and what still needs resolving."""

    row: int
    values: dict[str, Any]
    refs: dict[str, list[str]]  # manager, prefer, avoid: people as the sheet names them
    problems: list[str] = field(default_factory=list)
    id: str | None = None
    existing: Participant | None = None
    bad_role: bool = False  # the role cell could not be read (already reported)
    role_from_option: bool = False  # the role is --role's, not the sheet's

    @property
    def email_key(self) -> str:
        return str(self.values.get("email", "")).casefold()

    @property
    def person_id(self) -> str | None:
        return self.existing.id if self.existing is not None else self.id


def plan_import(
    sheet: Sheet,
    model: CohortFile,
    *,
    role: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    update: bool = False,
    skip_invalid: bool = False,
) -> ImportPlan:
    """What importing `sheet` into the cohort `model` would do. Pure and deterministic.

    With `skip_invalid`, the plan is that of the usable rows only (planned again without
    the others, so that ids and references are as if they were not there); the problems of
    the rows left out are in `skipped`. A problem of the sheet as a whole is never skipped.
    """
    if role is not None and role not in ("mentor", "mentee", "both"):
        raise UsageError(_("--role must be mentor, mentee or both, got '{role}'")
                         .format(role=role))
    empty = [i for i in range(len(sheet.headers)) if not any(r.get(i) for r in sheet.rows)]
    try:
        columns = map_columns(sheet.headers, mapping, empty, need_name=not update)
    except UsageError as error:  # the sheet's header is wrong: say which file
        raise InputFileError(sheet.path, str(error)) from None
    notices = [_("the mapping names a column that is not in the sheet: '{name}'")
               .format(name=name) for name in columns.unused_mapping]
    if not sheet.rows:
        return ImportPlan(columns, problems=[RowProblem(0, _("the sheet has a header but no "
                                                             "rows of people"))],
                          notices=notices)
    rows = list(sheet.rows)
    plan = _plan_rows(rows, columns, model, role, update)
    skipped: list[RowProblem] = []
    while skip_invalid and plan.bad_rows and all(p.row for p in plan.problems):
        skipped += plan.problems
        rows = [r for r in rows if r.number not in set(plan.bad_rows)]
        plan = _plan_rows(rows, columns, model, role, update)
    plan.skipped = sorted(skipped, key=lambda p: p.row)
    plan.notices = notices
    return plan


def _plan_rows(rows: list[SheetRow], columns: ColumnMap, model: CohortFile,
               role: str | None, update: bool) -> ImportPlan:
    """The plan of these rows, step by step; each step leaves a row alone once it has a
    problem."""
    plan = ImportPlan(columns)
    records = [_parse_row(row, columns, model, role) for row in rows]
    records = _merge_duplicates(records, plan)
    _match_existing(records, model)
    _require_name_and_role(records)
    _assign_ids(records, model)
    _resolve_references(records, model)
    _fill_plan(records, update, plan)
    general = _pin_validation_errors(records, model, plan)
    plan.problems = general + sorted((RowProblem(r.row, message) for r in records
                                      for message in r.problems), key=lambda p: p.row)
    return plan


def _parse_row(row: SheetRow, columns: ColumnMap, model: CohortFile,
               default_role: str | None) -> _Record:
    record = _Record(row.number, {}, {})
    problems = record.problems
    if row.extra:
        problems.append(ngettext(
            "has {count} more cell than the header has columns ({cells}): a separator "
            "inside a cell must be quoted, or the header is missing a column",
            "has {count} more cells than the header has columns ({cells}): a separator "
            "inside a cell must be quoted, or the header is missing a column",
            len(row.extra)).format(count=_count(len(row.extra)),
                                   cells=", ".join(repr(c) for c in row.extra[:3])))
    raw = {key: row.get(index) for index, key in columns.keys.items()}
    where = {key: columns.label(index) for index, key in columns.keys.items()}
    header = {key: columns.headers[index] for index, key in columns.keys.items()}

    email = extract_email(raw["email"])
    if not email:
        problems.append(_("no email in {column}: an email is needed to tell people apart")
                        .format(column=where["email"]))
    elif not EMAIL_RE.match(email):
        problems.append(_("{column}: '{value}' is not a valid email address").format(
            column=where["email"], value=raw["email"]))
    else:
        record.values["email"] = email

    name = raw.get("name") or " ".join(
        part for part in (raw.get("first_name"), raw.get("last_name")) if part)
    name = re.sub(r"\s+", " ", name).strip()
    if name:
        record.values["name"] = name
    elif name_columns := [where[k] for k in ("name", "first_name", "last_name") if k in where]:
        problems.append(_("no name in {columns}").format(columns=" / ".join(name_columns)))

    if raw.get("role"):
        try:
            role = parse_role(raw["role"], header["role"])
        except BadCell as bad:
            problems.append(_("{column}: {problem}").format(column=where["role"], problem=bad))
            record.bad_role = True
        else:
            if role is not None:
                record.values["role"] = role
    if "role" not in record.values and default_role:
        record.values["role"] = default_role
        record.role_from_option = True
    # no role at all is a problem only for a new person: see _require_name_and_role

    for key in ("title", "department", "location", "employee_id"):
        if raw.get(key):
            record.values[key] = re.sub(r"\s+", " ", raw[key]).strip()
    if raw.get("id"):
        record.values["id"] = slugify(raw["id"], "person")
    for key, parse in CELL_PARSERS.items():
        if raw.get(key):
            try:
                value = parse(raw[key])
            except BadCell as bad:
                problems.append(_("{column}: {problem}").format(column=where[key],
                                                                 problem=bad))
            else:
                if value is not None:
                    record.values[key] = value
    if raw.get("languages"):
        record.values["languages"] = dedupe(language_code(v) for v in split_cell(
            raw["languages"]))
    for key in ("skills", "goals"):
        if raw.get(key):
            record.values[key] = dedupe(split_cell(raw[key]))
    if raw.get("objectives"):
        found, unknown = _match_objectives(split_cell(raw["objectives"]), model)
        known = ", ".join(o.id for o in model.objectives) or _("none defined")
        for value in unknown:
            problems.append(_("{column}: '{value}' is not a programme objective (known: "
                              "{known})").format(column=where["objectives"], value=value,
                                                 known=known))
        record.values["objectives"] = found
    if raw.get("manager"):
        record.refs["manager"] = [raw["manager"].strip()]
    for key in ("prefer", "avoid"):
        if raw.get(key):
            record.refs[key] = split_cell(raw[key])
    return record


def _match_objectives(values: list[str], model: CohortFile) -> tuple[list[str], list[str]]:
    """(objective ids found, values that name no objective); an id or a title matches."""
    by_key: dict[str, str] = {}
    for objective in model.objectives:
        by_key.setdefault(normalize_tag(objective.id), objective.id)
        by_key.setdefault(normalize_tag(objective.title), objective.id)
    found, unknown = [], []
    for value in values:
        objective_id = by_key.get(normalize_tag(value))
        if objective_id is None:
            unknown.append(value)
        elif objective_id not in found:
            found.append(objective_id)
    return found, unknown


# ---------------------------------------------------------------- duplicates and ids


_SCALARS = ("name", "role", "employee_id", "title", "department", "seniority", "location",
            "timezone", "capacity", "trained", "id")


def _merge_duplicates(records: list[_Record], plan: ImportPlan) -> list[_Record]:
    """Rows with the same email become one person: values combined, the merge said in
    `plan.merged`. Two different values for one key, or a row with problems of its own,
    stay on their own row and are reported there. Rows of two emails with one employee
    number are reported too."""
    first: dict[str, _Record] = {}
    result = []
    for record in records:
        into = first.get(record.email_key) if record.email_key else None
        if into is None:
            if record.email_key:
                first[record.email_key] = record
            result.append(record)
            continue
        conflicts = _conflicts(into, record)
        if conflicts:
            record.problems.append(
                _("same email as row {row} ({email}) but a different {conflicts}; keep one "
                  "row per person").format(row=into.row, email=record.values["email"],
                                           conflicts=", ".join(conflicts)))
        if record.problems:
            result.append(record)
            continue
        _merge_into(into, record)
        plan.merged.append((record.row, into.row))
    by_number: dict[str, _Record] = {}
    for record in result:
        number = record.values.get("employee_id")
        if not number or record.problems:
            continue
        other = by_number.setdefault(employee_key(number), record)
        if other is not record:
            record.problems.append(
                _("employee number {number} is also on row {row} ({email}), with another "
                  "email; keep one row per person").format(
                    number=number, row=other.row, email=other.values.get("email")))
    return result


def _conflicts(into: _Record, record: _Record) -> list[str]:
    """The keys two rows of one person disagree on, as "key 'mine' (row N: 'theirs')"."""
    conflicts = []
    for key in _SCALARS:
        mine, theirs = record.values.get(key), into.values.get(key)
        if mine is None or theirs is None or mine == theirs or key == "role":
            continue
        if key == "name" and normalize_tag(str(mine)) == normalize_tag(str(theirs)):
            continue
        if key == "employee_id" and employee_key(mine) == employee_key(theirs):
            continue
        conflicts.append(_("{key} '{mine}' (row {row}: '{theirs}')").format(
            key=key, mine=mine, row=into.row, theirs=theirs))
    return conflicts


def _merge_into(into: _Record, record: _Record) -> None:
    """Add a second row of one person to the first: lists joined, missing values filled.
    A role from the sheet beats --role's; a mentor row and a mentee row make `both`."""
    if "role" in record.values and not record.role_from_option:
        if "role" not in into.values or into.role_from_option:
            into.values["role"], into.role_from_option = record.values["role"], False
        elif into.values["role"] != record.values["role"]:
            into.values["role"] = "both"
    for key in _SCALARS:
        if key in record.values and key not in into.values:
            into.values[key] = record.values[key]
    for key in LIST_KEYS - {"prefer", "avoid"}:
        if key in record.values:
            into.values[key] = dedupe([*into.values.get(key, []), *record.values[key]])
    for key in ("prefer", "avoid"):
        if key in record.refs:
            into.refs[key] = dedupe([*into.refs.get(key, []), *record.refs[key]])
    if "manager" in record.refs:
        into.refs.setdefault("manager", record.refs["manager"])


def _match_existing(records: list[_Record], model: CohortFile) -> None:
    """Find each row's person in the cohort, by email or employee number."""
    by_email = {p.email.casefold(): p for p in model.participants}
    by_number = {employee_key(p.employee_id): p for p in model.participants if p.employee_id}
    by_id = model.people()
    claimed: dict[str, int] = {}
    for record in records:
        if record.problems:
            continue
        found_email = by_email.get(record.email_key)
        number = record.values.get("employee_id")
        found_number = by_number.get(employee_key(number)) if number else None
        if found_email and found_number and found_email.id != found_number.id:
            record.problems.append(
                _("the email belongs to '{owner}' but employee number {number} to "
                  "'{other}'; fix the row or the cohort").format(
                    owner=found_email.id, number=number, other=found_number.id))
            continue
        existing = found_email or found_number
        explicit = record.values.get("id")
        if existing is None and explicit and explicit in by_id:
            other = by_id[explicit]
            record.problems.append(
                _("id '{id}' is already {name} ({email}) in the cohort, with another email; "
                  "fix the id or the email").format(id=explicit, name=other.name,
                                                    email=other.email))
        elif existing is not None and explicit and explicit != existing.id:
            record.problems.append(
                _("this person is already in the cohort as '{existing}' but the row gives "
                  "id '{id}'; ids never change on import").format(existing=existing.id,
                                                                  id=explicit))
        elif existing is not None and existing.id in claimed:
            record.problems.append(
                _("is '{id}' in the cohort, like row {row} (same email or employee number); "
                  "keep one row per person").format(id=existing.id,
                                                    row=claimed[existing.id]))
        elif existing is not None:
            claimed[existing.id] = record.row
            record.existing = existing


def _require_name_and_role(records: list[_Record]) -> None:
    """A new person needs a name and a role; someone already in the cohort has them."""
    for record in records:
        if record.existing is not None or record.problems:
            continue
        if "name" not in record.values:
            record.problems.append(_("not in the cohort yet, and the sheet has no name "
                                     "column to add them"))
        if "role" not in record.values and not record.bad_role:
            record.problems.append(_("no role: add a 'Role'/'Rôle' column or give --role "
                                     "mentor|mentee"))


def _assign_ids(records: list[_Record], model: CohortFile) -> None:
    """Ids for new people: the id column, else the email's local part; unique, in row order."""
    taken = {p.id for p in model.participants} | set(model.org)
    explicit_rows: dict[str, int] = {}
    new = [r for r in records if r.existing is None and not r.problems]
    for record in new:
        explicit = record.values.get("id")
        if not explicit:
            continue
        if explicit in taken:
            owner = explicit_rows.get(explicit)
            if owner:
                problem = _("id '{id}' is also used by row {row}; ids must be unique")
            else:
                problem = _("id '{id}' is also used by an `org` entry; ids must be unique")
            record.problems.append(problem.format(id=explicit, row=owner))
            continue
        record.id = explicit
        taken.add(explicit)
        explicit_rows[explicit] = record.row
    for record in new:
        if record.id or record.problems:
            continue
        base = slugify(str(record.values.get("email", "")).split("@")[0], "person")
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        record.id = candidate
        taken.add(candidate)


def _resolve_references(records: list[_Record], model: CohortFile) -> None:
    """Manager, prefer and avoid given as an id, an email or an employee number -> an id.

    A row naming someone on an unusable row becomes unusable too, until nothing changes.
    """
    excluded = {r.row for r in records if r.problems}
    while True:
        _resolve_once(records, model, excluded)
        newly = {r.row for r in records if r.problems} - excluded
        if not newly:
            return
        excluded |= newly


def _resolve_once(records: list[_Record], model: CohortFile, excluded: set[int]) -> None:
    # Who a reference can name: (participant id, the unusable row it is on, or None).
    by_email: dict[str, tuple[str, int | None]] = {}
    by_number: dict[str, tuple[str, int | None]] = {}
    ids: dict[str, int | None] = {}
    for person in model.participants:
        by_email[person.email.casefold()] = (person.id, None)
        if person.employee_id:
            by_number[employee_key(person.employee_id)] = (person.id, None)
        ids[person.id] = None
    for record in records:
        target = record.person_id or ""
        bad_row = record.row if record.row in excluded else None
        if record.email_key:
            by_email.setdefault(record.email_key, (target, bad_row))
        if record.values.get("employee_id"):
            by_number.setdefault(employee_key(record.values["employee_id"]), (target, bad_row))
        if target:
            ids.setdefault(target, bad_row)
    org = set(model.org)

    def resolve(value: str, allow_org: bool) -> tuple[str | None, int | None]:
        text = extract_email(value)
        if text.casefold() in by_email:
            return by_email[text.casefold()]
        if employee_key(text) in by_number:
            return by_number[employee_key(text)]
        for candidate in (text, text.lower()):
            if candidate in ids:
                return candidate, ids[candidate]
            if allow_org and candidate in org:
                return candidate, None
        return None, None

    for record in records:
        if record.row in excluded:
            continue
        for key, written in record.refs.items():
            resolved: list[str] = []
            for value in written:
                target, bad_row = resolve(value, allow_org=key == "manager")
                if target is None and key == "manager":
                    record.problems.append(_(
                        "{key}: '{value}' is neither a participant (id, email or employee "
                        "number, in the cohort or the sheet) nor in `org`; add them to `org` "
                        "in the cohort file or leave the cell empty").format(key=key,
                                                                             value=value))
                elif target is None:
                    record.problems.append(_(
                        "{key}: '{value}' is not a participant (id, email or employee number, "
                        "in the cohort or the sheet)").format(key=key, value=value))
                elif bad_row is not None and bad_row != record.row:
                    record.problems.append(_("{key}: '{value}' is on row {row}, which cannot "
                                             "be imported").format(key=key, value=value,
                                                                   row=bad_row))
                elif target == record.person_id:
                    record.problems.append(_("{key}: '{value}' is this person themselves")
                                           .format(key=key, value=value))
                elif target not in resolved:
                    resolved.append(target)
            if key != "manager":
                record.values[key] = resolved
            elif resolved:
                record.values[key] = resolved[0]


# ------------------------------------------------------------------------- the plan


def _entry_of(record: _Record) -> dict[str, Any]:
    """The participant entry of a row, keys in the order cohort files write them."""
    values = {**record.values, "id": record.person_id}
    entry = {}
    for key in KEY_ORDER:
        value = values.get(key)
        if value is None or (isinstance(value, list) and not value):
            continue
        if isinstance(value, dt.date):  # never one object twice: ruamel would anchor it
            value = dt.date.fromordinal(value.toordinal())
        entry[key] = list(value) if isinstance(value, list) else value
    return entry


def _fill_plan(records: list[_Record], update: bool, plan: ImportPlan) -> None:
    """New entries, and for people already in the cohort their changes (with `update`)."""
    for record in records:
        if record.problems:
            continue
        entry = _entry_of(record)
        if record.existing is None:
            problem = _schema_problem(entry)
            if problem:
                record.problems.append(problem)
            else:
                plan.new.append(Addition(record.row, entry))
            continue
        if not update:
            plan.already_in.append((record.row, record.existing.id))
            continue
        current = record.existing.model_dump(exclude_none=True)
        changes = {key: value for key, value in entry.items()
                   if current.get(key) != value and _may_change(key, record, current)}
        if not changes:
            plan.unchanged.append((record.row, record.existing.id))
            continue
        after = {**current, **changes}
        problem = _schema_problem(after)
        if problem:
            record.problems.append(problem)
        else:
            plan.updates.append(Update(record.row, record.existing.id, changes, after))


def _may_change(key: str, record: _Record, current: dict[str, Any]) -> bool:
    """Whether --update may change `key` of an existing participant: never the id, the role
    only from the sheet (not --role), and not an employee number that only lost its
    leading zeros in Excel."""
    if key == "id":
        return False
    if key == "role":
        return not record.role_from_option
    if key == "employee_id" and current.get(key):
        return employee_key(current[key]) != employee_key(record.values[key])
    return True


def _schema_problem(entry: dict[str, Any]) -> str | None:
    """What the format says against a participant entry, or None."""
    from mentorcli.validation import schema_issues

    try:
        Participant.model_validate(entry)
    except ValidationError as error:
        issues = schema_issues(error)  # pydantic's words, as `validate` says them
        if not issues:
            return _("invalid participant entry")
        where = ".".join(str(p) for p in issues[0].path)
        return _("{key}: {problem}").format(key=where, problem=issues[0].message) if where \
            else issues[0].message
    return None


def cohort_after(model: CohortFile, plan: ImportPlan) -> CohortFile:
    """The cohort as it would be after the import."""
    updated = {u.id: u.after for u in plan.updates}
    participants = [updated.get(p.id) or p.model_dump(exclude_none=True)
                    for p in model.participants]
    participants.extend(plan.entries)
    data = model.model_dump(exclude_none=True)
    data["participants"] = participants
    return CohortFile.model_validate(data)


def _pin_validation_errors(records: list[_Record], model: CohortFile,
                           plan: ImportPlan) -> list[RowProblem]:
    """Validate the cohort as it would be after the import, as `mentorcli validate` does.

    Errors about a new or changed participant are pinned on its row, which leaves the plan;
    the others (none expected: the cohort validated before) are returned.
    """
    from mentorcli.validation import check_model

    if not plan.new and not plan.updates:
        return []
    after = cohort_after(model, plan)
    row_of_id = {u.id: u.row for u in plan.updates}
    row_of_id.update({a.entry["id"]: a.row for a in plan.new})
    records_by_row = {r.row: r for r in records}
    general: list[RowProblem] = []
    for issue in check_model(after):
        if issue.severity != "error":
            continue
        path = issue.path
        pid = after.participants[path[1]].id if len(path) > 1 and path[0] == "participants" \
            and isinstance(path[1], int) else None
        row = row_of_id.get(pid) if pid else None
        if row is None:
            general.append(RowProblem(0, _("the cohort would not validate: {problem}")
                                      .format(problem=issue.message)))
            continue
        key = ".".join(str(p) for p in path[2:])
        records_by_row[row].problems.append(
            _("{key}: {problem}").format(key=key, problem=issue.message) if key
            else issue.message)
    bad = {r.row for r in records if r.problems}
    plan.new = [a for a in plan.new if a.row not in bad]
    plan.updates = [u for u in plan.updates if u.row not in bad]
    return general

"""From spreadsheet rows to cohort participants: column mapping, parsing, ids, duplicates.

`plan_import(sheet, model, ...)` reads a `Sheet` (see `mentorcli.importing.spreadsheet`) against the
current cohort and returns an `ImportPlan`: new entries, updates of people already in the
cohort, and every problem with the sheet row it comes from. It is pure and deterministic.
`import_people(path, sheet, ...)` runs it under the store's lock and writes the result
(appended entries, or with --update a round-trip edit), or raises `UnusableRowsError`.

Columns are matched by name ignoring case, accents, spacing and punctuation, with English
and French synonyms built in (`SYNONYMS`); a mapping file (`read_mapping`) names the others.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mentorcli.errors import InputFileError, MentorcliError, UsageError
from mentorcli.importing.spreadsheet import Sheet, SheetRow, column_letter
from mentorcli.model import EMAIL_RE, CohortFile, Participant
from mentorcli.tags import normalize_tag

IGNORE = "ignore"

# Cohort keys a column can fill, in the order new entries are written. `name` may also be
# made from `first_name` + `last_name`.
KEY_ORDER = (
    "id", "name", "email", "role", "employee_id", "title", "department", "manager",
    "seniority", "location", "timezone", "languages", "skills", "capacity", "trained",
    "goals", "objectives", "prefer", "avoid",
)
TARGETS = KEY_ORDER + ("first_name", "last_name")
LIST_KEYS = frozenset({"languages", "skills", "goals", "objectives", "prefer", "avoid"})

# Built-in column names for each key, English and French. Compared after `normalize_header`,
# so case, accents, spaces, hyphens, apostrophes and a trailing "*" do not matter.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "identifiant", "participant id", "identifiant participant", "login",
           "username", "user id"),
    "employee_id": ("matricule", "employee number", "employee id", "employee no",
                    "employee #", "n° matricule", "numéro de matricule", "numéro d'employé",
                    "numéro salarié", "staff number", "staff id", "personnel number",
                    "employee_id", "id employé", "id salarié"),
    "name": ("nom complet", "full name", "name", "nom et prénom", "prénom et nom",
             "prénom nom", "nom prénom", "display name", "participant", "collaborateur",
             "collaboratrice", "salarié"),
    "last_name": ("nom", "last name", "surname", "family name", "nom de famille", "lastname",
                  "last_name"),
    "first_name": ("prénom", "first name", "given name", "firstname", "first_name"),
    "email": ("courriel", "e-mail", "email", "adresse e-mail", "adresse email", "adresse mail",
              "adresse électronique", "adresse de courriel", "mail", "email address",
              "e-mail address", "work email", "email professionnel", "e-mail professionnel",
              "courriel professionnel", "adresse e-mail professionnelle"),
    "department": ("service", "département", "department", "direction", "dept", "division",
                   "business unit", "entité", "pôle"),
    "title": ("poste", "fonction", "title", "job title", "intitulé de poste",
              "intitulé du poste", "position", "job", "emploi", "titre"),
    "languages": ("langues", "languages", "langue", "language", "langues parlées",
                  "spoken languages", "langues de travail"),
    "skills": ("compétences", "skills", "expertise", "domaines d'expertise",
               "compétences proposées", "savoir-faire", "strengths", "points forts"),
    "goals": ("objectifs", "goals", "objectifs personnels", "objectifs de développement",
              "development goals", "attentes", "learning goals", "besoins"),
    "objectives": ("objectives", "objectifs du programme", "programme objectives",
                   "program objectives", "objectifs programme"),
    "manager": ("manager", "responsable", "manager email", "email du manager",
                "courriel du manager", "courriel du responsable", "email du responsable",
                "responsable hiérarchique", "supérieur hiérarchique", "n+1", "manager id",
                "line manager", "reports to", "matricule du manager", "matricule responsable"),
    "seniority": ("ancienneté", "years of experience", "seniority", "années d'expérience",
                  "expérience", "experience", "années d'ancienneté", "ancienneté (années)",
                  "years"),
    "capacity": ("capacité", "capacity", "nombre de mentorés", "max mentees",
                 "mentorés max", "nombre maximum de mentorés"),
    "location": ("site", "location", "lieu", "ville", "city", "office", "bureau",
                 "lieu de travail", "établissement"),
    "timezone": ("fuseau horaire", "time zone", "timezone", "tz", "fuseau"),
    "role": ("rôle", "role", "rôle dans le programme", "profil", "mentor ou mentoré",
             "mentor/mentee"),
    "trained": ("formé le", "formation", "trained", "training date", "date de formation",
                "formation mentor", "mentor training"),
    "prefer": ("préférences", "prefer", "preferences", "souhaits", "preferred"),
    "avoid": ("éviter", "avoid", "à éviter", "exclusions"),
}

ROLE_WORDS: dict[str, str] = {
    **dict.fromkeys(("mentor", "mentore", "mentor(e)", "mentor·e", "tuteur", "tutrice",
                     "parrain", "marraine", "mentors"), "mentor"),
    **dict.fromkeys(("mentee", "mentoré", "mentorée", "mentoré(e)", "mentoré·e", "filleul",
                     "filleule", "tutoré", "tutorée", "mentees", "mentorés", "protégé",
                     "protégée"), "mentee"),
    **dict.fromkeys(("both", "les deux", "mentor et mentoré", "mentor et mentee",
                     "mentor/mentee", "mentor/mentoré", "mentor & mentee", "mentor and mentee",
                     "deux"), "both"),
}

LANGUAGE_CODES: dict[str, str] = {
    **dict.fromkeys(("fr", "fra", "fre", "francais", "french", "français"), "fr"),
    **dict.fromkeys(("en", "eng", "anglais", "english"), "en"),
    **dict.fromkeys(("de", "deu", "ger", "allemand", "german", "deutsch"), "de"),
    **dict.fromkeys(("es", "spa", "espagnol", "spanish", "español", "espanol"), "es"),
    **dict.fromkeys(("it", "ita", "italien", "italian", "italiano"), "it"),
    **dict.fromkeys(("pt", "por", "portugais", "portuguese", "português"), "pt"),
    **dict.fromkeys(("nl", "nld", "dut", "néerlandais", "dutch"), "nl"),
    **dict.fromkeys(("ar", "ara", "arabe", "arabic"), "ar"),
    **dict.fromkeys(("zh", "chinois", "chinese", "mandarin"), "zh"),
    **dict.fromkeys(("ja", "japonais", "japanese"), "ja"),
    **dict.fromkeys(("ru", "russe", "russian"), "ru"),
    **dict.fromkeys(("pl", "polonais", "polish"), "pl"),
}

# Cell values meaning yes or no ("Oui"/"Non" in a French export).
YES_WORDS = frozenset({"oui", "yes", "y", "o", "x", "vrai", "true", "1"})
NO_WORDS = frozenset({"non", "no", "n", "faux", "false", "0", "-"})

_SPLIT = re.compile(r"[;|,\n]")
_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*\+?\s*(?:ans?|années?|years?|yrs?|y)?\.?\s*$",
                     re.IGNORECASE)
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_ANGLE = re.compile(r"<([^<>]+)>")


def normalize_header(text: str) -> str:
    """Comparison key of a column name: case, accents, spaces and punctuation ignored.

    >>> normalize_header("Adresse e-mail *") == normalize_header("adresse email")
    True
    """
    folded = normalize_tag(text).replace("#", " number ").replace("n°", " number ")
    return re.sub(r"[^0-9a-z+]+", "", folded)


def _without_parentheses(text: str) -> str:
    return re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)


_BUILT_IN: dict[str, str] = {}
for _key, _names in SYNONYMS.items():
    for _name in _names:
        _BUILT_IN.setdefault(normalize_header(_name), _key)
for _key in TARGETS:
    _BUILT_IN.setdefault(normalize_header(_key), _key)


def key_for_header(header: str) -> str | None:
    """The cohort key a column name means by the built-in synonyms, or None."""
    norm = normalize_header(header)
    if not norm:
        return None
    return _BUILT_IN.get(norm) or _BUILT_IN.get(normalize_header(_without_parentheses(header)))


def slugify(text: str, fallback: str = "person") -> str:
    """A participant id made of a-z, 0-9 and '-': "Élodie.Dupré" -> "elodie-dupre"."""
    folded = normalize_tag(text).replace("œ", "oe").replace("æ", "ae")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or fallback


def employee_key(number: str) -> str:
    """Comparison key of an employee number: Excel turns "002341" into 2341, so an all-digit
    number is compared without its leading zeros."""
    text = number.strip()
    return (text.lstrip("0") or "0") if text.isdigit() else text.casefold()


# ------------------------------------------------------------------------ the mapping


class MappingError(UsageError):
    """A wrong entry in a mapping file; `loc` is where it stands in the YAML."""

    def __init__(self, message: str, loc: tuple[Any, ...] = (), at_key: bool = False) -> None:
        super().__init__(message)
        self.loc = loc
        self.at_key = at_key


def parse_mapping(data: Any) -> dict[str, str | None]:
    """Check a mapping file's data: {column name: cohort key, or `ignore`/null}.

    Returns column name (as written) -> key (None to ignore). Raises MappingError naming
    the wrong entry, with a "did you mean" for a misspelt key.
    """
    if data is None:
        return {}
    prefix: tuple[Any, ...] = ()
    if isinstance(data, Mapping) and set(data) == {"columns"}:
        data, prefix = data["columns"], ("columns",)
    if not isinstance(data, Mapping):
        raise MappingError("expected a mapping of column name -> key, e.g. "
                           "'Matricule RH: employee_id'", prefix)
    result: dict[str, str | None] = {}
    for column, key in data.items():
        if not isinstance(column, (str, int)) or not str(column).strip():
            raise MappingError(f"a column name must be text, got {column!r}",
                               (*prefix, column), at_key=True)
        if key is not None and not isinstance(key, str):
            raise MappingError(f"'{column}': the key must be text, got {key!r}",
                               (*prefix, column))
        target = None if key is None or key.strip().lower() == IGNORE else key.strip()
        if target is not None and target not in TARGETS:
            close = difflib.get_close_matches(target, TARGETS, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise MappingError(f"'{column}': unknown key '{target}'{hint}; use one of "
                               f"{', '.join(TARGETS)}, or '{IGNORE}'", (*prefix, column))
        result[str(column)] = target
    return result


def read_mapping(path: str | Path) -> dict[str, str | None]:
    """The `--mapping` YAML file, checked; its errors are placed at FILE:LINE:COL."""
    from mentorcli.store.reading import compose, locate, parse_yaml, read_text

    p = Path(path)
    if p.is_dir():
        raise InputFileError(p, "is a directory; name the mapping .yaml file")
    text = read_text(p)
    try:
        return parse_mapping(parse_yaml(text, p))
    except MappingError as error:
        line, column = locate(compose(text), error.loc, at_key=error.at_key)
        raise InputFileError(p, str(error), line, column) from None


@dataclass
class ColumnMap:
    """Which column fills which key; columns left out are listed, never dropped silently."""

    headers: list[str]
    keys: dict[int, str] = field(default_factory=dict)  # column index -> key
    ignored: list[int] = field(default_factory=list)  # mapped to `ignore`
    unmapped: list[int] = field(default_factory=list)  # no key known: not imported
    unused_mapping: list[str] = field(default_factory=list)  # mapping names absent columns

    def label(self, index: int) -> str:
        """'Courriel' (column C) as people see it."""
        header = self.headers[index] if index < len(self.headers) else ""
        letter = column_letter(index)
        return f"'{header}' (column {letter})" if header else f"column {letter} (no header)"

    def describe(self) -> list[tuple[str, str]]:
        """(column, key) for each mapped column, in sheet order."""
        return [(self.headers[i], key) for i, key in sorted(self.keys.items())]


def map_columns(headers: list[str], mapping: Mapping[str, str | None] | None = None,
                empty_columns: Iterable[int] = (), need_name: bool = True) -> ColumnMap:
    """Match headers to keys: the mapping file first, then the built-in synonyms.

    Mapping names are compared like headers (case, accents, spacing ignored). An email
    column is always needed; a name column too unless only refreshing people already in
    the cohort (`need_name=False`, for --update).
    """
    by_name = {normalize_header(column): key for column, key in (mapping or {}).items()}
    result = ColumnMap(list(headers))
    empty = set(empty_columns)
    used_mapping: set[str] = set()
    for index, header in enumerate(headers):
        norm = normalize_header(header)
        if norm in by_name:
            used_mapping.add(norm)
            key = by_name[norm]
            if key is None:
                result.ignored.append(index)
            else:
                result.keys[index] = key
            continue
        key = key_for_header(header)
        if key is not None:
            result.keys[index] = key
        elif header or index not in empty:
            result.unmapped.append(index)
    result.unused_mapping = [c for c in mapping or {} if normalize_header(c) not in used_mapping]
    by_key: dict[str, list[int]] = {}
    for index, key in result.keys.items():
        by_key.setdefault(key, []).append(index)
    for key, indexes in by_key.items():
        if len(indexes) > 1:
            names = " and ".join(result.label(i) for i in indexes)
            raise UsageError(
                f"columns {names} both fill '{key}'; say which one to use with --mapping "
                f"(map the other to '{IGNORE}')"
            )
    if "email" not in result.keys.values():
        raise UsageError(
            "no email column: name one 'Email' or 'Courriel', or map it with --mapping "
            "('My column: email'); columns found: " + ", ".join(h for h in headers if h)
        )
    has_name = "name" in result.keys.values() or {"first_name", "last_name"} & set(
        result.keys.values())
    if not has_name and need_name:
        raise UsageError(
            "no name column: name one 'Name'/'Nom complet' or 'First name'+'Last name' "
            "('Prénom'+'Nom'), or map it with --mapping"
        )
    return result


# --------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class RowProblem:
    """A row that cannot be used (row 0: the sheet as a whole), and why."""

    row: int
    message: str

    def render(self) -> str:
        return f"row {self.row}: {self.message}" if self.row else self.message


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
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        rows = self.plan.bad_rows
        lines = [f"{self.source}: {p.render()}" for p in self.plan.problems]
        if rows:
            count = f"{len(rows)} row{'s' if len(rows) != 1 else ''}"
            fix = "fix them" if len(rows) > 1 else "fix it"
            skip = ", or add --skip-invalid to import the others" if self.suggest_skip else ""
            lines.append(f"nothing was written: {count} cannot be imported; {fix} in the "
                         f"sheet{skip}")
        else:
            lines.append("nothing was written: fix the sheet")
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
        raise UsageError(f"--role must be mentor, mentee or both, got '{role}'")
    empty = [i for i in range(len(sheet.headers)) if not any(r.get(i) for r in sheet.rows)]
    try:
        columns = map_columns(sheet.headers, mapping, empty, need_name=not update)
    except UsageError as error:  # the sheet's header is wrong: say which file
        raise InputFileError(sheet.path, str(error)) from None
    notices = [f"the mapping names a column that is not in the sheet: '{name}'"
               for name in columns.unused_mapping]
    if not sheet.rows:
        return ImportPlan(columns, problems=[RowProblem(0, "the sheet has a header but no "
                                                           "rows of people")], notices=notices)
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

    The plan is made from the cohort as read under the store's lock. New people are
    appended as text (the rest of the file untouched); with `update`, the file is edited
    round-trip. Raises UnusableRowsError (nothing written) if a row cannot be used.
    """
    def usable_plan(model: CohortFile) -> ImportPlan:
        plan = plan_import(sheet, model, role=role, mapping=mapping, update=update,
                           skip_invalid=skip_invalid)
        if not plan.usable:
            raise UnusableRowsError(plan, sheet.path.name, suggest_skip=not skip_invalid)
        return plan

    if dry_run:
        from mentorcli.store.loading import load_cohort

        return usable_plan(load_cohort(path).model)
    from mentorcli.store import writing as store

    if update:
        return store.edit_cohort(path, lambda doc, model: apply_plan(doc, usable_plan(model)))
    planned: list[ImportPlan] = []

    def new_entries(model: CohortFile) -> list[dict[str, Any]]:
        planned.append(usable_plan(model))
        return [_with_flow_lists(entry) for entry in planned[-1].entries]

    store.append_entries(path, "participants", new_entries)
    return planned[-1]


# ---------------------------------------------------------------------- row parsing


class _BadCell(ValueError):
    """A cell whose text cannot be read as the key's value; the message says why."""


def _parse_row(row: SheetRow, columns: ColumnMap, model: CohortFile,
               default_role: str | None) -> _Record:
    record = _Record(row.number, {}, {})
    problems = record.problems
    if row.extra:
        problems.append(
            f"has {len(row.extra)} more cell{'s' if len(row.extra) > 1 else ''} than the "
            f"header has columns ({', '.join(repr(c) for c in row.extra[:3])}): a separator "
            "inside a cell must be quoted, or the header is missing a column"
        )
    raw = {key: row.get(index) for index, key in columns.keys.items()}
    where = {key: columns.label(index) for index, key in columns.keys.items()}
    header = {key: columns.headers[index] for index, key in columns.keys.items()}

    email = _extract_email(raw["email"])
    if not email:
        problems.append(f"no email in {where['email']}: an email is needed to tell people apart")
    elif not EMAIL_RE.match(email):
        problems.append(f"{where['email']}: '{raw['email']}' is not a valid email address")
    else:
        record.values["email"] = email

    name = raw.get("name") or " ".join(
        part for part in (raw.get("first_name"), raw.get("last_name")) if part)
    name = re.sub(r"\s+", " ", name).strip()
    if name:
        record.values["name"] = name
    elif name_columns := [where[k] for k in ("name", "first_name", "last_name") if k in where]:
        problems.append(f"no name in {' / '.join(name_columns)}")

    if raw.get("role"):
        try:
            role = _role(raw["role"], header["role"])
        except _BadCell as bad:
            problems.append(f"{where['role']}: {bad}")
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
        record.values["id"] = slugify(raw["id"])
    for key, parse in _CELL_PARSERS.items():
        if raw.get(key):
            try:
                value = parse(raw[key])
            except _BadCell as bad:
                problems.append(f"{where[key]}: {bad}")
            else:
                if value is not None:
                    record.values[key] = value
    if raw.get("languages"):
        record.values["languages"] = _dedupe(_language_code(v) for v in split_cell(
            raw["languages"]))
    for key in ("skills", "goals"):
        if raw.get(key):
            record.values[key] = _dedupe(split_cell(raw[key]))
    if raw.get("objectives"):
        found, unknown = _match_objectives(split_cell(raw["objectives"]), model)
        known = ", ".join(o.id for o in model.objectives) or "none defined"
        for value in unknown:
            problems.append(f"{where['objectives']}: '{value}' is not a programme objective "
                            f"(known: {known})")
        record.values["objectives"] = found
    if raw.get("manager"):
        record.refs["manager"] = [raw["manager"].strip()]
    for key in ("prefer", "avoid"):
        if raw.get(key):
            record.refs[key] = split_cell(raw[key])
    return record


def _role(text: str, header: str) -> str | None:
    """mentor, mentee or both from a role cell. In a yes/no column whose header names a
    role ("Mentor ?" mapped to `role`), yes is that role and no says nothing."""
    word = re.sub(r"\s+", " ", text.casefold().strip())
    if word in ROLE_WORDS:
        return ROLE_WORDS[word]
    question = ROLE_WORDS.get(re.sub(r"[\s?:*]+", " ", header.casefold()).strip())
    if question is not None and word in YES_WORDS:
        return question
    if question is not None and word in NO_WORDS:
        return None
    raise _BadCell(f"'{text}' is not a role; use mentor, mentee or both (mentor, mentoré, "
                   "les deux... are understood)")


def _years(text: str) -> float | int:
    years = _parse_number(text)
    if years is None:
        raise _BadCell(f"expected a number of years, got '{text}'")
    return years


def _capacity(text: str) -> int:
    capacity = _parse_number(text)
    if capacity is None or capacity != int(capacity):
        raise _BadCell(f"expected a whole number of mentees (0 or more), got '{text}'")
    return int(capacity)


def _training_date(text: str) -> dt.date | None:
    """The date of a `trained` cell; "Non"/"No" says not trained (no date)."""
    if text.casefold() in NO_WORDS:
        return None
    day = parse_date(text)
    if day is not None:
        return day
    if text.casefold() in YES_WORDS:
        raise _BadCell(f"'{text}' says they were trained but not when; write the date of the "
                       "training (e.g. 31/01/2026), or leave the cell empty")
    raise _BadCell(f"expected a date like 2026-01-31 or 31/01/2026, got '{text}'")


def _timezone(text: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = text.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise _BadCell(f"'{name}' is not a known time zone (use an IANA name like "
                       "'Europe/Paris')") from None
    return name


# Keys with one value that must be read from the cell's text.
_CELL_PARSERS: dict[str, Callable[[str], Any]] = {
    "timezone": _timezone, "seniority": _years, "capacity": _capacity,
    "trained": _training_date,
}


def split_cell(text: str) -> list[str]:
    """The values of a multi-valued cell: split on ';', '|', ',' or line breaks."""
    return [part.strip() for part in _SPLIT.split(text or "") if part.strip()]


def _dedupe(values: Iterable[str]) -> list[str]:
    """The values without repeats (compared as tags: case, accents, spacing ignored)."""
    seen: set[str] = set()
    result = []
    for value in values:
        key = normalize_tag(value)
        if key and key not in seen:
            seen.add(key)
            result.append(value)
    return result


def _language_code(value: str) -> str:
    key = value.strip().casefold()
    return LANGUAGE_CODES.get(key) or LANGUAGE_CODES.get(normalize_tag(value), key)


def _extract_email(text: str) -> str:
    """The address in "Name <a@b.c>", "mailto:a@b.c" or "a@b.c"."""
    text = (text or "").strip()
    inside = _ANGLE.search(text)
    if inside:
        text = inside.group(1).strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:"):]
    return text.strip()


def _parse_number(text: str) -> float | int | None:
    match = _NUMBER.match(text or "")
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    return int(number) if number.is_integer() else number


def parse_date(text: str) -> dt.date | None:
    """A date from ISO (2026-01-31) or day-first (31/01/2026, 31.01.2026) text."""
    text = (text or "").strip()
    try:
        match = _ISO.match(text)
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = _DMY.match(text)
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None
    return None


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
                f"same email as row {into.row} ({record.values['email']}) but a different "
                + ", ".join(conflicts) + "; keep one row per person")
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
                f"employee number {number} is also on row {other.row} "
                f"({other.values.get('email')}), with another email; keep one row per person")
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
        conflicts.append(f"{key} '{mine}' (row {into.row}: '{theirs}')")
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
            into.values[key] = _dedupe([*into.values.get(key, []), *record.values[key]])
    for key in ("prefer", "avoid"):
        if key in record.refs:
            into.refs[key] = _dedupe([*into.refs.get(key, []), *record.refs[key]])
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
                f"the email belongs to '{found_email.id}' but employee number {number} to "
                f"'{found_number.id}'; fix the row or the cohort")
            continue
        existing = found_email or found_number
        explicit = record.values.get("id")
        if existing is None and explicit and explicit in by_id:
            other = by_id[explicit]
            record.problems.append(
                f"id '{explicit}' is already {other.name} ({other.email}) in the cohort, "
                "with another email; fix the id or the email")
        elif existing is not None and explicit and explicit != existing.id:
            record.problems.append(
                f"this person is already in the cohort as '{existing.id}' but the row gives "
                f"id '{explicit}'; ids never change on import")
        elif existing is not None and existing.id in claimed:
            record.problems.append(
                f"is '{existing.id}' in the cohort, like row {claimed[existing.id]} "
                "(same email or employee number); keep one row per person")
        elif existing is not None:
            claimed[existing.id] = record.row
            record.existing = existing


def _require_name_and_role(records: list[_Record]) -> None:
    """A new person needs a name and a role; someone already in the cohort has them."""
    for record in records:
        if record.existing is not None or record.problems:
            continue
        if "name" not in record.values:
            record.problems.append("not in the cohort yet, and the sheet has no name column "
                                   "to add them")
        if "role" not in record.values and not record.bad_role:
            record.problems.append("no role: add a 'Role'/'Rôle' column or give --role "
                                   "mentor|mentee")


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
            where = f"row {owner}" if owner else "an `org` entry"
            record.problems.append(f"id '{explicit}' is also used by {where}; ids must be "
                                   "unique")
            continue
        record.id = explicit
        taken.add(explicit)
        explicit_rows[explicit] = record.row
    for record in new:
        if record.id or record.problems:
            continue
        base = slugify(str(record.values.get("email", "")).split("@")[0])
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
        text = _extract_email(value)
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
                if target is None:
                    record.problems.append(f"{key}: '{value}' is " + (
                        "neither a participant (id, email or employee number, in the cohort "
                        "or the sheet) nor in `org`; add them to `org` in the cohort file or "
                        "leave the cell empty" if key == "manager" else
                        "not a participant (id, email or employee number, in the cohort or "
                        "the sheet)"))
                elif bad_row is not None and bad_row != record.row:
                    record.problems.append(f"{key}: '{value}' is on row {bad_row}, which "
                                           "cannot be imported")
                elif target == record.person_id:
                    record.problems.append(f"{key}: '{value}' is this person themselves")
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
    try:
        Participant.model_validate(entry)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        return f"{where}: {first['msg']}"
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
            general.append(RowProblem(0, f"the cohort would not validate: {issue.message}"))
            continue
        key = ".".join(str(p) for p in path[2:])
        records_by_row[row].problems.append(f"{key}: {issue.message}" if key else issue.message)
    bad = {r.row for r in records if r.problems}
    plan.new = [a for a in plan.new if a.row not in bad]
    plan.updates = [u for u in plan.updates if u.row not in bad]
    return general


# -------------------------------------------------------------------------- writing


def _with_flow_lists(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry as cohort files write them by hand: lists in flow style (`skills: [a, b]`)."""
    from mentorcli.store.roundtrip import to_yaml_node

    return {k: to_yaml_node(v, flow=True) if isinstance(v, list) else v
            for k, v in entry.items()}


def apply_plan(doc: Any, plan: ImportPlan) -> ImportPlan:
    """Write the plan into a round-trip document: existing entries changed in place (their
    comments, order and flow style kept), new entries appended, spaced like the others."""
    from mentorcli.store.roundtrip import ensure_list, to_yaml_node

    participants = ensure_list(doc, "participants")
    by_id = {node.get("id"): node for node in participants}
    for change in plan.updates:
        node = by_id[change.id]
        for key, value in change.changes.items():
            _set_value(node, key, value)
    spaced = _items_are_spaced(participants)
    for entry in plan.entries:
        node = to_yaml_node(_with_flow_lists(entry))
        if spaced:
            _blank_line_before(node)
        participants.append(node)
    return plan


def _set_value(node: Any, key: str, value: Any) -> None:
    """Set `node[key]`, keeping a flow list in flow style; a new key goes where KEY_ORDER
    puts it."""
    from mentorcli.store.roundtrip import to_yaml_node

    old = node.get(key)
    if isinstance(value, list) and isinstance(old, list) and hasattr(old, "fa"):
        old[:] = value  # keeps `[a, b]` in flow style, and the comment after it
        return
    if isinstance(value, list):
        value = to_yaml_node(value, flow=True)
    if key in node:
        node[key] = value
        return
    order = {k: i for i, k in enumerate(KEY_ORDER)}
    keys = list(node.keys())
    position = next((i for i, existing in enumerate(keys)
                     if order.get(existing, len(order)) > order[key]), len(keys))
    node.insert(position, key, value)


def _items_are_spaced(items: Any) -> bool:
    """Whether the file leaves a line between most of a list's items (a blank line, maybe a
    comment), by ruamel's line numbers: during `edit_cohort` the store holds the blank lines
    themselves aside."""
    gaps = [items.lc.item(i + 1)[0] - _last_line(items[i]) > 1 for i in range(len(items) - 1)]
    return bool(gaps) and sum(gaps) * 2 >= len(gaps)


def _last_line(node: Any) -> int:
    """The (0-based) line of the last value of a block mapping or list, as read."""
    line = node.lc.line
    while hasattr(node, "lc") and len(node) and not node.fa.flow_style():
        if hasattr(node, "keys"):
            key = next(reversed(node))
            line = node.lc.value(key)[0]
        else:
            key = len(node) - 1
            line = node.lc.item(key)[0]
        node = node[key]
    return line


def _blank_line_before(node: Any) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    node.ca.comment = [None, [CommentToken("\n", CommentMark(0), None)]]

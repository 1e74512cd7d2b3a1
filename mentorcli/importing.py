"""From spreadsheet rows to cohort participants: column mapping, parsing, ids, duplicates.

Pure: `plan_import(sheet, model, ...)` reads a `Sheet` (see `mentorcli.spreadsheet`) against
the current cohort model and returns an `ImportPlan` (new entries, updates of existing
participants, and every problem with the row number it comes from). Nothing is written
here; `apply_updates` changes a round-trip document the store hands over.

Columns are matched by name ignoring case, accents, spacing and punctuation, with English
and French synonyms built in (`SYNONYMS`); a mapping file names the others.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from mentorcli.errors import MentorcliError, UsageError
from mentorcli.model import EMAIL_RE, CohortFile, Participant
from mentorcli.spreadsheet import Sheet, SheetRow, column_letter
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
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    stripped = stripped.replace("#", " number ").replace("n°", " number ")
    return re.sub(r"[^0-9a-z+]+", "", stripped)


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
    decomposed = unicodedata.normalize("NFKD", str(text))
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.replace("ß", "ss").replace("œ", "oe")
                  .replace("æ", "ae")).strip("-")
    return slug or fallback


# ------------------------------------------------------------------------ the mapping


def parse_mapping(data: Any, source: str = "mapping file") -> dict[str, str | None]:
    """Check a mapping file's data: {column name: cohort key, or `ignore`/null}.

    Returns normalized column name -> key (None to ignore). Raises UsageError naming the
    wrong entry, with a "did you mean" for a misspelt key.
    """
    if data is None:
        return {}
    if isinstance(data, Mapping) and set(data) == {"columns"}:
        data = data["columns"]
    if not isinstance(data, Mapping):
        raise UsageError(f"{source}: expected a mapping of column name -> key, e.g. "
                         "'Matricule RH: employee_id'")
    result: dict[str, str | None] = {}
    for column, key in data.items():
        if not isinstance(column, (str, int)) or not str(column).strip():
            raise UsageError(f"{source}: a column name must be text, got {column!r}")
        if key is not None and not isinstance(key, str):
            raise UsageError(f"{source}: '{column}': the key must be text, got {key!r}")
        target = None if key is None or key.strip().lower() == IGNORE else key.strip()
        if target is not None and target not in TARGETS:
            close = difflib.get_close_matches(target, TARGETS, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise UsageError(f"{source}: '{column}': unknown key '{target}'{hint}; use one of "
                             f"{', '.join(TARGETS)}, or '{IGNORE}'")
        result[normalize_header(str(column))] = target
    return result


@dataclass
class ColumnMap:
    """Which column fills which key; columns left out are listed, never dropped silently."""

    headers: list[str]
    keys: dict[int, str] = field(default_factory=dict)  # column index -> key
    ignored: list[int] = field(default_factory=list)  # mapped to `ignore`
    unmapped: list[int] = field(default_factory=list)  # no key known: not imported
    unused_mapping: list[str] = field(default_factory=list)  # mapping names absent columns

    def column_of(self, key: str) -> int | None:
        for index, k in self.keys.items():
            if k == key:
                return index
        return None

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

    An email column is always needed; a name column too unless only refreshing people
    already in the cohort (`need_name=False`, for --update).
    """
    mapping = dict(mapping or {})
    result = ColumnMap(list(headers))
    empty = set(empty_columns)
    used_mapping: set[str] = set()
    for index, header in enumerate(headers):
        norm = normalize_header(header)
        if norm in mapping:
            used_mapping.add(norm)
            key = mapping[norm]
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
    originals = {normalize_header(h): h for h in headers}
    result.unused_mapping = [n for n in mapping if n not in used_mapping and n not in originals]
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
    """A row that cannot be used, and why."""

    row: int
    message: str

    def render(self) -> str:
        return f"row {self.row}: {self.message}" if self.row else self.message


@dataclass
class Update:
    """Changes to an existing participant, from one row."""

    row: int
    id: str
    changes: dict[str, Any]


@dataclass
class ImportPlan:
    """What an import would do. `usable` is False when some row has a problem."""

    columns: ColumnMap
    new: list[dict[str, Any]] = field(default_factory=list)
    new_rows: list[int] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    unchanged: list[tuple[int, str]] = field(default_factory=list)  # (row, id): nothing new
    existing: list[tuple[int, str]] = field(default_factory=list)  # known, left (no --update)
    merged: list[tuple[int, int]] = field(default_factory=list)  # (row, merged into row)
    problems: list[RowProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return not self.problems

    @property
    def bad_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems if p.row})

    def as_dict(self) -> dict[str, Any]:
        """The plan for `--format json`-style output and tests."""
        return {
            "columns": dict(self.columns.describe()),
            "unmapped": [self.columns.headers[i] for i in self.columns.unmapped],
            "new": self.new,
            "updates": [{"row": u.row, "id": u.id, "changes": u.changes}
                        for u in self.updates],
            "unchanged": [{"row": r, "id": i} for r, i in self.unchanged],
            "existing": [{"row": r, "id": i} for r, i in self.existing],
            "merged": [{"row": r, "into": into} for r, into in self.merged],
            "problems": [{"row": p.row, "message": p.message} for p in self.problems],
        }


class UnusableRowsError(MentorcliError):
    """Some rows cannot be imported; nothing was written."""

    def __init__(self, source: str, problems: list[RowProblem], hint: str = "") -> None:
        self.source = source
        self.problems = problems
        self.hint = hint
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        rows = sorted({p.row for p in self.problems if p.row})
        lines = [f"{self.source}: {p.render()}" for p in self.problems]
        count = f"{len(rows)} row{'s' if len(rows) != 1 else ''}" if rows else "the sheet"
        lines.append(f"nothing was written: {count} cannot be imported; fix "
                     f"{'them' if rows else 'it'} in the sheet{self.hint}")
        return lines


@dataclass
class _Record:
    """One row, parsed: values by key, and what still needs resolving."""

    row: int
    values: dict[str, Any]
    refs: dict[str, Any]  # manager: str, prefer/avoid: list[str] as written
    problems: list[str] = field(default_factory=list)
    id: str | None = None
    existing: Participant | None = None
    rows: list[int] = field(default_factory=list)  # every row merged in
    role_cell: bool = False  # the row had something in a role column

    @property
    def email_key(self) -> str:
        return str(self.values.get("email", "")).casefold()


def plan_import(
    sheet: Sheet,
    model: CohortFile,
    *,
    role: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    update: bool = False,
) -> ImportPlan:
    """What importing `sheet` into the cohort `model` would do. Pure and deterministic."""
    if role is not None and role not in ("mentor", "mentee", "both"):
        raise UsageError(f"--role must be mentor, mentee or both, got '{role}'")
    empty = [i for i in range(len(sheet.headers)) if not any(r.get(i) for r in sheet.rows)]
    columns = map_columns(sheet.headers, mapping, empty, need_name=not update)
    plan = ImportPlan(columns)
    for name in columns.unused_mapping:
        plan.notices.append(f"the mapping names a column that is not in the sheet: '{name}'")
    if not sheet.rows:
        plan.problems.append(RowProblem(0, "the sheet has a header but no rows of people"))
        return plan

    records = [_parse_row(r, columns, model, role) for r in sheet.rows]
    records = _merge_duplicates(records, plan)
    _match_existing(records, model, update, plan)
    _assign_ids(records, model)
    excluded: set[int] = {r.row for r in records if r.problems}
    while True:  # a row pointing at an unusable row becomes unusable too, until stable
        _resolve_references(records, model, excluded)
        newly = {r.row for r in records if r.problems} - excluded
        if not newly:
            break
        excluded |= newly
    _build(records, model, update, plan)
    _check_whole(records, model, plan)
    for record in records:
        for message in record.problems:
            plan.problems.append(RowProblem(record.row, message))
    plan.problems.sort(key=lambda p: p.row)
    return plan


def without_rows(plan: ImportPlan, sheet: Sheet, model: CohortFile, **options: Any) -> \
        tuple[ImportPlan, list[RowProblem]]:
    """`--skip-invalid`: the plan of the usable rows only, and the problems left behind."""
    skipped: list[RowProblem] = []
    current = plan
    rows = list(sheet.rows)
    for _ in range(len(rows) + 1):
        bad = set(current.bad_rows)
        general = [p for p in current.problems if not p.row]
        if general:
            raise UnusableRowsError(str(sheet.path.name), general)
        if not bad:
            break
        skipped += current.problems
        rows = [r for r in rows if r.number not in bad]
        reduced = Sheet(sheet.path, sheet.headers, rows, sheet.header_row, sheet.kind,
                        sheet.encoding, sheet.delimiter, list(sheet.notes))
        if not rows:
            current = ImportPlan(current.columns, notices=list(plan.notices))
            break
        current = plan_import(reduced, model, **options)
    current.notices = list(dict.fromkeys(plan.notices + current.notices))
    return current, sorted(skipped, key=lambda p: p.row)


# ---------------------------------------------------------------------- row parsing


def _parse_row(row: SheetRow, columns: ColumnMap, model: CohortFile,
               default_role: str | None) -> _Record:
    record = _Record(row.number, {}, {}, rows=[row.number])
    problems = record.problems
    if row.extra:
        problems.append(
            f"has {len(row.extra)} more cell{'s' if len(row.extra) > 1 else ''} than the "
            f"header has columns ({', '.join(repr(c) for c in row.extra[:3])}): a separator "
            "inside a cell must be quoted, or the header is missing a column"
        )
    raw: dict[str, str] = {}
    where: dict[str, str] = {}
    for index, key in columns.keys.items():
        raw[key] = row.get(index)
        where[key] = columns.label(index)

    email = _extract_email(raw.get("email", ""))
    if not email:
        problems.append(f"no email in {where['email']}: an email is needed to tell people apart")
    elif not EMAIL_RE.match(email):
        problems.append(f"{where['email']}: '{raw['email']}' is not a valid email address")
    else:
        record.values["email"] = email

    name = raw.get("name", "")
    if not name:
        name = " ".join(p for p in (raw.get("first_name", ""), raw.get("last_name", "")) if p)
    name = re.sub(r"\s+", " ", name).strip()
    cols = [where[k] for k in ("name", "first_name", "last_name") if k in where]
    if name:
        record.values["name"] = name
    elif cols:
        problems.append(f"no name in {' / '.join(cols)}")

    role_text = raw.get("role", "")
    record.role_cell = bool(role_text)
    if role_text:
        role = ROLE_WORDS.get(re.sub(r"\s+", " ", role_text.casefold().strip()))
        if role is None:
            problems.append(f"{where['role']}: '{role_text}' is not a role; use mentor, mentee "
                            "or both (mentor, mentoré, les deux... are understood)")
        else:
            record.values["role"] = role
    elif default_role:
        record.values["role"] = default_role
        record.values["_role_from_option"] = True
    # no role at all is a problem only for a new person: see _assign_ids

    for key in ("title", "department", "location", "employee_id"):
        if raw.get(key):
            record.values[key] = re.sub(r"[ \t]+", " ", raw[key].replace("\n", " ")).strip()
    if raw.get("id"):
        record.values["id"] = slugify(raw["id"])
    if raw.get("timezone"):
        tz = raw["timezone"].strip()
        if _is_timezone(tz):
            record.values["timezone"] = tz
        else:
            problems.append(f"{where['timezone']}: '{tz}' is not a known time zone (use an IANA "
                            "name like 'Europe/Paris')")
    if raw.get("seniority"):
        years = _parse_number(raw["seniority"])
        if years is None or years < 0:
            problems.append(f"{where['seniority']}: expected a number of years, got "
                            f"'{raw['seniority']}'")
        else:
            record.values["seniority"] = years
    if raw.get("capacity"):
        capacity = _parse_number(raw["capacity"])
        if capacity is None or capacity < 0 or capacity != int(capacity):
            problems.append(f"{where['capacity']}: expected a whole number of mentees (0 or "
                            f"more), got '{raw['capacity']}'")
        else:
            record.values["capacity"] = int(capacity)
    if raw.get("trained"):
        day = parse_date(raw["trained"])
        if day is None:
            problems.append(f"{where['trained']}: expected a date like 2026-01-31 or 31/01/2026, "
                            f"got '{raw['trained']}'")
        else:
            record.values["trained"] = day
    if raw.get("languages"):
        record.values["languages"] = _dedupe(_language_code(v) for v in split_cell(
            raw["languages"]))
    for key in ("skills", "goals"):
        if raw.get(key):
            record.values[key] = _dedupe(split_cell(raw[key]))
    if raw.get("objectives"):
        found, unknown = _match_objectives(split_cell(raw["objectives"]), model)
        for value in unknown:
            known = ", ".join(o.id for o in model.objectives) or "none defined"
            problems.append(f"{where['objectives']}: '{value}' is not a programme objective "
                            f"(known: {known})")
        record.values["objectives"] = found
    if raw.get("manager"):
        record.refs["manager"] = raw["manager"].strip()
    for key in ("prefer", "avoid"):
        if raw.get(key):
            record.refs[key] = split_cell(raw[key])
    return record


def split_cell(text: str) -> list[str]:
    """The values of a multi-valued cell: split on ';', '|', ',' or line breaks."""
    return [part.strip() for part in _SPLIT.split(text or "") if part.strip()]


def _dedupe(values: Iterable[str]) -> list[str]:
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
    if key in LANGUAGE_CODES:
        return LANGUAGE_CODES[key]
    return LANGUAGE_CODES.get(normalize_tag(value), key)


def _extract_email(text: str) -> str:
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


def _is_timezone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _match_objectives(values: list[str], model: CohortFile) -> tuple[list[str], list[str]]:
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
    """Rows with the same email become one: values combined, conflicts reported."""
    first: dict[str, _Record] = {}
    result = []
    for record in records:
        key = record.email_key
        if not key or key not in first:
            if key:
                first[key] = record
            result.append(record)
            continue
        into = first[key]
        conflicts = []
        for name in _SCALARS:
            mine, theirs = record.values.get(name), into.values.get(name)
            if mine is None or theirs is None or mine == theirs:
                continue
            if name == "role":
                into.values["role"] = _merge_roles(into, record)
                continue
            if name == "name" and normalize_tag(str(mine)) == normalize_tag(str(theirs)):
                continue
            conflicts.append(f"{name} '{mine}' (row {into.row}: '{theirs}')")
        if conflicts:
            record.problems.append(
                f"same email as row {into.row} ({record.values['email']}) but a different "
                + ", ".join(conflicts) + "; keep one row per person"
            )
            result.append(record)
            continue
        for name in _SCALARS:
            if name in record.values and name not in into.values:
                into.values[name] = record.values[name]
        for name in LIST_KEYS - {"prefer", "avoid"}:
            if name in record.values:
                into.values[name] = _dedupe([*into.values.get(name, []), *record.values[name]])
        for name in ("prefer", "avoid"):
            if name in record.refs:
                into.refs[name] = _dedupe([*into.refs.get(name, []), *record.refs[name]])
        if "manager" in record.refs:
            into.refs.setdefault("manager", record.refs["manager"])
        into.problems.extend(record.problems)
        into.rows.append(record.row)
        plan.merged.append((record.row, into.row))
    return result


def _merge_roles(into: _Record, record: _Record) -> str:
    """The role of one person met on two rows: a role from the sheet beats --role; a
    mentor row and a mentee row make `both`."""
    mine, theirs = record.values["role"], into.values["role"]
    if record.values.get("_role_from_option"):
        return theirs
    if into.values.pop("_role_from_option", None):
        return mine
    return mine if mine == theirs else "both"


def _match_existing(records: list[_Record], model: CohortFile, update: bool,
                    plan: ImportPlan) -> None:
    by_email = {p.email.casefold(): p for p in model.participants}
    by_employee = {p.employee_id: p for p in model.participants if p.employee_id}
    by_id = model.people()
    claimed: dict[str, int] = {}
    for record in records:
        found_email = by_email.get(record.email_key)
        employee = record.values.get("employee_id")
        found_employee = by_employee.get(employee) if employee else None
        if found_email and found_employee and found_email.id != found_employee.id:
            record.problems.append(
                f"the email belongs to '{found_email.id}' but employee number {employee} to "
                f"'{found_employee.id}'; fix the row or the cohort"
            )
            continue
        existing = found_email or found_employee
        explicit = record.values.get("id")
        if existing is None and explicit and explicit in by_id:
            other = by_id[explicit]
            record.problems.append(
                f"id '{explicit}' is already {other.name} ({other.email}) in the cohort, "
                "with another email; fix the id or the email"
            )
            continue
        if existing is not None and explicit and explicit != existing.id:
            record.problems.append(
                f"this person is already in the cohort as '{existing.id}' but the row gives "
                f"id '{explicit}'; ids never change on import"
            )
            continue
        if existing is not None:
            if existing.id in claimed:
                record.problems.append(
                    f"is '{existing.id}' in the cohort, like row {claimed[existing.id]} "
                    "(same email or employee number); keep one row per person")
                continue
            claimed[existing.id] = record.row
            record.existing = existing
            record.id = existing.id


def _assign_ids(records: list[_Record], model: CohortFile) -> None:
    """Ids for new people: the id column, else the email's local part; unique, in row order."""
    taken = {p.id for p in model.participants} | set(model.org)
    explicit_rows: dict[str, int] = {}
    for record in records:
        if record.existing is None and "name" not in record.values and not record.problems:
            record.problems.append("not in the cohort yet, and the sheet has no name column "
                                   "to add them")
        if record.existing is None and "role" not in record.values and not record.role_cell:
            record.problems.append("no role: add a 'Role'/'Rôle' column or give --role "
                                   "mentor|mentee")
        if record.existing is not None or record.problems:
            continue
        explicit = record.values.get("id")
        if explicit:
            if explicit in taken:
                owner = explicit_rows.get(explicit)
                where = f"row {owner}" if owner else "an `org` entry"
                record.problems.append(f"id '{explicit}' is also used by {where}; ids must be "
                                       "unique")
                continue
            record.id = explicit
            taken.add(explicit)
            explicit_rows[explicit] = record.row
    for record in records:
        if record.existing is not None or record.problems or record.id:
            continue
        base = slugify(str(record.values.get("email", "")).split("@")[0])
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        record.id = candidate
        taken.add(candidate)


def _resolve_references(records: list[_Record], model: CohortFile, excluded: set[int]) -> None:
    """Manager, prefer and avoid given as an id, an email or an employee number -> an id."""
    by_email: dict[str, tuple[str, int | None]] = {}
    by_employee: dict[str, tuple[str, int | None]] = {}
    ids: dict[str, int | None] = {}
    for person in model.participants:
        by_email[person.email.casefold()] = (person.id, None)
        if person.employee_id:
            by_employee[person.employee_id] = (person.id, None)
        ids[person.id] = None
    for record in records:
        target = record.id or (record.existing.id if record.existing else None)
        row_mark = record.row if record.row in excluded else None
        if record.email_key:
            by_email.setdefault(record.email_key, (target or "", row_mark))
        if record.values.get("employee_id"):
            by_employee.setdefault(record.values["employee_id"], (target or "", row_mark))
        if target:
            ids.setdefault(target, row_mark)
    org = set(model.org)
    # A manager's number typed as a number in Excel loses its zeros: match on the digits
    # when only one employee number has them.
    digits: dict[str, list[tuple[str, int | None]]] = {}
    for number, target in by_employee.items():
        if number.isdigit():
            digits.setdefault(number.lstrip("0"), []).append(target)
    by_employee_digits = {k: v[0] for k, v in digits.items() if len(v) == 1}

    def resolve(value: str, allow_org: bool) -> tuple[str | None, int | None]:
        text = _extract_email(value)
        if text.casefold() in by_email:
            return by_email[text.casefold()]
        if text in by_employee:
            return by_employee[text]
        if text.isdigit() and text.lstrip("0") in by_employee_digits:
            return by_employee_digits[text.lstrip("0")]
        for candidate in (text, text.lower()):
            if candidate in ids:
                return candidate, ids[candidate]
            if allow_org and candidate in org:
                return candidate, None
        return None, None

    for record in records:
        if record.row in excluded:
            continue
        me = record.id or (record.existing.id if record.existing else None)
        manager_text = record.refs.get("manager")
        if manager_text:
            target, bad_row = resolve(manager_text, allow_org=True)
            if target is None:
                record.problems.append(
                    f"manager '{manager_text}' is neither a participant (id, email or employee "
                    "number, in the cohort or the sheet) nor in `org`; add them to `org` in "
                    "the cohort file or leave the cell empty")
            elif bad_row is not None and bad_row != record.row:
                record.problems.append(f"manager '{manager_text}' is on row {bad_row}, which "
                                       "cannot be imported")
            elif target == me:
                record.problems.append("is their own manager")
            else:
                record.values["manager"] = target
        for key in ("prefer", "avoid"):
            resolved = []
            for value in record.refs.get(key, []):
                target, bad_row = resolve(value, allow_org=False)
                if target is None:
                    record.problems.append(f"{key}: '{value}' is not a participant (id, email "
                                           "or employee number)")
                elif bad_row is not None and bad_row != record.row:
                    record.problems.append(f"{key}: '{value}' is on row {bad_row}, which "
                                           "cannot be imported")
                elif target == me:
                    record.problems.append(f"{key}: names this person themselves")
                elif target not in resolved:
                    resolved.append(target)
            if key in record.refs:
                record.values[key] = resolved


# ------------------------------------------------------------------------- building


def _entry(record: _Record) -> dict[str, Any]:
    values = dict(record.values)
    values["id"] = record.id
    entry = {}
    for key in KEY_ORDER:
        value = values.get(key)
        if value is None or (isinstance(value, list) and not value):
            continue
        if isinstance(value, dt.date):  # never one object twice: ruamel would anchor it
            value = dt.date.fromordinal(value.toordinal())
        entry[key] = list(value) if isinstance(value, list) else value
    return entry


def _build(records: list[_Record], model: CohortFile, update: bool, plan: ImportPlan) -> None:
    for record in records:
        if record.problems:
            continue
        entry = _entry(record)
        if record.existing is None:
            problem = _schema_problem(entry)
            if problem:
                record.problems.append(problem)
                continue
            plan.new.append(entry)
            plan.new_rows.append(record.row)
            continue
        if not update:
            plan.existing.append((record.row, record.existing.id))
            continue
        current = record.existing.model_dump(exclude_none=True)
        changes = {}
        for key, value in entry.items():
            if key == "id" or (key == "role" and record.values.get("_role_from_option")):
                continue
            if current.get(key) != value:
                changes[key] = value
        if not changes:
            plan.unchanged.append((record.row, record.existing.id))
            continue
        problem = _schema_problem({**current, **changes})
        if problem:
            record.problems.append(problem)
            continue
        plan.updates.append(Update(record.row, record.existing.id, changes))


def _schema_problem(entry: dict[str, Any]) -> str | None:
    try:
        Participant.model_validate(entry)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        return f"{where}: {first['msg']}"
    return None


def merged_model(model: CohortFile, plan: ImportPlan) -> CohortFile:
    """The cohort as it would be after the import (for checks and dry runs)."""
    changes = {u.id: u.changes for u in plan.updates}
    participants = []
    for person in model.participants:
        data = person.model_dump(exclude_none=True)
        data.update(changes.get(person.id, {}))
        participants.append(data)
    participants.extend(plan.new)
    data = model.model_dump(exclude_none=True)
    data["participants"] = participants
    return CohortFile.model_validate(data)


def _check_whole(records: list[_Record], model: CohortFile, plan: ImportPlan) -> None:
    """The cohort after the import must validate: errors are pinned on the rows causing them."""
    from mentorcli.validation import check_model

    if not plan.new and not plan.updates:
        return
    try:
        after = merged_model(model, plan)
    except ValidationError as error:  # pragma: no cover - rows were checked one by one
        plan.problems.append(RowProblem(0, f"the cohort would not validate: {error}"))
        return
    before = {(tuple(i.path), i.message) for i in check_model(model) if i.severity == "error"}
    row_of_id = {u.id: u.row for u in plan.updates}
    row_of_id.update({e["id"]: r for e, r in zip(plan.new, plan.new_rows, strict=True)})
    index_row = {i: row_of_id.get(p.id) for i, p in enumerate(after.participants)}
    bad: dict[int, list[str]] = {}
    for issue in check_model(after):
        if issue.severity != "error" or (tuple(issue.path), issue.message) in before:
            continue
        path = issue.path
        row = index_row.get(path[1]) if len(path) > 1 and path[0] == "participants" else None
        if row is None:
            plan.problems.append(RowProblem(0, f"the cohort would not validate: {issue.message}"))
        else:
            key = ".".join(str(p) for p in path[2:])
            bad.setdefault(row, []).append(f"{key}: {issue.message}" if key else issue.message)
    if bad:
        for record in records:
            if record.row in bad:
                record.problems.extend(bad[record.row])
        plan.new = [e for e, r in zip(plan.new, plan.new_rows, strict=True) if r not in bad]
        plan.new_rows = [r for r in plan.new_rows if r not in bad]
        plan.updates = [u for u in plan.updates if u.row not in bad]


# ---------------------------------------------------------------- applying an update


def yaml_entries(entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """New entries as the store writes them: lists in flow style (`skills: [a, b]`), the way
    cohort files write them by hand."""
    from mentorcli.store import to_yaml_node

    return [{k: to_yaml_node(v, flow=True) if isinstance(v, list) else v
             for k, v in entry.items()} for entry in entries]


def apply_updates(doc: Any, plan: ImportPlan,
                  to_node: Callable[[Any], Any] | None = None) -> None:
    """Write the plan into a round-trip document: existing entries changed in place (their
    comments, order and flow style kept), new entries appended."""
    if to_node is None:
        from mentorcli.store import to_yaml_node as to_node
    participants = doc.get("participants")
    if participants is None:
        doc["participants"] = participants = to_node([])
    by_id = {node.get("id"): node for node in participants}
    for change in plan.updates:
        node = by_id[change.id]
        for key, value in change.changes.items():
            _set_value(node, key, value, to_node)
    for entry in yaml_entries(plan.new):
        participants.append(to_node(entry))


def _set_value(node: Any, key: str, value: Any, to_node: Callable[[Any], Any]) -> None:
    old = node.get(key)
    if isinstance(value, list) and old is not None and hasattr(old, "fa") and \
            isinstance(old, list):
        old[:] = value  # keeps a flow list `[a, b]` in flow style
        return
    if isinstance(value, list):
        value = to_node(value)
        if hasattr(value, "fa"):
            value.fa.set_flow_style()
    if key in node:
        node[key] = value
        return
    # A new key goes after the last key that comes before it in KEY_ORDER.
    order = {k: i for i, k in enumerate(KEY_ORDER)}
    keys = list(node.keys())
    position = len(keys)
    for i, existing in enumerate(keys):
        if order.get(existing, len(order)) > order.get(key, len(order)):
            position = i
            break
    node.insert(position, key, value)

"""Which spreadsheet column fills which participant key. Pure, except `read_mapping`.

Columns are matched by name ignoring case, accents, spacing and punctuation, with English
and French synonyms built in (`SYNONYMS`); a mapping file (`read_mapping`) names the others.

`SYNONYMS` is INPUT vocabulary (the column names a French or English export may have, such
as "Prénom" or "Courriel"): data, not text mentorcli prints, so it is not in the message
catalogs and does not depend on the output language. Messages are translated (`_()`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorcli.errors import InputFileError, UsageError
from mentorcli.i18n import _
from mentorcli.importing.spreadsheet import column_letter
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
        raise MappingError(_("expected a mapping of column name -> key, e.g. "
                             "'Matricule RH: employee_id'"), prefix)
    result: dict[str, str | None] = {}
    for column, key in data.items():
        if not isinstance(column, (str, int)) or not str(column).strip():
            raise MappingError(_("a column name must be text, got {value}").format(
                value=repr(column)), (*prefix, column), at_key=True)
        if key is not None and not isinstance(key, str):
            raise MappingError(_("'{column}': the key must be text, got {value}").format(
                column=column, value=repr(key)), (*prefix, column))
        target = None if key is None or key.strip().lower() == IGNORE else key.strip()
        if target is not None and target not in TARGETS:
            close = difflib.get_close_matches(target, TARGETS, n=1, cutoff=0.6)
            if close:
                message = _("'{column}': unknown key '{key}' (did you mean '{close}'?); use "
                            "one of {keys}, or '{ignore}'")
            else:
                message = _("'{column}': unknown key '{key}'; use one of {keys}, or '{ignore}'")
            raise MappingError(message.format(column=column, key=target,
                                              close=close[0] if close else "",
                                              keys=", ".join(TARGETS), ignore=IGNORE),
                               (*prefix, column))
        result[str(column)] = target
    return result


def read_mapping(path: str | Path) -> dict[str, str | None]:
    """The `--mapping` YAML file, checked; its errors are placed at FILE:LINE:COL."""
    from mentorcli.store.reading import compose, locate, parse_yaml, read_text

    p = Path(path)
    if p.is_dir():
        raise InputFileError(p, _("is a directory; name the mapping .yaml file"))
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
        if header:
            return _("'{header}' (column {letter})").format(header=header, letter=letter)
        return _("column {letter} (no header)").format(letter=letter)

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
            names = _(" and ").join(result.label(i) for i in indexes)
            raise UsageError(
                _("columns {names} both fill '{key}'; say which one to use with --mapping "
                  "(map the other to '{ignore}')").format(names=names, key=key, ignore=IGNORE)
            )
    if "email" not in result.keys.values():
        raise UsageError(
            _("no email column: name one 'Email' or 'Courriel', or map it with --mapping "
              "('My column: email'); columns found: {columns}").format(
                columns=", ".join(h for h in headers if h))
        )
    has_name = "name" in result.keys.values() or {"first_name", "last_name"} & set(
        result.keys.values())
    if not has_name and need_name:
        raise UsageError(
            _("no name column: name one 'Name'/'Nom complet' or 'First name'+'Last name' "
              "('Prénom'+'Nom'), or map it with --mapping")
        )
    return result

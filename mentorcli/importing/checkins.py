"""Reading check-in files for `mentorcli log --from-csv` (e.g. a monthly survey export).

The file is read by the same reader as `mentorcli import` (`importing.spreadsheet`): CSV in
UTF-8 (with or without BOM), UTF-16 or Windows-1252 (French Excel), separated by commas,
semicolons or tabs, or an .xlsx workbook; rows are numbered as a spreadsheet shows them (the
header is row 1), and the same limits apply (docs/limits.md).

Columns are found by name, in English or French (case, accents, spaces, hyphens and a
parenthesised unit do not matter), or by a mapping file (`--mapping`, YAML: column name ->
key, or `ignore`); other columns are ignored, so a survey's timestamp or email columns can
stay:

- ``mentor`` (mentor, mentor·e), ``mentee`` (mentee, mentoré, mentorée, filleul): participant
  id or email (required)
- ``date`` (date, jour, date de la rencontre): 2026-03-12, 12/03/2026 or 12.03.2026 (day
  first), a timestamp's date part accepted (required)
- ``minutes`` (minutes, durée, duration): whole minutes; `1h30`, `1 h`, `45 min` are
  accepted (required)
- ``mode`` (mode, modalité, format): in-person, video or phone; présentiel, visio,
  téléphone are accepted (optional)
- ``rating_mentor``, ``rating_mentee`` (note du mentor, note du mentoré): 1-5 (optional)
- ``notes`` (notes, commentaires, compte rendu): confidential, stored but never printed

A row with more cells than the header has columns (an unquoted comma inside a note) is
refused with its number, never cut short. Blank rows are skipped.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentorcli.errors import InputFileError, UsageError
from mentorcli.i18n import _, ngettext
from mentorcli.i18n import number as figure
from mentorcli.importing.spreadsheet import Sheet, column_letter, read_sheet

COLUMNS = ("mentor", "mentee", "date", "minutes", "mode", "rating_mentor", "rating_mentee",
           "notes")
REQUIRED = ("mentor", "mentee", "date", "minutes")
IGNORE = "ignore"

# Column names of each key, English and French, compared after `normalize_header`.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "mentor": ("mentor", "mentor id", "id mentor", "mentor email",
               "email du mentor", "courriel du mentor", "e-mail du mentor", "mentor (email)",
               "nom du mentor", "tuteur", "tutrice", "marraine", "parrain"),
    "mentee": ("mentee", "mentoré", "mentorée", "mentoré·e", "mentoré(e)", "mentee id",
               "id mentoré", "mentee email", "email du mentoré", "courriel du mentoré",
               "e-mail du mentoré", "nom du mentoré", "filleul", "filleule", "mentoree"),
    "date": ("date", "jour", "day", "date de la rencontre", "date du rendez-vous",
             "date de rencontre", "date de la séance", "date de séance", "meeting date",
             "date of meeting", "session date", "date de l'échange"),
    "minutes": ("minutes", "durée", "duree", "durée en minutes", "durée (minutes)",
                "durée (min)", "duration", "duration (minutes)", "length", "length (minutes)",
                "temps", "nombre de minutes"),
    "mode": ("mode", "modalité", "modalite", "format", "type de rencontre", "meeting mode",
             "mode de rencontre", "canal"),
    "rating_mentor": ("rating mentor", "rating_mentor", "mentor rating", "note mentor",
                      "note du mentor", "satisfaction mentor", "satisfaction du mentor",
                      "évaluation du mentor", "évaluation mentor"),
    "rating_mentee": ("rating mentee", "rating_mentee", "mentee rating", "note mentoré",
                      "note du mentoré", "satisfaction mentoré", "satisfaction du mentoré",
                      "évaluation du mentoré", "évaluation mentoré"),
    "notes": ("notes", "commentaires", "commentaire", "comments", "comment", "remarques",
              "compte rendu", "compte-rendu", "observations"),
}

MODE_WORDS: dict[str, str] = {
    "in-person": "in-person", "in person": "in-person", "inperson": "in-person",
    "presentiel": "in-person", "en presentiel": "in-person", "sur site": "in-person",
    "face a face": "in-person", "face-a-face": "in-person",
    "video": "video", "visio": "video", "visioconference": "video", "en visio": "video",
    "teams": "video", "zoom": "video", "meet": "video", "video call": "video",
    "phone": "phone", "telephone": "phone", "tel": "phone", "par telephone": "phone",
    "au telephone": "phone", "appel": "phone",
}


def _fold(text: str) -> str:
    """Lower case, accents removed, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


def normalize_header(text: str) -> str:
    """Comparison key of a column name: case, accents, spaces and punctuation ignored."""
    return re.sub(r"[^0-9a-z]+", "", _fold(text))


_BUILT_IN: dict[str, str] = {}
for _key, _names in SYNONYMS.items():
    for _name in (*_names, _key):
        _BUILT_IN.setdefault(normalize_header(_name), _key)


def key_for_header(header: str) -> str | None:
    """The check-in key a column name means by the built-in synonyms, or None."""
    norm = normalize_header(header)
    if not norm:
        return None
    found = _BUILT_IN.get(norm)
    if found is None:
        bare = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", header)
        found = _BUILT_IN.get(normalize_header(bare))
    return found


@dataclass(frozen=True)
class CheckinRow:
    number: int  # spreadsheet row number (header = 1)
    values: dict[str, str]  # documented columns only, stripped text, dates ISO


@dataclass(frozen=True)
class Checkins:
    """A check-in file as read: its rows, the rows refused while reading, how it was read."""

    rows: list[CheckinRow]
    refused: list[tuple[int, str]]  # (row number, problem) of rows that cannot be read
    sheet: Sheet
    columns: dict[str, str]  # key -> the column name that fills it

    def __iter__(self) -> Any:
        """The rows; never silently without the refused ones (they are named instead)."""
        if self.refused:
            raise UsageError("\n".join(_row_problem(self.sheet.path, number, problem)
                                       for number, problem in self.refused))
        return iter(self.rows)


def _row_problem(source: str | Path, row: int, problem: str) -> str:
    """`FILE: row N: problem`, in the current language."""
    return _("{file}: row {row}: {problem}").format(file=source, row=row, problem=problem)


# ------------------------------------------------------------------------ the mapping


def parse_mapping(data: Any) -> tuple[dict[str, str | None], tuple[Any, ...] | None, str]:
    """{column name: key or None (ignored)} from a mapping file's data, or the place and
    words of the first wrong entry (loc, message)."""
    if data is None:
        return {}, None, ""
    prefix: tuple[Any, ...] = ()
    if isinstance(data, Mapping) and set(data) == {"columns"}:
        data, prefix = data["columns"], ("columns",)
    if not isinstance(data, Mapping):
        return {}, prefix, _("expected a mapping of column name -> key, e.g. "
                             "'Durée de l'échange: minutes'")
    result: dict[str, str | None] = {}
    for column, key in data.items():
        if key is not None and not isinstance(key, str):
            return {}, (*prefix, column), _("'{column}': the key must be text").format(
                column=column)
        target = None if key is None or key.strip().lower() == IGNORE else key.strip()
        if target is not None and target not in COLUMNS:
            close = difflib.get_close_matches(target, COLUMNS, n=1, cutoff=0.6)
            hint = _(" (did you mean '{key}'?)").format(key=close[0]) if close else ""
            return {}, (*prefix, column), _(
                "'{column}': unknown key '{key}'{hint}; use one of {keys}, or '{ignore}'"
            ).format(column=column, key=target, hint=hint, keys=", ".join(COLUMNS),
                     ignore=IGNORE)
        result[str(column)] = target
    return result, None, ""


def read_mapping(path: str | Path) -> dict[str, str | None]:
    """The `--mapping` YAML file, checked; its errors are placed at FILE:LINE:COL."""
    from mentorcli.store.reading import compose, locate, parse_yaml, read_text

    p = Path(path)
    text = read_text(p)
    mapping, loc, message = parse_mapping(parse_yaml(text, p))
    if loc is not None:
        line, column = locate(compose(text), loc, at_key=False)
        raise InputFileError(p, message, line, column)
    return mapping


# ------------------------------------------------------------------------ reading


def read_checkins(path: str | Path, mapping: Mapping[str, str | None] | None = None
                  ) -> Checkins:
    """The rows of a check-in file; InputFileError if it cannot be read as one."""
    p = Path(path)
    sheet = read_sheet(p)
    return checkins_of_sheet(sheet, mapping)


def checkins_of_sheet(sheet: Sheet, mapping: Mapping[str, str | None] | None = None
                      ) -> Checkins:
    """The check-ins of a sheet already read (see the module docstring)."""
    path = sheet.path
    by_norm = {normalize_header(k): v for k, v in (mapping or {}).items()}
    positions: dict[str, int] = {}
    names: dict[str, str] = {}
    for index, header in enumerate(sheet.headers):
        norm = normalize_header(header)
        key = by_norm[norm] if norm in by_norm else key_for_header(header)
        if key is None:
            continue
        if key in positions:
            raise InputFileError(
                path, _("row {row}: the columns '{first}' and '{second}' both mean {key}; name "
                        "one in a --mapping file as `ignore`").format(
                    row=sheet.header_row, first=names[key], second=header, key=key),
                sheet.header_row)
        positions[key] = index
        names[key] = header
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        found = ", ".join(h for h in sheet.headers if h) or _("none")
        raise InputFileError(
            path,
            ngettext("row {row}: missing column {columns} (found: {found}); name them mentor, "
                     "mentee, date, minutes (or mentoré, durée...), or map them with --mapping",
                     "row {row}: missing columns {columns} (found: {found}); name them mentor, "
                     "mentee, date, minutes (or mentoré, durée...), or map them with --mapping",
                     len(missing)).format(row=sheet.header_row, columns=", ".join(missing),
                                          found=found),
            sheet.header_row)
    rows: list[CheckinRow] = []
    refused: list[tuple[int, str]] = []
    width = len(sheet.headers)
    for row in sheet.rows:
        if row.extra:
            refused.append((row.number, _(
                "has {cells} cells but the header has {width} columns (the cell in column "
                "{column} has no header): an unquoted separator splits a cell, e.g. a comma in a "
                "note; put the cell in quotes").format(
                    cells=len(row.cells) + len(row.extra), width=width,
                    column=column_letter(width))))
            continue
        values = {key: row.get(index).strip() for key, index in positions.items()}
        values["date"] = _iso_date(values["date"])
        values["minutes"] = _minutes(values["minutes"])
        if values.get("mode"):
            values["mode"] = MODE_WORDS.get(_fold(values["mode"]), values["mode"])
        rows.append(CheckinRow(row.number, values))
    return Checkins(rows, refused, sheet, names)


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?\S*)?$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T]+\d{1,2}[:h]\d{2}(?::\d{2})?)?$")


def _iso_date(text: str) -> str:
    """2026-03-12 from 2026-03-12, 12/03/2026, 12.03.2026 or a timestamp; else as written
    (the row is then refused with its number when the meetings are checked)."""
    value = text.strip()
    for pattern, order in ((_ISO, (1, 2, 3)), (_DMY, (3, 2, 1))):
        match = pattern.match(value)
        if match:
            year, month, day = (int(match.group(i)) for i in order)
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                return value
    return value


_HOURS = re.compile(r"^(\d+(?:[.,]\d+)?)\s*h(?:eures?|ours?|rs?)?\s*(\d{1,2})?\s*(?:min)?$",
                    re.IGNORECASE)
_MINUTES = re.compile(r"^(\d+)\s*(?:min|mins|minutes?|mn|m)\.?$", re.IGNORECASE)


def _minutes(text: str) -> str:
    """Whole minutes from 60, 45 min, 1h, 1h30, 1,5 h; else as written."""
    value = text.strip()
    match = _MINUTES.match(value)
    if match:
        return match.group(1)
    match = _HOURS.match(value)
    if match:
        hours = float(match.group(1).replace(",", "."))
        total = hours * 60 + int(match.group(2) or 0)
        if total == int(total):
            return str(int(total))
    return value


# ------------------------------------------------------------------------ the use case


def log_checkins_file(path: str | Path, csv_path: str | Path, *, today: dt.date,
                      mapping: Path | None = None, skip_invalid: bool = False,
                      dry_run: bool = False) -> Any:
    """Log the meetings of a check-in file into the cohort file at `path`.

    Every bad row is named with its number (`FILE: row N: problem`); unless `skip_invalid`,
    one bad row refuses them all and nothing is written. With `dry_run` the meetings are
    checked and counted, and nothing is written. Returns records.CheckinsLogged.
    """
    from mentorcli import records

    source = str(csv_path)
    checkins = read_checkins(csv_path, read_mapping(mapping) if mapping else None)
    refused = [records.RowProblem(number, problem) for number, problem in checkins.refused]
    pairs = [(row.number, row.values) for row in checkins.rows]
    total = len(pairs) + len(refused)

    def plan(model: Any) -> Any:
        entries, problems = records.sessions_from_rows(model, pairs, today=today)
        problems = sorted([*refused, *problems], key=lambda p: p.row)
        if problems and not skip_invalid:
            lines = [_row_problem(source, p.row, p.message) for p in problems]
            rows = ngettext("{count} row", "{count} rows", total).format(count=figure(total))
            lines.append(ngettext(
                "nothing was logged: {invalid} of {rows} is invalid; fix them, or pass "
                "--skip-invalid to log the others",
                "nothing was logged: {invalid} of {rows} are invalid; fix them, or pass "
                "--skip-invalid to log the others", len(problems)).format(
                    invalid=len(problems), rows=rows))
            raise UsageError("\n".join(lines))
        written = [records.as_written(entry) for entry in entries]
        from mentorcli.store import edits as E

        if written and not model.sessions:  # no list yet: one key with every meeting
            edits: list[Any] = [E.Set((), "sessions", written)]
        else:
            edits = [E.Append(("sessions",), entry) for entry in written]
        return E.Changes(edits, records.CheckinsLogged(written, problems, total))

    if dry_run:
        from mentorcli.store.loading import load_cohort

        return plan(load_cohort(path).model).result
    from mentorcli.store.transaction import change_cohort

    return change_cohort(path, plan)

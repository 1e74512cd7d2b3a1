"""Reading a check-in CSV for `mentorcli log --from-csv` (e.g. a monthly survey export).

Columns (header names are case-insensitive; spaces and hyphens count as underscores; other
columns are ignored, so a survey's timestamp or email columns can stay):

- ``mentor``, ``mentee``: participant id or email (required)
- ``date``: day of the meeting, 2026-02-03 (a timestamp's date part is accepted) (required)
- ``minutes``: length in whole minutes (required)
- ``mode``: in-person, video or phone (optional)
- ``rating_mentor``, ``rating_mentee``: 1-5 (optional)
- ``notes``: confidential notes, stored but never printed (optional)

The file is UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8"), separated by
commas or semicolons (detected from the header line). Rows are numbered as in a spreadsheet:
the header is row 1, so the first meeting is row 2. Blank rows are skipped.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from mentorcli.errors import InputFileError
from mentorcli.localize import plural
from mentorcli.store.inputs import read_input_bytes

COLUMNS = ("mentor", "mentee", "date", "minutes", "mode", "rating_mentor", "rating_mentee",
           "notes")
REQUIRED = ("mentor", "mentee", "date", "minutes")
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class CheckinRow:
    number: int  # spreadsheet row number (header = 1)
    values: dict[str, str]  # documented columns only, stripped text


def _column_key(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").replace("_", " ").split())


def read_checkins(path: str | Path) -> list[CheckinRow]:
    """The rows of a check-in CSV; InputFileError if the file cannot be read as one."""
    p = Path(path)
    data = read_input_bytes(p, "a check-in CSV", "a .csv file", MAX_BYTES)
    return parse_checkins(data, p)


def parse_checkins(data: bytes, path: str | Path = "<csv>") -> list[CheckinRow]:
    """Rows of check-in CSV bytes (see the module docstring)."""
    if b"\x00" in data[:4096]:
        raise InputFileError(path, "is not a text CSV file (binary data; export it as "
                                   "'CSV UTF-8')")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputFileError(path, "is not UTF-8 text; save it as 'CSV UTF-8'", line) from None
    if not text.strip():
        raise InputFileError(path, "is empty; expected a header row with the columns "
                                   + ", ".join(REQUIRED))
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0  # spreadsheet row of the record just read
    try:
        header = next(reader)
        number += 1
        while not any(cell.strip() for cell in header):
            header = next(reader)
            number += 1
    except StopIteration:
        raise InputFileError(path, "has no header row") from None
    except csv.Error as error:
        raise InputFileError(path, f"row {number + 1}: is not valid CSV ({error})") from None
    keys = [_column_key(cell) for cell in header]
    positions: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key in COLUMNS:
            if key in positions:
                raise InputFileError(path, f"row {number}: the column "
                                           f"'{header[index].strip()}' appears twice")
            positions[key] = index
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        found = ", ".join(cell.strip() for cell in header if cell.strip()) or "none"
        raise InputFileError(
            path,
            f"row {number}: missing {plural(len(missing), 'column', 'columns')} "
            f"{', '.join(missing)} (found: {found}; expected "
            f"{', '.join(COLUMNS)}, separated by ',' or ';')",
        )
    rows: list[CheckinRow] = []
    try:
        for cells in reader:
            number += 1
            if not any(cell.strip() for cell in cells):
                continue
            values = {key: (cells[i].strip() if i < len(cells) else "")
                      for key, i in positions.items()}
            rows.append(CheckinRow(number, values))
    except csv.Error as error:
        raise InputFileError(path, f"row {number + 1}: is not valid CSV ({error})") from None
    return rows

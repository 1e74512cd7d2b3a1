"""Reading people exports as they really come: CSV of any flavour, or Excel.

An HR system or a sign-up form gives a CSV (comma, semicolon or tab separated; UTF-8 with
or without BOM, or Windows-1252 when it is not UTF-8; quoted cells with line breaks) or an
.xlsx workbook. `read_sheet` turns either into a `Sheet`: the header cells and the data rows
as text, each row numbered as the user sees it in the spreadsheet (the header is row 1).
Every cell is text: an employee number keeps its leading zeros, a date is ISO (2026-01-05).

No mapping of columns happens here (see `mentorcli.importing`); errors are `InputFileError`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorcli.errors import InputFileError
from mentorcli.i18n import N_, _, ngettext
from mentorcli.i18n import number as figure
from mentorcli.store.inputs import env_number, read_input_bytes

MEGABYTE = 1024 * 1024
MAX_SHEET_BYTES = 50 * MEGABYTE
# Limits on what a sheet may hold (docs/limits.md), each with an environment override: a
# people export or a check-in file holds hundreds of rows; these bound a decompression bomb.
DEFAULT_MAX_ROWS = 100_000
DEFAULT_MAX_CELLS = 2_000_000
DEFAULT_MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
DEFAULT_MAX_UNCOMPRESSED_MB = 200
DELIMITERS = (";", ",", "\t")
DELIMITER_NAMES = {";": "semicolon", ",": "comma", "\t": "tab"}
_SEPARATED = {";": N_("semicolon separated"), ",": N_("comma separated"),
              "\t": N_("tab separated")}
#: How a CSV was decoded, in words (Sheet.encoding; translated when shown).
ENCODING_WORDS = (N_("UTF-8"), N_("UTF-8 with BOM"), N_("UTF-16"), N_("Windows-1252"),
                  N_("text"))

_UTF8_BOM = b"\xef\xbb\xbf"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls (and other Office 97 files)
_MANGLED_BOM = "\u00ef\u00bb\u00bf"  # a UTF-8 BOM read as Windows-1252: "ï»¿"
_STRAY_BOMS = ("\ufeff", _MANGLED_BOM)
_SEP_LINE = re.compile(r"\A\s*sep=(.)[ \t]*(?:\r\n|\r|\n)", re.IGNORECASE)


@dataclass(frozen=True)
class SheetRow:
    """One data row: its number in the sheet and its cells, aligned with the headers."""

    number: int
    cells: tuple[str, ...]
    extra: tuple[str, ...] = ()  # non-empty cells beyond the last header

    def get(self, index: int) -> str:
        return self.cells[index] if index < len(self.cells) else ""


@dataclass
class Sheet:
    """A table read from a file: headers (row `header_row`) and data rows, all text."""

    path: Path
    headers: list[str]
    rows: list[SheetRow] = field(default_factory=list)
    header_row: int = 1
    kind: str = "csv"  # "csv" or "xlsx"
    encoding: str | None = None  # how a CSV was decoded, in words
    delimiter: str | None = None  # the CSV separator
    notes: list[str] = field(default_factory=list)  # what was guessed or repaired

    def describe(self) -> str:
        """One line for people: what was read and how."""
        count = len(self.rows)
        rows = ngettext("{count} row", "{count} rows", count).format(count=count)
        if self.kind == "xlsx":
            return _("{name}: Excel workbook, {rows}").format(name=self.path.name, rows=rows)
        separated = _SEPARATED.get(self.delimiter or ",")
        sep = _(separated) if separated else _("{separator} separated").format(
            separator=repr(self.delimiter))
        encoding = _(self.encoding) if self.encoding else str(self.encoding)
        return f"{self.path.name}: {encoding}, {sep}, {rows}"


@dataclass(frozen=True)
class SheetLimits:
    """The most a sheet may hold; refused beyond, with the variable that raises each limit."""

    max_bytes: int
    max_rows: int
    max_cells: int
    max_cell_chars: int
    max_uncompressed: int

    @classmethod
    def from_environment(cls) -> SheetLimits:
        return cls(
            max_bytes=int(env_number("MENTORCLI_SHEET_MAX_MB", MAX_SHEET_BYTES / MEGABYTE)
                          * MEGABYTE),
            max_rows=int(env_number("MENTORCLI_SHEET_MAX_ROWS", DEFAULT_MAX_ROWS)),
            max_cells=int(env_number("MENTORCLI_SHEET_MAX_CELLS", DEFAULT_MAX_CELLS)),
            max_cell_chars=int(env_number("MENTORCLI_SHEET_MAX_CELL_CHARS",
                                          DEFAULT_MAX_CELL_CHARS)),
            max_uncompressed=int(env_number("MENTORCLI_SHEET_MAX_UNCOMPRESSED_MB",
                                            DEFAULT_MAX_UNCOMPRESSED_MB) * MEGABYTE),
        )


class _Counter:
    """Counts rows and cells while a sheet is read, refusing as soon as a limit is passed."""

    def __init__(self, path: Path, limits: SheetLimits) -> None:
        self.path = path
        self.limits = limits
        self.rows = 0
        self.cells = 0

    def record(self, row: int, cells: list[str]) -> list[str]:
        self.rows += 1
        if self.rows > self.limits.max_rows:
            raise InputFileError(
                self.path, _("has more than {limit} row(s), more than any export mentorcli "
                             "reads; check it is the right file (MENTORCLI_SHEET_MAX_ROWS raises "
                             "the limit)").format(limit=figure(self.limits.max_rows)), row)
        self.cells += len(cells)
        if self.cells > self.limits.max_cells:
            raise InputFileError(
                self.path, _("has more than {limit} cells; check it is the right file "
                             "(MENTORCLI_SHEET_MAX_CELLS raises the limit)").format(
                    limit=figure(self.limits.max_cells)), row)
        for index, cell in enumerate(cells):
            if len(cell) > self.limits.max_cell_chars:
                raise InputFileError(
                    self.path, _("row {row}: the cell in column {column} holds {length} "
                                 "characters, more than the {limit} a cell may hold "
                                 "(MENTORCLI_SHEET_MAX_CELL_CHARS raises the limit)").format(
                        row=row, column=column_letter(index), length=figure(len(cell)),
                        limit=figure(self.limits.max_cell_chars)), row)
        return cells


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_sheet(path: str | Path) -> Sheet:
    """Read a CSV or .xlsx export; the format is told by its content, then its name."""
    p = Path(path)
    data = _read_bytes(p)
    if data.startswith(_ZIP_MAGIC):
        return read_xlsx(p, data)
    if data.startswith(_OLE2_MAGIC) or p.suffix.lower() == ".xls":
        raise InputFileError(
            p, _("is an old Excel 97-2003 (.xls) file; save it as .xlsx or as CSV and import "
                 "that"))
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        raise InputFileError(p, _("is named .xlsx but is not an Excel workbook (not a zip "
                                  "file)"))
    if p.suffix.lower() == ".ods":
        raise InputFileError(p, _("is an OpenDocument spreadsheet; save it as .xlsx or CSV"))
    return parse_csv_bytes(data, p)


def _read_bytes(p: Path) -> bytes:
    return read_input_bytes(p, N_("a spreadsheet export"), N_("a .csv or .xlsx file"),
                            SheetLimits.from_environment().max_bytes,
                            N_("; check it is the right file (MENTORCLI_SHEET_MAX_MB raises "
                               "the limit)"))


# ------------------------------------------------------------------------------- CSV


def decode_bytes(data: bytes, path: str | Path = "<data>") -> tuple[str, str, list[str]]:
    """(text, encoding in words, notes) of a CSV export.

    UTF-8 with or without BOM; UTF-16 with BOM (Excel's "Unicode text"); else Windows-1252,
    which is what French Excel writes. A BOM that lies (a UTF-8 BOM before Windows-1252
    bytes, or a BOM turned into "ï»¿" by a wrong conversion) is repaired and noted.
    """
    notes: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16", notes
        except UnicodeDecodeError:
            raise InputFileError(path, _("starts with a UTF-16 mark but is not UTF-16 text; "
                                         "save it as CSV UTF-8")) from None
    has_bom = data.startswith(_UTF8_BOM)
    body = data[len(_UTF8_BOM):] if has_bom else data
    if b"\x00" in body:
        raise InputFileError(path, _("contains NUL bytes: this is a binary file, not a CSV "
                                     "export; save the sheet as CSV or .xlsx"))
    try:
        text = body.decode("utf-8")
        encoding = "UTF-8 with BOM" if has_bom else "UTF-8"
    except UnicodeDecodeError:
        _refuse_mixed_encodings(body, path)
        try:
            text = body.decode("cp1252")
        except UnicodeDecodeError as error:
            raise InputFileError(
                path, _("is neither UTF-8 nor Windows-1252 text (byte {byte} at offset "
                        "{offset}); save it as CSV UTF-8").format(
                    byte=f"0x{body[error.start]:02x}", offset=error.start)
            ) from None
        encoding = "Windows-1252"
        if has_bom:
            notes.append(_("the file starts with a UTF-8 mark (BOM) but is written in "
                           "Windows-1252; read as Windows-1252"))
    # A BOM turned into text by an earlier wrong conversion ("ï»¿"), or doubled.
    start = 0
    while text.startswith(_STRAY_BOMS, start):
        start += 1 if text[start] == "\ufeff" else len(_MANGLED_BOM)
    if start:
        text = text[start:]
        notes.append(_("removed a stray byte-order mark before the first header"))
    return text, encoding, notes


def _refuse_mixed_encodings(body: bytes, path: str | Path) -> None:
    """A file with some lines in UTF-8 and others not (two exports pasted together) would
    come out as "HÃ©lÃ¨ne" if read as Windows-1252: refuse it, naming a line of each."""
    utf8 = other = None
    for number, line in enumerate(body.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other = other or number
        else:
            utf8 = utf8 or number
        if utf8 and other:
            raise InputFileError(path, _(
                "mixes two encodings: line {utf8} is UTF-8 but line {other} is not "
                "(Windows-1252?); save the sheet again as CSV UTF-8").format(
                    utf8=utf8, other=other), other)


def detect_delimiter(text: str) -> str:
    """The separator of CSV text: csv.Sniffer's guess, checked against the header line.

    The sniffer is fooled by cells full of commas ("Lyon, Paris" under a `;` header), so its
    guess is kept only if it occurs in the header line; otherwise the separator that occurs
    most often in the header line (outside quotes) wins; one column falls back to a comma.
    """
    sample = text[:65536]
    counts = _counts_outside_quotes(_first_record(sample))
    guess = None
    try:
        guess = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        guess = None
    best = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    if guess in counts and counts[guess] > 0 and counts[guess] >= counts[best] / 2:
        return guess
    return best if counts[best] > 0 else ","


def _first_record(text: str) -> str:
    """The first non-blank logical line (a quoted header may span lines)."""
    in_quotes = False
    start = 0
    for i, ch in enumerate(text):
        if ch == '"':
            in_quotes = not in_quotes
        elif ch in "\r\n" and not in_quotes:
            if text[start:i].strip():
                return text[start:i]
            start = i + 1
    return text[start:]


def _counts_outside_quotes(line: str) -> dict[str, int]:
    counts = dict.fromkeys(DELIMITERS, 0)
    in_quotes = False
    for ch in line:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in counts:
            counts[ch] += 1
    return counts


def parse_csv_bytes(data: bytes, path: str | Path = "<data>") -> Sheet:
    """A Sheet from the bytes of a CSV export."""
    p = Path(path)
    if not data.strip():
        raise InputFileError(p, _("is empty; export the people with a header row"))
    text, encoding, notes = decode_bytes(data, p)
    return parse_csv_text(text, p, encoding=encoding, notes=notes)


def parse_csv_text(text: str, path: str | Path = "<data>", *, encoding: str = "text",
                   notes: list[str] | None = None, delimiter: str | None = None) -> Sheet:
    """A Sheet from decoded CSV text; rows are numbered as a spreadsheet shows them.

    A first line `sep=;` (written for Excel, which hides it) names the separator.
    """
    p = Path(path)
    notes = list(notes or [])
    hint = _SEP_LINE.match(text)
    if hint:
        text = text[hint.end():]
        delimiter = delimiter or hint.group(1)
        notes.append(_("the first line '{line}' names the separator; rows are numbered after "
                       "it, as Excel shows them").format(line=hint.group(0).strip()))
    delimiter = delimiter or detect_delimiter(text)
    counter = _Counter(p, SheetLimits.from_environment())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"',
                        doublequote=True, strict=False)
    records: list[tuple[int, list[str]]] = []
    first_line = 1
    width = 0
    try:
        for number, record in enumerate(reader, start=1):
            counter.record(number, record)
            if not width and any(cell.strip() for cell in record):
                width = len(record)
            elif width:
                _refuse_open_quote(p, record, number, first_line, reader.line_num, delimiter,
                                   width)
            first_line = reader.line_num + 1
            records.append((number, record))
    except csv.Error as error:  # pragma: no cover - strict=False makes this rare
        raise InputFileError(p, _("is not readable CSV: {problem}").format(problem=error),
                             reader.line_num) from None
    return _sheet_of_records(p, records, kind="csv", encoding=encoding, delimiter=delimiter,
                             notes=notes)


def _refuse_open_quote(p: Path, record: list[str], number: int, first_line: int,
                       last_line: int, delimiter: str, width: int) -> None:
    """Refuse a row whose quote opens and is never closed on its line: the reader then takes
    the following lines, people and all, into one cell. A cell over several lines is fine
    (an address); one whose lines look like rows of the sheet (as many separators as the
    header) is a quote left open."""
    if last_line <= first_line:
        return
    for index, cell in enumerate(record):
        lines = cell.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        swallowed = [line for line in lines[1:] if line.count(delimiter) >= max(width - 1, 1)]
        if swallowed:
            raise InputFileError(
                p, _("row {row}: the quote that opens the cell in column {column} is not closed "
                     "on its line, so the {lines} read into that one cell; close the quote (\") "
                     "or remove it, then import again").format(
                    row=number, column=column_letter(index),
                    lines=_lines(first_line + 1, last_line)), first_line)


def _lines(first: int, last: int) -> str:
    if first == last:
        return _("next line ({first}) was").format(first=first)
    return _("next {count} lines ({first}-{last}) were").format(
        count=last - first + 1, first=first, last=last)


def _sheet_of_records(p: Path, records: list[tuple[int, list[str]]], **info: Any) -> Sheet:
    """The Sheet of numbered raw records: the first non-blank one is the header."""
    cleaned = [(n, [_cell_text(c) for c in r]) for n, r in records]
    nonblank = [(n, r) for n, r in cleaned if any(r)]
    if not nonblank:
        raise InputFileError(p, _("has no header row; the first row must name the columns"))
    header_row, headers = nonblank[0]
    while headers and not headers[-1]:
        headers.pop()
    if not headers:  # pragma: no cover - guarded by `nonblank`
        raise InputFileError(p, _("has no header row"))
    width = len(headers)
    rows = []
    for number, record in nonblank[1:]:
        cells = tuple(record[:width]) + ("",) * max(0, width - len(record))
        extra = tuple(c for c in record[width:] if c)
        rows.append(SheetRow(number, cells, extra))
    return Sheet(p, headers, rows, header_row=header_row, **info)


def _cell_text(cell: Any) -> str:
    """A cell as text: line breaks as "\\n", non-breaking spaces as spaces, trimmed."""
    text = "" if cell is None else str(cell)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").strip()


# ------------------------------------------------------------------------------ xlsx


def read_xlsx(path: str | Path, data: bytes | None = None) -> Sheet:
    """A Sheet from the first worksheet of an .xlsx workbook (openpyxl, read-only).

    The workbook is read from its bytes, so a workbook saved under another name (an
    "export.csv" that is really Excel) is read too.
    """
    p = Path(path)
    if data is None:
        data = _read_bytes(p)
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputFileError(p, _("reading .xlsx needs openpyxl (pip install openpyxl)")
                             ) from None
    limits = SheetLimits.from_environment()
    _refuse_inflated(p, data, limits)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds on a bad file
        raise InputFileError(p, _("is not a readable Excel workbook ({problem}); save it again "
                                  "as .xlsx or CSV").format(
            problem=f"{type(error).__name__}: {error}")) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise InputFileError(p, _("has no worksheet"))
        records = []
        counter = _Counter(p, limits)
        for number, row in enumerate(sheet.iter_rows(), start=1):
            records.append((number, counter.record(number, [xlsx_cell_text(c) for c in row])))
        notes = []
        if len(workbook.worksheets) > 1:
            notes.append(_("read the first worksheet, '{title}', of {count}").format(
                title=sheet.title, count=len(workbook.worksheets)))
    except InputFileError:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged workbook fails while rows are read
        raise InputFileError(p, _("cannot be read as a workbook ({problem})").format(
            problem=f"{type(error).__name__}: {error}")) from None
    finally:
        workbook.close()
    return _sheet_of_records(p, records, kind="xlsx", notes=notes)


def _refuse_inflated(p: Path, data: bytes, limits: SheetLimits) -> None:
    """Refuse a workbook whose parts unpack to more than the limit, before unpacking them.

    An .xlsx is a zip: a few megabytes can hold gigabytes of repeated text. The sizes come
    from the zip's directory; a part that lies about its size fails its check when read.
    """
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise InputFileError(p, _("is not a readable Excel workbook ({problem}); save it again "
                                  "as .xlsx or CSV").format(problem=error)) from None
    total = sum(part.file_size for part in parts)
    if total > limits.max_uncompressed or len(parts) > 10_000:
        raise InputFileError(
            p, _("unpacks to {size} MB, more than the {limit} MB a workbook may hold (a "
                 "decompression bomb?); check it is the right file "
                 "(MENTORCLI_SHEET_MAX_UNCOMPRESSED_MB raises the limit)").format(
                size=figure(total / MEGABYTE), limit=figure(limits.max_uncompressed / MEGABYTE)))


_ZERO_PAD = re.compile(r"^0+$")


def xlsx_cell_text(cell: Any) -> str:
    """The text a person sees in a cell: numbers without a trailing .0, leading zeros kept
    when the cell's number format pads them ("00000"), dates and times ISO."""
    value = getattr(cell, "value", cell)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, int):
        return _zero_padded(str(value), cell)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return _zero_padded(str(int(value)), cell)
        return repr(value)
    return str(value)


def _zero_padded(digits: str, cell: Any) -> str:
    """The digits with the leading zeros a "00000" number format shows."""
    number_format = getattr(cell, "number_format", None) or ""
    if _ZERO_PAD.match(number_format) and not digits.startswith("-"):
        return digits.zfill(len(number_format))
    return digits

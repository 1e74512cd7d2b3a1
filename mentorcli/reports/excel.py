"""Files that Excel opens right: .xlsx workbooks (openpyxl) and CSV for a language's Excel.

`workbook(sheets, language, stamp)` writes typed tables as an .xlsx: numbers as numbers, dates
as dates (Excel's short-date format, shown the local way: 26/11/2026 in French Excel),
percentages as percentages, a bold frozen header with a filter, one sheet per table. The bytes
depend only on the data and `stamp` (the zip entries and the document dates use it), so the
same report gives the same file.

`excel_csv(headers, rows, language)` writes CSV that a double-click opens in columns: a UTF-8
byte order mark (else Excel reads UTF-8 as Windows-1252: "LÃ©a"), and for French the `;`
separator and the decimal comma that French Excel expects (`,` and `.` for English).

`report_sheets(report)` is the progress report as typed sheets in the current language
(mentorcli.i18n: --lang, then the cohort's language). Text
a spreadsheet would run as a formula stays text in both formats.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any

from mentorcli import i18n
from mentorcli.i18n import _
from mentorcli.localize import format_percent
from mentorcli.reports.progress import ENDED, PairProgress, Report
from mentorcli.reports.sections import missing_sides, yes_no
from mentorcli.reports.words import Words, severity_word


@dataclasses.dataclass(frozen=True)
class Percent:
    """A percentage given as 0-100 (23.1 means 23.1 %): a percent cell in Excel."""

    value: float


Cell = str | int | float | bool | dt.date | Percent | None


@dataclasses.dataclass(frozen=True)
class Sheet:
    title: str
    headers: list[str]
    rows: list[list[Cell]]


#: Excel's built-in short date (number format 14): each Excel shows it the local way.
DATE_FORMAT = "mm-dd-yy"
PERCENT_FORMAT = "0.0%"
DECIMAL_FORMAT = "0.0#"
_MAX_WIDTH = 60
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def sheet_title(title: str, taken: set[str]) -> str:
    """A legal, unique sheet name: no []:*?/\\, at most 31 characters."""
    base = _BAD_SHEET_CHARS.sub(" ", title).strip(" '") or "Sheet"
    base = base[:31].rstrip()
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)].rstrip() + suffix, n + 1
    taken.add(name.casefold())
    return name


def workbook(sheets: Sequence[Sheet], language: str, stamp: dt.date) -> bytes:
    """The .xlsx bytes of `sheets` (see the module docstring)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    bold = Font(bold=True)
    for sheet in sheets:
        ws = book.create_sheet(sheet_title(sheet.title, taken))
        widths = [len(h) for h in sheet.headers]
        for column, header in enumerate(sheet.headers, start=1):
            cell = ws.cell(row=1, column=column)
            _put(cell, header)
            cell.font = bold
        for r, row in enumerate(sheet.rows, start=2):
            for c, value in enumerate(row, start=1):
                _put(ws.cell(row=r, column=c), value)
                widths[c - 1] = max(widths[c - 1], _shown_width(value))
        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = min(width + 2, _MAX_WIDTH)
        ws.freeze_panes = "A2"
        if sheet.rows:
            ws.auto_filter.ref = ws.dimensions
    moment = dt.datetime(stamp.year, stamp.month, stamp.day)
    book.properties.creator = "mentorcli"
    book.properties.language = language
    book.properties.created = moment
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue(), moment)


def _put(cell: Any, value: Cell) -> None:
    if value is None:
        return
    if isinstance(value, Percent):
        cell.value = value.value / 100
        cell.number_format = PERCENT_FORMAT
    elif isinstance(value, bool):
        cell.value = value
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, float):
        cell.value = value
        cell.number_format = DECIMAL_FORMAT
    elif isinstance(value, int):
        cell.value = value
    else:
        cell.value = _CONTROL.sub("\ufffd", str(value))
        cell.data_type = "s"  # "=HYPERLINK(...)" is a name, not a formula


def _shown_width(value: Cell) -> int:
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, Percent):
        return 6
    return len(str(value)) if value is not None else 0


def _fixed_zip(data: bytes, moment: dt.datetime) -> bytes:
    """The same workbook with every zip time and the document's 'modified' set to `moment`."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)",
                                 rb"\g<1>" + stamp.encode() + rb"\2", content)
            entry = zipfile.ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()


# ------------------------------------------------------------------ CSV for Excel


def separator(language: str) -> tuple[str, str]:
    """(field separator, decimal mark) that Excel expects in `language`."""
    return (";", ",") if language == "fr" else (",", ".")


def excel_csv(headers: Sequence[str], rows: Sequence[Sequence[Cell]], language: str) -> str:
    """CSV for a double-click in Excel (see the module docstring); ISO dates, which every
    Excel reads as dates; empty cells for no value."""
    delimiter, decimal = separator(language)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([_csv_text(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_cell(value, decimal) for value in row])
    return buffer.getvalue()


def _csv_cell(value: Cell, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Percent):
        return _number(value.value, decimal) + "%"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return _number(value, decimal)
    return _csv_text(str(value))


def _number(value: float, decimal: str) -> str:
    return str(value).replace(".", decimal)


def _csv_text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def plain_csv(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """CSV for scripts: comma, dot decimals, ISO dates, LF, no BOM; formulas defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_csv_text(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_cell(value, ".") for value in row])
    return buffer.getvalue()


def table_file(fmt: str, sheet: Sheet, language: str, stamp: dt.date, *,
               excel: bool = False) -> bytes:
    """One table as a file: `csv` (for scripts, or for Excel with `excel`) or `xlsx`."""
    if fmt == "xlsx":
        return workbook([sheet], language, stamp)
    if excel:
        return excel_csv(sheet.headers, sheet.rows, language).encode("utf-8")
    return plain_csv(sheet.headers, sheet.rows).encode("utf-8")


# ------------------------------------------------------------------ the report as sheets

def _pct(value: float | None) -> Percent | None:
    return None if value is None else Percent(value)


def report_sheets(report: Report) -> list[Sheet]:
    """The progress report as typed sheets in the current language: programme, objectives,
    attention, pairs, and the other lists when there is something in them."""
    w = Words()
    p = report.programme
    roles = p.participants_by_role
    mentor, mentee, email, reason = _("Mentor"), _("Mentee"), _("Email"), _("Reason")
    health, days_since = _("Health"), _("Days since")
    rating_mentor, rating_mentee = _("Mentor rating"), _("Mentee rating")
    figures: list[list[Cell]] = [
        [_("Participants"), p.participants],
        [_("Mentors"), roles.get("mentor", 0)],
        [_("Mentees"), roles.get("mentee", 0)],
    ]
    if roles.get("both", 0):
        figures.append([_("Mentors and mentees"), roles["both"]])
    pairs_of = {"proposed": _("Pairs: proposed"), "active": _("Pairs: active"),
                "ended": _("Pairs: ended")}
    figures += [
        [_("Matched mentees"), p.matched_mentees],
        [_("Match rate (matched mentees / mentees)"), _pct(p.match_rate_pct)],
        [_("Mentor capacity"), p.mentor_capacity],
        [_("Mentor use (active pairs / total capacity)"), _pct(p.mentor_use_pct)],
        *([pairs_of.get(s, s), n] for s, n in p.pairs_by_status.items()),
        [_("Active pairs"), p.active_pairs],
        [_("Engaged pairs"), p.engaged_pairs],
        [_("Engagement (active pairs that met in the last 30 days)"), _pct(p.engagement_pct)],
    ]
    if report.period_kind == "month":
        figures += [[_("Meetings in the month"), p.sessions_in_period],
                    [_("Hours in the month"), float(p.hours_in_period)]]
    hundred = format_percent(100, w.language)
    figures += [
        [_("Meetings to date"), p.sessions_to_date],
        [_("Hours to date"), float(p.hours_to_date)],
        [_("Meetings per active pair per month"), p.sessions_per_active_pair_per_month],
        [_("Pair goals"), p.goals],
        [_("Pair goals at {percent}").format(percent=hundred), p.goals_completed],
        [_("Goal completion (pair goals at {percent})").format(percent=hundred),
         _pct(p.goal_completion_pct)],
        [_("Mean satisfaction (1 to 5)"), p.mean_satisfaction],
        [rating_mentor, p.mean_rating_mentor],
        [rating_mentee, p.mean_rating_mentee],
        *([_("Health: {verdict}").format(verdict=w.health(h)), n]
          for h, n in p.health.items()),
    ]
    sheets = [Sheet(_("Programme"), [_("Figure"), _("Value")], figures)]
    if p.objectives:
        sheets.append(Sheet(
            _("Objectives"),
            [_("Objective"), _("Target"), _("Latest result"), _("Unit"), _("Result date"),
             _("Linked pair goals"), _("Mean goal progress")],
            [[o.title, o.target, o.latest_result, o.unit, o.latest_result_date, o.goals,
              _pct(o.mean_goal_progress)] for o in p.objectives]))
    sheets.append(Sheet(_("Attention"), [mentor, mentee, health, reason],
                        [[r.mentor.name, r.mentee.name, w.health(r.health), w.reason(r)]
                         for r in p.attention]))
    month = report.period_kind == "month"
    headers = [mentor, mentee, _("Started"), _("Meetings held"), _("Meetings expected")]
    if month:
        headers.append(_("In the month"))
    headers += [_("Last meeting"), days_since, _("Hours"), _("Goal progress"),
                rating_mentor, rating_mentee, _("Contract signed"), health, reason]
    sheets.append(Sheet(_("Pairs"), headers, [_pair_row(row, w, month) for row in report.pairs]))
    exceptions = [r for r in report.pairs if r.exception is not None]
    if exceptions:
        sheets.append(Sheet(_("By exception"), [mentor, mentee, _("Coordinator's reason")],
                            [[r.mentor.name, r.mentee.name, r.exception or _("reason withheld")]
                             for r in exceptions]))
    if p.unmatched:
        sheets.append(Sheet(_("Without a mentor"), [mentee, email, reason],
                            [[u.mentee.name, u.mentee.email, u.reason or _("reason withheld")]
                             for u in p.unmatched]))
    if p.mentors_without_training:
        sheets.append(Sheet(_("Untrained mentors"), [mentor, email],
                            [[r.name, r.email] for r in p.mentors_without_training]))
    if p.supervision_due:
        sheets.append(Sheet(_("Supervision overdue"),
                            [mentor, _("Last supervision"), days_since],
                            [[d.mentor.name, d.last, d.days] for d in p.supervision_due]))
    if p.concerns_due:
        sheets.append(Sheet(_("Concerns overdue"),
                            [_("Concern"), _("About"), _("Severity"), _("Follow-up"),
                             _("Days late")],
                            [[c.id, " -> ".join(r.name for r in c.about),
                              severity_word(c.severity), c.follow_up, c.days_late]
                             for c in p.concerns_due]))
    if p.contracts_not_signed:
        sheets.append(Sheet(_("Unsigned contracts"), [mentor, mentee, _("Missing signature")],
                            [[c.mentor.name, c.mentee.name, missing_sides(c.missing)]
                             for c in p.contracts_not_signed]))
    return sheets


def _pair_row(row: PairProgress, w: Words, month: bool) -> list[Cell]:
    cells: list[Cell] = [row.mentor.name, row.mentee.name, row.started, row.sessions_held,
                         row.sessions_expected]
    if month:
        cells.append(row.sessions_in_period)
    cells += [row.last_meeting,
              None if row.health == ENDED else row.days_since_last_meeting,
              float(row.hours), _pct(row.mean_goal_progress), row.mean_rating_mentor,
              row.mean_rating_mentee, yes_no(row.contract_signed),
              w.health(row.health), w.reason(row)]
    return cells


def render_xlsx(report: Report) -> bytes:
    """The report as an .xlsx workbook in the current language, dated as of the report."""
    return workbook(report_sheets(report), i18n.language(), report.as_of)

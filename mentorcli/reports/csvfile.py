"""The report as CSV: one row per pair, then one row per mentee left without a mentor (status
`unmatched`, the reason in `reason`), stable English columns and codes, ISO dates, dot
decimals; text that a spreadsheet would run as a formula is defused."""

from __future__ import annotations

import csv
import io
from typing import Any

from mentorcli.reports.progress import PairProgress, Report, UnmatchedMentee

CSV_COLUMNS = (
    "mentor_id", "mentor_name", "mentor_email", "mentee_id", "mentee_name", "mentee_email",
    "status", "started", "ended", "sessions_held", "sessions_expected", "sessions_missing",
    "sessions_in_period", "last_meeting", "days_since_last_meeting", "hours",
    "hours_in_period", "goals", "mean_goal_progress", "mean_rating_mentor",
    "mean_rating_mentee", "contract_signed", "health", "reason",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_text(value: str) -> str:
    """Text a spreadsheet will not run as a formula ('=HYPERLINK(...)' gets a leading ')."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def pair_cells(row: PairProgress) -> list[Any]:
    """One pair's values in the order of CSV_COLUMNS (None for no value)."""
    return [
        row.mentor.id, row.mentor.name, row.mentor.email,
        row.mentee.id, row.mentee.name, row.mentee.email,
        row.status, row.started, row.ended, row.sessions_held, row.sessions_expected,
        row.sessions_missing, row.sessions_in_period, row.last_meeting,
        row.days_since_last_meeting, row.hours, row.hours_in_period, row.goals,
        row.mean_goal_progress, row.mean_rating_mentor, row.mean_rating_mentee,
        "yes" if row.contract_signed else "no", row.health, row.reason,
    ]


def unmatched_cells(row: UnmatchedMentee) -> list[Any]:
    """A mentee without a mentor in the order of CSV_COLUMNS: mentee, status `unmatched`,
    health `unmatched`, the reason."""
    cells: list[Any] = [None] * len(CSV_COLUMNS)
    for name, value in (("mentee_id", row.mentee.id), ("mentee_name", row.mentee.name),
                        ("mentee_email", row.mentee.email), ("status", "unmatched"),
                        ("health", "unmatched"), ("reason", row.reason)):
        cells[CSV_COLUMNS.index(name)] = value
    return cells


def _rows(report: Report) -> list[list[Any]]:
    return ([pair_cells(row) for row in report.pairs]
            + [unmatched_cells(u) for u in report.programme.unmatched])


def render_csv(report: Report) -> str:
    """One row per pair (columns CSV_COLUMNS), for spreadsheets; empty cells for no value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for cells in _rows(report):
        writer.writerow([
            "" if c is None else _csv_text(c) if isinstance(c, str)
            else c.isoformat() if hasattr(c, "isoformat") else c
            for c in cells
        ])
    return buffer.getvalue()


def render_excel_csv(report: Report) -> str:
    """The CSV of `render_csv` for a double-click in Excel in the current language
    (mentorcli.i18n): BOM, and `;` with a decimal comma for French (see
    mentorcli.reports.excel). The columns are CSV_COLUMNS in every language."""
    from mentorcli.i18n import language
    from mentorcli.reports.excel import excel_csv

    return excel_csv(CSV_COLUMNS, _rows(report), language())

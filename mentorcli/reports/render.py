"""Rendering a progress report: the formats and the one dispatcher, `render(report, fmt)`.

Pure functions of a `mentorcli.reports.progress.Report` (except `tables.print_tables`, which
prints through `mentorcli.cli.output`), one module per format:

- `words`: the way of writing values in the current language (`mentorcli.localize`) and the
  verdicts in words (every word comes from the catalogs, `mentorcli.i18n`);
- `sections`: the report as titled tables of text (shared by table, Markdown and HTML);
- `tables` (table on a terminal or as plain text), `markdown`, `htmlpage` + `charts` (SVG);
- `data` (JSON) and `csvfile` (CSV): stable English keys and codes, ISO dates, dot decimals;
- `excel`: an .xlsx workbook (typed cells, one sheet per table) and CSV for Excel's locale;
- `anonymize`: stable pseudonyms instead of people.

Human formats speak the current language (`mentorcli.i18n.language()`: --lang, MENTORCLI_LANG,
the cohort's language, the locale) and write dates, numbers and percentages like the contracts
("26 novembre 2026", "23,1 %"); JSON and CSV keep their English keys, codes and columns in
every language. User data is escaped for each format (HTML entities, Markdown punctuation,
spreadsheet formulas). Session notes are not in a `Report`, so no
format can show them.
"""

from __future__ import annotations

from pathlib import Path

from mentorcli.reports.anonymize import anonymize, pseudonym_token
from mentorcli.reports.csvfile import CSV_COLUMNS, render_csv, render_excel_csv
from mentorcli.reports.data import JSON_FORMAT, JSON_FORMAT_VERSION, render_json, report_data
from mentorcli.reports.htmlpage import render_html
from mentorcli.reports.markdown import render_markdown
from mentorcli.reports.progress import Report
from mentorcli.reports.sections import sections
from mentorcli.reports.tables import print_tables, render_table_text, terminal_widths

__all__ = [
    "CSV_COLUMNS", "FILE_FORMATS", "FORMATS", "JSON_FORMAT", "JSON_FORMAT_VERSION", "anonymize",
    "print_tables", "pseudonym_token", "render", "render_bytes", "render_csv", "render_excel_csv",
    "render_html", "render_json", "render_markdown", "render_table_text", "report_data",
    "sections", "terminal_widths",
]

FORMATS = ("table", "markdown", "csv", "json", "html")
#: Every format `render_bytes` writes (xlsx is binary: a file, never a terminal).
FILE_FORMATS = (*FORMATS, "xlsx")


def render(report: Report, fmt: str) -> str:
    """The report as text in `fmt` (table = plain tabulate text, for files)."""
    if fmt == "json":
        return render_json(report)
    if fmt == "csv":
        return render_csv(report)
    if fmt == "markdown":
        return render_markdown(report)
    if fmt == "html":
        return render_html(report)
    if fmt == "table":
        return render_table_text(report)
    raise ValueError(f"unknown format {fmt!r}")


def render_bytes(report: Report, fmt: str, *, excel: bool = False,
                 template: Path | None = None) -> bytes:
    """The report as the bytes of a file in `fmt` (any of FILE_FORMATS); `excel` makes the CSV
    open right by a double-click in Excel in the current language (BOM, `;` in French);
    `template` replaces the shipped HTML template."""
    if fmt == "html" and template is not None:
        return render_html(report, template).encode("utf-8")
    if fmt == "xlsx":
        from mentorcli.reports.excel import render_xlsx

        return render_xlsx(report)
    if fmt == "csv" and excel:
        return render_excel_csv(report).encode("utf-8")
    return render(report, fmt).encode("utf-8")

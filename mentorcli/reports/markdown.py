"""The report as Markdown: user text escaped so that it shows as written."""

from __future__ import annotations

from collections.abc import Sequence

from mentorcli.documents.contracts import escape_markdown
from mentorcli.i18n import _
from mentorcli.reports.progress import Report
from mentorcli.reports.sections import footer_lines, header_line, report_title, sections
from mentorcli.reports.words import Words


def md_escape(text: str) -> str:
    """Line text that Markdown shows as written (no heading, list, link or emphasis)."""
    return escape_markdown(str(text))


def md_cell(text: str) -> str:
    """Table-cell text that Markdown shows as written, without breaking the table."""
    return escape_markdown(str(text), line_start=False)


def _md_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(md_cell(h) for h in headers) + " |",
             "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return lines


def render_markdown(report: Report) -> str:
    w = Words()
    lines = [f"# {md_escape(report_title(report))}", "", md_escape(header_line(report, w)), ""]
    for title, headers, rows in sections(report):
        lines += [f"## {md_escape(title)}", ""]
        lines += _md_table(headers, rows) if rows else [_("Nothing to report.")]
        lines.append("")
    lines += [md_escape(line) for line in footer_lines(report)]
    return "\n".join(lines) + "\n"

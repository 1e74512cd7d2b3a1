"""The table format: rich tables on a terminal (rows become blocks when a table cannot fit
without cutting words), plain tabulate text when piped or written to a file."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mentorcli.i18n import _
from mentorcli.reports.progress import Report
from mentorcli.reports.sections import footer_lines, header_line, report_title, sections
from mentorcli.reports.words import Words


def print_tables(report: Report) -> None:
    """The report on stdout: rich tables on a terminal (through the pager when longer than the
    screen), the plain text of `render_table_text` (tabulate) when piped or redirected."""
    import sys

    from mentorcli.cli.output import styled

    if not styled(sys.stdout):
        sys.stdout.write(render_table_text(report))
        return
    from rich.text import Text

    from mentorcli.cli.output import show_console

    w = Words()

    def draw(console: Any) -> None:
        console.print(Text(report_title(report), style="bold"))
        console.print(Text(header_line(report, w)))
        for title, headers, rows in sections(report):
            console.print()
            console.print(Text(title, style="bold"))
            if not rows:
                console.print(Text(_("Nothing to report.")))
            else:
                _print_rich_section(console, headers, rows, w)
        console.print()
        for line in footer_lines(report):
            console.print(Text(line))

    show_console(draw)  # through the pager when longer than the terminal


#: On a terminal, a column whose values are all this short keeps them on one line.
_SHORT_CELL = 16
#: Columns of longer text (names, reasons) are wrapped, but never narrower than this.
_MIN_TEXT_WIDTH = 16
#: Space between two columns of a terminal table (padding and separator).
_GUTTER = 3


def terminal_widths(headers: Sequence[str], rows: Sequence[Sequence[str]],
                    width: int) -> list[int] | None:
    """Column widths for a table on a terminal `width` characters wide, or None when the
    table cannot fit without cutting words.

    A column of short values gets its longest value (or its longest header word: the header
    wraps); the columns of longer text share what is left, each up to its longest value,
    none under `_MIN_TEXT_WIDTH` or its longest word.
    """
    fixed: list[int | None] = []
    natural: dict[int, int] = {}
    floor: dict[int, int] = {}
    for column, header in enumerate(headers):
        cells = [row[column] for row in rows]
        longest = max(len(cell) for cell in cells)
        word = max(len(part) for text in (header, *cells) for part in text.split() or [""])
        if longest <= _SHORT_CELL:
            fixed.append(max(longest, word))
        else:
            fixed.append(None)
            natural[column] = max(longest, len(header))
            floor[column] = max(_MIN_TEXT_WIDTH, word)
    room = width - sum(w for w in fixed if w is not None) - _GUTTER * (len(headers) - 1)
    shares: dict[int, int] = {}
    waiting = sorted(natural, key=lambda c: natural[c])
    while waiting:  # the narrowest first: what they leave goes to the others
        column = waiting.pop(0)
        share = min(natural[column], room // (len(waiting) + 1))
        if share < floor[column]:
            return None
        shares[column] = share
        room -= share
    return [w if w is not None else shares[c] for c, w in enumerate(fixed)]


def _print_rich_section(console: Any, headers: Sequence[str], rows: Sequence[Sequence[str]],
                        w: Words) -> None:
    """One table on a terminal. When it cannot fit the terminal without cutting words, each
    row becomes a block instead: the first two cells as a heading, then 'header: value'
    pairs wrapped to the width."""
    from rich import box
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    widths = terminal_widths(headers, rows, console.width)
    if widths is not None:
        table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False,
                      show_edge=False)
        for header, width in zip(headers, widths, strict=True):
            table.add_column(header, width=width, overflow="fold")
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
        console.print(table)
        return
    for row in rows:
        console.print(Text(" · ".join(cell for cell in row[:2] if cell), style="bold"))
        details = " · ".join(f"{header}{w.colon}{cell}"
                             for header, cell in zip(headers[2:], row[2:], strict=True))
        console.print(Padding(Text(details), (0, 0, 0, 2)))


def render_table_text(report: Report) -> str:
    """The table format as plain text (piped, or --output): tabulate tables, no colour."""
    from tabulate import tabulate

    w = Words()
    parts = [report_title(report), header_line(report, w), ""]
    for title, headers, rows in sections(report):
        body = tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True) \
            if rows else _("Nothing to report.")
        parts += [title, body, ""]
    parts += footer_lines(report)
    return "\n".join(parts) + "\n"

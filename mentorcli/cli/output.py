"""Rendering for people and for pipes: colour and rich tables only on a terminal.

Consoles are made in functions, never at import, so NO_COLOR and redirections are read at
the moment of printing. User data is printed with markup off: a name like "[contractor] Bob"
must keep its brackets.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Sequence
from typing import IO, Any


def is_terminal(stream: IO[str] | None = None) -> bool:
    """True when `stream` (stdout by default) is an interactive terminal."""
    stream = stream if stream is not None else sys.stdout
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def use_color(stream: IO[str] | None = None) -> bool:
    """Colour only on a terminal, never when NO_COLOR is set (any value), never for TERM=dumb."""
    if "NO_COLOR" in os.environ:
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


def make_console(stderr: bool = False) -> Any:
    """A rich Console for stdout (or stderr) honouring the rules above."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    color = use_color(stream)
    return Console(
        file=stream,
        stderr=stderr,
        no_color=not color,
        color_system="auto" if color else None,
        force_terminal=color,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=not is_terminal(stream),
    )


def print_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    title: str | None = None,
) -> None:
    """A rich table on a terminal, a plain tabulate table when piped. Cells are data, not markup."""
    cells = [["" if c is None else str(c) for c in row] for row in rows]
    align = [_alignment([row[i] for row in cells if i < len(row)]) for i in range(len(headers))]
    if is_terminal(sys.stdout):
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title, show_lines=False, header_style="bold")
        for header, justify in zip(headers, align, strict=True):
            table.add_column(header, justify=justify)
        for row in cells:
            table.add_row(*(Text(c) for c in row))
        make_console().print(table)
        return
    from tabulate import tabulate

    if title:
        sys.stdout.write(title + "\n")
    # numbers stay as written ("002341" keeps its zeros); numeric columns align right
    sys.stdout.write(tabulate(cells, headers=list(headers), tablefmt="simple",
                              disable_numparse=True, colalign=align) + "\n")


_NUMBER = re.compile(r"^[-+]?\d+(?:[.,]\d+)?\s?%?$")


def _alignment(column: Sequence[str]) -> str:
    """"right" for a column of numbers, else "left"."""
    filled = [cell for cell in column if cell]
    return "right" if filled and all(_NUMBER.match(cell) for cell in filled) else "left"


def to_json(data: Any) -> str:
    """Stable JSON for scripts: sorted keys only where dicts are unordered by nature, dates ISO."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)


def _json_default(value: Any) -> Any:
    import datetime as dt

    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: Any) -> None:
    """Write `data` as JSON on stdout."""
    sys.stdout.write(to_json(data) + "\n")


def say(message: str) -> None:
    """A message for the person (not data): stderr, plain text."""
    sys.stderr.write(message + "\n")

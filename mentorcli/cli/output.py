"""Rendering for people and for pipes: colour and rich tables only on a terminal.

Consoles are made in functions, never at import, so NO_COLOR and redirections are read at
the moment of printing. User data is printed with markup off: a name like "[contractor] Bob"
must keep its brackets.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from typing import IO, Any

from mentorcli import runtime


def is_terminal(stream: IO[str] | None = None) -> bool:
    """True when `stream` (stdout by default) is an interactive terminal."""
    stream = stream if stream is not None else runtime.stdout()
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def use_color(stream: IO[str] | None = None) -> bool:
    """Colour on a terminal; never when NO_COLOR is set to a value (an empty NO_COLOR does not
    count, as no-color.org says), nor for TERM=dumb; always when FORCE_COLOR is set to a
    value (force-color.org), even into a pipe. NO_COLOR wins over FORCE_COLOR."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


def styled(stream: IO[str] | None = None) -> bool:
    """Rich output (tables, colour): on a terminal, or into a pipe when FORCE_COLOR asks for
    it (and NO_COLOR does not forbid it)."""
    forced = bool(os.environ.get("FORCE_COLOR")) and not os.environ.get("NO_COLOR")
    return forced or is_terminal(stream if stream is not None else runtime.stdout())


def make_console(stderr: bool = False) -> Any:
    """A rich Console for stdout (or stderr) honouring the rules above."""
    from rich.console import Console

    stream = runtime.stderr() if stderr else runtime.stdout()
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
    from mentorcli.text_safety import escape_controls

    cells = [["" if c is None else escape_controls(str(c)) for c in row] for row in rows]
    align = [_alignment([row[i] for row in cells if i < len(row)]) for i in range(len(headers))]
    if styled(runtime.stdout()):
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title, show_lines=False, header_style="bold")
        for header, justify in zip(headers, align, strict=True):
            table.add_column(header, justify=justify)
        for row in cells:
            table.add_row(*(Text(c) for c in row))
        show_console(lambda console: console.print(table))  # a long table through the pager
        return
    from tabulate import tabulate

    if title:
        runtime.stdout().write(title + "\n")
    # numbers stay as written ("002341" keeps its zeros); numeric columns align right
    runtime.stdout().write(tabulate(cells, headers=list(headers), tablefmt="simple",
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
    runtime.stdout().write(to_json(data) + "\n")


#: Set by the global --quiet option: `say` then keeps still (errors and data still show).
QUIET = False


def say(message: str) -> None:
    """A message for the person (not data): stderr, plain text; nothing with --quiet."""
    if not QUIET:
        from mentorcli.text_safety import escape_controls

        runtime.stderr().write(escape_controls(message) + "\n")


# ------------------------------------------------------------------ files and "-"


def is_dash(path: Any) -> bool:
    """True for the conventional `-` (stdin or stdout)."""
    return path is not None and str(path) == "-"


def write_output(path: Any, data: bytes) -> str:
    """Write `data` where `--output` says: `-` or None is stdout; a device, a pipe or a
    symlink to one (/dev/stdout) is written through; a symlink to a file keeps the link and
    its target is replaced atomically; anything else is replaced atomically. Returns where it
    went ("" for stdout)."""
    from pathlib import Path

    from mentorcli.store.files import atomic_write_bytes

    if path is None or is_dash(path):
        runtime.stdout().flush()
        out = getattr(runtime.stdout(), "buffer", None)
        if out is None:  # a text-only stream (some test harnesses)
            runtime.stdout().write(data.decode("utf-8", "surrogateescape"))
        else:
            out.write(data)
            out.flush()
        return ""
    target = Path(path)
    if _writes_through(target):
        with open(target, "ab") as handle:  # /dev/stdout (maybe `>> file`), a pipe, /dev/null
            handle.write(data)
        return str(path)
    atomic_write_bytes(target.resolve() if target.is_symlink() else target, data)
    return str(path)


def _writes_through(target: Any) -> bool:
    """True for what must be opened and written, not replaced: a device or a pipe, or a path
    that is or links to /dev/... or /proc/... (/dev/stdout redirected to a file is the
    caller's open file: replacing it would lose `>>`)."""
    from pathlib import Path

    if target.exists() and not target.is_file() and not target.is_dir():
        return True
    hop: Any = target
    for _ in range(40):
        if str(hop.absolute()).startswith(("/dev/", "/proc/")):
            return True
        if not hop.is_symlink():
            return False
        hop = hop.parent / Path(os.readlink(hop))
    return False


def export_table(fmt: str, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]],
                 language: str, *, excel: bool = False) -> None:
    """One table on stdout as `csv` (for scripts; for Excel with `excel`) or `xlsx`, which is
    refused on a terminal (binary): `> FILE.xlsx`."""
    import datetime as dt

    from mentorcli.errors import UsageError
    from mentorcli.i18n import _
    from mentorcli.reports.excel import Sheet, table_file

    if fmt == "xlsx" and is_terminal(runtime.stdout()):
        raise UsageError(_("--format xlsx writes a binary file: redirect it, "
                           "e.g. `> scores.xlsx`"))
    sheet = Sheet(title, list(headers), [list(row) for row in rows])
    write_output(None, table_file(fmt, sheet, language, dt.date(1980, 1, 1), excel=excel))


# ------------------------------------------------------------------ pager


def pager_command() -> str | None:
    """The pager for long output on a terminal, as git does: MENTORCLI_PAGER, else PAGER,
    else `less`; none when set to "" or "cat", or when stdout is not a terminal."""
    if not is_terminal(runtime.stdout()):
        return None
    command = os.environ.get("MENTORCLI_PAGER", os.environ.get("PAGER", "less"))
    return None if command.strip() in ("", "cat") else command


def show(text: str) -> None:
    """`text` on stdout, through the pager when it is longer than the terminal."""
    import shutil

    command = pager_command()
    if command is None or text.count("\n") < shutil.get_terminal_size().lines - 1:
        runtime.stdout().write(text)
        return
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # as git: quit if one screen, keep colours, no clearing
    env.setdefault("LV", "-c")
    runtime.stdout().flush()
    try:
        done = subprocess.run(command, shell=True, input=text.encode("utf-8"), env=env,
                              check=False, stderr=subprocess.DEVNULL)
    except OSError:
        done = None
    if done is None or done.returncode in (126, 127):  # no such pager: print it ourselves
        runtime.stdout().write(text)


def show_console(draw: Any) -> None:
    """Call `draw(console)` on a console for stdout and show what it drew (see `show`)."""
    console = make_console()
    if pager_command() is None:
        draw(console)
        return
    with console.capture() as captured:
        draw(console)
    show(captured.get())


# ------------------------------------------------------------------ progress


def working(message: str) -> Any:
    """A context in which long work shows a spinner and the elapsed time on stderr, only on a
    terminal and not with --quiet (nothing under a pipe or cron)."""
    import contextlib

    if QUIET or not is_terminal(runtime.stderr()) or os.environ.get("TERM") == "dumb":
        return contextlib.nullcontext()
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                        console=make_console(stderr=True), transient=True)
    progress.add_task(message, total=None)
    return progress

"""The one place that knows the world outside the data: today's date, the output streams
and whether a person is at the keyboard.

Commands ask here instead of calling `datetime.date.today()` or `sys.stdin.isatty()`, so a
test (or a reproducible run) can fix them without patching any private name:

    with runtime.fixed(today=dt.date(2026, 3, 1), interactive=True):
        run(["forget", path, "amartin"])

or, from outside the process, `MENTORCLI_TODAY=2026-03-01 mentorcli report cohort.yaml`.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import os
import sys
from collections.abc import Iterator
from typing import TextIO

TODAY_VARIABLE = "MENTORCLI_TODAY"

_today: contextvars.ContextVar[dt.date | None] = contextvars.ContextVar("today", default=None)
_interactive: contextvars.ContextVar[bool | None] = contextvars.ContextVar("interactive",
                                                                           default=None)
_stdout: contextvars.ContextVar[TextIO | None] = contextvars.ContextVar("stdout", default=None)
_stderr: contextvars.ContextVar[TextIO | None] = contextvars.ContextVar("stderr", default=None)


def today() -> dt.date:
    """Today: the fixed day if any (`fixed`, then $MENTORCLI_TODAY), else the system's."""
    fixed_day = _today.get()
    if fixed_day is not None:
        return fixed_day
    text = os.environ.get(TODAY_VARIABLE, "").strip()
    if text:
        from mentorcli.dates import parse_date

        return parse_date(text, f"${TODAY_VARIABLE}")
    return dt.date.today()


def stdin_is_terminal() -> bool:
    """Whether a person can answer a question on stdin."""
    fixed_answer = _interactive.get()
    if fixed_answer is not None:
        return fixed_answer
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def stdout() -> TextIO:
    """Where data goes: the fixed stream if any, else sys.stdout as it is now (CliRunner
    and redirections replace it)."""
    return _stdout.get() or sys.stdout


def stderr() -> TextIO:
    """Where messages for people go."""
    return _stderr.get() or sys.stderr


@contextlib.contextmanager
def fixed(*, today: dt.date | None = None, interactive: bool | None = None,
          stdout: TextIO | None = None, stderr: TextIO | None = None) -> Iterator[None]:
    """Fix today's date, whether stdin is a terminal, and the output streams inside the
    block (what is not given stays as it is)."""
    tokens: list[tuple[contextvars.ContextVar, contextvars.Token]] = []  # type: ignore[type-arg]
    for var, value in ((_today, today), (_interactive, interactive), (_stdout, stdout),
                       (_stderr, stderr)):
        if value is not None:
            tokens.append((var, var.set(value)))  # type: ignore[arg-type]
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)

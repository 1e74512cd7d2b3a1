"""Output rules, as a terminal and as a pipe: colour only on a terminal, NO_COLOR honoured,
user data is never read as markup."""

from __future__ import annotations

import os
import subprocess
import sys

from terminal import run_on_terminal

SCRIPT = (
    "from mentorcli.cli.output import print_table\n"
    "print_table(['name', 'role'], [['[contractor] Bob', 'mentor'], ['Zoé & <Ana>', None]],"
    " title='People')\n"
)


def shown_on_terminal(env: dict[str, str]) -> str:
    """What SCRIPT prints with its stdout on a pseudo-terminal."""
    return run_on_terminal([sys.executable, "-c", SCRIPT], env)


def base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    env.update(TERM="xterm-256color", COLUMNS="80")
    return env


def test_piped_output_is_a_plain_table_without_escape_codes():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            env=base_env(), timeout=60)
    assert result.stdout == (
        "People\n"
        "name              role\n"
        "----------------  ------\n"
        "[contractor] Bob  mentor\n"
        "Zoé & <Ana>\n"
    )
    assert "\x1b" not in result.stdout


def test_terminal_gets_a_rich_table_with_colour():
    shown = shown_on_terminal(base_env())
    assert "\x1b[" in shown
    assert "[contractor] Bob" in shown  # not eaten as markup
    assert "┃" in shown or "│" in shown


def test_no_color_on_a_terminal_keeps_the_table_and_drops_the_colour():
    shown = shown_on_terminal({**base_env(), "NO_COLOR": "1"})
    assert "\x1b[" not in shown
    assert "[contractor] Bob" in shown

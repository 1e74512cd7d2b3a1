"""Output rules, as a terminal and as a pipe: colour only on a terminal, NO_COLOR honoured,
user data is never read as markup."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

SCRIPT = (
    "from mentorcli.output import print_table\n"
    "print_table(['name', 'role'], [['[contractor] Bob', 'mentor'], ['Zoé & <Ana>', None]],"
    " title='People')\n"
)


def run_on_terminal(env: dict[str, str]) -> str:
    """Run SCRIPT with stdout on a pseudo-terminal; return what it printed."""
    main, secondary = pty.openpty()
    process = subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=secondary,
                               stderr=subprocess.PIPE, env=env)
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(main, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode("utf-8")


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
    shown = run_on_terminal(base_env())
    assert "\x1b[" in shown
    assert "[contractor] Bob" in shown  # not eaten as markup
    assert "┃" in shown or "│" in shown


def test_no_color_on_a_terminal_keeps_the_table_and_drops_the_colour():
    shown = run_on_terminal({**base_env(), "NO_COLOR": "1"})
    assert "\x1b[" not in shown
    assert "[contractor] Bob" in shown

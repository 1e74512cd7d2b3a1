"""Running a command with its stdout on a pseudo-terminal, as a person at a terminal sees it."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import termios
from collections.abc import Sequence


def run_on_terminal(argv: Sequence[str], env: dict[str, str], columns: int = 80) -> str:
    """What `argv` prints on a `columns`-wide pseudo-terminal (stdin and stdout on it).

    The command must succeed; CRLF from the terminal driver comes back as LF.
    """
    env = {"MENTORCLI_PAGER": "", **env}  # no pager unless a test asks for one
    main, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 60, columns, 0, 0))
    process = subprocess.Popen(list(argv), stdin=secondary, stdout=secondary,
                               stderr=subprocess.PIPE, env=env)
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the other side closed
            break
        if not data:
            break
        chunks.append(data)
    assert process.wait(timeout=60) == 0, process.stderr.read() if process.stderr else ""
    os.close(main)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")

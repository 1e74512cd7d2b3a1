"""The one error type of mentorcli, and the exit codes the CLI turns errors into.

Core modules raise these; only the CLI layer (`mentorcli.cli.app`) turns them into a
message on stderr and an exit code.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path


class ExitCode(enum.IntEnum):
    """Exit codes, documented in the README."""

    OK = 0
    FOUND = 1  # ran, and found what the user asked to fail on (e.g. --fail-on at-risk)
    BAD_INPUT = 2  # bad input or usage; nothing was written
    BUG = 3  # an unexpected internal error
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it; nothing was written
    BROKEN_PIPE = 141  # the reader of the output went away (128 + SIGPIPE), as `cat` gives


@dataclass(frozen=True)
class Finding:
    """One problem in an input file, placed at a line and column when known."""

    file: str
    line: int | None
    column: int | None
    path: str
    message: str
    severity: str = "error"  # "error" or "warning"

    def render(self) -> str:
        """`FILE:LINE:COL: path: message`, the one-line form used on stderr."""
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        from mentorcli.i18n import _
        from mentorcli.text_safety import escape_controls

        prefix = "" if self.severity == "error" else _("warning: ")
        where = f"{self.path}: " if self.path else ""

        return escape_controls(f"{place}: {prefix}{where}{self.message}", one_line=True)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "severity": self.severity,
            "message": self.message,
        }


class MentorcliError(Exception):
    """Base of every error a user can cause. Carries its exit code."""

    exit_code = ExitCode.BAD_INPUT

    def lines(self) -> list[str]:
        """The message lines to print on stderr."""
        return [str(self)]


class UsageError(MentorcliError):
    """A command was called with arguments that cannot work (unknown pair, bad date...)."""


class InputFileError(MentorcliError):
    """A file cannot be read at all: missing, a directory, unreadable, not UTF-8..."""

    def __init__(self, path: str | Path, message: str, line: int | None = None,
                 column: int | None = None) -> None:
        self.finding = Finding(str(path), line, column, "", message)
        super().__init__(self.finding.render())


class InvalidCohortError(MentorcliError):
    """A cohort file was read but breaks the format: one or more findings."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = [f for f in findings if f.severity == "error"]
        self.warnings = [f for f in findings if f.severity != "error"]
        super().__init__("\n".join(f.render() for f in self.findings))

    def lines(self) -> list[str]:
        return [f.render() for f in self.findings]


class TemplateError(MentorcliError):
    """A contract or report template failed to render."""

"""Appending entries to a top-level list of the cohort file (made when missing), and the
error of an import with bad rows.

`edits.Append` needs the list to exist in the file (the transaction does not make it yet);
a list the file does not have (or has empty: `responses:`) is set whole instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mentorcli.errors import UsageError
from mentorcli.store import edits as E


class RowProblems(UsageError):
    """Every bad row of an import, one line each, then what happened (nothing written)."""

    def __init__(self, problems: Sequence[str], summary: str) -> None:
        self.problems = [*problems, summary]
        super().__init__("\n".join(self.problems))

    def lines(self) -> list[str]:
        return list(self.problems)


def append_entries(existing: Sequence[Any], key: str, items: Sequence[Any]) -> list[E.Edit]:
    """Edits adding `items` at the end of the top-level list `key` (now `existing`)."""
    if not items:
        return []
    if existing:
        return [E.Append((key,), item) for item in items]
    return [E.Set((), key, list(items))]

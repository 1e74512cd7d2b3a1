"""Edits applied as text patches on the original text of a cohort file.

Filled in by the transaction work; returns None for any layout it cannot place, and the
transaction then falls back to a ruamel round trip.
"""

from __future__ import annotations

from typing import Any


def patch_text(text: str, data: Any, edits: list[Any]) -> str | None:
    """`text` with `edits` applied, or None when a layout cannot be patched as text."""
    return None

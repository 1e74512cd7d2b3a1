"""The one date parser of mentorcli's options: YYYY-MM-DD, nothing else. Pure.

Every option that takes a day (`--date`, `--due`, `--start`, `--as-of`, `--before`) reads it
here, so they all accept and refuse the same texts: `2026-01-15` is a date, `20260115`,
`15/01/2026` and `2026-W03-4` are not (they are easy to misread). Spreadsheet cells are
another matter: `mentorcli.importing` reads French and English spreadsheet dates itself.
"""

from __future__ import annotations

import datetime as dt
import re

from mentorcli.errors import UsageError
from mentorcli.i18n import _

EXAMPLE = "2026-02-03"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str | dt.date, what: str = "date", *, timestamps: bool = False
               ) -> dt.date:
    """The day `text` names as YYYY-MM-DD; UsageError naming `what` otherwise.

    With `timestamps`, the date part of a timestamp (`2026-02-03T10:00`, `2026-02-03 10:00`)
    is accepted too: check-in files exported by form tools write them.
    """
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    value = str(text).strip()
    candidate = value
    if timestamps and len(value) > 10 and value[10:11] in ("T", " "):
        candidate = value[:10]
    if _ISO_DAY.fullmatch(candidate):
        try:
            return dt.date.fromisoformat(candidate)
        except ValueError:
            pass
    raise UsageError(_("{what} {value}: expected a date like {example} (YYYY-MM-DD)").format(
        what=what, value=_quote(value), example=EXAMPLE))


def parse_optional(text: str | None, what: str) -> dt.date | None:
    """`parse_date` for an option that may be left out."""
    return None if text is None else parse_date(text, what)


def _quote(value: str, limit: int = 40) -> str:
    """Python's quoting of `value` (controls escaped), in the language's quotation marks."""
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    shown = repr(value)
    return _("'{value}'").format(value=shown[1:-1]) if shown.startswith("'") else shown

"""Free-word tags (skills, goals, languages) compared the way a coordinator reads them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[\s_\-]+")


def normalize_tag(tag: str) -> str:
    """The comparison key of a tag: case-folded, accents removed, spaces/'-'/'_' alike.

    >>> normalize_tag("Prise de parole") == normalize_tag("prise-de-parole")
    True
    """
    decomposed = unicodedata.normalize("NFKD", str(tag))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", stripped.casefold()).strip()


def tag_set(tags: Iterable[str]) -> frozenset[str]:
    """The set of comparison keys of several tags."""
    return frozenset(normalize_tag(t) for t in tags)

"""The one slugifier: text -> lower-case a-z, 0-9 and '-'. Pure.

Used for the ids `import` makes from an email and the cohort id `init` makes from a file
name. Accents are dropped and letters that Unicode does not decompose are spelled out:
"Łukasz Øster" -> "lukasz-oster", "Mentorat-Été-2026" -> "mentorat-ete-2026".
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD leaves whole, and what a reader expects instead.
_NOT_DECOMPOSED = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l",
                                  "đ": "d", "ð": "d", "þ": "th", "ı": "i"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, fallback: str = "") -> str:
    """`text` as a slug; `fallback` when nothing is left (`"---"`, `"李"`)."""
    folded = unicodedata.normalize("NFKD", str(text).casefold().translate(_NOT_DECOMPOSED))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _NOT_SLUG.sub("-", plain).strip("-") or fallback

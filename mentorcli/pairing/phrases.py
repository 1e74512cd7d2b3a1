"""How pairing fills its sentences: numbers, plurals, dates, lists of ids, clauses, and French
elision, in the language mentorcli speaks now (`mentorcli.i18n.language()`).

The sentences themselves are in the modules that say them, inside `_()` / `ngettext` (the
French is in the catalog). What the file itself says (`role: mentee`, `reporting_line:
forbid`, rule codes, ids, tags) is quoted as written, whatever the language.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from mentorcli import i18n
from mentorcli.i18n import _, ngettext
from mentorcli.localize import NBSP, format_date, format_fixed, is_plural, semicolon

#: `de`, `le`, `que` right before a value filled in: French elides them before a vowel or a
#: mute h (`les places d’asroux-mercier`, `l’ingénierie`, `qu’Hélène`).
_ELIDED = re.compile(r"\b([DdLl]e|[Qq]ue) \{(\w+)\}")
#: A value that starts with a vowel sound: a vowel, h before a vowel (taken as mute: most
#: French names and words with h are), y before a consonant (Yves).
_VOWEL_SOUND = re.compile(r"(?:[aeiouàâäéèêëîïôöûüùœæ]|h[aeiouyàâäéèêëîïôöûüù]|y[^aeiouy\W])",
                          re.IGNORECASE)


def elide(template: str, values: dict[str, Any]) -> str:
    """French elision in `template` (a translated sentence, before `.format`): `de {x}`
    becomes `d’{x}` when the value of x starts with a vowel sound; likewise `le`, `que`."""
    def one(match: re.Match[str]) -> str:
        word, name = match.group(1), match.group(2)
        if _VOWEL_SOUND.match(str(values.get(name, ""))):
            return f"{word[:-1]}’{{{name}}}"
        return match.group(0)

    return _ELIDED.sub(one, template)


def fill(template: str, **values: Any) -> str:
    """A sentence of the catalog, already translated by `_()`, with `values` filled in.

    French: `de` / `le` / `que` before a value elide (see `elide`), and the `h` of hours
    keeps to its number (`8 h`, a no-break space)."""
    if ("e {" in template or "} h " in template) and i18n.language() == "fr":
        template = elide(template, values).replace("} h ", "}" + NBSP + "h ")
    return template.format(**values)


T = TypeVar("T")


def cohort_words(code: str | None) -> str:
    """The language a cohort's own texts are written in (the `why` of its pairs): its
    `cohort.language` when mentorcli has a catalog for it, else English."""
    code = i18n.normalize(code) if isinstance(code, str) else None
    return code if code in i18n.available_languages() else i18n.ENGLISH


def speaking(code: str, function: Callable[[], T]) -> T:
    """`function()` with its sentences in the language `code`, whatever `--lang` or
    MENTORCLI_LANG say (for the texts written into the cohort file: its language)."""
    def run() -> T:
        i18n.set_cli_language(code)  # only in the copied context: gone when run returns
        return function()

    return contextvars.copy_context().run(run)


def plural_count(count: float) -> int:
    """The integer that picks the singular or the plural of `count` for `ngettext`: French
    says `1,5 an` but `2 ans` (singular below 2), English `1.5 years`."""
    return 2 if is_plural(count, i18n.language()) else 1


class Words:
    """The small words of pairing's sentences in the current language: numbers, years,
    dates, lists of ids, clauses. Kept as `RuleContext.words` (validate and approve join the
    hard rules of a pair with `ctx.words.join`)."""

    @property
    def language(self) -> str:
        """The language of the words: mentorcli's language now."""
        return i18n.language()

    def number(self, value: float) -> str:
        """0.5 -> '0.5' / '0,5'."""
        return i18n.number(value, 2)

    def fixed(self, value: float, spec: str = ".2f") -> str:
        """A table cell: 0.5 -> '0.50' / '0,50'."""
        return format_fixed(value, spec, i18n.language())

    def years(self, value: float) -> str:
        """'1 year', '2.5 years' / '1 an', '2,5 ans' (the size of a gap: no sign)."""
        size = abs(value)
        return ngettext("{n} year", "{n} years", plural_count(size)).format(
            n=i18n.number(size, 2))

    def date(self, day: dt.date) -> str:
        """A date in a reason: ISO in English (as the file writes it), in words otherwise."""
        language = i18n.language()
        return day.isoformat() if language == i18n.ENGLISH else format_date(day, language)

    def join(self, parts: Iterable[str]) -> str:
        """Clauses joined by the language's semicolon."""
        return semicolon(i18n.language()).join(parts)

    def ids(self, ids: Sequence[str], limit: int = 6) -> str:
        """'a, b, c' or 'a, b and 4 more' / 'a, b et 4 autres'."""
        shown = ", ".join(ids[:limit])
        if len(ids) <= limit:
            return shown
        more = len(ids) - limit
        return ngettext("{ids} and {n} more", "{ids} and {n} more", more).format(
            ids=shown, n=more)

    def either(self, words: Iterable[str]) -> str:
        """'en or de' / 'en ou de'."""
        return _(" or ").join(words)

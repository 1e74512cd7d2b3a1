"""Which language mentorcli speaks, and its sentences in that language (gettext catalogs).

Every sentence a user reads is written in English in the code, inside `_()` (or `ngettext`
for a sentence with a count), and translated from the compiled catalog
`mentorcli/locale/<lang>/LC_MESSAGES/mentorcli.mo` (docs/languages.md: how to add a language
and the Babel commands). English needs no catalog: the sentence in the code is the English
text, byte for byte, and no catalog is opened.

The language, first found wins:

1. `--lang` (the CLI sets it with `set_cli_language`);
2. the environment variable `MENTORCLI_LANG`;
3. the cohort's `language`, for everything about that cohort (`set_cohort_language` once a
   command has read its cohort; `cohort_language(...)` for the duration of one file's checks);
4. the locale: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set (`fr_FR.UTF-8` is
   French; `C` and `POSIX` are English).

A language with no catalog (MENTORCLI_LANG=de, LANG=de_DE.UTF-8) is English; `--lang` with
one is refused by the CLI (`check_language`).

Sentences are translated when they are made (an error's message when it is raised), so the
language must be set before: the CLI sets `--lang` before any command runs.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Any

#: The folder of the compiled catalogs: LOCALE_DIR/<lang>/LC_MESSAGES/mentorcli.mo.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "mentorcli"
ENGLISH = "en"  # the language of the code: no catalog
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
_CODE = re.compile(r"[A-Za-z]{2,3}")

_cli_language: ContextVar[str | None] = ContextVar("mentorcli_cli_language", default=None)
_cohort_language: ContextVar[str | None] = ContextVar("mentorcli_cohort_language", default=None)
_source_text: ContextVar[bool] = ContextVar("mentorcli_source_text", default=False)
_catalogs: dict[tuple[str, str], Any] = {}


# ------------------------------------------------------------------ the language rule


@functools.lru_cache(maxsize=64)
def normalize(code: str | None) -> str | None:
    """'fr_FR.UTF-8' -> 'fr', 'FR' -> 'fr', 'C' / 'POSIX' / 'C.UTF-8' -> 'en'; '' -> None.

    Only the language part counts (a catalog is per language, not per country)."""
    if code is None:
        return None
    code = code.strip()
    if not code:
        return None
    base = re.split(r"[._@:]", code, maxsplit=1)[0]
    if base in ("C", "POSIX"):
        return ENGLISH
    language = base.split("-")[0].lower()
    return language if _CODE.fullmatch(language) else None


def available_languages() -> tuple[str, ...]:
    """English, then every language with a compiled catalog, sorted: ('en', 'fr')."""
    return _languages_in(str(LOCALE_DIR))


@functools.lru_cache(maxsize=4)
def _languages_in(folder: str) -> tuple[str, ...]:
    found = set()
    root = Path(folder)
    if root.is_dir():
        for language in root.iterdir():
            if (language / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file():
                found.add(language.name)
    found.discard(ENGLISH)
    return (ENGLISH, *sorted(found))


def _supported(code: str | None) -> str | None:
    code = normalize(code)
    if code is None:
        return None
    return code if code == ENGLISH or code in available_languages() else ENGLISH


def locale_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language of the locale: the first of LC_ALL, LC_MESSAGES, LANG that is set."""
    env = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        if env.get(name, "").strip():
            return normalize(env[name])
    return None


def language(environ: Mapping[str, str] | None = None) -> str:
    """The language to speak now (see the module's docstring for the rule)."""
    if _source_text.get():
        return ENGLISH
    env = os.environ if environ is None else environ
    # first found wins, and the later ones are not looked up: pairing asks for every sentence
    chosen = _supported(_cli_language.get())
    if chosen is None:
        chosen = _supported(env.get("MENTORCLI_LANG"))
    if chosen is None:
        chosen = _supported(_cohort_language.get())
    if chosen is None:
        chosen = _supported(locale_language(env))
    return chosen or ENGLISH


def check_language(code: str) -> str:
    """The normalized code of a language asked for by name, or ValueError naming those known."""
    normalized = normalize(code)
    known = available_languages()
    if normalized not in known:
        raise ValueError(code, known)
    return normalized


def set_cli_language(code: str | None) -> None:
    """The language of `--lang` (None: not given). Call `check_language` first."""
    _cli_language.set(normalize(code))


def set_cohort_language(code: str | None) -> None:
    """The language of the cohort a command works on (its `cohort.language`), from now on."""
    _cohort_language.set(normalize(code) if isinstance(code, str) else None)


@contextlib.contextmanager
def cohort_language(code: str | None) -> Iterator[None]:
    """Speak the cohort's language (unless --lang or MENTORCLI_LANG say otherwise) inside."""
    token = _cohort_language.set(normalize(code) if isinstance(code, str) else None)
    try:
        yield
    finally:
        _cohort_language.reset(token)


@contextlib.contextmanager
def source_text() -> Iterator[None]:
    """English inside, whatever the rule says: for texts made once at import time (the Typer
    `help=_(...)` of the command modules), which are kept as their English msgid and
    translated each time they are shown (mentorcli.cli.app), so that one process can show
    French help, then English help (the tests do)."""
    token = _source_text.set(True)
    try:
        yield
    finally:
        _source_text.reset(token)


def reset() -> None:
    """Forget --lang and the cohort's language (one CLI invocation starts from nothing)."""
    _cli_language.set(None)
    _cohort_language.set(None)


def language_of_data(data: Any) -> str | None:
    """`cohort.language` of parsed cohort data, if it is there and is text."""
    cohort = data.get("cohort") if isinstance(data, dict) else None
    value = cohort.get("language") if isinstance(cohort, dict) else None
    return value if isinstance(value, str) else None


_LANGUAGE_LINE = re.compile(r"^cohort:[ \t]*\r?\n(?:(?:[ \t]+.*|[ \t]*#.*|[ \t]*)\r?\n)*?"
                            r"[ \t]+language:[ \t]*[\"']?([A-Za-z]{2})\b", re.M)


def sniff_language(text: str) -> str | None:
    """The `language:` under `cohort:` in text that may not parse, for its error messages."""
    found = _LANGUAGE_LINE.search(text[:200_000])
    return found.group(1) if found else None


def sniff_file_language(path: str | os.PathLike[str]) -> str | None:
    """The `language:` under `cohort:` in the head of the file at `path`; None when the file
    cannot be read or does not say (reading it properly later says why)."""
    try:
        if not os.path.isfile(path):
            return None
        with open(path, "rb") as handle:
            head = handle.read(200_000)
    except OSError:
        return None
    return sniff_language(head.decode("utf-8", "replace"))


# ------------------------------------------------------------------ translating


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Marks a sentence for the catalog without translating it (translated where it is used)."""
    return message


def _catalog(code: str) -> Any:
    key = (str(LOCALE_DIR), code)
    catalog = _catalogs.get(key)
    if catalog is None:
        import gettext

        catalog = _catalogs[key] = gettext.translation(
            DOMAIN, localedir=LOCALE_DIR, languages=[code], fallback=True)
    return catalog


def _(message: str) -> str:
    """`message` in the current language (the English text itself in English)."""
    code = language()
    if code == ENGLISH or not message:  # gettext("") is the catalog's header
        return message
    return typeset(_catalog(code).gettext(message), code)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural sentence for `count`, in the current language's plural rule."""
    code = language()
    if code == ENGLISH:
        return singular if count == 1 else plural
    return typeset(_catalog(code).ngettext(singular, plural, count), code)


def translate_to(code: str, message: str) -> str:
    """`message` in the language `code`, whatever the current one (for tests and documents)."""
    code = _supported(code) or ENGLISH
    if code == ENGLISH or not message:
        return message
    return typeset(_catalog(code).gettext(message), code)


def typeset(text: str, code: str) -> str:
    """The language's typography on a translated sentence (French: mentorcli.localize)."""
    if code == "fr":
        from mentorcli.localize import french_spacing

        return french_spacing(text)
    return text


def decimal(text: str) -> str:
    """A number already written with a dot ('1.5', '0.001'), with the current language's
    decimal mark ('1,5' in French): for numbers formatted with a spec the sentence needs."""
    return text.replace(".", ",") if language() == "fr" else text


def number(value: float, digits: int = 0) -> str:
    """A number in the current language for a sentence: 1,500,000 / 1 500 000; 2.5 / 2,5."""
    from mentorcli.localize import format_number

    return format_number(value, language(), digits)

"""Dates, numbers, percentages and plurals for people, in the language of the catalogs.

One module for every human output (contracts, calendars, progress reports, messages), so that
a reader sees the same conventions everywhere:

* dates in words: "26 November 2026" / "26 novembre 2026" ("1er" for the first of the month
  in French), with the weekday when asked ("jeudi 26 novembre 2026"); months: "novembre 2026";
* numbers: "4.19" / "4,19", thousands "12,000" / "12 000" (narrow no-break space), at most
  two decimals by default, no trailing zeros (`format_fixed` keeps them, for table columns);
* percentages: "23.1%" / "23,1 %" (narrow no-break space before % in French);
* French punctuation: a no-break space before ":", a narrow no-break space before ";", "!",
  "?" and "%" (see `colon`, `semicolon`, `french_spacing`);
* plurals: French singular for 0 and 1 ("1 rencontre manquante", "0 rencontre"), English
  singular for 1 only.

Every function's `language` is optional: None is the current language
(`mentorcli.i18n.language()`: --lang, MENTORCLI_LANG, the cohort's, the locale). A language
without a catalog is English.

Where the words and symbols come from:

* English, the language of the code, keeps its own names and patterns here (like gettext,
  English needs no catalog): British order "26 November 2026", "10:00", "1,500.5";
* every other language with a catalog (French today) takes its month and weekday names, date
  patterns, decimal and group symbols, percent pattern and plural rule from the CLDR data of
  Babel (`babel.dates`, `babel.numbers`, `Locale.plural_form`), so a third language needs no
  code here. Three conventions that CLDR does not have are kept as a rule for French: "1er"
  for the first of the month, "10 h" / "10 h 30" for times, and a narrow no-break space
  before "%" (French typography, docs/languages.md);
* the words of sentences ("du ... au ...", the cadence labels) are in the catalogs (`_`).

Measured start-up cost of Babel (`python -X importtime`, and timeit in a fresh subprocess, on
the 2-core dev machine): importing babel.dates + babel.numbers is 32-42 ms, loading the first
locale's CLDR data and formatting is 21-22 ms more: about 55 ms, against 0.8-1.0 s for a
`contracts` or `report` run (6%; under load, `-X importtime` of a French `contracts` run shows
babel 57 ms + babel.dates 18 ms of a 3.5 s run, the same as `--lang en` within noise). Per
call, Babel's date formatting is 29 us against 4 us for English, so the CLDR dates and plural
forms are cached (3-4 us, as English). Babel is therefore imported inside the functions only,
when a non-English text is formatted: `mentorcli --help` and every English run never import
it (tests/test_i18n.py::test_help_loads_no_catalog_and_no_babel). Decision: Babel is a
runtime dependency (the standard source of CLDR locale data), and localize.py stays as the
one thin place that applies it with the project's conventions.

Machine formats (JSON, CSV, YAML) never go through here: they keep ISO dates and dot
decimals.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from mentorcli.i18n import N_

ENGLISH = "en"

NBSP = "\u00a0"  # espace insécable: before ':' and inside « », in French
NNBSP = "\u202f"  # espace fine insécable: before ';', '!', '?', '%' and as thousands separator

#: English, the language of the code (other languages: Babel's CLDR data).
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

#: Conventions of a language that CLDR does not give (the first of the month as an ordinal).
_FIRST_OF_MONTH = {"fr": "1er"}

#: The cohort cadence as an adjective ("monthly" / "mensuel"), translated by the catalogs.
_CADENCES = {
    "weekly": N_("weekly"),
    "biweekly": N_("every two weeks"),
    "monthly": N_("monthly"),
}
_PERIOD = N_("{first} to {last}")


def language_of(language: str | None = None) -> str:
    """The language to write in: `language` if it has a catalog (None: the current language,
    `mentorcli.i18n.language()`), else 'en'."""
    from mentorcli import i18n

    if language is None:
        return i18n.language()
    return language if language in i18n.available_languages() else ENGLISH


def _say(message: str, language: str | None) -> str:
    """A message of the catalog in `language` (None: the current one)."""
    from mentorcli import i18n

    return i18n.translate_to(language_of(language), message)


@functools.lru_cache(maxsize=8)
def _locale(language: str) -> Any:
    """Babel's CLDR data of a language, or None when CLDR does not know it (English then)."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return None


def _cldr(language: str | None) -> tuple[str, Any]:
    """(language, its Babel locale); the locale is None for English (the code's own words)."""
    lang = language_of(language)
    if lang == ENGLISH:
        return lang, None
    locale = _locale(lang)
    return (lang, locale) if locale is not None else (ENGLISH, None)


# ------------------------------------------------------------------ dates


def format_date(day: dt.date | None, language: str | None = None,
                weekday: bool = False) -> str:
    """'20 January 2026' / '20 janvier 2026' ('1er' for the first of the month in French);
    with `weekday`: 'Tuesday 20 January 2026' / 'mardi 20 janvier 2026'. None gives ''."""
    if day is None:
        return ""
    lang, locale = _cldr(language)
    if locale is None:
        text = f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
        return f"{WEEKDAYS_EN[day.weekday()]} {text}" if weekday else text
    return _cldr_date(lang, day, weekday)


@functools.lru_cache(maxsize=8192)
def _cldr_date(language: str, day: dt.date, weekday: bool) -> str:
    """A date in words from CLDR (cached: a report or a calendar says the same days often)."""
    return _date_pattern(language, "full" if weekday else "long", day.day == 1)(day)


@functools.lru_cache(maxsize=32)
def _date_pattern(language: str, length: str, first_of_month: bool) -> Any:
    """A function formatting a date with the language's CLDR pattern (`length`), the day of
    the month written as the language's convention for the first when it has one."""
    from babel.dates import format_date as babel_date

    locale = _locale(language)
    pattern = locale.date_formats[length].pattern
    if first_of_month and language in _FIRST_OF_MONTH:
        literal = "'" + _FIRST_OF_MONTH[language].replace("'", "''") + "'"
        pattern = re.sub(r"(?<![d'])d(?!d)", literal, pattern, count=1)
    return functools.partial(babel_date, format=pattern, locale=locale)


def sentence_date(day: dt.date) -> str:
    """A day inside a message: as it is typed on the command line in English (2026-06-15,
    the form of `--date`), in words in another language ('15 juin 2026', '1er mars 2026')."""
    from mentorcli import i18n

    code = i18n.language()
    return day.isoformat() if code == i18n.ENGLISH else format_date(day, code)


def format_month(day: dt.date, language: str | None = None) -> str:
    """The month of `day` in words: 'November 2026' / 'novembre 2026'."""
    lang, locale = _cldr(language)
    if locale is None:
        return f"{MONTHS_EN[day.month - 1]} {day.year}"
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", day, locale=locale)


def format_period(first: dt.date, last: dt.date, language: str | None = None) -> str:
    """'12 January 2026 to 26 November 2026' / 'du 12 janvier 2026 au 26 novembre 2026'."""
    return _say(_PERIOD, language).format(first=format_date(first, language),
                                          last=format_date(last, language))


def cadence_label(cadence: str, language: str | None = None) -> str:
    """The cohort cadence as an adjective: 'monthly' / 'mensuel' (an unknown code as is)."""
    message = _CADENCES.get(cadence)
    return cadence if message is None else _say(message, language)


class _CadenceLabels(Mapping[str, dict[str, str]]):
    """`CADENCE_LABELS[language][cadence]`, read from the catalogs (for the callers that
    index it by language; new code calls `cadence_label`)."""

    def __getitem__(self, language: str) -> dict[str, str]:
        if language_of(language) != language:
            raise KeyError(language)
        return {code: cadence_label(code, language) for code in _CADENCES}

    def __iter__(self) -> Iterator[str]:
        from mentorcli import i18n

        return iter(i18n.available_languages())

    def __len__(self) -> int:
        from mentorcli import i18n

        return len(i18n.available_languages())


#: The cohort cadence as an adjective, by language ("monthly" / "mensuel").
CADENCE_LABELS = _CadenceLabels()


# ------------------------------------------------------------------ numbers


def _symbols(language: str | None) -> tuple[str, str, str]:
    """(language, decimal mark, thousands separator)."""
    lang, locale = _cldr(language)
    if locale is None:
        return lang, ".", ","
    return lang, *_number_symbols(lang)


@functools.lru_cache(maxsize=8)
def _number_symbols(language: str) -> tuple[str, str]:
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = _locale(language)
    return get_decimal_symbol(locale), get_group_symbol(locale)


def format_number(value: float | int | None, language: str | None = None,
                  digits: int = 2) -> str:
    """80.0 -> '80'; 2.5 -> '2.5' / '2,5'; 12000 -> '12,000' / '12 000' (narrow no-break
    space); rounded to `digits` decimals, trailing zeros dropped. None gives ''."""
    if value is None:
        return ""
    _lang, mark, group = _symbols(language)
    number = round(float(value), digits) + 0.0  # -0.0 + 0.0 is 0.0: never '-0'
    whole, _, decimals = f"{number:,.{max(digits, 0)}f}".partition(".")
    decimals = decimals.rstrip("0")
    whole = whole.replace(",", group)
    return f"{whole}{mark}{decimals}" if decimals else whole


def format_fixed(value: float, spec: str = ".2f", language: str | None = None) -> str:
    """`format(value, spec)` with the language's decimal mark, trailing zeros kept, no
    thousands separator: for columns of small numbers. 0.5 -> '0.50' / '0,50' (".2f");
    1.5 -> '1.5' / '1,5' ("g")."""
    _lang, mark, _group = _symbols(language)
    return format(value, spec).replace(".", mark)


def _percent_affixes(language: str | None) -> tuple[str, str]:
    """What goes before and after a percentage's number: ('', '%') / ('', ' %')."""
    lang, locale = _cldr(language)
    if locale is None:
        return "", "%"
    return _locale_percent(lang)


@functools.lru_cache(maxsize=8)
def _locale_percent(language: str) -> tuple[str, str]:
    from babel.numbers import parse_pattern

    locale = _locale(language)
    pattern = parse_pattern(locale.percent_formats[None].pattern)
    symbols = locale.number_symbols  # by numbering system since Babel 2.14
    symbol = symbols.get("latn", symbols).get("percentSign", "%")

    def affix(text: str) -> str:  # a space next to % is a narrow no-break one (typography)
        return re.sub(r"\s+", NNBSP, text.replace("%", symbol))

    return affix(pattern.prefix[0]), affix(pattern.suffix[0])


def format_quantity(value: float | int | None, unit: str = "", language: str | None = None,
                    digits: int = 2) -> str:
    """A number with its unit: '80%' / '80 %' (a narrow no-break space before % in French),
    '4 people' (a no-break space before any other unit). None gives ''."""
    if value is None:
        return ""
    number = format_number(value, language, digits)
    if not unit:
        return number
    if unit == "%":
        before, after = _percent_affixes(language)
        return f"{before}{number}{after}"
    return f"{number}{NBSP}{unit}"


def format_percent(value: float | int | None, language: str | None = None,
                   digits: int = 1) -> str:
    """'23.1%' / '23,1 %'. None gives ''."""
    return format_quantity(value, "%", language, digits)


def format_time(time: dt.time, language: str | None = None) -> str:
    """'10:00' / '10 h' ('10 h 30' when there are minutes); CLDR's short time otherwise."""
    lang, locale = _cldr(language)
    if locale is None:
        return f"{time.hour:02d}:{time.minute:02d}"
    if lang == "fr":  # the French convention (CLDR writes 10:00)
        return f"{time.hour}{NBSP}h" + (f"{NBSP}{time.minute:02d}" if time.minute else "")
    from babel.dates import format_time as babel_time

    return babel_time(time, format="short", locale=locale)


# ------------------------------------------------------------------ words


def is_plural(count: float | int, language: str | None = None) -> bool:
    """French: plural from 2 on ('0 rencontre', '1,5 heure'); English: anything but 1
    (other languages: their CLDR plural rule, anything but 'one')."""
    lang, locale = _cldr(language)
    if locale is None:
        return count != 1
    return _cldr_plural(lang, abs(count))


@functools.lru_cache(maxsize=4096, typed=True)  # 1 and 1.0 may differ (CLDR's v)
def _cldr_plural(language: str, count: float | int) -> bool:
    return _locale(language).plural_form(count) != "one"


def plural(count: float | int, one: str, many: str, language: str | None = None) -> str:
    """`one` or `many`, whichever agrees with `count`."""
    return many if is_plural(count, language) else one


def counted(count: float | int, one: str, many: str, language: str | None = None) -> str:
    """'1 meeting', '3 meetings' / '1 rencontre', '3 rencontres' (the number formatted)."""
    return f"{format_number(count, language)} {plural(count, one, many, language)}"


def colon(language: str | None = None) -> str:
    """The ': ' between a label and its value: 'Period: x' / 'Période : x' (no-break space)."""
    return f"{NBSP}: " if language_of(language) == "fr" else ": "


def semicolon(language: str | None = None) -> str:
    """The '; ' between clauses: '; ' / ' ; ' (narrow no-break space before it in French)."""
    return f"{NNBSP}; " if language_of(language) == "fr" else "; "


def french_spacing(text: str) -> str:
    """French typography on a sentence written with ordinary spaces (the French catalog's
    translations are): the space before ':' becomes a no-break space, the one before ';',
    '!' and '?' a narrow no-break space, the ones inside « » no-break spaces, as `colon` and
    `semicolon` write them. Text without those spaces is left as it is."""
    return (text.replace(" :", NBSP + ":").replace(" ;", NNBSP + ";")
            .replace(" !", NNBSP + "!").replace(" ?", NNBSP + "?")
            .replace("« ", "«" + NBSP).replace(" »", NBSP + "»"))

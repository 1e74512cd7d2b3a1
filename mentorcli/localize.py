"""Dates, numbers, percentages and plurals for people, in English or French. Pure, locale-free.

One module for every human output (contracts, calendars, progress reports), so that a French
reader sees the same conventions everywhere:

* dates in words: "26 November 2026" / "26 novembre 2026" ("1er" for the first of the month
  in French), with the weekday when asked ("jeudi 26 novembre 2026"); months: "novembre 2026";
* numbers: "4.19" / "4,19", thousands "12,000" / "12 000" (narrow no-break space), at most
  two decimals by default, no trailing zeros (`format_fixed` keeps them, for table columns);
* percentages: "23.1%" / "23,1 %" (narrow no-break space before % in French);
* French punctuation: a no-break space before ":", a narrow no-break space before ";", "!",
  "?" and "%" (see `colon`, `semicolon`);
* plurals: French singular for 0 and 1 ("1 rencontre manquante", "0 rencontre"), English
  singular for 1 only.

Machine formats (JSON, CSV, YAML) never go through here: they keep ISO dates and dot
decimals.
"""

from __future__ import annotations

import datetime as dt

LANGUAGES = ("en", "fr")

NBSP = "\u00a0"  # espace insécable: before ':' and inside « », in French
NNBSP = "\u202f"  # espace fine insécable: before ';', '!', '?', '%' and as thousands separator

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
}
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}

#: The cohort cadence as an adjective ("monthly" / "mensuel").
CADENCE_LABELS = {
    "en": {"weekly": "weekly", "biweekly": "every two weeks", "monthly": "monthly"},
    "fr": {"weekly": "hebdomadaire", "biweekly": "toutes les deux semaines",
           "monthly": "mensuel"},
}


def language_of(language: str | None) -> str:
    """'fr' or 'en' (anything else is English)."""
    return language if language in LANGUAGES else "en"


# ------------------------------------------------------------------ dates


def format_date(day: dt.date | None, language: str = "en", weekday: bool = False) -> str:
    """'20 January 2026' / '20 janvier 2026' ('1er' for the first of the month in French);
    with `weekday`: 'Tuesday 20 January 2026' / 'mardi 20 janvier 2026'. None gives ''."""
    if day is None:
        return ""
    lang = language_of(language)
    number = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    text = f"{number} {MONTHS[lang][day.month - 1]} {day.year}"
    if weekday:
        text = f"{WEEKDAYS[lang][day.weekday()]} {text}"
    return text


def format_month(day: dt.date, language: str = "en") -> str:
    """The month of `day` in words: 'November 2026' / 'novembre 2026'."""
    return f"{MONTHS[language_of(language)][day.month - 1]} {day.year}"


def format_period(first: dt.date, last: dt.date, language: str = "en") -> str:
    """'12 January 2026 to 26 November 2026' / 'du 12 janvier 2026 au 26 novembre 2026'."""
    if language_of(language) == "fr":
        return f"du {format_date(first, 'fr')} au {format_date(last, 'fr')}"
    return f"{format_date(first)} to {format_date(last)}"


# ------------------------------------------------------------------ numbers


def format_number(value: float | int | None, language: str = "en", digits: int = 2) -> str:
    """80.0 -> '80'; 2.5 -> '2.5' / '2,5'; 12000 -> '12,000' / '12 000' (narrow no-break
    space); rounded to `digits` decimals, trailing zeros dropped. None gives ''."""
    if value is None:
        return ""
    number = round(float(value), digits) + 0.0  # -0.0 + 0.0 is 0.0: never '-0'
    whole, _, decimals = f"{number:,.{max(digits, 0)}f}".partition(".")
    decimals = decimals.rstrip("0")
    if language_of(language) == "fr":
        whole = whole.replace(",", NNBSP)
        return f"{whole},{decimals}" if decimals else whole
    return f"{whole}.{decimals}" if decimals else whole


def format_fixed(value: float, spec: str = ".2f", language: str = "en") -> str:
    """`format(value, spec)` with the language's decimal mark, trailing zeros kept, no
    thousands separator: for columns of small numbers. 0.5 -> '0.50' / '0,50' (".2f");
    1.5 -> '1.5' / '1,5' ("g")."""
    text = format(value, spec)
    return text.replace(".", ",") if language_of(language) == "fr" else text


def format_quantity(value: float | int | None, unit: str = "", language: str = "en",
                    digits: int = 2) -> str:
    """A number with its unit: '80%' / '80 %' (a narrow no-break space before % in French),
    '4 people' (a no-break space before any other unit). None gives ''."""
    if value is None:
        return ""
    number = format_number(value, language, digits)
    if not unit:
        return number
    if unit == "%":
        return f"{number}{NNBSP}%" if language_of(language) == "fr" else f"{number}%"
    return f"{number}{NBSP}{unit}"


def format_percent(value: float | int | None, language: str = "en", digits: int = 1) -> str:
    """'23.1%' / '23,1 %'. None gives ''."""
    return format_quantity(value, "%", language, digits)


def format_time(time: dt.time, language: str = "en") -> str:
    """'10:00' / '10 h' ('10 h 30' when there are minutes)."""
    if language_of(language) == "fr":
        return f"{time.hour}{NBSP}h" + (f"{NBSP}{time.minute:02d}" if time.minute else "")
    return f"{time.hour:02d}:{time.minute:02d}"


# ------------------------------------------------------------------ words


def is_plural(count: float | int, language: str = "en") -> bool:
    """French: plural from 2 on ('0 rencontre', '1,5 heure'); English: anything but 1."""
    if language_of(language) == "fr":
        return abs(count) >= 2
    return count != 1


def plural(count: float | int, one: str, many: str, language: str = "en") -> str:
    """`one` or `many`, whichever agrees with `count`."""
    return many if is_plural(count, language) else one


def counted(count: float | int, one: str, many: str, language: str = "en") -> str:
    """'1 meeting', '3 meetings' / '1 rencontre', '3 rencontres' (the number formatted)."""
    return f"{format_number(count, language)} {plural(count, one, many, language)}"


def colon(language: str = "en") -> str:
    """The ': ' between a label and its value: 'Period: x' / 'Période : x' (no-break space)."""
    return f"{NBSP}: " if language_of(language) == "fr" else ": "


def semicolon(language: str = "en") -> str:
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

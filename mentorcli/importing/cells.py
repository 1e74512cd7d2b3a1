"""Reading one spreadsheet cell as a participant value: roles, years, dates, languages,
emails, lists. Pure. French and English words are understood ("mentoré", "Oui", "31/01/2026").

The word tables here (ROLE_WORDS, LANGUAGE_CODES, YES_WORDS, NO_WORDS) are INPUT vocabulary:
what a French or English spreadsheet may say. They are data, not text mentorcli prints, so
they are not in the message catalogs and do not depend on the output language (a French
sheet imports the same under `--lang en`). The messages of BadCell are translated (`_()`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from mentorcli.i18n import _
from mentorcli.tags import normalize_tag

ROLE_WORDS: dict[str, str] = {
    **dict.fromkeys(("mentor", "mentore", "mentor(e)", "mentor·e", "tuteur", "tutrice",
                     "parrain", "marraine", "mentors"), "mentor"),
    **dict.fromkeys(("mentee", "mentoré", "mentorée", "mentoré(e)", "mentoré·e", "filleul",
                     "filleule", "tutoré", "tutorée", "mentees", "mentorés", "protégé",
                     "protégée"), "mentee"),
    **dict.fromkeys(("both", "les deux", "mentor et mentoré", "mentor et mentee",
                     "mentor/mentee", "mentor/mentoré", "mentor & mentee", "mentor and mentee",
                     "deux"), "both"),
}

LANGUAGE_CODES: dict[str, str] = {
    **dict.fromkeys(("fr", "fra", "fre", "francais", "french", "français"), "fr"),
    **dict.fromkeys(("en", "eng", "anglais", "english"), "en"),
    **dict.fromkeys(("de", "deu", "ger", "allemand", "german", "deutsch"), "de"),
    **dict.fromkeys(("es", "spa", "espagnol", "spanish", "español", "espanol"), "es"),
    **dict.fromkeys(("it", "ita", "italien", "italian", "italiano"), "it"),
    **dict.fromkeys(("pt", "por", "portugais", "portuguese", "português"), "pt"),
    **dict.fromkeys(("nl", "nld", "dut", "néerlandais", "dutch"), "nl"),
    **dict.fromkeys(("ar", "ara", "arabe", "arabic"), "ar"),
    **dict.fromkeys(("zh", "chinois", "chinese", "mandarin"), "zh"),
    **dict.fromkeys(("ja", "japonais", "japanese"), "ja"),
    **dict.fromkeys(("ru", "russe", "russian"), "ru"),
    **dict.fromkeys(("pl", "polonais", "polish"), "pl"),
}

# Cell values meaning yes or no ("Oui"/"Non" in a French export).
YES_WORDS = frozenset({"oui", "yes", "y", "o", "x", "vrai", "true", "1"})
NO_WORDS = frozenset({"non", "no", "n", "faux", "false", "0", "-"})

_SPLIT = re.compile(r"[;|,\n]")
_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*\+?\s*(?:ans?|années?|years?|yrs?|y)?\.?\s*$",
                     re.IGNORECASE)
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_ANGLE = re.compile(r"<([^<>]+)>")


def employee_key(number: str) -> str:
    """Comparison key of an employee number: Excel turns "002341" into 2341, so an all-digit
    number is compared without its leading zeros."""
    text = number.strip()
    return (text.lstrip("0") or "0") if text.isdigit() else text.casefold()




class BadCell(ValueError):
    """A cell whose text cannot be read as the key's value; the message says why."""


def parse_role(text: str, header: str) -> str | None:
    """mentor, mentee or both from a role cell. In a yes/no column whose header names a
    role ("Mentor ?" mapped to `role`), yes is that role and no says nothing."""
    word = re.sub(r"\s+", " ", text.casefold().strip())
    if word in ROLE_WORDS:
        return ROLE_WORDS[word]
    question = ROLE_WORDS.get(re.sub(r"[\s?:*]+", " ", header.casefold()).strip())
    if question is not None and word in YES_WORDS:
        return question
    if question is not None and word in NO_WORDS:
        return None
    raise BadCell(_("'{text}' is not a role; use mentor, mentee or both (mentor, mentoré, "
                     "les deux... are understood)").format(text=text))


def parse_years(text: str) -> float | int:
    years = parse_number(text)
    if years is None:
        raise BadCell(_("expected a number of years, got '{text}'").format(text=text))
    return years


def parse_capacity(text: str) -> int:
    capacity = parse_number(text)
    if capacity is None or capacity != int(capacity):
        raise BadCell(_("expected a whole number of mentees (0 or more), got '{text}'")
                      .format(text=text))
    return int(capacity)


def parse_training_date(text: str) -> dt.date | None:
    """The date of a `trained` cell; "Non"/"No" says not trained (no date)."""
    if text.casefold() in NO_WORDS:
        return None
    day = parse_cell_date(text)
    if day is not None:
        return day
    if text.casefold() in YES_WORDS:
        raise BadCell(_("'{text}' says they were trained but not when; write the date of the "
                         "training (e.g. 31/01/2026), or leave the cell empty").format(text=text))
    raise BadCell(_("expected a date like 2026-01-31 or 31/01/2026, got '{text}'")
                  .format(text=text))


def parse_timezone(text: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = text.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadCell(_("'{name}' is not a known time zone (use an IANA name like "
                         "'Europe/Paris')").format(name=name)) from None
    return name


# Keys with one value that must be read from the cell's text.
CELL_PARSERS: dict[str, Callable[[str], Any]] = {
    "timezone": parse_timezone, "seniority": parse_years, "capacity": parse_capacity,
    "trained": parse_training_date,
}


def split_cell(text: str) -> list[str]:
    """The values of a multi-valued cell: split on ';', '|', ',' or line breaks."""
    return [part.strip() for part in _SPLIT.split(text or "") if part.strip()]


def dedupe(values: Iterable[str]) -> list[str]:
    """The values without repeats (compared as tags: case, accents, spacing ignored)."""
    seen: set[str] = set()
    result = []
    for value in values:
        key = normalize_tag(value)
        if key and key not in seen:
            seen.add(key)
            result.append(value)
    return result


def language_code(value: str) -> str:
    key = value.strip().casefold()
    return LANGUAGE_CODES.get(key) or LANGUAGE_CODES.get(normalize_tag(value), key)


def extract_email(text: str) -> str:
    """The address in "Name <a@b.c>", "mailto:a@b.c" or "a@b.c"."""
    text = (text or "").strip()
    inside = _ANGLE.search(text)
    if inside:
        text = inside.group(1).strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:"):]
    return text.strip()


def parse_number(text: str) -> float | int | None:
    match = _NUMBER.match(text or "")
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    return int(number) if number.is_integer() else number


def parse_cell_date(text: str) -> dt.date | None:
    """A date from ISO (2026-01-31) or day-first (31/01/2026, 31.01.2026) text."""
    text = (text or "").strip()
    try:
        match = _ISO.match(text)
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = _DMY.match(text)
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None
    return None

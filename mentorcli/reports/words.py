"""How a progress report writes values for people, in the current language
(`mentorcli.i18n.language()`: --lang, MENTORCLI_LANG, the cohort's language, the locale):
dates, numbers and percentages through `mentorcli.localize` ("26 novembre 2026", "23,1 %"),
and the health verdicts as words. Every word comes from the message catalogs (`_()`); no
language table here. `NO_VALUE` stands for an empty cell in the human formats."""

from __future__ import annotations

import datetime as dt

from mentorcli import i18n
from mentorcli.i18n import _, ngettext
from mentorcli.localize import (
    colon,
    format_date,
    format_month,
    format_number,
    format_percent,
    format_quantity,
)
from mentorcli.reports.progress import (
    AT_RISK,
    BEHIND,
    ENDED,
    INACTIVE,
    NOT_STARTED,
    ON_TRACK,
    PairProgress,
    describe,
)

HEALTH_COLOURS = {ON_TRACK: "#2e7d32", BEHIND: "#f9a825", AT_RISK: "#ef6c00",
                  INACTIVE: "#c62828", ENDED: "#757575", NOT_STARTED: "#90a4ae"}
NO_VALUE = "—"  # an empty cell in the human formats


def _health_words() -> dict[str, str]:
    return {ON_TRACK: _("on track"), BEHIND: _("behind"), AT_RISK: _("at risk"),
            INACTIVE: _("inactive"), ENDED: _("ended"), NOT_STARTED: _("not started")}


def health_count(verdict: str, count: int) -> str:
    """'2 inactive' / '2 inactifs': a number of pairs with a verdict."""
    n = i18n.number(count)
    phrase = {
        ON_TRACK: ngettext("{n} on track", "{n} on track", count),
        BEHIND: ngettext("{n} behind", "{n} behind", count),
        AT_RISK: ngettext("{n} at risk", "{n} at risk", count),
        INACTIVE: ngettext("{n} inactive", "{n} inactive", count),
        ENDED: ngettext("{n} ended", "{n} ended", count),
        NOT_STARTED: ngettext("{n} not started", "{n} not started", count),
    }.get(verdict, "{n} " + verdict)
    return phrase.format(n=n)


def status_count(status: str, count: int) -> str:
    """'3 active' / '3 actifs': a number of pairs in a status."""
    n = i18n.number(count)
    phrase = {
        "proposed": ngettext("{n} proposed", "{n} proposed", count),
        "active": ngettext("{n} active", "{n} active", count),
        "ended": ngettext("{n} ended", "{n} ended", count),
    }.get(status, "{n} " + status)
    return phrase.format(n=n)


def role_count(role: str, count: int) -> str:
    """'3 mentors' / '3 mentoré·es': a number of participants in a role."""
    n = i18n.number(count)
    if role == "mentor":
        phrase = ngettext("{n} mentor", "{n} mentors", count)
    elif role == "mentee":
        phrase = ngettext("{n} mentee", "{n} mentees", count)
    else:
        phrase = ngettext("{n} both mentor and mentee", "{n} both mentors and mentees", count)
    return phrase.format(n=n)


def missing_count(count: int) -> str:
    """'1 missing meeting' / '1 rencontre manquante'."""
    return ngettext("{n} missing meeting", "{n} missing meetings", count).format(
        n=i18n.number(count))


def side_word(side: str) -> str:
    """'mentor' / 'mentee' ('mentoré·e'), lower case, as in 'mentor and mentee'."""
    return _("mentee") if side == "mentee" else _("mentor")


def both(items: list[str]) -> str:
    """'mentor and mentee' / 'mentor et mentoré·e' (one or two items)."""
    if len(items) < 2:
        return "".join(items)
    return _("{first} and {second}").format(first=items[0], second=items[1])


def severity_word(severity: str) -> str:
    """A concern's severity (low, medium, high) in words."""
    return {"low": _("low"), "medium": _("medium"), "high": _("high")}.get(severity, severity)


class Words:
    """The current language's way of writing values (via mentorcli.localize), and the health
    verdicts in words; `NO_VALUE` where there is no value. Made once per rendering."""

    def __init__(self) -> None:
        self.language = i18n.language()
        self.colon = colon(self.language)
        self._health = _health_words()

    def health(self, verdict: str) -> str:
        return self._health.get(verdict, verdict)

    def reason(self, row: PairProgress) -> str:
        return describe(row.why)

    def num(self, value: float | int | None, digits: int = 2) -> str:
        return NO_VALUE if value is None else format_number(value, self.language, digits)

    def pct(self, value: float | None) -> str:
        return NO_VALUE if value is None else format_percent(value, self.language)

    def unit(self, value: float | None, unit: str) -> str:
        return NO_VALUE if value is None else format_quantity(value, unit, self.language)

    def date(self, value: dt.date | None) -> str:
        return NO_VALUE if value is None else format_date(value, self.language)

    def month(self, key: str) -> str:
        """'2026-05' as 'May 2026' / 'mai 2026'."""
        year, month = key.split("-")
        return format_month(dt.date(int(year), int(month), 1), self.language)

    def share(self, part: int, whole: int, pct: float | None) -> str:
        """'25% (6 of 24)' / '25 % (6 sur 24)'; NO_VALUE when there is nothing to count."""
        if not whole or pct is None:
            return NO_VALUE
        return (f"{self.pct(pct)} ("
                + _("{part} of {whole}").format(part=self.num(part), whole=self.num(whole))
                + ")")

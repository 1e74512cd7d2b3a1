"""Progress of a cohort: per-pair health and programme figures, as of a date. Pure.

`build_report(model, as_of=..., month=...)` reads a validated `CohortFile` and returns a
`Report` (plain dataclasses): nothing here prints, reads the clock or touches files. Session
notes are never read: they cannot leak into any report.

Health verdicts (thresholds from the cohort's `follow_up` settings; defaults in brackets):

- ``ended``: the pair ended on or before the as-of date (the reason is shown).
- ``not started``: the pair is only proposed, or starts after the as-of date (its `started`
  date, or the cohort start for a pair without one).
- ``inactive``: no meeting for `inactive_periods` [2] cadence periods (counted from the last
  meeting, or from the start when the pair never met).
- ``at risk``: `at_risk_missing` [2] or more expected meetings missing, or the mean rating of
  either side at or under `at_risk_rating` [2.5].
- ``behind``: `behind_missing` [1] or more expected meetings missing.
- ``on track``: none of the above.

Expected meetings: one per full cadence period (weekly 7 days, biweekly 14 days, monthly one
calendar month) between the pair's start and the as-of date, never counting past the pair's
end or the cohort's end. A pair that started on 20 January with a monthly cadence is expected
to have met once by 20 February, twice by 20 March. Missing = expected - held (never < 0).

Meetings per active pair per month: the meetings held in the period by the pairs active at
the as-of date, divided by the months each of them was running in the period (a pair that
started on 16 April counts half of April). A pair meeting monthly scores about 1.

Speed: sessions are indexed by pair in one pass; everything is linear in the file's size.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorcli.errors import UsageError
from mentorcli.i18n import _
from mentorcli.localize import format_date, format_number, semicolon
from mentorcli.model import CohortFile, FollowUp, Pair, Participant
from mentorcli.schedule import add_months, pair_end

ON_TRACK = "on track"
BEHIND = "behind"
AT_RISK = "at risk"
INACTIVE = "inactive"
ENDED = "ended"
NOT_STARTED = "not started"

#: Verdicts in display order; the first four are "live" pairs, worst last.
HEALTH_ORDER = (ON_TRACK, BEHIND, AT_RISK, INACTIVE, ENDED, NOT_STARTED)
#: Severity of the verdicts `--fail-on` and "needs attention" look at.
SEVERITY = {ON_TRACK: 0, BEHIND: 1, AT_RISK: 2, INACTIVE: 3}
#: `--fail-on` level names (CLI spelling) to verdicts.
FAIL_LEVELS = {"behind": BEHIND, "at-risk": AT_RISK, "inactive": INACTIVE}
#: `--fail-on` names of the support lists (mentorcli.evaluation.alerts).
FAIL_SUPPORT = ("supervision", "concerns", "untrained")

#: A pair is "engaged" when it met in the last ENGAGEMENT_DAYS days (as-of day included).
ENGAGEMENT_DAYS = 30


# ---------------------------------------------------------------- dates


def add_periods(day: dt.date, cadence: str, periods: int) -> dt.date:
    """`day` moved by `periods` cadence periods."""
    if cadence == "weekly":
        return day + dt.timedelta(days=7 * periods)
    if cadence == "biweekly":
        return day + dt.timedelta(days=14 * periods)
    return add_months(day, periods)


def periods_between(start: dt.date, end: dt.date, cadence: str) -> int:
    """Number of full cadence periods from `start` to `end` (0 when end < one period later)."""
    if end <= start:
        return 0
    if cadence == "weekly":
        return (end - start).days // 7
    if cadence == "biweekly":
        return (end - start).days // 14
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if add_months(start, months) > end:
        months -= 1
    return max(months, 0)


def months_spanned(first: dt.date, last: dt.date) -> float:
    """Calendar months from `first` to `last`, both included, counting a partial month as the
    share of its days covered (1 January - 31 March: 3.0; 16 - 30 April: 0.5); 0 if last <
    first."""
    total = 0.0
    day = first
    while day <= last:
        days_in_month = calendar.monthrange(day.year, day.month)[1]
        stop = min(day.replace(day=days_in_month), last)
        total += ((stop - day).days + 1) / days_in_month
        day = stop + dt.timedelta(days=1)
    return total


def parse_month(text: str) -> tuple[dt.date, dt.date]:
    """'2026-03' -> (first day, last day) of that month; UsageError otherwise."""
    try:
        year_s, month_s = text.strip().split("-")
        if len(year_s) != 4 or len(month_s) != 2:
            raise ValueError
        first = dt.date(int(year_s), int(month_s), 1)
    except ValueError:
        raise UsageError(_("--month {value}: expected a month like 2026-03")
                         .format(value=repr(text))) from None
    last = dt.date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    return first, last


def _month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


# ---------------------------------------------------------------- result types


@dataclass(frozen=True)
class Reason:
    """Why a pair got its verdict: a code and its figures; `describe()` puts it in words."""

    code: str
    args: dict[str, Any]


@dataclass(frozen=True)
class PersonRef:
    """Who, as printed: id, name and email (replaced by pseudonyms with --anonymize)."""

    id: str
    name: str
    email: str


@dataclass
class PairProgress:
    """One line of the report: a pair's state and health as of the date."""

    mentor: PersonRef
    mentee: PersonRef
    status: str  # state at the as-of date: proposed | active | ended
    started: dt.date | None
    ended: dt.date | None
    end_reason: str | None
    sessions_held: int  # up to the as-of date
    sessions_expected: int
    sessions_missing: int
    sessions_in_period: int
    last_meeting: dt.date | None
    days_since_last_meeting: int | None
    hours: float  # up to the as-of date
    hours_in_period: float
    goals: int
    mean_goal_progress: float | None
    mean_rating_mentor: float | None
    mean_rating_mentee: float | None
    contract_signed: bool
    health: str
    why: Reason
    exception: str | None = None  # the coordinator's reasoned exception to a pairing rule

    @property
    def severity(self) -> int:
        return SEVERITY.get(self.health, -1)

    @property
    def reason(self) -> str:
        """The reason of the verdict for machines: English, ISO dates (see `describe`)."""
        return describe(self.why, machine=True)


@dataclass(frozen=True)
class ObjectiveProgress:
    id: str
    title: str
    target: float | None
    unit: str
    latest_result: float | None
    latest_result_date: dt.date | None
    goals: int
    mean_goal_progress: float | None


@dataclass(frozen=True)
class UnsignedContract:
    mentor: PersonRef
    mentee: PersonRef
    missing: tuple[str, ...]  # "mentor", "mentee"


@dataclass(frozen=True)
class SupervisionDue:
    """A mentor whose last supervision (or first pair, if never) is older than the rhythm."""

    mentor: PersonRef
    last: dt.date | None  # last supervision; None when never supervised
    days: int  # days since then (or since their first pair started)


@dataclass(frozen=True)
class ConcernDue:
    """An open concern past its follow-up date (its description is never in a report)."""

    id: str
    about: tuple[PersonRef, ...]  # the person, or the pair's mentor and mentee
    severity: str
    follow_up: dt.date
    days_late: int


@dataclass(frozen=True)
class UnmatchedMentee:
    """A mentee with no active or proposed pair, and why (the words `pair` uses)."""

    mentee: PersonRef
    reason: str  # in the current language (`pair`'s words); withheld ("") when anonymized


@dataclass
class Programme:
    participants_by_role: dict[str, int]
    participants: int
    mentees: int
    matched_mentees: int
    match_rate_pct: float | None
    mentor_capacity: int
    mentor_use_pct: float | None
    pairs_by_status: dict[str, int]
    active_pairs: int
    engaged_pairs: int
    engagement_pct: float | None
    sessions_in_period: int
    hours_in_period: float
    sessions_to_date: int
    hours_to_date: float
    sessions_per_active_pair_per_month: float | None
    goals: int
    goals_completed: int
    goal_completion_pct: float | None
    mean_satisfaction: float | None
    mean_rating_mentor: float | None
    mean_rating_mentee: float | None
    health: dict[str, int]
    objectives: list[ObjectiveProgress]
    mentors_without_training: list[PersonRef]
    contracts_not_signed: list[UnsignedContract]
    attention: list[PairProgress]
    meetings_per_month: list[tuple[str, int]]
    unmatched: list[UnmatchedMentee] = field(default_factory=list)
    supervision_due: list[SupervisionDue] = field(default_factory=list)
    concerns_due: list[ConcernDue] = field(default_factory=list)


@dataclass
class Report:
    cohort_id: str
    cohort_name: str
    language: str  # the cohort's `language` (data for the JSON); words follow i18n.language()
    cadence: str
    cohort_start: dt.date
    cohort_end: dt.date
    as_of: dt.date
    period_kind: str  # "month" | "to-date"
    period_start: dt.date
    period_end: dt.date
    thresholds: dict[str, float]
    pairs: list[PairProgress]
    programme: Programme
    coordinator: PersonRef | None = None
    anonymized: bool = False


# ---------------------------------------------------------------- building


class _Tally:
    """Running sums of one pair's sessions (never the notes)."""

    __slots__ = ("held", "minutes", "last", "in_period", "minutes_in_period",
                 "r_mentor", "n_mentor", "r_mentee", "n_mentee")

    def __init__(self) -> None:
        self.held = 0
        self.minutes = 0
        self.last: dt.date | None = None
        self.in_period = 0
        self.minutes_in_period = 0
        self.r_mentor = 0
        self.n_mentor = 0
        self.r_mentee = 0
        self.n_mentee = 0


def _mean(total: float, count: int, digits: int = 2) -> float | None:
    return round(total / count, digits) if count else None


def _pct(part: float, whole: float) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _person(people: dict[str, Participant], pid: str) -> PersonRef:
    p = people.get(pid)
    if p is None:
        return PersonRef(pid, pid, "")
    return PersonRef(p.id, p.name, p.email)


def _status_at(pair: Pair, start: dt.date, as_of: dt.date) -> str:
    """The pair's state at `as_of`: a past month sees a later ending as still active, and a
    pair that starts after `as_of` (its `started`, or the cohort start) as not started."""
    if pair.status == "proposed" or start > as_of:
        return "proposed"
    if pair.status == "ended" and (pair.ended is None or pair.ended <= as_of):
        return "ended"
    return "active"


def build_report(
    model: CohortFile,
    *,
    as_of: dt.date,
    month: str | None = None,
) -> Report:
    """The progress report of `model` as of `as_of`, or for calendar `month` ('YYYY-MM').

    With `month`, `as_of` is today: the state is the one at the month's last day (or today,
    for the current month; a month that has not begun is refused) and the period figures
    count the sessions held in that month. Otherwise the period runs from the cohort's start
    to the as-of date.
    """
    cohort = model.cohort
    if month is not None:
        period_start, month_end = parse_month(month)
        if period_start > as_of:
            raise UsageError(_("--month {month}: that month has not begun yet (today is "
                               "{today})").format(month=month, today=as_of.isoformat()))
        as_of = period_end = min(month_end, as_of)
        period_kind = "month"
    else:
        period_start = cohort.start
        period_end = min(as_of, cohort.end)
        if period_end < period_start:  # before the cohort starts: an empty period
            period_start = period_end = as_of
        period_kind = "to-date"
    cadence = cohort.cadence
    fu = model.follow_up
    people = model.people()

    # One pass over the sessions: per-pair tallies, the month histogram, programme ratings.
    tallies: dict[tuple[str, str], _Tally] = {}
    per_month: dict[str, int] = {}
    sessions_to_date = 0
    minutes_to_date = 0
    sessions_in_period = 0
    minutes_in_period = 0
    p_r_mentor = p_n_mentor = p_r_mentee = p_n_mentee = 0
    for s in model.sessions:
        day = s.date
        if day > as_of:
            continue
        key = (s.mentor, s.mentee)
        t = tallies.get(key)
        if t is None:
            t = tallies[key] = _Tally()
        minutes = s.minutes
        t.held += 1
        t.minutes += minutes
        if t.last is None or day > t.last:
            t.last = day
        rating = s.rating
        r_mentor = r_mentee = None
        if rating is not None:
            r_mentor, r_mentee = rating.mentor, rating.mentee
            if r_mentor is not None:
                t.r_mentor += r_mentor
                t.n_mentor += 1
            if r_mentee is not None:
                t.r_mentee += r_mentee
                t.n_mentee += 1
        sessions_to_date += 1
        minutes_to_date += minutes
        mkey = _month_key(day)
        per_month[mkey] = per_month.get(mkey, 0) + 1
        if day >= period_start:
            t.in_period += 1
            t.minutes_in_period += minutes
            sessions_in_period += 1
            minutes_in_period += minutes
            if r_mentor is not None:
                p_r_mentor += r_mentor
                p_n_mentor += 1
            if r_mentee is not None:
                p_r_mentee += r_mentee
                p_n_mentee += 1

    horizon_cap = min(as_of, cohort.end)
    from mentorcli.evaluation.alerts import survey_signals

    signals = survey_signals(model, as_of, fu.at_risk_rating)  # survey answers of pairs
    rows: list[PairProgress] = []
    empty = _Tally()
    active_sessions = 0  # in the period, of the pairs active at the as-of date
    active_months = 0.0  # the months of the period each of those pairs was running
    for pair in model.pairs:
        t = tallies.get((pair.mentor, pair.mentee), empty)
        started = pair.started
        start = started if started is not None else cohort.start
        status = _status_at(pair, start, as_of)
        if status == "active":
            active_sessions += t.in_period
            active_months += months_spanned(max(start, period_start),
                                            min(period_end, cohort.end))
        horizon = horizon_cap
        if status == "ended":  # without `ended:`, the assumed end (schedule.pair_end)
            horizon = min(horizon, pair_end(model, pair) or horizon)
        expected = periods_between(start, horizon, cadence) if status != "proposed" else 0
        missing = max(0, expected - t.held)
        mean_mentor = _mean(t.r_mentor, t.n_mentor)
        mean_mentee = _mean(t.r_mentee, t.n_mentee)
        goals = pair.goals
        mean_progress = (
            round(sum(g.progress for g in goals) / len(goals), 1) if goals else None
        )
        signed = pair.signed
        contract_signed = bool(
            signed is not None and signed.mentor is not None and signed.mentee is not None
            and signed.mentor <= as_of and signed.mentee <= as_of
        )
        health, why = _verdict(
            status=status, pair=pair, start=start, horizon=horizon, last=t.last,
            expected=expected, held=t.held, missing=missing, mean_mentor=mean_mentor,
            mean_mentee=mean_mentee, cadence=cadence, fu=fu,
        )
        signal = signals.get((pair.mentor, pair.mentee))
        if signal is not None and status == "active" and health in (ON_TRACK, BEHIND):
            health, why = AT_RISK, Reason("at_risk_survey", {
                "stage": signal.stage, "low": signal.low, "disagree": signal.disagree,
                "missing": missing, "expected": expected})
        rows.append(PairProgress(
            mentor=_person(people, pair.mentor),
            mentee=_person(people, pair.mentee),
            status=status,
            started=started,
            ended=pair.ended if status == "ended" else None,
            end_reason=pair.end_reason if status == "ended" else None,
            sessions_held=t.held,
            sessions_expected=expected,
            sessions_missing=missing,
            sessions_in_period=t.in_period,
            last_meeting=t.last,
            days_since_last_meeting=(as_of - t.last).days if t.last is not None else None,
            hours=round(t.minutes / 60, 2),
            hours_in_period=round(t.minutes_in_period / 60, 2),
            goals=len(goals),
            mean_goal_progress=mean_progress,
            mean_rating_mentor=mean_mentor,
            mean_rating_mentee=mean_mentee,
            contract_signed=contract_signed,
            health=health,
            why=why,
            exception=pair.exception,
        ))

    programme = _programme(
        model, rows, people, as_of=as_of, per_month=per_month, sessions_to_date=sessions_to_date,
        minutes_to_date=minutes_to_date, sessions_in_period=sessions_in_period,
        minutes_in_period=minutes_in_period,
        ratings=(p_r_mentor, p_n_mentor, p_r_mentee, p_n_mentee),
        active_rate=(active_sessions, active_months),
    )
    coordinator = None
    if cohort.coordinator is not None:
        coordinator = PersonRef("coordinator", cohort.coordinator.name,
                                cohort.coordinator.email)
    return Report(
        cohort_id=cohort.id,
        cohort_name=cohort.name,
        language=cohort.language,
        cadence=cadence,
        cohort_start=cohort.start,
        cohort_end=cohort.end,
        as_of=as_of,
        period_kind=period_kind,
        period_start=period_start,
        period_end=period_end,
        thresholds={
            "behind_missing": fu.behind_missing,
            "at_risk_missing": fu.at_risk_missing,
            "at_risk_rating": fu.at_risk_rating,
            "inactive_periods": fu.inactive_periods,
        },
        pairs=rows,
        programme=programme,
        coordinator=coordinator,
    )


def _verdict(
    *, status: str, pair: Pair, start: dt.date, horizon: dt.date, last: dt.date | None,
    expected: int, held: int, missing: int, mean_mentor: float | None,
    mean_mentee: float | None, cadence: str, fu: FollowUp,
) -> tuple[str, Reason]:
    """(health, reason) of one pair; see the module docstring for the rules."""
    if status == "ended":
        return ENDED, Reason("ended", {"date": pair.ended, "why": (pair.end_reason or "").strip()})
    if status == "proposed":
        if pair.status == "proposed":
            return NOT_STARTED, Reason("proposed", {})
        return NOT_STARTED, Reason("starts", {"date": start})
    periods = fu.inactive_periods
    reference = last if last is not None else start
    if add_periods(reference, cadence, periods) <= horizon:
        args = {"periods": periods, "cadence": cadence}
        if last is None:
            return INACTIVE, Reason("inactive_never", {**args, "date": start})
        return INACTIVE, Reason("inactive", {**args, "date": last})
    limit = fu.at_risk_rating
    low = tuple(
        (side, mean) for side, mean in (("mentor", mean_mentor), ("mentee", mean_mentee))
        if mean is not None and mean <= limit
    )
    counts = {"missing": missing, "expected": expected}
    if missing >= fu.at_risk_missing:
        return AT_RISK, Reason("at_risk_missing", {**counts, "low": low, "limit": limit})
    if low:
        return AT_RISK, Reason("at_risk_rating", {**counts, "low": low, "limit": limit})
    if missing >= fu.behind_missing:
        return BEHIND, Reason("behind", counts)
    if expected == 0:
        return ON_TRACK, Reason("none_expected", {**counts, "held": held})
    if missing:
        return ON_TRACK, Reason("tolerated", counts)
    return ON_TRACK, Reason("all_held", counts)


# ---------------------------------------------------------------- reasons, in words


def _english(message: str) -> str:
    return message


def _english_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


def _voice(machine: bool) -> tuple[Any, Any, str]:
    """(`_`, `ngettext`, language) for a reason: the catalog's, in the current language, for
    people; English with ISO dates for machines (the JSON and CSV `reason`). The functions
    that use it bind them to the names `_` and `ngettext`, so that Babel extracts their
    sentences."""
    if machine:
        return _english, _english_plural, "en"
    from mentorcli import i18n

    language = i18n.language()
    return (*_remembered(str(i18n.LOCALE_DIR), language), language)


@functools.lru_cache(maxsize=8)
def _remembered(folder: str, language: str) -> tuple[Any, Any]:
    """`_` and `ngettext` of `language` that remember what they said: a report says the same
    few sentences for thousands of pairs. Called while `language` is the current one."""
    from mentorcli import i18n

    said: dict[Any, str] = {}

    def gettext(message: str) -> str:
        found = said.get(message)
        if found is None:
            found = said[message] = i18n._(message)
        return found

    def plural(singular: str, plural: str, count: int) -> str:
        key = (singular, plural, count)
        found = said.get(key)
        if found is None:
            found = said[key] = i18n.ngettext(singular, plural, count)
        return found

    return gettext, plural


def span_of_periods(periods: int, cadence: str, *, machine: bool = False) -> str:
    """`periods` cadence periods in words: '2 months', '4 weeks' (2 biweekly periods)."""
    _, ngettext, lang = _voice(machine)
    if cadence == "biweekly":
        periods, cadence = periods * 2, "weekly"
    n = format_number(periods, lang)
    if cadence == "weekly":
        return ngettext("{n} week", "{n} weeks", periods).format(n=n)
    return ngettext("{n} month", "{n} months", periods).format(n=n)


def missing_meetings(missing: int, expected: int, *, machine: bool = False) -> str:
    """'1 of 10 expected meetings missing' / '1 rencontre manquante sur 10 attendues'."""
    _, ngettext, lang = _voice(machine)
    # Two counts: the sentence agrees with `missing`, its {expected_meetings} with `expected`.
    # TRANSLATORS: {expected_meetings} is "10 expected meetings", the end of "1 of 10 expected
    # meetings missing".
    expected_meetings = ngettext("{n} expected meeting", "{n} expected meetings",
                                 expected).format(n=format_number(expected, lang))
    return ngettext("{missing} of {expected_meetings} missing",
                    "{missing} of {expected_meetings} missing", missing).format(
        missing=format_number(missing, lang), expected_meetings=expected_meetings)


def _both(first: str, second: str | None, machine: bool) -> str:
    """'mentor and mentee' (one side alone when there is no second)."""
    _ = _voice(machine)[0]
    if second is None:
        return first
    return _("{first} and {second}").format(first=first, second=second)


def _sides(items: list[str], machine: bool) -> str:
    return _both(items[0], items[1] if len(items) > 1 else None, machine) if items else ""


def _side(side: str, machine: bool) -> str:
    """'mentor' / 'mentee' ('mentoré·e') as a word."""
    _ = _voice(machine)[0]
    return _("mentee") if side == "mentee" else _("mentor")


def describe(reason: Reason, *, machine: bool = False) -> str:
    """The reason of a verdict in words, in the current language (mentorcli.i18n).

    For people, dates are in words ("2 June 2026"); with `machine` (the JSON and CSV
    `reason`), in English with ISO dates and dot decimals ("no meeting since 2026-06-02").
    """
    _, ngettext, lang = _voice(machine)
    a = reason.args
    code = reason.code

    def day(value: dt.date) -> str:
        return value.isoformat() if machine else format_date(value, lang)

    def number(value: float) -> str:
        return format_number(value, lang)

    if code == "ended":
        if a.get("withheld"):
            why = _("reason withheld")
        else:
            why = a.get("why") or _("no reason recorded")
        if a.get("date"):
            return _("ended on {date}: {why}").format(date=day(a["date"]), why=why)
        return _("ended: {why}").format(why=why)
    if code == "proposed":
        return _("proposed, waiting for approval")
    if code == "starts":
        return _("starts on {date}").format(date=day(a["date"]))
    if code in ("inactive", "inactive_never"):
        span = span_of_periods(a["periods"], a["cadence"], machine=machine)
        since = day(a["date"])
        if code == "inactive_never":
            return _("no meeting since the pair started on {date} ({span} or more)").format(
                date=since, span=span)
        return _("no meeting since {date} ({span} or more)").format(date=since, span=span)
    missing_text = missing_meetings(a["missing"], a["expected"], machine=machine)
    if code == "at_risk_survey":
        parts = []
        mid = a["stage"] == "mid"
        if a["low"]:
            sides = _sides([_side(s, machine) for s in a["low"]], machine)
            parts.append((_("mid-programme survey: low satisfaction ({sides})") if mid
                           else _("end of programme survey: low satisfaction ({sides})"))
                          .format(sides=sides))
        if a["disagree"]:
            parts.append(_("mid-programme survey: mentor and mentee disagree sharply") if mid
                         else _("end of programme survey: mentor and mentee disagree sharply"))
        if a["missing"]:
            parts.append(missing_text)
        return semicolon(lang).join(parts)
    if code in ("at_risk_missing", "at_risk_rating"):
        low = _sides([(_("mentee {rating}") if side == "mentee" else _("mentor {rating}"))
                      .format(rating=number(mean)) for side, mean in a["low"]], machine)
        low_text = _("mean rating at or under {limit} ({sides})").format(
            limit=number(a["limit"]), sides=low)
        parts = []
        if code == "at_risk_missing" or a["missing"]:
            parts.append(missing_text)
        if a["low"]:
            parts.append(low_text)
        return semicolon(lang).join(parts)
    if code == "behind":
        return missing_text
    if code == "none_expected":
        held = a.get("held", 0)
        if held:
            return ngettext("{n} meeting held, none expected yet",
                            "{n} meetings held, none expected yet", held).format(
                n=format_number(held, lang))
        return _("no meeting expected yet")
    if code == "tolerated":
        return _("{missing} (under the “behind” threshold)").format(missing=missing_text)
    expected = a["expected"]
    return ngettext("the expected meeting was held", "all {n} expected meetings held",
                    expected).format(n=format_number(expected, lang))


def _programme(
    model: CohortFile,
    rows: list[PairProgress],
    people: dict[str, Participant],
    *,
    as_of: dt.date,
    per_month: dict[str, int],
    sessions_to_date: int,
    minutes_to_date: int,
    sessions_in_period: int,
    minutes_in_period: int,
    ratings: tuple[int, int, int, int],
    active_rate: tuple[int, float],
) -> Programme:
    by_role = {"mentor": 0, "mentee": 0, "both": 0}
    mentees = 0
    capacity = 0
    for p in model.participants:
        by_role[p.role] = by_role.get(p.role, 0) + 1
        if p.can_be_mentored:
            mentees += 1
        if p.can_mentor:
            capacity += p.capacity

    by_status = {"proposed": 0, "active": 0, "ended": 0}
    health = dict.fromkeys(HEALTH_ORDER, 0)
    matched: set[str] = set()
    active = engaged = 0
    goals = completed = 0
    goal_sums: dict[str, list[int]] = {}
    unsigned: list[UnsignedContract] = []
    for pair, row in zip(model.pairs, rows, strict=True):
        by_status[row.status] += 1
        health[row.health] += 1
        if row.status == "proposed":
            continue
        for g in pair.goals:
            goals += 1
            if g.progress >= 100:
                completed += 1
            if g.objective is not None:
                acc = goal_sums.setdefault(g.objective, [0, 0])
                acc[0] += g.progress
                acc[1] += 1
        if row.status != "active":
            continue
        active += 1
        matched.add(pair.mentee)
        days = row.days_since_last_meeting
        if days is not None and days < ENGAGEMENT_DAYS:
            engaged += 1
        if not row.contract_signed:
            signed = pair.signed
            missing = tuple(
                side for side in ("mentor", "mentee")
                if signed is None or getattr(signed, side) is None
                or getattr(signed, side) > as_of
            )
            unsigned.append(UnsignedContract(row.mentor, row.mentee, missing))

    objectives = []
    for obj in model.objectives:
        latest = None
        for res in obj.results:
            if res.date <= as_of and (latest is None or res.date >= latest.date):
                latest = res
        total, count = goal_sums.get(obj.id, (0, 0))
        objectives.append(ObjectiveProgress(
            id=obj.id,
            title=obj.title,
            target=obj.target,
            unit=obj.unit,
            latest_result=latest.value if latest is not None else None,
            latest_result_date=latest.date if latest is not None else None,
            goals=count,
            mean_goal_progress=round(total / count, 1) if count else None,
        ))

    untrained = [
        _person(people, p.id) for p in model.participants
        if p.can_mentor and (p.trained is None or p.trained > as_of)
    ]

    sessions_of_active, months_of_active = active_rate
    per_pair_month = None
    if months_of_active > 0:
        per_pair_month = round(sessions_of_active / months_of_active, 2)

    r_mentor, n_mentor, r_mentee, n_mentee = ratings
    attention = sorted(
        (r for r in rows if r.severity > 0),
        key=lambda r: (-r.severity, -r.sessions_missing,
                       -(r.days_since_last_meeting if r.days_since_last_meeting is not None
                         else 10**6)),
    )
    series = _month_series(model.cohort.start, min(as_of, model.cohort.end), per_month)
    return Programme(
        participants_by_role=by_role,
        participants=len(model.participants),
        mentees=mentees,
        matched_mentees=len(matched),
        match_rate_pct=_pct(len(matched), mentees),
        mentor_capacity=capacity,
        mentor_use_pct=_pct(active, capacity),
        pairs_by_status=by_status,
        active_pairs=active,
        engaged_pairs=engaged,
        engagement_pct=_pct(engaged, active),
        sessions_in_period=sessions_in_period,
        hours_in_period=round(minutes_in_period / 60, 2),
        sessions_to_date=sessions_to_date,
        hours_to_date=round(minutes_to_date / 60, 2),
        sessions_per_active_pair_per_month=per_pair_month,
        goals=goals,
        goals_completed=completed,
        goal_completion_pct=_pct(completed, goals),
        mean_satisfaction=_mean(r_mentor + r_mentee, n_mentor + n_mentee),
        mean_rating_mentor=_mean(r_mentor, n_mentor),
        mean_rating_mentee=_mean(r_mentee, n_mentee),
        health=health,
        objectives=objectives,
        mentors_without_training=untrained,
        contracts_not_signed=unsigned,
        attention=attention,
        meetings_per_month=series,
        unmatched=_unmatched(model, people),
        **_support(model, people, as_of),
    )


def _support(model: CohortFile, people: dict[str, Participant], as_of: dt.date
             ) -> dict[str, Any]:
    """Mentors without supervision for longer than the rhythm, open concerns past their
    follow-up date (mentorcli.evaluation.alerts)."""
    from mentorcli.evaluation.alerts import alerts

    found = alerts(model, as_of)
    return {
        "supervision_due": [SupervisionDue(_person(people, u.mentor), u.last, u.days)
                            for u in found.unsupervised],
        "concerns_due": [
            ConcernDue(c.id, tuple(_person(people, pid) for pid in c.people), c.severity,
                       c.follow_up, c.days_late)
            for c in found.overdue_concerns],
    }


def _unmatched(model: CohortFile, people: dict[str, Participant]) -> list[UnmatchedMentee]:
    """The mentees left without a mentor, with the reason `pair` gives (pairing.explain)."""
    from mentorcli.pairing.explain import waiting_mentees

    return [UnmatchedMentee(_person(people, mentee), reason)
            for mentee, reason in waiting_mentees(model)]


def _month_series(first: dt.date, last: dt.date, counts: dict[str, int]) -> list[tuple[str, int]]:
    """(YYYY-MM, sessions) for every month from `first` to `last` (empty if last < first)."""
    out: list[tuple[str, int]] = []
    if last < first:
        return out
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        key = f"{year:04d}-{month:02d}"
        out.append((key, counts.get(key, 0)))
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return out


def fails(report: Report, level: str) -> bool:
    """True when some pair is at `level` ('behind', 'at-risk', 'inactive') or worse; or, for
    'supervision', 'concerns' and 'untrained', when that list of the report is not empty."""
    p = report.programme
    if level in FAIL_SUPPORT:
        return bool({"supervision": p.supervision_due, "concerns": p.concerns_due,
                     "untrained": p.mentors_without_training}[level])
    try:
        threshold = SEVERITY[FAIL_LEVELS[level]]
    except KeyError:
        raise UsageError(_("--fail-on {value}: expected one of {levels}").format(
            value=repr(level), levels=", ".join(FAIL_LEVELS))) from None
    return any(row.severity >= threshold for row in report.pairs)


def report_file(path: str | Path, *, as_of: dt.date, month: str | None = None,
                pseudonym_key: str | None = None) -> Report:
    """The progress report of the cohort at `path` (the use case of `mentorcli report`):
    read and validate the file once, build the report as of `as_of` (or at the end of
    `month`), pseudonymise it when `pseudonym_key` is given, and escape control
    characters in every string, ready for any format."""
    from mentorcli.reports.anonymize import anonymize
    from mentorcli.store.loading import load_cohort
    from mentorcli.text_safety import escape_strings

    if month is not None:
        parse_month(month)  # a bad month is a usage error before the file is read
    built = build_report(load_cohort(path).model, as_of=as_of, month=month)
    if pseudonym_key is not None:
        built = anonymize(built, pseudonym_key)
    return escape_strings(built)

"""Planned meeting dates of a mentoring pair: pure date arithmetic, no I/O, deterministic.

The same dates feed the contract (`mentorcli contracts`) and the calendar files
(`mentorcli schedule`), so both always agree.

The rules (documented in docs/contracts.md):

* **Period.** A pair meets from its `started` date (or the cohort `start` when the pair has
  none) to the cohort `end`, or to the pair's `ended` date when that comes first. Both ends
  are included.
* **Cadence.** `weekly`: every 7 days from the first day; `biweekly`: every 14 days;
  `monthly`: the same day of the month as the first day, every month; in a month too short
  for that day (the 31st in April, the 29th-31st in February) the last day of the month.
* **Working days.** Meetings fall Monday to Friday. A date on a Saturday or Sunday moves to
  the following Monday. Weekly and biweekly meetings thus keep one weekday all along (a
  period starting on a weekend meets on Mondays), and a last meeting whose Monday would
  fall after the end of the period is dropped. Monthly meetings move back to the Friday
  before instead when the Monday would be in the next month (every month keeps its one
  meeting; the "modified following" rule) or after the end of the period. A date is never
  moved before the first day of the period.
  Public holidays are not known to mentorcli: the pair moves such a meeting by hand.
* **Meeting days.** `cohort.meetings.days` (default Monday to Friday) and a pair's
  `meeting.day` move each date forward to the next day allowed (a pair's own day first); a
  date moved past the end of the period is dropped.
* **Slots.** `plan_slots` gives each pair a start time (its `meeting.time`, else the time of
  its previous calendar, else the first free start of `cohort.meetings` `start`-`end` in steps
  of `session_minutes`) such that nobody has two meetings at the same time on any date; it
  says which pairs found no free start (the window is too small).

The dates are strictly increasing, all on working days, all inside the period; weekly
meetings are exactly 7 days apart, biweekly ones 14.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from mentorcli.i18n import _
from mentorcli.model import WEEKDAYS, CohortFile, Pair

CADENCES = ("weekly", "biweekly", "monthly")

_STEP_DAYS = {"weekly": 7, "biweekly": 14}


@dataclass(frozen=True)
class Checkins:
    """The two evaluation meetings of a pair: mid-point and final (None if no meeting)."""

    midpoint: dt.date | None
    final: dt.date | None


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday."""
    return day.weekday() < 5


def add_months(day: dt.date, months: int, day_of_month: int | None = None) -> dt.date:
    """`day` moved by whole months, on `day_of_month` (default: `day`'s), clamped to month end."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    wanted = day.day if day_of_month is None else day_of_month
    return dt.date(year, month, min(wanted, calendar.monthrange(year, month)[1]))


def _place_on_working_day(
    day: dt.date, earliest: dt.date, latest: dt.date, monthly: bool
) -> dt.date | None:
    """The working day a meeting planned on `day` happens on, or None (see module docs)."""
    if is_working_day(day):
        return day if earliest <= day <= latest else None
    monday = day + dt.timedelta(days=7 - day.weekday())
    monday_fits = monday <= latest
    if not monthly:
        return monday if monday_fits else None
    if monday_fits and monday.month == day.month:
        return monday
    friday = day - dt.timedelta(days=day.weekday() - 4)
    if friday >= earliest:
        return friday
    return monday if monday_fits else None  # the first meeting: never before the start


def planned_dates(start: dt.date, end: dt.date, cadence: str) -> list[dt.date]:
    """The meeting dates from `start` to `end` (both included) at `cadence`, on working days."""
    if cadence not in CADENCES:
        raise ValueError(f"unknown cadence {cadence!r}; expected one of {', '.join(CADENCES)}")
    dates: list[dt.date] = []
    if end < start:
        return dates
    index = 0
    while True:
        if cadence == "monthly":
            nominal = add_months(start, index, start.day)
        else:
            nominal = start + dt.timedelta(days=_STEP_DAYS[cadence] * index)
        if nominal > end:
            break
        placed = _place_on_working_day(nominal, start, end, monthly=cadence == "monthly")
        # Strictly increasing by construction (each placement moves a date by at most two
        # days, and nominal dates are at least 7 days apart); the check keeps it so.
        if placed is not None and (not dates or placed > dates[-1]):
            dates.append(placed)
        index += 1
    return dates


def assumed_end(model: CohortFile, pair: Pair,
                last_meeting: dt.date | None = None) -> tuple[dt.date, str]:
    """The end of an ended pair without `ended:`: its last logged meeting, else its start
    (`started`, else the cohort start); with the words saying which (in the current language).
    `last_meeting` may be given by a caller that already knows it."""
    if last_meeting is None:
        days = [s.date for s in model.sessions
                if s.mentor == pair.mentor and s.mentee == pair.mentee]
        last_meeting = max(days) if days else None
    if last_meeting is not None:
        return last_meeting, _("its last meeting")
    return pair.started or model.cohort.start, _("its start")


def pair_end(model: CohortFile, pair: Pair) -> dt.date | None:
    """The day a pair ended: `ended:`, or for an ended pair without it the assumed day
    (`assumed_end`); None while the pair has not ended."""
    if pair.ended is not None:
        return pair.ended
    if pair.status == "ended":
        return assumed_end(model, pair)[0]
    return None


def pair_period(model: CohortFile, pair: Pair) -> tuple[dt.date, dt.date]:
    """First and last day a pair can meet: started (or cohort start) to cohort end (or the
    day it ended, `pair_end`)."""
    first = pair.started or model.cohort.start
    last = model.cohort.end
    ended = pair_end(model, pair)
    if ended is not None and ended < last:
        last = ended
    return first, last


def pair_schedule(model: CohortFile, pair: Pair) -> list[dt.date]:
    """The planned meeting dates of `pair` at the cohort cadence, on its meeting days."""
    first, last = pair_period(model, pair)
    dates = planned_dates(first, last, model.cohort.cadence)
    allowed = meeting_weekdays(model, pair)
    if allowed == frozenset(range(5)):
        return dates
    moved: list[dt.date] = []
    for day in dates:
        while day.weekday() not in allowed:
            day += dt.timedelta(days=1)
        if day <= last and (not moved or day > moved[-1]):
            moved.append(day)
    return moved


def meeting_weekdays(model: CohortFile, pair: Pair) -> frozenset[int]:
    """The weekdays (0 = Monday) the pair's meetings may fall on: its `meeting.day`, else
    `cohort.meetings.days`."""
    if pair.meeting is not None and pair.meeting.day is not None:
        return frozenset([WEEKDAYS.index(pair.meeting.day)])
    return frozenset(WEEKDAYS.index(d) for d in model.cohort.meetings.days) or \
        frozenset(range(5))


def clock(text: str) -> dt.time:
    """'14:30' -> time(14, 30)."""
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def pair_location(model: CohortFile, pair: Pair) -> str | None:
    """Where the pair meets: its `meeting.location`, else `cohort.meetings.location`."""
    if pair.meeting is not None and pair.meeting.location:
        return pair.meeting.location
    return model.cohort.meetings.location


@dataclass(frozen=True)
class SlotPlan:
    """Each pair's meeting start, and what could not be done as asked."""

    times: dict[tuple[str, str], dt.time]  # (mentor, mentee) -> local start time
    # (mentor, mentee) -> a preferred time that was taken: where the pair went instead (a
    # sentence in the current language)
    moved: dict[tuple[str, str], str]
    unplaced: list[str]  # pairs that found no free start: the window is too small


def plan_slots(model: CohortFile, pairs: list[Pair],
               previous: dict[tuple[str, str], dt.time] | None = None,
               zones: dict[tuple[str, str], str | None] | None = None) -> SlotPlan:
    """A start time for each pair such that no person has two meetings at the same time.

    Pairs with their own `meeting.time` are placed first, then pairs with a previous time
    (`previous`: the start of their last calendar, so a new pair never moves an old one),
    then the others; by mentor and mentee id within each group. A pair takes its wanted time
    if it is free, else the first free start from `cohort.meetings.start` on, in steps of
    `session_minutes`, ending by `cohort.meetings.end`. Times are compared as instants in each
    pair's time zone (`zones`; None: floating, compared as written).
    """
    from zoneinfo import ZoneInfo

    previous = previous or {}
    zones = zones or {}
    window = model.cohort.meetings
    minutes = dt.timedelta(minutes=model.cohort.session_minutes)
    day0 = dt.date(2000, 1, 3)
    first, end = dt.datetime.combine(day0, clock(window.start)), \
        dt.datetime.combine(day0, clock(window.end))
    starts = []
    at = first
    while at + minutes <= end:
        starts.append(at.time())
        at += minutes

    def wanted(pair: Pair) -> dt.time | None:
        if pair.meeting is not None and pair.meeting.time is not None:
            return clock(pair.meeting.time)
        return previous.get((pair.mentor, pair.mentee))

    def group(pair: Pair) -> int:
        own = pair.meeting is not None and pair.meeting.time is not None
        return 0 if own else 1 if (pair.mentor, pair.mentee) in previous else 2

    booked: _Booked = {}
    times: dict[tuple[str, str], dt.time] = {}
    moved: dict[tuple[str, str], str] = {}
    unplaced: list[str] = []
    for pair in sorted(pairs, key=lambda p: (group(p), p.mentor, p.mentee)):
        key = (pair.mentor, pair.mentee)
        zone_name = zones.get(key)
        zone = ZoneInfo(zone_name) if zone_name else None
        dates = pair_schedule(model, pair)
        people = (pair.mentor, pair.mentee)
        asked = wanted(pair)
        candidates = ([asked] if asked is not None else []) + [t for t in starts
                                                               if t != asked]
        chosen = next((t for t in candidates
                       if _free(booked, people, _intervals(dates, t, zone, minutes))), None)
        if chosen is None:
            unplaced.append(f"{pair.mentor} -> {pair.mentee}")
            chosen = asked if asked is not None else (starts[0] if starts else clock(
                window.start))
        elif asked is not None and chosen != asked and group(pair) == 0:
            from mentorcli.localize import format_time

            moved[key] = _("{pair}: {asked} is taken by another meeting of the same person; "
                           "booked at {chosen}").format(pair=f"{pair.mentor} -> {pair.mentee}",
                                                        asked=format_time(asked),
                                                        chosen=format_time(chosen))
        times[key] = chosen
        for day, begin, stop in _intervals(dates, chosen, zone, minutes):
            for person in people:
                booked.setdefault(person, {}).setdefault(day, []).append((begin, stop))
    return SlotPlan(times, moved, sorted(unplaced))


_Booked = dict[str, dict[dt.date, list[tuple[dt.datetime, dt.datetime]]]]


def _intervals(dates: list[dt.date], start: dt.time, zone: Any, length: dt.timedelta
               ) -> list[tuple[dt.date, dt.datetime, dt.datetime]]:
    """(day, begin, end) of each meeting, as naive UTC instants (floating: as written)."""
    out = []
    for day in dates:
        begin = dt.datetime.combine(day, start, tzinfo=zone)
        if zone is not None:
            begin = begin.astimezone(dt.UTC).replace(tzinfo=None)
        out.append((day, begin, begin + length))
    return out


def _free(booked: _Booked, people: tuple[str, str],
          meetings: list[tuple[dt.date, dt.datetime, dt.datetime]]) -> bool:
    """Whether none of `people` has a booked meeting overlapping one of `meetings`."""
    one_day = dt.timedelta(days=1)
    for day, begin, stop in meetings:
        for person in people:
            by_day = booked.get(person)
            if not by_day:
                continue
            for near in (day - one_day, day, day + one_day):  # time zones shift the day
                for other_begin, other_stop in by_day.get(near, ()):
                    if begin < other_stop and other_begin < stop:
                        return False
    return True


def checkins(dates: list[dt.date], first: dt.date, last: dt.date) -> Checkins:
    """Evaluation meetings: the first planned meeting on or after the middle of the period
    (mid-point check-in) and the last planned meeting (final check-in)."""
    if not dates:
        return Checkins(None, None)
    middle = first + (last - first) / 2
    midpoint = next((d for d in dates if d >= middle), dates[-1])
    return Checkins(midpoint, dates[-1])


def pair_checkins(model: CohortFile, pair: Pair) -> Checkins:
    """Mid-point and final check-in dates of `pair` (see `checkins`)."""
    first, last = pair_period(model, pair)
    return checkins(pair_schedule(model, pair), first, last)

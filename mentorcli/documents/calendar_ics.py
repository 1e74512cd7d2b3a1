"""One iCalendar (RFC 5545) file per pair: its planned meetings as events.

`pair_calendar` is pure (data in, bytes out); `build_calendars` reads the previous files of
the output folder (to keep sequences) and says what it would write.

Choices (documented in docs/contracts.md):

* one VEVENT per date of `mentorcli.schedule.pair_schedule` (the dates of the contract);
* each meeting starts at the pair's slot (`mentorcli.schedule.plan_slots`: its
  `meeting.time`, else its previous start, else the first start of `cohort.meetings` where
  neither person already meets; 10:00 by default) local time and lasts `session_minutes`;
* the time zone is the mentor's `timezone`, else the mentee's; the file carries its VTIMEZONE.
  When neither has one, the times are "floating" (RFC 5545 section 3.3.5): the same clock
  time in whatever time zone each calendar is shown in;
* LOCATION is the pair's `meeting.location`, else `cohort.meetings.location`; a web address
  also goes into URL (the video link);
* ORGANIZER is the cohort coordinator, or the mentor when the cohort has no coordinator;
  mentor and mentee are ATTENDEEs;
* UID `<cohort>-<mentor>--<mentee>-<NNN>@mentorcli`, NNN the meeting number (001, 002...):
  re-importing an updated file moves the existing events instead of adding duplicates;
* SEQUENCE and DTSTAMP come from the previous file: an event whose content is unchanged keeps
  them (a re-run gives the same bytes); a changed event gets SEQUENCE + 1 and DTSTAMP the day
  of the run (never earlier than its previous stamp + 1 s); a new event has SEQUENCE 0 and
  DTSTAMP the first day of the pair's period, 00:00 UTC, never the clock;
* an event of the previous file that is no longer planned (the pair ended, the period or
  cadence changed) is kept with STATUS:CANCELLED (SEQUENCE + 1 once), so calendars remove it;
* the texts (X-WR-CALNAME, SUMMARY, DESCRIPTION) are in the current language
  (`mentorcli.i18n.language()`: --lang, MENTORCLI_LANG, the cohort's, the locale), from the
  message catalogs; re-running in the same language gives the same bytes, another language
  changes the texts (and so raises the SEQUENCE of each event once);
* every text (names, cohort name, place) has its control characters made visible
  (mentorcli.text_safety) and, where one line is needed (names, SUMMARY, LOCATION), its
  line breaks too (in a CN= parameter a backslash is shown as U+2216 "∖"): whatever the
  file holds, the output is valid iCalendar.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorcli.i18n import N_, _
from mentorcli.model import CohortFile, Pair, Participant
from mentorcli.schedule import (
    SlotPlan,
    clock,
    pair_location,
    pair_period,
    pair_schedule,
    plan_slots,
)
from mentorcli.text_safety import escape_controls

MEETING_TIME = dt.time(10, 0)
PRODID = "-//mentorcli//Mentoring meetings//EN"

#: The texts of a calendar (English msgids; `_()` gives the current language).
CALENDAR_NAME = N_("Mentoring: {mentor} & {mentee}")
SUMMARY = N_("Mentoring: {mentor} & {mentee}")
DESCRIPTION = N_(
    "Mentoring meeting {number} of {count} ({minutes} minutes), {cohort}.\n"
    "Mentor: {mentor}. Mentee: {mentee}.\n"
    "Planned by mentorcli from the cohort file: move it together if needed."
)

# Line and paragraph separators: one-line values must not hold them either.
_BREAKS = re.compile("[\n\r\t\u2028\u2029\u0085]")


def one_line(text: str) -> str:
    """`text` safe for a one-line value: controls visible, line breaks as spaces."""
    return escape_controls(_BREAKS.sub(" ", text))


def param_text(text: str) -> str:
    """`text` safe for a parameter value (CN=): one line, and a backslash shown as U+2216
    (a backslash before the `:` that ends an unquoted parameter is misread by parsers)."""
    return one_line(text).replace("\\", "\u2216")


def multi_line(text: str) -> str:
    """`text` safe for a TEXT value that may hold line breaks (DESCRIPTION)."""
    return escape_controls(text.replace("\r\n", "\n").replace("\u2028", "\n")
                           .replace("\u2029", "\n"))


def event_uid(cohort_id: str, mentor: str, mentee: str, number: int) -> str:
    """The stable UID of meeting `number` (1-based) of a pair."""
    return f"{cohort_id}-{mentor}--{mentee}-{number:03d}@mentorcli"


def pair_timezone(mentor: Participant, mentee: Participant) -> str | None:
    """The IANA zone of the pair's meetings: the mentor's, else the mentee's, else None."""
    return mentor.timezone or mentee.timezone


def _person(model: CohortFile, pid: str) -> Participant:
    person = model.person(pid)
    if person is None:  # a validated model never gets here
        raise ValueError(f"no participant {pid!r} in the cohort")
    return person


# ------------------------------------------------------------------ the previous file


@dataclass(frozen=True)
class OldEvent:
    """An event of the previous calendar file, as written."""

    uid: str
    sequence: int
    stamp: dt.datetime | None
    content: tuple[str, ...]  # its lines (unfolded) without SEQUENCE and DTSTAMP
    block: str  # the VEVENT text, to cancel it
    cancelled: bool


def _unfolded(data: bytes) -> list[str]:
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return re.sub(r"\n[ \t]", "", text).split("\n")


def _events(lines: list[str]) -> list[list[str]]:
    blocks, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = [line]
        elif current is not None:
            current.append(line)
            if line == "END:VEVENT":
                blocks.append(current)
                current = None
    return blocks


def _content(block: list[str]) -> tuple[str, ...]:
    return tuple(line for line in block
                 if line and not line.startswith(("SEQUENCE:", "DTSTAMP:", "DTSTAMP;")))


def previous_events(data: bytes | None) -> dict[str, OldEvent]:
    """The events of a calendar file mentorcli wrote before, by UID (empty if unreadable)."""
    if not data:
        return {}
    found: dict[str, OldEvent] = {}
    for block in _events(_unfolded(data)):
        fields = dict(line.split(":", 1) for line in block if ":" in line and ";" not in
                      line.split(":", 1)[0])
        uid = fields.get("UID")
        if not uid:
            continue
        try:
            sequence = int(fields.get("SEQUENCE", "0"))
        except ValueError:
            sequence = 0
        stamp = None
        raw = fields.get("DTSTAMP", "")
        try:
            stamp = dt.datetime.strptime(raw, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
        except ValueError:
            stamp = None
        found[uid] = OldEvent(uid, sequence, stamp, _content(block),
                              "\r\n".join(block) + "\r\n",
                              fields.get("STATUS") == "CANCELLED")
    return found


def previous_start(data: bytes | None) -> dt.time | None:
    """The start time of the first planned event of a previous calendar file."""
    for event in previous_events(data).values():
        if event.cancelled:
            continue
        for line in event.content:
            match = re.match(r"DTSTART[^:]*:\d{8}T(\d{2})(\d{2})\d{2}", line)
            if match:
                return dt.time(int(match.group(1)), int(match.group(2)))
    return None


# ------------------------------------------------------------------ one pair's calendar


def pair_calendar(model: CohortFile, pair: Pair, start: dt.time = MEETING_TIME,
                  previous: bytes | None = None, today: dt.date | None = None) -> bytes:
    """The iCalendar document of the pair's planned meetings, as bytes (CRLF lines).

    `start`: the local start of each meeting (see `schedule.plan_slots`). `previous`: the
    pair's calendar file as written before (sequences kept or raised, meetings no longer
    planned cancelled). `today`: the stamp of events that changed (default: the pair's first
    day).
    """
    from mentorcli import i18n

    with i18n.cohort_language(model.cohort.language):  # unless --lang says another
        return _pair_calendar(model, pair, start, previous, today)


def _pair_calendar(model: CohortFile, pair: Pair, start: dt.time, previous: bytes | None,
                   today: dt.date | None) -> bytes:
    old = previous_events(previous)
    if old:  # the usual re-run: nothing changed, one serialisation tells
        unchanged = _calendar(model, pair, start, old, today, compare=False)
        if unchanged == previous:
            return unchanged
    return _calendar(model, pair, start, old, today, compare=True)


def _calendar(model: CohortFile, pair: Pair, start: dt.time, old: dict[str, OldEvent],
              today: dt.date | None, compare: bool) -> bytes:
    """The calendar; with `compare` False, every event of `old` is taken as unchanged (its
    sequence and stamp kept): the bytes are then the previous file's if nothing changed."""
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event, vCalAddress, vText

    cohort = model.cohort
    mentor = _person(model, pair.mentor)
    mentee = _person(model, pair.mentee)
    calendar_name, summary, description = _(CALENDAR_NAME), _(SUMMARY), _(DESCRIPTION)
    zone_name = pair_timezone(mentor, mentee)
    zone = ZoneInfo(zone_name) if zone_name else None
    dates = pair_schedule(model, pair)
    first, last = pair_period(model, pair)
    base_stamp = dt.datetime.combine(first, dt.time(0, 0), tzinfo=dt.UTC)
    run_stamp = dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC) if today else \
        base_stamp
    names = {"mentor": one_line(mentor.name), "mentee": one_line(mentee.name)}
    location = pair_location(model, pair)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_name.format(**names))
    if zone_name:
        calendar.add("x-wr-timezone", zone_name)

    def address(email: str, name: str, role: str | None = None) -> vCalAddress:
        value = vCalAddress(f"mailto:{email}")
        value.params["CN"] = vText(param_text(name))
        if role:
            value.params["ROLE"] = role
            value.params["PARTSTAT"] = "NEEDS-ACTION"
        return value

    if cohort.coordinator is not None:
        organizer = address(cohort.coordinator.email, cohort.coordinator.name)
    else:
        organizer = address(mentor.email, mentor.name)

    events: list[tuple[str, Any]] = []
    for number, day in enumerate(dates, start=1):
        uid = event_uid(cohort.id, pair.mentor, pair.mentee, number)
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", base_stamp)
        event.add("sequence", 0)
        event.add("dtstart", dt.datetime.combine(day, start, tzinfo=zone))
        event.add("duration", dt.timedelta(minutes=cohort.session_minutes))
        event.add("summary", summary.format(**names))
        event.add(
            "description",
            description.format(
                number=number, count=len(dates), minutes=cohort.session_minutes,
                cohort=multi_line(cohort.name), **names,
            ),
        )
        if location:
            event.add("location", one_line(location))
            if re.match(r"https?://\S+$", location.strip()):
                event.add("url", location.strip())
        event.add("organizer", organizer)
        event.add("attendee", address(mentor.email, mentor.name, "REQ-PARTICIPANT"))
        event.add("attendee", address(mentee.email, mentee.name, "REQ-PARTICIPANT"))
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        before = old.get(uid)
        if before is not None:
            if not compare or _content(_unfolded(event.to_ical())) == before.content:
                sequence, stamp = before.sequence, before.stamp or base_stamp
            else:
                sequence = before.sequence + 1
                stamp = _later(run_stamp, before.stamp)
            _replace(event, "sequence", sequence)
            _replace(event, "dtstamp", stamp)
        events.append((uid, event))

    planned = {uid for uid, _ in events}
    for uid, before in sorted(old.items()):
        if uid in planned or not uid.startswith(f"{cohort.id}-{pair.mentor}--{pair.mentee}-"):
            continue
        event = Event.from_ical(before.block)
        if not before.cancelled:
            _replace(event, "status", "CANCELLED")
            _replace(event, "sequence", before.sequence + 1)
            _replace(event, "dtstamp", _later(run_stamp, before.stamp))
        events.append((uid, event))

    for _uid, event in sorted(events, key=lambda item: item[0]):
        calendar.add_component(event)
    if zone_name:
        zone_first, zone_last = dt.date(first.year - 1, 1, 1), dt.date(last.year + 2, 1, 1)
        calendar.add_missing_timezones(first_date=zone_first, last_date=zone_last)
        _say_zone_comment(calendar, zone_first, zone_last)
    return calendar.to_ical()


def _say_zone_comment(calendar: Any, first: dt.date, last: dt.date) -> None:
    """The COMMENT icalendar writes in each VTIMEZONE ("This timezone only works from ... to
    ...", in English), in the current language (English: icalendar's own, unchanged)."""
    from mentorcli import i18n
    from mentorcli.localize import format_date

    if i18n.language() == i18n.ENGLISH:
        return
    said = _("This timezone only works from {first} to {last}.").format(
        first=format_date(first), last=format_date(last))
    for component in calendar.walk("VTIMEZONE"):
        if "COMMENT" in component:
            _replace(component, "comment", said)


def _replace(component: Any, name: str, value: Any) -> None:
    if name in component:
        del component[name]
    component.add(name, value)


def _later(stamp: dt.datetime, previous: dt.datetime | None) -> dt.datetime:
    """`stamp`, but at least one second after `previous`."""
    if previous is not None and stamp <= previous:
        return previous + dt.timedelta(seconds=1)
    return stamp


# ------------------------------------------------------------------ every pair


@dataclass
class CalendarPlan:
    """What `schedule` writes: (path, bytes) per pair, and what it must tell."""

    outputs: list[tuple[Path, bytes]] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # preferred times that were taken
    cancelled: list[str] = field(default_factory=list)  # pairs with meetings cancelled


def build_calendars(cohort_path: Path, model: CohortFile, out_dir: Path | None = None,
                    only: tuple[str, str] | None = None,
                    today: dt.date | None = None) -> CalendarPlan:
    """The calendar of every active pair (or of `only`), and of every ended pair whose
    calendar file exists (its meetings after the end cancelled). Reads the previous files of
    the folder; writes nothing. UsageError when a pair finds no free slot."""
    from mentorcli.documents.contracts import (
        _check_out_dir,
        default_out_dir,
        pair_file_path,
        select_pairs,
    )
    from mentorcli.errors import UsageError

    folder = out_dir if out_dir is not None else default_out_dir(cohort_path, model, "calendars")
    _check_out_dir(folder)
    chosen = select_pairs(model, only, False, "calendars")
    ended = [] if only is not None else [
        p for p in model.pairs if p.status == "ended"
        and pair_file_path(folder, p, "ics").is_file()]
    # Everybody's meetings count for the slots: every active and ended pair.
    booked = [p for p in model.pairs if p.status in ("active", "ended")]

    def read(pair: Pair) -> bytes | None:
        path = pair_file_path(folder, pair, "ics")
        try:
            return path.read_bytes() if path.is_file() else None
        except OSError:
            return None

    previous = {(p.mentor, p.mentee): read(p) for p in booked}
    starts = {key: t for key, data in previous.items()
              if (t := previous_start(data)) is not None}
    people = model.people()
    zones = {(p.mentor, p.mentee): pair_timezone(people[p.mentor], people[p.mentee])
             for p in booked if p.mentor in people and p.mentee in people}
    slots: SlotPlan = plan_slots(model, booked, starts, zones)
    wanted = {(p.mentor, p.mentee) for p in chosen + ended}
    unplaced = [u for u in slots.unplaced if tuple(u.split(" -> ")) in wanted]
    if unplaced:
        window = model.cohort.meetings
        from mentorcli.localize import format_time

        raise UsageError(_(
            "no free meeting time for {pairs}: someone in the pair already meets at every "
            "start from {start} to {end} ({minutes} minutes each) on the same dates; widen "
            "cohort.meetings (start, end, days) or give a pair its own `meeting: {{day: ..., "
            "time: ...}}`; nothing was written").format(
                pairs=", ".join(unplaced), start=format_time(clock(window.start)),
                end=format_time(clock(window.end)), minutes=model.cohort.session_minutes))
    plan = CalendarPlan(moved=[said for key, said in slots.moved.items() if key in wanted])
    for pair in chosen + ended:
        key = (pair.mentor, pair.mentee)
        data = pair_calendar(model, pair, slots.times.get(key, MEETING_TIME), previous[key],
                             today)
        plan.outputs.append((pair_file_path(folder, pair, "ics"), data))
        if pair.status == "ended" and data != previous[key]:
            plan.cancelled.append(f"{pair.mentor} -> {pair.mentee}")
    return plan

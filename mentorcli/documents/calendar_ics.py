"""One iCalendar (RFC 5545) file per pair: its planned meetings as events. Pure: data in, bytes out.

Choices (documented in docs/contracts.md):

* one VEVENT per date of `mentorcli.schedule.pair_schedule` (the dates of the contract);
* each meeting starts at `MEETING_TIME` (10:00) local time and lasts `session_minutes`;
* the time zone is the mentor's `timezone`, else the mentee's; the file carries its VTIMEZONE.
  When neither has one, the times are "floating" (RFC 5545 section 3.3.5): 10:00 in whatever
  time zone each calendar is shown in;
* ORGANIZER is the cohort coordinator, or the mentor when the cohort has no coordinator;
  mentor and mentee are ATTENDEEs;
* UID `<cohort>-<mentor>--<mentee>-<NNN>@mentorcli`, NNN the meeting number (001, 002...):
  re-importing an updated file (new start date, new cadence) moves the existing events
  instead of adding duplicates;
* DTSTAMP is derived from the data (the first day of the pair's period, 00:00 UTC), never
  the clock, and SEQUENCE is 0, so the same data always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt

from mentorcli.model import CohortFile, Pair, Participant
from mentorcli.schedule import pair_period, pair_schedule

MEETING_TIME = dt.time(10, 0)
PRODID = "-//mentorcli//Mentoring meetings//EN"

_TEXT = {
    "en": {
        "summary": "Mentoring: {mentor} & {mentee}",
        "description": (
            "Mentoring meeting {number} of {count} ({minutes} minutes), {cohort}.\n"
            "Mentor: {mentor}. Mentee: {mentee}.\n"
            "Planned by mentorcli from the cohort file: move it together if needed."
        ),
        "calname": "Mentoring: {mentor} & {mentee}",
    },
    "fr": {
        "summary": "Mentorat\u00a0: {mentor} et {mentee}",
        "description": (
            "Rencontre de mentorat {number} sur {count} ({minutes}\u00a0minutes), {cohort}.\n"
            "Mentor\u00a0: {mentor}. Mentoré\u00a0: {mentee}.\n"
            "Date prévue par mentorcli d’après le fichier de la cohorte\u00a0: "
            "déplacez-la d’un commun accord si besoin."
        ),
        "calname": "Mentorat\u00a0: {mentor} et {mentee}",
    },
}


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


def pair_calendar(model: CohortFile, pair: Pair) -> bytes:
    """The iCalendar document of the pair's planned meetings, as bytes (CRLF lines)."""
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event, vCalAddress, vText

    cohort = model.cohort
    mentor = _person(model, pair.mentor)
    mentee = _person(model, pair.mentee)
    text = _TEXT.get(cohort.language, _TEXT["en"])
    zone_name = pair_timezone(mentor, mentee)
    zone = ZoneInfo(zone_name) if zone_name else None
    dates = pair_schedule(model, pair)
    first, last = pair_period(model, pair)
    stamp = dt.datetime.combine(first, dt.time(0, 0), tzinfo=dt.UTC)
    names = {"mentor": mentor.name, "mentee": mentee.name}

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", text["calname"].format(**names))
    if zone_name:
        calendar.add("x-wr-timezone", zone_name)

    def address(email: str, name: str, role: str | None = None) -> vCalAddress:
        value = vCalAddress(f"mailto:{email}")
        value.params["CN"] = vText(name)
        if role:
            value.params["ROLE"] = role
            value.params["PARTSTAT"] = "NEEDS-ACTION"
        return value

    if cohort.coordinator is not None:
        organizer = address(cohort.coordinator.email, cohort.coordinator.name)
    else:
        organizer = address(mentor.email, mentor.name)

    for number, day in enumerate(dates, start=1):
        event = Event()
        event.add("uid", event_uid(cohort.id, pair.mentor, pair.mentee, number))
        event.add("dtstamp", stamp)
        event.add("sequence", 0)
        event.add("dtstart", dt.datetime.combine(day, MEETING_TIME, tzinfo=zone))
        event.add("duration", dt.timedelta(minutes=cohort.session_minutes))
        event.add("summary", text["summary"].format(**names))
        event.add(
            "description",
            text["description"].format(
                number=number, count=len(dates), minutes=cohort.session_minutes,
                cohort=cohort.name, **names,
            ),
        )
        event.add("organizer", organizer)
        event.add("attendee", address(mentor.email, mentor.name, "REQ-PARTICIPANT"))
        event.add("attendee", address(mentee.email, mentee.name, "REQ-PARTICIPANT"))
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        calendar.add_component(event)

    if zone_name:
        calendar.add_missing_timezones(
            first_date=dt.date(first.year - 1, 1, 1), last_date=dt.date(last.year + 2, 1, 1)
        )
    return calendar.to_ical()

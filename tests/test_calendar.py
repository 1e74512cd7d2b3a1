"""iCalendar files of a pair: they parse back, with the right events, times and zone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
import yaml

from mentorcli.documents.calendar_ics import event_uid, pair_calendar
from mentorcli.model import CohortFile
from mentorcli.schedule import pair_schedule

DATA = Path(__file__).parent / "data"


def example_data() -> dict:
    return yaml.safe_load((DATA / "example.yaml").read_text(encoding="utf-8"))


def model_of(data: dict) -> CohortFile:
    return CohortFile.model_validate(data)


def events_of(data: bytes) -> tuple[icalendar.Calendar, list[icalendar.Event]]:
    calendar = icalendar.Calendar.from_ical(data)
    return calendar, list(calendar.walk("VEVENT"))


def test_example_pair_parses_back_with_every_meeting():
    model = model_of(example_data())
    pair = model.pairs[0]
    calendar, events = events_of(pair_calendar(model, pair))
    dates = pair_schedule(model, pair)
    assert len(events) == len(dates) == 11
    assert [e.decoded("dtstart").date() for e in events] == dates
    for event in events:
        start = event.decoded("dtstart")
        assert start.time() == dt.time(10, 0)
        assert str(start.tzinfo) == "Europe/Paris"
        assert event["dtstart"].params["TZID"] == "Europe/Paris"
        assert event.decoded("duration") == dt.timedelta(minutes=60)
        assert str(event["summary"]) == "Mentoring: Camille Leroy & Bruno Petit"
        attendees = sorted(str(a) for a in event.get("attendee"))
        assert attendees == ["mailto:bruno.petit@example.com", "mailto:camille.leroy@example.com"]
        assert str(event["organizer"]) == "mailto:claire.dubois@example.com"
        assert event["organizer"].params["CN"] == "Claire Dubois"
        assert event.decoded("sequence") == 0
        assert event.decoded("dtstamp") == dt.datetime(2026, 1, 20, tzinfo=dt.UTC)
    # The time zone travels with the file, so any client shows 10:00 Paris time.
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    # Summer time: 10:00 in Paris is 08:00 UTC in July, 09:00 in January.
    utc = [e.decoded("dtstart").astimezone(dt.UTC).hour for e in events]
    assert utc[0] == 9 and utc[6] == 8


def test_uids_are_stable_and_unique():
    model = model_of(example_data())
    _, events = events_of(pair_calendar(model, model.pairs[0]))
    uids = [str(e["uid"]) for e in events]
    assert uids[0] == "managers-2026-cleroy--bpetit-001@mentorcli"
    assert uids[-1] == event_uid("managers-2026", "cleroy", "bpetit", 11)
    assert len(set(uids)) == len(uids)
    # A later start moves the events but keeps their UIDs: a re-import updates them.
    data = example_data()
    data["pairs"][0]["started"] = dt.date(2026, 2, 3)
    moved = model_of(data)
    _, later = events_of(pair_calendar(moved, moved.pairs[0]))
    assert [str(e["uid"]) for e in later] == uids[: len(later)]
    assert later[0].decoded("dtstart").date() == dt.date(2026, 2, 3)


def test_same_data_same_bytes():
    model = model_of(example_data())
    first = pair_calendar(model, model.pairs[0])
    again = pair_calendar(model_of(example_data()), model_of(example_data()).pairs[0])
    assert first == again
    assert first.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in first.split(b"\r\n"))  # RFC 5545 folding


def test_timezone_falls_back_to_the_mentee_then_floating():
    data = example_data()
    people = {p["id"]: p for p in data["participants"]}
    del people["cleroy"]["timezone"]
    people["bpetit"]["timezone"] = "America/Montreal"
    model = model_of(data)
    calendar, events = events_of(pair_calendar(model, model.pairs[0]))
    assert str(events[0].decoded("dtstart").tzinfo) == "America/Montreal"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/Montreal"]

    del people["bpetit"]["timezone"]
    model = model_of(data)
    raw = pair_calendar(model, model.pairs[0])
    calendar, events = events_of(raw)
    assert events[0].decoded("dtstart") == dt.datetime(2026, 1, 20, 10, 0)  # floating
    assert b"TZID" not in raw and not calendar.walk("VTIMEZONE")


def test_no_coordinator_means_the_mentor_organises():
    data = example_data()
    del data["cohort"]["coordinator"]
    model = model_of(data)
    _, events = events_of(pair_calendar(model, model.pairs[0]))
    assert str(events[0]["organizer"]) == "mailto:camille.leroy@example.com"


@pytest.mark.parametrize("cadence,count", [("weekly", 48), ("biweekly", 24), ("monthly", 11)])
def test_cadences(cadence, count):
    data = example_data()
    data["cohort"]["cadence"] = cadence
    data["cohort"]["session_minutes"] = 45
    model = model_of(data)
    _, events = events_of(pair_calendar(model, model.pairs[0]))
    assert len(events) == count
    assert all(e.decoded("dtstart").weekday() < 5 for e in events)
    assert events[0].decoded("duration") == dt.timedelta(minutes=45)


def test_french_cohort_and_odd_names_survive():
    data = example_data()
    data["cohort"]["language"] = "fr"
    people = {p["id"]: p for p in data["participants"]}
    people["cleroy"]["name"] = 'Camille "Cam" Le Roy-Dürr; R&D, <Lyon>'
    people["bpetit"]["name"] = "Bruno d’Artagnan"
    model = model_of(data)
    _, events = events_of(pair_calendar(model, model.pairs[0]))
    summary = str(events[0]["summary"])
    assert summary == ('Mentorat\u00a0: Camille "Cam" Le Roy-Dürr; R&D, <Lyon> '
                       "et Bruno d’Artagnan")
    names = sorted(a.params["CN"] for a in events[0].get("attendee"))
    assert names == ["Bruno d’Artagnan", 'Camille "Cam" Le Roy-Dürr; R&D, <Lyon>']
    assert "Rencontre de mentorat 1 sur 11" in str(events[0]["description"])

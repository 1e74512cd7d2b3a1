"""Calendars a person can live with (issue 12) on a French cohort, end to end: no two
meetings of one person at the same time, a place or a video link, sequences that grow only
when an event changes, meetings cancelled after `end`; and (issue 11) any text is safe."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import icalendar
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorcli.documents.calendar_ics import one_line, pair_calendar, param_text
from mentorcli.model import CohortFile
from mentorcli.schedule import pair_schedule, plan_slots

DATA = Path(__file__).parent / "data"
TODAY = {"MENTORCLI_TODAY": "2026-02-12"}


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    path = tmp_path / "cohorte.yaml"
    shutil.copyfile(DATA / "cohorte-fr.yaml", path)
    return path


# The cohort is French; the tests that read what `schedule` says ask for English (`--lang en`,
# the same language at every run: the calendars' texts do not change between runs). The
# French words are checked in tests/test_lang_documents.py.


def folder(path: Path) -> Path:
    return path.parent / "calendars" / "mentorat-2026"


def lines(path: Path, *prefixes: str) -> list[str]:
    text = path.read_bytes().decode("utf-8").replace("\r\n ", "")
    return [line for line in text.split("\r\n") if line.startswith(prefixes)]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_two_mentees_of_one_mentor_never_meet_at_the_same_time_and_get_the_place(run,
                                                                                  cohort):
    result = run(["--lang", "en", "schedule", cohort], env=TODAY)
    assert result.exit_code == 0, result.stderr
    out = folder(cohort)
    assert result.stdout.splitlines() == [str(out / "mlefebvre--lroux.ics"),
                                          str(out / "mlefebvre--tmoreau.ics")]
    assert result.stderr == "2 calendars written\n"
    # Tuesdays and Thursdays only (cohort.meetings.days), 09:00 then 10:00 (09:00-12:00)
    assert lines(out / "mlefebvre--lroux.ics", "DTSTART;", "LOCATION", "URL") == [
        "DTSTART;TZID=Europe/Paris:20260106T090000",
        "LOCATION:https://visio.exemple.fr/mentorat",
        "URL:https://visio.exemple.fr/mentorat",
        "DTSTART;TZID=Europe/Paris:20260205T090000",
        "LOCATION:https://visio.exemple.fr/mentorat",
        "URL:https://visio.exemple.fr/mentorat",
        "DTSTART;TZID=Europe/Paris:20260305T090000",
        "LOCATION:https://visio.exemple.fr/mentorat",
        "URL:https://visio.exemple.fr/mentorat",
    ]
    assert lines(out / "mlefebvre--tmoreau.ics", "DTSTART;", "LOCATION") == [
        "DTSTART;TZID=Europe/Paris:20260106T100000",
        "LOCATION:Salle Jaurès\\, 3e étage",
        "DTSTART;TZID=Europe/Paris:20260205T100000",
        "LOCATION:Salle Jaurès\\, 3e étage",
        "DTSTART;TZID=Europe/Paris:20260305T100000",
        "LOCATION:Salle Jaurès\\, 3e étage",
    ]


def test_a_preferred_slot_is_kept_and_a_taken_one_is_said(run, cohort):
    edit(cohort, "    meeting:\n      location: Salle Jaurès, 3e étage\n",
         "    meeting:\n      day: tue\n      time: \"11:00\"\n"
         "      location: Salle Jaurès, 3e étage\n")
    result = run(["--lang", "en", "schedule", cohort], env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert lines(folder(cohort) / "mlefebvre--tmoreau.ics", "DTSTART;") == [
        "DTSTART;TZID=Europe/Paris:20260106T110000",
        "DTSTART;TZID=Europe/Paris:20260210T110000",  # Thursday 5th: the next Tuesday
        "DTSTART;TZID=Europe/Paris:20260310T110000",
    ]
    edit(cohort, "    status: active\n    started: 2026-01-05\n  - mentor: mlefebvre",
         "    status: active\n    started: 2026-01-05\n    meeting: {time: \"11:00\"}\n"
         "  - mentor: mlefebvre")
    shutil.rmtree(folder(cohort))
    result = run(["--lang", "en", "schedule", cohort], env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "note: mlefebvre -> tmoreau: 11:00 is taken by another meeting of the same person; "
        "booked at 09:00")


def test_a_window_too_small_is_refused_and_nothing_is_written(run, cohort):
    edit(cohort, 'end: "12:00"', 'end: "10:00"')
    result = run(["--lang", "en", "schedule", cohort], env=TODAY)
    assert result.exit_code == 2
    assert result.stderr == (
        "no free meeting time for mlefebvre -> tmoreau: someone in the pair "
        "already meets at every start from 09:00 to 10:00 (60 minutes each) on the same "
        "dates; widen cohort.meetings (start, end, days) or give a pair its own `meeting: "
        "{day: ..., time: ...}`; nothing was written\n")
    assert not folder(cohort).exists()


def test_sequence_grows_only_when_an_event_changes_and_end_cancels(run, cohort):
    assert run(["--lang", "en", "schedule", cohort], env=TODAY).exit_code == 0
    out = folder(cohort)
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    again = run(["--lang", "en", "schedule", cohort], env=TODAY)
    assert again.stderr == "0 calendars written, 2 already up to date\n"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
    assert set(lines(out / "mlefebvre--tmoreau.ics", "SEQUENCE")) == {"SEQUENCE:0"}

    # a new room: tmoreau's three events change (SEQUENCE 1, stamped today), lroux's do not
    edit(cohort, "Salle Jaurès, 3e étage", "Salle Zola")
    changed = run(["--lang", "en", "schedule", cohort], env=TODAY)
    assert changed.stderr == "1 calendar written, 1 already up to date\n"
    assert lines(out / "mlefebvre--tmoreau.ics", "SEQUENCE", "DTSTAMP") == [
        "DTSTAMP:20260212T000000Z", "SEQUENCE:1"] * 3
    assert (out / "mlefebvre--lroux.ics").read_bytes() == first["mlefebvre--lroux.ics"]
    assert run(["--lang", "en", "schedule", cohort], env=TODAY).stderr == (
        "0 calendars written, 2 already up to date\n")

    # end: the meeting after the end goes out cancelled; the others say "1 sur 2" now
    ended = run(["end", cohort, "mlefebvre", "lroux", "--reason", "mutation",
                 "--date", "2026-02-10"], env=TODAY)
    assert ended.exit_code == 0, ended.stderr
    result = run(["--lang", "en", "schedule", cohort], env={"MENTORCLI_TODAY": "2026-02-13"})
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "cancelled: the meetings of mlefebvre -> lroux after its end",
        "1 calendar written, 1 already up to date"]
    assert lines(out / "mlefebvre--lroux.ics", "DTSTART;", "SEQUENCE", "STATUS") == [
        "DTSTART;TZID=Europe/Paris:20260106T090000", "SEQUENCE:1", "STATUS:CONFIRMED",
        "DTSTART;TZID=Europe/Paris:20260205T090000", "SEQUENCE:1", "STATUS:CONFIRMED",
        "DTSTART;TZID=Europe/Paris:20260305T090000", "SEQUENCE:1", "STATUS:CANCELLED",
    ]
    settled = (out / "mlefebvre--lroux.ics").read_bytes()
    assert run(["--lang", "en", "schedule", cohort],
               env={"MENTORCLI_TODAY": "2026-03-01"}).stderr == (
        "0 calendars written, 2 already up to date\n")
    assert (out / "mlefebvre--lroux.ics").read_bytes() == settled


# ------------------------------------------------------------------ properties

IDS = ["ana", "ben", "cleo", "dan", "eva", "fred"]


@settings(max_examples=60, deadline=None)
@given(pairs=st.lists(st.tuples(st.sampled_from(IDS), st.sampled_from(IDS))
                      .filter(lambda p: p[0] != p[1]), max_size=8, unique=True),
       starts=st.lists(st.integers(0, 40), min_size=8, max_size=8),
       zones=st.lists(st.sampled_from([None, "Europe/Paris", "America/Montreal"]),
                      min_size=6, max_size=6),
       cadence=st.sampled_from(["weekly", "biweekly", "monthly"]))
def test_nobody_has_two_meetings_at_once(pairs, starts, zones, cadence):
    data = yaml.safe_load((DATA / "cohorte-fr.yaml").read_text(encoding="utf-8"))
    data["cohort"]["cadence"] = cadence
    data["cohort"]["meetings"]["end"] = "17:00"
    data["participants"] = [
        {"id": pid, "name": pid.title(), "email": f"{pid}@exemple.fr", "role": "both",
         "capacity": 8, **({"timezone": zones[n]} if zones[n] else {})}
        for n, pid in enumerate(IDS)]
    data["pairs"] = [{"mentor": m, "mentee": e, "status": "active",
                      "started": (dt.date(2026, 1, 5) + dt.timedelta(days=starts[n])).isoformat()}
                     for n, (m, e) in enumerate(pairs)]
    model = CohortFile.model_validate(data)
    zone_of = {p.id: p.timezone for p in model.participants}
    zones_by_pair = {(p.mentor, p.mentee): zone_of[p.mentor] or zone_of[p.mentee]
                     for p in model.pairs}
    slots = plan_slots(model, list(model.pairs), zones=zones_by_pair)
    assert slots.unplaced == []
    from zoneinfo import ZoneInfo

    busy: dict[str, list[tuple[dt.datetime, dt.datetime]]] = {}
    for pair in model.pairs:
        zone = zones_by_pair[(pair.mentor, pair.mentee)]
        for day in pair_schedule(model, pair):
            begin = dt.datetime.combine(day, slots.times[(pair.mentor, pair.mentee)],
                                        tzinfo=ZoneInfo(zone) if zone else None)
            if zone:
                begin = begin.astimezone(dt.UTC).replace(tzinfo=None)
            for person in (pair.mentor, pair.mentee):
                for a, b in busy.get(person, []):
                    assert not (begin < b and a < begin + dt.timedelta(minutes=60)), \
                        (person, begin)
                busy.setdefault(person, []).append((begin, begin + dt.timedelta(minutes=60)))


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mentor=TEXT, mentee=TEXT, coordinator=TEXT, cohort_name=TEXT, place=TEXT)
def test_any_text_gives_a_calendar_that_parses_back(mentor, mentee, coordinator,
                                                    cohort_name, place):
    data = yaml.safe_load((DATA / "cohorte-fr.yaml").read_text(encoding="utf-8"))
    people = {p["id"]: p for p in data["participants"]}
    people["mlefebvre"]["name"] = mentor
    people["lroux"]["name"] = mentee
    data["cohort"]["coordinator"]["name"] = coordinator
    data["cohort"]["name"] = cohort_name
    data["cohort"]["meetings"]["location"] = place
    model = CohortFile.model_validate(data)
    pair = model.pairs[0]
    raw = pair_calendar(model, pair)
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert [e.decoded("dtstart").date() for e in events] == pair_schedule(model, pair)
    assert str(calendar["x-wr-calname"]) == (
        f"Mentorat\u00a0: {one_line(mentor)} et {one_line(mentee)}")
    for event in events:
        attendees = [(str(a), a.params["CN"]) for a in event.get("attendee")]
        assert attendees == [("mailto:marc.lefebvre@exemple.fr", param_text(mentor)),
                             ("mailto:lea.roux@exemple.fr", param_text(mentee))]
        assert event["organizer"].params["CN"] == param_text(coordinator)
        assert str(event["location"]) == one_line(place)
        assert str(event["summary"]) == f"Mentorat\u00a0: {one_line(mentor)} et " \
                                        f"{one_line(mentee)}"


def test_schedule_survives_line_breaks_and_control_characters_in_names(run, cohort):
    """Issue 11: a newline in a name crashed schedule (exit 3); CR and ESC were written raw."""
    edit(cohort, "    name: Léa Roux\n", '    name: "Léa\\nRoux\\r\\x1b[2J"\n')
    result = run(["schedule", cohort], env=TODAY)
    assert result.exit_code == 0, result.stderr
    raw = (folder(cohort) / "mlefebvre--lroux.ics").read_bytes()
    assert b"\x1b" not in raw and b"\r\n" in raw and b"\rR" not in raw
    assert lines(folder(cohort) / "mlefebvre--lroux.ics", "X-WR-CALNAME") == [
        "X-WR-CALNAME:Mentorat\u00a0: Marc Lefebvre et Léa Roux \\x1b[2J"]
    calendar = icalendar.Calendar.from_ical(raw)
    names = [a.params["CN"] for a in list(calendar.walk("VEVENT"))[0].get("attendee")]
    assert names == ["Marc Lefebvre", "Léa Roux \u2216x1b[2J"]  # a backslash in CN=: ∖


def test_validate_warns_about_a_meeting_window_that_holds_no_meeting(run, cohort):
    edit(cohort, 'end: "12:00"', 'end: "09:30"')
    result = run(["--lang", "en", "validate", cohort])
    assert result.exit_code == 0
    assert result.stderr == (
        f"{cohort}:19:10: warning: cohort.meetings.end: no meeting of 60 minutes fits between "
        "09:00 and 09:30; `schedule` books meetings in that window: set a later `end` or an "
        "earlier `start`\n")
    refused = run(["--lang", "en", "schedule", cohort], env=TODAY)
    assert refused.exit_code == 2 and "no free meeting time for" in refused.stderr

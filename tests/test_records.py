"""Recording follow-up (mentorcli.records): pure plans written through the store's
transaction; every refusal, and minimal changes. (Reading check-in files is tested with
mentorcli.importing.checkins.)"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest

from mentorcli import records
from mentorcli.errors import UsageError
from mentorcli.store.loading import load_cohort
from mentorcli.store.transaction import change_cohort

D = dt.date
TODAY = D(2026, 6, 15)
SECRET = "PLANTED-NOTE-7f3a9c"

COHORT = """\
# Records test cohort: every comment must survive.
version: 1
cohort:
  id: records-test
  name: Records test
  start: 2026-01-12
  end: 2026-12-18
  cadence: monthly   # one meeting a month
objectives:
  - id: leadership
    title: Leadership
    target: 80
    unit: "%"
    results:
      - {date: 2026-03-31, value: 45}
  - id: retention
    title: Retention
    target: 90
    unit: "%"
participants:
  - {id: m1, name: Mia One, email: mia.one@example.com, role: mentor,
     capacity: 2, trained: 2026-01-05}
  - {id: m2, name: Max Two, email: max.two@example.com, role: mentor,
     capacity: 1, trained: 2026-01-05}
  - {id: e1, name: Eva One, email: eva.one@example.com, role: mentee}
  - {id: e2, name: Eli Two, email: eli.two@example.com, role: mentee}
  - {id: e3, name: Ema Three, email: ema.three@example.com, role: mentee}
pairs:
  - mentor: m1
    mentee: e1
    status: active   # approved in January
    started: 2026-01-20
    goals:
      - id: present-results
        text: Present the results
        objective: leadership
        progress: 40   # percent
  - mentor: m2
    mentee: e2
    status: proposed
  - mentor: m1
    mentee: e2
    status: proposed
  - mentor: m2
    mentee: e3
    status: ended
    started: 2026-01-25
    ended: 2026-03-01
    end_reason: mentee moved on
sessions:   # appended by mentorcli log
  - mentor: m1
    mentee: e1
    date: 2026-02-03
    minutes: 60
    notes: PLANTED-NOTE-7f3a9c
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "cohort.yaml"
    p.write_text(COHORT, encoding="utf-8")
    load_cohort(p)  # the fixture itself is valid
    return p


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def refused(path: Path, plan, match: str) -> str:
    before = path.read_text()
    with pytest.raises(UsageError, match=match) as info:
        change_cohort(path, plan)
    assert path.read_text() == before, "nothing is written on a refusal"
    assert SECRET not in str(info.value)
    return str(info.value)


# ------------------------------------------------------------------ approve


def test_approve_one_pair_changes_two_lines(path):
    before = path.read_text()
    done = change_cohort(path, lambda m: records.approve(
        m, mentor="m2", mentee="eli.two@example.com", on=D(2026, 2, 1), today=TODAY))
    assert done == [records.Approved("m2", "e2", D(2026, 2, 1))]
    assert changed_lines(before, path.read_text()) == [
        "-    status: proposed", "+    status: active", "+    started: 2026-02-01"]


def test_approve_defaults_to_today(path):
    change_cohort(path, lambda m: records.approve(m, mentor="m2", mentee="e2",
                                                     today=TODAY))
    assert load_cohort(path).model.find_pair("m2", "e2").started == TODAY


def test_approve_all_refuses_a_second_mentor_for_one_mentee(path):
    message = refused(path, lambda m: records.approve(m, all_proposed=True,
                                                           today=TODAY),
                      "nothing approved")
    assert "e2 already has an active mentor (m2)" in message


def test_approve_refusals(path):
    refused(path, lambda m: records.approve(m, mentor="m1", mentee="e1",
                                                 today=TODAY), "already active since 2026-01-20")
    refused(path, lambda m: records.approve(m, mentor="m2", mentee="e2",
                                                 on=D(2027, 1, 5), today=TODAY),
            "outside the cohort dates")
    refused(path, lambda m: records.approve(m, mentor="m2", mentee="e2",
                                                 today=D(2025, 12, 1)), "pass --date")
    refused(path, lambda m: records.approve(m, mentor="m2", mentee="e1",
                                                 today=TODAY), "no pair m2 -> e1")
    refused(path, lambda m: records.approve(m, mentor="m9", mentee="e1",
                                                 today=TODAY), "no participant")
    refused(path, lambda m: records.approve(m, today=TODAY),
            "name the pair: MENTOR MENTEE")
    refused(path, lambda m: records.approve(m, mentor="m2", mentee="e2",
                                                 all_proposed=True, today=TODAY),
            "not both")


def test_approve_refuses_to_go_over_capacity(path):
    change_cohort(path, lambda m: records.approve(m, mentor="m1", mentee="e2",
                                                     today=TODAY))
    # m1 now has e1 and e2 (capacity 2); a third would be refused
    text = path.read_text().replace("  - mentor: m2\n    mentee: e3\n    status: ended",
                                    "  - mentor: m1\n    mentee: e3\n    status: proposed")
    text = text.replace("    ended: 2026-03-01\n    end_reason: mentee moved on\n", "")
    path.write_text(text)
    refused(path, lambda m: records.approve(m, mentor="m1", mentee="e3",
                                                 today=TODAY), "capacity 2")


# ------------------------------------------------------------------ log


def entry(path: Path, today: dt.date = TODAY, **fields):
    return records.session_entry(load_cohort(path).model, today=today, **fields)


def test_session_entry_resolves_emails_and_synonyms(path):
    e = entry(path, mentor="mia.one@example.com", mentee="E1", date="2026-03-03",
              minutes=45, mode="Visio", rating_mentor=4, rating_mentee=5, notes="  fine  ")
    assert e == {"mentor": "m1", "mentee": "e1", "date": D(2026, 3, 3), "minutes": 45,
                 "mode": "video", "rating": {"mentor": 4, "mentee": 5}, "notes": "fine"}
    assert "mode" not in entry(path, mentor="m1", mentee="e1", date="2026-03-04", minutes=5)


@pytest.mark.parametrize(("fields", "match"), [
    ({"date": "2026-06-16"}, "in the future"),
    ({"date": "2026-01-05"}, "outside the cohort dates"),
    ({"date": "2026-01-19"}, "before the pair m1 -> e1 started"),
    ({"date": "2026-02-03"}, "already logged"),
    ({"date": "03/02/2026"}, "expected a date like 2026-02-03"),
    ({"date": "2026-02-30"}, "expected a date like"),
    ({"minutes": 0}, "from 1 to 1440"),
    ({"minutes": 1441}, "from 1 to 1440"),
    ({"rating_mentor": 6}, "from 1 to 5"),
    ({"rating_mentee": 0}, "from 1 to 5"),
    ({"mode": "carrier pigeon"}, "expected one of in-person, video, phone"),
    ({"mentee": "e2"}, "is proposed, not active"),
    ({"mentor": "m2", "mentee": "e3", "date": "2026-03-02"}, "ended on 2026-03-01"),
    ({"mentor": "mx"}, "no participant with that id or email"),
    ({"mentee": "e1x"}, "did you mean 'e1'"),
])
def test_session_refusals(path, fields, match):
    base = {"mentor": "m1", "mentee": "e1", "date": "2026-03-03", "minutes": 60,
            "notes": SECRET}
    with pytest.raises(UsageError, match=match) as info:
        entry(path, **{**base, **fields})
    assert SECRET not in str(info.value)


def test_an_ended_pair_can_log_a_meeting_held_before_its_end(path):
    e = entry(path, mentor="m2", mentee="e3", date="2026-02-20", minutes=30)
    assert e["date"] == D(2026, 2, 20)


def test_records_plans_are_edits_addressed_by_identity(path):
    """No ruamel node and no list index: edits name the pair, the goal, the objective."""
    from mentorcli.store import edits as E

    model = load_cohort(path).model
    approved = records.approve(model, mentor="m2", mentee="e2", today=TODAY)
    assert approved.edits == [
        E.Set(E.pair("m2", "e2"), "status", "active", after=("mentee", "mentor")),
        E.Set(E.pair("m2", "e2"), "started", TODAY, after=("status",))]
    progress = records.set_goal_progress(model, mentor="m1", mentee="e1",
                                         goal_id="present-results", progress=50)
    assert progress.edits == [E.Set(E.goal("m1", "e1", "present-results"), "progress", 50,
                                    after=("due", "objective", "measure", "text"))]
    assert progress.result == (40, 50)
    result = records.add_result(model, objective_id="retention", value=90, today=TODAY)
    assert result.edits == [E.Set(E.objective("retention"), "results",
                                  [{"date": TODAY, "value": 90}])]


def test_the_first_meeting_of_a_file_without_sessions(path):
    text = path.read_text()
    path.write_text(text[:text.index("sessions:")] + "sessions:   # none yet\n")
    change_cohort(path, lambda m: records.log_session(
        m, today=TODAY, mentor="m1", mentee="e1", date="2026-03-03", minutes=50,
        rating_mentor=4))
    assert path.read_text().endswith(
        "sessions:   # none yet\n  - mentor: m1\n    mentee: e1\n    date: 2026-03-03\n"
        "    minutes: 50\n    rating: {mentor: 4}\n")


def test_log_appends_only_new_lines_and_keeps_comments(path):
    before = path.read_text()
    change_cohort(path, lambda m: records.log_session(
        m, today=TODAY, mentor="m1", mentee="e1", date="2026-03-03", minutes=50))
    after = path.read_text()
    assert after.startswith(before.rstrip("\n"))
    assert changed_lines(before, after) == [
        "+  - mentor: m1", "+    mentee: e1", "+    date: 2026-03-03", "+    minutes: 50"]


# ------------------------------------------------------------------ many rows


def test_sessions_from_rows_reports_every_bad_row(path):
    model = load_cohort(path).model
    rows = [
        (2, {"mentor": "m1", "mentee": "e1", "date": "2026-03-03", "minutes": "60",
             "notes": SECRET}),
        (3, {"mentor": "m1", "mentee": "e1", "date": "2026-03-03", "minutes": "45"}),
        (4, {"mentor": "m1", "mentee": "e1", "date": "2026-04-03", "minutes": "sixty",
             "notes": SECRET}),
        (5, {"mentor": "", "mentee": "e1", "date": "", "minutes": "60"}),
        (6, {"mentor": "eva.one@example.com", "mentee": "e1", "date": "2026-04-04",
             "minutes": "60"}),
        (7, {"mentor": "m1", "mentee": "e1", "date": "2026-05-03T10:30:00", "minutes": "30",
             "mode": "Phone", "rating_mentor": "4", "rating_mentee": "4.0"}),
    ]
    entries, problems = records.sessions_from_rows(model, rows, today=TODAY)
    assert [e["date"] for e in entries] == [D(2026, 3, 3), D(2026, 5, 3)]
    assert entries[1]["rating"] == {"mentor": 4, "mentee": 4}
    assert [(p.row, p.message) for p in problems] == [
        (3, "a meeting of m1 -> e1 on 2026-03-03 is already logged"),
        (4, "minutes 'sixty': expected a whole number"),
        (5, "empty mentor, date"),
        (6, "no pair e1 -> e1 in this cohort (pairs with them: m1 -> e1)"),
    ]
    assert all(SECRET not in p.message for p in problems)


# ------------------------------------------------------------------ goals


def test_set_goal_progress_changes_one_value_and_keeps_its_comment(path):
    before = path.read_text()
    old_new = change_cohort(path, lambda m: records.set_goal_progress(
        m, mentor="m1", mentee="e1", goal_id="present-results", progress=75))
    assert old_new == (40, 75)
    assert changed_lines(before, path.read_text()) == [
        "-        progress: 40   # percent", "+        progress: 75   # percent"]


def test_goal_refusals(path):
    refused(path, lambda m: records.set_goal_progress(
        m, mentor="m1", mentee="e1", goal_id="present-result", progress=75),
        "did you mean 'present-results'")
    refused(path, lambda m: records.set_goal_progress(
        m, mentor="m1", mentee="e1", goal_id="present-results", progress=101), "0 to 100")
    refused(path, lambda m: records.add_goal(
        m, mentor="m1", mentee="e1", goal_id="present-results", text="x"),
        "already has a goal")
    refused(path, lambda m: records.add_goal(
        m, mentor="m1", mentee="e1", goal_id="Bad Id", text="x"), "lower-case")
    refused(path, lambda m: records.add_goal(
        m, mentor="m1", mentee="e1", goal_id="new", text="x", objective="leadershp"),
        "did you mean 'leadership'")
    refused(path, lambda m: records.add_goal(
        m, mentor="m2", mentee="e3", goal_id="new", text="x"), "has ended")


def test_add_goal_to_a_pair_with_and_without_goals(path):
    before = path.read_text()
    change_cohort(path, lambda m: records.add_goal(
        m, mentor="m1", mentee="e1", goal_id="delegate", text="Delegate the report",
        objective="leadership", due=D(2026, 9, 30), measure="weekly report delegated"))
    change_cohort(path, lambda m: records.add_goal(
        m, mentor="m2", mentee="e2", goal_id="network", text="Meet ten peers",
        progress=10))
    assert changed_lines(before, path.read_text()) == [
        "+      - id: delegate",
        "+        text: Delegate the report",
        "+        measure: weekly report delegated",
        "+        objective: leadership",
        "+        due: 2026-09-30",
        "+        progress: 0",
        "+    goals:",
        "+      - id: network",
        "+        text: Meet ten peers",
        "+        progress: 10",
    ]
    pair = load_cohort(path).model.find_pair("m2", "e2")
    assert [(g.id, g.progress) for g in pair.goals] == [("network", 10)]


# ------------------------------------------------------------------ end


def test_end_pair(path):
    before = path.read_text()
    pair, day = change_cohort(path, lambda m: records.end_pair(
        m, mentor="m1", mentee="e1", reason="  mentee   changed jobs ", on=D(2026, 5, 2),
        today=TODAY))
    assert day == D(2026, 5, 2)
    assert changed_lines(before, path.read_text()) == [
        "-    status: active   # approved in January",
        "+    status: ended    # approved in January",  # the comment keeps its column
        "+    ended: 2026-05-02",
        "+    end_reason: mentee changed jobs",
    ]


def test_end_refusals(path):
    refused(path, lambda m: records.end_pair(
        m, mentor="m2", mentee="e3", reason="x", today=TODAY), "already ended")
    refused(path, lambda m: records.end_pair(
        m, mentor="m1", mentee="e1", reason=" ", today=TODAY), "say why")
    refused(path, lambda m: records.end_pair(
        m, mentor="m1", mentee="e1", reason="x", on=D(2026, 7, 1), today=TODAY),
        "in the future")
    refused(path, lambda m: records.end_pair(
        m, mentor="m1", mentee="e1", reason="x", on=D(2026, 1, 15), today=TODAY),
        "before the pair m1 -> e1 started")
    refused(path, lambda m: records.end_pair(
        m, mentor="m1", mentee="e1", reason="x", today=D(2027, 2, 1)),
        "pass --date")


def test_a_proposed_pair_can_be_ended(path):
    change_cohort(path, lambda m: records.end_pair(
        m, mentor="m1", mentee="e2", reason="declined", today=TODAY))
    pair = load_cohort(path).model.find_pair("m1", "e2")
    assert (pair.status, pair.ended, pair.end_reason) == ("ended", TODAY, "declined")


# ------------------------------------------------------------------ result


def test_add_result_keeps_the_flow_style_of_earlier_results(path):
    before = path.read_text()
    change_cohort(path, lambda m: records.add_result(
        m, objective_id="leadership", value=52.0, on=D(2026, 6, 1), today=TODAY))
    change_cohort(path, lambda m: records.add_result(
        m, objective_id="retention", value=93.5, today=TODAY))
    assert changed_lines(before, path.read_text()) == [
        "+      - {date: 2026-06-01, value: 52}",
        "+    results:",
        "+      - {date: 2026-06-15, value: 93.5}",
    ]


def test_result_refusals(path):
    refused(path, lambda m: records.add_result(
        m, objective_id="retension", value=1, today=TODAY), "did you mean 'retention'")
    refused(path, lambda m: records.add_result(
        m, objective_id="leadership", value=1, on=D(2026, 3, 31), today=TODAY),
        "already has a result on 2026-03-31")
    refused(path, lambda m: records.add_result(
        m, objective_id="leadership", value=1, on=D(2026, 7, 1), today=TODAY),
        "in the future")


@pytest.mark.parametrize(("text", "value"), [("93", 93.0), ("93.5", 93.5), ("93,5", 93.5),
                                             ("93 %", 93.0), ("-4", -4.0)])
def test_parse_value(text, value):
    assert records.parse_value(text) == value


@pytest.mark.parametrize("text", ["ninety", "", "nan", "inf"])
def test_parse_value_refuses(text):
    with pytest.raises(UsageError):
        records.parse_value(text)

"""Progress report core (mentorcli.reports.progress): expected meetings, health verdicts at their
thresholds, --month / --as-of, programme figures. Pure: models are built inline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcli import i18n
from mentorcli.errors import UsageError
from mentorcli.model import CohortFile
from mentorcli.reports.progress import (
    AT_RISK,
    BEHIND,
    ENDED,
    INACTIVE,
    NOT_STARTED,
    ON_TRACK,
    Reason,
    build_report,
    fails,
    months_spanned,
    parse_month,
    periods_between,
)
from mentorcli.schedule import add_months

D = dt.date


def describe(reason: Reason, language: str) -> str:
    """The reason in words as said in `language` (as `--lang` would choose it)."""
    from mentorcli.reports.progress import describe as said

    i18n.set_cli_language(language)
    try:
        return said(reason)
    finally:
        i18n.set_cli_language(None)


def cohort(
    pairs: list[dict[str, Any]] | None = None,
    sessions: list[dict[str, Any]] | None = None,
    *,
    cadence: str = "monthly",
    follow_up: dict[str, Any] | None = None,
    participants: list[dict[str, Any]] | None = None,
    objectives: list[dict[str, Any]] | None = None,
) -> CohortFile:
    """A small valid cohort: mentors m1..m3 (capacity 2, m3 untrained), mentees e1..e4."""
    people = participants if participants is not None else [
        {"id": "m1", "name": "Mia One", "email": "m1@example.com", "role": "mentor",
         "capacity": 2, "trained": "2026-01-05"},
        {"id": "m2", "name": "Max Two", "email": "m2@example.com", "role": "mentor",
         "capacity": 2, "trained": "2026-01-05"},
        {"id": "m3", "name": "Moe Three", "email": "m3@example.com", "role": "both",
         "capacity": 1},
        {"id": "e1", "name": "Eva One", "email": "e1@example.com", "role": "mentee"},
        {"id": "e2", "name": "Eli Two", "email": "e2@example.com", "role": "mentee"},
        {"id": "e3", "name": "Ema Three", "email": "e3@example.com", "role": "mentee"},
        {"id": "e4", "name": "Eno Four", "email": "e4@example.com", "role": "mentee"},
    ]
    data: dict[str, Any] = {
        "version": 1,
        "cohort": {"id": "test-cohort", "name": "Test", "start": "2026-01-12",
                   "end": "2026-12-18", "cadence": cadence},
        "objectives": objectives or [],
        "participants": people,
        "pairs": pairs or [],
        "sessions": sessions or [],
    }
    if follow_up:
        data["follow_up"] = follow_up
    return CohortFile.model_validate(data)


def pair(mentor: str = "m1", mentee: str = "e1", **extra: Any) -> dict[str, Any]:
    return {"mentor": mentor, "mentee": mentee, "status": "active", "started": "2026-01-20",
            **extra}


def meet(day: str, mentor: str = "m1", mentee: str = "e1", minutes: int = 60,
         rating: dict[str, int] | None = None, notes: str | None = None) -> dict[str, Any]:
    s: dict[str, Any] = {"mentor": mentor, "mentee": mentee, "date": day, "minutes": minutes}
    if rating:
        s["rating"] = rating
    if notes:
        s["notes"] = notes
    return s


def row(model: CohortFile, as_of: str, index: int = 0, **kw: Any):
    return build_report(model, as_of=D.fromisoformat(as_of), **kw).pairs[index]


# ------------------------------------------------------------------ dates


def test_add_months_clamps_to_month_end():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 1, 20), 2) == D(2026, 3, 20)
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)


@pytest.mark.parametrize(("start", "end", "cadence", "expected"), [
    ("2026-01-20", "2026-02-19", "monthly", 0),
    ("2026-01-20", "2026-02-20", "monthly", 1),
    ("2026-01-20", "2026-03-19", "monthly", 1),
    ("2026-01-20", "2026-03-20", "monthly", 2),
    ("2026-01-31", "2026-02-28", "monthly", 1),
    ("2026-01-20", "2026-02-02", "weekly", 1),
    ("2026-01-20", "2026-02-03", "weekly", 2),
    ("2026-01-20", "2026-02-02", "biweekly", 0),
    ("2026-01-20", "2026-02-03", "biweekly", 1),
    ("2026-01-20", "2026-01-01", "monthly", 0),
])
def test_periods_between(start, end, cadence, expected):
    assert periods_between(D.fromisoformat(start), D.fromisoformat(end), cadence) == expected


def test_parse_month():
    assert parse_month("2026-02") == (D(2026, 2, 1), D(2026, 2, 28))
    for bad in ("2026-2", "02-2026", "2026-13", "march", ""):
        with pytest.raises(UsageError, match="expected a month like 2026-03"):
            parse_month(bad)


# ------------------------------------------------------------------ expected meetings


def test_expected_meetings_from_the_pair_start_by_the_cadence():
    model = cohort([pair()], [meet("2026-02-03")])
    assert row(model, "2026-02-19").sessions_expected == 0
    r = row(model, "2026-02-20")
    assert (r.sessions_expected, r.sessions_held, r.sessions_missing) == (1, 1, 0)
    r = row(model, "2026-03-20")
    assert (r.sessions_expected, r.sessions_held, r.sessions_missing) == (2, 1, 1)


def test_expected_meetings_stop_at_the_cohort_end_and_the_pair_end():
    model = cohort([pair(), pair("m2", "e2", status="ended", ended="2026-04-20",
                                 end_reason="moved")])
    late = build_report(model, as_of=D(2027, 6, 1))
    assert late.pairs[0].sessions_expected == 10  # 20 Jan -> 18 Dec: 10 full months
    assert late.pairs[1].sessions_expected == 3


def test_sessions_after_the_as_of_date_do_not_count():
    model = cohort([pair()], [meet("2026-02-03"), meet("2026-03-03")])
    r = row(model, "2026-02-28")
    assert r.sessions_held == 1
    assert r.last_meeting == D(2026, 2, 3)
    assert r.days_since_last_meeting == 25
    assert r.hours == 1.0


# ------------------------------------------------------------------ verdicts at their thresholds


def test_on_track_then_behind_at_one_missing_meeting():
    model = cohort([pair()], [meet("2026-02-03")])
    assert row(model, "2026-03-19").health == ON_TRACK
    r = row(model, "2026-03-20")
    assert r.health == BEHIND
    assert r.reason == "1 of 2 expected meetings missing"


def test_at_risk_at_two_missing_meetings():
    # weekly cadence, so inactivity (two weeks) does not mask the count: meet every 13 days
    model = cohort([pair()], [meet("2026-02-01"), meet("2026-02-14"), meet("2026-02-27")],
                   cadence="weekly")
    r = row(model, "2026-03-03")  # 6 weeks since 20 Jan: 6 expected, 3 held
    assert (r.sessions_expected, r.sessions_missing) == (6, 3)
    assert r.health == AT_RISK
    model = cohort([pair()], [meet(d) for d in ("2026-01-25", "2026-02-01", "2026-02-08",
                                                "2026-02-15", "2026-02-27")],
                   cadence="weekly")
    assert row(model, "2026-03-03").health == BEHIND  # 6 expected, 5 held
    model = cohort([pair()], [meet(d) for d in ("2026-01-25", "2026-02-08", "2026-02-15",
                                                "2026-02-27")], cadence="weekly")
    r = row(model, "2026-03-03")  # 6 expected, 4 held: exactly at_risk_missing
    assert r.health == AT_RISK
    assert r.reason == "2 of 6 expected meetings missing"


def test_at_risk_when_a_mean_rating_is_at_or_under_the_threshold():
    at = cohort([pair()], [meet("2026-02-03", rating={"mentor": 5, "mentee": 2}),
                           meet("2026-03-03", rating={"mentor": 5, "mentee": 3})])
    r = row(at, "2026-03-10")
    assert r.mean_rating_mentee == 2.5
    assert r.health == AT_RISK
    assert r.reason == "mean rating at or under 2.5 (mentee 2.5)"
    assert describe(r.why, "fr") == "note moyenne de 2,5 ou moins (mentoré·e 2,5)"
    above = cohort([pair()], [meet("2026-02-03", rating={"mentee": 3}),
                              meet("2026-02-10", rating={"mentee": 2}),
                              meet("2026-03-03", rating={"mentee": 3})])
    r = row(above, "2026-03-10")
    assert r.mean_rating_mentee == 2.67
    assert r.health == ON_TRACK
    mentor_side = cohort([pair()], [meet("2026-02-03", rating={"mentor": 2})])
    assert row(mentor_side, "2026-02-10").health == AT_RISK


def test_inactive_after_two_periods_without_a_meeting():
    model = cohort([pair()], [meet("2026-01-31"), meet("2026-02-28")])
    assert row(model, "2026-04-27").health != INACTIVE
    r = row(model, "2026-04-28")
    assert r.health == INACTIVE
    assert r.reason == "no meeting since 2026-02-28 (2 months or more)"


def test_inactive_counts_from_the_start_when_the_pair_never_met():
    model = cohort([pair()])
    assert row(model, "2026-03-19").health == BEHIND
    r = row(model, "2026-03-20")
    assert r.health == INACTIVE
    assert r.reason == "no meeting since the pair started on 2026-01-20 (2 months or more)"
    assert describe(r.why, "en") == ("no meeting since the pair started on 20 January 2026 "
                                     "(2 months or more)")


def test_thresholds_come_from_follow_up():
    model = cohort([pair()], [meet("2026-02-03", rating={"mentee": 3})],
                   follow_up={"behind_missing": 2, "at_risk_missing": 3,
                              "at_risk_rating": 3, "inactive_periods": 4})
    r = row(model, "2026-03-20")  # 1 missing: under 'behind' now, but rating 3 <= 3
    assert r.health == AT_RISK
    model = cohort([pair()], [meet("2026-02-03")],
                   follow_up={"behind_missing": 2, "at_risk_missing": 3,
                              "inactive_periods": 4})
    r = row(model, "2026-03-20")
    assert r.health == ON_TRACK
    assert r.reason == "1 of 2 expected meetings missing (under the “behind” threshold)"
    assert row(model, "2026-04-20").health == BEHIND
    assert row(model, "2026-06-03").health == INACTIVE


def test_ended_and_not_started_pairs():
    model = cohort([
        pair("m1", "e1", status="ended", ended="2026-03-01", end_reason="mentee changed jobs"),
        pair("m2", "e2", status="proposed", started=None),
        pair("m2", "e3", started="2026-05-01"),
    ])
    rows = build_report(model, as_of=D(2026, 4, 1)).pairs
    assert rows[0].health == ENDED
    assert rows[0].reason == "ended on 2026-03-01: mentee changed jobs"
    assert describe(rows[0].why, "fr") == "terminé le 1er mars 2026\u00a0: mentee changed jobs"
    assert describe(rows[0].why, "en") == "ended on 1 March 2026: mentee changed jobs"
    assert rows[1].health == NOT_STARTED and rows[1].reason == "proposed, waiting for approval"
    assert rows[2].health == NOT_STARTED and rows[2].reason == "starts on 2026-05-01"
    assert rows[2].status == "proposed"  # not started yet at the as-of date


def test_a_past_month_sees_a_later_ending_as_active():
    model = cohort([pair(status="ended", ended="2026-06-15", end_reason="done")],
                   [meet("2026-02-03"), meet("2026-03-03")])
    r = build_report(model, as_of=D(2026, 12, 1), month="2026-03").pairs[0]
    assert r.status == "active"
    assert r.health == ON_TRACK
    assert r.sessions_in_period == 1


# ------------------------------------------------------------------ --month and --as-of


def test_month_counts_the_sessions_held_in_it_and_the_state_at_its_end():
    model = cohort([pair(), pair("m2", "e2")],
                   [meet("2026-02-03"), meet("2026-03-02"), meet("2026-03-30", minutes=90),
                    meet("2026-04-02"), meet("2026-02-10", "m2", "e2")])
    report = build_report(model, as_of=D(2026, 11, 1), month="2026-03")
    assert report.as_of == D(2026, 3, 31)
    assert (report.period_start, report.period_end) == (D(2026, 3, 1), D(2026, 3, 31))
    first, second = report.pairs
    assert (first.sessions_in_period, first.sessions_held) == (2, 3)
    assert first.hours_in_period == 2.5
    assert second.sessions_in_period == 0
    assert second.health == BEHIND  # 2 expected by 31 March, 1 held
    p = report.programme
    assert p.sessions_in_period == 2 and p.sessions_to_date == 4
    assert p.hours_in_period == 2.5
    # 2 meetings in March by two pairs running all month: one per pair and month.
    assert p.sessions_per_active_pair_per_month == 1.0
    assert ("2026-03", 2) in p.meetings_per_month
    assert p.meetings_per_month[-1][0] == "2026-03"


def test_the_current_month_is_reported_up_to_today():
    model = cohort([pair()], [meet("2026-03-02"), meet("2026-03-20")])
    report = build_report(model, as_of=D(2026, 3, 10), month="2026-03")
    assert report.as_of == report.period_end == D(2026, 3, 10)
    assert report.pairs[0].sessions_held == 1  # the 20 March meeting is not known yet
    assert report.pairs[0].health == ON_TRACK  # not "behind" for a meeting still to come


def test_a_month_that_has_not_begun_is_refused():
    with pytest.raises(UsageError, match="2026-04: that month has not begun yet"):
        build_report(cohort([pair()]), as_of=D(2026, 3, 31), month="2026-04")


def test_a_month_before_the_cohort_starts_has_no_started_pair():
    model = cohort([pair(started=None), pair("m2", "e2", status="proposed", started=None)])
    report = build_report(model, as_of=D(2026, 11, 1), month="2025-12")
    assert [(r.status, r.health) for r in report.pairs] == [("proposed", NOT_STARTED)] * 2
    assert report.pairs[0].reason == "starts on 2026-01-12"  # the cohort start
    assert report.programme.active_pairs == 0
    assert report.programme.sessions_per_active_pair_per_month is None


def test_months_spanned_counts_partial_months_by_their_days():
    assert months_spanned(D(2026, 1, 1), D(2026, 3, 31)) == 3.0
    assert months_spanned(D(2026, 4, 16), D(2026, 4, 30)) == 0.5
    assert months_spanned(D(2026, 2, 15), D(2026, 3, 31)) == pytest.approx(1 + 14 / 28)
    assert months_spanned(D(2026, 3, 2), D(2026, 3, 1)) == 0.0


def test_meetings_per_pair_month_count_each_pair_from_its_start():
    # m1 -> e1 runs all of March and meets once; m2 -> e2 starts on 16 March and meets
    # once: 2 meetings over 1 + 16/31 pair-months.
    model = cohort([pair(), pair("m2", "e2", started="2026-03-16")],
                   [meet("2026-03-03"), meet("2026-03-20", "m2", "e2")])
    p = build_report(model, as_of=D(2026, 5, 1), month="2026-03").programme
    assert p.sessions_per_active_pair_per_month == round(2 / (1 + 16 / 31), 2)


def test_as_of_reports_the_programme_to_date():
    model = cohort([pair()], [meet("2026-02-03"), meet("2026-03-03")])
    report = build_report(model, as_of=D(2026, 2, 15))
    assert report.period_kind == "to-date"
    assert report.period_start == D(2026, 1, 12) and report.period_end == D(2026, 2, 15)
    assert report.programme.sessions_in_period == 1
    assert [m for m, _ in report.programme.meetings_per_month] == ["2026-01", "2026-02"]


# ------------------------------------------------------------------ programme figures


def test_programme_figures():
    model = cohort(
        [pair("m1", "e1", signed={"mentor": "2026-01-20", "mentee": "2026-01-21"},
              goals=[{"id": "g1", "text": "Speak", "objective": "lead", "progress": 100},
                     {"id": "g2", "text": "Delegate", "objective": "lead", "progress": 50}]),
         pair("m1", "e2", signed={"mentor": "2026-01-20"},
              goals=[{"id": "g1", "text": "Plan", "progress": 20}]),
         pair("m2", "e3", status="ended", ended="2026-03-01", end_reason="left"),
         pair("m3", "e4", status="proposed", started=None,
              goals=[{"id": "g1", "text": "Not counted", "objective": "lead", "progress": 0}])],
        [meet("2026-03-03", rating={"mentor": 4, "mentee": 5}),
         meet("2026-02-01", "m1", "e2", rating={"mentee": 3}),
         meet("2026-02-10", "m2", "e3", minutes=30)],
        objectives=[{"id": "lead", "title": "Leadership", "target": 80, "unit": "%",
                     "results": [{"date": "2026-02-01", "value": 40},
                                 {"date": "2026-03-01", "value": 55},
                                 {"date": "2026-09-01", "value": 90}]},
                    {"id": "keep", "title": "Retention", "target": 90, "unit": "%"}],
    )
    p = build_report(model, as_of=D(2026, 4, 1)).programme
    assert p.participants_by_role == {"mentor": 2, "mentee": 4, "both": 1}
    assert p.participants == 7
    assert (p.mentees, p.matched_mentees, p.match_rate_pct) == (5, 2, 40.0)
    assert (p.mentor_capacity, p.mentor_use_pct) == (5, 40.0)
    assert p.pairs_by_status == {"proposed": 1, "active": 2, "ended": 1}
    assert p.active_pairs == 2
    assert (p.engaged_pairs, p.engagement_pct) == (1, 50.0)  # 3 March: 29 days before 1 April
    assert (p.sessions_to_date, p.hours_to_date) == (3, 2.5)
    assert (p.goals, p.goals_completed, p.goal_completion_pct) == (3, 1, 33.3)
    assert p.mean_satisfaction == 4.0
    assert (p.mean_rating_mentor, p.mean_rating_mentee) == (4.0, 4.0)
    lead, keep = p.objectives
    assert (lead.target, lead.latest_result, lead.latest_result_date) == (80, 55, D(2026, 3, 1))
    assert (lead.goals, lead.mean_goal_progress) == (2, 75.0)
    assert keep.latest_result is None and keep.mean_goal_progress is None
    assert [r.id for r in p.mentors_without_training] == ["m3"]
    assert [(c.mentee.id, c.missing) for c in p.contracts_not_signed] == [
        ("e2", ("mentee",))]
    assert p.health[ENDED] == 1 and p.health[NOT_STARTED] == 1


def test_engagement_counts_meetings_in_the_last_30_days_as_of_day_included():
    model = cohort([pair("m1", "e1"), pair("m2", "e2")],
                   [meet("2026-03-03"), meet("2026-03-02", "m2", "e2")])
    p = build_report(model, as_of=D(2026, 4, 1)).programme
    assert p.engaged_pairs == 1  # 29 days ago counts, 30 days ago does not


def test_attention_lists_the_worst_pairs_first():
    model = cohort(
        [pair("m1", "e1"), pair("m1", "e2"), pair("m2", "e3"), pair("m2", "e4")],
        [meet("2026-02-03", "m1", "e1"), meet("2026-03-25", "m1", "e1"),   # on track
         meet("2026-03-01", "m1", "e2"),                                   # behind
         meet("2026-02-20", "m2", "e3", rating={"mentee": 1})],             # at risk
    )  # m2 -> e4 never met: inactive
    report = build_report(model, as_of=D(2026, 3, 31))
    assert [r.health for r in report.pairs] == [ON_TRACK, BEHIND, AT_RISK, INACTIVE]
    assert [r.mentee.id for r in report.programme.attention] == ["e4", "e3", "e2"]
    assert fails(report, "behind") and fails(report, "at-risk") and fails(report, "inactive")
    with pytest.raises(UsageError):
        fails(report, "late")


def test_fail_levels_are_cumulative():
    model = cohort([pair()], [meet("2026-02-03")])
    behind = build_report(model, as_of=D(2026, 3, 20))
    assert fails(behind, "behind") and not fails(behind, "at-risk")
    assert not fails(behind, "inactive")


def test_french_reasons():
    model = cohort([pair()], [meet("2026-02-03")])
    r = row(model, "2026-03-20")
    assert describe(r.why, "fr") == "1 rencontre manquante sur 2 attendues"
    r = row(model, "2026-04-03")
    assert describe(r.why, "fr") == "aucune rencontre depuis le 3 février 2026 (2 mois ou plus)"


@pytest.mark.parametrize("missing,expected,fr,en", [
    (1, 1, "1 rencontre manquante sur 1 attendue", "1 of 1 expected meeting missing"),
    (1, 10, "1 rencontre manquante sur 10 attendues", "1 of 10 expected meetings missing"),
    (4, 8, "4 rencontres manquantes sur 8 attendues", "4 of 8 expected meetings missing"),
])
def test_missing_meetings_agree_in_number(missing, expected, fr, en):
    why = Reason("behind", {"missing": missing, "expected": expected})
    assert describe(why, "fr") == fr
    assert describe(why, "en") == en


@pytest.mark.parametrize("expected,fr,en", [
    (1, "la rencontre attendue a eu lieu", "the expected meeting was held"),
    (9, "les 9 rencontres attendues ont eu lieu", "all 9 expected meetings held"),
])
def test_all_held_agrees_in_number(expected, fr, en):
    why = Reason("all_held", {"missing": 0, "expected": expected})
    assert (describe(why, "fr"), describe(why, "en")) == (fr, en)


def test_a_meeting_before_any_is_expected_is_acknowledged():
    model = cohort([pair()], [meet("2026-01-22")])
    r = row(model, "2026-02-01")
    assert (r.health, r.sessions_held, r.sessions_expected) == (ON_TRACK, 1, 0)
    assert r.reason == "1 meeting held, none expected yet"
    assert describe(r.why, "fr") == "1 rencontre tenue, aucune attendue pour l’instant"
    assert row(cohort([pair()]), "2026-02-01").reason == "no meeting expected yet"


def test_biweekly_inactivity_is_said_in_weeks():
    model = cohort([pair()], [meet("2026-01-20")], cadence="biweekly")
    r = row(model, "2026-02-17")
    assert r.health == INACTIVE
    assert describe(r.why, "fr") == ("aucune rencontre depuis le 20 janvier 2026 "
                                     "(4 semaines ou plus)")
    assert r.reason == "no meeting since 2026-01-20 (4 weeks or more)"


def test_machine_reasons_keep_iso_dates_and_dot_decimals():
    model = cohort([pair()], [meet("2026-02-03", rating={"mentor": 2, "mentee": 2}),
                              meet("2026-03-03", rating={"mentor": 3, "mentee": 2})])
    r = row(model, "2026-04-03")
    assert r.reason == "mean rating at or under 2.5 (mentor 2.5 and mentee 2)"
    assert describe(r.why, "fr") == "note moyenne de 2,5 ou moins (mentor 2,5 et mentoré·e 2)"


# ------------------------------------------------------------------ confidentiality, speed


class _NoNotes:
    """A session whose notes cannot be read: the report must never touch them."""

    def __init__(self, session: Any) -> None:
        self._s = session

    def __getattr__(self, name: str) -> Any:
        if name == "notes":
            raise AssertionError("the report read a session's notes")
        return getattr(self._s, name)


def test_the_report_never_reads_session_notes():
    model = cohort([pair()], [meet("2026-02-03", notes="secret"), meet("2026-03-03")])
    model.sessions = [_NoNotes(s) for s in model.sessions]  # type: ignore[misc]
    report = build_report(model, as_of=D(2026, 4, 1))
    assert report.pairs[0].sessions_held == 2


def test_report_is_linear_in_the_number_of_sessions():
    """2,000 pairs and 40,000 sessions: one pass, no pair-by-session loop."""
    import time

    people = [{"id": f"m{i}", "name": f"M {i}", "email": f"m{i}@example.com",
               "role": "mentor", "capacity": 1, "trained": "2026-01-01"} for i in range(2000)]
    people += [{"id": f"e{i}", "name": f"E {i}", "email": f"e{i}@example.com",
                "role": "mentee"} for i in range(2000)]
    pairs = [pair(f"m{i}", f"e{i}") for i in range(2000)]
    days = [D(2026, 1, 20) + dt.timedelta(days=7 * k) for k in range(20)]
    sessions = [meet(day.isoformat(), f"m{i}", f"e{i}") for i in range(2000) for day in days]
    model = cohort(pairs, sessions, participants=people)
    start = time.perf_counter()
    report = build_report(model, as_of=D(2026, 6, 30))
    elapsed = time.perf_counter() - start
    assert report.programme.sessions_to_date == 40_000
    assert elapsed < 5, elapsed  # about 0.1 s here; a quadratic loop would take minutes


def test_before_the_cohort_starts_the_period_is_empty():
    model = cohort([pair()])
    report = build_report(model, as_of=D(2025, 12, 1))
    assert report.period_start == report.period_end == D(2025, 12, 1)
    assert report.programme.meetings_per_month == []
    assert report.pairs[0].health == NOT_STARTED


# ------------------------------------------------------------------ properties

_DAYS = st.dates(min_value=D(2026, 1, 12), max_value=D(2026, 12, 18))


@settings(max_examples=60, deadline=None)
@given(
    meetings=st.lists(st.tuples(st.integers(0, 3), _DAYS, st.integers(15, 120),
                                st.one_of(st.none(), st.integers(1, 5))), max_size=40),
    as_of=st.dates(min_value=D(2025, 12, 1), max_value=D(2027, 2, 1)),
    cadence=st.sampled_from(["weekly", "biweekly", "monthly"]),
)
def test_report_invariants(meetings, as_of, cadence):
    pairs = [pair("m1", "e1"), pair("m1", "e2", started="2026-03-01"),
             pair("m2", "e3", status="ended", ended="2026-06-30", end_reason="done"),
             pair("m3", "e4", started="2026-02-01")]
    keys = [("m1", "e1"), ("m1", "e2"), ("m2", "e3"), ("m3", "e4")]
    seen = set()
    sessions = []
    for index, day, minutes, rating in meetings:
        if (index, day) in seen:
            continue
        seen.add((index, day))
        mentor, mentee = keys[index]
        sessions.append(meet(day.isoformat(), mentor, mentee, minutes,
                             rating={"mentee": rating} if rating else None))
    model = cohort(pairs, sessions, cadence=cadence)
    report = build_report(model, as_of=as_of)
    rows = report.pairs
    counted = [s for s in model.sessions if s.date <= as_of]
    assert sum(r.sessions_held for r in rows) == report.programme.sessions_to_date \
        == len(counted)
    # Each figure is rounded to the hundredth: the sum may drift by half a hundredth each.
    assert abs(sum(r.hours for r in rows) - report.programme.hours_to_date) \
        <= 0.005 * (len(rows) + 1) + 1e-9
    for r in rows:
        assert r.sessions_missing == max(0, r.sessions_expected - r.sessions_held)
        if r.last_meeting is not None:
            assert r.last_meeting <= as_of and r.days_since_last_meeting >= 0
        assert (r.health in (ENDED, NOT_STARTED)) == (r.status != "active")
    severities = [r.severity for r in report.programme.attention]
    assert severities == sorted(severities, reverse=True)
    assert all(s > 0 for s in severities)
    assert sum(report.programme.health.values()) == len(rows)

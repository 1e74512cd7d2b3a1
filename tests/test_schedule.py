"""Planned meeting dates: cadences, month ends, weekends, period bounds (mentorcli.schedule)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcli.model import CohortFile
from mentorcli.schedule import (
    add_months,
    checkins,
    pair_checkins,
    pair_period,
    pair_schedule,
    planned_dates,
)

D = dt.date


def test_weekly_on_a_monday_keeps_mondays():
    assert planned_dates(D(2026, 1, 12), D(2026, 2, 9), "weekly") == [
        D(2026, 1, 12), D(2026, 1, 19), D(2026, 1, 26), D(2026, 2, 2), D(2026, 2, 9),
    ]


def test_biweekly_every_fourteen_days():
    assert planned_dates(D(2026, 1, 14), D(2026, 3, 10), "biweekly") == [
        D(2026, 1, 14), D(2026, 1, 28), D(2026, 2, 11), D(2026, 2, 25),
    ]


def test_weekend_start_moves_every_meeting_to_monday():
    # 2026-01-17 is a Saturday: every weekly date falls on a Saturday -> the Monday after.
    dates = planned_dates(D(2026, 1, 17), D(2026, 2, 6), "weekly")
    assert dates == [D(2026, 1, 19), D(2026, 1, 26), D(2026, 2, 2)]
    # Saturday 7 February would move to Monday 9, after the end: dropped, not pulled back
    # to the Friday (two meetings in one week).
    dates = planned_dates(D(2026, 1, 17), D(2026, 2, 8), "weekly")
    assert dates == [D(2026, 1, 19), D(2026, 1, 26), D(2026, 2, 2)]


def test_monthly_last_meeting_pulled_back_before_the_end():
    # Saturday 20 June, the period ends Sunday 21: Monday 22 is too late -> Friday 19.
    dates = planned_dates(D(2026, 4, 20), D(2026, 6, 21), "monthly")
    assert dates == [D(2026, 4, 20), D(2026, 5, 20), D(2026, 6, 19)]


def test_monthly_same_day_of_month():
    dates = planned_dates(D(2026, 1, 20), D(2026, 12, 18), "monthly")
    assert len(dates) == 11  # 20 December is after the end
    assert dates[:6] == [
        D(2026, 1, 20), D(2026, 2, 20), D(2026, 3, 20), D(2026, 4, 20), D(2026, 5, 20),
        D(2026, 6, 22),  # Saturday 20 June -> Monday 22
    ]


def test_monthly_clamps_to_month_end_and_stays_in_the_month():
    dates = planned_dates(D(2026, 1, 30), D(2026, 6, 30), "monthly")
    assert dates == [
        D(2026, 1, 30),
        D(2026, 2, 27),  # 28 Feb (clamped) is a Saturday; Monday is in March -> Friday 27
        D(2026, 3, 30),
        D(2026, 4, 30),
        D(2026, 5, 29),  # Saturday 30 May -> Monday 1 June is next month -> Friday 29
        D(2026, 6, 30),
    ]


def test_monthly_on_the_31st_in_a_leap_year():
    dates = planned_dates(D(2028, 1, 31), D(2028, 5, 31), "monthly")
    assert dates == [D(2028, 1, 31), D(2028, 2, 29), D(2028, 3, 31), D(2028, 4, 28),
                     D(2028, 5, 31)]


def test_first_meeting_never_before_the_start():
    # Saturday 31 January: the Friday before is before the start, so the Monday after,
    # even though it is in February.
    dates = planned_dates(D(2026, 1, 31), D(2026, 3, 31), "monthly")
    assert dates == [D(2026, 2, 2), D(2026, 2, 27), D(2026, 3, 31)]


def test_empty_periods():
    assert planned_dates(D(2026, 3, 1), D(2026, 2, 1), "weekly") == []
    assert planned_dates(D(2026, 1, 17), D(2026, 1, 18), "weekly") == []  # one weekend
    assert planned_dates(D(2026, 1, 16), D(2026, 1, 16), "monthly") == [D(2026, 1, 16)]


def test_unknown_cadence():
    with pytest.raises(ValueError, match="unknown cadence"):
        planned_dates(D(2026, 1, 1), D(2026, 2, 1), "daily")


def test_add_months_clamps():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 11, 30), 3, 31) == D(2027, 2, 28)
    assert add_months(D(2026, 1, 15), -1) == D(2025, 12, 15)


def _model(**pair_fields) -> CohortFile:
    return CohortFile.model_validate({
        "version": 1,
        "cohort": {"id": "c", "name": "C", "start": "2026-01-12", "end": "2026-06-30",
                   "cadence": "monthly"},
        "participants": [
            {"id": "a", "name": "A", "email": "a@example.com", "role": "mentor"},
            {"id": "b", "name": "B", "email": "b@example.com", "role": "mentee"},
        ],
        "pairs": [{"mentor": "a", "mentee": "b", "status": "active", **pair_fields}],
    })


def test_pair_period_uses_started_cohort_start_and_ended():
    model = _model()
    assert pair_period(model, model.pairs[0]) == (D(2026, 1, 12), D(2026, 6, 30))
    model = _model(started="2026-02-03")
    assert pair_schedule(model, model.pairs[0])[0] == D(2026, 2, 3)
    model = _model(status="ended", started="2026-02-03", ended="2026-04-10", end_reason="x")
    assert pair_schedule(model, model.pairs[0]) == [D(2026, 2, 3), D(2026, 3, 3), D(2026, 4, 3)]


def test_checkins_midpoint_and_final():
    model = _model()
    dates = pair_schedule(model, model.pairs[0])
    assert dates == [D(2026, 1, 12), D(2026, 2, 12), D(2026, 3, 12), D(2026, 4, 13),
                     D(2026, 5, 12), D(2026, 6, 12)]
    found = pair_checkins(model, model.pairs[0])
    # The middle of 12 Jan - 30 Jun is 6 April: the first meeting on or after it.
    assert found.midpoint == D(2026, 4, 13)
    assert found.final == D(2026, 6, 12)
    assert checkins([], D(2026, 1, 1), D(2026, 2, 1)).midpoint is None


# Gap between two meetings: weekly and biweekly keep one weekday; a monthly date moves by at
# most two days from a nominal date 28 to 31 days after the previous one.
GAPS = {"weekly": (7, 7), "biweekly": (14, 14), "monthly": (24, 35)}


@settings(max_examples=400, deadline=None)
@given(
    start=st.dates(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31)),
    length=st.integers(min_value=-5, max_value=800),
    cadence=st.sampled_from(["weekly", "biweekly", "monthly"]),
)
def test_dates_are_working_days_increasing_and_inside(start, length, cadence):
    end = start + dt.timedelta(days=length)
    dates = planned_dates(start, end, cadence)
    assert all(d.weekday() < 5 for d in dates)
    assert all(start <= d <= end for d in dates)
    assert all(a < b for a, b in zip(dates, dates[1:], strict=False))
    low, high = GAPS[cadence]
    assert all(low <= (b - a).days <= high for a, b in zip(dates, dates[1:], strict=False))
    # The first meeting is the first working day of the period (when it has one), and the
    # weekday of weekly meetings is that day's.
    working = [start + dt.timedelta(days=i) for i in range(max(length + 1, 0))
               if (start + dt.timedelta(days=i)).weekday() < 5]
    if cadence == "monthly" or start.weekday() < 5:
        assert dates[:1] == working[:1]
    else:
        assert dates[:1] == [d for d in working if d.weekday() == 0][:1]
    # Deterministic.
    assert planned_dates(start, end, cadence) == dates

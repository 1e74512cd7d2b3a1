"""The report as JSON: stable English keys, ISO dates, the shape documented in
docs/followup.md."""

from __future__ import annotations

from typing import Any

from mentorcli.reports.progress import PairProgress, PersonRef, Programme, Report

JSON_FORMAT = "mentorcli-report"
JSON_FORMAT_VERSION = 1


def _person(ref: PersonRef) -> dict[str, str]:
    return {"id": ref.id, "name": ref.name, "email": ref.email}


def pair_data(row: PairProgress) -> dict[str, Any]:
    """One pair in the JSON shape (documented in docs/followup.md)."""
    return {
        "mentor": _person(row.mentor),
        "mentee": _person(row.mentee),
        "status": row.status,
        "started": row.started,
        "ended": row.ended,
        "end_reason": row.end_reason,
        "sessions_held": row.sessions_held,
        "sessions_expected": row.sessions_expected,
        "sessions_missing": row.sessions_missing,
        "sessions_in_period": row.sessions_in_period,
        "last_meeting": row.last_meeting,
        "days_since_last_meeting": row.days_since_last_meeting,
        "hours": row.hours,
        "hours_in_period": row.hours_in_period,
        "goals": row.goals,
        "mean_goal_progress": row.mean_goal_progress,
        "mean_rating_mentor": row.mean_rating_mentor,
        "mean_rating_mentee": row.mean_rating_mentee,
        "contract_signed": row.contract_signed,
        "health": row.health,
        "reason": row.reason,
        "exception": row.exception,
    }


def programme_data(p: Programme) -> dict[str, Any]:
    return {
        "participants": p.participants,
        "participants_by_role": dict(p.participants_by_role),
        "mentees": p.mentees,
        "matched_mentees": p.matched_mentees,
        "match_rate_pct": p.match_rate_pct,
        "mentor_capacity": p.mentor_capacity,
        "mentor_use_pct": p.mentor_use_pct,
        "pairs_by_status": dict(p.pairs_by_status),
        "active_pairs": p.active_pairs,
        "engaged_pairs": p.engaged_pairs,
        "engagement_pct": p.engagement_pct,
        "sessions_in_period": p.sessions_in_period,
        "hours_in_period": p.hours_in_period,
        "sessions_to_date": p.sessions_to_date,
        "hours_to_date": p.hours_to_date,
        "sessions_per_active_pair_per_month": p.sessions_per_active_pair_per_month,
        "goals": p.goals,
        "goals_completed": p.goals_completed,
        "goal_completion_pct": p.goal_completion_pct,
        "mean_satisfaction": p.mean_satisfaction,
        "mean_rating_mentor": p.mean_rating_mentor,
        "mean_rating_mentee": p.mean_rating_mentee,
        "health": dict(p.health),
        "objectives": [
            {
                "id": o.id,
                "title": o.title,
                "target": o.target,
                "unit": o.unit,
                "latest_result": o.latest_result,
                "latest_result_date": o.latest_result_date,
                "goals": o.goals,
                "mean_goal_progress": o.mean_goal_progress,
            }
            for o in p.objectives
        ],
        "mentors_without_training": [_person(r) for r in p.mentors_without_training],
        "contracts_not_signed": [
            {"mentor": _person(c.mentor), "mentee": _person(c.mentee), "missing": list(c.missing)}
            for c in p.contracts_not_signed
        ],
        "attention": [
            {"mentor": _person(r.mentor), "mentee": _person(r.mentee), "health": r.health,
             "reason": r.reason}
            for r in p.attention
        ],
        "meetings_per_month": [{"month": m, "sessions": n} for m, n in p.meetings_per_month],
        "unmatched_mentees": [{**_person(u.mentee), "reason": u.reason} for u in p.unmatched],
        "supervision_due": [{"mentor": _person(d.mentor), "last_supervision": d.last,
                             "days": d.days} for d in p.supervision_due],
        "concerns_due": [{"id": c.id, "about": [_person(r) for r in c.about],
                          "severity": c.severity, "follow_up": c.follow_up,
                          "days_late": c.days_late} for c in p.concerns_due],
    }


def report_data(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data: the stable shape documented in docs/followup.md."""
    coordinator = None
    if report.coordinator is not None:
        coordinator = {"name": report.coordinator.name, "email": report.coordinator.email}
    return {
        "format": JSON_FORMAT,
        "format_version": JSON_FORMAT_VERSION,
        "cohort": {
            "id": report.cohort_id,
            "name": report.cohort_name,
            "language": report.language,
            "cadence": report.cadence,
            "start": report.cohort_start,
            "end": report.cohort_end,
            "coordinator": coordinator,
        },
        "as_of": report.as_of,
        "period": {"kind": report.period_kind, "start": report.period_start,
                   "end": report.period_end},
        "anonymized": report.anonymized,
        "thresholds": dict(report.thresholds),
        "programme": programme_data(report.programme),
        "pairs": [pair_data(row) for row in report.pairs],
    }


def render_json(report: Report) -> str:
    from mentorcli.cli.output import to_json

    return to_json(report_data(report)) + "\n"

"""Who needs the coordinator now: what the regular report lists. Pure.

- mentors with a started pair whose last supervision is older than the cohort's rhythm
  (`evaluation.supervision_days`), or who were never supervised once that long has passed
  since their first pair started (only in a file that follows supervision: one with a
  `supervision:` list or an `evaluation.supervision_days`);
- open concerns past their follow-up date (never their description);
- mentors with a pair and no `trained` date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mentorcli.model import CohortFile

FAIL_ON = ("supervision", "concerns", "untrained")


@dataclass(frozen=True)
class Unsupervised:
    mentor: str
    last: dt.date | None  # last supervision, None when never
    days: int  # days since the last supervision, or since the first pair started


@dataclass(frozen=True)
class OverdueConcern:
    id: str
    about: str  # "person" or "mentor -> mentee"
    people: tuple[str, ...]  # the person's id, or the pair's mentor and mentee
    severity: str
    follow_up: dt.date
    days_late: int


@dataclass(frozen=True)
class Alerts:
    unsupervised: list[Unsupervised]
    overdue_concerns: list[OverdueConcern]
    untrained: list[str]

    def fails(self, what: str) -> bool:
        return bool({"supervision": self.unsupervised, "concerns": self.overdue_concerns,
                     "untrained": self.untrained}[what])


def tracks_supervision(model: CohortFile) -> bool:
    """Whether the file follows supervision: it has a `supervision:` list (even empty) or
    sets `evaluation.supervision_days`. Files that do not are never told about it."""
    return "supervision" in model.model_fields_set or \
        "supervision_days" in model.evaluation.model_fields_set


def alerts(model: CohortFile, as_of: dt.date) -> Alerts:
    rhythm = model.evaluation.supervision_days
    tracked = tracks_supervision(model)
    first_start: dict[str, dt.date] = {}
    for pair in model.pairs:
        if pair.status == "proposed" or pair.started is None or pair.started > as_of:
            continue
        if pair.status == "ended" and pair.ended is not None and pair.ended <= as_of:
            continue  # mentors of ended pairs need no more supervision for them
        if pair.mentor not in first_start or pair.started < first_start[pair.mentor]:
            first_start[pair.mentor] = pair.started
    last: dict[str, dt.date] = {}
    for entry in model.supervision:
        if entry.date <= as_of:
            for mentor in entry.mentors:
                if mentor not in last or last[mentor] < entry.date:
                    last[mentor] = entry.date
    unsupervised = []
    for mentor, started in sorted(first_start.items()):
        since = last.get(mentor, started)
        days = (as_of - since).days
        if tracked and days > rhythm:
            unsupervised.append(Unsupervised(mentor, last.get(mentor), days))
    overdue = []
    for c in model.concerns:
        if c.status == "open" and c.follow_up is not None and c.follow_up < as_of \
                and c.date <= as_of:
            about = c.person or f"{c.mentor} -> {c.mentee}"
            people = (c.person,) if c.person else (str(c.mentor), str(c.mentee))
            overdue.append(OverdueConcern(c.id, about, people, c.severity, c.follow_up,
                                          (as_of - c.follow_up).days))
    people = model.people()
    untrained = sorted(m for m in first_start
                       if m in people and people[m].trained is None)
    return Alerts(unsupervised, sorted(overdue, key=lambda o: (o.follow_up, o.id)), untrained)


# ---------------------------------------------------------------- survey answers of pairs


@dataclass(frozen=True)
class SurveySignal:
    """What the latest survey answers of a pair say, for its health verdict."""

    stage: str  # mid or end
    low: tuple[str, ...]  # sides ("mentor", "mentee") whose satisfaction or relationship is low
    disagree: bool  # mentor and mentee 2+ points apart, or yes against no on goals


def survey_signals(model: CohortFile, as_of: dt.date,
                   limit: float) -> dict[tuple[str, str], SurveySignal]:
    """Per (mentor, mentee): the signal of the latest stage either of them answered, when it
    says something (a side at or under `limit`, or a sharp disagreement)."""
    if not model.responses:
        return {}
    from mentorcli.evaluation.surveys import surveys_of

    surveys = {s.id: s for s in surveys_of(model)}
    measures = {sid: {q.measure: q.id for q in s.questions if q.measure}
                for sid, s in surveys.items()}
    said: dict[tuple[str, str, str], dict[str, object]] = {}
    for r in model.responses:
        survey = surveys.get(r.survey)
        if survey is None or r.date > as_of:
            continue
        values = {m: r.answers[q] for m, q in measures[r.survey].items() if q in r.answers}
        said[(survey.stage, survey.role, r.person)] = values
    found: dict[tuple[str, str], SurveySignal] = {}
    for pair in model.pairs:
        for stage in ("end", "mid"):
            a = said.get((stage, "mentor", pair.mentor))
            b = said.get((stage, "mentee", pair.mentee))
            if a is None and b is None:
                continue
            low = tuple(side for side, values in (("mentor", a), ("mentee", b))
                        if values is not None and any(
                            _number(values.get(m)) is not None and _number(values.get(m))
                            <= limit for m in ("satisfaction", "relationship")))
            disagree = a is not None and b is not None and bool(disagreements_on(a, b))
            if low or disagree:
                found[(pair.mentor, pair.mentee)] = SurveySignal(stage, low, disagree)
            break  # the latest stage answered counts
    return found


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else None


def disagreements_on(a: dict[str, object], b: dict[str, object]) -> tuple[str, ...]:
    """The measures a mentor's answers `a` and a mentee's `b` disagree sharply on: 2 points
    or more apart on satisfaction or relationship, yes against no on goals."""
    on = []
    for measure in ("satisfaction", "relationship"):
        x, y = _number(a.get(measure)), _number(b.get(measure))
        if x is not None and y is not None and abs(x - y) >= 2:
            on.append(measure)
    x, y = a.get("goals"), b.get("goals")
    if isinstance(x, bool) and isinstance(y, bool) and x != y:
        on.append("goals")
    return tuple(on)

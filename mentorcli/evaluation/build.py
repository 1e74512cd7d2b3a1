"""The programme evaluation of one or several cohorts, as indicators. Pure.

Each cohort gives a list of `Indicator`s in sections (objectives, engagement, surveys,
supervision, concerns, outcomes). Every figure that stands on people goes through
`stats.guard` with the cohort's `evaluation.min_group`: a suppressed figure carries no value,
no interval and no distribution, only the number of people it would stand on.
Free-text answers and concern descriptions are never read here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from mentorcli import i18n
from mentorcli.evaluation import stats
from mentorcli.evaluation.alerts import disagreements_on
from mentorcli.evaluation.stats import Figure
from mentorcli.evaluation.surveys import surveys_of
from mentorcli.evaluation.words import label
from mentorcli.model import CohortFile, Survey

SECTIONS = ("objectives", "engagement", "surveys", "supervision", "concerns", "outcomes")
STAGES = ("mid", "end")
ROLES = ("mentee", "mentor")


@dataclass(frozen=True)
class Indicator:
    section: str
    key: str  # stable code (JSON, CSV): e.g. surveys.end.mentee.satisfaction
    label: str  # in the report's language
    figure: Figure
    target: float | None = None
    unit: str = ""
    source: str = ""  # objectives: "computed", "recorded" or ""
    distribution: tuple[int, ...] | None = None  # counts of answers 1..5 (guarded)


@dataclass(frozen=True)
class Disagreement:
    mentor: str
    mentee: str
    stage: str
    on: tuple[str, ...]  # measures they disagree on: satisfaction, relationship, goals


@dataclass
class CohortEvaluation:
    id: str
    name: str
    start: dt.date
    end: dt.date
    as_of: dt.date
    min_group: int
    indicators: list[Indicator] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)

    def by_key(self) -> dict[str, Indicator]:
        return {i.key: i for i in self.indicators}


@dataclass
class Evaluation:
    language: str
    cohorts: list[CohortEvaluation]


def evaluate(models: list[CohortFile], *, as_of: dt.date,
             min_group: int | None = None) -> Evaluation:
    """The evaluation of each cohort, in the order given, labelled in the current language
    (`mentorcli.i18n.language()`). `min_group` can only raise a cohort's threshold."""
    return Evaluation(i18n.language(), [evaluate_cohort(m, as_of=as_of, min_group=min_group)
                                        for m in models])


def evaluate_cohort(model: CohortFile, *, as_of: dt.date,
                    min_group: int | None = None) -> CohortEvaluation:
    threshold = max(model.evaluation.min_group, min_group or 0)
    as_of = min(as_of, model.cohort.end)  # a cohort that is over is judged at its end
    ev = CohortEvaluation(model.cohort.id, model.cohort.name, model.cohort.start,
                          model.cohort.end, as_of, threshold)
    facts = _Facts(model, as_of)

    def add(section: str, key: str, figure: Figure, **extra: Any) -> None:
        text = extra.pop("text", None) or label(key)
        dist = extra.pop("distribution", None)
        hide = extra.pop("hide", False)
        guarded = stats.guard(figure, figure.n + 1 if hide else threshold)
        ev.indicators.append(Indicator(section, key, text, guarded,
                                       distribution=None if guarded.suppressed else dist,
                                       **extra))

    _objectives(model, facts, add)
    _engagement(facts, add)
    _surveys(model, facts, add, ev)
    _supervision(model, facts, add)
    _concerns(model, as_of, add)
    _outcomes(facts, add)
    return ev


class _Facts:
    """What several sections need, computed once."""

    def __init__(self, model: CohortFile, as_of: dt.date) -> None:
        self.model = model
        self.as_of = as_of
        self.people = model.people()
        self.started = [p for p in model.pairs if p.started is not None and p.started <= as_of
                        and p.status != "proposed"]
        self.mentors = sorted({p.mentor for p in self.started})
        self.mentees = sorted({p.mentee for p in self.started})
        self.sessions: Counter[tuple[str, str]] = Counter()
        self.ratings: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.minutes = 0
        for s in model.sessions:
            if s.date > as_of:
                continue
            self.sessions[(s.mentor, s.mentee)] += 1
            self.minutes += s.minutes
            if s.rating is not None:
                for value in (s.rating.mentor, s.rating.mentee):
                    if value is not None:
                        self.ratings[(s.mentor, s.mentee)].append(value)
        self.surveys: dict[str, Survey] = {s.id: s for s in surveys_of(model)}
        # measure -> question id, per survey
        self.measures: dict[str, dict[str, str]] = {
            sid: {q.measure: q.id for q in s.questions if q.measure is not None}
            for sid, s in self.surveys.items()}
        self.outcome_of: dict[str, Any] = {}
        self.comparison: dict[str, Any] = {}
        for o in model.outcomes:  # the latest outcome of each person counts
            if o.date > as_of:
                continue
            if o.person is not None:
                if o.person not in self.outcome_of or self.outcome_of[o.person].date <= o.date:
                    self.outcome_of[o.person] = o
            elif o.employee_id is not None:
                old = self.comparison.get(o.employee_id)
                if old is None or old.date <= o.date:
                    self.comparison[o.employee_id] = o

    def answers(self, stage: str, role: str | None, measure: str) -> list[Any]:
        values = []
        for r in self.model.responses:
            survey = self.surveys.get(r.survey)
            if survey is None or survey.stage != stage or (role and survey.role != role):
                continue
            qid = self.measures[r.survey].get(measure)
            if qid is not None and qid in r.answers and r.date <= self.as_of:
                values.append(r.answers[qid])
        return values


def _objectives(model: CohortFile, facts: _Facts, add: Any) -> None:
    for o in model.objectives:
        figure, source = None, ""
        if o.compute is not None:
            figure = _computed(o.compute, o.id, o.unit, facts, model)
            source = "computed"
        if (figure is None or figure.value is None and not figure.suppressed) and o.results:
            latest = max(o.results, key=lambda r: r.date)
            figure, source = Figure(latest.value, 0, "result"), "recorded"
        if figure is None:
            figure = Figure(None, 0, "result")
        add("objectives", f"objectives.{o.id}", figure, text=o.title, target=o.target,
            unit=o.unit, source=source)


def _computed(how: str, objective_id: str, unit: str, facts: _Facts,
              model: CohortFile) -> Figure:
    if how == "goals-reached":
        goals = [g for p in facts.started for g in p.goals]
        linked = [g for g in goals if g.objective == objective_id]
        chosen = linked or goals
        return stats.share(sum(1 for g in chosen if g.progress >= 100), len(chosen))
    if how in ("retention", "promotion", "mobility"):
        known = [facts.outcome_of[m] for m in facts.mentees if m in facts.outcome_of]
        count = sum(1 for o in known if _outcome_flag(o, how))
        if unit.strip() != "%":
            return Figure(float(count), len(known), "count")
        return stats.share(count, len(known))
    measure = "satisfaction" if how == "satisfaction" else "nps"
    values = [v for v in facts.answers("end", None, measure) if _is_int(v)]
    figure = stats.mean(values) if how == "satisfaction" else stats.nps(values)
    by_role = [len([v for v in facts.answers("end", role, measure) if _is_int(v)])
               for role in ROLES]
    if any(0 < n < model.evaluation.min_group for n in by_role):
        # as in the survey section: the whole minus a shown role would give a hidden one
        figure = replace(figure, value=None, suppressed=True)
    return figure


def _outcome_flag(outcome: Any, how: str) -> bool:
    return {"retention": outcome.stayed, "promotion": outcome.promoted,
            "mobility": outcome.moved}[how]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _engagement(facts: _Facts, add: Any) -> None:
    pairs = facts.started
    add("engagement", "engagement.pairs", Figure(len(pairs), len(pairs), "count"))
    early = [p for p in pairs if p.status == "ended" and p.ended is not None
             and p.ended < facts.model.cohort.end]
    add("engagement", "engagement.ended_early", Figure(len(early), len(pairs), "count"))
    add("engagement", "engagement.meetings", Figure(sum(facts.sessions.values()), len(pairs),
                                                    "count"))
    add("engagement", "engagement.hours", Figure(round(facts.minutes / 60, 1), len(pairs),
                                                 "count"))
    met = sum(1 for p in pairs if facts.sessions[(p.mentor, p.mentee)] > 0)
    add("engagement", "engagement.met", stats.share(met, len(pairs)))
    per_pair = stats.mean([facts.sessions[(p.mentor, p.mentee)] for p in pairs])
    add("engagement", "engagement.meetings_per_pair", replace(per_pair, kind="average"))
    rated = [sum(v) / len(v) for p in pairs if (v := facts.ratings.get((p.mentor, p.mentee)))]
    add("engagement", "engagement.rating", stats.mean(rated))


def _surveys(model: CohortFile, facts: _Facts, add: Any, ev: CohortEvaluation) -> None:
    invited = {"mentor": set(facts.mentors), "mentee": set(facts.mentees)}
    answered: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in model.responses:
        survey = facts.surveys.get(r.survey)
        if survey is not None and r.date <= facts.as_of:
            answered[(survey.stage, survey.role)].add(r.person)
    for stage in STAGES:
        if not any(answered[(stage, role)] for role in ROLES):
            continue
        hidden: set[str] = set()  # measures hidden for a role: hidden for "all" too
        for role in (*ROLES, None):
            who = role or "all"
            base = f"surveys.{stage}.{who}"
            if role is not None:
                got = answered[(stage, role)]
                add("surveys", f"{base}.responses", Figure(len(got), len(got), "count"))
                add("surveys", f"{base}.response_rate",
                    stats.share(len(got & invited[role]), len(invited[role])))
            sat = [v for v in facts.answers(stage, role, "satisfaction") if _is_int(v)]
            rel = [v for v in facts.answers(stage, role, "relationship") if _is_int(v)]
            goals = [v for v in facts.answers(stage, role, "goals") if isinstance(v, bool)]
            scores = [v for v in facts.answers(stage, role, "nps") if _is_int(v)]
            figures = {"satisfaction": stats.mean(sat), "relationship": stats.mean(rel),
                       "goals": stats.share(sum(goals), len(goals)),
                       "nps": stats.nps(scores)}
            for measure, figure in figures.items():
                if role is not None and 0 < figure.n < ev.min_group:
                    hidden.add(measure)
                # "all" minus the shown role would give the hidden role: hide "all" too
                hide = role is None and measure in hidden and figure.n > 0
                dist = (tuple(sat.count(k) for k in range(1, 6))
                        if measure == "satisfaction" else None)
                add("surveys", f"{base}.{measure}", figure, distribution=dist, hide=hide)
    ev.disagreements = _disagreements(model, facts)
    if ev.disagreements or model.responses:
        add("surveys", "surveys.disagreements", Figure(len(ev.disagreements),
                                                       len(facts.started), "count"))


def _disagreements(model: CohortFile, facts: _Facts) -> list[Disagreement]:
    """Pairs whose mentor and mentee answered the same stage 2+ points apart (or yes/no)."""
    said: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in model.responses:
        survey = facts.surveys.get(r.survey)
        if survey is None or r.date > facts.as_of:
            continue
        values = {m: r.answers[q] for m, q in facts.measures[r.survey].items() if q in r.answers}
        said[(survey.stage, survey.role, r.person)] = values
    found = []
    for pair in facts.started:
        for stage in STAGES:
            a = said.get((stage, "mentor", pair.mentor))
            b = said.get((stage, "mentee", pair.mentee))
            if a is None or b is None:
                continue
            on = disagreements_on(a, b)
            if on:
                found.append(Disagreement(pair.mentor, pair.mentee, stage, on))
    return found


def _supervision(model: CohortFile, facts: _Facts, add: Any) -> None:
    mentors = facts.mentors
    last: dict[str, dt.date] = {}
    sessions = [s for s in model.supervision if s.date <= facts.as_of]
    for s in sessions:
        for m in s.mentors:
            if m not in last or last[m] < s.date:
                last[m] = s.date
    limit = facts.as_of - dt.timedelta(days=model.evaluation.supervision_days)
    add("supervision", "supervision.mentors", Figure(len(mentors), len(mentors), "count"))
    add("supervision", "supervision.trained",
        stats.share(sum(1 for m in mentors if facts.people.get(m) and
                        facts.people[m].trained is not None), len(mentors)))
    add("supervision", "supervision.supervised",
        stats.share(sum(1 for m in mentors if m in last), len(mentors)))
    add("supervision", "supervision.up_to_date",
        stats.share(sum(1 for m in mentors if m in last and last[m] >= limit), len(mentors)))
    add("supervision", "supervision.sessions", Figure(len(sessions), len(sessions), "count"))
    add("supervision", "supervision.group_sessions",
        Figure(sum(1 for s in sessions if s.kind == "group"), len(sessions), "count"))


def _concerns(model: CohortFile, as_of: dt.date, add: Any) -> None:
    raised = [c for c in model.concerns if c.date <= as_of]
    resolved = [c for c in raised if c.status == "resolved" and c.resolved is not None
                and c.resolved <= as_of]
    still_open = [c for c in raised if c not in resolved]
    overdue = [c for c in still_open if c.follow_up is not None and c.follow_up < as_of]
    add("concerns", "concerns.raised", Figure(len(raised), len(raised), "count"))
    add("concerns", "concerns.high", Figure(sum(1 for c in raised if c.severity == "high"),
                                            len(raised), "count"))
    add("concerns", "concerns.resolved", stats.share(len(resolved), len(raised)))
    add("concerns", "concerns.open", Figure(len(still_open), len(raised), "count"))
    add("concerns", "concerns.overdue", Figure(len(overdue), len(raised), "count"))
    days = sorted((c.resolved - c.date).days for c in resolved if c.resolved)
    median = None
    if days:
        mid = len(days) // 2
        median = float(days[mid]) if len(days) % 2 else (days[mid - 1] + days[mid]) / 2
    add("concerns", "concerns.days_to_resolve", Figure(median, len(days), "days"))


def _outcomes(facts: _Facts, add: Any) -> None:
    known = [facts.outcome_of[m] for m in facts.mentees if m in facts.outcome_of]
    others = list(facts.comparison.values())
    if not known and not others:
        return
    add("outcomes", "outcomes.mentees", Figure(len(known), len(known), "count"))
    add("outcomes", "outcomes.comparison_size", Figure(len(others), len(others), "count"))
    for how in ("retention", "promotion", "mobility"):
        k1 = sum(1 for o in known if _outcome_flag(o, how))
        k2 = sum(1 for o in others if _outcome_flag(o, how))
        add("outcomes", f"outcomes.{how}.mentees", stats.share(k1, len(known)))
        add("outcomes", f"outcomes.{how}.comparison", stats.share(k2, len(others)))
        diff = stats.difference(k1, len(known), k2, len(others))
        add("outcomes", f"outcomes.{how}.difference", diff)

"""The format's cross-checks of surveys, responses, supervision, trainings, concerns and
outcomes. Pure; called by `mentorcli.validation.check_model`.

No message quotes a free-text answer (`comments`) or a concern's `description`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from mentorcli.i18n import N_, _
from mentorcli.model import CohortFile


def check_evaluation(model: CohortFile, issue: Any) -> Iterable[Any]:
    """Issues (built with `issue(path, message, severity=..., about=...)`)."""
    if not (model.surveys or model.responses or model.supervision or model.trainings
            or model.concerns or model.outcomes):
        return
    yield from _surveys(model, issue)
    yield from _responses(model, issue)
    yield from _support(model, issue)
    yield from _concerns(model, issue)
    yield from _outcomes(model, issue)


A_SURVEY = N_("'{value}' is not a survey")
A_SURVEY_CLOSE = N_("'{value}' is not a survey (did you mean '{close}'?)")
A_PARTICIPANT = N_("'{value}' is not a participant")
A_PARTICIPANT_CLOSE = N_("'{value}' is not a participant (did you mean '{close}'?)")
A_QUESTION = N_("'{value}' is not a question of survey '{survey}'")
A_QUESTION_CLOSE = N_("'{value}' is not a question of survey '{survey}' (did you mean "
                      "'{close}'?)")


def _unknown(value: str, known: Iterable[str], what: tuple[str, str], **values: str) -> str:
    """`what`: the sentence without and with a close match (`{value}`, `{close}`)."""
    import difflib

    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.7)
    shown = value if len(value) <= 40 else value[:37] + "..."
    if close:
        return _(what[1]).format(value=shown, close=close[0], **values)
    return _(what[0]).format(value=shown, **values)


SURVEY = (A_SURVEY, A_SURVEY_CLOSE)
PARTICIPANT = (A_PARTICIPANT, A_PARTICIPANT_CLOSE)
QUESTION = (A_QUESTION, A_QUESTION_CLOSE)


_MEASURE_KINDS = {"satisfaction": ("rating",), "relationship": ("rating",), "nps": ("nps",),
                  "goals": ("yesno",)}


def _surveys(model: CohortFile, issue: Any) -> Iterable[Any]:
    ids = Counter(s.id for s in model.surveys)
    for i, survey in enumerate(model.surveys):
        at = ("surveys", i)
        if ids[survey.id] > 1:
            yield issue(at + ("id",), _("survey id '{id}' is used {count} times; ids must be "
                                        "unique").format(id=survey.id, count=ids[survey.id]))
        qids = Counter(q.id for q in survey.questions)
        for j, q in enumerate(survey.questions):
            qat = at + ("questions", j)
            if qids[q.id] > 1:
                yield issue(qat + ("id",), _("question id '{id}' is used twice in this "
                                             "survey").format(id=q.id))
            if q.kind == "choice" and len(q.options) < 2:
                yield issue(qat, _("a choice question needs at least two `options`"))
            if q.kind != "choice" and q.options:
                yield issue(qat + ("options",), _("only a choice question has options (this "
                                                  "one is {kind})").format(kind=q.kind),
                            severity="warning")
            if q.measure is not None and q.kind not in _MEASURE_KINDS[q.measure]:
                yield issue(qat + ("measure",),
                            _("measure {measure} needs a question of kind {kinds}, not {kind}")
                            .format(measure=q.measure, kinds=" | ".join(
                                _MEASURE_KINDS[q.measure]), kind=q.kind))


def _responses(model: CohortFile, issue: Any) -> Iterable[Any]:
    from mentorcli.evaluation.surveys import fits_role, surveys_of, value_problem

    surveys = {s.id: s for s in surveys_of(model)}
    people = model.people()
    seen: dict[tuple[str, str], int] = {}
    for i, response in enumerate(model.responses):
        at = ("responses", i)
        survey = surveys.get(response.survey)
        if survey is None:
            yield issue(at + ("survey",), _unknown(response.survey, surveys, SURVEY),
                        about=frozenset([response.survey]))
        person = people.get(response.person)
        if person is None:
            yield issue(at + ("person",), _unknown(response.person, people, PARTICIPANT),
                        about=frozenset([response.person]))
        elif survey is not None and not fits_role(person.role, survey.role):
            yield issue(at + ("person",), _("{person} is a {role}; survey '{survey}' is for "
                                            "{survey_role}s").format(
                person=person.id, role=person.role, survey=survey.id, survey_role=survey.role))
        key = (response.survey, response.person)
        if key in seen:
            yield issue(at, _("{person} already answered '{survey}' at {place}; keep one "
                              "response per person and survey").format(
                person=response.person, survey=response.survey,
                place=f"responses[{seen[key]}]"))
        seen.setdefault(key, i)
        if survey is None:
            continue
        questions = {q.id: q for q in survey.questions}
        for qid, value in response.answers.items():
            q = questions.get(qid)
            if q is None:
                yield issue(at + ("answers", qid),
                            _unknown(qid, questions, QUESTION, survey=survey.id))
                continue
            problem = value_problem(q, value)
            if problem is not None:
                yield issue(at + ("answers", qid), _("answer to '{question}': {problem}")
                            .format(question=qid, problem=problem))
        for qid in response.comments:
            q = questions.get(qid)
            if q is None:
                yield issue(at + ("comments", qid),
                            _unknown(qid, questions, QUESTION, survey=survey.id))
            elif q.kind != "text":
                yield issue(at + ("comments", qid),
                            _("'{question}' is a {kind} question: its answer goes under "
                              "`answers`").format(question=qid, kind=q.kind))


def _support(model: CohortFile, issue: Any) -> Iterable[Any]:
    people = model.people()
    for i, entry in enumerate(model.supervision):
        if not entry.mentors:
            yield issue(("supervision", i, "mentors"), _("name at least one mentor"))
        for j, pid in enumerate(entry.mentors):
            person = people.get(pid)
            if person is None:
                yield issue(("supervision", i, "mentors", j),
                            _unknown(pid, people, PARTICIPANT), about=frozenset([pid]))
            elif not person.can_mentor:
                yield issue(("supervision", i, "mentors", j),
                            _("'{person}' has role {role}; supervision is for mentors").format(
                                person=pid, role=person.role))
        if entry.kind == "individual" and len(entry.mentors) > 1:
            yield issue(("supervision", i, "kind"), _("an individual supervision has one "
                                                      "mentor; use kind: group"),
                        severity="warning")
    for i, training in enumerate(model.trainings):
        for j, pid in enumerate(training.attended):
            if pid not in people:
                yield issue(("trainings", i, "attended", j),
                            _unknown(pid, people, PARTICIPANT), about=frozenset([pid]))


def _concerns(model: CohortFile, issue: Any) -> Iterable[Any]:
    people = model.people()
    ids = Counter(c.id for c in model.concerns)
    pairs = {(p.mentor, p.mentee) for p in model.pairs}
    for i, concern in enumerate(model.concerns):
        at = ("concerns", i)
        if ids[concern.id] > 1:
            yield issue(at + ("id",), _("concern id '{id}' is used {count} times; ids must be "
                                        "unique").format(id=concern.id, count=ids[concern.id]))
        about_pair = concern.mentor is not None or concern.mentee is not None
        if concern.person is not None and about_pair:
            yield issue(at, _("a concern is about a `person` or a pair (`mentor` and "
                              "`mentee`), not both"))
        elif concern.person is None and not (concern.mentor and concern.mentee):
            yield issue(at, _("say who the concern is about: `person`, or `mentor` and "
                              "`mentee`"))
        for key in ("person", "mentor", "mentee"):
            value = getattr(concern, key)
            if value is not None and value not in people:
                yield issue(at + (key,), _unknown(value, people, PARTICIPANT),
                            about=frozenset([value]))
        if concern.mentor in people and concern.mentee in people and \
                (concern.mentor, concern.mentee) not in pairs:
            yield issue(at, _("no pair {mentor} -> {mentee} in `pairs`").format(
                mentor=concern.mentor, mentee=concern.mentee))
        if concern.status == "resolved" and concern.resolved is None:
            yield issue(at + ("status",), _("a resolved concern has no `resolved` date"),
                        severity="warning")
        if concern.status == "open" and concern.resolved is not None:
            yield issue(at + ("resolved",), _("the concern has a `resolved` date but its "
                                              "status is open; set status: resolved"))
        if concern.resolved is not None and concern.resolved < concern.date:
            yield issue(at + ("resolved",), _("resolved ({resolved}) before it was raised "
                                              "({raised})").format(resolved=concern.resolved,
                                                                   raised=concern.date))


def _outcomes(model: CohortFile, issue: Any) -> Iterable[Any]:
    people = model.people()
    numbers = {p.employee_id for p in model.participants if p.employee_id}
    seen: dict[tuple[Any, Any, Any], int] = {}
    for i, outcome in enumerate(model.outcomes):
        at = ("outcomes", i)
        if (outcome.person is None) == (outcome.employee_id is None):
            yield issue(at, _("an outcome names a participant (`person`) or someone of the "
                              "comparison group (`employee_id`), exactly one of them"))
        if outcome.person is not None and outcome.person not in people:
            yield issue(at + ("person",), _unknown(outcome.person, people, PARTICIPANT),
                        about=frozenset([outcome.person]))
        if outcome.employee_id is not None and outcome.employee_id in numbers:
            yield issue(at + ("employee_id",), _("this employee number is a participant's: "
                                                 "write `person: ID` for a participant"),
                        severity="warning")
        key = (outcome.person, outcome.employee_id, outcome.date)
        if key in seen:
            yield issue(at, _("the same outcome is already at {place}").format(
                place=f"outcomes[{seen[key]}]"))
        seen.setdefault(key, i)

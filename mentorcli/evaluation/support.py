"""Supervision, training, concerns and HR outcomes, as edits of the cohort file. Pure.

Each `plan_*` function reads the typed model and returns `Changes` for the transaction
(`mentorcli.store.transaction.change_cohort`); it raises UsageError to refuse. A concern's
description is confidential: it is written to the file and never appears in a result or an
error message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from mentorcli.errors import UsageError
from mentorcli.evaluation.writes import RowProblems, append_entries
from mentorcli.i18n import N_, _, ngettext
from mentorcli.importing.spreadsheet import Sheet, column_letter
from mentorcli.localize import sentence_date
from mentorcli.model import SLUG_RE, CohortFile, Participant
from mentorcli.records import resolve_person
from mentorcli.store import edits as E

# ---------------------------------------------------------------- supervision, training

NAME_ONE = {"mentor": N_("name at least one mentor (participant id or email)"),
            "participant": N_("name at least one participant (participant id or email)")}


def _people(model: CohortFile, refs: list[str], role: str) -> list[Participant]:
    found: list[Participant] = []
    for ref in refs:
        for part in ref.split(","):
            if part.strip():
                person = resolve_person(model, part.strip(), role)
                if person not in found:
                    found.append(person)
    if not found:
        raise UsageError(_(NAME_ONE[role]))
    return found


def plan_supervision(model: CohortFile, mentors: list[str], *, day: dt.date, today: dt.date,
                     minutes: int | None, topics: list[str]) -> E.Changes:
    """A supervision session of one mentor (individual) or several (group)."""
    if day > today:
        raise UsageError(_("--date {day}: a supervision is recorded once it took place "
                           "(today is {today})").format(day=day, today=sentence_date(today)))
    people = _people(model, mentors, "mentor")
    for person in people:
        if not person.can_mentor:
            raise UsageError(_("{person} has role {role}; supervision is for mentors").format(
                person=person.id, role=person.role))
    if minutes is not None and not 1 <= minutes <= 1440:
        raise UsageError(_("--minutes {minutes}: expected 1 to 1440").format(minutes=minutes))
    ids = [p.id for p in people]
    for entry in model.supervision:
        if entry.date == day and entry.mentors == ids:
            raise UsageError(_("this supervision ({mentors} on {day}) is already recorded")
                             .format(mentors=", ".join(ids), day=sentence_date(day)))
    item: dict[str, Any] = {"date": day, "kind": "group" if len(ids) > 1 else "individual",
                            "mentors": E.FlowList(ids)}
    if minutes is not None:
        item["minutes"] = minutes
    if topics:
        item["topics"] = E.FlowList(topics)
    return E.Changes(append_entries(model.supervision, "supervision", [item]), result=item)


def plan_training(model: CohortFile, people_refs: list[str], *, day: dt.date, today: dt.date,
                  title: str) -> E.Changes:
    """A training session; each attendee without a `trained` date gets this one."""
    if day > today:
        raise UsageError(_("--date {day}: a training is recorded once it took place "
                           "(today is {today})").format(day=day, today=sentence_date(today)))
    if not title.strip():
        raise UsageError(_("--title: name the training"))
    people = _people(model, people_refs, "participant")
    ids = [p.id for p in people]
    for entry in model.trainings:
        if entry.date == day and entry.title == title:
            raise UsageError(_("the training '{title}' of {day} is already recorded").format(
                title=title[:40], day=sentence_date(day)))
    edits = append_entries(model.trainings, "trainings",
                           [{"date": day, "title": title, "attended": E.FlowList(ids)}])
    newly = []
    for person in people:
        if person.trained is None:  # the first training counts; later ones are listed
            edits.append(E.Set(E.participant(person.id), "trained", day,
                               after=("capacity", "skills", "languages", "timezone",
                                      "location", "seniority", "manager", "department",
                                      "title", "employee_id", "role")))
            newly.append(person.id)
    return E.Changes(edits, result=(ids, newly))


# ---------------------------------------------------------------- concerns


@dataclass(frozen=True)
class ConcernDone:
    id: str
    action: str  # "opened", "resolved", "updated"


def plan_concern(model: CohortFile, concern_id: str, *, follow_up: dt.date | None,
                 **opening: Any) -> E.Changes:
    """A new follow-up date of an existing concern (when only --follow-up is given), else a
    new concern."""
    only_follow_up = not any(opening.get(k) for k in ("person", "mentor", "mentee",
                                                      "description"))
    if follow_up is not None and only_follow_up and \
            any(c.id == concern_id for c in model.concerns):
        return plan_concern_follow_up(model, concern_id, follow_up=follow_up)
    return plan_concern_open(model, concern_id, follow_up=follow_up, **opening)


def plan_concern_open(model: CohortFile, concern_id: str, *, person: str | None,
                      mentor: str | None, mentee: str | None, raised_by: str,
                      severity: str, day: dt.date, today: dt.date,
                      follow_up: dt.date | None, description: str | None) -> E.Changes:
    """A new concern about a person or a pair."""
    if not SLUG_RE.match(concern_id):
        raise UsageError(_("concern id '{id}' is not an id: use lower-case letters, digits "
                           "and '-' (e.g. 'c-2026-03')").format(id=concern_id[:40]))
    if any(c.id == concern_id for c in model.concerns):
        raise UsageError(_("concern '{id}' already exists; resolve it with --resolve, or "
                           "choose another id").format(id=concern_id))
    if day > today:
        raise UsageError(_("--date {day} is in the future (today is {today})").format(
            day=day, today=sentence_date(today)))
    if follow_up is not None and follow_up < day:
        raise UsageError(_("--follow-up {follow_up} is before the concern was raised ({day})")
                         .format(follow_up=follow_up, day=sentence_date(day)))
    item: dict[str, Any] = {"id": concern_id, "date": day}
    if person is not None:
        if mentor is not None or mentee is not None:
            raise UsageError(_("a concern is about a person (--person) or a pair (--mentor "
                               "and --mentee), not both"))
        item["person"] = resolve_person(model, person, "participant").id
    elif mentor is not None and mentee is not None:
        m = resolve_person(model, mentor, "mentor").id
        e = resolve_person(model, mentee, "mentee").id
        if model.find_pair(m, e) is None:
            raise UsageError(_("no pair {mentor} -> {mentee} in the cohort").format(
                mentor=m, mentee=e))
        item["mentor"], item["mentee"] = m, e
    else:
        raise UsageError(_("say who the concern is about: --person ID, or --mentor ID "
                           "--mentee ID"))
    raised = raised_by.strip()
    if not raised:
        raise UsageError(_("--raised-by: who raised it (a participant id, 'coordinator'...)"))
    found = model.person(raised) or next(
        (p for p in model.participants if p.email.casefold() == raised.casefold()), None)
    item["raised_by"] = found.id if found is not None else raised
    item["severity"] = severity
    item["status"] = "open"
    if follow_up is not None:
        item["follow_up"] = follow_up
    if description:
        item["description"] = description
    return E.Changes(append_entries(model.concerns, "concerns", [item]),
                     result=ConcernDone(concern_id, "opened"))


def plan_concern_resolve(model: CohortFile, concern_id: str, *, day: dt.date,
                         today: dt.date) -> E.Changes:
    concern = next((c for c in model.concerns if c.id == concern_id), None)
    if concern is None:
        import difflib

        close = difflib.get_close_matches(concern_id, [c.id for c in model.concerns], n=1)
        if close:
            raise UsageError(_("no concern '{id}' (did you mean '{close}'?)").format(
                id=concern_id[:40], close=close[0]))
        raise UsageError(_("no concern '{id}'").format(id=concern_id[:40]))
    if concern.status == "resolved":
        raise UsageError(_("concern '{id}' is already resolved ({day})").format(
            id=concern_id, day=sentence_date(concern.resolved)))
    if day > today:
        raise UsageError(_("--date {day} is in the future (today is {today})").format(
            day=day, today=sentence_date(today)))
    if day < concern.date:
        raise UsageError(_("--date {day} is before the concern was raised ({raised})").format(
            day=day, raised=sentence_date(concern.date)))
    at = ("concerns", E.where(id=concern_id))
    edits: list[E.Edit] = [E.Set(at, "status", "resolved"),
                           E.Set(at, "resolved", day, after=("follow_up", "status"))]
    return E.Changes(edits, result=ConcernDone(concern_id, "resolved"))


def plan_concern_follow_up(model: CohortFile, concern_id: str, *,
                           follow_up: dt.date) -> E.Changes:
    concern = next((c for c in model.concerns if c.id == concern_id), None)
    if concern is None:
        raise UsageError(_("no concern '{id}'").format(id=concern_id[:40]))
    if follow_up < concern.date:
        raise UsageError(_("--follow-up {follow_up} is before the concern was raised ({day})")
                         .format(follow_up=follow_up, day=sentence_date(concern.date)))
    at = ("concerns", E.where(id=concern_id))
    return E.Changes([E.Set(at, "follow_up", follow_up, after=("status",))],
                     result=ConcernDone(concern_id, "updated"))


# ---------------------------------------------------------------- HR outcomes

_OUTCOME_HEADERS = {
    "email": {"email", "e-mail", "courriel", "adresse e-mail"},
    "number": {"employee id", "employee_id", "employee number", "matricule", "numero d'employe"},
    "date": {"date", "as of", "date d'observation", "au"},
    "stayed": {"stayed", "present", "presence", "in post", "en poste", "toujours present",
               "status", "statut"},
    "promoted": {"promoted", "promotion", "promu"},
    "moved": {"moved", "internal move", "mobility", "mobilite", "mobilite interne"},
    "group": {"group", "groupe", "population"},
}
_LEFT = {"left", "leaver", "parti", "partie", "depart", "sorti", "sortie", "no", "non", "false",
         "0", "faux"}
_STAYED = {"stayed", "present", "active", "actif", "en poste", "yes", "oui", "true",
           "1", "vrai"}
_COMPARISON = {"comparison", "comparaison", "control", "temoin", "groupe temoin"}
_PROGRAMME = {"programme", "program", "participant", "mentore", "mentee", "cohorte", "cohort"}


@dataclass(frozen=True)
class OutcomesDone:
    participants: int
    comparison: int
    replaced: int


def plan_outcomes(model: CohortFile, sheet: Sheet, *, default_date: dt.date,
                  comparison: bool) -> E.Changes:
    """Rows of an HR export as `outcomes:` entries.

    A row whose email or employee number is a participant's is that participant's outcome;
    with `comparison`, the other rows (or the rows of a group column saying 'comparison')
    are the comparison population, kept by employee number only. Without it, an unknown
    person is refused. A person's earlier outcome of the same date is replaced.
    """
    from mentorcli.evaluation.surveys import fold

    heads = [fold(h) for h in sheet.headers]
    col = {name: next((i for i, h in enumerate(heads) if h in names), None)
           for name, names in _OUTCOME_HEADERS.items()}
    if col["email"] is None and col["number"] is None:
        raise UsageError(f"{sheet.path}: " + _("no 'Email' or 'Employee number' (Matricule) "
                                               "column"))
    if col["stayed"] is None:
        raise UsageError(f"{sheet.path}: " + _("no 'Stayed' column (En poste / Statut: stayed "
                                               "or left)"))
    by_email = {p.email.casefold(): p for p in model.participants}
    by_number = {p.employee_id.strip(): p for p in model.participants if p.employee_id}
    problems: list[str] = []
    entries: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for row in sheet.rows:
        def at(problem: str, row: Any = row) -> str:
            return _("{file}: row {row}: {problem}").format(file=sheet.path, row=row.number,
                                                           problem=problem)

        def cell(name: str, row: Any = row) -> str:
            index = col[name]
            return row.get(index).strip() if index is not None else ""

        email, number = cell("email"), cell("number")
        person = by_email.get(email.casefold()) if email else None
        person = person or (by_number.get(number) if number else None)
        group = fold(cell("group"))
        if group in _COMPARISON and person is not None:
            problems.append(at(_("{person} is a participant but the row says comparison "
                                 "group").format(person=person.id)))
            continue
        if person is None and not (comparison or group in _COMPARISON):
            told = email[:60] or number[:30] or _("(empty)")
            problems.append(at(_("'{who}' is not a participant (pass --comparison to import "
                                 "the other rows as the comparison group)").format(who=told)))
            continue
        if person is None and not number:
            problems.append(at(_("a comparison row needs an employee number (emails of "
                                 "non-participants are not kept)")))
            continue
        key = person.id if person is not None else "#" + number
        if key in seen:
            problems.append(at(_("same person as row {first}").format(first=seen[key])))
            continue
        seen[key] = row.number
        stayed_text = fold(cell("stayed"))
        if stayed_text in _STAYED:
            stayed = True
        elif stayed_text in _LEFT:
            stayed = False
        else:
            problems.append(_("{file}: row {row}, column {column}: '{text}' is neither "
                              "stayed nor left").format(
                file=sheet.path, row=row.number, column=column_letter(col["stayed"] or 0),
                text=cell("stayed")[:30]))
            continue
        flags = {}
        bad = False
        for name in ("promoted", "moved"):
            text = fold(cell(name))
            if not text:
                continue
            if text in _STAYED:  # yes/oui/true/1
                flags[name] = True
            elif text in _LEFT:  # no/non/false/0
                flags[name] = False
            else:
                problems.append(at(_("{column} '{text}': expected yes or no").format(
                    column=name, text=cell(name)[:30])))
                bad = True
        day = default_date
        if cell("date"):
            from mentorcli.evaluation.answers import _answer_date

            parsed = _answer_date(cell("date"), default_date)
            if parsed is None:
                problems.append(at(_("date '{text}' is not a date").format(
                    text=cell("date")[:30])))
                continue
            day = parsed
        if bad:
            continue
        entry: dict[str, Any] = ({"person": person.id} if person is not None
                                 else {"employee_id": number})
        entry.update({"date": day, "stayed": stayed})
        entry.update({k: v for k, v in flags.items() if v})
        entries.append(entry)
    if problems:
        raise RowProblems(problems, ngettext(
            "nothing was recorded: {count} problem in {file}",
            "nothing was recorded: {count} problems in {file}", len(problems)).format(
                count=len(problems), file=sheet.path))
    existing = {(o.person, o.employee_id, o.date) for o in model.outcomes}
    edits: list[E.Edit] = []
    replaced = 0
    for entry in entries:
        key = (entry.get("person"), entry.get("employee_id"), entry["date"])
        if key in existing:
            replaced += 1
            selector = (E.where(person=entry["person"], date=entry["date"]) if "person" in entry
                        else E.where(employee_id=entry["employee_id"], date=entry["date"]))
            edits.append(E.Delete(("outcomes", selector)))
    kept = len(model.outcomes) - replaced
    edits += append_entries([None] * kept, "outcomes", [E.Flow(e) for e in entries])
    done = OutcomesDone(sum(1 for e in entries if "person" in e),
                        sum(1 for e in entries if "employee_id" in e), replaced)
    return E.Changes(edits, result=done)

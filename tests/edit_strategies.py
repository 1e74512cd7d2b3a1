"""Random edit sets on a cohort, for the patcher's property test and bench/bench_write.py.

`edits_for(model, rng)` draws one to four edits of every kind the domain uses (set a scalar,
add a key, remove a key, append to a list, delete an entry, rename an id) on entries that
exist, with values of the types the format holds (text with quotes, colons, accents,
numbers-as-text, dates, numbers, booleans).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from mentorcli.model import CohortFile
from mentorcli.store import edits as E

TEXTS = ["plain words", "Départ : mobilité interne", "it's quoted", '"double"', "42",
         "yes", "a # not a comment", "- dash", "née Müller", "x" * 90, "trailing: colon:",
         "{braces}", "null", "2026-01-05", "multi\nline"]


def _text(rng: random.Random) -> str:
    return rng.choice(TEXTS)


def edits_for(model: CohortFile, rng: random.Random) -> list[E.Edit]:
    makers = [_participant_edit, _pair_edit, _goal_edit, _objective_edit, _session_append,
              _session_delete, _pair_delete, _rename]
    edits: list[E.Edit] = []
    for _ in range(rng.randint(1, 4)):
        edit = rng.choice(makers)(model, rng)
        if edit is not None:
            edits.append(edit)
    return edits or [E.Append(("sessions",), _session(model, rng))] if model.pairs else edits


def _participant_edit(model: CohortFile, rng: random.Random) -> E.Edit | None:
    if not model.participants:
        return None
    person = rng.choice(model.participants)
    at = E.participant(person.id)
    choice = rng.randrange(4)
    if choice == 0:
        return E.Set(at, "name", _text(rng))
    if choice == 1:
        return E.Set(at, "title", _text(rng), after=("role", "email"))
    if choice == 2 and person.title is not None:
        return E.Remove(at, "title")
    return E.Set(at, "capacity", rng.randint(0, 5), after=("skills",))


def _pair_edit(model: CohortFile, rng: random.Random) -> E.Edit | None:
    if not model.pairs:
        return None
    pair = rng.choice(model.pairs)
    at = E.pair(pair.mentor, pair.mentee)
    choice = rng.randrange(5)
    if choice == 0:
        return E.Set(at, "status", rng.choice(["active", "ended", "proposed"]),
                     after=("mentee",))
    if choice == 1:
        return E.Set(at, "end_reason", _text(rng), after=("ended", "status"))
    if choice == 2:
        return E.Set(at, "score", round(rng.random(), 2), after=("locked", "status"))
    if choice == 3 and pair.why is not None:
        return E.Remove(at, "why")
    return E.Append((*at, "goals"), {"id": f"g{rng.randrange(1000)}", "text": _text(rng),
                                     "progress": rng.randint(0, 100)}) \
        if pair.goals else E.Set(at, "signed", E.Flow({"mentor": dt.date(2026, 2, 2)}))


def _goal_edit(model: CohortFile, rng: random.Random) -> E.Edit | None:
    with_goals = [p for p in model.pairs if p.goals]
    if not with_goals:
        return None
    pair = rng.choice(with_goals)
    goal = rng.choice(pair.goals)
    at = E.goal(pair.mentor, pair.mentee, goal.id)
    if rng.random() < 0.5:
        return E.Set(at, "progress", rng.randint(0, 100), after=("due", "objective", "text"))
    return E.Set(at, "text", _text(rng))


def _objective_edit(model: CohortFile, rng: random.Random) -> E.Edit | None:
    if not model.objectives:
        return None
    objective = rng.choice(model.objectives)
    if rng.random() < 0.5:
        return E.Set(E.objective(objective.id), "title", _text(rng))
    result = E.Flow({"date": dt.date(2026, rng.randint(1, 12), rng.randint(1, 28)),
                     "value": rng.randint(0, 100)})
    return E.Append((*E.objective(objective.id), "results"), result) if objective.results \
        else E.Set(E.objective(objective.id), "results", [result])


def _session(model: CohortFile, rng: random.Random) -> dict[str, Any]:
    pair = rng.choice(model.pairs)
    entry: dict[str, Any] = {"mentor": pair.mentor, "mentee": pair.mentee,
                             "date": dt.date(2026, rng.randint(1, 12), rng.randint(1, 28)),
                             "minutes": rng.randint(15, 120)}
    if rng.random() < 0.5:
        entry["rating"] = E.Flow({"mentor": rng.randint(1, 5)})
    return entry


def _session_append(model: CohortFile, rng: random.Random) -> E.Edit | None:
    return E.Append(("sessions",), _session(model, rng)) if model.pairs else None


def _session_delete(model: CohortFile, rng: random.Random) -> E.Edit | None:
    if len(model.sessions) < 2:
        return None
    s = rng.choice(model.sessions)
    return E.Delete(E.session(s.mentor, s.mentee, s.date))


def _pair_delete(model: CohortFile, rng: random.Random) -> E.Edit | None:
    if len(model.pairs) < 2:
        return None
    pair = rng.choice(model.pairs)
    return E.Delete(E.pair(pair.mentor, pair.mentee))


def _rename(model: CohortFile, rng: random.Random) -> E.Edit | None:
    if not model.participants:
        return None
    person = rng.choice(model.participants)
    return E.RenameId(person.id, f"anon-{rng.randrange(10**6):06d}")

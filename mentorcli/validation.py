"""What is wrong with a cohort: schema errors in words, and the checks across sections.

Pure: takes data, returns `Issue`s (a path into the document, a message, a severity). The
loader turns paths into FILE:LINE:COL using the text.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import types
import typing
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from mentorcli.model import FORMAT_VERSION, CohortFile
from mentorcli.store.reading import yaml_spelling
from mentorcli.tags import normalize_tag

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Issue:
    """One problem, at a path such as ('participants', 3, 'capacity')."""

    path: Loc
    message: str
    severity: str = "error"
    at_key: bool = False  # point at the key itself (unknown keys), not its value
    about: frozenset[str] = frozenset()  # ids (or "mentor->mentee") a reference error names


def render_path(path: Sequence[str | int]) -> str:
    """`participants[3].capacity` from ('participants', 3, 'capacity')."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            name = _clip(str(step))
            text += f".{name}" if text else name
    return text


# ---------------------------------------------------------------------------- schema


def check_document(data: Any) -> tuple[CohortFile | None, list[Issue]]:
    """The model of a parsed document and every issue found, schema and cross-references."""
    if data is None:
        return None, [Issue((), "the file is empty; a cohort file starts with 'version: 1' "
                                "and a 'cohort:' section (see `mentorcli init`)")]
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single value ({_show(data)})"
        return None, [Issue((), f"the file holds {kind}; a cohort file is a mapping with keys "
                                "version, cohort, participants... (see `mentorcli init`)")]
    version = data.get("version", _MISSING)
    version_issue = _check_version(version)
    if version_issue is None:
        return _check_version_1(data)
    if _is_newer(version):  # a later format: nothing else can be judged
        return None, [version_issue]
    _model, issues = _check_version_1({**data, "version": FORMAT_VERSION})
    return None, [version_issue, *issues]  # read as version 1 to report everything at once


def _check_version_1(data: dict[str, Any]) -> tuple[CohortFile | None, list[Issue]]:
    try:
        model = CohortFile.model_validate(data)
    except ValidationError as error:
        return None, schema_issues(error) + _checks_despite(data, error)
    return model, check_model(model)


_LISTS = ("objectives", "participants", "pairs", "sessions", "surveys", "responses",
          "supervision", "trainings", "concerns", "outcomes")
_DEFAULTED = ("objectives", "matching", "follow_up", "evaluation")


def _checks_despite(data: dict[str, Any], error: ValidationError) -> list[Issue]:
    """The cross-section checks of a file whose schema failed, on the entries that passed.

    Entries with schema errors are left out; findings about what was left out (an id that
    is only unknown because its entry was dropped) are not reported, so every problem shows
    at once without false alarms.
    """
    locs = [tuple(item["loc"]) for item in error.errors(include_url=False)
            if not (len(item["loc"]) == 1 and item["type"] in ("extra_forbidden", "invalid_key"))]
    bad_items: dict[str, set[int]] = {key: set() for key in _LISTS}
    bad_sections = set()
    for loc in locs:
        if len(loc) >= 2 and loc[0] in _LISTS and isinstance(loc[1], int):
            bad_items[str(loc[0])].add(loc[1])
        elif loc:
            bad_sections.add(str(loc[0]))
    if bad_sections - set(_DEFAULTED):
        return []  # cohort, org or the top level itself is broken: nothing to stand on
    pruned = {key: value for key, value in data.items()  # unknown top-level keys reported
              if isinstance(key, str) and key in CohortFile.model_fields}
    kept: dict[str, list[int]] = {}
    dropped: set[str] = set()
    for key in _LISTS:
        items = data.get(key)
        if not isinstance(items, list):
            continue
        drop_all = key in bad_sections
        kept[key] = [i for i in range(len(items)) if i not in bad_items[key] and not drop_all]
        pruned[key] = [items[i] for i in kept[key]]
        for i in set(range(len(items))) - set(kept[key]):
            dropped.update(_names_of(items[i]))
    for key in bad_sections - set(_LISTS):
        pruned.pop(key, None)
    try:
        model = CohortFile.model_validate(pruned)
    except ValidationError:
        return []
    issues = []
    for issue in check_model(model):
        if issue.about & dropped or issue.severity != "error":
            continue  # warnings wait for a file whose every entry could be read
        path = issue.path
        if len(path) >= 2 and path[0] in kept and isinstance(path[1], int):
            path = (path[0], kept[str(path[0])][path[1]], *path[2:])
        issues.append(Issue(path, issue.message, issue.severity, issue.at_key, issue.about))
    return issues


def _names_of(item: Any) -> set[str]:
    """What other entries may call a dropped entry: its id, or its mentor->mentee."""
    if not isinstance(item, dict):
        return set()
    names = set()
    if isinstance(item.get("id"), str):
        names.add(item["id"])
    if isinstance(item.get("mentor"), str) and isinstance(item.get("mentee"), str):
        names.add(f"{item['mentor']}->{item['mentee']}")
    return names


_MISSING = object()


def _is_newer(version: Any) -> bool:
    """Whether `version` names a format after this one (`2`, `"2"`, `2.0`)."""
    if isinstance(version, str) and version.strip().isdigit():
        version = int(version)
    return isinstance(version, (int, float)) and not isinstance(version, bool) \
        and version > FORMAT_VERSION


def _check_version(version: Any) -> Issue | None:
    if version is _MISSING:
        return Issue((), "missing required key 'version'; add 'version: 1' at the top")
    if _is_newer(version):
        return Issue(("version",), f"this file is format version {_clip(str(version).strip())}"
                                   "; it needs a newer mentorcli (this one reads version "
                                   f"{FORMAT_VERSION})")
    if isinstance(version, bool) or not isinstance(version, int):
        return Issue(("version",), f"expected the format version 1, got {_show(version)}")
    if version < 1:
        return Issue(("version",), f"unknown format version {version}; use 'version: 1'")
    return None


def schema_issues(error: ValidationError) -> list[Issue]:
    """Pydantic's errors, in words a coordinator understands."""
    issues = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        kind = item["type"]
        if loc and loc[-1] == "[key]":  # a bad key of a dict such as `org`
            key = item.get("input")
            if isinstance(key, str):
                issues.append(Issue(loc[:-1], _message(kind, item), at_key=True))
            else:
                spelled = yaml_spelling(key)
                issues.append(Issue(loc[:-2] + (spelled,), _not_an_id_key(spelled),
                                    at_key=True))
            continue
        if kind == "invalid_key":  # `1:`, `true:`, `null:` or a date used as a key
            spelled = yaml_spelling(item.get("input"))
            issues.append(Issue(loc[:-1] + (spelled,),
                                _unknown_key(spelled, loc[:-1], " (keys are names)"),
                                at_key=True))
            continue
        if len(loc) >= 2 and loc[0] == "org" and not isinstance(loc[1], str):
            loc = ("org", yaml_spelling(loc[1]), *loc[2:])  # a value under a number key
        if kind == "extra_forbidden":
            key = str(loc[-1])
            issues.append(Issue(loc, _unknown_key(key, loc[:-1]), at_key=True))
        elif kind == "missing":
            issues.append(Issue(loc[:-1], f"missing required key '{loc[-1]}'"))
        else:
            issues.append(Issue(loc, _message(kind, _without_secret(item, loc))))
    return issues


class _NotShown:
    """Stands for a confidential value in a message: its key and line are named, not it."""

    def __str__(self) -> str:
        return "a value not shown here (confidential)"


def _without_secret(item: dict[str, Any], loc: tuple[Any, ...]) -> dict[str, Any]:
    """A pydantic error item whose input is hidden when it lies under a confidential key."""
    from mentorcli.store.reading import is_confidential

    return {**item, "input": _NotShown()} if is_confidential(loc) else item


def _message(kind: str, item: dict[str, Any]) -> str:
    got = item.get("input")
    ctx = item.get("ctx") or {}
    if kind.startswith("int_"):
        return f"expected a whole number, got {_show(got)}"
    if kind.startswith("float_") or kind == "finite_number" or (
            isinstance(got, float) and not math.isfinite(got)):
        return f"expected a number, got {_show(got)}"
    if kind.startswith("bool_"):
        return f"expected true or false, got {_show(got)}"
    if kind.startswith("date_") or kind.startswith("datetime_"):
        return _date_message(got)
    if kind in ("string_type", "str_type"):
        return f"expected text, got {_show(got)}"
    if kind == "list_type":
        return f"expected a list, got {_show(got)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of keys, got {_show(got)}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected', '')}, got {_show(got)}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {"greater_than_equal": "at least", "greater_than": "more than",
                 "less_than_equal": "at most", "less_than": "less than"}[kind]
        bound = next(iter(ctx.values()), "")
        return f"must be {words} {bound}, got {_show(got)}"
    if kind == "value_error":
        return str(ctx.get("error", item.get("msg", "invalid value")))
    return f"{item.get('msg', 'invalid value')}, got {_show(got)}"


_DAY = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")


def _date_message(got: Any) -> str:
    """2026-02-30 is not a real date; 2026-1-5 is one, written the wrong way."""
    found = _DAY.fullmatch(got) if isinstance(got, str) else None
    if found is None:
        return f"expected a date like 2026-01-31, got {_show(got)}"
    try:
        day = dt.date(*(int(part) for part in found.groups()))
    except ValueError:
        return f"{_show(got)} is not a real date"
    return f"write dates as YYYY-MM-DD, e.g. {day.isoformat()}; got {_show(got)}"


def _show(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, str):
        return f'"{_clip(value)}"'
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**40:
        return f"a number of {len(str(abs(value)))} digits"
    return _clip(yaml_spelling(value))


def _unknown_key(key: str, parent: Loc, why: str = "") -> str:
    known = list(_model_at(parent).model_fields)
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else why
    return f"unknown key '{_clip(key)}'{hint}; allowed here: {', '.join(known)}"


def _not_an_id_key(spelled: str) -> str:
    return (f"key '{_clip(spelled)}' is not an id; the keys of `org` are ids: write it as "
            f"text, e.g. \"{_clip(spelled)}\"")


def _clip(text: str, width: int = 40) -> str:
    """`text`, shortened to `width` characters with '...' when longer."""
    return text if len(text) <= width else text[:width - 3] + "..."


def _model_at(loc: Loc) -> type[BaseModel]:
    """The model class that validates the mapping at `loc`."""
    model: Any = CohortFile
    for step in loc:
        if isinstance(step, int):
            continue
        annotation = model.model_fields[str(step)].annotation
        model = _inner_model(annotation) or model
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, (types.UnionType, typing._GenericAlias, types.GenericAlias)) or \
            typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


# ---------------------------------------------------------------------- cross-checks


def check_model(model: CohortFile) -> list[Issue]:
    """Checks across sections: ids, references, reporting lines, pairs, sessions, warnings."""
    issues: list[Issue] = []
    issues += _check_cohort(model)
    issues += _check_participants(model)
    issues += _check_org(model)
    issues += _check_pairs(model)
    issues += _check_sessions(model)
    issues += _check_offers(model)
    issues += _check_ended_dates(model)
    issues += _check_examples(model)
    issues += _check_meeting_window(model)
    issues += _check_control_characters(model)
    from mentorcli.evaluation.checks import check_evaluation

    issues += check_evaluation(model, Issue)
    return issues


def _check_control_characters(model: CohortFile) -> Iterable[Issue]:
    """A warning for each text value holding a control character (ESC, BEL, CR, C1...)."""
    from mentorcli.text_safety import control_places

    for loc, escape in control_places(model):
        yield Issue(loc, f"contains the control character {escape}, which can change a "
                         "terminal or hide text; reports and documents show it escaped: "
                         "remove it", severity="warning")


def _check_cohort(model: CohortFile) -> Iterable[Issue]:
    follow_up = model.follow_up
    if follow_up.at_risk_missing <= follow_up.behind_missing:
        yield Issue(("follow_up", "at_risk_missing"),
                    f"at_risk_missing ({follow_up.at_risk_missing}) is not above behind_missing "
                    f"({follow_up.behind_missing}): no pair can ever be 'behind'",
                    severity="warning")
    if model.cohort.end <= model.cohort.start:
        yield Issue(("cohort", "end"), f"the cohort ends ({model.cohort.end}) on or before it "
                                       f"starts ({model.cohort.start})")
    counts = Counter(o.id for o in model.objectives)
    for i, objective in enumerate(model.objectives):
        if counts[objective.id] > 1:
            yield Issue(("objectives", i, "id"),
                        f"objective id '{objective.id}' is used {counts[objective.id]} times; "
                        "ids must be unique")


def _check_participants(model: CohortFile) -> Iterable[Issue]:
    ids = Counter(p.id for p in model.participants)
    emails = Counter(p.email.casefold() for p in model.participants)
    numbers = Counter(p.employee_id for p in model.participants if p.employee_id)
    known = set(ids)
    managers = known | set(model.org)
    objective_ids = {o.id for o in model.objectives}
    for i, person in enumerate(model.participants):
        at = ("participants", i)
        if ids[person.id] > 1:
            yield Issue(at + ("id",), f"participant id '{person.id}' is used {ids[person.id]} "
                                      "times; ids must be unique")
        if emails[person.email.casefold()] > 1:
            yield Issue(at + ("email",), f"email '{_clip(person.email)}' is used by more than one "
                                         "participant")
        if person.employee_id and numbers[person.employee_id] > 1:
            yield Issue(at + ("employee_id",),
                        f"employee number '{_clip(person.employee_id)}' is used by more than "
                        "one participant",
                        severity="warning")
        if person.manager is not None:
            if person.manager == person.id:
                yield Issue(at + ("manager",), "a person cannot be their own manager")
            elif person.manager not in managers:
                yield Issue(at + ("manager",), _unknown_id(person.manager, managers,
                                                           "a participant or an `org` entry"),
                            about=frozenset([person.manager]))
        for key in ("prefer", "avoid"):
            for j, other in enumerate(getattr(person, key)):
                if other == person.id:
                    yield Issue(at + (key, j), f"'{other}' is this participant themselves")
                elif other not in known:
                    yield Issue(at + (key, j), _unknown_id(other, known, "a participant"),
                                about=frozenset([other]))
        for j, objective in enumerate(person.objectives):
            if objective not in objective_ids:
                yield Issue(at + ("objectives", j),
                            _unknown_id(objective, objective_ids, "a programme objective"),
                            about=frozenset([objective]))
        if person.can_mentor and person.trained is None and (
                model.matching.rules.trained_mentors_only or person.role == "mentor"):
            yield Issue(at, f"mentor '{person.id}' has no `trained` date (mentor training)",
                        severity="warning")
    yield from _check_cycles(model)


def _check_org(model: CohortFile) -> Iterable[Issue]:
    participants = {p.id for p in model.participants}
    known = participants | set(model.org)
    for key, manager in model.org.items():
        if key in participants:
            yield Issue(("org", key), f"'{key}' is a participant: set their `manager` in "
                                      "participants, not in `org`", at_key=True)
        if manager is not None and manager not in known:
            yield Issue(("org", key), _unknown_id(manager, known, "a participant or an `org` "
                                                                  "entry"),
                        about=frozenset([manager]))


def _check_cycles(model: CohortFile) -> Iterable[Issue]:
    manager_of: dict[str, str | None] = dict(model.org)
    index = {}
    for i, person in enumerate(model.participants):
        manager_of[person.id] = person.manager
        index.setdefault(person.id, i)
    reported: set[str] = set()
    state: dict[str, int] = {}  # 1: being followed, 2: done
    for start in manager_of:
        chain = []
        node: str | None = start
        while node is not None and state.get(node) is None:
            state[node] = 1
            chain.append(node)
            node = manager_of.get(node)
        if node is not None and state.get(node) == 1:
            cycle = chain[chain.index(node):]
            if not reported.intersection(cycle) and len(cycle) > 1:
                reported.update(cycle)
                first = min(cycle)
                where: Loc = (("participants", index[first], "manager") if first in index
                              else ("org", first))
                loop = " -> ".join(cycle[cycle.index(first):] + cycle[:cycle.index(first)]
                                   + [first])
                yield Issue(where, f"the reporting lines form a loop: {loop}; "
                                   "someone in it must have another manager")
        for visited in chain:
            state[visited] = 2


def _check_pairs(model: CohortFile) -> Iterable[Issue]:
    people = model.people()
    seen: dict[tuple[str, str], int] = {}
    load: Counter[str] = Counter()
    objective_ids = {o.id for o in model.objectives}
    open_directions = {(p.mentor, p.mentee) for p in model.pairs if p.status != "ended"}
    for i, pair in enumerate(model.pairs):
        at = ("pairs", i)
        mentor, mentee = people.get(pair.mentor), people.get(pair.mentee)
        if mentor is None:
            yield Issue(at + ("mentor",), _unknown_id(pair.mentor, set(people), "a participant"),
                        about=frozenset([pair.mentor]))
        elif not mentor.can_mentor:
            yield Issue(at + ("mentor",), f"'{pair.mentor}' has role {mentor.role}; a mentor "
                                          "needs role mentor or both")
        if mentee is None:
            yield Issue(at + ("mentee",), _unknown_id(pair.mentee, set(people), "a participant"),
                        about=frozenset([pair.mentee]))
        elif not mentee.can_be_mentored:
            yield Issue(at + ("mentee",), f"'{pair.mentee}' has role {mentee.role}; a mentee "
                                          "needs role mentee or both")
        if pair.mentor == pair.mentee:
            yield Issue(at, f"'{pair.mentor}' is paired with themselves")
        key = (pair.mentor, pair.mentee)
        if key in seen:
            yield Issue(at, f"{pair.mentor} -> {pair.mentee} is already paired at "
                            f"pairs[{seen[key]}]; keep one entry per pair")
        seen.setdefault(key, i)
        if pair.status != "ended" and (pair.mentee, pair.mentor) in open_directions \
                and pair.mentor < pair.mentee:
            yield Issue(at, f"{pair.mentor} and {pair.mentee} mentor each other; a person is "
                            "never mentor and mentee of the same person")
        if pair.status == "active":
            load[pair.mentor] += 1
        if pair.started and pair.ended and pair.ended < pair.started:
            yield Issue(at + ("ended",), f"the pair ends ({pair.ended}) before it started "
                                         f"({pair.started})")
        goal_ids = Counter(g.id for g in pair.goals)
        for j, goal in enumerate(pair.goals):
            if goal_ids[goal.id] > 1:
                yield Issue(at + ("goals", j, "id"), f"goal id '{goal.id}' is used twice in "
                                                     "this pair")
            if goal.objective is not None and goal.objective not in objective_ids:
                yield Issue(at + ("goals", j, "objective"),
                            _unknown_id(goal.objective, objective_ids, "a programme objective"),
                            about=frozenset([goal.objective]))
    for mentor_id, count in sorted(load.items()):
        person = people.get(mentor_id)
        if person is not None and count > person.capacity:
            index = next(i for i, p in enumerate(model.participants) if p.id == mentor_id)
            yield Issue(("participants", index, "capacity"),
                        f"'{mentor_id}' has {count} active pairs but capacity {person.capacity}",
                        severity="warning")


def _check_sessions(model: CohortFile) -> Iterable[Issue]:
    pairs = {(p.mentor, p.mentee): p for p in model.pairs}
    start, end = model.cohort.start, model.cohort.end
    for i, session in enumerate(model.sessions):
        at = ("sessions", i)
        pair = pairs.get((session.mentor, session.mentee))
        if pair is None:
            yield Issue(at, f"no pair {session.mentor} -> {session.mentee} in `pairs`; a session "
                            "belongs to an existing pair",
                        about=frozenset([f"{session.mentor}->{session.mentee}", session.mentor,
                                         session.mentee]))
            continue
        if not start <= session.date <= end:
            yield Issue(at + ("date",), f"{session.date} is outside the cohort dates "
                                        f"({start} to {end})", severity="warning")
        elif pair.started and session.date < pair.started:
            yield Issue(at + ("date",), f"{session.date} is before the pair started "
                                        f"({pair.started})", severity="warning")


def _check_offers(model: CohortFile) -> Iterable[Issue]:
    offered = {normalize_tag(s) for p in model.participants if p.can_mentor for s in p.skills}
    if not offered:
        return
    for i, person in enumerate(model.participants):
        if not person.can_be_mentored:
            continue
        for j, goal in enumerate(person.goals):
            if normalize_tag(goal) not in offered:
                yield Issue(("participants", i, "goals", j),
                            f"no mentor offers '{_clip(goal)}' in their skills", severity="warning")


def _unknown_id(value: str, known: set[str], what: str) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.7)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"'{_clip(value)}' is not {what}{hint}"


def _check_ended_dates(model: CohortFile) -> Iterable[Issue]:
    """An ended pair without `ended:`: the date assumed everywhere (schedule.pair_end)."""
    from mentorcli.schedule import assumed_end

    last_meeting: dict[tuple[str, str], dt.date] = {}
    for session in model.sessions:
        key = (session.mentor, session.mentee)
        if key not in last_meeting or session.date > last_meeting[key]:
            last_meeting[key] = session.date
    for i, pair in enumerate(model.pairs):
        if pair.status != "ended" or pair.ended is not None:
            continue
        day, source = assumed_end(model, pair, last_meeting.get((pair.mentor, pair.mentee)))
        yield Issue(("pairs", i, "status"),
                    f"{pair.mentor} -> {pair.mentee} is ended but has no `ended:` date; "
                    f"{day.isoformat()} ({source}) is assumed: nothing is expected after it. "
                    f"Add 'ended: YYYY-MM-DD' to the pair", severity="warning")


def _check_meeting_window(model: CohortFile) -> Iterable[Issue]:
    """`cohort.meetings` must hold at least one meeting of `session_minutes`."""
    window = model.cohort.meetings
    start = int(window.start[:2]) * 60 + int(window.start[3:])
    end = int(window.end[:2]) * 60 + int(window.end[3:])
    if end - start < model.cohort.session_minutes:
        yield Issue(("cohort", "meetings", "end"),
                    f"no meeting of {model.cohort.session_minutes} minutes fits between "
                    f"{window.start} and {window.end}; `schedule` books meetings in that "
                    "window: set a later `end` or an earlier `start`", severity="warning")


def _check_examples(model: CohortFile) -> Iterable[Issue]:
    for i, person in enumerate(model.participants):
        if person.example:
            yield Issue(("participants", i, "example"),
                        f"'{person.id}' is an example person written by `mentorcli init`; "
                        "`pair` never proposes them: remove them (and their pairs and "
                        "sessions) once your real participants are in", severity="warning")


def check_pair_rules(model: CohortFile) -> list[Issue]:
    """The file's own pairs against the hard rules of `pair`, in the words `explain` uses
    (mentorcli.pairing.rules.broken_rules): an error for a proposal, a warning for an active
    or locked pair, a warning for a pair kept by `exception:`. Ended pairs are not checked.

    `validate` runs it (store.loading.check_file), other commands do not: `pair` must read a
    file whose proposals break a rule to replace them, and `approve` refuses them itself.
    """
    from mentorcli.pairing.context import RuleContext
    from mentorcli.pairing.rules import broken_rules

    if not any(p.status != "ended" for p in model.pairs):
        return []
    ctx = RuleContext(model)
    issues = []
    for i, pair in enumerate(model.pairs):
        if pair.status == "ended":
            continue
        rules = broken_rules(model, pair, ctx)
        if not rules:
            continue
        words = ctx.words.join(reason for _code, reason in rules)
        name = f"{pair.mentor} -> {pair.mentee}"
        exception = (pair.exception or "").strip()
        if exception:
            issues.append(Issue(("pairs", i, "exception"),
                                f"{name} breaks a pairing rule, kept by exception "
                                f"('{_clip(exception)}'): {words}", severity="warning"))
        elif pair.status == "proposed" and not pair.locked:
            issues.append(Issue(("pairs", i), f"{name} breaks a pairing rule: {words}; run "
                                              "`mentorcli pair` to replace this proposal, or "
                                              "write the reason for an exception in "
                                              "`exception:`"))
        else:
            state = pair.status + (", locked" if pair.locked else "")
            issues.append(Issue(("pairs", i), f"{name} ({state}) breaks a pairing rule: "
                                              f"{words}; end the pair, or write the reason for "
                                              "an exception in `exception:`",
                                severity="warning"))
    return issues

"""What is wrong with a cohort: schema errors in words, and the checks across sections.

Pure: takes data, returns `Issue`s (a path into the document, a message, a severity). The
loader turns paths into FILE:LINE:COL using the text.

Messages are made in the current language (mentorcli.i18n: the loader sets the cohort's):
every pydantic error type is put in words of ours, so pydantic's English never reaches a user.
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

from mentorcli.i18n import N_, _, decimal, ngettext
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
        return None, [Issue((), _("the file is empty; a cohort file starts with 'version: 1' "
                                  "and a 'cohort:' section (see `mentorcli init`)"))]
    if not isinstance(data, dict):
        if isinstance(data, list):
            said = _("the file holds a list; a cohort file is a mapping with keys version, "
                     "cohort, participants... (see `mentorcli init`)")
        else:
            said = _("the file holds a single value ({value}); a cohort file is a mapping with "
                     "keys version, cohort, participants... (see `mentorcli init`)"
                     ).format(value=_show(data))
        return None, [Issue((), said)]
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
        return Issue((), _("missing required key 'version'; add 'version: 1' at the top"))
    if _is_newer(version):
        return Issue(("version",), _("this file is format version {version}; it needs a newer "
                                     "mentorcli (this one reads version {supported})").format(
            version=_clip(str(version).strip()), supported=FORMAT_VERSION))
    if isinstance(version, bool) or not isinstance(version, int):
        return Issue(("version",), _("expected the format version 1, got {got}").format(
            got=_show(version)))
    if version < 1:
        return Issue(("version",), _("unknown format version {version}; use 'version: 1'")
                     .format(version=_clip(str(version))))
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
                                _unknown_key(spelled, loc[:-1], is_not_a_name=True),
                                at_key=True))
            continue
        if len(loc) >= 2 and loc[0] == "org" and not isinstance(loc[1], str):
            loc = ("org", yaml_spelling(loc[1]), *loc[2:])  # a value under a number key
        if kind == "extra_forbidden":
            key = str(loc[-1])
            issues.append(Issue(loc, _unknown_key(key, loc[:-1]), at_key=True))
        elif kind == "missing":
            issues.append(Issue(loc[:-1], _("missing required key '{key}'").format(
                key=_clip(str(loc[-1])))))
        else:
            issues.append(Issue(loc, _message(kind, _without_secret(item, loc))))
    return issues


class _NotShown:
    """Stands for a confidential value in a message: its key and line are named, not it."""

    def __str__(self) -> str:
        return _("a value not shown here (confidential)")


def _without_secret(item: dict[str, Any], loc: tuple[Any, ...]) -> dict[str, Any]:
    """A pydantic error item whose input is hidden when it lies under a confidential key."""
    from mentorcli.store.reading import is_confidential

    return {**item, "input": _NotShown()} if is_confidential(loc) else item


def _message(kind: str, item: dict[str, Any]) -> str:
    """Pydantic's error `kind` in a sentence of ours (never pydantic's own English `msg`)."""
    got = _show(item.get("input"))
    ctx = item.get("ctx") or {}
    if kind.startswith("int_"):
        return _("expected a whole number, got {got}").format(got=got)
    if kind.startswith("float_") or kind == "finite_number" or (
            isinstance(item.get("input"), float) and not math.isfinite(item["input"])):
        return _("expected a number, got {got}").format(got=got)
    if kind.startswith("bool_"):
        return _("expected true or false, got {got}").format(got=got)
    if kind.startswith(("date_", "datetime_")):
        return _date_message(item.get("input"))
    if kind in ("string_type", "str_type", "string_sub_type", "string_unicode"):
        return _("expected text, got {got}").format(got=got)
    if kind in ("list_type", "tuple_type", "set_type", "frozen_set_type", "iterable_type"):
        return _("expected a list, got {got}").format(got=got)
    if kind in ("dict_type", "model_type", "model_attributes_type", "mapping_type"):
        return _("expected a mapping of keys, got {got}").format(got=got)
    if kind in ("literal_error", "enum"):
        return _("expected one of {expected}, got {got}").format(
            expected=_one_of(str(ctx.get("expected", ""))), got=got)
    bound = _bound(ctx)
    if kind == "greater_than_equal":
        return _("must be at least {bound}, got {got}").format(bound=bound, got=got)
    if kind == "greater_than":
        return _("must be more than {bound}, got {got}").format(bound=bound, got=got)
    if kind == "less_than_equal":
        return _("must be at most {bound}, got {got}").format(bound=bound, got=got)
    if kind == "less_than":
        return _("must be less than {bound}, got {got}").format(bound=bound, got=got)
    if kind in ("too_short", "string_too_short"):
        least = ctx.get("min_length", 0)
        return ngettext("needs at least {count} item, got {got}",
                        "needs at least {count} items, got {got}", least
                        ).format(count=least, got=got)
    if kind in ("too_long", "string_too_long"):
        most = ctx.get("max_length", 0)
        return ngettext("holds at most {count} item, got {got}",
                        "holds at most {count} items, got {got}", most
                        ).format(count=most, got=got)
    if kind == "string_pattern_mismatch":
        return _("{got} is not written the expected way").format(got=got)
    if kind == "none_required":
        return _("leave this key empty, got {got}").format(got=got)
    if kind in ("value_error", "assertion_error") and ctx.get("error") is not None:
        return str(ctx["error"])  # the model's own sentence (mentorcli.model), already ours
    return _("this value cannot be used here, got {got}").format(got=got)


def _bound(ctx: dict[str, Any]) -> str:
    """The limit of a ge/gt/le/lt error, written with the language's decimal mark."""
    value = next(iter(ctx.values()), "")
    return decimal(str(value)) if isinstance(value, (int, float)) else str(value)


_LITERAL = re.compile(r"'((?:[^'\\]|\\.)*)'")


def _one_of(expected: str) -> str:
    """Pydantic's "'a', 'b' or 'c'" in the current language (its ' or ' is English)."""
    values = _LITERAL.findall(expected)
    if not values:
        return expected
    shown = [_("'{value}'").format(value=value) for value in values]
    if len(shown) == 1:
        return shown[0]
    return _("{values} or {last}").format(values=", ".join(shown[:-1]), last=shown[-1])


_DAY = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")


def _date_message(got: Any) -> str:
    """2026-02-30 is not a real date; 2026-1-5 is one, written the wrong way."""
    found = _DAY.fullmatch(got) if isinstance(got, str) else None
    if found is None:
        return _("expected a date like 2026-01-31, got {got}").format(got=_show(got))
    try:
        day = dt.date(*(int(part) for part in found.groups()))
    except ValueError:
        return _("{got} is not a real date").format(got=_show(got))
    return _("write dates as YYYY-MM-DD, e.g. {day}; got {got}").format(
        day=day.isoformat(), got=_show(got))


def _show(value: Any) -> str:
    """A value of the file in a message: text quoted and clipped, containers named."""
    if value is None:
        return _("nothing (null)")
    if isinstance(value, _NotShown):
        return str(value)
    if isinstance(value, str):
        return _('"{text}"').format(text=_clip(value))
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, (list, tuple, set)):
        return _("a list")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**40:
        return _("a number of {digits} digits").format(digits=len(str(abs(value))))
    return _clip(yaml_spelling(value))


def _unknown_key(key: str, parent: Loc, is_not_a_name: bool = False) -> str:
    known = ", ".join(_model_at(parent).model_fields)
    close = difflib.get_close_matches(key, list(_model_at(parent).model_fields), n=1,
                                      cutoff=0.6)
    if close:
        return _("unknown key '{key}' (did you mean '{close}'?); allowed here: {known}").format(
            key=_clip(key), close=close[0], known=known)
    if is_not_a_name:
        return _("unknown key '{key}' (keys are names); allowed here: {known}").format(
            key=_clip(key), known=known)
    return _("unknown key '{key}'; allowed here: {known}").format(key=_clip(key), known=known)


def _not_an_id_key(spelled: str) -> str:
    return _("key '{key}' is not an id; the keys of `org` are ids: write it as text, "
             "e.g. \"{key}\"").format(key=_clip(spelled))


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
        yield Issue(loc, _("contains the control character {escape}, which can change a "
                           "terminal or hide text; reports and documents show it escaped: "
                           "remove it").format(escape=escape), severity="warning")


def _check_cohort(model: CohortFile) -> Iterable[Issue]:
    follow_up = model.follow_up
    if follow_up.at_risk_missing <= follow_up.behind_missing:
        yield Issue(("follow_up", "at_risk_missing"),
                    _("at_risk_missing ({at_risk}) is not above behind_missing ({behind}): no "
                      "pair can ever be 'behind'").format(at_risk=follow_up.at_risk_missing,
                                                          behind=follow_up.behind_missing),
                    severity="warning")
    if model.cohort.end <= model.cohort.start:
        yield Issue(("cohort", "end"), _("the cohort ends ({end}) on or before it starts "
                                         "({start})").format(end=model.cohort.end,
                                                             start=model.cohort.start))
    counts = Counter(o.id for o in model.objectives)
    for i, objective in enumerate(model.objectives):
        if counts[objective.id] > 1:
            yield Issue(("objectives", i, "id"),
                        _("objective id '{id}' is used {count} times; ids must be unique")
                        .format(id=objective.id, count=counts[objective.id]))


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
            yield Issue(at + ("id",), _("participant id '{id}' is used {count} times; ids must "
                                        "be unique").format(id=person.id, count=ids[person.id]))
        if emails[person.email.casefold()] > 1:
            yield Issue(at + ("email",), _("email '{email}' is used by more than one "
                                           "participant").format(email=_clip(person.email)))
        if person.employee_id and numbers[person.employee_id] > 1:
            yield Issue(at + ("employee_id",),
                        _("employee number '{number}' is used by more than one participant")
                        .format(number=_clip(person.employee_id)),
                        severity="warning")
        if person.manager is not None:
            if person.manager == person.id:
                yield Issue(at + ("manager",), _("a person cannot be their own manager"))
            elif person.manager not in managers:
                yield Issue(at + ("manager",), _unknown_id(person.manager, managers, _MANAGER),
                            about=frozenset([person.manager]))
        for key in ("prefer", "avoid"):
            for j, other in enumerate(getattr(person, key)):
                if other == person.id:
                    yield Issue(at + (key, j), _("'{id}' is this participant themselves")
                                .format(id=other))
                elif other not in known:
                    yield Issue(at + (key, j), _unknown_id(other, known, _PARTICIPANT),
                                about=frozenset([other]))
        for j, objective in enumerate(person.objectives):
            if objective not in objective_ids:
                yield Issue(at + ("objectives", j),
                            _unknown_id(objective, objective_ids, _OBJECTIVE),
                            about=frozenset([objective]))
        if person.can_mentor and person.trained is None and (
                model.matching.rules.trained_mentors_only or person.role == "mentor"):
            yield Issue(at, _("mentor '{id}' has no `trained` date (mentor training)")
                        .format(id=person.id),
                        severity="warning")
    yield from _check_cycles(model)


def _check_org(model: CohortFile) -> Iterable[Issue]:
    participants = {p.id for p in model.participants}
    known = participants | set(model.org)
    for key, manager in model.org.items():
        if key in participants:
            yield Issue(("org", key), _("'{id}' is a participant: set their `manager` in "
                                        "participants, not in `org`").format(id=key),
                        at_key=True)
        if manager is not None and manager not in known:
            yield Issue(("org", key), _unknown_id(manager, known, _MANAGER),
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
                yield Issue(where, _("the reporting lines form a loop: {loop}; someone in it "
                                     "must have another manager").format(loop=loop))
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
            yield Issue(at + ("mentor",), _unknown_id(pair.mentor, set(people), _PARTICIPANT),
                        about=frozenset([pair.mentor]))
        elif not mentor.can_mentor:
            yield Issue(at + ("mentor",), _("'{id}' has role {role}; a mentor needs role mentor "
                                            "or both").format(id=pair.mentor, role=mentor.role))
        if mentee is None:
            yield Issue(at + ("mentee",), _unknown_id(pair.mentee, set(people), _PARTICIPANT),
                        about=frozenset([pair.mentee]))
        elif not mentee.can_be_mentored:
            yield Issue(at + ("mentee",), _("'{id}' has role {role}; a mentee needs role mentee "
                                            "or both").format(id=pair.mentee, role=mentee.role))
        if pair.mentor == pair.mentee:
            yield Issue(at, _("'{id}' is paired with themselves").format(id=pair.mentor))
        key = (pair.mentor, pair.mentee)
        if key in seen:
            yield Issue(at, _("{mentor} -> {mentee} is already paired at pairs[{index}]; keep "
                              "one entry per pair").format(mentor=pair.mentor,
                                                           mentee=pair.mentee, index=seen[key]))
        seen.setdefault(key, i)
        if pair.status != "ended" and (pair.mentee, pair.mentor) in open_directions \
                and pair.mentor < pair.mentee:
            yield Issue(at, _("{mentor} and {mentee} mentor each other; a person is never "
                              "mentor and mentee of the same person").format(
                mentor=pair.mentor, mentee=pair.mentee))
        if pair.status == "active":
            load[pair.mentor] += 1
        if pair.started and pair.ended and pair.ended < pair.started:
            yield Issue(at + ("ended",), _("the pair ends ({ended}) before it started "
                                           "({started})").format(ended=pair.ended,
                                                                 started=pair.started))
        goal_ids = Counter(g.id for g in pair.goals)
        for j, goal in enumerate(pair.goals):
            if goal_ids[goal.id] > 1:
                yield Issue(at + ("goals", j, "id"), _("goal id '{id}' is used twice in this "
                                                       "pair").format(id=goal.id))
            if goal.objective is not None and goal.objective not in objective_ids:
                yield Issue(at + ("goals", j, "objective"),
                            _unknown_id(goal.objective, objective_ids, _OBJECTIVE),
                            about=frozenset([goal.objective]))
    for mentor_id, count in sorted(load.items()):
        person = people.get(mentor_id)
        if person is not None and count > person.capacity:
            index = next(i for i, p in enumerate(model.participants) if p.id == mentor_id)
            yield Issue(("participants", index, "capacity"),
                        ngettext("'{id}' has {count} active pair but capacity {capacity}",
                                 "'{id}' has {count} active pairs but capacity {capacity}", count)
                        .format(id=mentor_id, count=count, capacity=person.capacity),
                        severity="warning")


def _check_sessions(model: CohortFile) -> Iterable[Issue]:
    pairs = {(p.mentor, p.mentee): p for p in model.pairs}
    start, end = model.cohort.start, model.cohort.end
    for i, session in enumerate(model.sessions):
        at = ("sessions", i)
        pair = pairs.get((session.mentor, session.mentee))
        if pair is None:
            yield Issue(at, _("no pair {mentor} -> {mentee} in `pairs`; a session belongs to an "
                              "existing pair").format(mentor=session.mentor,
                                                      mentee=session.mentee),
                        about=frozenset([f"{session.mentor}->{session.mentee}", session.mentor,
                                         session.mentee]))
            continue
        if not start <= session.date <= end:
            yield Issue(at + ("date",), _("{date} is outside the cohort dates ({start} to "
                                          "{end})").format(date=session.date, start=start,
                                                           end=end), severity="warning")
        elif pair.started and session.date < pair.started:
            yield Issue(at + ("date",), _("{date} is before the pair started ({started})")
                        .format(date=session.date, started=pair.started), severity="warning")


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
                            _("no mentor offers '{goal}' in their skills").format(
                                goal=_clip(goal)), severity="warning")


#: What an unknown id should have been: the sentences of `_unknown_id`, without and with a
#: close match (whole sentences: the word order of "is not a participant" is the language's).
_PARTICIPANT = (N_("'{value}' is not a participant"),
                N_("'{value}' is not a participant (did you mean '{close}'?)"))
_MANAGER = (N_("'{value}' is not a participant or an `org` entry"),
            N_("'{value}' is not a participant or an `org` entry (did you mean '{close}'?)"))
_OBJECTIVE = (N_("'{value}' is not a programme objective"),
              N_("'{value}' is not a programme objective (did you mean '{close}'?)"))


def _unknown_id(value: str, known: set[str], what: tuple[str, str]) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.7)
    if close:
        return _(what[1]).format(value=_clip(value), close=close[0])
    return _(what[0]).format(value=_clip(value))


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
        met = last_meeting.get((pair.mentor, pair.mentee))
        day, _source = assumed_end(model, pair, met)
        if met is not None:  # assumed_end took the last meeting (its words are English)
            said = _("{mentor} -> {mentee} is ended but has no `ended:` date; {day} (its last "
                     "meeting) is assumed: nothing is expected after it. Add 'ended: "
                     "YYYY-MM-DD' to the pair")
        else:
            said = _("{mentor} -> {mentee} is ended but has no `ended:` date; {day} (its start) "
                     "is assumed: nothing is expected after it. Add 'ended: YYYY-MM-DD' to the "
                     "pair")
        yield Issue(("pairs", i, "status"), said.format(mentor=pair.mentor, mentee=pair.mentee,
                                                        day=day.isoformat()),
                    severity="warning")


def _check_meeting_window(model: CohortFile) -> Iterable[Issue]:
    """`cohort.meetings` must hold at least one meeting of `session_minutes`."""
    window = model.cohort.meetings
    start = int(window.start[:2]) * 60 + int(window.start[3:])
    end = int(window.end[:2]) * 60 + int(window.end[3:])
    if end - start < model.cohort.session_minutes:
        yield Issue(("cohort", "meetings", "end"),
                    _("no meeting of {minutes} minutes fits between {start} and {end}; "
                      "`schedule` books meetings in that window: set a later `end` or an "
                      "earlier `start`").format(minutes=model.cohort.session_minutes,
                                                start=window.start, end=window.end),
                    severity="warning")


def _check_examples(model: CohortFile) -> Iterable[Issue]:
    for i, person in enumerate(model.participants):
        if person.example:
            yield Issue(("participants", i, "example"),
                        _("'{id}' is an example person written by `mentorcli init`; `pair` "
                          "never proposes them: remove them (and their pairs and sessions) once "
                          "your real participants are in").format(id=person.id),
                        severity="warning")


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
        names = {"mentor": pair.mentor, "mentee": pair.mentee, "words": words}
        exception = (pair.exception or "").strip()
        if exception:
            issues.append(Issue(("pairs", i, "exception"),
                                _("{mentor} -> {mentee} breaks a pairing rule, kept by exception "
                                  "('{exception}'): {words}").format(
                                    exception=_clip(exception), **names), severity="warning"))
        elif pair.status == "proposed" and not pair.locked:
            issues.append(Issue(("pairs", i), _(
                "{mentor} -> {mentee} breaks a pairing rule: {words}; run `mentorcli pair` to "
                "replace this proposal, or write the reason for an exception in `exception:`")
                .format(**names)))
        else:
            if pair.locked:
                said = _("{mentor} -> {mentee} ({status}, locked) breaks a pairing rule: "
                         "{words}; end the pair, or write the reason for an exception in "
                         "`exception:`")
            else:
                said = _("{mentor} -> {mentee} ({status}) breaks a pairing rule: {words}; end "
                         "the pair, or write the reason for an exception in `exception:`")
            issues.append(Issue(("pairs", i), said.format(status=pair.status, **names),
                                severity="warning"))
    return issues

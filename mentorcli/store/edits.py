"""Changes to a cohort as data: what to change, addressed by what identifies it. Pure.

Domain code never touches YAML. It reads the typed model and returns a list of edits; the
store (`mentorcli.store.transaction`) applies them to the file's text. An edit names its
place by a *location*: a path of mapping keys and list selectors, where a list selector
(`Where`) picks an entry by its identifying fields (a participant's `id`, a pair's `mentor`
and `mentee`, an objective's `id`), never by a list index.

    Append(at, item)         add `item` at the end of the list at `at` (made if missing)
    Set(at, key, value)      set `key` of the mapping at `at`; a new key goes after the
                             first key of `after` that the mapping has (else at its end)
    Remove(at, key)          remove `key` (and its value) from the mapping at `at`
    Delete(at)               remove the list entry at `at` (a location ending in a Where)
    RenameId(old, new)       a person's id, everywhere the format uses ids

`apply_edits` gives the data the file must hold afterwards: the store checks the written
text against it. `Flow` and `FlowList` ask for flow style (`{mentor: 4, mentee: 5}`).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Union

# ------------------------------------------------------------------------ locations


@dataclass(frozen=True)
class Where:
    """Selects the last entry of a list whose `fields` have these values."""

    fields: tuple[tuple[str, Any], ...]

    def matches(self, item: Any) -> bool:
        return isinstance(item, dict) and all(
            key in item and _same(item[key], value) for key, value in self.fields)

    def __str__(self) -> str:
        return "[" + ", ".join(f"{k}={v}" for k, v in self.fields) + "]"


def _same(a: Any, b: Any) -> bool:
    """Equal values, where `true` is not 1 and a date is not a timestamp (a ruamel list or
    mapping equals the plain one)."""
    if isinstance(a, bool) or isinstance(b, bool) or isinstance(a, dt.datetime) or \
            isinstance(b, dt.datetime):
        return type(a) is type(b) and a == b
    return bool(a == b)


def where(**fields: Any) -> Where:
    """`Where` from keyword arguments, in the order given."""
    return Where(tuple(fields.items()))


Step = str | Where
Location = tuple[Step, ...]


def participant(person_id: str) -> Location:
    return ("participants", where(id=person_id))


def pair(mentor: str, mentee: str) -> Location:
    return ("pairs", where(mentor=mentor, mentee=mentee))


def objective(objective_id: str) -> Location:
    return ("objectives", where(id=objective_id))


def goal(mentor: str, mentee: str, goal_id: str) -> Location:
    return (*pair(mentor, mentee), "goals", where(id=goal_id))


def session(mentor: str, mentee: str, day: Any) -> Location:
    return ("sessions", where(mentor=mentor, mentee=mentee, date=day))


def render_location(at: Sequence[Step]) -> str:
    """`pairs[mentor=a, mentee=b].goals` for messages."""
    out = ""
    for step in at:
        out += str(step) if isinstance(step, Where) else ("." if out else "") + str(step)
    return out or "(the file)"


# ------------------------------------------------------------------------ the edits


class Flow(dict):  # type: ignore[type-arg]
    """A mapping to be written in flow style: `{mentor: 4, mentee: 5}`."""


class FlowList(list):  # type: ignore[type-arg]
    """A list to be written in flow style: `[a, b]`."""


@dataclass(frozen=True)
class Append:
    at: Location
    item: Any


@dataclass(frozen=True)
class Set:
    at: Location
    key: str
    value: Any
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Remove:
    at: Location
    key: str


@dataclass(frozen=True)
class Delete:
    at: Location


@dataclass(frozen=True)
class RenameId:
    old: str
    new: str


Edit = Union["Append", "Set", "Remove", "Delete", "RenameId", "RenameKey"]


@dataclass
class Changes:
    """What a domain function asks of the file, and what it tells the user."""

    edits: list[Edit] = field(default_factory=list)
    result: Any = None


class LocationError(LookupError):
    """An edit names a place the data does not have (a bug in the domain code).

    Its messages stay in English on purpose: they are not sentences for a user (the text
    patcher catches them and falls back to the round trip; one that escapes is an internal
    error, exit 3, shown by the CLI's boundary as a bug to report)."""


# ------------------------------------------------------------------------ resolving


def resolve(data: Any, at: Sequence[Step]) -> list[Any]:
    """The concrete path (keys and list indexes) of a location in `data`."""
    concrete: list[Any] = []
    node = data
    for step in at:
        if isinstance(step, Where):
            if not isinstance(node, list):
                raise LocationError(f"{render_location(at)}: not a list")
            index = next((i for i in range(len(node) - 1, -1, -1) if step.matches(node[i])),
                         None)
            if index is None:
                raise LocationError(f"{render_location(at)}: no such entry")
            concrete.append(index)
            node = node[index]
        else:
            if not isinstance(node, dict) or step not in node:
                raise LocationError(f"{render_location(at)}: no key {step!r}")
            concrete.append(step)
            node = node[step]
    return concrete


def get(data: Any, concrete: Sequence[Any]) -> Any:
    for step in concrete:
        data = data[step]
    return data


# ------------------------------------------------------------------------ renames

# Where the format uses a person's id: keys of these mappings, values of these fields.
_ID_FIELDS = {
    "participants": ("id", "manager"),
    "pairs": ("mentor", "mentee"),
    "sessions": ("mentor", "mentee"),
    "responses": ("person",),
    "concerns": ("person", "mentor", "mentee", "raised_by"),
    "outcomes": ("person",),
}
_ID_LISTS = {"participants": ("prefer", "avoid"), "supervision": ("mentors",),
             "trainings": ("attended",)}


def expand_renames(data: Any, edits: Iterable[Edit]) -> list[Edit]:
    """The edits with each RenameId turned into the Sets that do it, on `data` as it is
    before the edits (renames are applied after the other edits, on their result)."""
    edits = list(edits)
    renames = {e.old: e.new for e in edits if isinstance(e, RenameId)}
    plain = [e for e in edits if not isinstance(e, RenameId)]
    if not renames:
        return plain
    after = apply_edits(data, plain)
    return plain + list(_rename_sets(after, renames))


def _rename_sets(data: Any, renames: dict[str, str]) -> Iterator[Edit]:
    def new(value: Any) -> Any:
        return renames.get(value, value) if isinstance(value, str) else value

    for section in dict.fromkeys([*_ID_FIELDS, *_ID_LISTS]):
        fields = _ID_FIELDS.get(section, ())
        items = data.get(section) if isinstance(data, dict) else None
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            at: Location = (section, _IndexStep(index))  # type: ignore[assignment]
            for key in fields:
                if key in item and new(item[key]) != item[key]:
                    yield Set(at, key, new(item[key]))
            for key in _ID_LISTS.get(section, ()):
                values = item.get(key)
                if isinstance(values, list) and any(new(v) != v for v in values):
                    kind = FlowList if isinstance(values, FlowList) else list
                    yield Set(at, key, _keep_style(values, [new(v) for v in values], kind))
    org = data.get("org") if isinstance(data, dict) else None
    if isinstance(org, dict):
        for key, value in list(org.items()):
            if new(key) != key:
                yield RenameKey(("org",), key, new(key))
            if new(value) != value:
                yield Set(("org",), new(key), new(value))


def _keep_style(old: Any, values: list[Any], kind: type) -> Any:
    return kind(values)


@dataclass(frozen=True)
class _IndexStep:
    """A list index, used only inside the store for edits it derives itself."""

    index: int

    def __str__(self) -> str:
        return f"[{self.index}]"


@dataclass(frozen=True)
class RenameKey:
    """Rename a mapping key in place, keeping its value and position (derived from
    RenameId for `org`)."""

    at: Location
    old: str
    new: str


# ------------------------------------------------------------------------ applying


def apply_edits(data: Any, edits: Iterable[Edit]) -> Any:
    """The data after `edits` (on a copy: `data` itself is not changed).

    Works on plain data and on ruamel round-trip documents alike (new keys are inserted
    at their place when the mapping can `insert`).
    """
    edits = list(edits)
    if any(isinstance(e, RenameId) for e in edits):
        edits = expand_renames(data, edits)
    result = copy.copy(data)
    copied: set[int] = {id(result)}
    for edit in edits:
        apply_one(result, edit, copied)
    return result


def apply_one(root: Any, edit: Edit, copied: set[int] | None = None) -> None:
    """Apply one edit in place; with `copied`, containers on the way are copied first
    (copy on write: the ids of containers already copied are in `copied`)."""
    at = edit.at if not isinstance(edit, RenameId) else ()
    node = root
    steps = list(at)
    if isinstance(edit, Delete):
        steps = steps[:-1]
    for position, step in enumerate(steps):
        if isinstance(edit, Append) and position == len(steps) - 1 and \
                isinstance(step, str) and isinstance(node, dict) and node.get(step) is None:
            node[step] = _new_list(node)  # appending to a missing or null list makes it
            if copied is not None:
                copied.add(id(node[step]))
        key = _key_in(node, step, at)
        child = node[key]
        if copied is not None and id(child) not in copied:
            child = copy.copy(child)
            copied.add(id(child))
            node[key] = child
        node = child
    if isinstance(edit, Append):
        node_list = node
        raise_if_not(isinstance(node_list, list), at, "not a list")
        node_list.append(_plain(edit.item) if copied is not None else edit.item)
    elif isinstance(edit, Set):
        raise_if_not(isinstance(node, dict), at, "not a mapping")
        value = _plain(edit.value) if copied is not None else edit.value
        if edit.key in node or not hasattr(node, "insert"):
            node[edit.key] = value
        else:
            keys = list(node.keys())
            position = len(keys)
            for name in edit.after:
                if name in node:
                    position = keys.index(name) + 1
                    break
            node.insert(position, edit.key, value)
    elif isinstance(edit, Remove):
        raise_if_not(isinstance(node, dict), at, "not a mapping")
        if edit.key in node:
            del node[edit.key]
    elif isinstance(edit, Delete):
        key = _key_in(node, edit.at[-1], at)
        del node[key]
    elif isinstance(edit, RenameKey):
        raise_if_not(isinstance(node, dict) and edit.old in node, at, "no such key")
        items = list(node.items())
        node.clear()
        for key, value in items:
            node[edit.new if key == edit.old else key] = value
    else:  # pragma: no cover - RenameId is expanded before
        raise TypeError(f"unknown edit {edit!r}")


def _new_list(parent: Any) -> Any:
    """An empty list of the parent's kind (a ruamel list in a ruamel document)."""
    if hasattr(parent, "insert") and hasattr(parent, "ca"):
        from ruamel.yaml.comments import CommentedSeq

        return CommentedSeq()
    return []


def _key_in(node: Any, step: Any, at: Any) -> Any:
    if isinstance(step, Where):
        raise_if_not(isinstance(node, list), at, "not a list")
        for index in range(len(node) - 1, -1, -1):
            if step.matches(node[index]):
                return index
        raise LocationError(f"{render_location(at)}: no such entry")
    if isinstance(step, _IndexStep):
        return step.index
    raise_if_not(isinstance(node, dict) and step in node, at, f"no key {step!r}")
    return step


def raise_if_not(condition: bool, at: Any, what: str) -> None:
    if not condition:
        raise LocationError(f"{render_location(at)}: {what}")


def _plain(value: Any) -> Any:
    """Flow/FlowList as plain dict/list, recursively (what reading the file gives)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value

"""A structural three-way merge of cohort files, for `mentorcli merge-file` as a git merge driver.

Pure: takes the three texts (the common ancestor, ours, theirs), returns the merged text and the
conflicts. It merges the data, not the lines:

- mappings key by key; lists of entries by identity: `id` (participants, objectives, goals,
  surveys), mentor + mentee (pairs), mentor + mentee + date (sessions), date (results); other
  lists (tags, languages) as sets: what one side added is added, what one side removed is
  removed. So two branches that each logged meetings, approved different pairs or added people
  merge cleanly, whatever lines they touched.
- a value changed on one side only takes that side's value; the same value changed both ways
  (or an entry changed on one side and removed on the other) is a conflict: the merged text
  keeps both versions between the usual `<<<<<<<` / `=======` / `>>>>>>>` lines, around just
  the lines that differ, for a person to choose.

The text is ours with the changes applied through ruamel.yaml round trip, and `minimal_text`
keeps every untouched line as written (comments, quotes, blank lines), as the writers do.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap

from mentorcli.i18n import N_, _


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class MergeError(Exception):
    """A side is not YAML that can be merged structurally (the caller falls back to lines)."""


@dataclasses.dataclass
class Conflict:
    """The same place changed both ways: `where` in words, both values, and how to show
    theirs instead of ours in the merged document."""

    where: str
    ours: Any
    theirs: Any
    use_theirs: Callable[[], None]

    def describe(self) -> str:
        """'pairs[a -> b].status: ours "ended", theirs "active"', in the current language."""
        return _("{where}: ours {ours}, theirs {theirs}").format(
            where=_(self.where) if self.where == _DOCUMENT else self.where,
            ours=_show(self.ours), theirs=_show(self.theirs))


@dataclasses.dataclass
class MergeResult:
    text: str
    conflicts: list[Conflict]

    @property
    def clean(self) -> bool:
        return not self.conflicts


_DOCUMENT = N_("the document")


def _show(value: Any) -> str:
    if value is MISSING:
        return _("removed")
    text = json.dumps(_plain(value), ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:59] + "…"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _same(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    return type(a) is type(b) and a == b or _plain(a) == _plain(b) and \
        _kind(a) == _kind(b)


def _kind(value: Any) -> str:
    """bool, number, text, date...: 1 and true and "1" are different values."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


# ------------------------------------------------------------------ identity of list entries


def identity(entry: Any) -> Any:
    """The key that names a list entry across versions, or None (merged by value)."""
    if not isinstance(entry, dict):
        return None
    if "id" in entry and not isinstance(entry["id"], dict | list):
        return ("id", str(entry["id"]))
    if "mentor" in entry and "mentee" in entry:
        key = ("pair", str(entry["mentor"]), str(entry["mentee"]))
        return (*key, str(entry["date"])) if "date" in entry else key
    if "date" in entry:
        return ("date", str(entry["date"]))
    return None


def _name(key: Any, session: str = "{mentor} -> {mentee} on {date}") -> str:
    """How a list entry is named in a conflict's place; `session` is the sentence naming a
    session (translated once per merge, not once per entry)."""
    if key[0] == "id":
        return key[1]
    if key[0] == "pair" and len(key) > 3:  # a session: its pair and day
        return session.format(mentor=key[1], mentee=key[2], date=key[3])
    if key[0] == "pair":
        return f"{key[1]} -> {key[2]}"
    return str(key[1])


def _keyed(items: Sequence[Any]) -> dict[Any, Any] | None:
    """Entries by identity, or None when some entry has none or two share one."""
    out: dict[Any, Any] = {}
    for entry in items:
        key = identity(entry)
        if key is None or key in out:
            return None
        out[key] = entry
    return out


def _fingerprint(value: Any) -> str:
    return json.dumps(_plain(value), sort_keys=True, ensure_ascii=False, default=str) \
        + _kind(value)


# ------------------------------------------------------------------ the merge


class _Merger:
    def __init__(self) -> None:
        self.conflicts: list[Conflict] = []
        self.session = _("{mentor} -> {mentee} on {date}")

    def merge(self, base: Any, ours: Any, theirs: Any, where: str,
              put_theirs: Callable[[Any], None]) -> Any:
        """The merged value (MISSING = absent); conflicts keep ours and are recorded."""
        if _same(ours, theirs):
            return ours
        if _same(base, ours):
            return theirs
        if _same(base, theirs):
            return ours
        if isinstance(ours, dict) and isinstance(theirs, dict):
            return self.mapping(base if isinstance(base, dict) else {}, ours, theirs, where)
        if isinstance(ours, list) and isinstance(theirs, list):
            return self.sequence(base if isinstance(base, list) else [], ours, theirs, where)
        self.conflicts.append(Conflict(where or _DOCUMENT, ours, theirs,
                                       lambda: put_theirs(theirs)))
        return ours

    def mapping(self, base: dict, ours: dict, theirs: dict, where: str) -> dict:
        for key in list(ours.keys()):
            merged = self.merge(base.get(key, MISSING), ours[key], theirs.get(key, MISSING),
                                _join(where, key), _setter(ours, key))
            if merged is MISSING:
                del ours[key]
            elif merged is not ours[key]:
                ours[key] = merged
        theirs_keys = list(theirs.keys())
        for index, key in enumerate(theirs_keys):
            if key in ours:
                continue
            merged = self.merge(base.get(key, MISSING), MISSING, theirs[key],
                                _join(where, key), _setter(ours, key))
            if merged is not MISSING:
                before = [k for k in theirs_keys[:index] if k in ours]
                position = list(ours.keys()).index(before[-1]) + 1 if before else 0
                _insert(ours, position, key, merged)
        return ours

    def sequence(self, base: list, ours: list, theirs: list, where: str) -> list:
        b, o, t = _keyed(base), _keyed(ours), _keyed(theirs)
        if o is None or t is None or b is None:
            return self.as_sets(base, ours, theirs)
        result: list[Any] = []
        for key, entry in o.items():
            merged = self.merge(b.get(key, MISSING), entry, t.get(key, MISSING),
                                f"{where}[{_name(key, self.session)}]", _replacer(ours, entry))
            if merged is not MISSING:
                result.append(merged)
        for key, entry in t.items():
            if key in o:
                continue
            merged = self.merge(b.get(key, MISSING), MISSING, entry,
                                f"{where}[{_name(key, self.session)}]", _appender(ours))
            if merged is not MISSING:
                result.append(merged)
        _replace_items(ours, result)
        return ours

    def as_sets(self, base: list, ours: list, theirs: list) -> list:
        """Entries without identity: keep ours, drop what theirs removed, add what theirs
        added (each entry counted, so a value twice stays twice)."""
        def counts(items: list) -> dict[str, int]:
            out: dict[str, int] = {}
            for item in items:
                out[_fingerprint(item)] = out.get(_fingerprint(item), 0) + 1
            return out

        b, t = counts(base), counts(theirs)
        removed = {k: n - t.get(k, 0) for k, n in b.items() if n > t.get(k, 0)}
        added = {k: n - b.get(k, 0) for k, n in t.items() if n > b.get(k, 0)}
        result = []
        for item in ours:
            key = _fingerprint(item)
            if removed.get(key, 0) > 0:
                removed[key] -= 1
                continue
            result.append(item)
        for item in theirs:
            key = _fingerprint(item)
            if added.get(key, 0) > 0:
                added[key] -= 1
                result.append(item)
        _replace_items(ours, result)
        return ours


def _join(where: str, key: Any) -> str:
    return f"{where}.{key}" if where else str(key)


def _insert(mapping: dict, position: int, key: Any, value: Any) -> None:
    if isinstance(mapping, CommentedMap):
        mapping.insert(position, key, value)
    else:
        mapping[key] = value


def _setter(mapping: dict, key: Any) -> Callable[[Any], None]:
    def put(value: Any) -> None:
        if value is MISSING:
            mapping.pop(key, None)
        elif key in mapping:
            mapping[key] = value
        else:
            _insert(mapping, len(mapping), key, value)
    return put


def _replacer(items: list, entry: Any) -> Callable[[Any], None]:
    def put(value: Any) -> None:
        for index, item in enumerate(items):
            if item is entry:
                if value is MISSING:
                    del items[index]
                else:
                    items[index] = value
                return
    return put


def _appender(items: list) -> Callable[[Any], None]:
    def put(value: Any) -> None:
        if value is not MISSING:
            items.append(value)
    return put


def _replace_items(items: list, result: list) -> None:
    """Make `items` hold `result`, deleting and appending in place (comments stay put)."""
    keep = {id(x) for x in result}
    for index in range(len(items) - 1, -1, -1):
        if id(items[index]) not in keep:
            del items[index]
    for index, entry in enumerate(result):
        if index < len(items):
            if items[index] is not entry:
                items[index] = entry
        else:
            items.append(entry)


# ------------------------------------------------------------------ text in, text out


def merge_texts(base: str, ours: str, theirs: str, *, labels: tuple[str, str] = ("ours",
                "theirs"), marker_size: int = 7) -> MergeResult:
    """Merge three versions of a cohort file (see the module docstring).

    Raises MergeError when a version is not a YAML mapping (then merge the lines instead).
    """
    from mentorcli.store.roundtrip import (
        detach_gaps,
        flow_empty_lists,
        minimal_text,
        reattach_gaps,
        space_new_items,
        spaced_lists,
    )
    from mentorcli.store.writing import dump_text, round_trip_yaml

    plain = ours.replace("\r\n", "\n")
    if plain and not plain.endswith("\n"):
        plain += "\n"
    docs = [_load(text) for text in (base, plain, theirs)]
    base_doc, ours_doc, theirs_doc = docs
    if not isinstance(ours_doc, CommentedMap) or not isinstance(theirs_doc, CommentedMap):
        raise MergeError(_("ours or theirs is not a YAML mapping"))
    yaml = round_trip_yaml(plain)
    spaced = spaced_lists(ours_doc)
    reattach_gaps(detach_gaps(ours_doc))
    normalised = dump_text(yaml, ours_doc)
    gaps = detach_gaps(ours_doc)
    detach_gaps(theirs_doc)  # what ends theirs' blocks must not land inside ours
    merger = _Merger()
    merger.mapping(base_doc if isinstance(base_doc, dict) else {}, ours_doc, theirs_doc, "")

    def render(gaps: list) -> str:
        reattach_gaps(gaps)
        space_new_items(ours_doc, spaced)
        flow_empty_lists(ours_doc)
        text = dump_text(yaml, ours_doc)
        return minimal_text(plain, normalised, text)

    newline = "\r\n" if "\r\n" in ours else "\n"  # the file keeps its line endings
    merged = render(gaps)
    if not merger.conflicts:
        return MergeResult(merged.replace("\n", newline), [])
    gaps = detach_gaps(ours_doc)
    for conflict in merger.conflicts:
        conflict.use_theirs()
    theirs_text = render(gaps)
    marked = mark_conflicts(merged, theirs_text, labels, marker_size)
    return MergeResult(marked.replace("\n", newline), merger.conflicts)


def _load(text: str) -> Any:
    from ruamel.yaml.error import YAMLError

    from mentorcli.store.writing import round_trip_yaml

    try:
        return round_trip_yaml(text).load(text.replace("\r\n", "\n")) if text.strip() else None
    except YAMLError as error:
        raise MergeError(_parser_words(error)) from None


def _parser_words(error: Exception) -> str:
    """What the YAML parser says, in one line, translated when the catalog knows it."""
    from mentorcli.store.reading import PARSER_PROBLEMS

    problem = getattr(error, "problem", None) or getattr(error, "context", None)
    if not isinstance(problem, str):
        problem = str(error).splitlines()[0] if str(error) else _("not YAML")
    return _(problem) if problem in PARSER_PROBLEMS else problem


def mark_conflicts(ours: str, theirs: str, labels: tuple[str, str] = ("ours", "theirs"),
                   marker_size: int = 7) -> str:
    """`ours` with each stretch of lines that differs in `theirs` written as both versions
    between conflict markers, as git does."""
    from difflib import SequenceMatcher

    a = ours.splitlines(keepends=True)
    b = theirs.splitlines(keepends=True)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out += a[i1:i2]
            continue
        out.append("<" * marker_size + f" {labels[0]}\n")
        out += a[i1:i2]
        out.append("=" * marker_size + "\n")
        out += b[j1:j2]
        out.append(">" * marker_size + f" {labels[1]}\n")
    return "".join(out)

"""Control characters in user text, made visible before they reach a terminal or a file.

A value of the cohort file may hold control characters (YAML's "\\e", "\\x07", "\\u009b"
escapes): an ESC sequence in a name could retitle or clear the coordinator's terminal, a CR
could hide text, in a report or a contract as well as on screen. Everything mentorcli shows or
writes from user data passes through `escape_controls`, which replaces each such character
by its visible escape (`\\x1b`, `\\x07`, `\\u009b`), as ids in messages already are:

* C0 controls (U+0000-U+001F) except TAB and LINE FEED (kept in multi-line text; a message
  line escapes them too), DEL (U+007F), C1 controls (U+0080-U+009F);
* the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069), which can make
  text on screen read differently from what it is.

`escape_strings(value)` applies it to every string inside a value (dataclasses, pydantic
models, lists, tuples, dicts): a display-safe copy of a report or a plan, made once before
rendering. Pure functions; the value given is never changed.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{_UNSAFE}]")
_CONTROL_OR_BREAK = re.compile(f"[{_UNSAFE}\t\n]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def has_controls(text: str) -> bool:
    """Whether `text` holds a character `escape_controls` would escape (TAB and LF aside)."""
    return _CONTROL.search(text) is not None


def escape_controls(text: str, one_line: bool = False) -> str:
    """`text` with control characters replaced by visible escapes (`\\x1b`).

    TAB and LINE FEED are kept unless `one_line` (for one-line messages and table cells
    where a break would be misread).
    """
    pattern = _CONTROL_OR_BREAK if one_line else _CONTROL
    if pattern.search(text) is None:
        return text
    return pattern.sub(_visible, text)


def escape_message(text: str) -> str:
    """A message for stderr: controls escaped, its line breaks kept (one finding a line)."""
    return escape_controls(text)


def first_control(text: str) -> str | None:
    """The visible escape of the first control character of `text`, or None."""
    found = _CONTROL.search(text)
    return _visible(found) if found else None


def escape_strings(value: Any, one_line: bool = False) -> Any:
    """A copy of `value` whose strings are escaped; parts without controls are shared.

    Walks dataclasses, pydantic models, lists, tuples (named ones too) and dicts (keys and
    values). Whatever else (numbers, dates) is returned as it is.
    """
    return _walk(value, one_line, 0)


def _walk(value: Any, one_line: bool, depth: int) -> Any:
    if isinstance(value, str):
        return escape_controls(value, one_line)
    if depth > 200 or value is None or isinstance(value, (int, float, bytes)):
        return value
    if isinstance(value, list):
        items = [_walk(item, one_line, depth + 1) for item in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, tuple):
        items = [_walk(item, one_line, depth + 1) for item in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, dict):
        pairs = [(_walk(k, one_line, depth + 1), _walk(v, one_line, depth + 1))
                 for k, v in value.items()]
        if all(a is k and b is v for (a, b), (k, v) in zip(pairs, value.items(), strict=True)):
            return value
        return type(value)(pairs) if type(value) is not dict else dict(pairs)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in dataclasses.fields(value):
            if not field.init:
                continue
            old = getattr(value, field.name)
            new = _walk(old, one_line, depth + 1)
            if new is not old:
                changes[field.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    fields = getattr(type(value), "model_fields", None)
    if isinstance(fields, dict) and hasattr(value, "model_copy"):
        changes = {}
        for name in fields:
            old = getattr(value, name, None)
            new = _walk(old, one_line, depth + 1)
            if new is not old:
                changes[name] = new
        return value.model_copy(update=changes) if changes else value
    return value


# Control characters as they appear in pydantic's JSON: \u0000-\u001f (but \t, \n), \b \f \r,
# DEL, C1 (raw UTF-8 C2 80-9F) and the bidi controls (raw E2 80 AA-AE, E2 81 A6-A9).
_JSON_CONTROL = re.compile(
    rb"\\u00(?:0[0-8bcef]|1[0-9a-f]|7f)|\\[bfr]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]"
    rb"|\xe2\x81[\xa6-\xa9]")


def control_places(value: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Where strings inside `value` hold control characters: (path of keys, first escape).

    For a pydantic model, its JSON (built in Rust, fast) is searched first, so a file without
    any control character is not walked at all.
    """
    dump = getattr(value, "model_dump_json", None)
    if dump is not None:
        try:
            if _JSON_CONTROL.search(dump().encode("utf-8")) is None:
                return []
        except Exception:  # noqa: BLE001 - the walk below is the answer then
            pass
    places: list[tuple[tuple[str | int, ...], str]] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        item, loc = stack.pop()
        if isinstance(item, str):
            escape = first_control(item)
            if escape:
                places.append((loc, escape))
        elif isinstance(item, (list, tuple)):
            stack.extend((child, (*loc, i)) for i, child in enumerate(item))
        elif isinstance(item, dict):
            for key, child in item.items():
                stack.append((child, (*loc, str(key))))
                if isinstance(key, str) and first_control(key):
                    places.append(((*loc, key), first_control(key) or ""))
        elif isinstance(getattr(type(item), "model_fields", None), dict):
            stack.extend((getattr(item, name, None), (*loc, name))
                         for name in type(item).model_fields)
    return sorted(places, key=lambda place: [(isinstance(s, str), s) for s in place[0]])

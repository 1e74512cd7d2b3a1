"""Writing YAML in the file's own layout, for the transaction (`mentorcli.store.transaction`).

- `append_text` / `insert_into_list` add entries at the end of a top-level list by inserting
  text, in the file's indentation and spacing;
- `round_trip_edits` applies edits through a ruamel.yaml round trip (comments, key order,
  quoting and flow style kept; lines ruamel would re-spell are taken from the original text
  by `roundtrip.minimal_text`): the fallback for a layout the text patcher cannot place.

Nothing here locks, reads or writes files.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from mentorcli.errors import ExitCode, InputFileError, InvalidCohortError, MentorcliError
from mentorcli.store.loading import LoadedCohort, load_cohort_text
from mentorcli.store.reading import LenientRoundTripConstructor, yaml_error
from mentorcli.store.roundtrip import (
    detach_gaps,
    flow_empty_lists,
    minimal_text,
    reattach_gaps,
    space_new_items,
    spaced_lists,
    to_yaml_node,
)

T = TypeVar("T")

# ------------------------------------------------------------------------- round trip


def round_trip_yaml(text: str = "") -> YAML:
    """A ruamel.yaml round-trip instance set up to reproduce `text`'s own layout."""
    yaml = YAML(typ="rt")
    yaml.Constructor = LenientRoundTripConstructor
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the coordinator wrote on one line
    yaml.allow_unicode = True
    # a date used twice must not come out as an anchor and an alias (&id001 / *id001)
    yaml.representer.ignore_aliases = lambda data: True
    mapping, sequence, offset = detect_indentation(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.explicit_start = bool(re.match(r"(?:\s*#[^\n]*\n)*\s*---", text))
    null = _null_spelling(text.replace("\r\n", "\n"))
    yaml.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", null)
    )
    return yaml


def _null_spelling(text: str) -> str:
    """How the file writes an empty value: `null` (the default), `~`, or nothing."""
    if re.search(r":[ \t]+null[ \t]*(?:#.*)?$", text, re.MULTILINE) or not text:
        return "null"
    if re.search(r":[ \t]+~[ \t]*(?:#.*)?$", text, re.MULTILINE):
        return "~"
    return ""


_KEY_LINE = re.compile(r"^( *)[^\s#-][^:\n]*:[ \t]*(?:#.*)?$")
_DASH_LINE = re.compile(r"^( *)-(?= )")


def detect_indentation(text: str) -> tuple[int, int, int]:
    """(mapping indent, sequence indent, dash offset) as the file uses them; default 2, 4, 2."""
    mapping, sequence, offset = None, None, None
    lines = text.splitlines()
    for index, line in enumerate(lines[:-1]):
        key = _KEY_LINE.match(line)
        if not key:
            continue
        following = next((n for n in lines[index + 1:index + 20]
                          if n.strip() and not n.lstrip().startswith("#")), None)
        if following is None:
            continue
        base = len(key.group(1))
        dash = _DASH_LINE.match(following)
        if dash and offset is None and len(dash.group(1)) >= base:
            offset = len(dash.group(1)) - base
            content = len(following) - len(following[len(dash.group(1)) + 1:].lstrip(" "))
            sequence = content - base
        elif not dash and mapping is None:
            depth = len(following) - len(following.lstrip(" "))
            if depth > base:
                mapping = depth - base
        if mapping is not None and offset is not None:
            break
    mapping = mapping or 2
    if offset is None:
        offset, sequence = 2, 4
    return mapping, max(sequence or 2, offset + 2), offset


def dump_text(yaml: YAML, document: Any) -> str:
    """The YAML text of a round-trip document."""
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------------- validation


def _check_new_text(new_text: str, path: Path) -> LoadedCohort:
    """Refuse to write a result that does not validate (the findings name the new text)."""
    return load_cohort_text(new_text, path)


def _lines_kept(text: str) -> str:
    """The file's line ending: CRLF when most of its lines end so, else LF."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"




class WriteSafetyError(MentorcliError):
    """The text about to be written would not read back as the intended data."""

    exit_code = ExitCode.BUG


# ------------------------------------------------------------------------ the edits


def _round_trip(text: str, path: Path, change: Callable[[CommentedMap], T]
                ) -> tuple[str | None, T]:
    """The validated new text after `change` (None when nothing changed), and its result.

    The new text must read back as exactly the changed document; the minimal patch is tried
    first, then ruamel's own rendering; if neither reads back right, nothing is written.
    """
    from ruamel.yaml.error import MarkedYAMLError

    yaml = round_trip_yaml(text)
    newline = _lines_kept(text)
    plain = text.replace("\r\n", "\n")
    if plain and not plain.endswith("\n"):
        plain += "\n"
    try:
        document = yaml.load(plain)
    except MarkedYAMLError as error:  # what the C parser let through, the writer cannot read
        from mentorcli.i18n import _

        found = yaml_error(path, error).finding
        raise InputFileError(path, _("{problem}; mentorcli cannot rewrite this file as it is (a "
                                     "tab next to a value? write spaces instead)").format(
                                         problem=found.message),
                             found.line, found.column) from None
    spaced = spaced_lists(document)
    gaps = detach_gaps(document)
    reattach_gaps(gaps)
    normalised = dump_text(yaml, document)  # how ruamel writes the unchanged file
    gaps = detach_gaps(document)
    result = change(document)
    reattach_gaps(gaps)
    space_new_items(document, spaced)
    flow_empty_lists(document)
    changed = dump_text(yaml, document)
    if changed == normalised:
        return None, result
    candidates = [minimal_text(plain, normalised, changed), changed]
    for candidate in candidates:
        try:
            written = _check_new_text(candidate, path)
        except (InvalidCohortError, InputFileError):
            if candidate is candidates[-1]:
                raise
            continue
        if written.data == document:
            return candidate.replace("\n", newline), result
    from mentorcli.i18n import _

    raise WriteSafetyError(_(
        "{path}: this change could not be written without altering other values; nothing "
        "was written. This is a bug: please report it with the file (MENTORCLI_DEBUG=1).")
        .format(path=path))


def insert_into_list(text: str, key: str, entries: list[dict[str, Any]],
                     present: bool = True) -> str | None:
    """`text` with `entries` appended to the block list under the top-level `key`.

    `present` says whether the document has `key`. Returns None when the list is not a block
    list this function can extend safely (`key: [...]` in flow style, a key spelled
    `"key":`, a root that is not a block mapping at column 0...); the caller then falls back
    to a round-trip edit.
    """
    newline = _lines_kept(text)
    parts = text.split("\n")  # each line keeps its own "\r" if it had one
    lines = [part.rstrip("\r") for part in parts]
    key_re = re.compile(rf"^{re.escape(key)}:[ \t]*(#.*)?$")
    key_index = next((i for i, line in enumerate(lines) if key_re.match(line)), None)
    yaml = round_trip_yaml(text)
    mapping, sequence, offset = detect_indentation(text)

    def spliced(after: int, added: list[str]) -> str:
        """The text with `added` lines (in the file's main line ending) after line `after`."""
        head = "\n".join(parts[:after + 1]) + "\n"
        return head + "".join(line + newline for line in added) + "\n".join(parts[after + 1:])

    if key_index is None:
        empty_re = re.compile(rf"^{re.escape(key)}:[ \t]*\[[ \t]*\]([ \t]*#.*)?$")
        empty_index = next((i for i, line in enumerate(lines) if empty_re.match(line)), None)
        if empty_index is not None:  # `key: []` becomes `key:` followed by the items
            match = empty_re.match(lines[empty_index])
            comment = match.group(1) or "" if match else ""
            parts[empty_index] = f"{key}:{comment}" + ("\r" if parts[empty_index]
                                                       .endswith("\r") else "")
            return spliced(empty_index, _render_items(yaml, entries, offset)
                           .rstrip("\n").split("\n"))
        if present or not _plain_block_root(lines):
            return None  # spelled or laid out in a way this insertion does not handle
        rendered = _render_items(yaml, entries, offset).rstrip("\n").split("\n")
        body = text.rstrip("\r\n")
        return body + newline + newline + "".join(line + newline for line in
                                                  [f"{key}:", *rendered])
    # the block runs until the next line at column 0 that is neither a comment nor a dash
    last_content = key_index
    index = key_index + 1
    item_offset = None
    items, spaced = 0, 0  # list items, and those after a blank line
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        if stripped and not line[0].isspace() and not line.startswith("-") \
                and not line.startswith("#"):
            break
        if stripped and not stripped.startswith("#"):
            last_content = index
            dash = _DASH_LINE.match(line)
            if dash and item_offset is None:
                item_offset = len(dash.group(1))
            if dash and len(dash.group(1)) == item_offset:
                items += 1
                spaced += items > 1 and not lines[index - 1].strip()
        elif stripped.startswith("#") and line[0].isspace():
            last_content = index  # an indented comment belongs to the last item
        index += 1
    block = lines[key_index + 1:last_content + 1]
    if any(_KEEP_CHOMPING.search(line) for line in block):
        return None  # a `|+` scalar keeps its trailing blank lines: do not add after them
    if item_offset is None:
        if last_content != key_index:
            return None  # something that is not a block list: play safe
        item_offset = offset
    separate = items > 1 and spaced * 2 >= items - 1  # the file spaces its items out
    added: list[str] = []
    for entry in entries:
        if separate and (added or items):
            added.append("")
        added.extend(_render_items(yaml, [entry], item_offset).rstrip("\n").split("\n"))
    return spliced(last_content, added)


_KEEP_CHOMPING = re.compile(r":[ \t]+[|>][1-9]?\+")


def _plain_block_root(lines: list[str]) -> bool:
    """The document is a block mapping at column 0, with no `...` end marker to write past."""
    content = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return bool(content) and not any(line.startswith("...") for line in content) and \
        not content[0][0].isspace() and content[0][0] not in "{[" and \
        not (content[0].startswith("---") and len(content) > 1 and content[1][0].isspace())


def _render_items(yaml: YAML, entries: list[dict[str, Any]], item_offset: int) -> str:
    """The YAML lines of list items, dash at column `item_offset`, in the file's own layout."""
    mapping = yaml.map_indent or 2
    dash_to_content = (yaml.sequence_indent or 2) - (yaml.sequence_dash_offset or 0)
    yaml.indent(mapping=mapping, sequence=item_offset + max(dash_to_content, 2),
                offset=item_offset)
    yaml.explicit_start = False
    document = CommentedMap()
    document["x"] = CommentedSeq(to_yaml_node(e) for e in entries)
    rendered = dump_text(yaml, document)
    return rendered.split("\n", 1)[1]  # drop the "x:" line


# ------------------------------------------------------------------ for the transaction


def append_text(text: str, edits: list[Any], data: Any) -> str | None:
    """`text` with the items of top-level Append edits inserted as text, or None when the
    layout is not one `insert_into_list` handles (the transaction then patches)."""
    by_key: dict[str, list[Any]] = {}
    for edit in edits:
        by_key.setdefault(edit.at[0], []).append(edit.item)
    for key, items in by_key.items():
        present = isinstance(data, dict) and key in data
        new_text = insert_into_list(text, key, items, present=present)
        if new_text is None:
            return None
        text = new_text
    return text


def round_trip_edits(text: str, path: Path, edits: list[Any]) -> str | None:
    """The new text of `edits` applied through a ruamel round trip (None: no change)."""
    from mentorcli.store.edits import apply_one

    def change(document: CommentedMap) -> None:
        for edit in edits:
            apply_one(document, _as_nodes(edit))

    new_text, _ = _round_trip(text, path, change)
    return new_text


def _as_nodes(edit: Any) -> Any:
    """An edit whose new values are ruamel nodes (flow style where the edit asks for it)."""
    import dataclasses

    from mentorcli.store.edits import Append, Set

    if isinstance(edit, Append):
        return dataclasses.replace(edit, item=_node(edit.item))
    if isinstance(edit, Set):
        return dataclasses.replace(edit, value=_node(edit.value))
    return edit


def _node(value: Any) -> Any:
    """Plain values as ruamel nodes; Flow and FlowList in flow style."""
    return to_yaml_node(value)

"""Edits applied as text patches on the original text of a cohort file. Pure.

The file is cut into top-level sections by a line scan (keys at column 0) and a block-list
section into its entries (dashes at the entries' column). An edit that changes an entry
composes only that entry's lines (a few hundred characters, whatever the file's size),
finds the exact characters of the value to change from the node positions, and replaces
just those: a changed scalar rewrites that scalar (its quoting style kept), a new key lands
in the entry with the entry's indentation after the key the edit names, a removed key or
entry removes its lines. Appends to top-level lists are inserted as text at the end of the
list (`writing.insert_into_list`).

`patch_text` returns None for any layout it cannot place with certainty (a flow mapping
that would lose a key, a key written on its entry's dash line that is removed, a quoted or
complex top-level key, mixed line endings...); the transaction then uses the ruamel round
trip. Whatever is returned here is still parsed and compared with the intended data by the
transaction before it is written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import Any

from mentorcli.store import edits as E

_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)")
_DASH = re.compile(r"^( *)-(?: |$)")
_COMMENT_AFTER = re.compile(r"([ \t]+)#")


class _CannotPatch(Exception):
    """This layout is left to the round trip. Never shown to a user (`patch_text` catches it):
    its short reasons are notes for developers and stay in English."""


def patch_text(text: str, data: Any, edits: Sequence[Any]) -> str | None:
    """`text` with `edits` applied, or None when a layout cannot be patched as text."""
    try:
        return _patch(text, data, E.expand_renames(data, edits))
    except (_CannotPatch, E.LocationError, KeyError, IndexError, ValueError, TypeError):
        return None


def _patch(text: str, data: Any, edits: list[Any]) -> str:
    crlf = "\r\n" in text
    if "\r" in text:
        if text.count("\r\n") != text.count("\n") or text.count("\r") != text.count("\n"):
            raise _CannotPatch("mixed line endings")
        text = text.replace("\r\n", "\n")
    if not isinstance(data, dict):
        raise _CannotPatch("root")
    lines = text.split("\n")
    sections = _sections(lines)
    # group the edits by the entry (or the section) they change, in order
    groups: dict[tuple[str, int | None], list[Any]] = {}
    appends: list[Any] = []
    # Derived edits (renames) address entries by their index after the other edits: map it
    # back to the entry's index in the text, skipping the entries deleted before.
    deleted: dict[str, set[int]] = {}
    for edit in edits:
        if isinstance(edit, E.Delete) and len(edit.at) == 2 and edit.at[0] in data:
            deleted.setdefault(edit.at[0], set()).add(
                E.resolve(data[edit.at[0]], [edit.at[1]])[0])
    tops: list[Any] = []
    for edit in edits:
        if isinstance(edit, E.Append) and len(edit.at) == 1:
            appends.append(edit)
            continue
        if isinstance(edit, E.Set) and not edit.at:
            tops.append(edit)
            continue
        at = edit.at
        if not at or not isinstance(at[0], str) or at[0] not in sections:
            raise _CannotPatch("no such section")
        section = at[0]
        if len(at) > 1 and isinstance(at[1], (E.Where, E._IndexStep)):
            items = data.get(section)
            index = E.resolve(items, [at[1]])[0] if isinstance(at[1], E.Where) \
                else _surviving(items, deleted.get(section, set()), at[1].index)
            groups.setdefault((section, index), []).append(edit)
        else:
            groups.setdefault((section, None), []).append(edit)
    spans: list[tuple[int, int, list[str]]] = []  # (first line, last line, new lines)
    entries_of: dict[str, list[tuple[int, int]]] = {}
    for (section, index), group in groups.items():
        if index is None:
            first, last = sections[section][0], _last_content(lines, *sections[section])
            new_lines = _edit_snippet(lines[first:last + 1], group, (section,), text)
        else:
            if section not in entries_of:
                entries_of[section] = _entries(lines, sections[section], data.get(section))
            first, last = entries_of[section][index]
            new_lines = _edit_snippet(lines[first:last + 1], group, (section, index), text)
            if not new_lines:
                first, last = _deleted_span(lines, entries_of[section], index, first, last)
        spans.append((first, last, new_lines))
    spans.sort()
    for (_, end_a, _), (start_b, _, _) in zip(spans, spans[1:], strict=False):
        if start_b <= end_a:
            raise _CannotPatch("overlapping changes")
    for first, last, new_lines in reversed(spans):
        lines[first:last + 1] = new_lines
    new_text = "\n".join(lines)
    for edit in tops:
        if any(key[0] == edit.key for key in groups) or \
                any(a.at[0] == edit.key for a in appends):
            raise _CannotPatch("a section set and edited in one change")
        new_text = _set_section(new_text, data, edit.key, edit.value)
    if appends:
        from mentorcli.store.writing import append_text

        appended = append_text(new_text, appends, data)
        if appended is None:
            raise _CannotPatch("append")
        new_text = appended
    return new_text.replace("\n", "\r\n") if crlf else new_text


def _surviving(items: Any, deleted: set[int], index: int) -> int:
    """The text index of the entry at `index` once the `deleted` entries are gone."""
    survivors = [i for i in range(len(items)) if i not in deleted]
    if index >= len(survivors):
        raise _CannotPatch("an entry appended in the same change")
    return survivors[index]


def _set_section(text: str, data: Any, key: str, value: Any) -> str:
    """A top-level key set: written at the end of the file when it is new; when it was
    empty (`key:`, `key: []`, `key: ~`), its line keeps its comment and the value follows.
    A section with content is left to the round trip (its comments would be lost)."""
    from mentorcli.store.writing import _plain_block_root

    lines = text.split("\n")
    rendered = render_block(key, value, 0, text)
    if key not in data:
        if not _plain_block_root(lines):
            raise _CannotPatch("document layout")
        body = text.rstrip("\n")
        return body + "\n\n" + "\n".join(rendered) + "\n"
    if data[key] not in (None, [], {}):
        raise _CannotPatch("a section with content")
    first, end = _sections(lines)[key]
    if _last_content(lines, first, end) != first:
        raise _CannotPatch("a section written over several lines")
    match = re.match(rf"^{re.escape(key)}[ \t]*:[ \t]*(?:\[\]|\{{\}}|~|null|Null|NULL)?"
                     rf"[ \t]*(#.*)?$", lines[first])
    if match is None:
        raise _CannotPatch("section line")
    head = rendered[0]
    if match.group(1):  # the comment keeps its column where it can
        column = match.start(1)
        head += " " * max(1, column - len(head)) + match.group(1)
    lines[first:first + 1] = [head, *rendered[1:]]
    return "\n".join(lines)


# ------------------------------------------------------------------ the file's outline


def _sections(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Top-level key -> (its line, the line where the next top-level key starts)."""
    starts: list[tuple[str, int]] = []
    for number, line in enumerate(lines):
        if not line or line[0] in " #\t" or line.startswith("-"):
            continue
        if line.startswith(("---", "...")):
            if line.startswith("...") or starts:
                raise _CannotPatch("document markers")
            continue
        match = _TOP_KEY.match(line)
        if match is None:
            raise _CannotPatch(f"line {number + 1} at column 0")
        starts.append((match.group(1), number))
    out: dict[str, tuple[int, int]] = {}
    for position, (key, number) in enumerate(starts):
        end = starts[position + 1][1] if position + 1 < len(starts) else len(lines)
        if key in out:
            raise _CannotPatch("duplicate key")
        out[key] = (number, end)
    return out


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _last_content(lines: list[str], first: int, end: int) -> int:
    last = first
    for number in range(first, end):
        if _is_content(lines[number]):
            last = number
    return last


def _entries(lines: list[str], span: tuple[int, int], items: Any) -> list[tuple[int, int]]:
    """(first line, last content line) of each entry of a block-list section."""
    key_line, end = span
    if not isinstance(items, list):
        raise _CannotPatch("not a list")
    starts: list[int] = []
    column = None
    for number in range(key_line + 1, end):
        line = lines[number]
        if not _is_content(line):
            continue
        dash = _DASH.match(line)
        indent = len(line) - len(line.lstrip(" "))
        if column is None:
            if not dash:
                raise _CannotPatch("not a block list")
            column = indent
        if dash and indent == column:
            starts.append(number)
        elif indent <= column:
            raise _CannotPatch("outdented content in a list")
    if len(starts) != len(items):
        raise _CannotPatch("entries miscounted")
    out = []
    for position, first in enumerate(starts):
        end_of = starts[position + 1] if position + 1 < len(starts) else end
        last = first
        for number in range(first, end_of):
            line = lines[number]
            if _is_content(line) or (line.strip().startswith("#")
                                     and len(line) - len(line.lstrip(" ")) > (column or 0)
                                     and last == number - 1):
                last = number
        out.append((first, last))
    return out


def _deleted_span(lines: list[str], entries: list[tuple[int, int]], index: int,
                  first: int, last: int) -> tuple[int, int]:
    """The lines to remove with entry `index`: its own, and the blank lines that separated
    it from the next entry when entries are spaced (so one gap stays)."""
    if len(entries) == 1:
        raise _CannotPatch("the last entry of a list")
    if index + 1 < len(entries):
        following = entries[index + 1][0]
        gap = list(range(last + 1, following))
        if gap and all(not lines[n].strip() for n in gap):
            return first, following - 1
    elif first > 0 and not lines[first - 1].strip():
        # the last entry: take the blank line before it instead
        previous_end = entries[index - 1][1]
        blank = [n for n in range(previous_end + 1, first) if not lines[n].strip()]
        if blank and len(blank) == first - previous_end - 1:
            return blank[0], last
    return first, last


# ------------------------------------------------------------------ one snippet


def _edit_snippet(snippet: list[str], group: list[Any], prefix: tuple[Any, ...],
                  text: str) -> list[str]:
    """The snippet's lines after the group's edits (each edit on the result of the last)."""
    for edit in group:
        if isinstance(edit, E.Delete) and len(edit.at) == 2:
            return []
        snippet = _apply(snippet, edit, len(prefix), text)
    return snippet


def _compose(snippet_text: str) -> Any:
    from mentorcli.store.reading import _load_plain, compose

    node = compose(snippet_text)
    if node is None:
        raise _CannotPatch("snippet does not compose")
    return node, _load_plain(snippet_text)


def _apply(snippet: list[str], edit: Any, depth: int, text: str) -> list[str]:
    snippet_text = "\n".join(snippet) + "\n"
    root, plain = _compose(snippet_text)
    # the snippet is either one list entry ("- ...") or a whole section ("key: ...")
    if depth == 2:
        node, value = root.value[0], plain[0]
    else:
        node, value = root.value[0][1], plain[next(iter(plain))]
    steps = list(edit.at[depth:])
    target_steps = steps[:-1] if isinstance(edit, (E.Delete, E.Append)) else steps
    for step in target_steps:
        node, value = _child(node, value, step)
    editor = _Editor(snippet_text, text)
    if isinstance(edit, E.Append):
        if not steps or not isinstance(steps[-1], str) or not isinstance(value, dict):
            raise _CannotPatch("append to an entry")
        if value.get(steps[-1]) is None:  # a missing or null list: write it with the item
            new = editor.set(node, value, steps[-1], [edit.item], ())
            return new.rstrip("\n").split("\n")
        node, value = _child(node, value, steps[-1])
    if isinstance(edit, E.Set):
        new = editor.set(node, value, edit.key, edit.value, edit.after)
    elif isinstance(edit, E.Remove):
        new = editor.remove(node, value, edit.key)
    elif isinstance(edit, E.Append):
        new = editor.append(node, edit.item)
    elif isinstance(edit, E.Delete):
        new = editor.delete(node, value, steps[-1])
    elif isinstance(edit, E.RenameKey):
        new = editor.rename_key(node, edit.old, edit.new)
    else:
        raise _CannotPatch(type(edit).__name__)
    return new.rstrip("\n").split("\n") if new.strip() else []


def _child(node: Any, value: Any, step: Any) -> tuple[Any, Any]:
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    if isinstance(step, (E.Where, E._IndexStep)):
        if not isinstance(node, SequenceNode):
            raise _CannotPatch("not a list")
        index = E.resolve(value, [step])[0] if isinstance(step, E.Where) else step.index
        return node.value[index], value[index]
    if not isinstance(node, MappingNode):
        raise _CannotPatch("not a mapping")
    key_node, value_node = _find_key(node, step)
    return value_node, value[step]


def _find_key(node: Any, key: str) -> tuple[Any, Any]:
    for key_node, value_node in node.value:
        if _key_text(key_node) == key:
            return key_node, value_node
    raise _CannotPatch(f"no key {key}")


def _key_text(key_node: Any) -> str | None:
    from ruamel.yaml.nodes import ScalarNode

    if isinstance(key_node, ScalarNode) and str(key_node.tag).endswith(":str"):
        return str(key_node.value)
    return None


# ------------------------------------------------------------------ the edits on text


class _Editor:
    """Text surgery on one composed snippet."""

    def __init__(self, snippet_text: str, file_text: str) -> None:
        self.text = snippet_text
        self.file_text = file_text

    # positions ---------------------------------------------------------------
    def _line_start(self, line: int) -> int:
        position = 0
        for _ in range(line):
            position = self.text.index("\n", position) + 1
        return position

    def _line_end(self, line: int) -> int:
        """Offset just after the newline of `line`."""
        return self.text.index("\n", self._line_start(line)) + 1

    def _splice(self, start: int, end: int, new: str) -> str:
        return self.text[:start] + new + self.text[end:]

    # the edits ---------------------------------------------------------------
    def set(self, mapping: Any, value: Any, key: str, new: Any, after: Sequence[str]) -> str:
        from ruamel.yaml.nodes import MappingNode, ScalarNode

        if not isinstance(mapping, MappingNode):
            raise _CannotPatch("not a mapping")
        found = [(k, v) for k, v in mapping.value if _key_text(k) == key]
        if found:
            key_node, old = found[0]
            if isinstance(old, ScalarNode) and not isinstance(new, (dict, list)) and \
                    not (old.style in ("|", ">") and mapping.flow_style):
                rendered = render_scalar(new, old.style, flow=bool(mapping.flow_style))
                if old.start_mark.index == old.end_mark.index:  # `key:` with no value
                    return self._splice(old.start_mark.index, old.end_mark.index,
                                        " " + rendered)
                end = old.end_mark.index
                if old.style in ("|", ">"):
                    tail = "\n" if self.text[end - 1] == "\n" else ""
                    return self._splice(old.start_mark.index, end, rendered + tail)
                return self._replace_keeping_comment(old.start_mark.index, end, rendered)
            if mapping.flow_style or (getattr(old, "flow_style", False) and
                                      isinstance(new, (dict, list))):
                return self._replace_keeping_comment(old.start_mark.index,
                                                     old.end_mark.index, render_flow(new))
            # a block value, or a scalar becoming a block: rewrite the key's lines
            first = key_node.start_mark.line
            if self._dash_before(key_node):
                raise _CannotPatch("key on its entry's dash line")
            last = _end_line(old)
            lines = self.text.split("\n")
            block = render_block(key, new, key_node.start_mark.column, self.file_text)
            lines[first:last + 1] = block
            return "\n".join(lines)
        if mapping.flow_style:
            close = mapping.end_mark.index - 1
            if self.text[close] != "}":
                raise _CannotPatch("flow mapping end")
            body = self.text[mapping.start_mark.index + 1:close]
            item = f"{render_key(key)}: {render_flow(new)}"
            joiner = ", " if body.strip() else ""
            return self._splice(close, close, joiner + item)
        if not mapping.value:
            raise _CannotPatch("empty mapping")
        column = mapping.value[0][0].start_mark.column
        anchor = None
        for name in after:
            anchor = next(((k, v) for k, v in mapping.value if _key_text(k) == name), None)
            if anchor is not None:
                break
        if anchor is None:
            anchor = mapping.value[-1]
        line = _end_line(anchor[1])
        lines = self.text.split("\n")
        lines[line + 1:line + 1] = render_block(key, new, column, self.file_text)
        return "\n".join(lines)

    def remove(self, mapping: Any, value: Any, key: str) -> str:
        from ruamel.yaml.nodes import MappingNode

        if not isinstance(mapping, MappingNode) or mapping.flow_style:
            raise _CannotPatch("remove from a flow mapping")
        found = [(k, v) for k, v in mapping.value if _key_text(k) == key]
        if not found:
            return self.text
        if len(mapping.value) == 1:
            raise _CannotPatch("the last key of a mapping")
        key_node, old = found[0]
        if self._dash_before(key_node):
            raise _CannotPatch("key on its entry's dash line")
        first, last = key_node.start_mark.line, _end_line(old)
        lines = self.text.split("\n")
        if lines[first][:key_node.start_mark.column].strip():
            raise _CannotPatch("key after other text")
        del lines[first:last + 1]
        return "\n".join(lines)

    def append(self, sequence: Any, item: Any) -> str:
        from ruamel.yaml.nodes import SequenceNode

        if not isinstance(sequence, SequenceNode):
            raise _CannotPatch("append to something that is not a list")
        if sequence.flow_style:
            close = sequence.end_mark.index - 1
            if self.text[close] != "]":
                raise _CannotPatch("flow list end")
            body = self.text[sequence.start_mark.index + 1:close]
            joiner = ", " if body.strip() else ""
            return self._splice(close, close, joiner + render_flow(item))
        if not sequence.value:
            raise _CannotPatch("empty block list")
        column = sequence.start_mark.column
        line = _end_line(sequence.value[-1])
        lines = self.text.split("\n")
        lines[line + 1:line + 1] = render_items([item], column, self.file_text)
        return "\n".join(lines)

    def delete(self, sequence: Any, value: Any, step: Any) -> str:
        from ruamel.yaml.nodes import SequenceNode

        if not isinstance(sequence, SequenceNode) or sequence.flow_style:
            raise _CannotPatch("delete from a flow list")
        if len(sequence.value) < 2:
            raise _CannotPatch("the last entry of a list")
        index = E.resolve(value, [step])[0] if isinstance(step, E.Where) else step.index
        entry = sequence.value[index]
        first, last = entry.start_mark.line, _end_line(entry)
        lines = self.text.split("\n")
        dash_column = sequence.start_mark.column
        if lines[first][dash_column:dash_column + 1] != "-" or \
                lines[first][:dash_column].strip():
            raise _CannotPatch("entry not on its dash line")
        del lines[first:last + 1]
        return "\n".join(lines)

    def rename_key(self, mapping: Any, old: str, new: str) -> str:
        key_node, _ = _find_key(mapping, old)
        return self._splice(key_node.start_mark.index, key_node.end_mark.index,
                            render_key(new))

    def _replace_keeping_comment(self, start: int, end: int, new: str) -> str:
        """Replace a one-line value; a comment after it keeps its column where it can."""
        comment = _COMMENT_AFTER.match(self.text, end)
        if comment is None or "\n" in self.text[start:end]:
            return self._splice(start, end, new)
        spaces = len(comment.group(1)) + (end - start) - len(new)
        return self._splice(start, end + len(comment.group(1)), new + " " * max(1, spaces))

    def _dash_before(self, key_node: Any) -> bool:
        """Whether the key is written on its entry's dash line (`- key: value`)."""
        line = self.text.split("\n")[key_node.start_mark.line]
        return line[:key_node.start_mark.column].strip().startswith("-")


def _end_line(node: Any) -> int:
    """The (0-based, snippet) line of the last character of `node`'s value."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    while True:
        if isinstance(node, MappingNode) and not node.flow_style and node.value:
            key, value = node.value[-1]
            if isinstance(value, ScalarNode) and value.start_mark.index == value.end_mark.index:
                return key.end_mark.line  # `key:` with no value
            node = value
            continue
        if isinstance(node, SequenceNode) and not node.flow_style and node.value:
            node = node.value[-1]
            continue
        break
    end = node.end_mark
    if end.column == 0 and end.line > node.start_mark.line:
        return end.line - 1
    return end.line


# ------------------------------------------------------------------ rendering values

_NOT_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@` \t")
_SPECIAL_WORDS = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ""}


_NOT_IN_ONE_LINE = {"\x85", "\u2028", "\u2029", "\ufeff"}


def _yaml_printable(text: str) -> bool:
    """Whether every character may stand as it is in a one-line YAML scalar (French
    no-break spaces may; control characters, line separators and surrogates may not)."""
    return all(("\x20" <= c <= "\x7e" or "\xa0" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd"
                or c >= "\U00010000") and c not in _NOT_IN_ONE_LINE for c in text)


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _NOT_PLAIN_START:
        return False
    if text.lower() in _SPECIAL_WORDS or text[0].isdigit() or text[0] in "+.":
        return False
    if ": " in text or " #" in text or text.endswith(":") or not _yaml_printable(text):
        return False
    if flow and any(c in text for c in ",[]{}"):
        return False
    return True


def render_scalar(value: Any, style: str | None = None, flow: bool = False) -> str:
    """One scalar as YAML, in the old value's quoting style where it can be kept."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _CannotPatch("not a finite number")
        return repr(value)
    if isinstance(value, dt.datetime):
        raise _CannotPatch("timestamp")
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise _CannotPatch(f"value of type {type(value).__name__}")
    printable = _yaml_printable(value)
    if style == "'" and printable:
        return "'" + value.replace("'", "''") + "'"
    if style != '"' and _plain_ok(value, flow):
        return value
    if style != '"' and printable and value == value.strip() and "'" not in value:
        return "'" + value.replace("'", "''") + "'"  # as ruamel writes it
    return json.dumps(value, ensure_ascii=not printable)


def render_key(key: str) -> str:
    return key if _plain_ok(key, True) else render_scalar(key, flow=True)


def render_flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{render_key(str(k))}: {render_flow(v)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(render_flow(v) for v in value) + "]"
    return render_scalar(value, flow=True)


def render_block(key: str, value: Any, column: int, file_text: str) -> list[str]:
    """`key: value` as block lines at `column`, in the file's indentation."""
    if not isinstance(value, (dict, list)) or isinstance(value, (E.Flow, E.FlowList)) \
            or not value:
        inline = render_flow(value) if isinstance(value, (dict, list)) \
            else render_scalar(value)
        return [" " * column + f"{render_key(key)}: {inline}"]
    from mentorcli.store.roundtrip import to_yaml_node
    from mentorcli.store.writing import dump_text, round_trip_yaml

    yaml = _yaml_for(file_text, round_trip_yaml)
    rendered = dump_text(yaml, {key: to_yaml_node(value)})
    return [(" " * column + line) if line else line
            for line in rendered.rstrip("\n").split("\n")]


def render_items(items: list[Any], column: int, file_text: str) -> list[str]:
    """List entries as block lines, the dash at `column`, in the file's indentation."""
    from mentorcli.store.writing import _render_items, round_trip_yaml

    out: list[str] = []
    for item in items:
        if isinstance(item, (dict, list)) and not isinstance(item, (E.Flow, E.FlowList)):
            yaml = _yaml_for(file_text, round_trip_yaml, fresh=True)
            out += _render_items(yaml, [item], column).rstrip("\n").split("\n")
        else:
            inline = render_flow(item) if isinstance(item, (dict, list)) \
                else render_scalar(item)
            out.append(" " * column + "- " + inline)
    return out


_YAML_CACHE: dict[int, Any] = {}


def _yaml_for(file_text: str, make: Any, fresh: bool = False) -> Any:
    """ruamel set up for the file's indentation, made once per file text."""
    if fresh:
        return make(file_text)
    key = id(file_text)
    if key not in _YAML_CACHE:
        _YAML_CACHE.clear()
        _YAML_CACHE[key] = make(file_text)
    return _YAML_CACHE[key]

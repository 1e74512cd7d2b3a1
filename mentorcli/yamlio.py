"""Reading YAML text safely and fast, and finding where a value stands in it.

The fast path parses with ruamel.yaml's C parser into plain Python data (no positions kept);
positions are recovered only when something is wrong, by composing the text again.
Anchors and aliases that share a mapping or list are refused, so a "billion laughs" file
cannot explode in memory when it is walked.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from mentorcli.errors import InputFileError
from mentorcli.inputs import read_input_bytes

DEFAULT_MAX_MB = 50
MAX_DEPTH = 64
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def max_file_bytes() -> int:
    """The largest cohort file read, in bytes (MENTORCLI_MAX_FILE_MB raises it)."""
    try:
        megabytes = float(os.environ.get("MENTORCLI_MAX_FILE_MB", DEFAULT_MAX_MB))
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 1024 * 1024)


class _LenientSafeConstructor(SafeConstructor):
    """Keeps an impossible date such as 2026-02-30 as text, so validation can point at it."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return self.construct_scalar(node)


_LenientSafeConstructor.add_constructor(
    TIMESTAMP_TAG, _LenientSafeConstructor.construct_yaml_timestamp
)


class LenientRoundTripConstructor(RoundTripConstructor):
    """The round-trip constructor with the same tolerance of impossible dates."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return self.construct_scalar(node)


LenientRoundTripConstructor.add_constructor(
    TIMESTAMP_TAG, LenientRoundTripConstructor.construct_yaml_timestamp
)


class _FastResolver(VersionedResolver):
    """The YAML 1.2 resolver, minus the per-scalar costs that dominate a big file's load.

    ruamel.yaml looks the YAML version up and builds a new Tag for every scalar; a cohort
    file has one version, and a handful of tags, so both are computed once.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._resolvers: Any = None
        self._tags: dict[str, Tag] = {}

    @property
    def versioned_resolver(self) -> Any:
        if self._resolvers is None:
            self._resolvers = VersionedResolver.versioned_resolver.fget(self)  # type: ignore
        return self._resolvers

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            table = self.versioned_resolver
            for tag, regexp in table.get(value[0] if value else "", []) + table.get(None, []):
                if regexp.match(value):
                    cached = self._tags.get(tag)
                    if cached is None:
                        cached = self._tags[tag] = Tag(suffix=tag)
                    return cached
            implicit = implicit[1]
        return super().resolve(kind, value, (False, implicit) if kind is ScalarNode
                               else implicit)


def _safe_yaml(pure: bool = False) -> YAML:
    yaml = YAML(typ="safe", pure=pure)
    yaml.Constructor = _LenientSafeConstructor
    yaml.Resolver = _FastResolver
    return yaml


def read_text(path: str | Path) -> str:
    """The text of a cohort file, or an InputFileError saying in words why it cannot be read."""
    data = read_input_bytes(
        path, "a cohort file", "a .yaml file", max_file_bytes(),
        "; check it is the right file (MENTORCLI_MAX_FILE_MB raises the limit)")
    return decode_text(data, path)


def decode_text(data: bytes, path: str | Path) -> str:
    """UTF-8 text (a BOM is accepted), or an error placed at the first bad byte."""
    if b"\x00" in data:
        line, column = _place_of_offset(data, data.index(b"\x00"))
        raise InputFileError(
            path, "contains NUL bytes: this is a binary file, not a YAML cohort file",
            line, column,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _place_of_offset(data, error.start)
        raise InputFileError(
            path,
            f"is not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8",
            line, column,
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def _place_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def parse_yaml(text: str, path: str | Path) -> Any:
    """Plain Python data from YAML text (C parser), or an InputFileError with line and column."""
    try:
        data = _load_plain(text)
    except MarkedYAMLError as error:
        raise yaml_error(path, error) from None
    except YAMLError as error:  # ReaderError: control characters
        raise InputFileError(path, _reader_message(error), *_reader_place(text, error)) from None
    except RecursionError:
        raise InputFileError(path, f"is nested too deeply (more than {MAX_DEPTH} levels)") from None
    refuse_shared_nodes(data, text, path)
    return data


def _load_plain(text: str) -> Any:
    """Load with the C parser; on a syntax error, ask the pure-Python parser once more.

    The C parser follows YAML 1.1 in a few corners (a plain `10:30` inside `{...}`) where
    ruamel.yaml, which writes our files, follows YAML 1.2: what mentorcli writes, it reads.
    """
    try:
        return _safe_yaml().load(text)
    except MarkedYAMLError as error:
        if "duplicate key" in str(error.problem):
            raise
        try:
            return _safe_yaml(pure=True).load(text)
        except (YAMLError, RecursionError):
            raise error from None


def yaml_error(path: str | Path, error: MarkedYAMLError) -> InputFileError:
    """An InputFileError from a parser or constructor error, with a hint where we have one."""
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or error.context or "invalid YAML").strip()
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    if "duplicate key" in problem:
        problem += "; each key may appear once in a mapping: remove or rename one"
    elif "cannot start any token" in problem and mark is not None and _char_at(mark) == "\t":
        problem = "a tab is used for indentation; YAML indents with spaces only"
    elif "tab" in problem.lower():
        problem += "; YAML indents with spaces only"
    return InputFileError(path, f"invalid YAML: {problem}", line, column)


def _char_at(mark: Any) -> str:
    buffer = getattr(mark, "buffer", None)
    pointer = getattr(mark, "pointer", None)
    if isinstance(buffer, str) and isinstance(pointer, int) and 0 <= pointer < len(buffer):
        return buffer[pointer]
    return "\t"  # the C parser keeps no buffer; only a tab starts no token at line start


def _reader_message(error: YAMLError) -> str:
    character = getattr(error, "character", None)
    if isinstance(character, str) or isinstance(character, int):
        code = ord(character) if isinstance(character, str) else character
        return (
            f"contains the control character U+{code:04X}, which YAML does not allow; "
            "remove it"
        )
    return f"invalid YAML: {error}"


def _reader_place(text: str, error: YAMLError) -> tuple[int | None, int | None]:
    position = getattr(error, "position", None)
    if not isinstance(position, int):
        return None, None
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def refuse_shared_nodes(data: Any, text: str, path: str | Path) -> None:
    """Refuse aliases to mappings or lists (and absurd nesting), without expanding them."""
    seen: set[int] = set()
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if id(value) in seen:
            line, column = _first_alias(text)
            raise InputFileError(
                path,
                "uses a YAML alias (*name) to repeat a mapping or list; cohort files do not "
                "allow anchors and aliases: write the values out",
                line, column,
            )
        if depth > MAX_DEPTH:
            raise InputFileError(path, f"is nested too deeply (more than {MAX_DEPTH} levels)")
        seen.add(id(value))
        stack.extend((child, depth + 1) for child in children)


def _first_alias(text: str) -> tuple[int | None, int | None]:
    try:
        events = _safe_yaml().parse(text)
        for event in events:
            if type(event).__name__ == "AliasEvent":
                mark = event.start_mark
                return mark.line + 1, mark.column + 1
    except YAMLError:
        pass
    return None, None


def compose(text: str) -> Node | None:
    """The node tree of `text` (positions kept), for finding where a value stands."""
    try:
        return _safe_yaml().compose(text)
    except (YAMLError, RecursionError):
        return None


def locate(root: Node | None, loc: Sequence[str | int], at_key: bool = False
           ) -> tuple[int | None, int | None]:
    """Line and column (1-based) of the value at `loc` in a composed tree.

    Follows `loc` as deep as it exists and returns the deepest place found: a missing key
    points at the mapping that lacks it. With `at_key`, points at the key rather than its value.
    """
    node = root
    place: Node | None = root
    for step in loc:
        if isinstance(node, MappingNode):
            found = None
            for key_node, value_node in node.value:
                if str(key_node.value) == str(step):
                    found = (key_node, value_node)
                    break
            if found is None:
                break
            place = found[0] if at_key and step == loc[-1] else found[1]
            node = found[1]
        elif isinstance(node, SequenceNode) and isinstance(step, int):
            if not 0 <= step < len(node.value):
                break
            node = node.value[step]
            place = node
        else:
            break
    if place is None:
        return None, None
    return place.start_mark.line + 1, place.start_mark.column + 1

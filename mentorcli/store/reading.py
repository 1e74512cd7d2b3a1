"""Reading YAML text safely and fast, and finding where a value stands in it.

The fast path parses with ruamel.yaml's C parser into plain Python data (no positions kept);
positions are recovered only when something is wrong, by composing the text again.
Anchors and aliases that share a mapping or list are refused, so a "billion laughs" file
cannot explode in memory when it is walked; text holding far more values than any cohort
(lines + commas) is refused before it is parsed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import itertools
import math
import operator
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from mentorcli.errors import InputFileError
from mentorcli.i18n import N_, _, number
from mentorcli.store.inputs import read_input_bytes

DEFAULT_MAX_MB = 50
# The most values (estimated as lines + commas) a cohort file may hold. The benchmark cohort
# (5,000 participants, 2,500 pairs, 60,000 sessions: 13 MB) holds about 545,000; junk such as
# one flow list of millions of numbers would take minutes and gigabytes to parse.
DEFAULT_MAX_VALUES = 1_500_000
MAX_DEPTH = 64
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def max_file_bytes() -> int:
    """The largest cohort file read, in bytes (MENTORCLI_MAX_FILE_MB raises it).

    A value that is not a number, not finite (`inf`, `nan`) or negative means the default.
    """
    try:
        megabytes = float(os.environ.get("MENTORCLI_MAX_FILE_MB", DEFAULT_MAX_MB))
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    if not math.isfinite(megabytes) or megabytes < 0:
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 1024 * 1024)


def max_values() -> int:
    """The most values a cohort file may hold (MENTORCLI_MAX_VALUES raises it)."""
    try:
        count = float(os.environ.get("MENTORCLI_MAX_VALUES", DEFAULT_MAX_VALUES))
    except ValueError:
        count = DEFAULT_MAX_VALUES
    if not math.isfinite(count) or count < 0:
        count = DEFAULT_MAX_VALUES
    return int(count)


def refuse_too_many_values(text: str, path: str | Path) -> None:
    """Refuse, before parsing, text holding far more values than any real cohort.

    Every YAML value but the first is separated from the one before by a line break or a
    comma, so lines + commas bounds the work of parsing; counting them takes milliseconds.
    """
    limit = max_values()
    estimate = text.count("\n") + text.count(",")
    if estimate > limit:
        raise InputFileError(path, _(
            "holds about {estimate} values (lines and commas), more than the {limit} a cohort "
            "file may hold; check it is the right file (MENTORCLI_MAX_VALUES raises the limit)"
        ).format(estimate=number(estimate), limit=number(limit)))


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
        self._by_first: dict[str, list[Any]] = {}  # first character -> (tag, regexp) to try

    @property
    def versioned_resolver(self) -> Any:
        if self._resolvers is None:
            self._resolvers = VersionedResolver.versioned_resolver.fget(self)  # type: ignore
        return self._resolvers

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            first = value[0] if value else ""
            candidates = self._by_first.get(first)
            if candidates is None:
                table = self.versioned_resolver
                candidates = self._by_first[first] = table.get(first, []) + table.get(None, [])
            for tag, regexp in candidates:
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
    return decode_text(read_bytes(path), path)


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a cohort file, within the size limit, or an InputFileError."""
    return read_input_bytes(
        path, N_("a cohort file"), N_("a .yaml file"), max_file_bytes(),
        N_("; check it is the right file (MENTORCLI_MAX_FILE_MB raises the limit)"))


def decode_text(data: bytes, path: str | Path) -> str:
    """UTF-8 text (a BOM is accepted), or an error placed at the first bad byte."""
    if b"\x00" in data:
        line, column = _place_of_offset(data, data.index(b"\x00"))
        raise InputFileError(
            path, _("contains NUL bytes: this is a binary file, not a YAML cohort file"),
            line, column,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _place_of_offset(data, error.start)
        raise InputFileError(
            path,
            _("is not valid UTF-8 (byte {byte}); save the file as UTF-8").format(
                byte=f"0x{data[error.start]:02x}"),
            line, column,
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def _place_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def parse_yaml(text: str, path: str | Path) -> Any:
    """Plain Python data from YAML text (C parser), or an InputFileError with line and column."""
    refuse_too_many_values(text, path)
    refuse_conflict_markers(text, path)
    refuse_deep_nesting(text, path)
    try:
        data = _load_plain(text)
    except MarkedYAMLError as error:
        raise _unclosed_quote_error(text, path, error) or yaml_error(path, error, text) \
            from None
    except YAMLError as error:  # ReaderError: control characters
        raise InputFileError(path, _reader_message(error), *_reader_place(text, error)) from None
    except RecursionError:
        raise InputFileError(path, _too_deep()) from None
    except _VALUE_ERRORS as error:  # an explicit tag on a bad value: !!int "abc"
        raise _bad_value_error(text, path, error) from None
    refuse_shared_nodes(data, text, path)
    return data


# --- what must be refused before the parser sees it -----------------------------------------

_CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?:[ \t].*)?\r?$", re.M)
# Nesting deeper than this is refused before parsing: the C parser overflows the stack (a
# segmentation fault) somewhere between 10,000 and 30,000 levels; a cohort file has about 6.
MAX_PARSED_DEPTH = 1000
_BLOCK_INDICATORS = re.compile(rf"(?:[-?][ \t]+){{{MAX_PARSED_DEPTH}}}")
# Two block indicators in a row: what any deep block nesting on one line must contain.
_TWO_INDICATORS = ("- -", "- ?", "? -", "? ?", "-\t", "?\t")
_FLOW_BRACKET = re.compile(r"[\[\]{}]")
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _deepest_flow(brackets: str) -> int:
    """The deepest nesting of a string of brackets, a closing one never going below 0.

    Computed with C-level iterators (a 13 MB file holds 200,000 brackets): the depth after a
    bracket is its running sum minus the lowest running sum before it (or 0).
    """
    levels = list(itertools.accumulate(map(_STEP.__getitem__, brackets)))
    lows = itertools.accumulate(levels, min, initial=0)
    return max(0, max(map(operator.sub, levels, lows), default=0))


def refuse_conflict_markers(text: str, path: str | Path) -> None:
    """Refuse a file with git's conflict markers, saying what happened and how to resolve it."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text and "=======" not in text:
        return
    found = _CONFLICT_MARKER.search(text)
    if found is None or not _CONFLICT_MARKER.search(text, found.end()) and \
            found.group(1)[0] in "=|":
        return  # a lone ======= may be a Markdown underline inside a literal text
    line = text.count("\n", 0, found.start()) + 1
    raise InputFileError(
        path,
        _("has an unresolved merge conflict: git's conflict marker {marker} stands at line "
          "{line}. Between <<<<<<< and ======= is one side, between ======= and >>>>>>> the "
          "other: keep the lines you want (often both sides' entries), delete the three marker "
          "lines, then `mentorcli validate` the file and `git add` it").format(
            marker=found.group(1), line=line),
        line, 1,
    )


def refuse_deep_nesting(text: str, path: str | Path) -> None:
    """Refuse nesting far beyond any cohort before the C parser can overflow its stack."""
    limit = MAX_PARSED_DEPTH
    deep = None
    if any(pair in text for pair in _TWO_INDICATORS):
        deep = _BLOCK_INDICATORS.search(text)
    offset = deep.start() if deep else None
    if offset is None and text.count("[") + text.count("{") > limit \
            and _deepest_flow(_NOT_BRACKET.sub("", text)) > limit:
        depth = 0
        for bracket in _FLOW_BRACKET.finditer(text):
            depth = depth + 1 if bracket.group() in "[{" else max(depth - 1, 0)
            if depth > limit:
                offset = bracket.start()
                break
    if offset is not None:
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise InputFileError(path, _too_deep(), line, column)


def _too_deep() -> str:
    return _("is nested too deeply (more than {depth} levels)").format(depth=MAX_DEPTH)


def _unclosed_quote_error(text: str, path: str | Path, error: MarkedYAMLError
                          ) -> InputFileError | None:
    """When a syntax error comes from a quote left open, an error placed at that quote.

    A quote left open runs on, over line ends, to the next quote character of the file, and the
    parser stumbles later on what follows it. The pure-Python scanner finds the quoted values;
    a quoted value running over lines and ending where the parser stumbled is the culprit. The
    value itself is never shown (it may be a confidential note).
    """
    from ruamel.yaml.tokens import ScalarToken

    mark = error.problem_mark or error.context_mark
    if mark is None:
        return None
    suspect: Any = None
    try:
        for token in _safe_yaml(pure=True).scan(text):
            if isinstance(token, ScalarToken) and token.style in ('"', "'") \
                    and token.end_mark.line > token.start_mark.line \
                    and _looks_like_lines(token.value):
                suspect = token.start_mark
            if token.start_mark.line > mark.line:
                break
    except MarkedYAMLError as scanning:
        if "quoted scalar" in str(scanning.context or "") and scanning.context_mark is not None:
            suspect = scanning.context_mark
    except (YAMLError, RecursionError):
        return None
    if suspect is None:
        return None
    quote = text.split("\n")[suspect.line][suspect.column:suspect.column + 1] or '"'
    return InputFileError(
        path,
        _("invalid YAML: the quote {quote} that opens this value is not closed on its line, so "
          "the value runs on over the following lines (the parser stumbles at line {line}); "
          "close the quote at the end of the value, or remove it").format(
            quote=quote, line=mark.line + 1),
        suspect.line + 1, suspect.column + 1,
    )


def _looks_like_lines(value: str) -> bool:
    """Whether a multi-line quoted value holds what looks like YAML keys: `  name: Anne`."""
    return re.search(r"(?:^|\s)[A-Za-z_][\w-]*: ", value) is not None


# --- confidential values ----------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def confidential_keys() -> frozenset[str]:
    """The keys whose values no message may show: every field the format describes as
    "Confidential" (session `notes`, survey free text, concern descriptions...).

    One list, read from the model's own field descriptions: a field described as
    confidential in mentorcli.model joins it by itself.
    """
    from pydantic import BaseModel

    from mentorcli import model

    keys = {"notes"}
    for value in vars(model).values():
        if isinstance(value, type) and issubclass(value, BaseModel):
            for name, info in value.model_fields.items():
                if (info.description or "").strip().lower().startswith("confidential"):
                    keys.add(info.alias or name)
    return frozenset(keys)


def is_confidential(loc: Sequence[Any]) -> bool:
    """Whether a value at `loc` (keys and list indexes) lies under a confidential key."""
    keys = confidential_keys()
    return any(isinstance(step, str) and step in keys for step in loc)


def _keys_to(root: Node | None, target: Node) -> list[str] | None:
    """The keys leading to the node that starts where `target` starts, if found."""
    index = target.start_mark.index
    stack: list[tuple[Node, list[str]]] = [(root, [])] if root is not None else []
    while stack:
        node, keys = stack.pop()
        if node.start_mark.index == index and type(node) is type(target):
            return keys
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                name = str(key_node.value) if isinstance(key_node, ScalarNode) else ""
                stack.append((value_node, [*keys, name]))
                stack.append((key_node, keys))
        elif isinstance(node, SequenceNode):
            stack.extend((child, keys) for child in node.value)
    return None


# What ruamel.yaml's constructors raise, unmarked, on a value they cannot build: `!!int "abc"`,
# `!!bool "maybe"`, a repeated key in `!!omap`, a key `? [a, [b]]`, a 5,000-digit number.
_VALUE_ERRORS = (ValueError, TypeError, KeyError, AssertionError, ArithmeticError)


class _BadValue(Exception):
    """A value error, with the node it came from."""

    def __init__(self, error: BaseException, node: Node) -> None:
        super().__init__(str(error))
        self.error = error
        self.node = node


class _PlacingConstructor(_LenientSafeConstructor):
    """The safe constructor that says which node a value error came from (failing path only)."""

    def construct_non_recursive_object(self, node: Any, tag: Any = None) -> Any:
        waiting = len(self.state_generators)
        try:
            data = super().construct_non_recursive_object(node, tag)
        except _VALUE_ERRORS as error:
            raise _BadValue(error, node) from None
        if len(self.state_generators) > waiting:  # a mapping or list, filled in later
            self.state_generators[-1] = _placed(self.state_generators[-1], node)
        return data


def _placed(generator: Any, node: Node) -> Any:
    try:
        yield from generator
    except _VALUE_ERRORS as error:
        raise _BadValue(error, node) from None


def _bad_value_error(text: str, path: str | Path, error: BaseException) -> InputFileError:
    """An InputFileError for a value the constructor refused, placed by loading once more."""
    for pure in (False, True):
        yaml = _safe_yaml(pure=pure)
        yaml.Constructor = _PlacingConstructor
        try:
            yaml.load(text)
        except _BadValue as bad:
            node = bad.node
            if isinstance(bad.error, TypeError) and "unhashable" in str(bad.error):
                node = _complex_key(node) or node
            mark = node.start_mark
            keys = _keys_to(compose(text), node)
            secret = keys is None or is_confidential(keys)
            return InputFileError(
                path, _("invalid YAML: {problem}").format(
                    problem=_bad_value_message(node, bad.error, secret, keys)),
                mark.line + 1, mark.column + 1)
        except (YAMLError, RecursionError, *_VALUE_ERRORS):
            continue
    first = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return InputFileError(path, _("invalid YAML: a value cannot be read ({detail})").format(
        detail=first))


def _complex_key(node: Node) -> Node | None:
    """The first key of a mapping that is itself a list or a mapping, if any."""
    if isinstance(node, MappingNode):
        for key_node, _value in node.value:
            if not isinstance(key_node, ScalarNode):
                return key_node
    return None


def _bad_value_message(node: Node, error: BaseException, secret: bool = False,
                       keys: Sequence[str] | None = None) -> str:
    """What is wrong with a tagged value; a `secret` value is named by its key, never shown."""
    tag = str(node.tag)
    short = "!!" + tag.rsplit(":", 1)[-1] if tag.startswith("tag:yaml.org,2002:") else tag
    if isinstance(node, ScalarNode):
        value = str(node.value)
        if "digits" in str(error):  # Python's limit on the length of integers
            return _("a number of {digits} digits is too long to be read").format(
                digits=len(value.strip()))
        if secret:
            if keys:
                return _("the value of {key} is not a valid {tag} value (not shown: it may be "
                         "confidential); remove the tag or fix the value").format(
                    key=repr(keys[-1]), tag=short)
            return _("this value is not a valid {tag} value (not shown: it may be "
                     "confidential); remove the tag or fix the value").format(tag=short)
        shown = value if len(value) <= 40 else value[:37] + "..."
        return _('"{value}" is not a valid {tag} value; remove the tag or fix the value'
                 ).format(value=shown, tag=short)
    if isinstance(error, TypeError) and "unhashable" in str(error):
        return _("a key is a list or a mapping; keys are simple names")
    if short == "!!omap":
        return _("a key appears twice in this !!omap; each key may appear once")
    detail = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return _("this {tag} value cannot be read ({detail})").format(tag=short, detail=detail)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cycle collector off for a moment: building a big cohort creates a million
    objects and no cycle (aliases are refused), and each full collection would walk them all
    again; that was half the time of a load. It is switched back on after."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_plain(text: str) -> Any:
    """Load with the C parser; on a syntax error, ask the pure-Python parser once more.

    The C parser follows YAML 1.1 in a few corners (a plain `10:30` inside `{...}`) where
    ruamel.yaml, which writes our files, follows YAML 1.2: what mentorcli writes, it reads.
    """
    with gc_paused():
        try:
            return _safe_yaml().load(text)
        except MarkedYAMLError as error:
            if "duplicate key" in str(error.problem):
                raise
            try:
                return _safe_yaml(pure=True).load(text)
            except (YAMLError, RecursionError):
                raise error from None


def yaml_error(path: str | Path, error: MarkedYAMLError, text: str | None = None
               ) -> InputFileError:
    """An InputFileError from a parser or constructor error, with a hint where we have one.

    No value of the file is repeated (a duplicate key names the key, not its values: they
    may be confidential notes). `text`, when given, tells which character stands at the mark
    (the C parser keeps no text of its own).
    """
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or error.context or "invalid YAML").strip()
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    if "duplicate key" in problem:
        key = re.match(r'found duplicate key "(.*?)" with value', problem, re.S)
        if key:
            problem = _('found duplicate key "{key}"; each key may appear once in a mapping: '
                        "remove or rename one").format(key=key.group(1))
        else:
            problem = _("found duplicate key; each key may appear once in a mapping: remove or "
                        "rename one")
    elif "cannot start any token" in problem and mark is not None \
            and _char_at(mark, text) == "\t":
        problem = _("a tab is used for indentation; YAML indents with spaces only")
    elif type(error).__name__ == "ConstructorError" and ('"' in problem or "'" in problem) \
            and "could not determine a constructor" not in problem:
        # "failed to construct timestamp from "..."", "failed to convert base64 data into
        # ascii: 'ascii' codec can't encode character '\xe9'": the value may be a confidential
        # note, so none of it is repeated
        problem = re.sub(r'\s*"(?:[^"\\]|\\.)*"', " this value", problem)
        problem = _("{problem} (the value is not shown: it may be confidential)").format(
            problem=_parser_words(problem.split(":", 1)[0]))
    elif "found another document" in problem:
        problem = _("a second document starts here; a cohort file holds one document: "
                    "remove the second `---`")
    elif "unhashable key" in problem:
        problem = _("a key is a list or a mapping; keys are simple names")
    elif "tab" in problem.lower():
        problem = _("{problem}; YAML indents with spaces only").format(
            problem=_parser_words(problem))
    else:
        problem = _parser_words(problem)
    return InputFileError(path, _("invalid YAML: {problem}").format(problem=problem),
                          line, column)


#: What ruamel.yaml's parsers say most often, in the catalog so that it is translated.
PARSER_PROBLEMS = (
    N_("invalid YAML"),
    N_("mapping values are not allowed here"),
    N_("could not find expected ':'"),
    N_("found character that cannot start any token"),
    N_("found unexpected end of stream"),
    N_("did not find expected key"),
    N_("did not find expected node content"),
    N_("did not find expected '-' indicator"),
    N_("found undefined alias"),
    N_("found a tab character where an indentation space is expected"),
    N_("found a tab character that violates indentation"),
    N_("while scanning a simple key"),
    N_("while parsing a block mapping"),
    N_("while parsing a block collection"),
    N_("while parsing a flow mapping"),
    N_("while parsing a flow sequence"),
    N_("while scanning a quoted scalar"),
    N_("found unknown escape character"),
    N_("expected ',' or ']', but got ':'"),
    N_("found duplicate anchor; first occurrence"),
)


def _parser_words(problem: str) -> str:
    """A parser's own sentence, translated when the catalog knows it (English otherwise)."""
    return _(problem) if problem in PARSER_PROBLEMS else problem


def _char_at(mark: Any, text: str | None = None) -> str:
    buffer = getattr(mark, "buffer", None)
    pointer = getattr(mark, "pointer", None)
    if isinstance(buffer, str) and isinstance(pointer, int) and 0 <= pointer < len(buffer):
        return buffer[pointer]
    index = getattr(mark, "index", None)
    if text is not None and isinstance(index, int) and 0 <= index < len(text):
        return text[index]
    if text is not None:  # the C parser keeps no buffer: find the character by line and column
        lines = text.split("\n")
        if 0 <= mark.line < len(lines) and 0 <= mark.column < len(lines[mark.line]):
            return lines[mark.line][mark.column]
        return ""
    return "\t"  # without the text, only a tab starts no token at a line's start


def _reader_message(error: YAMLError) -> str:
    character = getattr(error, "character", None)
    if isinstance(character, str) or isinstance(character, int):
        code = ord(character) if isinstance(character, str) else character
        return _("contains the control character {code}, which YAML does not allow; "
                 "remove it").format(code=f"U+{code:04X}")
    return _("invalid YAML: {problem}").format(problem=error)


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
                _("uses a YAML alias (*name) to repeat a mapping or list; cohort files do not "
                  "allow anchors and aliases: write the values out"),
                line, column,
            )
        if depth > MAX_DEPTH:
            raise InputFileError(path, _too_deep())
        seen.add(id(value))
        stack.extend((child, depth + 1) for child in children)


def _first_alias(text: str) -> tuple[int | None, int | None]:
    """Where the first alias to a mapping or list stands (an alias to a scalar is harmless)."""
    for pure in (False, True):
        try:
            collection_anchors: dict[str, bool] = {}
            for event in _safe_yaml(pure=pure).parse(text):
                kind = type(event).__name__
                if kind == "AliasEvent":
                    if collection_anchors.get(event.anchor):
                        mark = event.start_mark
                        return mark.line + 1, mark.column + 1
                elif getattr(event, "anchor", None) is not None:
                    collection_anchors[event.anchor] = kind in (
                        "MappingStartEvent", "SequenceStartEvent")
        except (YAMLError, RecursionError):
            continue  # the C parser refuses a few YAML 1.2 corners: ask the pure one
        return None, None
    return None, None


def compose(text: str) -> Node | None:
    """The node tree of `text` (positions kept), for finding where a value stands.

    The C parser first; the pure-Python one when the C parser refuses a YAML 1.2 corner that
    the file was read with (a NEL or U+2028 in a value, a plain `10:30` inside `{...}`).
    """
    for pure in (False, True):
        try:
            return _safe_yaml(pure=pure).compose(text)
        except (YAMLError, RecursionError):
            continue
    return None


def yaml_spelling(value: Any) -> str:
    """How YAML writes a plain value used as a key: true, null, 2026-01-05, 1.5, 10."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    return str(value)


class Locator:
    """Finds where values stand in one composed tree; each mapping's keys are indexed once.

    Keys are matched by their YAML spelling, so a key written `true`, `~`, `2026-01-05` or
    `0x1F` is found under `true`, `null`, `2026-01-05` or `31` as well as under its text.
    """

    def __init__(self, root: Node | None) -> None:
        self.root = root
        self._indexes: dict[int, dict[str, tuple[Node, Node]]] = {}
        self._constructor: Any = None

    def locate(self, loc: Sequence[str | int], at_key: bool = False
               ) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the value at `loc`, or of the deepest part found.

        A missing key points at the mapping that lacks it. With `at_key`, points at the key
        rather than its value.
        """
        node = self.root
        place: Node | None = self.root
        last = len(loc) - 1
        for position, step in enumerate(loc):
            if isinstance(node, MappingNode):
                found = self._keys_of(node).get(str(step))
                if found is None:
                    break
                place = found[0] if at_key and position == last else found[1]
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

    def _keys_of(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        index = self._indexes.get(id(node))
        if index is None:
            index = self._indexes[id(node)] = {}
            for key_node, value_node in node.value:
                for spelling in self._spellings(key_node):
                    index.setdefault(spelling, (key_node, value_node))
        return index

    def _spellings(self, key_node: Node) -> list[str]:
        if not isinstance(key_node, ScalarNode):
            return []
        text = str(key_node.value)
        if str(key_node.tag) == "tag:yaml.org,2002:str":
            return [text]
        if self._constructor is None:
            self._constructor = _LenientSafeConstructor()
        try:
            value = self._constructor.construct_object(key_node, deep=True)
        except Exception:  # noqa: BLE001 - a key that cannot be built is found by its text
            return [text]
        return [text, yaml_spelling(value)]


def locate(root: Node | None, loc: Sequence[str | int], at_key: bool = False
           ) -> tuple[int | None, int | None]:
    """Line and column (1-based) of the value at `loc` in a composed tree (see Locator)."""
    return Locator(root).locate(loc, at_key)

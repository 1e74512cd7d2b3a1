"""The text patcher (mentorcli.store.patch): edits as text give the same data as a ruamel
round trip, and the diff touches only the edited entries' lines."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from edit_strategies import edits_for
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorcli.resources import cohorts_dir
from mentorcli.store import edits as E
from mentorcli.store import patch
from mentorcli.store.loading import load_cohort
from mentorcli.store.reading import parse_yaml

EXAMPLES = sorted(cohorts_dir().glob("*.yaml")) + [Path(__file__).parent / "data" /
                                                    "example.yaml"]
LOADED = {path.name: load_cohort(path) for path in EXAMPLES}


def round_trip_data(text: str, edits: list[E.Edit]) -> object:
    """The data after the edits through ruamel (no validation: random edits may break
    cross-references, which is not what this test is about)."""
    from mentorcli.store.writing import _as_nodes, dump_text, round_trip_yaml

    yaml = round_trip_yaml(text)
    document = yaml.load(text)
    for edit in E.expand_renames(parse_yaml(text, "x"), edits):
        E.apply_one(document, _as_nodes(edit))
    return parse_yaml(dump_text(yaml, document), "x")


def edited_lines(text: str, data: object, edits: list[E.Edit]) -> set[int]:
    """Lines (0-based) a patch may touch: the edited entries' lines, the line after each
    (insertions), and the end of every section appended to."""
    lines = text.split("\n")
    sections = patch._sections(lines)
    allowed: set[int] = set()
    expanded = E.expand_renames(data, edits)
    deleted: dict[str, set[int]] = {}
    for edit in expanded:
        if isinstance(edit, E.Delete) and len(edit.at) == 2:
            deleted.setdefault(edit.at[0], set()).add(
                E.resolve(data[edit.at[0]], [edit.at[1]])[0])
    for edit in expanded:
        section = edit.at[0]
        first, end = sections[section] if section in sections else (len(lines), len(lines))
        if isinstance(edit, E.Append) and len(edit.at) == 1:
            allowed.update(range(first, end + 1))  # appended at the end, `[]` opened
            continue
        step = edit.at[1] if len(edit.at) > 1 else None
        if isinstance(step, (E.Where, E._IndexStep)):
            entries = patch._entries(lines, sections[section], data[section])
            index = E.resolve(data[section], [step])[0] if isinstance(step, E.Where) \
                else patch._surviving(data[section], deleted.get(section, set()), step.index)
            start, last = entries[index]
            following = entries[index + 1][0] if index + 1 < len(entries) else last + 1
            allowed.update(range(start - 1, following + 1))
        else:
            allowed.update(range(first, end + 1))
    return allowed


def kept_runs_in_order(old: list[str], new: list[str], allowed: set[int]) -> bool:
    """Whether every run of original lines outside `allowed` stands, whole and in order, in
    the new text, with the same lines before the first change and after the last."""
    runs: list[list[str]] = [[]]
    for number, line in enumerate(old):
        if number in allowed:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(line)
    runs = [run for run in runs if run]
    position = 0
    for run in runs:
        while position + len(run) <= len(new) and new[position:position + len(run)] != run:
            position += 1
        if position + len(run) > len(new):
            return False
        position += len(run)
    return True


def check_patch(name: str, seed: int) -> None:
    loaded = LOADED[name]
    edits = edits_for(loaded.model, random.Random(seed))
    try:
        expected = E.apply_edits(loaded.data, edits)
    except E.LocationError:
        return  # e.g. an edit on a pair a rename in the same set moved
    new_text = patch.patch_text(loaded.text, loaded.data, edits)
    if new_text is None:
        return  # a layout left to the round trip (counted by bench/bench_write.py)
    assert parse_yaml(new_text, name) == expected
    assert round_trip_data(loaded.text, edits) == expected
    allowed = edited_lines(loaded.text, loaded.data, edits)
    assert kept_runs_in_order(loaded.text.split("\n"), new_text.split("\n"), allowed), edits


@pytest.mark.parametrize("name", sorted(LOADED))
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_patch_equals_round_trip_and_touches_only_edited_entries(name: str, seed: int) -> None:
    check_patch(name, seed)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(LOADED))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_patch_many_random_edit_sets(name: str, seed: int) -> None:
    check_patch(name, seed)


def test_a_changed_scalar_keeps_its_quoting_and_comment_column() -> None:
    text = ("version: 1\npairs:\n  - mentor: a\n    mentee: b\n"
            "    status: active        # the state\n    why: 'quoted'\n")
    data = parse_yaml(text, "x")
    new = patch.patch_text(text, data, [E.Set(E.pair("a", "b"), "status", "ended"),
                                        E.Set(E.pair("a", "b"), "why", "it's new")])
    assert new == ("version: 1\npairs:\n  - mentor: a\n    mentee: b\n"
                   "    status: ended         # the state\n    why: 'it''s new'\n")


def test_a_new_key_lands_after_the_named_key_with_the_entry_indentation() -> None:
    text = ("pairs:\n    -   mentor: a\n        mentee: b\n        status: active\n"
            "        goals:\n          - id: g\n            text: t\n")
    data = parse_yaml(text, "x")
    new = patch.patch_text(text, data, [
        E.Set(E.pair("a", "b"), "ended", dt.date(2026, 3, 1), after=("status",))])
    assert new == ("pairs:\n    -   mentor: a\n        mentee: b\n        status: active\n"
                   "        ended: 2026-03-01\n        goals:\n          - id: g\n"
                   "            text: t\n")


def test_removing_an_entry_keeps_one_blank_line_between_the_others() -> None:
    text = "pairs:\n  - mentor: a\n    mentee: b\n\n  - mentor: c\n    mentee: d\n\n" \
           "  - mentor: e\n    mentee: f\n# end\n"
    data = parse_yaml(text, "x")
    new = patch.patch_text(text, data, [E.Delete(E.pair("c", "d"))])
    assert new == "pairs:\n  - mentor: a\n    mentee: b\n\n  - mentor: e\n    mentee: f\n" \
                  "# end\n"


def test_crlf_files_stay_crlf() -> None:
    text = "version: 1\r\nparticipants:\r\n  - id: a\r\n    name: A\r\n"
    data = parse_yaml(text, "x")
    new = patch.patch_text(text, data, [E.Set(E.participant("a"), "name", "B")])
    assert new == "version: 1\r\nparticipants:\r\n  - id: a\r\n    name: B\r\n"


def test_layouts_it_cannot_place_are_left_to_the_round_trip() -> None:
    flow = "pairs:\n  - {mentor: a, mentee: b, why: x}\n  - {mentor: c, mentee: d}\n"
    data = parse_yaml(flow, "x")
    assert patch.patch_text(flow, data, [E.Remove(E.pair("a", "b"), "why")]) is None
    first_key = "sessions:\n  - notes: secret\n    mentor: a\n  - mentor: b\n"
    data = parse_yaml(first_key, "x")
    assert patch.patch_text(first_key, data, [
        E.Remove(("sessions", E.where(mentor="a")), "notes")]) is None


@pytest.mark.parametrize("line", ["sessions:   # appended by log",
                                  "sessions: []   # appended by log",
                                  "sessions: ~   # appended by log"])
def test_a_top_level_list_set_on_an_empty_section_keeps_its_comment(line: str) -> None:
    text = f"version: 1\n{line}\npairs: []\n"
    entry = {"mentor": "a", "mentee": "b", "date": dt.date(2026, 1, 2),
             "rating": E.Flow({"mentor": 3})}
    new = patch.patch_text(text, parse_yaml(text, "x"), [E.Set((), "sessions", [entry])])
    head = "sessions:".ljust(line.index("#")) + "# appended by log"  # the comment's column
    assert new == (f"version: 1\n{head}\n  - mentor: a\n    mentee: b\n"
                   "    date: 2026-01-02\n    rating: {mentor: 3}\npairs: []\n")


def test_french_no_break_spaces_stay_as_written_and_control_characters_are_escaped() -> None:
    text = "pairs:\n  - mentor: a\n    mentee: b\n    why: x\n"
    why = "objectifs couverts\u202f; services différents"
    new = patch.patch_text(text, parse_yaml(text, "x"), [
        E.Set(E.pair("a", "b"), "why", why), E.Set(E.pair("a", "b"), "end_reason", "a\x1bb")])
    assert f"    why: {why}\n" in new
    assert '    end_reason: "a\\u001bb"\n' in new
    assert parse_yaml(new, "x")["pairs"][0]["end_reason"] == "a\x1bb"

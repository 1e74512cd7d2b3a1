"""The store's writers (the transaction, `change_cohort`): byte-exact saves, minimal diffs,
locking, atomic writes, no invalid writes, on odd but legal layouts."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorcli.errors import InputFileError, InvalidCohortError, UsageError
from mentorcli.store import edits as E
from mentorcli.store.loading import load_cohort
from mentorcli.store.transaction import change_cohort

ODD = """\
---
# Odd but legal: quoting styles, flow maps, CRLF-free comments everywhere, null spelled ~.
version: 1   # the format
cohort:
    id: 'odd-2026'          # single quotes
    name: "Cohorte d'été \\"spéciale\\""
    language: fr
    kind: peer
    start: 2026-01-05
    end: 2026-12-18
    coordinator: {name: "Zoé L'Hôte", email: zoe@example.com}

# nothing here
objectives: []

org:
    boss: ~     # top of the chain

participants:
# first one
-   id: p1
    name: >-
        Jean-Baptiste
        Lefèvre
    email: "jb@example.com"
    role: both
    manager: boss
    languages: [ fr , en ]
    skills:
    - écoute      # a skill
    - "prise de parole"
    capacity: 2
-   id: p2
    name: Ana
    email: ana@example.com
    role: mentee
    goals: [Écoute]

pairs:
-   {mentor: p1, mentee: p2, status: active, started: 2026-02-01}

sessions:
-   mentor: p1
    mentee: p2
    date: 2026-02-10
    minutes: 45
    notes: |
        two lines
        of notes
# the end
"""


def write(path, *edits):
    """Apply `edits` to the cohort file at `path` in one transaction."""
    return change_cohort(path, lambda model: E.Changes(list(edits)))


def append(path, key, *items):
    return write(path, *(E.Append((key,), item) for item in items))


def diff_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_saving_unchanged_gives_the_same_bytes(tmp_path, example_path):
    odd = tmp_path / "odd.yaml"
    odd.write_text(ODD, encoding="utf-8")
    for path in (odd, example_path):
        before = path.read_bytes()
        write(path)
        assert path.read_bytes() == before
        # and a change to the same value is no change either
        name = load_cohort(path).model.cohort.name
        write(path, E.Set(("cohort",), "name", name))
        assert path.read_bytes() == before


def test_a_change_touches_only_its_lines(example_path):
    before = example_path.read_text(encoding="utf-8")

    write(example_path,
          E.Set(E.pair("cleroy", "bpetit"), "signed", {"mentor": dt.date(2026, 1, 21)}),
          E.Append(("pairs",), {"mentor": "amartin", "mentee": "bpetit", "status": "ended"}))
    after = example_path.read_text(encoding="utf-8")
    assert diff_lines(before, after) == [
        "+    signed:", "+      mentor: 2026-01-21",
        "+  - mentor: amartin", "+    mentee: bpetit", "+    status: ended",
    ]
    # the blank line between pairs: and sessions: stays where it was
    assert "    status: ended\n\nsessions:" in after


def test_appending_keeps_style_and_touches_only_new_lines(tmp_path, example_path):
    for path, text in ((example_path, None), (tmp_path / "odd.yaml", ODD)):
        if text is not None:
            path.write_text(text, encoding="utf-8")
        before = path.read_text(encoding="utf-8")
        mentor, mentee = ("cleroy", "bpetit") if text is None else ("p1", "p2")
        append(path, "sessions", {
            "mentor": mentor, "mentee": mentee, "date": dt.date(2026, 3, 3), "minutes": 30,
            "rating": E.Flow({"mentor": 4, "mentee": 5})})
        after = path.read_text(encoding="utf-8")
        dash = "  - " if text is None else "-   "
        pad = " " * len(dash)
        assert diff_lines(before, after) == [
            f"+{dash}mentor: {mentor}", f"+{pad}mentee: {mentee}", f"+{pad}date: 2026-03-03",
            f"+{pad}minutes: 30", f"+{pad}rating: {{mentor: 4, mentee: 5}}"]
        assert len(load_cohort(path).model.sessions) == 2


def test_append_to_an_empty_list_keeps_the_comment(tmp_path, run):
    path = tmp_path / "c.yaml"
    assert run(["init", path, "--start", "2026-01-05"]).exit_code == 0
    before = path.read_text(encoding="utf-8")
    append(path, "pairs", {"mentor": "alex-morgan", "mentee": "sam-taylor", "status": "proposed"})
    after = path.read_text(encoding="utf-8")
    assert "pairs:                         # written by `mentorcli pair`, then edited by " \
           "people\n  - mentor: alex-morgan\n" in after
    assert diff_lines(before, after) == ["+  - mentor: alex-morgan", "+    mentee: sam-taylor",
                                         "+    status: proposed"]
    load_cohort(path)


def test_invalid_results_and_invalid_files_are_never_written(example_path):
    before = example_path.read_bytes()
    with pytest.raises(InvalidCohortError, match="no pair amartin -> bpetit"):
        append(example_path, "sessions", {"mentor": "amartin", "mentee": "bpetit",
                                          "date": dt.date(2026, 3, 3), "minutes": 30})
    with pytest.raises(InvalidCohortError, match="capacity: must be at least 0"):
        write(example_path, E.Set(E.participant("amartin"), "capacity", -2))

    def refuse(model):
        raise UsageError("no")

    with pytest.raises(UsageError):
        change_cohort(example_path, refuse)
    assert example_path.read_bytes() == before
    # a file that is already invalid is refused before any change
    example_path.write_text(before.decode().replace("capacity: 2", "capacity: two"))
    broken = example_path.read_bytes()
    with pytest.raises(InvalidCohortError):
        write(example_path)
    assert example_path.read_bytes() == broken


def test_failed_rename_leaves_the_original_and_no_temp_file(example_path, monkeypatch):
    before = example_path.read_bytes()

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(InputFileError, match="cannot be written: No space left on device; "
                                             "nothing was changed"):
        write(example_path, E.Set(("cohort",), "name", "New name"))
    assert example_path.read_bytes() == before
    assert sorted(p.name for p in example_path.parent.iterdir()) == ["cohort.yaml"]


APPENDER = textwrap.dedent("""
    import datetime as dt, sys
    from mentorcli.store import edits as E
    from mentorcli.store.transaction import change_cohort
    path, day0 = sys.argv[1], int(sys.argv[2])
    for i in range(25):
        day = dt.date(2026, 3, 1) + dt.timedelta(days=day0 + i)
        change_cohort(path, lambda model: E.Changes([E.Append(("sessions",), {
            "mentor": "cleroy", "mentee": "bpetit", "date": day, "minutes": 30})]))
""")


def test_two_processes_appending_at_once_lose_nothing(example_path):
    procs = [subprocess.Popen([sys.executable, "-c", APPENDER, str(example_path), str(start)])
             for start in (0, 100)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    model = load_cohort(example_path).model
    assert len(model.sessions) == 51
    assert len({s.date for s in model.sessions}) == 51


# --------------------------------------------------------------------- property test

ids = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                min_size=1, max_size=20).filter(
    # ruamel.yaml writes a flow-style ":0" or "?0" plain, then cannot read it back (its bug,
    # for a leading indicator in flow context); the store refuses such a write rather than
    # corrupt a file, so the generator avoids leading indicators.
    lambda s: s.strip() == s and s and s[0] not in ":?-#&*!|>'\"%@`,[]{}")
tags = st.lists(st.sampled_from(["écoute", "Prise de parole", "budget", "yes", "null",
                                 "2026-01-01", "a: b", "#x", "'q'"]), max_size=3)


@st.composite
def cohorts(draw):
    people = draw(st.lists(ids, min_size=2, max_size=6, unique=True))
    participants = []
    for index, pid in enumerate(people):
        participants.append({
            "id": pid, "name": draw(names), "email": f"{pid}@example.com",
            "role": "mentor" if index == 0 else draw(st.sampled_from(["mentee", "both"])),
            "skills": draw(tags), "goals": draw(tags), "capacity": draw(st.integers(0, 5)),
            "seniority": draw(st.integers(0, 40)),
        })
    pairs = [{"mentor": people[0], "mentee": pid, "status": "active",
              "started": dt.date(2026, 2, 1)} for pid in people[1:3]]
    sessions = [{"mentor": p["mentor"], "mentee": p["mentee"],
                 "date": dt.date(2026, 2, 1) + dt.timedelta(days=draw(st.integers(0, 200))),
                 "minutes": draw(st.integers(1, 300)), "notes": draw(names)} for p in pairs]
    return {"version": 1,
            "cohort": {"id": "c", "name": draw(names), "start": dt.date(2026, 1, 1),
                       "end": dt.date(2026, 12, 31)},
            "participants": participants, "pairs": pairs, "sessions": sessions}


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=cohorts(), flow=st.booleans())
def test_generated_cohorts_survive_load_save_load(tmp_path, data, flow):
    from io import StringIO

    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.default_flow_style = None if flow else False
    buffer = StringIO()
    yaml.dump(data, buffer)
    path = tmp_path / "gen.yaml"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    first = load_cohort(path).model
    before = path.read_bytes()
    write(path)
    assert path.read_bytes() == before
    append(path, "sessions", {"mentor": first.pairs[0].mentor, "mentee": first.pairs[0].mentee,
                              "date": dt.date(2026, 12, 30), "minutes": 5})
    second = load_cohort(path).model
    assert second.participants == first.participants
    assert second.sessions[:-1] == first.sessions
    assert second.sessions[-1].date == dt.date(2026, 12, 30)


def test_ruamel_normalisation_never_leaks_into_the_diff(tmp_path):
    path = tmp_path / "odd.yaml"
    path.write_text(ODD, encoding="utf-8")
    write(path, E.Set(E.participant("p1"), "capacity", 3))
    after = path.read_text(encoding="utf-8")
    assert diff_lines(ODD, after) == ["-    capacity: 2", "+    capacity: 3"]
    assert "languages: [ fr , en ]" in after  # ruamel alone would write [fr, en]


def test_append_to_a_flow_empty_list_inserts_text(example_path):
    text = example_path.read_text(encoding="utf-8")
    start = text.index("pairs:")
    end = text.index("\nsessions:")
    example_path.write_text(text[:start] + "pairs: []   # none yet\n" + text[end:]
                            .replace(text[text.index("sessions:"):], "sessions:\n"),
                            encoding="utf-8")
    before = example_path.read_text(encoding="utf-8")
    append(example_path, "pairs", {"mentor": "cleroy", "mentee": "bpetit", "status": "proposed"})
    assert diff_lines(before, example_path.read_text(encoding="utf-8")) == [
        "-pairs: []   # none yet", "+pairs:   # none yet", "+  - mentor: cleroy",
        "+    mentee: bpetit", "+    status: proposed"]


def test_append_to_a_flow_list_with_items(example_path):
    text = example_path.read_text(encoding="utf-8")
    head = text[:text.index("sessions:")]
    example_path.write_text(head + "sessions: [{mentor: cleroy, mentee: bpetit, date: "
                            "2026-02-03, minutes: 60}]   # flow\n", encoding="utf-8")
    append(example_path, "sessions",
           {"mentor": "cleroy", "mentee": "bpetit", "date": dt.date(2026, 3, 3), "minutes": 30})
    after = example_path.read_text(encoding="utf-8")
    assert after.startswith(head)
    assert len(load_cohort(example_path).model.sessions) == 2


def test_appended_items_follow_the_lists_blank_line_spacing(tmp_path):
    path = tmp_path / "spaced.yaml"
    path.write_text(ODD.replace("-   id: p2\n", "\n-   id: p2\n"), encoding="utf-8")
    before = path.read_text(encoding="utf-8")

    append(path, "participants", *({"id": pid, "name": pid.upper(),
                                    "email": f"{pid}@example.com", "role": "mentee"}
                                   for pid in ("p3", "p4")))
    after = path.read_text(encoding="utf-8")
    assert "    goals: [Écoute]\n\n-   id: p3\n" in after
    assert "    role: mentee\n\n-   id: p4\n" in after
    assert "-   id: p4\n    name: P4\n    email: p4@example.com\n    role: mentee\n\npairs:" \
        in after
    assert all(line.startswith("+") for line in diff_lines(before, after))


# ------------------------------------------------------------- layouts found in review

NEW_SESSION = {"mentor": "cleroy", "mentee": "bpetit", "date": dt.date(2026, 3, 3),
               "minutes": 30}


def add_session(path):
    append(path, "sessions", dict(NEW_SESSION))


@pytest.mark.parametrize("spell", ['"sessions":', "sessions :", "? sessions\n:"])
def test_append_under_a_key_spelled_otherwise(example_path, spell):
    text = example_path.read_text(encoding="utf-8")
    example_path.write_text(text.replace("sessions:  ", spell + "  ", 1), encoding="utf-8")
    load_cohort(example_path)
    add_session(example_path)
    sessions = load_cohort(example_path).model.sessions
    assert [s.date for s in sessions] == [dt.date(2026, 2, 3), dt.date(2026, 3, 3)]


def test_append_to_a_file_ending_with_a_document_end_marker(example_path):
    text = example_path.read_text(encoding="utf-8")
    example_path.write_text(text[:text.index("sessions:")] + "...\n", encoding="utf-8")
    add_session(example_path)
    assert len(load_cohort(example_path).model.sessions) == 1


def test_no_newline_at_the_end_of_the_file(example_path):
    example_path.write_text(example_path.read_text(encoding="utf-8").rstrip("\n"),
                            encoding="utf-8")
    add_session(example_path)
    assert len(load_cohort(example_path).model.sessions) == 2


def test_a_tab_ruamel_cannot_read_does_not_stop_a_text_patch(example_path, run):
    """ruamel refuses a tab before a value that libyaml reads; the text patch never parses
    with ruamel, so the change is made and the tab line stays as it was."""
    text = example_path.read_text(encoding="utf-8")
    example_path.write_text(text.replace("    name: Bruno Petit", "    name:\tBruno Petit"),
                            encoding="utf-8")
    assert run(["validate", example_path]).exit_code == 0
    before = example_path.read_text(encoding="utf-8")
    write(example_path, E.Set(("cohort",), "name", "x"))
    after = example_path.read_text(encoding="utf-8")
    assert "    name:\tBruno Petit\n" in after
    assert load_cohort(example_path).model.cohort.name == "x"
    assert len(diff_lines(before, after)) == 2


def test_emptying_a_list_writes_an_empty_flow_list(example_path):
    write(example_path, E.Set((), "sessions", []))
    text = example_path.read_text(encoding="utf-8")
    assert "sessions: []" in text
    assert load_cohort(example_path).model.sessions == []


def test_a_missing_folder_is_a_clean_error(tmp_path):
    with pytest.raises(InputFileError, match="no such file"):
        add_session(tmp_path / "nope" / "c.yaml")


def test_a_symlinked_cohort_file_is_changed_where_it_lives(tmp_path, example_path):
    link = tmp_path / "link.yaml"
    link.symlink_to(example_path)
    add_session(link)
    assert link.is_symlink()
    assert len(load_cohort(example_path).model.sessions) == 2


def test_bom_and_majority_line_endings_are_kept(example_path):
    text = example_path.read_text(encoding="utf-8")
    lines = text.split("\n")
    mixed = "\n".join(lines[:3]) + "\n" + "\r\n".join(lines[3:])  # mostly CRLF
    example_path.write_bytes(b"\xef\xbb\xbf" + mixed.encode("utf-8"))
    add_session(example_path)
    data = example_path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + "\n".join(lines[:3]).encode("utf-8"))
    assert b"  - mentor: cleroy\r\n    mentee: bpetit\r\n    date: 2026-03-03" in data
    write(example_path, E.Set(("cohort",), "name", "N"))
    assert example_path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_keep_chomping_scalar_keeps_its_blank_lines(example_path):
    text = example_path.read_text(encoding="utf-8")
    example_path.write_text(text.replace("    notes: confidential, never shown in reports\n",
                                         "    notes: |+\n      line one\n\n\n"),
                            encoding="utf-8")
    add_session(example_path)
    model = load_cohort(example_path).model
    assert model.sessions[0].notes == "line one\n\n\n"
    assert len(model.sessions) == 2

"""The cohort transaction (mentorcli.store.transaction): one lock, one read, edits as text,
checked once; a file changed meanwhile or read-only is refused; the mode is kept."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mentorcli.errors import InvalidCohortError, UsageError
from mentorcli.store import edits as E
from mentorcli.store import transaction
from mentorcli.store.transaction import Cohort, FileChangedError, change_cohort

EXAMPLE = Path(__file__).parent / "data" / "example.yaml"


def invoke(args: list[object]) -> object:
    from typer.testing import CliRunner

    from mentorcli.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture()
def cohort(tmp_path: Path) -> Path:
    path = tmp_path / "cohort.yaml"
    shutil.copyfile(EXAMPLE, path)
    return path


def _end(model: object) -> E.Changes:
    pair = model.pairs[0]  # type: ignore[attr-defined]
    at = E.pair(pair.mentor, pair.mentee)
    return E.Changes([E.Set(at, "status", "ended", after=("mentee",)),
                      E.Set(at, "ended", dt.date(2026, 3, 2), after=("started", "status")),
                      E.Set(at, "end_reason", "moved", after=("ended",))], pair)


def test_edits_are_written_as_a_text_patch_with_a_minimal_diff(cohort: Path) -> None:
    before = cohort.read_text(encoding="utf-8").split("\n")
    change_cohort(cohort, _end)
    after = cohort.read_text(encoding="utf-8").split("\n")
    assert transaction.last_write_method == "patch"
    removed = [line for line in before if line not in after]
    added = [line for line in after if line not in before]
    assert removed == ["    status: active             # proposed | active | ended"]
    assert added == ["    status: ended              # proposed | active | ended",
                     "    ended: 2026-03-02", "    end_reason: moved"]


def test_a_file_saved_by_another_program_meanwhile_is_not_overwritten(cohort: Path) -> None:
    editor_text = cohort.read_text(encoding="utf-8") + "# saved by an editor\n"
    with pytest.raises(FileChangedError) as raised:
        with Cohort.open(cohort) as tx:
            tx.apply(_end(tx.model).edits)
            # another program (no lock: an editor, git) saves while the command works
            subprocess.run([sys.executable, "-c", "import sys; open(sys.argv[1], 'w')"
                            ".write(sys.argv[2])", str(cohort), editor_text], check=True)
    assert "changed on disk while mentorcli was working on it" in str(raised.value)
    assert "nothing was written" in str(raised.value)
    assert cohort.read_text(encoding="utf-8") == editor_text
    assert not [p for p in cohort.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_file_only_touched_meanwhile_is_written(cohort: Path) -> None:
    with Cohort.open(cohort) as tx:
        tx.apply(_end(tx.model).edits)
        os.utime(cohort, (1, 1))  # same bytes, new mtime: not a change
    assert "end_reason: moved" in cohort.read_text(encoding="utf-8")


def test_the_cli_says_so_and_exits_2_when_the_file_changed(
        cohort: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mentorcli.store import patch

    real = patch.patch_text

    def editor_saves_meanwhile(*args: object, **kwargs: object) -> object:
        with open(cohort, "a", encoding="utf-8") as handle:
            handle.write("# a coordinator's edit\n")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(patch, "patch_text", editor_saves_meanwhile)
    result = invoke(["end", cohort, "cleroy", "bpetit", "--reason", "moved",
                     "--date", "2026-03-02"])
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith(f"{cohort}: changed on disk while mentorcli was working")
    assert "Run the command again" in result.stderr
    text = cohort.read_text(encoding="utf-8")
    assert text.endswith("# a coordinator's edit\n") and "end_reason" not in text


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX modes")
def test_a_read_only_cohort_file_is_refused(cohort: Path) -> None:
    cohort.chmod(0o444)
    before = cohort.read_bytes()
    result = invoke(["end", cohort, "cleroy", "bpetit", "--reason", "moved",
                     "--date", "2026-03-02"])
    assert result.exit_code == 2
    assert result.stderr == (f"{cohort}: is read-only (mode 444); nothing was changed. Make "
                             "it writable (chmod u+w) if it should be changed\n")
    assert cohort.read_bytes() == before
    assert stat.S_IMODE(cohort.stat().st_mode) == 0o444


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX modes")
def test_the_file_mode_is_kept(cohort: Path) -> None:
    cohort.chmod(0o640)
    change_cohort(cohort, _end)
    assert stat.S_IMODE(cohort.stat().st_mode) == 0o640


def test_a_refusal_from_the_domain_writes_nothing(cohort: Path) -> None:
    before = cohort.read_bytes()

    def refuse(model: object) -> E.Changes:
        raise UsageError("no")

    with pytest.raises(UsageError):
        change_cohort(cohort, refuse)
    assert cohort.read_bytes() == before


def test_edits_that_would_make_the_file_invalid_are_refused(cohort: Path) -> None:
    before = cohort.read_bytes()
    with pytest.raises(InvalidCohortError) as raised:
        change_cohort(cohort, lambda model: E.Changes(
            [E.Set(E.participant("cleroy"), "capacity", -1)]))
    assert f"{cohort}:" in str(raised.value) and "capacity" in str(raised.value)
    assert cohort.read_bytes() == before


def test_no_change_writes_nothing(cohort: Path) -> None:
    stamp = cohort.stat().st_mtime_ns
    change_cohort(cohort, lambda model: E.Changes(
        [E.Set(E.participant("cleroy"), "capacity", model.people()["cleroy"].capacity)]))
    assert cohort.stat().st_mtime_ns == stamp
    assert transaction.last_write_method == "none"


def test_a_layout_the_patcher_cannot_place_goes_through_the_round_trip(cohort: Path) -> None:
    text = cohort.read_text(encoding="utf-8")
    block = text[text.index("  - mentor: cleroy\n    mentee: bpetit\n    date: 2026-02-03"):]
    flow = ("  - {mentor: cleroy, mentee: bpetit, date: 2026-02-03, minutes: 60, "
            "notes: confidential}\n")
    cohort.write_text(text.replace(block, flow), encoding="utf-8")
    change_cohort(cohort, lambda model: E.Changes([E.Remove(
        E.session("cleroy", "bpetit", dt.date(2026, 2, 3)), "notes")]))
    assert transaction.last_write_method == "round-trip"
    new = cohort.read_text(encoding="utf-8")
    assert "confidential" not in new.split("sessions:")[1]
    assert new.split("sessions:")[0] == text.split("sessions:")[0]


def test_appends_make_a_missing_list_top_level_and_nested(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "cohort.yaml"
    path.write_text(text[:text.index("sessions:")], encoding="utf-8")  # no sessions yet

    def plan(model: object) -> E.Changes:
        meeting = {"mentor": "cleroy", "mentee": "bpetit", "minutes": 30}
        return E.Changes([
            E.Append(("sessions",), {**meeting, "date": dt.date(2026, 2, 3)}),
            E.Append(("sessions",), {**meeting, "date": dt.date(2026, 2, 4)}),
            E.Append((*E.objective("retention"), "results"),
                     E.Flow({"date": dt.date(2026, 2, 5), "value": 90})),
        ])

    change_cohort(path, plan)
    assert transaction.last_write_method == "patch"
    new = path.read_text(encoding="utf-8")
    assert new.endswith("sessions:\n  - mentor: cleroy\n    mentee: bpetit\n    minutes: 30\n"
                        "    date: 2026-02-03\n  - mentor: cleroy\n    mentee: bpetit\n"
                        "    minutes: 30\n    date: 2026-02-04\n")
    assert "    results:\n      - {date: 2026-02-05, value: 90}\n" in new

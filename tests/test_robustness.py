"""Proof that nothing is lost: fuzzing, concurrency, crash safety, refusal of invalid files.

- Fuzzing: random YAML documents, mutated cohorts and random bytes; every read-only command
  ends with exit 0 or 2 and a message, never a traceback (exit 3).
- Concurrency: two processes append 50 sessions each to one file at once; all 100 are there.
- Crash safety: a write interrupted at any step (failed rename, failed fsync, interrupt,
  killed process) leaves the original file intact and no temporary file behind.
- Every writing command refuses an invalid file and writes nothing.

The long versions are marked `slow`; a fast version of each runs unmarked.
"""

from __future__ import annotations

import copy
import datetime as dt
import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mentorcli.store.loading import load_cohort

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parent.parent
EXAMPLE = DATA / "example.yaml"
SAMPLE = REPO / "cohorts" / "people-sample.csv"
EXAMPLE_DATA = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def invoke(args: list[Any], input: str | None = None) -> Any:
    from mentorcli.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], input=input)


def read_only_commands(path: Path, out: Path) -> list[list[Any]]:
    """Every command that reads a cohort without changing it (outputs go to `out`)."""
    sheet = out / "people.csv"
    sheet.write_text("Nom complet;Courriel;Rôle;Responsable\nAnn Lee;ann@example.com;mentoré;"
                     "amartin\n", encoding="utf-8")
    return [
        ["validate", path],
        ["validate", path, "--format", "json"],
        ["scores", path],
        ["scores", path, "--format", "csv"],
        ["explain", path, "cleroy", "bpetit"],
        ["explain", path, "amartin", "bpetit", "--format", "json"],
        ["pair", path, "--dry-run"],
        ["pair", path, "--dry-run", "--format", "json"],
        ["report", path],
        ["report", path, "--format", "json"],
        ["report", path, "--format", "html", "--anonymize"],
        ["report", path, "--format", "csv", "--as-of", "2026-06-30"],
        ["contracts", path, "--out", out / "contracts"],
        ["schedule", path, "--out", out / "calendars"],
        ["import", path, sheet, "--dry-run"],
        ["import", path, sheet, "--dry-run", "--update"],
    ]


def assert_clean(result: Any, args: list[Any]) -> None:
    """Exit 0 or 2, and no traceback anywhere."""
    output = (result.stdout or "") + (result.stderr or "")
    assert "Traceback" not in output, (args, output)
    assert result.exit_code in (0, 2), (args, result.exit_code, output, result.exception)
    if result.exit_code == 2:  # a message (on stdout for --format json)
        assert output.strip(), (args, "exit 2 without a message")


# ---------------------------------------------------------------------------- fuzzing

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12),
    st.floats(allow_nan=False, allow_infinity=True), st.text(max_size=20),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.sampled_from(["cleroy", "bpetit", "amartin", "ceo", "active", "ended", "mentor",
                     "video", "2026-02-30", "fr", "", "~", "null", "yes"]),
)
keys = st.one_of(st.text(max_size=8), st.sampled_from(
    ["version", "cohort", "participants", "pairs", "sessions", "org", "id", "name", "email",
     "role", "mentor", "mentee", "date", "minutes", "status", "capacity", "skills", "goals"]))
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children,
                                                                      max_size=5),
    max_leaves=25,
)


def _slots(node: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in list(items):
        out.append((node, key))
        if isinstance(value, (dict, list)):
            _slots(value, out)
    return out


@st.composite
def mutated_cohorts(draw: st.DrawFn) -> Any:
    """The reference example with a few random changes: close to valid, so the commands
    get past the loader and meet odd values deep inside."""
    data = copy.deepcopy(EXAMPLE_DATA)
    for _ in range(draw(st.integers(1, 4))):
        slots = _slots(data, [])
        container, key = draw(st.sampled_from(slots))
        action = draw(st.sampled_from(["replace", "replace", "delete", "add", "duplicate"]))
        if action == "replace":
            container[key] = draw(documents)
        elif action == "delete":
            del container[key]
        elif action == "add" and isinstance(container, dict):
            container[draw(keys)] = draw(documents)
        elif action == "duplicate" and isinstance(container, list):
            container.append(copy.deepcopy(container[key]))
    return data


def dump(data: Any) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, ValueError, OverflowError):
        return "version: 1\n"


inputs = st.one_of(
    mutated_cohorts().map(lambda d: dump(d).encode("utf-8")),
    documents.map(lambda d: dump(d).encode("utf-8")),
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.builds(lambda cut, junk: EXAMPLE.read_bytes()[:cut] + junk,
              st.integers(0, 4000), st.binary(max_size=20)),
)


def _fuzz_one(data: bytes, commands: Callable[[Path, Path], list[list[Any]]],
              pick: int | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cohort.yaml"
        path.write_bytes(data)
        chosen = commands(path, Path(folder))
        if pick is not None:
            chosen = [chosen[pick % len(chosen)]]
        for args in chosen:
            result = invoke(args)
            assert_clean(result, args)
            assert path.read_bytes() == data, args  # read-only means read-only


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=inputs, pick=st.integers(0, 1000))
def test_fuzz_read_only_commands_fast(data: bytes, pick: int) -> None:
    """One read-only command per generated input."""
    _fuzz_one(data, read_only_commands, pick)


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=inputs)
def test_fuzz_every_read_only_command(data: bytes) -> None:
    _fuzz_one(data, read_only_commands, None)


@pytest.mark.parametrize("data", [
    b"", b"\x00\x01", b"- a\n- b\n", b"just text", b"version: 1\n", b"\xff\xfe\x00",
    b"a: &x [*x]\n", b"version: 1\ncohort: {id: X}\n", b"\t- tab\n",
    b"version: 1\nversion: 2\n", b"key: [unclosed\n",
])
def test_known_bad_inputs_through_every_read_only_command(data: bytes) -> None:
    _fuzz_one(data, read_only_commands, None)


def test_valid_example_through_every_read_only_command(tmp_path: Path) -> None:
    path = tmp_path / "cohort.yaml"
    shutil.copyfile(EXAMPLE, path)
    for args in read_only_commands(path, tmp_path):
        result = invoke(args)
        assert result.exit_code == 0, (args, result.stderr)
    assert path.read_bytes() == EXAMPLE.read_bytes()


# ------------------------------------------------------------------------ concurrency

PAST_COHORT = textwrap.dedent("""\
    # A cohort in the past, so that `log` accepts every date whatever today is.
    version: 1
    cohort:
      id: past
      name: A past cohort
      start: 1990-01-01
      end: 2019-12-31
    participants:
      - {id: mentor-a, name: Mentor A, email: a@example.com, role: mentor, trained: 1989-12-01}
      - {id: mentee-b, name: Mentee B, email: b@example.com, role: mentee}
    pairs:
      - {mentor: mentor-a, mentee: mentee-b, status: active, started: 1990-01-01}
    sessions: []  # appended by `mentorcli log`
    """)

# One process: `mentorcli log` COUNT times, in-process (one interpreter start, many writes).
LOGGER = textwrap.dedent("""
    import datetime as dt, sys
    from mentorcli.cli import app
    path, first, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    failures = 0
    for i in range(count):
        day = dt.date(1990, 1, 2) + dt.timedelta(days=first + i)
        try:
            app(["log", path, "mentor-a", "mentee-b", "--date", day.isoformat(),
                 "--minutes", "30", "--notes", "private"], prog_name="mentorcli")
        except SystemExit as stop:
            if stop.code == 130:  # interrupted (Ctrl-C): stop like a shell loop would
                sys.exit(130)
            failures += bool(stop.code)
    sys.exit(1 if failures else 0)
""")


@pytest.fixture
def past_cohort(tmp_path: Path) -> Path:
    path = tmp_path / "cohort.yaml"
    path.write_text(PAST_COHORT, encoding="utf-8")
    return path


def _session_days(path: Path) -> list[dt.date]:
    return [s.date for s in load_cohort(path).model.sessions]


@pytest.mark.slow
def test_two_processes_logging_50_sessions_each_lose_nothing(past_cohort: Path) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", LOGGER, str(past_cohort), str(first), "50"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for first in (0, 1000)]
    codes = [p.wait(timeout=240) for p in procs]
    assert codes == [0, 0], [p.stderr.read() for p in procs]
    days = _session_days(past_cohort)
    assert len(days) == 100 and len(set(days)) == 100
    start = dt.date(1990, 1, 2)
    assert set(days) == {start + dt.timedelta(days=d) for d in [*range(50),
                                                                *range(1000, 1050)]}
    assert "# A cohort in the past" in past_cohort.read_text()
    assert invoke(["validate", past_cohort]).exit_code == 0


@pytest.mark.slow
def test_two_shells_running_the_mentorcli_executable_50_times_each(past_cohort: Path) -> None:
    """The same through the installed entry point: 100 separate `mentorcli log` processes."""
    script = textwrap.dedent("""
        import datetime as dt, subprocess, sys
        path, first = sys.argv[1], int(sys.argv[2])
        for i in range(50):
            day = dt.date(1990, 1, 2) + dt.timedelta(days=first + i)
            subprocess.run([sys.executable, "-m", "mentorcli", "log", path, "mentor-a",
                            "mentee-b", "--date", day.isoformat(), "--minutes", "45"],
                           check=True, capture_output=True)
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(past_cohort), str(first)])
             for first in (0, 500)]
    assert [p.wait(timeout=600) for p in procs] == [0, 0]
    days = _session_days(past_cohort)
    assert len(days) == 100 and len(set(days)) == 100
    assert invoke(["validate", past_cohort]).exit_code == 0


IMPORTER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from mentorcli.cli import app
    path, folder = sys.argv[1], Path(sys.argv[2])
    for i in range(25):
        sheet = folder / f"people-{i}.csv"
        sheet.write_text(f"Nom complet;Courriel;Rôle\\nPerson {i};person.{i}@example.com;mentee\\n")
        try:
            app(["import", path, str(sheet)], prog_name="mentorcli")
        except SystemExit as stop:
            if stop.code:
                sys.exit(stop.code)
""")


def test_import_and_log_at_the_same_time(past_cohort: Path, tmp_path: Path) -> None:
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    procs = [subprocess.Popen([sys.executable, "-c", LOGGER, str(past_cohort), "0", "25"]),
             subprocess.Popen([sys.executable, "-c", IMPORTER, str(past_cohort), str(sheets)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    assert [p.wait(timeout=240) for p in procs] == [0, 0]
    model = load_cohort(past_cohort).model
    assert len(model.sessions) == 25
    assert {f"person-{i}" for i in range(25)} <= {p.id for p in model.participants}


# ----------------------------------------------------------------------- crash safety


def _writing_runs(folder: Path) -> dict[str, list[Any]]:
    """A writing command of each kind, on `folder/cohort.yaml` (a copy of the example)."""
    path = folder / "cohort.yaml"
    sheet = folder / "people.csv"
    sheet.write_text("Name,Email,Role\nAnn Lee,ann@example.com,mentee\n", encoding="utf-8")
    return {
        "import": ["import", path, sheet],
        "import --update": ["import", path, sheet, "--update"],
        "forget": ["forget", path, "bpetit", "--yes"],
        "anonymize": ["anonymize", path, "--yes"],
        "log": ["log", path, "cleroy", "bpetit", "--date", "2026-03-03", "--minutes", "45"],
        "end": ["end", path, "cleroy", "bpetit", "--reason", "moved", "--date", "2026-03-03"],
        "goal": ["goal", path, "cleroy", "bpetit", "present-results", "--progress", "60"],
        "result": ["result", path, "retention", "93", "--date", "2026-03-03"],
        "sign": ["sign", path, "cleroy", "bpetit", "--by", "mentee", "--date", "2026-01-21"],
        "pair": ["pair", path],
    }


def _fail_replace(*args: Any, **kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _fail_fsync(*args: Any, **kwargs: Any) -> None:
    raise OSError(errno.EIO, "Input/output error")


def _interrupt(*args: Any, **kwargs: Any) -> None:
    raise KeyboardInterrupt


FAULTS = {"rename fails": ("replace", _fail_replace), "fsync fails": ("fsync", _fail_fsync),
          "interrupted at rename": ("replace", _interrupt)}


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("command", sorted(set(_writing_runs(Path(tempfile.gettempdir())))
                                           - {"pair"}))  # pair has nothing to write here
def test_a_failed_write_leaves_the_original_and_no_temp_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, fault: str) -> None:
    path = tmp_path / "cohort.yaml"
    shutil.copyfile(EXAMPLE, path)
    args = _writing_runs(tmp_path)[command]
    before = sorted(p.name for p in tmp_path.iterdir())
    name, replacement = FAULTS[fault]
    monkeypatch.setattr(os, name, replacement)
    result = invoke(args)
    monkeypatch.undo()
    expected = 130 if replacement is _interrupt else 2  # Ctrl-C; a clean error, not a bug
    assert result.exit_code == expected, (command, result.stdout, result.stderr)
    assert "Traceback" not in (result.stderr or "") and "bug" not in (result.stderr or "")
    assert path.read_bytes() == EXAMPLE.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_disk_full_write_is_a_clean_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    path = tmp_path / "cohort.yaml"
    shutil.copyfile(EXAMPLE, path)
    monkeypatch.setattr(os, "replace", _fail_replace)
    result = invoke(["forget", path, "bpetit", "--yes"])
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr and "bug" not in result.stderr


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _kill_while_writing(path: Path, sig: int, rounds: int, seed: int,
                        first_day: int = 0) -> list[list[str]]:
    """Start a process logging sessions in a loop and kill it with `sig` while it is
    writing: after a random number of its writes, at the moment its temporary file is
    there (between creating it and the rename). Check the file, `rounds` times. Returns
    the temp files seen after each kill."""
    rng = random.Random(seed)
    seen_days: set[dt.date] = set()
    leftovers = []
    for round_ in range(rounds):
        proc = subprocess.Popen([sys.executable, "-c", LOGGER, str(path),
                                 str(first_day + round_ * 100), "100"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        writes_to_skip = rng.randint(0, 3)
        caught = _wait_for_a_write(path, proc, writes_to_skip)
        proc.send_signal(sig)
        proc.wait(timeout=60)
        assert caught, "the writer finished before a write could be interrupted"
        days = set(_session_days(path))  # always a whole, valid file
        assert seen_days <= days  # nothing written before was lost
        seen_days = days
        leftovers.append(_temp_files(path.parent))
    return leftovers


def _wait_for_a_write(path: Path, proc: subprocess.Popen[bytes], skip: int) -> bool:
    """Poll the folder until the writer's temporary file is there for the (skip+1)th time;
    False if the writer ended first. Polling is tight: a write lasts milliseconds."""
    prefix = f".{path.name}."
    folder = str(path.parent)

    def temp_files() -> set[str]:
        return {n for n in os.listdir(folder) if n.startswith(prefix) and n.endswith(".tmp")}

    left_by_a_killed_writer = temp_files()  # not this writer's: it removes them first
    seen: set[str] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        new = temp_files() - left_by_a_killed_writer - seen
        if new:
            if len(seen) == skip:
                return True
            seen |= new
    return False


@pytest.mark.slow
def test_interrupting_a_writer_never_leaves_half_a_file_or_a_temp_file(past_cohort: Path
                                                                       ) -> None:
    """Ctrl-C during writes: the file is whole after each, and no temporary file stays.

    (The store holds SIGINT back while it creates its temporary file, so even a signal
    landing right then finds the file known and removed.)
    """
    leftovers = _kill_while_writing(past_cohort, signal.SIGINT, rounds=6, seed=7)
    assert leftovers == [[]] * len(leftovers)
    assert invoke(["validate", past_cohort]).exit_code == 0


def test_killing_a_writer_never_leaves_half_a_file(past_cohort: Path) -> None:
    """SIGKILL cannot be caught: the original is still whole and valid every time."""
    _kill_while_writing(past_cohort, signal.SIGKILL, rounds=4, seed=11)
    assert invoke(["validate", past_cohort]).exit_code == 0


@pytest.mark.slow
def test_killing_writers_many_times(past_cohort: Path) -> None:
    _kill_while_writing(past_cohort, signal.SIGKILL, rounds=40, seed=3)
    _kill_while_writing(past_cohort, signal.SIGINT, rounds=20, seed=5, first_day=5000)


def test_temp_file_of_a_killed_writer_is_gone_after_the_next_write(past_cohort: Path) -> None:
    stale = past_cohort.parent / f".{past_cohort.name}.abc123.tmp"
    stale.write_text("half a fi")
    assert invoke(["log", past_cohort, "mentor-a", "mentee-b", "--date", "1990-01-02",
                   "--minutes", "30"]).exit_code == 0
    assert _temp_files(past_cohort.parent) == []


# ------------------------------------------------------------- invalid files refused

INVALID = {
    "schema error": lambda text: text.replace("capacity: 2", "capacity: two"),
    "unknown key": lambda text: text.replace("    skills: [leadership", "    skils: [leadership"),
    "dangling reference": lambda text: text.replace("manager: amartin", "manager: nobody"),
    "yaml syntax": lambda text: text.replace("languages: [fr]", "languages: [fr"),
    "binary junk": lambda text: text[:300] + "\x00\x01\x02",
    "empty": lambda text: "",
}


@pytest.mark.parametrize("kind", sorted(INVALID))
@pytest.mark.parametrize("command", sorted(_writing_runs(Path(tempfile.gettempdir()))) +
                         ["approve", "contracts", "schedule"])
def test_every_writing_command_refuses_an_invalid_file(tmp_path: Path, command: str,
                                                       kind: str) -> None:
    path = tmp_path / "cohort.yaml"
    path.write_text(INVALID[kind](EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    extra = {"approve": ["approve", path, "--all"],
             "contracts": ["contracts", path, "--out", tmp_path / "out"],
             "schedule": ["schedule", path, "--out", tmp_path / "out"]}
    args = extra.get(command) or _writing_runs(tmp_path)[command]
    before_bytes = path.read_bytes()
    before_files = sorted(p.name for p in tmp_path.iterdir())
    result = invoke(args)
    assert result.exit_code == 2, (command, kind, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr
    assert path.read_bytes() == before_bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == before_files

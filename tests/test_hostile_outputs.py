"""Output folders and partial writes (issue 11): the documents of one run land together or not
at all, a symlinked default folder is refused, temporary files never outlive a signal."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
COHORT = REPO / "cohorts" / "mentorat-managers-2026.yaml"


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    target = tmp_path / "cohort.yaml"
    shutil.copyfile(COHORT, target)
    return target


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.tmp"))


def test_a_full_disk_writes_no_contract_and_says_so(run, cohort, tmp_path, monkeypatch):
    from mentorcli.store import files

    real = files._write_temp
    calls = []

    def full_after_three(target, data):
        calls.append(target)
        if len(calls) > 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(target, data)

    monkeypatch.setattr(files, "_write_temp", full_after_three)
    out = tmp_path / "out"
    result = run(["--lang", "en", "contracts", cohort, "--out", out])
    assert result.exit_code == 2
    assert result.stderr == (f"{calls[3]}: cannot be written: No space left on device; none of "
                             "the 6 files was written\n")
    assert not out.exists() or list(out.iterdir()) == []
    assert temp_files(tmp_path) == []


def test_a_full_disk_leaves_earlier_contracts_as_they_were(run, cohort, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert run(["--lang", "en", "contracts", cohort, "--out", out]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    cohort.write_text(cohort.read_text(encoding="utf-8").replace(
        "Mentorat des managers 2026", "Mentorat des managers 2026 (v2)"), encoding="utf-8")
    from mentorcli.store import files

    real = files._write_temp
    count = iter(range(100))

    def full_at_the_fifth(target, data):
        if next(count) == 4:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(target, data)

    monkeypatch.setattr(files, "_write_temp", full_at_the_fifth)
    result = run(["--lang", "en", "contracts", cohort, "--out", out])
    assert result.exit_code == 2
    assert result.stderr.endswith("none of the 6 files was written\n")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("command", ["contracts", "schedule"])
def test_a_symlinked_default_output_folder_is_refused(run, cohort, tmp_path, command):
    kind = "contracts" if command == "contracts" else "calendars"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / kind).mkdir()
    link = tmp_path / kind / "mentorat-managers-2026"
    link.symlink_to(elsewhere, target_is_directory=True)
    result = run(["--lang", "en", command, cohort])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{link}: is a symbolic link (to {elsewhere}); mentorcli does not write its {kind} "
        "through a link into another folder: remove the link, or name the folder you want "
        "with --out\n")
    assert list(elsewhere.iterdir()) == []


def test_a_symlinked_parent_of_the_default_folder_is_refused(run, cohort, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "contracts").symlink_to(elsewhere, target_is_directory=True)
    result = run(["--lang", "en", "contracts", cohort])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path / 'contracts'}: is a symbolic link")
    assert list(elsewhere.iterdir()) == []


SIGNALLED = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from mentorcli.store import files

    folder = Path(sys.argv[1])
    which = getattr(signal, sys.argv[2])
    real_fsync = os.fsync
    written = []

    def fsync_then_signal(fd):
        real_fsync(fd)
        written.append(fd)
        if len(written) == 3:  # one: the second write (a write syncs the file, then the folder)
            os.kill(os.getpid(), which)

    os.fsync = fsync_then_signal
    if sys.argv[3] == "many":
        files.atomic_write_many([(folder / f"doc{i}.md", b"personal data") for i in range(5)])
    else:
        files.atomic_write_bytes(folder / "cohort.yaml", b"x")
        files.atomic_write_bytes(folder / "cohort.yaml", b"personal data")
""")


@pytest.mark.parametrize("which", ["SIGTERM", "SIGINT", "SIGHUP"])
@pytest.mark.parametrize("writer", ["many", "one"])
def test_temporary_files_are_removed_when_the_process_is_told_to_stop(tmp_path, which, writer):
    folder = tmp_path / "out"
    folder.mkdir()
    result = subprocess.run([sys.executable, "-c", SIGNALLED, str(folder), which, writer],
                            capture_output=True, text=True, timeout=60)
    expected = {"SIGTERM": 128 + signal.SIGTERM, "SIGHUP": 128 + signal.SIGHUP}
    if which in expected:
        assert result.returncode == expected[which], result.stderr
    else:
        assert result.returncode != 0
    assert temp_files(folder) == []
    if writer == "many":
        assert list(folder.iterdir()) == []  # none of the five landed
    else:
        assert (folder / "cohort.yaml").read_bytes() == b"x"


def test_temporary_files_are_named_so_a_gitignore_line_hides_them(tmp_path):
    from mentorcli.store import files

    made = []
    real = files._write_temp

    def spy(target, data):
        name = real(target, data)
        made.append(Path(name).name)
        return name

    files._write_temp = spy
    try:
        files.atomic_write_bytes(tmp_path / "cohort.yaml", b"x")
    finally:
        files._write_temp = real
    assert len(made) == 1 and made[0].startswith(".cohort.yaml.") and made[0].endswith(".tmp")

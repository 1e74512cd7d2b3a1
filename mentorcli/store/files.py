"""Files on disk: the lock, atomic replacement, temporary files. No YAML here.

Every write goes to a temporary file in the same folder, then an atomic rename, under a lock
on the folder, so two commands at once lose nothing and a crash never leaves half a file.
Temporary files are named `.NAME.XXXXXXXX.tmp` next to NAME; they are removed when the write
fails, on Ctrl-C (SIGINT), SIGTERM and SIGHUP; only SIGKILL can leave one, and the next
write of NAME removes it (a `.gitignore` line `.*.tmp` keeps them out of `git add .`).
`atomic_write_many` writes several files so that all land, or none: the documents of one run.
"""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mentorcli.errors import InputFileError
from mentorcli.i18n import _, ngettext

# ----------------------------------------------------------------------------- locking


@contextlib.contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold an exclusive lock for changing `path`.

    On POSIX the lock is taken on the file's folder (flock), which leaves no lock file
    behind in the coordinator's repository. Elsewhere a `.NAME.lock` file is used.
    """
    target = Path(path).resolve()
    folder = target.parent
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        from filelock import FileLock

        with FileLock(str(folder / f".{target.name}.lock")):
            yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as error:
        raise InputFileError(target, _("no such file; check the path") if isinstance(
            error, FileNotFoundError) else _("cannot be locked: {reason}").format(
                reason=error.strerror or error)
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


# ------------------------------------------------------------------------ atomic writes


def remove_stale_temp_files(path: Path) -> None:
    """Temporary files of a writer that was killed: under the lock, nobody else owns them."""
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Replace `path` with `data` in one step: temp file in the same folder, fsync, rename."""
    target = Path(path)
    temp_name = ""
    try:
        with _cleanup_on_termination():
            temp_name = _write_temp(target, data)
            os.replace(temp_name, target)
    except OSError as error:
        _discard_live()
        raise InputFileError(target, _("cannot be written: {reason}; nothing was changed")
                             .format(reason=error.strerror or error)) from None
    except BaseException:
        # Ctrl-C can land between two bytecodes, even before `temp_name` is assigned: every
        # temporary file of this process is a write being abandoned now.
        _discard_live()
        raise
    _fsync_folder(target.parent)


def _write_temp(target: Path, data: bytes) -> str:
    """A temporary file next to `target` holding `data` (synced, with `target`'s mode)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with _signals_held():  # Ctrl-C cannot land between creating the file and knowing it
        fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".tmp")
        _LIVE_TEMPS.add(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp_name, target.stat().st_mode & 0o7777)
        if not target.exists():
            os.chmod(temp_name, 0o666 & ~_umask())
    except BaseException:
        _discard(temp_name)
        raise
    return temp_name


def atomic_write_many(outputs: list[tuple[Path, bytes]]) -> None:
    """Write every (path, data) so that all files land or none does.

    Each is first written to a temporary file next to it; only when all are written (a full
    disk shows here) are they renamed into place, one rename each. On an error every
    temporary file is removed and InputFileError says that none was written.
    """
    temps: list[tuple[str, Path]] = []
    try:
        with _cleanup_on_termination():
            for target, data in outputs:
                try:
                    temps.append((_write_temp(Path(target), data), Path(target)))
                except OSError as error:
                    raise InputFileError(target, ngettext(
                        "cannot be written: {reason}; none of the {count} files was written",
                        "cannot be written: {reason}; none of the {count} files was written",
                        len(outputs)).format(reason=error.strerror or error,
                                             count=len(outputs))) from None
            with _signals_held():  # the renames are not interrupted half way
                for done, (temp_name, target) in enumerate(temps):
                    try:
                        os.replace(temp_name, target)
                    except OSError as error:
                        raise InputFileError(target, ngettext(
                            "cannot be written: {reason}; {done} of the {count} files were "
                            "written before it, the others not",
                            "cannot be written: {reason}; {done} of the {count} files were "
                            "written before it, the others not",
                            done).format(reason=error.strerror or error, done=done,
                                         count=len(outputs))) from None
                    _LIVE_TEMPS.discard(temp_name)
    finally:
        for temp_name, _target in temps:
            _discard(temp_name)
        _discard_live()  # one created but not yet in `temps` when a signal landed
    for folder in {Path(target).parent for target, _data in outputs}:
        _fsync_folder(folder)


def _discard(temp_name: str) -> None:
    if temp_name:
        _LIVE_TEMPS.discard(temp_name)
        with contextlib.suppress(OSError):
            os.unlink(temp_name)


def _discard_live() -> None:
    """Remove every temporary file this process is writing (a write is being abandoned)."""
    for temp_name in list(_LIVE_TEMPS):
        _discard(temp_name)


# Temporary files being written now: removed if the process is told to stop.
_LIVE_TEMPS: set[str] = set()


class Terminated(SystemExit):
    """SIGTERM or SIGHUP arrived: unwinds like an exit, so every temporary file is removed."""


@contextlib.contextmanager
def _cleanup_on_termination() -> Iterator[None]:
    """While temporary files exist, SIGTERM and SIGHUP end the process through Python (exit
    143 or 129) rather than at once, so the writers' cleanup runs. SIGINT already does
    (KeyboardInterrupt). Only in the main thread; the previous handlers come back after."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, _frame: object) -> None:
        for temp_name in list(_LIVE_TEMPS):
            _discard(temp_name)
        raise Terminated(128 + number)

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {}
    for number in wanted:
        try:
            previous[number] = signal.signal(number, stop)
        except (ValueError, OSError):  # pragma: no cover - not allowed here
            continue
    try:
        yield
    finally:
        for number, handler in previous.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(number, handler)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back for a moment; they are delivered when it ends."""
    import signal
    import threading

    if not hasattr(signal, "pthread_sigmask") or \
            threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def atomic_write_text(path: str | Path, text: str) -> None:
    """`atomic_write_bytes` for UTF-8 text, newlines kept as given."""
    atomic_write_bytes(path, text.encode("utf-8"))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def create_text(path: str | Path, text: str) -> None:
    """Write a new file; refuse (FileExistsError) if something is already there."""
    target = Path(path)
    with locked(target):
        if target.exists():
            raise FileExistsError(str(target))
        atomic_write_text(target, text)

"""Files on disk: the lock, atomic replacement, temporary files. No YAML here.

Every write goes to a temporary file in the same folder, then an atomic rename, under a lock
on the folder, so two commands at once lose nothing and a crash never leaves half a file.
"""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mentorcli.errors import InputFileError

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
        raise InputFileError(target, "no such file; check the path" if isinstance(
            error, FileNotFoundError) else f"cannot be locked: {error.strerror or error}"
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
        target.parent.mkdir(parents=True, exist_ok=True)
        with _signals_held():  # Ctrl-C cannot land between creating the file and knowing it
            fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                             suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp_name, target.stat().st_mode & 0o7777)
        if not target.exists():
            os.chmod(temp_name, 0o666 & ~_umask())
        os.replace(temp_name, target)
    except OSError as error:
        _discard(temp_name)
        raise InputFileError(target, f"cannot be written: {error.strerror or error}; nothing "
                                     "was changed") from None
    except BaseException:
        _discard(temp_name)
        raise
    _fsync_folder(target.parent)


def _discard(temp_name: str) -> None:
    if temp_name:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)


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

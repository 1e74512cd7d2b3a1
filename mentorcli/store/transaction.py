"""One way to change a cohort file: a transaction.

    with Cohort.open(path) as tx:          # lock, read and parse once, validate
        changes = domain_function(tx.model, ...)
        tx.apply(changes.edits)            # edits as data (mentorcli.store.edits)
    # on leaving the block: patch the text, check it once, write atomically

or, in one call, `change_cohort(path, plan)` where `plan(model)` returns `Changes`.

What the transaction guarantees:
- the lock is taken once (`files.locked`), the file is read and parsed once;
- the edits are applied as text patches on the original text (`mentorcli.store.patch`):
  comments, blank lines, quoting and key order elsewhere are untouched; only a layout the
  patcher cannot place goes through a ruamel round trip (`mentorcli.store.writing`);
- the new text is parsed once and must hold exactly the intended data (`edits.apply_edits`)
  and validate; otherwise nothing is written;
- before the atomic rename the file must still be the one that was read (size, mtime,
  content hash): a save by an editor or a `git pull` meanwhile is never overwritten;
- a read-only file is refused, and the file's mode is kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from mentorcli.errors import InputFileError, InvalidCohortError
from mentorcli.i18n import _
from mentorcli.model import CohortFile
from mentorcli.store import edits as E
from mentorcli.store.loading import load_cohort_text, place_issues

T = TypeVar("T")

# How the last transaction of this process wrote (for the benchmark and the tests):
# "none", "append" (text insertion at the end of top-level lists), "patch", "round-trip".
last_write_method = "none"


@dataclass(frozen=True)
class FileState:
    """What a file was when it was read: changed size, mtime or content means changed."""

    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def of(cls, data: bytes, info: os.stat_result) -> FileState:
        return cls(info.st_size, info.st_mtime_ns, hashlib.sha256(data).hexdigest())


class FileChangedError(InputFileError):
    """The file changed on disk while the command worked on it."""


@dataclass
class Transaction:
    """An open cohort: its text and model as read; the edits to apply when it closes."""

    path: Path  # as the user named it (messages)
    real: Path  # the file written (symlinks followed)
    text: str
    bom: str
    state: FileState
    data: Any
    model: CohortFile
    edits: list[E.Edit] = field(default_factory=list)

    def apply(self, edits: Iterable[E.Edit]) -> None:
        """Queue edits; they are written when the transaction closes without an error."""
        self.edits.extend(edits)

    def commit(self) -> bool:
        """Write the queued edits; False when they change nothing."""
        global last_write_method
        if not self.edits:
            last_write_method = "none"
            return False
        intended = E.apply_edits(self.data, self.edits)
        if intended == self.data:
            last_write_method = "none"
            return False
        new_text, method = _new_text(self, intended)
        last_write_method = method
        if new_text is None:
            return False
        _refuse_if_changed(self)
        from mentorcli.store.files import atomic_write_text

        atomic_write_text(self.real, self.bom + new_text)
        return True


class Cohort:
    """Opening a cohort file for change (see the module docstring)."""

    @staticmethod
    @contextlib.contextmanager
    def open(path: str | Path) -> Iterator[Transaction]:
        from mentorcli.store.files import locked, remove_stale_temp_files

        shown = Path(path)
        real = shown.resolve()  # a symlinked cohort file: change the file it points to
        with locked(real):
            remove_stale_temp_files(real)
            tx = _read(shown, real)
            yield tx
            tx.commit()


def change_cohort(path: str | Path, plan: Callable[[CohortFile], E.Changes]) -> Any:
    """Open, let `plan(model)` say the changes, write them; returns the changes' result."""
    with Cohort.open(path) as tx:
        changes = plan(tx.model)
        tx.apply(changes.edits)
    return changes.result


# ------------------------------------------------------------------------ reading


def _read(shown: Path, real: Path) -> Transaction:
    from mentorcli.store.reading import decode_text, read_bytes

    _refuse_read_only(shown, real)
    try:
        info = os.stat(real)  # before reading: a change after it shows as a new mtime
    except OSError:
        read_bytes(shown)  # says in words why the file cannot be read
        raise
    data = read_bytes(shown)
    text = decode_text(data, shown)
    bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
    loaded = load_cohort_text(text, shown)
    return Transaction(shown, real, text, bom, FileState.of(data, info), loaded.data,
                       loaded.model)


def _refuse_read_only(shown: Path, real: Path) -> None:
    try:
        info = os.stat(real)
    except OSError:
        return  # reading says why
    if stat.S_ISREG(info.st_mode) and (not info.st_mode & 0o222 or not os.access(real, os.W_OK)):
        raise InputFileError(shown, _(
            "is read-only (mode {mode}); nothing was changed. Make it writable (chmod u+w) if "
            "it should be changed").format(mode=f"{stat.S_IMODE(info.st_mode):o}"))


def _refuse_if_changed(tx: Transaction) -> None:
    """The file on disk must still be the one read (size, mtime, then content)."""
    try:
        info = os.stat(tx.real)
        same = info.st_size == tx.state.size and info.st_mtime_ns == tx.state.mtime_ns
        if same:
            return
        with open(tx.real, "rb") as handle:
            data = handle.read(tx.state.size + 1)
        if len(data) == tx.state.size and \
                hashlib.sha256(data).hexdigest() == tx.state.digest:
            return  # touched, not changed
    except OSError:
        pass
    raise FileChangedError(tx.path, _(
        "changed on disk while mentorcli was working on it (an editor, a git pull?); nothing "
        "was written. Run the command again"))


# ------------------------------------------------------------------------ writing


def _new_text(tx: Transaction, intended: Any) -> tuple[str | None, str]:
    """The text to write and how it was made; every candidate is checked against `intended`."""
    from mentorcli.store import patch, writing

    edits = E.expand_renames(tx.data, tx.edits)
    candidates: list[tuple[str, Callable[[], str | None]]] = []
    if all(isinstance(e, E.Append) and len(e.at) == 1 for e in edits):
        candidates.append(("append", lambda: writing.append_text(tx.text, edits, tx.data)))
    candidates.append(("patch", lambda: patch.patch_text(tx.text, tx.data, edits)))
    for method, make in candidates:
        new_text = make()
        if new_text is not None and _holds(new_text, intended, tx.path):
            return new_text, method
    new_text = writing.round_trip_edits(tx.text, tx.path, edits)
    return new_text, "round-trip"


def _holds(new_text: str, intended: Any, path: Path) -> bool:
    """Whether `new_text` parses to exactly `intended`; if so it must also validate."""
    from mentorcli.store.reading import gc_paused, parse_yaml
    from mentorcli.validation import check_document

    try:
        data = parse_yaml(new_text, path)
    except InputFileError:
        return False
    if data != intended:
        return False
    with gc_paused():
        _, issues = check_document(data)
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        raise InvalidCohortError(place_issues(errors, new_text, path))
    return True

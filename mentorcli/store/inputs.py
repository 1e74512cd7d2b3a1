"""Reading a file the user named, with an error in words for everything that can go wrong."""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import BinaryIO

from mentorcli.errors import InputFileError
from mentorcli.i18n import _, decimal

MEGABYTE = 1024 * 1024
_CHUNK = 4 * MEGABYTE


def env_number(name: str, default: float) -> float:
    """A limit from the environment variable `name`, or `default`.

    A value that is not a number, not finite (`inf`, `nan`) or negative means the default.
    Every limit of mentorcli is read this way (see docs/limits.md).
    """
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    if not math.isfinite(value) or value < 0:
        return default
    return value


def read_input_bytes(path: str | Path, what: str, expected: str, limit: int,
                     limit_hint: str = "") -> bytes:
    """The bytes of `path`, or an InputFileError: missing, a folder, unreadable, too big.

    `what` names the kind of file ("a cohort file"), `expected` what to name instead of a
    folder ("a .yaml file"), `limit` the largest size read: English sentences marked with
    `N_` by the caller, translated here. A regular file's size is checked
    before reading; anything else (/dev/zero, a pipe) is read up to `limit` and refused
    beyond it, so an endless stream never fills the memory.
    """
    p = Path(path)
    try:
        if p.is_dir():
            raise InputFileError(p, _("is a directory, not {what}; name {expected}").format(
                what=_(what), expected=_(expected)))
        size = p.stat().st_size
        if size > limit:
            raise InputFileError(p, _("is {size} MB, larger than the {limit} MB {what} may be"
                                      "{hint}").format(
                size=decimal(f"{size / MEGABYTE:.0f}"), limit=_megabytes(limit),
                what=_(what), hint=_(limit_hint) if limit_hint else ""))
        with p.open("rb") as handle:
            return _read_at_most(handle, size, limit, p, what, limit_hint)
    except FileNotFoundError:
        raise InputFileError(p, _("no such file; check the path")) from None
    except PermissionError:
        raise InputFileError(p, _("cannot be read: permission denied")) from None
    except OSError as error:
        raise InputFileError(p, _("cannot be read: {reason}").format(
            reason=error.strerror or error)) from None


def _read_at_most(handle: BinaryIO, size: int, limit: int, path: Path, what: str,
                  limit_hint: str) -> bytes:
    """All of `handle`, read in bounded chunks: a size that lied cannot take the memory."""
    chunks = [handle.read(min(size, limit) + 1)]
    total = len(chunks[0])
    while chunks[-1] and total <= limit:
        chunks.append(handle.read(min(_CHUNK, limit + 1 - total)))
        total += len(chunks[-1])
    if total > limit:
        raise InputFileError(path, _("is larger than the {limit} MB {what} may be{hint}").format(
            limit=_megabytes(limit), what=_(what), hint=_(limit_hint) if limit_hint else ""))
    return b"".join(chunks)


def _megabytes(limit: int) -> str:
    """50 for 50 MB, 1.5, 0.001 for a kilobyte: never a misleading '0 MB'."""
    value = limit / MEGABYTE
    if value < 1:
        return decimal(f"{value:.2g}")
    return decimal(f"{value:.1f}".rstrip("0").rstrip("."))


"""Reading a file the user named, with an error in words for everything that can go wrong."""

from __future__ import annotations

from pathlib import Path

from mentorcli.errors import InputFileError

MEGABYTE = 1024 * 1024


def read_input_bytes(path: str | Path, what: str, expected: str, limit: int,
                     limit_hint: str = "") -> bytes:
    """The bytes of `path`, or an InputFileError: missing, a folder, unreadable, too big.

    `what` names the kind of file ("a cohort file"), `expected` what to name instead of a
    folder ("a .yaml file"), `limit` the largest size read, checked before reading.
    """
    p = Path(path)
    try:
        if p.is_dir():
            raise InputFileError(p, f"is a directory, not {what}; name {expected}")
        size = p.stat().st_size
        if size > limit:
            raise InputFileError(p, f"is {size / MEGABYTE:.0f} MB, larger than the "
                                    f"{limit // MEGABYTE} MB {what} may be{limit_hint}")
        return p.read_bytes()
    except FileNotFoundError:
        raise InputFileError(p, "no such file; check the path") from None
    except PermissionError:
        raise InputFileError(p, "cannot be read: permission denied") from None
    except OSError as error:
        raise InputFileError(p, f"cannot be read: {error.strerror or error}") from None

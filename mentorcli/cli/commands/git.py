"""Git commands: merge-file, the merge driver for cohort files (see docs/git.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from mentorcli import i18n
from mentorcli.cli.app import app, fail
from mentorcli.cli.output import say
from mentorcli.errors import ExitCode, UsageError
from mentorcli.i18n import _

# arguments whose type ruff does not know immutable (B008)
_BASE = typer.Argument(..., metavar="BASE", show_default=False,
                       help=_("The common ancestor (git's %O)."))
_OURS = typer.Argument(..., metavar="OURS", show_default=False,
                       help=_("Our version (git's %A); the result is written here."))
_THEIRS = typer.Argument(..., metavar="THEIRS", show_default=False,
                         help=_("Their version (git's %B)."))


@app.command("merge-file", help=_(
    "Merge two versions of a cohort file entry by entry, as a git merge driver.\n\n"
    "Meetings logged, pairs approved and people added on both branches merge without "
    "conflict; the same value changed both ways is left between conflict markers. Writes the "
    "result into OURS; exit 0 when clean, 1 when a person must look."))
def merge_file(
    base: Path = _BASE,
    ours: Path = _OURS,
    theirs: Path = _THEIRS,
    marker_size: int = typer.Option(7, "--marker-size", metavar="N",
                                    help=_("Length of the conflict markers (git's %L).")),
    name: str | None = typer.Option(None, "--name", metavar="PATH", show_default=False,
                                    help=_("The file's path in the repository (git's %P), "
                                           "for messages.")),
) -> None:
    from mentorcli.merge import MergeError, merge_texts

    shown = name or str(ours)
    texts = [_read(path) for path in (base, ours, theirs)]
    # what the driver says is about this cohort: in its language (ours, else theirs)
    code = i18n.sniff_language(texts[1]) or i18n.sniff_language(texts[2])
    if code is not None:
        i18n.set_cohort_language(code)
    try:
        result = merge_texts(*texts, marker_size=marker_size)
    except MergeError as error:
        say(_("{file}: not merged entry by entry ({problem}); merging the lines instead")
            .format(file=shown, problem=error))
        raise fail(ExitCode(_merge_lines(base, ours, theirs, marker_size))) from None
    _write(ours, result.text)
    for conflict in result.conflicts:
        say(_("{file}: conflict at {conflict}").format(file=shown,
                                                       conflict=conflict.describe()))
    if result.conflicts:
        raise fail()
    problems = _problems(result.text)
    if problems:
        say(_("{file}: merged without conflict, but the result does not validate:").format(
            file=shown))
        for line in problems:
            say(f"  {line}")
        raise fail()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(_("{file}: cannot be read: {reason}").format(
            file=path, reason=getattr(error, "strerror", None) or error)) from None


def _write(path: Path, text: str) -> None:
    from mentorcli.store.files import atomic_write_text

    atomic_write_text(path, text)


def _problems(text: str) -> list[str]:
    """The validation errors of the merged text (as 'LINE:COL: message')."""
    from mentorcli.errors import InputFileError, InvalidCohortError
    from mentorcli.store.loading import load_cohort_text

    try:
        load_cohort_text(text, "merged")
    except InvalidCohortError as error:
        return [line.removeprefix("merged:") for line in error.lines()]
    except InputFileError as error:
        return [line.removeprefix("merged:") for line in error.lines()]
    return []


def _merge_lines(base: Path, ours: Path, theirs: Path, marker_size: int) -> int:
    """git's own line merge, when the versions cannot be read as data: 0 clean, 1 conflicts."""
    import subprocess

    try:
        done = subprocess.run(["git", "merge-file", f"--marker-size={marker_size}",
                               "-L", "ours", "-L", "base", "-L", "theirs",
                               str(ours), str(base), str(theirs)], check=False)
    except OSError:
        return 1
    return 0 if done.returncode == 0 else 1

"""The Typer application and the one place that turns errors into messages and exit codes.

Command modules in `mentorcli.cli.commands` register their commands on `app`; `mentorcli.cli`
imports them all. Nothing heavy is imported here: `mentorcli --help` must stay fast.
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

import typer
from typer.core import TyperGroup

from mentorcli import __version__, runtime
from mentorcli.errors import ExitCode, InputFileError, MentorcliError


def report_error(error: MentorcliError) -> None:
    """Print a user error on stderr, one finding a line, no traceback."""
    from mentorcli.text_safety import escape_controls

    for line in error.lines():
        for part in line.split("\n"):
            typer.echo(escape_controls(part, one_line=True), err=True)


def _trace_write() -> None:
    """With MENTORCLI_WRITE_TRACE set, say on stderr how the cohort file was written
    (`append`, `patch`, `round-trip` or `none`): for bench/bench_write.py and debugging."""
    if os.environ.get("MENTORCLI_WRITE_TRACE"):
        from mentorcli.store import transaction

        typer.echo(f"mentorcli-write: {transaction.last_write_method}", err=True)


class MentorcliGroup(TyperGroup):
    """Runs a command and translates what escapes it: the CLI's single error boundary."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _with_examples(self.commands)

    def invoke(self, ctx: typer.Context) -> Any:
        from mentorcli import i18n

        i18n.reset()  # --lang and the cohort's language are per invocation
        try:
            try:
                return super().invoke(ctx)
            finally:
                runtime.stdout().flush()  # a closed pipe shows here, not at interpreter exit
                _trace_write()
        except BrokenPipeError:
            _silence_closed_pipes()  # `mentorcli validate --format json f | head -1`
            ctx.exit(int(ExitCode.BROKEN_PIPE))
        except MentorcliError as error:
            report_error(error)
            ctx.exit(int(error.exit_code))
        except typer.BadParameter as error:
            unreadable = _unreadable_path(error)
            if unreadable is None:
                raise
            report_error(InputFileError(unreadable, i18n._("cannot be read: permission denied")))
            ctx.exit(int(ExitCode.BAD_INPUT))
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except KeyboardInterrupt:
            typer.echo(i18n._("mentorcli: interrupted; nothing was written."), err=True)
            ctx.exit(int(ExitCode.INTERRUPTED))
        except Exception as error:  # noqa: BLE001 - the last resort, by design
            if os.environ.get("MENTORCLI_DEBUG"):
                raise
            typer.echo(i18n._(
                "mentorcli: internal error ({error}). This is a bug; run again with "
                "MENTORCLI_DEBUG=1 to see the traceback and report it.").format(
                    error=f"{type(error).__name__}: {_first_line(error)}"), err=True)
            ctx.exit(int(ExitCode.BUG))


def _unreadable_path(error: typer.BadParameter) -> str | None:
    """The file named in Click's "path 'X' is not readable", said as every bad file is."""
    import re

    found = re.fullmatch(r"(?:\w+ )?'(.*)' is not readable\.?", error.message.strip(), re.S)
    return found.group(1) if found else None


def _silence_closed_pipes() -> None:
    """The reader of our output went away: send what is left to /dev/null and say nothing.

    Without this, Python's final flush of stdout fails again at exit and prints a warning.
    """
    for stream in (sys.stdout, sys.stderr):
        _point_at_devnull(stream)


def _point_at_devnull(stream: TextIO) -> None:
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests capture output)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else ""


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"mentorcli {__version__}")
        raise typer.Exit()


#: Options named so take a day (YYYY-MM-DD) or a folder: their metavar says so.
DATE_OPTIONS = frozenset({"date", "as_of", "start", "due", "before", "follow_up"})
FOLDER_OPTIONS = frozenset({"out", "out_dir", "folder"})

#: One example for each command's --help (the tests parse each with its command).
EXAMPLES = {
    "validate": "mentorcli validate cohorts/*.yaml --strict",
    "init": "mentorcli init mentorat-2027.yaml --language fr --kind reverse --start 2027-01-11",
    "schema": "mentorcli schema > cohort.schema.json",
    "pair": "mentorcli pair cohort.yaml --dry-run --history cohort-2025.yaml",
    "explain": "mentorcli explain cohort.yaml amartin jdupont",
    "scores": "mentorcli scores cohort.yaml --format xlsx > scores.xlsx",
    "contracts": "mentorcli contracts cohort.yaml --format html --pair amartin:jdupont",
    "sign": "mentorcli sign cohort.yaml amartin jdupont --by mentee --date 2026-02-03",
    "schedule": "mentorcli schedule cohort.yaml --pair amartin:jdupont",
    "approve": "mentorcli approve cohort.yaml --all --date 2026-02-02",
    "log": "mentorcli log cohort.yaml amartin jdupont --date 2026-03-03 --minutes 60 "
           "--mode video",
    "goal": "mentorcli goal cohort.yaml amartin jdupont delegation --progress 80",
    "end": 'mentorcli end cohort.yaml amartin jdupont --reason "mentee moved to Lyon"',
    "result": "mentorcli result cohort.yaml retention 93 --date 2026-06-30",
    "report": "mentorcli report cohort.yaml --month 2026-05 --format xlsx -o may.xlsx",
    "import": "mentorcli import cohort.yaml people.csv --role mentee --dry-run",
    "forget": "mentorcli forget cohort.yaml jdupont",
    "anonymize": "mentorcli anonymize cohort.yaml --before 2025-01-01",
    "survey": "mentorcli survey cohort.yaml mid-mentee --format xlsx -o mid-mentee.xlsx",
    "answers": "mentorcli answers cohort.yaml mid-mentee forms-export.xlsx",
    "supervise": "mentorcli supervise cohort.yaml amartin --date 2026-04-02 --minutes 45 "
                 "--topic boundaries",
    "train": 'mentorcli train cohort.yaml amartin bmuller --date 2026-01-20 '
             '--title "Mentor workshop"',
    "concern": "mentorcli concern cohort.yaml c-01 --mentor amartin --mentee jdupont "
               "--severity medium --follow-up 2026-05-01",
    "outcomes": "mentorcli outcomes cohort.yaml hr-export.csv",
    "evaluate": "mentorcli evaluate cohort.yaml --format html -o evaluation.html",
    "merge-file": "mentorcli merge-file base.yaml ours.yaml theirs.yaml   (as git's merge "
                  "driver: docs/git.md)",
}


def _with_examples(commands: dict[str, Any]) -> None:
    """End each command's --help with its example (kept on one line)."""
    for name, command in commands.items():
        example = EXAMPLES.get(name)
        if example and not command.epilog:
            command.epilog = f"\b\nExample:\n  {example}"


def _readable_help() -> None:
    """Usage lines and help with the metavars people know (`report [OPTIONS] FILE`,
    `--output FILE`, `--format [table|json]`) instead of typer's `{file}`, `<path>`,
    `<list[Path]>` and `<str>`; a command's own metavar (DATE, MENTOR) wins."""
    import enum
    from pathlib import Path

    from typer import core

    def argument_name(self: Any) -> str:
        name = self.metavar or (self.name or "").upper()
        return name + ("..." if self.nargs != 1 and not name.endswith("...") else "")

    def usage_name(self: Any) -> str:
        return argument_name(self) if self.required else f"[{argument_name(self)}]"

    def option_type(self: Any, ctx: Any) -> str:
        desc = self.type_descriptor
        if desc.is_choice:
            return "[" + "|".join(str(c.value if isinstance(c, enum.Enum) else c)
                                  for c in desc.choices or ()) + "]"
        inner = desc.annotation
        kinds = {inner, *getattr(inner, "__args__", ())}
        if desc.is_path or Path in kinds:
            return "FOLDER" if self.name in FOLDER_OPTIONS else "FILE"
        if self.name in DATE_OPTIONS:
            return "DATE"
        if self.name == "month":
            return "YYYY-MM"
        if int in kinds:
            return "N"
        if float in kinds:
            return "NUMBER"
        return "TEXT"

    try:
        core.TyperArgument._rich_display_name = argument_name  # type: ignore[method-assign]
        core.TyperArgument._usage_display_name = usage_name  # type: ignore[method-assign]
        core.TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore
        core.TyperOption.display_type = option_type  # type: ignore[method-assign]
    except AttributeError:  # pragma: no cover - another typer: its own help stays
        pass


_readable_help()

app = typer.Typer(
    cls=MentorcliGroup,
    name="mentorcli",
    help="Run workplace mentoring cohorts kept in YAML files: validate, pair, contract, "
    "log and report.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True,
        help="Print the version and exit.",
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q",
        help="No messages or progress on stderr; errors and data still show.",
    ),
    lang: str | None = typer.Option(
        None, "--lang", metavar="LANG",
        help="Language of messages and documents: en, fr. Default: MENTORCLI_LANG, then the "
        "cohort's language, then the locale (docs/languages.md).",
    ),
) -> None:
    """Run workplace mentoring cohorts kept in YAML files."""
    from mentorcli.cli import output

    output.QUIET = quiet
    if lang is not None:
        _set_language(lang)


def _set_language(code: str) -> None:
    """--lang: a language with a catalog, or a usage error naming those there are."""
    from mentorcli import i18n
    from mentorcli.errors import UsageError

    try:
        i18n.set_cli_language(i18n.check_language(code))
    except ValueError:
        raise UsageError(i18n._("--lang {code}: no such language; use one of {known}").format(
            code=code, known=", ".join(i18n.available_languages()))) from None


def fail(code: ExitCode = ExitCode.FOUND) -> typer.Exit:
    """The exception a command raises to end with a non-zero code after printing."""
    return typer.Exit(int(code))


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
from mentorcli.i18n import N_


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

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        """One invocation: its language starts from nothing, and a `--lang` before the command
        counts before Click parses anything (`mentorcli --lang fr --help` is French, and so
        are Click's usage errors)."""
        from mentorcli import i18n

        i18n.reset()
        _language_from_argv(sys.argv[1:] if args is None else [str(a) for a in args])
        try:
            return super().main(args, *rest, **kwargs)
        finally:
            i18n.reset()

    def invoke(self, ctx: typer.Context) -> Any:
        from mentorcli import i18n  # --lang and the cohort's language: reset by `main`

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


def _language_from_argv(argv: list[str]) -> None:
    """Set `--lang X` / `--lang=X` found before the command (a language with no catalog is
    left to the option's own check, which refuses it), and the language of the cohort file the
    command names, from its `language:` line, so that what is said before the command loads
    the cohort (Click's usage errors, a bad option value) is in the cohort's language too."""
    from mentorcli import i18n

    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            code = argv[index + 1]
        elif word.startswith("--lang="):
            code = word.split("=", 1)[1]
        elif word.startswith("-") and word != "-":
            continue
        else:  # the command: what follows is its own
            i18n.set_cohort_language(_cohort_language_in(argv[index + 1:]))
            return
        try:
            i18n.set_cli_language(i18n.check_language(code))
        except ValueError:
            pass


#: Options whose value is a YAML file that is not the cohort (`pair --history old.yaml`).
_OTHER_YAML_OPTIONS = frozenset({"--history", "--mapping", "--template", "--output", "-o",
                                 "--out"})


def _cohort_language_in(words: list[str]) -> str | None:
    """The `language:` of the first existing YAML file among a command's arguments."""
    from mentorcli import i18n

    for index, word in enumerate(words):
        if not word.lower().endswith((".yaml", ".yml")) or word.startswith("-"):
            continue
        if index and words[index - 1] in _OTHER_YAML_OPTIONS:
            continue
        return i18n.sniff_file_language(word)
    return None


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

#: One example for each command's --help (the tests parse each with its command). The lines
#: with words in them are in the catalog; the others are commands, the same in every language.
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
    "end": N_('mentorcli end cohort.yaml amartin jdupont --reason "mentee moved to Lyon"'),
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
    "merge-file": N_("mentorcli merge-file base.yaml ours.yaml theirs.yaml   (as git's merge "
                     "driver: docs/git.md)"),
}


_EXAMPLE = "\b\nExample:\n  "


def _with_examples(commands: dict[str, Any]) -> None:
    """End each command's --help with its example (kept on one line)."""
    for name, command in commands.items():
        example = EXAMPLES.get(name)
        if example and not command.epilog:
            command.epilog = _EXAMPLE + example


def _example_epilog(epilog: str) -> str:
    """An epilog in the current language (an example's line, or a whole text)."""
    from mentorcli.i18n import _

    if epilog.startswith(_EXAMPLE):
        return "\b\n" + _("Example:") + "\n  " + _(epilog[len(_EXAMPLE):])
    return _(epilog)


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


# ------------------------------------------------------------------ help in the user's language

#: Typer's own words, translated by our catalog (typer's `gettext` hook, `typer.core._`, is
#: pointed at `mentorcli.i18n._`; its vendored Click has no hook: see `_speaking_help`).
TYPER_WORDS = (
    N_("Options"), N_("Arguments"), N_("Commands"), N_("default: {default}"), N_("required"),
    N_("Aborted!"), N_("Missing command."), N_("(dynamic)"), N_("env var: {var}"),
    N_("Show this message and exit."), N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)


def _speaking(method: Any, attributes: tuple[str, ...], translate: Any = None) -> Any:
    """`method`, run with the English texts in `attributes` translated to the current
    language for its duration (help texts are kept in English, their msgid: see
    `i18n.source_text`). English runs the method untouched and opens no catalog."""
    import functools

    @functools.wraps(method)
    def speaking(self: Any, *args: Any, **kwargs: Any) -> Any:
        from mentorcli import i18n

        english = {name: getattr(self, name, None) for name in attributes}
        if i18n.language() == i18n.ENGLISH or not any(english.values()):
            return method(self, *args, **kwargs)
        say = translate or i18n._
        for name, text in english.items():
            if isinstance(text, str) and text:
                setattr(self, name, say(text))
        try:
            return method(self, *args, **kwargs)
        finally:
            for name, text in english.items():
                setattr(self, name, text)

    return speaking


def _speaking_help() -> None:
    """--help and Click's usage errors in the current language: help texts, the example,
    headings, `Usage:`, `[default: ...]` and the error lines."""
    from typer import _click, core

    from mentorcli import i18n

    try:
        command = _click.core.Command
        command.format_help_text = _speaking(command.format_help_text, ("help",))
        command.get_short_help_str = _speaking(command.get_short_help_str,
                                               ("help", "short_help"))
        command.format_epilog = _speaking(command.format_epilog, ("epilog",), _example_epilog)
        for parameter in (core.TyperOption, core.TyperArgument):
            parameter.get_help_record = _speaking(parameter.get_help_record, ("help",))
        core._ = i18n._  # typer's own words (TYPER_WORDS)
        formatter = _click.formatting.HelpFormatter
        formatter.write_usage = _usage_line(formatter.write_usage)
        formatter.write_heading = _heading(formatter.write_heading)
        usage_error = _click.exceptions.UsageError
        usage_error.show = _show_usage_error(usage_error.show)
    except AttributeError:  # pragma: no cover - another typer: its own help stays English
        pass


def _usage_line(write_usage: Any) -> Any:
    def speaking(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        from mentorcli.i18n import _

        write_usage(self, prog, args, _("Usage: ") if prefix is None else prefix)

    return speaking


def _heading(write_heading: Any) -> Any:
    def speaking(self: Any, heading: str) -> None:
        from mentorcli import i18n

        if i18n.language() == i18n.ENGLISH:
            write_heading(self, heading)
        else:
            self.write(f"{'':>{self.current_indent}}"
                       + i18n._("{heading}:").format(heading=heading) + "\n")

    return speaking


def _show_usage_error(show: Any) -> Any:
    def speaking(self: Any, file: Any = None) -> None:
        from typer._click import utils

        from mentorcli import i18n

        if i18n.language() == i18n.ENGLISH:
            show(self, file)
            return
        if file is None:
            file = sys.stderr
        color = None
        if self.ctx is not None:
            color = self.ctx.color
            hint = ""
            if self.ctx.command.get_help_option(self.ctx) is not None:
                hint = i18n._("Try '{command} {option}' for help.").format(
                    command=self.ctx.command_path, option=self.ctx.help_option_names[0]) + "\n"
            utils.echo(f"{self.ctx.get_usage()}\n{hint}", file=file, color=color)
        utils.echo(i18n._("Error: {message}").format(message=usage_message(self)), file=file,
                   color=color)

    return speaking


def _quoted(name: str) -> str:
    """`'--by'` (Click's quotes) as the language quotes a name: « --by »."""
    from mentorcli.i18n import _

    return _("'{name}'").format(name=name.strip("'")) if name.startswith("'") else name


def usage_message(error: Any) -> str:
    """What Click says after `Error:`, in the current language. Click's own sentences are
    recognised by their English (typer vendors Click without gettext); one that is not
    known (a new Typer's) stays in English."""
    import re

    from typer._click import exceptions as click_errors

    from mentorcli.i18n import _

    if isinstance(error, click_errors.NoSuchOption) and \
            error.message == f"No such option: {error.option_name}":
        said = _("No such option: {option}").format(option=error.option_name)
        if error.possibilities:
            said += " " + _("(Possible options: {options})").format(
                options=", ".join(sorted(error.possibilities)))
        return said
    if isinstance(error, click_errors.MissingParameter) and not error.message:
        hint = error.param_hint or (error.param.get_error_hint() if error.param else "")
        hint = hint if isinstance(hint, str) else " / ".join(f"'{h}'" for h in hint)
        kind = error.param_type or (error.param.param_type_name if error.param else "")
        said = {"argument": _("Missing argument {name}."),
                "option": _("Missing option {name}.")}.get(kind)
        if said is None:
            return error.format_message()
        if kind == "argument" and error.param is not None:  # as the usage line names it
            hint = f"'{error.param.metavar or (error.param.name or '').upper()}'"
        said = said.format(name=" / ".join(_quoted(h) for h in hint.split(" / ")))
        extra = error.param.get_missing_message(error.ctx) if error.param else ""
        if extra and extra.startswith("Choose from:"):
            choices = [c.strip().rstrip(",") for c in extra.split("\n")[1:]]
            said += " " + _("Choose from: {choices}.").format(choices=", ".join(choices))
        return said
    if isinstance(error, click_errors.BadParameter):
        message = _value_message(error.message)
        hint = error.param_hint or (error.param.get_error_hint() if error.param else None)
        if hint is None:
            return _("Invalid value: {message}").format(message=message)
        hint = hint if isinstance(hint, str) else " / ".join(f"'{h}'" for h in hint)
        return _("Invalid value for {name}: {message}").format(
            name=" / ".join(_quoted(h) for h in hint.split(" / ")), message=message)
    message = error.format_message()
    found = re.fullmatch(r"No such command '(.*)'\.(?: Did you mean (.*)\?)?", message, re.S)
    if found:
        said = _("No such command {name}.").format(name=_quoted(f"'{found.group(1)}'"))
        if found.group(2):
            said += " " + _("Did you mean {names}?").format(names=", ".join(
                _quoted(name) for name in found.group(2).split(", ")))
        return said
    sentences = (
        (r"Got unexpected extra argument\(s\) \((?P<arguments>.*)\)",
         N_("Got unexpected extra argument(s) ({arguments})")),
        (r"Option (?P<name>'.*') requires an argument\.",
         N_("Option {name} requires an argument.")),
        (r"Option (?P<name>'.*') does not take a value\.",
         N_("Option {name} does not take a value.")),
        (r"Missing command\.", N_("Missing command.")),
    )
    for pattern, sentence in sentences:
        found = re.fullmatch(pattern, message, re.S)
        if found:
            values = found.groupdict()
            if "name" in values:
                values["name"] = _quoted(values["name"])
            return _(sentence).format(**values)
    return message


def _value_message(message: str) -> str:
    """A bad value's reason from Typer (pydantic's words), in the current language."""
    import re

    from mentorcli.i18n import _

    found = re.fullmatch(r"(?:Value error, )?'(?P<value>.*)' is not one of (?P<choices>.*)\.",
                         message, re.S)
    if found:
        return _("{value} is not one of {choices}.").format(
            value=_quoted(f"'{found['value']}'"),
            choices=", ".join(_quoted(c) for c in found["choices"].split(", ")))
    if message.startswith("Input should be a valid integer"):
        return _("Input should be a valid integer")
    if message.startswith("Input should be a valid number"):
        return _("Input should be a valid number")
    return message


_readable_help()
_speaking_help()

app = typer.Typer(
    cls=MentorcliGroup,
    name="mentorcli",
    help=N_("Run workplace mentoring cohorts kept in YAML files: validate, pair, contract, "
            "log and report."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True,
        help=N_("Print the version and exit."),
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q",
        help=N_("No messages or progress on stderr; errors and data still show."),
    ),
    lang: str | None = typer.Option(
        None, "--lang", metavar="LANG",
        help=N_("Language of messages and documents: en, fr. Default: MENTORCLI_LANG, then the "
                "cohort's language, then the locale (docs/languages.md)."),
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


"""Commands on cohort files themselves: validate, init, schema."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Any

import typer

from mentorcli.cli.app import app, fail
from mentorcli.cli.output import print_json, say
from mentorcli.errors import ExitCode, UsageError
from mentorcli.i18n import N_, _


class FindingsFormat(str, enum.Enum):
    text = "text"
    json = "json"


class Language(str, enum.Enum):
    en = "en"
    fr = "fr"


class Kind(str, enum.Enum):
    classic = "classic"
    reverse = "reverse"
    peer = "peer"


#: The help of the options, marked for the catalog (N_: `--help` is built before the
#: language is known and opens no catalog; translated where the help is rendered).
_HELP = {
    "files": N_("Cohort files to check; - reads one from stdin."),
    "format": N_("text (one line a finding, on stderr) or json."),
    "strict": N_("Exit 1 when there are warnings."),
    "path": N_("Where to write the new cohort file."),
    "language": N_("en or fr."),
    "kind": N_("classic, reverse or peer."),
    "start": N_("First day, YYYY-MM-DD (default: today)."),
    "validate": N_("Check cohort files and report every problem at once, each at its "
                   "FILE:LINE:COL.\n\nErrors exit 2; warnings (legal but suspicious) are "
                   "printed too and exit 0 (1 with --strict)."),
    "init": N_("Write a commented starter cohort that validates. Never overwrites a file."),
    "schema": N_("Print the JSON Schema of the cohort file format, for editors (YAML language "
                 "server)."),
}


@app.command(help=_HELP["validate"])
def validate(
    files: list[Path] = typer.Argument(..., help=_HELP["files"], show_default=False,
                                       metavar="FILE"),
    format: FindingsFormat = typer.Option(
        FindingsFormat.text, "--format", help=_HELP["format"]
    ),
    strict: bool = typer.Option(False, "--strict", help=_HELP["strict"]),
) -> None:
    """`mentorcli validate` (its help: _HELP["validate"])."""
    from mentorcli.i18n import cohort_language
    from mentorcli.store.loading import check_files

    reports = check_files([STDIN if str(f) == "-" else f for f in files])  # - is stdin
    for report in reports:
        if report.path == STDIN:
            _name_stdin(report)
    if format is FindingsFormat.json:
        print_json({"files": [report.as_dict() for report in reports]})
    else:
        for report in reports:
            with cohort_language(report.language):  # "warning: " in the file's language too
                for finding in report.findings:
                    typer.echo(finding.render(), err=True)
            typer.echo(report.summary())
    if any(report.errors for report in reports):
        raise fail(ExitCode.BAD_INPUT)
    if strict and any(report.warnings for report in reports):
        raise fail(ExitCode.FOUND)


#: `validate -` reads the cohort from stdin through this device (POSIX systems).
STDIN = Path("/dev/stdin")


def _name_stdin(report: Any) -> None:
    """Findings of stdin say `<stdin>:LINE:COL`, not the device's name."""
    import dataclasses

    report.path = Path("<stdin>")
    report.findings = [dataclasses.replace(f, file="<stdin>") if f.file == str(STDIN) else f
                       for f in report.findings]


@app.command(help=_HELP["init"])
def init(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help=_HELP["path"]),
    language: Language = typer.Option(Language.en, "--language", help=_HELP["language"]),
    kind: Kind = typer.Option(Kind.classic, "--kind", help=_HELP["kind"]),
    start: str = typer.Option(None, "--start", help=_HELP["start"]),
) -> None:
    """`mentorcli init` (its help: _HELP["init"])."""
    from mentorcli import i18n, runtime
    from mentorcli.dates import parse_date
    from mentorcli.slugs import slugify
    from mentorcli.starter import starter_text
    from mentorcli.store.files import create_text

    source = ctx.get_parameter_source("language")  # click's ParameterSource (typer's own copy)
    if source is not None and source.name != "DEFAULT":
        i18n.set_cohort_language(language.value)  # what init says next is about that cohort
    first_day = parse_date(start, "--start") if start else runtime.today()
    text = starter_text(language.value, kind.value, first_day, slugify(path.stem, "my-cohort"))
    try:
        create_text(path, text)
    except FileExistsError:
        raise UsageError(_("{path}: already exists; choose another path (init never "
                           "overwrites a file)").format(path=path)) from None
    except OSError as error:
        raise UsageError(_("{path}: cannot write: {reason}").format(
            path=path, reason=error.strerror or error)) from None
    say(_("wrote {path}: edit it, then run `mentorcli validate {path}`").format(path=path))
    _ignore_generated_files(path.parent / ".gitignore")


def _ignore_generated_files(gitignore: Path) -> None:
    """Write (or complete) the .gitignore next to the new cohort: contracts, calendars and
    reports name people and are made again at will; see docs/git.md."""
    from mentorcli.starter import gitignore_text
    from mentorcli.store.files import atomic_write_text

    try:
        existing = gitignore.read_text(encoding="utf-8") if gitignore.exists() else None
        text = gitignore_text(existing)
        if text is None:
            return
        atomic_write_text(gitignore, text)
    except (OSError, UnicodeDecodeError):
        say(_("{path}: not written; keep contracts/, calendars/ and reports out of git "
              "(see docs/git.md)").format(path=gitignore))
        return
    if existing is None:
        said = _("wrote {path}: generated contracts, calendars and reports hold personal data "
                 "and stay out of git")
    else:
        said = _("completed {path}: generated contracts, calendars and reports hold personal "
                 "data and stay out of git")
    say(said.format(path=gitignore))


@app.command(help=_HELP["schema"])
def schema() -> None:
    """`mentorcli schema` (its help: _HELP["schema"]): the format's JSON Schema, whose
    descriptions (the Field descriptions of mentorcli.model) stay English: they document the
    format's keys for editors, like the key names themselves."""
    from mentorcli.model import json_schema

    print_json(json_schema())

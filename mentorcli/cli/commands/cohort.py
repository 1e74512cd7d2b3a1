"""Commands on cohort files themselves: validate, init, schema."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Any

import typer

from mentorcli.cli.app import app, fail
from mentorcli.cli.output import print_json, say
from mentorcli.errors import ExitCode, UsageError


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


@app.command()
def validate(
    files: list[Path] = typer.Argument(..., help="Cohort files to check; - reads one from "
                                       "stdin.", show_default=False, metavar="FILE"),
    format: FindingsFormat = typer.Option(
        FindingsFormat.text, "--format", help="text (one line a finding, on stderr) or json."
    ),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when there are warnings."),
) -> None:
    """Check cohort files and report every problem at once, each at its FILE:LINE:COL.

    Errors exit 2; warnings (legal but suspicious) are printed too and exit 0 (1 with --strict).
    """
    from mentorcli.store.loading import check_files

    reports = check_files([STDIN if str(f) == "-" else f for f in files])  # - is stdin
    for report in reports:
        if report.path == STDIN:
            _name_stdin(report)
    if format is FindingsFormat.json:
        print_json({"files": [report.as_dict() for report in reports]})
    else:
        for report in reports:
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


@app.command()
def init(
    path: Path = typer.Argument(..., help="Where to write the new cohort file."),
    language: Language = typer.Option(Language.en, "--language", help="en or fr."),
    kind: Kind = typer.Option(Kind.classic, "--kind", help="classic, reverse or peer."),
    start: str = typer.Option(None, "--start", help="First day, YYYY-MM-DD (default: today)."),
) -> None:
    """Write a commented starter cohort that validates. Never overwrites a file."""
    from mentorcli import runtime
    from mentorcli.dates import parse_date
    from mentorcli.slugs import slugify
    from mentorcli.starter import starter_text
    from mentorcli.store.files import create_text

    first_day = parse_date(start, "--start") if start else runtime.today()
    text = starter_text(language.value, kind.value, first_day, slugify(path.stem, "my-cohort"))
    try:
        create_text(path, text)
    except FileExistsError:
        raise UsageError(f"{path}: already exists; choose another path (init never "
                         "overwrites a file)") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot write: {error.strerror or error}") from None
    say(f"wrote {path}: edit it, then run `mentorcli validate {path}`")
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
        say(f"{gitignore}: not written; keep contracts/, calendars/ and reports out of git "
            "(see docs/git.md)")
        return
    say(f"{'wrote' if existing is None else 'completed'} {gitignore}: generated contracts, "
        "calendars and reports hold personal data and stay out of git")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the cohort file format, for editors (YAML language server)."""
    from mentorcli.model import json_schema

    print_json(json_schema())

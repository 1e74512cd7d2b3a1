"""Loading a cohort file for reading: fast, validated, every problem placed at its line."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorcli.errors import Finding, InvalidCohortError
from mentorcli.i18n import (
    _,
    cohort_language,
    language_of_data,
    ngettext,
    set_cohort_language,
    sniff_language,
)
from mentorcli.model import CohortFile
from mentorcli.store.reading import Locator, compose, gc_paused, parse_yaml, read_text
from mentorcli.validation import Issue, check_document, render_path


@dataclass
class LoadedCohort:
    """A cohort file that validated: its model, its warnings, and the data it was built from."""

    path: Path
    model: CohortFile
    warnings: list[Finding] = field(default_factory=list)
    text: str = ""
    data: Any = None


def load_cohort(path: str | Path) -> LoadedCohort:
    """Read and validate a cohort file; raise InputFileError/InvalidCohortError if it is wrong."""
    p = Path(path)
    text = read_text(p)
    return load_cohort_text(text, p)


def load_cohort_text(text: str, path: str | Path) -> LoadedCohort:
    """Validate cohort text read from `path` (the path only names the file in messages)."""
    p = Path(path)
    with cohort_language(sniff_language(text)):  # its errors in its language, if it says one
        data = parse_yaml(text, p)
    with cohort_language(language_of_data(data)):
        with gc_paused():  # tens of thousands of models, no cycle
            model, issues = check_document(data)
        findings = place_issues(issues, text, p)
        errors = [f for f in findings if f.severity == "error"]
        if errors or model is None:
            raise InvalidCohortError(findings)
    # what the command says next is about this cohort: in its language (mentorcli.i18n, rule 3;
    # a command that reads several files speaks the language of the last one it read)
    set_cohort_language(model.cohort.language)
    return LoadedCohort(p, model, findings, text, data)


@dataclass
class FileReport:
    """What `mentorcli validate` found in one file."""

    path: Path
    findings: list[Finding]
    model: CohortFile | None = None
    language: str | None = None  # the cohort's `language`, when the file says one

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "error"]

    def summary(self) -> str:
        """One line: valid or not, counts (in the cohort's language, see mentorcli.i18n)."""
        with cohort_language(self.language):
            counts = []
            if self.errors:
                counts.append(_count(len(self.errors), _errors))
            if self.warnings:
                counts.append(_count(len(self.warnings), _warnings))
            state = _("invalid") if self.errors else _("valid")
            what = ""
            if self.model is not None:
                m = self.model
                what = " ({})".format(", ".join((
                    _count(len(m.participants), _participants), _count(len(m.pairs), _pairs),
                    _count(len(m.sessions), _sessions))))
            return f"{self.path}: {state}{', ' if counts else ''}{', '.join(counts)}{what}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "valid": not self.errors,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [f.as_dict() for f in self.findings],
        }


def _errors(n: int) -> str:
    return ngettext("{count} error", "{count} errors", n)


def _warnings(n: int) -> str:
    return ngettext("{count} warning", "{count} warnings", n)


def _participants(n: int) -> str:
    return ngettext("{count} participant", "{count} participants", n)


def _pairs(n: int) -> str:
    return ngettext("{count} pair", "{count} pairs", n)


def _sessions(n: int) -> str:
    return ngettext("{count} session", "{count} sessions", n)


def _count(number: int, noun: Callable[[int], str]) -> str:
    return noun(number).format(count=number)


def check_files(paths: Iterable[str | Path]) -> list[FileReport]:
    """A report for each file, in the order given."""
    return [check_file(p) for p in paths]


def check_file(path: str | Path) -> FileReport:
    """Every finding for a file (errors and warnings), sorted by line."""
    from mentorcli.errors import InputFileError

    p = Path(path)
    try:
        text = read_text(p)
    except InputFileError as error:
        return FileReport(p, [error.finding])
    language = sniff_language(text)
    try:
        with cohort_language(language):
            data = parse_yaml(text, p)
    except InputFileError as error:
        return FileReport(p, [error.finding], language=language)
    language = language_of_data(data)
    with cohort_language(language):
        with gc_paused():  # tens of thousands of models, no cycle
            model, issues = check_document(data)
        if model is not None:  # only `validate` checks the pairs against the pairing rules
            from mentorcli.validation import check_pair_rules

            issues = [*issues, *check_pair_rules(model)]
        findings = place_issues(issues, text, p)
    errors = any(f.severity == "error" for f in findings)
    return FileReport(p, findings, None if errors else model, language)


def place_issues(issues: Iterable[Issue], text: str, path: Path) -> list[Finding]:
    """Findings with line and column, sorted by place; the text is composed only if needed."""
    issues = list(issues)
    if not issues:
        return []
    locator = Locator(compose(text))
    findings = []
    for issue in issues:
        line, column = locator.locate(issue.path, at_key=issue.at_key)
        findings.append(Finding(str(path), line, column, render_path(issue.path), issue.message,
                                issue.severity))
    findings.sort(key=lambda f: (f.line or 0, f.column or 0, f.severity != "error"))
    return findings

"""Mentoring contracts: the data a contract template needs, and safe rendering of templates.

* `contract_context(model, pair)` is pure: the cohort model and one pair in, a plain dict of
  everything a template can use out (documented in docs/contracts.md). The planned dates are
  those of `mentorcli.schedule`, the same as in the calendar files.
* `render_contract(...)` renders a Jinja2 template in a `SandboxedEnvironment` with
  `StrictUndefined`: a missing value, a syntax error, or an attempt to reach Python internals
  raises `TemplateError` naming the template file and line, never a blank in a contract.
  HTML output is autoescaped; for Markdown output every text taken from the cohort file is
  Markdown-escaped, so a name like `Anne *Lou* <Ré> & Cie` prints as written.
* `contract_path(out_dir, pair, fmt)` builds file names from ids only (slugs) and checks the
  resolved path stays inside the output folder.

Dates, numbers and times are formatted by `mentorcli.localize`, the same as in reports.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentorcli.documents.calendar_ics import MEETING_TIME, pair_timezone
from mentorcli.errors import TemplateError, UsageError
from mentorcli.localize import (
    CADENCE_LABELS,
    format_date,
    format_number,
    format_quantity,
    format_time,
)
from mentorcli.model import SLUG_RE, CohortFile, Pair, Participant
from mentorcli.resources import templates_dir
from mentorcli.schedule import checkins, pair_period, pair_schedule
from mentorcli.store import edits as E

FORMATS = ("md", "html")
LANGUAGES = ("en", "fr")

LABELS: dict[str, dict[str, dict[str, str]]] = {
    "kind": {
        "en": {"classic": "classic mentoring", "reverse": "reverse mentoring",
               "peer": "peer mentoring"},
        "fr": {"classic": "mentorat classique", "reverse": "mentorat inversé",
               "peer": "mentorat entre pairs"},
    },
    "cadence": CADENCE_LABELS,
    "cadence_phrase": {
        "en": {"weekly": "once a week", "biweekly": "once every two weeks",
               "monthly": "once a month"},
        "fr": {"weekly": "une fois par semaine", "biweekly": "une fois toutes les deux semaines",
               "monthly": "une fois par mois"},
    },
    "mode": {
        "en": {"in-person": "in person", "video": "video call", "phone": "phone"},
        "fr": {"in-person": "en présentiel", "video": "en visioconférence",
               "phone": "par téléphone"},
    },
    "status": {
        "en": {"proposed": "proposed", "active": "active", "ended": "ended"},
        "fr": {"proposed": "proposé", "active": "actif", "ended": "terminé"},
    },
}
MODES = ("in-person", "video", "phone")


# --- Markdown escaping ------------------------------------------------------------------

_MD_ALWAYS = re.compile(r"([\\`*_\[\]<|~])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_LINE_START = re.compile(r"^(\s*\d*)([#>+=.)-])")


def escape_markdown(text: str, line_start: bool = True) -> str:
    """User text made safe inside a Markdown line: it renders as written.

    Line breaks become spaces (a value never starts a heading or a list); characters that
    Markdown would read as formatting (`\\ ` * _ [ ] < | ~`) get a backslash; `&` only where it
    would start an entity (`&amp;`); `#`, `>`, `-`, `+`, `=`, `1.` only at the very start, and
    only when the text may start a line (`line_start`: not in a table cell).
    """
    text = re.sub(r"[ \t]*(?:\r\n|\r|\n)+[ \t]*", " ", text)
    text = _MD_ALWAYS.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    if not line_start:
        return text
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text, count=1)


def _map_strings(value: Any, function: Any) -> Any:
    """`value` with `function` applied to every string inside (dicts and lists walked)."""
    if isinstance(value, str):
        return function(value)
    if isinstance(value, dict):
        return {key: _map_strings(item, function) for key, item in value.items()}
    if isinstance(value, list):
        return [_map_strings(item, function) for item in value]
    return value


# --- the context --------------------------------------------------------------------------


def _person_dict(person: Participant) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "email": person.email,
        "title": person.title,
        "department": person.department,
        "location": person.location,
        "timezone": person.timezone,
        "languages": list(person.languages or []),
    }


def _participant(model: CohortFile, pid: str) -> Participant:
    person = model.person(pid)
    if person is None:
        raise UsageError(f"the pair names {pid!r}, who is not a participant of the cohort")
    return person


def contract_context(model: CohortFile, pair: Pair) -> dict[str, Any]:
    """Everything a contract template can use, as plain data (see docs/contracts.md).

    Texts are raw here; `render_contract` escapes them for the output format. Dates are
    `datetime.date` objects: templates format them with the `date` filter.
    """
    cohort = model.cohort
    lang = cohort.language
    mentor = _participant(model, pair.mentor)
    mentee = _participant(model, pair.mentee)
    dates = pair_schedule(model, pair)
    first, last = pair_period(model, pair)
    evaluation = checkins(dates, first, last)
    objectives = {o.id: o for o in model.objectives}

    def objective_dict(objective_id: str) -> dict[str, Any]:
        objective = objectives.get(objective_id)
        if objective is None:  # a validated model names only known objectives
            return {"id": objective_id, "title": objective_id, "measure": None,
                    "target": None, "unit": "", "target_text": ""}
        return {
            "id": objective.id,
            "title": objective.title,
            "measure": objective.measure,
            "target": objective.target,
            "unit": objective.unit,
            "target_text": format_quantity(objective.target, objective.unit, lang),
        }

    goals = [
        {
            "id": goal.id,
            "text": goal.text,
            "measure": goal.measure,
            "objective": objective_dict(goal.objective) if goal.objective else None,
            "due": goal.due,
            "progress": goal.progress,
        }
        for goal in pair.goals
    ]
    # The modes logged so far are ticked, but only until someone signed: a signed contract
    # renders what was agreed then, and never changes when a meeting is logged later.
    first_signature = min((d for d in (pair.signed.mentor, pair.signed.mentee,
                                       pair.signed.coordinator) if d is not None),
                          default=None) if pair.signed else None
    used_modes = {
        s.mode for s in model.sessions
        if s.mentor == pair.mentor and s.mentee == pair.mentee and s.mode
        and (first_signature is None or s.date <= first_signature)
    }
    signed = pair.signed
    coordinator = cohort.coordinator
    return {
        "language": lang,
        "cohort": {
            "id": cohort.id,
            "name": cohort.name,
            "language": lang,
            "kind": cohort.kind,
            "kind_label": LABELS["kind"][lang][cohort.kind],
            "start": cohort.start,
            "end": cohort.end,
            "cadence": cohort.cadence,
            "session_minutes": cohort.session_minutes,
        },
        "coordinator": (
            {"name": coordinator.name, "email": coordinator.email} if coordinator else None
        ),
        "mentor": _person_dict(mentor),
        "mentee": _person_dict(mentee),
        "pair": {
            "mentor": pair.mentor,
            "mentee": pair.mentee,
            "status": pair.status,
            "status_label": LABELS["status"][lang][pair.status],
            "started": pair.started,
            "ended": pair.ended,
            "exception": pair.exception,
            "first_day": first,
            "last_day": last,
            "signed": {
                "mentor": signed.mentor if signed else None,
                "mentee": signed.mentee if signed else None,
                "coordinator": signed.coordinator if signed else None,
            },
        },
        "objectives": [objective_dict(oid) for oid in mentee.objectives],
        "goals": goals,
        "rhythm": {
            "cadence": cohort.cadence,
            "cadence_label": LABELS["cadence"][lang][cohort.cadence],
            "cadence_phrase": LABELS["cadence_phrase"][lang][cohort.cadence],
            "session_minutes": cohort.session_minutes,
            "time": format_time(MEETING_TIME, lang),
            "timezone": pair_timezone(mentor, mentee),
            "modes": [
                {"id": mode, "label": LABELS["mode"][lang][mode], "used": mode in used_modes}
                for mode in MODES
            ],
            "dates": dates,
            "count": len(dates),
        },
        "checkins": {"midpoint": evaluation.midpoint, "final": evaluation.final},
    }


# --- templates ----------------------------------------------------------------------------


def default_template(language: str, fmt: str) -> Path:
    """The shipped contract template for a language and format."""
    lang = language if language in LANGUAGES else "en"
    return templates_dir() / lang / f"contract.{fmt}.j2"


def format_of_template(path: Path) -> str | None:
    """'html' or 'md' when the template's name says so (contract.html.j2, x.md), else None."""
    suffixes = [s.lower() for s in path.suffixes]
    if ".html" in suffixes or ".htm" in suffixes:
        return "html"
    if ".md" in suffixes or ".markdown" in suffixes:
        return "md"
    return None


def make_environment(template: Path, fmt: str, language: str) -> Any:
    """The bounded, sandboxed Jinja2 environment for `template` (see documents.templating):
    finds its siblings, then the shipped templates (so a copied template can still
    `{% extends %}` the shipped layout)."""
    from mentorcli.documents.templating import environment

    search = [str(template.parent)]
    shipped = templates_dir()
    if shipped.is_dir() and shipped.resolve() != template.parent.resolve():
        search.append(str(shipped))
    return environment(search, autoescape=fmt == "html", filters={
        "date": lambda d, weekday=False: format_date(d, language, weekday),
        "number": lambda v: format_number(v, language),
        "quantity": lambda v, unit="": format_quantity(v, unit, language),
    })


def render_template(template: Path, context: dict[str, Any], fmt: str) -> str:
    """Render one template file with `context` (already escaped for `fmt` if Markdown).

    Raises TemplateError ("FILE:LINE: what") on any problem in the template, and when the
    template passes a limit (output size, steps, run time: docs/limits.md).
    """
    from mentorcli.documents.templating import render

    if not template.is_file():
        raise TemplateError(f"{template}: template not found (or not a file)")
    language = str(context.get("language", "en"))
    env = make_environment(template, fmt, language)
    return render(env, template.name, context, shown_name=str(template),
                  refused_hint="contract templates may only use the contract data",
                  variables_doc="docs/contracts.md")


def render_contract(
    model: CohortFile, pair: Pair, fmt: str = "md", template: Path | None = None
) -> str:
    """The contract of `pair` as text in `fmt` ('md' or 'html'), from `template` or the
    shipped template of the cohort language."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; expected md or html")
    path = template if template is not None else default_template(model.cohort.language, fmt)
    from mentorcli.text_safety import escape_strings

    context = escape_strings(contract_context(model, pair))  # control characters visible
    if fmt == "md":
        context = _map_strings(context, escape_markdown)
    return render_template(path, context, fmt)


# --- pairs and output files ---------------------------------------------------------------


def parse_pair_spec(spec: str) -> tuple[str, str]:
    """'MENTOR:MENTEE' -> (mentor, mentee), both ids."""
    mentor, sep, mentee = spec.partition(":")
    if not sep or not SLUG_RE.match(mentor) or not SLUG_RE.match(mentee):
        raise UsageError(f"--pair {spec!r}: expected MENTOR:MENTEE (two participant ids), "
                         "e.g. --pair cleroy:bpetit")
    return mentor, mentee


def select_pairs(
    model: CohortFile,
    only: tuple[str, str] | None = None,
    include_proposed: bool = False,
    what: str = "contracts",
) -> list[Pair]:
    """The pairs to write: active ones (and proposed ones if asked), or just `only`.

    Each (mentor, mentee) appears once: its latest entry in the file. Ended pairs are never
    selected. Raises UsageError when `only` names no pair or a pair of the wrong status.
    """
    statuses = {"active", "proposed"} if include_proposed else {"active"}
    if only is not None:
        pair = model.find_pair(*only)
        if pair is None:
            raise UsageError(f"no pair {only[0]}:{only[1]} in this cohort")
        if pair.status not in statuses:
            hint = (" (add --include-proposed)"
                    if pair.status == "proposed" and what == "contracts" else "")
            raise UsageError(
                f"pair {only[0]}:{only[1]} is {pair.status}: {what} are made for active "
                f"pairs{hint}"
            )
        return [pair]
    chosen: list[Pair] = []
    seen: set[tuple[str, str]] = set()
    for pair in model.pairs:
        key = (pair.mentor, pair.mentee)
        if key in seen:
            continue
        seen.add(key)
        latest = model.find_pair(*key)
        if latest is not None and latest.status in statuses:
            chosen.append(latest)
    return chosen


def pair_file_path(out_dir: Path, pair: Pair, extension: str) -> Path:
    """`out_dir/<mentor>--<mentee>.<extension>`, refusing anything that is not a slug or that
    would resolve outside `out_dir` (e.g. through a symbolic link)."""
    for pid in (pair.mentor, pair.mentee):
        if not SLUG_RE.match(pid):
            raise UsageError(f"{pid!r} is not an id (a-z, 0-9, '-'): no file name made from it")
    path = out_dir / f"{pair.mentor}--{pair.mentee}.{extension}"
    base = out_dir.resolve()
    target = path.resolve()
    if target.parent != base:
        raise UsageError(f"{path}: refusing to write outside the output folder {out_dir}")
    return path


# --- writing files (contracts and calendars) ----------------------------------------------


@dataclass(frozen=True)
class Written:
    """One output file: where, and whether its bytes changed (False: already up to date)."""

    path: Path
    changed: bool


def default_out_dir(cohort_path: Path, model: CohortFile, kind: str) -> Path:
    """`<folder of the cohort file>/<kind>/<cohort id>`, e.g. contracts/managers-2026."""
    if not SLUG_RE.match(model.cohort.id):
        raise UsageError(f"cohort id {model.cohort.id!r} is not a slug: no folder made from it")
    folder = cohort_path.parent / kind / model.cohort.id
    for part in (folder.parent, folder):
        if part.is_symlink():
            raise UsageError(
                f"{part}: is a symbolic link (to {os.readlink(part)}); mentorcli does not "
                f"write its {kind} through a link into another folder: remove the link, or "
                "name the folder you want with --out")
    return folder


def write_outputs(outputs: list[tuple[Path, bytes]]) -> list[Written]:
    """Write the documents of one run: all of them land, or none does.

    A file whose bytes are already right is left alone. The changed ones are written to
    temporary files first and renamed into place only when all are written, so a full disk
    changes nothing and says so. Callers build every output first, so an error in any of them
    writes nothing either.
    """
    from mentorcli.store.files import atomic_write_many

    written: list[Written] = []
    changed: list[tuple[Path, bytes]] = []
    for path, data in outputs:
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise UsageError(f"{path}: exists and is not a plain file (a link or a folder); "
                             "nothing was written")
        try:
            same = path.is_file() and path.read_bytes() == data
        except OSError as error:
            raise UsageError(f"{path}: cannot read: {error.strerror or error}; nothing was "
                             "written") from None
        if not same:
            changed.append((path, data))
        written.append(Written(path, not same))
    if changed:
        atomic_write_many(changed)
    return written


def _check_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: exists and is not a folder")


def build_contracts(
    cohort_path: Path,
    model: CohortFile,
    out_dir: Path | None = None,
    only: tuple[str, str] | None = None,
    template: Path | None = None,
    fmt: str | None = None,
    include_proposed: bool = False,
) -> list[tuple[Path, bytes]]:
    """Every contract to write, as (path, UTF-8 bytes), rendered before anything is written.

    Without `fmt`, the template's name gives the format (contract.html.j2: HTML), else md; a
    `fmt` that contradicts the template's name is refused (Markdown escaped as HTML, or the
    reverse, would print garbled contracts).
    """
    named = format_of_template(template) if template is not None else None
    if fmt is None:
        fmt = named or "md"
    elif named is not None and named != fmt:
        kinds = {"md": "a Markdown", "html": "an HTML"}
        raise UsageError(f"--format {fmt}: {template} is {kinds[named]} template; drop "
                         f"--format, or pass {kinds[fmt]} template")
    folder = out_dir if out_dir is not None else default_out_dir(cohort_path, model, "contracts")
    _check_out_dir(folder)
    outputs = []
    for pair in select_pairs(model, only, include_proposed, "contracts"):
        text = render_contract(model, pair, fmt, template)
        outputs.append((pair_file_path(folder, pair, fmt), text.encode("utf-8")))
    return outputs


def build_calendars(
    cohort_path: Path,
    model: CohortFile,
    out_dir: Path | None = None,
    only: tuple[str, str] | None = None,
) -> list[tuple[Path, bytes]]:
    """The iCalendar file of every active pair (or of `only`), as (path, bytes)."""
    from mentorcli.documents.calendar_ics import pair_calendar

    folder = out_dir if out_dir is not None else default_out_dir(cohort_path, model, "calendars")
    _check_out_dir(folder)
    return [
        (pair_file_path(folder, pair, "ics"), pair_calendar(model, pair))
        for pair in select_pairs(model, only, False, "calendars")
    ]


# --- signatures -----------------------------------------------------------------------------

SIDES = ("mentor", "mentee", "coordinator")
EARLY_SIGNATURE_DAYS = 60
# Keys a pair entry has before `signed`, in the model's order: a new `signed:` goes after them.
_KEYS_BEFORE_SIGNED = ("mentor", "mentee", "status", "locked", "score", "why", "started",
                       "ended", "end_reason")


@dataclass(frozen=True)
class Signature:
    """What `record_signature` did."""

    mentor: str
    mentee: str
    side: str
    day: dt.date
    previous: dt.date | None
    warnings: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.previous != self.day


def check_signature_date(model: CohortFile, pair: Pair, day: dt.date,
                         today: dt.date) -> list[str]:
    """Refuse impossible signature dates (UsageError); return warnings for odd ones.

    Refused: a date after today (a signature is recorded once made), and a date after the
    pair's `ended` date. Warned, but recorded: a date more than `EARLY_SIGNATURE_DAYS` before
    the pair's start (its `started` date, or the cohort start). Contracts are often signed in
    the days or weeks before the first meeting, so an earlier date is legal; much earlier is
    more likely a wrong year.
    """
    if day > today:
        raise UsageError(f"--date {day.isoformat()} is in the future (today is "
                         f"{today.isoformat()}): record a signature once it is made")
    if pair.ended is not None and day > pair.ended:
        raise UsageError(f"--date {day.isoformat()} is after the pair ended "
                         f"({pair.ended.isoformat()})")
    start = pair.started or model.cohort.start
    if day < start - dt.timedelta(days=EARLY_SIGNATURE_DAYS):
        which = "pair started" if pair.started else "cohort starts"
        return [f"{day.isoformat()} is more than {EARLY_SIGNATURE_DAYS} days before the "
                f"{which} ({start.isoformat()}); recorded anyway: check the year"]
    return []


def signature_changes(model: CohortFile, mentor: str, mentee: str, side: str,
                      day: dt.date, today: dt.date) -> E.Changes:
    """The edit that sets `signed.<side>` of the pair's latest entry to `day` (mentor and
    mentee by participant id or email); the result is the `Signature`. Pure."""
    from mentorcli.records import resolve_person

    if side not in SIDES:
        raise UsageError(f"--by {side!r}: expected mentor, mentee or coordinator")
    mentor_id = resolve_person(model, mentor, "mentor").id
    mentee_id = resolve_person(model, mentee, "mentee").id
    pair = model.find_pair(mentor_id, mentee_id)
    if pair is None:
        raise UsageError(f"no pair {mentor_id}:{mentee_id} in this cohort (mentor first, then "
                         "mentee)")
    warnings = check_signature_date(model, pair, day, today)
    previous = getattr(pair.signed, side) if pair.signed is not None else None
    result = Signature(mentor_id, mentee_id, side, day, previous, tuple(warnings))
    if not result.changed:
        return E.Changes([], result)
    at = E.pair(mentor_id, mentee_id)
    if pair.signed is not None:  # an existing mapping, block or flow: keep its style
        edit = E.Set((*at, "signed"), side, day, after=SIDES[:SIDES.index(side)][::-1])
    else:  # no `signed:`, or `signed:` with no value
        edit = E.Set(at, "signed", {side: day}, after=_KEYS_BEFORE_SIGNED[::-1])
    return E.Changes([edit], result)


def record_signature(path: Path, mentor: str, mentee: str, side: str,
                     day: dt.date, today: dt.date) -> Signature:
    """`signature_changes` on the cohort file at `path`, in one transaction: only the pair's
    `signed:` lines change, and nothing is written when the date is already recorded."""
    from mentorcli.store.transaction import change_cohort

    return change_cohort(path, lambda model: signature_changes(model, mentor, mentee, side,
                                                               day, today))

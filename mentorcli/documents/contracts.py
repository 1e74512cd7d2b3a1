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

Language: the contract is written in the current language (`mentorcli.i18n.language()`:
`--lang`, MENTORCLI_LANG, the cohort's `language`, the locale), from the template of that
language (`templates/<lang>/`, English when a language has none). Every phrase computed here
(kind, cadence, ways of meeting, status) comes from the message catalogs (`_`), and dates,
numbers and times are formatted by `mentorcli.localize` in the same language: a French cohort
gives a clean English contract with `--lang en`, and the reverse.
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
from mentorcli.i18n import N_, _
from mentorcli.localize import (
    cadence_label,
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

#: The words a contract computes, by code (English msgids; `_()` gives the current language).
KIND_LABELS = {"classic": N_("classic mentoring"), "reverse": N_("reverse mentoring"),
               "peer": N_("peer mentoring")}
CADENCE_PHRASES = {"weekly": N_("once a week"), "biweekly": N_("once every two weeks"),
                   "monthly": N_("once a month")}
MODE_LABELS = {"in-person": N_("in person"), "video": N_("video call"), "phone": N_("phone")}
STATUS_LABELS = {"proposed": N_("proposed"), "active": N_("active"), "ended": N_("ended")}
MODES = tuple(MODE_LABELS)


def _label(table: dict[str, str], code: str) -> str:
    """The label of `code` in the current language (an unknown code as it is)."""
    message = table.get(code)
    return code if message is None else _(message)


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
        raise UsageError(_("the pair names {id}, who is not a participant of the cohort")
                         .format(id=repr(pid)))
    return person


def contract_context(model: CohortFile, pair: Pair) -> dict[str, Any]:
    """Everything a contract template can use, as plain data (see docs/contracts.md).

    Texts are raw here; `render_contract` escapes them for the output format. Dates are
    `datetime.date` objects: templates format them with the `date` filter. The words are in
    the current language (`mentorcli.i18n.language()`, with this model's cohort as the
    cohort), which is also `language`.
    """
    from mentorcli import i18n

    with i18n.cohort_language(model.cohort.language):
        return _contract_context(model, pair)


def _contract_context(model: CohortFile, pair: Pair) -> dict[str, Any]:
    from mentorcli import i18n

    cohort = model.cohort
    lang = i18n.language()
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
            "language": cohort.language,
            "kind": cohort.kind,
            "kind_label": _label(KIND_LABELS, cohort.kind),
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
            "status_label": _label(STATUS_LABELS, pair.status),
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
            "cadence_label": cadence_label(cohort.cadence, lang),
            "cadence_phrase": _label(CADENCE_PHRASES, cohort.cadence),
            "session_minutes": cohort.session_minutes,
            "time": format_time(MEETING_TIME, lang),
            "timezone": pair_timezone(mentor, mentee),
            "modes": [
                {"id": mode, "label": _label(MODE_LABELS, mode), "used": mode in used_modes}
                for mode in MODES
            ],
            "dates": dates,
            "count": len(dates),
        },
        "checkins": {"midpoint": evaluation.midpoint, "final": evaluation.final},
    }


# --- templates ----------------------------------------------------------------------------


def default_template(language: str | None, fmt: str) -> Path:
    """The shipped contract template for a language and format (None: the current language);
    the English one when the language has none."""
    from mentorcli import i18n

    lang = i18n.normalize(language) if language else i18n.language()
    path = templates_dir() / (lang or i18n.ENGLISH) / f"contract.{fmt}.j2"
    return path if path.is_file() else templates_dir() / i18n.ENGLISH / f"contract.{fmt}.j2"


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
        raise TemplateError(_("{template}: template not found (or not a file)")
                            .format(template=template))
    language = str(context.get("language") or "en")
    env = make_environment(template, fmt, language)
    return render(env, template.name, context, shown_name=str(template),
                  refused_hint="contract templates may only use the contract data",
                  variables_doc="docs/contracts.md")


def render_contract(
    model: CohortFile, pair: Pair, fmt: str = "md", template: Path | None = None
) -> str:
    """The contract of `pair` as text in `fmt` ('md' or 'html'), from `template` or the
    shipped template of the current language (`mentorcli.i18n.language()`: --lang,
    MENTORCLI_LANG, else this model's cohort language, else the locale)."""
    from mentorcli import i18n

    with i18n.cohort_language(model.cohort.language):
        return _render_contract(model, pair, fmt, template)


def _render_contract(model: CohortFile, pair: Pair, fmt: str, template: Path | None) -> str:
    if fmt not in FORMATS:
        raise UsageError(_("unknown format {format}; expected md or html")
                         .format(format=repr(fmt)))
    path = template if template is not None else default_template(None, fmt)
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
        raise UsageError(_("--pair {spec}: expected MENTOR:MENTEE (two participant ids), "
                           "e.g. --pair cleroy:bpetit").format(spec=repr(spec)))
    return mentor, mentee


_NOT_ACTIVE = {
    ("contracts", "proposed"): N_("pair {pair} is proposed: contracts are made for active pairs "
                                  "(add --include-proposed)"),
    ("contracts", "ended"): N_("pair {pair} is ended: contracts are made for active pairs"),
    ("calendars", "proposed"): N_("pair {pair} is proposed: calendars are made for active "
                                  "pairs"),
    ("calendars", "ended"): N_("pair {pair} is ended: calendars are made for active pairs"),
}


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
            raise UsageError(_("no pair {pair} in this cohort").format(pair=":".join(only)))
        if pair.status not in statuses:
            message = _NOT_ACTIVE.get((what, pair.status),
                                      N_("pair {pair} is {status}: only active pairs are made"))
            raise UsageError(_(message).format(pair=":".join(only), status=pair.status))
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
            raise UsageError(_("{id} is not an id (a-z, 0-9, '-'): no file name made from it")
                             .format(id=repr(pid)))
    path = out_dir / f"{pair.mentor}--{pair.mentee}.{extension}"
    base = out_dir.resolve()
    target = path.resolve()
    if target.parent != base:
        raise UsageError(_("{path}: refusing to write outside the output folder {folder}")
                         .format(path=path, folder=out_dir))
    return path


# --- writing files (contracts and calendars) ----------------------------------------------


@dataclass(frozen=True)
class Written:
    """One output file: where, and whether its bytes changed (False: already up to date)."""

    path: Path
    changed: bool


_LINKED_FOLDER = {
    "contracts": N_("{path}: is a symbolic link (to {target}); mentorcli does not write its "
                    "contracts through a link into another folder: remove the link, or name "
                    "the folder you want with --out"),
    "calendars": N_("{path}: is a symbolic link (to {target}); mentorcli does not write its "
                    "calendars through a link into another folder: remove the link, or name "
                    "the folder you want with --out"),
}


def default_out_dir(cohort_path: Path, model: CohortFile, kind: str) -> Path:
    """`<folder of the cohort file>/<kind>/<cohort id>`, e.g. contracts/managers-2026."""
    if not SLUG_RE.match(model.cohort.id):
        raise UsageError(_("cohort id {id} is not a slug: no folder made from it")
                         .format(id=repr(model.cohort.id)))
    folder = cohort_path.parent / kind / model.cohort.id
    for part in (folder.parent, folder):
        if part.is_symlink():
            message = _LINKED_FOLDER.get(kind, _LINKED_FOLDER["contracts"])
            raise UsageError(_(message).format(path=part, target=os.readlink(part)))
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
            raise UsageError(_("{path}: exists and is not a plain file (a link or a folder); "
                               "nothing was written").format(path=path))
        try:
            same = path.is_file() and path.read_bytes() == data
        except OSError as error:
            raise UsageError(_("{path}: cannot read: {reason}; nothing was written")
                             .format(path=path, reason=error.strerror or error)) from None
        if not same:
            changed.append((path, data))
        written.append(Written(path, not same))
    if changed:
        atomic_write_many(changed)
    return written


def _check_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(_("{path}: exists and is not a folder").format(path=out_dir))


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
        if named == "md":
            message = _("--format {format}: {template} is a Markdown template; drop --format, "
                        "or pass an HTML template")
        else:
            message = _("--format {format}: {template} is an HTML template; drop --format, or "
                        "pass a Markdown template")
        raise UsageError(message.format(format=fmt, template=template))
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
        raise UsageError(_("--date {day} is in the future (today is {today}): record a "
                           "signature once it is made").format(day=day.isoformat(),
                                                               today=today.isoformat()))
    if pair.ended is not None and day > pair.ended:
        raise UsageError(_("--date {day} is after the pair ended ({ended})").format(
            day=day.isoformat(), ended=pair.ended.isoformat()))
    start = pair.started or model.cohort.start
    if day < start - dt.timedelta(days=EARLY_SIGNATURE_DAYS):
        if pair.started:
            message = _("{day} is more than {days} days before the pair started ({start}); "
                        "recorded anyway: check the year")
        else:
            message = _("{day} is more than {days} days before the cohort starts ({start}); "
                        "recorded anyway: check the year")
        return [message.format(day=day.isoformat(), days=EARLY_SIGNATURE_DAYS,
                               start=start.isoformat())]
    return []


def signature_changes(model: CohortFile, mentor: str, mentee: str, side: str,
                      day: dt.date, today: dt.date) -> E.Changes:
    """The edit that sets `signed.<side>` of the pair's latest entry to `day` (mentor and
    mentee by participant id or email); the result is the `Signature`. Pure."""
    from mentorcli.records import resolve_person

    if side not in SIDES:
        raise UsageError(_("--by {side}: expected mentor, mentee or coordinator")
                         .format(side=repr(side)))
    mentor_id = resolve_person(model, mentor, "mentor").id
    mentee_id = resolve_person(model, mentee, "mentee").id
    pair = model.find_pair(mentor_id, mentee_id)
    if pair is None:
        raise UsageError(_("no pair {pair} in this cohort (mentor first, then mentee)")
                         .format(pair=f"{mentor_id}:{mentee_id}"))
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

"""Recording what happens in a cohort: approvals, meetings, goals, endings, results.

Each planning function is pure: it checks a request against the validated `CohortFile` and
returns `Changes` (mentorcli.store.edits): the edits to make, addressed by pair, goal or
objective (never by list index), and what to tell the user; or it raises `UsageError` with a
message that says what is wrong and how to fix it. Nothing here reads the clock: "today" is
always a parameter. Session notes are stored but never quoted in a message.

The `*_file` functions at the end are the commands' use cases: one transaction on a cohort
file (`mentorcli.store.transaction.change_cohort`) around one planning function.

Rules (documented in docs/followup.md):
- a meeting is logged for a pair that was active on that day (approved, started on or before
  it, and not ended before it), dated within the cohort and not in the future, at most once
  per pair and day;
- a pair is approved from `proposed`, within the cohort dates, without taking its mentor over
  capacity or giving its mentee a second active mentor, and only if it keeps the hard rules of
  `pair` (reporting line, avoid, language...) or the coordinator wrote a reasoned exception
  in its `exception:` key;
- a pair is ended from `proposed` or `active`, on a day within the cohort, not in the future
  and not before it started; the mentee can then be paired again (never with that mentor);
- a result is a dated measure of a programme objective, not in the future, one per day.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentorcli import i18n
from mentorcli.dates import parse_date
from mentorcli.errors import UsageError
from mentorcli.i18n import N_, _, ngettext
from mentorcli.localize import sentence_date
from mentorcli.model import SLUG_RE, CohortFile, Pair, Participant
from mentorcli.store import edits as E

MAX_MINUTES = 24 * 60
MODES = ("in-person", "video", "phone")
_MODE_WORDS = {
    "in-person": "in-person", "inperson": "in-person", "in person": "in-person",
    "face-to-face": "in-person", "face to face": "in-person", "onsite": "in-person",
    "on-site": "in-person", "présentiel": "in-person", "presentiel": "in-person",
    "en présentiel": "in-person", "en presentiel": "in-person",
    "video": "video", "vidéo": "video", "visio": "video", "visioconférence": "video",
    "visioconference": "video", "online": "video", "remote": "video", "teams": "video",
    "zoom": "video",
    "phone": "phone", "telephone": "phone", "téléphone": "phone", "call": "phone",
}


# ------------------------------------------------------------------ small parsers


def parse_mode(text: str | None) -> str | None:
    """A meeting mode: in-person, video or phone (a few common synonyms, English and French)."""
    if text is None or not str(text).strip():
        return None
    key = " ".join(str(text).strip().lower().replace("_", " ").split())
    mode = _MODE_WORDS.get(key) or _MODE_WORDS.get(key.replace(" ", "-"))
    if mode is None:
        raise UsageError(_("mode {value}: expected one of {modes}").format(
            value=_quote(text), modes=", ".join(MODES)))
    return mode


def check_minutes(minutes: int) -> int:
    if minutes < 1 or minutes > MAX_MINUTES:
        raise UsageError(_("minutes {minutes}: expected a whole number from 1 to {most}").format(
            minutes=minutes, most=MAX_MINUTES))
    return minutes


_RATING = {"mentor": N_("rating of the mentor {value}: expected a whole number from 1 to 5"),
           "mentee": N_("rating of the mentee {value}: expected a whole number from 1 to 5")}


def check_rating(value: int | None, side: str) -> int | None:
    """A rating of 1-5 given by `side` ('mentor' or 'mentee'), or UsageError."""
    if value is None:
        return None
    if not 1 <= value <= 5:
        raise UsageError(_(_RATING[side]).format(value=value))
    return value


def _quote(value: object, limit: int = 40) -> str:
    """A user value for a message, shortened: a long cell is never echoed whole."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    shown = repr(text)  # controls escaped; in the language's quotation marks
    return _("'{value}'").format(value=shown[1:-1]) if shown.startswith("'") else shown


def pair_text(mentor: str, mentee: str) -> str:
    """A pair in a sentence: 'amartin -> jdupont' (the same in every language)."""
    return f"{mentor} -> {mentee}"


def _did_you_mean(close: list[str]) -> str:
    return _("; did you mean '{id}'?").format(id=close[0]) if close else ""


# ------------------------------------------------------------------ people and pairs


_NO_PERSON = {
    "mentor": N_("mentor {ref}: no participant with that id or email{hint}"),
    "mentee": N_("mentee {ref}: no participant with that id or email{hint}"),
    "participant": N_("participant {ref}: no participant with that id or email{hint}"),
}


def resolve_person(model: CohortFile, ref: str, role: str,
                   people: Mapping[str, Participant] | None = None,
                   emails: Mapping[str, Participant] | None = None) -> Participant:
    """The participant named by id or email (case-insensitive); UsageError with suggestions.

    `role` says who is named in the message: 'mentor', 'mentee' or 'participant'."""
    people = people if people is not None else model.people()
    key = str(ref).strip()
    found = people.get(key) or people.get(key.lower())
    if found is None and "@" in key:
        if emails is None:
            emails = {p.email.lower(): p for p in model.participants}
        found = emails.get(key.lower())
    if found is None:
        close = difflib.get_close_matches(key.lower(), list(people), n=1)
        message = _NO_PERSON.get(role, _NO_PERSON["participant"])
        raise UsageError(_(message).format(ref=_quote(key), hint=_did_you_mean(close)))
    return found


def find_pair(model: CohortFile, mentor: str, mentee: str) -> Pair:
    """The (latest) pair mentor -> mentee, or UsageError naming the pairs they have."""
    found = model.find_pair(mentor, mentee)
    if found is None:
        theirs = [pair_text(p.mentor, p.mentee) for p in model.pairs
                  if p.mentee == mentee or p.mentor == mentor]
        name = pair_text(mentor, mentee)
        if theirs:
            raise UsageError(_("no pair {pair} in this cohort (pairs with them: {pairs})")
                             .format(pair=name, pairs=", ".join(theirs)))
        raise UsageError(_("no pair {pair} in this cohort").format(pair=name))
    return found


def resolve_pair(model: CohortFile, mentor_ref: str, mentee_ref: str) -> Pair:
    """The (latest) pair named by mentor and mentee ids or emails."""
    mentor = resolve_person(model, mentor_ref, "mentor")
    mentee = resolve_person(model, mentee_ref, "mentee")
    return find_pair(model, mentor.id, mentee.id)


def _within_cohort(model: CohortFile, day: dt.date, message: str,
                   example: dt.date | None = None) -> None:
    """UsageError `message` (placeholders {day}, {start}, {end}, and {example} for a
    `--date` to suggest) when `day` is outside the cohort dates."""
    start, end = model.cohort.start, model.cohort.end
    if not start <= day <= end:
        raise UsageError(_(message).format(
            day=sentence_date(day), start=sentence_date(start), end=sentence_date(end),
            example=example.isoformat() if example is not None else ""))


_OUTSIDE = N_("date {day}: outside the cohort dates ({start} to {end})")
_FUTURE = N_("date {day}: is in the future (today is {today})")


def _not_future(day: dt.date, today: dt.date, message: str = _FUTURE) -> None:
    if day > today:
        raise UsageError(_(message).format(day=sentence_date(day), today=sentence_date(today)))


# ------------------------------------------------------------------ approve


_ARGUMENTS = "MENTOR MENTEE"  # as --help names them, in every language


@dataclass(frozen=True)
class Approved:
    mentor: str
    mentee: str
    started: dt.date
    exception: str | None = None  # the coordinator's reason, for a pair breaking a rule


def approve(
    model: CohortFile,
    *,
    mentor: str | None = None,
    mentee: str | None = None,
    all_proposed: bool = False,
    on: dt.date | None = None,
    today: dt.date,
) -> E.Changes:
    """Make proposed pairs active, `started` on `on` (default today); the result is the
    list of `Approved`."""
    named = mentor is not None or mentee is not None
    if all_proposed and named:
        raise UsageError(_("name one pair ({arguments}) or pass --all, not both").format(
            arguments=_ARGUMENTS))
    if not all_proposed and (mentor is None or mentee is None):
        raise UsageError(_("name the pair: {arguments} (ids or emails), or pass --all").format(
            arguments=_ARGUMENTS))
    day = on if on is not None else today
    if on is not None:
        _within_cohort(model, day, N_("start date {day}: outside the cohort dates ({start} to "
                                      "{end})"))
    else:
        _within_cohort(model, day, N_("start date {day}: outside the cohort dates ({start} to "
                                      "{end}); pass --date (e.g. --date {example})"),
                       example=model.cohort.start)

    if all_proposed:
        latest = {(p.mentor, p.mentee): p for p in model.pairs}
        chosen = [p for p in model.pairs if p.status == "proposed"
                  and latest[(p.mentor, p.mentee)] is p]
        if not chosen:
            raise UsageError(_("no proposed pair to approve"))
    else:
        assert mentor is not None and mentee is not None
        pair = resolve_pair(model, mentor, mentee)
        if pair.status != "proposed":
            if pair.status == "active" and pair.started:
                message = N_("pair {pair} is already active since {day}; only a proposed pair "
                             "can be approved")
            elif pair.status == "active":
                message = N_("pair {pair} is already active; only a proposed pair can be "
                             "approved")
            else:
                message = N_("pair {pair} is already ended; only a proposed pair can be "
                             "approved")
            raise UsageError(_(message).format(pair=pair_text(pair.mentor, pair.mentee),
                                               day=sentence_date(pair.started or day)))
        chosen = [pair]

    people = model.people()
    load: dict[str, int] = {}
    mentors_of: dict[str, list[str]] = {}
    for p in model.pairs:
        if p.status == "active":
            load[p.mentor] = load.get(p.mentor, 0) + 1
            mentors_of.setdefault(p.mentee, []).append(p.mentor)
    problems = []
    broken = _broken_rules(model, chosen)
    for pair in chosen:
        name = pair_text(pair.mentor, pair.mentee)
        words = broken.get((pair.mentor, pair.mentee))
        if words and not (pair.exception or "").strip():
            problems.append(_("{pair}: breaks a pairing rule: {rules}; to approve it anyway, "
                              "write the coordinator's reason in the pair's `exception:`")
                            .format(pair=name, rules=words))
            continue
        capacity = people[pair.mentor].capacity if pair.mentor in people else 0
        count = load.get(pair.mentor, 0) + 1
        if count > capacity:
            problems.append(ngettext(
                "{pair}: {mentor} would have {count} active mentee but capacity {capacity} "
                "(raise `capacity` in the file or end another pair first)",
                "{pair}: {mentor} would have {count} active mentees but capacity {capacity} "
                "(raise `capacity` in the file or end another pair first)", count).format(
                    pair=name, mentor=pair.mentor, count=i18n.number(count),
                    capacity=i18n.number(capacity)))
            continue
        if mentors_of.get(pair.mentee):
            problems.append(_("{pair}: {mentee} already has an active mentor ({mentors}); end "
                              "that pair first").format(
                pair=name, mentee=pair.mentee, mentors=", ".join(mentors_of[pair.mentee])))
            continue
        load[pair.mentor] = count
        mentors_of.setdefault(pair.mentee, []).append(pair.mentor)
    if problems:
        raise UsageError(_("nothing approved:") + "\n  " + "\n  ".join(problems))

    edits: list[E.Edit] = []
    approved = []
    for pair in chosen:
        at = E.pair(pair.mentor, pair.mentee)
        edits.append(E.Set(at, "status", "active", after=("mentee", "mentor")))
        edits.append(E.Set(at, "started", day, after=("status",)))
        exception = (pair.exception or "").strip() or None
        approved.append(Approved(pair.mentor, pair.mentee, day,
                                 exception if (pair.mentor, pair.mentee) in broken else None))
    return E.Changes(edits, approved)


def _broken_rules(model: CohortFile, pairs: list[Pair]) -> dict[tuple[str, str], str]:
    """The hard rules of `pair` each of `pairs` breaks, in `explain`'s words (capacity is
    checked by `approve` itself, on the active pairs)."""
    from mentorcli.pairing.context import RuleContext
    from mentorcli.pairing.rules import broken_rules

    ctx = RuleContext(model)
    found = {}
    for pair in pairs:
        rules = [reason for code, reason in broken_rules(model, pair, ctx)
                 if code != "capacity"]
        if rules:
            found[(pair.mentor, pair.mentee)] = ctx.words.join(rules)
    return found


# ------------------------------------------------------------------ log


class SessionChecker:
    """Checks meetings against a cohort, remembering the ones already accepted (no duplicates).

    Built once per command: the existing (mentor, mentee, date) keys are indexed in one pass.
    """

    def __init__(self, model: CohortFile, today: dt.date) -> None:
        self.model = model
        self.today = today
        self.people = model.people()
        self.emails = {p.email.lower(): p for p in model.participants}
        self.pairs = {(p.mentor, p.mentee): p for p in model.pairs}
        self.seen = {(s.mentor, s.mentee, s.date) for s in model.sessions}

    def entry(
        self,
        *,
        mentor: str,
        mentee: str,
        date: dt.date | str,
        minutes: int,
        mode: str | None = None,
        rating_mentor: int | None = None,
        rating_mentee: int | None = None,
        notes: str | None = None,
    ) -> dict[str, Any]:
        """The session to append, or UsageError. Accepted sessions count as existing."""
        m = resolve_person(self.model, mentor, "mentor", self.people, self.emails)
        e = resolve_person(self.model, mentee, "mentee", self.people, self.emails)
        pair = self.pairs.get((m.id, e.id)) or find_pair(self.model, m.id, e.id)
        day = parse_date(date, timestamps=True)
        name = pair_text(m.id, e.id)
        _not_future(day, self.today)
        _within_cohort(self.model, day, _OUTSIDE)
        if pair.status == "proposed":
            raise UsageError(_("pair {pair} is proposed, not active: approve it first "
                               "(mentorcli approve)").format(pair=name))
        if pair.started is not None and day < pair.started:
            raise UsageError(_("date {day}: before the pair {pair} started ({started})").format(
                day=sentence_date(day), pair=name, started=sentence_date(pair.started)))
        if pair.status == "ended":
            from mentorcli.schedule import assumed_end

            end, source = (pair.ended, "") if pair.ended else assumed_end(self.model, pair)
            if day > end and pair.ended:
                raise UsageError(_("pair {pair} ended on {end}; a meeting after its end cannot "
                                   "be logged").format(pair=name, end=sentence_date(end)))
            if day > end:
                raise UsageError(_(
                    "pair {pair} ended (no `ended:` date: {end}, {source}, is assumed); a "
                    "meeting after its end cannot be logged; if it ended later, write its "
                    "`ended:` date").format(pair=name, end=sentence_date(end), source=source))
        check_minutes(minutes)
        mode = parse_mode(mode)
        rating_mentor = check_rating(rating_mentor, "mentor")
        rating_mentee = check_rating(rating_mentee, "mentee")
        key = (m.id, e.id, day)
        if key in self.seen:
            raise UsageError(_("a meeting of {pair} on {day} is already logged").format(
                pair=name, day=sentence_date(day)))
        self.seen.add(key)
        entry: dict[str, Any] = {"mentor": m.id, "mentee": e.id, "date": day,
                                 "minutes": minutes}
        if mode is not None:
            entry["mode"] = mode
        rating = {k: v for k, v in (("mentor", rating_mentor), ("mentee", rating_mentee))
                  if v is not None}
        if rating:
            entry["rating"] = rating
        if notes is not None and str(notes).strip():
            entry["notes"] = str(notes).strip()
        return entry


def session_entry(model: CohortFile, *, today: dt.date, **fields: Any) -> dict[str, Any]:
    """One meeting to append (see `SessionChecker.entry`)."""
    return SessionChecker(model, today).entry(**fields)


def as_written(entry: dict[str, Any]) -> dict[str, Any]:
    """A session as the format's examples write it: `rating: {mentor: 4, mentee: 5}`."""
    if "rating" in entry:
        entry = {**entry, "rating": E.Flow(entry["rating"])}
    return entry


def log_session(model: CohortFile, *, today: dt.date, **fields: Any) -> E.Changes:
    """Append one meeting (see `SessionChecker.entry`); the result is the entry."""
    entry = session_entry(model, today=today, **fields)
    return E.Changes(append_sessions(model, [as_written(entry)]), entry)


def append_sessions(model: CohortFile, entries: list[dict[str, Any]]) -> list[E.Edit]:
    """Edits adding meetings at the end of `sessions` (made when the file has none)."""
    return [E.Append(("sessions",), entry) for entry in entries]


@dataclass(frozen=True)
class RowProblem:
    row: int  # spreadsheet row number: the header is row 1
    message: str


def sessions_from_rows(
    model: CohortFile,
    rows: Iterable[tuple[int, Mapping[str, str]]],
    *,
    today: dt.date,
) -> tuple[list[dict[str, Any]], list[RowProblem]]:
    """Meetings from check-in rows (row number, {column: text}), and every bad row's problem.

    Columns: mentor, mentee, date, minutes, mode, rating_mentor, rating_mentee, notes (see
    `mentorcli.importing.checkins`). A row repeating an earlier one is a duplicate.
    """
    checker = SessionChecker(model, today)
    entries: list[dict[str, Any]] = []
    problems: list[RowProblem] = []
    for number, row in rows:
        try:
            missing = [c for c in ("mentor", "mentee", "date", "minutes")
                       if not (row.get(c) or "").strip()]
            if missing:
                raise UsageError(ngettext("empty {columns}", "empty {columns}", len(missing))
                                 .format(columns=", ".join(missing)))
            entries.append(checker.entry(
                mentor=row["mentor"],
                mentee=row["mentee"],
                date=row["date"],
                minutes=_whole(row["minutes"], "minutes"),
                mode=row.get("mode") or None,
                rating_mentor=_whole_or_none(row.get("rating_mentor"), "rating_mentor"),
                rating_mentee=_whole_or_none(row.get("rating_mentee"), "rating_mentee"),
                notes=row.get("notes") or None,
            ))
        except UsageError as error:
            problems.append(RowProblem(number, str(error)))
    return entries, problems


@dataclass(frozen=True)
class CheckinsLogged:
    """What `log --from-csv` did: the meetings appended and the rows skipped."""

    entries: list[dict[str, Any]]
    skipped: list[RowProblem]
    rows: int


def _whole(text: str, what: str) -> int:
    value = str(text).strip()
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number != int(number):
        raise UsageError(_("{column} {value}: expected a whole number").format(
            column=what, value=_quote(value)))
    return int(number)


def _whole_or_none(text: str | None, what: str) -> int | None:
    if text is None or not str(text).strip():
        return None
    return _whole(text, what)


# ------------------------------------------------------------------ goals


_PERCENTAGE = N_("--progress {progress}: expected a percentage from 0 to 100")


def set_goal_progress(
    model: CohortFile, *, mentor: str, mentee: str, goal_id: str, progress: int,
) -> E.Changes:
    """Set a pair goal's progress (0-100); the result is (old, new)."""
    if not 0 <= progress <= 100:
        raise UsageError(_(_PERCENTAGE).format(progress=progress))
    pair = resolve_pair(model, mentor, mentee)
    for goal in pair.goals:
        if goal.id == goal_id:
            edit = E.Set(E.goal(pair.mentor, pair.mentee, goal_id), "progress", progress,
                         after=("due", "objective", "measure", "text"))
            return E.Changes([edit], (goal.progress, progress))
    known = [g.id for g in pair.goals]
    name = pair_text(pair.mentor, pair.mentee)
    if not known:
        raise UsageError(_("pair {pair} has no goal {goal} (it has no goals yet); add one with "
                           "--add --text TEXT").format(pair=name, goal=_quote(goal_id)))
    close = difflib.get_close_matches(goal_id, known, n=1)
    raise UsageError(_("pair {pair} has no goal {goal} (its goals: {goals}){hint}; add one "
                       "with --add --text TEXT").format(
        pair=name, goal=_quote(goal_id), goals=", ".join(known), hint=_did_you_mean(close)))


def add_goal(
    model: CohortFile,
    *,
    mentor: str,
    mentee: str,
    goal_id: str,
    text: str,
    objective: str | None = None,
    due: dt.date | None = None,
    measure: str | None = None,
    progress: int | None = None,
) -> E.Changes:
    """Add a goal to a pair; the result is the goal."""
    if not SLUG_RE.match(goal_id):
        raise UsageError(_("goal id {goal}: use lower-case letters, digits and '-' (e.g. "
                           "'public-speaking')").format(goal=_quote(goal_id)))
    if not text or not text.strip():
        raise UsageError(_("--text: say what the mentee will achieve"))
    pair = resolve_pair(model, mentor, mentee)
    name = pair_text(pair.mentor, pair.mentee)
    if pair.status == "ended":
        raise UsageError(_("pair {pair} has ended; goals can no longer be added").format(
            pair=name))
    if any(g.id == goal_id for g in pair.goals):
        raise UsageError(_("pair {pair} already has a goal {goal}; set its progress with "
                           "--progress N").format(pair=name, goal=_quote(goal_id)))
    if objective is not None:
        _known_objective(model, objective, N_(
            "--objective {objective}: not a programme objective ({objectives}){hint}"), N_(
            "--objective {objective}: not a programme objective (none defined)"))
    if progress is not None and not 0 <= progress <= 100:
        raise UsageError(_(_PERCENTAGE).format(progress=progress))
    goal: dict[str, Any] = {"id": goal_id, "text": text.strip()}
    if measure:
        goal["measure"] = measure.strip()
    if objective:
        goal["objective"] = objective
    if due is not None:
        goal["due"] = due
    goal["progress"] = progress if progress is not None else 0
    at = E.pair(pair.mentor, pair.mentee)
    if pair.goals:
        edit: E.Edit = E.Append((*at, "goals"), goal)
    else:  # no `goals:` yet, or `goals: []`
        edit = E.Set(at, "goals", [goal])
    return E.Changes([edit], goal)


def _known_objective(model: CohortFile, objective: str, message: str, none: str) -> None:
    """UsageError `message` (or `none` when the programme has no objective) unless
    `objective` is the id of a programme objective."""
    known = [o.id for o in model.objectives]
    if objective in known:
        return
    if not known:
        raise UsageError(_(none).format(objective=_quote(objective)))
    close = difflib.get_close_matches(objective, known, n=1)
    raise UsageError(_(message).format(objective=_quote(objective), objectives=", ".join(known),
                                       hint=_did_you_mean(close)))


# ------------------------------------------------------------------ end


def end_pair(
    model: CohortFile,
    *,
    mentor: str,
    mentee: str,
    reason: str,
    on: dt.date | None = None,
    today: dt.date,
) -> E.Changes:
    """End a proposed or active pair on `on` (default today) with a reason; the result is
    (pair, day)."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise UsageError(_("--reason: say why the pair ends (e.g. 'mentee changed jobs')"))
    pair = resolve_pair(model, mentor, mentee)
    name = pair_text(pair.mentor, pair.mentee)
    if pair.status == "ended":
        if pair.ended:
            raise UsageError(_("pair {pair} already ended on {day}").format(
                pair=name, day=sentence_date(pair.ended)))
        raise UsageError(_("pair {pair} already ended").format(pair=name))
    day = on if on is not None else today
    _not_future(day, today, N_("end date {day}: is in the future (today is {today})"))
    if on is not None:
        _within_cohort(model, day, N_("end date {day}: outside the cohort dates ({start} to "
                                      "{end})"))
    else:
        _within_cohort(model, day, N_("end date {day}: outside the cohort dates ({start} to "
                                      "{end}); pass --date (e.g. --date {example})"),
                       example=min(model.cohort.end, today))
    if pair.started is not None and day < pair.started:
        raise UsageError(_("end date {day}: before the pair {pair} started ({started})").format(
            day=sentence_date(day), pair=name, started=sentence_date(pair.started)))
    at = E.pair(pair.mentor, pair.mentee)
    return E.Changes([E.Set(at, "status", "ended", after=("mentee", "mentor")),
                      E.Set(at, "ended", day, after=("started", "status")),
                      E.Set(at, "end_reason", reason, after=("ended",))], (pair, day))


# ------------------------------------------------------------------ result


def parse_value(text: str | float) -> float:
    """A measured value: a number ('93', '93.5', '93,5', '93%')."""
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        raw = str(text).strip().rstrip("%").strip().replace(",", ".")
        try:
            value = float(raw)
        except ValueError:
            raise UsageError(_("value {value}: expected a number, e.g. 93 or 93.5").format(
                value=_quote(text))) from None
    if not math.isfinite(value):
        raise UsageError(_("value {value}: expected a finite number").format(
            value=_quote(text)))
    return value


def add_result(
    model: CohortFile,
    *,
    objective_id: str,
    value: float,
    on: dt.date | None = None,
    today: dt.date,
) -> E.Changes:
    """Record a measured value of a programme objective; the result is the entry
    (`{date, value}`, written in flow style as the format's examples do)."""
    _known_objective(model, objective_id, N_(
        "objective {objective}: not a programme objective ({objectives}){hint}"), N_(
        "objective {objective}: not a programme objective (none defined)"))
    known = [o.id for o in model.objectives]
    objective = model.objectives[known.index(objective_id)]
    day = on if on is not None else today
    _not_future(day, today)
    for res in objective.results:
        if res.date == day:
            raise UsageError(_("objective {objective} already has a result on {day} ({value}); "
                               "edit the file to correct it").format(
                objective=objective_id, day=sentence_date(day),
                value=i18n.decimal(f"{res.value:g}")))
    number: float | int = int(value) if float(value).is_integer() else value
    result = {"date": day, "value": number}
    at = E.objective(objective_id)
    if objective.results:
        edit: E.Edit = E.Append((*at, "results"), E.Flow(result))
    else:  # no `results:` yet, or `results: []`
        edit = E.Set(at, "results", [E.Flow(result)])
    return E.Changes([edit], result)


# ------------------------------------------------------------------ on a cohort file


def _on_file(path: str | Path, plan: Callable[[CohortFile], E.Changes]) -> Any:
    from mentorcli.store.transaction import change_cohort

    return change_cohort(path, plan)


def approve_file(path: str | Path, *, today: dt.date, **options: Any) -> list[Approved]:
    """`approve` on the cohort file at `path` (one transaction)."""
    return _on_file(path, lambda model: approve(model, today=today, **options))


def log_file(path: str | Path, *, today: dt.date, **fields: Any) -> dict[str, Any]:
    """`log_session` on the cohort file at `path`; returns the entry appended."""
    return _on_file(path, lambda model: log_session(model, today=today, **fields))


def add_goal_file(path: str | Path, **options: Any) -> dict[str, Any]:
    """`add_goal` on the cohort file at `path`; returns the goal."""
    return _on_file(path, lambda model: add_goal(model, **options))


def set_goal_progress_file(path: str | Path, **options: Any) -> tuple[int, int]:
    """`set_goal_progress` on the cohort file at `path`; returns (old, new)."""
    return _on_file(path, lambda model: set_goal_progress(model, **options))


def end_pair_file(path: str | Path, *, today: dt.date, **options: Any) -> tuple[Pair, dt.date]:
    """`end_pair` on the cohort file at `path`; returns (pair, day)."""
    return _on_file(path, lambda model: end_pair(model, today=today, **options))


def add_result_file(path: str | Path, *, today: dt.date, **options: Any) -> dict[str, Any]:
    """`add_result` on the cohort file at `path`; returns the result entry."""
    return _on_file(path, lambda model: add_result(model, today=today, **options))

"""Recording what happens in a cohort: approvals, meetings, goals, endings, results. Pure.

Each function checks a request against the validated `CohortFile` and either returns what
to append (`log`) or mutates the round-trip ruamel document handed over by
`mentorcli.store.writing.edit_cohort` (`approve`, `goal`, `end`, `result`), or raises `UsageError`
with a message that says what is wrong and how to fix it. Nothing here reads the clock:
"today" is always a parameter. Session notes are stored but never quoted in a message.

Rules (documented in docs/followup.md):
- a meeting is logged for a pair that was active on that day (approved, started on or before
  it, and not ended before it), dated within the cohort and not in the future, at most once
  per pair and day;
- a pair is approved from `proposed`, within the cohort dates, without taking its mentor over
  capacity or giving its mentee a second active mentor;
- a pair is ended from `proposed` or `active`, on a day within the cohort, not in the future
  and not before it started; the mentee can then be paired again (never with that mentor);
- a result is a dated measure of a programme objective, not in the future, one per day.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from mentorcli.errors import UsageError
from mentorcli.localize import counted
from mentorcli.model import SLUG_RE, CohortFile, Pair, Participant

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


def parse_date(text: str | dt.date, what: str = "date") -> dt.date:
    """An ISO date ('2026-02-03'; a timestamp's date part is accepted); UsageError otherwise."""
    if isinstance(text, dt.date):
        return text
    value = str(text).strip()
    candidate = value[:10] if len(value) > 10 and value[10:11] in ("T", " ") else value
    try:
        if len(candidate) != 10:
            raise ValueError
        return dt.date.fromisoformat(candidate)
    except ValueError:
        raise UsageError(f"{what} {_quote(value)}: expected a date like 2026-02-03") from None


def parse_mode(text: str | None) -> str | None:
    """A meeting mode: in-person, video or phone (a few common synonyms, English and French)."""
    if text is None or not str(text).strip():
        return None
    key = " ".join(str(text).strip().lower().replace("_", " ").split())
    mode = _MODE_WORDS.get(key) or _MODE_WORDS.get(key.replace(" ", "-"))
    if mode is None:
        raise UsageError(f"mode {_quote(text)}: expected one of {', '.join(MODES)}")
    return mode


def check_minutes(minutes: int) -> int:
    if minutes < 1 or minutes > MAX_MINUTES:
        raise UsageError(f"minutes {minutes}: expected a whole number from 1 to {MAX_MINUTES}")
    return minutes


def check_rating(value: int | None, side: str) -> int | None:
    if value is None:
        return None
    if not 1 <= value <= 5:
        raise UsageError(f"rating of the {side} {value}: expected a whole number from 1 to 5")
    return value


def _quote(value: object, limit: int = 40) -> str:
    """A user value for a message, shortened: a long cell is never echoed whole."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


# ------------------------------------------------------------------ people and pairs


def resolve_person(model: CohortFile, ref: str, role: str,
                   people: Mapping[str, Participant] | None = None,
                   emails: Mapping[str, Participant] | None = None) -> Participant:
    """The participant named by id or email (case-insensitive); UsageError with suggestions."""
    people = people if people is not None else model.people()
    key = str(ref).strip()
    found = people.get(key) or people.get(key.lower())
    if found is None and "@" in key:
        if emails is None:
            emails = {p.email.lower(): p for p in model.participants}
        found = emails.get(key.lower())
    if found is None:
        close = difflib.get_close_matches(key.lower(), list(people), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise UsageError(f"{role} {_quote(key)}: no participant with that id or email{hint}")
    return found


def find_pair_index(model: CohortFile, mentor: str, mentee: str) -> int:
    """Index in `pairs` of the (latest) pair mentor -> mentee, or UsageError."""
    index = None
    for i, pair in enumerate(model.pairs):
        if pair.mentor == mentor and pair.mentee == mentee:
            index = i
    if index is None:
        theirs = [f"{p.mentor} -> {p.mentee}" for p in model.pairs
                  if p.mentee == mentee or p.mentor == mentor]
        hint = f" (pairs with them: {', '.join(theirs)})" if theirs else ""
        raise UsageError(f"no pair {mentor} -> {mentee} in this cohort{hint}")
    return index


def resolve_pair(model: CohortFile, mentor_ref: str, mentee_ref: str) -> tuple[int, Pair]:
    """(index, pair) named by mentor and mentee ids or emails."""
    mentor = resolve_person(model, mentor_ref, "mentor")
    mentee = resolve_person(model, mentee_ref, "mentee")
    index = find_pair_index(model, mentor.id, mentee.id)
    return index, model.pairs[index]


def _within_cohort(model: CohortFile, day: dt.date, what: str) -> None:
    start, end = model.cohort.start, model.cohort.end
    if not start <= day <= end:
        raise UsageError(f"{what} {day}: outside the cohort dates ({start} to {end})")


def _not_future(day: dt.date, today: dt.date, what: str) -> None:
    if day > today:
        raise UsageError(f"{what} {day}: is in the future (today is {today})")


def _set_after(node: Any, key: str, value: Any, after: Iterable[str]) -> None:
    """Set `key` in a ruamel mapping; a new key goes after the first of `after` present."""
    if key in node:
        node[key] = value
        return
    keys = list(node.keys())
    position = len(keys)
    for name in after:
        if name in node:
            position = keys.index(name) + 1
            break
    node.insert(position, key, value)


# ------------------------------------------------------------------ approve


@dataclass(frozen=True)
class Approved:
    mentor: str
    mentee: str
    started: dt.date


def approve(
    document: Any,
    model: CohortFile,
    *,
    mentor: str | None = None,
    mentee: str | None = None,
    all_proposed: bool = False,
    on: dt.date | None = None,
    today: dt.date,
) -> list[Approved]:
    """Make proposed pairs active, `started` on `on` (default today). Mutates `document`."""
    named = mentor is not None or mentee is not None
    if all_proposed and named:
        raise UsageError("name one pair (MENTOR MENTEE) or pass --all, not both")
    if not all_proposed and (mentor is None or mentee is None):
        raise UsageError("name the pair: MENTOR MENTEE (ids or emails), or pass --all")
    day = on if on is not None else today
    start, end = model.cohort.start, model.cohort.end
    if not start <= day <= end:
        hint = "" if on is not None else f"; pass --date (e.g. --date {start})"
        raise UsageError(f"start date {day}: outside the cohort dates ({start} to {end}){hint}")

    if all_proposed:
        chosen = [i for i, p in enumerate(model.pairs) if p.status == "proposed"]
        if not chosen:
            raise UsageError("no proposed pair to approve")
    else:
        assert mentor is not None and mentee is not None
        index, pair = resolve_pair(model, mentor, mentee)
        if pair.status != "proposed":
            since = f" since {pair.started}" if pair.status == "active" and pair.started else ""
            raise UsageError(f"pair {pair.mentor} -> {pair.mentee} is already "
                             f"{pair.status}{since}; only a proposed pair can be approved")
        chosen = [index]

    people = model.people()
    load: dict[str, int] = {}
    mentors_of: dict[str, list[str]] = {}
    for p in model.pairs:
        if p.status == "active":
            load[p.mentor] = load.get(p.mentor, 0) + 1
            mentors_of.setdefault(p.mentee, []).append(p.mentor)
    problems = []
    for i in chosen:
        pair = model.pairs[i]
        name = f"{pair.mentor} -> {pair.mentee}"
        capacity = people[pair.mentor].capacity if pair.mentor in people else 0
        if load.get(pair.mentor, 0) + 1 > capacity:
            problems.append(f"{name}: {pair.mentor} would have {load.get(pair.mentor, 0) + 1} "
                            f"active mentees but capacity {capacity} (raise `capacity` in the "
                            "file or end another pair first)")
            continue
        if mentors_of.get(pair.mentee):
            problems.append(f"{name}: {pair.mentee} already has an active mentor "
                            f"({', '.join(mentors_of[pair.mentee])}); end that pair first")
            continue
        load[pair.mentor] = load.get(pair.mentor, 0) + 1
        mentors_of.setdefault(pair.mentee, []).append(pair.mentor)
    if problems:
        raise UsageError("nothing approved:\n  " + "\n  ".join(problems))

    approved = []
    for i in chosen:
        node = document["pairs"][i]
        _set_after(node, "status", "active", ("mentee", "mentor"))
        _set_after(node, "started", day, ("status",))
        approved.append(Approved(model.pairs[i].mentor, model.pairs[i].mentee, day))
    return approved


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
        pair = self.pairs.get((m.id, e.id))
        if pair is None:
            find_pair_index(self.model, m.id, e.id)  # raises with a helpful hint
            raise AssertionError("unreachable")
        day = parse_date(date)
        name = f"{m.id} -> {e.id}"
        _not_future(day, self.today, "date")
        _within_cohort(self.model, day, "date")
        if pair.status == "proposed":
            raise UsageError(f"pair {name} is proposed, not active: approve it first "
                             "(mentorcli approve)")
        if pair.started is not None and day < pair.started:
            raise UsageError(f"date {day}: before the pair {name} started ({pair.started})")
        if pair.status == "ended" and (pair.ended is None or day > pair.ended):
            when = f" on {pair.ended}" if pair.ended else ""
            raise UsageError(f"pair {name} ended{when}; a meeting after its end cannot be "
                             "logged")
        check_minutes(minutes)
        mode = parse_mode(mode)
        rating_mentor = check_rating(rating_mentor, "mentor")
        rating_mentee = check_rating(rating_mentee, "mentee")
        key = (m.id, e.id, day)
        if key in self.seen:
            raise UsageError(f"a meeting of {name} on {day} is already logged")
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
    from mentorcli.store.roundtrip import to_yaml_node

    if "rating" in entry:
        entry["rating"] = to_yaml_node(entry["rating"], flow=True)
    return entry


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
                raise UsageError(f"empty {', '.join(missing)}")
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


def checkin_sessions(
    model: CohortFile,
    rows: Iterable[tuple[int, Mapping[str, str]]],
    *,
    today: dt.date,
    source: str,
    skip_invalid: bool = False,
) -> tuple[list[dict[str, Any]], list[RowProblem]]:
    """The meetings of a check-in file to append (as written in the cohort file), and the
    rows skipped. Unless `skip_invalid`, one bad row refuses them all: UsageError naming
    every bad row (`source: row N: problem`), so nothing is written."""
    rows = list(rows)
    entries, problems = sessions_from_rows(model, rows, today=today)
    if problems and not skip_invalid:
        lines = [f"{source}: row {p.row}: {p.message}" for p in problems]
        verb = "is" if len(problems) == 1 else "are"
        lines.append(f"nothing was logged: {len(problems)} of "
                     f"{counted(len(rows), 'row', 'rows')} {verb} invalid; fix them, or pass "
                     "--skip-invalid to log the others")
        raise UsageError("\n".join(lines))
    return [as_written(entry) for entry in entries], problems


def _whole(text: str, what: str) -> int:
    value = str(text).strip()
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        raise UsageError(f"{what} {_quote(value)}: expected a whole number") from None
    if not math.isfinite(number) or number != int(number):
        raise UsageError(f"{what} {_quote(value)}: expected a whole number")
    return int(number)


def _whole_or_none(text: str | None, what: str) -> int | None:
    if text is None or not str(text).strip():
        return None
    return _whole(text, what)


# ------------------------------------------------------------------ goals


def set_goal_progress(
    document: Any, model: CohortFile, *, mentor: str, mentee: str, goal_id: str, progress: int,
) -> tuple[int, int]:
    """Set a pair goal's progress (0-100); returns (old, new). Mutates `document`."""
    if not 0 <= progress <= 100:
        raise UsageError(f"--progress {progress}: expected a percentage from 0 to 100")
    index, pair = resolve_pair(model, mentor, mentee)
    for j, goal in enumerate(pair.goals):
        if goal.id == goal_id:
            node = document["pairs"][index]["goals"][j]
            _set_after(node, "progress", progress, ("due", "objective", "measure", "text"))
            return goal.progress, progress
    known = [g.id for g in pair.goals]
    close = difflib.get_close_matches(goal_id, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    listing = f" (its goals: {', '.join(known)})" if known else " (it has no goals yet)"
    raise UsageError(f"pair {pair.mentor} -> {pair.mentee} has no goal {_quote(goal_id)}"
                     f"{listing}{hint}; add one with --add --text TEXT")


def add_goal(
    document: Any,
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
) -> dict[str, Any]:
    """Add a goal to a pair; returns it. Mutates `document`."""
    from mentorcli.store.roundtrip import to_yaml_node

    if not SLUG_RE.match(goal_id):
        raise UsageError(f"goal id {_quote(goal_id)}: use lower-case letters, digits and '-' "
                         "(e.g. 'public-speaking')")
    if not text or not text.strip():
        raise UsageError("--text: say what the mentee will achieve")
    index, pair = resolve_pair(model, mentor, mentee)
    if pair.status == "ended":
        raise UsageError(f"pair {pair.mentor} -> {pair.mentee} has ended; goals can no "
                         "longer be added")
    if any(g.id == goal_id for g in pair.goals):
        raise UsageError(f"pair {pair.mentor} -> {pair.mentee} already has a goal "
                         f"{_quote(goal_id)}; set its progress with --progress N")
    if objective is not None:
        known = [o.id for o in model.objectives]
        if objective not in known:
            close = difflib.get_close_matches(objective, known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            listing = ", ".join(known) or "none defined"
            raise UsageError(f"--objective {_quote(objective)}: not a programme objective "
                             f"({listing}){hint}")
    if progress is not None and not 0 <= progress <= 100:
        raise UsageError(f"--progress {progress}: expected a percentage from 0 to 100")
    goal: dict[str, Any] = {"id": goal_id, "text": text.strip()}
    if measure:
        goal["measure"] = measure.strip()
    if objective:
        goal["objective"] = objective
    if due is not None:
        goal["due"] = due
    goal["progress"] = progress if progress is not None else 0
    node = document["pairs"][index]
    goals = node.get("goals")
    if goals is None or len(goals) == 0:
        _set_after(node, "goals", to_yaml_node([goal]), ())
    else:
        goals.append(to_yaml_node(goal))
    return goal


# ------------------------------------------------------------------ end


def end_pair(
    document: Any,
    model: CohortFile,
    *,
    mentor: str,
    mentee: str,
    reason: str,
    on: dt.date | None = None,
    today: dt.date,
) -> tuple[Pair, dt.date]:
    """End a proposed or active pair on `on` (default today) with a reason. Mutates `document`."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise UsageError("--reason: say why the pair ends (e.g. 'mentee changed jobs')")
    index, pair = resolve_pair(model, mentor, mentee)
    name = f"{pair.mentor} -> {pair.mentee}"
    if pair.status == "ended":
        when = f" on {pair.ended}" if pair.ended else ""
        raise UsageError(f"pair {name} already ended{when}")
    day = on if on is not None else today
    _not_future(day, today, "end date")
    start, end = model.cohort.start, model.cohort.end
    if not start <= day <= end:
        hint = "" if on is not None else f"; pass --date (e.g. --date {min(end, today)})"
        raise UsageError(f"end date {day}: outside the cohort dates ({start} to {end}){hint}")
    if pair.started is not None and day < pair.started:
        raise UsageError(f"end date {day}: before the pair {name} started ({pair.started})")
    node = document["pairs"][index]
    _set_after(node, "status", "ended", ("mentee", "mentor"))
    _set_after(node, "ended", day, ("started", "status"))
    _set_after(node, "end_reason", reason, ("ended",))
    return pair, day


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
            raise UsageError(f"value {_quote(text)}: expected a number, e.g. 93 or 93.5") \
                from None
    if not math.isfinite(value):
        raise UsageError(f"value {_quote(text)}: expected a finite number")
    return value


def add_result(
    document: Any,
    model: CohortFile,
    *,
    objective_id: str,
    value: float,
    on: dt.date | None = None,
    today: dt.date,
) -> dict[str, Any]:
    """Record a measured value of a programme objective; returns it. Mutates `document`."""
    from mentorcli.store.roundtrip import to_yaml_node

    known = [o.id for o in model.objectives]
    if objective_id not in known:
        close = difflib.get_close_matches(objective_id, known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise UsageError(f"objective {_quote(objective_id)}: not a programme objective "
                         f"({', '.join(known) or 'none defined'}){hint}")
    index = known.index(objective_id)
    objective = model.objectives[index]
    day = on if on is not None else today
    _not_future(day, today, "date")
    for res in objective.results:
        if res.date == day:
            raise UsageError(f"objective {objective_id} already has a result on {day} "
                             f"({res.value:g}); edit the file to correct it")
    number: float | int = int(value) if float(value).is_integer() else value
    result = {"date": day, "value": number}
    node = document["objectives"][index]
    results = node.get("results")
    if results is None or len(results) == 0:
        _set_after(node, "results", to_yaml_node([result], flow=False), ())
        node["results"][0] = to_yaml_node(result, flow=True)
    else:
        flow = all(getattr(getattr(r, "fa", None), "flow_style", lambda: False)()
                   for r in results if hasattr(r, "fa"))
        results.append(to_yaml_node(result, flow=flow))
    return result

"""The right to erasure and retention: `forget` one person, `anonymize` many.

`forget` and `anonymize` are pure: they read the validated model and return the edits that
erase (mentorcli.store.edits: ids re-keyed with `RenameId`, keys removed with `Remove`,
values replaced with `Set`, each addressed by the person's id or the pair's ids), and a
`PrivacyResult` saying what was done. The store applies the edits as text, so every comment,
key order and quoting of the file survives. `forget_in_file` and `anonymize_file` run them
on a cohort file in one transaction, then look for leftover mentions and remove the
contracts and calendars made for the erased people; `preview_forget` and `retention_plan`
say beforehand what would be done.

What happens to a person (see docs/privacy-import.md, `mentorcli forget`):

- their id is replaced by a random pseudonym such as `p-3f9a1c` everywhere it is used
  (`manager`, `org`, `prefer`, `avoid`, `pairs`, `sessions`): ids like `amartin` are personal
  data too. The pseudonym is random, not derived from the person (a hash of an email can be
  recomputed by anyone who has the email), and the same everywhere in the file;
- `name` becomes the pseudonym, `email` becomes `p-3f9a1c@anonymized.invalid` (the reserved
  `.invalid` domain can never receive mail);
- what describes the person is removed: employee number, title, department, manager,
  seniority, location, time zone, languages, skills, goals, prefer, avoid;
- kept, because the programme's statistics need them and they do not describe the person:
  role, capacity, mentor-training date, programme objectives;
- in their pairs, free text is removed (`why`, `end_reason`, goal `measure`, goal text
  replaced by "(removed)", goal ids renumbered g1, g2...), while dates, status, scores and
  goal progress stay; in their sessions the `notes` are removed, while dates, minutes, mode
  and ratings stay;
- `anonymized: DATE` records when it was done.

`anonymize --before DATE` (retention) erases only people whose involvement ended before
DATE and whose participation is over: while the cohort runs, someone in an active or a
proposed pair, a mentee waiting for a (new) mentor and a mentor with free places are kept,
since `pair` still counts on them; the result says who was kept and why.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorcli.errors import UsageError
from mentorcli.i18n import _, ngettext
from mentorcli.i18n import number as figure
from mentorcli.localize import sentence_date
from mentorcli.model import CohortFile, Participant
from mentorcli.store import edits as E

PSEUDONYM_DOMAIN = "anonymized.invalid"
REMOVED_TEXT = "(removed)"

# Participant keys that describe the person: removed by forget/anonymize. The others
# (role, capacity, trained, objectives) are the programme's own facts, kept for statistics.
ERASED_KEYS = (
    "employee_id", "title", "department", "manager", "seniority", "location", "timezone",
    "languages", "skills", "goals", "prefer", "avoid",
)
# Pair keys that are free text about the people.
PAIR_TEXT_KEYS = ("why", "end_reason")

TokenFactory = Callable[[], str]


def random_token() -> str:
    """Six random hex digits: the part after `p-` in a pseudonym."""
    return secrets.token_hex(3)


def new_pseudonym(taken: set[str], token: TokenFactory = random_token) -> str:
    """A fresh `p-xxxxxx` id not in `taken` (which it joins)."""
    for _attempt in range(10000):
        candidate = f"p-{token()}"
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    raise RuntimeError("could not draw a free pseudonym")  # pragma: no cover


def is_pseudonym(value: str) -> bool:
    return re.fullmatch(r"p-[0-9a-f]{6,}", value or "") is not None


def pseudonym_email(pseudonym: str) -> str:
    return f"{pseudonym}@{PSEUDONYM_DOMAIN}"


# -------------------------------------------------------------------------- results


@dataclass
class Erasure:
    """What was done to one person. `old_*` are shown to the coordinator only, never saved."""

    old_id: str
    new_id: str
    old_name: str | None = None
    old_email: str | None = None
    old_employee_id: str | None = None
    removed: list[str] = field(default_factory=list)  # participant keys removed (name and
    # email are replaced by the pseudonym, not removed)
    sessions: int = 0  # sessions kept (counted)
    minutes: int = 0
    notes_removed: int = 0
    open_pairs: int = 0  # pairs not ended: the coordinator may want to end them
    in_org: bool = False  # an `org` entry (someone outside the cohort), not a participant


@dataclass(frozen=True)
class Kept:
    """Someone whose involvement ended before the retention date but whose participation is
    not over, and why (`in the active pair amartin -> bpetit`)."""

    person_id: str
    reason: str


@dataclass
class PrivacyResult:
    """The outcome of forget/anonymize."""

    erased: list[Erasure] = field(default_factory=list)
    already: list[tuple[str, dt.date]] = field(default_factory=list)  # (id, anonymized on)
    kept: list[str] = field(default_factory=list)  # ids left alone by a retention rule
    held: list[Kept] = field(default_factory=list)  # of `kept`: those with a role, and why
    # (line, what) of the file still naming an erased person: a comment, another pair's text
    leftovers: list[tuple[int, str]] = field(default_factory=list)
    # the erased people's pairs (as they were named) and the cohort's id: their contracts
    # and calendars are found by these
    erased_pairs: list[tuple[str, str]] = field(default_factory=list)
    cohort_id: str = ""
    removed_files: list[Path] = field(default_factory=list)  # those contracts and calendars

    @property
    def participants(self) -> list[Erasure]:
        """The erased participants (not the re-keyed `org` entries)."""
        return [e for e in self.erased if not e.in_org]


@dataclass(frozen=True)
class ForgetPreview:
    """What `forget` would do to one person, to show before asking."""

    person_id: str
    person: Participant | None  # None: an `org` entry
    pairs: int
    sessions: int
    notes: int


# ------------------------------------------------------------------------ who is who


def find_person(model: CohortFile, who: str) -> tuple[str, Participant | None]:
    """The id named by `who` (an id, an email or an employee number): (id, participant or
    None for an `org` entry). Raises UsageError with a suggestion if nobody matches."""
    text = who.strip()
    for person in model.participants:
        if person.id == text:
            return person.id, person
    for person in model.participants:
        if person.email.casefold() == text.casefold():
            return person.id, person
    matches = [p for p in model.participants if p.employee_id and p.employee_id == text]
    if len(matches) == 1:
        return matches[0].id, matches[0]
    if matches:
        raise UsageError(_("employee number {number} is used by {ids}; name the person by id "
                           "or email").format(number=text,
                                              ids=", ".join(p.id for p in matches)))
    if text in model.org:
        return text, None
    known = [p.id for p in model.participants] + list(model.org)
    close = difflib.get_close_matches(text, known, n=1, cutoff=0.7)
    if close:
        raise UsageError(_("'{who}' is not a participant (id, email or employee number) nor "
                           "an `org` entry of this cohort (did you mean '{close}'?)").format(
                               who=who, close=close[0]))
    raise UsageError(_("'{who}' is not a participant (id, email or employee number) nor an "
                       "`org` entry of this cohort").format(who=who))


def preview_forget(model: CohortFile, who: str) -> ForgetPreview:
    """Who `who` names and what forgetting them touches (UsageError if nobody)."""
    person_id, person = find_person(model, who)
    sessions = [s for s in model.sessions if person_id in (s.mentor, s.mentee)]
    pairs = [p for p in model.pairs if person_id in (p.mentor, p.mentee)]
    return ForgetPreview(person_id, person, len(pairs), len(sessions),
                         sum(1 for s in sessions if s.notes))


def retention_cutoff(text: str, today: dt.date) -> dt.date:
    """The `--before DATE` of a retention rule: a date, not in the future."""
    from mentorcli.dates import parse_date

    cutoff = parse_date(text, "--before")
    if cutoff > today:
        raise UsageError(_("--before {cutoff} is in the future; retention applies to people "
                           "whose part ended before a past date (today is {today})").format(
                               cutoff=cutoff, today=sentence_date(today)))
    return cutoff


def involvement_end(model: CohortFile, person_id: str, pairs: list[Any] | None = None,
                    sessions: list[Any] | None = None) -> dt.date:
    """The day a person's part in the cohort ended, for the retention rule.

    The latest of: their sessions; for each ended pair, its `ended` date (or, without one,
    its last session or start); for each pair not ended, the cohort's end (an open pair
    runs until the cohort closes, or its last session if later); and the cohort's end for
    someone never paired.
    """
    if pairs is None:
        pairs = [p for p in model.pairs if person_id in (p.mentor, p.mentee)]
    if sessions is None:
        sessions = [s for s in model.sessions if person_id in (s.mentor, s.mentee)]
    dates: list[dt.date] = [s.date for s in sessions]
    for pair in pairs:
        own = [s.date for s in sessions if (s.mentor, s.mentee) == (pair.mentor, pair.mentee)]
        if pair.status == "ended":
            if pair.ended is not None:
                dates.append(pair.ended)
            else:
                signed = [d for d in (pair.signed.mentor, pair.signed.mentee)
                          if d is not None] if pair.signed else []
                fallback = own + signed + ([pair.started] if pair.started else [])
                dates.append(max(fallback) if fallback else model.cohort.end)
        else:
            dates.append(model.cohort.end)
    if not pairs:
        dates.append(model.cohort.end)
    return max(dates)


def open_roles(model: CohortFile, person: Participant, today: dt.date,
               pairs: list[Any] | None = None) -> list[str]:
    """Why a person's participation is not over on `today`: their active and proposed
    pairs, waiting for a (new) mentor, or free places as a mentor. Nothing once the cohort
    has ended (nobody is paired any more)."""
    if person.anonymized is not None or today > model.cohort.end:
        return []
    reasons = []
    theirs = pairs if pairs is not None else \
        [p for p in model.pairs if person.id in (p.mentor, p.mentee)]
    open_pairs = [p for p in theirs if p.status in ("active", "proposed")]
    for pair in open_pairs:
        if pair.status == "active":
            reason = _("in the active pair {mentor} -> {mentee}")
        else:
            reason = _("in the proposed pair {mentor} -> {mentee}")
        reasons.append(reason.format(mentor=pair.mentor, mentee=pair.mentee))
    if person.can_be_mentored and not any(p.mentee == person.id for p in open_pairs):
        before = any(p.mentee == person.id for p in theirs)
        reasons.append(_("waiting for a new mentor") if before else _("waiting for a mentor"))
    if person.can_mentor:
        places = person.capacity - sum(1 for p in open_pairs if p.mentor == person.id)
        if places > 0 and not open_pairs:
            reasons.append(ngettext("available to mentor ({count} free place)",
                                    "available to mentor ({count} free places)", places)
                           .format(count=figure(places)))
    return reasons


def retention_plan(model: CohortFile, before: dt.date | None, today: dt.date
                   ) -> tuple[list[str], list[Kept]]:
    """(ids `anonymize` would treat, people held back): everyone not yet anonymized, or with
    `before`, those whose involvement ended before that day and whose participation is over
    (see `open_roles`); the others whose involvement ended before it are held, with why."""
    ids: list[str] = []
    held: list[Kept] = []
    pairs_of: dict[str, list[Any]] = {}  # each person's pairs and sessions, found once
    sessions_of: dict[str, list[Any]] = {}
    for pair in model.pairs:
        for pid in {pair.mentor, pair.mentee}:
            pairs_of.setdefault(pid, []).append(pair)
    for session in model.sessions:
        for pid in {session.mentor, session.mentee}:
            sessions_of.setdefault(pid, []).append(session)
    for person in model.participants:
        if person.anonymized is not None:
            continue
        if before is None:
            ids.append(person.id)
        elif involvement_end(model, person.id, pairs_of.get(person.id, []),
                             sessions_of.get(person.id, [])) < before:
            reasons = open_roles(model, person, today, pairs_of.get(person.id, []))
            if reasons:
                held.append(Kept(person.id, _reasons(reasons)))
            else:
                ids.append(person.id)
    return ids, held


def _reasons(reasons: list[str]) -> str:
    """Reasons in one clause list: 'a; b' ('a ; b' in French, with its narrow space)."""
    from mentorcli import i18n
    from mentorcli.localize import semicolon

    return semicolon(i18n.language()).join(reasons)


def retention_candidates(model: CohortFile, before: dt.date | None,
                         today: dt.date | None = None) -> list[str]:
    """Ids `anonymize` would treat (see `retention_plan`; without `today`, the cohort is
    taken as over)."""
    return retention_plan(model, before, today or dt.date.max)[0]


def _taken_ids(model: CohortFile) -> set[str]:
    taken = {p.id for p in model.participants} | set(model.org)
    taken |= {m for m in model.org.values() if m}
    return taken


# ----------------------------------------------------------------------- the changes


def forget(model: CohortFile, who: str, today: dt.date,
           token: TokenFactory = random_token) -> E.Changes:
    """Erase one person (an id, email or employee number); the result is a PrivacyResult."""
    person_id, person = find_person(model, who)
    result = PrivacyResult()
    if person is not None and person.anonymized is not None:
        result.already.append((person.id, person.anonymized))
        return E.Changes([], result)
    taken = _taken_ids(model)
    erasure = Erasure(person_id, new_pseudonym(taken, token))
    if person is None:
        erasure.in_org = True
    result.erased.append(erasure)
    _note_outputs(model, result)
    return E.Changes(_erase(model, [erasure], today), result)


def anonymize(model: CohortFile, today: dt.date, before: dt.date | None = None,
              token: TokenFactory = random_token) -> E.Changes:
    """Erase everyone (or, with `before`, everyone whose involvement ended before it and
    whose participation is over); the result is a PrivacyResult.

    `org` entries (people outside the cohort) are re-keyed too once no remaining
    participant's reporting line goes through them: with no `before`, all of them.
    """
    result = PrivacyResult()
    ids, result.held = retention_plan(model, before, today)
    chosen = set(ids)
    for person in model.participants:
        if person.anonymized is not None:
            result.already.append((person.id, person.anonymized))
        elif person.id not in chosen:
            result.kept.append(person.id)
    taken = _taken_ids(model)
    erasures = [Erasure(pid, new_pseudonym(taken, token)) for pid in ids]
    needed = _org_still_needed(model, chosen)
    for key in model.org:
        if key not in needed and not is_pseudonym(key):
            erasures.append(Erasure(key, new_pseudonym(taken, token), in_org=True))
    result.erased = erasures
    _note_outputs(model, result)
    return E.Changes(_erase(model, erasures, today) if erasures else [], result)


def _org_still_needed(model: CohortFile, erased: set[str]) -> set[str]:
    """`org` ids on the reporting line of a participant who stays."""
    manager_of: dict[str, str | None] = dict(model.org)
    for person in model.participants:
        manager_of[person.id] = person.manager
    needed: set[str] = set()
    for person in model.participants:
        if person.id in erased or person.anonymized is not None:
            continue
        node, seen = person.manager, set()
        while node is not None and node not in seen:
            seen.add(node)
            if node in model.org:
                needed.add(node)
            node = manager_of.get(node)
    return needed


def _erase(model: CohortFile, erasures: list[Erasure], today: dt.date) -> list[E.Edit]:
    """The edits that erase the people of `erasures`, counting what is kept."""
    by_id = {e.old_id: e for e in erasures}
    people = model.people()
    edits: list[E.Edit] = []
    for erasure in erasures:
        person = people.get(erasure.old_id)
        if person is None:
            continue
        erasure.old_name = person.name
        erasure.old_email = person.email
        erasure.old_employee_id = person.employee_id
        edits += _erase_participant(person, erasure, today)
    for pair in model.pairs:
        touched = [by_id[p] for p in dict.fromkeys((pair.mentor, pair.mentee)) if p in by_id]
        if touched:
            edits += _clear_pair_text(pair)
        for erasure in touched:
            erasure.open_pairs += pair.status != "ended"
    for session in model.sessions:
        touched = [by_id[p] for p in dict.fromkeys((session.mentor, session.mentee))
                   if p in by_id]
        if not touched:
            continue
        if "notes" in session.model_fields_set:
            # the notes themselves select the entry: two meetings of a pair logged on one
            # day each lose their own
            edits.append(E.Remove(("sessions", E.where(
                mentor=session.mentor, mentee=session.mentee, date=session.date,
                notes=session.notes)), "notes"))
        for erasure in touched:
            erasure.sessions += 1
            erasure.minutes += session.minutes
            erasure.notes_removed += "notes" in session.model_fields_set
    edits += _other_references(model, {e.old_id: e.new_id for e in erasures})
    edits += [E.RenameId(e.old_id, e.new_id) for e in erasures]
    return edits


# Sections of the evaluation format that hold confidential free text about a person: the
# text is removed from the entries of an erased person (their ids are re-keyed by RenameId,
# which knows every field that names a person: mentorcli.store.edits).
_PRIVATE_TEXT = (
    ("responses", ("person",), ("comments",)),
    ("concerns", ("person", "mentor", "mentee", "raised_by"), ("description",)),
)


def _other_references(model: CohortFile, renames: dict[str, str]) -> list[E.Edit]:
    """Removals of the confidential text (survey comments, concern descriptions) of the
    entries that name an erased person; each entry is selected by its scalar values."""
    edits: list[E.Edit] = []
    for section, people, private in _PRIVATE_TEXT:
        for entry in getattr(model, section, None) or []:
            present = entry.model_fields_set
            if not any(getattr(entry, key) in renames for key in people if key in present):
                continue
            values = {key: getattr(entry, key) for key in sorted(present)
                      if isinstance(getattr(entry, key), (str, int, float, dt.date))}
            edits += [E.Remove((section, E.where(**values)), key) for key in private
                      if key in present and getattr(entry, key)]
    return edits


def _note_outputs(model: CohortFile, result: PrivacyResult) -> None:
    """Remember the erased people's pairs, whose contracts and calendars name them."""
    gone = {e.old_id for e in result.erased}
    result.cohort_id = model.cohort.id
    result.erased_pairs = [(p.mentor, p.mentee) for p in model.pairs
                           if p.mentor in gone or p.mentee in gone]


def _erase_participant(person: Participant, erasure: Erasure, today: dt.date
                       ) -> list[E.Edit]:
    at = E.participant(person.id)
    present = person.model_fields_set
    erasure.removed = [key for key in ERASED_KEYS if key in present]
    # A new date object each time: ruamel writes one object met twice as an anchor + alias.
    today = dt.date.fromordinal(today.toordinal())
    return [*(E.Remove(at, key) for key in erasure.removed),
            E.Set(at, "name", erasure.new_id),
            E.Set(at, "email", pseudonym_email(erasure.new_id)),
            E.Set(at, "anonymized", today, after=("email",))]


def _clear_pair_text(pair: Any) -> list[E.Edit]:
    """Remove a pair's free text; its goals keep only objective, due date and progress.

    Goal ids become g1, g2...: each goal is renamed after the ones before it, and the last
    goal with an id is the one an edit selects, so a goal already called `g2` is never
    confused with the one renamed to `g2`."""
    at = E.pair(pair.mentor, pair.mentee)
    edits: list[E.Edit] = [E.Remove(at, key) for key in PAIR_TEXT_KEYS
                           if key in pair.model_fields_set]
    for goal in pair.goals:
        goal_at = E.goal(pair.mentor, pair.mentee, goal.id)
        edits.append(E.Set(goal_at, "text", REMOVED_TEXT))
        if "measure" in goal.model_fields_set:
            edits.append(E.Remove(goal_at, "measure"))
    for number, goal in enumerate(pair.goals, start=1):
        edits.append(E.Set(E.goal(pair.mentor, pair.mentee, goal.id), "id", f"g{number}"))
    return edits


# --------------------------------------------------------------------- after a write


_WORD = re.compile(r"\w+")
_ID_RUN = re.compile(r"[A-Za-z0-9_-]+")
_ALNUM_RUN = re.compile(r"[0-9A-Za-z]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def residual_mentions(text: str, erasures: Iterable[Erasure]) -> list[tuple[int, str]]:
    """(line, what) for every place the file still names an erased person: in a comment,
    or in free text such as another pair's `why`. The coordinator reviews them.

    A name is found as its words in a row (case and punctuation ignored), an email, an id
    or an employee number as a whole token; one pass over the file, however many people
    were erased.
    """
    names: dict[str, list[tuple[tuple[str, ...], int]]] = {}  # first word -> (words, label)
    tokens: dict[tuple[str, str], int] = {}  # (kind, token) -> label
    labels: list[str] = []

    def label(what: str) -> int:
        labels.append(what)
        return len(labels) - 1

    for erasure in erasures:
        words = tuple(_WORD.findall((erasure.old_name or "").casefold()))
        if len(erasure.old_name or "") >= 3 and words:
            names.setdefault(words[0], []).append(
                (words, label(_("name '{name}'").format(name=erasure.old_name))))
        if erasure.old_email:
            tokens[("email", erasure.old_email.casefold())] = label(
                _("email '{email}'").format(email=erasure.old_email))
        if len(erasure.old_id) >= 3:
            tokens[("id", erasure.old_id)] = label(_("old id '{id}'").format(id=erasure.old_id))
        number = erasure.old_employee_id or ""
        if len(number) >= 3:
            kind = "number" if number.isalnum() and number.isascii() else "text"
            tokens[(kind, number)] = label(_("employee number '{number}'").format(
                number=number))
    others = [(number, index) for (kind, number), index in tokens.items() if kind == "text"]
    found = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        hits: set[int] = set()
        words = _WORD.findall(line.casefold())
        for position, word in enumerate(words):
            for name, index in names.get(word, ()):
                if tuple(words[position:position + len(name)]) == name:
                    hits.add(index)
        for kind, pattern in (("email", _EMAIL), ("id", _ID_RUN), ("number", _ALNUM_RUN)):
            for token in pattern.findall(line):
                index = tokens.get((kind, token.casefold() if kind == "email" else token))
                if index is not None:
                    hits.add(index)
        hits.update(index for number, index in others if number in line)
        found += [(line_number, labels[index]) for index in sorted(hits)]
    return found


# ------------------------------------------------------------------- on a cohort file


def preview_forget_file(path: str | Path, who: str) -> ForgetPreview:
    """`preview_forget` on the cohort file at `path` (read only; refuses an invalid file)."""
    from mentorcli.store.loading import load_cohort

    return preview_forget(load_cohort(path).model, who)


@dataclass(frozen=True)
class AnonymizePreview:
    """What `anonymize` would do: the retention date (None: everyone), who would be treated
    and who is held back, and why."""

    cutoff: dt.date | None
    ids: list[str]
    held: list[Kept]


def preview_anonymize_file(path: str | Path, before: str | dt.date | None, today: dt.date
                           ) -> AnonymizePreview:
    """`retention_plan` on the cohort file at `path` (read only). `before` is the `--before`
    text (or a date): checked once the cohort is read, so that a refusal is in its language."""
    from mentorcli.store.loading import load_cohort

    model = load_cohort(path).model
    cutoff = retention_cutoff(before, today) if isinstance(before, str) else before
    ids, held = retention_plan(model, cutoff, today)
    return AnonymizePreview(cutoff, ids, held)


def forget_in_file(path: str | Path, who: str, today: dt.date,
                   token: TokenFactory | None = None) -> PrivacyResult:
    """`forget` on the cohort file at `path` (one transaction), then the leftovers."""
    from mentorcli.store.transaction import change_cohort

    draw = token or random_token
    return _after_erasure(path, change_cohort(
        path, lambda model: forget(model, who, today, draw)))


def anonymize_file(path: str | Path, today: dt.date, before: dt.date | None = None,
                   token: TokenFactory | None = None) -> PrivacyResult:
    """`anonymize` on the cohort file at `path` (one transaction), then the leftovers."""
    from mentorcli.store.transaction import change_cohort

    draw = token or random_token
    return _after_erasure(path, change_cohort(
        path, lambda model: anonymize(model, today, before, draw)))


def _after_erasure(path: str | Path, result: PrivacyResult) -> PrivacyResult:
    """The leftovers in the written file, and the erased people's contracts and calendars
    removed from the default output folders."""
    from mentorcli.store.reading import read_text

    if result.erased:
        result.leftovers = residual_mentions(read_text(path), result.erased)
        result.removed_files = remove_outputs(Path(path), result.cohort_id,
                                              result.erased_pairs)
    return result


# Output folders beside the cohort file (`contracts` and `schedule` write there by
# default) and the extensions of the files they make, named `<mentor>--<mentee>.<ext>`.
OUTPUT_FOLDERS = {"contracts": ("md", "html"), "calendars": ("ics",)}


def orphaned_outputs(cohort_path: Path, cohort_id: str,
                     pairs: Iterable[tuple[str, str]]) -> list[Path]:
    """The contract and calendar files of these pairs in the default output folders."""
    from mentorcli.model import SLUG_RE

    if not SLUG_RE.match(cohort_id or ""):
        return []
    found = []
    for kind, extensions in OUTPUT_FOLDERS.items():
        folder = cohort_path.parent / kind / cohort_id
        for mentor, mentee in pairs:
            for extension in extensions:
                candidate = folder / f"{mentor}--{mentee}.{extension}"
                if candidate.is_file() and not candidate.is_symlink():
                    found.append(candidate)
    return found


def remove_outputs(cohort_path: Path, cohort_id: str,
                   pairs: Iterable[tuple[str, str]]) -> list[Path]:
    """Remove the erased people's contracts and calendars (they hold names and emails);
    returns the files removed. A file that cannot be removed is left (and not listed)."""
    import contextlib

    removed = []
    for candidate in orphaned_outputs(cohort_path, cohort_id, pairs):
        with contextlib.suppress(OSError):
            candidate.unlink()
            removed.append(candidate)
    return removed

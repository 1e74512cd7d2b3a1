"""The right to erasure and retention: `forget` one person, `anonymize` many.

`forget` and `anonymize` are pure functions on the round-trip document the store hands over
(`store.edit_cohort`), so every comment, key order and quoting of the file survives; the
validated model is read alongside to decide what to do. `forget_in_file` and
`anonymize_file` run them on a cohort file and then look for leftover mentions;
`preview_forget` and `retention_candidates` say beforehand what would be done.

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
from mentorcli.model import CohortFile, Participant
from mentorcli.store.roundtrip import remove_key

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
    for _ in range(10000):
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


@dataclass
class PrivacyResult:
    """The outcome of forget/anonymize."""

    erased: list[Erasure] = field(default_factory=list)
    already: list[tuple[str, dt.date]] = field(default_factory=list)  # (id, anonymized on)
    kept: list[str] = field(default_factory=list)  # ids left alone by a retention rule
    # (line, what) of the file still naming an erased person: a comment, another pair's text
    leftovers: list[tuple[int, str]] = field(default_factory=list)

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
        raise UsageError(f"employee number {text} is used by {', '.join(p.id for p in matches)}"
                         "; name the person by id or email")
    if text in model.org:
        return text, None
    known = [p.id for p in model.participants] + list(model.org)
    close = difflib.get_close_matches(text, known, n=1, cutoff=0.7)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise UsageError(f"'{who}' is not a participant (id, email or employee number) nor an "
                     f"`org` entry of this cohort{hint}")


def preview_forget(model: CohortFile, who: str) -> ForgetPreview:
    """Who `who` names and what forgetting them touches (UsageError if nobody)."""
    person_id, person = find_person(model, who)
    sessions = [s for s in model.sessions if person_id in (s.mentor, s.mentee)]
    pairs = [p for p in model.pairs if person_id in (p.mentor, p.mentee)]
    return ForgetPreview(person_id, person, len(pairs), len(sessions),
                         sum(1 for s in sessions if s.notes))


def retention_cutoff(text: str, today: dt.date) -> dt.date:
    """The `--before DATE` of a retention rule: a date, not in the future."""
    from mentorcli.importing import parse_date

    cutoff = parse_date(text)
    if cutoff is None:
        raise UsageError(f"--before: expected a date like 2025-12-31, got '{text}'")
    if cutoff > today:
        raise UsageError(f"--before {cutoff} is in the future; retention applies to people "
                         f"whose part ended before a past date (today is {today})")
    return cutoff


def involvement_end(model: CohortFile, person_id: str) -> dt.date:
    """The day a person's part in the cohort ended, for the retention rule.

    The latest of: their sessions; for each ended pair, its `ended` date (or, without one,
    its last session or start); for each pair not ended, the cohort's end (an open pair
    runs until the cohort closes, or its last session if later); and the cohort's end for
    someone never paired.
    """
    pairs = [p for p in model.pairs if person_id in (p.mentor, p.mentee)]
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


def retention_candidates(model: CohortFile, before: dt.date | None) -> list[str]:
    """Ids `anonymize` would treat: everyone not yet anonymized, or with `before`, those
    whose involvement ended before that day."""
    ids = []
    for person in model.participants:
        if person.anonymized is not None:
            continue
        if before is None or involvement_end(model, person.id) < before:
            ids.append(person.id)
    return ids


def _taken_ids(model: CohortFile) -> set[str]:
    taken = {p.id for p in model.participants} | set(model.org)
    taken |= {m for m in model.org.values() if m}
    return taken


# ----------------------------------------------------------------------- the changes


def forget(doc: Any, model: CohortFile, who: str, today: dt.date,
           token: TokenFactory = random_token) -> PrivacyResult:
    """Erase one person (an id, email or employee number) from the document `doc`."""
    person_id, person = find_person(model, who)
    result = PrivacyResult()
    if person is not None and person.anonymized is not None:
        result.already.append((person.id, person.anonymized))
        return result
    taken = _taken_ids(model)
    erasure = Erasure(person_id, new_pseudonym(taken, token))
    if person is None:
        erasure.in_org = True
    result.erased.append(erasure)
    _erase(doc, model, [erasure], today)
    return result


def anonymize(doc: Any, model: CohortFile, today: dt.date, before: dt.date | None = None,
              token: TokenFactory = random_token) -> PrivacyResult:
    """Erase everyone (or, with `before`, everyone whose involvement ended before it).

    `org` entries (people outside the cohort) are re-keyed too once no remaining
    participant's reporting line goes through them: with no `before`, all of them.
    """
    result = PrivacyResult()
    ids = retention_candidates(model, before)
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
    if erasures:
        _erase(doc, model, erasures, today)
    return result


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


def _erase(doc: Any, model: CohortFile, erasures: list[Erasure], today: dt.date) -> None:
    """Erase the people of `erasures` from the document, counting what is kept."""
    by_id = {e.old_id: e for e in erasures}
    people = model.people()
    for erasure in erasures:
        person = people.get(erasure.old_id)
        if person is not None:
            erasure.old_name = person.name
            erasure.old_email = person.email
            erasure.old_employee_id = person.employee_id
    for node in _items(doc, "participants"):
        if node.get("id") in by_id:
            _erase_participant(node, by_id[node.get("id")], today)
    for pair in _items(doc, "pairs"):
        touched = [by_id[p] for p in {pair.get("mentor"), pair.get("mentee")} if p in by_id]
        if touched:
            _clear_pair_text(pair)
        for erasure in touched:
            erasure.open_pairs += pair.get("status") != "ended"
    for session in _items(doc, "sessions"):
        touched = [by_id[p] for p in {session.get("mentor"), session.get("mentee")}
                   if p in by_id]
        if not touched:
            continue
        had_notes = remove_key(session, "notes")
        minutes = session.get("minutes")
        for erasure in touched:
            erasure.sessions += 1
            erasure.minutes += minutes if isinstance(minutes, int) else 0
            erasure.notes_removed += had_notes
    _rekey(doc, {e.old_id: e.new_id for e in erasures})


def _items(doc: Any, key: str) -> list[Any]:
    """The mappings of the top-level list `key` of a document."""
    value = doc.get(key) if hasattr(doc, "get") else None
    if not isinstance(value, list):
        return []
    return [item for item in value if hasattr(item, "get")]


def _erase_participant(node: Any, erasure: Erasure, today: dt.date) -> None:
    for key in ERASED_KEYS:
        if remove_key(node, key):
            erasure.removed.append(key)
    node["name"] = erasure.new_id
    node["email"] = pseudonym_email(erasure.new_id)
    # A new date object each time: ruamel writes one object met twice as an anchor + alias.
    today = dt.date.fromordinal(today.toordinal())
    if "anonymized" in node:
        node["anonymized"] = today
    else:
        keys = list(node.keys())
        position = keys.index("email") + 1 if "email" in keys else len(keys)
        node.insert(position, "anonymized", today)


def _clear_pair_text(pair: Any) -> None:
    """Remove a pair's free text; its goals keep only objective, due date and progress."""
    for key in PAIR_TEXT_KEYS:
        remove_key(pair, key)
    goals = pair.get("goals")
    if isinstance(goals, list):
        for number, goal in enumerate(goals, start=1):
            if hasattr(goal, "get"):
                goal["id"] = f"g{number}"
                goal["text"] = REMOVED_TEXT
                remove_key(goal, "measure")


def _rekey(doc: Any, renames: dict[str, str]) -> None:
    """Replace ids everywhere they are used."""
    if not renames:
        return

    def swap(node: Any, key: Any) -> None:
        value = node[key]
        if isinstance(value, str) and value in renames:
            node[key] = renames[value]

    for person in _items(doc, "participants"):
        for key in ("id", "manager"):
            if key in person:
                swap(person, key)
        for key in ("prefer", "avoid"):
            values = person.get(key)
            if isinstance(values, list):
                for index in range(len(values)):
                    swap(values, index)
    for section in ("pairs", "sessions"):
        for item in _items(doc, section):
            for key in ("mentor", "mentee"):
                if key in item:
                    swap(item, key)
    org = doc.get("org") if hasattr(doc, "get") else None
    if hasattr(org, "keys"):
        for key in list(org.keys()):
            swap(org, key)
        for old in [k for k in org.keys() if k in renames]:
            _rename_key(org, old, renames[old])


def _rename_key(node: Any, old: str, new: str) -> None:
    keys = list(node.keys())
    position = keys.index(old)
    comment = node.ca.items.pop(old, None) if hasattr(node, "ca") else None
    value = node.pop(old)
    if hasattr(node, "insert"):
        node.insert(position, new, value)
    else:  # pragma: no cover - plain dicts in tests
        node[new] = value
    if comment is not None:
        node.ca.items[new] = comment


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
            names.setdefault(words[0], []).append((words, label(f"name '{erasure.old_name}'")))
        if erasure.old_email:
            tokens[("email", erasure.old_email.casefold())] = label(
                f"email '{erasure.old_email}'")
        if len(erasure.old_id) >= 3:
            tokens[("id", erasure.old_id)] = label(f"old id '{erasure.old_id}'")
        number = erasure.old_employee_id or ""
        if len(number) >= 3:
            kind = "number" if number.isalnum() and number.isascii() else "text"
            tokens[(kind, number)] = label(f"employee number '{number}'")
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


def forget_in_file(path: str | Path, who: str, today: dt.date,
                   token: TokenFactory | None = None) -> PrivacyResult:
    """`forget` on the cohort file at `path` (through the store), then the leftovers."""
    from mentorcli.store.writing import edit_cohort

    draw = token or random_token
    result = edit_cohort(path, lambda doc, model: forget(doc, model, who, today, draw))
    return _with_leftovers(path, result)


def anonymize_file(path: str | Path, today: dt.date, before: dt.date | None = None,
                   token: TokenFactory | None = None) -> PrivacyResult:
    """`anonymize` on the cohort file at `path` (through the store), then the leftovers."""
    from mentorcli.store.writing import edit_cohort

    draw = token or random_token
    result = edit_cohort(path, lambda doc, model: anonymize(doc, model, today, before, draw))
    return _with_leftovers(path, result)


def _with_leftovers(path: str | Path, result: PrivacyResult) -> PrivacyResult:
    if result.erased:
        text = Path(path).read_text(encoding="utf-8")
        result.leftovers = residual_mentions(text, result.erased)
    return result

"""A cohort encoded for pairing: how `pair` classes the file's pairs, the earlier cohorts'
pairs (`--history`), the factor weights in force, and `PairingContext` (one slot per
participant, as arrays) that the rules, the scores and the explanations all read."""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mentorcli.errors import UsageError
from mentorcli.i18n import _
from mentorcli.model import CohortFile, Pair, Participant
from mentorcli.pairing.phrases import Words
from mentorcli.tags import normalize_tag

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np


#: Soft factors, in the order they are shown. `language` only counts with
#: `common_language: prefer`.
FACTORS = ("goals", "objectives", "department", "seniority", "location", "preference",
           "language")

#: Time zone offsets are read at this fixed instant, so scores never depend on today's date
#: (northern winter: Paris is UTC+1, New York UTC-5, Sydney UTC+11).
REFERENCE_INSTANT = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)

# ----------------------------------------------------------------------------- pair classes


@dataclass(frozen=True)
class PairClasses:
    """How `pair` treats each entry of `pairs:` (indices into `model.pairs`).

    kept: locked or active (not ended) pairs, and unlocked proposals of a mentee who already
    has a kept pair: never changed, they use their mentor's capacity.
    ended: `status: ended`: the mentee is free again, never with that mentor.
    replaceable: unlocked proposals of a mentee without a kept pair: `pair` decides again.
    """

    kept: tuple[int, ...]
    ended: tuple[int, ...]
    replaceable: tuple[int, ...]
    taken: frozenset[str]  # mentees who have a kept pair


def classify_pairs(model: CohortFile) -> PairClasses:
    """Sort the file's pairs into kept, ended and replaceable (see PairClasses)."""
    kept, ended, proposals = [], [], []
    for index, pair in enumerate(model.pairs):
        if pair.status == "ended":
            ended.append(index)
        elif pair.locked or pair.status == "active":
            kept.append(index)
        else:
            proposals.append(index)
    taken = frozenset(model.pairs[i].mentee for i in kept)
    replaceable = []
    for index in proposals:
        (kept if model.pairs[index].mentee in taken else replaceable).append(index)
    return PairClasses(tuple(sorted(kept)), tuple(ended), tuple(replaceable), taken)


# --------------------------------------------------------------------------------- history


@dataclass(frozen=True)
class HistoryPair:
    """A mentor-mentee pair found in an earlier cohort file (`--history`)."""

    mentor: str
    mentee: str
    mentor_email: str | None
    mentee_email: str | None
    source: str  # the earlier cohort's id


def history_pairs(models: Iterable[CohortFile]) -> list[HistoryPair]:
    """Every pair listed in earlier cohort files, whatever its status."""
    found = []
    for model in models:
        people = model.people()
        for pair in model.pairs:
            mentor, mentee = people.get(pair.mentor), people.get(pair.mentee)
            found.append(HistoryPair(
                pair.mentor, pair.mentee,
                mentor.email.casefold() if mentor else None,
                mentee.email.casefold() if mentee else None,
                model.cohort.id,
            ))
    return found


# --------------------------------------------------------------------------------- context


def _comparison_key(text: str | None) -> str | None:
    """Comparison key of a department or site; None when not given."""
    if text is None:
        return None
    key = normalize_tag(text)
    return key or None


def _utc_offset_hours(zone: str | None, cache: dict[str, float]) -> float:
    if zone is None:
        return math.nan
    if zone not in cache:
        from zoneinfo import ZoneInfo

        offset = ZoneInfo(zone).utcoffset(REFERENCE_INSTANT)
        cache[zone] = offset.total_seconds() / 3600 if offset is not None else math.nan
    return cache[zone]


class RuleContext:
    """What the hard rules of one pair in words need, without numpy: one slot per
    participant (sorted by id), reporting lines, languages, the pairs that forbid others.

    `validate` and `approve` check the file's own pairs with it (`rules.broken_rules`);
    `PairingContext` extends it with the arrays of the matrices.
    """

    def __init__(self, model: CohortFile, history: Sequence[HistoryPair] = ()) -> None:
        self.model = model
        self.words = Words()  # the small words, in the language mentorcli speaks now
        self.rules = model.matching.rules
        self.kind = model.cohort.kind
        self.classes = classify_pairs(model)
        self.people: list[Participant] = sorted(model.participants, key=lambda p: p.id)
        self.ids = [p.id for p in self.people]
        self.index = {pid: k for k, pid in enumerate(self.ids)}
        people = self.people
        language = model.cohort.language
        self.seniority: Any = [math.nan if p.seniority is None else float(p.seniority)
                               for p in people]
        departments: dict[str, int] = {}
        self.dept: Any = [-1 if k is None else departments.setdefault(k, len(departments))
                          for k in (_comparison_key(p.department) for p in people)]
        self.languages = [frozenset(normalize_tag(t) for t in p.speaks(language)) - {""}
                          for p in people]
        # Reporting lines: each person's chain of managers (ids, nearest first).
        self.chains = _manager_chains(model)

        # Directed (mentor, mentee) pairs that may not be proposed.
        pairs = model.pairs
        self.ended_pairs: dict[tuple[int, int], Pair] = {}
        for i in self.classes.ended:
            key = self._pair_key(pairs[i].mentor, pairs[i].mentee)
            if key is not None:
                self.ended_pairs[key] = pairs[i]
        self.mutual_pairs: dict[tuple[int, int], Pair] = {}
        for i in self.classes.kept:  # B -> A kept forbids A -> B
            key = self._pair_key(pairs[i].mentee, pairs[i].mentor)
            if key is not None:
                self.mutual_pairs[key] = pairs[i]
        # Earlier cohorts: the two people, recognised by id or email, either way round.
        self.history_pairs: dict[tuple[int, int], HistoryPair] = {}
        by_email = {p.email.casefold(): k for k, p in enumerate(people)}
        for old in history:
            firsts = {self.index.get(old.mentor), by_email.get(old.mentor_email or "")}
            seconds = {self.index.get(old.mentee), by_email.get(old.mentee_email or "")}
            for a in firsts - {None}:
                for b in seconds - {None}:
                    self.history_pairs.setdefault((a, b), old)  # type: ignore[index]
                    self.history_pairs.setdefault((b, a), old)  # type: ignore[index]

    def _pair_key(self, mentor: str, mentee: str) -> tuple[int, int] | None:
        m, e = self.index.get(mentor), self.index.get(mentee)
        return None if m is None or e is None else (m, e)

    def slot(self, pid: str) -> int:
        """The slot of participant `pid`; UsageError (with a suggestion) if there is none."""
        try:
            return self.index[pid]
        except KeyError:
            close = difflib.get_close_matches(pid, self.ids, n=1)
            if close:
                message = _("no participant '{id}' in cohort {cohort} (did you mean "
                            "'{close}'?)")
            else:
                message = _("no participant '{id}' in cohort {cohort}")
            raise UsageError(message.format(id=pid, cohort=self.model.cohort.id,
                                            close=close[0] if close else "")) from None


class PairingContext(RuleContext):
    """A cohort encoded for pairing: one slot per participant (sorted by id), as arrays.

    Build it once per cohort (with the `--history` pairs, never proposed again); every matrix
    and every explanation reads it.
    """

    def __init__(self, model: CohortFile, history: Sequence[HistoryPair] = ()) -> None:
        import numpy as np

        super().__init__(model, history)
        people = self.people
        count = len(people)

        def flags(values: Iterable[bool]) -> np.ndarray:
            return np.fromiter(values, dtype=bool, count=count)

        self.can_mentor = flags(p.can_mentor for p in people)
        self.can_be_mentored = flags(p.can_be_mentored for p in people)
        self.anonymized = flags(p.anonymized is not None for p in people)
        self.example = flags(p.example for p in people)
        self.trained = flags(p.trained is not None for p in people)
        self.capacity = np.fromiter((p.capacity for p in people), dtype=np.int64, count=count)
        self.seniority = np.fromiter(
            (math.nan if p.seniority is None else float(p.seniority) for p in people),
            dtype=np.float64, count=count)

        self.dept = _category_codes(_comparison_key(p.department) for p in people)
        self.site = _category_codes(_comparison_key(p.location) for p in people)
        zones: dict[str, float] = {}
        self.tz_offset = np.fromiter(
            (_utc_offset_hours(p.timezone, zones) for p in people), dtype=np.float64,
            count=count)

        # Tags as sets (for words) and as indicator matrices (for the vectorised scores).
        self.skills = [frozenset(normalize_tag(t) for t in p.skills) - {""} for p in people]
        self.goals = [frozenset(normalize_tag(t) for t in p.goals) - {""} for p in people]
        self.objectives = [frozenset(p.objectives) for p in people]
        offered = frozenset().union(*self.skills) if people else frozenset()
        wanted = frozenset().union(*self.goals) if people else frozenset()
        goal_vocab = sorted(offered & wanted)  # other tags can never be covered
        self.skill_ind = _indicator_matrix(self.skills, goal_vocab)
        self.goal_ind = _indicator_matrix(self.goals, goal_vocab)
        self.goal_count = np.fromiter((len(g) for g in self.goals), np.float32, count)
        objective_vocab = sorted(frozenset().union(*self.objectives)) if people else []
        self.objective_ind = _indicator_matrix(self.objectives, objective_vocab)
        self.objective_count = np.fromiter((len(o) for o in self.objectives), np.float32,
                                           count)
        language_vocab = sorted(frozenset().union(*self.languages)) if people else []
        self.language_ind = _indicator_matrix(self.languages, language_vocab)

        self.reporting_rel = _relation(_both_ways(
            (self.index[boss], k) for k, person in enumerate(people)
            for boss in self.chains.get(person.id, ()) if boss in self.index))

        def named(attr: str) -> tuple[np.ndarray, np.ndarray]:
            """Either person lists the other in `attr` (avoid, prefer)."""
            return _relation(_both_ways(
                (k, self.index[other]) for k, person in enumerate(people)
                for other in getattr(person, attr)
                if other in self.index and self.index[other] != k))

        self.avoid_rel = named("avoid")
        self.prefer_rel = named("prefer")

        pairs = model.pairs
        self.ended_rel = _relation(self.ended_pairs)
        self.mutual_rel = _relation(self.mutual_pairs)
        self.history_rel = _relation(self.history_pairs)

        # Capacity used by kept pairs.
        used = np.zeros(count, dtype=np.int64)
        for i in self.classes.kept:
            k = self.index.get(pairs[i].mentor)
            if k is not None:
                used[k] += 1
        self.kept_used = used

        self.weights = effective_weights(model)
        self.total_weight = sum(self.weights.values())

    # ---- selections
    def mentor_slots(self) -> np.ndarray:
        """Participant slots of everyone who may mentor (role mentor or both), by id."""
        import numpy as np

        return np.flatnonzero(self.can_mentor)

    def mentee_slots(self) -> np.ndarray:
        """Participant slots of everyone who may be mentored (role mentee or both), by id."""
        import numpy as np

        return np.flatnonzero(self.can_be_mentored)


def _category_codes(keys: Iterable[str | None]) -> np.ndarray:
    """One integer per key, equal for equal keys; -1 for None."""
    import numpy as np

    table: dict[str, int] = {}
    return np.fromiter((-1 if k is None else table.setdefault(k, len(table)) for k in keys),
                       dtype=np.int64)


def _indicator_matrix(sets: list[frozenset[str]], vocab: list[str]) -> np.ndarray:
    """(len(sets), len(vocab)) float32: 1 where the set holds the tag."""
    import numpy as np

    position = {tag: n for n, tag in enumerate(vocab)}
    matrix = np.zeros((len(sets), len(vocab)), dtype=np.float32)
    for row, tags in enumerate(sets):
        for tag in tags:
            col = position.get(tag)
            if col is not None:
                matrix[row, col] = 1.0
    return matrix


def _relation(pairs: Iterable[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """(row slots, column slots) of a set of (slot, slot) pairs, for `_mask_of`."""
    import numpy as np

    flat = np.fromiter((k for pair in pairs for k in pair), dtype=np.int64)
    return flat[0::2], flat[1::2]


def _both_ways(pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every pair, and the same pair the other way round."""
    out = []
    for a, b in pairs:
        out += [(a, b), (b, a)]
    return out


def _manager_chains(model: CohortFile) -> dict[str, list[str]]:
    """Each participant's managers, nearest first, following `manager` and then `org`."""
    managers: dict[str, str | None] = dict(model.org)
    for person in model.participants:
        if person.manager is not None or person.id not in managers:
            managers[person.id] = person.manager
    chains: dict[str, list[str]] = {}

    def chain(pid: str) -> list[str]:
        if pid in chains:
            return chains[pid]
        path: list[str] = []
        seen = {pid}
        current = managers.get(pid)
        while current is not None and current not in seen:
            if current in chains:  # reuse a chain already followed
                path.append(current)
                path.extend(c for c in chains[current] if c not in seen)
                break
            path.append(current)
            seen.add(current)
            current = managers.get(current)
        chains[pid] = path
        return path

    return {p.id: chain(p.id) for p in model.participants}


# --------------------------------------------------------------------------------- weights


def effective_weights(model: CohortFile) -> dict[str, float]:
    """The weight of each factor that counts in this cohort.

    `language` counts only with `common_language: prefer`. With `same_department: avoid` the
    department weight is raised to the sum of the other weights (when smaller), so a pair
    inside one department scores at most 0.5 and any pair across departments at least 0.5.
    """
    w = model.matching.weights
    rules = model.matching.rules
    weights = {name: float(getattr(w, name)) for name in FACTORS if name != "language"}
    if rules.common_language == "prefer":
        weights["language"] = float(w.language)
    if rules.same_department == "avoid":
        others = sum(v for k, v in weights.items() if k != "department")
        weights["department"] = max(weights["department"], others)
    return weights


# ----------------------------------------------------------------- relations as matrices


def _mask_of(relation: tuple[np.ndarray, np.ndarray], rows: np.ndarray, cols: np.ndarray,
             size: int) -> np.ndarray:
    """Boolean (len(rows), len(cols)) matrix: True where (row, col) is in `relation`."""
    import numpy as np

    a, b = relation
    mask = np.zeros((len(rows), len(cols)), dtype=bool)
    if len(a) == 0 or mask.size == 0:
        return mask
    pos_r = np.full(size, -1, dtype=np.int64)
    pos_c = np.full(size, -1, dtype=np.int64)
    pos_r[rows] = np.arange(len(rows))
    pos_c[cols] = np.arange(len(cols))
    r, c = pos_r[a], pos_c[b]
    hit = (r >= 0) & (c >= 0)
    mask[r[hit], c[hit]] = True
    return mask


def _seniority_gap(ctx: PairingContext, R: Any, C: Any) -> Any:
    """Seniority gap in the cohort's wanted direction (classic: mentor minus mentee)."""
    s = ctx.seniority
    return s[C] - s[R] if ctx.kind == "reverse" else s[R] - s[C]

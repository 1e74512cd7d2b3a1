"""The pairing plan: the assignment problem of a cohort, what `pair` proposes, keeps,
withdraws and leaves unmatched, and the plan as edits of the file (data, no YAML)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorcli import i18n
from mentorcli.i18n import _, ngettext
from mentorcli.model import CohortFile, Pair
from mentorcli.pairing.context import HistoryPair, PairingContext
from mentorcli.pairing.explain import unmatched_reasons
from mentorcli.pairing.phrases import cohort_words, fill, speaking
from mentorcli.pairing.rules import broken_rules
from mentorcli.pairing.scoring import pair_factors, score_matrix, why_line
from mentorcli.store import edits as E

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np


# ------------------------------------------------------------------------------ the plan


@dataclass(frozen=True)
class AssignmentProblem:
    """What the solver gets: mentors (rows) x open mentees (columns), as participant slots."""

    mentors: np.ndarray  # everyone who may mentor
    mentees: np.ndarray  # the open mentees: no kept pair, not anonymized, not an example
    scores: np.ndarray  # float32 (mentors, mentees), NaN where a hard rule forbids the pair
    capacity: np.ndarray  # each mentor's places left after the kept pairs
    same_person: np.ndarray  # for each mentor row, the column of the same person, or -1
    current: list[tuple[int, int]]  # (row, column) of the file's replaceable proposals


def assignment_problem(ctx: PairingContext) -> AssignmentProblem:
    """The assignment `pair` solves for this cohort (see mentorcli.pairing.assignment.solve)."""
    import numpy as np

    mentors = ctx.mentor_slots()
    mentees = np.asarray([k for k in ctx.mentee_slots()
                          if ctx.ids[k] not in ctx.classes.taken and not ctx.anonymized[k]
                          and not ctx.example[k]],
                         dtype=np.int64)
    column = {int(k): n for n, k in enumerate(mentees)}
    same_person = np.fromiter((column.get(int(k), -1) for k in mentors), dtype=np.int64,
                              count=len(mentors))
    capacity = np.maximum(ctx.capacity[mentors] - ctx.kept_used[mentors], 0)
    row = {int(k): n for n, k in enumerate(mentors)}
    current = sorted({(row[m], column[e]) for m, e in (
        (ctx.index.get(ctx.model.pairs[i].mentor), ctx.index.get(ctx.model.pairs[i].mentee))
        for i in ctx.classes.replaceable) if m in row and e in column})
    return AssignmentProblem(mentors, mentees, score_matrix(ctx, mentors, mentees), capacity,
                             same_person, current)


@dataclass(frozen=True)
class Proposal:
    """A pair `pair` proposes, with the entry of `pairs:` it replaces (if any)."""

    mentor: str
    mentee: str
    score: float
    why: str  # in the language mentorcli speaks now
    replaces: int | None  # index in `pairs:` of the unlocked proposal it takes over
    change: str  # "new", "replaced" (another mentor before), "unchanged", "updated"
    #: the `why` written into the file, in the cohort's language, when `why` is in another
    #: (`--lang`); None when they are the same
    file_why: str | None = None

    def entry(self) -> dict[str, Any]:
        """The `pairs:` entry written for this proposal (its `why` in the cohort's language,
        whatever `--lang` says: the file keeps one language)."""
        return {"mentor": self.mentor, "mentee": self.mentee, "status": "proposed",
                "score": round(self.score, 2),
                "why": self.why if self.file_why is None else self.file_why}


CHANGES = ("new", "replaced", "updated", "unchanged")


@dataclass
class PairingPlan:
    """What `pair` does to a cohort: proposals, what it keeps, removes, and who is left."""

    pairs: Sequence[Pair]  # the file's `pairs:`, which the indices below refer to
    proposals: list[Proposal] = field(default_factory=list)  # in mentee id order
    kept: list[int] = field(default_factory=list)  # indices of kept pairs
    withdrawn: list[tuple[int, str]] = field(default_factory=list)  # (index, reason)
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # (mentee, reason)
    #: replaceable proposals of the file that break a hard rule: (index, the rules in words)
    broken: list[tuple[int, str]] = field(default_factory=list)
    method: str = ""  # the solver used: "dense" or "sparse"
    language: str = "en"  # of every `why` and reason: mentorcli's when it planned

    @property
    def matched(self) -> int:
        return len(self.proposals)

    @property
    def total_score(self) -> float:
        return float(sum(p.score for p in self.proposals))

    @property
    def appends_only(self) -> bool:
        """True when writing the plan only adds entries at the end of `pairs:`."""
        return not self.withdrawn and all(p.change in ("new", "unchanged")
                                          for p in self.proposals)

    def new_entries(self) -> list[dict[str, Any]]:
        """The `pairs:` entries of the new proposals, in mentee order."""
        return [p.entry() for p in self.proposals if p.change == "new"]

    def change_counts(self) -> dict[str, int]:
        """How many proposals are new, replaced, updated, unchanged (in that order)."""
        return {c: sum(1 for p in self.proposals if p.change == c) for c in CHANGES}

    def summary(self, file: str | Path, written: bool, dry_run: bool) -> str:
        """The last line `pair` prints: '7 proposed (6 new, 1 updated), 2 kept, 0 unmatched;
        wrote FILE', in the language mentorcli speaks now."""
        counts = self.change_counts()
        changes = {"new": ngettext("{n} new", "{n} new", counts["new"]),
                   "replaced": ngettext("{n} replaced", "{n} replaced", counts["replaced"]),
                   "updated": ngettext("{n} updated", "{n} updated", counts["updated"]),
                   "unchanged": ngettext("{n} unchanged", "{n} unchanged",
                                         counts["unchanged"])}
        detail = ", ".join(changes[change].format(n=i18n.number(n))
                           for change, n in counts.items() if n)
        if dry_run:
            outcome = _("dry run: nothing written")
        elif written:
            outcome = fill(_("wrote {file}"), file=file)
        else:
            outcome = fill(_("{file} unchanged"), file=file)
        proposed, kept, unmatched = (len(self.proposals), len(self.kept),
                                     len(self.unmatched))
        values = {
            "n": i18n.number(proposed),
            "kept": ngettext("{n} kept", "{n} kept", kept).format(n=i18n.number(kept)),
            "unmatched": ngettext("{n} unmatched", "{n} unmatched", unmatched).format(
                n=i18n.number(unmatched)),
            "outcome": outcome, "changes": detail}
        if detail:
            return fill(ngettext("{n} proposed ({changes}), {kept}, {unmatched}; {outcome}",
                                 "{n} proposed ({changes}), {kept}, {unmatched}; {outcome}",
                                 proposed), **values)
        return fill(ngettext("{n} proposed, {kept}, {unmatched}; {outcome}",
                             "{n} proposed, {kept}, {unmatched}; {outcome}", proposed), **values)

    def as_data(self) -> dict[str, Any]:
        """Plain data for `--format json`: `why` and `reason` are words in `language`
        (mentorcli's language when it planned; the file's `why` is in the cohort's)."""
        return {
            "proposed": [{"mentor": p.mentor, "mentee": p.mentee, "score": round(p.score, 2),
                          "why": p.why, "change": p.change} for p in self.proposals],
            "kept": [{"mentor": self.pairs[i].mentor, "mentee": self.pairs[i].mentee,
                      "status": self.pairs[i].status, "locked": self.pairs[i].locked}
                     for i in self.kept],
            "withdrawn": [{"mentor": self.pairs[i].mentor, "mentee": self.pairs[i].mentee,
                           "reason": reason} for i, reason in self.withdrawn],
            "unmatched": [{"mentee": m, "reason": r} for m, r in self.unmatched],
            "broken": [{"mentor": self.pairs[i].mentor, "mentee": self.pairs[i].mentee,
                        "rules": words} for i, words in self.broken],
            "matched": self.matched,
            "total_score": round(self.total_score, 4),
            "solver": self.method,
            "language": self.language,
        }


def plan_pairing(model: CohortFile, history: Sequence[HistoryPair] = (),
                 method: str = "auto") -> PairingPlan:
    """Propose a mentor for every mentee without a kept pair: most mentees matched, then the
    highest total score, and among equal totals the file's current proposals (see
    mentorcli.pairing.assignment). Pure: `pair_file` writes the result."""
    from mentorcli.pairing.assignment import solve

    ctx = PairingContext(model, history)
    problem = assignment_problem(ctx)
    mentors, mentees = problem.mentors, problem.mentees
    result = solve(problem.scores, problem.capacity, same_person=problem.same_person,
                   method=method, keep=problem.current)

    # the old proposals of each open mentee, in file order
    old: dict[str, list[int]] = {}
    for index in ctx.classes.replaceable:
        old.setdefault(model.pairs[index].mentee, []).append(index)

    w = ctx.words
    language = i18n.language()
    file_language = cohort_words(model.cohort.language)
    plan = PairingPlan(model.pairs, kept=list(ctx.classes.kept), method=result.method,
                       language=language)
    for index in ctx.classes.replaceable:  # hand-made proposals that break a rule: replaced
        rules = [words for code, words in broken_rules(model, model.pairs[index], ctx)
                 if code != "capacity"]
        if rules:
            plan.broken.append((index, w.join(rules)))
    for r, c in sorted(result.pairs, key=lambda rc: int(mentees[rc[1]])):  # mentee id order
        mentor_id, mentee_id = ctx.ids[int(mentors[r])], ctx.ids[int(mentees[c])]
        score = float(problem.scores[r, c])
        why = why_line(pair_factors(ctx, mentor_id, mentee_id))
        file_why = None if file_language == language else speaking(
            file_language, lambda m=mentor_id, e=mentee_id: why_line(pair_factors(ctx, m, e)))
        written_why = why if file_why is None else file_why
        previous = old.pop(mentee_id, [])
        same = [i for i in previous if model.pairs[i].mentor == mentor_id]
        replaces = same[0] if same else (previous[0] if previous else None)
        if replaces is None:
            change = "new"
        elif model.pairs[replaces].mentor != mentor_id:
            change = "replaced"
        elif (model.pairs[replaces].score, model.pairs[replaces].why) == (round(score, 2),
                                                                         written_why):
            change = "unchanged"
        else:
            change = "updated"
        plan.withdrawn += [(i, fill(_("{mentee} has a new proposal"), mentee=mentee_id))
                           for i in previous if i != replaces]
        plan.proposals.append(Proposal(mentor_id, mentee_id, score, why, replaces, change,
                                       file_why))

    assigned = {int(mentees[c]): int(mentors[r]) for r, c in result.pairs}
    load = ctx.kept_used[mentors].copy()  # each mentor's pairs: kept and proposed
    for r, _c in result.pairs:
        load[r] += 1
    left = sorted(set(int(k) for k in mentees) - set(assigned))
    reasons = unmatched_reasons(ctx, left, mentors, load, assigned)
    for slot in left:
        mentee_id = ctx.ids[slot]
        plan.unmatched.append((mentee_id, reasons[slot]))
        plan.withdrawn += [(i, fill(_("{mentee} is unmatched: {reason}"), mentee=mentee_id,
                                    reason=reasons[slot]))
                           for i in old.pop(mentee_id, [])]
    for mentee_id, indices in old.items():  # proposals of someone who cannot be a mentee now
        plan.withdrawn += [(i, fill(_("{mentee} cannot be paired"), mentee=mentee_id))
                           for i in indices]
    plan.withdrawn.sort()
    return plan


def plan_edits(plan: PairingPlan) -> list[E.Edit]:
    """The plan as edits of `pairs:` (data; the store writes them as text).

    Withdrawn proposals are deleted; a replaced or updated proposal is changed in place (its
    comments and other keys kept: `score` and `why`, then `mentor`, which names the entry);
    new proposals are appended at the end, in mentee order. Pairs are addressed by their
    mentor and mentee, which `validate` keeps unique.
    """
    pairs = plan.pairs
    edits: list[E.Edit] = [E.Delete(E.pair(pairs[i].mentor, pairs[i].mentee))
                           for i, _reason in plan.withdrawn]
    appended: list[E.Edit] = []
    for proposal in plan.proposals:
        entry = proposal.entry()
        if proposal.replaces is None:
            appended.append(E.Append(("pairs",), entry))
            continue
        old = pairs[proposal.replaces]
        at = E.pair(old.mentor, old.mentee)
        if old.score != entry["score"]:
            edits.append(E.Set(at, "score", entry["score"], after=("status", "mentee")))
        if old.why != entry["why"]:
            edits.append(E.Set(at, "why", entry["why"], after=("score", "status", "mentee")))
        if old.mentor != entry["mentor"]:
            edits.append(E.Set(at, "mentor", entry["mentor"]))
    return edits + appended


# ------------------------------------------------------------------ why not this pair

#: `explain` solves the assignment (twice when the pair is not chosen) only up to this many
#: open mentees x mentors: past it, re-solving would take a minute; `pair --dry-run` says it.
EXPLAIN_MAX_CELLS = 5_000_000


def why_not_chosen(ctx: PairingContext, mentor_id: str, mentee_id: str) -> dict[str, Any] | None:
    """For an allowed pair: whether `pair` proposes it, and if not, why: who takes the
    mentor's places (with their scores), which mentor the mentee gets instead, and what the
    best plan with this pair forced in would lose (total score, mentees matched).

    None when `pair` would not decide this pair (the mentee has a kept pair, someone is
    anonymized or an example, the mentor cannot mentor).
    """
    import numpy as np

    from mentorcli.pairing.assignment import solve

    if mentee_id in ctx.classes.taken:
        return None
    open_mentees = sum(1 for k in ctx.mentee_slots() if ctx.ids[k] not in ctx.classes.taken)
    if len(ctx.mentor_slots()) * open_mentees > EXPLAIN_MAX_CELLS:
        return {"chosen": None, "too_big": True}
    problem = assignment_problem(ctx)
    rows = {int(k): n for n, k in enumerate(problem.mentors)}
    cols = {int(k): n for n, k in enumerate(problem.mentees)}
    r, c = rows.get(ctx.index[mentor_id]), cols.get(ctx.index[mentee_id])
    if r is None or c is None or np.isnan(problem.scores[r, c]):
        return None
    best = solve(problem.scores, problem.capacity, same_person=problem.same_person,
                 keep=problem.current)
    if (r, c) in best.pairs:
        return {"chosen": True}
    ids = ctx.ids
    places = [{"mentee": ids[int(problem.mentees[cc])],
               "score": round(float(problem.scores[rr, cc]), 4)}
              for rr, cc in best.pairs if rr == r]
    kept = [{"mentee": ctx.model.pairs[i].mentee, "status": ctx.model.pairs[i].status,
             "locked": ctx.model.pairs[i].locked}
            for i in ctx.classes.kept if ctx.model.pairs[i].mentor == mentor_id]
    other = next(({"mentor": ids[int(problem.mentors[rr])],
                   "score": round(float(problem.scores[rr, cc]), 4)}
                  for rr, cc in best.pairs if cc == c), None)
    forced_total, forced_matched = None, None
    if problem.capacity[r] > 0:
        scores = np.delete(problem.scores, c, axis=1)
        capacity = problem.capacity.copy()
        capacity[r] -= 1
        same = problem.same_person.copy()
        same = np.where(same == c, -1, np.where(same > c, same - 1, same))
        # the mentee may not mentor their own mentor in the same plan
        mentee_row = rows.get(ctx.index[mentee_id])
        mentor_col = cols.get(ctx.index[mentor_id])
        if mentee_row is not None and mentor_col is not None:
            scores[mentee_row, mentor_col - (1 if mentor_col > c else 0)] = np.nan
        rest = solve(scores, capacity, same_person=same)
        forced_total = rest.total + float(problem.scores[r, c])
        forced_matched = rest.matched + 1
    return {
        "chosen": False,
        "mentor_places": places,
        "mentor_kept_pairs": kept,
        "mentee_gets": other,
        "total": round(best.total, 4),
        "matched": best.matched,
        "total_if_forced": None if forced_total is None else round(forced_total, 4),
        "matched_if_forced": forced_matched,
        "loss": None if forced_total is None else round(best.total - forced_total, 4),
    }

"""Explanations in words: why a pair scores what it scores or is forbidden, and why a
mentee got no mentor."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mentorcli import i18n
from mentorcli.i18n import N_, _
from mentorcli.model import CohortFile
from mentorcli.pairing.assignment import BLOCK_CELLS
from mentorcli.pairing.context import HistoryPair, PairingContext, _seniority_gap
from mentorcli.pairing.phrases import fill
from mentorcli.pairing.rules import RULES, forbidden_mask, pair_rules, rule_violations
from mentorcli.pairing.scoring import pair_factors, score_of, why_line

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np


# --------------------------------------------------------------------------------- explain


def explain_pair(model: CohortFile, mentor_id: str, mentee_id: str,
                 history: Sequence[HistoryPair] = ()) -> dict[str, Any]:
    """Why `mentor_id` -> `mentee_id` scores what it scores, or which hard rules forbid it.

    Returns plain data: mentor, mentee, language (of the words: mentorcli's now), allowed, score
    (None when forbidden), would_score, forbidden_by [{rule, reason}], factors [{factor,
    value, weight, contribution, detail}], why, capacity {capacity, used_by_kept_pairs, free},
    existing_pairs [{status, locked}] (this mentor and mentee), mentee_kept_pairs [{mentor,
    status, locked}] (the mentee's kept pairs with other mentors: `pair` proposes nobody else
    to them), proposal (for an allowed pair: whether `pair` proposes it and, if not, why; see
    mentorcli.pairing.plan.why_not_chosen). `rule` and `factor` are stable codes; `reason`,
    `detail` and `why` are words.
    """
    from mentorcli.pairing.plan import why_not_chosen

    ctx = PairingContext(model, history)
    rules = pair_rules(ctx, mentor_id, mentee_id)
    factors = pair_factors(ctx, mentor_id, mentee_id)
    score = score_of(factors)
    m_slot = ctx.slot(mentor_id)
    mentor = ctx.people[m_slot]
    existing = [{"status": p.status, "locked": p.locked}
                for p in model.pairs if p.mentor == mentor_id and p.mentee == mentee_id]
    used = int(ctx.kept_used[m_slot])
    mentee_kept = [{"mentor": model.pairs[i].mentor, "status": model.pairs[i].status,
                    "locked": model.pairs[i].locked}
                   for i in ctx.classes.kept if model.pairs[i].mentee == mentee_id
                   and model.pairs[i].mentor != mentor_id]
    return {
        "mentor": mentor_id,
        "mentee": mentee_id,
        "language": i18n.language(),
        "allowed": not rules,
        "score": None if rules else round(score, 4),
        "would_score": round(score, 4),
        "forbidden_by": [{"rule": r.code, "reason": r.reason} for r in rules],
        "factors": [
            {"factor": f.name, "value": round(f.value, 4), "weight": f.weight,
             "contribution": round(f.contribution, 4), "detail": f.detail}
            for f in factors
        ],
        "why": why_line(factors),
        "capacity": {"capacity": mentor.capacity, "used_by_kept_pairs": used,
                     "free": max(0, mentor.capacity - used)},
        "existing_pairs": existing,
        "mentee_kept_pairs": mentee_kept,  # with other mentors: `pair` leaves the mentee be
        "proposal": None if rules else why_not_chosen(ctx, mentor_id, mentee_id),
    }


# ------------------------------------------------------------------------ unmatched reasons

def unmatched_reasons(
    ctx: PairingContext,
    mentees: Sequence[int],
    mentor_slots: np.ndarray,
    used: np.ndarray,
    assigned: dict[int, int],
) -> dict[int, str]:
    """Why each mentee in `mentees` (slots) got no mentor, in words.

    `used` is each mentor's load after pairing (kept + proposed), aligned with `mentor_slots`;
    `assigned` maps a mentee slot to its mentor slot in the proposal (for the mutual case).
    """
    import numpy as np

    reasons: dict[int, str] = {}
    if not len(mentees):
        return reasons
    cols = np.asarray(mentees, dtype=np.int64)
    if len(mentor_slots) == 0:
        return {int(c): _("nobody can mentor in this cohort (no role mentor or both)")
                for c in cols}
    step = max(1, BLOCK_CELLS // (4 * len(mentor_slots)))  # a dozen rule matrices at once
    if len(cols) > step:
        for start in range(0, len(cols), step):
            reasons.update(unmatched_reasons(ctx, cols[start:start + step], mentor_slots,
                                             used, assigned))
        return reasons
    violations = rule_violations(ctx, mentor_slots, cols)
    forbidden = forbidden_mask(ctx, mentor_slots, cols, violations)
    ids, w = ctx.ids, ctx.words
    cohort_language = ctx.model.cohort.language
    for n, col in enumerate(cols):
        col = int(col)
        allowed = np.flatnonzero(~forbidden[:, n])
        if len(allowed):
            parts, blocked = [], False
            for r in allowed:
                slot = int(mentor_slots[r])
                cap = int(ctx.capacity[slot])
                if used[r] < cap and assigned.get(slot) == col:
                    parts.append(fill(_("{id} (their mentee)"), id=ids[slot]))
                    blocked = True
                else:
                    parts.append(f"{ids[slot]} ({int(used[r])}/{cap})")
            reasons[col] = fill(_("every compatible mentor is full or their own mentee: "
                                  "{mentors}") if blocked else
                                _("every compatible mentor is full: {mentors}"),
                                mentors=w.ids(parts, 8))
            continue
        fails = {code: v[:, n] for code, v in violations.items() if v[:, n].any()}
        if "language" in fails and fails["language"].all():
            spoken = ctx.people[col].speaks(cohort_language)
            reasons[col] = fill(_("no mentor speaks {languages}"), languages=w.either(spoken))
            continue
        if "self" in fails and fails["self"].all():
            reasons[col] = _("the only possible mentor is themselves")
            continue
        count = np.zeros(len(mentor_slots), dtype=np.int64)
        for v in fails.values():
            count += v
        near: dict[str, list[str]] = {}
        for code, v in fails.items():
            hit = np.flatnonzero(v & (count == 1))
            if len(hit):
                near[code] = [ids[int(mentor_slots[r])] for r in hit]
        if len(near) == 1:
            code, who = next(iter(near.items()))
            reasons[col] = fill(_("only candidates are {group}: {mentors}"),
                                group=_rule_group(ctx, code, col, who), mentors=w.ids(who))
        elif near:
            reasons[col] = fill(_("no compatible mentor: {detail}"), detail=w.join(
                fill(_("{group}: {mentors}"), group=_rule_group(ctx, code, col, near[code]),
                     mentors=w.ids(near[code], 3))
                for code in RULES if code in near))
        else:
            example = int(np.argmin(count))
            codes = [c for c in RULES if c in fails and fails[c][example]]
            reasons[col] = fill(_("no compatible mentor: {detail}"), detail=fill(
                _("each breaks two or more rules (e.g. {id}: {rules})"),
                id=ids[int(mentor_slots[example])], rules=", ".join(codes)))
    return reasons


def _rule_group(ctx: PairingContext, code: str, mentee: int = -1,
                mentors: Sequence[str] = ()) -> str:
    """The mentors rule `code` rules out, in words: 'in their reporting line'. Seniority is
    worded the right way round, as `explain` words it: more junior than the mentee (classic)
    or too close in seniority, with what the cohort needs."""
    w = ctx.words
    if code != "seniority" or mentee < 0 or not mentors:
        if code == "seniority":
            return fill(_("too close in seniority ({setting})"),
                        setting=f"min_seniority_gap: {ctx.rules.min_seniority_gap:g}")
        if code == "trained":
            return fill(_("untrained mentors ({setting})"), setting="trained_mentors_only: true")
        return _(_RULE_GROUPS[code])
    gaps = [float(_seniority_gap(ctx, ctx.index[m], mentee)) for m in mentors]
    wrong_way = sum(1 for g in gaps if g < 0)
    which = ("wrong_way" if wrong_way == len(gaps) else "close" if not wrong_way
             else "mixed")
    return fill(_(_SENIORITY_GROUPS[(ctx.kind, which)]),
                years=w.years(ctx.rules.min_seniority_gap))


#: The mentors a hard rule rules out, in words (translated where they are used).
_RULE_GROUPS = {
    "role": N_("not allowed by their role"),
    "self": N_("themselves"),
    "anonymized": N_("anonymized"),
    "example": N_("example people written by `init`"),
    "avoid": N_("on an avoid list"),
    "mutual": N_("their own mentees"),
    "ended": N_("former mentors (an ended pair is never proposed again)"),
    "history": N_("already paired with them in an earlier cohort (--history)"),
    "reporting_line": N_("in their reporting line"),
    "language": N_("without a language in common"),
    "same_department": N_("in their own department"),
}
#: The seniority rule's mentors, by cohort kind and the way they miss it.
_SENIORITY_GROUPS = {
    ("classic", "wrong_way"): N_("more junior than them (a classic cohort needs the mentor "
                                 "to have at least {years} more)"),
    ("classic", "close"): N_("too close in seniority (a classic cohort needs the mentor to "
                             "have at least {years} more)"),
    ("classic", "mixed"): N_("too junior or too close in seniority (a classic cohort needs "
                             "the mentor to have at least {years} more)"),
    ("reverse", "wrong_way"): N_("more senior than them (a reverse cohort needs the mentee "
                                 "to have at least {years} more)"),
    ("reverse", "close"): N_("too close in seniority (a reverse cohort needs the mentee to "
                             "have at least {years} more)"),
    ("reverse", "mixed"): N_("too senior or too close in seniority (a reverse cohort needs "
                             "the mentee to have at least {years} more)"),
}


# ------------------------------------------------------------------ mentees left without one


def waiting_mentees(model: CohortFile) -> list[tuple[str, str]]:
    """(mentee id, reason in words) of every mentee with no active or proposed pair (by
    id), for the report. Anonymized and example people are left out. The reason is the one
    `pair` gives (every compatible mentor full, no mentor speaks..., only candidates are...)
    with the file's pairs as they are; when a compatible mentor still has a free place, it
    says to run `pair`."""
    import numpy as np

    paired = {p.mentee for p in model.pairs if p.status != "ended"}
    waiting = sorted(p.id for p in model.participants
                     if p.can_be_mentored and p.id not in paired and p.anonymized is None
                     and not p.example)
    if not waiting:
        return []
    ctx = PairingContext(model)
    mentors = ctx.mentor_slots()
    row = {int(k): n for n, k in enumerate(mentors)}
    load = np.zeros(len(mentors), dtype=np.int64)
    for p in model.pairs:
        if p.status != "ended" and ctx.index.get(p.mentor) in row:
            load[row[ctx.index[p.mentor]]] += 1
    cols = np.asarray([ctx.index[m] for m in waiting], dtype=np.int64)
    free = load < ctx.capacity[mentors]
    open_now: list[int] = []
    if len(mentors):
        forbidden = forbidden_mask(ctx, mentors, cols)
        open_now = [n for n in range(len(cols)) if (free & ~forbidden[:, n]).any()]
    ready = set(open_now)
    reasons = unmatched_reasons(ctx, [int(c) for n, c in enumerate(cols) if n not in ready],
                                mentors, load, {})
    return [(mentee, _("a compatible mentor has a free place: run `mentorcli pair`")
             if n in ready else reasons[int(cols[n])])
            for n, mentee in enumerate(waiting)]

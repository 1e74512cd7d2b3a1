"""Explanations in words: why a pair scores what it scores or is forbidden, and why a
mentee got no mentor."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mentorcli.model import CohortFile
from mentorcli.pairing.assignment import BLOCK_CELLS
from mentorcli.pairing.context import HistoryPair, PairingContext
from mentorcli.pairing.rules import RULES, forbidden_mask, pair_rules, rule_violations
from mentorcli.pairing.scoring import pair_factors, score_of, why_line

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np


# --------------------------------------------------------------------------------- explain


def explain_pair(model: CohortFile, mentor_id: str, mentee_id: str,
                 history: Sequence[HistoryPair] = ()) -> dict[str, Any]:
    """Why `mentor_id` -> `mentee_id` scores what it scores, or which hard rules forbid it.

    Returns plain data: mentor, mentee, language (of the words: the cohort's), allowed, score
    (None when forbidden), would_score, forbidden_by [{rule, reason}], factors [{factor,
    value, weight, contribution, detail}], why, capacity {capacity, used_by_kept_pairs, free},
    existing_pairs [{status, locked}] (this mentor and mentee), mentee_kept_pairs [{mentor,
    status, locked}] (the mentee's kept pairs with other mentors: `pair` proposes nobody else
    to them). `rule` and `factor` are stable codes; `reason`, `detail` and `why` are words.
    """
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
        "language": ctx.words.language,
        "allowed": not rules,
        "score": None if rules else round(score, 4),
        "would_score": round(score, 4),
        "forbidden_by": [{"rule": r.code, "reason": r.reason} for r in rules],
        "factors": [
            {"factor": f.name, "value": round(f.value, 4), "weight": f.weight,
             "contribution": round(f.contribution, 4), "detail": f.detail}
            for f in factors
        ],
        "why": why_line(factors, ctx.words.language),
        "capacity": {"capacity": mentor.capacity, "used_by_kept_pairs": used,
                     "free": max(0, mentor.capacity - used)},
        "existing_pairs": existing,
        "mentee_kept_pairs": mentee_kept,  # with other mentors: `pair` leaves the mentee be
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
        return {int(c): ctx.words("nobody_mentors") for c in cols}
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
                    parts.append(w("their_mentee", id=ids[slot]))
                    blocked = True
                else:
                    parts.append(f"{ids[slot]} ({int(used[r])}/{cap})")
            reasons[col] = w("all_full_or_mentee" if blocked else "all_full",
                             mentors=w.ids(parts, 8))
            continue
        fails = {code: v[:, n] for code, v in violations.items() if v[:, n].any()}
        if "language" in fails and fails["language"].all():
            spoken = ctx.people[col].speaks(cohort_language)
            reasons[col] = w("no_speaker", languages=w("or").join(spoken))
            continue
        if "self" in fails and fails["self"].all():
            reasons[col] = w("only_self")
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
            reasons[col] = w("only_candidates", group=_rule_group(ctx, code),
                             mentors=w.ids(who))
        elif near:
            reasons[col] = w("no_compatible", detail=w.join(
                w.labelled(_rule_group(ctx, code), w.ids(near[code], 3))
                for code in RULES if code in near))
        else:
            example = int(np.argmin(count))
            codes = [c for c in RULES if c in fails and fails[c][example]]
            reasons[col] = w("no_compatible", detail=w(
                "several_rules", id=ids[int(mentor_slots[example])], rules=", ".join(codes)))
    return reasons


def _rule_group(ctx: PairingContext, code: str) -> str:
    """The mentors rule `code` rules out, in words: 'in their reporting line'."""
    return ctx.words(f"group_{code}", gap=f"{ctx.rules.min_seniority_gap:g}")

"""The soft factors and the score: as matrices (vectorised, block by block) and for one
pair in words (`explain`, the `why` written into the file)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mentorcli.i18n import _, ngettext
from mentorcli.model import CohortFile
from mentorcli.pairing.assignment import BLOCK_CELLS
from mentorcli.pairing.context import (
    FACTORS,
    PairingContext,
    _mask_of,
    _seniority_gap,
)
from mentorcli.pairing.phrases import Words, fill
from mentorcli.pairing.rules import _experience_gap, forbidden_mask
from mentorcli.tags import normalize_tag

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np


NEUTRAL = 0.5  # the value of a factor that cannot be measured (a side is missing the data)
SENIORITY_RAMP = 5.0  # classic/reverse: from 0.5 at the minimum gap to 1 this many years above
PEER_TOLERANCE = 2.0  # peer: 1 while seniorities are at most this many years apart
PEER_ZERO = 10.0  # peer: 0 from this many years apart
WORK_START, WORK_END = 9.0, 17.0  # local working hours compared for the location factor
WORK_HOURS = WORK_END - WORK_START

def seniority_value(kind: str, gap: Any, min_gap: float) -> Any:
    """The seniority factor for a gap (works on numbers and numpy arrays; nan -> 0.5).

    classic / reverse (gap in the wanted direction): 0.5 at `min_gap`, rising linearly to 1 at
    `min_gap` + 5 years and staying 1 above; falling linearly to 0 at `min_gap` - 5 years.
    peer (gap = difference either way): 1 up to 2 years apart, falling linearly to 0 at 10.
    """
    import numpy as np

    gap = np.asarray(gap, dtype=np.float64)
    if kind == "peer":
        value = 1.0 - np.maximum(np.abs(gap) - PEER_TOLERANCE, 0.0) / (PEER_ZERO - PEER_TOLERANCE)
    else:
        value = 0.5 + 0.5 * (gap - min_gap) / SENIORITY_RAMP
    value = np.clip(value, 0.0, 1.0)
    return np.where(np.isnan(gap), NEUTRAL, value)


def overlap_hours(offset_a: Any, offset_b: Any) -> Any:
    """Hours both people are inside their 9:00-17:00 at once, from UTC offsets in hours.

    Works on numbers and numpy arrays; a day boundary is allowed for (Sydney's morning is
    Europe's evening of the day before), so the result is the best of the three alignments.
    """
    import numpy as np

    a = np.asarray(offset_a, dtype=np.float64)
    b = np.asarray(offset_b, dtype=np.float64)
    best = np.zeros(np.broadcast(a, b).shape)
    for shift in (-24.0, 0.0, 24.0):
        start = np.maximum(WORK_START - a, WORK_START - b + shift)
        end = np.minimum(WORK_END - a, WORK_END - b + shift)
        best = np.maximum(best, end - start)
    return best


def factor_values(ctx: PairingContext, rows: np.ndarray, cols: np.ndarray
                  ) -> dict[str, np.ndarray]:
    """One float32 matrix per factor that counts (see `effective_weights`), each 0 to 1."""
    import numpy as np

    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    shape = (len(rows), len(cols))
    size = len(ctx.people)
    R, C = rows[:, None], cols[None, :]
    out: dict[str, np.ndarray] = {}
    f32 = np.float32

    # goals: share of the mentee's goals that the mentor's skills cover
    covered = ctx.skill_ind[rows] @ ctx.goal_ind[cols].T
    wanted = ctx.goal_count[cols][None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        out["goals"] = np.where(wanted > 0, covered / np.maximum(wanted, 1), f32(NEUTRAL))

    # objectives: share of the mentee's objectives the mentor also joins for
    common = ctx.objective_ind[rows] @ ctx.objective_ind[cols].T
    mine = ctx.objective_count[cols][None, :]
    theirs = ctx.objective_count[rows][:, None]
    out["objectives"] = np.where((mine > 0) & (theirs > 0), common / np.maximum(mine, 1),
                                 f32(NEUTRAL))

    # department: different 1, same 0, unknown 0.5
    d_r, d_c = ctx.dept[R], ctx.dept[C]
    out["department"] = np.where((d_r < 0) | (d_c < 0), f32(NEUTRAL),
                                 (d_r != d_c).astype(f32))

    # seniority: the curve of the cohort kind
    out["seniority"] = seniority_value(
        ctx.kind, _seniority_gap(ctx, R, C), ctx.rules.min_seniority_gap).astype(f32)

    # location: same site 1, else shared working hours / 8, else 0.5
    s_r, s_c = ctx.site[R], ctx.site[C]
    same_site = (s_r == s_c) & (s_r >= 0)
    o_r, o_c = ctx.tz_offset[R], ctx.tz_offset[C]
    hours = overlap_hours(o_r, o_c)
    known = ~(np.isnan(o_r) | np.isnan(o_c))
    out["location"] = np.where(same_site, f32(1.0),
                               np.where(known, hours / WORK_HOURS, NEUTRAL)).astype(f32)

    # preference: either named the other in `prefer`
    out["preference"] = _mask_of(ctx.prefer_rel, rows, cols, size).astype(f32)

    if "language" in ctx.weights:
        shared = ctx.language_ind[rows] @ ctx.language_ind[cols].T
        out["language"] = (shared > 0.5).astype(f32)

    return {k: np.broadcast_to(np.asarray(v, dtype=f32), shape)
            for k, v in out.items() if k in ctx.weights}


def score_values(ctx: PairingContext, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The weighted mean of the factors (float32, 0 to 1), hard rules ignored."""
    import numpy as np

    total = np.zeros((len(rows), len(cols)), dtype=np.float32)
    if ctx.total_weight <= 0:
        return total
    for name, value in factor_values(ctx, rows, cols).items():
        weight = ctx.weights[name]
        if weight:
            total += np.float32(weight / ctx.total_weight) * value
    np.clip(total, 0.0, 1.0, out=total)
    return total


def score_matrix(ctx: PairingContext, rows: np.ndarray | None = None,
                 cols: np.ndarray | None = None) -> np.ndarray:
    """Scores of mentors `rows` x mentees `cols` (default: everyone who may), float32, with
    NaN where a hard rule forbids the pair. Computed by blocks of mentees to bound memory."""
    import numpy as np

    rows = ctx.mentor_slots() if rows is None else np.asarray(rows, dtype=np.int64)
    cols = ctx.mentee_slots() if cols is None else np.asarray(cols, dtype=np.int64)
    result = np.empty((len(rows), len(cols)), dtype=np.float32)
    step = max(1, BLOCK_CELLS // max(1, len(rows)))
    for start in range(0, len(cols), step):
        block = cols[start:start + step]
        scores = score_values(ctx, rows, block)
        scores[forbidden_mask(ctx, rows, block)] = np.nan
        result[:, start:start + len(block)] = scores
    return result


def score_table(model: CohortFile) -> dict[str, Any]:
    """The data of `scores`: {"mentors": [ids], "mentees": [ids], "scores": [[score or None]]}.

    One row per mentor and one column per mentee (both by id), scores rounded to 4 decimals,
    None where a hard rule forbids the pair. Capacity is not applied (it depends on the other
    pairs), so full mentors still get scores.
    """
    ctx = PairingContext(model)
    mentors, mentees = ctx.mentor_slots(), ctx.mentee_slots()
    matrix = score_matrix(ctx, mentors, mentees).astype(float).round(4).tolist()
    return {"mentors": [ctx.ids[k] for k in mentors],
            "mentees": [ctx.ids[k] for k in mentees],
            "scores": [[None if math.isnan(v) else v for v in row] for row in matrix]}


@dataclass(frozen=True)
class Factor:
    """One soft factor of a pair's score."""

    name: str
    value: float
    weight: float
    contribution: float  # weight * value / total weight: the contributions sum to the score
    detail: str
    known: bool = True  # False when a side is missing the data (value 0.5)


def pair_factors(ctx: PairingContext, mentor: str, mentee: str) -> list[Factor]:
    """The factors of `mentor` -> `mentee` with their value, weight, contribution and words."""
    m_slot, e_slot = ctx.slot(mentor), ctx.slot(mentee)
    m, e = ctx.people[m_slot], ctx.people[e_slot]
    w = ctx.words
    values: dict[str, tuple[float, str]] = {}  # factor -> (value, words)
    missing: set[str] = set()  # factors a side has no data for

    def unknown(name: str, words: str) -> None:
        values[name] = (NEUTRAL, fill(_("{detail} (neutral {value})"), detail=words,
                                      value=w.number(NEUTRAL)))
        missing.add(name)

    # goals
    goals_keys = ctx.goals[e_slot]
    if not goals_keys:
        unknown("goals", fill(_("{mentee} lists no goals"), mentee=mentee))
    else:
        covered = goals_keys & ctx.skills[m_slot]
        texts = ", ".join(_as_written(e.goals, covered))
        if not covered:
            values["goals"] = (0.0, fill(_("covers none of {mentee}'s goals"), mentee=mentee))
        elif len(covered) == len(goals_keys):
            values["goals"] = (1.0, fill(ngettext("covers goals {goals}", "covers goals {goals}",
                                                  len(covered)), goals=texts))
        else:
            values["goals"] = (len(covered) / len(goals_keys), fill(
                ngettext("covers goals {goals} ({n} of {total})",
                         "covers goals {goals} ({n} of {total})", len(covered)),
                goals=texts, n=len(covered), total=len(goals_keys)))

    # objectives
    mine, theirs = ctx.objectives[e_slot], ctx.objectives[m_slot]
    if not mine or not theirs:
        unknown("objectives", fill(_("{id} lists no programme objectives"),
                                   id=mentee if not mine else mentor))
    else:
        common = sorted(mine & theirs)
        values["objectives"] = (len(common) / len(mine),
                                fill(ngettext("shares objective {objectives}",
                                              "shares objectives {objectives}", len(common)),
                                     objectives=", ".join(common))
                                if common else _("no objective in common"))

    # department
    if ctx.dept[m_slot] < 0 or ctx.dept[e_slot] < 0:
        unknown("department", _("department not given"))
    elif ctx.dept[m_slot] == ctx.dept[e_slot]:
        values["department"] = (0.0, fill(_("same department ({department})"),
                                          department=e.department))
    else:
        values["department"] = (1.0, _("different departments"))

    # seniority
    rules = ctx.rules
    if m.seniority is None or e.seniority is None:
        unknown("seniority", _("seniority not given"))
    else:
        gap = float(_seniority_gap(ctx, m_slot, e_slot))
        value = float(seniority_value(ctx.kind, gap, rules.min_seniority_gap))
        if ctx.kind == "peer":
            words = (_("same seniority") if gap == 0 else
                     fill(_("{years} apart in seniority"), years=w.years(gap)))
        elif ctx.kind == "classic":
            words = _experience_gap(w, gap)
        else:
            words = fill(_("mentee has {experience}"), experience=_experience_gap(w, gap))
        values["seniority"] = (value, words)

    # location
    if ctx.site[m_slot] >= 0 and ctx.site[m_slot] == ctx.site[e_slot]:
        values["location"] = (1.0, fill(_("same site ({site})"), site=e.location))
    elif math.isnan(ctx.tz_offset[m_slot]) or math.isnan(ctx.tz_offset[e_slot]):
        unknown("location", _("site or time zone not given"))
    else:
        hours = float(overlap_hours(ctx.tz_offset[m_slot], ctx.tz_offset[e_slot]))
        hours = max(hours, 0.0)
        values["location"] = (hours / WORK_HOURS,
                              fill(_("{hours} h of shared working hours"),
                                   hours=w.number(hours)) if hours
                              else _("no shared working hours"))

    # preference
    asked_by_mentee = mentor in e.prefer
    asked_by_mentor = mentee in m.prefer
    if asked_by_mentee and asked_by_mentor:
        values["preference"] = (1.0, _("asked for each other"))
    elif asked_by_mentee:
        values["preference"] = (1.0, fill(_("{who} asked for {other}"), who=mentee,
                                          other=mentor))
    elif asked_by_mentor:
        values["preference"] = (1.0, fill(_("{who} asked for {other}"), who=mentor,
                                          other=mentee))
    else:
        values["preference"] = (0.0, _("no preference named"))

    # language
    if "language" in ctx.weights:
        shared = sorted(ctx.languages[m_slot] & ctx.languages[e_slot])
        values["language"] = ((1.0, fill(ngettext("speak {languages}", "speak {languages}",
                                                  len(shared)), languages=", ".join(shared)))
                              if shared else (0.0, _("no language in common")))

    total = ctx.total_weight
    factors = []
    for name in FACTORS:
        if name not in ctx.weights:
            continue
        value, words = values[name]
        weight = ctx.weights[name]
        contribution = weight * value / total if total > 0 else 0.0
        factors.append(Factor(name, value, weight, contribution, words,
                              known=name not in missing))
    return factors


def _as_written(texts: Sequence[str], keys: frozenset[str]) -> list[str]:
    """The tags as the person wrote them, for the keys in `keys`, first spelling kept."""
    shown, seen = [], set()
    for text in texts:
        key = normalize_tag(text)
        if key in keys and key not in seen:
            shown.append(text)
            seen.add(key)
    return shown


def score_of(factors: Sequence[Factor]) -> float:
    """The score of a pair: the sum of its factor contributions, 0 to 1."""
    return min(1.0, max(0.0, sum(f.contribution for f in factors)))


def why_line(factors: Sequence[Factor], *, limit: int = 4) -> str:
    """The one-line `why`: the factors in favour, biggest contribution first, joined in the
    language mentorcli speaks now (the factors' details are already in it)."""
    order = {name: n for n, name in enumerate(FACTORS)}
    helpful = sorted((f for f in factors if f.contribution > 0 and f.value > 0 and f.known),
                     key=lambda f: (-round(f.contribution, 9), order[f.name]))
    parts = [f.detail for f in helpful[:limit]]
    return Words().join(parts) if parts else _("no factor in favour")

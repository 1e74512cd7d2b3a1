"""The hard rules: as matrices (every mentor x mentee cell at once, for `scores` and the
solver) and for one pair in words (`explain`, `validate`, `approve`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mentorcli.i18n import _, ngettext
from mentorcli.model import CohortFile, Pair
from mentorcli.pairing.context import PairingContext, RuleContext, _mask_of, _seniority_gap
from mentorcli.pairing.phrases import Words, fill

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np


#: Hard rules, in the order they are reported.
RULES = ("role", "self", "anonymized", "example", "avoid", "mutual", "ended", "history",
         "reporting_line", "language", "same_department", "trained", "seniority")


def rule_violations(ctx: PairingContext, rows: np.ndarray, cols: np.ndarray
                    ) -> dict[str, np.ndarray]:
    """One boolean matrix per hard rule in force: True where it forbids (mentor, mentee).

    `rows` are the slots of the would-be mentors, `cols` of the would-be mentees. Capacity is
    not here: it depends on the other pairs (the solver applies it).
    """
    import numpy as np

    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    shape = (len(rows), len(cols))
    size = len(ctx.people)
    R, C = rows[:, None], cols[None, :]
    rules = ctx.rules
    out: dict[str, np.ndarray] = {
        "role": ~ctx.can_mentor[R] | ~ctx.can_be_mentored[C],
        "self": R == C,
        "anonymized": ctx.anonymized[R] | ctx.anonymized[C],
        "example": ctx.example[R] | ctx.example[C],
        "avoid": _mask_of(ctx.avoid_rel, rows, cols, size),
        "mutual": _mask_of(ctx.mutual_rel, rows, cols, size),
        "ended": _mask_of(ctx.ended_rel, rows, cols, size),
        "history": _mask_of(ctx.history_rel, rows, cols, size),
    }
    if rules.reporting_line == "forbid":
        out["reporting_line"] = _mask_of(ctx.reporting_rel, rows, cols, size)
    if rules.common_language == "require":
        common = ctx.language_ind[rows] @ ctx.language_ind[cols].T
        out["language"] = common < 0.5
    if rules.same_department == "forbid":
        d_r, d_c = ctx.dept[R], ctx.dept[C]
        out["same_department"] = (d_r == d_c) & (d_r >= 0)
    if rules.trained_mentors_only:
        out["trained"] = ~ctx.trained[R]
    if ctx.kind != "peer":
        gap = _seniority_gap(ctx, R, C)
        with np.errstate(invalid="ignore"):
            out["seniority"] = gap < rules.min_seniority_gap - 1e-9  # unknown (nan): passes
    return {k: np.broadcast_to(v, shape) for k, v in out.items()}


def forbidden_mask(ctx: PairingContext, rows: np.ndarray, cols: np.ndarray,
                   violations: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """True where at least one hard rule forbids the pair (from `violations` if given)."""
    import numpy as np

    mask = np.zeros((len(rows), len(cols)), dtype=bool)
    for violation in (violations or rule_violations(ctx, rows, cols)).values():
        mask |= violation
    return mask


@dataclass(frozen=True)
class Rule:
    """A hard rule that forbids a pair, and the reason in words."""

    code: str
    reason: str


def _chain_words(ctx: RuleContext, boss: str, person: str) -> str | None:
    chain = ctx.chains.get(person, [])
    if boss not in chain:
        return None
    steps = chain[:chain.index(boss) + 1]
    if len(steps) == 1:
        return fill(_("{boss} is {person}'s manager"), boss=boss, person=person)
    return fill(_("{boss} is above {person} in the reporting line ({chain})"), boss=boss,
                person=person, chain=" -> ".join([person, *steps]))


def pair_rules(ctx: RuleContext, mentor: str, mentee: str) -> list[Rule]:
    """Every hard rule that forbids `mentor` -> `mentee`, with the reason in words."""
    m_slot, e_slot = ctx.slot(mentor), ctx.slot(mentee)
    m, e = ctx.people[m_slot], ctx.people[e_slot]
    rules, w = ctx.rules, ctx.words
    found: list[Rule] = []
    if not m.can_mentor:
        found.append(Rule("role", fill(_("{id} is not a mentor ({setting})"), id=mentor,
                                       setting=f"role: {m.role}")))
    if not e.can_be_mentored:
        found.append(Rule("role", fill(_("{id} is not a mentee ({setting})"), id=mentee,
                                       setting=f"role: {e.role}")))
    if m_slot == e_slot:
        found.append(Rule("self", _("the same person cannot mentor themselves")))
    for person in (m, e):
        if person.anonymized is not None:
            found.append(Rule("anonymized", fill(
                _("{id}'s personal data was removed on {date}"), id=person.id,
                date=w.date(person.anonymized))))
    for person in (m, e):
        if person.example:
            found.append(Rule("example", fill(
                _("{id} is an example person written by `init` ({setting})"),
                id=person.id, setting="example: true")))
    if m_slot != e_slot:
        if mentor in e.avoid:
            found.append(Rule("avoid", fill(_("{who} asked to avoid {other}"), who=mentee,
                                            other=mentor)))
        if mentee in m.avoid:
            found.append(Rule("avoid", fill(_("{who} asked to avoid {other}"), who=mentor,
                                            other=mentee)))
    if (m_slot, e_slot) in ctx.mutual_pairs:
        old = ctx.mutual_pairs[(m_slot, e_slot)]
        found.append(Rule("mutual", fill(
            _("{mentee} already mentors {mentor} ({pair}): nobody is mentor and mentee of "
              "the same person"), mentee=mentee, mentor=mentor, pair=_pair_status(old.status))))
    if (m_slot, e_slot) in ctx.ended_pairs:
        old = ctx.ended_pairs[(m_slot, e_slot)]
        found.append(Rule("ended", fill(
            _("their pair ended on {date}: an ended pair is never proposed again"),
            date=w.date(old.ended)) if old.ended else
            _("their pair ended: an ended pair is never proposed again")))
    if (m_slot, e_slot) in ctx.history_pairs:
        old_pair = ctx.history_pairs[(m_slot, e_slot)]
        found.append(Rule("history", fill(_("already paired in cohort {source} (--history)"),
                                          source=old_pair.source)))
    if rules.reporting_line == "forbid" and m_slot != e_slot:
        words = _chain_words(ctx, mentor, mentee) or _chain_words(ctx, mentee, mentor)
        if words:
            found.append(Rule("reporting_line", f"{words} (reporting_line: forbid)"))
    if rules.common_language == "require" and not (ctx.languages[m_slot]
                                                   & ctx.languages[e_slot]):
        language = ctx.model.cohort.language  # what people speak by default: data, not words
        found.append(Rule("language", fill(
            _("no language in common ({mentor} speaks {mentor_languages}; {mentee} speaks "
              "{mentee_languages})"), mentor=mentor, mentee=mentee,
            mentor_languages=", ".join(m.speaks(language)),
            mentee_languages=", ".join(e.speaks(language)))))
    if rules.same_department == "forbid" and ctx.dept[m_slot] >= 0 \
            and ctx.dept[m_slot] == ctx.dept[e_slot]:
        found.append(Rule("same_department", fill(
            _("both in department {department} ({setting})"),
            department=m.department, setting="same_department: forbid")))
    if rules.trained_mentors_only and m.trained is None:
        found.append(Rule("trained", fill(
            _("{id} has no training date ({setting})"), id=mentor,
            setting="trained_mentors_only: true")))
    if ctx.kind != "peer" and m.seniority is not None and e.seniority is not None:
        gap = float(_seniority_gap(ctx, m_slot, e_slot))
        if gap < rules.min_seniority_gap - 1e-9:
            # classic: the mentor should have more experience; reverse: the mentee
            senior, junior = (mentor, mentee) if ctx.kind == "classic" else (mentee, mentor)
            compared = (fill(_("{senior} and {junior} have the same experience"),
                             senior=senior, junior=junior) if gap == 0 else
                        fill(_("{senior} has {experience} than {junior}"), senior=senior,
                             junior=junior, experience=_experience_gap(w, gap)))
            needs = (_("{compared}; a classic cohort needs at least {years} more")
                     if ctx.kind == "classic" else
                     _("{compared}; a reverse cohort needs the mentee at least {years} more"))
            found.append(Rule("seniority", fill(needs, compared=compared,
                                                years=w.years(rules.min_seniority_gap))))
    return found


def _pair_status(status: str) -> str:
    """'active pair', 'proposed pair', 'ended pair' (a kept pair's status, in words)."""
    if status == "active":
        return _("active pair")
    if status == "ended":
        return _("ended pair")
    return _("proposed pair")


def _experience_gap(w: Words, gap: float) -> str:
    """'3 years more experience', '2 years less experience' or 'the same experience'."""
    if gap == 0:
        return _("the same experience")
    if gap > 0:
        return fill(_("{years} more experience"), years=w.years(gap))
    return fill(_("{years} less experience"), years=w.years(gap))


# ------------------------------------------------------------ the file's own pairs

#: Rules `validate` leaves to its own checks when it checks the file's pairs (role, self and
#: mutual pairs are errors there already; an ended pair is the pair itself; no --history).
_CHECKED_ELSEWHERE = ("role", "self", "mutual", "ended", "history")


def broken_rules(model: CohortFile, pair: Pair,
                 ctx: RuleContext | None = None) -> list[tuple[str, str]]:
    """The hard rules a pair of the file breaks, as (code, words), in the words `explain`
    uses: reporting line, avoid, capacity, language, roles, training, seniority... Pure.

    `exception:` on the pair does not change the answer (callers decide what it allows).
    Capacity: a mentor's open pairs count locked and active pairs first, then the others in
    file order; a pair past the mentor's capacity breaks it. Pass `ctx` (a RuleContext of
    `model`) to check many pairs of one cohort. Unknown ids give no rule (validate reports
    them).
    """
    ctx = ctx if ctx is not None else RuleContext(model)
    if pair.mentor not in ctx.index or pair.mentee not in ctx.index:
        return []
    found = [(r.code, r.reason) for r in pair_rules(ctx, pair.mentor, pair.mentee)
             if r.code not in _CHECKED_ELSEWHERE]
    if pair.status != "ended":
        over = _over_capacity(ctx, pair)
        if over:
            found.append(("capacity", over))
    order = {code: n for n, code in enumerate((*RULES[:RULES.index("avoid") + 1], "capacity",
                                                *RULES[RULES.index("avoid") + 1:]))}
    found.sort(key=lambda item: order[item[0]])
    return found


def _over_capacity(ctx: RuleContext, pair: Pair) -> str | None:
    ranks = getattr(ctx, "_capacity_ranks", None)
    if ranks is None:  # once per context: (mentor, mentee) -> (rank, open pairs of the mentor)
        by_mentor: dict[str, list[Pair]] = {}
        for p in ctx.model.pairs:
            if p.status != "ended":
                by_mentor.setdefault(p.mentor, []).append(p)
        ranks = {}
        for mentor_id, open_pairs in by_mentor.items():
            ranked = ([p for p in open_pairs if p.locked or p.status == "active"]
                      + [p for p in open_pairs if not (p.locked or p.status == "active")])
            for n, p in enumerate(ranked, start=1):
                ranks[(mentor_id, p.mentee)] = (n, len(ranked))
        ctx._capacity_ranks = ranks  # type: ignore[attr-defined]
    rank, count = ranks.get((pair.mentor, pair.mentee), (0, 0))
    mentor = ctx.people[ctx.index[pair.mentor]]
    if rank <= mentor.capacity:
        return None
    return fill(ngettext("{mentor} has {count} open pair for a capacity of {capacity}",
                         "{mentor} has {count} open pairs for a capacity of {capacity}", count),
                mentor=pair.mentor, count=count, capacity=mentor.capacity)

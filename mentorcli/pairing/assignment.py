"""The assignment: match as many mentees as possible, then maximise the total score.

Input: a score matrix (rows = mentors, columns = mentees, NaN where a hard rule forbids the
pair), each mentor's free capacity, and optionally the pairs to keep when that costs nothing
(the file's current proposals). Output: the (mentor row, mentee column) pairs.

How (docs/pairing.md explains it for coordinators, bench/README-pairing.md measures it):

- Scores are made integers so that sums and ties are exact: 2 units per micro-point
  (2 * round(score * 10**6)), plus 1 unit for a pair to keep. A pair to keep therefore wins
  every tie, and never beats a better pair by more than half a micro-point (less than the
  rounding of the scores themselves): a re-run does not reshuffle proposals that are as good
  as any other.
- "Most matched first" is made part of one objective: each matched pair is worth a constant
  bigger than any possible total of scores, plus its score. Maximising that sum maximises the
  number of pairs first and the total score second, in one solve.
- dense: each mentor is expanded into one column per place (capacity) and
  `scipy.optimize.linear_sum_assignment` solves mentees x places exactly.
- sparse (big cohorts): each mentee keeps its best `k` candidate mentors, the pruned problem is
  solved exactly with `scipy.sparse.csgraph.min_weight_full_bipartite_matching` (places as
  columns, plus one "unmatched" column per mentee), and the result is then *certified* optimal
  for the whole matrix by linear-programming duality: node potentials are computed by
  Bellman-Ford on the residual graph of the solution, and every pruned pair is checked to have
  a non-negative reduced cost. Pairs that fail the check join the candidates and the problem
  is solved again, until the certificate holds. So pruning only saves time, never optimality.
- A person with role `both` may not mentor someone who mentors them in the same proposal. The
  solver is bipartite, so when its answer contains such a mutual pair it branches (forbid one
  direction, then the other) and keeps the better result: exact, and rare in practice.

Ties between equally good assignments are settled by the order of rows and columns (the
callers sort people by id), never by chance: the same input always gives the same pairs.
scipy is imported inside the functions that solve.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

SCALE = 1_000_000  # micro-points per point: scores are compared to 1e-6
TOP = 2 * SCALE + 1  # solver units of the best pair: 2 per micro-point, +1 for a pair to keep
DENSE_CELLS = 1_000_000  # mentees x places up to this: dense (above, sparse is faster)
DEFAULT_K = 48  # candidates kept per mentee by the sparse solver (more are added if needed)
MAX_SOLVES = 64  # mutual-pair branching budget (dense); beyond, settled by score
MAX_SOLVES_SPARSE = 8  # the same on big (sparse) problems, where each solve costs more
BLOCK_CELLS = 4_000_000  # matrix cells handled at once: bounds memory on big cohorts


@dataclass
class Assignment:
    """A solution: pairs as (row, col) sorted by column, and how it was found."""

    pairs: list[tuple[int, int]]
    matched: int
    total: float  # sum of the scores of the pairs
    method: str
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[int, int]:
        """What is maximised, exactly: (pairs, solver units: 2 per micro-point + pairs kept)."""
        return (self.matched, 2 * self.stats["total_units"] + self.stats["kept"])


def quantize(scores: np.ndarray) -> np.ndarray:
    """Solver units (int64): 2 per micro-point of score, -1 where the pair is forbidden (NaN)."""
    import numpy as np

    q = 2 * np.rint(np.nan_to_num(scores.astype(np.float64), nan=-1.0) * SCALE)
    q[np.isnan(scores)] = -1
    return q.astype(np.int64)


def _as_assignment(pairs: Iterable[tuple[int, int]], scores: np.ndarray, method: str,
                   stats: dict[str, Any], keep: frozenset[tuple[int, int]] = frozenset()
                   ) -> Assignment:
    """The pairs as an Assignment, sorted by column, with their total score (also in
    micro-points) and how many of them are pairs to keep."""
    ordered = sorted((int(r), int(c)) for r, c in pairs)
    ordered.sort(key=lambda rc: rc[1])
    total = float(sum(float(scores[r, c]) for r, c in ordered))
    units = int(sum(int(round(float(scores[r, c]) * SCALE)) for r, c in ordered))
    kept = sum(1 for pair in ordered if pair in keep)
    return Assignment(ordered, len(ordered), total, method,
                      {**stats, "total_units": units, "kept": kept})


# ------------------------------------------------------------------------------ entry point


def solve(scores: np.ndarray, capacity: np.ndarray, same_person: np.ndarray | None = None,
          method: str = "auto", k: int = DEFAULT_K,
          keep: Iterable[tuple[int, int]] = ()) -> Assignment:
    """The best assignment: most mentees matched, then the highest total score, then the most
    pairs of `keep`.

    scores: (mentors, mentees) floats in [0, 1], NaN where forbidden.
    capacity: free places of each mentor (row).
    same_person: for each row, the column of the same person as a mentee, or -1: no person is
    ever both mentor and mentee of the same other person (mutual pairs are excluded).
    method: "dense", "sparse" or "auto" (dense while mentees x places <= DENSE_CELLS).
    keep: (row, col) pairs that win ties (see the module docstring).
    """
    import numpy as np

    scores = np.asarray(scores)
    capacity = np.maximum(np.asarray(capacity, dtype=np.int64), 0)
    rows, cols = scores.shape
    same_person, row_of_col = _same_people(same_person, rows, cols)
    keep = frozenset((int(r), int(c)) for r, c in keep)

    if method == "auto":
        places = int(np.minimum(capacity, cols).sum())
        method = "dense" if places * cols <= DENSE_CELLS else "sparse"
    if method not in ("dense", "sparse"):
        raise ValueError(f"unknown method {method!r}")

    solves = 0
    budget = MAX_SOLVES if method == "dense" else MAX_SOLVES_SPARSE

    def once(banned: frozenset[tuple[int, int]]) -> Assignment:
        nonlocal solves
        solves += 1
        if method == "dense":
            return _solve_dense(scores, capacity, banned, keep)
        return _solve_sparse(scores, capacity, banned, keep, k)

    def conflict(result: Assignment) -> tuple[tuple[int, int], tuple[int, int]] | None:
        mentor_of = {c: r for r, c in result.pairs}
        for r, c in result.pairs:  # row r mentors column c
            me_as_mentee = int(same_person[r])
            them_as_mentor = int(row_of_col[c])
            if me_as_mentee >= 0 and them_as_mentor >= 0 \
                    and mentor_of.get(me_as_mentee) == them_as_mentor:
                return (r, c), (them_as_mentor, me_as_mentee)
        return None

    def search(banned: frozenset[tuple[int, int]]) -> Assignment:
        result = once(banned)
        found = conflict(result)
        while found is not None and solves >= budget:
            # out of budget: drop the lower-scoring direction (not guaranteed optimal)
            (a, b) = found
            worse = a if (scores[a], a) < (scores[b], b) else b
            banned = banned | {worse}
            result = once(banned)
            result.stats["mutual_settled_by_score"] = True
            found = conflict(result)
        if found is None:
            return result
        first = search(banned | {found[0]})
        second = search(banned | {found[1]})
        return first if first.key >= second.key else second

    best = search(frozenset())
    best.stats["solves"] = solves
    return best


def _same_people(same_person: np.ndarray | None, rows: int, cols: int
                 ) -> tuple[np.ndarray, np.ndarray]:
    """(column of each row's person or -1, row of each column's person or -1)."""
    import numpy as np

    same = (np.full(rows, -1, dtype=np.int64) if same_person is None
            else np.asarray(same_person, dtype=np.int64))
    row_of_col = np.full(cols, -1, dtype=np.int64)
    has = same >= 0
    row_of_col[same[has]] = np.flatnonzero(has)
    return same, row_of_col


# ----------------------------------------------------------------------------------- dense


def _solve_dense(scores: np.ndarray, capacity: np.ndarray, banned: frozenset[tuple[int, int]],
                 keep: frozenset[tuple[int, int]]) -> Assignment:
    """Capacity-expanded linear_sum_assignment: mentees x places, exact."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    q = quantized_matrix(scores, banned=banned, keep=keep)
    rows, cols = q.shape
    allowed = q >= 0
    places = np.minimum(capacity, allowed.sum(axis=1))
    place_row = np.repeat(np.arange(rows), places)
    stats = {"places": int(len(place_row))}
    if cols == 0 or len(place_row) == 0:
        return _as_assignment([], scores, "dense", stats)
    big = (cols + 1) * (TOP + 1)  # one more pair always beats any total of scores
    sub = q[place_row]  # places x mentees
    cost = np.where(sub >= 0, -(big + sub.astype(np.float64)), 0.0).T  # mentees x places
    r_ind, c_ind = linear_sum_assignment(cost)
    real = cost[r_ind, c_ind] < 0
    pairs = zip(place_row[c_ind[real]], r_ind[real], strict=True)
    return _as_assignment(pairs, scores, "dense", stats, keep)


# ---------------------------------------------------------------------------------- sparse


def _blocks(cols: int, rows: int) -> Iterable[tuple[int, int]]:
    step = max(1, BLOCK_CELLS // max(1, rows))
    for start in range(0, cols, step):
        yield start, min(cols, start + step)


def quantized_matrix(scores: np.ndarray, capacity: np.ndarray | None = None,
                     banned: Iterable[tuple[int, int]] = (),
                     keep: Iterable[tuple[int, int]] = ()) -> np.ndarray:
    """Solver units as int32 (see `quantize`), +1 for an allowed pair to keep; -1 where
    forbidden, banned, or the mentor has no free place."""
    import numpy as np

    rows, cols = scores.shape
    q = np.empty((rows, cols), dtype=np.int32)
    for start, stop in _blocks(cols, rows):
        q[:, start:stop] = quantize(scores[:, start:stop])
    for r, c in keep:
        if q[r, c] >= 0:
            q[r, c] += 1
    if capacity is not None:
        q[np.asarray(capacity) <= 0, :] = -1
    for r, c in banned:
        q[r, c] = -1
    return q


def _top_candidates(q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The best `k` allowed mentors of each mentee (ties: lower row, i.e. id order, first)."""
    import numpy as np

    rows, cols = q.shape
    kk = min(k, rows)
    cand_r, cand_c = [], []
    if kk == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    tiebreak = (rows - 1 - np.arange(rows, dtype=np.int64))[:, None]
    for start, stop in _blocks(cols, rows):
        block = q[:, start:stop]
        if kk < rows:
            key = block.astype(np.int64) * rows + tiebreak
            top = np.argpartition(-key, kk - 1, axis=0)[:kk]
        else:
            top = np.broadcast_to(np.arange(rows)[:, None], block.shape)
        ok = np.take_along_axis(block, top, axis=0) >= 0
        cand_r.append(top[ok])
        cand_c.append(np.broadcast_to(np.arange(start, stop), top.shape)[ok])
    return np.concatenate(cand_r).astype(np.int64), np.concatenate(cand_c).astype(np.int64)


def _solve_sparse(scores: np.ndarray, capacity: np.ndarray, banned: frozenset[tuple[int, int]],
                  keep: frozenset[tuple[int, int]], k: int) -> Assignment:
    """Pruned candidates, exact sparse matching, duality certificate, repeat if needed."""
    import numpy as np

    rows, cols = scores.shape
    if rows == 0 or cols == 0:
        return _as_assignment([], scores, "sparse",
                              {"candidates": 0, "rounds": 0, "certified": True})
    q = quantized_matrix(scores, capacity, banned, keep)
    cand_r, cand_c = _top_candidates(q, k)
    rounds = 0
    added_total = 0
    while True:
        rounds += 1
        cand_q = q[cand_r, cand_c].astype(np.int64)
        match_r, match_c = _match_pruned(cand_r, cand_c, cand_q, capacity, cols)
        potentials = _potentials(cand_r, cand_c, cand_q, match_r, match_c, capacity, rows,
                                 cols)
        extra_r, extra_c = _improving_pairs(q, potentials, cand_r, cand_c, k)
        if len(extra_r) == 0:
            break
        added_total += len(extra_r)
        cand_r = np.concatenate([cand_r, extra_r])
        cand_c = np.concatenate([cand_c, extra_c])
    stats = {"candidates": int(len(cand_r)), "rounds": rounds, "added": added_total,
             "certified": True, "k": k}
    return _as_assignment(zip(match_r, match_c, strict=True), scores, "sparse", stats, keep)


def _costs(q: np.ndarray, cols: int) -> tuple[np.ndarray, int]:
    """Edge costs (>= 1) and the cost of leaving a mentee unmatched (bigger than any total)."""
    import numpy as np

    unmatched = (cols + 2) * (TOP + 1)
    return (1 + TOP - q).astype(np.float64), unmatched


def _match_pruned(cand_r: np.ndarray, cand_c: np.ndarray, cand_q: np.ndarray,
                  capacity: np.ndarray, cols: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact optimum over the candidate pairs: LAPJVsp on mentees x (places + unmatched)."""
    import numpy as np
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    rows = len(capacity)
    if cols == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    degree = np.bincount(cand_r, minlength=rows)
    places = np.minimum(capacity, degree)
    first_place = np.concatenate([[0], np.cumsum(places)[:-1]]).astype(np.int64)
    n_places = int(places.sum())
    cost, unmatched = _costs(cand_q, cols)
    # each candidate edge to each place of its mentor
    reps = places[cand_r]
    edge_c = np.repeat(cand_c, reps)
    edge_cost = np.repeat(cost, reps)
    offsets = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
    edge_place = np.repeat(first_place[cand_r], reps) + offsets
    dummy = np.arange(cols)
    data = np.concatenate([edge_cost, np.full(cols, float(unmatched))])
    i = np.concatenate([edge_c, dummy])
    j = np.concatenate([edge_place, n_places + dummy])
    graph = csr_array((data, (i, j)), shape=(cols, n_places + cols))
    r_ind, c_ind = min_weight_full_bipartite_matching(graph)
    real = c_ind < n_places
    place_row = np.repeat(np.arange(rows), places)
    return place_row[c_ind[real]].astype(np.int64), r_ind[real].astype(np.int64)


def _potentials(cand_r: np.ndarray, cand_c: np.ndarray, cand_q: np.ndarray,
                match_r: np.ndarray, match_c: np.ndarray, capacity: np.ndarray,
                rows: int, cols: int) -> np.ndarray:
    """Shortest-path distances in the residual graph of the solution (the LP dual).

    Nodes: mentees [0, cols), mentors [cols, cols + rows), the sink. With an optimal
    solution there is no negative cycle, and every residual arc has a non-negative reduced
    cost cost + d[tail] - d[head].
    """
    import numpy as np

    cost, unmatched = _costs(cand_q, cols)
    sink = cols + rows
    n = sink + 1
    matched = np.zeros(len(cand_r), dtype=bool)
    if len(match_r):
        lookup = {(int(r), int(c)) for r, c in zip(match_r, match_c, strict=True)}
        matched = np.fromiter(((int(r), int(c)) in lookup for r, c in
                               zip(cand_r, cand_c, strict=True)), dtype=bool,
                              count=len(cand_r))
    used = np.bincount(match_r, minlength=rows) if len(match_r) else np.zeros(rows, np.int64)
    has_mentor = np.zeros(cols, dtype=bool)
    has_mentor[match_c] = True
    tails, heads, weights = [], [], []

    def arcs(t: Any, h: Any, w: Any) -> None:
        t = np.asarray(t, dtype=np.int64)
        tails.append(t)
        heads.append(np.asarray(h, dtype=np.int64))
        weights.append(np.broadcast_to(np.asarray(w, dtype=np.float64), t.shape))

    free = ~matched
    arcs(cand_c[free], cols + cand_r[free], cost[free])  # mentee -> mentor, unused
    arcs(cols + cand_r[matched], cand_c[matched], -cost[matched])  # used: back arc
    mentor = np.arange(rows)
    room = used < capacity
    arcs(cols + mentor[room], np.full(int(room.sum()), sink), 0.0)
    busy = used > 0
    arcs(np.full(int(busy.sum()), sink), cols + mentor[busy], 0.0)
    mentee = np.arange(cols)
    arcs(mentee[has_mentor], np.full(int(has_mentor.sum()), sink), float(unmatched))
    arcs(np.full(int((~has_mentor).sum()), sink), mentee[~has_mentor], -float(unmatched))
    t = np.concatenate(tails)
    h = np.concatenate(heads)
    w = np.concatenate(weights)
    return shortest_distances(n, t, h, w)


def shortest_distances(n: int, tail: np.ndarray, head: np.ndarray, weight: np.ndarray
                       ) -> np.ndarray:
    """Bellman-Ford from a virtual root joined to every node at cost 0, vectorised by rounds
    and stopping as soon as nothing changes (scipy's always runs n - 1 rounds)."""
    import numpy as np

    order = np.argsort(head, kind="stable")
    tail, head, weight = tail[order], head[order], weight[order]
    targets, starts = np.unique(head, return_index=True)
    d = np.zeros(n, dtype=np.float64)
    for _ in range(n + 1):
        best = np.minimum.reduceat(d[tail] + weight, starts) if len(starts) else starts
        better = best < d[targets]
        if not better.any():
            return d
        d[targets[better]] = best[better]
    raise ArithmeticError("negative cycle in the residual graph: the matching is not optimal")


def _improving_pairs(q: np.ndarray, d: np.ndarray, cand_r: np.ndarray, cand_c: np.ndarray,
                k: int) -> tuple[np.ndarray, np.ndarray]:
    """Allowed pairs outside the candidates whose reduced cost is negative (at most k per
    mentee, most negative first): if there are none, the solution is optimal for all pairs."""
    import numpy as np

    rows, cols = q.shape
    d_mentee = d[:cols]
    d_mentor = d[cols:cols + rows]
    out_r, out_c = [], []
    order = np.argsort(cand_c, kind="stable")
    sorted_c = cand_c[order]
    for start, stop in _blocks(cols, rows):
        block = q[:, start:stop].copy()
        lo, hi = np.searchsorted(sorted_c, [start, stop])
        inside = order[lo:hi]
        block[cand_r[inside], cand_c[inside] - start] = -1  # candidates are already in
        # reduced cost of mentee -> mentor: (1 + TOP - q) + d[mentee] - d[mentor]
        reduced = (d_mentee[start:stop] + (1 + TOP))[None, :] - d_mentor[:, None] - block
        bad = (block >= 0) & (reduced < -0.5)
        if not bad.any():
            continue
        reduced[~bad] = np.inf
        kk = min(k, rows)
        top = np.argsort(reduced, axis=0, kind="stable")[:kk]
        picked = np.take_along_axis(bad, top, axis=0)
        out_r.append(top[picked])
        out_c.append(np.broadcast_to(np.arange(start, stop), top.shape)[picked])
    if not out_r:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(out_r).astype(np.int64), np.concatenate(out_c).astype(np.int64)


# ---------------------------------------------------------------------------------- greedy


def greedy_assign(scores: np.ndarray, capacity: np.ndarray,
                  same_person: np.ndarray | None = None) -> Assignment:
    """Baseline for the benchmark: take the best remaining allowed pair first, until none fits.

    This is what a coordinator's spreadsheet does; it is not optimal (see bench/).
    """
    import numpy as np

    rows, cols = scores.shape
    capacity = np.maximum(np.asarray(capacity, dtype=np.int64), 0)
    same, row_of_col = _same_people(same_person, rows, cols)
    # every allowed cell, best first, ties by (row, col)
    keys = []
    for start, stop in _blocks(cols, rows):
        q = quantize(scores[:, start:stop])
        r, c = np.nonzero(q >= 0)
        flat = r * cols + (c + start)
        keys.append((TOP - q[r, c]) * (rows * cols) + flat)
    if not keys:
        return _as_assignment([], scores, "greedy", {})
    order = np.sort(np.concatenate(keys))
    cells = order % (rows * cols)
    left = capacity.copy()
    mentor_of = np.full(cols, -1, dtype=np.int64)
    pairs: list[tuple[int, int]] = []
    chunk = 1 << 18
    for start in range(0, len(cells), chunk):
        part = cells[start:start + chunk]
        r, c = part // cols, part % cols
        keep = (left[r] > 0) & (mentor_of[c] < 0)
        for rr, cc in zip(r[keep].tolist(), c[keep].tolist(), strict=True):
            if left[rr] <= 0 or mentor_of[cc] >= 0:
                continue
            me, them = same[rr], row_of_col[cc]
            if me >= 0 and them >= 0 and mentor_of[me] == them:
                continue  # they already mentor this mentor
            left[rr] -= 1
            mentor_of[cc] = rr
            pairs.append((rr, cc))
        if not (left > 0).any() or (mentor_of >= 0).all():
            break
    return _as_assignment(pairs, scores, "greedy", {})

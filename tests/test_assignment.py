"""The solver: both methods equal a brute-force optimum (most matched, then highest total),
respect capacity and the mutual-pair exclusion, are deterministic; greedy is a baseline."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mentorcli.pairing import assignment as A


def units(scores: np.ndarray, pairs: list[tuple[int, int]]) -> int:
    return sum(int(round(float(scores[r, c]) * A.SCALE)) for r, c in pairs)


def objective(scores: np.ndarray, pairs: list[tuple[int, int]],
              keep: frozenset[tuple[int, int]] = frozenset()) -> tuple[int, int]:
    """(pairs, 2 units per micro-point + 1 per pair kept): what the solver maximises."""
    return len(pairs), 2 * units(scores, pairs) + sum(1 for p in pairs if p in keep)


def brute(scores: np.ndarray, capacity: np.ndarray, same_person: np.ndarray | None = None,
          keep: frozenset[tuple[int, int]] = frozenset()) -> tuple[int, int]:
    rows, cols = scores.shape
    row_of_col = {int(c): r for r, c in enumerate(same_person)} if same_person is not None \
        else {}
    best = (0, 0)
    for choice in itertools.product(range(-1, rows), repeat=cols):
        pairs = [(r, c) for c, r in enumerate(choice) if r >= 0]
        if any(math.isnan(scores[r, c]) for r, c in pairs):
            continue
        load = np.bincount([r for r, _ in pairs], minlength=rows) if pairs else np.zeros(rows)
        if (load > capacity).any():
            continue
        mentor_of = dict((c, r) for r, c in pairs)
        mutual = False
        if same_person is not None:
            for r, c in pairs:
                me, them = int(same_person[r]), row_of_col.get(c, -1)
                if me >= 0 and them >= 0 and mentor_of.get(me) == them:
                    mutual = True
        if mutual:
            continue
        best = max(best, objective(scores, pairs, keep))
    return best


def check(result: A.Assignment, scores: np.ndarray, capacity: np.ndarray,
          keep: frozenset[tuple[int, int]] = frozenset()) -> None:
    cols = [c for _, c in result.pairs]
    assert len(cols) == len(set(cols))
    load = np.bincount([r for r, _ in result.pairs], minlength=scores.shape[0])
    assert (load <= np.maximum(capacity, 0)).all()
    assert all(not math.isnan(scores[r, c]) for r, c in result.pairs)
    assert result.key == objective(scores, result.pairs, keep)


@st.composite
def problems(draw, max_rows: int = 4, max_cols: int = 5):
    rows = draw(st.integers(0, max_rows))
    cols = draw(st.integers(0, max_cols))
    # few distinct values: many ties, the hard case for determinism and optimality
    values = st.sampled_from([np.nan, np.nan, 0.0, 0.25, 0.5, 0.5, 0.75, 1.0, 0.333333])
    scores = draw(hnp.arrays(np.float32, (rows, cols), elements=values))
    capacity = draw(hnp.arrays(np.int64, (rows,), elements=st.integers(0, 3)))
    return scores, capacity


SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.slow
@SETTINGS
@given(problems())
def test_dense_and_sparse_equal_the_brute_force(problem) -> None:
    scores, capacity = problem
    expected = brute(scores, capacity)
    for method in ("dense", "sparse"):
        result = A.solve(scores, capacity, method=method)
        check(result, scores, capacity)
        assert result.key == expected, method
    # a tiny candidate list forces the certificate to add pairs, and stays optimal
    pruned = A.solve(scores, capacity, method="sparse", k=1)
    assert pruned.key == expected


@pytest.mark.slow
@SETTINGS
@given(problems(), st.data())
def test_pairs_to_keep_win_ties_and_never_cost_more_than_half_a_micro_point(problem, data):
    scores, capacity = problem
    rows, cols = scores.shape
    cells = [(r, c) for r in range(rows) for c in range(cols)]
    keep = frozenset(data.draw(st.lists(st.sampled_from(cells), max_size=4)) if cells else [])
    expected = brute(scores, capacity, keep=keep)
    for method in ("dense", "sparse"):
        result = A.solve(scores, capacity, method=method, keep=keep)
        check(result, scores, capacity, keep)
        assert result.key == expected, method
        best = A.solve(scores, capacity, method=method)  # without keep
        assert result.matched == best.matched
        assert 0 <= best.stats["total_units"] - result.stats["total_units"] <= len(keep) / 2
    assert A.solve(scores, capacity, method="sparse", k=1, keep=keep).key == expected


def test_a_pair_to_keep_wins_a_tie_whatever_the_order() -> None:
    scores = np.array([[0.5, 0.5]], dtype=np.float32)
    for method in ("dense", "sparse"):
        (chosen,) = A.solve(scores, np.array([1]), method=method).pairs
        other = (0, 1 - chosen[1])
        assert A.solve(scores, np.array([1]), method=method, keep=[other]).pairs == [other]
        # a better pair still wins, by a micro-point
        better = scores.astype(np.float64)
        better[chosen] += 1e-6
        assert A.solve(better, np.array([1]), method=method, keep=[other]).pairs == [chosen]


@SETTINGS
@given(problems(max_rows=4, max_cols=4), st.data())
def test_mutual_pairs_are_excluded_and_the_result_stays_optimal(problem, data) -> None:
    scores, capacity = problem
    rows, cols = scores.shape
    # the first min(rows, cols) rows are the same people as the first columns
    both = data.draw(st.integers(0, min(rows, cols)))
    same = np.full(rows, -1, dtype=np.int64)
    same[:both] = np.arange(both)
    for i in range(both):
        scores[i, i] = np.nan  # nobody mentors themselves
    expected = brute(scores, capacity, same)
    for method in ("dense", "sparse"):
        result = A.solve(scores, capacity, same_person=same, method=method)
        check(result, scores, capacity)
        mentor_of = {c: r for r, c in result.pairs}
        for r, c in result.pairs:
            if r < both and c < both:
                assert mentor_of.get(r) != c, "mutual pair"
        assert result.key == expected, method


@SETTINGS
@given(problems())
def test_greedy_is_feasible_and_never_better(problem) -> None:
    scores, capacity = problem
    greedy = A.greedy_assign(scores, capacity)
    check(greedy, scores, capacity)
    assert greedy.key <= A.solve(scores, capacity).key


def test_most_matched_comes_before_the_total_score() -> None:
    # mentor 0 is perfect for mentee 0 but the only option of mentee 1
    scores = np.array([[1.0, 0.1], [0.2, np.nan]], dtype=np.float32)
    for method in ("dense", "sparse"):
        result = A.solve(scores, np.array([1, 1]), method=method)
        assert result.pairs == [(1, 0), (0, 1)]
    greedy = A.greedy_assign(scores, np.array([1, 1]))
    assert greedy.pairs == [(0, 0)]  # best pair first strands mentee 1


def test_then_the_highest_total() -> None:
    scores = np.array([[0.9, 0.8], [0.8, 0.1]], dtype=np.float32)
    for method in ("dense", "sparse"):
        assert A.solve(scores, np.array([1, 1]), method=method).pairs == [(1, 0), (0, 1)]
    assert A.greedy_assign(scores, np.array([1, 1])).total == pytest.approx(1.0)


def test_capacity_expansion() -> None:
    scores = np.full((1, 3), 0.5, dtype=np.float32)
    for method in ("dense", "sparse"):
        assert A.solve(scores, np.array([2]), method=method).matched == 2
        assert A.solve(scores, np.array([0]), method=method).matched == 0


def test_empty_problems() -> None:
    for shape in ((0, 0), (0, 3), (3, 0)):
        scores = np.zeros(shape, dtype=np.float32)
        for method in ("dense", "sparse"):
            result = A.solve(scores, np.ones(shape[0], dtype=np.int64), method=method)
            assert result.pairs == [] and result.matched == 0


def test_same_input_same_output_on_a_tied_problem() -> None:
    rng = np.random.default_rng(7)
    scores = rng.choice([0.25, 0.5, 0.75], size=(30, 60)).astype(np.float32)
    scores[rng.random((30, 60)) < 0.2] = np.nan
    capacity = rng.integers(0, 3, size=30)
    for method in ("dense", "sparse"):
        first = A.solve(scores, capacity, method=method)
        assert all(A.solve(scores.copy(), capacity.copy(), method=method).pairs == first.pairs
                   for _ in range(3))


def test_sparse_certificate_on_a_larger_random_problem() -> None:
    rng = np.random.default_rng(3)
    scores = rng.random((80, 150)).astype(np.float32)
    scores[rng.random((80, 150)) < 0.3] = np.nan
    capacity = rng.integers(1, 3, size=80)
    dense = A.solve(scores, capacity, method="dense")
    sparse = A.solve(scores, capacity, method="sparse", k=3)
    assert sparse.key == dense.key
    assert sparse.stats["certified"] and sparse.stats["rounds"] >= 1
    greedy = A.greedy_assign(scores, capacity)
    assert greedy.key <= dense.key


def test_shortest_distances_matches_a_plain_bellman_ford() -> None:
    rng = np.random.default_rng(1)
    n = 12
    tail = rng.integers(0, n, 40)
    head = rng.integers(0, n, 40)
    weight = rng.integers(0, 10, 40).astype(float)
    d = A.shortest_distances(n, tail, head, weight)
    expected = np.zeros(n)
    for _ in range(n):
        for t, h, w in zip(tail, head, weight, strict=True):
            expected[h] = min(expected[h], expected[t] + w)
    assert np.array_equal(d, expected)
    with pytest.raises(ArithmeticError):
        A.shortest_distances(2, np.array([0, 1]), np.array([1, 0]), np.array([-1.0, -1.0]))

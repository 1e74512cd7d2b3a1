"""The statistics of the evaluation, and the small-group rule. Pure, standard library only.

Every figure computed over people is a `Figure`: its value, the number of people it stands on
(`n`), and a 95% interval when one is meaningful. `guard` blanks the value, the interval and
any distribution when `n` is under the cohort's threshold (`evaluation.min_group`, default 5),
so no one's answer can be read off a report.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Figure:
    """One indicator value. `kind`: percent, mean (of ratings 1-5), average (any other
    mean), nps, points, count, days, result (a typed objective result)."""

    value: float | None
    n: int
    kind: str
    low: float | None = None
    high: float | None = None
    suppressed: bool = False
    count: int | None = None  # for a percent: how many of the n


def guard(figure: Figure, min_group: int) -> Figure:
    """The figure, or a blank one when it stands on fewer than `min_group` people."""
    if figure.kind in ("count", "result") or figure.n >= min_group or figure.n == 0:
        return figure  # counts and typed results are not averages; n = 0 has no value
    return replace(figure, value=None, low=None, high=None, count=None, suppressed=True)


def mean(values: Sequence[float]) -> Figure:
    if not values:
        return Figure(None, 0, "mean")
    return Figure(sum(values) / len(values), len(values), "mean")


def share(count: int, total: int) -> Figure:
    """count / total in percent with a Wilson 95% interval."""
    if total == 0:
        return Figure(None, 0, "percent")
    low, high = wilson(count, total)
    return Figure(100.0 * count / total, total, "percent", 100.0 * low, 100.0 * high,
                  count=count)


def nps(scores: Sequence[int]) -> Figure:
    """Net promoter score: % of 9-10 minus % of 0-6, from -100 to 100."""
    if not scores:
        return Figure(None, 0, "nps")
    promoters = sum(1 for s in scores if s >= 9)
    detractors = sum(1 for s in scores if s <= 6)
    return Figure(100.0 * (promoters - detractors) / len(scores), len(scores), "nps")


def wilson(count: int, total: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion (as fractions)."""
    if total == 0:
        return (0.0, 1.0)
    p = count / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def newcombe(count1: int, total1: int, count2: int, total2: int,
             z: float = Z95) -> tuple[float, float, float]:
    """Difference p1 - p2 and its Newcombe (hybrid Wilson score) 95% interval, as fractions."""
    p1, p2 = count1 / total1, count2 / total2
    l1, u1 = wilson(count1, total1, z)
    l2, u2 = wilson(count2, total2, z)
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return d, max(-1.0, low), min(1.0, high)


def difference(count1: int, total1: int, count2: int, total2: int) -> Figure:
    """Programme minus comparison, in percentage points, with Newcombe's interval."""
    if total1 == 0 or total2 == 0:
        return Figure(None, min(total1, total2), "points")
    d, low, high = newcombe(count1, total1, count2, total2)
    return Figure(100.0 * d, min(total1, total2), "points", 100.0 * low, 100.0 * high)

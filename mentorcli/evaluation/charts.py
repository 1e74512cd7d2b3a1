"""Inline SVG bar charts for the evaluation's HTML. Pure: a string out.

A suppressed figure draws no bar, only the small-group note; bars are scaled to the figure's
own range (percent 0-100, mean 1-5, NPS -100 to 100) so charts of different cohorts compare.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from mentorcli.evaluation.stats import Figure

_RANGES = {"percent": (0.0, 100.0), "mean": (0.0, 5.0), "nps": (-100.0, 100.0)}
WIDTH, LABEL, BAR_H, GAP = 640, 300, 14, 6


def bar_chart(items: Sequence[tuple[str, Figure, float | None]], min_group: int) -> str:
    """Horizontal bars, one per (label, figure, target), with the 95% interval as a whisker
    and the target (if any) as a red tick."""
    from mentorcli.evaluation.render import format_value

    e = html.escape
    plot = WIDTH - LABEL - 70
    height = len(items) * (BAR_H + GAP) + GAP
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" role="img" font-size="10" '
           f'font-family="sans-serif">']
    for row, (text, figure, target) in enumerate(items):
        y = GAP + row * (BAR_H + GAP)
        mid = y + BAR_H / 2 + 3.5
        shown = text if len(text) <= 58 else text[:55] + "..."
        out.append(f'<text x="0" y="{mid:.1f}">{e(shown)}</text>')
        value_text = format_value(figure, min_group)
        low, high = _RANGES.get(figure.kind, (0.0, 100.0))
        if figure.value is None or figure.suppressed:
            out.append(f'<text x="{LABEL}" y="{mid:.1f}" fill="#777">{e(value_text)}</text>')
            continue

        def x(v: float, low: float = low, high: float = high) -> float:
            return LABEL + plot * (min(max(v, low), high) - low) / (high - low)

        zero = x(max(low, 0.0))
        end = x(figure.value)
        left, width = min(zero, end), abs(end - zero)
        out.append(f'<rect x="{left:.1f}" y="{y}" width="{width:.1f}" height="{BAR_H}" '
                   f'fill="#4a78a8"/>')
        if figure.low is not None and figure.high is not None:
            a, b = x(figure.low), x(figure.high)
            out.append(f'<line x1="{a:.1f}" y1="{mid - 3.5:.1f}" x2="{b:.1f}" '
                       f'y2="{mid - 3.5:.1f}" stroke="#222" stroke-width="1"/>')
        if target is not None:
            t = x(target)
            out.append(f'<line x1="{t:.1f}" y1="{y - 2}" x2="{t:.1f}" y2="{y + BAR_H + 2}" '
                       f'stroke="#c0392b" stroke-width="2"/>')
        out.append(f'<text x="{LABEL + plot + 6}" y="{mid:.1f}">{e(value_text)}</text>')
    out.append("</svg>")
    return "\n".join(out)

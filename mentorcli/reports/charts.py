"""Inline SVG charts for the HTML report: meetings per month, pairs by health, objectives
against their targets. Every text is HTML-escaped."""

from __future__ import annotations

import html
from typing import Any

from mentorcli.i18n import _
from mentorcli.reports.progress import HEALTH_ORDER, Report
from mentorcli.reports.words import HEALTH_COLOURS, Words


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _svg_text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 12,
              extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"'
            f"{extra}>{esc(text)}</text>")


def _nice_ceiling(value: float) -> int:
    """A round, even axis top at or above `value` (8 for 7, 12 for 11, 8000 for 6905)."""
    if value <= 2:
        return 2
    magnitude = 10 ** (len(str(int(value))) - 1)
    for factor in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        candidate = int(round(factor * magnitude))
        if candidate >= value and candidate % 2 == 0:
            return candidate
    return 2 * magnitude * 10  # pragma: no cover - the loop always ends by factor 10


def svg_meetings(report: Report, w: Words) -> str:
    """Bar chart: meetings per month from the cohort start to the as-of month."""
    series = report.programme.meetings_per_month
    width, height = 720, 270
    left, right, top, bottom = 44, 12, 16, 86  # room for month names under the bars
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_ceiling(max((n for _, n in series), default=0))
    parts = [f'<svg class="chart" role="img" aria-labelledby="chart-meetings-title" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
             f'<title id="chart-meetings-title">{esc(_("Meetings per month"))}</title>']
    for fraction in (0, 0.5, 1):
        y = top + plot_h * (1 - fraction)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
                     'stroke="#ddd" stroke-width="1"/>')
        parts.append(_svg_text(left - 6, y + 4, w.num(top_value * fraction), anchor="end",
                               size=11))
    if series:
        step = plot_w / len(series)
        every = max(1, (len(series) + 17) // 18)
        highlight = report.period_start.isoformat()[:7] if report.period_kind == "month" else ""
        for i, (month, count) in enumerate(series):
            bar_h = plot_h * count / top_value
            x = left + i * step + step * 0.15
            colour = "#1565c0" if month == highlight else "#64b5f6"
            parts.append(f'<rect x="{x:.1f}" y="{top + plot_h - bar_h:.1f}" '
                         f'width="{step * 0.7:.1f}" height="{bar_h:.1f}" fill="{colour}">'
                         f"<title>{esc(w.month(month))}{esc(w.colon)}{count}</title></rect>")
            if count and step >= 22:
                parts.append(_svg_text(x + step * 0.35, top + plot_h - bar_h - 3, str(count),
                                       anchor="middle", size=10))
            if i % every == 0:
                lx, ly = x + step * 0.35, top + plot_h + 14
                parts.append(_svg_text(lx, ly, w.month(month), anchor="end", size=10,
                                       extra=f' transform="rotate(-40 {lx:.1f} {ly:.1f})"'))
    parts.append("</svg>")
    return "".join(parts)


def svg_health(report: Report, w: Words) -> str:
    """Horizontal bars: pairs by health verdict."""
    counts = report.programme.health
    width, row_h, left = 720, 28, 150
    height = row_h * len(HEALTH_ORDER) + 10
    top_value = max(counts.values(), default=0) or 1
    bar_room = width - left - 60
    parts = [f'<svg class="chart" role="img" aria-labelledby="chart-health-title" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
             f'<title id="chart-health-title">{esc(_("Pairs by health"))}</title>']
    for i, verdict in enumerate(HEALTH_ORDER):
        n = counts.get(verdict, 0)
        y = 5 + i * row_h
        parts.append(_svg_text(left - 8, y + 18, w.health(verdict), anchor="end"))
        bar_w = bar_room * n / top_value
        parts.append(f'<rect x="{left}" y="{y + 4}" width="{bar_w:.1f}" height="{row_h - 8}" '
                     f'fill="{HEALTH_COLOURS[verdict]}"><title>{esc(w.health(verdict))}'
                     f"{esc(w.colon)}{n}</title></rect>")
        parts.append(_svg_text(left + bar_w + 6, y + 18, str(n)))
    parts.append("</svg>")
    return "".join(parts)


def svg_objectives(report: Report, w: Words) -> str:
    """One row per objective: latest result as a bar, the target as a line."""
    objectives = report.programme.objectives
    width, row_h, left, right = 720, 40, 220, 150
    height = row_h * max(len(objectives), 1) + 30
    bar_room = width - left - right
    parts = [f'<svg class="chart" role="img" aria-labelledby="chart-objectives-title" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
             f'<title id="chart-objectives-title">{esc(_("Objectives against target"))}</title>']
    for i, o in enumerate(objectives):
        y = 5 + i * row_h
        title = o.title if len(o.title) <= 32 else o.title[:31] + "…"
        parts.append(_svg_text(left - 8, y + 22, title, anchor="end"))
        values = [v for v in (o.target, o.latest_result) if v is not None and v > 0]
        scale = 100.0 if o.unit == "%" and all(v <= 100 for v in values) else \
            (max(values) * 1.1 if values else 1.0)
        parts.append(f'<rect x="{left}" y="{y + 8}" width="{bar_room}" height="{row_h - 16}" '
                     'fill="#eeeeee"/>')
        if o.latest_result is not None:
            bar_w = bar_room * max(0.0, min(o.latest_result, scale)) / scale
            reached = o.target is not None and o.latest_result >= o.target
            parts.append(f'<rect x="{left}" y="{y + 8}" width="{bar_w:.1f}" '
                         f'height="{row_h - 16}" fill="{"#2e7d32" if reached else "#1e88e5"}">'
                         f"<title>{esc(o.title)}{esc(w.colon)}"
                         f"{esc(w.unit(o.latest_result, o.unit))}"
                         "</title></rect>")
        if o.target is not None and o.target >= 0:
            tx = left + bar_room * min(o.target, scale) / scale
            parts.append(f'<line x1="{tx:.1f}" y1="{y + 3}" x2="{tx:.1f}" y2="{y + row_h - 3}" '
                         'stroke="#b71c1c" stroke-width="3"/>')
        label = (f"{w.unit(o.latest_result, o.unit)} / {w.unit(o.target, o.unit)}"
                 if o.latest_result is not None else _("no result yet"))
        if o.target is None and o.latest_result is not None:
            label = _("{result} (no target)").format(result=w.unit(o.latest_result, o.unit))
        parts.append(_svg_text(width - right + 8, y + 22, label))
    parts.append(_svg_text(left, height - 8, _("bar: latest result; red line: target"), size=11,
                           extra=' fill="#555"'))
    parts.append("</svg>")
    return "".join(parts)

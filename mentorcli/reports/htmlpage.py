"""The report as one self-contained HTML page (inline CSS and SVG, no external assets)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mentorcli.reports.charts import esc, svg_health, svg_meetings, svg_objectives
from mentorcli.reports.progress import HEALTH_ORDER, Report
from mentorcli.reports.sections import (
    footer_lines,
    header_line,
    report_title,
    sections,
    summary_rows,
)
from mentorcli.reports.words import Words

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem;
color:#212121;max-width:1200px}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;
border-bottom:1px solid #ccc;padding-bottom:.2rem}
.sub{color:#555;margin-top:0}
table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{border:1px solid #ddd;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#f5f5f5}
.health{font-weight:600;white-space:nowrap}
.h-on-track{color:#2e7d32}.h-behind{color:#a36b00}.h-at-risk{color:#ef6c00}
.h-inactive{color:#c62828}.h-ended{color:#616161}.h-not-started{color:#607d8b}
.charts svg{max-width:100%;height:auto;display:block;margin:.5rem 0 1.5rem}
.foot{color:#555;font-size:.8rem;margin-top:2rem}
@media print{body{margin:0}h2{page-break-after:avoid}tr{page-break-inside:avoid}}
"""


def _html_table(headers: Sequence[str], rows: Sequence[Sequence[str]],
                cell_class: Callable[[int, int, str], str] | None = None) -> str:
    out = ["<table><thead><tr>"]
    out += [f"<th>{esc(h)}</th>" for h in headers]
    out.append("</tr></thead><tbody>")
    for r, row in enumerate(rows):
        out.append("<tr>")
        for c, cell in enumerate(row):
            css = cell_class(r, c, cell) if cell_class else ""
            attr = f' class="{css}"' if css else ""
            out.append(f"<td{attr}>{esc(cell)}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def render_html(report: Report) -> str:
    """One self-contained HTML page (inline CSS and SVG, no external assets, well-formed XML)."""
    w = Words(report.language)
    p = report.programme
    slug = {h: "h-" + h.replace(" ", "-") for h in HEALTH_ORDER}
    body = [f"<h1>{esc(report_title(report))}</h1>", f'<p class="sub">{esc(header_line(report, w))}'
            "</p>"]
    if report.coordinator is not None:
        body.append(f'<p class="sub">{esc(w["coordinator"])}{esc(w.colon)}'
                    f"{esc(report.coordinator.name)}</p>")
    body.append(f"<h2>{esc(w['programme'])}</h2>")
    body.append(_html_table([w["figure"], w["value"]], summary_rows(report, w)))
    body.append('<div class="charts">')
    body.append(f"<h2>{esc(w['chart_meetings'])}</h2>{svg_meetings(report, w)}")
    body.append(f"<h2>{esc(w['chart_health'])}</h2>{svg_health(report, w)}")
    if p.objectives:
        body.append(f"<h2>{esc(w['chart_objectives'])}</h2>{svg_objectives(report, w)}")
    body.append("</div>")
    verdict_words = {w.health(h): slug[h] for h in HEALTH_ORDER}

    def health_class(column: int) -> Callable[[int, int, str], str]:
        def pick(_row: int, col: int, cell: str) -> str:
            return f"health {verdict_words[cell]}" if col == column and cell in verdict_words \
                else ""
        return pick

    for title, headers, rows in sections(report)[1:]:
        body.append(f"<h2>{esc(title)}</h2>")
        column = headers.index(w["verdict"]) if w["verdict"] in headers else -1
        body.append(_html_table(headers, rows, health_class(column)) if rows
                    else f"<p>{esc(w['nothing'])}</p>")
    foot = footer_lines(report) + [w["generated"]]
    body.append('<div class="foot">' + "".join(f"<p>{esc(line)}</p>" for line in foot)
                + "</div>")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{w.language}"><head><meta charset="utf-8"/>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
        f"<title>{esc(report_title(report))} – {esc(w.date(report.as_of))}</title>"
        f"<style>{_CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )

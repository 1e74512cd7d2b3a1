"""The report as one self-contained HTML page (inline CSS and SVG, no external assets), from a
Jinja2 template a coordinator can replace (`report --template`): templates/common/report.html.j2
is the shipped one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mentorcli.reports.charts import svg_health, svg_meetings, svg_objectives
from mentorcli.reports.data import report_data
from mentorcli.reports.progress import HEALTH_ORDER, Report
from mentorcli.reports.sections import (
    footer_lines,
    header_line,
    report_title,
    sections,
)
from mentorcli.reports.words import Words
from mentorcli.resources import templates_dir


def html_context(report: Report) -> dict[str, Any]:
    """The variables of the HTML template (listed in docs/report-template.md): texts in the cohort's
    language, each table as rows of {text, css} cells, the SVG charts, and `data`, the
    report in its JSON shape (docs/followup.md) for templates that want more."""
    from markupsafe import Markup

    w = Words(report.language)
    p = report.programme
    slug = {w.health(h): "health h-" + h.replace(" ", "-") for h in HEALTH_ORDER}
    tables = []
    for title, headers, rows in sections(report):
        column = headers.index(w["verdict"]) if w["verdict"] in headers else -1
        tables.append({"title": title, "headers": headers, "rows": [
            [{"text": cell, "css": slug.get(cell, "") if c == column else ""}
             for c, cell in enumerate(row)] for row in rows]})
    charts = [{"title": w["chart_meetings"], "svg": Markup(svg_meetings(report, w))},
              {"title": w["chart_health"], "svg": Markup(svg_health(report, w))}]
    if p.objectives:
        charts.append({"title": w["chart_objectives"],
                       "svg": Markup(svg_objectives(report, w))})
    coordinator = None
    if report.coordinator is not None:
        coordinator = f"{w['coordinator']}{w.colon}{report.coordinator.name}"
    return {
        "language": w.language,
        "title": report_title(report),
        "subtitle": header_line(report, w),
        "as_of": w.date(report.as_of),
        "coordinator": coordinator,
        "tables": tables,
        "charts": charts,
        "nothing": w["nothing"],
        "footer": [*footer_lines(report), w["generated"]],
        "data": report_data(report),
    }


def default_template() -> Path:
    return templates_dir() / "common" / "report.html.j2"


def render_html(report: Report, template: Path | None = None) -> str:
    """One self-contained HTML page (inline CSS and SVG, no external assets, well-formed XML),
    from the shipped template or the coordinator's `template`, rendered in the bounded
    sandbox of mentorcli.documents.templating. A TemplateError (exit 2) names the template
    and line of any problem."""
    from mentorcli.documents.templating import environment, render
    from mentorcli.errors import TemplateError

    path = template if template is not None else default_template()
    if not path.is_file():
        raise TemplateError(f"{path}: template not found (or not a file)")
    search = [str(path.parent)]
    if templates_dir().resolve() != path.parent.resolve():
        search.append(str(templates_dir()))  # {% extends "common/report.html.j2" %}
    env = environment(search, autoescape=True)
    return render(env, path.name, html_context(report), shown_name=str(path),
                  refused_hint="report templates may only use the report data",
                  variables_doc="docs/report-template.md")

"""The programme evaluation as text tables, Markdown, CSV, JSON and HTML. Pure: strings out.

A suppressed figure (small-group rule) is written as "n < 5 (hidden)" in people's formats,
as an empty value with `suppressed: true` in JSON and CSV, and draws no bar in a chart: no
format carries a value the rule hid. Control characters of names are removed from every
format.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from mentorcli import localize
from mentorcli.evaluation.build import SECTIONS, CohortEvaluation, Evaluation, Indicator
from mentorcli.evaluation.stats import Figure
from mentorcli.evaluation.words import word
from mentorcli.i18n import _, decimal
from mentorcli.localize import NNBSP

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

Table = tuple[str, list[str], list[list[str]]]


def clean(text: str) -> str:
    """Text without control characters (a name cannot drive a terminal or a document)."""
    return _CONTROL.sub("", text).replace("\n", " ").replace("\t", " ")


# ------------------------------------------------------------------------ numbers


def _number(value: float, digits: int = 1) -> str:
    """A figure with `digits` decimals and the current language's decimal mark."""
    return decimal(f"{value:.{digits}f}")


def _percent(shown: str) -> str:
    """'85.7%' / '85,7 %' (a narrow no-break space before % in French, as localize)."""
    return _("{number}%").format(number=shown).replace(" %", NNBSP + "%")


def format_value(figure: Figure, min_group: int, unit: str = "") -> str:
    if figure.suppressed:
        return word("suppressed", min=min_group)
    if figure.value is None:
        return "—"
    v = figure.value
    if figure.kind == "percent":
        return _percent(_number(v))
    if figure.kind in ("mean", "average"):
        return _number(v, 2)
    if figure.kind in ("nps", "points"):
        return ("+" if v > 0 else "") + _number(v, 0 if figure.kind == "nps" else 1)
    if figure.kind in ("count", "days"):
        return _number(v, 0 if float(v).is_integer() else 1)
    shown = _number(v, 0 if float(v).is_integer() else 1)  # a recorded result
    if unit == "%":
        return _percent(shown)
    return f"{shown} {clean(unit)}".strip()


def format_interval(figure: Figure) -> str:
    if figure.suppressed or figure.low is None or figure.high is None:
        return ""
    return _("[{low}, {high}]").format(low=_number(figure.low), high=_number(figure.high))


def format_target(ind: Indicator) -> str:
    if ind.target is None:
        return ""
    shown = _number(ind.target, 0 if float(ind.target).is_integer() else 1)
    unit = clean(ind.unit)
    if unit == "%":
        return _percent(shown)
    return f"{shown} {unit}".strip()


# ------------------------------------------------------------------------ tables


def tables(ev: Evaluation) -> list[Table]:
    """The report as titled tables: one cohort in detail, or cohorts side by side."""
    out: list[Table] = []
    if len(ev.cohorts) == 1:
        c = ev.cohorts[0]
        for section in SECTIONS:
            rows = [[clean(i.label), format_value(i.figure, c.min_group, i.unit),
                     _n(i), format_interval(i.figure), format_target(i)]
                    for i in c.indicators if i.section == section]
            if rows:
                out.append((word(section),
                            [word("indicator"), word("value"), "n",
                             word("ci", percent=_percent("95")),
                             word("target")], rows))
        if c.disagreements:
            out.append((word("disagreements_title"), [word("mentor"), word("mentee"), "", ""],
                        [[clean(d.mentor), clean(d.mentee), word(f"stage.{d.stage}"),
                          ", ".join(word(f"on.{x}") for x in d.on)]
                         for d in c.disagreements]))
        return out
    keys = _keys_in_order(ev.cohorts)
    for section in SECTIONS:
        rows = []
        for key in keys:
            found = [c.by_key().get(key) for c in ev.cohorts]
            first = next(i for i in found if i is not None)
            if first.section != section:
                continue
            rows.append([clean(first.label)] + [
                format_value(i.figure, c.min_group, i.unit) if i is not None else ""
                for i, c in zip(found, ev.cohorts, strict=True)])
        if rows:
            out.append((word(section), [word("indicator")] +
                        [clean(c.id) for c in ev.cohorts], rows))
    return out


def _n(ind: Indicator) -> str:
    return "" if ind.figure.kind in ("count", "result") else str(ind.figure.n)


def _keys_in_order(cohorts: Sequence[CohortEvaluation]) -> list[str]:
    keys: list[str] = []
    seen: set[str] = set()
    for c in cohorts:
        for i in c.indicators:
            if i.key not in seen:
                seen.add(i.key)
                keys.append(i.key)
    return keys


def _heading(ev: Evaluation) -> str:
    names = ", ".join(clean(c.name) for c in ev.cohorts)
    day = localize.sentence_date(ev.cohorts[0].as_of) if ev.cohorts else ""
    return _("Programme evaluation: {names} (as of {day})").format(names=names, day=day)


def _rule(ev: Evaluation) -> str:
    mins = sorted({c.min_group for c in ev.cohorts}) or [5]
    return word("small_rule", min=mins[0] if len(mins) == 1 else
                " / ".join(str(m) for m in mins))


def render_text(ev: Evaluation) -> str:
    """Plain text tables (what `--format table` prints when not on a terminal)."""
    from tabulate import tabulate

    parts = [_heading(ev), _rule(ev), ""]
    for title, headers, rows in tables(ev):
        parts.append(title)
        parts.append(tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True))
        parts.append("")
    return "\n".join(parts)


def render_markdown(ev: Evaluation) -> str:
    def cell(text: str) -> str:
        return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", clean(text))

    parts = [f"# {cell(_heading(ev))}", "", f"_{cell(_rule(ev))}_", ""]
    for title, headers, rows in tables(ev):
        parts += [f"## {cell(title)}", ""]
        parts.append("| " + " | ".join(cell(h) for h in headers) + " |")
        parts.append("|" + "|".join("---" for _ in headers) + "|")
        parts += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
        parts.append("")
    return "\n".join(parts)


# ------------------------------------------------------------------------ data


CSV_COLUMNS = ("cohort", "section", "key", "label", "value", "n", "count", "low", "high",
               "target", "unit", "source", "suppressed")


def as_data(ev: Evaluation) -> dict[str, Any]:
    """The evaluation as JSON-ready data (stable codes; labels in the report's language)."""
    return {
        "language": ev.language,
        "cohorts": [{
            "id": c.id, "name": clean(c.name), "start": c.start.isoformat(),
            "end": c.end.isoformat(), "as_of": c.as_of.isoformat(), "min_group": c.min_group,
            "indicators": [_indicator_data(i) for i in c.indicators],
            "disagreements": [{"mentor": d.mentor, "mentee": d.mentee, "stage": d.stage,
                               "on": list(d.on)} for d in c.disagreements],
        } for c in ev.cohorts],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _indicator_data(i: Indicator) -> dict[str, Any]:
    f = i.figure
    data: dict[str, Any] = {
        "section": i.section, "key": i.key, "label": clean(i.label), "kind": f.kind,
        "value": _round(f.value), "n": f.n, "count": f.count, "low": _round(f.low),
        "high": _round(f.high), "suppressed": f.suppressed,
    }
    if i.section == "objectives":
        data.update(target=i.target, unit=clean(i.unit), source=i.source)
    if i.distribution is not None:
        data["distribution"] = list(i.distribution)
    return data


def render_json(ev: Evaluation) -> str:
    return json.dumps(as_data(ev), ensure_ascii=False, indent=2) + "\n"


def render_csv(ev: Evaluation) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in ev.cohorts:
        for i in c.indicators:
            f = i.figure
            writer.writerow([c.id, i.section, i.key, _csv_cell(clean(i.label)),
                             _csv_number(f.value), f.n, "" if f.count is None else f.count,
                             _csv_number(f.low), _csv_number(f.high),
                             _csv_number(i.target), _csv_cell(clean(i.unit)), i.source,
                             "true" if f.suppressed else "false"])
        for d in c.disagreements:
            writer.writerow([c.id, "disagreements", f"surveys.disagreement.{d.stage}",
                             f"{d.mentor} -> {d.mentee}", "", "", "", "", "", "", "",
                             "+".join(d.on), "false"])
    return out.getvalue()


def _csv_number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.4f}".rstrip("0")


def _csv_cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


# ------------------------------------------------------------------------ HTML


def render_html(ev: Evaluation) -> str:
    from mentorcli.evaluation.charts import bar_chart

    e = html.escape
    lang = ev.language
    body: list[str] = [f"<h1>{e(_heading(ev))}</h1>", f"<p class=rule>{e(_rule(ev))}</p>"]
    for title, headers, rows in tables(ev):
        body.append(f"<section>\n<h2>{e(title)}</h2>")
        chart = _section_chart(ev, title, bar_chart)
        if chart:
            body.append(chart)
        body.append("<table>\n<thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in headers)
                    + "</tr></thead>\n<tbody>")
        for row in rows:
            body.append("<tr>" + "".join(
                f"<td{' class=num' if k else ''}>{e(c)}</td>" for k, c in enumerate(row))
                + "</tr>")
        body.append("</tbody>\n</table>\n</section>")
    if len(ev.cohorts) > 1:
        body.append(_trends(ev, bar_chart))
    return (
        f"<!DOCTYPE html>\n<html lang={e(lang)}>\n<head>\n<meta charset=utf-8>\n"
        f"<title>{e(word('title'))}</title>\n<style>\n"
        "@page { size: A4; margin: 15mm 14mm; }\n"
        "body { font-family: sans-serif; font-size: 10pt; color: #111; max-width: 180mm; }\n"
        "h1 { font-size: 16pt; } h2 { font-size: 12.5pt; margin-top: 1.4em; }\n"
        "section { break-inside: avoid-page; }\n"
        "table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; }\n"
        "th, td { border-bottom: 1px solid #ccc; padding: 2px 6px; text-align: left; }\n"
        "td.num { text-align: right; white-space: nowrap; }\n"
        ".rule { color: #555; font-style: italic; }\n"
        "svg { display: block; margin: .3em 0; max-width: 100%; }\n"
        "@media print { a { color: inherit; } }\n"
        "</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


_CHARTED = ("percent", "mean", "nps")


def _section_chart(ev: Evaluation, title: str, bar_chart: Any) -> str:
    """A bar chart of a single cohort's percentages and means in the section `title`."""
    if len(ev.cohorts) != 1:
        return ""
    c = ev.cohorts[0]
    section = next((s for s in SECTIONS if word(s) == title), None)
    items = [(clean(i.label), i.figure, i.target if i.unit.strip() == "%" else None)
             for i in c.indicators if i.section == section and i.figure.kind in _CHARTED]
    if not items:
        return ""
    return bar_chart(items, c.min_group)


def _trends(ev: Evaluation, bar_chart: Any) -> str:
    """One small chart per comparable indicator, a bar per cohort, in the files' order."""
    e = html.escape
    parts = [f"<section>\n<h2>{e(word('trend'))}</h2>"]
    for key in _keys_in_order(ev.cohorts):
        found = [(c, c.by_key().get(key)) for c in ev.cohorts]
        present = [(c, i) for c, i in found if i is not None]
        if len(present) < 2 or present[0][1].figure.kind not in _CHARTED:
            continue
        parts.append(f"<h3>{e(clean(present[0][1].label))}</h3>")
        parts.append(bar_chart([(clean(c.id), i.figure, None) for c, i in present],
                               min(c.min_group for c, _i in present)))
    parts.append("</section>")
    return "\n".join(parts)


def render(ev: Evaluation, fmt: str) -> str:
    return {"table": render_text, "markdown": render_markdown, "csv": render_csv,
            "json": render_json, "html": render_html}[fmt](ev)

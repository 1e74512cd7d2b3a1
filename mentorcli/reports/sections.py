"""The report as titled tables of text in the cohort's language, shared by the table,
Markdown and HTML formats: the header line, the programme figures, objectives, pairs needing
attention, all pairs, untrained mentors and unsigned contracts, and the footer."""

from __future__ import annotations

import calendar

from mentorcli.localize import CADENCE_LABELS, format_period
from mentorcli.reports.progress import ENDED, PairProgress, Report, span_of_periods
from mentorcli.reports.words import NO_VALUE, Words

Section = tuple[str, list[str], list[list[str]]]


def header_line(report: Report, w: Words) -> str:
    """'As of 26 November 2026 · Period: ... · cadence: monthly', in the cohort language."""
    c = w.colon
    if report.period_kind == "month":
        period = w.month(report.period_start.isoformat()[:7])
        last_day = calendar.monthrange(report.period_start.year, report.period_start.month)[1]
        if report.as_of.day < last_day:
            period = w["month_running"].format(month=period)
    elif report.as_of < report.cohort_start:
        period = w["not_begun"].format(date=w.date(report.cohort_start))
    else:
        period = w["to_date"].format(
            period=format_period(report.period_start, report.period_end, w.language))
    cadence = CADENCE_LABELS[w.language].get(report.cadence, report.cadence)
    return (f"{w['as_of'].format(date=w.date(report.as_of))} · {w['period']}{c}{period} · "
            f"{w['cadence']}{c}{cadence}")


def summary_rows(report: Report, w: Words) -> list[list[str]]:
    """The programme figures, one [label, value] a line."""
    p = report.programme
    roles = p.participants_by_role
    groups = [w.counted(roles.get("mentor", 0), "mentor"),
              w.counted(roles.get("mentee", 0), "mentee")]
    if roles.get("both", 0):
        groups.append(w.counted(roles["both"], "both"))
    status = ", ".join(w.counted(n, s) for s, n in p.pairs_by_status.items())
    health = ", ".join(f"{w.num(n)} {w.health(h, n)}" for h, n in p.health.items() if n) \
        or w["none"]
    satisfaction = w.num(p.mean_satisfaction)
    if p.mean_satisfaction is not None:
        satisfaction += " (" + w["rating_split"].format(
            m=w.num(p.mean_rating_mentor), e=w.num(p.mean_rating_mentee)) + ")"
    if report.period_kind == "month":
        meetings = [[w["sessions_in_period"], w.num(p.sessions_in_period)],
                    [w["hours_in_period"], w.num(p.hours_in_period)]]
    else:
        meetings = []
    return [
        [w["participants"], f"{w.num(p.participants)} ({', '.join(groups)})"],
        [w["match_rate"], w.share(p.matched_mentees, p.mentees, p.match_rate_pct)],
        [w["mentor_use"], w.share(p.active_pairs, p.mentor_capacity, p.mentor_use_pct)],
        [w["pairs_by_status"], status],
        [w["active_pairs"], w.num(p.active_pairs)],
        [w["engagement"], w.share(p.engaged_pairs, p.active_pairs, p.engagement_pct)],
        *meetings,
        [w["sessions_to_date"], w.num(p.sessions_to_date)],
        [w["hours_to_date"], w.num(p.hours_to_date)],
        [w["per_pair_month"], w.num(p.sessions_per_active_pair_per_month)],
        [w["goal_completion"], w.share(p.goals_completed, p.goals, p.goal_completion_pct)],
        [w["satisfaction"], satisfaction],
        [w["health"], health],
    ]


def objective_rows(report: Report, w: Words) -> list[list[str]]:
    rows = []
    for o in report.programme.objectives:
        latest = w.unit(o.latest_result, o.unit)
        if o.latest_result_date is not None:
            latest += f" ({w.date(o.latest_result_date)})"
        rows.append([o.title, w.unit(o.target, o.unit), latest, w.num(o.goals),
                     w.pct(o.mean_goal_progress)])
    return rows


def _ratings(row: PairProgress, w: Words) -> str:
    if row.mean_rating_mentor is None and row.mean_rating_mentee is None:
        return NO_VALUE
    return f"{w.num(row.mean_rating_mentor)} / {w.num(row.mean_rating_mentee)}"


#: Columns of the pair table; "in_period" only in a month's report (to date it is "met").
PAIR_KEYS = ("mentor", "mentee", "started", "meetings", "in_period", "last_meeting",
             "days_since", "hours", "goals_pct", "ratings", "signed", "verdict", "reason")


def _pair_keys(report: Report) -> list[str]:
    return [k for k in PAIR_KEYS if k != "in_period" or report.period_kind == "month"]


def _days_since(row: PairProgress, w: Words) -> str:
    """Days since the last meeting; nothing for an ended pair (it no longer meets)."""
    if row.health == ENDED:
        return NO_VALUE
    return w.num(row.days_since_last_meeting)


def pair_rows(report: Report, w: Words) -> list[list[str]]:
    """Pairs for people: the status shows in the health verdict (ended, not started)."""
    month = report.period_kind == "month"
    rows = []
    for row in report.pairs:
        cells = [row.mentor.name, row.mentee.name, w.date(row.started),
                 f"{w.num(row.sessions_held)} / {w.num(row.sessions_expected)}"]
        if month:
            cells.append(w.num(row.sessions_in_period))
        cells += [w.date(row.last_meeting), _days_since(row, w), w.num(row.hours),
                  w.pct(row.mean_goal_progress),
                  _ratings(row, w), w["yes"] if row.contract_signed else w["no"],
                  w.health(row.health), w.reason(row)]
        rows.append(cells)
    return rows


def sections(report: Report) -> list[Section]:
    """The report as titled tables, in the cohort's language (table, Markdown and HTML)."""
    w = Words(report.language)
    p = report.programme
    out: list[Section] = [(w["programme"], [w["figure"], w["value"]], summary_rows(report, w))]
    if p.objectives:
        out.append((w["objectives"],
                    [w["objective"], w["target"], w["latest"], w["linked_goals"],
                     w["goal_progress"]],
                    objective_rows(report, w)))
    out.append((f"{w['attention']} ({w['attention_note']})",
                [w["mentor"], w["mentee"], w["verdict"], w["reason"]],
                [[r.mentor.name, r.mentee.name, w.health(r.health), w.reason(r)]
                 for r in p.attention]))
    out.append((w["pairs"], [w[k] for k in _pair_keys(report)], pair_rows(report, w)))
    exceptions = [r for r in report.pairs if r.exception is not None]
    if exceptions:
        out.append((w["exceptions"], [w["mentor"], w["mentee"], w["exception"]],
                    [[r.mentor.name, r.mentee.name, r.exception or w["withheld"]]
                     for r in exceptions]))
    if p.unmatched:
        out.append((w["unmatched"], [w["mentee"], w["email"], w["reason"]],
                    [[u.mentee.name, u.mentee.email, u.reason or w["withheld"]]
                     for u in p.unmatched]))
    if p.mentors_without_training:
        out.append((w["untrained"], [w["mentor"], w["email"]],
                    [[r.name, r.email] for r in p.mentors_without_training]))
    if p.supervision_due:
        out.append((w["supervision_due"], [w["mentor"], w["last_supervision"], w["days_since"]],
                    [[d.mentor.name, w.date(d.last) if d.last else w["never"], w.num(d.days)]
                     for d in p.supervision_due]))
    if p.concerns_due:
        out.append((w["concerns_due"], [w["concern"], w["about"], w["severity"],
                                        w["follow_up"], w["days_late"]],
                    [[c.id, " -> ".join(r.name for r in c.about), w[f"severity_{c.severity}"],
                      w.date(c.follow_up), w.num(c.days_late)] for c in p.concerns_due]))
    if p.contracts_not_signed:
        out.append((w["unsigned"], [w["mentor"], w["mentee"], w["missing_signature"]],
                    [[c.mentor.name, c.mentee.name,
                      w["and"].join(w[side].lower() for side in c.missing)]
                     for c in p.contracts_not_signed]))
    return out


def report_title(report: Report) -> str:
    w = Words(report.language)
    return f"{w['title']}{w.colon}{report.cohort_name}"


def footer_lines(report: Report) -> list[str]:
    w = Words(report.language)
    t = report.thresholds
    text = w["thresholds_text"].format(
        behind=w.counted(int(t["behind_missing"]), "missing"),
        at_risk=w.counted(int(t["at_risk_missing"]), "missing"),
        rating=w.num(t["at_risk_rating"]),
        span=span_of_periods(int(t["inactive_periods"]), report.cadence, w.language))
    lines = [w["thresholds"] + w.colon + text]
    if report.anonymized:
        lines.append(w["anonymized"])
    return lines

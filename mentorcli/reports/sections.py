"""The report as titled tables of text in the current language, shared by the table,
Markdown and HTML formats: the header line, the programme figures, objectives, pairs needing
attention, all pairs, untrained mentors and unsigned contracts, and the footer."""

from __future__ import annotations

import calendar

from mentorcli.i18n import _
from mentorcli.localize import format_percent, format_period
from mentorcli.reports.progress import ENDED, PairProgress, Report, span_of_periods
from mentorcli.reports.words import (
    NO_VALUE,
    Words,
    both,
    health_count,
    missing_count,
    role_count,
    severity_word,
    side_word,
    status_count,
)

Section = tuple[str, list[str], list[list[str]]]


def cadence_word(cadence: str) -> str:
    """The cohort's cadence as an adjective: 'monthly' / 'mensuel'."""
    return {"weekly": _("weekly"), "biweekly": _("every two weeks"),
            "monthly": _("monthly")}.get(cadence, cadence)


def header_line(report: Report, w: Words) -> str:
    """'As of 26 November 2026 · Period: ... · cadence: monthly', in the current language."""
    if report.period_kind == "month":
        period = w.month(report.period_start.isoformat()[:7])
        last_day = calendar.monthrange(report.period_start.year, report.period_start.month)[1]
        if report.as_of.day < last_day:
            period = _("{month} (in progress)").format(month=period)
    elif report.as_of < report.cohort_start:
        period = _("the programme starts on {date}").format(date=w.date(report.cohort_start))
    else:
        period = _("{period} (programme to date)").format(
            period=format_period(report.period_start, report.period_end, w.language))
    return _("As of {date} · Period: {period} · cadence: {cadence}").format(
        date=w.date(report.as_of), period=period, cadence=cadence_word(report.cadence))


def summary_rows(report: Report, w: Words) -> list[list[str]]:
    """The programme figures, one [label, value] a line."""
    p = report.programme
    roles = p.participants_by_role
    groups = [role_count("mentor", roles.get("mentor", 0)),
              role_count("mentee", roles.get("mentee", 0))]
    if roles.get("both", 0):
        groups.append(role_count("both", roles["both"]))
    status = ", ".join(status_count(s, n) for s, n in p.pairs_by_status.items())
    health = ", ".join(health_count(h, n) for h, n in p.health.items() if n) or _("none")
    satisfaction = w.num(p.mean_satisfaction)
    if p.mean_satisfaction is not None:
        satisfaction += " (" + _("mentors {m}; mentees {e}").format(
            m=w.num(p.mean_rating_mentor), e=w.num(p.mean_rating_mentee)) + ")"
    if report.period_kind == "month":
        meetings = [[_("Meetings in the month"), w.num(p.sessions_in_period)],
                    [_("Hours in the month"), w.num(p.hours_in_period)]]
    else:
        meetings = []
    return [
        [_("Participants"), f"{w.num(p.participants)} ({', '.join(groups)})"],
        [_("Match rate (matched mentees / mentees)"),
         w.share(p.matched_mentees, p.mentees, p.match_rate_pct)],
        [_("Mentor use (active pairs / total capacity)"),
         w.share(p.active_pairs, p.mentor_capacity, p.mentor_use_pct)],
        [_("Pairs"), status],
        [_("Active pairs"), w.num(p.active_pairs)],
        [_("Engagement (active pairs that met in the last 30 days)"),
         w.share(p.engaged_pairs, p.active_pairs, p.engagement_pct)],
        *meetings,
        [_("Meetings to date"), w.num(p.sessions_to_date)],
        [_("Hours to date"), w.num(p.hours_to_date)],
        [_("Meetings per active pair per month"), w.num(p.sessions_per_active_pair_per_month)],
        [goal_completion_label(w), w.share(p.goals_completed, p.goals, p.goal_completion_pct)],
        [_("Mean satisfaction (1 to 5)"), satisfaction],
        [_("Health of pairs"), health],
    ]


def goal_completion_label(w: Words) -> str:
    return _("Goal completion (pair goals at {percent})").format(
        percent=format_percent(100, w.language))


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


def pair_headers(report: Report) -> list[str]:
    """The headers of the pair table (PAIR_KEYS), in the current language."""
    words = {"mentor": _("Mentor"), "mentee": _("Mentee"), "started": _("Started"),
             "meetings": _("Met / expected"), "in_period": _("In the month"),
             "last_meeting": _("Last meeting"), "days_since": _("Days since"),
             "hours": _("Hours"), "goals_pct": _("Goal progress"),
             "ratings": _("Rating mentor / mentee"), "signed": _("Contract signed"),
             "verdict": _("Health"), "reason": _("Reason")}
    return [words[k] for k in PAIR_KEYS if k != "in_period" or report.period_kind == "month"]


def _days_since(row: PairProgress, w: Words) -> str:
    """Days since the last meeting; nothing for an ended pair (it no longer meets)."""
    if row.health == ENDED:
        return NO_VALUE
    return w.num(row.days_since_last_meeting)


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def pair_rows(report: Report, w: Words) -> list[list[str]]:
    """Pairs for people: the status shows in the health verdict (ended, not started)."""
    month = report.period_kind == "month"
    yes, no = yes_no(True), yes_no(False)
    rows = []
    for row in report.pairs:
        cells = [row.mentor.name, row.mentee.name, w.date(row.started),
                 f"{w.num(row.sessions_held)} / {w.num(row.sessions_expected)}"]
        if month:
            cells.append(w.num(row.sessions_in_period))
        cells += [w.date(row.last_meeting), _days_since(row, w), w.num(row.hours),
                  w.pct(row.mean_goal_progress),
                  _ratings(row, w), yes if row.contract_signed else no,
                  w.health(row.health), w.reason(row)]
        rows.append(cells)
    return rows


def missing_sides(missing: tuple[str, ...]) -> str:
    """'mentor and mentee': who has not signed a contract yet."""
    return both([side_word(side) for side in missing])


def sections(report: Report) -> list[Section]:
    """The report as titled tables, in the current language (table, Markdown and HTML)."""
    w = Words()
    p = report.programme
    mentor, mentee, email, reason = _("Mentor"), _("Mentee"), _("Email"), _("Reason")
    out: list[Section] = [(_("Programme"), [_("Figure"), _("Value")], summary_rows(report, w))]
    if p.objectives:
        out.append((_("Objectives"),
                    [_("Objective"), _("Target"), _("Latest result"), _("Linked pair goals"),
                     _("Mean goal progress")],
                    objective_rows(report, w)))
    out.append((_("Pairs needing attention (worst first)"),
                [mentor, mentee, _("Health"), reason],
                [[r.mentor.name, r.mentee.name, w.health(r.health), w.reason(r)]
                 for r in p.attention]))
    out.append((_("Pairs"), pair_headers(report), pair_rows(report, w)))
    exceptions = [r for r in report.pairs if r.exception is not None]
    if exceptions:
        out.append((_("Pairs approved by exception to a pairing rule"),
                    [mentor, mentee, _("Coordinator's reason")],
                    [[r.mentor.name, r.mentee.name, r.exception or _("reason withheld")]
                     for r in exceptions]))
    if p.unmatched:
        out.append((_("Mentees without a mentor"), [mentee, email, reason],
                    [[u.mentee.name, u.mentee.email, u.reason or _("reason withheld")]
                     for u in p.unmatched]))
    if p.mentors_without_training:
        out.append((_("Mentors without training"), [mentor, email],
                    [[r.name, r.email] for r in p.mentors_without_training]))
    if p.supervision_due:
        out.append((_("Mentors without supervision for longer than the rhythm"),
                    [mentor, _("Last supervision"), _("Days since")],
                    [[d.mentor.name, w.date(d.last) if d.last else _("never"), w.num(d.days)]
                     for d in p.supervision_due]))
    if p.concerns_due:
        out.append((_("Open concerns past their follow-up date"),
                    [_("Concern"), _("About"), _("Severity"), _("Follow-up"), _("Days late")],
                    [[c.id, " -> ".join(r.name for r in c.about), severity_word(c.severity),
                      w.date(c.follow_up), w.num(c.days_late)] for c in p.concerns_due]))
    if p.contracts_not_signed:
        out.append((_("Contracts not fully signed"),
                    [mentor, mentee, _("Missing signature")],
                    [[c.mentor.name, c.mentee.name, missing_sides(c.missing)]
                     for c in p.contracts_not_signed]))
    return out


def report_title(report: Report) -> str:
    return _("Progress report: {cohort}").format(cohort=report.cohort_name)


def footer_lines(report: Report) -> list[str]:
    w = Words()
    t = report.thresholds
    lines = [_("Thresholds (follow_up in the cohort file): “behind” from {behind}; “at risk” "
               "from {at_risk} or a mean rating at or under {rating}; “inactive” after {span} "
               "without a meeting.").format(
        behind=missing_count(int(t["behind_missing"])),
        at_risk=missing_count(int(t["at_risk_missing"])),
        rating=w.num(t["at_risk_rating"]),
        span=span_of_periods(int(t["inactive_periods"]), report.cadence))]
    if report.anonymized:
        lines.append(_("Anonymised report: names, emails and ids are pseudonyms."))
    return lines

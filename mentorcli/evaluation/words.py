"""The words of the evaluation report: labels of the indicators, headings, notes.

Each label is an English sentence marked for the catalog (`N_`) and translated when it is
used, in the current language (`mentorcli.i18n.language()`); codes (indicator keys, JSON keys,
CSV columns) never change with the language, only these labels do.
"""

from __future__ import annotations

from mentorcli.i18n import N_, _

WORDS: dict[str, str] = {
    "title": N_("Programme evaluation"),
    "objectives": N_("Objectives against targets"),
    "engagement": N_("Engagement"),
    "surveys": N_("Surveys"),
    "supervision": N_("Supervision and training"),
    "concerns": N_("Concerns"),
    "outcomes": N_("Outcomes against the comparison group"),
    "disagreements_title": N_("Pairs whose mentor and mentee disagree sharply"),
    "indicator": N_("Indicator"),
    "value": N_("Value"),
    "target": N_("Target"),
    "ci": N_("{percent} interval"),  # "95%" filled in (a % in a msgid reads as %-format)
    "suppressed": N_("hidden (small group)"),
    "small_rule": N_("Figures standing on fewer than {min} people are hidden (small-group "
                     "rule)."),
    "computed": N_("computed from the file"),
    "recorded": N_("recorded result"),
    "no_data": N_("no data"),
    "trend": N_("Across cohorts"),
    "mentor": N_("mentor"),
    "mentee": N_("mentee"),
    "stage.mid": N_("Mid-programme"),
    "stage.end": N_("End of programme"),
    "on.satisfaction": N_("satisfaction"),
    "on.relationship": N_("relationship"),
    "on.goals": N_("goals"),
}

#: The label of each indicator key the evaluation computes (objectives use their title).
LABELS: dict[str, str] = {
    "engagement.pairs": N_("Pairs started"),
    "engagement.ended_early": N_("Pairs ended early"),
    "engagement.meetings": N_("Meetings held"),
    "engagement.hours": N_("Hours of mentoring"),
    "engagement.met": N_("Pairs that met at least once"),
    "engagement.meetings_per_pair": N_("Meetings per pair (mean)"),
    "engagement.rating": N_("Meeting rating (mean of pairs, 1-5)"),
    "supervision.mentors": N_("Mentors with a pair"),
    "supervision.trained": N_("Mentors trained"),
    "supervision.supervised": N_("Mentors supervised at least once"),
    "supervision.up_to_date": N_("Mentors supervised within the rhythm"),
    "supervision.sessions": N_("Supervision sessions"),
    "supervision.group_sessions": N_("of which group sessions"),
    "concerns.raised": N_("Concerns raised"),
    "concerns.high": N_("of which high severity"),
    "concerns.resolved": N_("Concerns resolved"),
    "concerns.open": N_("Concerns still open"),
    "concerns.overdue": N_("Open concerns past their follow-up date"),
    "concerns.days_to_resolve": N_("Days to resolve (median)"),
    "surveys.disagreements": N_("Pairs whose mentor and mentee disagree sharply"),
    "outcomes.mentees": N_("Mentees with a known outcome"),
    "outcomes.comparison_size": N_("People in the comparison group"),
    "surveys.mid.mentee.responses": N_("Mid-programme · mentees · responses"),
    "surveys.mid.mentee.response_rate": N_("Mid-programme · mentees · response rate"),
    "surveys.mid.mentee.satisfaction": N_("Mid-programme · mentees · satisfaction (mean 1-5)"),
    "surveys.mid.mentee.relationship": N_("Mid-programme · mentees · relationship (mean 1-5)"),
    "surveys.mid.mentee.goals": N_("Mid-programme · mentees · goals reached"),
    "surveys.mid.mentee.nps": N_("Mid-programme · mentees · NPS (-100 to 100)"),
    "surveys.mid.mentor.responses": N_("Mid-programme · mentors · responses"),
    "surveys.mid.mentor.response_rate": N_("Mid-programme · mentors · response rate"),
    "surveys.mid.mentor.satisfaction": N_("Mid-programme · mentors · satisfaction (mean 1-5)"),
    "surveys.mid.mentor.relationship": N_("Mid-programme · mentors · relationship (mean 1-5)"),
    "surveys.mid.mentor.goals": N_("Mid-programme · mentors · goals reached"),
    "surveys.mid.mentor.nps": N_("Mid-programme · mentors · NPS (-100 to 100)"),
    "surveys.mid.all.satisfaction": N_("Mid-programme · all · satisfaction (mean 1-5)"),
    "surveys.mid.all.relationship": N_("Mid-programme · all · relationship (mean 1-5)"),
    "surveys.mid.all.goals": N_("Mid-programme · all · goals reached"),
    "surveys.mid.all.nps": N_("Mid-programme · all · NPS (-100 to 100)"),
    "surveys.end.mentee.responses": N_("End of programme · mentees · responses"),
    "surveys.end.mentee.response_rate": N_("End of programme · mentees · response rate"),
    "surveys.end.mentee.satisfaction": N_("End of programme · mentees · satisfaction (mean 1-5)"),
    "surveys.end.mentee.relationship": N_("End of programme · mentees · relationship (mean 1-5)"),
    "surveys.end.mentee.goals": N_("End of programme · mentees · goals reached"),
    "surveys.end.mentee.nps": N_("End of programme · mentees · NPS (-100 to 100)"),
    "surveys.end.mentor.responses": N_("End of programme · mentors · responses"),
    "surveys.end.mentor.response_rate": N_("End of programme · mentors · response rate"),
    "surveys.end.mentor.satisfaction": N_("End of programme · mentors · satisfaction (mean 1-5)"),
    "surveys.end.mentor.relationship": N_("End of programme · mentors · relationship (mean 1-5)"),
    "surveys.end.mentor.goals": N_("End of programme · mentors · goals reached"),
    "surveys.end.mentor.nps": N_("End of programme · mentors · NPS (-100 to 100)"),
    "surveys.end.all.satisfaction": N_("End of programme · all · satisfaction (mean 1-5)"),
    "surveys.end.all.relationship": N_("End of programme · all · relationship (mean 1-5)"),
    "surveys.end.all.goals": N_("End of programme · all · goals reached"),
    "surveys.end.all.nps": N_("End of programme · all · NPS (-100 to 100)"),
    "outcomes.retention.mentees": N_("Retention · mentees"),
    "outcomes.retention.comparison": N_("Retention · comparison group"),
    "outcomes.retention.difference": N_("Retention · difference (points)"),
    "outcomes.promotion.mentees": N_("Promotion · mentees"),
    "outcomes.promotion.comparison": N_("Promotion · comparison group"),
    "outcomes.promotion.difference": N_("Promotion · difference (points)"),
    "outcomes.mobility.mentees": N_("Internal moves · mentees"),
    "outcomes.mobility.comparison": N_("Internal moves · comparison group"),
    "outcomes.mobility.difference": N_("Internal moves · difference (points)"),
}


def word(key: str, **values: object) -> str:
    """A word of the report (a heading, a note) in the current language."""
    text = WORDS.get(key)
    if text is None:
        return key
    text = _(text)
    return text.format(**values) if values else text


def label(key: str) -> str:
    """The label of an indicator key in the current language (the key itself if unknown)."""
    text = LABELS.get(key)
    return _(text) if text is not None else key

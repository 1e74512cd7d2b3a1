"""The words of the evaluation report in English and French (one table, one place).

Codes (indicator keys, JSON keys, CSV columns) never change with the language; only these
labels do.
"""

from __future__ import annotations

_EN = {
    "title": "Programme evaluation",
    "as_of": "as of",
    "objectives": "Objectives against targets",
    "engagement": "Engagement",
    "surveys": "Surveys",
    "supervision": "Supervision and training",
    "concerns": "Concerns",
    "outcomes": "Outcomes against the comparison group",
    "disagreements_title": "Pairs whose mentor and mentee disagree sharply",
    "indicator": "Indicator",
    "value": "Value",
    "target": "Target",
    "n": "n",
    "ci": "95% interval",
    "suppressed": "hidden (small group)",
    "small_rule": "Figures standing on fewer than {min} people are hidden (small-group rule).",
    "computed": "computed from the file",
    "recorded": "recorded result",
    "no_data": "no data",
    "trend": "Across cohorts",
    "engagement.pairs": "Pairs started",
    "engagement.ended_early": "Pairs ended early",
    "engagement.meetings": "Meetings held",
    "engagement.hours": "Hours of mentoring",
    "engagement.met": "Pairs that met at least once",
    "engagement.meetings_per_pair": "Meetings per pair (mean)",
    "engagement.rating": "Meeting rating (mean of pairs, 1-5)",
    "supervision.mentors": "Mentors with a pair",
    "supervision.trained": "Mentors trained",
    "supervision.supervised": "Mentors supervised at least once",
    "supervision.up_to_date": "Mentors supervised within the rhythm",
    "supervision.sessions": "Supervision sessions",
    "supervision.group_sessions": "of which group sessions",
    "concerns.raised": "Concerns raised",
    "concerns.high": "of which high severity",
    "concerns.resolved": "Concerns resolved",
    "concerns.open": "Concerns still open",
    "concerns.overdue": "Open concerns past their follow-up date",
    "concerns.days_to_resolve": "Days to resolve (median)",
    "surveys.disagreements": "Pairs whose mentor and mentee disagree sharply",
    "outcomes.mentees": "Mentees with a known outcome",
    "outcomes.comparison_size": "People in the comparison group",
    "stage.mid": "Mid-programme", "stage.end": "End of programme",
    "who.mentee": "mentees", "who.mentor": "mentors", "who.all": "all",
    "m.responses": "responses", "m.response_rate": "response rate",
    "m.satisfaction": "satisfaction (mean 1-5)", "m.relationship": "relationship (mean 1-5)",
    "m.goals": "goals reached", "m.nps": "NPS (-100 to 100)",
    "how.retention": "Retention", "how.promotion": "Promotion", "how.mobility": "Internal moves",
    "group.mentees": "mentees", "group.comparison": "comparison group",
    "group.difference": "difference (points)",
    "on.satisfaction": "satisfaction", "on.relationship": "relationship", "on.goals": "goals",
}

_FR = {
    "title": "Évaluation du programme",
    "as_of": "au",
    "objectives": "Objectifs et cibles",
    "engagement": "Engagement",
    "surveys": "Questionnaires",
    "supervision": "Supervision et formation",
    "concerns": "Difficultés suivies",
    "outcomes": "Résultats comparés au groupe témoin",
    "disagreements_title": "Binômes dont le mentor et le mentoré·e divergent nettement",
    "indicator": "Indicateur",
    "value": "Valeur",
    "target": "Cible",
    "n": "n",
    "ci": "intervalle à 95 %",
    "suppressed": "masqué (petit groupe)",
    "small_rule": "Les chiffres portant sur moins de {min} personnes sont masqués (règle des "
                  "petits groupes).",
    "computed": "calculé à partir du fichier",
    "recorded": "résultat saisi",
    "no_data": "pas de données",
    "trend": "D'une cohorte à l'autre",
    "engagement.pairs": "Binômes démarrés",
    "engagement.ended_early": "Binômes arrêtés avant la fin",
    "engagement.meetings": "Rencontres tenues",
    "engagement.hours": "Heures de mentorat",
    "engagement.met": "Binômes qui se sont rencontrés au moins une fois",
    "engagement.meetings_per_pair": "Rencontres par binôme (moyenne)",
    "engagement.rating": "Note des rencontres (moyenne des binômes, 1-5)",
    "supervision.mentors": "Mentors ayant un binôme",
    "supervision.trained": "Mentors formés",
    "supervision.supervised": "Mentors supervisés au moins une fois",
    "supervision.up_to_date": "Mentors supervisés dans le rythme prévu",
    "supervision.sessions": "Séances de supervision",
    "supervision.group_sessions": "dont séances collectives",
    "concerns.raised": "Difficultés signalées",
    "concerns.high": "dont gravité élevée",
    "concerns.resolved": "Difficultés résolues",
    "concerns.open": "Difficultés encore ouvertes",
    "concerns.overdue": "Difficultés ouvertes dont la date de suivi est passée",
    "concerns.days_to_resolve": "Jours pour résoudre (médiane)",
    "surveys.disagreements": "Binômes dont le mentor et le mentoré·e divergent nettement",
    "outcomes.mentees": "Mentorés dont le résultat est connu",
    "outcomes.comparison_size": "Personnes du groupe témoin",
    "stage.mid": "Mi-parcours", "stage.end": "Fin de programme",
    "who.mentee": "mentorés", "who.mentor": "mentors", "who.all": "ensemble",
    "m.responses": "réponses", "m.response_rate": "taux de réponse",
    "m.satisfaction": "satisfaction (moyenne 1-5)", "m.relationship": "relation (moyenne 1-5)",
    "m.goals": "objectifs atteints", "m.nps": "NPS (-100 à 100)",
    "how.retention": "Fidélisation", "how.promotion": "Promotion",
    "how.mobility": "Mobilité interne",
    "group.mentees": "mentorés", "group.comparison": "groupe témoin",
    "group.difference": "écart (points)",
    "on.satisfaction": "satisfaction", "on.relationship": "relation", "on.goals": "objectifs",
}

WORDS = {"en": _EN, "fr": _FR}


def word(language: str, key: str, **values: object) -> str:
    table = WORDS.get(language, _EN)
    text = table.get(key, _EN.get(key, key))
    return text.format(**values) if values else text


def label(language: str, key: str) -> str:
    """The label of an indicator key."""
    table = WORDS.get(language, _EN)
    if key in table:
        return table[key]
    parts = key.split(".")
    if parts[0] == "surveys" and len(parts) == 4:
        _, stage, who, measure = parts
        sep = " · "
        return sep.join((table[f"stage.{stage}"], table[f"who.{who}"], table[f"m.{measure}"]))
    if parts[0] == "outcomes" and len(parts) == 3:
        _, how, group = parts
        return f"{table[f'how.{how}']} · {table[f'group.{group}']}"
    return key

"""Rendering a progress report: table, Markdown, CSV, JSON and a self-contained HTML page.

Pure functions of a `mentorcli.reports.progress.Report` (except `print_tables`, which prints through
`mentorcli.cli.output`). Human formats (table, Markdown, HTML) speak the cohort's language (en or
fr) and write dates, numbers and percentages with `mentorcli.localize`, like the contracts
("26 novembre 2026", "23,1 %"); machine formats (JSON, CSV) keep stable English keys and
codes, ISO dates and dot decimals. User data is escaped for
each format (HTML entities, Markdown punctuation, spreadsheet formulas). Session notes are not
in a `Report`, so no format can show them.

`anonymize(report)` replaces every person (id, name, email) with a stable pseudonym derived
from an HMAC-SHA256 of the cohort id and the person's id, and withholds free-text end reasons
and the coordinator: the same person gets the same pseudonym in every run.
"""

from __future__ import annotations

import calendar
import csv
import dataclasses
import datetime as dt
import hashlib
import hmac
import html
import io
from collections.abc import Callable, Sequence
from typing import Any

from mentorcli.documents.contracts import escape_markdown
from mentorcli.localize import (
    CADENCE_LABELS,
    NBSP,
    NNBSP,
    colon,
    counted,
    format_date,
    format_month,
    format_number,
    format_percent,
    format_period,
    format_quantity,
    language_of,
    plural,
)
from mentorcli.reports.progress import (
    AT_RISK,
    BEHIND,
    ENDED,
    HEALTH_ORDER,
    INACTIVE,
    NOT_STARTED,
    ON_TRACK,
    PairProgress,
    PersonRef,
    Programme,
    Reason,
    Report,
    UnsignedContract,
    describe,
    span_of_periods,
)

FORMATS = ("table", "markdown", "csv", "json", "html")
JSON_FORMAT = "mentorcli-report"
JSON_FORMAT_VERSION = 1

# ------------------------------------------------------------------ words

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Progress report", "as_of": "As of {date}", "period": "Period",
        "to_date": "{period} (programme to date)", "month_running": "{month} (in progress)",
        "not_begun": "the programme starts on {date}", "cadence": "cadence",
        "programme": "Programme", "figure": "Figure", "value": "Value",
        "participants": "Participants",
        "mentor_one": "mentor", "mentor_many": "mentors",
        "mentee_one": "mentee", "mentee_many": "mentees",
        "both_one": "both mentor and mentee", "both_many": "both mentors and mentees",
        "of": "{part} of {whole}",
        "match_rate": "Match rate (matched mentees / mentees)",
        "mentor_use": "Mentor use (active pairs / total capacity)",
        "pairs_by_status": "Pairs",
        "proposed_one": "proposed", "proposed_many": "proposed",
        "active_one": "active", "active_many": "active",
        "ended_one": "ended", "ended_many": "ended",
        "active_pairs": "Active pairs",
        "engagement": "Engagement (active pairs that met in the last 30 days)",
        "sessions_in_period": "Meetings in the month", "hours_in_period": "Hours in the month",
        "sessions_to_date": "Meetings to date", "hours_to_date": "Hours to date",
        "per_pair_month": "Meetings per active pair per month",
        "goal_completion": "Goal completion (pair goals at 100%)",
        "satisfaction": "Mean satisfaction (1 to 5)",
        "rating_split": "mentors {m}; mentees {e}",
        "health": "Health of pairs", "objectives": "Objectives", "objective": "Objective",
        "target": "Target", "latest": "Latest result", "linked_goals": "Linked pair goals",
        "goal_progress": "Mean goal progress", "attention": "Pairs needing attention",
        "attention_note": "worst first", "pairs": "Pairs", "mentor": "Mentor",
        "mentee": "Mentee", "started": "Started", "meetings": "Met / expected",
        "in_period": "In the month", "last_meeting": "Last meeting",
        "days_since": "Days since", "hours": "Hours",
        "goals_pct": "Goal progress", "ratings": "Rating mentor / mentee",
        "signed": "Contract signed", "verdict": "Health", "reason": "Reason",
        "yes": "yes", "no": "no", "none": "none", "email": "Email", "and": " and ",
        "untrained": "Mentors without training", "unsigned": "Contracts not fully signed",
        "missing_signature": "Missing signature",
        "thresholds": "Thresholds (follow_up in the cohort file)",
        "thresholds_text": "“behind” from {behind}; “at risk” from {at_risk} or a mean "
                           "rating at or under {rating}; “inactive” after {span} without a "
                           "meeting.",
        "missing_one": "missing meeting", "missing_many": "missing meetings",
        "chart_meetings": "Meetings per month", "chart_health": "Pairs by health",
        "chart_objectives": "Objectives against target", "no_result": "no result yet",
        "objectives_legend": "bar: latest result; red line: target",
        "no_target": "no target",
        "anonymized": "Anonymised report: names, emails and ids are pseudonyms.",
        "generated": "Generated by mentorcli. Session notes are never included.",
        "nothing": "Nothing to report.",
        "coordinator": "Coordinator",
    },
    "fr": {
        "title": "Rapport de suivi", "as_of": "Situation au {date}", "period": "Période",
        "to_date": "{period} (depuis le début du programme)",
        "month_running": "{month} (mois en cours)",
        "not_begun": "le programme commence le {date}", "cadence": "rythme",
        "programme": "Programme", "figure": "Indicateur", "value": "Valeur",
        "participants": "Participants",
        "mentor_one": "mentor", "mentor_many": "mentors",
        "mentee_one": "mentoré·e", "mentee_many": "mentoré·es",
        "both_one": "à la fois mentor et mentoré·e",
        "both_many": "à la fois mentors et mentoré·es",
        "of": "{part} sur {whole}",
        "match_rate": "Taux d’appariement (mentoré·es en binôme / mentoré·es)",
        "mentor_use": "Utilisation des mentors (binômes actifs / capacité totale)",
        "pairs_by_status": "Binômes",
        "proposed_one": "proposé", "proposed_many": "proposés",
        "active_one": "actif", "active_many": "actifs",
        "ended_one": "terminé", "ended_many": "terminés",
        "active_pairs": "Binômes actifs",
        "engagement": "Engagement (binômes actifs réunis dans les 30 derniers jours)",
        "sessions_in_period": "Rencontres dans le mois",
        "hours_in_period": "Heures dans le mois",
        "sessions_to_date": "Rencontres depuis le début",
        "hours_to_date": "Heures depuis le début",
        "per_pair_month": "Rencontres par binôme actif et par mois",
        "goal_completion": "Objectifs de binôme atteints (à 100" + NNBSP + "%)",
        "satisfaction": "Satisfaction moyenne (de 1 à 5)",
        "rating_split": "mentors {m}" + NNBSP + "; mentoré·es {e}",
        "health": "Santé des binômes", "objectives": "Objectifs du programme",
        "objective": "Objectif", "target": "Cible", "latest": "Dernier résultat",
        "linked_goals": "Objectifs de binôme liés", "goal_progress": "Avancement moyen",
        "attention": "Binômes à suivre", "attention_note": "les plus urgents d’abord",
        "pairs": "Binômes", "mentor": "Mentor", "mentee": "Mentoré·e",
        "started": "Début", "meetings": "Tenues / attendues",
        "in_period": "Dans le mois", "last_meeting": "Dernière rencontre",
        "days_since": "Jours depuis",
        "hours": "Heures", "goals_pct": "Avancement",
        "ratings": "Note mentor / mentoré·e", "signed": "Contrat signé",
        "verdict": "Santé", "reason": "Motif", "yes": "oui", "no": "non", "none": "aucun",
        "email": "Courriel", "and": " et ",
        "untrained": "Mentors non formés",
        "unsigned": "Contrats pas encore signés par les deux parties",
        "missing_signature": "Signature manquante",
        "thresholds": "Seuils (section follow_up du fichier de la cohorte)",
        "thresholds_text": "«" + NBSP + "en retard" + NBSP + "» dès {behind}" + NNBSP
                           + "; «" + NBSP + "à risque" + NBSP + "» dès {at_risk} ou une note "
                           "moyenne de {rating} ou moins" + NNBSP + "; «" + NBSP + "inactif"
                           + NBSP + "» après {span} sans rencontre.",
        "missing_one": "rencontre manquante", "missing_many": "rencontres manquantes",
        "chart_meetings": "Rencontres par mois", "chart_health": "Binômes par état de santé",
        "chart_objectives": "Objectifs et cibles", "no_result": "pas encore de résultat",
        "objectives_legend": "barre" + NBSP + ": dernier résultat" + NNBSP + "; trait rouge"
                             + NBSP + ": cible",
        "no_target": "sans cible",
        "anonymized": "Rapport anonymisé" + NBSP + ": noms, adresses électroniques et "
                      "identifiants sont des pseudonymes.",
        "generated": "Produit par mentorcli. Les notes de séance n’y figurent jamais.",
        "nothing": "Rien à signaler.",
        "coordinator": "Coordination",
    },
}

#: Verdicts for people: (singular, plural) in each language.
_HEALTH_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {h: (h, h) for h in HEALTH_ORDER},
    "fr": {ON_TRACK: ("en bonne voie", "en bonne voie"), BEHIND: ("en retard", "en retard"),
           AT_RISK: ("à risque", "à risque"), INACTIVE: ("inactif", "inactifs"),
           ENDED: ("terminé", "terminés"), NOT_STARTED: ("non commencé", "non commencés")},
}
HEALTH_COLOURS = {ON_TRACK: "#2e7d32", BEHIND: "#f9a825", AT_RISK: "#ef6c00",
                  INACTIVE: "#c62828", ENDED: "#757575", NOT_STARTED: "#90a4ae"}
NO_VALUE = "—"  # an empty cell in the human formats


class _Words:
    """The cohort language's labels, and its way of writing values (via mentorcli.localize);
    `NO_VALUE` where there is no value."""

    def __init__(self, language: str) -> None:
        self.language = language_of(language)
        self.labels = _LABELS[self.language]
        self.colon = colon(self.language)

    def __getitem__(self, key: str) -> str:
        return self.labels[key]

    def health(self, verdict: str, count: int = 1) -> str:
        one, many = _HEALTH_WORDS[self.language].get(verdict, (verdict, verdict))
        return plural(count, one, many, self.language)

    def reason(self, row: PairProgress) -> str:
        return describe(row.why, self.language)

    def counted(self, count: int, key: str) -> str:
        """'3 mentors' with the label pair `key`_one / `key`_many."""
        return counted(count, self[f"{key}_one"], self[f"{key}_many"], self.language)

    def num(self, value: float | int | None, digits: int = 2) -> str:
        return NO_VALUE if value is None else format_number(value, self.language, digits)

    def pct(self, value: float | None) -> str:
        return NO_VALUE if value is None else format_percent(value, self.language)

    def unit(self, value: float | None, unit: str) -> str:
        return NO_VALUE if value is None else format_quantity(value, unit, self.language)

    def date(self, value: dt.date | None) -> str:
        return NO_VALUE if value is None else format_date(value, self.language)

    def month(self, key: str) -> str:
        """'2026-05' as 'May 2026' / 'mai 2026'."""
        year, month = key.split("-")
        return format_month(dt.date(int(year), int(month), 1), self.language)

    def share(self, part: int, whole: int, pct: float | None) -> str:
        """'25% (6 of 24)' / '25 % (6 sur 24)'; NO_VALUE when there is nothing to count."""
        if not whole or pct is None:
            return NO_VALUE
        return (f"{self.pct(pct)} ("
                + self["of"].format(part=self.num(part), whole=self.num(whole)) + ")")


# ------------------------------------------------------------------ anonymisation


def pseudonym_token(cohort_id: str, person_id: str, secret: str = "", length: int = 10) -> str:
    """A stable hex token for a person: HMAC-SHA256(key = cohort id [+ secret], person id)."""
    key = f"mentorcli-pseudonym/{cohort_id}/{secret}".encode()
    return hmac.new(key, person_id.encode(), hashlib.sha256).hexdigest()[:length]


def anonymize(report: Report, secret: str = "") -> Report:
    """The report with every person replaced by a stable pseudonym; free-text reasons withheld.

    Pseudonyms are `p-<token>` (id), `Participant <token>` (name) and
    `p-<token>@example.invalid` (email). `secret` (e.g. from MENTORCLI_PSEUDONYM_KEY) makes
    them impossible to recompute for someone who knows the ids.
    """
    people: dict[str, PersonRef] = {}
    for ref in _people_in(report):
        people.setdefault(ref.id, ref)
    tokens = {pid: pseudonym_token(report.cohort_id, pid, secret) for pid in people}
    counts: dict[str, int] = {}
    for token in tokens.values():
        counts[token] = counts.get(token, 0) + 1
    for pid, token in tokens.items():  # never two people under one pseudonym
        if counts[token] > 1:
            tokens[pid] = pseudonym_token(report.cohort_id, pid, secret, 32)

    def swap(ref: PersonRef) -> PersonRef:
        token = tokens[ref.id]
        return PersonRef(f"p-{token}", f"Participant {token}", f"p-{token}@example.invalid")

    new_rows: dict[int, PairProgress] = {}
    pairs = []
    for row in report.pairs:
        why = row.why
        if why.code == "ended":
            why = Reason("ended", {**why.args, "why": "", "withheld": True})
        new = dataclasses.replace(row, mentor=swap(row.mentor), mentee=swap(row.mentee),
                                  end_reason=None, why=why)
        new_rows[id(row)] = new
        pairs.append(new)
    prog = report.programme
    programme = dataclasses.replace(
        prog,
        mentors_without_training=[swap(p) for p in prog.mentors_without_training],
        contracts_not_signed=[UnsignedContract(swap(c.mentor), swap(c.mentee), c.missing)
                              for c in prog.contracts_not_signed],
        attention=[new_rows[id(r)] for r in prog.attention],
    )
    return dataclasses.replace(report, pairs=pairs, programme=programme, coordinator=None,
                               anonymized=True)


def _people_in(report: Report) -> list[PersonRef]:
    refs = []
    for row in report.pairs:
        refs += [row.mentor, row.mentee]
    refs += report.programme.mentors_without_training
    for c in report.programme.contracts_not_signed:
        refs += [c.mentor, c.mentee]
    return refs


# ------------------------------------------------------------------ JSON


def _person(ref: PersonRef) -> dict[str, str]:
    return {"id": ref.id, "name": ref.name, "email": ref.email}


def pair_data(row: PairProgress) -> dict[str, Any]:
    """One pair in the JSON shape (documented in docs/followup.md)."""
    return {
        "mentor": _person(row.mentor),
        "mentee": _person(row.mentee),
        "status": row.status,
        "started": row.started,
        "ended": row.ended,
        "end_reason": row.end_reason,
        "sessions_held": row.sessions_held,
        "sessions_expected": row.sessions_expected,
        "sessions_missing": row.sessions_missing,
        "sessions_in_period": row.sessions_in_period,
        "last_meeting": row.last_meeting,
        "days_since_last_meeting": row.days_since_last_meeting,
        "hours": row.hours,
        "hours_in_period": row.hours_in_period,
        "goals": row.goals,
        "mean_goal_progress": row.mean_goal_progress,
        "mean_rating_mentor": row.mean_rating_mentor,
        "mean_rating_mentee": row.mean_rating_mentee,
        "contract_signed": row.contract_signed,
        "health": row.health,
        "reason": row.reason,
    }


def programme_data(p: Programme) -> dict[str, Any]:
    return {
        "participants": p.participants,
        "participants_by_role": dict(p.participants_by_role),
        "mentees": p.mentees,
        "matched_mentees": p.matched_mentees,
        "match_rate_pct": p.match_rate_pct,
        "mentor_capacity": p.mentor_capacity,
        "mentor_use_pct": p.mentor_use_pct,
        "pairs_by_status": dict(p.pairs_by_status),
        "active_pairs": p.active_pairs,
        "engaged_pairs": p.engaged_pairs,
        "engagement_pct": p.engagement_pct,
        "sessions_in_period": p.sessions_in_period,
        "hours_in_period": p.hours_in_period,
        "sessions_to_date": p.sessions_to_date,
        "hours_to_date": p.hours_to_date,
        "sessions_per_active_pair_per_month": p.sessions_per_active_pair_per_month,
        "goals": p.goals,
        "goals_completed": p.goals_completed,
        "goal_completion_pct": p.goal_completion_pct,
        "mean_satisfaction": p.mean_satisfaction,
        "mean_rating_mentor": p.mean_rating_mentor,
        "mean_rating_mentee": p.mean_rating_mentee,
        "health": dict(p.health),
        "objectives": [
            {
                "id": o.id,
                "title": o.title,
                "target": o.target,
                "unit": o.unit,
                "latest_result": o.latest_result,
                "latest_result_date": o.latest_result_date,
                "goals": o.goals,
                "mean_goal_progress": o.mean_goal_progress,
            }
            for o in p.objectives
        ],
        "mentors_without_training": [_person(r) for r in p.mentors_without_training],
        "contracts_not_signed": [
            {"mentor": _person(c.mentor), "mentee": _person(c.mentee), "missing": list(c.missing)}
            for c in p.contracts_not_signed
        ],
        "attention": [
            {"mentor": _person(r.mentor), "mentee": _person(r.mentee), "health": r.health,
             "reason": r.reason}
            for r in p.attention
        ],
        "meetings_per_month": [{"month": m, "sessions": n} for m, n in p.meetings_per_month],
    }


def report_data(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data: the stable shape documented in docs/followup.md."""
    coordinator = None
    if report.coordinator is not None:
        coordinator = {"name": report.coordinator.name, "email": report.coordinator.email}
    return {
        "format": JSON_FORMAT,
        "format_version": JSON_FORMAT_VERSION,
        "cohort": {
            "id": report.cohort_id,
            "name": report.cohort_name,
            "language": report.language,
            "cadence": report.cadence,
            "start": report.cohort_start,
            "end": report.cohort_end,
            "coordinator": coordinator,
        },
        "as_of": report.as_of,
        "period": {"kind": report.period_kind, "start": report.period_start,
                   "end": report.period_end},
        "anonymized": report.anonymized,
        "thresholds": dict(report.thresholds),
        "programme": programme_data(report.programme),
        "pairs": [pair_data(row) for row in report.pairs],
    }


def render_json(report: Report) -> str:
    from mentorcli.cli.output import to_json

    return to_json(report_data(report)) + "\n"


# ------------------------------------------------------------------ CSV

CSV_COLUMNS = (
    "mentor_id", "mentor_name", "mentor_email", "mentee_id", "mentee_name", "mentee_email",
    "status", "started", "ended", "sessions_held", "sessions_expected", "sessions_missing",
    "sessions_in_period", "last_meeting", "days_since_last_meeting", "hours",
    "hours_in_period", "goals", "mean_goal_progress", "mean_rating_mentor",
    "mean_rating_mentee", "contract_signed", "health", "reason",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_text(value: str) -> str:
    """Text a spreadsheet will not run as a formula ('=HYPERLINK(...)' gets a leading ')."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def render_csv(report: Report) -> str:
    """One row per pair (columns CSV_COLUMNS), for spreadsheets; empty cells for no value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in report.pairs:
        cells: list[Any] = [
            row.mentor.id, row.mentor.name, row.mentor.email,
            row.mentee.id, row.mentee.name, row.mentee.email,
            row.status, row.started, row.ended, row.sessions_held, row.sessions_expected,
            row.sessions_missing, row.sessions_in_period, row.last_meeting,
            row.days_since_last_meeting, row.hours, row.hours_in_period, row.goals,
            row.mean_goal_progress, row.mean_rating_mentor, row.mean_rating_mentee,
            "yes" if row.contract_signed else "no", row.health, row.reason,
        ]
        writer.writerow([
            "" if c is None else _csv_text(c) if isinstance(c, str)
            else c.isoformat() if hasattr(c, "isoformat") else c
            for c in cells
        ])
    return buffer.getvalue()


# ------------------------------------------------------------------ sections (table, md, html)

Section = tuple[str, list[str], list[list[str]]]


def _header_line(report: Report, w: _Words) -> str:
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


def summary_rows(report: Report, w: _Words) -> list[list[str]]:
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


def objective_rows(report: Report, w: _Words) -> list[list[str]]:
    rows = []
    for o in report.programme.objectives:
        latest = w.unit(o.latest_result, o.unit)
        if o.latest_result_date is not None:
            latest += f" ({w.date(o.latest_result_date)})"
        rows.append([o.title, w.unit(o.target, o.unit), latest, w.num(o.goals),
                     w.pct(o.mean_goal_progress)])
    return rows


def _ratings(row: PairProgress, w: _Words) -> str:
    if row.mean_rating_mentor is None and row.mean_rating_mentee is None:
        return NO_VALUE
    return f"{w.num(row.mean_rating_mentor)} / {w.num(row.mean_rating_mentee)}"


#: Columns of the pair table; "in_period" only in a month's report (to date it is "met").
PAIR_KEYS = ("mentor", "mentee", "started", "meetings", "in_period", "last_meeting",
             "days_since", "hours", "goals_pct", "ratings", "signed", "verdict", "reason")


def _pair_keys(report: Report) -> list[str]:
    return [k for k in PAIR_KEYS if k != "in_period" or report.period_kind == "month"]


def _days_since(row: PairProgress, w: _Words) -> str:
    """Days since the last meeting; nothing for an ended pair (it no longer meets)."""
    if row.health == ENDED:
        return NO_VALUE
    return w.num(row.days_since_last_meeting)


def pair_rows(report: Report, w: _Words) -> list[list[str]]:
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
    w = _Words(report.language)
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
    if p.mentors_without_training:
        out.append((w["untrained"], [w["mentor"], w["email"]],
                    [[r.name, r.email] for r in p.mentors_without_training]))
    if p.contracts_not_signed:
        out.append((w["unsigned"], [w["mentor"], w["mentee"], w["missing_signature"]],
                    [[c.mentor.name, c.mentee.name,
                      w["and"].join(w[side].lower() for side in c.missing)]
                     for c in p.contracts_not_signed]))
    return out


def _title(report: Report) -> str:
    w = _Words(report.language)
    return f"{w['title']}{w.colon}{report.cohort_name}"


def _footer_lines(report: Report) -> list[str]:
    w = _Words(report.language)
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


def print_tables(report: Report) -> None:
    """The report on stdout: rich tables on a terminal, the plain text of `render_table_text`
    (tabulate) when piped or redirected."""
    import sys

    from mentorcli.cli.output import is_terminal

    if not is_terminal(sys.stdout):
        sys.stdout.write(render_table_text(report))
        return
    from rich.text import Text

    from mentorcli.cli.output import make_console

    w = _Words(report.language)
    console = make_console()
    console.print(Text(_title(report), style="bold"))
    console.print(Text(_header_line(report, w)))
    for title, headers, rows in sections(report):
        console.print()
        console.print(Text(title, style="bold"))
        if not rows:
            console.print(Text(w["nothing"]))
        else:
            _print_rich_section(console, headers, rows, w)
    console.print()
    for line in _footer_lines(report):
        console.print(Text(line))


#: On a terminal, a column whose values are all this short keeps them on one line.
_SHORT_CELL = 16
#: Columns of longer text (names, reasons) are wrapped, but never narrower than this.
_MIN_TEXT_WIDTH = 16
#: Space between two columns of a terminal table (padding and separator).
_GUTTER = 3


def terminal_widths(headers: Sequence[str], rows: Sequence[Sequence[str]],
                    width: int) -> list[int] | None:
    """Column widths for a table on a terminal `width` characters wide, or None when the
    table cannot fit without cutting words.

    A column of short values gets its longest value (or its longest header word: the header
    wraps); the columns of longer text share what is left, each up to its longest value,
    none under `_MIN_TEXT_WIDTH` or its longest word.
    """
    fixed: list[int | None] = []
    natural: dict[int, int] = {}
    floor: dict[int, int] = {}
    for column, header in enumerate(headers):
        cells = [row[column] for row in rows]
        longest = max(len(cell) for cell in cells)
        word = max(len(part) for text in (header, *cells) for part in text.split() or [""])
        if longest <= _SHORT_CELL:
            fixed.append(max(longest, word))
        else:
            fixed.append(None)
            natural[column] = max(longest, len(header))
            floor[column] = max(_MIN_TEXT_WIDTH, word)
    room = width - sum(w for w in fixed if w is not None) - _GUTTER * (len(headers) - 1)
    shares: dict[int, int] = {}
    waiting = sorted(natural, key=lambda c: natural[c])
    while waiting:  # the narrowest first: what they leave goes to the others
        column = waiting.pop(0)
        share = min(natural[column], room // (len(waiting) + 1))
        if share < floor[column]:
            return None
        shares[column] = share
        room -= share
    return [w if w is not None else shares[c] for c, w in enumerate(fixed)]


def _print_rich_section(console: Any, headers: Sequence[str], rows: Sequence[Sequence[str]],
                        w: _Words) -> None:
    """One table on a terminal. When it cannot fit the terminal without cutting words, each
    row becomes a block instead: the first two cells as a heading, then 'header: value'
    pairs wrapped to the width."""
    from rich import box
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    widths = terminal_widths(headers, rows, console.width)
    if widths is not None:
        table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False,
                      show_edge=False)
        for header, width in zip(headers, widths, strict=True):
            table.add_column(header, width=width, overflow="fold")
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
        console.print(table)
        return
    for row in rows:
        console.print(Text(" · ".join(cell for cell in row[:2] if cell), style="bold"))
        details = " · ".join(f"{header}{w.colon}{cell}"
                             for header, cell in zip(headers[2:], row[2:], strict=True))
        console.print(Padding(Text(details), (0, 0, 0, 2)))


def render_table_text(report: Report) -> str:
    """The table format as plain text (piped, or --output): tabulate tables, no colour."""
    from tabulate import tabulate

    w = _Words(report.language)
    parts = [_title(report), _header_line(report, w), ""]
    for title, headers, rows in sections(report):
        body = tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True) \
            if rows else w["nothing"]
        parts += [title, body, ""]
    parts += _footer_lines(report)
    return "\n".join(parts) + "\n"


# ------------------------------------------------------------------ Markdown


def md_escape(text: str) -> str:
    """Line text that Markdown shows as written (no heading, list, link or emphasis)."""
    return escape_markdown(str(text))


def md_cell(text: str) -> str:
    """Table-cell text that Markdown shows as written, without breaking the table."""
    return escape_markdown(str(text), line_start=False)


def _md_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(md_cell(h) for h in headers) + " |",
             "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return lines


def render_markdown(report: Report) -> str:
    w = _Words(report.language)
    lines = [f"# {md_escape(_title(report))}", "", md_escape(_header_line(report, w)), ""]
    for title, headers, rows in sections(report):
        lines += [f"## {md_escape(title)}", ""]
        lines += _md_table(headers, rows) if rows else [w["nothing"]]
        lines.append("")
    lines += [md_escape(line) for line in _footer_lines(report)]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ HTML


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


def svg_meetings(report: Report, w: _Words) -> str:
    """Bar chart: meetings per month from the cohort start to the as-of month."""
    series = report.programme.meetings_per_month
    width, height = 720, 270
    left, right, top, bottom = 44, 12, 16, 86  # room for month names under the bars
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_ceiling(max((n for _, n in series), default=0))
    parts = [f'<svg class="chart" role="img" aria-labelledby="chart-meetings-title" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
             f'<title id="chart-meetings-title">{esc(w["chart_meetings"])}</title>']
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


def svg_health(report: Report, w: _Words) -> str:
    """Horizontal bars: pairs by health verdict."""
    counts = report.programme.health
    width, row_h, left = 720, 28, 150
    height = row_h * len(HEALTH_ORDER) + 10
    top_value = max(counts.values(), default=0) or 1
    bar_room = width - left - 60
    parts = [f'<svg class="chart" role="img" aria-labelledby="chart-health-title" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
             f'<title id="chart-health-title">{esc(w["chart_health"])}</title>']
    for i, verdict in enumerate(HEALTH_ORDER):
        n = counts.get(verdict, 0)
        y = 5 + i * row_h
        parts.append(_svg_text(left - 8, y + 18, w.health(verdict), anchor="end"))
        bar_w = bar_room * n / top_value
        parts.append(f'<rect x="{left}" y="{y + 4}" width="{bar_w:.1f}" height="{row_h - 8}" '
                     f'fill="{HEALTH_COLOURS[verdict]}"><title>{esc(w.health(verdict, n))}'
                     f"{esc(w.colon)}{n}</title></rect>")
        parts.append(_svg_text(left + bar_w + 6, y + 18, str(n)))
    parts.append("</svg>")
    return "".join(parts)


def svg_objectives(report: Report, w: _Words) -> str:
    """One row per objective: latest result as a bar, the target as a line."""
    objectives = report.programme.objectives
    width, row_h, left, right = 720, 40, 220, 150
    height = row_h * max(len(objectives), 1) + 30
    bar_room = width - left - right
    parts = [f'<svg class="chart" role="img" aria-labelledby="chart-objectives-title" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
             f'<title id="chart-objectives-title">{esc(w["chart_objectives"])}</title>']
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
                 if o.latest_result is not None else w["no_result"])
        if o.target is None and o.latest_result is not None:
            label = f"{w.unit(o.latest_result, o.unit)} ({w['no_target']})"
        parts.append(_svg_text(width - right + 8, y + 22, label))
    parts.append(_svg_text(left, height - 8, w["objectives_legend"], size=11,
                           extra=' fill="#555"'))
    parts.append("</svg>")
    return "".join(parts)


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
    w = _Words(report.language)
    p = report.programme
    slug = {h: "h-" + h.replace(" ", "-") for h in HEALTH_ORDER}
    body = [f"<h1>{esc(_title(report))}</h1>", f'<p class="sub">{esc(_header_line(report, w))}'
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
    foot = _footer_lines(report) + [w["generated"]]
    body.append('<div class="foot">' + "".join(f"<p>{esc(line)}</p>" for line in foot)
                + "</div>")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{w.language}"><head><meta charset="utf-8"/>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
        f"<title>{esc(_title(report))} – {esc(w.date(report.as_of))}</title>"
        f"<style>{_CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


# ------------------------------------------------------------------ dispatch


def render(report: Report, fmt: str) -> str:
    """The report as text in `fmt` (table = plain tabulate text, for files)."""
    if fmt == "json":
        return render_json(report)
    if fmt == "csv":
        return render_csv(report)
    if fmt == "markdown":
        return render_markdown(report)
    if fmt == "html":
        return render_html(report)
    if fmt == "table":
        return render_table_text(report)
    raise ValueError(f"unknown format {fmt!r}")

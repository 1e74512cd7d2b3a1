"""Pairing: the hard rules, the factor scores, their explanation, and the pairing plan.

Core: nothing here prints or exits. Everything is pure except `pair_file`, which reads and
writes the cohort through the store. `mentorcli.cli.commands.pairing` renders what these
functions return. The rules and formulas are documented for coordinators in
docs/pairing.md; keep both in step.

Two views of the same definitions live here:

- matrices (numpy, vectorised): `rule_violations`, `factor_values`, `score_matrix` compute every
  mentor x mentee cell at once, block by block of mentees, for `scores` and the solver;
- one pair in words (plain Python): `pair_rules`, `pair_factors`, `why_line` for `explain`, the
  `why` written into the file and the unmatched reasons.

Every word is in the cohort's language (`cohort.language`, English or French): the phrases
are in `PHRASES`, one table per language, filled in by `Words` with the numbers, plurals and
punctuation of mentorcli.localize. Codes (rules, factors, changes) never change with it.

tests/test_pairing.py checks on generated cohorts that both views agree cell by cell.
numpy (and scipy, in `plan_pairing`) is imported inside functions so that importing this module
stays cheap.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorcli.errors import UsageError
from mentorcli.localize import (
    NBSP,
    colon,
    format_date,
    format_fixed,
    format_number,
    is_plural,
    language_of,
    semicolon,
)
from mentorcli.model import CohortFile, Pair, Participant
from mentorcli.pairing.assignment import BLOCK_CELLS
from mentorcli.tags import normalize_tag

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

# ------------------------------------------------------------------------------ constants

#: Soft factors, in the order they are shown. `language` only counts with
#: `common_language: prefer`.
FACTORS = ("goals", "objectives", "department", "seniority", "location", "preference",
           "language")

#: Hard rules, in the order they are reported.
RULES = ("role", "self", "anonymized", "avoid", "mutual", "ended", "history",
         "reporting_line", "language", "same_department", "trained", "seniority")

NEUTRAL = 0.5  # the value of a factor that cannot be measured (a side is missing the data)
SENIORITY_RAMP = 5.0  # classic/reverse: from 0.5 at the minimum gap to 1 this many years above
PEER_TOLERANCE = 2.0  # peer: 1 while seniorities are at most this many years apart
PEER_ZERO = 10.0  # peer: 0 from this many years apart
WORK_START, WORK_END = 9.0, 17.0  # local working hours compared for the location factor
WORK_HOURS = WORK_END - WORK_START
#: Time zone offsets are read at this fixed instant, so scores never depend on today's date
#: (northern winter: Paris is UTC+1, New York UTC-5, Sydney UTC+11).
REFERENCE_INSTANT = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)


# ---------------------------------------------------------------------------------- words

#: Every human text of pairing, in each cohort language (`cohort.language`): `why`, hard
#: rules, factor details, unmatched and withdrawn reasons, and what the commands print. `{c}`
#: is the language's colon, `{s}` its semicolon (French: no-break spaces, see
#: mentorcli.localize). Keys ending in `_one` / `_many` are the singular and plural of one
#: phrase. What the file itself says (`role: mentee`, `reporting_line: forbid`, rule codes,
#: ids, tags) is quoted as written, whatever the language.
PHRASES: dict[str, dict[str, str]] = {
    "en": {
        # hard rules
        "not_mentor": "{id} is not a mentor (role: {role})",
        "not_mentee": "{id} is not a mentee (role: {role})",
        "self": "the same person cannot mentor themselves",
        "anonymized": "{id}'s personal data was removed on {date}",
        "avoid": "{who} asked to avoid {other}",
        "mutual": "{mentee} already mentors {mentor} ({pair}){c}nobody is mentor and mentee "
                  "of the same person",
        "pair_proposed": "proposed pair", "pair_active": "active pair",
        "pair_ended": "ended pair",
        "ended": "their pair ended{when}{c}an ended pair is never proposed again",
        "ended_on": " on {date}",
        "history": "already paired in cohort {source} (--history)",
        "manager": "{boss} is {person}'s manager",
        "above": "{boss} is above {person} in the reporting line ({chain})",
        "spoken": "{mentor} speaks {mentor_languages}{s}{mentee} speaks {mentee_languages}",
        "same_department_rule": "both in department {department}",
        "untrained": "{id} has no training date",
        "compared": "{senior} has {experience} than {junior}",
        "compared_same": "{senior} and {junior} have the same experience",
        "needs_classic": "{compared}{s}a classic cohort needs at least {years} more",
        "needs_reverse": "{compared}{s}a reverse cohort needs the mentee at least {years} more",
        # factors
        "neutral": "{detail} (neutral {value})",
        "goals_missing": "{mentee} lists no goals",
        "goals_none": "covers none of {mentee}'s goals",
        "goals_all_one": "covers goals {goals}", "goals_all_many": "covers goals {goals}",
        "goals_some_one": "covers goals {goals} ({n} of {total})",
        "goals_some_many": "covers goals {goals} ({n} of {total})",
        "objectives_missing": "{id} lists no programme objectives",
        "objectives_one": "shares objective {objectives}",
        "objectives_many": "shares objectives {objectives}",
        "objectives_none": "no objective in common",
        "department_missing": "department not given",
        "department_same": "same department ({department})",
        "department_different": "different departments",
        "seniority_missing": "seniority not given",
        "experience_more": "{years} more experience",
        "experience_less": "{years} less experience",
        "experience_same": "the same experience",
        "mentee_has": "mentee has {experience}",
        "peer_same": "same seniority", "peer_apart": "{years} apart in seniority",
        "year_one": "year", "year_many": "years",
        "site_same": "same site ({site})", "site_missing": "site or time zone not given",
        "hours": "{hours} h of shared working hours", "hours_none": "no shared working hours",
        "asked_each_other": "asked for each other", "asked_for": "{who} asked for {other}",
        "asked_none": "no preference named",
        "languages_one": "speak {languages}", "languages_many": "speak {languages}",
        "no_language": "no language in common",
        "why_none": "no factor in favour",
        # lists
        "more": "{ids} and {n} more", "or": " or ",
        # unmatched and withdrawn
        "nobody_mentors": "nobody can mentor in this cohort (no role mentor or both)",
        "all_full": "every compatible mentor is full{c}{mentors}",
        "all_full_or_mentee": "every compatible mentor is full or their own mentee{c}{mentors}",
        "their_mentee": "{id} (their mentee)",
        "no_speaker": "no mentor speaks {languages}",
        "only_self": "the only possible mentor is themselves",
        "only_candidates": "only candidates are {group}{c}{mentors}",
        "no_compatible": "no compatible mentor{c}{detail}",
        "several_rules": "each breaks two or more rules (e.g. {id}{c}{rules})",
        "group_role": "not allowed by their role",
        "group_self": "themselves",
        "group_anonymized": "anonymized",
        "group_avoid": "on an avoid list",
        "group_mutual": "their own mentees",
        "group_ended": "former mentors (an ended pair is never proposed again)",
        "group_history": "already paired with them in an earlier cohort (--history)",
        "group_reporting_line": "in their reporting line",
        "group_language": "without a language in common",
        "group_same_department": "in their own department",
        "group_trained": "untrained mentors (trained_mentors_only: true)",
        "group_seniority": "too close in seniority (min_seniority_gap: {gap})",
        "new_proposal": "{mentee} has a new proposal",
        "is_unmatched": "{mentee} is unmatched{c}{reason}",
        "cannot_pair": "{mentee} cannot be paired",
        # what the commands print
        "col_mentor": "mentor", "col_mentee": "mentee", "col_score": "score", "col_why": "why",
        "col_factor": "factor", "col_value": "value", "col_weight": "weight",
        "col_contribution": "contribution", "col_detail": "detail",
        "withdrawn_line": "withdrawn{c}{mentor} -> {mentee} ({reason})",
        "unmatched_line": "unmatched{c}{mentee}{c}{reason}",
        "proposed_one": "proposed", "proposed_many": "proposed",
        "new_one": "new", "new_many": "new",
        "replaced_one": "replaced", "replaced_many": "replaced",
        "updated_one": "updated", "updated_many": "updated",
        "unchanged_one": "unchanged", "unchanged_many": "unchanged",
        "kept_one": "kept", "kept_many": "kept",
        "unmatched_one": "unmatched", "unmatched_many": "unmatched",
        "dry_run": "dry run{c}nothing written", "wrote": "wrote {file}",
        "file_unchanged": "{file} unchanged",
        "explain_score": "{mentor} -> {mentee}{c}score {score}",
        "explain_forbidden": "{mentor} -> {mentee}{c}forbidden",
        "would_score": "score if it were allowed{c}{score}",
        "why_is": "why{c}{why}",
        "note_full": "note{c}{mentor} has no free place ({used}/{capacity} used by locked or "
                     "active pairs)",
        "note_in_file": "note{c}{mentor} -> {mentee} is already in the file (status: "
                        "{status}{locked})",
        "note_mentee_kept": "note{c}{mentee} already has a mentor, so `pair` proposes nobody "
                            "else{c}{mentor} (status: {status}{locked})",
        "locked": ", locked",
    },
    "fr": {
        # règles
        "not_mentor": "{id} n'est pas mentor (role: {role})",
        "not_mentee": "{id} n'est pas mentoré·e (role: {role})",
        "self": "une personne ne peut pas être son propre mentor",
        "anonymized": "{id}{c}données personnelles supprimées le {date}",
        "avoid": "{who} a demandé à éviter {other}",
        "mutual": "{mentee} mentore déjà {mentor} ({pair}){c}personne n'est à la fois mentor "
                  "et mentoré·e d'une même personne",
        "pair_proposed": "binôme proposé", "pair_active": "binôme actif",
        "pair_ended": "binôme terminé",
        "ended": "leur binôme a pris fin{when}{c}un binôme terminé n'est jamais reproposé",
        "ended_on": " le {date}",
        "history": "déjà en binôme dans la cohorte {source} (--history)",
        "manager": "{person} rend compte directement à {boss}",
        "above": "{person} rend compte indirectement à {boss} ({chain})",
        "spoken": "{mentor} parle {mentor_languages}{s}{mentee} parle {mentee_languages}",
        "same_department_rule": "les deux sont au service {department}",
        "untrained": "{id} n'a pas de date de formation",
        "compared": "{senior} a {experience} par rapport à {junior}",
        "compared_same": "{senior} et {junior} ont la même expérience",
        "needs_classic": "{compared}{s}le mentorat classique demande au moins {years} "
                         "d'expérience en plus au mentor",
        "needs_reverse": "{compared}{s}le mentorat inversé demande au moins {years} "
                         "d'expérience en plus à la personne mentorée",
        # critères
        "neutral": "{detail} (neutre {value})",
        "goals_missing": "{mentee} n'indique aucun objectif",
        "goals_none": "aucun objectif couvert",
        "goals_all_one": "objectif couvert{c}{goals}",
        "goals_all_many": "objectifs couverts{c}{goals}",
        "goals_some_one": "objectif couvert{c}{goals} ({n} sur {total})",
        "goals_some_many": "objectifs couverts{c}{goals} ({n} sur {total})",
        "objectives_missing": "{id} n'indique aucun objectif du programme",
        "objectives_one": "objectif du programme en commun{c}{objectives}",
        "objectives_many": "objectifs du programme en commun{c}{objectives}",
        "objectives_none": "aucun objectif du programme en commun",
        "department_missing": "service non renseigné",
        "department_same": "même service ({department})",
        "department_different": "services différents",
        "seniority_missing": "expérience non renseignée",
        "experience_more": "{years} d'expérience en plus",
        "experience_less": "{years} d'expérience en moins",
        "experience_same": "la même expérience",
        "mentee_has": "la personne mentorée a {experience}",
        "peer_same": "même expérience", "peer_apart": "{years} d'écart d'expérience",
        "year_one": "an", "year_many": "ans",
        "site_same": "même site ({site})",
        "site_missing": "site ou fuseau horaire non renseigné",
        "hours": "{hours}" + NBSP + "h de travail en commun",
        "hours_none": "aucune heure de travail en commun",
        "asked_each_other": "choix réciproque", "asked_for": "{who} a demandé {other}",
        "asked_none": "aucune préférence exprimée",
        "languages_one": "langue commune{c}{languages}",
        "languages_many": "langues communes{c}{languages}",
        "no_language": "aucune langue commune",
        "why_none": "aucun critère favorable",
        # listes
        "more": "{ids} et {n} autres", "or": " ou ",
        # sans mentor, retraits
        "nobody_mentors": "personne ne peut être mentor dans cette cohorte (aucun role mentor "
                          "ou both)",
        "all_full": "tous les mentors compatibles sont complets{c}{mentors}",
        "all_full_or_mentee": "tous les mentors compatibles sont complets ou déjà en binôme "
                              "avec cette personne{c}{mentors}",
        "their_mentee": "{id} (son binôme)",
        "no_speaker": "aucun mentor ne parle {languages}",
        "only_self": "seul mentor possible{c}la personne elle-même",
        "only_candidates": "seuls candidats {group}{c}{mentors}",
        "no_compatible": "aucun mentor compatible{c}{detail}",
        "several_rules": "chacun enfreint au moins deux règles (par ex. {id}{c}{rules})",
        "group_role": "exclus par leur rôle",
        "group_self": "qui sont la personne elle-même",
        "group_anonymized": "anonymisés",
        "group_avoid": "à éviter (avoid)",
        "group_mutual": "parmi ses propres mentoré·es",
        "group_ended": "parmi ses anciens mentors (un binôme terminé n'est jamais reproposé)",
        "group_history": "déjà en binôme avec cette personne dans une cohorte précédente "
                         "(--history)",
        "group_reporting_line": "dans sa ligne hiérarchique",
        "group_language": "sans langue commune",
        "group_same_department": "dans son propre service",
        "group_trained": "non formés (trained_mentors_only: true)",
        "group_seniority": "trop proches en expérience (min_seniority_gap: {gap})",
        "new_proposal": "{mentee} a une nouvelle proposition",
        "is_unmatched": "{mentee} reste sans mentor{c}{reason}",
        "cannot_pair": "{mentee} ne peut plus être en binôme",
        # ce qu'affichent les commandes
        "col_mentor": "mentor", "col_mentee": "mentoré·e", "col_score": "score",
        "col_why": "pourquoi", "col_factor": "critère", "col_value": "valeur",
        "col_weight": "poids", "col_contribution": "contribution", "col_detail": "détail",
        "withdrawn_line": "retiré{c}{mentor} -> {mentee} ({reason})",
        "unmatched_line": "sans mentor{c}{mentee}{c}{reason}",
        "proposed_one": "binôme proposé", "proposed_many": "binômes proposés",
        "new_one": "nouveau", "new_many": "nouveaux",
        "replaced_one": "remplacé", "replaced_many": "remplacés",
        "updated_one": "mis à jour", "updated_many": "mis à jour",
        "unchanged_one": "inchangé", "unchanged_many": "inchangés",
        "kept_one": "conservé", "kept_many": "conservés",
        "unmatched_one": "sans mentor", "unmatched_many": "sans mentor",
        "dry_run": "simulation{c}rien n'a été écrit", "wrote": "fichier écrit{c}{file}",
        "file_unchanged": "fichier inchangé{c}{file}",
        "explain_score": "{mentor} -> {mentee}{c}score {score}",
        "explain_forbidden": "{mentor} -> {mentee}{c}interdit",
        "would_score": "score si le binôme était autorisé{c}{score}",
        "why_is": "pourquoi{c}{why}",
        "note_full": "remarque{c}{mentor} n'a plus de place libre ({used}/{capacity} prises "
                     "par des binômes verrouillés ou actifs)",
        "note_in_file": "remarque{c}{mentor} -> {mentee} figure déjà dans le fichier (status: "
                        "{status}{locked})",
        "note_mentee_kept": "remarque{c}{mentee} a déjà un mentor, `pair` ne lui en propose "
                            "donc aucun autre{c}{mentor} (status: {status}{locked})",
        "locked": ", locked: true",
    },
}


class Words:
    """The human texts of pairing in one language: PHRASES filled in, with the numbers,
    plurals, dates and punctuation of mentorcli.localize."""

    def __init__(self, language: str | None) -> None:
        self.language = language_of(language)
        self.phrases = PHRASES[self.language]
        self.marks = {"c": colon(self.language), "s": semicolon(self.language)}

    def __call__(self, key: str, **values: Any) -> str:
        """The phrase `key` with `values` filled in."""
        return self.phrases[key].format(**self.marks, **values)

    def agreeing(self, count: float, key: str, **values: Any) -> str:
        """The phrase `key_one` or `key_many`, whichever agrees with `count`."""
        return self(f"{key}_{'many' if is_plural(count, self.language) else 'one'}", **values)

    def counted(self, count: float, key: str) -> str:
        """'3 proposed' / '3 binômes proposés': the number and the agreeing phrase `key`."""
        return f"{format_number(count, self.language)} {self.agreeing(count, key)}"

    def number(self, value: float) -> str:
        """0.5 -> '0.5' / '0,5'."""
        return format_number(value, self.language)

    def fixed(self, value: float, spec: str = ".2f") -> str:
        """A table cell: 0.5 -> '0.50' / '0,50'."""
        return format_fixed(value, spec, self.language)

    def years(self, value: float) -> str:
        """'1 year', '2.5 years' / '1 an', '2,5 ans' (the size of a gap: no sign)."""
        return self.counted(abs(value), "year")

    def date(self, day: dt.date) -> str:
        """A date in a reason: ISO in English (as the file writes it), in words in French."""
        return format_date(day, "fr") if self.language == "fr" else day.isoformat()

    def labelled(self, label: str, value: str) -> str:
        """'label: value' / 'label : value'."""
        return f"{label}{self.marks['c']}{value}"

    def join(self, parts: Iterable[str]) -> str:
        """Clauses joined by the language's semicolon."""
        return self.marks["s"].join(parts)

    def ids(self, ids: Sequence[str], limit: int = 6) -> str:
        """'a, b, c' or 'a, b and 4 more' / 'a, b et 4 autres'."""
        shown = ", ".join(ids[:limit])
        return self("more", ids=shown, n=len(ids) - limit) if len(ids) > limit else shown


# ----------------------------------------------------------------------------- pair classes


@dataclass(frozen=True)
class PairClasses:
    """How `pair` treats each entry of `pairs:` (indices into `model.pairs`).

    kept: locked or active (not ended) pairs, and unlocked proposals of a mentee who already
    has a kept pair: never changed, they use their mentor's capacity.
    ended: `status: ended`: the mentee is free again, never with that mentor.
    replaceable: unlocked proposals of a mentee without a kept pair: `pair` decides again.
    """

    kept: tuple[int, ...]
    ended: tuple[int, ...]
    replaceable: tuple[int, ...]
    taken: frozenset[str]  # mentees who have a kept pair


def classify_pairs(model: CohortFile) -> PairClasses:
    """Sort the file's pairs into kept, ended and replaceable (see PairClasses)."""
    kept, ended, proposals = [], [], []
    for index, pair in enumerate(model.pairs):
        if pair.status == "ended":
            ended.append(index)
        elif pair.locked or pair.status == "active":
            kept.append(index)
        else:
            proposals.append(index)
    taken = frozenset(model.pairs[i].mentee for i in kept)
    replaceable = []
    for index in proposals:
        (kept if model.pairs[index].mentee in taken else replaceable).append(index)
    return PairClasses(tuple(sorted(kept)), tuple(ended), tuple(replaceable), taken)


# --------------------------------------------------------------------------------- history


@dataclass(frozen=True)
class HistoryPair:
    """A mentor-mentee pair found in an earlier cohort file (`--history`)."""

    mentor: str
    mentee: str
    mentor_email: str | None
    mentee_email: str | None
    source: str  # the earlier cohort's id


def history_pairs(models: Iterable[CohortFile]) -> list[HistoryPair]:
    """Every pair listed in earlier cohort files, whatever its status."""
    found = []
    for model in models:
        people = model.people()
        for pair in model.pairs:
            mentor, mentee = people.get(pair.mentor), people.get(pair.mentee)
            found.append(HistoryPair(
                pair.mentor, pair.mentee,
                mentor.email.casefold() if mentor else None,
                mentee.email.casefold() if mentee else None,
                model.cohort.id,
            ))
    return found


# --------------------------------------------------------------------------------- context


def _comparison_key(text: str | None) -> str | None:
    """Comparison key of a department or site; None when not given."""
    if text is None:
        return None
    key = normalize_tag(text)
    return key or None


def _utc_offset_hours(zone: str | None, cache: dict[str, float]) -> float:
    if zone is None:
        return math.nan
    if zone not in cache:
        from zoneinfo import ZoneInfo

        offset = ZoneInfo(zone).utcoffset(REFERENCE_INSTANT)
        cache[zone] = offset.total_seconds() / 3600 if offset is not None else math.nan
    return cache[zone]


class PairingContext:
    """A cohort encoded for pairing: one slot per participant (sorted by id), as arrays.

    Build it once per cohort (with the `--history` pairs, never proposed again); every matrix
    and every explanation reads it.
    """

    def __init__(self, model: CohortFile, history: Sequence[HistoryPair] = ()) -> None:
        import numpy as np

        self.model = model
        self.words = Words(model.cohort.language)  # every text in the cohort language
        self.rules = model.matching.rules
        self.kind = model.cohort.kind
        self.classes = classify_pairs(model)
        self.people: list[Participant] = sorted(model.participants, key=lambda p: p.id)
        self.ids = [p.id for p in self.people]
        self.index = {pid: k for k, pid in enumerate(self.ids)}
        people = self.people
        count = len(people)
        language = model.cohort.language

        def flags(values: Iterable[bool]) -> np.ndarray:
            return np.fromiter(values, dtype=bool, count=count)

        self.can_mentor = flags(p.can_mentor for p in people)
        self.can_be_mentored = flags(p.can_be_mentored for p in people)
        self.anonymized = flags(p.anonymized is not None for p in people)
        self.trained = flags(p.trained is not None for p in people)
        self.capacity = np.fromiter((p.capacity for p in people), dtype=np.int64, count=count)
        self.seniority = np.fromiter(
            (math.nan if p.seniority is None else float(p.seniority) for p in people),
            dtype=np.float64, count=count)

        self.dept = _category_codes(_comparison_key(p.department) for p in people)
        self.site = _category_codes(_comparison_key(p.location) for p in people)
        zones: dict[str, float] = {}
        self.tz_offset = np.fromiter(
            (_utc_offset_hours(p.timezone, zones) for p in people), dtype=np.float64,
            count=count)

        # Tags as sets (for words) and as indicator matrices (for the vectorised scores).
        self.skills = [frozenset(normalize_tag(t) for t in p.skills) - {""} for p in people]
        self.goals = [frozenset(normalize_tag(t) for t in p.goals) - {""} for p in people]
        self.objectives = [frozenset(p.objectives) for p in people]
        self.languages = [frozenset(normalize_tag(t) for t in p.speaks(language)) - {""}
                          for p in people]
        offered = frozenset().union(*self.skills) if people else frozenset()
        wanted = frozenset().union(*self.goals) if people else frozenset()
        goal_vocab = sorted(offered & wanted)  # other tags can never be covered
        self.skill_ind = _indicator_matrix(self.skills, goal_vocab)
        self.goal_ind = _indicator_matrix(self.goals, goal_vocab)
        self.goal_count = np.fromiter((len(g) for g in self.goals), np.float32, count)
        objective_vocab = sorted(frozenset().union(*self.objectives)) if people else []
        self.objective_ind = _indicator_matrix(self.objectives, objective_vocab)
        self.objective_count = np.fromiter((len(o) for o in self.objectives), np.float32,
                                           count)
        language_vocab = sorted(frozenset().union(*self.languages)) if people else []
        self.language_ind = _indicator_matrix(self.languages, language_vocab)

        # Reporting lines: each person's chain of managers (ids, nearest first).
        self.chains = _manager_chains(model)
        self.reporting_rel = _relation(_both_ways(
            (self.index[boss], k) for k, person in enumerate(people)
            for boss in self.chains.get(person.id, ()) if boss in self.index))

        def named(attr: str) -> tuple[np.ndarray, np.ndarray]:
            """Either person lists the other in `attr` (avoid, prefer)."""
            return _relation(_both_ways(
                (k, self.index[other]) for k, person in enumerate(people)
                for other in getattr(person, attr)
                if other in self.index and self.index[other] != k))

        self.avoid_rel = named("avoid")
        self.prefer_rel = named("prefer")

        # Directed (mentor, mentee) pairs that may not be proposed.
        pairs = model.pairs
        self.ended_pairs: dict[tuple[int, int], Pair] = {}
        for i in self.classes.ended:
            key = self._pair_key(pairs[i].mentor, pairs[i].mentee)
            if key is not None:
                self.ended_pairs[key] = pairs[i]
        self.mutual_pairs: dict[tuple[int, int], Pair] = {}
        for i in self.classes.kept:  # B -> A kept forbids A -> B
            key = self._pair_key(pairs[i].mentee, pairs[i].mentor)
            if key is not None:
                self.mutual_pairs[key] = pairs[i]
        # Earlier cohorts: the two people, recognised by id or email, either way round.
        self.history_pairs: dict[tuple[int, int], HistoryPair] = {}
        by_email = {p.email.casefold(): k for k, p in enumerate(people)}
        for old in history:
            firsts = {self.index.get(old.mentor), by_email.get(old.mentor_email or "")}
            seconds = {self.index.get(old.mentee), by_email.get(old.mentee_email or "")}
            for a in firsts - {None}:
                for b in seconds - {None}:
                    self.history_pairs.setdefault((a, b), old)  # type: ignore[index]
                    self.history_pairs.setdefault((b, a), old)  # type: ignore[index]
        self.ended_rel = _relation(self.ended_pairs)
        self.mutual_rel = _relation(self.mutual_pairs)
        self.history_rel = _relation(self.history_pairs)

        # Capacity used by kept pairs.
        used = np.zeros(count, dtype=np.int64)
        for i in self.classes.kept:
            k = self.index.get(pairs[i].mentor)
            if k is not None:
                used[k] += 1
        self.kept_used = used

        self.weights = effective_weights(model)
        self.total_weight = sum(self.weights.values())

    def _pair_key(self, mentor: str, mentee: str) -> tuple[int, int] | None:
        m, e = self.index.get(mentor), self.index.get(mentee)
        return None if m is None or e is None else (m, e)

    # ---- selections
    def mentor_slots(self) -> np.ndarray:
        """Participant slots of everyone who may mentor (role mentor or both), by id."""
        import numpy as np

        return np.flatnonzero(self.can_mentor)

    def mentee_slots(self) -> np.ndarray:
        """Participant slots of everyone who may be mentored (role mentee or both), by id."""
        import numpy as np

        return np.flatnonzero(self.can_be_mentored)

    def slot(self, pid: str) -> int:
        """The slot of participant `pid`; UsageError (with a suggestion) if there is none."""
        try:
            return self.index[pid]
        except KeyError:
            close = difflib.get_close_matches(pid, self.ids, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise UsageError(f"no participant {pid!r} in cohort "
                             f"{self.model.cohort.id}{hint}") from None


def _category_codes(keys: Iterable[str | None]) -> np.ndarray:
    """One integer per key, equal for equal keys; -1 for None."""
    import numpy as np

    table: dict[str, int] = {}
    return np.fromiter((-1 if k is None else table.setdefault(k, len(table)) for k in keys),
                       dtype=np.int64)


def _indicator_matrix(sets: list[frozenset[str]], vocab: list[str]) -> np.ndarray:
    """(len(sets), len(vocab)) float32: 1 where the set holds the tag."""
    import numpy as np

    position = {tag: n for n, tag in enumerate(vocab)}
    matrix = np.zeros((len(sets), len(vocab)), dtype=np.float32)
    for row, tags in enumerate(sets):
        for tag in tags:
            col = position.get(tag)
            if col is not None:
                matrix[row, col] = 1.0
    return matrix


def _relation(pairs: Iterable[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """(row slots, column slots) of a set of (slot, slot) pairs, for `_mask_of`."""
    import numpy as np

    flat = np.fromiter((k for pair in pairs for k in pair), dtype=np.int64)
    return flat[0::2], flat[1::2]


def _both_ways(pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every pair, and the same pair the other way round."""
    out = []
    for a, b in pairs:
        out += [(a, b), (b, a)]
    return out


def _manager_chains(model: CohortFile) -> dict[str, list[str]]:
    """Each participant's managers, nearest first, following `manager` and then `org`."""
    managers: dict[str, str | None] = dict(model.org)
    for person in model.participants:
        if person.manager is not None or person.id not in managers:
            managers[person.id] = person.manager
    chains: dict[str, list[str]] = {}

    def chain(pid: str) -> list[str]:
        if pid in chains:
            return chains[pid]
        path: list[str] = []
        seen = {pid}
        current = managers.get(pid)
        while current is not None and current not in seen:
            if current in chains:  # reuse a chain already followed
                path.append(current)
                path.extend(c for c in chains[current] if c not in seen)
                break
            path.append(current)
            seen.add(current)
            current = managers.get(current)
        chains[pid] = path
        return path

    return {p.id: chain(p.id) for p in model.participants}


# --------------------------------------------------------------------------------- weights


def effective_weights(model: CohortFile) -> dict[str, float]:
    """The weight of each factor that counts in this cohort.

    `language` counts only with `common_language: prefer`. With `same_department: avoid` the
    department weight is raised to the sum of the other weights (when smaller), so a pair
    inside one department scores at most 0.5 and any pair across departments at least 0.5.
    """
    w = model.matching.weights
    rules = model.matching.rules
    weights = {name: float(getattr(w, name)) for name in FACTORS if name != "language"}
    if rules.common_language == "prefer":
        weights["language"] = float(w.language)
    if rules.same_department == "avoid":
        others = sum(v for k, v in weights.items() if k != "department")
        weights["department"] = max(weights["department"], others)
    return weights


# ----------------------------------------------------------------- matrices (vectorised)


def _mask_of(relation: tuple[np.ndarray, np.ndarray], rows: np.ndarray, cols: np.ndarray,
             size: int) -> np.ndarray:
    """Boolean (len(rows), len(cols)) matrix: True where (row, col) is in `relation`."""
    import numpy as np

    a, b = relation
    mask = np.zeros((len(rows), len(cols)), dtype=bool)
    if len(a) == 0 or mask.size == 0:
        return mask
    pos_r = np.full(size, -1, dtype=np.int64)
    pos_c = np.full(size, -1, dtype=np.int64)
    pos_r[rows] = np.arange(len(rows))
    pos_c[cols] = np.arange(len(cols))
    r, c = pos_r[a], pos_c[b]
    hit = (r >= 0) & (c >= 0)
    mask[r[hit], c[hit]] = True
    return mask


def rule_violations(ctx: PairingContext, rows: np.ndarray, cols: np.ndarray
                    ) -> dict[str, np.ndarray]:
    """One boolean matrix per hard rule in force: True where it forbids (mentor, mentee).

    `rows` are the slots of the would-be mentors, `cols` of the would-be mentees. Capacity is
    not here: it depends on the other pairs (the solver applies it).
    """
    import numpy as np

    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    shape = (len(rows), len(cols))
    size = len(ctx.people)
    R, C = rows[:, None], cols[None, :]
    rules = ctx.rules
    out: dict[str, np.ndarray] = {
        "role": ~ctx.can_mentor[R] | ~ctx.can_be_mentored[C],
        "self": R == C,
        "anonymized": ctx.anonymized[R] | ctx.anonymized[C],
        "avoid": _mask_of(ctx.avoid_rel, rows, cols, size),
        "mutual": _mask_of(ctx.mutual_rel, rows, cols, size),
        "ended": _mask_of(ctx.ended_rel, rows, cols, size),
        "history": _mask_of(ctx.history_rel, rows, cols, size),
    }
    if rules.reporting_line == "forbid":
        out["reporting_line"] = _mask_of(ctx.reporting_rel, rows, cols, size)
    if rules.common_language == "require":
        common = ctx.language_ind[rows] @ ctx.language_ind[cols].T
        out["language"] = common < 0.5
    if rules.same_department == "forbid":
        d_r, d_c = ctx.dept[R], ctx.dept[C]
        out["same_department"] = (d_r == d_c) & (d_r >= 0)
    if rules.trained_mentors_only:
        out["trained"] = ~ctx.trained[R]
    if ctx.kind != "peer":
        gap = _seniority_gap(ctx, R, C)
        with np.errstate(invalid="ignore"):
            out["seniority"] = gap < rules.min_seniority_gap - 1e-9  # unknown (nan): passes
    return {k: np.broadcast_to(v, shape) for k, v in out.items()}


def forbidden_mask(ctx: PairingContext, rows: np.ndarray, cols: np.ndarray,
                   violations: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """True where at least one hard rule forbids the pair (from `violations` if given)."""
    import numpy as np

    mask = np.zeros((len(rows), len(cols)), dtype=bool)
    for violation in (violations or rule_violations(ctx, rows, cols)).values():
        mask |= violation
    return mask


def _seniority_gap(ctx: PairingContext, R: Any, C: Any) -> Any:
    """Seniority gap in the cohort's wanted direction (classic: mentor minus mentee)."""
    s = ctx.seniority
    return s[C] - s[R] if ctx.kind == "reverse" else s[R] - s[C]


def seniority_value(kind: str, gap: Any, min_gap: float) -> Any:
    """The seniority factor for a gap (works on numbers and numpy arrays; nan -> 0.5).

    classic / reverse (gap in the wanted direction): 0.5 at `min_gap`, rising linearly to 1 at
    `min_gap` + 5 years and staying 1 above; falling linearly to 0 at `min_gap` - 5 years.
    peer (gap = difference either way): 1 up to 2 years apart, falling linearly to 0 at 10.
    """
    import numpy as np

    gap = np.asarray(gap, dtype=np.float64)
    if kind == "peer":
        value = 1.0 - np.maximum(np.abs(gap) - PEER_TOLERANCE, 0.0) / (PEER_ZERO - PEER_TOLERANCE)
    else:
        value = 0.5 + 0.5 * (gap - min_gap) / SENIORITY_RAMP
    value = np.clip(value, 0.0, 1.0)
    return np.where(np.isnan(gap), NEUTRAL, value)


def overlap_hours(offset_a: Any, offset_b: Any) -> Any:
    """Hours both people are inside their 9:00-17:00 at once, from UTC offsets in hours.

    Works on numbers and numpy arrays; a day boundary is allowed for (Sydney's morning is
    Europe's evening of the day before), so the result is the best of the three alignments.
    """
    import numpy as np

    a = np.asarray(offset_a, dtype=np.float64)
    b = np.asarray(offset_b, dtype=np.float64)
    best = np.zeros(np.broadcast(a, b).shape)
    for shift in (-24.0, 0.0, 24.0):
        start = np.maximum(WORK_START - a, WORK_START - b + shift)
        end = np.minimum(WORK_END - a, WORK_END - b + shift)
        best = np.maximum(best, end - start)
    return best


def factor_values(ctx: PairingContext, rows: np.ndarray, cols: np.ndarray
                  ) -> dict[str, np.ndarray]:
    """One float32 matrix per factor that counts (see `effective_weights`), each 0 to 1."""
    import numpy as np

    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    shape = (len(rows), len(cols))
    size = len(ctx.people)
    R, C = rows[:, None], cols[None, :]
    out: dict[str, np.ndarray] = {}
    f32 = np.float32

    # goals: share of the mentee's goals that the mentor's skills cover
    covered = ctx.skill_ind[rows] @ ctx.goal_ind[cols].T
    wanted = ctx.goal_count[cols][None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        out["goals"] = np.where(wanted > 0, covered / np.maximum(wanted, 1), f32(NEUTRAL))

    # objectives: share of the mentee's objectives the mentor also joins for
    common = ctx.objective_ind[rows] @ ctx.objective_ind[cols].T
    mine = ctx.objective_count[cols][None, :]
    theirs = ctx.objective_count[rows][:, None]
    out["objectives"] = np.where((mine > 0) & (theirs > 0), common / np.maximum(mine, 1),
                                 f32(NEUTRAL))

    # department: different 1, same 0, unknown 0.5
    d_r, d_c = ctx.dept[R], ctx.dept[C]
    out["department"] = np.where((d_r < 0) | (d_c < 0), f32(NEUTRAL),
                                 (d_r != d_c).astype(f32))

    # seniority: the curve of the cohort kind
    out["seniority"] = seniority_value(
        ctx.kind, _seniority_gap(ctx, R, C), ctx.rules.min_seniority_gap).astype(f32)

    # location: same site 1, else shared working hours / 8, else 0.5
    s_r, s_c = ctx.site[R], ctx.site[C]
    same_site = (s_r == s_c) & (s_r >= 0)
    o_r, o_c = ctx.tz_offset[R], ctx.tz_offset[C]
    hours = overlap_hours(o_r, o_c)
    known = ~(np.isnan(o_r) | np.isnan(o_c))
    out["location"] = np.where(same_site, f32(1.0),
                               np.where(known, hours / WORK_HOURS, NEUTRAL)).astype(f32)

    # preference: either named the other in `prefer`
    out["preference"] = _mask_of(ctx.prefer_rel, rows, cols, size).astype(f32)

    if "language" in ctx.weights:
        shared = ctx.language_ind[rows] @ ctx.language_ind[cols].T
        out["language"] = (shared > 0.5).astype(f32)

    return {k: np.broadcast_to(np.asarray(v, dtype=f32), shape)
            for k, v in out.items() if k in ctx.weights}


def score_values(ctx: PairingContext, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The weighted mean of the factors (float32, 0 to 1), hard rules ignored."""
    import numpy as np

    total = np.zeros((len(rows), len(cols)), dtype=np.float32)
    if ctx.total_weight <= 0:
        return total
    for name, value in factor_values(ctx, rows, cols).items():
        weight = ctx.weights[name]
        if weight:
            total += np.float32(weight / ctx.total_weight) * value
    np.clip(total, 0.0, 1.0, out=total)
    return total


def score_matrix(ctx: PairingContext, rows: np.ndarray | None = None,
                 cols: np.ndarray | None = None) -> np.ndarray:
    """Scores of mentors `rows` x mentees `cols` (default: everyone who may), float32, with
    NaN where a hard rule forbids the pair. Computed by blocks of mentees to bound memory."""
    import numpy as np

    rows = ctx.mentor_slots() if rows is None else np.asarray(rows, dtype=np.int64)
    cols = ctx.mentee_slots() if cols is None else np.asarray(cols, dtype=np.int64)
    result = np.empty((len(rows), len(cols)), dtype=np.float32)
    step = max(1, BLOCK_CELLS // max(1, len(rows)))
    for start in range(0, len(cols), step):
        block = cols[start:start + step]
        scores = score_values(ctx, rows, block)
        scores[forbidden_mask(ctx, rows, block)] = np.nan
        result[:, start:start + len(block)] = scores
    return result


def score_table(model: CohortFile) -> dict[str, Any]:
    """The data of `scores`: {"mentors": [ids], "mentees": [ids], "scores": [[score or None]]}.

    One row per mentor and one column per mentee (both by id), scores rounded to 4 decimals,
    None where a hard rule forbids the pair. Capacity is not applied (it depends on the other
    pairs), so full mentors still get scores.
    """
    ctx = PairingContext(model)
    mentors, mentees = ctx.mentor_slots(), ctx.mentee_slots()
    matrix = score_matrix(ctx, mentors, mentees).astype(float).round(4).tolist()
    return {"mentors": [ctx.ids[k] for k in mentors],
            "mentees": [ctx.ids[k] for k in mentees],
            "scores": [[None if math.isnan(v) else v for v in row] for row in matrix]}


# ------------------------------------------------------------------ one pair, in words


@dataclass(frozen=True)
class Rule:
    """A hard rule that forbids a pair, and the reason in words."""

    code: str
    reason: str


@dataclass(frozen=True)
class Factor:
    """One soft factor of a pair's score."""

    name: str
    value: float
    weight: float
    contribution: float  # weight * value / total weight: the contributions sum to the score
    detail: str
    known: bool = True  # False when a side is missing the data (value 0.5)


def _chain_words(ctx: PairingContext, boss: str, person: str) -> str | None:
    chain = ctx.chains.get(person, [])
    if boss not in chain:
        return None
    steps = chain[:chain.index(boss) + 1]
    if len(steps) == 1:
        return ctx.words("manager", boss=boss, person=person)
    return ctx.words("above", boss=boss, person=person, chain=" -> ".join([person, *steps]))


def pair_rules(ctx: PairingContext, mentor: str, mentee: str) -> list[Rule]:
    """Every hard rule that forbids `mentor` -> `mentee`, with the reason in words."""
    m_slot, e_slot = ctx.slot(mentor), ctx.slot(mentee)
    m, e = ctx.people[m_slot], ctx.people[e_slot]
    rules, w = ctx.rules, ctx.words
    found: list[Rule] = []
    if not m.can_mentor:
        found.append(Rule("role", w("not_mentor", id=mentor, role=m.role)))
    if not e.can_be_mentored:
        found.append(Rule("role", w("not_mentee", id=mentee, role=e.role)))
    if m_slot == e_slot:
        found.append(Rule("self", w("self")))
    for person in (m, e):
        if person.anonymized is not None:
            found.append(Rule("anonymized", w("anonymized", id=person.id,
                                              date=w.date(person.anonymized))))
    if m_slot != e_slot:
        if mentor in e.avoid:
            found.append(Rule("avoid", w("avoid", who=mentee, other=mentor)))
        if mentee in m.avoid:
            found.append(Rule("avoid", w("avoid", who=mentor, other=mentee)))
    if (m_slot, e_slot) in ctx.mutual_pairs:
        old = ctx.mutual_pairs[(m_slot, e_slot)]
        found.append(Rule("mutual", w("mutual", mentee=mentee, mentor=mentor,
                                      pair=w(f"pair_{old.status}"))))
    if (m_slot, e_slot) in ctx.ended_pairs:
        old = ctx.ended_pairs[(m_slot, e_slot)]
        when = w("ended_on", date=w.date(old.ended)) if old.ended else ""
        found.append(Rule("ended", w("ended", when=when)))
    if (m_slot, e_slot) in ctx.history_pairs:
        old_pair = ctx.history_pairs[(m_slot, e_slot)]
        found.append(Rule("history", w("history", source=old_pair.source)))
    if rules.reporting_line == "forbid" and m_slot != e_slot:
        words = _chain_words(ctx, mentor, mentee) or _chain_words(ctx, mentee, mentor)
        if words:
            found.append(Rule("reporting_line", f"{words} (reporting_line: forbid)"))
    if rules.common_language == "require" and not (ctx.languages[m_slot]
                                                   & ctx.languages[e_slot]):
        language = ctx.model.cohort.language
        spoken = w("spoken", mentor=mentor, mentee=mentee,
                   mentor_languages=", ".join(m.speaks(language)),
                   mentee_languages=", ".join(e.speaks(language)))
        found.append(Rule("language", f"{w('no_language')} ({spoken})"))
    if rules.same_department == "forbid" and ctx.dept[m_slot] >= 0 \
            and ctx.dept[m_slot] == ctx.dept[e_slot]:
        found.append(Rule("same_department", w("same_department_rule",
                                               department=m.department)
                          + " (same_department: forbid)"))
    if rules.trained_mentors_only and m.trained is None:
        found.append(Rule("trained", w("untrained", id=mentor)
                          + " (trained_mentors_only: true)"))
    if ctx.kind != "peer" and m.seniority is not None and e.seniority is not None:
        gap = float(_seniority_gap(ctx, m_slot, e_slot))
        if gap < rules.min_seniority_gap - 1e-9:
            # classic: the mentor should have more experience; reverse: the mentee
            senior, junior = (mentor, mentee) if ctx.kind == "classic" else (mentee, mentor)
            compared = (w("compared_same", senior=senior, junior=junior) if gap == 0 else
                        w("compared", senior=senior, junior=junior,
                          experience=_experience_gap(w, gap)))
            found.append(Rule("seniority", w(f"needs_{ctx.kind}", compared=compared,
                                             years=w.years(rules.min_seniority_gap))))
    return found


def _experience_gap(w: Words, gap: float) -> str:
    """'3 years more experience', '2 years less experience' or 'the same experience'."""
    if gap == 0:
        return w("experience_same")
    return w("experience_more" if gap > 0 else "experience_less", years=w.years(gap))


def pair_factors(ctx: PairingContext, mentor: str, mentee: str) -> list[Factor]:
    """The factors of `mentor` -> `mentee` with their value, weight, contribution and words."""
    m_slot, e_slot = ctx.slot(mentor), ctx.slot(mentee)
    m, e = ctx.people[m_slot], ctx.people[e_slot]
    w = ctx.words
    values: dict[str, tuple[float, str]] = {}  # factor -> (value, words)
    missing: set[str] = set()  # factors a side has no data for

    def unknown(name: str, words: str) -> None:
        values[name] = (NEUTRAL, w("neutral", detail=words, value=w.number(NEUTRAL)))
        missing.add(name)

    # goals
    goals_keys = ctx.goals[e_slot]
    if not goals_keys:
        unknown("goals", w("goals_missing", mentee=mentee))
    else:
        covered = goals_keys & ctx.skills[m_slot]
        texts = ", ".join(_as_written(e.goals, covered))
        if not covered:
            values["goals"] = (0.0, w("goals_none", mentee=mentee))
        elif len(covered) == len(goals_keys):
            values["goals"] = (1.0, w.agreeing(len(covered), "goals_all", goals=texts))
        else:
            values["goals"] = (len(covered) / len(goals_keys),
                               w.agreeing(len(covered), "goals_some", goals=texts,
                                          n=len(covered), total=len(goals_keys)))

    # objectives
    mine, theirs = ctx.objectives[e_slot], ctx.objectives[m_slot]
    if not mine or not theirs:
        unknown("objectives", w("objectives_missing", id=mentee if not mine else mentor))
    else:
        common = sorted(mine & theirs)
        values["objectives"] = (len(common) / len(mine),
                                w.agreeing(len(common), "objectives",
                                           objectives=", ".join(common))
                                if common else w("objectives_none"))

    # department
    if ctx.dept[m_slot] < 0 or ctx.dept[e_slot] < 0:
        unknown("department", w("department_missing"))
    elif ctx.dept[m_slot] == ctx.dept[e_slot]:
        values["department"] = (0.0, w("department_same", department=e.department))
    else:
        values["department"] = (1.0, w("department_different"))

    # seniority
    rules = ctx.rules
    if m.seniority is None or e.seniority is None:
        unknown("seniority", w("seniority_missing"))
    else:
        gap = float(_seniority_gap(ctx, m_slot, e_slot))
        value = float(seniority_value(ctx.kind, gap, rules.min_seniority_gap))
        if ctx.kind == "peer":
            words = (w("peer_same") if gap == 0 else w("peer_apart", years=w.years(gap)))
        elif ctx.kind == "classic":
            words = _experience_gap(w, gap)
        else:
            words = w("mentee_has", experience=_experience_gap(w, gap))
        values["seniority"] = (value, words)

    # location
    if ctx.site[m_slot] >= 0 and ctx.site[m_slot] == ctx.site[e_slot]:
        values["location"] = (1.0, w("site_same", site=e.location))
    elif math.isnan(ctx.tz_offset[m_slot]) or math.isnan(ctx.tz_offset[e_slot]):
        unknown("location", w("site_missing"))
    else:
        hours = float(overlap_hours(ctx.tz_offset[m_slot], ctx.tz_offset[e_slot]))
        hours = max(hours, 0.0)
        values["location"] = (hours / WORK_HOURS,
                              w("hours", hours=w.number(hours)) if hours
                              else w("hours_none"))

    # preference
    asked_by_mentee = mentor in e.prefer
    asked_by_mentor = mentee in m.prefer
    if asked_by_mentee and asked_by_mentor:
        values["preference"] = (1.0, w("asked_each_other"))
    elif asked_by_mentee:
        values["preference"] = (1.0, w("asked_for", who=mentee, other=mentor))
    elif asked_by_mentor:
        values["preference"] = (1.0, w("asked_for", who=mentor, other=mentee))
    else:
        values["preference"] = (0.0, w("asked_none"))

    # language
    if "language" in ctx.weights:
        shared = sorted(ctx.languages[m_slot] & ctx.languages[e_slot])
        values["language"] = ((1.0, w.agreeing(len(shared), "languages",
                                               languages=", ".join(shared))) if shared
                              else (0.0, w("no_language")))

    total = ctx.total_weight
    factors = []
    for name in FACTORS:
        if name not in ctx.weights:
            continue
        value, words = values[name]
        weight = ctx.weights[name]
        contribution = weight * value / total if total > 0 else 0.0
        factors.append(Factor(name, value, weight, contribution, words,
                              known=name not in missing))
    return factors


def _as_written(texts: Sequence[str], keys: frozenset[str]) -> list[str]:
    """The tags as the person wrote them, for the keys in `keys`, first spelling kept."""
    shown, seen = [], set()
    for text in texts:
        key = normalize_tag(text)
        if key in keys and key not in seen:
            shown.append(text)
            seen.add(key)
    return shown


def score_of(factors: Sequence[Factor]) -> float:
    """The score of a pair: the sum of its factor contributions, 0 to 1."""
    return min(1.0, max(0.0, sum(f.contribution for f in factors)))


def why_line(factors: Sequence[Factor], language: str = "en", limit: int = 4) -> str:
    """The one-line `why`: the factors in favour, biggest contribution first, joined in
    `language` (the factors' details are already in it)."""
    order = {name: n for n, name in enumerate(FACTORS)}
    helpful = sorted((f for f in factors if f.contribution > 0 and f.value > 0 and f.known),
                     key=lambda f: (-round(f.contribution, 9), order[f.name]))
    w = Words(language)
    parts = [f.detail for f in helpful[:limit]]
    return w.join(parts) if parts else w("why_none")


# --------------------------------------------------------------------------------- explain


def explain_pair(model: CohortFile, mentor_id: str, mentee_id: str,
                 history: Sequence[HistoryPair] = ()) -> dict[str, Any]:
    """Why `mentor_id` -> `mentee_id` scores what it scores, or which hard rules forbid it.

    Returns plain data: mentor, mentee, language (of the words: the cohort's), allowed, score
    (None when forbidden), would_score, forbidden_by [{rule, reason}], factors [{factor,
    value, weight, contribution, detail}], why, capacity {capacity, used_by_kept_pairs, free},
    existing_pairs [{status, locked}] (this mentor and mentee), mentee_kept_pairs [{mentor,
    status, locked}] (the mentee's kept pairs with other mentors: `pair` proposes nobody else
    to them). `rule` and `factor` are stable codes; `reason`, `detail` and `why` are words.
    """
    ctx = PairingContext(model, history)
    rules = pair_rules(ctx, mentor_id, mentee_id)
    factors = pair_factors(ctx, mentor_id, mentee_id)
    score = score_of(factors)
    m_slot = ctx.slot(mentor_id)
    mentor = ctx.people[m_slot]
    existing = [{"status": p.status, "locked": p.locked}
                for p in model.pairs if p.mentor == mentor_id and p.mentee == mentee_id]
    used = int(ctx.kept_used[m_slot])
    mentee_kept = [{"mentor": model.pairs[i].mentor, "status": model.pairs[i].status,
                    "locked": model.pairs[i].locked}
                   for i in ctx.classes.kept if model.pairs[i].mentee == mentee_id
                   and model.pairs[i].mentor != mentor_id]
    return {
        "mentor": mentor_id,
        "mentee": mentee_id,
        "language": ctx.words.language,
        "allowed": not rules,
        "score": None if rules else round(score, 4),
        "would_score": round(score, 4),
        "forbidden_by": [{"rule": r.code, "reason": r.reason} for r in rules],
        "factors": [
            {"factor": f.name, "value": round(f.value, 4), "weight": f.weight,
             "contribution": round(f.contribution, 4), "detail": f.detail}
            for f in factors
        ],
        "why": why_line(factors, ctx.words.language),
        "capacity": {"capacity": mentor.capacity, "used_by_kept_pairs": used,
                     "free": max(0, mentor.capacity - used)},
        "existing_pairs": existing,
        "mentee_kept_pairs": mentee_kept,  # with other mentors: `pair` leaves the mentee be
    }


# ------------------------------------------------------------------------ unmatched reasons

def unmatched_reasons(
    ctx: PairingContext,
    mentees: Sequence[int],
    mentor_slots: np.ndarray,
    used: np.ndarray,
    assigned: dict[int, int],
) -> dict[int, str]:
    """Why each mentee in `mentees` (slots) got no mentor, in words.

    `used` is each mentor's load after pairing (kept + proposed), aligned with `mentor_slots`;
    `assigned` maps a mentee slot to its mentor slot in the proposal (for the mutual case).
    """
    import numpy as np

    reasons: dict[int, str] = {}
    if not len(mentees):
        return reasons
    cols = np.asarray(mentees, dtype=np.int64)
    if len(mentor_slots) == 0:
        return {int(c): ctx.words("nobody_mentors") for c in cols}
    step = max(1, BLOCK_CELLS // (4 * len(mentor_slots)))  # a dozen rule matrices at once
    if len(cols) > step:
        for start in range(0, len(cols), step):
            reasons.update(unmatched_reasons(ctx, cols[start:start + step], mentor_slots,
                                             used, assigned))
        return reasons
    violations = rule_violations(ctx, mentor_slots, cols)
    forbidden = forbidden_mask(ctx, mentor_slots, cols, violations)
    ids, w = ctx.ids, ctx.words
    cohort_language = ctx.model.cohort.language
    for n, col in enumerate(cols):
        col = int(col)
        allowed = np.flatnonzero(~forbidden[:, n])
        if len(allowed):
            parts, blocked = [], False
            for r in allowed:
                slot = int(mentor_slots[r])
                cap = int(ctx.capacity[slot])
                if used[r] < cap and assigned.get(slot) == col:
                    parts.append(w("their_mentee", id=ids[slot]))
                    blocked = True
                else:
                    parts.append(f"{ids[slot]} ({int(used[r])}/{cap})")
            reasons[col] = w("all_full_or_mentee" if blocked else "all_full",
                             mentors=w.ids(parts, 8))
            continue
        fails = {code: v[:, n] for code, v in violations.items() if v[:, n].any()}
        if "language" in fails and fails["language"].all():
            spoken = ctx.people[col].speaks(cohort_language)
            reasons[col] = w("no_speaker", languages=w("or").join(spoken))
            continue
        if "self" in fails and fails["self"].all():
            reasons[col] = w("only_self")
            continue
        count = np.zeros(len(mentor_slots), dtype=np.int64)
        for v in fails.values():
            count += v
        near: dict[str, list[str]] = {}
        for code, v in fails.items():
            hit = np.flatnonzero(v & (count == 1))
            if len(hit):
                near[code] = [ids[int(mentor_slots[r])] for r in hit]
        if len(near) == 1:
            code, who = next(iter(near.items()))
            reasons[col] = w("only_candidates", group=_rule_group(ctx, code),
                             mentors=w.ids(who))
        elif near:
            reasons[col] = w("no_compatible", detail=w.join(
                w.labelled(_rule_group(ctx, code), w.ids(near[code], 3))
                for code in RULES if code in near))
        else:
            example = int(np.argmin(count))
            codes = [c for c in RULES if c in fails and fails[c][example]]
            reasons[col] = w("no_compatible", detail=w(
                "several_rules", id=ids[int(mentor_slots[example])], rules=", ".join(codes)))
    return reasons


def _rule_group(ctx: PairingContext, code: str) -> str:
    """The mentors rule `code` rules out, in words: 'in their reporting line'."""
    return ctx.words(f"group_{code}", gap=f"{ctx.rules.min_seniority_gap:g}")


# ------------------------------------------------------------------------------ the plan


@dataclass(frozen=True)
class AssignmentProblem:
    """What the solver gets: mentors (rows) x open mentees (columns), as participant slots."""

    mentors: np.ndarray  # everyone who may mentor
    mentees: np.ndarray  # the open mentees: no kept pair, not anonymized
    scores: np.ndarray  # float32 (mentors, mentees), NaN where a hard rule forbids the pair
    capacity: np.ndarray  # each mentor's places left after the kept pairs
    same_person: np.ndarray  # for each mentor row, the column of the same person, or -1
    current: list[tuple[int, int]]  # (row, column) of the file's replaceable proposals


def assignment_problem(ctx: PairingContext) -> AssignmentProblem:
    """The assignment `pair` solves for this cohort (see mentorcli.pairing.assignment.solve)."""
    import numpy as np

    mentors = ctx.mentor_slots()
    mentees = np.asarray([k for k in ctx.mentee_slots()
                          if ctx.ids[k] not in ctx.classes.taken and not ctx.anonymized[k]],
                         dtype=np.int64)
    column = {int(k): n for n, k in enumerate(mentees)}
    same_person = np.fromiter((column.get(int(k), -1) for k in mentors), dtype=np.int64,
                              count=len(mentors))
    capacity = np.maximum(ctx.capacity[mentors] - ctx.kept_used[mentors], 0)
    row = {int(k): n for n, k in enumerate(mentors)}
    current = sorted({(row[m], column[e]) for m, e in (
        (ctx.index.get(ctx.model.pairs[i].mentor), ctx.index.get(ctx.model.pairs[i].mentee))
        for i in ctx.classes.replaceable) if m in row and e in column})
    return AssignmentProblem(mentors, mentees, score_matrix(ctx, mentors, mentees), capacity,
                             same_person, current)


@dataclass(frozen=True)
class Proposal:
    """A pair `pair` proposes, with the entry of `pairs:` it replaces (if any)."""

    mentor: str
    mentee: str
    score: float
    why: str
    replaces: int | None  # index in `pairs:` of the unlocked proposal it takes over
    change: str  # "new", "replaced" (another mentor before), "unchanged", "updated"

    def entry(self) -> dict[str, Any]:
        """The `pairs:` entry written for this proposal."""
        return {"mentor": self.mentor, "mentee": self.mentee, "status": "proposed",
                "score": round(self.score, 2), "why": self.why}


CHANGES = ("new", "replaced", "updated", "unchanged")


@dataclass
class PairingPlan:
    """What `pair` does to a cohort: proposals, what it keeps, removes, and who is left."""

    pairs: Sequence[Pair]  # the file's `pairs:`, which the indices below refer to
    proposals: list[Proposal] = field(default_factory=list)  # in mentee id order
    kept: list[int] = field(default_factory=list)  # indices of kept pairs
    withdrawn: list[tuple[int, str]] = field(default_factory=list)  # (index, reason)
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # (mentee, reason)
    method: str = ""  # the solver used: "dense" or "sparse"
    language: str = "en"  # of every `why` and reason: the cohort's

    @property
    def matched(self) -> int:
        return len(self.proposals)

    @property
    def total_score(self) -> float:
        return float(sum(p.score for p in self.proposals))

    @property
    def appends_only(self) -> bool:
        """True when writing the plan only adds entries at the end of `pairs:`."""
        return not self.withdrawn and all(p.change in ("new", "unchanged")
                                          for p in self.proposals)

    def new_entries(self) -> list[dict[str, Any]]:
        """The `pairs:` entries of the new proposals, in mentee order."""
        return [p.entry() for p in self.proposals if p.change == "new"]

    def change_counts(self) -> dict[str, int]:
        """How many proposals are new, replaced, updated, unchanged (in that order)."""
        return {c: sum(1 for p in self.proposals if p.change == c) for c in CHANGES}

    def summary(self, file: str | Path, written: bool, dry_run: bool) -> str:
        """The last line `pair` prints: '7 proposed (6 new, 1 updated), 2 kept, 0 unmatched;
        wrote FILE', in the plan's language."""
        w = Words(self.language)
        detail = ", ".join(w.counted(n, change) for change, n in self.change_counts().items()
                           if n)
        if dry_run:
            outcome = w("dry_run")
        else:
            outcome = w("wrote" if written else "file_unchanged", file=file)
        return (w.counted(len(self.proposals), "proposed") + (f" ({detail})" if detail else "")
                + f", {w.counted(len(self.kept), 'kept')}, "
                + w.join([w.counted(len(self.unmatched), "unmatched"), outcome]))

    def as_data(self) -> dict[str, Any]:
        """Plain data for `--format json`: `why` and `reason` are words in `language`."""
        return {
            "proposed": [{"mentor": p.mentor, "mentee": p.mentee, "score": round(p.score, 2),
                          "why": p.why, "change": p.change} for p in self.proposals],
            "kept": [{"mentor": self.pairs[i].mentor, "mentee": self.pairs[i].mentee,
                      "status": self.pairs[i].status, "locked": self.pairs[i].locked}
                     for i in self.kept],
            "withdrawn": [{"mentor": self.pairs[i].mentor, "mentee": self.pairs[i].mentee,
                           "reason": reason} for i, reason in self.withdrawn],
            "unmatched": [{"mentee": m, "reason": r} for m, r in self.unmatched],
            "matched": self.matched,
            "total_score": round(self.total_score, 4),
            "solver": self.method,
            "language": self.language,
        }


def plan_pairing(model: CohortFile, history: Sequence[HistoryPair] = (),
                 method: str = "auto") -> PairingPlan:
    """Propose a mentor for every mentee without a kept pair: most mentees matched, then the
    highest total score, and among equal totals the file's current proposals (see
    mentorcli.pairing.assignment). Pure: `pair_file` writes the result."""
    from mentorcli.pairing.assignment import solve

    ctx = PairingContext(model, history)
    problem = assignment_problem(ctx)
    mentors, mentees = problem.mentors, problem.mentees
    result = solve(problem.scores, problem.capacity, same_person=problem.same_person,
                   method=method, keep=problem.current)

    # the old proposals of each open mentee, in file order
    old: dict[str, list[int]] = {}
    for index in ctx.classes.replaceable:
        old.setdefault(model.pairs[index].mentee, []).append(index)

    w = ctx.words
    plan = PairingPlan(model.pairs, kept=list(ctx.classes.kept), method=result.method,
                       language=w.language)
    for r, c in sorted(result.pairs, key=lambda rc: int(mentees[rc[1]])):  # mentee id order
        mentor_id, mentee_id = ctx.ids[int(mentors[r])], ctx.ids[int(mentees[c])]
        score = float(problem.scores[r, c])
        why = why_line(pair_factors(ctx, mentor_id, mentee_id), w.language)
        previous = old.pop(mentee_id, [])
        same = [i for i in previous if model.pairs[i].mentor == mentor_id]
        replaces = same[0] if same else (previous[0] if previous else None)
        if replaces is None:
            change = "new"
        elif model.pairs[replaces].mentor != mentor_id:
            change = "replaced"
        elif (model.pairs[replaces].score, model.pairs[replaces].why) == (round(score, 2), why):
            change = "unchanged"
        else:
            change = "updated"
        plan.withdrawn += [(i, w("new_proposal", mentee=mentee_id)) for i in previous
                           if i != replaces]
        plan.proposals.append(Proposal(mentor_id, mentee_id, score, why, replaces, change))

    assigned = {int(mentees[c]): int(mentors[r]) for r, c in result.pairs}
    load = ctx.kept_used[mentors].copy()  # each mentor's pairs: kept and proposed
    for r, _ in result.pairs:
        load[r] += 1
    left = sorted(set(int(k) for k in mentees) - set(assigned))
    reasons = unmatched_reasons(ctx, left, mentors, load, assigned)
    for slot in left:
        mentee_id = ctx.ids[slot]
        plan.unmatched.append((mentee_id, reasons[slot]))
        plan.withdrawn += [(i, w("is_unmatched", mentee=mentee_id, reason=reasons[slot]))
                           for i in old.pop(mentee_id, [])]
    for mentee_id, indices in old.items():  # proposals of someone who cannot be a mentee now
        plan.withdrawn += [(i, w("cannot_pair", mentee=mentee_id)) for i in indices]
    plan.withdrawn.sort()
    return plan


def apply_plan(document: Any, plan: PairingPlan) -> bool:
    """Write `plan` into a round-trip cohort document (see mentorcli.store.writing.edit_cohort).

    Only `pairs:` changes: a replaced proposal is updated in place (its comments and other
    keys kept), new proposals are appended, withdrawn ones removed. Returns True if anything
    changed.
    """
    from mentorcli.store.writing import ensure_list, to_yaml_node

    changed = False
    pairs = ensure_list(document, "pairs")
    appended = []
    for proposal in plan.proposals:
        entry = proposal.entry()
        if proposal.replaces is None:
            appended.append(to_yaml_node(entry))
            changed = True
            continue
        node = pairs[proposal.replaces]
        for key in ("mentor", "mentee", "score", "why"):
            if node.get(key) == entry[key]:
                continue
            changed = True
            if key == "score" and key not in node and "why" in node:
                node.insert(list(node).index("why"), key, entry[key])  # keep the usual order
            else:
                node[key] = entry[key]
    for index, _reason in sorted(plan.withdrawn, reverse=True):
        del pairs[index]
        changed = True
    for node in appended:
        pairs.append(node)
    return changed


# --------------------------------------------------------------------------- on a file


class _NeedsEdit(Exception):
    """The plan changes existing entries: it cannot be written as an append."""

    def __init__(self, plan: PairingPlan, model: CohortFile) -> None:
        super().__init__("round-trip edit needed")
        self.plan, self.model = plan, model


def load_history(paths: Iterable[str | Path]) -> list[HistoryPair]:
    """The pairs of earlier cohort files (`--history`); a bad file is an InputFileError."""
    from mentorcli.store.loading import load_cohort

    return history_pairs(load_cohort(path).model for path in paths)


def pair_file(path: str | Path, history: Sequence[HistoryPair] = (),
              dry_run: bool = False) -> tuple[PairingPlan, bool]:
    """Plan the pairing of the cohort at `path` and write it unless `dry_run`.

    Returns the plan and whether the file changed. The plan is made from the file as read
    under the store's lock, so nothing another command writes meanwhile is lost. A plan that
    only adds proposals is inserted as text (`store.append_entries`: fast on big files); one
    that replaces or withdraws proposals goes through `store.edit_cohort` (a round trip that
    changes only `pairs:`).
    """
    if dry_run:
        from mentorcli.store.loading import load_cohort

        return plan_pairing(load_cohort(path).model, history), False
    from mentorcli.store.writing import append_entries, edit_cohort

    appended: list[PairingPlan] = []

    def new_entries(model: CohortFile) -> list[dict[str, Any]]:
        plan = plan_pairing(model, history)
        if not plan.appends_only:
            raise _NeedsEdit(plan, model)
        appended.append(plan)
        return plan.new_entries()

    try:
        entries = append_entries(path, "pairs", new_entries)
        return appended[0], bool(entries)
    except _NeedsEdit as needed:
        planned, planned_from = needed.plan, needed.model

    def change(document: Any, model: CohortFile) -> tuple[PairingPlan, bool]:
        plan = planned if model == planned_from else plan_pairing(model, history)
        return plan, apply_plan(document, plan)

    return edit_cohort(path, change)

"""Every human text of pairing, in each cohort language, and `Words` that fills them in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

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
        "example": "{id} is an example person written by `init` (example: true)",
        "over_capacity": "{mentor} has {count} open pairs for a capacity of {capacity}",
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
        "group_example": "example people written by `init`",
        "group_avoid": "on an avoid list",
        "group_mutual": "their own mentees",
        "group_ended": "former mentors (an ended pair is never proposed again)",
        "group_history": "already paired with them in an earlier cohort (--history)",
        "group_reporting_line": "in their reporting line",
        "group_language": "without a language in common",
        "group_same_department": "in their own department",
        "group_trained": "untrained mentors (trained_mentors_only: true)",
        "group_seniority": "too close in seniority (min_seniority_gap: {gap})",
        "group_seniority_classic_wrong_way": "more junior than them (a classic cohort needs "
                                             "the mentor to have at least {years} more)",
        "group_seniority_classic_close": "too close in seniority (a classic cohort needs the "
                                         "mentor to have at least {years} more)",
        "group_seniority_classic_mixed": "too junior or too close in seniority (a classic "
                                         "cohort needs the mentor to have at least {years} "
                                         "more)",
        "group_seniority_reverse_wrong_way": "more senior than them (a reverse cohort needs "
                                             "the mentee to have at least {years} more)",
        "group_seniority_reverse_close": "too close in seniority (a reverse cohort needs the "
                                         "mentee to have at least {years} more)",
        "group_seniority_reverse_mixed": "too senior or too close in seniority (a reverse "
                                         "cohort needs the mentee to have at least {years} "
                                         "more)",
        "new_proposal": "{mentee} has a new proposal",
        "is_unmatched": "{mentee} is unmatched{c}{reason}",
        "cannot_pair": "{mentee} cannot be paired",
        "waiting_pair": "a compatible mentor has a free place{c}run `mentorcli pair`",
        # what the commands print
        "col_mentor": "mentor", "col_mentee": "mentee", "col_score": "score", "col_why": "why",
        "col_factor": "factor", "col_value": "value", "col_weight": "weight",
        "col_contribution": "contribution", "col_detail": "detail",
        "withdrawn_line": "withdrawn{c}{mentor} -> {mentee} ({reason})",
        "unmatched_line": "unmatched{c}{mentee}{c}{reason}",
        "broken_line": "rule broken{c}{mentor} -> {mentee}{c}{rules}{s}a proposal `pair` "
                       "replaces",
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
        "chosen": "`pair` proposes this pair",
        "too_big": "whether `pair` proposes it: see `mentorcli pair --dry-run` (too many "
                   "mentees to solve again here)",
        "not_chosen": "not proposed by `pair`{c}",
        "places_taken": "{mentor}'s places ({capacity}) go to {taken}",
        "taken_kept": "{mentee} (status: {status})",
        "mentee_gets": "{mentee} gets {other} instead ({score})",
        "mentee_left": "{mentee} is left without a mentor",
        "forcing": "proposing it instead would lower the total score by {loss} ({total} -> "
                   "{forced})",
        "forcing_fewer_one": "proposing it instead would leave {n} more mentee without a "
                             "mentor (and the total score would go from {total} to {forced})",
        "forcing_fewer_many": "proposing it instead would leave {n} more mentees without a "
                              "mentor (and the total score would go from {total} to "
                              "{forced})",
    },
    "fr": {
        # règles
        "not_mentor": "{id} n'est pas mentor (role: {role})",
        "not_mentee": "{id} n'est pas mentoré·e (role: {role})",
        "self": "une personne ne peut pas être son propre mentor",
        "anonymized": "{id}{c}données personnelles supprimées le {date}",
        "example": "{id} est une personne d'exemple écrite par `init` (example: true)",
        "over_capacity": "{mentor} a {count} binômes en cours pour une capacité de {capacity}",
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
        "group_example": "des personnes d'exemple écrites par `init`",
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
        "group_seniority_classic_wrong_way": "moins expérimentés que cette personne (le "
                                             "mentorat classique demande au moins {years} "
                                             "d'expérience en plus au mentor)",
        "group_seniority_classic_close": "trop proches en expérience (le mentorat classique "
                                         "demande au moins {years} d'expérience en plus au "
                                         "mentor)",
        "group_seniority_classic_mixed": "moins expérimentés ou trop proches en expérience "
                                         "(le mentorat classique demande au moins {years} "
                                         "d'expérience en plus au mentor)",
        "group_seniority_reverse_wrong_way": "plus expérimentés que cette personne (le "
                                             "mentorat inversé demande au moins {years} "
                                             "d'expérience en plus à la personne mentorée)",
        "group_seniority_reverse_close": "trop proches en expérience (le mentorat inversé "
                                         "demande au moins {years} d'expérience en plus à la "
                                         "personne mentorée)",
        "group_seniority_reverse_mixed": "plus expérimentés ou trop proches en expérience "
                                         "(le mentorat inversé demande au moins {years} "
                                         "d'expérience en plus à la personne mentorée)",
        "new_proposal": "{mentee} a une nouvelle proposition",
        "is_unmatched": "{mentee} reste sans mentor{c}{reason}",
        "cannot_pair": "{mentee} ne peut plus être en binôme",
        "waiting_pair": "un mentor compatible a une place libre{c}lancez `mentorcli pair`",
        # ce qu'affichent les commandes
        "col_mentor": "mentor", "col_mentee": "mentoré·e", "col_score": "score",
        "col_why": "pourquoi", "col_factor": "critère", "col_value": "valeur",
        "col_weight": "poids", "col_contribution": "contribution", "col_detail": "détail",
        "withdrawn_line": "retiré{c}{mentor} -> {mentee} ({reason})",
        "unmatched_line": "sans mentor{c}{mentee}{c}{reason}",
        "broken_line": "règle enfreinte{c}{mentor} -> {mentee}{c}{rules}{s}une proposition "
                       "que `pair` remplace",
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
        "chosen": "`pair` propose ce binôme",
        "too_big": "`pair` le propose-t-il\u202f? voir `mentorcli pair --dry-run` (trop de "
                   "personnes pour tout recalculer ici)",
        "not_chosen": "`pair` ne propose pas ce binôme{c}",
        "places_taken": "les places de {mentor} ({capacity}) vont à {taken}",
        "taken_kept": "{mentee} (status: {status})",
        "mentee_gets": "{mentee} a {other} à la place ({score})",
        "mentee_left": "{mentee} reste sans mentor",
        "forcing": "le proposer à la place ferait baisser le score total de {loss} ({total} "
                   "-> {forced})",
        "forcing_fewer_one": "le proposer à la place laisserait {n} personne de plus sans "
                             "mentor (et le score total passerait de {total} à {forced})",
        "forcing_fewer_many": "le proposer à la place laisserait {n} personnes de plus sans "
                              "mentor (et le score total passerait de {total} à {forced})",
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

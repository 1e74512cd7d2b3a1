"""The pairing core: each hard rule, each factor, the explanation, the unmatched reasons, and
properties of the pairing plan on generated cohorts (hypothesis), against a brute force."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mentorcli import i18n
from mentorcli import pairing as P
from mentorcli.errors import UsageError
from mentorcli.model import CohortFile
from mentorcli.pairing.assignment import SCALE
from mentorcli.tags import normalize_tag
from mentorcli.validation import check_document

# ------------------------------------------------------------------------------ builders


def person(pid: str, role: str, **keys: Any) -> dict[str, Any]:
    return {"id": pid, "name": pid.title(), "email": f"{pid}@example.com", "role": role,
            **keys}


def make(participants: list[dict[str, Any]], pairs: list[dict[str, Any]] | None = None, *,
         rules: dict[str, Any] | None = None, weights: dict[str, Any] | None = None,
         kind: str = "classic", org: dict[str, Any] | None = None,
         language: str = "en") -> CohortFile:
    data = {
        "version": 1,
        "cohort": {"id": "test", "name": "Test", "language": language, "kind": kind,
                   "start": dt.date(2026, 1, 12), "end": dt.date(2026, 12, 18)},
        "objectives": [{"id": "lead", "title": "Lead"}, {"id": "grow", "title": "Grow"},
                       {"id": "stay", "title": "Stay"}],
        "matching": {"rules": rules or {}, "weights": weights or {}},
        "org": org or {},
        "participants": participants,
        "pairs": pairs or [],
    }
    model, issues = check_document(data)
    errors = [i for i in issues if i.severity == "error"]
    assert model is not None and not errors, errors
    return model


def mentor(pid: str, **keys: Any) -> dict[str, Any]:
    return person(pid, "mentor", **{"seniority": 20, "trained": dt.date(2026, 1, 5), **keys})


def mentee(pid: str, **keys: Any) -> dict[str, Any]:
    return person(pid, "mentee", **{"seniority": 2, **keys})


def codes(model: CohortFile, m: str, e: str, history: Any = ()) -> list[str]:
    return [r.code for r in P.pair_rules(P.PairingContext(model, history), m, e)]


def reasons(model: CohortFile, m: str, e: str) -> list[str]:
    return [r.reason for r in P.pair_rules(P.PairingContext(model), m, e)]


def factor(model: CohortFile, m: str, e: str, name: str) -> P.Factor:
    found = {f.name: f for f in P.pair_factors(P.PairingContext(model), m, e)}
    return found[name]


def unmatched(model: CohortFile) -> dict[str, str]:
    return dict(P.plan_pairing(model).unmatched)


# -------------------------------------------------------------------- hard rules, one each


def test_a_plain_pair_breaks_no_rule() -> None:
    model = make([mentor("ana"), mentee("bob")])
    assert codes(model, "ana", "bob") == []


def test_rule_roles() -> None:
    model = make([mentor("ana"), mentee("bob")])
    assert reasons(model, "bob", "ana")[:2] == ["bob is not a mentor (role: mentee)",
                                                "ana is not a mentee (role: mentor)"]


def test_rule_same_person() -> None:
    model = make([person("ana", "both", seniority=10)])
    assert "self" in codes(model, "ana", "ana")


def test_rule_avoid_on_either_side() -> None:
    model = make([mentor("ana", avoid=["bob"]), mentee("bob"), mentee("cid", avoid=["ana"])])
    assert reasons(model, "ana", "bob") == ["ana asked to avoid bob"]
    assert reasons(model, "ana", "cid") == ["cid asked to avoid ana"]


def test_rule_no_mutual_pair_for_both_roles() -> None:
    model = make([person("ana", "both", seniority=10), person("bob", "both", seniority=10)],
                 [{"mentor": "ana", "mentee": "bob", "status": "active"}],
                 rules={"min_seniority_gap": 0})
    assert codes(model, "bob", "ana") == ["mutual"]
    assert "ana already mentors bob" in reasons(model, "bob", "ana")[0]


def test_rule_reporting_line_direct_and_through_org() -> None:
    model = make([mentor("ana", manager="vp"), mentee("bob", manager="ana"),
                  mentee("cid", manager="lead"), mentor("dan", manager="ceo")],
                 org={"lead": "dan", "vp": "ceo", "ceo": None})
    assert reasons(model, "ana", "bob") == ["ana is bob's manager (reporting_line: forbid)"]
    assert reasons(model, "dan", "cid") == [
        "dan is above cid in the reporting line (cid -> lead -> dan) (reporting_line: forbid)"]
    assert codes(model, "dan", "bob") == []  # same top (ceo) but not in one chain


def test_rule_reporting_line_mentee_above_mentor() -> None:
    model = make([mentor("ana", manager="bob"), person("bob", "mentee", seniority=1)])
    assert codes(model, "ana", "bob") == ["reporting_line"]


def test_rule_reporting_line_allow() -> None:
    model = make([mentor("ana"), mentee("bob", manager="ana")],
                 rules={"reporting_line": "allow"})
    assert codes(model, "ana", "bob") == []


def test_rule_common_language_require_and_prefer() -> None:
    people = [mentor("ana", languages=["fr"]), mentee("bob", languages=["de"])]
    assert reasons(make(people), "ana", "bob") == [
        "no language in common (ana speaks fr; bob speaks de)"]
    preferring = make(people, rules={"common_language": "prefer"})
    assert codes(preferring, "ana", "bob") == []
    assert factor(preferring, "ana", "bob", "language").value == 0.0


def test_languages_default_to_the_cohort_language() -> None:
    model = make([mentor("ana"), mentee("bob", languages=["FR"])], language="fr")
    assert codes(model, "ana", "bob") == []


def test_rule_same_department() -> None:
    people = [mentor("ana", department="Sales"), mentee("bob", department="sales")]
    assert codes(make(people, rules={"same_department": "forbid"}), "ana", "bob") == [
        "same_department"]
    assert codes(make(people, rules={"same_department": "avoid"}), "ana", "bob") == []


def test_rule_trained_mentors_only() -> None:
    model = make([mentor("ana", trained=None), mentee("bob")],
                 rules={"trained_mentors_only": True})
    assert reasons(model, "ana", "bob") == [
        "ana has no training date (trained_mentors_only: true)"]


def test_rule_seniority_by_kind() -> None:
    people = [mentor("ana", seniority=6), mentee("bob", seniority=4)]
    assert reasons(make(people), "ana", "bob") == [
        "ana has 2 years more experience than bob; a classic cohort needs at least 3 years "
        "more"]
    reverse = [person("ana", "mentor", seniority=2), person("bob", "mentee", seniority=30)]
    assert codes(make(reverse, kind="reverse"), "ana", "bob") == []
    assert codes(make(reverse, kind="classic"), "ana", "bob") == ["seniority"]
    assert codes(make(people, kind="peer"), "ana", "bob") == []
    unknown = [mentor("ana", seniority=None), mentee("bob")]
    assert codes(make(unknown), "ana", "bob") == []  # unknown seniority: no rule to apply


def test_rule_seniority_words_for_an_equal_or_inverted_gap() -> None:
    same = [mentor("ana", seniority=5), mentee("bob", seniority=5)]
    assert reasons(make(same), "ana", "bob") == [
        "ana and bob have the same experience; a classic cohort needs at least 3 years more"]
    inverted = [mentor("ana", seniority=20), mentee("bob", seniority=19)]
    assert reasons(make(inverted, kind="reverse"), "ana", "bob") == [
        "bob has 1 year less experience than ana; a reverse cohort needs the mentee at least "
        "3 years more"]


def test_rule_ended_pair_is_never_proposed_again() -> None:
    model = make([mentor("ana"), mentee("bob")],
                 [{"mentor": "ana", "mentee": "bob", "status": "ended",
                   "ended": dt.date(2026, 3, 1)}])
    assert reasons(model, "ana", "bob") == [
        "their pair ended on 2026-03-01: an ended pair is never proposed again"]


def test_rule_history_by_id_or_email() -> None:
    old = make([mentor("ana"), mentee("bobby", email="bob@example.com")],
               [{"mentor": "ana", "mentee": "bobby", "status": "ended"}])
    history = P.history_pairs([old])
    model = make([mentor("ana"), mentee("bob"), mentee("cid")])
    assert codes(model, "ana", "bob", history) == ["history"]
    assert codes(model, "ana", "cid", history) == []
    assert [r.reason for r in P.pair_rules(P.PairingContext(model, history), "ana", "bob")] \
        == ["already paired in cohort test (--history)"]


def test_rule_history_forbids_the_two_people_either_way_round() -> None:
    old = make([mentor("ana"), mentee("bob")], [{"mentor": "ana", "mentee": "bob"}])
    history = P.history_pairs([old])
    swapped = make([person("ana", "mentee", seniority=2), person("bob", "mentor", seniority=20)])
    assert codes(swapped, "bob", "ana", history) == ["history"]
    assert P.plan_pairing(swapped, history).unmatched == [
        ("ana", "only candidates are already paired with them in an earlier cohort "
                "(--history): bob")]


def test_rule_anonymized() -> None:
    model = make([mentor("ana", anonymized=dt.date(2026, 2, 1)), mentee("bob")])
    assert codes(model, "ana", "bob") == ["anonymized"]


def test_unknown_participant_is_a_usage_error_with_a_suggestion() -> None:
    model = make([mentor("alice"), mentee("bob")])
    with pytest.raises(UsageError, match="did you mean 'alice'"):
        P.explain_pair(model, "alicia", "bob")


# ---------------------------------------------------------------------------- the factors


def test_goals_factor_compares_tags_as_the_format_does() -> None:
    model = make([mentor("ana", skills=["Prise de parole", "Négociation"]),
                  mentee("bob", goals=["prise-de-parole", "negociation", "excel"])])
    f = factor(model, "ana", "bob", "goals")
    assert f.value == pytest.approx(2 / 3)
    assert f.detail == "covers goals prise-de-parole, negociation (2 of 3)"


def test_objectives_factor() -> None:
    model = make([mentor("ana", objectives=["lead"]), mentor("cid"),
                  mentee("bob", objectives=["lead", "grow"])])
    assert factor(model, "ana", "bob", "objectives").value == 0.5
    assert factor(model, "ana", "bob", "objectives").detail == "shares objective lead"
    assert factor(model, "cid", "bob", "objectives").known is False


def test_department_factor_and_avoid_weight() -> None:
    people = [mentor("ana", department="IT"), mentor("cid", department="HR"),
              mentee("bob", department="IT")]
    model = make(people)
    assert factor(model, "ana", "bob", "department").value == 0.0
    assert factor(model, "cid", "bob", "department").value == 1.0
    avoiding = make(people, rules={"same_department": "avoid"})
    weights = P.effective_weights(avoiding)
    assert weights["department"] == sum(v for k, v in weights.items() if k != "department")
    ctx = P.PairingContext(avoiding)
    same = P.score_of(P.pair_factors(ctx, "ana", "bob"))
    other = P.score_of(P.pair_factors(ctx, "cid", "bob"))
    assert same <= 0.5 <= other


@pytest.mark.parametrize(("kind", "gap", "value"), [
    ("classic", 3, 0.5), ("classic", 8, 1.0), ("classic", 20, 1.0), ("classic", 5.5, 0.75),
    ("classic", -2, 0.0), ("reverse", 3, 0.5), ("reverse", 13, 1.0),
    ("peer", 0, 1.0), ("peer", 2, 1.0), ("peer", -6, 0.5), ("peer", 10, 0.0),
])
def test_seniority_curve(kind: str, gap: float, value: float) -> None:
    assert float(P.seniority_value(kind, gap, 3)) == pytest.approx(value)


def test_location_factor() -> None:
    model = make([mentor("ana", location="Paris", timezone="Europe/Paris"),
                  mentor("cid", location="NYC", timezone="America/New_York"),
                  mentor("dan", location="Tokyo", timezone="Asia/Tokyo"),
                  mentor("eve"),
                  mentee("bob", location="paris", timezone="Europe/Paris"),
                  mentee("fay", location="Lyon", timezone="Europe/Paris")])
    assert factor(model, "ana", "bob", "location").detail == "same site (paris)"
    assert factor(model, "ana", "fay", "location").value == 1.0  # same hours all day
    # 9-17 in Paris (UTC+1) is 8-16 UTC; in New York (UTC-5) 14-22 UTC: 2 h in common
    ny = factor(model, "cid", "fay", "location")
    assert (ny.value, ny.detail) == (2 / 8, "2 h of shared working hours")
    tokyo = factor(model, "dan", "fay", "location")  # Tokyo (UTC+9): 0-8 UTC
    assert (tokyo.value, tokyo.detail) == (0.0, "no shared working hours")
    assert factor(model, "eve", "fay", "location").known is False


def test_overlap_hours_across_midnight() -> None:
    # UTC+10 works 23:00-07:00 UTC, UTC-8 17:00-01:00 UTC (the day before): 2 h
    assert float(P.overlap_hours(10, -8)) == 2.0
    assert float(P.overlap_hours(0, 0)) == 8.0
    assert float(P.overlap_hours(0, 12)) == 0.0


def test_preference_factor() -> None:
    model = make([mentor("ana", prefer=["bob"]), mentor("cid"),
                  mentee("bob", prefer=["ana"]), mentee("dan", prefer=["cid"])])
    assert factor(model, "ana", "bob", "preference").detail == "asked for each other"
    assert factor(model, "cid", "dan", "preference").detail == "dan asked for cid"
    assert factor(model, "cid", "bob", "preference").value == 0.0


@pytest.mark.parametrize(("language", "why"), [
    ("en", "covers goals Excel; bob asked for ana; different departments; 18 years more "
           "experience"),
    ("fr", "objectif couvert\u00a0: Excel\u202f; bob a demandé ana\u202f; services "
           "différents\u202f; 18 ans d’expérience en plus"),
])
def test_score_is_the_weighted_mean_and_why_lists_the_best_factors(language: str,
                                                                   why: str) -> None:
    model = make([mentor("ana", skills=["excel"], department="IT", location="Paris"),
                  mentee("bob", goals=["Excel"], department="HR", location="Paris",
                         prefer=["ana"])],
                 weights={"goals": 4, "objectives": 0, "department": 1, "seniority": 1,
                          "location": 1, "preference": 3}, language=language)
    with i18n.cohort_language(language):  # as a command that read the cohort speaks
        factors = P.pair_factors(P.PairingContext(model), "ana", "bob")
        assert P.score_of(factors) == pytest.approx(1.0)
        assert sum(f.weight for f in factors) == 10
        assert P.why_line(factors) == why
        assert P.plan_pairing(model).proposals[0].why == why  # in the cohort's language


def test_explain_data() -> None:
    model = make([mentor("ana", capacity=1), mentee("bob", manager="ana"), mentee("cid")],
                 [{"mentor": "ana", "mentee": "cid", "status": "active"}])
    data = P.explain_pair(model, "ana", "bob")
    assert data["allowed"] is False and data["score"] is None
    assert data["forbidden_by"] == [{"rule": "reporting_line", "reason":
                                     "ana is bob's manager (reporting_line: forbid)"}]
    assert [f["factor"] for f in data["factors"]] == [
        "goals", "objectives", "department", "seniority", "location", "preference"]
    assert sum(f["contribution"] for f in data["factors"]) == pytest.approx(
        data["would_score"], abs=1e-3)
    assert data["capacity"] == {"capacity": 1, "used_by_kept_pairs": 1, "free": 0}
    allowed = P.explain_pair(model, "ana", "cid")
    assert allowed["allowed"] is True and allowed["score"] == allowed["would_score"]
    assert allowed["existing_pairs"] == [{"status": "active", "locked": False}]


# ---------------------------------------------------------------------- unmatched reasons


def test_unmatched_no_mentor_speaks_the_language() -> None:
    model = make([mentor("ana", languages=["fr"]), mentee("bob", languages=["en", "de"])])
    assert unmatched(model) == {"bob": "no mentor speaks en or de"}


def test_unmatched_every_compatible_mentor_is_full() -> None:
    model = make([mentor("amartin", capacity=2), mentor("cleroy", capacity=1),
                  mentee("a1"), mentee("a2"), mentee("a3"), mentee("zed")],
                 [{"mentor": "amartin", "mentee": "a1", "status": "active"},
                  {"mentor": "amartin", "mentee": "a2", "status": "active"},
                  {"mentor": "cleroy", "mentee": "a3", "status": "proposed",
                   "locked": True}])
    assert unmatched(model) == {
        "zed": "every compatible mentor is full: amartin (2/2), cleroy (1/1)"}


def test_unmatched_full_after_the_new_proposals() -> None:
    model = make([mentor("ana", capacity=1, skills=["excel"]), mentee("bob", goals=["excel"]),
                  mentee("cid")])
    plan = P.plan_pairing(model)
    assert [(p.mentor, p.mentee) for p in plan.proposals] == [("ana", "bob")]  # covers a goal
    assert plan.unmatched == [("cid", "every compatible mentor is full: ana (1/1)")]


def test_unmatched_only_candidates_in_reporting_line() -> None:
    model = make([mentor("amartin"), mentor("cleroy", languages=["fr"]),
                  mentee("bpetit", manager="amartin")])
    assert unmatched(model) == {
        "bpetit": "no compatible mentor: in their reporting line: amartin; without a "
                  "language in common: cleroy"}
    only = make([mentor("amartin"), mentee("bpetit", manager="amartin")])
    assert unmatched(only) == {"bpetit": "only candidates are in their reporting line: amartin"}


def test_unmatched_only_candidates_other_rules() -> None:
    seniority = make([mentor("ana", seniority=3), mentor("cid", seniority=4), mentee("bob")])
    assert unmatched(seniority) == {
        "bob": "only candidates are too close in seniority (a classic cohort needs the mentor "
               "to have at least 3 years more): ana, cid"}
    # 10-20 years junior is not "too close": worded the right way round, as explain says it
    junior = make([mentor("ana", seniority=3), mentor("cid", seniority=4),
                   mentee("bob", seniority=20)])
    assert unmatched(junior) == {
        "bob": "only candidates are more junior than them (a classic cohort needs the mentor "
               "to have at least 3 years more): ana, cid"}
    mixed = make([mentor("ana", seniority=3), mentor("cid", seniority=21),
                  mentee("bob", seniority=20)])
    assert unmatched(mixed) == {
        "bob": "only candidates are too junior or too close in seniority (a classic cohort "
               "needs the mentor to have at least 3 years more): ana, cid"}
    avoid = make([mentor("ana"), mentee("bob", avoid=["ana"])])
    assert unmatched(avoid) == {"bob": "only candidates are on an avoid list: ana"}
    ended = make([mentor("ana"), mentee("bob")],
                 [{"mentor": "ana", "mentee": "bob", "status": "ended"}])
    assert unmatched(ended) == {
        "bob": "only candidates are former mentors (an ended pair is never proposed again): "
               "ana"}


def test_unmatched_every_mentor_breaks_several_rules() -> None:
    model = make([mentor("ana", seniority=1, department="IT"),
                  mentee("bob", department="IT")],
                 rules={"same_department": "forbid"})
    assert unmatched(model) == {"bob": "no compatible mentor: each breaks two or more rules "
                                       "(e.g. ana: same_department, seniority)"}


def test_unmatched_only_themselves() -> None:
    model = make([person("ana", "both", seniority=10), mentee("bob")])
    assert unmatched(model) == {"ana": "the only possible mentor is themselves"}


def test_unmatched_nobody_can_mentor() -> None:
    model = make([mentee("bob")])
    assert unmatched(model) == {
        "bob": "nobody can mentor in this cohort (no role mentor or both)"}


# ------------------------------------------------------------------------- the plan itself


def test_plan_keeps_locked_and_active_and_replaces_unlocked_proposals() -> None:
    model = make([mentor("ana", capacity=2, skills=["excel"]), mentor("cid"),
                  mentee("bob", goals=["excel"]), mentee("dan"), mentee("eve")],
                 [{"mentor": "cid", "mentee": "bob", "status": "proposed"},
                  {"mentor": "ana", "mentee": "dan", "status": "active"},
                  {"mentor": "cid", "mentee": "eve", "status": "proposed", "locked": True}])
    plan = P.plan_pairing(model)
    assert plan.kept == [1, 2]
    assert [(p.mentor, p.mentee, p.change, p.replaces) for p in plan.proposals] == [
        ("ana", "bob", "replaced", 0)]


def test_plan_ended_pair_frees_the_mentee_for_another_mentor() -> None:
    model = make([mentor("ana", skills=["excel"]), mentor("cid"),
                  mentee("bob", goals=["excel"])],
                 [{"mentor": "ana", "mentee": "bob", "status": "ended"}])
    plan = P.plan_pairing(model)
    assert [(p.mentor, p.mentee, p.change) for p in plan.proposals] == [("cid", "bob", "new")]


def test_plan_keeps_a_current_proposal_that_is_as_good_as_any_other() -> None:
    people = [mentor("ana"), mentor("cid"), mentee("bob")]  # ana and cid score the same
    first = P.plan_pairing(make(people)).proposals[0]
    other = "cid" if first.mentor == "ana" else "ana"
    model = make(people, [{"mentor": other, "mentee": "bob", "score": round(first.score, 2),
                           "why": first.why}])
    assert [(p.mentor, p.change) for p in P.plan_pairing(model).proposals] == [
        (other, "unchanged")]
    # ... but gives way to a better one
    better = make([mentor("ana", skills=["excel"]), mentor("cid"), mentee("bob", goals=["excel"])],
                  [{"mentor": "cid", "mentee": "bob"}])
    assert [(p.mentor, p.change) for p in P.plan_pairing(better).proposals] == [
        ("ana", "replaced")]


def test_plan_withdraws_a_proposal_that_no_longer_fits() -> None:
    model = make([mentor("ana"), mentee("bob", avoid=["ana"])],
                 [{"mentor": "ana", "mentee": "bob", "status": "proposed"}])
    plan = P.plan_pairing(model)
    assert plan.proposals == []
    assert plan.withdrawn == [(0, "bob is unmatched: only candidates are on an avoid list: ana")]


def test_plan_prefers_more_pairs_to_a_higher_total() -> None:
    # ana fits bob perfectly, but only ana can take cid: both matched beats one great pair
    model = make([mentor("ana", skills=["excel"], capacity=1),
                  mentor("dan", capacity=1, department="IT"),
                  mentee("bob", goals=["excel"]), mentee("cid", department="IT")],
                 rules={"same_department": "forbid"})
    plan = P.plan_pairing(model)
    assert {(p.mentor, p.mentee) for p in plan.proposals} == {("ana", "cid"), ("dan", "bob")}


def test_plan_never_proposes_mutual_pairs() -> None:
    model = make([person("ana", "both", seniority=10, skills=["excel"], goals=["sql"]),
                  person("bob", "both", seniority=10, skills=["sql"], goals=["excel"])],
                 rules={"min_seniority_gap": 0})
    plan = P.plan_pairing(model)
    # both directions score the same; either way one of them is left, and told why
    assert [(p.mentor, p.mentee) for p in plan.proposals] == [("ana", "bob")]
    assert plan.unmatched == [
        ("ana", "every compatible mentor is full or their own mentee: bob (their mentee)")]


def test_plan_withdraws_the_extra_proposals_of_one_mentee() -> None:
    model = make([mentor("ana", skills=["excel"], capacity=2), mentor("cid"),
                  mentee("bob", goals=["excel"]), mentee("dan", anonymized=dt.date(2026, 2, 1))],
                 [{"mentor": "cid", "mentee": "bob"}, {"mentor": "ana", "mentee": "bob"},
                  {"mentor": "ana", "mentee": "dan"}])
    plan = P.plan_pairing(model)
    assert [(p.mentor, p.mentee, p.replaces, p.change) for p in plan.proposals] == [
        ("ana", "bob", 1, "updated")]  # same mentor: that entry is kept and updated
    assert plan.withdrawn == [(0, "bob has a new proposal"), (2, "dan cannot be paired")]
    assert not plan.appends_only


def test_assignment_problem_counts_kept_pairs_and_leaves_out_taken_mentees() -> None:
    model = make([mentor("ana", capacity=2), person("bob", "both", seniority=20, capacity=1),
                  mentee("cid"), mentee("dan"),
                  mentee("eve", anonymized=dt.date(2026, 2, 1))],
                 [{"mentor": "ana", "mentee": "cid", "status": "active"}])
    ctx = P.PairingContext(model)
    problem = P.assignment_problem(ctx)
    assert [ctx.ids[k] for k in problem.mentors] == ["ana", "bob"]
    assert [ctx.ids[k] for k in problem.mentees] == ["bob", "dan"]  # cid taken, eve anonymized
    assert problem.capacity.tolist() == [1, 1]
    assert problem.same_person.tolist() == [-1, 0]  # bob the mentor is column 0
    assert problem.scores.shape == (2, 2) and np.isnan(problem.scores[1, 0])  # bob -> bob


def test_score_table_shape() -> None:
    model = make([mentor("ana"), mentor("cid", avoid=["bob"]), mentee("bob"), mentee("dan")])
    table = P.score_table(model)
    assert table["mentors"] == ["ana", "cid"] and table["mentees"] == ["bob", "dan"]
    assert table["scores"][1][0] is None
    assert all(isinstance(v, float) for v in (table["scores"][0] + table["scores"][1][1:]))


# ---------------------------------------------------- generated cohorts (hypothesis)

TAGS = ["Excel", "excel", "Prise de parole", "prise-de-parole", "SQL", "coaching"]
SITES = [None, "Paris", "Lyon"]
ZONES = [None, "Europe/Paris", "America/New_York", "Asia/Tokyo"]
LANGS = [None, None, None, ["fr"], ["en"], ["fr", "en"], ["de"]]


@st.composite
def cohorts(draw: Any, max_people: int = 7, min_people: int = 1) -> CohortFile:
    n = draw(st.integers(min_people, max_people))
    ids = [f"p{i}" for i in range(n)]
    org_ids = ["boss", "ceo"]
    participants = []
    for i, pid in enumerate(ids):
        others = [o for o in ids if o != pid]
        participants.append({
            "id": pid, "name": pid, "email": f"{pid}@example.com",
            "role": draw(st.sampled_from(["mentor", "mentee", "both"])),
            "department": draw(st.sampled_from([None, "Sales", "sales", "IT"])),
            "manager": draw(st.sampled_from([None, *org_ids, *ids[:i]])),
            "seniority": draw(st.one_of(st.none(), st.integers(0, 25))),
            "location": draw(st.sampled_from(SITES)),
            "timezone": draw(st.sampled_from(ZONES)),
            "languages": draw(st.sampled_from(LANGS)),
            "skills": draw(st.lists(st.sampled_from(TAGS), max_size=3)),
            "goals": draw(st.lists(st.sampled_from(TAGS), max_size=3)),
            "objectives": draw(st.lists(st.sampled_from(["lead", "grow"]), max_size=2,
                                        unique=True)),
            "capacity": draw(st.sampled_from([0, 1, 1, 2, 2])),
            "trained": draw(st.sampled_from([None, *[dt.date(2026, 1, 5)] * 3])),
            "prefer": draw(st.lists(st.sampled_from(others), max_size=1)) if others else [],
            "avoid": draw(st.lists(st.sampled_from(others), max_size=1)) if others else [],
        })
    roles = {p["id"]: p["role"] for p in participants}
    pairs, used = [], set()
    for _ in range(draw(st.integers(0, 3))):
        m, e = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        if m == e or roles[m] == "mentee" or roles[e] == "mentor" or (m, e) in used:
            continue
        status = draw(st.sampled_from(["proposed", "active", "ended"]))
        if status != "ended" and any((e, m) == (p["mentor"], p["mentee"])
                                     and p["status"] != "ended" for p in pairs):
            continue
        used.add((m, e))
        pairs.append({"mentor": m, "mentee": e, "status": status,
                      "locked": draw(st.booleans())})
    data = {
        "version": 1,
        "cohort": {"id": "gen", "name": "Generated", "language": draw(st.sampled_from(
            ["en", "fr"])), "kind": draw(st.sampled_from(["classic", "reverse", "peer"])),
            "start": dt.date(2026, 1, 12), "end": dt.date(2026, 12, 18)},
        "objectives": [{"id": "lead", "title": "Lead"}, {"id": "grow", "title": "Grow"}],
        "matching": {
            "rules": {
                "reporting_line": draw(st.sampled_from(["forbid", "allow"])),
                "same_department": draw(st.sampled_from(["allow", "avoid", "forbid"])),
                "min_seniority_gap": draw(st.sampled_from([0, 0, 3, 5])),
                "common_language": draw(st.sampled_from(["require", "prefer"])),
                "trained_mentors_only": draw(st.booleans()),
            },
            "weights": {name: draw(st.sampled_from([0, 1, 2, 4])) for name in P.FACTORS},
        },
        "org": {"boss": "ceo", "ceo": None},
        "participants": participants,
        "pairs": pairs,
    }
    model, issues = check_document(data)
    assume(model is not None and not [i for i in issues if i.severity == "error"])
    return model


def oracle_forbidden(model: CohortFile, m: str, e: str) -> bool:
    """The hard rules re-written plainly from issue 4, independent of the module."""
    people = model.people()
    a, b = people[m], people[e]
    rules = model.matching.rules
    if not a.can_mentor or not b.can_be_mentored or m == e:
        return True
    if a.anonymized or b.anonymized or m in b.avoid or e in a.avoid:
        return True
    classes = P.classify_pairs(model)
    if any(model.pairs[i].mentor == e and model.pairs[i].mentee == m for i in classes.kept):
        return True
    if any(p.mentor == m and p.mentee == e and p.status == "ended" for p in model.pairs):
        return True

    def chain(pid: str) -> list[str]:
        out, current = [], pid
        while True:
            current = people[current].manager if current in people else model.org.get(current)
            if current is None or current in out:
                return out
            out.append(current)

    if rules.reporting_line == "forbid" and (m in chain(e) or e in chain(m)):
        return True
    lang = model.cohort.language
    if rules.common_language == "require" and not (
            {normalize_tag(x) for x in a.speaks(lang)} & {normalize_tag(x)
                                                          for x in b.speaks(lang)}):
        return True
    if rules.same_department == "forbid" and a.department and b.department \
            and normalize_tag(a.department) == normalize_tag(b.department):
        return True
    if rules.trained_mentors_only and a.trained is None:
        return True
    if a.seniority is not None and b.seniority is not None:
        gap = a.seniority - b.seniority
        if model.cohort.kind == "classic" and gap < rules.min_seniority_gap:
            return True
        if model.cohort.kind == "reverse" and -gap < rules.min_seniority_gap:
            return True
    return False


FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@pytest.mark.slow
@FAST
@given(cohorts())
def test_vectorised_matrices_agree_with_the_pair_by_pair_words(model: CohortFile) -> None:
    ctx = P.PairingContext(model)
    everyone = np.arange(len(ctx.people))
    violations = P.rule_violations(ctx, everyone, everyone)
    values = P.factor_values(ctx, everyone, everyone)
    scores = P.score_values(ctx, everyone, everyone)
    for r, c in itertools.product(range(len(everyone)), repeat=2):
        m, e = ctx.ids[r], ctx.ids[c]
        words = P.pair_rules(ctx, m, e)
        assert sorted({w.code for w in words}) == sorted(
            code for code, v in violations.items() if v[r, c]), (m, e)
        assert bool(words) == oracle_forbidden(model, m, e), (m, e, words)
        factors = P.pair_factors(ctx, m, e)
        for f in factors:
            assert values[f.name][r, c] == pytest.approx(f.value, abs=1e-6), (m, e, f)
        assert scores[r, c] == pytest.approx(P.score_of(factors), abs=1e-5)


def current_proposals(model: CohortFile) -> set[tuple[str, str]]:
    """The unlocked proposals `pair` may replace (kept when that costs nothing)."""
    classes = P.classify_pairs(model)
    return {(model.pairs[i].mentor, model.pairs[i].mentee) for i in classes.replaceable}


def brute_force(model: CohortFile) -> tuple[int, int]:
    """(most pairs, then highest total: 2 units per micro-point + 1 per current proposal kept)
    over every feasible assignment."""
    ctx = P.PairingContext(model)
    classes = ctx.classes
    mentors = list(ctx.mentor_slots())
    open_mentees = [k for k in ctx.mentee_slots() if ctx.ids[k] not in classes.taken
                    and ctx.people[k].anonymized is None]
    scores = P.score_matrix(ctx, np.array(mentors, dtype=np.int64),
                            np.array(open_mentees, dtype=np.int64))
    left = [max(0, int(ctx.capacity[m] - ctx.kept_used[m])) for m in mentors]
    current = current_proposals(model)
    best = (0, 0)
    for choice in itertools.product(range(-1, len(mentors)), repeat=len(open_mentees)):
        load = [0] * len(mentors)
        chosen = {}
        ok = True
        units = 0
        for c, r in enumerate(choice):
            if r < 0:
                continue
            if math.isnan(scores[r, c]):
                ok = False
                break
            load[r] += 1
            chosen[open_mentees[c]] = mentors[r]
            units += 2 * int(round(float(scores[r, c]) * SCALE))
            units += (ctx.ids[mentors[r]], ctx.ids[open_mentees[c]]) in current
        if not ok or any(n > cap for n, cap in zip(load, left, strict=True)):
            continue
        if any(chosen.get(chosen[e]) == e for e in chosen):  # mutual pair
            continue
        best = max(best, (len(chosen), units))
    return best


def plan_key(model: CohortFile, plan: P.PairingPlan) -> tuple[int, int]:
    ctx = P.PairingContext(model)
    current = current_proposals(model)
    units = 0
    for proposal in plan.proposals:
        s = P.score_matrix(ctx, np.array([ctx.index[proposal.mentor]]),
                           np.array([ctx.index[proposal.mentee]]))[0, 0]
        units += 2 * int(round(float(s) * SCALE)) + ((proposal.mentor, proposal.mentee) in current)
        assert (proposal.change in ("unchanged", "updated")) == (
            (proposal.mentor, proposal.mentee) in current)
    return len(plan.proposals), units


@FAST
@given(cohorts(max_people=6, min_people=3))
def test_plan_properties(model: CohortFile) -> None:
    plan = P.plan_pairing(model)
    classes = P.classify_pairs(model)
    people = model.people()
    # no proposed pair breaks a hard rule
    for p in plan.proposals:
        assert not oracle_forbidden(model, p.mentor, p.mentee), p
    # no mentor over capacity (kept pairs count)
    for mid, who in people.items():
        kept = sum(1 for i in classes.kept if model.pairs[i].mentor == mid)
        new = sum(1 for p in plan.proposals if p.mentor == mid)
        assert new <= max(0, who.capacity - kept)
    # kept pairs untouched; taken mentees get nothing; one proposal per mentee at most
    assert plan.kept == list(classes.kept)
    touched = {p.replaces for p in plan.proposals} | {i for i, _ in plan.withdrawn}
    assert not touched & set(classes.kept) and not touched & set(classes.ended)
    mentees = [p.mentee for p in plan.proposals]
    assert len(mentees) == len(set(mentees)) and not set(mentees) & classes.taken
    # no mutual pair among the proposals and the kept pairs
    active = {(p.mentor, p.mentee) for p in plan.proposals} | {
        (model.pairs[i].mentor, model.pairs[i].mentee) for i in classes.kept}
    assert not any((b, a) in active for a, b in active)
    # every open mentee is either proposed or explained
    assert len(plan.proposals) + len(plan.unmatched) == sum(
        1 for p in people.values() if p.can_be_mentored and p.id not in classes.taken
        and p.anonymized is None)
    # the optimum: most matched first, then the highest total (current proposals win ties)
    assert plan_key(model, plan) == brute_force(model)


@pytest.mark.slow
@FAST
@given(cohorts(), st.randoms(use_true_random=False))
def test_same_input_same_output_whatever_the_order_of_participants(model: CohortFile,
                                                                   rnd: Any) -> None:
    plan = P.plan_pairing(model)
    again = P.plan_pairing(model)
    shuffled = model.model_copy(deep=True)
    rnd.shuffle(shuffled.participants)
    third = P.plan_pairing(shuffled)

    def seen(p: P.PairingPlan) -> list[tuple[str, str, float, str]]:
        return [(x.mentor, x.mentee, round(x.score, 6), x.why) for x in p.proposals]

    assert seen(plan) == seen(again) == seen(third)
    assert plan.unmatched == again.unmatched == third.unmatched


@FAST
@given(cohorts())
def test_broken_rules_of_the_files_pairs_are_the_rules_pair_applies(model: CohortFile) -> None:
    """validate/approve (broken_rules) and pair (the matrices) apply the same hard rules."""
    from mentorcli.pairing.rules import _CHECKED_ELSEWHERE, broken_rules

    ctx = P.PairingContext(model)
    everyone = np.arange(len(ctx.people))
    violations = P.rule_violations(ctx, everyone, everyone)
    over: dict[str, int] = {}
    for pair in model.pairs:
        found = broken_rules(model, pair)
        if pair.mentor not in ctx.index or pair.mentee not in ctx.index:
            assert found == []
            continue
        r, c = ctx.index[pair.mentor], ctx.index[pair.mentee]
        expected = sorted(code for code, v in violations.items()
                          if v[r, c] and code not in _CHECKED_ELSEWHERE)
        assert sorted({code for code, _ in found if code != "capacity"}) == expected
        assert all(words for _, words in found)
        if any(code == "capacity" for code, _ in found):
            assert pair.status != "ended"
            over[pair.mentor] = over.get(pair.mentor, 0) + 1
    for person in model.participants:
        open_pairs = sum(1 for p in model.pairs if p.mentor == person.id and p.status != "ended")
        assert over.get(person.id, 0) == max(0, open_pairs - person.capacity)

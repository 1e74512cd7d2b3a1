"""Pairing speaks mentorcli's language (a command that read a cohort: the cohort's
`language`, unless --lang or MENTORCLI_LANG say otherwise): every `why`, hard rule, factor
detail, unmatched or withdrawn reason and what `pair` and `explain` print, in English or in
French with French typography; the machine fields of the JSON stay the same. The pure
functions are called here inside `i18n.cohort_language`, as a command calls them."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).parent))
from test_pairing import cohorts, make, mentee, mentor, person  # noqa: E402

from mentorcli import i18n  # noqa: E402
from mentorcli import pairing as P  # noqa: E402
from mentorcli.model import CohortFile  # noqa: E402

NBSP, NNBSP = "\u00a0", "\u202f"


def fr(text: str) -> str:
    """French typography for an expected string written with plain spaces: ' : ' and ' ; '
    take the no-break spaces mentorcli.localize puts before them, '8 h' a no-break space."""
    text = text.replace(" : ", f"{NBSP}: ").replace(" ; ", f"{NNBSP}; ")
    return re.sub(r"(\d) h\b", rf"\1{NBSP}h", text)


def french(participants: list[dict[str, Any]], pairs: list[dict[str, Any]] | None = None,
           **keys: Any) -> CohortFile:
    return make(participants, pairs, language="fr", **keys)


def speaking(model: CohortFile) -> Any:
    """The cohort's language, as a command that has read the cohort speaks it."""
    return i18n.cohort_language(model.cohort.language)


def reasons(model: CohortFile, m: str, e: str, history: Any = ()) -> list[str]:
    with speaking(model):
        return [r.reason for r in P.pair_rules(P.PairingContext(model, history), m, e)]


def details(model: CohortFile, m: str, e: str) -> dict[str, str]:
    with speaking(model):
        return {f.name: f.detail for f in P.pair_factors(P.PairingContext(model), m, e)}


def plan(model: CohortFile) -> P.PairingPlan:
    with speaking(model):
        return P.plan_pairing(model)


def unmatched(model: CohortFile) -> dict[str, str]:
    return dict(plan(model).unmatched)


# ------------------------------------------------------------------------ hard rules, French


def test_french_rule_reasons() -> None:
    model = french([mentor("ana", seniority=6, avoid=["bob"], trained=None, department="IT",
                           languages=["de"], anonymized=dt.date(2026, 2, 1)),
                    mentee("bob", seniority=4, manager="ana", department="it",
                           languages=["fr", "en"])],
                   [{"mentor": "ana", "mentee": "bob", "status": "ended",
                     "ended": dt.date(2026, 3, 1)}],
                   rules={"same_department": "forbid", "trained_mentors_only": True})
    assert reasons(model, "ana", "bob") == [fr(text) for text in [
        "ana : données personnelles supprimées le 1er février 2026",
        "ana a demandé à éviter bob",
        "leur binôme a pris fin le 1er mars 2026 : un binôme terminé n’est jamais reproposé",
        "bob rend compte directement à ana (reporting_line: forbid)",
        "aucune langue commune (ana parle de ; bob parle fr, en)",
        "les deux sont au service IT (same_department: forbid)",
        "ana n’a pas de date de formation (trained_mentors_only: true)",
        "ana a 2 ans d’expérience en plus par rapport à bob ; le mentorat classique demande au "
        "moins 3 ans d’expérience en plus au mentor",
    ]]
    assert reasons(model, "bob", "ana")[:2] == ["bob n’est pas mentor (role: mentee)",
                                                "ana n’est pas mentoré·e (role: mentor)"]


def test_french_rule_reasons_of_other_rules() -> None:
    chain = french([mentor("dan", manager="ceo"), mentee("cid", manager="lead")],
                   org={"lead": "dan", "ceo": None})
    assert reasons(chain, "dan", "cid") == [
        "cid rend compte indirectement à dan (cid -> lead -> dan) (reporting_line: forbid)"]
    mutual = french([person("ana", "both", seniority=10), person("bob", "both", seniority=10)],
                    [{"mentor": "ana", "mentee": "bob", "status": "active"}],
                    rules={"min_seniority_gap": 0})
    assert reasons(mutual, "bob", "ana") == [fr(
        "ana mentore déjà bob (binôme actif) : personne n’est à la fois mentor et mentoré·e "
        "d’une même personne")]
    alone = french([person("ana", "both", seniority=10)])
    assert "une personne ne peut pas être son propre mentor" in reasons(alone, "ana", "ana")
    old = make([mentor("ana"), mentee("bob")], [{"mentor": "ana", "mentee": "bob"}])
    again = french([mentor("ana"), mentee("bob")])
    assert reasons(again, "ana", "bob", P.history_pairs([old])) == [
        "déjà en binôme dans la cohorte test (--history)"]
    same = french([mentor("ana", seniority=5), mentee("bob", seniority=5)])
    assert reasons(same, "ana", "bob") == [fr(
        "ana et bob ont la même expérience ; le mentorat classique demande au moins 3 ans "
        "d’expérience en plus au mentor")]
    inverted = french([mentor("ana", seniority=20), mentee("bob", seniority=19)], kind="reverse")
    assert reasons(inverted, "ana", "bob") == [fr(  # French: 1 an, 1,5 an, 2 ans
        "bob a 1 an d’expérience en moins par rapport à ana ; le mentorat inversé demande au "
        "moins 3 ans d’expérience en plus à la personne mentorée")]


# --------------------------------------------------------------------------- factors, French


def test_french_factor_details() -> None:
    model = french([mentor("ana", skills=["Prise de parole", "Délégation"], department="IT",
                           location="Paris", timezone="Europe/Paris", objectives=["lead"],
                           prefer=["bob"]),
                    mentor("cid", department="RH", location="NYC",
                           timezone="America/New_York", objectives=["grow"]),
                    mentee("bob", goals=["prise de parole", "délégation"], department="RH",
                           location="Lyon", timezone="Europe/Paris",
                           objectives=["lead", "grow"], prefer=["ana"])])
    assert details(model, "ana", "bob") == {
        "goals": fr("objectifs couverts : prise de parole, délégation"),
        "objectives": fr("objectif du programme en commun : lead"),
        "department": "services différents",
        "seniority": "18 ans d’expérience en plus",
        "location": fr("8 h de travail en commun"),
        "preference": "choix réciproque",
    }
    assert details(model, "cid", "bob") == {
        "goals": "aucun objectif de bob couvert",
        "objectives": fr("objectif du programme en commun : grow"),
        "department": "même service (RH)",
        "seniority": "18 ans d’expérience en plus",
        "location": fr("2 h de travail en commun"),
        "preference": "aucune préférence exprimée",
    }


def test_french_factor_details_when_data_is_missing_or_partly_there() -> None:
    model = french([mentor("ana", skills=["excel"], seniority=None, prefer=["bob"],
                           location="Paris"),
                    mentee("bob", goals=["Excel", "SQL"], location="Lyon", timezone="Asia/Tokyo",
                           objectives=["lead"])],
                   rules={"common_language": "prefer"}, kind="reverse")
    assert details(model, "ana", "bob") == {
        "goals": fr("objectif couvert : Excel (1 sur 2)"),
        "objectives": "ana n’indique aucun objectif du programme (neutre 0,5)",
        "department": "service non renseigné (neutre 0,5)",
        "seniority": "expérience non renseignée (neutre 0,5)",
        "location": "site ou fuseau horaire non renseigné (neutre 0,5)",
        "preference": "ana a demandé bob",
        "language": fr("langue commune : fr"),
    }
    reverse = french([mentor("ana", seniority=2), mentee("bob", seniority=26.5, goals=[])],
                     kind="reverse")
    assert details(reverse, "ana", "bob")["seniority"] == (
        "la personne mentorée a 24,5 ans d’expérience en plus")
    assert details(reverse, "ana", "bob")["goals"] == "bob n’indique aucun objectif (neutre 0,5)"
    peer = french([mentor("ana", seniority=5), mentee("bob", seniority=6),
                   mentee("cid", seniority=5)], kind="peer")
    assert details(peer, "ana", "bob")["seniority"] == "1 an d’écart d’expérience"
    assert details(peer, "ana", "cid")["seniority"] == "même expérience"


def test_french_why_line_with_no_factor_in_favour() -> None:
    nothing = french([mentor("ana", seniority=None), mentee("bob")],
                     weights={"goals": 0, "objectives": 0, "department": 0, "seniority": 1,
                              "location": 0, "preference": 0})
    assert plan(nothing).proposals[0].why == "aucun critère favorable"


# ------------------------------------------------------------------ unmatched reasons, French


def test_french_unmatched_reasons() -> None:
    assert unmatched(french([mentor("ana", languages=["fr"]),
                             mentee("bob", languages=["en", "de"])])) == {
        "bob": "aucun mentor ne parle en ou de"}
    full = french([mentor("amartin", capacity=2), mentor("cleroy", capacity=1),
                   mentee("a1"), mentee("a2"), mentee("a3"), mentee("zed")],
                  [{"mentor": "amartin", "mentee": "a1", "status": "active"},
                   {"mentor": "amartin", "mentee": "a2", "status": "active"},
                   {"mentor": "cleroy", "mentee": "a3", "status": "proposed", "locked": True}])
    assert unmatched(full) == {
        "zed": fr("tous les mentors compatibles sont complets : amartin (2/2), cleroy (1/1)")}
    line = french([mentor("amartin"), mentee("bpetit", manager="amartin")])
    assert unmatched(line) == {"bpetit": fr("seuls mentors possibles dans sa ligne hiérarchique : "
                                            "amartin")}
    two = french([mentor("amartin"), mentor("cleroy", languages=["de"]),
                  mentee("bpetit", manager="amartin")])
    assert unmatched(two) == {"bpetit": fr(
        "aucun mentor compatible : dans sa ligne hiérarchique : amartin ; sans langue "
        "commune : cleroy")}
    seniority = french([mentor(f"m{i}", seniority=3) for i in range(8)] + [mentee("bob")])
    assert unmatched(seniority) == {"bob": fr(
        "seuls mentors possibles trop proches en expérience (le mentorat classique demande "
        "au moins 3 ans d’expérience en plus au mentor) : m0, m1, m2, m3, m4, m5 et 2 autres")}
    juniors = french([mentor(f"m{i}", seniority=3) for i in range(2)]
                     + [mentee("bob", seniority=18)])
    assert unmatched(juniors) == {"bob": fr(
        "seuls mentors possibles moins expérimentés que cette personne (le mentorat "
        "classique demande au moins 3 ans d’expérience en plus au mentor) : m0, m1")}
    several = french([mentor("ana", seniority=1, department="IT"),
                      mentee("bob", department="IT")], rules={"same_department": "forbid"})
    assert unmatched(several) == {"bob": fr(
        "aucun mentor compatible : chaque mentor enfreint au moins deux règles (par ex. ana : "
        "same_department, seniority)")}
    assert unmatched(french([person("ana", "both", seniority=10), mentee("bob")])) == {
        "ana": fr("seul mentor possible : la personne elle-même")}
    assert unmatched(french([mentee("bob")])) == {
        "bob": "personne ne peut être mentor dans cette cohorte (aucun role mentor ou both)"}
    mutual = french([person("ana", "both", seniority=10, skills=["excel"], goals=["sql"]),
                     person("bob", "both", seniority=10, skills=["sql"], goals=["excel"])],
                    rules={"min_seniority_gap": 0})
    assert unmatched(mutual) == {"ana": fr(
        "tous les mentors compatibles sont complets ou déjà en binôme avec cette personne : "
        "bob (son binôme)")}


def test_french_withdrawn_reasons() -> None:
    model = french([mentor("ana", skills=["excel"], capacity=2), mentor("cid"),
                    mentee("bob", goals=["excel"]), mentee("dan", anonymized=dt.date(2026, 2, 1)),
                    mentee("eve", avoid=["ana", "cid"])],
                   [{"mentor": "cid", "mentee": "bob"}, {"mentor": "ana", "mentee": "bob"},
                    {"mentor": "ana", "mentee": "dan"}, {"mentor": "ana", "mentee": "eve"}])
    assert plan(model).withdrawn == [
        (0, "bob a une nouvelle proposition"),
        (2, "dan ne peut plus être en binôme"),
        (3, fr("eve reste sans mentor : seuls mentors possibles à éviter (avoid) : ana, cid")),
    ]


# ------------------------------------------------------------------ the summary line of `pair`


def test_summary_line_in_both_languages() -> None:
    people = [mentor("ana", capacity=3), mentor("cid"), mentee("bob"), mentee("dan"),
              mentee("eve"), mentee("fay", languages=["de"])]
    pairs = [{"mentor": "cid", "mentee": "eve", "status": "active"}]
    english = plan(make(people, pairs))
    assert english.summary("c.yaml", True, False) == (
        "2 proposed (2 new), 1 kept, 1 unmatched; wrote c.yaml")
    assert english.summary("c.yaml", False, True) == (
        "2 proposed (2 new), 1 kept, 1 unmatched; dry run: nothing written")
    planned = plan(french(people, pairs))
    with i18n.cohort_language("fr"):  # the summary is said in the language of the moment
        assert planned.summary("c.yaml", True, False) == fr(
            "2 binômes proposés (2 nouveaux), 1 conservé, 1 sans mentor ; c.yaml écrit")
        assert planned.summary("c.yaml", False, False) == fr(
            "2 binômes proposés (2 nouveaux), 1 conservé, 1 sans mentor ; c.yaml inchangé")
        assert planned.summary("c.yaml", False, True) == fr(
            "2 binômes proposés (2 nouveaux), 1 conservé, 1 sans mentor ; simulation : rien "
            "n’a été écrit")
        assert plan(french([mentee("bob")])).summary("c.yaml", False, True) == fr(
            "0 binôme proposé, 0 conservé, 1 sans mentor ; simulation : rien n’a été écrit")


# ---------------------------------------------------- generated cohorts: both languages agree

ENGLISH_WORDS = re.compile(
    r"\b(covers|shares|speaks?|asked|years?|experience|different|not given|neutral|working "
    r"hours|compatible mentor|only candidates|nobody|their|themselves|already paired|cannot|"
    r"favour|in common|lists no|proposal|unmatched|manager)\b")
FILE_SYNTAX = re.compile(r"\b(role|reporting_line|same_department|trained_mentors_only|"
                         r"min_seniority_gap|status): ")


def texts_of(model: CohortFile) -> list[str]:
    """Every human text pairing writes for this cohort: rules and factors of every pair,
    why, unmatched and withdrawn reasons."""
    with speaking(model):
        ctx = P.PairingContext(model)
        found = []
        for m in ctx.ids:
            for e in ctx.ids:
                found += [r.reason for r in P.pair_rules(ctx, m, e)]
                factors = P.pair_factors(ctx, m, e)
                found += [f.detail for f in factors] + [P.why_line(factors)]
        planned = P.plan_pairing(model)
    return found + [r for _, r in planned.unmatched] + [r for _, r in planned.withdrawn]


def in_language(model: CohortFile, language: str) -> CohortFile:
    """The same cohort in `language`: everyone's languages written out, so that nothing but
    the words changes."""
    twin = model.model_copy(deep=True)
    for p in twin.participants:
        p.languages = p.speaks(model.cohort.language)
    twin.cohort.language = language
    return twin


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(cohorts(max_people=6))
def test_french_says_what_english_says_in_french(model: CohortFile) -> None:
    english, french_twin = in_language(model, "en"), in_language(model, "fr")
    a, b = plan(english), plan(french_twin)
    assert [(p.mentor, p.mentee, p.score) for p in a.proposals] == [
        (p.mentor, p.mentee, p.score) for p in b.proposals]
    assert [m for m, _ in a.unmatched] == [m for m, _ in b.unmatched]
    assert [i for i, _ in a.withdrawn] == [i for i, _ in b.withdrawn]
    for text in texts_of(english):
        assert NBSP not in text and NNBSP not in text, text
    for text in texts_of(french_twin):
        assert not ENGLISH_WORDS.search(text), text
        plain = FILE_SYNTAX.sub("", text)  # the file's `key: value` is quoted as written
        assert not re.search(f"(?<!{NBSP}):", plain), text
        assert not re.search(f"(?<!{NNBSP});", plain), text


# ---------------------------------------------------------------------- end to end, French

COHORT = """\
version: 1
cohort:
  id: essai-2026
  name: Essai 2026
  language: fr                 # langue des contrats, des rapports et de l'appariement
  kind: classic
  start: 2026-01-12
  end: 2026-12-18
participants:
  - id: amartin
    name: Alice Martin
    email: alice.martin@example.com
    role: mentor
    department: Ventes
    seniority: 20
    location: Lyon
    timezone: Europe/Paris
    skills: [prise de parole, délégation]
    capacity: 1
  - id: cleroy
    name: Claire Leroy
    email: claire.leroy@example.com
    role: mentor
    department: Finance
    seniority: 15
    location: Paris
    timezone: Europe/Paris
    capacity: 1
  - id: bpetit
    name: Bruno Petit
    email: bruno.petit@example.com
    role: mentee
    department: RH
    manager: amartin
    seniority: 2
    location: Paris
    timezone: Europe/Paris
    goals: [Prise de parole]
  - id: dlopez
    name: Diana López
    email: diana.lopez@example.com
    role: mentee
    department: RH
    seniority: 3
    location: Lyon
    timezone: Europe/Paris
    languages: [de]
  - id: emoreau
    name: Émile Moreau
    email: emile.moreau@example.com
    role: mentee
    department: RH
    seniority: 1
    location: Lyon
    timezone: Europe/Paris
    goals: [délégation, budget]
pairs: []
"""


def test_pair_writes_and_prints_french_for_a_french_cohort(run, tmp_path) -> None:
    path = tmp_path / "essai.yaml"
    path.write_text(COHORT, encoding="utf-8")
    result = run(["pair", path])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["mentor", "mentoré·e", "score", "pourquoi"]
    assert [line.split(None, 3) for line in lines[2:]] == [
        ["cleroy", "bpetit", "0,36", fr("services différents ; 13 ans d’expérience en plus ; "
                                        "même site (Paris)")],
        ["amartin", "emoreau", "0,55", fr("objectif couvert : délégation (1 sur 2) ; services "
                                          "différents ; 19 ans d’expérience en plus ; même site "
                                          "(Lyon)")],
    ]
    assert result.stderr.splitlines() == [
        fr("sans mentor : dlopez : aucun mentor ne parle de"),
        fr(f"2 binômes proposés (2 nouveaux), 0 conservé, 1 sans mentor ; {path} écrit"),
    ]
    from mentorcli.store.loading import load_cohort

    whys = {(p.mentor, p.mentee): p.why for p in load_cohort(path).model.pairs}
    assert whys[("amartin", "emoreau")] == lines[3].split(None, 3)[3]
    again = run(["pair", path])
    assert again.stderr.splitlines()[-1] == fr(
        f"2 binômes proposés (2 inchangés), 0 conservé, 1 sans mentor ; {path} inchangé")


def test_pair_json_keeps_machine_fields_and_says_the_language(run, tmp_path) -> None:
    path = tmp_path / "essai.yaml"
    path.write_text(COHORT.replace("pairs: []", "pairs:\n  - {mentor: amartin, mentee: dlopez}"),
                    encoding="utf-8")
    data = json.loads(run(["pair", path, "--dry-run", "--format", "json"]).stdout)
    assert data["language"] == "fr"
    assert [p["change"] for p in data["proposed"]] == ["new", "new"]
    assert data["unmatched"] == [{"mentee": "dlopez",
                                  "reason": "aucun mentor ne parle de"}]
    assert data["withdrawn"] == [{"mentor": "amartin", "mentee": "dlopez", "reason": fr(
        "dlopez reste sans mentor : aucun mentor ne parle de")}]
    english = tmp_path / "english.yaml"
    english.write_text(COHORT.replace("language: fr ", "language: en "), encoding="utf-8")
    assert json.loads(run(["pair", english, "--dry-run", "--format", "json"]).stdout)[
        "language"] == "en"


def test_explain_in_french(run, tmp_path) -> None:
    path = tmp_path / "essai.yaml"
    path.write_text(COHORT.replace("pairs: []", "pairs:\n  - {mentor: cleroy, mentee: emoreau, "
                                                "status: active, locked: true}"),
                    encoding="utf-8")
    result = run(["explain", path, "amartin", "bpetit"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [fr(line) for line in [
        "amartin -> bpetit : interdit",
        "  - bpetit rend compte directement à amartin (reporting_line: forbid)",
        "score si le binôme était autorisé : 0,73",
        "critère       valeur    poids    contribution  détail",
        "----------  --------  -------  --------------  " + "-" * 57,
        "goals           1,00        4           0,364  objectif couvert : Prise de parole",
        "objectives      0,50        2           0,091  bpetit n’indique aucun objectif du "
        "programme (neutre 0,5)",
        "department      1,00        1           0,091  services différents",
        "seniority       1,00        1           0,091  18 ans d’expérience en plus",
        "location        1,00        1           0,091  8 h de travail en commun",
        "preference      0,00        2           0,000  aucune préférence exprimée",
    ]]
    allowed = run(["explain", path, "cleroy", "emoreau"])
    assert allowed.stdout.splitlines()[0] == fr("cleroy -> emoreau : score 0,36")
    assert allowed.stdout.splitlines()[-1] == fr(
        "pourquoi : services différents ; 14 ans d’expérience en plus ; 8 h de travail en "
        "commun")
    assert allowed.stderr.splitlines() == [fr(line) for line in [
        "remarque : cleroy n’a plus de place libre (1/1 prises par des binômes verrouillés "
        "ou actifs)",
        "remarque : cleroy -> emoreau figure déjà dans le fichier (status: active, verrouillé)",
    ]]
    kept = run(["explain", path, "amartin", "emoreau"])
    assert kept.stderr.splitlines() == [fr(
        "remarque : emoreau a déjà un mentor, `pair` ne lui en propose donc aucun autre : "
        "cleroy (status: active, verrouillé)")]
    data = json.loads(run(["explain", path, "amartin", "bpetit", "--format", "json"]).stdout)
    assert data["language"] == "fr"
    assert data["forbidden_by"] == [{"rule": "reporting_line", "reason": (
        "bpetit rend compte directement à amartin (reporting_line: forbid)")}]
    assert [f["factor"] for f in data["factors"]] == [
        "goals", "objectives", "department", "seniority", "location", "preference"]

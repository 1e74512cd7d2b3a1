"""Issue 12 on a French cohort, end to end with the exact output: pairs written by hand
against the pairing rules (validate, pair, exception), reasons the right way round, explain
for a pair `pair` did not choose, mentees without a mentor in the report, an ended pair
without `ended:`, and `init`'s example people."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    path = tmp_path / "comite.yaml"
    shutil.copyfile(DATA / "cohorte-regles-fr.yaml", path)
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def load(path: Path):
    from mentorcli.store.loading import load_cohort

    return load_cohort(path).model


RULE = "pblanc rend compte directement à dgarnier (reporting_line: forbid)"


# ------------------------------------------------------------ pairs written by hand


def test_validate_checks_hand_made_pairs_against_the_pairing_rules(run, cohort):
    result = run(["validate", cohort])
    assert result.exit_code == 2
    assert result.stderr == (  # in the cohort's language (issue 13)
        f"{cohort}:56:5: pairs[0]: le binôme dgarnier -> pblanc enfreint une règle "
        f"d’appariement\u00a0: {RULE}\u202f; lancez `mentorcli pair` pour remplacer cette "
        "proposition, ou écrivez la raison d’une exception dans `exception:`\n")
    # an active pair exists already: a warning (files that validated keep validating)
    edit(cohort, "    status: proposed\n", "    status: active\n")
    active = run(["validate", cohort])
    assert active.exit_code == 0
    assert active.stderr == (
        f"{cohort}:56:5: avertissement\u00a0: pairs[0]: le binôme dgarnier -> pblanc (active) "
        f"enfreint une règle d’appariement\u00a0: {RULE}\u202f; terminez le binôme, ou écrivez "
        "la raison d’une exception dans `exception:`\n")
    assert run(["validate", "--strict", cohort]).exit_code == 1
    # the coordinator's reasoned exception: never an error, noted as a warning
    edit(cohort, "    status: active\n",
         "    status: proposed\n    exception: \"binôme transversal voulu par le comité\"\n")
    excepted = run(["validate", cohort])
    assert excepted.exit_code == 0
    assert excepted.stderr == (
        f"{cohort}:59:16: avertissement\u00a0: pairs[0].exception: le binôme dgarnier -> pblanc "
        "enfreint une règle d’appariement, gardé par exception («\u00a0binôme transversal voulu "
        f"par le comité\u00a0»)\u00a0: {RULE}\n")


def test_broken_rules_gives_the_rules_in_explains_words(cohort):
    import yaml  # the file does not load (its proposal breaks a rule): read it as data

    from mentorcli import i18n
    from mentorcli.model import CohortFile
    from mentorcli.pairing.rules import broken_rules

    model = CohortFile.model_validate(yaml.safe_load(cohort.read_text(encoding="utf-8")))
    with i18n.cohort_language("fr"):  # as validate and approve speak, having read the file
        assert broken_rules(model, model.pairs[0]) == [("reporting_line", RULE)]
        model.participants[0].capacity = 0
        assert broken_rules(model, model.pairs[0]) == [
            ("capacity", "dgarnier a 1 binôme en cours pour une capacité de 0"),
            ("reporting_line", RULE)]


def test_pair_replaces_a_proposal_that_breaks_a_rule_and_says_so(run, cohort):
    result = run(["pair", cohort])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"règle enfreinte\u00a0: dgarnier -> pblanc\u00a0: {RULE}\u202f; une proposition que "
        "`pair` remplace",
        "sans mentor\u00a0: nleroy\u00a0: seuls mentors possibles moins expérimentés que "
        "cette personne (le mentorat classique demande au moins 3 ans d’expérience en plus "
        "au mentor)\u00a0: cfaure, dgarnier",
        f"2 binômes proposés (1 nouveau, 1 remplacé), 0 conservé, 1 sans mentor\u202f; "
        f"{cohort} écrit",
    ]
    pairs = [(p.mentor, p.mentee, p.status) for p in load(cohort).pairs]
    assert pairs == [("cfaure", "pblanc", "proposed"), ("dgarnier", "hmartin", "proposed")]
    assert "  - mentor: cfaure             # décidé en comité\n" in cohort.read_text(
        encoding="utf-8")
    assert run(["validate", cohort]).exit_code == 0


# ------------------------------------------------------------ reasons and reports


def test_explain_says_why_pair_did_not_choose_an_allowed_pair(run, cohort):
    result = run(["explain", cohort, "cfaure", "hmartin"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-4:] == [
        "`pair` ne propose pas ce binôme\u00a0:",
        "  - les places de cfaure (1) vont à pblanc (0,65)",
        "  - hmartin a dgarnier à la place (0,68)",
        "  - le proposer à la place laisserait 1 personne de plus sans mentor (et le score "
        "total passerait de 1,34 à 0,48)",
    ]
    chosen = run(["explain", cohort, "dgarnier", "hmartin"])
    assert chosen.stdout.splitlines()[-1] == "`pair` propose ce binôme"
    data = json.loads(run(["explain", cohort, "cfaure", "hmartin", "--format", "json"]).stdout)
    assert data["proposal"] == {
        "chosen": False, "mentor_places": [{"mentee": "pblanc", "score": 0.6545}],
        "mentor_kept_pairs": [], "mentee_gets": {"mentor": "dgarnier", "score": 0.6818},
        "total": 1.3364, "matched": 2, "total_if_forced": 0.4818, "matched_if_forced": 1,
        "loss": 0.8545}


def test_explain_does_not_solve_again_a_cohort_too_big(run, cohort, monkeypatch):
    from mentorcli.pairing import plan

    monkeypatch.setattr(plan, "EXPLAIN_MAX_CELLS", 5)  # 2 mentors x 3 mentees: too big
    result = run(["explain", cohort, "cfaure", "hmartin"])
    assert result.stdout.splitlines()[-1] == (
        "`pair` le propose-t-il\u202f? voir `mentorcli pair --dry-run` (trop de personnes "
        "pour tout recalculer ici)")


def test_the_report_lists_mentees_without_a_mentor_with_the_reason(run, cohort):
    assert run(["pair", cohort]).exit_code == 0
    reason = ("seuls mentors possibles moins expérimentés que cette personne (le mentorat "
              "classique demande au moins 3 ans d’expérience en plus au mentor)\u00a0: "
              "cfaure, dgarnier")
    markdown = run(["report", cohort, "--as-of", "2026-02-01", "--format", "markdown"])
    assert markdown.exit_code == 0, markdown.stderr
    text = markdown.stdout
    assert text[text.index("## Personnes mentorées"):].split("\n\n")[:2] == [
        "## Personnes mentorées sans mentor",
        "| Mentoré·e | Courriel | Motif |\n|---|---|---|\n"
        f"| Nadia Leroy | nadia.leroy@exemple.fr | {reason} |"]
    data = json.loads(run(["report", cohort, "--as-of", "2026-02-01", "--format",
                           "json"]).stdout)
    assert data["programme"]["unmatched_mentees"] == [
        {"id": "nleroy", "name": "Nadia Leroy", "email": "nadia.leroy@exemple.fr",
         "reason": reason}]
    csv_rows = run(["report", cohort, "--as-of", "2026-02-01", "--format", "csv"]).stdout
    assert csv_rows.splitlines()[-1].startswith(",,,nleroy,Nadia Leroy,"
                                                "nadia.leroy@exemple.fr,unmatched,")
    html = run(["report", cohort, "--as-of", "2026-02-01", "--format", "html"]).stdout
    assert "Personnes mentorées sans mentor" in html and "Nadia Leroy" in html
    hidden = json.loads(run(["report", cohort, "--as-of", "2026-02-01", "--format", "json",
                             "--anonymize"]).stdout)
    assert [u["reason"] for u in hidden["programme"]["unmatched_mentees"]] == [""]
    assert "Nadia" not in json.dumps(hidden)


ENDED = """\
pairs:
  - mentor: cfaure
    mentee: pblanc
    status: ended
    started: 2026-01-06

sessions:
  - {mentor: cfaure, mentee: pblanc, date: 2026-01-06, minutes: 60}
  - {mentor: cfaure, mentee: pblanc, date: 2026-02-03, minutes: 60}
"""


def test_an_ended_pair_without_ended_date(run, cohort):
    text = cohort.read_text(encoding="utf-8")
    cohort.write_text(text[:text.index("pairs:")] + ENDED, encoding="utf-8")
    result = run(["validate", cohort])
    assert result.exit_code == 0
    assert result.stderr == (  # in the cohort's language (issue 13)
        f"{cohort}:58:13: avertissement\u00a0: pairs[0].status: le binôme cfaure -> pblanc est "
        "terminé mais n’a pas de date `ended:`\u202f; le 2026-02-03 (sa dernière rencontre) "
        "est retenu\u00a0: rien n’est attendu après. Ajoutez `ended: AAAA-MM-JJ` au binôme\n")
    data = json.loads(run(["report", cohort, "--as-of", "2026-06-30", "--format",
                           "json"]).stdout)
    (row,) = data["pairs"]
    # expected up to the assumed end (2026-02-03), none after: nothing missing
    assert (row["sessions_held"], row["sessions_expected"], row["sessions_missing"]) == (2, 0, 0)
    log = run(["log", cohort, "cfaure", "pblanc", "--date", "2026-03-03", "--minutes", "60"],
              env={"MENTORCLI_TODAY": "2026-03-10"})
    assert log.exit_code == 2
    assert log.stderr == (  # in the cohort's language (issue 13)
        "le binôme cfaure -> pblanc est terminé (sans date `ended:`, le 3 février 2026, sa "
        "dernière rencontre, est retenu)\u202f; une rencontre après sa fin ne peut pas être "
        "enregistrée\u202f; s’il s’est terminé plus tard, écrivez sa date `ended:`\n")
    earlier = run(["log", cohort, "cfaure", "pblanc", "--date", "2026-01-20", "--minutes",
                   "45"], env={"MENTORCLI_TODAY": "2026-03-10"})
    assert earlier.exit_code == 0, earlier.stderr


# ------------------------------------------------------------ init's example people


def test_init_example_people_are_never_paired_and_validate_warns(run, tmp_path):
    path = tmp_path / "nouvelle.yaml"
    assert run(["init", path, "--language", "fr", "--start", "2026-03-02"]).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert text.count("    example: true") == 2
    real = ("  - id: lroux\n    name: Léa Roux\n    email: lea.roux@exemple.fr\n"
            "    role: mentee\n    department: Ventes\n    seniority: 1\n"
            "    languages: [fr]\n    goals: [délégation]\n\npairs:")
    path.write_text(text.replace("\npairs:", "\n" + real, 1), encoding="utf-8")
    result = run(["validate", path])
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and all(  # in the cohort's language (issue 13)
        line.endswith("est une personne d’exemple écrite par `mentorcli init`\u202f; `pair` ne "
                      "la propose jamais\u00a0: supprimez-la (avec ses binômes et ses "
                      "rencontres) une fois vos vrais participant·es saisi·es") for line in lines)
    paired = run(["pair", path])
    assert paired.exit_code == 0, paired.stderr
    assert load(path).pairs == []
    assert paired.stderr.splitlines()[0] == (
        "sans mentor\u00a0: lroux\u00a0: seuls mentors possibles des personnes d’exemple "
        "écrites par `init`\u00a0: claire-dubois")

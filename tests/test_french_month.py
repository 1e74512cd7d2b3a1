"""Issue 12 on the shipped French cohort, end to end, exact output: approve refuses a pair
that breaks a hard rule unless the coordinator wrote a reasoned `exception:`; `anonymize
--before` keeps people whose participation is not over and says why; `sign --by
coordinator`; a signed contract does not change when a meeting is logged; `forget` removes
the erased person's contracts and calendars."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from mentorcli import runtime
from mentorcli.store import edits as E
from mentorcli.store.loading import load_cohort
from mentorcli.store.transaction import change_cohort

REPO = Path(__file__).resolve().parent.parent
FRENCH = REPO / "cohorts" / "mentorat-managers-2026.yaml"
JULY = dt.date(2026, 7, 1)
NBSP, NNBSP = "\u00a0", "\u202f"  # French typography: before ':' and before ';'
  # the cohort runs from 2026-01-12 to 2026-12-18


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    path = tmp_path / "mentorat.yaml"
    shutil.copyfile(FRENCH, path)
    return path


def lines_changed(before: str, after: str) -> list[str]:
    import difflib

    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


# ------------------------------------------------------------------ approve and rules


def test_approve_refuses_a_direct_report_unless_the_coordinator_wrote_an_exception(
        run, cohort: Path) -> None:
    # a committee typed in a pair of a manager and their direct report
    change_cohort(cohort, lambda model: E.Changes([E.Append(("pairs",), {
        "mentor": "fgirard", "mentee": "amartinez", "status": "proposed"})]))
    before = cohort.read_bytes()
    refused = run(["approve", cohort, "fgirard", "amartinez", "--date", "2026-06-01"])
    assert refused.exit_code == 2
    # in the cohort's language (issue 13); the rule's own words come from `pairing`
    first, second = refused.stderr.splitlines()
    assert first == f"aucun binôme approuvé{NBSP}:"
    assert second.startswith(f"  fgirard -> amartinez{NBSP}: enfreint une règle "
                             f"d’appariement{NBSP}: ")
    assert "amartinez rend compte directement à fgirard (reporting_line: forbid)" in second
    assert second.endswith(f"{NNBSP}; pour l’approuver quand même, écrivez la raison de la "
                           "coordination dans la clé `exception:` du binôme")
    assert cohort.read_bytes() == before

    reason = "décidé en comité du 28 mai : aucun autre mentor en finance"
    change_cohort(cohort, lambda model: E.Changes([E.Set(
        E.pair("fgirard", "amartinez"), "exception", reason, after=("status",))]))
    before = cohort.read_text(encoding="utf-8")
    approved = run(["approve", cohort, "fgirard", "amartinez", "--date", "2026-06-01"])
    assert approved.exit_code == 0, approved.stderr
    assert approved.stderr == (f"binôme fgirard -> amartinez approuvé, commencé le 1er juin "
                               f"2026, par exception ({reason})\n")
    assert lines_changed(before, cohort.read_text(encoding="utf-8")) == [
        "-    status: proposed", "+    status: active", "+    started: 2026-06-01"]


def test_approve_all_names_every_pair_that_breaks_a_rule(run, cohort: Path) -> None:
    change_cohort(cohort, lambda model: E.Changes([
        E.Append(("pairs",), {"mentor": "fgirard", "mentee": "amartinez", "status": "proposed"}),
        E.Append(("pairs",), {"mentor": "kbenali", "mentee": "zbenhamou", "status": "proposed"}),
    ]))
    result = run(["approve", cohort, "--all", "--date", "2026-06-01"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f"aucun binôme approuvé{NBSP}:"
    assert [line.split(f"{NBSP}:")[0].strip() for line in lines[1:]] == [
        "fgirard -> amartinez", "kbenali -> zbenhamou"]


# ------------------------------------------------------------------ retention


def test_anonymize_before_keeps_people_whose_participation_is_not_over(
        run, cohort: Path) -> None:
    """In July, glambert's pair has ended (2026-05-29) but she waits for a new mentor, and her
    former mentor still has free places: `pair` counts on both, so both are kept."""
    before = cohort.read_bytes()
    with runtime.fixed(today=JULY):
        result = run(["--lang", "en", "anonymize", cohort, "--before", "2026-06-30", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "kept pmoreno-diaz: participation not over (available to mentor (2 free places))",
        "kept glambert: participation not over (waiting for a new mentor)",
        f"{cohort}: nobody whose involvement ended before 2026-06-30 left to anonymize; "
        "nothing changed",
    ]
    assert cohort.read_bytes() == before


def test_anonymize_before_after_the_cohort_ended(run, cohort: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = iter(["000001", "000002"])
    monkeypatch.setattr("mentorcli.privacy.random_token", lambda: next(tokens))
    with runtime.fixed(today=dt.date(2027, 1, 15)):
        result = run(["--lang", "en", "anonymize", cohort, "--before", "2026-06-30", "--yes"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == ("anonymize 2 participants whose involvement ended before 2026-06-30: "
                        "pmoreno-diaz, glambert")
    assert "kept 31 participants still involved" in lines
    model = load_cohort(cohort).model
    assert model.person("p-000002").anonymized == dt.date(2027, 1, 15)
    assert model.person("lchevalier").name == "Léa Chevalier"


# ------------------------------------------------------------------ signatures


def test_sign_by_the_coordinator(run, cohort: Path, tmp_path: Path) -> None:
    before = cohort.read_text(encoding="utf-8")
    with runtime.fixed(today=JULY):
        result = run(["sign", cohort, "kschneider", "tvogel", "--by", "coordinator",
                      "--date", "2026-03-12"])
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ("kschneider:tvogel\xa0: signature de la coordination du "
                                 f"12 mars 2026 enregistrée dans {cohort}\n")
        assert lines_changed(before, cohort.read_text(encoding="utf-8")) == [
            "-    signed: {mentor: 2026-03-10}    # le mentoré n'a pas encore signé "
            "(`mentorcli sign`)",
            "+    signed: {mentor: 2026-03-10, coordinator: 2026-03-12}    # le mentoré n'a "
            "pas encore signé (`mentorcli sign`)",
        ]
        assert load_cohort(cohort).model.find_pair("kschneider", "tvogel").signed \
            .coordinator == dt.date(2026, 3, 12)
        out = tmp_path / "contrats"
        assert run(["contracts", cohort, "--out", out, "--pair", "kschneider:tvogel"]) \
            .exit_code == 0
    text = (out / "kschneider--tvogel.md").read_text(encoding="utf-8")
    assert "| Date | 10 mars 2026 |  | 12 mars 2026 |\n" in text


def test_an_unsigned_programme_line_stays_as_it_was(run, cohort: Path, tmp_path: Path) -> None:
    with runtime.fixed(today=JULY):
        assert run(["contracts", cohort, "--out", tmp_path, "--pair", "kschneider:tvogel"]) \
            .exit_code == 0
    assert "| Date | 10 mars 2026 |  | |\n" in \
        (tmp_path / "kschneider--tvogel.md").read_text(encoding="utf-8")


def test_a_signed_contract_does_not_change_when_a_meeting_is_logged(
        run, cohort: Path, tmp_path: Path) -> None:
    """kschneider -> tvogel signed on 2026-03-10; a phone call logged in June is not part of
    what was agreed: the contract stays byte for byte."""
    out = tmp_path / "contrats"
    with runtime.fixed(today=JULY):
        assert run(["contracts", cohort, "--out", out]).exit_code == 0
        first = {p.name: p.read_bytes() for p in out.iterdir()}
        logged = run(["log", cohort, "kschneider", "tvogel", "--date", "2026-06-16",
                      "--minutes", "45", "--mode", "phone"])
        assert logged.exit_code == 0, logged.stderr
        again = run(["contracts", cohort, "--out", out])
    assert again.exit_code == 0
    assert again.stderr == "0 contrat écrit, 6 déjà à jour\n"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
    assert "- [ ] par téléphone" in first["kschneider--tvogel.md"].decode()


# ------------------------------------------------------------------ forget


def test_forget_removes_the_erased_persons_contracts_and_calendars(
        run, cohort: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mentorcli.privacy.random_token", lambda: "00abcd")
    folder = cohort.parent
    with runtime.fixed(today=JULY):
        assert run(["contracts", cohort]).exit_code == 0
        assert run(["schedule", cohort]).exit_code == 0
        contract = folder / "contracts" / "mentorat-managers-2026" / "mbeaumont--lchevalier.md"
        calendar = folder / "calendars" / "mentorat-managers-2026" / "mbeaumont--lchevalier.ics"
        assert "Martine Beaumont" in contract.read_text(encoding="utf-8")
        assert calendar.is_file()
        result = run(["--lang", "en", "forget", cohort, "mbeaumont", "--yes"])
        assert result.exit_code == 0, result.stderr
        assert f"removed {contract}: made for a pair of an erased person, it named them" \
            in result.stderr.splitlines()
        assert f"removed {calendar}: made for a pair of an erased person, it named them" \
            in result.stderr.splitlines()
        assert not contract.exists() and not calendar.exists()
        rerun = run(["contracts", cohort])
    assert rerun.exit_code == 0
    assert rerun.stderr == "1 contrat écrit, 5 déjà à jour\n"
    written = (folder / "contracts" / "mentorat-managers-2026").iterdir()
    assert all("Martine Beaumont" not in p.read_text(encoding="utf-8") for p in written)

"""Right to erasure and retention: forget one person, anonymize many, statistics kept."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorcli import privacy, runtime
from mentorcli.errors import UsageError
from mentorcli.model import EMAIL_RE, CohortFile
from mentorcli.store.loading import load_cohort
from mentorcli.store.transaction import change_cohort

REPO = Path(__file__).resolve().parent.parent
FRENCH = REPO / "cohorts" / "mentorat-managers-2026.yaml"
TODAY = dt.date(2027, 1, 15)


def counter_tokens():
    numbers = itertools.count(1)
    return lambda: f"{next(numbers):06x}"


def forget(path: Path, who: str, token=None) -> privacy.PrivacyResult:
    token = token or counter_tokens()
    return change_cohort(path, lambda model: privacy.forget(model, who, TODAY, token))


def anonymize(path: Path, before: dt.date | None = None) -> privacy.PrivacyResult:
    token = counter_tokens()
    return change_cohort(path, lambda model: privacy.anonymize(model, TODAY, before, token))


def statistics(model: CohortFile) -> dict[str, object]:
    """What must stay true after any erasure: counts, minutes, ratings, statuses, progress."""
    return {
        "participants": len(model.participants),
        "roles": Counter(p.role for p in model.participants),
        "pairs": sorted((p.status, p.started, p.ended, p.score) for p in model.pairs),
        "goal_progress": sorted((g.progress, g.objective, g.due) for p in model.pairs
                                for g in p.goals),
        "sessions": len(model.sessions),
        "minutes": sum(s.minutes for s in model.sessions),
        "ratings": sorted((s.rating.mentor or 0, s.rating.mentee or 0) for s in model.sessions
                          if s.rating),
        "modes": Counter(s.mode for s in model.sessions),
        "sessions_per_pair": sorted(Counter((s.mentor, s.mentee)
                                            for s in model.sessions).values()),
    }


def block(text: str, person_id: str) -> str:
    """The lines of one participant's entry."""
    start = text.index(f"  - id: {person_id}\n")
    end = text.find("\n  - ", start + 1)
    return text[start:end]


def test_forget_one_person(example_path: Path) -> None:
    before = example_path.read_text()
    old = load_cohort(example_path).model
    result = forget(example_path, "bpetit")
    after = example_path.read_text()
    model = load_cohort(example_path).model  # still validates

    [erasure] = result.erased
    assert (erasure.old_id, erasure.new_id) == ("bpetit", "p-000001")
    assert erasure.removed == ["title", "department", "manager", "seniority", "location",
                               "timezone", "languages", "goals", "prefer", "avoid"]
    assert (erasure.sessions, erasure.minutes, erasure.notes_removed) == (1, 60, 1)
    assert erasure.open_pairs == 1

    person = model.person("p-000001")
    assert person.name == "p-000001"
    assert person.email == "p-000001@anonymized.invalid"
    assert EMAIL_RE.match(person.email)
    assert person.anonymized == TODAY
    assert person.role == "mentee" and person.objectives == ["leadership"]
    assert person.goals == [] and person.title is None and person.manager is None

    pair = model.find_pair("cleroy", "p-000001")
    assert pair.why is None and pair.status == "active" and pair.score == 0.78
    assert [(g.id, g.text, g.progress, g.objective) for g in pair.goals] == [
        ("g1", "(removed)", 40, "leadership")]
    assert model.sessions[0].mentee == "p-000001"
    assert model.sessions[0].notes is None
    assert model.sessions[0].rating.mentee == 5
    assert statistics(model) == statistics(old)

    for gone in ("bpetit", "Bruno Petit", "bruno.petit@example.com", "confidential",
                 "Sales team lead", "public speaking, delegation]", "quarterly results"):
        assert gone not in after
    # everything else is untouched: comments, other people, layout
    assert "# One mentoring cohort, kept in git." in after
    assert "    prefer: [cleroy]" not in after
    assert after.count("\n  - id: ") == before.count("\n  - id: ")
    for who in ("amartin", "cleroy"):  # other people's entries are byte for byte the same
        assert block(before, who) == block(after, who)
    assert "    anonymized: 2027-01-15\n" in after
    assert "\n\n  - id: cleroy" in after  # the blank line between two people survived


def test_forget_by_email_or_employee_number(example_path: Path) -> None:
    result = forget(example_path, "Camille.Leroy@example.com")
    assert result.erased[0].old_id == "cleroy"
    model = load_cohort(example_path).model
    assert model.person("p-000001").role == "mentor"
    assert model.pairs[0].mentor == "p-000001"
    assert model.person("bpetit").prefer == ["p-000001"]  # others' references re-keyed


def test_forget_by_an_employee_number_two_people_share(example_path: Path) -> None:
    text = example_path.read_text()
    for person in ("amartin", "bpetit"):
        text = text.replace(f"  - id: {person}\n", f"  - id: {person}\n    employee_id: '007'\n")
    example_path.write_text(text)
    before = example_path.read_bytes()
    with pytest.raises(UsageError, match="^employee number 007 is used by amartin, bpetit; "
                                         "name the person by id or email$"):
        forget(example_path, "007")
    assert example_path.read_bytes() == before


def test_forget_a_manager_rekeys_the_people_they_manage(example_path: Path) -> None:
    forget(example_path, "amartin")
    model = load_cohort(example_path).model
    assert model.person("bpetit").manager == "p-000001"


def test_forget_someone_outside_the_cohort(example_path: Path) -> None:
    result = forget(example_path, "jdurand")
    assert result.erased[0].in_org
    model = load_cohort(example_path).model
    assert model.org == {"p-000001": "ceo", "ceo": None}
    assert model.person("amartin").manager == "p-000001"
    text = example_path.read_text()
    assert "  p-000001: ceo\n" in text
    assert "manager: p-000001          # id of their manager, in or out of the cohort" in text


def test_forget_unknown_person(example_path: Path) -> None:
    before = example_path.read_bytes()
    with pytest.raises(UsageError, match="'bpettit' is not a participant .*did you mean 'bpetit'"):
        forget(example_path, "bpettit")
    assert example_path.read_bytes() == before


def test_forget_twice_changes_nothing(example_path: Path) -> None:
    forget(example_path, "bpetit")
    once = example_path.read_bytes()
    result = forget(example_path, "p-000001")
    assert result.erased == [] and result.already == [("p-000001", TODAY)]
    assert example_path.read_bytes() == once


def test_pseudonyms_are_random_and_never_reused(example_path: Path) -> None:
    tokens = iter(["aaaaaa", "aaaaaa", "bbbbbb"])
    taken = {"p-aaaaaa"}
    assert privacy.new_pseudonym(taken, lambda: next(tokens)) == "p-bbbbbb"
    assert privacy.is_pseudonym(privacy.new_pseudonym(set()))
    forget(example_path, "bpetit", token=privacy.random_token)
    person = load_cohort(example_path).model.participants[1]
    assert privacy.is_pseudonym(person.id) and person.id != "p-000001"


def test_residual_mentions_point_at_comments(example_path: Path) -> None:
    text = example_path.read_text().replace(
        "  ceo: null\n", "  ceo: null\n# Bruno Petit asked for Camille (bpetit)\n")
    example_path.write_text(text)
    result = forget(example_path, "bpetit")
    found = privacy.residual_mentions(example_path.read_text(), result.erased)
    assert found == [(49, "name 'Bruno Petit'"), (49, "old id 'bpetit'")]


def test_residual_mentions_are_whole_names_and_tokens() -> None:
    lea = privacy.Erasure("lchevalier", "p-000001", old_name="Léa Chevalier",
                          old_email="Lea.Chevalier@example.com", old_employee_id="010233")
    hr = privacy.Erasure("h7", "p-000002", old_name="Al", old_employee_id="E-07/B")
    text = "\n".join([
        "# LÉA   CHEVALIER part à Montréal",          # 1: case and spacing ignored
        "why: voir lea.chevalier@example.com",         # 2: the email
        "why: matricule 010233, id lchevalier.",      # 3: number and id as tokens
        "why: 0102334 lchevalier-2 xlchevalier",      # 4: longer tokens: not them
        "why: Léa Chevaliers, E-07/B, h7",            # 5: another word; odd number; short id
        "why: Al",                                     # 6: a name under 3 letters: ignored
    ])
    assert privacy.residual_mentions(text, [lea, hr]) == [
        (1, "name 'Léa Chevalier'"),
        (2, "email 'Lea.Chevalier@example.com'"),
        (3, "old id 'lchevalier'"), (3, "employee number '010233'"),
        (5, "employee number 'E-07/B'"),
    ]


def test_anonymize_everyone(example_path: Path) -> None:
    old = load_cohort(example_path).model
    result = anonymize(example_path)
    model = load_cohort(example_path).model
    text = example_path.read_text()
    assert [e.old_id for e in result.erased] == ["amartin", "bpetit", "cleroy", "jdurand", "ceo"]
    assert all(p.anonymized == TODAY for p in model.participants)
    assert all(privacy.is_pseudonym(k) for k in model.org)
    for person in old.participants:
        for value in (person.id, person.name, person.email, person.title):
            assert value not in text
    assert "notes:" not in text and "why:" not in text
    assert statistics(model) == statistics(old)
    assert "# One mentoring cohort, kept in git." in text
    again = example_path.read_bytes()
    assert anonymize(example_path).erased == []
    assert example_path.read_bytes() == again


RETENTION = """\
version: 1
cohort:
  id: retention
  name: Retention test
  start: 2025-01-06
  end: 2025-12-19
org:
  boss: null      # outside the cohort
  other: null
participants:
  - {id: mentor-a, name: A, email: a@example.com, role: mentor, manager: boss}
  - {id: early, name: Early Ender, email: e@example.com, role: mentee, manager: other}
  - {id: late, name: Late Ender, email: l@example.com, role: mentee, manager: boss}
  - {id: unpaired, name: Never Paired, email: u@example.com, role: mentee}
  - {id: undated, name: Undated End, email: d@example.com, role: mentee}
pairs:
  - {mentor: mentor-a, mentee: early, status: ended, started: 2025-01-20, ended: 2025-03-31}
  - {mentor: mentor-a, mentee: late, status: active, started: 2025-02-01}
  - {mentor: mentor-a, mentee: undated, status: ended, started: 2025-02-01}
sessions:
  - {mentor: mentor-a, mentee: early, date: 2025-02-10, minutes: 45, notes: private}
  - {mentor: mentor-a, mentee: late, date: 2025-11-10, minutes: 60, notes: private}
  - {mentor: mentor-a, mentee: undated, date: 2025-05-02, minutes: 30}
"""


def test_involvement_end_rule() -> None:
    import yaml

    model = CohortFile.model_validate(yaml.safe_load(RETENTION))
    ends = {p.id: privacy.involvement_end(model, p.id) for p in model.participants}
    assert ends == {
        "mentor-a": dt.date(2025, 12, 19),  # has an open pair: runs until the cohort ends
        "early": dt.date(2025, 3, 31),  # the pair's `ended`
        "late": dt.date(2025, 12, 19),  # open pair
        "unpaired": dt.date(2025, 12, 19),  # never paired: the cohort's end
        "undated": dt.date(2025, 5, 2),  # ended without a date: its last session
    }
    assert privacy.retention_candidates(model, dt.date(2025, 6, 1)) == ["early", "undated"]
    assert privacy.retention_candidates(model, dt.date(2025, 12, 19)) == ["early", "undated"]
    assert len(privacy.retention_candidates(model, dt.date(2025, 12, 20))) == 5
    assert len(privacy.retention_candidates(model, None)) == 5


def test_anonymize_before_a_date(tmp_path: Path) -> None:
    path = tmp_path / "cohort.yaml"
    path.write_text(RETENTION)
    result = anonymize(path, before=dt.date(2025, 6, 1))
    model = load_cohort(path).model
    assert [e.old_id for e in result.erased] == ["early", "undated", "other"]
    assert sorted(result.kept) == ["late", "mentor-a", "unpaired"]
    # `boss` is still on the reporting line of people who stay; `other` no longer is
    assert set(model.org) == {"boss", "p-000003"}
    assert model.person("late").name == "Late Ender"
    assert [s.notes for s in model.sessions] == [None, "private", None]
    assert model.pairs[0].mentee == "p-000001"
    assert "  boss: null      # outside the cohort\n" in path.read_text()


def test_forget_keeps_comments_on_kept_lines(tmp_path: Path) -> None:
    path = tmp_path / "fr.yaml"
    shutil.copyfile(FRENCH, path)
    before = path.read_text()
    forget(path, "mbeaumont")
    after = path.read_text()
    assert "    role: mentor               # mentor | mentee | both (mentor et mentoré à la fois)" \
        in after
    assert "    trained: 2025-12-04        # date de la formation des mentors" in after
    assert "Martine Beaumont" not in after and "004512" not in after
    kept_comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert all(line in after.splitlines() for line in kept_comments)


def _forget_in_turn_and_check(path: Path, chosen: list[str]) -> None:
    """Forget `chosen` one after the other: the file validates after each, the statistics
    stay, and nothing names them any more (the leftovers found are only comments)."""
    old = load_cohort(path).model
    token = counter_tokens()
    for who in chosen:
        result = forget(path, who, token)
        text = path.read_text()
        for line, _ in privacy.residual_mentions(text, result.erased):
            assert text.splitlines()[line - 1].lstrip().startswith("#") or "#" in \
                text.splitlines()[line - 1], text.splitlines()[line - 1]
    model = load_cohort(path).model
    assert statistics(model) == statistics(old)
    text = path.read_text()
    for who in chosen:
        person = old.person(who)
        assert not re.search(rf"(?<![\w-]){re.escape(who)}(?![\w-])", text), who
        if person is not None:
            assert person.email not in text
            assert person.name not in text
            if person.employee_id:
                assert person.employee_id not in text


def test_forgetting_several_people_of_the_french_cohort(tmp_path: Path) -> None:
    """A mentor with pairs, a mentee, a manager of other participants, an `org` entry."""
    path = tmp_path / "fr.yaml"
    shutil.copyfile(FRENCH, path)
    model = load_cohort(path).model
    managers = {p.manager for p in model.participants} & {p.id for p in model.participants}
    chosen = ["mbeaumont", "lchevalier", sorted(managers)[0], sorted(model.org)[0]]
    _forget_in_turn_and_check(path, chosen)


@pytest.mark.slow
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_sequence_of_forgets_keeps_the_cohort_valid_and_its_statistics(
        tmp_path: Path, data: st.DataObject) -> None:
    path = tmp_path / "fr.yaml"
    shutil.copyfile(FRENCH, path)
    old = load_cohort(path).model
    ids = [p.id for p in old.participants] + list(old.org)
    chosen = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=6, unique=True))
    _forget_in_turn_and_check(path, chosen)


def test_anonymize_the_french_cohort_validates(tmp_path: Path) -> None:
    path = tmp_path / "fr.yaml"
    shutil.copyfile(FRENCH, path)
    old = load_cohort(path).model
    anonymize(path)
    model = load_cohort(path).model
    assert statistics(model) == statistics(old)
    text = path.read_text()
    assert not any(p.email in text for p in old.participants)
    assert all(s.notes is None for s in model.sessions)


# ------------------------------------------------------------------ the commands


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch):
    """Today is TODAY and pseudonyms are p-000001, p-000002... in the commands."""
    monkeypatch.setattr("mentorcli.privacy.random_token", counter_tokens())
    with runtime.fixed(today=TODAY):
        yield TODAY


def test_forget_command_with_yes(run, example_path: Path, fixed_today: dt.date) -> None:
    result = run(["forget", example_path, "bpetit", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "forget Bruno Petit (bpetit, bruno.petit@example.com): the id, name and email become a "
        "pseudonym everywhere; job and profile, the free text of 1 pair and the notes of 1 "
        "session are removed; 1 session, their minutes and ratings are kept",
        "bpetit -> p-000001: name and email replaced; removed title, department, manager, "
        "seniority, location, timezone, languages, goals, prefer, avoid; notes of 1 session "
        "removed; kept 1 session (60 minutes) and their ratings",
        "note: p-000001 still has 1 pair not ended; end them if the person has left the "
        "programme",
        f"{example_path}: 1 participant anonymized on 2027-01-15. Earlier versions stay in the "
        "file's git history, and reports made before today (or contracts and calendars written "
        "with --out) still name them: see docs/privacy-import.md",
    ]
    assert result.stdout == ""
    text = example_path.read_text()
    for gone in ("Bruno", "Petit", "bruno.petit", "bpetit"):
        assert gone not in text
    assert "anonymized: 2027-01-15" in text
    assert run(["validate", example_path]).exit_code == 0
    again = run(["forget", example_path, "p-000001", "--yes"])
    assert again.exit_code == 0
    assert again.stderr == "'p-000001' was already anonymized on 2027-01-15; nothing to do\n"


def test_forget_someone_outside_the_cohort_command(run, example_path: Path,
                                                    fixed_today: dt.date) -> None:
    result = run(["forget", example_path, "jdurand", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "forget 'jdurand' (outside the cohort, in `org`): their id becomes a pseudonym "
        "everywhere it is used",
        "jdurand -> p-000001: `org` entry re-keyed",
        f"{example_path}: 1 `org` entry anonymized on 2027-01-15. Earlier versions stay in the "
        "file's git history, and reports made before today (or contracts and calendars written "
        "with --out) still name them: see docs/privacy-import.md",
    ]
    assert "jdurand" not in example_path.read_text()


def test_forget_without_a_terminal_and_without_yes_refuses(run, example_path: Path) -> None:
    before = example_path.read_bytes()
    result = run(["forget", example_path, "bpetit"])
    assert result.exit_code == 2
    assert "forget cannot be undone and needs a confirmation: run it on a terminal, or add " \
           "--yes" in result.stderr
    assert example_path.read_bytes() == before


def test_forget_asks_on_a_terminal(run, example_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   fixed_today: dt.date) -> None:
    before = example_path.read_bytes()
    with runtime.fixed(interactive=True):
        declined = run(["forget", example_path, "bpetit"], input="n\n")
    assert declined.exit_code == 1
    assert "Forget Bruno Petit (bpetit, bruno.petit@example.com)? [y/N]" in declined.stderr
    assert "nothing changed" in declined.stderr
    assert example_path.read_bytes() == before
    with runtime.fixed(interactive=True):
        accepted = run(["forget", example_path, "bpetit"], input="y\n")
    assert accepted.exit_code == 0, accepted.stderr
    assert "Bruno" not in example_path.read_text()


def test_forget_command_errors(run, example_path: Path) -> None:
    unknown = run(["forget", example_path, "nobody", "--yes"])
    assert unknown.exit_code == 2
    assert "'nobody' is not a participant" in unknown.stderr
    missing = run(["forget", example_path.parent / "missing.yaml", "bpetit", "--yes"])
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_forget_warns_about_leftover_mentions(run, example_path: Path) -> None:
    example_path.write_text(example_path.read_text().replace(
        "  ceo: null\n", "  ceo: null\n# Bruno Petit asked for Camille\n"))
    result = run(["forget", example_path, "bruno.petit@example.com", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert f"{example_path}:49: warning: still mentions the name 'Bruno Petit' (a comment or " \
           "free text?): edit it by hand" in result.stderr


def test_anonymize_command(run, example_path: Path, fixed_today: dt.date) -> None:
    refused = run(["anonymize", example_path])
    assert refused.exit_code == 2
    result = run(["anonymize", example_path, "--yes"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "anonymize 3 participants in the cohort: amartin, bpetit, cleroy",
        "amartin -> p-000001: name and email replaced; removed title, department, manager, "
        "seniority, location, timezone, languages, skills; no sessions",
        "bpetit -> p-000002: name and email replaced; removed title, department, manager, "
        "seniority, location, timezone, languages, goals, prefer, avoid; notes of 1 session "
        "removed; kept 1 session (60 minutes) and their ratings",
        "note: p-000002 still has 1 pair not ended; end them if the person has left the "
        "programme",
        "cleroy -> p-000003: name and email replaced; removed title, department, manager, "
        "seniority, location, timezone, languages, skills; notes of 1 session removed; kept 1 "
        "session (60 minutes) and their ratings",
        "note: p-000003 still has 1 pair not ended; end them if the person has left the "
        "programme",
        "jdurand -> p-000004: `org` entry re-keyed",
        "ceo -> p-000005: `org` entry re-keyed",
        f"{example_path}: 3 participants and 2 `org` entries anonymized on 2027-01-15. Earlier "
        "versions stay in the file's git history, and reports made before today (or contracts "
        "and calendars written with --out) still name them: see docs/privacy-import.md",
    ]
    assert result.stdout == ""
    again = run(["anonymize", example_path, "--yes"])
    assert again.exit_code == 0
    assert again.stderr == f"{example_path}: nobody left to anonymize; nothing changed\n"


def test_anonymize_before(run, tmp_path: Path, fixed_today: dt.date) -> None:
    path = tmp_path / "cohort.yaml"
    path.write_text(RETENTION)
    result = run(["anonymize", path, "--before", "2025-06-01", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == \
        "anonymize 2 participants whose involvement ended before 2025-06-01: early, undated"
    assert "kept 3 participants still involved" in result.stderr.splitlines()
    again = run(["anonymize", path, "--before", "2025-06-01", "--yes"])
    assert again.stderr == (f"{path}: nobody whose involvement ended before 2025-06-01 left "
                            "to anonymize; nothing changed\n")
    future = run(["anonymize", path, "--before", "2030-01-01", "--yes"])
    assert future.exit_code == 2 and "is in the future" in future.stderr
    bad = run(["anonymize", path, "--before", "soon", "--yes"])
    assert bad.exit_code == 2 and "expected a date" in bad.stderr


def test_session_notes_never_leave_the_file(run, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command that prints or writes something: no session note in any output."""
    path = tmp_path / "fr.yaml"
    shutil.copyfile(FRENCH, path)
    model = load_cohort(path).model
    notes = [s.notes for s in model.sessions if s.notes]
    assert len(notes) >= 5
    out = tmp_path / "out"
    pair = model.pairs[0]
    commands = [
        ["validate", path], ["validate", path, "--format", "json"], ["scores", path],
        ["scores", path, "--format", "csv"], ["explain", path, pair.mentor, pair.mentee],
        ["explain", path, pair.mentor, pair.mentee, "--format", "json"],
        ["pair", path, "--dry-run"], ["pair", path, "--dry-run", "--format", "json"],
        ["contracts", path, "--out", out / "md"],
        ["contracts", path, "--out", out / "html", "--format", "html", "--include-proposed"],
        ["schedule", path, "--out", out / "ics"],
        ["import", path, REPO / "cohorts" / "people-sample.csv", "--dry-run"],
    ] + [["report", path, "--format", f] for f in ("table", "markdown", "csv", "json", "html")] \
      + [["report", path, "--format", "html", "-o", out / "report.html"]]
    seen = []
    for args in commands:
        result = run(args)
        assert result.exit_code == 0, (args, result.stderr)
        seen.append(result.stdout + result.stderr)
    seen += [p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file()]
    assert len(seen) > len(commands)  # contracts, calendars and the report were written
    everything = "\n".join(seen)
    for note in notes:
        assert note not in everything
        assert note[:25] not in everything
    with runtime.fixed(today=dt.date(2026, 12, 1)):
        logged = run(["log", path, pair.mentor, pair.mentee, "--date", "2026-11-20",
                      "--minutes", "30", "--notes", "Très confidentiel : projet de départ"])
    assert logged.exit_code == 0, logged.stderr
    assert "Très confidentiel : projet de départ" in path.read_text(encoding="utf-8")
    assert "confidentiel" not in logged.stdout + logged.stderr


def test_forget_reaches_survey_answers_concerns_trainings_and_outcomes(tmp_path: Path) -> None:
    """Ids are used beyond pairs and sessions: every place is re-keyed, and the person's
    confidential free text there (answers' comments, concern descriptions) is removed."""
    path = tmp_path / "fr.yaml"
    shutil.copyfile(FRENCH, path)
    before = load_cohort(path).model
    kept_comments = [r.comments for r in before.responses if r.person != "lchevalier"]
    forget(path, "lchevalier")
    forget(path, "glambert")
    text = path.read_text(encoding="utf-8")
    after = load_cohort(path).model
    assert "lchevalier" not in text and "glambert" not in text
    new = {p.id for p in after.participants if p.anonymized}
    assert {r.person for r in after.responses} - {r.person for r in before.responses} <= new
    assert all(not r.comments for r in after.responses if r.person in new)
    assert [r.comments for r in after.responses if r.person not in new] == kept_comments
    concern = next(c for c in after.concerns if c.id == "c-2026-01")
    assert concern.mentee in new and concern.raised_by == concern.mentee
    assert concern.description is None
    assert [o.person in new for o in after.outcomes][:1] == [True]
    assert len(after.responses) == len(before.responses)
    assert len(after.concerns) == len(before.concerns)

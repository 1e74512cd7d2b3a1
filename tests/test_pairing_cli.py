"""`mentorcli pair`, `explain` and `scores` end to end: output, exit codes, and writes that
touch only `pairs:` in a commented file."""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
REPO = DATA.parent.parent
EXAMPLE = (DATA / "example.yaml").read_text(encoding="utf-8")

# Two more mentees and a third mentor, in the same commented style, before `pairs:`.
MORE_PEOPLE = """\
  - id: dlopez                 # speaks German only: nobody can mentor her
    name: Diana López
    email: diana.lopez@example.com
    role: mentee
    department: "R&D"
    seniority: 2
    languages: [de]
    goals: [negotiation]
  - id: emoreau
    name: 'Émile Moreau'
    email: emile.moreau@example.com
    role: mentee
    department: HR
    seniority: 3
    location: Lyon
    timezone: Europe/Paris
    languages: [fr]
    goals: [Budgeting, leadership]
  - id: gdurand
    name: Gaëlle Durand
    email: gaelle.durand@example.com
    role: mentor
    department: HR
    manager: ceo
    seniority: 12
    location: Lille
    timezone: Europe/Paris
    languages: [fr]
    skills: [coaching]
    capacity: 1
    trained: 2026-01-05

pairs:"""


def cohort_text(extra_pairs: str = "") -> str:
    text = EXAMPLE.replace("\npairs:", "\n" + MORE_PEOPLE, 1)
    assert text != EXAMPLE
    if extra_pairs:
        text = text.replace("\nsessions:", extra_pairs + "\nsessions:", 1)
    return text


def load(path: Path):
    from mentorcli.store.loading import load_cohort

    return load_cohort(path).model


def write(tmp_path: Path, text: str, name: str = "cohort.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def pairs_block(lines: list[str]) -> range:
    start = lines.index(next(line for line in lines if line.startswith("pairs:")))
    end = lines.index(next(line for line in lines[start + 1:] if line.startswith("sessions:")))
    return range(start, end)


def changed_outside_pairs(before: str, after: str) -> list[str]:
    """Lines changed (either side) that are not inside the `pairs:` block."""
    old, new = before.splitlines(), after.splitlines()
    old_block, new_block = pairs_block(old), pairs_block(new)
    outside = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        outside += [old[i] for i in range(i1, i2) if i not in old_block]
        outside += [new[j] for j in range(j1, j2) if j not in new_block
                    and not (i1 == old_block.stop and j == j1 and not new[j].strip())]
    return outside


# ------------------------------------------------------------------------------------ pair


def test_pair_writes_only_new_pair_entries(run, tmp_path):
    path = write(tmp_path, cohort_text())
    before = path.read_text(encoding="utf-8")
    result = run(["pair", path])
    assert result.exit_code == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    assert changed_outside_pairs(before, after) == []
    added = [line for line in difflib.ndiff(before.splitlines(), after.splitlines())
             if line.startswith(("+ ", "- "))]
    assert added == [
        "+   - mentor: amartin",
        "+     mentee: emoreau",
        "+     status: proposed",
        "+     score: 0.73",
        "+     why: covers goals Budgeting, leadership; different departments; 15 years more "
        "experience; same site (Lyon)",
    ]
    assert result.stdout.splitlines()[0].split() == ["mentor", "mentee", "score", "why"]
    assert result.stdout.splitlines()[2].split()[:4] == ["amartin", "emoreau", "0.73", "covers"]
    assert result.stderr.splitlines() == [
        "unmatched: dlopez: no mentor speaks de",
        f"1 proposed (1 new), 1 kept, 1 unmatched; wrote {path}",
    ]
    assert run(["validate", path]).exit_code == 0


def test_pair_again_changes_nothing(run, tmp_path):
    path = write(tmp_path, cohort_text())
    run(["pair", path])
    once = path.read_bytes()
    result = run(["pair", path])
    assert result.exit_code == 0
    assert path.read_bytes() == once
    assert result.stderr.splitlines()[-1] == (
        f"1 proposed (1 unchanged), 1 kept, 1 unmatched; {path} unchanged")


def test_same_file_same_pairs(run, tmp_path):
    first = write(tmp_path, cohort_text(REPLACEABLE), "a.yaml")
    second = write(tmp_path, cohort_text(REPLACEABLE), "b.yaml")
    assert run(["pair", first]).stdout == run(["pair", second]).stdout
    assert first.read_bytes() == second.read_bytes()


def test_dry_run_writes_nothing_and_prints_what_a_run_would(run, tmp_path):
    path = write(tmp_path, cohort_text(REPLACEABLE))
    before = path.read_bytes()
    result = run(["pair", path, "--dry-run"])
    assert result.exit_code == 0
    assert path.read_bytes() == before
    assert [line.split()[:3] for line in result.stdout.splitlines()[2:]] == [
        ["amartin", "emoreau", "0.73"]]
    assert result.stderr.splitlines() == [
        "rule broken: amartin -> dlopez: no language in common (amartin speaks fr, en; "
        "dlopez speaks de); a proposal `pair` replaces",
        "withdrawn: amartin -> dlopez (dlopez is unmatched: no mentor speaks de)",
        "unmatched: dlopez: no mentor speaks de",
        "1 proposed (1 replaced), 1 kept, 1 unmatched; dry run: nothing written",
    ]
    real = run(["pair", path])
    assert real.stdout == result.stdout
    assert real.stderr.splitlines()[:-1] == result.stderr.splitlines()[:-1]


def test_pair_json(run, tmp_path):
    path = write(tmp_path, cohort_text())
    result = run(["pair", path, "--dry-run", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["proposed"] == [{
        "mentor": "amartin", "mentee": "emoreau", "score": 0.73, "change": "new",
        "why": "covers goals Budgeting, leadership; different departments; 15 years more "
               "experience; same site (Lyon)"}]
    assert data["kept"] == [{"mentor": "cleroy", "mentee": "bpetit", "status": "active",
                             "locked": True}]
    assert data["unmatched"] == [{"mentee": "dlopez", "reason": "no mentor speaks de"}]
    assert data["withdrawn"] == []
    assert (data["matched"], data["written"], data["dry_run"]) == (1, False, True)
    assert data["solver"] == "dense"


REPLACEABLE = """\
  - mentor: gdurand            # drafted by hand; pairing may replace it
    mentee: emoreau
    status: proposed
    why: "same time zone"
  - mentor: amartin
    mentee: dlopez             # no language in common: pairing withdraws it
    status: proposed
"""


def test_pair_replaces_unlocked_proposals_in_place_and_touches_only_pairs(run, tmp_path):
    path = write(tmp_path, cohort_text(REPLACEABLE))
    before = path.read_text(encoding="utf-8")
    result = run(["pair", path])
    assert result.exit_code == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    assert changed_outside_pairs(before, after) == []
    assert "  - mentor: amartin            # drafted by hand; pairing may replace it" in after
    assert "mentee: dlopez" not in after
    assert result.stderr.splitlines() == [
        "rule broken: amartin -> dlopez: no language in common (amartin speaks fr, en; "
        "dlopez speaks de); a proposal `pair` replaces",
        "withdrawn: amartin -> dlopez (dlopez is unmatched: no mentor speaks de)",
        "unmatched: dlopez: no mentor speaks de",
        f"1 proposed (1 replaced), 1 kept, 1 unmatched; wrote {path}",
    ]
    assert run(["validate", path]).exit_code == 0
    # the kept pair's lines are all still there, comments included
    kept = EXAMPLE[EXAMPLE.index("  - mentor: cleroy\n    mentee: bpetit"):
                   EXAMPLE.index("\nsessions:")]
    assert kept in after


def test_a_run_that_replaces_and_adds_touches_only_pairs(run, tmp_path):
    # gdurand's draft for emoreau is replaced in place; a new mentee gets a new entry
    newcomer = ("  - id: hnoel\n    name: Hugo Noël\n    email: hugo.noel@example.com\n"
                "    role: mentee\n    department: Legal\n    seniority: 1\n"
                "    languages: [fr]\n  - id: gdurand")
    text = cohort_text(REPLACEABLE.split("  - mentor: amartin")[0]).replace(
        "  - id: gdurand", newcomer, 1)
    path = write(tmp_path, text)
    result = run(["pair", path])
    assert result.exit_code == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    assert changed_outside_pairs(text, after) == []
    assert result.stderr.splitlines()[-1] == (
        f"2 proposed (1 new, 1 replaced), 1 kept, 1 unmatched; wrote {path}")
    assert after.count("status: proposed") == 2
    assert "  - mentor: amartin            # drafted by hand; pairing may replace it" in after
    assert after.index("mentee: emoreau") < after.index("mentee: hnoel")  # appended at the end
    assert run(["validate", path]).exit_code == 0
    again = run(["pair", path])
    assert path.read_text(encoding="utf-8") == after
    assert again.stderr.splitlines()[-1].endswith(f"; {path} unchanged")


def test_end_then_pair_again_proposes_another_mentor(run, tmp_path):
    path = write(tmp_path, cohort_text())
    assert run(["pair", path]).exit_code == 0
    ended = run(["end", path, "amartin", "emoreau", "--reason", "moved team",
                 "--date", "2026-03-02"])
    assert ended.exit_code == 0, ended.stderr
    result = run(["pair", path, "--format", "json"])
    data = json.loads(result.stdout)
    assert [(p["mentor"], p["mentee"], p["change"]) for p in data["proposed"]] == [
        ("gdurand", "emoreau", "new")]
    after = load(path)
    assert [(p.mentor, p.mentee, p.status) for p in after.pairs] == [
        ("cleroy", "bpetit", "active"), ("amartin", "emoreau", "ended"),
        ("gdurand", "emoreau", "proposed")]


def test_locking_a_proposal_keeps_it_and_adding_avoid_moves_the_others(run, tmp_path):
    path = write(tmp_path, cohort_text())
    run(["pair", path])
    text = path.read_text(encoding="utf-8")
    text = text.replace("    mentee: emoreau\n    status: proposed\n",
                        "    mentee: emoreau\n    status: proposed\n    locked: true\n")
    path.write_text(text, encoding="utf-8")
    result = run(["pair", path])
    assert result.stderr.splitlines()[-1] == f"0 proposed, 2 kept, 1 unmatched; {path} unchanged"
    # unlocked, the proposal gives way to what emoreau now asks for
    path.write_text(text.replace("    locked: true\n", "", 2).replace(
        "goals: [Budgeting, leadership]", "goals: [Budgeting, leadership]\n    avoid: [amartin]"),
        encoding="utf-8")
    result = run(["pair", path, "--format", "json"])
    data = json.loads(result.stdout)
    assert [(p["mentor"], p["mentee"], p["change"]) for p in data["proposed"]] == [
        ("gdurand", "emoreau", "replaced")]


def test_locked_proposal_is_kept_and_uses_capacity(run, tmp_path):
    locked = ("  - mentor: amartin\n    mentee: dlopez\n    status: proposed\n"
              "    locked: true\n  - mentor: amartin\n    mentee: alt\n    status: active\n")
    text = cohort_text(locked).replace(
        "  - id: gdurand", "  - id: alt\n    name: Alt\n    email: alt@example.com\n"
                           "    role: mentee\n  - id: gdurand", 1)
    text = text.replace("goals: [Budgeting, leadership]",
                        "goals: [Budgeting, leadership]\n    avoid: [gdurand]")
    path = write(tmp_path, text)
    result = run(["pair", path, "--dry-run", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["proposed"] == []
    assert data["unmatched"] == [{
        "mentee": "emoreau",
        "reason": "every compatible mentor is full: amartin (2/2), cleroy (1/1)"}]


def test_ended_pair_is_not_repaired_with_the_same_mentor(run, tmp_path):
    ended = ("  - mentor: amartin\n    mentee: emoreau\n    status: ended\n"
             "    ended: 2026-03-01\n    end_reason: moved team\n")
    path = write(tmp_path, cohort_text(ended))
    result = run(["pair", path, "--dry-run", "--format", "json"])
    data = json.loads(result.stdout)
    assert [(p["mentor"], p["mentee"]) for p in data["proposed"]] == [("gdurand", "emoreau")]


def test_history_pairs_are_not_repeated(run, tmp_path):
    earlier = write(tmp_path, cohort_text(
        "  - mentor: amartin\n    mentee: emoreau\n    status: ended\n"), "2025.yaml")
    path = write(tmp_path, cohort_text())
    result = run(["pair", path, "--dry-run", "--format", "json", "--history", earlier])
    data = json.loads(result.stdout)
    assert [(p["mentor"], p["mentee"]) for p in data["proposed"]] == [("gdurand", "emoreau")]
    explained = run(["explain", path, "amartin", "emoreau", "--history", earlier])
    assert "  - already paired in cohort managers-2026 (--history)" in explained.stdout.splitlines()


def test_history_recognises_people_by_email(run, tmp_path):
    # last year Émile had another id; his email is the same
    earlier = write(tmp_path, cohort_text(
        "  - mentor: amartin\n    mentee: emoreau\n    status: active\n").replace(
        "id: emoreau", "id: emile-moreau").replace("mentee: emoreau", "mentee: emile-moreau"),
        "2025.yaml")
    assert run(["validate", earlier]).exit_code == 0
    path = write(tmp_path, cohort_text())
    data = json.loads(run(["pair", path, "--dry-run", "--format", "json",
                           "--history", earlier]).stdout)
    assert [(p["mentor"], p["mentee"]) for p in data["proposed"]] == [("gdurand", "emoreau")]


def test_pair_on_the_shipped_example(run, example_path):
    before = example_path.read_bytes()
    result = run(["pair", example_path])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"0 proposed, 1 kept, 0 unmatched; {example_path} unchanged\n"
    assert example_path.read_bytes() == before


@pytest.mark.parametrize(("name", "unchanged"), [
    ("mentorat-managers-2026.yaml", "\u202f; {path} inchangé"),  # language: fr
    ("reverse-digital-2026.yaml", "; {path} unchanged"),
])
def test_pair_on_the_shipped_cohorts_touches_only_pairs_and_settles(run, tmp_path, name,
                                                                   unchanged):
    path = tmp_path / name
    before = (REPO / "cohorts" / name).read_text(encoding="utf-8")
    path.write_text(before, encoding="utf-8")
    result = run(["pair", path])
    assert result.exit_code == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    assert after != before
    assert changed_outside_pairs(before, after) == []
    model = load(path)
    old = {(p.mentor, p.mentee): p for p in load(REPO / "cohorts" / name).pairs}
    kept = [p for p in old.values() if p.locked or p.status != "proposed"]  # and ended
    assert kept and all(p in model.pairs for p in kept)
    again = run(["pair", path])
    assert path.read_text(encoding="utf-8") == after
    assert again.stderr.splitlines()[-1].endswith(unchanged.format(path=path))


def test_invalid_file_exits_2_and_writes_nothing(run, tmp_path):
    path = write(tmp_path, cohort_text().replace("capacity: 2 ", "capacity: two "))
    before = path.read_bytes()
    result = run(["pair", path])
    assert result.exit_code == 2
    assert "participants[0].capacity: expected a whole number" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert run(["pair", tmp_path / "missing.yaml"]).exit_code == 2
    assert run(["pair", path, "--history", tmp_path / "missing.yaml"]).exit_code == 2


# --------------------------------------------------------------------------------- explain


def test_explain_a_forbidden_pair(run, example_path):
    result = run(["explain", example_path, "amartin", "bpetit"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "amartin -> bpetit: forbidden",
        "  - amartin is bpetit's manager (reporting_line: forbid)",
        "score if it were allowed: 0.36",
    ]
    assert [line.split()[0] for line in lines[5:]] == [
        "goals", "objectives", "department", "seniority", "location", "preference"]
    assert result.stderr == ("note: bpetit already has a mentor, so `pair` proposes nobody "
                             "else: cleroy (status: active, locked)\n")
    data = json.loads(run(["explain", example_path, "amartin", "bpetit", "--format",
                           "json"]).stdout)
    assert data["mentee_kept_pairs"] == [{"mentor": "cleroy", "status": "active",
                                          "locked": True}]
    assert data["existing_pairs"] == []


def test_explain_an_allowed_pair(run, example_path):
    result = run(["explain", example_path, "cleroy", "bpetit"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "cleroy -> bpetit: score 0.91"
    assert result.stdout.splitlines()[-1] == (
        "why: covers goals public speaking, delegation; bpetit asked for cleroy; different "
        "departments; 11 years more experience")
    assert result.stderr.splitlines() == [
        "note: cleroy has no free place (1/1 used by locked or active pairs)",
        "note: cleroy -> bpetit is already in the file (status: active, locked)",
    ]


def test_explain_json(run, example_path):
    result = run(["explain", example_path, "cleroy", "bpetit", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["score"] == 0.9091 and data["allowed"] is True
    assert data["factors"][0] == {"factor": "goals", "value": 1.0, "weight": 4.0,
                                  "contribution": 0.3636,
                                  "detail": "covers goals public speaking, delegation"}


def test_explain_unknown_id(run, example_path):
    result = run(["explain", example_path, "amartn", "bpetit"])
    assert result.exit_code == 2
    assert result.stderr == ("no participant 'amartn' in cohort managers-2026 (did you mean "
                             "'amartin'?)\n")


# ---------------------------------------------------------------------------------- scores


def test_scores_json_shape(run, example_path):
    result = run(["scores", example_path])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "mentors": ["amartin", "cleroy"],
        "mentees": ["bpetit"],
        "scores": [[None], [0.9091]],
    }


def test_scores_csv_matches_the_json(run, tmp_path):
    path = write(tmp_path, cohort_text())
    result = run(["scores", path, "--format", "csv"])
    assert result.exit_code == 0
    rows = result.stdout.splitlines()
    data = json.loads(run(["scores", path]).stdout)
    assert data["mentors"] == ["amartin", "cleroy", "gdurand"]
    assert data["mentees"] == ["bpetit", "dlopez", "emoreau"]
    assert rows == ["mentor,bpetit,dlopez,emoreau"] + [
        ",".join([mentor] + ["" if v is None else f"{v:g}" for v in row])
        for mentor, row in zip(data["mentors"], data["scores"], strict=True)]
    # null: amartin manages bpetit; nobody speaks German with dlopez
    assert [row[:2] for row in data["scores"]] == [[None, None], [0.9091, None],
                                                   [0.3636, None]]
    assert all(row[2] is not None for row in data["scores"])


def test_scores_full_mentors_still_get_scores(run, tmp_path):
    # cleroy's one place is used by the locked pair: `pair` cannot give him emoreau, `scores`
    # still scores the pair
    path = write(tmp_path, cohort_text())
    data = json.loads(run(["scores", path]).stdout)
    plan = json.loads(run(["pair", path, "--dry-run", "--format", "json"]).stdout)
    assert data["scores"][1][2] is not None
    assert ("cleroy", "emoreau") not in {(p["mentor"], p["mentee"]) for p in plan["proposed"]}


def test_only_solving_imports_scipy():
    script = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from mentorcli.cli import app\n"
        f"r = CliRunner().invoke(app, ['explain', {str(DATA / 'example.yaml')!r}, "
        "'cleroy', 'bpetit'])\n"
        "assert r.exit_code == 0, r.output\n"
        "r = CliRunner().invoke(app, ['scores', "
        f"{str(DATA / 'example.yaml')!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
    solving = script.replace("'scores', ", "'pair', '--dry-run', ")
    out = subprocess.run([sys.executable, "-c", solving], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() != "[]"  # the check above can fail: pair does load scipy
    light = subprocess.run(
        [sys.executable, "-c", "import sys, mentorcli.cli.commands.pairing, mentorcli.pairing, "
         "mentorcli.pairing.assignment; "
         "print([m for m in ('numpy', 'scipy') if m in sys.modules])"],
        capture_output=True, text=True, check=True)
    assert light.stdout.strip() == "[]"


# ------------------------------------------------------------- generated files (hypothesis)

sys.path.insert(0, str(Path(__file__).parent))
from hypothesis import HealthCheck, given, settings  # noqa: E402
from test_pairing import cohorts  # noqa: E402


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(model=cohorts(max_people=6, min_people=2))
def test_pair_writes_valid_files_keeps_kept_pairs_and_is_idempotent(run, tmp_path, model):
    import yaml

    from mentorcli.pairing import classify_pairs
    from mentorcli.store.loading import load_cohort

    data = model.model_dump(mode="json", exclude_none=True)
    path = tmp_path / "gen.yaml"
    path.write_text("# generated\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    result = run(["pair", path])
    assert result.exit_code == 0, result.stderr
    after = load_cohort(path).model
    kept = [model.pairs[i] for i in classify_pairs(model).kept]
    assert [p for p in after.pairs if p in kept] == kept
    ended = [p for p in model.pairs if p.status == "ended"]
    assert all(p in after.pairs for p in ended)
    assert after.participants == model.participants
    once = path.read_bytes()
    again = run(["pair", path])
    assert again.exit_code == 0
    assert path.read_bytes() == once


def test_pair_locks_once_and_parses_once(run, tmp_path, monkeypatch):
    """One transaction: one lock, one read and validation of the file (plus the store's own
    check of the text it writes)."""
    from mentorcli.store import files, loading, transaction

    calls = {"lock": 0, "load": 0}
    real_locked, real_load = files.locked, transaction.load_cohort_text

    def counting_locked(*args, **kwargs):
        calls["lock"] += 1
        return real_locked(*args, **kwargs)

    def counting_load(*args, **kwargs):
        calls["load"] += 1
        return real_load(*args, **kwargs)

    monkeypatch.setattr(files, "locked", counting_locked)
    monkeypatch.setattr(transaction, "load_cohort_text", counting_load)
    monkeypatch.setattr(loading, "load_cohort_text", counting_load)
    path = write(tmp_path, cohort_text(REPLACEABLE))
    result = run(["pair", path])
    assert result.exit_code == 0, result.stderr
    assert calls == {"lock": 1, "load": 1}
    assert "mentee: dlopez" not in path.read_text(encoding="utf-8")

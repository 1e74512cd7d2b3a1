"""Git, the coordinator's database: the `merge-file` merge driver on real repositories with two
branches, the two lines of git config from docs/git.md, .pre-commit-hooks.yaml, and the CI
examples in docs/ci/."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcli.merge import MergeError, mark_conflicts, merge_texts

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MENTORCLI = str(BIN / "mentorcli")
COHORT = REPO / "cohorts" / "reverse-digital-2026.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True,
                          check=check)


def cli(repo: Path, *args: str) -> None:
    done = subprocess.run([MENTORCLI, *args], cwd=repo, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def config_lines() -> list[str]:
    """The git config lines docs/git.md gives (`git config ...`)."""
    text = (REPO / "docs" / "git.md").read_text(encoding="utf-8")
    return re.findall(r"^git config (merge\.mentorcli\.\S+ .+)$", text, re.MULTILINE)


def make_repo(tmp_path: Path, driver: bool = True) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copyfile(COHORT, repo / "cohort.yaml")
    if driver:
        (repo / ".gitattributes").write_text("*.yaml merge=mentorcli\n")
        for line in config_lines():
            key, value = line.split(" ", 1)
            git(repo, "config", key, value.strip('"'))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def branches(repo: Path, change_a, change_b) -> subprocess.CompletedProcess:
    """Branch a and branch b from main, each changed, then b merged into a."""
    git(repo, "checkout", "-q", "-b", "a")
    change_a(repo)
    git(repo, "commit", "-q", "-am", "a")
    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-q", "-b", "b")
    change_b(repo)
    git(repo, "commit", "-q", "-am", "b")
    git(repo, "checkout", "-q", "a")
    return git(repo, "merge", "-q", "b", "-m", "merge", check=False)


def add_person(repo: Path, pid: str) -> None:
    path = repo / "cohort.yaml"
    text = path.read_text()
    entry = (f"  - id: {pid}\n    name: Person {pid}\n    email: {pid}@example.com\n"
             "    role: mentee\n\n")
    path.write_text(text.replace("  - id: dkim\n", entry + "  - id: dkim\n", 1))


def test_the_docs_give_the_two_config_lines():
    assert [line.split(" ", 1)[0] for line in config_lines()] == [
        "merge.mentorcli.name", "merge.mentorcli.driver"]
    text = (REPO / "docs" / "git.md").read_text(encoding="utf-8")
    assert "merge=mentorcli" in text


def test_without_the_driver_two_logged_meetings_conflict(tmp_path):
    repo = make_repo(tmp_path, driver=False)
    done = branches(
        repo,
        lambda r: cli(r, "log", "cohort.yaml", "dkim", "jmorales", "--date", "2026-11-20",
                    "--minutes", "60"),
        lambda r: cli(r, "log", "cohort.yaml", "mokafor", "sobrien", "--date", "2026-11-21",
                    "--minutes", "45"))
    assert done.returncode != 0 and "<<<<<<<" in (repo / "cohort.yaml").read_text()


def test_meetings_approvals_and_people_on_both_branches_merge_cleanly(tmp_path):
    repo = make_repo(tmp_path)

    def change_a(r: Path) -> None:
        cli(r, "log", "cohort.yaml", "dkim", "jmorales", "--date", "2026-11-20",
            "--minutes", "60")
        add_person(r, "new-a")

    def change_b(r: Path) -> None:
        cli(r, "log", "cohort.yaml", "mokafor", "sobrien", "--date", "2026-11-21",
            "--minutes", "45")
        cli(r, "approve", "cohort.yaml", "toreilly", "pgreen", "--date", "2026-11-01")
        add_person(r, "new-b")

    done = branches(repo, change_a, change_b)
    assert done.returncode == 0, done.stdout + done.stderr
    text = (repo / "cohort.yaml").read_text()
    assert "<<<<<<<" not in text and "=======" not in text
    assert "date: 2026-11-20" in text and "date: 2026-11-21" in text
    assert text.count("id: new-a") == 1 and text.count("id: new-b") == 1
    check = subprocess.run([MENTORCLI, "validate", "cohort.yaml"], cwd=repo,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "(18 participants, 3 pairs, 18 sessions)" in check.stdout
    # the pair approved on b is active in the merge; comments from the base are kept
    assert re.search(r"mentee: pgreen\n    status: active.*\n    started: 2026-11-01", text)
    assert text.count("#") == COHORT.read_text().count("#")
    diff = git(repo, "diff", "HEAD~1", "HEAD", "--", "cohort.yaml").stdout
    changed = [line for line in diff.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(changed) == 3 + 4 + 4  # b's approval, b's meeting and b's person: nothing else


def _set_progress(value: int):
    def change(r: Path) -> None:
        path = r / "cohort.yaml"
        path.write_text(path.read_text().replace("progress: 60", f"progress: {value}", 1))
    return change


def test_the_same_value_changed_both_ways_is_left_marked(tmp_path):
    repo = make_repo(tmp_path)

    def change_a(r: Path) -> None:
        _set_progress(70)(r)
        cli(r, "log", "cohort.yaml", "dkim", "jmorales", "--date", "2026-11-20", "--minutes", "30")

    def change_b(r: Path) -> None:
        _set_progress(80)(r)
        add_person(r, "new-b")

    done = branches(repo, change_a, change_b)
    assert done.returncode != 0
    assert "conflict at pairs[dkim -> jmorales].goals[automate-report].progress: ours 70, " \
           "theirs 80" in done.stderr
    text = (repo / "cohort.yaml").read_text()
    assert "<<<<<<< ours\n        progress: 70\n=======\n        progress: 80\n>>>>>>> theirs\n" \
        in text
    assert text.count("<<<<<<<") == 1  # the rest merged: b's person, a's meeting
    assert "id: new-b" in text and "date: 2026-11-20" in text
    assert "cohort.yaml" in git(repo, "diff", "--name-only", "--diff-filter=U").stdout


def test_merge_texts_entries_removed_and_changed_conflict():
    base = "version: 1\nparticipants:\n  - id: a\n    name: A\n  - id: b\n    name: B\n"
    ours = "version: 1\nparticipants:\n  - id: a\n    name: A\n"  # b removed (forget)
    theirs = "version: 1\nparticipants:\n  - id: a\n    name: A\n  - id: b\n    name: Bee\n"
    result = merge_texts(base, ours, theirs)
    assert [c.describe() for c in result.conflicts] == [
        'participants[b]: ours removed, theirs {"id": "b", "name": "Bee"}']
    assert result.text == ("version: 1\nparticipants:\n  - id: a\n    name: A\n"
                           "<<<<<<< ours\n=======\n  - id: b\n    name: Bee\n>>>>>>> theirs\n")


def test_merge_texts_lists_of_values_merge_as_sets_and_removals_win():
    base = "tags: [a, b, c]\nname: x\n"
    ours = "tags: [a, c, d]\nname: x\n"
    theirs = "tags: [a, b, c, e]\nname: y\n"
    result = merge_texts(base, ours, theirs)
    assert result.clean
    assert result.text == "tags: [a, c, d, e]\nname: y\n"


def test_merge_texts_refuses_what_is_not_yaml():
    with pytest.raises(MergeError):
        merge_texts("a: 1\n", "a: [\n", "a: 2\n")


def test_merge_file_falls_back_to_lines_for_broken_yaml(tmp_path, run):
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_text("a: 1\nx: 0\ny: 0\nz: 0\nb: 2\n")
    ours.write_text("a: [\nx: 0\ny: 0\nz: 0\nb: 2\n")
    theirs.write_text("a: 1\nx: 0\ny: 0\nz: 0\nb: 3\n")
    result = run(["merge-file", base, ours, theirs])
    assert result.exit_code == 0  # git merged the lines cleanly
    assert "not merged entry by entry" in result.stderr
    assert ours.read_text() == "a: [\nx: 0\ny: 0\nz: 0\nb: 3\n"


def test_merge_file_says_when_the_merge_does_not_validate(tmp_path, run):
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    text = COHORT.read_text()
    base.write_text(text)
    ours.write_text(text.replace("capacity: 2                # at most two leaders at once",
                                 "capacity: 0", 1))
    theirs.write_text(text.replace("version: 1", "version: 1\nbogus: 1", 1))
    result = run(["merge-file", base, ours, theirs])
    assert result.exit_code == 1
    assert "merged without conflict, but the result does not validate" in result.stderr


def test_mark_conflicts_marks_only_differing_lines():
    assert mark_conflicts("a\nb\nc\n", "a\nB\nc\n", marker_size=3) == \
        "a\n<<< ours\nb\n===\nB\n>>> theirs\nc\n"


# ------------------------------------------------------------------ pre-commit and CI files


def test_pre_commit_hooks_file_runs_validate():
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    ids = {hook["id"]: hook for hook in hooks}
    assert ids["mentorcli-validate"]["entry"] == "mentorcli validate"
    assert ids["mentorcli-validate"]["language"] == "python"
    assert re.search(ids["mentorcli-validate"]["files"], "cohorts/mentorat-2026.yaml")


@pytest.mark.parametrize("name", ["github-monthly-report.yml", "gitlab-ci-monthly-report.yml"])
def test_ci_examples_are_valid_yaml_and_run_the_report(name):
    import yaml

    text = (REPO / "docs" / "ci" / name).read_text()
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    assert "mentorcli report" in text and "--fail-on" in text
    if name.startswith("github"):
        assert data[True if True in data else "on"]["schedule"][0]["cron"] == "0 7 1 * *"
        steps = data["jobs"]["report"]["steps"]
        assert any("upload-artifact" in str(s.get("uses", "")) for s in steps)
    else:
        job = data["monthly-report"]
        assert job["rules"][0]["if"] == '$CI_PIPELINE_SOURCE == "schedule"'
        assert any("mentorcli report" in line for line in job["script"])


def test_crontab_line_in_the_docs_uses_the_exit_codes():
    text = (REPO / "docs" / "ci" / "README.md").read_text()
    line = next(ln for ln in text.splitlines() if ln.startswith("0 7 1 * *"))
    assert "--fail-on at-risk" in line
    for code in ("0", "1", "2", "3"):
        assert f"| {code} |" in text


def _pre_commit() -> str | None:
    return shutil.which("pre-commit") or shutil.which("pre-commit", path=str(BIN))


@pytest.mark.slow
@pytest.mark.skipif(_pre_commit() is None, reason="pre-commit is not installed "
                    "(pip install pre-commit; the first run builds its environment, ~2 min)")
def test_pre_commit_itself_runs_the_hook(tmp_path):
    repo = tmp_path / "coordinator"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copyfile(COHORT, repo / "good.yaml")
    (repo / "bad.yaml").write_text("version: 1\ncohort: {id: x}\n")
    git(repo, "add", ".")

    def hook(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run([_pre_commit(), "try-repo", str(REPO), "mentorcli-validate",
                               "--files", *files], cwd=repo, capture_output=True, text=True,
                              timeout=900)

    done = hook("good.yaml", "bad.yaml")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "bad.yaml:2:9: cohort: missing required key 'name'" in done.stdout
    assert hook("good.yaml").returncode == 0


# ------------------------------------------------------------------ init and .gitignore


def test_init_writes_a_gitignore_that_keeps_personal_outputs_out_of_git(tmp_path, run):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    result = run(["init", repo / "mentoring.yaml"])
    assert result.exit_code == 0, result.stderr
    assert "wrote " + str(repo / ".gitignore") + ": generated contracts, calendars and " \
        "reports hold personal data and stay out of git" in result.stderr
    ignored = ["contracts/mentoring/ana-bob.md", "calendars/mentoring/ana.ics",
               "reports/report-2026-05.html", "report-2026-05.xlsx",
               ".mentoring.yaml.k2j3h4.tmp", ".mentoring.yaml.lock"]
    kept = ["mentoring.yaml", ".gitignore", "cohorts/other.yaml", "report.md"]
    done = git(repo, "check-ignore", "--no-index", *ignored, *kept, check=False)
    assert done.stdout.split() == ignored


def test_init_completes_an_existing_gitignore_once(tmp_path, run):
    (tmp_path / ".gitignore").write_text("*.pyc\ncontracts/")
    assert run(["init", tmp_path / "a.yaml"]).exit_code == 0
    text = (tmp_path / ".gitignore").read_text()
    assert text.startswith("*.pyc\ncontracts/\n\n# mentorcli: generated files")
    assert text.count("contracts/") == 1 and text.count("calendars/") == 1
    result = run(["init", tmp_path / "b.yaml"])
    assert "gitignore" not in result.stderr
    assert (tmp_path / ".gitignore").read_text() == text


# ------------------------------------------------------------------ properties of the merge


def _yaml(data: dict) -> str:
    import yaml

    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@st.composite
def _two_branches(draw):
    """A base list of entries, and two branches that change disjoint entries, remove some,
    and each append new ones (ids never shared)."""
    n = draw(st.integers(1, 8))
    base = [{"id": f"p{i}", "v": draw(st.integers(0, 9)), "tags": ["a"]} for i in range(n)]
    owner = draw(st.lists(st.sampled_from(["ours", "theirs", None, "gone-ours",
                                           "gone-theirs"]), min_size=n, max_size=n))
    sides = {}
    for side in ("ours", "theirs"):
        entries = []
        for entry, who in zip(base, owner, strict=True):
            if who == f"gone-{side}":
                continue
            new = dict(entry, tags=list(entry["tags"]))
            if who == side:
                new["v"] = entry["v"] + 10
                new["tags"].append(side)
            entries.append(new)
        added = draw(st.integers(0, 3))
        entries += [{"id": f"{side}-{k}", "v": k, "tags": []} for k in range(added)]
        sides[side] = {"version": 1, "title": "base", "participants": entries}
    if draw(st.booleans()):
        sides["theirs"]["title"] = "renamed"
    return {"version": 1, "title": "base", "participants": base}, sides, owner


@settings(max_examples=60, deadline=None)
@given(_two_branches())
def test_disjoint_changes_merge_to_both_changes(case):
    import yaml

    base, sides, owner = case
    result = merge_texts(_yaml(base), _yaml(sides["ours"]), _yaml(sides["theirs"]))
    assert result.clean
    merged = yaml.safe_load(result.text)
    expected_ids = [e["id"] for e, who in zip(base["participants"], owner, strict=True)
                    if not (who or "").startswith("gone")]
    expected_ids += [e["id"] for e in sides["ours"]["participants"] if "-" in e["id"]]
    expected_ids += [e["id"] for e in sides["theirs"]["participants"] if "-" in e["id"]]
    assert [e["id"] for e in merged["participants"]] == expected_ids
    by_id = {e["id"]: e for e in merged["participants"]}
    for entry, who in zip(base["participants"], owner, strict=True):
        if who in ("ours", "theirs"):
            assert by_id[entry["id"]]["v"] == entry["v"] + 10
            assert by_id[entry["id"]]["tags"] == ["a", who]
    assert merged["title"] == sides["theirs"]["title"]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 5), st.integers(6, 9), st.integers(10, 20))
def test_a_value_changed_both_ways_is_always_a_conflict(base_v, ours_v, theirs_v):
    text = "version: 1\nparticipants:\n  - id: a\n    v: {}\n"
    result = merge_texts(text.format(base_v), text.format(ours_v), text.format(theirs_v))
    assert [c.where for c in result.conflicts] == ["participants[a].v"]
    assert f"<<<<<<< ours\n    v: {ours_v}\n=======\n    v: {theirs_v}\n>>>>>>> theirs\n" \
        in result.text


def test_merge_keeps_windows_line_endings():
    base = "version: 1\r\nsessions:\r\n  - {mentor: a, mentee: b, date: 2026-01-05}\r\n"
    ours = base + "  - {mentor: a, mentee: b, date: 2026-02-05}\r\n"
    theirs = base + "  - {mentor: a, mentee: b, date: 2026-03-05}\r\n"
    result = merge_texts(base, ours, theirs)
    assert result.clean
    assert result.text == ours + "  - {mentor: a, mentee: b, date: 2026-03-05}\r\n"

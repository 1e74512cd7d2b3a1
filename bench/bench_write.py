"""Every writing command on a big cohort, each against a `yaml.CSafeLoader` parse of the same
file measured just before it in the same run (issue "One cohort transaction").

Target: every command at most 3x the parse. The commands run as subprocesses of the
installed `mentorcli` (start-up, lock, read, validate, plan, patch, check, write: what a
coordinator waits for), each on a fresh copy of the file. After each command the script
prints how the transaction wrote (`append`, `patch` or `round-trip`, from
MENTORCLI_WRITE_TRACE) and the size of its `git diff`-like change, so a fallback to the
round trip shows here.

    python bench/bench_write.py [--participants 5000 --pairs 2500 --sessions 60000]
    python bench/bench_write.py --only end,approve
    python bench/bench_write.py --examples   # how often the example cohorts need a round trip
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import mentorcli_executable  # noqa: E402
from bench.generate import generate_cohort_text  # noqa: E402

TODAY = "2026-12-01"


def parse_seconds(path: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of a `yaml.CSafeLoader` parse of the file."""
    import yaml

    text = path.read_text(encoding="utf-8")
    started, cpu = time.perf_counter(), time.process_time()
    yaml.load(text, Loader=yaml.CSafeLoader)
    return time.perf_counter() - started, time.process_time() - cpu


def facts(path: Path) -> dict[str, object]:
    """Ids the commands need, read from the generated file."""
    import yaml

    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    pairs = data["pairs"]
    active = [p for p in pairs if p["status"] == "active"]
    proposed = [p for p in pairs if p["status"] == "proposed"]
    logged = {(s["mentor"], s["mentee"], s["date"]) for s in data["sessions"]}
    day = dt.date(2026, 11, 30)
    first = active[0]
    while (first["mentor"], first["mentee"], day) in logged:
        day -= dt.timedelta(days=1)
    goal_pair = next(p for p in active if p.get("goals"))
    return {
        "active": (first["mentor"], first["mentee"]),
        "free_day": day.isoformat(),
        "proposed": (proposed[0]["mentor"], proposed[0]["mentee"]),
        "goal_pair": (goal_pair["mentor"], goal_pair["mentee"], goal_pair["goals"][0]["id"]),
        "objective": data["objectives"][0]["id"],
        "person": active[1]["mentee"],
        "end_pair": (active[2]["mentor"], active[2]["mentee"]),
    }


def people_csv(folder: Path, count: int) -> Path:
    path = folder / "people.csv"
    lines = ["name,email,role,department,seniority"]
    for number in range(count):
        lines.append(f"New Person {number},new.person{number}@example.com,mentee,Sales,2")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def commands(f: dict[str, object], csv: Path) -> list[tuple[str, list[str], str | None]]:
    """(name, arguments after FILE, setup command run first or None)."""
    m, e = f["active"]  # type: ignore[misc]
    pm, pe = f["proposed"]  # type: ignore[misc]
    gm, ge, gid = f["goal_pair"]  # type: ignore[misc]
    em, ee = f["end_pair"]  # type: ignore[misc]
    return [
        ("log", ["log", "{file}", m, e, "--date", str(f["free_day"]), "--minutes", "60"], None),
        ("approve", ["approve", "{file}", pm, pe, "--date", "2026-11-02"], None),
        ("goal --add", ["goal", "{file}", gm, ge, "bench-goal", "--add", "--text",
                        "Lead a meeting"], None),
        ("goal --progress", ["goal", "{file}", gm, ge, str(gid), "--progress", "55"], None),
        ("end", ["end", "{file}", em, ee, "--reason", "moved", "--date", "2026-11-03"], None),
        ("result", ["result", "{file}", str(f["objective"]), "93", "--date", "2026-11-04"],
         None),
        ("sign", ["sign", "{file}", m, e, "--by", "mentor", "--date", "2026-11-05"], None),
        ("pair (first)", ["pair", "{file}", "--format", "json"], None),
        ("pair (re-pair)", ["pair", "{file}", "--format", "json"], "end-then-pair"),
        ("import 100", ["import", "{file}", str(csv)], None),
        ("forget", ["forget", "{file}", str(f["person"]), "--yes"], None),
        ("anonymize", ["anonymize", "{file}", "--before", "2026-06-01", "--yes"], None),
    ]


def run(exe: str, arguments: list[str], file: Path, env: dict[str, str]
        ) -> tuple[float, float, str]:
    """(wall, CPU seconds of the child, its stderr): CPU time is what other jobs sharing
    the machine disturb least."""
    import resource

    argv = [exe] + [a.replace("{file}", str(file)) for a in arguments]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)}: exit {done.returncode}\n{done.stderr[-2000:]}")
    return seconds, cpu, done.stderr


def changed_lines(before: Path, after: Path) -> int:
    """Lines added plus lines removed, as `git diff` counts them (fast on big files)."""
    done = subprocess.run(["git", "diff", "--no-index", "--numstat", str(before), str(after)],
                          capture_output=True, text=True)
    return sum(int(a) + int(r) for a, r, *_ in (line.split("\t") for line in
                                                   done.stdout.splitlines()) if a.isdigit())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=5000)
    parser.add_argument("--pairs", type=int, default=2500)
    parser.add_argument("--sessions", type=int, default=60000)
    parser.add_argument("--only", default="", help="comma-separated command names")
    parser.add_argument("--examples", action="store_true",
                        help="count round trips on the shipped example cohorts instead")
    args = parser.parse_args()
    if args.examples:
        return examples()
    exe = mentorcli_executable()
    folder = Path(tempfile.mkdtemp(prefix="bench-write-"))
    big = folder / "big.yaml"
    big.write_text(generate_cohort_text(args.participants, args.pairs, args.sessions, seed=1),
                   encoding="utf-8")
    size = big.stat().st_size / 1e6
    print(f"cohort: {args.participants} participants, {args.pairs} pairs, {args.sessions} "
          f"sessions ({size:.1f} MB)")
    f = facts(big)
    csv = people_csv(folder, 100)
    env = dict(os.environ, MENTORCLI_TODAY=TODAY, MENTORCLI_WRITE_TRACE="1", NO_COLOR="1")
    wanted = {w.strip() for w in args.only.split(",") if w.strip()}
    worst = worst_cpu = 0.0
    print(f"{'command':<18} {'parse':>8} {'command':>9} {'ratio':>6} {'CPU ratio':>9}  "
          "written   changed lines")
    for name, arguments, setup in commands(f, csv):
        if wanted and name not in wanted and name.split()[0] not in wanted:
            continue
        copy = folder / "copy.yaml"
        shutil.copyfile(big, copy)
        if setup == "end-then-pair":
            run(exe, ["pair", "{file}", "--format", "json"], copy, env)
            em, ee = f["end_pair"]  # type: ignore[misc]  # its mentee then needs a new mentor
            run(exe, ["end", "{file}", em, ee, "--reason", "moved", "--date", "2026-11-03"],
                copy, env)
        before = folder / "before.yaml"
        shutil.copyfile(copy, before)
        parse, parse_cpu = parse_seconds(copy)
        seconds, cpu, stderr = run(exe, arguments, copy, env)
        method = next((line.split(":", 1)[1].strip() for line in stderr.splitlines()
                       if line.startswith("mentorcli-write:")), "?")
        changed = changed_lines(before, copy)
        ratio, cpu_ratio = seconds / parse, cpu / parse_cpu
        worst = max(worst, ratio)
        worst_cpu = max(worst_cpu, cpu_ratio)
        flag = "ok" if min(ratio, cpu_ratio) <= 3 else "OVER"
        print(f"{name:<18} {parse:7.2f}s {seconds:8.2f}s {ratio:5.2f}x {cpu_ratio:8.2f}x  "
              f"{method:<9} {changed:>6}  [{flag}]", flush=True)
    print(f"worst ratio: {worst:.2f}x wall, {worst_cpu:.2f}x CPU (target <= 3x)")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


def examples() -> int:
    """For each shipped example cohort: random edits of every kind, and how many needed the
    round trip (the patcher could not place them)."""
    import random

    from mentorcli.resources import cohorts_dir
    from mentorcli.store import edits as E
    from mentorcli.store import patch
    from mentorcli.store.loading import load_cohort
    from tests.edit_strategies import edits_for  # the property test's generator

    total = fallback = 0
    for path in sorted(cohorts_dir().glob("*.yaml")) + [Path("tests/data/example.yaml")]:
        loaded = load_cohort(path)
        rng = random.Random(1)
        here = tried = 0
        for _ in range(200):
            edits = edits_for(loaded.model, rng)
            try:
                expected = E.apply_edits(loaded.data, edits)
            except E.LocationError:
                continue  # an edit on an entry the same set deleted: not a real change
            new = patch.patch_text(loaded.text, loaded.data, edits)
            total += 1
            tried += 1
            if new is None:
                fallback += 1
                here += 1
            else:
                from mentorcli.store.reading import parse_yaml

                assert parse_yaml(new, path) == expected, path
        print(f"{path.name}: {here} of {tried} random edit sets need the round trip")
    print(f"all: {fallback} of {total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

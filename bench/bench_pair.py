"""Benchmark `mentorcli pair` end to end, and the optimal assignment against a greedy baseline.

    python bench/bench_pair.py                       # 2,000 x 1,000 and 10,000 x 5,000
    python bench/bench_pair.py --sizes 2000x1000     # one size

Run it from the repository root (it imports bench.generate). For each size it

1. generates a pairing cohort (N mentees, M mentors of capacity 2, seeded: same bytes every
   time, with an empty `pairs: []`) with bench/generate.py;
2. times `mentorcli pair FILE --format json` in a subprocess: load, score, solve, write. Each
   run happens under its own helper process so that the peak memory (resource.getrusage of
   the children) belongs to that run alone. Then it times a second `pair` on the written
   file, which has nothing left to change (load, score, solve, no write);
3. builds the same assignment problem in-process and runs the greedy baseline (best pair
   first) and the optimal solver on it, and prints matched mentees and total score side by
   side.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGETS = {(2000, 1000): 10.0, (10000, 5000): 120.0}  # seconds
MEMORY_TARGET_MB = 6 * 1024


def mentorcli_command() -> list[str]:
    exe = Path(sys.executable).with_name("mentorcli")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "mentorcli"]


def child(path: str) -> int:
    """Helper process: run `mentorcli pair` once and report time and peak memory as JSON."""
    start = time.perf_counter()
    proc = subprocess.run([*mentorcli_command(), "pair", path, "--format", "json"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux
    report = {"seconds": seconds, "peak_mb": peak_kb / 1024, "exit": proc.returncode,
              "stderr_tail": proc.stderr.strip().splitlines()[-1:] if proc.stderr else []}
    if proc.returncode == 0:
        data = json.loads(proc.stdout)
        report.update(matched=data["matched"], total=data["total_score"],
                      solver=data["solver"], unmatched=len(data["unmatched"]),
                      written=data["written"])
    print(json.dumps(report))
    return 0


def time_pair(path: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def compare_solvers(path: Path) -> dict:
    """Greedy vs optimal on the same score matrix (in-process): the problem `pair` solves."""
    from mentorcli.pairing import PairingContext, assignment_problem
    from mentorcli.pairing.assignment import greedy_assign, solve
    from mentorcli.store.loading import load_cohort

    ctx = PairingContext(load_cohort(path).model)
    start = time.perf_counter()
    problem = assignment_problem(ctx)  # mostly the score matrix
    score_seconds = time.perf_counter() - start
    start = time.perf_counter()
    greedy = greedy_assign(problem.scores, problem.capacity, problem.same_person)
    greedy_seconds = time.perf_counter() - start
    start = time.perf_counter()
    best = solve(problem.scores, problem.capacity, problem.same_person)
    best_seconds = time.perf_counter() - start
    return {"score_seconds": score_seconds,
            "greedy": (greedy.matched, greedy.total, greedy_seconds),
            "optimal": (best.matched, best.total, best_seconds, best.method, best.stats)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["2000x1000", "10000x5000"],
                        help="MENTEESxMENTORS, e.g. 2000x1000")
    parser.add_argument("--capacity", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-compare", action="store_true", help="skip greedy vs optimal")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child)

    sys.path.insert(0, str(REPO))
    from bench.generate import generate_cohort_text

    folder = Path(tempfile.mkdtemp(prefix="bench-pair-"))
    try:
        print(f"mentorcli pair, end to end (load, score, solve, write); capacity "
              f"{args.capacity}; seed {args.seed}")
        print(f"{'mentees x mentors':>18} {'seconds':>8} {'peak MB':>8} {'solver':>7} "
              f"{'matched':>8} {'total':>10} {'again s':>8}  target")
        comparisons = []
        for size in args.sizes:
            mentees, mentors = (int(n) for n in size.lower().split("x"))
            path = folder / f"pair-{size}.yaml"
            path.write_text(generate_cohort_text(mentees=mentees, mentors=mentors,
                                                 capacity=args.capacity, seed=args.seed),
                            encoding="utf-8")
            source = path.with_suffix(".orig.yaml")
            shutil.copyfile(path, source)
            report = time_pair(path)
            if report["exit"] != 0:
                print(f"{size:>18} {report['seconds']:8.1f} {report['peak_mb']:8.0f}  "
                      f"FAILED (exit {report['exit']}): {report['stderr_tail']}")
                continue
            again = time_pair(path)
            verdict = ""
            target = TARGETS.get((mentees, mentors))
            if target is not None:
                ok = report["seconds"] < target and report["peak_mb"] < MEMORY_TARGET_MB
                verdict = f"< {target:g} s, < 6 GB: {'met' if ok else 'MISSED'}"
            if again.get("written") is not False:
                verdict += "  (the second run changed the file!)"
            print(f"{size:>18} {report['seconds']:8.1f} {report['peak_mb']:8.0f} "
                  f"{report['solver']:>7} {report['matched']:8d} {report['total']:10.2f} "
                  f"{again['seconds']:8.1f}  {verdict}", flush=True)
            if not args.no_compare:
                comparisons.append((size, compare_solvers(source)))
        if comparisons:
            print()
            print("optimal vs greedy (best pair first) on the same score matrix, in-process")
            print(f"{'mentees x mentors':>18} {'greedy matched':>15} {'greedy total':>13} "
                  f"{'optimal matched':>16} {'optimal total':>14} {'score s':>8} "
                  f"{'greedy s':>9} {'optimal s':>10}  solver")
            for size, c in comparisons:
                g_matched, g_total, g_s = c["greedy"]
                o_matched, o_total, o_s, method, stats = c["optimal"]
                detail = method
                if method == "sparse":
                    detail += (f" (k={stats['k']}, {stats['rounds']} rounds, "
                               f"{stats['candidates']} candidates, certified optimal)")
                print(f"{size:>18} {g_matched:15d} {g_total:13.2f} {o_matched:16d} "
                      f"{o_total:14.2f} {c['score_seconds']:8.2f} {g_s:9.2f} {o_s:10.2f}  "
                      f"{detail}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

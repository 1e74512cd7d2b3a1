"""Benchmark: `mentorcli validate` on a big cohort against PyYAML's C loader, and `--help`.

Targets (issue "Cohort files"): validate takes at most 2x the time `yaml.CSafeLoader` needs
just to parse the same file, measured in the same run; `mentorcli --help` answers in under
0.15 s.

    python bench/bench_validate.py [--participants 5000 --pairs 2500 --sessions 60000]

Run from the repository root with the project installed (`pip install '.[test]'`).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    big_cohort_arguments,
    mentorcli_executable,
    write_big_cohort,
)


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    args = big_cohort_arguments(__doc__.splitlines()[0])

    import yaml

    exe = mentorcli_executable()
    with tempfile.TemporaryDirectory() as folder:
        path = write_big_cohort(folder, args)
        size_mb = path.stat().st_size / 1024 / 1024
        text = path.read_text(encoding="utf-8")

        def parse_c() -> None:
            yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 - the reference

        def validate() -> None:
            result = subprocess.run([exe, "validate", str(path)], capture_output=True)
            assert result.returncode == 0, result.stderr

        # alternate the two, so both see the same machine load
        parse_times, validate_times = [], []
        for _ in range(args.runs):
            parse_times.append(best_of(1, parse_c))
            validate_times.append(best_of(1, validate))
        parse_s, validate_s = min(parse_times), min(validate_times)
        help_s = best_of(max(args.runs, 5), lambda: subprocess.run(
            [exe, "--help"], capture_output=True, check=True))

    print(f"cohort: {args.participants} participants, {args.pairs} pairs, "
          f"{args.sessions} sessions ({size_mb:.1f} MB)")
    print(f"yaml.CSafeLoader parse:   {parse_s:7.2f} s (best of {args.runs})")
    print(f"mentorcli validate:       {validate_s:7.2f} s = {validate_s / parse_s:.2f}x "
          f"the parse (target <= 2x) [{'ok' if validate_s <= 2 * parse_s else 'MISSED'}]")
    print(f"mentorcli --help:         {help_s:7.3f} s (target < 0.15 s) "
          f"[{'ok' if help_s < 0.15 else 'MISSED'}]")
    if len(parse_times) > 1:
        print(f"(spread: parse {statistics.pstdev(parse_times):.2f} s, validate "
              f"{statistics.pstdev(validate_times):.2f} s)")


if __name__ == "__main__":
    main()

"""Benchmark: `mentorcli report --format json` and `mentorcli log` on a big cohort.

Targets (issue "Follow-up and progress reports"), against the time `yaml.CSafeLoader` needs
just to parse the same file, measured in the same run:
- `mentorcli report FILE --format json` at most 2x the parse;
- `mentorcli log FILE MENTOR MENTEE --date D --minutes N` under 3x the parse.

    python bench/bench_report.py [--participants 5000 --pairs 2500 --sessions 60000] [--runs 3]

Run from the repository root with the project installed (`pip install '.[test]'`). The
commands run as subprocesses (start-up, load, compute, print: what a user waits for); the
three measures alternate so they see the same machine load, and the best of the runs counts.
An in-process breakdown (load, build the report, render each format) is printed too.
"""

from __future__ import annotations

import datetime as dt
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


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def free_meetings(path: Path, count: int) -> list[tuple[str, str, str]]:
    """(mentor, mentee, date) of `count` meetings `mentorcli log` will accept today."""
    from mentorcli.store.loading import load_cohort

    model = load_cohort(path).model
    today = dt.date.today()
    last = min(today, model.cohort.end)
    taken = {(s.mentor, s.mentee, s.date) for s in model.sessions}
    found = []
    for pair in model.pairs:
        if pair.status != "active" or pair.started is None or pair.started > last:
            continue
        day = last
        while day >= pair.started and len(found) < count:
            if (pair.mentor, pair.mentee, day) not in taken:
                found.append((pair.mentor, pair.mentee, day.isoformat()))
                break
            day -= dt.timedelta(days=1)
        if len(found) == count:
            return found
    raise SystemExit(f"no active pair can log a meeting today ({today}): the generated cohort "
                     f"runs {model.cohort.start} to {model.cohort.end}")


def main() -> None:
    args = big_cohort_arguments(__doc__.splitlines()[0])

    import yaml

    exe = mentorcli_executable()
    with tempfile.TemporaryDirectory() as folder:
        path = write_big_cohort(folder, args)
        size_mb = path.stat().st_size / 1024 / 1024
        meetings = free_meetings(path, args.runs)

        def parse_c() -> None:
            text = path.read_text(encoding="utf-8")
            yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 - the reference

        def report() -> None:
            result = subprocess.run([exe, "report", str(path), "--format", "json"],
                                    capture_output=True)
            assert result.returncode == 0, result.stderr
            assert len(result.stdout) > 1000

        parse_times, report_times, log_times = [], [], []
        for run in range(args.runs):
            parse_times.append(timed(parse_c))
            report_times.append(timed(report))
            mentor, mentee, day = meetings[run]

            def log(mentor=mentor, mentee=mentee, day=day) -> None:
                result = subprocess.run([exe, "log", str(path), mentor, mentee, "--date", day,
                                         "--minutes", "45", "--mode", "video"],
                                        capture_output=True)
                assert result.returncode == 0, result.stderr

            log_times.append(timed(log))
        parse_s, report_s, log_s = min(parse_times), min(report_times), min(log_times)
        breakdown = in_process(path)

    print(f"cohort: {args.participants} participants, {args.pairs} pairs, "
          f"{args.sessions} sessions ({size_mb:.1f} MB)")
    print(f"yaml.CSafeLoader parse:      {parse_s:7.2f} s (best of {args.runs})")
    print(f"mentorcli report (json):     {report_s:7.2f} s = {report_s / parse_s:.2f}x the parse "
          f"(target <= 2x) [{'ok' if report_s <= 2 * parse_s else 'MISSED'}]")
    print(f"mentorcli log (one meeting): {log_s:7.2f} s = {log_s / parse_s:.2f}x the parse "
          f"(target < 3x) [{'ok' if log_s < 3 * parse_s else 'MISSED'}]")
    print("in-process breakdown of the report (one run):")
    for name, seconds in breakdown:
        print(f"  {name:<28} {seconds:7.3f} s")


def in_process(path: Path) -> list[tuple[str, float]]:
    from mentorcli.reports import progress
    from mentorcli.reports import render as report_render
    from mentorcli.store.loading import load_cohort

    out = []
    started = time.perf_counter()
    loaded = load_cohort(path)
    out.append(("load_cohort (parse+validate)", time.perf_counter() - started))
    started = time.perf_counter()
    report = progress.build_report(loaded.model, as_of=dt.date.today())
    out.append(("build_report", time.perf_counter() - started))
    for fmt in ("json", "csv", "markdown", "html", "table"):
        started = time.perf_counter()
        report_render.render(report, fmt)
        out.append((f"render {fmt}", time.perf_counter() - started))
    started = time.perf_counter()
    report_render.anonymize(report)
    out.append(("anonymize", time.perf_counter() - started))
    return out


if __name__ == "__main__":
    main()

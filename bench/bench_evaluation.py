"""Benchmark: `mentorcli evaluate` on the big cohort with 10,000 survey answers.

Target (issue 14, "Evaluation, supervision and support"): `mentorcli evaluate FILE --format
json` at most 2x the time `yaml.CSafeLoader` needs just to parse the same file, measured in
the same run.

    python bench/bench_evaluation.py [--participants 5000 --pairs 2500 --sessions 60000]
                                     [--answers 10000] [--runs 3]

The big cohort of bench/common.py gets, appended as text: `--answers` survey responses
(mid- and end-of-programme, mentors and mentees, with a confidential comment on one in
ten), a supervision session a month, one concern per 25 pairs, and the HR outcome of every
mentee plus a comparison group of the same size. The command runs as a subprocess (start-up,
load, compute, print); both measures alternate and the best of the runs counts. An
in-process breakdown (load, build, render each format) is printed too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import mentorcli_executable, write_big_cohort  # noqa: E402


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=5000)
    parser.add_argument("--pairs", type=int, default=2500)
    parser.add_argument("--sessions", type=int, default=60000)
    parser.add_argument("--answers", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    return parser.parse_args()


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def evaluation_sections(path: Path, answers: int, seed: int = 14) -> str:
    """The YAML text of responses, supervision, concerns and outcomes for the cohort."""
    import yaml

    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # noqa: S506
    rng = random.Random(seed)
    start = data["cohort"]["start"]
    end = data["cohort"]["end"]
    pairs = [p for p in data.get("pairs") or [] if p.get("started")]
    roles = {p["id"]: p["role"] for p in data["participants"]}
    # A pulse survey each quarter besides mid and end: enough (survey, person) for 10,000.
    surveys = [(name, stage, role) for name, stage in (("q1", "mid"), ("mid", "mid"),
                                                       ("q3", "mid"), ("end", "end"))
               for role in ("mentee", "mentor")]
    out = ["", "surveys:"]
    for name, stage, role in surveys:
        out.append(f"  - id: {name}-{role}")
        out.append(f"    title: {name} questionnaire ({role}s)")
        out.append(f"    stage: {stage}")
        out.append(f"    role: {role}")
        out.append("    questions:")
        for qid, kind, measure in (("satisfaction", "rating", "satisfaction"),
                                   ("relationship", "rating", "relationship"),
                                   ("goals", "yesno", "goals"), ("recommend", "nps", "nps")):
            out.append(f"      - {{id: {qid}, kind: {kind}, measure: {measure}, text: \"{qid}?\"}}")
        out.append("      - {id: comment, kind: text, text: \"Anything else?\"}")
    out.append("responses:")
    seen: set[tuple[str, str]] = set()
    made = 0
    offsets = {"q1": 90, "mid": 180, "q3": 270, "end": 330}
    for name, _stage, role in surveys:
        for pair in pairs:
            if made >= answers:
                break
            person = pair[role]
            survey = f"{name}-{role}"
            if (survey, person) in seen or roles.get(person) not in (role, "both"):
                continue
            seen.add((survey, person))
            day = min(end, start + dt.timedelta(days=offsets[name]))
            sat = rng.choice([2, 3, 4, 4, 5, 5])
            out.append(f"  - survey: {survey}")
            out.append(f"    person: {person}")
            out.append(f"    date: {day.isoformat()}")
            out.append(f"    answers: {{satisfaction: {sat}, relationship: "
                       f"{rng.choice([3, 4, 5])}, goals: {rng.choice(['true', 'false'])}, "
                       f"recommend: {rng.randint(4, 10)}}}")
            if made % 10 == 0:
                out.append("    comments: {comment: \"Confidential words of a respondent\"}")
            made += 1
    mentors = sorted({p["mentor"] for p in pairs})
    out.append("supervision:")
    day = start
    while day <= end:
        group = rng.sample(mentors, min(len(mentors), 40))
        out.append(f"  - {{date: {day.isoformat()}, kind: group, mentors: [{', '.join(group)}]}}")
        day += dt.timedelta(days=30)
    out.append("concerns:")
    for i, pair in enumerate(pairs[::25]):
        opened = start + dt.timedelta(days=rng.randint(10, 200))
        status = rng.choice(["open", "resolved"])
        out.append(f"  - id: c-{i:04d}")
        out.append(f"    date: {opened.isoformat()}")
        out.append(f"    mentor: {pair['mentor']}")
        out.append(f"    mentee: {pair['mentee']}")
        out.append("    raised_by: coordinator")
        out.append(f"    severity: {rng.choice(['low', 'medium', 'high'])}")
        out.append(f"    status: {status}")
        out.append(f"    follow_up: {(opened + dt.timedelta(days=30)).isoformat()}")
        if status == "resolved":
            out.append(f"    resolved: {(opened + dt.timedelta(days=20)).isoformat()}")
        out.append("    description: Confidential description of a difficulty")
    out.append("outcomes:")
    mentees = sorted({p["mentee"] for p in pairs})
    for person in mentees:
        out.append(f"  - {{person: {person}, date: {end.isoformat()}, stayed: "
                   f"{'true' if rng.random() < 0.9 else 'false'}}}")
    for i in range(len(mentees)):
        out.append(f"  - {{employee_id: \"C{i:06d}\", date: {end.isoformat()}, stayed: "
                   f"{'true' if rng.random() < 0.85 else 'false'}}}")
    return "\n".join(out) + "\n"


def main() -> None:
    args = arguments()
    import yaml

    exe = mentorcli_executable()
    with tempfile.TemporaryDirectory() as folder:
        path = write_big_cohort(folder, args)
        extra = evaluation_sections(path, args.answers)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(extra)
        size_mb = path.stat().st_size / 1024 / 1024
        answers = extra.count("  - survey: ")
        check = subprocess.run([exe, "validate", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr[:2000]

        def parse_c() -> None:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # noqa: S506

        def evaluate() -> None:
            result = subprocess.run([exe, "evaluate", str(path), "--format", "json"],
                                    capture_output=True)
            assert result.returncode == 0, result.stderr
            assert b"Confidential" not in result.stdout

        parse_times, evaluate_times = [], []
        for _ in range(args.runs):
            parse_times.append(timed(parse_c))
            evaluate_times.append(timed(evaluate))
        parse_s, evaluate_s = min(parse_times), min(evaluate_times)
        breakdown = in_process(path)

    print(f"cohort: {args.participants} participants, {args.pairs} pairs, {args.sessions} "
          f"sessions, {answers} survey answers ({size_mb:.1f} MB)")
    print(f"yaml.CSafeLoader parse:       {parse_s:7.2f} s (best of {args.runs})")
    print(f"mentorcli evaluate (json):    {evaluate_s:7.2f} s = {evaluate_s / parse_s:.2f}x the "
          f"parse (target <= 2x) [{'ok' if evaluate_s <= 2 * parse_s else 'MISSED'}]")
    print("in-process breakdown (one run):")
    for name, seconds in breakdown:
        print(f"  {name:<28} {seconds:7.3f} s")


def in_process(path: Path) -> list[tuple[str, float]]:
    from mentorcli.evaluation import build, render
    from mentorcli.store.loading import load_cohort

    out = []
    started = time.perf_counter()
    loaded = load_cohort(path)
    out.append(("load_cohort (parse+validate)", time.perf_counter() - started))
    started = time.perf_counter()
    ev = build.evaluate([loaded.model], as_of=dt.date.today())
    out.append(("build.evaluate", time.perf_counter() - started))
    for fmt in ("json", "csv", "markdown", "html", "table"):
        started = time.perf_counter()
        render.render(ev, fmt)
        out.append((f"render {fmt}", time.perf_counter() - started))
    return out


if __name__ == "__main__":
    main()

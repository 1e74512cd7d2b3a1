"""A small cohort for the evaluation tests: `mentors` mentors, as many mentees, one active
pair each, and sections added as YAML text."""

from __future__ import annotations

from pathlib import Path


def cohort_text(pairs: int = 6, language: str = "en", extra: str = "",
                cohort_id: str = "eval-test") -> str:
    people = []
    pair_lines = []
    for i in range(1, pairs + 1):
        people.append(f"""  - id: m{i}
    name: Mentor {i}
    email: mentor{i}@example.com
    role: mentor
    employee_id: "10{i:02d}"
    trained: 2026-01-05
""")
        people.append(f"""  - id: e{i}
    name: Mentee {i}
    email: mentee{i}@example.com
    role: mentee
    employee_id: "20{i:02d}"
""")
        pair_lines.append(f"""  - mentor: m{i}
    mentee: e{i}
    status: active
    started: 2026-02-02
""")
    return f"""# Evaluation test cohort: comments must survive.
version: 1
cohort:
  id: {cohort_id}
  name: Evaluation test
  language: {language}
  start: 2026-01-12
  end: 2026-12-18

participants:
{"".join(people)}
pairs:
{"".join(pair_lines)}{extra}"""


def write_cohort(folder: Path, name: str = "cohort.yaml", **options: object) -> Path:
    path = folder / name
    path.write_text(cohort_text(**options), encoding="utf-8")  # type: ignore[arg-type]
    return path


def responses(survey: str, people: list[str], satisfaction: list[int],
              goals: list[bool] | None = None, comment: str | None = None) -> str:
    lines = ["responses:\n"] if survey else []
    for k, (pid, sat) in enumerate(zip(people, satisfaction, strict=True)):
        goal = "true" if (goals[k] if goals else True) else "false"
        lines.append(f"""  - survey: {survey}
    person: {pid}
    date: 2026-06-30
    answers: {{satisfaction: {sat}, relationship: {sat}, goals: {goal}, recommend: 9}}
""")
        if comment:
            lines.append(f"    comments: {{comment: \"{comment}\"}}\n")
    return "".join(lines)

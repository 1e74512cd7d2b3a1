"""Pairing commands: pair, explain, scores. Thin: parse, call mentorcli.pairing, render."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Any

import typer

from mentorcli.cli_app import app
from mentorcli.output import print_json, print_table, say


class TableOrJson(str, enum.Enum):
    table = "table"
    json = "json"


class ScoresFormat(str, enum.Enum):
    json = "json"
    csv = "csv"


_HISTORY_HELP = ("An earlier cohort file (repeatable): a mentor-mentee pair found there is "
                 "never proposed again.")


def _history(files: list[Path] | None) -> list[Any]:
    from mentorcli.loading import load_cohort
    from mentorcli.pairing import history_pairs

    return history_pairs(load_cohort(path).model for path in files or [])


@app.command()
def pair(
    file: Path = typer.Argument(..., help="The cohort file.", show_default=False),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the proposals; write nothing."),
    format: TableOrJson = typer.Option(TableOrJson.table, "--format", help="table or json."),
    history: list[Path] = typer.Option(None, "--history", help=_HISTORY_HELP,
                                       show_default=False),
) -> None:
    """Propose a mentor for every mentee who has none and write the proposals into `pairs:`.

    Most mentees matched first, then the highest total score. Locked and active pairs are
    kept; unlocked proposals may be replaced; an ended pair is never proposed again. Mentees
    left unmatched are listed with the reason on stderr. Exit 0 when it ran, 2 on bad input.
    """
    from mentorcli.loading import load_cohort
    from mentorcli.pairing import plan_pairing

    past = _history(history)
    model = load_cohort(file).model
    plan = plan_pairing(model, past)
    changed = False
    if not dry_run:
        plan, model, changed = _write(file, model, plan, past)

    if format is TableOrJson.json:
        print_json({**plan.as_data(model), "file": str(file), "written": changed,
                    "dry_run": dry_run})
    elif plan.proposals:
        print_table(["mentor", "mentee", "score", "why"],
                    [[p.mentor, p.mentee, f"{p.score:.2f}", p.why] for p in plan.proposals])
    for index, reason in plan.withdrawn:
        old = model.pairs[index]
        say(f"withdrawn: {old.mentor} -> {old.mentee} ({reason})")
    for mentee, reason in plan.unmatched:
        say(f"unmatched: {mentee}: {reason}")
    counts = {c: sum(1 for p in plan.proposals if p.change == c)
              for c in ("new", "replaced", "updated", "unchanged")}
    detail = ", ".join(f"{n} {c}" for c, n in counts.items() if n)
    summary = (f"{len(plan.proposals)} proposed" + (f" ({detail})" if detail else "")
               + f", {len(plan.kept)} kept, {len(plan.unmatched)} unmatched")
    if dry_run:
        summary += "; dry run: nothing written"
    elif changed:
        summary += f"; wrote {file}"
    else:
        summary += f"; {file} unchanged"
    say(summary)


class _Moved(Exception):
    """The file changed between planning and writing: plan again under the lock."""


def _write(file: Path, model: Any, plan: Any, past: list[Any]) -> tuple[Any, Any, bool]:
    """Write the plan: new proposals only -> fast text append (store.append_entries);
    replacements or withdrawals -> round-trip edit (store.edit_cohort), re-planned under the
    lock. Returns (plan, model, whether the file changed)."""
    from mentorcli.pairing import apply_plan, plan_pairing
    from mentorcli.store import append_entries, edit_cohort

    if plan.appends_only:
        entries = plan.new_entries()
        if not entries:
            return plan, model, False

        def make_entries(current: Any) -> list[dict[str, Any]]:
            if current != model:
                raise _Moved()
            return entries

        try:
            append_entries(file, "pairs", make_entries)
            return plan, model, True
        except _Moved:
            pass

    def change(document: Any, current: Any) -> tuple[Any, Any, bool]:
        planned = plan if current == model else plan_pairing(current, past)
        return planned, current, apply_plan(document, planned)

    return edit_cohort(file, change)


@app.command()
def explain(
    file: Path = typer.Argument(..., help="The cohort file.", show_default=False),
    mentor: str = typer.Argument(..., help="Id of the mentor.", show_default=False),
    mentee: str = typer.Argument(..., help="Id of the mentee.", show_default=False),
    format: TableOrJson = typer.Option(TableOrJson.table, "--format", help="table or json."),
    history: list[Path] = typer.Option(None, "--history", help=_HISTORY_HELP,
                                       show_default=False),
) -> None:
    """Explain a pair's score factor by factor, or the hard rules that forbid it."""
    from mentorcli.loading import load_cohort
    from mentorcli.pairing import explain as explain_pair

    model = load_cohort(file).model
    data = explain_pair(model, mentor, mentee, _history(history))
    if format is TableOrJson.json:
        print_json(data)
        return
    if data["allowed"]:
        typer.echo(f"{mentor} -> {mentee}: score {data['score']:.2f}")
    else:
        typer.echo(f"{mentor} -> {mentee}: forbidden")
        for rule in data["forbidden_by"]:
            typer.echo(f"  - {rule['reason']}")
        typer.echo(f"score if it were allowed: {data['would_score']:.2f}")
    print_table(["factor", "value", "weight", "contribution", "detail"],
                [[f["factor"], f"{f['value']:.2f}", f"{f['weight']:g}",
                  f"{f['contribution']:.3f}", f["detail"]] for f in data["factors"]])
    if data["allowed"]:
        typer.echo(f"why: {data['why']}")
    capacity = data["capacity"]
    if capacity["free"] == 0:
        say(f"note: {mentor} has no free place ({capacity['used_by_kept_pairs']}/"
            f"{capacity['capacity']} used by locked or active pairs)")
    for existing in data["existing_pairs"]:
        say(f"note: {mentor} -> {mentee} is already in the file (status: "
            f"{existing['status']}{', locked' if existing['locked'] else ''})")


@app.command()
def scores(
    file: Path = typer.Argument(..., help="The cohort file.", show_default=False),
    format: ScoresFormat = typer.Option(ScoresFormat.json, "--format", help="json or csv."),
) -> None:
    """Print the whole mentor x mentee score matrix (empty/null where a hard rule forbids).

    One row per mentor, one column per mentee, both sorted by id. Capacity is not applied.
    """
    import sys

    from mentorcli.loading import load_cohort
    from mentorcli.pairing import build_context, score_matrix

    model = load_cohort(file).model
    ctx = build_context(model)
    mentors, mentees = ctx.mentor_slots(), ctx.mentee_slots()
    matrix = score_matrix(ctx, mentors, mentees).astype(float).round(4)
    values = [[None if v != v else v for v in row] for row in matrix.tolist()]
    mentor_ids = [ctx.ids[k] for k in mentors]
    mentee_ids = [ctx.ids[k] for k in mentees]
    if format is ScoresFormat.json:
        print_json({"mentors": mentor_ids, "mentees": mentee_ids, "scores": values})
        return
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["mentor", *mentee_ids])
    for mentor_id, row in zip(mentor_ids, values, strict=True):
        writer.writerow([mentor_id, *("" if v is None else f"{v:g}" for v in row)])

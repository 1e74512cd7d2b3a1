"""Pairing commands: pair, explain, scores. Thin: parse, call mentorcli.pairing, render."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from mentorcli.cli.app import app
from mentorcli.cli.output import export_table, print_json, print_table, say, working


class TableOrJson(str, enum.Enum):
    table = "table"
    json = "json"


class ScoresFormat(str, enum.Enum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class PairFormat(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


_EXCEL_HELP = ("With --format csv: for a double-click in Excel in the cohort's language "
               "(BOM; ; and decimal comma in French).")


_HISTORY_HELP = ("An earlier cohort file (repeatable): two people paired there are never "
                 "proposed again.")


@app.command()
def pair(
    file: Path = typer.Argument(..., help="The cohort file.", show_default=False),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the proposals; write nothing."),
    format: PairFormat = typer.Option(PairFormat.table, "--format",
                                      help="table, json, csv or xlsx (the proposals)."),
    excel: bool = typer.Option(False, "--excel", help=_EXCEL_HELP),
    history: list[Path] = typer.Option(None, "--history", help=_HISTORY_HELP,
                                       show_default=False),
) -> None:
    """Propose a mentor for every mentee who has none and write the proposals into `pairs:`.

    Most mentees matched first, then the highest total score. Locked and active pairs are
    kept; unlocked proposals may be replaced; an ended pair is never proposed again. Mentees
    left unmatched are listed with the reason on stderr. Exit 0 when it ran, 2 on bad input.
    """
    from mentorcli.pairing import Words, load_history, pair_file

    with working(f"pairing {file.name}"):  # a spinner and the time, on a terminal only
        plan, written = pair_file(file, load_history(history or []), dry_run=dry_run)
    w = Words(plan.language)
    if format is PairFormat.json:
        print_json({**plan.as_data(), "file": str(file), "written": written,
                    "dry_run": dry_run})
    elif format in (PairFormat.csv, PairFormat.xlsx):
        headers = ["mentor", "mentee", "score", "why"] if format is PairFormat.csv and \
            not excel else [w("col_mentor"), w("col_mentee"), w("col_score"), w("col_why")]
        export_table(format.value, "pairs", headers,
                     [[p.mentor, p.mentee, round(p.score, 4), p.why] for p in plan.proposals],
                     plan.language, excel=excel)
    elif plan.proposals:
        print_table([w("col_mentor"), w("col_mentee"), w("col_score"), w("col_why")],
                    [[p.mentor, p.mentee, w.fixed(p.score), p.why] for p in plan.proposals])
    for index, rules in plan.broken:
        old = plan.pairs[index]
        say(w("broken_line", mentor=old.mentor, mentee=old.mentee, rules=rules))
    for index, reason in plan.withdrawn:
        old = plan.pairs[index]
        say(w("withdrawn_line", mentor=old.mentor, mentee=old.mentee, reason=reason))
    for mentee, reason in plan.unmatched:
        say(w("unmatched_line", mentee=mentee, reason=reason))
    say(plan.summary(file, written, dry_run))


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
    from mentorcli.pairing import Words, explain_pair, load_history
    from mentorcli.store.loading import load_cohort
    from mentorcli.text_safety import escape_strings

    data = escape_strings(explain_pair(load_cohort(file).model, mentor, mentee,
                                       load_history(history or [])))
    if format is TableOrJson.json:
        print_json(data)
        return
    w = Words(data["language"])
    if data["allowed"]:
        typer.echo(w("explain_score", mentor=mentor, mentee=mentee,
                     score=w.fixed(data["score"])))
    else:
        typer.echo(w("explain_forbidden", mentor=mentor, mentee=mentee))
        for rule in data["forbidden_by"]:
            typer.echo(f"  - {rule['reason']}")
        typer.echo(w("would_score", score=w.fixed(data["would_score"])))
    print_table([w(f"col_{c}") for c in ("factor", "value", "weight", "contribution",
                                         "detail")],
                [[f["factor"], w.fixed(f["value"]), w.fixed(f["weight"], "g"),
                  w.fixed(f["contribution"], ".3f"), f["detail"]] for f in data["factors"]])
    if data["allowed"]:
        typer.echo(w("why_is", why=data["why"]))
        for line in _proposal_lines(w, data):
            typer.echo(line)
    capacity = data["capacity"]
    if capacity["free"] == 0:
        say(w("note_full", mentor=mentor, used=capacity["used_by_kept_pairs"],
              capacity=capacity["capacity"]))
    for existing in data["existing_pairs"]:
        say(w("note_in_file", mentor=mentor, mentee=mentee, status=existing["status"],
              locked=w("locked") if existing["locked"] else ""))
    for kept in data["mentee_kept_pairs"]:
        say(w("note_mentee_kept", mentee=mentee, mentor=kept["mentor"], status=kept["status"],
              locked=w("locked") if kept["locked"] else ""))


def _proposal_lines(w, data: dict) -> list[str]:  # type: ignore[no-untyped-def]
    """Whether `pair` proposes the pair and, if not, why (explain's `proposal`)."""
    proposal = data.get("proposal")
    if not proposal:
        return []
    if proposal.get("too_big"):
        return [w("too_big")]
    if proposal["chosen"]:
        return [w("chosen")]
    mentor, mentee = data["mentor"], data["mentee"]
    lines = [w("not_chosen").rstrip()]
    taken = [f"{p['mentee']} ({w.fixed(p['score'])})" for p in proposal["mentor_places"]]
    taken += [w("taken_kept", mentee=k["mentee"], status=k["status"])
              for k in proposal["mentor_kept_pairs"]]
    if taken:
        lines.append("  - " + w("places_taken", mentor=mentor,
                                capacity=data["capacity"]["capacity"], taken=", ".join(taken)))
    other = proposal["mentee_gets"]
    lines.append("  - " + (w("mentee_gets", mentee=mentee, other=other["mentor"],
                             score=w.fixed(other["score"])) if other
                           else w("mentee_left", mentee=mentee)))
    if proposal["total_if_forced"] is not None:
        fewer = proposal["matched"] - proposal["matched_if_forced"]
        total, forced = w.fixed(proposal["total"]), w.fixed(proposal["total_if_forced"])
        lines.append("  - " + (w.agreeing(fewer, "forcing_fewer", n=fewer, total=total,
                                          forced=forced) if fewer > 0 else
                               w("forcing", loss=w.fixed(proposal["loss"]), total=total,
                                 forced=forced)))
    return lines


@app.command()
def scores(
    file: Path = typer.Argument(..., help="The cohort file.", show_default=False),
    format: ScoresFormat = typer.Option(ScoresFormat.json, "--format",
                                        help="json, csv or xlsx."),
    excel: bool = typer.Option(False, "--excel", help=_EXCEL_HELP),
) -> None:
    """Print the whole mentor x mentee score matrix (empty/null where a hard rule forbids).

    One row per mentor, one column per mentee, both sorted by id. Capacity is not applied.
    """
    from mentorcli.pairing import score_table
    from mentorcli.store.loading import load_cohort

    model = load_cohort(file).model
    table = score_table(model)
    if format is ScoresFormat.json:
        print_json(table)
        return
    if format is ScoresFormat.xlsx or excel:
        export_table(format.value, "scores", ["mentor", *table["mentees"]],
                     [[mentor_id, *row] for mentor_id, row in
                      zip(table["mentors"], table["scores"], strict=True)],
                     model.cohort.language, excel=excel)
        return
    import csv
    import sys

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["mentor", *table["mentees"]])
    for mentor_id, row in zip(table["mentors"], table["scores"], strict=True):
        writer.writerow([mentor_id, *("" if v is None else f"{v:g}" for v in row)])

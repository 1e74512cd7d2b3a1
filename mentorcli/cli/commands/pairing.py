"""Pairing commands: pair, explain, scores. Thin: parse, call mentorcli.pairing, render."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from mentorcli.cli.app import app
from mentorcli.cli.output import export_table, print_json, print_table, say, working
from mentorcli.i18n import _, ngettext


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


#: Help texts: made once at import, in English (their msgid), and translated each time the
#: help is shown (mentorcli.cli.commands.register_all, mentorcli.cli.app).
_FILE_HELP = _("The cohort file.")
_EXCEL_HELP = _("With --format csv: for a double-click in Excel, in the output's language "
                "(BOM; ; and decimal comma in French).")
_PAIR_FORMAT_HELP = _("table, json, csv or xlsx (the proposals).")
_EXPLAIN_FORMAT_HELP = _("table or json.")
_SCORES_FORMAT_HELP = _("json, csv or xlsx.")
_HISTORY_HELP = _("An earlier cohort file (repeatable): two people paired there are never "
                  "proposed again.")

#: The column names of `pair --format csv` / `xlsx` and `scores`: codes, the same in every
#: language (docs/languages.md); the terminal table's headings are words.
PAIR_COLUMNS = ("mentor", "mentee", "score", "why")


def _pair_headings() -> list[str]:
    return [_("mentor"), _("mentee"), _("score"), _("why")]


@app.command(help=_(
    "Propose a mentor for every mentee who has none and write the proposals into `pairs:`."
    "\n\n"
    "Most mentees matched first, then the highest total score. Locked and active pairs are "
    "kept; unlocked proposals may be replaced; an ended pair is never proposed again. "
    "Mentees left unmatched are listed with the reason on stderr. Exit 0 when it ran, 2 on "
    "bad input."))
def pair(
    file: Path = typer.Argument(..., help=_FILE_HELP, show_default=False),
    dry_run: bool = typer.Option(False, "--dry-run",
                                 help=_("Show the proposals; write nothing.")),
    format: PairFormat = typer.Option(PairFormat.table, "--format",
                                      help=_PAIR_FORMAT_HELP),
    excel: bool = typer.Option(False, "--excel", help=_EXCEL_HELP),
    history: list[Path] = typer.Option(None, "--history", help=_HISTORY_HELP,
                                       show_default=False),
) -> None:
    from mentorcli import i18n
    from mentorcli.pairing import Words, load_history, pair_file
    from mentorcli.pairing.phrases import fill

    # a spinner and the time, on a terminal only
    with working(fill(_("pairing {file}"), file=file.name)):
        plan, written = pair_file(file, load_history(history or []), dry_run=dry_run)
    w = Words()
    if format is PairFormat.json:
        print_json({**plan.as_data(), "file": str(file), "written": written,
                    "dry_run": dry_run})
    elif format in (PairFormat.csv, PairFormat.xlsx):
        export_table(format.value, "pairs", list(PAIR_COLUMNS),
                     [[p.mentor, p.mentee, round(p.score, 4), p.why] for p in plan.proposals],
                     i18n.language(), excel=excel)
    elif plan.proposals:
        print_table(_pair_headings(),
                    [[p.mentor, p.mentee, w.fixed(p.score), p.why] for p in plan.proposals])
    for index, rules in plan.broken:
        old = plan.pairs[index]
        say(fill(_("rule broken: {mentor} -> {mentee}: {rules}; a proposal `pair` replaces"),
                 mentor=old.mentor, mentee=old.mentee, rules=rules))
    for index, reason in plan.withdrawn:
        old = plan.pairs[index]
        say(fill(_("withdrawn: {mentor} -> {mentee} ({reason})"), mentor=old.mentor,
                 mentee=old.mentee, reason=reason))
    for mentee, reason in plan.unmatched:
        say(fill(_("unmatched: {mentee}: {reason}"), mentee=mentee, reason=reason))
    say(plan.summary(file, written, dry_run))


@app.command(help=_("Explain a pair's score factor by factor, or the hard rules that forbid "
                    "it."))
def explain(
    file: Path = typer.Argument(..., help=_FILE_HELP, show_default=False),
    mentor: str = typer.Argument(..., help=_("Id of the mentor."), show_default=False),
    mentee: str = typer.Argument(..., help=_("Id of the mentee."), show_default=False),
    format: TableOrJson = typer.Option(TableOrJson.table, "--format",
                                       help=_EXPLAIN_FORMAT_HELP),
    history: list[Path] = typer.Option(None, "--history", help=_HISTORY_HELP,
                                       show_default=False),
) -> None:
    from mentorcli.pairing import Words, explain_pair, load_history
    from mentorcli.pairing.phrases import fill
    from mentorcli.store.loading import load_cohort
    from mentorcli.text_safety import escape_strings

    data = escape_strings(explain_pair(load_cohort(file).model, mentor, mentee,
                                       load_history(history or [])))
    if format is TableOrJson.json:
        print_json(data)
        return
    w = Words()
    if data["allowed"]:
        typer.echo(fill(_("{mentor} -> {mentee}: score {score}"), mentor=mentor, mentee=mentee,
                        score=w.fixed(data["score"])))
    else:
        typer.echo(fill(_("{mentor} -> {mentee}: forbidden"), mentor=mentor, mentee=mentee))
        for rule in data["forbidden_by"]:
            typer.echo(f"  - {rule['reason']}")
        typer.echo(fill(_("score if it were allowed: {score}"),
                        score=w.fixed(data["would_score"])))
    print_table([_("factor"), _("value"), _("weight"), _("contribution"), _("detail")],
                [[f["factor"], w.fixed(f["value"]), w.fixed(f["weight"], "g"),
                  w.fixed(f["contribution"], ".3f"), f["detail"]] for f in data["factors"]])
    if data["allowed"]:
        typer.echo(fill(_("why: {why}"), why=data["why"]))
        for line in _proposal_lines(w, data):
            typer.echo(line)
    capacity = data["capacity"]
    if capacity["free"] == 0:
        say(fill(_("note: {mentor} has no free place ({used}/{capacity} used by locked or "
                   "active pairs)"), mentor=mentor, used=capacity["used_by_kept_pairs"],
                 capacity=capacity["capacity"]))
    for existing in data["existing_pairs"]:
        say(fill(_("note: {mentor} -> {mentee} is already in the file ({setting})"),
                 mentor=mentor, mentee=mentee, setting=_status_setting(existing)))
    for kept in data["mentee_kept_pairs"]:
        say(fill(_("note: {mentee} already has a mentor, so `pair` proposes nobody else: "
                   "{mentor} ({setting})"), mentee=mentee, mentor=kept["mentor"],
                 setting=_status_setting(kept)))


def _status_setting(pair: dict) -> str:  # type: ignore[type-arg]
    """'status: active' or 'status: active, locked' (the pair's keys in the file)."""
    status = f"status: {pair['status']}"
    return fill_locked(status) if pair["locked"] else status


def fill_locked(status: str) -> str:
    """'status: active, locked': a locked pair's status."""
    from mentorcli.pairing.phrases import fill

    return fill(_("{status}, locked"), status=status)


def _proposal_lines(w, data: dict) -> list[str]:  # type: ignore[no-untyped-def]
    """Whether `pair` proposes the pair and, if not, why (explain's `proposal`)."""
    from mentorcli.pairing.phrases import fill

    proposal = data.get("proposal")
    if not proposal:
        return []
    if proposal.get("too_big"):
        return [_("whether `pair` proposes it: see `mentorcli pair --dry-run` (too many "
                  "mentees to solve again here)")]
    if proposal["chosen"]:
        return [_("`pair` proposes this pair")]
    mentor, mentee = data["mentor"], data["mentee"]
    lines = [_("not proposed by `pair`:")]
    taken = [f"{p['mentee']} ({w.fixed(p['score'])})" for p in proposal["mentor_places"]]
    taken += [f"{k['mentee']} (status: {k['status']})" for k in proposal["mentor_kept_pairs"]]
    if taken:
        lines.append("  - " + fill(_("{mentor}'s places ({capacity}) go to {taken}"),
                                   mentor=mentor, capacity=data["capacity"]["capacity"],
                                   taken=", ".join(taken)))
    other = proposal["mentee_gets"]
    lines.append("  - " + (fill(_("{mentee} gets {other} instead ({score})"), mentee=mentee,
                                other=other["mentor"], score=w.fixed(other["score"])) if other
                           else fill(_("{mentee} is left without a mentor"), mentee=mentee)))
    if proposal["total_if_forced"] is not None:
        fewer = proposal["matched"] - proposal["matched_if_forced"]
        total, forced = w.fixed(proposal["total"]), w.fixed(proposal["total_if_forced"])
        lines.append("  - " + (fill(ngettext(
            "proposing it instead would leave {n} more mentee without a mentor (and the total "
            "score would go from {total} to {forced})",
            "proposing it instead would leave {n} more mentees without a mentor (and the "
            "total score would go from {total} to {forced})", fewer), n=fewer, total=total,
            forced=forced) if fewer > 0 else
            fill(_("proposing it instead would lower the total score by {loss} ({total} -> "
                   "{forced})"), loss=w.fixed(proposal["loss"]), total=total, forced=forced)))
    return lines


@app.command(help=_(
    "Print the whole mentor x mentee score matrix (empty/null where a hard rule forbids)."
    "\n\n"
    "One row per mentor, one column per mentee, both sorted by id. Capacity is not applied."))
def scores(
    file: Path = typer.Argument(..., help=_FILE_HELP, show_default=False),
    format: ScoresFormat = typer.Option(ScoresFormat.json, "--format",
                                        help=_SCORES_FORMAT_HELP),
    excel: bool = typer.Option(False, "--excel", help=_EXCEL_HELP),
) -> None:
    from mentorcli import i18n
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
                     i18n.language(), excel=excel)
        return
    import csv
    import sys

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["mentor", *table["mentees"]])
    for mentor_id, row in zip(table["mentors"], table["scores"], strict=True):
        writer.writerow([mentor_id, *("" if v is None else f"{v:g}" for v in row)])

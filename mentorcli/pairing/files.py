"""`pair` on a file: earlier cohorts for `--history`, and the one transaction that plans the
pairing from the file as read and writes it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from mentorcli.pairing.context import HistoryPair, history_pairs
from mentorcli.pairing.plan import PairingPlan, plan_edits, plan_pairing


def load_history(paths: Iterable[str | Path]) -> list[HistoryPair]:
    """The pairs of earlier cohort files (`--history`); a bad file is an InputFileError."""
    from mentorcli.store.loading import load_cohort

    return history_pairs(load_cohort(path).model for path in paths)


def pair_file(path: str | Path, history: Sequence[HistoryPair] = (),
              dry_run: bool = False) -> tuple[PairingPlan, bool]:
    """Plan the pairing of the cohort at `path` and write it unless `dry_run`.

    Returns the plan and whether the file changed. One transaction: the file is locked once,
    read and parsed once, the plan is made from that model and written as edits of `pairs:`
    (mentorcli.pairing.plan.plan_edits), so nothing another command writes meanwhile is lost.
    """
    if dry_run:
        from mentorcli.store.loading import load_cohort

        return plan_pairing(load_cohort(path).model, history), False
    from mentorcli.store.transaction import Cohort

    with Cohort.open(path) as tx:
        plan = plan_pairing(tx.model, history)
        tx.apply(plan_edits(plan))
    from mentorcli.store import transaction

    return plan, transaction.last_write_method != "none"

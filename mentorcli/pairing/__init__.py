"""Pairing: the hard rules, the factor scores, their explanation, and the pairing plan.

Core: nothing here prints or exits. Everything is pure except `pair_file`, which reads and
writes the cohort through the store's transaction. `mentorcli.cli.commands.pairing` renders
what these functions return. The rules and formulas are documented for coordinators in
docs/pairing.md; keep both in step.

The package, one concern a module:

- phrases: how pairing fills its sentences (numbers, years, lists, French elision); the
  sentences are in the modules that say them, in `_()` (the French is in the catalog);
- context: the cohort encoded for pairing (`PairingContext`), how `pair` classes the file's
  pairs, the earlier cohorts' pairs (`--history`), the weights in force;
- rules: the hard rules, as matrices (`rule_violations`) and for one pair in words
  (`pair_rules`, `broken_rules`);
- scoring: the soft factors and the score, as matrices (`score_matrix`) and for one pair in
  words (`pair_factors`, `why_line`);
- explain: `explain_pair` and the reasons a mentee is left without a mentor;
- plan: the assignment problem, the plan (`plan_pairing`) and the plan as edits;
- files: `pair_file` (one transaction) and `load_history`;
- assignment: the solver.

tests/test_pairing.py checks on generated cohorts that the matrix and word views agree cell
by cell. numpy and scipy are imported inside functions so that importing this package stays
cheap.
"""

from __future__ import annotations

from mentorcli.pairing.context import (
    FACTORS,
    HistoryPair,
    PairClasses,
    PairingContext,
    classify_pairs,
    effective_weights,
    history_pairs,
)
from mentorcli.pairing.explain import explain_pair, unmatched_reasons, waiting_mentees
from mentorcli.pairing.files import load_history, pair_file
from mentorcli.pairing.phrases import Words
from mentorcli.pairing.plan import (
    AssignmentProblem,
    PairingPlan,
    Proposal,
    assignment_problem,
    plan_edits,
    plan_pairing,
)
from mentorcli.pairing.rules import (
    RULES,
    Rule,
    forbidden_mask,
    pair_rules,
    rule_violations,
)
from mentorcli.pairing.scoring import (
    Factor,
    factor_values,
    overlap_hours,
    pair_factors,
    score_matrix,
    score_of,
    score_table,
    score_values,
    seniority_value,
    why_line,
)

__all__ = [
    "FACTORS", "RULES", "AssignmentProblem", "Factor", "HistoryPair",
    "PairClasses", "PairingContext", "PairingPlan", "Proposal", "Rule", "Words",
    "assignment_problem", "classify_pairs", "effective_weights", "explain_pair",
    "factor_values", "forbidden_mask", "history_pairs", "load_history", "overlap_hours",
    "pair_factors", "pair_file", "pair_rules", "plan_edits", "plan_pairing",
    "rule_violations", "score_matrix", "score_of", "score_table", "score_values",
    "seniority_value", "unmatched_reasons", "waiting_mentees", "why_line",
]

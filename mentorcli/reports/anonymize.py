"""`anonymize(report)` replaces every person (id, name, email) with a stable pseudonym derived
from an HMAC-SHA256 of the cohort id and the person's id, and withholds free-text end reasons
and the coordinator: the same person gets the same pseudonym in every run."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac

from mentorcli.reports.progress import (
    PairProgress,
    PersonRef,
    Reason,
    Report,
    UnmatchedMentee,
    UnsignedContract,
)


def pseudonym_token(cohort_id: str, person_id: str, secret: str = "", length: int = 10) -> str:
    """A stable hex token for a person: HMAC-SHA256(key = cohort id [+ secret], person id)."""
    key = f"mentorcli-pseudonym/{cohort_id}/{secret}".encode()
    return hmac.new(key, person_id.encode(), hashlib.sha256).hexdigest()[:length]


def anonymize(report: Report, secret: str = "") -> Report:
    """The report with every person replaced by a stable pseudonym; free-text reasons withheld.

    Pseudonyms are `p-<token>` (id), `Participant <token>` (name) and
    `p-<token>@example.invalid` (email). `secret` (e.g. from MENTORCLI_PSEUDONYM_KEY) makes
    them impossible to recompute for someone who knows the ids.
    """
    people: dict[str, PersonRef] = {}
    for ref in _people_in(report):
        people.setdefault(ref.id, ref)
    tokens = {pid: pseudonym_token(report.cohort_id, pid, secret) for pid in people}
    counts: dict[str, int] = {}
    for token in tokens.values():
        counts[token] = counts.get(token, 0) + 1
    for pid, token in tokens.items():  # never two people under one pseudonym
        if counts[token] > 1:
            tokens[pid] = pseudonym_token(report.cohort_id, pid, secret, 32)

    def swap(ref: PersonRef) -> PersonRef:
        token = tokens[ref.id]
        return PersonRef(f"p-{token}", f"Participant {token}", f"p-{token}@example.invalid")

    new_rows: dict[int, PairProgress] = {}
    pairs = []
    for row in report.pairs:
        why = row.why
        if why.code == "ended":
            why = Reason("ended", {**why.args, "why": "", "withheld": True})
        new = dataclasses.replace(row, mentor=swap(row.mentor), mentee=swap(row.mentee),
                                  end_reason=None, why=why,
                                  # the coordinator's reason may name people: withheld
                                  exception="" if row.exception is not None else None)
        new_rows[id(row)] = new
        pairs.append(new)
    prog = report.programme
    programme = dataclasses.replace(
        prog,
        mentors_without_training=[swap(p) for p in prog.mentors_without_training],
        contracts_not_signed=[UnsignedContract(swap(c.mentor), swap(c.mentee), c.missing)
                              for c in prog.contracts_not_signed],
        attention=[new_rows[id(r)] for r in prog.attention],
        # the reasons of unmatched mentees name mentors: withheld
        unmatched=[UnmatchedMentee(swap(u.mentee), "") for u in prog.unmatched],
        supervision_due=[dataclasses.replace(d, mentor=swap(d.mentor))
                         for d in prog.supervision_due],
        concerns_due=[dataclasses.replace(c, about=tuple(swap(r) for r in c.about))
                      for c in prog.concerns_due],
    )
    return dataclasses.replace(report, pairs=pairs, programme=programme, coordinator=None,
                               anonymized=True)


def _people_in(report: Report) -> list[PersonRef]:
    refs = []
    for row in report.pairs:
        refs += [row.mentor, row.mentee]
    refs += report.programme.mentors_without_training
    refs += [u.mentee for u in report.programme.unmatched]
    refs += [d.mentor for d in report.programme.supervision_due]
    refs += [r for c in report.programme.concerns_due for r in c.about]
    for c in report.programme.contracts_not_signed:
        refs += [c.mentor, c.mentee]
    return refs

"""Who needs the coordinator now: what the regular report lists. Pure.

- mentors with a started pair whose last supervision is older than the cohort's rhythm
  (`evaluation.supervision_days`), or who were never supervised once that long has passed
  since their first pair started;
- open concerns past their follow-up date (never their description);
- mentors with a pair and no `trained` date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mentorcli.model import CohortFile

FAIL_ON = ("supervision", "concerns", "untrained")


@dataclass(frozen=True)
class Unsupervised:
    mentor: str
    last: dt.date | None  # last supervision, None when never
    days: int  # days since the last supervision, or since the first pair started


@dataclass(frozen=True)
class OverdueConcern:
    id: str
    about: str  # "person" or "mentor -> mentee"
    severity: str
    follow_up: dt.date
    days_late: int


@dataclass(frozen=True)
class Alerts:
    unsupervised: list[Unsupervised]
    overdue_concerns: list[OverdueConcern]
    untrained: list[str]

    def fails(self, what: str) -> bool:
        return bool({"supervision": self.unsupervised, "concerns": self.overdue_concerns,
                     "untrained": self.untrained}[what])


def alerts(model: CohortFile, as_of: dt.date) -> Alerts:
    rhythm = model.evaluation.supervision_days
    first_start: dict[str, dt.date] = {}
    for pair in model.pairs:
        if pair.status == "proposed" or pair.started is None or pair.started > as_of:
            continue
        if pair.status == "ended" and pair.ended is not None and pair.ended <= as_of:
            continue  # mentors of ended pairs need no more supervision for them
        if pair.mentor not in first_start or pair.started < first_start[pair.mentor]:
            first_start[pair.mentor] = pair.started
    last: dict[str, dt.date] = {}
    for entry in model.supervision:
        if entry.date <= as_of:
            for mentor in entry.mentors:
                if mentor not in last or last[mentor] < entry.date:
                    last[mentor] = entry.date
    unsupervised = []
    for mentor, started in sorted(first_start.items()):
        since = last.get(mentor, started)
        days = (as_of - since).days
        if days > rhythm:
            unsupervised.append(Unsupervised(mentor, last.get(mentor), days))
    overdue = []
    for c in model.concerns:
        if c.status == "open" and c.follow_up is not None and c.follow_up < as_of \
                and c.date <= as_of:
            about = c.person or f"{c.mentor} -> {c.mentee}"
            overdue.append(OverdueConcern(c.id, about, c.severity, c.follow_up,
                                          (as_of - c.follow_up).days))
    people = model.people()
    untrained = sorted(m for m in first_start
                       if m in people and people[m].trained is None)
    return Alerts(unsupervised, sorted(overdue, key=lambda o: (o.follow_up, o.id)), untrained)

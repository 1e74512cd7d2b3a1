"""The commented starter cohort written by `mentorcli init`."""

from __future__ import annotations

import datetime as dt
from string import Template

from mentorcli.errors import UsageError
from mentorcli.i18n import _
from mentorcli.resources import templates_dir

_PEOPLE = {
    # kind: (mentor seniority, mentee seniority, min gap)
    "classic": (15, 3, 3),
    "reverse": (3, 20, 3),
    "peer": (8, 7, 0),
}
_NAMES = {
    "en": {"mentor": ("alex-morgan", "Alex Morgan", "Finance director"),
           "mentee": ("sam-taylor", "Sam Taylor", "Sales team lead"),
           "name": "Mentoring programme"},
    "fr": {"mentor": ("claire-dubois", "Claire Dubois", "Directrice financière"),
           "mentee": ("hugo-lefevre", "Hugo Lefèvre", "Responsable d’équipe commerciale"),
           "name": "Programme de mentorat"},
}
_REVERSE_TITLES = {
    "en": ("Data analyst", "Chief operating officer"),
    "fr": ("Analyste de données", "Directeur des opérations"),
}


def starter_text(language: str, kind: str, start: dt.date, cohort_id: str) -> str:
    """A starter cohort in `language` ("en"/"fr") for a `kind` cohort starting on `start`."""
    names = _NAMES[language]
    mentor_seniority, mentee_seniority, gap = _PEOPLE[kind]
    mentor_id, mentor_name, mentor_title = names["mentor"]
    mentee_id, mentee_name, mentee_title = names["mentee"]
    if kind == "reverse":
        mentor_title, mentee_title = _REVERSE_TITLES[language]
    end = _one_year_later(start)
    template = Template((templates_dir() / "starter" / f"{language}.yaml").read_text("utf-8"))
    return template.substitute(
        cohort_id=cohort_id,
        cohort_name=f"{names['name']} {start.year}",
        kind=kind,
        start=start.isoformat(),
        end=end.isoformat(),
        gap=gap,
        mentor_id=mentor_id,
        mentor_name=mentor_name,
        mentor_title=mentor_title,
        mentor_seniority=mentor_seniority,
        mentee_id=mentee_id,
        mentee_name=mentee_name,
        mentee_title=f'"{mentee_title}"' if "'" in mentee_title else mentee_title,
        mentee_seniority=mentee_seniority,
    )


def _one_year_later(day: dt.date) -> dt.date:
    """The last day of a one-year cohort starting on `day` (a UsageError past year 9998)."""
    if day.year >= dt.MAXYEAR:
        raise UsageError(_("a cohort starting on {start} would end after {last}, the last "
                           "date a cohort file can hold; choose an earlier start").format(
            start=day.isoformat(), last=dt.date.max.isoformat()))
    try:
        return day.replace(year=day.year + 1) - dt.timedelta(days=1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


#: What `init` puts in the .gitignore next to a new cohort file (see docs/git.md): generated
#: files name people and can be made again, and a write's temporary files are not data.
GITIGNORE_LINES = (
    "# mentorcli: generated files hold personal data; make them again from the cohort file",
    "contracts/",
    "calendars/",
    "reports/",
    "*.ics",
    "report-*.html",
    "report-*.xlsx",
    "report-*.csv",
    "# mentorcli: temporary files of an interrupted write",
    ".*.tmp",
    ".*.lock",
)


def gitignore_text(existing: str | None) -> str | None:
    """The .gitignore with the lines of GITIGNORE_LINES it lacks added at its end (a new one
    when `existing` is None), or None when nothing is missing. Lines already there, in any
    order, are not repeated; nothing is removed."""
    have = {line.strip() for line in (existing or "").splitlines()}
    missing = [line for line in GITIGNORE_LINES
               if line not in have and not line.startswith("#")]
    if not missing:
        return None
    lines = [line for line in GITIGNORE_LINES if line.startswith("#") or line in missing]
    if existing is None:
        return "\n".join(lines) + "\n"
    head = existing if not existing or existing.endswith("\n") else existing + "\n"
    return head + ("\n" if head.strip() else "") + "\n".join(lines) + "\n"

"""Survey answers exported by a form tool, matched to participants, as edits. Pure.

Microsoft Forms, Google Forms and LimeSurvey export one row per response: a few columns of
their own (a timestamp, an email...) then one column per question, named by the question's
text (or its code, in LimeSurvey). `plan_answers` reads a `Sheet`
(`mentorcli.importing.spreadsheet.read_sheet`) against a survey definition:
- the respondent is matched by email (any case) or employee number;
- an unknown respondent, a respondent who answered twice (in the export, or already in the
  cohort file), a respondent whose role does not answer this survey, and a value that does
  not fit its question are refused with their row numbers; nothing is recorded then;
- free-text answers go under `comments` (confidential: never printed, not even in errors).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from mentorcli.errors import UsageError
from mentorcli.evaluation.surveys import find_survey, fits_role, fold, parse_answer, survey_ids
from mentorcli.evaluation.writes import RowProblems, append_entries
from mentorcli.i18n import _, ngettext
from mentorcli.importing.spreadsheet import Sheet, column_letter
from mentorcli.model import CohortFile, Participant, Question, Survey
from mentorcli.store import edits as E

EMAIL_HEADERS = {"email", "e-mail", "email address", "e-mail address", "adresse e-mail",
                 "adresse email", "adresse de messagerie", "adresse electronique", "courriel",
                 "mail", "responder", "repondant", "adresse e-mail du repondant"}
NUMBER_HEADERS = {"employee id", "employee_id", "employee number", "employee no", "matricule",
                  "numero d'employe", "numero de matricule", "id employe", "token"}
DATE_HEADERS = ("completion time", "heure de fin", "date submitted", "date de soumission",
                "submitdate", "timestamp", "horodateur", "horodatage", "date")


@dataclass(frozen=True)
class Imported:
    survey: str
    recorded: int
    rows: int


@dataclass(frozen=True)
class Columns:
    email: int | None
    number: int | None
    date: int | None
    questions: dict[int, Question]  # column index -> question


def map_columns(sheet: Sheet, survey: Survey,
                also: dict[str, set[str]] | None = None) -> Columns:
    """Which column holds what; UsageError when no respondent column or no question is found.

    `also`: other texts (folded) a question's column may have, by question id: the shipped
    surveys' texts in the other languages."""
    folded = [fold(h) for h in sheet.headers]
    email = next((i for i, h in enumerate(folded) if h in EMAIL_HEADERS), None)
    number = next((i for i, h in enumerate(folded) if h in NUMBER_HEADERS), None)
    date = None
    for name in DATE_HEADERS:
        date = next((i for i, h in enumerate(folded) if h == name), None)
        if date is not None:
            break
    questions: dict[int, Question] = {}
    for q in survey.questions:
        for i, header in enumerate(sheet.headers):
            if i not in questions and (_names_question(header, folded[i], q) or
                                       folded[i] in (also or {}).get(q.id, ())):
                questions[i] = q
                break
    if email is None and number is None:
        raise UsageError(f"{sheet.path}: " + _(
            "no column names the respondent; add an 'Email' (or 'Employee number' / "
            "'Matricule') column to the export"))
    if not questions:
        raise UsageError(f"{sheet.path}: " + _(
            "no column is a question of survey '{survey}'; the column names are the question "
            "texts or ids (see mentorcli survey FILE {survey} --format csv)").format(
                survey=survey.id))
    return Columns(email, number, date, questions)


def _names_question(header: str, folded: str, q: Question) -> bool:
    if folded == fold(q.text) or folded == q.id:
        return True
    bracket = re.search(r"\[([a-z0-9-]+)\]\s*$", header.strip())  # "Text [satisfaction]"
    if bracket and bracket.group(1) == q.id:
        return True
    code = re.match(r"^([a-z0-9-]+)\s*[.:)]\s", header.strip())  # "satisfaction. Text"
    return bool(code and code.group(1) == q.id)


def plan_answers(model: CohortFile, sheet: Sheet, survey_id: str, *,
                 default_date: dt.date) -> E.Changes:
    """The responses of `sheet` as appends to `responses:`; UsageError listing every bad row."""
    survey = find_survey(model, survey_id)
    if survey is None:
        import difflib

        known = survey_ids(model)
        close = difflib.get_close_matches(survey_id, known, n=1)
        if close:
            raise UsageError(_("no survey '{survey}' (did you mean '{close}'?); surveys: "
                               "{known}").format(survey=survey_id, close=close[0],
                                                 known=", ".join(known)))
        raise UsageError(_("no survey '{survey}'; surveys: {known}").format(
            survey=survey_id, known=", ".join(known)))
    columns = map_columns(sheet, survey, None if model.surveys else _other_texts(survey.id))
    by_email = {p.email.casefold(): p for p in model.participants}
    by_number = {p.employee_id.strip(): p for p in model.participants if p.employee_id}
    recorded = {r.person for r in model.responses if r.survey == survey.id}
    seen: dict[str, int] = {}
    problems: list[str] = []
    entries: list[dict[str, Any]] = []
    for row in sheet.rows:
        def at(problem: str, row: Any = row) -> str:
            return _("{file}: row {row}: {problem}").format(file=sheet.path, row=row.number,
                                                           problem=problem)

        person = _respondent(row, columns, by_email, by_number)
        if isinstance(person, str):
            problems.append(at(person))
            continue
        if not fits_role(person.role, survey.role):
            problems.append(at(_("{person} is a {role}; survey '{survey}' is for "
                                 "{survey_role}s").format(person=person.id, role=person.role,
                                                          survey=survey.id,
                                                          survey_role=survey.role)))
            continue
        if person.id in seen:
            problems.append(at(_("{person} already answered in row {first}; keep one response "
                                 "per person").format(person=person.id, first=seen[person.id])))
            continue
        seen[person.id] = row.number
        if person.id in recorded:
            problems.append(at(_("{person} already has a response to '{survey}' in the cohort "
                                 "file").format(person=person.id, survey=survey.id)))
            continue
        answers: dict[str, Any] = {}
        comments: dict[str, str] = {}
        bad = False
        for index, question in columns.questions.items():
            value, problem = parse_answer(question, row.get(index))
            if problem is not None:
                problems.append(_("{file}: row {row}, column {column} ({question}): {problem}")
                                .format(file=sheet.path, row=row.number,
                                        column=column_letter(index), question=question.id,
                                        problem=problem))
                bad = True
            elif value is not None:
                (comments if question.kind == "text" else answers)[question.id] = value
        missing = [q.id for q in survey.questions if q.required and q.id not in answers
                   and q.id not in comments and q in columns.questions.values()]
        if missing and not bad:
            problems.append(at(_("no answer to the required question {questions}").format(
                questions=", ".join(missing))))
            bad = True
        day = _answer_date(row.get(columns.date) if columns.date is not None else "",
                           default_date)
        if day is None:
            problems.append(_("{file}: row {row}, column {column}: '{text}' is not a date")
                            .format(file=sheet.path, row=row.number,
                                    column=column_letter(columns.date or 0),
                                    text=row.get(columns.date or 0)[:30]))
            bad = True
        if bad:
            continue
        entry: dict[str, Any] = {"survey": survey.id, "person": person.id, "date": day}
        if answers:
            entry["answers"] = E.Flow(answers)
        if comments:
            entry["comments"] = comments
        entries.append(entry)
    if problems:
        count = len(problems)
        raise RowProblems(problems, ngettext(
            "nothing was recorded: {count} problem in {file}; fix the export and import it "
            "again",
            "nothing was recorded: {count} problems in {file}; fix the export and import it "
            "again", count).format(count=count, file=sheet.path))
    edits = append_entries(model.responses, "responses", entries)
    return E.Changes(edits=edits, result=Imported(survey.id, len(entries), len(sheet.rows)))


def _respondent(row: Any, columns: Columns, by_email: dict[str, Participant],
                by_number: dict[str, Participant]) -> Participant | str:
    """The participant who answered, or what is wrong (unknown, empty)."""
    email = row.get(columns.email).strip() if columns.email is not None else ""
    number = row.get(columns.number).strip() if columns.number is not None else ""
    if email:
        found = by_email.get(email.casefold())
        if found is not None:
            return found
    if number:
        found = by_number.get(number)
        if found is not None:
            return found
    if not email and not number:
        return _("no email or employee number: the respondent is unknown")
    told = " / ".join(x for x in (email[:60], number[:30]) if x)
    return _("'{who}' is not a participant of the cohort (matched by email or employee "
             "number)").format(who=told)


def _other_texts(survey_id: str) -> dict[str, set[str]]:
    """The folded texts of the shipped survey `survey_id`'s questions in every language it
    is shipped in, by question id: an export of a questionnaire written in another language
    (`mentorcli --lang en survey ...` for a French cohort) is read all the same."""
    from mentorcli.evaluation.surveys import shipped_languages, shipped_surveys

    texts: dict[str, set[str]] = {}
    for code in shipped_languages():
        for survey in shipped_surveys(code):
            if survey.id == survey_id:
                for q in survey.questions:
                    texts.setdefault(q.id, set()).add(fold(q.text))
    return texts


def _answer_date(text: str, default: dt.date) -> dt.date | None:
    """The day of a form tool's timestamp: ISO, or day-first (French Forms: 30/06/2026 10:12)."""
    text = text.strip()
    if not text:
        return default
    found = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    try:
        if found:
            return dt.date(*(int(x) for x in found.groups()))
        found = re.match(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
        if found:
            day, month, year = (int(x) for x in found.groups())
            if month > 12 >= day:  # month first, as an English Google Forms writes it
                day, month = month, day
            return dt.date(year, month, day)
    except ValueError:
        return None
    return None

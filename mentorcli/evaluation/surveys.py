"""Survey definitions, answer values, and what the coordinator sends out. Pure.

A cohort file may define its own `surveys:`; without them the shipped definitions apply
(templates/surveys/LANG.yaml): a mid-programme and an end-of-programme questionnaire for
mentors and for mentees, in the language mentorcli speaks (`mentorcli.i18n.language()`:
--lang, then MENTORCLI_LANG, then the cohort's language, then the locale). The shipped
surveys of every language have the same ids, kinds and measures; only their texts differ, and
`mentorcli answers` reads an export's question columns in any of them.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from mentorcli.i18n import _
from mentorcli.model import CohortFile, Question, Survey

# The columns each form tool puts before the questions in its export, in its order.
LAYOUTS: dict[str, tuple[str, ...]] = {
    "forms": ("ID", "Start time", "Completion time", "Email", "Name"),
    "google": ("Timestamp", "Email Address"),
    "limesurvey": ("Response ID", "Date submitted", "Last page", "Start language", "Seed",
                   "Email"),
}

YES = {"yes", "y", "oui", "o", "true", "vrai", "1", "x"}
NO = {"no", "n", "non", "false", "faux", "0"}


def shipped_surveys(language: str | None = None) -> tuple[Survey, ...]:
    """The shipped definitions in `language` (default: the current language; en when there
    are none in it)."""
    if language is None:
        from mentorcli.i18n import language as current

        language = current()
    return _shipped(language)


def shipped_languages() -> tuple[str, ...]:
    """The languages the surveys are shipped in (templates/surveys/LANG.yaml), sorted."""
    from mentorcli.resources import templates_dir

    return tuple(sorted(p.stem for p in (templates_dir() / "surveys").glob("*.yaml")))


@functools.lru_cache(maxsize=4)
def _shipped(language: str) -> tuple[Survey, ...]:
    import yaml

    from mentorcli.resources import templates_dir

    folder = templates_dir() / "surveys"
    path = folder / f"{language}.yaml"
    if not path.is_file():
        path = folder / "en.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - safe
    return tuple(Survey.model_validate(item) for item in data["surveys"])


def surveys_of(model: CohortFile) -> list[Survey]:
    """The cohort's surveys: its own definitions, or the shipped ones in the current
    language."""
    return list(model.surveys) if model.surveys else list(shipped_surveys())


def find_survey(model: CohortFile, survey_id: str) -> Survey | None:
    for survey in surveys_of(model):
        if survey.id == survey_id:
            return survey
    return None


def survey_ids(model: CohortFile) -> list[str]:
    return [s.id for s in surveys_of(model)]


def fits_role(role: str, survey_role: str) -> bool:
    """Whether a participant with `role` answers a survey for `survey_role`."""
    return role == survey_role or role == "both"


def plan_customize(model: CohortFile) -> Any:
    """Edits copying the shipped surveys into the file's `surveys:`, to be edited there."""
    from mentorcli.errors import UsageError
    from mentorcli.store import edits as E

    if model.surveys:
        raise UsageError(_("the file already has its own `surveys:`; edit them there"))
    items = []
    for survey in shipped_surveys():
        item: dict[str, Any] = {"id": survey.id, "title": survey.title, "stage": survey.stage,
                                "role": survey.role, "questions": []}
        for q in survey.questions:
            shown = q.model_dump(exclude_defaults=True)
            item["questions"].append({k: shown[k] for k in ("id", "kind", "measure",
                                                            "required", "options", "text")
                                      if k in shown})
        items.append(item)
    return E.Changes([E.Set((), "surveys", items)], result=len(items))


# ------------------------------------------------------------------------ values


def parse_answer(question: Question, text: str) -> tuple[Any, str | None]:
    """(value, problem) of a cell's text for `question`; value None when the cell is empty.

    The problem never quotes a free-text answer.
    """
    cell = text.strip()
    if not cell:
        return None, None
    if question.kind == "text":
        return cell, None
    if question.kind in ("rating", "nps"):
        low, high = (1, 5) if question.kind == "rating" else (0, 10)
        found = re.match(r"^\s*(\d+)(?:[.,]0+)?(?:\s*(?:/\s*\d+|[-–:].*|\s.*))?$", cell)
        if found is None or not low <= int(found.group(1)) <= high:
            return None, _("'{cell}' is not a whole number from {low} to {high}").format(
                cell=_clip(cell), low=low, high=high)
        return int(found.group(1)), None
    if question.kind == "yesno":
        word = _fold(cell)
        if word in YES:
            return True, None
        if word in NO:
            return False, None
        return None, _("'{cell}' is not yes or no (oui/non also read)").format(cell=_clip(cell))
    for option in question.options:  # choice
        if _fold(option) == _fold(cell):
            return option, None
    return None, _("'{cell}' is not one of the options: {options}").format(
        cell=_clip(cell), options=", ".join(question.options))


def value_problem(question: Question, value: Any) -> str | None:
    """What is wrong with a stored answer `value` for `question` (never quoting text)."""
    kind = question.kind
    if kind == "text":
        return _("is a free-text question: its answer goes under `comments` (confidential)")
    if kind in ("rating", "nps"):
        low, high = (1, 5) if kind == "rating" else (0, 10)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return _("expected a whole number from {low} to {high}").format(low=low, high=high)
        return None
    if kind == "yesno":
        return None if isinstance(value, bool) else _("expected true or false")
    if not isinstance(value, str) or value not in question.options:
        return _("expected one of the options: {options}").format(
            options=", ".join(question.options))
    return None


def _fold(text: str) -> str:
    """Case, accents, apostrophes (’ and ') and spacing folded: for matching words and
    headers."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'")
                                       .replace("‘", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", plain).strip(" ?:.!\t")


def fold(text: str) -> str:
    return _fold(text)


def _clip(text: str, width: int = 30) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[:width - 3] + "..."


# ------------------------------------------------------------- what is sent out


def question_sheet(survey: Survey, layout: str) -> list[list[str]]:
    """The header row (and nothing else) of the export `layout` gives for this survey.

    Question columns are the question texts, as the form tools write them; `mentorcli
    answers` reads them back by text or by id.
    """
    return [list(LAYOUTS[layout]) + [clean(q.text) for q in survey.questions]]


def questions_table(survey: Survey) -> list[list[str]]:
    """One row per question: id, kind, measure, options, text (a second sheet)."""
    rows = [["id", "kind", "measure", "options", "text"]]
    for q in survey.questions:
        rows.append([q.id, q.kind, q.measure or "", clean(" | ".join(q.options)),
                     clean(q.text)])
    return rows


SCALES = {"rating": "1  2  3  4  5", "nps": "0  1  2  3  4  5  6  7  8  9  10"}


def _confidential() -> str:
    return _("Your written answers are confidential: they are kept in the programme file and "
             "never shown in any report.")


def questionnaire_markdown(survey: Survey, programme: str) -> str:
    """The printable questionnaire in Markdown, its words in the current language."""
    out = [f"# {_md(survey.title)}", "", f"*{_md(programme)}*", "",
           _("**Name**: ______________________    **Email or employee number**: "
             "______________________"), ""]
    for number, q in enumerate(survey.questions, start=1):
        required = " " + _("(required)") if q.required else ""
        out.append(f"{number}. **{_md(q.text)}**{required}")
        out.append("")
        out.append("   " + _choices_text(q))
        out.append("")
    out.append(f"_{_confidential()}_")
    return "\n".join(out) + "\n"


def _choices_text(q: Question) -> str:
    if q.kind == "rating":
        return "☐ " + "   ☐ ".join(SCALES["rating"].split())
    if q.kind == "nps":
        return "☐ " + "  ☐ ".join(SCALES["nps"].split())
    if q.kind == "yesno":
        return "☐ " + _("Yes") + "   ☐ " + _("No")
    if q.kind == "choice":
        return "   ".join(f"☐ {_md(o)}" for o in q.options)
    return "_" * 60 + "\n\n   " + "_" * 60 + "\n\n   " + "_" * 60


def questionnaire_html(survey: Survey, programme: str) -> str:
    """The printable questionnaire as one HTML page (A4), its words in the current language."""
    from mentorcli.i18n import language

    def e(text: str) -> str:
        return html.escape(clean(text))

    name, email = _("Name: ____________"), _("Email or employee number: ____________")
    required_text = _("(required)")
    items = []
    for q in survey.questions:
        required = f" <span class=req>{e(required_text)}</span>" if q.required else ""
        items.append(f"<li><p class=q>{e(q.text)}{required}</p>{_choices_html(q)}</li>")
    return (
        f"<!DOCTYPE html>\n<html lang={e(language())}>\n<head>\n<meta charset=utf-8>\n"
        f"<title>{e(survey.title)}</title>\n<style>\n"
        "@page { size: A4; margin: 18mm 16mm; }\n"
        "body { font-family: sans-serif; font-size: 11pt; color: #111; }\n"
        "li { margin-bottom: 1.2em; break-inside: avoid; }\n"
        ".q { font-weight: bold; margin: 0 0 .4em; }\n.req { font-weight: normal; }\n"
        ".box { display: inline-block; margin-right: 1.2em; }\n"
        ".line { border-bottom: 1px solid #555; height: 1.8em; }\n"
        ".who span { display: inline-block; min-width: 45%; }\n"
        "</style>\n</head>\n<body>\n"
        f"<h1>{e(survey.title)}</h1>\n<p><em>{e(programme)}</em></p>\n"
        f"<p class=who><span>{e(name)}</span><span>{e(email)}</span></p>\n"
        f"<ol>\n{chr(10).join(items)}\n</ol>\n<p><em>{e(_confidential())}</em></p>\n"
        "</body>\n</html>\n"
    )


def _choices_html(q: Question) -> str:
    def e(text: str) -> str:
        return html.escape(clean(text))

    if q.kind in ("rating", "nps"):
        labels: Sequence[str] = SCALES[q.kind].split()
    elif q.kind == "yesno":
        labels = [_("Yes"), _("No")]
    elif q.kind == "choice":
        labels = q.options
    else:
        return "<div class=line></div><div class=line></div><div class=line></div>"
    return "<p>" + "".join(f"<span class=box>☐ {e(label)}</span>" for label in labels) + "</p>"


def _md(text: str) -> str:
    """Text safe inside Markdown: no control characters, the markup characters escaped."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", clean(text))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Text without control characters or line breaks (for every written format)."""
    return _CONTROL.sub("", text.replace("\n", " ").replace("\t", " "))

"""Surveys end to end: the questionnaire and the sheet of questions that go out, the answers
that come back from Microsoft Forms, Google Forms or LimeSurvey (CSV and xlsx), matched by
email or employee number, refused with row numbers, recorded with a minimal diff; free-text
answers never printed."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from evaluation_cohort import write_cohort
from hypothesis import given
from hypothesis import strategies as st

from mentorcli.evaluation.surveys import parse_answer, shipped_surveys
from mentorcli.model import Question
from mentorcli.store.loading import load_cohort

REPO = Path(__file__).resolve().parent.parent
FRENCH = REPO / "cohorts" / "mentorat-managers-2026.yaml"
SECRET = "PLANTED-ANSWER-5f1c2b"


def _texts(survey_id: str = "mid-mentee", language: str = "en") -> list[str]:
    survey = next(s for s in shipped_surveys(language) if s.id == survey_id)
    return [q.text for q in survey.questions]


def _csv(header: list[str], rows: list[list[str]], sep: str = ",") -> str:
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"' if sep in text or '"' in text else text

    return "\n".join(sep.join(cell(c) for c in row) for row in [header, *rows]) + "\n"


# ------------------------------------------------------------------ what goes out


def test_survey_lists_the_shipped_french_surveys(run):
    result = run(["survey", FRENCH])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "étape", "rôle", "questions", "titre"]
    assert [line.split()[0] for line in lines[2:]] == ["mid-mentee", "mid-mentor",
                                                       "end-mentee", "end-mentor"]
    assert "Questionnaire de fin de programme (mentoré·es)" in result.stdout


def test_questionnaire_markdown_and_html(run, tmp_path):
    md = run(["survey", FRENCH, "end-mentee"])
    assert md.exit_code == 0
    assert md.stdout.startswith("# Questionnaire de fin de programme (mentoré·es)\n\n"
                                "*Mentorat des managers 2026*\n")
    assert "1. **Dans l’ensemble, êtes-vous satisfait·e du programme de mentorat ? (1 = pas " \
           "du tout, 5 = tout à fait)** (obligatoire)\n\n   ☐ 1   ☐ 2   ☐ 3   ☐ 4   ☐ 5\n" \
        in md.stdout
    assert "☐ Oui   ☐ Non" in md.stdout
    out = tmp_path / "q.html"
    html = run(["survey", FRENCH, "end-mentee", "--format", "html", "-o", out])
    assert html.exit_code == 0 and html.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "@page { size: A4;" in text and "<html lang=fr>" in text
    assert text.count("<li>") == 5


@pytest.mark.parametrize(("layout", "first"), [
    ("forms", ["ID", "Start time", "Completion time", "Email", "Name"]),
    ("google", ["Timestamp", "Email Address"]),
    ("limesurvey", ["Response ID", "Date submitted", "Last page", "Start language", "Seed",
                    "Email"]),
])
def test_question_sheet_has_the_form_tools_layout(run, tmp_path, layout, first):
    path = write_cohort(tmp_path)
    result = run(["survey", path, "mid-mentee", "--format", "csv", "--layout", layout])
    assert result.exit_code == 0, result.stderr
    import csv
    import io

    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows == [first + _texts()]


def test_question_workbook_needs_an_output_and_reads_back(run, tmp_path):
    path = write_cohort(tmp_path)
    refused = run(["survey", path, "mid-mentee", "--format", "xlsx"])
    assert refused.exit_code == 2
    assert "--format xlsx writes a workbook: give a file with --output PATH" in refused.stderr
    out = tmp_path / "questions.xlsx"
    assert run(["survey", path, "mid-mentee", "--format", "xlsx", "-o", out]).exit_code == 0
    from mentorcli.importing.spreadsheet import read_sheet

    sheet = read_sheet(out)
    assert sheet.headers == ["ID", "Start time", "Completion time", "Email", "Name",
                             *_texts()]


# ------------------------------------------------------------------ what comes back


def test_forms_export_is_recorded_with_a_minimal_diff_and_comments_never_printed(run,
                                                                                 tmp_path):
    path = write_cohort(tmp_path)
    before = path.read_text(encoding="utf-8")
    export = tmp_path / "forms.csv"
    header = ["ID", "Start time", "Completion time", "Email", "Name", *_texts()]
    export.write_text(_csv(header, [
        ["1", "2026-06-29 09:00", "2026-06-29 09:04", "MENTEE1@example.com", "Mentee 1",
         "5", "4", "Yes", "9", SECRET],
        ["2", "2026-06-30 10:00", "2026-06-30 10:03", "mentee2@example.com", "Mentee 2",
         "3", "3", "No", "6", ""],
    ], sep=";"), encoding="utf-8")
    result = run(["answers", path, "mid-mentee", export])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"recorded 2 responses to mid-mentee from {export}\n"
    assert SECRET not in result.stdout + result.stderr
    after = path.read_text(encoding="utf-8")
    added = [line[2:] for line in difflib.ndiff(before.splitlines(), after.splitlines())
             if line.startswith("+ ")]
    removed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines())
               if line.startswith("- ")]
    assert removed == []
    assert added == [
        "",  # a blank line before a new section
        "responses:",
        "  - survey: mid-mentee",
        "    person: e1",
        "    date: 2026-06-29",
        "    answers: {satisfaction: 5, relationship: 4, goals: true, recommend: 9}",
        "    comments:",
        f"      comment: {SECRET}",
        "  - survey: mid-mentee",
        "    person: e2",
        "    date: 2026-06-30",
        "    answers: {satisfaction: 3, relationship: 3, goals: false, recommend: 6}",
    ]
    for command in (["validate", path], ["evaluate", path, "--format", "json"],
                    ["evaluate", path, "--format", "csv"], ["report", path]):
        shown = run(command)
        assert SECRET not in shown.stdout + shown.stderr, command


def test_google_export_by_employee_number_and_xlsx(run, tmp_path):
    path = write_cohort(tmp_path)
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Timestamp", "Employee number", *_texts("mid-mentor")])
    sheet.append(["6/30/2026 18:02:11", "1001", 4, 5, "oui", 10, ""])
    sheet.append(["30/06/2026 18:05:00", "1002", 5, 5, "non", 8, "free words"])
    export = tmp_path / "google.xlsx"
    book.save(export)
    result = run(["answers", path, "mid-mentor", export])
    assert result.exit_code == 0, result.stderr
    model = load_cohort(path).model
    assert [(r.person, r.date.isoformat(), r.answers, r.comments) for r in model.responses] == [
        ("m1", "2026-06-30", {"satisfaction": 4, "relationship": 5, "goals": True,
                              "recommend": 10}, {}),
        ("m2", "2026-06-30", {"satisfaction": 5, "relationship": 5, "goals": False,
                              "recommend": 8}, {"comment": "free words"}),
    ]


def test_limesurvey_codes_as_headers(run, tmp_path):
    path = write_cohort(tmp_path)
    export = tmp_path / "lime.csv"
    export.write_text(_csv(["Response ID", "Date submitted", "Email", "satisfaction",
                            "goals", "recommend"],
                           [["7", "2026-07-01 08:00:00", "mentee3@example.com", "4", "Y",
                             "7"]]), encoding="utf-8")
    assert run(["answers", path, "mid-mentee", export]).exit_code == 0
    (response,) = load_cohort(path).model.responses
    assert response.answers == {"satisfaction": 4, "goals": True, "recommend": 7}


def test_bad_rows_are_refused_with_their_numbers_and_nothing_is_written(run, tmp_path):
    path = write_cohort(tmp_path)
    before = path.read_text(encoding="utf-8")
    export = tmp_path / "forms.csv"
    header = ["Completion time", "Email", *_texts()]
    export.write_text(_csv(header, [
        ["2026-06-29", "mentee1@example.com", "5", "4", "yes", "9", SECRET],
        ["2026-06-29", "nobody@example.com", "5", "4", "yes", "9", SECRET],
        ["2026-06-29", "mentee1@example.com", "4", "4", "yes", "9", ""],
        ["2026-06-29", "mentee2@example.com", "7", "4", "maybe", "9", SECRET],
        ["2026-06-29", "mentor1@example.com", "5", "4", "yes", "9", ""],
        ["2026-06-29", "", "5", "4", "yes", "9", ""],
    ]), encoding="utf-8")
    result = run(["answers", path, "mid-mentee", export])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{export}: row 3: 'nobody@example.com' is not a participant of the cohort (matched "
        "by email or employee number)",
        f"{export}: row 4: e1 already answered in row 2; keep one response per person",
        f"{export}, column C (satisfaction): '7' is not a whole number from 1 to 5"
        .replace(f"{export},", f"{export}: row 5,"),
        f"{export}: row 5, column E (goals): 'maybe' is not yes or no (oui/non also read)",
        f"{export}: row 6: m1 is a mentor; survey 'mid-mentee' is for mentees",
        f"{export}: row 7: no email or employee number: the respondent is unknown",
        f"nothing was recorded: 6 problems in {export}; fix the export and import it again",
    ]
    assert SECRET not in result.stderr
    assert path.read_text(encoding="utf-8") == before


def test_a_second_import_of_the_same_answers_is_refused(run, tmp_path):
    path = write_cohort(tmp_path)
    export = tmp_path / "forms.csv"
    export.write_text(_csv(["Email", *_texts()], [["mentee1@example.com", "5", "4", "yes",
                                                   "9", ""]]), encoding="utf-8")
    assert run(["answers", path, "mid-mentee", export, "--date", "2026-06-30"]).exit_code == 0
    again = run(["answers", path, "mid-mentee", export])
    assert again.exit_code == 2
    assert again.stderr.splitlines()[0] == (
        f"{export}: row 2: e1 already has a response to 'mid-mentee' in the cohort file")


def test_unknown_survey_and_export_without_respondent_column(run, tmp_path):
    path = write_cohort(tmp_path)
    export = tmp_path / "x.csv"
    export.write_text("Name,satisfaction\nMentee 1,4\n", encoding="utf-8")
    unknown = run(["answers", path, "mid-mentees", export])
    assert unknown.exit_code == 2
    assert unknown.stderr == ("no survey 'mid-mentees' (did you mean 'mid-mentee'?); surveys: "
                              "mid-mentee, mid-mentor, end-mentee, end-mentor\n")
    nobody = run(["answers", path, "mid-mentee", export])
    assert nobody.exit_code == 2
    assert nobody.stderr == (f"{export}: no column names the respondent; add an 'Email' (or "
                             "'Employee number' / 'Matricule') column to the export\n")


# ------------------------------------------------------------------ values


@given(st.text(max_size=40))
def test_parse_answer_never_raises_and_never_quotes_free_text(text):
    for kind in ("rating", "nps", "yesno", "text"):
        q = Question(id="q", text="Q?", kind=kind)
        value, problem = parse_answer(q, text)
        assert value is None or problem is None
    choice = Question(id="q", text="Q?", kind="choice", options=["a", "b"])
    parse_answer(choice, text)


@given(st.integers(min_value=1, max_value=5), st.sampled_from(["", " ", ".0", " - Good"]))
def test_a_rating_reads_back_as_its_number(value, suffix):
    q = Question(id="q", text="Q?", kind="rating")
    assert parse_answer(q, f"{value}{suffix}") == (value, None)


@pytest.mark.parametrize("bad", ["0", "6", "4.5", "five", "-1"])
def test_a_rating_out_of_range_is_a_problem(bad):
    q = Question(id="q", text="Q?", kind="rating")
    value, problem = parse_answer(q, bad)
    assert value is None and problem == f"'{bad}' is not a whole number from 1 to 5"


# ------------------------------------------------------------------ validation


def test_validate_checks_responses_without_quoting_comments(run, tmp_path):
    extra = f"""responses:
  - survey: mid-mentee
    person: e1
    date: 2026-06-30
    answers: {{satisfaction: 9, comment: "{SECRET}"}}
    comments: {{recommend: "{SECRET}"}}
  - survey: mid-mentee
    person: m1
    date: 2026-06-30
  - survey: mid-mentie
    person: e2
    date: 2026-06-30
"""
    path = write_cohort(tmp_path, extra=extra)
    result = run(["validate", path])
    assert result.exit_code == 2
    assert SECRET not in result.stdout + result.stderr
    text = result.stdout + result.stderr
    assert "answer to 'satisfaction': expected a whole number from 1 to 5" in text
    assert ("answer to 'comment': is a free-text question: its answer goes under `comments` "
            "(confidential)") in text
    assert "'recommend' is a nps question: its answer goes under `answers`" in text
    assert "m1 is a mentor; survey 'mid-mentee' is for mentees" in text
    assert "'mid-mentie' is not a survey (did you mean 'mid-mentee'?)" in text


@pytest.mark.parametrize("fmt", ["markdown", "html", "csv"])
def test_control_characters_of_a_question_never_reach_a_document(run, tmp_path, fmt):
    extra = """surveys:
  - id: pulse
    title: "Pulse \\e]0;owned\\a"
    stage: mid
    role: mentee
    questions:
      - {id: how, kind: rating, measure: satisfaction, text: "How \\e[2J is it going?"}
"""
    path = write_cohort(tmp_path, extra=extra)
    result = run(["survey", path, "pulse", "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "How [2J is it going?" in result.stdout.replace("\\", "")


def test_customize_copies_the_shipped_surveys_into_the_file(run, tmp_path):
    path = write_cohort(tmp_path, language="fr")
    before = path.read_text(encoding="utf-8")
    result = run(["survey", path, "--customize"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"4 questionnaires copiés dans {path} (surveys:)\u202f; "
                             "modifiez-les là\n")
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert "\n".join(after[len(before):].splitlines()[:10]) == (
        "\n"  # a blank line before a new section
        "surveys:\n"
        "  - id: mid-mentee\n"
        "    title: Questionnaire de mi-parcours (mentoré·es)\n"
        "    stage: mid\n"
        "    role: mentee\n"
        "    questions:\n"
        "      - id: satisfaction\n"
        "        kind: rating\n"
        "        measure: satisfaction")
    model = load_cohort(path).model
    assert [s.id for s in model.surveys] == [s.id for s in shipped_surveys("fr")]
    assert model.surveys == list(shipped_surveys("fr"))
    again = run(["survey", path, "--customize"])
    assert again.exit_code == 2
    assert again.stderr == ("le fichier a déjà ses propres `surveys:`\u202f; modifiez-les "
                            "là\n")

"""Evaluation, supervision and support: survey, answers, supervise, train, concern, outcomes
(writes, through the cohort transaction) and evaluate (read-only).

Thin: parse options, call one function of `mentorcli.evaluation`, render. "Today" is read
here and passed down. Free-text answers and concern descriptions are never printed.
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
from pathlib import Path

import typer

from mentorcli.cli.app import app, fail
from mentorcli.cli.output import is_terminal, say
from mentorcli.errors import UsageError
from mentorcli.i18n import N_, _, ngettext
from mentorcli.localize import sentence_date


class QuestionnaireFormat(str, enum.Enum):
    markdown = "markdown"
    html = "html"
    csv = "csv"
    xlsx = "xlsx"


class Layout(str, enum.Enum):
    forms = "forms"
    google = "google"
    limesurvey = "limesurvey"


class Severity(str, enum.Enum):
    low = "low"
    medium = "medium"
    high = "high"


#: The severities as said in a sentence (the option's values are codes).
SEVERITIES = {"low": N_("low"), "medium": N_("medium"), "high": N_("high")}


class EvaluationFormat(str, enum.Enum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"
    html = "html"


#: The help of the options: English (their msgid) when the commands are imported (inside
#: `i18n.source_text()`), translated each time --help shows them (mentorcli.cli.app).
HELP: dict[str, str] = {
    "file": _("The cohort file."),
    "survey.id": _("Survey to write (default: list the surveys)."),
    "survey.format": _("markdown or html (printable questionnaire); csv or xlsx "
                       "(sheet of questions in a form tool's export layout)."),
    "survey.layout": _("Column layout of csv/xlsx: forms (Microsoft Forms), google "
                       "(Google Forms) or limesurvey."),
    "survey.output": _("Write to this file instead of stdout (needed for xlsx)."),
    "survey.customize": _("Copy the shipped surveys into the file's `surveys:`, to edit "
                          "or add questions there."),
    "answers.survey": _("The survey answered."),
    "answers.export": _("CSV or .xlsx export of the form tool."),
    "answers.date": _("Day of answers without a timestamp (default: today)."),
    "supervise.mentors": _("Mentor(s) who attended: ids or emails."),
    "supervise.date": _("Day of the session."),
    "supervise.minutes": _("Length in minutes."),
    "supervise.topic": _("A topic discussed (repeat the option)."),
    "train.people": _("Who attended: ids or emails."),
    "train.date": _("Day of the training."),
    "train.title": _("Name of the training."),
    "concern.id": _("Concern id, e.g. c-01."),
    "concern.person": _("The participant it is about."),
    "concern.mentor": _("Mentor of the pair it is about."),
    "concern.mentee": _("Mentee of the pair it is about."),
    "concern.raised_by": _("Who raised it (participant id, coordinator...)."),
    "concern.severity": _("low, medium or high."),
    "concern.follow_up": _("Day to follow it up by."),
    "concern.description": _("Confidential: stored, never printed."),
    "concern.resolve": _("Mark the concern resolved."),
    "concern.date": _("Day raised (or resolved); default: today."),
    "outcomes.export": _("HR export, CSV or .xlsx."),
    "outcomes.comparison": _("Rows that are not participants are the comparison group "
                             "(kept by employee number only)."),
    "outcomes.date": _("Day of rows without a date (default: today)."),
    "evaluate.files": _("One cohort file, or several to compare."),
    "evaluate.format": _("table, markdown, csv, json or html."),
    "evaluate.output": _("Write to this file instead of stdout."),
    "evaluate.as_of": _("State on this day (default: today)."),
    "evaluate.min_group": _("Raise the small-group threshold (never lower than the cohort's)."),
    "evaluate.fail": _("Exit 1 when a pair's mentor and mentee disagree sharply."),
}

_FILE = typer.Argument(..., help=HELP["file"], show_default=False, metavar="FILE")


def _today() -> dt.date:
    from mentorcli import runtime

    return runtime.today()


def _date(value: str | None, option: str) -> dt.date | None:
    from mentorcli.dates import parse_optional

    return parse_optional(value, option)


def _write_output(output: Path, data: str | bytes, cohort_files: list[Path]) -> None:
    from mentorcli.store.files import atomic_write_bytes

    if any(output.resolve() == f.resolve() for f in cohort_files):
        raise UsageError(_("--output {path} is a cohort file; choose another path").format(
            path=output))
    try:
        atomic_write_bytes(output, data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as error:
        raise UsageError(_("--output {path}: cannot write ({reason})").format(
            path=output, reason=error.strerror or error)) from None


# ---------------------------------------------------------------- survey


@app.command(help=_(
    "Write a questionnaire to send out, or list the cohort's surveys."))
def survey(
    file: Path = _FILE,
    survey_id: str | None = typer.Argument(None, metavar="SURVEY_ID",
                                           help=HELP["survey.id"],
                                           show_default=False),
    format: QuestionnaireFormat = typer.Option(
        QuestionnaireFormat.markdown, "--format",
        help=HELP["survey.format"]),
    layout: Layout = typer.Option(Layout.forms, "--layout",
                                  help=HELP["survey.layout"]),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="PATH",
                                       help=HELP["survey.output"], show_default=False),
    customize: bool = typer.Option(False, "--customize",
                                   help=HELP["survey.customize"]),
) -> None:
    from mentorcli.evaluation import surveys as S
    from mentorcli.store.loading import load_cohort

    if customize:
        if survey_id is not None or output is not None:
            raise UsageError(_("--customize changes the cohort file only; drop SURVEY_ID and "
                               "--output"))
        from mentorcli.store.transaction import change_cohort

        count = change_cohort(file, S.plan_customize)
        say(ngettext("copied {count} survey into {file} (surveys:); edit it there",
                     "copied {count} surveys into {file} (surveys:); edit them there", count)
            .format(count=count, file=file))
        return
    model = load_cohort(file).model
    if survey_id is None:
        from mentorcli.cli.output import print_table

        print_table(["id", _("stage"), _("role"), _("questions"), _("title")],
                    [[s.id, s.stage, s.role, len(s.questions), s.title]
                     for s in S.surveys_of(model)])
        return
    found = S.find_survey(model, survey_id)
    if found is None:
        raise UsageError(_("no survey '{survey}'; surveys: {known}").format(
            survey=survey_id, known=", ".join(S.survey_ids(model))))
    data: str | bytes
    if format is QuestionnaireFormat.markdown:
        data = S.questionnaire_markdown(found, model.cohort.name)
    elif format is QuestionnaireFormat.html:
        data = S.questionnaire_html(found, model.cohort.name)
    elif format is QuestionnaireFormat.csv:
        import csv
        import io

        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(S.question_sheet(found,
                                                                             layout.value))
        data = buffer.getvalue()
    else:
        if output is None:
            raise UsageError(_("--format xlsx writes a workbook: give a file with --output "
                               "PATH"))
        data = _workbook(found, layout.value)
    if output is None:
        sys.stdout.write(data if isinstance(data, str) else "")
        return
    _write_output(output, data, [file])
    if is_terminal(sys.stderr):
        say(_("wrote {path}").format(path=output))


def _workbook(found: object, layout: str) -> bytes:
    import io

    from openpyxl import Workbook

    from mentorcli.evaluation import surveys as S

    book = Workbook()
    sheet = book.active
    sheet.title = "Responses"
    for row in S.question_sheet(found, layout):  # type: ignore[arg-type]
        sheet.append(row)
    sheet.freeze_panes = "A2"
    questions = book.create_sheet("Questions")
    for row in S.questions_table(found):  # type: ignore[arg-type]
        questions.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- answers


@app.command(help=_(
    "Record survey answers exported by Microsoft Forms, Google Forms or LimeSurvey.\n\n"
    "Respondents are matched by email or employee number; an unknown respondent, a duplicate "
    "and a bad value are refused with their row numbers, and nothing is recorded then. "
    "Free-text answers are stored as confidential comments, never printed."))
def answers(
    file: Path = _FILE,
    survey_id: str = typer.Argument(..., metavar="SURVEY_ID", help=HELP["answers.survey"],
                                    show_default=False),
    export: Path = typer.Argument(..., metavar="EXPORT", help=HELP["answers.export"],
                                  show_default=False),
    date: str | None = typer.Option(None, "--date", metavar="DATE",
                                    help=HELP["answers.date"]),
) -> None:
    from mentorcli.evaluation.answers import plan_answers
    from mentorcli.importing.spreadsheet import read_sheet
    from mentorcli.store.transaction import change_cohort

    day = _date(date, "--date") or _today()
    sheet = read_sheet(export)
    done = change_cohort(file, lambda model: plan_answers(model, sheet, survey_id,
                                                          default_date=day))
    say(ngettext("recorded {count} response to {survey} from {file}",
                 "recorded {count} responses to {survey} from {file}", done.recorded).format(
        count=done.recorded, survey=done.survey, file=export))


# ---------------------------------------------------------------- supervise, train


@app.command(help=_(
    "Record a supervision session of one mentor (individual) or several (group)."))
def supervise(
    file: Path = _FILE,
    mentors: list[str] = typer.Argument(..., metavar="MENTOR...",
                                        help=HELP["supervise.mentors"],
                                        show_default=False),
    date: str = typer.Option(..., "--date", metavar="DATE", help=HELP["supervise.date"],
                             show_default=False),
    minutes: int | None = typer.Option(None, "--minutes", help=HELP["supervise.minutes"]),
    topic: list[str] = typer.Option([], "--topic", metavar="TEXT",
                                    help=HELP["supervise.topic"]),
) -> None:
    from mentorcli.evaluation.support import plan_supervision
    from mentorcli.store.transaction import change_cohort

    day = _date(date, "--date")
    assert day is not None
    today = _today()
    item = change_cohort(file, lambda model: plan_supervision(
        model, mentors, day=day, today=today, minutes=minutes, topics=topic))
    message = (_("recorded an individual supervision of {mentors} on {day}")
               if item["kind"] == "individual" else
               _("recorded a group supervision of {mentors} on {day}"))
    say(message.format(mentors=", ".join(item["mentors"]), day=sentence_date(day)))


@app.command(help=_(
    "Record a training session; it sets `trained` of those who attended."))
def train(
    file: Path = _FILE,
    people: list[str] = typer.Argument(..., metavar="PERSON...",
                                       help=HELP["train.people"],
                                       show_default=False),
    date: str = typer.Option(..., "--date", metavar="DATE", help=HELP["train.date"],
                             show_default=False),
    title: str = typer.Option(..., "--title", metavar="TEXT", help=HELP["train.title"],
                              show_default=False),
) -> None:
    from mentorcli.evaluation.support import plan_training
    from mentorcli.store.transaction import change_cohort

    day = _date(date, "--date")
    assert day is not None
    today = _today()
    ids, newly = change_cohort(file, lambda model: plan_training(
        model, people, day=day, today=today, title=title))
    if newly:
        say(_("recorded the training of {day} for {people}; trained: {day} set for {newly}")
            .format(day=sentence_date(day), people=", ".join(ids), newly=", ".join(newly)))
    else:
        say(_("recorded the training of {day} for {people}").format(day=sentence_date(day),
                                                                     people=", ".join(ids)))


# ---------------------------------------------------------------- concern


@app.command(help=_(
    "Open a concern about a person or a pair, set its follow-up date, or --resolve it."))
def concern(
    file: Path = _FILE,
    concern_id: str = typer.Argument(..., metavar="CONCERN_ID",
                                     help=HELP["concern.id"], show_default=False),
    person: str | None = typer.Option(None, "--person", metavar="ID",
                                      help=HELP["concern.person"]),
    mentor: str | None = typer.Option(None, "--mentor", metavar="ID",
                                      help=HELP["concern.mentor"]),
    mentee: str | None = typer.Option(None, "--mentee", metavar="ID",
                                      help=HELP["concern.mentee"]),
    raised_by: str = typer.Option("coordinator", "--raised-by", metavar="WHO",
                                  help=HELP["concern.raised_by"]),
    severity: Severity = typer.Option(Severity.medium, "--severity",
                                      help=HELP["concern.severity"]),
    follow_up: str | None = typer.Option(None, "--follow-up", metavar="DATE",
                                         help=HELP["concern.follow_up"]),
    description: str | None = typer.Option(None, "--description", metavar="TEXT",
                                           help=HELP["concern.description"]),
    resolve: bool = typer.Option(False, "--resolve", help=HELP["concern.resolve"]),
    date: str | None = typer.Option(None, "--date", metavar="DATE",
                                    help=HELP["concern.date"]),
) -> None:
    from mentorcli.evaluation import support
    from mentorcli.store.transaction import change_cohort

    day = _date(date, "--date") or _today()
    today = _today()
    follow = _date(follow_up, "--follow-up")
    exists_only = [name for name, value in (
        ("--person", person), ("--mentor", mentor), ("--mentee", mentee),
        ("--description", description)) if value is not None]
    if resolve:
        if exists_only or follow is not None:
            raise UsageError(_("--resolve closes an existing concern; drop {options}").format(
                options=", ".join(exists_only + (["--follow-up"] if follow else []))))
        done = change_cohort(file, lambda model: support.plan_concern_resolve(
            model, concern_id, day=day, today=today))
        say(_("concern {id} resolved on {day}").format(id=done.id, day=sentence_date(day)))
        return
    done = change_cohort(file, lambda model: support.plan_concern(
        model, concern_id, person=person, mentor=mentor, mentee=mentee, raised_by=raised_by,
        severity=severity.value, day=day, today=today, follow_up=follow,
        description=description))
    if done.action == "updated":
        say(_("concern {id}: follow-up on {day}").format(id=done.id, day=sentence_date(follow)))
    elif follow:
        say(_("concern {id} opened ({severity}), follow-up on {day}").format(
            id=done.id, severity=_(SEVERITIES[severity.value]), day=sentence_date(follow)))
    else:
        say(_("concern {id} opened ({severity})").format(
            id=done.id, severity=_(SEVERITIES[severity.value])))


# ---------------------------------------------------------------- outcomes


@app.command(help=_(
    "Record HR outcomes (stayed or left, promoted, internal move) of participants and, "
    "with --comparison, of a comparison group."))
def outcomes(
    file: Path = _FILE,
    export: Path = typer.Argument(..., metavar="EXPORT", help=HELP["outcomes.export"],
                                  show_default=False),
    comparison: bool = typer.Option(False, "--comparison",
                                    help=HELP["outcomes.comparison"]),
    date: str | None = typer.Option(None, "--date", metavar="DATE",
                                    help=HELP["outcomes.date"]),
) -> None:
    from mentorcli.evaluation.support import plan_outcomes
    from mentorcli.importing.spreadsheet import read_sheet
    from mentorcli.store.transaction import change_cohort

    day = _date(date, "--date") or _today()
    sheet = read_sheet(export)
    done = change_cohort(file, lambda model: plan_outcomes(model, sheet, default_date=day,
                                                           comparison=comparison))
    participants = ngettext("{count} participant", "{count} participants",
                            done.participants).format(count=done.participants)
    if done.comparison:
        comparison = ngettext("{count} person of the comparison group",
                              "{count} people of the comparison group",
                              done.comparison).format(count=done.comparison)
        message = _("recorded outcomes of {participants} and {comparison}").format(
            participants=participants, comparison=comparison)
    else:
        message = _("recorded outcomes of {participants}").format(participants=participants)
    if done.replaced:
        message = ngettext("{message} ({count} replaced)", "{message} ({count} replaced)",
                           done.replaced).format(message=message, count=done.replaced)
    say(message)


# ---------------------------------------------------------------- evaluate


@app.command(help=_(
    "The programme evaluation: objectives against targets, engagement, surveys, "
    "supervision, concerns and outcomes against a comparison group; several files side by "
    "side. Figures on fewer than `evaluation.min_group` people (default 5) are hidden."))
def evaluate(
    files: list[Path] = typer.Argument(..., metavar="FILE...",
                                       help=HELP["evaluate.files"],
                                       show_default=False),
    format: EvaluationFormat = typer.Option(EvaluationFormat.table, "--format",
                                            help=HELP["evaluate.format"]),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="PATH",
                                       help=HELP["evaluate.output"],
                                       show_default=False),
    as_of: str | None = typer.Option(None, "--as-of", metavar="DATE",
                                     help=HELP["evaluate.as_of"]),
    min_group: int | None = typer.Option(None, "--min-group", metavar="N",
                                         help=HELP["evaluate.min_group"], min=2),
    fail_on_disagreement: bool = typer.Option(False, "--fail-on-disagreement",
                                              help=HELP["evaluate.fail"]),
) -> None:
    from mentorcli import i18n
    from mentorcli.evaluation import build, render
    from mentorcli.store.loading import load_cohort

    day = _date(as_of, "--as-of") or _today()
    models = [load_cohort(f).model for f in files]
    # several cohorts side by side: the report speaks the first one's language (unless
    # --lang or MENTORCLI_LANG say otherwise)
    i18n.set_cohort_language(models[0].cohort.language)
    ev = build.evaluate(models, as_of=day, min_group=min_group)
    if output is not None:
        _write_output(output, render.render(ev, format.value), list(files))
        if is_terminal(sys.stderr):
            say(_("wrote {path}").format(path=output))
    elif format is EvaluationFormat.table and is_terminal(sys.stdout):
        from mentorcli.cli.output import print_table

        sys.stdout.write(render.render_text(ev).split("\n\n", 1)[0] + "\n\n")
        for title, headers, rows in render.tables(ev):
            print_table(headers, rows, title=title)
    else:
        sys.stdout.write(render.render(ev, format.value))
    if fail_on_disagreement and any(c.disagreements for c in ev.cohorts):
        raise fail()

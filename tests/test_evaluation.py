"""The programme evaluation end to end: supervise, train, concern and outcomes write through
the transaction with minimal diffs; `evaluate` in every format, on one or several cohorts;
the small-group rule in every format; confidential text never printed."""

from __future__ import annotations

import csv
import difflib
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from evaluation_cohort import responses, write_cohort

from mentorcli.evaluation import stats
from mentorcli.store.loading import load_cohort

REPO = Path(__file__).resolve().parent.parent
FRENCH = REPO / "cohorts" / "mentorat-managers-2026.yaml"
SECRET = "PLANTED-CONCERN-9d2e71"
FORMATS = ("table", "markdown", "csv", "json", "html")


def _diff(before: str, after: str) -> tuple[list[str], list[str]]:
    lines = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return ([line[2:] for line in lines if line.startswith("+ ")],
            [line[2:] for line in lines if line.startswith("- ")])


def _indicators(run, *paths: Path, as_of: str = "2026-12-07") -> dict[str, dict]:
    result = run(["evaluate", *paths, "--format", "json", "--as-of", as_of])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return {i["key"]: i for i in data["cohorts"][0]["indicators"]}


# ------------------------------------------------------------------ statistics


def test_wilson_and_newcombe_match_the_published_examples():
    # Newcombe (1998), example (a): 56/70 vs 48/80 -> difference 0.2000, 95% CI
    # 0.0524 to 0.3339 (method 10, hybrid score).
    d, low, high = stats.newcombe(56, 70, 48, 80)
    assert (round(d, 4), round(low, 4), round(high, 4)) == (0.2, 0.0524, 0.3339)
    # Wilson interval of 81/263 (Newcombe 1998, single proportion): 0.2553 to 0.3662
    low, high = stats.wilson(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)
    assert stats.wilson(0, 10)[0] == 0.0


def test_nps_and_the_guard():
    assert stats.nps([10, 9, 8, 7, 6, 0]).value == pytest.approx(0.0)
    assert stats.nps([10, 10, 9, 3]).value == pytest.approx(50.0)
    small = stats.guard(stats.mean([5, 4, 4, 3]), 5)
    assert (small.value, small.suppressed, small.n) == (None, True, 4)
    assert stats.guard(stats.mean([5, 4, 4, 3, 1]), 5).value == pytest.approx(3.4)
    assert stats.guard(stats.Figure(3, 3, "count"), 5).value == 3


# ------------------------------------------------------------------ the shipped example


def test_evaluation_of_the_shipped_french_cohort(run):
    found = _indicators(run, FRENCH)
    values = {key: (i["value"], i["n"], i["suppressed"]) for key, i in found.items()}
    assert values["objectives.leadership"] == (20.0, 5, False)  # 1 of 5 leadership goals
    assert values["objectives.fidelisation"] == (85.7143, 7, False)
    assert values["objectives.mobilite"] == (2.0, 7, False)  # unit "personnes": a count
    assert values["engagement.pairs"] == (7, 7, False)
    assert values["surveys.mid.mentee.satisfaction"] == (3.8333, 6, False)
    assert values["surveys.mid.mentee.response_rate"] == (85.7143, 7, False)
    assert values["surveys.mid.mentor.satisfaction"] == (None, 4, True)  # 4 mentors answered
    # all = mentees + mentors would give the mentors' mean away: hidden as well
    assert values["surveys.mid.all.satisfaction"] == (None, 10, True)
    assert values["surveys.end.mentee.nps"] == (60.0, 5, False)
    assert values["supervision.up_to_date"] == (71.4286, 7, False)
    assert values["concerns.overdue"] == (1, 2, False)
    assert values["outcomes.retention.comparison"] == (80.0, 40, False)
    diff = found["outcomes.retention.difference"]
    assert (diff["value"], diff["low"], diff["high"]) == (5.7143, -32.5121, 24.558)
    assert found["objectives.fidelisation"]["target"] == 95
    data = json.loads(run(["evaluate", FRENCH, "--format", "json", "--as-of",
                           "2026-12-07"]).stdout)
    assert data["cohorts"][0]["disagreements"] == [
        {"mentor": "kschneider", "mentee": "tvogel", "stage": "mid",
         "on": ["satisfaction", "relationship", "goals"]}]


def test_evaluation_table_in_french(run):
    result = run(["evaluate", FRENCH, "--as-of", "2026-12-07"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    # French typography (mentorcli.localize.french_spacing): a no-break space before ':',
    # a narrow one before ';' and '%'
    assert lines[0] == ("Évaluation du programme\u00a0: Mentorat des managers 2026 "
                        "(au 7 décembre 2026)")
    assert lines[1] == ("Les chiffres portant sur moins de 5 personnes sont masqués (règle "
                        "des petits groupes).")
    text = result.stdout
    assert "Fidélisation · écart (points)          +5,7      7    [-32,5\u202f; 24,6]" in text
    assert "Mi-parcours · mentors · satisfaction (moyenne 1-5)                masqué (petit " \
           "groupe)  4" in text
    assert "Mi-parcours · mentoré·es · taux de réponse                        85,7\u202f%" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_runs_and_never_shows_confidential_text(run, tmp_path, fmt):
    path = tmp_path / "c.yaml"
    text = FRENCH.read_text(encoding="utf-8").replace(
        "Rencontres trop courtes, la mentorée ne se sent pas écoutée.", SECRET)
    text = text.replace("Nos agendas ne se croisent presque jamais.", SECRET + "-answer")
    path.write_text(text, encoding="utf-8")
    result = run(["evaluate", path, "--format", fmt, "--as-of", "2026-12-07"])
    assert result.exit_code == 0, result.stderr
    assert SECRET not in result.stdout + result.stderr
    out = tmp_path / f"eval.{fmt}"
    assert run(["evaluate", path, "--format", fmt, "-o", out]).exit_code == 0
    assert SECRET not in out.read_text(encoding="utf-8")
    for command in (["validate", path], ["report", path, "--format", "json"]):
        shown = run(command)
        assert SECRET not in shown.stdout + shown.stderr


def test_html_is_one_printable_page_with_inline_charts(run):
    result = run(["evaluate", FRENCH, "--format", "html", "--as-of", "2026-12-07"])
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>\n<html lang=fr>")
    assert "@page { size: A4;" in page
    svgs = page.split("<svg")[1:]
    assert len(svgs) >= 5
    for svg in svgs:
        ET.fromstring("<svg" + svg.split("</svg>")[0] + "</svg>")  # well-formed


# ------------------------------------------------------------------ the small-group rule

MEAN_OF_FOUR = [5, 4, 4, 2]  # mean 3.75, goals 3 of 4 = 75 %, NPS +100


def _small_group(tmp_path: Path, count: int) -> Path:
    ratings = (MEAN_OF_FOUR + [3, 3])[:count]
    goals = [True, True, True, False, True, True][:count]
    extra = responses("mid-mentee", [f"e{i}" for i in range(1, count + 1)], ratings, goals)
    return write_cohort(tmp_path, pairs=6, extra=extra)


@pytest.mark.parametrize("fmt", FORMATS)
def test_four_respondents_give_no_average_rate_or_distribution_in_any_format(run, tmp_path,
                                                                             fmt):
    path = _small_group(tmp_path, 4)
    result = run(["evaluate", path, "--format", fmt, "--as-of", "2026-12-07"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for shown in ("3.75", "3,75", "75.0", "75,0", "+100", "100.0 %"):
        assert shown not in out, shown
    if fmt == "json":
        found = {i["key"]: i for i in json.loads(out)["cohorts"][0]["indicators"]}
        for measure in ("satisfaction", "relationship", "goals", "nps"):
            item = found[f"surveys.mid.mentee.{measure}"]
            assert (item["value"], item["low"], item["high"], item["count"],
                    item["suppressed"], item["n"]) == (None, None, None, None, True, 4)
            assert "distribution" not in item
    elif fmt == "csv":
        rows = {r["key"]: r for r in csv.DictReader(io.StringIO(out))}
        row = rows["surveys.mid.mentee.satisfaction"]
        assert (row["value"], row["low"], row["high"], row["suppressed"]) == ("", "", "",
                                                                              "true")
    elif fmt == "html":
        assert out.count("hidden (small group)") >= 8  # in the tables and the charts
    else:
        assert "hidden (small group)" in out
    # the response count and rate of invited people are not averages of answers
    assert "66.7" in out or "66,7" in out or '"value": 66.6667' in out or "66.6667" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_five_respondents_are_shown_in_every_format(run, tmp_path, fmt):
    path = _small_group(tmp_path, 5)
    result = run(["evaluate", path, "--format", fmt, "--as-of", "2026-12-07"])
    assert result.exit_code == 0
    out = result.stdout
    if fmt == "json":
        found = {i["key"]: i for i in json.loads(out)["cohorts"][0]["indicators"]}
        item = found["surveys.mid.mentee.satisfaction"]
        assert (item["value"], item["suppressed"], item["distribution"]) == \
            (3.6, False, [0, 1, 1, 2, 1])
    elif fmt == "csv":
        rows = {r["key"]: r for r in csv.DictReader(io.StringIO(out))}
        assert rows["surveys.mid.mentee.satisfaction"]["value"] == "3.6"
    else:
        assert "3.60" in out  # mean of 5, 4, 4, 2, 3
    assert "hidden (small group)" not in out


def test_the_threshold_is_a_cohort_setting_and_the_option_only_raises_it(run, tmp_path):
    path = _small_group(tmp_path, 4)
    text = path.read_text(encoding="utf-8").replace("participants:\n",
                                                    "evaluation:\n  min_group: 3\n\n"
                                                    "participants:\n", 1)
    path.write_text(text, encoding="utf-8")
    shown = _indicators(run, path)["surveys.mid.mentee.satisfaction"]
    assert (shown["value"], shown["suppressed"]) == (3.75, False)
    raised = run(["evaluate", path, "--format", "json", "--min-group", "5"])
    item = next(i for i in json.loads(raised.stdout)["cohorts"][0]["indicators"]
                if i["key"] == "surveys.mid.mentee.satisfaction")
    assert item["suppressed"] is True


# ------------------------------------------------------------------ several cohorts


def test_several_cohorts_side_by_side_with_trends(run, tmp_path):
    first = write_cohort(tmp_path, name="2025.yaml", cohort_id="cohort-2025",
                         extra=responses("mid-mentee", ["e1", "e2", "e3", "e4", "e5"],
                                         [3, 3, 4, 4, 4]))
    second = write_cohort(tmp_path, name="2026.yaml", cohort_id="cohort-2026",
                          extra=responses("mid-mentee", ["e1", "e2", "e3", "e4", "e5", "e6"],
                                          [5, 5, 4, 4, 4, 5]))
    table = run(["evaluate", first, second, "--format", "markdown", "--as-of", "2026-12-07"])
    assert table.exit_code == 0, table.stderr
    assert "| Indicator | cohort-2025 | cohort-2026 |" in table.stdout
    assert "| Mid-programme · mentees · satisfaction (mean 1-5) | 3.60 | 4.50 |" in table.stdout
    html = run(["evaluate", first, second, "--format", "html", "--as-of", "2026-12-07"])
    assert "<h2>Across cohorts</h2>" in html.stdout
    data = json.loads(run(["evaluate", first, second, "--format", "json"]).stdout)
    assert [c["id"] for c in data["cohorts"]] == ["cohort-2025", "cohort-2026"]


def test_output_must_not_be_a_cohort_file(run, tmp_path):
    path = write_cohort(tmp_path)
    before = path.read_text(encoding="utf-8")
    result = run(["evaluate", path, "-o", path])
    assert result.exit_code == 2
    assert result.stderr == f"--output {path} is a cohort file; choose another path\n"
    assert path.read_text(encoding="utf-8") == before


# ------------------------------------------------------------------ supervision, training


def test_supervise_appends_a_group_session(run, tmp_path):
    path = write_cohort(tmp_path)
    before = path.read_text(encoding="utf-8")
    result = run(["supervise", path, "m1", "mentor2@example.com", "--date", "2026-03-05",
                  "--minutes", "90", "--topic", "listening", "--topic", "goals"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "recorded a group supervision of m1, m2 on 2026-03-05\n"
    added, removed = _diff(before, path.read_text(encoding="utf-8"))
    assert removed == []
    assert added == ["", "supervision:", "  - date: 2026-03-05", "    kind: group",
                     "    mentors: [m1, m2]", "    minutes: 90",
                     "    topics: [listening, goals]"]
    second = run(["supervise", path, "m3", "--date", "2026-03-06"])
    assert second.stderr == "recorded an individual supervision of m3 on 2026-03-06\n"
    assert [s.kind for s in load_cohort(path).model.supervision] == ["group", "individual"]
    again = run(["supervise", path, "m3", "--date", "2026-03-06"])
    assert again.exit_code == 2
    assert again.stderr == "this supervision (m3 on 2026-03-06) is already recorded\n"
    mentee = run(["supervise", path, "e1", "--date", "2026-03-06"])
    assert mentee.exit_code == 2
    assert mentee.stderr == "e1 has role mentee; supervision is for mentors\n"


def test_train_records_the_session_and_sets_trained(run, tmp_path):
    path = write_cohort(tmp_path)
    result = run(["train", path, "m1", "e2", "--date", "2026-02-10", "--title",
                  "Mentor training"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("recorded the training of 2026-02-10 for m1, e2; trained: "
                             "2026-02-10 set for e2\n")
    model = load_cohort(path).model
    assert model.person("m1").trained.isoformat() == "2026-01-05"  # the first training
    assert model.person("e2").trained.isoformat() == "2026-02-10"
    assert model.trainings[0].attended == ["m1", "e2"]
    future = run(["train", path, "m1", "--date", "2099-01-01", "--title", "Later"])
    assert future.exit_code == 2


# ------------------------------------------------------------------ concerns


def test_concern_opened_followed_up_and_resolved_never_prints_its_description(run, tmp_path):
    path = write_cohort(tmp_path)
    before = path.read_text(encoding="utf-8")
    opened = run(["concern", path, "c-01", "--mentor", "m1", "--mentee", "e1", "--severity",
                  "high", "--follow-up", "2026-04-01", "--description", SECRET, "--date",
                  "2026-03-10", "--raised-by", "e1"])
    assert opened.exit_code == 0, opened.stderr
    assert opened.stderr == "concern c-01 opened (high), follow-up on 2026-04-01\n"
    added, removed = _diff(before, path.read_text(encoding="utf-8"))
    assert removed == []
    assert added == ["", "concerns:", "  - id: c-01", "    date: 2026-03-10", "    mentor: m1",
                     "    mentee: e1", "    raised_by: e1", "    severity: high",
                     "    status: open", "    follow_up: 2026-04-01",
                     f"    description: {SECRET}"]
    later = run(["concern", path, "c-01", "--follow-up", "2026-05-01"])
    assert later.stderr == "concern c-01: follow-up on 2026-05-01\n"
    report = run(["evaluate", path, "--as-of", "2026-05-10", "--format", "json"])
    assert SECRET not in report.stdout
    duplicate = run(["concern", path, "c-01", "--person", "e2", "--description", SECRET])
    assert duplicate.exit_code == 2
    assert SECRET not in duplicate.stderr
    assert duplicate.stderr == ("concern 'c-01' already exists; resolve it with --resolve, or "
                                "choose another id\n")
    resolved = run(["concern", path, "c-01", "--resolve", "--date", "2026-05-12"])
    assert resolved.exit_code == 0, resolved.stderr
    assert resolved.stderr == "concern c-01 resolved on 2026-05-12\n"
    concern = load_cohort(path).model.concerns[0]
    assert (concern.status, concern.resolved.isoformat(), concern.follow_up.isoformat()) == \
        ("resolved", "2026-05-12", "2026-05-01")
    again = run(["concern", path, "c-01", "--resolve"])
    assert again.exit_code == 2
    assert again.stderr == "concern 'c-01' is already resolved (2026-05-12)\n"


def test_a_concern_needs_a_person_or_a_pair(run, tmp_path):
    path = write_cohort(tmp_path)
    result = run(["concern", path, "c-02", "--description", SECRET])
    assert result.exit_code == 2
    assert result.stderr == ("say who the concern is about: --person ID, or --mentor ID "
                             "--mentee ID\n")
    no_pair = run(["concern", path, "c-02", "--mentor", "m1", "--mentee", "e2"])
    assert no_pair.stderr == "no pair m1 -> e2 in the cohort\n"


# ------------------------------------------------------------------ outcomes


def test_outcomes_of_participants_and_comparison_group(run, tmp_path):
    path = write_cohort(tmp_path)
    export = tmp_path / "sirh.csv"
    export.write_text("Matricule;Email;Statut;Promotion;Mobilité interne;Date\n"
                      "2001;;en poste;oui;non;2026-12-01\n"
                      ";mentee2@example.com;parti;;;2026-12-01\n"
                      "9001;;en poste;non;oui;2026-12-01\n"
                      "9002;;parti;;;2026-12-01\n", encoding="utf-8")
    refused = run(["outcomes", path, export])
    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [
        f"{export}: row 4: '9001' is not a participant (pass --comparison to import the other "
        "rows as the comparison group)",
        f"{export}: row 5: '9002' is not a participant (pass --comparison to import the other "
        "rows as the comparison group)",
        f"nothing was recorded: 2 problems in {export}"]
    before = path.read_text(encoding="utf-8")
    result = run(["outcomes", path, export, "--comparison"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("recorded outcomes of 2 participants and 2 people of the "
                             "comparison group\n")
    added, removed = _diff(before, path.read_text(encoding="utf-8"))
    assert removed == []
    assert added == ["", "outcomes:",
                     "  - {person: e1, date: 2026-12-01, stayed: true, promoted: true}",
                     "  - {person: e2, date: 2026-12-01, stayed: false}",
                     "  - {employee_id: '9001', date: 2026-12-01, stayed: true, moved: true}",
                     "  - {employee_id: '9002', date: 2026-12-01, stayed: false}"]
    again = run(["outcomes", path, export, "--comparison"])
    assert again.stderr == ("recorded outcomes of 2 participants and 2 people of the "
                            "comparison group (4 replaced)\n")
    assert len(load_cohort(path).model.outcomes) == 4


def test_the_example_commands_of_the_docs_run_on_a_copy_of_the_french_cohort(run, tmp_path):
    path = tmp_path / "cohorte.yaml"
    shutil.copyfile(FRENCH, path)
    assert run(["supervise", path, "kbenali", "--date", "2026-11-20", "--topic",
                "délégation"]).exit_code == 0
    assert run(["concern", path, "c-2026-02", "--resolve", "--date", "2026-12-04"]) \
        .exit_code == 0
    assert run(["validate", path]).exit_code == 0


# ------------------------------------------------------------------ docs


@pytest.mark.parametrize(("title", "model"), [
    ("`evaluation`", "Evaluation"), ("`surveys[]`", "Survey"),
    ("`surveys[].questions[]`", "Question"), ("`responses[]`", "Response"),
    ("`supervision[]`", "Supervision"), ("`trainings[]`", "Training"),
    ("`concerns[]`", "Concern"), ("`outcomes[]`", "Outcome"),
])
def test_every_evaluation_key_is_documented(title, model):
    import re

    from mentorcli import model as M

    text = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    match = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^### |\Z)", text, re.M | re.S)
    assert match, f"docs/format.md has no section {title}"
    documented = re.findall(r"^\| `([a-z_]+)` \|", match.group(1), re.M)
    assert documented == list(getattr(M, model).model_fields)


def test_confidential_keys_say_so_in_the_format():
    from mentorcli import model as M

    for model, key in ((M.Response, "comments"), (M.Concern, "description")):
        assert model.model_fields[key].description.startswith("Confidential:")


@pytest.mark.parametrize("fmt", FORMATS)
def test_control_characters_of_names_never_reach_the_evaluation(run, tmp_path, fmt):
    path = write_cohort(tmp_path)
    text = path.read_text(encoding="utf-8").replace("name: Evaluation test",
                                                    'name: "Eval \\e]0;owned\\a test"')
    path.write_text(text, encoding="utf-8")
    result = run(["evaluate", path, "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    if fmt != "csv":  # the CSV has no cohort name
        assert "Eval ]0;owned test" in result.stdout.replace("\\", "")


_RESPONSE = "responses:\n  - survey: mid-mentee\n    person: e1\n    date: 2026-06-30\n"
_CONCERN = ("concerns:\n  - id: c1\n    date: 2026-03-01\n    person: e1\n    raised_by: x\n"
            "    severity: low\n")


@pytest.mark.parametrize("extra", [
    _RESPONSE + f"    comments:\n      comment: {SECRET}a\n      comment: {SECRET}b\n",
    _RESPONSE + f"    comments: {{comment: !!int {SECRET}}}\n",
    _RESPONSE + f"    comments: {{comment: [{SECRET}]}}\n",
    _CONCERN + f"    description: {SECRET}a\n    description: {SECRET}b\n",
    _CONCERN + f"    description: {{a: {SECRET}}}\n",
    _CONCERN + f"    description: !!timestamp {SECRET}\n",
], ids=["duplicate-comment", "int-comment", "list-comment", "duplicate-description",
        "mapping-description", "timestamp-description"])
def test_a_broken_confidential_value_is_never_quoted_in_an_error(run, tmp_path, extra):
    path = write_cohort(tmp_path, extra=extra)
    for command in (["validate", path], ["evaluate", path], ["report", path]):
        result = run(command)
        assert result.exit_code == 2, command
        assert SECRET not in result.stdout + result.stderr, command


# ------------------------------------------------------------------ who needs help now


def test_alerts_of_the_french_cohort():
    import datetime as dt

    from mentorcli.evaluation.alerts import alerts, survey_signals

    model = load_cohort(FRENCH).model
    found = alerts(model, dt.date(2026, 12, 7))
    assert [(u.mentor, u.last.isoformat(), u.days) for u in found.unsupervised] == \
        [("kbenali", "2026-03-05", 277)]
    assert [(c.id, c.about, c.days_late) for c in found.overdue_concerns] == \
        [("c-2026-02", "kschneider -> tvogel", 7)]
    assert found.untrained == []
    assert [found.fails(x) for x in ("supervision", "concerns", "untrained")] == \
        [True, True, False]
    # before the follow-up date, and with kbenali supervised within 90 days: nothing
    early = alerts(model, dt.date(2026, 5, 31))
    assert (early.unsupervised, early.overdue_concerns) == ([], [])
    signals = survey_signals(model, dt.date(2026, 12, 7), 2.5)
    assert {k: (s.stage, s.low, s.disagree) for k, s in signals.items()} == \
        {("kschneider", "tvogel"): ("mid", ("mentee",), True)}


def test_a_mentor_never_supervised_is_listed_once_the_rhythm_has_passed(tmp_path):
    import datetime as dt

    from mentorcli.evaluation.alerts import alerts

    path = write_cohort(tmp_path, pairs=2, extra="evaluation: {supervision_days: 30}\n")
    model = load_cohort(path).model
    assert alerts(model, dt.date(2026, 3, 4)).unsupervised == []  # pairs started 02-02
    late = alerts(model, dt.date(2026, 3, 5)).unsupervised
    assert [(u.mentor, u.last, u.days) for u in late] == [("m1", None, 31), ("m2", None, 31)]


# ------------------------------------------------------------------ the rule, as a property

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["mid-mentee", "mid-mentor", "end-mentee",
                                           "end-mentor"]),
                          st.integers(min_value=1, max_value=8),
                          st.integers(min_value=1, max_value=5),
                          st.booleans()),
                max_size=30),
       st.integers(min_value=2, max_value=7))
def test_no_figure_stands_on_fewer_people_than_the_threshold(answers, threshold):
    import datetime as dt

    from mentorcli.evaluation import build
    from mentorcli.model import CohortFile
    from mentorcli.store.reading import parse_yaml

    seen = set()
    lines = []
    for survey, number, rating, goal in answers:
        person = ("m" if survey.endswith("mentor") else "e") + str(number)
        if (survey, person) in seen:
            continue
        seen.add((survey, person))
        lines.append(f"  - {{survey: {survey}, person: {person}, date: 2026-06-30, answers: "
                     f"{{satisfaction: {rating}, relationship: {rating}, goals: "
                     f"{'true' if goal else 'false'}, recommend: {rating * 2}}}}}\n")
    from evaluation_cohort import cohort_text

    extra = f"evaluation: {{min_group: {threshold}}}\n"
    if lines:
        extra += "responses:\n" + "".join(lines)
    model = CohortFile.model_validate(parse_yaml(cohort_text(pairs=8, extra=extra), "t.yaml"))
    ev = build.evaluate([model], as_of=dt.date(2026, 12, 1))
    by_key = ev.cohorts[0].by_key()
    for indicator in ev.cohorts[0].indicators:
        figure = indicator.figure
        if figure.kind in ("count", "result") or figure.value is None:
            continue
        assert figure.n >= threshold, indicator.key
    # a figure of both roles never gives a hidden role away by subtraction
    for stage in ("mid", "end"):
        for measure in ("satisfaction", "relationship", "goals", "nps"):
            parts = [by_key.get(f"surveys.{stage}.{role}.{measure}")
                     for role in ("mentee", "mentor")]
            whole = by_key.get(f"surveys.{stage}.all.{measure}")
            if whole is not None and whole.figure.value is not None:
                assert all(p is None or not p.figure.suppressed for p in parts)


def test_a_file_that_does_not_follow_supervision_is_never_told_about_it(tmp_path):
    import datetime as dt

    from mentorcli.evaluation.alerts import alerts

    path = write_cohort(tmp_path, pairs=2)
    assert alerts(load_cohort(path).model, dt.date(2026, 12, 1)).unsupervised == []
    path.write_text(path.read_text(encoding="utf-8") + "supervision: []\n", encoding="utf-8")
    assert len(alerts(load_cohort(path).model, dt.date(2026, 12, 1)).unsupervised) == 2

"""Contracts: the template context, formatting, escaping, every section, sandboxing."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from mentorcli.documents.contracts import (
    contract_context,
    escape_markdown,
    pair_file_path,
    parse_pair_spec,
    render_contract,
    render_template,
    select_pairs,
)
from mentorcli.errors import TemplateError, UsageError
from mentorcli.localize import (
    counted,
    format_date,
    format_month,
    format_number,
    format_percent,
    format_quantity,
    plural,
)
from mentorcli.model import CohortFile
from mentorcli.resources import cohorts_dir, templates_dir
from mentorcli.schedule import pair_schedule
from mentorcli.store.loading import load_cohort

HERE = Path(__file__).parent
DATA = HERE / "data"
SNAPSHOTS = HERE / "snapshots"
NBSP, NNBSP = "\u00a0", "\u202f"

# A French cohort written for these tests: accents, apostrophes, hyphenated names, a pair
# with goals, one without (the fill-in section), a proposed pair and an ended one.
FRENCH = """\
version: 1
cohort:
  id: mentorat-managers-2026
  name: Mentorat des managers 2026
  language: fr
  kind: classic
  start: 2026-02-02
  end: 2026-11-27
  cadence: biweekly
  session_minutes: 90
  coordinator: {name: Hélène Saint-Exupéry, email: helene.saint-exupery@example.fr}
objectives:
  - id: leadership
    title: Renforcer le leadership des nouveaux managers
    measure: part des objectifs de leadership atteints en fin de programme
    target: 80
    unit: "%"
  - id: fidelisation
    title: Fidéliser les managers
    measure: part des mentorés toujours présents à la fin
    target: 92.5
    unit: "%"
participants:
  - {id: jlefevre, name: Jean-Loup Lefèvre, email: jl.lefevre@example.fr, role: mentor,
     title: Directeur financier, department: Finance, timezone: Europe/Paris, seniority: 20}
  - {id: mdarc, name: Marie d’Arc-Noël, email: marie.darc@example.fr, role: mentee,
     title: Responsable d’équipe commerciale, department: Ventes, seniority: 3,
     objectives: [leadership, fidelisation]}
  - {id: aoconnor, name: Aïssata O'Connor, email: a.oconnor@example.fr, role: mentor,
     title: Directrice marketing, department: Marketing, seniority: 15}
  - {id: tnguyen, name: Thành Nguyễn, email: t.nguyen@example.fr, role: mentee,
     department: Logistique, seniority: 2}
  - {id: pgarcia, name: Pilar García, email: p.garcia@example.fr, role: mentee, seniority: 4}
pairs:
  - mentor: jlefevre
    mentee: mdarc
    status: active
    started: 2026-02-09
    signed: {mentor: 2026-02-05}
    goals:
      - id: prise-de-parole
        text: Présenter les résultats trimestriels au comité de direction
        measure: présentation faite et retour positif du comité
        objective: leadership
        due: 2026-06-30
      - id: delegation
        text: Déléguer le suivi des comptes clés à deux membres de l’équipe
  - {mentor: aoconnor, mentee: tnguyen, status: active}
  - {mentor: aoconnor, mentee: pgarcia, status: proposed}
  - {mentor: jlefevre, mentee: pgarcia, status: ended, started: 2026-02-02,
     ended: 2026-03-01, end_reason: changement de poste}
sessions:
  - {mentor: jlefevre, mentee: mdarc, date: 2026-02-09, minutes: 90, mode: in-person,
     notes: très confidentiel}
  - {mentor: jlefevre, mentee: mdarc, date: 2026-02-23, minutes: 80, mode: phone}
"""

SECTIONS = {
    "en": [
        "Mentoring agreement", "1. The parties", "2. The programme", "3. Objectives",
        "Programme objectives the mentee joined for", "Our goals",
        "4. Rhythm of meetings", "5. Roles and responsibilities", "The mentor", "The mentee",
        "The coordinator", "6. Confidentiality", "Session notes are never reported",
        "7. No-fault exit", "8. Evaluation", "Mid-point check-in", "Final check-in",
        "9. Signatures",
    ],
    "fr": [
        "Contrat de mentorat", "1. Les parties", "2. Le programme", "3. Objectifs",
        "Objectifs du programme retenus par le ou la mentoré·e", "Vos objectifs de binôme",
        "4. Rythme des rencontres", "5. Rôles et responsabilités", "Le mentor",
        "Le ou la mentoré·e",
        "La coordination du programme", "6. Confidentialité",
        "Les notes de séance ne sont jamais communiquées",
        "7. Fin de la relation sans reproche", "8. Évaluation", "Bilan à mi-parcours",
        "Bilan final", "9. Signatures",
    ],
}


def english_model() -> CohortFile:
    return load_cohort(DATA / "example.yaml").model


def french_model(tmp_path: Path) -> CohortFile:
    path = tmp_path / "mentorat.yaml"
    path.write_text(FRENCH, encoding="utf-8")
    return load_cohort(path).model


class _Text(HTMLParser):
    """The visible text and the tags of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(page: str) -> tuple[str, set[str]]:
    parser = _Text()
    parser.feed(page)
    # Only ASCII white space is folded: the no-break spaces of French typography are kept.
    return re.sub(r"[ \t\r\n]+", " ", "".join(parser.parts)), parser.tags


def markdown_text(markdown: str) -> str:
    """What a Markdown reader shows: rendered by a CommonMark parser (with tables)."""
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").enable("table").render(markdown)
    text, _ = html_text(rendered)
    return text


# --- formatting -------------------------------------------------------------------------


def test_dates_in_both_languages_without_locale():
    assert format_date(dt.date(2026, 1, 12), "fr") == "12 janvier 2026"
    assert format_date(dt.date(2026, 8, 1), "fr") == "1er août 2026"
    assert format_date(dt.date(2026, 1, 20), "fr", weekday=True) == "mardi 20 janvier 2026"
    assert format_date(dt.date(2026, 1, 20), "en", weekday=True) == "Tuesday 20 January 2026"
    assert format_date(dt.date(2026, 2, 1), "en") == "1 February 2026"
    assert format_date(None, "fr") == ""


def test_numbers_and_quantities():
    assert format_number(80.0, "fr") == "80"
    assert format_number(92.5, "fr") == "92,5"
    assert format_number(12000, "fr") == f"12{NNBSP}000"
    assert format_number(12000.25, "en") == "12,000.25"
    assert format_quantity(80, "%", "fr") == f"80{NNBSP}%"
    assert format_quantity(80, "%", "en") == "80%"
    assert format_quantity(3, "sessions", "en") == f"3{NBSP}sessions"
    assert format_quantity(None, "%", "en") == ""


def test_shared_formatting_of_reports_and_contracts():
    """mentorcli.localize serves contracts and reports alike."""
    assert format_percent(23.1, "fr") == f"23,1{NNBSP}%"
    assert format_percent(25.0, "en") == "25%"
    assert format_number(4.1899, "fr") == "4,19"
    assert format_number(-0.001, "en") == "0"  # never "-0"
    assert format_number(2.675, "en", digits=0) == "3"
    assert format_month(dt.date(2026, 11, 26), "fr") == "novembre 2026"
    assert format_month(dt.date(2026, 5, 1), "en") == "May 2026"
    assert [plural(n, "rencontre", "rencontres", "fr") for n in (0, 1, 1.5, 2)] == [
        "rencontre", "rencontre", "rencontre", "rencontres"]
    assert [plural(n, "meeting", "meetings") for n in (0, 1, 2)] == [
        "meetings", "meeting", "meetings"]
    assert counted(12000, "rencontre", "rencontres", "fr") == f"12{NNBSP}000 rencontres"


@pytest.mark.parametrize("raw,escaped", [
    ("Alice Martin", "Alice Martin"),
    ("Anne *Lou* _x_", r"Anne \*Lou\* \_x\_"),
    ("<b>Ré</b> & Cie", r"\<b>Ré\</b> & Cie"),
    ("a &amp; b", r"a \&amp; b"),
    ("[link](http://x) `code` a|b ~~s~~ back\\slash",
     r"\[link\](http://x) \`code\` a\|b \~\~s\~\~ back\\slash"),
    ("# not a heading", r"\# not a heading"),
    ("1. not a list", r"1\. not a list"),
    ("- not a list", r"\- not a list"),
    ("two\nlines\r\n\n  here", "two lines here"),
    ("Jean-Pierre d’Arc #2", "Jean-Pierre d’Arc #2"),
])
def test_escape_markdown(raw, escaped):
    assert escape_markdown(raw) == escaped


# --- the context ----------------------------------------------------------------------------


def test_context_has_everything_a_contract_needs(tmp_path):
    model = french_model(tmp_path)
    pair = model.pairs[0]
    context = contract_context(model, pair)
    assert context["language"] == "fr"
    assert context["cohort"]["kind_label"] == "mentorat classique"
    assert context["coordinator"] == {"name": "Hélène Saint-Exupéry",
                                      "email": "helene.saint-exupery@example.fr"}
    assert context["mentor"]["title"] == "Directeur financier"
    assert context["mentee"]["department"] == "Ventes"
    assert [o["id"] for o in context["objectives"]] == ["leadership", "fidelisation"]
    assert context["objectives"][1]["target_text"] == f"92,5{NNBSP}%"
    goal = context["goals"][0]
    assert goal["objective"]["title"] == "Renforcer le leadership des nouveaux managers"
    assert goal["due"] == dt.date(2026, 6, 30)
    assert context["goals"][1]["objective"] is None
    rhythm = context["rhythm"]
    assert rhythm["dates"] == pair_schedule(model, pair)
    assert rhythm["count"] == len(rhythm["dates"]) == 21
    assert rhythm["dates"][0] == dt.date(2026, 2, 9)
    assert rhythm["timezone"] == "Europe/Paris"
    assert rhythm["time"] == f"10{NBSP}h"
    # signed on 2026-02-05, before any meeting: no mode was agreed by use yet
    assert [(m["id"], m["used"]) for m in rhythm["modes"]] == [
        ("in-person", False), ("video", False), ("phone", False)]
    assert context["pair"]["signed"] == {"mentor": dt.date(2026, 2, 5), "mentee": None,
                                         "coordinator": None}
    assert context["checkins"]["final"] == rhythm["dates"][-1]
    assert rhythm["dates"][0] < context["checkins"]["midpoint"] < rhythm["dates"][-1]
    # Session notes never reach a template.
    assert "très confidentiel" not in repr(context)


def test_select_pairs(tmp_path):
    model = french_model(tmp_path)
    assert [(p.mentor, p.mentee) for p in select_pairs(model)] == [
        ("jlefevre", "mdarc"), ("aoconnor", "tnguyen")]
    assert len(select_pairs(model, include_proposed=True)) == 3
    assert select_pairs(model, ("aoconnor", "tnguyen"))[0].mentee == "tnguyen"
    # a French cohort: its messages are French (mentorcli.i18n, the cohort's language)
    with pytest.raises(UsageError, match="ajoutez --include-proposed"):
        select_pairs(model, ("aoconnor", "pgarcia"))
    with pytest.raises(UsageError, match="est terminé"):
        select_pairs(model, ("jlefevre", "pgarcia"), include_proposed=True)
    with pytest.raises(UsageError, match="aucun binôme"):
        select_pairs(model, ("jlefevre", "tnguyen"))


def test_parse_pair_spec():
    assert parse_pair_spec("cleroy:bpetit") == ("cleroy", "bpetit")
    for bad in ("cleroy", "cleroy:", ":bpetit", "../x:y", "Cleroy:bpetit", "a:b:c"):
        with pytest.raises(UsageError):
            parse_pair_spec(bad)


# --- every section, both languages, both formats -----------------------------------------


def example_cohorts() -> list[Path]:
    return [DATA / "example.yaml", *sorted(cohorts_dir().glob("*.yaml"))]


@pytest.mark.parametrize("path", example_cohorts(), ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_shipped_cohorts_render_every_section(path, fmt):
    model = load_cohort(path).model
    pairs = select_pairs(model, include_proposed=True)
    assert pairs, f"{path.name} has no pair to write a contract for"
    for pair in pairs:
        out = render_contract(model, pair, fmt)
        text = markdown_text(out) if fmt == "md" else html_text(out)[0]
        for heading in SECTIONS[model.cohort.language]:
            assert heading in text, (path.name, pair.mentor, pair.mentee, heading)
        assert model.person(pair.mentor).name in text
        assert model.person(pair.mentee).name in text


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_contract_content(tmp_path, language, fmt):
    model = english_model() if language == "en" else french_model(tmp_path)
    pair = model.pairs[0]
    out = render_contract(model, pair, fmt)
    text = markdown_text(out) if fmt == "md" else html_text(out)[0]
    for heading in SECTIONS[language]:
        assert heading in text
    mentor, mentee = model.person(pair.mentor), model.person(pair.mentee)
    for person in (mentor, mentee):
        for value in (person.name, person.title, person.department, person.email):
            assert value in text
    assert model.cohort.coordinator.name in text
    assert model.cohort.coordinator.email in text
    assert model.cohort.name in text
    for day in (model.cohort.start, model.cohort.end):
        assert format_date(day, language) in text
    for objective_id in mentee.objectives:
        objective = next(o for o in model.objectives if o.id == objective_id)
        assert objective.title in text and objective.measure in text
        assert format_quantity(objective.target, objective.unit, language) in text
    for goal in pair.goals:
        assert goal.text in text
        if goal.due:
            assert format_date(goal.due, language) in text
    for day in pair_schedule(model, pair):
        assert format_date(day, language, weekday=True) in text
    context = contract_context(model, pair)
    assert format_date(context["checkins"]["midpoint"], language) in text
    assert f"{model.cohort.session_minutes} minutes" in text
    if pair.signed and pair.signed.mentor:
        assert format_date(pair.signed.mentor, language) in text
    if fmt == "html":
        assert out.startswith("<!DOCTYPE html>")
        assert "@page { size: A4;" in out
        assert f'<html lang="{language}">' in out
        assert not re.search(r"""(src|href)=["']?(https?:|//)""", out)  # standalone
        assert "<link" not in out and "<script" not in out


def test_goals_fill_in_section_when_there_are_none(tmp_path):
    model = french_model(tmp_path)
    pair = model.find_pair("aoconnor", "tnguyen")
    out = render_contract(model, pair, "md")
    assert "Aucun objectif n’est encore enregistré" in out
    assert "| Objectif | Indicateur de réussite | Objectif du programme | Échéance |" in out
    assert "Le ou la mentoré·e n’a retenu aucun objectif du programme." in out
    assert "Fonction | Directrice marketing | — |" in out  # a missing title is a dash
    english = english_model()
    english.pairs[0].goals = []
    assert "No goals are recorded yet" in render_contract(english, english.pairs[0], "md")


def test_french_typography(tmp_path):
    model = french_model(tmp_path)
    for fmt in ("md", "html"):
        out = render_contract(model, model.pairs[0], fmt)
        text = markdown_text(out) if fmt == "md" else html_text(out)[0]
        # Every : ; ! ? of the text has its no-break space before it (times are "10 h").
        bad = [m.start() for m in re.finditer(r"(?<![\u00a0\u202f])[:;!?]", text)]
        assert not bad, [text[max(0, i - 30): i + 5] for i in bad]
        assert " :" not in text and " ;" not in text
        assert f"«{NBSP}Lu et approuvé{NBSP}»" in text
        assert "'" not in re.sub(r"O'Connor", "", text)  # typographic apostrophes only
        assert "vous pouvez" in text  # vouvoiement
        assert "du 2 février 2026 au 27 novembre 2026" in text
        assert "1er" in format_date(dt.date(2026, 3, 1), "fr")


# --- hostile and international names ---------------------------------------------------------

ODD = {
    "cleroy": 'Zoé "Zo" <b>O\'Brien</b> & *Co* _x_ [y](z) | `t` \\',
    "bpetit": "Łukasz Żółć-Ñúñez <script>alert(1)</script>",
}


def odd_model() -> CohortFile:
    data = yaml.safe_load((DATA / "example.yaml").read_text(encoding="utf-8"))
    for person in data["participants"]:
        if person["id"] in ODD:
            person["name"] = ODD[person["id"]]
    data["participants"][2]["title"] = "R&D <lead> *director*"
    data["pairs"][0]["goals"][0]["text"] = "Ship v2 & <fix> the *1st* release\n# not a title"
    return CohortFile.model_validate(data)


def test_odd_names_render_literally_in_html():
    model = odd_model()
    out = render_contract(model, model.pairs[0], "html")
    text, tags = html_text(out)
    for name in ODD.values():
        assert name in text
    assert "R&D <lead> *director*" in text
    assert "Ship v2 & <fix> the *1st* release # not a title" in text
    assert "script" not in tags and "b" not in tags  # markup in names stays text
    assert html.escape(ODD["bpetit"], quote=False) in out


def test_odd_names_render_literally_in_markdown():
    model = odd_model()
    out = render_contract(model, model.pairs[0], "md")
    text = markdown_text(out)
    for name in ODD.values():
        assert name in text
    assert "R&D <lead> *director*" in text
    assert "Ship v2 & <fix> the *1st* release # not a title" in text
    # The table of parties keeps its three columns despite the | in a name.
    row = next(line for line in out.splitlines() if line.startswith("| Name |"))
    assert re.sub(r"\\.", "", row).count("|") == 4


# --- snapshots --------------------------------------------------------------------------------


@pytest.mark.parametrize("language,fmt", [("en", "md"), ("fr", "md"), ("fr", "html")])
def test_snapshot(tmp_path, language, fmt):
    """The full text of one contract per language. To accept a wanted change:
    UPDATE_SNAPSHOTS=1 pytest tests/test_contracts.py, then review the diff in git."""
    model = english_model() if language == "en" else french_model(tmp_path)
    out = render_contract(model, model.pairs[0], fmt)
    snapshot = SNAPSHOTS / f"contract-{language}.{fmt}"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(out, encoding="utf-8", newline="")
    assert out == snapshot.read_text(encoding="utf-8")


# --- template errors and the sandbox --------------------------------------------------------


def write_template(tmp_path: Path, body: str, name: str = "mine.md.j2") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_missing_variable_names_the_template_line(tmp_path):
    template = write_template(tmp_path, "# Contract\n\nHello {{ mentor.name }}\n"
                                        "Nick: {{ mentor.nickname }}\n")
    model = english_model()
    with pytest.raises(TemplateError) as caught:
        render_contract(model, model.pairs[0], "md", template)
    message = str(caught.value)
    assert message == (f"{template}:4: missing value: no value named 'nickname' here "
                       "(the template variables are listed in docs/contracts.md)")


def test_missing_top_level_variable_in_an_included_block(tmp_path):
    write_template(tmp_path, "{% block body %}{% endblock %}\n", "base.md.j2")
    template = write_template(
        tmp_path, '{% extends "base.md.j2" %}\n{% block body %}\n\n{{ budget }}\n{% endblock %}\n')
    model = english_model()
    expected = rf"^{re.escape(str(template))}:4: missing value: no variable named 'budget'"
    with pytest.raises(TemplateError, match=expected):
        render_contract(model, model.pairs[0], "md", template)


def test_syntax_error_names_the_line(tmp_path):
    template = write_template(tmp_path, "line 1\n{% if mentor %}\nno end\n")
    model = english_model()
    with pytest.raises(TemplateError, match=rf"^{re.escape(str(template))}:\d+: template syntax"):
        render_contract(model, model.pairs[0], "md", template)


@pytest.mark.parametrize("attack", [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ mentor.__class__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{{ ('a' * 1000) * 100000 }}",
    "{{ 10 ** 100000000 }}",
    "{{ range(10**9)|list }}",
])
def test_sandbox_refuses_python_internals(tmp_path, attack):
    template = write_template(tmp_path, "ok\n" + attack + "\n")
    model = english_model()
    with pytest.raises(TemplateError) as caught:
        render_contract(model, model.pairs[0], "md", template)
    assert str(caught.value).startswith(f"{template}:2: ")


def test_missing_template_file(tmp_path):
    with pytest.raises(TemplateError, match="template not found"):
        render_template(tmp_path / "nope.md.j2", {}, "md")


def test_copied_template_can_extend_the_shipped_page(tmp_path):
    shipped = templates_dir() / "en" / "contract.html.j2"
    mine = write_template(tmp_path, shipped.read_text(encoding="utf-8").replace(
        "<h1>Mentoring agreement</h1>", "<h1>Our mentoring charter</h1>"), "charter.html.j2")
    model = english_model()
    out = render_contract(model, model.pairs[0], "html", mine)
    assert "<h1>Our mentoring charter</h1>" in out and "@page" in out


# --- output paths -----------------------------------------------------------------------------


def test_file_names_stay_inside_the_output_folder(tmp_path):
    model = english_model()
    pair = model.pairs[0]
    assert pair_file_path(tmp_path, pair, "md") == tmp_path / "cleroy--bpetit.md"
    # A symbolic link planted where the contract goes cannot redirect the write.
    outside = tmp_path / "elsewhere.md"
    outside.write_text("x")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "cleroy--bpetit.md").symlink_to(outside)
    with pytest.raises(UsageError, match="outside the output folder"):
        pair_file_path(folder, pair, "md")
    sneaky = pair.model_copy(update={"mentee": "../../etc"})
    with pytest.raises(UsageError, match="not an id"):
        pair_file_path(tmp_path, sneaky, "md")

"""Docs that cannot drift: every key documented, the shipped schema current, examples valid."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mentorcli import model as M
from mentorcli.model import json_schema

REPO = Path(__file__).resolve().parent.parent
SECTIONS = {
    "Top level": M.CohortFile, "`cohort`": M.Cohort, "`cohort.coordinator`": M.Coordinator,
    "`objectives[]`": M.Objective, "`objectives[].results[]`": M.Result,
    "`matching.weights`": M.Weights, "`matching.rules`": M.Rules, "`follow_up`": M.FollowUp,
    "`participants[]`": M.Participant, "`pairs[]`": M.Pair, "`pairs[].goals[]`": M.Goal,
    "`pairs[].signed`": M.Signed, "`sessions[]`": M.Session, "`sessions[].rating`":
    M.SessionRating, "`cohort.meetings`": M.Meetings, "`pairs[].meeting`": M.PairMeeting,
}


@pytest.mark.parametrize("title", sorted(SECTIONS))
def test_every_key_of_the_format_is_documented(title):
    text = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    match = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^### |\Z)", text, re.M | re.S)
    assert match, f"docs/format.md has no section {title}"
    documented = re.findall(r"^\| `([a-z_]+)` \|", match.group(1), re.M)
    assert documented == list(SECTIONS[title].model_fields)


def test_shipped_schema_is_current():
    shipped = json.loads((REPO / "docs" / "cohort.schema.json").read_text(encoding="utf-8"))
    assert shipped == json_schema(), "run: mentorcli schema > docs/cohort.schema.json"


def test_schema_command_prints_the_schema(run):
    result = run(["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["additionalProperties"] is False
    assert "skills" in schema["$defs"]["Participant"]["properties"]


def test_shipped_example_cohorts_validate_without_errors(run):
    files = sorted((REPO / "cohorts").glob("*.yaml"))
    assert len(files) >= 2
    result = run(["validate", *files])
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("kind", ["classic", "reverse", "peer"])
def test_init_writes_a_starter_that_validates(run, tmp_path, language, kind):
    path = tmp_path / "new-cohort.yaml"
    result = run(["init", path, "--language", language, "--kind", kind, "--start",
                  "2026-03-02"])
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert f"language: {language}" in text and f"kind: {kind}" in text
    assert "# yaml-language-server: $schema=cohort.schema.json" in text
    assert run(["validate", path]).exit_code == 0
    again = run(["init", path])
    assert again.exit_code == 2
    # said in the language of the cohort file it refuses to overwrite
    assert ("already exists" if language == "en" else "existe déjà") in again.stderr
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(("stem", "cohort_id"), [
    ("2026", "2026"), ("true", "true"), ("null", "null"), ("2026-01-05", "2026-01-05"),
    ("1e5", "1e5"), ("Mentorat-Été-2026", "mentorat-ete-2026"),
    ("Straße Œuvre", "strasse-oeuvre"), ("???", "my-cohort"),
])
def test_init_takes_the_cohort_id_from_the_file_name_as_text(run, tmp_path, stem, cohort_id):
    path = tmp_path / f"{stem}.yaml"
    result = run(["init", path, "--start", "2026-03-02"])
    assert result.exit_code == 0, result.stderr
    assert f'  id: "{cohort_id}" ' in path.read_text(encoding="utf-8")
    checked = run(["validate", path])
    assert checked.exit_code == 0, checked.stderr


def test_init_refuses_a_start_whose_year_of_cohort_ends_past_9999(run, tmp_path):
    path = tmp_path / "late.yaml"
    result = run(["init", path, "--start", "9999-06-01"])
    assert result.exit_code == 2
    assert result.stderr == ("a cohort starting on 9999-06-01 would end after 9999-12-31, the "
                             "last date a cohort file can hold; choose an earlier start\n")
    assert not path.exists()
    assert run(["init", path, "--start", "9998-12-31"]).exit_code == 0
    assert "  end: 9999-12-30\n" in path.read_text(encoding="utf-8")


def test_the_schema_accepts_null_wherever_the_format_accepts_an_empty_key():
    schema = json_schema()
    top = schema["properties"]
    for key in ("objectives", "matching", "follow_up", "org", "participants", "pairs",
                "sessions"):
        assert {"type": "null"} in top[key]["anyOf"], key
    matching = schema["$defs"]["Matching"]["properties"]
    assert {"type": "null"} in matching["weights"]["anyOf"]
    assert {"$ref": "#/$defs/Rules"} in matching["rules"]["anyOf"]
    skills = schema["$defs"]["Participant"]["properties"]["skills"]
    assert skills["anyOf"] == [{"type": "array", "items": {"type": "string"}}, {"type": "null"}]


def _documented_types(title: str) -> dict[str, str]:
    text = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    match = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^### |\Z)", text, re.M | re.S)
    assert match
    return dict(re.findall(r"^\| `([a-z_]+)` \| (.*?) \| ", match.group(1), re.M))


def test_the_format_tables_speak_of_types_in_words_not_python():
    text = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    for python in ("Optional[", "list[", "dict[", "Annotated", "Literal", "Union", "None"):
        assert python not in text, python


@pytest.mark.parametrize("title", sorted(SECTIONS))
def test_each_documented_type_says_list_and_null_where_the_model_does(title):
    import typing

    types = _documented_types(title)
    for name, field in SECTIONS[title].model_fields.items():
        annotation = field.annotation
        args = typing.get_args(annotation)
        nullable = type(None) in args
        inner = [a for a in args if a is not type(None)] if nullable else [annotation]
        is_list = typing.get_origin(inner[0]) is list if len(inner) == 1 else False
        if nullable:
            assert "null" in types[name], f"{title} {name}: {types[name]} (may be null)"
        if is_list:
            assert types[name].startswith("list"), f"{title} {name}: {types[name]} (a list)"
        elif field.default_factory is not dict:
            assert not types[name].startswith("list"), f"{title} {name}: {types[name]}"


def test_init_refuses_a_start_that_is_not_a_date(run, tmp_path):
    path = tmp_path / "c.yaml"
    result = run(["init", path, "--start", "2026-13-01"])
    assert result.exit_code == 2
    assert result.stderr == "--start '2026-13-01': expected a date like 2026-02-03 (YYYY-MM-DD)\n"
    assert not path.exists()

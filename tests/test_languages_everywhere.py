"""Issue 13, done when: every command run on a French cohort says nothing in English, and every
command run on an English cohort says nothing in French (stdout, stderr and the documents the
command writes), success and refusal paths alike.

The data of a cohort is not the tool's text: people's names, goal titles, ids and paths are
taken out before looking for words of the other language (`tool_text`). JSON and CSV are left
out: their keys and column names are codes that never change with the language
(docs/languages.md); their human values are tested with the areas' own tests.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FRENCH = REPO / "cohorts" / "mentorat-managers-2026.yaml"
ENGLISH = REPO / "cohorts" / "reverse-digital-2026.yaml"

#: Words of the tool's English that no French sentence holds.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|is|are|was|were|not|no|with|without|written|wrote|pairs?|meetings?|"
    r"contracts?|errors?|warnings?|files?|cohorts?|mentees?|goals?|valid|invalid|"
    r"added|removed|would|should|must|none|found|missing|unknown|nothing|people|person|"
    r"row|column|from|to|of|for|in|at|by|or|if|this|that|has|have|use|run|add|"
    r"January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"weekly|monthly|signed|logged|approved|ended|progress|since|until|days?|"
    r"months?|hours?)\b", re.IGNORECASE)

#: Words of the tool's French that no English sentence holds.
FRENCH_WORDS = re.compile(
    r"\b(le|la|les|des|du|une|est|sont|avec|sans|aucun|aucune|binômes?|rencontres?|"
    r"contrats?|erreurs?|avertissements?|fichiers?|cohortes?|mentoré|mentoré·e|mentorés|"
    r"objectifs?|écrits?|écrit|ajouté|supprimé|signé|terminé|vérifiez|utilisez|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
    r"décembre|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|mensuel|"
    r"jours?|mois|heures?|rapport|personnes?|ligne|colonne)\b", re.IGNORECASE)


#: The pairing criteria, named as the cohort file's `matching.weights` names them.
CRITERIA = {"goals", "objectives", "department", "seniority", "location", "preference",
            "language"}


def data_words(path: Path) -> set[str]:
    """Every word of the cohort's own values (names, titles, goals, reasons...): data."""
    from mentorcli.store.loading import load_cohort

    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.update(w.lower() for w in re.findall(r"\w[\w·'’-]*", value))
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in ("notes", "comments", "description"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(load_cohort(path).data)
    # the criteria of `explain` and `scores` are the keys of `matching.weights`: codes
    found.update(CRITERIA)
    # the column names of the sample people file, which `import` may quote
    sample = (REPO / "cohorts" / "people-sample.csv").read_text(encoding="utf-8-sig")
    found.update(w.lower() for w in re.findall(r"\w[\w·'’-]*", sample.splitlines()[0]))
    return found


def tool_text(text: str, data: set[str]) -> str:
    """The text with what is not the tool's own words taken out: paths, options, quoted or
    back-quoted values, ids, and words of the cohort's data."""
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.DOTALL)  # CSS: code
    text = re.sub(r"<[^>]*>", " ", text)  # HTML tags
    text = re.sub(r"\S*[/\\]\S*|\S+\.(yaml|csv|md|html|ics|xlsx|json)\b", " ", text)
    text = re.sub(r"--?[a-z][\w-]*", " ", text)
    text = re.sub(r"`[^`]*`|'[^'\n]*'|\"[^\"\n]*\"|«[^»]*»|‘[^’]*’|“[^”]*”", " ", text)
    text = re.sub(r"&\w+;", " ", text)
    return " ".join(w for w in re.findall(r"[\w·’'-]+|[^\w\s]", text)
                    if w.lower().strip("’'-") not in data)


def other_words(pattern: re.Pattern[str], text: str, data: set[str], where: str) -> list[str]:
    """['where: [words] in: text'] when `text` holds words of `pattern`, else []."""
    kept = tool_text(text, data)
    found = sorted({m.group(0) for m in pattern.finditer(kept)})
    return [f"{where}: {found} in:\n{text[:1500]}"] if found else []


def answers_file(run, cohort: Path, folder: Path, survey: str, person_email: str) -> Path:
    """An export of the form tools for `survey`, with one respondent."""
    sheet = run(["survey", cohort, survey, "--format", "csv"])
    assert sheet.exit_code == 0, sheet.stderr
    header = next(csv.reader(io.StringIO(sheet.stdout)))
    row = {"ID": "1", "Start time": "2026-06-01 10:00", "Completion time": "2026-06-01 10:05",
           "Email": person_email, "Name": "x"}
    values = [row.get(column, "") for column in header]
    for index, column in enumerate(header):
        if column not in row:
            values[index] = "4" if "(1" in column or "(0" in column else ""
    target = folder / "export.csv"
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerow(values)
    return target


def commands(cohort: Path, folder: Path, ids: dict[str, str]) -> list[tuple[str, list[str]]]:
    """(name, arguments) of every command on `cohort`, success and refusal paths."""
    m, e, m2, e2 = ids["mentor"], ids["mentee"], ids["mentor2"], ids["mentee2"]
    broken = folder / "broken.yaml"
    broken.write_text(cohort.read_text(encoding="utf-8").replace(
        "\nparticipants:\n", "\nparticipants:\n  - id: x\n    role: teacher\n", 1),
        encoding="utf-8")
    base = folder / "base.yaml"
    shutil.copyfile(cohort, base)
    return [
        ("validate", ["validate", cohort]),
        ("validate broken", ["validate", broken]),
        ("validate missing", ["validate", folder / "nowhere.yaml"]),
        ("init", ["init", folder / "new.yaml", "--language", ids["language"]]),
        ("pair dry", ["pair", cohort, "--dry-run"]),
        ("explain", ["explain", cohort, m, e]),
        ("explain unknown", ["explain", cohort, "nobody", e]),
        ("scores", ["scores", cohort]),
        ("approve", ["approve", cohort, "--all", "--date", "2026-02-02"]),
        ("contracts", ["contracts", cohort, "--out", folder / "contracts"]),
        ("contracts html", ["contracts", cohort, "--out", folder / "contracts-html",
                            "--format", "html"]),
        ("sign", ["sign", cohort, m, e, "--by", "mentee", "--date", "2026-03-11"]),
        ("sign unknown", ["sign", cohort, "nobody", e, "--by", "mentee"]),
        ("schedule", ["schedule", cohort, "--out", folder / "calendars"]),
        ("log", ["log", cohort, m, e, "--date", "2026-12-02", "--minutes", "60", "--mode",
                 "video"]),
        ("log unknown", ["log", cohort, "m-bmoro", e, "--date", "2026-12-02"]),
        ("log bad date", ["log", cohort, m, e, "--date", "2026-13-02"]),
        ("goal", ["goal", cohort, m, e, ids["goal"], "--progress", "80"]),
        ("goal unknown", ["goal", cohort, m, e, "nothing-like-it", "--progress", "80"]),
        ("result", ["result", cohort, ids["objective"], "93", "--date", "2026-06-30"]),
        ("report", ["report", cohort, "--as-of", "2026-12-01"]),
        ("report markdown", ["report", cohort, "--as-of", "2026-12-01", "--format",
                             "markdown"]),
        ("report html", ["report", cohort, "--as-of", "2026-12-01", "--format", "html"]),
        ("end", ["end", cohort, m2, e2, "--reason", "x", "--date", "2026-11-30"]),
        ("end again", ["end", cohort, m2, e2, "--reason", "x", "--date", "2026-11-30"]),
        ("import", ["import", cohort, REPO / "cohorts" / "people-sample.csv", "--dry-run"]),
        ("forget preview", ["forget", cohort, ids["forget"]]),
        ("anonymize", ["anonymize", cohort, "--before", "2025-01-01"]),
        ("survey", ["survey", cohort, "mid-mentee"]),
        ("survey html", ["survey", cohort, "mid-mentee", "--format", "html"]),
        ("supervise", ["supervise", cohort, m, "--date", "2026-04-02", "--minutes", "45",
                       "--topic", "x"]),
        ("train", ["train", cohort, m, "--date", "2026-01-20", "--title", "x"]),
        ("concern", ["concern", cohort, "c-new", "--mentor", m, "--mentee", e, "--severity",
                     "medium", "--follow-up", "2026-12-20"]),
        ("concern no one", ["concern", cohort, "c-other"]),
        ("evaluate", ["evaluate", cohort, "--as-of", "2026-12-01"]),
        ("evaluate markdown", ["evaluate", cohort, "--as-of", "2026-12-01", "--format",
                               "markdown"]),
        ("merge-file", ["merge-file", base, cohort, base]),
        ("unknown lang", ["--lang", "xx", "validate", cohort]),
    ]


#: Commands that stop before any cohort is read: they follow the locale, not the cohort.
BEFORE_ANY_COHORT = {"validate missing", "unknown lang"}


FRENCH_IDS = {"language": "fr", "mentor": "mbeaumont", "mentee": "lchevalier",
              "mentor2": "kbenali", "mentee2": "cmercier", "goal": "negociation-annuelle",
              "objective": "fidelisation", "forget": "akone"}
ENGLISH_IDS = {"language": "en", "mentor": "dkim", "mentee": "jmorales",
               "mentor2": "mokafor", "mentee2": "sobrien", "goal": "ops-dashboard",
               "objective": "ai-adoption", "forget": "klange"}


def written_documents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (
        ".md", ".html", ".ics") and p.parent != folder)


@pytest.mark.parametrize(("source", "ids", "pattern", "env", "lang"), [
    (FRENCH, FRENCH_IDS, ENGLISH_WORDS, {}, None),
    (ENGLISH, ENGLISH_IDS, FRENCH_WORDS, {}, None),
    # the cohort's language wins over the locale
    pytest.param(ENGLISH, ENGLISH_IDS, FRENCH_WORDS,
                 {"LC_ALL": "fr_FR.UTF-8", "LANG": "fr_FR.UTF-8"}, None,
                 marks=pytest.mark.slow),  # test_i18n checks the rule itself, quickly
    # --lang wins over the cohort's language: clean documents in the other language
    (FRENCH, FRENCH_IDS, FRENCH_WORDS, {}, "en"),
    (ENGLISH, ENGLISH_IDS, ENGLISH_WORDS, {}, "fr"),
], ids=["french-cohort", "english-cohort", "english-cohort-french-locale",
        "french-cohort-lang-en", "english-cohort-lang-fr"])
def test_every_command_speaks_the_cohort_language(run, tmp_path, source, ids, pattern, env,
                                                   lang, monkeypatch):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    cohort = tmp_path / "cohort.yaml"
    shutil.copyfile(source, cohort)
    data = data_words(cohort)
    export = answers_file(run, cohort, tmp_path, "mid-mentee", "x@example.com")
    steps = commands(cohort, tmp_path, ids)
    steps.insert(-2, ("answers unknown", ["answers", cohort, "mid-mentee", export]))
    problems: list[str] = []
    for name, args in steps:
        if lang and name == "unknown lang":
            continue
        result = run(["--lang", lang, *args] if lang else args)
        if not lang and name in BEFORE_ANY_COHORT:
            continue  # no cohort read: the locale's language (C: English)
        assert result.exit_code != 3, (name, result.stderr)
        problems += other_words(pattern, result.stdout, data, f"{name} (stdout)")
        problems += other_words(pattern, result.stderr, data, f"{name} (stderr)")
    documents = written_documents(tmp_path)
    assert len(documents) >= 3
    for document in documents:
        text = document.read_text(encoding="utf-8")
        if document.suffix == ".ics":
            text = re.sub(r"\r?\n[ \t]", "", text)  # unfold the folded lines
        problems += other_words(pattern, text, data, document.name)
    assert not problems, "\n\n".join(problems)


def test_the_word_lists_catch_the_other_language():
    """The check itself: an English sentence is caught in French output and the reverse; data
    words and paths are not."""
    data = {"lchevalier", "martine"}
    assert ENGLISH_WORDS.search(tool_text("3 contracts written", data))
    assert not ENGLISH_WORDS.search(tool_text("3 contrats écrits dans /tmp/the/file.md", data))
    assert FRENCH_WORDS.search(tool_text("3 contrats écrits", data))
    assert not FRENCH_WORDS.search(tool_text("met Martine at 'la défense' (--date)", data))


def test_the_readme_french_session_prints_what_it_shows(run, tmp_path, monkeypatch):
    """README.md, Languages: the French session on the shipped example, line by line (the
    no-break spaces of French typography shown as spaces)."""
    import shlex

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Languages\n", 1)[1].split("\n## ", 1)[0]
    block = re.findall(r"```console\n(.*?)```", section, re.S)[0]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MENTORCLI_TODAY", "2026-12-07")
    examples = re.findall(r"^\$ (.*)\n((?:(?!\$ ).*\n)*)", block, re.M)
    assert len(examples) == 7 and examples[0][0].startswith("cp ")
    shutil.copyfile(FRENCH, tmp_path / "mentorat.yaml")
    for line, shown in examples[1:]:
        result = run(shlex.split(line)[1:])
        said = (result.stderr + result.stdout).replace("\u00a0", " ").replace("\u202f", " ")
        assert sorted(said.splitlines()) == sorted(shown.splitlines()), (line, said)
    english = (tmp_path / "en" / "jblefevre-dupont--lfitzgerald.md").read_text(encoding="utf-8")
    assert not FRENCH_WORDS.search(tool_text(english, data_words(tmp_path / "mentorat.yaml")))


@pytest.mark.parametrize(("args", "french"), [
    (["log", "{cohort}", "--bogus"], "l’option --bogus n’existe pas"),
    (["pair", "{cohort}", "--format", "foo"], "valeur invalide pour « --format »"),
    (["evaluate", "{cohort}", "--as-of", "2026-13-01"], "une date comme 2026-02-03 est attendue"),
    (["pair", "--history", "{english}", "{cohort}", "--bogus"], "l’option --bogus n’existe pas"),
])
def test_what_is_said_before_the_cohort_is_loaded_is_in_its_language(run, args, french):
    """Click's usage errors and bad option values come before the command reads its cohort:
    the CLI reads the cohort file's `language:` line first (not `--history`'s file)."""
    words = [a.format(cohort=FRENCH, english=ENGLISH) for a in args]
    result = run(words)
    assert result.exit_code == 2
    assert french in result.stderr.replace("\u00a0", " ").replace("\u202f", " ")
    english = run(["--lang", "en", *words])
    assert not FRENCH_WORDS.search(english.stderr), english.stderr

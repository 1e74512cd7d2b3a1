"""Evaluation, supervision and support in the coordinator's language (issue 13): `survey`,
`answers`, `supervise`, `train`, `concern`, `outcomes` and `evaluate` speak the catalog of
`mentorcli.i18n.language()` (--lang, MENTORCLI_LANG, the cohort's language, the locale), on a
French and on an English cohort, with and without `--lang`; codes (JSON keys, CSV columns)
never change with the language; small groups stay hidden in every language."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FRENCH = REPO / "cohorts" / "mentorat-managers-2026.yaml"
ENGLISH = REPO / "cohorts" / "reverse-digital-2026.yaml"
NBSP, NNBSP = "\u00a0", "\u202f"
FORMATS = ("table", "markdown", "csv", "json", "html")

# Words of the catalog only (never of the example cohorts' data: names, objective titles,
# survey answers), one list per language.
ENGLISH_WORDS = ("Programme evaluation", "Pairs started", "Meetings", "hidden (small group)",
                 "% interval", "Surveys", "Concerns", "Indicator", "Target", "mentees",
                 "Mid-programme", "End of programme", "Supervision and training",
                 "small-group rule", "recorded", "response", "training of", "opened",
                 "follow-up on", "participants", " the ", "Yes", "required", "Name",
                 "confidential", "survey", "stage", "nothing was", "error",
                 "warning", "row ", "column ")
FRENCH_WORDS = ("Évaluation", "Binômes", "binôme", "Rencontres", "masqué", "intervalle",
                "Questionnaires", "Difficultés", "difficulté", "Indicateur", "Cible",
                "mentoré", "Mi-parcours", "Fin de programme", "petits groupes",
                "enregistré", "réponse", "formation", "ouverte", "suivi le", "participant·es",
                " le ", " les ", "Oui", "obligatoire", "Nom", "confidentielles", "étape",
                "titre", "rien n’a", "ligne ", "colonne ", "personne", "é")


def _copy(tmp_path: Path, source: Path) -> Path:
    target = tmp_path / source.name
    shutil.copyfile(source, target)
    return target


def typeset(text: str) -> str:
    """French typography of a sentence written with plain spaces (docs/languages.md)."""
    return (text.replace(" :", NBSP + ":").replace(" ;", NNBSP + ";")
            .replace(" ?", NNBSP + "?").replace("« ", "«" + NBSP).replace(" »", NBSP + "»"))


def _said(result) -> str:
    return result.stdout + result.stderr


def _no_words(text: str, words: tuple[str, ...], allowed: tuple[str, ...] = ()) -> None:
    for allowed_text in allowed:  # data of the cohort (names, titles) may hold any word
        text = text.replace(allowed_text, "")
    found = [w for w in words if w in text]
    assert not found, (found, text[:3000])


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORCLI_TODAY", "2026-12-07")


# French cohort data that reaches the evaluation's outputs (its name, objective titles, its
# unit "personnes", survey titles it does not have): removed before looking for French words
# in an English report of it.
FRENCH_DATA = ("Mentorat des managers 2026", "Renforcer le leadership des managers de première "
               "ligne", "Fidéliser les managers à potentiel", "Favoriser la mobilité interne",
               "Plus de femmes dans les comités de direction de site", "personnes",
               "mentorat-managers-2026")
ENGLISH_DATA = ("Reverse mentoring 2026: digital, AI and social media",
                "Senior leaders use AI assistants in their daily work",
                "Visible leaders on the intranet and on social media",
                "Keep and grow young talent", "people", "reverse-digital-2026")


# ------------------------------------------------------------------ evaluate


@pytest.mark.parametrize("fmt", ("table", "markdown", "html"))
def test_evaluate_a_french_cohort_in_french_and_in_english(run, fmt):
    french = run(["evaluate", FRENCH, "--format", fmt, "--as-of", "2026-12-07"])
    assert french.exit_code == 0, french.stderr
    _no_words(_said(french), ENGLISH_WORDS, FRENCH_DATA + ENGLISH_DATA + ("Engagement",))
    assert "Binômes démarrés" in french.stdout
    english = run(["--lang", "en", "evaluate", FRENCH, "--format", fmt, "--as-of",
                   "2026-12-07"])
    assert english.exit_code == 0, english.stderr
    _no_words(_said(english), FRENCH_WORDS, FRENCH_DATA)
    assert "Pairs started" in english.stdout
    assert "Mid-programme · mentors · satisfaction (mean 1-5)" in english.stdout
    assert "hidden (small group)" in english.stdout  # 4 mentors answered: still hidden


@pytest.mark.parametrize("fmt", ("table", "markdown", "html"))
def test_evaluate_an_english_cohort_in_english_and_in_french(run, fmt, monkeypatch):
    english = run(["evaluate", ENGLISH, "--format", fmt, "--as-of", "2026-12-07"])
    assert english.exit_code == 0, english.stderr
    _no_words(_said(english), FRENCH_WORDS, ENGLISH_DATA + ("Amélie",))
    french = run(["--lang", "fr", "evaluate", ENGLISH, "--format", fmt, "--as-of",
                  "2026-12-07"])
    assert french.exit_code == 0, french.stderr
    _no_words(_said(french), ENGLISH_WORDS, ENGLISH_DATA + ("Engagement",))
    assert "masqué (petit groupe)" in french.stdout  # 2 pairs: every average hidden
    monkeypatch.setenv("MENTORCLI_LANG", "fr")  # the variable says it as --lang does
    assert run(["evaluate", ENGLISH, "--format", fmt, "--as-of", "2026-12-07"]).stdout == \
        french.stdout


def test_exact_french_sentences_of_the_evaluation(run):
    result = run(["--lang", "fr", "evaluate", ENGLISH, "--as-of", "2026-12-07"])
    lines = result.stdout.splitlines()
    assert lines[0] == (f"Évaluation du programme{NBSP}: Reverse mentoring 2026: digital, AI "
                        "and social media (au 7 décembre 2026)")
    assert lines[1] == ("Les chiffres portant sur moins de 5 personnes sont masqués (règle des "
                        "petits groupes).")
    assert f"intervalle à 95{NNBSP}%" in lines[4]
    english = run(["--lang", "en", "evaluate", FRENCH, "--as-of", "2026-12-07"])
    assert english.stdout.splitlines()[0] == ("Programme evaluation: Mentorat des managers "
                                              "2026 (as of 2026-12-07)")
    assert "Retention · difference (points)" in english.stdout
    assert "[-32.5, 24.6]" in english.stdout


def test_json_keys_and_csv_columns_do_not_change_with_the_language(run):
    def shape(value):
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items() if k != "label"}
        if isinstance(value, list):
            return [shape(v) for v in value]
        return value

    outputs = {}
    for lang in ("en", "fr"):
        result = run(["--lang", lang, "evaluate", FRENCH, "--format", "json", "--as-of",
                      "2026-12-07"])
        assert result.exit_code == 0, result.stderr
        outputs[lang] = json.loads(result.stdout)
    assert (outputs["en"]["language"], outputs["fr"]["language"]) == ("en", "fr")
    # same keys, same codes and figures; only the labels (human text) and the language differ
    assert shape(outputs["en"]["cohorts"]) == shape(outputs["fr"]["cohorts"])
    labels = {lang: {i["key"]: i["label"] for i in out["cohorts"][0]["indicators"]}
              for lang, out in outputs.items()}
    assert labels["en"]["engagement.pairs"] == "Pairs started"
    assert labels["fr"]["engagement.pairs"] == "Binômes démarrés"
    hidden = {lang: {i["key"]: (i["value"], i["suppressed"])
                     for i in out["cohorts"][0]["indicators"]} for lang, out in outputs.items()}
    assert hidden["en"]["surveys.mid.mentor.satisfaction"] == (None, True)
    assert hidden["fr"]["surveys.mid.mentor.satisfaction"] == (None, True)
    tables = {}
    for lang in ("en", "fr"):
        result = run(["--lang", lang, "evaluate", FRENCH, "--format", "csv", "--as-of",
                      "2026-12-07"])
        tables[lang] = list(csv.reader(io.StringIO(result.stdout)))
    assert tables["en"][0] == tables["fr"][0] == [
        "cohort", "section", "key", "label", "value", "n", "count", "low", "high", "target",
        "unit", "source", "suppressed"]
    label = tables["en"][0].index("label")
    assert [row[:label] + row[label + 1:] for row in tables["en"]] == \
        [row[:label] + row[label + 1:] for row in tables["fr"]]
    value = tables["fr"][0].index("value")
    assert {row[2]: row[value] for row in tables["fr"]}["surveys.mid.mentee.satisfaction"] \
        == "3.8333"  # a dot in every language


def test_small_groups_stay_hidden_in_every_language(run):
    for lang, words in (("en", "hidden (small group)"), ("fr", "masqué (petit groupe)")):
        for fmt in FORMATS:
            result = run(["--lang", lang, "evaluate", FRENCH, "--format", fmt, "--as-of",
                          "2026-12-07"])
            assert result.exit_code == 0, result.stderr
            if fmt in ("table", "markdown", "html"):
                assert words in result.stdout
            for line in result.stdout.splitlines():
                if "surveys.mid.mentor.satisfaction" in line and fmt == "csv":
                    assert line.endswith(",true") and ",4," in line
                    assert "4.25" not in line and "4,25" not in line


# ------------------------------------------------------------------ survey


def test_the_questionnaire_follows_the_language(run):
    french = run(["survey", FRENCH, "end-mentee"])
    assert french.exit_code == 0, french.stderr
    assert "(obligatoire)" in french.stdout and "☐ Oui   ☐ Non" in french.stdout
    assert f"**Nom**{NBSP}: ____" in french.stdout
    assert "Vos réponses écrites sont confidentielles" in french.stdout
    _no_words(french.stdout, ("(required)", "Yes", "Name", "confidential"))
    # a French cohort with --lang en: the English survey, English words, no French at all
    english = run(["--lang", "en", "survey", FRENCH, "end-mentee"])
    assert english.exit_code == 0, english.stderr
    assert english.stdout.startswith("# End-of-programme questionnaire (mentees)\n")
    _no_words(english.stdout, FRENCH_WORDS, ("Mentorat des managers 2026",))
    assert "**Name**: ______________________    **Email or employee number**: " in \
        english.stdout
    assert "☐ Yes   ☐ No" in english.stdout
    # an English cohort with --lang fr: the French survey
    on_english = run(["--lang", "fr", "survey", ENGLISH, "end-mentee", "--format", "html"])
    assert on_english.exit_code == 0, on_english.stderr
    assert "<html lang=fr>" in on_english.stdout
    assert "êtes-vous satisfait·e du programme de mentorat" in on_english.stdout
    _no_words(on_english.stdout, ("(required)", "☐ Yes<", "☐ No<", "Name", "confidential",
                                  "How ", "What "))
    assert "<html lang=en>" in run(["survey", ENGLISH, "end-mentee", "--format",
                                    "html"]).stdout


def test_the_list_of_surveys_and_customize_follow_the_language(run, tmp_path):
    listed = run(["--lang", "en", "survey", FRENCH])
    assert listed.stdout.splitlines()[0].split() == ["id", "stage", "role", "questions",
                                                     "title"]
    _no_words(listed.stdout, FRENCH_WORDS)
    listed = run(["--lang", "fr", "survey", ENGLISH])
    assert listed.stdout.splitlines()[0].split() == ["id", "étape", "rôle", "questions",
                                                     "titre"]
    path = _copy(tmp_path, ENGLISH)
    done = run(["--lang", "fr", "survey", path, "--customize"])
    assert done.exit_code == 0, done.stderr
    assert done.stderr == f"4 questionnaires copiés dans {path} (surveys:){NNBSP}; " \
                          "modifiez-les là\n"
    again = run(["survey", path, "--customize"])
    assert again.stderr == "the file already has its own `surveys:`; edit them there\n"


# ------------------------------------------------------------------ answers


def _export(tmp_path: Path, header_texts: list[str], rows: list[list[str]]) -> Path:
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Email", *header_texts])
        writer.writerows(rows)
    return path


def _question_texts(run, cohort: Path, lang: str, survey: str) -> list[str]:
    sheet = run(["--lang", lang, "survey", cohort, survey, "--format", "csv"]).stdout
    return next(csv.reader(io.StringIO(sheet)))[5:]


def test_answers_read_a_questionnaire_of_either_language(run, tmp_path):
    path = _copy(tmp_path, FRENCH)
    english_texts = _question_texts(run, path, "en", "end-mentor")
    assert english_texts[0].startswith("Overall")
    export = _export(tmp_path, english_texts[:4], [
        ["martine.beaumont@example.com", "5", "4", "yes", "9"]])
    # a French cohort, an export of the English questionnaire: read, said in French
    result = run(["answers", path, "end-mentor", export, "--date", "2026-12-05"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"1 réponse au questionnaire end-mentor enregistrée depuis "
                             f"{export}\n")
    french_texts = _question_texts(run, path, "fr", "end-mentor")
    export = _export(tmp_path, french_texts[:4], [
        ["eloise.ndiaye@example.com", "4", "4", "oui", "8"],
        ["francois.girard@example.com", "5", "5", "non", "10"]])
    result = run(["--lang", "en", "answers", path, "end-mentor", export, "--date",
                  "2026-12-05"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"recorded 2 responses to end-mentor from {export}\n"


def test_an_export_of_the_earlier_french_questionnaire_is_still_read(run, tmp_path):
    """The shipped French questions now use the typographic apostrophe; an export of a
    questionnaire printed before (a straight one) names the same questions."""
    path = _copy(tmp_path, FRENCH)
    texts = _question_texts(run, path, "fr", "end-mentor")
    assert texts[0].startswith("Dans l’ensemble, êtes-vous satisfait·e")
    export = _export(tmp_path, [texts[0].replace("’", "'"), "Identifiant"],
                     [["martine.beaumont@example.com", "4", "x"]])
    result = run(["answers", path, "end-mentor", export, "--date", "2026-12-05"])
    assert result.exit_code == 0, result.stderr
    assert "    answers: {satisfaction: 4}\n" in path.read_text(encoding="utf-8")


def test_answer_errors_in_french_and_in_english(run, tmp_path):
    path = _copy(tmp_path, FRENCH)
    texts = _question_texts(run, path, "fr", "end-mentor")
    export = _export(tmp_path, texts[:4], [["nobody@example.com", "9", "4", "oui", "8"],
                                           ["martine.beaumont@example.com", "9", "4", "oui",
                                            "8"]])
    before = path.read_text(encoding="utf-8")
    french = run(["answers", path, "end-mentor", export])
    assert french.exit_code == 2
    assert french.stderr.splitlines() == [typeset(line) for line in [
        f"{export}: ligne 2 : « nobody@example.com » n’est pas participant·e de la "
        "cohorte (recherche par e-mail ou matricule)",
        f"{export}: ligne 3, colonne B (satisfaction) : « 9 » n’est pas un nombre entier "
        "de 1 à 5",
        f"rien n’a été enregistré : 2 problèmes dans {export} ; corrigez l’export "
        "et importez-le à nouveau"]]
    english = run(["--lang", "en", "answers", path, "end-mentor", export])
    assert english.exit_code == 2
    assert english.stderr.splitlines()[-1] == (
        f"nothing was recorded: 2 problems in {export}; fix the export and import it again")
    _no_words(english.stderr, FRENCH_WORDS)
    assert path.read_text(encoding="utf-8") == before
    unknown = run(["answers", path, "end-mentors", export])
    assert unknown.stderr == typeset("pas de questionnaire « end-mentors » (vouliez-vous dire "
                                     "« end-mentor » ?) ; questionnaires : mid-mentee, "
                                     "mid-mentor, end-mentee, end-mentor\n")


# ------------------------------------------------------------------ supervise, train


def test_supervise_and_train_on_a_french_cohort(run, tmp_path):
    path = _copy(tmp_path, FRENCH)
    result = run(["supervise", path, "mbeaumont", "fgirard", "--date", "2026-12-01"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "supervision collective de mbeaumont, fgirard le 1er décembre 2026 " \
                            "enregistrée\n"
    result = run(["--lang", "en", "supervise", path, "endiaye", "--date", "2026-12-02"])
    assert result.stderr == "recorded an individual supervision of endiaye on 2026-12-02\n"
    result = run(["train", path, "mbeaumont", "--date", "2026-12-03", "--title",
                  "Écoute active"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "formation du 3 décembre 2026 enregistrée pour mbeaumont\n"
    future = run(["supervise", path, "mbeaumont", "--date", "2027-01-05"])
    assert future.exit_code == 2
    assert future.stderr == typeset("--date 2027-01-05 : une supervision s’enregistre une "
                                    "fois qu’elle a eu lieu (nous sommes le 7 décembre 2026)\n")
    english = run(["--lang", "en", "supervise", path, "mbeaumont", "--date", "2027-01-05"])
    assert english.stderr == ("--date 2027-01-05: a supervision is recorded once it took "
                              "place (today is 2026-12-07)\n")


def test_supervise_and_train_on_an_english_cohort(run, tmp_path):
    path = _copy(tmp_path, ENGLISH)
    result = run(["supervise", path, "dkim", "--date", "2026-12-01"])
    assert result.stderr == "recorded an individual supervision of dkim on 2026-12-01\n"
    result = run(["--lang", "fr", "supervise", path, "mokafor", "--date", "2026-12-01"])
    assert result.stderr == "supervision individuelle de mokafor le 1er décembre 2026 enregistrée\n"
    result = run(["train", path, "dkim", "--date", "2026-12-02", "--title", "Listening"])
    assert result.stderr == "recorded the training of 2026-12-02 for dkim\n"
    result = run(["--lang", "fr", "train", path, "dkim", "--date", "2026-12-02", "--title",
                  "Listening"])
    assert result.exit_code == 2
    assert result.stderr == typeset("la formation « Listening » du 2 décembre 2026 est déjà "
                                    "enregistrée\n")


# ------------------------------------------------------------------ concern, outcomes


def test_concerns_in_french_and_in_english(run, tmp_path):
    path = _copy(tmp_path, FRENCH)
    result = run(["concern", path, "c-test", "--mentor", "mbeaumont", "--mentee",
                  "lchevalier", "--severity", "high", "--follow-up", "2026-12-20",
                  "--description", "PLANTED-SECRET"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("difficulté c-test ouverte (gravité élevée), suivi le "
                             "20 décembre 2026\n")
    result = run(["--lang", "en", "concern", path, "c-test", "--resolve"])
    assert result.stderr == "concern c-test resolved on 2026-12-07\n"
    result = run(["concern", path, "c-test", "--resolve"])
    assert result.exit_code == 2
    assert result.stderr == typeset("la difficulté « c-test » est déjà résolue (7 décembre 2026)\n")
    result = run(["concern", path, "c-other"])
    assert result.stderr == typeset("dites qui la difficulté concerne : --person ID, ou "
                                    "--mentor ID --mentee ID\n")
    (tmp_path / "en").mkdir()
    english = _copy(tmp_path / "en", ENGLISH)
    result = run(["concern", english, "c-1", "--person", "dkim"])
    assert result.stderr == "concern c-1 opened (medium)\n"
    result = run(["--lang", "fr", "concern", english, "c-2", "--person", "dkim"])
    assert result.stderr == "difficulté c-2 ouverte (gravité moyenne)\n"
    assert "PLANTED-SECRET" not in _said(run(["evaluate", path, "--format", "json"]))


def test_outcomes_in_french_and_in_english(run, tmp_path):
    path = _copy(tmp_path, FRENCH)
    export = tmp_path / "sirh.csv"
    export.write_text("Matricule,En poste\n004512,oui\n999001,oui\n", encoding="utf-8")
    result = run(["outcomes", path, export, "--date", "2026-12-05"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [typeset(line) for line in [
        f"{export}: ligne 3 : « 999001 » n’est pas participant·e (ajoutez --comparison pour "
        "importer les autres lignes comme groupe témoin)",
        f"rien n’a été enregistré : 1 problème dans {export}"]]
    result = run(["outcomes", path, export, "--date", "2026-12-05", "--comparison"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("résultats enregistrés pour 1 participant·e et 1 personne du "
                             "groupe témoin\n")
    result = run(["--lang", "en", "outcomes", path, export, "--date", "2026-12-05",
                  "--comparison"])
    assert result.stderr == ("recorded outcomes of 1 participant and 1 person of the "
                             "comparison group (2 replaced)\n")
    result = run(["outcomes", path, export, "--date", "2026-12-05", "--comparison"])
    assert result.stderr == ("résultats enregistrés pour 1 participant·e et 1 personne du "
                             "groupe témoin (2 remplacés)\n")


# ------------------------------------------------------------------ checks of the file


def test_the_checks_of_the_evaluation_sections_speak_the_language(run, tmp_path):
    path = _copy(tmp_path, FRENCH)
    text = path.read_text(encoding="utf-8").replace(
        "  - survey: mid-mentor\n    person: mbeaumont",
        "  - survey: mid-mentors\n    person: mbeaumont", 1)
    path.write_text(text, encoding="utf-8")
    french = run(["validate", path])
    assert french.exit_code == 2
    assert typeset("« mid-mentors » n’est pas un questionnaire (vouliez-vous dire "
                   "« mid-mentor » ?)") in french.stderr + french.stdout
    english = run(["--lang", "en", "validate", path])
    assert "'mid-mentors' is not a survey (did you mean 'mid-mentor'?)" in \
        english.stderr + english.stdout


# ------------------------------------------------------------------ --help


@pytest.mark.parametrize("command", ("survey", "answers", "supervise", "train", "concern",
                                     "outcomes", "evaluate"))
def test_the_help_of_the_evaluation_commands_in_french(run, command):
    french = run(["--lang", "fr", command, "--help"])
    assert french.exit_code == 0, french.stderr
    _no_words(french.stdout.split("Exemple")[0],
              ("Record", "Write", "The ", "Day of", "default: today", "Open a"))
    english = run([command, "--help"])
    assert english.exit_code == 0
    assert "Example:" in english.stdout
    _no_words(english.stdout, ("Enregistrer", "Écrire", "par défaut", "Jour", "é"))


def test_exact_french_help_of_evaluate(run):
    result = run(["--lang", "fr", "evaluate", "--help"])
    said = re.sub(r"[ \n]+", " ", result.stdout)  # the lines joined (no-break spaces kept)
    assert "L’évaluation du programme : objectifs et cibles, engagement, questionnaires" \
        .replace(" :", NBSP + ":") in said
    assert "État à ce jour (par défaut : aujourd’hui).".replace(" :", NBSP + ":") in said


def test_cohorts_side_by_side_speak_the_first_ones_language(run):
    french_first = run(["evaluate", FRENCH, ENGLISH, "--as-of", "2026-12-07"])
    assert french_first.exit_code == 0, french_first.stderr
    assert french_first.stdout.startswith(f"Évaluation du programme{NBSP}: Mentorat des "
                                          "managers 2026, Reverse mentoring 2026")
    english_first = run(["evaluate", ENGLISH, FRENCH, "--as-of", "2026-12-07"])
    assert english_first.stdout.startswith("Programme evaluation: Reverse mentoring 2026")
    _no_words(english_first.stdout, FRENCH_WORDS, FRENCH_DATA + ENGLISH_DATA)
    assert run(["--lang", "en", "evaluate", FRENCH, ENGLISH, "--as-of", "2026-12-07"]
               ).stdout.startswith("Programme evaluation: Mentorat des managers 2026")


def test_the_shipped_surveys_differ_only_in_their_texts():
    """Which language's surveys apply follows --lang; the evaluation, the checks and the
    answers read ids, kinds and measures only, so they must be the same in every language."""
    from mentorcli.evaluation.surveys import shipped_languages, shipped_surveys

    assert shipped_languages() == ("en", "fr")

    def shape(code: str) -> list:
        return [(s.id, s.stage, s.role, [(q.id, q.kind, q.measure, q.required, len(q.options))
                                         for q in s.questions]) for s in shipped_surveys(code)]

    assert shape("en") == shape("fr")
    assert [s.title for s in shipped_surveys("en")] != [s.title for s in shipped_surveys("fr")]

"""`mentorcli report` speaks the catalogs' language (issue 13): `--lang en` on a French cohort
gives an English report with no French word in any format, `--lang fr` on an English cohort a
French one with no English sentence, and the codes of the machine formats (JSON keys and
codes, CSV columns) are the same in every language.

The shipped cohorts' own text (names, emails, objective titles, units, end reasons) is data,
not the tool's words: it is taken out of the output before the words of the other language
are looked for (`tool_text`)."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml
from terminal import run_on_terminal

from mentorcli.reports.render import CSV_COLUMNS

REPO = Path(__file__).resolve().parent.parent
FRENCH = REPO / "cohorts" / "mentorat-managers-2026.yaml"
ENGLISH = REPO / "cohorts" / "reverse-digital-2026.yaml"
MENTORCLI = str(Path(sys.executable).parent / "mentorcli")
FORMATS = ("table", "markdown", "html", "csv", "json", "xlsx")
NBSP, NNBSP = "\u00a0", "\u202f"
AS_OF = ("--as-of", "2026-10-15")

FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre")
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")
#: Words of the French report that an English one must not hold.
FRENCH_WORDS = (*FRENCH_MONTHS, " le ", " les ", " des ", " du ", " au ", " sur ", "rencontre",
                "inôme", "mentoré", "bjectif", "Période", "Situation", "Santé", "Motif",
                "aucun", "Rapport", "Seuils", "oui", "non ", "retard", "risque", "inactif",
                "terminé", "proposé", "Courriel", "Début", "mensuel", "Coordination")
#: Words of the English report that a French one must not hold.
ENGLISH_WORDS = (*ENGLISH_MONTHS, " the ", "the ", "meeting", "Meeting", "pair ", "Pair",
                 "Period", "As of", "Progress", "Reason", "Health", "mentee", "Mentee",
                 " of ", "expected", "missing", " yes", " no ", "none", "behind", "at risk",
                 "on track", "inactive", "ended", "proposed", "waiting", "Threshold",
                 "Objective", "Started", "Hours", "Email", "cadence", "every two weeks",
                 "Coordinator", "Nothing", "Generated", "Participants", "Programme objectives")


def data_strings(cohort: Path) -> list[str]:
    """The cohort's own text that a report may show: names, emails, ids, objective titles and
    units, end reasons, exceptions, the cohort's name (longest first), and the objective
    titles as the chart cuts them."""
    data = yaml.safe_load(cohort.read_text(encoding="utf-8"))
    found: set[str] = set()
    keys = {"name", "email", "id", "title", "unit", "end_reason", "exception", "text",
            "employee_id", "mentor", "mentee"}

    def walk(value, key=None):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in keys:
            found.add(value)
            if key == "title" and len(value) > 32:
                found.add(value[:31] + "…")

    walk(data)
    return sorted(found, key=len, reverse=True)


def xlsx_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [str(c.value) for ws in book for row in ws.iter_rows() for c in row
             if c.value is not None]
    return "\n".join([*book.sheetnames, *cells])


def said(run, cohort: Path, fmt: str, *args: str, lang: str | None = None,
         env: dict[str, str] | None = None) -> str:
    """The report as text in `fmt` (the xlsx workbook as its sheet names and cells)."""
    argv = [*(("--lang", lang) if lang else ()), "report", str(cohort), "--format", fmt,
            *args]
    if fmt == "xlsx":
        argv += ["-o", "-"]
    result = run(argv, env=env)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return xlsx_text(result.stdout_bytes) if fmt == "xlsx" else result.stdout


def tool_text(text: str, fmt: str, cohort: Path) -> str:
    """The output without its markup and without the cohort's own text."""
    if fmt == "html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", text.split("<body>", 1)[1]))
    if fmt == "markdown":
        text = text.replace("\\", "")
    for value in data_strings(cohort):
        text = text.replace(value, " ")
    return text.replace(NBSP, " ").replace(NNBSP, " ")


def words_found(text: str, words: tuple[str, ...]) -> list[str]:
    """The `words` in `text`: a month name as a whole word ("mai" is not in "email"), the
    others as written (" le ", "inôme" for binôme and Binômes)."""
    return [w for w in words
            if (re.search(rf"\b{w}\b", text) if w in FRENCH_MONTHS + ENGLISH_MONTHS
                else w in text)]


# ------------------------------------------------------------------ both directions


#: As of mid-October; as of December (supervision, concerns and unsigned contracts due); and
#: anonymised (reasons withheld).
CASES = [AS_OF, ("--as-of", "2026-12-01"), ("--as-of", "2026-12-01", "--anonymize")]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("args", CASES)
def test_english_report_of_a_french_cohort_has_no_french_word(run, fmt, args):
    text = tool_text(said(run, FRENCH, fmt, *args, lang="en"), fmt, FRENCH)
    assert words_found(text, FRENCH_WORDS) == []
    assert not re.search(r"[éèêàùçôîœÉÀ]", text), re.search(r".{30}[éèêàùçôîœÉÀ].{30}", text)


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "xlsx"])
@pytest.mark.parametrize("args", CASES)
def test_french_report_of_an_english_cohort_has_no_english_word(run, fmt, args):
    text = tool_text(said(run, ENGLISH, fmt, *args, lang="fr"), fmt, ENGLISH)
    assert words_found(text, ENGLISH_WORDS) == []


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "xlsx"])
def test_a_month_report_names_its_month_in_the_language_asked(run, fmt):
    english = tool_text(said(run, FRENCH, fmt, "--month", "2026-06", lang="en"), fmt, FRENCH)
    assert words_found(english, FRENCH_WORDS) == []
    french = tool_text(said(run, ENGLISH, fmt, "--month", "2026-06", lang="fr"), fmt, ENGLISH)
    assert words_found(french, ENGLISH_WORDS) == []
    if fmt != "xlsx":
        assert "June 2026" in english and "juin 2026" in french


def test_on_a_terminal_too():
    """The rich tables of a terminal speak the language asked (NO_COLOR: plain text)."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(NO_COLOR="1", TERM="xterm", LC_ALL="C.UTF-8", LANG="C.UTF-8")
    env.pop("MENTORCLI_LANG", None)
    english = run_on_terminal([MENTORCLI, "--lang", "en", "report", str(FRENCH), *AS_OF],
                              env, 160)
    assert "Pairs needing attention (worst first)" in english
    assert words_found(tool_text(english, "table", FRENCH), FRENCH_WORDS) == []
    french = run_on_terminal([MENTORCLI, "--lang", "fr", "report", str(ENGLISH), *AS_OF],
                             env, 160)
    assert "Binômes à suivre (les plus urgents d’abord)" in french
    assert words_found(tool_text(french, "table", ENGLISH), ENGLISH_WORDS) == []


# ------------------------------------------------------------------ exact words


def test_french_headings_of_an_english_cohort(run):
    text = said(run, ENGLISH, "markdown", "--as-of", "2026-06-15", lang="fr")
    lines = text.splitlines()
    assert lines[0] == f"# Rapport de suivi{NBSP}: Reverse mentoring 2026: digital, AI and " \
                       "social media"
    assert lines[2] == (f"Situation au 15 juin 2026 · Période{NBSP}: du 2 février 2026 au "
                        f"15 juin 2026 (depuis le début du programme) · rythme{NBSP}: toutes "
                        "les deux semaines")
    for heading in ("## Programme", "## Objectifs du programme",
                    "## Binômes à suivre (les plus urgents d’abord)", "## Binômes",
                    "## Personnes mentorées sans mentor"):
        assert heading in lines, heading
    assert "| Mentor | Mentoré·e | Santé | Motif |" in lines
    assert "| Mentor | Mentoré·e | Début | Tenues / attendues | Dernière rencontre | Jours " \
           "depuis | Heures | Avancement | Note mentor / mentoré·e | Contrat signé | Santé | " \
           "Motif |" in lines
    assert "| Participant·es | 16 (7 mentors, 9 mentoré·es) |" in lines
    assert f"| Satisfaction moyenne (de 1 à 5) | 4,53 (mentors 4,44{NNBSP}; mentoré·es 4,6) |" \
        in lines
    assert f"| Objectifs de binôme atteints (à 100{NNBSP}%) | 33,3{NNBSP}% (1 sur 3) |" in lines
    assert "| Maya Okafor | Siobhán O'Brien | à risque | 4 rencontres manquantes sur 8 " \
           "attendues |" in lines
    assert lines[-1] == (
        f"Seuils (section follow\\_up du fichier de la cohorte){NBSP}: «{NBSP}en retard{NBSP}» "
        f"dès 1 rencontre manquante{NNBSP}; «{NBSP}à risque{NBSP}» dès 2 rencontres "
        f"manquantes ou une note moyenne de 2,5 ou moins{NNBSP}; «{NBSP}inactif{NBSP}» après "
        "4 semaines sans rencontre.")


def test_english_headings_of_a_french_cohort(run):
    text = said(run, FRENCH, "markdown", *AS_OF, lang="en")
    lines = text.splitlines()
    assert lines[0] == "# Progress report: Mentorat des managers 2026"
    assert lines[2] == ("As of 15 October 2026 · Period: 12 January 2026 to 15 October 2026 "
                        "(programme to date) · cadence: monthly")
    for heading in ("## Programme", "## Objectives", "## Pairs needing attention (worst first)",
                    "## Pairs", "## Mentees without a mentor"):
        assert heading in lines, heading
    assert "| Participants | 33 (9 mentors, 19 mentees, 5 both mentors and mentees) |" in lines


def test_the_cohort_language_without_lang_and_mentorcli_lang(run):
    """No --lang: the cohort's language; MENTORCLI_LANG comes before it, --lang before both."""
    french = said(run, FRENCH, "markdown", *AS_OF)
    assert french.startswith(f"# Rapport de suivi{NBSP}: ")
    english = said(run, ENGLISH, "markdown", *AS_OF)
    assert english.startswith("# Progress report: ")
    by_variable = said(run, FRENCH, "markdown", *AS_OF, env={"MENTORCLI_LANG": "en"})
    assert by_variable == said(run, FRENCH, "markdown", *AS_OF, lang="en")
    assert said(run, FRENCH, "markdown", *AS_OF, lang="fr",
                env={"MENTORCLI_LANG": "en"}) == french


def test_html_page_says_its_language(run):
    english = said(run, FRENCH, "html", *AS_OF, lang="en")
    assert '<html lang="en">' in english and "<h2>Meetings per month</h2>" in english
    french = said(run, ENGLISH, "html", *AS_OF, lang="fr")
    assert '<html lang="fr">' in french and "<h2>Rencontres par mois</h2>" in french
    assert "Produit par mentorcli. Les notes de séance n’y figurent jamais." in french


def test_xlsx_sheets_and_headers_follow_the_language(run):
    result = run(["--lang", "en", "report", FRENCH, *AS_OF, "--format", "xlsx", "-o", "-"])
    book = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))
    assert book.sheetnames[:4] == ["Programme", "Objectives", "Attention", "Pairs"]
    assert [c.value for c in book["Pairs"][1]][:5] == [
        "Mentor", "Mentee", "Started", "Meetings held", "Meetings expected"]
    assert book.properties.language == "en"
    result = run(["--lang", "fr", "report", ENGLISH, *AS_OF, "--format", "xlsx", "-o", "-"])
    book = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))
    assert book.sheetnames[:4] == ["Programme", "Objectifs du programme", "À suivre", "Binômes"]
    assert [c.value for c in book["Binômes"][1]][:5] == [
        "Mentor", "Mentoré·e", "Début", "Rencontres tenues", "Rencontres attendues"]
    assert book.properties.language == "fr"


# ------------------------------------------------------------------ codes never change


def _without_human_text(data: dict) -> dict:
    """The JSON report without its only human text: the reasons of mentees without a mentor
    (the words `pair` uses, in the current language)."""
    for mentee in data["programme"]["unmatched_mentees"]:
        mentee.pop("reason")
    return data


@pytest.mark.parametrize("cohort", [FRENCH, ENGLISH])
def test_json_keys_and_codes_are_the_same_in_every_language(run, cohort):
    english = json.loads(said(run, cohort, "json", *AS_OF, lang="en"))
    french = json.loads(said(run, cohort, "json", *AS_OF, lang="fr"))
    assert _without_human_text(english) == _without_human_text(french)
    assert {p["health"] for p in french["pairs"]} <= {
        "on track", "behind", "at risk", "inactive", "ended", "not started"}
    # a pair's reason is for machines: English with ISO dates in every language
    assert any(re.fullmatch(r"no meeting since \d{4}-\d\d-\d\d \(2 months or more\)",
                            p["reason"]) for p in french["pairs"]) or cohort == ENGLISH


@pytest.mark.parametrize("cohort", [FRENCH, ENGLISH])
def test_csv_columns_are_the_same_in_every_language(run, cohort):
    rows = {}
    for lang in ("en", "fr"):
        text = said(run, cohort, "csv", *AS_OF, lang=lang)
        table = list(csv.reader(io.StringIO(text)))
        assert tuple(table[0]) == CSV_COLUMNS
        reason = CSV_COLUMNS.index("reason")
        rows[lang] = [row[:reason] if row[CSV_COLUMNS.index("status")] == "unmatched" else row
                      for row in table]
    assert rows["en"] == rows["fr"]


def test_excel_csv_keeps_its_columns_and_takes_the_separator_of_the_language(run):
    """--excel: the columns stay CSV_COLUMNS; the separator and decimal mark are those of the
    Excel of the language asked (`;` and `,` in French)."""
    for lang, cohort, separator in (("en", FRENCH, ","), ("fr", ENGLISH, ";")):
        result = run(["--lang", lang, "report", cohort, *AS_OF, "--format", "csv", "--excel",
                      "-o", "-"])
        assert result.exit_code == 0, result.stderr
        first = result.stdout_bytes.decode("utf-8-sig").splitlines()[0]
        assert first == separator.join(CSV_COLUMNS)

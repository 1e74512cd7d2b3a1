"""Issue 13 for the follow-up commands (approve, log, log --from-csv, goal, end, result, the
report command's own refusals) and the git merge driver: they speak the cohort's language,
`--lang` overrides it both ways, and the exact French sentences (typography included) are
those of the catalog. A refusal made before the cohort is loaded (a bad option) is in the
cohort's language too."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mentorcli import runtime

REPO = Path(__file__).resolve().parent.parent
FRENCH = REPO / "cohorts" / "mentorat-managers-2026.yaml"
ENGLISH = REPO / "cohorts" / "reverse-digital-2026.yaml"
TODAY = dt.date(2026, 6, 15)
NBSP, NNBSP = "\u00a0", "\u202f"  # before ':' / before ';', '?' and '%'

ENGLISH_WORDS = re.compile(r"\b(?:the|not|no|pair|pairs|session|sessions|logged|approved|"
                           r"written|error|cohort|expected|meeting|already|with|ended|goal|"
                           r"recorded|would|nothing|skipped|row|conflict|ours|theirs)\b")
FRENCH_WORDS = re.compile(r"\b(?:le|la|les|du|des|une|rencontre|binôme|cohorte|janvier|juin|"
                          r"juillet|mai|enregistrée|déjà|aucun|ligne|objectif)\b|[éèàù’«»]")


def said(result, *paths: Path) -> str:
    """stdout and stderr, without the paths (tmp_path holds the test's English name)."""
    text = result.stdout + result.stderr
    for path in paths:
        text = text.replace(str(path), "FILE")
    return text


def assert_french(result, *paths: Path) -> None:
    text = said(result, *paths)
    assert text.strip()
    found = ENGLISH_WORDS.findall(text)
    assert not found, (found, text)


def assert_english(result, *paths: Path) -> None:
    text = said(result, *paths)
    assert text.strip()
    found = FRENCH_WORDS.findall(text)
    assert not found, (found, text)


@pytest.fixture
def french(tmp_path: Path) -> Path:
    path = tmp_path / "mentorat.yaml"
    shutil.copyfile(FRENCH, path)
    return path


@pytest.fixture
def english(tmp_path: Path) -> Path:
    path = tmp_path / "digital.yaml"
    shutil.copyfile(ENGLISH, path)
    return path


@pytest.fixture
def say(run):
    """`run` with today fixed (TODAY unless told)."""
    def invoke(args, today: dt.date = TODAY):
        with runtime.fixed(today=today):
            return run(args)
    return invoke


def refused(say, args, path: Path, today: dt.date = TODAY):
    """A refusal: exit 2 and the file unchanged."""
    before = path.read_bytes()
    result = say(args, today)
    assert result.exit_code == 2, result.stderr
    assert path.read_bytes() == before
    return result


# ------------------------------------------------------------------ approve


def test_approve_in_french(say, french: Path) -> None:
    result = refused(say, ["approve", french, "m-bmoro", "lfitzgerald"], french)
    assert result.stderr == (f"mentor «{NBSP}m-bmoro{NBSP}»{NBSP}: aucun·e participant·e n’a "
                             "cet identifiant ou cet e-mail\n")
    assert_french(result, french)
    result = refused(say, ["approve", french, "jblefevre-dupont", "lfitzgeral"], french)
    assert result.stderr == (f"mentoré·e «{NBSP}lfitzgeral{NBSP}»{NBSP}: aucun·e participant·e "
                             f"n’a cet identifiant ou cet e-mail{NNBSP}; vouliez-vous dire "
                             f"«{NBSP}lfitzgerald{NBSP}»{NNBSP}?\n")
    result = refused(say, ["approve", french, "mbeaumont", "ohaddad"], french)
    assert result.stderr == (f"aucun binôme mbeaumont -> ohaddad dans cette cohorte (leurs "
                             f"binômes{NBSP}: mbeaumont -> lchevalier, jblefevre-dupont -> "
                             "ohaddad)\n")
    result = refused(say, ["approve", french, "jblefevre-dupont", "lfitzgerald", "--date",
                           "2027-01-05"], french)
    assert result.stderr == (f"début le 5 janvier 2027{NBSP}: en dehors des dates de la cohorte "
                             "(du 12 janvier 2026 au 18 décembre 2026)\n")
    result = refused(say, ["approve", french], french)
    assert result.stderr == (f"nommez le binôme{NBSP}: MENTOR MENTEE (identifiants ou e-mails), "
                             "ou passez --all\n")
    result = refused(say, ["approve", french, "jblefevre-dupont", "lfitzgerald", "--date",
                           "2026-13-01"], french)  # the option's own parser (mentorcli.dates)
    assert_french(result, french)

    result = say(["approve", french, "jblefevre-dupont", "lfitzgerald", "--date",
                  "2026-06-01"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("binôme jblefevre-dupont -> lfitzgerald approuvé, commencé le "
                             "1er juin 2026\n")
    result = refused(say, ["approve", french, "jblefevre-dupont", "lfitzgerald"], french)
    assert result.stderr == ("le binôme jblefevre-dupont -> lfitzgerald est déjà actif depuis "
                             f"le 1er juin 2026{NNBSP}; seul un binôme proposé peut être "
                             "approuvé\n")
    result = refused(say, ["approve", french, "--all"], french)
    assert result.stderr == "aucun binôme proposé à approuver\n"
    assert_french(result, french)


def test_approve_with_lang_en_on_a_french_cohort_and_lang_fr_on_an_english_one(
        say, french: Path, english: Path) -> None:
    result = refused(say, ["--lang", "en", "approve", french, "m-bmoro", "lfitzgerald"], french)
    assert result.stderr == "mentor 'm-bmoro': no participant with that id or email\n"
    result = refused(say, ["--lang", "en", "approve", french, "jblefevre-dupont",
                           "lfitzgerald", "--date", "2027-01-05"], french)
    assert result.stderr == ("start date 2027-01-05: outside the cohort dates (2026-01-12 to "
                             "2026-12-18)\n")
    assert_english(result, french)
    result = say(["--lang", "en", "approve", french, "jblefevre-dupont", "lfitzgerald"])
    assert result.stderr == "approved jblefevre-dupont -> lfitzgerald, started 2026-06-15\n"
    assert_english(result, french)

    result = refused(say, ["--lang", "fr", "approve", english, "toreilly", "pgreen", "--date",
                           "2025-01-01"], english)
    assert_french(result, english)
    result = say(["--lang", "fr", "approve", english, "toreilly", "pgreen"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "binôme toreilly -> pgreen approuvé, commencé le 15 juin 2026\n"


# ------------------------------------------------------------------ log


def test_log_in_french(say, french: Path) -> None:
    log = ["log", french]
    result = say([*log, "mbeaumont", "lchevalier", "--date", "2026-06-10", "--minutes", "45"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("rencontre de mbeaumont -> lchevalier le 10 juin 2026 enregistrée "
                             "(45 minutes)\n")
    assert_french(result, french)
    cases = {
        ("mbeaumont", "lchevalier", "--date", "2026-06-10", "--minutes", "45"):
            "une rencontre de mbeaumont -> lchevalier le 10 juin 2026 est déjà enregistrée",
        ("mbeaumont", "lchevalier", "--date", "2026-07-10", "--minutes", "45"):
            f"date du 10 juillet 2026{NBSP}: dans le futur (nous sommes le 15 juin 2026)",
        ("mbeaumont", "lchevalier", "--date", "2026-06-11", "--minutes", "0"):
            f"minutes 0{NBSP}: indiquez un nombre entier de 1 à 1440",
        ("mbeaumont", "lchevalier", "--date", "2026-06-11", "--minutes", "30",
         "--rating-mentee", "7"):
            f"note du mentoré·e 7{NBSP}: indiquez un nombre entier de 1 à 5",
        ("jblefevre-dupont", "lfitzgerald", "--date", "2026-06-11", "--minutes", "30"):
            f"le binôme jblefevre-dupont -> lfitzgerald est proposé, pas actif{NBSP}: "
            "approuvez-le d’abord (mentorcli approve)",
        ("pmoreno-diaz", "glambert", "--date", "2026-06-11", "--minutes", "30"):
            f"le binôme pmoreno-diaz -> glambert s’est terminé le 29 mai 2026{NNBSP}; une "
            "rencontre après sa fin ne peut pas être enregistrée",
        ("mbeaumont", "lchevalier", "--date", "2026-01-20", "--minutes", "30"):
            f"date du 20 janvier 2026{NBSP}: avant le début du binôme mbeaumont -> "
            "lchevalier (le 26 janvier 2026)",
        ("mbeaumont",):
            f"il manque MENTEE, --date, --minutes{NBSP}: par exemple mentorcli log {french} "
            "MENTOR MENTEE --date 2026-02-03 --minutes 60 (ou --from-csv CSV)",
        ("mbeaumont", "lchevalier", "--date", "2026-06-11", "--minutes", "30", "--dry-run"):
            "--dry-run ne sert qu’avec --from-csv",
        ("mbeaumont", "lchevalier", "--dry-run", "--skip-invalid"):
            "--skip-invalid, --dry-run ne servent qu’avec --from-csv",
    }
    for args, expected in cases.items():
        result = refused(say, [*log, *args], french)
        assert result.stderr == expected + "\n", args
        assert_french(result, french)


def test_log_in_english_with_lang_en(say, french: Path) -> None:
    result = say(["--lang", "en", "log", french, "mbeaumont", "lchevalier", "--date",
                  "2026-06-10", "--minutes", "45", "--notes", "confidentiel"])
    assert result.stderr == ("logged a 45-minute meeting of mbeaumont -> lchevalier on "
                             "2026-06-10\n")
    for args in (("mbeaumont", "lchevalier", "--date", "2026-06-10", "--minutes", "45"),
                 ("pmoreno-diaz", "glambert", "--date", "2026-06-11", "--minutes", "30"),
                 ("mbeaumont", "lchevalier", "--dry-run")):
        result = refused(say, ["--lang", "en", "log", french, *args], french)
        assert_english(result, french)
    assert result.stderr == "--dry-run only applies with --from-csv\n"


CHECKINS = ("mentor;mentoré;date;durée;mode\n"
            "mbeaumont;lchevalier;10/06/2026;1h;visio\n"
            "mbeaumont;lchevalier;12/06/2026;abc;visio\n"
            "xx;lchevalier;11/06/2026;60;\n"
            "mbeaumont;lchevalier;11/07/2026;60;\n")


def test_log_from_csv_in_french_without_lang(say, french: Path, tmp_path: Path) -> None:
    csv = tmp_path / "suivi.csv"
    csv.write_text(CHECKINS, encoding="utf-8")
    result = refused(say, ["log", french, "--from-csv", csv], french)
    lines = result.stderr.replace(str(csv), "suivi.csv").splitlines()
    assert lines[:3] == [
        f"suivi.csv: ligne 3{NBSP}: minutes «{NBSP}abc{NBSP}»{NBSP}: indiquez un nombre entier",
        f"suivi.csv: ligne 4{NBSP}: mentor «{NBSP}xx{NBSP}»{NBSP}: aucun·e participant·e n’a cet "
        "identifiant ou cet e-mail",
        f"suivi.csv: ligne 5{NBSP}: date du 11 juillet 2026{NBSP}: dans le futur (nous sommes "
        "le 15 juin 2026)"]
    assert_french(result, french, csv)

    result = say(["log", french, "--from-csv", csv, "--skip-invalid", "--dry-run"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.replace(str(csv), "suivi.csv").splitlines()
    assert lines[0] == (f"suivi.csv: ligne 3{NBSP}: ignorée{NBSP}: minutes «{NBSP}abc{NBSP}»"
                        f"{NBSP}: indiquez un nombre entier")
    assert lines[-1] == (f"simulation{NBSP}: 1 rencontre serait enregistrée depuis suivi.csv"
                         f"{NNBSP}; 3 lignes non valides ignorées{NNBSP}; rien n’a été écrit")
    assert_french(result, french, csv)
    result = say(["log", french, "--from-csv", csv, "--skip-invalid"])
    assert result.stderr.splitlines()[-1] == (f"1 rencontre enregistrée depuis {csv}{NNBSP}; "
                                              "3 lignes non valides ignorées")

    # the check-in file is read before the cohort: its errors are in the cohort's language too
    columns = tmp_path / "colonnes.csv"
    columns.write_text("mentor;durée\namartin;60\n", encoding="utf-8")
    result = refused(say, ["log", french, "--from-csv", columns], french)
    assert f"ligne 1{NBSP}: colonnes manquantes mentee, date" in result.stderr
    assert_french(result, french, columns)
    result = refused(say, ["log", french, "--from-csv", columns, "--minutes", "4"], french)
    assert result.stderr == ("--from-csv prend les rencontres dans le fichier"
                             f"{NNBSP}; retirez --minutes\n")
    empty = tmp_path / "vide.csv"
    empty.write_text("mentor;mentoré;date;durée\n", encoding="utf-8")
    result = say(["log", french, "--from-csv", empty])
    assert result.stderr == f"{empty}: aucune ligne{NNBSP}; rien à enregistrer\n"


def test_log_from_csv_in_english_with_lang_en(say, french: Path, tmp_path: Path) -> None:
    csv = tmp_path / "checkins.csv"
    csv.write_text(CHECKINS, encoding="utf-8")
    result = say(["--lang", "en", "log", french, "--from-csv", csv, "--skip-invalid",
                  "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (f"dry run: would log 1 meeting from {csv}; "
                                              "skipped 3 invalid rows; nothing written")
    assert_english(result, french, csv)


# ------------------------------------------------------------------ goal, end, result


def test_goal_in_french(say, french: Path) -> None:
    result = say(["goal", french, "endiaye", "nfaure", "mediation", "--progress", "50"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"objectif mediation de endiaye -> nfaure{NBSP}: avancement "
                             f"30{NNBSP}% -> 50{NNBSP}%\n")
    result = refused(say, ["goal", french, "endiaye", "nfaure", "medation", "--progress", "5"],
                     french)
    assert result.stderr == (
        f"le binôme endiaye -> nfaure n’a pas d’objectif «{NBSP}medation{NBSP}» (ses "
        f"objectifs{NBSP}: forum-ecoles, mediation){NNBSP}; vouliez-vous dire «{NBSP}mediation"
        f"{NBSP}»{NNBSP}?{NNBSP}; ajoutez-en un avec --add --text TEXT\n")
    result = refused(say, ["goal", french, "endiaye", "nfaure", "mediation", "--progress",
                           "120"], french)
    assert result.stderr == f"--progress 120{NBSP}: indiquez un pourcentage de 0 à 100\n"
    result = refused(say, ["goal", french, "endiaye", "nfaure", "mediation"], french)
    assert result.stderr == (f"dites quoi faire{NBSP}: --progress N (0-100), ou --add --text "
                             "TEXT\n")
    result = refused(say, ["goal", french, "endiaye", "nfaure", "x", "--add"], french)
    assert result.stderr == f"--add demande --text{NBSP}: ce que le mentoré·e va accomplir\n"
    result = refused(say, ["goal", french, "pmoreno-diaz", "glambert", "x", "--add", "--text",
                           "t"], french)
    assert result.stderr == (f"le binôme pmoreno-diaz -> glambert est terminé{NNBSP}; on ne "
                             "peut plus lui ajouter d’objectif\n")
    result = refused(say, ["goal", french, "endiaye", "nfaure", "x", "--due", "2026-07-01"],
                     french)
    assert result.stderr == "--due ne sert qu’avec --add (ajout d’un objectif)\n"
    assert_french(result, french)
    result = say(["goal", french, "endiaye", "nfaure", "budget", "--add", "--text",
                  "Tenir le budget", "--objective", "leadership"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "objectif budget ajouté au binôme endiaye -> nfaure\n"
    result = say(["--lang", "en", "goal", french, "endiaye", "nfaure", "budget", "--progress",
                  "40"])
    assert result.stderr == "goal budget of endiaye -> nfaure: progress 0% -> 40%\n"


def test_end_in_french(say, french: Path) -> None:
    result = refused(say, ["end", french, "pmoreno-diaz", "glambert", "--reason", "x"], french)
    assert result.stderr == "le binôme pmoreno-diaz -> glambert s’est déjà terminé le 29 mai 2026\n"
    result = refused(say, ["end", french, "fgirard", "sdelacroix", "--reason", "x", "--date",
                           "2026-06-20"], french)
    assert result.stderr == (f"fin le 20 juin 2026{NBSP}: dans le futur (nous sommes le 15 juin "
                             "2026)\n")
    result = refused(say, ["end", french, "fgirard", "sdelacroix", "--reason", "x", "--date",
                           "2026-02-01"], french)
    assert result.stderr == (f"fin le 1er février 2026{NBSP}: avant le début du binôme fgirard "
                             "-> sdelacroix (le 2 mars 2026)\n")
    result = refused(say, ["end", french, "fgirard", "sdelacroix", "--reason", " "], french)
    assert result.stderr == (f"--reason{NBSP}: dites pourquoi le binôme s’arrête (par exemple "
                             f"«{NBSP}changement de poste{NBSP}»)\n")
    assert_french(result, french)
    result = say(["end", french, "fgirard", "sdelacroix", "--reason", "mutation"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "binôme fgirard -> sdelacroix terminé le 15 juin 2026\n"
    result = refused(say, ["--lang", "en", "end", french, "fgirard", "sdelacroix", "--reason",
                           "x"], french)
    assert result.stderr == "pair fgirard -> sdelacroix already ended on 2026-06-15\n"


def test_end_outside_the_cohort_in_french(say, french: Path) -> None:
    result = refused(say, ["end", french, "fgirard", "sdelacroix", "--reason", "x"], french,
                     today=dt.date(2027, 1, 10))
    assert result.stderr == (f"fin le 10 janvier 2027{NBSP}: en dehors des dates de la cohorte "
                             f"(du 12 janvier 2026 au 18 décembre 2026){NNBSP}; passez --date "
                             "(par exemple --date 2026-12-18)\n")


def test_result_in_french(say, french: Path) -> None:
    result = say(["result", french, "mobilite", "2,5"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"résultat enregistré{NBSP}: mobilite = 2,5 le 15 juin 2026\n"
    result = refused(say, ["result", french, "mobilite", "3"], french)
    assert result.stderr == ("l’objectif mobilite a déjà un résultat le 15 juin 2026 (2,5)"
                             f"{NNBSP}; modifiez le fichier pour le corriger\n")
    result = refused(say, ["result", french, "mobilit", "3"], french)
    assert result.stderr == (
        f"objectif «{NBSP}mobilit{NBSP}»{NBSP}: ce n’est pas un objectif du programme (leadership, "
        f"fidelisation, mobilite, mixite){NNBSP}; vouliez-vous dire «{NBSP}mobilite{NBSP}»"
        f"{NNBSP}?\n")
    result = refused(say, ["result", french, "mobilite", "beaucoup"], french)
    assert result.stderr == (f"valeur «{NBSP}beaucoup{NBSP}»{NBSP}: indiquez un nombre, par "
                             "exemple 93 ou 93,5\n")
    assert_french(result, french)
    result = refused(say, ["--lang", "en", "result", french, "mobilite", "beaucoup"], french)
    assert result.stderr == "value 'beaucoup': expected a number, e.g. 93 or 93.5\n"


def test_english_cohort_with_lang_fr(say, english: Path) -> None:
    result = say(["--lang", "fr", "log", english, "dkim", "jmorales", "--date", "2026-06-10",
                  "--minutes", "30"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("rencontre de dkim -> jmorales le 10 juin 2026 enregistrée "
                             "(30 minutes)\n")
    for args in (["log", english, "dkim", "jmorales", "--date", "2026-06-10", "--minutes", "30"],
                 ["end", english, "dkim", "nobody", "--reason", "x"],
                 ["goal", english, "dkim", "jmorales", "x"],
                 ["result", english, "rien", "3"]):
        result = refused(say, ["--lang", "fr", *args], english)
        assert_french(result, english)
    # and without --lang it stays English
    result = refused(say, ["log", english, "dkim", "jmorales", "--date", "2026-06-10",
                           "--minutes", "30"], english)
    assert result.stderr == "a meeting of dkim -> jmorales on 2026-06-10 is already logged\n"


# ------------------------------------------------------------------ report's own refusals


def test_report_refusals_in_the_cohorts_language(say, french: Path, tmp_path: Path) -> None:
    result = refused(say, ["report", french, "--as-of", "2026-03-01", "--month", "2026-02"],
                     french)
    assert result.stderr == (f"--as-of et --month s’excluent{NBSP}: --month donne l’état à la "
                             "fin du mois\n")
    result = refused(say, ["report", french, "--template", tmp_path / "t.html"], french)
    assert result.stderr == f"--template va avec --format html{NNBSP}; ajoutez --format html\n"
    result = refused(say, ["report", french, "--format", "csv", "-o", french], french)
    assert result.stderr == (f"--output {french} est le fichier de la cohorte lui-même{NNBSP}; "
                             "choisissez un autre chemin\n")
    result = refused(say, ["--lang", "en", "report", french, "--as-of", "2026-03-01",
                           "--month", "2026-02"], french)
    assert result.stderr == ("--as-of and --month are exclusive: --month reports the state at "
                             "the month's end\n")


# ------------------------------------------------------------------ the merge driver


def merge_versions(tmp_path: Path, source: Path, old: str, ours: str, theirs: str):
    text = source.read_text(encoding="utf-8")
    assert old in text
    paths = []
    for name, value in (("base", old), ("ours", ours), ("theirs", theirs)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(text.replace(old, value), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.slow
def test_merge_driver_speaks_the_cohorts_language(run, tmp_path: Path) -> None:
    base, ours, theirs = merge_versions(tmp_path, FRENCH, "progress: 70", "progress: 80",
                                        "progress: 90")
    result = run(["merge-file", base, ours, theirs, "--name", "cohorte.yaml"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"cohorte.yaml: conflit sur pairs[mbeaumont -> lchevalier].goals[negociation-annuelle]"
        f".progress{NBSP}: notre version 80, leur version 90\n")

    base, ours, theirs = merge_versions(tmp_path, FRENCH, "progress: 70", "progress: 80",
                                        "progress: 90")
    result = run(["--lang", "en", "merge-file", base, ours, theirs, "--name", "cohorte.yaml"])
    assert result.exit_code == 1
    assert result.stderr == (
        "cohorte.yaml: conflict at pairs[mbeaumont -> lchevalier].goals[negociation-annuelle]"
        ".progress: ours 80, theirs 90\n")

    base, ours, theirs = merge_versions(tmp_path, FRENCH, "progress: 70", "progress: 70",
                                        "progress: [")
    result = run(["merge-file", base, ours, theirs, "--name", "cohorte.yaml"])
    assert result.stderr.startswith("cohorte.yaml: pas de fusion entrée par entrée (")
    assert result.stderr.endswith(f"){NNBSP}; fusion ligne à ligne à la place\n")


def test_merge_driver_session_conflict_in_french(run, tmp_path: Path) -> None:
    old = "    date: 2026-02-04\n    minutes: 60\n"
    base, ours, theirs = merge_versions(tmp_path, FRENCH, old, old.replace("60", "45"),
                                        old.replace("60", "90"))
    result = run(["merge-file", base, ours, theirs, "--name", "c.yaml"])
    assert result.exit_code == 1
    assert result.stderr == (f"c.yaml: conflit sur sessions[mbeaumont -> lchevalier le "
                             f"2026-02-04].minutes{NBSP}: notre version 45, leur version 90\n")


# ------------------------------------------------------------------ help


@pytest.mark.slow
def test_help_of_the_followup_commands_in_french() -> None:
    env = {**os.environ, "MENTORCLI_LANG": "fr", "COLUMNS": "200"}
    for command, sentence in (
            ("approve", "Rendre actif un binôme proposé (ou tous avec --all)"),
            ("log", "Enregistrer une rencontre d’un binôme actif"),
            ("goal", "Régler l’avancement d’un objectif de binôme"),
            ("end", "Terminer un binôme"),
            ("result", "Enregistrer une valeur mesurée d’un objectif du programme"),
            ("report", "Avancement de chaque binôme"),
            ("merge-file", "Fusionner deux versions d’un fichier de cohorte")):
        done = subprocess.run([sys.executable, "-m", "mentorcli", command, "--help"],
                              capture_output=True, text=True, env=env, check=False)
        assert done.returncode == 0, done.stderr
        assert sentence in done.stdout, (command, done.stdout)

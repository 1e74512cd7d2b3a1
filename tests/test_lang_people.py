"""`import`, `forget` and `anonymize` speak the cohort's language (issue 13): French for the
French example cohort, English with `--lang en`, French for an English cohort with
`--lang fr`; exact French sentences, and no word of the other language."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from mentorcli.localize import french_spacing

ROOT = Path(__file__).resolve().parent.parent
FRENCH = ROOT / "cohorts" / "mentorat-managers-2026.yaml"
ENGLISH = ROOT / "cohorts" / "reverse-digital-2026.yaml"

# English words that must not reach a French output, and French ones an English output.
ENGLISH_WORDS = (" the ", "would", "removed", "kept", "people", "row", "column", "error",
                 "written", "warning", "nothing", "session", " pair", "already", "anonymized",
                 "not ", "note:", "read ", "skipped", "new participant")
FRENCH_WORDS = (" le ", " les ", " la ", " de ", " des ", "rencontre", "binôme", "ligne",
                "colonne", "lecture", "rien", "écrit", "supprim", "gardé", "juin", "décembre",
                "anonymisation", "personne", "remarque", "effacer", "participant·e", "é")

# A French export (semicolons, French headers and words); row 3 cannot be used.
FR_SHEET = ("Prénom;Nom;Courriel;Rôle;Service;Ancienneté\n"
            "Léa;Girard;lea.girard@example.com;mentorée;Finance;5\n"
            "Jean;Roux;pas-un-email;mentor;RH;douze\n")
# An English export; Omar Haddad is in the French cohort already (ohaddad).
EN_SHEET = ("First name,Last name,Email,Role,Department,Badge\n"
            "Anna,Berg,anna.berg@example.com,mentee,Sales,x\n"
            "Omar,Haddad,omar.haddad@example.com,mentor,IT,y\n")


def fr(text: str) -> str:
    """A French sentence as mentorcli prints it (no-break spaces before : ; ? and in « »)."""
    return french_spacing(text)


def no_words(text: str, words: tuple[str, ...]) -> list[str]:
    return [word for word in words if word in text]


@pytest.fixture(autouse=True)
def fresh_language(monkeypatch: pytest.MonkeyPatch):
    """Each test starts with no --lang and no cohort language (the CLI sets them per run)."""
    from mentorcli import i18n

    monkeypatch.setenv("MENTORCLI_TODAY", "2026-06-15")
    i18n.reset()
    yield
    i18n.reset()


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding copies of both example cohorts and the sheets; the current one (so
    that printed paths are short and say nothing of the test's name)."""
    shutil.copyfile(FRENCH, tmp_path / "mentorat.yaml")
    shutil.copyfile(ENGLISH, tmp_path / "reverse.yaml")
    (tmp_path / "inscriptions.csv").write_text(FR_SHEET, encoding="utf-8")
    (tmp_path / "export.csv").write_text(EN_SHEET, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ------------------------------------------------------------------------------ import


def test_import_of_a_french_sheet_refused_in_french(run, here: Path) -> None:
    before = (here / "mentorat.yaml").read_bytes()
    result = run(["import", "mentorat.yaml", "inscriptions.csv"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [fr(line) for line in [
        "lecture de inscriptions.csv: UTF-8, séparé par des points-virgules, 2 lignes",
        "colonnes : Prénom -> first_name, Nom -> last_name, Courriel -> email, Rôle -> role, "
        "Service -> department, Ancienneté -> seniority",
        "inscriptions.csv: ligne 3 : « Courriel » (colonne C) : « pas-un-email » n’est pas une "
        "adresse e-mail valide",
        "inscriptions.csv: ligne 3 : « Ancienneté » (colonne F) : un nombre d’années est "
        "attendu, et non « douze »",
        "rien n’a été écrit : 1 ligne ne peut pas être importée ; corrigez-la dans le tableau, "
        "ou ajoutez --skip-invalid pour importer les autres",
    ]]
    assert (here / "mentorat.yaml").read_bytes() == before
    assert no_words(result.stderr, ENGLISH_WORDS) == []


def test_import_dry_run_skipping_a_row_in_french(run, here: Path) -> None:
    before = (here / "mentorat.yaml").read_bytes()
    result = run(["import", "mentorat.yaml", "inscriptions.csv", "--skip-invalid", "--dry-run"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[2] == fr("inscriptions.csv: ligne 3 laissée de côté : « Courriel » (colonne C) "
                          ": « pas-un-email » n’est pas une adresse e-mail valide")
    assert lines[-1] == fr("simulation : 1 nouvel·le participant·e à écrire dans mentorat.yaml ; "
                           "rien n’a été écrit")
    table = result.stdout.splitlines()
    assert table[0].split() == ["ligne", "action", "identifiant", "nom", "rôle", "service",
                                "manager"]
    assert table[2].split()[:3] == ["2", "ajout", "lea-girard"]
    assert (here / "mentorat.yaml").read_bytes() == before
    assert no_words(result.stderr + result.stdout, ENGLISH_WORDS) == []


def test_import_of_an_english_sheet_into_the_french_cohort_in_french(run, here: Path) -> None:
    result = run(["import", "mentorat.yaml", "export.csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [fr(line) for line in [
        "lecture de export.csv: UTF-8, séparé par des virgules, 2 lignes",
        "colonnes : First name -> first_name, Last name -> last_name, Email -> email, "
        "Role -> role, Department -> department",
        "non importées, colonnes inconnues (nommez-les dans --mapping, ou associez-les à "
        "« ignore ») : « Badge » (colonne F)",
        "export.csv: ligne 3 : déjà dans la cohorte sous « ohaddad » ; laissée telle quelle "
        "(--update la met à jour)",
        "mentorat.yaml: 1 nouvel·le participant·e ; lancez `mentorcli validate mentorat.yaml` "
        "pour voir les avertissements",
    ]]
    assert "  - id: anna-berg\n" in (here / "mentorat.yaml").read_text(encoding="utf-8")
    again = run(["import", "mentorat.yaml", "export.csv"])
    assert again.exit_code == 0
    assert again.stderr.splitlines()[-1] == fr(
        "mentorat.yaml: rien à importer ; toutes les personnes du tableau sont déjà dans la "
        "cohorte")
    assert no_words(result.stderr + result.stdout + again.stderr, ENGLISH_WORDS) == []


def test_a_sheet_refused_before_the_cohort_is_read_speaks_its_language(run, here: Path) -> None:
    """The sheet is read first; its errors are in the cohort's language all the same."""
    (here / "vide.csv").write_text("", encoding="utf-8")
    result = run(["import", "mentorat.yaml", "vide.csv"])
    assert result.exit_code == 2
    assert result.stderr == fr("vide.csv: est vide ; exportez les personnes avec une ligne "
                               "d’en-tête\n")
    english = run(["import", "reverse.yaml", "vide.csv"])
    assert english.exit_code == 2
    assert english.stderr == "vide.csv: is empty; export the people with a header row\n"


def test_a_mapping_file_and_columns_refused_in_french(run, here: Path) -> None:
    (here / "map.yaml").write_text("Badge: badges\n", encoding="utf-8")
    result = run(["import", "mentorat.yaml", "export.csv", "--mapping", "map.yaml"])
    assert result.exit_code == 2
    assert result.stderr.startswith(fr("map.yaml:1:8: « Badge » : clé inconnue « badges » ; "
                                       "utilisez l’une de id, name, email"))
    assert no_words(result.stderr, ENGLISH_WORDS) == []
    (here / "sans-email.csv").write_text("Nom complet;Service\nLéa Girard;RH\n",
                                         encoding="utf-8")
    no_email = run(["import", "mentorat.yaml", "sans-email.csv"])
    assert no_email.exit_code == 2
    assert fr("aucune colonne d’adresse e-mail : nommez-en une « Email » ou « Courriel », ou "
              "associez-la avec --mapping (`Ma colonne: email`) ; colonnes trouvées : Nom "
              "complet, Service") in no_email.stderr


def test_import_with_lang_en_on_the_french_cohort_is_english(run, here: Path) -> None:
    result = run(["--lang", "en", "import", "mentorat.yaml", "export.csv", "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "read export.csv: UTF-8, comma separated, 2 rows",
        "columns: First name -> first_name, Last name -> last_name, Email -> email, "
        "Role -> role, Department -> department",
        "not imported, unknown columns (name them in --mapping, or map them to 'ignore'): "
        "'Badge' (column F)",
        "export.csv: row 3: already in the cohort as 'ohaddad'; left as it is (--update "
        "refreshes)",
        "dry run: 1 new participant would be written to mentorat.yaml; nothing written",
    ]
    assert result.stdout.splitlines()[0].split() == ["row", "action", "id", "name", "role",
                                                     "department", "manager"]
    assert no_words(result.stderr + result.stdout, FRENCH_WORDS) == []


def test_import_with_lang_fr_on_the_english_cohort_is_french(run, here: Path) -> None:
    result = run(["--lang", "fr", "import", "reverse.yaml", "export.csv", "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == fr(
        "simulation : 2 nouveaux·elles participant·es à écrire dans reverse.yaml ; rien n’a été "
        "écrit")
    assert no_words(result.stderr + result.stdout, ENGLISH_WORDS) == []


# ------------------------------------------------------------------------------ forget


FORGET_PREVIEW = (
    "effacer Martine Beaumont (mbeaumont, martine.beaumont@example.com) : l’identifiant, le "
    "nom et l’adresse e-mail deviennent un pseudonyme partout ; le poste et le profil, le texte "
    "libre de 1 binôme et les notes de 2 rencontres sont supprimés ; on garde 9 rencontres, "
    "leurs durées et leurs évaluations")


def test_forget_without_confirmation_refuses_in_french(run, here: Path) -> None:
    before = (here / "mentorat.yaml").read_bytes()
    result = run(["forget", "mentorat.yaml", "mbeaumont"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [fr(FORGET_PREVIEW), fr(
        "forget est irréversible et demande une confirmation : lancez la commande dans un "
        "terminal, ou ajoutez --yes")]
    assert (here / "mentorat.yaml").read_bytes() == before
    assert no_words(result.stderr, ENGLISH_WORDS) == []


def _sessions_notes(path: Path) -> list[str]:
    from mentorcli.store.loading import load_cohort

    return [s.notes for s in load_cohort(path).model.sessions if s.notes]


def test_forget_in_french(run, here: Path) -> None:
    cohort = here / "mentorat.yaml"
    notes = _sessions_notes(cohort)
    text = cohort.read_text(encoding="utf-8")
    cohort.write_text(text.replace("participants:\n", "participants:\n  # Martine Beaumont "
                                   "parraine aussi le club finance\n", 1), encoding="utf-8")
    contracts = here / "contracts" / "mentorat-managers-2026"
    contracts.mkdir(parents=True)
    (contracts / "mbeaumont--lchevalier.md").write_text("Martine Beaumont\n", encoding="utf-8")
    result = run(["forget", "mentorat.yaml", "mbeaumont", "--yes"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    pseudonym = re.match(r"mbeaumont -> (p-[0-9a-f]{6})\W", lines[1]).group(1)
    comment_line = next(i for i, line in enumerate(cohort.read_text().splitlines(), start=1)
                        if "parraine aussi" in line)
    assert lines == [fr(line) for line in [
        FORGET_PREVIEW,
        f"mbeaumont -> {pseudonym} : nom et adresse e-mail remplacés ; clés supprimées : "
        "employee_id, title, department, manager, seniority, location, timezone, languages, "
        "skills ; notes de 2 rencontres supprimées ; 9 rencontres gardées (540 minutes) avec "
        "leurs évaluations",
        f"remarque : {pseudonym} a encore 1 binôme en cours ; terminez-le si la personne a "
        "quitté le programme",
        f"mentorat.yaml:{comment_line}: avertissement : mentionne encore le nom « Martine "
        "Beaumont » (un commentaire ou un texte libre ?) : modifiez-le à la main",
        "contracts/mentorat-managers-2026/mbeaumont--lchevalier.md supprimé : fait pour un "
        "binôme d’une personne effacée, il la nommait",
        "mentorat.yaml: anonymisation de 1 participant·e faite le 15 juin 2026. Les versions "
        "précédentes restent dans l’historique git du fichier, et les rapports faits avant "
        "aujourd’hui (ou les contrats et calendriers écrits avec --out) les nomment encore : "
        "voir docs/privacy-import.md",
    ]]
    assert not (contracts / "mbeaumont--lchevalier.md").exists()
    assert no_words(result.stderr + result.stdout, ENGLISH_WORDS) == []
    assert not any(note in result.stderr + result.stdout for note in notes)  # confidential
    again = run(["forget", "mentorat.yaml", pseudonym])
    assert again.stderr == fr(f"« {pseudonym} » a déjà été anonymisé·e le 15 juin 2026 ; "
                              "rien à faire\n")


def test_forget_refusals_in_french(run, here: Path) -> None:
    result = run(["forget", "mentorat.yaml", "mbeaumnt"])
    assert result.exit_code == 2
    assert result.stderr == fr(
        "« mbeaumnt » n’est ni un·e participant·e (identifiant, adresse e-mail ou matricule) ni "
        "une entrée de `org` de cette cohorte (vouliez-vous dire « mbeaumont » ?)\n")
    org = run(["forget", "mentorat.yaml", "daf"])
    assert org.stderr.splitlines()[0] == fr(
        "effacer « daf » (hors de la cohorte, dans `org`) : son identifiant devient un "
        "pseudonyme partout où il est utilisé")


def test_forget_with_lang_en_on_the_french_cohort_is_english(run, here: Path) -> None:
    notes = _sessions_notes(here / "mentorat.yaml")
    result = run(["--lang", "en", "forget", "mentorat.yaml", "mbeaumont", "--yes"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "forget Martine Beaumont (mbeaumont, martine.beaumont@example.com): the id, name and "
        "email become a pseudonym everywhere; job and profile, the free text of 1 pair and the "
        "notes of 2 sessions are removed; 9 sessions, their minutes and ratings are kept")
    assert lines[-1].startswith("mentorat.yaml: 1 participant anonymized on 2026-06-15. ")
    assert no_words(result.stderr + result.stdout, FRENCH_WORDS) == []
    assert not any(note in result.stderr + result.stdout for note in notes)


def test_forget_with_lang_fr_on_the_english_cohort_is_french(run, here: Path) -> None:
    notes = _sessions_notes(here / "reverse.yaml")
    result = run(["--lang", "fr", "forget", "reverse.yaml", "mokafor", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == fr(
        "effacer Maya Okafor (mokafor, maya.okafor@example.com) : l’identifiant, le nom et "
        "l’adresse e-mail deviennent un pseudonyme partout ; le poste et le profil, le texte "
        "libre de 1 binôme et les notes de 1 rencontre sont supprimés ; on garde 7 rencontres, "
        "leurs durées et leurs évaluations")
    assert no_words(result.stderr + result.stdout, ENGLISH_WORDS) == []
    assert not any(note in result.stderr + result.stdout for note in notes)


# --------------------------------------------------------------------------- anonymize


def test_anonymize_before_a_date_in_french(run, here: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Mid-year, nobody's part is over: those whose pairs ended are held, and why."""
    before = (here / "mentorat.yaml").read_bytes()
    result = run(["anonymize", "mentorat.yaml", "--before", "2026-06-01"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [fr(line) for line in [
        "pmoreno-diaz gardé·e : participation en cours (disponible comme mentor (2 places "
        "libres))",
        "glambert gardé·e : participation en cours (en attente d’un nouveau mentor)",
        "mentorat.yaml: personne dont la participation s’est terminée avant le 1er juin 2026 ne "
        "reste à anonymiser ; rien n’a changé",
    ]]
    assert (here / "mentorat.yaml").read_bytes() == before
    future = run(["anonymize", "mentorat.yaml", "--before", "2026-07-01"])
    assert future.exit_code == 2
    assert future.stderr == fr(
        "--before 2026-07-01 est dans le futur ; la durée de conservation vise les personnes "
        "dont la participation s’est terminée avant une date passée (nous sommes le 15 juin "
        "2026)\n")
    assert no_words(result.stderr + future.stderr, ENGLISH_WORDS) == []


def test_anonymize_after_the_cohort_dry_then_real_in_french(
        run, here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORCLI_TODAY", "2027-03-01")
    notes = _sessions_notes(here / "mentorat.yaml")
    before = (here / "mentorat.yaml").read_bytes()
    asked = run(["anonymize", "mentorat.yaml", "--before", "2026-12-01"])
    assert asked.exit_code == 2
    assert asked.stderr.splitlines() == [fr(line) for line in [
        "anonymiser 2 participant·es dont la participation s’est terminée avant le 1er décembre "
        "2026 : pmoreno-diaz, glambert",
        "anonymize est irréversible et demande une confirmation : lancez la commande dans un "
        "terminal, ou ajoutez --yes",
    ]]
    assert (here / "mentorat.yaml").read_bytes() == before
    done = run(["anonymize", "mentorat.yaml", "--before", "2026-12-01", "--yes"])
    assert done.exit_code == 0, done.stderr
    lines = done.stderr.splitlines()
    assert re.fullmatch(fr(
        r"glambert -> p-[0-9a-f]{6} : nom et adresse e-mail remplacés ; clés supprimées : "
        r"title, department, manager, seniority, location, timezone, languages, goals ; notes "
        r"de 1 rencontre supprimées ; 3 rencontres gardées \(120 minutes\) avec leurs "
        r"évaluations"), lines[2])
    assert lines[-2:] == [fr(line) for line in [
        "31 participant·es gardé·es, toujours engagé·es",
        "mentorat.yaml: anonymisation de 2 participant·es faite le 1er mars 2027. Les versions "
        "précédentes restent dans l’historique git du fichier, et les rapports faits avant "
        "aujourd’hui (ou les contrats et calendriers écrits avec --out) les nomment encore : "
        "voir docs/privacy-import.md",
    ]]
    assert no_words(asked.stderr + done.stderr + done.stdout, ENGLISH_WORDS) == []
    assert not any(note in done.stderr + done.stdout for note in notes)
    nobody = run(["anonymize", "mentorat.yaml", "--before", "2026-12-01"])
    assert nobody.stderr.splitlines()[-1] == fr(
        "mentorat.yaml: personne dont la participation s’est terminée avant le 1er décembre "
        "2026 ne reste à anonymiser ; rien n’a changé")


def test_anonymize_with_lang_en_on_the_french_cohort_is_english(
        run, here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORCLI_TODAY", "2027-03-01")
    result = run(["--lang", "en", "anonymize", "mentorat.yaml", "--before", "2026-12-01",
                  "--yes"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == ("anonymize 2 participants whose involvement ended before 2026-12-01: "
                        "pmoreno-diaz, glambert")
    assert lines[-2] == "kept 31 participants still involved"
    assert no_words(result.stderr + result.stdout, FRENCH_WORDS) == []


def test_anonymize_with_lang_fr_on_the_english_cohort_is_french(
        run, here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORCLI_TODAY", "2027-03-01")
    notes = _sessions_notes(here / "reverse.yaml")
    asked = run(["--lang", "fr", "anonymize", "reverse.yaml"])
    assert asked.exit_code == 2
    assert asked.stderr.startswith(fr("anonymiser 16 participant·es de la cohorte : mokafor, "))
    done = run(["--lang", "fr", "anonymize", "reverse.yaml", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert done.stderr.splitlines()[-1].startswith(fr(
        "reverse.yaml: anonymisation de 16 participant·es et 10 entrées de `org` faite le 1er "
        "mars 2027. "))
    assert no_words(asked.stderr + done.stderr + done.stdout, ENGLISH_WORDS) == []
    assert not any(note in done.stderr + done.stdout for note in notes)
    english = run(["anonymize", "reverse.yaml"])  # the cohort's own language again
    assert english.stderr == "reverse.yaml: nobody left to anonymize; nothing changed\n"


def test_help_of_the_people_commands_in_french(run) -> None:
    for command, first in (("import", "Ajouter des participant·es depuis un export de tableur"),
                           ("forget", "Effacer une personne (droit à l’effacement)"),
                           ("anonymize", "Effacer les données personnelles de tout le monde")):
        result = run(["--lang", "fr", command, "--help"])
        assert result.exit_code == 0
        assert first in result.stdout
        assert "Aucune" not in result.stdout and "Erase" not in result.stdout
    options = run(["--lang", "fr", "import", "--help"]).stdout
    assert "Montrer ce qui changerait" in options and "Show what would change" not in options
    english = run(["import", "--help"])
    assert "Add participants from a spreadsheet export" in english.stdout


def test_french_sheet_words_are_read_whatever_the_output_language(run, here: Path) -> None:
    """'Prénom', 'Courriel', 'mentorée', 'Ancienneté' are the sheet's words (input), not the
    tool's: the same French sheet imports the same under --lang en and --lang fr."""
    shutil.copyfile(here / "mentorat.yaml", here / "copie.yaml")
    english = run(["--lang", "en", "import", "mentorat.yaml", "inscriptions.csv",
                   "--skip-invalid"])
    french = run(["--lang", "fr", "import", "copie.yaml", "inscriptions.csv", "--skip-invalid"])
    assert english.exit_code == french.exit_code == 0
    assert (here / "mentorat.yaml").read_bytes() == (here / "copie.yaml").read_bytes()
    added = (here / "mentorat.yaml").read_text(encoding="utf-8")
    assert "  - id: lea-girard\n    name: Léa Girard\n    email: lea.girard@example.com\n" \
           "    role: mentee\n    department: Finance\n    seniority: 5\n" in added
    assert english.stdout.split() != french.stdout.split()  # only the words differ

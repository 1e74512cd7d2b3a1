"""Issue 13: contracts, calendars and their commands speak the language asked for.

An English contract or calendar made from a French cohort (`--lang en`) holds no French word
of mentorcli's own (the texts taken from the cohort file, its names, objectives and goals, stay
as written), and a French one made from an English cohort no English word; the messages of
`contracts`, `schedule` and `sign` follow the same rule; `mentorcli.localize` formats dates
and numbers of any language with a catalog (Babel's CLDR data), English without Babel.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markupsafe
import pytest
import yaml

from mentorcli import i18n, localize
from mentorcli.documents.contracts import default_template, escape_markdown
from mentorcli.localize import NBSP, NNBSP
from mentorcli.resources import cohorts_dir, templates_dir

FRENCH = cohorts_dir() / "mentorat-managers-2026.yaml"
ENGLISH = cohorts_dir() / "reverse-digital-2026.yaml"
TODAY = {"MENTORCLI_TODAY": "2026-03-20"}

FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre"]
ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"]
FRENCH_WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]
ENGLISH_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

#: Words of mentorcli's French that an English document must not hold.
FRENCH_WORDS = ["mentoré", "rencontre", "binôme", " une ", " par ", " le ", " la ", " les ",
                " du ", " au ", " et ", "Mentorat", "mensuel", "fois", "présentiel", "contrat",
                "é", "è", "à", "«"]
#: Words of mentorcli's English that a French document must not hold.
ENGLISH_WORDS = [" the ", " and ", " of ", " to ", " we ", "We ", "meeting", "mentee",
                 "Mentee", "agreement", "contract", "once ", "monthly", "weekly", "video call",
                 "in person", "Programme dates", "Planned", "Signature of", " & "]


def cohort_copy(tmp_path: Path, source: Path) -> Path:
    target = tmp_path / source.name
    shutil.copyfile(source, target)
    return target


#: The keys of the cohort file whose values are people's texts (the others are codes).
HUMAN_KEYS = {"name", "title", "department", "location", "measure", "text", "unit", "email",
              "timezone", "exception"}


def user_texts(path: Path) -> list[str]:
    """Every text of the cohort file (names, objectives, goals, places...), as written and as
    the documents escape it, longest first: what is left of a document is mentorcli's."""
    found: set[str] = set()

    def walk(value: object, key: str = "") -> None:
        if isinstance(value, str) and key in HUMAN_KEYS:
            found.add(value)
        elif isinstance(value, dict):
            for name, item in value.items():
                walk(item, str(name))
        elif isinstance(value, list):
            for item in value:
                walk(item, key)

    walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    variants = set()
    for text in found:
        variants.update({text, html.escape(text), str(markupsafe.escape(text)),
                         escape_markdown(text), escape_markdown(text, line_start=False)})
    return sorted((v for v in variants if v.strip()), key=len, reverse=True)


def ours(text: str, cohort: Path) -> str:
    """`text` without the texts of the cohort file (they are in the cohort's language)."""
    for value in user_texts(cohort):
        text = text.replace(value, "\x00")
    return text


def unfolded(data: bytes) -> str:
    return data.decode("utf-8").replace("\r\n ", "").replace("\\n", "\n").replace("\\,", ",")


def ics_texts(data: bytes) -> str:
    """The human texts of a calendar: X-WR-CALNAME, SUMMARY, DESCRIPTION, COMMENT."""
    lines = unfolded(data).split("\r\n")
    return "\n".join(line for line in lines if line.startswith(
        ("X-WR-CALNAME:", "SUMMARY:", "DESCRIPTION:", "COMMENT:")))


def words_found(words: list[str], text: str) -> list[str]:
    """The words of `words` in `text` (a word of letters only as a whole word)."""
    return [w for w in words
            if (re.search(rf"\b{re.escape(w)}\b", text) if w.isalpha() and len(w) > 1
                else w in text)]


def french_found(text: str) -> list[str]:
    found = words_found(FRENCH_WORDS + FRENCH_MONTHS + FRENCH_WEEKDAYS, text)
    return found + re.findall(r"\d[ \u00a0]h\b", text)  # 10 h


def english_found(text: str) -> list[str]:
    found = words_found(ENGLISH_WORDS + ENGLISH_MONTHS + ENGLISH_WEEKDAYS, text)
    return found + re.findall(r"\b\d\d:\d\d\b", text)  # 10:00


# ------------------------------------------------------------------ contracts


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_an_english_contract_from_a_french_cohort_has_no_french_word(tmp_path, run, fmt):
    cohort = cohort_copy(tmp_path, FRENCH)
    out = tmp_path / "en"
    result = run(["--lang", "en", "contracts", cohort, "--out", out, "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "6 contracts written\n"
    files = sorted(out.glob(f"*.{fmt}"))
    assert len(files) == 6
    for path in files:
        text = path.read_text(encoding="utf-8")
        left = ours(text, cohort)
        assert not french_found(left), (path.name, french_found(left))
    first = (out / f"mbeaumont--lchevalier.{fmt}").read_text(encoding="utf-8")
    assert "Programme dates: 12 January 2026 to 18 December 2026" in first
    assert "We meet once a month, for about 60 minutes each time." in first
    assert "at 10:00 (Europe/Paris time)" in first
    assert "Monday 26 January 2026" in first
    if fmt == "html":
        assert '<html lang="en">' in first


def test_the_command_option_lang_is_the_global_one(tmp_path, run):
    cohort = cohort_copy(tmp_path, FRENCH)
    assert run(["--lang", "en", "contracts", cohort, "--out", tmp_path / "a"]).exit_code == 0
    result = run(["contracts", cohort, "--out", tmp_path / "b", "--lang", "en"])
    assert result.exit_code == 0 and result.stderr == "6 contracts written\n"
    for path in sorted((tmp_path / "a").iterdir()):
        assert (tmp_path / "b" / path.name).read_bytes() == path.read_bytes()
    refused = run(["contracts", cohort, "--out", tmp_path / "c", "--lang", "de"])
    assert refused.exit_code == 2
    # refused in the cohort's language (its `language:` line is read before the options)
    assert "--lang de\u00a0: langue inconnue" in refused.stderr
    assert not (tmp_path / "c").exists()


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_french_contract_from_an_english_cohort_has_no_english_word(tmp_path, run, fmt):
    cohort = cohort_copy(tmp_path, ENGLISH)
    out = tmp_path / "fr"
    result = run(["contracts", cohort, "--out", out, "--format", fmt, "--lang", "fr"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "2 contrats écrits\n"
    for path in sorted(out.glob(f"*.{fmt}")):
        left = ours(path.read_text(encoding="utf-8"), cohort)
        assert not english_found(left), (path.name, english_found(left))
        assert "mentoré·e" in left and not re.search(r"mentoré(?!·)", left)
    text = (out / f"dkim--jmorales.{fmt}").read_text(encoding="utf-8")
    assert f"Dates du programme{NBSP}: du 2 février 2026 au 18 décembre 2026" in text
    assert "Type\u00a0: mentorat inversé (le mentor partage son expertise avec un·e collègue " \
           "plus expérimenté·e)" in text
    assert f"à 10{NBSP}h (fuseau horaire Europe/London)" in text
    assert "lundi 16 février 2026" in text


def test_the_cohort_language_is_the_default_and_the_environment_wins(tmp_path, run):
    cohort = cohort_copy(tmp_path, FRENCH)
    result = run(["contracts", cohort, "--out", tmp_path / "fr"])
    assert result.stderr == "6 contrats écrits\n"
    text = (tmp_path / "fr" / "mbeaumont--lchevalier.md").read_text(encoding="utf-8")
    assert "(mentoré·e)" in text and "Vous vous rencontrez une fois par mois" in text
    result = run(["contracts", cohort, "--out", tmp_path / "en"], env={"MENTORCLI_LANG": "en"})
    assert result.stderr == "6 contracts written\n"
    assert "# Mentoring agreement" in (tmp_path / "en" / "mbeaumont--lchevalier.md").read_text()


def test_contract_messages_in_french(tmp_path, run):
    cohort = cohort_copy(tmp_path, FRENCH)
    out = tmp_path / "contrats"
    assert run(["contracts", cohort, "--out", out]).stderr == "6 contrats écrits\n"
    assert run(["contracts", cohort, "--out", out]).stderr == "0 contrat écrit, 6 déjà à jour\n"
    missing = run(["contracts", cohort, "--out", out, "--pair", "mbeaumont:tvogel"])
    assert missing.exit_code == 2
    assert missing.stderr.endswith("aucun binôme mbeaumont:tvogel dans cette cohorte\n")
    bad = run(["contracts", cohort, "--out", out, "--pair", "nimportequoi"])
    assert bad.exit_code == 2
    assert f"--pair 'nimportequoi'{NBSP}: attendu deux identifiants" in bad.stderr
    english = cohort_copy(tmp_path, ENGLISH)
    said = run(["contracts", english, "--out", tmp_path / "en"])
    assert said.stderr == "2 contracts written\n"


# ------------------------------------------------------------------ calendars


def test_an_english_calendar_from_a_french_cohort_has_no_french_word(tmp_path, run):
    cohort = cohort_copy(tmp_path, FRENCH)
    out = tmp_path / "ics"
    result = run(["--lang", "en", "schedule", cohort, "--out", out], env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "6 calendars written\n"
    for path in sorted(out.glob("*.ics")):
        texts = ics_texts(path.read_bytes())
        assert "SUMMARY:Mentoring: " in texts and "X-WR-CALNAME:Mentoring: " in texts
        left = ours(texts, cohort)
        assert not french_found(left), (path.name, french_found(left))
    texts = ics_texts((out / "mbeaumont--lchevalier.ics").read_bytes())
    assert "DESCRIPTION:Mentoring meeting 1 of 11 (60 minutes), Mentorat des managers " \
           "2026.\nMentor: Martine Beaumont. Mentee: Léa Chevalier.\nPlanned by mentorcli " \
           "from the cohort file: move it together if needed." in texts
    assert "COMMENT:This timezone only works from 2025-01-01 to 2028-01-01." in texts


def test_a_french_calendar_from_an_english_cohort_has_no_english_word(tmp_path, run):
    cohort = cohort_copy(tmp_path, ENGLISH)
    out = tmp_path / "ics"
    result = run(["schedule", cohort, "--out", out, "--lang", "fr"], env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "2 agendas écrits\n"
    for path in sorted(out.glob("*.ics")):
        texts = ics_texts(path.read_bytes())
        left = ours(texts, cohort)
        assert not english_found(left), (path.name, english_found(left))
    texts = ics_texts((out / "dkim--jmorales.ics").read_bytes())
    assert f"X-WR-CALNAME:Mentorat{NBSP}: Daniel Kim et Javier Morales" in texts
    assert f"Mentor{NBSP}: Daniel Kim. Mentoré·e{NBSP}: Javier Morales.\nDate prévue par " \
           f"mentorcli d’après le fichier de la cohorte{NBSP}: déplacez-la d’un commun " \
           "accord si besoin." in texts
    assert "DESCRIPTION:Rencontre de mentorat 1 sur " in texts
    assert "COMMENT:Ce fuseau horaire n’est valable que du 1er janvier 2025 au 1er janvier " \
           "2028." in texts  # icalendar's English comment of the VTIMEZONE, said in French


def sequences(path: Path) -> list[int]:
    return [int(line.split(":")[1]) for line in unfolded(path.read_bytes()).split("\r\n")
            if line.startswith("SEQUENCE:")]


def test_the_same_language_again_keeps_the_sequence_another_raises_it_once(tmp_path, run):
    cohort = cohort_copy(tmp_path, FRENCH)
    out = tmp_path / "ics"
    calendar = out / "mbeaumont--lchevalier.ics"
    assert run(["schedule", cohort, "--out", out], env=TODAY).exit_code == 0
    french = calendar.read_bytes()
    assert set(sequences(calendar)) == {0}
    again = run(["schedule", cohort, "--out", out], env=TODAY)
    assert again.stderr == "0 agenda écrit, 6 déjà à jour\n"
    assert calendar.read_bytes() == french
    english = run(["--lang", "en", "schedule", cohort, "--out", out], env=TODAY)
    assert english.stderr == "6 calendars written\n"
    assert set(sequences(calendar)) == {1}  # the text changed: every event once
    settled = calendar.read_bytes()
    again = run(["--lang", "en", "schedule", cohort, "--out", out], env=TODAY)
    assert again.stderr == "0 calendars written, 6 already up to date\n"
    assert calendar.read_bytes() == settled


def test_schedule_messages_in_french(tmp_path, run):
    cohort = cohort_copy(tmp_path, FRENCH)
    text = cohort.read_text(encoding="utf-8")
    line = re.search(r"\n  language: fr.*\n", text)
    assert line and "\n  meetings:" not in text
    cohort.write_text(text.replace(line.group(0), line.group(0) + '  meetings: {start: "10:00", '
                                   'end: "10:30"}\n', 1), encoding="utf-8")
    refused = run(["schedule", cohort, "--out", tmp_path / "ics"], env=TODAY)
    assert refused.exit_code == 2, refused.stderr
    assert "aucun horaire libre pour " in refused.stderr
    assert f"de 10{NBSP}h à 10{NBSP}h{NBSP}30 (60 minutes chacune)" in refused.stderr
    assert f"{NNBSP}; rien n’a été écrit\n" in refused.stderr
    assert not (tmp_path / "ics").exists()


# ------------------------------------------------------------------ sign


def test_sign_speaks_french_for_a_french_cohort(tmp_path, run):
    cohort = cohort_copy(tmp_path, FRENCH)
    said = run(["sign", cohort, "kschneider", "tvogel", "--by", "coordinator", "--date",
                "2026-03-10"], env=TODAY)
    assert said.exit_code == 0, said.stderr
    assert said.stderr == (f"kschneider:tvogel{NBSP}: signature de la coordination du "
                           f"10 mars 2026 enregistrée dans {cohort}\n")
    again = run(["sign", cohort, "kschneider", "tvogel", "--by", "coordinator", "--date",
                 "2026-03-10"], env=TODAY)
    assert again.stderr == (f"kschneider:tvogel{NBSP}: la signature de la coordination du "
                            f"10 mars 2026 était déjà enregistrée{NNBSP}; rien n’a changé\n")
    moved = run(["sign", cohort, "kschneider", "tvogel", "--by", "mentee", "--date",
                 "2026-03-12"], env=TODAY)
    assert moved.exit_code == 0
    future = run(["sign", cohort, "kschneider", "tvogel", "--by", "mentor", "--date",
                  "2026-04-01"], env=TODAY)
    assert future.exit_code == 2
    assert "est dans le futur" in future.stderr
    english = run(["--lang", "en", "sign", cohort, "kschneider", "tvogel", "--by", "mentee",
                   "--date", "2026-03-13"], env=TODAY)
    assert english.stderr == (f"kschneider:tvogel: mentee signature moved from 2026-03-12 to "
                              f"2026-03-13 in {cohort}\n")


# ------------------------------------------------------------------ templates and localize


def test_a_language_without_a_template_gets_the_english_one():
    assert default_template("fr", "md") == templates_dir() / "fr" / "contract.md.j2"
    assert default_template("de", "html") == templates_dir() / "en" / "contract.html.j2"


def test_localize_follows_the_current_language():
    day = dt.date(2026, 3, 1)
    i18n.set_cli_language("fr")
    try:
        assert localize.format_date(day) == "1er mars 2026"
        assert localize.format_date(day, weekday=True) == "dimanche 1er mars 2026"
        assert localize.format_period(day, dt.date(2026, 3, 20)) == \
            "du 1er mars 2026 au 20 mars 2026"
        assert localize.cadence_label("biweekly") == "toutes les deux semaines"
        assert localize.format_number(1500000.5) == f"1{NNBSP}500{NNBSP}000,5"
        assert localize.format_percent(23.1) == f"23,1{NNBSP}%"
        assert localize.format_time(dt.time(10, 30)) == f"10{NBSP}h{NBSP}30"
        assert localize.format_date(day, "en") == "1 March 2026"  # explicit wins
    finally:
        i18n.reset()
    assert localize.format_date(day) == "1 March 2026"
    assert localize.format_period(day, day) == "1 March 2026 to 1 March 2026"
    assert localize.CADENCE_LABELS["fr"]["monthly"] == "mensuel"
    assert localize.CADENCE_LABELS["en"]["monthly"] == "monthly"


def test_a_third_language_takes_its_dates_and_numbers_from_cldr(monkeypatch):
    """A language with a catalog needs no code in localize: Babel's CLDR data has its
    months, weekdays, number symbols, percent pattern and plural rule."""
    monkeypatch.setattr(i18n, "available_languages", lambda: ("en", "de", "fr"))
    day = dt.date(2026, 1, 20)
    assert localize.format_date(day, "de") == "20. Januar 2026"
    assert localize.format_date(day, "de", weekday=True) == "Dienstag, 20. Januar 2026"
    assert localize.format_month(day, "de") == "Januar 2026"
    assert localize.format_number(1500.25, "de") == "1.500,25"
    assert localize.format_percent(23.1, "de") == f"23,1{NNBSP}%"
    assert localize.format_time(dt.time(9, 5), "de") == "09:05"
    assert [localize.is_plural(n, "de") for n in (0, 1, 2)] == [True, False, True]
    # a language Babel does not know, or with no catalog, is English
    assert localize.format_date(day, "xx") == "20 January 2026"


def test_english_formatting_never_imports_babel():
    code = ("import sys, datetime as dt\nfrom mentorcli import localize as L\n"
            "L.format_date(dt.date(2026, 1, 1)); L.format_number(1500.5); L.format_percent(3)\n"
            "L.format_period(dt.date(2026, 1, 1), dt.date(2026, 2, 1)); L.is_plural(2)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))\n")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    env.pop("MENTORCLI_LANG", None)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env=env)
    assert result.stdout.strip() == "[]", result.stderr


@pytest.mark.parametrize("command,french", [
    ("contracts", "Écrit un contrat de mentorat par binôme actif"),
    ("sign", "Enregistre que le mentor, le ou la mentoré·e ou la coordination"),
    ("schedule", "Planifie les rencontres de chaque binôme actif"),
])
def test_help_of_the_commands_in_french(run, command, french):
    said = run(["--lang", "fr", command, "--help"])
    assert said.exit_code == 0
    text = re.sub(r"\s+", " ", said.stdout)
    assert french in text
    assert "Seulement ce binôme." in text or command == "sign"
    english = re.sub(r"\s+", " ", run([command, "--help"]).stdout)
    assert french not in english and "Only this pair." in english or command == "sign"

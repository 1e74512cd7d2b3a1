"""Message catalogs (issue 13): the language rule, the catalogs complete and compiled, a third
catalog picked up, French typography, English unchanged, and French end to end on the paths
converted so far (reading a cohort, the store, spreadsheets, check-ins, templates)."""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mentorcli import i18n
from mentorcli.localize import NBSP, NNBSP

REPO = Path(__file__).resolve().parent.parent
LOCALE = REPO / "mentorcli" / "locale"
FRENCH_PO = LOCALE / "fr" / "LC_MESSAGES" / "mentorcli.po"
COHORT_FR = REPO / "cohorts" / "mentorat-managers-2026.yaml"

#: Words of English sentences that no French message may hold (whole words, any case).
ENGLISH_WORDS = ("the", "is", "not", "file", "check", "found", "cannot", "invalid", "error",
                 "errors", "warning", "with", "only", "remove", "rename", "nothing", "written",
                 "row", "rows", "column", "no such", "save", "read", "key", "value", "spaces")
ENGLISH = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ENGLISH_WORDS) + r")\b",
                     re.IGNORECASE)


def english_words(text: str) -> list[str]:
    """The English words of `text`, once paths, variable names and code are left out."""
    text = re.sub(r"`[^`]*`|\S*[/\\]\S*|MENTORCLI_\w+|--[\w-]+|\S+\.(?:yaml|csv|xlsx)\b", " ",
                  text)
    return ENGLISH.findall(text)


@pytest.fixture(autouse=True)
def _fresh_language(monkeypatch):
    for name in ("MENTORCLI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    i18n.reset()
    yield
    i18n.reset()


# ------------------------------------------------------------------ the rule


@pytest.mark.parametrize(("code", "expected"), [
    ("fr_FR.UTF-8", "fr"), ("fr", "fr"), ("FR", "fr"), ("fr-CA", "fr"), ("fr_BE@euro", "fr"),
    ("en_GB.UTF-8", "en"), ("C", "en"), ("POSIX", "en"), ("C.UTF-8", "en"), ("", None),
    ("  ", None), (None, None), ("123", None),
])
def test_normalize(code, expected):
    assert i18n.normalize(code) == expected


def test_the_rule_in_order():
    env = {"MENTORCLI_LANG": "fr", "LANG": "en_US.UTF-8"}
    assert i18n.language({}) == "en"
    assert i18n.language({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert i18n.language({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}) == "en"  # LC_ALL first
    assert i18n.language({"LC_ALL": "", "LC_MESSAGES": "fr_FR", "LANG": "C"}) == "fr"
    assert i18n.language({"LANG": "POSIX"}) == "en"
    with i18n.cohort_language("fr"):
        assert i18n.language({"LANG": "en_US.UTF-8"}) == "fr"  # the cohort before the locale
        assert i18n.language({"MENTORCLI_LANG": "en"}) == "en"  # the variable before the cohort
    assert i18n.language({"LANG": "en_US.UTF-8"}) == "en"  # the cohort's language is scoped
    assert i18n.language(env) == "fr"
    i18n.set_cli_language("en")
    assert i18n.language(env) == "en"  # --lang before everything
    with i18n.cohort_language("fr"):
        assert i18n.language(env) == "en"
    i18n.reset()
    i18n.set_cohort_language("fr")
    assert i18n.language({}) == "fr"
    i18n.set_cohort_language(None)
    assert i18n.language({}) == "en"


def test_a_language_without_catalog_is_english():
    assert i18n.language({"MENTORCLI_LANG": "de"}) == "en"
    assert i18n.language({"LANG": "de_DE.UTF-8"}) == "en"
    with i18n.cohort_language("de"):
        assert i18n.language({}) == "en"
    with pytest.raises(ValueError):
        i18n.check_language("de")
    assert i18n.check_language("fr_FR") == "fr"


def test_sniffing_the_language_of_a_file_that_does_not_parse():
    assert i18n.sniff_language("version: 1\ncohort:\n  id: x\n  # note\n\n  language: fr  # x\n"
                               "participants:\n\t- a\n") == "fr"
    assert i18n.sniff_language("cohort:\n  language: 'en'\n") == "en"
    assert i18n.sniff_language("participants:\n  - languages: [fr]\n") is None
    assert i18n.sniff_language("cohort:\n  id: x\nrules:\n  language: 1\n") is None


def test_english_is_the_text_itself_and_opens_no_catalog(monkeypatch):
    monkeypatch.setattr(i18n, "_catalogs", {})
    message = "no such file; check the path"
    assert i18n._(message) is message
    assert i18n.ngettext("{count} row", "{count} rows", 1) == "{count} row"
    assert i18n.ngettext("{count} row", "{count} rows", 0) == "{count} rows"
    assert i18n._catalogs == {}


def test_french_plurals_and_typography():
    with i18n.cohort_language("fr"):
        assert i18n.ngettext("{count} row", "{count} rows", 0) == "{count} ligne"
        assert i18n.ngettext("{count} row", "{count} rows", 1) == "{count} ligne"
        assert i18n.ngettext("{count} row", "{count} rows", 2) == "{count} lignes"
        said = i18n._("no such file; check the path")
        assert said == f"fichier introuvable{NNBSP}; vérifiez le chemin"
        assert i18n._("cannot be read: permission denied") == \
            f"ne peut pas être lu{NBSP}: permission refusée"
        assert i18n.number(1_500_000) == f"1{NNBSP}500{NNBSP}000"
    assert i18n.translate_to("fr", "valid") == "valide"
    assert i18n.translate_to("en", "valid") == "valid"


# ------------------------------------------------------------------ the catalogs


def extracted() -> dict[str, tuple[str, ...]]:
    """Every message of the code, as Babel extracts it with babel.cfg: {msgid: ids}."""
    from babel.messages.extract import extract_from_dir

    found: dict[str, tuple[str, ...]] = {}
    method_map = [("mentorcli/**.py", "python")]
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(REPO), method_map=method_map):
        ids = message if isinstance(message, tuple) else (message,)
        found[ids[0]] = ids
    return found


def catalog(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle)


def test_babel_cfg_is_what_the_tests_extract_with():
    assert "[python: mentorcli/**.py]" in (REPO / "babel.cfg").read_text()


def test_every_message_has_a_french_translation():
    """Fails when a message of the code has no French translation (run the Babel commands of
    docs/languages.md: extract, update, translate, compile)."""
    code = extracted()
    assert len(code) > 100
    french = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog(FRENCH_PO) if m.id}
    missing = sorted(set(code) - set(french))
    assert not missing, f"not in fr.po: {missing[:5]}"
    untranslated = [m for m in french.values() if m.fuzzy or not all(
        (m.string,) if isinstance(m.string, str) else m.string)]
    assert not untranslated, [m.id for m in untranslated[:5]]
    obsolete = sorted(set(french) - set(code))
    assert not obsolete, f"in fr.po but no longer in the code: {obsolete[:5]}"


def test_the_template_holds_the_messages_of_the_code():
    template = {m.id if isinstance(m.id, str) else m.id[0] for m in
                catalog(LOCALE / "mentorcli.pot") if m.id}
    assert template == set(extracted())


def test_translations_keep_the_placeholders():
    for message in catalog(FRENCH_PO):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"\{(\w*)\}", ids[-1]))
        for string in strings:
            used = set(re.findall(r"\{(\w*)\}", string))
            # a singular may leave out its count ("aucun fichier"), never add a name
            assert used <= wanted and (used == wanted or len(ids) == 2), (ids[0], string)


def test_french_translations_are_written_with_plain_spaces():
    """The typography is one rule (localize.french_spacing), applied when a sentence is
    said: the catalog holds ordinary spaces, and punctuation that needs one has it."""
    for message in catalog(FRENCH_PO):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            assert NBSP not in string and NNBSP not in string, string
            bare = re.sub(r"\{\w*\}|`[^`]*`|'[^']*'|https?://\S+|!!\w+", "", string)
            assert not re.search(r"[^\s(«][;!?]", bare), string
            assert not re.search(r"\w:(?!\s*$)\s", bare.split("}: ", 1)[-1]), string


def test_inclusive_style_is_the_middle_dot():
    """docs/languages.md: French names people with the middle dot (mentoré·e, participant·es),
    never with brackets or a capital E."""
    strings = "\n".join(s for m in catalog(FRENCH_PO) if m.id for s in
                        ((m.string,) if isinstance(m.string, str) else m.string))
    assert "participant·e" in strings and "mentoré·e" in strings
    # a capital E glued to a lower-case word (mentoréE), not a word in capitals (LIGNE, DATE)
    assert not re.search(r"\w\((?:e|es)\)|\w\.e\b|[a-zàâçéèêëîïôûù]E\b", strings)
    assert re.search(r"[a-zàâçéèêëîïôûù]E\b", "un·e mentoréE")


def test_compiled_catalogs_are_current():
    """The .mo files shipped in the wheel say what their .po files say (compile after editing
    a .po: `pybabel compile -d mentorcli/locale -D mentorcli`)."""
    languages = [p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES").is_dir()]
    assert "fr" in languages
    for language in languages:
        folder = LOCALE / language / "LC_MESSAGES"
        with (folder / "mentorcli.mo").open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        count = 0
        for message in catalog(folder / "mentorcli.po"):
            if not message.id:
                continue
            count += 1
            if isinstance(message.id, tuple):
                for n, string in ((1, message.string[0]), (5, message.string[-1])):
                    assert compiled.ngettext(*message.id, n) == string, message.id
            else:
                assert compiled.gettext(message.id) == message.string, message.id
        assert len([k for k in compiled._catalog if k]) >= count  # noqa: SLF001


def test_the_wheel_ships_the_compiled_catalogs():
    import tomllib

    data = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "locale/*/LC_MESSAGES/*.mo" in data["package-data"]["mentorcli"]
    shipped = Path(i18n.__file__).parent / "locale" / "fr" / "LC_MESSAGES" / "mentorcli.mo"
    assert shipped.is_file()
    assert i18n.available_languages() == ("en", "fr")


# ------------------------------------------------------------------ a third catalog


def third_catalog(folder: Path) -> Path:
    """The shipped catalogs plus a pseudo-language `xx` (every message between brackets)."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    locale = folder / "locale"
    shutil.copytree(LOCALE, locale)
    pseudo = Catalog(locale=None, domain="mentorcli")
    pseudo.plural_forms  # noqa: B018 - two forms, as English
    for msgid, ids in extracted().items():
        if len(ids) == 2:
            pseudo.add(ids, (f"[[{ids[0]}]]", f"[[{ids[1]}]]"))
        else:
            pseudo.add(msgid, f"[[{msgid}]]")
    target = locale / "xx" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "mentorcli.mo").open("wb") as handle:
        write_mo(handle, pseudo)
    return locale


def test_a_third_catalog_is_picked_up(tmp_path, monkeypatch, run):
    monkeypatch.setattr(i18n, "LOCALE_DIR", third_catalog(tmp_path))
    assert i18n.available_languages() == ("en", "fr", "xx")
    missing = tmp_path / "missing.yaml"
    said = "[[no such file; check the path]]"
    result = run(["--lang", "xx", "validate", missing])
    assert result.exit_code == 2
    assert f"{missing}: {said}" in result.stderr
    for env in ({"MENTORCLI_LANG": "xx"}, {"LANG": "xx_YY.UTF-8"}, {"LC_ALL": "xx"}):
        result = run(["validate", missing], env=env)
        assert said in result.stderr, env
    result = run(["--lang", "fr", "validate", missing], env={"MENTORCLI_LANG": "xx"})
    assert "fichier introuvable" in result.stderr


# ------------------------------------------------------------------ end to end


def french_cohort(tmp_path: Path, text_from: str = "", text_to: str = "") -> Path:
    target = tmp_path / "mentorat.yaml"
    text = COHORT_FR.read_text(encoding="utf-8")
    if text_from:
        assert text_from in text
        text = text.replace(text_from, text_to, 1)
    target.write_text(text, encoding="utf-8")
    return target


def assert_french(text: str) -> None:
    assert text.strip()
    assert not english_words(text), (english_words(text), text)


def test_a_broken_french_cohort_is_refused_in_french(tmp_path, run):
    path = french_cohort(tmp_path, "  kind: classic ", "\tkind: classic ")
    result = run(["validate", path])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{path}:")
    assert f"YAML non valide{NBSP}: une tabulation sert d’indentation" in result.stderr
    assert_french(result.stderr)
    assert_french(result.stdout.replace(str(path), ""))
    assert result.stdout.strip().endswith("non valide, 1 erreur")


def test_a_french_cohort_gives_english_with_lang_en(tmp_path, run):
    path = french_cohort(tmp_path, "  kind: classic ", "\tkind: classic ")
    result = run(["--lang", "en", "validate", path])
    assert "invalid YAML: a tab is used for indentation" in result.stderr
    result = run(["validate", path], env={"MENTORCLI_LANG": "en", "LANG": "fr_FR.UTF-8"})
    assert "invalid YAML: a tab is used for indentation" in result.stderr


@pytest.mark.parametrize(("old", "new", "words"), [
    ("version: 1 ", "<<<<<<< HEAD\nversion: 1 ", "conflit de fusion non résolu"),
    ("  kind: classic ", "  kind: classic\n  kind: peer\n  x:", "en double"),
    ("  name: Mentorat des managers 2026", "  name: 'Mentorat des managers 2026",
     "n’est pas fermé sur sa ligne"),
    ("  kind: classic ", "  kind: !!int classic ", "n’est pas une valeur !!int valide"),
])
def test_reading_errors_of_a_french_cohort_are_french(tmp_path, run, old, new, words):
    path = french_cohort(tmp_path, old, new)
    for args in (["validate", path], ["report", path], ["--lang", "fr", "validate", path]):
        result = run(args)
        assert result.exit_code == 2, result.stderr
        assert words in result.stderr
        assert_french(result.stderr)


def test_read_errors_in_french_by_lang_variable_and_locale(tmp_path, run):
    folder = tmp_path / "dossier"
    folder.mkdir()
    cases = [
        (["--lang", "fr", "validate", tmp_path / "absent.yaml"], {},
         f"fichier introuvable{NNBSP}; vérifiez le chemin"),
        (["validate", folder], {"MENTORCLI_LANG": "fr"},
         f"est un dossier, pas un fichier de cohorte{NNBSP}; indiquez un fichier .yaml"),
        (["report", tmp_path / "absent.yaml"], {"LANG": "fr_FR.UTF-8"}, "fichier introuvable"),
    ]
    for args, env, said in cases:
        result = run(args, env=env)
        assert result.exit_code == 2
        assert said in result.stderr
        assert_french(result.stderr)


def test_an_unknown_lang_is_refused(run, tmp_path):
    result = run(["--lang", "de", "validate", tmp_path / "x.yaml"])
    assert result.exit_code == 2
    assert result.stderr == "--lang de: no such language; use one of en, fr\n"


def test_spreadsheet_and_checkin_errors_in_french(tmp_path, run):
    cohort = french_cohort(tmp_path)
    empty = tmp_path / "personnes.csv"
    empty.write_bytes(b"")
    result = run(["--lang", "fr", "import", cohort, empty, "--role", "mentee"])
    assert result.exit_code == 2
    assert f"est vide{NNBSP}; exportez les personnes" in result.stderr
    assert_french(result.stderr)
    ods = tmp_path / "personnes.ods"
    ods.write_bytes(b"not a zip")
    result = run(["--lang", "fr", "import", cohort, ods, "--role", "mentee"])
    assert "est un classeur OpenDocument" in result.stderr
    assert_french(result.stderr)
    checkins = tmp_path / "suivi.csv"
    checkins.write_text("mentor;durée\namartin;60\n", encoding="utf-8")
    result = run(["--lang", "fr", "log", cohort, "--from-csv", checkins])
    assert result.exit_code == 2
    assert f"ligne 1{NBSP}: colonnes manquantes mentee, date" in result.stderr
    assert_french(result.stderr)


def test_english_messages_are_unchanged(tmp_path, run):
    result = run(["validate", tmp_path / "absent.yaml"], env={"LANG": "C.UTF-8"})
    assert result.stderr == f"{tmp_path / 'absent.yaml'}: no such file; check the path\n"
    assert result.stdout == f"{tmp_path / 'absent.yaml'}: invalid, 1 error\n"


def test_help_loads_no_catalog_and_no_babel():
    code = ("import sys\nfrom mentorcli.cli import main\nsys.argv=['mentorcli','--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "from mentorcli import i18n\n"
            "print('LOADED', sorted(m for m in sys.modules if m.split('.')[0] == 'babel'), "
            "i18n._catalogs)\n")
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLUMNS": "100"}
    env.pop("MENTORCLI_LANG", None)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env=env)
    assert "LOADED [] {}" in result.stdout, result.stdout + result.stderr
    assert "--lang" in result.stdout
    # French help opens the French catalog (tests/test_lang_shell.py), still without Babel
    env["MENTORCLI_LANG"] = "fr"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env=env)
    assert "LOADED [] {" in result.stdout and "'fr')" in result.stdout, result.stdout
    assert "Afficher cette aide et quitter." in result.stdout


def test_the_readme_example_prints_what_it_shows(tmp_path, run, monkeypatch):
    """README.md, Languages: each `$ mentorcli ...` line prints the lines below it (the no-break
    spaces of French typography shown as spaces)."""
    import shlex

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Languages\n", 1)[1].split("\n## ", 1)[0]
    block = re.findall(r"```console\n(.*?)```", section, re.S)[-1]  # the unreadable file
    (tmp_path / "mentorat.yaml").write_text(
        "cohort:\n  id: mentorat-2026\n  language: fr\n\tkind: classic\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    examples = re.findall(r"^\$ (.*)\n((?:(?!\$ ).*\n)*)", block, re.M)
    assert len(examples) == 3
    for line, shown in examples:
        words = shlex.split(line.split("#", 1)[0])
        env = dict(w.split("=", 1) for w in words if "=" in w and not w.startswith("-"))
        args = [w for w in words if w not in {f"{k}={v}" for k, v in env.items()}][1:]
        result = run(args, env=env)
        said = (result.stderr + result.stdout).replace(NBSP, " ").replace(NNBSP, " ")
        assert sorted(said.splitlines()) == sorted(shown.splitlines()), (line, said)


def test_an_english_cohort_stays_english_under_a_french_locale(tmp_path, run):
    """The cohort's language comes before the locale."""
    path = tmp_path / "cohort.yaml"
    path.write_text("cohort:\n  id: c\n  language: en\n\tkind: classic\n", encoding="utf-8")
    result = run(["validate", path], env={"LANG": "fr_FR.UTF-8"})
    assert result.exit_code == 2
    assert "invalid YAML: found a tab character that violates indentation; YAML indents with " \
        "spaces only" in result.stderr
    assert result.stdout == f"{path}: invalid, 1 error\n"
    assert not re.search(r"[éèàù’]|\b(?:ligne|fichier|valide|erreur)\b", result.stderr)
    result = run(["validate", tmp_path / "absent.yaml"], env={"LANG": "fr_FR.UTF-8"})
    assert "fichier introuvable" in result.stderr  # no cohort read: the locale


def test_json_keeps_its_keys_and_codes_in_french(tmp_path, run):
    import json

    path = french_cohort(tmp_path, "  kind: classic ", "\tkind: classic ")
    english = json.loads(run(["--lang", "en", "validate", "--format", "json", path]).stdout)
    french = json.loads(run(["validate", "--format", "json", path]).stdout)
    finding_en, finding_fr = english["files"][0]["findings"][0], french["files"][0]["findings"][0]
    assert finding_fr.pop("message").startswith(f"YAML non valide{NBSP}:")
    assert finding_en.pop("message").startswith("invalid YAML:")
    assert finding_fr == finding_en  # file, line, column, path, severity: the same
    del english["files"][0]["findings"], french["files"][0]["findings"]
    assert english == french


def test_decimals_and_numbers_in_french():
    assert i18n.decimal("1.5") == "1.5"
    with i18n.cohort_language("fr"):
        assert i18n.decimal("1.5") == "1,5"
        assert i18n.number(2.5, 1) == "2,5"
        from mentorcli.documents.templating import _mb

        assert _mb(1024 * 1024 * 3 // 2) == "1,5"


def test_how_a_sheet_was_read_in_french():
    from mentorcli.importing.spreadsheet import parse_csv_bytes

    sheet = parse_csv_bytes(b"\xef\xbb\xbfa;b\n1;2\n3;4\n", "x.csv")
    assert sheet.describe() == "x.csv: UTF-8 with BOM, semicolon separated, 2 rows"
    with i18n.cohort_language("fr"):
        assert sheet.describe() == "x.csv: UTF-8 avec BOM, séparé par des points-virgules, 2 lignes"


def test_an_empty_message_stays_empty():
    with i18n.cohort_language("fr"):
        assert i18n._("") == ""


def test_any_locale_string_gives_a_code_or_none_and_any_text_a_sniff():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.text(max_size=40), st.text(max_size=300))
    def check(code, text):
        normalized = i18n.normalize(code)
        assert normalized is None or re.fullmatch(r"[a-z]{2,3}", normalized)
        assert i18n.language({"LANG": code}) in i18n.available_languages()
        sniffed = i18n.sniff_language(text)
        assert sniffed is None or re.fullmatch(r"[A-Za-z]{2}", sniffed)

    check()

"""The CLI shell in the user's language: --help (by MENTORCLI_LANG, the locale or --lang read
before Click parses), Click's own words and usage errors, and English right after French in
the same process (help texts are kept as English msgids and translated when shown)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentorcli import i18n

NBSP, NNBSP = "\u00a0", "\u202f"
EXE = Path(sys.executable).with_name("mentorcli")

#: English words of the help page and of Click's errors that French must not show.
ENGLISH_HELP = ("Usage:", "Show this message and exit.", "Options:", "Commands:", "Example:",
                "[required]", "Print the version and exit.", "Try '", "Error:")


def plain(text: str) -> str:
    """French typography's no-break spaces shown as spaces."""
    return text.replace(NBSP, " ").replace(NNBSP, " ")


def words(text: str) -> str:
    """Text with its line wrapping undone (help wraps at the terminal's width)."""
    return re.sub(r"\s+", " ", plain(text))


def english_free(text: str) -> None:
    for word in ENGLISH_HELP:
        assert word not in text, (word, text)


FRENCH_ROOT_HELP = [
    "Utilisation : mentorcli [OPTIONS] COMMAND [ARGS]...",
    "Options :",
    "Commandes :",
    "Afficher la version et quitter.",
    "Afficher cette aide et quitter.",
]


def assert_french_root_help(text: str) -> None:
    said = words(text)
    for line in FRENCH_ROOT_HELP:
        assert line in said, (line, text)
    assert "Utilisation\u00a0: mentorcli" in text  # the typography of the catalog's colon
    english_free(text)


def assert_english_root_help(text: str) -> None:
    assert text.startswith("Usage: mentorcli [OPTIONS] COMMAND [ARGS]...\n"), text
    assert "Show this message and exit." in text and "Commands:" in text
    assert "Afficher" not in text and "Utilisation" not in text


# ------------------------------------------------------------------ in process (CliRunner)


def test_help_in_french_by_mentorcli_lang_then_english_in_the_same_process(run):
    french = run(["--help"], env={"MENTORCLI_LANG": "fr"})
    assert french.exit_code == 0
    assert_french_root_help(french.stdout)
    english = run(["--help"])
    assert english.exit_code == 0
    assert_english_root_help(english.stdout)
    # and back: nothing was frozen in the language of the first call
    assert_french_root_help(run(["--help"], env={"MENTORCLI_LANG": "fr"}).stdout)


def test_command_help_in_french_by_the_locale(run, monkeypatch):
    monkeypatch.delenv("LC_ALL")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    result = run(["pair", "--help"])
    assert result.exit_code == 0
    said = words(result.stdout)
    assert said.startswith("Utilisation : mentorcli pair [OPTIONS] FILE ")
    assert "Arguments :" in said and "Options :" in said and "[obligatoire]" in said
    assert "Exemple : mentorcli pair cohort.yaml --dry-run --history cohort-2025.yaml" in said
    english_free(result.stdout)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert run(["pair", "--help"]).stdout.startswith("Usage: mentorcli pair [OPTIONS] FILE\n")


@pytest.mark.parametrize("args", [["--lang", "fr", "--help"], ["--lang=fr", "--help"],
                                  ["--lang", "fr", "-q", "--help"]])
def test_help_in_french_by_lang_before_click_parses(run, args):
    result = run(args)
    assert result.exit_code == 0
    assert_french_root_help(result.stdout)
    assert_english_root_help(run(["--help"]).stdout)


def test_command_help_in_french_by_lang(run):
    result = run(["--lang", "fr", "end", "--help"])
    said = words(result.stdout)
    assert said.startswith("Utilisation : mentorcli end [OPTIONS] FILE MENTOR MENTEE ")
    assert 'Exemple : mentorcli end cohort.yaml amartin jdupont --reason "mutation à Lyon"' \
        in said
    english_free(result.stdout)
    english = run(["end", "--help"]).stdout
    assert 'Example:\n    mentorcli end cohort.yaml amartin jdupont --reason "mentee moved to ' \
        'Lyon"' in english


def test_lang_en_gives_english_help_under_a_french_environment(run):
    result = run(["--lang", "en", "--help"], env={"MENTORCLI_LANG": "fr"})
    assert_english_root_help(result.stdout)


def test_every_translated_help_text_is_shown_in_french(run):
    """Each help text of a command (its own, its options' and arguments') that the catalog
    translates is shown translated: the mechanism works for every command module."""
    from typer.main import get_command

    from mentorcli.cli import app

    group = get_command(app)
    checked = 0
    for name, command in group.commands.items():
        texts = [command.help or ""] + [p.help or "" for p in command.params]
        french = [i18n.translate_to("fr", t) for t in texts if t]
        french = [f for f, t in zip(french, [t for t in texts if t], strict=True) if f != t]
        if not french:
            continue
        shown = re.sub(r"\s+", "", plain(run(["--lang", "fr", name, "--help"]).stdout))
        for text in french:
            first = re.sub(r"\s+", "", plain(text).split("\f")[0])
            assert first[:60] in shown, (name, text)
            checked += 1
    shown = words(run(["--lang", "fr", "--help"]).stdout)
    for text in ("Langue des messages et des documents : en, fr.",
                 "Aucun message ni avancement sur stderr ; les erreurs"):
        assert text in shown


def test_a_help_text_made_at_import_is_english_msgid(monkeypatch):
    monkeypatch.setenv("MENTORCLI_LANG", "fr")
    assert i18n._("Print the version and exit.") == "Afficher la version et quitter."
    with i18n.source_text():
        assert i18n.language() == "en"
        assert i18n._("Print the version and exit.") == "Print the version and exit."
    assert i18n.language() == "fr"


# ------------------------------------------------------------------ Click's usage errors


def error_lines(result) -> list[str]:
    return plain(result.stderr).splitlines()


def test_no_such_option_in_french_and_english(run):
    french = run(["--lang", "fr", "pair", "--bogus"])
    assert french.exit_code == 2
    assert error_lines(french) == [
        "Utilisation : mentorcli pair [OPTIONS] FILE",
        "Essayez « mentorcli pair -h » pour l’aide.",
        "",
        "Erreur : l’option --bogus n’existe pas",
    ]
    english = run(["pair", "--bogus"])
    assert english.exit_code == 2
    assert english.stderr.splitlines() == [
        "Usage: mentorcli pair [OPTIONS] FILE", "Try 'mentorcli pair -h' for help.", "",
        "Error: No such option: --bogus"]


def test_an_unknown_global_option_in_french_before_the_command(run):
    result = run(["--lang", "fr", "--bogus"])
    assert result.exit_code == 2
    assert error_lines(result)[-1] == "Erreur : l’option --bogus n’existe pas"


@pytest.mark.parametrize(("args", "said"), [
    (["sign", "c.yaml", "a", "b"],
     "Erreur : il manque l’option « --by ». Choisissez parmi : mentor, mentee, coordinator."),
    (["pair"], "Erreur : il manque l’argument « FILE »."),
    (["report", "c.yaml", "--format", "nope"],
     "Erreur : valeur invalide pour « --format » : « nope » n’est pas l’une des valeurs "
     "possibles : « table », « markdown », « csv », « json », « html », « xlsx »."),
    (["log", "c.yaml", "a", "b", "--minutes", "abc"],
     "Erreur : valeur invalide pour « --minutes » : un nombre entier est attendu"),
    (["pai"], "Erreur : la commande « pai » n’existe pas. Vouliez-vous dire « pair », "
              "« explain » ?"),
    (["pair", "a", "b", "c"], "Erreur : arguments en trop (b c)"),
    (["report", "--as-of"], "Erreur : l’option « --as-of » attend une valeur."),
])
def test_click_usage_errors_for_a_french_user(run, args, said):
    result = run(args, env={"MENTORCLI_LANG": "fr"})
    assert result.exit_code == 2
    lines = error_lines(result)
    assert lines[-1] == said
    english_free(result.stderr)
    english = run(args)
    assert "Error: " in english.stderr and "Erreur" not in english.stderr


def test_no_arguments_shows_the_help_in_french(run):
    result = run([], env={"MENTORCLI_LANG": "fr"})
    assert "Utilisation : mentorcli [OPTIONS] COMMAND" in plain(result.stdout + result.stderr)


# ------------------------------------------------------------------ output and writers


def test_xlsx_on_a_terminal_is_refused_in_french():
    import io

    from mentorcli import runtime
    from mentorcli.cli.output import export_table
    from mentorcli.errors import UsageError

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    with runtime.fixed(stdout=Terminal()), i18n.cohort_language("fr"), \
            pytest.raises(UsageError) as refused:
        export_table("xlsx", "t", ["a"], [["1"]], "fr")
    assert plain(str(refused.value)) == ("--format xlsx écrit un fichier binaire : "
                                         "redirigez-le, par exemple `> scores.xlsx`")
    with runtime.fixed(stdout=Terminal()), pytest.raises(UsageError) as refused:
        export_table("xlsx", "t", ["a"], [["1"]], "en")
    assert str(refused.value) == "--format xlsx writes a binary file: redirect it, e.g. " \
                                 "`> scores.xlsx`"


# ------------------------------------------------------------------ the real entry point


def entry_point(args: list[str], **env: str | None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COLUMNS": "100"}
    for name, value in env.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, timeout=60,
                          env=environment)


def test_the_installed_command_speaks_french_help():
    by_variable = entry_point(["--help"], MENTORCLI_LANG="fr")
    assert by_variable.returncode == 0
    assert_french_root_help(by_variable.stdout)
    by_locale = entry_point(["pair", "--help"], LC_ALL=None, LANG="fr_FR.UTF-8")
    assert words(by_locale.stdout).startswith("Utilisation : mentorcli pair [OPTIONS] FILE")
    english_free(by_locale.stdout)
    by_option = entry_point(["--lang", "fr", "--help"])
    assert_french_root_help(by_option.stdout)
    by_option = entry_point(["--lang", "fr", "pair", "--help"])
    assert words(by_option.stdout).startswith("Utilisation : mentorcli pair [OPTIONS] FILE")
    error = entry_point(["--lang", "fr", "pair", "--bogus"])
    assert error.returncode == 2
    assert plain(error.stderr).splitlines()[-1] == "Erreur : l’option --bogus n’existe pas"


def test_the_installed_command_help_is_english_and_fast():
    """English --help opens no catalog (tests/test_i18n.py) and stays quick: measured against
    a Python that only imports Typer, in the same run (other jobs slow both alike; the
    absolute target, 0.15 s, is bench/bench_validate.py's). A heavy import (numpy, Babel,
    rich tables) or a catalog read at start-up would show here."""
    typer_only = [sys.executable, "-c", "import typer.main"]
    helps, baselines = [], []
    for _ in range(3):
        started = time.perf_counter()
        result = entry_point(["--help"])
        helps.append(time.perf_counter() - started)
        assert result.returncode == 0
        assert_english_root_help(result.stdout)
        started = time.perf_counter()
        subprocess.run(typer_only, capture_output=True, check=True, timeout=60)
        baselines.append(time.perf_counter() - started)
    assert min(helps) < 2.5 * min(baselines), (helps, baselines)


def test_help_texts_are_not_frozen_in_the_language_of_the_import():
    """The app imported by a French process (the command modules' `help=_(...)` run then)
    still shows English help when English is asked, and French when French is."""
    code = (
        "import os\nos.environ['MENTORCLI_LANG'] = 'fr'\n"
        "from mentorcli.cli import app\nfrom typer.main import get_command\n"
        "from typer.testing import CliRunner\n"
        "del os.environ['MENTORCLI_LANG']\nos.environ['LC_ALL'] = 'C.UTF-8'\n"
        "texts = [p.help for c in get_command(app).commands.values() for p in c.params "
        "if p.help]\n"
        "print('ENGLISH', CliRunner().invoke(app, ['log', '--help']).stdout)\n"
        "from mentorcli import i18n\n"
        "table = i18n._catalog('fr')._catalog\n"
        "french = {i18n.typeset(v, 'fr') for k, v in table.items() if isinstance(k, str) "
        "and k != v}\n"
        "print('FROZEN', sum(t in french for t in texts))\n"
        "print('FRENCH', CliRunner().invoke(app, ['--lang', 'fr', 'log', '--help'])"
        ".stdout)\n"
        "print('KEPT', sum(i18n.translate_to('fr', t) != t for t in texts))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env={**os.environ, "COLUMNS": "100"})
    english, french = result.stdout.split("FRENCH", 1)
    assert "Usage: mentorcli log" in english and "Show this message" in english
    assert "Afficher" not in english and "Utilisation" not in english
    assert "obligatoire" not in english
    assert english.count("[required]") >= 1 and "Example:" in english
    assert "Utilisation" in french and "Afficher cette aide et quitter." in french
    # the help texts kept are the English msgids, which the catalog translates; none is French
    kept = int(french.rsplit("KEPT", 1)[1])
    assert kept > 0, result.stdout + result.stderr
    assert re.search(r"FROZEN 0\n", english), english

"""Issue 13 for pairing: `pair`, `explain` and `scores` speak the catalogs in mentorcli's
language (`--lang` > MENTORCLI_LANG > the cohort's language > the locale): a French cohort
with `--lang en` gives clean English, an English cohort with `--lang fr` clean French; JSON
keys, codes and CSV column names never change; the `why` written into the file stays in the
cohort's language; French elides `de` before a vowel (`les places d’asroux-mercier`)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from mentorcli import i18n
from mentorcli.pairing.phrases import elide, fill

REPO = Path(__file__).resolve().parent.parent
FRENCH = REPO / "cohorts" / "mentorat-managers-2026.yaml"
ENGLISH = REPO / "cohorts" / "reverse-digital-2026.yaml"
NBSP, NNBSP = "\u00a0", "\u202f"

#: Words of pairing's English that none of its French sentences holds.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|is|not|no|with|without|written|wrote|proposed|kept|unmatched|unchanged|"
    r"new|replaced|updated|dry|run|covers|shares|speak|speaks|asked|years?|experience|"
    r"different|departments|same|given|neutral|working|hours|manager|forbidden|"
    r"allowed|why|factor|value|weight|detail|note|gets|instead|proposing|"
    r"would|mentee|mentees|nobody|compatible|rule|broken|withdrawn|of|in|for|by|or|"
    r"common|free|pair)\b")
#: Words of pairing's French that none of its English sentences holds.
FRENCH_WORDS = re.compile(
    r"\b(le|la|les|des|du|de|et|ou|une|est|sont|avec|sans|aucun|aucune|binômes?|proposés?|"
    r"conservés?|nouveaux?|remplacés?|inchangés?|simulation|rien|écrit|services?|"
    r"différents|expérience|ans?|objectifs?|couverts?|commun|travail|même|pourquoi|critère|"
    r"valeur|poids|détail|remarque|interdit|autorisé|vont|propose|règles?|"
    r"mentoré·e|personne|rend|compte|directement|verrouillé)\b|[éèàùâêîôûç’]|d’|n’")


def data_words(path: Path) -> set[str]:
    """Every word of the cohort's own values (names, goal titles, departments...): data,
    not the tool's words."""
    from mentorcli.store.loading import load_cohort

    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.update(w.lower() for w in re.findall(r"[\w·'’-]+", value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(load_cohort(path).data)
    return found


def tool_words(text: str, data: set[str]) -> str:
    """`text` without paths, back-quoted commands, the file's `key: value` settings, the
    factor codes of `explain`'s first column and the cohort's data words: what is left is
    the tool's own words."""
    text = re.sub(r"\S*[/\\]\S*|\S+\.yaml\b", " ", text)
    text = re.sub(r"^(goals|objectives|department|seniority|location|preference|language) ",
                  " ", text, flags=re.M)
    text = re.sub(r"`[^`]*`|\((?:role|status|reporting_line|same_department|"
                  r"trained_mentors_only|min_seniority_gap|example): [^)]*\)", " ", text)
    return " ".join(w for w in re.findall(r"[\w·’'-]+|[^\w\s]", text)
                    if w.lower().strip("’'-") not in data | {"nobody"})


def other_language(pattern: re.Pattern[str], text: str, data: set[str]) -> list[str]:
    return sorted({m.group(0) for m in pattern.finditer(tool_words(text, data))})


def copy(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / source.name
    shutil.copyfile(source, target)
    return target


#: (cohort, --lang or None, words that must not appear): French output, then English.
CASES = [
    pytest.param(FRENCH, None, ENGLISH_WORDS, id="french-cohort"),
    pytest.param(FRENCH, "en", FRENCH_WORDS, id="french-cohort-lang-en"),
    pytest.param(ENGLISH, None, FRENCH_WORDS, id="english-cohort"),
    pytest.param(ENGLISH, "fr", ENGLISH_WORDS, id="english-cohort-lang-fr"),
]

#: explain: a forbidden pair, a pair `pair` proposes, a pair it does not (with the mentor's
#: places taken), and an unknown id.
EXPLAINED = {
    FRENCH: [("jblefevre-dupont", "lchevalier"), ("tnguyen", "lfitzgerald"),
             ("asroux-mercier", "akone"), ("mbeaumont", "lchevalier"),
             ("nobody", "akone")],
    ENGLISH: [("mokafor", "cbeaulieu-tremblay"), ("toreilly", "cbeaulieu-tremblay"),
              ("dkim", "jmorales"), ("jmorales", "dkim"), ("nobody", "rhale")],
}


@pytest.mark.parametrize(("source", "lang", "pattern"), CASES)
def test_pair_explain_scores_speak_one_language(run, tmp_path, source, lang, pattern):
    path = copy(source, tmp_path)
    data = data_words(path)
    prefix = ["--lang", lang] if lang else []
    said: list[tuple[str, str]] = []
    for args in (["pair", path, "--dry-run"], ["pair", path], ["pair", path]):
        result = run([*prefix, *args])
        assert result.exit_code == 0, result.stderr
        said += [(f"{args[0]} stdout", result.stdout), (f"{args[0]} stderr", result.stderr)]
    for mentor, mentee in EXPLAINED[source]:
        result = run([*prefix, "explain", path, mentor, mentee])
        assert result.exit_code == (2 if mentor == "nobody" else 0), result.stderr
        said += [(f"explain {mentor} {mentee}", result.stdout + result.stderr)]
    result = run([*prefix, "scores", path, "--format", "csv"])
    assert result.exit_code == 0
    said.append(("scores stderr", result.stderr))
    problems = [(where, found) for where, text in said
                if (found := other_language(pattern, text, data))]
    assert not problems, problems


def test_a_french_cohort_in_english_and_in_french(run, tmp_path):
    path = copy(FRENCH, tmp_path)
    english = run(["--lang", "en", "explain", path, "asroux-mercier", "akone"])
    assert english.stdout.splitlines()[0] == "asroux-mercier -> akone: score 0.68"
    assert "  - asroux-mercier's places (2) go to kschneider (0.77), vroussel (0.86)" in \
        english.stdout.splitlines()
    french = run(["explain", path, "asroux-mercier", "akone"])
    lines = french.stdout.splitlines()
    assert lines[0] == f"asroux-mercier -> akone{NBSP}: score 0,68"
    assert lines[-4:] == [
        f"`pair` ne propose pas ce binôme{NBSP}:",
        "  - les places d’asroux-mercier (2) vont à kschneider (0,77), vroussel (0,86)",
        "  - akone a mbeaumont à la place (0,91)",
        "  - le proposer à la place ferait baisser le score total de 0,13 (14,37 -> 14,24)",
    ]
    forbidden = run(["explain", path, "jblefevre-dupont", "lchevalier"]).stdout.splitlines()
    assert forbidden[:3] == [
        f"jblefevre-dupont -> lchevalier{NBSP}: interdit",
        "  - lchevalier rend compte directement à jblefevre-dupont (reporting_line: forbid)",
        f"score si le binôme était autorisé{NBSP}: 0,36",
    ]
    assert forbidden[3].split() == ["critère", "valeur", "poids", "contribution", "détail"]
    assert "17 ans d’expérience en plus" in forbidden[8]
    unknown = run(["explain", path, "asroux-merci", "akone"])
    assert unknown.exit_code == 2
    assert (f"aucun·e participant·e «{NBSP}asroux-merci{NBSP}» dans la cohorte "
            f"mentorat-managers-2026 (vouliez-vous dire «{NBSP}asroux-mercier{NBSP}»{NNBSP}?)"
            ) in unknown.stderr
    assert "no participant 'asroux-merci' in cohort mentorat-managers-2026 (did you mean " \
        "'asroux-mercier'?)" in run(["--lang", "en", "explain", path, "asroux-merci",
                                     "akone"]).stderr
    summary = run(["pair", path, "--dry-run"]).stderr.splitlines()[-1]
    assert summary == (f"18 binômes proposés (17 nouveaux, 1 remplacé), 6 conservés, 0 sans "
                       f"mentor{NNBSP}; simulation{NBSP}: rien n’a été écrit")
    assert run(["--lang", "en", "pair", path, "--dry-run"]).stderr.splitlines()[-1] == (
        "18 proposed (17 new, 1 replaced), 6 kept, 0 unmatched; dry run: nothing written")


def test_an_english_cohort_in_french(run, tmp_path):
    path = copy(ENGLISH, tmp_path)
    result = run(["--lang", "fr", "pair", path])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split() == ["mentor", "mentoré·e", "score",
                                                     "pourquoi"]
    assert result.stderr.splitlines()[-1] == (
        f"7 binômes proposés (6 nouveaux, 1 mis à jour), 2 conservés, 0 sans mentor{NNBSP}; "
        f"{path} écrit")
    rows = {line.split()[1]: line.split(None, 3)[3] for line in result.stdout.splitlines()[2:]}
    assert rows["rhale"] == (f"services différents{NNBSP}; la personne mentorée a 24 ans "
                             f"d’expérience en plus{NNBSP}; 8{NBSP}h de travail en commun")
    forbidden = run(["--lang", "fr", "explain", path, "jmorales", "dkim"]).stdout
    assert "  - jmorales n’est pas mentor (role: mentee)" in forbidden.splitlines()


def test_the_file_keeps_the_cohort_language_whatever_lang_says(run, tmp_path):
    """`why` is written into the cohort file in its language: `--lang` changes what `pair`
    prints, not the file (so a second run in the other language changes nothing)."""
    french, english = copy(FRENCH, tmp_path), copy(ENGLISH, tmp_path)
    assert run(["--lang", "en", "pair", french]).exit_code == 0
    assert run(["--lang", "fr", "pair", english]).exit_code == 0
    french_text = french.read_text(encoding="utf-8")
    assert "why: 'services différents" in french_text and "different departments" not in \
        french_text
    english_text = english.read_text(encoding="utf-8")
    assert "why: different departments" in english_text and "services" not in english_text
    for path, lang in ((french, "fr"), (french, "en"), (english, "en"), (english, "fr")):
        before = path.read_bytes()
        result = run(["--lang", lang, "pair", path])
        assert result.exit_code == 0
        assert path.read_bytes() == before
        assert ("inchangé" if lang == "fr" else "unchanged") in result.stderr.splitlines()[-1]
    # the same pairs and scores in both languages
    def proposals(path: Path, lang: str) -> list[tuple[str, str, float, str]]:
        data = json.loads(run(["--lang", lang, "pair", path, "--dry-run", "--format",
                               "json"]).stdout)
        return [(p["mentor"], p["mentee"], p["score"], p["change"]) for p in data["proposed"]]

    assert proposals(french, "fr") == proposals(french, "en")
    assert proposals(english, "fr") == proposals(english, "en")


@pytest.mark.parametrize("source", [FRENCH, ENGLISH], ids=["french", "english"])
def test_json_keys_codes_and_csv_columns_never_change(run, tmp_path, source):
    path = copy(source, tmp_path)

    def both(*args: object) -> tuple[str, str]:
        english = run(["--lang", "en", *args])
        french = run(["--lang", "fr", *args])
        assert english.exit_code == french.exit_code == 0
        return english.stdout, french.stdout

    def shape(value: object) -> object:
        """The keys and the codes: every text but the words (why, reason, detail, rules)."""
        if isinstance(value, dict):
            return {k: (None if k in ("why", "reason", "detail", "rules", "language")
                        else shape(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [shape(v) for v in value]
        return value

    en, fr = (json.loads(text) for text in both("pair", path, "--dry-run", "--format",
                                                 "json"))
    assert shape(en) == shape(fr)
    assert (en["language"], fr["language"]) == ("en", "fr")
    assert en["proposed"][0]["why"] != fr["proposed"][0]["why"]
    mentor, mentee = en["proposed"][0]["mentor"], en["proposed"][0]["mentee"]
    en, fr = (json.loads(text) for text in both("explain", path, mentor, mentee, "--format",
                                                 "json"))
    assert shape(en) == shape(fr)
    assert [f["factor"] for f in en["factors"]] == [f["factor"] for f in fr["factors"]]
    en, fr = both("scores", path)  # json: ids and numbers only
    assert en == fr
    en, fr = both("scores", path, "--format", "csv")
    assert en == fr
    header = next(csv.reader(io.StringIO(fr)))
    assert header[0] == "mentor"
    en, fr = both("pair", path, "--dry-run", "--format", "csv")
    assert next(csv.reader(io.StringIO(en))) == next(csv.reader(io.StringIO(fr))) == [
        "mentor", "mentee", "score", "why"]


def test_french_elision_before_a_vowel_or_a_mute_h():
    with i18n.cohort_language("fr"):
        places = "les places de {mentor} ({capacity})"
        assert fill(places, mentor="asroux-mercier", capacity=2) == (
            "les places d’asroux-mercier (2)")
        assert fill(places, mentor="émile", capacity=1) == "les places d’émile (1)"
        assert fill(places, mentor="hélène", capacity=1) == "les places d’hélène (1)"
        assert fill(places, mentor="hkonig", capacity=1) == "les places de hkonig (1)"
        assert fill(places, mentor="bob", capacity=1) == "les places de bob (1)"
        assert fill(places, mentor="yves", capacity=1) == "les places d’yves (1)"
        assert fill(places, mentor="yann", capacity=1) == "les places de yann (1)"
        assert fill("Le score que {who} a", who="Ana") == "Le score qu’Ana a"
        assert fill("De {who} à {other}", who="Ana", other="Bob") == "D’Ana à Bob"
        assert fill("le {date}", date="1er mars") == "le 1er mars"
        assert fill("{a} parle {b}", a="ana", b="de ou en") == "ana parle de ou en"
        # the template's words only: a value's own "de" before another value is kept
        assert elide("{x} {y}", {"x": "de", "y": "ana"}) == "{x} {y}"
        assert fill("{hours} h de travail", hours="8") == f"8{NBSP}h de travail"
    with i18n.cohort_language("en"):
        assert fill("the places de {mentor}", mentor="ana") == "the places de ana"
        assert fill("{hours} h of shared working hours", hours="8") == (
            "8 h of shared working hours")


def test_explain_and_reasons_follow_the_language_of_the_moment():
    """The pure functions speak mentorcli's language now, not `cohort.language`."""
    from mentorcli import pairing as P
    from mentorcli.store.loading import load_cohort

    model = load_cohort(FRENCH).model  # a French cohort
    i18n.reset()
    with i18n.cohort_language("en"):
        english = P.explain_pair(model, "jblefevre-dupont", "lchevalier")
    with i18n.cohort_language("fr"):
        french = P.explain_pair(model, "jblefevre-dupont", "lchevalier")
    assert english["language"] == "en" and french["language"] == "fr"
    assert english["forbidden_by"] == [{"rule": "reporting_line", "reason": (
        "jblefevre-dupont is lchevalier's manager (reporting_line: forbid)")}]
    assert french["forbidden_by"] == [{"rule": "reporting_line", "reason": (
        "lchevalier rend compte directement à jblefevre-dupont (reporting_line: forbid)")}]
    assert english["score"] == french["score"] is None
    assert english["would_score"] == french["would_score"]


@pytest.mark.parametrize(("source", "lang", "pattern"), CASES)
def test_the_word_lists_catch_the_other_language(run, tmp_path, source, lang, pattern):
    """The check itself: the same commands in the other language are caught."""
    path = copy(source, tmp_path)
    other = {None: "fr" if source == ENGLISH else "en", "en": "fr", "fr": "en"}[lang]
    data = data_words(path)
    for args in (["pair", path, "--dry-run"], ["explain", path, *EXPLAINED[source][0]]):
        result = run(["--lang", other, *args])
        assert other_language(pattern, result.stdout + result.stderr, data), args


def test_broken_rules_agree_with_their_count_in_both_languages():
    """validate and approve print these words (pairing.rules.broken_rules)."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from test_pairing import make, mentee, mentor

    from mentorcli.pairing.rules import broken_rules

    one = make([mentor("ana", capacity=0), mentee("bob")], [{"mentor": "ana", "mentee": "bob"}],
               language="fr")
    two = make([mentor("ana", capacity=1), mentee("bob"), mentee("cid")],
               [{"mentor": "ana", "mentee": "bob"}, {"mentor": "ana", "mentee": "cid"}])
    with i18n.cohort_language("en"):
        assert broken_rules(one, one.pairs[0]) == [
            ("capacity", "ana has 1 open pair for a capacity of 0")]
        assert broken_rules(two, two.pairs[1]) == [
            ("capacity", "ana has 2 open pairs for a capacity of 1")]
    with i18n.cohort_language("fr"):
        assert broken_rules(one, one.pairs[0]) == [
            ("capacity", "ana a 1 binôme en cours pour une capacité de 0")]
        assert broken_rules(two, two.pairs[1]) == [
            ("capacity", "ana a 2 binômes en cours pour une capacité de 1")]

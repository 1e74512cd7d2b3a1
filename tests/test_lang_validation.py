"""Issue 13, validation: `validate`, `init` and every finding of the cohort checks speak the
cohort's language (the catalogs); pydantic's own English never reaches a user.

A French cohort with many kinds of mistakes gives exact French findings at their
FILE:LINE:COL; `--lang en` gives the English ones; an English cohort stays English under a
French locale; `--format json` keeps its keys and codes; confidential values stay hidden; a
property: no pydantic English for any broken variant of a French cohort.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorcli import i18n, validation
from mentorcli.localize import NBSP, NNBSP

#: Words of English sentences that no French finding may hold (the brief's list).
ENGLISH = (" the ", "must", "should", "missing", "unknown", "expected", "field", "value",
           "error", "warning", "Input should", " got ", "did you mean", "is not", "allowed")
#: Pydantic's own English (its `msg`): never shown, in any language.
PYDANTIC = ("Input should", "Field required", "Extra inputs", "Value error", "validation error",
            "should be a valid", "String should", "List should")
#: Words of French sentences that no English finding may hold.
FRENCH = (" le ", " la ", " les ", "attendu", "trouvé", "clé", "binôme", "rencontre", "’",
          "«", "avertissement", "erreur", "non valide")

BROKEN_FR = """\
version: 1
cohort:
  id: mentorat-2026
  name: Mentorat 2026
  language: fr
  start: 2026-01-12
  end: 2026-12-18
participants:
  - id: claire-dubois
    name: Claire Dubois
    email: claire@exemple.fr
    role: mentor
    capacity: deux
    skils: [leadership]
    trained: 2026-02-30
  - id: hugo-lefevre
    name: Hugo Lefèvre
    email: hugo@exemple.fr
    role: mentoré
  - id: lea-roux
    name: Léa Roux
    role: mentee
  - id: marc-petit
    name: Marc Petit
    email: marc@exemple.fr
    role: mentor
  - id: nina-leroy
    name: Nina Leroy
    email: nina@exemple.fr
    role: mentee
  - id: nina-leroy
    name: Nina Leroy (doublon)
    email: nina.leroy@exemple.fr
    role: mentee
pairs:
  - mentor: marc-petit
    mentee: nina-lero
    status: active
sessions:
  - mentor: marc-petit
    mentee: nina-leroy
    date: 2026-1-5
    minutes: 60
    notes: [très, confidentiel]
"""

ALLOWED = ("id, name, email, role, employee_id, title, department, manager, seniority, "
           "location, timezone, languages, skills, capacity, trained, goals, objectives, "
           "prefer, avoid, anonymized, example")

BROKEN_FR_SAID = [
    "{f}:13:15: participants[0].capacity: attendu : un nombre entier ; trouvé : « deux »",
    "{f}:14:5: participants[0].skils: clé inconnue « skils » (vouliez-vous dire « skills » ?) ; "
    f"clés permises ici : {ALLOWED}",
    "{f}:15:14: participants[0].trained: « 2026-02-30 » n’est pas une date qui existe",
    "{f}:19:11: participants[1].role: attendu : « mentor », « mentee » ou « both » ; "
    "trouvé : « mentoré »",
    "{f}:20:5: participants[2]: il manque la clé obligatoire « email »",
    "{f}:27:9: participants[4].id: l’identifiant de participant·e « nina-leroy » sert 2 fois ; "
    "chaque identifiant doit être unique",
    "{f}:31:9: participants[5].id: l’identifiant de participant·e « nina-leroy » sert 2 fois ; "
    "chaque identifiant doit être unique",
    "{f}:37:13: pairs[0].mentee: « nina-lero » n’est pas un·e participant·e (vouliez-vous dire "
    "« nina-leroy » ?)",
    "{f}:42:11: sessions[0].date: écrivez les dates sous la forme AAAA-MM-JJ, par exemple "
    "2026-01-05 ; trouvé : « 2026-1-5 »",
    "{f}:44:12: sessions[0].notes: attendu : du texte ; trouvé : une valeur non affichée ici "
    "(confidentielle)",
]

BROKEN_EN_SAID = [
    "{f}:13:15: participants[0].capacity: expected a whole number, got \"deux\"",
    "{f}:14:5: participants[0].skils: unknown key 'skils' (did you mean 'skills'?); allowed "
    f"here: {ALLOWED}",
    "{f}:15:14: participants[0].trained: \"2026-02-30\" is not a real date",
    "{f}:19:11: participants[1].role: expected one of 'mentor', 'mentee' or 'both', got "
    "\"mentoré\"",
    "{f}:20:5: participants[2]: missing required key 'email'",
    "{f}:27:9: participants[4].id: participant id 'nina-leroy' is used 2 times; ids must be "
    "unique",
    "{f}:31:9: participants[5].id: participant id 'nina-leroy' is used 2 times; ids must be "
    "unique",
    "{f}:37:13: pairs[0].mentee: 'nina-lero' is not a participant (did you mean 'nina-leroy'?)",
    "{f}:42:11: sessions[0].date: write dates as YYYY-MM-DD, e.g. 2026-01-05; got \"2026-1-5\"",
    "{f}:44:12: sessions[0].notes: expected text, got a value not shown here (confidential)",
]

WARNINGS_FR = """\
version: 1
cohort:
  id: mentorat-2026
  name: Mentorat 2026
  language: fr
  start: 2026-01-12
  end: 2026-12-18
  session_minutes: 90
  meetings:
    start: "10:00"
    end: "11:00"
follow_up:
  behind_missing: 2
  at_risk_missing: 2
participants:
  - id: claire-dubois
    name: "Claire \\e[31mDubois"
    email: claire@exemple.fr
    role: mentor
    capacity: 0
    skills: [finance]
    trained: 2026-01-05
  - id: hugo-lefevre
    name: Hugo Lefèvre
    email: hugo@exemple.fr
    role: mentee
    goals: [négociation]
    example: true
pairs:
  - mentor: claire-dubois
    mentee: hugo-lefevre
    status: active
    started: 2026-02-01
  - mentor: claire-dubois
    mentee: hugo-lefevre
    status: ended
sessions:
  - mentor: claire-dubois
    mentee: hugo-lefevre
    date: 2027-01-05
    minutes: 60
"""


@pytest.fixture(autouse=True)
def _fresh_language():
    i18n.reset()
    yield
    i18n.reset()


def plain(text: str) -> str:
    """French typography's no-break spaces as plain spaces (the catalog's spelling)."""
    return text.replace(NBSP, " ").replace(NNBSP, " ")


def write(tmp_path: Path, text: str, name: str = "mentorat.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_no_english(text: str) -> None:
    """No English word, once paths, code in backticks and key names (at_risk_missing) are
    left out."""
    text = re.sub(r"`[^`]*`|\S*/\S*|\w+_\w+", " ", text)
    found = [word for word in ENGLISH if word in text]
    assert not found, (found, text)


def assert_no_french(text: str) -> None:
    found = [word for word in FRENCH if word in text]
    assert not found, (found, text)


# ------------------------------------------------------------------ validate, French cohort


def test_a_french_cohort_gets_every_finding_in_french_at_its_place(tmp_path, run):
    path = write(tmp_path, BROKEN_FR)
    result = run(["validate", path])
    assert result.exit_code == 2
    assert plain(result.stderr).splitlines() == [line.format(f=path) for line in BROKEN_FR_SAID]
    assert result.stdout == f"{path}: non valide, 10 erreurs\n"
    assert_no_english(result.stderr)
    # the typography is French: no-break spaces before ':' and '?' and inside « »
    assert (f"attendu{NBSP}: un nombre entier{NNBSP}; trouvé{NBSP}: «{NBSP}deux{NBSP}»"
            in result.stderr)
    assert "très" not in result.stderr and "confidentiel]" not in result.stderr


def test_lang_en_gives_the_english_findings_of_a_french_cohort(tmp_path, run):
    path = write(tmp_path, BROKEN_FR)
    for args, env in ((["--lang", "en", "validate", path], {}),
                      (["validate", path], {"MENTORCLI_LANG": "en"})):
        result = run(args, env=env)
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [line.format(f=path) for line in BROKEN_EN_SAID]
        assert result.stdout == f"{path}: invalid, 10 errors\n"
        assert_no_french(result.stderr.replace("mentoré", ""))


def test_warnings_and_cross_checks_of_a_french_cohort_are_french(tmp_path, run):
    path = write(tmp_path, WARNINGS_FR)
    result = run(["validate", path])
    assert result.exit_code == 2
    said = plain(result.stderr)
    assert_no_english(said)
    lines = said.splitlines()
    assert len(lines) == 10
    expected = [
        f"{path}:11:10: avertissement : cohort.meetings.end: aucune rencontre de 90 minutes ne "
        "tient entre 10:00 et 11:00 ; `schedule` place les rencontres dans cette plage : "
        "indiquez une fin (`end`) plus tardive ou un début (`start`) plus tôt",
        f"{path}:14:20: avertissement : follow_up.at_risk_missing: at_risk_missing (2) n’est pas "
        "supérieur à behind_missing (2) : aucun binôme ne peut jamais être « en retard »",
        f"{path}:17:11: avertissement : participants[0].name: contient le caractère de contrôle "
        "\\x1b, qui peut dérégler un terminal ou cacher du texte ; les rapports et les documents "
        "l’affichent échappé : supprimez-le",
        f"{path}:20:15: avertissement : participants[0].capacity: « claire-dubois » a 1 binôme "
        "actif pour une capacité de 0",
        f"{path}:27:13: avertissement : participants[1].goals[0]: aucun mentor ne propose "
        "« négociation » dans ses compétences",
        f"{path}:28:14: avertissement : participants[1].example: « hugo-lefevre » est une "
        "personne d’exemple écrite par `mentorcli init` ; `pair` ne la propose jamais : "
        "supprimez-la (avec ses binômes et ses rencontres) une fois vos vrais participant·es "
        "saisi·es",
        # lines[6]: a pairing rule, in the pairing's words (mentorcli.pairing)
        f"{path}:34:5: pairs[1]: le binôme claire-dubois -> hugo-lefevre existe déjà en "
        "pairs[0] ; gardez une seule entrée par binôme",
        f"{path}:36:13: avertissement : pairs[1].status: le binôme claire-dubois -> hugo-lefevre "
        "est terminé mais n’a pas de date `ended:` ; le 2027-01-05 (sa dernière rencontre) est "
        "retenu : rien n’est attendu après. Ajoutez `ended: AAAA-MM-JJ` au binôme",
        f"{path}:40:11: avertissement : sessions[0].date: 2027-01-05 est en dehors des dates de "
        "la cohorte (du 2026-01-12 au 2026-12-18)",
    ]
    assert lines[:6] + lines[7:] == expected
    assert lines[6].startswith(f"{path}:30:5: avertissement : pairs[0]: le binôme claire-dubois "
                               "-> hugo-lefevre (active) enfreint une règle d’appariement : ")
    assert lines[6].endswith(" ; terminez le binôme, ou écrivez la raison d’une exception dans "
                             "`exception:`")
    assert result.stdout == f"{path}: non valide, 1 erreur, 9 avertissements\n"
    english = run(["--lang", "en", "validate", path])
    assert english.stderr.splitlines()[1] == (
        f"{path}:14:20: warning: follow_up.at_risk_missing: at_risk_missing (2) is not above "
        "behind_missing (2): no pair can ever be 'behind'")
    assert english.stderr.splitlines()[3] == (
        f"{path}:20:15: warning: participants[0].capacity: 'claire-dubois' has 1 active pair but "
        "capacity 0")
    assert_no_french(english.stderr.replace("Lefèvre", "").replace("négociation", ""))


@pytest.mark.parametrize(("old", "new", "said"), [
    ("version: 1\n", "", "{f}:1:1: il manque la clé obligatoire « version » ; ajoutez "
                         "`version: 1` en tête du fichier"),
    ("version: 1\n", "version: 3\n", "{f}:1:10: version: ce fichier est au format version 3 ; "
                                     "il demande un mentorcli plus récent (celui-ci lit la "
                                     "version 1)"),
    ("  end: 2026-12-18\n", "  end: 2025-12-18\n",
     "{f}:7:8: cohort.end: la fin de la cohorte (2025-12-18) ne vient pas après son début "
     "(2026-01-12)"),
    ("  end: 2026-12-18\n", "  end: 2026-12-18\n  kind: inverse\n",
     "{f}:8:9: cohort.kind: attendu : « classic », « reverse » ou « peer » ; trouvé : "
     "« inverse »"),
    ("    capacity: 0\n", "    capacity: -1\n",
     "{f}:20:15: participants[0].capacity: doit valoir au moins 0 ; trouvé : -1"),
    ("    capacity: 0\n", "    capacity: 2.5\n",
     "{f}:20:15: participants[0].capacity: attendu : un nombre entier ; trouvé : 2.5"),
    ("    example: true\n", "    example: peut-être\n",
     "{f}:28:14: participants[1].example: attendu : true ou false ; trouvé : « peut-être »"),
    ("    skills: [finance]\n", "    skills: finance\n",
     "{f}:21:13: participants[0].skills: attendu : une liste ; trouvé : « finance »"),
    ("    email: hugo@exemple.fr\n", "    email: hugo@exemple.fr\n    manager: chef\n",
     "{f}:26:14: participants[1].manager: « chef » n’est ni un·e participant·e ni une entrée "
     "de `org`"),
    ("    email: hugo@exemple.fr\n", "    email: hugo@exemple.fr\n    timezone: Europe/Pari\n",
     "{f}:26:15: participants[1].timezone: « Europe/Pari » n’est pas un fuseau horaire connu "
     "(utilisez un nom IANA comme « Europe/Paris »)"),
    ('    end: "11:00"\n', '    end: "25:00"\n',
     "{f}:11:10: cohort.meetings.end: « 25:00 » n’est pas une heure : écrivez-la sous la forme "
     "HH:MM, par exemple « 14:30 »"),
    ("    status: active\n", "    status: actif\n",
     "{f}:32:13: pairs[0].status: attendu : « proposed », « active » ou « ended » ; trouvé : "
     "« actif »"),
    ("    minutes: 60\n", "    minutes: 0\n",
     "{f}:41:14: sessions[0].minutes: doit être supérieur à 0 ; trouvé : 0"),
    ("    minutes: 60\n", "    minutes:\n",
     "{f}:41:13: sessions[0].minutes: attendu : un nombre entier ; trouvé : rien (null)"),
])
def test_each_kind_of_schema_mistake_in_french(tmp_path, run, old, new, said):
    text = WARNINGS_FR
    assert old in text
    path = write(tmp_path, text.replace(old, new, 1))
    result = run(["validate", path])
    assert result.exit_code == 2
    stderr = plain(result.stderr)
    assert said.format(f=path) in stderr.splitlines(), stderr
    assert_no_english(stderr)


def test_an_english_cohort_stays_english_under_a_french_locale(tmp_path, run):
    path = write(tmp_path, BROKEN_FR.replace("language: fr", "language: en"), "cohort.yaml")
    result = run(["validate", path], env={"LC_ALL": "fr_FR.UTF-8", "LANG": "fr_FR.UTF-8"})
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [line.format(f=path) for line in BROKEN_EN_SAID]
    assert result.stdout == f"{path}: invalid, 10 errors\n"
    # --lang fr on an English cohort: French
    french = run(["--lang", "fr", "validate", path])
    assert plain(french.stderr).splitlines()[0] == BROKEN_FR_SAID[0].format(f=path)


def test_json_keeps_its_keys_and_codes_only_the_messages_change(tmp_path, run):
    path = write(tmp_path, WARNINGS_FR)
    french = json.loads(run(["validate", "--format", "json", path]).stdout)
    english = json.loads(run(["--lang", "en", "validate", "--format", "json", path]).stdout)
    findings_fr = french["files"][0].pop("findings")
    findings_en = english["files"][0].pop("findings")
    assert french == english
    assert [f["severity"] for f in findings_fr] == ["warning"] * 6 + ["warning", "error"] + \
        ["warning"] * 2
    for fr, en in zip(findings_fr, findings_en, strict=True):
        assert fr.pop("message") != en.pop("message")
        assert fr == en  # file, line, column, path, severity


def test_confidential_values_are_never_in_a_french_finding(tmp_path, run):
    text = BROKEN_FR.replace("    notes: [très, confidentiel]\n",
                             "    notes: 2026-99-99-secret\n    rating: {mentor: 9}\n")
    text = text.replace("    date: 2026-1-5\n", "    date: 2026-01-20\n")
    path = write(tmp_path, text)
    result = run(["validate", path])
    assert "secret" not in result.stderr
    assert "sessions[0].rating.mentor: doit valoir au plus 5" in plain(result.stderr)
    result = run(["validate", "--format", "json", path])
    assert "secret" not in result.stdout


# ------------------------------------------------------------------ init


def test_init_speaks_the_language_of_the_cohort_it_writes(tmp_path, run):
    path = tmp_path / "mentorat.yaml"
    result = run(["init", path, "--language", "fr", "--start", "2026-03-02"])
    assert result.exit_code == 0
    assert plain(result.stderr).splitlines() == [
        f"{path} écrit : modifiez-le, puis lancez `mentorcli validate {path}`",
        f"{tmp_path / '.gitignore'} écrit : les contrats, calendriers et rapports produits "
        "contiennent des données personnelles et restent hors de git",
    ]
    text = path.read_text(encoding="utf-8")
    assert "mentoré·es" in text and "mentorés" not in text and "l'" not in text
    again = run(["init", path, "--language", "fr"])
    assert again.exit_code == 2
    assert plain(again.stderr) == (f"{path}: existe déjà ; choisissez un autre chemin (init "
                                   "n’écrase jamais un fichier)\n")
    bad = run(["init", tmp_path / "autre.yaml", "--language", "fr", "--start", "2026-13-01"])
    assert bad.exit_code == 2
    assert plain(bad.stderr) == ("--start « 2026-13-01 » : une date comme 2026-02-03 est "
                                 "attendue (AAAA-MM-JJ)\n")
    late = run(["init", tmp_path / "tard.yaml", "--language", "fr", "--start", "9999-02-01"])
    assert plain(late.stderr) == ("une cohorte commençant le 9999-02-01 finirait après le "
                                  "9999-12-31, la dernière date qu’un fichier de cohorte peut "
                                  "contenir ; choisissez un début plus tôt\n")
    # the validation of what init wrote: French warnings
    checked = run(["validate", path])
    assert checked.exit_code == 0
    assert_no_english(plain(checked.stderr))
    assert checked.stdout.startswith(f"{path}: valide, 2 avertissements")


def test_init_in_english_with_lang_or_without_language(tmp_path, run):
    path = tmp_path / "mentorat.yaml"
    result = run(["--lang", "en", "init", path, "--language", "fr"])
    assert result.stderr.splitlines()[0] == (f"wrote {path}: edit it, then run "
                                             f"`mentorcli validate {path}`")
    other = tmp_path / "other.yaml"
    result = run(["init", other])  # no --language: the locale (C here), the file in English
    assert result.stderr.splitlines()[0] == (f"wrote {other}: edit it, then run "
                                             f"`mentorcli validate {other}`")
    assert "language: en" in other.read_text(encoding="utf-8")
    third = tmp_path / "third.yaml"
    result = run(["init", third], env={"LC_ALL": "fr_FR.UTF-8"})  # a French locale
    assert plain(result.stderr).splitlines()[0] == (
        f"{third} écrit : modifiez-le, puis lancez `mentorcli validate {third}`")


def test_schema_is_data_and_says_nothing(run):
    english = run(["schema"])
    french = run(["schema"], env={"MENTORCLI_LANG": "fr"})
    assert english.exit_code == french.exit_code == 0
    assert english.stdout == french.stdout and not french.stderr


# ------------------------------------------------------------------ no pydantic English


def test_every_pydantic_error_type_is_said_in_our_words():
    """Whatever type pydantic reports, the sentence is ours: its `msg` is never used."""
    import typing

    from pydantic_core.core_schema import ErrorType

    with i18n.cohort_language("fr"):
        for kind in typing.get_args(ErrorType):
            for given_input in ("abc", None, 3, [1], {"a": 1}):
                item = {"type": kind, "input": given_input, "msg": "PYDANTIC SAID THIS",
                        "ctx": {"error": ValueError("la phrase du modèle")}
                        if kind == "value_error" else {}}
                said = validation._message(kind, item)
                assert "PYDANTIC" not in said, kind
                assert said.strip(), kind
                assert_no_english(said)


FRENCH_DATA: dict[str, Any] = {
    "version": 1,
    "cohort": {"id": "mentorat-2026", "name": "Mentorat 2026", "language": "fr",
               "start": "2026-01-12", "end": "2026-12-18", "cadence": "monthly",
               "meetings": {"days": ["mon", "tue"], "start": "10:00", "end": "17:00"}},
    "objectives": [{"id": "competences", "title": "Compétences", "target": 80, "unit": "%"}],
    "matching": {"weights": {"goals": 4}, "rules": {"reporting_line": "forbid"}},
    "follow_up": {"behind_missing": 1, "at_risk_missing": 2},
    "org": {"drh": None},
    "participants": [
        {"id": "claire-dubois", "name": "Claire Dubois", "email": "claire@exemple.fr",
         "role": "mentor", "manager": "drh", "seniority": 15, "capacity": 2,
         "skills": ["finance"], "trained": "2026-01-05", "timezone": "Europe/Paris"},
        {"id": "hugo-lefevre", "name": "Hugo Lefèvre", "email": "hugo@exemple.fr",
         "role": "mentee", "seniority": 3, "goals": ["finance"], "objectives": ["competences"]},
    ],
    "pairs": [{"mentor": "claire-dubois", "mentee": "hugo-lefevre", "status": "active",
               "started": "2026-02-01", "goals": [{"id": "g1", "text": "Budget",
                                                    "progress": 10}]}],
    "sessions": [{"mentor": "claire-dubois", "mentee": "hugo-lefevre", "date": "2026-02-10",
                  "minutes": 60, "mode": "video", "rating": {"mentor": 4},
                  "notes": "confidentiel"}],
    "surveys": [], "responses": [],
}

_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**45), max_value=10**45),
    st.floats(allow_nan=False, allow_infinity=False), st.builds(list), st.builds(dict),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.sampled_from("xyz"), st.integers(),
                                                         max_size=2),
    st.text(alphabet="abcéè-_: 09", max_size=12), st.sampled_from(
        ["2026-02-30", "2026-1-5", "12/01/2026", "2026-01-12T10:00:00", "Europe/Nulle",
         "pas-un-email", "Mauvais Id", "25:99", "mentoré", "-1", "1e400"]),
)


def _places(value: Any, path: tuple = ()) -> list[tuple]:
    """Every path to a value inside the data (keys and list indexes)."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*path, index))
    return found


def _mutate(data: Any, path: tuple, action: str, value: Any, key: str) -> None:
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "set":
        parent[last] = value
    elif action == "delete":
        if isinstance(parent, dict):
            del parent[last]
        else:
            parent.pop(last)
    elif action == "typo" and isinstance(parent, dict):
        parent[str(last)[:-1] + key] = parent.pop(last)
    elif action == "add" and isinstance(parent[last], dict):
        parent[last][key] = value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_no_pydantic_english_for_any_broken_french_cohort(data):
    import copy

    from mentorcli.store.loading import check_file

    cohort = copy.deepcopy(FRENCH_DATA)
    for _round in range(data.draw(st.integers(min_value=1, max_value=3))):
        places = _places(cohort)
        if not places:
            break
        path = data.draw(st.sampled_from(places))
        action = data.draw(st.sampled_from(["set", "set", "delete", "typo", "add"]))
        value = copy.deepcopy(data.draw(_VALUES))  # never a drawn object changed in place
        _mutate(cohort, path, action, value, data.draw(st.sampled_from("xsq")))
        if not isinstance(cohort, dict) or "cohort" not in cohort:
            break
    if isinstance(cohort, dict) and isinstance(cohort.get("cohort"), dict):
        cohort["cohort"]["language"] = "fr"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mentorat.yaml"
        path.write_text(json.dumps(cohort, ensure_ascii=False, default=str), encoding="utf-8")
        report = check_file(path)
        with i18n.cohort_language(report.language):
            said = "\n".join(f.render() for f in report.findings) + "\n" + report.summary()
    for words in PYDANTIC:
        assert words not in said, said
    assert "confidentiel\"" not in said  # a session's notes are never quoted
    if report.language == "fr":
        assert_no_english(plain(said).replace(str(path), "FILE"))


def test_dates_shown_in_french_stay_as_the_file_writes_them():
    """A date of the file is quoted as written (ISO), so that it can be found in the file."""
    with i18n.cohort_language("fr"):
        assert validation._date_message("2026-1-5") == (
            "écrivez les dates sous la forme AAAA-MM-JJ, par exemple 2026-01-05"
            f"{NNBSP}; trouvé{NBSP}: «{NBSP}2026-1-5{NBSP}»")


def test_files_of_two_languages_each_speak_their_own(tmp_path, run):
    french = write(tmp_path, BROKEN_FR, "mentorat.yaml")
    english = write(tmp_path, BROKEN_FR.replace("language: fr", "language: en"), "cohort.yaml")
    result = run(["validate", french, english])
    assert result.exit_code == 2
    lines = plain(result.stderr).splitlines()
    assert lines[:10] == [line.format(f=french) for line in BROKEN_FR_SAID]
    assert lines[10:] == [line.format(f=english) for line in BROKEN_EN_SAID]
    assert result.stdout == (f"{french}: non valide, 10 erreurs\n"
                             f"{english}: invalid, 10 errors\n")


def test_the_help_of_validate_init_and_schema_in_french(run):
    for command, english, french in (
            ("validate", "Check cohort files and report every problem at once",
             "Vérifier des fichiers de cohorte et signaler tous les problèmes"),
            ("init", "Write a commented starter cohort that validates.",
             "Écrire une cohorte de départ commentée et valide."),
            ("schema", "Print the JSON Schema of the cohort file format",
             "Afficher le schéma JSON du format des fichiers de cohorte")):
        said = " ".join(run([command, "--help"]).stdout.split())
        assert english in said and french not in said
        said = " ".join(plain(run(["--lang", "fr", command, "--help"]).stdout).split())
        assert french in said and english not in said, said
    said = " ".join(plain(run(["--lang", "fr", "init", "--help"]).stdout).split())
    assert "Premier jour, AAAA-MM-JJ (par défaut : aujourd’hui)." in said

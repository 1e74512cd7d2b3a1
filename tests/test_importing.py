"""From spreadsheet rows to participants: mapping, parsing, ids, duplicates, row problems."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorcli.errors import InputFileError, UsageError
from mentorcli.importing import (
    SYNONYMS,
    TARGETS,
    ImportPlan,
    MappingError,
    RowProblem,
    UnusableRowsError,
    cohort_after,
    employee_key,
    import_edits,
    key_for_header,
    map_columns,
    normalize_header,
    parse_cell_date,
    parse_mapping,
    plan_import,
    read_mapping,
    split_cell,
)
from mentorcli.importing.spreadsheet import Sheet, SheetRow, parse_csv_text, read_sheet
from mentorcli.model import SLUG_RE, CohortFile
from mentorcli.store.loading import load_cohort
from mentorcli.validation import check_model

DATA = Path(__file__).parent / "data"
IMPORT = DATA / "import"


@pytest.fixture(scope="module")
def model() -> CohortFile:
    return load_cohort(DATA / "example.yaml").model


def sheet_of(text: str) -> Sheet:
    return parse_csv_text(text, "people.csv")


def messages(plan) -> list[str]:
    return [p.render() for p in plan.problems]


# ------------------------------------------------------------------------ columns


@pytest.mark.parametrize(
    ("header", "key"),
    [("Nom", "last_name"), ("Last name", "last_name"), ("Prénom", "first_name"),
     ("PRENOM", "first_name"), ("First Name", "first_name"), ("Nom complet", "name"),
     ("Full name", "name"), ("Name", "name"), ("Courriel", "email"), ("E-mail", "email"),
     ("Email", "email"), ("Adresse e-mail", "email"), ("adresse  email *", "email"),
     ("Service", "department"), ("Département", "department"), ("Department", "department"),
     ("Poste", "title"), ("Fonction", "title"), ("Title", "title"), ("Job title", "title"),
     ("Langues", "languages"), ("Languages", "languages"), ("Compétences", "skills"),
     ("Skills", "skills"), ("Objectifs", "goals"), ("Goals", "goals"),
     ("Manager", "manager"), ("Responsable", "manager"), ("Manager email", "manager"),
     ("Ancienneté", "seniority"), ("Years of experience", "seniority"),
     ("Seniority", "seniority"), ("Ancienneté (années)", "seniority"),
     ("Capacité", "capacity"), ("Capacity", "capacity"), ("Site", "location"),
     ("Location", "location"), ("Lieu", "location"), ("Fuseau horaire", "timezone"),
     ("Time zone", "timezone"), ("Rôle", "role"), ("Role", "role"),
     ("Matricule", "employee_id"), ("Employee number", "employee_id"),
     ("Employee ID", "employee_id"), ("N° matricule", "employee_id"), ("Identifiant", "id"),
     ("Id", "id"), ("employee_id", "employee_id"), ("timezone", "timezone")],
)
def test_built_in_synonyms(header: str, key: str) -> None:
    assert key_for_header(header) == key
    others = [h for h in ("Email", "Name") if key_for_header(h) != key]
    assert map_columns([header, *others]).keys[0] == key


def test_every_synonym_is_reachable() -> None:
    """No synonym is shadowed by another key's synonym (first one wins)."""
    from mentorcli.importing.columns import _BUILT_IN

    for key, names in SYNONYMS.items():
        for name in names:
            assert _BUILT_IN[normalize_header(name)] == key, (name, key)


def test_normalize_header_ignores_case_accents_spacing_punctuation() -> None:
    assert normalize_header("Adresse E-mail") == normalize_header("adresse email")
    assert normalize_header("Ancienneté") == normalize_header("ANCIENNETE")
    assert normalize_header(" Fuseau  horaire ") == normalize_header("fuseau-horaire")


def test_unmapped_columns_are_listed_not_dropped() -> None:
    columns = map_columns(["Email", "Name", "Commentaire", "", "Pointure"], empty_columns=[3])
    assert [columns.headers[i] for i in columns.unmapped] == ["Commentaire", "Pointure"]
    assert columns.label(2) == "'Commentaire' (column C)"


def test_a_headerless_column_with_data_is_listed() -> None:
    columns = map_columns(["Email", "Name", ""], empty_columns=[])
    assert columns.unmapped == [2]
    assert columns.label(2) == "column C (no header)"


def test_two_columns_for_one_key_must_be_resolved_with_a_mapping() -> None:
    with pytest.raises(UsageError, match="'Email' .* and 'Courriel' .* both fill 'email'"):
        map_columns(["Email", "Courriel", "Name"])
    mapping = parse_mapping({"Courriel": "ignore"})
    columns = map_columns(["Email", "Courriel", "Name"], mapping)
    assert columns.ignored == [1]


def test_no_email_or_no_name_column() -> None:
    with pytest.raises(UsageError, match="no email column"):
        map_columns(["Name", "Service"])
    with pytest.raises(UsageError, match="no name column"):
        map_columns(["Email", "Service"])


def test_mapping_file_names_the_rest() -> None:
    mapping = parse_mapping({"Matricule RH": "employee_id", "Centres d'intérêt": "skills",
                             "Remarque": None, "Statut": "ignore"})
    columns = map_columns(["Mail pro", "Nom", "Prénom", "Matricule RH", "Centres d’intérêt",
                           "Remarque", "Statut"], {**mapping, normalize_header("Mail pro"):
                                                   "email"})
    assert columns.describe() == [("Mail pro", "email"), ("Nom", "last_name"),
                                  ("Prénom", "first_name"), ("Matricule RH", "employee_id"),
                                  ("Centres d’intérêt", "skills")]
    assert columns.ignored == [5, 6]
    assert columns.unmapped == []


def test_mapping_file_errors() -> None:
    with pytest.raises(MappingError, match="unknown key 'skils' \\(did you mean 'skills'\\?\\)"):
        parse_mapping({"Compétences RH": "skils"})
    with pytest.raises(MappingError, match="expected a mapping"):
        parse_mapping(["Nom"])
    with pytest.raises(MappingError, match="must be text"):
        parse_mapping({"Nom": 3})
    assert parse_mapping(None) == {}
    assert parse_mapping({"columns": {"X": "title", "Y": "Ignore"}}) == {"X": "title",
                                                                        "Y": None}


def test_mapping_file_errors_are_placed_at_their_line(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("# the form\ncolumns:\n  Votre nom: name\n  Vos atouts: skils\n")
    with pytest.raises(InputFileError) as error:
        read_mapping(path)
    assert str(error.value) == (
        f"{path}:4:15: 'Vos atouts': unknown key 'skils' (did you mean 'skills'?); use one of "
        f"{', '.join(TARGETS)}, or 'ignore'")
    path.write_text("Votre nom: [name]\n")
    with pytest.raises(InputFileError, match=r"map.yaml:1:12: 'Votre nom': the key must be"):
        read_mapping(path)
    path.write_text("Votre nom: name\nHorodateur:\n")
    assert read_mapping(path) == {"Votre nom": "name", "Horodateur": None}
    with pytest.raises(InputFileError, match="is a directory"):
        read_mapping(tmp_path)


def test_mapping_naming_an_absent_column_is_noticed(model: CohortFile) -> None:
    sheet = sheet_of("Name,Email,Role\nAnn Lee,ann@example.com,mentee\n")
    plan = plan_import(sheet, model, mapping=parse_mapping({"Intérêts": "skills"}))
    assert plan.notices == ["the mapping names a column that is not in the sheet: 'Intérêts'"]


# ---------------------------------------------------------------------- fixtures


def test_french_semicolon_windows_1252_export(model: CohortFile) -> None:
    sheet = read_sheet(IMPORT / "fr-semicolon-cp1252-bom.csv")
    plan = plan_import(sheet, model)
    assert plan.usable, messages(plan)
    assert [plan.columns.headers[i] for i in plan.columns.unmapped] == ["Commentaire RH"]
    assert [a.row for a in plan.new] == [2, 3, 4]
    helene, hugo, aissatou = plan.entries
    assert helene == {
        "id": "helene-lefevre", "name": "Hélène Lefèvre", "email": "helene.lefevre@example.com",
        "role": "mentor", "employee_id": "00123", "title": "DRH adjointe",
        "department": "Ressources humaines", "manager": "amartin", "seniority": 12.5,
        "location": "Lyon", "timezone": "Europe/Paris", "languages": ["fr", "en"],
        "skills": ["écoute", "négociation"], "capacity": 2,
    }
    assert hugo["manager"] == "helene-lefevre"  # given as an employee number
    assert hugo["employee_id"] == "00456"
    assert hugo["goals"] == ["prise de parole", "délégation"]
    assert hugo["role"] == "mentee"
    assert aissatou["id"] == "aissatou-ndiaye"
    assert aissatou["manager"] == "ceo"  # an `org` id
    assert aissatou["languages"] == ["fr", "en", "wolof"]
    assert not [i for i in check_model(cohort_after(model, plan)) if i.severity == "error"]


def test_english_comma_export(model: CohortFile) -> None:
    plan = plan_import(read_sheet(IMPORT / "en-comma-utf8.csv"), model)
    assert plan.usable, messages(plan)
    dana, fox = plan.entries
    assert dana["manager"] == "cleroy"
    assert fox["manager"] == "dana-scully"
    assert dana["skills"] == ["statistics", "public speaking"]
    assert dana["languages"] == ["en"]


def test_tab_export_with_role_option(model: CohortFile) -> None:
    sheet = read_sheet(IMPORT / "tab-utf8-bom.csv")
    with_problems = plan_import(sheet, model)
    assert messages(with_problems) == [
        "row 2: no role: add a 'Role'/'Rôle' column or give --role mentor|mentee"]
    plan = plan_import(sheet, model, role="mentor")
    assert plan.entries == [{"id": "ann-lee", "name": "Ann Lee", "email": "ann.lee@example.com",
                         "role": "mentor", "skills": ["coaching", "feedback"], "capacity": 1}]


def test_quoted_newlines_split_into_values(model: CohortFile) -> None:
    plan = plan_import(read_sheet(IMPORT / "quoted-newlines.csv"), model, role="mentee")
    assert plan.entries[0]["goals"] == ["negotiation", "feedback"]
    assert [a.row for a in plan.new] == [2, 3]


def test_xlsx_export(tmp_path: Path, model: CohortFile) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Matricule", "Nom complet", "Courriel", "Formé le", "Rôle"])
    sheet.append(["00042", "Éloïse Durand", "eloise.durand@example.com",
                  dt.datetime(2026, 1, 5), "mentor"])
    path = tmp_path / "people.xlsx"
    workbook.save(path)
    plan = plan_import(read_sheet(path), model)
    assert plan.entries[0]["employee_id"] == "00042"
    assert plan.entries[0]["trained"] == dt.date(2026, 1, 5)


# --------------------------------------------------------------------- row values


def test_every_unusable_row_is_reported_with_its_number_and_why(model: CohortFile) -> None:
    sheet = sheet_of(
        "Name;Email;Role;Years of experience;Capacity;Time zone;Manager;Objectives;Formé le\n"
        "Ann Lee;ann@example.com;mentee;3;;;;;\n"            # row 2: fine
        ";bob@example.com;mentee;;;;;;\n"                    # row 3: no name
        "Cy;cy@;mentee;;;;;;\n"                              # row 4: bad email
        "Di;di@example.com;coach;;;;;;\n"                    # row 5: bad role
        "Ed;ed@example.com;mentor;lots;two;Mars/Olympus;;;\n"  # row 6: three problems
        "Fa;fa@example.com;mentee;;;;nobody@example.com;;\n"   # row 7: unknown manager
        "Gu;gu@example.com;mentee;;;;;world peace;\n"        # row 8: unknown objective
        "Ha;ha@example.com;mentor;;;;;;32/13/2026\n"         # row 9: bad date
        "Io;io@example.com;mentee;;;;ed@example.com;;\n"     # row 10: manager on a bad row
        "Jo;jo@example.com;mentee;;;;;;;extra\n"             # row 11: a cell too many
    )
    plan = plan_import(sheet, model)
    assert not plan.usable
    assert plan.bad_rows == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    text = "\n".join(messages(plan))
    assert "row 3: no name in 'Name' (column A)" in text
    assert "row 4: 'Email' (column B): 'cy@' is not a valid email address" in text
    assert "row 5: 'Role' (column C): 'coach' is not a role" in text
    assert "row 6: 'Years of experience' (column D): expected a number of years, got 'lots'" \
        in text
    assert "row 6: 'Capacity' (column E): expected a whole number" in text
    assert "row 6: 'Time zone' (column F): 'Mars/Olympus' is not a known time zone" in text
    assert "row 7: manager: 'nobody@example.com' is neither a participant" in text
    assert "row 8: 'Objectives' (column H): 'world peace' is not a programme objective " \
           "(known: leadership, retention)" in text
    assert "row 9: 'Formé le' (column I): expected a date" in text
    assert "row 10: manager: 'ed@example.com' is on row 6, which cannot be imported" in text
    assert "row 11: has 1 more cell than the header has columns ('extra')" in text


def test_unusable_rows_error_lines() -> None:
    columns = map_columns(["Name", "Email"])
    two = ImportPlan(columns, problems=[RowProblem(3, "no name"), RowProblem(3, "bad role"),
                                        RowProblem(5, "x")])
    assert UnusableRowsError(two, "people.csv").lines() == [
        "people.csv: row 3: no name",
        "people.csv: row 3: bad role",
        "people.csv: row 5: x",
        "nothing was written: 2 rows cannot be imported; fix them in the sheet, or add "
        "--skip-invalid to import the others",
    ]
    one = ImportPlan(columns, problems=[RowProblem(4, "no name")])
    assert UnusableRowsError(one, "p.csv", suggest_skip=False).lines()[-1] == \
        "nothing was written: 1 row cannot be imported; fix it in the sheet"
    sheet = ImportPlan(columns, problems=[RowProblem(0, "the sheet has a header but no rows")])
    assert UnusableRowsError(sheet, "p.csv").lines() == [
        "p.csv: the sheet has a header but no rows", "nothing was written: fix the sheet"]


def test_skip_invalid_keeps_the_usable_rows(model: CohortFile) -> None:
    sheet = sheet_of("Name,Email,Role,Manager\n"
                     "Ann,ann@example.com,mentee,\n"
                     "Bob,bob@,mentee,\n"
                     "Cy,cy@example.com,mentee,bob@\n"
                     "Di,di@example.com,mentee,ann@example.com\n")
    assert plan_import(sheet, model).bad_rows == [3, 4]
    kept = plan_import(sheet, model, skip_invalid=True)
    assert kept.usable
    assert [(a.row, a.entry["id"]) for a in kept.new] == [(2, "ann"), (5, "di")]
    assert kept.entries[1]["manager"] == "ann"
    assert [p.render() for p in kept.skipped] == [
        "row 3: 'Email' (column B): 'bob@' is not a valid email address",
        "row 4: manager: 'bob@' is neither a participant (id, email or employee number, in the "
        "cohort or the sheet) nor in `org`; add them to `org` in the cohort file or leave the "
        "cell empty",
    ]


def test_skip_invalid_plans_again_without_the_bad_rows(model: CohortFile) -> None:
    """Ids are given as if the skipped rows were not there, and a row whose only fault
    shows once another is left out (its manager) is skipped in a later round."""
    sheet = sheet_of("Name,Email,Role,Manager,Prefer\n"
                     "Jo One,jo@example.com,mentee,nobody,\n"  # bad: got 'jo' before it showed
                     "Jo Two,jo@example.org,mentee,,\n"
                     "Al,al@example.com,mentee,,jo-2\n")  # Jo Two while Jo One is there
    first = plan_import(sheet, model)
    assert first.bad_rows == [2]
    assert [(a.row, a.entry["id"]) for a in first.new] == [(3, "jo-2"), (4, "al")]
    kept = plan_import(sheet, model, skip_invalid=True)
    assert [(a.row, a.entry["id"]) for a in kept.new] == [(3, "jo")]
    assert [p.render() for p in kept.skipped] == [
        "row 2: manager: 'nobody' is neither a participant (id, email or employee number, in "
        "the cohort or the sheet) nor in `org`; add them to `org` in the cohort file or leave "
        "the cell empty",
        "row 4: prefer: 'jo-2' is not a participant (id, email or employee number, in the "
        "cohort or the sheet)"]
    everyone_bad = sheet_of("Name,Email,Role\nBob,bob@,mentee\n")
    nothing = plan_import(everyone_bad, model, skip_invalid=True)
    assert nothing.usable and nothing.new == [] and [p.row for p in nothing.skipped] == [2]


def test_values_are_parsed_the_way_people_write_them(model: CohortFile) -> None:
    sheet = sheet_of(
        "Nom complet;Courriel;Rôle;Ancienneté;Capacité;Langues;Compétences;Formé le;"
        "Objectifs du programme\n"
        "Zoé Kahn;Zoé Kahn <Zoe.Kahn@Example.com>;Tutrice;7 ans;2;Français | English;"
        "Budget, budget , Négociation;05/01/2026;Stronger leadership in first-year managers\n"
        "Max Roy;mailto:max.roy@example.com;les deux;10+;0;EN;;2026-01-05;"
        "\"retention; leadership\"\n"
    )
    plan = plan_import(sheet, model)
    assert plan.usable, messages(plan)
    zoe, max_ = plan.entries
    assert zoe["email"] == "Zoe.Kahn@Example.com"
    assert zoe["id"] == "zoe-kahn"
    assert zoe["role"] == "mentor"
    assert zoe["seniority"] == 7
    assert zoe["languages"] == ["fr", "en"]
    assert zoe["skills"] == ["Budget", "Négociation"]
    assert zoe["trained"] == dt.date(2026, 1, 5)
    assert zoe["objectives"] == ["leadership"]
    assert max_["role"] == "both"
    assert max_["seniority"] == 10
    assert max_["capacity"] == 0
    assert max_["objectives"] == ["retention", "leadership"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-01-31", dt.date(2026, 1, 31)), ("31/01/2026", dt.date(2026, 1, 31)),
     ("1.2.2026", dt.date(2026, 2, 1)), ("2026-02-01 00:00", dt.date(2026, 2, 1)),
     ("31/02/2026", None), ("yes", None), ("", None), ("01/31/2026", None)],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_cell_date(text) == expected


def test_split_cell_and_slugify() -> None:
    from mentorcli.slugs import slugify

    assert split_cell("a; b|c ,d\ne;;") == ["a", "b", "c", "d", "e"]
    assert slugify("Élodie.Dupré+mentoring") == "elodie-dupre-mentoring"
    assert slugify("N'Diaye") == "n-diaye"
    assert slugify("---", "person") == "person"
    assert slugify("Łukasz.Øster") == "lukasz-oster"  # the letters NFKD keeps whole
    assert slugify("Straße Œuvre") == "strasse-oeuvre"


# ------------------------------------------------------------------ ids, duplicates


def test_ids_from_email_made_unique_deterministically(model: CohortFile) -> None:
    sheet = sheet_of("Name,Email,Role\n"
                     "J Doe,jdoe@example.com,mentee\n"
                     "John Doe,jdoe@other.example,mentee\n"
                     "Big Boss,ceo@example.com,mentor\n"      # `ceo` is an org id
                     "Al Martin,amartin@example.org,mentee\n"  # `amartin` is a participant
                     "J D,j.doe@example.com,mentee\n")
    plan = plan_import(sheet, model)
    assert [e["id"] for e in plan.entries] == ["jdoe", "jdoe-2", "ceo-2", "amartin-2",
                                               "j-doe"]
    assert plan_import(sheet, model) == plan


def test_id_column(model: CohortFile) -> None:
    sheet = sheet_of("Identifiant,Name,Email,Role\n"
                     "Ann.Lee,Ann,ann@example.com,mentee\n"
                     "ann-lee,Ann Two,ann2@example.com,mentee\n"
                     "cleroy,Camille,someone.else@example.com,mentee\n")
    plan = plan_import(sheet, model)
    assert plan.entries[0]["id"] == "ann-lee"
    assert messages(plan) == [
        "row 3: id 'ann-lee' is also used by row 2; ids must be unique",
        "row 4: id 'cleroy' is already Camille Leroy (camille.leroy@example.com) in the cohort, "
        "with another email; fix the id or the email",
    ]


def test_same_email_twice_is_merged_never_doubled(model: CohortFile) -> None:
    sheet = sheet_of("Name,Email,Role,Skills,Goals,Department\n"
                     "Ann Lee,ann@example.com,mentor,coaching,,Sales\n"
                     "Bob,bob@example.com,mentee,,feedback,\n"
                     "ann lee,ANN@example.com,mentee,feedback,negotiation,\n")
    plan = plan_import(sheet, model)
    assert plan.usable, messages(plan)
    assert [e["id"] for e in plan.entries] == ["ann", "bob"]
    ann = plan.entries[0]
    assert ann["role"] == "both"
    assert ann["skills"] == ["coaching", "feedback"]
    assert ann["goals"] == ["negotiation"]
    assert ann["department"] == "Sales"
    assert plan.merged == [(4, 2)]


def test_same_email_with_conflicting_values_is_reported(model: CohortFile) -> None:
    sheet = sheet_of("Name,Email,Role,Department\n"
                     "Ann Lee,ann@example.com,mentee,Sales\n"
                     "Ann Lee,ann@example.com,mentee,Finance\n")
    plan = plan_import(sheet, model)
    assert messages(plan) == [
        "row 3: same email as row 2 (ann@example.com) but a different department 'Finance' "
        "(row 2: 'Sales'); keep one row per person"]


def test_a_duplicate_row_is_merged_once_and_its_own_problems_stay_on_its_row(
        model: CohortFile) -> None:
    sheet = sheet_of("Name;Email;Role;Years of experience\n"
                     "Ann Lee;ann@example.com;mentee;3\n"
                     "Ann Lee;ann@example.com;mentee;3\n"      # the same row again: merged
                     "Ann Lee;ann@example.com;mentee;trois\n"  # its own problem: reported
                     "Bob;bob@example.com;mentee;deux\n"
                     "Bob;bob@example.com;mentee;deux\n")      # both rows reported, once each
    plan = plan_import(sheet, model)
    assert plan.merged == [(3, 2)]
    assert messages(plan) == [
        "row 4: 'Years of experience' (column D): expected a number of years, got 'trois'",
        "row 5: 'Years of experience' (column D): expected a number of years, got 'deux'",
        "row 6: 'Years of experience' (column D): expected a number of years, got 'deux'",
    ]
    kept = plan_import(sheet, model, skip_invalid=True)
    assert [(a.row, a.entry["id"], a.entry["seniority"]) for a in kept.new] == [(2, "ann", 3)]


def test_one_employee_number_on_two_emails_is_reported(model: CohortFile) -> None:
    sheet = sheet_of("Matricule;Name;Email;Role\n"
                     "00042;Ann Lee;ann@example.com;mentee\n"
                     "42;Ann Lee;ann.lee@perso.example;mentee\n")
    assert messages(plan_import(sheet, model)) == [
        "row 3: employee number 42 is also on row 2 (ann@example.com), with another email; "
        "keep one row per person"]


def test_employee_numbers_that_lost_their_zeros_in_excel(model: CohortFile) -> None:
    """Excel shows "002341" as 2341: the same person, and --update keeps the zeros."""
    assert employee_key("002341") == employee_key("2341") == "2341"
    assert employee_key("0000") == "0"
    assert employee_key("E-07") != employee_key("E-7")
    data = model.model_dump()
    data["participants"][0]["employee_id"] = "002341"
    cohort = CohortFile.model_validate(data)
    sheet = sheet_of("Matricule;Courriel;Site\n"
                     "2341;alice.m@newdomain.example;Grenoble\n"
                     "5;zoe@example.com;\n")
    plan = plan_import(sheet, cohort, update=True, role="mentee")
    assert [(u.row, u.id, u.changes) for u in plan.updates] == [
        (2, "amartin", {"email": "alice.m@newdomain.example", "location": "Grenoble"})]
    assert messages(plan) == ["row 3: not in the cohort yet, and the sheet has no name column "
                              "to add them"]
    managed = sheet_of("Nom complet;Courriel;Rôle;Responsable\nZoé;zoe@example.com;mentee;2341\n")
    assert plan_import(managed, cohort).entries[0]["manager"] == "amartin"


def test_yes_and_no_cells(model: CohortFile) -> None:
    """"Non" in a training column says not trained; "Oui" needs the date. A yes/no column
    whose header names a role ("Mentor ?") gives that role, or --role's for "Non"."""
    sheet = sheet_of("Nom complet;Courriel;Mentor ?;Formation mentor\n"
                     "Ann Lee;ann@example.com;Oui;04/12/2025\n"
                     "Bob Roy;bob@example.com;Non;Non\n"
                     "Cy Diaz;cy@example.com;Oui;Oui\n"
                     "Di Wu;di@example.com;Peut-être;\n")
    plan = plan_import(sheet, model, mapping={"Mentor ?": "role"}, role="mentee")
    assert [(a.row, a.entry["role"], a.entry.get("trained")) for a in plan.new] == [
        (2, "mentor", dt.date(2025, 12, 4)), (3, "mentee", None)]
    assert messages(plan) == [
        "row 4: 'Formation mentor' (column D): 'Oui' says they were trained but not when; "
        "write the date of the training (e.g. 31/01/2026), or leave the cell empty",
        "row 5: 'Mentor ?' (column C): 'Peut-être' is not a role; use mentor, mentee or both "
        "(mentor, mentoré, les deux... are understood)",
    ]
    without_role = plan_import(sheet, model, mapping={"Mentor ?": "role"})
    assert "row 3: no role: add a 'Role'/'Rôle' column or give --role mentor|mentee" in \
        messages(without_role)
    plain_role = sheet_of("Nom complet;Courriel;Rôle\nAnn Lee;ann@example.com;Oui\n")
    assert messages(plan_import(plain_role, model)) == [
        "row 2: 'Rôle' (column C): 'Oui' is not a role; use mentor, mentee or both (mentor, "
        "mentoré, les deux... are understood)"]


def test_existing_people_are_left_alone_without_update(model: CohortFile) -> None:
    sheet = sheet_of("Name,Email,Role,Department\n"
                     "Alice Martin,ALICE.MARTIN@example.com,mentor,Finance & Legal\n"
                     "Ann,ann@example.com,mentee,\n")
    plan = plan_import(sheet, model)
    assert plan.already_in == [(2, "amartin")]
    assert [e["id"] for e in plan.entries] == ["ann"]
    assert plan.updates == []


def test_update_refreshes_existing_people(model: CohortFile) -> None:
    sheet = sheet_of("Name,Email,Role,Department,Skills,Employee number\n"
                     "Alice Martin,alice.martin@example.com,,Finance & Legal,"
                     "leadership;coaching,00007\n"
                     "Camille Leroy,camille.leroy@example.com,,Marketing,,\n")
    plan = plan_import(sheet, model, update=True, role="mentee")
    assert plan.usable, messages(plan)
    assert [(u.row, u.id, u.changes) for u in plan.updates] == [
        (2, "amartin", {"employee_id": "00007", "department": "Finance & Legal",
                        "skills": ["leadership", "coaching"]})]
    assert plan.unchanged == [(3, "cleroy")]  # --role never changes an existing role


def test_employee_number_identifies_an_existing_person(model: CohortFile) -> None:
    data = model.model_dump()
    data["participants"][0]["employee_id"] = "00042"
    cohort = CohortFile.model_validate(data)
    sheet = sheet_of("Matricule;Nom complet;Courriel\n"
                     "00042;Alice Martin;alice.m@newdomain.example\n"
                     "00043;Nouveau;alice.martin@example.com\n")
    plan = plan_import(sheet, cohort, update=True, role="mentor")
    assert messages(plan) == [
        "row 3: is 'amartin' in the cohort, like row 2 (same email or employee number); keep "
        "one row per person"]
    plan = plan_import(Sheet(sheet.path, sheet.headers, sheet.rows[:1]), cohort, update=True)
    assert plan.updates[0].changes == {"email": "alice.m@newdomain.example"}


def test_reporting_loop_between_new_rows_is_pinned_on_rows(model: CohortFile) -> None:
    sheet = sheet_of("Name,Email,Role,Manager\n"
                     "Ann,ann@example.com,mentee,bob@example.com\n"
                     "Bob,bob@example.com,mentee,ann@example.com\n")
    plan = plan_import(sheet, model)
    assert not plan.usable
    assert any("loop" in p.message for p in plan.problems)
    assert set(plan.bad_rows) <= {2, 3} and plan.bad_rows


def test_self_reference(model: CohortFile) -> None:
    sheet = sheet_of("Name,Email,Role,Manager,Prefer\n"
                     "Ann,ann@example.com,mentee,ann@example.com,ann\n")
    assert messages(plan_import(sheet, model)) == [
        "row 2: manager: 'ann@example.com' is this person themselves",
        "row 2: prefer: 'ann' is this person themselves"]


def test_header_only(model: CohortFile) -> None:
    plan = plan_import(sheet_of("Name,Email\n"), model)
    assert messages(plan) == ["the sheet has a header but no rows of people"]


def test_bad_role_option(model: CohortFile) -> None:
    with pytest.raises(UsageError, match="--role"):
        plan_import(sheet_of("Name,Email\nA,a@example.com\n"), model, role="boss")


# -------------------------------------------------------------------- applying


def test_import_edits_keep_flow_lists_and_comments(example_path: Path) -> None:
    from mentorcli.store.edits import Changes
    from mentorcli.store.transaction import change_cohort

    sheet = sheet_of("Name,Email,Skills,Location,Employee ID,Role\n"
                     "Alice Martin,alice.martin@example.com,leadership|coaching,Lyon,E7,\n"
                     "Ann Lee,ann@example.com,,,,mentee\n")

    def change(current):
        plan = plan_import(sheet, current, update=True)
        assert plan.usable, messages(plan)
        return Changes(import_edits(plan), plan)

    plan = change_cohort(example_path, change)
    text = example_path.read_text()
    assert "    skills: [leadership, coaching]                 # what a mentor offers\n" in text
    assert "    role: mentor               # mentor | mentee | both\n    employee_id: E7\n" in text
    assert "  - id: ann\n    name: Ann Lee\n    email: ann@example.com\n    role: mentee\n" in text
    assert text.index("id: ann\n") > text.index("id: cleroy")
    assert text.index("id: ann\n") < text.index("\npairs:")
    assert "# One mentoring cohort, kept in git." in text
    assert plan.updates[0].changes == {"employee_id": "E7", "skills": ["leadership", "coaching"]}
    loaded = load_cohort(example_path)
    assert loaded.model.person("amartin").employee_id == "E7"


# ------------------------------------------------------------------- properties


name_part = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàçôÉ", min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(people=st.lists(st.tuples(name_part, name_part, st.sampled_from(["example.com",
                                                                        "example.org"]),
                                 st.sampled_from(["mentor", "mentee", "mentoré", ""])),
                       min_size=1, max_size=12))
def test_any_clean_sheet_gives_unique_valid_ids_and_a_valid_cohort(people) -> None:
    model = load_cohort(DATA / "example.yaml").model
    lines = ["Prénom;Nom;Courriel;Rôle"]
    for first, last, domain, role in people:
        lines.append(f"{first};{last};{first}.{last}@{domain};{role}")
    sheet = sheet_of("\n".join(lines) + "\n")
    plan = plan_import(sheet, model, role="mentee")
    again = plan_import(sheet, model, role="mentee")
    assert plan == again  # deterministic
    assert plan.usable, messages(plan)
    ids = [e["id"] for e in plan.entries] + [p.id for p in model.participants]
    assert len(ids) == len(set(ids))
    assert all(SLUG_RE.match(i) for i in ids)
    emails = {e["email"].casefold() for e in plan.entries}
    assert len(emails) == len(plan.new)  # never doubled
    after = cohort_after(model, plan)
    assert not [i for i in check_model(after) if i.severity == "error"]


def test_targets_are_model_keys() -> None:
    from mentorcli.model import Participant

    for key in TARGETS:
        assert key in Participant.model_fields or key in ("first_name", "last_name")


def test_sheet_row_get_outside_is_empty() -> None:
    assert SheetRow(2, ("a",)).get(5) == ""


# ------------------------------------------------------------------ the command


SAMPLE = Path(__file__).resolve().parent.parent / "cohorts" / "people-sample.csv"
FRENCH = Path(__file__).resolve().parent.parent / "cohorts" / "mentorat-managers-2026.yaml"


@pytest.fixture
def french_path(tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "mentorat.yaml"
    shutil.copyfile(FRENCH, target)
    return target


def test_import_the_shipped_sample_into_the_french_cohort(run, french_path: Path) -> None:
    before = french_path.read_text()
    result = run(["--lang", "en", "import", french_path, SAMPLE])  # English asserted
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == \
        "read people-sample.csv: UTF-8 with BOM, semicolon separated, 7 rows"
    assert "not imported, unknown columns (name them in --mapping, or map them to 'ignore'): " \
           "'Date d'entrée' (column R)" in result.stderr
    assert "row 6: already in the cohort as 'lchevalier'; left as it is (--update refreshes)" \
        in result.stderr
    assert "6 new participants" in result.stderr
    assert "claire-rousseau" in result.stdout and "julien-morel" in result.stdout
    after = french_path.read_text()
    import difflib

    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(),
                                      autojunk=False)
    assert {op for op, *_ in matcher.get_opcodes()} == {"equal", "insert"}  # only added lines
    assert "  - id: julien-morel\n" in after
    assert "    employee_id: '000874'\n" in after
    assert "    languages: [fr, en, de]\n" in after
    model = load_cohort(french_path).model
    assert model.person("julien-morel").manager == "claire-rousseau"
    assert model.person("lucas-bernard").manager == "jblefevre-dupont"
    assert model.person("lucas-bernard").objectives == ["leadership", "mobilite"]
    assert run(["validate", french_path]).exit_code == 0
    again = run(["--lang", "en", "import", french_path, SAMPLE])  # twice adds nobody
    assert again.exit_code == 0
    assert "nothing to import" in again.stderr
    assert french_path.read_text() == after


def test_import_dry_run_writes_nothing(run, french_path: Path) -> None:
    """The run docs/privacy-import.md shows: messages on stderr, the table on stdout."""
    before = french_path.read_bytes()
    result = run(["--lang", "en", "import", french_path, SAMPLE, "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "read people-sample.csv: UTF-8 with BOM, semicolon separated, 7 rows",
        "columns: Matricule -> employee_id, Nom -> last_name, Prénom -> first_name, Adresse "
        "e-mail -> email, Service -> department, Poste -> title, Site -> location, Fuseau "
        "horaire -> timezone, Langues -> languages, Compétences -> skills, Objectifs -> goals, "
        "Objectifs du programme -> objectives, Responsable -> manager, Ancienneté -> seniority, "
        "Capacité -> capacity, Rôle -> role, Formé le -> trained",
        "not imported, unknown columns (name them in --mapping, or map them to 'ignore'): "
        "'Date d'entrée' (column R)",
        "people-sample.csv: row 6: already in the cohort as 'lchevalier'; left as it is "
        "(--update refreshes)",
        f"dry run: 6 new participants would be written to {french_path}; nothing written",
    ]
    table = result.stdout.splitlines()
    assert table[0].split() == ["row", "action", "id", "name", "role", "department",
                                "manager"]
    assert [line.split()[:3] for line in table[2:]] == [
        ["2", "add", "claire-rousseau"], ["3", "add", "lucas-bernard"],
        ["4", "add", "ines-lefebvre"], ["5", "add", "gabriel-tremblay"],
        ["7", "add", "julien-morel"], ["8", "add", "ana-dasilva"]]
    assert french_path.read_bytes() == before


MESSY = (  # a French Excel export, as saved by hand: `;`, Windows-1252, a blank line,
    # trailing separators, a row without email, a row twice, Oui/Non, a manager by email
    "Nom;Prénom;Courriel;Service;Fonction;Responsable;Ancienneté;Mentor ?;Formation mentor;"
    "Langues;Compétences;;\r\n"
    "Garnier;Élise;elise.garnier@example.com;Finance;Contrôleuse de gestion;"
    "martine.beaumont@example.com;8;Non;Non;Français;;;\r\n"
    "\r\n"
    "Petit;Noé;;Ventes;Commercial;martine.beaumont@example.com;2;Non;Non;Français;;;\r\n"
    "Faure;Benoît;benoit.faure@example.com;Achats;Acheteur senior;"
    "pilar.morenodiaz@example.com;15;Oui;04/12/2025;Français, Anglais;\"négociation; achats\";;"
    "\r\n"
    "Garnier;Élise;elise.garnier@example.com;Finance;Contrôleuse de gestion;"
    "martine.beaumont@example.com;8;Non;Non;Français;;;\r\n"
).encode("cp1252")


def test_import_a_messy_french_excel_export(run, french_path: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "inscriptions.csv"
    sheet.write_bytes(MESSY)
    mapping = tmp_path / "map.yaml"
    mapping.write_text("Mentor ?: role\n", encoding="utf-8")
    before = french_path.read_bytes()
    refused = run(["--lang", "en", "import", french_path, sheet, "--mapping", mapping,
                   "--role", "mentee"])
    assert refused.exit_code == 2
    assert refused.stdout == ""
    assert refused.stderr.splitlines() == [
        "read inscriptions.csv: Windows-1252, semicolon separated, 4 rows",
        "columns: Nom -> last_name, Prénom -> first_name, Courriel -> email, Service -> "
        "department, Fonction -> title, Responsable -> manager, Ancienneté -> seniority, "
        "Mentor ? -> role, Formation mentor -> trained, Langues -> languages, Compétences -> "
        "skills",
        "inscriptions.csv: row 4: no email in 'Courriel' (column C): an email is needed to tell "
        "people apart",
        "nothing was written: 1 row cannot be imported; fix it in the sheet, or add "
        "--skip-invalid to import the others",
    ]
    assert french_path.read_bytes() == before

    result = run(["--lang", "en", "import", french_path, sheet, "--mapping", mapping, "--role",
                  "mentee", "--skip-invalid"])
    assert result.exit_code == 0, result.stderr
    assert "inscriptions.csv: skipped row 4: no email in 'Courriel' (column C): an email is " \
           "needed to tell people apart" in result.stderr.splitlines()
    assert "inscriptions.csv: row 6: same email as row 2: merged into one participant" in \
        result.stderr.splitlines()
    model = load_cohort(french_path).model
    elise, benoit = model.participants[-2:]
    assert (elise.id, elise.name, elise.role, elise.manager, elise.trained, elise.seniority) \
        == ("elise-garnier", "Élise Garnier", "mentee", "mbeaumont", None, 8)
    assert (benoit.id, benoit.role, benoit.manager, benoit.trained, benoit.skills) == (
        "benoit-faure", "mentor", "pmoreno-diaz", dt.date(2025, 12, 4),
        ["négociation", "achats"])
    assert [p.email for p in model.participants].count("elise.garnier@example.com") == 1
    assert run(["validate", french_path]).exit_code == 0


def test_update_appends_new_people_in_the_files_own_layout(run, french_path: Path,
                                                          tmp_path: Path) -> None:
    """New people come out the same with and without --update (blank line between people)."""
    plain = tmp_path / "plain.yaml"
    plain.write_bytes(french_path.read_bytes())
    sheet = tmp_path / "new.csv"
    sheet.write_text("Nom complet;Courriel;Rôle;Compétences\n"
                     "Léa Chevalier;lea.chevalier@example.com;mentee;\n"  # up to date
                     "Zoé Kahn;zoe.kahn@example.com;mentor;droit, contrats\n"
                     "Max Roy;max.roy@example.com;mentee;\n", encoding="utf-8")
    assert run(["import", french_path, sheet, "--update"]).exit_code == 0
    assert run(["import", plain, sheet]).exit_code == 0
    assert french_path.read_text() == plain.read_text()
    assert "\n\n  - id: zoe-kahn\n    name: Zoé Kahn\n    email: zoe.kahn@example.com\n" \
           "    role: mentor\n    skills: [droit, contrats]\n\n  - id: max-roy\n" in \
           plain.read_text()


def test_import_mapping_file_error_names_its_line(run, example_path: Path,
                                                 tmp_path: Path) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text("Votre nom,Adresse\nAnn,ann@example.com\n")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("Votre nom: name\nAdresse: courriel\n")
    result = run(["import", example_path, sheet, "--mapping", mapping])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(
        f"{mapping}:2:10: 'Adresse': unknown key 'courriel'; use one of id, name, ")


def test_import_with_bad_rows_writes_nothing_and_names_rows(run, example_path: Path,
                                                            tmp_path: Path) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text("Name;Email;Role\nAnn;ann@example.com;mentee\nBob;bob@;mentee\n"
                     ";cy@example.com;mentee\n", encoding="utf-8")
    before = example_path.read_bytes()
    result = run(["import", example_path, sheet])
    assert result.exit_code == 2
    assert "people.csv: row 3: 'Email' (column B): 'bob@' is not a valid email address" \
        in result.stderr
    assert "people.csv: row 4: no name in 'Name' (column A)" in result.stderr
    assert "nothing was written: 2 rows cannot be imported; fix them in the sheet, or add " \
           "--skip-invalid to import the others" in result.stderr
    assert "Traceback" not in result.stderr
    assert example_path.read_bytes() == before

    skipped = run(["import", example_path, sheet, "--skip-invalid"])
    assert skipped.exit_code == 0, skipped.stderr
    assert "people.csv: skipped row 3:" in skipped.stderr
    assert [p.id for p in load_cohort(example_path).model.participants][-1] == "ann"


def test_import_update_refreshes_round_trip(run, example_path: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_bytes("Courriel;Service;Compétences\r\n"
                      "alice.martin@example.com;Finance & Juridique;budget|leadership\r\n"
                      .encode("cp1252"))
    before = example_path.read_text()
    result = run(["import", example_path, sheet, "--update"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[2].split() == [
        "2", "update", "amartin", "Alice", "Martin", "mentor", "Finance", "&", "Juridique",
        "jdurand", "department,", "skills"]
    text = example_path.read_text()
    changed = [line for line in text.splitlines() if line not in before.splitlines()]
    assert len(changed) == 2 and len(text.splitlines()) == len(before.splitlines())
    assert "    department: Finance & Juridique\n" in text
    assert "    skills: [budget, leadership]                   # what a mentor offers\n" in text


def test_import_mapping_file(run, example_path: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "form.csv"
    sheet.write_text("Horodateur,Votre adresse,Votre nom,Vous souhaitez être,Pointure\n"
                     "2026-01-02 10:00,zoe@example.com,Zoé Kahn,mentorée,38\n")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("# a Google Forms export\nVotre adresse: email\nVotre nom: name\n"
                       "Vous souhaitez être: role\nHorodateur: ignore\n")
    result = run(["import", example_path, sheet, "--mapping", mapping])
    assert result.exit_code == 0, result.stderr
    assert "ignored (--mapping): 'Horodateur' (column A)" in result.stderr
    assert "'Pointure' (column E)" in result.stderr
    assert load_cohort(example_path).model.person("zoe").role == "mentee"

    mapping.write_text("Votre adresse: e-mail\n")
    bad = run(["import", example_path, sheet, "--mapping", mapping])
    assert bad.exit_code == 2
    assert "unknown key 'e-mail' (did you mean 'email'?)" in bad.stderr


def test_import_refuses_an_invalid_cohort(run, example_path: Path) -> None:
    example_path.write_text(example_path.read_text().replace("capacity: 2", "capacity: two"))
    before = example_path.read_bytes()
    result = run(["import", example_path, SAMPLE, "--role", "mentee"])
    assert result.exit_code == 2
    assert "participants[0].capacity" in result.stderr
    assert example_path.read_bytes() == before


def test_import_unreadable_sheet(run, example_path: Path, tmp_path: Path) -> None:
    before = example_path.read_bytes()
    result = run(["import", example_path, tmp_path / "missing.xlsx"])
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'missing.xlsx'}: no such file; check the path\n"
    no_email = tmp_path / "people.csv"
    no_email.write_text("Nom;Service\nDupont;RH\n")
    result = run(["import", example_path, no_email])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"{no_email}: no email column: name one 'Email' or 'Courriel', or map it with "
        "--mapping ('My column: email'); columns found: Nom, Service")
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert example_path.read_bytes() == before


# ------------------------------------------------------------ the documented runs

DOCS = Path(__file__).resolve().parent.parent / "docs" / "privacy-import.md"


def documented_runs(command: str) -> list[list[str]]:
    """The output lines docs/privacy-import.md shows after each `$ mentorcli --lang en COMMAND`
    (the French example cohort asked for English)."""
    runs = []
    for block in re.findall(r"```console\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if line == f"$ mentorcli --lang en {command}":
                end = next((j for j in range(i + 1, len(lines))
                            if lines[j].startswith("$ ")), len(lines))
                runs.append(lines[i + 1:end])
    assert runs, f"docs/privacy-import.md shows no run of `mentorcli {command}`"
    return runs


@pytest.mark.parametrize("command", [
    "import cohorts/mentorat-managers-2026.yaml cohorts/people-sample.csv --dry-run",
    "import cohorts/mentorat-managers-2026.yaml maj.csv --update",
    "import cohorts/mentorat-managers-2026.yaml inscriptions.csv",
    "import cohorts/mentorat-managers-2026.yaml inscriptions.csv --mapping "
    "inscriptions-map.yaml --role mentee --skip-invalid",
])
def test_documented_import_runs_print_what_the_docs_show(
        run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    """Messages (stderr) around the table (stdout), as a terminal shows them."""
    import shlex
    import shutil

    (tmp_path / "cohorts").mkdir()
    shutil.copyfile(FRENCH, tmp_path / "cohorts" / FRENCH.name)
    shutil.copyfile(SAMPLE, tmp_path / "cohorts" / SAMPLE.name)
    (tmp_path / "maj.csv").write_text(
        "Matricule;Courriel;Poste;Site\n"
        "010233;lea.chevalier@example.com;Directrice des ventes Rhône-Alpes;Lyon\n",
        encoding="utf-8")
    (tmp_path / "inscriptions.csv").write_bytes(MESSY)
    (tmp_path / "inscriptions-map.yaml").write_text("Mentor ?: role\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [shown] = documented_runs(command)
    # the docs show `mentorcli --lang en ...`: the French cohort speaks French without it
    result = run(["--lang", "en", *shlex.split(command)])
    messages = result.stderr.splitlines()
    if result.exit_code == 0:
        printed = messages[:-1] + result.stdout.splitlines() + messages[-1:]
    else:
        assert result.stdout == ""
        printed = messages
    assert printed == shown

"""Reading people exports: every quirk real HR systems and Excel produce."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mentorcli.errors import InputFileError
from mentorcli.importing.spreadsheet import (
    column_letter,
    decode_bytes,
    detect_delimiter,
    parse_csv_bytes,
    read_sheet,
)

IMPORT_DATA = Path(__file__).parent / "data" / "import"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_semicolon_windows_1252_accented_headers(tmp_path: Path) -> None:
    text = 'Matricule;Nom;Prénom;Courriel;Compétences\r\n' \
           '00042;Lefèvre;Hélène;helene@example.com;"écoute; négociation"\r\n'
    sheet = read_sheet(write(tmp_path, "people.csv", text.encode("cp1252")))
    assert sheet.headers == ["Matricule", "Nom", "Prénom", "Courriel", "Compétences"]
    assert sheet.encoding == "Windows-1252"
    assert sheet.delimiter == ";"
    assert [r.number for r in sheet.rows] == [2]
    assert sheet.rows[0].cells == ("00042", "Lefèvre", "Hélène", "helene@example.com",
                                   "écoute; négociation")
    assert sheet.describe() == "people.csv: Windows-1252, semicolon separated, 1 row"


def test_utf8_bom_mismatch_windows_1252_body(tmp_path: Path) -> None:
    """A UTF-8 BOM in front of Windows-1252 bytes: the BOM lies; the text is still read."""
    body = "Nom;Prénom;Courriel\r\nDupré;Élodie;elodie@example.com\r\n".encode("cp1252")
    sheet = read_sheet(write(tmp_path, "people.csv", b"\xef\xbb\xbf" + body))
    assert sheet.headers == ["Nom", "Prénom", "Courriel"]
    assert sheet.rows[0].cells == ("Dupré", "Élodie", "elodie@example.com")
    assert sheet.encoding == "Windows-1252"
    assert any("BOM" in note for note in sheet.notes)


def test_bom_decoded_as_text_by_an_earlier_conversion_is_removed() -> None:
    """A UTF-8 file with BOM read as Windows-1252 and saved again as UTF-8 carries 'ï»¿'."""
    data = "ï»¿Nom;Courriel\nDupont;d@example.com\n".encode()
    text, encoding, notes = decode_bytes(data)
    assert encoding == "UTF-8"
    assert text.startswith("Nom;")
    assert notes


def test_a_file_mixing_utf8_and_windows_1252_is_refused(tmp_path: Path) -> None:
    """Two exports pasted together: read as Windows-1252, the UTF-8 half would become
    "HÃ©lÃ¨ne" in the cohort."""
    data = ("Nom;Courriel\nHélène;h@example.com\n".encode() +
            "Léa;l@example.com\n".encode("cp1252"))
    path = write(tmp_path, "p.csv", data)
    with pytest.raises(InputFileError) as error:
        read_sheet(path)
    assert str(error.value) == (f"{path}:3: mixes two encodings: line 2 is UTF-8 but line 3 is "
                                "not (Windows-1252?); save the sheet again as CSV UTF-8")


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_with_and_without_bom(tmp_path: Path, bom: bytes) -> None:
    data = bom + "Name,Email\nZoë Ångström,zoe@example.com\n".encode()
    sheet = read_sheet(write(tmp_path, "p.csv", data))
    assert sheet.headers == ["Name", "Email"]
    assert sheet.rows[0].cells == ("Zoë Ångström", "zoe@example.com")
    assert sheet.encoding == ("UTF-8 with BOM" if bom else "UTF-8")
    assert sheet.delimiter == ","


def test_utf16_unicode_text_from_excel(tmp_path: Path) -> None:
    data = "Name\tEmail\r\nZoë\tzoe@example.com\r\n".encode("utf-16")
    sheet = read_sheet(write(tmp_path, "p.txt", data))
    assert sheet.delimiter == "\t"
    assert sheet.rows[0].cells == ("Zoë", "zoe@example.com")


def test_a_sep_line_names_the_separator_and_is_not_a_row(tmp_path: Path) -> None:
    """`sep=;` on the first line (for Excel, which hides it): rows numbered as Excel shows."""
    data = "sep=;\r\nNom;Courriel;Compétences\r\nDupré;d@example.com;a, b, c\r\n"
    sheet = read_sheet(write(tmp_path, "p.csv", data.encode("cp1252")))
    assert sheet.delimiter == ";"
    assert sheet.headers == ["Nom", "Courriel", "Compétences"]
    assert [(r.number, r.cells) for r in sheet.rows] == [(2, ("Dupré", "d@example.com",
                                                              "a, b, c"))]
    assert sheet.notes == ["the first line 'sep=;' names the separator; rows are numbered "
                           "after it, as Excel shows them"]


def test_tab_separated(tmp_path: Path) -> None:
    sheet = read_sheet(write(tmp_path, "p.tsv", b"Name\tEmail\tSkills\nAl\ta@x.io\tx, y\n"))
    assert sheet.delimiter == "\t"
    assert sheet.rows[0].cells == ("Al", "a@x.io", "x, y")


def test_quoted_cells_with_newlines_keep_sheet_row_numbers(tmp_path: Path) -> None:
    """A cell with line breaks is one sheet row: the next row is numbered as Excel shows it."""
    text = ('Name,Email,Goals\n'
            '"Ann","ann@example.com","line one\nline two\r\nline three"\n'
            '\n'
            'Bob,bob@example.com,x\n')
    sheet = read_sheet(write(tmp_path, "p.csv", text.encode()))
    assert [r.number for r in sheet.rows] == [2, 4]
    assert sheet.rows[0].cells[2] == "line one\nline two\nline three"


def test_sniffer_fooled_by_commas_in_cells_falls_back_to_header_count() -> None:
    text = ("Nom;Compétences;Langues\n"
            "Dupont;budget, négociation, écoute;fr, en\n"
            "Durand;a, b, c, d;fr, en\n")
    assert detect_delimiter(text) == ";"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a,b,c\n1,2,3\n", ","), ("a;b;c\n1;2;3\n", ";"), ("a\tb\n1\t2\n", "\t"),
     ("single\nvalue\n", ","), ('"x;y",b,c\n1,2,3\n', ",")],
)
def test_detect_delimiter(text: str, expected: str) -> None:
    assert detect_delimiter(text) == expected


def test_short_rows_are_padded_and_extra_cells_kept_apart(tmp_path: Path) -> None:
    data = b"Name;Email;Site\nAnn;a@x.io\nBob;b@x.io;Lyon;oops;\n"
    sheet = read_sheet(write(tmp_path, "p.csv", data))
    assert sheet.rows[0].cells == ("Ann", "a@x.io", "")
    assert sheet.rows[1].cells == ("Bob", "b@x.io", "Lyon")
    assert sheet.rows[1].extra == ("oops",)


def test_cells_are_stripped_and_non_breaking_spaces_become_spaces(tmp_path: Path) -> None:
    sheet = read_sheet(write(tmp_path, "p.csv", "Name;Email\n  Ann\u00a0Lee ; a@x.io \n".encode()))
    assert sheet.rows[0].cells == ("Ann Lee", "a@x.io")


def test_leading_blank_lines_and_blank_rows(tmp_path: Path) -> None:
    sheet = read_sheet(write(tmp_path, "p.csv", b"\n;;\nName;Email\n;\nAnn;a@x.io\n"))
    assert sheet.header_row == 3
    assert [r.number for r in sheet.rows] == [5]


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "is empty"), (b"  \r\n", "is empty"), (b"\x00\x01\x02abc", "binary"),
     (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", ".xls"), (b"\n\n;;;\n", "no header")],
)
def test_unreadable_files(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(InputFileError) as error:
        read_sheet(write(tmp_path, "p.csv", data))
    assert message in str(error.value)
    assert str(tmp_path / "p.csv") in str(error.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file"):
        read_sheet(tmp_path / "nope.csv")
    with pytest.raises(InputFileError, match="directory"):
        read_sheet(tmp_path)


def test_xlsx_name_but_not_a_workbook(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="not an Excel workbook"):
        read_sheet(write(tmp_path, "p.xlsx", b"Name,Email\n"))


def test_damaged_xlsx(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="not a readable Excel workbook"):
        read_sheet(write(tmp_path, "p.xlsx", b"PK\x03\x04garbage"))


def test_xlsx_cells_as_text(tmp_path: Path) -> None:
    """Employee numbers keep their zeros (text cells, or numbers formatted 00000), whole numbers
    lose the '.0', dates are ISO, and row numbers are the sheet's."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Matricule", "Nom complet", "Courriel", "Ancienneté", "Formé le", "Capacité"])
    sheet.append(["00123", "Éloïse Durand", "eloise@example.com", 12.5, dt.date(2026, 1, 5), 2])
    sheet.append([None, None, None, None, None, None])
    sheet.append([456, "Hugo Moreau", "hugo@example.com", 3.0,
                  dt.datetime(2026, 2, 1, 0, 0), None])
    sheet["A4"].number_format = "00000"
    sheet.append([789, "Lina Haddad", "lina@example.com", None,
                  dt.datetime(2026, 2, 1, 9, 30), True])
    workbook.create_sheet("Other")
    path = tmp_path / "people.xlsx"
    workbook.save(path)

    read = read_sheet(path)
    assert read.kind == "xlsx"
    assert read.headers == ["Matricule", "Nom complet", "Courriel", "Ancienneté", "Formé le",
                            "Capacité"]
    assert [r.number for r in read.rows] == [2, 4, 5]
    assert read.rows[0].cells == ("00123", "Éloïse Durand", "eloise@example.com", "12.5",
                                  "2026-01-05", "2")
    assert read.rows[1].cells == ("00456", "Hugo Moreau", "hugo@example.com", "3",
                                  "2026-02-01", "")
    assert read.rows[2].cells[4] == "2026-02-01 09:30"
    assert read.rows[2].cells[5] == "true"
    assert any("first worksheet" in n for n in read.notes)
    assert read.describe() == "people.xlsx: Excel workbook, 3 rows"


def test_xlsx_is_recognised_by_content_whatever_its_name(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Name", "Email"])
    workbook.active.append(["Ann", "a@x.io"])
    path = tmp_path / "export.csv"
    workbook.save(path)
    assert read_sheet(path).kind == "xlsx"


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == \
        ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]


@pytest.mark.parametrize(("name", "described", "notes"), [
    ("en-comma-utf8.csv", "UTF-8, comma separated, 2 rows", []),
    ("fr-semicolon-cp1252-bom.csv", "Windows-1252, semicolon separated, 3 rows",
     ["the file starts with a UTF-8 mark (BOM) but is written in Windows-1252; read as "
      "Windows-1252"]),
    ("quoted-newlines.csv", "UTF-8, comma separated, 2 rows", []),
    ("tab-utf8-bom.csv", "UTF-8 with BOM, tab separated, 1 row", []),
])
def test_shipped_fixtures_read(name: str, described: str, notes: list[str]) -> None:
    sheet = read_sheet(IMPORT_DATA / name)
    assert sheet.describe() == f"{name}: {described}"
    assert sheet.notes == notes
    assert all(h and "\ufeff" not in h and "Ã" not in h for h in sheet.headers)


cell = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               max_size=12)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(cell, min_size=3, max_size=3), min_size=1, max_size=6),
       delimiter=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_written_csv_reads_back(rows: list[list[str]], delimiter: str, encoding: str) -> None:
    """Whatever Python's csv module writes (any delimiter, quoting, encoding) reads back."""
    import csv
    import io

    header = ["Nom", "Prénom", "Courriel"]
    try:
        for row in rows:
            for value in row:
                value.encode(encoding)
    except UnicodeEncodeError:
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    if encoding == "cp1252":  # Windows-1252 bytes that happen to be UTF-8 ("Ã©" is "é"):
        assume(not any(_is_utf8(line) for line in data.split(b"\n") if not line.isascii()))
    sheet = parse_csv_bytes(data, "p.csv")
    assert sheet.headers == header
    expected = [tuple(c.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").strip()
                      for c in r) for r in rows]
    expected = [r for r in expected if any(r)]
    assert [r.cells for r in sheet.rows] == expected


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_read_or_fail_cleanly(data: bytes) -> None:
    try:
        parse_csv_bytes(data, "junk.csv")
    except InputFileError as error:
        assert "junk.csv" in str(error)

"""Defects from the third audit, in what the user gets: the visible sheet over a hidden one,
one day/month order for a workbook's text dates, stray BOMs and NFD text in the cells,
plain messages for Numbers files and zipped workbooks, UTF-16 without a BOM, and a quoted
title cell over two lines above the header."""

from __future__ import annotations

import codecs
import unicodedata
import zipfile

import openpyxl
import pytest

from crm.errors import InputError
from crm.importers.api import import_path, inspect
from crm.importers.date_order import WORKBOOK_SAMPLE_ROWS
from crm.importers.reader_csv import HEAD_BYTES
from crm.store.models import db as store

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
COLUMNS = HEADER.split(",")
PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice..."\n\n'
JOSE = "José,Müller,https://www.linkedin.com/in/jose,,Société Générale,Ingénieur,03 May 2024\n"
ANA = "Ana,Silva,https://www.linkedin.com/in/ana,,Acme,Eng,04 May 2024\n"


def _contacts() -> list[tuple]:
    return store.execute_sql(
        "SELECT c.first_name, c.last_name, co.name, c.position, c.connected_on "
        "FROM contact c LEFT JOIN company co ON co.id = c.company_id ORDER BY c.id"
    ).fetchall()


def _scalar(sql: str) -> object:
    return store.execute_sql(sql).fetchone()[0]


def _big_rows(n: int = 4000) -> str:
    """Enough rows that the file is streamed from disk past the head decoded at once."""
    return "".join(
        f'P{i},Q{i},https://www.linkedin.com/in/p{i},,"Company {i % 50}, Inc.",Eng,03 May 2024\n'
        for i in range(n)
    )


# --- 1. a hidden sheet is not imported over the visible one ---------------------------------


STALE = ["Stale", "Person", "https://www.linkedin.com/in/stale", None, "Old Co", "X"]
ANA_ROW = ["Ana", "Silva", "https://www.linkedin.com/in/ana", None, "Acme", "Eng"]


def _workbook(tmp_path, *sheets: tuple[str, list[list], str, int | None]):
    """A workbook of (title, rows, state, position) sheets; the default empty sheet dropped."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows, state, index in sheets:
        ws = wb.create_sheet(title, index)
        for row in rows:
            ws.append(row)
        ws.sheet_state = state
    path = tmp_path / "contacts.xlsx"
    wb.save(path)
    return path


def test_the_visible_sheet_is_imported_not_a_hidden_one(db, tmp_path):
    path = _workbook(
        tmp_path,
        ("Old", [COLUMNS, STALE], "hidden", None),
        ("Sheet2", [COLUMNS, ANA_ROW], "visible", None),
    )
    assert "hidden" not in " ".join(inspect(path).notes)
    import_path(path)
    assert [c[:3] for c in _contacts()] == [("Ana", "Silva", "Acme")]


def test_a_hidden_sheet_is_used_only_when_no_visible_sheet_has_a_header(db, tmp_path):
    path = _workbook(
        tmp_path,
        ("Summary", [["My network, exported 2024"]], "visible", None),
        ("Data", [COLUMNS, ANA_ROW], "hidden", None),
    )
    notes = " ".join(inspect(path).notes)
    assert "'Data'" in notes and "hidden" in notes
    import_path(path)
    assert [c[:3] for c in _contacts()] == [("Ana", "Silva", "Acme")]


def test_a_hidden_connections_sheet_loses_to_a_visible_one(db, tmp_path):
    path = _workbook(
        tmp_path,
        ("Sheet1", [COLUMNS, ANA_ROW], "visible", None),
        ("Connections", [COLUMNS, STALE], "veryHidden", 0),
    )
    import_path(path)
    assert [c[:3] for c in _contacts()] == [("Ana", "Silva", "Acme")]


# --- 2. a workbook's text dates follow one order for the whole file ------------------------


def _dated_workbook(path, dates: list[object]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    for i, day in enumerate(dates):
        ws.append([f"P{i}", "Q", f"https://www.linkedin.com/in/p{i}", None, "Acme", "Eng", day])
    wb.save(path)


def test_xlsx_text_dates_are_read_day_first_for_the_whole_file(db, tmp_path):
    path = tmp_path / "contacts.xlsx"
    _dated_workbook(path, [44776, "03/05/2024", "23/05/2024"])  # 44776: 3 Aug 2022
    found = inspect(path)
    assert any("day first" in n for n in found.notes)
    assert [p["connected_on"] for p in found.preview] == ["2022-08-03", "2024-05-03", "2024-05-23"]
    import_path(path)
    assert [c[4] for c in _contacts()] == ["2022-08-03", "2024-05-03", "2024-05-23"]


def test_xlsx_text_dates_stay_month_first_when_the_file_says_so(db, tmp_path):
    path = tmp_path / "contacts.xlsx"
    _dated_workbook(path, ["03/05/2024", "05/23/2024"])
    assert not any("day first" in n for n in inspect(path).notes)
    import_path(path)
    assert [c[4] for c in _contacts()] == ["2024-03-05", "2024-05-23"]


def test_xlsx_day_first_evidence_late_in_the_sheet(db, tmp_path):
    path = tmp_path / "contacts.xlsx"
    _dated_workbook(path, ["03/05/2024"] * 150 + ["23/05/2024"])
    import_path(path)
    dates = [c[4] for c in _contacts()]
    assert dates[0] == "2024-05-03" and dates[-1] == "2024-05-23" and len(dates) == 151


def test_xlsx_preview_and_import_agree_past_the_sample(db, tmp_path):
    path = tmp_path / "contacts.xlsx"
    _dated_workbook(path, ["03/05/2024"] * (WORKBOOK_SAMPLE_ROWS + 5) + ["23/05/2024"])
    assert not any("day first" in n for n in inspect(path).notes)
    import_path(path)
    dates = [c[4] for c in _contacts()]
    assert dates[0] == "2024-03-05" and dates[-1] == "2024-05-23"


def test_xlsx_formula_after_the_sampled_rows_still_fails_at_its_row(db, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    for i in range(30):
        ws.append([f"P{i}", "Q", f"https://www.linkedin.com/in/p{i}", None, "A", "E", "03/05/2024"])
    ws.append(['=PROPER("ana")', "Q", "https://www.linkedin.com/in/x", None, "A", "E", None])
    path = tmp_path / "contacts.xlsx"
    wb.save(path)
    assert len(inspect(path).preview) == 10  # the preview does not trip over row 32
    with pytest.raises(InputError) as info:
        import_path(path)
    assert info.value.row == 32
    assert _scalar("SELECT COUNT(*) FROM contact") == 0


# --- 3. a BOM inside the text (two exports joined) ------------------------------------------


def test_two_bom_exports_joined_give_no_fake_contacts(db, tmp_path):
    bom = codecs.BOM_UTF8
    path = tmp_path / "joined.csv"
    path.write_bytes(
        bom
        + (PREAMBLE + HEADER + "\n" + JOSE).encode()
        + bom
        + (PREAMBLE + HEADER + "\n" + ANA).encode()
    )
    import_path(path)
    assert [c[:2] for c in _contacts()] == [("José", "Müller"), ("Ana", "Silva")]


def test_two_bom_exports_without_preamble_joined(db, tmp_path):
    bom = codecs.BOM_UTF8
    path = tmp_path / "joined.csv"
    path.write_bytes(bom + (HEADER + "\n" + JOSE).encode() + bom + (HEADER + "\n" + ANA).encode())
    import_path(path)
    assert [c[:2] for c in _contacts()] == [("José", "Müller"), ("Ana", "Silva")]


def test_a_bom_inside_a_big_streamed_file(db, tmp_path):
    bom = codecs.BOM_UTF8
    first = (PREAMBLE + HEADER + "\n" + _big_rows()).encode()
    assert len(first) > HEAD_BYTES
    path = tmp_path / "joined.csv"
    path.write_bytes(bom + first + bom + (PREAMBLE + HEADER + "\n" + ANA).encode())
    import_path(path)
    assert _scalar("SELECT COUNT(*) FROM contact") == 4001
    assert (
        _scalar("SELECT COUNT(*) FROM contact WHERE first_name LIKE '%' || char(65279) || '%'") == 0
    )


def test_a_bom_in_xlsx_cells_is_dropped(db, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["\ufeffFirst Name", *COLUMNS[1:]])
    ws.append(["\ufeffAna", "Silva\ufeff", "https://www.linkedin.com/in/ana", None, "Acme", "Eng"])
    path = tmp_path / "contacts.xlsx"
    wb.save(path)
    assert inspect(path).header[0] == "First Name"
    import_path(path)
    assert [c[:2] for c in _contacts()] == [("Ana", "Silva")]


# --- 4. NFD text (macOS) is the same text as NFC -------------------------------------------


def test_nfd_reimport_makes_no_duplicate_company_nor_move(db, tmp_path):
    nfc, nfd = tmp_path / "nfc.csv", tmp_path / "nfd.csv"
    nfc.write_text(PREAMBLE + HEADER + "\n" + JOSE, encoding="utf-8")
    nfd.write_text(unicodedata.normalize("NFD", PREAMBLE + HEADER + "\n" + JOSE), encoding="utf-8")
    import_path(nfd)
    assert _contacts() == [("José", "Müller", "Société Générale", "Ingénieur", "2024-05-03")]
    result = import_path(nfc)
    assert result.updated == 0
    assert _scalar("SELECT COUNT(*) FROM company") == 1
    assert _scalar("SELECT COUNT(*) FROM interaction") == 0


def test_nfd_in_a_big_streamed_file(db, tmp_path):
    path = tmp_path / "nfd.csv"
    text = PREAMBLE + HEADER + "\n" + _big_rows() + JOSE
    path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    assert path.stat().st_size > HEAD_BYTES
    import_path(path)
    assert _contacts()[-1][:3] == ("José", "Müller", "Société Générale")


def test_nfd_xlsx_cells_are_read_as_nfc(db, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    row = ["José", "Müller", "https://www.linkedin.com/in/jose", None, "Société Générale", "X"]
    ws.append([unicodedata.normalize("NFD", v) if v else v for v in row])
    path = tmp_path / "contacts.xlsx"
    wb.save(path)
    import_path(path)
    assert _contacts()[0][:3] == ("José", "Müller", "Société Générale")


# --- 5. plain messages; UTF-16 without a BOM -------------------------------------------------


def test_an_apple_numbers_file_says_to_export_it(db, tmp_path):
    path = tmp_path / "Contacts.numbers"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Index/Document.iwa", b"\x00\x01binary")
        zf.writestr("Metadata/Properties.plist", "<plist/>")
    for call in (inspect, import_path):
        with pytest.raises(InputError) as info:
            call(path)
        message = info.value.user_message()
        assert "Apple Numbers" in message and "CSV" in message and "Excel" in message
        assert "Connections.csv" not in message


def test_a_zip_holding_only_a_workbook_says_to_unzip_it(db, tmp_path):
    inner = tmp_path / "Connections.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(COLUMNS)
    wb.save(inner)
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.write(inner, "Connections.xlsx")
    with pytest.raises(InputError) as info:
        import_path(path)
    message = info.value.user_message()
    assert "unzip" in message and "Connections.xlsx" in message


def test_a_zip_without_connections_keeps_its_message(db, tmp_path):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Invitations.csv", "From,To\n")
    with pytest.raises(InputError) as info:
        import_path(path)
    assert "no Connections.csv" in info.value.user_message()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded(db, tmp_path, codec):
    path = tmp_path / "contacts.csv"
    path.write_bytes((PREAMBLE + HEADER + "\n" + JOSE + ANA).encode(codec))
    found = inspect(path)
    assert found.encoding == "utf-16"
    import_path(path)
    assert [c[:2] for c in _contacts()] == [("José", "Müller"), ("Ana", "Silva")]


def test_utf16_without_bom_starting_with_non_ascii(db, tmp_path):
    path = tmp_path / "contacts.csv"
    text = "Vorname,Nachname,Firma\nÉmile,Zoë,Café Ltd\nAna,Silva,Acme\n"
    path.write_bytes(text.encode("utf-16-be"))
    import_path(path, format="generic")
    assert [c[:3] for c in _contacts()] == [("Émile", "Zoë", "Café Ltd"), ("Ana", "Silva", "Acme")]


def test_big_utf16be_without_bom_is_streamed(db, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_bytes((PREAMBLE + HEADER + "\n" + _big_rows() + JOSE).encode("utf-16-be"))
    assert path.stat().st_size > HEAD_BYTES
    import_path(path)
    assert _scalar("SELECT COUNT(*) FROM contact") == 4001
    assert _contacts()[-1][:3] == ("José", "Müller", "Société Générale")


# --- 6. a quoted cell over two lines above the header --------------------------------------


def test_a_two_line_title_cell_above_the_header(db, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(
        '"Exported contacts\nfrom my CRM"\r\n' + HEADER + "\r\n" + JOSE + ANA,
        encoding="utf-8",
        newline="",
    )
    found = inspect(path)
    assert found.header == COLUMNS and found.header_row == 2
    import_path(path)
    assert [c[:2] for c in _contacts()] == [("José", "Müller"), ("Ana", "Silva")]


def test_a_two_line_cell_in_a_semicolon_preamble(db, tmp_path):
    path = tmp_path / "contacts.csv"
    head = '"Notes:\nline two";;\n' + HEADER.replace(",", ";") + "\n"
    path.write_text(head + "Ana;Silva;https://www.linkedin.com/in/ana;;Acme;Eng;03.05.2024\n")
    found = inspect(path)
    assert found.delimiter == ";" and found.header == COLUMNS
    import_path(path)
    assert _contacts() == [("Ana", "Silva", "Acme", "Eng", "2024-05-03")]

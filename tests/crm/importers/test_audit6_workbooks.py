"""Sixth importer audit: workbooks as real programs and people leave them."""

from __future__ import annotations

import zipfile

import pytest

from crm.errors import InputError
from crm.importers.api import import_path, inspect
from crm.store.models import Contact

from . import samples as s

SHEET = "xl/worksheets/sheet1.xml"

# --- a workbook under another name ----------------------------------------------------------


@pytest.mark.parametrize("name", ["Connections.csv", "contacts", "contacts.txt"])
def test_a_workbook_saved_under_another_extension_is_read_as_a_workbook(db, tmp_path, name):
    """The file's bytes say what it is (a web app's "CSV" download that is really .xlsx, a
    file renamed by hand): openpyxl's own check of the file name must not refuse it."""
    book = s.linkedin_xlsx(tmp_path / "book.xlsx")
    path = tmp_path / name
    path.write_bytes(book.read_bytes())
    assert inspect(path).kind == "xlsx"
    result = import_path(path)
    assert (result.format, result.created) == ("linkedin", len(s.PEOPLE))


# --- merged cells -----------------------------------------------------------------------------


def _merged_book(path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["My contacts, grouped by company"])  # a title merged across, above the header
    ws.merge_cells("A1:E1")
    ws.append([])
    ws.append(["Name", "Company", "Email", "Notes", "Phone"])
    ws.append(["Ana Lopez", "Acme Robotics", "ana@acme.example", "met at a meetup", None])
    ws.append(["Bob Smith", None, "bob@acme.example", "old friend", None])
    ws.append(["Cy Diaz", None, None, "said: ask me in May", "555 0100"])
    ws.merge_cells("B4:B6")  # one company down over its three people
    ws.merge_cells("D5:E5")  # a note merged across: not copied into the phone column
    ws.append(["Di Evans", "Globex", None, None, None])
    ws.append([None, None, None, None, None])
    ws.merge_cells("B7:B8")  # down into a blank row: still no person there
    wb.save(path)
    return path


def test_a_company_merged_down_over_its_people_is_each_ones_company(db, tmp_path):
    path = _merged_book(tmp_path / "grouped.xlsx")
    det = inspect(path)
    assert det.header_row == 3
    assert [p["company"] for p in det.preview] == ["Acme Robotics"] * 3 + ["Globex"]
    result = import_path(path)
    assert (result.created, result.skipped) == (4, [])
    people = {
        c.first_name: (c.company.name if c.company else "", c.phone, c.notes)
        for c in Contact.select()
    }
    assert people == {
        "Ana": ("Acme Robotics", "", "met at a meetup"),
        "Bob": ("Acme Robotics", "", "old friend"),
        "Cy": ("Acme Robotics", "555 0100", "said: ask me in May"),
        "Di": ("Globex", "", ""),
    }


def test_merged_cells_in_a_linkedin_sheet_under_its_preamble(db, tmp_path):
    """The preamble's note merged across the sheet, the header on row 4, a date merged
    down over two people connected the same day."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Notes:"])
    ws.append(["When exporting your connection data, you may notice..."])
    ws.merge_cells("A2:G2")
    ws.append([])
    ws.append(s.HEADER)
    ws.append(["Ana", "Lopez", s.url("ana"), None, "Acme", "Eng", 44776])
    ws.append(["Bob", "Smith", s.url("bob"), None, "Acme", "PM", None])
    ws.merge_cells("G5:G6")
    wb.save(tmp_path / "Connections.xlsx")
    result = import_path(tmp_path / "Connections.xlsx")
    assert (result.format, result.created) == ("linkedin", 2)
    days = {c.first_name: str(c.connected_on) for c in Contact.select()}
    assert days == {"Ana": "2022-08-03", "Bob": "2022-08-03"}


# --- damaged workbooks and zips: a message, never a traceback ---------------------------------


def _rewritten(src, dst, member: str, change) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, change(data) if info.filename == member else data)


def _many_rows(path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(s.HEADER)
    for i in range(40):
        ws.append([f"P{i}", "Person", s.url(f"p-{i}"), "", "Acme", "Eng", "03 May 2024"])
    wb.save(path)
    return path


def _refused(path, snapshot, *words, calls=(inspect, import_path)):
    before = snapshot()
    for call in calls:
        with pytest.raises(InputError) as info:
            call(path)
        assert info.value.file == str(path)
        for word in words:
            assert word in info.value.problem
    assert snapshot() == before
    return info.value


@pytest.fixture
def seeded(db, tmp_path):
    import_path(s.linkedin_current(tmp_path / "seed.csv"))
    return tmp_path


def test_a_sheet_whose_xml_breaks_after_the_header_is_damaged_not_a_crash(seeded, snapshot):
    good = _many_rows(seeded / "good.xlsx")
    path = seeded / "broken.xlsx"
    # an invalid token inside the rows: the header and the first rows still parse
    _rewritten(good, path, SHEET, lambda x: x.replace(b"P30", b"P30<\x01&"))
    assert len(inspect(path).preview) == 10  # the preview reads only the first rows
    error = _refused(path, snapshot, "damaged", calls=(import_path,))
    assert error.row == 32  # the header, P0..P29, and the row the XML breaks in


def test_a_cell_pointing_past_the_shared_strings_is_damaged_not_a_crash(seeded, snapshot):
    good = _many_rows(seeded / "good.xlsx")
    path = seeded / "broken.xlsx"

    def point_past(xml: bytes) -> bytes:  # the last cell of the sheet: string number 99,999
        at = xml.rindex(b'<c r="G41"')
        return xml[:at] + b'<c r="G41" t="s"><v>99999</v></c></row></sheetData></worksheet>'

    _rewritten(good, path, SHEET, point_past)
    assert _refused(path, snapshot, "damaged", calls=(import_path,)).row == 41


@pytest.mark.parametrize("name", ["contacts.xlsx", "archive.zip"])
def test_a_zip_of_a_version_python_cannot_read_is_refused_in_words(
    seeded, snapshot, tmp_path, name
):
    """zipfile raises NotImplementedError for a member made by a newer zip version."""
    data = bytearray(s.linkedin_xlsx(tmp_path / "good.xlsx").read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 6] = 215  # version needed to extract: 21.5
    path = seeded / name
    path.write_bytes(bytes(data))
    _refused(path, snapshot)


# --- Excel's escapes in cell text ---------------------------------------------------------------


def test_excels_escaped_carriage_returns_are_not_imported_as_text(db, tmp_path):
    """Excel writes a carriage return in a cell (text pasted from a Windows program) as
    _x000D_, and a literal '_x' sequence as _x005F_x...: the text is what the cell shows."""
    good = _many_rows(tmp_path / "good.xlsx")
    path = tmp_path / "escaped.xlsx"

    def escape(xml: bytes) -> bytes:
        xml = xml.replace(b">P0<", b">P0_x000D_<").replace(b">P1<", b">P1 _x005F_x0041_<")
        xml = xml.replace(b">P2<", b">P2_x0001__xD800_<")  # a control, half a surrogate
        return xml.replace(b">Eng<", b">Eng_x000D_\nLead<", 1)

    _rewritten(good, path, SHEET, escape)
    import_path(path)
    people = {
        c.first_name: c.position for c in Contact.select().where(Contact.last_name == "Person")
    }
    assert people["P0"] == "Eng Lead"
    assert "P1 _x0041_" in people
    assert "P2_xD800_" in people

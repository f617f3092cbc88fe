"""Sixth importer audit: workbooks as real programs and people leave them."""

from __future__ import annotations

import pytest

from crm.importers.api import import_path, inspect
from crm.store.models import Contact

from . import samples as s

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

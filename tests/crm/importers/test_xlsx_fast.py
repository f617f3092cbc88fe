"""Plain workbooks are read by calamine (reader_calamine.py), everything else by openpyxl:
the rows that reach the import are the same either way, and a workbook calamine would
misread goes the openpyxl way."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from openpyxl import Workbook

from crm.importers import reader_xlsx
from crm.importers.api import import_path
from crm.importers.reader_calamine import FastWorkbook, is_plain, open_fast
from crm.importers.records import _text
from tests.crm.importers import samples as s


def _rows(path, monkeypatch, *, fast: bool) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the rows open_xlsx gives, as text, read the fast way or openpyxl's."""
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(reader_xlsx, "open_fast", lambda _src: None)
        table = reader_xlsx.open_xlsx(str(path), str(path))
        rows = [(n, [_text(v) for v in row]) for n, row in table.rows]
    # openpyxl leaves a row as long as its last cell, calamine as wide as the sheet
    trimmed = []
    for n, row in rows:
        while row and not row[-1]:
            row.pop()
        trimmed.append((n, row))
    return table.header, trimmed


def _messy_workbook(path):
    """Offsets, gaps, merges, numbers, dates, escapes, accents and a hidden first sheet."""
    wb = Workbook()
    hidden = wb.active
    hidden.title = "Old copy"
    hidden.sheet_state = "hidden"
    hidden.append(["First Name", "Last Name"])
    hidden.append(["Stale", "Row"])
    ws = wb.create_sheet("Connections")
    ws["C3"] = "Notes:"
    for col, title in enumerate(s.HEADER, start=3):
        ws.cell(row=5, column=col, value=title)
    people = [
        ["Ann", "Lee", s.url("ann-lee"), "ann@example.org", "Acme", "Engineer", "03 May 2024"],
        ["José", "Müller", s.url("jose-m"), "", "Acme", "Lead", dt.datetime(2021, 9, 16)],
        ["Bo", "Chen", "", "", "Initech", "PM_x000D_ II", dt.datetime(2020, 1, 2, 14, 30)],
        ["Cara", "Ng", s.url("cara"), "", None, 4915112345678, "16.09.2021"],
        ["LÃ³pez", "Ana", s.url("lopez-ana"), "", "Globex", "Dir", 44500],
    ]
    for r, person in enumerate(people, start=6):
        for col, value in enumerate(person, start=3):
            if value is not None:
                ws.cell(row=r, column=col, value=value)
    ws["G6"] = "Umbrella"  # a company merged down over the next person's row
    ws.merge_cells("G6:G7")
    ws["C12"] = "Dee"  # a gap of blank rows before the last person
    ws["D12"] = "Fox"
    wb.save(path)
    return path


@pytest.mark.parametrize(
    "make",
    [s.linkedin_xlsx, lambda p: s.linkedin_xlsx(p, serial=False), _messy_workbook],
    ids=["linkedin-serial-dates", "linkedin-text-dates", "offsets-merges-escapes"],
)
def test_a_plain_workbook_reads_the_same_through_calamine_as_through_openpyxl(
    tmp_path, monkeypatch, make
):
    path = make(tmp_path / "Connections.xlsx")
    book = open_fast(str(path))
    assert isinstance(book, FastWorkbook)  # the fast way is taken: the comparison means something
    book.close()
    assert _rows(path, monkeypatch, fast=True) == _rows(path, monkeypatch, fast=False)


def test_the_messy_workbook_is_read_as_the_user_sees_it(tmp_path, monkeypatch):
    header, rows = _rows(_messy_workbook(tmp_path / "Connections.xlsx"), monkeypatch, fast=True)
    assert header[2:9] == s.HEADER
    by_row = dict(rows)
    assert by_row[6][2:9] == ["Ann", "Lee", s.url("ann-lee"), "ann@example.org", "Umbrella",
                              "Engineer", "03 May 2024"]  # fmt: skip
    assert by_row[7][2:7] == ["José", "Müller", s.url("jose-m"), "", "Umbrella"]  # merged down
    assert by_row[7][8] == "2021-09-16"
    assert by_row[8][7] == "PM II"  # Excel's escape for a carriage return, as a space
    assert by_row[9][7] == "4915112345678"  # a number typed as a phone: no ".0"
    assert by_row[10][2] == "López"  # UTF-8 read as ANSI, repaired
    assert by_row[12][2:4] == ["Dee", "Fox"]


def test_importing_a_workbook_through_calamine_creates_each_person(db, tmp_path):
    path = s.linkedin_xlsx(tmp_path / "Connections.xlsx")
    result = import_path(path)
    assert result.created == len(s.PEOPLE)
    assert import_path(path).created == 0  # and a second import matches them all


def _with_part(src, dst, member: str, change) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, change(data) if info.filename == member else data)


def test_formulas_broken_xml_and_dtds_go_the_openpyxl_way(tmp_path):
    good = s.linkedin_xlsx(tmp_path / "good.xlsx")
    assert is_plain(str(good))
    sheet = "xl/worksheets/sheet1.xml"
    formula = tmp_path / "formula.xlsx"
    wb = Workbook()
    wb.active.append(s.HEADER)
    wb.active.append(["Ann", "Lee", "", "", "=A1", "", ""])
    wb.save(formula)
    broken = tmp_path / "broken.xlsx"
    _with_part(good, broken, sheet, lambda x: x.replace(b"</sheetData>", b"<\x01&</sheetData>"))
    dtd = tmp_path / "dtd.xlsx"
    _with_part(good, dtd, sheet, lambda x: x.replace(b"<worksheet", b"<!DOCTYPE w []><worksheet"))
    prefixed = tmp_path / "prefixed.xlsx"  # a formula written with a namespace prefix
    _with_part(good, prefixed, sheet, lambda x: x.replace(b"<v>", b"<x:f>1+1</x:f><v>", 1))
    for path in (formula, broken, dtd, prefixed):
        assert not is_plain(str(path)), path.name
        assert open_fast(str(path)) is None, path.name

"""Big and hostile files: streamed from disk, refused before they can flood memory."""

from __future__ import annotations

import io
import zipfile

import pytest

from crm.errors import InputError
from crm.importers import engine
from crm.importers.api import import_path, inspect
from crm.importers.reader_csv import HEAD_BYTES

from . import samples as s

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
SHEET = "xl/worksheets/sheet1.xml"


def _xlsx_with(path, members: dict[str, bytes]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(s.HEADER)
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(buf)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, members.get(info.filename, src.read(info.filename)))


def _big_csv(path, n: int, late: bytes = b"") -> None:
    lines = [
        f"P{i},Person,https://www.linkedin.com/in/p-{i},,Company {i % 97},Engineer,03 May 2024"
        for i in range(n)
    ]
    body = (s.PREAMBLE + ",".join(s.HEADER) + "\n" + "\n".join(lines) + "\n").encode()
    path.write_bytes(body + late)


def test_a_big_file_is_streamed_and_a_late_accent_still_decides_the_encoding(db, tmp_path):
    path = tmp_path / "Connections.csv"
    _big_csv(path, 5000, late="Zoë,Müller,,,Café Ltd,Barista,01 Feb 2022\n".encode("cp1252"))
    assert path.stat().st_size > HEAD_BYTES
    result = import_path(path)
    assert (result.created, result.encoding) == (5001, "cp1252")
    assert any("Windows-1252" in n for n in result.notes)
    from crm.store.models import Contact

    zoe = Contact.get(Contact.first_name == "Zoë")
    assert (zoe.last_name, zoe.company.name) == ("Müller", "Café Ltd")


def test_nul_bytes_late_in_a_big_file_are_refused_with_the_line(db, tmp_path, snapshot):
    path = tmp_path / "Connections.csv"
    _big_csv(path, 5000, late=b"A,B\x00,,,C,D,01 Feb 2022\n")
    before = snapshot()
    with pytest.raises(InputError, match="NUL") as info:
        import_path(path)
    assert info.value.row == 5000 + 5  # preamble (3 lines), blank line, header, rows
    assert snapshot() == before


def test_more_rows_than_vouch_imports_are_refused_writing_nothing(
    db, tmp_path, snapshot, monkeypatch
):
    monkeypatch.setattr(engine, "MAX_ROWS", 3000)
    path = tmp_path / "Connections.csv"
    _big_csv(path, 5000)
    before = snapshot()
    with pytest.raises(InputError) as info:
        import_path(path)
    message = info.value.user_message()
    assert "Connections.csv" in message and "more than 3,000 rows" in message
    assert snapshot() == before


def test_a_zip_bomb_is_refused_before_it_is_inflated(db, tmp_path, snapshot):
    path = tmp_path / "Connections.xlsx"
    sheet = f'<?xml version="1.0"?><worksheet {NS}><sheetData>'.encode() + b" " * (64 * 2**20)
    _xlsx_with(path, {SHEET: sheet + b"</sheetData></worksheet>"})
    before = snapshot()
    for call in (inspect, import_path):
        with pytest.raises(InputError) as info:
            call(path)
        message = info.value.user_message()
        assert "Connections.xlsx" in message and "zip bomb" in message, message
    assert snapshot() == before


ENTITIES = (
    '<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
    f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c>'
    "</row></sheetData></worksheet>"
)
EXTERNAL = (
    '<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
    f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c>'
    "</row></sheetData></worksheet>"
)


@pytest.mark.parametrize("sheet", [ENTITIES, EXTERNAL], ids=["entities", "external"])
def test_xml_entities_are_refused_in_plain_words(db, tmp_path, snapshot, sheet):
    path = tmp_path / "Connections.xlsx"
    _xlsx_with(path, {SHEET: sheet.encode()})
    before = snapshot()
    with pytest.raises(InputError) as info:
        import_path(path)
    message = info.value.user_message()
    assert "Connections.xlsx" in message
    assert "contains XML entity declarations, which Vouch refuses for safety" in message
    assert "Error" not in message and "Forbidden" not in message
    assert snapshot() == before

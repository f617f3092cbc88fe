"""Bad input gets a plain message naming the file (and row) and never half-writes."""

from __future__ import annotations

import zipfile

import pytest

from crm.errors import InputError
from crm.importers.api import import_path, inspect

from . import samples as s


@pytest.fixture
def seeded(db, tmp_path):
    import_path(s.linkedin_current(tmp_path / "seed.csv"))
    return tmp_path


def _refused(path, snapshot, *, row=None, words=()):
    before = snapshot()
    for call in (inspect, import_path):
        with pytest.raises(InputError) as info:
            call(path)
        err = info.value
        assert err.file and str(path).startswith(err.file.split("/Connections")[0])
        if row is not None:
            assert err.row == row, err.user_message()
        for word in words:
            assert word in err.user_message(), err.user_message()
        assert snapshot() == before
    return err


def test_empty_file(seeded, snapshot):
    path = seeded / "empty.csv"
    path.write_bytes(b"")
    _refused(path, snapshot, words=("empty",))


def test_header_only(seeded, snapshot):
    path = seeded / "header.csv"
    path.write_text(s.PREAMBLE + ",".join(s.HEADER) + "\n")
    before = snapshot()
    with pytest.raises(InputError, match="no data rows"):
        import_path(path)
    assert snapshot() == before


def test_no_recognisable_header(seeded, snapshot):
    path = seeded / "notes.csv"
    path.write_text("shopping list\neggs\nmilk\n")
    _refused(path, snapshot, words=("no recognisable header", "First Name, Last Name"))


def test_wrong_delimiter(seeded, snapshot):
    path = seeded / "pipes.csv"
    path.write_text("First Name|Last Name|Company|Position\nA|B|C|D\n")
    _refused(path, snapshot, words=("'|'",))


def test_binary_nul_bytes(seeded, snapshot):
    path = seeded / "nul.csv"
    path.write_bytes(b"First Name,Last Name,Company,Connected On\nA,B,C,1 Jan 2020\nx\x00y,z\n")
    _refused(path, snapshot, row=3, words=("binary",))


@pytest.mark.parametrize("magic,what", [(b"%PDF-1.4\n", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG")])
def test_not_a_spreadsheet(seeded, snapshot, magic, what):
    path = seeded / "Connections.csv"
    path.write_bytes(magic + b"\x00" * 100)
    _refused(path, snapshot, words=("not a spreadsheet", what))


def test_password_protected_xlsx(seeded, snapshot):
    path = seeded / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    _refused(path, snapshot, words=("password-protected",))


def test_truncated_xlsx(seeded, snapshot):
    good = s.linkedin_xlsx(seeded / "good.xlsx")
    path = seeded / "cut.xlsx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    _refused(path, snapshot, words=("damaged",))


def test_formula_cells(seeded, snapshot):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(s.HEADER)
    ws.append(["A", "B", "", "", "Acme", "CEO", "01 Jan 2020"])
    ws.append(["C", "D", "", "", '=HYPERLINK("x")', "CTO", "01 Jan 2020"])
    path = seeded / "formula.xlsx"
    wb.save(path)
    before = snapshot()
    with pytest.raises(InputError) as info:
        import_path(path)
    assert info.value.row == 3 and "E3" in info.value.problem and "formula" in info.value.problem
    assert snapshot() == before


def test_huge_cell(seeded, snapshot):
    path = seeded / "huge.csv"
    path.write_text(
        ",".join(s.HEADER) + "\nA,B,,,Acme,CEO,01 Jan 2020\nC,D,,," + "x" * 100_000 + ",CTO,\n"
    )
    before = snapshot()
    with pytest.raises(InputError) as info:
        import_path(path)
    assert info.value.row == 3 and "longer than" in info.value.problem
    assert snapshot() == before


def test_huge_cell_in_xlsx(seeded, snapshot):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(s.HEADER)
    ws.append(["C", "D", "", "", "Acme", "x" * 40_000, "01 Jan 2020"])
    path = seeded / "huge.xlsx"
    wb.save(path)
    before = snapshot()
    with pytest.raises(InputError) as info:
        import_path(path)
    assert info.value.row == 2
    assert snapshot() == before


def test_zip_that_is_not_an_archive(seeded, snapshot):
    path = seeded / "photos.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.txt", "hello")
    _refused(path, snapshot, words=("no Connections.csv",))


def test_missing_file(db, tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        import_path(tmp_path / "nope.csv")


def test_forced_format_that_does_not_fit(seeded, snapshot):
    path = s.google_current(seeded / "g.csv")
    with pytest.raises(InputError, match="does not look like a LinkedIn export"):
        import_path(path, format="linkedin")


def test_bad_mapping(seeded):
    path = s.generic(seeded / "g.csv")
    with pytest.raises(InputError, match="no column named"):
        import_path(path, format="generic", mapping={"full_name": "Nope"})
    with pytest.raises(InputError, match="needs a column for the name"):
        import_path(path, format="generic", mapping={"company": "Employer"})


def test_other_office_files(seeded, snapshot):
    path = seeded / "contacts.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<x/>")
    _refused(path, snapshot, words=("OpenDocument",))


def test_empty_and_header_only_workbooks(seeded, snapshot):
    from openpyxl import Workbook

    empty = seeded / "empty.xlsx"
    Workbook().save(empty)
    _refused(empty, snapshot, words=("empty",))
    wb = Workbook()
    wb.active.append(s.HEADER)
    header_only = seeded / "header.xlsx"
    wb.save(header_only)
    before = snapshot()
    with pytest.raises(InputError, match="no data rows"):
        import_path(header_only)
    assert snapshot() == before

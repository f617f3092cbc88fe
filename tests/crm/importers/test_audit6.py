"""Sixth importer audit: text files as real programs and people leave them (see formats.md);
workbooks are in test_audit6_workbooks.py."""

from __future__ import annotations

import pytest

from crm.importers.api import import_path, inspect
from crm.importers.reader_csv import HEAD_BYTES
from crm.store.models import Contact

from . import samples as s

HEADER_2021 = "First Name,Last Name,Email Address,Company,Position,Connected On\n"


def _names() -> list[tuple[str, str, str]]:
    return [
        (c.first_name, c.last_name, c.company.name if c.company else "")
        for c in Contact.select().order_by(Contact.id)
    ]


# --- one file, two encodings --------------------------------------------------------------


def test_a_utf8_line_pasted_into_an_ansi_file_keeps_its_accents(db, tmp_path):
    """Excel saved the file as ANSI, then one line was pasted in from a UTF-8 file: each
    line is read in the encoding it is valid in, not the whole file as Windows-1252."""
    path = tmp_path / "Connections.csv"
    path.write_bytes(
        s.PREAMBLE.encode()
        + HEADER_2021.encode()
        + "José,Müller,,Café GmbH,Eng,03 May 2024\n".encode("cp1252")
        + "Zoë,Brontë,,Crème Brûlée,Eng,04 May 2024\n".encode()
    )
    result = import_path(path)
    assert result.created == 2
    assert result.encoding == "cp1252"
    assert any("mixes" in note for note in result.notes)
    assert _names() == [("José", "Müller", "Café GmbH"), ("Zoë", "Brontë", "Crème Brûlée")]
    assert any("mixes" in note for note in inspect(path).notes)


def test_an_ansi_line_late_in_a_big_utf8_file_leaves_the_utf8_lines_alone(db, tmp_path):
    """A big UTF-8 export (streamed from disk) with one line re-typed in an ANSI editor:
    the UTF-8 lines before and after it keep their accents."""
    path = tmp_path / "Connections.csv"
    lines = [f"Zoë{i},Müller,,Café {i % 50},Engineer,03 May 2024\n" for i in range(7000)]
    path.write_bytes(
        (s.PREAMBLE + HEADER_2021 + "".join(lines)).encode()
        + "Jürgen,Weiß,,Bäckerei,Eng,05 May 2024\n".encode("cp1252")
        + "Última,Niño,,Señor,Eng,06 May 2024\n".encode()
    )
    assert path.stat().st_size > HEAD_BYTES
    result = import_path(path)
    assert result.created == 7002
    names = _names()
    assert names[0] == ("Zoë0", "Müller", "Café 0")
    assert names[-2:] == [("Jürgen", "Weiß", "Bäckerei"), ("Última", "Niño", "Señor")]


def test_a_plain_ansi_file_is_still_read_as_windows_1252(db, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes((HEADER_2021 + "José,Müller,,Café GmbH,Eng,03 May 2024\n").encode("cp1252"))
    result = import_path(path)
    assert result.encoding == "cp1252"
    assert not any("mixes" in note for note in result.notes)
    assert _names() == [("José", "Müller", "Café GmbH")]


# --- dates whose digits are not a date's -----------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        "16.09.2021\u00b3",
        "03/05/202\u00b2",
        "0\u00b3/05/2024",
        "\u00b9 May 2024",
        "2024-05-0\u00b2",
        "99999999999999999999/1/1",
        "1/1/" + "9" * 30,
        "3 May " + "9" * 30,
        "1/" + "1" * 5000 + "/2024",
    ],
)
def test_a_date_with_odd_digits_is_no_date_not_a_crash(db, tmp_path, day):
    """'³' is a digit to str.isdigit() but not to int() (a cp1252 byte 0xB3 where a digit
    was); a 20-digit year overflows a date; int() refuses 5,000 digits. The row imports
    with its date left empty and a warning, in a comma file and in a semicolon (day-first)
    one."""
    for delim in (",", ";"):
        path = tmp_path / f"Connections{delim == ';'}.csv"
        path.write_bytes(
            HEADER_2021.replace(",", delim).encode()
            + delim.join(["Ana", f"Lopez{delim == ';'}", "", "Acme", "Eng", day]).encode("cp1252")
            + b"\n"
        )
        inspect(path)
        result = import_path(path)
        assert result.created == 1
        assert any("not a date" in w for w in result.warnings)

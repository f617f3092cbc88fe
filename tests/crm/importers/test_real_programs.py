"""Files as real spreadsheet programs write them (the sixth audit re-saved LinkedIn exports
with LibreOffice): each test rebuilds, with openpyxl and the raw XML, the one feature of the
program's file that tripped the import, so LibreOffice is not needed to run them."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest

from crm.errors import InputError
from crm.importers.api import import_path, inspect
from crm.store.models import Contact
from crm.store.models import db as store

COLUMNS = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
PREAMBLE = [
    ["Notes:"],
    ["When exporting your connection data, you may notice that some of the email addresses..."],
    [],
]
PEOPLE = [
    [
        "Ana",
        "López",
        "https://www.linkedin.com/in/ana",
        None,
        "Acme Robotics",
        "Eng",
        "03 May 2024",
    ],
    [
        "Priya",
        "Nayak, MSc, MBA",
        "https://www.linkedin.com/in/priya",
        None,
        "Globex, Inc.",
        "Director, Data",
        "26 Mar 2023",
    ],
    [
        "Zoë",
        "Chen \U0001f680",
        "https://www.linkedin.com/in/zoe",
        None,
        "Initech",
        "PM",
        "08 Jan 2021",
    ],
]
EXPECTED = [
    ("Ana", "López", "Acme Robotics", "Eng", "2024-05-03"),
    ("Priya", "Nayak, MSc, MBA", "Globex, Inc.", "Director, Data", "2023-03-26"),
    ("Zoë", "Chen \U0001f680", "Initech", "PM", "2021-01-08"),
]


def _contacts() -> list[tuple]:
    return [
        (*row[:4], str(row[4]) if row[4] else None)
        for row in store.execute_sql(
            "SELECT c.first_name, c.last_name, co.name, c.position, c.connected_on "
            "FROM contact c LEFT JOIN company co ON co.id = c.company_id ORDER BY c.id"
        ).fetchall()
    ]


def _with_saved_values(path, values: dict[str, tuple[str, str]]) -> None:
    """Give formula cells the value a spreadsheet program saves with them.

    openpyxl writes a formula as <c r="H5"><f>...</f><v></v></c>, with no value; Excel and
    LibreOffice write the value they computed: <c r="H5" t="str"><f>...</f><v>Ana</v></c>.
    `values`: cell -> (type, saved value).
    """
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, (kind, value) in values.items():
        sheet, n = re.subn(
            rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>',
            rf'<c r="{ref}"\1 t="{kind}"><f>\2</f><v>{value}</v></c>',
            sheet,
        )
        assert n == 1, ref
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


# --- 1. a formula column the user added next to the data ----------------------------------


def _formula_workbook(tmp_path, *, saved: bool):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Connections"
    for row in PREAMBLE:
        ws.append(row or [None])
    ws.append([*COLUMNS, "Full name", "Years"])
    for person in PEOPLE:
        ws.append(person)
        n = ws.max_row
        ws.cell(n, 8, f'=TRIM(A{n}&" "&B{n})')
        ws.cell(n, 9, f"=2024-VALUE(RIGHT(G{n},4))")
    path = tmp_path / "Connections.xlsx"
    wb.save(path)
    if saved:
        cached = {}
        for i, person in enumerate(PEOPLE, start=5):
            cached[f"H{i}"] = ("str", f"{person[0]} {person[1]}")
            cached[f"I{i}"] = ("n", str(2024 - int(person[6][-4:])))
        _with_saved_values(path, cached)
    return path


def test_a_formula_column_saved_by_a_spreadsheet_program_imports_its_values(db, tmp_path):
    """LibreOffice / Excel: a helper column (=TRIM(A5&" "&B5)) beside the LinkedIn columns
    refused the whole file ("cell H5 holds a formula ... paste it as values")."""
    path = _formula_workbook(tmp_path, saved=True)
    assert inspect(path).format == "linkedin"
    result = import_path(path)
    assert (result.created, len(result.skipped)) == (3, 0)
    assert _contacts() == EXPECTED


def test_a_formula_in_an_imported_column_gives_its_saved_value(db, tmp_path):
    """A Company column filled by a formula (a lookup) imports the company it shows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    ws.append(["Ana", "López", "https://www.linkedin.com/in/ana", None, "=Lookup!B2", "Eng", None])
    ws.append(["Bob", "Ray", "https://www.linkedin.com/in/bob", None, "=Lookup!B3", "PM", None])
    path = tmp_path / "lookup.xlsx"
    wb.save(path)
    # a string result, and a lookup that found nothing (#N/A): no company
    _with_saved_values(path, {"E2": ("str", "Globex, Inc."), "E3": ("e", "#N/A")})
    import_path(path)
    assert [c[:3] for c in _contacts()] == [("Ana", "López", "Globex, Inc."), ("Bob", "Ray", None)]


def test_a_formula_saved_without_its_value_is_still_refused_by_cell(db, tmp_path, snapshot):
    """A script's formula (openpyxl, pandas) has no value to import: refused, cell named."""
    path = _formula_workbook(tmp_path, saved=False)
    before = snapshot()
    with pytest.raises(InputError) as info:
        import_path(path)
    message = info.value.user_message()
    assert str(path) in message and info.value.row == 5 and "H5" in message
    assert "without its value" in message
    assert snapshot() == before


# --- 2. a summary sheet before the LinkedIn sheet --------------------------------------------


def _summary_first(tmp_path, summary_title: str, data_title: str):
    """LibreOffice puts a pivot table on a new sheet before the data ("Pivot Table_<sheet>_1");
    Excel inserts new sheets before the active one. Its header row is one Vouch can guess
    at: "Company" and "Count - First Name"."""
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = summary_title
    summary.append(["Count - First Name", None])
    summary.append([None, None])
    summary.append(["Company", "Count - First Name"])
    for row in (["Acme Robotics", 1], ["Globex, Inc.", 1], ["Initech", 1], ["Total Result", 3]):
        summary.append(row)
    data = wb.create_sheet(data_title)
    for row in [*PREAMBLE, COLUMNS, *PEOPLE]:
        data.append(row or [None])
    path = tmp_path / "network.xlsx"
    wb.save(path)
    return path


def test_a_summary_sheet_before_the_linkedin_sheet_is_not_imported_as_people(db, tmp_path):
    """The pivot sheet was taken for a generic contacts sheet: people named "1" and "3"
    at "Total Result" were created, and none of the connections."""
    path = _summary_first(tmp_path, "Pivot Table_LinkedIn 2024_1", "LinkedIn 2024")
    info = inspect(path)
    assert (info.format, info.header_row) == ("linkedin", 4)
    assert "sheet 'LinkedIn 2024'" in info.notes
    result = import_path(path)
    assert (result.created, len(result.skipped)) == (3, 0)
    assert _contacts() == EXPECTED


def test_a_guessed_sheet_is_still_used_when_no_sheet_has_a_known_header(db, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["Name", "Employer"])
    wb.active.append(["Ana López", "Acme Robotics"])
    notes = wb.create_sheet("Notes")
    notes.append(["Some text", "more"])
    path = tmp_path / "own.xlsx"
    wb.save(path)
    assert inspect(path).format == "generic"
    import_path(path)
    assert _scalar_count() == 1


def _scalar_count() -> int:
    return store.execute_sql("SELECT COUNT(*) FROM contact").fetchone()[0]


# --- 3. a UTF-8 export opened as ANSI, then saved ------------------------------------------


def _garbled(text: str) -> str:
    """What Excel shows of UTF-8 text when it opens the file as Windows-1252 (a double-click
    on LinkedIn's Connections.csv, which has no BOM): "López" as "LÃ³pez"."""
    return text.encode("utf-8").decode("cp1252", errors="strict")


GARBLED = [
    [_garbled(c) if isinstance(c, str) else c for c in person]
    for person in [
        *PEOPLE[:2],
        [
            "Seán",
            "O\u2019Brien",
            "https://www.linkedin.com/in/sean",
            None,
            "Société Générale",
            "Analyste",
            "16 Sep 2021",
        ],  # fmt: skip
    ]
]
EXPECTED_GARBLED = [*EXPECTED[:2], ("Seán", "O\u2019Brien", "Société Générale", "Analyste",
                                    "2021-09-16")]  # fmt: skip
NOTE = "accents garbled by opening the UTF-8 export as ANSI"


def test_garbled_accents_in_a_workbook_are_repaired(db, tmp_path):
    """Opened as ANSI, then saved as .xlsx: "LÃ³pez", "Oâ€™Brien" were imported as they were."""
    assert GARBLED[0][1] == "LÃ³pez"
    wb = openpyxl.Workbook()
    for row in [*PREAMBLE, COLUMNS, *GARBLED]:
        wb.active.append(row or [None])
    path = tmp_path / "Connections.xlsx"
    wb.save(path)
    assert any(NOTE in n for n in inspect(path).notes)
    import_path(path)
    assert _contacts() == EXPECTED_GARBLED


def test_garbled_accents_in_a_csv_utf8_save_are_repaired(db, tmp_path):
    """Opened as ANSI, then saved as "CSV UTF-8" (a BOM, the garbled text in UTF-8)."""
    lines = ["Notes:", '"When exporting your connection data..."', "", ",".join(COLUMNS)]
    for person in GARBLED:
        lines.append(",".join(f'"{c}"' if c and "," in c else c or "" for c in person))
    path = tmp_path / "Connections.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    info = inspect(path)
    assert info.encoding == "utf-8-sig" and any(NOTE in n for n in info.notes)
    import_path(path)
    assert _contacts() == EXPECTED_GARBLED


def test_text_that_only_looks_garbled_is_left_alone(db, tmp_path):
    """A real "Ã" beside other accents does not decode as UTF-8 whole: unchanged."""
    wb = openpyxl.Workbook()
    wb.active.append(COLUMNS)
    wb.active.append(
        ["João", "Ã©té Müller", "https://www.linkedin.com/in/j", None, "Acme", "", None]
    )
    path = tmp_path / "real.xlsx"
    wb.save(path)
    assert not any(NOTE in n for n in inspect(path).notes)
    import_path(path)
    assert [c[:2] for c in _contacts()] == [("João", "Ã©té Müller")]


def test_garbled_accents_in_a_big_csv_are_repaired_as_its_rows_stream(db, tmp_path):
    """A file past the head Vouch reads whole (256 KB, a few thousand connections) streams
    from disk: the head's whole lines decide, and every row is repaired as it comes."""
    lines = ["Notes:", '"When exporting your connection data..."', "", ",".join(COLUMNS)]
    n = 4000
    for i in range(n):
        person = [_garbled(f"Seán{i}"), _garbled("O\u2019Brien 🚀"),
                  f"https://www.linkedin.com/in/sean-{i}", "", _garbled("Société Générale"),
                  "Analyste", "16 Sep 2021"]  # fmt: skip
        lines.append(",".join(person))
    path = tmp_path / "Connections.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    assert path.stat().st_size > 256 * 1024
    assert any(NOTE in note for note in inspect(path).notes)
    assert import_path(path).created == n
    names = {(c.first_name, c.last_name, c.company.name) for c in Contact.select()}
    assert ("Seán3999", "O\u2019Brien 🚀", "Société Générale") in names
    assert not any("Ã" in first or "â" in last for first, last, _ in names)

"""Found by the third import audit: a quote never closed in a LinkedIn file, and a sheet
with both Title and Job Title."""

from __future__ import annotations

import pytest

from crm.errors import InputError
from crm.importers.api import import_path, inspect
from crm.store.models import Contact

from . import samples as s


def _file(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_two_unclosed_quotes_in_a_linkedin_file_are_refused_at_the_first(db, tmp_path, snapshot):
    """No LinkedIn cell spans lines: a cell that does swallowed the rows after an unclosed
    quote (with two of them the quote count is even, so the file-wide check missed it)."""
    rows = (
        f'Ana,Silva,{s.url("ana")},,"Acme,Eng,03 May 2024\n'
        f"Bob,Lee,{s.url('bob')},,Globex,PM,01 Jan 2023\n"
        f'Cy,Kim,{s.url("cy")},,Initech,"Dev,02 Feb 2022\n'
        f"Di,Ng,{s.url('di')},,Hooli,CEO,02 Feb 2022\n"
    )
    path = _file(tmp_path, "Connections.csv", ",".join(s.HEADER) + "\n" + rows)
    before = snapshot()
    with pytest.raises(InputError) as info:
        import_path(path)
    assert info.value.row == 2
    assert "never closed" in info.value.user_message()
    assert snapshot() == before


def test_a_multi_line_note_in_a_google_export_still_imports(db, tmp_path):
    path = _file(
        tmp_path,
        "google.csv",
        "Name,Given Name,Family Name,E-mail 1 - Value,Notes\n"
        'Kim Park,Kim,Park,kim@example.org,"met at the meetup\nlikes Python"\n',
    )
    assert import_path(path).created == 1
    assert Contact.get().notes == "met at the meetup\nlikes Python"


def test_job_title_is_the_position_when_title_holds_mr_or_dr(db, tmp_path):
    path = _file(
        tmp_path,
        "people.csv",
        "Title,First Name,Last Name,Job Title,Company,Email\nMr.,Tom,Hanks,Actor,Studio,t@example.com\n",
    )
    assert inspect(path, format="generic").mapping["position"] == "Job Title"
    import_path(path, format="generic")
    assert Contact.get().position == "Actor"


def test_a_line_break_typed_into_a_cell_in_excel_is_joined_not_refused(db, tmp_path):
    """Alt+Enter in Excel puts a line break inside a quoted cell (quotes balanced): the row
    is imported with the lines joined, and the summary names the row; only a cell that
    swallowed whole rows (an unclosed quote) is refused."""
    rows = (
        f'Ana,Silva,{s.url("ana")},,Acme,"Head of Sales\nEMEA, DACH",03 May 2024\r\n'
        f"Bob,Lee,{s.url('bob')},,Globex,PM,01 Jan 2023\r\n"
    )
    path = _file(tmp_path, "Connections.csv", ",".join(s.HEADER) + "\r\n" + rows)
    result = import_path(path)
    assert result.created == 2 and not result.skipped
    ana = Contact.get(Contact.first_name == "Ana")
    assert ana.position == "Head of Sales EMEA, DACH"
    assert any("row 2" in w and "spans lines" in w for w in result.warnings), result.warnings

"""Sixth importer audit: workbooks as real programs and people leave them."""

from __future__ import annotations

import pytest

from crm.importers.api import import_path, inspect

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

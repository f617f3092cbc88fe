"""Helpers for the export tests: a few hostile contacts, and reading a workbook back."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

INJECTIONS = ("=1+2", "+SUM(A1)", "-2+3", "@cmd", "\t=evil()", "\r=evil()")


@pytest.fixture
def hostile(demo_db):
    """The demo network plus one contact whose every text field starts a formula."""
    from crm.services.companies import get_or_create_company
    from crm.store.models import Contact

    company = get_or_create_company('=HYPERLINK("http://x")')
    Contact.create(
        first_name=INJECTIONS[0],
        last_name=INJECTIONS[1],
        position=INJECTIONS[2],
        tags=INJECTIONS[3],
        notes=INJECTIONS[4],
        phone=INJECTIONS[5],
        company=company,
        connected_on=dt.date(2024, 5, 3),
    )
    return demo_db


def formulas_in(path) -> list[str]:
    """Names of the worksheet parts of an xlsx that hold a formula element."""
    found = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = z.read(name)
                if b"<f>" in xml or b"<f " in xml:
                    found.append(name)
    return found

"""Dates as people and other programs spell them, beyond the exports' own formats: a
weekday in front, German and French month names, a dot after the day and the month."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.importers.api import import_path
from crm.importers.dates import parse_date


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Mon, 16 Dec 2024 18:24:37 GMT", dt.date(2024, 12, 16)),  # an e-mail header's date
        ("Monday, 16 December 2024", dt.date(2024, 12, 16)),
        ("Tue Dec 17 2024", dt.date(2024, 12, 17)),
        ("16. Sep. 2021", dt.date(2021, 9, 16)),
        ("03. Mai 2024", dt.date(2024, 5, 3)),
        ("3. März 2024", dt.date(2024, 3, 3)),
        ("16. Okt. 2021", dt.date(2021, 10, 16)),
        ("24 Dez 2023", dt.date(2023, 12, 24)),
        ("14 juillet 2022", dt.date(2022, 7, 14)),
        ("1 févr. 2023", dt.date(2023, 2, 1)),
        ("5 août 2020", dt.date(2020, 8, 5)),
        ("12 déc. 2019", dt.date(2019, 12, 12)),
        ("1 juin 2021", dt.date(2021, 6, 1)),
        # the spellings that worked before still do
        ("03 May 2024", dt.date(2024, 5, 3)),
        ("Sat Dec 14 08:57:55 UTC 2024", dt.date(2024, 12, 14)),
        ("Dec 14, 2024", dt.date(2024, 12, 14)),
        # and what is no date stays none
        ("Mon", None),
        ("Sep. 2021", None),
        ("Maison 12 2024", None),
    ],
)
def test_spelled_dates(text, want):
    assert parse_date(text) == want


def test_a_german_date_column_imports(db, tmp_path):
    path = tmp_path / "Kontakte.csv"
    path.write_text(
        "First Name;Last Name;Company;Position;Connected On\n"
        "Jörg;Weiß;Müller AG;Leiter;03. Mai 2024\n"
        "Anke;Voß;Bosch;CTO;16. Okt. 2021\n",
        encoding="utf-8",
    )
    result = import_path(path)
    assert result.created == 2 and not result.skipped
    from crm.store.models import Contact

    days = {c.last_name: c.connected_on for c in Contact.select()}
    assert days == {"Weiß": dt.date(2024, 5, 3), "Voß": dt.date(2021, 10, 16)}

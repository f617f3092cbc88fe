"""Audit of the Excel export (issue #4): defects found with adversarial but realistic data.

Each test names what a user would see; the ones under "defects outside crm/exporters" were
fixed in the referrals service, the importer and the command line.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os

import openpyxl
import pytest

from crm.errors import InputError
from crm.exporters import fastrows
from crm.exporters.report import export_report
from crm.exporters.view import export_view

TODAY = dt.date(2026, 11, 30)


def _contacts(path) -> list[dict]:
    ws = openpyxl.load_workbook(path)["Contacts"]
    rows = list(ws.iter_rows())
    head = [c.value for c in rows[0]]
    return [dict(zip(head, r, strict=True)) for r in rows[1:]]


def _people():
    from crm.store.models import Contact

    return sorted(
        (c.first_name, c.last_name, c.email, c.linkedin_url, c.connected_on,
         c.company.name if c.company else "")
        for c in Contact.select()
    )  # fmt: skip


# --- where the file goes ------------------------------------------------------------------


def test_export_to_an_existing_folder_is_refused_not_written_beside_it(tmp_path):
    """`vouch-cli export ~/Documents` wrote ~/Documents.xlsx in the home folder."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    with pytest.raises(InputError) as err:
        export_view(folder, "Jobs", ["Title"], [["PM"]])
    assert "not a folder" in err.value.user_message()
    assert str(folder) in err.value.user_message()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Documents"]
    assert list(folder.iterdir()) == []


def test_cli_export_to_an_existing_folder_exits_2(demo_db, tmp_path, capsys):
    from crm.cli import main

    folder = tmp_path / "out"
    folder.mkdir()
    assert main(["--db", str(demo_db), "export", str(folder)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a folder" in err[0] and str(folder) in err[0]
    assert not (tmp_path / "out.xlsx").exists()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_target_that_cannot_be_replaced_is_not_called_an_unwritable_folder(tmp_path, monkeypatch):
    """Windows refuses to replace a workbook open in Excel (EACCES at the rename); the
    folder is writable (the temporary file was written there), so "the folder is not
    writable" sent the user to the wrong place. Same for a read-only file owned by someone
    else in a shared (sticky) folder."""
    target = export_view(tmp_path / "jobs.xlsx", "Jobs", ["Title"], [["old"]])
    before = target.read_bytes()

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Access is denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(InputError) as err:
        export_view(target, "Jobs", ["Title"], [["new"]])
    message = err.value.user_message()
    assert "folder is not writable" not in message
    assert "open in another program" in message and "jobs.xlsx" in message
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["jobs.xlsx"]


# --- dates --------------------------------------------------------------------------------

EDGE_DATES = {
    "Old": dt.date(1899, 12, 31),
    "Placeholder": dt.date(1900, 1, 1),  # "1/1/1900", the null date of many spreadsheets
    "February": dt.date(1900, 2, 28),
    "March": dt.date(1900, 3, 1),
    "Leap": dt.date(2024, 2, 29),
    "Last": dt.date(9999, 12, 31),
}


@pytest.fixture
def edge_dates(db):
    from crm.services.contacts import create_contact

    for name, day in EDGE_DATES.items():
        create_contact(name, "Date", connected_on=day, next_follow_up=day)
    return db


@pytest.mark.parametrize("path", ["fast", "openpyxl"])
def test_edge_dates_read_the_same_in_excel_and_libreoffice(edge_dates, tmp_path, monkeypatch, path):
    """Before 1900-03-01 a serial is one day in Excel and the day before in LibreOffice
    (1900-01-01 showed as 1899-12-31 there); before 1900 the plain openpyxl path wrote a
    bogus time 00:00:00 instead of the date. Such dates are ISO text in both paths."""
    if path == "openpyxl":
        monkeypatch.setattr(fastrows, "available", lambda ws: False)
    rows = {r["First Name"].value: r for r in _contacts(export_report(tmp_path / "r", today=TODAY))}
    for name, day in EDGE_DATES.items():
        for column in ("Connected On", "Next Follow-up"):
            cell = rows[name][column]
            if day < dt.date(1900, 3, 1):
                assert (cell.value, cell.data_type) == (day.isoformat(), "s"), (name, column)
            else:
                assert cell.is_date and cell.value.date() == day, (name, column)


def test_edge_dates_survive_the_round_trip(edge_dates, tmp_path):
    from crm.importers.api import import_path
    from crm.store.connection import open_database

    path = export_report(tmp_path / "r.xlsx", today=TODAY)
    before = _people()
    again = import_path(path)
    assert (again.created, again.updated) == (0, 0)
    open_database(tmp_path / "empty.db", backup=False)
    import_path(path)
    assert _people() == before


# --- defects outside crm/exporters --------------------------------------------------------


def test_people_who_know_each_other_appear_in_the_chains_sheet(db, tmp_path):
    from crm.services.contacts import create_contact
    from crm.services.referrals import add_knows

    ann, bob = create_contact("Ann", "Loop"), create_contact("Bob", "Loop")
    add_knows(ann.id, bob.id)
    add_knows(bob.id, ann.id)
    path = export_report(tmp_path / "r.xlsx", today=TODAY)
    chains = openpyxl.load_workbook(path)["Referral chains"]
    words = " ".join(str(v) for row in chains.iter_rows(min_row=2, values_only=True) for v in row)
    assert chains.max_row >= 2 and "Ann Loop" in words and "Bob Loop" in words
    assert {r["Degree"].value for r in _contacts(path)} != {None}


def test_namesakes_at_one_company_survive_the_round_trip(db, tmp_path):
    from crm.importers.api import import_path
    from crm.services.contacts import create_contact
    from crm.store.connection import open_database

    for position in ("Engineer", "Recruiter", ""):
        create_contact("John", "Smith", company="Acme", position=position)
    path = export_report(tmp_path / "r.xlsx", today=TODAY)
    open_database(tmp_path / "empty.db", backup=False)
    result = import_path(path)
    assert (result.created, len(result.skipped)) == (3, 0), result.skipped


def test_import_json_says_which_rows_were_skipped_and_why(db, tmp_path, capsys):
    from crm.cli import main

    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,,,,,31 Foo 2024\n"
        ",,,,,,02 Jun 2022\n",
        encoding="utf-8",
    )
    assert main(["--db", str(tmp_path / "j.db"), "import", str(csv), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["skipped"] == 1
    assert data.get("skipped_rows") and data.get("warnings")


def test_cli_export_from_a_database_that_does_not_exist_exits_2(tmp_path, capsys):
    from crm.cli import main

    missing = tmp_path / "typo.db"
    code = main(["--db", str(missing), "export", str(tmp_path / "r.xlsx")])
    assert code == 2 and "typo.db" in capsys.readouterr().err
    assert not missing.exists() and not (tmp_path / "r.xlsx").exists()


# --- checked and fine (guards) ------------------------------------------------------------


def test_formula_text_is_safe_on_every_sheet_of_the_report(db, tmp_path):
    """A hostile voucher, the person they named, a meeting with them and a job they referred:
    every cell that starts a formula is text with a quote prefix, on every sheet."""
    from crm.services import jobs, referrals
    from crm.services.contacts import create_contact
    from crm.services.interactions import log_interaction
    from tests.crm.exporters.conftest import formulas_in

    voucher = create_contact('=HYPERLINK("http://x")', "-Eve", company="+Corp", closeness=3)
    named = create_contact("@Mal", "Lory", company="=cmd|' /C calc'!A0")
    edge = referrals.add_knows(voucher.id, named.id)
    referrals.set_status(edge.id, "named")
    log_interaction(voucher.id, "meeting", TODAY, minutes=30, notes="-2+3", why_not="@SUM(1)")
    jobs.create_job("=Job", company="+Corp", referrer=voucher, channel="referral", notes="+1")
    path = export_report(tmp_path / "r.xlsx", today=TODAY)
    assert formulas_in(path) == []
    prefixed = 0
    for ws in openpyxl.load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@\t\r":
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    if cell.value != "-":  # the Summary's "no value" dash
                        assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
                    prefixed += 1
    assert prefixed >= 10

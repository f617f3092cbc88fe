"""Seventh audit, the files of a LinkedIn archive beside Connections.csv: how they are named
in real archives and re-zipped ones, and what a long message does to messages.csv."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from crm.importers.api import import_path, inspect, undo_import
from crm.store.models import Company, Contact, Interaction, Job

from . import samples as s
from .conftest import table_counts

MSG_HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
              "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"]  # fmt: skip


def _messages(first: str) -> list[tuple[dt.date, str]]:
    who = Contact.get(Contact.first_name == first)
    return [(m.date, m.notes) for m in Interaction.select().where(Interaction.contact == who)]


def _zip(folder: Path, path: Path, *, sep: str = "/") -> Path:
    """The folder zipped under its own name; `sep` "\\" as Windows PowerShell 5 writes it."""
    with zipfile.ZipFile(path, "w") as zf:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                name = p.relative_to(folder.parent).as_posix().replace("/", sep)
                zf.writestr(zipfile.ZipInfo(name, (2024, 12, 15, 0, 0, 0)), p.read_bytes())
    return path


def _everything_imported(result) -> None:
    assert result.created == 6
    assert result.extras == {"messages": 2, "messages_not_with_connections": 1, "recommended": 1, "endorsed": 1,
                             "target_companies": 2, "jobs": 2}  # fmt: skip
    assert result.warnings == []


# --- a long message ----------------------------------------------------------------------


def test_a_message_longer_than_the_csv_modules_limit_keeps_the_messages(db, tmp_path):
    folder = s.archive_folder(tmp_path / "export")
    rows = [MSG_HEADER,
            ["c1", "", "Ana Lopez", s.url("ana-lopez-1a2b"), "Me", s.ME,
             "2024-12-16 18:24:37 UTC", "", "Dear Me,\n" + "a long story. " * 12_000, "INBOX"],
            ["c2", "", "Me", s.ME, "Bob Smith", s.url("bob-smith-77"),
             "2024-12-10 09:00:00 UTC", "", "Coffee?", "INBOX"]]  # fmt: skip
    (folder / "messages.csv").write_text(s._csv(rows), encoding="utf-8")
    result = import_path(folder)
    assert result.warnings == []
    assert result.extras["messages"] == 2
    assert _messages("Ana") == [(dt.date(2024, 12, 16), "LinkedIn message")]
    assert _messages("Bob") == [(dt.date(2024, 12, 10), "LinkedIn message")]


def test_a_long_message_in_a_file_with_an_odd_number_of_quotes(db, tmp_path):
    """A lone inch mark in an unquoted cell makes the quotes odd; the strict check that
    follows must allow a message's length, not a spreadsheet cell's."""
    folder = s.archive_folder(tmp_path / "export")
    rows = [MSG_HEADER,
            ["c1", "", "Ana Lopez", s.url("ana-lopez-1a2b"), "Me", s.ME,
             "2024-12-16 18:24:37 UTC", "", "x" * 40_000, "INBOX"]]  # fmt: skip
    text = s._csv(rows) + (
        f"c2,,Me,{s.ME},Bob Smith,{s.url('bob-smith-77')},2024-12-10 09:00:00 UTC,"
        '27" screen,Still for sale?,INBOX\n'
    )
    (folder / "messages.csv").write_text(text, encoding="utf-8")
    result = import_path(folder)
    assert result.warnings == []
    assert _messages("Ana") == [(dt.date(2024, 12, 16), "LinkedIn message")]
    assert _messages("Bob") == [(dt.date(2024, 12, 10), "LinkedIn message")]


# --- how the files are named ---------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new",
    [
        ("Company Follows.csv", "Company_Follows.csv"),
        ("Recommendations_Received.csv", "Recommendations Received.csv"),
        ("Endorsement_Received_Info.csv", "Endorsement Received Info.csv"),
        ("Jobs/Saved Jobs.csv", "Jobs/Saved_Jobs.csv"),
        ("Jobs/Job Applications.csv", "Jobs/Job_Applications.csv"),
        ("messages.csv", "Messages.csv"),
    ],
)
def test_side_files_named_with_spaces_or_underscores_are_read(db, tmp_path, old, new):
    folder = s.archive_folder(tmp_path / "export")
    (folder / old).rename(folder / new)
    _everything_imported(import_path(folder))


@pytest.mark.parametrize("name", ["CONNECTIONS.CSV", "Connections.CSV"])
def test_an_upper_case_extension_in_a_folder_is_read_as_in_a_zip(db, tmp_path, name):
    folder = s.archive_folder(tmp_path / "export")
    (folder / "Connections.csv").rename(folder / name)
    (folder / "messages.csv").rename(folder / "MESSAGES.CSV")
    _everything_imported(import_path(folder))


def test_a_zip_with_windows_backslashes_in_its_names_is_an_archive(db, tmp_path):
    folder = s.archive_folder(tmp_path / "Basic_LinkedInDataExport_12-15-2024")
    path = _zip(folder, tmp_path / "rezipped.zip", sep="\\")
    assert any("\\" in n for n in zipfile.ZipFile(path).namelist())
    _everything_imported(import_path(path))
    assert {j.title for j in Job.select()} == {"Analyst", "Data Engineer"}


def test_a_renamed_archive_imports_once_and_undo_takes_it_all_back(db, tmp_path):
    folder = s.archive_folder(tmp_path / "export")
    (folder / "Company Follows.csv").rename(folder / "Company_Follows.csv")
    (folder / "messages.csv").rename(folder / "MESSAGES.CSV")
    before = table_counts()
    first = import_path(folder)
    again = import_path(_zip(folder, tmp_path / "again.zip"))
    assert again.batch is None and again.created == 0
    assert again.extras == {"messages": 0, "messages_not_with_connections": 1, "recommended": 0, "endorsed": 0,
                            "target_companies": 0, "jobs": 0}  # fmt: skip
    undo_import(first.batch)
    after = table_counts()
    assert after.pop("import_batch") == 1
    before.pop("import_batch")
    assert after == before
    assert not Company.select().where(Company.is_target).exists()


# --- accents LinkedIn itself garbled -------------------------------------------------------


def _garbled(text: str) -> str:
    """'José' as LinkedIn writes some names in its side files: UTF-8 read as Windows-1252."""
    return text.encode("utf-8").decode("cp1252")


def test_recommenders_and_endorsers_with_garbled_accents_are_found_by_name(db, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    people = [("José", "Muñoz", "jose-m", "", "Acme", "Engineer", dt.date(2020, 1, 1)),
              ("Zoë", "Brandt", "zoe-b", "", "Hooli", "PM", dt.date(2021, 1, 1))]  # fmt: skip
    s.linkedin_current(folder / "Connections.csv", people, left=0)
    recs = [["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date",
             "Status"],
            [_garbled("José"), _garbled("Muñoz"), "Acme", "Engineer", "Great to work with",
             "12/15/24, 7:47 AM", "VISIBLE"]]  # fmt: skip
    (folder / "Recommendations_Received.csv").write_text(s._csv(recs), encoding="utf-8")
    ends = [["Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name",
             "Endorsement Status"],
            ["2024/12/07 14:51:07 UTC", "SQL", _garbled("Zoë"), "Brandt", "ACCEPTED"]]  # fmt: skip
    (folder / "Endorsement_Received_Info.csv").write_text(s._csv(ends), encoding="utf-8")
    result = import_path(folder)
    assert result.extras["recommended"] == 1 and result.extras["endorsed"] == 1
    tagged = {(c.first_name, c.closeness, c.tags) for c in Contact.select()}
    assert tagged == {("José", 2, "recommended"), ("Zoë", 2, "endorsed")}
    assert import_path(folder).batch is None  # and once only


def test_a_2018_message_with_a_garbled_name_is_matched(db, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    s.linkedin_late_2018(folder / "Connections.csv")
    rows = [["From", "To", "Date", "Subject", "Content", "Direction"],
            [_garbled("Seán O\u2019Brien"), "Me Myself", "1/8/18, 6:14 PM", "", "Hi", "INCOMING"]]  # fmt: skip
    (folder / "messages.csv").write_text(s._csv(rows), encoding="utf-8")
    result = import_path(folder)
    assert result.extras["messages"] == 1
    assert _messages("Seán") == [(dt.date(2018, 1, 8), "LinkedIn message")]


# --- Connections.csv picked out of the archive --------------------------------------------


def test_connections_picked_from_the_archive_folder_says_what_else_is_there(db, tmp_path):
    """The people import; the preview's notes and the summary's warnings say that importing
    the folder brings in the messages, vouchers, targets and jobs as well."""
    folder = s.archive_folder(tmp_path / "Basic_LinkedInDataExport_12-15-2024")
    path = folder / "Connections.csv"
    for notes in (inspect(path).notes, import_path(path).warnings):
        hint = [n for n in notes if "messages.csv" in n]
        assert len(hint) == 1, notes
        assert "Saved Jobs.csv" in hint[0] and str(folder) in hint[0]
    assert Interaction.select().count() == 0  # the file alone is the file alone


def test_a_connections_file_alone_has_no_such_note(db, tmp_path):
    path = s.linkedin_current(tmp_path / "Connections.csv")
    result = import_path(path)
    assert not [n for n in result.notes + result.warnings if "folder" in n]

"""messages.csv of the LinkedIn archive: the messages with people who are not among the
user's connections are not logged, and the summary says how many; the fast reading of a
big file (named columns, one date parse per day) gives what the row-by-row reading gave."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from crm.cli import main
from crm.importers.api import import_path
from crm.importers.archive_files import column_rows, dict_rows, message_day
from crm.importers.dates import parse_date
from crm.store.models import Contact, Interaction

from . import samples as s

HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
          "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "IS MESSAGE DRAFT"]  # fmt: skip
ANA = s.url("ana-lopez-1a2b")
STRANGER = "https://www.linkedin.com/in/recruiter-jane"
NOT_CONNECTIONS = "messages_not_with_connections"


def _msg(sender: str, sender_url: str, to: str, to_urls: str, day: str, folder="INBOX"):
    return ["c", "", sender, sender_url, to, to_urls, day, "", "text", folder, "No"]


MESSAGES = [
    _msg("Ana Lopez", ANA, "Me", s.ME, "2024-12-16 18:24:37 UTC"),  # logged
    _msg("Jane Doe", STRANGER, "Me", s.ME, "2024-12-16 18:30:00 UTC"),  # not a connection
    _msg("Me", s.ME, "Jane Doe", STRANGER, "2024-12-17 09:00:00 UTC"),  # nor when I write
    # a member id and a name no connection has: nobody to log it on
    _msg(
        "Max Mustermann",
        "https://www.linkedin.com/in/ACoAAB1234",
        "Me",
        s.ME,
        "2024-12-18 10:00:00 UTC",
    ),  # fmt: skip
    # a group with Ana and Jane: logged on Ana's timeline, so not counted
    _msg("Me", s.ME, "Ana Lopez, Jane Doe", f"{ANA},{STRANGER}", "2024-12-19 11:00:00 UTC"),
    _msg("Me", s.ME, "Jane Doe", STRANGER, "2024-12-20 12:00:00 UTC", folder="DRAFT"),  # unsent
]


def _archive(tmp_path, messages=MESSAGES):
    folder = tmp_path / "export"
    folder.mkdir()
    s.linkedin_current(folder / "Connections.csv", left=0)
    (folder / "messages.csv").write_text(s._csv([HEADER, *messages]), encoding="utf-8")
    return folder


def test_messages_with_people_who_are_not_connections_are_counted(db, tmp_path):
    folder = _archive(tmp_path)
    result = import_path(folder)
    assert result.extras["messages"] == 2
    assert result.extras[NOT_CONNECTIONS] == 3  # the draft was never sent: not counted
    ana = Contact.get(Contact.first_name == "Ana")
    days = [i.date for i in Interaction.select().where(Interaction.contact == ana)]
    assert sorted(days) == [dt.date(2024, 12, 16), dt.date(2024, 12, 19)]
    assert Interaction.select().count() == 2
    # the file still holds them: a re-import that writes nothing says so again
    again = import_path(folder)
    assert again.batch is None and again.extras["messages"] == 0
    assert again.extras[NOT_CONNECTIONS] == 3


def test_no_count_when_every_message_is_with_a_connection(db, tmp_path):
    result = import_path(_archive(tmp_path, MESSAGES[:1]))
    assert result.extras["messages"] == 1 and NOT_CONNECTIONS not in result.extras


def test_the_cli_says_it_in_text_and_json(tmp_path, capsys):
    folder = _archive(tmp_path)
    assert main(["--db", str(tmp_path / "cli.db"), "import", str(folder)]) == 0
    assert "messages not with connections: 3" in capsys.readouterr().out
    assert main(["--db", str(tmp_path / "cli.db"), "import", str(folder), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["extras"][NOT_CONNECTIONS] == 3 and data["extras"]["messages"] == 0


def test_the_summary_dialog_says_it_in_words(qtbot, db, tmp_path):
    from PySide6.QtWidgets import QLabel

    from ui.dialogs.import_summary import ImportSummary
    from ui.session import Session

    summary = ImportSummary(import_path(_archive(tmp_path)), [], Session(db))
    qtbot.addWidget(summary)
    summary.show()
    assert summary.count_labels[NOT_CONNECTIONS].text() == "3"
    texts = [label.text() for label in summary.findChildren(QLabel)]
    assert "Messages not logged: with people who are not your connections" in texts


# --- the fast reading gives what the row-by-row reading gave --------------------------------

SPELLINGS = [
    "2024-12-16 18:24:37 UTC", "2024-12-16", "2024-12-16T18:24:37Z", "2024-02-30 10:00:00 UTC",
    "12/15/24, 7:47 AM", "1/8/18, 6:14 PM", "16/09/2021 10:00", "2024/12/07 14:51:07 UTC",
    "23-Nov-21 10:00", "Sat Dec 14 08:57:55 UTC 2024", "Mon, 16 Dec 2024 18:24:37 GMT",
    "03 May 2024", "16.09.2021 10:00", " 2024-12-16 18:24:37 UTC", "2024-12-16  18:24:37",
    "12/15/24 Dec 2024", "1,2/3/4 5", "2024-12-16 Dec 5", "", "yesterday 10:00", "-5 12",
]  # fmt: skip


@pytest.mark.parametrize("text", SPELLINGS)
def test_a_message_day_is_the_day_parse_date_reads(text):
    day = parse_date(text)
    assert message_day(text) == (day.isoformat() if day else None)
    assert message_day(text) == message_day(text)  # and again, from the cache


def test_named_columns_are_the_dict_rows_values():
    # a repeated header name, a short row, a long row, an empty row, a column not there
    data = (
        b"Notes\nFROM,TO,DATE,FROM,FOLDER\n"
        b"a,b,2024-01-01,a2,INBOX\n"
        b"c,d\n"
        b"e,f,2024-01-02,e2,SENT,extra,cells\n"
        b",,,,\n"
        b"g,h,2024-01-03,g2,\n"
    )
    columns = ("from", "date", "folder", "direction", "to")
    rows = column_rows(data, "messages.csv", ("from", "date"), columns)
    expected = [
        tuple(r.get(c, "") for c in columns)
        for _n, r in dict_rows(data, "messages.csv", ("from", "date"))
    ]
    assert rows == expected
    assert rows[0] == ("a2", "2024-01-01", "INBOX", "", "b") and rows[1] == ("c", "", "", "", "d")
    assert len(rows) == 4

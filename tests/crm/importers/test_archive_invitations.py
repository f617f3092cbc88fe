"""Invitations.csv of the LinkedIn archive: each invitation you sent or received, with its
message, on the timeline of the contact it was with (matched by profile URL, else by name)."""

from __future__ import annotations

import datetime as dt

from crm.importers.api import import_path
from crm.store.models import Contact, Interaction

from . import samples as s

HEADER = ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]


def _archive(tmp_path, rows: list[list[str]], header: list[str] = HEADER):
    folder = tmp_path / "export"
    folder.mkdir()
    s.linkedin_current(folder / "Connections.csv", left=0)
    (folder / "Invitations.csv").write_text(s._csv([header, *rows]), encoding="utf-8")
    return folder


def _timeline(first: str) -> list[tuple]:
    contact = Contact.get(Contact.first_name == first)
    rows = Interaction.select().where(Interaction.contact == contact).order_by(Interaction.date)
    return [(i.kind, i.date, i.notes) for i in rows]


def test_invitations_sent_and_received_go_on_the_timeline(db, tmp_path):
    folder = _archive(
        tmp_path,
        [
            ["Me", "Ana Lopez", "5/2/24, 9:14 AM", "Loved your talk on robots!", "OUTGOING",
             s.ME, "https://www.linkedin.com/in/ana-lopez-1a2b"],
            ["Bob Smith", "Me", "6/1/20, 6:00 PM", "", "INCOMING",
             "www.linkedin.com/in/bob-smith-77/", s.ME],
            ["Me", "Someone Else", "1/3/25, 8:00 AM", "Hi", "OUTGOING",
             s.ME, "https://www.linkedin.com/in/someone-else"],  # not a connection: left out
        ],
    )  # fmt: skip
    result = import_path(folder)
    assert result.extras.get("invitations") == 2
    assert _timeline("Ana") == [
        ("message", dt.date(2024, 5, 2), "LinkedIn invitation sent: Loved your talk on robots!")
    ]
    assert _timeline("Bob") == [("message", dt.date(2020, 6, 1), "LinkedIn invitation received")]

    # Imported again: nothing twice; deleted by the user: not back either
    again = import_path(folder)
    assert again.extras.get("invitations", 0) == 0
    assert len(_timeline("Ana")) == 1
    Interaction.delete().where(Interaction.notes.startswith("LinkedIn invitation")).execute()
    import_path(folder)
    assert _timeline("Ana") == [] and _timeline("Bob") == []


def test_invitations_without_profile_urls_are_matched_by_a_unique_name(db, tmp_path):
    folder = _archive(
        tmp_path,
        [["Me", "Sam Lee (they/them)", "11/23/22, 10:00 AM", "", "OUTGOING"],
         ["Nobody Known", "Me", "11/24/22, 10:00 AM", "", "INCOMING"]],
        header=HEADER[:5],
    )  # fmt: skip
    result = import_path(folder)
    assert result.extras.get("invitations") == 1
    assert _timeline("Sam") == [("message", dt.date(2022, 11, 23), "LinkedIn invitation sent")]


def test_undoing_the_archive_import_takes_the_invitations_back(db, tmp_path):
    from crm.importers.api import undo_import

    folder = _archive(
        tmp_path,
        [["Bob Smith", "Me", "6/1/20, 6:00 PM", "Hello!", "INCOMING",
          "www.linkedin.com/in/bob-smith-77/", s.ME]],
    )  # fmt: skip
    first = import_path(folder)
    assert first.extras["invitations"] == 1
    undo_import(first.batch)
    assert Interaction.select().count() == 0
    again = import_path(folder)  # undone, so imported as new
    assert again.extras["invitations"] == 1
    assert _timeline("Bob") == [
        ("message", dt.date(2020, 6, 1), "LinkedIn invitation received: Hello!")
    ]

"""The LinkedIn archive in one go, and the round trip with Vouch's own report workbook."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.errors import InputError
from crm.importers.api import import_path, inspect, undo_import
from crm.services.contacts import update_contact
from crm.store.connection import close_database, open_database
from crm.store.models import Company, Contact, Interaction, Job

from . import samples as s
from .conftest import dump_contacts, table_counts


def _check_archive(result):
    assert result.format == "linkedin-archive"
    assert result.created == 6
    assert result.extras == {"messages": 2, "messages_not_with_connections": 1, "recommended": 1, "endorsed": 1,
                             "target_companies": 2, "jobs": 2}  # fmt: skip
    ana = Contact.get(Contact.first_name == "Ana")
    msgs = list(Interaction.select().where(Interaction.contact == ana))
    assert [(m.kind, m.date, m.notes) for m in msgs] == [
        ("message", dt.date(2024, 12, 16), "2 LinkedIn messages")
    ]
    bob = Contact.get(Contact.first_name == "Bob")
    assert bob.closeness == 2 and bob.tags == "endorsed"
    assert "endorsed" in bob.search_text
    priya = Contact.get(Contact.first_name == "Priya")
    assert priya.closeness == 2 and priya.tags == "recommended"
    targets = {c.name for c in Company.select().where(Company.is_target)}
    assert targets == {"Hooli", "Massive Dynamic"}
    jobs = {(j.title, j.company.name, j.status, j.channel, j.is_target) for j in Job.select()}
    assert jobs == {("Analyst", "Initech", "applied", "direct", False),
                    ("Data Engineer", "Hooli", "interested", "direct", True)}  # fmt: skip
    applied = Job.get(Job.title == "Analyst")
    assert applied.applied_on == dt.date(2024, 12, 1)


def test_archive_folder(db, tmp_path):
    folder = s.archive_folder(tmp_path / "export")
    det = inspect(folder)
    assert det.format == "linkedin-archive"
    assert det.preview[0]["first_name"] == "Ana"
    assert any("messages.csv" in n for n in det.notes)
    result = import_path(folder)
    _check_archive(result)
    again = import_path(folder)
    assert again.batch is None and again.unchanged == 6
    # the summary counts what this import did: nobody is newly a voucher
    assert again.extras.get("recommended") == 0 and again.extras.get("endorsed") == 0


def test_archive_zip(db, tmp_path):
    path = s.archive_zip(tmp_path / "Basic_LinkedInDataExport.zip", tmp_path / "src")
    assert inspect(path).format == "linkedin-archive"
    _check_archive(import_path(path))


def test_archive_keeps_user_closeness_and_undo_restores(db, tmp_path):
    folder = s.archive_folder(tmp_path / "export")
    s.linkedin_current(tmp_path / "c.csv", left=0)
    first = import_path(tmp_path / "c.csv")
    bob = Contact.get(Contact.first_name == "Bob")
    update_contact(bob.id, closeness=3, tags="mentor")
    before = (table_counts(), dump_contacts())
    result = import_path(folder)
    bob = Contact.get_by_id(bob.id)
    assert bob.closeness == 3 and bob.tags == "mentor, endorsed"
    undo_import(result.batch)
    counts = table_counts()
    assert counts.pop("import_batch") == before[0].pop("import_batch") + 1  # kept, marked undone
    assert (counts, dump_contacts()) == before
    assert not Company.get(Company.name == "Hooli").is_target
    assert first.batch != result.batch


def _vouch_sheet(path):
    """A workbook shaped like the exporter's report (Summary first, Contacts sheet)."""
    from openpyxl import Workbook

    from crm.exporters.sheets import CONTACT_HEADERS  # the exporter's own header

    wb = Workbook()
    wb.active.title = "Summary"
    wb.active.append(["Campaign", "day 3"])
    ws = wb.create_sheet("Contacts")
    ws.append(list(CONTACT_HEADERS))
    ws.append(["Ana", "Lopez", s.url("ana"), "ana@x.org", "Acme", "CTO", dt.datetime(2024, 5, 3),
               "555", 3, "met", "voucher, alumni", "Knows the CTO", 1, dt.datetime(2024, 6, 1),
               dt.datetime(2030, 1, 2)])  # fmt: skip
    ws.append(["Bo", "Kim", "", "", "", "", None, "", 0, "identified", "", "", 1, None, None])
    wb.save(path)
    return path


def test_vouch_sheet_round_trip(db, tmp_path):
    pytest.importorskip("crm.exporters.sheets")
    path = _vouch_sheet(tmp_path / "report.xlsx")
    assert inspect(path).format == "vouch"
    result = import_path(path)
    assert result.created == 2
    ana = Contact.get(Contact.first_name == "Ana")
    assert (ana.closeness, ana.stage, ana.tags, ana.notes, ana.phone) == (
        3, "met", "voucher, alumni", "Knows the CTO", "555")  # fmt: skip
    assert ana.next_follow_up == dt.date(2030, 1, 2)
    assert ana.connected_on == dt.date(2024, 5, 3)
    assert import_path(path).batch is None


def test_real_export_round_trip(demo_db, tmp_path):
    report = pytest.importorskip("crm.exporters.report")
    out = report.export_report(tmp_path / "report.xlsx")
    before = dump_contacts()
    counts = table_counts()
    same = import_path(out)
    assert same.format == "vouch"
    assert (same.created, same.updated, same.batch) == (0, 0, None)
    assert table_counts() == counts
    close_database()
    open_database(tmp_path / "empty.db", backup=False)
    fresh = import_path(out)
    assert fresh.created == len(before)
    key = lambda rows: sorted(r[:13] for r in rows)  # noqa: E731 - fields the sheet carries
    assert key(dump_contacts()) == key(before)


def test_archive_with_numbered_parts(db, tmp_path):
    folder = s.archive_folder(tmp_path / "export")
    (folder / "Jobs" / "Job Applications_1.csv").write_text(
        "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url\n"
        '"11/2/24, 9:00 AM",,,Hooli,Platform Engineer,https://www.linkedin.com/jobs/view/333\n'
    )
    result = import_path(folder)
    assert result.extras["jobs"] == 3
    assert Job.get(Job.title == "Platform Engineer").applied_on == dt.date(2024, 11, 2)


def test_messages_with_one_conversation_and_member_id_urls(db, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    s.linkedin_current(folder / "Connections.csv", left=0)
    (folder / "messages.csv").write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER\n"
        # the other person first, so a naive "most frequent URL" would take them for me
        f"c1,,Sam Lee (they/them),https://www.linkedin.com/in/ACoAAB123,Me Myself,{s.ME},"
        "2024-11-01 10:00:00 UTC,,Hi,INBOX\n"
        f"c1,,Me Myself,{s.ME},Sam Lee (they/them),https://www.linkedin.com/in/ACoAAB123,"
        "2024-11-02 10:00:00 UTC,,Hello,INBOX\n"
    )
    result = import_path(folder)
    sam = Contact.get(Contact.first_name == "Sam")
    days = sorted(i.date for i in Interaction.select().where(Interaction.contact == sam))
    assert days == [dt.date(2024, 11, 1), dt.date(2024, 11, 2)]
    assert result.extras["messages"] == 2


def _encrypted(path, tmp_path):
    """The archive zip with its members flagged as encrypted (as `zip -P` leaves them)."""
    data = bytearray(s.archive_zip(tmp_path / "plain.zip", tmp_path).read_bytes())
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start != -1:
            data[start + flag_at] |= 0x01
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))
    return path


def test_a_password_protected_archive_is_refused_in_plain_words(db, tmp_path, snapshot):
    before = snapshot()
    with pytest.raises(InputError, match="password-protected: unzip the archive first"):
        import_path(_encrypted(tmp_path / "locked.zip", tmp_path))
    assert snapshot() == before


def test_a_folder_with_two_archives_is_refused(db, tmp_path, snapshot):
    s.archive_folder(tmp_path / "exports" / "Basic_LinkedInDataExport_01-05-2023")
    s.archive_folder(tmp_path / "exports" / "Basic_LinkedInDataExport_12-16-2024")
    before = snapshot()
    with pytest.raises(InputError, match="holds 2 LinkedIn archives") as exc:
        import_path(tmp_path / "exports")
    assert "one at a time" in str(exc.value)
    assert snapshot() == before


def test_a_csv_forced_as_an_archive_is_not_called_damaged(db, tmp_path):
    path = s.linkedin_current(tmp_path / "Connections.csv")
    with pytest.raises(InputError, match="is not a LinkedIn data archive"):
        import_path(path, format="linkedin-archive")


def test_messages_of_2018_follow_their_direction(db, tmp_path):
    """The 2018 messages.csv has names and a Direction, no profile URLs: an incoming
    message is with its sender, an outgoing one with its recipient."""
    folder = tmp_path / "export"
    folder.mkdir()
    s.linkedin_late_2018(folder / "Connections.csv")
    (folder / "messages.csv").write_text(
        "From,To,Date,Subject,Content,Direction,Folder\n"
        'Ana Lopez,Me Myself,"3/1/18, 10:00 AM",Hi,Hello,INCOMING,INBOX\n'
        'Me Myself,Bob Smith,"3/2/18, 11:00 AM",Re,Hey,OUTGOING,SENT\n'
    )
    result = import_path(folder)
    assert result.extras["messages"] == 2
    with_whom = {
        (i.contact.first_name, i.date)
        for i in Interaction.select().where(Interaction.kind == "message")
    }
    assert with_whom == {("Ana", dt.date(2018, 3, 1)), ("Bob", dt.date(2018, 3, 2))}


def test_an_archive_imported_with_another_format_says_what_it_is(db, tmp_path):
    folder = s.archive_folder(tmp_path / "export")
    with pytest.raises(InputError, match="is a LinkedIn data archive, not a Google Contacts"):
        import_path(folder, format="google")
    assert import_path(folder, format="linkedin").created == 6


def test_archived_contacts_stay_archived_through_the_round_trip(demo_db, tmp_path):
    from crm.exporters.report import export_report
    from crm.services.contacts import archive_contact

    archived = [c.id for c in Contact.select().limit(3)]
    for cid in archived:
        archive_contact(cid, True)
    names = {(c.first_name, c.last_name) for c in Contact.select().where(Contact.archived)}
    export_report(tmp_path / "report.xlsx")
    close_database()
    open_database(tmp_path / "fresh.db", backup=False)
    import_path(tmp_path / "report.xlsx")
    again = {(c.first_name, c.last_name) for c in Contact.select().where(Contact.archived)}
    assert again == names and len(names) == 3

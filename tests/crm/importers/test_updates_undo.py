"""Re-imports: moved people, user fields kept, undo, cancel, duplicates inside one file."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.errors import Cancelled, NotFoundError
from crm.importers.api import import_path, undo_import
from crm.services.contacts import update_contact
from crm.services.interactions import log_interaction
from crm.store.models import Company, Contact, ImportBatch, ImportChange, Interaction

from . import samples as s


def _moved_people():
    people = list(s.PEOPLE)
    first, last, slug, email, _company, _position, day = people[0]
    people[0] = (first, last, slug, email, "Hooli", "VP Engineering", day)
    return people


def test_moved_person_is_updated_with_an_interaction(db, tmp_path, snapshot):
    import_path(s.linkedin_current(tmp_path / "a.csv"))
    ana = Contact.get(Contact.first_name == "Ana")
    update_contact(ana.id, notes="Met at PyCon", closeness=3, tags="voucher", stage="met",
                   next_follow_up=dt.date(2030, 1, 1))  # fmt: skip
    before = snapshot()

    result = import_path(s.linkedin_current(tmp_path / "b.csv", _moved_people()))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 5)
    ana = Contact.get_by_id(ana.id)
    assert (ana.company.name, ana.position) == ("Hooli", "VP Engineering")
    assert "hooli" in ana.search_text and "vp engineering" in ana.search_text
    # the rebuilt search text keeps what the import did not load up front: name and tags
    assert ana.search_text.startswith(f"{ana.first_name} {ana.last_name}".casefold())
    assert ana.search_text.endswith("voucher")
    assert (ana.notes, ana.closeness, ana.tags, ana.stage) == ("Met at PyCon", 3, "voucher", "met")
    assert ana.next_follow_up == dt.date(2030, 1, 1)
    note = Interaction.get(Interaction.contact == ana)
    assert (note.kind, note.notes, note.batch_id) == (
        "other",
        "Moved to Hooli as VP Engineering",
        result.batch,
    )
    changes = {
        c.field: c.old_value
        for c in ImportChange.select().where(ImportChange.batch == result.batch)
    }
    assert changes["position"] == "Engineering Manager"

    batch = undo_import()
    assert batch.id == result.batch and batch.undone
    ana = Contact.get_by_id(ana.id)
    assert (ana.company.name, ana.position) == ("Acme Robotics", "Engineering Manager")
    assert snapshot()[1] == before[1]
    assert Interaction.select().count() == 0


def test_position_change_at_the_same_company(db, tmp_path):
    import_path(s.linkedin_current(tmp_path / "a.csv"))
    people = list(s.PEOPLE)
    people[5] = people[5][:5] + ("Principal Engineer",) + people[5][6:]
    result = import_path(s.linkedin_current(tmp_path / "b.csv", people))
    assert result.updated == 1
    bob = Contact.get(Contact.first_name == "Bob")
    assert bob.position == "Principal Engineer"
    assert (
        Interaction.get(Interaction.contact == bob).notes == "Moved to Hooli as Principal Engineer"
    )


def test_undo_after_a_later_import_moved_people_says_so_not_that_you_worked_with_them(db, tmp_path):
    """The later import's "Moved to" notes keep the people it moved, but they are not work
    the user did: the message says which is which."""
    first = import_path(s.linkedin_current(tmp_path / "a.csv"))
    people = list(s.PEOPLE)
    people[5] = people[5][:5] + ("Principal Engineer",) + people[5][6:]
    import_path(s.linkedin_current(tmp_path / "b.csv", people))  # Bob moved
    ana = Contact.get(Contact.first_name == "Ana")
    log_interaction(ana.id, "call", dt.date(2024, 1, 2))
    batch = undo_import(first.batch)
    assert "kept 1 you have since worked with (Ana Lopez)" in batch.message
    assert "kept 1 a later import also holds (Bob Smith)" in batch.message
    assert sorted(batch.kept) == ["Ana Lopez", "Bob Smith"]


def test_undo_deletes_created_contacts_but_keeps_worked_ones(db, tmp_path):
    result = import_path(s.linkedin_current(tmp_path / "a.csv"))
    bob = Contact.get(Contact.first_name == "Bob")
    log_interaction(bob.id, "call", dt.date(2024, 1, 2))
    batch = undo_import(result.batch)
    assert batch.kept == ["Bob Smith"]
    assert "kept 1" in batch.message
    assert [c.first_name for c in Contact.select()] == ["Bob"]
    assert ImportBatch.get_by_id(result.batch).undone
    with pytest.raises(NotFoundError):
        undo_import(result.batch)
    with pytest.raises(NotFoundError):
        undo_import()


def test_undo_removes_companies_the_import_created(db, tmp_path):
    result = import_path(s.linkedin_current(tmp_path / "a.csv"))
    assert Company.select().count() == 5
    undo_import(result.batch)
    assert Company.select().count() == 0


def test_cancel_writes_nothing(db, tmp_path, snapshot):
    path = s.big_linkedin(tmp_path / "big.csv", 5000)
    before = snapshot()
    calls = []
    with pytest.raises(Cancelled):
        import_path(path, cancelled=lambda: True, progress=lambda d, t: calls.append((d, t)))
    assert snapshot() == before


def test_progress_is_reported(db, tmp_path):
    path = s.big_linkedin(tmp_path / "big.csv", 5000)
    seen = []
    result = import_path(path, progress=lambda done, total: seen.append((done, total)))
    assert result.created == 5000
    assert seen[-1][0] == 5000 and len(seen) >= 2


def test_same_person_twice_in_a_file(db, tmp_path):
    people = [s.PEOPLE[0], s.PEOPLE[1], s.PEOPLE[0]]
    result = import_path(s.linkedin_current(tmp_path / "a.csv", people, left=0))
    assert result.created == 2
    assert result.skipped == [(7, "the same person as row 5")]


def test_same_name_different_profiles_are_two_people(db, tmp_path):
    twin = ("Bob", "Smith", "bob-smith-other", "", "Hooli", "Staff Engineer", dt.date(2020, 1, 1))
    result = import_path(s.linkedin_current(tmp_path / "a.csv", [s.PEOPLE[5], twin], left=0))
    assert result.created == 2


def test_url_fills_a_contact_matched_by_name(db, tmp_path):
    import_path(s.linkedin_no_url(tmp_path / "old.csv"))
    result = import_path(s.linkedin_current(tmp_path / "new.csv", left=0))
    assert (result.created, result.updated) == (0, 6)
    assert Contact.get(Contact.first_name == "Ana").url_key == "linkedin.com/in/ana-lopez-1a2b"
    undo_import(result.batch)
    assert Contact.get(Contact.first_name == "Ana").url_key is None


def test_email_match(db, tmp_path):
    from crm.services.contacts import create_contact

    create_contact("P.", "Nayak", email="PRIYA@example.org", notes="mine")
    result = import_path(s.linkedin_current(tmp_path / "a.csv", left=0))
    assert result.created == 5
    priya = Contact.get(Contact.email_key == "priya@example.org")
    assert priya.notes == "mine"
    assert priya.url_key == "linkedin.com/in/priya-nayak"


def test_empty_name_is_skipped_with_a_reason(db, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        ",,https://www.linkedin.com/in/x,,Acme,CEO,01 Jan 2020\nA,B,,,,,\n\n"
    )
    result = import_path(path)
    assert result.created == 1
    assert result.skipped == [(2, "no name")]


def test_bulk_import_keeps_every_index(db, tmp_path):
    from crm.store.models import db as database

    def indexes():
        return database.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='contact'"
        ).fetchall()

    before = indexes()
    result = import_path(s.big_linkedin(tmp_path / "big.csv", 6000))
    assert result.created == 6000
    assert sorted(indexes()) == sorted(before)
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    again = import_path(s.big_linkedin(tmp_path / "big.csv", 6000))
    assert again.unchanged == 6000 and again.batch is None


def test_cancel_on_a_small_file(db, tmp_path, snapshot):
    before = snapshot()
    with pytest.raises(Cancelled):
        import_path(s.linkedin_current(tmp_path / "a.csv"), cancelled=lambda: True)
    assert snapshot() == before


def test_new_contacts_written_in_chunks(db, tmp_path, monkeypatch):
    import crm.importers.engine as engine

    monkeypatch.setattr(engine, "CHUNK", 2)
    people = [*s.PEOPLE, s.PEOPLE[0]]  # the repeat comes after several chunks were written
    result = import_path(s.linkedin_current(tmp_path / "a.csv", people, left=0))
    assert result.created == 6 and result.skipped == [(11, "the same person as row 5")]
    assert sorted(c.batch_id for c in Contact.select()) == [result.batch] * 6
    folder = s.archive_folder(tmp_path / "export")
    undo_import(result.batch)
    archived = import_path(folder)
    assert archived.extras["messages"] == 2
    assert Interaction.select().where(Interaction.kind == "message").count() == 2


def test_new_companies_are_numbered_after_the_stored_ones_and_undone_with_the_batch(db, tmp_path):
    """New companies go in with one executemany, numbered after the highest stored id as
    SQLite would number them; known ones are matched, not created again."""
    Company.create(name="Old Co", name_key="old co")
    hooli = Company.create(name="Hooli", name_key="hooli")
    Company.create(name="Gone", name_key="gone").delete_instance()
    result = import_path(s.linkedin_current(tmp_path / "a.csv"))
    assert result.created == 6
    bob = Contact.get(Contact.first_name == "Bob")
    assert bob.company_id == hooli.id  # matched, not created again
    new = {c.name: c.id for c in Company.select().where(Company.batch == result.batch)}
    assert set(new) == {"Acme Robotics", "Globex, Inc.", "Initech", "Umbrella Health"}
    assert sorted(new.values()) == [3, 4, 5, 6]
    ana = Contact.get(Contact.first_name == "Ana")
    assert ana.company.name == "Acme Robotics" and "acme robotics" in ana.search_text

    undo_import(result.batch)
    assert sorted(c.name for c in Company.select()) == ["Hooli", "Old Co"]
    assert Contact.select().count() == 0


def test_a_url_added_by_reimport_is_undone_to_the_one_stored_before(db, tmp_path):
    """The profile URL is not loaded for matching; the undo record still holds the old one."""
    older = tmp_path / "old.csv"
    older.write_text(
        "First Name,Last Name,URL,Company,Position\nAna,Lopez,linkedin profile,Acme,Engineer\n"
    )
    import_path(older, format="generic")
    ana = Contact.get(Contact.first_name == "Ana")
    assert ana.url_key is None and ana.linkedin_url == ""  # not a profile URL: not kept
    Contact.update(linkedin_url="see my site").where(Contact.id == ana.id).execute()
    newer = tmp_path / "new.csv"
    newer.write_text(
        "First Name,Last Name,URL,Company,Position\n"
        "Ana,Lopez,https://www.linkedin.com/in/ana-lopez,Acme,Engineer\n"
    )
    result = import_path(newer, format="generic")
    assert (result.created, result.updated) == (0, 1)
    ana = Contact.get_by_id(ana.id)
    assert ana.linkedin_url == "https://www.linkedin.com/in/ana-lopez"
    assert ana.search_text.startswith("ana lopez")
    undo_import(result.batch)
    assert Contact.get_by_id(ana.id).linkedin_url == "see my site"


def test_a_person_from_an_export_without_urls_who_moved_is_matched_by_the_day(db, tmp_path):
    """A 2021-2023 export has no profile URLs; in the next export Bob has moved company.
    Name + company no longer match, but LinkedIn's Connected On day is his alone."""
    old = tmp_path / "2022.csv"
    old.write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Bob,Ray,,Acme,Engineer,26 Mar 2022\n"
        "Cy,Dee,,Acme,Designer,02 Jun 2021\n",
        encoding="utf-8",
    )
    import_path(old)
    new = tmp_path / "2024.csv"
    new.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Bob,Ray,https://www.linkedin.com/in/bobray,,Initech,Staff Engineer,26 Mar 2022\n"
        "Cy,Dee,https://www.linkedin.com/in/cydee,,Acme,Designer,02 Jun 2021\n"
        "Bob,Ray,https://www.linkedin.com/in/bobray2,,Globex,Chef,11 Nov 2023\n",
        encoding="utf-8",
    )
    result = import_path(new)
    assert (result.created, result.updated) == (1, 2)  # the other Bob Ray is someone else
    bob = Contact.get(Contact.url_key == "linkedin.com/in/bobray")
    assert (bob.company.name, bob.position) == ("Initech", "Staff Engineer")
    assert Interaction.get(Interaction.contact == bob).notes == "Moved to Initech as Staff Engineer"
    assert Contact.select().where(Contact.first_name == "Bob").count() == 2


def _report_of_three(tmp_path):
    """A Vouch report whose rows carry what the user wrote (closeness, stage, notes)."""
    from crm.exporters.report import export_report
    from crm.services.contacts import create_contact
    from crm.store.connection import open_database

    for first, notes in (("Ana", "Met at PyCon"), ("Bob", ""), ("Cy", "Knows the CTO")):
        create_contact(first, "Report", company="Acme", closeness=3, stage="met", notes=notes)
    report = export_report(tmp_path / "report.xlsx")
    open_database(tmp_path / "fresh.db", backup=False)
    return report


def test_undo_removes_a_reports_contacts_when_nobody_touched_them(db, tmp_path):
    """What the file itself gave them (closeness 3, notes) is not the user writing since."""
    result = import_path(_report_of_three(tmp_path))
    assert result.created == 3
    batch = undo_import(result.batch)
    assert Contact.select().count() == 0 and batch.kept == []
    assert ImportChange.select().count() == 0


def test_undo_keeps_a_reports_contact_the_user_changed_since(db, tmp_path):
    result = import_path(_report_of_three(tmp_path))
    bob = Contact.get(Contact.first_name == "Bob")
    update_contact(bob.id, notes="Offered to introduce me to Hooli")
    cy = Contact.get(Contact.first_name == "Cy")
    update_contact(cy.id, closeness=2)
    batch = undo_import(result.batch)
    assert sorted(c.first_name for c in Contact.select()) == ["Bob", "Cy"]
    assert sorted(batch.kept) == ["Bob Report", "Cy Report"]
    assert "kept 2 you have since worked with" in batch.message
    assert Contact.get_by_id(bob.id).notes == "Offered to introduce me to Hooli"

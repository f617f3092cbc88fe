"""Re-importing the same export: rows identical to the ones their contacts were written from
count as unchanged without matching (the import digest), and every edge case still gives the
answer field-by-field matching gives."""

from __future__ import annotations

from crm.importers.api import import_path, undo_import
from crm.services.companies import create_company
from crm.services.contacts import merge_contacts, update_contact
from crm.store.models import Contact, Interaction, db

from . import samples as s
from .conftest import dump_contacts


def _with(people, index, **changes):
    """PEOPLE with one person's fields changed (company=..., position=...)."""
    people = list(people)
    first, last, slug, email, company, position, day = people[index]
    row = dict(first=first, last=last, slug=slug, email=email, company=company,
               position=position, day=day) | changes  # fmt: skip
    people[index] = tuple(row.values())
    return people


def _digests() -> dict[str, str | None]:
    return dict(db.execute_sql("SELECT first_name, import_digest FROM contact").fetchall())


def test_same_export_again_is_all_unchanged_and_writes_nothing(db, tmp_path, snapshot):
    path = s.linkedin_current(tmp_path / "Connections.csv", left=2)
    first = import_path(path)
    assert first.created == 6
    assert all(_digests().values())  # every contact remembers its row
    before = snapshot()

    again = import_path(path)
    assert (again.rows, again.created, again.updated, again.unchanged) == (8, 0, 0, 6)
    assert again.batch is None
    assert [reason for _row, reason in again.skipped] == [
        "only a date: the person has left LinkedIn"
    ] * 2
    assert snapshot() == before


def test_what_the_user_edited_since_stays(db, tmp_path):
    """The file has nothing new about Ana: her company, fixed by hand, is not put back, and
    no "moved to" interaction is invented."""
    path = s.linkedin_current(tmp_path / "Connections.csv")
    import_path(path)
    ana = Contact.get(Contact.first_name == "Ana")
    piper = create_company("Pied Piper")
    update_contact(ana.id, company=piper.id, position="VP Engineering")

    again = import_path(path)
    assert (again.updated, again.unchanged) == (0, 6)
    ana = Contact.get_by_id(ana.id)
    assert (ana.company.name, ana.position) == ("Pied Piper", "VP Engineering")
    assert Interaction.select().count() == 0


def test_a_changed_row_is_matched_and_updated(db, tmp_path):
    import_path(s.linkedin_current(tmp_path / "a.csv"))
    moved = _with(s.PEOPLE, 0, company="Hooli", position="VP Engineering")
    result = import_path(s.linkedin_current(tmp_path / "b.csv", moved))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 5)
    ana = Contact.get(Contact.first_name == "Ana")
    assert (ana.company.name, ana.position) == ("Hooli", "VP Engineering")
    assert Interaction.get(Interaction.contact == ana).notes == "Moved to Hooli as VP Engineering"
    # the update took the new row's digest: importing b.csv again changes nothing
    again = import_path(tmp_path / "b.csv")
    assert (again.updated, again.unchanged) == (0, 6)


def test_undo_of_an_update_puts_the_old_digest_back(db, tmp_path):
    import_path(s.linkedin_current(tmp_path / "a.csv"))
    before = (dump_contacts(), _digests())
    moved = _with(s.PEOPLE, 0, company="Hooli", position="VP Engineering")
    import_path(s.linkedin_current(tmp_path / "b.csv", moved))
    undo_import()
    assert (dump_contacts(), _digests()) == before
    # after the undo Ana is at Acme again, so b.csv moves her once more (not "unchanged")
    redo = import_path(tmp_path / "b.csv")
    assert (redo.updated, redo.unchanged) == (1, 5)
    assert Contact.get(Contact.first_name == "Ana").company.name == "Hooli"


def test_the_same_row_twice_is_still_one_person(db, tmp_path):
    people = [s.PEOPLE[0], s.PEOPLE[1], s.PEOPLE[0]]
    path = s.linkedin_current(tmp_path / "a.csv", people, left=0)
    assert import_path(path).skipped == [(7, "the same person as row 5")]
    again = import_path(path)
    assert (again.created, again.unchanged) == (0, 2)
    assert again.skipped == [(7, "the same person as row 5")]


def test_an_unchanged_row_and_a_changed_row_of_one_person(db, tmp_path):
    """Ana twice in the next export, once as before and once moved: the later row is the
    duplicate, whichever of the two comes first."""
    import_path(s.linkedin_current(tmp_path / "a.csv"))
    moved = _with(s.PEOPLE, 0, company="Hooli", position="VP Engineering")

    old_first = [*s.PEOPLE, moved[0]]  # the unchanged row is row 5, the moved one row 11
    result = import_path(s.linkedin_current(tmp_path / "b.csv", old_first, left=0))
    assert (result.updated, result.unchanged) == (0, 6)
    assert result.skipped == [(11, "the same person as row 5")]
    assert Contact.get(Contact.first_name == "Ana").company.name == "Acme Robotics"

    new_first = [*moved, s.PEOPLE[0]]  # now the moved row comes first
    result = import_path(s.linkedin_current(tmp_path / "c.csv", new_first, left=0))
    assert (result.updated, result.unchanged) == (1, 5)
    assert result.skipped == [(11, "the same person as row 5")]
    assert Contact.get(Contact.first_name == "Ana").company.name == "Hooli"


def test_new_connections_in_the_next_export_are_added(db, tmp_path):
    import_path(s.linkedin_current(tmp_path / "a.csv", s.PEOPLE[:4]))
    result = import_path(s.linkedin_current(tmp_path / "b.csv"))
    assert (result.created, result.unchanged) == (2, 4)
    assert Contact.select().count() == 6


def test_a_merged_contact_has_no_digest_and_reimports_cleanly(db, tmp_path):
    path = s.linkedin_current(tmp_path / "a.csv")
    import_path(path)
    ana = Contact.get(Contact.first_name == "Ana")
    zoe = Contact.get(Contact.first_name == "Zoë")
    merge_contacts(ana.id, zoe.id)
    assert Contact.get_by_id(ana.id).import_digest is None

    again = import_path(path)
    # Zoë's row now matches nobody by digest or URL: she comes back as her own contact
    assert (again.created, again.unchanged) == (1, 5)
    assert Contact.select().where(Contact.first_name == "Zoë").count() == 1


def test_files_with_their_own_columns_match_field_by_field(db, tmp_path):
    """A Google export (phone, notes...) gets no digest; its re-import still matches."""
    path = s.google_current(tmp_path / "contacts.csv")
    first = import_path(path)
    assert first.created > 0
    assert not any(_digests().values())
    again = import_path(path)
    assert (again.created, again.updated) == (0, 0)
    assert again.unchanged == first.created


def test_search_text_is_what_editing_the_contact_would_write(db, tmp_path):
    """The import builds the search text on a fast path; it equals crm.normalize's for rows
    with empty parts, accents and odd spacing."""
    from crm.normalize import search_text

    people = [
        ("Ana", "", "ana-x", "", "Acme", "CTO", s.PEOPLE[0][6]),
        ("", "Lee", "lee-x", "", "", "", s.PEOPLE[0][6]),
        ("Zoë", "Ström", "zoe-x", "ZOE@Example.org", "", "Designer", s.PEOPLE[0][6]),
        ("Bo", "Chen", "bo-x", "bo@example.org", "Initech", "", s.PEOPLE[0][6]),
        (" Cy ", "Dee\u00a0Jr", "cy-x", "", " Globex,  Inc. ", "VP  Sales", s.PEOPLE[0][6]),
    ]
    import_path(s.linkedin_current(tmp_path / "a.csv", people, left=0))
    contacts = list(Contact.select())
    assert len(contacts) == 5
    for c in contacts:
        company = c.company.name if c.company else ""
        assert c.search_text == search_text(
            c.first_name, c.last_name, company, c.position, c.email
        ), c.first_name
    cy = next(c for c in contacts if c.first_name == "Cy")
    assert cy.search_text == "cy dee jr globex, inc. vp sales"


def test_a_row_without_a_url_is_matched_by_name_to_an_earlier_row(db, tmp_path):
    """New contacts with a profile URL join the name index late (only a row without a URL
    can match them by name); the first row of a name still wins."""
    ana = s.PEOPLE[0]
    other_ana = ana[:2] + ("ana-lopez-2",) + ana[3:]  # same name and company, another URL
    no_url = ana[:2] + ("",) + ana[3:]
    with_mail = ana[:2] + ("ana-lopez-3", "ana@example.org") + ana[4:]
    people = [ana, s.PEOPLE[1], other_ana, with_mail, no_url]
    result = import_path(s.linkedin_current(tmp_path / "a.csv", people, left=0))
    # rows 5, 7 and 8 are three people (three URLs); row 9, without a URL, is the first Ana
    assert result.created == 4
    assert result.skipped == [(9, "the same person as row 5")]

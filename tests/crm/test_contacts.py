import pytest

from crm.errors import ValidationError
from crm.services import contacts
from crm.services.companies import company_rows, create_company, find_company, update_company
from crm.services.interactions import log_interaction
from crm.services.jobs import create_job
from crm.services.referrals import NameEntry, add_knows, add_names
from crm.store.models import Company, Contact, Interaction, Job, Referral


def test_create_fills_keys_and_company(db):
    c = contacts.create_contact(
        "Ana",
        "Souza",
        company="Acme, Inc.",
        email="Ana@Example.com",
        linkedin_url="https://www.linkedin.com/in/ana-souza/",
        position="CTO",
        tags="python",
    )
    assert c.company.name == "Acme, Inc."
    assert c.email_key == "ana@example.com"
    assert c.url_key == "linkedin.com/in/ana-souza"
    assert "acme, inc." in c.search_text and "python" in c.search_text


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"first_name": "", "last_name": ""}, "Name"),
        ({"first_name": "A", "email": "not-an-email"}, "Email"),
        ({"first_name": "A", "linkedin_url": "no spaces allowed"}, "LinkedIn"),
        ({"first_name": "A", "closeness": 5}, "Closeness"),
        ({"first_name": "A", "stage": "married"}, "Stage"),
    ],
)
def test_bad_values_are_refused_with_the_field(db, fields, field):
    with pytest.raises(ValidationError) as err:
        contacts.create_contact(**fields)
    assert err.value.field == field
    assert Contact.select().count() == 0


def test_duplicate_profile_url_is_refused(db):
    contacts.create_contact("A", "B", linkedin_url="linkedin.com/in/ab")
    with pytest.raises(ValidationError, match="profile URL"):
        contacts.create_contact("C", "D", linkedin_url="https://www.linkedin.com/in/AB/")


def test_update_archive_and_search(db):
    c = contacts.create_contact("Lee", "Park", company="Lumen Health", position="Recruiter")
    contacts.create_contact("Lena", "Berg", company="Acme")
    contacts.update_contact(c.id, position="Head of Talent", tags="referrer")
    assert [x.full_name for x in contacts.search_contacts("lumen talent")] == ["Lee Park"]
    assert [x.full_name for x in contacts.search_contacts("referrer")] == ["Lee Park"]
    assert {x.full_name for x in contacts.search_contacts("le")} == {"Lee Park", "Lena Berg"}
    contacts.archive_contact(c.id)
    assert [x.full_name for x in contacts.search_contacts("le")] == ["Lena Berg"]
    assert len(contacts.search_contacts("le", include_archived=True)) == 2


def test_renaming_a_company_updates_contact_search(db):
    c = contacts.create_contact("Lee", "Park", company="Lumen")
    update_company(c.company_id, name="Lumen Health")
    assert [x.id for x in contacts.search_contacts("lumen health")] == [c.id]


def test_company_names_are_case_insensitive_and_unique(db):
    create_company("Acme Robotics")
    with pytest.raises(ValidationError):
        create_company("ACME robotics")
    assert find_company("acme").name == "Acme Robotics"


def test_delete_and_restore_keeps_links(db):
    dana = contacts.create_contact("Dana", "W")
    lee = contacts.create_contact("Lee", "P", company="Acme")
    add_knows(dana.id, lee.id)
    log_interaction(lee.id, "call")
    job = create_job("PM", "Acme", referrer=lee, channel="referral")
    snap = contacts.delete_contact(lee.id)
    assert Contact.get_or_none(Contact.id == lee.id) is None
    assert Referral.select().count() == 0 and Interaction.select().count() == 0
    contacts.restore_contact(snap)
    assert Contact.get_by_id(lee.id).first_name == "Lee"
    assert Referral.select().count() == 1 and Interaction.select().count() == 1
    assert Job.get_by_id(job.id).referrer_id == lee.id


def test_merge_keeps_every_interaction_referral_and_job_link(db):
    dana = contacts.create_contact("Dana", "W", closeness=3)
    bob = contacts.create_contact("Bob", "Smith", company="Acme", email="bob@acme.com")
    robert = contacts.create_contact(
        "Robert", "Smith", company="Acme", linkedin_url="linkedin.com/in/rsmith", closeness=2
    )
    add_names(dana.id, [NameEntry("Bob", "Smith", email="bob@acme.com")])
    log_interaction(bob.id, "email")
    log_interaction(robert.id, "meeting")
    other = contacts.create_contact("Kim", "Lo")
    add_knows(robert.id, other.id)
    create_job("PM", "Acme", referrer=robert, channel="referral")

    kept = contacts.merge_contacts(bob.id, robert.id)
    assert Contact.select().count() == 3
    assert kept.linkedin_url == "linkedin.com/in/rsmith" and kept.email == "bob@acme.com"
    assert kept.closeness == 2 and kept.stage == "met"
    assert Interaction.select().where(Interaction.contact == kept).count() == 2
    assert Referral.get(Referral.to_contact == kept).from_contact_id == dana.id
    assert Referral.get(Referral.from_contact == kept).to_contact_id == other.id
    assert Job.get().referrer_id == kept.id


def test_company_rows_count_people_vouchers_and_open_jobs(db):
    contacts.create_contact("A", "A", company="Acme", closeness=3)
    contacts.create_contact("B", "B", company="Acme")
    create_job("PM", "Acme")
    create_job("Old", "Acme", status="rejected")
    acme = Company.get(Company.name == "Acme")
    acme.is_target = True
    acme.save()
    row = company_rows()[0]
    assert (row.name, row.people, row.vouchers, row.open_jobs, row.is_target) == (
        "Acme",
        2,
        1,
        1,
        True,
    )

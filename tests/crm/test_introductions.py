"""Asking for an introduction records the request, plans the follow-up and drafts the email."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from crm.errors import NotFoundError, ValidationError
from crm.services import settings
from crm.services.contacts import create_contact
from crm.services.introductions import ask_for_introduction, draft_introduction
from crm.services.jobs import create_job
from crm.services.network import paths_to_company
from crm.store.models import Contact, Referral

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def chain(db):
    settings.put("my_name", "Sam Seeker")
    voucher = create_contact("Vera", "Voss", email="vera@example.org", closeness=3)
    target = create_contact("Theo", "Tran", company="Acme Robotics")
    Referral.create(from_contact=voucher, to_contact=target, status="named")
    return voucher.id, target.id


def test_records_referral_follow_up_and_draft(chain):
    voucher, target = chain
    path = paths_to_company("Acme Robotics")[0]
    assert path.contact_ids == [voucher, target]
    job = create_job("Robotics Engineer", "Acme Robotics")
    intro = ask_for_introduction(path, job_id=job.id, today=TODAY)

    edge = Referral.get((Referral.from_contact == voucher) & (Referral.to_contact == target))
    assert edge.status == "intro_requested" and edge.requested_on == TODAY
    assert intro.referral.id == edge.id
    assert Contact.get_by_id(voucher).next_follow_up == TODAY + dt.timedelta(days=3)
    assert intro.follow_up == dt.date(2026, 11, 28)

    assert intro.subject == "Would you introduce me to Theo Tran?"
    assert intro.body.startswith("Hi Vera,")
    assert "Acme Robotics, in particular the Robotics Engineer role," in intro.body
    assert "you know Theo Tran" in intro.body and intro.body.endswith("Sam Seeker")
    url = urlsplit(intro.mailto)
    assert url.scheme == "mailto" and url.path == "vera@example.org"
    assert parse_qs(url.query)["body"][0] == intro.body


def test_contact_ids_and_colleague_hop_create_the_edge(db):
    voucher = create_contact("Vera", "Voss")
    colleague = create_contact("Cole", "Kim", company="Bridge")
    intro = ask_for_introduction([voucher.id, colleague.id], follow_up_in_days=7, today=TODAY)
    edge = Referral.get((Referral.from_contact == voucher) & (Referral.to_contact == colleague))
    assert edge.status == "intro_requested"
    assert Contact.get_by_id(voucher.id).next_follow_up == dt.date(2026, 12, 2)
    assert "I am looking at Bridge and saw that you know Cole Kim" in intro.body
    assert intro.mailto.startswith("mailto:?subject=")


def test_draft_writes_nothing_and_edited_text_is_used(chain):
    voucher, target = chain
    draft = draft_introduction([voucher, target])
    assert draft.referral is None
    assert Referral.get(Referral.to_contact == target).status == "named"
    assert Contact.get_by_id(voucher).next_follow_up is None
    intro = ask_for_introduction([voucher, target], today=TODAY, subject="Hello", body="Short")
    assert (intro.subject, intro.body) == ("Hello", "Short")
    assert intro.mailto == "mailto:vera@example.org?subject=Hello&body=Short"


def test_bad_paths_are_refused_and_nothing_is_written(chain):
    voucher, target = chain
    with pytest.raises(ValidationError):
        ask_for_introduction([voucher], today=TODAY)  # I know them: no introduction needed
    with pytest.raises(NotFoundError):
        ask_for_introduction([voucher, 9999], today=TODAY)
    with pytest.raises(NotFoundError):
        ask_for_introduction([voucher, target], job_id=4242, today=TODAY)
    assert Referral.get(Referral.to_contact == target).status == "named"
    assert Contact.get_by_id(voucher).next_follow_up is None


def test_undo_puts_back_the_edge_and_the_follow_up(chain):
    from crm.services.followups import set_follow_up
    from crm.services.introductions import redo_introduction, undo_introduction

    voucher, target = chain
    set_follow_up(voucher, dt.date(2026, 12, 24))
    intro = ask_for_introduction([voucher, target], today=TODAY)
    undo_introduction(intro)
    edge = Referral.get(Referral.to_contact == target)
    assert (edge.status, edge.requested_on) == ("named", None)
    assert Contact.get_by_id(voucher).next_follow_up == dt.date(2026, 12, 24)
    redo_introduction(intro)
    assert Referral.get(Referral.to_contact == target).status == "intro_requested"
    assert Contact.get_by_id(voucher).next_follow_up == dt.date(2026, 11, 28)
    # A request that had to create the edge (a colleague hop) removes it again.
    colleague = create_contact("Cole", "Kim", company="Bridge")
    intro = ask_for_introduction([voucher, colleague.id], today=TODAY)
    undo_introduction(intro)
    assert not Referral.select().where(Referral.to_contact == colleague.id).exists()

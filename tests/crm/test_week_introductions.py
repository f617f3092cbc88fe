"""A week of the method: once the voucher has made the introduction, the follow-up planned
to chase it is spent (it stayed on Today and Follow-ups as 'Follow-up planned for Thu 3 Dec'
next to the thank-you for that very introduction)."""

from __future__ import annotations

import datetime as dt

from crm.services import settings
from crm.services.contacts import create_contact
from crm.services.followups import follow_ups, set_follow_up
from crm.services.interactions import MeetingRecord, log_interaction, log_meeting
from crm.services.introductions import ask_for_introduction
from crm.services.referrals import NameEntry, set_status
from crm.store.models import Contact

MONDAY = dt.date(2026, 11, 30)


def _met_and_named(*names: str):
    settings.set_campaign_start(MONDAY)
    raj = create_contact("Raj", "Ivanova", closeness=3, email="raj@example.org")
    _meeting, edges = log_meeting(
        MeetingRecord(raj.id, MONDAY, answer="yes", names=[NameEntry(*n.split()) for n in names])
    )
    return raj, edges


def _due(day: dt.date, contact_id: int) -> list[str]:
    return [i.kind for i in follow_ups(day) if i.contact_id == contact_id]


def test_the_introduction_made_ends_the_follow_up_that_chased_it(db):
    raj, (lee,) = _met_and_named("Lee Park")
    ask_for_introduction([raj.id, lee.to_contact_id], today=MONDAY)
    assert Contact.get_by_id(raj.id).next_follow_up == dt.date(2026, 12, 3)
    set_status(lee.id, "introduced", MONDAY + dt.timedelta(days=1))
    assert Contact.get_by_id(raj.id).next_follow_up is None
    log_interaction(raj.id, "thank_you", MONDAY + dt.timedelta(days=1))
    # thanked for the meeting and the introduction: nothing left to chase on Thursday
    assert _due(dt.date(2026, 12, 3), raj.id) == []  # was ['follow_up']


def test_a_declined_request_ends_it_too(db):
    raj, (lee,) = _met_and_named("Lee Park")
    ask_for_introduction([raj.id, lee.to_contact_id], today=MONDAY)
    set_status(lee.id, "declined", MONDAY + dt.timedelta(days=1))
    assert Contact.get_by_id(raj.id).next_follow_up is None


def test_the_follow_up_stays_while_another_request_is_open(db):
    raj, (lee, ana) = _met_and_named("Lee Park", "Ana Lima")
    ask_for_introduction([raj.id, lee.to_contact_id], today=MONDAY)
    ask_for_introduction([raj.id, ana.to_contact_id], today=MONDAY)
    set_status(lee.id, "introduced", MONDAY + dt.timedelta(days=1))
    assert Contact.get_by_id(raj.id).next_follow_up == dt.date(2026, 12, 3)


def test_a_follow_up_set_before_the_request_is_the_users_own(db):
    raj, (lee,) = _met_and_named("Lee Park")
    ask_for_introduction([raj.id, lee.to_contact_id], today=MONDAY + dt.timedelta(days=2))
    set_follow_up(raj.id, MONDAY + dt.timedelta(days=1))  # planned by hand, for before it
    set_status(lee.id, "introduced", MONDAY + dt.timedelta(days=3))
    assert Contact.get_by_id(raj.id).next_follow_up == MONDAY + dt.timedelta(days=1)


def test_the_request_for_someone_they_named_recalls_that_they_named_them(db):
    raj, (lee,) = _met_and_named("Lee Park")
    body = ask_for_introduction([raj.id, lee.to_contact_id], today=MONDAY).body
    assert "and you mentioned you know Lee Park." in body  # was "and saw that you know"
    colleague = create_contact("Cole", "Kim", company="Bridge")
    body = ask_for_introduction([raj.id, colleague.id], today=MONDAY).body
    assert "I am looking at Bridge and saw that you know Cole Kim." in body

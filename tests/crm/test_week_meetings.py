"""A week of the method: meeting a person a voucher named completes their link, whether or
not the introduction was asked for or made first. Only introduced links did: after meeting
Mo, the chain still said 'named' and Today still said 'Ask Raj for an introduction to Mo'."""

from __future__ import annotations

import datetime as dt

from crm.services import settings
from crm.services.companies import get_or_create_company, set_target
from crm.services.contacts import create_contact
from crm.services.interactions import MeetingRecord, log_interaction, log_meeting
from crm.services.introductions import ask_for_introduction
from crm.services.referrals import NameEntry, add_knows
from crm.services.today import next_actions
from crm.store.models import Contact, Referral

MONDAY = dt.date(2026, 11, 30)


def _named(*names: str):
    settings.set_campaign_start(MONDAY)
    raj = create_contact("Raj", "Ivanova", closeness=3)
    _meeting, edges = log_meeting(
        MeetingRecord(raj.id, MONDAY, answer="yes", names=[NameEntry(*n.split()) for n in names])
    )
    return raj, edges


def _texts(day: dt.date) -> list[str]:
    return [a.text for a in next_actions(day)]


def test_meeting_a_named_person_completes_the_link_and_todays_ask(db):
    raj, (mo,) = _named("Mo Reyes Hooli")
    set_target(get_or_create_company("Hooli").id, True)
    asked = "Ask Raj Ivanova for an introduction to Mo Reyes at Hooli"
    assert asked in _texts(MONDAY)
    tuesday = MONDAY + dt.timedelta(days=1)
    log_meeting(MeetingRecord(mo.to_contact_id, tuesday, answer="yes"))
    edge = Referral.get_by_id(mo.id)
    assert (edge.status, edge.met_on, edge.introduced_on) == ("met", tuesday, None)
    assert asked not in _texts(tuesday)


def test_meeting_after_asking_spends_the_askers_follow_up(db):
    raj, (lee,) = _named("Lee Park")
    ask_for_introduction([raj.id, lee.to_contact_id], today=MONDAY)
    log_interaction(lee.to_contact_id, "meeting", MONDAY + dt.timedelta(days=1))
    assert Referral.get_by_id(lee.id).status == "met"
    assert Contact.get_by_id(raj.id).next_follow_up is None


def test_a_call_or_a_link_someone_only_knows_stays_as_it_was(db):
    raj, (ana,) = _named("Ana Lima")
    log_interaction(ana.to_contact_id, "call", MONDAY)
    assert Referral.get_by_id(ana.id).status == "named"
    kim = create_contact("Kim", "Ko")
    knows = add_knows(kim.id, ana.to_contact_id)
    log_interaction(ana.to_contact_id, "meeting", MONDAY)
    assert Referral.get_by_id(knows.id).status == "potential"
    assert Referral.get_by_id(ana.id).status == "met"

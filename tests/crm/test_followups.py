"""Keep-warm rules: thank-yous, cadences, explicit dates, losing touch, snooze."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.services import settings
from crm.services.contacts import create_contact, update_contact
from crm.services.followups import follow_ups, set_follow_up, snooze
from crm.services.interactions import MeetingRecord, log_interaction, log_meeting
from crm.services.referrals import NameEntry, add_names, set_status

D0 = dt.date(2026, 11, 2)


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


@pytest.fixture
def start(db):
    settings.set_campaign_start(D0)
    return D0


def _kinds(today: dt.date, **kw) -> dict[str, str]:
    return {i.name: i.kind for i in follow_ups(today, **kw)}


def test_thank_you_after_introduction_until_thanked(start):
    v = create_contact("Vera", "Voucher", closeness=3)
    (edge,) = add_names(v.id, [NameEntry("Xavi", "Lopez")], on=day(0))
    assert "Vera Voucher" not in _kinds(day(0))  # a name alone is not yet an introduction
    set_status(edge.id, "introduced", day(1))
    (item,) = [i for i in follow_ups(day(1)) if i.contact_id == v.id]
    assert item.kind == "thank_you" and item.introduced == ("Xavi Lopez",)
    assert item.due == day(3) and not item.overdue(day(3)) and item.overdue(day(4))
    assert "introduced you to Xavi Lopez" in item.reason
    log_interaction(v.id, "thank_you", day(2))
    assert "Vera Voucher" not in _kinds(day(2))


def test_names_from_each_unthanked_meeting_stay_with_their_person(start):
    """The names given in meetings are read in one query: each meeting keeps its own names, in
    the order given, and a meeting before the campaign or after today adds none."""
    a = create_contact("Ada", "Early")
    b = create_contact("Ben", "Other")

    def meet(contact, on, *names):
        log_meeting(MeetingRecord(contact.id, on, names=[NameEntry(*n.split()) for n in names]))

    meet(a, day(-3), "Old Name")  # before the campaign started
    meet(a, day(1), "Zed Last", "Amy First")
    meet(b, day(2), "Bob Brown")
    meet(a, day(3), "Cy Third")
    meet(a, day(9), "Future Person")  # after the day asked about
    items = {i.contact_id: i for i in follow_ups(day(4))}
    assert items[a.id].names == ("Zed Last", "Amy First", "Cy Third")
    assert items[a.id].met_on == day(3) and items[a.id].since == day(1)
    assert "gave you 3 names" in items[a.id].reason
    assert items[b.id].names == ("Bob Brown",)


def test_thank_you_after_meeting_lists_names_and_advice(start):
    v = create_contact("Mina", "Mentor")
    log_meeting(
        MeetingRecord(
            v.id,
            day(1),
            answer="yes",
            resume_feedback="Put the results first",
            names=[NameEntry("Ola", "One"), NameEntry("Tim", "Two")],
        )
    )
    (item,) = [i for i in follow_ups(day(1)) if i.contact_id == v.id]
    assert item.kind == "thank_you" and item.met_on == day(1)
    assert item.names == ("Ola One", "Tim Two") and item.advice == "Put the results first"
    assert item.first_name == "Mina"
    # An email on a later day acknowledges the meeting too; one the same day does not.
    log_interaction(v.id, "email", day(1))
    assert _kinds(day(1)).get("Mina Mentor") == "thank_you"
    log_interaction(v.id, "email", day(2))
    assert "Mina Mentor" not in _kinds(day(2))


def test_snooze_hides_until_its_date(start):
    v = create_contact("Sam", "Snooze")
    log_interaction(v.id, "meeting", day(0))
    snooze(v.id, day(3))
    assert "Sam Snooze" not in _kinds(day(1))
    assert _kinds(day(1), include_snoozed=True)["Sam Snooze"] == "thank_you"
    assert _kinds(day(3))["Sam Snooze"] == "thank_you"


def test_keep_warm_after_cadence(start):
    helper = create_contact("Hal", "Helper", closeness=3)
    fast = create_contact("Fay", "Fast", closeness=3, cadence_days=7)
    for c in (helper, fast):
        log_interaction(c.id, "call", day(0))
    assert _kinds(day(6)) == {}
    assert _kinds(day(7)) == {"Fay Fast": "keep_warm"}
    assert _kinds(day(14)) == {"Fay Fast": "keep_warm", "Hal Helper": "keep_warm"}
    log_interaction(helper.id, "message", day(14))  # any interaction resets the clock
    assert _kinds(day(14)) == {"Fay Fast": "keep_warm"}


def test_losing_touch_after_30_silent_days(db):
    settings.set_campaign_start(day(0))
    met = create_contact("Lou", "Lost")
    log_interaction(met.id, "meeting", day(-29))  # before the campaign: no thank-you owed
    assert update_contact(met.id, stage="met").stage == "met"
    assert _kinds(day(0)) == {}
    (item,) = follow_ups(day(1))
    assert (item.kind, item.reason, item.since) == ("losing_touch", "Silent for 30 days", day(-29))
    create_contact("Ida", "Identified")  # never met: never "losing touch"
    assert len(follow_ups(day(60))) == 1


def test_explicit_follow_up_date_spent_by_interaction(start):
    p = create_contact("Pat", "Plan")
    set_follow_up(p.id, day(2))
    assert _kinds(day(1)) == {}
    (item,) = follow_ups(day(2))
    assert item.kind == "follow_up" and item.due == day(2)
    log_interaction(p.id, "call", day(2))
    assert _kinds(day(2)) == {}


def test_one_item_per_person(start):
    v = create_contact("Una", "Once", closeness=3)
    log_interaction(v.id, "meeting", day(0))
    set_follow_up(v.id, day(1))
    assert [i.kind for i in follow_ups(day(30))] == ["thank_you"]


def test_taking_back_a_sent_email_keeps_what_changed_since(db):
    from crm.services.contacts import get_contact
    from crm.services.interactions import log_email, take_back
    from crm.store.models import Interaction

    ana = create_contact("Ana", "Lopez")
    update_contact(ana.id, next_follow_up=dt.date(2026, 11, 1))
    snooze(ana.id, dt.date(2026, 11, 20))
    logged = log_email(ana.id, "email", dt.date(2026, 11, 5), "Keep-warm email")
    after = get_contact(ana.id)
    assert (after.stage, after.next_follow_up, after.snoozed_until) == ("contacted", None, None)

    update_contact(ana.id, next_follow_up=dt.date(2026, 12, 24))  # set by hand since
    take_back(logged)
    ana = get_contact(ana.id)
    assert Interaction.select().where(Interaction.contact == ana.id).count() == 0
    assert ana.stage == "identified"
    assert ana.snoozed_until == dt.date(2026, 11, 20)
    assert ana.next_follow_up == dt.date(2026, 12, 24)  # not overwritten by the undo

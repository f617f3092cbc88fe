"""Next actions: each rule of the method produces its step, in the method's words."""

from __future__ import annotations

import datetime as dt

from crm.services import settings
from crm.services.companies import get_or_create_company, set_target
from crm.services.contacts import create_contact
from crm.services.effort import log_effort
from crm.services.interactions import log_interaction
from crm.services.jobs import create_job
from crm.services.referrals import add_knows, request_introduction, set_status
from crm.services.today import next_actions

TODAY = dt.date(2026, 11, 25)  # a Wednesday


def texts(**kw) -> list[str]:
    return [a.text for a in next_actions(TODAY, **kw)]


def _vouchers(n: int, met: bool = True) -> list:
    people = []
    for i in range(n):
        c = create_contact(f"Voucher{i}", "Person", company="Northwind Traders", closeness=3)
        if met:
            log_interaction(c.id, "meeting", TODAY - dt.timedelta(days=10))
            log_interaction(c.id, "thank_you", TODAY - dt.timedelta(days=9))
        people.append(c)
    return people


def test_a_new_campaign_starts_with_vouchers_targets_and_hours(db):
    settings.set_campaign_start(TODAY - dt.timedelta(days=2))
    got = texts()
    assert "Meet 3-4 people who can vouch for you" in got
    assert "Pick 3-4 target companies and work backwards" in got
    assert "Log this week's hours" in got


def test_enough_met_vouchers_and_logged_hours_drop_those_steps(db):
    settings.set_campaign_start(TODAY - dt.timedelta(days=20))
    _vouchers(3)
    log_effort(TODAY - dt.timedelta(days=1), "networking", 3)
    got = texts()
    assert "Meet 3-4 people who can vouch for you" not in got
    assert "Log this week's hours" not in got


def test_a_marked_voucher_not_yet_met_is_asked_for_a_meeting(db):
    settings.set_campaign_start(TODAY - dt.timedelta(days=20))
    create_contact("Dana", "Whitfield", closeness=3)
    actions = next_actions(TODAY)
    meet = [a for a in actions if a.kind == "meet_voucher"]
    assert [a.text for a in meet] == [
        "Meet Dana Whitfield: ask for feedback on your resume and 3-4 names"
    ]
    assert meet[0].contact_id is not None


def _warm_path():
    settings.set_campaign_start(TODAY - dt.timedelta(days=20))
    dana, *_ = _vouchers(3)
    dana_id = dana.id
    from crm.services.contacts import update_contact

    update_contact(dana_id, first_name="Dana", last_name="Whitfield")
    lee = create_contact("Lee", "Park", company="Acme Robotics", position="Hiring Manager")
    acme = get_or_create_company("Acme Robotics")
    set_target(acme.id, True, 1)
    edge = add_knows(dana_id, lee.id)
    return dana_id, lee.id, acme.id, edge.id


def test_target_company_gives_an_introduction_request_along_the_warm_path(db):
    dana, lee, acme, _ = _warm_path()
    actions = next_actions(TODAY)
    intro = [a for a in actions if a.kind == "introduction"]
    assert [a.text for a in intro] == [
        "Ask Dana Whitfield for an introduction to Lee Park at Acme Robotics"
    ]
    assert intro[0].contact_id == dana  # the person to ask
    assert intro[0].company_id == acme
    assert "Pick 3-4 target companies" not in " ".join(a.text for a in actions)


def test_once_asked_the_request_is_not_repeated(db):
    dana, lee, _acme, _ = _warm_path()
    request_introduction(dana, lee, on=TODAY - dt.timedelta(days=1))
    assert not [t for t in texts() if t.startswith("Ask Dana Whitfield")]


def test_an_introduction_brings_a_thank_you_and_a_meeting(db):
    dana, lee, _acme, edge = _warm_path()
    request_introduction(dana, lee, on=TODAY - dt.timedelta(days=3))
    set_status(edge, "introduced", on=TODAY - dt.timedelta(days=2))
    actions = next_actions(TODAY)
    thanks = [a for a in actions if a.kind == "thank_you"]
    assert [a.text for a in thanks] == ["Thank Dana Whitfield for introducing you to Lee Park"]
    assert thanks[0].contact_id == dana
    meets = [a.text for a in actions if a.kind == "meet"]
    assert meets == ["Meet Lee Park at Acme Robotics, introduced by Dana Whitfield"]
    # Lee is the one to meet: no separate "talk to Lee" step for the same person.
    assert not [a for a in actions if a.kind == "talk" and a.contact_id == lee]


def test_an_application_quiet_for_more_than_a_week_asks_for_a_follow_up(db):
    settings.set_campaign_start(TODAY - dt.timedelta(days=20))
    create_job(
        "Product Manager",
        "Harbor Analytics",
        status="applied",
        applied_on=TODAY - dt.timedelta(days=12),
    )
    create_job(
        "Data Lead", "Kestrel Bank", status="applied", applied_on=TODAY - dt.timedelta(days=3)
    )
    got = texts()
    assert "Follow up on your application to Harbor Analytics" in got
    assert "Follow up on your application to Kestrel Bank" not in got


def test_the_list_is_cut_to_the_limit_keeping_every_kind(db):
    settings.set_campaign_start(TODAY - dt.timedelta(days=20))
    for i in range(6):
        create_contact(f"Unmet{i}", "Voucher", closeness=3)
    create_job("PM", "Harbor Analytics", status="applied", applied_on=TODAY - dt.timedelta(days=9))
    actions = next_actions(TODAY, limit=4)
    assert len(actions) == 4
    # Six unmet vouchers do not crowd out the other steps: one of each kind first.
    assert {a.kind for a in actions} == {"vouchers", "meet_voucher", "application", "targets"}


def test_demo_network_reads_like_the_method(demo_db):
    actions = next_actions()
    got = [a.text for a in actions]
    assert 1 <= len(actions) <= 8
    assert any(t.startswith("Thank ") for t in got)
    assert any(t.startswith("Ask ") and " for an introduction to " in t for t in got)
    assert all(a.contact_id is not None for a in actions if a.kind in ("thank_you", "meet"))


def test_a_thank_you_one_day_late_says_day_not_days(db):
    settings.set_campaign_start(TODAY - dt.timedelta(days=20))
    person = create_contact("Mara", "Lind", company="Northwind Traders")
    for days_ago, late in ((3, "1 day late"), (4, "2 days late")):
        log_interaction(person.id, "meeting", TODAY - dt.timedelta(days=days_ago))
        thanks = [a for a in next_actions(TODAY) if a.kind == "thank_you"]
        assert len(thanks) == 1 and thanks[0].detail.endswith(f", {late}"), thanks

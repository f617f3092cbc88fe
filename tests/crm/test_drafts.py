"""Drafts fill the placeholders from what the person did; mailto encodes them."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

from crm.services import settings
from crm.services.drafts import draft_for, join_names, mailto_url, render, template_for
from crm.services.followups import FollowUp

D = dt.date(2026, 11, 3)


def _item(**kw) -> FollowUp:
    base = dict(
        kind="thank_you",
        contact_id=1,
        name="Dana Whitfield",
        company="Northwind",
        email="dana@example.com",
        reason="",
        since=D,
        due=D,
        first_name="Dana",
    )
    return FollowUp(**{**base, **kw})


def test_introduction_thank_you_names_the_people(db):
    settings.put("my_name", "Robin")
    item = _item(introduced=("Ada One", "Bo Two", "Cy Three"))
    assert template_for(item) == "thank_you_introduction"
    subject, body = draft_for(item)
    assert subject == "Thank you for introducing me to Ada One, Bo Two and Cy Three"
    assert body.startswith("Hi Dana,")
    assert body.rstrip().endswith("Robin")


def test_meeting_thank_you_has_advice_names_and_date(db):
    item = _item(advice="Lead with outcomes.", names=("Ola One", "Tim Two"), met_on=D)
    assert template_for(item) == "thank_you_meeting"
    _, body = draft_for(item)
    assert "Tuesday 3 November" in body
    assert "Your advice stuck with me: Lead with outcomes." in body
    assert "Thank you as well for suggesting I talk to Ola One and Tim Two. " in body
    assert "{" not in body


def test_keep_warm_uses_edited_template(db):
    settings.set_template("keep_warm", "Hello {first_name}", "Dear {name} at {company}{nope}")
    assert draft_for(_item(kind="keep_warm")) == (
        "Hello Dana",
        "Dear Dana Whitfield at Northwind",
    )
    assert render("keep_warm", first_name="X")[0] == "Hello X"


def test_join_names():
    assert join_names([]) == "" and join_names(["A"]) == "A" and join_names(["A", "B"]) == "A and B"


def test_mailto_url_round_trips():
    url = mailto_url("dana@example.com", "Thanks & more", "Line 1\nLine 2 ü")
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and parts.path == "dana@example.com"
    q = parse_qs(parts.query)
    assert q["subject"] == ["Thanks & more"] and q["body"] == ["Line 1\nLine 2 ü"]


def test_meeting_and_introductions_in_one_thank_you(db):
    item = _item(names=("Ola One", "Tim Two"), introduced=("Tim Two",), met_on=D)
    assert template_for(item) == "thank_you_meeting"
    _, body = draft_for(item)
    assert (
        "Thank you as well for suggesting I talk to Ola One, and for introducing me to Tim Two."
        in body
    )

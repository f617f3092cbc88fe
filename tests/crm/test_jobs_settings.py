import datetime as dt

import pytest

from crm.errors import TransitionError, ValidationError
from crm.services import settings
from crm.services.effort import hours_between, log_day, log_effort
from crm.services.jobs import (
    CHANNEL_FOR_STATUS,
    DATE_FOR_STATUS,
    create_job,
    set_status,
    update_job,
)


def test_job_status_funnel_and_dates(db):
    job = create_job("PM", "Acme")
    day = dt.date(2026, 11, 3)
    set_status(job, "applied", day)
    set_status(job, "interviewing", day + dt.timedelta(days=7))
    assert (job.applied_on, job.interview_on) == (day, day + dt.timedelta(days=7))
    with pytest.raises(TransitionError, match="interviewing to applied"):
        set_status(job, "applied")
    job = update_job(job.id, status="offer")
    assert job.status == "offer" and job.closed_on is not None


def test_referred_means_the_referral_channel(db):
    job = create_job("PM", "Acme", channel="direct")
    assert set_status(job.id, "referred").channel == "referral"


# The steps before each status (from "interested"), so that every move is a legal one.
_ON_THE_WAY = {"interviewing": ("applied",), "offer": ("applied", "interviewing")}


@pytest.mark.parametrize("status", sorted(DATE_FOR_STATUS))
def test_a_move_fills_the_day_and_channel_the_rule_names(db, status):
    job = create_job("PM", "Acme", channel="direct")
    for step in _ON_THE_WAY.get(status, ()):
        set_status(job, step, dt.date(2026, 11, 1))
    set_status(job, status, dt.date(2026, 11, 9))
    assert getattr(job, DATE_FOR_STATUS[status]) == dt.date(2026, 11, 9)
    assert job.channel == CHANNEL_FOR_STATUS.get(status, "direct")


def test_the_application_day_stays_and_the_closing_day_moves(db):
    job = create_job("PM", "Acme")
    set_status(job, "applied", dt.date(2026, 11, 1))
    set_status(job, "referred", dt.date(2026, 11, 5))
    assert job.applied_on == dt.date(2026, 11, 1)
    set_status(job, "withdrawn", dt.date(2026, 11, 6))
    set_status(job, "interested")
    set_status(job, "rejected", dt.date(2026, 11, 20))
    assert job.closed_on == dt.date(2026, 11, 20)


def test_job_needs_title_and_known_channel(db):
    with pytest.raises(ValidationError):
        create_job("  ", "Acme")
    with pytest.raises(ValidationError):
        create_job("PM", "Acme", channel="carrier pigeon")


def test_goals_default_to_the_method_and_validate(db):
    g = settings.goals()
    assert (g.meetings_low, g.meetings_high, g.network_low, g.split_networking) == (5, 6, 50, 60)
    g.split_applying = 30
    with pytest.raises(ValidationError, match="add up to 100"):
        settings.set_goals(g)
    g.split_networking = 50
    settings.set_goals(g)
    assert settings.goals().split_networking == 50


def test_campaign_start_and_templates(db):
    settings.set_campaign_start(dt.date(2026, 11, 1))
    assert settings.campaign_start() == dt.date(2026, 11, 1)
    settings.set_template("keep_warm", "Hi", "Hello {first_name}")
    assert settings.template("keep_warm") == ("Hi", "Hello {first_name}")


def test_effort_by_category(db):
    day = dt.date(2026, 11, 2)
    log_effort(day, "networking", 3)
    log_effort(day, "applying", 1)
    with pytest.raises(ValidationError):
        log_effort(day, "gaming", 1)
    with pytest.raises(ValidationError):
        log_effort(day, "networking", 30)
    assert hours_between(day, day) == {"networking": 3.0, "applying": 1.0, "visibility": 0.0}


def test_a_day_of_hours_is_saved_whole_or_not_at_all(db):
    day = dt.date(2026, 11, 3)
    log_day(day, {"networking": 4, "applying": 1.5, "visibility": 0}, "coffee chats")
    assert hours_between(day, day) == {"networking": 4.0, "applying": 1.5, "visibility": 0.0}
    with pytest.raises(ValidationError, match="at least one category"):
        log_day(day, {"networking": 0})
    with pytest.raises(ValidationError, match="at most 24 hours"):
        log_day(day + dt.timedelta(days=1), {"networking": 20, "applying": 5})
    assert hours_between(day + dt.timedelta(days=1), day + dt.timedelta(days=1))["networking"] == 0


def test_templates_are_saved_together_or_refused_together(db):
    good = ("Thanks", "Hi {first_name}")
    broken = ("Hello {first_name", "Body")
    with pytest.raises(ValidationError, match="a brace is not closed") as exc:
        settings.save_templates({"keep_warm": good, "thank_you_meeting": broken}, "Robin")
    assert exc.value.field == "thank_you_meeting"
    assert settings.template("keep_warm") != good and settings.my_name() == ""
    settings.save_templates({"keep_warm": good}, "  Robin ")
    assert settings.template("keep_warm") == good and settings.my_name() == "Robin"


def test_goals_and_campaign_start_are_saved_together(db):
    g = settings.goals()
    g.split_applying = 30  # 60 + 30 + 20: refused, and the start date is not saved either
    before = settings.campaign_start()
    with pytest.raises(ValidationError, match="add up to 100"):
        settings.save_campaign(g, dt.date(2020, 1, 6))
    assert settings.campaign_start() == before
    g.split_networking = 50
    settings.save_campaign(g, dt.date(2020, 1, 6))
    assert (settings.goals().split_networking, settings.campaign_start()) == (
        50,
        dt.date(2020, 1, 6),
    )

"""Polish: counts agree with their nouns ("1 company", never "1 companies") on every page
that puts a number before a word, and the domain words are spelled as elsewhere."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from crm.services.companies import create_company
from crm.services.contacts import create_contact
from crm.services.jobs import create_job
from crm.services.referrals import NameEntry, add_names, set_status
from ui.session import Session
from ui.views.companies import CompaniesView
from ui.views.contacts import ContactsView
from ui.views.jobs import JobsView
from ui.views.referrals import ReferralsView
from ui.widgets.network_graph import legend_html
from ui.widgets.wording import count


@pytest.fixture
def one_of_each(db):
    """One voucher at one company who named one person, and one job."""
    create_company("Acme Robotics")
    voucher = create_contact("Dana", "Whitfield", company="Acme Robotics", closeness=3)
    (edge,) = add_names(voucher.id, [NameEntry(first_name="Zara", last_name="Reyes")])
    set_status(edge.id, "intro_requested")
    create_job("Product Manager", "Acme Robotics")
    return Session(db)


def shown(qtbot, view_class, session):
    view = view_class(session)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    return view


def test_count_agrees_with_its_noun():
    assert count(1, "company") == "1 company"
    assert count(2, "company") == "2 companies"
    assert count(1, "person") == "1 person"
    assert count(0, "person") == "0 people"
    assert count(1, "network target") == "1 network target"
    assert count(12_500, "contact") == "12,500 contacts"


def test_referral_summary_says_one_voucher_and_one_introduction_requested(qtbot, one_of_each):
    """Before: '1 vouchers · 1 connections who know someone · 1 people reached ·
    1 introduction requested' (and '4 introduction requested' for four)."""
    text = shown(qtbot, ReferralsView, one_of_each).summary.text()
    assert text.startswith("1 voucher · 0 connections who know someone · 1 person reached")
    assert "1 introduction requested" in text
    for wrong in ("1 vouchers", "1 people", "1 connections"):
        assert wrong not in text


def test_companies_jobs_and_contacts_count_one_in_the_singular(qtbot, one_of_each):
    companies = shown(qtbot, CompaniesView, one_of_each).summary.text()
    assert companies.startswith("1 company · 0 network targets")
    jobs = shown(qtbot, JobsView, one_of_each).summary.text()
    assert jobs.startswith("1 of 1 job shown · 1 open · 0 through a referral")
    contacts = shown(qtbot, ContactsView, one_of_each).count_label.text()
    assert contacts == "2 contacts"  # nothing filtered out: not "2 of 2 contacts"


def test_network_legend_uses_the_referral_chains_words():
    """Before: 'intro requested' and 'potential' here, 'introduction requested' and 'knows'
    on Referral chains; and each line marker could wrap away from its word."""
    html = legend_html()
    words = html.replace("&nbsp;", " ")
    assert "introduction requested" in words and "intro requested" not in words
    assert "knows" in words and "potential" not in words
    assert "━</span>&nbsp;introduction&nbsp;requested" in html


def test_one_action_one_name_on_referral_chains_and_follow_ups(qtbot, one_of_each):
    """Before: 'Show contact' on Referral chains, 'Open contact' on Follow-ups, for the
    same step (and the hint says 'double-click a person to open their contact')."""
    from ui.views.followups import FollowUpsView

    referrals = shown(qtbot, ReferralsView, one_of_each)
    followups = shown(qtbot, FollowUpsView, one_of_each)
    assert referrals.show_button.text() == followups.list.open_button.text() == "Open contact"


def test_effort_split_names_its_third_part_as_the_hours_dialog_does(qtbot, demo_db):
    """Before: the chart's legend said 'Visibility', the card and the hours dialog 'being
    found'."""
    from ui.views.metrics import MetricsView

    metrics = shown(qtbot, MetricsView, Session(demo_db))
    legend = [s.label() for s in metrics.charts["split"].sets.values()]
    assert legend == ["Networking", "Applying", "Being found"]
    assert "being found" in metrics.cards["split"].detail_label.text()


def test_network_summary_counts_paths_in_words(qtbot, demo_db):
    """Before: '1 warm path to X, best first; 1 of them you know directly'."""
    from types import SimpleNamespace

    from crm.store.models import Company
    from ui.views.network import NetworkView, paths_summary

    one = paths_summary([SimpleNamespace(length=1)], "Acme")
    assert one == "<b>1 warm path to Acme</b>: you know the person there directly. " + (
        "Expand it to see each hop."
    )
    assert "best first" not in paths_summary([SimpleNamespace(length=2)], "Acme")
    view = shown(qtbot, NetworkView, Session(demo_db))
    view.show_company(Company.get(Company.name == "Acme Robotics").id)
    qtbot.waitUntil(lambda: "warm path" in view.summary.text())
    text = view.summary.text()
    assert "9 warm paths to Acme Robotics</b>, best first; 3 lead to someone you know" in text
    assert "of them" not in text

"""What a user reads, reviewed page by page: menu entries and buttons in sentence case,
counts that agree with their nouns, and no Python words (stored codes, exception names)."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from crm.services import settings as settings_service
from crm.services.companies import find_company
from crm.store.models import Contact
from tests.ui.test_referrals_view import all_nodes, right_click_choose, status_of
from ui.session import Session

PYTHON_WORDS = ("Error", "Exception", "NoneType", "None", "Traceback", "attribute")


@pytest.fixture
def warnings(monkeypatch):
    said: list[str] = []

    def warning(_parent, _title, text, *args, **kwargs):
        said.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return said


def shown(qtbot, view_class, session, width=1100):
    view = view_class(session)
    qtbot.addWidget(view)
    view.resize(width, 700)
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    return view


def test_referral_chains_buttons_and_menu_entries_are_in_sentence_case(qtbot, demo_db):
    """Before: the filter buttons and the 'Move link to' entries read 'knows', 'named',
    'introduction requested' (Jobs' 'Move to' reads 'Applied', 'Interviewing')."""
    from ui.views.referrals import ReferralsView

    view = shown(qtbot, ReferralsView, Session(demo_db))
    texts = [b.text() for b in view.toggles.values()]
    assert texts == [
        "Knows",
        "Named",
        "Introduction requested",
        "Introduced",
        "Met",
        "Declined",
    ]
    index = next(i for i in all_nodes(view.model) if status_of(view.model, i) == "named")
    offered = right_click_choose(view, index, "Move link to", "")
    assert offered and all(t[:1].isupper() for t in offered)


def test_the_contact_pane_says_where_a_contact_came_from_in_words(qtbot, demo_db):
    """Before: 'Source linkedin', 'Source manual' (the stored codes)."""
    from ui.widgets.contact_detail import ContactDetail

    pane = ContactDetail(Session(demo_db))
    qtbot.addWidget(pane)
    words = {"linkedin": "LinkedIn", "manual": "Added by you"}
    for code, said in words.items():
        person = Contact.get(Contact.source == code)
        pane.show_contact(person.id)
        lines = pane.browser.toPlainText().splitlines()  # a label, then its value
        assert lines[lines.index("Source") + 1] == said


def test_a_goal_of_one_meeting_is_one_meeting_in_the_chart_legend(qtbot, demo_db):
    """Before: 'Goal: 1 meetings' once the weekly goal was set to one meeting."""
    from ui.views.metrics import MetricsView

    goals = dataclasses.replace(settings_service.goals(), meetings_low=1, meetings_high=2)
    settings_service.set_goals(goals)
    view = shown(qtbot, MetricsView, Session(demo_db), width=1400)
    legend = view.charts["weekly"].chart().legend()
    labels = [marker.label() for marker in legend.markers()]
    assert labels[-1] == "Goal: 1 meeting"


def test_a_network_search_that_fails_says_so_without_python_words(
    qtbot, demo_db, monkeypatch, warnings
):
    """Before: a search that failed in its worker showed the exception's own text, such as
    "'NoneType' object has no attribute 'id'"."""
    from crm.services import network
    from ui.views import network as network_view

    def broken(*_args, **_kwargs):
        raise AttributeError("'NoneType' object has no attribute 'id'")

    monkeypatch.setattr(network_view, "BIG_NETWORK", 0)  # the searches run in a worker
    view = shown(qtbot, network_view.NetworkView, Session(demo_db), width=1300)
    qtbot.waitUntil(lambda: not view.work._tasks, timeout=10_000)
    monkeypatch.setattr(network, "paths_to_company", broken)
    view.show_company(find_company("Lumen Health").id)
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert warnings == ["The network search stopped unexpectedly; the details are in the log file."]
    assert not any(word in warnings[0] for word in PYTHON_WORDS)


def test_referral_chains_that_cannot_be_read_say_so_without_python_words(
    qtbot, demo_db, monkeypatch, warnings
):
    from crm.services import referral_chains
    from ui.views import referrals as referrals_view

    def broken(**_kwargs):
        raise KeyError("status")

    monkeypatch.setattr(referrals_view, "BIG_CHAINS", 0)
    monkeypatch.setattr(referral_chains, "load_links", broken)
    shown(qtbot, referrals_view.ReferralsView, Session(demo_db))
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert warnings == [
        "Reading the referral chains stopped unexpectedly; the details are in the log file."
    ]


def test_the_contact_pane_intro_link_is_marked_as_opening_a_dialog(qtbot, demo_db):
    """The pane's 'Ask … for this introduction' opens the draft, as the button does: '…'."""
    from ui.widgets.contact_detail import ContactDetail

    pane = ContactDetail(Session(demo_db))
    qtbot.addWidget(pane)
    beatriz = Contact.get(Contact.first_name == "Beatriz", Contact.last_name == "Park")
    pane.show_contact(beatriz.id)
    assert "for this introduction…" in pane.browser.toPlainText()
    assert pane.buttons["intro"].text() == "Ask for an introduction…"


@pytest.fixture
def goal_reached(db):
    """The hand-computed campaign (7 people by day 14) against a network goal of 5-6."""
    from tests.crm.test_metrics import build_campaign

    build_campaign()
    goals = dataclasses.replace(settings_service.goals(), network_low=5, network_high=6)
    settings_service.set_goals(goals)
    return Session(db)


def test_the_network_size_goal_is_a_goal_not_a_network_target(qtbot, goal_reached):
    """Before: Today said 'network target of 5 reached' and Metrics 'target of 5 reached',
    'Target 5-6 by day 21': the words a company or job is marked with."""
    from tests.crm.test_metrics import END
    from ui.views.metrics import MetricsView
    from ui.views.today import TodayView

    today = TodayView(goal_reached)
    today.today = END
    qtbot.addWidget(today)
    today.resize(1200, 800)
    today.show()
    qtbot.waitExposed(today)
    today.reload()
    assert "; goal of 5 people reached." in today.subheading.text()
    metrics = MetricsView(goal_reached)
    metrics.today = END
    qtbot.addWidget(metrics)
    metrics.resize(1300, 900)
    metrics.show()
    qtbot.waitExposed(metrics)
    assert "goal of 5 people reached on " in metrics.summary.text()
    assert metrics.cards["network"].goal_label.text() == "Goal 5-6 by day 21"
    for text in (today.subheading.text(), metrics.summary.text()):
        assert "target" not in text


def test_jobs_row_menu_opens_the_referrer_in_the_words_of_the_other_pages(qtbot, demo_db):
    """Before: 'Show Dana Whitfield' on Jobs; Network says 'Open <name>', Referral chains
    and Follow-ups 'Open contact'."""
    from crm.store.models import Job
    from tests.ui.test_record_tables import _menu_texts
    from ui.models import jobs as jm
    from ui.views.jobs import JobsView

    view = shown(qtbot, JobsView, Session(demo_db), width=1200)
    job = Job.select().where(Job.referrer.is_null(False)).first()
    referrer = job.referrer.full_name
    row = next(
        r
        for r in range(view.model.rowCount())
        if view.model.index(r, jm.COL_TITLE).data() == job.title
    )
    texts = _menu_texts(view, row, jm.COL_TITLE)
    assert f"Open {referrer}" in texts and f"Show {referrer}" not in texts

"""Today view: the week against the goals, a due thank-you, next steps in the method's words."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from ui import session as kinds


@pytest.fixture
def session(demo_db):
    from ui.session import Session

    return Session(demo_db)


@pytest.fixture
def view(qtbot, session):
    from ui.views.today import TodayView

    v = TodayView(session)
    qtbot.addWidget(v)
    v.resize(1200, 800)
    v.show()
    qtbot.waitExposed(v)
    return v


@pytest.fixture
def calls(monkeypatch):
    """Every follow_ups query, wherever the views call it from."""
    import crm.services.followups as followups
    import ui.views.today as today_view
    import ui.widgets.followups_list as followups_list

    made = []
    real = followups.follow_ups

    def counted(*args, **kwargs):
        made.append(args)
        return real(*args, **kwargs)

    for module in (followups, today_view, followups_list):
        monkeypatch.setattr(module, "follow_ups", counted)
    return made


def test_today_lists_a_due_thank_you_and_an_introduction_request(qtbot, view):
    texts = view.next_list.texts()
    assert any(t.startswith("Thank ") for t in texts), texts
    assert any(t.startswith("Ask ") and " for an introduction to " in t for t in texts), texts
    assert len(texts) <= 8


def _card(view, key) -> tuple[str, str, str]:
    card = view.cards[key]
    return card.value_label.text(), card.goal_label.text(), card.status_label.text()


def test_this_week_counts_show_against_the_goals(qtbot, db):
    """The hand-computed campaign of tests/crm/test_metrics.py, on its day 14."""
    from tests.crm.test_metrics import END, build_campaign
    from ui.session import Session
    from ui.views.today import TodayView

    build_campaign()
    view = TodayView(Session(db))
    view.today = END
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    view.reload()
    assert _card(view, "meetings") == ("2", "of 5-6", "▲ Behind")
    assert _card(view, "new_contacts") == ("3", "of 10-15", "▲ Behind")
    assert _card(view, "names_per_meeting") == ("1", "of 3-4", "▲ Behind")
    assert _card(view, "hours") == ("13 h", "of 20-30 h", "● Almost")
    assert _card(view, "network") == ("7", "of 50-60 by day 21", "▲ Behind")
    assert view.subheading.text().startswith("Campaign day 14 · week 2 · 7 people")


def test_clicking_an_action_with_a_person_selects_that_person(qtbot, view, session):
    row = next(i for i, a in enumerate(view.actions) if a.kind == "thank_you")
    action = view.actions[row]
    item = view.next_list.item(row)
    pos = view.next_list.visualItemRect(item).center()
    with qtbot.waitSignal(session.contact_selected) as blocker:
        qtbot.mouseClick(view.next_list.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [action.contact_id]


def test_sending_the_thank_you_takes_it_off_the_list(qtbot, view):
    """Mark as sent in the follow-ups panel below: the step leaves the list above too."""
    from crm.store.models import Interaction

    first = next(a for a in view.actions if a.kind == "thank_you")
    table = view.followups.table
    model = view.followups.model
    row = next(
        r
        for r in range(model.rowCount())
        if model.item(r).contact_id == first.contact_id and model.item(r).kind == "thank_you"
    )
    index = model.index(row, 0)
    table.scrollTo(index)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )
    assert view.followups.current().contact_id == first.contact_id
    qtbot.mouseClick(view.followups.sent_button, Qt.MouseButton.LeftButton)
    assert first.text not in view.next_list.texts()
    assert first.contact_id not in [i.contact_id for i in view.followups.model.items]
    sent = Interaction.select().where(Interaction.contact == first.contact_id)
    assert "thank_you" in [i.kind for i in sent]


def test_first_day_asks_for_vouchers_and_targets_and_a_click_goes_to_companies(qtbot, db):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from ui.session import Session
    from ui.views.today import TodayView

    session = Session(db)

    class Window(QWidget):
        def __init__(self):
            super().__init__()
            self.views: dict = {}
            self.shown: list[str] = []
            self.page = TodayView(session)
            QVBoxLayout(self).addWidget(self.page)

        def show_view(self, name):
            self.shown.append(name)

    window = Window()
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    texts = window.page.next_list.texts()
    assert "Meet 3-4 people who can vouch for you" in texts
    assert "Pick 3-4 target companies and work backwards" in texts
    row = texts.index("Pick 3-4 target companies and work backwards")
    item = window.page.next_list.item(row)
    pos = window.page.next_list.visualItemRect(item).center()
    qtbot.mouseClick(window.page.next_list.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.shown == ["companies"]
    assert window.page.cards["meetings"].status == "off"


def test_a_reload_queries_the_follow_ups_once_for_both_lists(qtbot, view, calls):
    """The next steps and the follow-up list below them show the same due items, from one
    query (it used to run twice on every reload)."""
    view.reload()
    assert len(calls) == 1
    thanked = {t.split(" for ")[0].removeprefix("Thank ") for t in view.next_list.texts()
               if t.startswith("Thank ")}  # fmt: skip
    listed = {i.name for i in view.followups.all_items if i.kind == "thank_you"}
    assert thanked and thanked <= listed


def test_showing_today_and_a_change_each_query_the_follow_ups_once(qtbot, session, calls):
    """The follow-up list inside Today is loaded by Today: on show and on a change it used
    to query the follow-ups itself as well (twice the work at every start)."""
    from ui.views.today import TodayView

    v = TodayView(session)
    qtbot.addWidget(v)
    v.resize(1200, 800)
    v.show()
    qtbot.waitExposed(v)
    assert len(calls) == 1
    assert v.followups.all_items  # the demo network has people due
    session.notify(kinds.INTERACTIONS)
    assert len(calls) == 2


def test_a_campaign_set_to_start_later_says_when_not_day_minus_n(qtbot, view):
    from crm.services.settings import set_campaign_start

    view.today = dt.date(2026, 11, 25)  # pinned: the text must not hang on the clock
    start = view.today + dt.timedelta(days=9)
    set_campaign_start(start)
    view.reload()
    text = view.subheading.text()
    assert f"The campaign starts on {start:%d %b %Y}" in text
    assert "day -" not in text

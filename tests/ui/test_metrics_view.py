"""The metrics panel shows the hand-computed campaign of tests/crm/test_metrics.py."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from crm.services import settings
from tests.crm.test_metrics import END, build_campaign
from ui.session import Session
from ui.views.metrics import MetricsView


@pytest.fixture
def view(db, qtbot):
    build_campaign()
    v = MetricsView(Session(db))
    v.today = END
    qtbot.addWidget(v)
    v.resize(1300, 900)
    v.show()
    qtbot.waitExposed(v)
    return v


def _card(view, key) -> tuple[str, str, str]:
    c = view.cards[key]
    return c.value_label.text(), c.goal_label.text(), c.status_label.text()


def test_cards_show_this_week_against_the_goals(view):
    assert _card(view, "meetings") == ("2", "Goal 5-6 a week", "▲ Behind")
    assert _card(view, "new_contacts") == ("3", "Goal 10-15 a week", "▲ Behind")
    assert _card(view, "names_per_meeting") == ("1", "Goal 3-4", "▲ Behind")
    assert view.cards["names_per_meeting"].detail_label.text() == "2 names from 2 meetings"
    assert _card(view, "hours") == ("13 h", "Goal 20-30 h a week", "● Almost")
    assert _card(view, "split") == ("62/23/15", "Goal 60/20/20", "✔ On track")
    assert _card(view, "network") == ("7", "Goal 50-60 by day 21", "▲ Behind")
    assert "day 14" in view.heading.text()
    assert "reach 50 people on Tue 9 Feb 2027" in view.summary.text()


def test_charts_hold_the_campaign_values(view):
    weekly = view.charts["weekly"]
    values = {k: [s.at(i) for i in range(s.count())] for k, s in weekly.sets.items()}
    assert values == {"meetings": [2, 2], "new_contacts": [4, 3], "names": [7, 2]}
    assert weekly.categories == ["2 Nov", "9 Nov"]

    network = view.charts["network"]
    points = [(p.x(), p.y()) for p in network.size_series.points()]
    assert points[-1] == (14, 7) and max(y for _, y in points) == 7
    assert {p.y() for p in network.low_series.points()} == {50}
    assert {p.y() for p in network.high_series.points()} == {60}

    split = view.charts["split"]
    # 8 / 3 / 2 h, in the card's whole percents
    assert [split.sets[c].at(1) for c in ("networking", "applying", "visibility")] == [62, 23, 15]
    assert [split.sets[c].at(0) for c in ("networking", "applying", "visibility")] == [60, 20, 20]

    funnel = view.charts["funnel"]
    stages = ("network", "meetings", "introductions", "interviews", "offers")
    assert [funnel.value_of(s) for s in stages] == [7, 4, 3, 4, 1]

    channels = view.charts["channels"]
    assert channels.rate_of("referral") == pytest.approx(66.7)
    assert channels.rate_of("direct") == pytest.approx(20)
    assert channels.rate_of("recruiter") == pytest.approx(100)
    assert "referred 3.3× direct" in channels.title()


def _type(qtbot, spin, text: str) -> None:
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)


def test_logging_hours_refreshes_cards_and_charts(view, qtbot):
    qtbot.mouseClick(view.effort_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(-1))  # Saturday Nov 14
    _type(qtbot, dialog.hours["networking"], "7")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert _card(view, "hours") == ("20 h", "Goal 20-30 h a week", "✔ On track")
    assert view.charts["split"].sets["networking"].at(1) == 75  # 15 of 20 h


def test_goals_dialog_changes_the_status(view, qtbot):
    qtbot.mouseClick(view.goals_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    _type(qtbot, dialog.spins["meetings_low"], "2")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert settings.goals().meetings_low == 2
    assert _card(view, "meetings") == ("2", "Goal 2-6 a week", "✔ On track")


def test_goals_dialog_refuses_a_bad_split(view, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    qtbot.mouseClick(view.goals_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    _type(qtbot, dialog.spins["split_applying"], "30")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert shown and "add up to 100" in shown[0]
    assert settings.goals().split_applying == 20 and dialog.isVisible()


def test_panel_on_the_demo_network(demo_db, qtbot, tmp_path):
    v = MetricsView(Session(demo_db))
    qtbot.addWidget(v)
    v.resize(1300, 900)
    v.show()
    qtbot.waitExposed(v)
    assert int(v.cards["network"].value_label.text()) == v.campaign.network_size > 0
    assert (
        sum(v.charts["weekly"].sets["meetings"].at(i) for i in range(len(v.campaign.weeks)))
        == (v.campaign.funnel["meetings"])
    )
    assert v.grab().save(str(tmp_path / "metrics.png"))


def test_charts_load_only_when_the_panel_is_shown(db):
    """QtCharts is not imported while the window builds its (hidden) views."""
    code = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "from crm.store.connection import open_database; open_database(sys.argv[1], backup=False);"
        "from ui.session import Session; from ui.views.metrics import MetricsView;"
        "v = MetricsView(Session(sys.argv[1]));"
        "assert 'PySide6.QtCharts' not in sys.modules; v.show(); app.processEvents();"
        "assert 'PySide6.QtCharts' in sys.modules and len(v.charts) == 5; print('ok')"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(db.parent / "lazy.db")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.stdout.strip() == "ok", out.stderr


def test_names_per_meeting_is_not_judged_before_the_first_meeting(db, qtbot):
    v = MetricsView(Session(db))
    qtbot.addWidget(v)
    v.show()
    qtbot.waitExposed(v)
    assert _card(v, "names_per_meeting") == ("–", "Goal 3-4", "○ Not judged yet")
    assert v.cards["names_per_meeting"].detail_label.text() == "No meeting yet this week"
    assert "Not judged" in v.cards["names_per_meeting"].accessibleName()

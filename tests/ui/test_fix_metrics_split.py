"""The Effort split card and chart give whole percents that add up to 100, as the report does:
2 h / 0.5 h / 0.5 h rounded share by share read '67/17/17'."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from crm.services import settings
from ui.session import Session
from ui.views.metrics import MetricsView

START = dt.date(2026, 11, 2)
ORDER = ("networking", "applying", "visibility")


@pytest.fixture
def view(db, qtbot):
    settings.set_campaign_start(START)
    v = MetricsView(Session(db))
    v.today = START + dt.timedelta(days=2)
    qtbot.addWidget(v)
    v.resize(1300, 900)
    v.show()
    qtbot.waitExposed(v)
    return v


def _log_hours(view, qtbot, hours: dict[str, str]) -> None:
    qtbot.mouseClick(view.effort_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    for cat, text in hours.items():
        box = dialog.hours[cat]
        box.lineEdit().selectAll()
        qtbot.keyClicks(box.lineEdit(), text)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def test_a_two_thirds_sixth_sixth_week_adds_up_to_100(view, qtbot):
    _log_hours(view, qtbot, {"networking": "2", "applying": "0.5", "visibility": "0.5"})
    card = view.cards["split"].value_label.text()
    assert card == "67/17/16"
    assert sum(int(p) for p in card.split("/")) == 100

    chart = view.charts["split"]
    week = [chart.sets[c].at(1) for c in ORDER]
    assert week == [67, 17, 16]
    assert [chart.sets[c].at(0) for c in ORDER] == [60, 20, 20]


def test_a_week_without_hours_shows_no_split(view):
    assert view.cards["split"].value_label.text() == "–"
    assert [view.charts["split"].sets[c].at(1) for c in ORDER] == [0, 0, 0]

"""The Metrics channel chart's title is whole at the window sizes people use: at 1024x640
QtCharts cut it to 'Interview rate by channel: referred vs direct not kno...'."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow
from ui.session import Session

SIZES = ((1024, 640), (1280, 800))
TEXT_ITEM = 8  # QGraphicsTextItem::Type, which PySide6 does not export


def _metrics_at(qtbot, db, tmp_path, size):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(Session(db), settings)
    qtbot.addWidget(win)
    win.resize(*size)
    view = win.show_view("metrics")
    win.show()
    qtbot.waitExposed(win)
    for _ in range(5):
        QApplication.processEvents()
    return win, view


def _title_item(chart):
    """The chart's title: the text item above the plot area (QtCharts keeps it private)."""
    top = chart.plotArea().top()
    above = [
        i
        for i in chart.childItems()
        if i.type() == TEXT_ITEM and i.isVisible() and i.sceneBoundingRect().bottom() <= top
    ]
    # empty axis-title items sit at (0, 0), 2 pixels wide
    (item,) = [i for i in above if i.sceneBoundingRect().width() > 2]
    return item


def _assert_title_whole(view, tmp_path, name: str) -> None:
    channels = view.charts["channels"]
    assert channels.grab().save(str(tmp_path / f"{name}.png"))
    chart = channels.chart()
    shown = _title_item(chart).sceneBoundingRect()
    assert chart.rect().contains(shown), f"{name}: the title {shown} is outside the chart"
    fm = QFontMetrics(chart.titleFont())
    for line in channels.title().split("\n"):
        # an elided title is drawn in an item narrower than its words
        assert fm.horizontalAdvance(line) <= shown.width(), f"{name}: {line!r} is cut"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_title_is_whole_before_the_ratio_is_known(qtbot, db, tmp_path, size):
    _win, view = _metrics_at(qtbot, db, tmp_path, size)
    assert "referred vs direct not known yet" in view.charts["channels"].title()
    _assert_title_whole(view, tmp_path, f"empty-{size[0]}")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_title_is_whole_on_the_demo_network(qtbot, demo_db, tmp_path, size):
    _win, view = _metrics_at(qtbot, demo_db, tmp_path, size)
    assert "× direct" in view.charts["channels"].title()
    _assert_title_whole(view, tmp_path, f"demo-{size[0]}")

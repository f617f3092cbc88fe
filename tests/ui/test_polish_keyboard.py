"""Polish: the keyboard gets out of every table with Tab, and Tab follows each page from the
top, as a person working without the mouse expects."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow
from ui.session import Session


@pytest.fixture
def window(qtbot, demo_db, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(Session(demo_db), settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


def tab_from(qtbot, widget):
    """Focus `widget`, press Tab, and return the widget that has the focus then."""
    widget.setFocus()
    QApplication.processEvents()
    assert widget.hasFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    QApplication.processEvents()
    return QApplication.focusWidget()


def test_tab_leaves_todays_list_for_the_next_steps(qtbot, window):
    """Before: Tab moved from cell to cell of the follow-ups for ever; Next steps could not
    be reached without the mouse."""
    today = window.show_view("today")
    assert tab_from(qtbot, today.followups.table) is today.next_list


def test_tab_leaves_the_contacts_table_for_the_detail_buttons(qtbot, window):
    contacts = window.show_view("contacts")
    assert contacts.model.rowCount() > 0
    assert tab_from(qtbot, contacts.table) is contacts.detail.buttons["edit"]


@pytest.mark.parametrize("name", ["companies", "jobs", "followups"])
def test_tab_leaves_the_other_tables(qtbot, window, name):
    view = window.show_view(name)
    table = view.list.table if name == "followups" else view.table
    assert tab_from(qtbot, table) is not table


def test_tab_follows_the_follow_ups_page_from_the_top(qtbot, window):
    """Before: from the navigation Tab went to Write email…, the list, and only then back up
    to the Show filter and Email templates…."""
    view = window.show_view("followups")
    order = [tab_from(qtbot, window.nav)]
    for _ in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [view.kind_combo, view.templates_button, view.list.write_button]

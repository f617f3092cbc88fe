"""The menus as a user reads them: shortcuts that make sense, Delete only where it deletes,
and a status bar whose counts agree with their nouns."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from crm.services.contacts import create_contact
from tests.ui.test_main_window import make


def _menu(win, title: str):
    return next(a.menu() for a in win.menuBar().actions() if a.text() == title)


def _entry(win, menu: str, label: str):
    return next(a for a in _menu(win, menu).actions() if a.text().replace("&", "") == label)


def _go(qtbot, win, name: str) -> None:
    row = next(i for i, (n, _title) in enumerate(win.view_titles()) if n == name)
    rect = win.nav.visualItemRect(win.nav.item(row))
    qtbot.mouseClick(win.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.current_view().name == name


def test_ctrl_n_makes_a_contact_and_a_new_database_takes_the_longer_chord(
    demo_db,
    qtbot,
    settings,
):
    win = make(qtbot, demo_db, settings)
    new = QKeySequence(QKeySequence.StandardKey.New).toString()
    assert _entry(win, "&Edit", "New contact…").shortcut().toString() == new
    assert _entry(win, "&File", "New database…").shortcut().toString() == "Ctrl+Shift+N"
    assert _entry(win, "&File", "Quit").shortcut().toString() != ""


def test_delete_is_offered_only_on_pages_that_delete_their_selected_row(
    demo_db,
    qtbot,
    settings,
):
    win = make(qtbot, demo_db, settings)
    delete = _entry(win, "&Edit", "Delete")
    for page, can in (("contacts", True), ("companies", False), ("referrals", False),
                      ("jobs", True), ("today", False)):  # fmt: skip
        _go(qtbot, win, page)
        assert delete.isEnabled() is can, page


def test_the_status_bar_counts_agree_with_their_nouns(db, qtbot, settings, told):
    create_contact("Ann", "Lee", company="Acme")
    win = make(qtbot, db, settings)
    assert win.counts_label.text() == (
        "1 contact · 1 company · 0 referrals · 0 interactions · 0 jobs"
    )


def test_menu_entries_that_open_a_dialog_end_with_an_ellipsis(demo_db, qtbot, settings):
    win = make(qtbot, demo_db, settings)
    assert _entry(win, "&Help", "The method…").isEnabled()
    # entries that act at once have none
    assert [a.text() for a in _menu(win, "&View").actions() if a.text().endswith("…")] == []

"""The main window: navigation, welcome state, status counts, saved state, file commands."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from crm.services.contact_table import COL_COMPANY
from crm.store.backup import list_backups
from crm.store.models import Contact
from ui.main_window import MainWindow
from ui.session import Session


def make(qtbot, path, settings):
    win = MainWindow(Session(path), settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_welcome_on_empty_database_and_demo_fills_it(db, qtbot, settings, told):
    win = make(qtbot, db, settings)
    assert win.welcome_visible()
    assert win.welcome.demo_button.text() == "Explore a demo network"
    assert "Import LinkedIn connections" in win.welcome.import_button.text()
    qtbot.mouseClick(win.welcome.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not win.welcome_visible(), timeout=20000)
    assert Contact.select().count() > 20
    assert f"{Contact.select().count()} contacts" in win.counts_label.text()
    assert win.current_view().name == "today"


def test_navigation_by_list_and_shortcut_actions(demo_db, qtbot, settings):
    win = make(qtbot, demo_db, settings)
    assert not win.welcome_visible()
    assert win.current_view().name == "today"
    item = win.nav.item(2)
    qtbot.mouseClick(
        win.nav.viewport(), Qt.MouseButton.LeftButton, pos=win.nav.visualItemRect(item).center()
    )
    assert win.current_view().name == "companies"
    assert win.actions.get("view_contacts").shortcut().toString() == "Ctrl+2"
    win.actions.get("view_contacts").trigger()
    assert win.current_view().name == "contacts"
    # Only the views that were shown have been built.
    assert set(win.views) == {"today", "companies", "contacts"}
    assert "contacts" in win.counts_label.text()


def test_find_focuses_the_contact_search(demo_db, qtbot, settings):
    win = make(qtbot, demo_db, settings)
    win.actions.get("find").trigger()
    view = win.views["contacts"]
    assert win.current_view() is view
    assert win.focusWidget() is view.search


def test_window_geometry_restored(demo_db, qtbot, settings):
    win = make(qtbot, demo_db, settings)
    win.resize(win.minimumSizeHint().width(), 700)
    win.close()
    again = make(qtbot, demo_db, settings)
    # The offscreen screen is 800 px wide, so Qt fits the width to it; the height is kept.
    assert again.size().height() == 700


def test_splitter_and_table_header_restored(demo_db, qtbot, settings):
    win = make(qtbot, demo_db, settings)
    view = win.show_view("contacts")
    view.splitter.setSizes([800, 450])
    sizes = view.splitter.sizes()
    view.table.horizontalHeader().resizeSection(COL_COMPANY, 231)
    view.table.sortByColumn(COL_COMPANY, Qt.SortOrder.DescendingOrder)
    win.close()
    settings.remove("window/geometry")  # keep the default 1280 px width for this check

    again = make(qtbot, demo_db, settings)
    view2 = again.show_view("contacts")
    assert view2.splitter.sizes() == sizes
    header = view2.table.horizontalHeader()
    assert header.sectionSize(COL_COMPANY) == 231
    assert header.sortIndicatorSection() == COL_COMPANY
    companies = [view2.model.index(r, COL_COMPANY).data() for r in range(view2.model.rowCount())]
    filled = [c for c in companies if c]
    assert filled == sorted(filled, key=str.casefold, reverse=True)


def test_missing_dialogs_say_not_available(demo_db, qtbot, settings, told, monkeypatch):
    win = make(qtbot, demo_db, settings)
    import importlib

    real = importlib.import_module

    def fake(name, *a):
        if name == "ui.dialogs.import_wizard":
            raise ImportError("not built yet")
        return real(name, *a)

    monkeypatch.setattr(importlib, "import_module", fake)
    win.actions.get("import").trigger()
    assert told and "not available yet" in told[-1][2]


def test_back_up_now_and_about(demo_db, qtbot, settings, told):
    win = make(qtbot, demo_db, settings)
    before = len(list_backups(demo_db))
    win.actions.get("backup").trigger()
    assert len(list_backups(demo_db)) == before + 1
    assert "Backup written" in win.statusBar().currentMessage()
    win.actions.get("about").trigger()
    assert told[-1][0] == "about" and "Vouch" in told[-1][2]


def test_the_start_up_backup_is_made_once_the_window_is_up(demo_db, qtbot, settings):
    win = make(qtbot, demo_db, settings)
    before = len(list_backups(demo_db))
    win.backup_in_background()
    qtbot.waitUntil(lambda: len(list_backups(demo_db)) == before + 1, timeout=10_000)
    newest = list_backups(demo_db)[0]
    con = sqlite3.connect(newest)
    assert con.execute("SELECT COUNT(*) FROM contact").fetchone()[0] > 0
    con.close()
    assert not list(newest.parent.glob("*.part"))


def test_start_up_work_waits_for_the_first_paint(demo_db, qtbot, settings):
    from PySide6.QtCore import QEvent, QObject

    win = MainWindow(Session(demo_db), settings)
    qtbot.addWidget(win)
    events: list[str] = []

    class Paints(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt name
            if event.type() == QEvent.Type.Paint:
                events.append("paint")
            return False

    paints = Paints()
    win.installEventFilter(paints)
    win.after_first_paint(lambda: events.append("work"))
    win.show()
    assert events == []  # not before the event loop has painted the window
    qtbot.waitUntil(lambda: "work" in events, timeout=1_500)  # before the 2 s fallback
    assert events[0] == "paint"
    qtbot.wait(50)
    assert events.count("work") == 1


def test_start_up_work_runs_without_a_paint_too(demo_db, qtbot, settings):
    from ui.main_window import _AfterFirstPaint

    win = MainWindow(Session(demo_db), settings)
    qtbot.addWidget(win)  # never shown (a minimised start): no paint comes
    done: list[int] = []
    _AfterFirstPaint(win, lambda: done.append(1), fallback_ms=50)
    assert done == []
    qtbot.waitUntil(lambda: done == [1], timeout=5_000)
    assert not win.isVisible()


def test_a_start_up_backup_that_fails_says_so_in_the_status_bar(
    demo_db, qtbot, settings, monkeypatch
):
    from crm.errors import DatabaseError
    from crm.store import backup

    def full(path, *args, **kwargs):
        raise DatabaseError("could not be backed up (No space left on device)", path=str(path))

    monkeypatch.setattr(backup, "make_backup", full)
    win = make(qtbot, demo_db, settings)
    win.backup_in_background()
    qtbot.waitUntil(lambda: "No backup" in win.statusBar().currentMessage(), timeout=10_000)
    assert "No space left on device" in win.statusBar().currentMessage()


def test_open_a_damaged_file_keeps_the_current_database(
    demo_db, qtbot, settings, told, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    win = make(qtbot, demo_db, settings)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite at all" * 10)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    win.actions.get("open_db").trigger()  # File > Open database…
    assert told and told[-1][0] == "warning"
    assert str(bad) in told[-1][2]
    assert win.session.db_path == demo_db
    assert Contact.select().count() > 0


def test_new_database_then_recent(demo_db, qtbot, settings, told, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    win = make(qtbot, demo_db, settings)
    fresh = tmp_path / "fresh.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(fresh), ""))
    win.actions.get("new_db").trigger()
    assert win.session.db_path == fresh
    assert Contact.select().count() == 0
    assert win.welcome_visible()
    assert str(fresh.resolve()) in win.recent_files()
    win.fill_recent_menu()
    assert str(fresh.resolve()) in [a.text() for a in win.actions.recent_menu.actions()]


def test_restore_from_backup_brings_back_the_old_state(demo_db, qtbot, settings, told, monkeypatch):
    import ui.window_files as files
    from crm.services.contacts import create_contact
    from crm.store.backup import make_backup

    win = make(qtbot, demo_db, settings)
    before = Contact.select().count()
    saved = make_backup(demo_db, label="test")
    create_contact("Late", "Addition")
    win.session.notify()
    assert f"{before + 1} contacts" in win.counts_label.text()
    monkeypatch.setattr(files, "choose_backup", lambda _parent, _path: saved)
    win.actions.get("restore").trigger()
    assert Contact.select().count() == before
    assert f"{before} contacts" in win.counts_label.text()
    assert "Restored" in win.statusBar().currentMessage()


def test_dropping_a_file_starts_the_import(demo_db, qtbot, settings, tmp_path, monkeypatch):
    import ui.window_files as files
    from tests.ui.conftest import drop_files

    started = []
    monkeypatch.setattr(
        files.FileCommands, "_entry", lambda self, *a: lambda *args, **kw: started.append(kw)
    )
    win = make(qtbot, demo_db, settings)
    csv = tmp_path / "Connections.csv"
    csv.write_text("First Name,Last Name\nAda,Lovelace\n")
    drop_files(win, csv)
    assert started == [{"path": str(csv)}]


def test_help_shows_the_method(demo_db, qtbot, settings):
    from ui.dialogs.method import MethodDialog

    dialog = MethodDialog()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "vouch" in text.lower() and "warm paths" in text.lower()


def test_navigation_titles_match_the_view_classes():
    from ui.main_window import VIEW_SPECS, _view_classes

    assert [(s[0], s[1]) for s in VIEW_SPECS] == [(c.name, c.title) for c in _view_classes()]


def test_welcome_import_button_opens_the_import(db, qtbot, settings, monkeypatch):
    import ui.window_files as files

    calls = []
    monkeypatch.setattr(
        files.FileCommands,
        "_entry",
        lambda self, module, name, label: lambda *args, **kw: calls.append((name, args, kw)),
    )
    win = make(qtbot, db, settings)
    qtbot.mouseClick(win.welcome.import_button, Qt.MouseButton.LeftButton)
    assert calls == [("start_import", (win, win.session), {"path": None})]
    qtbot.mouseClick(win.welcome.skip, Qt.MouseButton.LeftButton)
    assert not win.welcome_visible()


def test_warm_paths_button_in_companies_opens_the_network_view(demo_db, qtbot, settings):
    from crm.services.companies import find_company

    win = make(qtbot, demo_db, settings)
    companies = win.show_view("companies")
    kestrel = find_company("Kestrel Bank")
    assert companies.select_record(kestrel.id)
    qtbot.mouseClick(companies.paths_button, Qt.MouseButton.LeftButton)
    assert win.current_view().name == "network"
    network = win.views["network"]
    assert "Kestrel Bank" in network.picker.currentText()
    qtbot.waitUntil(lambda: network.model.rowCount() > 0, timeout=10000)


@pytest.mark.parametrize("name", ["companies", "jobs", "referrals"])
def test_other_views_get_their_column_widths_back(demo_db, qtbot, settings, name):
    win = make(qtbot, demo_db, settings)
    view = win.show_view(name)
    table = getattr(view, "table", None) or view.tree
    header = table.header() if hasattr(table, "header") else table.horizontalHeader()
    header.resizeSection(0, 287)
    win.close()

    again = make(qtbot, demo_db, settings)
    view2 = again.show_view(name)
    table2 = getattr(view2, "table", None) or view2.tree
    header2 = table2.header() if hasattr(table2, "header") else table2.horizontalHeader()
    assert header2.sectionSize(0) == 287

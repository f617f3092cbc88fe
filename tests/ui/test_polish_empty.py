"""Polish: a new, empty database says what to do next (import the LinkedIn connections)
instead of pages that read as if all were done."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from crm.services.contacts import create_contact
from ui.main_window import MainWindow
from ui.session import Session

NATIVE = QKeySequence.SequenceFormat.NativeText


def make_window(qtbot, path, tmp_path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(Session(path), settings)
    qtbot.addWidget(win)
    win.resize(1024, 640)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_today_and_follow_ups_on_an_empty_database_point_to_the_import(qtbot, db, tmp_path):
    """Before: 'Nothing due: your network is warm.' on a database with nobody in it."""
    win = make_window(qtbot, db, tmp_path)
    win.dismiss_welcome()
    import_keys = win.actions.get("import").shortcut().toString(NATIVE)
    new_keys = win.actions.get("new_contact").shortcut().toString(NATIVE)
    for name, view_list in (("today", "followups"), ("followups", "list")):
        view = win.show_view(name)
        QApplication.processEvents()
        label = getattr(view, view_list).empty_label
        assert label.isVisible()
        assert "Import your LinkedIn connections" in label.text()
        assert import_keys in label.text() and new_keys in label.text()
        assert "your network is warm" not in label.text()


def test_with_contacts_and_nothing_due_the_network_is_warm(qtbot, db, tmp_path):
    create_contact("Sam", "Lee")
    win = make_window(qtbot, db, tmp_path)
    view = win.show_view("today")
    QApplication.processEvents()
    assert view.followups.empty_label.text() == "Nothing due: your network is warm."


def test_network_graph_with_nobody_says_how_people_get_there(qtbot, db, tmp_path):
    """Before: '0 people in referral chains. Click a person to see who it is' beside a
    graph with only 'Me' in it."""
    win = make_window(qtbot, db, tmp_path)
    create_contact("Sam", "Lee")  # a connection, in no referral chain
    win.session.notify()
    network = win.show_view("network")
    QApplication.processEvents()
    text = network.panel.node_info.text()
    assert text.startswith("No one in referral chains yet.")
    assert "Click a person" not in text

"""Unhandled errors end in the log file and in a dialog with copyable details, never silently."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from crm.errors import InputError
from ui import crash


@pytest.fixture
def hooks(qapp, tmp_path, monkeypatch):
    """Crash hooks installed, logging into tmp_path, dialogs captured instead of shown."""
    import crm.log

    monkeypatch.setattr(crm.log, "_configured", False)
    root = logging.getLogger()
    before = list(root.handlers)
    log_path = crm.log.setup_logging(directory=tmp_path / "logs")
    shown: list[crash.CrashDialog] = []

    def fake_exec(self):
        shown.append(self)
        return 0

    monkeypatch.setattr(crash.CrashDialog, "exec", fake_exec)
    crash.install(log_path)
    yield log_path, shown
    crash.uninstall()
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def _raise(exc: BaseException):
    try:
        raise exc
    except BaseException:
        return sys.exc_info()


def test_unhandled_error_is_logged_and_shown_with_details(hooks, qtbot):
    log_path, shown = hooks
    sys.excepthook(*_raise(ValueError("the chart has no weeks")))

    text = log_path.read_text(encoding="utf-8")
    assert "unhandled error" in text
    assert "Traceback (most recent call last)" in text
    assert "ValueError: the chart has no weeks" in text

    assert len(shown) == 1
    dialog = shown[0]
    qtbot.addWidget(dialog)
    assert "ValueError: the chart has no weeks" in dialog.details
    assert "Traceback" in dialog.details
    assert "Vouch 0." in dialog.details.splitlines()[0]
    assert str(log_path) in dialog.log_label.text()

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == dialog.details
    assert dialog.copy_button.text() == "Copied"

    dialog.show()
    assert not dialog.details_box.isVisible()
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert dialog.details_box.isVisible()
    assert "ValueError" in dialog.details_box.toPlainText()


def test_vouch_error_is_a_plain_message_without_traceback(hooks, monkeypatch):
    log_path, shown = hooks
    warnings = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text))
    )
    sys.excepthook(*_raise(InputError("no header row", file="Connections.csv", row=4)))

    assert warnings == ["Connections.csv, row 4: no header row"]
    assert shown == []
    assert "Traceback" not in log_path.read_text(encoding="utf-8")


def test_error_in_a_worker_thread_reaches_the_dialog_in_the_gui_thread(hooks, qtbot):
    _log_path, shown = hooks

    def work():
        raise RuntimeError("worker fell over")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert "RuntimeError: worker fell over" in shown[0].details


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_keeps_the_app_running_and_shows_the_dialog(hooks, qtbot):
    _log_path, shown = hooks
    ran_after = []

    def bad_slot():
        raise KeyError("contact 42")

    QTimer.singleShot(0, bad_slot)
    QTimer.singleShot(20, lambda: ran_after.append(True))
    qtbot.waitUntil(lambda: bool(ran_after and shown))
    assert "KeyError: 'contact 42'" in shown[0].details


@pytest.mark.qt_no_exception_capture
def test_error_in_a_qt_worker_reaches_the_dialog(hooks, qtbot):
    """QRunnable workers are Qt threads, not Python ones: sys.excepthook runs there."""
    from PySide6.QtCore import QRunnable, QThreadPool

    _log_path, shown = hooks

    class Bad(QRunnable):
        def run(self):
            raise OSError("disk vanished during export")

    QThreadPool.globalInstance().start(Bad())
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert "OSError: disk vanished during export" in shown[0].details


def test_failure_while_opening_the_window_is_shown_not_silent(qapp, tmp_path, monkeypatch):
    """`vouch` whose window cannot be built: exit 1 after the crash dialog, log written."""
    import ui.app
    import ui.main_window

    shown = []
    monkeypatch.setattr(crash.CrashDialog, "exec", lambda self: shown.append(self) or 0)

    def broken_window(session, settings=None):
        raise AttributeError("'NoneType' object has no attribute 'views'")

    monkeypatch.setattr(ui.main_window, "MainWindow", broken_window)
    try:
        assert ui.app.main(["--db", str(tmp_path / "v.db")]) == 1
    finally:
        crash.uninstall()
    assert len(shown) == 1
    assert "AttributeError: 'NoneType' object has no attribute 'views'" in shown[0].details
    # The database lock was released: a later start can open the file.
    from ui.instance import DatabaseLock

    DatabaseLock(tmp_path / "v.db").acquire().release()


def test_a_busy_database_is_a_plain_message_not_a_crash(hooks, monkeypatch):
    import peewee

    _log_path, shown = hooks
    warnings = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text))
    )
    sys.excepthook(*_raise(peewee.OperationalError("database is locked")))
    assert shown == []
    assert len(warnings) == 1 and "busy" in warnings[0]

"""In the window: a damaged database brings the offer of its latest backup, and taking it
opens the restored network with every contact."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from crm.store.backup import list_backups, make_backup
from tests.reliability.conftest import count, file_hash
from tests.reliability.test_database import _corrupt, _filled


@pytest.fixture
def window(demo_db, tmp_path, qtbot):
    from ui.main_window import MainWindow
    from ui.session import Session

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(Session(demo_db), settings=settings)
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def answers(monkeypatch):
    said: list[tuple[str, str]] = []

    def question(parent, title, text, *args, **kwargs):
        said.append(("question", text))
        return QMessageBox.StandardButton.Yes

    def warning(parent, title, text, *args, **kwargs):
        said.append(("warning", text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", warning)
    return said


def open_through_the_file_menu(window, monkeypatch, path) -> None:
    """File > Open database…, the file dialog answering `path`."""
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.actions.get("open_db").trigger()


def test_damaged_database_offers_and_restores_the_latest_backup(
    window, answers, tmp_path, monkeypatch
):
    other = _filled(tmp_path / "network.db")
    people = count(other, "contact")
    latest = make_backup(other)
    _corrupt(other)

    open_through_the_file_menu(window, monkeypatch, other)
    kind, text = answers[0]
    assert kind == "question"
    assert "damaged" in text and latest.name in text
    assert window.session.db_path == other
    view = window.show_view("contacts")
    view.refresh()
    assert view.model.rowCount() == people  # every contact of the backup is shown
    assert count(other, "contact") == people
    # The damaged file was itself kept as a backup before being replaced.
    assert any("before-restore" in b.name for b in list_backups(other))


def test_refusing_the_offer_keeps_the_current_database_open(window, monkeypatch, tmp_path):
    current = window.session.db_path
    shown = window.show_view("contacts").model.rowCount()
    other = _filled(tmp_path / "network.db")
    make_backup(other)
    _corrupt(other)
    digest = file_hash(other)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    open_through_the_file_menu(window, monkeypatch, other)
    assert window.session.db_path == current
    assert file_hash(other) == digest
    view = window.show_view("contacts")
    view.refresh()
    assert shown > 0 and view.model.rowCount() == shown

"""Fixtures the import wizard's tests share: a parent window, and the message boxes shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QMessageBox, QWidget

from ui.dialogs.import_wizard import ImportWizard, start_import
from ui.dialogs.meeting import COL_FIRST
from ui.main_window import MainWindow
from ui.session import Session


@pytest.fixture(autouse=True)
def _no_blocking_message_boxes(monkeypatch):
    """A message box no test asked for fails the test instead of hanging it: offscreen nobody
    can press its button (a dialog closed with typed work at teardown used to wait forever).
    Tests that expect a box patch QMessageBox again, over this."""

    def unexpected(kind):
        def box(parent, title, text, *args, **kwargs):
            pytest.fail(f"an unexpected {kind} box: {title}: {text}")

        return staticmethod(box)

    for kind in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, unexpected(kind))


@pytest.fixture
def window(qtbot, db):
    """A plain parent widget and a session (a test module may define its own `window`)."""
    parent = QWidget()
    parent.resize(1000, 700)
    qtbot.addWidget(parent)
    return parent, Session(db)


@pytest.fixture
def messages(monkeypatch):
    """Every message box shown, as (kind, text); questions are answered Yes."""
    shown: list[tuple[str, str]] = []

    def record(kind, answer=QMessageBox.StandardButton.Ok):
        def box(parent, title, text, *args, **kwargs):
            shown.append((kind, text))
            return answer

        return staticmethod(box)

    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    monkeypatch.setattr(QMessageBox, "question", record("question", QMessageBox.StandardButton.Yes))
    return shown


def open_wizard(qtbot, parent, session, path) -> ImportWizard:
    """Start an import of `path` as File > Import does, and return the wizard it opened."""
    start_import(parent, session, Path(path))
    found = parent.findChildren(ImportWizard)
    assert found, "the wizard did not open"
    wizard = found[-1]
    qtbot.waitExposed(wizard)
    return wizard


def drop_files(widget, *paths) -> None:
    """Drop these files on `widget`, as a file manager does."""
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dropEvent(event)


def choose_in_cell_editor(qtbot, view, row: int, col: int, label: str) -> None:
    """Open the cell's combo like a user (click the selected cell) and pick `label`."""
    index = view.model.index(row, col)
    view.table.setCurrentIndex(index)
    rect = view.table.visualRect(index)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    # A click on the selected cell opens the editor once it is clearly not a double-click.
    qtbot.waitUntil(lambda: view.table.indexWidget(index) is not None)
    combo = view.table.indexWidget(index)
    assert isinstance(combo, QComboBox), "the cell opens a combo"
    i = combo.findText(label)
    assert i >= 0, f"{label!r} is offered"
    combo.setCurrentIndex(i)
    combo.activated.emit(i)


# --- typing in the meeting dialog's names grid ------------------------------------------------


def focused(grid):
    """The cell editor when one is open (the dialog's focus child), else the grid."""
    return grid.window().focusWidget() or grid


def type_text(qtbot, grid, text):
    qtbot.keyClicks(focused(grid), text[:1])  # the first key opens the cell editor
    qtbot.keyClicks(focused(grid), text[1:])


def type_people(qtbot, grid, people):
    """Type like a user: Tab moves across the cells, Enter starts the next person."""
    grid.setFocus()
    grid.setCurrentCell(0, COL_FIRST)
    for row, cells in enumerate(people):
        for col, text in enumerate(cells):
            if col:
                qtbot.keyClick(focused(grid), Qt.Key.Key_Tab)
            if text:
                type_text(qtbot, grid, text)
        qtbot.keyClick(focused(grid), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda row=row: grid.currentRow() == row + 1)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def told(monkeypatch):
    """Every QMessageBox shown, instead of blocking."""
    messages = []

    def record(kind):
        def show(_parent, title, text, *a, **k):
            messages.append((kind, title, text))
            return QMessageBox.StandardButton.Yes

        return show

    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    monkeypatch.setattr(QMessageBox, "about", record("about"))
    return messages


@pytest.fixture
def opened(monkeypatch):
    """The URLs the app asked the desktop to open (mailto: drafts, profiles), not opened."""
    urls: list = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


@pytest.fixture
def contacts_window(qtbot, demo_db, tmp_path, opened):
    """The main window on the demo network, showing Contacts, with URLs caught by `opened`."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(Session(demo_db), settings)
    qtbot.addWidget(win)
    win.show()
    win.show_view("contacts")
    qtbot.waitExposed(win)
    return win

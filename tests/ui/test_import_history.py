"""File > Import history: the imports made, newest first, and undoing an older one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from crm.importers.api import import_path
from crm.store.models import Contact
from ui.models import import_history as m

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _write(path, people):
    path.write_text(
        HEADER
        + "".join(
            f"{first},{last},https://www.linkedin.com/in/{first.lower()}-{last.lower()},,"
            f"Acme,Engineer,03 May 2024\n"
            for first, last in people
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def dialog(qtbot, db, tmp_path):
    from ui.dialogs.import_history import ImportHistoryDialog
    from ui.session import Session

    import_path(_write(tmp_path / "first.csv", [("Ann", "Lee"), ("Bo", "Chen")]))
    import_path(_write(tmp_path / "second.csv", [("Cy", "Diaz")]))
    d = ImportHistoryDialog(Session(db))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def _cell(d, row, col):
    return d.model.index(row, col).data()


def test_lists_the_imports_newest_first(dialog):
    assert dialog.model.rowCount() == 2
    assert [_cell(dialog, r, m.COL_FILE) for r in range(2)] == ["second.csv", "first.csv"]
    assert _cell(dialog, 1, m.COL_RESULT) == "2 new, 0 updated"
    assert _cell(dialog, 1, m.COL_FORMAT) == "LinkedIn connections"
    assert dialog.undo_button.isEnabled()  # the newest is selected
    assert "second.csv" in dialog.status.text()


def test_undo_an_older_import_from_the_history(qtbot, dialog, monkeypatch):
    asked: list[str] = []

    def yes(_parent, _title, text, *a, **k):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    rect = dialog.table.visualRect(dialog.model.index(1, m.COL_FILE))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert asked and "first.csv" in asked[0]
    names = {c.first_name for c in Contact.select()}
    assert names == {"Cy"}  # Ann and Bo came with first.csv
    assert _cell(dialog, 1, m.COL_STATE) == "undone"
    assert not dialog.undo_button.isEnabled()
    assert dialog.status.text() == "Undid the import of first.csv: removed 2 contacts."


def test_cancelling_the_question_changes_nothing(qtbot, dialog, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert Contact.select().count() == 3
    assert _cell(dialog, 0, m.COL_STATE) == ""


def test_empty_history_says_how_to_start(qtbot, db):
    from ui.dialogs.import_history import ImportHistoryDialog
    from ui.session import Session

    d = ImportHistoryDialog(Session(db))
    qtbot.addWidget(d)
    assert d.model.rowCount() == 0
    assert not d.undo_button.isEnabled()
    assert "No imports yet" in d.status.text()


def test_file_menu_opens_the_history(qtbot, db, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from ui.dialogs.import_history import ImportHistoryDialog
    from ui.main_window import MainWindow
    from ui.session import Session

    import_path(_write(tmp_path / "first.csv", [("Ann", "Lee")]))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(Session(db), settings)
    qtbot.addWidget(win)
    file_menu = win.menuBar().actions()[0].menu()
    item = next(a for a in file_menu.actions() if a.text() == "Import &history…")
    shown: list[int] = []
    monkeypatch.setattr(ImportHistoryDialog, "exec", lambda d: shown.append(d.model.rowCount()))
    item.trigger()
    assert shown == [1]

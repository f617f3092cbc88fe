"""File > Restore from backup… asks first; answering No leaves the database as it is."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from crm.services.contacts import create_contact
from crm.store.backup import make_backup
from crm.store.models import Contact
from ui.main_window import MainWindow
from ui.session import Session


def test_saying_no_to_the_restore_question_keeps_every_change(
    demo_db, qtbot, tmp_path, monkeypatch
):
    import ui.window_files as files

    asked: list[tuple[str, str]] = []

    def question(_parent, title, text, *args, **kwargs):
        asked.append((title, text))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(Session(demo_db), settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    saved = make_backup(demo_db, label="test")
    create_contact("Late", "Addition")
    win.session.notify()
    people = Contact.select().count()
    monkeypatch.setattr(files, "choose_backup", lambda _parent, _path: saved)

    win.actions.get("restore").trigger()  # File > Restore from backup…

    assert asked == [
        (
            "Restore from backup",
            f"Replace the current database with the backup {saved.name}?\n\n"
            "The current state is itself backed up first, so this can be reversed.",
        )
    ]
    assert Contact.select().count() == people
    assert f"{people} contacts" in win.counts_label.text()
    assert "Restored" not in win.statusBar().currentMessage()

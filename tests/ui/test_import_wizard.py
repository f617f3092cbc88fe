"""The import wizard driven like a user: detection shown first, then the import, then a summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from crm.services.contacts import create_contact
from crm.store.models import Contact
from tests.crm.importers import samples as s
from ui.dialogs import import_wizard as wiz_mod
from ui.dialogs.import_wizard import ImportWizard, start_import


def _wizard(parent) -> ImportWizard:
    found = parent.findChildren(ImportWizard)
    assert found, "the wizard did not open"
    return found[-1]


def _cell_texts(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _headers(table) -> list[str]:
    return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]


def test_detection_is_shown_before_anything_is_written(
    qtbot, window, messages, tmp_path, monkeypatch
):
    parent, session = window
    path = s.linkedin_excel_de(tmp_path / "Connections.csv")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    start_import(parent, session)
    wizard = _wizard(parent)
    assert wizard.format_label.text() == "LinkedIn connections"
    assert wizard.encoding_label.text() == "Windows-1252 (ANSI)"
    assert wizard.delimiter_label.text() == "semicolon"
    assert _headers(wizard.preview)[:2] == ["First name", "Last name"]
    rows = _cell_texts(wizard.preview)
    assert rows[0][:2] == ["Ana", "Lopez"] and "2024-05-03" in rows[0]
    assert Contact.select().count() == 0

    with qtbot.waitSignal(session.changed, timeout=10_000):
        qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: wizard.summary is not None and wizard.summary.isVisible(), timeout=10_000
    )
    summary = wizard.summary
    assert summary.count_labels["created"].text() == "5"
    assert summary.count_labels["skipped"].text() == "0"
    assert Contact.select().count() == 5
    assert not messages


def test_reimport_summary_says_nothing_new(qtbot, window, messages, tmp_path):
    parent, session = window
    path = s.linkedin_current(tmp_path / "Connections.csv", left=2)
    from crm.importers.api import import_path

    import_path(path)
    start_import(parent, session, path)
    wizard = _wizard(parent)
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.summary is not None, timeout=10_000)
    summary = wizard.summary
    assert "Nothing new" in summary.headline.text()
    assert summary.count_labels["unchanged"].text() == "6"
    assert _cell_texts(summary.skipped_table) == [
        ["11", "only a date: the person has left LinkedIn"],
        ["12", "only a date: the person has left LinkedIn"],
    ]
    assert not summary.undo_button.isEnabled()


def test_generic_sheet_column_mapping(qtbot, window, messages, tmp_path):
    parent, session = window
    path = s.generic(tmp_path / "people.csv")
    start_import(parent, session, path)
    assert messages and messages[0][0] == "question"  # no name column recognised: map it?
    wizard = _wizard(parent)
    assert wizard.format_label.text() == "Spreadsheet (your column mapping)"
    assert wizard.mapping_area.isVisibleTo(wizard)
    combos = wizard.mapping_widget.combos
    assert combos["company"].currentText() == "Employer"  # guessed from the header

    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    assert messages[-1][0] == "warning" and "name" in messages[-1][1]
    assert Contact.select().count() == 0

    combos["full_name"].setCurrentIndex(combos["full_name"].findText("Who"))
    combos["notes"].setCurrentIndex(combos["notes"].findText("Remarks"))
    assert "Full name" in _headers(wizard.preview)
    col = _headers(wizard.preview).index("Full name")
    assert [r[col] for r in _cell_texts(wizard.preview)] == ["Kim Park", "Lee Wong"]

    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.summary is not None, timeout=10_000)
    kim = Contact.get(Contact.first_name == "Kim")
    assert (kim.last_name, kim.company.name, kim.notes) == ("Park", "Hooli", "friend of Bob")


def test_bad_file_gives_a_plain_message(qtbot, window, messages, tmp_path):
    parent, session = window
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    start_import(parent, session, path)
    assert messages == [("warning", messages[0][1])]
    assert str(path) in messages[0][1] and "password-protected" in messages[0][1]
    assert not parent.findChildren(ImportWizard)


def test_cancel_writes_nothing(qtbot, window, messages, tmp_path, monkeypatch):
    parent, session = window
    path = s.big_linkedin(tmp_path / "Connections.csv", 4000)

    class CancelledTask(wiz_mod.Task):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.cancel()  # as if the user pressed Cancel in the progress dialog at once

    monkeypatch.setattr(wiz_mod, "Task", CancelledTask)
    start_import(parent, session, Path(path))
    wizard = _wizard(parent)
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages == [("information", "Import cancelled: nothing was saved.")]
    assert Contact.select().count() == 0
    assert wizard.import_button.isEnabled()


def test_summary_offers_near_duplicates_for_merging(qtbot, window, messages, tmp_path):
    parent, session = window
    create_contact("Robert", "Smith", company="Hooli", notes="met at a meetup")
    start_import(parent, session, s.linkedin_current(tmp_path / "Connections.csv"))
    wizard = _wizard(parent)
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.summary is not None, timeout=10_000)
    summary = wizard.summary
    assert len(summary.merge_buttons) == 1
    with qtbot.waitSignal(session.changed):
        qtbot.mouseClick(summary.merge_buttons[0], Qt.MouseButton.LeftButton)
    assert summary.merge_buttons[0].text() == "Merged"
    smiths = list(Contact.select().where(Contact.last_name == "Smith"))
    assert len(smiths) == 1 and smiths[0].notes == "met at a meetup"
    assert smiths[0].url_key == "linkedin.com/in/bob-smith-77"


def test_undo_from_the_summary(qtbot, window, messages, tmp_path):
    parent, session = window
    start_import(parent, session, s.linkedin_current(tmp_path / "Connections.csv"))
    wizard = _wizard(parent)
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.summary is not None, timeout=10_000)
    assert Contact.select().count() == 6
    qtbot.mouseClick(wizard.summary.undo_button, Qt.MouseButton.LeftButton)
    asked = [text for kind, text in messages if kind == "question"]
    assert asked and "6 contacts it added" in asked[-1]  # asked first: it removes people
    assert Contact.select().count() == 0
    assert "removed 6 contacts" in wizard.summary.headline.text()


def test_undo_from_the_summary_can_be_declined(qtbot, window, messages, tmp_path, monkeypatch):
    parent, session = window
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    start_import(parent, session, s.linkedin_current(tmp_path / "Connections.csv"))
    wizard = _wizard(parent)
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.summary is not None, timeout=10_000)
    qtbot.mouseClick(wizard.summary.undo_button, Qt.MouseButton.LeftButton)
    assert Contact.select().count() == 6
    assert wizard.summary.undo_button.isEnabled()


def test_archive_folder(qtbot, window, messages, tmp_path):
    parent, session = window
    folder = s.archive_folder(tmp_path / "Basic_LinkedInDataExport")
    start_import(parent, session, folder)
    wizard = _wizard(parent)
    assert wizard.format_label.text() == "LinkedIn data archive"
    assert "messages.csv" in wizard.notes_label.text()
    assert not wizard.mapping_toggle.isVisibleTo(wizard)
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.summary is not None, timeout=10_000)
    labels = wizard.summary.count_labels
    assert labels["created"].text() == "6"
    assert labels["jobs"].text() == "2" and labels["messages"].text() == "2"

"""Contact and interaction dialogs: inline validation, saving, and undo of an edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from crm.services.contact_table import COL_COMPANY, COL_NAME
from crm.services.contacts import create_contact, get_contact
from crm.store.models import Contact, Interaction
from ui.dialogs.contact import ContactDialog
from ui.dialogs.interaction import InteractionDialog
from ui.main_window import MainWindow
from ui.session import Session


@pytest.fixture
def window(qtbot, demo_db, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(Session(demo_db), settings)
    qtbot.addWidget(win)
    win.show()
    win.show_view("contacts")
    return win


def with_modal(fill):
    """Run `fill(dialog)` on the next modal dialog once it is open."""
    seen = []

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poll)
            return
        seen.append(dialog)
        fill(dialog)

    QTimer.singleShot(0, poll)
    return seen


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_new_contact_through_the_dialog_shows_in_the_table(window, qtbot):
    def fill(dialog):
        qtbot.keyClicks(dialog.edits["first_name"], "Zora")
        qtbot.keyClicks(dialog.edits["last_name"], "Quint")
        dialog.company.setFocus()
        qtbot.keyClicks(dialog.company.lineEdit(), "Acme Robotics")
        qtbot.keyClicks(dialog.edits["email"], "zora@quint.example")
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    seen = with_modal(fill)
    window.actions.get("new_contact").trigger()
    assert seen
    view = window.views["contacts"]
    assert window.current_view() is view
    row = view.table.currentIndex().row()
    assert view.model.index(row, COL_NAME).data() == "Zora Quint"
    assert view.model.index(row, COL_COMPANY).data() == "Acme Robotics"
    # Creating is undoable too.
    window.actions.get("undo").trigger()
    names = [view.model.index(r, COL_NAME).data() for r in range(view.model.rowCount())]
    assert "Zora Quint" not in names


def test_inline_validation_names_the_problem_and_blocks_ok(db, qtbot):
    dialog = ContactDialog(Session(db))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not ok_button(dialog).isEnabled()
    assert "name" in dialog.errors["first_name"].text()
    qtbot.keyClicks(dialog.edits["first_name"], "Ada")
    assert ok_button(dialog).isEnabled()
    assert dialog.errors["first_name"].isHidden()
    qtbot.keyClicks(dialog.edits["email"], "ada-at-home")
    assert not ok_button(dialog).isEnabled()
    assert "not an email address" in dialog.errors["email"].text()
    assert dialog.errors["email"].isVisible()
    dialog.edits["email"].clear()
    qtbot.keyClicks(dialog.edits["linkedin_url"], "not a url")
    assert "not a LinkedIn profile address" in dialog.errors["linkedin_url"].text()
    dialog.edits["linkedin_url"].clear()
    qtbot.keyClicks(dialog.edits["linkedin_url"], "https://www.linkedin.com/company/acme")
    assert "not a LinkedIn profile address" in dialog.errors["linkedin_url"].text()
    assert not ok_button(dialog).isEnabled()
    dialog.edits["linkedin_url"].clear()
    assert ok_button(dialog).isEnabled()


def test_duplicate_profile_url_is_shown_next_to_the_field(db, qtbot):
    create_contact("Ann", "One", linkedin_url="https://www.linkedin.com/in/ann-one")
    dialog = ContactDialog(Session(db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.edits["first_name"], "Other")
    qtbot.keyClicks(dialog.edits["linkedin_url"], "linkedin.com/in/ann-one/")
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert "already has this profile URL" in dialog.errors["linkedin_url"].text()
    assert dialog.result() == 0
    assert Contact.select().count() == 1  # nothing saved


def test_edit_is_undoable(window, qtbot):
    view = window.views["contacts"]
    cid = view.current_contact_id()
    old_position = get_contact(cid).position

    def fill(dialog):
        dialog.edits["position"].clear()
        qtbot.keyClicks(dialog.edits["position"], "Chief Tester")
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    seen = with_modal(fill)
    qtbot.mouseClick(view.detail.buttons["edit"], Qt.MouseButton.LeftButton)
    assert seen
    assert get_contact(cid).position == "Chief Tester"
    assert "Chief Tester" in view.detail.text()
    window.actions.get("undo").trigger()
    assert get_contact(cid).position == old_position
    assert "Chief Tester" not in view.detail.text()


def test_log_interaction_shows_on_the_timeline(window, qtbot):
    view = window.views["contacts"]
    cid = view.current_contact_id()
    before = Interaction.select().where(Interaction.contact == cid).count()

    def fill(dialog):
        assert isinstance(dialog, InteractionDialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData("call"))
        qtbot.keyClicks(dialog.notes, "Talked about the Lisbon team")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    seen = with_modal(fill)
    qtbot.mouseClick(view.detail.buttons["interaction"], Qt.MouseButton.LeftButton)
    assert seen
    logged = Interaction.select().where(Interaction.contact == cid)
    assert logged.count() == before + 1
    assert "Talked about the Lisbon team" in view.detail.text()
    newest = logged.order_by(Interaction.id.desc()).first()
    assert (newest.kind, newest.notes) == ("call", "Talked about the Lisbon team")


@pytest.mark.parametrize(
    ("module", "opener", "noun"),
    [
        ("ui.dialogs.contact", "edit_contact", "contact"),
        ("ui.dialogs.company", "edit_company", "company"),
        ("ui.dialogs.job", "edit_job", "job"),
    ],
)
def test_editing_a_record_deleted_meanwhile_says_so(
    qtbot, demo_db, monkeypatch, module, opener, noun
):
    """Another page (or an undo) removed it after it was selected: a message, not a crash."""
    import importlib

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: said.append(text))
    edit = getattr(importlib.import_module(module), opener)
    assert edit(None, Session(demo_db), 987654) is None
    assert len(said) == 1 and noun in said[0].lower()
    assert "exist" in said[0]

"""Logging a meeting: the names grid turns into contacts and links of the referral chain."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from crm.services.contacts import create_contact
from crm.services.referral_chains import referral_tree
from crm.store.models import Contact, Interaction, Referral
from tests.ui.conftest import focused, type_people, type_text
from ui.dialogs.meeting import COL_FIRST, MeetingDialog, log_meeting
from ui.session import Session


@pytest.fixture
def voucher(db):
    return create_contact("Vera", "Vouch", closeness=3, email="vera@example.org").id


def find_node(forest, contact_id):
    for node in forest:
        if node.contact_id == contact_id:
            return node
        found = find_node(node.children, contact_id)
        if found:
            return found
    return None


def _shown(qtbot, db, voucher) -> MeetingDialog:
    """The meeting dialog for the voucher, on screen."""
    dialog = MeetingDialog(Session(db), voucher)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_three_names_become_three_contacts_and_chain_nodes(db, voucher, qtbot, monkeypatch):
    dialog = _shown(qtbot, db, voucher)
    qtbot.keyClicks(dialog.feedback, "Lead with the migration project")
    grid = dialog.grid
    people = [
        ("Lee", "Park", "Acme Robotics", "CTO", "lee@acme.example"),
        ("Mo", "Reyes", "Lumen Health", "Head of Data", "+1 555 0100"),
        ("Ines", "Sato", "Harbor Analytics", "Analyst", ""),
    ]
    type_people(qtbot, grid, people)
    assert [grid.text(i, 0) for i in range(3)] == ["Lee", "Mo", "Ines"]
    assert grid.text(1, 4) == "+1 555 0100"
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.result() == 1
    assert Contact.select().count() == 4
    mo = Contact.get(Contact.first_name == "Mo")
    assert mo.phone == "+1 555 0100" and mo.company.name == "Lumen Health"
    meeting = Interaction.get(Interaction.contact == voucher)
    assert meeting.kind == "meeting" and meeting.answer == "yes"
    assert meeting.resume_feedback == "Lead with the migration project"
    root = find_node(referral_tree(), voucher)
    assert root is not None
    assert sorted(c.name for c in root.children) == ["Ines Sato", "Lee Park", "Mo Reyes"]
    assert {c.status for c in root.children} == {"named"}
    assert Referral.select().where(Referral.meeting == meeting).count() == 3


def test_enter_adds_a_row_and_tab_moves_across(db, voucher, qtbot):
    dialog = _shown(qtbot, db, voucher)
    grid = dialog.grid
    start = grid.rowCount()
    grid.setFocus()
    grid.setCurrentCell(start - 1, COL_FIRST)
    type_text(qtbot, grid, "Ana")
    qtbot.keyClick(focused(grid), Qt.Key.Key_Tab)
    type_text(qtbot, grid, "Lima")
    qtbot.keyClick(focused(grid), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.rowCount() == start + 1)
    assert grid.text(start - 1, 0) == "Ana" and grid.text(start - 1, 1) == "Lima"
    qtbot.waitUntil(lambda: grid.currentRow() == start)
    assert grid.currentColumn() == COL_FIRST
    assert dialog.isVisible()  # Enter in the grid never closes the dialog


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_answer_no_asks_why_and_takes_no_names(db, voucher, qtbot):
    dialog = _shown(qtbot, db, voucher)
    assert dialog.why_not.isHidden()
    type_people(qtbot, dialog.grid, [("Should", "Ignore")])  # typed before the answer
    qtbot.mouseClick(dialog.answer_buttons["no"], Qt.MouseButton.LeftButton)
    assert dialog.why_not.isVisible()
    assert not dialog.names_box.isEnabled()
    qtbot.keyClicks(dialog.why_not, "Has not seen my recent work")
    save(qtbot, dialog)
    assert dialog.result() == 1
    meeting = Interaction.get(Interaction.contact == voucher)
    assert meeting.answer == "no" and meeting.why_not == "Has not seen my recent work"
    assert Contact.select().count() == 1
    assert Referral.select().count() == 0


def test_a_row_without_a_name_is_refused_in_the_dialog(db, voucher, qtbot):
    dialog = _shown(qtbot, db, voucher)
    type_people(qtbot, dialog.grid, [("", "", "Acme")])
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert "name" in dialog.error.text()
    assert Interaction.select().count() == 0  # nothing half-written
    assert Contact.select().count() == 1


def test_log_meeting_says_a_thank_you_is_due(db, voucher, qtbot, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    saved = []

    def press_save():  # in the dialog log_meeting opens, once it is up
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, MeetingDialog):
            QTimer.singleShot(10, press_save)
            return
        qtbot.keyClicks(dialog.feedback, "Open with the numbers")
        save(qtbot, dialog)
        saved.append(dialog)

    QTimer.singleShot(0, press_save)
    assert log_meeting(None, Session(db), voucher)
    assert saved
    assert told and "thank-you to Vera" in told[0]
    assert Interaction.get(Interaction.contact == voucher).resume_feedback == (
        "Open with the numbers"
    )


def test_a_no_with_names_typed_says_the_names_will_not_be_saved(db, voucher, qtbot):
    dialog = _shown(qtbot, db, voucher)
    warning = dialog.names_dropped
    qtbot.mouseClick(dialog.answer_buttons["no"], Qt.MouseButton.LeftButton)
    assert not warning.isVisible()  # nothing typed: nothing to lose

    qtbot.mouseClick(dialog.answer_buttons["yes"], Qt.MouseButton.LeftButton)
    type_people(qtbot, dialog.grid, [("Ann", "Berg", "Acme")])
    qtbot.mouseClick(dialog.answer_buttons["no"], Qt.MouseButton.LeftButton)
    assert warning.isVisible()
    assert "will not be saved" in warning.text()
    qtbot.mouseClick(dialog.answer_buttons["maybe"], Qt.MouseButton.LeftButton)
    assert not warning.isVisible()
    assert [e.first_name for e in dialog.record().names] == ["Ann"]

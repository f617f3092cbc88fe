"""A week of the method: a voucher names someone who is already one of my LinkedIn
connections. Typed in the meeting dialog (name and company, no profile URL), that person
became a second contact: two rows in Contacts, the referral on the copy, the paths split."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from crm.services.contacts import create_contact
from crm.store.models import Contact, Referral
from tests.ui.conftest import type_people
from ui.dialogs.meeting import MeetingDialog
from ui.session import Session


def _meeting(qtbot, db, voucher_id: int, people) -> MeetingDialog:
    dialog = MeetingDialog(Session(db), voucher_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_people(qtbot, dialog.grid, people)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.result() == 1, dialog.error.text()
    return dialog


def test_a_name_already_in_my_connections_is_that_contact(db, qtbot):
    raj = create_contact("Raj", "Ivanova", closeness=3)
    dana = create_contact(
        "Dana",
        "Patel",
        company="Acme Robotics, Inc.",
        linkedin_url="https://www.linkedin.com/in/dana-patel-2646",
        source="linkedin",
    )
    _meeting(
        qtbot,
        db,
        raj.id,
        [("dana", "PATEL", "Acme Robotics", "Head of People", ""), ("Mo", "Reyes", "Hooli")],
    )
    assert Contact.select().where(Contact.last_name ** "patel").count() == 1
    named = {e.to_contact_id for e in Referral.select().where(Referral.from_contact == raj.id)}
    assert dana.id in named and len(named) == 2


def test_the_same_name_elsewhere_is_someone_else(db, qtbot):
    raj = create_contact("Raj", "Ivanova", closeness=3)
    create_contact("Dana", "Patel", company="Globex")
    _meeting(qtbot, db, raj.id, [("Dana", "Patel", "Acme Robotics")])
    assert Contact.select().where(Contact.last_name == "Patel").count() == 2


def test_the_saved_message_counts_one_name_as_one(db, qtbot, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    from ui.dialogs.meeting import log_meeting

    raj = create_contact("Raj", "Ivanova", closeness=3)
    create_contact("Mo", "Reyes", company="Hooli")  # already a connection: no "new" name
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text, *a: told.append(text))
    )
    parent = QWidget()
    qtbot.addWidget(parent)

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, MeetingDialog):
            QTimer.singleShot(20, fill)
            return
        type_people(qtbot, dialog.grid, [("Mo", "Reyes", "Hooli")])
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    assert log_meeting(parent, Session(db), raj.id)
    assert told and told[0].startswith("Saved, with 1 name: Mo Reyes.")  # was "1 new names"

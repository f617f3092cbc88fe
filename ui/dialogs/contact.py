"""Add or edit a contact, with the problems shown next to the field as you type."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from crm.errors import ValidationError
from crm.services import contacts
from crm.services.contact_table import CLOSENESS_LABELS
from ui import session as kinds
from ui.dialogs.record_form import (
    RecordDialog,
    company_picker,
    error_label,
    open_record_dialog,
    show_problem,
    with_error,
)
from ui.session import Session
from ui.undo import CreateContactCommand, EditContactCommand

log = logging.getLogger(__name__)

_TEXT_FIELDS = ("first_name", "last_name", "position", "email", "phone", "linkedin_url", "tags")


class ContactDialog(RecordDialog):
    def __init__(
        self, session: Session, contact_id: int | None = None, parent: QWidget | None = None
    ):
        super().__init__(session, contact_id, "contact", parent, min_width=460)

        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        labels = {
            "first_name": "First name",
            "last_name": "Last name",
            "position": "Position",
            "email": "Email",
            "phone": "Phone",
            "linkedin_url": "LinkedIn profile",
            "tags": "Tags",
        }
        for key in _TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(key)
            self.edits[key] = edit
            if key == "position":
                self.company = company_picker()
                form.addRow("Company", self.company)
            self.errors[key] = error_label(f"{key}_error")
            form.addRow(labels[key], with_error(edit, self.errors[key]))
        self.edits["email"].setPlaceholderText("name@example.com")
        self.edits["linkedin_url"].setPlaceholderText("https://www.linkedin.com/in/…")
        self.edits["tags"].setPlaceholderText("comma separated")

        self.closeness = QComboBox()
        for value, label in CLOSENESS_LABELS.items():
            self.closeness.addItem(label, value)
        self.closeness.setToolTip("3 = can vouch for your past performance and future potential")
        form.addRow("Closeness", self.closeness)
        self.stage = QComboBox()
        for stage in contacts.STAGES:
            self.stage.addItem(stage.capitalize(), stage)
        form.addRow("Stage", self.stage)

        row = QHBoxLayout()
        self.has_follow_up = QCheckBox("Follow up on")
        self.follow_up = QDateEdit(QDate.currentDate().addDays(7))
        self.follow_up.setCalendarPopup(True)
        self.follow_up.setDisplayFormat("yyyy-MM-dd")
        self.follow_up.setEnabled(False)
        self.has_follow_up.toggled.connect(self.follow_up.setEnabled)
        row.addWidget(self.has_follow_up)
        row.addWidget(self.follow_up, 1)
        form.addRow("Next follow-up", row)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        form.addRow("Notes", self.notes)

        self.finish(form)
        self.field_errors.update(
            Name=self.errors["first_name"],
            Email=self.errors["email"],
            LinkedIn=self.errors["linkedin_url"],
        )

        self.old: dict[str, Any] = {}
        if contact_id:
            self._load(contact_id)
        for edit in self.edits.values():
            edit.textChanged.connect(self.validate)
        self.validate()
        self.edits["first_name"].setFocus()

    def _load(self, contact_id: int) -> None:
        c = contacts.get_contact(contact_id)
        for key in _TEXT_FIELDS:
            self.edits[key].setText(getattr(c, key) or "")
        self.company.setCurrentText(c.company.name if c.company_id else "")
        self.closeness.setCurrentIndex(max(0, self.closeness.findData(c.closeness)))
        self.stage.setCurrentIndex(max(0, self.stage.findData(c.stage)))
        if c.next_follow_up:
            self.has_follow_up.setChecked(True)
            d = c.next_follow_up
            self.follow_up.setDate(QDate(d.year, d.month, d.day))
        self.notes.setPlainText(c.notes)
        self.old = self.values()

    # --- values and validation -----------------------------------------------------------

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: e.text().strip() for k, e in self.edits.items()}
        out["company"] = self.company.currentText().strip()
        out["closeness"] = self.closeness.currentData()
        out["stage"] = self.stage.currentData()
        if self.has_follow_up.isChecked():
            out["next_follow_up"] = self.follow_up.date().toPython()
        else:
            out["next_follow_up"] = None
        out["notes"] = self.notes.toPlainText()
        return out

    def validate(self) -> bool:
        """Show every problem next to its field; OK is enabled only when there is none."""
        v = self.values()
        checks = {
            "first_name": {"first_name": v["first_name"], "last_name": v["last_name"]},
            "email": {"email": v["email"]},
            "linkedin_url": {"linkedin_url": v["linkedin_url"]},
        }
        ok = True
        for key, fields in checks.items():
            try:
                contacts.validate_fields(fields)
                self._show_error(key, "")
            except ValidationError as exc:
                self._show_error(key, exc.problem)
                ok = False
        self.set_savable(ok)
        return ok

    def _show_error(self, key: str, text: str) -> None:
        show_problem(self.errors[key], text)

    def save(self) -> None:
        new = self.values()
        name = f"{new['first_name']} {new['last_name']}".strip()
        if self.record_id is None:
            contact = contacts.create_contact(source="manual", **new)
            self.record_id = contact.id
            self.session.undo_stack.push(CreateContactCommand(self.session, contact.id, name))
        else:
            changed = {k: v for k, v in new.items() if self.old.get(k) != v}
            if not changed:
                return
            old = {k: self.old.get(k) for k in changed}
            contacts.update_contact(self.record_id, **changed)
            self.session.undo_stack.push(
                EditContactCommand(self.session, self.record_id, old, changed, name)
            )
        self.session.notify(kinds.CONTACTS, kinds.COMPANIES)


def edit_contact(
    parent: QWidget | None, session: Session, contact_id: int | None = None
) -> int | None:
    """Open the dialog; the contact's id when saved, None when cancelled or gone."""
    return open_record_dialog(ContactDialog, parent, session, contact_id)

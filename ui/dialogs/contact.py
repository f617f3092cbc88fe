"""Add or edit a contact, with the problems shown next to the field as you type."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crm.errors import ValidationError, VouchError
from crm.services import contacts
from crm.services.companies import company_names
from crm.services.contact_table import CLOSENESS_LABELS
from ui import session as kinds
from ui.session import Session
from ui.undo import CreateContactCommand, EditContactCommand

log = logging.getLogger(__name__)

_TEXT_FIELDS = ("first_name", "last_name", "position", "email", "phone", "linkedin_url", "tags")


class ContactDialog(QDialog):
    def __init__(self, session: Session, contact_id: int | None = None, parent=None):
        super().__init__(parent)
        self.session = session
        self.contact_id = contact_id
        self.setWindowTitle("Edit contact" if contact_id else "New contact")
        self.setMinimumWidth(460)

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
                self.company = QComboBox()
                self.company.setObjectName("company")
                self.company.setEditable(True)
                self.company.addItem("")
                self.company.addItems(company_names())
                self.company.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
                completer = self.company.completer()
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
                form.addRow("Company", self.company)
            form.addRow(labels[key], self._with_error(key, edit))
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

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.old: dict[str, Any] = {}
        if contact_id:
            self._load(contact_id)
        for edit in self.edits.values():
            edit.textChanged.connect(self.validate)
        self.validate()
        self.edits["first_name"].setFocus()

    def _with_error(self, key: str, edit: QLineEdit) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(edit)
        err = QLabel()
        err.setObjectName(f"{key}_error")
        err.setStyleSheet("color: #b00020;")
        err.setVisible(False)
        lay.addWidget(err)
        self.errors[key] = err
        return box

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
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def _show_error(self, key: str, text: str) -> None:
        label = self.errors[key]
        label.setText(text)
        label.setVisible(bool(text))

    def accept(self) -> None:
        if not self.validate():
            return
        try:
            self._save()
        except ValidationError as exc:
            key = {"Name": "first_name", "Email": "email", "LinkedIn": "linkedin_url"}.get(
                exc.field
            )
            if key:
                self._show_error(key, exc.problem)
            else:
                QMessageBox.warning(self, "Vouch", exc.user_message())
            return
        except VouchError as exc:
            QMessageBox.warning(self, "Vouch", exc.user_message())
            return
        super().accept()

    def _save(self) -> None:
        new = self.values()
        name = f"{new['first_name']} {new['last_name']}".strip()
        if self.contact_id is None:
            contact = contacts.create_contact(source="manual", **new)
            self.contact_id = contact.id
            self.session.undo_stack.push(CreateContactCommand(self.session, contact.id, name))
        else:
            changed = {k: v for k, v in new.items() if self.old.get(k) != v}
            if not changed:
                return
            old = {k: self.old.get(k) for k in changed}
            contacts.update_contact(self.contact_id, **changed)
            self.session.undo_stack.push(
                EditContactCommand(self.session, self.contact_id, old, changed, name)
            )
        self.session.notify(kinds.CONTACTS, kinds.COMPANIES)


def edit_contact(
    parent: QWidget | None, session: Session, contact_id: int | None = None
) -> int | None:
    """Open the dialog; returns the contact's id when saved, None when cancelled."""
    dialog = ContactDialog(session, contact_id, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.contact_id
    return None

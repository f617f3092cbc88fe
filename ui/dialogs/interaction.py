"""Log a call, an email, a message or a thank-you with a contact."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm.errors import VouchError
from crm.services import interactions
from crm.services.contacts import get_contact
from ui import session as kinds
from ui.dialogs.record_form import confirm_discard
from ui.session import Session

KIND_LABELS = {
    "call": "Call",
    "email": "Email",
    "message": "Message",
    "thank_you": "Thank-you",
    "meeting": "Meeting (quick note)",
    "other": "Other",
}


class InteractionDialog(QDialog):
    def __init__(
        self,
        session: Session,
        contact_id: int,
        kind: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.contact_id = contact_id
        name = get_contact(contact_id).full_name
        self.setWindowTitle(f"Log interaction with {name}")
        self.setMinimumWidth(380)
        form = QFormLayout()
        self.kind = QComboBox()
        for key, label in KIND_LABELS.items():
            self.kind.addItem(label, key)
        if kind:
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        form.addRow("What", self.kind)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMaximumDate(QDate.currentDate().addDays(1))
        form.addRow("When", self.date)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 600)
        self.minutes.setSuffix(" min")
        form.addRow("Time spent", self.minutes)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("What was said, what was promised")
        form.addRow("Notes", self.notes)
        hint = QLabel("Logging anything resets the keep-warm clock for this person.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid);")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def reject(self) -> None:
        """Escape or Cancel: ask before throwing away typed notes."""
        if self.notes.toPlainText().strip() and not confirm_discard(
            self, "Discard this note?", "The notes you typed will be lost."
        ):
            return
        super().reject()

    def accept(self) -> None:
        try:
            interactions.log_interaction(
                self.contact_id,
                self.kind.currentData(),
                self.date.date().toPython(),
                minutes=self.minutes.value(),
                notes=self.notes.toPlainText().strip(),
            )
        except VouchError as exc:
            QMessageBox.warning(self, "Vouch", exc.user_message())
            return
        self.session.notify(kinds.INTERACTIONS, kinds.CONTACTS, kinds.REFERRALS)
        super().accept()


def log_interaction(
    parent: QWidget | None, session: Session, contact_id: int, kind: str | None = None
) -> bool:
    """Returns True when something was logged."""
    dialog = InteractionDialog(session, contact_id, kind, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted

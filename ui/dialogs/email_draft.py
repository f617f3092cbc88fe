"""The personal email owed to someone: an editable draft that opens in the mail client."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QSignalBlocker, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.errors import VouchError
from crm.services.contact_card import ContactCard
from crm.services.drafts import (
    TEMPLATE_TITLES,
    mailto_url,
    render,
    template_for,
    values_for,
)
from crm.services.followups import FollowUp, follow_ups
from ui import session as kinds
from ui.dialogs.record_form import confirm_discard
from ui.session import Session
from ui.undo import MarkSentCommand

log = logging.getLogger(__name__)


def mark_sent(session: Session, item: FollowUp, on: dt.date, subject: str = "") -> None:
    """Log the email that answers a follow-up (a thank-you, or a keep-warm email)."""
    kind = "thank_you" if item.kind == "thank_you" else "email"
    note = subject or ("Thank-you email" if kind == "thank_you" else "Keep-warm email")
    # one step on the undo stack (Edit > Undo): a click on the wrong row is taken back
    session.undo_stack.push(MarkSentCommand(session, item.contact_id, kind, on, note, item.name))
    session.notify(kinds.INTERACTIONS, kinds.CONTACTS)


def owed_to(card: ContactCard, today: dt.date | None = None) -> FollowUp:
    """What is owed to this contact today (a thank-you, a keep-warm email...), as Follow-ups
    lists it; a keep-warm email when nothing is due, so the pane can always draft one."""
    contact = card.contact
    for item in follow_ups(today, include_snoozed=True):
        if item.contact_id == contact.id:
            return item
    day = today or dt.date.today()
    return FollowUp(
        kind="keep_warm",
        contact_id=contact.id,
        name=contact.full_name,
        company=card.company,
        email=contact.email or "",
        reason="Nothing is due: a keep-warm email.",
        since=day,
        due=day,
        first_name=contact.first_name,
    )


def open_email_draft(
    parent: QWidget, session: Session, item: FollowUp, today: dt.date | None = None
) -> EmailDraftDialog:
    """Open the draft for `item` (window-modal, not blocking): Follow-ups' "Write email…" and
    the contact pane's both come here, so both show the same editable draft."""
    dialog = EmailDraftDialog(session, item, parent, today=today)
    dialog.open()
    return dialog


class EmailDraftDialog(QDialog):
    """Shows the draft for one follow-up; the user edits it, opens it, and marks it sent."""

    sent = Signal()

    def __init__(
        self,
        session: Session,
        item: FollowUp,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ):
        super().__init__(parent)
        self.session, self.item = session, item
        self.today = today or dt.date.today()
        self.setWindowTitle(f"Email to {item.name}")
        self.resize(620, 520)
        self.values = values_for(item)

        self.template_combo = QComboBox()
        for name, title in TEMPLATE_TITLES.items():
            if name != "ask_introduction":
                self.template_combo.addItem(title, name)
        self.template_combo.setCurrentIndex(self.template_combo.findData(template_for(item)))
        self._template_index = self.template_combo.currentIndex()
        self.template_combo.currentIndexChanged.connect(self._switch_template)
        self.to_edit = QLineEdit(item.email)
        self.to_edit.setPlaceholderText("No email address on file: type one, or leave it empty")
        self.subject_edit = QLineEdit()
        self.body_edit = QPlainTextEdit()
        self.body_edit.setTabChangesFocus(True)

        form = QFormLayout()
        form.addRow("Template", self.template_combo)
        form.addRow("To", self.to_edit)
        form.addRow("Subject", self.subject_edit)
        why = QLabel(item.reason)
        why.setWordWrap(True)

        self.open_button = QPushButton("Open in mail app")
        self.sent_button = QPushButton("Mark as sent")
        self.templates_button = QPushButton("Edit templates…")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.sent_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.templates_button, QDialogButtonBox.ButtonRole.ResetRole)
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
        # Enter in To or Subject opens the draft; it must never close it (the edits are lost).
        self.open_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self.open_in_mail_app)
        self.sent_button.clicked.connect(self.mark_sent)
        self.templates_button.clicked.connect(self.edit_templates)

        layout = QVBoxLayout(self)
        layout.addWidget(why)
        layout.addLayout(form)
        layout.addWidget(self.body_edit, 1)
        layout.addWidget(self.buttons)
        self._fill()

    def _switch_template(self, index: int) -> None:
        """Another template replaces the draft: ask first when the user has edited it."""
        if index == self._template_index:
            return
        if self.edited() and not confirm_discard(
            self,
            "Replace your edits?",
            "The other template replaces the subject and text you changed.",
        ):
            with QSignalBlocker(self.template_combo):
                self.template_combo.setCurrentIndex(self._template_index)
            return
        self._template_index = index
        self._fill()

    def _fill(self) -> None:
        subject, body = render(self.template_combo.currentData(), **self.values)
        self.subject_edit.setText(subject)
        self.body_edit.setPlainText(body)
        self._baseline = (subject, body)

    def edited(self) -> bool:
        """True when the draft differs from what was filled in or last opened in the mail app."""
        return (self.subject_edit.text(), self.body_edit.toPlainText()) != self._baseline

    def reject(self) -> None:
        """Close or Escape: ask before throwing away an edited draft."""
        if self.edited() and not confirm_discard(
            self,
            "Discard your edits?",
            "You changed this draft and have not opened it in your mail app.",
        ):
            return
        super().reject()

    def url(self) -> QUrl:
        return QUrl(
            mailto_url(
                self.to_edit.text().strip(),
                self.subject_edit.text(),
                self.body_edit.toPlainText(),
            )
        )

    def open_in_mail_app(self) -> None:
        if QDesktopServices.openUrl(self.url()):
            self._baseline = (self.subject_edit.text(), self.body_edit.toPlainText())
        else:
            QMessageBox.information(
                self,
                "No mail app",
                "No mail app opened the draft. Copy the text from this window into your email.",
            )

    def mark_sent(self) -> None:
        try:
            mark_sent(self.session, self.item, self.today, self.subject_edit.text().strip())
        except VouchError as exc:
            QMessageBox.warning(self, "Not recorded", exc.user_message())
            return
        self.sent.emit()
        self.accept()

    def edit_templates(self) -> None:
        from ui.dialogs.templates import TemplatesDialog

        dialog = TemplatesDialog(self.session, self, current=self.template_combo.currentData())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._fill()

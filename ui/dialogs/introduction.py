"""Asking for an introduction: the drafted request, editable before it is recorded and sent.

`request_introduction` is the one way the window asks (the Network page and the contact
pane both call it): draft, let the user edit or cancel, then record, push the undo step and
open the mail client (for someone with no email address, copy the message instead, as the
dialog's button says). Cancelling records nothing.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from crm.errors import VouchError
from crm.services.contacts import get_contact
from crm.services.introductions import (
    Introduction,
    ask_for_introduction,
    draft_introduction,
    redo_introduction,
    undo_introduction,
)
from crm.services.network import WarmPath
from ui import session as kinds
from ui.session import Session
from ui.undo import AppliedCommand

TITLE = "Ask for an introduction"
SEND_EMAIL = "Record and open email"
COPY_MESSAGE = "Record and copy message"


class IntroductionDialog(QDialog):
    """Shows the drafted email; on OK the request is recorded and the mail client opens, or,
    for someone with no email address (`has_email` False), the message is copied: the dialog
    says so before the user chooses, not after the request is recorded."""

    def __init__(
        self,
        subject: str,
        body: str,
        to_name: str,
        parent: QWidget | None = None,
        about_name: str = "",
        has_email: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.subject = QLineEdit(subject)
        self.body = QPlainTextEdit(body)
        self.body.setMinimumSize(460, 220)
        self.days = QSpinBox()
        self.days.setRange(0, 60)
        self.days.setValue(3)
        self.days.setSuffix(" days")
        about = (
            f" asking for an introduction to <b>{html.escape(about_name)}</b>" if about_name else ""
        )
        self.intro_label = QLabel(
            f"A personal {'email' if has_email else 'message'} to "
            f"<b>{html.escape(to_name)}</b>{about}. Edit it as you like."
        )
        self.intro_label.setWordWrap(True)
        self.no_email_label = QLabel(
            f"{to_name} has no email address here: the message is copied for you to send "
            "by phone, text or LinkedIn, and a follow-up goes in your list."
        )
        self.no_email_label.setTextFormat(Qt.TextFormat.PlainText)
        self.no_email_label.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.intro_label)
        if not has_email:
            form.addRow(self.no_email_label)
        form.addRow("Subject", self.subject)
        form.addRow("Message", self.body)
        form.addRow("Follow up in", self.days)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(SEND_EMAIL if has_email else COPY_MESSAGE)
        if not has_email:
            ok.setToolTip("Record the request and copy the message to the clipboard")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)


class IntroductionCommand(AppliedCommand):
    """Undo/redo for a request already recorded (its first redo() does nothing)."""

    changed = (kinds.REFERRALS, kinds.CONTACTS)

    def __init__(self, session: Session, intro: Introduction, text: str) -> None:
        super().__init__(session, text)
        self.intro = intro

    def _do(self) -> None:
        redo_introduction(self.intro)

    def _undo(self) -> None:
        undo_introduction(self.intro)


def request_introduction(
    parent: QWidget,
    session: Session,
    path: WarmPath | list[int],
    job_id: int | None = None,
) -> Introduction | None:
    """Ask the first person of `path` to introduce the user to the second, after showing the
    draft: None when the user cancels (nothing is recorded) or the store refuses (said)."""
    try:
        draft = draft_introduction(path, job_id)
        asker, about = get_contact(draft.first_id), get_contact(draft.target_id)
    except VouchError as exc:
        QMessageBox.warning(parent, TITLE, exc.user_message())
        return None
    dialog = IntroductionDialog(
        draft.subject,
        draft.body,
        asker.full_name,
        parent,
        about_name=about.full_name,
        has_email=bool(asker.email),
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        intro = ask_for_introduction(
            path,
            job_id,
            follow_up_in_days=dialog.days.value(),
            subject=dialog.subject.text(),
            body=dialog.body.toPlainText(),
        )
    except VouchError as exc:
        QMessageBox.warning(parent, TITLE, exc.user_message())
        return None
    session.undo_stack.push(
        IntroductionCommand(session, intro, f"Ask {asker.full_name} for an introduction")
    )
    session.notify(kinds.REFERRALS, kinds.CONTACTS)
    if asker.email:
        QDesktopServices.openUrl(QUrl(intro.mailto))
    else:  # as the dialog said on its button
        QGuiApplication.clipboard().setText(dialog.body.toPlainText())
    return intro

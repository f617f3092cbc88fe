"""The drafted request for an introduction, editable before it is recorded and sent."""

from __future__ import annotations

import html

from PySide6.QtGui import QUndoCommand
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
from crm.services.introductions import Introduction, redo_introduction, undo_introduction
from ui import session as kinds
from ui.session import Session


class IntroductionDialog(QDialog):
    """Shows the drafted email; on OK the request is recorded and the mail client opens."""

    def __init__(self, subject: str, body: str, to_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Ask for an introduction")
        self.subject = QLineEdit(subject)
        self.body = QPlainTextEdit(body)
        self.body.setMinimumSize(460, 220)
        self.days = QSpinBox()
        self.days.setRange(0, 60)
        self.days.setValue(3)
        self.days.setSuffix(" days")
        form = QFormLayout(self)
        form.addRow(
            QLabel(f"A personal email to <b>{html.escape(to_name)}</b>. Edit it as you like.")
        )
        form.addRow("Subject", self.subject)
        form.addRow("Message", self.body)
        form.addRow("Follow up in", self.days)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Record and open email")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class IntroductionCommand(QUndoCommand):
    """Undo/redo for a request already recorded (its first redo() does nothing)."""

    def __init__(self, session: Session, intro: Introduction, text: str):
        super().__init__(text)
        self.session, self.intro = session, intro
        self._fresh = True

    def redo(self) -> None:
        if self._fresh:
            self._fresh = False
            return
        self._run(redo_introduction)

    def undo(self) -> None:
        self._run(undo_introduction)

    def _run(self, fn) -> None:
        try:
            fn(self.intro)
        except VouchError as exc:
            QMessageBox.warning(None, "Vouch", f"“{self.text()}”: {exc.user_message()}")
            self.setObsolete(True)
        self.session.notify(kinds.REFERRALS, kinds.CONTACTS)

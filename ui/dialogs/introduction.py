"""The drafted request for an introduction, editable before it is recorded and sent."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from crm.services.introductions import Introduction, redo_introduction, undo_introduction
from ui import session as kinds
from ui.session import Session
from ui.undo import AppliedCommand


class IntroductionDialog(QDialog):
    """Shows the drafted email; on OK the request is recorded and the mail client opens."""

    def __init__(
        self, subject: str, body: str, to_name: str, parent: QWidget | None = None
    ) -> None:
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

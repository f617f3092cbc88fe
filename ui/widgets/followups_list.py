"""The follow-ups list shown on Today and in the Follow-ups view (being built)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.session import Session


class FollowUpsList(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        QVBoxLayout(self).addWidget(QLabel("Follow-ups"))

    def reload(self) -> None:
        pass

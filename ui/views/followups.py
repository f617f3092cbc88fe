"""Follow-ups view (being built)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from ui.views.base import View


class FollowUpsView(View):
    name = "followups"
    title = "Follow-ups"

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        QVBoxLayout(self).addWidget(QLabel("Follow-ups"))

    def reload(self) -> None:
        pass

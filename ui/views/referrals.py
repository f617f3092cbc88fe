"""Referral chains view (being built)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from ui.views.base import View


class ReferralsView(View):
    name = "referrals"
    title = "Referral chains"

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        QVBoxLayout(self).addWidget(QLabel("Referral chains"))

    def reload(self) -> None:
        pass

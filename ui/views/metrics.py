"""Metrics view (being built)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from ui.views.base import View


class MetricsView(View):
    name = "metrics"
    title = "Metrics"

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        QVBoxLayout(self).addWidget(QLabel("Metrics"))

    def reload(self) -> None:
        pass

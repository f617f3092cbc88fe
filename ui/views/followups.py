"""Follow-ups view: everything due to keep the network warm, filtered by kind, with a count."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from crm.services.followups import KIND_LABELS
from ui import session as kinds
from ui.views.base import View
from ui.widgets.followups_list import FollowUpsList


class FollowUpsView(View):
    name = "followups"
    title = "Follow-ups"
    depends_on = frozenset({kinds.CONTACTS, kinds.REFERRALS, kinds.INTERACTIONS, kinds.SETTINGS})

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.heading = QLabel("Keep your network warm")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.count_label = QLabel()
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Show")
        self.kind_combo.addItem("All kinds", "")
        for kind, label in KIND_LABELS.items():
            self.kind_combo.addItem(label, kind)
        self.templates_button = QPushButton("Email templates…")
        self.templates_button.clicked.connect(self.edit_templates)
        # Parented by the layout below, after the row above it: Tab then follows the page
        # from the top (the filter, the templates, the list), not the list first.
        self.list = FollowUpsList(session)
        self.list.count_changed.connect(self._count)
        self.kind_combo.currentIndexChanged.connect(
            lambda _i: self.list.set_kind_filter(self.kind_combo.currentData())
        )
        hint = QLabel(
            "Thank the people who helped within two days, keep in touch with them on their "
            "cadence, and reach out before anyone you met goes quiet for a month."
        )
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addWidget(QLabel("Show:"))
        top.addWidget(self.kind_combo)
        top.addWidget(self.templates_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)

    @property
    def today(self) -> dt.date | None:
        return self.list.today

    @today.setter
    def today(self, value: dt.date | None) -> None:
        self.list.today = value

    def reload(self) -> None:
        self.list.reload()

    def _count(self, shown: int) -> None:
        total = len(self.list.all_items)
        overdue = sum(i.overdue(self.list.day()) for i in self.list.all_items)
        text = f"{total} due" if shown == total else f"{shown} of {total} due"
        if overdue:
            text += f", {overdue} overdue"
        self.count_label.setText(text)

    def edit_templates(self) -> None:
        from ui.dialogs.templates import TemplatesDialog

        self.dialog = TemplatesDialog(self.session, self)
        self.dialog.open()

"""Quick effort entry: hours by category for one day."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from crm.errors import VouchError
from crm.services.effort import CATEGORIES, log_day
from ui import session as kinds
from ui.session import Session

LABELS = {
    "networking": "Networking",
    "applying": "Applying",
    "visibility": "Being found (profile, posts)",
}


class EffortDialog(QDialog):
    """Log the hours of a day in one go; each category with hours becomes one entry."""

    def __init__(
        self, session: Session, parent: QWidget | None = None, today: dt.date | None = None
    ):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Log hours")
        self.setMinimumWidth(340)
        day = today or dt.date.today()
        self.date_edit = QDateEdit(QDate(day.year, day.month, day.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.hours: dict[str, QDoubleSpinBox] = {}
        form = QFormLayout(self)
        form.addRow("Day", self.date_edit)
        for cat in CATEGORIES:
            box = QDoubleSpinBox()
            box.setRange(0, 24)
            box.setDecimals(2)
            box.setSingleStep(0.5)
            box.setSuffix(" h")
            box.setAccessibleName(f"{cat} hours")
            self.hours[cat] = box
            form.addRow(LABELS[cat], box)
        self.note = QLineEdit()
        self.note.setPlaceholderText("What you did (optional)")
        form.addRow("Note", self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def accept(self) -> None:
        day = self.date_edit.date().toPython()
        hours = {cat: box.value() for cat, box in self.hours.items()}
        try:
            log_day(day, hours, self.note.text().strip())
        except VouchError as exc:
            QMessageBox.warning(self, "Hours not saved", exc.user_message())
            return
        self.session.notify(kinds.EFFORT)
        super().accept()

"""Goals editor: the method's weekly targets, the network target and the campaign start."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, fields

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm.errors import VouchError
from crm.services import settings
from ui import session as kinds
from ui.session import Session

# (label, low field, high field, maximum, suffix)
RANGES = (
    ("Meetings a week", "meetings_low", "meetings_high", 50, ""),
    ("New contacts a week", "new_contacts_low", "new_contacts_high", 200, ""),
    ("Names per meeting", "names_per_meeting_low", "names_per_meeting_high", 20, ""),
    ("Hours a week", "hours_low", "hours_high", 100, " h"),
    ("Job-hunting network", "network_low", "network_high", 1000, " people"),
)
SINGLES = (
    ("Reach the network target within", "network_days", 365, " days"),
    ("Networking share", "split_networking", 100, " %"),
    ("Applying share", "split_applying", 100, " %"),
    ("Being-found share", "split_visibility", 100, " %"),
    ("Thank-you within", "thank_you_days", 30, " days"),
    ("Keep warm every", "keep_warm_days", 365, " days"),
    ("Losing touch after", "losing_touch_days", 365, " days"),
)


def _to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class GoalsDialog(QDialog):
    """Edit settings.Goals (validated by Goals.validate) and the campaign start date."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Goals and campaign start")
        self.spins: dict[str, QSpinBox | QDoubleSpinBox] = {}
        types = {f.name: f.type for f in fields(settings.Goals)}

        def spin(name: str, maximum: float, suffix: str) -> QSpinBox | QDoubleSpinBox:
            box = QDoubleSpinBox() if "float" in str(types[name]) else QSpinBox()
            if isinstance(box, QDoubleSpinBox):
                box.setDecimals(1)
                box.setSingleStep(0.5)
            box.setRange(0, maximum)
            box.setSuffix(suffix)
            box.setAccessibleName(name.replace("_", " "))
            self.spins[name] = box
            return box

        weekly = QGroupBox("Targets (low to high)")
        form = QFormLayout(weekly)
        for label, lo, hi, maximum, suffix in RANGES:
            row = QHBoxLayout()
            row.addWidget(spin(lo, maximum, suffix))
            row.addWidget(QLabel("to"))
            row.addWidget(spin(hi, maximum, suffix))
            form.addRow(label, row)
        other = QGroupBox("Pace, split and keep-warm")
        form2 = QFormLayout(other)
        for label, name, maximum, suffix in SINGLES:
            form2.addRow(label, spin(name, maximum, suffix))
        self.start_edit = QDateEdit()
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd")
        self.start_edit.setAccessibleName("campaign start")
        form2.addRow("Campaign started on", self.start_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            lambda: self._show(settings.Goals())
        )
        hint = QLabel(
            "The defaults follow the method: 5-6 meetings and 10-15 new contacts a week, "
            "3-4 names from each meeting, 50-60 people within three weeks, 20-30 hours "
            "split 60/20/20."
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        columns = QHBoxLayout()
        columns.addWidget(weekly)
        columns.addWidget(other)
        layout.addLayout(columns)
        layout.addWidget(self.buttons)
        self._show(settings.goals())
        self.start_edit.setDate(_to_qdate(settings.campaign_start()))

    def _show(self, goals: settings.Goals) -> None:
        for name, value in asdict(goals).items():
            self.spins[name].setValue(value)

    def goals(self) -> settings.Goals:
        """The goals as entered (not yet validated)."""
        values = {}
        for f in fields(settings.Goals):
            value = self.spins[f.name].value()
            values[f.name] = value if "float" in str(f.type) else int(value)
        return settings.Goals(**values)

    def accept(self) -> None:
        try:
            settings.save_campaign(self.goals(), self.start_edit.date().toPython())
        except VouchError as exc:
            QMessageBox.warning(self, "Goals not saved", exc.user_message())
            return
        self.session.notify(kinds.SETTINGS)
        super().accept()

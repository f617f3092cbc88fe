"""Table model of the follow-ups due: kind, person, reason, since, due (overdue in red/bold)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from crm.services.followups import KIND_LABELS, FollowUp
from ui.models.rows import HeaderLabels
from ui.widgets.metric_card import status_colour

COL_KIND, COL_PERSON, COL_REASON, COL_SINCE, COL_DUE = range(5)
HEADERS = ("Kind", "Person", "Why", "Since", "Due")

SortRole = Qt.ItemDataRole.UserRole + 1  # native value
RowRole = Qt.ItemDataRole.UserRole + 2  # the FollowUp
KindRole = Qt.ItemDataRole.UserRole + 3  # "thank_you", "keep_warm", ...


def _when(day: dt.date, today: dt.date) -> str:
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    ago = f"{-delta} days ago" if delta < 0 else f"in {delta} days"
    return f"{day.day} {day:%b} ({ago})"


class FollowUpsModel(HeaderLabels, QAbstractTableModel):
    headers = HEADERS

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.items: list[FollowUp] = []
        self.today = dt.date.today()

    def set_items(self, items: list[FollowUp], today: dt.date) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.today = today
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def item(self, row: int) -> FollowUp:
        return self.items[row]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        item, col = self.items[index.row()], index.column()
        overdue = item.overdue(self.today)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_KIND:
                return KIND_LABELS[item.kind]
            if col == COL_PERSON:
                return f"{item.name} · {item.company}" if item.company else item.name
            if col == COL_REASON:
                return item.reason
            if col == COL_SINCE:
                return _when(item.since, self.today)
            if col == COL_DUE:
                if overdue:  # short: the Why column needs the room (the date is in the tooltip)
                    late = (self.today - item.due).days
                    return f"{late} day{'s' * (late != 1)} late"
                return _when(item.due, self.today)
        elif role == SortRole:
            return (item.kind, item.name.casefold(), item.reason, item.since, item.due)[col]
        elif role == RowRole:
            return item
        elif role == KindRole:
            return item.kind
        elif role == Qt.ItemDataRole.ToolTipRole:
            lines = [item.reason, f"Due {item.due:%a} {item.due.day} {item.due:%b}"]
            if item.introduced:
                lines.append("Introduced you to: " + ", ".join(item.introduced))
            if item.names:
                lines.append("Names given: " + ", ".join(item.names))
            if item.advice:
                lines.append("Advice: " + item.advice)
            return "\n".join(lines)
        elif role == Qt.ItemDataRole.FontRole and overdue and col in (COL_PERSON, COL_DUE):
            font = QFont()
            font.setBold(True)
            return font
        elif role == Qt.ItemDataRole.ForegroundRole and overdue and col == COL_DUE:
            return status_colour("off", QApplication.palette())
        elif role == Qt.ItemDataRole.AccessibleTextRole and col == COL_DUE:
            return ("overdue, " if overdue else "") + f"due {item.due.isoformat()}"
        return None

"""The Network view's target picker: companies (targets first), jobs and people in one list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt

from crm.services import network

_ROOT = QModelIndex()
KIND_PREFIX = {"company": "", "job": "Job: ", "contact": "Person: "}


class ChoicesModel(QAbstractListModel):
    """The target picker's entries; a plain list model so 30,000 people load at once."""

    ChoiceRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.items: list[network.Choice] = []

    def set_items(self, items: list[network.Choice]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        c = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            star = "★ " if c.is_target else ""
            return f"{star}{KIND_PREFIX[c.kind]}{c.label}"
        if role == self.ChoiceRole:
            return c
        return None

    def find(self, kind: str, cid: int) -> int:
        for row, c in enumerate(self.items):
            if c.kind == kind and c.id == cid:
                return row
        return -1

"""A table model over a list of frozen row records that each carry an `id`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

RowRole = Qt.ItemDataRole.UserRole + 2  # the record id of a row


def is_checked(value: object) -> bool:
    """A check state as setData receives it: the enum, its int value (from QML or a
    delegate) or a plain bool."""
    if value is True or value == Qt.CheckState.Checked:
        return True
    # 2, not 1 (partly checked): `1 in (..., True)` would be true, as 1 == True
    return type(value) is int and value == Qt.CheckState.Checked.value


class HeaderLabels:
    """Column titles from the class's `headers` tuple; mixed in before the Qt model class."""

    headers: tuple[str, ...] = ()
    # What a short title means in full, shown when the pointer rests on it
    header_tips: dict[int, str] = {}

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> str | None:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tips.get(section)
        return None


class RowsTableModel(HeaderLabels, QAbstractTableModel):
    """What the small tables share: rows, headers, and finding a row by record id."""

    row_role = RowRole

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[Any] = []
        self._index: dict[int, int] = {}  # record id -> row

    def set_rows(self, rows: list[Any]) -> None:
        """Replace every row; call between beginResetModel and endResetModel."""
        self._rows = rows
        self._index = {r.id: i for i, r in enumerate(rows)}

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers)

    def row(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, record_id: int) -> int | None:
        return self._index.get(record_id)

    def row_changed(self, row: int, roles: list[int]) -> None:
        """Every cell of a row shows anew (a record was written in place)."""
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1), roles)

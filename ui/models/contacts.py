"""Qt table model over crm.services.contact_table: holds row indexes, formats only what is seen.

No QSortFilterProxyModel: filtering and sorting happen in the ContactTable (plain Python over
tuples), and the model is reset with the new list of visible row indexes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from crm.services.contact_table import (
    COL_CLOSENESS,
    COL_DEGREE,
    COL_LAST_CONTACT,
    COL_NAME,
    COL_NEXT_FOLLOW_UP,
    F_ARCHIVED,
    F_EMAIL,
    F_ID,
    F_TARGET,
    F_VOUCHER,
    HEADERS,
    ContactTable,
)

SortRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2

_CENTER = (COL_CLOSENESS, COL_DEGREE, COL_LAST_CONTACT, COL_NEXT_FOLLOW_UP)
Index = QModelIndex | QPersistentModelIndex


class ContactsModel(QAbstractTableModel):
    """Visible contacts; `set_filter` and `sort` reset the model with new row indexes."""

    COL_NAME = COL_NAME
    headers = HEADERS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = ContactTable([], [])
        self.visible: list[int] = []
        self.text = ""
        self.quick: set[str] = set()
        self._bold = QFont()
        self._bold.setBold(True)

    # --- feeding -------------------------------------------------------------------------

    def set_table(self, table: ContactTable) -> None:
        """New data from the database; keeps the current sort and filter."""
        if (self.table.sort_column, self.table.descending) != (table.sort_column, table.descending):
            table.sort(self.table.sort_column, self.table.descending)
        self.beginResetModel()
        self.table = table
        self.visible = table.filter(self.text, self.quick)
        self.endResetModel()

    def set_filter(self, text: str, quick: set[str] | None = None) -> None:
        if quick is not None:
            self.quick = set(quick)
        self.text = text
        self.beginResetModel()
        self.visible = self.table.filter(text, self.quick)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self.table.sort_column, self.table.descending):
            return
        self.beginResetModel()
        self.table.sort(column, descending)
        self.visible = self.table.filter(self.text, self.quick)
        self.endResetModel()

    # --- lookups -------------------------------------------------------------------------

    def contact_id(self, row: int) -> int | None:
        if 0 <= row < len(self.visible):
            return self.table.contact_id(self.visible[row])
        return None

    def row_of(self, contact_id: int) -> int | None:
        """The visible row of a contact, or None when filtered out."""
        index = self.table.index_of(contact_id)
        if index is None:
            return None
        try:
            return self.visible.index(index)
        except ValueError:
            return None

    def visible_rows(self) -> tuple[list[str], list[list[str]]]:
        """Headers and display text of every visible row (for Export this view)."""
        rows = self.table.rows
        show = ContactTable.display
        return list(HEADERS), [
            [show(rows[i], c) for c in range(len(HEADERS))] for i in self.visible
        ]

    # --- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.table.rows[self.visible[index.row()]]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return ContactTable.display(row, col)
        if role == SortRole:
            return row[col]
        if role == RowRole:
            return row[F_ID]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in _CENTER:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.FontRole and col == COL_NAME and row[F_VOUCHER]:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and row[F_ARCHIVED]:
            return QColor("gray")
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row)
        return None


def _tooltip(row: tuple) -> str:
    lines = [row[COL_NAME]]
    if row[1]:
        lines.append(f"{row[2] + ' at ' if row[2] else ''}{row[1]}")
    if row[F_EMAIL]:
        lines.append(row[F_EMAIL])
    if row[F_VOUCHER]:
        lines.append("Can vouch for you")
    if row[F_TARGET]:
        lines.append("Works at a target company")
    if row[F_ARCHIVED]:
        lines.append("Archived")
    due = row[COL_NEXT_FOLLOW_UP]
    if due and due <= dt.date.today().isoformat():
        lines.append(f"Follow-up due since {due}")
    return "\n".join(lines)

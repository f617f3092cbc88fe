"""Qt table model over crm.services.contact_table: holds row indexes, formats only what is seen.

No QSortFilterProxyModel: filtering and sorting happen in the ContactTable (plain Python over
tuples), and the model is reset with the new list of visible row indexes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
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
from ui.models.rows import HeaderLabels

SortRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2

_CENTER = (COL_CLOSENESS, COL_DEGREE, COL_LAST_CONTACT, COL_NEXT_FOLLOW_UP)
Index = QModelIndex | QPersistentModelIndex


class ContactsModel(HeaderLabels, QAbstractTableModel):
    """Visible contacts; `set_filter` and `sort` reset the model with new row indexes."""

    COL_NAME = COL_NAME
    headers = HEADERS

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.table = ContactTable([], [])
        self.visible: list[int] = []
        self.text = ""
        self.quick: set[str] = set()
        self._bold = QFont()
        self._bold.setBold(True)
        R = Qt.ItemDataRole
        self._roles = {
            int(R.DisplayRole): self._display,
            int(SortRole): self._sort_value,
            int(RowRole): self._row_id,
            int(R.TextAlignmentRole): self._alignment,
            int(R.FontRole): self._font,
            int(R.ForegroundRole): self._foreground,
            int(R.ToolTipRole): self._tooltip,
        }

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

    def visible_rows(self) -> tuple[list[str], list[list]]:
        """Headers and cells of every visible row, as Export this view writes them."""
        rows = self.table.rows
        show = ContactTable.export_value
        return list(HEADERS), [
            [show(rows[i], c) for c in range(len(HEADERS))] for i in self.visible
        ]

    # --- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every painted cell and role: plain int roles, cheapest checks first.
        handler = self._roles.get(role)
        if handler is None or not index.isValid():
            return None
        return handler(self.table.rows[self.visible[index.row()]], index.column())

    def _display(self, row: tuple, col: int):
        return ContactTable.display(row, col)

    def _sort_value(self, row: tuple, col: int):
        return row[col]

    def _row_id(self, row: tuple, _col: int):
        return row[F_ID]

    def _alignment(self, _row: tuple, col: int):
        return _ALIGN_CENTER if col in _CENTER else None

    def _font(self, row: tuple, col: int):
        return self._bold if col == COL_NAME and row[F_VOUCHER] else None

    def _foreground(self, row: tuple, _col: int):
        return _GRAY if row[F_ARCHIVED] else None

    def _tooltip(self, row: tuple, _col: int) -> str:
        return _tooltip(row, self.table.follow_up_due(row))


_ALIGN_CENTER = Qt.AlignmentFlag.AlignCenter
_GRAY = QColor("gray")


def _tooltip(row: tuple, follow_up_due: bool) -> str:
    lines = [row[COL_NAME]]
    if row[1]:
        lines.append(f"{row[2] + ' at ' if row[2] else ''}{row[1]}")
    if row[F_EMAIL]:
        lines.append(row[F_EMAIL])
    if row[F_VOUCHER]:
        lines.append("Can vouch for you")
    if row[F_TARGET]:
        lines.append("Works at a network target")
    if row[F_ARCHIVED]:
        lines.append("Archived")
    if follow_up_due:
        lines.append(f"Follow-up due since {row[COL_NEXT_FOLLOW_UP]}")
    return "\n".join(lines)

"""The import batches as a table: when, which file, what it did, whether it was undone."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from crm.importers.history import BatchRow, import_history
from ui.models.rows import RowRole, RowsTableModel

COL_WHEN, COL_FILE, COL_FORMAT, COL_RESULT, COL_STATE = range(5)
FORMAT_LABELS = {
    "linkedin": "LinkedIn connections",
    "linkedin-archive": "LinkedIn archive",
    "google": "Google Contacts",
    "outlook": "Outlook",
    "generic": "Spreadsheet",
    "vouch": "Vouch workbook",
}


class ImportHistoryModel(RowsTableModel):
    headers = ("When", "File", "Kind", "What it did", "")

    def reload(self) -> None:
        self.beginResetModel()
        self.set_rows(import_history())
        self.endResetModel()

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r: BatchRow = self._rows[index.row()]
        col = index.column()
        if role == RowRole:
            return r.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_FILE:
            return r.path
        if role == Qt.ItemDataRole.ForegroundRole and r.undone:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    @staticmethod
    def _text(r: BatchRow, col: int) -> str:
        if col == COL_WHEN:
            return r.started_at.strftime("%Y-%m-%d %H:%M") if r.started_at else ""
        if col == COL_FILE:
            return r.file
        if col == COL_FORMAT:
            return FORMAT_LABELS.get(r.format, r.format or "—")
        if col == COL_RESULT:
            return r.summary
        return "undone" if r.undone else ""

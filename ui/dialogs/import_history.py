"""File > Import history: every import made into this database, and undoing one of them.

The summary after an import offers its undo at once; this is for the import noticed as wrong
a day later. Undoing removes the contacts the import created (keeping any you have since
met, linked or written about), puts back the fields it changed, and is itself one transaction.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm.errors import VouchError
from ui.dialogs.record_form import confirm
from ui.models import import_history as m
from ui.session import Session
from ui.views._table import setup_table
from ui.widgets.wording import count

if TYPE_CHECKING:
    from crm.importers.history import BatchRow

log = logging.getLogger(__name__)

FILE_WIDTH = 220  # pixels: a longer file name is elided (the tooltip holds the whole path)


class ImportHistoryDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Import history")
        self.resize(880, 380)
        self.model = m.ImportHistoryModel(self)
        self.table = QTableView()
        self.table.setObjectName("import_history")
        setup_table(self.table)
        self.table.setSortingEnabled(False)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(m.COL_RESULT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(m.COL_FILE, QHeaderView.ResizeMode.Interactive)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.undo_button = buttons.addButton(
            "Undo this import…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.undo_button.clicked.connect(self.undo_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self._reload()
        self.table.selectionModel().currentRowChanged.connect(self._update)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update()

    def _reload(self) -> None:
        """Reload the rows; a long file name must not push what the import did out of view."""
        self.model.reload()
        self.table.resizeColumnToContents(m.COL_FILE)
        if self.table.columnWidth(m.COL_FILE) > FILE_WIDTH:
            self.table.setColumnWidth(m.COL_FILE, FILE_WIDTH)

    def selected(self) -> BatchRow | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _update(self, *_args) -> None:
        row = self.selected()
        self.undo_button.setEnabled(row is not None and not row.undone)
        if not self.model.rowCount():
            self.status.setText(
                "No imports yet: File > Import… brings in your LinkedIn connections."
            )
        elif row is not None and row.undone:
            self.status.setText(f"The import of {row.file} was undone.")
        elif row is not None:
            self.status.setText(
                f"{row.file}: {count(row.rows, 'row')} read; {row.summary}. Undo removes the contacts it "
                "added (keeping those you have met, linked or written about since) and restores what "
                "it changed."
            )

    def undo_selected(self) -> None:
        row = self.selected()
        if row is None or row.undone:
            return
        if not confirm(
            self,
            "Undo import",
            f"Undo the import of {row.file} ({row.summary})?",
        ):
            return
        from crm.importers.api import undo_import

        try:
            batch = undo_import(row.id)
        except VouchError as exc:
            QMessageBox.warning(self, "Undo import", exc.user_message())
            return
        log.info("import batch %s undone from the history", row.id)
        self.session.notify()
        self._reload()
        self.table.selectRow(self.model.row_of(row.id) or 0)
        self._update()
        self.status.setText(batch.message)


def show_import_history(parent: QWidget | None, session: Session) -> None:
    ImportHistoryDialog(session, parent).exec()

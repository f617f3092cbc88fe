"""After an import: what was created, updated, left alone and skipped (row and reason),
near-duplicates offered for merging, and a way to undo the whole batch."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm.errors import VouchError
from crm.importers.records import ImportResult
from ui.session import Session

log = logging.getLogger(__name__)

EXTRA_LABELS = {
    "messages": "Message days logged",
    "recommended": "Recommenders marked as likely vouchers",
    "endorsed": "Endorsers marked as likely vouchers",
    "target_companies": "Followed companies made targets",
    "jobs": "Jobs added (saved and applied)",
}


class ImportSummary(QDialog):
    """The result of one import, in plain words."""

    def __init__(
        self,
        result: ImportResult,
        duplicates: list[tuple[int, int, str, str, str]],
        session: Session,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.result = result
        self.session = session
        self.setWindowTitle("Import finished")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        name = result.file.rsplit("/", 1)[-1]
        if result.batch is None:
            head = f"Nothing new in {name}: your contacts were already up to date."
        else:
            head = f"Imported {name}."
        self.headline = QLabel(f"<b>{head}</b>")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)

        grid = QGridLayout()
        self.count_labels: dict[str, QLabel] = {}
        counts = [
            ("created", "New contacts", result.created),
            ("updated", "Updated (moved, or details filled in)", result.updated),
            ("unchanged", "Already up to date", result.unchanged),
            ("skipped", "Skipped", len(result.skipped)),
        ]
        counts += [(k, EXTRA_LABELS.get(k, k), v) for k, v in result.extras.items()]
        for row, (key, label, value) in enumerate(counts):
            number = QLabel(f"{value:,}")
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            number.setObjectName(f"count_{key}")
            grid.addWidget(number, row, 0)
            grid.addWidget(QLabel(label), row, 1)
            self.count_labels[key] = number
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)

        self.skipped_table = QTableWidget(len(result.skipped), 2, self)
        self.skipped_table.setHorizontalHeaderLabels(["Row", "Why it was skipped"])
        for i, (number, reason) in enumerate(result.skipped[:1000]):
            self.skipped_table.setItem(i, 0, QTableWidgetItem(str(number)))
            self.skipped_table.setItem(i, 1, QTableWidgetItem(reason))
        self._tidy(self.skipped_table)
        if result.skipped:
            box = QGroupBox("Skipped rows")
            QVBoxLayout(box).addWidget(self.skipped_table)
            layout.addWidget(box)
        else:
            self.skipped_table.hide()

        self.merge_buttons: list[QPushButton] = []
        if duplicates:
            box = QGroupBox("Possible duplicates: the same person twice?")
            inner = QVBoxLayout(box)
            for keep_id, other_id, keep_name, other_name, reason in duplicates:
                line = QHBoxLayout()
                text = QLabel(f"{keep_name}  /  {other_name}  <i>({reason})</i>")
                text.setWordWrap(True)
                button = QPushButton("Merge")
                button.setToolTip(f"Keep {keep_name} and fold {other_name} into it")
                button.clicked.connect(
                    lambda _=False, k=keep_id, o=other_id, b=button: self._merge(k, o, b)
                )
                line.addWidget(text, 1)
                line.addWidget(button)
                inner.addLayout(line)
                self.merge_buttons.append(button)
            layout.addWidget(box)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.undo_button = buttons.addButton(
            "Undo this import", QDialogButtonBox.ButtonRole.ResetRole
        )
        self.undo_button.setEnabled(result.batch is not None)
        self.undo_button.clicked.connect(self._undo)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.accept)
        layout.addWidget(buttons)

    @staticmethod
    def _tidy(table: QTableWidget) -> None:
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setMaximumHeight(180)

    def _merge(self, keep_id: int, other_id: int, button: QPushButton) -> None:
        from crm.services.contacts import merge_contacts

        try:
            merge_contacts(keep_id, other_id)
        except VouchError as exc:
            QMessageBox.warning(self, "Merge", exc.user_message())
            return
        button.setText("Merged")
        button.setEnabled(False)
        self.session.notify()

    def _undo(self) -> None:
        from crm.importers.api import undo_import

        try:
            batch = undo_import(self.result.batch)
        except VouchError as exc:
            QMessageBox.warning(self, "Undo import", exc.user_message())
            return
        self.undo_button.setEnabled(False)
        for button in self.merge_buttons:
            button.setEnabled(False)
        self.headline.setText(f"<b>{batch.message}</b>")
        self.session.notify()

"""After an import: what was created, updated, left alone and skipped (row and reason),
near-duplicates offered for merging, and a way to undo the whole batch."""

from __future__ import annotations

import logging
from collections import Counter
from html import escape
from pathlib import PureWindowsPath

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm.errors import VouchError
from crm.importers.records import ImportResult
from ui.dialogs.record_form import confirm
from ui.session import Session
from ui.widgets.metric_card import status_colour
from ui.widgets.wording import count

log = logging.getLogger(__name__)

MAX_LISTED = 1000  # skipped rows listed one by one; the count above says how many in all
ROW_LIST_HEIGHT = 180  # pixels: the skipped-rows list scrolls beyond this
DUPLICATES_HEIGHT = 220  # pixels: the near-duplicate offers scroll beyond this

EXTRA_LABELS = {
    "messages": "Message days logged",
    "messages_not_with_connections": "Messages not logged: with people who are not your connections",
    "invitations": "Invitations logged",
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
        name = PureWindowsPath(result.file).name  # either kind of slash
        read = result.created + result.updated + result.unchanged
        if result.batch is None and result.skipped and not read:
            n = len(result.skipped)
            rows = "its only row was" if n == 1 else f"all {n:,} rows were"
            head = f"Nothing was imported from {name}: {rows} skipped (the reasons are below)."
        elif result.batch is None:
            head = f"Nothing new in {name}: your contacts were already up to date."
        else:
            head = f"Imported {name}."
        self.headline = QLabel(f"<b>{escape(head)}</b>")
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
        if result.warnings:
            self.warnings_label = QLabel("\n".join(f"⚠ {w}" for w in result.warnings))
            self.warnings_label.setObjectName("warnings")
            colour = status_colour("near", self.palette()).name()  # readable, light or dark
            self.warnings_label.setStyleSheet(f"color: {colour};")
            self.warnings_label.setTextFormat(Qt.TextFormat.PlainText)
            self.warnings_label.setWordWrap(True)
            layout.addWidget(self.warnings_label)

        listed = result.skipped[:MAX_LISTED]
        self.skipped_table = QTableWidget(len(listed), 2, self)
        self.skipped_table.setHorizontalHeaderLabels(["Row", "Why it was skipped"])
        for i, (number, reason) in enumerate(listed):
            self.skipped_table.setItem(i, 0, QTableWidgetItem(str(number)))
            item = QTableWidgetItem(reason)
            item.setToolTip(reason)
            self.skipped_table.setItem(i, 1, item)
        self._tidy(self.skipped_table)
        if result.skipped:
            box = QGroupBox("Skipped rows (row numbers as in the file)")
            inner = QVBoxLayout(box)
            common = Counter(reason for _n, reason in result.skipped).most_common(3)
            common = [(reason, n) for reason, n in common if n > 1]
            if common:
                tally = QLabel("\n".join(f"{count(n, 'row')}: {reason}" for reason, n in common))
                tally.setObjectName("skipped_tally")
                tally.setTextFormat(Qt.TextFormat.PlainText)
                tally.setWordWrap(True)
                inner.addWidget(tally)
            inner.addWidget(self.skipped_table)
            foot = QHBoxLayout()
            if len(result.skipped) > len(listed):
                more = QLabel(
                    f"The first {len(listed):,} of {len(result.skipped):,} skipped rows are listed."
                )
                more.setObjectName("skipped_more")
                foot.addWidget(more, 1)
            else:
                foot.addStretch(1)
            self.copy_button = QPushButton("Copy all skipped rows")
            self.copy_button.setAutoDefault(False)
            self.copy_button.setToolTip("Row numbers and reasons, to paste into a spreadsheet")
            self.copy_button.clicked.connect(self._copy_skipped)
            foot.addWidget(self.copy_button)
            inner.addLayout(foot)
            layout.addWidget(box)
        else:
            self.skipped_table.hide()

        self.merge_buttons: list[QPushButton] = []
        if duplicates:
            box = QGroupBox("Possible duplicates: the same person twice?")
            rows = QWidget()
            inner = QVBoxLayout(rows)
            for keep_id, other_id, keep_name, other_name, reason in duplicates:
                line = QHBoxLayout()
                text = QLabel(
                    f"{escape(keep_name)}  /  {escape(other_name)}  <i>({escape(reason)})</i>"
                )
                text.setWordWrap(True)
                button = QPushButton("Merge")
                button.setAutoDefault(False)  # Enter closes the summary; it never merges
                button.setToolTip(f"Keep {keep_name} and fold {other_name} into it")
                button.clicked.connect(
                    lambda _=False, k=keep_id, o=other_id, b=button: self._merge(k, o, b)
                )
                line.addWidget(text, 1)
                line.addWidget(button)
                inner.addLayout(line)
                self.merge_buttons.append(button)
            inner.addStretch(1)
            self.duplicates_area = QScrollArea(box)
            self.duplicates_area.setWidgetResizable(True)
            self.duplicates_area.setFrameShape(QScrollArea.Shape.NoFrame)
            self.duplicates_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.duplicates_area.setWidget(rows)
            self.duplicates_area.setMaximumHeight(DUPLICATES_HEIGHT)
            self.duplicates_area.setMinimumHeight(min(rows.sizeHint().height(), DUPLICATES_HEIGHT))
            QVBoxLayout(box).addWidget(self.duplicates_area)
            layout.addWidget(box)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.undo_button = buttons.addButton(
            "Undo this import", QDialogButtonBox.ButtonRole.ResetRole
        )
        self.undo_button.setAutoDefault(False)  # Enter must never undo the import
        self.undo_button.setEnabled(result.batch is not None)
        self.undo_button.clicked.connect(self._undo)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        layout.addWidget(buttons)
        self.close_button.setFocus()

    def note_late_cancel(self) -> None:
        """Cancel was pressed after the import had been saved (the bar at 100 %, the
        duplicate check running): say so, and how to take it back, rather than a headline
        that reads as if Cancel had never been pressed."""
        name = PureWindowsPath(self.result.file).name
        self.headline.setText(
            f"<b>{escape(f'Cancel came too late: {name} was already saved.')}</b><br>"
            f"{escape('Press Undo this import to take it back.')}"
        )

    @staticmethod
    def _tidy(table: QTableWidget) -> None:
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setWordWrap(False)  # one line a row; the tooltip holds a long reason
        rows = table.verticalHeader().defaultSectionSize() * min(table.rowCount(), 8)
        wanted = table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth()
        table.setMaximumHeight(min(max(wanted, 60), ROW_LIST_HEIGHT))

    def _copy_skipped(self) -> None:
        """Every skipped row (the list shows the first 1,000), tab-separated with a header."""
        lines = ["Row\tWhy it was skipped"]
        lines += [f"{number}\t{reason}" for number, reason in self.result.skipped]
        QApplication.clipboard().setText("\n".join(lines) + "\n")
        self.copy_button.setText(f"Copied {count(len(self.result.skipped), 'row')}")

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
        r = self.result
        if not confirm(
            self,
            "Undo import",
            f"Undo this import? It takes away the {count(r.created, 'contact')} it added (except "
            f"any you have since met, linked or written about) and gives the "
            f"{count(r.updated, 'contact')} it updated their old details back.",
        ):
            return
        from crm.importers.api import undo_import

        try:
            batch = undo_import(self.result.batch)
        except VouchError as exc:
            QMessageBox.warning(self, "Undo import", exc.user_message())
            return
        self.undo_button.setEnabled(False)
        for button in self.merge_buttons:
            button.setEnabled(False)
        self.headline.setText(f"<b>{escape(batch.message)}</b>")
        self.session.notify()

"""Import a LinkedIn export, a LinkedIn archive or any contacts sheet.

What Vouch detected (format, encoding, delimiter, a preview of the first rows) is shown
before anything is written; generic sheets get a column-mapping step; the import runs off
the GUI thread with a cancellable progress dialog; a summary follows.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
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

from crm.errors import Cancelled, InputError, VouchError
from crm.importers.api import Detection, detection_of, import_path, inspect, open_table
from crm.importers.formats import FIELD_LABELS, FIELDS
from ui.dialogs.column_mapping import ColumnMapping
from ui.dialogs.import_summary import ImportSummary
from ui.dialogs.record_form import confirm
from ui.session import Session
from ui.tasks import Task, run_task

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent, QShowEvent

log = logging.getLogger(__name__)

FORMAT_NAMES = {
    "linkedin": "LinkedIn connections",
    "linkedin-archive": "LinkedIn data archive",
    "google": "Google Contacts",
    "outlook": "Outlook contacts",
    "vouch": "Vouch report (Contacts sheet)",
    "generic": "Spreadsheet (your column mapping)",
}
DATE_FIELDS = ("connected_on", "next_follow_up")
MIN_COLUMN = 90  # pixels: narrower than this, a preview column says nothing
FILE_FILTER = (
    "Contacts files (*.csv *.tsv *.txt *.xlsx *.zip);;LinkedIn archive (*.zip);;All files (*)"
)


@contextmanager
def _busy() -> Iterator[None]:
    """The wait cursor while the file is read for its preview (a 30,000-row workbook takes
    about a second: the user sees the click was taken)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _inspect(path: Path, format: str = "auto") -> Detection:
    with _busy():
        return inspect(path, format=format)


def start_import(parent: QWidget, session: Session, path: Path | None = None) -> None:
    """Ask for a file when none is given, show what was detected, then import on confirm."""
    if not path:
        chosen, _ = QFileDialog.getOpenFileName(
            parent, "Import contacts", str(Path.home()), FILE_FILTER
        )
        if not chosen:
            return
        path = Path(chosen)
    path = Path(path)
    try:
        detection = _inspect(path)
    except InputError as exc:
        if "no recognisable header" not in exc.problem:
            QMessageBox.warning(parent, "Import", exc.user_message())
            return
        # Offer the mapping only when there are columns to map: a web page or random bytes
        # saved as .csv gets one warning, not a question and then the same words again.
        try:
            detection = _inspect(path, format="generic")
        except VouchError:
            QMessageBox.warning(parent, "Import", exc.user_message())
            return
        if not confirm(
            parent,
            "Import",
            f"{exc.user_message()}\n\nMap the columns yourself?",
        ):
            return
    except VouchError as exc:
        QMessageBox.warning(parent, "Import", exc.user_message())
        return
    wizard = ImportWizard(detection, session, parent)
    wizard.open()


def _import_and_check(path, fmt, mapping, *, progress, cancelled):
    """Worker side: the import, then near-duplicates among the people it touched."""
    from crm.importers.duplicates import batch_duplicates
    from crm.store.connection import release_thread_connection

    try:
        result = import_path(
            path, format=fmt, mapping=mapping, progress=progress, cancelled=cancelled
        )
        dupes = batch_duplicates(result.batch) if result.batch is not None else []
    finally:
        release_thread_connection()
    return result, dupes


def _checkpoint() -> None:
    """Worker side, once the summary is shown: the WAL checkpoint the import left for later
    (crm.store.connection.bulk_transaction)."""
    from crm.store.connection import checkpoint, release_thread_connection

    try:
        checkpoint()
    finally:
        release_thread_connection()


class ImportWizard(QDialog):
    """Detected format and preview, an optional mapping step, then the import itself."""

    def __init__(self, detection: Detection, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.detection = detection
        self.session = session
        self.task: Task | None = None
        self.summary: ImportSummary | None = None
        self.setWindowTitle("Import contacts")
        self.resize(820, 640)
        layout = QVBoxLayout(self)

        info = QFormLayout()
        name = Path(detection.file).name or detection.file
        self.file_label = QLabel(name)
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setToolTip(detection.file)
        self.format_label = QLabel(FORMAT_NAMES.get(detection.format, detection.format))
        self.format_label.setObjectName("format")
        self.encoding_label = QLabel(detection.encoding_label)
        self.delimiter_label = QLabel(detection.delimiter_label)
        self.notes_label = QLabel("; ".join(detection.notes))
        self.notes_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notes_label.setWordWrap(True)
        info.addRow("File:", self.file_label)
        info.addRow("Format:", self.format_label)
        info.addRow("Encoding:", self.encoding_label)
        info.addRow("Columns separated by:", self.delimiter_label)
        info.addRow("Header row:", QLabel(str(detection.header_row)))
        info.addRow("Found:", self.notes_label)
        layout.addLayout(info)

        self.mapping_widget = ColumnMapping(detection.header, detection.mapping, self)
        self.mapping_widget.changed.connect(self.refresh_preview)
        self.mapping_area = QScrollArea(self)
        self.mapping_area.setWidgetResizable(True)
        self.mapping_area.setWidget(self.mapping_widget)
        self.mapping_area.setMaximumHeight(260)
        self.mapping_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        generic = detection.format == "generic"
        self.mapping_area.setVisible(generic)
        self.mapping_toggle = QPushButton("Change the column mapping…", self)
        self.mapping_toggle.setAutoDefault(False)  # Enter imports; it never opens the mapping
        self.mapping_toggle.setVisible(not generic and detection.kind != "archive")
        self.mapping_toggle.clicked.connect(self._show_mapping)
        layout.addWidget(self.mapping_area)
        layout.addWidget(self.mapping_toggle)

        layout.addWidget(QLabel("<b>Preview</b> (first rows, as Vouch will read them; nothing "
                                "is saved until you press Import)"))  # fmt: skip
        self.preview = QTableWidget(self)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().hide()
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview.setWordWrap(False)
        self.preview.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keeps the URL's end
        layout.addWidget(self.preview, 1)
        self.columns_label = QLabel(self)
        self.columns_label.setObjectName("unmapped")
        self.columns_label.setTextFormat(Qt.TextFormat.PlainText)  # column names are data
        self.columns_label.setWordWrap(True)
        layout.addWidget(self.columns_label)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._custom_mapping = generic
        self._running = False
        self.refresh_preview()
        self.import_button.setFocus()

    # --- preview and mapping -------------------------------------------------------------

    def _show_mapping(self) -> None:
        self._custom_mapping = True
        self.mapping_area.setVisible(True)
        self.mapping_toggle.setVisible(False)

    def current_mapping(self) -> dict[str, str]:
        return self.mapping_widget.mapping() if self._custom_mapping else self.detection.mapping

    def refresh_preview(self) -> None:
        """The first rows through the current mapping: what each field will receive."""
        mapping = self.current_mapping()
        fields = [f for f in FIELDS if f in mapping]
        self.preview.clear()
        self.preview.setColumnCount(len(fields))
        self.preview.setHorizontalHeaderLabels([FIELD_LABELS[f] for f in fields])
        det = self.detection
        rows = self._mapped_preview(mapping) if self._custom_mapping else det.preview
        self.preview.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, field in enumerate(fields):
                self.preview.setItem(i, j, QTableWidgetItem(str(row.get(field, ""))))
        self._explain(mapping, rows)
        self.preview.resizeColumnsToContents()
        self.preview.horizontalHeader().setStretchLastSection(True)
        self._fit_columns()

    def _mapped_preview(self, mapping: dict[str, str]) -> list[dict[str, str]]:
        """The first rows through the user's mapping as the import will read them (dates
        parsed, day first or not, the first of several emails): crm reads the head of the
        file again with that mapping. Until a name column is chosen, the cells as written."""
        det = self.detection
        if self.mapping_widget.has_name():
            fmt = "generic" if det.format == "generic" else "auto"
            try:
                again = detection_of(
                    open_table(Path(det.file), format=fmt, mapping=mapping, head_only=True)
                )
            except (VouchError, OSError, ValueError) as exc:  # changed on disk since
                log.info("preview with the user's mapping failed: %s", exc)
            else:
                if again.header == det.header:
                    self.notes_label.setText("; ".join(again.notes))
                    return again.preview
        index = {c: i for i, c in enumerate(det.header)}
        return [
            {f: (r[index[c]] if index.get(c, len(r)) < len(r) else "") for f, c in mapping.items()}
            for r in det.raw_preview
        ]

    def _explain(self, mapping: dict[str, str], rows: list[dict[str, str]]) -> None:
        """Tooltips with the whole cell (and the date as written), and what is left out."""
        det = self.detection
        fields = [f for f in FIELDS if f in mapping]
        index = {c: i for i, c in enumerate(det.header)}
        for i in range(self.preview.rowCount()):
            raw = det.raw_preview[i] if i < len(det.raw_preview) else []
            for j, field in enumerate(fields):
                item = self.preview.item(i, j)
                tip = item.text()
                k = index.get(mapping[field], len(raw))
                if field in DATE_FIELDS and k < len(raw) and raw[k] and raw[k] != tip:
                    tip = f"{tip} (in the file: {raw[k]})"
                item.setToolTip(tip)
        self.import_button.setEnabled(bool(rows) or det.kind == "archive")
        if not rows and det.kind != "archive":
            self.columns_label.setText(
                f"Nothing to import: {Path(det.file).name} has a header row "
                f"(row {det.header_row}) but no rows of data below it."
            )
            self.columns_label.show()
            return
        if det.kind == "archive":
            self.columns_label.setText("")
            self.columns_label.hide()
            return
        used = set(mapping.values())
        left = [c or "(unnamed column)" for c in det.header if c not in used]
        if not mapping:
            text = "No column is imported yet: choose at least the one that holds the name."
        elif left:
            text = "Not imported (no matching field): " + ", ".join(left)
        else:
            text = ""
        self.columns_label.setText(text)
        self.columns_label.setVisible(bool(text))

    def _fit_columns(self) -> None:
        """Narrow the widest columns so that every field shows without scrolling sideways."""
        header = self.preview.horizontalHeader()
        count = self.preview.columnCount()
        if not count:
            return
        self.preview.resizeColumnsToContents()
        room = self.preview.viewport().width() if self.isVisible() else self.width() - 40
        widths = [header.sectionSize(c) for c in range(count)]
        if sum(widths) <= room:
            return
        cap = max(widths)
        while cap > MIN_COLUMN and sum(min(w, cap) for w in widths) > room:
            cap -= 10
        for c, w in enumerate(widths):
            header.resizeSection(c, min(w, max(cap, MIN_COLUMN)))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    # --- the import ----------------------------------------------------------------------

    def start(self) -> None:
        mapping = None
        fmt = "auto"
        if self._custom_mapping:
            if not self.mapping_widget.has_name():
                QMessageBox.warning(
                    self, "Import", "Choose the column that holds the name (first, last or full)."
                )
                return
            mapping = self.mapping_widget.mapping()
            fmt = "generic" if self.detection.format == "generic" else "auto"
        elif self.detection.format == "generic":
            fmt = "generic"
        self.import_button.setEnabled(False)
        self.mapping_widget.setEnabled(False)
        self._running = True
        self.task = Task(_import_and_check, Path(self.detection.file), fmt, mapping)
        run_task(
            self.task,
            parent=self,
            label=f"Importing {Path(self.detection.file).name}…",
            on_done=self._done,
            on_error=self._failed,
        )

    def reject(self) -> None:
        """Cancel, Escape or closing the window while importing cancels the import itself:
        closing only the window would let the import go on and save everything."""
        if self._running and self.task is not None:
            self.task.cancel()
            return
        super().reject()

    def _done(self, payload) -> None:
        self._running = False
        result, dupes = payload
        self.session.notify()
        self.accept()
        self.summary = ImportSummary(result, dupes, self.session, self.parentWidget())
        if self.task is not None and self.task.is_cancelled() and result.batch is not None:
            self.summary.note_late_cancel()  # pressed once the import had been saved
        self.summary.open()
        QThreadPool.globalInstance().start(_checkpoint)

    def _failed(self, exc: Exception) -> None:
        self._running = False
        self.import_button.setEnabled(True)
        self.mapping_widget.setEnabled(True)
        if isinstance(exc, Cancelled):
            QMessageBox.information(self, "Import", "Import cancelled: nothing was saved.")
        elif isinstance(exc, VouchError):
            QMessageBox.warning(self, "Import", exc.user_message())
        else:
            QMessageBox.warning(
                self,
                "Import",
                f"The import failed unexpectedly ({type(exc).__name__}); nothing was saved. "
                "Details are in the log file.",
            )

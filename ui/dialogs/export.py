"""File > Export report… and "Export this view": pick a file, write it off the GUI thread.

The crm exporters do the work in a ui.tasks.Task (progress and cancel after ~500 ms); when
they finish, a message names the file and offers to open its folder. Errors arrive as typed
crm errors and are shown in plain words.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from crm.errors import Cancelled, VouchError
from ui.tasks import Task, run_task

if TYPE_CHECKING:
    from ui.session import Session

log = logging.getLogger(__name__)

FOLDER_KEY = "export/folder"
FILTER = "Excel workbook (*.xlsx)"
_running: set[Task] = set()  # tasks in flight: Python must hold them while the pool runs them
_boxes: set[QMessageBox] = set()  # open messages without a parent, kept alive until closed


def default_folder() -> Path:
    saved = QSettings().value(FOLDER_KEY)
    if saved and Path(str(saved)).is_dir():
        return Path(str(saved))
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def _safe_name(text: str) -> str:
    return "".join("-" if c in '<>:"/\\|?*' else c for c in text).strip() or "Vouch"


def ask_path(parent: QWidget | None, caption: str, name: str) -> Path | None:
    """The save dialog; remembers the folder. None when the user cancels."""
    start = str(default_folder() / name)
    path, _ = QFileDialog.getSaveFileName(parent, caption, start, FILTER)
    if not path:
        return None
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    QSettings().setValue(FOLDER_KEY, str(path.parent))
    return path


def export_report(parent: QWidget | None, session: Session) -> None:
    """File > Export report…: the whole workbook (summary, contacts, chains, metrics…)."""
    from crm.exporters.report import default_name
    from crm.exporters.report import export_report as write_report

    path = ask_path(parent, "Export report", default_name())
    if path is None:
        return
    _start(parent, Task(_in_worker, write_report, path), "Writing the report…")


def export_view(parent: QWidget | None, title: str, headers: list[str], rows: list[list]) -> None:
    """Export this view: exactly the rows given (what the table's filter shows)."""
    if not rows:
        # a search or quick filter left on (Contacts keeps them) wrote a header-only file
        QMessageBox.information(
            parent,
            f"Export {title}",
            f"{title} shows no rows, so there is nothing to export. Clear the search or the "
            "filters to export what they hide.",
        )
        return
    name = f"{_safe_name(title)} {dt.date.today().isoformat()}.xlsx"
    path = ask_path(parent, f"Export {title}", name)
    if path is None:
        return
    _start(
        parent, Task(_in_worker, _write_view, path, title, list(headers), rows), f"Writing {title}…"
    )


def _in_worker(fn, *args, **kwargs):
    """Run `fn` on the pool thread, then close that thread's database connection.

    Peewee opens one connection per thread; left open, it would pin the old file after the
    window switches databases.
    """
    from crm.store.connection import close_database

    try:
        return fn(*args, **kwargs)
    finally:
        close_database()


def _write_view(path: Path, title: str, headers: list[str], rows: list[list], **task) -> Path:
    """In the worker: Qt dates to Python ones (30,000 rows take a moment), then write."""
    from crm.exporters.view import export_view as write_view

    values = [[native(v) for v in row] for row in rows]
    return write_view(path, title, headers, values, **task)


def native(value: object) -> object:
    """Qt date types the views may hand over become Python dates."""
    if isinstance(value, QDate):
        return value.toPython() if value.isValid() else None
    if isinstance(value, QDateTime):
        return value.toPython() if value.isValid() else None
    return value


def _start(parent: QWidget | None, task: Task, label: str) -> None:
    _running.add(task)

    def done(path: Path) -> None:
        _running.discard(task)
        show_done(parent, Path(path))

    def failed(exc: Exception) -> None:
        _running.discard(task)
        show_error(parent, exc)

    run_task(task, parent=parent, label=label, on_done=done, on_error=failed)


def show_done(parent: QWidget | None, path: Path) -> QMessageBox:
    """The path written, with an "Open folder" button; non-blocking."""
    box = QMessageBox(parent)
    box.setObjectName("exportDone")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Export finished")
    box.setText(f"Saved {path.name}")
    box.setInformativeText(str(path))
    folder_button = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Ok)

    def clicked(button) -> None:
        if button is folder_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    box.buttonClicked.connect(clicked)
    _show(box)
    return box


def show_error(parent: QWidget | None, exc: Exception) -> QMessageBox:
    """A plain message; a cancelled export says nothing was written."""
    box = QMessageBox(parent)
    box.setObjectName("exportError")
    box.setWindowTitle("Export")
    if isinstance(exc, Cancelled):
        box.setIcon(QMessageBox.Icon.Information)
        box.setText("Export cancelled: no file was written.")
    elif isinstance(exc, VouchError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText("The export could not be written.")
        box.setInformativeText(exc.user_message())
    else:
        log.error("export failed", exc_info=exc)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setText("The export failed unexpectedly; nothing was written.")
        box.setInformativeText(f"{type(exc).__name__}: {exc}. Details are in the log file.")
    _show(box)
    return box


def _show(box: QMessageBox) -> None:
    """Non-blocking: the window stays usable and tests need not patch exec()."""
    _boxes.add(box)
    box.finished.connect(lambda _result: _boxes.discard(box))
    box.open()

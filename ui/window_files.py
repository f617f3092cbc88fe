"""The File menu's commands for MainWindow: databases, recent files, backups, import, export.

A mixin so that main_window.py stays about the window itself. Other engineers' dialogs
(import wizard, export, company, job) are imported when first used; a missing one gives a
plain "not available yet" message instead of a crash.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from crm.errors import DatabaseError, VouchError
from crm.store import backup

log = logging.getLogger(__name__)

RECENT_KEY = "files/recent"
RECENT_MAX = 8
DB_FILTER = "Vouch database (*.db *.sqlite *.vouch);;All files (*)"


class FileCommands:
    """Mixed into MainWindow; uses self.session, self.settings and self.actions."""

    # --- other engineers' entry points ---------------------------------------------------

    def _entry(self, module: str, name: str, label: str) -> Callable[..., Any] | None:
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError) as exc:
            log.warning("%s.%s unavailable: %s", module, name, exc)
            QMessageBox.information(self, "Vouch", f"{label} is not available yet.")
            return None

    def import_file(self, path: str | None = None) -> None:
        fn = self._entry("ui.dialogs.import_wizard", "start_import", "Import")
        if fn:
            fn(self, self.session, path=path)

    def import_history(self) -> None:
        fn = self._entry("ui.dialogs.import_history", "show_import_history", "Import history")
        if fn:
            fn(self, self.session)

    def export_report(self) -> None:
        fn = self._entry("ui.dialogs.export", "export_report", "Export report")
        if fn:
            fn(self, self.session)

    def export_view(self) -> None:
        view = self.current_view()
        if view is None or not hasattr(view, "visible_rows"):
            QMessageBox.information(self, "Vouch", "This view has no table to export.")
            return
        fn = self._entry("ui.dialogs.export", "export_view", "Export this view")
        if fn:
            title, headers, rows = view.visible_rows()
            fn(self, title, headers, rows)

    # --- databases -----------------------------------------------------------------------

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New Vouch database", "", DB_FILTER)
        if path:
            if not Path(path).suffix:
                path += ".db"
            if Path(path).exists():
                QMessageBox.warning(
                    self, "Vouch", f"{path} already exists: use Open database to open it."
                )
                return
            self.switch_database(Path(path))

    def open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open Vouch database", "", DB_FILTER)
        if path:
            self.switch_database(Path(path))

    def switch_database(self, path: Path) -> bool:
        """Close the current database and open `path`; on failure the old one stays open."""
        from ui.instance import lock_database

        old = self.session.db_path
        if Path(path).resolve() == Path(old).resolve():
            return True
        try:
            lock_database(path)
            self.session.reopen(path)
        except DatabaseError as exc:
            self._reopen_quietly(old)
            return self._offer_backup(path, exc)
        except VouchError as exc:
            self._reopen_quietly(old)
            QMessageBox.warning(self, "Vouch cannot open the database", exc.user_message())
            return False
        self.remember_recent(path)
        self.statusBar().showMessage(f"Opened {path}", 5000)
        return True

    def _reopen_quietly(self, old: Path) -> None:
        from ui.instance import lock_database

        try:
            lock_database(old)
            self.session.reopen(old)
        except VouchError as exc:  # pragma: no cover - the old file vanished meanwhile
            log.error("could not reopen %s: %s", old, exc)

    def _offer_backup(self, path: Path, exc: DatabaseError) -> bool:
        backups = backup.list_backups(path)
        if not backups:
            QMessageBox.warning(self, "Vouch cannot open the database", exc.user_message())
            return False
        from ui.dialogs.record_form import confirm

        if not confirm(
            self,
            "Vouch cannot open the database",
            f"{exc.user_message()}\n\nThe latest backup is {backups[0].name}. "
            "Restore it and open it? (The damaged file is kept as a backup.)",
        ):
            return False
        try:
            backup.restore(path, backups[0])
        except VouchError as err:
            QMessageBox.warning(self, "Vouch", err.user_message())
            return False
        return self.switch_database(path)

    def recent_files(self) -> list[str]:
        value = self.settings.value(RECENT_KEY) or []
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value]

    def remember_recent(self, path: Path) -> None:
        path_s = str(Path(path).resolve())
        items = [p for p in self.recent_files() if p != path_s]
        self.settings.setValue(RECENT_KEY, [path_s, *items][:RECENT_MAX])

    def fill_recent_menu(self) -> None:
        menu = self.actions.recent_menu
        menu.clear()
        files = [p for p in self.recent_files() if Path(p).exists()]
        if not files:
            menu.addAction("No recent databases").setEnabled(False)
        for p in files:
            action = menu.addAction(p)
            action.triggered.connect(lambda _=False, p=p: self.switch_database(Path(p)))

    # --- backups -------------------------------------------------------------------------

    def backup_in_background(self) -> None:
        """The backup of each start, made once the window is up: it copies the whole file
        (80 ms at 30,000 contacts) and the first paint need not wait for it."""
        from PySide6.QtCore import QThreadPool

        from ui.tasks import Task

        task = Task(_start_backup, self.session.db_path)
        task.signals.failed.connect(self._start_backup_failed)
        self._backup_task = task  # the pool does not own it (Task is not auto-deleted)
        QThreadPool.globalInstance().start(task)

    def _start_backup_failed(self, exc: Exception) -> None:
        reason = exc.user_message() if isinstance(exc, VouchError) else str(exc)
        self.statusBar().showMessage(f"No backup was made at start: {reason}", 15000)

    def backup_now(self) -> None:
        try:
            target = backup.make_backup(self.session.db_path, label="manual")
        except VouchError as exc:
            QMessageBox.warning(self, "Vouch", exc.user_message())
            return
        if target:
            self.statusBar().showMessage(f"Backup written: {target.name}", 8000)

    def restore_backup(self) -> None:
        from crm.store.connection import close_database
        from ui.dialogs.record_form import confirm

        chosen = choose_backup(self, self.session.db_path)
        if chosen is None:
            return
        if not confirm(
            self,
            "Restore from backup",
            f"Replace the current database with the backup {chosen.name}?\n\n"
            "The current state is itself backed up first, so this can be reversed.",
        ):
            return
        path = self.session.db_path
        try:
            close_database()
            backup.restore(path, chosen)
            self.session.reopen(path)
        except VouchError as exc:
            QMessageBox.warning(self, "Vouch", exc.user_message())
            self._reopen_quietly(path)
            return
        self.statusBar().showMessage(f"Restored {chosen.name}", 8000)

    # --- demo ----------------------------------------------------------------------------

    def load_demo(self) -> None:
        from crm.demo import load_demo
        from ui.tasks import Task, run_task

        def work(
            progress: Callable[[int, int], None], cancelled: Callable[[], bool]
        ) -> dict[str, int]:
            return load_demo()

        self.welcome.setEnabled(False)

        def done(_result: object) -> None:
            self.welcome.setEnabled(True)
            self.session.notify()
            self.show_view("today")

        def failed(exc: Exception) -> None:
            self.welcome.setEnabled(True)
            text = exc.user_message() if isinstance(exc, VouchError) else str(exc)
            QMessageBox.warning(self, "Vouch", f"The demo network could not be built: {text}")

        self._demo_task = run_task(
            Task(work),
            parent=self,
            label="Building the demo network…",
            on_done=done,
            on_error=failed,
        )


def choose_backup(parent: QWidget | None, db_path: Path) -> Path | None:
    """A small dialog listing the backups, newest first; returns the chosen file."""
    backups = backup.list_backups(db_path)
    if not backups:
        QMessageBox.information(parent, "Vouch", "There are no backups of this database yet.")
        return None
    dialog = QDialog(parent)
    dialog.setWindowTitle("Restore from backup")
    listing = QListWidget()
    listing.setObjectName("backups")
    for path in backups:
        item = QListWidgetItem(_describe(path))
        item.setData(256, str(path))
        listing.addItem(item)
    listing.setCurrentRow(0)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    listing.itemDoubleClicked.connect(lambda _i: dialog.accept())
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("Choose the copy to go back to (newest first):"))
    layout.addWidget(listing)
    layout.addWidget(buttons)
    dialog.resize(420, 320)
    if dialog.exec() != QDialog.DialogCode.Accepted or listing.currentItem() is None:
        return None
    return Path(listing.currentItem().data(256))


def _describe(path: Path) -> str:
    """'2026-11-25 17:45:03 (before restore)' from 'vouch-20261125-174503-123456-before-restore'."""
    parts = path.stem.split("-")
    for i in range(len(parts) - 1):
        day, time = parts[i], parts[i + 1]
        if len(day) == 8 and day.isdigit() and len(time) == 6 and time.isdigit():
            label = " ".join(p for p in parts[i + 3 :] if p)
            when = f"{day[:4]}-{day[4:6]}-{day[6:]} {time[:2]}:{time[2:4]}:{time[4:]}"
            return f"{when} ({label})" if label else when
    return path.name


def _start_backup(
    path: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Path | None:
    """Worker side of backup_in_background (its own SQLite connections)."""
    return backup.make_backup(path)

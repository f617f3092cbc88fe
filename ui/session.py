"""The open database as the window sees it: its path, an undo stack, and a change signal.

Views get the session injected; after a write they call `notify(...)` with the kinds of
data that changed, and every view refreshes what it shows (lazily, when next visible).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

# Kinds of data a change can touch.
CONTACTS = "contacts"
COMPANIES = "companies"
REFERRALS = "referrals"
INTERACTIONS = "interactions"
JOBS = "jobs"
EFFORT = "effort"
SETTINGS = "settings"
ALL = frozenset({CONTACTS, COMPANIES, REFERRALS, INTERACTIONS, JOBS, EFFORT, SETTINGS})


class Session(QObject):
    changed = Signal(object)  # frozenset of kinds
    contact_selected = Signal(int)  # ask the window to show this contact
    database_replaced = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.undo_stack = QUndoStack(self)

    def notify(self, *kinds: str) -> None:
        self.changed.emit(frozenset(kinds) if kinds else ALL)

    def reopen(self, db_path: Path) -> None:
        from crm.store.connection import open_database

        open_database(db_path)
        self.db_path = Path(db_path)
        self.undo_stack.clear()
        self.database_replaced.emit()
        self.notify()

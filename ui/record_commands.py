"""Undoable job and company changes: each command holds the row before and after.

Like the contact commands, a command is pushed once the change is already saved, so its
first redo() does nothing; undo() puts the "before" snapshot back (deleting the row when
there was none), redo() the "after" one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox

from crm.errors import VouchError
from crm.services import record_history as history
from ui import session as kinds
from ui.session import Session

log = logging.getLogger(__name__)

Snapshot = history.Snapshot | None


class SnapshotCommand(QUndoCommand):
    def __init__(
        self,
        session: Session,
        text: str,
        apply: Callable[[Snapshot], None],
        before: Snapshot,
        after: Snapshot,
        changed: tuple[str, ...],
    ):
        super().__init__(text)
        self.session = session
        self.apply, self.before, self.after, self.changed = apply, before, after, changed
        self._fresh = True

    def redo(self) -> None:
        if self._fresh:
            self._fresh = False
            return
        self._run(self.after)

    def undo(self) -> None:
        self._run(self.before)

    def _run(self, snapshot: Snapshot) -> None:
        try:
            self.apply(snapshot)
        except VouchError as exc:
            log.warning("%s: undo/redo failed: %s", self.text(), exc)
            QMessageBox.warning(
                None, "Vouch", f"“{self.text()}” cannot be undone now: {exc.user_message()}"
            )
            self.setObsolete(True)
        self.session.notify(*self.changed)


def _job_applier(job_id: int) -> Callable[[Snapshot], None]:
    def apply(snapshot: Snapshot) -> None:
        if snapshot is None:
            history.remove_job(job_id)
        else:
            history.restore_job(snapshot)

    return apply


def push_job_change(session: Session, text: str, job_id: int, before: Snapshot) -> None:
    """Record a job change already saved: `before` is None for a new job."""
    try:
        after = history.job_snapshot(job_id)
    except VouchError:
        after = None  # deleted
    command = SnapshotCommand(
        session, text, _job_applier(job_id), before, after, (kinds.JOBS, kinds.COMPANIES)
    )
    session.undo_stack.push(command)


def push_company_change(session: Session, text: str, company_id: int, before: Snapshot) -> None:
    after = history.company_snapshot(company_id)
    command = SnapshotCommand(
        session,
        text,
        history.restore_company,
        before,
        after,
        (kinds.COMPANIES, kinds.CONTACTS),
    )
    session.undo_stack.push(command)

"""Undoable job and company changes: each command holds the row before and after.

Like the contact commands (ui/undo.py's AppliedCommand), a command is pushed once the change
is already saved, so its first redo() does nothing; undo() puts the "before" snapshot back
(deleting the row when there was none), redo() the "after" one.
"""

from __future__ import annotations

from collections.abc import Callable

from crm.errors import VouchError
from crm.services import record_history as history
from ui import session as kinds
from ui.session import Session
from ui.undo import AppliedCommand

Snapshot = history.Snapshot | None


class SnapshotCommand(AppliedCommand):
    def __init__(
        self,
        session: Session,
        text: str,
        apply: Callable[[Snapshot], None],
        before: Snapshot,
        after: Snapshot,
        changed: tuple[str, ...],
    ) -> None:
        super().__init__(session, text)
        self.apply, self.before, self.after, self.changed = apply, before, after, changed

    def _do(self) -> None:
        self.apply(self.after)

    def _undo(self) -> None:
        self.apply(self.before)


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
    """Record a company change already saved (its own fields; `before` from the snapshot)."""
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

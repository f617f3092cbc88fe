"""Undo steps for changes already saved: the base class, and the contact commands.

A dialog or view saves a change (and reports any refusal) before it pushes the command, and
QUndoStack.push() calls redo() at once: so the first redo() of an AppliedCommand does
nothing, and only later redo()/undo() call the services again. The job, company and
introduction commands (ui/record_commands.py, ui/dialogs/introduction.py) share it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox

from crm.errors import VouchError
from crm.services import contacts, interactions
from ui import session as kinds
from ui.session import Session

log = logging.getLogger(__name__)

_CONTACT_KINDS = (kinds.CONTACTS, kinds.REFERRALS, kinds.INTERACTIONS, kinds.JOBS)


class AppliedCommand(QUndoCommand):
    """A change already applied when pushed. Subclasses give _do (redo), _undo, the data
    kinds to refresh after either, and the message when the store refuses: the step is then
    made obsolete, so the stack drops it instead of offering it again."""

    changed: tuple[str, ...] = ()

    def __init__(self, session: Session, text: str) -> None:
        super().__init__(text)
        self.session = session
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._run(self._do, "redone")

    def undo(self) -> None:
        self._run(self._undo, "undone")

    def _run(self, step: Callable[[], None], verb: str) -> None:
        try:
            step()
        except VouchError as exc:
            log.warning("%s: could not be %s: %s", self.text(), verb, exc)
            QMessageBox.warning(None, "Vouch", self._refused(exc, verb))
            self.setObsolete(True)
        self.session.notify(*self.changed)

    def _refused(self, exc: VouchError, verb: str) -> str:
        """What the user reads: which step, undone or redone, and why not, in plain words."""
        return f"“{self.text()}” cannot be {verb} now: {exc.user_message()}"

    def _do(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class _ContactCommand(AppliedCommand):
    changed = _CONTACT_KINDS


class EditContactCommand(_ContactCommand):
    """Stores the old and new values of the fields that changed."""

    def __init__(
        self, session: Session, contact_id: int, old: dict[str, Any], new: dict[str, Any], name: str
    ) -> None:
        super().__init__(session, f"Edit {name}")
        self.contact_id, self.old, self.new = contact_id, old, new

    def _do(self) -> None:
        contacts.update_contact(self.contact_id, **self.new)

    def _undo(self) -> None:
        contacts.update_contact(self.contact_id, **self.old)


class CreateContactCommand(_ContactCommand):
    def __init__(self, session: Session, contact_id: int, name: str) -> None:
        super().__init__(session, f"Add {name}")
        self.contact_id = contact_id
        self.snapshot: dict[str, Any] | None = None

    def _do(self) -> None:
        if self.snapshot is not None:
            contacts.restore_contact(self.snapshot)

    def _undo(self) -> None:
        self.snapshot = contacts.delete_contact(self.contact_id)


class DeleteContactCommand(_ContactCommand):
    """Deletes now (with a snapshot of interactions and referral edges); undo restores it."""

    def __init__(self, session: Session, contact_id: int, name: str) -> None:
        super().__init__(session, f"Delete {name}")
        self.contact_id = contact_id
        self.snapshot = contacts.delete_contact(contact_id)

    def _do(self) -> None:
        self.snapshot = contacts.delete_contact(self.contact_id)

    def _undo(self) -> None:
        contacts.restore_contact(self.snapshot)


class ArchiveContactCommand(_ContactCommand):
    def __init__(self, session: Session, contact_id: int, name: str, archived: bool = True) -> None:
        super().__init__(session, f"{'Archive' if archived else 'Unarchive'} {name}")
        self.contact_id, self.archived = contact_id, archived
        contacts.archive_contact(contact_id, archived)

    def _do(self) -> None:
        contacts.archive_contact(self.contact_id, self.archived)

    def _undo(self) -> None:
        contacts.archive_contact(self.contact_id, not self.archived)


class MarkSentCommand(_ContactCommand):
    """A follow-up's email marked as sent; undo takes the logged email back."""

    def __init__(
        self, session: Session, contact_id: int, kind: str, on: dt.date, note: str, name: str
    ) -> None:
        super().__init__(session, f"Mark as sent: {name}")
        self.args = (contact_id, kind, on, note)
        self.logged = interactions.log_email(*self.args)

    def _do(self) -> None:
        self.logged = interactions.log_email(*self.args)

    def _undo(self) -> None:
        interactions.take_back(self.logged)


def delete_contact(session: Session, contact_id: int) -> None:
    """Delete a contact as one undoable step; the views refresh."""
    name = contacts.get_contact(contact_id).full_name
    session.undo_stack.push(DeleteContactCommand(session, contact_id, name))
    session.notify(*_CONTACT_KINDS)


def archive_contact(session: Session, contact_id: int, archived: bool = True) -> None:
    """Archive (or bring back) a contact as one undoable step; the views refresh."""
    name = contacts.get_contact(contact_id).full_name
    session.undo_stack.push(ArchiveContactCommand(session, contact_id, name, archived))
    session.notify(*_CONTACT_KINDS)

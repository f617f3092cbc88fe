"""Typed errors: raised in crm/, caught at the UI and CLI edges and shown in plain words."""

from __future__ import annotations


class VouchError(Exception):
    """Base class for every error the user should see as a plain message."""

    def user_message(self) -> str:
        return str(self)


class InputError(VouchError):
    """Bad input from a file or from the user: names the file, the row and the problem."""

    def __init__(self, problem: str, *, file: str | None = None, row: int | None = None):
        self.problem = problem
        self.file = file
        self.row = row
        super().__init__(self.user_message())

    def user_message(self) -> str:
        where = []
        if self.file:
            where.append(str(self.file))
        if self.row is not None:
            where.append(f"row {self.row}")
        return f"{', '.join(where)}: {self.problem}" if where else self.problem


class ValidationError(VouchError):
    """A value the user typed is not acceptable (empty name, bad email...)."""

    def __init__(self, field: str, problem: str):
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class NotFoundError(VouchError):
    """A contact, company, job or backup that the caller named does not exist."""


class TransitionError(VouchError):
    """An illegal status change (a referral jumping from potential to met, say)."""


class DatabaseError(VouchError):
    """The database file is missing, corrupt, not SQLite, too new, or busy."""

    def __init__(self, problem: str, *, path: str | None = None):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)


class DatabaseBusyError(DatabaseError):
    """Another process holds the write lock for longer than the busy timeout."""


class Cancelled(VouchError):
    """The user cancelled a long job; nothing was written."""

    def __init__(self, what: str = "Cancelled"):
        super().__init__(what)

"""One database, one writer: a lock file next to the database while a window has it open.

A second Vouch window on the same file would make two writers whose edits interleave
(and whose undo stacks lie). The second one is refused with a plain message instead.
QLockFile writes the owner's process id, name and host into `<database>.lock`; a lock left
behind by a crash (the process is gone) is recognised as stale and taken over.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLockFile

from crm.errors import VouchError

log = logging.getLogger(__name__)


class DatabaseInUseError(VouchError):
    """Another Vouch window (or process) already has this database open for writing."""

    def __init__(self, path: Path, pid: int | None = None, host: str | None = None):
        self.path = Path(path)
        self.pid = pid
        self.host = host
        who = ""
        if pid:
            who = f" (process {pid}" + (f" on {host}" if host else "") + ")"
        super().__init__(
            f"The database {self.path} is already open in another Vouch window{who}. "
            "Switch to that window, or close it and start Vouch again. Two windows writing "
            "to one database could overwrite each other's changes."
        )


def lock_path_for(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


class DatabaseLock:
    """Holds the lock for one database path; `release()` (or process exit) frees it."""

    def __init__(self, db_path: Path, timeout_ms: int = 200):
        # Resolved, so that two spellings of one file (a symlink, "./x.db") share one lock.
        self.db_path = Path(db_path).expanduser().resolve()
        self.path = lock_path_for(self.db_path)
        self.timeout_ms = timeout_ms
        self._lock = QLockFile(str(self.path))
        # The lock is held for as long as the window is open: never treat it as stale by age,
        # only when its owner process is gone.
        self._lock.setStaleLockTime(0)

    def acquire(self) -> DatabaseLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self._lock.tryLock(self.timeout_ms):
            log.info("database lock taken: %s", self.path)
            return self
        error = self._lock.error()
        if error == QLockFile.LockError.LockFailedError:
            pid, host = _lock_owner(self._lock)
            raise DatabaseInUseError(self.db_path, pid, host)
        if error == QLockFile.LockError.PermissionError:
            raise VouchError(
                f"Vouch cannot create the lock file {self.path}: the folder is not writable. "
                "Move the database to a folder you can write to."
            )
        raise VouchError(f"Vouch cannot lock the database {self.db_path} (lock error {error}).")

    def is_locked(self) -> bool:
        return self._lock.isLocked()

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()
            log.info("database lock released: %s", self.path)


def _lock_owner(lock: QLockFile) -> tuple[int | None, str | None]:
    """Who holds the lock; PySide6 returns (pid, host, app), older bindings (ok, pid, ...)."""
    info = lock.getLockInfo()
    if len(info) == 4:
        ok, pid, host, _app = info
        return (pid, host) if ok else (None, None)
    pid, host, _app = info
    return (pid or None, host or None)


_held: DatabaseLock | None = None


def lock_database(db_path: Path) -> DatabaseLock:
    """Take the lock for the window's database, releasing the previous one on success."""
    global _held
    if (
        _held is not None
        and _held.db_path == Path(db_path).expanduser().resolve()
        and _held.is_locked()
    ):
        return _held
    new = DatabaseLock(db_path).acquire()
    if _held is not None:
        _held.release()
    _held = new
    return new


def release_database() -> None:
    global _held
    if _held is not None:
        _held.release()
        _held = None

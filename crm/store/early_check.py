"""The read-only check of the database file, started on a thread before the window's imports.

`open_database` runs `PRAGMA quick_check` before anything writes to the file: ~25 ms at
30,000 contacts, more at 100,000. SQLite runs it without the GIL, so started here at the top
of `ui.app.main` it overlaps the ~200 ms of Qt and peewee imports instead of adding to them.
The check itself is the same: only a clean verdict on the file as it still is when opened
is handed over (`take`); anything else (an error, a changed file) and `open_database` checks
again itself, raising its usual error. This module must stay light (sqlite3 only): it is
imported before the rest of the app.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

# (PRAGMA user_version, number of tables) of a file that passed quick_check
Facts = tuple[int, int]
# (inode, size, mtime) of the database and of its WAL: the file the check was made on
Signature = tuple[tuple[int, int, int] | None, ...]

_pending: dict[str, tuple[threading.Thread, list[tuple[Signature, Facts]]]] = {}


def read_facts(con: sqlite3.Connection) -> tuple[str, Facts | None]:
    """quick_check's verdict, and the schema version and table count when it is "ok": the
    check open_database makes, here or on a thread at start-up."""
    verdict = con.execute("PRAGMA quick_check").fetchone()[0]
    if verdict != "ok":
        return verdict, None
    version = con.execute("PRAGMA user_version").fetchone()[0]
    tables = con.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
    return verdict, (version, tables.fetchone()[0])


def _clean_facts(path: Path) -> Facts | None:
    """The facts of a file that passes the check (read-only), else None."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return read_facts(con)[1]
    finally:
        con.close()


def _signature(path: Path) -> Signature:
    """What a write changes: the file's identity, size and time, and its WAL's when it has
    frames (the check's own read-only connection may leave an empty WAL behind)."""
    out: list[tuple[int, int, int] | None] = []
    for p in (str(path), f"{path}-wal"):
        try:
            st = os.stat(p)
        except OSError:
            out.append(None)
        else:
            out.append((st.st_ino, st.st_size, st.st_mtime_ns) if st.st_size else None)
    return tuple(out)


def start(path: Path) -> None:
    """Check an existing database file on a thread now; `take(path)` collects the verdict."""
    path = Path(path)
    try:
        if path.stat().st_size == 0 or str(path) in _pending:
            return  # a new or empty file: open_database creates the schema, nothing to check
    except OSError:
        return
    result: list[tuple[Signature, Facts]] = []

    def run() -> None:
        sig = _signature(path)
        try:
            facts = _clean_facts(path)
        except Exception:  # noqa: BLE001 - open_database checks again and reports it
            return
        if facts is not None:
            result.append((sig, facts))

    thread = threading.Thread(target=run, name="vouch-early-check", daemon=True)
    _pending[str(path)] = (thread, result)
    thread.start()


def take(path: Path) -> Facts | None:
    """The clean verdict of an early check of this file, if it is still the file checked."""
    pending = _pending.pop(str(Path(path)), None)
    if pending is None:
        return None
    thread, result = pending
    thread.join()
    if not result:
        return None
    sig, facts = result[0]
    return facts if sig == _signature(Path(path)) else None

"""Open, check, create and migrate the database file."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee as pw

from crm.errors import DatabaseBusyError, DatabaseError
from crm.store import early_check, migrations
from crm.store.backup import make_backup
from crm.store.models import ALL_MODELS, EXTRA_INDEXES, db

log = logging.getLogger(__name__)

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": int(os.environ.get("VOUCH_BUSY_TIMEOUT_MS", "5000")),
    "cache_size": -32_000,  # 32 MB
    "synchronous": "normal",
}

SQLITE_MAGIC = b"SQLite format 3\x00"


def check_file(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite gets a chance to misread it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise DatabaseError(f"cannot be read ({exc.strerror})", path=str(path)) from exc
    if head != SQLITE_MAGIC:
        raise DatabaseError("is not a Vouch database (not an SQLite file)", path=str(path))


def open_database(
    path: str | Path, *, backup: bool = True, create: bool = True
) -> pw.SqliteDatabase:
    """Bind the models to the file at `path`: create it, or back it up and migrate it.

    `backup=True` makes the rotating start-up backup (the GUI and the CLI do this once per start).
    """
    path = Path(path)
    if str(path) != ":memory:":
        check_file(path)
        if not path.exists() and not create:
            raise DatabaseError("does not exist", path=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
    existed = str(path) != ":memory:" and path.exists() and path.stat().st_size > 0
    if existed:
        _inspect_readonly(path)
    database = pw.SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)
    close_database()
    db.initialize(database)
    try:
        database.connect(reuse_if_open=True)
        if existed:
            version = migrations.get_version(database)
            if version == 0:
                _create_schema(database)  # an empty SQLite file: _inspect_readonly checked it
            elif migrations.needs_migration(database):
                make_backup(path, label=f"before-migration-v{version}")
                migrations.migrate(database)
            elif backup:
                make_backup(path)
        else:
            _create_schema(database)
    except sqlite3.OperationalError as exc:
        database.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseBusyError(
                "is busy: another program is writing to it", path=str(path)
            ) from exc
        raise DatabaseError(f"cannot be opened ({exc})", path=str(path)) from exc
    except (pw.DatabaseError, sqlite3.DatabaseError) as exc:
        database.close()
        raise DatabaseError(f"is damaged or not a Vouch database ({exc})", path=str(path)) from exc
    except DatabaseError:
        database.close()
        raise
    return database


def _inspect_readonly(path: Path) -> None:
    """Refuse a damaged, foreign or too-new file before any pragma can write to it."""
    # The same check, when made on a thread at start-up (ui.app) on the file as it still is.
    version, tables = early_check.take(path) or _quick_check(path)
    if version == 0 and tables:
        raise DatabaseError("is an SQLite file but not a Vouch database", path=str(path))
    if version > migrations.SCHEMA_VERSION:
        raise DatabaseError(
            f"was written by a newer Vouch (schema {version}, this one knows "
            f"{migrations.SCHEMA_VERSION})",
            path=str(path),
        )


def _quick_check(path: Path) -> tuple[int, int]:
    """quick_check (raising if the file is damaged or busy), then user_version and tables."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot be opened ({exc})", path=str(path)) from exc
    try:
        verdict, facts = early_check.read_facts(con)
        if facts is None:
            raise DatabaseError(f"is damaged ({verdict})", path=str(path))
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseBusyError(
                "is busy: another program is writing to it", path=str(path)
            ) from exc
        raise DatabaseError(f"is damaged or not a Vouch database ({exc})", path=str(path)) from exc
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"is damaged or not a Vouch database ({exc})", path=str(path)) from exc
    finally:
        con.close()
    return facts


def _create_schema(database: pw.SqliteDatabase) -> None:
    with database.atomic():
        database.create_tables(ALL_MODELS)
        for sql in EXTRA_INDEXES:
            database.execute_sql(sql)
        migrations.set_version(database, migrations.SCHEMA_VERSION)


def close_database() -> None:
    obj = db.obj
    if obj is not None and not obj.is_closed():
        obj.close()


def release_thread_connection() -> None:
    """Close the calling thread's own connection (peewee keeps one per thread): a worker
    thread calls this when its job is done, the GUI thread's connection stays open."""
    obj = db.obj
    if obj is not None:
        obj.close()


WAL_AUTOCHECKPOINT = 1000  # SQLite's default, in pages


@contextmanager
def bulk_transaction() -> Iterator[None]:
    """One transaction for an import: all of it or nothing.

    Two costs a bulk write need not pay inside it (about a fifth of a 30,000-row import):
    - foreign keys are not looked up row by row: the import writes only company, batch and
      contact ids it has just read or numbered in this very transaction (the tests run
      `PRAGMA foreign_key_check` after every kind of import);
    - the WAL checkpoint that copies the new pages into the database file is not run at
      commit: `checkpoint()` runs it once the user has the result (the next write's commit
      or closing the database would run it anyway, so the WAL never grows unchecked).
    """
    database = db.obj
    conn = database.connection()
    if conn.in_transaction:  # inside a caller's transaction: the pragmas cannot change there
        with database.atomic():
            yield
        return
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    try:
        with database.atomic():
            yield
    finally:
        conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT}")
        conn.execute("PRAGMA foreign_keys = ON")


def checkpoint() -> bool:
    """Copy what the WAL holds into the database file without waiting for readers (PASSIVE):
    the deferred half of a bulk import, run after its result is shown. False when SQLite
    could not (busy, read-only): the next write's commit or closing the database does it."""
    obj = db.obj
    if obj is None:
        return False
    try:
        obj.connection().execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    except (pw.DatabaseError, sqlite3.Error) as exc:
        log.info("checkpoint left for later: %s", exc)
        return False
    return True


def current_path() -> Path | None:
    obj = db.obj
    return Path(obj.database) if obj is not None else None


def translate_error(exc: BaseException) -> DatabaseError | None:
    """A low-level SQLite error as the plain DatabaseError a user can act on, or None."""
    if isinstance(exc, DatabaseError):
        return exc
    if not isinstance(exc, (pw.DatabaseError, sqlite3.DatabaseError)):
        return None
    text = str(exc).lower()
    path = str(current_path()) if current_path() else None
    if "locked" in text or "busy" in text:
        return DatabaseBusyError(
            "is busy: another program is writing to it; try again in a moment", path=path
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError("is read-only: Vouch cannot save changes to it", path=path)
    if "disk is full" in text or "full" in text:
        return DatabaseError("cannot be written: the disk is full", path=path)
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return DatabaseError("is damaged; restore it from a backup", path=path)
    return None

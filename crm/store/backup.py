"""Rotating backups of the database file (one per start, the last 10 kept) and restore."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sqlite3
from pathlib import Path

from crm.errors import DatabaseError, NotFoundError
from crm.paths import backup_dir

log = logging.getLogger(__name__)

KEEP = 10


def list_backups(db_path: Path) -> list[Path]:
    """Newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{Path(db_path).stem}-*.db"), reverse=True)


def make_backup(db_path: Path, keep: int = KEEP, label: str = "") -> Path | None:
    """Copy the database with SQLite's online backup (consistent even with WAL); rotate."""
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}{('-' + label) if label else ''}.db"
    # written under another name and renamed when whole: a backup cut short (the app closed,
    # the disk full) is never listed or offered for a restore
    part = target.with_name(target.name + ".part")
    try:
        src = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
        try:
            dst = sqlite3.connect(part)
            with dst:
                src.backup(dst)
            dst.close()
        finally:
            src.close()
        part.replace(target)
    except (sqlite3.DatabaseError, OSError) as exc:
        part.unlink(missing_ok=True)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise DatabaseError(f"could not be backed up ({reason})", path=str(db_path)) from exc
    for old in list_backups(db_path)[keep:]:
        old.unlink(missing_ok=True)
    log.info("backup written: %s", target)
    return target


def restore(db_path: Path, backup: Path) -> Path:
    """Replace the database with a backup; the current file is itself backed up first."""
    db_path, backup = Path(db_path), Path(backup)
    if not backup.is_file():
        raise NotFoundError(f"{backup}: no such backup")
    try:
        con = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError("is not a Vouch database backup", path=str(backup)) from exc
    if ok != "ok":
        raise DatabaseError(f"fails the integrity check ({ok})", path=str(backup))
    if db_path.exists():
        try:
            make_backup(db_path, label="before-restore")
        except DatabaseError:
            # Not readable as SQLite (damaged or overwritten): keep its bytes aside instead.
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            folder = backup_dir(db_path)
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(db_path, folder / f"{db_path.stem}-{stamp}-damaged.bin")
    tmp = db_path.with_suffix(".restoring")
    shutil.copyfile(backup, tmp)
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    tmp.replace(db_path)
    return db_path

"""The database file: corrupt or foreign files refused untouched, backups, migration, races."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crm.errors import DatabaseBusyError, DatabaseError
from crm.store import connection
from crm.store.backup import KEEP, list_backups, make_backup, restore
from crm.store.connection import close_database, open_database
from crm.store.migrations import SCHEMA_VERSION
from tests.reliability.conftest import (
    ROOT,
    child_env,
    count,
    file_hash,
    fingerprint,
    integrity,
    start_child,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _filled(path: Path) -> Path:
    """A demo network at `path`, checkpointed and closed."""
    from crm.demo import load_demo
    from crm.store.models import db

    open_database(path, backup=False)
    load_demo()
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    close_database()
    return path


def _corrupt(path: Path) -> None:
    """Keep the 100-byte SQLite header, overwrite the pages after it with junk."""
    data = bytearray(path.read_bytes())
    assert len(data) > 8192
    page = int.from_bytes(data[16:18], "big")
    for i in range(page, len(data) - 64, 97):
        data[i : i + 41] = b"\xde\xad\xbe\xef" * 10 + b"!"
    data[100:page] = b"\x00\x7f" * ((page - 100) // 2)
    path.write_bytes(bytes(data))


def test_corrupt_file_is_refused_untouched_and_the_latest_backup_restores(tmp_path):
    path = _filled(tmp_path / "vouch.db")
    before = fingerprint(path)
    backup = make_backup(path)
    _corrupt(path)
    digest = file_hash(path)

    with pytest.raises(DatabaseError) as info:
        open_database(path)
    message = info.value.user_message()
    assert str(path) in message
    assert "damaged" in message or "not a Vouch database" in message
    assert "Traceback" not in message and "\n" not in message
    assert file_hash(path) == digest  # the damaged file is left as it was

    offered = list_backups(path)
    assert offered and offered[0] == backup
    restore(path, offered[0])
    open_database(path, backup=False)
    close_database()
    assert fingerprint(path) == before


def test_not_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "vouch.db"
    path.write_bytes(b"PK\x03\x04 this is a zip, or a spreadsheet, anything but SQLite" * 50)
    digest = file_hash(path)
    with pytest.raises(DatabaseError) as info:
        open_database(path)
    assert "not a Vouch database" in info.value.user_message()
    assert str(path) in info.value.user_message()
    assert file_hash(path) == digest
    assert not Path(str(path) + "-wal").exists()


def test_foreign_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE songs (title TEXT)")
    con.execute("INSERT INTO songs VALUES ('la')")
    con.commit()
    con.close()
    digest = file_hash(path)
    with pytest.raises(DatabaseError) as info:
        open_database(path)
    assert "not a Vouch database" in info.value.user_message()
    assert file_hash(path) == digest


def test_a_not_sqlite_file_can_be_replaced_by_its_latest_backup(tmp_path):
    path = _filled(tmp_path / "vouch.db")
    before = fingerprint(path)
    make_backup(path)
    path.write_bytes(b"\x00" * 4096)  # overwritten by something else entirely
    with pytest.raises(DatabaseError):
        open_database(path)
    restore(path, list_backups(path)[0])
    assert fingerprint(path) == before


def test_backups_rotate_keeping_ten_and_each_restores(tmp_path):
    path = _filled(tmp_path / "vouch.db")
    for _ in range(KEEP + 5):
        open_database(path)  # every start makes a backup
        close_database()
    backups = list_backups(path)
    assert len(backups) == KEEP
    assert backups == sorted(backups, reverse=True)
    for b in backups:
        assert integrity(b) == "ok"

    before = fingerprint(path)
    from crm.services.contacts import create_contact

    open_database(path, backup=False)
    create_contact("Added", "Later")
    close_database()
    assert count(path, "contact") == before["contact"][0] + 1
    restore(path, backups[0])
    assert fingerprint(path) == before
    open_database(path, backup=False)
    close_database()


def test_version_1_database_upgrades_with_every_row(tmp_path):
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "vouch_v1.db", path)
    old = sqlite3.connect(path)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = [
        r[0]
        for r in old.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    rows_before = {t: sorted(old.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables}
    cols_before = {t: [c[1] for c in old.execute(f'PRAGMA table_info("{t}")')] for t in tables}
    old.close()
    assert all(rows_before[t] for t in tables), "the fixture has rows in every table"

    database = open_database(path)
    assert database.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    for t in tables:
        cols = ", ".join(f'"{c}"' for c in cols_before[t])
        after = sorted(database.execute_sql(f'SELECT {cols} FROM "{t}"').fetchall())
        assert after == rows_before[t], t

    # The new columns and table work through the services.
    from crm.services.contacts import get_contact
    from crm.services.followups import snooze
    from crm.store.models import ImportChange, Job

    ana = get_contact(1)
    assert (ana.first_name, ana.last_name, ana.company.name) == ("Ana", "García", "Acme, Inc.")
    snooze(1, 7)
    assert get_contact(1).snoozed_until is not None
    assert Job.get_by_id(1).is_target is False
    assert ImportChange.select().count() == 0
    # v3: the contact indexes no query reads are gone; an email is found through the new one
    indexes = {
        r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE type='index'")
    }
    assert not indexes & {"contact_name_key", "contact_batch_id", "contact_email_key"}
    assert {"contact_url_key", "contact_email_key_set", "contact_company_id"} <= indexes
    plan = database.execute_sql(
        "EXPLAIN QUERY PLAN SELECT id FROM contact WHERE email_key = ? AND email_key != ?",
        ("ana@example.org", ""),
    ).fetchall()
    assert "contact_email_key_set" in str(plan)
    close_database()
    assert integrity(path) == "ok"
    assert any("before-migration-v1" in b.name for b in list_backups(path))


def test_two_processes_writing_at_once_never_corrupt(closed_db):
    n = 400
    go = closed_db.parent / "go"
    a = start_child("writer", str(closed_db), "A", str(n), str(go))
    b = start_child("writer", str(closed_db), "B", str(n), str(go))
    for child in (a, b):
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
    go.touch()  # both are connected and waiting: they start writing together
    for child in (a, b):
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert "done" in out
    assert integrity(closed_db) == "ok"
    assert count(closed_db, "contact", "WHERE first_name LIKE 'A%'") == n
    assert count(closed_db, "contact", "WHERE first_name LIKE 'B%'") == n
    # The writes interleaved (ids of A and B alternate somewhere), so the race was real.
    con = sqlite3.connect(closed_db)
    tags = [r[0][0] for r in con.execute("SELECT first_name FROM contact ORDER BY id")]
    con.close()
    assert sum(1 for x, y in zip(tags, tags[1:], strict=False) if x != y) > 1


@pytest.fixture
def held(db, monkeypatch):
    """The open test database, with another connection holding the write lock."""
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    from crm.store.models import db as proxy

    proxy.execute_sql("PRAGMA busy_timeout = 200")
    yield db
    other.execute("ROLLBACK")
    other.close()


def test_busy_database_gives_a_busy_error(held):
    import peewee

    from crm.services.contacts import create_contact

    # the service raises SQLite's own error; the window and the CLI translate it
    with pytest.raises((DatabaseError, peewee.OperationalError)) as info:
        create_contact("Blocked", "Writer")
    exc = info.value
    error = exc if isinstance(exc, DatabaseError) else connection.translate_error(exc)
    assert isinstance(error, DatabaseBusyError)
    assert "busy" in error.user_message()
    assert str(held) in error.user_message()


def test_busy_database_through_the_cli_exits_2_with_one_line(closed_db):
    other = sqlite3.connect(closed_db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        env = child_env(VOUCH_BUSY_TIMEOUT_MS="200")
        env.pop("VOUCH_DB", None)
        done = subprocess.run(
            [sys.executable, "-m", "crm.cli", "--db", os.fspath(closed_db), "demo"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "busy" in lines[0]
    assert "Traceback" not in done.stderr
    assert count(closed_db, "contact") == 0
    assert integrity(closed_db) == "ok"


def test_untrusted_xml_goes_through_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True

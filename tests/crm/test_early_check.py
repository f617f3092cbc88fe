"""The start-up check made on a thread: the same verdicts as open_database's own check."""

from __future__ import annotations

import sqlite3

import pytest

from crm.errors import DatabaseError
from crm.store import connection, early_check, migrations
from crm.store.connection import close_database, open_database
from crm.store.models import Contact, db


@pytest.fixture
def vouch_file(tmp_path):
    path = tmp_path / "vouch.db"
    open_database(path, backup=False)
    Contact.create(first_name="Ana", last_name="Silva")
    close_database()
    return path


def _wait(path) -> None:
    thread, _result = early_check._pending[str(path)]
    thread.join()


def test_a_clean_check_is_handed_to_open_database(vouch_file, monkeypatch):
    early_check.start(vouch_file)
    monkeypatch.setattr(connection, "_quick_check", lambda path: pytest.fail("checked twice"))
    open_database(vouch_file, backup=False)
    try:
        assert [c.first_name for c in Contact.select()] == ["Ana"]
    finally:
        close_database()


def test_a_file_written_after_the_check_is_checked_again(vouch_file):
    early_check.start(vouch_file)
    _wait(vouch_file)
    con = sqlite3.connect(vouch_file)
    con.execute("UPDATE contact SET first_name = 'Ada'")
    con.commit()
    con.close()
    assert early_check.take(vouch_file) is None


def test_a_damaged_file_is_refused_as_before(vouch_file):
    data = bytearray(vouch_file.read_bytes())
    page = 4096
    data[page * 2 : page * 3] = b"\xff" * page  # a page of a table turned to noise
    vouch_file.write_bytes(bytes(data))
    early_check.start(vouch_file)
    _wait(vouch_file)
    with pytest.raises(DatabaseError, match="damaged"):
        open_database(vouch_file, backup=False)


def test_a_newer_schema_is_refused_after_an_early_check(vouch_file):
    con = sqlite3.connect(vouch_file)
    con.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    con.close()
    early_check.start(vouch_file)
    with pytest.raises(DatabaseError, match="newer Vouch"):
        open_database(vouch_file, backup=False)


def test_a_foreign_sqlite_file_is_refused_after_an_early_check(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE photos (id INTEGER)")
    con.commit()
    con.close()
    early_check.start(path)
    with pytest.raises(DatabaseError, match="not a Vouch database"):
        open_database(path)
    assert db.obj is None or db.obj.is_closed()


def test_no_thread_for_a_new_file(tmp_path):
    early_check.start(tmp_path / "new.db")
    assert early_check.take(tmp_path / "new.db") is None

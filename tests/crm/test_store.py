import sqlite3

import pytest

from crm.errors import DatabaseError
from crm.store import backup, migrations
from crm.store.connection import close_database, open_database
from crm.store.models import Contact, db


def test_new_database_has_schema_version_and_pragmas(tmp_path):
    path = tmp_path / "new.db"
    open_database(path, backup=False)
    try:
        assert migrations.get_version(db.obj) == migrations.SCHEMA_VERSION
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 1000
        indexes = {r[1] for r in db.execute_sql("SELECT * FROM sqlite_master WHERE type='index'")}
        assert {"contact_url_key", "contact_email_key_set", "contact_company_id"} <= indexes
        # built by every import, read by no query
        assert not indexes & {"contact_name_key", "contact_batch_id", "contact_email_key"}
    finally:
        close_database()


def test_each_start_makes_a_backup_and_keeps_ten(tmp_path):
    path = tmp_path / "v.db"
    open_database(path, backup=False)
    Contact.create(first_name="Ada", last_name="Lovelace")
    close_database()
    for _ in range(12):
        open_database(path)
        close_database()
    found = backup.list_backups(path)
    assert len(found) == backup.KEEP
    con = sqlite3.connect(found[0])
    assert con.execute("SELECT first_name FROM contact").fetchall() == [("Ada",)]
    con.close()


def test_restore_brings_back_the_backup(tmp_path):
    path = tmp_path / "v.db"
    open_database(path, backup=False)
    Contact.create(first_name="Kept", last_name="One")
    close_database()
    saved = backup.make_backup(path)
    open_database(path, backup=False)
    Contact.delete().execute()
    close_database()
    backup.restore(path, saved)
    open_database(path, backup=False)
    try:
        assert [c.first_name for c in Contact.select()] == ["Kept"]
    finally:
        close_database()


def test_a_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"hello, this is a text file\n" * 10)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not a Vouch database"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    open_database(path, backup=False)
    migrations.set_version(db.obj, migrations.SCHEMA_VERSION + 1)
    close_database()
    with pytest.raises(DatabaseError, match="newer Vouch"):
        open_database(path, backup=False)


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE photos (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="not a Vouch database"):
        open_database(path)

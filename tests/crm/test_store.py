import datetime as dt
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


def _at_version(path, version: int, *undo_sql: str, **url_keys: str):
    """A database file as an older Vouch left it: contacts (first name -> stored profile key),
    the schema steps since taken back with `undo_sql`, and the old version number."""
    open_database(path, backup=False)
    for first, key in url_keys.items():
        Contact.create(first_name=first, last_name="X", url_key=key)
    for sql in undo_sql:
        db.execute_sql(sql)
    migrations.set_version(db.obj, version)
    close_database()
    return path


def test_v3_country_host_profile_keys_are_rekeyed_and_reimport_matches(tmp_path):
    """uk.linkedin.com/in/x is www.linkedin.com/in/x: stored keys move to the one spelling,
    except where that would make two contacts share a key (left for the merge offer)."""
    from crm.importers.api import import_path

    path = _at_version(
        tmp_path / "v3.db",
        3,
        Ann="uk.linkedin.com/in/ann-lee",
        Bo="de.linkedin.com/in/bo-chen",
        **{"Bo twice": "linkedin.com/in/bo-chen"},
    )
    open_database(path, backup=False)
    try:
        keys = dict(Contact.select(Contact.first_name, Contact.url_key).tuples())
        assert keys == {
            "Ann": "linkedin.com/in/ann-lee",
            "Bo": "de.linkedin.com/in/bo-chen",
            "Bo twice": "linkedin.com/in/bo-chen",
        }
        assert migrations.get_version(db.obj) == migrations.SCHEMA_VERSION
        csv = tmp_path / "Connections.csv"
        csv.write_text(
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Ann,X,https://www.linkedin.com/in/ann-lee/,,,,03 May 2024\n"
            "Cy,Y,https://fr.linkedin.com/in/cy-y?trk=x,,,,03 May 2024\n",
            encoding="utf-8",
        )
        result = import_path(csv)
        # Ann matched across hosts (and gains her connection date); Cy is new
        assert (result.created, result.updated) == (1, 1)
        again = tmp_path / "again.csv"
        again.write_text(
            "First Name,Last Name,URL\nCy,Y,https://www.linkedin.com/in/cy-y\n", encoding="utf-8"
        )
        assert import_path(again).created == 0
        assert Contact.select().count() == 4
    finally:
        close_database()


def test_v4_gets_import_digests_and_drops_keys_that_name_no_member(tmp_path):
    """Schema 5: a column for the import digest; a stored "profile key" that is no member's
    page ("n/a", a company page) is cleared, so it no longer makes people one."""
    path = _at_version(
        tmp_path / "v4.db",
        4,
        "ALTER TABLE contact DROP COLUMN import_digest",
        Ann="linkedin.com/in/ann-lee",
        Bo="n/a",
        Cy="linkedin.com/company/acme",
        Di="de.linkedin.com/in/di-x",  # a country host v4 left for the merge offer
    )
    open_database(path, backup=False)
    try:
        keys = dict(Contact.select(Contact.first_name, Contact.url_key).tuples())
        assert keys == {
            "Ann": "linkedin.com/in/ann-lee",
            "Bo": None,
            "Cy": None,
            "Di": "de.linkedin.com/in/di-x",
        }
        assert Contact.select().where(Contact.import_digest.is_null()).count() == 4
        assert migrations.get_version(db.obj) == migrations.SCHEMA_VERSION
    finally:
        close_database()


def test_v5_gets_the_index_that_finds_the_people_follow_ups_apply_to(tmp_path):
    """Schema 6: the partial index the follow-up query reads instead of scanning every
    contact (its WHERE is repeated word for word, or SQLite would not use it)."""
    from crm.services.followups import follow_ups
    from crm.store.models import KEPT_WARM

    path = _at_version(
        tmp_path / "v5.db", 5, "DROP INDEX contact_kept_warm", Ann="linkedin.com/in/ann-lee"
    )
    open_database(path, backup=False)
    try:
        assert migrations.get_version(db.obj) == migrations.SCHEMA_VERSION
        plan = db.obj.execute_sql(f"EXPLAIN QUERY PLAN SELECT id FROM contact WHERE {KEPT_WARM}")
        assert "contact_kept_warm" in " ".join(str(row) for row in plan)
        assert follow_ups() == []
        yesterday = dt.date.today() - dt.timedelta(days=1)
        Contact.update(next_follow_up=yesterday).where(Contact.first_name == "Ann").execute()
        assert [f.name for f in follow_ups()] == ["Ann X"]
    finally:
        close_database()


def test_v7_gets_aliases_so_a_merged_duplicate_is_found_by_its_old_email(tmp_path):
    """Schema 8: what a merged-away duplicate was known by; a v7 file gains the table and a
    merge made after the upgrade records the alias the importer matches."""
    from crm.importers.api import import_path
    from crm.services.contacts import merge_contacts

    path = _at_version(
        tmp_path / "v7.db", 7, "DROP TABLE contact_alias", Ann="linkedin.com/in/ann-lee"
    )
    open_database(path, backup=False)
    try:
        assert migrations.get_version(db.obj) == migrations.SCHEMA_VERSION
        ann = Contact.get(Contact.first_name == "Ann")
        Contact.update(email="ann@work.example", email_key="ann@work.example").where(
            Contact.id == ann.id
        ).execute()
        home = Contact.create(first_name="Annie", last_name="X", email="ann@home.example",
                              email_key="ann@home.example", name_key="annie x")  # fmt: skip
        merge_contacts(ann.id, home.id)
        again = tmp_path / "google.csv"
        again.write_text("Name,E-mail 1 - Value\nAnnie X,ann@home.example\n", encoding="utf-8")
        assert import_path(again, format="generic",
                           mapping={"full_name": "Name", "email": "E-mail 1 - Value"}
                           ).created == 0  # fmt: skip
        assert Contact.select().count() == 1
    finally:
        close_database()

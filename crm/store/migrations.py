"""Schema version (PRAGMA user_version) and the ladder of forward migrations.

Each step runs in one transaction and bumps the version; the caller backs the file up first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import peewee as pw

from crm.errors import DatabaseError
from crm.store.models import EXTRA_INDEXES, ArchiveFact, ContactAlias, ImportChange

log = logging.getLogger(__name__)

SCHEMA_VERSION = 8


def _v1_to_v2(database: pw.SqliteDatabase) -> None:
    """Snooze and keep-warm cadence per contact, target jobs, and import undo of updates."""
    database.execute_sql("ALTER TABLE contact ADD COLUMN snoozed_until DATE")
    database.execute_sql("ALTER TABLE contact ADD COLUMN cadence_days INTEGER")
    database.execute_sql("ALTER TABLE job ADD COLUMN is_target INTEGER NOT NULL DEFAULT 0")
    ImportChange.create_table(safe=True)
    for sql in EXTRA_INDEXES:
        database.execute_sql(sql)


def _v2_to_v3(database: pw.SqliteDatabase) -> None:
    """Drop the contact indexes no query reads; every import paid to build them.

    Imports match names in memory, an undo scans for its batch once, and an email is only
    looked up when it is set (a partial index replaces the full one).
    """
    for name in ("contact_name_key", "contact_batch_id", "contact_email_key"):
        database.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
    for sql in EXTRA_INDEXES:
        database.execute_sql(sql)


def _v3_to_v4(database: pw.SqliteDatabase) -> None:
    """Profile URLs on a country host (uk.linkedin.com/in/x) now key like www.linkedin.com.

    A stored key that would now equal another contact's stays as it was: those two are one
    person twice, and the duplicates finder offers them for merging by name and company.
    """
    from crm.normalize import url_key

    rows = database.execute_sql(
        "SELECT id, url_key FROM contact "
        "WHERE url_key GLOB '[a-z][a-z].linkedin.com*' OR url_key GLOB '[a-z][a-z][a-z].linkedin.com*'"
    ).fetchall()
    if not rows:
        return
    taken = {k for (k,) in database.execute_sql("SELECT url_key FROM contact WHERE url_key != ''")}
    for contact_id, old in rows:
        new = url_key(old)
        if new and new != old and new not in taken:
            database.execute_sql("UPDATE contact SET url_key = ? WHERE id = ?", (new, contact_id))
            taken.add(new)


def _v4_to_v5(database: pw.SqliteDatabase) -> None:
    """The digest of the row each contact was imported from: a re-import of the same export
    skips matching for the rows it already holds. Existing contacts start without one (the
    next re-import matches them as before and counts them unchanged).

    A profile key is kept only for a member's page: "n/a" or "linkedin.com" in a URL column
    had made everyone who had it one person for matching."""
    from crm.normalize import url_key

    columns = {row[1] for row in database.execute_sql("PRAGMA table_info(contact)")}
    if "import_digest" not in columns:
        database.execute_sql("ALTER TABLE contact ADD COLUMN import_digest INTEGER")
    stale = [
        (contact_id,)
        for contact_id, key in database.execute_sql(
            "SELECT id, url_key FROM contact WHERE url_key IS NOT NULL"
        )
        if url_key(key) is None
    ]
    for (contact_id,) in stale:
        database.execute_sql("UPDATE contact SET url_key = NULL WHERE id = ?", (contact_id,))


def _v5_to_v6(database: pw.SqliteDatabase) -> None:
    """A partial index of the people a follow-up rule can apply to by their own fields: the
    Today view no longer scans every contact on each reload."""
    for sql in EXTRA_INDEXES:
        database.execute_sql(sql)


def _v6_to_v7(database: pw.SqliteDatabase) -> None:
    """The archive facts an import applied: re-importing the same LinkedIn archive no longer
    puts back the tags, closeness, targets and jobs the user has since changed. Existing
    databases start with none (the next re-import records what is already true)."""
    ArchiveFact.create_table(safe=True)


def _v7_to_v8(database: pw.SqliteDatabase) -> None:
    """What a merged-away duplicate was known by (its email, its name at its company):
    re-importing its file finds the merged contact instead of adding the duplicate again.
    Merges made before start with none."""
    ContactAlias.create_table(safe=True)


# MIGRATIONS[n] upgrades a database at version n to n + 1.
MIGRATIONS: dict[int, Callable[[pw.SqliteDatabase], None]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
    5: _v5_to_v6,
    6: _v6_to_v7,
    7: _v7_to_v8,
}


def get_version(database: pw.SqliteDatabase) -> int:
    return database.execute_sql("PRAGMA user_version").fetchone()[0]


def set_version(database: pw.SqliteDatabase, version: int) -> None:
    database.execute_sql(f"PRAGMA user_version = {int(version)}")


def needs_migration(database: pw.SqliteDatabase) -> bool:
    version = get_version(database)
    return 0 < version < SCHEMA_VERSION


def migrate(database: pw.SqliteDatabase) -> int:
    """Run every step from the file's version up to SCHEMA_VERSION; returns the new version."""
    version = get_version(database)
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"was written by a newer Vouch (schema {version}, this one knows {SCHEMA_VERSION})",
            path=database.database,
        )
    while version < SCHEMA_VERSION:
        step = MIGRATIONS[version]
        log.info("migrating %s from schema %d", database.database, version)
        with database.atomic():
            step(database)
            set_version(database, version + 1)
        version += 1
    return version

"""The import job's insert floor: raw sqlite3 writing the rows Vouch's import writes.

The rows (import_batch, company, contact: every column, ids included) are read back once from
a database Vouch imported the file into; the floor then writes exactly those rows into a fresh,
empty Vouch database the fastest plain way: one transaction, one `executemany` per table, the
contact indexes dropped before the contacts go in and rebuilt after (as Vouch's bulk path does).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

CONTACT_INDEXES = (
    "SELECT name, sql FROM sqlite_master "
    "WHERE type = 'index' AND tbl_name = 'contact' AND sql IS NOT NULL"
)


@dataclass(frozen=True)
class TableRows:
    """Every row of one table, every column, in id order."""

    name: str
    columns: tuple[str, ...]
    rows: list[tuple]

    @property
    def insert(self) -> str:
        cols = ", ".join(f'"{c}"' for c in self.columns)
        marks = ", ".join("?" * len(self.columns))
        return f'INSERT INTO "{self.name}" ({cols}) VALUES ({marks})'


@dataclass(frozen=True)
class ImportedRows:
    """What one import wrote: its batch row, the companies it created, the contacts."""

    batch: TableRows
    companies: TableRows
    contacts: TableRows


def _read_table(con: sqlite3.Connection, name: str) -> TableRows:
    cur = con.execute(f'SELECT * FROM "{name}" ORDER BY id')
    columns = tuple(d[0] for d in cur.description)
    return TableRows(name, columns, cur.fetchall())


def read_imported(db_path: Path) -> ImportedRows:
    """The final rows of a database Vouch has just imported one file into."""
    con = sqlite3.connect(db_path)
    try:
        return ImportedRows(*(_read_table(con, t) for t in ("import_batch", "company", "contact")))
    finally:
        con.close()


def open_plain(db_path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection (autocommit: transactions are explicit) with Vouch's pragmas."""
    from crm.store.connection import PRAGMAS

    con = sqlite3.connect(db_path, isolation_level=None)
    for name, value in PRAGMAS.items():
        con.execute(f"PRAGMA {name} = {value}")
    return con


def write_rows(con: sqlite3.Connection, rows: ImportedRows) -> None:
    """The timed writes: one transaction, contact indexes rebuilt after the bulk insert, and
    the two costs crm.store.connection.bulk_transaction leaves out of an import (foreign-key
    lookups, the WAL checkpoint at commit) left out here too."""
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.execute("BEGIN")
    con.executemany(rows.batch.insert, rows.batch.rows)
    con.executemany(rows.companies.insert, rows.companies.rows)
    indexes = con.execute(CONTACT_INDEXES).fetchall()
    for name, _ in indexes:
        con.execute(f'DROP INDEX "{name}"')
    con.executemany(rows.contacts.insert, rows.contacts.rows)
    for _, sql in indexes:
        con.execute(sql)
    con.execute("COMMIT")
    con.execute("PRAGMA wal_autocheckpoint = 1000")
    con.execute("PRAGMA foreign_keys = ON")

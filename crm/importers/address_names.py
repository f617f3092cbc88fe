"""Contacts an address book gave only an email, named by it ("maria@acme.example" as first
name, as Google names them): the first later file that gives the person's name with that
address names them. A name the user typed since is theirs and is left alone.

The import engine matches a row to a contact by its email but never renames anyone, so this
runs beside it: `watch` notes, as the rows stream, the names given to such addresses, and
`apply` writes them (with the changes an undo puts back) before the import is finished.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from crm.importers.detect import Table
from crm.importers.engine import Engine
from crm.importers.keys import first_email, split_full_name
from crm.importers.records import _text
from crm.normalize import name_key, search_text


class AddressNames:
    """The address-named contacts of the database, and the names this import gives them."""

    def __init__(self, addresses: set[str]):
        self.addresses = addresses  # email keys of contacts named by their address
        self.names: dict[str, tuple[str, str]] = {}  # email key -> (first, last)

    def _rows(self, rows, cols: list[int | None]) -> Iterator[tuple[int, list]]:
        i_email, i_first, i_last, i_full = cols
        try:
            for number, row in rows:
                cell = row[i_email] if i_email < len(row) else ""
                key = first_email(_text(cell)).casefold() if cell else ""
                if key in self.addresses and key not in self.names:
                    first, last = (_cell(row, i_first), _cell(row, i_last))
                    if not first and not last:
                        first, last = split_full_name(_cell(row, i_full))
                    if (first or last) and "@" not in first + last:
                        self.names[key] = (first, last)
                yield number, row
        finally:
            close = getattr(rows, "close", None)
            if close:
                close()


def _cell(row: list, i: int | None) -> str:
    return " ".join(_text(row[i]).split()) if i is not None and i < len(row) else ""


def watch(conn: sqlite3.Connection, table: Table) -> AddressNames | None:
    """Wrap table.rows when the file has an email column and the database has contacts
    named by their address (else None: nothing to watch, nothing on the row path)."""
    mapping, header = table.mapping, table.header
    if mapping.get("email") not in header:
        return None
    addresses = {
        key
        for (key,) in conn.execute(
            "SELECT email_key FROM contact WHERE last_name = '' AND email != '' "
            "AND first_name = email"
        )
        if key
    }
    if not addresses:
        return None
    watched = AddressNames(addresses)
    cols = [header.index(mapping[f]) if mapping.get(f) in header else None
            for f in ("email", "first_name", "last_name", "full_name")]  # fmt: skip
    table.rows = watched._rows(table.rows, cols)
    return watched


def apply(watched: AddressNames | None, engine: Engine) -> None:
    """Name the address-named contacts this import's rows gave a name, before
    engine.finish(): each rename is an update of the import, put back by its undo."""
    if watched is None or not watched.names:
        return
    engine.flush()  # the rows' own updates first: they rewrite the search text
    conn = engine.conn
    found = [
        (first, last, row)
        for key, (first, last) in watched.names.items()
        for row in conn.execute(
            "SELECT c.id, c.first_name, c.email, co.name, c.position, c.tags, c.batch_id "
            "FROM contact c LEFT JOIN company co ON co.id = c.company_id "
            "WHERE c.email_key = ? AND c.last_name = '' AND c.first_name = c.email",
            (key,),
        )
    ]
    if not found:
        return
    bid = engine.batch_id
    for first, last, (cid, old_first, email, company, position, tags, created_by) in found:
        counted = (
            created_by == bid
            or conn.execute(
                "SELECT 1 FROM import_change WHERE batch_id = ? AND contact_id = ? LIMIT 1",
                (bid, cid),
            ).fetchone()
        )
        engine.record_change(cid, "first_name", old_first)
        engine.record_change(cid, "last_name", "")
        conn.execute(
            "UPDATE contact SET first_name = ?, last_name = ?, name_key = ?, search_text = ?, "
            "updated_at = ? WHERE id = ?",
            (first, last, name_key(first, last),
             search_text(first, last, company, position, email, tags), engine.now, cid),
        )  # fmt: skip
        if not counted:  # the row said nothing else new: it was counted unchanged
            engine.result.unchanged -= 1
            engine.result.updated += 1

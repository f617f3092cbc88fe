"""Undo an import batch: remove what it created, put back what it changed."""

from __future__ import annotations

import json
import logging
import sqlite3

from crm.importers.history import file_name
from crm.importers.writer import DEFAULT_USER_FIELDS, USER_FIELDS, WRITTEN
from crm.normalize import email_key, name_key, search_text, url_key
from crm.store.models import ImportBatch, db

log = logging.getLogger(__name__)

TEXT_FIELDS = ("position", "email", "phone", "linkedin_url", "tags")


def targets_key(batch_id: int) -> str:
    """The Setting that lists the companies an archive import marked as targets."""
    return f"import.{batch_id}.targets"


def _ids_sql(ids: list[int]) -> str:
    return ",".join(str(int(i)) for i in ids) or "NULL"


def undo_batch(batch: ImportBatch) -> ImportBatch:
    bid = batch.id
    with db.atomic():
        conn = db.connection()
        created = conn.execute(
            "SELECT id, first_name, last_name FROM contact WHERE batch_id = ?", (bid,)
        ).fetchall()
        ids = [c[0] for c in created]
        in_ids = _ids_sql(ids)
        # kept: people the user has worked with since (an interaction or a referral of their
        # own), and people a later import also holds interactions of (a move, messages)
        worked = {
            r[0]
            for r in conn.execute(
                f"SELECT contact_id FROM interaction WHERE contact_id IN ({in_ids}) "
                "AND batch_id IS NULL "
                f"UNION SELECT from_contact_id FROM referral WHERE from_contact_id IN ({in_ids}) "
                f"UNION SELECT to_contact_id FROM referral WHERE to_contact_id IN ({in_ids})"
            )
        }
        later = {
            r[0]
            for r in conn.execute(
                f"SELECT contact_id FROM interaction WHERE contact_id IN ({in_ids}) "
                "AND batch_id IS NOT NULL AND batch_id != ?",
                (bid,),
            )
        } - worked
        worked |= written_since(conn, bid, [i for i in ids if i not in worked and i not in later])
        later -= worked
        used = worked | later
        kept = [f"{f} {last}".strip() for cid, f, last in created if cid in worked]
        kept_later = [f"{f} {last}".strip() for cid, f, last in created if cid in later]
        conn.execute("DELETE FROM interaction WHERE batch_id = ?", (bid,))
        doomed = [(cid,) for cid in ids if cid not in used]
        conn.executemany("DELETE FROM contact WHERE id = ?", doomed)
        if used:
            conn.execute(f"UPDATE contact SET batch_id = NULL WHERE id IN ({_ids_sql(list(used))})")
        touched = _restore_changes(conn, bid)
        _refresh_search_text(conn, touched)
        conn.execute("DELETE FROM import_change WHERE batch_id = ?", (bid,))
        conn.execute("DELETE FROM job WHERE batch_id = ?", (bid,))
        # the archive facts it applied: importing the archive again applies them again
        conn.execute("DELETE FROM archive_fact WHERE batch_id = ?", (bid,))
        row = conn.execute(
            "SELECT value FROM setting WHERE key = ?", (targets_key(bid),)
        ).fetchone()
        if row:
            flipped = json.loads(row[0])
            conn.execute(f"UPDATE company SET is_target = 0 WHERE id IN ({_ids_sql(flipped)})")
            conn.execute("DELETE FROM setting WHERE key = ?", (targets_key(bid),))
        conn.execute(
            "DELETE FROM company WHERE batch_id = ? AND id NOT IN "
            "(SELECT company_id FROM contact WHERE company_id IS NOT NULL) AND id NOT IN "
            "(SELECT company_id FROM job WHERE company_id IS NOT NULL)",
            (bid,),
        )
        conn.execute("UPDATE company SET batch_id = NULL WHERE batch_id = ?", (bid,))
        conn.execute("UPDATE import_batch SET undone = 1 WHERE id = ?", (bid,))
    batch = ImportBatch.get_by_id(bid)
    removed = len(doomed)
    msg = f"Undid the import of {file_name(batch.file)}: removed {removed} contact{'s' * (removed != 1)}"
    if touched:
        msg += f", restored {len(touched)} changed contact{'s' * (len(touched) != 1)}"
    if kept:
        msg += f"; kept {len(kept)} you have since worked with ({_names(kept)})"
    if kept_later:
        msg += f"; kept {len(kept_later)} a later import also holds ({_names(kept_later)})"
    batch.kept = kept + kept_later
    batch.message = msg + "."
    log.info("%s (%s)", batch.message, batch.file)
    return batch


def _names(names: list[str]) -> str:
    return ", ".join(names[:5]) + (", …" if len(names) > 5 else "")


def written_since(conn: sqlite3.Connection, bid: int, ids: list[int]) -> set[int]:
    """Contacts the batch created whose own fields (closeness, stage, follow-up, tags, notes)
    are no longer what the batch wrote: the user has written about them since, so undo keeps
    them. A field the batch itself changed after creating the contact (an archive's
    recommendation raising closeness) is not compared: its written value is not kept."""
    if not ids:
        return set()
    written: dict[int, dict] = {}
    by_batch: set[tuple[int, str]] = set()
    for cid, field, value in conn.execute(
        "SELECT contact_id, field, old_value FROM import_change WHERE batch_id = ?", (bid,)
    ):
        if field == WRITTEN:
            written[cid] = json.loads(value)
        else:
            by_batch.add((cid, field))
    defaults = dict(zip(USER_FIELDS, DEFAULT_USER_FIELDS, strict=True))
    out = set()
    for row in conn.execute(
        f"SELECT id, {', '.join(USER_FIELDS)} FROM contact WHERE id IN ({_ids_sql(ids)})"
    ):
        cid = row[0]
        expected = {**defaults, **written.get(cid, {})}
        if any(
            _plain(field, value) != _plain(field, expected[field])
            for field, value in zip(USER_FIELDS, row[1:], strict=True)
            if (cid, field) not in by_batch
        ):
            out.add(cid)
    return out


def _plain(field: str, value: object) -> object:
    """A user field as compared: a number, a day, or text ("" and None alike)."""
    if field == "closeness":
        return int(value or 0)
    if field == "next_follow_up":
        return str(value)[:10] if value else ""
    return str(value or "")


def _restore_changes(conn: sqlite3.Connection, bid: int) -> set[int]:
    touched: set[int] = set()
    rows = conn.execute(
        "SELECT contact_id, field, old_value FROM import_change WHERE batch_id = ? "
        "AND field != ? ORDER BY id",
        (bid, WRITTEN),
    ).fetchall()
    # the first change a later import (not undone) made to each of these fields
    later: dict[tuple[int, str], int] = {}
    for change_id, contact_id, field in conn.execute(
        "SELECT ic.id, ic.contact_id, ic.field FROM import_change ic "
        "JOIN import_batch b ON b.id = ic.batch_id "
        "WHERE ic.batch_id > ? AND b.undone = 0 AND ic.contact_id IN "
        "(SELECT contact_id FROM import_change WHERE batch_id = ?) "
        "ORDER BY ic.batch_id DESC, ic.id DESC",
        (bid, bid),
    ):
        later[(contact_id, field)] = change_id  # the earliest is written last
    for contact_id, field, old in rows:
        change_id = later.get((contact_id, field))
        if change_id is not None:
            # a later import changed this field again: its value stays, and undoing that
            # import later puts back what was there before this one
            conn.execute("UPDATE import_change SET old_value = ? WHERE id = ?", (old, change_id))
            continue
        touched.add(contact_id)
        if field == "company":
            conn.execute(
                "UPDATE contact SET company_id = ? WHERE id = ?",
                (int(old) if old else None, contact_id),
            )
        elif field == "connected_on":
            conn.execute("UPDATE contact SET connected_on = ? WHERE id = ?", (old, contact_id))
        elif field == "import_digest":  # the file row the contact was last written from
            digest = int(old) if old else None
            conn.execute("UPDATE contact SET import_digest = ? WHERE id = ?", (digest, contact_id))
        elif field == "closeness":
            conn.execute(
                "UPDATE contact SET closeness = ? WHERE id = ?", (int(old or 0), contact_id)
            )
        elif field in ("first_name", "last_name"):  # an address-named contact's name
            conn.execute(f"UPDATE contact SET {field} = ? WHERE id = ?", (old or "", contact_id))
            conn.execute(
                "UPDATE contact SET name_key = ? WHERE id = ?",
                (name_key(*conn.execute(
                    "SELECT first_name, last_name FROM contact WHERE id = ?", (contact_id,)
                ).fetchone()), contact_id),
            )  # fmt: skip
        elif field in TEXT_FIELDS:
            conn.execute(f"UPDATE contact SET {field} = ? WHERE id = ?", (old or "", contact_id))
            if field == "email":
                conn.execute(
                    "UPDATE contact SET email_key = ? WHERE id = ?", (email_key(old), contact_id)
                )
            elif field == "linkedin_url":
                conn.execute(
                    "UPDATE contact SET url_key = ? WHERE id = ?", (url_key(old), contact_id)
                )
    return touched


def _refresh_search_text(conn: sqlite3.Connection, ids: set[int]) -> None:
    if not ids:
        return
    rows = conn.execute(
        "SELECT c.id, c.first_name, c.last_name, co.name, c.position, c.email, c.tags "
        "FROM contact c LEFT JOIN company co ON co.id = c.company_id "
        f"WHERE c.id IN ({_ids_sql(list(ids))})"
    ).fetchall()
    conn.executemany(
        "UPDATE contact SET search_text = ? WHERE id = ?",
        [(search_text(*r[1:]), r[0]) for r in rows],
    )

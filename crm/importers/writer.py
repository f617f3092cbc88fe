"""What an import found, queued and written: new contacts (and their companies), updates
with their "moved to" interactions and change records, in bulk at the end."""

from __future__ import annotations

import json

from crm.importers.records import (
    COMPANY,
    CONNECTED,
    EKEY,
    EMAIL,
    FIRST,
    ID,
    LAST,
    NEW,
    PHONE,
    POSITION,
    TAGS,
    UKEY,
    URL,
    ImportResult,
)
from crm.importers.user_fields import user_fields

INSERT_CONTACT = (
    "INSERT INTO contact (first_name, last_name, name_key, email, email_key, phone, "
    "linkedin_url, url_key, company_id, position, connected_on, source, closeness, stage, "
    "next_follow_up, tags, notes, search_text, created_at, updated_at, archived, batch_id, "
    "import_digest) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
UPDATE_CONTACT = (
    "UPDATE contact SET company_id=?, position=?, email=?, email_key=?, phone=?, "
    "linkedin_url=?, url_key=?, connected_on=?, search_text=?, updated_at=?, import_digest=? "
    "WHERE id=?"
)
# A new contact straight from a LinkedIn row: what is the same for every row is written into
# the statement (binding ten constant values per row costs a third of the insert).
QUICK_CONTACT = (
    "INSERT INTO contact (first_name, last_name, name_key, email, email_key, phone, "
    "linkedin_url, url_key, company_id, position, connected_on, source, closeness, stage, "
    "next_follow_up, tags, notes, search_text, created_at, updated_at, archived, batch_id, "
    "import_digest) "
    "VALUES (?,?,?,?,?,'',?,?,?,?,?,{source},0,'identified',NULL,'','',?,{now},{now},0,{batch},?)"
)
INSERT_COMPANY = (
    "INSERT INTO company (id, name, name_key, industry, website, is_target, priority, notes, "
    "created_at, batch_id) VALUES (?,?,?,'','',0,0,'',?,?)"
)
INSERT_INTERACTION = (
    "INSERT INTO interaction (contact_id, kind, date, minutes, notes, resume_feedback, "
    "asked_to_recommend, answer, why_not, created_at, batch_id) VALUES (?,?,?,0,?,'',0,'','',?,?)"
)
INSERT_CHANGE = (
    "INSERT INTO import_change (batch_id, contact_id, field, old_value) VALUES (?,?,?,?)"
)


def _literal(text: str) -> str:
    """An SQL string literal."""
    return "'" + str(text).replace("'", "''") + "'"


# import_change rows of this field hold what the file gave a new contact (not an old value)
WRITTEN = "written"
USER_FIELDS = ("closeness", "stage", "next_follow_up", "tags", "notes")  # INSERT_CONTACT 12-16
DEFAULT_USER_FIELDS = (0, "identified", None, "", "")  # what QUICK_CONTACT writes

BULK_ROWS = 5000  # from this many new rows (and more than there were), rebuild the indexes


class BulkWriter:
    """Mixed into Engine: everything that touches the database after matching."""

    # --- what a row adds ------------------------------------------------------------------

    def _create(self, number, first, last, url, ukey, email, ekey, nkey, company, ckey,
                position, conn_iso, phone, extra, dig=None) -> None:  # fmt: skip
        fields = user_fields(extra)
        if isinstance(fields, str):
            self.result.skipped.append((number, fields))
            return
        closeness, stage, tags, notes, follow_up, archived = fields
        cid = self.new_company_id(company, ckey)
        cname = self.company_names[cid] if cid else ""
        search = " ".join(filter(None, (first, last, cname, position, email, tags))).casefold()
        self.inserts.append(
            (first, last, nkey, email, ekey, phone, url, ukey, cid, position, conn_iso,
             self.source, closeness, stage, follow_up, tags, notes, search, self.now, self.now,
             archived, self.batch_id, dig)
        )  # fmt: skip
        rec = [None, None, None, ukey, ekey, nkey, cid, None, None, None, None,
               None if ukey else conn_iso, tags, number, True]  # fmt: skip
        self.new_recs.append(rec)
        self._index(rec, ckey)
        self.result.created += 1

    def _update(self, rec, url, ukey, email, ekey, company, ckey, position, conn_iso, phone,
                dig=None):  # fmt: skip
        cid_old = rec[COMPANY]
        old_ckey = self.company_keys.get(cid_old, "") if cid_old else ""
        moved = None
        changed: list[tuple[str, object]] = []
        if self.source == "linkedin" and not ukey and rec[UKEY]:
            # a LinkedIn row without a profile URL is from an export older than the one that
            # gave this contact theirs (URLs came in 2023): its company and title are stale
            company = position = ""
        if company and ckey != old_ckey:
            cid = self.new_company_id(company, ckey)
            changed.append(("company", cid_old))
            if position != rec[POSITION]:
                changed.append(("position", rec[POSITION]))
            rec[COMPANY], rec[POSITION] = cid, position
            # a company where none was known (an address book without one) is no move
            moved = self.company_names[cid] if old_ckey else None
        elif position and position != rec[POSITION]:
            changed.append(("position", rec[POSITION]))
            known = bool(rec[POSITION])  # a title where none was known is no move either
            rec[POSITION] = position
            moved = (self.company_names.get(cid_old, "") if cid_old else "") if known else None
        if ekey and not rec[EMAIL]:
            changed.append(("email", rec[EMAIL]))
            rec[EMAIL], rec[EKEY] = email, ekey
            self.by_email.setdefault(ekey, rec)
        if phone and not rec[PHONE]:
            changed.append(("phone", rec[PHONE]))
            rec[PHONE] = phone
        if ukey and not rec[UKEY]:
            changed.append(("linkedin_url", self.old_url(rec)))
            rec[URL], rec[UKEY] = url, ukey
            self.by_url[ukey] = rec
        if conn_iso and not rec[CONNECTED]:
            changed.append(("connected_on", rec[CONNECTED]))
            rec[CONNECTED] = conn_iso
        if not changed:
            self.result.unchanged += 1
            return
        self.result.updated += 1
        if rec[NEW]:
            return
        contact_id = rec[ID]
        if dig is not None:  # a LinkedIn row; another source's leaves LinkedIn's digest be
            self.new_digests[contact_id] = dig
        for name, old in changed:
            self.record_change(contact_id, name, old)
        self.updated[contact_id] = rec
        if moved is not None:
            where = f"Moved to {moved}" if moved else "Now"
            note = f"{where} as {rec[POSITION]}" if rec[POSITION] else where
            self.interactions.append(
                (contact_id, "other", self.today, note, self.now, self.batch_id)
            )

    # --- writing ------------------------------------------------------------------------

    def has_writes(self) -> bool:
        return bool(
            self._batch_id is not None
            or self.new_companies
            or self.inserts
            or self.quick
            or self.updated
            or self.interactions
            or self.changes
            or self.other_writes
        )

    def company_id(self, company: str, key: str) -> int | None:
        """The company's id, inserted (with this batch) when new: the row is in the database
        when this returns (the archive import reads and updates it at once)."""
        cid = self.new_company_id(company, key)
        self.write_companies()
        return cid

    def new_company_id(self, company: str, key: str) -> int | None:
        """The company's id; a new one is numbered here and written by write_companies()
        (one executemany for the 1,000-odd companies of a LinkedIn export, before the
        contacts that point at them)."""
        if not key:
            return None
        cid = self.company_ids.get(key)
        if cid is None:
            if self._next_company is None:
                (top,) = self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM company").fetchone()
                self._next_company = top + 1
            cid = self._next_company
            self._next_company += 1
            self.new_companies.append((cid, company, key, self.now, self.batch_id))
            self.company_ids[key] = cid
            self.company_names[cid] = company
            self.company_keys[cid] = key
        return cid

    def write_companies(self) -> None:
        if self.new_companies:
            self.conn.executemany(INSERT_COMPANY, self.new_companies)
            self.new_companies = []

    def _write_inserts(self) -> None:
        """Insert the pending new contacts with one executemany per kind and learn their ids.

        For a big first import the contact indexes are dropped before the first chunk and
        built once in flush(): building from sorted keys costs about a third less than
        growing them row by row. All inside the import's transaction, so a failure or a
        kill puts them back unchanged.
        """
        self.write_companies()  # first: the contacts point at them
        pending = len(self.inserts) + len(self.quick)
        if not pending:
            return
        conn = self.conn
        if not self._chunks and pending >= BULK_ROWS and pending >= self.existing:
            self._dropped = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = 'contact' AND sql IS NOT NULL"
            ).fetchall()
            for name, _sql in self._dropped:
                conn.execute(f'DROP INDEX "{name}"')
        self._chunks += 1
        if self.inserts:
            self._insert_many(INSERT_CONTACT, self.inserts, self.new_recs)
        if self.quick:
            sql = QUICK_CONTACT.format(
                source=_literal(self.source), now=_literal(self.now), batch=int(self.batch_id)
            )
            self._insert_many(sql, self.quick, self.quick_recs)

    def _insert_many(self, sql: str, rows: list[tuple], recs: list[list]) -> None:
        conn = self.conn
        (before,) = conn.execute("SELECT COALESCE(MAX(id), 0) FROM contact").fetchone()
        conn.executemany(sql, rows)
        (last,) = conn.execute("SELECT MAX(id) FROM contact").fetchone()
        if last - before == len(rows):
            # n new rows, all above `before`, in a range of n ids: exactly that range
            ids = range(before + 1, last + 1)
        else:
            ids = [i for (i,) in conn.execute(
                "SELECT id FROM contact WHERE id > ? ORDER BY id", (before,)
            )]  # fmt: skip
        if self.keep_ids:
            for rec, cid in zip(recs, ids, strict=True):
                rec[ID] = cid
                rec[NEW] = False
        if sql is INSERT_CONTACT:
            self._record_written(rows, ids)
        rows.clear()  # in place: the row loop holds these lists
        recs.clear()

    def _record_written(self, rows: list[tuple], ids) -> None:
        """The user's own fields as the file gave them (closeness, stage, follow-up, tags,
        notes), for contacts it did not leave at the defaults: undoing the import keeps a
        contact whose fields the user has changed since (see undo.written_since)."""
        written = [
            (
                self.batch_id,
                cid,
                WRITTEN,
                json.dumps(dict(zip(USER_FIELDS, row[12:17], strict=True))),
            )
            for row, cid in zip(rows, ids, strict=True)
            if row[12:17] != DEFAULT_USER_FIELDS
        ]
        if written:
            self.conn.executemany(INSERT_CHANGE, written)

    def flush(self) -> None:
        """Write the pending contacts, updates, interactions and change records."""
        conn = self.conn
        self._write_inserts()  # the new companies first, then the contacts
        if self._dropped:
            for _name, sql in self._dropped:
                conn.execute(sql)
            self._dropped = []
        if self.updated:
            self.fill_details(list(self.updated.values()))  # names, URL, tags (see known.py)
            names = self.company_names
            digests = self.new_digests
            # the digests they had, for an undo, and kept by an update from another source:
            # the LinkedIn row a contact was last written from still says nothing new, so
            # LinkedIn and an address book that disagree on a title do not undo each other on
            # every import (the newer word stays until either source changes its own)
            had = {cid: d for d, cid in self.digests.values() if cid in self.updated}
            for cid, digest in digests.items():
                if had.get(cid) != digest:
                    self.record_change(cid, "import_digest", had.get(cid))
            rows = []
            for cid, rec in self.updated.items():
                cname = names.get(rec[COMPANY], "") if rec[COMPANY] else ""
                search = " ".join(
                    p.casefold()
                    for p in (rec[FIRST], rec[LAST], cname, rec[POSITION], rec[EMAIL], rec[TAGS])
                    if p
                )
                rows.append(
                    (rec[COMPANY], rec[POSITION], rec[EMAIL], rec[EKEY], rec[PHONE], rec[URL],
                     rec[UKEY], rec[CONNECTED], search, self.now, digests.get(cid, had.get(cid)),
                     cid)
                )  # fmt: skip
            conn.executemany(UPDATE_CONTACT, rows)
            self.updated = {}
        if self.interactions:
            conn.executemany(INSERT_INTERACTION, self.interactions)
            self.interactions = []
        if self.changes:
            conn.executemany(INSERT_CHANGE, self.changes)
            self.changes = []

    def finish(self) -> ImportResult:
        """Flush and record the batch; an import that changed nothing writes nothing."""
        r = self.result
        if not self.has_writes():
            return r
        self.flush()
        r.batch = self.batch_id
        self.conn.execute(
            "UPDATE import_batch SET rows=?, created=?, updated=?, unchanged=?, skipped=? "
            "WHERE id=?",
            (r.rows, r.created, r.updated, r.unchanged, len(r.skipped), r.batch),
        )
        return r

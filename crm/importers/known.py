"""The contacts and companies already in the database, as an import matches rows to them.

Every contact an import creates or updates from a row of LinkedIn's columns keeps a digest
of that row (`contact.import_digest`, the CRC-32 of its seven cells). Re-importing the same
export, most rows are exactly the rows their contacts were written from: a row whose profile
URL and digest both match a contact's counts as unchanged without loading any contact (a
LinkedIn re-import with nothing new loads only profile keys and digests). A changed row
whose CRC still matched would have to be the same person's row with a 1-in-4-billion
coincidence. What the user has edited since stays as it is: the file has nothing new.

At the first row no digest knows, the contacts are loaded, and only what matching and the
"anything new?" test read: the keys, company, position, email, phone and date. Names,
profile URL and tags are fetched for the few contacts an import updates (their search text
is rebuilt), and the name + company index is built on first use: a LinkedIn re-import
matches every row by its profile URL and never needs it.
"""

from __future__ import annotations

import sqlite3

from crm.importers.records import (
    COMPANY,
    CONNECTED,
    EKEY,
    FIRST,
    ID,
    LAST,
    NKEY,
    POSITION,
    ROW,
    TAGS,
    UKEY,
    URL,
    ImportResult,
)

# Same layout as records.ID..TAGS; NULL where a field is fetched only when needed.
_LOAD = (
    "SELECT id, NULL, NULL, url_key, email_key, name_key, company_id, position, email, phone, "
    "NULL, connected_on, NULL FROM contact"
)
_MISSING = "SELECT id, first_name, last_name, linkedin_url, tags FROM contact WHERE id IN ({})"


class KnownContacts:
    """Mixed into Engine: the dicts a row is matched against."""

    conn: sqlite3.Connection
    result: ImportResult
    urlless: bool

    def _load_digests(self) -> None:
        self.digests: dict[str, tuple[int, int]] = {
            key: (digest, cid)
            for key, digest, cid in self.conn.execute(
                "SELECT url_key, import_digest, id FROM contact WHERE import_digest IS NOT NULL "
                "AND url_key IS NOT NULL"
            )
        }
        self.hit_rows: dict[int, int] = {}  # contact -> the row its digest matched
        # New contacts of this file without a profile URL, by name and the day LinkedIn
        # connected us: two rows of one name and one company on different days are two
        # people (an export never lists a connection twice), see other_day
        self.file_days: dict[tuple[str, str], list] = {}
        # New contacts with a profile URL, not yet in the name index: by name only a row
        # without a URL can match them (see find), so they are indexed when one comes.
        self.later_names: list[list] = []
        self.by_id: dict[int, list] = {}
        self.loaded = False
        # Stored contacts sharing a name and a company (made by hand, say): each row of
        # that name is matched to one of them, see namesake
        self.namesakes: dict[tuple[str, str], list[list]] = {}

    def digest_hit(self, contact_id: int, number: int) -> None:
        """Row `number` is the row this contact was last written from: unchanged, unless an
        earlier row of this file was the same person."""
        result = self.result
        result.rows += 1
        if self.loaded:
            rec = self.by_id[contact_id]
            first = rec[ROW]
            if not first:
                rec[ROW] = number
        else:
            first = self.hit_rows.setdefault(contact_id, number)
            if first == number:
                first = 0
        if first:
            result.skipped.append((number, f"the same person as row {first}"))
        else:
            result.unchanged += 1

    def _load(self) -> None:
        self.loaded = True
        cur = self.conn.cursor()
        self.company_ids: dict[str, int] = {}
        self.company_names: dict[int, str] = {}
        self.company_keys: dict[int, str] = {}
        for cid, name, key in cur.execute("SELECT id, name, name_key FROM company"):
            self.company_ids[key] = cid
            self.company_names[cid] = name
            self.company_keys[cid] = key
        recs = [[*row, 0, False] for row in cur.execute(_LOAD)]
        self.existing = len(recs)
        if self.digests:  # a digest hit finds its contact by id (and marks its row)
            self.by_id = {r[ID]: r for r in recs}
            for contact_id, number in self.hit_rows.items():
                self.by_id[contact_id][ROW] = number
        # Comprehensions, not a call per contact. Email and name keep the first contact
        # that has them: built from the last one back.
        self.by_url: dict[str, list] = {r[UKEY]: r for r in recs if r[UKEY]}
        self.by_email: dict[str, list] = {r[EKEY]: r for r in reversed(recs) if r[EKEY]}
        # People stored without a profile URL (from a 2021-2023 export, say), by name and
        # the day LinkedIn connected us: the same person in a newer export that has moved
        # company matches neither URL nor name + company, and the day is theirs alone.
        # A file without a URL column (2021-2023) also finds people stored with a URL this
        # way: a newer export gave them one, and they may have moved company since.
        urlless = self.urlless
        self.by_day: dict[tuple[str, str], list] = {
            (r[NKEY], str(r[CONNECTED])[:10]): r
            for r in reversed(recs)
            if r[CONNECTED] and r[NKEY] and (urlless or not r[UKEY])
        }
        self._loaded = recs
        self._by_name: dict[tuple[str, str], list] | None = None
        self._name_aliases: list[tuple[tuple[str, str], list]] = []
        aliases = cur.execute("SELECT contact_id, kind, key FROM contact_alias").fetchall()
        if aliases:  # what merged-away duplicates were known by (rare): after the real keys
            by_id = self.by_id or {r[ID]: r for r in recs}
            for contact_id, kind, key in aliases:
                rec = by_id.get(contact_id)
                if rec is None:
                    continue
                if kind == "email":
                    self.by_email.setdefault(key, rec)
                elif kind == "name":
                    nkey, _, ckey = key.partition("\x00")
                    self._name_aliases.append(((nkey, ckey), rec))

    @property
    def by_name(self) -> dict[tuple[str, str], list]:
        """(name key, company key) -> contact, built on first use, complete when read."""
        ckeys = self.company_keys
        if self._by_name is None:
            named = [r for r in self._loaded if r[NKEY]]
            self._by_name = {
                (r[NKEY], ckeys.get(r[COMPANY], "") if r[COMPANY] else ""): r
                for r in reversed(named)
            }
            if len(self._by_name) < len(named):  # rare: the groups of namesakes
                groups: dict[tuple[str, str], list[list]] = {}
                for r in named:
                    key = (r[NKEY], ckeys.get(r[COMPANY], "") if r[COMPANY] else "")
                    groups.setdefault(key, []).append(r)
                self.namesakes = {k: g for k, g in groups.items() if len(g) > 1}
            for key, rec in self._name_aliases:
                self._by_name.setdefault(key, rec)
            self._loaded = []
        if self.later_names:
            index = self._by_name
            for r in self.later_names:  # in row order: the first of a name keeps it
                index.setdefault((r[NKEY], ckeys.get(r[COMPANY], "") if r[COMPANY] else ""), r)
            self.later_names.clear()  # in place: the row loop holds this list
        return self._by_name

    def _index(self, rec: list, ckey: str) -> None:
        if rec[UKEY]:
            self.by_url[rec[UKEY]] = rec
        elif rec[NKEY] and rec[CONNECTED]:
            self.file_days.setdefault((rec[NKEY], rec[CONNECTED]), rec)
        if rec[EKEY]:
            self.by_email.setdefault(rec[EKEY], rec)
        if rec[NKEY]:
            self.by_name.setdefault((rec[NKEY], ckey), rec)

    def find(self, ukey: str | None, ekey: str, nkey: str, ckey: str) -> list | None:
        """The contact this row is, by URL, else email, else name + company."""
        if ukey:
            rec = self.by_url.get(ukey)
            if rec is not None:
                return rec
        if ekey:
            rec = self.by_email.get(ekey)
            if rec is not None and not (ukey and rec[UKEY]):
                return rec
        if nkey:
            # a row with a URL matches only contacts without one by name: those are indexed
            # at once, the others (later_names) only when a row without a URL comes
            index = self._by_name if ukey and self._by_name is not None else self.by_name
            rec = index.get((nkey, ckey))
            if (
                rec is not None
                and not (ukey and rec[UKEY])
                and not (ekey and rec[EKEY] and rec[EKEY] != ekey)
            ):
                return rec
        return None

    def namesake(self, rec: list, row: tuple, apart: bool) -> list | None:
        """`rec` matched this row by name + company alone: the one of that name this row is.

        Among stored namesakes not yet matched by an earlier row, the one in the same
        position, else the first. When all are taken: in a file where each row is another
        person (a Vouch report lists every contact once), a new contact (None); elsewhere
        `rec`, which the caller skips as a repeated row.
        """
        ukey, ekey, nkey, ckey, position = row
        if (ukey and rec[UKEY] == ukey) or (ekey and rec[EKEY] == ekey):
            return rec  # matched by a key of its own: the same person
        group = self.namesakes.get((nkey, ckey))
        if group:
            free = [r for r in group if not r[ROW]]
            for r in free:
                if r[POSITION] == position:
                    return r
            if free:
                return free[0]
        return None if apart and rec[ROW] else rec

    def other_day(self, rec: list, ukey: str | None, nkey: str, day: str) -> list | None:
        """`rec` matched this row by name, but LinkedIn connected us on another day: the one
        of this name connected that day (stored or earlier in this file); else, when `rec` is
        already this file's (an earlier row), nobody yet (a new person); else `rec` still (a
        stored contact whose day may come from another source)."""
        alt = self.by_day.get((nkey, day)) or self.file_days.get((nkey, day))
        if alt is not None and alt is not rec and not (ukey and alt[UKEY]):
            return alt
        return None if rec[ROW] else rec

    def find_by_day(self, ukey: str | None, ekey: str, nkey: str, day: str) -> list | None:
        """A contact without a profile URL, of this name, connected on this day."""
        rec = self.by_day.get((nkey, day))
        if rec is None or (ukey and rec[UKEY]) or (ekey and rec[EKEY] and rec[EKEY] != ekey):
            return None
        return rec

    def _match_state(self) -> tuple:
        """The dicts the row loop holds in locals: (by URL, by email, by name + company or
        None until first use, by name + day, company ids, company names); all None before
        `_load()`."""
        if not self.loaded:
            return None, None, None, None, None, None
        return (self.by_url, self.by_email, self._by_name, self.by_day, self.company_ids,
                self.company_names)  # fmt: skip

    def old_url(self, rec: list) -> str:
        """The stored profile URL of a loaded contact (not loaded up front)."""
        if rec[URL] is None:
            row = self.conn.execute(
                "SELECT linkedin_url FROM contact WHERE id = ?", (rec[ID],)
            ).fetchone()
            rec[URL] = row[0] if row else ""
        return rec[URL]

    def fill_details(self, recs: list[list]) -> None:
        """Names, URL and tags of the contacts about to be updated (None until now)."""
        todo = {rec[ID]: rec for rec in recs if rec[FIRST] is None and rec[ID]}
        ids = list(todo)
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            sql = _MISSING.format(",".join("?" * len(part)))
            for cid, first, last, url, tags in self.conn.execute(sql, part):
                rec = todo[cid]
                rec[FIRST], rec[LAST] = first, last
                if rec[URL] is None:
                    rec[URL] = url
                if rec[TAGS] is None:
                    rec[TAGS] = tags

"""Match imported rows to contacts and write the differences in one bulk transaction.

Existing keys are loaded once into dicts; new contacts go in with one `executemany`;
rows that match and hold nothing new write nothing (see performance.md). A row identical to
the one its contact was last written from is unchanged by its digest alone (known.py).
Match order: profile URL key, else email key, else name key + company key. A key only
matches a contact whose other keys do not contradict it (same name, different URL =
a different person).
"""

from __future__ import annotations

import datetime as dt
import logging
import zlib
from collections.abc import Callable, Iterable

from crm.errors import InputError
from crm.importers import odd_rows
from crm.importers.dates import linkedin_iso, parse_date
from crm.importers.detect import QUOTE_PROBLEM
from crm.importers.keys import (
    LI_CUT,
    LI_PREFIX,
    LI_SLUG,
    NAME_PARTS,
    company_name_key,
    fast_url_key,
    first_email,
    first_value,
    name_part_key,
    split_full_name,
)
from crm.importers.known import KnownContacts
from crm.importers.odd_rows import bad_dates_note, is_preamble, overlong, without_errors
from crm.importers.records import (
    CHECK_EVERY,
    COMPANY,
    CONNECTED,
    DATE_CACHE,
    EKEY,
    EMAIL,
    PHONE,
    POSITION,
    ROW,
    UKEY,
    ImportResult,
    _text,
    stop_if_cancelled,
)
from crm.importers.row_layout import row_layout
from crm.importers.writer import BulkWriter
from crm.store.models import db

log = logging.getLogger(__name__)

CHUNK = 20_000  # new contacts written this many at a time: memory stays flat on big files
# Vouch is sized for 30,000 contacts (LinkedIn's cap) and stays usable at 100,000; the keys of
# every row seen are held for matching (~600 bytes a row), so a bigger file is refused.
MAX_ROWS = 250_000


__all__ = ["CHUNK", "MAX_ROWS", "Engine", "ImportResult"]


class Engine(KnownContacts, BulkWriter):
    """One import's matching state; `finish()` writes everything it found."""

    def __init__(
        self,
        *,
        file: str,
        format: str,
        encoding: str = "",
        delimiter: str = "",
        source: str = "spreadsheet",
        today: dt.date | None = None,
        lazy: bool = False,
    ):
        self.conn = db.connection()
        self.source = source
        self.today = (today or dt.date.today()).isoformat()
        self.now = dt.datetime.now().replace(microsecond=0).isoformat(" ")
        self.result = ImportResult(file=file, format=format, encoding=encoding, delimiter=delimiter)
        self._batch_id: int | None = None
        self.inserts: list[tuple] = []
        self._chunks = 0
        self._dropped: list[tuple[str, str]] = []
        self.new_recs: list[list] = []
        self.quick: list[tuple] = []  # new contacts from plain LinkedIn rows (QUICK_CONTACT)
        self.quick_recs: list[list] = []
        self.updated: dict[int, list] = {}
        self.new_digests: dict[int, int | None] = {}  # updated contact -> its row's digest
        self.bad_dates: list[tuple[int, str]] = []  # (row, cell): a date cell with no date
        self.interactions: list[tuple] = []
        self.changes: list[tuple] = []
        self._changed_fields: set[tuple[int, str]] = set()
        self.other_writes = 0  # archive work: tags, jobs, targets
        self.new_companies: list[tuple] = []  # numbered, not yet written (write_companies)
        self._next_company: int | None = None
        self._ckeys: dict[str, str] = {}
        # A plain file import (lazy) reads nothing of the new contacts after run(): their ids
        # are not read back (an archive import matches messages to them).
        self.keep_ids = not lazy
        # A CSV in LinkedIn's columns: no cell of it spans lines (formats.md), so a cell that
        # does is a quote never closed (api.import_path sets it)
        self.one_line_cells = False
        self.urlless = False  # set by run(): the file has no profile URL column (see known.py)
        self._load_digests()
        if not lazy:  # a plain file import loads the contacts at its first unknown row
            self._load()

    # --- state ---------------------------------------------------------------------------

    @property
    def batch_id(self) -> int:
        """The ImportBatch row, inserted only once the import has something to write."""
        if self._batch_id is None:
            r = self.result
            cur = self.conn.execute(
                "INSERT INTO import_batch (file, format, encoding, delimiter, started_at, rows, "
                "created, updated, unchanged, skipped, undone) VALUES (?,?,?,?,?,0,0,0,0,0,0)",
                (r.file, r.format, r.encoding, r.delimiter, self.now),
            )
            self._batch_id = cur.lastrowid
        return self._batch_id

    def ckey(self, company: str) -> str:
        key = self._ckeys.get(company)
        if key is None:
            key = self._ckeys[company] = company_name_key(company) if company else ""
        return key

    def record_change(self, contact_id: int, field_name: str, old: object) -> None:
        if (contact_id, field_name) in self._changed_fields:
            return
        self._changed_fields.add((contact_id, field_name))
        self.changes.append(
            (self.batch_id, contact_id, field_name, None if old is None else str(old))
        )

    # --- rows ----------------------------------------------------------------------------

    def run(
        self,
        rows: Iterable[tuple[int, list]],
        mapping: dict[str, str],
        header: list[str],
        *,
        total: int = 0,
        width: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportResult:
        """Match every row of a table whose columns are `mapping` (field -> header name).

        The loop is written for speed (30k rows in well under a second): cells are fetched
        with one itemgetter (row_layout.py), short rows are padded, and new contacts take an
        inline path.
        """
        (need, pad, getter, blank, i_full, i_phone, extra_cols, has_extra, digesting,
         self.urlless, hdr_first, hdr_last) = row_layout(mapping, header)  # fmt: skip
        crc32 = zlib.crc32
        digests, digest_hit = self.digests, self.digest_hit
        if not digests and not self.loaded:
            self._load()  # no digest to skip a row by: every row is matched
        loaded = self.loaded
        by_url, by_email, by_name, by_day, company_ids, company_names = self._match_state()
        result = self.result
        skipped = result.skipped
        find, create, update = self.find, self._create, self._update
        new_company_id = self.new_company_id
        quick, quick_recs = self.quick, self.quick_recs
        later_names = self.later_names
        file_days = self.file_days
        ckeys, ckey_of = self._ckeys, self.ckey
        date_cache = DATE_CACHE
        name_parts = NAME_PARTS
        width = width or 1 << 30  # cells in a whole row (see detect.Table.width)
        bad_dates = self.bad_dates
        spanning: list[int] = []  # rows with a cell that spans lines (typed line breaks)
        apart = self.result.format == "vouch"  # each row another contact: see namesake
        n = 0
        for number, row in rows:
            n += 1
            if n % CHECK_EVERY == 0:
                if n > MAX_ROWS:
                    raise InputError(
                        f"has more than {MAX_ROWS:,} rows, more contacts than Vouch imports at "
                        "once (LinkedIn allows 30,000 connections); split the file into parts "
                        "and import them one after another",
                        file=self.result.file,
                        row=number,
                    )
                stop_if_cancelled(cancelled)
                if progress is not None:
                    progress(n, max(total, n))
            if len(row) < need:
                row = [*row, *pad[: need - len(row)]]
            elif len(row) > width and (why := overlong(row, width)):
                result.rows += 1
                skipped.append((number, why))
                continue
            if blank:
                row.append("")
            first, last, url, email, company, position, connected = texts = getter(row)
            dig = None
            try:  # the seven cells as one text (a CSV's cells are all text): one check for
                # extra spaces and Excel's errors in them all, and the row's digest
                joined = "\x00".join(texts)
            except TypeError:  # numbers or dates in a workbook
                first, last, url, email, company, position = without_errors(
                    [_text(v) for v in texts[:6]]
                )
            else:  # clean the cells only when one has extra spaces
                if digesting:
                    dig = crc32(joined.encode())
                    # the very row this contact was last written from (same profile, same CRC)
                    if digests and url.startswith(LI_PREFIX):
                        known = digests.get(url[LI_CUT:].rstrip("/").casefold())
                        if known is not None and known[0] == dig:
                            digest_hit(known[1], number)
                            continue
                if " \x00" in joined or "\x00 " in joined or " ".join(joined.split()) != joined:
                    if self.one_line_cells and ("\n" in joined or "\r" in joined):
                        # no LinkedIn export spans lines: a quote never closed swallowed rows,
                        # unless the lines were typed into the cell in a spreadsheet program
                        if odd_rows.swallowed_rows(texts, result.delimiter or ","):
                            raise InputError(QUOTE_PROBLEM, file=self.result.file, row=number)
                        spanning.append(number)
                    first, last, url, email, company, position = [
                        " ".join(v.split()) for v in texts[:6]
                    ]
                if "#" in joined:  # #N/A and the like: Excel's errors are no value
                    first, last, url, email, company, position = without_errors(
                        (first, last, url, email, company, position)
                    )
            if not first and not last and i_full is not None:
                first, last = split_full_name(_text(row[i_full]))
            if not first and not last and email and not company and (first := first_email(email)):
                pass  # an address book's entry of only an email: named by it, as Google does
            elif not first and not last:
                if not any(_text(v) for v in row):
                    n -= 1  # a blank line is not a row
                    continue
                result.rows += 1
                if not url and not email and not company and not position and connected:
                    skipped.append((number, "only a date: the person has left LinkedIn"))
                else:
                    skipped.append((number, "no name"))
                continue
            if first == hdr_first and last == hdr_last:  # two files pasted together
                result.rows += 1
                skipped.append((number, "repeats the header row"))
                continue
            if not last and not url and not company and is_preamble(first):
                result.rows += 1
                skipped.append((number, "LinkedIn's export note, not a person"))
                continue
            if not loaded:  # the first named row no digest knows: load the contacts to match it
                self._load()
                loaded = True
                by_url, by_email, by_name, by_day, company_ids, company_names = self._match_state()
            result.rows += 1
            extra = None
            if has_extra:
                extra = {f: row[i] for f, i in extra_cols}
                if i_phone is not None:
                    extra["phone"] = first_value(_text(row[i_phone]))
            # keys (fast paths of crm.normalize, see keys.py)
            if url:
                if url.startswith(LI_PREFIX) and not ("%" in url or "?" in url or "#" in url):
                    ukey = url[LI_CUT:].rstrip("/").casefold()
                    if len(ukey) <= LI_SLUG or ukey[LI_SLUG] == "/":
                        ukey = None  # no member in it
                else:
                    ukey = fast_url_key(url) if " " not in url else None
                if ukey is None:
                    url = ""
            else:
                ukey = None
            if email:
                email = first_email(email)
            ekey = email.casefold() if email else ""
            rec = by_url.get(ukey) if ukey else None
            if rec is None:  # the name key only matters to a row its URL did not match
                a = name_parts.get(first)  # fast_name_key, inline
                if a is None:
                    a = name_part_key(first)
                b = name_parts.get(last)
                if b is None:
                    b = name_part_key(last)
                nkey = f"{a} {b}" if a and b else a or b
                if by_name is None:
                    by_name = self.by_name
            else:
                nkey = ""
            ckey = ckeys.get(company)
            if ckey is None:
                ckey = ckey_of(company)
            if connected:
                conn_iso = date_cache.get(connected)
                if conn_iso is None:
                    conn_iso = linkedin_iso(connected) if type(connected) is str else ""
                    if not conn_iso:
                        day = parse_date(connected)
                        conn_iso = day.isoformat() if day else ""
                    if type(connected) is str and len(date_cache) < 200_000:
                        date_cache[connected] = conn_iso
                if not conn_iso:
                    bad_dates.append((number, str(connected)))
                conn_iso = conn_iso or None
            else:
                conn_iso = None
            phone = extra.get("phone", "") if extra else ""
            if rec is None and not ukey and later_names:
                by_name = self.by_name  # a row without a URL matches anyone by name: index all
            if rec is None and (ekey or (by_name and (nkey, ckey) in by_name)):
                rec = find(ukey, ekey, nkey, ckey)
                if rec is not None and (self.namesakes or apart and rec[ROW]):
                    rec = self.namesake(rec, (ukey, ekey, nkey, ckey, position), apart)
                if (
                    rec is not None
                    and conn_iso
                    and rec[CONNECTED]
                    and str(rec[CONNECTED])[:10] != conn_iso
                    and not (ukey and rec[UKEY] == ukey)
                    and not (ekey and rec[EKEY] == ekey)
                ):  # by name alone, and connected on another day: maybe someone else
                    rec = self.other_day(rec, ukey, nkey, conn_iso)
            if rec is None and by_day and nkey and conn_iso:
                rec = self.find_by_day(ukey, ekey, nkey, conn_iso)
            if rec is None:
                if extra is not None:
                    create(number, first, last, url, ukey, email, ekey, nkey, company, ckey,
                           position, conn_iso, phone, extra, dig)  # fmt: skip
                    continue
                # the common case, inline: a new contact from a LinkedIn export
                if ckey:
                    cid = company_ids.get(ckey) or new_company_id(company, ckey)
                    cname = company_names[cid]
                else:
                    cid, cname = None, ""
                # crm.normalize.search_text: the non-empty parts, casefolded (one f-string and
                # one casefold; an empty part leaves a double or outer space to squeeze)
                search = (
                    f"{first} {last} {cname} {position} {ekey}"
                    if ekey
                    else f"{first} {last} {cname} {position}"
                ).casefold()
                if "  " in search or search[0] == " " or search[-1] == " ":
                    search = " ".join(search.split())
                quick.append(
                    (first, last, nkey, email, ekey, url, ukey, cid, position, conn_iso, search,
                     dig)
                )  # fmt: skip
                # only the keys: the row's strings leave with its chunk (memory stays flat)
                rec = [None, None, None, ukey, ekey, nkey, cid, None, None, None, None,
                       None if ukey else conn_iso, "", number, True]  # fmt: skip
                quick_recs.append(rec)
                if ukey:
                    by_url[ukey] = rec
                if ekey:
                    by_email.setdefault(ekey, rec)
                if nkey:
                    if ukey:  # by name, only rows without a URL can match it: index it late
                        later_names.append(rec)
                    else:
                        by_name.setdefault((nkey, ckey), rec)
                        if conn_iso:
                            file_days.setdefault((nkey, conn_iso), rec)
                result.created += 1
                if len(quick) >= CHUNK:
                    self._write_inserts()
            elif rec[ROW]:
                skipped.append((number, f"the same person as row {rec[ROW]}"))
            else:
                rec[ROW] = number
                if (
                    (not company or ckey == self.company_keys.get(rec[COMPANY], ""))
                    and (not position or position == rec[POSITION])
                    and (not ekey or rec[EMAIL])
                    and (not phone or rec[PHONE])
                    and (not ukey or rec[UKEY])
                    and (not conn_iso or rec[CONNECTED])
                ):
                    result.unchanged += 1
                else:
                    update(rec, url, ukey, email, ekey, company, ckey, position, conn_iso, phone,
                           dig)  # fmt: skip
        stop_if_cancelled(cancelled)
        if progress is not None:
            progress(n, max(n, 1))
        if bad_dates:
            column = mapping.get("connected_on", "the date")
            result.warnings.append(bad_dates_note(bad_dates, column))
        if spanning:
            result.warnings.append(odd_rows.spanning_note(spanning))
        return result

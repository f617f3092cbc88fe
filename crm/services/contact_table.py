"""The contacts table as plain tuples: loaded by one query, filtered and sorted in Python.

At 30,000-100,000 contacts a Peewee object per row or a Qt proxy model is far too slow
(performance.md). Here every row is one tuple and one lowercased search text; a keystroke
is a list comprehension over those texts, a header click is one `sorted()` over a key
computed once per column.
"""

from __future__ import annotations

import datetime as dt
import logging
from bisect import bisect_right
from collections.abc import Callable, Iterable
from functools import partial
from itertools import accumulate, compress, repeat
from operator import add, contains, is_not, itemgetter, not_

from crm.normalize import clean
from crm.services.referral_chains import degrees
from crm.services.referrals import voucher_ids
from crm.store.models import db

log = logging.getLogger(__name__)

COL_NAME, COL_COMPANY, COL_POSITION, COL_CLOSENESS = 0, 1, 2, 3
COL_DEGREE, COL_STAGE, COL_LAST_CONTACT, COL_NEXT_FOLLOW_UP = 4, 5, 6, 7
HEADERS = (
    "Name",
    "Company",
    "Position",
    "Closeness",
    "Degree",
    "Stage",
    "Last contact",
    "Next follow-up",
)

# Positions inside a row tuple: the eight columns first, then the extra fields.
F_ID, F_EMAIL, F_ARCHIVED, F_VOUCHER, F_TARGET, F_LINKEDIN = 8, 9, 10, 11, 12, 13
F_NAME = COL_NAME

QUICK_FILTERS = ("vouchers", "targets", "due", "archived")

STAGE_ORDER = {"identified": 0, "contacted": 1, "met": 2, "advocate": 3}
CLOSENESS_LABELS = {
    0: "0 · not close",
    1: "1 · acquaintance",
    2: "2 · friendly",
    3: "3 · can vouch",
}

# Columns come out in the row layout above (degree and voucher are filled in Python);
# the name, the date parts and the search text fallback are done by SQLite.
_SQL = """
SELECT TRIM(ct.first_name || ' ' || ct.last_name), COALESCE(co.name, ''), ct.position,
       ct.closeness, ct.stage, SUBSTR(li.last_date, 1, 10),
       NULLIF(SUBSTR(ct.next_follow_up, 1, 10), ''), ct.id, ct.email, ct.archived,
       COALESCE(co.is_target, 0), ct.linkedin_url,
       CASE WHEN ct.search_text != '' THEN ct.search_text
            ELSE LOWER(ct.first_name || ' ' || ct.last_name || ' ' || COALESCE(co.name, '')
                       || ' ' || ct.position || ' ' || ct.email) END
FROM contact ct
LEFT JOIN company co ON co.id = ct.company_id
LEFT JOIN (SELECT contact_id, MAX(date) AS last_date FROM interaction GROUP BY contact_id) li
       ON li.contact_id = ct.id
"""


# The search texts of some rows, or a function that builds them when a next key needs them.
Texts = list[str] | Callable[[], list[str]]


def _picked(texts: list[str], mask: list[bool]) -> list[str]:
    """The texts of the rows a search kept (they stay in the order laid out for scanning)."""
    return list(compress(texts, mask))


class _Subset:
    """Row indexes with their search texts, and one joined string for fast rare-word search."""

    def __init__(self, idx: list[int], texts: list[str]):
        self.idx = idx
        self._texts = texts  # every row's text; this subset's are picked on first search
        self._txt: list[str] | None = None
        self._big: str | None = None
        self._starts: list[int] = []

    @property
    def txt(self) -> list[str]:
        """The search texts of these rows, in order (built on first use: a sort that is not
        followed by a search does not pay for it)."""
        if self._txt is None:
            self._txt = list(map(self._texts.__getitem__, self.idx))
        return self._txt

    def prepare(self) -> str:
        """Build the joined text and row offsets (done once, ideally before the first key)."""
        if self._big is None:
            txt = self.txt
            self._big = "\n".join(txt)
            # Fresh copies of the texts, made one after another, lie in memory in row order:
            # a scan over them reads memory in sequence, twice as fast at 100,000 rows as
            # over the loaded strings, which sit scattered between the other columns' values.
            copies = self._big.split("\n")
            if len(copies) == len(txt):  # a text holding a newline would shift the rows
                self._txt = txt = copies
            # Row r starts after the texts before it and one newline per row: all in C.
            self._starts = list(map(add, accumulate(map(len, txt), initial=0), range(len(txt) + 1)))
        return self._big

    def search(self, word: str) -> tuple[list[int], Texts]:
        """The rows holding `word`, and their texts: a list when they came for free, else a
        function that builds them, called only if another word or key narrows these rows."""
        idx, txt = self.idx, self.txt
        if len(idx) > 2000 and len(word) > 1:  # one letter is in most rows: not worth a count
            big = self.prepare()
            if big.count(word) < len(idx) // 8:
                # Few hits: jump from hit to hit in C instead of testing every row.
                starts, out_i, out_t = self._starts, [], []
                pos = big.find(word)
                while pos != -1:
                    row = bisect_right(starts, pos) - 1
                    out_i.append(idx[row])
                    out_t.append(txt[row])
                    pos = big.find(word, starts[row + 1])
                return out_i, out_t
        mask = list(map(contains, txt, repeat(word)))
        return list(compress(idx, mask)), partial(_picked, txt, mask)

    def texts(self) -> list[str]:
        """The texts of all these rows, for a search that has no word yet (see Texts)."""
        return self.txt


class ContactTable:
    """Every contact as a tuple, with the current sort order and per-row search text."""

    def __init__(self, rows: list[tuple], texts: list[str], today: dt.date | None = None):
        self.rows = rows
        self.texts = texts
        self.today = (today or dt.date.today()).isoformat()
        self._keys: dict[int, list] = {}
        self._orders: dict[tuple[int, bool], list[int]] = {}
        self._by_id = {row[F_ID]: i for i, row in enumerate(rows)}
        self.sort_column = COL_NAME
        self.descending = False
        self.order: list[int] = self._sorted(COL_NAME, False)
        self._last: tuple[str, frozenset[str], list[int], Texts] | None = None
        self._bases: dict[frozenset[str], _Subset] = {}
        self._active: int | None = None

    @classmethod
    def load(cls, today: dt.date | None = None) -> ContactTable:
        """One SQL query for the rows, plus the degree and voucher sets (one query each)."""
        deg = degrees().get
        vouchers = voucher_ids()
        fetched = db.execute_sql(_SQL).fetchall()
        rows = [
            (n, co, pos, cl, deg(cid), st, last, due, cid, em, ar, cid in vouchers, tg, url)
            for n, co, pos, cl, st, last, due, cid, em, ar, tg, url, _text in fetched
        ]
        texts = [r[12] for r in fetched]
        log.debug("contact table loaded: %d rows", len(rows))
        return cls(rows, texts, today)

    def __len__(self) -> int:
        return len(self.rows)

    # --- lookups -------------------------------------------------------------------------

    def contact_id(self, index: int) -> int:
        return self.rows[index][F_ID]

    def index_of(self, contact_id: int) -> int | None:
        return self._by_id.get(contact_id)

    def active_count(self) -> int:
        """Contacts that are not archived (computed once)."""
        if self._active is None:
            self._active = sum(1 for row in self.rows if not row[F_ARCHIVED])
        return self._active

    # --- filter --------------------------------------------------------------------------

    def follow_up_due(self, row: tuple) -> bool:
        """The row's next follow-up is today or earlier (the "due" quick filter)."""
        day = row[COL_NEXT_FOLLOW_UP]
        return bool(day) and day <= self.today

    def filter(self, text: str = "", quick: str | Iterable[str] | None = None) -> list[int]:
        """Row indexes, in the current sort order, where every word of `text` appears.

        Quick filters narrow further: "vouchers", "targets" (people at target companies),
        "due" (follow-up date today or earlier); "archived" shows archived contacts too
        (they are hidden otherwise). The list returned is shared: do not modify it.
        """
        if quick is None:
            quicks: frozenset[str] = frozenset()
        elif isinstance(quick, str):
            quicks = frozenset({quick})
        else:
            quicks = frozenset(quick)
        unknown = quicks - set(QUICK_FILTERS)
        if unknown:
            raise ValueError(f"unknown quick filter {sorted(unknown)[0]!r}")
        query = clean(text).casefold()
        words = query.split()
        last = self._last
        if last and last[0] == query and last[1] == quicks:
            return last[2]  # the same search again (a key that changed nothing, a refresh)
        if last and last[0] and last[1] == quicks and query.startswith(last[0]):
            # One more letter typed: narrow what is already shown.
            idx, txt = last[2], last[3]
        else:
            base = self._base(quicks)
            if words:
                idx, txt = base.search(words[0])
                words = words[1:]
            else:
                idx, txt = base.idx, base.texts  # no word: the texts are not needed yet
        for word in words:
            if not isinstance(txt, list):
                txt = txt()
            mask = list(map(contains, txt, repeat(word)))
            idx, txt = list(compress(idx, mask)), list(compress(txt, mask))
        self._last = (query, quicks, idx, txt)
        return idx

    def prepare(self, quick: Iterable[str] = ()) -> None:
        """Do the one-off work of the first search now (call when the user is idle)."""
        base = self._base(frozenset(quick))
        if len(base.idx) > 2000:
            base.prepare()

    def _base(self, quicks: frozenset[str]) -> _Subset:
        base = self._bases.get(quicks)
        if base is None:
            idx = self._quick(quicks)
            base = self._bases[quicks] = _Subset(idx, self.texts)
        return base

    def _quick(self, quicks: frozenset[str]) -> list[int]:
        rows = self.rows
        out = self.order
        if "archived" not in quicks and self.active_count() < len(rows):
            out = [i for i in out if not rows[i][F_ARCHIVED]]
        if "vouchers" in quicks:
            out = [i for i in out if rows[i][F_VOUCHER]]
        if "targets" in quicks:
            out = [i for i in out if rows[i][F_TARGET]]
        if "due" in quicks:
            due = self.follow_up_due
            out = [i for i in out if due(rows[i])]
        return list(out)

    # --- sort ----------------------------------------------------------------------------

    def sort(self, column: int, descending: bool = False) -> None:
        """Reorder the rows by a column; empty values always come last."""
        if not 0 <= column < len(HEADERS):
            raise ValueError(f"no column {column}")
        self.order = self._sorted(column, descending)
        self.sort_column, self.descending = column, descending
        self._last = None
        self._bases.clear()

    def _sorted(self, column: int, descending: bool) -> list[int]:
        cached = self._orders.get((column, descending))
        if cached is not None:
            return cached
        keys = self._key(column)
        base = self._keys_order_by_name()
        # rows with a value, in name order, then the empty ones (all in C: 100,000 rows)
        if None in keys:
            has = list(map(is_not, map(keys.__getitem__, base), repeat(None)))  # in name order
            present = list(compress(base, has))
            missing = list(compress(base, map(not_, has)))
        else:
            present, missing = list(base), []
        if column != COL_NAME or descending:  # else the name order is the base order itself
            present.sort(key=keys.__getitem__, reverse=descending)
        order = self._orders[(column, descending)] = present + missing
        return order

    def _keys_order_by_name(self) -> list[int]:
        order = self._keys.get(-1)
        if order is None:
            names = self._key(COL_NAME)
            if None in names:
                names = [k if k is not None else -1 for k in names]  # ranks: empty names first
            order = sorted(range(len(self.rows)), key=names.__getitem__)
            self._keys[-1] = order
        return order

    def _key(self, column: int) -> list:
        """Per row, what the column sorts by; None for an empty cell.

        Text sorts case-blind by rank: each distinct value is folded and compared once, and
        the rows are then sorted by small integers (100,000 rows of a thousand companies:
        a third of the time of comparing the folded strings row by row).
        """
        keys = self._keys.get(column)
        if keys is None:
            rows = self.rows
            if column == COL_STAGE:
                keys = [STAGE_ORDER.get(r[column]) for r in rows]
            elif column in (COL_CLOSENESS, COL_DEGREE, COL_LAST_CONTACT, COL_NEXT_FOLLOW_UP):
                keys = [r[column] for r in rows]
            else:
                values = list(map(itemgetter(column), rows))
                distinct = set(values)
                distinct.discard(None)
                distinct.discard("")
                folded = {v: v.casefold() for v in distinct}
                ranked = sorted(set(folded.values()))
                place = dict(zip(ranked, range(len(ranked)), strict=True))
                rank = {v: place[f] for v, f in folded.items()}  # alike when folded: tied
                keys = list(map(rank.get, values))  # None for "" and None: empty cells
            self._keys[column] = keys
        return keys

    # --- display -------------------------------------------------------------------------

    @staticmethod
    def export_value(row: tuple, column: int) -> object:
        """A cell as "Export this view" writes it: the text the table shows, but the dates
        as dates (a spreadsheet sorts and filters them as such)."""
        if column in (COL_LAST_CONTACT, COL_NEXT_FOLLOW_UP) and row[column]:
            try:
                return dt.date.fromisoformat(str(row[column])[:10])
            except ValueError:
                pass
        return ContactTable.display(row, column)

    @staticmethod
    def display(row: tuple, column: int) -> str:
        value = row[column]
        if value is None:
            return ""
        if column == COL_CLOSENESS:
            return CLOSENESS_LABELS.get(value, str(value))
        if column == COL_STAGE:
            return value.capitalize()
        if column == COL_DEGREE:
            return {1: "1st", 2: "2nd", 3: "3rd"}.get(value, f"{value}th")
        return str(value)

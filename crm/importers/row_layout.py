"""Where a table's fields sit in its rows, worked out once per table before the row loop.

Engine.run unpacks a RowLayout into locals, so the loop reads a row's seven main cells
with one itemgetter call and knows without asking which slower paths a row may need.
"""

from __future__ import annotations

from operator import itemgetter
from typing import NamedTuple

from crm.importers.formats import FIELDS

# The cells every row is read for, in the order Engine.run unpacks them (then connected_on).
MAIN_FIELDS = ("first_name", "last_name", "linkedin_url", "email", "company", "position")


class RowLayout(NamedTuple):
    """A table's columns as the row loop reads them (in the order Engine.run unpacks them)."""

    need: int  # a row shorter than this is padded
    pad: list[str]  # the empty cells a short row is padded with
    getter: itemgetter  # the six main cells and connected_on of a row
    blank: bool  # a field is missing: each row needs the empty cell at its end
    i_full: int | None  # a full name column, split when first and last are empty
    i_phone: int | None
    extra_cols: list[tuple[str, int]]  # the fields past LinkedIn's (FIELDS[9:])
    has_extra: bool  # extra columns or a phone: the slow path that keeps them
    digesting: bool  # LinkedIn's columns only: each row gets a digest (see known.py)
    urlless: bool  # no profile URL column: an export from before LinkedIn gave URLs
    hdr_first: str | None  # the header's own first and last name cells: a row repeating
    hdr_last: str | None  # them is a second file's header pasted in


def row_layout(mapping: dict[str, str], header: list[str]) -> RowLayout:
    """The layout of a table whose columns are `mapping` (field -> header name)."""
    cols = {f: header.index(c) for f, c in mapping.items() if c in header and f in FIELDS}
    need = max(cols.values(), default=-1) + 1
    # A field the file lacks reads index -1: the empty cell appended to every row.
    wanted = [cols.get(f, -1) for f in (*MAIN_FIELDS, "connected_on")]
    i_full = cols.get("full_name")
    i_phone = cols.get("phone")
    extra_cols = [(f, cols[f]) for f in FIELDS[9:] if f in cols]
    has_extra = bool(extra_cols) or i_phone is not None
    hdr_first, hdr_last = [header[cols[f]] if f in cols else None for f in MAIN_FIELDS[:2]]
    return RowLayout(
        need=need,
        pad=[""] * need,
        getter=itemgetter(*wanted),
        blank=-1 in wanted,
        i_full=i_full,
        i_phone=i_phone,
        extra_cols=extra_cols,
        has_extra=has_extra,
        # Rows of LinkedIn's columns only get a digest (see known.py); with more columns the
        # slow path compares them.
        digesting=not has_extra and i_full is None and "linkedin_url" in cols,
        urlless="linkedin_url" not in cols,
        hdr_first=hdr_first,
        hdr_last=hdr_last,
    )

"""Which comes first in a file's numeric dates, the day or the month: decided once per file.

`03/05/2024` is 3 May in the UK and most of Europe, 5 March in the US. Deciding per cell
would read `03/05/2024` the US way and `23/05/2024` the other way in the same column, so the
file's date columns are sampled once: a first number over 12 says day first, a second one
over 12 says month first. Without either, a semicolon file (written by a non-English Excel)
is day first and any other file month first. LinkedIn's own `1/8/18, 6:14 PM` carries a
12-hour clock, is always month first, and is left to parse_date.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator

from crm.errors import InputError
from crm.importers.dates import day_first_iso
from crm.importers.detect import Table

DATE_FIELDS = ("connected_on", "next_follow_up")
SAMPLE_ROWS = 5000
NO_NUMERIC_AFTER = 200  # dates seen without one numeric date: the file writes months in words
# A workbook's rows are read ahead to be sampled (a CSV's text is at hand): at most this many,
# about what a big CSV's head holds, so the preview of a 30,000-row workbook whose dates are
# all ambiguous (03/05/2024) stays near 0.15 s (5,000 rows: 0.7 s).
WORKBOOK_SAMPLE_ROWS = 1000


def date_columns(table: Table) -> list[int]:
    header = table.header
    return [header.index(c) for f, c in table.mapping.items() if f in DATE_FIELDS and c in header]


def _numeric_parts(value: str) -> tuple[int, int] | None:
    """The first two numbers of a d/m/y or m/d/y date (not y/m/d, not with AM/PM)."""
    first = value.split(maxsplit=1)[0] if value.strip() else ""
    sep = "/" if "/" in first else "-" if "-" in first else ""
    upper = value.upper()
    if not sep or "AM" in upper or "PM" in upper:
        return None
    bits = first.split(sep)
    if len(bits) != 3 or not all(b.isdecimal() for b in bits) or len(bits[0] + bits[1]) > 4:
        return None
    return int(bits[0]), int(bits[1])


def day_first(values: Iterable[str], semicolon: bool) -> bool:
    """True when the file's numeric dates are written day first."""
    seen = 0
    numeric = False
    for value in values:
        if not value:
            continue
        seen += 1
        parts = _numeric_parts(value)
        if parts is None:
            if not numeric and seen >= NO_NUMERIC_AFTER:
                break
            continue
        numeric = True
        if parts[0] > 12:
            return True
        if parts[1] > 12:
            return False
    return semicolon and numeric


def sample_values(text: str, delim: str, header_idx: int, cols: list[int]) -> Iterator[str]:
    """The date cells of the first data rows of `text` (the whole file or its head)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        for row in itertools.islice(reader, header_idx + 1, header_idx + 1 + SAMPLE_ROWS):
            for i in cols:
                if i < len(row):
                    yield row[i].strip()
    except csv.Error:
        return  # the reader proper reports the row


def decide(table: Table, text: str) -> None:
    """Set table.day_first from a sample of `text`, and say so in the notes when it is."""
    cols = date_columns(table)
    if not cols:
        return
    values = sample_values(text, table.delimiter, table.header_row - 1, cols)
    table.day_first = day_first(values, semicolon=table.delimiter == ";")
    if table.day_first:
        table.notes.append("numeric dates read day first (03/05/2024 = 3 May 2024)")


def decide_rows(table: Table) -> None:
    """decide() for a workbook: sample the date columns' text cells from the rows ahead.

    The rows read are kept and given back first; reading stops at the first cell that
    settles the order, or after NO_NUMERIC_AFTER dates with no numeric text (a column of
    date cells or serials), so a workbook is seldom read further than its preview. An error
    met ahead (a formula cell) is raised where the import reaches it, as before.
    """
    cols = date_columns(table)
    if not cols:
        return
    taken: list[tuple[int, list]] = []
    failed: list[InputError] = []

    def values() -> Iterator[str]:
        for _ in range(WORKBOOK_SAMPLE_ROWS):
            try:
                item = next(table.rows, None)
            except InputError as exc:
                failed.append(exc)
                return
            if item is None:
                return
            taken.append(item)
            row = item[1]
            for i in cols:
                value = row[i] if i < len(row) else None
                if isinstance(value, str):
                    yield value.strip()
                elif value is not None:
                    yield "date"  # a date cell or a serial: a date, and no numeric text

    table.day_first = day_first(values(), semicolon=False)
    table.rows = _replay(taken, failed, table.rows)
    if table.day_first:
        table.notes.append("numeric dates read day first (03/05/2024 = 3 May 2024)")


def _replay(
    taken: list[tuple[int, list]], failed: list[InputError], rest: Iterator[tuple[int, list]]
) -> Iterator[tuple[int, list]]:
    try:
        yield from taken
        if failed:
            raise failed[0]
        yield from rest
    finally:
        close = getattr(rest, "close", None)
        if close:
            close()


def apply(table: Table) -> None:
    """Wrap table.rows so that a day-first file's numeric dates reach the import as ISO."""
    if table.day_first:
        cols = date_columns(table)
        if cols:
            table.rows = _day_first_rows(table.rows, cols)


def _day_first_rows(rows: Iterator[tuple[int, list]], cols: list[int]):
    try:
        for number, row in rows:
            for i in cols:
                value = row[i] if i < len(row) else ""
                if (
                    isinstance(value, str)  # a workbook's date cells are dates already
                    and value
                    and value[0].isdecimal()
                    and ("/" in value or "-" in value)
                ):
                    iso = day_first_iso(value.strip())
                    if iso:
                        row[i] = iso
            yield number, row
    finally:
        close = getattr(rows, "close", None)
        if close:
            close()

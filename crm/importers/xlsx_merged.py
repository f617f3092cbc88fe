"""Merged cells in a workbook's data rows: a company merged down over the people who work
there reads, to the user, as that company on each of their rows.

openpyxl's read-only mode (which keeps memory flat) gives the value only to the merge's
first cell and None to the others, and does not list the merges: they are stored after the
rows, in <mergeCells>, so they are read from the sheet's XML before the rows are.
Only merges down are filled (the first column of the range, below its first row): a
merge across would copy one field's value into the next field's column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]+)(\d+):[A-Za-z]+(\d+)"')
_CHUNK = 1 << 20


def _column(letters: str) -> int:
    """'A' -> 0, 'AB' -> 27."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def merged_down(ws, below: int) -> list[tuple[int, int, int]]:
    """(column index, first row, last row) of the merges spanning rows that start below
    row `below` (the header); [] when the sheet's XML cannot be read (the rows then report
    the damage)."""
    spans = []
    try:
        src = ws._get_source()
    except Exception:  # noqa: BLE001 - the row reader reports a damaged sheet in its words
        return []
    try:
        tail = b""
        while chunk := src.read(_CHUNK):
            buf = tail + chunk
            if b"mergeCell" in buf:
                for col, first, last in _MERGE.findall(buf):
                    spans.append((_column(col.decode()), int(first), int(last)))
            tail = buf[-512:]  # a tag cut by the chunk (one found twice is kept once)
    except Exception:  # noqa: BLE001
        return []
    finally:
        src.close()
    return sorted({s for s in spans if s[2] > s[1] and s[1] > below}, key=lambda s: s[1])


def fill_down(
    rows: Iterator[tuple[int, list]], spans: list[tuple[int, int, int]]
) -> Iterator[tuple[int, list]]:
    """`rows` with each merge's value in the empty cells below its first cell (of rows
    that hold anything)."""
    starts: dict[int, list[tuple[int, int]]] = {}
    for col, first, last in spans:
        starts.setdefault(first, []).append((col, last))
    active: list[tuple[int, int, object]] = []  # (column, last row, value)
    try:
        for number, row in rows:
            if active:
                active = [a for a in active if a[1] >= number]
                # a blank row under a merge stays blank (it is no person)
                for col, _last, value in active if any(v not in (None, "") for v in row) else ():
                    if col >= len(row):
                        row.extend([None] * (col + 1 - len(row)))
                    if row[col] in (None, ""):
                        row[col] = value
            for col, last in starts.pop(number, ()):
                value = row[col] if col < len(row) else None
                if value not in (None, ""):
                    active.append((col, last, value))
            yield number, row
    finally:
        close = getattr(rows, "close", None)
        if close:
            close()

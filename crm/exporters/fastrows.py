"""Rows written straight into a write-only worksheet's XML stream, without Cell objects.

Why: openpyxl spends ~8 µs per cell binding a Cell, checking its type and building its XML
element by element; a 30,000-contact report holds ~450,000 cells. Here a row becomes one
short XML string (values escaped, styles by id), ~500 rows are parsed at once by lxml (C)
and handed to the same incremental writer openpyxl uses, inside the same <sheetData>. The
rest of the sheet (columns, frozen pane, autofilter, hyperlinks) and the workbook stay
openpyxl's. The XML matches what openpyxl writes for the same cells (inline strings, date
serials with a date style); tests read files from both paths back and compare them.

It relies on two private members of WriteOnlyWorksheet (`_get_writer`/`_writer` and the
`_rows` coroutine); `available()` says whether they are there, else table.py uses the
plain openpyxl path.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from openpyxl import LXML
from openpyxl.utils import get_column_letter

from crm.exporters import cells
from crm.exporters.cells import FORMULA_PREFIXES, Styles, clean_text, link_target

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

TEXT, DATE, LINK, NUMBER = "text", "date", "link", "number"
BATCH = 500  # rows parsed per lxml call
_PREFIX = frozenset(FORMULA_PREFIXES)
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_EPOCH = dt.date(1899, 12, 30).toordinal()


def available(ws: WriteOnlyWorksheet) -> bool:
    return (
        LXML
        and hasattr(ws, "_get_writer")
        and hasattr(ws, "_rows")
        and getattr(ws, "_writer", None) is None
    )


def _stream(ws):
    """Coroutine: receives lists of row elements and writes them inside <sheetData>.

    Installed as ws._rows, so that ws.close() (called by Workbook.save) ends <sheetData> and
    writes the tail exactly as for appended rows.
    """
    xf = ws._writer.xf.send(True)
    with xf.element("sheetData"):
        try:
            while True:
                for element in (yield):
                    xf.write(element)
        except GeneratorExit:
            pass
    ws._writer.xf.send(None)


class RowSink:
    """Writes header and data rows of one table to a fresh write-only worksheet."""

    def __init__(self, wb: Workbook, ws: WriteOnlyWorksheet, styles: Styles, kinds: Sequence[str]):
        from lxml import etree

        self._fromstring = etree.fromstring
        ids = wb._cell_styles.add
        self.sid_header = ids(styles.header)
        self.sid_link = ids(styles.link)
        self.sid_text = ids(styles.text)
        self.sid_date = ids(styles.date)
        self.kinds = list(kinds)
        self.letters = [get_column_letter(i) for i in range(1, len(self.kinds) + 1)]
        self.links: list[tuple[str, str]] = []
        self.row = 1
        ws._get_writer()
        self._gen = _stream(ws)
        next(self._gen)
        ws._rows = self._gen

    # --- cells ------------------------------------------------------------------------

    def _text(self, ref: str, v, style: int | None = None) -> str:
        if v is None or v == "":
            return ""
        if not isinstance(v, str):
            return self._other(ref, v)
        if len(v) > 200 or not v.isprintable():
            v = clean_text(v)
            if not v:
                return ""
        if v[0] in _PREFIX:
            style = self.sid_text
        s = f' s="{style}"' if style is not None else ""
        space = ' xml:space="preserve"' if v[0].isspace() or v[-1].isspace() else ""
        if "&" in v or "<" in v or ">" in v or "\r" in v:
            v = v.translate(_ESCAPE)
        return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{v}</t></is></c>'

    def _other(self, ref: str, v) -> str:
        if isinstance(v, bool):
            return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
        if isinstance(v, int) or (isinstance(v, float) and math.isfinite(v)):
            return f'<c r="{ref}" t="n"><v>{v!r}</v></c>'
        if isinstance(v, dt.date):
            return self._date(ref, v)
        return self._text(ref, str(v))

    def _date(self, ref: str, v) -> str:
        if v is None or v == "":
            return ""
        if isinstance(v, dt.datetime):
            v = v.date()
        elif not isinstance(v, dt.date):
            try:
                v = dt.date.fromisoformat(str(v)[:10])
            except ValueError:
                return self._text(ref, v)
        if v < cells.FIRST_DATE:  # no serial both Excel and LibreOffice read as this day
            return self._text(ref, v.isoformat())
        serial = v.toordinal() - _EPOCH
        return f'<c r="{ref}" s="{self.sid_date}" t="n"><v>{serial}</v></c>'

    def _link(self, ref: str, v) -> str:
        target = link_target(v) if v else None
        if target is None or len(self.links) >= cells.MAX_LINKS:  # the rest stay plain text
            return self._text(ref, v)
        self.links.append((ref, target))
        return self._text(ref, v, self.sid_link)

    # --- rows -------------------------------------------------------------------------

    def header(self, names: Sequence[str]) -> None:
        cells = "".join(
            self._text(f"{letter}1", name, self.sid_header)
            for letter, name in zip(self.letters, names, strict=False)
        )
        self._send([f'<row r="1">{cells}</row>'])

    def write(self, rows: Iterable[Sequence]) -> int:
        """Append rows of raw values; returns how many were written."""
        render = {TEXT: self._text, DATE: self._date, LINK: self._link, NUMBER: self._text}
        funcs = [render.get(k, self._text) for k in self.kinds]
        cols = list(zip(self.letters, funcs, strict=True))
        batch: list[str] = []
        n = 0
        for values in rows:
            self.row += 1
            r = str(self.row)
            parts = [
                f(letter + r, v)
                for (letter, f), v in zip(cols, values, strict=False)
                if v is not None and v != ""
            ]
            batch.append(f'<row r="{r}">{"".join(parts)}</row>')
            n += 1
            if len(batch) >= BATCH:
                self._send(batch)
                batch = []
        if batch:
            self._send(batch)
        return n

    def _send(self, rows: list[str]) -> None:
        root = self._fromstring(f"<d>{''.join(rows)}</d>")
        self._gen.send(list(root))

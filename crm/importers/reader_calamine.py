"""Plain workbooks read by python-calamine (Rust): a 30,000-row Connections.xlsx in about a
second, where openpyxl's read-only mode takes 10-15 s (a Python object per cell and per XML
event, most of it in defusedxml's pure-Python parser).

Only a plain workbook takes this way: a zip whose XML parts declare no DTD and whose sheets
hold no formula. Anything else (a formula, which must be told apart from its saved value; an
entity declaration, refused in words; a file calamine cannot read) returns None, and
reader_xlsx reads it with openpyxl as before, with openpyxl's checks and messages. The rows
come out as openpyxl's would reach the import: the same cleaning of text, dates as
datetimes, empty cells empty.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import xml.parsers.expat
import zipfile
from collections.abc import Iterator

from crm.errors import InputError
from crm.importers.detect import MAX_CELL
from crm.importers.text_repair import clean_text, repair_mojibake

log = logging.getLogger(__name__)

_CHUNK = 1 << 20
_PROLOG = 4096
# a formula element, with or without a namespace prefix: <f>, <f t="shared" .../>, <x:f>
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
# control characters XML escapes as _x0001_ (calamine gives them back); a CSV's are dropped
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_STATES = {"Visible": "visible", "Hidden": "hidden", "VeryHidden": "veryHidden"}


def _column_letters(index: int) -> str:
    """0 -> 'A', 27 -> 'AB'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _refuse_doctype(*_args) -> None:
    raise ValueError("a DTD")


def _well_formed_without_formulas(part) -> bool:
    """Parse the part with expat in C (no Python call per element): calamine reads past
    broken XML and would join or shift cells where openpyxl names the damaged row."""
    parser = xml.parsers.expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_doctype
    tail = b""
    while chunk := part.read(_CHUNK):
        buf = tail + chunk
        # two plain scans first: most sheets hold neither "<f" nor ":f"
        if (b"<f" in buf or b":f" in buf) and _FORMULA.search(buf):
            return False
        tail = buf[-8:]
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return True


def is_plain(path: str) -> bool:
    """True when every XML part is free of a DTD, and the sheets and shared strings are well
    formed and hold no formula (one pass in C over their bytes; a LinkedIn export, or one a
    spreadsheet program saved again, is plain)."""
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                name = info.filename.lower()
                if not name.endswith((".xml", ".rels")):
                    continue
                with zf.open(info) as part:
                    if name.startswith("xl/worksheets/") or name == "xl/sharedstrings.xml":
                        if not _well_formed_without_formulas(part):
                            return False
                    else:
                        head = part.read(_PROLOG)
                        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                            return False
    except Exception:  # noqa: BLE001 - openpyxl's way names what is wrong with the file
        return False
    return True


class FastSheet:
    """One worksheet of a FastWorkbook, with what reader_xlsx asks of an openpyxl sheet."""

    def __init__(self, book, title: str, state: str):
        self._book = book
        self.title = title
        self.sheet_state = state
        self._sheet = None

    def _load(self):
        if self._sheet is None:
            self._sheet = self._book.get_sheet_by_name(self.title)
        return self._sheet

    @property
    def max_row(self) -> int:
        end = self._load().end
        return end[0] + 1 if end else 0

    def merges_down(self, below: int) -> list[tuple[int, int, int]]:
        """(column index, first row, last row) of the merges down that start below `below`,
        as xlsx_merged.merged_down gives them."""
        spans = set()
        for (r0, c0), (r1, _c1) in self._load().merged_cell_ranges or ():
            first, last = r0 + 1, r1 + 1
            if last > first and first > below:
                spans.add((c0, first, last))
        return sorted(spans, key=lambda s: s[1])

    def rows(self, file: str, repaired: list[str] | None = None) -> Iterator[tuple[int, list]]:
        """(row number, values) with text cleaned as reader_xlsx._cells cleans it."""
        sheet = self._load()
        start = sheet.start
        pad = [""] * start[1] if start and start[1] else None
        number = 0
        for row in sheet.iter_rows():  # from row 1, columns from the first used one
            number += 1
            if pad:
                row = pad + row
            try:  # a row of plain ASCII text, most rows, has nothing to clean
                joined = "".join(row)
                if len(joined) < MAX_CELL and joined.isascii() and joined.isprintable():
                    yield number, row
                    continue
            except TypeError:  # numbers, dates: cell by cell
                pass
            for j, value in enumerate(row):
                kind = type(value)
                if kind is str:
                    if len(value) >= MAX_CELL:
                        raise InputError(
                            f"cell {_column_letters(j)}{number} holds {MAX_CELL:,} characters or "
                            "more, the most a cell holds; this does not look like a contacts "
                            "sheet",
                            file=file,
                            row=number,
                        )
                    if not value or (value.isascii() and value.isprintable()):
                        continue
                    value = clean_text(_CONTROLS.sub("", value))
                    if not value.isascii():
                        fixed = repair_mojibake(value)
                        if fixed != value:
                            value = fixed
                            if repaired is not None and not repaired:
                                repaired.append(f"{_column_letters(j)}{number}")
                    row[j] = value
                elif kind is dt.date:  # openpyxl gives a date cell as a datetime
                    row[j] = dt.datetime(value.year, value.month, value.day)
            yield number, row

    def close(self) -> None:
        self._sheet = None


class FastWorkbook:
    """A workbook opened by calamine: its worksheets (chart sheets left out, as openpyxl's
    worksheets leaves them out)."""

    def __init__(self, book):
        self._book = book
        self.worksheets = [
            FastSheet(book, meta.name, _STATES.get(str(meta.visible).rsplit(".", 1)[-1], "visible"))
            for meta in book.sheets_metadata
            if str(meta.typ).rsplit(".", 1)[-1] == "WorkSheet"
        ]

    def close(self) -> None:
        for ws in self.worksheets:
            ws.close()
        self._book.close()


def open_fast(path: str) -> FastWorkbook | None:
    """The workbook through calamine, or None: not plain, or calamine cannot read it."""
    try:
        import python_calamine
    except ImportError:  # pragma: no cover - a dependency; openpyxl still reads everything
        return None
    if not is_plain(path):
        return None
    try:
        book = python_calamine.CalamineWorkbook.from_path(path)
    except Exception as exc:  # noqa: BLE001 - openpyxl's way names what is wrong
        log.info("calamine could not read %s (%s); reading it with openpyxl", path, exc)
        return None
    workbook = FastWorkbook(book)
    try:
        for ws in workbook.worksheets:  # a sheet calamine cannot read: openpyxl names the row
            ws._load()
    except Exception as exc:  # noqa: BLE001
        log.info("calamine could not read a sheet of %s (%s); reading it with openpyxl", path, exc)
        workbook.close()
        return None
    if not workbook.worksheets:
        workbook.close()
        return None
    return workbook

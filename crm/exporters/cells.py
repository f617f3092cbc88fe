"""Safe cell values and shared styles for write-only workbooks.

Why this module exists: a contact's notes or name come from files we do not control. A value
such as `=HYPERLINK(...)` or `+cmd|...` must reach the spreadsheet as text, never as a formula
(spreadsheet formula injection), and control characters or oversize strings must not make
Excel offer to "repair" the file. Everything that goes into a cell passes through here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import quote

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from crm.exporters.links import FAST as FAST_LINKS

if TYPE_CHECKING:
    from openpyxl.styles.cell_style import StyleArray
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# Leading characters that make Excel or LibreOffice evaluate a typed-in value.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PREFIX_SET = frozenset(FORMULA_PREFIXES)
# Characters XML 1.0 (and so xlsx) cannot hold; openpyxl refuses them.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_CELL = 32_767  # Excel's limit on the characters of one cell
MAX_LINK = 2_000  # Excel ignores (or repairs) longer hyperlink targets
MAX_LINKS = 65_530  # hyperlinks Excel keeps on one sheet: past it, a repair prompt
# Before 1900-03-01 a date serial means one day in Excel (which counts a phantom 1900-02-29)
# and the day before in LibreOffice, and before 1900 Excel has no serial at all: such dates
# are written as ISO text (the importer reads them back), in both writing paths.
FIRST_DATE = dt.date(1900, 3, 1)
_URL_OK = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:[/?#]\S*)?$", re.I)

FONT = "Calibri"
HEADER_FILL = "2F5F73"
HEADER_FONT = "FFFFFF"
LINK_COLOR = "0563C1"


def _font(**attrs) -> Font:
    """Fonts name their family: LibreOffice falls back to a serif face when none is given."""
    return Font(name=FONT, **({"size": 11} | attrs))


class Styles:
    """Style arrays bound to one workbook, built once and shared by every cell that needs them.

    Copying a prepared style array is far cheaper than assigning font/fill per cell.
    """

    def __init__(self, wb: Workbook):
        ws = wb.create_sheet("__styles__")  # a scratch sheet, only to bind the styles
        self.header = self._make(
            ws,
            font=_font(bold=True, color=HEADER_FONT),
            fill=PatternFill("solid", fgColor=HEADER_FILL),
            alignment=Alignment(vertical="center", wrap_text=False),
            border=Border(bottom=Side(style="thin", color="1B3A47")),
        )
        self.link = self._make(ws, font=_font(color=LINK_COLOR, underline="single"))
        self.text = self._make(ws, quotePrefix=True)
        self.title = self._make(ws, font=_font(bold=True, size=16, color=HEADER_FILL))
        self.section = self._make(ws, font=_font(bold=True, size=12, color=HEADER_FILL))
        self.bold = self._make(ws, font=_font(bold=True))
        self.date = self._make(ws, number_format="yyyy-mm-dd")
        self.center = self._make(ws, alignment=Alignment(horizontal="center"))
        self.center_date = self._make(
            ws, number_format="yyyy-mm-dd", alignment=Alignment(horizontal="center")
        )
        self.percent = self._make(ws, number_format="0%")
        self.times = self._make(ws, number_format='0.0"x"')
        self.status = {
            "on": self._make(ws, font=_font(bold=True, color="1E7B34")),
            "near": self._make(ws, font=_font(bold=True, color="B26A00")),
            "off": self._make(ws, font=_font(bold=True, color="B3261E")),
        }
        wb.remove(ws)

    @staticmethod
    def _make(ws, **attrs):
        cell = Cell(ws, 1, 1)
        for name, value in attrs.items():
            setattr(cell, name, value)
        return cell._style


def styled(ws: WriteOnlyWorksheet, value: object, style: StyleArray) -> Cell:
    """A write-only cell carrying `value` (made safe) and a prepared style array."""
    cell = Cell(ws, 1, 1, None, style)
    cell.value = value
    if isinstance(value, str) and value and value[0] in _PREFIX_SET:
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def clean_text(value: str) -> str:
    """Drop characters xlsx cannot hold and cut at Excel's cell limit."""
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("", value)
    if len(value) > MAX_CELL // 2 - 1:  # only then can it pass the limit in UTF-16 units
        units = value.encode("utf-16-le")
        # Excel counts UTF-16 units (an emoji is two); a full cell of 32,767 reads back as
        # one openpyxl cut, which the importer refuses: at most 32,766 are written.
        if len(units) // 2 > MAX_CELL - 1:
            value = units[: 2 * (MAX_CELL - 2)].decode("utf-16-le", "ignore") + "…"
    return value


class CellMaker:
    """Turns raw database values into cell values for one worksheet.

    Plain values pass through untouched (the fast path, most cells); only values that need a
    style or protection become Cell objects.
    """

    def __init__(self, ws: WriteOnlyWorksheet, styles: Styles):
        self.ws = ws
        self.styles = styles
        self.row = 1  # the sheet row being converted, for hyperlink references
        self.link_count = 0  # hyperlinks made on this sheet (see MAX_LINKS)
        self.links: list[tuple[str, str]] = []

    def text(self, value: object) -> object:
        """Any value; strings that could start a formula are forced to text (quotePrefix)."""
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                return self.date(value)  # a day before FIRST_DATE becomes ISO text
            return value
        if len(value) > 200 or not value.isprintable():
            value = clean_text(value)
            if not value:
                return None
        if value[0] in _PREFIX_SET:
            cell = Cell(self.ws, 1, 1, None, self.styles.text)
            cell.value = value
            cell.data_type = "s"  # "=..." would otherwise become a formula
            return cell
        return value

    def date(self, value: object) -> object:
        """ISO text from SQLite (or a date) → a real date cell; anything else stays text."""
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        elif not isinstance(value, dt.date):
            try:
                value = dt.date.fromisoformat(str(value)[:10])
            except ValueError:
                return self.text(value)
        if value < FIRST_DATE:
            return self.text(value.isoformat())
        return value

    def link_column(self, column: int) -> Callable[[object], object]:
        """The converter for a column of web addresses: each becomes a clickable hyperlink.

        Links are collected as (reference, target) for crm.exporters.links, which writes them
        far faster than one openpyxl Hyperlink object per cell; `self.row` must hold the row
        number being converted.
        """
        letter = get_column_letter(column)
        ws, style, links = self.ws, self.styles.link, self.links

        def link(value):
            if not value:
                return None
            target = link_target(value)
            if target is None or self.link_count >= MAX_LINKS:  # the rest stay plain text
                return self.text(value)
            self.link_count += 1
            cell = Cell(ws, 1, 1, value, style)
            if FAST_LINKS:
                links.append((f"{letter}{self.row}", target))
            else:
                cell.hyperlink = target
            return cell

        return link

    def styled(self, value: object, style: StyleArray) -> Cell:
        return styled(self.ws, value, style)


def link_target(value: str) -> str | None:
    """The URL a hyperlink may point at, or None when the value is not a plain web address."""
    if not isinstance(value, str) or len(value) > MAX_LINK or not _URL_OK.match(value):
        return None
    target = value if "://" in value else "https://" + value
    if not target.isascii():
        target = quote(target, safe=":/?#[]@!$&'()*+,;=%~")
    return target


def display_len(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, Cell):
        value = value.value
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, float):
        return min(len(f"{value:.2f}"), 12)
    return len(str(value))

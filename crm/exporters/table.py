"""One table on one write-only worksheet: styled frozen header, widths, autofilter, rows.

Every data sheet of the report and "export this view" go through this, so they all look
and behave the same: a bold header that stays in view, a filter button on each column,
widths that fit the values, real dates and clickable web addresses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import chain, islice
from typing import TYPE_CHECKING

from openpyxl.utils import get_column_letter

from crm.errors import Cancelled
from crm.exporters import fastrows, links
from crm.exporters.cells import CellMaker, Styles, display_len

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

TEXT, DATE, LINK, NUMBER = "text", "date", "link", "number"
CHUNK = 2_000  # rows between progress reports / cancel checks
SAMPLE = 300  # rows looked at to size the columns
MIN_WIDTH, MAX_WIDTH = 6, 60


class Progress:
    """Counts rows across the whole export and reports them; raises Cancelled when asked."""

    def __init__(
        self,
        total: int,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ):
        self.total = max(total, 1)
        self.done = 0
        self._progress = progress
        self._cancelled = cancelled

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise Cancelled("Export cancelled: no file was written")

    def step(self, n: int = 1) -> None:
        self.done = min(self.done + n, self.total)
        if self._progress is not None:
            self._progress(self.done, self.total)
        self.check()


def write_table(
    wb: Workbook,
    styles: Styles,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    kinds: Sequence[str] | None = None,
    ws: WriteOnlyWorksheet | None = None,
    meter: Progress | None = None,
) -> int:
    """Write `headers` and `rows` to a sheet called `title`; returns the number of data rows.

    `kinds` says per column how raw values become cells: text (the default; formula-safe),
    date (ISO text or date → date cell), link (web address → hyperlink), number (as is).
    """
    ws = ws if ws is not None else wb.create_sheet(sheet_title(title))
    kinds = list(kinds or ())
    kinds += [TEXT] * (len(headers) - len(kinds))
    rows = iter(rows)
    head = list(islice(rows, SAMPLE))
    _set_widths(ws, headers, head, kinds)
    ws.freeze_panes = "A2"
    _print_setup(ws)
    if fastrows.available(ws):
        sink = fastrows.RowSink(wb, ws, styles, kinds)
        sink.header(headers)
        write, found = sink.write, sink.links
    else:
        write, found = _slow_writer(ws, styles, headers, kinds)
    count = 0
    for chunk in _chunks(chain(head, rows)):
        count += write(chunk)
        if meter is not None:
            meter.step(len(chunk))
    links.install(ws, found)
    last_col = get_column_letter(max(len(headers), 1))
    ws.auto_filter.ref = f"A1:{last_col}{count + 1}"
    return count


def _print_setup(ws) -> None:
    """Printed, a table fits the page width and repeats its header on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _chunks(rows: Iterable[Sequence]) -> Iterable[list]:
    rows = iter(rows)
    while chunk := list(islice(rows, CHUNK)):
        yield chunk


def _slow_writer(ws, styles: Styles, headers: Sequence[str], kinds: Sequence[str]):
    """The plain openpyxl path (ws.append with Cell objects where a style is needed)."""
    maker = CellMaker(ws, styles)
    convert = [
        maker.link_column(i) if k == LINK else {TEXT: maker.text, DATE: maker.date}.get(k, _same)
        for i, k in enumerate(kinds, 1)
    ]
    ws.append([maker.styled(h, styles.header) for h in headers])

    def write(chunk: list) -> int:
        for row in chunk:
            maker.row += 1
            ws.append([f(v) for f, v in zip(convert, row, strict=False)])
        return len(chunk)

    return write, maker.links


def _same(value):
    return value


def _set_widths(ws, headers: Sequence[str], sample: list[list], kinds: Sequence[str]) -> None:
    for i, header in enumerate(headers):
        longest = max((display_len(r[i]) for r in sample if i < len(r)), default=0)
        if kinds[i] == DATE:
            longest = max(longest, 10)
        # +3 leaves room for the autofilter button beside the header text.
        width = max(len(str(header)) + 3, longest + 2, MIN_WIDTH)
        ws.column_dimensions[get_column_letter(i + 1)].width = min(width, MAX_WIDTH)


_BAD_TITLE = str.maketrans({c: " " for c in "[]:*?/\\"})


def sheet_title(title: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, not blank, not History."""
    name = str(title).translate(_BAD_TITLE).strip().strip("'") or "Sheet"
    if name.casefold() == "history":  # reserved by Excel
        name = "History (view)"
    return name[:31].strip()

"""One table on one write-only worksheet: styled frozen header, widths, autofilter, rows.

Every data sheet of the report and "export this view" go through this, so they all look
and behave the same: a bold header that stays in view, a filter button on each column,
widths that fit the values, real dates and clickable web addresses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from openpyxl.utils import get_column_letter

from crm.errors import Cancelled
from crm.exporters.cells import CellMaker, Styles, display_len

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
    wb,
    styles: Styles,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    kinds: Sequence[str] | None = None,
    ws=None,
    meter: Progress | None = None,
) -> int:
    """Write `headers` and `rows` to a sheet called `title`; returns the number of data rows.

    `kinds` says per column how raw values become cells: text (the default; formula-safe),
    date (ISO text or date → date cell), link (web address → hyperlink), number (as is).
    """
    ws = ws if ws is not None else wb.create_sheet(sheet_title(title))
    kinds = list(kinds or ())
    kinds += [TEXT] * (len(headers) - len(kinds))
    maker = CellMaker(ws, styles)
    convert = [
        {TEXT: maker.text, DATE: maker.date, LINK: maker.link, NUMBER: _number}[k] for k in kinds
    ]

    rows = iter(rows)
    head: list[list] = []
    for row in rows:
        head.append([f(v) for f, v in zip(convert, row, strict=False)])
        if len(head) >= SAMPLE:
            break
    _set_widths(ws, headers, head, kinds)
    ws.freeze_panes = "A2"
    ws.append([maker.styled(h, styles.header) for h in headers])

    count = 0
    for out in head:
        ws.append(out)
    count = len(head)
    if meter is not None:
        meter.step(count)
    pending = 0
    append = ws.append
    for row in rows:
        append([f(v) for f, v in zip(convert, row, strict=False)])
        pending += 1
        if pending == CHUNK:
            count += pending
            if meter is not None:
                meter.step(pending)
            pending = 0
    count += pending
    if meter is not None and pending:
        meter.step(pending)
    last_col = get_column_letter(max(len(headers), 1))
    ws.auto_filter.ref = f"A1:{last_col}{count + 1}"
    return count


def _number(value):
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
    """Excel sheet names: at most 31 characters, none of []:*?/\\, not blank."""
    name = str(title).translate(_BAD_TITLE).strip().strip("'") or "Sheet"
    return name[:31]

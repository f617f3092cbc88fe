""" "Export this view": exactly the rows a table shows (the UI passes them), same styling.

Values are guessed per column: dates and datetimes become date cells, web addresses become
hyperlinks, numbers stay numbers, and every string is formula-safe.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from crm.exporters.atomic import atomic_file, xlsx_path
from crm.exporters.cells import Styles, link_target
from crm.exporters.report import abandon, save
from crm.exporters.table import DATE, LINK, NUMBER, TEXT, Progress, sheet_title, write_table

log = logging.getLogger(__name__)


def column_kinds(headers: Sequence[str], rows: Sequence[Sequence]) -> list[str]:
    """Per column: date if every value is a date, link if every value is a web address."""
    kinds = []
    for i, _ in enumerate(headers):
        values = [r[i] for r in rows if i < len(r) and r[i] not in (None, "")]
        if values and all(isinstance(v, dt.date) for v in values):
            kinds.append(DATE)
        elif values and all(isinstance(v, str) and "://" in v and link_target(v) for v in values):
            kinds.append(LINK)
        elif values and all(isinstance(v, int | float) for v in values):
            kinds.append(NUMBER)
        else:
            kinds.append(TEXT)
    return kinds


def export_view(
    out_path: str | os.PathLike,
    title: str,
    headers: list[str],
    rows: list[list],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Path:
    """Write one sheet named after the view; returns the path written (".xlsx" added)."""
    from openpyxl import Workbook

    target = xlsx_path(out_path)
    meter = Progress(len(rows) + 1, progress, cancelled)
    meter.check()
    kinds = column_kinds(headers, rows)
    with atomic_file(target) as tmp:
        wb = Workbook(write_only=True)
        try:
            styles = Styles(wb)
            write_table(wb, styles, sheet_title(title), headers, rows, kinds=kinds, meter=meter)
            meter.check()
            save(wb, tmp)
        except BaseException:
            abandon(wb)
            raise
        meter.step(1)
    log.info("view %r exported: %s (%d rows)", title, target, len(rows))
    return target

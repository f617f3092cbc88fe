"""The record pages beside Contacts: a header click on Companies against a sorted() floor."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.jobs_ui import FloorTable
from bench.measure import Row, alternate, at_most, failed, row_from, timed

# Companies columns sorted in turn: priority, name, people, vouchers, open jobs, industry.
COLUMNS = (1, 2, 3, 4, 5, 7)


def _floor(db_path: Path) -> FloorTable:
    """A bare table of the same company rows: sorted() over one key per row, then a reset."""
    con = sqlite3.connect(db_path)
    rows = con.execute(
        "SELECT c.is_target, c.priority, c.name, COUNT(ct.id), SUM(ct.closeness >= 3), 0,"
        " '', c.industry FROM company c LEFT JOIN contact ct ON ct.company_id = c.id"
        " GROUP BY c.id"
    ).fetchall()
    con.close()
    return FloorTable(rows, 8)


def companies_sort_job(db_path: Path, n: int, reps: int, app) -> Row:
    """A header click on the Companies page, repaint included, a different column each run."""
    from PySide6.QtCore import Qt

    from crm.store.connection import close_database, open_database
    from ui.session import Session
    from ui.views.companies import CompaniesView

    label = f"sort the Companies page, {n:,} contacts"
    try:
        open_database(db_path, backup=False)
        view = CompaniesView(Session(db_path))
        view.resize(1280, 800)
        view.show()
        view.reload()
        floor = _floor(db_path)
        for _ in range(5):
            app.processEvents()
        label = f"sort the Companies page, {view.model.rowCount():,} companies, {n:,} contacts"
    except Exception as exc:  # noqa: BLE001 - a broken job is a row, not a crashed bench
        return failed(label, "ms", exc)
    turn = {"v": 0, "f": 0}

    def vouch() -> float:
        turn["v"] += 1
        col = COLUMNS[turn["v"] % len(COLUMNS)]
        order = Qt.SortOrder.DescendingOrder if turn["v"] % 2 else Qt.SortOrder.AscendingOrder

        def click() -> None:
            view.table.sortByColumn(col, order)
            view.table.viewport().repaint()

        return timed(click)

    def plain() -> float:
        turn["f"] += 1
        col = COLUMNS[turn["f"] % len(COLUMNS)]
        return timed(lambda: floor.sort(col, bool(turn["f"] % 2)))

    try:
        runs = alternate(reps, {"vouch": vouch, "floor": plain})
        return row_from(
            label,
            runs,
            check=at_most(100),
            note="a different column each run; floor: sorted() + reset of the same rows",
        )
    except Exception as exc:  # noqa: BLE001
        return failed(label, "ms", exc)
    finally:
        view.close()
        floor.table.close()
        app.processEvents()
        close_database()

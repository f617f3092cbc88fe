"""The record pages beside Contacts: a header click on Companies against a sorted() floor."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.measure import Row, alternate, at_most, failed, row_from, timed

# Companies columns sorted in turn: priority, name, people, vouchers, open jobs, industry.
COLUMNS = (1, 2, 3, 4, 5, 7)


class _Floor:
    """A bare table of the same company rows: sorted() over one key per row, then a reset."""

    def __init__(self, db_path: Path):
        from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
        from PySide6.QtWidgets import QTableView

        con = sqlite3.connect(db_path)
        self.rows = con.execute(
            "SELECT c.is_target, c.priority, c.name, COUNT(ct.id), SUM(ct.closeness >= 3), 0,"
            " '', c.industry FROM company c LEFT JOIN contact ct ON ct.company_id = c.id"
            " GROUP BY c.id"
        ).fetchall()
        con.close()
        self.shown = list(range(len(self.rows)))
        outer, rows = self, self.rows

        class Model(QAbstractTableModel):
            def rowCount(self, parent=QModelIndex()):  # noqa: N802, B008
                return 0 if parent.isValid() else len(outer.shown)

            def columnCount(self, parent=QModelIndex()):  # noqa: N802, B008
                return 8

            def data(self, index, role=Qt.ItemDataRole.DisplayRole):
                if role == Qt.ItemDataRole.DisplayRole:
                    return str(rows[outer.shown[index.row()]][index.column()])
                return None

        self.model = Model()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.resize(1280, 800)
        self.table.show()

    def sort(self, column: int, descending: bool) -> None:
        keys = [str(r[column] or "").casefold() for r in self.rows]
        shown = sorted(range(len(self.rows)), key=keys.__getitem__, reverse=descending)
        self.model.beginResetModel()
        self.shown = shown
        self.model.endResetModel()
        self.table.viewport().repaint()


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
        floor = _Floor(db_path)
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

"""Benchmarks of the window: start to first paint, search keystroke, sort, peak memory."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.measure import Row, alternate, at_most, failed, row_from

ROOT = Path(__file__).resolve().parent.parent


def child_env() -> dict[str, str]:
    """Offscreen Qt; the user folders are the throw-away ones bench.run set up."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QT_LOGGING_RULES="qt.qpa.*=false",
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
    )
    return env


def _child(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bench.children", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"child {args[:2]} failed: {done.stderr.strip()[-300:]}")
    return done.stdout


def _paint_ms(env: dict[str, str], *args: str) -> float:
    t0 = time.time()
    out = _child("paint", *args, env=env)
    painted = float(next(ln for ln in out.splitlines() if ln.startswith("painted")).split()[1])
    return (painted - t0) * 1000


def start_job(db_path: Path, n: int, reps: int) -> Row:
    label = f"start → main window painted, {n:,} contacts" if n else "start → painted, empty db"
    env = child_env()
    try:
        runs = alternate(
            reps,
            {
                "vouch": lambda: _paint_ms(env, "vouch", str(db_path)),
                "floor": lambda: _paint_ms(env, "floor"),
            },
        )
    except Exception as exc:  # noqa: BLE001
        return failed(label, "ms", exc)
    return row_from(
        label,
        runs,
        check=at_most(500 if n else 300),
        note="process start, offscreen; floor: bare QMainWindow + QTableView",
    )


def memory_job(db_path: Path, n: int, reps: int = 1) -> Row:
    label = f"peak memory, {n:,} contacts loaded in the window"
    env = child_env()

    def rss(who: str) -> float:
        out = _child("memory", who, str(db_path), env=env)
        return float(next(ln for ln in out.splitlines() if ln.startswith("rss")).split()[1])

    try:
        runs = alternate(reps, {"vouch": lambda: rss("vouch"), "floor": lambda: rss("floor")})
    except Exception as exc:  # noqa: BLE001
        return failed(label, "MB", exc)
    return row_from(
        label,
        runs,
        unit="MB",
        check=at_most(400),
        note="max RSS; floor: raw rows in a minimal table model",
    )


# --- in-process: the real ContactsView against a list-comprehension floor --------------


class FloorTable:
    """The floor's window: a bare table model over row tuples, showing `shown` (row indexes)
    as plain text; `reset` swaps the shown rows in and repaints."""

    def __init__(self, rows: list[tuple], columns: int):
        from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
        from PySide6.QtWidgets import QTableView

        self.rows = rows
        self.shown: list[int] = list(range(len(rows)))
        outer = self

        class Model(QAbstractTableModel):
            def rowCount(self, parent=QModelIndex()):  # noqa: N802, B008
                return 0 if parent.isValid() else len(outer.shown)

            def columnCount(self, parent=QModelIndex()):  # noqa: N802, B008
                return columns

            def data(self, index, role=Qt.ItemDataRole.DisplayRole):
                if role == Qt.ItemDataRole.DisplayRole:
                    return str(rows[outer.shown[index.row()]][index.column()])
                return None

        self.model = Model()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.resize(1280, 800)
        self.table.show()

    def reset(self, shown: list[int]) -> None:
        self.model.beginResetModel()
        self.shown = shown
        self.model.endResetModel()
        self.table.viewport().repaint()

    def sort(self, column: int, descending: bool) -> None:
        keys = [str(r[column]).casefold() for r in self.rows]
        self.reset(sorted(range(len(self.rows)), key=keys.__getitem__, reverse=descending))


class _Floor(FloorTable):
    """performance.md's floor: lowercased texts, a list comprehension, a row-index reset."""

    def __init__(self, db_path: Path):
        con = sqlite3.connect(db_path)
        rows = con.execute(
            "SELECT ct.first_name || ' ' || ct.last_name, COALESCE(co.name, ''), ct.position,"
            " ct.closeness, '', ct.stage, '', COALESCE(ct.next_follow_up, ''), ct.search_text"
            " FROM contact ct LEFT JOIN company co ON co.id = ct.company_id"
        ).fetchall()
        con.close()
        super().__init__(rows, 8)
        self.texts = [r[8].casefold() for r in rows]

    def search(self, text: str) -> None:
        self.reset([i for i, t in enumerate(self.texts) if text in t])


class _Vouch:
    """The real contacts view on its own session, as the window shows it."""

    def __init__(self, db_path: Path, app):
        from crm.store.connection import open_database
        from ui.session import Session
        from ui.views.contacts import ContactsView

        open_database(db_path, backup=False)
        self.app = app
        self.view = ContactsView(Session(db_path))
        self.view.resize(1280, 800)
        self.view.show()
        for _ in range(5):
            app.processEvents()
        self.resets = 0
        self.view.model.modelReset.connect(self._count)
        self.view.model.layoutChanged.connect(self._count)

    def _count(self, *args) -> None:
        self.resets += 1

    def search(self, text: str) -> None:
        before = self.resets
        self.view.search.setText(text)
        if self.resets == before:  # the view waits for typing to pause on big tables
            self.view.apply_filter()
        self.view.table.viewport().repaint()

    def clear(self) -> None:
        self.view.search.setText("")
        self.view.apply_filter()
        self.app.processEvents()

    def sort(self, column: int, descending: bool) -> None:
        from PySide6.QtCore import Qt

        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.view.table.sortByColumn(column, order)
        self.view.table.viewport().repaint()

    def close(self) -> None:
        from crm.store.connection import close_database

        self.view.close()
        self.view.deleteLater()
        self.app.processEvents()
        close_database()


def view_jobs(db_path: Path, n: int, reps: int, app) -> list[Row]:
    """Search keystroke and column sort on the same loaded view (load time not counted)."""
    from bench.measure import timed

    search_label = f"search keystroke → rows shown, {n:,} contacts"
    sort_label = f"sort a column, {n:,} contacts"
    try:
        vouch, floor = _Vouch(db_path, app), _Floor(db_path)
        for _ in range(5):  # until the floor's window is exposed: before, its repaint drew nothing
            app.processEvents()
    except Exception as exc:  # noqa: BLE001
        return [failed(search_label, "ms", exc), failed(sort_label, "ms", exc)]
    rows: list[Row] = []
    try:

        def v_key() -> float:
            vouch.clear()
            return timed(lambda: vouch.search("a"))

        def f_key() -> float:
            floor.reset(list(range(len(floor.rows))))
            return timed(lambda: floor.search("a"))

        runs = alternate(reps, {"vouch": v_key, "floor": f_key})
        rows.append(
            row_from(
                search_label,
                runs,
                check=at_most(30 if n <= 30_000 else 50),
                note="first letter typed, debounce wait excluded; floor: list comprehension",
            )
        )
        vouch.clear()
        turn = {"v": 0, "f": 0}

        def v_sort() -> float:
            turn["v"] += 1
            col = 1 + turn["v"] % 7
            return timed(lambda: vouch.sort(col, turn["v"] % 2 == 0))

        def f_sort() -> float:
            turn["f"] += 1
            col = 1 + turn["f"] % 7
            return timed(lambda: floor.sort(col, turn["f"] % 2 == 0))

        runs = alternate(reps, {"vouch": v_sort, "floor": f_sort})
        rows.append(
            row_from(
                sort_label,
                runs,
                check=at_most(100),
                note="a different column each run; floor: sorted() + reset",
            )
        )
    except Exception as exc:  # noqa: BLE001
        rows.append(failed(f"{search_label} / sort", "ms", exc))
    finally:
        vouch.close()
        floor.table.close()
    return rows

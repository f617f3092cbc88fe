"""Child processes for the window benchmarks: time to first paint, and peak memory.

`python -m bench.children paint vouch DB` runs the real entry point (ui.app.main) and prints
`painted <unix time>` once the main window has been painted; `paint floor` does the same for
a bare QMainWindow + QTableView. `memory vouch DB` opens the window on the contacts view and
prints `rss <MB>`; `memory floor DB` shows the same rows in a minimal table model.
"""

from __future__ import annotations

import sqlite3
import sys
import time

from bench.probe import peak_rss_mb, say


def _on_first_paint(app, action) -> None:
    """Run `action` once, right after the first paint of a main window has finished."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QMainWindow, QWidget

    class Filter(QObject):
        done = False

        def eventFilter(self, obj, event):  # noqa: N802 - Qt name
            if (
                not self.done
                and event.type() == QEvent.Type.Paint
                and isinstance(obj, QWidget)
                and isinstance(obj.window(), QMainWindow)
            ):
                self.done = True
                QTimer.singleShot(0, action)
            return False

    app._bench_filter = Filter()  # keep a reference
    app.installEventFilter(app._bench_filter)


def _patch_exec(action_factory) -> None:
    """Let ui.app.main run as it does for a user, but end its event loop after `action`."""
    from PySide6.QtWidgets import QApplication

    original = QApplication.exec

    def exec_(*_args):
        app = QApplication.instance()
        _on_first_paint(app, lambda: (action_factory(app)(), app.quit()))
        return original()

    QApplication.exec = exec_


def paint_vouch(db_path: str) -> None:
    _patch_exec(lambda app: lambda: say("painted", repr(time.time())))
    from ui.app import main

    main(["--db", db_path])


def paint_floor() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.resize(1280, 800)

    def report():
        say("painted", repr(time.time()))
        app.quit()

    _on_first_paint(app, report)
    window.show()
    app.exec()


def memory_vouch(db_path: str) -> None:
    def action(app):
        def run():
            window = next(w for w in app.topLevelWidgets() if hasattr(w, "show_view"))
            view = window.show_view("contacts")
            for _ in range(10):
                app.processEvents()
            rows = view.model.rowCount() if hasattr(view, "model") else -1
            say("rss", f"{peak_rss_mb():.1f}", "rows", rows)

        return run

    _patch_exec(action)
    from ui.app import main

    main(["--db", db_path])


def memory_floor(db_path: str) -> None:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    con = sqlite3.connect(db_path)
    rows = con.execute(
        "SELECT ct.id, ct.first_name || ' ' || ct.last_name, COALESCE(co.name, ''), ct.position,"
        " ct.closeness, ct.stage, ct.next_follow_up, ct.email, ct.search_text FROM contact ct"
        " LEFT JOIN company co ON co.id = ct.company_id"
    ).fetchall()
    con.close()

    class Model(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):  # noqa: N802, B008
            return 0 if parent.isValid() else len(rows)

        def columnCount(self, parent=QModelIndex()):  # noqa: N802, B008
            return 8

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return str(rows[index.row()][index.column() + 1])
            return None

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    table = QTableView()
    table.setModel(Model())
    window.setCentralWidget(table)
    window.resize(1280, 800)
    window.show()
    for _ in range(10):
        app.processEvents()
    say("rss", f"{peak_rss_mb():.1f}", "rows", len(rows))


if __name__ == "__main__":
    what, who, *rest = sys.argv[1:]
    {
        ("paint", "vouch"): paint_vouch,
        ("paint", "floor"): paint_floor,
        ("memory", "vouch"): memory_vouch,
        ("memory", "floor"): memory_floor,
    }[(what, who)](*rest)

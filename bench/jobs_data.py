"""Benchmarks of the crm layer (no Qt): import, re-import, report export, warm paths."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import statistics
from collections import deque
from pathlib import Path

from bench.import_floor import ImportedRows, open_plain, read_imported, write_rows
from bench.measure import Row, _fmt, alternate, at_most, export_check, failed, row_from, timed

FLOOR_DDL = (
    "CREATE TABLE contact (first_name TEXT, last_name TEXT, url TEXT, email TEXT, "
    "company TEXT, position TEXT, connected_on TEXT)"
)


def _csv_rows(path: Path) -> list[list[str]]:
    """The parse floor: csv.reader after skipping LinkedIn's preamble, with the cyclic garbage
    collector paused as Vouch's import pauses it (else its passes over the growing list of
    rows cost the floor a third more at 100,000 rows)."""
    from crm.gc_pause import gc_paused

    with gc_paused(), open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            if line.startswith("First Name,"):
                break
        return list(csv.reader(fh))


def empty_vouch_db(folder: Path, name: str) -> Path:
    from crm.store.connection import close_database, open_database

    path = folder / name
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    open_database(path, backup=False)
    close_database()
    return path


# The WAL checkpoint an import leaves for after its summary (crm.store.connection.checkpoint),
# timed after each timed import: reported beside the import, not hidden.
CHECKPOINTS: list[float] = []


def _vouch_import(folder: Path, csv_path: Path, name: str = "vouch.db") -> float:
    from crm.importers.api import import_path
    from crm.store.connection import checkpoint, close_database, open_database

    path = empty_vouch_db(folder, name)
    open_database(path, backup=False)
    try:
        took = timed(lambda: import_path(csv_path))
        CHECKPOINTS.append(timed(checkpoint))
        return took
    finally:
        close_database()


def _vouch_rows(folder: Path, csv_path: Path) -> ImportedRows:
    """Import the file once with Vouch (untimed) and read back every row it wrote."""
    from crm.importers.api import import_path
    from crm.store.connection import close_database, open_database

    path = empty_vouch_db(folder, "floor-source.db")
    open_database(path, backup=False)
    try:
        import_path(csv_path)
    finally:
        close_database()
    return read_imported(path)


def _floor_import(folder: Path, csv_path: Path, rows: ImportedRows) -> float:
    """Parse floor + raw sqlite3 writing Vouch's rows into a fresh, empty Vouch database."""
    con = open_plain(empty_vouch_db(folder, "floor-schema.db"))

    def run() -> None:
        _csv_rows(csv_path)
        write_rows(con, rows)

    try:
        return timed(run)
    finally:
        con.close()


def _plain_floor_import(folder: Path, csv_path: Path) -> float:
    """csv.reader + one executemany into a plain 7-column table, no indexes."""
    path = folder / "floor.db"
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    con.execute(FLOOR_DDL)

    def run() -> None:
        rows = _csv_rows(csv_path)
        with con:
            con.executemany("INSERT INTO contact VALUES (?,?,?,?,?,?,?)", rows)

    try:
        return timed(run)
    finally:
        con.close()


def _peer_import(folder: Path, csv_path: Path) -> float:
    import pandas as pd

    path = folder / "peer.db"
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    try:
        return timed(
            lambda: pd.read_csv(csv_path, skiprows=3, dtype=str, keep_default_na=False).to_sql(
                "contact", con, index=False
            )
        )
    finally:
        con.close()


def _import_note(runs: dict[str, list[float]]) -> str:
    note = "floor: csv.reader + raw sqlite3 writing the same rows into the same tables"
    if not runs.get("plain") or not runs.get("vouch"):
        return note
    plain = statistics.median(runs["plain"])
    ratio = statistics.median(runs["vouch"]) / plain
    note = f"{note} (plain 7-column table, no indexes: {_fmt(plain, 'ms')}, {ratio:.1f}x)"
    if CHECKPOINTS:
        after = statistics.median(CHECKPOINTS)
        note += f"; then the WAL checkpoint, run after the summary: {_fmt(after, 'ms')}"
        CHECKPOINTS.clear()
    return note


def import_job(csv_path: Path, n: int, reps: int, work: Path) -> Row:
    label = f"import {n:,}-row Connections.csv into an empty database"
    try:
        rows = _vouch_rows(work, csv_path)
        CHECKPOINTS.clear()
        runs = alternate(
            reps,
            {
                "vouch": lambda: _vouch_import(work, csv_path),
                "floor": lambda: _floor_import(work, csv_path, rows),
                "plain": lambda: _plain_floor_import(work, csv_path),
                "peer": lambda: _peer_import(work, csv_path),
            },
        )
    except Exception as exc:  # noqa: BLE001 - a broken job is a row, not a crashed bench
        return failed(label, "ms", exc)
    check = at_most(500, 1.5) if n <= 30_000 else at_most(1500)
    return row_from(label, runs, check=check, note=_import_note(runs))


def reimport_job(csv_path: Path, n: int, reps: int, work: Path) -> tuple[Row, Path]:
    """Import once, then time importing the same file again: nothing may be written."""
    from crm.importers.api import import_path
    from crm.store.connection import close_database, open_database

    label = f"re-import the same {n:,}-row file"
    db_path = empty_vouch_db(work, f"imported-{n}.db")
    open_database(db_path, backup=False)
    import_path(csv_path)
    close_database()
    floor_db = work / "floor-reimport.db"
    floor_db.unlink(missing_ok=True)
    fcon = sqlite3.connect(floor_db)
    fcon.execute(FLOOR_DDL)
    with fcon:
        fcon.executemany("INSERT INTO contact VALUES (?,?,?,?,?,?,?)", _csv_rows(csv_path))
    written: list[int] = []
    changes: list[int] = []

    def vouch() -> float:
        from crm.store.models import db

        open_database(db_path, backup=False)
        before = db.connection().total_changes
        try:
            box = {}
            ms = timed(lambda: box.setdefault("r", import_path(csv_path)))
            result = box["r"]
            written.append(result.created + result.updated)
            changes.append(db.connection().total_changes - before)
            return ms
        finally:
            close_database()

    def floor() -> float:
        def run():
            rows = _csv_rows(csv_path)
            known = {u for (u,) in fcon.execute("SELECT url FROM contact")}
            return [r for r in rows if len(r) > 2 and r[2] not in known]

        return timed(run)

    def peer() -> float:
        import pandas as pd

        def run():
            df = pd.read_csv(csv_path, skiprows=3, dtype=str, keep_default_na=False)
            old = pd.read_sql("SELECT url FROM contact", fcon)
            return df[~df["URL"].isin(old["url"])]

        return timed(run)

    try:
        runs = alternate(reps, {"vouch": vouch, "floor": floor, "peer": peer})
    except Exception as exc:  # noqa: BLE001
        fcon.close()
        return failed(label, "ms", exc), db_path
    fcon.close()
    rows_written = max(written) if written else -1
    row = row_from(
        label,
        runs,
        check=at_most(500),
        note=f"contacts written: {rows_written}, SQLite row changes: {max(changes, default=-1)}; "
        "floor: csv + url set",
    )
    if rows_written != 0 or max(changes, default=-1) != 0:
        row.ok = False  # "nothing changed" must mean nothing written
    return row, db_path


def _sheet_cells(path: Path) -> dict[str, list[tuple]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb}
    finally:
        wb.close()


def export_job(db_path: Path, n: int, reps: int, work: Path) -> Row:
    from crm.exporters.report import export_report
    from crm.store.connection import close_database, open_database

    label = f"export the report workbook, {n:,} contacts"
    out = work / "report.xlsx"
    open_database(db_path, backup=False)
    try:
        export_report(out)
        cells = _sheet_cells(out)

        def floor() -> float:
            from openpyxl import Workbook

            def run():
                wb = Workbook(write_only=True)
                for title, rows in cells.items():
                    ws = wb.create_sheet(title)
                    for r in rows:
                        ws.append(r)
                wb.save(work / "floor.xlsx")

            return timed(run)

        def peer() -> float:
            import pandas as pd

            def run():
                with pd.ExcelWriter(work / "peer.xlsx", engine="openpyxl") as xw:
                    for title, rows in cells.items():
                        width = max((len(r) for r in rows), default=0)
                        body = [list(r) + [None] * (width - len(r)) for r in rows]
                        pd.DataFrame(body).to_excel(xw, sheet_name=title, index=False, header=False)

            return timed(run)

        runs = alternate(
            reps, {"vouch": lambda: timed(lambda: export_report(out)), "floor": floor, "peer": peer}
        )
        n_cells = sum(len(r) for rows in cells.values() for r in rows)
    except Exception as exc:  # noqa: BLE001
        return failed(label, "ms", exc)
    finally:
        close_database()
    return row_from(
        label, runs, check=export_check, note=f"{n_cells:,} cells; floor: openpyxl write-only"
    )


def _floor_paths(con: sqlite3.Connection, company_id: int, max_hops: int = 6) -> int:
    """Backward BFS in raw SQL, one query per hop, until a level reaches first-degree people."""
    people = [
        r[0] for r in con.execute("SELECT id FROM contact WHERE company_id = ?", (company_id,))
    ]
    seen = set(people)
    frontier = deque(people)
    found = 0
    for _ in range(max_hops):
        if not frontier:
            break
        ids = list(frontier)
        frontier.clear()
        preds: list[tuple[int, int]] = []
        for i in range(0, len(ids), 900):
            part = ids[i : i + 900]
            marks = ",".join("?" * len(part))
            preds += con.execute(
                f"SELECT from_contact_id, to_contact_id FROM referral WHERE to_contact_id IN ({marks})",
                part,
            ).fetchall()
        has_pred = {t for _, t in preds}
        found += sum(1 for t in ids if t not in has_pred)
        if found:
            break
        for f, _ in preds:
            if f not in seen:
                seen.add(f)
                frontier.append(f)
    return found


def _target_company(con: sqlite3.Connection, people: int = 25) -> tuple[int, int]:
    """A network target whose people are all known only through someone else (no one there
    is first-degree), so that every warm path has to be searched for: the hard, real case."""
    reached = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT to_contact_id FROM referral ORDER BY to_contact_id LIMIT ?", (people,)
        )
    ]
    with con:
        cur = con.execute(
            "INSERT INTO company (name, name_key, industry, website, is_target, priority, notes,"
            " created_at) VALUES ('Bench Target', 'bench target', '', '', 1, 1, '',"
            " '2025-01-01 00:00:00')"
        )
        company_id = cur.lastrowid
        con.executemany(
            "UPDATE contact SET company_id = ? WHERE id = ?", [(company_id, i) for i in reached]
        )
    return company_id, len(reached)


def paths_job(db_path: Path, n: int, n_edges: int, reps: int, work: Path) -> Row:
    from bench.data import add_edges
    from crm.services.network import paths_to_company
    from crm.store.connection import close_database, open_database

    label = f"warm paths to a company, {n:,} contacts / {n_edges:,} edges"
    path = work / f"paths-{n}.db"
    shutil.copyfile(db_path, path)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    try:
        edges = add_edges(path, n_edges)
        con = sqlite3.connect(path)
        company_id, people = _target_company(con)
        open_database(path, backup=False)
        found: list[int] = []
        runs = alternate(
            reps,
            {
                "vouch": lambda: timed(lambda: found.append(len(paths_to_company(company_id)))),
                "floor": lambda: timed(lambda: _floor_paths(con, company_id)),
            },
        )
        con.close()
    except Exception as exc:  # noqa: BLE001
        return failed(label, "ms", exc)
    finally:
        close_database()
    return row_from(
        label,
        runs,
        check=at_most(100),
        note=f"{edges:,} edges, {people} people there, {found[-1] if found else 0} paths; "
        "floor: raw-SQL backward BFS",
    )


# --- a LinkedIn export saved as a workbook -----------------------------------------------------


def write_xlsx(csv_path: Path, xlsx_path: Path) -> Path:
    """The CSV (its Notes preamble too) saved as one sheet, as Excel's "Save as" leaves it."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Connections")
    with open(csv_path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            ws.append(row)
    wb.save(xlsx_path)
    return xlsx_path


def xlsx_import_job(csv_path: Path, n: int, reps: int, work: Path) -> Row:
    """Import the workbook into an empty database, against reading its cells with openpyxl's
    read-only mode alone (the raw-openpyxl floor: no database) and pandas (read_excel, to_sql)."""
    label = f"import a {n:,}-row Connections.xlsx into an empty database"
    try:
        xlsx = write_xlsx(csv_path, work / f"Connections-{n}.xlsx")
        calamine: list[float] = []

        def floor() -> float:
            import openpyxl

            def run() -> None:
                wb = openpyxl.load_workbook(xlsx, read_only=True)
                for _row in wb.worksheets[0].iter_rows(values_only=True):
                    pass
                wb.close()

            return timed(run)

        def raw_calamine() -> float:
            import python_calamine

            def run() -> None:
                book = python_calamine.CalamineWorkbook.from_path(str(xlsx))
                for _row in book.get_sheet_by_index(0).iter_rows():
                    pass
                book.close()

            calamine.append(timed(run))
            return calamine[-1]

        def peer() -> float:
            import pandas as pd

            path = work / "peer-xlsx.db"
            path.unlink(missing_ok=True)
            con = sqlite3.connect(path)
            try:
                return timed(
                    lambda: pd.read_excel(xlsx, skiprows=3, dtype=str).to_sql(
                        "contact", con, index=False
                    )
                )
            finally:
                con.close()

        runs = alternate(
            reps,
            {
                "vouch": lambda: _vouch_import(work, xlsx, "vouch-xlsx.db"),
                "floor": floor,
                "calamine": raw_calamine,
                "peer": peer,
            },
        )
        CHECKPOINTS.clear()
    except Exception as exc:  # noqa: BLE001 - a broken job is a row, not a crashed bench
        return failed(label, "ms", exc)
    note = (
        "floor: openpyxl's read-only mode reading every cell, no database; Vouch reads a plain "
        f"workbook with python-calamine, which alone reads the cells in "
        f"{_fmt(statistics.median(calamine), 'ms')}"
    )
    return row_from(label, runs, note=note)

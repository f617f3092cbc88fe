"""`make bench`: Vouch against the floor and the peer, in the same run, at LinkedIn scale.

    python -m bench.run                 # 30,000 and 100,000 contacts, 5 rounds per job
    python -m bench.run --quick         # every job at 1,000 rows (the smoke test in make test)
    python -m bench.run --doc docs/benchmarks.md   # also write the table there

Prints one Markdown table and saves it as JSON (bench/results/latest.json by default).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _isolate(home: Path) -> None:
    """Offscreen Qt and throw-away user folders for this process and its children."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        os.environ[var] = str(home / var.lower())
    os.environ.pop("VOUCH_DB", None)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench.run", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="every job at 1,000 rows, 3 rounds")
    p.add_argument("--small", type=int, default=30_000, help="the LinkedIn-cap size")
    p.add_argument("--large", type=int, default=100_000, help="the coach/recruiter size")
    p.add_argument("--edges", type=int, default=100_000, help="edges for the warm-path job")
    p.add_argument("--messages", type=int, default=100_000, help="messages in the archive job")
    p.add_argument("--reps", type=int, default=5, help="rounds per job (median reported)")
    p.add_argument("--json", type=Path, default=HERE / "results" / "latest.json")
    p.add_argument("--doc", type=Path, help="also write the table into this Markdown file")
    args = p.parse_args(argv)
    if args.quick:
        args.small = args.large = 1_000
        args.edges = 3_000
        args.messages = 3_000
        args.reps = min(args.reps, 3)
    return args


def meta(args: argparse.Namespace, seconds: float) -> dict:
    import PySide6

    try:
        import openpyxl
        import pandas
        import peewee

        versions = f"peewee {peewee.__version__}, openpyxl {openpyxl.__version__}, pandas {pandas.__version__}"
    except ImportError:
        versions = ""
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "pyside6": PySide6.__version__,
        "libraries": versions,
        "sizes": [args.small, args.large],
        "edges": args.edges,
        "rounds": args.reps,
        "seconds": round(seconds, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def run(args: argparse.Namespace, work: Path) -> list:
    from bench import jobs_archive, jobs_data, jobs_pages, jobs_ui
    from bench.data import write_connections

    sizes = sorted({args.small, args.large})
    csvs = {n: write_connections(work / f"Connections-{n}.csv", n) for n in sizes}
    rows = []
    say = lambda row: (rows.append(row), print(f"  {row.job}: {row.vouch}", flush=True))  # noqa: E731

    for n in sizes:
        say(jobs_data.import_job(csvs[n], n, args.reps, work))
    # openpyxl and pandas take seconds a round here: three rounds
    say(jobs_data.xlsx_import_job(csvs[args.small], args.small, min(args.reps, 3), work))
    reimport, small_db = jobs_data.reimport_job(csvs[args.small], args.small, args.reps, work)
    say(reimport)
    # the archive: about 10 s a round at 100,000 messages, so three rounds at most
    for row in jobs_archive.archive_jobs(args.small, args.messages, min(args.reps, 3), work):
        say(row)
    dbs = {args.small: small_db}
    if args.large != args.small:
        from crm.importers.api import import_path
        from crm.store.connection import close_database, open_database

        big = jobs_data.empty_vouch_db(work, f"imported-{args.large}.db")
        open_database(big, backup=False)
        import_path(csvs[args.large])
        open_database.__globals__["db"].execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        close_database()
        dbs[args.large] = big

    empty = jobs_data.empty_vouch_db(work, "empty.db")
    say(jobs_ui.start_job(empty, 0, args.reps))
    say(jobs_ui.start_job(dbs[args.small], args.small, args.reps))

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    for n in sizes:
        for row in jobs_ui.view_jobs(dbs[n], n, args.reps, app):
            say(row)
    say(jobs_pages.companies_sort_job(dbs[args.large], args.large, args.reps, app))
    say(jobs_data.export_job(dbs[args.small], args.small, args.reps, work))
    say(jobs_data.paths_job(dbs[args.small], args.small, args.edges, args.reps, work))
    say(jobs_ui.memory_job(dbs[args.large], args.large, args.reps))
    return rows


def write_doc(path: Path, text: str, info: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "# Benchmarks\n\n"
        "Latest `make bench` run: Vouch against the floor (the fastest plain way to do the same "
        "job: csv + raw sqlite3, openpyxl write-only, a list comprehension, a bare Qt window) "
        "and the peer (pandas), measured in the same run, medians of "
        f"{info['rounds']} rounds with the order of the contenders flipped every round. "
        "Targets are those of the performance brief; ratio = Vouch / floor.\n\n"
        f"{text}\n\n"
        f"Run {info['date']} on {info['machine']}; Python {info['python']}, SQLite "
        f"{info['sqlite']}, PySide6 {info['pyside6']}, {info['libraries']}; "
        f"{info['seconds']} s in all; load average at the end {info['load_average']} (other "
        "work on the machine slows Vouch and the floor alike, so ratios hold better than "
        "absolute times). Offscreen Qt (QT_QPA_PLATFORM=offscreen).\n\n"
        "## How each job is measured\n\n"
        "- **import**: `crm.importers.api.import_path` into a freshly created, empty database, "
        "in-process. Floor: `csv.reader` (preamble skipped, the garbage collector paused as Vouch "
        "pauses it) plus raw `sqlite3` writing the same "
        "rows into the same tables: the import_batch, company and contact rows Vouch's import "
        "wrote (every column, ids included, read back once from a database Vouch imported the "
        "file into, untimed) go into a fresh, empty Vouch database opened with Vouch's pragmas "
        "(WAL, synchronous=normal, foreign keys on, 32 MB cache), in one transaction: one "
        "`executemany` per table, the contact indexes dropped before the contacts go in and "
        "rebuilt after, as Vouch's bulk path does; the commit's WAL checkpoint is counted, as it "
        "is for Vouch. The note gives the older, plainer floor measured in the same rounds, "
        "`csv.reader` + one `executemany` into a 7-column table with no indexes, and Vouch's "
        "ratio to it. Peer: `pandas.read_csv` + `DataFrame.to_sql`.\n"
        "- **import .xlsx**: the same 30,000 rows saved as a workbook (openpyxl write-only, the "
        "Notes preamble kept), imported as above (three rounds). Floor: openpyxl's read-only "
        "mode reading every cell, no database (the raw-openpyxl way Vouch took before it read "
        "plain workbooks with python-calamine; the note gives calamine alone). Peer: "
        "`pandas.read_excel` + `DataFrame.to_sql`.\n"
        "- **re-import**: the same file into the database it was just imported into; the note "
        "gives the contacts created or updated and SQLite's own count of row changes (both "
        "must be 0). Floor: parse + a set of the stored URLs. Peer: `read_csv` + `read_sql` + "
        "`isin`.\n"
        "- **LinkedIn archive**: a folder with the Connections.csv above and a messages.csv "
        "(100,000 messages stamped to the second with a few thousand of the connections, one in "
        "twenty with people who are not connections), imported into an empty database, then "
        "re-imported into it (three rounds each; the re-import must change no row). Floor: "
        "`csv.reader` over both files + raw `sqlite3` writing the rows Vouch wrote (contacts as "
        "above, then the interactions and archive facts in one transaction); the note gives "
        "the messages' share (messages.csv + interactions and facts). Re-import floor: both "
        "files parsed + sets of the stored profile URLs, message days and facts.\n"
        "- **start → painted**: a new process runs `ui.app.main` (the real entry point, start-up "
        "backup included) and prints the clock when the main window's first paint has finished; "
        "the parent subtracts the moment it launched the process. Floor: the same for a bare "
        "`QMainWindow` + `QTableView`.\n"
        "- **search keystroke / sort**: the real `ContactsView` on its own session, shown at "
        "1280x800 offscreen. Keystroke: the first letter typed into the search box until the "
        "model has reset and the table has repainted (the view's typing pause on very large "
        "tables is not counted). Sort: `sortByColumn` on a different column each round, until "
        "repainted. Floor: a list comprehension over lowercased texts (or `sorted()`) and a "
        "row-index model reset, repainted the same way.\n"
        "- **export**: `crm.exporters.report.export_report`. Floor: openpyxl write-only writing "
        "exactly the cells of Vouch's workbook (read back once). Peer: one `DataFrame.to_excel` "
        "per sheet.\n"
        "- **warm paths**: `crm.services.network.paths_to_company` for a network target whose "
        '25 people are all known only through others (random "knows" edges into 30% of the '
        "contacts). Floor: a backward breadth-first search in raw SQL, one query per hop.\n"
        "- **peak memory**: a new process opens the window on the contacts view with every "
        "contact loaded and reports its peak resident memory (VmHWM). Floor: the same rows as "
        "raw tuples in a minimal table model.\n\n"
        "Reproduce: `make bench` (writes bench/results/latest.json and this page); "
        "`python -m bench.run --quick` runs every job at 1,000 rows. Wall-clock times on a "
        "shared machine swing between runs; `python -m bench.instructions` counts the "
        "import's instructions per row under valgrind (Vouch and the floor), the same on "
        "every run. Where the import's time goes, and what was tried: "
        "[import-speed.md](import-speed.md).\n",
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="vouch-bench-"))
    _isolate(work / "home")
    sys.path.insert(0, str(HERE.parent))
    from bench.measure import save_json, table

    t0 = time.perf_counter()
    try:
        rows = run(args, work)
    finally:
        from crm.store.connection import close_database

        close_database()
        shutil.rmtree(work, ignore_errors=True)
    info = meta(args, time.perf_counter() - t0)
    text = table(rows)
    print()
    print(text)
    print(
        f"\n{info['date']} · {info['machine']} · {info['seconds']} s · "
        f"load average {info['load_average']}"
    )
    save_json(rows, args.json, info)
    if args.doc:
        write_doc(args.doc, text, info)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Instructions per imported row, counted by valgrind: a figure a noisy machine cannot move.

    python -m bench.instructions            # 10,000 rows; needs valgrind (apt-get install valgrind)

Wall-clock times on a shared 2-core machine swing by a factor of two between runs; callgrind
counts the instructions the process executes, the same on every run. Each contender runs in
its own process, once with the job and once without it (imports, database creation, the
floor's rows read back), and the difference is the job's cost:

- vouch:  crm.importers.api.import_path into an empty database;
- floor:  csv.reader + raw sqlite3 writing the same rows into the same tables (see
          bench/import_floor.py), the floor of `make bench`;
- parse:  the csv.reader part of the floor alone.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = """
import gc, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from bench.import_floor import open_plain, read_imported, write_rows
from bench.jobs_data import _csv_rows, empty_vouch_db
from crm.importers.api import import_path
from crm.store.connection import close_database, open_database
import crm.importers.engine, crm.importers.reader_csv, crm.importers.writer
work, csv_path, job, run = Path({work!r}), Path({csv!r}), {job!r}, {run!r}
rows = read_imported(work / "source.db")
path = empty_vouch_db(work, "target.db")
if job == "vouch":
    open_database(path, backup=False)
    if run:
        import_path(csv_path)
    close_database()
else:
    con = open_plain(path)
    if run:
        _csv_rows(csv_path)
        if job == "floor":
            write_rows(con, rows)
    con.close()
"""


def _count(work: Path, csv_path: Path, job: str, run: bool) -> int:
    script = CHILD.format(
        root=str(HERE.parent), work=str(work), csv=str(csv_path), job=job, run=run
    )
    out = work / "callgrind.out"
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            "-c",
            script,
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
        check=True,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        raise RuntimeError(done.stderr[-2000:])
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bench.instructions", description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=10_000)
    p.add_argument("--jobs", default="parse,floor,vouch", help="which of parse,floor,vouch")
    args = p.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(HERE.parent))
    from bench.data import write_connections
    from bench.jobs_data import empty_vouch_db
    from crm.importers.api import import_path
    from crm.store.connection import close_database, open_database

    work = Path(tempfile.mkdtemp(prefix="vouch-instr-"))
    try:
        csv_path = write_connections(work / "Connections.csv", args.rows)
        open_database(empty_vouch_db(work, "source.db"), backup=False)
        import_path(csv_path)
        close_database()
        per_row = {}
        jobs = args.jobs.split(",")
        for job in jobs:
            cost = _count(work, csv_path, job, True) - _count(work, csv_path, job, False)
            per_row[job] = cost / args.rows
            print(f"{job:6} {cost / 1e6:8.0f}M instructions, {per_row[job]:8,.0f} per row")
        if "vouch" in per_row and "floor" in per_row:
            print(f"vouch / floor = {per_row['vouch'] / per_row['floor']:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The LinkedIn data archive: Connections.csv and a big messages.csv in one import, and the
re-import of the same archive, against the floor in the same run."""

from __future__ import annotations

import csv
import random
import sqlite3
import statistics
from pathlib import Path

from bench.import_floor import ImportedRows, TableRows, _read_table, open_plain, read_imported
from bench.import_floor import write_rows as write_contacts
from bench.jobs_data import _csv_rows, empty_vouch_db
from bench.measure import Row, _fmt, alternate, failed, row_from, timed

ME = "https://www.linkedin.com/in/me-myself"
MESSAGES_HEADER = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "IS MESSAGE DRAFT",
]  # fmt: skip


def write_archive(folder: Path, n_connections: int, n_messages: int, seed: int = 1) -> Path:
    """An archive folder: bench.data's Connections.csv and a messages.csv as real exports
    write it: each message stamped to the second, half of them received, half sent, with a
    few thousand of the connections, and one in twenty with people who are not connections
    (recruiters, strangers), which Vouch counts and does not log."""
    from bench.data import write_connections

    folder.mkdir(parents=True, exist_ok=True)
    write_connections(folder / "Connections.csv", n_connections)
    with open(folder / "Connections.csv", encoding="utf-8", newline="") as fh:
        people = [(f"{r[0]} {r[1]}", r[2]) for r in csv.reader(fh) if len(r) > 2 and "/in/" in r[2]]
    people = people[: max(1, min(8000, len(people) * 27 // 100))]
    strangers = [(f"Stranger {k}", f"https://www.linkedin.com/in/stranger-{k}") for k in range(400)]
    rnd = random.Random(seed)
    with open(folder / "messages.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(MESSAGES_HEADER)
        for i in range(n_messages):
            name, url = rnd.choice(strangers if i % 20 == 7 else people)
            stamp = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}:{i * 7 % 60:02d} UTC"
            if i % 2:
                row = [name, url, "Me", ME, "Hi, how are you? Let's talk about the role."]
            else:
                row = ["Me", ME, name, url, "Thanks, talk soon!"]
            w.writerow([f"c{i % 9000}", "", *row[:4], stamp, "", row[4], "INBOX", "No"])
    return folder


def _messages_rows(folder: Path) -> list[list[str]]:
    with open(folder / "messages.csv", encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write_side(con: sqlite3.Connection, tables: list[TableRows]) -> None:
    """The interactions and archive facts, the way write_contacts writes the contacts: one
    transaction, one executemany a table, foreign keys and autocheckpoint off as Vouch's
    bulk transaction has them."""
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.execute("BEGIN")
    for t in tables:
        con.executemany(t.insert, t.rows)
    con.execute("COMMIT")
    con.execute("PRAGMA wal_autocheckpoint = 1000")
    con.execute("PRAGMA foreign_keys = ON")


def archive_jobs(n: int, n_messages: int, reps: int, work: Path) -> list[Row]:
    """Import the archive into an empty database, then re-import it (nothing may be written)."""
    from crm.importers.api import import_path
    from crm.store.connection import close_database, open_database

    what = f"{n:,} connections, {n_messages:,} messages"
    label = f"import a LinkedIn archive ({what}) into an empty database"
    again_label = f"re-import the same archive ({what})"
    try:
        folder = write_archive(work / f"archive-{n}", n, n_messages)
        source = empty_vouch_db(work, "archive-source.db")
        open_database(source, backup=False)
        try:
            first = import_path(folder)
        finally:
            close_database()
        rows: ImportedRows = read_imported(source)
        con = sqlite3.connect(source)
        side = [_read_table(con, "interaction"), _read_table(con, "archive_fact")]
        con.close()

        def vouch() -> float:
            path = empty_vouch_db(work, "archive-vouch.db")
            open_database(path, backup=False)
            try:
                return timed(lambda: import_path(folder))
            finally:
                close_database()

        def floor() -> float:
            con = open_plain(empty_vouch_db(work, "archive-floor.db"))

            def run() -> None:
                _csv_rows(folder / "Connections.csv")
                _messages_rows(folder)
                write_contacts(con, rows)
                _write_side(con, side)

            try:
                return timed(run)
            finally:
                con.close()

        def messages() -> float:
            """The messages' share of the floor: csv.reader + the interactions and facts."""
            con = open_plain(empty_vouch_db(work, "archive-floor-m.db"))
            write_contacts(con, rows)  # untimed: the contacts they point at

            def run() -> None:
                _messages_rows(folder)
                _write_side(con, side)

            try:
                return timed(run)
            finally:
                con.close()

        runs = alternate(reps, {"vouch": vouch, "floor": floor, "messages": messages})
    except Exception as exc:  # noqa: BLE001 - a broken job is a row, not a crashed bench
        return [failed(label, "ms", exc), failed(again_label, "ms", exc)]
    extras = first.extras
    note = (
        f"{extras.get('messages', 0):,} message days logged, "
        f"{extras.get('messages_not_with_connections', 0):,} messages with non-connections "
        "counted; floor: csv.reader over both files + raw sqlite3 writing the same contacts, "
        "companies, interactions and archive facts; of it, messages.csv + the interactions "
        f"and facts: {_fmt(statistics.median(runs['messages']), 'ms')}"
    )
    return [row_from(label, runs, note=note), _reimport(folder, source, again_label, reps)]


def _reimport(folder: Path, db_path: Path, label: str, reps: int) -> Row:
    from crm.importers.api import import_path
    from crm.store.connection import close_database, open_database

    changes: list[int] = []

    def vouch() -> float:
        from crm.store.models import db

        open_database(db_path, backup=False)
        before = db.connection().total_changes
        try:
            return timed(lambda: import_path(folder))
        finally:
            changes.append(db.connection().total_changes - before)
            close_database()

    con = sqlite3.connect(db_path)

    def floor() -> float:
        def run() -> None:
            _csv_rows(folder / "Connections.csv")
            _messages_rows(folder)
            {u for (u,) in con.execute("SELECT url_key FROM contact")}
            set(con.execute("SELECT contact_id, date FROM interaction WHERE kind = 'message'"))
            {k for (k,) in con.execute("SELECT key FROM archive_fact")}

        return timed(run)

    try:
        runs = alternate(reps, {"vouch": vouch, "floor": floor})
    except Exception as exc:  # noqa: BLE001
        return failed(label, "ms", exc)
    finally:
        con.close()
    row = row_from(
        label,
        runs,
        note=f"SQLite row changes: {max(changes, default=-1)}; floor: csv.reader over both "
        "files + sets of the stored profile URLs, message days and archive facts",
    )
    row.ok = max(changes, default=-1) == 0  # "nothing changed" must mean nothing written
    row.target = "0 rows written"
    return row

"""Child processes for the reliability suite: killed mid-write, racing writers, memory probes.

Run as `python -m tests.reliability.children COMMAND ...`; each prints progress lines on
stdout (flushed) so the parent knows when the interesting part has started.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import sys
import time

from bench.probe import peak_rss_mb, say


def _importer():
    """The importer's entry point (imported by name: it is built beside this suite)."""
    return importlib.import_module("crm.importers.api").import_path


def meeting(db_path: str, names_per_meeting: str, limit: str = "0") -> None:
    """Log meetings with many names, one after another, until killed (or `limit` reached)."""
    from crm.services.contacts import create_contact
    from crm.services.interactions import MeetingRecord, log_meeting
    from crm.services.referrals import NameEntry
    from crm.store.connection import open_database

    open_database(db_path, backup=False)
    voucher = create_contact("Vera", "Voucher", closeness=3)
    k, stop = int(names_per_meeting), int(limit)
    say("started")
    n = 0
    while not stop or n < stop:
        n += 1
        names = [
            NameEntry(
                f"Name{n}-{i}",
                "Named",
                company=f"Company {i % 7}",
                linkedin_url=f"https://www.linkedin.com/in/crash-{n}-{i}",
            )
            for i in range(k)
        ]
        record = MeetingRecord(
            voucher.id, dt.date(2025, 3, 3), answer="yes", notes="crash-test", names=names
        )
        log_meeting(record)
        say("meeting", n)


def do_import(db_path: str, file_path: str) -> None:
    """One import of `file_path`; prints how long it took so the parent can aim its kills."""
    from crm.store.connection import open_database

    import_path = _importer()
    open_database(db_path, backup=False)
    say("started")
    t0 = time.perf_counter()
    import_path(file_path)
    say("done", f"{time.perf_counter() - t0:.4f}")


def writer(db_path: str, tag: str, n: str, go_file: str = "") -> None:
    """Create `n` contacts, one transaction each, racing another writer on the same file.

    Says "ready", then waits for the parent to create `go_file`, so that both writers start
    together and their writes really interleave.
    """
    from pathlib import Path

    from crm.services.contacts import create_contact
    from crm.store.connection import open_database

    open_database(db_path, backup=False)
    say("ready")
    while go_file and not Path(go_file).exists():
        time.sleep(0.002)
    for i in range(int(n)):
        create_contact(f"{tag}{i}", "Writer", position=f"racer {tag}")
    say("done")


def rss_import(db_path: str, file_path: str) -> None:
    """Peak RSS growth of one import, in MB, as JSON: {"outcome": ..., "growth_mb": ...}."""
    from crm.errors import VouchError
    from crm.store.connection import open_database

    import_path = _importer()

    open_database(db_path, backup=False)
    before = peak_rss_mb()
    say("baseline", f"{before:.1f}")
    t0 = time.perf_counter()
    try:
        import_path(file_path)
        outcome, message = "imported", ""
    except VouchError as exc:
        outcome, message = "refused", exc.user_message()
    after = peak_rss_mb()
    say(
        json.dumps(
            {
                "outcome": outcome,
                "message": message,
                "growth_mb": after - before,
                "seconds": time.perf_counter() - t0,
            }
        )
    )


COMMANDS = {"meeting": meeting, "import": do_import, "writer": writer, "rss-import": rss_import}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](*sys.argv[2:])

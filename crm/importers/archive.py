"""The LinkedIn data archive (folder or .zip) in one import: connections first, then the
files that say who vouches for me, whom I talk to, and where I want to work.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from crm.gc_pause import gc_paused
from crm.importers import date_order
from crm.importers.archive_extras import Extras
from crm.importers.archive_files import CONNECTIONS, KNOWN_FILES, Archive
from crm.importers.engine import Engine
from crm.importers.reader_csv import HEAD_BYTES, open_text
from crm.importers.records import ImportResult, stop_if_cancelled
from crm.store.connection import bulk_transaction


def inspect_archive(path: Path):
    from crm.importers.api import detection_of

    archive = Archive(path)
    try:
        head = archive.read(CONNECTIONS, HEAD_BYTES)
        table = open_text(
            head, archive.name(CONNECTIONS), format="linkedin", partial=len(head) == HEAD_BYTES
        )
        det = detection_of(table)
    finally:
        archive.close()
    det.file = str(path)
    det.format = "linkedin-archive"
    det.kind = "archive"
    found = [k for k in KNOWN_FILES[1:] if k in archive.files]
    det.notes.insert(0, "LinkedIn data archive")
    if found:
        det.notes.append("also imports " + ", ".join(archive.shown(k) for k in found))
    return det


def import_archive(
    path: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    archive = Archive(path)
    try:
        table = open_text(archive.read(CONNECTIONS), archive.name(CONNECTIONS), format="linkedin")
        date_order.apply(table)
        with gc_paused(), bulk_transaction():
            engine = Engine(
                file=str(path),
                format="linkedin-archive",
                encoding=table.encoding,
                delimiter=table.delimiter,
                source="linkedin",
            )
            engine.run(
                table.rows,
                table.mapping,
                table.header,
                total=table.total,
                width=table.width,
                progress=progress,
                cancelled=cancelled,
            )
            engine.flush()
            extras = Extras(engine, archive)
            extras.run(cancelled)
            result = engine.finish()
            stop_if_cancelled(cancelled)  # pressed while the rows were saved: roll them back
    finally:
        archive.close()
    result.notes = ["LinkedIn data archive", *table.notes[1:]]
    return result

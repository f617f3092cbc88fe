"""The imports made into this database, newest first: what the Import history lists and undoes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePath

from crm.store.models import ImportBatch


@dataclass(frozen=True)
class BatchRow:
    id: int
    file: str  # the file's name (the full path is in `path`)
    path: str
    format: str
    started_at: dt.datetime | None
    rows: int
    created: int
    updated: int
    unchanged: int
    skipped: int
    undone: bool

    @property
    def summary(self) -> str:
        parts = [f"{self.created:,} new", f"{self.updated:,} updated"]
        if self.unchanged:
            parts.append(f"{self.unchanged:,} unchanged")
        if self.skipped:
            parts.append(f"{self.skipped:,} skipped")
        return ", ".join(parts)


def file_name(path: str) -> str:
    """The file's name from a path written on any system."""
    # a Windows path read on Linux keeps its backslashes: take the last part of either kind
    return PurePath(path.replace("\\", "/")).name or path


def import_history(limit: int = 500) -> list[BatchRow]:
    """Every import batch, newest first (an import that changed nothing wrote none)."""
    query = ImportBatch.select().order_by(ImportBatch.id.desc()).limit(limit)
    return [
        BatchRow(
            id=b.id,
            file=file_name(b.file),
            path=b.file,
            format=b.format,
            started_at=b.started_at,
            rows=b.rows,
            created=b.created,
            updated=b.updated,
            unchanged=b.unchanged,
            skipped=b.skipped,
            undone=b.undone,
        )
        for b in query
    ]

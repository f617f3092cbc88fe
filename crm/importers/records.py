"""What an import produces and shares between its parts: the record layout, the result,
cell cleaning and the cancel check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from crm.errors import Cancelled

# Positions in a contact record list.
ID, FIRST, LAST, UKEY, EKEY, NKEY, COMPANY, POSITION, EMAIL, PHONE, URL, CONNECTED, TAGS = range(13)
ROW = 13  # the file row that matched or created this contact in this import (0: none)
NEW = 14  # created by this import (not yet written)

CHECK_EVERY = 2000
DATE_CACHE: dict[str, str] = {}  # date text -> ISO date ("" when not a date)


@dataclass
class ImportResult:
    """What an import did: the summary the user sees and the CLI prints."""

    file: str = ""
    format: str = ""
    encoding: str = ""
    delimiter: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    batch: int | None = None
    notes: list[str] = field(default_factory=list)  # what the file is (format, encoding...)
    warnings: list[str] = field(default_factory=list)  # imported, but something was left out
    extras: dict[str, int] = field(default_factory=dict)  # archive: messages, vouchers...

    def to_dict(self) -> dict:
        """The `import --json` shape: "skipped" stays the count; "skipped_rows" says which
        file rows and why, "warnings" what was imported but left something out, "extras" what
        an archive's other files added (and its messages with people who are no contacts)."""
        data = {
            "format": self.format,
            "encoding": self.encoding,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
            "batch": self.batch,
            "skipped_rows": [{"row": row, "reason": reason} for row, reason in self.skipped],
            "warnings": list(self.warnings),
        }
        if self.extras:  # an archive's: a contacts file's shape stays as it was
            data["extras"] = dict(self.extras)
        return data


def _text(value: object) -> str:
    if value is None:
        return ""
    if type(value) is str:
        return " ".join(value.split())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def stop_if_cancelled(cancelled: Callable[[], bool] | None) -> None:
    """Inside the import's transaction, so nothing of it is written; checked every few rows
    and again once the rows are saved (saving a big file takes a while)."""
    if cancelled is not None and cancelled():
        raise Cancelled("Import cancelled: nothing was written")

"""The import API the window, the CLI and the other engineers code against."""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from crm.errors import InputError, NotFoundError
from crm.gc_pause import gc_paused
from crm.importers import address_names, alternates, date_order
from crm.importers.dates import day_first_iso, parse_date
from crm.importers.detect import (
    DELIMITER_NAMES,
    ENCODING_NAMES,
    FORMAT_TITLES,
    Table,
    sniff_kind,
    zip_unreadable,
)
from crm.importers.engine import Engine
from crm.importers.keys import first_email, first_value
from crm.importers.reader_csv import HEAD_BYTES, open_text, stream_table
from crm.importers.reader_xlsx import open_xlsx
from crm.importers.records import ImportResult, _text, stop_if_cancelled
from crm.store.connection import bulk_transaction
from crm.store.models import ImportBatch

log = logging.getLogger(__name__)

FORMATS = ("auto", "linkedin", "google", "outlook", "vouch", "generic", "linkedin-archive")
LINKEDIN_SOURCES = ("linkedin", "linkedin-archive")
MAX_BYTES = 512 * 1024 * 1024
MAX_INFLATED = 200 * 1024 * 1024  # one zip member, unpacked: far above any real contacts sheet
MAX_RATIO = 100  # unpacked / packed; real sheets pack about 5-20 times
RATIO_FROM = 10 * 1024 * 1024  # the ratio only matters for members this big
PREVIEW_ROWS = 10
DATE_FIELDS = ("connected_on", "next_follow_up")

__all__ = ["Detection", "ImportResult", "import_path", "inspect", "undo_import"]


@dataclass
class Detection:
    """What Vouch found in a file, shown to the user before anything is written."""

    file: str
    format: str
    encoding: str
    delimiter: str
    header: list[str]
    mapping: dict[str, str]
    preview: list[dict[str, str]]
    notes: list[str] = field(default_factory=list)
    header_row: int = 1
    kind: str = "csv"  # csv / xlsx / archive
    raw_preview: list[list[str]] = field(default_factory=list)  # the cells, unmapped

    @property
    def encoding_label(self) -> str:
        return ENCODING_NAMES.get(self.encoding, self.encoding)

    @property
    def delimiter_label(self) -> str:
        return DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))


def _check_format(format: str) -> None:
    if format not in FORMATS:
        raise InputError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")


_OTHER_ZIPS = (
    ("word/", "a Word document"),
    ("ppt/", "a PowerPoint presentation"),
    ("mimetype", "an OpenDocument file; save it as .xlsx or CSV and import that"),
)


def _is_workbook(zf: zipfile.ZipFile) -> bool:
    names = set(zf.namelist())
    return "[Content_Types].xml" in names or any(n.startswith("xl/") for n in names)


def check_inflation(zf: zipfile.ZipFile, file: str) -> None:
    """Refuse a zip bomb from its declared sizes, before a byte of it is inflated.

    zipfile stops reading a member at its declared size (a lie there fails the CRC check),
    so the declared sizes bound what any reader can unpack.
    """
    total = 0
    for info in zf.infolist():
        size, packed = info.file_size, max(info.compress_size, 1)
        total += size
        if (
            size > MAX_INFLATED
            or total > MAX_BYTES
            or (size > RATIO_FROM and size / packed > MAX_RATIO)
        ):
            if size / packed > MAX_RATIO:
                what = (
                    f"{info.filename} would unpack to {size // 2**20:,} MB from "
                    f"{max(packed // 1024, 1):,} KB (a zip bomb?)"
                )
            else:
                what = f"{info.filename} holds {size // 2**20:,} MB"
            raise InputError(f"is refused: {what}, far more than a contacts file holds", file=file)


def classify(path: Path) -> str:
    """'archive', 'xlsx' or 'text'; InputError for what cannot be imported at all."""
    file = str(path)
    if path.is_dir():
        return "archive"
    if not path.exists():
        raise InputError("the file does not exist", file=file)
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", file=file) from exc
    if size > MAX_BYTES:
        raise InputError(f"is too large for a contacts file ({size // 2**20} MB)", file=file)
    kind = sniff_kind(head, file)
    if kind != "zip":
        return "text"
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            for marker, what in _OTHER_ZIPS:
                if any(n.startswith(marker) for n in names):
                    raise InputError(f"is not a contacts spreadsheet (it is {what})", file=file)
            check_inflation(zf, file)
            return "xlsx" if _is_workbook(zf) else "archive"
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputError(
            "is damaged: the workbook or zip archive is truncated or incomplete", file=file
        ) from exc
    except NotImplementedError as exc:
        raise zip_unreadable(file, exc) from exc


def open_table(
    path: Path, *, format: str = "auto", mapping: dict[str, str] | None = None, head_only=False
) -> Table:
    """The file's header, mapping and a stream of its rows (CSV or XLSX)."""
    file = str(path)
    kind = classify(path)
    if kind == "archive":
        raise InputError("is a LinkedIn archive, not one spreadsheet", file=file)
    if kind == "xlsx":
        return open_xlsx(str(path), file, format=format, mapping=mapping)
    try:
        with open(path, "rb") as fh:
            data = fh.read(HEAD_BYTES)
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", file=file) from exc
    partial = len(data) == HEAD_BYTES
    table = open_text(data, file, format=format, mapping=mapping, partial=partial)
    if partial and not head_only:
        # a big file: the head found the header; the rows stream from disk (memory stays flat)
        table = stream_table(file, data, table)
    return table


def inspect(path: str | Path, format: str = "auto") -> Detection:
    """Detect the format, encoding, delimiter, header and mapping; read only the start."""
    _check_format(format)
    path = Path(path)
    if classify(path) == "archive" or format == "linkedin-archive":
        from crm.importers.archive import inspect_archive

        return inspect_archive(path)
    table = open_table(path, format=format, head_only=True)
    detection = detection_of(table)
    detection.notes.extend(_archive_notes(path, table.format))
    return detection


def _archive_notes(path: Path, format: str) -> list[str]:
    """A Connections.csv picked out of the archive folder: say what else the folder holds."""
    from crm.importers.archive_files import archive_note

    note = archive_note(path) if format in LINKEDIN_SOURCES else None
    return [note] if note else []


def detection_of(table: Table) -> Detection:
    raw: list[list[str]] = []
    preview: list[dict[str, str]] = []
    index = {c: i for i, c in enumerate(table.header)}

    try:
        for _number, row in table.rows:
            if not any(_text(v) for v in row):
                continue
            cells = [_text(v) for v in row]
            raw.append(cells)
            item = {}
            for f, c in table.mapping.items():
                i = index.get(c, len(cells))
                value = row[i] if i < len(row) else ""
                if f in DATE_FIELDS and value not in (None, ""):
                    iso = day_first_iso(_text(value)) if table.day_first else ""
                    day = parse_date(iso or value)
                    item[f] = day.isoformat() if day else f"{_text(value)} (not a date)"
                elif f == "email":
                    item[f] = first_email(_text(value))  # urn:li:member ids are not emails
                elif f == "phone":
                    item[f] = first_value(_text(value))
                else:
                    item[f] = _text(value)
            preview.append(item)
            if len(raw) >= PREVIEW_ROWS:
                break
    finally:
        close = getattr(table.rows, "close", None)
        if close:
            close()
    return Detection(
        file=table.file,
        format=table.format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        header=table.header,
        mapping=dict(table.mapping),
        preview=preview,
        notes=list(table.notes),
        header_row=table.header_row,
        kind=table.kind,
        raw_preview=raw,
    )


def import_path(
    path: str | Path,
    *,
    format: str = "auto",
    mapping: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Import one file (or a LinkedIn archive) as one transaction and one ImportBatch.

    An import that finds nothing new writes nothing at all (no batch either); `batch` is
    then None. Cancelling raises crm.errors.Cancelled and leaves the database as it was.
    """
    _check_format(format)
    path = Path(path)
    if format == "linkedin-archive" or classify(path) == "archive":
        from crm.importers.archive import import_archive

        if format not in ("auto", "linkedin", "linkedin-archive"):
            raise InputError(
                f"is a LinkedIn data archive, not a {FORMAT_TITLES.get(format, format)} "
                "file: import it without a format (or as linkedin-archive)",
                file=str(path),
            )

        return import_archive(path, progress=progress, cancelled=cancelled)
    table = open_table(path, format=format, mapping=mapping)
    date_order.apply(table)  # a day-first file's numeric dates reach the engine as ISO
    alternates.apply(table)  # a row's email or phone from its other email/phone columns
    with gc_paused():
        with bulk_transaction():
            engine = Engine(
                file=str(path),
                format=table.format,
                encoding=table.encoding,
                delimiter=table.delimiter,
                source="linkedin" if table.format in LINKEDIN_SOURCES else "spreadsheet",
                lazy=True,
            )
            engine.one_line_cells = table.kind == "csv" and table.format in LINKEDIN_SOURCES
            # an address book's contact named by its email takes the name a row gives it
            # (LinkedIn's rows are matched by URL and name: their speed-tuned path is left be)
            watched = None
            if table.format not in LINKEDIN_SOURCES:
                watched = address_names.watch(engine.conn, table)
            engine.run(
                table.rows,
                table.mapping,
                table.header,
                total=table.total,
                width=table.width,
                progress=progress,
                cancelled=cancelled,
            )
            if engine.result.rows == 0:
                raise InputError("has a header row but no data rows", file=str(path))
            address_names.apply(watched, engine)
            result = engine.finish()
            stop_if_cancelled(cancelled)  # pressed while the rows were saved: roll them back
        # Free the per-row records while the collector is still paused: enabled, its first
        # pass would walk every one of them (a tenth of a second at 100k rows).
        del engine
    result.notes = list(table.notes)
    result.warnings.extend(_archive_notes(path, table.format))  # the rest of it was left out
    log.info(
        "imported %s (%s): %d rows, %d created, %d updated, %d unchanged, %d skipped",
        path,
        result.format,
        result.rows,
        result.created,
        result.updated,
        result.unchanged,
        len(result.skipped),
    )
    return result


def undo_import(batch_id: int | None = None) -> ImportBatch:
    """Undo an import batch (the latest one not yet undone by default).

    The returned batch carries `kept` (names of created contacts kept because the user has
    since logged interactions or referrals with them) and `message` (a plain summary).
    """
    from crm.importers.undo import undo_batch

    if batch_id is None:
        batch = (
            ImportBatch.select().where(~ImportBatch.undone).order_by(ImportBatch.id.desc()).first()
        )
        if batch is None:
            raise NotFoundError("there is no import to undo")
    else:
        batch = ImportBatch.get_or_none(ImportBatch.id == batch_id)
        if batch is None:
            raise NotFoundError(f"import batch {batch_id} does not exist")
        if batch.undone:
            raise NotFoundError(f"import batch {batch_id} was already undone")
    return undo_batch(batch)

"""CSV and text exports: decoded once, then streamed row by row through csv.reader."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from crm.errors import InputError
from crm.importers.detect import (
    DELIMITERS,
    MAX_CELL,
    Table,
    check_text,
    decode,
    describe,
    no_header_error,
    resolve,
    sniff_delimiter,
    widest_row,
)

HEAD_BYTES = 256 * 1024


def _first_lines(text: str, n: int = 12) -> list[str]:
    """The first lines, whatever the line ending (LF, CRLF, or an old Mac's lone CR)."""
    buf = io.StringIO(text[:65536], newline="")
    lines = []
    for _ in range(n):
        line = buf.readline()
        if not line:
            break
        lines.append(line)
    return lines


def open_text(
    data: bytes,
    file: str,
    *,
    format: str = "auto",
    mapping: dict[str, str] | None = None,
    partial: bool = False,
) -> Table:
    """Decode, find the delimiter and the header; the rows stream lazily."""
    text, encoding = decode(data, file, partial=partial)
    check_text(text, file)
    if not text.strip():
        raise InputError("the file is empty", file=file)
    lines = _first_lines(text)
    delim, idx, score = sniff_delimiter(lines)
    if idx < 0 and (format == "generic" or mapping):
        delim = max(DELIMITERS, key=lambda d: max((ln.count(d) for ln in lines), default=0))
        idx = widest_row(list(csv.reader(lines, delimiter=delim)))
    if idx < 0:
        raise no_header_error(file, lines[0] if lines else "")
    header = [c.strip().lstrip("\ufeff") for c in next(csv.reader([lines[idx]], delimiter=delim))]
    fmt, cols = resolve(header, file, format, mapping)
    total = max(text.count("\n") or text.count("\r"), 1)
    table = Table(
        file=file,
        kind="csv",
        encoding=encoding,
        delimiter=delim,
        header=header,
        header_row=idx + 1,
        format=fmt,
        mapping=cols,
        rows=_rows(text, delim, idx, file),
        total=total,
    )
    table.notes = describe(fmt, header, encoding, delim, idx + 1)
    first = lines[0].rstrip("\r\n")
    if first.startswith("Notes:") and first != "Notes:" and not first.strip("Notes:" + delim):
        table.notes.append("re-saved by Excel (padded preamble)")
    return table


def _rows(text: str, delim: str, header_idx: int, file: str) -> Iterator[tuple[int, list]]:
    old_limit = csv.field_size_limit()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    number = 0
    try:
        csv.field_size_limit(MAX_CELL)
        for number, row in enumerate(reader, 1):  # noqa: B007 - used after the loop
            if number > header_idx + 1:
                yield number, row
    except csv.Error as exc:
        number += 1
        if "field larger" in str(exc):
            raise InputError(
                f"a cell is longer than {MAX_CELL:,} characters, the most a spreadsheet "
                "cell holds; this does not look like a contacts file",
                file=file,
                row=number,
            ) from exc
        raise InputError(f"cannot be read as CSV ({exc})", file=file, row=number) from exc
    finally:
        csv.field_size_limit(old_limit)

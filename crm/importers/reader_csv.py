"""CSV and text exports: decoded once, then streamed row by row through csv.reader."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import unicodedata
from collections import Counter
from collections.abc import Iterator

from crm.errors import InputError
from crm.importers import date_order
from crm.importers.archive_files import refuse_side_file
from crm.importers.detect import (
    DELIMITERS,
    MAX_CELL,
    Table,
    check_quotes,
    check_text,
    decode,
    describe,
    no_header_error,
    records,
    resolve,
    sniff_delimiter,
    utf16_without_bom,
    widest_row,
)
from crm.importers.mixed_text import MIXED, MIXED_NOTE
from crm.importers.text_repair import MOJIBAKE_NOTE, clean_text, repair_mojibake

HEAD_BYTES = 256 * 1024

# Control characters that are not whitespace (a bell, a stray \x01): no spreadsheet can hold
# them, so an export drops them and re-importing it would read as a change. Whitespace
# controls (tab, \x0b, \x1c...) become spaces with the rest of the cleaning.
_CONTROLS = "".join(map(chr, (*range(1, 9), *range(14, 28), 127)))
_DROP_CONTROLS = dict.fromkeys(map(ord, _CONTROLS))
_CONTROL_NEEDLES = (tuple(_CONTROLS), tuple(bytes([ord(c)]) for c in _CONTROLS))


def _has_controls(data: str | bytes) -> bool:
    """One memchr pass per control character: a few times cheaper than a translate or a
    regular expression over a whole file (the same bytes in UTF-8 and the 8-bit codecs)."""
    needles = _CONTROL_NEEDLES[not isinstance(data, str)]
    return any(needle in data for needle in needles)


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
    mixed = encoding == MIXED  # shown as Windows-1252, with a note (and so streamed)
    encoding = "cp1252" if mixed else encoding
    check_text(text, file)
    text = clean_text(text)  # a stray BOM, NFD accents (the rows of a big file: _scan)
    repaired = False
    if not text.isascii():
        # a UTF-8 export opened as ANSI and saved as "CSV UTF-8": every accent garbled, so
        # the whole text is repaired or none of it; of a big file's head, the whole lines
        # decide, and its rows are then repaired line by line as they stream (stream_table)
        probe = text[: text.rfind("\n") + 1] if partial else text
        fixed = repair_mojibake(probe)
        repaired, text = fixed != probe, (fixed if fixed != probe else text)
    if not text.strip():
        raise InputError("the file is empty", file=file)
    lines = _first_lines(text)
    if format == "auto" and not mapping and lines:
        refuse_side_file(lines[0], file)
    delim, idx, score = sniff_delimiter(lines)
    if idx < 0 and (format == "generic" or mapping):
        delim = max(DELIMITERS, key=lambda d: max((ln.count(d) for ln in lines), default=0))
        idx = widest_row(list(csv.reader(lines, delimiter=delim)))
    if idx < 0:
        raise no_header_error(file, lines[0] if lines else "")
    rows, raw = records(lines, delim)  # a record may span lines (a two-line title cell)
    header = [c.strip() for c in rows[idx]]
    fmt, cols = resolve(header, file, format, mapping)
    if not partial and text.count('"') % 2:
        check_quotes(io.StringIO(text, newline=""), delim, file)
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
        # (a big file's head is checked with the rest of it: stream_table)
        rows=_rows(text, delim, idx, file, strip=not partial and _has_controls(text)),
        total=total,
    )
    table.notes = describe(fmt, header, encoding, delim, idx + 1)
    table.width = _usual_width(raw[idx + 1 :], delim, len(header))
    if mixed:
        table.notes.append(MIXED_NOTE)
    if repaired:
        table.notes.append(MOJIBAKE_NOTE)
        table.repair = partial
    date_order.decide(table, text)  # the import applies it (the preview shows the raw cells)
    first = lines[0].rstrip("\r\n")
    if first.startswith("Notes:") and first != "Notes:" and not first.strip("Notes:" + delim):
        table.notes.append("re-saved by Excel (padded preamble)")
    return table


def _usual_width(lines: list[str], delim: str, header_width: int) -> int:
    """The header's width, or the most common row width under it when that is more."""
    widths = Counter(len(r) for r in csv.reader(lines, delimiter=delim) if any(r))
    # a tie goes to the header (two rows, one with a misplaced comma)
    usual = max(widths, key=lambda w: (widths[w], w == header_width), default=0)
    return max(header_width, usual)


def _rows(
    text: str, delim: str, header_idx: int, file: str, *, strip: bool = False
) -> Iterator[tuple[int, list]]:
    return _read(io.StringIO(text, newline=""), delim, header_idx, file, strip=strip)


def _read(
    source,
    delim: str,
    header_idx: int,
    file: str,
    *,
    strip: bool = False,
    clean: bool = False,
    repair: bool = False,
) -> Iterator[tuple[int, list]]:
    """(row number, cells) after the header; `source` is closed when the rows end.
    `strip`: the file holds control characters, taken out line by line. `clean`: it holds
    a stray BOM or NFD text (clean_text), cleaned line by line. `repair`: its accents were
    garbled (repair_mojibake), repaired line by line."""
    old_limit = csv.field_size_limit()
    lines = (line.translate(_DROP_CONTROLS) for line in source) if strip else source
    if repair:
        lines = map(repair_mojibake, lines)
    if clean:
        lines = map(clean_text, lines)
    reader = csv.reader(lines, delimiter=delim)
    numbers = itertools.count(1)
    try:
        csv.field_size_limit(MAX_CELL)
        for _ in range(header_idx + 1):  # the preamble and the header
            next(numbers)
            if next(reader, None) is None:
                return
        yield from zip(numbers, reader, strict=False)  # in C: no Python step per row
    except csv.Error as exc:
        number = next(numbers) - 1  # zip took the failed row's number before the reader failed
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
        source.close()


SCAN_BYTES = 4 * 1024 * 1024
# A text that is not UTF-8 whole is read a line at a time (mixed_text.py): UTF-8 lines as
# UTF-8, the others as Windows-1252; that codec decodes any bytes.
_FALLBACKS = {"utf-8": (MIXED,), "utf-8-sig": (MIXED,)}


def _needs_cleaning(text: str, before: str) -> bool:
    """True when clean_text would change `text` (a decoded chunk; `before` ends the chunk
    before it, so an accent decomposed across the cut is seen). One C pass, none for ASCII."""
    if text.isascii():
        return False
    if "\ufeff" in text or not unicodedata.is_normalized("NFC", text):
        return True
    return bool(before) and not unicodedata.is_normalized("NFC", before + text[:8])


def _scan(path: str, file: str, codec: str) -> tuple[str, int, int, bool, bool, bool]:
    """(a codec that decodes the whole file, its lines, its '"'s, whether it holds control
    characters, whether it needs clean_text, whether it mixes UTF-8 and Windows-1252
    lines), reading 4 MB at a time.

    The head decided the encoding; a later byte may still say otherwise (a cp1252 file
    whose first accent comes late), so the whole file is checked the way decode() would.
    NUL bytes anywhere are refused with their line.
    """
    wide = codec.startswith("utf-16")
    errors = "replace" if wide else "strict"
    if codec == "cp1252":  # the head was not UTF-8: the rest may still hold UTF-8 lines
        codec = MIXED
    for candidate in (codec, *_FALLBACKS.get(codec, ())):
        decoder = codecs.getincrementaldecoder(candidate)(errors=errors)
        lines = quotes = 0
        controls = clean = False
        tail = ""
        try:
            with open(path, "rb") as fh:
                while True:
                    chunk = fh.read(SCAN_BYTES)
                    text = decoder.decode(chunk, final=not chunk)
                    # UTF-8 and the 8-bit codecs: a NUL or a newline is that byte, so look
                    # in the bytes (a decoded chunk with one emoji is 4 bytes a character)
                    data = text if wide else chunk
                    nul = data.find("\x00" if wide else b"\x00")
                    nl, cr = ("\n", "\r") if wide else (b"\n", b"\r")
                    if nul >= 0:
                        row = lines + data.count(nl, 0, nul) + 1
                        raise InputError(
                            "holds binary data (NUL bytes), not text", file=file, row=row
                        )
                    lines += data.count(nl) or data.count(cr)
                    quotes += data.count('"' if wide else b'"')
                    if not controls:
                        controls = _has_controls(data)
                    if not clean:
                        clean = _needs_cleaning(text, tail)
                        tail = text[-8:]
                    if not chunk:
                        if candidate != MIXED:
                            return candidate, lines, quotes, controls, clean, False
                        utf8, latin1 = decoder.counts
                        if not utf8 and not latin1:  # every line Windows-1252: read it so
                            candidate = "cp1252"
                        return candidate, lines, quotes, controls, clean, bool(utf8)
        except UnicodeDecodeError:
            continue
        except OSError as exc:
            raise InputError(f"cannot be read ({exc.strerror})", file=file) from exc
    raise InputError("cannot be decoded as text", file=file)  # MIXED decodes any bytes


def stream_table(path: str, head: bytes, table: Table) -> Table:
    """Turn a table opened from the head of a big file into one streamed from the whole file.

    Only one row at a time is held in memory (a million-row file stays flat); the header,
    format and mapping found in the head stay as they are.
    """
    codec = table.encoding
    if codec == "utf-16" and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = utf16_without_bom(head) or "utf-16-le"
    codec, lines, quotes, controls, clean, mixed = _scan(path, table.file, codec)
    errors = "replace" if codec.startswith("utf-16") else "strict"
    if quotes % 2:
        try:
            with open(path, encoding=codec, errors=errors, newline="") as fh:
                check_quotes(fh, table.delimiter, table.file)
        except OSError as exc:
            raise InputError(f"cannot be read ({exc.strerror})", file=table.file) from exc
    names = {"utf-16-le": "utf-16", "utf-16-be": "utf-16", MIXED: "cp1252"}
    encoding = names.get(codec, codec)
    if encoding != table.encoding:
        t = table
        before = describe(t.format, t.header, t.encoding, t.delimiter, t.header_row)
        extra = [n for n in t.notes if n not in before]
        t.notes = describe(t.format, t.header, encoding, t.delimiter, t.header_row) + extra
        t.encoding = encoding
    if mixed and MIXED_NOTE not in table.notes:
        table.notes.append(MIXED_NOTE)
    close = getattr(table.rows, "close", None)
    if close:
        close()
    table.rows = _rows_from(
        path, codec, errors, table.delimiter, table.header_row - 1, table.file, controls, clean,
        table.repair,
    )  # fmt: skip
    table.total = max(lines, 1)
    return table


def _rows_from(
    path: str,
    codec: str,
    errors: str,
    delim: str,
    header_idx: int,
    file: str,
    strip: bool,
    clean: bool,
    repair: bool = False,
) -> Iterator[tuple[int, list]]:
    try:
        fh = open(path, encoding=codec, errors=errors, newline="")  # noqa: SIM115 - closed by _read
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", file=file) from exc
    # utf-8-sig and utf-16 drop the BOM themselves
    return _read(fh, delim, header_idx, file, strip=strip, clean=clean, repair=repair)

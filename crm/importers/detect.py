"""What kind of file this is: signature, text encoding, delimiter and the header row.

Decoding order (formats.md): UTF-8 (BOM stripped), UTF-16 when a UTF-16 BOM says so (or,
without one, when every other byte is NUL), else Windows-1252, and the user is told which
one was assumed. A file with lines of both (mixed_text.py) is read line by line.
"""

from __future__ import annotations

import codecs
import csv
import os
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from crm.errors import InputError
from crm.importers.formats import EXPECTED_HINT, detect, guess_mapping, header_score
from crm.importers.mixed_text import MIXED, decode_mixed

HEADER_SEARCH_ROWS = 10
MAX_CELL = 32_767  # the most characters a spreadsheet cell holds
DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "": "none (workbook)"}
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252 (ANSI)",
    "xlsx": "Excel workbook",
}

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
_NOT_SPREADSHEETS = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"{\\rtf", "a rich-text document"),
    (b"PK\x05\x06", "an empty zip archive"),
)
# Archives a LinkedIn export gets re-packed into, which Vouch does not open itself
_OTHER_ARCHIVES = (
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\x1f\x8b", "a gzip archive"),
)


@dataclass
class Table:
    """An opened spreadsheet: where its header is and a stream of its data rows."""

    file: str
    kind: str  # "csv" / "xlsx"
    encoding: str
    delimiter: str
    header: list[str]
    header_row: int  # 1-based
    format: str
    mapping: dict[str, str]
    rows: Iterator[tuple[int, list]]  # (row number as a spreadsheet shows it, cells)
    total: int = 0  # estimated number of data rows, for progress
    notes: list[str] = field(default_factory=list)
    day_first: bool = False  # numeric dates are d/m/y (see date_order.py)
    # Cells a CSV row has (its header's, or the most common count under it: a column with no
    # name). A longer row had a comma outside quotes; None: not checked (a workbook).
    width: int | None = None
    # Accents garbled by opening the UTF-8 export as ANSI ("LÃ³pez"): a big file's rows are
    # repaired line by line as they stream (see reader_csv.open_text)
    repair: bool = False


def sniff_kind(head: bytes, file: str) -> str:
    """'zip', 'text'; raises InputError for encrypted workbooks and files that are no sheets."""
    if not head:
        raise InputError("the file is empty", file=file)
    if head.startswith(OLE2):
        raise InputError(
            "is a password-protected (encrypted) workbook or an old .xls file; open it in "
            "Excel, remove the password and save it as .xlsx or CSV",
            file=file,
        )
    if head.startswith(ZIP):
        _check_zip(file)
        return "zip"
    for magic, what in _NOT_SPREADSHEETS:
        if head.startswith(magic):
            raise InputError(f"is not a spreadsheet (it looks like {what})", file=file)
    for magic, what in _OTHER_ARCHIVES:
        if head.startswith(magic) and (magic != b"BZh" or head[3:4].isdigit()):
            raise InputError(
                f"is not a spreadsheet nor a zip file: it is {what}, which Vouch cannot open; "
                "extract it with an archive program, then import the folder (or the "
                "Connections.csv) it holds",
                file=file,
            )
    return "text"


_IWORK_DOCS = {".pages": "an Apple Pages document", ".key": "an Apple Keynote presentation"}
_WORKBOOK_EXTS = (".xlsx", ".xlsm", ".xls", ".ods", ".numbers")


def _check_zip(file: str) -> None:
    """Refuse, with what to do instead, a zip that is neither a workbook nor an archive:
    an Apple Numbers file (a zip with no sheet Vouch reads), or a zip holding only a
    workbook (which the archive reader would call "no Connections.csv"). Anything else,
    or a zip that cannot be listed, is left to the caller as before."""
    try:
        with zipfile.ZipFile(file) as zf:
            names = [n for n in zf.namelist() if not n.startswith("__MACOSX/")]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return  # refused by classify() or the archive reader, in words
    if "[Content_Types].xml" in names or any(n.startswith("xl/") for n in names):
        return  # a workbook
    suffix = os.path.splitext(file)[1].casefold()
    iwork = (
        "Index.zip" in names  # the 2013-2015 layout
        or "Metadata/Properties.plist" in names
        or any(n.startswith("Index/") and n.endswith(".iwa") for n in names)
    )
    if suffix in _IWORK_DOCS:
        raise InputError(f"is not a spreadsheet (it is {_IWORK_DOCS[suffix]})", file=file)
    if iwork or suffix == ".numbers":
        raise InputError(
            "is an Apple Numbers file, which Vouch cannot read: in Numbers choose File > "
            "Export To > CSV (or Excel) and import the exported file",
            file=file,
        )
    files = [n for n in names if not n.endswith("/")]
    books = [n for n in files if n.casefold().endswith(_WORKBOOK_EXTS)]
    if books and not any(n.casefold().endswith(".csv") for n in files):
        book = books[0].rsplit("/", 1)[-1]
        raise InputError(
            f"is a zip archive holding the workbook {book}, not a LinkedIn archive: unzip "
            f"it and import {book} itself",
            file=file,
        )


def zip_unreadable(file: str, exc: NotImplementedError) -> InputError:
    """zipfile's NotImplementedError: a zip made with a method or version it does not know."""
    return InputError(
        f"uses a zip feature Vouch cannot read ({exc}); open it in the program that made it "
        "and save it again (or unzip it and import what it holds)",
        file=file,
    )


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when text without a BOM has a NUL in every other byte.

    Mostly-ASCII UTF-16 (every contacts export) has the NULs at the odd bytes (LE) or the
    even ones (BE) and hardly any at the others; no 8-bit text has NULs at all.
    """
    sample = data[: min(len(data), 4096) // 2 * 2]
    if len(sample) < 8:
        return None
    for codec, zeros, chars in (
        ("utf-16-le", sample[1::2], sample[0::2]),
        ("utf-16-be", sample[0::2], sample[1::2]),
    ):
        if chars[:4].count(0) == 0 and zeros[:4] == b"\0\0\0\0":
            return codec  # four ASCII characters first: the rule before the ratio
        if chars.count(0) * 20 <= len(chars) and zeros.count(0) * 10 >= len(zeros) * 7:
            return codec
    return None


def decode(data: bytes, file: str, *, partial: bool = False) -> tuple[str, str]:
    """(text, encoding name). `partial` when `data` is only the start of the file.
    mixed_text.MIXED names a file of UTF-8 and Windows-1252 lines."""
    if data.startswith(codecs.BOM_UTF8):
        enc, body = "utf-8-sig", data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if partial:
            data = data[: len(data) // 2 * 2]
        return codecs.getincrementaldecoder("utf-16")(errors="replace").decode(
            data, final=not partial
        ), "utf-16"
    elif len(data) > 8 and (wide := utf16_without_bom(data)):
        body = data[: len(data) // 2 * 2] if partial else data
        return body.decode(wide, errors="replace"), "utf-16"
    else:
        enc, body = "utf-8", data
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(body, final=not partial)
        return text, enc
    except UnicodeDecodeError:
        pass
    mixed = decode_mixed(body)
    if mixed is not None:
        return mixed, MIXED
    try:
        return body.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return body.decode("latin-1"), "cp1252"


def check_text(text: str, file: str) -> None:
    """Refuse binary content: NUL bytes or mostly control characters."""
    nul = text.find("\x00")
    if nul >= 0:
        row = text.count("\n", 0, nul) + 1
        raise InputError("holds binary data (NUL bytes), not text", file=file, row=row)
    sample = text[:4096]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if sample and bad > len(sample) // 20:
        raise InputError("is not a spreadsheet (it holds binary data)", file=file)


QUOTE_PROBLEM = (
    'a quoted cell is never closed (a " is missing, or the file was cut off), so the rows '
    "after it would be read as one cell; open the file in a spreadsheet program, check that "
    "row and save it again"
)


def check_quotes(lines: Iterable[str], delim: str, file: str, *, limit: int = MAX_CELL) -> None:
    """Refuse a file whose quotes do not pair up, naming the row where the bad cell starts.

    Called only when the file holds an odd number of '"' (every export Vouch knows quotes
    cells the RFC 4180 way, where quotes come in pairs). A lenient csv.reader would read
    everything after an unclosed quote as one cell, and import it as a name. A strict pass
    tells a lone quote inside an unquoted cell (`5" screen`, harmless) from a broken one.
    `limit`: the longest cell the file may hold (a LinkedIn message is longer than a sheet's).
    """
    old_limit = csv.field_size_limit()
    reader = csv.reader(lines, delimiter=delim, strict=True)
    records = 0  # records read whole: the bad cell starts the next one
    try:
        csv.field_size_limit(limit)
        for _row in reader:
            records += 1
    except csv.Error as exc:
        raise InputError(QUOTE_PROBLEM, file=file, row=records + 1) from exc
    finally:
        csv.field_size_limit(old_limit)


def find_header(rows: list[list[str]]) -> tuple[int, int]:
    """(index of the best header row among the first rows, its score)."""
    best, best_score = -1, 0
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = header_score([str(c or "").strip() for c in row])
        if score > best_score:
            best, best_score = i, score
    return best, best_score


def records(lines: list[str], delim: str) -> tuple[list[list[str]], list[str]]:
    """(the CSV records of `lines`, the raw text of each).

    A quoted cell may span lines (a title cell above the header), so record i is not
    line i: the header is found by record and must be read back by record too.
    """
    reader = csv.reader(lines, delimiter=delim)
    rows: list[list[str]] = []
    raw: list[str] = []
    start = 0
    try:
        for row in reader:
            rows.append(row)
            raw.append("".join(lines[start : reader.line_num]))
            start = reader.line_num
    except csv.Error:
        pass  # the reader proper reports the row
    return rows, raw


def sniff_delimiter(lines: list[str]) -> tuple[str, int, int]:
    """(delimiter, header index, score) over the first lines, trying , ; and tab.
    The index counts CSV records (see records())."""
    best = (",", -1, 0)
    best_count = 0
    for delim in DELIMITERS:
        rows, raw = records(lines, delim)
        idx, score = find_header(rows)
        count = raw[idx].count(delim) if idx >= 0 else 0
        if score > best[2] or (score and score == best[2] and count > best_count):
            best, best_count = (delim, idx, score), count
    return best


def widest_row(rows: list[list[str]]) -> int:
    """The first row with the most non-empty cells: the header when no name is recognised."""
    best, width = -1, 1
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        filled = sum(1 for c in row if str(c or "").strip())
        if filled > width:
            best, width = i, filled
    return best


def no_header_error(file: str, first_line: str = "") -> InputError:
    hint = ""
    if first_line and not any(d in first_line for d in DELIMITERS):
        for other in ("|", ":", "^", "~"):
            if first_line.count(other) >= 2:
                hint = (
                    f" The columns seem to be separated by {other!r}; save the file with "
                    "commas, semicolons or tabs."
                )
                break
    return InputError(
        f"no recognisable header row in the first {HEADER_SEARCH_ROWS} rows; {EXPECTED_HINT}.{hint}",
        file=file,
    )


FORMAT_TITLES = {"linkedin": "LinkedIn", "google": "Google Contacts", "outlook": "Outlook",
                 "vouch": "Vouch"}  # fmt: skip


def resolve(
    header: list[str], file: str, format: str, mapping: dict[str, str] | None
) -> tuple[str, dict[str, str]]:
    """The format and field -> column mapping for a header, honouring what the caller chose."""
    found = detect(header)
    if mapping:
        missing = [col for col in mapping.values() if col and col not in header]
        if missing:
            raise InputError(f"has no column named {missing[0]!r}", file=file)
        mapping = {f: c for f, c in mapping.items() if c}
        if not any(f in mapping for f in ("first_name", "last_name", "full_name")):
            raise InputError("the column mapping needs a column for the name", file=file)
        fmt = found[0] if found and format == "auto" else format
        return ("generic" if fmt == "auto" else fmt), mapping
    if found is None:
        if format == "generic":
            return "generic", guess_mapping(header)
        raise no_header_error(file)
    fmt, guessed = found
    if format not in ("auto", "generic", fmt) and not (format == "linkedin" and fmt == "vouch"):
        wanted = FORMAT_TITLES.get(format, format)
        seen = "a generic spreadsheet" if fmt == "generic" else FORMAT_TITLES.get(fmt, fmt)
        article = "an" if wanted[:1] in "AEIOU" else "a"
        raise InputError(
            f"does not look like {article} {wanted} export (its header looks like {seen}: "
            f"{', '.join(header[:6])})",
            file=file,
        )
    if format == "generic" and fmt != "generic":
        return "generic", guessed
    return fmt, guessed


def describe(
    table_format: str, header: list[str], encoding: str, delimiter: str, header_row: int = 1
) -> list[str]:
    """Plain notes on the variant found, shown before anything is written."""
    from crm.importers.formats import norm_header

    normed = {norm_header(h) for h in header}
    notes = []
    if table_format == "linkedin":
        if "address" in normed and "websites" in normed:
            notes.append("early-2018 LinkedIn export (extra Address/Websites columns)")
        elif "url" not in normed and header_row == 1:
            notes.append("late-2018 LinkedIn export without URL: people are matched by name")
        elif "url" not in normed:
            notes.append("2021-2023 LinkedIn export without URL: people are matched by name")
        else:
            notes.append("LinkedIn connections export")
    elif table_format == "vouch":
        notes.append("Vouch report workbook (Contacts sheet)")
    elif table_format == "google":
        legacy = "given name" in normed
        notes.append("legacy Google Contacts export" if legacy else "Google Contacts export")
    elif table_format == "outlook":
        notes.append("Outlook contacts export")
    else:
        notes.append("generic spreadsheet: check the column mapping")
    if delimiter == ";":
        notes.append("semicolon-separated (re-saved by a non-English Excel)")
    elif delimiter == "\t":
        notes.append("tab-separated")
    if encoding == "cp1252":
        notes.append("not UTF-8: assumed Windows-1252 (ANSI)")
    elif encoding == "utf-16":
        notes.append("UTF-16 text")
    return notes

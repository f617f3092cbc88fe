"""What kind of file this is: signature, text encoding, delimiter and the header row.

Decoding order (formats.md): UTF-8 (BOM stripped), UTF-16 when a UTF-16 BOM says so,
else Windows-1252, and the user is told which one was assumed.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from crm.errors import InputError
from crm.importers.formats import EXPECTED_HINT, detect, guess_mapping, header_score

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
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "a rich-text document"),
    (b"PK\x05\x06", "an empty zip archive"),
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
        return "zip"
    for magic, what in _NOT_SPREADSHEETS:
        if head.startswith(magic):
            raise InputError(f"is not a spreadsheet (it looks like {what})", file=file)
    return "text"


def decode(data: bytes, file: str, *, partial: bool = False) -> tuple[str, str]:
    """(text, encoding name). `partial` when `data` is only the start of the file."""
    if data.startswith(codecs.BOM_UTF8):
        enc, body = "utf-8-sig", data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if partial:
            data = data[: len(data) // 2 * 2]
        return codecs.getincrementaldecoder("utf-16")(errors="replace").decode(
            data, final=not partial
        ), "utf-16"
    elif len(data) > 8 and data[1:8:2] == b"\0\0\0\0" and data[0:8:2].count(0) == 0:
        body = data[: len(data) // 2 * 2] if partial else data
        return body.decode("utf-16-le", errors="replace"), "utf-16"
    else:
        enc, body = "utf-8", data
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(body, final=not partial)
        return text, enc
    except UnicodeDecodeError:
        pass
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


def check_quotes(lines: Iterable[str], delim: str, file: str) -> None:
    """Refuse a file whose quotes do not pair up, naming the row where the bad cell starts.

    Called only when the file holds an odd number of '"' (every export Vouch knows quotes
    cells the RFC 4180 way, where quotes come in pairs). A lenient csv.reader would read
    everything after an unclosed quote as one cell, and import it as a name. A strict pass
    tells a lone quote inside an unquoted cell (`5" screen`, harmless) from a broken one.
    """
    old_limit = csv.field_size_limit()
    reader = csv.reader(lines, delimiter=delim, strict=True)
    records = 0  # records read whole: the bad cell starts the next one
    try:
        csv.field_size_limit(MAX_CELL)
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


def sniff_delimiter(lines: list[str]) -> tuple[str, int, int]:
    """(delimiter, header index, score) over the first lines, trying , ; and tab."""
    best = (",", -1, 0)
    for delim in DELIMITERS:
        rows = list(csv.reader(lines, delimiter=delim))
        idx, score = find_header(rows)
        count = lines[idx].count(delim) if idx >= 0 else 0
        if score > best[2] or (
            score and score == best[2] and count > lines[best[1]].count(best[0])
        ):
            best = (delim, idx, score)
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

"""Excel workbooks: a plain one read by calamine (reader_calamine.py, ten times faster),
any other streamed with openpyxl's read-only mode (memory stays flat).

A formula cell is read as the value its program computed and saved with it (Excel,
LibreOffice, Google Sheets and Numbers always save one): a column of formulas the user added
next to the data imports like any other. A formula saved without a value (written by a
script: openpyxl, pandas) is refused with the row and cell named: Vouch imports values.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO

from crm.errors import InputError
from crm.importers import date_order
from crm.importers.detect import (
    HEADER_SEARCH_ROWS,
    MAX_CELL,
    Table,
    describe,
    find_header,
    no_header_error,
    resolve,
    widest_row,
)
from crm.importers.formats import KNOWN_SCORE
from crm.importers.reader_calamine import FastSheet, FastWorkbook, open_fast
from crm.importers.text_repair import MOJIBAKE_NOTE, clean_text, repair_mojibake
from crm.importers.xlsx_merged import fill_down, merged_down
from crm.importers.xlsx_patches import CACHED_VALUES, patch_openpyxl

SHEET_PREFERENCE = ("contacts", "connections")
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError, ValueError, TypeError)


def _unsafe_xml() -> tuple[type[BaseException], ...]:
    """defusedxml's refusals (DTDs, entity declarations, external references)."""
    try:
        from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
    except ImportError:  # pragma: no cover - defusedxml is a dependency
        return ()
    return (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden)


UNSAFE_XML = _unsafe_xml()


def _unsafe(file: str, row: int | None = None) -> InputError:
    return InputError(
        "contains XML entity declarations, which Vouch refuses for safety "
        "(they can make a workbook expand without limit or read other files)",
        file=file,
        row=row,
    )


def _is_unsafe(exc: BaseException | None) -> bool:
    """True when defusedxml refused the XML (openpyxl wraps that in a ValueError)."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, UNSAFE_XML):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _damaged(file: str, exc: BaseException, row: int | None = None) -> InputError:
    if _is_unsafe(exc):
        return _unsafe(file, row)
    return InputError(
        "is damaged: the workbook is truncated or not a complete .xlsx file "
        f"({type(exc).__name__})",
        file=file,
        row=row,
    )


def open_workbook(src: str | IO[bytes], file: str):
    """The workbook, read-only; close it with close_workbook()."""
    import openpyxl  # lazy: keeps start-up fast
    from openpyxl.reader.excel import SUPPORTED_FORMATS
    from openpyxl.utils.exceptions import InvalidFileException

    patch_openpyxl()
    handle = None
    if isinstance(src, str) and os.path.splitext(src)[1].lower() not in SUPPORTED_FORMATS:
        # openpyxl judges a path by its name, and the bytes said workbook: a web app's
        # "CSV" download that is an .xlsx, a file renamed by hand. Given the open file,
        # it reads what is there.
        try:
            handle = src = open(src, "rb")  # noqa: SIM115 - closed by close_workbook
        except OSError as exc:
            raise InputError(f"cannot be read ({exc.strerror})", file=file) from exc
    try:
        wb = openpyxl.load_workbook(src, read_only=True, data_only=False)
        wb._data_only = CACHED_VALUES  # read by each sheet's parser as its rows are read
        wb.vouch_handle = handle
        handle = None
        return wb
    except InvalidFileException as exc:
        raise InputError(f"is not an Excel workbook ({exc})", file=file) from exc
    except UNSAFE_XML as exc:
        raise _unsafe(file) from exc
    except _DAMAGED as exc:
        raise _damaged(file, exc) from exc
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on broken XML
        raise _damaged(file, exc) from exc
    finally:
        if handle is not None:
            handle.close()


def close_workbook(wb) -> None:
    """Close a workbook from open_workbook, and the file it was given open, if any."""
    if isinstance(wb, FastWorkbook):
        wb.close()
        return
    try:
        wb.close()
    finally:
        handle = getattr(wb, "vouch_handle", None)
        if handle is not None:
            handle.close()


def _hidden(ws) -> bool:
    return getattr(ws, "sheet_state", "visible") != "visible"  # "hidden" / "veryHidden"


def pick_sheet(wb):
    """The sheet looked at first: a visible one named Contacts or Connections, else the
    first visible sheet (a hidden sheet is often a stale copy), else the first sheet."""
    sheets = sorted(wb.worksheets, key=_hidden)  # stable: the visible ones in order first
    by_name: dict = {}
    for ws in sheets:
        by_name.setdefault(ws.title.casefold(), ws)
    for name in SHEET_PREFERENCE:
        if name in by_name and not _hidden(by_name[name]):
            return by_name[name]
    return sheets[0] if sheets else None


# How Excel writes a character XML cannot hold in a cell's text (a carriage return pasted in
# from a Windows program: _x000D_), and "_x" itself before four hex digits (_x005F_); openpyxl
# leaves them as they are.
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")


def _unescape(match: re.Match) -> str:
    """The escaped character; none for a control character other than a tab or a line
    break (a CSV's are dropped too), the text as it is for half a surrogate pair."""
    code = int(match.group(1), 16)
    if 0xD800 <= code <= 0xDFFF:
        return match.group(0)
    return chr(code) if code >= 32 or chr(code) in "\t\n\r" else ""


def _cells(ws, file: str, repaired: list[str] | None = None) -> Iterator[tuple[int, list]]:
    """(row number, values) with formulas refused and huge cells refused; text garbled by
    a UTF-8 file opened as ANSI repaired (noted in `repaired`, with its cell)."""
    if isinstance(ws, FastSheet):
        yield from ws.rows(file, repaired)
        return
    number = 0
    try:
        for row in ws.iter_rows():
            values = []
            for cell in row:
                value = cell.value
                kind = getattr(cell, "data_type", None)
                if kind == "e":  # #N/A, #REF!...: a lookup that found nothing is no value
                    value = None
                elif kind == "f":
                    number = cell.row
                    raise InputError(
                        f"cell {cell.coordinate} holds a formula ({str(value)[:40]}) saved "
                        "without its value (written by a script, not a spreadsheet program); "
                        "open the file in a spreadsheet program and save it, or copy the sheet "
                        "and paste it as values, then import again",
                        file=file,
                        row=cell.row,
                    )
                if isinstance(value, str):
                    if len(value) >= MAX_CELL:
                        # openpyxl cuts longer cells to the limit: a full cell was probably cut.
                        raise InputError(
                            f"cell {cell.coordinate} holds {MAX_CELL:,} characters or more, "
                            "the most a cell holds; this does not look like a contacts sheet",
                            file=file,
                            row=cell.row,
                        )
                    if "_x" in value:  # Excel's escapes: _x000D_ is a carriage return
                        value = _ESCAPED.sub(_unescape, value)
                    value = clean_text(value)  # a stray BOM, NFD accents (as in a CSV)
                    if not value.isascii():
                        fixed = repair_mojibake(value)
                        if fixed != value:
                            value = fixed
                            if repaired is not None and not repaired:
                                repaired.append(cell.coordinate)
                values.append(value)
            number = row[0].row if row and hasattr(row[0], "row") else number + 1
            yield number, values
    except InputError:
        raise
    except UNSAFE_XML as exc:
        raise _unsafe(file) from exc
    except _DAMAGED as exc:
        raise _damaged(file, exc, number + 1) from exc
    except Exception as exc:  # noqa: BLE001 - broken XML, a string number past the table...
        raise _damaged(file, exc, number + 1) from exc


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    return str(value).strip()


def _head(ws, file: str, repaired: list[str] | None = None):
    """(the row stream, the first rows, the header row index: -1 none found, None empty,
    the header's score: KNOWN_SCORE for a format Vouch knows)."""
    stream = _cells(ws, file, repaired)
    head: list[tuple[int, list]] = []
    for item in stream:
        head.append(item)
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    if not head or all(not any(v not in (None, "") for v in r) for _, r in head):
        return stream, head, None, 0
    texts = [[_text(v) for v in r] for _, r in head]
    idx, score = find_header(texts)
    return stream, head, idx, score


def _find_sheet(wb, file: str, *, generic: bool, repaired: list[str] | None = None):
    """The sheet to import: the preferred one, else the first other sheet with a header
    (a workbook whose first sheet is a cover note or blank).

    A header Vouch only guesses at (a pivot or summary sheet the user put before the data:
    "Company, Count of First Name") gives way to a later visible sheet with a header it
    knows (the LinkedIn export itself); without one, the first header found is used. A
    sheet named Contacts or Connections, and the first sheet when the user maps the columns
    (format generic or a mapping), are taken as before.
    """
    first = pick_sheet(wb)
    if first is None:
        raise InputError("the workbook has no sheets", file=file)
    error: InputError | None = None
    guessed = None
    others = sorted((w for w in wb.worksheets if w is not first), key=_hidden)
    for ws in [first, *others]:  # a hidden sheet only when no visible one has a header
        if guessed is not None and _hidden(ws):
            break
        stream, head, idx, score = _head(ws, file, repaired)
        if idx is None:
            error = error or InputError(f"the sheet {ws.title!r} is empty", file=file)
            continue
        if idx < 0 and generic and ws is first:
            idx = widest_row([[_text(v) for v in r] for _, r in head])
        if idx >= 0:
            # a sheet named Contacts or Connections, or a mapping the user chose, is kept
            named = ws is first and ws.title.casefold() in SHEET_PREFERENCE
            if score >= KNOWN_SCORE or named or (generic and guessed is None):
                if guessed is not None:
                    guessed[1].close()
                return ws, stream, head, idx
            if guessed is None:
                guessed = (ws, stream, head, idx)
                continue
        stream.close()
        error = error or no_header_error(file)
    if guessed is not None:
        return guessed
    raise error


def open_xlsx(
    src: str | IO[bytes],
    file: str,
    *,
    format: str = "auto",
    mapping: dict[str, str] | None = None,
) -> Table:
    wb = (open_fast(src) if isinstance(src, str) else None) or open_workbook(src, file)
    repaired: list[str] = []  # the first cell repaired, in the rows read so far
    try:
        ws, stream, head, idx = _find_sheet(
            wb, file, generic=format == "generic" or bool(mapping), repaired=repaired
        )
        header_number, header_cells = head[idx]
        header = [_text(v) for v in header_cells]
        while header and not header[-1]:
            header.pop()
        fmt, cols = resolve(header, file, format, mapping)
        # cells merged down over data rows
        merges = (
            ws.merges_down(header_number)
            if isinstance(ws, FastSheet)
            else merged_down(ws, header_number)
        )
    except BaseException:
        close_workbook(wb)
        raise

    def rows() -> Iterator[tuple[int, list]]:
        try:
            yield from head[idx + 1 :]
            yield from stream
        finally:
            close_workbook(wb)

    max_row = getattr(ws, "stated_rows", None) or ws.max_row or 0  # see xlsx_patches._sized_fast
    table = Table(
        file=file,
        kind="xlsx",
        encoding="xlsx",
        delimiter="",
        header=header,
        header_row=header_number,
        format=fmt,
        mapping=cols,
        rows=fill_down(rows(), merges) if merges else rows(),
        total=max(max_row - header_number, 1),
    )
    table.notes = describe(fmt, header, "xlsx", "", header_number)
    if _hidden(ws):
        table.notes.append(f"sheet {ws.title!r}, a hidden sheet: no visible sheet has a header")
    elif ws.title.casefold() != "sheet" and len(wb.worksheets) > 1:
        table.notes.append(f"sheet {ws.title!r}")
    date_order.decide_rows(table)  # text dates: one order for the file, as for a CSV
    if repaired:  # seen in the rows read ahead (the preview's); later ones are repaired too
        table.notes.append(MOJIBAKE_NOTE)
    return table

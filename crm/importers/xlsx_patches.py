"""Two changes to how openpyxl reads a workbook in read-only mode, made once, on first use:
a sheet is sized without parsing it whole, and a formula cell gives the value its program
saved with it (see reader_xlsx for why each matters)."""

from __future__ import annotations


def _sized_fast(ws) -> None:
    """ReadOnlyWorksheet._get_size, stopping where the sheet's rows begin.

    openpyxl looks for the <dimension> element with "end" events, and the end of
    <sheetData> is the end of the file: a sheet written without <dimension> (openpyxl's own
    write-only mode, Vouch's exports among them) was parsed in full at open, before a
    single row was read: 6.8 s of an 11 s import of 30,000 rows.

    The sheet is left unsized, so its rows are read to the end (as after openpyxl's
    reset_dimensions()): some programs write a <dimension> smaller than the sheet ("A1"),
    and openpyxl stops reading at it. The size it states is kept for the progress bar.
    """
    from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
    from openpyxl.worksheet.dimensions import SheetDimension
    from openpyxl.xml.functions import iterparse

    src = ws._get_source()
    try:
        for _event, element in iterparse(src, events=("start",)):
            if element.tag == DIMENSION_TAG:
                ws.stated_rows = SheetDimension.from_tree(element).boundaries[3]
                return
            if element.tag == DATA_TAG:
                return
    finally:
        src.close()


def _patch_sizing() -> None:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    if getattr(ReadOnlyWorksheet, "_get_size", None) is not None:
        ReadOnlyWorksheet._get_size = _sized_fast


class _CachedValues:
    """Workbook.data_only for Vouch's workbooks: false (a formula with no saved value is
    still seen as a formula, and refused), and told apart from openpyxl's own False by
    _parse_cell, so that other readers of workbooks in the process are left as they were."""

    def __bool__(self) -> bool:
        return False


CACHED_VALUES = _CachedValues()


def _patch_formulas() -> None:
    """WorkSheetParser.parse_cell reading a formula cell's saved value (see _CachedValues)."""
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    original = WorkSheetParser.parse_cell
    if getattr(original, "vouch_cached", False):
        return

    def parse_cell(self, element):
        if self.data_only is CACHED_VALUES and element.find(FORMULA_TAG) is not None:
            saved = element.find(VALUE_TAG)
            # openpyxl writes an empty <v></v> for "no value"; an empty text result is
            # <v></v> on a t="str" cell (LibreOffice)
            if saved is not None and (saved.text or element.get("t") == "str"):
                self.data_only = True
                try:
                    return original(self, element)
                finally:
                    self.data_only = CACHED_VALUES
        return original(self, element)

    parse_cell.vouch_cached = True
    WorkSheetParser.parse_cell = parse_cell


def patch_openpyxl() -> None:
    """Both patches (each applies once); called before a workbook is opened."""
    _patch_sizing()
    _patch_formulas()

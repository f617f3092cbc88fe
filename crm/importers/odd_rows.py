"""Rows that are not a person, or cells that are not values, found in real files.

Each check runs in the import loop only behind a cheap test (a length, one comparison, a
character search), so clean files pay almost nothing for them.
"""

from __future__ import annotations

# LinkedIn's note above the header of Connections.csv: two files pasted together repeat it.
PREAMBLE_FIRST = "Notes:"
PREAMBLE_TEXT = "When exporting your connection data"

# What Excel shows for a formula that failed (a lookup that found nothing...): no value.
ERROR_VALUES = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#GETTING_DATA",
     "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}
)  # fmt: skip


def is_preamble(first: str) -> bool:
    """A row holding only LinkedIn's export note (or its "Notes:" line)."""
    return first == PREAMBLE_FIRST or first.startswith(PREAMBLE_TEXT)


def without_errors(values: list[str] | tuple[str, ...]) -> list[str]:
    """The cells with Excel's error values (#N/A...) made empty."""
    return ["" if v in ERROR_VALUES else v for v in values]


def overlong(row: list, width: int) -> str | None:
    """Why a row with more cells than the header is not imported (None: the extra cells are
    empty, as Excel pads rows)."""
    extra = [v for v in row[width:] if v not in (None, "")]
    if not extra:
        return None
    return (
        f"has {len(row)} cells where the header has {width} (a comma outside quotes?): the "
        "columns would be shifted, so the row was not imported"
    )


def bad_dates_note(rows: list[tuple[int, str]], column: str) -> str:
    """One line for the rows whose date cell holds no date (their date was left empty)."""
    shown = ", ".join(f"{number} ({text!r})" for number, text in rows[:5])
    more = f" and {len(rows) - 5:,} more" if len(rows) > 5 else ""
    return f"{column} is not a date in row{'s' * (len(rows) != 1)} {shown}{more}: left empty"


def swallowed_rows(cells: list[str] | tuple[str, ...], delimiter: str) -> bool:
    """A cell spanning lines that holds rows of the file (an unclosed quote swallowed them),
    rather than a line break typed into it (Alt+Enter in Excel): a line after its first with
    as many delimiters as most of a row."""
    for cell in cells:
        if "\n" in cell or "\r" in cell:
            for line in cell.splitlines()[1:]:
                if line.count(delimiter) >= 4:  # a LinkedIn row has 5 or more
                    return True
    return False


def spanning_note(rows: list[int]) -> str:
    """One line for the rows with a cell spanning lines, joined with spaces."""
    shown = ", ".join(str(number) for number in rows[:5])
    more = f" and {len(rows) - 5:,} more" if len(rows) > 5 else ""
    return (
        f"a cell spans lines in row{'s' * (len(rows) != 1)} {shown}{more} (a line break typed "
        "into it in a spreadsheet program): its lines were joined with spaces"
    )

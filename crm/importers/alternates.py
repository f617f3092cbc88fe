"""Sheets with several email or phone columns: Outlook's E-mail 2 Address and Business
Phone, Google's E-mail 2 - Value and Phone 2 - Value.

The mapping names one column per field (the first). A row whose mapped cell is empty, or
holds no email, takes the first of the other columns that does: a colleague saved with only
a work address or only a business phone keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from crm.importers.detect import Table
from crm.importers.formats import norm_header
from crm.importers.keys import first_email

_EMAIL = re.compile(
    r"^(?:(?:work|home|other|personal|business) )?email(?: \d+)?(?: address| value)?$"
    # Outlook in German, French and Spanish: E-Mail 2: Adresse, Adresse de messagerie 2,
    # Dirección de correo electrónico 2
    r"|^email(?: \d+)? adresse$|^adresse de messagerie(?: \d+)?$"
    r"|^direccion de correo electronico(?: \d+)?$"
)
_PHONE = re.compile(
    r"^(?:(?:mobile|business|home|primary|other|work|cell|car|company main) phone(?: \d+)?"
    r"|phone(?: \d+)?(?: value)?|mobile|cell)$"
    # Outlook in German, French and Spanish: Telefon geschäftlich 2, Téléphone 2 (bureau),
    # Tél. mobile, Teléfono del trabajo 2, ...
    r"|^(?:mobiltelefon|telefon (?:geschaftlich|privat|firma)(?: \d+)?)$"
    r"|^(?:tel mobile|telephone(?: \d+)? (?:bureau|domicile|principal|societe))$"
    r"|^(?:telefono (?:movil|del trabajo|particular|principal|de la compania)(?: \d+)?)$"
)


def _others(table: Table, field: str, pattern: re.Pattern) -> list[int]:
    mapped = table.mapping.get(field)
    if mapped is None or mapped not in table.header:
        return []
    first = table.header.index(mapped)
    return [
        i for i, name in enumerate(table.header) if i != first and pattern.match(norm_header(name))
    ]


def apply(table: Table) -> None:
    """Wrap table.rows when the sheet has more email or phone columns than the mapped one."""
    fill = []
    for field, pattern, ok in (("email", _EMAIL, _has_email), ("phone", _PHONE, bool)):
        others = _others(table, field, pattern)
        if others:
            fill.append((table.header.index(table.mapping[field]), others, ok))
    if fill:
        table.rows = _filled(table.rows, fill)


def _has_email(value: object) -> bool:
    return isinstance(value, str) and bool(first_email(value))


def _filled(rows: Iterator[tuple[int, list]], fill: list) -> Iterator[tuple[int, list]]:
    try:
        for number, row in rows:
            for first, others, ok in fill:
                if first < len(row) and ok(row[first]):
                    continue
                for i in others:
                    if i < len(row) and ok(row[i]):
                        while len(row) <= first:
                            row.append("")
                        row[first] = row[i]
                        break
            yield number, row
    finally:
        close = getattr(rows, "close", None)
        if close:
            close()

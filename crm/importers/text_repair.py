"""Text as files garble it, put right: a stray BOM, decomposed accents, and UTF-8 that a
spreadsheet program read as Windows-1252 before it was saved again."""

from __future__ import annotations

import codecs
import re
import unicodedata


def clean_text(text: str) -> str:
    """Text as the import compares it: no U+FEFF (a BOM inside the text, where two exports
    were joined: never meaningful in a contacts file) and composed to NFC (macOS tools write
    "José" decomposed, which would not match the same name read from Windows).
    ASCII text, nearly every cell, is returned at once."""
    if text.isascii():
        return text
    if "\ufeff" in text:
        text = text.replace("\ufeff", "")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


# UTF-8 read as Windows-1252 (Excel opening LinkedIn's Connections.csv, UTF-8 without a BOM,
# by double-click): a lead byte C2-F4 shown as Â..ô, then a continuation byte 80-BF shown as
# its cp1252 character (€ ‚ ƒ ... ’ “ ” – —, or U+0080-U+009F for the five it leaves undefined).
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)


def _c1_bytes(exc: UnicodeError) -> tuple[bytes, int]:
    """Encode error handler: U+0080-U+009F as the byte of the same value (how Windows maps
    the five bytes cp1252 leaves undefined), anything else is no mojibake."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    if not all("\x80" <= ch <= "\x9f" for ch in bad):
        raise exc
    return bad.encode("latin-1"), exc.end


codecs.register_error("vouch-c1", _c1_bytes)


MOJIBAKE_NOTE = 'accents garbled by opening the UTF-8 export as ANSI ("LÃ³pez") were repaired'


def repair_mojibake(text: str) -> str:
    """Text garbled by a UTF-8 file read as Windows-1252 ("LÃ³pez", "Oâ€™Brien", "ðŸš€"),
    as it was written ("López"); any other text unchanged. Only text whose every non-ASCII
    character is part of such a sequence is repaired (it must decode as UTF-8 whole), so a
    real "Ã" among other accents is left alone."""
    if text.isascii() or not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("cp1252", errors="vouch-c1").decode("utf-8")
    except UnicodeError:
        return text

"""Text files whose lines are in two encodings, read line by line.

An export saved as ANSI by Excel, with a line pasted in from a UTF-8 file (or a UTF-8
export with one line re-typed in an ANSI editor), is valid in neither encoding as a whole.
Read as Windows-1252, every accent of the UTF-8 lines is garbled ("ZoÃ«"); so each line is
read as UTF-8 when it is valid UTF-8, else as Windows-1252 (else Latin-1, for the five
bytes Windows-1252 leaves undefined). Registered as a codec, so the same decoding serves a
small file read at once and a big one streamed through `open()`.
"""

from __future__ import annotations

import codecs

MIXED = "vouch-utf8-or-cp1252"
MIXED_NOTE = "the file mixes encodings: lines that are valid UTF-8 were read as UTF-8"


def _line(line: bytes, counts: list[int]) -> str:
    """One line in the first encoding it is valid in; counts[0] += 1 for a UTF-8 line with
    more than ASCII in it, counts[1] += 1 for a line only Latin-1 decodes."""
    if line.isascii():
        return line.decode("ascii")
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        counts[0] += 1
        return text
    try:
        return line.decode("cp1252")
    except UnicodeDecodeError:
        counts[1] += 1
        return line.decode("latin-1")


def decode_lines(data: bytes, counts: list[int] | None = None) -> str:
    """`data` decoded a line at a time (see the module docstring)."""
    counts = [0, 0] if counts is None else counts
    # Undecodable bytes escaped one character each: as many characters as bytes means no
    # multi-byte UTF-8 anywhere (a plain ANSI file), read in one C pass
    if len(data.decode("utf-8", "surrogateescape")) == len(data):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return "".join(_line(line, counts) for line in data.splitlines(keepends=True))


def decode_mixed(data: bytes) -> str | None:
    """The text of bytes that are not UTF-8 as a whole, when some of its lines are (a
    mixed file); None when no line is, and Windows-1252 reads the file as before."""
    counts = [0, 0]
    text = decode_lines(data, counts)
    return text if counts[0] else None


class IncrementalDecoder(codecs.BufferedIncrementalDecoder):
    """Decodes whole lines as they come; `counts` as in _line, for the whole stream."""

    def __init__(self, errors: str = "strict"):
        super().__init__(errors)
        self.counts = [0, 0]

    def _buffer_decode(self, data, errors, final):  # noqa: ARG002 - every byte decodes
        data = bytes(data)
        end = len(data) if final else max(data.rfind(b"\n"), data.rfind(b"\r")) + 1
        return decode_lines(data[:end], self.counts), end

    def reset(self) -> None:
        super().reset()
        self.counts = [0, 0]


def _decode(data, errors: str = "strict") -> tuple[str, int]:  # noqa: ARG001
    data = bytes(data)
    return decode_lines(data), len(data)


def _encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    return text.encode("utf-8", errors), len(text)


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != MIXED:
        return None
    return codecs.CodecInfo(
        name=MIXED, encode=_encode, decode=_decode, incrementaldecoder=IncrementalDecoder
    )


codecs.register(_search)

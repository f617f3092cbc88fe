"""Hostile .xlsx files for the import corpus: bombs, entities, OLE2, truncated, corrupt."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

from bench.data import HEADER

LINE = "Ana,García,https://www.linkedin.com/in/ana-g,,Acme,Engineer,03 May 2024"


def xlsx_bytes(rows: list[list[object]] | None = None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in rows if rows is not None else [HEADER] + [r.split(",") for r in (LINE,)]:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_with(replace: dict[str, bytes], base: bytes | None = None, level: int = 6) -> bytes:
    """A valid xlsx with some members replaced (or added)."""
    src = zipfile.ZipFile(io.BytesIO(base or xlsx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for info in src.infolist():
            z.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, data in replace.items():
            if name not in src.namelist():
                z.writestr(name, data)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE worksheet [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
    + f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is>'
    "</c></row></sheetData></worksheet>"
).encode()

XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is>'
    "</c></row></sheetData></worksheet>"
).encode()


SST = "xl/sharedStrings.xml"
SST_BOMB = BILLION_LAUGHS.replace(b"<!DOCTYPE worksheet", b"<!DOCTYPE sst").split(b"]>")[0] + (
    f']>\n<sst {NS} count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'.encode()
)
SHEET_USING_SST = (
    f'<?xml version="1.0"?><worksheet {NS}><sheetData>'
    + '<row r="1">'
    + "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(HEADER)
    )
    + '</row><row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>Laughs</t>'
    "</is></c></row></sheetData></worksheet>"
).encode()


def sst_bomb_xlsx(path: Path) -> None:
    """An entity bomb in the shared strings part, wired in so that any reader must parse it."""
    src = zipfile.ZipFile(io.BytesIO(xlsx_bytes()))
    types = src.read("[Content_Types].xml").replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rels = src.read("xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml" Id="rId9"/></Relationships>',
    )
    path.write_bytes(
        xlsx_with(
            {
                "[Content_Types].xml": types,
                "xl/_rels/workbook.xml.rels": rels,
                SHEET: SHEET_USING_SST,
                SST: SST_BOMB,
            }
        )
    )


def plain_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "not a workbook")
        z.writestr("data/rows.csv", ",".join(HEADER) + "\n" + LINE + "\n")


def zip_bomb(path: Path, size_mb: int = 300) -> None:
    """A valid-looking xlsx whose sheet inflates from ~300 KB to `size_mb` MB."""
    head = (
        f'<?xml version="1.0"?><worksheet {NS}><sheetData><row r="1">'
        + "".join(
            f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>'
            for i, h in enumerate(HEADER)
        )
        + "</row>"
    ).encode()
    tail = b"</sheetData></worksheet>"
    base = zipfile.ZipFile(io.BytesIO(xlsx_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in base.infolist():
            if info.filename != SHEET:
                z.writestr(info.filename, base.read(info.filename))
        with z.open(zipfile.ZipInfo(SHEET), "w", force_zip64=True) as fh:
            fh.write(head)
            chunk = b" " * (1 << 20)
            for _ in range(size_mb):
                fh.write(chunk)
            fh.write(tail)


def cfb(path: Path) -> None:
    """An OLE2 compound file (what Excel writes for a password-protected workbook)."""
    rng = random.Random(3)
    path.write_bytes(
        bytes.fromhex("D0CF11E0A1B11AE1") + bytes(rng.randrange(256) for _ in range(8184))
    )


def truncated_xlsx(path: Path) -> None:
    data = xlsx_bytes()
    path.write_bytes(data[: len(data) // 2])


def corrupt_xlsx(path: Path) -> None:
    data = bytearray(xlsx_bytes())
    for i in range(200, len(data) - 200, 13):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))

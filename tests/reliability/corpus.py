"""A corpus of bad and hostile import files, generated on the fly.

Each Case builds one file and says what a careful importer must do with it:
"refuse" (an InputError naming the file), "import" (rows land), or "either" (a clear refusal
or an import that reports what it skipped). `row=True` means a refusal must name the row.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.data import HEADER, PREAMBLE
from tests.reliability.hostile_xlsx import (
    BILLION_LAUGHS,
    SHEET,
    XXE,
    cfb,
    corrupt_xlsx,
    plain_zip,
    sst_bomb_xlsx,
    truncated_xlsx,
    xlsx_bytes,
    xlsx_with,
    zip_bomb,
)

LINE = "Ana,García,https://www.linkedin.com/in/ana-g,,Acme,Engineer,03 May 2024"
ROWS = [
    LINE,
    'Ben,O’Neil,https://www.linkedin.com/in/ben-o,,"Globex, Inc.",Recruiter,12 Jan 2023',
    "Chloé,Dubois,https://www.linkedin.com/in/chloe-d,chloe@example.com,Initech,CTO,01 Feb 2022",
]


def _csv(rows: list[str], header: list[str] = HEADER, preamble: bool = True, nl="\n") -> str:
    return (
        (PREAMBLE if preamble else "").replace("\n", nl) + nl.join([",".join(header), *rows]) + nl
    )


def text(content: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda p: p.write_bytes(content.encode(encoding))


def raw(content: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(content)


def million_rows(path: Path, n: int = 1_000_000) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(PREAMBLE + ",".join(HEADER) + "\n")
        for start in range(0, n, 10_000):
            fh.write(
                "".join(
                    f"P{i},Person,https://www.linkedin.com/in/p-{i},,Company {i % 997},"
                    f"Engineer,{1 + i % 28:02d} May 2024\n"
                    for i in range(start, min(n, start + 10_000))
                )
            )


def directory(path: Path) -> None:
    path.mkdir()


def nothing(path: Path) -> None:
    """The file does not exist."""


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    build: Callable[[Path], None]
    expect: str  # refuse / import / either
    row: bool = False  # a refusal must name the row
    look_for: str = ""  # a value that must be stored when the file imports


RTL = "\u200fمحمد,\u05dcוי\u202e,https://www.linkedin.com/in/rtl-1,,شركة,مهندس,03 May 2024"
EMOJI = "Zoë 👩🏽‍💻,Nguyễn 🇻🇳,https://www.linkedin.com/in/emoji-1,,Ñandú 🚀,Dev,04 May 2024"
FORMULAS = [
    '"=HYPERLINK(""http://evil.example"",""x"")",Form,https://www.linkedin.com/in/f-1,,Acme,=1+1,03 May 2024',
    "+cmd|' /C calc'!A0,Plus,https://www.linkedin.com/in/f-2,,@SUM(A1),-2+3,03 May 2024",
]

CASES: list[Case] = [
    Case("empty", "Connections.csv", raw(b""), "refuse"),
    Case("blank lines", "Connections.csv", text("\n\n   \n\r\n"), "refuse"),
    Case("header only", "Connections.csv", text(_csv([])), "either"),
    Case("header only, no preamble", "Connections.csv", text(_csv([], preamble=False)), "either"),
    Case("preamble only", "Connections.csv", text(PREAMBLE), "refuse"),
    Case("binary junk", "Connections.csv", raw(random.Random(1).randbytes(65536)), "refuse"),
    Case("all NUL bytes", "Connections.csv", raw(b"\x00" * 4096), "refuse"),
    Case(
        "NUL inside a row",
        "Connections.csv",
        text(_csv([LINE.replace("García", "Gar\x00cía"), ROWS[1]])),
        "either",
        row=True,
    ),
    Case("PNG named csv", "Connections.csv", raw(b"\x89PNG\r\n\x1a\n" + bytes(2000)), "refuse"),
    Case(
        "PDF",
        "Connections.pdf",
        raw(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
        "refuse",
    ),
    Case("truncated xlsx", "Connections.xlsx", truncated_xlsx, "refuse"),
    Case("corrupt xlsx", "Connections.xlsx", corrupt_xlsx, "refuse"),
    Case("zip that is not xlsx", "Connections.xlsx", plain_zip, "refuse"),
    Case("empty zip", "Connections.xlsx", raw(b"PK\x05\x06" + bytes(18)), "refuse"),
    Case("zip bomb xlsx", "Connections.xlsx", lambda p: zip_bomb(p, 120), "either"),
    Case(
        "entity bomb in sheet",
        "Connections.xlsx",
        lambda p: p.write_bytes(xlsx_with({SHEET: BILLION_LAUGHS})),
        "refuse",
    ),
    Case(
        "entity bomb in shared strings",
        "Connections.xlsx",
        sst_bomb_xlsx,
        "refuse",
    ),
    Case(
        "external entity (XXE)",
        "Connections.xlsx",
        lambda p: p.write_bytes(xlsx_with({SHEET: XXE})),
        "refuse",
    ),
    Case("password-protected xlsx (OLE2)", "Connections.xlsx", cfb, "refuse"),
    Case("old binary xls", "Connections.xls", cfb, "refuse"),
    Case(
        "HTML named xlsx",
        "Connections.xlsx",
        text("<html><body><table><tr><td>x</td></tr></table></body></html>"),
        "refuse",
    ),
    Case("CSV named xlsx", "Connections.xlsx", text(_csv(ROWS)), "either"),
    Case(
        "xlsx named csv",
        "Connections.csv",
        lambda p: p.write_bytes(xlsx_bytes([HEADER, *(r.split(",") for r in (ROWS[0], ROWS[2]))])),
        "either",
    ),
    Case(
        "xlsx with no rows", "Connections.xlsx", lambda p: p.write_bytes(xlsx_bytes([])), "refuse"
    ),
    Case(
        "xlsx with formulas",
        "Connections.xlsx",
        lambda p: p.write_bytes(
            xlsx_bytes(
                [
                    HEADER,
                    [
                        "=1+1",
                        "Form",
                        "https://www.linkedin.com/in/f-x",
                        "",
                        '=HYPERLINK("http://evil.example","x")',
                        "=A2",
                        "03 May 2024",
                    ],
                ]
            )
        ),
        "either",
    ),
    Case(
        "xlsx emoji and RTL",
        "Connections.xlsx",
        lambda p: p.write_bytes(xlsx_bytes([HEADER, RTL.split(","), EMOJI.split(",")])),
        "import",
        look_for="Zoë 👩🏽‍💻",
    ),
    Case(
        "100 KB cell",
        "Connections.csv",
        text(_csv([LINE.replace("Engineer", "E" * 100_000), ROWS[1]])),
        "either",
        row=True,
    ),
    Case(
        "10 MB line, no newline",
        "Connections.csv",
        text(",".join(HEADER) + "\n" + "x" * 10_000_000),
        "either",
        row=True,
    ),
    Case(
        "UTF-8 with BOM", "Connections.csv", text("\ufeff" + _csv(ROWS)), "import", look_for="Chloé"
    ),
    Case(
        "UTF-16 LE with BOM",
        "Connections.csv",
        text(_csv(ROWS), "utf-16"),
        "import",
        look_for="Chloé",
    ),
    Case("UTF-16 without BOM", "Connections.csv", text(_csv(ROWS), "utf-16-le"), "either"),
    Case(
        "cp1252 (ANSI)",
        "Connections.csv",
        text(_csv(ROWS).replace("’", "'"), "cp1252"),
        "import",
        look_for="Chloé",
    ),
    Case(
        "mixed UTF-8 and cp1252 lines",
        "Connections.csv",
        raw(
            _csv(ROWS[:2]).encode()
            + "Émile,Zoë,https://www.linkedin.com/in/e-z,,Acme,Dev,03 May 2024\n".encode("cp1252")
        ),
        "either",
    ),
    Case(
        "invalid UTF-8 bytes",
        "Connections.csv",
        raw(
            _csv(ROWS).encode()
            + b"Bad,\xff\xfe\xc3(,https://www.linkedin.com/in/bad,,X,Y,03 May 2024\n"
        ),
        "either",
    ),
    Case(
        "semicolon delimiter",
        "Connections.csv",
        text(
            _csv(
                [r.replace(",", ";").replace('"Globex; Inc."', '"Globex, Inc."') for r in ROWS],
                preamble=False,
            ).replace(",", ";")
        ),
        "either",
    ),
    Case(
        "tab delimiter",
        "Connections.csv",
        text(
            _csv(ROWS, preamble=False).replace('"Globex, Inc."', "Globex Inc.").replace(",", "\t")
        ),
        "either",
    ),
    Case(
        "pipe delimiter",
        "Connections.csv",
        text(_csv(ROWS, preamble=False).replace(",", "|")),
        "either",
    ),
    Case(
        "duplicate headers",
        "Connections.csv",
        text(_csv(ROWS, header=["First Name", "First Name", *HEADER[2:]])),
        "either",
    ),
    Case("no header row", "Connections.csv", text("\n".join(ROWS) + "\n"), "refuse"),
    Case("unknown headers", "Connections.csv", text("Foo,Bar,Baz\n1,2,3\n4,5,6\n"), "refuse"),
    Case(
        "no name columns",
        "Connections.csv",
        text("Company,Position\nAcme,Engineer\nGlobex,CTO\n"),
        "refuse",
    ),
    Case("formulas in cells", "Connections.csv", text(_csv(FORMULAS)), "import", look_for="=1+1"),
    Case(
        "emoji and right-to-left names",
        "Connections.csv",
        text(_csv([RTL, EMOJI])),
        "import",
        look_for="Zoë 👩🏽‍💻",
    ),
    Case(
        "ragged rows",
        "Connections.csv",
        text(_csv([LINE + ",extra,extra", "Dan,Short", ROWS[2]])),
        "either",
    ),
    Case(
        "unterminated quote",
        "Connections.csv",
        text(_csv([ROWS[0], 'Eve,"Never closed,https://x,,Acme,Dev,03 May 2024', ROWS[2]])),
        "either",
        row=True,
    ),
    Case(
        "Excel CRLF re-save",
        "Connections.csv",
        text(_csv(ROWS, nl="\r\n").replace("Notes:", "Notes:,,")),
        "import",
        look_for="Chloé",
    ),
    Case(
        "10,000 columns",
        "Connections.csv",
        text(",".join(HEADER + [f"c{i}" for i in range(10_000)]) + "\n" + LINE + "\n"),
        "either",
    ),
    Case(
        "control characters",
        "Connections.csv",
        text(_csv([LINE.replace("Ana", "An\x1b[31ma\x07"), ROWS[1]])),
        "either",
    ),
    Case(
        "garbage dates",
        "Connections.csv",
        text(
            _csv(
                [
                    LINE.replace("03 May 2024", "yesterday"),
                    ROWS[1].replace("12 Jan 2023", "99 Foo 2020"),
                ]
            )
        ),
        "either",
    ),
    Case("a folder, not a file", "Connections.csv", directory, "refuse"),
    Case("missing file", "Connections.csv", nothing, "refuse"),
]

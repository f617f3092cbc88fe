"""The files of a LinkedIn data archive (folder or .zip), found by name wherever they sit."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from crm.errors import InputError
from crm.importers.dates import parse_date
from crm.importers.detect import DELIMITERS, check_quotes, check_text, decode, zip_unreadable
from crm.importers.formats import norm_header

# Files are known by file_key(name): LinkedIn has written "Company Follows.csv" and
# "Company_Follows.csv", "Rich Media.csv" and "Rich_Media.csv" in different years.
CONNECTIONS = "connections.csv"
MESSAGES = "messages.csv"
INVITATIONS = "invitations.csv"
RECOMMENDATIONS = "recommendations received.csv"
ENDORSEMENTS = "endorsement received info.csv"
FOLLOWS = "company follows.csv"
SAVED_JOBS = "saved jobs.csv"
APPLICATIONS = "job applications.csv"
KNOWN_FILES = (
    CONNECTIONS,
    MESSAGES,
    INVITATIONS,
    RECOMMENDATIONS,
    ENDORSEMENTS,
    FOLLOWS,
    SAVED_JOBS,
    APPLICATIONS,
)


# A message can be long (and its HTML longer): a side file's cell may pass the csv module's
# default limit (131,072 characters) and the 32,767 of a spreadsheet cell. A cell of a
# million characters is no LinkedIn export's: the file is skipped with a warning.
SIDE_CELL = 1024 * 1024
_SEPARATORS = re.compile(r"[\s_-]+")
_PART = re.compile(r" \d+\.csv")  # "Job Applications_1.csv", the second part of a file


def base_name(member: str) -> str:
    """The file name of a zip member or path, whichever separator wrote it (PowerShell 5's
    Compress-Archive writes backslashes, which zipfile keeps as they are on Linux)."""
    return member.replace("\\", "/").rsplit("/", 1)[-1]


def file_key(name: str) -> str:
    """How a file of the archive is known: its base name with case, spaces, underscores
    and hyphens folded ("Company_Follows.CSV" is "company follows.csv")."""
    return _SEPARATORS.sub(" ", base_name(name).casefold()).strip()


class Archive:
    """The CSV files of an archive folder or zip, found by name wherever they sit."""

    def __init__(self, path: Path):
        self.path = path
        self.files: dict[str, str] = {}  # file_key -> member or file path
        self._zip: zipfile.ZipFile | None = None
        found: list[str] = []  # every Connections.csv: two mean two archives
        try:
            if path.is_dir():
                for p in sorted(path.rglob("*")):  # "*.csv" would miss CONNECTIONS.CSV
                    key = file_key(p.name)
                    if key.endswith(".csv") and p.is_file():
                        self.files.setdefault(key, str(p))
                        if key == CONNECTIONS:
                            found.append(str(p.relative_to(path)))
            else:
                if not zipfile.is_zipfile(path):
                    raise InputError(
                        "is not a LinkedIn data archive (a folder or a .zip file)", file=str(path)
                    )
                self._zip = zipfile.ZipFile(path)
                for name in self._zip.namelist():
                    key = file_key(name)
                    if key.endswith(".csv") and not name.startswith("__MACOSX/"):
                        self.files.setdefault(key, name)
                        if key == CONNECTIONS:
                            found.append(name)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise InputError(
                "is damaged: the zip archive is truncated or incomplete", file=str(path)
            ) from exc
        except NotImplementedError as exc:
            raise zip_unreadable(str(path), exc) from exc
        if len(found) > 1:
            raise InputError(
                f"holds {len(found)} LinkedIn archives ({', '.join(found[:3])}); import them "
                "one at a time, oldest first",
                file=str(path),
            )
        if CONNECTIONS not in self.files:
            others = [self.shown(k) for k in KNOWN_FILES[1:] if k in self.files]
            if others:  # the archive downloaded without the connections
                raise InputError(
                    f"is a LinkedIn data archive with no Connections.csv (it holds "
                    f"{', '.join(others)}): Vouch matches those files to your connections, so "
                    "download the archive again with Connections ticked, or put its "
                    "Connections.csv in with them",
                    file=str(path),
                )
            raise InputError(
                "is not a LinkedIn archive: it holds no Connections.csv", file=str(path)
            )

    def shown(self, key: str) -> str:
        """The file's own name, as the summary shows it."""
        return base_name(self.files[key])

    def name(self, key: str) -> str:
        member = self.files[key]
        return member if self._zip is None else f"{self.path}/{member}"

    def read(self, key: str, limit: int = -1) -> bytes | None:
        """A member's bytes (only the first `limit` bytes when limit >= 0)."""
        member = self.files.get(key)
        if member is None:
            return None
        try:
            if self._zip is not None:
                with self._zip.open(member) as fh:
                    return fh.read(limit)
            with open(member, "rb") as fh:
                return fh.read(limit)
        except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
            raise InputError(
                "is password-protected: unzip the archive first, then import its folder",
                file=self.name(key),
            ) from exc
        except NotImplementedError as exc:  # a compression method zipfile does not know
            raise InputError(
                f"uses a compression Vouch cannot read ({exc}): unzip the archive first, then "
                "import its folder",
                file=self.name(key),
            ) from exc
        except (zipfile.BadZipFile, OSError, EOFError, KeyError) as exc:
            raise InputError("cannot be read (damaged archive)", file=self.name(key)) from exc

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def side_rows(self, key: str, required: tuple[str, ...], warnings: list[str]) -> list[dict]:
        """Rows of a file besides Connections.csv, and of its numbered parts ("Job
        Applications_1.csv"). A part that cannot be read adds a warning and gives no rows:
        the connections and the other files still import."""
        return self._parts(key, warnings, lambda data, file: [
            r for _n, r in dict_rows(data, file, required)
        ])  # fmt: skip

    def side_columns(
        self, key: str, required: tuple[str, ...], columns: tuple[str, ...], warnings: list[str]
    ) -> list[tuple[str, ...]]:
        """Like side_rows, but each row as a tuple of the named columns ("" where the file
        has none): no dict per row for the 100,000 rows of a big messages.csv."""
        return self._parts(key, warnings, lambda data, file: column_rows(
            data, file, required, columns
        ))  # fmt: skip

    def _parts(self, key: str, warnings: list[str], read: Callable[[bytes, str], list]) -> list:
        stem = key[: -len(".csv")]
        parts = sorted(
            k
            for k in self.files
            if k == key or (k.startswith(stem) and _PART.fullmatch(k[len(stem) :]))
        )
        out: list = []
        for part in parts:
            shown = self.shown(part)
            try:
                data = self.read(part) or b""
                if not data.strip():
                    raise InputError("is empty")
                rows = read(data, self.name(part))
            except InputError as exc:  # read to the end first: a part is all or nothing
                where = f"{shown}, row {exc.row}" if exc.row is not None else shown
                warnings.append(f"{where}: {exc.problem}; skipped this file, imported the rest")
            else:
                out.extend(rows)
        return out


def archive_note(path: Path) -> str | None:
    """A note for a Connections.csv picked out of an archive folder: which of the archive's
    other files sit beside it, and that importing the folder brings them in too."""
    if file_key(path.name) != CONNECTIONS:
        return None
    try:
        found = {
            file_key(p.name): p.name
            for folder in (path.parent, path.parent / "Jobs")
            if folder.is_dir()
            for p in folder.iterdir()
            if p.is_file()
        }
    except OSError:
        return None
    names = [found[k] for k in KNOWN_FILES[1:] if k in found]
    if not names:
        return None
    return (
        f"the folder {path.parent} also holds {', '.join(names)}: import the folder itself "
        "to bring in the messages, vouchers, target companies and jobs as well"
    )


# The columns that tell each file of the archive (normalised header names), and its name.
_SIDE_HEADERS = (
    ({"conversation id", "from", "sender profile url"}, "messages.csv"),
    ({"from", "to", "subject", "content", "direction"}, "messages.csv"),  # 2018
    ({"from", "to", "sent at", "direction"}, "Invitations.csv"),
    ({"first name", "last name", "text", "creation date"}, "Recommendations_Received.csv"),
    ({"endorser first name", "skill name"}, "Endorsement_Received_Info.csv"),
    ({"organization", "followed on"}, "Company Follows.csv"),
    ({"saved date", "job title"}, "Saved Jobs.csv"),
    ({"application date", "job title"}, "Job Applications.csv"),
)


def refuse_side_file(first_line: str, file: str) -> None:
    """Refuse a file of the archive imported on its own (its header is its first line):
    Saved Jobs.csv alone would make a contact of each company, messages.csv is no list of
    people. Read with the archive, each does what it is for."""
    try:
        header = next(csv.reader([first_line]), [])
    except csv.Error:
        return
    names = {norm_header(c) for c in header}
    for columns, what in _SIDE_HEADERS:
        if columns <= names:
            raise InputError(
                f"is the {what} of a LinkedIn data archive, not a contacts list: import the "
                "whole archive instead (its .zip, or the folder that holds Connections.csv), "
                "and Vouch reads this file with it",
                file=file,
            )


def dict_rows(data: bytes, file: str, required: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    """Rows as {normalised header: value}, the header found by the columns it must have."""
    names, rows = header_rows(data, file, required)
    for number, cells in rows:
        yield number, dict(zip(names, cells, strict=False))


def column_rows(
    data: bytes, file: str, required: tuple[str, ...], columns: tuple[str, ...]
) -> list[tuple[str, ...]]:
    """The named columns of every row, as dict_rows would give them (a name the header
    repeats is its last column; "" for a column the file or a short row has not)."""
    names, rows = header_rows(data, file, required)
    width = len(names)
    last = {name: i for i, name in enumerate(names)}
    pick = itemgetter(*(last.get(c, width) for c in columns), width)  # width: the "" below
    out = []
    for _number, cells in rows:
        if len(cells) == width:
            cells.append("")
        elif len(cells) > width:
            cells = [*cells[:width], ""]
        else:  # short: zip() stops early, so a repeated name may keep its first column
            row = dict(zip(names, cells, strict=False))
            out.append(tuple(row.get(c, "") for c in columns))
            continue
        out.append(pick(cells)[:-1])
    return out


def header_rows(
    data: bytes, file: str, required: tuple[str, ...]
) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The normalised header, found by the columns it must have, and the rows below it that
    hold anything (with their row numbers in the file)."""
    text, _enc = decode(data, file)
    check_text(text, file)
    head = text[:8192].splitlines()[:10]
    for delim in DELIMITERS:
        rows = list(csv.reader(head, delimiter=delim))
        for idx, row in enumerate(rows):
            names = [norm_header(c) for c in row]
            if all(r in names for r in required):
                if text.count('"') % 2:
                    check_quotes(io.StringIO(text, newline=""), delim, file, limit=SIDE_CELL)
                return names, _cells(text, delim, idx + 1, file)
    raise InputError(f"has none of the expected columns ({', '.join(required)})", file=file)


def _cells(text: str, delim: str, header: int, file: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    old_limit = csv.field_size_limit(SIDE_CELL)
    number = 0
    try:
        for number, cells in enumerate(reader, 1):
            if number > header and any(cells):
                yield number, cells
    except csv.Error as exc:
        raise InputError(f"cannot be read as CSV ({exc})", file=file, row=number + 1) from exc
    finally:
        csv.field_size_limit(old_limit)


def job_url_key(url: str) -> str:
    """A job posting's URL without scheme, www., query or trailing slash ("" when none):
    http://www.linkedin.com/jobs/view/1/?trk=x is linkedin.com/jobs/view/1."""
    key = url.strip().split("?", 1)[0].split("#", 1)[0].rstrip("/").casefold()
    key = key.removeprefix("https://").removeprefix("http://")
    return key.removeprefix("www.")


def fact_day(text: str) -> str:
    """A fact's date as ISO, whatever the file's spelling (the raw text when no date)."""
    day = parse_date(text)
    return day.isoformat() if day else " ".join(text.split())


_days: dict[str, str | None] = {}


def message_day(text: str) -> str | None:
    """A message's day as ISO, parsed once per day, not once per message: messages.csv
    stamps each to the second ("2024-12-16 18:24:37 UTC", "12/15/24, 7:47 AM"). The time
    after a numeric date ("2024-12-16", "12/15/24,") cannot change what parse_date reads
    from it, so the date alone is the key; any other spelling is parsed whole."""
    head, _sep, rest = text.partition(" ")
    if rest[:1].isdecimal() and ("-" in head or "/" in head) and "," not in head[:-1]:
        text = head
    try:
        return _days[text]
    except KeyError:
        day = parse_date(text)
        iso = day.isoformat() if day else None
        if len(_days) < 100_000:
            _days[text] = iso
        return iso


def is_draft(r: dict) -> bool:
    """A message never sent: in the DRAFT folder, or flagged as a draft."""
    return draft_cells(r.get("folder", ""), r.get("is message draft", ""))


@lru_cache(maxsize=256)
def draft_cells(folder: str, flag: str) -> bool:
    """is_draft, from the two cells (a file holds a handful of distinct pairs)."""
    if folder.strip().casefold() in ("draft", "drafts"):
        return True
    return flag.strip().casefold() in ("true", "yes")


class Facts:
    """The archive facts earlier imports applied or found true (crm.store.models.ArchiveFact),
    and the ones this import adds: a fact here is not applied again over the user's edits."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.known: set[tuple[str, str]] = set(
            conn.execute(
                "SELECT kind, key FROM archive_fact WHERE batch_id IS NULL OR batch_id IN "
                "(SELECT id FROM import_batch WHERE undone = 0)"
            )
        )
        self.new: list[tuple[str, str, int | None, int | None]] = []

    def __contains__(self, fact: tuple[str, str]) -> bool:
        return fact in self.known

    def add(self, kind: str, key: str, contact_id: int | None, batch_id: int | None) -> None:
        """Remember a fact: `batch_id` is the import that applied it, None when it changed
        nothing (undoing an import then leaves it known)."""
        if (kind, key) not in self.known:
            self.known.add((kind, key))
            self.new.append((kind, key, contact_id, batch_id))

    def write(self) -> None:
        if self.new:
            self.conn.executemany(
                "INSERT OR REPLACE INTO archive_fact (kind, key, contact_id, batch_id) "
                "VALUES (?,?,?,?)",
                self.new,
            )
            self.new = []

"""The files of a LinkedIn data archive (folder or .zip), found by name wherever they sit."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from crm.errors import InputError
from crm.importers.detect import DELIMITERS, check_quotes, check_text, decode
from crm.importers.formats import norm_header

CONNECTIONS = "connections.csv"
MESSAGES = "messages.csv"
RECOMMENDATIONS = "recommendations_received.csv"
ENDORSEMENTS = "endorsement_received_info.csv"
FOLLOWS = "company follows.csv"
SAVED_JOBS = "saved jobs.csv"
APPLICATIONS = "job applications.csv"
KNOWN_FILES = (
    CONNECTIONS,
    MESSAGES,
    RECOMMENDATIONS,
    ENDORSEMENTS,
    FOLLOWS,
    SAVED_JOBS,
    APPLICATIONS,
)


class Archive:
    """The CSV files of an archive folder or zip, found by name wherever they sit."""

    def __init__(self, path: Path):
        self.path = path
        self.files: dict[str, str] = {}  # lower-case base name -> member or file path
        self._zip: zipfile.ZipFile | None = None
        found: list[str] = []  # every Connections.csv: two mean two archives
        try:
            if path.is_dir():
                for p in sorted(path.rglob("*.csv")):
                    self.files.setdefault(p.name.casefold(), str(p))
                    if p.name.casefold() == CONNECTIONS:
                        found.append(str(p.relative_to(path)))
            else:
                if not zipfile.is_zipfile(path):
                    raise InputError(
                        "is not a LinkedIn data archive (a folder or a .zip file)", file=str(path)
                    )
                self._zip = zipfile.ZipFile(path)
                for name in self._zip.namelist():
                    base = name.rsplit("/", 1)[-1].casefold()
                    if base.endswith(".csv") and not name.startswith("__MACOSX/"):
                        self.files.setdefault(base, name)
                        if base == CONNECTIONS:
                            found.append(name)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise InputError(
                "is damaged: the zip archive is truncated or incomplete", file=str(path)
            ) from exc
        if len(found) > 1:
            raise InputError(
                f"holds {len(found)} LinkedIn archives ({', '.join(found[:3])}); import them "
                "one at a time, oldest first",
                file=str(path),
            )
        if CONNECTIONS not in self.files:
            raise InputError(
                "is not a LinkedIn archive: it holds no Connections.csv", file=str(path)
            )

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


def dict_rows(data: bytes, file: str, required: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    """Rows as {normalised header: value}, the header found by the columns it must have."""
    text, _enc = decode(data, file)
    check_text(text, file)
    head = text[:8192].splitlines()[:10]
    for delim in DELIMITERS:
        rows = list(csv.reader(head, delimiter=delim))
        for idx, row in enumerate(rows):
            names = [norm_header(c) for c in row]
            if all(r in names for r in required):
                if text.count('"') % 2:
                    check_quotes(io.StringIO(text, newline=""), delim, file)
                reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
                try:
                    for number, cells in enumerate(reader, 1):
                        if number > idx + 1 and any(cells):
                            yield number, dict(zip(names, cells, strict=False))
                except csv.Error as exc:
                    raise InputError(f"cannot be read as CSV ({exc})", file=file) from exc
                return
    raise InputError(f"has none of the expected columns ({', '.join(required)})", file=file)

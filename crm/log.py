"""Logging to a rotating file in the platform log folder."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from crm.paths import log_dir

_configured = False
MAX_BYTES = 1_000_000
BACKUPS = 5


class RotatingLogFile(logging.FileHandler):
    """The log file, moved to vouch.log.1 (.1 to .2, … up to `backups`) when a record would
    take it past `max_bytes`: logging.handlers.RotatingFileHandler's rollover, written out
    because importing logging.handlers (socket, pickle, queue) cost each start ~15 ms."""

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS):
        super().__init__(path, encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._full(record):
                self._roll_over()
        except Exception:  # noqa: BLE001 - logging must never raise into the app
            self.handleError(record)
            return
        super().emit(record)

    def _full(self, record: logging.LogRecord) -> bool:
        if self.stream is None:
            self.stream = self._open()
        self.stream.seek(0, 2)  # the end, also where an append-mode tell() says 0 (Windows)
        return self.stream.tell() + len(self.format(record)) + 1 >= self.max_bytes

    def _roll_over(self) -> None:
        self.stream.close()
        self.stream = None  # type: ignore[assignment]
        base = self.baseFilename
        for i in range(self.backups - 1, 0, -1):
            if os.path.exists(f"{base}.{i}"):
                os.replace(f"{base}.{i}", f"{base}.{i + 1}")
        if self.backups > 0:  # none: the file grows, as RotatingFileHandler's does
            os.replace(base, f"{base}.1")
        self.stream = self._open()


def setup_logging(level: int = logging.INFO, directory: Path | None = None) -> Path:
    global _configured
    directory = directory or log_dir()
    path = directory / "vouch.log"
    if _configured:
        return path
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingLogFile(path)
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured = True
    return path

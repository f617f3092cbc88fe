"""Logging to a rotating file in the platform log folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from crm.paths import log_dir

_configured = False


def setup_logging(level: int = logging.INFO, directory: Path | None = None) -> Path:
    global _configured
    directory = directory or log_dir()
    path = directory / "vouch.log"
    if _configured:
        return path
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured = True
    return path

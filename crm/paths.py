"""Where Vouch keeps its files: the user data folder unless --db or VOUCH_DB says otherwise."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Vouch"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "vouch.db"


def resolve_db_path(cli_value: str | os.PathLike | None = None) -> Path:
    """--db wins over VOUCH_DB, which wins over the platform data folder."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("VOUCH_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()


def backup_dir(db_path: Path) -> Path:
    """Backups sit beside the database so that each database keeps its own history."""
    db_path = Path(db_path)
    return db_path.parent / f"{db_path.stem}-backups"


def resource_path(*parts: str) -> Path:
    """A file under resources/, also inside a PyInstaller bundle."""
    base = getattr(sys, "_MEIPASS", None)
    root = Path(base) if base else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)

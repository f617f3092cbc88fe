"""Helpers for the reliability suite: fingerprints of a database, integrity checks, children."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def integrity(path: Path) -> str:
    """PRAGMA integrity_check through a fresh raw connection (replays any WAL left behind)."""
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def fingerprint(path: Path) -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every row, per table: equal fingerprints = same data."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                " ORDER BY name"
            )
        ]
        out = {}
        for table in tables:
            digest = hashlib.sha256()
            n = 0
            for row in con.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr(row).encode())
                n += 1
            out[table] = (n, digest.hexdigest())
        return out
    finally:
        con.close()


def count(path: Path, table: str, where: str = "") -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute(f'SELECT COUNT(*) FROM "{table}" {where}').fetchone()[0]
    finally:
        con.close()


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def start_child(*args: str, **env: str) -> subprocess.Popen:
    """`python -m tests.reliability.children ARGS`, its stdout a pipe of progress lines."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.children", *args],
        cwd=ROOT,
        env=child_env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "crm.cli", *args],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def closed_db(tmp_path):
    """An empty Vouch database file, created and closed again; yields its path."""
    from crm.store.connection import close_database, open_database

    path = tmp_path / "vouch.db"
    database = open_database(path, backup=False)
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    close_database()
    return path

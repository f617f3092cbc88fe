"""Shared fixtures: headless Qt, a fresh database per test, a demo database built once."""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Never touch the real user data, log or settings folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("VOUCH_DB", raising=False)


def assert_no_orphans() -> None:
    """No row points at a row that is not there: imports write without SQLite's row-by-row
    foreign-key lookups (crm.store.connection.bulk_transaction), so every test that used a
    database checks the whole of it when it ends."""
    from crm.store.models import db as database

    obj = database.obj
    if obj is None or obj.is_closed():
        return
    orphans = obj.execute_sql("PRAGMA foreign_key_check").fetchall()
    assert orphans == [], f"rows pointing at nothing (table, rowid, parent, fk): {orphans[:5]}"
    assert obj.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


@pytest.fixture
def db(tmp_path):
    """An empty, open Vouch database; yields its path."""
    from crm.store.connection import close_database, open_database

    path = tmp_path / "vouch.db"
    open_database(path, backup=False)
    yield path
    assert_no_orphans()
    close_database()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    from crm.demo import load_demo
    from crm.store.connection import close_database, open_database

    path = tmp_path_factory.mktemp("template") / "demo.db"
    open_database(path, backup=False)
    load_demo()
    database = __import__("crm.store.models", fromlist=["db"]).db
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    close_database()
    return path


@pytest.fixture
def demo_db(tmp_path, demo_template):
    """A copy of the demo network, open; yields its path."""
    from crm.store.connection import close_database, open_database

    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    open_database(path, backup=False)
    yield path
    assert_no_orphans()
    close_database()

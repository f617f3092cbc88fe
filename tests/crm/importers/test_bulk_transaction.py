"""An import's transaction: all or nothing, and the connection left as it was found.

The import skips SQLite's row-by-row foreign-key lookups and leaves the WAL checkpoint for
after its summary (crm.store.connection.bulk_transaction); the database fixtures check
every row's references when each test ends.
"""

from __future__ import annotations

import pytest

from crm.errors import Cancelled, InputError
from crm.importers.api import import_path, undo_import
from crm.store.connection import checkpoint
from crm.store.models import db as database

from . import samples as s


def _pragmas() -> tuple[int, int]:
    foreign_keys = database.execute_sql("PRAGMA foreign_keys").fetchone()[0]
    autocheckpoint = database.execute_sql("PRAGMA wal_autocheckpoint").fetchone()[0]
    return foreign_keys, autocheckpoint


def test_an_import_leaves_foreign_keys_on_and_checkpoints_as_before(db, tmp_path):
    result = import_path(s.big_linkedin(tmp_path / "big.csv", 3000))
    assert result.created == 3000
    assert _pragmas() == (1, 1000)
    # a contact pointing at a company that is not there is refused again
    with pytest.raises(Exception, match="FOREIGN KEY"):
        database.execute_sql("UPDATE contact SET company_id = 999999 WHERE id = 1")


def test_a_failed_import_leaves_the_pragmas_and_the_database_as_they_were(db, tmp_path, snapshot):
    import_path(s.linkedin_current(tmp_path / "seed.csv"))
    before = snapshot()
    path = tmp_path / "header.csv"
    path.write_text(s.PREAMBLE + ",".join(s.HEADER) + "\n")
    with pytest.raises(InputError):
        import_path(path)
    assert snapshot() == before
    assert _pragmas() == (1, 1000)


def test_a_cancelled_import_leaves_the_pragmas_as_they_were(db, tmp_path, snapshot):
    before = snapshot()
    with pytest.raises(Cancelled):
        import_path(s.big_linkedin(tmp_path / "big.csv", 3000), cancelled=lambda: True)
    assert snapshot() == before
    assert _pragmas() == (1, 1000)


def test_the_import_leaves_its_pages_in_the_wal_until_checkpoint_copies_them(db, tmp_path):
    size = db.stat().st_size
    import_path(s.big_linkedin(tmp_path / "big.csv", 5000))
    assert db.stat().st_size == size  # committed, readable, and only in the WAL so far
    assert database.execute_sql("SELECT COUNT(*) FROM contact").fetchone()[0] == 5000
    checkpoint()
    assert db.stat().st_size > size + 500_000  # 5,000 contacts copied into the file


def test_an_archive_import_and_its_undo_leave_no_row_pointing_at_nothing(db, tmp_path):
    result = import_path(s.archive_folder(tmp_path / "archive"))
    assert result.created > 0
    orphans = database.execute_sql("PRAGMA foreign_key_check").fetchall()
    assert orphans == []
    undo_import(result.batch)
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    assert _pragmas() == (1, 1000)

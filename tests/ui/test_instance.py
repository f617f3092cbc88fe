"""One database, one writer: a second window is refused; a crashed window's lock is taken over."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ui.instance import DatabaseInUseError, DatabaseLock, lock_path_for

ROOT = Path(__file__).resolve().parents[2]

HOLD_LOCK = textwrap.dedent(
    """
    import os, sys, time
    from PySide6.QtCore import QCoreApplication
    app = QCoreApplication([])
    from ui.instance import DatabaseLock
    lock = DatabaseLock(sys.argv[1]).acquire()
    print("locked", flush=True)
    if sys.argv[2] == "crash":
        os._exit(1)  # dies without unlocking, like a crash or kill -9
    time.sleep(60)
    """
)


def _holder(db_path: Path, mode: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(db_path), mode],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_second_lock_in_the_same_process_is_refused(qapp, tmp_path):
    db_path = tmp_path / "vouch.db"
    first = DatabaseLock(db_path).acquire()
    try:
        with pytest.raises(DatabaseInUseError) as err:
            DatabaseLock(db_path, timeout_ms=50).acquire()
        message = err.value.user_message()
        assert str(db_path) in message
        assert "already open in another Vouch window" in message
        assert f"process {os.getpid()}" in message
    finally:
        first.release()
    assert not lock_path_for(db_path).exists()
    DatabaseLock(db_path).acquire().release()  # free again once released


def test_lock_held_by_another_running_process_is_refused(qapp, tmp_path):
    db_path = tmp_path / "vouch.db"
    proc = _holder(db_path, "hold")
    try:
        with pytest.raises(DatabaseInUseError) as err:
            DatabaseLock(db_path, timeout_ms=50).acquire()
        assert f"process {proc.pid}" in err.value.user_message()
    finally:
        proc.kill()
        proc.wait()


def test_stale_lock_left_by_a_crash_is_recovered(qapp, tmp_path):
    db_path = tmp_path / "vouch.db"
    proc = _holder(db_path, "crash")
    proc.wait()
    lock_file = lock_path_for(db_path)
    assert lock_file.exists()
    assert lock_file.read_text().splitlines()[0] == str(proc.pid)

    lock = DatabaseLock(db_path).acquire()
    try:
        assert lock.is_locked()
        assert lock_file.read_text().splitlines()[0] == str(os.getpid())
    finally:
        lock.release()


def test_second_window_on_the_same_database_gets_a_clear_message(qapp, tmp_path):
    """The real entry point: `vouch` on a database another window holds exits with the reason."""
    db_path = tmp_path / "vouch.db"
    proc = _holder(db_path, "hold")
    try:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        out = subprocess.run(
            [sys.executable, "-m", "ui.app", "--db", str(db_path), "--screenshot", "x.png"],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=60,
        )
    finally:
        proc.kill()
        proc.wait()
    assert out.returncode == 2
    assert "already open in another Vouch window" in out.stderr
    assert not (tmp_path / "x.png").exists()


def test_two_spellings_of_one_database_share_one_lock(qapp, tmp_path):
    real = tmp_path / "data" / "vouch.db"
    real.parent.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real.parent)
    first = DatabaseLock(real).acquire()
    try:
        with pytest.raises(DatabaseInUseError):
            DatabaseLock(link / "vouch.db", timeout_ms=50).acquire()
    finally:
        first.release()


def test_window_switching_databases_moves_its_lock(qapp, tmp_path):
    from ui.instance import lock_database, release_database

    a, b = tmp_path / "a.db", tmp_path / "b.db"
    try:
        lock_database(a)
        assert lock_database(a).is_locked()  # taking the same one again is a no-op
        lock_database(b)
        DatabaseLock(a).acquire().release()  # a is free again
        with pytest.raises(DatabaseInUseError):
            DatabaseLock(b, timeout_ms=50).acquire()
    finally:
        release_database()

"""SIGKILL at random moments: the database passes integrity_check and holds all or nothing."""

from __future__ import annotations

import random
import shutil
import signal
import time

import pytest

from bench.data import write_connections
from tests.reliability.conftest import count, integrity, start_child

KILLS = 20
NAMES_PER_MEETING = 40


def _wait_for(child, word: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        if line.split()[:1] == [word]:
            return
    child.kill()
    raise AssertionError(f"child never said {word!r}: {child.stderr.read()}")


def _kill_after(child, delay: float) -> None:
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    child.stderr.close()


def test_meeting_with_many_names_is_all_or_nothing_under_sigkill(closed_db, tmp_path):
    rng = random.Random(8)
    seen = []
    for k in range(KILLS):
        path = tmp_path / f"meeting{k}.db"
        shutil.copyfile(closed_db, path)
        child = start_child("meeting", str(path), str(NAMES_PER_MEETING))
        _wait_for(child, "started")
        _kill_after(child, rng.uniform(0.0, 1.0))

        assert integrity(path) == "ok", f"kill {k}"
        meetings = count(path, "interaction", "WHERE kind = 'meeting' AND notes = 'crash-test'")
        # Every meeting that is there came with all its names and referrals, and nothing else.
        assert count(path, "contact") == 1 + NAMES_PER_MEETING * meetings, f"kill {k}"
        assert count(path, "referral") == NAMES_PER_MEETING * meetings, f"kill {k}"
        assert (
            count(
                path,
                "interaction",
                f"i WHERE (SELECT COUNT(*) FROM referral r WHERE r.meeting_id = i.id) "
                f"!= {NAMES_PER_MEETING}",
            )
            == 0
        )
        seen.append(meetings)
    # The child is inside a meeting's transaction nearly all the time, so kills landed there.
    assert max(seen) > 0, seen


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    return write_connections(tmp_path_factory.mktemp("crash") / "Connections.csv", 20_000)


def test_import_is_all_or_nothing_under_sigkill(closed_db, big_csv, tmp_path):
    # One undisturbed run: how many contacts the file makes and how long the import takes.
    full = tmp_path / "full.db"
    shutil.copyfile(closed_db, full)
    child = start_child("import", str(full), str(big_csv))
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    took = float(out.split("done")[1].split()[0])
    whole = count(full, "contact")
    assert whole > 19_000

    rng = random.Random(9)
    outcomes = []
    for k in range(KILLS):
        path = tmp_path / f"import{k}.db"
        shutil.copyfile(closed_db, path)
        child = start_child("import", str(path), str(big_csv))
        _wait_for(child, "started")
        # Most kills land inside the import; a few after it, which must leave the whole batch.
        _kill_after(child, rng.uniform(0.0, took * 1.15))

        assert integrity(path) == "ok", f"kill {k}"
        n = count(path, "contact")
        assert n in (0, whole), f"kill {k} left {n} of {whole} contacts"
        # The batch record, its companies and its contacts come and go together.
        assert count(path, "import_batch") == (1 if n else 0), f"kill {k}"
        if n == 0:
            assert count(path, "company") == 0, f"kill {k}"
        outcomes.append(n)
    assert 0 in outcomes, "no kill landed before the commit: the test did not test anything"

"""Bad and hostile import files: a clear message or a reported skip, never a half-written database.

Every case runs against a copy of the demo network; a refusal must leave every table exactly
as it was (row counts and a checksum of every row), and the message must name the file.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time

import pytest

from crm.errors import Cancelled, InputError
from crm.importers.api import import_path
from tests.reliability.conftest import count, fingerprint, integrity, start_child
from tests.reliability.corpus import CASES, Case, million_rows, zip_bomb

MB_BOUND = 300
RAW_EXCEPTION = re.compile(r"\b[A-Z][A-Za-z]+(Error|Exception|Forbidden)\b|\[Errno|<class ")

# Importer faults found by this suite would be listed here (name -> reason) and stay visible
# as strict xfail (a fix makes the test fail until its entry goes); the million-row file
# (refused past 250,000 rows) and the zip bomb are fixed.
KNOWN_IMPORTER_BUGS: dict[str, str] = {}


def _params(cases):
    return [
        pytest.param(
            c,
            id=c.name,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_IMPORTER_BUGS[c.name])]
            if c.name in KNOWN_IMPORTER_BUGS
            else [],
        )
        for c in cases
    ]


def _build(case: Case, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    path = folder / case.filename
    case.build(path)
    return path


def _stored(db_path, value: str) -> bool:
    con = sqlite3.connect(db_path)
    try:
        return bool(
            con.execute(
                "SELECT 1 FROM contact ct LEFT JOIN company co ON co.id = ct.company_id WHERE "
                "? IN (ct.first_name, ct.last_name, ct.position, co.name) OR "
                "instr(ct.first_name || ' ' || ct.last_name || ' ' || ct.position, ?) > 0",
                (value, value),
            ).fetchone()
        )
    finally:
        con.close()


def test_the_corpus_is_big_enough():
    assert len(CASES) + 1 >= 40  # + the million-row file below


@pytest.mark.parametrize("case", _params(CASES))
def test_hostile_file(case: Case, demo_db, tmp_path):
    path = _build(case, tmp_path)
    before = fingerprint(demo_db)
    try:
        result = import_path(path)
    except InputError as exc:
        message = exc.user_message()
        assert case.expect != "import", f"refused a file that should import: {message}"
        assert case.filename in message, message
        assert "Traceback" not in message and "\n" not in message.strip(), message
        if case.row and exc.row is None:
            assert "row" in message or "line" in message, message
        assert fingerprint(demo_db) == before, "a refused import changed the database"
        return
    assert case.expect != "refuse", f"imported a file that must be refused: {result!r}"
    assert integrity(demo_db) == "ok"
    if case.look_for:
        assert _stored(demo_db, case.look_for), f"{case.look_for!r} not stored"


PLAIN_WORDS_BUGS: dict[str, str] = {}  # entity bombs and XXE now get a plain refusal


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            c,
            id=c.name,
            marks=[pytest.mark.xfail(strict=True, reason=PLAIN_WORDS_BUGS[c.name])]
            if c.name in PLAIN_WORDS_BUGS
            else [],
        )
        for c in CASES
        if c.expect == "refuse"
    ],
)
def test_refusals_are_in_plain_words(case: Case, db, tmp_path):
    path = _build(case, tmp_path)
    with pytest.raises(InputError) as info:
        import_path(path)
    message = info.value.user_message()
    assert not RAW_EXCEPTION.search(message), f"not in plain words: {message}"


@pytest.mark.parametrize("case", _params([c for c in CASES if c.expect == "refuse"]))
def test_cli_refuses_with_one_line_and_exit_2(case: Case, demo_db, tmp_path, capsys):
    from crm.cli import main

    path = _build(case, tmp_path)
    before = fingerprint(demo_db)
    code = main(["--db", str(demo_db), "import", str(path)])
    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and case.filename in lines[0], err
    assert "Traceback" not in err
    assert fingerprint(demo_db) == before


def test_cli_in_a_real_process_prints_no_traceback(closed_db, tmp_path):
    from tests.reliability.conftest import run_cli

    picks = {"binary junk", "entity bomb in sheet", "password-protected xlsx (OLE2)", "empty"}
    for case in [c for c in CASES if c.name in picks]:
        folder = tmp_path / case.name.replace(" ", "_")
        folder.mkdir()
        path = folder / case.filename
        case.build(path)
        done = run_cli("--db", str(closed_db), "import", str(path))
        assert done.returncode == 2, (case.name, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert "Traceback" not in done.stderr
    assert count(closed_db, "contact") == 0


def test_a_cancelled_import_writes_nothing(demo_db, tmp_path):
    from bench.data import write_connections

    path = write_connections(tmp_path / "Connections.csv", 20_000)
    before = fingerprint(demo_db)
    calls = []

    def progress(done, total):
        calls.append(done)

    with pytest.raises(Cancelled):
        import_path(path, progress=progress, cancelled=lambda: len(calls) >= 1)
    assert fingerprint(demo_db) == before


def _hwm_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _rss_import(db_path, path) -> dict:
    """Import in a child; stop it as soon as its peak memory passes the bound (no need to
    wait a minute for a verdict that is already in)."""
    child = start_child("rss-import", str(db_path), str(path))
    first = child.stdout.readline().split()
    assert first[:1] == ["baseline"], child.stderr.read()[-2000:]
    baseline = float(first[1])
    deadline = time.monotonic() + 300
    while child.poll() is None and time.monotonic() < deadline:
        growth = _hwm_mb(child.pid) - baseline
        if growth > MB_BOUND:
            child.kill()
            child.communicate()
            return {"outcome": "stopped", "message": "", "growth_mb": growth}
        time.sleep(0.05)
    if child.poll() is None:
        child.kill()
    # read through the text buffer: readline() above may already hold the last line when
    # the child answered quickly (communicate() would read past it, from the raw pipe)
    out, err = child.stdout.read(), child.stderr.read()
    child.wait(timeout=10)
    assert child.returncode == 0, err[-2000:]
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(
            k,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_IMPORTER_BUGS[k])]
            if k in KNOWN_IMPORTER_BUGS
            else [],
        )
        for k in ("million rows", "zip bomb")
    ],
)
def test_huge_files_stay_within_bounded_memory(kind, closed_db, tmp_path):
    if kind == "million rows":
        path = tmp_path / "Connections.csv"
        million_rows(path)
    else:
        path = tmp_path / "Connections.xlsx"
        zip_bomb(path, 400)
    report = _rss_import(closed_db, path)
    assert report["growth_mb"] < MB_BOUND, report
    assert integrity(closed_db) == "ok"
    n = count(closed_db, "contact")
    if report["outcome"] == "refused":
        assert path.name in report["message"], report
        assert n == 0
    elif kind == "million rows":
        assert n == 1_000_000

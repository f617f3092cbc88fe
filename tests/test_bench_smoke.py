"""The benchmark suite keeps working: every job runs at 1,000 rows and yields numbers.

No timing assertions here (speed is checked by `make bench`); this only proves that each job
still drives the real code and fills its row of the table.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JOBS = (
    "import 1,000-row Connections.csv",
    "re-import the same 1,000-row file",
    "start → painted, empty db",
    "start → main window painted, 1,000 contacts",
    "search keystroke → rows shown, 1,000 contacts",
    "sort a column, 1,000 contacts",
    "export the report workbook, 1,000 contacts",
    "warm paths to a company, 1,000 contacts",
    "peak memory, 1,000 contacts loaded in the window",
)


def test_quick_bench_fills_every_row(tmp_path):
    out = tmp_path / "latest.json"
    doc = tmp_path / "benchmarks.md"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick", "--json", str(out), "--doc", str(doc)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    table = [ln for ln in done.stdout.splitlines() if ln.startswith("| ")]
    assert table[0].startswith("| job | Vouch | floor (same run) | peer (same run) | ratio")
    rows = json.loads(out.read_text())["rows"]
    for job in JOBS:
        matches = [r for r in rows if r["job"].startswith(job)]
        assert len(matches) == 1, f"{job}: {[r['job'] for r in rows]}"
        row = matches[0]
        assert not row["note"].startswith("failed"), row["note"]
        for key in ("vouch", "floor"):
            assert isinstance(row[key], float) and math.isfinite(row[key]) and row[key] > 0, row
        assert len(row["runs"]["vouch"]) >= 1
        assert any(ln.startswith(f"| {job}") for ln in table), job
    for job in ("import", "re-import", "export"):
        row = next(r for r in rows if r["job"].startswith(job))
        assert row["peer"] and row["peer"] > 0, row
    assert (
        "contacts written: 0" in next(r for r in rows if r["job"].startswith("re-import"))["note"]
    )
    assert "| job | Vouch |" in doc.read_text()

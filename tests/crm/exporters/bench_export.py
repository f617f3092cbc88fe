"""Benchmark: the report export against openpyxl write-only (floor) and pandas (peer).

    .venv/bin/python -m tests.crm.exporters.bench_export [--contacts 30000] [--runs 5]

Not collected by pytest (no test_ prefix). Builds a throwaway database with raw executemany,
then times, in the same run: export_report; a plain write-only workbook holding the same
cells (no styles, links, widths or charts); pandas DataFrame.to_excel of the same cells.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

FIRST = [
    "Ana",
    "Bo",
    "Carla",
    "Dev",
    "Eun",
    "Farid",
    "Gita",
    "Hugo",
    "Ines",
    "Jon",
    "Kemi",
    "Lars",
    "Mia",
    "Nils",
    "Omar",
    "Pia",
    "Raj",
    "Sara",
]
LAST = [
    "Berg",
    "Chen",
    "Diaz",
    "Evans",
    "Fofana",
    "Gupta",
    "Haddad",
    "Ito",
    "Jansen",
    "Kowal",
    "Lopez",
    "Moreau",
    "Ngata",
    "Osei",
]
ROLES = ("Engineer", "Product Manager", "Recruiter", "Designer", "Head of Data", "Analyst")


def build_db(path: Path, n: int, seed: int = 7) -> None:
    """A database with `n` contacts, ~n/4 companies, some interactions, referrals and jobs."""
    from crm.store.connection import open_database
    from crm.store.models import db

    rnd = random.Random(seed)
    open_database(path, backup=False)
    conn = db.connection()
    n_co = max(n // 4, 1)
    now = "2026-11-01 10:00:00"
    with db.atomic():
        conn.executemany(
            "INSERT INTO company (name, name_key, industry, website, is_target, priority, notes,"
            " created_at) VALUES (?, ?, '', '', ?, 0, '', ?)",
            [(f"Company {i}, Inc", f"company {i}", int(i % 50 == 0), now) for i in range(n_co)],
        )
        rows = []
        for i in range(n):
            f, la = rnd.choice(FIRST), rnd.choice(LAST)
            day = dt.date(2015, 1, 1) + dt.timedelta(days=rnd.randrange(4000))
            url = f"https://www.linkedin.com/in/{f.lower()}-{la.lower()}-{i}"
            email = f"{f}.{la}{i}@example.com".lower() if i % 30 == 0 else ""
            notes = "Met at the meetup; =follow up" if i % 100 == 0 else ""
            rows.append(
                (f, la, f"{f} {la}".lower(), email, email, url, url[8:], rnd.randrange(n_co) + 1,
                 rnd.choice(ROLES), day.isoformat(), "linkedin", i % 4, "identified", notes,
                 f"{f} {la}".lower(), now, now)
            )  # fmt: skip
        conn.executemany(
            "INSERT INTO contact (first_name, last_name, name_key, email, email_key, linkedin_url,"
            " url_key, company_id, position, connected_on, source, closeness, stage, notes,"
            " search_text, created_at, updated_at, phone, tags, archived)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'','',0)",
            rows,
        )
        conn.executemany(
            "INSERT INTO interaction (contact_id, kind, date, minutes, notes, resume_feedback,"
            " asked_to_recommend, answer, why_not, created_at)"
            " VALUES (?, ?, ?, 30, '', '', 0, '', '', ?)",
            [
                (rnd.randrange(n) + 1, rnd.choice(("meeting", "email", "call")),
                 (dt.date(2026, 10, 1) + dt.timedelta(days=rnd.randrange(50))).isoformat(), now)
                for _ in range(n // 15)
            ],
        )  # fmt: skip
        pairs = {(rnd.randrange(n) + 1, rnd.randrange(n) + 1) for _ in range(n // 30)}
        conn.executemany(
            "INSERT OR IGNORE INTO referral (from_contact_id, to_contact_id, status, intro_method,"
            " created_on, note) VALUES (?, ?, 'named', 'email', '2026-10-20', '')",
            [p for p in pairs if p[0] != p[1]],
        )
        conn.executemany(
            "INSERT INTO job (company_id, title, url, status, channel, perfect_fit, is_target,"
            " created_on, notes) VALUES (?, 'Data Engineer', '', 'applied', 'direct', 0, 0,"
            " '2026-10-15', '')",
            [(rnd.randrange(n_co) + 1,) for _ in range(200)],
        )


def plain_cells() -> dict[str, tuple[tuple, list[tuple]]]:
    """The same cells the report holds, as plain values (dates as date objects)."""
    from crm.exporters import report, summary
    from crm.exporters.table import DATE
    from crm.services.metrics import campaign

    out = {}
    for build in report.DATA_SHEETS.values():
        d = build()
        dates = [i for i, k in enumerate(d.kinds) if k == DATE]
        rows = []
        for r in d.rows:
            r = list(r)
            for i in dates:
                if r[i]:
                    r[i] = dt.date.fromisoformat(str(r[i])[:10])
            # An empty value is no cell in the report: the floor writes none either.
            rows.append(tuple(None if v == "" else v for v in r))
        out[d.title] = (d.headers, rows)
    out[summary.WEEKLY_TITLE] = (summary.WEEKLY_HEADERS, summary.weekly_rows(campaign()))
    return out


def floor_write_only(cells, path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for title, (headers, rows) in cells.items():
        ws = wb.create_sheet(title)
        ws.append(headers)
        for r in rows:
            ws.append(r)
    wb.save(path)


def peer_pandas(cells, path: Path) -> None:
    import pandas as pd

    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        for title, (headers, rows) in cells.items():
            pd.DataFrame(rows, columns=list(headers)).to_excel(xw, sheet_name=title, index=False)


def _timed(fn) -> float:
    """Wall seconds; CPU seconds are kept beside them (other processes skew wall time)."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    _cpu.append(time.process_time() - c0)
    return time.perf_counter() - t0


_cpu: list[float] = []


def interleaved(fns: dict, runs: dict) -> dict[str, float]:
    """Median seconds of each job, runs interleaved so that machine load hits all alike."""
    times: dict[str, list[float]] = {k: [] for k in fns}
    cpu: dict[str, list[float]] = {k: [] for k in fns}
    for i in range(max(runs.values())):
        for name, fn in fns.items():
            if i < runs[name]:
                times[name].append(_timed(fn))
                cpu[name].append(_cpu[-1])
    out = {k: statistics.median(v) for k, v in times.items()}
    out |= {f"{k}_cpu": statistics.median(v) for k, v in cpu.items()}
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--contacts", type=int, default=30_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pandas-runs", type=int, default=3)
    args = ap.parse_args(argv)

    from crm.exporters.report import export_report

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build_db(tmp / "big.db", args.contacts)
        cells = plain_cells()
        n_cells = sum(len(h) * (len(r) + 1) for h, r in cells.values())
        t = interleaved(
            {
                "ours": lambda: export_report(tmp / "report.xlsx"),
                "floor": lambda: floor_write_only(cells, tmp / "floor.xlsx"),
                "peer": lambda: peer_pandas(cells, tmp / "pandas.xlsx"),
            },
            {"ours": args.runs, "floor": args.runs, "peer": args.pandas_runs},
        )
        ours, floor, peer = t["ours"], t["floor"], t["peer"]
        result = {
            "contacts": args.contacts,
            "cells": n_cells,
            "export_report_s": round(ours, 3),
            "openpyxl_write_only_s": round(floor, 3),
            "pandas_to_excel_s": round(peer, 3),
            "ratio_to_floor": round(ours / floor, 3),
            "speedup_vs_pandas": round(peer / ours, 2),
            "cpu_s": {k[:-4]: round(v, 3) for k, v in t.items() if k.endswith("_cpu")},
            "cpu_ratio_to_floor": round(t["ours_cpu"] / t["floor_cpu"], 3),
            "cpu_speedup_vs_pandas": round(t["peer_cpu"] / t["ours_cpu"], 2),
            "targets": {"ratio_to_floor": "<= 1.2", "speedup_vs_pandas": ">= 2"},
        }
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()

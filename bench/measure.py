"""Timing helpers and the result table: medians of alternating runs, ratios, targets.

Vouch, the floor and the peer run in the same loop, their order flipped on every round, so
that a machine getting faster or slower over the run weighs on all three alike.
"""

from __future__ import annotations

import gc
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path


def timed(fn: Callable[[], object]) -> float:
    """Milliseconds spent in `fn()`, with the garbage collector settled first."""
    gc.collect()
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def alternate(reps: int, contenders: dict[str, Callable[[], float]]) -> dict[str, list[float]]:
    """Run every contender once per round (order flipped each round); each returns a value."""
    names = list(contenders)
    out: dict[str, list[float]] = {n: [] for n in names}
    for r in range(reps):
        for name in names if r % 2 == 0 else reversed(names):
            out[name].append(float(contenders[name]()))
    return out


@dataclass
class Row:
    job: str
    unit: str  # "ms" or "MB"
    vouch: float | None
    floor: float | None = None
    peer: float | None = None
    target: str = ""
    ok: bool | None = None
    note: str = ""
    runs: dict[str, list[float]] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.vouch is None or not self.floor:
            return None
        return self.vouch / self.floor


def row_from(
    job: str,
    runs: dict[str, list[float]],
    unit: str = "ms",
    check: Callable[[Row], tuple[str, bool]] | None = None,
    note: str = "",
) -> Row:
    med = {k: statistics.median(v) for k, v in runs.items() if v}
    row = Row(job, unit, med.get("vouch"), med.get("floor"), med.get("peer"), note=note, runs=runs)
    if check is not None:
        row.target, row.ok = check(row)
    return row


def failed(job: str, unit: str, exc: BaseException) -> Row:
    return Row(job, unit, None, note=f"failed: {type(exc).__name__}: {exc}"[:160], ok=False)


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:,.0f} MB"
    return f"{value:,.1f} ms" if value < 100 else f"{value:,.0f} ms"


def table(rows: list[Row]) -> str:
    """The Markdown table printed at the end and pasted into docs/benchmarks.md."""
    lines = [
        "| job | Vouch | floor (same run) | peer (same run) | ratio | target | ok |",
        "|---|---:|---:|---:|---:|---|:-:|",
    ]
    for r in rows:
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "—"
        ok = {True: "pass", False: "FAIL", None: ""}[r.ok]
        job = r.job + (f" ({r.note})" if r.note else "")
        lines.append(
            f"| {job} | {_fmt(r.vouch, r.unit)} | {_fmt(r.floor, r.unit)} | "
            f"{_fmt(r.peer, r.unit)} | {ratio} | {r.target} | {ok} |"
        )
    return "\n".join(lines)


def save_json(rows: list[Row], path: Path, meta: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "meta": meta,
        "rows": [{**asdict(r), "ratio": r.ratio} for r in rows],
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False))


# --- targets from performance.md ---------------------------------------------------------


def at_most(ms: float, ratio: float | None = None) -> Callable[[Row], tuple[str, bool]]:
    def check(r: Row) -> tuple[str, bool]:
        unit = r.unit
        text = f"≤ {ms:,.0f} {unit}" + (f", ≤ {ratio}x floor" if ratio else "")
        ok = r.vouch is not None and r.vouch <= ms
        if ratio is not None:
            ok = ok and r.ratio is not None and r.ratio <= ratio
        return text, ok

    return check


def export_check(r: Row) -> tuple[str, bool]:
    ok = (
        r.vouch is not None
        and r.ratio is not None
        and r.ratio <= 1.2
        and r.peer is not None
        and r.peer >= 2 * r.vouch
    )
    return "≤ 1.2x floor, ≥ 2x faster than peer", ok

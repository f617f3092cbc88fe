"""The non-Qt half of `vouch --smoke-test`: demo network, LinkedIn import, workbook export.

The smoke test proves that an installed or bundled Vouch carries every module and resource
it needs: each step imports what it uses at run time, the way the real app does, so a module
PyInstaller left out shows up here as a failed step with its name.
"""

from __future__ import annotations

import csv
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

LINKEDIN_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. You will only see email addresses for connections who allowed it."\n'
    "\n"
)
LINKEDIN_HEADER = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def write_linkedin_csv(path: Path, rows: int = 40) -> Path:
    """A small Connections.csv in LinkedIn's current shape (preamble, URL column)."""
    path = Path(path)
    firsts = ("Avery", "Jordan", "Noor", "Mateo", "Sasha", "Kenji", "Ines", "Tomas")
    lasts = ("Okafor", "Lindqvist", "Haddad", "Moreau", "Petrov", "Ito", "Silva", "Kowalski")
    companies = ("Smoke Test Ltd", "Acme Robotics", "Quill & Co", "Granite Labs, Inc.")
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(LINKEDIN_PREAMBLE)
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(LINKEDIN_HEADER)
        for i in range(rows):
            first, last = firsts[i % len(firsts)], lasts[(i // len(firsts)) % len(lasts)]
            slug = f"{first}-{last}-smoke-{i}".lower()
            email = f"{slug}@example.com" if i % 10 == 0 else ""
            date = f"{1 + i % 28:02d} {_MONTHS[i % 12]} {2020 + i % 5}"
            writer.writerow(
                [
                    first,
                    last,
                    f"https://www.linkedin.com/in/{slug}",
                    email,
                    companies[i % len(companies)],
                    "Engineer",
                    date,
                ]
            )
        writer.writerow(["", "", "", "", "", "", "02 Jun 2022"])  # a member who left
    return path


@dataclass
class StepResult:
    name: str
    ok: bool
    detail: str
    ms: float


@dataclass
class SmokeRun:
    """Runs named steps, prints one line each, and remembers which failed."""

    out: Callable[[str], None] = print
    results: list[StepResult] = field(default_factory=list)

    def step(self, name: str, func: Callable[[], object]) -> bool:
        start = time.perf_counter()
        try:
            detail = func()
            ok = True
        except Exception as exc:  # noqa: BLE001 - every failure is reported by step name
            log.exception("smoke step %r failed", name)
            detail = f"{type(exc).__name__}: {exc}"
            ok = False
        ms = (time.perf_counter() - start) * 1000
        text = "" if detail is None else str(detail)
        result = StepResult(name, ok, text, ms)
        self.results.append(result)
        mark = "ok  " if ok else "FAIL"
        self.out(f"{mark} {name:<28} {ms:7.0f} ms  {text}".rstrip())
        return ok

    @property
    def failed(self) -> list[str]:
        return [r.name for r in self.results if not r.ok]

    def summary(self) -> str:
        if self.failed:
            return f"smoke test FAILED at: {', '.join(self.failed)}"
        return f"smoke test passed: {len(self.results)} steps"


def open_database_step(db_path: Path) -> str:
    from crm.store.connection import open_database

    open_database(db_path, backup=False)
    return str(db_path)


def demo_step() -> str:
    from crm.demo import load_demo

    data = load_demo()
    return ", ".join(f"{v} {k}" for k, v in data.items())


def import_step(csv_path: Path) -> str:
    from crm.services.stats import counts

    try:
        from crm.importers.api import import_path
    except ImportError as exc:
        raise RuntimeError(f"the LinkedIn importer is missing ({exc})") from exc
    before = counts()["contacts"]
    result = import_path(csv_path)
    after = counts()["contacts"]
    if after <= before:
        raise RuntimeError(f"no contact was added from {csv_path.name} ({result!r})")
    return f"{after - before} contacts added from {csv_path.name}"


def export_step(out_path: Path) -> str:
    try:
        from crm.exporters.report import export_report
    except ImportError as exc:
        raise RuntimeError(f"the workbook exporter is missing ({exc})") from exc
    export_report(out_path)
    if not out_path.exists() or out_path.stat().st_size == 0:
        raise RuntimeError(f"{out_path.name} was not written")
    from openpyxl import load_workbook

    wb = load_workbook(out_path, read_only=True)
    sheets = list(wb.sheetnames)
    wb.close()
    return f"{out_path.name}: {out_path.stat().st_size // 1024} KB, sheets {', '.join(sheets)}"


def reimport_step(report: Path) -> str:
    """The report workbook read back (its Contacts sheet is recognised) through the fast
    workbook reader: the bundle carries python-calamine, and the round trip changes nothing."""
    from crm.importers.api import import_path
    from crm.importers.reader_calamine import open_fast

    book = open_fast(str(report))
    if book is None:
        raise RuntimeError(f"{report.name} was not read by python-calamine")
    book.close()
    result = import_path(report)
    if result.created or result.updated:
        raise RuntimeError(f"re-importing {report.name} changed contacts ({result!r})")
    return f"{report.name}: {result.unchanged} contacts read back, none changed"


def resources_step() -> str:
    from crm.paths import resource_path

    icon = resource_path("icons", "vouch.svg")
    if not icon.exists():
        raise RuntimeError(f"{icon} is missing")
    return str(icon.parent.parent)


def run_core_steps(run: SmokeRun, workdir: Path) -> None:
    """The steps that need no window, in order; later steps still run after a failure."""
    workdir = Path(workdir)
    db_path = workdir / "smoke.db"
    csv_path = write_linkedin_csv(workdir / "Connections.csv")
    run.step("resources", resources_step)
    if not run.step("open database", lambda: open_database_step(db_path)):
        return
    run.step("load demo network", demo_step)
    run.step("import LinkedIn file", lambda: import_step(csv_path))
    if run.step("export workbook", lambda: export_step(workdir / "report.xlsx")):
        run.step("re-import the workbook", lambda: reimport_step(workdir / "report.xlsx"))

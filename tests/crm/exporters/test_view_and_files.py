"""Export this view, the formula-injection guard, and where files may (not) be written."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from crm.errors import InputError
from crm.exporters import atomic, report
from crm.exporters.view import export_view
from tests.crm.exporters.conftest import INJECTIONS, formulas_in

HEADERS = ["Company", "People", "Target", "Added", "Website"]
ROWS = [
    ["Acme, Inc", 12, True, dt.date(2026, 11, 2), "https://acme.example/jobs"],
    ["Beta & Sons <UK>", 0, False, None, None],
    ["  spaced  ", 3.5, False, dt.date(2025, 1, 31), "https://beta.example"],
]


def cell_values(path: Path, sheet: str | None = None) -> list[list]:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_export_view_writes_exactly_the_rows_given(tmp_path):
    path = export_view(tmp_path / "companies.xlsx", "Companies", HEADERS, ROWS)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Companies"]
    ws = wb["Companies"]
    got = [list(r) for r in ws.iter_rows(values_only=True)]
    assert got[0] == HEADERS
    assert len(got) == 1 + len(ROWS)
    for want, row in zip(ROWS, got[1:], strict=True):
        row = [v.date() if isinstance(v, dt.datetime) else v for v in row]
        assert row == want
    assert ws["D2"].is_date
    assert ws["E2"].hyperlink.target == "https://acme.example/jobs"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:E4"


def test_export_view_of_an_empty_filter_keeps_the_header(tmp_path):
    path = export_view(tmp_path / "none", "Jobs: none match", ["Title", "Status"], [])
    assert path.name == "none.xlsx"
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Jobs  none match"]
    assert cell_values(path) == [["Title", "Status"]]


def test_every_formula_prefix_is_text_in_a_view(tmp_path):
    rows = [[text, f"note {i}"] for i, text in enumerate(INJECTIONS)]
    path = export_view(tmp_path / "v.xlsx", "Hostile", ["Name", "Note"], rows)
    ws = openpyxl.load_workbook(path).worksheets[0]
    for i, text in enumerate(INJECTIONS, start=2):
        cell = ws.cell(i, 1)
        assert cell.value == text
        assert cell.data_type == "s" and cell.quotePrefix
    assert formulas_in(path) == []


def test_control_characters_and_huge_cells_do_not_break_the_file(tmp_path):
    rows = [["bell\x07 and nul\x00 gone\uffff", "x" * 40_000, "🚀" * 20_000]]
    path = export_view(tmp_path / "v.xlsx", "Odd", ["A", "B", "C"], rows)
    a, b, c = cell_values(path)[1]
    assert a == "bell and nul gone"
    # at most 32,766 UTF-16 units (Excel's count; an emoji is two), so the file imports again
    assert len(b) == 32_766 and b.endswith("…")
    assert len(c.encode("utf-16-le")) // 2 <= 32_766 and c.endswith("…")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_read_only_folder_gives_a_plain_error_and_no_file(demo_db, tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root ignores permissions: make the folder refuse like one would

        def refuse(*args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    try:
        with pytest.raises(InputError) as err:
            report.export_report(folder / "report.xlsx")
        assert "not writable" in err.value.user_message()
        assert "report.xlsx" in err.value.user_message()
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_full_disk_gives_a_plain_error_and_keeps_the_old_file(demo_db, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "report.xlsx"
    target.write_bytes(b"old")

    def full(wb, path):
        Path(path).write_bytes(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(report, "save", full)
    with pytest.raises(InputError, match="the disk is full"):
        report.export_report(target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in out.iterdir()] == ["report.xlsx"]


def test_paths_that_cannot_be_written(tmp_path):
    with pytest.raises(InputError, match="folder does not exist"):
        export_view(tmp_path / "missing" / "x.xlsx", "T", ["A"], [])
    (tmp_path / "taken.xlsx").mkdir()
    with pytest.raises(InputError, match="a folder has that name"):
        export_view(tmp_path / "taken.xlsx", "T", ["A"], [])


def test_written_file_has_ordinary_permissions(tmp_path):
    path = export_view(tmp_path / "v.xlsx", "T", ["A"], [["x"]])
    assert path.stat().st_mode & 0o644 == 0o644


# --- the command line -------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("vouch-cli")
    return subprocess.run(
        [str(exe), *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_cli_export_writes_the_workbook(demo_db, tmp_path):
    out = tmp_path / "cli report.xlsx"
    done = _cli("--db", str(demo_db), "export", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == list(report.SHEET_ORDER)
    assert wb["Contacts"].max_row == 69


def test_cli_export_to_a_bad_path_exits_2_with_one_line(demo_db, tmp_path):
    done = _cli("--db", str(demo_db), "export", str(tmp_path / "nowhere" / "r.xlsx"))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "folder does not exist" in lines[0]
    assert not (tmp_path / "nowhere").exists()


# --- LibreOffice, when installed ----------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_every_sheet(hostile, tmp_path):
    path = report.export_report(tmp_path / "report.xlsx")
    out = tmp_path / "csv"
    # Filter options: comma, quote, UTF-8, ..., last token -1 = every sheet to its own file.
    fmt = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    env = {**os.environ, "HOME": str(tmp_path)}  # a fresh LibreOffice profile
    done = subprocess.run(
        [SOFFICE, "--headless", "--convert-to", fmt, "--outdir", str(out), str(path)],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    files = {p.name for p in out.iterdir()}
    for sheet in report.SHEET_ORDER:
        assert f"report-{sheet}.csv" in files
    with open(out / "report-Contacts.csv", encoding="utf-8", newline="") as fh:
        contacts = list(csv.reader(fh))
    assert contacts[0][:4] == ["First Name", "Last Name", "URL", "Email Address"]
    assert len(contacts) == 70  # header + 68 demo contacts + the hostile one
    hostile_row = next(r for r in contacts if r[0] == "=1+2")
    assert hostile_row[1] == "+SUM(A1)"  # shown as typed, not evaluated
    assert hostile_row[5] == "-2+3"


def test_sheet_names_and_link_targets_excel_accepts():
    from crm.exporters.cells import link_target
    from crm.exporters.table import sheet_title

    assert sheet_title("Jobs: interviewing / offer?") == "Jobs  interviewing   offer"
    assert sheet_title("History") == "History (view)"
    assert sheet_title("'quoted'") == "quoted"
    assert len(sheet_title("A very long view title that Excel would refuse")) == 31
    assert link_target("www.linkedin.com/in/ana") == "https://www.linkedin.com/in/ana"
    assert link_target("https://www.linkedin.com/in/jos%C3%A9") == (
        "https://www.linkedin.com/in/jos%C3%A9"
    )
    assert (
        link_target("https://www.linkedin.com/in/josé") == "https://www.linkedin.com/in/jos%C3%A9"
    )
    for not_a_link in ('=HYPERLINK("http://x")', "call me", "javascript:alert(1)", "x" * 3000):
        assert link_target(not_a_link) is None


def test_a_note_at_the_cell_limit_round_trips(demo_db, tmp_path):
    """A note longer than a cell is cut so that the workbook imports again."""
    from crm.importers.api import import_path
    from crm.store.connection import close_database, open_database
    from crm.store.models import Contact

    Contact.update(notes="n" * 40_000).where(Contact.id == Contact.select().first().id).execute()
    report.export_report(tmp_path / "long.xlsx")
    close_database()
    open_database(tmp_path / "empty.db", backup=False)
    result = import_path(tmp_path / "long.xlsx")
    assert result.created > 0 and not result.skipped
    assert max(len(c.notes) for c in Contact.select()) == 32_766


def test_a_channel_that_looks_like_a_formula_is_text_on_the_summary(demo_db, tmp_path):
    from crm.store.models import Job

    Job.create(title="x", status="applied", channel="=evil()")  # as a foreign backup may hold
    path = report.export_report(tmp_path / "r.xlsx")
    assert formulas_in(path) == []


def test_a_file_name_too_long_is_said_plainly(demo_db, tmp_path):
    from crm.exporters.atomic import ExportError

    with pytest.raises(ExportError, match="the file name is too long"):
        report.export_report(tmp_path / ("a" * 300 + ".xlsx"))


def test_hyperlinks_stop_at_what_excel_keeps_on_a_sheet(tmp_path, monkeypatch):
    from crm.exporters import cells

    monkeypatch.setattr(cells, "MAX_LINKS", 2)
    rows = [[f"https://www.linkedin.com/in/p{i}"] for i in range(4)]
    path = export_view(tmp_path / "v.xlsx", "Links", ["LinkedIn"], rows)
    ws = openpyxl.load_workbook(path).worksheets[0]
    linked = [ws.cell(r, 1).hyperlink is not None for r in range(2, 6)]
    assert linked == [True, True, False, False]
    assert ws.cell(5, 1).value == "https://www.linkedin.com/in/p3"


def test_a_terminated_cli_export_leaves_no_file_behind(demo_db, tmp_path):
    """`kill` (SIGTERM) during `vouch-cli export` ends it as Ctrl+C does: the temporary file
    is removed and no workbook appears under the target name."""
    import signal

    from crm.store.connection import close_database

    close_database()
    out = tmp_path / "out" / "report.xlsx"
    out.parent.mkdir()
    child_code = (
        "import sys, time\n"
        "from crm.exporters import report\n"
        "def slow_save(wb, path):\n"
        "    print('saving', flush=True)\n"
        "    time.sleep(30)\n"
        "report.save = slow_save\n"
        "from crm.cli import main\n"
        f"sys.exit(main(['--db', {str(demo_db)!r}, 'export', {str(out)!r}]))\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", child_code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    try:
        assert child.stdout.readline().strip() == "saving"
        assert [p.name for p in out.parent.iterdir()]  # the temporary file exists now
        child.send_signal(signal.SIGTERM)
        code = child.wait(timeout=30)
    finally:
        child.kill()
        child.stdout.close()
        child.stderr.close()
    assert code != 0
    assert list(out.parent.iterdir()) == []

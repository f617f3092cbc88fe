"""File > Export report… and Export this view, driven as a user would (dialogs patched)."""

from __future__ import annotations

import datetime as dt
import re
import time

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from crm.errors import Cancelled
from ui.dialogs import export


@pytest.fixture
def parent(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def save_as(monkeypatch):
    """QFileDialog.getSaveFileName answers with `answer[0]`; records what it was offered."""
    offered: list[str] = []
    answer: list[str] = [""]

    def fake(parent, caption, start, filters):
        offered.append(start)
        return answer[0], filters

    monkeypatch.setattr(export.QFileDialog, "getSaveFileName", staticmethod(fake))
    return offered, answer


@pytest.fixture
def opened(monkeypatch):
    urls = []
    monkeypatch.setattr(export.QDesktopServices, "openUrl", staticmethod(urls.append))
    return urls


def message(qtbot, parent, name: str) -> QMessageBox:
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, name) is not None, timeout=20_000)
    box = parent.findChild(QMessageBox, name)
    qtbot.waitUntil(box.isVisible)
    return box


def test_export_report_writes_the_file_and_opens_its_folder(
    qtbot, parent, demo_db, tmp_path, save_as, opened
):
    from ui.session import Session

    offered, answer = save_as
    answer[0] = str(tmp_path / "my report")  # no extension typed
    export.export_report(parent, Session(demo_db))

    box = message(qtbot, parent, "exportDone")
    written = tmp_path / "my report.xlsx"
    assert written.exists()
    assert box.text() == "Saved my report.xlsx"
    assert box.informativeText() == str(written)
    assert re.search(r"Vouch report \d{4}-\d{2}-\d{2}\.xlsx$", offered[0])
    wb = openpyxl.load_workbook(written)
    assert "Contacts" in wb.sheetnames and wb["Contacts"].max_row == 69

    button = next(b for b in box.findChildren(QPushButton) if b.text() == "Open folder")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str(tmp_path)]


def test_cancelling_the_save_dialog_writes_nothing(qtbot, parent, demo_db, tmp_path, save_as):
    from ui.session import Session

    offered, _answer = save_as  # answers "" as the dialog's Cancel does
    export.export_report(parent, Session(demo_db))
    assert len(offered) == 1, "the save dialog was offered"
    qtbot.wait(50)
    assert parent.findChild(QMessageBox) is None
    assert not list(tmp_path.glob("*.xlsx"))


def test_export_view_writes_the_rows_shown(qtbot, parent, tmp_path, save_as, opened):
    offered, answer = save_as
    answer[0] = str(tmp_path / "jobs.xlsx")
    rows = [["Data Engineer", "applied", QDate(2026, 11, 3)], ["Analyst", "=cmd", QDate()]]
    days = {dt.date.today().isoformat()}
    export.export_view(parent, "Jobs", ["Title", "Status", "Applied"], rows)
    days.add(dt.date.today().isoformat())  # the clock may pass midnight meanwhile

    message(qtbot, parent, "exportDone")
    assert any(offered[0].endswith(f"Jobs {day}.xlsx") for day in days), offered
    ws = openpyxl.load_workbook(tmp_path / "jobs.xlsx")["Jobs"]
    got = [list(r) for r in ws.iter_rows(values_only=True)]
    assert got == [
        ["Title", "Status", "Applied"],
        ["Data Engineer", "applied", dt.datetime(2026, 11, 3)],
        ["Analyst", "=cmd", None],
    ]
    assert ws["B3"].data_type == "s"
    assert ws["B3"].quotePrefix  # stays text when the user edits the cell in Excel
    assert not ws["B2"].quotePrefix


def test_an_unwritable_place_is_explained_in_plain_words(qtbot, parent, tmp_path, save_as):
    _, answer = save_as
    answer[0] = str(tmp_path / "gone" / "view.xlsx")
    export.export_view(parent, "Contacts", ["Name"], [["Ana"]])

    box = message(qtbot, parent, "exportError")
    assert box.text() == "The export could not be written."
    assert "the folder does not exist" in box.informativeText()
    assert "Traceback" not in box.informativeText()


def test_cancel_in_the_progress_dialog_stops_the_export(
    qtbot, parent, demo_db, tmp_path, save_as, monkeypatch
):
    import crm.exporters.report as report
    from ui.session import Session

    def slow(out_path, *, progress=None, cancelled=None, today=None):
        for _ in range(3000):  # at most 30 s: a test that fails must not hang the run
            if cancelled():
                break
            progress(1, 10)
            time.sleep(0.01)
        raise Cancelled("Export cancelled: no file was written")

    monkeypatch.setattr(report, "export_report", slow)
    _, answer = save_as
    answer[0] = str(tmp_path / "never.xlsx")
    export.export_report(parent, Session(demo_db))

    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in parent.findChildren(QProgressDialog)), timeout=5000
    )
    dialog = next(d for d in parent.findChildren(QProgressDialog) if d.isVisible())
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    box = message(qtbot, parent, "exportError")
    assert box.text() == "Export cancelled: no file was written."
    assert not (tmp_path / "never.xlsx").exists()

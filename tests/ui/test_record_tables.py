"""What the Companies and Jobs pages share (ui/views/record_table.py), driven on both."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from crm.store.models import Company, Job
from ui import session as kinds
from ui.models import companies as cm
from ui.models import jobs as jm


@pytest.fixture
def session(demo_db):
    from ui.session import Session

    return Session(demo_db)


def _show(qtbot, view):
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def companies(qtbot, session):
    from ui.views.companies import CompaniesView

    return _show(qtbot, CompaniesView(session))


@pytest.fixture
def jobs(qtbot, session):
    from ui.views.jobs import JobsView

    return _show(qtbot, JobsView(session))


def _row(view, column: int, text: str) -> int:
    for r in range(view.model.rowCount()):
        if view.model.index(r, column).data() == text:
            return r
    raise AssertionError(f"{text!r} not shown")


def _click(qtbot, view, row: int, column: int) -> None:
    rect = view.table.visualRect(view.model.index(row, column))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _menu_texts(view, row: int, column: int) -> list[str]:
    """Right-click the cell; read the menu that pops up, then close it."""
    seen: list[str] = []

    def read_and_close():
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen.extend(a.text() for a in menu.actions() if not a.isSeparator())
            menu.close()
        else:  # not shown yet: look again
            QTimer.singleShot(10, read_and_close)

    QTimer.singleShot(0, read_and_close)
    pos = view.table.visualRect(view.model.index(row, column)).center()
    view.table.customContextMenuRequested.emit(pos)
    return seen


def test_record_buttons_follow_the_selection(qtbot, companies, jobs):
    assert not companies.edit_button.isEnabled() and not companies.paths_button.isEnabled()
    assert not jobs.edit_button.isEnabled() and not jobs.delete_button.isEnabled()
    name = companies.model.index(0, cm.COL_NAME).data()
    _click(qtbot, companies, 0, cm.COL_NAME)
    assert companies.edit_button.isEnabled() and companies.paths_button.isEnabled()
    assert companies.selected_row().name == name
    _click(qtbot, jobs, 0, jm.COL_TITLE)
    assert jobs.edit_button.isEnabled() and jobs.delete_button.isEnabled()


def test_the_selection_survives_a_change_elsewhere(qtbot, companies, session):
    name = companies.model.index(2, cm.COL_NAME).data()
    _click(qtbot, companies, 2, cm.COL_NAME)
    company = Company.get(Company.name == name)
    Company.update(industry="Robotics").where(Company.id == company.id).execute()
    session.notify(kinds.COMPANIES)  # another page wrote: the visible page reloads
    assert companies.selected_id() == company.id
    assert companies.table.currentIndex().data() == name


def test_return_edits_the_selected_company(qtbot, companies, monkeypatch):
    opened: list[int | None] = []
    monkeypatch.setattr(
        "ui.views.companies.edit_company",
        lambda _parent, _session, record_id=None: opened.append(record_id) or record_id,
    )
    _click(qtbot, companies, 1, cm.COL_NAME)
    wanted = companies.selected_id()
    qtbot.keyClick(companies.table, Qt.Key.Key_Return)
    assert opened == [wanted]
    assert companies.selected_id() == wanted  # still selected after the edit


def test_new_selects_what_the_dialog_saved(qtbot, jobs, monkeypatch):
    def fake_dialog(_parent, session, record_id=None):
        job = Job.create(title="Staff Engineer", status="interested", channel="direct")
        session.notify(kinds.JOBS)  # as the job dialog does when it saves
        return job.id

    monkeypatch.setattr("ui.views.jobs.edit_job", fake_dialog)
    qtbot.mouseClick(jobs.new_button, Qt.MouseButton.LeftButton)
    assert jobs.table.currentIndex().siblingAtColumn(jm.COL_TITLE).data() == "Staff Engineer"


def test_delete_key_removes_the_selected_job(qtbot, jobs, monkeypatch):
    asked: list[str] = []

    def answer(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    row = _row(jobs, jm.COL_TITLE, "Principal PM")
    _click(qtbot, jobs, row, jm.COL_TITLE)
    qtbot.keyClick(jobs.table, Qt.Key.Key_Delete)
    assert asked and "Principal PM" in asked[0]
    assert Job.get_or_none(Job.title == "Principal PM") is None
    titles = [jobs.model.index(r, jm.COL_TITLE).data() for r in range(jobs.model.rowCount())]
    assert "Principal PM" not in titles


def test_right_click_menus_act_on_the_clicked_record(qtbot, companies, jobs):
    texts = _menu_texts(companies, 3, cm.COL_NAME)
    assert companies.table.currentIndex().row() == 3
    assert texts[:3] == ["Edit company…", "Warm paths", "Open the website"]
    assert texts[3] in ("Make a network target", "Remove from network targets")
    texts = _menu_texts(jobs, 0, jm.COL_TITLE)
    assert texts[:2] == ["Edit job…", "Open the job posting"]
    assert "Move to" in texts and texts[-1] == "Delete job"

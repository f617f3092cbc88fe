"""What the Companies and Jobs pages share (ui/views/record_table.py), driven on both."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from crm.services.companies import company_rows
from crm.services.job_rows import job_rows
from crm.store.models import Company, Contact, Job
from tests.ui.conftest import choose_in_cell_editor
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


# --- sorting and filtering (ui/models/arranged.py): header clicks, the order a user sees, and
# what the selection does when the rows move


def _column(view, col: int, role=Qt.ItemDataRole.DisplayRole) -> list:
    return [view.model.index(r, col).data(role) for r in range(view.model.rowCount())]


def _click_header(qtbot, view, col: int) -> None:
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def _select(qtbot, view, col: int, text: str) -> None:
    """Click the row whose `col` reads `text`."""
    row = _column(view, col).index(text)
    view.table.scrollTo(view.model.index(row, col))
    _click(qtbot, view, row, col)
    assert view.table.currentIndex().row() == row


def test_companies_open_targets_first_by_priority(companies):
    priorities = _column(companies, cm.COL_PRIORITY)
    targets = [r for r in company_rows() if r.is_target]
    assert priorities[: len(targets)] == sorted(
        priorities[: len(targets)], key=["High", "Medium", "Low"].index
    )
    assert set(_column(companies, cm.COL_NAME)[: len(targets)]) == {r.name for r in targets}


def test_header_clicks_sort_people_both_ways_and_the_selection_follows(qtbot, companies):
    _select(qtbot, companies, cm.COL_NAME, "Acme Robotics")
    _click_header(qtbot, companies, cm.COL_PEOPLE)
    people = [int(v) if v != "—" else 0 for v in _column(companies, cm.COL_PEOPLE)]
    assert people == sorted(people)
    assert companies.table.horizontalHeader().sortIndicatorSection() == cm.COL_PEOPLE
    assert companies.selected_row().name == "Acme Robotics"

    _click_header(qtbot, companies, cm.COL_PEOPLE)
    people = [int(v) if v != "—" else 0 for v in _column(companies, cm.COL_PEOPLE)]
    assert people == sorted(people, reverse=True) and people[0] > people[-1]
    assert companies.selected_row().name == "Acme Robotics"
    current = companies.table.currentIndex()
    assert current.data() == "Acme Robotics"


def test_names_sort_without_case_and_a_search_keeps_the_order(qtbot, companies):
    Company.create(name="aardvark labs", name_key="aardvark labs")
    companies.reload()
    _click_header(qtbot, companies, cm.COL_NAME)
    names = _column(companies, cm.COL_NAME)
    assert names == sorted(names, key=str.casefold)
    assert names[0] == "aardvark labs"

    qtbot.keyClicks(companies.search, "a")
    narrowed = _column(companies, cm.COL_NAME)
    assert 0 < len(narrowed) < len(names) + 1
    assert narrowed == sorted(narrowed, key=str.casefold)
    assert f"{len(names)} companies" in companies.summary.text()  # the total, not the shown


def test_sorting_by_shortest_path_puts_the_found_paths_first(qtbot, companies):
    Company.create(name="Nowhere Ltd", name_key="nowhere")  # nobody you know works there
    companies.reload()
    _click_header(qtbot, companies, cm.COL_PATH)
    # Paths not searched yet show "…" and are searched in the background, then take their
    # places: one hop before two, companies nobody leads to last.
    qtbot.waitUntil(lambda: "…" not in _column(companies, cm.COL_PATH), timeout=10_000)
    qtbot.waitUntil(
        lambda: (
            _column(companies, cm.COL_PATH, cm.SortRole)
            == sorted(_column(companies, cm.COL_PATH, cm.SortRole))
        ),
        timeout=5_000,
    )
    paths = _column(companies, cm.COL_PATH)
    found = [p for p in paths if p != "no path"]
    assert found and found[0].startswith("1 hop")
    assert paths == found + ["no path"] * (len(paths) - len(found))
    assert paths[-1] == "no path"
    assert _column(companies, cm.COL_NAME)[-1] == "Nowhere Ltd"


def test_targets_only_then_untick_a_target_and_it_leaves_the_list(qtbot, companies):
    qtbot.mouseClick(companies.targets_only, Qt.MouseButton.LeftButton)
    assert companies.targets_only.isChecked()
    targets = _column(companies, cm.COL_NAME)
    assert sorted(targets) == sorted(r.name for r in company_rows() if r.is_target)
    _click(qtbot, companies, targets.index("Acme Robotics"), cm.COL_TARGET)  # untick
    assert Company.get(Company.name == "Acme Robotics").is_target is False
    qtbot.waitUntil(lambda: "Acme Robotics" not in _column(companies, cm.COL_NAME))
    assert len(_column(companies, cm.COL_NAME)) == len(targets) - 1


def test_a_status_changed_in_place_leaves_the_open_filter(qtbot, jobs):
    jobs.status_filter.setCurrentIndex(jobs.status_filter.findText("Open"))
    before = _column(jobs, jm.COL_TITLE)
    assert "Product Manager" in before
    choose_in_cell_editor(qtbot, jobs, before.index("Product Manager"), jm.COL_STATUS, "Rejected")
    qtbot.waitUntil(lambda: "Product Manager" not in _column(jobs, jm.COL_TITLE))
    assert len(_column(jobs, jm.COL_TITLE)) == len(before) - 1
    assert f"{len(before) - 1} of {len(job_rows())} jobs shown" in jobs.summary.text()


def test_jobs_sort_by_status_in_pipeline_order_and_dates_with_blanks_last(qtbot, jobs):
    statuses = _column(jobs, jm.COL_STATUS, Qt.ItemDataRole.EditRole)
    assert statuses == sorted(
        statuses, key=jm.job_service.STATUSES.index
    )  # the page opens by status

    _click_header(qtbot, jobs, jm.COL_APPLIED)
    applied = _column(jobs, jm.COL_APPLIED)
    dated = [a for a in applied if a]
    assert dated == sorted(dated)
    assert applied == dated + [""] * (len(applied) - len(dated))
    assert all(dt.date.fromisoformat(a) for a in dated)


def test_a_change_elsewhere_keeps_the_sort_order(qtbot, companies, session):
    _click_header(qtbot, companies, cm.COL_NAME)
    _click_header(qtbot, companies, cm.COL_NAME)  # descending
    acme = Company.get(Company.name == "Acme Robotics")
    Contact.create(first_name="Zed", last_name="Newcomer", name_key="zed newcomer", company=acme)
    session.notify(kinds.CONTACTS)
    names = _column(companies, cm.COL_NAME)
    assert names == sorted(names, key=str.casefold, reverse=True)

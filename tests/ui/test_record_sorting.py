"""Sorting and filtering the Companies and Jobs pages: header clicks, the order a user sees,
and what the selection does when the rows move (ui/models/arranged.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox

from crm.services.companies import company_rows
from crm.services.job_rows import job_rows
from crm.store.models import Company, Contact
from ui.models import companies as cm
from ui.models import jobs as jm


@pytest.fixture
def session(demo_db):
    from ui.session import Session

    return Session(demo_db)


def _show(qtbot, view):
    qtbot.addWidget(view)
    view.resize(1400, 700)
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


def column(view, col: int, role=Qt.ItemDataRole.DisplayRole) -> list:
    return [view.model.index(r, col).data(role) for r in range(view.model.rowCount())]


def click_header(qtbot, view, col: int) -> None:
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def select(view, col: int, text: str) -> None:
    row = column(view, col).index(text)
    view.table.setCurrentIndex(view.model.index(row, col))


def test_companies_open_targets_first_by_priority(companies):
    priorities = column(companies, cm.COL_PRIORITY)
    targets = [r for r in company_rows() if r.is_target]
    assert priorities[: len(targets)] == sorted(
        priorities[: len(targets)], key=["High", "Medium", "Low"].index
    )
    assert set(column(companies, cm.COL_NAME)[: len(targets)]) == {r.name for r in targets}


def test_header_clicks_sort_people_both_ways_and_the_selection_follows(qtbot, companies):
    select(companies, cm.COL_NAME, "Acme Robotics")
    click_header(qtbot, companies, cm.COL_PEOPLE)
    people = [int(v) if v != "—" else 0 for v in column(companies, cm.COL_PEOPLE)]
    assert people == sorted(people)
    assert companies.table.horizontalHeader().sortIndicatorSection() == cm.COL_PEOPLE
    assert companies.selected_row().name == "Acme Robotics"

    click_header(qtbot, companies, cm.COL_PEOPLE)
    people = [int(v) if v != "—" else 0 for v in column(companies, cm.COL_PEOPLE)]
    assert people == sorted(people, reverse=True) and people[0] > people[-1]
    assert companies.selected_row().name == "Acme Robotics"
    current = companies.table.currentIndex()
    assert current.data() == "Acme Robotics"


def test_names_sort_without_case_and_a_search_keeps_the_order(qtbot, companies):
    Company.create(name="aardvark labs", name_key="aardvark labs")
    companies.reload()
    click_header(qtbot, companies, cm.COL_NAME)
    names = column(companies, cm.COL_NAME)
    assert names == sorted(names, key=str.casefold)
    assert names[0] == "aardvark labs"

    qtbot.keyClicks(companies.search, "a")
    narrowed = column(companies, cm.COL_NAME)
    assert 0 < len(narrowed) < len(names) + 1
    assert narrowed == sorted(narrowed, key=str.casefold)
    assert f"{len(names)} companies" in companies.summary.text()  # the total, not the shown


def test_sorting_by_shortest_path_puts_the_found_paths_first(qtbot, companies):
    Company.create(name="Nowhere Ltd", name_key="nowhere")  # nobody you know works there
    companies.reload()
    click_header(qtbot, companies, cm.COL_PATH)
    # Paths not searched yet show "…" and are searched in the background, then take their
    # places: one hop before two, companies nobody leads to last.
    qtbot.waitUntil(lambda: "…" not in column(companies, cm.COL_PATH), timeout=10_000)
    qtbot.waitUntil(
        lambda: (
            column(companies, cm.COL_PATH, cm.SortRole)
            == sorted(column(companies, cm.COL_PATH, cm.SortRole))
        ),
        timeout=5_000,
    )
    paths = column(companies, cm.COL_PATH)
    found = [p for p in paths if p != "no path"]
    assert found and found[0].startswith("1 hop")
    assert paths == found + ["no path"] * (len(paths) - len(found))
    assert paths[-1] == "no path"
    assert column(companies, cm.COL_NAME)[-1] == "Nowhere Ltd"


def test_targets_only_then_untick_a_target_and_it_leaves_the_list(qtbot, companies):
    companies.targets_only.setChecked(True)
    targets = column(companies, cm.COL_NAME)
    assert sorted(targets) == sorted(r.name for r in company_rows() if r.is_target)
    row = targets.index("Acme Robotics")
    index = companies.model.index(row, cm.COL_TARGET)
    companies.model.setData(index, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: "Acme Robotics" not in column(companies, cm.COL_NAME))
    assert len(column(companies, cm.COL_NAME)) == len(targets) - 1


def test_a_status_changed_in_place_leaves_the_open_filter(qtbot, jobs):
    jobs.status_filter.setCurrentIndex(jobs.status_filter.findText("Open"))
    before = column(jobs, jm.COL_TITLE)
    assert "Product Manager" in before
    row = before.index("Product Manager")
    index = jobs.model.index(row, jm.COL_STATUS)
    jobs.table.setCurrentIndex(index)
    rect = jobs.table.visualRect(index)
    qtbot.mouseClick(jobs.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: jobs.table.indexWidget(index) is not None)
    combo = jobs.table.indexWidget(index)
    assert isinstance(combo, QComboBox)
    i = combo.findText("Rejected")
    combo.setCurrentIndex(i)
    combo.activated.emit(i)
    qtbot.waitUntil(lambda: "Product Manager" not in column(jobs, jm.COL_TITLE))
    assert len(column(jobs, jm.COL_TITLE)) == len(before) - 1
    assert f"{len(before) - 1} of {len(job_rows())} jobs shown" in jobs.summary.text()


def test_jobs_sort_by_status_in_pipeline_order_and_dates_with_blanks_last(qtbot, jobs):
    statuses = column(jobs, jm.COL_STATUS, Qt.ItemDataRole.EditRole)
    assert statuses == sorted(
        statuses, key=jm.job_service.STATUSES.index
    )  # the page opens by status

    click_header(qtbot, jobs, jm.COL_APPLIED)
    applied = column(jobs, jm.COL_APPLIED)
    dated = [a for a in applied if a]
    assert dated == sorted(dated)
    assert applied == dated + [""] * (len(applied) - len(dated))
    assert all(dt.date.fromisoformat(a) for a in dated)


def test_a_change_elsewhere_keeps_the_sort_order(qtbot, companies, session):
    from ui import session as kinds

    click_header(qtbot, companies, cm.COL_NAME)
    click_header(qtbot, companies, cm.COL_NAME)  # descending
    acme = Company.get(Company.name == "Acme Robotics")
    Contact.create(first_name="Zed", last_name="Newcomer", name_key="zed newcomer", company=acme)
    session.notify(kinds.CONTACTS)
    names = column(companies, cm.COL_NAME)
    assert names == sorted(names, key=str.casefold, reverse=True)

"""Companies view: the target tick box and priority edit in place, search, warm paths, dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from crm.services.companies import company_rows
from crm.store.models import Company
from tests.ui.conftest import choose_in_cell_editor
from ui.models import companies as m


@pytest.fixture
def session(demo_db):
    from ui.session import Session

    return Session(demo_db)


@pytest.fixture
def view(qtbot, session):
    from ui.views.companies import CompaniesView

    v = CompaniesView(session)
    qtbot.addWidget(v)
    v.resize(1200, 600)
    v.show()
    qtbot.waitExposed(v)
    return v


def shown_row(view, name: str) -> int:
    for r in range(view.model.rowCount()):
        if view.model.index(r, m.COL_NAME).data() == name:
            return r
    raise AssertionError(f"{name!r} not shown")


def shown(view) -> list[str]:
    return [view.model.index(r, m.COL_NAME).data() for r in range(view.model.rowCount())]


def click_cell(qtbot, view, row: int, col: int) -> None:
    rect = view.table.visualRect(view.model.index(row, col))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_lists_companies_with_people_vouchers_jobs_and_paths(qtbot, view):
    assert len(shown(view)) == len(company_rows())
    row = shown_row(view, "Acme Robotics")
    assert view.model.index(row, m.COL_TARGET).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    assert view.model.index(row, m.COL_PRIORITY).data() == "High"
    assert view.model.index(row, m.COL_JOBS).data() == "2"
    # Target companies have their shortest warm path computed up front.
    assert "hop" in view.model.index(row, m.COL_PATH).data()
    assert "4 network targets" in view.summary.text()


def test_ticking_target_changes_the_database_and_the_view(qtbot, view):
    row = shown_row(view, "Bluepeak Software")
    index = view.model.index(row, m.COL_TARGET)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    click_cell(qtbot, view, row, m.COL_TARGET)
    assert Company.get(Company.name == "Bluepeak Software").is_target is True
    row = shown_row(view, "Bluepeak Software")
    assert view.model.index(row, m.COL_TARGET).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    assert "5 network targets" in view.summary.text()
    # And back off again.
    click_cell(qtbot, view, row, m.COL_TARGET)
    assert Company.get(Company.name == "Bluepeak Software").is_target is False
    assert "4 network targets" in view.summary.text()


def test_priority_is_chosen_in_place(qtbot, view):
    choose_in_cell_editor(qtbot, view, shown_row(view, "Kestrel Bank"), m.COL_PRIORITY, "High")
    assert Company.get(Company.name == "Kestrel Bank").priority == 1
    assert view.model.index(shown_row(view, "Kestrel Bank"), m.COL_PRIORITY).data() == "High"


def test_search_and_targets_only_filter_and_export_what_is_shown(qtbot, view):
    qtbot.keyClicks(view.search, "bank")
    assert shown(view) == ["Kestrel Bank"]
    title, headers, rows = view.visible_rows()
    assert title == "Companies" and headers[m.COL_NAME] == "Company"
    assert len(rows) == 1
    assert rows[0][m.COL_NAME] == "Kestrel Bank"
    assert rows[0][m.COL_TARGET] is True
    assert isinstance(rows[0][m.COL_PEOPLE], int)
    view.search.clear()
    qtbot.mouseClick(view.targets_only, Qt.MouseButton.LeftButton)
    assert sorted(shown(view)) == sorted(r.name for r in company_rows() if r.is_target)


def test_warm_paths_without_a_network_view_explains_the_best_path(qtbot, view, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(a[1:3]))
    asked = []
    view.warm_paths_requested.connect(asked.append)
    click_cell(qtbot, view, shown_row(view, "Lumen Health"), m.COL_NAME)
    qtbot.mouseClick(view.paths_button, Qt.MouseButton.LeftButton)
    lumen = Company.get(Company.name == "Lumen Health")
    assert asked == [lumen.id]
    assert said and said[0][0] == "Warm path to Lumen Health"
    assert said[0][1].startswith("Me → ")


def test_company_dialog_validates_and_saves(qtbot, session):
    from ui.dialogs.company import CompanyDialog

    changed = []
    session.changed.connect(changed.append)
    dialog = CompanyDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    qtbot.keyClicks(dialog.name, "acme robotics")
    assert not save.isEnabled()
    assert "already exists" in dialog.name_error.text()
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Zephyr Labs")
    qtbot.keyClicks(dialog.website, "zephyr labs dot com")
    assert not save.isEnabled()
    assert "web address" in dialog.website_error.text()
    dialog.website.clear()
    qtbot.keyClicks(dialog.website, "https://zephyr.example")
    qtbot.keyClicks(dialog.industry, "Robotics")
    qtbot.mouseClick(dialog.target, Qt.MouseButton.LeftButton)
    assert dialog.target.isChecked()
    dialog.priority.setCurrentIndex(dialog.priority.findText("Medium"))
    assert save.isEnabled()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    company = Company.get(Company.name == "Zephyr Labs")
    assert (company.industry, company.website) == ("Robotics", "https://zephyr.example")
    assert company.is_target and company.priority == 2
    assert dialog.record_id == company.id
    assert changed


def test_company_dialog_edits_an_existing_company(qtbot, view, session):
    from ui.dialogs.company import CompanyDialog

    acme = Company.get(Company.name == "Acme Robotics")
    dialog = CompanyDialog(session, acme.id)
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "Acme Robotics"
    assert dialog.target.isChecked()
    assert dialog.name_error.isHidden(), "its own name is not a duplicate"
    dialog.industry.selectAll()
    qtbot.keyClicks(dialog.industry, "Industrial robots")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert Company.get_by_id(acme.id).industry == "Industrial robots"
    # The view heard about it and shows the new industry.
    row = shown_row(view, "Acme Robotics")
    assert view.model.index(row, m.COL_INDUSTRY).data() == "Industrial robots"


def test_warm_paths_hands_over_to_the_network_view_when_there_is_one(qtbot, session):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from ui.views.companies import CompaniesView

    class NetworkStub:
        def __init__(self):
            self.shown = []

        def show_company(self, company_id):
            self.shown.append(company_id)

    class Window(QWidget):
        def __init__(self):
            super().__init__()
            self.views = {"network": NetworkStub()}
            self.current = None
            self.page = CompaniesView(session)
            QVBoxLayout(self).addWidget(self.page)

        def show_view(self, name):
            self.current = name

    window = Window()
    qtbot.addWidget(window)
    window.show()
    view = window.page
    click_cell(qtbot, view, shown_row(view, "Acme Robotics"), m.COL_NAME)
    qtbot.mouseClick(view.paths_button, Qt.MouseButton.LeftButton)
    assert window.current == "network"
    assert window.views["network"].shown == [Company.get(Company.name == "Acme Robotics").id]


def test_target_tick_is_undoable(qtbot, view, session):
    row = shown_row(view, "Quill & Co")
    click_cell(qtbot, view, row, m.COL_TARGET)
    assert Company.get(Company.name == "Quill & Co").is_target is True
    session.undo_stack.undo()
    assert Company.get(Company.name == "Quill & Co").is_target is False
    index = view.model.index(shown_row(view, "Quill & Co"), m.COL_TARGET)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    session.undo_stack.redo()
    assert Company.get(Company.name == "Quill & Co").is_target is True

"""One name for one step: a company or a job is made a "network target" (the domain word)
and removed from the network targets, in the same words on Companies, Network and Jobs, in
their Edit > Undo entries, and wherever else a page mentions the targets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel

from crm.services.companies import find_company
from crm.store.models import Company, Job
from tests.ui.test_record_tables import _menu_texts
from tests.ui.test_wording_introduction import open_contact
from ui.main_window import MainWindow
from ui.models import companies as cm
from ui.models import jobs as jm
from ui.session import Session

MAKE, REMOVE = "Make a network target", "Remove from network targets"


@pytest.fixture
def win(qtbot, demo_db, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(Session(demo_db), settings)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def row_of(model, col: int, text: str) -> int:
    return next(r for r in range(model.rowCount()) if model.index(r, col).data() == text)


def click_cell(qtbot, view, row: int, col: int) -> None:
    index = view.model.index(row, col)
    view.table.scrollTo(index)
    pos = view.table.visualRect(index).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def target_entry(view, name: str) -> str:
    """The Companies row menu's entry that ticks or unticks the network target."""
    texts = _menu_texts(view, row_of(view.model, cm.COL_NAME, name), cm.COL_NAME)
    return next(t for t in texts if "network target" in t)


def test_companies_and_network_name_the_step_alike(qtbot, win):
    """Before: 'Make a network target' on Companies, 'Mark as target' on Network, and the
    undo entries 'Make X a target' / 'Mark X as target' / 'Unmark X as target'."""
    companies = win.show_view("companies")
    stack = win.session.undo_stack
    assert target_entry(companies, "Bluepeak Software") == MAKE
    win.show_network_for_company(find_company("Bluepeak Software").id)
    network = win.views["network"]
    assert network.target_button.text() == MAKE
    qtbot.mouseClick(network.target_button, Qt.MouseButton.LeftButton)
    assert Company.get(Company.name == "Bluepeak Software").is_target
    assert network.target_button.text() == REMOVE
    assert stack.undoText() == "Make Bluepeak Software a network target"
    qtbot.mouseClick(network.target_button, Qt.MouseButton.LeftButton)
    assert stack.undoText() == "Remove Bluepeak Software from network targets"

    companies = win.show_view("companies")
    assert target_entry(companies, "Acme Robotics") == REMOVE
    assert companies.targets_only.text() == "Network targets only"
    click_cell(
        qtbot, companies, row_of(companies.model, cm.COL_NAME, "Acme Robotics"), cm.COL_TARGET
    )
    assert not Company.get(Company.name == "Acme Robotics").is_target
    assert stack.undoText() == "Remove Acme Robotics from network targets"
    click_cell(
        qtbot, companies, row_of(companies.model, cm.COL_NAME, "Acme Robotics"), cm.COL_TARGET
    )
    assert stack.undoText() == "Make Acme Robotics a network target"
    assert "network target" in companies.summary.text()


def test_ticking_a_job_as_target_says_network_target_in_edit_undo(qtbot, win):
    """Before: 'Change target of Principal PM'."""
    jobs = win.show_view("jobs")
    was = Job.get(Job.title == "Principal PM").is_target
    click_cell(qtbot, jobs, row_of(jobs.model, jm.COL_TITLE, "Principal PM"), jm.COL_TARGET)
    assert Job.get(Job.title == "Principal PM").is_target is not was
    step = (
        "Remove Principal PM from network targets" if was else "Make Principal PM a network target"
    )
    assert win.session.undo_stack.undoText() == step


def test_the_other_pages_call_them_network_targets(qtbot, win):
    """Before: 'Target companies' (Contacts), 'reaches 3 targets' and 'Mark target
    companies' (Network), 'target company' (the graph's legend, the contact pane)."""
    contacts = win.show_view("contacts")
    assert contacts.quick_buttons["targets"].text() == "At network targets"
    assert contacts.quick_buttons["targets"].toolTip() == "People at your network targets"

    network = win.show_view("network")
    meet = [network.meet.item(i).text() for i in range(network.meet.count())]
    assert meet[0].startswith("Clara Kowalski — reaches 3 network targets (closeness 3)")
    one = [t for t in meet if "reaches 1 " in t]
    assert one and all("reaches 1 network target " in t for t in one)
    legend = " ".join(label.text() for label in network.panel.findChildren(QLabel))
    assert "at&nbsp;a&nbsp;network&nbsp;target" in legend
    Company.update(is_target=False).execute()
    network.reload()
    qtbot.waitUntil(lambda: network.meet.count() == 1)
    assert network.meet.item(0).text() == (
        "Make a few companies network targets to see who can lead you there."
    )

    Company.update(is_target=True).where(Company.name == "Acme Robotics").execute()
    win.session.notify()
    contacts = win.show_view("contacts")
    open_contact(qtbot, contacts, "Maren Quinlan")  # works at Acme Robotics
    assert contacts.detail.subtitle.text().endswith("at Acme Robotics · network target")


def test_the_short_target_columns_name_the_network_target_on_hover(qtbot, win):
    """'Target' is all a 64-pixel column holds: its header's tooltip says it in full."""
    for name, col in (("companies", cm.COL_TARGET), ("jobs", jm.COL_TARGET)):
        view = win.show_view(name)
        header = view.table.horizontalHeader()
        model = header.model()
        assert model.headerData(col, Qt.Orientation.Horizontal) == "Target"
        tip = model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert tip.startswith("Network target: tick to work backwards from the ")


def test_the_goals_button_does_not_call_the_size_goal_a_network_target(qtbot, win):
    metrics = win.show_view("metrics")
    tip = metrics.goals_button.toolTip()
    assert "network size goal" in tip and "network target" not in tip

"""Polish: a 90-character name or company, and the pages after a resize while hidden."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from crm.services.companies import get_or_create_company, set_target
from crm.services.contacts import create_contact
from crm.services.graph_layout import Node
from ui.main_window import MainWindow
from ui.models.followups import COL_PERSON
from ui.session import Session
from ui.widgets.contact_detail import ContactDetail, degree_words
from ui.widgets.network_graph import LABEL_WIDTH, NodeItem

LONG_COMPANY = (
    "The International Consolidated Holding Company for Renewable Energy Infrastructure "
    "GmbH & Co. KG"
)
LONG_NAME = ("Maximiliana-Alexandrina Konstantinopoulou", "von Hohenzollern-Sigmaringen")


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def make_window(qtbot, path, tmp_path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(Session(path), settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_a_long_name_is_cut_in_the_graph_and_whole_in_its_tooltip(qapp):
    """Before: the graph's Fit zoomed out until a 90-character name fitted beside its node,
    leaving the other 40 people a dot in the middle of an empty panel."""
    name = " ".join(LONG_NAME)
    item = NodeItem(Node(5, name, LONG_COMPANY, 3, True, 1, 10.0, 0.0))
    assert item.label.text().endswith("…")
    assert item.label.boundingRect().width() <= LABEL_WIDTH + 2
    assert item.toolTip().startswith(name)
    short = NodeItem(Node(6, "Clara Kowalski", "Orchid Media", 3, False, 1, 10.0, 0.0))
    assert short.label.text() == "Clara Kowalski"


def test_network_picker_shows_the_start_of_a_long_company(qtbot, demo_db, tmp_path):
    """Before: the picker showed 'mpany for Renewable Energy Infrastructure GmbH & Co. KG'."""
    company = get_or_create_company(LONG_COMPANY)
    set_target(company.id, True, 1)
    create_contact(*LONG_NAME, company=LONG_COMPANY, closeness=3)
    win = make_window(qtbot, demo_db, tmp_path)
    win.resize(1024, 640)
    win.show_network_for_company(company.id)
    settle()
    editor = win.views["network"].picker.lineEdit()
    assert LONG_COMPANY in editor.text()
    assert editor.cursorPosition() == 0
    assert win.width() == 1024


def test_degree_in_the_contact_pane_says_what_the_table_says(qtbot, demo_db):
    """Before: 'Degree 2 (links from you)' beside a table that says '2nd'."""
    assert degree_words(1) == "1st: you know them"
    assert degree_words(2) == "2nd: 2 links from you"
    assert degree_words(3) == "3rd: 3 links from you"
    person = create_contact("Sam", "Lee")
    pane = ContactDetail(Session(demo_db))
    qtbot.addWidget(pane)
    pane.show_contact(person.id, 2)
    assert "2nd: 2 links from you" in pane.browser.toPlainText()


def test_today_fits_its_names_after_the_window_grew_while_another_page_showed(
    qtbot, demo_db, tmp_path
):
    """Before: the column was fitted to the old, narrow width (the table's resize came
    before its viewport's), so names stayed cut at 1680 pixels."""
    win = make_window(qtbot, demo_db, tmp_path)
    win.resize(1024, 640)
    win.show_view("today")
    settle()
    win.show_view("contacts")
    win.resize(1680, 1050)
    settle()
    today = win.show_view("today")
    settle()
    table = today.followups.table
    assert table.horizontalHeader().sectionSize(COL_PERSON) >= table.sizeHintForColumn(COL_PERSON)


def test_contact_pane_subtitle_has_no_stray_separator(qtbot, demo_db):
    """Before: an archived contact with no position or company read '  ·  archived'."""
    from crm.services.contacts import archive_contact

    loner = create_contact("Ana", "García")
    archive_contact(loner.id)
    pane = ContactDetail(Session(demo_db))
    qtbot.addWidget(pane)
    pane.show_contact(loner.id)
    assert pane.subtitle.text() == "archived"
    worker = create_contact("Sam", "Lee", position="Recruiter", company=LONG_COMPANY)
    set_target(get_or_create_company(LONG_COMPANY).id, True, 1)
    pane.show_contact(worker.id)
    assert pane.subtitle.text() == f"Recruiter at {LONG_COMPANY} · network target"


def test_network_row_does_not_move_when_a_target_is_marked(qtbot, demo_db, tmp_path):
    """Before: 'Remove target' is wider than 'Mark as target', so marking a company a
    network target shrank the picker and moved the buttons beside it."""
    from PySide6.QtCore import Qt

    from crm.store.models import Company

    win = make_window(qtbot, demo_db, tmp_path)
    win.resize(1280, 800)
    company = Company.get(Company.name == "Bluepeak Software")  # not a target
    win.show_network_for_company(company.id)
    view = win.views["network"]
    settle()
    assert view.target_button.text() == "Make a network target"
    before = (view.picker.width(), view.target_button.geometry(), view.ask_button.x())
    qtbot.mouseClick(view.target_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.target_button.text() == "Remove from network targets")
    settle()
    assert (view.picker.width(), view.target_button.geometry(), view.ask_button.x()) == before

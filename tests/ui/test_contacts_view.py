"""The Contacts view driven like a user: search, quick filters, sort, detail, delete and undo."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from crm.services.contact_table import COL_COMPANY, COL_NAME
from crm.store.models import Contact
from ui.main_window import MainWindow
from ui.session import Session


@pytest.fixture
def window(qtbot, demo_db, tmp_path, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda *a: True)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(Session(demo_db), settings)
    qtbot.addWidget(win)
    win.show()
    win.show_view("contacts")
    qtbot.waitExposed(win)
    return win


def shown(view, column: int = COL_NAME) -> list[str]:
    model = view.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_typing_in_search_narrows_the_rows(window, qtbot):
    view = window.views["contacts"]
    everyone = shown(view)
    assert len(everyone) == Contact.select().where(~Contact.archived).count()
    qtbot.keyClicks(view.search, "harbor")
    companies = shown(view, COL_COMPANY)
    assert 0 < len(companies) < len(everyone)
    assert set(companies) == {"Harbor Analytics"}
    assert view.count_label.text() == f"{len(companies)} of {len(everyone)} contacts"
    qtbot.keyClicks(view.search, " zzzz")
    assert shown(view) == []
    assert "Select a contact" in view.detail.empty.text()
    view.search.clear()
    assert len(shown(view)) == len(everyone)


def test_the_tooltip_says_a_follow_up_is_due_only_when_it_is(window):
    view = window.views["contacts"]
    model = view.model
    tips = {
        model.index(r, COL_NAME).data(): model.index(r, COL_NAME).data(Qt.ItemDataRole.ToolTipRole)
        for r in range(model.rowCount())
    }
    today = dt.date.today()
    due = {
        c.full_name
        for c in Contact.select().where(~Contact.archived)
        if c.next_follow_up and c.next_follow_up <= today
    }
    assert due, "the demo network has follow-ups due"
    assert {name for name, tip in tips.items() if "Follow-up due since" in tip} == due


def test_clicking_a_header_sorts(window, qtbot):
    view = window.views["contacts"]
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(COL_COMPANY) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    companies = shown(view, COL_COMPANY)
    non_empty = [c for c in companies if c]
    assert non_empty == sorted(non_empty, key=str.casefold)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    companies = [c for c in shown(view, COL_COMPANY) if c]
    assert companies == sorted(companies, key=str.casefold, reverse=True)


def test_quick_filters_toggle(window, qtbot):
    from crm.store.models import Company, Referral

    view = window.views["contacts"]
    total = len(shown(view))
    active = Contact.select().where(~Contact.archived)
    namers = {r.from_contact_id for r in Referral.select().where(Referral.status != "potential")}
    vouchers = {c.full_name for c in active if c.closeness >= 3 or c.id in namers}
    at_targets = {c.full_name for c in active.join(Company).where(Company.is_target)}
    assert vouchers and at_targets and vouchers & at_targets != vouchers

    qtbot.mouseClick(view.quick_buttons["vouchers"], Qt.MouseButton.LeftButton)
    assert set(shown(view)) == vouchers and len(shown(view)) == len(vouchers)
    qtbot.mouseClick(view.quick_buttons["targets"], Qt.MouseButton.LeftButton)
    assert set(shown(view)) == vouchers & at_targets  # both filters apply
    qtbot.mouseClick(view.quick_buttons["vouchers"], Qt.MouseButton.LeftButton)
    assert set(shown(view)) == at_targets
    qtbot.mouseClick(view.quick_buttons["targets"], Qt.MouseButton.LeftButton)
    assert len(shown(view)) == total


def test_selecting_a_row_fills_the_detail_pane(window, qtbot):
    view = window.views["contacts"]
    qtbot.keyClicks(view.search, "harbor")
    rect = view.table.visualRect(view.model.index(0, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    name = view.model.index(0, COL_NAME).data()
    text = view.detail.text()
    assert name in text
    assert "Harbor Analytics" in text
    assert "Warm paths to them" in text and "Timeline" in text


def test_delete_then_undo_brings_the_contact_back(window, qtbot):
    view = window.views["contacts"]
    qtbot.keyClicks(view.search, "harbor")
    name = view.model.index(0, COL_NAME).data()
    before = len(shown(view))
    view.table.setFocus()
    window.actions.get("delete").trigger()
    assert name not in shown(view)
    assert len(shown(view)) == before - 1
    window.actions.get("undo").trigger()
    assert name in shown(view)
    assert len(shown(view)) == before
    window.actions.get("redo").trigger()
    assert name not in shown(view)


def test_contact_selected_signal_shows_the_contact(window, qtbot):
    window.show_view("today")
    view = window.views["contacts"]
    qtbot.keyClicks(view.search, "zzz-no-match")
    target = Contact.select().order_by(Contact.id.desc()).first()
    window.session.contact_selected.emit(target.id)
    assert window.current_view() is view
    assert view.current_contact_id() == target.id
    assert target.full_name in view.detail.text()


def test_archive_hides_the_contact_until_include_archived(window, qtbot):
    view = window.views["contacts"]
    name = view.model.index(0, COL_NAME).data()
    qtbot.mouseClick(view.detail.buttons["archive"], Qt.MouseButton.LeftButton)
    assert name not in shown(view)
    qtbot.mouseClick(view.quick_buttons["archived"], Qt.MouseButton.LeftButton)
    assert name in shown(view)


def test_visible_rows_for_export(window, qtbot):
    view = window.views["contacts"]
    qtbot.keyClicks(view.search, "harbor")
    title, headers, rows = view.visible_rows()
    assert title == "Contacts"
    assert headers[:2] == ["Name", "Company"]
    assert rows and all(r[1] == "Harbor Analytics" for r in rows)


def test_row_menu_offers_the_detail_actions_and_copies_details(window, qtbot):
    from PySide6.QtWidgets import QApplication

    view = window.views["contacts"]
    qtbot.keyClicks(view.search, "Dana Whitfield")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    menu = view.row_menu(0)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:3] == ["Edit…", "Log interaction…", "Log meeting…"]
    assert "Copy details" in texts and texts[-1] == "Delete"
    next(a for a in menu.actions() if a.text() == "Copy details").trigger()
    assert "Dana Whitfield" in QApplication.clipboard().text()


def test_export_this_view_writes_dates_as_dates(window, qtbot, tmp_path):
    import openpyxl

    from crm.exporters.view import export_view

    view = window.views["contacts"]
    title, headers, rows = view.visible_rows()
    path = export_view(tmp_path / "view.xlsx", title, headers, rows)
    ws = openpyxl.load_workbook(path).worksheets[0]
    last = headers.index("Last contact") + 1
    dates = [ws.cell(r, last).value for r in range(2, ws.max_row + 1) if ws.cell(r, last).value]
    assert dates and all(isinstance(d, dt.datetime) for d in dates)
    assert ws.cell(1, last).value == "Last contact"

"""Edit > Undo / Redo in the main window after steps that were saved before they were pushed:
an introduction asked for on the Network page, a contact edited, a company renamed.

The first redo QUndoStack runs on push must not apply the step a second time, later ones
must; a step that can no longer be taken back says so and leaves the stack.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox

from crm.services.contacts import delete_contact
from crm.services.network import paths_to_company
from crm.store.models import Contact, Referral
from tests.ui.test_main_window import make
from tests.ui.test_network_view import click_path, pick
from ui.dialogs import introduction as intro_module


@pytest.fixture
def told(monkeypatch):
    """Every warning shown, instead of blocking."""
    shown: list[str] = []

    def warning(_parent, _title, text, *args, **kwargs):
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


@pytest.fixture
def win(qtbot, demo_db, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = make(qtbot, demo_db, settings)
    w.activateWindow()  # for the shortcuts
    return w


def edit_action(win, label: str):
    """The Edit menu's action whose text starts with `label` (Undo, Redo)."""
    edit = next(a.menu() for a in win.menuBar().actions() if a.text() == "&Edit")
    return next(a for a in edit.actions() if a.text().replace("&", "").startswith(label))


def press(qtbot, win, sequence: str) -> None:
    """Type a shortcut such as Ctrl+Z on the window."""
    combo = QKeySequence(sequence)[0]
    qtbot.keyClick(win, combo.key(), combo.keyboardModifiers())


def open_network(qtbot, win):
    titles = [t for _n, t in win.view_titles()]
    row = next(i for i, (name, _t) in enumerate(win.view_titles()) if name == "network")
    item = win.nav.item(row)
    assert item.text() == titles[row]
    qtbot.mouseClick(
        win.nav.viewport(), Qt.MouseButton.LeftButton, pos=win.nav.visualItemRect(item).center()
    )
    view = win.current_view()
    assert view.name == "network"
    return view


def second_hop(qtbot, view, summary: str) -> str:
    """Click the path shown as `summary`, open it with the arrow key, read its second hop."""
    m = view.model
    row = next(r for r in range(m.rowCount()) if m.index(r, 0).data() == summary)
    parent = m.index(row, 0)
    click_path(qtbot, view, parent)
    qtbot.keyClick(view.tree, Qt.Key.Key_Right)
    return m.index(1, 4, parent).data()


def test_undo_and_redo_an_introduction_from_the_edit_menu_and_keys(qtbot, win, told, monkeypatch):
    opened = []
    monkeypatch.setattr(intro_module.QDesktopServices, "openUrl", opened.append)
    monkeypatch.setattr(
        intro_module.IntroductionDialog, "exec", lambda self: QDialog.DialogCode.Accepted
    )
    view = open_network(qtbot, win)
    pick(qtbot, view, "Acme Rob")
    path = next(p for p in paths_to_company("Acme Robotics") if p.length == 2)
    summary = path.summary()
    first, target = path.contact_ids
    assert "referral, named" in second_hop(qtbot, view, summary)
    assert not edit_action(win, "Undo").isEnabled()

    qtbot.mouseClick(view.ask_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    assert "referral, introduction requested" in second_hop(qtbot, view, summary)
    undo = edit_action(win, "Undo")
    assert undo.isEnabled()
    assert undo.text() == "&Undo Ask Clara Kowalski for an introduction"
    assert not edit_action(win, "Redo").isEnabled()
    follow_up = Contact.get_by_id(first).next_follow_up
    assert follow_up is not None

    press(qtbot, win, "Ctrl+Z")
    assert "referral, named" in second_hop(qtbot, view, summary)
    assert Contact.get_by_id(first).next_follow_up is None
    redo = edit_action(win, "Redo")
    assert redo.isEnabled()
    assert redo.text() == "&Redo Ask Clara Kowalski for an introduction"

    redo.trigger()  # Edit > Redo records the request again, with the same follow-up
    assert "referral, introduction requested" in second_hop(qtbot, view, summary)
    edge = Referral.get((Referral.from_contact == first) & (Referral.to_contact == target))
    assert edge.status == "intro_requested"
    assert Contact.get_by_id(first).next_follow_up == follow_up
    assert not edit_action(win, "Redo").isEnabled()

    edit_action(win, "Undo").trigger()
    assert "referral, named" in second_hop(qtbot, view, summary)
    press(qtbot, win, "Ctrl+Shift+Z")
    assert "referral, introduction requested" in second_hop(qtbot, view, summary)
    assert told == []
    assert len(opened) == 1  # undo and redo never send the email again


def test_a_contact_edit_that_can_no_longer_be_undone_says_so(qtbot, win, told):
    """Undo of an edit whose contact was deleted meanwhile: a message, and the step is gone."""
    from ui.undo import EditContactCommand

    clara = Contact.get(Contact.first_name == "Clara", Contact.last_name == "Kowalski")
    win.session.undo_stack.push(
        EditContactCommand(win.session, clara.id, {"position": "Old"}, {"position": "New"}, "X")
    )
    assert edit_action(win, "Undo").text() == "&Undo Edit X"
    delete_contact(clara.id)
    edit_action(win, "Undo").trigger()
    assert len(told) == 1 and told[0].startswith("“Edit X” cannot be undone now: ")
    assert not edit_action(win, "Undo").isEnabled()
    assert not edit_action(win, "Redo").isEnabled()


def test_a_company_change_that_can_no_longer_be_undone_says_so(qtbot, win, told):
    """Undo of a rename once another company has taken the old name: a message, no change."""
    from crm.services import companies
    from crm.services import record_history as history
    from crm.store.models import Company
    from ui.record_commands import push_company_change

    company = companies.create_company("Zed Analytics")
    before = history.company_snapshot(company.id)
    companies.update_company(company.id, name="Zed Labs")
    push_company_change(win.session, "Rename Zed Analytics", company.id, before)
    assert edit_action(win, "Undo").text() == "&Undo Rename Zed Analytics"
    companies.create_company("Zed Analytics")
    press(qtbot, win, "Ctrl+Z")
    assert len(told) == 1
    assert told[0].startswith("“Rename Zed Analytics” cannot be undone now: ")
    assert Company.get_by_id(company.id).name == "Zed Labs"
    assert not edit_action(win, "Undo").isEnabled()


def test_a_company_change_that_can_no_longer_be_redone_says_so(qtbot, win, told):
    """Redo of a rename once another company has taken the new name: the message says redo."""
    from crm.services import companies
    from crm.services import record_history as history
    from crm.store.models import Company
    from ui.record_commands import push_company_change

    company = companies.create_company("Zed Analytics")
    before = history.company_snapshot(company.id)
    companies.update_company(company.id, name="Zed Labs")
    push_company_change(win.session, "Rename Zed Analytics", company.id, before)
    press(qtbot, win, "Ctrl+Z")
    assert Company.get_by_id(company.id).name == "Zed Analytics"
    companies.create_company("Zed Labs")
    press(qtbot, win, "Ctrl+Shift+Z")
    assert len(told) == 1
    assert told[0].startswith("“Rename Zed Analytics” cannot be redone now: ")
    assert Company.get_by_id(company.id).name == "Zed Analytics"
    assert not edit_action(win, "Redo").isEnabled()


def test_a_partly_checked_cell_is_not_read_as_checked():
    from PySide6.QtCore import Qt

    from ui.models.rows import is_checked

    assert [is_checked(v) for v in (Qt.CheckState.Checked, 2, True)] == [True] * 3
    unchecked = (Qt.CheckState.PartiallyChecked, 1, Qt.CheckState.Unchecked, 0, False, None)
    assert [is_checked(v) for v in unchecked] == [False] * 6

"""The contact pane asks for an introduction as the Network page does: the editable draft
first, naming who is asked and who to, recorded only when the user sends it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from crm.services.contact_table import COL_NAME
from crm.services.network import paths_to_contact
from crm.store.models import Contact, Referral
from ui.dialogs.introduction import IntroductionDialog


@pytest.fixture
def window(contacts_window):
    return contacts_window


def open_contact(qtbot, view, name: str) -> None:
    """Search for `name` and click its row, as a user would."""
    qtbot.keyClicks(view.search, name)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    rect = view.table.visualRect(view.model.index(0, COL_NAME))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.detail.title.text() == name


def on_next_dialog(finish):
    """Run `finish(dialog)` on the next modal dialog once it is open."""
    seen: list = []

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poll)
            return
        seen.append(dialog)
        finish(dialog)

    QTimer.singleShot(0, poll)
    return seen


def beatriz_path():
    beatriz = Contact.get(Contact.first_name == "Beatriz", Contact.last_name == "Park")
    path = next(p for p in paths_to_contact(beatriz.id, limit=5) if p.length >= 2)
    return beatriz, path


def edge_state(path):
    first, second = path.contact_ids[:2]
    edge = Referral.get_or_none((Referral.from_contact == first) & (Referral.to_contact == second))
    return (
        None if edge is None else (edge.status, edge.requested_on),
        Contact.get_by_id(first).next_follow_up,
    )


def test_the_contact_pane_shows_the_draft_and_cancel_records_nothing(window, qtbot, opened):
    view = window.views["contacts"]
    beatriz, path = beatriz_path()
    asker, about = path.first.name, path.hops[1].person.name
    before = edge_state(path)
    open_contact(qtbot, view, "Beatriz Park")
    button = view.detail.buttons["intro"]
    assert button.text() == "Ask for an introduction…"  # it opens a dialog now
    read: list[tuple[str, str, str]] = []

    def cancel(dialog):
        read.append((dialog.windowTitle(), dialog.intro_label.text(), dialog.body.toPlainText()))
        cancel_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)

    seen = on_next_dialog(cancel)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen and isinstance(seen[0], IntroductionDialog)
    title, label, body = read[0]
    assert title == "Ask for an introduction"
    assert f"<b>{asker}</b>" in label and f"introduction to <b>{about}</b>" in label
    assert about in body
    # Cancelled: no request, no follow-up, no undo step, no email.
    assert edge_state(path) == before
    assert window.session.undo_stack.count() == 0
    assert opened == []


def test_the_contact_pane_sends_the_edited_draft_and_can_undo_it(window, qtbot, opened):
    view = window.views["contacts"]
    _beatriz, path = beatriz_path()
    before = edge_state(path)
    open_contact(qtbot, view, "Beatriz Park")

    def send(dialog):
        dialog.subject.clear()
        qtbot.keyClicks(dialog.subject, "Coffee with Beatriz?")
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.text() == "Record and open email"
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    seen = on_next_dialog(send)
    qtbot.mouseClick(view.detail.buttons["intro"], Qt.MouseButton.LeftButton)
    assert seen
    (status, _day), follow_up = edge_state(path)
    assert status == "intro_requested" and follow_up is not None
    assert len(opened) == 1 and "subject=Coffee with Beatriz" in opened[0].toString()
    assert window.session.undo_stack.undoText() == f"Ask {path.first.name} for an introduction"
    window.session.undo_stack.undo()
    assert edge_state(path) == before

"""Asking someone with no email address for an introduction: the dialog says, before the
user chooses, that the message will be copied (its button offered 'Record and open email'
and only after recording said there was no address)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from crm.services.contacts import update_contact
from tests.ui.test_wording_introduction import (
    beatriz_path,
    edge_state,
    on_next_dialog,
    open_contact,
)
from ui.dialogs.introduction import IntroductionDialog


@pytest.fixture
def window(contacts_window):
    return contacts_window


def said(dialog) -> str:
    """The text of the dialog's visible labels, as the user reads them."""
    return "\n".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())


def test_an_asker_without_email_is_offered_a_copied_message(window, qtbot, opened):
    _beatriz, path = beatriz_path()
    asker = path.first.name
    update_contact(path.contact_ids[0], email="")
    QGuiApplication.clipboard().clear()
    view = window.views["contacts"]
    open_contact(qtbot, view, "Beatriz Park")
    read: dict = {}

    def send(dialog):
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        read.update(button=ok.text(), said=said(dialog), body=dialog.body.toPlainText())
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    seen = on_next_dialog(send)
    qtbot.mouseClick(view.detail.buttons["intro"], Qt.MouseButton.LeftButton)
    assert seen and isinstance(seen[0], IntroductionDialog)
    assert read["button"] == "Record and copy message"
    assert f"{asker} has no email address here: the message is copied" in read["said"]
    # Recorded, with its follow-up; no mail client; the message is on the clipboard
    (status, _day), follow_up = edge_state(path)
    assert status == "intro_requested" and follow_up is not None
    assert opened == []
    assert QGuiApplication.clipboard().text() == read["body"] != ""


def test_an_asker_with_email_still_opens_the_mail_client(window, qtbot, opened):
    _beatriz, path = beatriz_path()
    update_contact(path.contact_ids[0], email="asker@example.com")
    view = window.views["contacts"]
    open_contact(qtbot, view, "Beatriz Park")
    read: dict = {}

    def send(dialog):
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        read.update(button=ok.text(), said=said(dialog))
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    seen = on_next_dialog(send)
    qtbot.mouseClick(view.detail.buttons["intro"], Qt.MouseButton.LeftButton)
    assert seen
    assert read["button"] == "Record and open email"
    assert "no email address" not in read["said"]
    assert len(opened) == 1 and "asker@example.com" in opened[0].toString()

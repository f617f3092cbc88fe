"""The contact pane's "Write email…" opens the draft Follow-ups opens (it went straight to
the mail client with a keep-warm text the user could not see or edit first)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from crm.services.drafts import draft_for
from crm.services.followups import follow_ups
from crm.store.models import Contact
from tests.ui.test_wording_introduction import open_contact
from ui.dialogs.email_draft import EmailDraftDialog


@pytest.fixture
def window(contacts_window):
    return contacts_window


def click_write_email(qtbot, window, name: str) -> EmailDraftDialog:
    view = window.views["contacts"]
    open_contact(qtbot, view, name)
    button = view.detail.buttons["email"]
    assert button.text() == "Write email…" and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = view.detail.dialog
    assert isinstance(dialog, EmailDraftDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_write_email_shows_a_draft_addressed_to_the_contact(window, qtbot, opened):
    due = {f.contact_id for f in follow_ups(include_snoozed=True)}
    contact = next(
        c
        for c in Contact.select().where((Contact.email != "") & (Contact.archived == False))  # noqa: E712
        if c.id not in due
    )
    dialog = click_write_email(qtbot, window, contact.full_name)
    assert dialog.isVisible() and opened == []  # the draft first, not the mail client
    assert dialog.windowTitle() == f"Email to {contact.full_name}"
    assert dialog.to_edit.text() == contact.email
    assert dialog.template_combo.currentData() == "keep_warm"
    assert contact.first_name in dialog.body_edit.toPlainText()

    dialog.subject_edit.clear()
    qtbot.keyClicks(dialog.subject_edit, "Catching up")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    url = opened[0].toString()
    assert url.startswith(f"mailto:{contact.email}?") and "subject=Catching up" in url


def test_write_email_drafts_what_follow_ups_says_is_owed(window, qtbot, opened):
    item = next(f for f in follow_ups(include_snoozed=True) if f.kind == "thank_you" and f.email)
    dialog = click_write_email(qtbot, window, item.name)
    assert dialog.to_edit.text() == item.email
    subject, body = draft_for(item)
    assert (dialog.subject_edit.text(), dialog.body_edit.toPlainText()) == (subject, body)
    assert opened == []

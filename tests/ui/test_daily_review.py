"""Daily-use review: keys, default buttons, names shown as typed, the right row acted on."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from crm.services.contacts import create_contact
from crm.services.interactions import MeetingRecord, log_meeting
from tests.ui.conftest import type_people
from ui.session import Session

ODD_NAME = "Sam <b>Lee</b> & Co"


@pytest.fixture
def session(demo_db):
    return Session(demo_db)


@pytest.fixture
def sam(demo_db):
    """Someone with a markup-looking name, met yesterday: a thank-you is due."""
    contact = create_contact(ODD_NAME, "", closeness=3, email="sam@example.org")
    yesterday = dt.date.today() - dt.timedelta(days=1)
    log_meeting(MeetingRecord(contact_id=contact.id, on=yesterday, minutes=30))
    return contact


def shown(qtbot, dialog):
    """The dialog, open on screen as the user sees it."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def never_asked(monkeypatch) -> None:
    """Fail the test if a confirmation question is asked."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked"))


def label_texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def test_meeting_dialog_shows_a_markup_name_as_typed(qtbot, session, sam):
    from ui.dialogs.meeting import MeetingDialog

    dialog = MeetingDialog(session, sam.id)
    qtbot.addWidget(dialog)
    intro = next(t for t in label_texts(dialog) if "Meeting with" in t)
    assert "Sam &lt;b&gt;Lee&lt;/b&gt; &amp; Co" in intro


def test_introduction_dialog_shows_a_markup_name_as_typed(qtbot):
    from ui.dialogs.introduction import IntroductionDialog

    dialog = IntroductionDialog("Subject", "Body", ODD_NAME)
    qtbot.addWidget(dialog)
    intro = next(t for t in label_texts(dialog) if "personal email" in t)
    assert "Sam &lt;b&gt;Lee&lt;/b&gt; &amp; Co" in intro


def test_escape_in_a_meeting_with_typed_names_asks_first(qtbot, session, sam, monkeypatch):
    from ui.dialogs.meeting import MeetingDialog

    asked = []

    def keep_editing(*args, **kwargs):
        asked.append(args[1])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", keep_editing)
    dialog = shown(qtbot, MeetingDialog(session, sam.id))
    type_people(qtbot, dialog.grid, [("Ann", "Berg", "Acme")])
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Escape)
    assert asked == ["Discard this meeting?"]
    assert dialog.isVisible()


def test_escape_in_an_untouched_meeting_closes_without_asking(qtbot, session, sam, monkeypatch):
    from ui.dialogs.meeting import MeetingDialog

    never_asked(monkeypatch)
    dialog = shown(qtbot, MeetingDialog(session, sam.id))
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def draft_for(qtbot, session, sam):
    from crm.services.followups import follow_ups
    from ui.dialogs.email_draft import EmailDraftDialog

    item = next(i for i in follow_ups() if i.contact_id == sam.id)
    dialog = shown(qtbot, EmailDraftDialog(session, item))
    return dialog


def test_enter_in_the_subject_opens_the_draft_and_keeps_the_dialog(
    qtbot, session, sam, monkeypatch
):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = draft_for(qtbot, session, sam)
    dialog.subject_edit.setFocus()
    qtbot.keyClicks(dialog.subject_edit, " again")
    qtbot.keyClick(dialog.subject_edit, Qt.Key.Key_Return)
    assert len(opened) == 1 and "again" in opened[0].toString()
    assert dialog.isVisible()


def test_escape_on_an_edited_draft_asks_before_losing_it(qtbot, session, sam, monkeypatch):
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.Cancel,
    )
    dialog = draft_for(qtbot, session, sam)
    qtbot.keyClicks(dialog.body_edit, "A line of my own. ")
    qtbot.keyClick(dialog.body_edit, Qt.Key.Key_Escape)
    assert asked == ["Discard your edits?"]
    assert dialog.isVisible()


def followups_view(qtbot, session, width=1100):
    from ui.views.followups import FollowUpsView

    view = FollowUpsView(session)
    qtbot.addWidget(view)
    view.resize(width, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_enter_on_a_follow_up_opens_its_email(qtbot, session, sam, monkeypatch):
    from ui.dialogs import email_draft

    monkeypatch.setattr(email_draft.EmailDraftDialog, "open", lambda self: None)
    view = followups_view(qtbot, session)
    table = view.list.table
    assert view.list.select_contact(sam.id)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert view.list.dialog is not None
    assert view.list.dialog.item.contact_id == sam.id


def test_mark_as_sent_moves_to_the_next_row_not_the_top(qtbot, session, sam):
    view = followups_view(qtbot, session)
    lst = view.list
    row = 3
    index = lst.model.index(row, 0)
    lst.table.scrollTo(index)
    pos = lst.table.visualRect(index).center()
    qtbot.mouseClick(lst.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    sent = lst.current()
    assert sent.contact_id == lst.model.item(row).contact_id
    following = lst.model.item(row + 1)
    qtbot.mouseClick(lst.sent_button, Qt.MouseButton.LeftButton)
    assert sent.contact_id not in [i.contact_id for i in lst.model.items]
    assert lst.current().contact_id == following.contact_id


def test_today_panel_keeps_the_due_column_on_screen(qtbot, session, sam):
    from ui.models.followups import COL_DUE, COL_SINCE
    from ui.views.today import TodayView

    view = TodayView(session)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    view.reload()
    table = view.followups.table
    header = table.horizontalHeader()
    right = header.sectionViewportPosition(COL_DUE) + header.sectionSize(COL_DUE)
    assert right <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    assert table.isColumnHidden(COL_SINCE)
    wide = followups_view(qtbot, session, width=1100)
    assert not wide.list.table.isColumnHidden(COL_SINCE)


def answer(monkeypatch, button):
    """QMessageBox.question answers `button`; returns the list of titles asked."""
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[1]) or button)
    return asked


def test_another_template_asks_before_replacing_an_edited_draft(qtbot, session, sam, monkeypatch):
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    dialog = draft_for(qtbot, session, sam)
    first = dialog.template_combo.currentIndex()
    qtbot.keyClicks(dialog.body_edit, "A line of my own. ")
    dialog.template_combo.setCurrentIndex(1 - first if first < 2 else 0)
    assert asked == ["Replace your edits?"]
    assert dialog.template_combo.currentIndex() == first  # kept: the edit stays
    assert "A line of my own." in dialog.body_edit.toPlainText()

    asked = answer(monkeypatch, QMessageBox.StandardButton.Discard)
    other = 1 - first if first < 2 else 0
    dialog.template_combo.setCurrentIndex(other)
    assert asked == ["Replace your edits?"]
    assert dialog.template_combo.currentIndex() == other
    assert "A line of my own." not in dialog.body_edit.toPlainText()


def test_another_template_on_an_untouched_draft_just_switches(qtbot, session, sam, monkeypatch):
    never_asked(monkeypatch)
    dialog = draft_for(qtbot, session, sam)
    before = dialog.subject_edit.text()
    first = dialog.template_combo.currentIndex()
    dialog.template_combo.setCurrentIndex(1 - first if first < 2 else 0)
    assert dialog.subject_edit.text() != before


def test_escape_in_the_template_editor_asks_when_edited(qtbot, session, monkeypatch):
    from crm.services import settings
    from ui.dialogs.templates import TemplatesDialog

    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    dialog = shown(qtbot, TemplatesDialog(session))
    name = dialog.combo.currentData()
    qtbot.keyClicks(dialog.body, "P.S. ")
    # switching templates keeps the edit, and Escape still knows about it
    dialog.combo.setCurrentIndex((dialog.combo.currentIndex() + 1) % dialog.combo.count())
    qtbot.keyClick(dialog.body, Qt.Key.Key_Escape)
    assert asked == ["Discard your edits?"]
    assert dialog.isVisible()

    answer(monkeypatch, QMessageBox.StandardButton.Discard)
    qtbot.keyClick(dialog.body, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert "P.S." not in settings.template(name)[1]


def test_escape_in_an_untouched_template_editor_closes(qtbot, session, monkeypatch):
    from ui.dialogs.templates import TemplatesDialog

    never_asked(monkeypatch)
    dialog = shown(qtbot, TemplatesDialog(session))
    qtbot.keyClick(dialog.body, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_template_with_an_open_brace_is_not_saved(qtbot, session, monkeypatch):
    from PySide6.QtWidgets import QDialogButtonBox

    from crm.services import settings
    from ui.dialogs.templates import TemplatesDialog

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    dialog = TemplatesDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    name = dialog.combo.currentData()
    before = settings.template(name)
    qtbot.keyClicks(dialog.subject, " {first_name")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert len(warned) == 1 and "a brace is not closed" in warned[0]
    assert warned[0].startswith(dialog.combo.currentText())
    assert dialog.isVisible()
    assert settings.template(name) == before


def test_escape_in_a_note_with_text_asks_first(qtbot, session, sam, monkeypatch):
    from ui.dialogs.interaction import InteractionDialog

    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    dialog = shown(qtbot, InteractionDialog(session, sam.id, "call"))
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert asked == [] and not dialog.isVisible()

    dialog = shown(qtbot, InteractionDialog(session, sam.id, "call"))
    qtbot.keyClicks(dialog.notes, "Promised to send the deck")
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Escape)
    assert asked == ["Discard this note?"]
    assert dialog.isVisible()


def test_a_meeting_cannot_be_dated_after_tomorrow(qtbot, session, sam):
    from PySide6.QtCore import QDate

    from ui.dialogs.meeting import MeetingDialog

    dialog = MeetingDialog(session, sam.id)
    qtbot.addWidget(dialog)
    dialog.date.setDate(QDate.currentDate().addDays(30))
    assert dialog.date.date() == QDate.currentDate().addDays(1)

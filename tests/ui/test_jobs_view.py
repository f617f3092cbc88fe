"""Jobs view: inline status changes (legal and illegal), filters, flags, the job dialog."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from crm.services.job_rows import contact_choices, job_rows
from crm.store.models import Job
from tests.ui.conftest import choose_in_cell_editor
from ui.models import jobs as m


@pytest.fixture
def session(demo_db):
    from ui.session import Session

    return Session(demo_db)


@pytest.fixture
def view(qtbot, session):
    from ui.views.jobs import JobsView

    v = JobsView(session)
    qtbot.addWidget(v)
    v.resize(1200, 600)
    v.show()
    qtbot.waitExposed(v)
    return v


def shown_row(view, title: str) -> int:
    for r in range(view.model.rowCount()):
        if view.model.index(r, m.COL_TITLE).data() == title:
            return r
    raise AssertionError(f"{title!r} not shown")


def shown_titles(view) -> list[str]:
    return [view.model.index(r, m.COL_TITLE).data() for r in range(view.model.rowCount())]


def type_text(widget, text: str) -> None:
    """Type any text, one key event a character, as a keyboard or input method sends it."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def click_row(qtbot, view, title: str) -> None:
    index = view.model.index(shown_row(view, title), m.COL_TITLE)
    view.table.scrollTo(index)
    pos = view.table.visualRect(index).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert view.table.currentIndex().row() == index.row()


def test_status_changes_inline_and_is_saved(qtbot, view):
    started = dt.date.today()  # the move is dated today: either side of a midnight
    row = shown_row(view, "Product Manager")
    assert view.model.index(row, m.COL_STATUS).data() == "Applied"
    choose_in_cell_editor(qtbot, view, row, m.COL_STATUS, "Interviewing")
    job = Job.get(Job.title == "Product Manager")
    assert job.status == "interviewing"
    assert job.interview_on in {started, dt.date.today()}
    row = shown_row(view, "Product Manager")
    assert view.model.index(row, m.COL_STATUS).data() == "Interviewing"
    assert view.model.index(row, m.COL_INTERVIEW).data() == job.interview_on.isoformat()


def test_illegal_status_jump_says_why_and_reverts(qtbot, view, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    row = shown_row(view, "Product Lead, Platform")
    assert view.model.index(row, m.COL_STATUS).data() == "Referred"
    choose_in_cell_editor(qtbot, view, row, m.COL_STATUS, "Offer")
    assert len(shown) == 1
    assert "referred" in shown[0] and "offer" in shown[0]
    assert Job.get(Job.title == "Product Lead, Platform").status == "referred"
    row = shown_row(view, "Product Lead, Platform")
    assert view.model.index(row, m.COL_STATUS).data() == "Referred"


def test_channel_edits_inline(qtbot, view):
    row = shown_row(view, "Principal PM")
    choose_in_cell_editor(qtbot, view, row, m.COL_CHANNEL, "Recruiter")
    assert Job.get(Job.title == "Principal PM").channel == "recruiter"
    assert view.model.index(shown_row(view, "Principal PM"), m.COL_CHANNEL).data() == "Recruiter"


def test_perfect_fit_checkbox_toggles_in_place(qtbot, view):
    row = shown_row(view, "Principal PM")
    index = view.model.index(row, m.COL_FIT)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    rect = view.table.visualRect(index)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert Job.get(Job.title == "Principal PM").perfect_fit is True
    index = view.model.index(shown_row(view, "Principal PM"), m.COL_FIT)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_a_closed_job_is_greyed_but_an_offer_is_not(view):
    def grey(title: str) -> bool:
        index = view.model.index(shown_row(view, title), m.COL_TITLE)
        return index.data(Qt.ItemDataRole.ForegroundRole) is not None

    assert grey("Product Manager, Data")  # rejected
    assert not grey("Senior PM, Payments")  # an offer
    assert not grey("Principal PM")  # interested


def test_status_filter_shows_only_that_status(qtbot, view):
    combo = view.status_filter
    combo.setCurrentIndex(combo.findText("Interviewing"))
    titles = shown_titles(view)
    assert sorted(titles) == sorted(r.title for r in job_rows() if r.status == "interviewing")
    assert len(titles) == 3
    _title, headers, rows = view.visible_rows()
    assert headers[m.COL_STATUS] == "Status"
    assert {r[m.COL_STATUS] for r in rows} == {"Interviewing"}
    assert all(isinstance(r[m.COL_APPLIED], dt.date) for r in rows)
    combo.setCurrentIndex(combo.findText("All jobs"))
    assert len(shown_titles(view)) == len(job_rows())


def test_search_narrows_the_rows(qtbot, view):
    qtbot.keyClicks(view.search, "kestrel")
    assert sorted(shown_titles(view)) == ["Group Product Manager", "Senior PM, Payments"]


def test_delete_asks_then_removes_the_job(qtbot, view, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    click_row(qtbot, view, "Principal PM")
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert Job.get_or_none(Job.title == "Principal PM") is None
    assert "Principal PM" not in shown_titles(view)


def test_job_dialog_validates_and_saves(qtbot, session, monkeypatch):
    from ui.dialogs.job import JobDialog

    changed = []
    session.changed.connect(changed.append)
    days = {dt.date.today()}  # the dialog dates the status today: either side of a midnight
    dialog = JobDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    assert dialog.title_error.isHidden(), "no scolding before the user typed anything"
    qtbot.keyClicks(dialog.title_edit, "x")
    dialog.title_edit.clear()
    assert dialog.title_error.text() == "a job needs a title"
    assert not dialog.title_error.isHidden()

    qtbot.keyClicks(dialog.title_edit, "Head of Product")
    qtbot.keyClicks(dialog.company.lineEdit(), "Acme Robotics")
    qtbot.keyClicks(dialog.url, "not a link")
    assert not save.isEnabled()
    assert "web address" in dialog.url_error.text()
    dialog.url.clear()
    qtbot.keyClicks(dialog.url, "https://acme.example/jobs/42")
    qtbot.keyClicks(dialog.referrer, "Nobody Atall")
    assert not save.isEnabled()
    assert "contacts" in dialog.referrer_error.text()
    dana = next(c for c in contact_choices() if c.name == "Dana Whitfield")
    dialog.referrer.clear()
    type_text(dialog.referrer, dana.label)  # holds an em dash, which keyClicks cannot type
    assert dialog.referrer.text() == dana.label
    dialog.status.setCurrentIndex(dialog.status.findText("Referred"))
    assert dialog.channel.currentData() == "referral"
    days.add(dt.date.today())
    applied = dialog.dates["applied_on"].value()
    assert applied in days
    qtbot.mouseClick(dialog.perfect_fit, Qt.MouseButton.LeftButton)
    assert save.isEnabled()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    job = Job.get(Job.title == "Head of Product")
    assert job.company.name == "Acme Robotics"
    assert job.referrer_id == dana.id
    assert (job.status, job.channel, job.perfect_fit) == ("referred", "referral", True)
    assert job.applied_on == applied
    assert job.url == "https://acme.example/jobs/42"
    assert changed, "the window is told that jobs changed"


@pytest.mark.parametrize("status", ["applied", "referred", "interviewing", "offer", "rejected"])
def test_job_dialog_fills_the_day_the_status_will_record(qtbot, session, status):
    from ui.dialogs.job import JobDialog

    days = {dt.date.today()}
    dialog = JobDialog(session)
    qtbot.addWidget(dialog)
    dialog.channel.setCurrentIndex(dialog.channel.findData("recruiter"))
    dialog.status.setCurrentIndex(dialog.status.findData(status))
    days.add(dt.date.today())
    filled = {key for key, widget in dialog.dates.items() if widget.value() in days}
    expected = {"applied": "applied_on", "referred": "applied_on", "interviewing": "interview_on"}
    assert filled == {expected.get(status, "closed_on")}
    assert dialog.channel.currentData() == ("referral" if status == "referred" else "recruiter")


def test_job_dialog_refuses_an_illegal_status_jump_inline(qtbot, session):
    from ui.dialogs.job import JobDialog

    job = Job.get(Job.title == "Product Lead, Platform")  # referred
    dialog = JobDialog(session, job.id)
    qtbot.addWidget(dialog)
    dialog.show()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert dialog.title_edit.text() == "Product Lead, Platform"
    dialog.status.setCurrentIndex(dialog.status.findText("Offer"))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "cannot go from referred to offer" in dialog.status_error.text()
    assert dialog.isVisible()
    assert Job.get_by_id(job.id).status == "referred"
    dialog.status.setCurrentIndex(dialog.status.findText("Interviewing"))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert Job.get_by_id(job.id).status == "interviewing"


def test_inline_change_and_delete_are_undoable(qtbot, view, session, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    choose_in_cell_editor(qtbot, view, shown_row(view, "Product Manager"), m.COL_STATUS, "Rejected")
    assert Job.get(Job.title == "Product Manager").status == "rejected"
    assert session.undo_stack.undoText() == "Move Product Manager to Rejected"
    session.undo_stack.undo()
    job = Job.get(Job.title == "Product Manager")
    assert (job.status, job.closed_on) == ("applied", None)
    assert view.model.index(shown_row(view, "Product Manager"), m.COL_STATUS).data() == "Applied"

    before = Job.get(Job.title == "Senior Product Manager")
    click_row(qtbot, view, "Senior Product Manager")
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert "Senior Product Manager" not in shown_titles(view)
    session.undo_stack.undo()
    again = Job.get_by_id(before.id)
    assert (again.title, again.referrer_id, again.interview_on) == (
        before.title,
        before.referrer_id,
        before.interview_on,
    )
    assert "Senior Product Manager" in shown_titles(view)
    session.undo_stack.redo()
    assert Job.get_or_none(Job.id == before.id) is None


def test_double_click_on_the_referrer_opens_that_person(qtbot, view, session):
    row = shown_row(view, "Senior Product Manager")
    index = view.model.index(row, m.COL_REFERRER)
    assert index.data() == "Dana Whitfield"
    pos = view.table.visualRect(index).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    with qtbot.waitSignal(session.contact_selected) as blocker:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [Job.get(Job.title == "Senior Product Manager").referrer_id]

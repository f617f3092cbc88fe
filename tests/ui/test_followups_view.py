"""Follow-ups, driven through the widgets: thank-you after an introduction, mark as sent,
snooze, write the email (mailto), filter by kind, open the contact, edit templates."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from crm.services import settings
from crm.services.contacts import create_contact
from crm.services.interactions import log_interaction
from crm.services.referrals import NameEntry, add_names, set_status
from crm.store.models import Interaction
from ui.models.followups import COL_DUE, COL_KIND, COL_PERSON
from ui.session import Session
from ui.views.followups import FollowUpsView
from ui.widgets.followups_list import FollowUpsList

D0 = dt.date(2026, 11, 2)
LEFT = Qt.MouseButton.LeftButton


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


@pytest.fixture
def network(db):
    """Vera introduced me to Xavi on day 1; Hal (a voucher) was last called on day 0."""
    settings.set_campaign_start(D0)
    vera = create_contact("Vera", "Voucher", email="vera@example.com", company="Northwind")
    (edge,) = add_names(vera.id, [NameEntry("Xavi", "Lopez")], on=day(0))
    set_status(edge.id, "introduced", day(1))
    hal = create_contact("Hal", "Helper", closeness=3)
    log_interaction(hal.id, "call", day(0))
    return {"vera": vera, "hal": hal, "db": db}


@pytest.fixture
def view(network, qtbot):
    v = FollowUpsView(Session(network["db"]))
    v.today = day(1)
    qtbot.addWidget(v)
    v.resize(1100, 500)
    v.show()
    qtbot.waitExposed(v)
    return v


def _rows(widget: FollowUpsList) -> list[tuple[str, str, str]]:
    m = widget.model
    return [
        tuple(m.index(r, c).data() for c in (COL_KIND, COL_PERSON, COL_DUE))
        for r in range(m.rowCount())
    ]


def _select(widget: FollowUpsList, name: str) -> None:
    """Click the person's row, as a user would."""
    m = widget.model
    row = next(r for r in range(m.rowCount()) if m.index(r, COL_PERSON).data().startswith(name))
    index = m.index(row, COL_PERSON)
    widget.table.scrollTo(index)
    QTest.mouseClick(
        widget.table.viewport(),
        LEFT,
        Qt.KeyboardModifier.NoModifier,
        widget.table.visualRect(index).center(),
    )
    assert widget.current().name.startswith(name)


def test_thank_you_appears_after_introduction_and_goes_once_sent(view, network, qtbot):
    assert _rows(view.list) == [("Thank-you due", "Vera Voucher · Northwind", "5 Nov (in 2 days)")]
    assert view.count_label.text() == "1 due"
    _select(view.list, "Vera")
    qtbot.mouseClick(view.list.sent_button, LEFT)
    assert _rows(view.list) == []
    assert view.list.empty_label.isVisible()
    assert view.list.empty_label.text() == "Nothing due: your network is warm."
    logged = Interaction.get(Interaction.contact == network["vera"].id)
    assert (logged.kind, logged.date) == ("thank_you", day(1))


def test_overdue_items_are_bold_and_red(view):
    view.today = day(14)
    view.reload()
    rows = dict((p, (k, d)) for k, p, d in _rows(view.list))
    assert rows["Vera Voucher · Northwind"] == ("Thank-you due", "11 days late")
    assert rows["Hal Helper"][0] == "Keep warm"
    index = view.list.model.index(0, COL_DUE)
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    assert index.data(Qt.ItemDataRole.ForegroundRole).red() > 150
    assert view.count_label.text() == "2 due, 1 overdue"


def test_snooze_hides_until_its_date(view, qtbot):
    _select(view.list, "Vera")
    view.list.snooze_actions["3 days"].trigger()
    assert _rows(view.list) == []
    view.today = day(3)
    view.reload()
    assert _rows(view.list) == []
    view.today = day(4)
    view.reload()
    assert [r[1] for r in _rows(view.list)] == ["Vera Voucher · Northwind"]


def test_write_email_opens_the_mail_client_with_the_edited_draft(view, network, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    _select(view.list, "Vera")
    qtbot.mouseClick(view.list.write_button, LEFT)
    dialog = view.list.dialog
    assert dialog.subject_edit.text() == "Thank you for introducing me to Xavi Lopez"
    assert dialog.body_edit.toPlainText().startswith("Hi Vera,")
    dialog.subject_edit.selectAll()
    qtbot.keyClicks(dialog.subject_edit, "Thanks for Xavi!")
    qtbot.mouseClick(dialog.open_button, LEFT)
    (url,) = opened
    assert url.scheme() == "mailto" and url.path() == "vera@example.com"
    assert "subject=Thanks%20for%20Xavi%21" in url.toString(
        url.ComponentFormattingOption.FullyEncoded
    )
    qtbot.mouseClick(dialog.sent_button, LEFT)
    assert not dialog.isVisible()
    assert _rows(view.list) == []
    assert Interaction.get(Interaction.contact == network["vera"].id).notes == "Thanks for Xavi!"


def test_filter_by_kind_and_count(view, qtbot):
    view.today = day(14)
    view.reload()
    combo = view.kind_combo
    combo.setCurrentIndex(combo.findText("Keep warm"))
    assert [r[0] for r in _rows(view.list)] == ["Keep warm"]
    assert view.count_label.text() == "1 of 2 due, 1 overdue"
    combo.setCurrentIndex(combo.findText("All kinds"))
    assert len(_rows(view.list)) == 2


def test_keep_warm_mark_as_sent_logs_an_email(view, network, qtbot):
    view.today = day(14)
    view.reload()
    _select(view.list, "Hal")
    qtbot.mouseClick(view.list.sent_button, LEFT)
    assert [r[1] for r in _rows(view.list)] == ["Vera Voucher · Northwind"]
    kinds = [i.kind for i in Interaction.select().where(Interaction.contact == network["hal"].id)]
    assert sorted(kinds) == ["call", "email"]


def test_open_contact_asks_the_window_to_show_it(view, network, qtbot):
    _select(view.list, "Vera")
    with qtbot.waitSignal(view.session.contact_selected) as signal:
        qtbot.mouseClick(view.list.open_button, LEFT)
    assert signal.args == [network["vera"].id]


def test_template_editor_saves_the_users_words(view, qtbot):
    qtbot.mouseClick(view.templates_button, LEFT)
    dialog = view.dialog
    dialog.combo.setCurrentIndex(dialog.combo.findData("thank_you_introduction"))
    dialog.subject.selectAll()
    qtbot.keyClicks(dialog.subject, "Merci for {names}")
    qtbot.keyClicks(dialog.my_name, "Robin")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), LEFT)
    assert settings.template("thank_you_introduction")[0] == "Merci for {names}"
    assert settings.my_name() == "Robin"
    _select(view.list, "Vera")
    qtbot.mouseClick(view.list.write_button, LEFT)
    assert view.list.dialog.subject_edit.text() == "Merci for Xavi Lopez"
    assert view.list.dialog.body_edit.toPlainText().rstrip().endswith("Robin")


def test_follow_ups_on_the_demo_network(demo_db, qtbot, tmp_path):
    v = FollowUpsView(Session(demo_db))
    qtbot.addWidget(v)
    v.resize(1100, 600)
    v.show()
    qtbot.waitExposed(v)
    kinds = {r[0] for r in _rows(v.list)}
    assert {"Thank-you due", "Losing touch", "Follow-up date"} <= kinds
    assert v.grab().save(str(tmp_path / "followups.png"))


def test_snooze_until_a_picked_date(view, monkeypatch):
    from ui.widgets import followups_list

    def pick(dialog):
        dialog.calendar.setSelectedDate(dialog.calendar.selectedDate().addDays(3))
        return followups_list.QDialog.DialogCode.Accepted

    monkeypatch.setattr(followups_list.SnoozeDateDialog, "exec", pick)
    _select(view.list, "Vera")
    # The calendar opens on a week after tomorrow (day 8); the user picks 3 days later.
    view.list.snooze_actions["date"].trigger()
    assert _rows(view.list) == []
    view.today = day(10)
    view.reload()
    assert _rows(view.list) == []
    view.today = day(11)
    view.reload()
    assert [r[0] for r in _rows(view.list)] == ["Thank-you due"]


def test_mark_as_sent_can_be_undone_and_redone(view, network, qtbot):
    """A click on the wrong row is one Undo away: the email goes, the follow-up is back."""
    from crm.services.contacts import get_contact, update_contact

    view.today = day(14)
    hal = network["hal"]
    update_contact(hal.id, next_follow_up=day(10))  # an explicit follow-up date, now due
    view.reload()
    stack = view.session.undo_stack
    _select(view.list, "Hal")
    qtbot.mouseClick(view.list.sent_button, LEFT)
    assert "Hal Helper" not in [r[1] for r in _rows(view.list)]
    assert stack.undoText() == "Mark as sent: Hal Helper"
    assert get_contact(hal.id).next_follow_up is None

    stack.undo()
    assert "Hal Helper" in [r[1] for r in _rows(view.list)]
    kinds = [i.kind for i in Interaction.select().where(Interaction.contact == hal.id)]
    assert kinds == ["call"]
    assert get_contact(hal.id).next_follow_up == day(10)  # put back with the email

    stack.redo()
    assert "Hal Helper" not in [r[1] for r in _rows(view.list)]
    kinds = [i.kind for i in Interaction.select().where(Interaction.contact == hal.id)]
    assert sorted(kinds) == ["call", "email"]

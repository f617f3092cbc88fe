"""Every next step on Today leads somewhere when clicked, in the real window: the panel says
"Click one to open the person", and a step without a person opens the page that does it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from crm.services.contacts import create_contact, update_contact
from tests.ui.test_main_window import make


def _click_step(qtbot, win, text: str) -> None:
    today = win.show_view("today")
    texts = today.next_list.texts()
    assert text in texts, texts
    item = today.next_list.item(texts.index(text))
    pos = today.next_list.visualItemRect(item).center()
    qtbot.mouseClick(today.next_list.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def _shown_names(view) -> list[str]:
    model = view.table.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_meet_vouchers_opens_contacts_to_find_them_then_shows_those_marked(
    db,
    qtbot,
    settings,
    told,
):
    ann = create_contact("Ann", "Lee", company="Acme")
    create_contact("Bo", "Chen", company="Initech")
    win = make(qtbot, db, settings)
    _click_step(qtbot, win, "Meet 3-4 people who can vouch for you")
    contacts = win.current_view()
    assert contacts.name == "contacts"
    assert sorted(_shown_names(contacts)) == ["Ann Lee", "Bo Chen"]  # none marked: everyone
    assert not contacts.quick_buttons["vouchers"].isChecked()
    assert win.focusWidget() is contacts.search

    update_contact(ann.id, closeness=3)
    win.session.notify("contacts")
    _click_step(qtbot, win, "Meet 3-4 people who can vouch for you")
    assert win.current_view() is contacts
    assert contacts.quick_buttons["vouchers"].isChecked()
    assert _shown_names(contacts) == ["Ann Lee"]


def test_log_this_weeks_hours_opens_the_hours_dialog(db, qtbot, settings, told):
    from ui.dialogs.effort import EffortDialog

    create_contact("Ann", "Lee", company="Acme")
    win = make(qtbot, db, settings)
    assert "metrics" not in win.views  # never opened before: the click must still work
    _click_step(qtbot, win, "Log this week's hours")
    assert win.current_view().name == "metrics"
    qtbot.waitUntil(lambda: isinstance(win.views["metrics"].dialog, EffortDialog))
    assert win.views["metrics"].dialog.isVisible()

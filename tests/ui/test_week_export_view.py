"""A week of the method: Export this view with a search left in the Contacts box. The view
showed no one and the file written held only the header row, without a word."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from crm.services.contacts import create_contact
from ui.main_window import MainWindow
from ui.session import Session


@pytest.fixture
def window(qtbot, db, tmp_path):
    create_contact("Raj", "Ivanova", closeness=3)
    create_contact("Lee", "Park", company="Wonka")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(Session(db), settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_an_empty_view_is_not_exported_and_says_why(qtbot, window, monkeypatch, tmp_path):
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text, *a: told.append(text))
    )
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: asked.append("save") or (str(tmp_path / "c.xlsx"), "")),
    )
    view = window.show_view("contacts")
    qtbot.keyClicks(view.search, "Lee Park")  # left from looking someone up
    view.quick_buttons["vouchers"].click()  # Lee is no voucher: nobody is shown
    assert view.count_label.text() == "0 of 2 contacts"
    window.actions.get("export_view").trigger()
    assert asked == [], "no file dialog for an empty view"
    assert told and "Contacts shows no rows" in told[0]
    assert not (tmp_path / "c.xlsx").exists()

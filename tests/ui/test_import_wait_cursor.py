"""Choosing a file to import shows the wait cursor while the file is read for its preview,
and gives the arrow back whatever the file turned out to be."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.crm.importers import samples as s
from tests.ui.conftest import open_wizard
from ui.dialogs import import_wizard as wiz_mod


def _cursor_during_inspect(monkeypatch) -> list:
    seen = []
    real = wiz_mod.inspect

    def watched(*args, **kwargs):
        cursor = QApplication.overrideCursor()
        seen.append(cursor.shape() if cursor is not None else None)
        return real(*args, **kwargs)

    monkeypatch.setattr(wiz_mod, "inspect", watched)
    return seen


def test_the_wait_cursor_shows_while_a_workbook_is_read_for_its_preview(
    qtbot, window, messages, tmp_path, monkeypatch
):
    parent, session = window
    seen = _cursor_during_inspect(monkeypatch)
    wizard = open_wizard(qtbot, parent, session, s.linkedin_xlsx(tmp_path / "Connections.xlsx"))
    assert seen == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None  # the arrow is back for the wizard
    assert wizard.format_label.text() == "LinkedIn connections"


def test_the_cursor_comes_back_when_the_file_is_refused(
    qtbot, window, messages, tmp_path, monkeypatch
):
    parent, session = window
    seen = _cursor_during_inspect(monkeypatch)
    bad = tmp_path / "photo.xlsx"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    wiz_mod.start_import(parent, session, bad)
    assert seen and seen[0] == Qt.CursorShape.WaitCursor
    assert QApplication.overrideCursor() is None
    assert messages and "photo.xlsx" in str(messages[-1])

"""The import summary counts in words that agree with their numbers: one skipped row is
"1 row", one contact "1 contact"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from crm.importers.records import ImportResult
from ui.dialogs.import_summary import ImportSummary
from ui.session import Session


def test_one_skipped_row_and_one_contact_are_counted_in_the_singular(qtbot, db, monkeypatch):
    result = ImportResult(file="/tmp/x/Connections.csv", created=1, updated=1, batch=1,
                          skipped=[(7, "no name")])  # fmt: skip
    summary = ImportSummary(result, [], Session(db))
    qtbot.addWidget(summary)
    summary.show()
    qtbot.waitExposed(summary)
    qtbot.mouseClick(summary.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text().splitlines()[1] == "7\tno name"
    assert summary.copy_button.text() == "Copied 1 row"

    asked = []
    monkeypatch.setattr(
        "ui.dialogs.import_summary.confirm", lambda _parent, _title, text: asked.append(text)
    )
    qtbot.mouseClick(summary.undo_button, Qt.MouseButton.LeftButton)
    assert asked and "the 1 contact it added" in asked[0]
    assert "gives the 1 contact it updated their old details back" in asked[0]

"""The import flow as a demanding user meets it: keys, what the preview and summary show
for awkward files, long lists that must not blow up a dialog, and bad files."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from crm.importers.api import import_path
from crm.importers.records import ImportResult
from crm.services.contacts import create_contact
from crm.store.models import Contact
from tests.crm.importers import samples as s
from tests.ui.conftest import open_wizard
from ui.dialogs import import_wizard as wiz_mod
from ui.dialogs.import_summary import ImportSummary
from ui.dialogs.import_wizard import ImportWizard, start_import
from ui.session import Session

LONG_COMPANY = "Initech International Holdings Group (EMEA) GmbH & Co. KG"
LONG_POSITION = "Senior Principal Engineering Manager, Platform Infrastructure"


def _headers(table) -> list[str]:
    return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]


def _linkedin(path: Path, rows: list[list[str]]) -> Path:
    path.write_text(s.PREAMBLE + s._csv([s.HEADER, *rows]), encoding="utf-8")
    return path


def _long_rows(n: int) -> list[list[str]]:
    return [
        [f"Ana{i}", "Lopez", s.url(f"ana-lopez-{i}"), "", LONG_COMPANY, LONG_POSITION,
         "03 May 2024"]
        for i in range(n)
    ]  # fmt: skip


# --- keyboard ----------------------------------------------------------------------------


def test_enter_imports_and_enter_on_the_summary_closes_without_undoing(
    qtbot, window, messages, tmp_path
):
    parent, session = window
    wizard = open_wizard(qtbot, parent, session, s.linkedin_current(tmp_path / "Connections.csv"))
    assert wizard.mapping_toggle.isVisible()
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.summary is not None, timeout=10_000)
    assert not wizard.mapping_area.isVisible(), "Enter opened the column mapping"
    assert Contact.select().count() == 6

    summary = wizard.summary
    qtbot.waitExposed(summary)
    assert summary.close_button.isDefault()
    qtbot.keyClick(summary.focusWidget() or summary, Qt.Key.Key_Return)
    assert not summary.isVisible()
    assert Contact.select().count() == 6, "Enter on the summary undid the import"
    assert not messages


def test_escape_while_importing_cancels_the_import(qtbot, window, messages, tmp_path, monkeypatch):
    parent, session = window
    started = threading.Event()
    real = wiz_mod._import_and_check

    def slow(*args, progress, cancelled):
        started.set()
        deadline = time.monotonic() + 5
        while not cancelled() and time.monotonic() < deadline:
            time.sleep(0.01)
        return real(*args, progress=progress, cancelled=cancelled)

    monkeypatch.setattr(wiz_mod, "_import_and_check", slow)
    wizard = open_wizard(qtbot, parent, session, s.big_linkedin(tmp_path / "Connections.csv", 3000))
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set, timeout=5_000)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages == [("information", "Import cancelled: nothing was saved.")]
    assert Contact.select().count() == 0
    assert wizard.summary is None
    assert wizard.isVisible() and wizard.import_button.isEnabled()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # not importing any more: Escape closes
    assert not wizard.isVisible()


# --- the preview ---------------------------------------------------------------------------


def test_preview_shows_every_field_without_scrolling_sideways(qtbot, window, messages, tmp_path):
    parent, session = window
    wizard = open_wizard(
        qtbot, parent, session, _linkedin(tmp_path / "Connections.csv", _long_rows(30))
    )
    table = wizard.preview
    assert _headers(table)[-1] == "Connected on"
    header = table.horizontalHeader()
    total = sum(header.sectionSize(c) for c in range(table.columnCount()))
    assert total <= table.viewport().width(), "columns run off the right edge"
    assert not table.horizontalScrollBar().isVisible()
    company = _headers(table).index("Company")
    assert table.item(0, company).toolTip() == LONG_COMPANY  # the whole text, when elided
    assert table.item(0, len(s.HEADER) - 1).text() == "2024-05-03"


def test_uk_dates_are_explained_in_the_preview(qtbot, window, messages, tmp_path):
    parent, session = window
    rows = [["Ana", "Lopez", s.url("ana"), "", "Acme", "PM", "03/05/2024"],
            ["Bob", "Smith", s.url("bob"), "", "Hooli", "Eng", "23/05/2024"]]  # fmt: skip
    path = tmp_path / "Connections.csv"
    path.write_text(s._csv([s.HEADER, *rows]), encoding="utf-8")
    wizard = open_wizard(qtbot, parent, session, path)
    assert "numeric dates read day first" in wizard.notes_label.text()
    col = _headers(wizard.preview).index("Connected on")
    assert [wizard.preview.item(r, col).text() for r in range(2)] == ["2024-05-03", "2024-05-23"]


def test_german_dates_show_how_they_were_written(qtbot, window, messages, tmp_path):
    parent, session = window
    wizard = open_wizard(qtbot, parent, session, s.linkedin_excel_de(tmp_path / "Connections.csv"))
    col = _headers(wizard.preview).index("Connected on")
    cell = wizard.preview.item(0, col)
    assert cell.text() == "2024-05-03"
    assert cell.toolTip() == "2024-05-03 (in the file: 03.05.2024)"


def test_generic_sheet_names_the_columns_left_out(qtbot, window, messages, tmp_path):
    parent, session = window
    path = tmp_path / "contacts_fr.csv"
    rows = [["Prénom", "Nom", "Société", "Fonction", "Courriel", "Rencontré à"],
            ["Claire", "Dubois", "Société Générale", "Chargée d'affaires", "claire@example.fr",
             "Salon VivaTech"]]  # fmt: skip
    path.write_text(s._csv(rows, delimiter=";"), encoding="utf-8")
    wizard = open_wizard(qtbot, parent, session, path)
    assert wizard.format_label.text() == "Spreadsheet (your column mapping)"
    assert "claire@example.fr" in [  # Courriel is French for email
        wizard.preview.item(0, c).text() for c in range(wizard.preview.columnCount())
    ]
    assert wizard.columns_label.isVisible()
    assert wizard.columns_label.text() == "Not imported (no matching field): Rencontré à"
    notes = wizard.mapping_widget.combos["notes"]
    notes.setCurrentIndex(notes.findText("Rencontré à"))
    assert not wizard.columns_label.isVisible()
    assert "Salon VivaTech" in [
        wizard.preview.item(0, c).text() for c in range(wizard.preview.columnCount())
    ]


def test_header_without_rows_says_so_before_import(qtbot, window, messages, tmp_path):
    parent, session = window
    path = tmp_path / "header_only.csv"
    path.write_text(",".join(s.HEADER) + "\n", encoding="utf-8")
    wizard = open_wizard(qtbot, parent, session, path)
    assert not wizard.import_button.isEnabled()
    text = wizard.columns_label.text()
    assert "Nothing to import" in text and "header_only.csv" in text
    assert wizard.columns_label.isVisible()


# --- bad files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("report.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n" + bytes(range(256)), "PDF"),
        ("empty.csv", b"", "empty"),
        (
            "unclosed.csv",
            (
                ",".join(s.HEADER) + '\nAna,Lopez,u,,"Acme,Eng,03 May 2024\nBob,Smith,v,,H,E,x\n'
            ).encode(),
            "row 2",
        ),
    ],
)
def test_bad_file_gets_one_plain_warning(
    qtbot, window, messages, tmp_path, name, content, expected
):
    parent, session = window
    path = tmp_path / name
    path.write_bytes(content)
    start_import(parent, session, path)
    assert len(messages) == 1 and messages[0][0] == "warning"
    text = messages[0][1]
    assert str(path) in text and expected in text
    assert "Traceback" not in text and "Error(" not in text
    assert not parent.findChildren(ImportWizard)


# --- the summary ---------------------------------------------------------------------------


def test_summary_with_many_skipped_rows_stays_small(qtbot, db):
    skipped = [(n, "only a date: the person has left LinkedIn") for n in range(5, 1205)]
    result = ImportResult(file=r"C:\Users\me\Downloads\Connections.csv", created=3,
                          skipped=skipped, batch=1)  # fmt: skip
    summary = ImportSummary(result, [], Session(db))
    qtbot.addWidget(summary)
    summary.show()
    qtbot.waitExposed(summary)
    assert "Imported Connections.csv." in summary.headline.text()
    assert summary.count_labels["skipped"].text() == "1,200"
    assert summary.skipped_table.rowCount() == 1000
    last = summary.skipped_table.item(999, 0)
    assert last is not None and last.text() == "1004"
    more = summary.findChild(QWidget, "skipped_more")
    assert more is not None and "1,000 of 1,200" in more.text()
    tally = summary.findChild(QWidget, "skipped_tally")
    assert tally is not None and "1,200 rows: only a date" in tally.text()
    assert summary.height() < 600
    # the rows past the list are not lost: Copy puts all of them on the clipboard
    qtbot.mouseClick(summary.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text().splitlines()
    assert copied[0] == "Row\tWhy it was skipped" and len(copied) == 1201
    assert copied[-1] == "1204\tonly a date: the person has left LinkedIn"
    assert summary.copy_button.text() == "Copied 1,200 rows"


def test_summary_with_nothing_skipped_has_no_list(qtbot, db):
    summary = ImportSummary(ImportResult(file="/tmp/x/Connections.csv", created=2, batch=1), [],
                            Session(db))  # fmt: skip
    qtbot.addWidget(summary)
    summary.show()
    assert summary.count_labels["skipped"].text() == "0"
    assert not summary.skipped_table.isVisible()
    assert summary.height() < 250


def test_many_duplicates_scroll_instead_of_growing(qtbot, db):
    dupes = [(i, i + 100, f"Robert Name{i}", f"Bob Name{i}",
              "Robert / Bob: a nickname, same last name, both at Firm") for i in range(20)]  # fmt: skip
    summary = ImportSummary(ImportResult(file="a.csv", created=20, batch=1), dupes, Session(db))
    qtbot.addWidget(summary)
    summary.show()
    qtbot.waitExposed(summary)
    assert len(summary.merge_buttons) == 20
    assert summary.height() < 700
    assert not any(b.autoDefault() for b in summary.merge_buttons)
    assert not summary.undo_button.autoDefault()


def test_names_from_the_file_are_shown_as_text(qtbot, db):
    result = ImportResult(file="/tmp/<b>odd<i> & co.csv", created=1, batch=1)
    dupes = [(1, 2, "Sam <Lee>", "Sam Lee", "same name")]
    summary = ImportSummary(result, dupes, Session(db))
    qtbot.addWidget(summary)
    assert "&lt;b&gt;odd&lt;i&gt; &amp; co.csv" in summary.headline.text()
    labels = [w.text() for w in summary.findChildren(type(summary.headline))]
    assert any("Sam &lt;Lee&gt;" in t for t in labels)


def test_merge_offer_end_to_end_keeps_enter_safe(qtbot, window, messages, tmp_path):
    parent, session = window
    create_contact("Robert", "Smith", company="Hooli")
    wizard = open_wizard(qtbot, parent, session, s.linkedin_current(tmp_path / "Connections.csv"))
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.summary is not None, timeout=10_000)
    summary = wizard.summary
    assert len(summary.merge_buttons) == 1
    qtbot.keyClick(summary.focusWidget() or summary, Qt.Key.Key_Return)
    assert summary.merge_buttons[0].text() == "Merge"  # Enter did not merge
    assert Contact.select().where(Contact.last_name == "Smith").count() == 2


# --- the history ---------------------------------------------------------------------------


def test_history_long_file_name_leaves_the_result_in_view(qtbot, db, tmp_path):
    from ui.dialogs.import_history import ImportHistoryDialog
    from ui.models import import_history as m

    long = tmp_path / ("LinkedIn_Connections_export_downloaded_for_the_job_search_" * 2 + ".csv")
    import_path(_linkedin(long, _long_rows(3)))
    dialog = ImportHistoryDialog(Session(db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    rect = dialog.table.visualRect(dialog.model.index(0, m.COL_RESULT))
    assert rect.right() <= dialog.table.viewport().width(), "'What it did' is off screen"
    assert rect.width() > 150
    assert dialog.model.index(0, m.COL_FILE).data(Qt.ItemDataRole.ToolTipRole) == str(long)


def test_summary_says_what_was_left_out_of_imported_rows(qtbot, db):
    warning = "Connected On is not a date in row 2 ('yesterday'): left empty"
    result = ImportResult(file="a.csv", created=2, batch=1, warnings=[warning])
    summary = ImportSummary(result, [], Session(db))
    qtbot.addWidget(summary)
    summary.show()
    assert summary.warnings_label.isVisible()
    assert summary.warnings_label.text() == f"⚠ {warning}"


def test_after_the_summary_shows_the_import_is_copied_from_the_wal_into_the_file(
    qtbot, window, messages, tmp_path
):
    """The import leaves its WAL checkpoint for after the summary (the user waits less);
    the window then runs it in the background."""
    parent, session = window
    db_file = session.db_path
    size = db_file.stat().st_size
    wizard = open_wizard(qtbot, parent, session, s.big_linkedin(tmp_path / "Connections.csv", 5000))
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.summary is not None, timeout=20_000)
    qtbot.waitUntil(lambda: db_file.stat().st_size > size + 500_000, timeout=10_000)
    assert Contact.select().count() == 5000
    assert not messages

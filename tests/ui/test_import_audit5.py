"""Fifth audit of the import flow, driven through the real widgets: what the preview shows
once the user changes the mapping, files with no columns at all, a summary of an import that
skipped every row, a Cancel that comes too late, and dropping several files at once."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QSettings, Qt

from crm.store.models import Contact, ImportBatch
from tests.crm.importers import samples as s
from tests.ui.conftest import drop_files, open_wizard
from ui.dialogs import import_wizard as wiz_mod
from ui.dialogs.import_wizard import ImportWizard, start_import
from ui.session import Session


def _import(qtbot, wizard, messages) -> None:
    before = len(messages)
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.summary is not None or len(messages) > before, timeout=30_000)


def _column(table, label: str) -> list[str]:
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    col = headers.index(label)
    return [table.item(r, col).text() for r in range(table.rowCount())]


def _choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    combo.setCurrentIndex(index)


# --- the preview once the user maps the columns ---------------------------------------------


def test_preview_reads_a_mapped_date_column_as_the_import_will(qtbot, window, messages, tmp_path):
    """A generic sheet: the user maps 'Met on' to Connected on. The preview must show the date
    Vouch will store (day first here: 23/05/2024 settles it), not the text as written, so the
    user can check the day/month order before pressing Import."""
    parent, session = window
    path = tmp_path / "people.csv"
    rows = [["Who", "Employer", "Met on"],
            ["Kim Park", "Hooli", "03/05/2024"],
            ["Lee Wong", "Globex", "23/05/2024"]]  # fmt: skip
    path.write_text(s._csv(rows), encoding="utf-8")
    wizard = open_wizard(qtbot, parent, session, path)
    combos = wizard.mapping_widget.combos
    _choose(combos["full_name"], "Who")
    _choose(combos["connected_on"], "Met on")
    assert _column(wizard.preview, "Connected on") == ["2024-05-03", "2024-05-23"]
    col = [wizard.preview.horizontalHeaderItem(c).text()
           for c in range(wizard.preview.columnCount())].index("Connected on")  # fmt: skip
    assert wizard.preview.item(0, col).toolTip() == "2024-05-03 (in the file: 03/05/2024)"

    _import(qtbot, wizard, messages)
    assert wizard.summary is not None, messages
    kim = Contact.get(Contact.first_name == "Kim")
    assert str(kim.connected_on) == "2024-05-03"  # what the preview said


def test_changing_one_column_of_a_linkedin_file_keeps_the_preview_as_read(
    qtbot, window, messages, tmp_path
):
    """After 'Change the column mapping…' the other fields must still preview as the import
    reads them: 'Connected On' as a date, the urn:li:member id not as an email."""
    parent, session = window
    wizard = open_wizard(qtbot, parent, session, s.linkedin_current(tmp_path / "Connections.csv"))
    assert _column(wizard.preview, "Connected on")[0] == "2024-05-03"
    qtbot.mouseClick(wizard.mapping_toggle, Qt.MouseButton.LeftButton)
    combos = wizard.mapping_widget.combos
    _choose(combos["notes"], "Position")
    assert _column(wizard.preview, "Notes")[0] == "Engineering Manager"  # the user's choice
    assert _column(wizard.preview, "Connected on")[:2] == ["2024-05-03", "2023-03-26"]
    assert "urn:li:member:123456789" not in _column(wizard.preview, "Email")

    _import(qtbot, wizard, messages)
    assert wizard.summary is not None, messages
    ana = Contact.get(Contact.first_name == "Ana")
    assert (ana.notes, str(ana.connected_on)) == ("Engineering Manager", "2024-05-03")


def test_changing_the_mapping_after_the_file_went_away_keeps_the_wizard_usable(
    qtbot, window, messages, tmp_path
):
    parent, session = window
    path = s.generic(tmp_path / "people.csv")
    wizard = open_wizard(qtbot, parent, session, path)
    path.unlink()  # moved or deleted while the wizard is open
    _choose(wizard.mapping_widget.combos["full_name"], "Who")
    assert _column(wizard.preview, "Full name") == ["Kim Park", "Lee Wong"]
    _import(qtbot, wizard, messages)
    assert messages[-1][0] == "warning" and str(path) in messages[-1][1]
    assert "does not exist" in messages[-1][1]
    assert Contact.select().count() == 0


# --- files with no columns at all -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("Connections.csv", b"<html><body><h1>Sign in to LinkedIn</h1></body></html>\n"),
        ("export.csv", bytes(random.Random(1).randrange(256) for _ in range(5000))),
    ],
)
def test_a_file_with_no_columns_gets_one_warning_not_an_offer_to_map_it(
    qtbot, window, messages, tmp_path, name, content
):
    """A web page saved as .csv, or random bytes: offering 'Map the columns yourself?' and,
    on Yes, repeating the same message is two dialogs for one problem (and a promise the
    wizard cannot keep). One warning that names the file; nothing written."""
    parent, session = window
    path = tmp_path / name
    path.write_bytes(content)
    start_import(parent, session, path)
    assert [kind for kind, _text in messages] == ["warning"], messages
    assert str(path) in messages[0][1] and "Traceback" not in messages[0][1]
    assert not parent.findChildren(ImportWizard)
    assert Contact.select().count() == 0


def test_a_sheet_with_columns_but_no_known_header_is_still_offered_the_mapping(
    qtbot, window, messages, tmp_path
):
    parent, session = window
    wizard = open_wizard(qtbot, parent, session, s.generic(tmp_path / "people.csv"))
    assert [kind for kind, _text in messages] == ["question"]
    assert wizard.mapping_area.isVisibleTo(wizard)


# --- the summary -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["left_linkedin", "no_names"])
def test_summary_of_an_import_that_skipped_every_row_does_not_say_up_to_date(
    qtbot, window, messages, tmp_path, kind
):
    """Every row skipped (people who left LinkedIn; a name column that is empty): nothing was
    imported, and the headline must say so rather than 'your contacts were already up to
    date' above '0 Already up to date / 2 Skipped'."""
    parent, session = window
    if kind == "left_linkedin":
        path = s.linkedin_current(tmp_path / "Connections.csv", people=[], left=2)
    else:
        path = tmp_path / "people.csv"
        path.write_text("Name,Company\n,Acme\n,Globex\n", encoding="utf-8")
    wizard = open_wizard(qtbot, parent, session, path)
    _import(qtbot, wizard, messages)
    summary = wizard.summary
    assert summary is not None, messages
    assert summary.count_labels["skipped"].text() == "2"
    headline = summary.headline.text()
    assert "up to date" not in headline
    assert "Nothing was imported" in headline and path.name in headline
    assert "2 rows" in headline
    assert Contact.select().count() == 0 and ImportBatch.select().count() == 0


def test_summary_of_a_reimport_still_says_up_to_date(qtbot, window, messages, tmp_path):
    parent, session = window
    path = s.linkedin_current(tmp_path / "Connections.csv")
    from crm.importers.api import import_path

    import_path(path)
    wizard = open_wizard(qtbot, parent, session, path)
    _import(qtbot, wizard, messages)
    assert "already up to date" in wizard.summary.headline.text()


# --- Cancel --------------------------------------------------------------------------------------


def test_a_cancel_that_comes_too_late_is_explained(qtbot, window, messages, tmp_path, monkeypatch):
    """Cancel pressed once the import has been saved (the bar at 100 %, the duplicate check
    running): the summary that follows must not read as if Cancel had not been pressed; it
    says the import was already saved and that Undo takes it back."""
    parent, session = window
    import crm.importers.duplicates as dup

    wizard = open_wizard(qtbot, parent, session, s.linkedin_current(tmp_path / "Connections.csv"))
    real = dup.batch_duplicates

    def late(batch):
        wizard.task.cancel()  # the user presses Cancel now: the import is already committed
        return real(batch)

    monkeypatch.setattr(dup, "batch_duplicates", late)
    _import(qtbot, wizard, messages)
    summary = wizard.summary
    assert summary is not None, messages
    assert Contact.select().count() == 6
    text = summary.headline.text()
    assert "Cancel" in text and "already saved" in text and "Undo this import" in text
    assert summary.undo_button.isEnabled()
    qtbot.mouseClick(summary.undo_button, Qt.MouseButton.LeftButton)
    assert Contact.select().count() == 0


def test_cancel_pressed_while_the_import_saves_writes_nothing(
    qtbot, window, messages, tmp_path, monkeypatch
):
    parent, session = window
    real = wiz_mod._import_and_check

    def cancel_at_full_bar(*args, progress, cancelled):
        def report(done, total):
            progress(done, total)
            if done >= total:
                wizard.task.cancel()  # Cancel pressed as the bar reaches 100 %

        return real(*args, progress=report, cancelled=cancelled)

    monkeypatch.setattr(wiz_mod, "_import_and_check", cancel_at_full_bar)
    wizard = open_wizard(qtbot, parent, session, s.big_linkedin(tmp_path / "Connections.csv", 3000))
    _import(qtbot, wizard, messages)
    assert messages == [("information", "Import cancelled: nothing was saved.")]
    assert Contact.select().count() == 0 and ImportBatch.select().count() == 0


# --- drag and drop -------------------------------------------------------------------------------


def test_dropping_two_files_does_not_silently_ignore_the_second(qtbot, db, messages, tmp_path):
    from ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(Session(db), settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    first = s.linkedin_current(tmp_path / "Connections.csv")
    second = s.google_current(tmp_path / "google.csv")
    drop_files(win, first, second)
    wizards = win.findChildren(ImportWizard)
    told = " ".join(text for _kind, text in messages)
    assert "google.csv" in told or any(w.file_label.text() == "google.csv" for w in wizards), (
        "the second dropped file was ignored without a word"
    )

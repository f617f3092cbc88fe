"""Export: formulas reach the workbook as text; a refused or failed write leaves no broken file."""

from __future__ import annotations

import errno
import gc
import os
import tempfile
import zipfile

import pytest
from openpyxl import load_workbook

from crm.errors import InputError
from crm.exporters.report import export_report
from tests.reliability.conftest import file_hash

# An aborted openpyxl save leaves its XML generators to be collected with an error: harmless.
ABORTED_SAVE = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")

PAYLOADS = {
    "=": '=HYPERLINK("http://evil.example","click")',
    "+": "+1+cmd|' /C calc'!A0",
    "-": "-2+3+cmd|' /C calc'!A0",
    "@": "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t": "\t=1+1",
    "\r": "\r=1+1",
}


@pytest.fixture
def hostile_contacts(db):
    """One contact per formula prefix, the payload in notes, position and company name."""
    from crm.services.contacts import create_contact
    from crm.store.models import db as database

    for i, (prefix, payload) in enumerate(PAYLOADS.items()):
        contact = create_contact(f"Mallory{i}", "Formula")
        database.execute_sql(
            "UPDATE contact SET notes = ?, position = ? WHERE id = ?",
            (payload, payload, contact.id),
        )
        database.execute_sql(
            "INSERT INTO company (name, name_key, industry, website, is_target, priority, notes,"
            " created_at) VALUES (?, ?, '', '', 0, 0, ?, '2025-01-01 00:00:00')",
            (payload, f"evil {i}", payload),
        )
        assert (
            database.execute_sql("SELECT notes FROM contact WHERE id = ?", (contact.id,))
            .fetchone()[0]
            .startswith(prefix)
        )
    return db


def test_every_formula_prefix_is_written_as_text(hostile_contacts, tmp_path):
    out = export_report(tmp_path / "report.xlsx")
    wb = load_workbook(out)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
    formulas = [c.coordinate for c in cells if c.data_type == "f"]
    assert formulas == [], f"cells written as formulas: {formulas}"
    texts = {c.value for c in cells if c.data_type in ("s", "inlineStr")}
    for prefix, payload in PAYLOADS.items():
        assert payload in texts, f"payload starting with {prefix!r} not read back as text"
    contacts = wb["Contacts"]
    notes = [c.value for row in contacts.iter_rows() for c in row if c.value in PAYLOADS.values()]
    assert len(notes) >= len(PAYLOADS)


def _only_file(folder):
    return sorted(p.name for p in folder.iterdir())


def test_read_only_folder_gives_a_clear_message_and_no_file(demo_db, tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chmod(folder, 0o555)
    if os.geteuid() == 0:  # root writes anywhere: make the folder refuse the way a user's would

        def refuse(*args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied", str(folder))

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    try:
        with pytest.raises(InputError) as info:
            export_report(folder / "report.xlsx")
        message = info.value.user_message()
        assert "report.xlsx" in message
        assert "not writable" in message or "permission" in message.lower()
        assert "\n" not in message
        assert _only_file(folder) == []
    finally:
        os.chmod(folder, 0o755)


@pytest.fixture
def previous_export(demo_db, tmp_path):
    """A good report already under the target name, which a failed export must not damage."""
    folder = tmp_path / "exports"
    folder.mkdir()
    target = export_report(folder / "report.xlsx")
    return target, file_hash(target)


@ABORTED_SAVE
def test_disk_full_while_writing_keeps_the_old_file_and_no_temp(previous_export, monkeypatch):
    target, digest = previous_export
    real = zipfile.ZipFile.writestr
    calls = {"n": 0}

    def fill_up(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", fill_up)
    with pytest.raises(InputError) as info:
        export_report(target)
    gc.collect()  # collect the aborted save's generators here, under ABORTED_SAVE
    assert "disk is full" in info.value.user_message()
    assert str(target.name) in info.value.user_message()
    assert file_hash(target) == digest
    assert _only_file(target.parent) == [target.name]
    load_workbook(target)  # still a whole workbook


@ABORTED_SAVE
def test_disk_full_at_the_rename_keeps_the_old_file_and_no_temp(previous_export, monkeypatch):
    target, digest = previous_export

    def no_space(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(InputError) as info:
        export_report(target)
    gc.collect()  # collect the aborted save's generators here, under ABORTED_SAVE
    assert "disk is full" in info.value.user_message()
    assert file_hash(target) == digest
    assert _only_file(target.parent) == [target.name]


@ABORTED_SAVE
def test_disk_full_on_a_first_export_leaves_nothing(demo_db, tmp_path, monkeypatch):
    real = zipfile.ZipFile.writestr

    def fill_up(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", fill_up)
    with pytest.raises(InputError):
        export_report(tmp_path / "first.xlsx")
    gc.collect()
    monkeypatch.setattr(zipfile.ZipFile, "writestr", real)
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".xlsx", ".tmp")] == []


@ABORTED_SAVE
@pytest.mark.parametrize("fault", ["read-only folder", "disk full"])
def test_cli_export_fault_exits_2_with_one_line(fault, demo_db, tmp_path, monkeypatch, capsys):
    from crm.cli import main

    folder = tmp_path / "out"
    folder.mkdir()

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(folder))

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    if fault == "read-only folder":
        monkeypatch.setattr(tempfile, "mkstemp", refuse)  # what chmod 555 does to a user
        expected = "not writable"
    else:
        monkeypatch.setattr(zipfile.ZipFile, "writestr", no_space)
        expected = "disk is full"
    code = main(["--db", str(demo_db), "export", str(folder / "report.xlsx")])
    gc.collect()
    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and "report.xlsx" in lines[0], err
    assert "Traceback" not in err
    assert list(folder.iterdir()) == []

"""Seventh audit, bad input on the archive and address-book paths: what the user is told,
the exit code of vouch-cli, and that nothing is written."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from crm.errors import InputError
from crm.importers.api import import_path, inspect

from . import samples as s

# The first bytes of the archives a LinkedIn export is re-packed into when it is not a zip.
OTHER_ARCHIVES = [
    (b"Rar!\x1a\x07\x01\x00", "a RAR archive"),
    (b"Rar!\x1a\x07\x00", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c\x00\x04", "a 7-Zip archive"),
    (b"\xfd7zXZ\x00\x00\x04", "an xz archive"),
    (b"BZh91AY&SY", "a bzip2 archive"),
]


@pytest.mark.parametrize("magic, what", OTHER_ARCHIVES)
@pytest.mark.parametrize("name", ["Basic_LinkedInDataExport.zip", "Connections.csv"])
def test_another_kind_of_archive_is_named_with_what_to_do(
    db, tmp_path, snapshot, magic, what, name
):
    path = tmp_path / name
    path.write_bytes(magic + bytes(range(256)) * 8)
    before = snapshot()
    for step in (inspect, import_path):
        with pytest.raises(InputError) as err:
            step(path)
        assert err.value.file == str(path)
        assert f"it is {what}" in err.value.problem
        assert "extract" in err.value.problem and "import" in err.value.problem
    assert snapshot() == before


def _cli(db: Path, target: Path) -> subprocess.CompletedProcess:
    cli = str(Path(sys.executable).with_name("vouch-cli"))
    return subprocess.run([cli, "--db", str(db), "import", str(target), "--json"],
                          capture_output=True, text=True, timeout=60)  # fmt: skip


def _contacts(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM contact").fetchone()[0]


def _bad_archives(tmp: Path) -> dict[str, tuple[Path, str]]:
    """Each bad archive, and words its one line on stderr must hold."""
    folder = s.archive_folder(tmp / "Basic_LinkedInDataExport")
    good = tmp / "good.zip"
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(folder.rglob("*.csv")):
            zf.write(p, p.relative_to(folder).as_posix())
    data = good.read_bytes()
    cases = {}
    (tmp / "empty").mkdir()
    cases["empty folder"] = (tmp / "empty", "holds no Connections.csv")
    with zipfile.ZipFile(tmp / "empty.zip", "w"):
        pass
    cases["empty zip"] = (tmp / "empty.zip", "empty zip archive")
    no_conn = tmp / "no_connections.zip"
    with zipfile.ZipFile(no_conn, "w") as zf:
        zf.write(folder / "messages.csv", "messages.csv")
    # the other files of a LinkedIn archive, downloaded without the connections
    cases["no Connections.csv"] = (no_conn, "LinkedIn data archive with no Connections.csv")
    (tmp / "cut.zip").write_bytes(data[: len(data) // 2])
    cases["cut off"] = (tmp / "cut.zip", "truncated or incomplete")
    (tmp / "rar.zip").write_bytes(b"Rar!\x1a\x07\x01\x00" + bytes(range(256)))
    cases["a RAR under a .zip name"] = (tmp / "rar.zip", "RAR archive")
    return cases


def test_the_cli_refuses_each_bad_archive_with_one_line_and_exit_2(tmp_path):
    for label, (target, words) in _bad_archives(tmp_path / "files").items():
        db = tmp_path / f"{label.replace(' ', '_')}.db"
        run = _cli(db, target)
        assert run.returncode == 2, (label, run.stderr)
        assert run.stdout == ""
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and str(target) in lines[0] and words in lines[0], (label, lines)
        assert "Traceback" not in run.stderr
        assert _contacts(db) == 0


# --- a file of the archive picked on its own ----------------------------------------------

SIDE_FILES = ["messages.csv", "Invitations.csv", "Recommendations_Received.csv",
              "Endorsement_Received_Info.csv", "Company Follows.csv", "Jobs/Saved Jobs.csv",
              "Jobs/Job Applications.csv"]  # fmt: skip


@pytest.mark.parametrize("name", SIDE_FILES)
def test_an_archive_file_picked_on_its_own_says_to_import_the_archive(db, tmp_path, snapshot, name):
    """Saved Jobs.csv alone made a contact called 'Hooli' with the title 'Data Engineer';
    messages.csv alone was 'no recognisable header'."""
    folder = s.archive_folder(tmp_path / "export")
    (folder / "Invitations.csv").write_text(
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        f'Ana Lopez,Me,"12/15/24, 7:47 AM",Hi,INCOMING,{s.url("ana-lopez-1a2b")},{s.ME}\n',
        encoding="utf-8",
    )
    path = folder / name
    before = snapshot()
    for step in (inspect, import_path):
        with pytest.raises(InputError) as err:
            step(path)
        assert err.value.file == str(path)
        assert f"is the {path.name} of a LinkedIn data archive" in err.value.problem
        assert "Connections.csv" in err.value.problem
    assert snapshot() == before


def test_a_contacts_sheet_with_a_from_column_is_still_a_contacts_sheet(db, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("Name,From,Company\nKim Park,Seoul,Hooli\n", encoding="utf-8")
    assert import_path(path).created == 1


def test_an_archive_downloaded_without_connections_says_what_it_holds_and_what_to_do(
    db, tmp_path, snapshot
):
    folder = s.archive_folder(tmp_path / "Basic_LinkedInDataExport")
    (folder / "Connections.csv").unlink()
    before = snapshot()
    with pytest.raises(InputError) as err:
        import_path(folder)
    problem = err.value.problem
    assert problem.startswith("is a LinkedIn data archive with no Connections.csv")
    assert "messages.csv" in problem and "Saved Jobs.csv" in problem
    assert "Connections" in problem.split(":", 1)[1]  # what to do: download it with them
    assert snapshot() == before

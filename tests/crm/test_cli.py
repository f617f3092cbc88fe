"""vouch-cli through a subprocess, as a user runs it: output, JSON shapes and exit codes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "crm.cli"]


def run(*args, env_db=None):
    env = dict(os.environ)
    if env_db:
        env["VOUCH_DB"] = str(env_db)
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "d.db"
    out = run("--db", str(path), "demo")
    assert out.returncode == 0, out.stderr
    return path


def test_the_entry_point_is_installed():
    assert (Path(sys.executable).parent / "vouch-cli").exists()


def test_stats_json_shape(demo):
    out = run("--db", str(demo), "stats", "--json")
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert set(data) == {"contacts", "companies", "referrals", "interactions", "jobs"}
    assert data["contacts"] > 50 and data["jobs"] >= 5


def test_vouch_db_environment_variable_is_used(demo):
    out = run("stats", "--json", env_db=demo)
    assert json.loads(out.stdout)["contacts"] > 50


def test_paths_are_ranked_and_explained(demo):
    out = run("--db", str(demo), "paths", "Acme Robotics")
    assert out.returncode == 0
    assert "Warm paths to Acme Robotics" in out.stdout
    assert "first-degree connection" in out.stdout and "Ask " in out.stdout
    data = json.loads(run("--db", str(demo), "paths", "acme", "--json").stdout)
    lengths = [p["length"] for p in data["paths"]]
    assert lengths == sorted(lengths) and lengths
    assert all(h["explain"] for p in data["paths"] for h in p["hops"])


def test_companies_metrics_followups(demo):
    comps = json.loads(run("--db", str(demo), "companies", "--json").stdout)
    assert any(c["name"] == "Acme Robotics" and c["target"] for c in comps)
    metrics = json.loads(run("--db", str(demo), "metrics", "--json").stdout)
    assert metrics["network_target"] == [50, 60] and metrics["weeks"]
    assert "meetings" in metrics["this_week"]
    due = json.loads(run("--db", str(demo), "followups", "--json").stdout)
    assert any(d["kind"] == "thank_you" for d in due)
    assert run("--db", str(demo), "metrics").stdout.startswith("Campaign day")


def test_unknown_company_exits_2_with_one_line(demo):
    out = run("--db", str(demo), "paths", "No Such Corp")
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "No Such Corp" in out.stderr
    assert "Traceback" not in out.stderr


def test_demo_refuses_a_database_with_contacts(demo):
    out = run("--db", str(demo), "demo")
    assert out.returncode == 2 and "already holds contacts" in out.stderr


def test_a_file_that_is_not_a_database_exits_2(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("just text")
    out = run("--db", str(bad), "stats")
    assert out.returncode == 2 and str(bad) in out.stderr and "Traceback" not in out.stderr


def test_backup_and_restore(tmp_path):
    path = tmp_path / "b.db"
    assert run("--db", str(path), "demo").returncode == 0
    out = run("--db", str(path), "backup")
    assert out.returncode == 0
    saved = out.stdout.strip()
    assert Path(saved).exists()
    assert run("--db", str(path), "restore", saved).returncode == 0
    assert json.loads(run("--db", str(path), "stats", "--json").stdout)["contacts"] > 50
    out = run("--db", str(path), "restore", str(tmp_path / "missing.db"))
    assert out.returncode == 2 and "no such backup" in out.stderr


def test_a_busy_database_exits_2_with_a_clear_line(tmp_path):
    import sqlite3

    path = tmp_path / "busy.db"
    from crm.store.connection import close_database, open_database

    open_database(path, backup=False)  # an empty database (stats no longer creates one)
    close_database()
    holder = sqlite3.connect(path, timeout=0.1)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        out = subprocess.run(
            [*CLI, "--db", str(path), "demo"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "VOUCH_BUSY_TIMEOUT_MS": "200"},
        )
    finally:
        holder.rollback()
        holder.close()
    assert out.returncode == 2, out.stderr
    assert "busy" in out.stderr and "Traceback" not in out.stderr


# --- a database that is not there: read commands refuse it, write commands start it --------

READ_ONLY = [
    ("stats", "--json"),
    ("companies",),
    ("paths", "Acme"),
    ("metrics", "--json"),
    ("followups",),
    ("backup",),
    ("undo-import",),
    ("undo-import", "1"),
    ("export", "OUT"),
]


def _connections(folder: Path) -> Path:
    csv = folder / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,,,Acme,CEO,31 Foo 2024\n"
        ",,,,,,02 Jun 2022\n",
        encoding="utf-8",
    )
    return csv


def _args(command: tuple[str, ...], folder: Path) -> list[str]:
    return [str(folder / "r.xlsx") if a == "OUT" else a for a in command]


@pytest.mark.parametrize("command", READ_ONLY, ids=" ".join)
def test_a_read_command_refuses_a_database_that_does_not_exist(tmp_path, command):
    """A typo in --db names the path and creates nothing: no empty database, no backup
    folder, no empty report."""
    missing = tmp_path / "typo.db"
    out = run("--db", str(missing), *_args(command, tmp_path))
    assert out.returncode == 2, out.stdout + out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and str(missing) in lines[0] and "does not exist" in lines[0]
    assert "Traceback" not in out.stderr and out.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_vouch_db_naming_a_missing_file_is_refused_too(tmp_path):
    missing = tmp_path / "gone.db"
    out = run("stats", env_db=missing)
    assert out.returncode == 2 and str(missing) in out.stderr
    assert not missing.exists()


def test_a_first_run_without_a_database_says_so_instead_of_an_empty_report(tmp_path):
    """No --db, no VOUCH_DB and nothing in the user data folder yet (the tests point
    XDG_DATA_HOME at an empty folder): export explains, and leaves the folder as it was."""
    from crm.paths import default_db_path

    default = default_db_path()
    assert not default.exists()
    out = run("export", str(tmp_path / "r.xlsx"))
    assert out.returncode == 2
    assert str(default) in out.stderr and "vouch-cli import" in out.stderr
    assert not default.exists() and not (tmp_path / "r.xlsx").exists()
    assert run("demo").returncode == 0 and default.exists()  # a write command starts it
    assert json.loads(run("stats", "--json").stdout)["contacts"] > 50


def test_an_empty_database_file_that_exists_is_still_read(tmp_path):
    path = tmp_path / "new.db"
    path.touch()
    out = run("--db", str(path), "stats", "--json")
    assert out.returncode == 0 and json.loads(out.stdout)["contacts"] == 0


def test_write_commands_still_start_a_new_database(tmp_path):
    fresh = tmp_path / "sub" / "fresh.db"
    out = run("--db", str(fresh), "import", str(_connections(tmp_path)), "--json")
    assert out.returncode == 0, out.stderr
    assert fresh.exists() and json.loads(out.stdout)["created"] == 1
    demo = tmp_path / "demo.db"
    assert run("--db", str(demo), "demo").returncode == 0 and demo.exists()


def test_restore_into_a_path_with_no_database_still_works(tmp_path, demo):
    from crm.store.backup import make_backup

    saved = make_backup(demo, label="for-restore")
    target = tmp_path / "restored.db"
    out = run("--db", str(target), "restore", str(saved))
    assert out.returncode == 0, out.stderr
    assert json.loads(run("--db", str(target), "stats", "--json").stdout)["contacts"] > 50


# --- import --json: which rows were skipped and why, and the warnings -----------------------


def test_import_json_lists_skipped_rows_and_warnings(tmp_path):
    out = run("--db", str(tmp_path / "v.db"), "import", str(_connections(tmp_path)), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert list(data)[:8] == [
        "format", "encoding", "rows", "created", "updated", "unchanged", "skipped", "batch",
    ]  # fmt: skip
    assert data["skipped"] == 1 == len(data["skipped_rows"])
    (skipped,) = data["skipped_rows"]
    assert set(skipped) == {"row", "reason"} and isinstance(skipped["row"], int)
    assert "only a date" in skipped["reason"]
    assert len(data["warnings"]) == 1 and "31 Foo 2024" in data["warnings"][0]
    again = json.loads(
        run("--db", str(tmp_path / "v.db"), "import", str(_connections(tmp_path)), "--json").stdout
    )
    assert again["batch"] is None and again["skipped"] == len(again["skipped_rows"])


def test_import_json_of_a_clean_file_has_empty_lists(tmp_path):
    csv = tmp_path / "c.csv"
    csv.write_text("First Name,Last Name,Email\nAnn,Lee,ann@example.org\n", encoding="utf-8")
    data = json.loads(run("--db", str(tmp_path / "v.db"), "import", str(csv), "--json").stdout)
    assert data["skipped"] == 0 and data["skipped_rows"] == [] and data["warnings"] == []


def test_import_json_of_a_linkedin_archive(tmp_path):
    """The archive goes through the same ImportResult.to_dict(): the skipped rows are those of
    Connections.csv, the warnings name the side file that was left out."""
    from tests.crm.importers import samples

    folder = samples.archive_folder(tmp_path / "export")
    samples.linkedin_current(folder / "Connections.csv", left=1)  # one person who left
    (folder / "Company Follows.csv").write_text("", encoding="utf-8")  # unreadable side file
    out = run("--db", str(tmp_path / "v.db"), "import", str(folder), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["format"] == "linkedin-archive" and data["created"] == 6
    assert data["skipped"] == 1 and "only a date" in data["skipped_rows"][0]["reason"]
    assert [w for w in data["warnings"] if "Company Follows.csv" in w and "skipped" in w]

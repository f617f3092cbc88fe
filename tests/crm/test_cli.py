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
    assert run("--db", str(path), "stats").returncode == 0  # an empty database
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

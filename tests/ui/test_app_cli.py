"""`vouch` from the command line: screenshot, smoke test, and the X11 library check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from ui import platform_check
from ui.platform_check import XCB_LIBRARIES, ctypes_finder

ROOT = Path(__file__).resolve().parents[2]


def run_vouch(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **env)
    return subprocess.run(
        [sys.executable, "-m", "ui.app", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=120,
    )


def test_screenshot_through_the_entry_point(tmp_path):
    out = tmp_path / "shots" / "contacts.png"
    result = run_vouch(
        "--db", str(tmp_path / "v.db"), "--screenshot", str(out), "--view", "contacts",
        "--size", "1300x820", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1300, 820)


def test_dark_color_scheme_gives_a_dark_window(tmp_path):
    out = tmp_path / "dark.png"
    result = run_vouch(
        "--db", str(tmp_path / "v.db"), "--screenshot", str(out), cwd=tmp_path,
        VOUCH_COLOR_SCHEME="dark",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    samples = [
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), 97)
        for y in range(0, image.height(), 89)
    ]
    assert sum(samples) / len(samples) < 110


def test_unknown_view_is_refused_in_plain_words(tmp_path):
    result = run_vouch(
        "--db", str(tmp_path / "v.db"), "--screenshot", str(tmp_path / "x.png"),
        "--view", "nope", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert "unknown view 'nope'" in result.stderr


def test_smoke_test_runs_every_step(tmp_path):
    result = run_vouch("--smoke-test", cwd=tmp_path)
    lines = result.stdout.splitlines()
    for step in (
        "open database",
        "load demo network",
        "export workbook",
        "re-import the workbook",
        "one writer lock",
    ):
        assert any(line.startswith("ok") and step in line for line in lines), result.stdout
    for view in ("today", "contacts", "companies", "referrals", "jobs", "metrics", "network"):
        assert any(line.startswith("ok") and f"view {view}" in line for line in lines)
    assert any(line.startswith("ok") and "import LinkedIn file" in line for line in lines)
    assert result.returncode == 0, result.stdout + result.stderr
    assert lines[-1].startswith("smoke test passed")


def test_version_flag(tmp_path):
    result = run_vouch("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("Vouch 0.")


def test_app_icon_has_every_size(qapp):
    from ui.app import ICON_SIZES, app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} == set(ICON_SIZES)


# --- the X11 library check (ui.platform_check), with a fake find_library ----------------------


def fake_find_library(missing: set[str]):
    return lambda name: None if name in missing else f"lib{name}.so.0"


def test_all_libraries_present_means_no_problem():
    finder = ctypes_finder(fake_find_library(set()))
    assert platform_check.missing_libraries(finder) == []
    assert platform_check.check(finder, environ={"DISPLAY": ":0"}) is None


def test_missing_libraries_are_named_with_the_apt_command():
    finder = ctypes_finder(fake_find_library({"xcb-cursor", "xcb-icccm", "xkbcommon-x11"}))
    missing = platform_check.missing_libraries(finder)
    assert [lib.package for lib in missing] == [
        "libxcb-cursor0",
        "libxcb-icccm4",
        "libxkbcommon-x11-0",
    ]
    problem = platform_check.check(finder, environ={"DISPLAY": ":0"})
    assert problem is not None and "\n" not in problem
    assert "libxcb-cursor0, libxcb-icccm4, libxkbcommon-x11-0" in problem
    assert problem.endswith("sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxkbcommon-x11-0")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"DISPLAY": ":0"}, True),
        ({}, False),  # no X server at all: nothing to check
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-7"}, False),  # Qt uses wayland
        ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}, False),  # default socket wayland-0
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "gone"}, True),  # Qt falls back to xcb
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}, False),
        ({"DISPLAY": ":9", "QT_QPA_PLATFORM": "xcb"}, True),
        ({"WAYLAND_DISPLAY": "wayland-7", "QT_QPA_PLATFORM": "xcb;wayland"}, True),
    ],
)
def test_check_applies_only_to_an_x11_start(environ, expected, tmp_path):
    """A reachable Wayland compositor means Qt will not load xcb; an unreachable one means it will."""
    (tmp_path / "wayland-7").touch()
    (tmp_path / "wayland-0").touch()
    environ = {**environ, "XDG_RUNTIME_DIR": str(tmp_path)}
    assert platform_check.needs_check(environ, platform="linux") is expected


def test_check_never_applies_off_linux():
    assert not platform_check.needs_check({"DISPLAY": ":0"}, platform="darwin")
    assert not platform_check.needs_check({"DISPLAY": ":0"}, platform="win32")


def test_started_from_a_desktop_icon_also_notifies(monkeypatch, capsys):
    monkeypatch.setattr(platform_check, "needs_check", lambda environ=None: True)
    calls = []
    import shutil
    import subprocess

    monkeypatch.setattr(shutil, "which", lambda exe: f"/usr/bin/{exe}")
    monkeypatch.setattr(subprocess, "run", lambda cmd, **kw: calls.append(cmd))
    finder = ctypes_finder(fake_find_library({"xcb-keysyms"}))

    assert platform_check.ensure_display_libraries(finder) is False
    err = capsys.readouterr().err
    assert "libxcb-keysyms1" in err and "sudo apt-get install libxcb-keysyms1" in err
    assert calls and calls[0][0] == "/usr/bin/notify-send"
    assert "libxcb-keysyms1" in calls[0][-1]


def test_main_stops_before_qt_when_libraries_are_missing(monkeypatch, capsys):
    import ui.app

    monkeypatch.setattr(platform_check, "check", lambda finder=None: "lacks libxcb-icccm4")
    monkeypatch.setattr(platform_check, "_notify", lambda text: None)
    assert ui.app.main(["--db", "unused.db"]) == 3
    assert "lacks libxcb-icccm4" in capsys.readouterr().err


def test_check_does_not_import_qt():
    code = "import sys, ui.platform_check as p; p.check(); print('PySide6' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "False"


def test_every_checked_library_names_its_package():
    assert all(lib.package and lib.soname.startswith("lib") for lib in XCB_LIBRARIES)


def test_packaging_metadata_is_valid():
    out = subprocess.run(
        [sys.executable, "packaging/check_metadata.py"], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="the desktop entry is for Linux")
def test_install_desktop_puts_entry_and_icons_in_the_user_folders(tmp_path):
    exe = tmp_path / "My Apps" / "vouch"
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "share"), VOUCH_EXEC=str(exe))
    out = subprocess.run(
        ["packaging/install-desktop.sh"], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert out.returncode == 0, out.stderr
    share = tmp_path / "share"
    entry = (share / "applications" / "io.github.vouch.Vouch.desktop").read_text()
    assert f'Exec="{exe}"' in entry  # a path with a space is quoted
    assert f"TryExec={exe}" in entry
    assert "Icon=io.github.vouch.Vouch" in entry
    for size in (16, 32, 48, 256, 512):
        png = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "io.github.vouch.Vouch.png"
        assert QImage(str(png)).width() == size
    assert (share / "icons/hicolor/scalable/apps/io.github.vouch.Vouch.svg").exists()
    assert (share / "metainfo" / "io.github.vouch.Vouch.metainfo.xml").exists()


def test_a_start_paints_the_window_and_then_backs_the_database_up(tmp_path, demo_db):
    """The backup of each start is made after the first paint now: still exactly one, and
    whole, by the time the app has exited."""
    from crm.store.backup import list_backups
    from crm.store.connection import close_database

    close_database()
    before = len(list_backups(demo_db))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "bench.children", "paint", "vouch", str(demo_db)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "painted" in done.stdout
    assert len(list_backups(demo_db)) == before + 1

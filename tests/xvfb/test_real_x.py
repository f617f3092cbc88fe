"""Vouch on a real X server: the window maps, typing narrows the contacts, the bundle starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QTableView

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "Vouch" / ("Vouch.exe" if sys.platform == "win32" else "Vouch")


def test_qt_runs_on_the_xcb_platform(qapp):
    assert QGuiApplication.platformName() == "xcb"
    screen = QGuiApplication.primaryScreen()
    assert screen.size().width() >= 1024


def test_main_window_maps_with_its_icon(main_window):
    assert main_window.isVisible()
    assert main_window.windowHandle().isExposed()
    assert not main_window.windowIcon().isNull()
    assert main_window.windowTitle().startswith("Vouch")


def _contacts_widgets(window):
    window.show_view("contacts")
    view = window.views["contacts"]
    search = view.findChild(QLineEdit, "contact_search") or view.findChild(QLineEdit)
    table = view.findChild(QTableView)
    assert search is not None and table is not None, "the contacts view has no search or table"
    return view, search, table


def test_typed_search_narrows_the_contacts_table(main_window, qtbot):
    _view, search, table = _contacts_widgets(main_window)
    model = table.model()
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    everyone = model.rowCount()
    first_name = str(model.index(0, 0).data(Qt.ItemDataRole.DisplayRole)).split()[0]

    search.setFocus()
    QTest.keyClicks(search, first_name)
    assert search.text() == first_name
    qtbot.waitUntil(lambda: 0 < model.rowCount() < everyone)
    names = [str(model.index(r, 0).data()) for r in range(model.rowCount())]
    assert any(first_name in name for name in names)

    QTest.keyClicks(search, "zzqx")  # nobody matches now
    qtbot.waitUntil(lambda: model.rowCount() == 0)

    QTest.keyClick(search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(search, Qt.Key.Key_Backspace)
    assert search.text() == ""
    qtbot.waitUntil(lambda: model.rowCount() == everyone)


def _env_on_x() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="xcb")


def test_entry_point_draws_the_window_on_x(tmp_path):
    out = tmp_path / "x11.png"
    result = subprocess.run(
        [sys.executable, "-m", "ui.app", "--db", str(tmp_path / "v.db"), "--screenshot", str(out)],
        capture_output=True, text=True, env=_env_on_x(), cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0


def test_smoke_test_on_x(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "ui.app", "--smoke-test"],
        capture_output=True, text=True, env=_env_on_x(), cwd=tmp_path, timeout=180,
    )  # fmt: skip
    assert "Qt platform 'xcb'" in result.stdout.splitlines()[0]
    assert any(
        line.startswith("ok") and "view contacts" in line for line in result.stdout.splitlines()
    )


@pytest.mark.skipif(not BUNDLE.exists(), reason=f"no bundle at {BUNDLE}: run `make bundle` first")
def test_bundle_smoke_test_on_x(tmp_path):
    result = subprocess.run(
        [str(BUNDLE), "--smoke-test"],
        capture_output=True, text=True, env=_env_on_x(), cwd=tmp_path, timeout=180,
    )  # fmt: skip
    lines = result.stdout.splitlines()
    assert lines and "Qt platform 'xcb'" in lines[0], result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr

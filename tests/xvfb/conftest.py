"""The real-X suite runs only on an X server (`make xvfb-test` starts Xvfb and sets xcb)."""

from __future__ import annotations

import os

import pytest

ON_X = os.environ.get("QT_QPA_PLATFORM") == "xcb" and bool(os.environ.get("DISPLAY"))
SKIP_REASON = (
    "real-X suite: needs QT_QPA_PLATFORM=xcb and DISPLAY (run `make xvfb-test`, which starts "
    f"Xvfb); now QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM')!r}, "
    f"DISPLAY={os.environ.get('DISPLAY')!r}"
)


def pytest_collection_modifyitems(config, items):
    if ON_X:
        # Qt aborts the whole process when the xcb plugin cannot load: say why first.
        from ui.platform_check import check

        problem = check()
        if problem:
            pytest.exit(problem, returncode=3)
        return
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.fixture
def main_window(qtbot, demo_db):
    """The real main window on the demo network, shown and mapped on the X server."""
    from PySide6.QtTest import QTest

    from ui.app import app_icon
    from ui.main_window import MainWindow
    from ui.session import Session

    window = MainWindow(Session(demo_db))
    window.setWindowIcon(app_icon())
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    assert QTest.qWaitForWindowExposed(window, 5000), "the main window never mapped"
    return window

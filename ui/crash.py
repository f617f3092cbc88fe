"""Unhandled errors: logged with their traceback, shown in plain words, never a silent exit.

`install()` replaces `sys.excepthook` and `threading.excepthook`. An error raised in a slot,
in a worker thread or at start-up lands here: the traceback goes to the rotating log file,
and the user sees a dialog with a plain sentence, a "Copy details" button and the log path.
A VouchError (bad input, a database problem) is the user's business, not a bug: it is shown
as its plain message, without a traceback.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QThread, Signal, qInstallMessageHandler
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.errors import VouchError
from crm.store.connection import translate_error

log = logging.getLogger(__name__)

_state: dict[str, object] = {}


def format_details(exc_type: type[BaseException], exc: BaseException, tb) -> str:
    """The text behind "Copy details": version, platform and the traceback."""
    from PySide6 import __version__ as pyside_version

    from crm import __version__

    head = (
        f"Vouch {__version__}, Python {sys.version.split()[0]}, PySide6 {pyside_version}, "
        f"{sys.platform}\n"
    )
    return head + "".join(traceback.format_exception(exc_type, exc, tb))


def plain_summary(exc: BaseException) -> str:
    text = str(exc).strip()
    name = type(exc).__name__
    return f"{name}: {text}" if text else name


class CrashDialog(QDialog):
    """What went wrong in one sentence; the traceback folded away; copy it in one click."""

    def __init__(self, summary: str, details: str, log_path: Path | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Vouch hit a problem")
        self.details = details
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Something went wrong inside Vouch. Your data is safe: every change you saved is in "
            "the database, and the app made a backup when it started.\n\n"
            f"The problem: {summary}"
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)
        self.log_label = QLabel(
            f"The full report is in the log file:\n{log_path}"
            if log_path
            else "No log file could be written."
        )
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.log_label)
        self.details_box = QPlainTextEdit(details)
        self.details_box.setReadOnly(True)
        self.details_box.setVisible(False)
        self.details_box.setMinimumHeight(200)
        self.details_box.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details_box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.details_box, 10)
        layout.addStretch(1)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("Copy details")
        self.copy_button.clicked.connect(self.copy_details)
        self.show_button = QPushButton("Show details")
        self.show_button.setCheckable(True)
        self.show_button.toggled.connect(self._toggle_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.resize(640, 180)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText("Copied")

    def _toggle_details(self, on: bool) -> None:
        self.details_box.setVisible(on)
        self.show_button.setText("Hide details" if on else "Show details")
        if on:
            self.resize(max(self.width(), 720), self.height() + 260)
        else:
            self.adjustSize()


class _Relay(QObject):
    """Carries an error from any thread to the GUI thread (a queued signal)."""

    raised = Signal(object, object, object)

    def on_raised(self, exc_type, exc, tb) -> None:
        show_error(exc_type, exc, tb)


def _active_window() -> QWidget | None:
    app = QApplication.instance()
    return app.activeWindow() if isinstance(app, QApplication) else None


def show_error(exc_type, exc, tb) -> None:
    """Show the dialog for one error (GUI thread only)."""
    if _state.get("showing"):
        return  # an error while showing an error: it is logged, do not stack dialogs
    _state["showing"] = True
    try:
        if isinstance(exc, VouchError):
            QMessageBox.warning(_active_window(), "Vouch", exc.user_message())
            return
        log_path = _state.get("log_path")
        dialog = CrashDialog(
            plain_summary(exc),
            format_details(exc_type, exc, tb),
            Path(log_path) if log_path else None,
            _active_window(),
        )
        _state["last_dialog"] = dialog
        dialog.exec()
    finally:
        _state["showing"] = False


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """sys.excepthook: log, then show (now in the GUI thread, or queued from another)."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    plain = translate_error(exc)
    if plain is not None and plain is not exc:
        # A busy, read-only or full database is the user's business: say it plainly.
        log.warning("database fault: %s", exc)
        exc_type, exc = type(plain), plain
    if isinstance(exc, VouchError):
        log.warning("unhandled %s: %s", exc_type.__name__, exc.user_message())
    else:
        log.error("unhandled error", exc_info=(exc_type, exc, tb))
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        sys.stderr.write("".join(traceback.format_exception(exc_type, exc, tb)))
        return
    if QThread.currentThread() is app.thread():
        show_error(exc_type, exc, tb)
    else:
        relay = _state.get("relay")
        if isinstance(relay, _Relay):
            relay.raised.emit(exc_type, exc, tb)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    handle_exception(args.exc_type, args.exc_value, args.exc_traceback)


def _qt_message(mode, context, message: str) -> None:
    """Qt's own warnings go to the log too, so a report shows what Qt complained about."""
    from PySide6.QtCore import QtMsgType

    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }.get(mode, logging.WARNING)
    logging.getLogger("qt").log(level, "%s", message)


def install(log_path: Path | None) -> None:
    """Route every unhandled error to the log and the dialog (call once the app exists)."""
    _state["log_path"] = log_path
    relay = _Relay()
    app = QApplication.instance()
    if app is not None:
        relay.moveToThread(app.thread())
    relay.raised.connect(relay.on_raised, Qt.ConnectionType.QueuedConnection)
    _state["relay"] = relay
    sys.excepthook = handle_exception
    threading.excepthook = _thread_hook
    if "previous_qt_handler" not in _state:
        _state["previous_qt_handler"] = qInstallMessageHandler(_qt_message)
    _enable_faulthandler(log_path)


def _enable_faulthandler(log_path: Path | None) -> None:
    """A hard crash (segfault in a library) still leaves a Python stack in the log folder."""
    if not log_path or _state.get("fault_file"):
        return
    try:
        fh = open(Path(log_path).with_name("vouch-fault.log"), "a", encoding="utf-8")  # noqa: SIM115
    except OSError:
        return
    _state["fault_file"] = fh
    faulthandler.enable(fh)


def uninstall() -> None:
    """Put the default hooks back (tests)."""
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
    if "previous_qt_handler" in _state:
        qInstallMessageHandler(_state.pop("previous_qt_handler"))  # type: ignore[arg-type]
    fh = _state.pop("fault_file", None)
    if fh is not None:
        faulthandler.disable()
        fh.close()  # type: ignore[attr-defined]
    _state.pop("relay", None)

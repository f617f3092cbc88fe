"""Where the user left the window: geometry, toolbars, and each view's splitters and table
headers, kept in QSettings (conventions.md 8), saved on close and restored on start.

A view is built the first time it is shown, and its splitters and headers are restored only
once it has its real size, so that the first resize does not redistribute the restored sizes.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMainWindow, QSplitter, QWidget

from ui.views.base import View


def default_settings() -> QSettings:
    return QSettings("Vouch", "Vouch")


def state_widgets(view: View) -> list[tuple[str, QWidget]]:
    """Splitters and table headers of a view, with stable keys."""
    out: list[tuple[str, QWidget]] = []
    for i, splitter in enumerate(view.findChildren(QSplitter)):
        out.append((f"splitter{i}", splitter))
    for i, item_view in enumerate(view.findChildren(QAbstractItemView)):
        header = getattr(item_view, "horizontalHeader", None) or getattr(item_view, "header", None)
        if header is not None:
            out.append((f"header{i}", header()))
    return out


class WindowState:
    """The saved state of one main window and the views it has built."""

    def __init__(self, settings: QSettings):
        self.settings = settings
        self.pending: set[str] = set()  # views built but whose saved state waits

    def restore_window(self, window: QMainWindow) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes):
            window.restoreGeometry(QByteArray(geometry))
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray | bytes):
            window.restoreState(QByteArray(state))

    def view_built(self, name: str) -> None:
        """A new view: its saved state waits until it is laid out (see `apply_pending`)."""
        self.pending.add(name)

    def apply_pending(self, window: QMainWindow, view: View) -> None:
        """Restore a view's splitters and headers once it has its real size."""
        if view.name not in self.pending or not window.isVisible():
            return
        self.pending.discard(view.name)
        window.centralWidget().layout().activate()
        if view.layout() is not None:
            view.layout().activate()
        for key, widget in state_widgets(view):
            value = self.settings.value(f"views/{view.name}/{key}")
            if isinstance(value, QByteArray | bytes):
                widget.restoreState(QByteArray(value))

    def save(self, window: QMainWindow, views: dict[str, View]) -> None:
        s = self.settings
        s.setValue("window/geometry", window.saveGeometry())
        s.setValue("window/state", window.saveState())
        for name, view in views.items():
            if name in self.pending:
                continue  # never laid out: keep what was saved before
            for key, widget in state_widgets(view):
                if isinstance(widget, QSplitter | QHeaderView):
                    s.setValue(f"views/{name}/{key}", widget.saveState())
        s.sync()

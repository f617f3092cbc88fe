"""A row of equal widgets that folds into two or more rows when the window is narrow.

The metric cards (Today, Metrics) and the contact pane's buttons sat on one fixed row, whose
minimum width became the page's: at 1024 pixels the window could not be made that narrow
and grew past the screen's edge instead. A FlowGrid asks only for the width of its
narrowest arrangement, and picks the widest one that fits its current width.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget


class FlowGrid(QWidget):
    """`widgets` in `columns[0]` equal columns when they fit, else the next count that does
    (the last count is the narrowest the grid will go)."""

    def __init__(
        self,
        widgets: Sequence[QWidget],
        columns: Sequence[int],
        spacing: int = 8,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.items = list(widgets)
        self.choices = sorted({max(1, min(c, len(self.items))) for c in columns}, reverse=True)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(spacing)
        self.columns = 0
        self._place(self.choices[0])

    def item_width(self) -> int:
        """The narrowest an item may be: its own minimum, or the one its labels ask for."""
        return max(max(w.minimumWidth(), w.minimumSizeHint().width()) for w in self.items)

    def width_for(self, columns: int) -> int:
        return columns * self.item_width() + (columns - 1) * self.grid.spacing()

    def fitting_columns(self, width: int) -> int:
        """The widest arrangement that fits `width` (the narrowest if none does)."""
        return next((c for c in self.choices if self.width_for(c) <= width), self.choices[-1])

    def _place(self, columns: int) -> None:
        if columns == self.columns:
            return
        for w in self.items:
            self.grid.removeWidget(w)
        for n, w in enumerate(self.items):
            self.grid.addWidget(w, n // columns, n % columns)
        for c in range(self.choices[0]):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        self.columns = columns
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        hint = super().minimumSizeHint()
        return QSize(self.width_for(self.choices[-1]), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        self._place(self.fitting_columns(event.size().width()))

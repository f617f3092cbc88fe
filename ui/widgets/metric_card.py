"""A metric card: big number, the goal, and the on / near / off track status in words.

Colour is never the only cue: the status is written out ("On track", "Almost", "Behind")
with a symbol, and the colours are picked for the palette (light or dark) in use.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from crm.services.metrics import STATUS_LABELS

SYMBOLS = {"on": "✔", "near": "●", "off": "▲", "pending": "○"}
# A ratio with nothing to divide by yet (names per meeting before the week's first meeting)
# is not judged: neither on track nor behind.
PENDING = "pending"
LABELS = {**STATUS_LABELS, PENDING: "Not judged yet"}

# (light palette, dark palette): contrast ≥ 4.5:1 on the window colour of each.
_COLOURS = {
    "on": ("#1b6e2a", "#7fd18b"),
    "near": ("#8a5300", "#ffc266"),
    "off": ("#b3261e", "#ff8a80"),
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def status_colour(status: str, palette: QPalette) -> QColor:
    """The colour of a status (on / near / off) readable on this palette."""
    light, dark = _COLOURS.get(status, _COLOURS["off"])
    return QColor(dark if is_dark(palette) else light)


class MetricCard(QFrame):
    """One goal of the week: title, value, goal range, status."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("metricCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.status = ""
        self.title_label = QLabel(title)
        self.value_label = QLabel("–")
        self.goal_label = QLabel("")
        self.status_label = QLabel("")
        self.detail_label = QLabel("")
        for label in (self.title_label, self.goal_label, self.detail_label):
            label.setWordWrap(True)  # a narrow card wraps its words instead of cutting them
        big = self.value_label.font()
        big.setPointSizeF(big.pointSizeF() * 2.2)
        big.setBold(True)
        self.value_label.setFont(big)
        bold = self.title_label.font()
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.status_label.setFont(bold)
        self.detail_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.goal_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self._bar = QFrame()
        self._bar.setFixedWidth(5)
        self._bar.setAutoFillBackground(True)
        inner = QVBoxLayout()
        inner.setSpacing(2)
        inner.addWidget(self.title_label)
        inner.addWidget(self.value_label)
        inner.addWidget(self.goal_label)
        inner.addWidget(self.status_label)
        inner.addWidget(self.detail_label)
        inner.addStretch(1)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(6, 6, 10, 6)
        outer.addWidget(self._bar)
        outer.addLayout(inner, 1)
        self.setMinimumWidth(150)

    def set_values(self, value: str, goal: str, status: str, detail: str = "") -> None:
        """Show a value against its goal; `status` is on / near / off."""
        self.status = status
        self.value_label.setText(value)
        self.goal_label.setText(goal)
        self.status_label.setText(f"{SYMBOLS.get(status, '')} {LABELS.get(status, '')}")
        self.detail_label.setText(detail)
        self.detail_label.setVisible(bool(detail))
        self._apply_colour()
        self.setAccessibleName(f"{self.title_label.text()}: {value}, {goal}, {LABELS[status]}")

    def _apply_colour(self) -> None:
        if not self.status:
            return
        if self.status == PENDING:
            colour = self.palette().color(QPalette.ColorRole.PlaceholderText)
        else:
            colour = status_colour(self.status, self.palette())
        self.status_label.setStyleSheet(f"color: {colour.name()};")
        pal = self._bar.palette()
        pal.setColor(QPalette.ColorRole.Window, colour)
        self._bar.setPalette(pal)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._apply_colour()

    def text(self) -> str:
        """Everything the card says, for tests and accessibility."""
        return " ".join(
            lbl.text()
            for lbl in (self.title_label, self.value_label, self.goal_label, self.status_label)
        )

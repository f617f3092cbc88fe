"""Buttons whose text changes (Archive / Unarchive, Make a network target /
Remove from network targets) keep one
width, so that the row they sit in does not move when the text does."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton


def steady_width(button: QPushButton, texts: tuple[str, ...]) -> int:
    """The width `button` needs for the widest of `texts` (its own text is kept)."""
    current, widest = button.text(), 0
    for text in texts:
        button.setText(text)
        widest = max(widest, button.sizeHint().width())
    button.setText(current)
    return widest

"""Help > The method: the networking method Vouch is built around, in a readable page."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from crm.paths import resource_path


def method_html() -> str:
    path = resource_path("method.html")
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return "<p>The method guide is missing from this installation.</p>"


class MethodDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("The method")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(method_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 620)


def show_method(parent: QWidget | None = None) -> None:
    MethodDialog(parent).exec()

"""The first-start page: an empty database gets two ways in, and nothing else to read."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    """Shown while the database holds no contacts."""

    import_requested = Signal()
    demo_requested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel("Welcome to Vouch")
        title.setStyleSheet("font-size: 22pt; font-weight: 600;")
        blurb = QLabel(
            "Most jobs are filled through people who can speak for you. Vouch keeps track of "
            "who those people are, whom they can introduce you to, and whether your search is "
            "on pace. Start from your LinkedIn connections, or look around a made-up network "
            "first."
        )
        blurb.setWordWrap(True)
        blurb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.import_button = QPushButton("Import LinkedIn connections…")
        self.import_button.setObjectName("welcome_import")
        self.demo_button = QPushButton("Explore a demo network")
        self.demo_button.setObjectName("welcome_demo")
        for button in (self.import_button, self.demo_button):
            button.setMinimumSize(340, 56)
            button.setStyleSheet("font-size: 13pt;")
        self.import_button.setDefault(True)
        hint = QLabel(
            "LinkedIn: Settings → Data privacy → Get a copy of your data → Connections. "
            "You can also drop the file (or the whole zip) on this window."
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("color: palette(mid);")
        self.skip = QPushButton("Start with an empty network")
        self.skip.setFlat(True)
        self.skip.setObjectName("welcome_skip")

        self.import_button.clicked.connect(self.import_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.skip.clicked.connect(self.dismissed)

        # A fixed-width column: wrapped labels get their full height only inside a layout
        # that gives them the width (alignment flags would shrink them to one line).
        column = QWidget()
        column.setFixedWidth(560)
        col = QVBoxLayout(column)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(10)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col.addWidget(title)
        col.addWidget(blurb)
        col.addSpacing(24)
        for w in (self.import_button, self.demo_button):
            col.addWidget(w, 0, Qt.AlignmentFlag.AlignHCenter)
        col.addSpacing(12)
        col.addWidget(hint)
        col.addWidget(self.skip, 0, Qt.AlignmentFlag.AlignHCenter)

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

"""What the Companies, Referral chains and Jobs pages share: a table view set up the same way
and a plain-words error box.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMessageBox,
    QTableView,
    QTreeView,
    QWidget,
)

log = logging.getLogger(__name__)


def setup_table(table: QTableView) -> None:
    """The house look for a small table: whole-row selection, sortable, zebra rows."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move in it
    table.setSortingEnabled(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.SelectedClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(30)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSortIndicatorShown(True)


def setup_tree(tree: QTreeView) -> None:
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.header().setStretchLastSection(False)
    tree.header().setHighlightSections(False)


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A refused action, in plain words (never a traceback)."""
    log.info("%s: %s", title, message)
    QMessageBox.warning(parent, title, _sentence(message))


def failure_text(exc: Exception, doing: str) -> str:
    """What a user reads when work in a worker fails: a refusal in its own plain words;
    anything else (a bug, a disk error) said without its Python words, which go to the log."""
    from crm.errors import VouchError

    if isinstance(exc, VouchError):
        return exc.user_message()
    log.error("%s failed", doing, exc_info=(type(exc), exc, exc.__traceback__))
    return f"{doing} stopped unexpectedly; the details are in the log file."


def _sentence(text: str) -> str:
    text = text.strip()
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in ".!?":
        text += "."
    return text


def hint_label(text: str) -> QLabel:
    """A muted hint under a table; it wraps, so a long one never widens the window."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("hint")
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label

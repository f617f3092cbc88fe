"""The two choosers of the Network page: what to work backwards from, and whom to meet next."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QListWidget, QListWidgetItem, QWidget

from crm.services import network
from ui.models.network_choices import ChoicesModel
from ui.widgets.wording import count

PICKER_CHARS = 40  # the picker's width in characters, before the layout stretches it


class NetworkPicker(QComboBox):
    """A company, job or person, chosen from the list or by typing any part of its name."""

    picked = Signal(object)  # network.Choice

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("picker")
        self.choices = ChoicesModel(self)
        self.setEditable(True)
        self.setModel(self.choices)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Not sized to its widest entry: that measures every company, job and person on
        # first show (3 s at 30,000 contacts). The layout gives it the row's spare width.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(PICKER_CHARS)
        self.setMinimumWidth(290)  # the row fits a 1024-pixel window beside its buttons
        self.lineEdit().setPlaceholderText("A company, a job or a person…")
        completer = QCompleter(self.choices, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.activated.connect(self._picked_row)
        completer.activated[QModelIndex].connect(
            lambda idx: self._emit(idx.data(ChoicesModel.ChoiceRole))
        )

    def show_row(self, row: int) -> network.Choice | None:
        """Show the choice at `row` (-1: none) without announcing it; the choice shown."""
        self.setCurrentIndex(row)
        self.lineEdit().setCursorPosition(0)  # a long name shows its start, not its end
        return self.choices.items[row] if 0 <= row < len(self.choices.items) else None

    def _picked_row(self, row: int) -> None:
        if 0 <= row < len(self.choices.items):
            self.lineEdit().setCursorPosition(0)
            self._emit(self.choices.items[row])

    def _emit(self, choice: network.Choice | None) -> None:
        if choice is not None:
            self.picked.emit(choice)


class MeetNextList(QListWidget):
    """First-degree people who reach the most network targets; double-click opens one."""

    person_activated = Signal(int)  # contact id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("meet_next")
        self.setAlternatingRowColors(True)
        self.itemDoubleClicked.connect(self._activated)

    def person_id(self, item: QListWidgetItem | None) -> int | None:
        cid = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return cid if isinstance(cid, int) else None

    def show_connectors(self, connectors: list[network.Connector]) -> None:
        self.clear()
        if not connectors:
            self.addItem("Make a few companies network targets to see who can lead you there.")
        for c in connectors:
            n = len(c.companies)
            item = QListWidgetItem(
                f"{c.person.name} — reaches {count(n, 'network target')} "
                f"(closeness {c.person.closeness})\n    {c.describe()}"
            )
            item.setData(Qt.ItemDataRole.UserRole, c.person.id)
            item.setToolTip("Double-click to open " + c.person.name)
            self.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        cid = self.person_id(item)
        if cid is not None:
            self.person_activated.emit(cid)

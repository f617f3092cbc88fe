"""The column-mapping step: one combo per contact field, guessed from the header names."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from crm.importers.formats import FIELD_LABELS, FIELDS

NOT_IMPORTED = "(not imported)"


class ColumnMapping(QWidget):
    """Pick, for each Vouch field, the spreadsheet column that fills it."""

    changed = Signal()

    def __init__(self, header: list[str], mapping: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.header = list(header)
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(
            "Choose which column holds each detail. Vouch guessed from the column names; "
            "check the preview below before importing."
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        for field in FIELDS:
            combo = QComboBox(self)
            combo.setObjectName(f"map_{field}")
            combo.addItem(NOT_IMPORTED, "")
            for column in self.header:
                combo.addItem(column or "(unnamed column)", column)
            chosen = mapping.get(field)
            if chosen in self.header:
                combo.setCurrentIndex(self.header.index(chosen) + 1)
            combo.currentIndexChanged.connect(self.changed)
            form.addRow(FIELD_LABELS[field] + ":", combo)
            self.combos[field] = combo

    def mapping(self) -> dict[str, str]:
        """field -> column name, for the fields the user mapped."""
        out = {}
        for field, combo in self.combos.items():
            column = combo.currentData()
            if column:
                out[field] = column
        return out

    def has_name(self) -> bool:
        m = self.mapping()
        return any(f in m for f in ("first_name", "last_name", "full_name"))

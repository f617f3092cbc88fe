"""What the Companies and Jobs pages share: a filtered table of records edited in place.

Each page is a model that filters and sorts its own rows (ui.models.arranged), a search box
and buttons above the table, a one-line summary under it. Cells edited in place go on the undo stack; the selection
survives a reload; New…/Edit… open the record's dialog and select what it saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.models.arranged import ArrangedRowsModel
from ui.views._table import hint_label, setup_table, show_error
from ui.views.base import View


class RecordTableView(View):
    """A page of records: subclasses set the class attributes and build their top row."""

    record_kind = ""  # the session kind notified after an in-place edit
    key_column = 0  # where a selected record's row is shown
    in_place_columns: frozenset[int] = frozenset()  # double-click edits the cell, no dialog

    def __init__(self, session, model: ArrangedRowsModel, parent=None):
        super().__init__(session, parent)
        self._own_write = False
        self._kept: int | None = None  # the record selected before a reset
        self.model = model
        self.model.setParent(self)
        self.model.error.connect(lambda text: show_error(self, self.title, text))
        self.model.written.connect(self._written)
        self.table = QTableView()
        self.summary = hint_label("")

    # --- what a page says about its records ------------------------------------------
    def edit_record(self, record_id: int | None) -> int | None:
        """Open the record's dialog (a new one for None); the saved id, None if cancelled."""
        raise NotImplementedError

    def push_change(self, text: str, record_id: int, before) -> None:
        """Put an in-place edit on the undo stack."""
        raise NotImplementedError

    def action_buttons(self) -> Iterable[QPushButton]:
        """The buttons that act on the selected record (enabled only with one)."""
        return ()

    def _update_summary(self) -> None:
        raise NotImplementedError

    # --- building ----------------------------------------------------------------------
    def search_box(self, placeholder: str, on_text: Callable[[str], None]) -> QLineEdit:
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(on_text)
        return self.search

    def setup_records_table(
        self,
        object_name: str,
        delegates: dict[int, QAbstractItemDelegate],
        widths: dict[int, int],
        sort_column: int,
    ) -> None:
        table = self.table
        table.setObjectName(object_name)
        setup_table(table)
        table.setModel(self.model)
        # After the view's own handlers: its reset clears the current cell, then this restores it.
        self.model.modelAboutToBeReset.connect(self._keep_selection)
        self.model.modelReset.connect(self._restore_selection)
        for column, delegate in delegates.items():
            table.setItemDelegateForColumn(column, delegate)
        table.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in widths.items():
            header.resizeSection(column, width)
        table.doubleClicked.connect(self._double_clicked)
        table.selectionModel().currentRowChanged.connect(self._update_buttons)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)

    def table_shortcut(self, text: str, key, slot: Callable[[], None]) -> None:
        """A key that acts on the selected record while the table has the focus."""
        action = QAction(text, self.table)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.table.addAction(action)

    def assemble(self, *top: QWidget | int) -> None:
        """Lay the page out: `top` left to right (an int is a gap), table, summary."""
        row = QHBoxLayout()
        for i, item in enumerate(top):
            if isinstance(item, int):
                row.addSpacing(item)
            else:
                row.addWidget(item, 1 if i == 0 else 0)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self._update_buttons()

    # --- data --------------------------------------------------------------------------
    def reload(self) -> None:
        self.model.reload()
        self._update_summary()
        self._update_buttons()

    def _on_changed(self, changed) -> None:
        if not self._own_write:  # else the model already shows the change
            super()._on_changed(changed)

    def _written(self, record_id: int, before, text: str) -> None:
        self._own_write = True
        try:
            self.push_change(text, record_id, before)
            self.session.notify(self.record_kind)
        finally:
            self._own_write = False
        self._update_summary()
        # The written record may now sort elsewhere or leave the filter: once the editor that
        # wrote it has closed.
        QTimer.singleShot(0, self._rearrange)

    def _rearrange(self) -> None:
        self.model.rearrange()
        self._update_summary()

    # --- selection ---------------------------------------------------------------------
    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.data(index, self.model.row_role) if index.isValid() else None

    def selected_row(self):
        """The selected record's row object (None without a selection)."""
        record_id = self.selected_id()
        return None if record_id is None else self.model.row(self.model.row_of(record_id))

    def select_record(self, record_id: int) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            return False
        index = self.model.index(row, self.key_column)
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        return index.isValid()

    def _keep_selection(self) -> None:
        self._kept = self.selected_id()

    def _restore_selection(self) -> None:
        kept, self._kept = self._kept, None
        if kept is not None:
            self.select_record(kept)
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        has = self.selected_id() is not None
        for button in self.action_buttons():
            button.setEnabled(has)

    # --- actions -----------------------------------------------------------------------
    def new_record(self) -> None:
        record_id = self.edit_record(None)
        if record_id is not None:
            self.refresh()
            self.select_record(record_id)

    def edit_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is not None and self.edit_record(record_id) is not None:
            self.refresh()
            self.select_record(record_id)

    def _double_clicked(self, index) -> None:
        if index.column() not in self.in_place_columns:
            self.edit_selected()

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        menu = QMenu(self)
        self.fill_menu(menu, index)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def fill_menu(self, menu: QMenu, index) -> None:
        """The right-click menu of the record at `index` (now the selected one)."""

    def visible_rows(self) -> tuple[str, list[str], list[list]]:
        """Exactly what the filter shows, as native values (dates as dates), for File >
        Export this view."""
        value, cols = self.model.value, len(self.model.headers)
        rows = [[value(r, c) for c in range(cols)] for r in range(self.model.rowCount())]
        return self.title, list(self.model.headers), rows

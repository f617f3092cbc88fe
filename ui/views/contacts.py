"""Contacts: search as you type, quick filters, a sortable table and the detail pane."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm.errors import VouchError
from crm.services.contact_table import (
    COL_COMPANY,
    COL_DEGREE,
    COL_NAME,
    COL_POSITION,
    F_ARCHIVED,
    ContactTable,
)
from ui import session as kinds
from ui.models.contacts import ContactsModel, SortRole
from ui.views.base import View
from ui.widgets.contact_detail import ContactDetail
from ui.widgets.wording import count

log = logging.getLogger(__name__)

QUICK = (
    ("vouchers", "Vouchers", "People who can vouch for you or have named people for you"),
    ("targets", "At network targets", "People at your network targets"),
    ("due", "Follow-up due", "Follow-up date today or earlier"),
    ("archived", "Archived", "Show archived contacts too"),
)
# Above this many contacts, wait for a pause in typing before filtering (below it, every
# keystroke filters at once: that is fast enough, see performance.md).
DEBOUNCE_ROWS = 200_000
DEBOUNCE_MS = 60
DETAIL_DELAY_MS = 120
# Name, Company, Position, Closeness, Degree, Stage, Last contact, Next follow-up
COLUMN_WIDTHS = (150, 130, 140, 105, 55, 75, 90, 100)
WIDE_SHARES = {COL_NAME: 0.4, COL_COMPANY: 0.3, COL_POSITION: 0.3}  # of the spare width
WIDE_MAX = 320  # pixels: past this, the spare width goes to the last column again


class ContactsView(View):
    name = "contacts"
    title = "Contacts"
    depends_on = frozenset({kinds.CONTACTS, kinds.COMPANIES, kinds.REFERRALS, kinds.INTERACTIONS})

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.search = QLineEdit()
        self.search.setObjectName("contact_search")
        self.search.setPlaceholderText("Search name, company, position, email, tags…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._text_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.apply_filter)
        # The detail pane follows the selection a moment later, so that rows appear first
        # while typing or scrolling with the keys.
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self._show_detail)
        self._defer_detail = False

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        filters = QHBoxLayout()
        self.quick_buttons: dict[str, QToolButton] = {}
        for key, text, tip in QUICK:
            button = QToolButton()
            button.setObjectName(f"quick_{key}")
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.toggled.connect(self.apply_filter)
            self.quick_buttons[key] = button
            filters.addWidget(button)
        self.quick_buttons["archived"].setText("Include archived")
        filters.addStretch(1)
        self.new_button = QPushButton("New contact…")
        self.new_button.clicked.connect(self.new_contact)

        self.model = ContactsModel(self)
        self.table = QTableView()
        self.table.setObjectName("contacts_table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        # Tab goes on to the detail pane's buttons; the arrow keys move between rows.
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.clicked.connect(lambda _i: self._show_detail())
        self.table.doubleClicked.connect(lambda _i: self.detail.edit())
        vh = self.table.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(col, width)
        # Until the user sizes a column (or their saved sizes come back), a wider window
        # widens Name, Company and Position: before, the extra went to Next follow-up.
        self._user_sized = False
        self._fitting = False
        header.sectionResized.connect(self._section_resized)
        self.table.viewport().installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._keep: tuple[int | None, int] = (None, 0)
        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.modelReset.connect(self._after_reset)
        self.model.modelReset.connect(self._prepare_search)
        session.database_replaced.connect(self._forget_selection)

        self.count_label = QLabel()
        self.count_label.setObjectName("contact_count")
        bar.addWidget(self.count_label)
        bar.addWidget(self.new_button)

        self.detail = ContactDetail(session)
        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.addLayout(bar)
        left_lay.addLayout(filters)
        left_lay.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("contacts_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([720, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

    # --- column widths -------------------------------------------------------------------

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        # The last column follows the window by itself (it stretches): that is not the user.
        if not self._fitting and column != len(COLUMN_WIDTHS) - 1:
            self._user_sized = True

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt name
        if obj is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return False

    def fit_columns(self) -> None:
        """Share the width past the defaults between Name, Company and Position."""
        if self._user_sized:
            return
        extra = max(0, self.table.viewport().width() - sum(COLUMN_WIDTHS) - 40)
        header = self.table.horizontalHeader()
        self._fitting = True
        try:
            for col, share in WIDE_SHARES.items():
                grow = min(int(extra * share), WIDE_MAX - COLUMN_WIDTHS[col])
                header.resizeSection(col, COLUMN_WIDTHS[col] + grow)
        finally:
            self._fitting = False

    # --- data ----------------------------------------------------------------------------

    def reload(self) -> None:
        self.model.set_table(ContactTable.load())
        self._update_count()

    def _prepare_search(self) -> None:
        """Build the search index while the user reads the list, not on their first key
        (after a load, a sort or a quick filter; a no-op when it is built already)."""
        QTimer.singleShot(0, lambda: self.model.table.prepare(self.quick_filters()))

    def _forget_selection(self) -> None:
        """Another database: ids from the old one mean nothing there."""
        self._detail_timer.stop()
        self.table.selectionModel().clear()
        self.table.setCurrentIndex(self.model.index(-1, -1))
        self.detail.show_contact(None)

    def _text_changed(self, _text: str) -> None:
        if len(self.model.table) > DEBOUNCE_ROWS:
            self._timer.start()
        else:
            self.apply_filter()

    def quick_filters(self) -> set[str]:
        return {k for k, b in self.quick_buttons.items() if b.isChecked()}

    def apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_filter(self.search.text(), self.quick_filters())
        self._update_count()

    def _before_reset(self) -> None:
        index = self.table.currentIndex()
        self._keep = (self.current_contact_id(), index.row() if index.isValid() else 0)
        self._defer_detail = True

    def _after_reset(self) -> None:
        """Keep the selected contact selected; if it was deleted, select its neighbour."""
        cid, old_row = self._keep
        count = self.model.rowCount()
        row = self.model.row_of(cid) if cid is not None else None
        if row is None and count:
            deleted = cid is not None and self.model.table.index_of(cid) is None
            row = min(old_row, count - 1) if deleted else 0
        if cid is None:
            self._defer_detail = False  # first selection: show the detail at once
        try:
            if row is not None:
                self._select_row(row)
            else:
                self._detail_timer.stop()
                self.detail.show_contact(None)
        finally:
            self._defer_detail = False

    def _update_count(self) -> None:
        table = self.model.table
        total = len(table) if "archived" in self.quick_filters() else table.active_count()
        shown = self.model.rowCount()
        # "68 contacts" until a search or a filter leaves some out: then "12 of 68 contacts"
        text = (
            count(total, "contact") if shown == total else f"{shown:,} of {count(total, 'contact')}"
        )
        self.count_label.setText(text)

    # --- selection -----------------------------------------------------------------------

    def current_contact_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.contact_id(index.row()) if index.isValid() else None

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _show_only(self, checked: set[str]) -> None:
        """Clear the search and check exactly these quick filters, then filter once."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        for key, button in self.quick_buttons.items():
            button.blockSignals(True)
            button.setChecked(key in checked)
            button.blockSignals(False)
        self.apply_filter()

    def show_vouchers(self) -> None:
        """Today's "Meet 3-4 people who can vouch for you": the vouchers marked so far, or,
        with none yet, the whole list and the search box to find them in."""
        self.refresh()
        self._show_only({"vouchers"})
        if self.model.rowCount() == 0:
            self._show_only(set())
            self.focus_search()

    def select_contact(self, contact_id: int) -> bool:
        """Show and select a contact, clearing filters that hide it."""
        self.refresh()
        row = self.model.row_of(contact_id)
        index = self.model.table.index_of(contact_id)
        if row is None and index is not None:
            archived = self.model.table.rows[index][F_ARCHIVED]
            self._show_only({"archived"} if archived else set())
            row = self.model.row_of(contact_id)
        if row is None:
            return False
        self._select_row(row)
        return True

    def _current_changed(self, current, _previous) -> None:
        if self._defer_detail:
            self._detail_timer.start()
        else:
            self._show_detail()

    def _show_detail(self) -> None:
        self._detail_timer.stop()
        index = self.table.currentIndex()
        if not index.isValid():
            self.detail.show_contact(None)
            return
        cid = self.model.contact_id(index.row())
        degree = self.model.index(index.row(), COL_DEGREE).data(SortRole)
        if cid != self.detail.contact_id or degree != self.detail.degree:
            self.detail.show_contact(cid, degree)

    # --- actions -------------------------------------------------------------------------

    def new_contact(self) -> None:
        from ui.dialogs.contact import edit_contact

        cid = edit_contact(self, self.session)
        if cid is not None:
            self.refresh()
            self.select_contact(cid)

    def delete_selected(self) -> None:
        from ui.undo import delete_contact

        cid = self.current_contact_id()
        if cid is None:
            return
        name = self.model.index(self.table.currentIndex().row(), COL_NAME).data()
        try:
            delete_contact(self.session, cid)
        except VouchError as exc:
            QMessageBox.warning(self, "Vouch", exc.user_message())
            return
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(f"Deleted {name}. Edit > Undo brings them back.", 8000)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def visible_rows(self) -> tuple[str, list[str], list[list[str]]]:
        self.refresh()
        headers, rows = self.model.visible_rows()
        return "Contacts", headers, rows

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.row_menu(index.row()).popup(self.table.viewport().mapToGlobal(pos))

    def row_menu(self, row: int) -> QMenu:
        """The detail pane's actions for one row, and Delete."""
        self._select_row(row)
        self._show_detail()  # now, not after the pane's delay: the actions act on this row
        d = self.detail
        menu = QMenu(self)
        for button in d.buttons.values():  # the detail pane's actions, in its order
            action = QAction(button.text(), menu)
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
            menu.addAction(action)
        menu.addSeparator()
        delete = QAction("Delete", menu)
        delete.triggered.connect(self.delete_selected)
        menu.addAction(delete)
        return menu

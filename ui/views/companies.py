"""Companies: which ones are network targets, who is there, and how warm the way in is."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSortFilterProxyModel, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from crm.services.job_rows import company_record
from ui import session as kinds
from ui.delegates import CheckBoxDelegate, ComboDelegate
from ui.dialogs.company import edit_company
from ui.models import companies as m
from ui.record_commands import push_company_change
from ui.views._table import (
    hint_label,
    proxy_rows,
    setup_table,
    show_error,
)
from ui.views.base import View

log = logging.getLogger(__name__)


class _CompanyFilter(QSortFilterProxyModel):
    """Text over name and industry, and optionally the targets only."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.targets_only = False
        self.setFilterRole(m.FilterRole)
        self.setFilterKeyColumn(m.COL_NAME)
        self.setSortRole(m.SortRole)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_targets_only(self, on: bool) -> None:
        self.beginFilterChange()
        self.targets_only = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802
        if self.targets_only and not self.sourceModel().row(row).is_target:
            return False
        return super().filterAcceptsRow(row, parent)


class CompaniesView(View):
    name = "companies"
    title = "Companies"
    depends_on = frozenset({kinds.COMPANIES, kinds.CONTACTS, kinds.JOBS, kinds.REFERRALS})

    warm_paths_requested = Signal(int)  # company id

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self._own_write = False
        self.model = m.CompaniesModel(self)
        self.model.error.connect(lambda text: show_error(self, "Companies", text))
        self.model.written.connect(self._written)
        self.proxy = _CompanyFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search companies or industries…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.targets_only = QCheckBox("Targets only")
        self.targets_only.toggled.connect(self._targets_only)
        self.new_button = QPushButton("New company…")
        self.new_button.clicked.connect(self.new_company)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.paths_button = QPushButton("Warm paths")
        self.paths_button.setToolTip("Work backwards: who can introduce you at this company")
        self.paths_button.clicked.connect(self.show_warm_paths)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.targets_only)
        top.addSpacing(12)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.paths_button)

        self.table = QTableView()
        self.table.setObjectName("companies_table")
        setup_table(self.table)
        self.table.setModel(self.proxy)
        self.table.setItemDelegateForColumn(m.COL_TARGET, CheckBoxDelegate(self.table))
        self.table.setItemDelegateForColumn(m.COL_PRIORITY, ComboDelegate(m.PRIORITIES, self.table))
        self.table.sortByColumn(m.COL_PRIORITY, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        for col, width in (
            (m.COL_TARGET, 64),
            (m.COL_PRIORITY, 90),
            (m.COL_NAME, 220),
            (m.COL_PEOPLE, 100),
            (m.COL_VOUCHERS, 110),
            (m.COL_JOBS, 90),
            (m.COL_PATH, 200),
        ):
            header.resizeSection(col, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        edit_action = QAction("Edit company", self.table)
        edit_action.setShortcut(QKeySequence(Qt.Key.Key_Return))
        edit_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        edit_action.triggered.connect(self.edit_selected)
        self.table.addAction(edit_action)

        self.summary = hint_label("")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self._update_buttons()

    # --- data --------------------------------------------------------------------------
    def reload(self) -> None:
        selected = self.selected_id()
        self.model.reload()
        self._update_summary()
        if selected is not None:
            self.select_company(selected)
        self._update_buttons()

    def _on_changed(self, changed) -> None:
        if self._own_write:
            return  # the model already shows the change
        super()._on_changed(changed)

    def _written(self, record_id: int, before, text: str) -> None:
        self._own_write = True
        try:
            push_company_change(self.session, text, record_id, before)
            self.session.notify(kinds.COMPANIES)
        finally:
            self._own_write = False
        self._update_summary()

    def _update_summary(self) -> None:
        rows = [self.model.row(i) for i in range(self.model.rowCount())]
        targets = sum(1 for r in rows if r.is_target)
        if not rows:
            self.summary.setText(
                "No companies yet. They appear as you add or import contacts; pick 3-4 as "
                "network targets and work backwards from them."
            )
            return
        self.summary.setText(
            f"{len(rows)} companies · {targets} network targets · "
            "tick Target to work backwards from a company"
        )

    def _targets_only(self, on: bool) -> None:
        self.proxy.set_targets_only(on)

    # --- selection ---------------------------------------------------------------------
    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.data(index, m.RowRole)

    def select_company(self, company_id: int) -> bool:
        row = self.model.row_of(company_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, m.COL_NAME))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _update_buttons(self, *_args) -> None:
        has = self.selected_id() is not None
        self.edit_button.setEnabled(has)
        self.paths_button.setEnabled(has)

    # --- actions -----------------------------------------------------------------------
    def new_company(self) -> None:
        company_id = edit_company(self, self.session)
        if company_id is not None:
            self.refresh()
            self.select_company(company_id)

    def edit_selected(self) -> None:
        company_id = self.selected_id()
        if company_id is not None and edit_company(self, self.session, company_id) is not None:
            self.refresh()
            self.select_company(company_id)

    def _double_clicked(self, index) -> None:
        if index.column() in (m.COL_TARGET, m.COL_PRIORITY):
            return  # those cells edit in place
        self.edit_selected()

    def show_warm_paths(self) -> None:
        """Hand over to the Network view when the window has one; else say the best path."""
        company_id = self.selected_id()
        if company_id is None:
            return
        self.warm_paths_requested.emit(company_id)
        window = self.window()
        if hasattr(window, "show_network_for_company"):
            window.show_network_for_company(company_id)
            return
        network_view = getattr(window, "views", {}).get("network")
        if hasattr(network_view, "show_company") and hasattr(window, "show_view"):
            window.show_view("network")
            network_view.show_company(company_id)
            return
        path = self.model.path(company_id, compute=True)
        name = self.model.row(self.model.row_of(company_id)).name
        if path is None:
            text = f"Nobody in your network leads to {name} yet. Ask your vouchers who they know there."
        else:
            steps = "\n".join(f"• {hop.explain()}" for hop in path.hops)
            text = f"{path.summary()}\n\n{steps}\n\nNext: {path.next_action()}."
        QMessageBox.information(self, f"Warm path to {name}", text)

    @staticmethod
    def company_website(company_id: int) -> str:
        record = company_record(company_id)
        return record.website if record else ""

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        company_id = self.selected_id()
        row = self.model.row(self.model.row_of(company_id))
        menu = QMenu(self)
        menu.addAction("Edit company…", self.edit_selected)
        menu.addAction("Warm paths", self.show_warm_paths)
        website = self.company_website(company_id)
        site = menu.addAction(
            "Open the website",
            lambda: QDesktopServices.openUrl(QUrl.fromUserInput(website)),
        )
        site.setEnabled(bool(website))
        label = "Remove from network targets" if row.is_target else "Make a network target"
        target_index = self.proxy.index(index.row(), m.COL_TARGET)
        new_state = Qt.CheckState.Unchecked if row.is_target else Qt.CheckState.Checked
        menu.addAction(
            label,
            lambda: self.proxy.setData(target_index, new_state, Qt.ItemDataRole.CheckStateRole),
        )
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # --- export and state --------------------------------------------------------------
    def visible_rows(self) -> tuple[str, list[str], list[list]]:
        """Exactly what the filter shows, as native values, for File > Export this view."""
        return self.title, list(m.headers), proxy_rows(self.proxy, self.model.value)

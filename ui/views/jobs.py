"""Jobs: where each application stands, the channel it came through, and who referred it."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSortFilterProxyModel, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from crm.errors import VouchError
from crm.services import jobs as job_service
from crm.services.record_history import job_snapshot
from ui import session as kinds
from ui.delegates import BadgeComboDelegate, CheckBoxDelegate, ComboDelegate
from ui.dialogs.job import edit_job
from ui.models import jobs as m
from ui.record_commands import push_job_change
from ui.views._table import (
    hint_label,
    proxy_rows,
    setup_table,
    show_error,
)
from ui.views.base import View

log = logging.getLogger(__name__)

OPEN = ("interested", "applied", "referred", "interviewing", "offer")
FILTERS: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("All jobs", None),
    ("Open", OPEN),
    *((m.STATUS_LABELS[s], (s,)) for s in job_service.STATUSES),
)


class _JobFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.statuses: tuple[str, ...] | None = None
        self.text = ""
        self.setSortRole(m.SortRole)

    def set_filter(self, statuses: tuple[str, ...] | None, text: str) -> None:
        self.beginFilterChange()
        self.statuses, self.text = statuses, text.casefold().strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802
        r = self.sourceModel().row(row)
        if self.statuses is not None and r.status not in self.statuses:
            return False
        if self.text:
            return self.text in f"{r.title} {r.company} {r.referrer}".casefold()
        return True


class JobsView(View):
    name = "jobs"
    title = "Jobs"
    depends_on = frozenset({kinds.JOBS, kinds.COMPANIES, kinds.CONTACTS})

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self._own_write = False
        self.model = m.JobsModel(self)
        self.model.error.connect(lambda text: show_error(self, "Jobs", text))
        self.model.written.connect(self._written)
        self.proxy = _JobFilter(self)
        self.proxy.setSourceModel(self.model)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("status_filter")
        for label, statuses in FILTERS:
            self.status_filter.addItem(label, statuses)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search title, company or referrer…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_filter)
        self.new_button = QPushButton("New job…")
        self.new_button.clicked.connect(self.new_job)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_selected)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.status_filter)
        top.addSpacing(12)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)

        self.table = QTableView()
        self.table.setObjectName("jobs_table")
        setup_table(self.table)
        self.table.setModel(self.proxy)
        self.table.setItemDelegateForColumn(
            m.COL_STATUS, BadgeComboDelegate(m.STATUS_CHOICES, m.StatusRole, self.table)
        )
        self.table.setItemDelegateForColumn(
            m.COL_CHANNEL, ComboDelegate(m.CHANNEL_CHOICES, self.table)
        )
        for col in (m.COL_FIT, m.COL_TARGET):
            self.table.setItemDelegateForColumn(col, CheckBoxDelegate(self.table))
        self.table.sortByColumn(m.COL_STATUS, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in (
            (m.COL_TITLE, 185),
            (m.COL_COMPANY, 135),
            (m.COL_STATUS, 115),
            (m.COL_CHANNEL, 85),
            (m.COL_REFERRER, 125),
            (m.COL_FIT, 75),
            (m.COL_TARGET, 55),
            (m.COL_APPLIED, 90),
            (m.COL_INTERVIEW, 90),
        ):
            header.resizeSection(col, width)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        delete = QAction("Delete job", self.table)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        self.table.addAction(delete)

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
        if selected is not None:
            self.select_job(selected)
        self._update_summary()
        self._update_buttons()

    def _on_changed(self, changed) -> None:
        if not self._own_write:
            super()._on_changed(changed)

    def _written(self, record_id: int, before, text: str) -> None:
        self._own_write = True
        try:
            push_job_change(self.session, text, record_id, before)
            self.session.notify(kinds.JOBS)
        finally:
            self._own_write = False
        self._update_summary()

    def _apply_filter(self, *_args) -> None:
        self.proxy.set_filter(self.status_filter.currentData(), self.search.text())
        self._update_summary()

    def _update_summary(self) -> None:
        rows = [self.model.row(i) for i in range(self.model.rowCount())]
        active = sum(1 for r in rows if r.status in OPEN)
        referred = sum(1 for r in rows if r.channel == "referral")
        shown = self.proxy.rowCount()
        if not rows:
            self.summary.setText(
                "No jobs yet. Add the ones you are after with New job…, with the channel they "
                "come through: referral, direct or recruiter."
            )
            return
        self.summary.setText(
            f"{shown} of {len(rows)} jobs shown · {active} open · {referred} through a referral · "
            "change a status in place: click it, then pick the new one"
        )

    # --- selection ---------------------------------------------------------------------
    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.proxy.data(index, m.RowRole) if index.isValid() else None

    def select_job(self, job_id: int) -> bool:
        row = self.model.row_of(job_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, m.COL_TITLE))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        return index.isValid()

    def _update_buttons(self, *_args) -> None:
        has = self.selected_id() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    # --- actions -----------------------------------------------------------------------
    def new_job(self) -> None:
        job_id = edit_job(self, self.session)
        if job_id is not None:
            self.refresh()
            self.select_job(job_id)

    def edit_selected(self) -> None:
        job_id = self.selected_id()
        if job_id is not None and edit_job(self, self.session, job_id) is not None:
            self.refresh()
            self.select_job(job_id)

    def _double_clicked(self, index) -> None:
        if index.column() in (m.COL_STATUS, m.COL_CHANNEL, m.COL_FIT, m.COL_TARGET):
            return  # those cells edit in place
        r = self.model.row(self.proxy.mapToSource(index).row())
        if index.column() == m.COL_REFERRER and r.referrer_id is not None:
            self.session.contact_selected.emit(r.referrer_id)
            return
        self.edit_selected()

    def open_posting(self) -> None:
        job_id = self.selected_id()
        if job_id is None:
            return
        url = self.model.row(self.model.row_of(job_id)).url
        if url:
            QDesktopServices.openUrl(QUrl.fromUserInput(url))

    def delete_selected(self) -> None:
        job_id = self.selected_id()
        if job_id is None:
            return
        r = self.model.row(self.model.row_of(job_id))
        where = f" at {r.company}" if r.company else ""
        answer = QMessageBox.question(
            self,
            "Delete job",
            f"Delete the job “{r.title}”{where}? Its dates and notes go with it.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            before = job_snapshot(job_id)
            job_service.delete_job(job_id)
        except VouchError as exc:
            show_error(self, "Jobs", exc.user_message())
            return
        push_job_change(self.session, f"Delete {r.title}", job_id, before)
        self.session.notify(kinds.JOBS, kinds.COMPANIES)

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        r = self.model.row(self.model.row_of(self.selected_id()))
        menu = QMenu(self)
        menu.addAction("Edit job…", self.edit_selected)
        posting = menu.addAction("Open the job posting", self.open_posting)
        posting.setEnabled(bool(r.url))
        if r.referrer_id is not None:
            menu.addAction(
                f"Show {r.referrer}", lambda: self.session.contact_selected.emit(r.referrer_id)
            )
        move = menu.addMenu("Move to")
        status_index = self.proxy.index(index.row(), m.COL_STATUS)
        for status in job_service.TRANSITIONS.get(r.status, ()):
            move.addAction(
                m.STATUS_LABELS[status],
                lambda s=status: self.proxy.setData(status_index, s, Qt.ItemDataRole.EditRole),
            )
        move.setEnabled(bool(move.actions()))
        menu.addSeparator()
        menu.addAction("Delete job", self.delete_selected)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # --- export and state --------------------------------------------------------------
    def visible_rows(self) -> tuple[str, list[str], list[list]]:
        """Exactly what the filter shows, as native values (dates as dates)."""
        return self.title, list(m.headers), proxy_rows(self.proxy, self.model.value)

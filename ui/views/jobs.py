"""Jobs: where each application stands, the channel it came through, and who referred it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QComboBox, QMenu, QMessageBox, QPushButton

from crm.errors import VouchError
from crm.services import jobs as job_service
from crm.services.record_history import job_snapshot
from ui import session as kinds
from ui.delegates import BadgeComboDelegate, CheckBoxDelegate, ComboDelegate
from ui.dialogs.job import edit_job
from ui.models import jobs as m
from ui.record_commands import push_job_change
from ui.views._table import show_error
from ui.views.record_table import RecordTableView
from ui.widgets.wording import count

OPEN = ("interested", "applied", "referred", "interviewing", "offer")
FILTERS: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("All jobs", None),
    ("Open", OPEN),
    *((m.STATUS_LABELS[s], (s,)) for s in job_service.STATUSES),
)


class JobsView(RecordTableView):
    name = "jobs"
    title = "Jobs"
    depends_on = frozenset({kinds.JOBS, kinds.COMPANIES, kinds.CONTACTS})
    record_kind = kinds.JOBS
    key_column = m.COL_TITLE
    in_place_columns = frozenset({m.COL_STATUS, m.COL_CHANNEL, m.COL_FIT, m.COL_TARGET})

    def __init__(self, session, parent=None):
        super().__init__(session, m.JobsModel(), parent)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("status_filter")
        for label, statuses in FILTERS:
            self.status_filter.addItem(label, statuses)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        search = self.search_box("Search title, company or referrer…", self._apply_filter)
        self.new_button = QPushButton("New job…")
        self.new_button.clicked.connect(self.new_record)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_selected)

        self.setup_records_table(
            "jobs_table",
            delegates={
                m.COL_STATUS: BadgeComboDelegate(m.STATUS_CHOICES, m.StatusRole, self.table),
                m.COL_CHANNEL: ComboDelegate(m.CHANNEL_CHOICES, self.table),
                m.COL_FIT: CheckBoxDelegate(self.table),
                m.COL_TARGET: CheckBoxDelegate(self.table),
            },
            widths={
                m.COL_TITLE: 185,
                m.COL_COMPANY: 135,
                m.COL_STATUS: 115,
                m.COL_CHANNEL: 85,
                m.COL_REFERRER: 125,
                m.COL_FIT: 75,
                m.COL_TARGET: 55,
                m.COL_APPLIED: 90,
                m.COL_INTERVIEW: 90,
            },
            sort_column=m.COL_STATUS,
        )
        self.table_shortcut("Delete job", QKeySequence.StandardKey.Delete, self.delete_selected)
        self.assemble(
            search,
            self.status_filter,
            12,
            self.new_button,
            self.edit_button,
            self.delete_button,
        )

    # --- the record table's hooks ------------------------------------------------------
    def edit_record(self, record_id: int | None) -> int | None:
        return edit_job(self, self.session, record_id)

    def push_change(self, text: str, record_id: int, before) -> None:
        push_job_change(self.session, text, record_id, before)

    def action_buttons(self) -> tuple[QPushButton, ...]:
        return (self.edit_button, self.delete_button)

    def _apply_filter(self, *_args) -> None:
        statuses = self.status_filter.currentData()
        text = self.search.text().casefold().strip()
        if statuses is None and not text:
            self.model.set_filter(None)
        else:
            self.model.set_filter(
                lambda r: (
                    (statuses is None or r.status in statuses)
                    and (not text or text in f"{r.title} {r.company} {r.referrer}".casefold())
                )
            )
        self._update_summary()

    def _update_summary(self) -> None:
        rows = self.model.all_rows()
        active = sum(1 for r in rows if r.status in OPEN)
        referred = sum(1 for r in rows if r.channel == "referral")
        shown = self.model.rowCount()
        if not rows:
            self.summary.setText(
                "No jobs yet. Add the ones you are after with New job…, with the channel they "
                "come through: referral, direct or recruiter."
            )
            return
        self.summary.setText(
            f"{shown:,} of {count(len(rows), 'job')} shown · {active:,} open · "
            f"{referred:,} through a referral · "
            "change a status in place: click it, then pick the new one"
        )

    # --- actions -----------------------------------------------------------------------
    def _double_clicked(self, index) -> None:
        r = self.model.row(index.row())
        if index.column() == m.COL_REFERRER and r.referrer_id is not None:
            self.session.contact_selected.emit(r.referrer_id)
            return
        super()._double_clicked(index)

    def open_posting(self) -> None:
        r = self.selected_row()
        if r is not None and r.url:
            QDesktopServices.openUrl(QUrl.fromUserInput(r.url))

    def delete_selected(self) -> None:
        r = self.selected_row()
        if r is None:
            return
        where = f" at {r.company}" if r.company else ""
        answer = QMessageBox.question(
            self,
            "Delete job",
            f"Delete the job “{r.title}”{where}? Its dates and notes go with it.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            before = job_snapshot(r.id)
            job_service.delete_job(r.id)
        except VouchError as exc:
            show_error(self, "Jobs", exc.user_message())
            return
        push_job_change(self.session, f"Delete {r.title}", r.id, before)
        self.session.notify(kinds.JOBS, kinds.COMPANIES)

    def fill_menu(self, menu: QMenu, index) -> None:
        r = self.selected_row()
        menu.addAction("Edit job…", self.edit_selected)
        posting = menu.addAction("Open the job posting", self.open_posting)
        posting.setEnabled(bool(r.url))
        if r.referrer_id is not None:
            menu.addAction(
                f"Open {r.referrer}", lambda: self.session.contact_selected.emit(r.referrer_id)
            )
        move = menu.addMenu("Move to")
        status_index = self.model.index(index.row(), m.COL_STATUS)
        for status in job_service.TRANSITIONS.get(r.status, ()):
            move.addAction(
                m.STATUS_LABELS[status],
                lambda s=status: self.model.setData(status_index, s, Qt.ItemDataRole.EditRole),
            )
        move.setEnabled(bool(move.actions()))
        menu.addSeparator()
        menu.addAction("Delete job", self.delete_selected)

"""Jobs as a table: status and channel edit in place, perfect-fit and target tick in place.

Every write goes through crm.services.jobs; when it refuses (an illegal status jump), the
model says why through `error` and the cell keeps its old value.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor

from crm.errors import VouchError
from crm.services import jobs as job_service
from crm.services.job_rows import JobRow, job_row, job_rows
from crm.services.record_history import job_snapshot
from ui.models.arranged import ArrangedRowsModel
from ui.models.rows import RowRole, is_checked
from ui.widgets.wording import target_step

log = logging.getLogger(__name__)

SortRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 3  # the status key, for the badge colour

(
    COL_TITLE,
    COL_COMPANY,
    COL_STATUS,
    COL_CHANNEL,
    COL_REFERRER,
    COL_FIT,
    COL_TARGET,
    COL_APPLIED,
    COL_INTERVIEW,
    COL_CLOSED,
) = range(10)
headers = (
    "Title",
    "Company",
    "Status",
    "Channel",
    "Referrer",
    "Perfect fit",
    "Target",
    "Applied",
    "Interview",
    "Closed",
)

STATUS_LABELS = {s: s.capitalize() for s in job_service.STATUSES}
CHANNEL_LABELS = {"referral": "Referral", "direct": "Direct", "recruiter": "Recruiter"}
STATUS_CHOICES = tuple((STATUS_LABELS[s], s) for s in job_service.STATUSES)
CHANNEL_CHOICES = tuple((CHANNEL_LABELS.get(c, c), c) for c in job_service.CHANNELS)
_DATE_COLS = (COL_APPLIED, COL_INTERVIEW, COL_CLOSED)
_CHECK_COLS = {COL_FIT: "perfect_fit", COL_TARGET: "is_target"}
_FAR = dt.date.max
_STATUS_ORDER = {s: i for i, s in enumerate(job_service.STATUSES)}


class JobsModel(ArrangedRowsModel):
    headers = headers
    header_tips = {COL_TARGET: "Network target: tick to work backwards from the job"}
    error = Signal(str)
    written = Signal(int, object, str)  # job id, snapshot before, what was done (for undo)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)

    def reload(self) -> None:
        self.beginResetModel()
        self.set_rows(job_rows())
        self.endResetModel()

    def value(self, row: int, col: int) -> Any:
        """Native value for export: dates as dates, flags as bools."""
        return self._native(self._rows[row], col)

    @staticmethod
    def _native(r: JobRow, col: int):
        return (
            r.title,
            r.company,
            STATUS_LABELS.get(r.status, r.status),
            CHANNEL_LABELS.get(r.channel, r.channel),
            r.referrer,
            r.perfect_fit,
            r.is_target,
            r.applied_on,
            r.interview_on,
            r.closed_on,
        )[col]

    def sort_key(self, record: JobRow, column: int) -> Any:
        """Statuses in the order a job moves through them, dates oldest first with the
        missing ones last, text without case."""
        if column == COL_STATUS:
            return _STATUS_ORDER.get(record.status, 99)
        if column in _CHECK_COLS:
            return int(getattr(record, _CHECK_COLS[column]))
        v = self._native(record, column)
        if column in _DATE_COLS:
            return v or _FAR
        return (v or "").casefold()

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == RowRole:
            return r.id
        if role == StatusRole:
            return r.status
        if col in _CHECK_COLS:
            if role == Qt.ItemDataRole.CheckStateRole:
                on = getattr(r, _CHECK_COLS[col])
                return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
            if role == SortRole:
                return self.sort_key(r, col)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            v = self.value(index.row(), col)
            if col in _DATE_COLS:
                return v.isoformat() if v else ""
            return v
        if role == Qt.ItemDataRole.EditRole:
            if col == COL_STATUS:
                return r.status
            if col == COL_CHANNEL:
                return r.channel
            return self.value(index.row(), col)
        if role == SortRole:
            return self.sort_key(r, col)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and r.status in job_service.CLOSED_STATUSES
            and col != COL_STATUS
        ):
            return QColor("#7f8c8d") if r.status != "offer" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_STATUS:
                nxt = ", ".join(STATUS_LABELS[s] for s in job_service.TRANSITIONS[r.status])
                return f"Can move to: {nxt}" if nxt else None
            if col == COL_TITLE and r.url:
                return r.url
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in _CHECK_COLS:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (COL_STATUS, COL_CHANNEL):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        r = self._rows[index.row()]
        col = index.column()
        try:
            before = job_snapshot(r.id)
            if col == COL_STATUS and role == Qt.ItemDataRole.EditRole:
                job_service.set_status(r.id, str(value))
                text = f"Move {r.title} to {STATUS_LABELS.get(str(value), value)}"
            elif col == COL_CHANNEL and role == Qt.ItemDataRole.EditRole:
                job_service.update_job(r.id, channel=str(value))
                text = f"Set the channel of {r.title}"
            elif col in _CHECK_COLS and role == Qt.ItemDataRole.CheckStateRole:
                on = is_checked(value)
                job_service.update_job(r.id, **{_CHECK_COLS[col]: on})
                text = (
                    target_step(r.title, on)
                    if col == COL_TARGET
                    else f"Change {headers[col].lower()} of {r.title}"
                )
            else:
                return False
        except VouchError as exc:
            self._changed(index.row())  # the editor showed the new value: show the old again
            self.error.emit(exc.user_message())
            return False
        fresh = job_row(r.id)
        if fresh is not None:
            self.replace_row(index.row(), fresh)
        self._changed(index.row())
        self.written.emit(r.id, before, text)
        return True

    def _changed(self, row: int) -> None:
        self.row_changed(
            row,
            [
                Qt.ItemDataRole.DisplayRole,
                Qt.ItemDataRole.EditRole,
                Qt.ItemDataRole.CheckStateRole,
                Qt.ItemDataRole.ForegroundRole,
                SortRole,
                StatusRole,
            ],
        )

"""Companies as a table: target flag and priority (editable), people, vouchers, jobs, warm path.

The shortest warm path is a graph search, so it is computed up front only for the target
companies; for the others it is computed lazily, a few rows per event-loop turn, when a
cell asks for it (on paint or sort), and cached until the next reload.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont

from crm.errors import VouchError
from crm.services import companies as company_service
from crm.services import network
from crm.services.companies import PRIORITY_NAMES, CompanyRow
from crm.services.network import WarmPath
from crm.services.record_history import company_snapshot
from ui.models.arranged import ArrangedRowsModel
from ui.models.rows import RowRole, is_checked
from ui.widgets.wording import target_step

log = logging.getLogger(__name__)

SortRole = Qt.ItemDataRole.UserRole + 1

COL_TARGET, COL_PRIORITY, COL_NAME, COL_PEOPLE, COL_VOUCHERS, COL_JOBS, COL_PATH, COL_INDUSTRY = (
    range(8)
)
headers = (
    "Target",
    "Priority",
    "Company",
    "People there",
    "Vouchers there",
    "Open jobs",
    "Shortest path",
    "Industry",
)

PRIORITIES: tuple[tuple[str, int], ...] = (
    *((name, value) for value, name in PRIORITY_NAMES.items()),
    ("—", 0),
)
PRIORITY_LABELS = {value: label for label, value in PRIORITIES}
NO_PATH = object()  # cached: searched, no warm path
PATH_BUDGET_S = 0.03  # lazy path search per event-loop turn


class CompaniesModel(ArrangedRowsModel):
    headers = headers
    # "Target" in a 64-pixel column: the domain word in full on hover
    header_tips = {COL_TARGET: "Network target: tick to work backwards from the company"}
    error = Signal(str)  # a write was refused: the plain message
    written = Signal(int, object, str)  # company id, snapshot before, what was done (undo)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._paths: dict[int, object] = {}  # company id -> WarmPath | NO_PATH
        self._pending: dict[int, None] = {}  # ordered set of company ids to search
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._search_some)

    # --- loading -----------------------------------------------------------------------
    def reload(self) -> None:
        rows = company_service.company_rows()
        self.beginResetModel()
        self._paths.clear()
        self._pending.clear()
        for row in rows:
            if row.is_target:
                self._paths[row.id] = self._search(row.id)
        self.set_rows(rows)
        self.endResetModel()

    def _search(self, company_id: int) -> object:
        try:
            found = network.paths_to_company(company_id, limit=1)
        except VouchError as exc:  # the company vanished meanwhile
            log.info("no path to company %s: %s", company_id, exc)
            return NO_PATH
        return found[0] if found else NO_PATH

    def _want_path(self, company_id: int) -> None:
        if company_id not in self._pending:
            self._pending[company_id] = None
            if not self._timer.isActive():
                self._timer.start()

    def _search_some(self) -> None:
        deadline = time.perf_counter() + PATH_BUDGET_S
        while self._pending and time.perf_counter() < deadline:
            cid = next(iter(self._pending))
            del self._pending[cid]
            self._paths[cid] = self._search(cid)
            row = self._index.get(cid)
            if row is not None:
                ix = self.index(row, COL_PATH)
                self.dataChanged.emit(
                    ix, ix, [Qt.ItemDataRole.DisplayRole, SortRole, Qt.ItemDataRole.ToolTipRole]
                )
        if self._pending:
            self._timer.start()
        if self.sort_column == COL_PATH:
            self.rearrange()  # the found paths take their places

    def path(self, company_id: int, *, compute: bool = False) -> WarmPath | None:
        """The cached best warm path; `compute=True` searches now when it is not cached."""
        found = self._paths.get(company_id)
        if found is None and compute:
            found = self._paths[company_id] = self._search(company_id)
        return found if isinstance(found, WarmPath) else None

    # --- table anatomy -----------------------------------------------------------------
    def value(self, row: int, col: int) -> Any:
        """The native value of a cell (for sorting and export): ints, bools, text, hops."""
        r = self._rows[row]
        if col == COL_PATH:
            found = self._paths.get(r.id)
            return found.length if isinstance(found, WarmPath) else None
        if col == COL_PRIORITY:
            return PRIORITY_LABELS.get(r.priority, "—") if r.priority else ""
        return (
            r.is_target,
            r.priority,
            r.name,
            r.people,
            r.vouchers,
            r.open_jobs,
            None,
            r.industry,
        )[col]

    def sort_key(self, record: CompanyRow, column: int) -> Any:
        """Targets, then priority High to Low, counts as numbers, paths by hops (a company
        still searched for last, then those without a path)."""
        if column == COL_PATH:
            found = self._paths.get(record.id)
            if found is None:
                self._want_path(record.id)
                return 99
            return found.length if isinstance(found, WarmPath) else 98
        if column == COL_TARGET:
            return int(record.is_target)
        if column == COL_PRIORITY:
            return record.priority or 9
        if column == COL_NAME:
            return record.name.casefold()
        if column == COL_INDUSTRY:
            return record.industry.casefold()
        return (record.people, record.vouchers, record.open_jobs)[column - COL_PEOPLE]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == RowRole:
            return r.id
        if col == COL_PATH and role in (
            Qt.ItemDataRole.DisplayRole,
            SortRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return self._path_data(r.id, role)
        if col == COL_TARGET:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if r.is_target else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return "A network target: Today works backwards from it"
            return None
        if col == COL_PRIORITY:
            if role == Qt.ItemDataRole.DisplayRole:
                return PRIORITY_LABELS.get(r.priority, "—") if r.priority else "—"
            if role == Qt.ItemDataRole.EditRole:
                return r.priority
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            v = self.value(index.row(), col)
            if col in (COL_PEOPLE, COL_VOUCHERS, COL_JOBS):
                return str(v) if v else "—" if role == Qt.ItemDataRole.DisplayRole else v
            return v
        if role == SortRole:
            return self.sort_key(r, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            COL_PEOPLE,
            COL_VOUCHERS,
            COL_JOBS,
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and col == COL_NAME and r.is_target:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _path_data(self, company_id: int, role: int):
        found = self._paths.get(company_id)
        if found is None:
            self._want_path(company_id)
            return {Qt.ItemDataRole.DisplayRole: "…", SortRole: 99}.get(role)
        if not isinstance(found, WarmPath):
            return {
                Qt.ItemDataRole.DisplayRole: "no path",
                SortRole: 98,
                Qt.ItemDataRole.ToolTipRole: "Nobody in your network leads there yet",
            }.get(role)
        if role == SortRole:
            return found.length
        if role == Qt.ItemDataRole.ToolTipRole:
            return found.summary()
        if found.length == 1:
            return f"1 hop · {found.first.name}"
        return f"{found.length} hops via {found.first.name}"

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_TARGET:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == COL_PRIORITY:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        r = self._rows[index.row()]
        col = index.column()
        try:
            before = company_snapshot(r.id)
            if col == COL_TARGET and role == Qt.ItemDataRole.CheckStateRole:
                checked = is_checked(value)
                company_service.set_target(r.id, checked)
                new = dataclasses.replace(r, is_target=checked)
                text = target_step(r.name, checked)
            elif col == COL_PRIORITY and role == Qt.ItemDataRole.EditRole:
                company_service.set_target(r.id, r.is_target, int(value or 0))
                new = dataclasses.replace(r, priority=int(value or 0))
                text = f"Set the priority of {r.name}"
            else:
                return False
        except VouchError as exc:
            self.error.emit(exc.user_message())
            return False
        self.replace_row(index.row(), new)
        if new.is_target and new.id not in self._paths:
            self._want_path(new.id)
        self.row_changed(
            index.row(),
            [
                Qt.ItemDataRole.DisplayRole,
                Qt.ItemDataRole.EditRole,
                Qt.ItemDataRole.CheckStateRole,
                Qt.ItemDataRole.FontRole,
                SortRole,
            ],
        )
        self.written.emit(r.id, before, text)
        return True

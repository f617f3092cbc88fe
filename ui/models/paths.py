"""Ranked warm paths as a tree: one row per path, its hops (with their evidence) underneath."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from crm.services.network import Hop, WarmPath
from crm.services.referrals import STATUS_LABELS
from ui.models.rows import HeaderLabels
from ui.widgets.wording import count

SortRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2  # the WarmPath (top rows) or the Hop (child rows)

LINK_LABELS = {
    "first-degree": "you know them",  # as the Degree column and the contact pane say it
    "knows": "knows",
    "colleague": "colleague",
}

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def link_label(hop: Hop) -> str:
    """What links this person to the one before, in the Referral chains page's words."""
    if hop.kind == "referral":
        return "referral: " + STATUS_LABELS.get(hop.status, hop.status.replace("_", " "))
    return LINK_LABELS.get(hop.kind, hop.kind)


class PathsModel(HeaderLabels, QAbstractItemModel):
    # Hops: how many a path takes ("2 hops", as Companies' Shortest path and the README say
    # it); under it, what each hop is ("you know them", "referral: named")
    COL_PATH, COL_HOPS, COL_CLOSENESS, COL_LAST, COL_NEXT = range(5)
    headers = ("Warm path", "Hops", "Closeness", "Last contact", "Next step")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._paths: list[WarmPath] = []

    # -- data in ---------------------------------------------------------------------------
    def set_paths(self, paths: list[WarmPath]) -> None:
        self.beginResetModel()
        self._paths = list(paths)
        self.endResetModel()

    def path(self, row: int) -> WarmPath:
        return self._paths[row]

    def paths(self) -> list[WarmPath]:
        return list(self._paths)

    # -- structure: internalId 0 for a path row, path row + 1 for its hops -------------------
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if column < 0 or column >= len(self.headers) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._paths) else QModelIndex()
        if parent.internalId() == 0 and row < self._paths[parent.row()].length:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index | None = None) -> QModelIndex | QObject | None:  # type: ignore[override]
        if index is None:
            return super().parent()  # the QObject parent
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        if not parent.isValid():
            return len(self._paths)
        if parent.internalId() == 0 and parent.column() == 0:
            return self._paths[parent.row()].length
        return 0  # hops have no children

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return len(self.headers)

    # -- cells ------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._path_data(self._paths[index.row()], index.column(), role)
        hop = self._paths[index.internalId() - 1].hops[index.row()]
        return self._hop_data(hop, index.row(), index.column(), role)

    def _path_data(self, p: WarmPath, col: int, role: int):
        last = p.first.last_contact
        if role == RowRole:
            return p
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                p.summary(),
                count(p.length, "hop"),
                str(p.first.closeness),
                last.isoformat() if last else "never",
                p.next_action(),
            )[col]
        if role == SortRole:
            return (p.summary(), p.length, p.first.closeness, last.toordinal() if last else 0,
                    p.next_action())[col]  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(h.explain() for h in p.hops)
        if role == Qt.ItemDataRole.FontRole and col == self.COL_PATH and p.length == 1:
            font = QFont()
            font.setBold(True)  # someone I know works there: the shortest way in
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            self.COL_HOPS,
            self.COL_CLOSENESS,
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _hop_data(self, hop: Hop, row: int, col: int, role: int):
        last = hop.person.last_contact
        if role == RowRole:
            return hop
        if role == Qt.ItemDataRole.DisplayRole:
            who = (
                f"{hop.person.name} ({hop.person.company})"
                if hop.person.company
                else (hop.person.name)
            )
            return (
                f"{row + 1}. {who}",
                link_label(hop),
                str(hop.person.closeness),
                last.isoformat() if last else "never",
                hop.explain(),
            )[col]
        if role == SortRole:
            return (row, link_label(hop), hop.person.closeness,
                    last.toordinal() if last else 0, hop.explain())[col]  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole:
            return hop.explain()
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_CLOSENESS:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

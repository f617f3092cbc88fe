"""The referral chains as a real tree: me → first-degree vouchers → the names they gave → …

Built from crm.services.referrals.referral_tree(); every item keeps its parent and row so
that index() and parent() are O(1), and rowCount(parent) is the parent's children count.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from crm.services.referrals import STATUS_LABELS, ChainNode, referral_tree
from ui.delegates import status_color

log = logging.getLogger(__name__)

SortRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2  # the contact id (None for "me")
StatusRole = Qt.ItemDataRole.UserRole + 3  # the status key of the edge leading here
ReferralRole = Qt.ItemDataRole.UserRole + 4  # the referral (edge) id, None for roots

COL_NAME, COL_COMPANY, COL_STATUS, COL_NAMES = range(4)
headers = ("Person", "Company", "Status", "Names given")

ROOT_STATUS = "voucher"  # first-degree people who named someone for me
CONNECTION_STATUS = "connection"  # first-degree people who only know someone
Index = QModelIndex | QPersistentModelIndex
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class Item:
    __slots__ = ("node", "parent", "row", "children", "status")

    def __init__(self, node: ChainNode | None, parent: Item | None, row: int):
        self.node = node
        self.parent = parent
        self.row = row
        self.children: list[Item] = []
        self.status = ""  # filled once the children are known (see ReferralTreeModel._status)


def status_label(status: str) -> str:
    if not status:
        return ROOT_STATUS
    return STATUS_LABELS.get(status, status)


class ReferralTreeModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._hidden = Item(None, None, 0)  # invisible root; its only child is "me"
        self.me = Item(None, self._hidden, 0)
        self._hidden.children = [self.me]
        self._by_contact: dict[int, Item] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def reload(self, statuses: set[str] | None = None) -> None:
        forest = referral_tree(statuses or None)
        self.beginResetModel()
        self.me.children = []
        self._by_contact = {}
        for node in forest:
            self.me.children.append(self._build(node, self.me, len(self.me.children)))
        # Vouchers first, then connections who only know someone; each by name.
        self.me.children.sort(
            key=lambda i: (self._status(i) != ROOT_STATUS, i.node.name.casefold())
        )
        for row, item in enumerate(self.me.children):
            item.row = row
        self.endResetModel()

    def size(self) -> int:
        """People in the tree (me excluded)."""
        return len(self._by_contact)

    def _build(self, node: ChainNode, parent: Item, row: int) -> Item:
        item = Item(node, parent, row)
        self._by_contact[node.contact_id] = item
        for child in node.children:
            item.children.append(self._build(child, item, len(item.children)))
        item.status = self._compute_status(item)
        return item

    # --- tree anatomy ------------------------------------------------------------------
    def item(self, index: Index) -> Item:
        return index.internalPointer() if index.isValid() else self._hidden

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        owner = self.item(parent)
        if 0 <= row < len(owner.children) and 0 <= column < len(headers):
            return self.createIndex(row, column, owner.children[row])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = index.internalPointer().parent
        if up is None or up is self._hidden:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.item(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return len(headers)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return headers[section]
        return None

    def index_of_contact(self, contact_id: int, column: int = 0) -> QModelIndex:
        item = self._by_contact.get(contact_id)
        return self.createIndex(item.row, column, item) if item else QModelIndex()

    def _status(self, item: Item) -> str:
        return item.status

    @staticmethod
    def _compute_status(item: Item) -> str:
        """The edge status; for first-degree people, voucher when they named anyone."""
        node = item.node
        if node is None:
            return ""
        if node.status:
            return node.status
        named = any(c.node and c.node.status != "potential" for c in item.children)
        return ROOT_STATUS if named else CONNECTION_STATUS

    def value(self, item: Item, col: int):
        """Native value of a cell, for sorting and export."""
        return self.values(item)[col]

    def values(self, item: Item) -> tuple:
        """Native values of a row's cells, in column order (export reads whole rows)."""
        node = item.node
        if node is None:
            return ("Me", "", "", None)
        status = self._status(item)
        return (node.name, node.company, STATUS_LABELS.get(status, status), len(item.children))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item: Item = index.internalPointer()
        node, col = item.node, index.column()
        if role == RowRole:
            return node.contact_id if node else None
        if role == StatusRole:
            return self._status(item)
        if role == ReferralRole:
            return node.referral_id if node else None
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NAMES:
                n = len(item.children)
                return str(n) if n and node else ""
            if col == COL_STATUS and node is None:
                return ""
            return self.value(item, col)
        if role == SortRole:
            v = self.value(item, col)
            return v.casefold() if isinstance(v, str) else v
        if role == Qt.ItemDataRole.FontRole and (node is None or item.parent is self.me):
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS and node:
            return status_color(self._status(item))
        if role == Qt.ItemDataRole.ForegroundRole and node and node.status == "declined":
            return QColor("#95a5a6")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_NAMES:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and node:
            if node is not None and item.parent is self.me:
                kind = "a voucher" if self._status(item) == ROOT_STATUS else "knows people"
                return f"{node.name}: first degree, {kind}; {len(item.children)} below"
            giver = item.parent.node.name if item.parent and item.parent.node else "you"
            return f"Named by {giver}; {status_label(node.status)}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def rows(self) -> list[tuple[int, Item]]:
        """Every item under me, depth first, with its level (1 = first degree)."""
        out: list[tuple[int, Item]] = []

        def walk(item: Item, level: int) -> None:
            for child in item.children:
                out.append((level, child))
                walk(child, level + 1)

        walk(self.me, 1)
        return out

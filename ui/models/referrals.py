"""The referral chains as a real tree: me → first-degree vouchers → the names they gave → …

Built from crm.services.referral_chains.Chains (the forest keyed by contact id) without an object
per person: an index carries the contact id as its internal id ("me" is 0), so index(),
parent() and rowCount() are dictionary lookups, and a row's cells are read only when shown.
A reset swaps in a Tree that prepare() laid out (in a worker for big networks); the tree view
asks only for the rows it lays out.
"""

from __future__ import annotations

import logging
from collections import Counter
from operator import itemgetter
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from crm.services.referral_chains import LINK_FROM, LINK_ID, LINK_STATUS, LINK_TO, Chains, chains
from crm.services.referrals import STATUS_LABELS
from ui.delegates import status_color
from ui.models.rows import HeaderLabels

log = logging.getLogger(__name__)

SortRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2  # the contact id (None for "me")
StatusRole = Qt.ItemDataRole.UserRole + 3  # the status key of the edge leading here
ReferralRole = Qt.ItemDataRole.UserRole + 4  # the referral (edge) id, None for roots

COL_NAME, COL_COMPANY, COL_STATUS, COL_NAMES = range(4)
headers = ("Person", "Company", "Status", "Names given")

ROOT_STATUS = "voucher"  # first-degree people who named someone for me
CONNECTION_STATUS = "connection"  # first-degree people who only know someone
# Sorting by status: the first degree first, then the links in the order a chain moves on
_STATUS_ORDER = {s: i for i, s in enumerate((ROOT_STATUS, CONNECTION_STATUS, *STATUS_LABELS))}
ME = 0  # internal id of the "me" row (contact ids start at 1)
Index = QModelIndex | QPersistentModelIndex
_EMPTY = Chains([], {}, {}, {})
_GREY = "#95a5a6"
_TO = itemgetter(LINK_TO)


class Person(NamedTuple):
    """One person of the tree as export reads it."""

    contact_id: int
    name: str
    company: str
    status: str  # status of the edge that leads here ("" for first-degree people)
    referral_id: int | None


class Item(NamedTuple):
    """A row of rows(): the person, the contact ids under them, and the row's status key."""

    node: Person
    children: list[int]
    status: str


def status_label(status: str) -> str:
    if not status:
        return ROOT_STATUS
    return STATUS_LABELS.get(status, status)


class Tree(NamedTuple):
    """The chains laid out for the tree: plain Python, so a worker can prepare it."""

    chains: Chains
    top: list[int]  # first-degree contact ids, in display order
    row: dict[int, int]  # contact id -> row under its parent
    root_status: dict[int, str]  # first degree: voucher or connection


def prepare(found: Chains) -> Tree:
    """Vouchers first, then connections who only know someone; each by name."""
    people = found.people
    named = {link[LINK_FROM] for link in found.placed.values() if link[LINK_STATUS] != "potential"}
    vouchers = [cid for cid in found.roots if cid in named]
    others = [cid for cid in found.roots if cid not in named]
    top = _by_name(vouchers, people) + _by_name(others, people)
    root_status = dict.fromkeys(vouchers, ROOT_STATUS) | dict.fromkeys(others, CONNECTION_STATUS)
    return Tree(found, top, _rows_under(top, found.below), root_status)


def _rows_under(top: list[int], below: dict[int, list]) -> dict[int, int]:
    """Contact id -> its row under its parent, for the first degree in `top` order and the
    others in the order of `below`."""
    row = dict(zip(top, range(len(top)), strict=True))
    for links in below.values():
        row.update(zip(map(_TO, links), range(len(links)), strict=True))
    return row


def _by_name(ids: list[int], people: dict[int, tuple[str, str]]) -> list[int]:
    """`ids` by name, case-insensitively; equal names keep their order (the sort is stable)."""
    keys = [people[cid][0].casefold() for cid in ids]
    return [ids[i] for i in sorted(range(len(ids)), key=keys.__getitem__)]


class ReferralTreeModel(HeaderLabels, QAbstractItemModel):
    headers = headers

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.chains = _EMPTY
        self._top: list[int] = []  # first-degree contact ids, in display order
        self._row: dict[int, int] = {}  # contact id -> row under its parent
        self._root_status: dict[int, str] = {}  # first degree: voucher or connection
        self._below: dict[int, list] = {}  # contact id -> links under them, in display order
        self._default_top: list[int] = []  # the chain order, for sort column -1
        self._sort: tuple[int, bool] = (-1, False)  # column, descending
        self._bold = QFont()
        self._bold.setBold(True)

    def reload(self, statuses: set[str] | None = None) -> None:
        """Read the chains now (the view reads them in a worker when they are many)."""
        self.set_tree(prepare(chains(statuses or None)))

    def set_tree(self, tree: Tree) -> None:
        """A new tree, in the sort order the user chose (the chain order by default)."""
        self.beginResetModel()
        self.chains, self._default_top, self._row, self._root_status = tree
        self._top, self._below = self._default_top, tree.chains.below
        if self._sort[0] >= 0:
            self._arrange(*self._sort)
        self.endResetModel()

    # --- sorting: the people under each person, by a column -----------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Each person's rows sorted by `column` (-1: the chain order, vouchers first); a
        layout change, so the selection and the expanded rows stay with their people."""
        wanted = (column, order == Qt.SortOrder.DescendingOrder)
        if wanted == self._sort:  # QTreeView.sortByColumn asks twice
            return
        self._sort = wanted
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        if column < 0:
            self._top, self._below = self._default_top, self.chains.below
            self._renumber()
        else:
            self._arrange(*self._sort)
        moved = [
            self.createIndex(0 if ix.internalId() == ME else self._row[ix.internalId()],
                             ix.column(), ix.internalId())
            for ix in persistent
        ]  # fmt: skip
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _arrange(self, column: int, descending: bool) -> None:
        keys = self._sort_keys(column)
        by_person = keys.__getitem__

        def by_link(link: tuple) -> object:
            return keys[link[LINK_TO]]

        self._top = sorted(self._default_top, key=by_person, reverse=descending)
        self._below = {
            cid: sorted(links, key=by_link, reverse=descending) if len(links) > 1 else links
            for cid, links in self.chains.below.items()
        }
        self._renumber()

    def _renumber(self) -> None:
        self._row = _rows_under(self._top, self._below)

    def _sort_keys(self, column: int) -> dict[int, object]:
        """Each person's sort key for `column`, computed once."""
        people, below = self.chains.people, self.chains.below
        if column in (COL_NAME, COL_COMPANY):
            return {cid: p[column].casefold() for cid, p in people.items()}
        if column == COL_STATUS:
            last = len(_STATUS_ORDER)
            return {cid: _STATUS_ORDER.get(self._status(cid), last) for cid in people}
        return {cid: len(below.get(cid, ())) for cid in people}

    def size(self) -> int:
        """People in the tree (me excluded)."""
        return self.chains.size()

    def has_chains(self) -> bool:
        return bool(self._top)

    # --- tree anatomy ------------------------------------------------------------------
    def _children(self, cid: int) -> list[int]:
        if cid == ME:
            return self._top
        return [link[LINK_TO] for link in self._below.get(cid, ())]

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < len(headers) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(0, column, ME) if row == 0 else QModelIndex()
        pid = parent.internalId()
        if pid == ME:
            top = self._top
            return self.createIndex(row, column, top[row]) if row < len(top) else QModelIndex()
        links = self._below.get(pid, ())
        if row < len(links):
            return self.createIndex(row, column, links[row][LINK_TO])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        cid = index.internalId()
        if cid == ME:
            return QModelIndex()
        link = self.chains.placed.get(cid)
        if link is None:
            return self.createIndex(0, 0, ME)
        up = link[LINK_FROM]
        return self.createIndex(self._row[up], 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return 1
        if parent.column() != 0:
            return 0
        cid = parent.internalId()
        return len(self._top) if cid == ME else len(self._below.get(cid, ()))

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        if not parent.isValid():
            return True
        if parent.column() != 0:
            return False
        cid = parent.internalId()
        return bool(self._top) if cid == ME else cid in self._below

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return len(headers)

    def index_of_contact(self, contact_id: int, column: int = 0) -> QModelIndex:
        row = self._row.get(contact_id)
        return self.createIndex(row, column, contact_id) if row is not None else QModelIndex()

    def _status(self, cid: int) -> str:
        """The edge status; for first-degree people, voucher when they named anyone."""
        if cid == ME:
            return ""
        link = self.chains.placed.get(cid)
        return link[LINK_STATUS] if link else self._root_status[cid]

    def person(self, cid: int) -> Person:
        name, company = self.chains.people[cid]
        link = self.chains.placed.get(cid)
        if link is None:
            return Person(cid, name, company, "", None)
        return Person(cid, name, company, link[LINK_STATUS], link[LINK_ID])

    def _values(self, cid: int) -> tuple:
        if cid == ME:
            return ("Me", "", "", None)
        name, company = self.chains.people[cid]
        status = self._status(cid)
        names = len(self._below.get(cid, ()))
        return (name, company, STATUS_LABELS.get(status, status), names)

    def value(self, item: Item, col: int) -> Any:
        """Native value of a cell, for sorting and export."""
        return self.values(item)[col]

    def values(self, item: Item) -> tuple:
        """Native values of a row's cells, in column order (export reads whole rows)."""
        return self._values(item.node.contact_id)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cid, col = index.internalId(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if cid == ME:
                return "Me" if col == COL_NAME else ""
            if col == COL_NAME:
                return self.chains.people[cid][0]
            if col == COL_COMPANY:
                return self.chains.people[cid][1]
            if col == COL_STATUS:
                status = self._status(cid)
                return STATUS_LABELS.get(status, status)
            n = len(self._below.get(cid, ()))
            return str(n) if n else ""
        if role == RowRole:
            return None if cid == ME else cid
        if role == StatusRole:
            return self._status(cid)
        if role == ReferralRole:
            link = self.chains.placed.get(cid)
            return link[LINK_ID] if link else None
        if role == SortRole:
            v = self._values(cid)[col]
            return v.casefold() if isinstance(v, str) else v
        link = self.chains.placed.get(cid)
        if role == Qt.ItemDataRole.FontRole and link is None:
            return self._bold  # me and the first degree
        if role == Qt.ItemDataRole.ForegroundRole and cid != ME:
            if col == COL_STATUS:
                return status_color(self._status(cid))
            if link and link[LINK_STATUS] == "declined":
                return QColor(_GREY)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_NAMES:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and cid != ME:
            name = self.chains.people[cid][0]
            if link is None:
                kind = "a voucher" if self._status(cid) == ROOT_STATUS else "knows people"
                below = len(self._below.get(cid, ()))
                return f"{name}: first degree, {kind}; {below} below"
            return f"Named by {self.chains.people[link[LINK_FROM]][0]}; {status_label(link[3])}"
        return None

    # flags(): the base class gives enabled and selectable, what every row here is; not
    # overriding it spares the tree one Python call per row it lays out.

    def counts(self) -> tuple[int, int, Counter[str]]:
        """(first degree, of whom vouchers, statuses of the links below the first degree)."""
        vouchers = sum(1 for s in self._root_status.values() if s == ROOT_STATUS)
        below = Counter(link[LINK_STATUS] for link in self.chains.placed.values())
        return len(self._top), vouchers, below

    def rows(self) -> list[tuple[int, Item]]:
        """Every item under me, depth first, with its level (1 = first degree)."""
        out: list[tuple[int, Item]] = []
        stack = [(1, cid) for cid in reversed(self._top)]
        while stack:
            level, cid = stack.pop()
            children = self._children(cid)
            out.append((level, Item(self.person(cid), children, self._status(cid))))
            stack.extend((level + 1, c) for c in reversed(children))
        return out

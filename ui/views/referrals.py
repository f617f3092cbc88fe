"""Referral chains: who vouched for you, the names they gave, and how far each link has come."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
)

from crm.errors import Cancelled, VouchError
from crm.services import referral_chains
from crm.services import referrals as referral_service
from crm.services.stats import counts
from ui import session as kinds
from ui.delegates import BadgeDelegate, status_color
from ui.models import referrals as m
from ui.tasks import Task, run_task
from ui.views._table import failure_text, hint_label, setup_tree, show_error
from ui.views.base import View
from ui.widgets.wording import count, sentence

log = logging.getLogger(__name__)

# The filter's toggle buttons, in the order a link moves along.
FILTER_STATUSES = ("potential", "named", "intro_requested", "introduced", "met", "declined")
EXPAND_ALL_LIMIT = 3000  # nodes; past that, expanding everything costs more than it shows
# The links counted under the tree, in the summary's words for one and for many.
SUMMARY_STATUSES = (
    ("intro_requested", "introduction requested", "introductions requested"),
    ("introduced", "introduced", "introduced"),
    ("met", "met", "met"),
)
BIG_CHAINS = 20_000  # links; past that, they are read in a worker (~0.3 s at 100,000)


def _read_chains(
    links: referral_chains.Links | None, statuses: set[str] | None, **_kw
) -> tuple[referral_chains.Links, m.Tree]:
    """In a worker: the links (unless kept from before) and the tree the filter lets through."""
    if links is None:
        links = referral_chains.load_links()
    return links, m.prepare(referral_chains.build_chains(links, statuses))


class ReferralsView(View):
    name = "referrals"
    title = "Referral chains"
    depends_on = frozenset({kinds.REFERRALS, kinds.CONTACTS, kinds.INTERACTIONS, kinds.COMPANIES})

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.model = m.ReferralTreeModel(self)
        self._links: referral_chains.Links | None = None  # kept for filter changes
        self._task: Task | None = None  # the read running in a worker, if any

        self.toggles: dict[str, QPushButton] = {}
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(QLabel("Show links:"))
        for status in FILTER_STATUSES:
            button = QPushButton(sentence(m.status_label(status)))
            button.setObjectName(f"filter_{status}")
            button.setCheckable(True)
            button.setChecked(True)
            color = status_color(status).name()
            button.setStyleSheet(
                f"QPushButton {{ border: 1px solid {color}; border-radius: 11px;"
                f" padding: 3px 10px; color: {color}; background: transparent; }}"
                f" QPushButton:checked {{ background: {color}; color: white; }}"
            )
            button.setToolTip(f"Show or hide the links whose status is {m.status_label(status)}")
            button.toggled.connect(self._filter_changed)
            self.toggles[status] = button
            filters.addWidget(button)
        filters.addStretch(1)
        self.expand_button = QPushButton("Expand all")
        self.expand_button.clicked.connect(lambda: self.tree.expandAll())
        self.collapse_button = QPushButton("Collapse")
        self.collapse_button.clicked.connect(self._collapse)
        self.show_button = QPushButton("Open contact")
        self.show_button.setObjectName("show_contact")
        self.show_button.clicked.connect(self.show_selected_contact)

        self.tree = QTreeView()
        self.tree.setObjectName("referral_tree")
        setup_tree(self.tree)
        self.tree.setModel(self.model)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setItemDelegateForColumn(m.COL_STATUS, BadgeDelegate(m.StatusRole, self.tree))
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # 760 pixels in all: the four columns fit the page of a 1024-pixel window.
        header.resizeSection(m.COL_NAME, 280)
        header.resizeSection(m.COL_COMPANY, 200)
        header.resizeSection(m.COL_STATUS, 180)
        header.resizeSection(m.COL_NAMES, 100)
        # Not stretched: the counts stay under their header instead of far to the right.
        header.setStretchLastSection(False)
        # A header click sorts each person's rows; until then the chain order, vouchers first.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.tree.setSortingEnabled(True)
        self.tree.doubleClicked.connect(self._activate)
        self.tree.selectionModel().currentChanged.connect(self._update_buttons)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        enter = QAction("Open contact", self.tree)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(self.show_selected_contact)
        self.tree.addAction(enter)

        self.summary = hint_label("")
        self.summary.setToolTip(
            "Vouchers: people who can vouch for you. People reached: everyone named to you or "
            "known through someone else, at any status of the chain."
        )
        self.empty = QLabel(
            "No referral chains yet. Log a meeting with someone who can vouch for you and "
            "add the 3-4 names they give you: each becomes a link here."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty.setContentsMargins(40, 40, 40, 40)
        # The tree's buttons sit under it, beside the summary: on one row with the six
        # filters they made the page wider than a 1024-pixel window.
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.expand_button)
        bottom.addWidget(self.collapse_button)
        bottom.addWidget(self.show_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(bottom)
        self.empty.hide()
        self._update_buttons()

    # --- data --------------------------------------------------------------------------
    def statuses(self) -> set[str] | None:
        """The statuses the filter lets through; None when all are on."""
        on = {s for s, b in self.toggles.items() if b.isChecked()}
        return None if len(on) == len(self.toggles) else on

    def _on_changed(self, changed: frozenset[str]) -> None:
        if not self.depends_on or changed & self.depends_on:
            self._links = None  # read again; a read still running would be out of date
            self._task = None
        super()._on_changed(changed)

    def reload(self) -> None:
        statuses = self.statuses()
        # Nothing ticked: no link passes, so only "me" is left.
        wanted = statuses if statuses is None or statuses else {"__none__"}
        links = self._links  # kept from the last read: a filter change needs no new one
        many = len(links.links) if links is not None else counts()["referrals"]
        if many <= BIG_CHAINS:
            if links is None:
                links = self._links = referral_chains.load_links()
            self._show(m.prepare(referral_chains.build_chains(links, wanted)))
            return
        task = Task(_read_chains, links, wanted)
        self._task = task
        self.summary.setText("Reading the referral chains…")

        def done(result: tuple[referral_chains.Links, m.Tree]) -> None:
            if self._task is task:  # else a change or a newer read superseded it
                self._task = None
                self._links = result[0]
                self._show(result[1])

        def failed(exc: Exception) -> None:
            if self._task is task:
                self._task = None
                if not isinstance(exc, Cancelled):
                    show_error(self, self.title, failure_text(exc, "Reading the referral chains"))

        run_task(
            task,
            parent=self,
            label="Reading the referral chains…",
            on_done=done,
            on_error=failed,
        )

    def _show(self, tree: m.Tree) -> None:
        selected = self.selected_contact()
        self.model.set_tree(tree)
        self._expand()
        if selected is not None:
            self.select_contact(selected)
        has_chains = self.model.has_chains() or self.statuses() is not None
        self.tree.setVisible(has_chains)
        self.empty.setVisible(not has_chains)
        for widget in (self.summary, self.expand_button, self.collapse_button, self.show_button):
            widget.setVisible(has_chains)
        self._update_summary()
        self._update_buttons()

    def _expand(self) -> None:
        """Everything open on a personal network; only the first two levels on a huge one."""
        if self.model.size() <= EXPAND_ALL_LIMIT:
            self.tree.expandAll()
        else:
            self.tree.expandToDepth(0)

    def _filter_changed(self, _checked: bool = False) -> None:
        self._stale = True
        self.refresh()

    def _collapse(self) -> None:
        self.tree.collapseAll()
        self.tree.expand(self.model.index(0, 0))

    def _update_summary(self) -> None:
        firsts, vouchers, below = self.model.counts()
        others = firsts - vouchers
        parts = [
            count(vouchers, "voucher"),
            count(others, "connection who knows someone", "connections who know someone"),
            f"{count(below.total(), 'person')} reached",
        ]
        for status, one, many in SUMMARY_STATUSES:
            if below[status]:
                parts.append(count(below[status], one, many))
        self.summary.setText(" · ".join(parts) + " · double-click a person to open their contact")

    # --- selection and actions ---------------------------------------------------------
    def selected_contact(self) -> int | None:
        index = self.tree.currentIndex()
        return self.model.data(index, m.RowRole) if index.isValid() else None

    def select_contact(self, contact_id: int) -> bool:
        index = self.model.index_of_contact(contact_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        return index.isValid()

    def _update_buttons(self, *_args) -> None:
        self.show_button.setEnabled(self.selected_contact() is not None)

    def _activate(self, index) -> None:
        contact_id = self.model.data(index, m.RowRole)
        if contact_id is not None:
            self.session.contact_selected.emit(contact_id)

    def show_selected_contact(self) -> None:
        contact_id = self.selected_contact()
        if contact_id is not None:
            self.session.contact_selected.emit(contact_id)

    def move_status(self, referral_id: int, status: str) -> bool:
        """Move one link along its chain; a refused jump is said in plain words."""
        try:
            referral_service.set_status(referral_id, status)
        except VouchError as exc:
            show_error(self, "Referral chains", exc.user_message())
            return False
        self.session.notify(kinds.REFERRALS)
        return True

    def _context_menu(self, pos) -> None:
        index = self.tree.indexAt(pos)
        if not index.isValid():
            return
        self.tree.setCurrentIndex(index)
        contact_id = self.model.data(index, m.RowRole)
        referral_id = self.model.data(index, m.ReferralRole)
        status = self.model.data(index, m.StatusRole)
        menu = QMenu(self)
        if contact_id is not None:
            menu.addAction("Open contact", self.show_selected_contact)
        if referral_id is not None:
            move = menu.addMenu("Move link to")
            for nxt in referral_service.TRANSITIONS.get(status, ()):
                move.addAction(
                    sentence(m.status_label(nxt)), lambda s=nxt: self.move_status(referral_id, s)
                )
            move.setEnabled(bool(move.actions()))
        if menu.actions():
            menu.exec(self.tree.viewport().mapToGlobal(pos))

    # --- export and state --------------------------------------------------------------
    def visible_rows(self) -> tuple[str, list[str], list[list]]:
        """The tree as the filter shows it, one row per person with its level in the chain."""
        rows = [[level, *self.model.values(item)] for level, item in self.model.rows()]
        return self.title, ["Level", *m.headers], rows

"""Network backwards: pick a company, job or person, see the warm paths to it, ask for the intro.

Left: the ranked warm paths (expand one to see the evidence for each hop) and "who should I
meet next". Right: the referral chains around me, with the current paths highlighted.
"""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from crm.errors import Cancelled, VouchError
from crm.services import companies, jobs, network
from crm.services import record_history as history
from crm.services.graph_layout import load_graph
from crm.services.stats import counts
from ui import session as kinds
from ui.dialogs.introduction import request_introduction
from ui.models.paths import PathsModel, RowRole
from ui.record_commands import push_company_change, push_job_change
from ui.views._table import failure_text
from ui.views.base import View
from ui.views.latest_work import LatestWork
from ui.widgets.network_graph import GraphPanel
from ui.widgets.network_picker import MeetNextList, NetworkPicker
from ui.widgets.steady import steady_width
from ui.widgets.wording import count, target_step

log = logging.getLogger(__name__)

BIG_NETWORK = 5000  # contacts; above this, searches run in a worker with a cancel button


def paths_summary(paths: list[network.WarmPath], name: str) -> str:
    """'3 warm paths to Acme, best first; 1 leads to someone you know directly.' `name` is
    HTML-escaped already. One path is not 'best first', nor '1 of them'."""
    direct = sum(1 for p in paths if p.length == 1)
    if len(paths) == 1:
        extra = ": you know the person there directly" if direct else ""
        return f"<b>1 warm path to {name}</b>{extra}. Expand it to see each hop."
    lead = "leads" if direct == 1 else "lead"
    extra = f"; {direct:,} {lead} to someone you know directly" if direct else ""
    return (
        f"<b>{count(len(paths), 'warm path')} to {name}</b>, best first{extra}. "
        "Expand a path to see each hop."
    )


# The words the Companies page uses for the same step (its row menu)
TARGET_TEXTS = ("Make a network target", "Remove from network targets")


class NetworkView(View):
    name = "network"
    title = "Network"
    depends_on = frozenset(
        {kinds.CONTACTS, kinds.COMPANIES, kinds.REFERRALS, kinds.JOBS, kinds.INTERACTIONS}
    )

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.choice: network.Choice | None = None
        self.work = LatestWork(self, self._error)

        self.picker = NetworkPicker()
        self.choices = self.picker.choices
        self.picker.picked.connect(self._pick)

        self.target_button = QPushButton(TARGET_TEXTS[0])
        # As wide as its wider text, so that picking a target does not move the row about
        self.target_button.setMinimumWidth(steady_width(self.target_button, TARGET_TEXTS))
        self.target_button.setObjectName("mark_target")
        self.target_button.clicked.connect(self.toggle_target)
        self.ask_button = QPushButton("Ask for an introduction…")
        self.ask_button.setObjectName("ask")
        self.ask_button.clicked.connect(self.ask_for_introduction)

        top = QHBoxLayout()
        top.addWidget(QLabel("Network backwards from"))
        top.addWidget(self.picker, 1)
        top.addWidget(self.target_button)
        top.addWidget(self.ask_button)

        self.summary = QLabel("Pick a company, a job or a person to see the warm paths to it.")
        self.summary.setWordWrap(True)
        self.model = PathsModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("paths")
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(PathsModel.COL_PATH, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(PathsModel.COL_PATH, 340)
        for col in (PathsModel.COL_HOPS, PathsModel.COL_CLOSENESS, PathsModel.COL_LAST):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tree.selectionModel().currentRowChanged.connect(self._path_selected)
        self.tree.doubleClicked.connect(self._open_hop)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._path_menu)

        self.meet = MeetNextList()
        self.meet.currentItemChanged.connect(self._connector_picked)
        self.meet.person_activated.connect(self.session.contact_selected.emit)

        left = QSplitter(Qt.Orientation.Vertical)
        paths_box = QWidget()
        pl = QVBoxLayout(paths_box)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.summary)
        pl.addWidget(self.tree, 1)
        self.next_step = QLabel()
        self.next_step.setObjectName("next_step")
        self.next_step.setWordWrap(True)
        pl.addWidget(self.next_step)
        meet_box = QWidget()
        ml = QVBoxLayout(meet_box)
        ml.setContentsMargins(0, 0, 0, 0)
        meet_title = QLabel("<b>Who should I meet next</b> — first-degree people who reach the "
                            "most network targets")  # fmt: skip
        meet_title.setWordWrap(True)
        ml.addWidget(meet_title)
        ml.addWidget(self.meet, 1)
        left.addWidget(paths_box)
        left.addWidget(meet_box)
        left.setSizes([420, 220])

        self.panel = GraphPanel()
        self.graph = self.panel.graph
        self.only_paths = self.panel.only_paths
        self.node_info = self.panel.node_info
        self.graph.node_activated.connect(self.session.contact_selected.emit)

        self.split = split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([640, 460])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._update_buttons()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt name
        if not getattr(self, "_split_sized", False) and self.split.width() > 0:
            # Paths get the larger share the first time; the window restores the user's later.
            self._split_sized = True
            w = self.split.width()
            self.split.setSizes([w * 3 // 5, w - w * 3 // 5])
        super().showEvent(event)

    # -- loading ----------------------------------------------------------------------------
    def reload(self) -> None:
        self.work.big = counts()["contacts"] > BIG_NETWORK
        current = self.choice
        self.choices.set_items(network.choices())
        if current is not None:
            self.choice = self.picker.show_row(self.choices.find(current.kind, current.id))
        elif self.choices.items and self.choices.items[0].is_target:
            # Open on the first target company rather than an empty page.
            self.choice = self.picker.show_row(0)
        else:
            self.picker.show_row(-1)
        self.work.run(network.who_to_meet_next, self._show_meet, "Finding better connected people…")
        self.work.run(lambda **kw: load_graph(), self._show_graph, "Laying out the network…")
        self._search()

    def _error(self, exc: Exception) -> None:
        if isinstance(exc, Cancelled):
            return
        QMessageBox.warning(self, "Network", failure_text(exc, "The network search"))

    # -- picking ------------------------------------------------------------------------------
    def show_company(self, company_id: int) -> None:
        """Open the warm paths to a company (used by the Companies view)."""
        self.show_choice("company", company_id)

    def show_choice(self, kind: str, cid: int) -> None:
        self.refresh()
        row = self.choices.find(kind, cid)
        if row >= 0:
            self._pick(self.picker.show_row(row))

    def _pick(self, choice: network.Choice | None) -> None:
        if choice is None:
            return
        self.choice = choice
        self._search()

    def _search(self) -> None:
        self._update_buttons()
        c = self.choice
        if c is None:
            self.model.set_paths([])
            return
        fn = {
            "company": network.paths_to_company,
            "job": network.paths_to_job,
            "contact": network.paths_to_contact,
        }[c.kind]
        self.work.run(lambda **kw: fn(c.id, **kw), self._show_paths, "Searching warm paths…")

    def _show_paths(self, paths: list[network.WarmPath]) -> None:
        self.model.set_paths(paths)
        c = self.choice
        name = escape(c.label) if c else ""
        if not paths:
            self.summary.setText(
                f"No warm path to {name} yet. Ask your vouchers whom they know there, "
                "or record who knows whom."
            )
        else:
            self.summary.setText(paths_summary(paths, name))
            self.tree.setCurrentIndex(self.model.index(0, 0))
        ids = {cid for p in paths for cid in p.contact_ids}
        if ids - set(self.graph.nodes) and paths:
            self.work.run(lambda **kw: load_graph(extra_ids=ids), self._show_graph, "Laying out…")
            return
        self._highlight_paths()

    def _highlight_paths(self) -> None:
        paths = self.model.paths()
        ids = {cid for p in paths for cid in p.contact_ids}
        links = []
        for p in paths:
            prev = 0
            for h in p.hops:
                links.append((prev, h.person.id, h.kind))
                prev = h.person.id
        self.graph.highlight(ids, links)

    # -- side panels --------------------------------------------------------------------------
    def _show_meet(self, connectors: list[network.Connector]) -> None:
        self.meet.show_connectors(connectors)

    def _show_graph(self, graph) -> None:
        self.panel.set_graph(graph)
        self._highlight_paths()

    def _connector_picked(self, item: QListWidgetItem | None, _previous=None) -> None:
        """Show where a better connected person sits in the graph."""
        cid = self.meet.person_id(item)
        if cid is not None and cid in self.graph.nodes:
            self.graph.select_node(cid)
            self.graph.centerOn(self.graph.nodes[cid])
            self.panel.show_person(cid)

    def _path_menu(self, pos) -> None:
        menu = self.path_menu(self.tree.indexAt(pos))
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(pos))

    def path_menu(self, index: QModelIndex) -> QMenu | None:
        """Right-click on a path or a hop: open the person, or ask for the introduction."""
        if not index.isValid():
            return None
        self.tree.setCurrentIndex(index)
        path = self.selected_path()
        hop = index.data(RowRole) if index.parent().isValid() else None
        person = hop.person if hop is not None else path.first
        menu = QMenu(self)
        menu.addAction(f"Open {person.name}", lambda: self.session.contact_selected.emit(person.id))
        ask = menu.addAction("Ask for an introduction…", self.ask_for_introduction)
        ask.setEnabled(self.ask_button.isEnabled())
        return menu

    def _path_selected(self, current: QModelIndex, _previous=None) -> None:
        self._update_buttons()
        path = self.selected_path()
        self.next_step.setText(f"<b>Next step:</b> {escape(path.next_action())}" if path else "")

    def _open_hop(self, index: QModelIndex) -> None:
        hop = index.data(RowRole)
        if hop is not None and index.parent().isValid():
            self.session.contact_selected.emit(hop.person.id)

    def selected_path(self) -> network.WarmPath | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        if index.parent().isValid():
            index = index.parent()
        return self.model.path(index.row())

    def _update_buttons(self) -> None:
        c = self.choice
        self.target_button.setEnabled(c is not None and c.kind in ("company", "job"))
        self.target_button.setText(
            TARGET_TEXTS[1] if c is not None and c.is_target else TARGET_TEXTS[0]
        )
        path = self.selected_path()
        self.ask_button.setEnabled(path is not None and path.length > 1)
        if path is not None and path.length == 1:
            self.ask_button.setToolTip(f"You know {path.first.name}: talk to them directly.")
        else:
            self.ask_button.setToolTip("Ask the first person on the path to introduce you.")

    # -- actions ---------------------------------------------------------------------------------
    def toggle_target(self) -> None:
        c = self.choice
        if c is None or c.kind not in ("company", "job"):
            return
        text = target_step(c.label, not c.is_target)
        try:
            if c.kind == "company":
                before = history.company_snapshot(c.id)
                companies.set_target(c.id, not c.is_target)
                push_company_change(self.session, text, c.id, before)
                self.session.notify(kinds.COMPANIES)
            else:
                before = history.job_snapshot(c.id)
                jobs.update_job(c.id, is_target=not c.is_target)
                push_job_change(self.session, text, c.id, before)
                self.session.notify(kinds.JOBS)
        except VouchError as exc:
            self._error(exc)
        self.refresh()

    def ask_for_introduction(self) -> None:
        """The draft first, as on the contact pane; the summary says what was recorded."""
        path = self.selected_path()
        if path is None or path.length < 2:
            return
        job_id = self.choice.id if self.choice and self.choice.kind == "job" else None
        intro = request_introduction(self, self.session, path, job_id)
        if intro is None:
            return
        self.summary.setText(
            f"Introduction requested from {escape(path.first.name)}; follow-up on "
            f"{intro.follow_up.isoformat() if intro.follow_up else 'its date'}."
        )

"""The referral chains as a picture: me in the centre, rings by degree, edges by status.

The layout comes from crm.services.graph_layout (computed once per data change); this widget
only turns it into scene items. Items cache their rendering, and names are drawn only when
zoomed in far enough or for the highlighted and selected people, so hundreds of nodes stay
readable and smooth to pan.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen, QTransform
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm.services.graph_layout import ME, Graph, Node
from crm.services.referrals import STATUS_LABELS
from ui.widgets.wording import count

STATUS_COLOURS = {
    "first-degree": "#b0b7c3",
    "potential": "#9aa5b1",
    "named": "#3b82f6",
    "intro_requested": "#f59e0b",
    "introduced": "#8b5cf6",
    "met": "#16a34a",
    "colleague": "#0d9488",
}
CLOSENESS_COLOURS = ("#e5e7eb", "#bfdbfe", "#60a5fa", "#1d4ed8")
TARGET_OUTLINE = "#d97706"
ME_COLOUR = "#111827"
HIGHLIGHT = "#dc2626"
LABEL_ZOOM = 0.9  # show every name from this zoom level up
RADIUS = 9.0
DIMMED = 0.12
LABEL_WIDTH = 120  # pixels: a longer name is cut with "…" (demo names are ~90)
LABEL_ROOM = 50  # pixels kept free on each side for the outermost names
MAX_FIT = 0.6  # Fit never zooms in further: a lone "me" stays a dot


class NodeItem(QGraphicsEllipseItem):
    def __init__(self, node: Node):
        r = RADIUS * (1.6 if node.id == ME else 1.0)
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.node = node
        self.setPos(node.x, node.y)
        self.setZValue(2)
        fill = ME_COLOUR if node.id == ME else CLOSENESS_COLOURS[max(0, min(node.closeness, 3))]
        self.setBrush(QBrush(QColor(fill)))
        outline = QPen(QColor(TARGET_OUTLINE if node.at_target else "#4b5563"))
        outline.setWidthF(3.0 if node.at_target else 1.0)
        outline.setCosmetic(True)
        self.base_pen = outline
        self.setPen(outline)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setToolTip(f"{node.name}\n{node.company}".strip())
        font = QFont()
        font.setPointSizeF(8.5)
        font.setBold(node.id == ME)
        # A long name is cut to LABEL_WIDTH (the tooltip has it whole): Fit zooms out until
        # every name fits beside its node, and one 90-character name left the rest a dot.
        shown = QFontMetrics(font).elidedText(node.name, Qt.TextElideMode.ElideRight, LABEL_WIDTH)
        self.label = QGraphicsSimpleTextItem(shown, self)
        self.label.setFont(font)
        self.label.setVisible(False)
        self.label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        # Names point away from me (left of the node on the left half) so neighbours on a
        # ring do not write over each other; offsets are in pixels, whatever the zoom.
        box = self.label.boundingRect()
        dx = -box.width() - 8 if node.x < -1 else 8
        self.label.setTransform(QTransform.fromTranslate(dx, -box.height() / 2))


class EdgeItem(QGraphicsLineItem):
    def __init__(self, a: QPointF, b: QPointF, from_id: int, to_id: int, status: str):
        super().__init__(QLineF(a, b))
        self.from_id, self.to_id, self.status = from_id, to_id, status
        pen = QPen(QColor(STATUS_COLOURS.get(status, "#9aa5b1")))
        pen.setCosmetic(True)
        pen.setWidthF(1.2)
        if status in ("potential", "colleague"):
            pen.setStyle(Qt.PenStyle.DashLine)
        self.base_pen = pen
        self.setPen(pen)
        self.setZValue(1 if status != "first-degree" else 0)


class NetworkGraph(QGraphicsView):
    """Zoom with the wheel or +/-, pan by dragging, click a person to see who it is."""

    node_clicked = Signal(int)  # contact id (0 = me)
    node_activated = Signal(int)  # double-click: open the contact

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setBackgroundBrush(QColor("#fbfbfd"))
        self.nodes: dict[int, NodeItem] = {}
        self.edges: list[EdgeItem] = []
        self.extra_links: list[EdgeItem] = []  # colleague links of the highlighted paths
        self.highlighted: set[int] = set()
        self.only_highlighted = False
        self.selected: int | None = None
        self.auto_fit = True  # until the user zooms, the whole network fills the view

    # -- building ---------------------------------------------------------------------------
    def set_graph(self, graph: Graph) -> None:
        scene = self.scene()
        scene.clear()
        self.nodes, self.edges, self.extra_links = {}, [], []
        self.selected = None
        for node in graph.nodes.values():
            item = NodeItem(node)
            scene.addItem(item)
            self.nodes[node.id] = item
        for e in graph.edges:
            a, b = self.nodes[e.from_id].pos(), self.nodes[e.to_id].pos()
            item = EdgeItem(a, b, e.from_id, e.to_id, e.status)
            scene.addItem(item)
            self.edges.append(item)
        rect = scene.itemsBoundingRect().adjusted(-15, -15, 15, 15)
        scene.setSceneRect(rect)
        self.highlight(self.highlighted, [])
        self.fit()

    def fit(self) -> None:
        self.auto_fit = True
        rect = self.scene().sceneRect()
        if rect.isValid():
            # Names are drawn at a fixed size beside the nodes: leave room for them.
            vw, vh = self.viewport().width(), self.viewport().height()
            scale = min((vw - 2 * LABEL_ROOM) / rect.width(), (vh - 30) / rect.height())
            scale = max(min(scale, MAX_FIT), 0.02)
            for _ in range(12):  # zoom out until the outermost names fit beside the nodes
                left, right = self._label_reach(rect, scale)
                room = vw - left - right - 16  # a few pixels spare for rounding
                if rect.width() * scale <= room or scale <= 0.02:
                    break
                scale = max(min(scale * 0.9, room / rect.width() if room > 0 else 0), 0.02)
            left, right = self._label_reach(rect, scale)
            # The view's own rectangle includes the names, so they are centred too.
            shown = rect.adjusted(-left / scale - 4, 0, right / scale + 4, 0)
            self.setSceneRect(shown)
            self.resetTransform()
            self.scale(scale, scale)
            self.centerOn(shown.center())
        self._update_labels()

    def _label_reach(self, rect: QRectF, scale: float) -> tuple[float, float]:
        """Pixels the names stick out of the nodes' rectangle on the left and on the right."""
        left = right = 0.0
        for item in self.nodes.values():
            box = item.label.boundingRect()
            dx = item.label.transform().dx()
            x = item.pos().x()
            left = max(left, -(dx + (x - rect.left()) * scale))
            right = max(right, dx + box.width() - (rect.right() - x) * scale)
        return left, right

    # -- highlighting the warm paths ----------------------------------------------------------
    def highlight(self, contact_ids: set[int], links: list[tuple[int, int, str]]) -> None:
        """Emphasise the people and links of the current warm paths; dim (or hide) the rest.

        `links` are (from, to, kind) pairs; colleague links, which are not edges of the graph,
        are drawn for as long as the highlight lasts.
        """
        for item in self.extra_links:
            self.scene().removeItem(item)
        self.extra_links = []
        self.highlighted = {c for c in contact_ids if c in self.nodes}
        if self.highlighted:
            self.highlighted.add(ME)
        on_path = {(f, t) for f, t, _ in links}
        for f, t, kind in links:
            if kind == "colleague" and f in self.nodes and t in self.nodes:
                item = EdgeItem(self.nodes[f].pos(), self.nodes[t].pos(), f, t, "colleague")
                self.scene().addItem(item)
                self.extra_links.append(item)
        active = bool(self.highlighted)
        for cid, node in self.nodes.items():
            lit = cid in self.highlighted
            node.setOpacity(1.0 if lit or not active else DIMMED)
            node.setVisible(lit or not (active and self.only_highlighted))
            node.setZValue(3 if lit else 2)
        for edge in self.edges + self.extra_links:
            lit = (edge.from_id, edge.to_id) in on_path or edge in self.extra_links
            pen = QPen(edge.base_pen)
            if lit:
                pen.setWidthF(3.0)
            edge.setPen(pen)
            edge.setOpacity(1.0 if lit or not active else DIMMED)
            edge.setVisible(lit or not (active and self.only_highlighted))
        self._update_labels()

    def set_only_highlighted(self, only: bool) -> None:
        self.only_highlighted = only
        links = [(e.from_id, e.to_id, e.status) for e in self.edges if e.pen().widthF() > 2]
        links += [(e.from_id, e.to_id, "colleague") for e in self.extra_links]
        self.highlight(set(self.highlighted), links)

    def visible_nodes(self) -> set[int]:
        return {cid for cid, item in self.nodes.items() if item.isVisible()}

    def lit_nodes(self) -> set[int]:
        return set(self.highlighted)

    # -- selection ------------------------------------------------------------------------------
    def select_node(self, cid: int | None) -> None:
        if self.selected in self.nodes:
            item = self.nodes[self.selected]
            item.setPen(item.base_pen)
        self.selected = cid if cid in self.nodes else None
        if self.selected is not None:
            pen = QPen(QColor(HIGHLIGHT))
            pen.setWidthF(3.5)
            pen.setCosmetic(True)
            self.nodes[self.selected].setPen(pen)
        self._update_labels()

    def _node_at(self, pos) -> NodeItem | None:
        for item in self.items(pos):
            while item is not None and not isinstance(item, NodeItem):
                item = item.parentItem()
            if isinstance(item, NodeItem):
                return item
        return None

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt name
        item = self._node_at(event.position().toPoint())
        if item is not None and event.button() == Qt.MouseButton.LeftButton:
            self.select_node(item.node.id)
            self.node_clicked.emit(item.node.id)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt name
        item = self._node_at(event.position().toPoint())
        if item is not None and item.node.id != ME:
            self.node_activated.emit(item.node.id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    # -- zoom -----------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        if self.auto_fit and self.nodes:
            self.fit()

    def zoom(self, factor: float) -> None:
        self.auto_fit = False
        current = self.transform().m11()
        factor = max(0.05 / current, min(factor, 8.0 / current))
        self.scale(factor, factor)
        self._update_labels()

    def zoom_level(self) -> float:
        return self.transform().m11()

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt name
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(1.15**steps)
        event.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt name
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif event.key() == Qt.Key.Key_Minus:
            self.zoom(0.8)
        elif event.key() == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    def _update_labels(self) -> None:
        # Everyone's name when zoomed in (or when few people); else only the lit and picked.
        zoom = self.zoom_level()
        every = zoom >= LABEL_ZOOM or (len(self.nodes) <= 40 and not self.highlighted)
        for cid, item in self.nodes.items():
            show = every or cid in self.highlighted or cid == self.selected or cid == ME
            item.label.setVisible(show and item.isVisible())

    def label_visible(self, cid: int) -> bool:
        return self.nodes[cid].label.isVisible()

    def node_rect(self, cid: int) -> QRectF:
        return self.nodes[cid].sceneBoundingRect()


class GraphPanel(QWidget):
    """The graph with its zoom buttons, the "only the warm paths" filter, a line about the
    person clicked, and the colour legend."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.graph = NetworkGraph()
        self.graph.setObjectName("graph")
        self.graph.node_clicked.connect(self.show_person)
        self.only_paths = QCheckBox("Only the warm paths")
        self.only_paths.setObjectName("only_paths")
        self.only_paths.toggled.connect(self.graph.set_only_highlighted)
        self.node_info = QLabel(HINT)
        self.node_info.setToolTip(
            "People in referral chains: everyone linked by a live referral (a name given, an "
            "introduction, a 'knows'), you not counted. Declined links, archived people and "
            "connections with no link are not drawn."
        )
        self.node_info.setWordWrap(True)
        tools = QHBoxLayout()
        for text, tip, slot in (
            ("+", "Zoom in (+)", lambda: self.graph.zoom(1.25)),
            ("−", "Zoom out (-)", lambda: self.graph.zoom(0.8)),
            ("Fit", "Show the whole network (0)", self.graph.fit),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            tools.addWidget(button)
        tools.addWidget(self.only_paths)
        tools.addStretch(1)
        legend = QLabel(legend_html())
        legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.graph, 1)
        layout.addWidget(self.node_info)
        layout.addWidget(legend)

    def set_graph(self, graph: Graph) -> None:
        self.graph.set_graph(graph)
        hidden = f" ({graph.hidden} more not drawn)" if graph.hidden else ""
        people = len(graph.nodes) - 1
        if people == 0 and not graph.hidden:  # nobody to click on: say how people get here
            self.node_info.setText(NOBODY)
            return
        self.node_info.setText(f"{count(people, 'person')} in referral chains{hidden}. {HINT}")

    def show_person(self, cid: int) -> None:
        item = self.graph.nodes.get(cid)
        if item is None:
            return
        n = item.node
        if cid == ME:
            self.node_info.setText("Me: every chain starts here.")
            return
        where = f" at {escape(n.company)}" if n.company else ""
        degree = f"degree {n.degree}" if n.degree else "not reachable from me yet"
        self.node_info.setText(
            f"<b>{escape(n.name)}</b>{where} — {degree}, closeness {n.closeness}"
        )


HINT = "Click a person to see who it is; double-click to open them."
NOBODY = (
    "No one in referral chains yet. Log a meeting with someone who can vouch for you and "
    "add the names they give you, or record who knows whom: they appear here."
)


def legend_html() -> str:
    """The colours, in the words the Referral chains page uses; each marker is held to its
    words by non-breaking spaces, so a narrow panel wraps between entries, not inside one."""

    def entry(mark: str, colour: str | None, words: str) -> str:
        marker = f'<span style="color:{colour}">{mark}</span>' if colour else mark
        return marker + "&nbsp;" + words.replace(" ", "&nbsp;")

    parts = [
        entry("━", colour, STATUS_LABELS.get(status, status.replace("_", " ")))
        for status, colour in STATUS_COLOURS.items()
    ]
    parts.append(entry("●", None, "darker = closer"))
    parts.append(entry("◯", TARGET_OUTLINE, "at a network target"))
    return "<small>" + " &nbsp; ".join(parts) + "</small>"

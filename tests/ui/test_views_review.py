"""Defects found by driving the daily screens: HTML in names, graph fit, empty states, axes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument, QTransform
from PySide6.QtWidgets import QToolButton

from crm.store.models import Contact
from ui.session import Session
from ui.views.contacts import ContactsView
from ui.views.network import NetworkView

NAME = ("Sam <b>Lee</b>", "& Co")
COMPANY = "Acme <u>Robotics</u>"


def seen(label) -> str:
    """The text a QLabel puts on screen (rich text rendered, plain text as is)."""
    text = label.text()
    fmt = label.textFormat()
    if fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    ):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


@pytest.fixture
def tagged(demo_db):
    """A contact and its company whose names look like HTML."""
    from crm.services.companies import update_company
    from crm.services.contacts import update_contact

    sam = Contact.select().where(Contact.company.is_null(False)).order_by(Contact.id).first()
    first, last = NAME
    update_contact(sam.id, first_name=first, last_name=last, position="<i>VP</i>")
    update_company(sam.company_id, name=COMPANY, is_target=True)
    return sam.id


def _show(qtbot, widget, size=(1280, 760)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    return widget


def test_contact_detail_shows_html_like_names_as_typed(qtbot, demo_db, tagged):
    view = _show(qtbot, ContactsView(Session(demo_db)))
    qtbot.keyClicks(view.search, "Sam <b>")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    rect = view.table.visualRect(view.model.index(0, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.current_contact_id() == tagged
    assert seen(view.detail.title) == "Sam <b>Lee</b> & Co"
    assert seen(view.detail.subtitle).startswith(f"<i>VP</i> at {COMPANY}")


def test_network_texts_show_html_like_names_as_typed(qtbot, demo_db, tagged):
    view = _show(qtbot, NetworkView(Session(demo_db)))
    line = view.picker.lineEdit()  # choose the company as the user does: type, pick
    line.clear()
    qtbot.keyClicks(line, "Acme <u>")
    popup = view.picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert view.choice.label == COMPANY
    assert f"to {COMPANY}" in seen(view.summary)
    assert view.model.rowCount() > 0
    assert COMPANY in seen(view.next_step)
    graph = view.graph  # click the person in the graph
    center = graph.mapFromScene(graph.nodes[tagged].sceneBoundingRect().center())
    qtbot.mouseClick(graph.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert graph.selected == tagged
    assert seen(view.node_info).startswith(f"Sam <b>Lee</b> & Co at {COMPANY}")


def test_graph_fit_keeps_every_name_inside_the_view(qtbot, demo_db, tagged):
    view = _show(qtbot, NetworkView(Session(demo_db)))
    graph = view.graph
    fit = next(b for b in view.panel.findChildren(QToolButton) if b.text() == "Fit")
    qtbot.mouseClick(fit, Qt.MouseButton.LeftButton)
    # the named person drawn furthest left gets a long name, written leftwards from the node
    shown = [item for item in graph.nodes.values() if item.label.isVisible()]
    leftmost = min(shown, key=lambda item: item.pos().x())
    leftmost.label.setText("Dr. Maximiliane Alexandra von Hohenzollern-Sigmaringen, MBA")
    box = leftmost.label.boundingRect()
    leftmost.label.setTransform(QTransform.fromTranslate(-box.width() - 8, -box.height() / 2))
    qtbot.mouseClick(fit, Qt.MouseButton.LeftButton)
    assert leftmost.label.isVisible()
    width = graph.viewport().width()
    for item in graph.nodes.values():
        if not item.label.isVisible():
            continue
        left = graph.mapFromScene(item.pos()).x() + item.label.transform().dx()
        right = left + item.label.boundingRect().width()
        assert left >= -2 and right <= width + 2, (
            item.node.name,
            left,
            right,
            width,
        )  # ±2 px: rounding


def test_an_empty_network_draws_me_as_a_dot_not_a_disc(qtbot, db):
    view = _show(qtbot, NetworkView(Session(db)))
    rect = view.graph.mapFromScene(view.graph.node_rect(0)).boundingRect()
    assert rect.width() < 30


def test_contacts_empty_database_says_how_to_start(qtbot, db):
    view = _show(qtbot, ContactsView(Session(db)))
    assert view.detail.empty.isVisible()
    assert "No contacts yet" in view.detail.empty.text()
    assert "New contact" in view.detail.empty.text()


def test_empty_funnel_axis_has_no_repeated_ticks(qtbot, db):
    from ui.views.metrics import MetricsView

    view = _show(qtbot, MetricsView(Session(db)), (1280, 800))
    axis = [
        a
        for a in view.charts["funnel"].chart_.axes()
        if a.orientation() == Qt.Orientation.Horizontal
    ][0]
    ticks = [
        axis.min() + i * (axis.max() - axis.min()) / (axis.tickCount() - 1)
        for i in range(axis.tickCount())
    ]
    assert all(t == int(t) for t in ticks), ticks


def test_each_people_count_says_what_it_counts(qtbot, demo_db):
    """Four screens count people four ways; hovering each count says which people."""
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow
    from ui.session import Session
    from ui.views.metrics import MetricsView
    from ui.views.referrals import ReferralsView
    from ui.widgets.network_graph import GraphPanel

    settings = QSettings(str(demo_db.parent / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Session(demo_db), settings)
    qtbot.addWidget(window)
    assert "imported LinkedIn connections included" in window.counts_label.toolTip()
    metrics, referrals = window.show_view("metrics"), window.show_view("referrals")
    assert isinstance(metrics, MetricsView) and isinstance(referrals, ReferralsView)
    assert "since the campaign started" in metrics.summary.toolTip()
    assert "People reached" in referrals.summary.toolTip()
    graph = window.show_view("network").findChild(GraphPanel)
    assert "live referral" in graph.node_info.toolTip()

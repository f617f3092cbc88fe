"""The warm paths' second column says what it holds: how many hops a path takes (as the
Companies page's Shortest path says it), and under it what each hop is, in the words the
Referral chains page and the contact pane use."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from crm.services.network import paths_to_company
from crm.services.referrals import set_status
from crm.store.models import Referral
from tests.ui.test_network_view import click_path, pick
from ui import session as kinds
from ui.models.paths import PathsModel
from ui.session import Session
from ui.views.network import NetworkView


@pytest.fixture
def view(qtbot, demo_db):
    v = NetworkView(Session(demo_db))
    qtbot.addWidget(v)
    v.resize(1300, 800)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_the_hops_column_counts_hops_and_names_each_one(qtbot, view):
    """Before: a column headed 'Hops / link' showing a bare '2' for a path and 'first
    degree' / 'referral: intro requested' for its hops."""
    header = view.tree.model().headerData(
        PathsModel.COL_HOPS, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
    )
    assert header == "Hops"
    pick(qtbot, view, "Acme Rob")
    paths = paths_to_company("Acme Robotics")
    m = view.model
    shown = [m.index(r, PathsModel.COL_HOPS).data() for r in range(m.rowCount())]
    assert shown == [("1 hop" if p.length == 1 else f"{p.length} hops") for p in paths]
    assert shown[0] == "1 hop"
    row = next(i for i, p in enumerate(paths) if p.length == 2)
    parent = m.index(row, 0)
    click_path(qtbot, view, parent)
    qtbot.keyClick(view.tree, Qt.Key.Key_Right)
    hops = [m.index(i, PathsModel.COL_HOPS, parent).data() for i in range(m.rowCount(parent))]
    assert hops == ["you know them", "referral: named"]
    assert not view.tree.header().isSectionHidden(PathsModel.COL_HOPS)

    first, second = paths[row].contact_ids
    edge = Referral.get((Referral.from_contact == first) & (Referral.to_contact == second))
    set_status(edge.id, "intro_requested")
    view.session.notify(kinds.REFERRALS)
    parent = m.index(row, 0)
    assert m.index(1, PathsModel.COL_HOPS, parent).data() == "referral: introduction requested"

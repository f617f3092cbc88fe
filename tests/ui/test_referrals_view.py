"""Referral chains view: me → vouchers → names, the status filter, opening a contact."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox

from crm.store.models import Contact, Referral
from ui.models import referrals as m


@pytest.fixture
def session(demo_db):
    from ui.session import Session

    return Session(demo_db)


@pytest.fixture
def view(qtbot, session):
    from ui.views.referrals import ReferralsView

    v = ReferralsView(session)
    qtbot.addWidget(v)
    v.resize(1100, 700)
    v.show()
    qtbot.waitExposed(v)
    return v


def child_named(model, parent: QModelIndex, name: str) -> QModelIndex:
    for r in range(model.rowCount(parent)):
        index = model.index(r, m.COL_NAME, parent)
        if index.data() == name:
            return index
    raise AssertionError(f"{name!r} is not under {parent.data()!r}")


def all_nodes(model, parent: QModelIndex | None = None) -> list[QModelIndex]:
    parent = parent if parent is not None else QModelIndex()
    out = []
    for r in range(model.rowCount(parent)):
        index = model.index(r, 0, parent)
        out.append(index)
        out.extend(all_nodes(model, index))
    return out


def status_of(model, index: QModelIndex) -> str:
    return model.index(index.row(), m.COL_STATUS, index.parent()).data()


def test_tree_goes_from_me_to_vouchers_to_the_names_they_gave(qtbot, view):
    model = view.model
    assert model.rowCount() == 1
    me = model.index(0, 0)
    assert me.data() == "Me"
    dana_index = child_named(model, me, "Dana Whitfield")
    assert status_of(model, dana_index) == "voucher"
    dana = Contact.get((Contact.first_name == "Dana") & (Contact.last_name == "Whitfield"))
    edges = list(Referral.select().where(Referral.from_contact == dana))
    assert model.rowCount(dana_index) == len(edges) >= 3  # a real tree: children of a parent
    labels = {"named": "named", "intro_requested": "introduction requested"}
    labels |= {"introduced": "introduced", "met": "met"}
    for edge in edges:
        person = edge.to_contact
        index = child_named(model, dana_index, f"{person.first_name} {person.last_name}")
        assert status_of(model, index) == labels[edge.status]
        assert index.parent() == dana_index
    assert model.index(dana_index.row(), m.COL_NAMES, me).data() == str(len(edges))
    # Expanded by default, so the names are on screen.
    assert view.tree.isExpanded(dana_index)


def test_chains_go_three_deep(qtbot, view):
    depths = []
    for index in all_nodes(view.model):
        depth, up = 0, index
        while up.parent().isValid():
            depth, up = depth + 1, up.parent()
        depths.append(depth)
    assert max(depths) >= 3  # me → voucher → name → the names that one gave


def test_status_filter_hides_nodes(qtbot, view):
    before = all_nodes(view.model)
    named_before = [i for i in before if status_of(view.model, i) == "named"]
    assert named_before
    qtbot.mouseClick(view.toggles["named"], Qt.MouseButton.LeftButton)
    after = all_nodes(view.model)
    assert not [i for i in after if status_of(view.model, i) == "named"]
    assert len(after) < len(before)
    qtbot.mouseClick(view.toggles["named"], Qt.MouseButton.LeftButton)
    assert len(all_nodes(view.model)) == len(before)


def test_double_click_opens_the_contact_but_a_single_click_does_not(qtbot, view, session):
    me = view.model.index(0, 0)
    dana_index = child_named(view.model, me, "Dana Whitfield")
    dana = Contact.get((Contact.first_name == "Dana") & (Contact.last_name == "Whitfield"))
    pos = view.tree.visualRect(dana_index).center()
    with qtbot.assertNotEmitted(session.contact_selected):
        qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert view.selected_contact() == dana.id
    with qtbot.waitSignal(session.contact_selected) as blocker:
        qtbot.mouseDClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [dana.id]
    with qtbot.waitSignal(session.contact_selected) as blocker:
        qtbot.mouseClick(view.show_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [dana.id]


def test_enter_opens_the_selected_contact(qtbot, view, session):
    me = view.model.index(0, 0)
    dana_index = child_named(view.model, me, "Dana Whitfield")
    pos = view.tree.visualRect(dana_index).center()
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert view.tree.hasFocus() or view.tree.viewport().hasFocus()
    with qtbot.waitSignal(session.contact_selected) as blocker:
        qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert blocker.args == [view.model.data(dana_index, m.RowRole)]


def right_click_choose(view, index: QModelIndex, submenu: str, label: str) -> list[str]:
    """Right-click the row, open `submenu` and choose `label`; returns what it offered."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMenu

    offered: list[str] = []

    def choose():
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, choose)  # not shown yet
            return
        sub = next(a for a in menu.actions() if a.text() == submenu).menu()
        offered.extend(a.text() for a in sub.actions())
        picked = next((a for a in sub.actions() if a.text() == label), None)
        menu.close()
        if picked is not None:
            picked.trigger()

    QTimer.singleShot(0, choose)
    view.tree.scrollTo(index)
    view.tree.customContextMenuRequested.emit(view.tree.visualRect(index).center())
    return offered


def test_moving_a_link_along_from_its_menu(qtbot, view, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: said.append(a[2]))
    edge = Referral.get(Referral.status == "named")
    person = edge.to_contact
    name = f"{person.first_name} {person.last_name}"
    index = view.model.index_of_contact(person.id)
    assert status_of(view.model, index) == "named"
    offered = right_click_choose(view, index, "Move link to", "Introduction requested")
    # only the moves a named link can make: never straight to "met"
    assert offered == ["Introduction requested", "Introduced", "Declined"]
    assert Referral.get_by_id(edge.id).status == "intro_requested"
    index = view.model.index_of_contact(person.id)
    assert index.data() == name
    assert status_of(view.model, index) == "introduction requested"
    assert view.tree.currentIndex().data() == name
    assert said == []


def test_visible_rows_follow_the_filter(qtbot, view):
    qtbot.mouseClick(view.toggles["potential"], Qt.MouseButton.LeftButton)
    title, headers, rows = view.visible_rows()
    assert title == "Referral chains"
    assert headers[:3] == ["Level", "Person", "Company"]
    assert rows and all(r[3] != "knows" for r in rows)
    assert {r[0] for r in rows} >= {1, 2}


def test_exported_rows_match_the_cells_shown(qtbot, view):
    """Export reads whole rows at once: each must say what the tree's cells say."""
    _title, _headers, rows = view.visible_rows()
    items = view.model.rows()
    assert len(rows) == len(items) and rows
    for (level, item), row in zip(items, rows, strict=True):
        assert row[0] == level
        assert row[1:] == [view.model.value(item, c) for c in range(4)]
        index = view.model.index_of_contact(item.node.contact_id)
        assert row[1] == index.data() and row[2] == index.siblingAtColumn(1).data()
        assert row[3] == index.siblingAtColumn(2).data()
        assert row[4] == len(item.children)


# --- big networks: read in a worker, links kept for the filter --------------------------


def shown(model) -> list[tuple]:
    """Every row as the tree shows it: depth, then the four cells."""
    out = []
    for index in all_nodes(model):
        depth, up = 0, index
        while up.parent().isValid():
            depth, up = depth + 1, up.parent()
        cells = [model.index(index.row(), c, index.parent()).data() for c in range(4)]
        out.append((depth, *cells))
    return out


@pytest.fixture
def big(monkeypatch):
    """Treat the demo network as a big one: its chains are read in a worker."""
    import ui.views.referrals as referrals_view

    monkeypatch.setattr(referrals_view, "BIG_CHAINS", 0)


def wait_read(qtbot, view) -> None:
    qtbot.waitUntil(lambda: view._task is None, timeout=10_000)


def test_a_big_network_is_read_in_a_worker_and_shows_the_same_tree(
    qtbot, session, view, monkeypatch
):
    import ui.views.referrals as referrals_view

    expected, summary = shown(view.model), view.summary.text()
    monkeypatch.setattr(referrals_view, "BIG_CHAINS", 0)
    big_view = referrals_view.ReferralsView(session)
    qtbot.addWidget(big_view)
    big_view.resize(1100, 700)
    big_view.show()
    qtbot.waitExposed(big_view)
    wait_read(qtbot, big_view)
    assert shown(big_view.model) == expected
    assert big_view.summary.text() == summary
    assert big_view.tree.isExpanded(big_view.model.index(0, 0))


def test_the_filter_rebuilds_from_the_links_already_read(qtbot, big, view, monkeypatch):
    wait_read(qtbot, view)
    before = shown(view.model)
    from crm.services import referral_chains

    reads = []
    read = referral_chains.load_links
    monkeypatch.setattr(referral_chains, "load_links", lambda **kw: reads.append(1) or read())
    qtbot.mouseClick(view.toggles["named"], Qt.MouseButton.LeftButton)
    wait_read(qtbot, view)
    assert not [row for row in shown(view.model) if row[3] == "named"]
    qtbot.mouseClick(view.toggles["named"], Qt.MouseButton.LeftButton)
    wait_read(qtbot, view)
    assert shown(view.model) == before
    assert reads == []


def test_a_change_made_while_the_chains_are_read_is_shown(qtbot, big, view, session):
    """A read already running when a link moves must not win over the read after it."""
    from crm.services import referrals as referral_service
    from ui import session as kinds

    wait_read(qtbot, view)
    edge = Referral.get(Referral.status == "named")
    session.notify(kinds.REFERRALS)  # a read starts
    assert view._task is not None
    referral_service.set_status(edge.id, "intro_requested")
    session.notify(kinds.REFERRALS)  # … and another after the move
    wait_read(qtbot, view)
    index = view.model.index_of_contact(edge.to_contact_id)
    assert status_of(view.model, index) == "introduction requested"
    qtbot.mouseClick(view.toggles["intro_requested"], Qt.MouseButton.LeftButton)
    wait_read(qtbot, view)
    assert not view.model.index_of_contact(edge.to_contact_id).isValid()


def test_a_company_renamed_elsewhere_shows_its_new_name(qtbot, view, session):
    from crm.store.models import Company
    from ui import session as kinds

    me = view.model.index(0, 0)
    dana = child_named(view.model, me, "Dana Whitfield")
    company = Contact.get(Contact.first_name == "Dana", Contact.last_name == "Whitfield").company
    shown = view.model.index(dana.row(), m.COL_COMPANY, me).data()
    assert shown == company.name
    Company.update(name="Renamed Holdings").where(Company.id == company.id).execute()
    session.notify(kinds.COMPANIES)  # the Companies page saved a new name
    view.refresh()
    me = view.model.index(0, 0)
    dana = child_named(view.model, me, "Dana Whitfield")
    qtbot.waitUntil(
        lambda: view.model.index(dana.row(), m.COL_COMPANY, me).data() == "Renamed Holdings"
    )


def _click_header(qtbot, view, col: int) -> None:
    from PySide6.QtCore import QPoint

    header = view.tree.header()
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def _column(model, parent: QModelIndex, col: int) -> list[str]:
    return [model.index(r, col, parent).data() for r in range(model.rowCount(parent))]


def test_header_clicks_sort_the_people_under_each_person(qtbot, view):
    model = view.model
    me = model.index(0, 0)
    default = _column(model, me, m.COL_NAME)
    statuses = _column(model, me, m.COL_STATUS)
    assert statuses == sorted(statuses, key=["voucher", "connection"].index)  # vouchers first

    dana = child_named(model, me, "Dana Whitfield")
    qtbot.mouseClick(
        view.tree.viewport(), Qt.MouseButton.LeftButton, pos=view.tree.visualRect(dana).center()
    )
    _click_header(qtbot, view, m.COL_NAMES)  # names given, fewest first
    counts = [int(n or 0) for n in _column(model, me, m.COL_NAMES)]
    assert counts == sorted(counts) and counts[0] < counts[-1]
    _click_header(qtbot, view, m.COL_NAMES)  # then most first
    counts = [int(n or 0) for n in _column(model, me, m.COL_NAMES)]
    assert counts == sorted(counts, reverse=True)
    # The selection and the expanded rows stay with their people.
    assert view.tree.currentIndex().data() == "Dana Whitfield"
    dana = child_named(model, me, "Dana Whitfield")
    assert view.tree.isExpanded(dana)

    _click_header(qtbot, view, m.COL_NAME)
    names = _column(model, me, m.COL_NAME)
    assert names == sorted(default, key=str.casefold)
    below = _column(model, child_named(model, me, "Dana Whitfield"), m.COL_NAME)
    assert below == sorted(below, key=str.casefold) and len(below) >= 3

    view.reload()  # a reload keeps the order the user chose
    assert _column(view.model, view.model.index(0, 0), m.COL_NAME) == names

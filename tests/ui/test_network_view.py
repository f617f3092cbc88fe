"""The Network view driven like a user: pick a company, read the paths, ask, mark, click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from crm.services.companies import find_company
from crm.services.graph_layout import ME
from crm.services.network import paths_to_company
from crm.store.models import Company, Contact, Referral
from ui.dialogs import introduction as intro_module
from ui.session import Session
from ui.views import network as view_module
from ui.views.network import NetworkView
from ui.widgets.network_graph import EdgeItem, NodeItem


@pytest.fixture
def view(qtbot, demo_db):
    v = NetworkView(Session(demo_db))
    qtbot.addWidget(v)
    v.resize(1300, 800)
    v.show()
    qtbot.waitExposed(v)
    return v


def pick(qtbot, view, text: str) -> None:
    """Type into the picker and choose the first completion, as a user would."""
    line = view.picker.lineEdit()
    line.clear()
    qtbot.keyClicks(line, text)
    popup = view.picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def shown_paths(view) -> list[str]:
    m = view.model
    return [m.index(r, 0).data() for r in range(m.rowCount())]


def click_path(qtbot, view, index) -> None:
    view.tree.scrollTo(index)
    pos = view.tree.visualRect(index).center()
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert view.tree.currentIndex().row() == index.row()


def test_choosing_a_company_lists_its_warm_paths_best_first(qtbot, view):
    pick(qtbot, view, "Acme Rob")
    expected = paths_to_company("Acme Robotics")
    assert shown_paths(view) == [p.summary() for p in expected]
    assert shown_paths(view)[0] == "Me → Maren Quinlan"
    assert "9 warm paths to Acme Robotics" in view.summary.text()
    # Expanding a two-hop path shows each hop with its evidence.
    row = next(i for i, p in enumerate(expected) if p.length == 2)
    parent = view.model.index(row, 0)
    click_path(qtbot, view, parent)
    qtbot.keyClick(view.tree, Qt.Key.Key_Right)  # the arrow key opens the path
    assert view.tree.isExpanded(parent)
    hops = [view.model.index(i, 4, parent).data() for i in range(view.model.rowCount(parent))]
    assert hops[0].startswith("Clara Kowalski (Orchid Media): first-degree connection")
    assert "referral, named" in hops[1]
    assert "Ask Clara Kowalski for an introduction to Beatriz Park" in view.next_step.text()


def test_graph_holds_the_network_and_highlights_a_company(qtbot, view):
    assert view.choice.label == "Acme Robotics"  # opens on the first target company
    pick(qtbot, view, "Kestrel")
    on_paths = {cid for p in paths_to_company("Kestrel Bank") for cid in p.contact_ids}
    live = Referral.select().where(Referral.status != "declined")
    people = {r.from_contact_id for r in live} | {r.to_contact_id for r in live}
    named = {r.to_contact_id for r in live}
    scene = view.graph.scene()
    drawn = {i.node.id for i in scene.items() if isinstance(i, NodeItem)}
    # Me, everyone in a referral chain, and the people on the warm paths shown.
    assert people | on_paths | {ME} <= drawn
    for extra in drawn - people - {ME}:  # people I know at a picked company, without edges
        assert (
            not Referral.select()
            .where((Referral.from_contact == extra) | (Referral.to_contact == extra))
            .exists()
        )
    # One edge per live referral, plus me → each first-degree person drawn.
    edges = [i for i in scene.items() if isinstance(i, EdgeItem)]
    assert len(view.graph.edges) == live.count() + len(drawn - named - {ME})
    assert len(edges) == len(view.graph.edges) + len(view.graph.extra_links)

    assert view.graph.lit_nodes() == on_paths | {ME}
    elsewhere = next(cid for cid in view.graph.nodes if cid not in on_paths | {ME})
    assert view.graph.nodes[elsewhere].opacity() < 0.5
    assert all(view.graph.label_visible(cid) for cid in on_paths)

    qtbot.mouseClick(view.only_paths, Qt.MouseButton.LeftButton)
    assert view.graph.visible_nodes() == on_paths | {ME}


def test_click_and_double_click_a_person_in_the_graph(qtbot, view):
    clara = Contact.get(Contact.first_name == "Clara", Contact.last_name == "Kowalski").id
    g = view.graph
    center = g.mapFromScene(g.nodes[clara].sceneBoundingRect().center())
    qtbot.mouseClick(g.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert "Clara Kowalski" in view.node_info.text() and g.selected == clara
    with qtbot.waitSignal(view.session.contact_selected) as sig:
        qtbot.mouseDClick(g.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert sig.args == [clara]


def test_zoom_with_keys_shows_names(qtbot, view):
    g = view.graph
    g.setFocus()
    before = g.zoom_level()
    for _ in range(6):
        qtbot.keyClick(g, Qt.Key.Key_Plus)
    assert g.zoom_level() > before
    qtbot.keyClick(g, Qt.Key.Key_0)
    assert g.zoom_level() == pytest.approx(before, rel=0.05)


def test_ask_for_an_introduction_records_and_opens_mail(qtbot, view, monkeypatch):
    opened = []
    monkeypatch.setattr(intro_module.QDesktopServices, "openUrl", lambda url: opened.append(url))
    monkeypatch.setattr(
        intro_module.IntroductionDialog, "exec", lambda self: QDialog.DialogCode.Accepted
    )
    pick(qtbot, view, "Acme Rob")
    paths = paths_to_company("Acme Robotics")
    row = next(i for i, p in enumerate(paths) if p.length == 2)
    assert view.selected_path().length == 1 and not view.ask_button.isEnabled()
    rect = view.tree.visualRect(view.model.index(row, 0))
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.ask_button.isEnabled()
    qtbot.mouseClick(view.ask_button, Qt.MouseButton.LeftButton)

    first, nxt = paths[row].contact_ids
    edge = Referral.get((Referral.from_contact == first) & (Referral.to_contact == nxt))
    assert edge.status == "intro_requested"
    assert Contact.get_by_id(first).next_follow_up is not None
    assert len(opened) == 1 and opened[0].scheme() == "mailto"
    assert "introduce me to Beatriz Park" in opened[0].toString()
    assert "Introduction requested from Clara Kowalski" in view.summary.text()
    # Edit > Undo takes the request back.
    view.session.undo_stack.undo()
    assert Referral.get_by_id(edge.id).status == "named"
    assert Contact.get_by_id(first).next_follow_up is None


def test_first_degree_path_needs_no_introduction(qtbot, view):
    pick(qtbot, view, "Acme Rob")
    click_path(qtbot, view, view.model.index(0, 0))
    assert view.selected_path().length == 1
    assert not view.ask_button.isEnabled()
    assert "talk to them directly" in view.ask_button.toolTip()


def test_mark_a_company_as_target(qtbot, view):
    pick(qtbot, view, "Northwind")
    assert view.choice.label == "Northwind Traders"
    assert view.target_button.text() == "Make a network target"
    qtbot.mouseClick(view.target_button, Qt.MouseButton.LeftButton)
    assert Company.get_by_id(find_company("Northwind Traders").id).is_target
    assert view.target_button.text() == "Remove from network targets"
    assert view.picker.currentText() == "★ Northwind Traders"
    meet = [view.meet.item(i).text() for i in range(view.meet.count())]
    assert any("Northwind Traders" in text for text in meet)
    view.session.undo_stack.undo()
    assert not Company.get_by_id(find_company("Northwind Traders").id).is_target
    assert view.target_button.text() == "Make a network target"


def test_who_to_meet_next_lists_better_connected_people(qtbot, view):
    first = view.meet.item(0).text()
    assert first.startswith("Clara Kowalski — reaches 3 network targets (closeness 3)")
    assert "can lead to Acme Robotics, Kestrel Bank, Lumen Health" in first
    # Clicking one shows where they sit in the graph.
    rect = view.meet.visualItemRect(view.meet.item(0))
    qtbot.mouseClick(view.meet.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    clara = Contact.get(Contact.first_name == "Clara", Contact.last_name == "Kowalski").id
    assert view.graph.selected == clara
    assert "Clara Kowalski" in view.node_info.text()


def double_click(qtbot, widget, pos) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)  # the press a double-click follows
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def test_double_click_opens_a_person_to_meet_but_not_the_hint(qtbot, view):
    opened: list[int] = []
    view.session.contact_selected.connect(opened.append)
    item = view.meet.item(0)
    rect = view.meet.visualItemRect(item)
    double_click(qtbot, view.meet.viewport(), rect.center())
    clara = Contact.get(Contact.first_name == "Clara", Contact.last_name == "Kowalski").id
    assert opened == [clara]

    Company.update(is_target=False).execute()  # no targets: the list says what to do instead
    view.reload()
    qtbot.waitUntil(
        lambda: view.meet.item(0).text().startswith("Make a few companies network targets")
    )
    rect = view.meet.visualItemRect(view.meet.item(0))
    double_click(qtbot, view.meet.viewport(), rect.center())
    assert opened == [clara]


def test_show_company_opens_its_paths(view):
    view.show_company(find_company("Kestrel Bank").id)
    assert view.choice.label == "Kestrel Bank"
    assert shown_paths(view)[0] == paths_to_company("Kestrel Bank")[0].summary()


def test_a_job_leads_to_its_company_and_names_the_role(qtbot, view, monkeypatch):
    drafts = []
    monkeypatch.setattr(intro_module.QDesktopServices, "openUrl", lambda url: None)

    def accept(dialog):
        drafts.append(dialog.body.toPlainText())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(intro_module.IntroductionDialog, "exec", accept)
    pick(qtbot, view, "Group Product")
    assert view.choice.kind == "job" and view.picker.currentText().startswith("Job: ")
    assert shown_paths(view) == [p.summary() for p in paths_to_company("Kestrel Bank")]
    assert view.target_button.text() == "Make a network target"
    row = next(i for i, p in enumerate(view.model.paths()) if p.length == 2)
    click_path(qtbot, view, view.model.index(row, 0))
    qtbot.mouseClick(view.ask_button, Qt.MouseButton.LeftButton)
    assert "Kestrel Bank, in particular the Group Product Manager role," in drafts[0]
    qtbot.mouseClick(view.target_button, Qt.MouseButton.LeftButton)
    assert view.target_button.text() == "Remove from network targets"
    assert view.picker.currentText().startswith("★ Job: Group Product Manager")


def test_big_networks_search_in_a_worker(qtbot, view, monkeypatch):
    monkeypatch.setattr(view_module, "BIG_NETWORK", 0)
    view.session.notify()
    assert view.work.big
    view.show_company(find_company("Lumen Health").id)
    expected = [p.summary() for p in paths_to_company("Lumen Health")]
    qtbot.waitUntil(lambda: shown_paths(view) == expected, timeout=10_000)
    qtbot.waitUntil(lambda: view.meet.count() > 0 and len(view.graph.nodes) > 1, timeout=10_000)
    assert "warm paths to Lumen Health" in view.summary.text()


def test_path_context_menu_opens_the_person(qtbot, view):
    pick(qtbot, view, "Acme Rob")
    row = next(i for i, p in enumerate(view.model.paths()) if p.length == 2)
    parent = view.model.index(row, 0)
    menu = view.path_menu(parent)
    assert [a.text() for a in menu.actions()] == ["Open Clara Kowalski", "Ask for an introduction…"]
    assert menu.actions()[1].isEnabled()
    hop_menu = view.path_menu(view.model.index(1, 0, parent))
    assert hop_menu.actions()[0].text() == "Open Beatriz Park"
    with qtbot.waitSignal(view.session.contact_selected) as sig:
        hop_menu.actions()[0].trigger()
    assert sig.args == [view.model.path(row).hops[1].person.id]

"""Warm paths on hand-built networks: ranking, cycles, archived people, colleagues, declines."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.errors import Cancelled, NotFoundError
from crm.services.companies import find_company, set_target
from crm.services.contacts import archive_contact, create_contact
from crm.services.graph_layout import ME, load_graph, radial_layout
from crm.services.interactions import log_interaction
from crm.services.jobs import create_job
from crm.services.network import (
    choices,
    paths_to_company,
    paths_to_contact,
    paths_to_job,
    who_to_meet_next,
)
from crm.store.models import Referral


def person(name: str, company: str = "", closeness: int = 0) -> int:
    first, _, last = name.partition(" ")
    return create_contact(first, last, company=company, closeness=closeness).id


def edge(a: int, b: int, status: str = "named") -> None:
    Referral.create(from_contact=a, to_contact=b, status=status)


def names(paths) -> list[list[str]]:
    return [[h.person.name for h in p.hops] for p in paths]


def test_first_degree_people_at_the_company_come_first(db):
    inside = person("Ana Inside", "Acme")
    voucher = person("Vic Voucher", "Other", closeness=3)
    target = person("Tia Target", "Acme")
    edge(voucher, target, "met")
    paths = paths_to_company("Acme")
    assert names(paths) == [["Ana Inside"], ["Vic Voucher", "Tia Target"]]
    assert paths[0].next_action() == "Talk to Ana Inside at Acme about the job"
    assert paths[1].next_action() == "Ask Vic Voucher for an introduction to Tia Target at Acme"
    assert [h.kind for h in paths[1].hops] == ["first-degree", "referral"]
    assert "referral, met" in paths[1].hops[1].explain()
    assert inside not in paths[1].contact_ids


def test_ties_broken_by_closeness_then_last_interaction(db):
    target = person("Tia Target", "Acme")
    close = person("Cleo Close", closeness=3)
    # named so that the alphabet alone would put them the other way round
    recent = person("Zed Recent", closeness=1)
    stale = person("Abe Stale", closeness=1)
    for p in (stale, recent, close):  # insertion order must not matter
        edge(p, target, "potential")
    log_interaction(recent, "call", dt.date(2026, 11, 20))
    log_interaction(stale, "call", dt.date(2026, 9, 1))
    paths = paths_to_company("Acme")
    assert [p.first.name for p in paths] == ["Cleo Close", "Zed Recent", "Abe Stale"]
    assert paths[1].first.last_contact == dt.date(2026, 11, 20)
    assert "last contact 2026-11-20" in paths[1].hops[0].explain()


def test_fewest_hops_beat_closeness(db):
    target = person("Tia Target", "Acme")
    far_friend = person("Fay Friend", closeness=3)
    middle = person("Mo Middle")
    near = person("Nell Near", closeness=0)
    edge(far_friend, middle)
    edge(middle, target)
    edge(near, target, "potential")
    paths = paths_to_company("Acme")
    assert names(paths) == [["Nell Near", "Tia Target"], ["Fay Friend", "Mo Middle", "Tia Target"]]
    assert paths[1].hops[2].kind == "referral" and paths[1].hops[2].status == "named"


def test_cycles_terminate_and_unreachable_cycles_give_no_path(db):
    a, b, c = person("Al A"), person("Bo B"), person("Cy C", "Acme")
    edge(a, b)
    edge(b, a)  # a and b name each other: nobody here is first-degree
    edge(b, c)
    assert paths_to_company("Acme") == []
    root = person("Rae Root", closeness=2)
    edge(root, a)
    assert names(paths_to_company("Acme")) == [["Rae Root", "Al A", "Bo B", "Cy C"]]


def test_unreachable_company_and_company_without_people(db):
    person("Ida Isolated", "Island")  # nobody named her: I know her directly
    assert names(paths_to_company("Island")) == [["Ida Isolated"]]
    a, b = person("Al A"), person("Bo B", "Loop Co")
    edge(a, b)
    edge(b, a)
    assert paths_to_company("Loop Co") == []
    create_job("Engineer", "Empty Co")
    assert paths_to_company("Empty Co") == []
    with pytest.raises(NotFoundError):
        paths_to_company("Nowhere Inc")
    with pytest.raises(NotFoundError):
        paths_to_company(999)


def test_archived_people_never_appear(db):
    target = person("Tia Target", "Acme")
    gone = person("Gus Gone", closeness=3)
    edge(gone, target, "met")
    archive_contact(gone)
    # Tia's only voucher is archived: she counts as someone I know directly.
    assert names(paths_to_company("Acme")) == [["Tia Target"]]
    archive_contact(target)
    assert paths_to_company("Acme") == []
    assert paths_to_contact(target) == []
    mid = person("Mia Mid")
    end = person("Eve End", "Beta")
    edge(person("Ray Root"), mid)
    edge(mid, end)
    archive_contact(mid)
    assert names(paths_to_company("Beta")) == [["Eve End"]]


def test_declined_edges_are_ignored(db):
    target = person("Tia Target", "Acme")
    voucher = person("Dee Decline", closeness=3)
    edge(voucher, target, "declined")
    other = person("Olly Other")
    edge(other, target, "potential")
    paths = paths_to_company("Acme")
    assert names(paths) == [["Olly Other", "Tia Target"]]
    assert paths[0].hops[1].kind == "knows"
    assert "knows them;" in paths[0].hops[1].explain()


def test_colleague_links_join_people_at_one_company(db):
    target = person("Tia Target", "Acme")
    colleague = person("Col League", "Bridge Co")
    insider = person("Ivy Insider", "Bridge Co")
    edge(insider, target, "potential")
    edge(person("Stan Stranger"), insider, "potential")  # so I do not know Ivy directly
    voucher = person("Val Voucher", closeness=3)
    edge(voucher, colleague)
    paths = paths_to_company("Acme")
    # Val named Col; Col's colleague Ivy knows Tia.
    assert names(paths) == [
        ["Stan Stranger", "Ivy Insider", "Tia Target"],
        ["Val Voucher", "Col League", "Ivy Insider", "Tia Target"],
    ]
    chain = next(p for p in paths if p.first.name == "Val Voucher")
    assert [h.kind for h in chain.hops] == ["first-degree", "referral", "colleague", "knows"]
    assert "colleague at Bridge Co" in chain.hops[2].explain()


def test_paths_never_pass_through_someone_i_already_know(db):
    target = person("Tia Target", "Acme")
    known = person("Kim Known", "Shared")  # first-degree
    edge(known, target)
    person("Cal Colleague", "Shared")  # first-degree too, works with Kim
    # Cal → Kim → Tia would ask Cal to introduce me to Kim, whom I already know.
    assert names(paths_to_company("Acme")) == [["Kim Known", "Tia Target"]]


def test_job_and_contact_targets(db):
    target = person("Tia Target", "Acme")
    voucher = person("Val Voucher")
    edge(voucher, target)
    job = create_job("Robot Whisperer", "Acme")
    assert names(paths_to_job(job.id)) == [["Val Voucher", "Tia Target"]]
    assert names(paths_to_contact(target)) == [["Val Voucher", "Tia Target"]]
    with pytest.raises(NotFoundError):
        paths_to_job(12345)
    with pytest.raises(NotFoundError):
        paths_to_contact(12345)


def test_limit_and_cancel(db):
    target = person("Tia Target", "Acme")
    for i in range(30):
        edge(person(f"Fan {i:02d}"), target, "potential")
    assert len(paths_to_company("Acme", limit=5)) == 5
    with pytest.raises(Cancelled):
        paths_to_company("Acme", cancelled=lambda: True)


def test_who_to_meet_next_ranks_by_targets_reached_then_closeness(db):
    a, b = person("Ada Acme", "Acme"), person("Ben Beta", "Beta")
    wide = person("Wendy Wide", closeness=1)
    close = person("Clo Close", closeness=3)
    edge(wide, a)
    edge(wide, b)
    edge(close, a)
    assert who_to_meet_next() == []  # no target companies yet
    set_target(find_company("Acme").id, True)
    set_target(find_company("Beta").id, True)
    ranked = who_to_meet_next()
    assert [c.person.name for c in ranked] == ["Wendy Wide", "Clo Close"]
    assert ranked[0].companies == ("Acme", "Beta")
    assert ranked[0].describe() == "can lead to Acme, Beta"


def test_choices_put_target_companies_first(db):
    person("Zed Zulu", "Zeta")
    person("Al Alpha", "Alpha")
    set_target(find_company("Zeta").id, True)
    create_job("Analyst", "Alpha")
    got = [(c.kind, c.label) for c in choices()]
    assert got[:2] == [("company", "Zeta"), ("company", "Alpha")]
    assert ("job", "Analyst — Alpha") in got and ("contact", "Al Alpha — Alpha") in got


def test_demo_paths_are_ranked_and_explained(demo_db):
    paths = paths_to_company("Acme Robotics")
    assert paths and all(p.target.company == "Acme Robotics" for p in paths)
    assert [p.length for p in paths] == sorted(p.length for p in paths)
    for p in paths:
        assert p.to_dict()["hops"][0]["kind"] == "first-degree"


def test_graph_layout_rings_by_degree(db):
    a, b, c = person("Al A"), person("Bo B"), person("Cy C")
    edge(a, b)
    edge(b, c, "potential")
    edge(person("Di D"), c, "declined")  # declined: not drawn
    g = load_graph()
    assert {n.name for n in g.nodes.values()} == {"Me", "Al A", "Bo B", "Cy C"}
    assert {(e.from_id, e.to_id, e.status) for e in g.edges} == {
        (ME, a, "first-degree"),
        (a, b, "named"),
        (b, c, "potential"),
    }
    radius = {cid: (n.x**2 + n.y**2) ** 0.5 for cid, n in g.nodes.items()}
    assert radius[ME] == 0 < radius[a] < radius[b] < radius[c]
    assert [g.nodes[x].degree for x in (a, b, c)] == [1, 2, 3]


def test_radial_layout_spreads_a_ring():
    children = {ME: list(range(1, 41))}
    pos = radial_layout(children, spacing=30)
    points = sorted(pos[i] for i in range(1, 41))
    gaps = [
        ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5
        for (x1, y1) in points
        for (x2, y2) in points
        if (x1, y1) < (x2, y2)
    ]
    assert min(gaps) >= 29


def test_graph_budget_keeps_the_chains_asked_for(db):
    root, mid, deep = person("Al A"), person("Bo B"), person("Cy C")
    edge(root, mid)
    edge(mid, deep)
    others = [person(f"Zz {i}") for i in range(5)]
    for o in others:
        edge(o, person(f"Yy {o}"))
    g = load_graph(max_nodes=3, extra_ids=[deep])
    assert {root, mid, deep} <= set(g.nodes)
    assert len(g.nodes) == 4  # me and the chain
    assert g.hidden == 10
    loner = person("Lo Ner")  # no edges: drawn only when asked for, as someone I know
    g = load_graph(extra_ids=[loner])
    assert g.nodes[loner].degree == 1 and (ME, loner, "first-degree") in {
        (e.from_id, e.to_id, e.status) for e in g.edges
    }


def test_a_hop_explains_its_referral_in_the_words_of_the_referral_chains_page(db):
    from crm.services.network import Hop
    from crm.services.warm_search import Person

    lee = Person(1, "Lee Park", "Acme", "Engineer", 2, None)
    hop = Hop(lee, "referral", "intro_requested", None)
    assert "referral, introduction requested;" in hop.explain()
    assert "intro_requested" not in hop.explain() and "intro requested" not in hop.explain()

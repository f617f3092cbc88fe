import datetime as dt

import pytest

from crm.errors import TransitionError, ValidationError
from crm.services.contacts import create_contact
from crm.services.interactions import (
    MeetingRecord,
    log_interaction,
    log_meeting,
    names_follow,
    timeline,
)
from crm.services.referral_chains import degrees, referral_tree
from crm.services.referrals import (
    NameEntry,
    add_knows,
    add_names,
    request_introduction,
    set_status,
)
from crm.store.models import Contact, Interaction, Referral

DAY = dt.date(2026, 11, 2)


def names(n):
    return [NameEntry(f"Name{i}", "Person", company="Acme", intro_method="email") for i in range(n)]


def test_add_names_creates_contacts_and_named_edges_in_one_call(db):
    dana = create_contact("Dana", "W", closeness=3)
    edges = add_names(dana.id, names(3), on=DAY)
    assert len(edges) == 3
    assert {e.status for e in edges} == {"named"}
    assert {e.to_contact.source for e in edges} == {"referral"}
    assert Contact.select().count() == 4


def test_a_bad_name_writes_nothing(db):
    dana = create_contact("Dana", "W")
    with pytest.raises(ValidationError, match="Name 3"):
        add_names(dana.id, [*names(2), NameEntry("", "")])
    assert Contact.select().count() == 1
    assert Referral.select().count() == 0


def test_status_moves_forward_and_an_illegal_jump_is_refused(db):
    dana = create_contact("Dana", "W")
    (edge,) = add_names(dana.id, names(1))
    with pytest.raises(TransitionError, match="cannot go from named to met"):
        set_status(edge.id, "met")
    set_status(edge.id, "intro_requested", DAY)
    set_status(edge.id, "introduced", DAY + dt.timedelta(days=1))
    edge = set_status(edge.id, "met", DAY + dt.timedelta(days=3))
    assert (edge.requested_on, edge.introduced_on, edge.met_on) == (
        DAY,
        DAY + dt.timedelta(days=1),
        DAY + dt.timedelta(days=3),
    )


def test_degree_is_the_shortest_chain_from_me(db):
    a = create_contact("A", "1")
    b = create_contact("B", "2")
    c = create_contact("C", "3")
    d = create_contact("D", "4")
    add_knows(a.id, b.id)
    add_knows(b.id, c.id)
    add_knows(c.id, b.id)  # a cycle
    deg = degrees()
    assert deg == {a.id: 1, b.id: 2, c.id: 3, d.id: 1}


def test_request_introduction_creates_or_moves_the_edge(db):
    dana = create_contact("Dana", "W")
    lee = create_contact("Lee", "P")
    edge = request_introduction(dana.id, lee.id, DAY)
    assert edge.status == "intro_requested" and edge.requested_on == DAY
    assert request_introduction(dana.id, lee.id).id == edge.id


def test_log_meeting_is_one_transaction(db):
    dana = create_contact("Dana", "W", closeness=3)
    rec = MeetingRecord(
        dana.id, DAY, minutes=45, answer="yes", resume_feedback="Shorter summary", names=names(3)
    )
    meeting, edges = log_meeting(rec)
    assert meeting.kind == "meeting" and meeting.resume_feedback == "Shorter summary"
    assert all(e.meeting_id == meeting.id for e in edges)
    assert Contact.get_by_id(dana.id).stage == "advocate"
    bad = MeetingRecord(dana.id, DAY, answer="yes", names=[*names(2), NameEntry("", "")])
    with pytest.raises(ValidationError):
        log_meeting(bad)
    assert Interaction.select().count() == 1 and Contact.select().count() == 4


def test_no_answer_cannot_carry_names(db):
    dana = create_contact("Dana", "W")
    with pytest.raises(ValidationError, match="no"):
        log_meeting(MeetingRecord(dana.id, DAY, answer="no", why_not="busy", names=names(1)))


@pytest.mark.parametrize("answer", ["yes", "maybe", ""])
def test_every_answer_but_no_can_carry_names(db, answer):
    assert names_follow(answer)
    dana = create_contact("Dana", "W")
    _meeting, edges = log_meeting(MeetingRecord(dana.id, DAY, answer=answer, names=names(2)))
    assert len(edges) == 2
    assert not names_follow("no")


def test_logging_an_interaction_resets_follow_up_and_snooze(db):
    lee = create_contact("Lee", "P", next_follow_up=DAY, snoozed_until=DAY + dt.timedelta(days=5))
    log_interaction(lee.id, "call", DAY)
    lee = Contact.get_by_id(lee.id)
    assert lee.next_follow_up is None and lee.snoozed_until is None and lee.stage == "contacted"
    assert [i.kind for i in timeline(lee.id)] == ["call"]


def test_meeting_someone_introduced_completes_the_link(db):
    dana = create_contact("Dana", "W")
    (edge,) = add_names(dana.id, names(1))
    set_status(edge.id, "introduced", DAY)
    log_interaction(edge.to_contact_id, "meeting", DAY + dt.timedelta(days=2))
    assert Referral.get_by_id(edge.id).status == "met"


def test_referral_tree_follows_chains_and_filters(db):
    dana = create_contact("Dana", "W")
    (lee,) = add_names(dana.id, [NameEntry("Lee", "P")])
    (kim,) = add_names(lee.to_contact_id, [NameEntry("Kim", "L")])
    set_status(kim.id, "declined")
    (root,) = referral_tree()
    assert root.name == "Dana W"
    assert [c.name for c in root.children] == ["Lee P"]
    assert [(g.name, g.status) for g in root.children[0].children] == [("Kim L", "declined")]
    (root,) = referral_tree({"named"})
    assert root.children[0].children == []


# --- loops that no chain leads into ------------------------------------------------------


def shape(nodes):
    """The forest as nested (name, [children]) pairs."""
    return [(n.name, shape(n.children)) for n in nodes]


def people(*names):
    return [create_contact(name, "X") for name in names]


def test_two_people_who_know_each_other_form_one_chain(db):
    ann, bob = people("Ann", "Bob")
    add_knows(ann.id, bob.id)
    add_knows(bob.id, ann.id)
    (root,) = referral_tree()
    # the loop starts at the person whose edge was recorded first: first degree, like a root
    assert shape([root]) == [("Ann X", [("Bob X", [])])]
    assert (root.status, root.referral_id) == ("", None)
    assert root.children[0].status == "potential"
    assert degrees() == {ann.id: 1, bob.id: 2}


def test_the_earliest_edge_not_the_lowest_id_picks_the_start_of_a_loop(db):
    ann, bob = people("Ann", "Bob")
    add_knows(ann.id, bob.id)
    later = add_knows(bob.id, ann.id)
    Referral.update(created_on=DAY).where(Referral.id != later.id).execute()
    Referral.update(created_on=DAY - dt.timedelta(days=1)).where(Referral.id == later.id).execute()
    assert shape(referral_tree()) == [("Bob X", [("Ann X", [])])]
    assert degrees() == {bob.id: 1, ann.id: 2}


def test_a_loop_hanging_off_a_chain_is_cut_where_the_chain_enters(db):
    dana, x, y, z = people("Dana", "Xia", "Yan", "Zoe")
    (named,) = add_names(dana.id, [NameEntry("Lee", "X")], on=DAY)
    lee = named.to_contact
    add_knows(lee.id, x.id)
    add_knows(x.id, y.id)
    add_knows(y.id, z.id)
    add_knows(z.id, x.id)  # Xia → Yan → Zoe → Xia
    assert shape(referral_tree()) == [
        ("Dana X", [("Lee X", [("Xia X", [("Yan X", [("Zoe X", [])])])])])
    ]
    deg = degrees()
    assert [deg[c.id] for c in (dana, lee, x, y, z)] == [1, 2, 3, 4, 5]


def test_a_closed_loop_next_to_a_tree_gets_its_own_chain(db):
    dana, lee, kim, pam, quinn, rob, sam, solo = people(
        "Dana", "Lee", "Kim", "Pam", "Quinn", "Rob", "Sam", "Solo"
    )
    add_knows(dana.id, lee.id)
    add_knows(dana.id, kim.id)
    add_knows(pam.id, quinn.id)
    add_knows(quinn.id, rob.id)
    add_knows(rob.id, pam.id)  # Pam → Quinn → Rob → Pam, nobody leads in
    add_knows(rob.id, sam.id)
    forest = referral_tree()
    assert shape(forest) == [
        ("Dana X", [("Lee X", []), ("Kim X", [])]),
        ("Pam X", [("Quinn X", [("Rob X", [("Sam X", [])])])]),
    ]
    seen = []
    todo = list(forest)
    while todo:
        node = todo.pop()
        seen.append(node.contact_id)
        todo += node.children
    assert sorted(seen) == sorted(c.id for c in (dana, lee, kim, pam, quinn, rob, sam))
    deg = degrees()
    assert deg == {
        dana.id: 1,
        lee.id: 2,
        kim.id: 2,
        pam.id: 1,
        quinn.id: 2,
        rob.id: 3,
        sam.id: 4,
        solo.id: 1,
    }


def test_a_loop_fed_by_another_loop_is_entered_upstream(db):
    # Zoe → Wes recorded first, but Zoe is reached from the Xia ⇄ Yan loop: that is the start
    xia, yan, zoe, wes = people("Xia", "Yan", "Zoe", "Wes")
    first = add_knows(zoe.id, wes.id)
    add_knows(wes.id, zoe.id)
    add_knows(xia.id, yan.id)
    add_knows(yan.id, xia.id)
    add_knows(yan.id, zoe.id)
    Referral.update(created_on=DAY).execute()
    Referral.update(created_on=DAY - dt.timedelta(days=1)).where(Referral.id == first.id).execute()
    assert shape(referral_tree()) == [("Xia X", [("Yan X", [("Zoe X", [("Wes X", [])])])])]
    assert degrees() == {xia.id: 1, yan.id: 2, zoe.id: 3, wes.id: 4}


def test_chains_under_a_filter_are_built_from_the_links_already_read(db):
    from crm.services.referral_chains import build_chains, chains, load_links

    dana, x, y = people("Dana", "Xia", "Yan")
    (named,) = add_names(dana.id, [NameEntry("Lee", "X")], on=DAY)
    add_knows(named.to_contact_id, x.id)
    add_knows(x.id, y.id)
    add_knows(dana.id, y.id)
    links = load_links()
    for statuses in (None, {"potential"}, {"named"}, {"named", "potential"}):
        kept, fresh = build_chains(links, statuses), chains(statuses)
        assert (kept.roots, kept.below, kept.placed) == (fresh.roots, fresh.below, fresh.placed)
    every = build_chains(links)
    assert every.roots == [dana.id]
    # Yan sits right under Dana (the shortest chain), not under Xia
    assert every.placed[y.id][1] == dana.id
    assert every.size() == 4

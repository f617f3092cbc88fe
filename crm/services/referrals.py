"""Referral edges (the links of every referral chain), their statuses, and degrees."""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections import defaultdict
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter

from crm.errors import NotFoundError, TransitionError, ValidationError
from crm.normalize import clean, email_key, url_key
from crm.services.contacts import create_contact, get_contact
from crm.store.models import Contact, Interaction, Referral, db

STATUSES = ("potential", "named", "intro_requested", "introduced", "met", "declined")
INTRO_METHODS = ("call", "email", "other", "")

# Where each status may go next; anything else is an illegal jump.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "potential": ("named", "intro_requested", "declined"),
    "named": ("intro_requested", "introduced", "declined"),
    "intro_requested": ("introduced", "declined"),
    "introduced": ("met", "declined"),
    "met": (),
    "declined": ("named", "intro_requested"),
}

STATUS_LABELS = {
    "potential": "knows",
    "named": "named",
    "intro_requested": "introduction requested",
    "introduced": "introduced",
    "met": "met",
    "declined": "declined",
}


@dataclass
class NameEntry:
    """One person a voucher named in a meeting."""

    first_name: str
    last_name: str = ""
    company: str = ""
    position: str = ""
    email: str = ""
    phone: str = ""
    linkedin_url: str = ""
    intro_method: str = "email"
    note: str = ""


def _find_existing(entry: NameEntry) -> Contact | None:
    key = url_key(entry.linkedin_url)
    if key:
        found = Contact.get_or_none(Contact.url_key == key)
        if found:
            return found
    ekey = email_key(entry.email)
    if ekey:
        # the second term lets SQLite use the partial index (only contacts with an email)
        found = Contact.get_or_none((Contact.email_key == ekey) & (Contact.email_key != ""))
        if found:
            return found
    return None


def add_names(
    voucher_id: int,
    names: list[NameEntry],
    *,
    meeting: Interaction | int | None = None,
    on: dt.date | None = None,
) -> list[Referral]:
    """Create the named contacts and the edges voucher → name (status named), in one transaction."""
    voucher = get_contact(voucher_id)
    on = on or dt.date.today()
    created: list[Referral] = []
    with db.atomic():
        for i, entry in enumerate(names, start=1):
            if not (clean(entry.first_name) or clean(entry.last_name)):
                raise ValidationError(f"Name {i}", "needs a first or last name")
            if entry.intro_method not in INTRO_METHODS:
                raise ValidationError(
                    f"Name {i}", f"unknown introduction method {entry.intro_method!r}"
                )
            person = _find_existing(entry) or create_contact(
                entry.first_name,
                entry.last_name,
                company=entry.company,
                position=entry.position,
                email=entry.email,
                phone=entry.phone,
                linkedin_url=entry.linkedin_url,
                source="referral",
            )
            if person.id == voucher.id:
                raise ValidationError(f"Name {i}", "a voucher cannot name themselves")
            edge = Referral.get_or_none(
                (Referral.from_contact == voucher) & (Referral.to_contact == person)
            )
            if edge is None:
                edge = Referral.create(
                    from_contact=voucher,
                    to_contact=person,
                    status="named",
                    intro_method=entry.intro_method,
                    meeting=meeting,
                    created_on=on,
                    note=entry.note,
                )
            elif edge.status == "potential":
                edge.status, edge.intro_method, edge.meeting = "named", entry.intro_method, meeting
                edge.save()
            created.append(edge)
    return created


def add_knows(from_id: int, to_id: int, note: str = "") -> Referral:
    """Record that one contact knows another (status potential): a possible warm path."""
    if from_id == to_id:
        raise ValidationError("Knows", "a contact cannot know themselves")
    get_contact(from_id), get_contact(to_id)
    edge, _ = Referral.get_or_create(
        from_contact=from_id, to_contact=to_id, defaults={"status": "potential", "note": note}
    )
    return edge


def set_status(referral_id: int, status: str, on: dt.date | None = None) -> Referral:
    """Move an edge along potential → named → intro_requested → introduced → met."""
    edge = Referral.get_or_none(Referral.id == referral_id)
    if edge is None:
        raise NotFoundError(f"referral {referral_id} does not exist")
    if status not in STATUSES:
        raise TransitionError(f"unknown referral status {status!r}")
    if status == edge.status:
        return edge
    if status not in TRANSITIONS[edge.status]:
        raise TransitionError(
            f"a referral cannot go from {STATUS_LABELS[edge.status]} to {STATUS_LABELS[status]}"
        )
    on = on or dt.date.today()
    edge.status = status
    if status == "intro_requested":
        edge.requested_on = on
    elif status == "introduced":
        edge.introduced_on = on
    elif status == "met":
        edge.met_on = on
    edge.save()
    return edge


def request_introduction(from_id: int, to_id: int, on: dt.date | None = None) -> Referral:
    """Ask `from` to introduce me to `to`: the edge is created if needed, status intro_requested."""
    with db.atomic():
        edge = Referral.get_or_none(
            (Referral.from_contact == from_id) & (Referral.to_contact == to_id)
        )
        if edge is None:
            edge = add_knows(from_id, to_id)
        if edge.status in ("intro_requested", "introduced", "met"):
            return edge
        return set_status(edge.id, "intro_requested", on)


def degrees() -> dict[int, int]:
    """Degree of every contact: the shortest chain from a first-degree person (degree 1).

    First degree = people nobody knows (no incoming edge: I know them directly) and, for each
    loop that nothing leads into (Ann knows Bob, Bob knows Ann), one entry point: the member
    with the earliest recorded edge, as referral_tree() roots it (I must know someone on the
    loop directly; that is the best guess). The rest of the loop counts hops from there, so
    everyone on a non-declined edge has a degree.
    """
    with _gc_paused():
        return _degrees()


def _degrees() -> dict[int, int]:
    edges = db.execute_sql(
        "SELECT from_contact_id, to_contact_id FROM referral WHERE status != 'declined'"
    ).fetchall()
    ids = [r[0] for r in db.execute_sql("SELECT id FROM contact")]
    incoming = set(map(_SECOND, edges))
    adj: defaultdict[int, list[int]] = defaultdict(list)
    for f, t in edges:
        adj[f].append(t)
    firsts = [cid for cid in ids if cid not in incoming]
    deg = _hops(adj, firsts)
    if len(deg) < len(ids):  # a loop with no way in (rare, so only then paid for)
        order = db.execute_sql(
            """SELECT from_contact_id FROM referral WHERE status != 'declined'
               ORDER BY created_on, id"""
        )
        left = dict.fromkeys(f for (f,) in order if f not in deg)
        deg = _hops(adj, firsts + _loop_entries(adj, deg.keys(), list(left)))
    return deg


def _hops(adj: dict[int, list[int]], starts: list[int]) -> dict[int, int]:
    """Breadth-first from all `starts` at once (degree 1): the shortest chain to each."""
    deg = dict.fromkeys(starts, 1)
    level, hops = [cid for cid in deg if cid in adj], 1
    while level:  # a level at a time: everyone in it is `hops` away
        hops += 1
        nxt: list[int] = []
        for node in level:
            for cid in adj[node]:
                if cid not in deg:
                    deg[cid] = hops
                    if cid in adj:
                        nxt.append(cid)
        level = nxt
    return deg


def _loop_entries(
    adj: dict[int, list[int]], reached: Collection[int], candidates: list[int]
) -> list[int]:
    """One entry point for each loop that nothing outside it leads into, in `candidates` order.

    `candidates` are the people not `reached` from a root who have an edge out, earliest edge
    first. Everyone left over hangs off such a loop; the entry is the loop member that comes
    first in `candidates`. Linear: a depth-first pass over the leftovers, then a sweep in
    reverse finishing order, where the first unmarked node always lies on a loop with no way
    in (as in Kosaraju's algorithm); everything it reaches is then marked.
    """
    seen: set[int] = set()
    finished: list[int] = []
    for start in candidates:
        if start in seen:
            continue
        seen.add(start)
        stack = [(start, iter(adj.get(start, ())))]
        while stack:
            node, rest = stack[-1]
            for nxt in rest:
                if nxt not in seen and nxt not in reached:
                    seen.add(nxt)
                    stack.append((nxt, iter(adj.get(nxt, ()))))
                    break
            else:
                stack.pop()
                finished.append(node)
    entries: list[int] = []
    marked: set[int] = set()
    for node in reversed(finished):
        if node in marked:
            continue
        entries.append(node)
        marked.add(node)
        todo = [node]
        while todo:
            for nxt in adj.get(todo.pop(), ()):
                if nxt not in marked and nxt not in reached:
                    marked.add(nxt)
                    todo.append(nxt)
    rank = {cid: i for i, cid in enumerate(candidates)}
    return sorted(entries, key=rank.__getitem__)


@dataclass
class ChainNode:
    """One node of the referral tree: a contact reached through an edge of some status."""

    contact_id: int
    name: str
    company: str
    status: str  # status of the edge that leads here ("" for first-degree people)
    referral_id: int | None
    children: list[ChainNode] = field(default_factory=list)


# A link is one referral row as it comes out of SQLite: (referral id, from id, to id, status).
Link = tuple[int, int, int, str]
LINK_ID, LINK_FROM, LINK_TO, LINK_STATUS = range(4)
_FROM, _TO = itemgetter(LINK_FROM), itemgetter(LINK_TO)
_SECOND = itemgetter(1)


@dataclass
class Links:
    """Every referral edge, earliest recorded first, and the people on them.

    What referral chains are built from (build_chains); a caller may keep it to rebuild the
    chains under another status filter without reading the database again.
    """

    links: list[Link]
    people: dict[int, tuple[str, str]]  # contact id -> (name, company)


@dataclass
class Chains:
    """The referral forest, keyed by contact id, with no object per person.

    `roots` are the first-degree people in chain order (the order their earliest edges were
    recorded; loop entries last, see referral_tree()); `below[c]` are the links from contact c
    to the people placed right under c, in the order they were recorded; `placed[c]` is the
    link that leads to c (roots have none). Every contact appears once.
    """

    roots: list[int]
    below: dict[int, list[Link]]
    placed: dict[int, Link]
    people: dict[int, tuple[str, str]]

    def size(self) -> int:
        """People in the chains."""
        return len(self.roots) + len(self.placed)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic GC passes while 100k link tuples are built (they hold no cycles): each pass
    would walk every one of them again."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def load_links(**_kw) -> Links:
    """Read every referral edge (earliest recorded first) and the names on them: two queries.

    Accepts and ignores `progress` / `cancelled`, so that a worker can run it as it is.
    """
    with _gc_paused():
        links = db.execute_sql(
            """SELECT id, from_contact_id, to_contact_id, status FROM referral
               ORDER BY created_on, id"""
        ).fetchall()
        ids = set(map(_FROM, links))
        ids.update(map(_TO, links))
        return Links(links, _people(ids))


def _people(ids: set[int]) -> dict[int, tuple[str, str]]:
    """(name, company) of each contact in `ids`: one pass over the contacts when they are
    many of them, one lookup each through a JSON list when they are few."""
    sql = """SELECT ct.id, ct.first_name, ct.last_name, co.name FROM contact ct
             LEFT JOIN company co ON co.id = ct.company_id"""
    if not ids:
        return {}
    (total,) = db.execute_sql("SELECT count(*) FROM contact").fetchone()
    if len(ids) * 4 >= total:
        rows = db.execute_sql(sql)
        return {r[0]: (f"{r[1]} {r[2]}".strip(), r[3] or "") for r in rows if r[0] in ids}
    rows = db.execute_sql(
        sql + " WHERE ct.id IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),)
    )
    return {r[0]: (f"{r[1]} {r[2]}".strip(), r[3] or "") for r in rows}


def build_chains(links: Links, statuses: Collection[str] | None = None) -> Chains:
    """The chains over the links whose status is in `statuses` (all when None or empty).

    Breadth-first from all roots at once, level by level: each contact sits under its first
    shortest chain (see referral_tree()).
    """
    with _gc_paused():
        return _build_chains(links, statuses)


def _build_chains(links: Links, statuses: Collection[str] | None) -> Chains:
    rows = links.links
    if statuses:
        rows = [link for link in rows if link[LINK_STATUS] in statuses]
    out: defaultdict[int, list[Link]] = defaultdict(list)  # in the order of the first link
    for link in rows:
        out[link[LINK_FROM]].append(link)
    incoming = set(map(_TO, rows))
    roots = [cid for cid in out if cid not in incoming]
    below, placed = _place(roots, out)
    left = [cid for cid in out if cid in incoming and cid not in placed]
    if left:  # a loop that no chain leads into: start it at its earliest edge
        targets = {f: [link[LINK_TO] for link in ls] for f, ls in out.items()}
        roots = roots + _loop_entries(targets, placed.keys() | roots, left)
        below, placed = _place(roots, out)
    return Chains(roots, below, placed, links.people)


def _place(
    roots: list[int], out: dict[int, list[Link]]
) -> tuple[dict[int, list[Link]], dict[int, Link]]:
    """Breadth-first from all roots at once: the link that places each contact, once."""
    seen = set(roots)
    below: dict[int, list[Link]] = {}
    placed: dict[int, Link] = {}
    level, get = roots, out.get
    while level:
        nxt: list[int] = []
        for cid in level:
            ls = get(cid)
            if not ls:
                continue
            kids = [link for link in ls if link[LINK_TO] not in seen]
            if kids:
                below[cid] = kids
                new = list(map(_TO, kids))
                seen.update(new)
                nxt += new
                placed.update(zip(new, kids, strict=True))
        level = nxt
    return below, placed


def chains(statuses: Collection[str] | None = None, **_kw) -> Chains:
    """The referral chains as they stand now (see build_chains())."""
    return build_chains(load_links(), statuses)


def referral_tree(statuses: set[str] | None = None) -> list[ChainNode]:
    """Me → first-degree vouchers → the names they gave → the names those gave.

    Only people who are part of a chain appear (a voucher with at least one edge out).
    Cycles are cut: each contact appears once, under its first (shortest) chain. A loop that
    no chain leads into (Ann knows Bob, Bob knows Ann) starts at the member with the earliest
    edge, shown as first degree (see degrees()), so everyone on an edge appears exactly once.
    """
    found = chains(statuses)
    people, below = found.people, found.below
    forest = [ChainNode(cid, *people[cid], "", None) for cid in found.roots]
    queue = list(forest)
    for parent in queue:  # grows as it goes: breadth-first
        for rid, _, cid, status in below.get(parent.contact_id, ()):
            child = ChainNode(cid, *people[cid], status, rid)
            parent.children.append(child)
            queue.append(child)
    forest.sort(key=lambda n: n.name.casefold())
    return forest


def voucher_ids() -> set[int]:
    """People who can vouch: closeness 3, or who named someone for me."""
    rows = db.execute_sql(
        """SELECT id FROM contact WHERE closeness >= 3 AND archived = 0
           UNION SELECT from_contact_id FROM referral WHERE status != 'potential'"""
    )
    return {r[0] for r in rows}

"""Referral chains: the forest of referral links from me outward, and each contact's degree.

Read-only views of the links that crm.services.referrals writes: the Referral chains page,
the report's chain sheet and the contacts' Degree column are built from them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from operator import itemgetter

from crm.gc_pause import gc_paused
from crm.store.models import db


def degrees() -> dict[int, int]:
    """Degree of every contact: the shortest chain from a first-degree person (degree 1).

    First degree = people nobody knows (no incoming edge: I know them directly) and, for each
    loop that nothing leads into (Ann knows Bob, Bob knows Ann), one entry point: the member
    with the earliest recorded edge, as referral_tree() roots it (I must know someone on the
    loop directly; that is the best guess). The rest of the loop counts hops from there, so
    everyone on a non-declined edge has a degree.
    """
    with gc_paused():
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


def load_links(**_kw: object) -> Links:
    """Read every referral edge (earliest recorded first) and the names on them: two queries.

    Accepts and ignores `progress` / `cancelled`, so that a worker can run it as it is.
    """
    with gc_paused():
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
    with gc_paused():
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


def chains(statuses: Collection[str] | None = None, **_kw: object) -> Chains:
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

"""The referral-chain graph and where to draw each person: me in the centre, rings by degree.

Computed once per data change (the window caches it), never on a repaint. A radial tree:
the ring is the degree (first-degree people on the first ring, the people they named on
the second…), and each person gets a slice of the circle proportional to the number of
leaves under them, so chains fan out without crossing.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from crm.store.models import db

ME = 0  # the node id of the user at the centre


@dataclass(frozen=True)
class Node:
    id: int
    name: str
    company: str
    closeness: int
    at_target: bool  # works at a target company
    degree: int | None  # 0 = me, 1 = first degree…, None = not reachable from me
    x: float
    y: float


@dataclass(frozen=True)
class Edge:
    from_id: int
    to_id: int
    status: str  # referral status; "first-degree" for me → person


@dataclass
class Graph:
    nodes: dict[int, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    hidden: int = 0  # people left out to keep the picture readable


def radial_layout(
    children: dict[int, list[int]],
    root: int = ME,
    ring_gap: float = 120.0,
    spacing: float = 44.0,
) -> dict[int, tuple[float, float]]:
    """Positions for a tree given as parent → children; the root sits at (0, 0).

    The ring gap grows so that the outermost ring has room for every leaf `spacing` apart.
    """
    order: list[int] = []
    depth = {root: 0}
    queue = deque([root])
    while queue:
        node = queue.popleft()
        order.append(node)
        for child in children.get(node, ()):
            if child not in depth:  # a tree, but be safe against repeats
                depth[child] = depth[node] + 1
                queue.append(child)
    leaves: dict[int, int] = {}
    for node in reversed(order):
        kids = [c for c in children.get(node, ()) if depth.get(c) == depth[node] + 1]
        leaves[node] = sum(leaves[c] for c in kids) or 1
    max_depth = max(depth.values())
    if max_depth:
        ring_gap = max(ring_gap, leaves[root] * spacing / (2 * math.pi * max_depth))
    angle = {root: 0.0}
    span = {root: (0.0, 2 * math.pi)}
    for node in order:
        start, width = span[node]
        kids = [c for c in children.get(node, ()) if depth.get(c) == depth[node] + 1]
        total = sum(leaves[c] for c in kids) or 1
        for child in kids:
            share = width * leaves[child] / total
            span[child] = (start, share)
            angle[child] = start + share / 2
            start += share
    rings: dict[int, list[int]] = {}
    for node, d in depth.items():
        if d:
            rings.setdefault(d, []).append(node)
    pos = {root: (0.0, 0.0)}
    for d, nodes in rings.items():
        r = d * ring_gap
        spread = _spread(sorted(angle[n] for n in nodes), spacing / r)
        for n, a in zip(sorted(nodes, key=lambda n: angle[n]), spread, strict=True):
            pos[n] = (r * math.cos(a), r * math.sin(a))
    return pos


def _spread(angles: list[float], gap: float) -> list[float]:
    """Push apart neighbours on a ring that sit closer than `gap`, keeping their order."""
    n = len(angles)
    if n < 2:
        return angles
    gap = min(gap, 2 * math.pi / n)
    out = list(angles)
    for i in range(1, n):
        out[i] = max(out[i], out[i - 1] + gap)
    overflow = out[-1] - (out[0] + 2 * math.pi - gap)
    if overflow > 0:  # wrapped onto the first: slide back as far as the order allows
        out[-1] -= overflow
        for i in range(n - 2, -1, -1):
            out[i] = min(out[i], out[i + 1] - gap)
    return out


def load_graph(max_nodes: int = 1500, extra_ids: Iterable[int] = ()) -> Graph:
    """Everyone in a live referral chain (plus `extra_ids`), laid out around me.

    Live edges are the ones warm paths use: any status but declined, between people who
    are not archived. Beyond `max_nodes` the farthest people are left out (counted in
    `hidden`).
    """
    rows = db.execute_sql(
        """SELECT r.from_contact_id, r.to_contact_id, r.status FROM referral r
           JOIN contact f ON f.id = r.from_contact_id JOIN contact t ON t.id = r.to_contact_id
           WHERE r.status != 'declined' AND f.archived = 0 AND t.archived = 0
           ORDER BY r.id"""
    ).fetchall()
    extra = set(extra_ids)
    ids = {f for f, _, _ in rows} | {t for _, t, _ in rows} | extra
    people = _people(ids)
    ids &= set(people)  # drops archived or unknown extras
    incoming = {t for _, t, _ in rows}
    out: dict[int, list[int]] = {}
    for f, t, _ in rows:
        out.setdefault(f, []).append(t)
    name = {cid: people[cid][0].casefold() for cid in ids}
    firsts = sorted((c for c in ids if c not in incoming), key=lambda c: name[c])
    # BFS from me gives each person a degree and a parent (the spanning tree to draw).
    degree: dict[int, int] = {ME: 0}
    children: dict[int, list[int]] = {ME: []}
    queue = deque()
    for c in firsts:
        degree[c] = 1
        children[ME].append(c)
        queue.append(c)
    while queue:
        node = queue.popleft()
        for nxt in sorted(out.get(node, ()), key=lambda c: name[c]):
            if nxt not in degree:
                degree[nxt] = degree[node] + 1
                children.setdefault(node, []).append(nxt)
                queue.append(nxt)
    unreachable = sorted((c for c in ids if c not in degree), key=lambda c: name[c])
    # Keep the asked-for people with their whole chain back to me, then the nearest others.
    parent = {c: p for p, kids in children.items() for c in kids}
    must: set[int] = set()
    for c in extra & set(degree):
        while c != ME and c not in must:
            must.add(c)
            c = parent[c]
    keep = sorted((c for c in degree if c != ME), key=lambda c: degree[c])
    budget = max(max_nodes - len(must), 0)
    kept = set(keep[:budget]) | must
    kept |= set(unreachable[: max(budget - len(kept), 0)]) | (extra & set(unreachable))
    tree = {
        p: [c for c in kids if c in kept] for p, kids in children.items() if p == ME or p in kept
    }
    pos = radial_layout(tree)
    # People in a loop no first-degree person leads to: a ring of their own outside.
    outer = [c for c in unreachable if c in kept]
    if outer:
        r = max((math.hypot(*p) for p in pos.values()), default=0.0) + 160.0
        r = max(r, len(outer) * 34.0 / (2 * math.pi))
        for i, c in enumerate(outer):
            a = 2 * math.pi * i / len(outer)
            pos[c] = (r * math.cos(a), r * math.sin(a))
    graph = Graph()
    graph.nodes[ME] = Node(ME, "Me", "", 3, False, 0, 0.0, 0.0)
    for cid in kept:
        if cid not in pos:
            continue  # its parent was cut by the node budget
        n, comp, closeness, target = people[cid]
        x, y = pos[cid]
        graph.nodes[cid] = Node(cid, n, comp, closeness, target, degree.get(cid), x, y)
    graph.edges = [Edge(ME, c, "first-degree") for c in firsts if c in graph.nodes]
    graph.edges += [
        Edge(f, t, status) for f, t, status in rows if f in graph.nodes and t in graph.nodes
    ]
    graph.hidden = len(ids) - (len(graph.nodes) - 1)
    return graph


def _people(ids: set[int]) -> dict[int, tuple[str, str, int, bool]]:
    out: dict[int, tuple[str, str, int, bool]] = {}
    items = sorted(ids)
    for i in range(0, len(items), 900):
        part = items[i : i + 900]
        marks = ",".join("?" * len(part))
        for cid, first, last, comp, closeness, target in db.execute_sql(
            f"""SELECT ct.id, ct.first_name, ct.last_name, COALESCE(co.name, ''), ct.closeness,
                       COALESCE(co.is_target, 0)
                FROM contact ct LEFT JOIN company co ON co.id = ct.company_id
                WHERE ct.archived = 0 AND ct.id IN ({marks})""",
            part,
        ):
            out[cid] = (f"{first} {last}".strip(), comp, closeness, bool(target))
    return out

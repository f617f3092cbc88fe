"""On random networks with cycles, every warm path is valid and as short as it can be.

The check is a brute-force BFS over the same rules: live edges (any status but declined,
between people not archived), colleague links (two current people at one company), and
me → every first-degree person (no live edge into them). A path's middle never holds a
first-degree person (I would start from them), so "shortest from its first person" is
measured in the graph without the other first-degree people.
"""

from __future__ import annotations

from collections import deque

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from crm.services.network import MAX_HOPS, paths_to_company
from crm.store.models import Company, Contact, Referral, db

STATUSES = ("potential", "named", "intro_requested", "introduced", "met", "declined")


def _network(n: int):
    person = st.integers(0, n - 1)
    # Who named each person: someone earlier in the list (a forest of chains from the first
    # people), sometimes nobody. Random extra edges then add shortcuts and cycles.
    named_by = st.tuples(*[st.none() | st.integers(0, i - 1) if i else st.none() for i in range(n)])
    return st.tuples(
        st.just(n),
        st.lists(st.sampled_from([None, 1, 1, 2, 2]), min_size=n, max_size=n),  # company
        st.lists(st.sampled_from([False, False, False, False, True]), min_size=n, max_size=n),
        st.lists(st.integers(0, 3), min_size=n, max_size=n),  # closeness
        st.lists(st.tuples(person, person, st.sampled_from(STATUSES)), max_size=n),
        named_by,
    )


def _assemble(t):
    n, comps, archived, closeness, extra, named_by = t
    comps = [*comps[:-1], 0]  # only the last person works at the target company
    if named_by[-1] is None:
        named_by = (*named_by[:-1], n - 2)  # and someone named them
    chain_edges = [(a, b, "named") for b, a in enumerate(named_by) if a is not None]
    return n, comps, archived, closeness, chain_edges + extra


networks = st.integers(min_value=2, max_value=14).flatmap(_network).map(_assemble)


def build(n, comps, archived, closeness, edges) -> tuple[list[int], int]:
    with db.atomic():
        for model in (Referral, Contact, Company):
            model.delete().execute()
        companies = [Company.create(name=f"C{i}", name_key=f"c{i}").id for i in range(3)]
        ids = [
            Contact.create(
                first_name=f"P{i}",
                company=companies[comps[i]] if comps[i] is not None else None,
                archived=archived[i],
                closeness=closeness[i],
            ).id
            for i in range(n)
        ]
        seen = set()
        for a, b, status in edges:
            if a != b and (a, b) not in seen:
                seen.add((a, b))
                Referral.create(from_contact=ids[a], to_contact=ids[b], status=status)
    return ids, companies[0]


def neighbours(n, comps, archived, edges, ids):
    """Live links as contact-id pairs: (from, to) → kind/status set."""
    links: dict[tuple[int, int], set[str]] = {}
    seen = set()
    for a, b, status in edges:
        if a == b or (a, b) in seen:
            continue
        seen.add((a, b))
        if status != "declined" and not archived[a] and not archived[b]:
            links.setdefault((ids[a], ids[b]), set()).add(status)
    for a in range(n):
        for b in range(n):
            same = comps[a] is not None and comps[a] == comps[b]
            if a != b and same and not archived[a] and not archived[b]:
                links.setdefault((ids[a], ids[b]), set()).add("colleague")
    return links


def bfs(starts: set[int], allowed: set[int], links, goal: set[int]) -> int | None:
    """Fewest people on a path from any of `starts` to `goal` (counting both ends)."""
    dist = {s: 1 for s in starts}
    queue = deque(starts)
    while queue:
        node = queue.popleft()
        if node in goal:
            return dist[node]
        for (a, b), _ in links.items():
            if a == node and b in allowed and b not in dist:
                dist[b] = dist[node] + 1
                queue.append(b)
    return None


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(networks)
def test_paths_are_valid_and_shortest(db, net):
    n, comps, archived, closeness, edges = net
    ids, target_company = build(n, comps, archived, closeness, edges)
    paths = paths_to_company(target_company, limit=50)

    links = neighbours(n, comps, archived, edges, ids)
    live = {ids[i] for i in range(n) if not archived[i]}
    has_in = {b for (a, b), kinds in links.items() if kinds - {"colleague"}}
    firsts = live - has_in
    at_company = {ids[i] for i in range(n) if comps[i] == 0 and not archived[i]}

    for p in paths:
        chain = p.contact_ids
        assert len(set(chain)) == len(chain), "a path visits someone twice"
        assert set(chain) <= live, "an archived person is on a path"
        assert chain[0] in firsts, "the first person has a live edge into them"
        assert chain[-1] in at_company, "the path does not end at the company"
        assert not set(chain[1:]) & firsts, "the path passes through someone I know"
        for hop, (a, b) in zip(p.hops[1:], zip(chain, chain[1:], strict=False), strict=True):
            kinds = links.get((a, b), set())
            if hop.kind == "colleague":
                assert "colleague" in kinds
            else:
                assert hop.status in kinds and hop.kind == (
                    "knows" if hop.status == "potential" else "referral"
                )
        inner = (live - firsts) | {chain[0]}
        assert p.length == bfs({chain[0]}, inner, links, at_company), "not a shortest path"

    best = bfs(firsts, live, links, at_company)
    event(f"best path: {best} people")
    event(
        "has a colleague hop"
        if any(h.kind == "colleague" for p in paths for h in p.hops)
        else "no colleague hop"
    )
    if best is None or best > MAX_HOPS:
        assert paths == []
    else:
        assert paths and paths[0].length == best
    assert [p.length for p in paths] == sorted(p.length for p in paths)
    assert len({tuple(p.contact_ids) for p in paths}) == len(paths)

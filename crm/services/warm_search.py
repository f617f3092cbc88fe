"""The search behind warm paths: a backward breadth-first search, one SQL query per level.

It starts at the people at the target and walks live edges (any status but declined, from
someone not archived) and colleague links backwards until it meets first-degree people (no
live edge into them). Only the frontier is ever asked about, so a search near the target
stays fast on a 30,000-contact network. No Qt, no ranking: network.py builds and ranks the
paths.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from crm.errors import Cancelled
from crm.store.models import db

CHUNK = 900  # SQLite's parameter limit, with room to spare
PATHS_PER_FIRST = 3


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    company: str
    position: str
    closeness: int
    last_contact: dt.date | None


def _chunks(items: list[int]) -> Iterable[list[int]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def query_ids(sql: str, ids: list[int], cancelled: Callable[[], bool] | None = None) -> list[tuple]:
    """Run `sql` over `ids` in chunks (SQLite caps the number of parameters)."""
    out: list[tuple] = []
    for part in _chunks(ids):
        if cancelled and cancelled():
            raise Cancelled("Path search cancelled")
        marks = ",".join("?" * len(part))
        out.extend(db.execute_sql(sql.format(marks=marks), part).fetchall())
    return out


# Which people have a live incoming edge (a voucher who named them or knows them)?
_LIVE_IN = (
    "SELECT 1 FROM referral r JOIN contact f ON f.id = r.from_contact_id "
    "WHERE r.to_contact_id = t.id AND r.status != 'declined' AND f.archived = 0"
)
_FIRST_SQL = (
    "SELECT t.id, t.company_id, NOT EXISTS ({live}) FROM contact t WHERE t.id IN ({{marks}})"
)
# Everyone at some companies, and whether any edge at all leads to them. Both answers come
# from indexes alone (no contact rows read), which matters for a company of thousands.
_COLLEAGUE_SQL = (
    "SELECT t.id, t.company_id, EXISTS (SELECT 1 FROM referral r WHERE r.to_contact_id = t.id) "
    "FROM contact t WHERE t.company_id IN ({marks})"
)
_PRED_SQL = """SELECT r.from_contact_id, r.to_contact_id, r.status FROM referral r
    JOIN contact f ON f.id = r.from_contact_id
    WHERE r.status != 'declined' AND f.archived = 0 AND r.to_contact_id IN ({marks})"""


# How warm a link is: lower is better (a met referral beats a mere "knows").
STRENGTH = {
    "first-degree": 0,
    "met": 0,
    "introduced": 1,
    "intro_requested": 2,
    "named": 3,
    "potential": 4,
    "colleague": 5,
}


def strength(kind: str, status: str) -> int:
    return STRENGTH.get(status or kind, STRENGTH.get(kind, 5))


Chain = list[tuple[int, str, str]]


def search(
    targets: list[int],
    limit: int,
    max_hops: int,
    cancelled: Callable[[], bool] | None,
    whole_company: int | None = None,
) -> tuple[list[Chain], dict[int, Person]]:
    """Backward BFS from the targets; chains [(contact, kind, status), …] start first-degree.

    Level by level it asks SQLite only about the people on the frontier. A first-degree
    person ends a chain: a path never passes through someone I already know (I would start
    from them instead). The search stops at the level where `limit` first-degree people
    have been found, so every path of the shortest lengths is seen and ranked.
    """
    dist: dict[int, int] = {t: 0 for t in targets}
    succ: dict[int, Chain] = {}  # node -> links towards the targets (all at dist - 1)
    via_company: dict[int, int] = {}  # node -> company where a colleague is one level closer
    company_front: dict[int, list[int]] = {}  # company -> its people on the expanded level
    if whole_company is not None:
        company_front[whole_company] = []  # its people are the targets: no colleague to add
    first_sql = _FIRST_SQL.format(live=_LIVE_IN)
    known: dict[int, tuple[int, int | None, int]] = {}  # colleagues fetched with their company
    archived: set[int] | None = None  # read once, when a company's people are first needed
    frontier = list(targets)
    found: list[int] = []
    level = 0
    while frontier:
        if cancelled and cancelled():
            raise Cancelled("Path search cancelled")
        inner: list[int] = []
        by_company: dict[int, list[int]] = {}
        rows = [known[n] for n in frontier if n in known]
        rows += query_ids(first_sql, [n for n in frontier if n not in known], cancelled)
        for cid, comp, is_first in rows:
            if is_first:
                found.append(cid)
            else:
                inner.append(cid)
                if comp is not None:
                    by_company.setdefault(comp, []).append(cid)
        if len(found) >= limit or level + 1 >= max_hops or not inner:
            break
        level += 1
        nxt: list[int] = []
        for f, t, status in query_ids(_PRED_SQL, inner, cancelled):
            d = dist.get(f)
            link = (t, "knows" if status == "potential" else "referral", status)
            if d is None:
                dist[f] = level
                succ[f] = [link]
                nxt.append(f)
            elif d == level:
                succ.setdefault(f, []).append(link)
        fresh = [c for c in by_company if c not in company_front]
        for c in fresh:
            company_front[c] = by_company[c]
        rows = query_ids(_COLLEAGUE_SQL, fresh, cancelled)
        if rows and archived is None:
            archived = {r[0] for r in db.execute_sql("SELECT id FROM contact WHERE archived")}
        for cid, comp, any_in in rows:
            if cid in archived:
                continue
            d = dist.get(cid)
            if d is None:
                dist[cid] = level
                if not any_in:  # nobody leads to them: first-degree, no need to ask again
                    known[cid] = (cid, comp, 1)
                nxt.append(cid)
            elif d != level:
                continue
            via_company[cid] = comp
        frontier = nxt
    people: dict[int, Person] = {}
    if len(found) > limit:
        found, people = _best_roots(found, dist, limit)
    return _chains(found, dist, succ, via_company, company_front), people


def _best_roots(
    roots: list[int], dist: dict[int, int], limit: int
) -> tuple[list[int], dict[int, Person]]:
    """The first people whose paths can make the top `limit` (ties at the cut all kept)."""
    people = load_people(set(roots))

    def key(cid: int) -> tuple:
        p = people[cid]
        return (dist[cid], -p.closeness, -(p.last_contact.toordinal() if p.last_contact else 0))

    ranked = sorted(roots, key=key)
    cut = key(ranked[limit - 1])
    return [r for r in ranked if key(r) <= cut], people


def _chains(
    roots: list[int],
    dist: dict[int, int],
    succ: dict[int, Chain],
    via_company: dict[int, int],
    company_front: dict[int, list[int]],
) -> list[Chain]:
    """Up to PATHS_PER_FIRST chains per first-degree person, warmest links first."""

    def links(node: int) -> Chain:
        out = list(succ.get(node, ()))
        comp = via_company.get(node)
        if comp is not None:
            out.extend((m, "colleague", "") for m in company_front[comp] if m != node)
        out.sort(key=lambda link: strength(link[1], link[2]))
        seen: set[int] = set()  # an edge and a colleague link to the same person: keep one
        return [link for link in out if not (link[0] in seen or seen.add(link[0]))]

    chains: list[Chain] = []
    for root in roots:
        stack: list[Chain] = [[(root, "first-degree", "")]]
        made = 0
        while stack and made < PATHS_PER_FIRST:
            chain = stack.pop()
            node = chain[-1][0]
            if dist[node] == 0:
                chains.append(chain)
                made += 1
                continue
            for step in reversed(links(node)):
                stack.append(chain + [step])
    return chains


def load_people(ids: set[int]) -> dict[int, Person]:
    rows = query_ids(
        """SELECT ct.id, ct.first_name, ct.last_name, COALESCE(co.name, ''), ct.position,
                  ct.closeness, (SELECT MAX(date) FROM interaction i WHERE i.contact_id = ct.id)
           FROM contact ct LEFT JOIN company co ON co.id = ct.company_id
           WHERE ct.id IN ({marks})""",
        sorted(ids),
    )
    out = {}
    for cid, first, last, comp, pos, closeness, last_date in rows:
        last_d = dt.date.fromisoformat(str(last_date)[:10]) if last_date else None
        out[cid] = Person(cid, f"{first} {last}".strip(), comp, pos, closeness, last_d)
    return out

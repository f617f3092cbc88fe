"""Network backwards: warm paths from me to the people at a company, best first.

A path is me → first-degree person → … → someone at the company. Its hops follow referral
edges (named, introduced…), "knows" edges (status potential) and colleague links (two people
at the same company). The search runs backwards from the people at the company, one level
of SQL per hop, so it touches only the part of the network near the target.

Ranking: fewest hops, then the closeness of the first person (the one I would ask), then the
first person's most recent interaction, then names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from crm.errors import Cancelled, NotFoundError
from crm.store.models import Company, Contact, Job, db

CHUNK = 900
MAX_HOPS = 6
PATHS_PER_FIRST = 3


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    company: str
    position: str
    closeness: int
    last_contact: dt.date | None


@dataclass(frozen=True)
class Hop:
    """One link of a path: how I get from the previous person (None = me) to `person`."""

    person: Person
    kind: str  # first-degree / referral / knows / colleague
    status: str  # referral status, "" for first-degree and colleague links
    from_id: int | None

    def explain(self) -> str:
        p = self.person
        last = p.last_contact.isoformat() if p.last_contact else "never"
        who = f"{p.name} ({p.company})" if p.company else p.name
        what = {
            "first-degree": "first-degree connection",
            "referral": f"referral, {self.status.replace('_', ' ')}",
            "knows": "knows them (potential)",
            "colleague": f"colleague at {p.company}",
        }[self.kind]
        return f"{who}: {what}; closeness {p.closeness}; last contact {last}"


@dataclass(frozen=True)
class WarmPath:
    hops: tuple[Hop, ...]

    @property
    def length(self) -> int:
        return len(self.hops)

    @property
    def first(self) -> Person:
        return self.hops[0].person

    @property
    def target(self) -> Person:
        return self.hops[-1].person

    @property
    def contact_ids(self) -> list[int]:
        return [h.person.id for h in self.hops]

    def summary(self) -> str:
        return "Me → " + " → ".join(h.person.name for h in self.hops)

    def next_action(self) -> str:
        """The method's wording for the step to take now."""
        if self.length == 1:
            return f"Talk to {self.first.name} at {self.target.company} about the job"
        nxt = self.hops[1].person
        where = f" at {nxt.company}" if nxt.company else ""
        return f"Ask {self.first.name} for an introduction to {nxt.name}{where}"

    def to_dict(self) -> dict:
        return {
            "length": self.length,
            "summary": self.summary(),
            "next_action": self.next_action(),
            "hops": [
                {
                    "contact_id": h.person.id,
                    "name": h.person.name,
                    "company": h.person.company,
                    "kind": h.kind,
                    "status": h.status,
                    "closeness": h.person.closeness,
                    "last_contact": h.person.last_contact.isoformat()
                    if h.person.last_contact
                    else None,
                    "explain": h.explain(),
                }
                for h in self.hops
            ],
        }


def _chunks(items: list[int]) -> Iterable[list[int]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _q(sql: str, ids: list[int], cancelled: Callable[[], bool] | None = None) -> list[tuple]:
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
_COLLEAGUE_SQL = (
    "SELECT t.id, t.company_id, NOT EXISTS ({live}) FROM contact t "
    "WHERE t.archived = 0 AND t.company_id IN ({{marks}})"
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


def _strength(kind: str, status: str) -> int:
    return STRENGTH.get(status or kind, STRENGTH.get(kind, 5))


Chain = list[tuple[int, str, str]]


def _search(
    targets: list[int], limit: int, max_hops: int, cancelled: Callable[[], bool] | None
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
    first_sql, colleague_sql = (
        _FIRST_SQL.format(live=_LIVE_IN),
        _COLLEAGUE_SQL.format(live=_LIVE_IN),
    )
    known: dict[int, tuple[int, int | None, int]] = {}  # colleagues fetched with their company
    frontier = list(targets)
    found: list[int] = []
    level = 0
    while frontier:
        if cancelled and cancelled():
            raise Cancelled("Path search cancelled")
        inner: list[int] = []
        by_company: dict[int, list[int]] = {}
        rows = [known[n] for n in frontier if n in known]
        rows += _q(first_sql, [n for n in frontier if n not in known], cancelled)
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
        for f, t, status in _q(_PRED_SQL, inner, cancelled):
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
        for row in _q(colleague_sql, fresh, cancelled):
            cid, comp = row[0], row[1]
            d = dist.get(cid)
            if d is None:
                dist[cid] = level
                known[cid] = row
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
    people = _people(set(roots))

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
        out.sort(key=lambda link: _strength(link[1], link[2]))
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


def _people(ids: set[int]) -> dict[int, Person]:
    rows = _q(
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


def paths_to_contacts(
    targets: Iterable[int],
    *,
    limit: int = 20,
    max_hops: int = MAX_HOPS,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[WarmPath]:
    """Ranked warm paths from me to any of `targets` (contact ids; archived ones are skipped).

    Takes `cancelled`/`progress` so that ui.tasks.Task can run it on a big network.
    """
    targets = sorted(set(targets))
    if not targets:
        return []
    targets = [
        r[0] for r in _q("SELECT id FROM contact WHERE archived = 0 AND id IN ({marks})", targets)
    ]
    chains, people = _search(targets, limit, max_hops, cancelled)
    people.update(_people({n for chain in chains for n, _, _ in chain} - set(people)))
    paths = []
    for chain in chains:
        hops = []
        prev = None
        for node, kind, status in chain:
            hops.append(Hop(people[node], kind, status, prev))
            prev = node
        paths.append(WarmPath(tuple(hops)))
    paths.sort(key=_rank)
    if progress:
        progress(1, 1)
    return paths[:limit]


def _rank(p: WarmPath) -> tuple:
    last = p.first.last_contact
    return (
        p.length,
        -p.first.closeness,
        -(last.toordinal() if last else 0),
        sum(_strength(h.kind, h.status) for h in p.hops),
        p.first.name.casefold(),
        p.target.name.casefold(),
        tuple(p.contact_ids),
    )


def people_at(company_id: int) -> list[int]:
    rows = db.execute_sql(
        "SELECT id FROM contact WHERE company_id = ? AND archived = 0", (company_id,)
    )
    return [r[0] for r in rows]


def paths_to_company(company: int | str, **kw) -> list[WarmPath]:
    if isinstance(company, str):
        from crm.services.companies import find_company

        company_id = find_company(company).id
    else:
        company_id = company
        if Company.get_or_none(Company.id == company_id) is None:
            raise NotFoundError(f"company {company_id} does not exist")
    return paths_to_contacts(people_at(company_id), **kw)


def paths_to_job(job_id: int, **kw) -> list[WarmPath]:
    job = Job.get_or_none(Job.id == job_id)
    if job is None:
        raise NotFoundError(f"job {job_id} does not exist")
    if not job.company_id:
        return []
    return paths_to_contacts(people_at(job.company_id), **kw)


def paths_to_contact(contact_id: int, **kw) -> list[WarmPath]:
    if Contact.get_or_none(Contact.id == contact_id) is None:
        raise NotFoundError(f"contact {contact_id} does not exist")
    return paths_to_contacts([contact_id], **kw)


@dataclass(frozen=True)
class Connector:
    """A first-degree person worth meeting: the target companies they can open a door to."""

    person: Person
    companies: tuple[str, ...]  # target companies this person reaches
    inside: tuple[str, ...] = ()  # the target companies they work at themselves
    shortest: int = 1  # hops of their shortest warm path to any of those companies

    @property
    def reach(self) -> int:
        return len(self.companies)

    def describe(self) -> str:
        parts = []
        if self.inside:
            parts.append("works at " + ", ".join(self.inside))
        outside = [c for c in self.companies if c not in self.inside]
        if outside:
            parts.append("can lead to " + ", ".join(outside))
        return "; ".join(parts)


def who_to_meet_next(
    limit: int = 10,
    max_hops: int = 3,
    *,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Connector]:
    """First-degree people ranked by how many target companies they reach, then closeness.

    This is the method's "find better connected people": whom to meet so that more doors
    to the target companies open.
    """
    reach: dict[int, set[str]] = {}
    inside: dict[int, set[str]] = {}
    shortest: dict[int, int] = {}
    firsts: dict[int, Person] = {}
    targets = list(Company.select().where(Company.is_target).order_by(Company.name))
    for i, company in enumerate(targets):
        if progress:
            progress(i, len(targets))
        paths = paths_to_company(company.id, limit=200, max_hops=max_hops, cancelled=cancelled)
        for path in paths:
            cid = path.first.id
            reach.setdefault(cid, set()).add(company.name)
            if path.length == 1:
                inside.setdefault(cid, set()).add(company.name)
            shortest[cid] = min(shortest.get(cid, path.length), path.length)
            firsts[cid] = path.first

    def rank(cid: int) -> tuple:
        p = firsts[cid]
        last = p.last_contact.toordinal() if p.last_contact else 0
        return (-len(reach[cid]), -p.closeness, shortest[cid], -last, p.name.casefold())

    return [
        Connector(
            firsts[c],
            tuple(sorted(reach[c])),
            tuple(sorted(inside.get(c, ()))),
            shortest[c],
        )
        for c in sorted(reach, key=rank)[:limit]
    ]


@dataclass(frozen=True)
class Choice:
    """Something to network backwards from: a company, a job or a person."""

    kind: str  # company / job / contact
    id: int
    label: str
    is_target: bool = False


def choices() -> list[Choice]:
    """Every company (targets first), job and current contact, for the target picker."""
    out = [
        Choice("company", cid, name, bool(target))
        for cid, name, target in db.execute_sql(
            "SELECT id, name, is_target FROM company ORDER BY is_target DESC, name COLLATE NOCASE"
        )
    ]
    out += [
        Choice("job", jid, f"{title} — {comp}" if comp else title, bool(target))
        for jid, title, comp, target in db.execute_sql(
            """SELECT j.id, j.title, COALESCE(c.name, ''), j.is_target FROM job j
               LEFT JOIN company c ON c.id = j.company_id
               ORDER BY j.is_target DESC, j.title COLLATE NOCASE"""
        )
    ]
    out += [
        Choice("contact", cid, f"{first} {last} — {comp}".strip(" —"))
        for cid, first, last, comp in db.execute_sql(
            """SELECT ct.id, ct.first_name, ct.last_name, COALESCE(co.name, '') FROM contact ct
               LEFT JOIN company co ON co.id = ct.company_id WHERE ct.archived = 0
               ORDER BY ct.first_name COLLATE NOCASE, ct.last_name COLLATE NOCASE"""
        )
    ]
    return out

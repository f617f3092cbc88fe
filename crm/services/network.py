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


def _q(sql: str, ids: list[int], extra: tuple = ()) -> list[tuple]:
    out: list[tuple] = []
    for part in _chunks(ids):
        marks = ",".join("?" * len(part))
        out.extend(db.execute_sql(sql.format(marks=marks), (*part, *extra)).fetchall())
    return out


def _search(
    targets: list[int], limit: int, max_hops: int, cancelled: Callable[[], bool] | None
) -> list[list[tuple[int, str, str]]]:
    """Backward BFS; returns chains [(contact, kind, status), …] from a first-degree person."""
    # succ[node] = [(next node towards the target, kind, status)], all at dist - 1
    dist: dict[int, int] = {t: 0 for t in targets}
    succ: dict[int, list[tuple[int, str, str]]] = {t: [] for t in targets}
    company_of: dict[int, int | None] = {}
    frontier = list(targets)
    found: list[tuple[int, int]] = []  # (root, dist)
    level = 0
    while frontier and level < max_hops:
        if cancelled and cancelled():
            raise Cancelled("Path search cancelled")
        # Which of the frontier are first-degree (no incoming live edge)?
        has_in = {
            r[0]
            for r in _q(
                "SELECT DISTINCT to_contact_id FROM referral "
                "WHERE status != 'declined' AND to_contact_id IN ({marks})",
                frontier,
            )
        }
        found.extend((n, level) for n in frontier if n not in has_in)
        if len(found) >= limit:
            break
        level += 1
        nxt: list[int] = []

        def reach(pred: int, node: int, kind: str, status: str, level=level, nxt=nxt) -> None:
            d = dist.get(pred)
            if d is None:
                dist[pred] = level
                succ[pred] = [(node, kind, status)]
                nxt.append(pred)
            elif d == level:
                succ[pred].append((node, kind, status))

        for f, t, status in _q(
            "SELECT r.from_contact_id, r.to_contact_id, r.status FROM referral r "
            "JOIN contact c ON c.id = r.from_contact_id "
            "WHERE r.status != 'declined' AND c.archived = 0 AND r.to_contact_id IN ({marks})",
            frontier,
        ):
            reach(f, t, "knows" if status == "potential" else "referral", status)
        # Colleague links: anyone at the company of a frontier person.
        missing = [n for n in frontier if n not in company_of]
        for cid, comp in _q("SELECT id, company_id FROM contact WHERE id IN ({marks})", missing):
            company_of[cid] = comp
        by_company: dict[int, list[int]] = {}
        for n in frontier:
            comp = company_of.get(n)
            if comp is not None:
                by_company.setdefault(comp, []).append(n)
        if by_company:
            for cid, comp in _q(
                "SELECT id, company_id FROM contact WHERE archived = 0 AND company_id IN ({marks})",
                list(by_company),
            ):
                company_of[cid] = comp
                for n in by_company[comp][:PATHS_PER_FIRST]:
                    if n != cid:
                        reach(cid, n, "colleague", "")
        frontier = nxt

    chains: list[list[tuple[int, str, str]]] = []
    for root, _d in found:
        start = [(root, "first-degree", "")]
        stack = [start]
        made = 0
        while stack and made < PATHS_PER_FIRST:
            chain = stack.pop()
            node = chain[-1][0]
            if dist[node] == 0:
                chains.append(chain)
                made += 1
                continue
            for step in reversed(succ[node]):
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
) -> list[WarmPath]:
    """Ranked warm paths from me to any of `targets` (contact ids)."""
    targets = sorted(set(targets))
    if not targets:
        return []
    chains = _search(targets, limit, max_hops, cancelled)
    people = _people({n for chain in chains for n, _, _ in chain})
    paths = []
    for chain in chains:
        hops = []
        prev = None
        for node, kind, status in chain:
            hops.append(Hop(people[node], kind, status, prev))
            prev = node
        paths.append(WarmPath(tuple(hops)))
    paths.sort(key=_rank)
    return paths[:limit]


def _rank(p: WarmPath) -> tuple:
    last = p.first.last_contact
    return (
        p.length,
        -p.first.closeness,
        -(last.toordinal() if last else 0),
        p.first.name.casefold(),
        p.target.name.casefold(),
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
    person: Person
    companies: tuple[str, ...]  # target companies this person reaches

    @property
    def reach(self) -> int:
        return len(self.companies)


def who_to_meet_next(limit: int = 10, max_hops: int = 3) -> list[Connector]:
    """First-degree people ranked by how many target companies they reach, then closeness."""
    reach: dict[int, set[str]] = {}
    firsts: dict[int, Person] = {}
    for company in Company.select().where(Company.is_target):
        for path in paths_to_company(company.id, limit=200, max_hops=max_hops):
            if path.length == 1:
                continue  # already inside: nobody to meet to get there
            reach.setdefault(path.first.id, set()).add(company.name)
            firsts[path.first.id] = path.first
    ranked = sorted(
        reach, key=lambda cid: (-len(reach[cid]), -firsts[cid].closeness, firsts[cid].name)
    )
    return [Connector(firsts[c], tuple(sorted(reach[c]))) for c in ranked[:limit]]

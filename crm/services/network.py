"""Network backwards: warm paths from me to the people at a company, best first.

A path is me → first-degree person → … → someone at the company. Its hops follow live
referral edges (any status but declined: named, introduced…, and "knows" edges, status
potential) and colleague links (two people at the same company). Archived people are not
there at all: an edge from an archived voucher is not live, so the person it leads to may
become first-degree. A first-degree person (no live edge into them) only ever starts a path:
I would not ask someone to introduce me to a person I already know.

The search runs backwards from the people at the company, one level of SQL per hop, so it
touches only the part of the network near the target.

Ranking: fewest hops, then the closeness of the first person (the one I would ask), then the
first person's most recent interaction, then the warmth of the links, then names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from crm.errors import NotFoundError
from crm.services.referrals import STATUS_LABELS
from crm.services.warm_search import Person, load_people, query_ids, search, strength
from crm.store.models import Company, Contact, Job, db

MAX_HOPS = 6


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
            # the words of the Referral chains page ("introduction requested", "knows")
            "referral": f"referral, {STATUS_LABELS.get(self.status, self.status)}",
            "knows": "knows them",
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
            if not self.target.company:  # was "Talk to Mateo Rossi at  about the job"
                return f"Talk to {self.first.name} directly: you know them"
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


def paths_to_contacts(
    targets: Iterable[int],
    *,
    limit: int = 20,
    max_hops: int = MAX_HOPS,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    whole_company: int | None = None,
) -> list[WarmPath]:
    """Ranked warm paths from me to any of `targets` (contact ids; archived ones are skipped).

    `whole_company` says the targets are everyone at that company (a shortcut, no change in
    the answer).

    Takes `cancelled`/`progress` so that ui.tasks.Task can run it on a big network.
    """
    targets = sorted(set(targets))
    if not targets:
        return []
    targets = [
        r[0]
        for r in query_ids("SELECT id FROM contact WHERE archived = 0 AND id IN ({marks})", targets)
    ]
    chains, people = search(targets, limit, max_hops, cancelled, whole_company)
    people.update(load_people({n for chain in chains for n, _, _ in chain} - set(people)))
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
        sum(strength(h.kind, h.status) for h in p.hops),
        p.first.name.casefold(),
        p.target.name.casefold(),
        tuple(p.contact_ids),
    )


def people_at(company_id: int) -> list[int]:
    rows = db.execute_sql(
        "SELECT id FROM contact WHERE company_id = ? AND archived = 0", (company_id,)
    )
    return [r[0] for r in rows]


def paths_to_company(company: int | str, **kw: Any) -> list[WarmPath]:
    """Warm paths to the people at a company (by id or name); `kw` as paths_to_contacts."""
    if isinstance(company, str):
        from crm.services.companies import find_company

        company_id = find_company(company).id
    else:
        company_id = company
        if Company.get_or_none(Company.id == company_id) is None:
            raise NotFoundError(f"company {company_id} does not exist")
    return paths_to_contacts(people_at(company_id), whole_company=company_id, **kw)


def paths_to_job(job_id: int, **kw: Any) -> list[WarmPath]:
    job = Job.get_or_none(Job.id == job_id)
    if job is None:
        raise NotFoundError(f"job {job_id} does not exist")
    if not job.company_id:
        return []
    return paths_to_contacts(people_at(job.company_id), whole_company=job.company_id, **kw)


def paths_to_contact(contact_id: int, **kw: Any) -> list[WarmPath]:
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

"""Everything the detail pane shows about one contact, gathered in a few small queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from crm.services.contacts import get_contact
from crm.services.interactions import timeline
from crm.services.referrals import STATUS_LABELS
from crm.store.models import Contact, Interaction, db


@dataclass(frozen=True)
class Link:
    """A referral edge as seen from the contact: the person at the other end and its status."""

    referral_id: int
    contact_id: int
    name: str
    company: str
    status: str
    intro_method: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class JobLine:
    id: int
    title: str
    status: str
    channel: str


@dataclass
class ContactCard:
    contact: Contact
    company: str
    company_id: int | None
    company_is_target: bool
    introduced_by: list[Link] = field(default_factory=list)
    named: list[Link] = field(default_factory=list)
    jobs: list[JobLine] = field(default_factory=list)
    timeline: list[Interaction] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.contact.full_name

    def last_contact(self) -> dt.date | None:
        return self.timeline[0].date if self.timeline else None

    def details_text(self) -> str:
        """Plain text for the clipboard."""
        c = self.contact
        lines = [self.name]
        role = " at ".join(p for p in (c.position, self.company) if p)
        if role:
            lines.append(role)
        for value in (c.email, c.phone, c.linkedin_url):
            if value:
                lines.append(value)
        return "\n".join(lines)


_LINKS = """
SELECT r.id, o.id, o.first_name || ' ' || o.last_name, COALESCE(co.name, ''), r.status,
       r.intro_method
FROM referral r
JOIN contact o ON o.id = r.{other}_contact_id
LEFT JOIN company co ON co.id = o.company_id
WHERE r.{me}_contact_id = ?
ORDER BY r.created_on, r.id
"""


def _links(contact_id: int, *, incoming: bool) -> list[Link]:
    me, other = ("to", "from") if incoming else ("from", "to")
    rows = db.execute_sql(_LINKS.format(me=me, other=other), (contact_id,))
    return [Link(r[0], r[1], r[2].strip(), r[3], r[4], r[5] or "") for r in rows]


def contact_card(contact_id: int) -> ContactCard:
    """The contact, its company, referrals in and out, jobs at the company, its timeline."""
    contact = get_contact(contact_id)
    company = contact.company if contact.company_id else None
    jobs: list[JobLine] = []
    if company is not None:
        jobs = [
            JobLine(r[0], r[1], r[2], r[3])
            for r in db.execute_sql(
                "SELECT id, title, status, channel FROM job WHERE company_id = ? "
                "ORDER BY created_on DESC, id DESC",
                (company.id,),
            )
        ]
    return ContactCard(
        contact=contact,
        company=company.name if company else "",
        company_id=company.id if company else None,
        company_is_target=bool(company and company.is_target),
        introduced_by=_links(contact_id, incoming=True),
        named=_links(contact_id, incoming=False),
        jobs=jobs,
        timeline=timeline(contact_id),
    )

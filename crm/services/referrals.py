"""Referral edges (the links of every referral chain) and their statuses: who named whom,
and how far each introduction has got. The chains they make: crm.services.referral_chains."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crm.errors import NotFoundError, TransitionError, ValidationError
from crm.normalize import clean, company_key, email_key, name_key, url_key
from crm.services.contacts import create_contact, get_contact
from crm.store.models import Company, Contact, Interaction, Referral, db

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
    return _same_name_and_company(entry)


def _same_name_and_company(entry: NameEntry) -> Contact | None:
    """The one active contact with this name at this company: a voucher naming someone who
    is already among my LinkedIn connections (a name typed in the meeting has no profile URL
    and seldom an email) made a second contact of them, splitting their paths and history."""
    company = clean(entry.company)
    key = name_key(entry.first_name, entry.last_name)
    if not (company and key):
        return None
    ckey = company_key(company) or company.casefold()
    found = list(
        Contact.select()
        .join(Company)
        .where((Contact.name_key == key) & (Company.name_key == ckey) & (Contact.archived == 0))
        .limit(2)
    )
    return found[0] if len(found) == 1 else None


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
    answered = edge.status == "intro_requested"
    edge.status = status
    if status == "intro_requested":
        edge.requested_on = on
    elif status == "introduced":
        edge.introduced_on = on
    elif status == "met":
        edge.met_on = on
    with db.atomic():
        edge.save()
        if answered:
            request_answered(edge)
    return edge


def request_answered(edge: Referral) -> None:
    """The introduction was made (or declined): the follow-up planned to chase it is spent.

    Asking plans a follow-up with the asker (crm.services.introductions); once they have
    answered, that follow-up only repeated the thank-you now due. It stays while the asker
    has another request open, or when it was set before this request was made.
    """
    asker = Contact.get_by_id(edge.from_contact_id)
    if asker.next_follow_up is None or edge.requested_on is None:
        return
    if asker.next_follow_up < edge.requested_on:
        return
    still_open = (
        Referral.select()
        .where(
            (Referral.from_contact == asker.id)
            & (Referral.status == "intro_requested")
            & (Referral.id != edge.id)
        )
        .exists()
    )
    if not still_open:
        Contact.update(next_follow_up=None).where(Contact.id == asker.id).execute()


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


def voucher_ids() -> set[int]:
    """People who can vouch: closeness 3, or who named someone for me."""
    rows = db.execute_sql(
        """SELECT id FROM contact WHERE closeness >= 3 AND archived = 0
           UNION SELECT from_contact_id FROM referral WHERE status != 'potential'"""
    )
    return {r[0] for r in rows}

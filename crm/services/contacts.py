"""Contacts: create, update, archive, delete (with an undo snapshot), search, merge."""

from __future__ import annotations

import datetime as dt
from typing import Any

from crm.errors import NotFoundError, ValidationError
from crm.normalize import clean, email_key, is_email, name_key, search_text, url_key
from crm.services.companies import get_or_create_company
from crm.store.models import (
    ArchiveFact,
    Contact,
    ContactAlias,
    ImportChange,
    Interaction,
    Job,
    Referral,
    db,
    now,
)

STAGES = ("identified", "contacted", "met", "advocate")
SOURCES = ("linkedin", "spreadsheet", "manual", "referral")
EDITABLE = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "linkedin_url",
    "position",
    "connected_on",
    "source",
    "closeness",
    "stage",
    "next_follow_up",
    "snoozed_until",
    "cadence_days",
    "tags",
    "notes",
    "archived",
)


def validate_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Clean the values and refuse the ones a user must correct; returns the cleaned dict."""
    out = dict(fields)
    for key in ("first_name", "last_name", "email", "phone", "linkedin_url", "position", "tags"):
        if key in out:
            out[key] = clean(out[key])
    named = "first_name" in out or "last_name" in out
    if named and not (out.get("first_name") or out.get("last_name")):
        raise ValidationError("Name", "a contact needs a first or last name")
    if out.get("email") and not is_email(out["email"]):
        raise ValidationError("Email", f"{out['email']!r} is not an email address")
    url = out.get("linkedin_url")
    if url:
        host = url.split("://", 1)[-1].split("/", 1)[0]
        if not url_key(url) or " " in url or "." not in host:
            raise ValidationError(
                "LinkedIn", f"{url!r} is not a LinkedIn profile address (linkedin.com/in/…)"
            )
    if "closeness" in out:
        c = int(out["closeness"] or 0)
        if not 0 <= c <= 3:
            raise ValidationError("Closeness", "must be between 0 and 3")
        out["closeness"] = c
    if "stage" in out and out["stage"] not in STAGES:
        raise ValidationError("Stage", f"must be one of {', '.join(STAGES)}")
    return out


def _apply(contact: Contact, fields: dict[str, Any]) -> None:
    for key, value in fields.items():
        if key == "company":
            continue
        if key not in EDITABLE:
            raise ValidationError(key, "is not a contact field")
        setattr(contact, key, value)
    if "company" in fields:
        company = fields["company"]
        if isinstance(company, str) or company is None:
            company = get_or_create_company(company or "")
        contact.company = company
    contact.name_key = name_key(contact.first_name, contact.last_name)
    contact.email_key = email_key(contact.email)
    contact.url_key = url_key(contact.linkedin_url)
    company_name = contact.company.name if contact.company_id else ""
    contact.search_text = search_text(
        contact.first_name,
        contact.last_name,
        company_name,
        contact.position,
        contact.email,
        contact.tags,
    )
    contact.updated_at = now()


def create_contact(first_name: str = "", last_name: str = "", **fields: Any) -> Contact:
    values = validate_fields({"first_name": first_name, "last_name": last_name, **fields})
    key = url_key(values.get("linkedin_url"))
    if key and Contact.get_or_none(Contact.url_key == key):
        raise ValidationError("LinkedIn", "another contact already has this profile URL")
    contact = Contact()
    with db.atomic():
        _apply(contact, values)
        contact.save(force_insert=True)
    return contact


def has_contacts() -> bool:
    """Whether the network has anyone yet (an empty one gets a how-to-start hint)."""
    return Contact.select().exists()


def get_contact(contact_id: int) -> Contact:
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFoundError(f"contact {contact_id} does not exist")
    return contact


def update_contact(contact_id: int, **fields: Any) -> Contact:
    contact = get_contact(contact_id)
    values = validate_fields(fields)
    key = url_key(values.get("linkedin_url"))
    if key:
        other = Contact.get_or_none((Contact.url_key == key) & (Contact.id != contact_id))
        if other:
            raise ValidationError("LinkedIn", f"{other.full_name} already has this profile URL")
    with db.atomic():
        _apply(contact, values)
        contact.save()
    return contact


def archive_contact(contact_id: int, archived: bool = True) -> None:
    Contact.update(archived=archived, updated_at=now()).where(Contact.id == contact_id).execute()


def search_contacts(
    query: str, *, include_archived: bool = False, limit: int = 200
) -> list[Contact]:
    """Every word must appear in name, company, position, email or tags."""
    q = Contact.select()
    for word in clean(query).casefold().split():
        q = q.where(Contact.search_text.contains(word))
    if not include_archived:
        q = q.where(~Contact.archived)
    return list(q.order_by(Contact.last_name, Contact.first_name).limit(limit))


# --- delete with an undo snapshot -------------------------------------------------------


def _row(model_obj) -> dict[str, Any]:
    return dict(model_obj.__data__)


def snapshot_contact(contact_id: int) -> dict[str, Any]:
    """Everything that deleting the contact removes, so that undo can put it back."""
    contact = get_contact(contact_id)
    return {
        "contact": _row(contact),
        "interactions": [
            _row(i) for i in Interaction.select().where(Interaction.contact == contact)
        ],
        "referrals": [
            _row(r)
            for r in Referral.select().where(
                (Referral.from_contact == contact) | (Referral.to_contact == contact)
            )
        ],
        "jobs_referred": [j.id for j in Job.select(Job.id).where(Job.referrer == contact)],
    }


def delete_contact(contact_id: int) -> dict[str, Any]:
    """Delete the contact with its interactions and referral edges; returns the undo snapshot."""
    snap = snapshot_contact(contact_id)
    with db.atomic():
        Contact.delete().where(Contact.id == contact_id).execute()
    return snap


def restore_contact(snapshot: dict[str, Any]) -> Contact:
    """Put back a contact deleted by delete_contact, with the same id and links."""
    with db.atomic():
        Contact.insert(snapshot["contact"]).execute()
        # Interactions first: referrals may point at a meeting.
        if snapshot["interactions"]:
            Interaction.insert_many(snapshot["interactions"]).execute()
        for ref in snapshot["referrals"]:
            ends = (ref["from_contact"], ref["to_contact"])
            if all(Contact.get_or_none(Contact.id == cid) for cid in ends):
                Referral.insert(ref).execute()
        if snapshot["jobs_referred"]:
            Job.update(referrer=snapshot["contact"]["id"]).where(
                Job.id.in_(snapshot["jobs_referred"])
            ).execute()
    return get_contact(snapshot["contact"]["id"])


# --- merge ------------------------------------------------------------------------------

MERGE_FILL = ("email", "phone", "linkedin_url", "position", "connected_on", "notes", "tags")


def merge_contacts(keep_id: int, other_id: int) -> Contact:
    """Fold `other` into `keep`: every interaction, referral and job link moves over."""
    if keep_id == other_id:
        raise ValidationError("Merge", "a contact cannot be merged with itself")
    keep, other = get_contact(keep_id), get_contact(other_id)
    with db.atomic():
        Interaction.update(contact=keep).where(Interaction.contact == other).execute()
        Job.update(referrer=keep).where(Job.referrer == other).execute()
        # The merged contact was written from neither file row alone: no import digest (the
        # next re-import matches it field by field), and no undo puts one back.
        ImportChange.delete().where(
            ImportChange.contact.in_([keep.id, other.id]), ImportChange.field == "import_digest"
        ).execute()
        ImportChange.update(contact=keep).where(ImportChange.contact == other).execute()
        # what a LinkedIn archive said of them stays applied: deleted with `other`, a
        # re-import would tag the merged contact again
        ArchiveFact.update(contact=keep).where(ArchiveFact.contact == other).execute()
        for ref in list(Referral.select().where(Referral.from_contact == other)):
            _move_edge(ref, from_id=keep.id, to_id=ref.to_contact_id)
        for ref in list(Referral.select().where(Referral.to_contact == other)):
            _move_edge(ref, from_id=ref.from_contact_id, to_id=keep.id)
        fills: dict[str, Any] = {}
        for field in MERGE_FILL:
            mine, theirs = getattr(keep, field), getattr(other, field)
            if field in ("notes", "tags") and mine and theirs and theirs not in mine:
                sep = "\n" if field == "notes" else ", "
                fills[field] = f"{mine}{sep}{theirs}"
            elif not mine and theirs:
                fills[field] = theirs
        if not keep.company_id and other.company_id:
            fills["company"] = other.company
        fills["closeness"] = max(keep.closeness, other.closeness)
        fills["stage"] = max(keep.stage, other.stage, key=STAGES.index)
        other_url = other.linkedin_url
        aliases = _aliases_of(other)
        ContactAlias.update(contact=keep).where(ContactAlias.contact == other).execute()
        Contact.delete().where(Contact.id == other.id).execute()
        if "linkedin_url" in fills:
            fills["linkedin_url"] = other_url
        _apply(keep, fills)
        keep.import_digest = None
        keep.save()
        mine = set(_aliases_of(keep))
        rows = [{"contact": keep.id, "kind": k, "key": v} for k, v in aliases if (k, v) not in mine]
        if rows:
            ContactAlias.insert_many(rows).on_conflict_ignore().execute()
    return keep


def _aliases_of(contact: Contact) -> list[tuple[str, str]]:
    """How an import finds this contact without a profile URL: its email, its name at its
    company (keys as crm.importers.known matches them)."""
    out = []
    if contact.email_key:
        out.append(("email", contact.email_key))
    if contact.name_key:
        company_key = contact.company.name_key if contact.company_id else ""
        out.append(("name", f"{contact.name_key}\x00{company_key}"))
    return out


def _move_edge(ref: Referral, *, from_id: int, to_id: int) -> None:
    exists = Referral.get_or_none(
        (Referral.from_contact == from_id)
        & (Referral.to_contact == to_id)
        & (Referral.id != ref.id)
    )
    if from_id == to_id or exists:
        ref.delete_instance()
    else:
        ref.from_contact, ref.to_contact = from_id, to_id
        ref.save()


def due_follow_up_ids(today: dt.date | None = None) -> set[int]:
    today = today or dt.date.today()
    q = Contact.select(Contact.id).where(
        Contact.next_follow_up.is_null(False) & (Contact.next_follow_up <= today)
    )
    return {c.id for c in q}

"""Interactions and meetings: logging one resets the keep-warm clock and moves the stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from crm.errors import ValidationError
from crm.services.contacts import STAGES, get_contact
from crm.services.referrals import NameEntry, add_names, request_answered
from crm.store.models import Contact, Interaction, Referral, db, now

KINDS = ("meeting", "call", "email", "message", "thank_you", "other")
ANSWERS = ("", "yes", "no", "maybe")
ANSWERS_WITH_WHY = ("no", "maybe")  # answers to "would you recommend me?" worth a reason


def names_follow(answer: str) -> bool:
    """Whether a meeting with this answer can yield names: a "no" yields none."""
    return answer != "no"


_STAGE_AFTER = {"meeting": "met", "call": "contacted", "email": "contacted", "message": "contacted"}


def log_interaction(
    contact_id: int,
    kind: str,
    on: dt.date | None = None,
    *,
    minutes: int = 0,
    notes: str = "",
    **meeting_fields: Any,
) -> Interaction:
    """Record what happened; the contact's explicit follow-up and snooze are then spent."""
    if kind not in KINDS:
        raise ValidationError("Kind", f"must be one of {', '.join(KINDS)}")
    if minutes < 0:
        raise ValidationError("Minutes", "cannot be negative")
    on = on or dt.date.today()
    contact = get_contact(contact_id)
    with db.atomic():
        item = Interaction.create(
            contact=contact, kind=kind, date=on, minutes=minutes, notes=notes, **meeting_fields
        )
        _after_interaction(contact, kind, on)
        if kind == "meeting":
            _met(contact, on)
    return item


# Links a meeting completes: the person was named for me, or an introduction was asked for
# or made. A link someone merely "knows" (potential) is no step I took through them.
_MET_FROM = ("named", "intro_requested", "introduced")


def _met(contact: Contact, on: dt.date) -> None:
    """A meeting with someone completes the chain links to them. Only introduced ones did:
    meeting a person a voucher had named, without waiting for the introduction, left the
    link 'named' and Today asking for that introduction after the meeting."""
    links = list(
        Referral.select().where((Referral.to_contact == contact) & (Referral.status.in_(_MET_FROM)))
    )
    for edge in links:
        asked = edge.status == "intro_requested"
        edge.status, edge.met_on = "met", on
        edge.save()
        if asked:  # asked for, and met since: the follow-up planned with the asker is spent
            request_answered(edge)


_FOLLOW_UP_STATE = ("stage", "next_follow_up", "snoozed_until")


@dataclass(frozen=True)
class LoggedEmail:
    """An email or thank-you just logged, and the contact's follow-up state before and after:
    what taking it back needs."""

    interaction_id: int
    contact_id: int
    before: tuple
    after: tuple


def log_email(contact_id: int, kind: str, on: dt.date, notes: str = "") -> LoggedEmail:
    """Log a sent email (kind email or thank_you) so that it can be taken back."""
    if kind not in ("email", "thank_you"):
        raise ValidationError("Kind", "must be email or thank_you")
    contact = get_contact(contact_id)
    before = tuple(getattr(contact, f) for f in _FOLLOW_UP_STATE)
    item = log_interaction(contact_id, kind, on, notes=notes)
    contact = get_contact(contact_id)
    after = tuple(getattr(contact, f) for f in _FOLLOW_UP_STATE)
    return LoggedEmail(item.id, contact_id, before, after)


def take_back(logged: LoggedEmail) -> None:
    """Undo `log_email`: the interaction goes, and each follow-up field logging it changed
    returns to its old value, unless something has changed that field since."""
    with db.atomic():
        Interaction.delete().where(Interaction.id == logged.interaction_id).execute()
        contact = Contact.get_or_none(Contact.id == logged.contact_id)
        if contact is None:
            return
        for name, old, new in zip(_FOLLOW_UP_STATE, logged.before, logged.after, strict=True):
            if old != new and getattr(contact, name) == new:
                setattr(contact, name, old)
        contact.save()


def _after_interaction(contact: Contact, kind: str, on: dt.date) -> None:
    target = _STAGE_AFTER.get(kind)
    if target and STAGES.index(target) > STAGES.index(contact.stage):
        contact.stage = target
    if contact.next_follow_up and contact.next_follow_up <= on:
        contact.next_follow_up = None
    contact.snoozed_until = None
    contact.updated_at = now()
    contact.save()


@dataclass
class MeetingRecord:
    """The method's core step: a meeting with a voucher and the names obtained."""

    contact_id: int
    on: dt.date
    minutes: int = 60
    resume_feedback: str = ""
    asked_to_recommend: bool = True
    answer: str = ""  # yes / no / maybe
    why_not: str = ""
    notes: str = ""
    names: list[NameEntry] = field(default_factory=list)


def log_meeting(record: MeetingRecord) -> tuple[Interaction, list[Referral]]:
    """One transaction: the meeting, then each name as a contact and a referral from the voucher."""
    if record.answer not in ANSWERS:
        raise ValidationError("Answer", "must be yes, no or maybe")
    if record.names and not names_follow(record.answer):
        raise ValidationError("Names", "the answer was no, so no names can come from this meeting")
    with db.atomic():
        meeting = log_interaction(
            record.contact_id,
            "meeting",
            record.on,
            minutes=record.minutes,
            notes=record.notes,
            resume_feedback=record.resume_feedback,
            asked_to_recommend=record.asked_to_recommend,
            answer=record.answer,
            why_not=record.why_not,
        )
        edges = add_names(record.contact_id, record.names, meeting=meeting, on=record.on)
        if edges:
            voucher = get_contact(record.contact_id)
            if STAGES.index(voucher.stage) < STAGES.index("advocate"):
                voucher.stage = "advocate"
                voucher.save()
    return meeting, edges


def timeline(contact_id: int) -> list[Interaction]:
    return list(
        Interaction.select()
        .where(Interaction.contact == contact_id)
        .order_by(Interaction.date.desc(), Interaction.id.desc())
    )


def delete_interaction(interaction_id: int) -> None:
    Interaction.delete().where(Interaction.id == interaction_id).execute()


def last_contact_dates() -> dict[int, dt.date]:
    rows = db.execute_sql("SELECT contact_id, MAX(date) FROM interaction GROUP BY contact_id")
    return {cid: _as_date(d) for cid, d in rows}


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])

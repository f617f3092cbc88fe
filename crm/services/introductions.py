"""Ask the first person on a warm path to introduce me to the next one.

One action does the three things the method asks for: the referral edge is recorded as
"introduction requested", a follow-up is put in the first person's diary, and a personal
email is drafted for the mail client. `draft_introduction` gives the same draft without
writing anything, so the window can show it before the user commits.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from crm.errors import NotFoundError, ValidationError
from crm.services import drafts
from crm.services.followups import set_follow_up
from crm.services.network import WarmPath
from crm.services.referrals import request_introduction
from crm.store.models import Contact, Job, Referral, db

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Introduction:
    referral: Referral | None  # None for a draft that was not recorded
    subject: str
    body: str
    mailto: str
    first_id: int
    target_id: int
    follow_up: dt.date | None = None
    before: dict | None = None  # what the request replaced, for undo_introduction()


def _ids(path: WarmPath | list[int]) -> list[int]:
    ids = path.contact_ids if isinstance(path, WarmPath) else [int(i) for i in path]
    if len(ids) < 2:
        raise ValidationError(
            "Path", "you already know this person: talk to them directly, no introduction needed"
        )
    return ids


def _contact(contact_id: int) -> Contact:
    person = Contact.get_or_none(Contact.id == contact_id)
    if person is None:
        raise NotFoundError(f"contact {contact_id} does not exist")
    if person.archived:
        raise ValidationError("Path", f"{person.full_name} is archived")
    return person


def _job_clause(job: Job | None) -> str:
    return f", in particular the {job.title} role," if job else ""


def draft_introduction(path: WarmPath | list[int], job_id: int | None = None) -> Introduction:
    """The email to the first person asking for an introduction to the next; writes nothing."""
    ids = _ids(path)
    first, target, last = _contact(ids[0]), _contact(ids[1]), _contact(ids[-1])
    job = None
    if job_id is not None:
        job = Job.get_or_none(Job.id == job_id)
        if job is None:
            raise NotFoundError(f"job {job_id} does not exist")
    company = job.company if job and job.company_id else (last.company or target.company)
    edge = Referral.get_or_none(
        (Referral.from_contact == first.id) & (Referral.to_contact == target.id)
    )
    # They gave me this name (in a meeting): "saw that you know" read as if I had found it
    # on LinkedIn myself
    named = edge is not None and edge.status != "potential"
    subject, body = drafts.render(
        "ask_introduction",
        first_name=first.first_name or first.full_name,
        how_you_know="you mentioned you know" if named else "saw that you know",
        target_name=target.full_name,
        target_company=company.name if company else "your network",
        job_clause=_job_clause(job),
    )
    return Introduction(
        None, subject, body, drafts.mailto_url(first.email, subject, body), first.id, target.id
    )


def ask_for_introduction(
    path: WarmPath | list[int],
    job_id: int | None = None,
    follow_up_in_days: int = 3,
    today: dt.date | None = None,
    *,
    subject: str | None = None,
    body: str | None = None,
) -> Introduction:
    """Record the request (first → next: intro_requested), plan a follow-up, draft the email.

    `subject`/`body` replace the drafted text when the user edited it before sending.
    """
    today = today or dt.date.today()
    if follow_up_in_days < 0:
        raise ValidationError("Follow-up", "must be today or later")
    with db.atomic():
        draft = draft_introduction(path, job_id)
        edge = Referral.get_or_none(
            (Referral.from_contact == draft.first_id) & (Referral.to_contact == draft.target_id)
        )
        before = {
            "edge": None if edge is None else (edge.status, edge.requested_on),
            "follow_up": Contact.get_by_id(draft.first_id).next_follow_up,
        }
        referral = request_introduction(draft.first_id, draft.target_id, on=today)
        when = today + dt.timedelta(days=follow_up_in_days)
        set_follow_up(draft.first_id, when)
    subject = draft.subject if subject is None else subject
    body = draft.body if body is None else body
    email = Contact.get_by_id(draft.first_id).email
    log.info("introduction requested: %s -> %s", draft.first_id, draft.target_id)
    return Introduction(
        referral,
        subject,
        body,
        drafts.mailto_url(email, subject, body),
        draft.first_id,
        draft.target_id,
        when,
        before,
    )


def undo_introduction(intro: Introduction) -> None:
    """Put back what asking for the introduction changed: the edge and the follow-up date."""
    if intro.before is None or intro.referral is None:
        return
    with db.atomic():
        if intro.before["edge"] is None:
            Referral.delete().where(Referral.id == intro.referral.id).execute()
        else:
            status, requested_on = intro.before["edge"]
            Referral.update(status=status, requested_on=requested_on).where(
                Referral.id == intro.referral.id
            ).execute()
        set_follow_up(intro.first_id, intro.before["follow_up"])


def redo_introduction(intro: Introduction) -> None:
    """Record the request again after an undo (same date, same follow-up)."""
    today = intro.referral.requested_on if intro.referral else None
    with db.atomic():
        request_introduction(intro.first_id, intro.target_id, on=today)
        set_follow_up(intro.first_id, intro.follow_up)

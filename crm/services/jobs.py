"""Jobs: status along the hiring funnel and the channel they came through."""

from __future__ import annotations

import datetime as dt
from typing import Any

from crm.errors import NotFoundError, TransitionError, ValidationError
from crm.normalize import clean
from crm.services.companies import get_or_create_company
from crm.store.models import Job, db

STATUSES = ("interested", "applied", "referred", "interviewing", "offer", "rejected", "withdrawn")
CHANNELS = ("referral", "direct", "recruiter")
TRANSITIONS = {
    "interested": ("applied", "referred", "withdrawn", "rejected"),
    "applied": ("interviewing", "rejected", "withdrawn", "referred"),
    "referred": ("interviewing", "rejected", "withdrawn"),
    "interviewing": ("offer", "rejected", "withdrawn"),
    "offer": ("withdrawn", "rejected"),
    "rejected": ("interested",),
    "withdrawn": ("interested",),
}
INTERVIEWED = ("interviewing", "offer")
CLOSED_STATUSES = ("offer", "rejected", "withdrawn")  # the job's story ends: it gets a closed day
# What a move to a status fills in: the day of the move (the application and interview days
# only while still empty; the closing day every time) and, for a referral, the channel.
DATE_FOR_STATUS = {
    "applied": "applied_on",
    "referred": "applied_on",
    "interviewing": "interview_on",
    **dict.fromkeys(CLOSED_STATUSES, "closed_on"),
}
CHANNEL_FOR_STATUS = {"referred": "referral"}


def create_job(title: str, company: str | None = None, **fields: Any) -> Job:
    title = clean(title)
    if not title:
        raise ValidationError("Title", "a job needs a title")
    if fields.get("channel", "direct") not in CHANNELS:
        raise ValidationError("Channel", f"must be one of {', '.join(CHANNELS)}")
    if fields.get("status", "interested") not in STATUSES:
        raise ValidationError("Status", f"must be one of {', '.join(STATUSES)}")
    with db.atomic():
        comp = get_or_create_company(company or "")
        return Job.create(title=title, company=comp, **fields)


def update_job(job_id: int, **fields: Any) -> Job:
    job = Job.get_or_none(Job.id == job_id)
    if job is None:
        raise NotFoundError(f"job {job_id} does not exist")
    if "title" in fields and not clean(fields["title"]):
        raise ValidationError("Title", "a job needs a title")
    if "channel" in fields and fields["channel"] not in CHANNELS:
        raise ValidationError("Channel", f"must be one of {', '.join(CHANNELS)}")
    with db.atomic():
        if "company" in fields:
            comp = fields.pop("company")
            job.company = get_or_create_company(comp) if isinstance(comp, str) else comp
        if "status" in fields:
            set_status(job, fields.pop("status"), save=False)
        for k, v in fields.items():
            setattr(job, k, v)
        job.save()
    return job


def set_status(job: Job | int, status: str, on: dt.date | None = None, *, save: bool = True) -> Job:
    if not isinstance(job, Job):
        found = Job.get_or_none(Job.id == job)
        if found is None:
            raise NotFoundError(f"job {job} does not exist")
        job = found
    if status not in STATUSES:
        raise TransitionError(f"unknown job status {status!r}")
    if status == job.status:
        return job
    if status not in TRANSITIONS[job.status]:
        raise TransitionError(f"a job cannot go from {job.status} to {status}")
    on = on or dt.date.today()
    job.status = status
    day_field = DATE_FOR_STATUS.get(status)
    if day_field == "closed_on" or (day_field and not getattr(job, day_field)):
        setattr(job, day_field, on)
    job.channel = CHANNEL_FOR_STATUS.get(status, job.channel)
    if save:
        job.save()
    return job


def delete_job(job_id: int) -> None:
    Job.delete().where(Job.id == job_id).execute()


def list_jobs() -> list[Job]:
    return list(Job.select().order_by(Job.created_on.desc(), Job.id.desc()))

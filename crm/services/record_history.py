"""Snapshots of a job or a company, and putting one back: what undo and redo are made of.

A snapshot is the row as a plain dict (ids and dates included). Restoring writes every
field back in one transaction, re-creating the row with its old id if it was deleted, so
that undoing a delete gives back exactly what was there.
"""

from __future__ import annotations

import logging
from typing import Any

from crm.errors import NotFoundError
from crm.services.companies import update_company
from crm.store.models import Company, Contact, Job, db

log = logging.getLogger(__name__)

Snapshot = dict[str, Any]


def job_snapshot(job_id: int) -> Snapshot:
    row = Job.select().where(Job.id == job_id).dicts().first()
    if row is None:
        raise NotFoundError(f"job {job_id} does not exist")
    return dict(row)


def restore_job(snapshot: Snapshot) -> None:
    """Put a job back as it was in `snapshot` (re-created with its id when deleted)."""
    data = dict(snapshot)
    # People and companies deleted since then cannot be pointed at any more.
    if data.get("company") and not Company.get_or_none(Company.id == data["company"]):
        data["company"] = None
    if data.get("referrer") and not Contact.get_or_none(Contact.id == data["referrer"]):
        data["referrer"] = None
    data.pop("batch", None)
    job_id = data.pop("id")
    with db.atomic():
        if Job.get_or_none(Job.id == job_id) is None:
            Job.insert(id=job_id, **data).execute()
        else:
            Job.update(**data).where(Job.id == job_id).execute()


def remove_job(job_id: int) -> None:
    Job.delete().where(Job.id == job_id).execute()


_COMPANY_FIELDS = ("name", "industry", "website", "is_target", "priority", "notes")


def company_snapshot(company_id: int) -> Snapshot:
    row = Company.select().where(Company.id == company_id).dicts().first()
    if row is None:
        raise NotFoundError(f"company {company_id} does not exist")
    return {k: row[k] for k in ("id", *_COMPANY_FIELDS)}


def restore_company(snapshot: Snapshot) -> None:
    """Put a company's own fields back; refuses a name another company has taken since."""
    update_company(snapshot["id"], **{k: snapshot[k] for k in _COMPANY_FIELDS})

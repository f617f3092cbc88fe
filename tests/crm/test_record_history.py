"""Snapshots put jobs and companies back exactly: the ground undo stands on."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.errors import ValidationError
from crm.services.companies import create_company, update_company
from crm.services.contacts import create_contact
from crm.services.jobs import create_job, delete_job, set_status
from crm.services.record_history import (
    company_snapshot,
    job_snapshot,
    restore_company,
    restore_job,
)
from crm.store.models import Company, Job


def test_a_deleted_job_comes_back_with_its_id_and_fields(db):
    dana = create_contact("Dana", "Whitfield")
    job = create_job(
        "Head of Product",
        "Acme Robotics",
        channel="referral",
        referrer=dana,
        applied_on=dt.date(2026, 11, 2),
        perfect_fit=True,
    )
    snap = job_snapshot(job.id)
    delete_job(job.id)
    restore_job(snap)
    back = Job.get_by_id(job.id)
    assert (back.title, back.company.name, back.referrer_id) == (
        "Head of Product",
        "Acme Robotics",
        dana.id,
    )
    assert back.applied_on == dt.date(2026, 11, 2) and back.perfect_fit


def test_restoring_a_job_undoes_a_status_move_without_the_transition_rules(db):
    job = create_job("PM", "Kestrel Bank", status="applied", applied_on=dt.date(2026, 11, 1))
    snap = job_snapshot(job.id)
    set_status(job.id, "rejected", on=dt.date(2026, 11, 20))
    restore_job(snap)
    back = Job.get_by_id(job.id)
    assert (back.status, back.closed_on) == ("applied", None)


def test_a_company_edit_is_put_back_and_a_taken_name_is_refused(db):
    acme = create_company("Acme Robotics", industry="Robots")
    snap = company_snapshot(acme.id)
    update_company(acme.id, name="Acme Automation", is_target=True)
    restore_company(snap)
    back = Company.get_by_id(acme.id)
    assert (back.name, back.industry, back.is_target) == ("Acme Robotics", "Robots", False)
    update_company(acme.id, name="Acme Automation")
    create_company("Acme Robotics")
    with pytest.raises(ValidationError):
        restore_company(snap)

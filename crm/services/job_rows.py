"""Read-only queries behind the Jobs table, the job and company dialogs and their pickers.

One SQL query per table: the jobs with their company and referrer names already joined, so
the table never builds model objects or runs a query per row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crm.store.models import db


def _d(value) -> dt.date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class JobRow:
    id: int
    title: str
    company_id: int | None
    company: str
    status: str
    channel: str
    referrer_id: int | None
    referrer: str
    perfect_fit: bool
    is_target: bool
    url: str
    created_on: dt.date | None
    applied_on: dt.date | None
    interview_on: dt.date | None
    closed_on: dt.date | None
    notes: str


_SELECT = """
    SELECT j.id, j.title, j.company_id, COALESCE(co.name, ''), j.status, j.channel,
           j.referrer_id, TRIM(COALESCE(r.first_name, '') || ' ' || COALESCE(r.last_name, '')),
           j.perfect_fit, j.is_target, j.url, j.created_on, j.applied_on, j.interview_on,
           j.closed_on, j.notes
    FROM job j
    LEFT JOIN company co ON co.id = j.company_id
    LEFT JOIN contact r ON r.id = j.referrer_id
"""


def _row(r: tuple) -> JobRow:
    return JobRow(
        r[0],
        r[1],
        r[2],
        r[3],
        r[4],
        r[5],
        r[6],
        r[7],
        bool(r[8]),
        bool(r[9]),
        r[10],
        _d(r[11]),
        _d(r[12]),
        _d(r[13]),
        _d(r[14]),
        r[15],
    )


def job_rows() -> list[JobRow]:
    """Every job, newest first."""
    cur = db.execute_sql(_SELECT + " ORDER BY j.created_on DESC, j.id DESC")
    return [_row(r) for r in cur]


def job_row(job_id: int) -> JobRow | None:
    r = db.execute_sql(_SELECT + " WHERE j.id = ?", (job_id,)).fetchone()
    return _row(r) if r else None


@dataclass(frozen=True)
class ContactChoice:
    id: int
    name: str
    company: str

    @property
    def label(self) -> str:
        return f"{self.name} — {self.company}" if self.company else self.name


def contact_choices() -> list[ContactChoice]:
    """Active contacts for a referrer picker: name and company, sorted by name."""
    cur = db.execute_sql(
        """SELECT ct.id, TRIM(ct.first_name || ' ' || ct.last_name), COALESCE(co.name, '')
           FROM contact ct LEFT JOIN company co ON co.id = ct.company_id
           WHERE ct.archived = 0
           ORDER BY ct.first_name COLLATE NOCASE, ct.last_name COLLATE NOCASE"""
    )
    return [ContactChoice(*r) for r in cur]


@dataclass(frozen=True)
class CompanyRecord:
    id: int
    name: str
    industry: str
    website: str
    is_target: bool
    priority: int
    notes: str


def company_record(company_id: int) -> CompanyRecord | None:
    """One company's editable fields, for the company dialog."""
    r = db.execute_sql(
        "SELECT id, name, industry, website, is_target, priority, notes FROM company WHERE id = ?",
        (company_id,),
    ).fetchone()
    return CompanyRecord(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6]) if r else None

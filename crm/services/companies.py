"""Companies: one row per name (case-insensitive), target flag and priority."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crm.errors import NotFoundError, ValidationError
from crm.normalize import clean, company_key, search_text
from crm.store.models import Company, Contact, Job, db


def get_or_create_company(name: str, **fields: Any) -> Company | None:
    """The company whose normalised name matches, created when new; None for an empty name."""
    name = clean(name)
    if not name:
        return None
    key = company_key(name) or name.casefold()
    company = Company.get_or_none(Company.name_key == key)
    if company is None:
        company = Company.create(name=name, name_key=key, **fields)
    return company


def create_company(name: str, **fields: Any) -> Company:
    name = clean(name)
    if not name:
        raise ValidationError("Name", "a company needs a name")
    if Company.get_or_none(Company.name_key == company_key(name)):
        raise ValidationError("Name", f"a company called {name!r} already exists")
    return get_or_create_company(name, **fields)


def update_company(company_id: int, **fields: Any) -> Company:
    company = Company.get_or_none(Company.id == company_id)
    if company is None:
        raise NotFoundError(f"company {company_id} does not exist")
    with db.atomic():
        if "name" in fields:
            name = clean(fields.pop("name"))
            if not name:
                raise ValidationError("Name", "a company needs a name")
            key = company_key(name)
            other = Company.get_or_none((Company.name_key == key) & (Company.id != company_id))
            if other:
                raise ValidationError("Name", f"a company called {name!r} already exists")
            company.name, company.name_key = name, key
        for k, v in fields.items():
            setattr(company, k, v)
        company.save()
        _refresh_search_text(company)
    return company


def _refresh_search_text(company: Company) -> None:
    for c in Contact.select().where(Contact.company == company):
        c.search_text = search_text(
            c.first_name, c.last_name, company.name, c.position, c.email, c.tags
        )
        c.save(only=[Contact.search_text])


# A target company's priority: 1 is the highest; 0 (not stored here) means none given.
PRIORITY_NAMES = {1: "High", 2: "Medium", 3: "Low"}


def set_target(company_id: int, is_target: bool, priority: int | None = None) -> None:
    fields = {"is_target": bool(is_target)}
    if priority is not None:
        fields["priority"] = int(priority)
    Company.update(**fields).where(Company.id == company_id).execute()


def delete_company(company_id: int) -> None:
    Company.delete().where(Company.id == company_id).execute()


def find_company(name: str) -> Company:
    """By exact normalised name, else by a unique substring; a clear error otherwise."""
    key = company_key(name)
    company = Company.get_or_none(Company.name_key == key)
    if company:
        return company
    matches = list(Company.select().where(Company.name_key.contains(key)).limit(5))
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"no company called {name!r}")
    names = ", ".join(m.name for m in matches)
    raise NotFoundError(f"{name!r} matches several companies: {names}")


@dataclass(frozen=True)
class CompanyRow:
    id: int
    name: str
    is_target: bool
    priority: int
    people: int
    vouchers: int
    open_jobs: int
    industry: str


OPEN_JOB_STATUSES = ("interested", "applied", "referred", "interviewing", "offer")


def company_rows() -> list[CompanyRow]:
    """Companies with their people, vouchers (closeness 3) and open jobs, targets first."""
    placeholders = ",".join("?" * len(OPEN_JOB_STATUSES))
    sql = f"""
        SELECT c.id, c.name, c.is_target, c.priority,
               COALESCE(p.people, 0), COALESCE(p.vouchers, 0), COALESCE(j.open_jobs, 0), c.industry
        FROM company c
        LEFT JOIN (SELECT company_id, COUNT(*) AS people,
                          SUM(closeness >= 3) AS vouchers
                   FROM contact WHERE archived = 0 GROUP BY company_id) p ON p.company_id = c.id
        LEFT JOIN (SELECT company_id, COUNT(*) AS open_jobs FROM job
                   WHERE status IN ({placeholders}) GROUP BY company_id) j ON j.company_id = c.id
        ORDER BY c.is_target DESC, c.name COLLATE NOCASE
    """
    cur = db.execute_sql(sql, OPEN_JOB_STATUSES)
    return [CompanyRow(r[0], r[1], bool(r[2]), r[3], r[4], r[5], r[6], r[7]) for r in cur]


def company_names() -> list[str]:
    """Every company name, for completion in the contact and job dialogs."""
    return [r[0] for r in db.execute_sql("SELECT name FROM company ORDER BY name COLLATE NOCASE")]


def target_companies() -> list[Company]:
    return list(Company.select().where(Company.is_target).order_by(Company.priority, Company.name))


def jobs_at(company_id: int) -> list[Job]:
    return list(Job.select().where(Job.company == company_id).order_by(Job.created_on.desc()))

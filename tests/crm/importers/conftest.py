"""Helpers for the importer tests: a snapshot of every table to prove nothing was written."""

from __future__ import annotations

import pytest


def table_counts() -> dict[str, int]:
    from crm.store.models import db

    tables = (
        "contact",
        "company",
        "interaction",
        "import_batch",
        "import_change",
        "job",
        "setting",
    )
    return {t: db.execute_sql(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def dump_contacts() -> list[tuple]:
    from crm.store.models import db

    return db.execute_sql(
        "SELECT c.first_name, c.last_name, c.email, c.linkedin_url, co.name, c.position, "
        "c.connected_on, c.phone, c.closeness, c.stage, c.tags, c.notes, c.next_follow_up, "
        "c.name_key, c.email_key, c.url_key, c.search_text FROM contact c "
        "LEFT JOIN company co ON co.id = c.company_id ORDER BY c.last_name, c.first_name, c.url_key"
    ).fetchall()


@pytest.fixture
def snapshot():
    return lambda: (table_counts(), dump_contacts())

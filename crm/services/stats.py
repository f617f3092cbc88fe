"""Counts for the status bar and `vouch-cli stats`."""

from __future__ import annotations

from crm.store.models import db

TABLES = ("contacts", "companies", "referrals", "interactions", "jobs")


def counts() -> dict[str, int]:
    row = db.execute_sql(
        """SELECT (SELECT COUNT(*) FROM contact), (SELECT COUNT(*) FROM company),
                  (SELECT COUNT(*) FROM referral), (SELECT COUNT(*) FROM interaction),
                  (SELECT COUNT(*) FROM job)"""
    ).fetchone()
    return dict(zip(TABLES, row, strict=True))

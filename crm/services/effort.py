"""Effort log: hours by category (networking / applying / visibility) and day."""

from __future__ import annotations

import datetime as dt

from crm.errors import ValidationError
from crm.store.models import Effort

CATEGORIES = ("networking", "applying", "visibility")


def log_effort(on: dt.date, category: str, hours: float, note: str = "") -> Effort:
    if category not in CATEGORIES:
        raise ValidationError("Category", f"must be one of {', '.join(CATEGORIES)}")
    if not 0 < hours <= 24:
        raise ValidationError("Hours", "must be more than 0 and at most 24")
    return Effort.create(date=on, category=category, hours=float(hours), note=note)


def hours_between(start: dt.date, end: dt.date) -> dict[str, float]:
    """Hours per category from start to end inclusive."""
    out = dict.fromkeys(CATEGORIES, 0.0)
    q = Effort.select().where((Effort.date >= start) & (Effort.date <= end))
    for e in q:
        out[e.category] = out.get(e.category, 0.0) + e.hours
    return out

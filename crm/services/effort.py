"""Effort log: hours by category (networking / applying / visibility) and day."""

from __future__ import annotations

import datetime as dt

from crm.errors import ValidationError
from crm.store.models import Effort, db

CATEGORIES = ("networking", "applying", "visibility")


def log_effort(on: dt.date, category: str, hours: float, note: str = "") -> Effort:
    if category not in CATEGORIES:
        raise ValidationError("Category", f"must be one of {', '.join(CATEGORIES)}")
    if not 0 < hours <= 24:
        raise ValidationError("Hours", "must be more than 0 and at most 24")
    return Effort.create(date=on, category=category, hours=float(hours), note=note)


def log_day(on: dt.date, hours: dict[str, float], note: str = "") -> list[Effort]:
    """A day's hours, every category at once: all saved or none."""
    entries = [(cat, h) for cat, h in hours.items() if h > 0]
    if not entries:
        raise ValidationError("Hours", "enter the hours of at least one category")
    if sum(h for _, h in entries) > 24:
        raise ValidationError("Hours", "a day has at most 24 hours")
    with db.atomic():
        return [log_effort(on, cat, h, note) for cat, h in entries]


def hours_between(start: dt.date, end: dt.date) -> dict[str, float]:
    """Hours per category from start to end inclusive."""
    out = dict.fromkeys(CATEGORIES, 0.0)
    q = Effort.select().where((Effort.date >= start) & (Effort.date <= end))
    for e in q:
        out[e.category] = out.get(e.category, 0.0) + e.hours
    return out

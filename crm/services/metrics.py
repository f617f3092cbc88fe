"""Weekly metrics of the campaign against the method's goals.

"Job-hunting network" = contacts engaged in this search since the campaign start: an
interaction with them, or an introduction to them. A contact is new in the week of their
first such engagement.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from crm.services import settings
from crm.services.effort import CATEGORIES
from crm.services.jobs import CHANNELS, INTERVIEWED
from crm.store.models import db


def _d(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def rate(value: float | None, low: float) -> str:
    """on / near / off track against the low end of a goal."""
    if value is None:
        return "off"
    if value >= low:
        return "on"
    if value >= 0.6 * low:
        return "near"
    return "off"


@dataclass
class WeekMetrics:
    index: int  # campaign week, 1-based
    iso_week: str  # 2026-W48
    start: dt.date
    end: dt.date
    meetings: int = 0
    new_contacts: int = 0
    names: int = 0
    introductions: int = 0
    hours: dict[str, float] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0.0))
    network_size: int = 0  # cumulative at the end of the week

    @property
    def names_per_meeting(self) -> float | None:
        return self.names / self.meetings if self.meetings else None

    @property
    def total_hours(self) -> float:
        return sum(self.hours.values())

    @property
    def split(self) -> dict[str, float]:
        total = self.total_hours
        return {k: (100.0 * v / total if total else 0.0) for k, v in self.hours.items()}

    def to_dict(self) -> dict:
        return {
            "week": self.index,
            "iso_week": self.iso_week,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "meetings": self.meetings,
            "new_contacts": self.new_contacts,
            "names": self.names,
            "names_per_meeting": self.names_per_meeting,
            "introductions": self.introductions,
            "hours": self.hours,
            "total_hours": self.total_hours,
            "split": self.split,
            "network_size": self.network_size,
        }


@dataclass
class ChannelRate:
    channel: str
    jobs: int
    interviews: int

    @property
    def rate(self) -> float | None:
        return self.interviews / self.jobs if self.jobs else None


@dataclass
class Campaign:
    start: dt.date
    today: dt.date
    goals: settings.Goals
    weeks: list[WeekMetrics]
    network_size: int
    network_dates: list[tuple[dt.date, int]]  # (day, size) at each change
    forecast: dt.date | None
    funnel: dict[str, int]
    channels: dict[str, ChannelRate]

    @property
    def day(self) -> int:
        return (self.today - self.start).days + 1

    @property
    def this_week(self) -> WeekMetrics:
        return self.weeks[-1]

    @property
    def pace_per_day(self) -> float:
        return self.network_size / max(self.day, 1)

    @property
    def referral_ratio(self) -> float | None:
        """Interview rate when referred divided by the rate when applying directly."""
        ref, direct = self.channels["referral"].rate, self.channels["direct"].rate
        if ref is None or not direct:
            return None
        return ref / direct

    def status(self) -> dict[str, str]:
        g, w = self.goals, self.this_week
        split = w.split
        deviation = (
            max(
                abs(split["networking"] - g.split_networking),
                abs(split["applying"] - g.split_applying),
                abs(split["visibility"] - g.split_visibility),
            )
            if w.total_hours
            else 100
        )
        expected = min(1.0, self.day / g.network_days) * g.network_low
        return {
            "meetings": rate(w.meetings, g.meetings_low),
            "new_contacts": rate(w.new_contacts, g.new_contacts_low),
            "names_per_meeting": rate(w.names_per_meeting, g.names_per_meeting_low),
            "hours": rate(w.total_hours, g.hours_low),
            "split": "on" if deviation <= 10 else "near" if deviation <= 20 else "off",
            "network": rate(self.network_size, expected) if expected else "on",
        }

    def to_dict(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "today": self.today.isoformat(),
            "day": self.day,
            "network_size": self.network_size,
            "network_target": [self.goals.network_low, self.goals.network_high],
            "forecast": self.forecast.isoformat() if self.forecast else None,
            "status": self.status(),
            "this_week": self.this_week.to_dict(),
            "weeks": [w.to_dict() for w in self.weeks],
            "funnel": self.funnel,
            "channels": {
                c: {"jobs": r.jobs, "interviews": r.interviews, "rate": r.rate}
                for c, r in self.channels.items()
            },
            "referral_ratio": self.referral_ratio,
        }


def campaign(today: dt.date | None = None) -> Campaign:
    today = today or dt.date.today()
    start = settings.campaign_start()
    g = settings.goals()
    first_week = week_start(start)
    n_weeks = max(1, (week_start(today) - first_week).days // 7 + 1)
    weeks = []
    for i in range(n_weeks):
        ws = first_week + dt.timedelta(weeks=i)
        iso = ws.isocalendar()
        weeks.append(WeekMetrics(i + 1, f"{iso[0]}-W{iso[1]:02d}", ws, ws + dt.timedelta(days=6)))

    def week_of(day: dt.date) -> WeekMetrics | None:
        i = (week_start(day) - first_week).days // 7
        return weeks[i] if 0 <= i < n_weeks and day <= today else None

    s, t = start.isoformat(), today.isoformat()
    # Engagement: first interaction or introduction since the campaign start.
    first_engaged: dict[int, dt.date] = {}
    for cid, day in db.execute_sql(
        """SELECT cid, MIN(day) FROM (
               SELECT contact_id AS cid, date AS day FROM interaction WHERE date >= ? AND date <= ?
               UNION ALL
               SELECT to_contact_id, introduced_on FROM referral
               WHERE introduced_on >= ? AND introduced_on <= ?)
           GROUP BY cid""",
        (s, t, s, t),
    ):
        first_engaged[cid] = _d(day)
    for day in first_engaged.values():
        w = week_of(day)
        if w:
            w.new_contacts += 1
    for (day,) in db.execute_sql(
        "SELECT date FROM interaction WHERE kind = 'meeting' AND date >= ? AND date <= ?", (s, t)
    ):
        w = week_of(_d(day))
        if w:
            w.meetings += 1
    for (day,) in db.execute_sql(
        """SELECT COALESCE(i.date, r.created_on) FROM referral r
           LEFT JOIN interaction i ON i.id = r.meeting_id WHERE r.status != 'potential'"""
    ):
        day = _d(day)
        w = week_of(day) if day >= start else None
        if w:
            w.names += 1
    for (day,) in db.execute_sql(
        "SELECT introduced_on FROM referral WHERE introduced_on >= ? AND introduced_on <= ?", (s, t)
    ):
        w = week_of(_d(day))
        if w:
            w.introductions += 1
    for day, cat, hours in db.execute_sql(
        "SELECT date, category, SUM(hours) FROM effort WHERE date >= ? AND date <= ? GROUP BY 1, 2",
        (s, t),
    ):
        w = week_of(_d(day))
        if w:
            w.hours[cat] = w.hours.get(cat, 0.0) + hours
    total = 0
    for w in weeks:
        total += w.new_contacts
        w.network_size = total
    size = len(first_engaged)

    timeline: list[tuple[dt.date, int]] = []
    for running, day in enumerate(sorted(first_engaged.values()), start=1):
        if timeline and timeline[-1][0] == day:
            timeline[-1] = (day, running)
        else:
            timeline.append((day, running))

    forecast = None
    if size >= g.network_low:
        forecast = next(d for d, n in timeline if n >= g.network_low)
    elif size:
        pace = size / max((today - start).days + 1, 1)
        forecast = today + dt.timedelta(days=math.ceil((g.network_low - size) / pace))

    channels = {c: ChannelRate(c, 0, 0) for c in CHANNELS}
    offers = interviews = 0
    for channel, status, interview_on in db.execute_sql(
        "SELECT channel, status, interview_on FROM job WHERE status != 'interested'"
    ):
        interviewed = status in INTERVIEWED or interview_on is not None
        rate_row = channels.setdefault(channel, ChannelRate(channel, 0, 0))
        rate_row.jobs += 1
        rate_row.interviews += int(interviewed)
        interviews += int(interviewed)
        offers += int(status == "offer")
    meetings_total = sum(w.meetings for w in weeks)
    intros_total = db.execute_sql(
        "SELECT COUNT(*) FROM referral WHERE introduced_on >= ? AND introduced_on <= ?", (s, t)
    ).fetchone()[0]
    funnel = {
        "network": size,
        "meetings": meetings_total,
        "introductions": intros_total,
        "interviews": interviews,
        "offers": offers,
    }
    return Campaign(start, today, g, weeks, size, timeline, forecast, funnel, channels)

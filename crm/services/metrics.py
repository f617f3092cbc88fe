"""Weekly metrics of the campaign against the method's goals.

Definitions (all counted from the campaign start to `today`, both inclusive; weeks run
Monday to Sunday and week 1 is the week holding the campaign start):

- **Job-hunting network**: the contacts engaged in this search, i.e. with at least one
  interaction of any kind (met, talked to, emailed, thanked) dated since the campaign start,
  or introduced to me since then (a referral edge with an `introduced_on` date). An imported
  LinkedIn connection I never contacted does not count.
- **New contacts** of a week: network members whose *first* engagement falls in that week;
  the network size at the end of a week is the running total.
- **Meetings**: interactions of kind "meeting" (each meeting counts, not each person).
- **Names**: referral edges that left the status "potential" (someone gave me the name),
  dated by the meeting where the name was obtained, else by the edge's creation day.
  **Names per meeting** = names ÷ meetings of the same week (None without meetings).
- **Introductions**: edges with an `introduced_on` date in the period.
- **Hours and split**: the effort log per category; the split is each category's share
  of the week's hours, in percent.
- **Forecast**: the day the network reaches the low target. If already reached, the day it
  was reached; else today + the days still needed at the average pace since the start
  (network ÷ campaign days). None while the network is empty.
- **Funnel**: network → meetings → introductions → interviews → offers, over the same period
  (interviews and offers count jobs, whatever their dates).
- **Channel rates**: per job channel, applications = jobs applied to (an `applied_on` date, or
  a status past "interested" other than rejected/withdrawn-before-applying); interviews = those
  that reached an interview (status interviewing/offer or an `interview_on` date). The
  referral ratio = referral interview rate ÷ direct interview rate.
- **Status** (on / near / off track): the current week is judged against the low end of each
  goal pro-rated to the part of the week elapsed (a full week needs the full goal); "near"
  means at least 60 % of it. Names per meeting is a ratio and is not pro-rated. The split is
  on track within 10 points of every target share, near within 20. The network is judged
  against the low target pro-rated over the campaign days allowed (`Goals.network_days`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from crm.services import settings
from crm.services.effort import CATEGORIES
from crm.services.jobs import CHANNELS, INTERVIEWED
from crm.store.models import db


def _d(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


STATUS_LABELS = {"on": "On track", "near": "Almost", "off": "Behind"}
NEAR = 0.6  # share of a goal that still counts as "near"


def rate(value: float | None, low: float) -> str:
    """on / near / off track against the low end of a goal."""
    if value is None:
        return "off"
    if value >= low:
        return "on"
    if value >= NEAR * low:
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

    def split_percent(self) -> dict[str, int]:
        """The split in whole percents that add up to 100 (largest remainders): rounding each
        share alone showed 6 h / 1.5 h / 1.5 h as 67/17/17, which adds up to 101."""
        split = self.split
        if not self.total_hours:
            return dict.fromkeys(split, 0)
        whole = {k: math.floor(v) for k, v in split.items()}
        by_remainder = sorted(split, key=lambda k: split[k] - whole[k], reverse=True)
        for k in by_remainder[: 100 - sum(whole.values())]:
            whole[k] += 1
        return whole

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
    def week_fraction(self) -> float:
        """Part of the current week elapsed (from its Monday or the campaign start), 0-1."""
        first = max(self.this_week.start, self.start)
        return min(7, max(1, (self.today - first).days + 1)) / 7

    @property
    def expected_network(self) -> float:
        """Where the network should be today to reach the low target on time."""
        return min(1.0, max(self.day, 0) / self.goals.network_days) * self.goals.network_low

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
        expected = self.expected_network
        part = self.week_fraction
        return {
            "meetings": rate(w.meetings, g.meetings_low * part),
            "new_contacts": rate(w.new_contacts, g.new_contacts_low * part),
            "names_per_meeting": rate(w.names_per_meeting, g.names_per_meeting_low),
            "hours": rate(w.total_hours, g.hours_low * part),
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

    def weeks_hit(sql: str, params: tuple[str, ...] = ()) -> Iterator[WeekMetrics]:
        """The campaign week of each row's day (its one column), for days since the start."""
        for (day,) in db.execute_sql(sql, params):
            day = _d(day)
            w = week_of(day) if day >= start else None
            if w:
                yield w

    for w in weeks_hit(
        "SELECT date FROM interaction WHERE kind = 'meeting' AND date >= ? AND date <= ?", (s, t)
    ):
        w.meetings += 1
    for w in weeks_hit(
        """SELECT COALESCE(i.date, r.created_on) FROM referral r
           LEFT JOIN interaction i ON i.id = r.meeting_id WHERE r.status != 'potential'"""
    ):
        w.names += 1
    for w in weeks_hit(
        "SELECT introduced_on FROM referral WHERE introduced_on >= ? AND introduced_on <= ?", (s, t)
    ):
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
        """SELECT channel, status, interview_on FROM job
           WHERE applied_on IS NOT NULL OR interview_on IS NOT NULL
              OR status IN ('applied', 'referred', 'interviewing', 'offer')"""
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

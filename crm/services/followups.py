"""Keep-warm follow-ups: thank-yous due, cadences lapsed, explicit dates, losing touch.

Every rule measures from the last interaction, so logging any interaction resets the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crm.services import settings
from crm.store.models import Contact, db

KIND_LABELS = {
    "thank_you": "Thank-you due",
    "keep_warm": "Keep warm",
    "follow_up": "Follow-up date",
    "losing_touch": "Losing touch",
}


@dataclass(frozen=True)
class FollowUp:
    kind: str  # thank_you / keep_warm / follow_up / losing_touch
    contact_id: int
    name: str
    company: str
    email: str
    reason: str
    since: dt.date  # the event that started the clock
    due: dt.date
    introduced: tuple[str, ...] = ()  # names they introduced me to (thank-yous)
    advice: str = ""  # from the meeting notes / resume feedback

    def overdue(self, today: dt.date) -> bool:
        return self.due < today

    def to_dict(self, today: dt.date) -> dict:
        return {
            "kind": self.kind,
            "contact_id": self.contact_id,
            "name": self.name,
            "company": self.company,
            "reason": self.reason,
            "since": self.since.isoformat(),
            "due": self.due.isoformat(),
            "overdue": self.overdue(today),
        }


def _d(value) -> dt.date | None:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def follow_ups(today: dt.date | None = None, *, include_snoozed: bool = False) -> list[FollowUp]:
    """Everything due today or earlier, most overdue first."""
    today = today or dt.date.today()
    g = settings.goals()
    people = {
        r[0]: r
        for r in db.execute_sql(
            """SELECT ct.id, ct.first_name || ' ' || ct.last_name, COALESCE(co.name, ''), ct.email,
                      ct.closeness, ct.stage, ct.next_follow_up, ct.snoozed_until, ct.cadence_days,
                      ct.created_at
               FROM contact ct LEFT JOIN company co ON co.id = ct.company_id
               WHERE ct.archived = 0"""
        )
    }
    last_any = {
        cid: _d(d)
        for cid, d in db.execute_sql("SELECT contact_id, MAX(date) FROM interaction GROUP BY 1")
    }
    last_thanks = {
        cid: _d(d)
        for cid, d in db.execute_sql(
            "SELECT contact_id, MAX(date) FROM interaction WHERE kind = 'thank_you' GROUP BY 1"
        )
    }
    items: list[FollowUp] = []

    def make(kind, cid, reason, since, due, introduced=(), advice="") -> None:
        p = people[cid]
        items.append(
            FollowUp(
                kind, cid, p[1].strip(), p[2], p[3], reason, since, due, tuple(introduced), advice
            )
        )

    # Thank-yous: each introduction and each meeting, unless thanked on or after it.
    start = settings.campaign_start()
    owed: dict[int, dict] = {}
    for voucher, intro_on, first, last in db.execute_sql(
        """SELECT r.from_contact_id, r.introduced_on, t.first_name, t.last_name
           FROM referral r JOIN contact t ON t.id = r.to_contact_id
           WHERE r.introduced_on >= ? AND r.status IN ('introduced', 'met')""",
        (start.isoformat(),),
    ):
        day = _d(intro_on)
        if voucher in people and not (last_thanks.get(voucher) and last_thanks[voucher] >= day):
            o = owed.setdefault(voucher, {"since": day, "names": [], "meeting": None, "advice": ""})
            o["since"] = min(o["since"], day)
            o["names"].append(f"{first} {last}".strip())
    for cid, day, notes, feedback in db.execute_sql(
        """SELECT contact_id, date, notes, resume_feedback FROM interaction
           WHERE kind = 'meeting' AND date >= ? ORDER BY date""",
        (start.isoformat(),),
    ):
        day = _d(day)
        if cid in people and not (last_thanks.get(cid) and last_thanks[cid] >= day):
            o = owed.setdefault(cid, {"since": day, "names": [], "meeting": None, "advice": ""})
            o["since"] = min(o["since"], day)
            o["meeting"] = day
            o["advice"] = feedback or notes or o["advice"]
    for cid, o in owed.items():
        parts = []
        if o["meeting"]:
            parts.append(f"met on {o['meeting'].isoformat()}")
        if o["names"]:
            parts.append("introduced you to " + ", ".join(o["names"]))
        reason = "Thank them: " + "; ".join(parts)
        make(
            "thank_you",
            cid,
            reason,
            o["since"],
            o["since"] + dt.timedelta(days=g.thank_you_days),
            o["names"],
            o["advice"],
        )

    listed = set(owed)
    # Keep-warm: people who helped, silent longer than their cadence.
    helpers = {
        r[0]
        for r in db.execute_sql(
            "SELECT from_contact_id FROM referral WHERE status != 'potential' "
            "UNION SELECT id FROM contact WHERE closeness >= 3 OR stage = 'advocate'"
        )
    }
    for cid in helpers:
        if cid not in people or cid in listed:
            continue
        p = people[cid]
        cadence = p[8] or g.keep_warm_days
        last = last_any.get(cid) or _d(p[9])
        due = last + dt.timedelta(days=cadence)
        if due <= today:
            heard = last_any.get(cid)
            reason = (
                f"Helped you; last contact {heard.isoformat()} ({(today - heard).days} days ago)"
                if heard
                else "Helped you; no contact logged yet"
            )
            make("keep_warm", cid, reason, last, due)
            listed.add(cid)
    # Explicit follow-up dates.
    for cid, p in people.items():
        when = _d(p[6])
        if when and when <= today:
            make("follow_up", cid, f"Follow-up planned for {when.isoformat()}", when, when)
    # Losing touch: engaged people silent for 30+ days.
    for cid, p in people.items():
        if cid in listed or p[5] not in ("met", "advocate"):
            continue
        last = last_any.get(cid)
        if last and (today - last).days >= g.losing_touch_days:
            make(
                "losing_touch",
                cid,
                f"Silent for {(today - last).days} days",
                last,
                last + dt.timedelta(days=g.losing_touch_days),
            )

    if not include_snoozed:
        items = [
            i
            for i in items
            if not (_d(people[i.contact_id][7]) and _d(people[i.contact_id][7]) > today)
        ]
    order = {"thank_you": 0, "follow_up": 1, "keep_warm": 2, "losing_touch": 3}
    items.sort(key=lambda i: (i.due, order[i.kind], i.name.casefold()))
    return items


def snooze(contact_id: int, until: dt.date) -> None:
    """Hide the contact's follow-ups until `until`; logging an interaction cancels the snooze."""
    Contact.update(snoozed_until=until).where(Contact.id == contact_id).execute()


def set_follow_up(contact_id: int, when: dt.date | None) -> None:
    Contact.update(next_follow_up=when).where(Contact.id == contact_id).execute()

"""Keep-warm follow-ups: thank-yous due, cadences lapsed, explicit dates, losing touch.

The rules, one item per person (the first rule that applies wins):

1. **Thank-you** — after an introduction someone made for me, or a meeting with them (since the
   campaign start), due `Goals.thank_you_days` later. It shows at once (so it can be sent
   early) and lists every introduction and meeting not yet acknowledged. An event counts as
   acknowledged by a thank-you logged the same day or later, or by any call, email, message or
   other interaction on a later day.
2. **Follow-up date** — the contact's explicit `next_follow_up`, once it is today or past.
3. **Keep warm** — people who helped (named or introduced someone, closeness 3, or stage
   advocate) and have been silent longer than their cadence (`Contact.cadence_days`, else
   `Goals.keep_warm_days`), counted from the last interaction (or from when they were added).
4. **Losing touch** — people I met (stage met or advocate) silent `Goals.losing_touch_days`
   (30) days or more.

Every rule measures from the last interaction, so logging any interaction resets the clock;
`log_interaction` also spends an explicit follow-up date and any snooze. A snoozed person's
items are hidden until the snooze date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crm.services import settings
from crm.store.models import KEPT_WARM, Contact, db

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
    first_name: str = ""
    names: tuple[str, ...] = ()  # names they gave me in the meeting (thank-yous)
    met_on: dt.date | None = None  # the meeting being thanked for

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

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
            "introduced": list(self.introduced),
            "names": list(self.names),
        }


def _fmt(day: dt.date) -> str:
    """A day as people write it: "Mon 23 Nov"."""
    return f"{day:%a} {day.day} {day:%b}"


def _d(value) -> dt.date | None:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def follow_ups(today: dt.date | None = None, *, include_snoozed: bool = False) -> list[FollowUp]:
    """Everything due today or earlier, most overdue first."""
    today = today or dt.date.today()
    g = settings.goals()
    start = settings.campaign_start().isoformat()
    # Only people some rule can apply to: never the whole imported connection list.
    # The first part reads the partial index contact_kept_warm (its WHERE repeated word for
    # word): a few rows, not a scan of every contact.
    people = {
        r[0]: r
        for r in db.execute_sql(
            f"""WITH ids(id) AS (
                   SELECT id FROM contact WHERE {KEPT_WARM}
                   UNION SELECT from_contact_id FROM referral WHERE status != 'potential'
                   UNION SELECT contact_id FROM interaction
                         WHERE kind = 'meeting' AND date >= ?)
               SELECT ct.id, ct.first_name || ' ' || ct.last_name, COALESCE(co.name, ''), ct.email,
                      ct.closeness, ct.stage, ct.next_follow_up, ct.snoozed_until, ct.cadence_days,
                      ct.created_at, ct.first_name
               FROM ids JOIN contact ct ON ct.id = ids.id
               LEFT JOIN company co ON co.id = ct.company_id
               WHERE ct.archived = 0
               ORDER BY ct.id""",
            (start,),
        )
    }
    # One pass over the interactions: last of any kind, last thank-you, last other word.
    last_any: dict[int, dt.date] = {}
    last_thanks: dict[int, dt.date] = {}
    last_word: dict[int, dt.date] = {}
    for cid, any_day, thanks_day, word_day in db.execute_sql(
        """SELECT contact_id, MAX(date),
                  MAX(CASE WHEN kind = 'thank_you' THEN date END),
                  MAX(CASE WHEN kind IN ('call', 'email', 'message', 'other') THEN date END)
           FROM interaction GROUP BY contact_id"""
    ):
        if cid in people:
            last_any[cid] = _d(any_day)
            if thanks_day:
                last_thanks[cid] = _d(thanks_day)
            if word_day:
                last_word[cid] = _d(word_day)
    items: list[FollowUp] = []
    listed: set[int] = set()

    def make(kind, cid, reason, since, due, **extra) -> None:
        p = people[cid]
        items.append(
            FollowUp(
                kind, cid, p[1].strip(), p[2], p[3], reason, since, due, first_name=p[10], **extra
            )
        )
        listed.add(cid)

    def acknowledged(cid: int, day: dt.date) -> bool:
        thanks, word = last_thanks.get(cid), last_word.get(cid)
        return bool((thanks and thanks >= day) or (word and word > day))

    # 1. Thank-yous: introductions they made and meetings with them, not yet acknowledged.
    owed: dict[int, dict] = {}

    def owe(cid: int, day: dt.date) -> dict:
        o = owed.setdefault(
            cid, {"since": day, "intros": [], "names": [], "meeting": None, "advice": ""}
        )
        o["since"] = min(o["since"], day)
        return o

    for voucher, intro_on, first, last in db.execute_sql(
        """SELECT r.from_contact_id, r.introduced_on, t.first_name, t.last_name
           FROM referral r JOIN contact t ON t.id = r.to_contact_id
           WHERE r.introduced_on >= ? AND r.introduced_on <= ? AND r.status IN ('introduced', 'met')
           ORDER BY r.introduced_on, r.id""",
        (start, today.isoformat()),
    ):
        day = _d(intro_on)
        if voucher in people and not acknowledged(voucher, day):
            owe(voucher, day)["intros"].append(f"{first} {last}".strip())
    # The names given in those meetings, in one query rather than one per meeting.
    named: dict[int, list[str]] = {}
    for mid, f, ln in db.execute_sql(
        """SELECT r.meeting_id, t.first_name, t.last_name FROM referral r
           JOIN contact t ON t.id = r.to_contact_id
           JOIN interaction i ON i.id = r.meeting_id
           WHERE i.kind = 'meeting' AND i.date >= ? AND i.date <= ?
           ORDER BY r.id""",
        (start, today.isoformat()),
    ):
        named.setdefault(mid, []).append(f"{f} {ln}".strip())
    for mid, cid, day, notes, feedback in db.execute_sql(
        """SELECT id, contact_id, date, notes, resume_feedback FROM interaction
           WHERE kind = 'meeting' AND date >= ? AND date <= ? ORDER BY date, id""",
        (start, today.isoformat()),
    ):
        day = _d(day)
        if cid in people and not acknowledged(cid, day):
            o = owe(cid, day)
            o["meeting"] = day
            o["advice"] = (feedback or notes or o["advice"]).strip()
            o["names"] += named.get(mid, [])
    for cid, o in owed.items():
        parts = []
        if o["meeting"]:
            parts.append(f"met on {_fmt(o['meeting'])}")
            if o["names"]:
                parts.append(f"gave you {len(o['names'])} name{'s' * (len(o['names']) > 1)}")
        if o["intros"]:
            parts.append("introduced you to " + ", ".join(o["intros"]))
        make(
            "thank_you",
            cid,
            "Thank them: " + "; ".join(parts),
            o["since"],
            o["since"] + dt.timedelta(days=g.thank_you_days),
            introduced=tuple(o["intros"]),
            advice=o["advice"],
            names=tuple(o["names"]),
            met_on=o["meeting"],
        )

    # 2. Explicit follow-up dates.
    for cid, p in people.items():
        when = _d(p[6])
        if cid not in listed and when and when <= today:
            make("follow_up", cid, f"Follow-up planned for {_fmt(when)}", when, when)

    # 3. Keep warm: people who helped, silent longer than their cadence. Closeness and stage
    # come from `people` (every unarchived contact with closeness 3 or stage advocate is in
    # it): asking SQLite scanned all 30,000 contacts at each start (~18 ms).
    helpers = {
        r[0]
        for r in db.execute_sql("SELECT from_contact_id FROM referral WHERE status != 'potential'")
    }
    helpers.update(cid for cid, p in people.items() if (p[4] or 0) >= 3 or p[5] == "advocate")
    for cid in sorted(helpers):
        if cid not in people or cid in listed:
            continue
        p = people[cid]
        cadence = p[8] or g.keep_warm_days
        heard = last_any.get(cid)
        last = heard or _d(p[9])
        due = last + dt.timedelta(days=cadence)
        if due <= today:
            reason = (
                f"Helped you; last contact {_fmt(heard)} ({(today - heard).days} days ago)"
                if heard
                else "Helped you; no contact logged yet"
            )
            make("keep_warm", cid, reason, last, due)

    # 4. Losing touch: people I met, silent for 30+ days.
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
    """Plan (or clear, with None) an explicit follow-up date for the contact."""
    Contact.update(next_follow_up=when).where(Contact.id == contact_id).execute()

"""The day's next actions, in the method's words.

Each rule looks at the network and proposes the one step the method would take next: find
people who can vouch for you, meet them, ask for introductions along the warm paths to the
target companies, thank the people who helped, follow up on quiet applications, log the
hours. The Today view shows the list; clicking an action goes to its contact.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from crm.services import followups, network
from crm.store.models import KEPT_WARM, db

log = logging.getLogger(__name__)

VOUCHERS_WANTED = 3  # the method asks for 3-4 people who can vouch for you
APPLICATION_QUIET_DAYS = 7
TARGETS_CHECKED = 6  # warm-path searches per call: the top target companies only
PATHS_PER_TARGET = 40
DONE_STATUSES = ("introduced", "met")  # the introduction along this hop already happened

# Order of the kinds on the page: what is due first, then what builds the network.
KIND_ORDER = (
    "thank_you",
    "vouchers",
    "meet_voucher",
    "introduction",
    "meet",
    "talk",
    "application",
    "targets",
    "effort",
)


@dataclass(frozen=True)
class NextAction:
    text: str
    kind: str  # one of KIND_ORDER
    contact_id: int | None = None
    company_id: int | None = None
    detail: str = ""  # one more line: why this action, or what it is about


def _d(value) -> dt.date | None:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _name(first: str, last: str) -> str:
    return f"{first} {last}".strip()


def thank_you_actions(
    today: dt.date, items: list[followups.FollowUp] | None = None
) -> list[NextAction]:
    """Thank-you notes due; `items` are the day's follow-ups when the caller has them."""
    out = []
    for item in followups.follow_ups(today) if items is None else items:
        if item.kind != "thank_you":
            continue
        if item.introduced:
            text = f"Thank {item.name} for introducing you to {_join(item.introduced)}"
        elif getattr(item, "names", ()):
            n = len(item.names)
            given = "the name" if n == 1 else f"the {n} names"
            text = f"Thank {item.name} for meeting with you and for {given}"
        else:
            text = f"Thank {item.name} for meeting with you"
        late = (today - item.due).days
        when = "today" if late == 0 else f"{item.due:%a %d %b}"
        days = "1 day" if late == 1 else f"{late} days"
        detail = f"Due {when}" + (f", {days} late" if late > 0 else "")
        out.append(NextAction(text, "thank_you", item.contact_id, None, detail))
    return out


def _join(names: tuple[str, ...] | list[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def voucher_actions() -> list[NextAction]:
    """Too few vouchers: ask for 3-4; vouchers not yet met: meet them for feedback and names."""
    # KEPT_WARM (implied by closeness 3) lets SQLite read its partial index, not every contact
    rows = db.execute_sql(
        f"""SELECT ct.id, ct.first_name, ct.last_name,
                  EXISTS (SELECT 1 FROM interaction i
                          WHERE i.contact_id = ct.id AND i.kind = 'meeting') AS met
           FROM contact ct WHERE {KEPT_WARM} AND ct.closeness >= 3
           ORDER BY ct.last_name COLLATE NOCASE, ct.first_name COLLATE NOCASE"""
    ).fetchall()
    out = []
    met = sum(1 for r in rows if r[3])
    if len(rows) < VOUCHERS_WANTED or met < VOUCHERS_WANTED:
        detail = f"{len(rows)} marked as vouchers (closeness 3), {met} met so far"
        out.append(NextAction("Meet 3-4 people who can vouch for you", "vouchers", detail=detail))
    for cid, first, last, was_met in rows:
        if not was_met:
            out.append(
                NextAction(
                    f"Meet {_name(first, last)}: ask for feedback on your resume and 3-4 names",
                    "meet_voucher",
                    cid,
                    None,
                    "Marked as a voucher, no meeting logged yet",
                )
            )
    return out


def target_actions(limit: int = TARGETS_CHECKED) -> list[NextAction]:
    """One step along the best warm path to each target company, highest priority first."""
    targets = db.execute_sql(
        """SELECT id, name FROM company WHERE is_target = 1
           ORDER BY CASE priority WHEN 0 THEN 9 ELSE priority END, name COLLATE NOCASE"""
    ).fetchall()
    if not targets:
        return [
            NextAction(
                "Pick 3-4 target companies and work backwards",
                "targets",
                detail="Tick Target in Companies: Vouch then finds the warm paths in",
            )
        ]
    out = []
    for company_id, company in targets[:limit]:
        out.extend(_steps_towards(company_id, company))
    return out


def _steps_towards(company_id: int, company: str) -> list[NextAction]:
    """The best introduction to ask for, and a talk with someone inside when that is warm.

    A cold first-degree connection at the company (never contacted, not close) is only
    suggested when no introduction is possible.
    """
    intro: NextAction | None = None
    warm_talk: NextAction | None = None
    cold_talk: NextAction | None = None
    for path in network.paths_to_company(company_id, limit=PATHS_PER_TARGET):
        hops = path.hops
        # The first hop whose introduction has not happened yet; everyone before it I know.
        k = next((i for i in range(1, len(hops)) if hops[i].status not in DONE_STATUSES), len(hops))
        if k == len(hops):
            person = hops[-1].person
            warm = path.length > 1 or person.closeness >= 2 or person.last_contact is not None
            action = NextAction(
                f"Talk to {person.name} at {company} about working there",
                "talk",
                person.id,
                company_id,
                "Inside the company already: " + path.summary(),
            )
            if warm and warm_talk is None:
                warm_talk = action
            elif not warm and cold_talk is None:
                cold_talk = action
        elif intro is None and hops[k].status != "intro_requested":
            asker, target = hops[k - 1].person, hops[k].person
            where = f" at {target.company}" if target.company else ""
            intro = NextAction(
                f"Ask {asker.name} for an introduction to {target.name}{where}",
                "introduction",
                asker.id,
                company_id,
                f"Warm path to {company}: {path.summary()}",
            )
        if intro and warm_talk:
            break
    talk = warm_talk or (None if intro else cold_talk)
    return [a for a in (intro, talk) if a is not None]


def meet_actions() -> list[NextAction]:
    """Introductions made but no meeting yet: the next step is to meet that person."""
    rows = db.execute_sql(
        """SELECT t.id, t.first_name, t.last_name, f.first_name, f.last_name, co.name, co.id
           FROM referral r
           JOIN contact t ON t.id = r.to_contact_id
           JOIN contact f ON f.id = r.from_contact_id
           LEFT JOIN company co ON co.id = t.company_id
           WHERE r.status = 'introduced' AND t.archived = 0
           ORDER BY r.introduced_on, r.id"""
    ).fetchall()
    out = []
    for cid, first, last, vfirst, vlast, company, company_id in rows:
        where = f" at {company}" if company else ""
        out.append(
            NextAction(
                f"Meet {_name(first, last)}{where}, introduced by {_name(vfirst, vlast)}",
                "meet",
                cid,
                company_id,
                "Ask for their view of the team and whether they would pass your name on",
            )
        )
    return out


def application_actions(today: dt.date) -> list[NextAction]:
    """Applications with no news for more than a week."""
    cutoff = today - dt.timedelta(days=APPLICATION_QUIET_DAYS)
    rows = db.execute_sql(
        """SELECT j.title, j.applied_on, j.referrer_id, co.name, co.id FROM job j
           LEFT JOIN company co ON co.id = j.company_id
           WHERE j.status IN ('applied', 'referred') AND j.applied_on IS NOT NULL
             AND j.applied_on < ? AND j.interview_on IS NULL
           ORDER BY j.applied_on""",
        (cutoff.isoformat(),),
    ).fetchall()
    out = []
    for title, applied_on, referrer, company, company_id in rows:
        applied = _d(applied_on)
        where = company or title
        out.append(
            NextAction(
                f"Follow up on your application to {where}",
                "application",
                referrer,
                company_id,
                f"{title}: applied {applied:%a %d %b}, {(today - applied).days} days without news",
            )
        )
    return out


def effort_actions(today: dt.date) -> list[NextAction]:
    monday = today - dt.timedelta(days=today.weekday())
    (hours,) = db.execute_sql(
        "SELECT COALESCE(SUM(hours), 0) FROM effort WHERE date >= ? AND date <= ?",
        (monday.isoformat(), today.isoformat()),
    ).fetchone()
    if hours:
        return []
    return [
        NextAction(
            "Log this week's hours",
            "effort",
            detail="Hours spent networking, applying and being found",
        )
    ]


def next_actions(
    today: dt.date | None = None,
    limit: int = 8,
    follow_ups: list[followups.FollowUp] | None = None,
) -> list[NextAction]:
    """The day's steps in the method's order, at most `limit`, each contact at most once.

    `follow_ups`: the day's follow-ups, when the caller has queried them already.
    """
    today = today or dt.date.today()
    actions = (
        thank_you_actions(today, follow_ups)
        + voucher_actions()
        + target_actions()
        + meet_actions()
        + application_actions(today)
        + effort_actions(today)
    )
    order = {k: i for i, k in enumerate(KIND_ORDER)}
    actions.sort(key=lambda a: order.get(a.kind, len(order)))
    out: list[NextAction] = []
    seen: set[tuple[str, int | None, int | None]] = set()
    people: set[int] = set()
    for action in actions:
        key = (action.kind, action.contact_id, action.company_id)
        if key in seen or (action.kind == "talk" and action.contact_id in people):
            continue  # once per step; no "talk to" someone the list already says to meet
        seen.add(key)
        if action.contact_id is not None:
            people.add(action.contact_id)
        out.append(action)
    return _balanced(out, limit)


def _balanced(actions: list[NextAction], limit: int) -> list[NextAction]:
    """Cut to `limit` round-robin over the kinds, so one busy kind cannot hide the others."""
    queues: dict[str, list[NextAction]] = {}
    for a in actions:
        queues.setdefault(a.kind, []).append(a)
    chosen: list[NextAction] = []
    while len(chosen) < limit and any(queues.values()):
        for queue in queues.values():
            if queue and len(chosen) < limit:
                chosen.append(queue.pop(0))
    order = {k: i for i, k in enumerate(KIND_ORDER)}
    chosen.sort(key=lambda a: order.get(a.kind, len(order)))  # stable: keeps each kind's order
    return chosen

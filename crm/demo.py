"""A demo network made by code (invented people and companies) for first start and tests.

Dates are relative to `today` so that the demo always shows a campaign in its third week.
"""

from __future__ import annotations

import datetime as dt
import random

from crm.errors import ValidationError
from crm.services import settings
from crm.services.companies import get_or_create_company
from crm.services.contacts import create_contact, update_contact
from crm.services.effort import log_effort
from crm.services.interactions import MeetingRecord, log_interaction, log_meeting
from crm.services.jobs import create_job
from crm.services.referrals import NameEntry, add_knows, set_status
from crm.store.models import Contact, db

TARGETS = [("Acme Robotics", 1), ("Lumen Health", 1), ("Harbor Analytics", 2), ("Kestrel Bank", 3)]
OTHER_COMPANIES = [
    "Northwind Traders",
    "Bluepeak Software",
    "Granite Labs",
    "Orchid Media",
    "Copperline Energy",
    "Tidewater Logistics",
    "Fjord Design",
    "Sable Insurance",
    "Quill & Co",
    "Vantage Retail",
]
FIRST = [
    "Dana",
    "Lee",
    "Priya",
    "Marcus",
    "Sofia",
    "Tomás",
    "Aisha",
    "Jonah",
    "Mei",
    "Oren",
    "Greta",
    "Kofi",
    "Lena",
    "Ravi",
    "Hana",
    "Diego",
    "Ines",
    "Farid",
    "Noor",
    "Elliot",
    "Yuki",
    "Bram",
    "Clara",
    "Idris",
    "Maren",
    "Pablo",
    "Zara",
    "Anton",
    "Beatriz",
    "Cyrus",
    "Delia",
    "Emil",
]
LAST = [
    "Whitfield",
    "Park",
    "Raman",
    "Okafor",
    "Lindqvist",
    "Alvarez",
    "Haddad",
    "Brenner",
    "Tanaka",
    "Castell",
    "Moreau",
    "Mensah",
    "Kowalski",
    "Iyer",
    "Novak",
    "Ferreira",
    "Duarte",
    "Sato",
    "Quinlan",
    "Berg",
    "Achebe",
    "Hoffmann",
    "Reyes",
    "Vance",
    "Osei",
    "Larsen",
]
POSITIONS = [
    "Engineering Manager",
    "Product Manager",
    "Data Scientist",
    "Recruiter",
    "Director of Product",
    "Staff Engineer",
    "Head of Talent",
    "UX Researcher",
    "VP Engineering",
    "Analytics Lead",
]


def load_demo(today: dt.date | None = None, seed: int = 7) -> dict[str, int]:
    """Fill an empty database with the demo network; refuses a database that has contacts."""
    if Contact.select().exists():
        raise ValidationError("Demo", "the database already holds contacts; use an empty one")
    today = today or dt.date.today()
    rnd = random.Random(seed)
    start = today - dt.timedelta(days=17)
    names = iter(rnd.sample([(f, ln) for f in FIRST for ln in LAST], 200))

    def person(company: str, **kw) -> Contact:
        first, last = next(names)
        slug = f"{first}-{last}".lower().replace("á", "a").replace("é", "e")
        return create_contact(
            first,
            last,
            company=company,
            position=rnd.choice(POSITIONS),
            linkedin_url=f"https://www.linkedin.com/in/{slug}-{rnd.randint(100, 999)}",
            **kw,
        )

    with db.atomic():
        settings.set_campaign_start(start)
        for name, prio in TARGETS:
            company = get_or_create_company(name)
            company.is_target, company.priority = True, prio
            company.save()
        # First-degree LinkedIn connections.
        everyone = OTHER_COMPANIES + [t for t, _ in TARGETS]
        linked = [
            person(
                rnd.choice(everyone),
                source="linkedin",
                connected_on=today - dt.timedelta(days=rnd.randint(60, 2000)),
            )
            for _ in range(40)
        ]
        # Four vouchers: people who can speak for my work.
        vouchers = [
            person(
                OTHER_COMPANIES[i], source="manual", closeness=3, email=f"voucher{i}@example.com"
            )
            for i in range(4)
        ]
        vouchers[0] = update_contact(
            vouchers[0].id,
            first_name="Dana",
            last_name="Whitfield",
            linkedin_url="https://www.linkedin.com/in/dana-whitfield",
        )
        day = start + dt.timedelta(days=1)
        named_all = []
        for i, v in enumerate(vouchers):
            met_on = day + dt.timedelta(days=3 * i)
            entries = []
            for _ in range(3 + (i % 2)):
                company = rnd.choice([t for t, _ in TARGETS] + OTHER_COMPANIES[4:])
                first, last = next(names)
                entries.append(
                    NameEntry(
                        first,
                        last,
                        company=company,
                        position=rnd.choice(POSITIONS),
                        email=f"{first.lower()}.{last.lower()}@example.org".replace(
                            "á", "a"
                        ).replace("é", "e"),
                        intro_method=rnd.choice(["call", "email"]),
                    )
                )
            _, edges = log_meeting(
                MeetingRecord(
                    contact_id=v.id,
                    on=met_on,
                    minutes=45,
                    resume_feedback="Lead with the outcomes; shorten the summary to three lines.",
                    asked_to_recommend=True,
                    answer="yes",
                    names=entries,
                    notes="Suggested looking at teams that ship hardware and software together.",
                )
            )
            named_all.extend(edges)
            if i < 3:
                log_interaction(
                    v.id, "thank_you", met_on + dt.timedelta(days=1), notes="Thank-you email"
                )
        # Move the chains along: requested, introduced, met.
        for j, edge in enumerate(named_all):
            base = edge.created_on
            if j % 4 == 0:
                continue
            set_status(edge.id, "intro_requested", base + dt.timedelta(days=1))
            if j % 4 == 1:
                continue
            set_status(edge.id, "introduced", base + dt.timedelta(days=2))
            if j % 4 == 2:
                continue
            when = min(today, base + dt.timedelta(days=5))
            log_meeting(
                MeetingRecord(
                    contact_id=edge.to_contact_id,
                    on=when,
                    minutes=30,
                    answer="maybe",
                    notes="Friendly chat about the team.",
                )
            )
        # A second-degree voucher who named names too: chains three deep.
        second = named_all[3].to_contact
        second.closeness = 2
        second.save()
        log_meeting(
            MeetingRecord(
                contact_id=second.id,
                on=today - dt.timedelta(days=2),
                minutes=40,
                answer="yes",
                names=[
                    NameEntry(
                        *next(names),
                        company="Acme Robotics",
                        position="Hiring Manager",
                        intro_method="email",
                    ),
                    NameEntry(
                        *next(names),
                        company="Lumen Health",
                        position="Recruiter",
                        intro_method="call",
                    ),
                ],
            )
        )
        # "Knows" edges found by researching my connections' connections.
        for c in rnd.sample(linked, 8):
            target_person = person(rnd.choice([t for t, _ in TARGETS]), source="manual")
            add_knows(c.id, target_person.id, note="Worked together before")
        # Some calls and messages with LinkedIn connections.
        for c in rnd.sample(linked, 12):
            log_interaction(
                c.id,
                rnd.choice(["call", "email", "message"]),
                start + dt.timedelta(days=rnd.randint(0, 17)),
                minutes=15,
            )
        old = rnd.sample(linked, 3)
        for c in old:
            c.stage = "met"
            c.save()
            log_interaction(c.id, "meeting", today - dt.timedelta(days=45), minutes=30)
        linked[0].next_follow_up = today - dt.timedelta(days=1)
        linked[0].save()
        # Jobs in every channel.
        create_job(
            "Senior Product Manager",
            "Acme Robotics",
            channel="referral",
            status="interviewing",
            referrer=vouchers[0],
            perfect_fit=True,
            applied_on=start + dt.timedelta(days=4),
            interview_on=today - dt.timedelta(days=3),
            is_target=True,
        )
        create_job(
            "Product Lead, Platform",
            "Lumen Health",
            channel="referral",
            status="referred",
            referrer=vouchers[1],
            applied_on=start + dt.timedelta(days=8),
        )
        create_job(
            "Product Manager",
            "Harbor Analytics",
            channel="direct",
            status="applied",
            perfect_fit=True,
            applied_on=start + dt.timedelta(days=2),
        )
        create_job(
            "Group Product Manager",
            "Kestrel Bank",
            channel="recruiter",
            status="interviewing",
            applied_on=start + dt.timedelta(days=5),
            interview_on=today - dt.timedelta(days=1),
        )
        create_job(
            "Product Manager, Data",
            "Bluepeak Software",
            channel="direct",
            status="rejected",
            applied_on=start + dt.timedelta(days=1),
        )
        create_job("Principal PM", "Acme Robotics", channel="direct", status="interested")
        create_job(
            "Product Owner",
            "Granite Labs",
            channel="direct",
            status="interviewing",
            applied_on=start + dt.timedelta(days=3),
            interview_on=today - dt.timedelta(days=4),
        )
        create_job(
            "Senior PM, Payments",
            "Kestrel Bank",
            channel="referral",
            status="offer",
            referrer=vouchers[2],
            applied_on=start + dt.timedelta(days=3),
            interview_on=start + dt.timedelta(days=9),
        )
        # Three weeks of effort.
        d = start
        while d <= today:
            if d.weekday() < 5:
                log_effort(d, "networking", rnd.choice([2.5, 3, 3.5]))
                log_effort(d, "applying", rnd.choice([0.5, 1, 1]))
                log_effort(d, "visibility", rnd.choice([0.5, 1]))
            d += dt.timedelta(days=1)
    from crm.services.stats import counts

    return counts()

"""Seeded, realistic LinkedIn data for the benchmarks and the reliability suite.

`write_connections(path, n)` writes a Connections.csv in the current export format
(three preamble lines, URL column, `03 May 2024` dates) with what real archives hold: accents,
emoji outside the basic plane, credentials and pronouns in names, companies with commas,
~2% emails, ~1% date-only rows (people who left LinkedIn), and namesakes with distinct URLs.
"""

from __future__ import annotations

import csv
import random
import sqlite3
from pathlib import Path

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

FIRST = (
    "Ana",
    "José",
    "Zoë",
    "Łukasz",
    "Siobhán",
    "Mateo",
    "Chloé",
    "Nguyễn",
    "Ingrid",
    "Raj",
    "Mei",
    "Olu",
    "Fatima",
    "Sören",
    "Aleksandr",
    "Priya",
    "Émile",
    "Kwame",
    "Yuki",
    "Dana",
    "Ben",
    "Sam",
    "María José",
    "D’Arcy",
    "Björn",
    "Noa",
    "Ilse",
    "Tomás",
    "Aisha",
    "Wei",
)
LAST = (
    "García",
    "Müller",
    "O’Brien",
    "Nayak",
    "Smith",
    "Kowalski",
    "Dubois",
    "Søndergaard",
    "Rossi",
    "Okafor",
    "Tanaka",
    "Levi",
    "Ferreira",
    "Ivanova",
    "Chen",
    "Johansson",
    "van der Berg",
    "Al-Sayed",
    "Ng",
    "Brown",
    "Patel",
    "Novák",
    "Haddad",
    "Lindqvist",
)
SUFFIX = (
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    ", MBA",
    ", MSc, MBA",
    ", PhD",
    " (she/her)",
    " (he/him)",
    " 🚀",
    " 🌍",
    " ✨",
    ", CFA",
    " PMP",
)
COMPANY_STEMS = (
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Hooli",
    "Vandelay",
    "Soylent",
    "Tyrell",
    "Cyberdyne",
    "Wonka",
    "Gringotts",
    "Aperture",
    "Black Mesa",
    "Nakatomi",
    "Oceanic",
    "Massive Dynamic",
    "Pied Piper",
    "Dunder Mifflin",
    "Bluth",
    "Prestige",
    "Monarch",
    "Ñandú",
    "Zürich Data",
    "Kraków Soft",
    "Virtucon",
    "Oscorp",
    "Rekall",
    "Weyland",
)
COMPANY_TAILS = ("", "", " Inc.", ", Inc.", " GmbH", " Labs", ", LLC", " & Co.", " AG", " Ltd")
POSITIONS = (
    "Software Engineer",
    "Senior Software Engineer",
    "Product Manager",
    "Recruiter",
    "Talent Acquisition Partner",
    "Data Scientist",
    "Engineering Manager",
    "VP, Engineering",
    "Head of People",
    "Designer",
    "CTO",
    "Founder & CEO",
    "Account Executive",
    "Staff Engineer, Platform",
    "Technical Recruiter (Contract)",
    "Consultant",
)


def companies(n_companies: int, rng: random.Random) -> list[str]:
    out = []
    for i in range(n_companies):
        stem = COMPANY_STEMS[i % len(COMPANY_STEMS)]
        out.append(
            f"{stem}{'' if i < len(COMPANY_STEMS) else ' ' + str(i)}{rng.choice(COMPANY_TAILS)}"
        )
    return out


def connection_rows(n: int, seed: int = 42) -> list[list[str]]:
    """`n` data rows (header not included), deterministic for a given seed."""
    rng = random.Random(seed)
    names_co = companies(max(50, n // 25), rng)
    rows = []
    for i in range(n):
        year = rng.randint(2009, 2025)
        date = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {year}"
        if rng.random() < 0.01:
            rows.append(["", "", "", "", "", "", date])  # a member who left LinkedIn
            continue
        first = rng.choice(FIRST)
        last = rng.choice(LAST) + rng.choice(SUFFIX)
        slug = f"{first}-{last}".lower().replace(" ", "-")
        slug = "".join(c for c in slug if c.isascii() and (c.isalnum() or c == "-"))
        url = f"https://www.linkedin.com/in/{slug}-{i:x}{rng.randint(100, 999)}"
        email = f"{slug or 'p'}.{i}@example.com" if rng.random() < 0.02 else ""
        company = rng.choice(names_co) if rng.random() < 0.95 else ""
        position = rng.choice(POSITIONS) if company else ""
        rows.append([first, last, url, email, company, position, date])
    return rows


def write_connections(path: str | Path, n: int, seed: int = 42) -> Path:
    """A Connections.csv of `n` rows in LinkedIn's current format."""
    path = Path(path)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(PREAMBLE)
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(connection_rows(n, seed))
    return path


def add_edges(db_path: str | Path, n_edges: int, seed: int = 7, reached: float = 0.3) -> int:
    """Random "knows" edges (referral status potential), with raw SQL.

    Edges point into a `reached` share of the contacts (people known through someone else);
    the rest stay first-degree, as after a LinkedIn import followed by months of networking.
    """
    rng = random.Random(seed)
    con = sqlite3.connect(db_path)
    try:
        ids = [r[0] for r in con.execute("SELECT id FROM contact")]
        inner = [i for i in ids if rng.random() < reached] or ids
        seen: set[tuple[int, int]] = set()
        limit = min(n_edges, len(ids) * len(inner) // 2)
        while len(seen) < limit and len(ids) > 1:
            a, b = rng.choice(ids), rng.choice(inner)
            if a != b:
                seen.add((a, b))
        with con:
            con.executemany(
                "INSERT OR IGNORE INTO referral (from_contact_id, to_contact_id, status, "
                "intro_method, created_on, note) VALUES (?, ?, 'potential', '', '2025-01-01', '')",
                list(seen),
            )
        return len(seen)
    finally:
        con.close()

"""The data sheets of the report: Contacts, Companies, Referral chains, Interactions, Jobs.

Each builder returns a SheetData whose rows are plain tuples straight from SQL (JOINs, no
model objects: 30,000 contacts must stream in well under a second of Python work).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from crm.exporters.table import DATE, LINK, NUMBER, TEXT
from crm.services.companies import OPEN_JOB_STATUSES, PRIORITY_NAMES
from crm.services.referral_chains import ChainNode, degrees, referral_tree
from crm.services.referrals import STATUS_LABELS
from crm.store.models import db

# The importer recognises this exact header (format "vouch") for the round trip: keep it.
CONTACT_HEADERS = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
    "Phone",
    "Closeness",
    "Stage",
    "Tags",
    "Notes",
    "Degree",
    "Last Contact",
    "Next Follow-up",
    "Archived",
)
CONTACT_KINDS = (
    TEXT, TEXT, LINK, TEXT, TEXT, TEXT, DATE, TEXT, NUMBER, TEXT, TEXT, TEXT, NUMBER, DATE, DATE,
    TEXT,
)  # fmt: skip

PRIORITY_LABELS = {0: "", **PRIORITY_NAMES}


@dataclass
class SheetData:
    title: str
    headers: tuple[str, ...]
    kinds: tuple[str, ...]
    rows: Iterable[tuple]
    count: int  # rows to come, for progress


def _count(sql: str) -> int:
    return db.execute_sql(sql).fetchone()[0]


def _yes(flag) -> str:
    return "Yes" if flag else ""


# --- Contacts ----------------------------------------------------------------------------


def contacts_sheet() -> SheetData:
    """Every contact (archived ones too, so that a re-import gives back the same people)."""
    return SheetData(
        "Contacts",
        CONTACT_HEADERS,
        CONTACT_KINDS,
        _contact_rows(),
        _count("SELECT COUNT(*) FROM contact"),
    )


def _contact_rows() -> Iterator[tuple]:
    degree = degrees()
    cur = db.execute_sql(
        """SELECT ct.id, ct.first_name, ct.last_name, ct.linkedin_url, ct.email, co.name,
                  ct.position, ct.connected_on, ct.phone, ct.closeness, ct.stage, ct.tags,
                  ct.notes, lc.day, ct.next_follow_up, ct.archived
           FROM contact ct
           LEFT JOIN company co ON co.id = ct.company_id
           LEFT JOIN (SELECT contact_id, MAX(date) AS day FROM interaction
                      GROUP BY contact_id) lc ON lc.contact_id = ct.id
           ORDER BY ct.last_name COLLATE NOCASE, ct.first_name COLLATE NOCASE, ct.id"""
    )
    get = degree.get
    for cid, *r, last, follow, archived in cur:
        yield (*r, get(cid), last, follow, _yes(archived))


# --- Companies ---------------------------------------------------------------------------

COMPANY_HEADERS = (
    "Company",
    "Industry",
    "Website",
    "Target",
    "Priority",
    "People",
    "Vouchers",
    "Open jobs",
    "Notes",
)


def companies_sheet() -> SheetData:
    return SheetData(
        "Companies",
        COMPANY_HEADERS,
        (TEXT, TEXT, LINK, TEXT, TEXT, NUMBER, NUMBER, NUMBER, TEXT),
        _company_rows(),
        _count("SELECT COUNT(*) FROM company"),
    )


def _company_rows() -> Iterator[tuple]:
    marks = ",".join("?" * len(OPEN_JOB_STATUSES))
    cur = db.execute_sql(
        f"""SELECT c.name, c.industry, c.website, c.is_target, c.priority,
                   COALESCE(p.people, 0), COALESCE(p.vouchers, 0), COALESCE(j.open_jobs, 0),
                   c.notes
            FROM company c
            LEFT JOIN (SELECT company_id, COUNT(*) AS people, SUM(closeness >= 3) AS vouchers
                       FROM contact WHERE archived = 0 GROUP BY company_id) p
                   ON p.company_id = c.id
            LEFT JOIN (SELECT company_id, COUNT(*) AS open_jobs FROM job
                       WHERE status IN ({marks}) GROUP BY company_id) j ON j.company_id = c.id
            ORDER BY c.is_target DESC, c.priority = 0, c.priority, c.name COLLATE NOCASE""",
        OPEN_JOB_STATUSES,
    )
    for name, industry, web, target, prio, people, vouchers, jobs, notes in cur:
        yield (
            name,
            industry,
            web,
            _yes(target),
            PRIORITY_LABELS.get(prio, ""),
            people,
            vouchers,
            jobs,
            notes,
        )


# --- Referral chains ---------------------------------------------------------------------


def chains() -> list[list[ChainNode]]:
    """Every chain from a first-degree voucher to the end of the line (root → leaf paths)."""
    out: list[list[ChainNode]] = []
    stack: list[tuple[ChainNode, list[ChainNode]]] = [
        (root, [root]) for root in reversed(referral_tree())
    ]
    while stack:
        node, path = stack.pop()
        if not node.children:
            out.append(path)
            continue
        for child in reversed(node.children):
            stack.append((child, [*path, child]))
    return out


def chains_sheet() -> SheetData:
    paths = chains()
    hops = max((len(p) - 1 for p in paths), default=1)
    headers = ["Chain", "Hops", "Voucher", "Voucher's company"]
    for i in range(1, hops + 1):
        headers += [f"Hop {i}", f"Hop {i} status"]
    headers.append("Chain in words")
    kinds = (NUMBER, NUMBER, TEXT, TEXT) + (TEXT,) * (2 * hops + 1)
    return SheetData("Referral chains", tuple(headers), kinds, _chain_rows(paths, hops), len(paths))


def _who(node: ChainNode) -> str:
    return f"{node.name} ({node.company})" if node.company else node.name


def _chain_rows(paths: list[list[ChainNode]], hops: int) -> Iterator[tuple]:
    for n, path in enumerate(paths, 1):
        root, rest = path[0], path[1:]
        cells: list = [n, len(rest), root.name, root.company]
        words = [root.name]
        for node in rest:
            label = STATUS_LABELS.get(node.status, node.status)
            cells += [_who(node), label]
            words.append(f"→ {node.name} [{label}]")
        cells += [None, None] * (hops - len(rest))
        cells.append(" ".join(words))
        yield tuple(cells)


# --- Interactions ------------------------------------------------------------------------

INTERACTION_HEADERS = (
    "Date",
    "Contact",
    "Company",
    "Kind",
    "Minutes",
    "Notes",
    "Resume feedback",
    "Asked to recommend",
    "Answer",
    "Why not",
)


def interactions_sheet() -> SheetData:
    return SheetData(
        "Interactions",
        INTERACTION_HEADERS,
        (DATE, TEXT, TEXT, TEXT, NUMBER, TEXT, TEXT, TEXT, TEXT, TEXT),
        _interaction_rows(),
        _count("SELECT COUNT(*) FROM interaction"),
    )


def _interaction_rows() -> Iterator[tuple]:
    cur = db.execute_sql(
        """SELECT i.date, TRIM(ct.first_name || ' ' || ct.last_name), co.name, i.kind,
                  i.minutes, i.notes, i.resume_feedback, i.asked_to_recommend, i.answer,
                  i.why_not
           FROM interaction i
           JOIN contact ct ON ct.id = i.contact_id
           LEFT JOIN company co ON co.id = ct.company_id
           ORDER BY i.date DESC, i.id DESC"""
    )
    for day, who, company, kind, minutes, notes, feedback, asked, answer, why in cur:
        yield (
            day,
            who,
            company,
            kind.replace("_", " "),
            minutes or None,
            notes,
            feedback,
            _yes(asked),
            answer.capitalize() if answer else answer,  # "Yes" as in the column before it
            why,
        )


# --- Jobs --------------------------------------------------------------------------------

JOB_HEADERS = (
    "Company",
    "Title",
    "URL",
    "Status",
    "Channel",
    "Referred by",
    "Perfect fit",
    "Target job",
    "Added",
    "Applied",
    "Interview",
    "Closed",
    "Notes",
)


def jobs_sheet() -> SheetData:
    return SheetData(
        "Jobs",
        JOB_HEADERS,
        (TEXT, TEXT, LINK, TEXT, TEXT, TEXT, TEXT, TEXT, DATE, DATE, DATE, DATE, TEXT),
        _job_rows(),
        _count("SELECT COUNT(*) FROM job"),
    )


def _job_rows() -> Iterator[tuple]:
    cur = db.execute_sql(
        """SELECT co.name, j.title, j.url, j.status, j.channel,
                  TRIM(ct.first_name || ' ' || ct.last_name), j.perfect_fit, j.is_target,
                  j.created_on, j.applied_on, j.interview_on, j.closed_on, j.notes
           FROM job j
           LEFT JOIN company co ON co.id = j.company_id
           LEFT JOIN contact ct ON ct.id = j.referrer_id
           ORDER BY j.created_on DESC, j.id DESC"""
    )
    for company, title, url, status, channel, ref, fit, target, *dates, notes in cur:
        yield (company, title, url, status, channel, ref, _yes(fit), _yes(target), *dates, notes)

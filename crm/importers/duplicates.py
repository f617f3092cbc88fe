"""Near-duplicate contacts at one company ("Bob Smith" / "Robert Smith"), offered for merging."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from crm.store.models import Contact, db

FUZZY_CUTOFF = 88
MAX_GROUP = 3000  # people at one company compared pairwise

_NICKNAMES = {
    "robert": ("bob", "rob", "robbie", "bobby", "bert"),
    "william": ("bill", "will", "billy", "liam", "willy"),
    "richard": ("rick", "dick", "rich", "ricky"),
    "james": ("jim", "jimmy", "jamie"),
    "john": ("jack", "johnny", "jon"),
    "jonathan": ("jon", "jonny", "nathan"),
    "michael": ("mike", "mikey", "mick"),
    "thomas": ("tom", "tommy"),
    "joseph": ("joe", "joey"),
    "charles": ("charlie", "chuck", "chas"),
    "christopher": ("chris", "topher"),
    "christine": ("chris", "christy", "tina"),
    "daniel": ("dan", "danny"),
    "david": ("dave", "davy"),
    "edward": ("ed", "eddie", "ted", "ned"),
    "elizabeth": ("liz", "beth", "betty", "eliza", "lisa", "libby"),
    "katherine": ("kate", "katie", "kathy", "kat", "kay"),
    "catherine": ("cathy", "cat", "kate"),
    "margaret": ("maggie", "meg", "peggy", "margo"),
    "jennifer": ("jen", "jenny"),
    "patricia": ("pat", "patty", "trish"),
    "patrick": ("pat", "paddy"),
    "rebecca": ("becky", "becca"),
    "samuel": ("sam", "sammy"),
    "samantha": ("sam", "sammy"),
    "alexander": ("alex", "sasha", "xander"),
    "alexandra": ("alex", "sasha", "lexi"),
    "anthony": ("tony",),
    "andrew": ("andy", "drew"),
    "benjamin": ("ben", "benny"),
    "matthew": ("matt",),
    "nicholas": ("nick", "nicky"),
    "stephen": ("steve", "stevie"),
    "steven": ("steve", "stevie"),
    "timothy": ("tim", "timmy"),
    "gregory": ("greg",),
    "jeffrey": ("jeff",),
    "kenneth": ("ken", "kenny"),
    "ronald": ("ron", "ronnie"),
    "donald": ("don", "donnie"),
    "susan": ("sue", "susie"),
    "deborah": ("deb", "debbie"),
    "victoria": ("vicky", "tori"),
    "abigail": ("abby",),
    "frederick": ("fred", "freddie"),
    "peter": ("pete",),
    "philip": ("phil",),
    "raymond": ("ray",),
    "lawrence": ("larry",),
    "gerald": ("gerry", "jerry"),
    "leonard": ("len", "lenny", "leo"),
    "douglas": ("doug",),
    "zachary": ("zach", "zack"),
    "joshua": ("josh",),
    "nathaniel": ("nate", "nat", "nathan"),
    "theodore": ("ted", "theo", "teddy"),
    "francis": ("frank",),
    "francisco": ("paco", "frank"),
    "alejandro": ("alex",),
    "guillermo": ("memo", "will"),
    "jose": ("pepe",),
}
CANONICAL: dict[str, set[str]] = {}
for _full, _nicks in _NICKNAMES.items():
    for _name in (_full, *_nicks):
        CANONICAL.setdefault(_name, set()).add(_full)


@dataclass(frozen=True)
class NearDuplicate:
    a_id: int
    b_id: int
    score: float
    reason: str


def _same_person_names(a: str, b: str) -> bool:
    """True when the first names are a nickname of one another ('bob' / 'robert')."""
    if a == b:
        return True
    ca, cb = CANONICAL.get(a, {a}), CANONICAL.get(b, {b})
    return bool(ca & cb)


def near_duplicates(limit: int = 50) -> list[NearDuplicate]:
    """Pairs of active contacts at one company whose names look like one person, best first."""
    rows = db.execute_sql(
        "SELECT c.id, c.name_key, c.url_key, co.name FROM contact c "
        "JOIN company co ON co.id = c.company_id "
        "WHERE c.archived = 0 AND c.name_key != '' ORDER BY c.company_id, c.id"
    ).fetchall()
    groups: dict[str, list[tuple]] = {}
    for row in rows:
        groups.setdefault(row[3], []).append(row)
    found: list[NearDuplicate] = []
    for company, people in groups.items():
        if len(people) < 2 or len(people) > MAX_GROUP:
            continue
        keys = [p[1] for p in people]
        start = len(found)
        for i, (aid, akey, aurl, _c) in enumerate(people):
            matches = process.extract(
                akey,
                keys[i + 1 :],
                scorer=fuzz.token_sort_ratio,
                score_cutoff=FUZZY_CUTOFF,
                limit=None,
            )
            for _s, score, j in matches:
                bid, bkey, burl, _c2 = people[i + 1 + j]
                if aurl and burl and aurl != burl:
                    continue  # two LinkedIn profiles with alike names: two people
                reason = (
                    f"same name at {company}" if akey == bkey else f"similar names at {company}"
                )
                found.append(NearDuplicate(aid, bid, round(score, 1), reason))
        here = {(d.a_id, d.b_id) for d in found[start:]}
        found.extend(_nickname_pairs(company, people, already=here))
    found.extend(_without_company(rows))
    found.sort(key=lambda d: (-d.score, d.a_id, d.b_id))
    return found[:limit]


def _without_company(rows: list[tuple]) -> list[NearDuplicate]:
    """A contact saved without a company (a phone's address book) and one of the very same
    name at a company: name + company cannot match them, so they are offered instead."""
    loose = db.execute_sql(
        "SELECT id, name_key, url_key FROM contact "
        "WHERE archived = 0 AND name_key != '' AND company_id IS NULL ORDER BY id"
    ).fetchall()
    if not loose:
        return []
    by_name: dict[str, list[tuple]] = {}
    for row in rows:
        by_name.setdefault(row[1], []).append(row)
    out = []
    for lid, key, lurl in loose:
        for cid, _key, curl, company in by_name.get(key, ()):
            if lurl and curl and lurl != curl:
                continue  # two LinkedIn profiles: two people
            a, b = sorted((cid, lid))
            out.append(
                NearDuplicate(a, b, 90.0, f"same name, one at {company}, one without a company")
            )
    return out


def _nickname_pairs(company: str, people: list[tuple], already: set) -> list[NearDuplicate]:
    """Same last name, first names that are nicknames of one another ("Bob" / "Robert")."""
    by_rest: dict[str, list[tuple[str, int]]] = {}
    for pid, key, _url, _c in people:
        first, _, rest = key.partition(" ")
        if rest:
            by_rest.setdefault(rest, []).append((first, pid))
    out = []
    for group in by_rest.values():
        for i, (a_first, aid) in enumerate(group):
            for b_first, bid in group[i + 1 :]:
                if (
                    a_first != b_first
                    and (aid, bid) not in already
                    and _same_person_names(a_first, b_first)
                ):
                    out.append(
                        NearDuplicate(aid, bid, 95.0, f"{a_first.title()} / {b_first.title()}: "
                                      f"a nickname, same last name, both at {company}")
                    )  # fmt: skip
    return out


def batch_duplicates(batch_id: int, limit: int = 20) -> list[tuple[int, int, str, str, str]]:
    """The near-duplicates an import brought in, to offer for merging in its summary:
    (id kept, id folded in, their names, why they look alike), one of the two from the batch."""
    found = near_duplicates(limit=200)
    if not found:
        return []
    ids = {d.a_id for d in found} | {d.b_id for d in found}
    info = {
        c.id: (c.full_name, c.batch_id)
        for c in Contact.select(
            Contact.id, Contact.first_name, Contact.last_name, Contact.batch
        ).where(Contact.id.in_(list(ids)))
    }
    out = []
    for d in found:
        a, b = info.get(d.a_id), info.get(d.b_id)
        if a and b and batch_id in (a[1], b[1]):
            out.append((d.a_id, d.b_id, a[0], b[0], d.reason))
    return out[:limit]

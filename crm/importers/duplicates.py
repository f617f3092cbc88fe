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


def near_duplicates(limit: int = 50, among: set[int] | None = None) -> list[NearDuplicate]:
    """Pairs of active contacts at one company whose names look like one person, best first.

    `among`: only pairs with at least one of these contacts (an import's new people: a
    re-import that adds a handful compares those, not every pair of the network again).
    """
    rows = db.execute_sql(
        "SELECT id, name_key, url_key, company_id FROM contact "
        "WHERE archived = 0 AND name_key != '' ORDER BY company_id, id"
    ).fetchall()  # no join: a company's name is fetched once per company, below
    groups: dict[int, list[tuple]] = {}
    loose: list[tuple] = []
    for row in rows:
        if row[3] is None:
            loose.append(row)
        else:
            groups.setdefault(row[3], []).append(row)
    wanted = [cid for cid, people in groups.items() if 2 <= len(people) <= MAX_GROUP]
    if among is not None:
        wanted = [cid for cid in wanted if any(p[0] in among for p in groups[cid])]
    names = _company_names(wanted) if wanted else {}
    found: list[NearDuplicate] = []
    for cid in wanted:
        company, people = names.get(cid, ""), groups[cid]
        if all(p[2] for p in people):
            continue  # each has a LinkedIn profile of their own: all different people
        keys = [p[1] for p in people]
        start = len(found)
        # everyone against everyone after them; with `among`, only its people, each
        # against everyone else (those of `among` before them compared them already)
        full = among is None or all(p[0] in among for p in people)
        for i, (aid, akey, aurl, _c) in enumerate(people):
            if full:
                matches = process.extract(
                    akey,
                    keys[i + 1 :],
                    scorer=fuzz.token_sort_ratio,
                    score_cutoff=FUZZY_CUTOFF,
                    limit=None,
                )
                offset = i + 1
            elif aid in among:
                others = [
                    j for j in range(len(people)) if j != i and (j > i or people[j][0] not in among)
                ]
                found_here = process.extract(
                    akey,
                    [keys[j] for j in others],
                    scorer=fuzz.token_sort_ratio,
                    score_cutoff=FUZZY_CUTOFF,
                    limit=None,
                )
                matches = [(s_, score, others[k]) for s_, score, k in found_here]
                offset = 0
            else:
                continue
            for _s, score, j in matches:
                bid, bkey, burl, _c2 = people[offset + j]
                if aurl and burl and aurl != burl:
                    continue  # two LinkedIn profiles with alike names: two people
                a, b = (aid, bid) if aid < bid else (bid, aid)
                reason = (
                    f"same name at {company}" if akey == bkey else f"similar names at {company}"
                )
                found.append(NearDuplicate(a, b, round(score, 1), reason))
        here = {(d.a_id, d.b_id) for d in found[start:]}
        found.extend(_nickname_pairs(company, people, already=here, among=among))
    found.extend(_without_company(groups, loose, names, among))
    found.sort(key=lambda d: (-d.score, d.a_id, d.b_id))
    return found[:limit]


def _company_names(ids: list[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for i in range(0, len(ids), 900):  # SQLite's limit on bound values
        part = ids[i : i + 900]
        marks = ",".join("?" * len(part))
        out.update(db.execute_sql(f"SELECT id, name FROM company WHERE id IN ({marks})", part))
    return out


def _without_company(
    groups: dict[int, list[tuple]],
    loose: list[tuple],
    names: dict[int, str],
    among: set[int] | None,
) -> list[NearDuplicate]:
    """A contact saved without a company (a phone's address book) and one of the very same
    name at a company: name + company cannot match them, so they are offered instead."""
    if not loose:
        return []
    # two LinkedIn profiles are two people: a loose contact with a profile can only be one
    # of those without (a LinkedIn export with every URL compares nothing here)
    anyone = any(not row[2] for row in loose)
    by_name: dict[str, list[tuple]] = {}
    for people in groups.values():
        for row in people:
            if anyone or not row[2]:
                by_name.setdefault(row[1], []).append(row)
    out = []
    pairs = []
    for lid, key, lurl, _none in loose:
        for cid, _key, curl, company_id in by_name.get(key, ()):
            if lurl and curl and lurl != curl:
                continue  # two LinkedIn profiles: two people
            if among is not None and lid not in among and cid not in among:
                continue
            pairs.append((lid, cid, company_id))
    missing = [c for _l, _c, c in pairs if c not in names]
    if missing:
        names = {**names, **_company_names(sorted(set(missing)))}
    for lid, cid, company_id in pairs:
        a, b = sorted((cid, lid))
        company = names.get(company_id, "")
        out.append(NearDuplicate(a, b, 90.0, f"same name, one at {company}, one without a company"))
    return out


def _nickname_pairs(
    company: str, people: list[tuple], already: set, among: set[int] | None = None
) -> list[NearDuplicate]:
    """Same last name, first names that are nicknames of one another ("Bob" / "Robert")."""
    by_rest: dict[str, list[tuple[str, int, str | None]]] = {}
    for pid, key, url, _c in people:
        first, _, rest = key.partition(" ")
        if rest:
            by_rest.setdefault(rest, []).append((first, pid, url))
    out = []
    for group in by_rest.values():
        for i, (a_first, aid, aurl) in enumerate(group):
            for b_first, bid, burl in group[i + 1 :]:
                if (
                    a_first != b_first
                    and not (aurl and burl)  # two LinkedIn profiles: two people
                    and (aid, bid) not in already
                    and (among is None or aid in among or bid in among)
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
    created = {
        cid for (cid,) in db.execute_sql("SELECT id FROM contact WHERE batch_id = ?", (batch_id,))
    }
    found = near_duplicates(limit=200, among=created)
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

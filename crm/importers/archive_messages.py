"""messages.csv of a LinkedIn archive: one interaction per contact and day, matched by
profile URL (else by a unique name), and a count of the messages with people who are not
among the user's connections. Read for speed: a big export holds 100,000 messages.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING

from crm.importers.archive_files import MESSAGES, draft_cells, message_day
from crm.importers.keys import fast_url_key
from crm.importers.records import ID

if TYPE_CHECKING:
    import sqlite3

    from crm.importers.archive_files import Archive, Facts
    from crm.importers.engine import Engine

# The columns of messages.csv read, in this order: the first five say who a message was with.
MESSAGE_COLUMNS = (
    "direction", "sender profile url", "recipient profile urls", "from", "to",
    "date", "folder", "is message draft",
)  # fmt: skip
DIRECTION, SENDER, RECIPIENTS, FROM, TO, DATE, FOLDER, DRAFT = range(len(MESSAGE_COLUMNS))
# The summary's count of messages with people who are not among the user's connections
# (recruiters' InMail, strangers): Vouch logs messages only on its contacts' timelines.
NOT_CONNECTIONS = "messages_not_with_connections"


class MessageSteps:
    """The messages step of archive_extras.Extras, which gives it the engine, the archive,
    the facts, the counts and the contact look-ups (_by_key, _by_full_name)."""

    engine: Engine
    archive: Archive
    conn: sqlite3.Connection
    facts: Facts
    counts: dict[str, int]

    def messages(self) -> None:
        """One interaction per person and day, matched by profile URL (else by a unique name).
        The rows are read as tuples of the few columns used, and the people of a message
        are found once per distinct sender and recipients, its day once per day."""
        rows = self.archive.side_columns(
            MESSAGES, ("from", "date"), MESSAGE_COLUMNS, self.engine.result.warnings
        )
        rows = [r for r in rows if not draft_cells(r[FOLDER], r[DRAFT])]
        if not rows:
            return
        me = self._me(rows)
        sides: dict[tuple[str, ...], list[int]] = {}  # direction .. to -> contact ids
        days: dict[tuple[int, str], int] = {}  # (contact id, ISO day) -> messages, as seen
        others = 0  # messages with nobody among my connections: not logged, but said
        for r in rows:
            who = r[:DATE]
            cids = sides.get(who)
            if cids is None:
                cids = sides[who] = [rec[ID] for rec in self._other_side(who, me)]
            if not cids:
                others += 1
                continue
            day = message_day(r[DATE])
            if day is None:
                continue
            for cid in cids:
                key = (cid, day)
                days[key] = days.get(key, 0) + 1
        existing = set(
            self.conn.execute("SELECT contact_id, date FROM interaction WHERE kind = 'message'")
        )
        per_day: dict[tuple[int, str], int] = {}
        for key, n in days.items():
            fact = f"{key[0]}|{key[1]}"
            if key in existing:  # remembered: once the user deletes it, it stays deleted
                self.facts.add("message", fact, key[0], None)
            elif ("message", fact) not in self.facts:
                per_day[key] = n
        items = [
            (cid, "message", day, "LinkedIn message" if n == 1 else f"{n} LinkedIn messages",
             self.engine.now, self.engine.batch_id)
            for (cid, day), n in sorted(per_day.items(), key=lambda kv: kv[0][1])
        ]  # fmt: skip
        for cid, _kind, day, *_rest in items:
            self.facts.add("message", f"{cid}|{day}", cid, self.engine.batch_id)
        self.engine.interactions.extend(items)
        self.counts["messages"] = len(items)
        if others:  # what the file holds, so said again on a re-import
            self.counts[NOT_CONNECTIONS] = others
        self.engine.other_writes += len(items)

    def _me(self, rows: list[tuple[str, ...]]) -> str | None:
        """My profile URL: in every conversation, and not one of my connections."""
        seen: dict[str, int] = {}
        names: dict[str, str] = {}
        # counted per distinct sender and recipients (dicts keep the first row's name)
        people = Counter(map(itemgetter(FROM, SENDER, RECIPIENTS), rows))
        for (name, sender_url, recipients), n in people.items():
            sender = profile_key(sender_url)
            if sender:
                names.setdefault(sender, name)
            for key in {sender, *_recipient_keys(recipients)} - {None}:
                seen[key] = seen.get(key, 0) + n
        if not seen:
            return None
        top = max(seen.values())

        def known(key: str) -> bool:
            return key in self.engine.by_url or self._by_full_name(names.get(key, "")) is not None

        # the most frequent; of those, one not among my connections; then the first seen
        return min((k for k, n in seen.items() if n == top), key=known)

    def _other_side(self, who: tuple[str, ...], me: str | None) -> list[list]:
        """The contacts a message was with (who: its MESSAGE_COLUMNS up to the date): the
        sender if it came in, else the recipients."""
        direction, sender_url, recipients, name_from, name_to = who
        direction = direction.strip().casefold()
        if direction in ("incoming", "outgoing") and not sender_url:
            # the 2018 export: names and a direction, no profile URLs
            name = name_from if direction == "incoming" else name_to
            rec = self._by_full_name(name) if "," not in name else None
            return [rec] if rec is not None else []
        # A profile URL names the person; a name only when the row has no URL to compare (a
        # namesake with another URL is someone else: formats.md)
        sender = profile_key(sender_url)
        if sender != me:
            public = public_key(sender)
            rec = self._by_key(public) if public else self._by_full_name(name_from)
            return [rec] if rec is not None else []
        others = [k for k in _recipient_keys(recipients) if k != me and public_key(k)]
        if others:
            return [rec for k in others if (rec := self._by_key(k)) is not None]
        rec = self._by_full_name(name_to) if name_to and "," not in name_to else None
        return [rec] if rec is not None else []


@lru_cache(maxsize=1 << 16)
def profile_key(raw: str) -> str | None:
    """A profile URL's key; cached: messages.csv names the same few thousand people (and
    the user, in every row) again and again, 350,000 times in 100,000 messages."""
    raw = raw.strip() if raw else ""
    return fast_url_key(raw) if raw else None


def public_key(key: str | None) -> str | None:
    """A profile key Connections.csv can hold: not a member id (linkedin.com/in/ACoAA...),
    which messages.csv may give instead, and which only a name can match."""
    if key and key.rpartition("/in/")[2].startswith(("acoaa", "acwaa")):
        return None
    return key


@lru_cache(maxsize=1 << 16)
def _recipient_keys(cell: str) -> tuple[str, ...]:
    raws = cell.replace(";", ",").split(",")
    return tuple(k for k in (profile_key(raw) for raw in raws) if k)

"""What a LinkedIn archive's side files add once its connections are matched: messages
become interactions, recommendations and endorsements mark vouchers, company follows mark
target companies, saved jobs and applications become jobs. Each is remembered as a fact
(archive_files.Facts), so a re-import does not apply it again over the user's edits.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from crm.importers.archive_files import (
    APPLICATIONS,
    ENDORSEMENTS,
    FOLLOWS,
    INVITATIONS,
    RECOMMENDATIONS,
    SAVED_JOBS,
    Archive,
    Facts,
    fact_day,
    job_url_key,
)
from crm.importers.archive_messages import MessageSteps, profile_key, public_key
from crm.importers.dates import parse_date
from crm.importers.engine import Engine
from crm.importers.keys import company_name_key, split_full_name
from crm.importers.records import ID, TAGS, stop_if_cancelled
from crm.importers.text_repair import repair_mojibake
from crm.importers.undo import targets_key
from crm.normalize import name_key, search_text


class Extras(MessageSteps):
    """Messages, invitations, recommendations, endorsements, follows and jobs, on the engine's
    state: matched to the contacts the connections just made or found."""

    def __init__(self, engine: Engine, archive: Archive):
        self.engine = engine
        self.archive = archive
        self.conn = engine.conn
        self.counts = engine.result.extras
        self.facts = Facts(self.conn)
        self._by_name: dict[str, list[list]] | None = None

    def run(self, cancelled: Callable[[], bool] | None = None) -> None:
        steps = (
            self.messages,
            self.invitations,
            lambda: self.vouchers(RECOMMENDATIONS, "recommended"),
            lambda: self.vouchers(ENDORSEMENTS, "endorsed"),
            self.follows,
            self.jobs,
            self.facts.write,
        )
        for step in steps:
            stop_if_cancelled(cancelled)  # between the side files
            step()

    def _rows(self, key: str, required: tuple[str, ...]) -> list[dict]:
        return self.archive.side_rows(key, required, self.engine.result.warnings)

    def _by_key(self, key: str | None) -> list | None:
        rec = self.engine.by_url.get(key) if key else None
        return rec if rec is not None and rec[ID] else None

    def _contact_by_name(self, first: str, last: str, company: str = "") -> list | None:
        if self._by_name is None:
            self._by_name = {}
            for (nk, _ck), rec in self.engine.by_name.items():
                self._by_name.setdefault(nk, []).append(rec)
        key = name_key(first, last)
        found = [r for r in self._by_name.get(key, []) if r[ID]]
        if len(found) > 1 and company:
            ck = company_name_key(company)
            same = [r for r in found if self.engine.company_keys.get(r[6]) == ck]
            found = same or found
        return found[0] if len(found) == 1 else None

    # --- messages -> interactions --------------------------------------------------------

    def invitations(self) -> None:
        """Each invitation sent or received, with its message, on the timeline of the contact
        it was with: who reached out to whom, and what was said, when you connected."""
        rows = self._rows(INVITATIONS, ("from", "to", "sent at", "direction"))
        items = []
        for r in rows:
            outgoing = r.get("direction", "").strip().casefold() == "outgoing"
            day = parse_date(r.get("sent at", ""))
            key = public_key(
                profile_key(r.get("inviteeprofileurl" if outgoing else "inviterprofileurl"))
            )
            rec = (
                self._by_key(key)
                if key
                else self._by_full_name(r.get("to" if outgoing else "from", ""))
            )
            if day is None or rec is None:
                continue  # a pending invitation to someone who is not a connection
            fact = f"{rec[ID]}|{day.isoformat()}"
            if ("invitation", fact) in self.facts:  # imported before, maybe deleted since
                continue
            self.facts.add("invitation", fact, rec[ID], self.engine.batch_id)
            text = "LinkedIn invitation " + ("sent" if outgoing else "received")
            message = " ".join(r.get("message", "").split())
            items.append(
                (rec[ID], "message", day.isoformat(), f"{text}: {message}" if message else text,
                 self.engine.now, self.engine.batch_id)
            )  # fmt: skip
        if rows:
            self.engine.interactions.extend(items)
            self.counts["invitations"] = len(items)
            self.engine.other_writes += len(items)

    def _by_full_name(self, name: str) -> list | None:
        name = " ".join(repair_mojibake(name).split())
        if not name:
            return None
        first, last = split_full_name(name)
        return self._contact_by_name(first, last)

    # --- recommendations and endorsements -> likely vouchers -----------------------------

    def vouchers(self, key: str, tag: str) -> None:
        """Mark the people behind recommendations (or endorsements) no earlier import has
        applied: a voucher the user has since demoted stays demoted."""
        kind = "recommendation" if key == RECOMMENDATIONS else "endorsement"
        required = (
            ("first name", "last name") if key == RECOMMENDATIONS else ("endorser first name",)
        )
        new: dict[int, tuple[list, list[str]]] = {}  # contact id -> record, its new facts
        for r in self._rows(key, required):
            status = r.get("status", r.get("endorsement status", "")).strip().casefold()
            if status in ("rejected", "hidden", "pending"):
                continue
            if key == RECOMMENDATIONS:
                first, last = _names(r, "first name", "last name")
                rec = self._contact_by_name(first, last, r.get("company", ""))
                fact = f"{name_key(first, last)}|{fact_day(r.get('creation date', ''))}"
            else:
                first, last = _names(r, "endorser first name", "endorser last name")
                url = public_key(profile_key(r.get("endorser public url", "")))
                # the URL names the endorser; a name alone only when the row has none
                rec = self._by_key(url) if url else self._contact_by_name(first, last)
                skill = " ".join(r.get("skill name", "").split()).casefold()
                who = url or name_key(first, last)
                fact = f"{who}|{skill}|{fact_day(r.get('endorsement date', ''))}"
            if rec is None or (kind, fact) in self.facts:
                continue
            new.setdefault(rec[ID], (rec, []))[1].append(fact)
        marked = 0
        for cid, (rec, facts) in new.items():
            applied = self._mark_voucher(rec, tag)
            marked += applied
            batch = self.engine.batch_id if applied else None
            for fact in facts:
                self.facts.add(kind, fact, cid, batch)
        self.counts[tag] = marked  # newly marked: a re-import that changes nothing says 0

    def _mark_voucher(self, rec: list, tag: str) -> bool:
        """Closeness at least 2 and the tag; False when the contact had both already."""
        cid = rec[ID]
        row = self.conn.execute(
            "SELECT c.closeness, c.tags, c.first_name, c.last_name, co.name, c.position, c.email "
            "FROM contact c LEFT JOIN company co ON co.id = c.company_id WHERE c.id = ?",
            (cid,),
        ).fetchone()
        closeness, tags = row[0], row[1]
        words = [t.strip() for t in tags.split(",") if t.strip()]
        new_close = max(closeness, 2)
        if tag not in (w.casefold() for w in words):
            words.append(tag)
        new_tags = ", ".join(words)
        if new_close == closeness and new_tags == tags:
            return False
        if new_close != closeness:
            self.engine.record_change(cid, "closeness", closeness)
        if new_tags != tags:
            self.engine.record_change(cid, "tags", tags)
        rec[TAGS] = new_tags
        self.conn.execute(
            "UPDATE contact SET closeness = ?, tags = ?, search_text = ?, updated_at = ? WHERE id = ?",
            (new_close, new_tags, search_text(*row[2:], new_tags), self.engine.now, cid),
        )
        self.engine.other_writes += 1
        return True

    # --- company follows -> target companies ---------------------------------------------

    def follows(self) -> None:
        """Followed companies become targets, unless an earlier import already made this
        follow one (the user may have un-targeted it since)."""
        flipped = []
        for r in self._rows(FOLLOWS, ("organization",)):
            name = " ".join(r.get("organization", "").split())
            key = company_name_key(name)
            fact = f"{key}|{fact_day(r.get('followed on', ''))}"
            if not key or ("follow", fact) in self.facts:
                continue
            cid = self.engine.company_id(name, key)
            (is_target,) = self.conn.execute(
                "SELECT is_target FROM company WHERE id = ?", (cid,)
            ).fetchone()
            if not is_target:
                self.conn.execute("UPDATE company SET is_target = 1 WHERE id = ?", (cid,))
                flipped.append(cid)
            self.facts.add("follow", fact, None, None if is_target else self.engine.batch_id)
        if flipped:
            self.conn.execute(
                "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                (targets_key(self.engine.batch_id), json.dumps(flipped)),
            )
            self.engine.other_writes += len(flipped)
        self.counts["target_companies"] = len(flipped)

    # --- saved jobs and applications -> jobs ---------------------------------------------

    def jobs(self) -> None:
        """Saved jobs and applications no earlier import has added. A job is keyed by its
        URL; by title and company only when one of the two has no URL (two postings of one
        title at one company are two jobs)."""
        by_url: dict[str, int | None] = {}  # URL key -> the batch that added the job
        by_title: dict[str, int | None] = {}  # title|company id -> batch, every job
        by_title_bare: dict[str, int | None] = {}  # the same, jobs without a URL
        live = {bid for (bid,) in self.conn.execute("SELECT id FROM import_batch WHERE undone = 0")}
        for url, title, cid, bid in self.conn.execute(
            "SELECT url, title, company_id, batch_id FROM job"
        ):
            bid = bid if bid in live else None
            title_k = f"{(title or '').casefold()}|{cid}"
            if url_k := job_url_key(url or ""):
                by_url.setdefault(url_k, bid)
            else:
                by_title_bare.setdefault(title_k, bid)
            by_title.setdefault(title_k, bid)
        rows = []
        sources = (
            (APPLICATIONS, "applied", "application date", False),
            (SAVED_JOBS, "interested", "saved date", True),
        )
        for key, status, date_col, target in sources:
            kind = "application" if status == "applied" else "saved_job"
            for r in self._rows(key, ("job title",)):
                title = " ".join(r.get("job title", "").split())
                if not title:
                    continue
                company = " ".join(r.get("company name", "").split())
                url = r.get("job url", "").strip()
                url_k = job_url_key(url)
                fact = url_k or f"{title.casefold()}|{company_name_key(company)}"
                if (kind, fact) in self.facts:
                    continue
                cid = (
                    self.engine.company_id(company, company_name_key(company)) if company else None
                )
                title_k = f"{title.casefold()}|{cid}"
                if url_k:
                    seen, k = (by_url, url_k) if url_k in by_url else (by_title_bare, title_k)
                else:
                    seen, k = by_title, title_k
                if k in seen:  # the job is here: the fact is the batch's that added it
                    self.facts.add(kind, fact, None, seen[k])
                    continue
                bid = self.engine.batch_id
                if url_k:
                    by_url[url_k] = bid
                else:
                    by_title_bare[title_k] = bid
                by_title[title_k] = bid
                self.facts.add(kind, fact, None, bid)
                day = parse_date(r.get(date_col, "")) or dt.date.today()
                rows.append(
                    (cid, title, url, status, "direct", int(target), day.isoformat(),
                     day.isoformat() if status == "applied" else None, bid)
                )  # fmt: skip
        if rows:
            self.conn.executemany(
                "INSERT INTO job (company_id, title, url, status, channel, referrer_id, "
                "perfect_fit, is_target, created_on, applied_on, interview_on, closed_on, notes, "
                "batch_id) VALUES (?,?,?,?,?,NULL,0,?,?,?,NULL,NULL,'',?)",
                rows,
            )
            self.engine.other_writes += len(rows)
        self.counts["jobs"] = len(rows)


def _names(r: dict, first: str, last: str) -> tuple[str, str]:
    """A row's first and last name, with the accents LinkedIn garbles in some of its files
    ("JosÃ©", UTF-8 written as Windows-1252) put back, as Connections.csv has them."""
    return repair_mojibake(r.get(first, "")), repair_mojibake(r.get(last, ""))

"""Fast paths for the normalised keys, equal to crm.normalize's for the inputs they accept.

The common case (plain ASCII names, canonical LinkedIn URLs) skips the regexes and the
Unicode normalisation; everything else goes through crm.normalize itself.
"""

from __future__ import annotations

import re

from crm.normalize import (
    _APOSTROPHES,
    _CREDENTIALS,
    _PRONOUNS,
    company_key,
    is_email,
    name_key,
    url_key,
)

LI_PREFIX = "https://www.linkedin.com/in/"  # how LinkedIn's own exports write a profile
LI_CUT = len("https://www.")
LI_SLUG = len("linkedin.com/in/")  # the key's first character of the member's slug

# What name_key does to a plain ASCII character: "`" is an apostrophe, and everything that is
# neither a word character, a space nor an apostrophe becomes a space (the same regex decides).
_ASCII_NAME = {c: " " for c in range(128) if re.match(r"[^\w\s']", chr(c)) and chr(c) != "`"} | {
    ord("`"): "'"
}
NAME_PARTS: dict[str, str] = {}  # one name field -> its key (first and last names repeat a lot)
NAME_PARTS_MAX = 200_000


def name_part_key(part: str) -> str:
    """name_key(part, "") for one name field, cached.

    Exact: name_key treats the first and the last name alike and apart (pronouns and
    credentials are stripped per field), and every later step (NFKD, accents, case,
    punctuation, spaces) works on one character or one combining sequence, which never
    crosses the space between the two; so name_key(first, last) is the two keys joined.
    Plain ASCII without "(" or "," (no pronoun or credential rule can apply) skips the
    Unicode normalisation and the regexes.
    """
    key = NAME_PARTS.get(part)
    if key is None:
        if part.isascii() and "(" not in part and "," not in part:
            key = " ".join(part.translate(_ASCII_NAME).lower().split())
        else:
            key = name_key(part, "")
        if len(NAME_PARTS) >= NAME_PARTS_MAX:
            NAME_PARTS.clear()
        NAME_PARTS[part] = key
    return key


def fast_name_key(first: str, last: str) -> str:
    """crm.normalize.name_key(first, last), a field at a time (see name_part_key)."""
    parts = NAME_PARTS
    a = parts.get(first)
    if a is None:
        a = name_part_key(first)
    b = parts.get(last)
    if b is None:
        b = name_part_key(last)
    if a and b:
        return f"{a} {b}"
    return a or b


def fast_url_key(url: str) -> str | None:
    """crm.normalize.url_key for an already-cleaned URL."""
    if not url:
        return None
    if url.startswith(LI_PREFIX) and "%" not in url and "?" not in url and "#" not in url:
        key = url[LI_CUT:].rstrip("/").casefold()
        return key if len(key) > LI_SLUG and key[LI_SLUG] != "/" else None
    return url_key(url)


_COMPANY_SUFFIXES = frozenset(
    ("inc", "llc", "ltd", "limited", "gmbh", "corp", "corporation", "co", "plc", "sa", "ag", "bv")
)


def company_name_key(name: str) -> str:
    """The Company.name_key get_or_create_company would give this name.

    Called once per distinct company (a 30,000-row export names thousands): for a clean name
    it is company_key without the regexes (casefold, then drop a last word that is a legal
    suffix, "Acme, Inc." -> "acme"); anything else goes through company_key itself.
    """
    if not (name.isprintable() and "  " not in name and name[:1] != " " and name[-1:] != " "):
        return company_key(name) or name.casefold()
    key = name.translate(_APOSTROPHES).casefold()
    tail = key[:-1] if key[-1:] == "." else key  # the suffix may end with one dot
    cut = max(tail.rfind(" "), tail.rfind(","), tail.rfind("."))
    if cut >= 0 and tail[cut + 1 :] in _COMPANY_SUFFIXES:
        key = tail[:cut].rstrip(" ,.")  # with every separator before the suffix
    return key or name.casefold()


_ANGLED = re.compile(r"<([^<>\s]+)>")


def first_email(value: str) -> str:
    """The first real email in a cell ('a@x.org ::: b@y.org'); never an urn:li:member id."""
    if not value:
        return ""
    if "<" in value:  # 'John Smith <john@smith.io>', as mail programs copy an address
        found = _ANGLED.search(value)
        if found and is_email(found.group(1)):
            return found.group(1)
    if " ::: " in value or ";" in value:
        for part in value.replace(";", " ::: ").split(" ::: "):
            part = part.strip()
            if is_email(part):
                return part
        return ""
    return value if is_email(value) else ""


def first_value(value: str) -> str:
    """The first of several values Google joins with ' ::: '."""
    return value.split(" ::: ", 1)[0].strip() if " ::: " in value else value


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def split_full_name(full: str) -> tuple[str, str]:
    """'Jane Q. Doe' -> ('Jane Q.', 'Doe'); 'Doe, Jane' -> ('Jane', 'Doe');
    'Priya Nayak, MSc, MBA' -> ('Priya', 'Nayak, MSc, MBA'), as LinkedIn writes it."""
    if "," in full:
        tail = _CREDENTIALS.search(full)
        if tail and " " in full[: tail.start()].strip():  # credentials after a full name
            first, last = split_full_name(full[: tail.start()].strip())
            if first and last:
                return first, f"{last}{full[tail.start() :]}"
        last, _, first = full.partition(",")
        if first.strip() and " " not in last.strip():
            return first.strip(), last.strip()
    if full.endswith(")"):  # 'Ana Lopez (she/her)': the pronouns stay with the last name
        found = list(_PRONOUNS.finditer(full))
        if found and found[-1].end() == len(full):
            head = full[: found[-1].start()].strip()
            if " " in head:
                first, last = split_full_name(head)
                return first, f"{last} {found[-1].group()}"
    parts = full.rsplit(" ", 1)
    if len(parts) == 1:
        return parts[0], ""
    if parts[1].rstrip(".").casefold() in _SUFFIXES and " " in parts[0]:
        first, last = parts[0].rsplit(" ", 1)  # "Martin Luther King Jr.": King Jr.
        return first, f"{last} {parts[1]}"
    return parts[0], parts[1]

"""Fast paths for the normalised keys, equal to crm.normalize's for the inputs they accept.

The common case (plain ASCII names, canonical LinkedIn URLs) skips the regexes and the
Unicode normalisation; everything else goes through crm.normalize itself.
"""

from __future__ import annotations

from crm.normalize import company_key, is_email, name_key, url_key

LI_PREFIX = "https://www.linkedin.com/"
LI_CUT = len("https://www.")
_TOKENS: dict[str, str] = {}


def fast_name_key(first: str, last: str) -> str:
    """crm.normalize.name_key for already-cleaned names, a token at a time (cached).

    Exact: without "(" or "," no pronoun or credential rule applies, and every other step of
    name_key (apostrophes, NFKD, accents, case, punctuation) works on one character or one
    combining sequence, which never crosses a space.
    """
    full = f"{first} {last}"
    if "(" in full or "," in full:
        return name_key(first, last)
    cache = _TOKENS
    parts = []
    for tok in full.split():
        key = cache.get(tok)
        if key is None:
            if len(cache) > 200_000:
                cache.clear()
            key = cache[tok] = name_key(tok, "")
        parts.append(key)
    key = " ".join(parts)
    return (
        key
        if "  " not in key and not key.startswith(" ") and not key.endswith(" ")
        else " ".join(key.split())
    )


def fast_url_key(url: str) -> str | None:
    """crm.normalize.url_key for an already-cleaned URL."""
    if not url:
        return None
    if url.startswith(LI_PREFIX) and "%" not in url and "?" not in url and "#" not in url:
        return url[LI_CUT:].rstrip("/").casefold() or None
    return url_key(url)


def company_name_key(name: str) -> str:
    """The Company.name_key get_or_create_company would give this name."""
    return company_key(name) or name.casefold()


def first_email(value: str) -> str:
    """The first real email in a cell ('a@x.org ::: b@y.org'); never an urn:li:member id."""
    if not value:
        return ""
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


def split_full_name(full: str) -> tuple[str, str]:
    """'Jane Q. Doe' -> ('Jane Q.', 'Doe'); 'Doe, Jane' -> ('Jane', 'Doe')."""
    if "," in full:
        last, _, first = full.partition(",")
        if first.strip() and " " not in last.strip():
            return first.strip(), last.strip()
    parts = full.rsplit(" ", 1)
    if len(parts) == 1:
        return parts[0], ""
    return parts[0], parts[1]

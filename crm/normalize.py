"""Keys that make the same person or company match across files: URL, email, name."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_SPACES = re.compile(r"\s+")
_COUNTRY_HOST = re.compile(r"^[a-z]{2,3}\.linkedin\.com(?=/|$)")
# A member's page: /in/slug (and the older /pub/slug/..), Sales Navigator's people and leads.
_PROFILE_PATH = re.compile(r"linkedin\.com/(?:in|pub|sales/people|sales/lead)/[^/]")
_PROFILE_ID = re.compile(r"(?:^|&)id=([^&]+)")
_PRONOUNS = re.compile(r"\((?:she|he|they|ze|xe)(?:/\w+)+\)", re.I)
_CREDENTIALS = re.compile(r",\s*[A-Z][A-Za-z.]{1,8}(?:\s*,\s*[A-Z][A-Za-z.]{1,8})*\s*$")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_COMPANY_SUFFIX = re.compile(
    r"[,.\s]+(inc|llc|ltd|limited|gmbh|corp|corporation|co|plc|sa|ag|bv)\.?$", re.I
)


def clean(text: object) -> str:
    """Trim and collapse whitespace; None becomes ''."""
    if text is None:
        return ""
    return _SPACES.sub(" ", str(text)).strip()


def url_key(url: str | None) -> str | None:
    """A LinkedIn profile URL reduced to one spelling: no scheme, no www or country host
    (uk., de.), no query, no slash. None when it is not a member's page: "n/a",
    "linkedin.com" or a company page in a URL column would make everyone who has it one
    person."""
    url = clean(url)
    if not url:
        return None
    url = unquote(url)
    url = _URL_SCHEME.sub("", url)
    url, _, query = url.partition("?")
    url = url.split("#", 1)[0].rstrip("/").casefold()
    for prefix in ("www.", "m.", "mobile."):
        if url.startswith(prefix):
            url = url[len(prefix) :]
            break
    if not url.startswith("linkedin.com"):
        url = _COUNTRY_HOST.sub("linkedin.com", url)  # uk.linkedin.com/in/x is the same page
    if _PROFILE_PATH.match(url):
        return url
    if url == "linkedin.com/profile/view":  # the pre-2014 form: the member is the id
        found = _PROFILE_ID.search(query.split("#", 1)[0])
        if found:
            return f"{url}?id={found.group(1)}"
    return None


def is_email(value: str | None) -> bool:
    return bool(value) and bool(_EMAIL_RE.match(value.strip()))


def email_key(email: str | None) -> str:
    email = clean(email)
    return email.casefold() if is_email(email) else ""


def strip_name_noise(name: str) -> str:
    """Pronouns and trailing credentials ("Nayak, MSc, MBA") are not part of the name."""
    name = _PRONOUNS.sub("", clean(name))
    name = _CREDENTIALS.sub("", name)
    return clean(name.translate(_APOSTROPHES))


def name_key(first: str | None, last: str | None = "") -> str:
    """Case-, accent- and punctuation-insensitive full name."""
    full = f"{strip_name_noise(first or '')} {strip_name_noise(last or '')}"
    full = unicodedata.normalize("NFKD", full)
    full = "".join(ch for ch in full if not unicodedata.combining(ch))
    full = re.sub(r"[^\w\s']", " ", full.casefold())
    return clean(full)


def company_key(name: str | None) -> str:
    name = clean(name).translate(_APOSTROPHES).casefold()
    name = _COMPANY_SUFFIX.sub("", name)
    return clean(name)


def search_text(*parts: object) -> str:
    return " ".join(clean(p).casefold() for p in parts if p)

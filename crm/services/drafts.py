"""Personal email drafts from editable templates, and the mailto: link that opens them."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote

from crm.services import settings


def render(template_name: str, **values: str) -> tuple[str, str]:
    """Fill a template; unknown placeholders are left empty rather than failing."""
    subject, body = settings.template(template_name)
    filled = defaultdict(str, {"my_name": settings.my_name(), **values})
    return subject.format_map(filled), body.format_map(filled)


def mailto_url(to: str, subject: str, body: str) -> str:
    """A mailto: URL with the subject and body percent-encoded (RFC 6068)."""
    return f"mailto:{quote(to, safe='@,')}?subject={quote(subject)}&body={quote(body)}"

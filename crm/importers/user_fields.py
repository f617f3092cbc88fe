"""What the user wrote about a contact, read back from Vouch's own exported workbook."""

from __future__ import annotations

from crm.importers.dates import parse_date
from crm.importers.records import _text
from crm.services.contacts import STAGES

_YES = {"yes", "y", "true", "1", "x", "archived"}  # anything else: not archived


def user_fields(extra: dict | None) -> tuple[int, str, str, str, str | None, int] | str:
    """Closeness, stage, tags, notes, follow-up and archived from a Vouch workbook row
    (defaults when the file has none), or the problem that makes the row unusable."""
    if not extra:
        return 0, "identified", "", "", None, 0
    closeness, stage = 0, "identified"
    raw = extra.get("closeness")
    if raw not in (None, ""):
        try:
            closeness = int(float(str(raw).strip()))
        except ValueError:
            closeness = -1
        if not 0 <= closeness <= 3:
            return f"closeness {raw!r} is not a number from 0 to 3"
    raw = _text(extra.get("stage")).casefold()
    if raw:
        if raw not in STAGES:
            return f"stage {raw!r} is not one of {', '.join(STAGES)}"
        stage = raw
    follow_up = parse_date(extra.get("next_follow_up"))
    return (
        closeness,
        stage,
        _text(extra.get("tags")),
        str(extra.get("notes") or "").strip(),
        follow_up.isoformat() if follow_up else None,
        1 if _text(extra.get("archived")).casefold() in _YES else 0,
    )

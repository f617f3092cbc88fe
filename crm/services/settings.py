"""Domain settings kept in the database: goals, campaign start, cadences, templates."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, fields
from typing import Any

from crm.errors import ValidationError
from crm.store.models import Setting, db


@dataclass
class Goals:
    """The method's targets; every range is (low, high)."""

    meetings_low: int = 5
    meetings_high: int = 6
    new_contacts_low: int = 10
    new_contacts_high: int = 15
    names_per_meeting_low: float = 3
    names_per_meeting_high: float = 4
    network_low: int = 50
    network_high: int = 60
    network_days: int = 21
    hours_low: float = 20
    hours_high: float = 30
    split_networking: int = 60
    split_applying: int = 20
    split_visibility: int = 20
    thank_you_days: int = 2
    keep_warm_days: int = 14
    losing_touch_days: int = 30

    def validate(self) -> Goals:
        for lo, hi in (
            ("meetings_low", "meetings_high"),
            ("new_contacts_low", "new_contacts_high"),
            ("names_per_meeting_low", "names_per_meeting_high"),
            ("network_low", "network_high"),
            ("hours_low", "hours_high"),
        ):
            a, b = getattr(self, lo), getattr(self, hi)
            if a < 0 or b < a:
                raise ValidationError(
                    lo.rsplit("_", 1)[0].replace("_", " ").capitalize(),
                    "the low goal must be between 0 and the high goal",
                )
        if self.split_networking + self.split_applying + self.split_visibility != 100:
            raise ValidationError("Effort split", "the three shares must add up to 100")
        for name in ("thank_you_days", "keep_warm_days", "losing_touch_days", "network_days"):
            if getattr(self, name) < 1:
                raise ValidationError(name.replace("_", " ").capitalize(), "must be at least 1")
        return self


def get(key: str, default: Any = None) -> Any:
    """A stored setting (any JSON value), or `default` when it was never saved."""
    row = Setting.get_or_none(Setting.key == key)
    return json.loads(row.value) if row else default


def put(key: str, value: Any) -> None:
    Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()


def goals() -> Goals:
    stored = get("goals", {}) or {}
    known = {f.name for f in fields(Goals)}
    return Goals(**{k: v for k, v in stored.items() if k in known})


def set_goals(value: Goals) -> None:
    put("goals", asdict(value.validate()))


def campaign_start() -> dt.date:
    """The day the job search started; the first use of Vouch when never set."""
    stored = get("campaign_start")
    if stored:
        return dt.date.fromisoformat(stored)
    today = dt.date.today()
    put("campaign_start", today.isoformat())
    return today


def set_campaign_start(day: dt.date) -> None:
    put("campaign_start", day.isoformat())


DEFAULT_TEMPLATES = {
    "thank_you_introduction": (
        "Thank you for introducing me to {names}",
        "Hi {first_name},\n\nThank you for introducing me to {names}. "
        "I really appreciate you taking the time to connect us, and I will let you know "
        "how the conversation goes.\n\nBest,\n{my_name}",
    ),
    "thank_you_meeting": (
        "Thank you for meeting with me",
        "Hi {first_name},\n\nThank you for the time you spent with me on {date}. "
        "{advice_sentence}{names_sentence}\n\nI will keep you posted.\n\nBest,\n{my_name}",
    ),
    "keep_warm": (
        "Catching up",
        "Hi {first_name},\n\nIt has been a while since we last spoke. "
        "Here is a short update on my search: …\n\n{names_sentence}"
        "I hope all is well with you.\n\nBest,\n{my_name}",
    ),
    "ask_introduction": (
        "Would you introduce me to {target_name}?",
        "Hi {first_name},\n\nI am looking at {target_company}{job_clause} and {how_you_know} "
        "{target_name}. Would you be comfortable introducing me, by a short email or a call? "
        "I can send you a two-line summary to forward.\n\nThank you,\n{my_name}",
    ),
}


def template(name: str) -> tuple[str, str]:
    stored = get(f"template:{name}")
    if stored:
        return stored[0], stored[1]
    return DEFAULT_TEMPLATES[name]


def set_template(name: str, subject: str, body: str) -> None:
    if name not in DEFAULT_TEMPLATES:
        raise ValidationError("Template", f"unknown template {name!r}")
    put(f"template:{name}", [subject, body])


def my_name() -> str:
    return get("my_name", "") or ""


class _AnyPlaceholder(dict):
    """Accepts any placeholder name: only the brace syntax is checked."""

    def __missing__(self, key: str) -> str:
        return ""


def save_templates(templates: dict[str, tuple[str, str]], signature: str) -> None:
    """Every edited template and the signature, in one transaction; a template whose braces
    do not parse is refused before anything is saved."""
    for name, (subject, body) in templates.items():
        try:
            (subject + body).format_map(_AnyPlaceholder())
        except (ValueError, IndexError) as exc:
            raise ValidationError(name, f"a brace is not closed ({exc})") from exc
    with db.atomic():
        for name, (subject, body) in templates.items():
            if (subject, body) != template(name):
                set_template(name, subject, body)
        put("my_name", signature.strip())


def save_campaign(goals_value: Goals, start: dt.date) -> None:
    """The goals and the campaign start together (both or neither)."""
    goals_value = goals_value.validate()
    with db.atomic():
        set_goals(goals_value)
        set_campaign_start(start)

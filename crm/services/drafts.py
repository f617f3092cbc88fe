"""Personal email drafts from editable templates, and the mailto: link that opens them.

A draft is written for one follow-up: the template is chosen by what is owed (a thank-you
for introductions, a thank-you for a meeting, or a keep-warm note) and filled with the
person's first name, what they did (the introductions, the advice from the meeting) and the
names they gave. Templates live in the settings so the user can edit them.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote

from crm.services import settings
from crm.services.followups import FollowUp

# Placeholders a template may use, with what they become (shown by the template editor).
PLACEHOLDERS = {
    "first_name": "the person's first name",
    "name": "the person's full name",
    "company": "the person's company",
    "names": "the people they introduced you to (or named), joined with 'and'",
    "date": "the day of the meeting",
    "advice": "the advice from the meeting (resume feedback or notes)",
    "advice_sentence": "a sentence thanking them for that advice (empty without advice)",
    "names_sentence": "a sentence about the names they gave (empty without names)",
    "my_name": "your own name, as entered above",
    "how_you_know": "(asking for an introduction) 'you mentioned you know' for someone they "
    "named for you, else 'saw that you know'",
}

TEMPLATE_TITLES = {
    "thank_you_introduction": "Thank-you for an introduction",
    "thank_you_meeting": "Thank-you for a meeting",
    "keep_warm": "Keep-warm note",
    "ask_introduction": "Asking for an introduction",
}


def render(template_name: str, **values: str) -> tuple[str, str]:
    """Fill a template; unknown placeholders are left empty rather than failing."""
    subject, body = settings.template(template_name)
    filled = defaultdict(str, {"my_name": settings.my_name(), **values})
    return subject.format_map(filled), body.format_map(filled)


def mailto_url(to: str, subject: str, body: str) -> str:
    """A mailto: URL with the subject and body percent-encoded (RFC 6068)."""
    return f"mailto:{quote(to, safe='@,')}?subject={quote(subject)}&body={quote(body)}"


def join_names(names: tuple[str, ...] | list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def template_for(item: FollowUp) -> str:
    """Which template fits what is owed to this person."""
    if item.kind == "thank_you":
        return "thank_you_meeting" if item.met_on else "thank_you_introduction"
    return "keep_warm"


def values_for(item: FollowUp) -> dict[str, str]:
    """The placeholder values for a follow-up."""
    given = item.introduced or item.names
    advice = item.advice.strip().rstrip(".")
    advice_sentence = f"Your advice stuck with me: {advice}. " if advice else ""
    # Names given in the meeting that were since introduced are thanked as introductions.
    named = [n for n in item.names if n not in item.introduced]
    thanks = []
    if named:
        thanks.append(f"suggesting I talk to {join_names(named)}")
    if item.introduced and item.met_on:
        thanks.append(f"introducing me to {join_names(item.introduced)}")
    names_sentence = ""
    if thanks:
        names_sentence = f"Thank you as well for {', and for '.join(thanks)}. "
        if named:
            names_sentence += "I will reach out and mention that you sent me. "
    return {
        "first_name": item.first_name or item.name.split(" ")[0],
        "name": item.name,
        "company": item.company,
        "names": join_names(given),
        "date": f"{item.met_on:%A} {item.met_on.day} {item.met_on:%B}" if item.met_on else "",
        "advice": advice,
        "advice_sentence": advice_sentence,
        "names_sentence": names_sentence,
    }


def draft_for(item: FollowUp) -> tuple[str, str]:
    """Subject and body of the personal email owed for this follow-up."""
    return render(template_for(item), **values_for(item))

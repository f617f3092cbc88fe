"""Counts in words: "1 contact", "2 contacts", "1 person", "2 people".

Every label that puts a number before a noun goes through `count`, so that a page never
says "1 contacts" or "1 people".
"""

from __future__ import annotations

IRREGULAR = {"person": "people"}


def plural(word: str) -> str:
    """The plural of the last word of `word` ("network target" -> "network targets")."""
    head, _, last = word.rpartition(" ")
    if last in IRREGULAR:
        many = IRREGULAR[last]
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        many = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        many = last + "es"
    else:
        many = last + "s"
    return f"{head} {many}" if head else many


def count(n: int, singular: str, many: str | None = None) -> str:
    """`n` and the noun that agrees with it, thousands separated: "1 company", "1,204 jobs"."""
    return f"{n:,} {singular if n == 1 else (many or plural(singular))}"


def target_step(name: str, on: bool) -> str:
    """The undo step of ticking or unticking a network target, in the menu's words:
    "Make Acme a network target", "Remove Acme from network targets"."""
    return f"Make {name} a network target" if on else f"Remove {name} from network targets"


def sentence(label: str) -> str:
    """A label as a button or menu entry shows it, sentence case: "introduction requested"
    -> "Introduction requested" (the rest is left as it is, names included)."""
    return label[:1].upper() + label[1:]

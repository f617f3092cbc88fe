"""The header sets Vouch knows (LinkedIn, Google, Outlook, its own export) and a guesser.

Columns are always mapped by header name, never by position: every exporter has added,
dropped or reordered columns over the years.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The contact fields a file can fill, in the order the mapping step shows them.
FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "full_name",
    "email",
    "phone",
    "linkedin_url",
    "company",
    "position",
    "connected_on",
    "notes",
    "tags",
    "closeness",
    "stage",
    "next_follow_up",
    "archived",
)
FIELD_LABELS = {
    "first_name": "First name",
    "last_name": "Last name",
    "full_name": "Full name",
    "email": "Email",
    "phone": "Phone",
    "linkedin_url": "LinkedIn URL",
    "company": "Company",
    "position": "Position",
    "connected_on": "Connected on",
    "notes": "Notes",
    "tags": "Tags",
    "closeness": "Closeness (0-3)",
    "stage": "Stage",
    "next_follow_up": "Next follow-up",
    "archived": "Archived",
}
NAME_FIELDS = ("first_name", "last_name", "full_name")
# Only created contacts take these from a file: they are what the user writes.
USER_FIELDS = ("notes", "tags", "closeness", "stage", "next_follow_up", "archived")

_NON_WORD = re.compile(r"[^0-9a-z]+")


def norm_header(name: object) -> str:
    """'E-mail 1 - Value' and 'Email 1 Value' are the same column; 'Prénom' is 'prenom'."""
    text = str(name or "").replace("\ufeff", "").casefold().replace("e-mail", "email")
    if not text.isascii():  # accents go, so "Prénom" and "Société" match their synonyms
        text = "".join(
            ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
        )
    return _NON_WORD.sub(" ", text).strip()


@dataclass(frozen=True)
class KnownFormat:
    name: str
    required: tuple[str, ...]  # normalised headers that must all be present
    fields: dict[str, tuple[str, ...]]  # field -> candidate normalised headers, best first
    hint: tuple[str, ...] = ()  # one of these headers must be present too (tells formats apart)


LINKEDIN_FIELDS = {
    "first_name": ("first name",),
    "last_name": ("last name",),
    "linkedin_url": ("url", "profile url"),
    "email": ("email address",),
    "company": ("company",),
    "position": ("position",),
    "connected_on": ("connected on",),
}

KNOWN: tuple[KnownFormat, ...] = (
    KnownFormat(
        "vouch",
        ("first name", "last name", "url", "closeness", "stage"),
        {
            **LINKEDIN_FIELDS,
            "phone": ("phone",),
            "closeness": ("closeness",),
            "stage": ("stage",),
            "tags": ("tags",),
            "notes": ("notes",),
            "next_follow_up": ("next follow up",),
            "archived": ("archived",),
        },
    ),
    KnownFormat(
        "linkedin", ("first name", "last name", "company", "connected on"), LINKEDIN_FIELDS
    ),
    KnownFormat(
        "google",
        ("given name", "family name"),
        {
            "first_name": ("given name",),
            "last_name": ("family name",),
            "full_name": ("name",),
            "email": ("email 1 value",),
            "phone": ("phone 1 value",),
            "company": ("organization 1 name",),
            "position": ("organization 1 title",),
            "notes": ("notes",),
        },
    ),
    KnownFormat(
        "google",
        ("first name", "last name"),
        {
            "first_name": ("first name",),
            "last_name": ("last name",),
            # the name Google shows for a contact saved without first and last name
            "full_name": ("file as", "nickname"),
            "email": ("email 1 value",),
            "phone": ("phone 1 value",),
            "company": ("organization name", "organization 1 name"),
            "position": ("organization title", "organization 1 title"),
            "notes": ("notes",),
        },
        hint=("organization name", "organization 1 name", "email 1 value", "phone 1 value"),
    ),
    KnownFormat(
        "outlook",
        ("first name", "last name", "email address", "job title"),
        {
            "first_name": ("first name",),
            "last_name": ("last name",),
            "email": ("email address",),
            "phone": ("mobile phone", "business phone", "primary phone", "home phone"),
            "company": ("company",),
            "position": ("job title",),
            "notes": ("notes",),
        },
    ),
)

# Header names people use for each field in their own sheets (normalised), best first.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "first_name": (
        "first name",
        "firstname",
        "first",
        "given name",
        "forename",
        "vorname",
        "prenom",
        "nombre",
    ),
    "last_name": (
        "last name",
        "lastname",
        "last",
        "surname",
        "family name",
        "nachname",
        "nom",
        "apellidos",
        "apellido",
    ),
    "full_name": (
        "name",
        "full name",
        "fullname",
        "contact",
        "contact name",
        "person",
        "display name",
        "nombre completo",
        "nombre y apellidos",
        "nom complet",
        "kontakt",
        "contacto",
    ),
    "email": (
        "email",
        "email address",
        "mail",
        "email 1 value",
        "emails",
        "work email",
        "e mail",
        "courriel",
        "adresse email",
        "correo",
        "correo electronico",
        "e mail adresse",
        "email adresse",  # German Outlook's E-Mail-Adresse
        "emailadresse",
        "mail adresse",
        "adresse de messagerie",  # French Outlook
        "direccion de correo electronico",  # Spanish Outlook
    ),
    "phone": (
        "phone",
        "phone number",
        "mobile",
        "mobile phone",
        "mobiltelefon",  # Outlook's mobile phone in German, French and Spanish
        "tel mobile",
        "telephone mobile",
        "telefono movil",
        "telephone",
        "tel",
        "cell",
        "phone 1 value",
        "telefon",
        "mobil",
        "handy",
        "telefono",
        "telefon geschaftlich",  # Outlook's business phone in German, French and Spanish
        "telephone bureau",
        "telefono del trabajo",
    ),
    "linkedin_url": (
        "linkedin",
        "linkedin url",
        "linkedin profile",
        "url",
        "profile",
        "profile url",
    ),
    "company": (
        "company",
        "company name",
        "organization",
        "organisation",
        "organization name",
        "employer",
        "firm",
        "firma",
        "unternehmen",
        "arbeitgeber",
        "entreprise",
        "societe",
        "empresa",
        "organizacion",
        "compania",
    ),
    "position": (
        "position",
        "job title",  # before "title": a sheet with both keeps "Title" for Mr. / Dr.
        "title",
        "role",
        "job",
        "organization title",
        "funktion",
        "poste",
        "fonction",
        "cargo",
        "puesto",
        "beruf",
        "rolle",
        "rol",
    ),
    "connected_on": ("connected on", "connected", "date added", "added", "date", "met on"),
    "notes": (
        "notes",
        "note",
        "comments",
        "comment",
        "notizen",
        "notiz",
        "bemerkung",
        "bemerkungen",
        "kommentar",
        "commentaire",
        "commentaires",
        "remarques",
        "notas",
        "comentarios",
        "observaciones",
    ),
    "tags": ("tags", "tag", "labels", "groups"),
    "closeness": ("closeness",),
    "stage": ("stage",),
    "next_follow_up": ("next follow up", "follow up"),
}


def _pick(normed: dict[str, int], candidates: tuple[str, ...]) -> int | None:
    for cand in candidates:
        if cand in normed:
            return normed[cand]
    return None


def _index(header: list[str]) -> dict[str, int]:
    normed: dict[str, int] = {}
    for i, name in enumerate(header):
        normed.setdefault(norm_header(name), i)
    return normed


def match_known(header: list[str]) -> tuple[str, dict[str, str]] | None:
    """(format name, field -> column name) when the header is one Vouch knows."""
    normed = _index(header)
    for fmt in KNOWN:
        if not all(h in normed for h in fmt.required):
            continue
        if fmt.hint and not any(h in normed for h in fmt.hint):
            continue
        mapping = {}
        for field, cands in fmt.fields.items():
            i = _pick(normed, cands)
            if i is not None:
                mapping[field] = header[i]
        if fmt.name == "linkedin":
            _add_own_columns(header, mapping)
        return fmt.name, mapping
    return None


# Every column a LinkedIn Connections.csv has had (early 2018 added the last three).
LINKEDIN_COLUMNS = frozenset(
    {h for cands in LINKEDIN_FIELDS.values() for h in cands}
    | {"address", "websites", "instant messengers"}
)


def _add_own_columns(header: list[str], mapping: dict[str, str]) -> None:
    """A sheet with LinkedIn's columns and more of its own ('Email', 'Phone', 'Notes'):
    its other columns fill the fields the LinkedIn columns leave empty."""
    used = set(mapping.values())
    rest = [h for h in header if h not in used and norm_header(h) not in LINKEDIN_COLUMNS]
    if not rest:
        return
    for field, column in guess_mapping(rest).items():
        if field not in mapping and field not in NAME_FIELDS:
            mapping[field] = column


# Spanish 'Nombre' and French 'Nom' are the first and the last name beside 'Apellidos' or
# 'Prénom', and the whole name when the sheet has no other name column.
_WHOLE_NAME_ALONE = frozenset({"nombre", "nom"})


def guess_mapping(header: list[str]) -> dict[str, str]:
    """field -> column name, guessed from the header names of any spreadsheet."""
    normed = _index(header)
    used: set[int] = set()
    mapping: dict[str, str] = {}
    for field, cands in SYNONYMS.items():
        i = _pick({k: v for k, v in normed.items() if v not in used}, cands)
        if i is None:  # "Work E-mail Address", "Company (current)"
            for key, j in normed.items():
                if (
                    j not in used
                    and key
                    and any(c in key.split() or (len(c) > 4 and c in key) for c in cands[:1])
                ):
                    i = j
                    break
        if i is not None:
            mapping[field] = header[i]
            used.add(i)
    if "full_name" in mapping and ("first_name" in mapping or "last_name" in mapping):
        if "last_name" not in mapping and norm_header(mapping["full_name"]) == "name":
            mapping["last_name"] = mapping["full_name"]  # German 'Vorname, Name': the surname
        del mapping["full_name"]
    named = [f for f in ("first_name", "last_name") if f in mapping]
    if len(named) == 1 and "full_name" not in mapping:
        column = mapping[named[0]]
        if norm_header(column) in _WHOLE_NAME_ALONE:  # 'Nombre' alone: 'Lucía García'
            mapping["full_name"] = mapping.pop(named[0])
    return mapping


KNOWN_SCORE = 100  # header_score of a known format's header (more than any guess scores)


def header_score(row: list[str]) -> int:
    """How much a row looks like a header: known formats win, then guessed fields."""
    if len(row) < 2:
        return 0
    if match_known(row):
        return KNOWN_SCORE
    mapping = guess_mapping(row)
    if not any(f in mapping for f in NAME_FIELDS):
        return 0
    return len(mapping) if len(mapping) >= 2 else 0


def detect(header: list[str]) -> tuple[str, dict[str, str]] | None:
    known = match_known(header)
    if known:
        return known
    mapping = guess_mapping(header)
    if any(f in mapping for f in NAME_FIELDS) and len(mapping) >= 2:
        return "generic", mapping
    return None


EXPECTED_HINT = (
    "expected a header row such as 'First Name, Last Name, URL, Email Address, Company, "
    "Position, Connected On' (LinkedIn), Google or Outlook contacts, or any sheet with a name "
    "column"
)

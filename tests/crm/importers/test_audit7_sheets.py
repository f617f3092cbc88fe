"""Seventh audit, address books and other sheets: Outlook exports with German, French and
Spanish headers, a German 'Vorname, Name' list, a full name in a Spanish or French column."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm.importers.api import import_path, inspect, undo_import
from crm.normalize import name_key
from crm.store.models import Contact, db

from . import samples as s


def _people() -> list[tuple]:
    return db.execute_sql(
        "SELECT c.first_name, c.last_name, c.email, c.phone, co.name, c.position, c.notes "
        "FROM contact c LEFT JOIN company co ON co.id = c.company_id ORDER BY c.last_name"
    ).fetchall()


def _ansi(path: Path, rows: list[list[str]]) -> Path:
    """As a localised desktop Outlook saves it: ';', Windows-1252, CRLF."""
    path.write_bytes(s._csv(rows, delimiter=";", newline="\r\n").encode("cp1252"))
    return path


def _row(header: list[str], **cells: str) -> list[str]:
    return [cells.get(h, "") for h in header]


# The first columns of the contacts export of a German, French and Spanish desktop Outlook
# (Import/Export > Export to a file > CSV), each with the one person filled in below.
OUTLOOK_DE = ["Anrede", "Vorname", "Weitere Vornamen", "Nachname", "Suffix", "Firma",
              "Abteilung", "Position", "Straße geschäftlich", "Ort geschäftlich",
              "Telefon geschäftlich", "Telefon privat", "Mobiltelefon", "E-Mail-Adresse",
              "E-Mail-Typ", "E-Mail: angezeigter Name", "E-Mail 2: Adresse", "Notizen",
              "Kategorien"]  # fmt: skip
OUTLOOK_FR = ["Titre", "Prénom", "Deuxième prénom", "Nom", "Suffixe", "Surnom", "Société ",
              "Service ", "Rue (bureau)", "Ville (bureau)", "Téléphone (bureau)",
              "Téléphone (domicile)", "Tél. mobile", "Adresse de messagerie",
              "Type de messagerie", "Nom complet de l'adresse de messagerie", "Notes",
              "Catégories"]  # fmt: skip
OUTLOOK_ES = ["Tratamiento", "Nombre", "Segundo nombre", "Apellidos", "Sufijo", "Organización",
              "Departamento", "Puesto", "Calle del trabajo", "Teléfono del trabajo",
              "Teléfono particular", "Teléfono móvil", "Dirección de correo electrónico",
              "Tipo de correo electrónico", "Nombre mostrado del correo electrónico", "Notas",
              "Categorías"]  # fmt: skip


def test_a_german_outlook_export_keeps_phone_and_notes(db, tmp_path):
    person = _row(OUTLOOK_DE, Anrede="Herr", Vorname="Jürgen", Nachname="Weiß",
                  Firma="Bosch GmbH", Abteilung="R&D", Position="Ingenieur",
                  Mobiltelefon="+49 170 1234567", **{"E-Mail-Adresse": "jw@bosch.example",
                  "E-Mail-Typ": "SMTP", "Notizen": "Messe 2024"})  # fmt: skip
    import_path(_ansi(tmp_path / "Kontakte.CSV", [OUTLOOK_DE, person]))
    assert _people() == [("Jürgen", "Weiß", "jw@bosch.example", "+49 170 1234567",
                          "Bosch GmbH", "Ingenieur", "Messe 2024")]  # fmt: skip


def test_a_french_outlook_export_keeps_the_email_and_phone(db, tmp_path):
    person = _row(OUTLOOK_FR, Titre="Mme", Prénom="Chloé", Nom="Martin",
                  **{"Société ": "Société Générale", "Tél. mobile": "06 12 34 56 78",
                     "Adresse de messagerie": "chloe@sg.example", "Notes": "ancienne collègue"})  # fmt: skip
    path = _ansi(tmp_path / "contacts.csv", [OUTLOOK_FR, person])
    mapping = inspect(path).mapping
    assert mapping["email"] == "Adresse de messagerie"
    assert mapping["phone"] == "Tél. mobile"
    import_path(path)
    assert _people() == [("Chloé", "Martin", "chloe@sg.example", "06 12 34 56 78",
                          "Société Générale", "", "ancienne collègue")]  # fmt: skip


def test_a_spanish_outlook_export_keeps_company_title_email_phone_and_notes(db, tmp_path):
    person = _row(OUTLOOK_ES, Tratamiento="Sra.", Nombre="Lucía", Apellidos="García Pérez",
                  Organización="Telefónica", Puesto="Directora de datos",
                  **{"Teléfono móvil": "600 123 456",
                     "Dirección de correo electrónico": "lucia@tef.example",
                     "Notas": "conocida en un congreso"})  # fmt: skip
    import_path(_ansi(tmp_path / "contactos.csv", [OUTLOOK_ES, person]))
    assert _people() == [("Lucía", "García Pérez", "lucia@tef.example", "600 123 456",
                          "Telefónica", "Directora de datos", "conocida en un congreso")]  # fmt: skip


def test_a_german_list_of_vorname_and_name_keeps_the_surname(db, tmp_path):
    """Beside 'Vorname', a German sheet's 'Name' is the surname."""
    path = tmp_path / "Adressen.csv"
    rows = [["Name", "Vorname", "E-Mail", "Firma", "Bemerkung"],
            ["Müller", "Hans", "hans@siemens.example", "Siemens", "Studienfreund"]]  # fmt: skip
    path.write_text(s._csv(rows), encoding="utf-8")
    assert inspect(path).mapping["last_name"] == "Name"
    import_path(path)
    assert _people() == [("Hans", "Müller", "hans@siemens.example", "", "Siemens", "",
                          "Studienfreund")]  # fmt: skip


@pytest.mark.parametrize(
    "header",
    ["Nombre completo", "Nombre y apellidos", "Nom complet", "Vollständiger Name"],
)
def test_a_full_name_column_in_spanish_or_french_is_a_name(db, tmp_path, header):
    path = tmp_path / "lista.csv"
    rows = [[header, "Correo", "Empresa"], ["Lucía García", "lucia@tef.example", "Telefónica"]]
    path.write_text(s._csv(rows), encoding="utf-8")
    result = import_path(path)
    assert result.created == 1
    assert _people() == [("Lucía", "García", "lucia@tef.example", "", "Telefónica", "", "")]


# --- rows with an email and no name ------------------------------------------------------

GOOGLE = ["First Name", "Middle Name", "Last Name", "Nickname", "File As", "Organization Name",
          "Organization Title", "Notes", "Labels", "E-mail 1 - Label", "E-mail 1 - Value",
          "Phone 1 - Label", "Phone 1 - Value"]  # fmt: skip


def test_an_address_book_entry_with_only_an_email_is_kept_as_the_old_google_file_keeps_it(
    db, tmp_path
):
    """The old Google file names such a contact by its address; the current one leaves every
    name column empty. Both keep the person, named by the address, as Google shows them; a
    row of only an organization is still no person."""
    rows = [GOOGLE,
            _row(GOOGLE, **{"First Name": "Maria", "Last Name": "Garcia",
                            "E-mail 1 - Value": "maria@acme.example"}),
            _row(GOOGLE, **{"Labels": "* other", "E-mail 1 - Label": "* Other",
                            "E-mail 1 - Value": "recruiter@hooli.example"}),
            _row(GOOGLE, **{"Organization Name": "Globex"})]  # fmt: skip
    path = tmp_path / "contacts.csv"
    path.write_text(s._csv(rows), encoding="utf-8")
    result = import_path(path)
    assert result.created == 2
    assert result.skipped == [(4, "no name")]
    assert [(p[0], p[1], p[2]) for p in _people()] == [
        ("recruiter@hooli.example", "", "recruiter@hooli.example"),
        ("Maria", "Garcia", "maria@acme.example"),
    ]
    again = import_path(path)  # the same person, found again by the address
    assert again.created == 0 and again.batch is None


def test_an_outlook_row_with_only_an_email_is_kept(db, tmp_path):
    header = ["First Name", "Middle Name", "Last Name", "Title", "E-mail Address",
              "E-mail 2 Address", "Mobile Phone", "Company", "Job Title", "Notes"]  # fmt: skip
    rows = [header, _row(header, **{"E-mail Address": "Lena <lena@initech.example>"}),
            _row(header, **{"E-mail Address": "info@initech.example", "Company": "Initech"}),
            [""] * len(header)]  # fmt: skip
    path = tmp_path / "outlook.csv"
    path.write_text(s._csv(rows, newline="\r\n"), encoding="utf-8")
    result = import_path(path)
    assert result.created == 1
    assert result.skipped == [(3, "no name")]  # a company's entry is still no person
    assert _people() == [("lena@initech.example", "", "lena@initech.example", "", None, "", "")]


def test_a_german_workbook_with_its_own_header_words(db, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Kontakt", "Mail-Adresse", "Arbeitgeber", "Rolle", "LinkedIn-Profil"])
    ws.append(["Hans Müller", "hans@siemens.example", "Siemens", "Teamleiter",
               "https://de.linkedin.com/in/hans-m/"])  # fmt: skip
    path = tmp_path / "Netzwerk.xlsx"
    wb.save(path)
    assert inspect(path).mapping == {
        "full_name": "Kontakt",
        "email": "Mail-Adresse",
        "company": "Arbeitgeber",
        "position": "Rolle",
        "linkedin_url": "LinkedIn-Profil",
    }
    import_path(path)
    assert _people() == [("Hans", "Müller", "hans@siemens.example", "", "Siemens",
                          "Teamleiter", "")]  # fmt: skip


@pytest.mark.parametrize(
    "header, email, company",
    [("Nombre", "Correo", "Empresa"), ("Nom", "Courriel", "Société")],
)
def test_nombre_or_nom_as_the_only_name_column_is_the_full_name(
    db, tmp_path, header, email, company
):
    """Alone, Spanish 'Nombre' and French 'Nom' name the person whole ('Lucía García' was
    all first name, 'Chloé Martin' all last name); beside 'Apellidos' or 'Prénom' they are
    the first and the last name, as before."""
    path = tmp_path / "lista.csv"
    rows = [[header, email, company],
            ["Lucía García", "lucia@tef.example", "Telefónica"],
            ["Chloé Martin", "chloe@sg.example", "Société Générale"]]  # fmt: skip
    path.write_text(s._csv(rows), encoding="utf-8")
    assert inspect(path).mapping["full_name"] == header
    import_path(path)
    assert [(p[0], p[1]) for p in _people()] == [("Lucía", "García"), ("Chloé", "Martin")]


@pytest.mark.parametrize(
    "header, cells",
    [
        (
            OUTLOOK_DE,
            {"Telefon geschäftlich": "+49 89 123", "E-Mail 2: Adresse": "jw@home.example"},
        ),
        (
            OUTLOOK_FR,
            {"Téléphone (bureau)": "+49 89 123", "Adresse de messagerie 2": "jw@home.example"},
        ),
        (
            OUTLOOK_ES,
            {
                "Teléfono del trabajo": "+49 89 123",
                "Dirección de correo electrónico 2": "jw@home.example",
            },
        ),
    ],
)
def test_a_localised_outlook_contact_with_only_a_second_email_or_office_phone_keeps_them(
    db, tmp_path, header, cells
):
    header = [*header]
    for name in cells:
        if name not in header:
            header.append(name)
    first, last = header[1], header[3]  # Vorname / Prénom / Nombre, Nachname / Nom / Apellidos
    person = _row(header, **{first: "Jürgen", last: "Weiß", **cells})
    import_path(_ansi(tmp_path / "contacts.csv", [header, person]))
    assert [(p[2], p[3]) for p in _people()] == [("jw@home.example", "+49 89 123")]


# --- a contact named by its address takes the name a later file gives --------------------


def _google(path: Path, *people: dict[str, str]) -> Path:
    path.write_text(s._csv([GOOGLE, *(_row(GOOGLE, **p) for p in people)]), encoding="utf-8")
    return path


def _names() -> list[tuple]:
    return db.execute_sql(
        "SELECT first_name, last_name, email, name_key, search_text FROM contact ORDER BY id"
    ).fetchall()


def test_a_contact_named_by_its_address_takes_the_name_a_later_import_gives(db, tmp_path):
    first = _google(tmp_path / "a.csv", {"E-mail 1 - Value": "maria@acme.example"})
    import_path(first)
    second = _google(tmp_path / "b.csv", {"First Name": "María", "Last Name": "García",
                                         "E-mail 1 - Value": "maria@acme.example"})  # fmt: skip
    result = import_path(second)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    assert _names() == [("María", "García", "maria@acme.example", "maria garcia",
                         "maría garcía maria@acme.example")]  # fmt: skip
    assert import_path(second).batch is None  # and once only
    undo_import(result.batch)
    assert [n[:4] for n in _names()] == [
        ("maria@acme.example", "", "maria@acme.example", name_key("maria@acme.example"))
    ]


def test_the_old_google_files_address_name_is_replaced_too(db, tmp_path):
    header = ["Name", "Given Name", "Family Name", "E-mail 1 - Type", "E-mail 1 - Value"]
    path = tmp_path / "google.csv"
    path.write_bytes(s._csv([header, ["tom@example.net", "", "", "", "tom@example.net"]],
                            newline="\r\n").encode("utf-16"))  # fmt: skip
    import_path(path)
    path.write_bytes(s._csv([header, ["Tom Baker", "Tom", "Baker", "", "tom@example.net"]],
                            newline="\r\n").encode("utf-16"))  # fmt: skip
    import_path(path)
    assert [n[:3] for n in _names()] == [("Tom", "Baker", "tom@example.net")]


def test_a_name_the_user_gave_is_not_replaced(db, tmp_path):
    from crm.services.contacts import update_contact

    import_path(_google(tmp_path / "a.csv", {"E-mail 1 - Value": "maria@acme.example"}))
    update_contact(Contact.get().id, first_name="Mary")
    import_path(_google(tmp_path / "b.csv", {"First Name": "María", "Last Name": "García",
                                            "E-mail 1 - Value": "maria@acme.example"}))  # fmt: skip
    assert [n[:3] for n in _names()] == [("Mary", "", "maria@acme.example")]

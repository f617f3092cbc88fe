"""Every LinkedIn variant and contact-sheet format of formats.md imports the same people."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.importers.api import import_path, inspect
from crm.store.models import Contact, Interaction

from . import samples as s

LINKEDIN_VARIANTS = [
    # builder, extension, encoding, delimiter, has url, rows
    (s.linkedin_current, ".csv", "utf-8", ",", True, 6),
    (s.linkedin_no_url, ".csv", "utf-8", ",", False, 6),
    (s.linkedin_late_2018, ".csv", "utf-8", ",", False, 6),
    (s.linkedin_early_2018, ".csv", "utf-8", ",", False, 6),
    (s.linkedin_excel_en, ".csv", "utf-8", ",", True, 6),
    (s.linkedin_excel_de, ".csv", "cp1252", ";", True, 5),
    (s.linkedin_bom, ".csv", "utf-8-sig", ",", True, 6),
    (s.linkedin_xlsx, ".xlsx", "xlsx", "", True, 6),
]


@pytest.mark.parametrize("builder,ext,encoding,delimiter,has_url,rows", LINKEDIN_VARIANTS)
def test_linkedin_variant_detected_and_imported(
    db, tmp_path, builder, ext, encoding, delimiter, has_url, rows
):
    path = builder(tmp_path / f"Connections{ext}")
    det = inspect(path)
    assert (det.format, det.encoding, det.delimiter) == ("linkedin", encoding, delimiter)
    assert det.preview[0]["first_name"] == "Ana"
    assert det.preview[0]["connected_on"] == "2024-05-03"
    assert ("linkedin_url" in det.mapping) is has_url
    assert Contact.select().count() == 0, "inspect must not write"

    result = import_path(path)
    assert (result.created, result.updated, result.unchanged) == (rows, 0, 0)
    assert result.rows == rows + len(result.skipped)
    ana = Contact.get(Contact.first_name == "Ana")
    assert ana.source == "linkedin"
    assert ana.company.name == "Acme Robotics"
    assert ana.position == "Engineering Manager"
    assert ana.connected_on == dt.date(2024, 5, 3)
    assert ana.batch_id == result.batch
    if has_url:
        assert ana.url_key == "linkedin.com/in/ana-lopez-1a2b"
    priya = Contact.get(Contact.first_name == "Priya")
    assert priya.last_name == "Nayak, MSc, MBA"
    assert priya.name_key == "priya nayak"
    assert priya.company.name == "Globex, Inc."
    assert priya.position == "Director, Data"
    assert priya.email == "priya@example.org"
    sean = Contact.get(Contact.first_name.startswith("Se"))
    assert sean.connected_on == dt.date(2021, 9, 16)

    again = import_path(path)
    assert (again.created, again.updated, again.unchanged, again.batch) == (0, 0, rows, None)
    assert Contact.select().count() == rows


def test_current_export_skips_people_who_left(db, tmp_path):
    path = s.linkedin_current(tmp_path / "Connections.csv", left=2)
    result = import_path(path)
    assert result.created == 6
    assert result.skipped == [
        (11, "only a date: the person has left LinkedIn"),
        (12, "only a date: the person has left LinkedIn"),
    ]


def test_names_and_ids_are_cleaned(db, tmp_path):
    import_path(s.linkedin_current(tmp_path / "Connections.csv"))
    zoe = Contact.get(Contact.first_name == "Zoë")
    assert zoe.email == "" and zoe.email_key == "", "urn:li:member ids are not emails"
    assert zoe.last_name == "Chen \U0001f680"
    sam = Contact.get(Contact.first_name == "Sam")
    assert sam.name_key == "sam lee"
    sean = Contact.get(Contact.first_name == "Seán")
    assert sean.name_key == "sean o'brien"
    assert "umbrella health" in sean.search_text


def test_excel_and_older_exports_are_recognised_as_the_same_people(db, tmp_path):
    import_path(s.linkedin_current(tmp_path / "Connections.csv"))
    for builder in (s.linkedin_no_url, s.linkedin_late_2018, s.linkedin_excel_de):
        result = import_path(builder(tmp_path / f"{builder.__name__}.csv"))
        assert result.created == 0 and result.batch is None, builder.__name__
    assert Contact.select().count() == 6


def test_xlsx_with_date_cells(db, tmp_path):
    path = s.linkedin_xlsx(tmp_path / "Connections.xlsx", serial=False)
    import_path(path)
    assert Contact.get(Contact.first_name == "Bob").connected_on == dt.date(2020, 6, 2)


def test_google_current(db, tmp_path):
    det = inspect(s.google_current(tmp_path / "google.csv"))
    assert det.format == "google"
    result = import_path(det.file)
    assert result.created == 2
    maria = Contact.get(Contact.first_name == "Maria")
    assert maria.email == "maria@acme.example"
    assert maria.phone == "+1 555 0100"
    assert maria.company.name == "Acme Robotics" and maria.position == "CTO"
    assert maria.notes == "met at meetup"
    assert maria.source == "spreadsheet"


def test_google_legacy_utf16(db, tmp_path):
    det = inspect(s.google_legacy(tmp_path / "google.csv"))
    assert (det.format, det.encoding) == ("google", "utf-16")
    import_path(det.file)
    jw = Contact.get(Contact.email == "jw@example.de")
    assert (jw.first_name, jw.last_name, jw.company.name) == ("Jürgen", "Weiß", "Bosch GmbH")


@pytest.mark.parametrize("desktop", [False, True])
def test_outlook_both_orders(db, tmp_path, desktop):
    det = inspect(s.outlook(tmp_path / "outlook.csv", desktop=desktop))
    assert det.format == "outlook"
    assert det.mapping["position"] == "Job Title"
    import_path(det.file)
    lena = Contact.get(Contact.first_name == "Lena")
    assert (lena.position, lena.company.name, lena.email) == (
        "VP Sales",
        "Initech",
        "lena@example.com",
    )


def test_generic_with_a_mapping(db, tmp_path):
    path = s.generic(tmp_path / "people.csv")
    det = inspect(path, format="generic")
    assert det.format == "generic"
    assert det.header == ["Who", "Employer", "Role", "Mail", "Remarks"]
    mapping = {"full_name": "Who", "company": "Employer", "position": "Role", "email": "Mail",
               "notes": "Remarks"}  # fmt: skip
    result = import_path(path, format="generic", mapping=mapping)
    assert result.created == 2
    kim = Contact.get(Contact.first_name == "Kim")
    assert (kim.last_name, kim.company.name, kim.notes) == ("Park", "Hooli", "friend of Bob")


def test_generic_header_names_are_guessed(db, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(
        "Name,Organisation,Job Title,E-mail,Tags\nRia Das,Initech,CFO,ria@x.org,alumni\n"
    )
    det = inspect(path)
    assert det.format == "generic"
    assert det.mapping == {"full_name": "Name", "company": "Organisation", "position": "Job Title",
                           "email": "E-mail", "tags": "Tags"}  # fmt: skip
    assert det.preview == [{"full_name": "Ria Das", "company": "Initech", "position": "CFO",
                            "email": "ria@x.org", "tags": "alumni"}]  # fmt: skip
    import_path(path)
    assert Contact.get(Contact.first_name == "Ria").tags == "alumni"


def test_tab_separated(db, tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text(
        "First Name\tLast Name\tCompany\tPosition\tConnected On\nAl\tBo\tX, Y\tCEO\t1 Jan 2020\n"
    )
    det = inspect(path)
    assert (det.format, det.delimiter) == ("linkedin", "\t")
    import_path(path)
    assert Contact.get(Contact.first_name == "Al").company.name == "X, Y"


def test_no_interactions_on_first_import(db, tmp_path):
    import_path(s.linkedin_current(tmp_path / "Connections.csv"))
    assert Interaction.select().count() == 0


def test_old_mac_line_endings(db, tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(
        b"First Name,Last Name,Company,Position,Connected On\rAl,Bo,X,CEO,1 Jan 2020\rCy,Di,Y,CTO,\r"
    )
    assert inspect(path).format == "linkedin"
    assert import_path(path).created == 2


def test_quoted_fields_with_commas_and_quotes(db, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        ",".join(s.HEADER) + "\n"
        'Jo,"Doe, PhD",https://www.linkedin.com/in/jo%C3%ABl/?trk=x,,"Acme, ""The Best"" Co",Lead,03 May 2024\n',
        encoding="utf-8",
    )
    import_path(path)
    jo = Contact.get(Contact.first_name == "Jo")
    assert jo.company.name == 'Acme, "The Best" Co'
    assert jo.url_key == "linkedin.com/in/joël"
    assert jo.name_key == "jo doe"


def test_unmapped_columns_are_never_read(db, tmp_path):
    """Early-2018 exports carry Websites and Instant Messengers after the mapped columns."""
    path = tmp_path / "c.csv"
    path.write_text(
        "First Name,Last Name,Address,Email Address,Company,Position,Connected On,Websites,"
        "Instant Messengers\n"
        'Al,Bo,"1 Main St",,Acme,CEO,"12/22/16, 9:55 AM",https://al.example.com,skype:al\n'
        "Cy,Di\n"
    )
    result = import_path(path)
    assert result.created == 2
    al = Contact.get(Contact.first_name == "Al")
    assert (al.linkedin_url, al.url_key, al.phone) == ("", None, "")
    assert al.connected_on == dt.date(2016, 12, 22)
    assert Contact.get(Contact.first_name == "Cy").company is None

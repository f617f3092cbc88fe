"""Variants found by an audit with files written from scratch (not the project's samples):
broken quoting, day-first dates from non-English Excel, sheets of one's own that carry
LinkedIn's columns, accented headers, and workbooks whose contacts are not on sheet one."""

from __future__ import annotations

import openpyxl
import pytest

from crm.errors import InputError
from crm.importers.api import import_path, inspect
from crm.importers.dates import day_first_iso
from crm.importers.formats import detect, norm_header
from crm.store.models import Contact
from crm.store.models import db as store

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice..."\n\n'


def _contacts():
    return store.execute_sql(
        "SELECT c.first_name, c.last_name, c.email, c.phone, co.name, c.position, "
        "c.connected_on, c.notes FROM contact c LEFT JOIN company co ON co.id = c.company_id "
        "ORDER BY c.id"
    ).fetchall()


def _count(table: str) -> int:
    return store.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


# --- a quote that is never closed ----------------------------------------------------------


def test_unclosed_quote_at_the_end_is_refused_with_its_row(db, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(
        PREAMBLE + HEADER + "\n"
        "Ann,Lee,https://www.linkedin.com/in/annlee,,Acme,Eng,03 May 2024\n"
        'Bo,Chen,https://www.linkedin.com/in/bochen,,"Acme, Inc,Eng,03 May 2024\n',
        encoding="utf-8",
    )
    for call in (inspect, import_path):
        with pytest.raises(InputError) as info:
            call(path)
        assert info.value.row == 6
        assert "never closed" in info.value.user_message()
        assert "Connections.csv" in info.value.user_message()
    assert _count("contact") == 0


def test_unclosed_quote_in_a_big_streamed_file(db, tmp_path):
    rows = [
        f'Ann,Lee{i},https://www.linkedin.com/in/a{i},,"Acme, Inc.",Eng,03 May 2024'
        for i in range(6000)  # well past the head the reader decodes at once
    ]
    path = tmp_path / "big.csv"
    path.write_text(HEADER + "\n" + "\n".join(rows) + '\nZed,Z,,,"Cut off', encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_path(path)
    assert info.value.row == 6002
    assert _count("contact") == 0


def test_a_lone_inch_mark_in_an_unquoted_cell_still_imports(db, tmp_path):
    path = tmp_path / "inch.csv"
    path.write_text(
        HEADER + '\nAnn,Lee,https://www.linkedin.com/in/annlee,,Acme,27" screens,03 May 2024\n',
        encoding="utf-8",
    )
    result = import_path(path)
    assert result.created == 1
    assert _contacts()[0][5] == '27" screens'


# --- day-first dates in semicolon files (French, Danish, Dutch Excel) ----------------------


def test_semicolon_file_reads_numeric_dates_day_first(db, tmp_path):
    text = (
        'Notes:;;;;;;\r\n"When exporting...";;;;;;\r\n;;;;;;\r\n'
        + HEADER.replace(",", ";")
        + "\r\n"
        "Hélène;D’Arc;https://www.linkedin.com/in/hd;;Société Générale;Chargée;03/05/2024\r\n"
        "Søren;Kierkegaard;https://www.linkedin.com/in/sk;;Novo Nordisk A/S;Læge;04-05-2023\r\n"
        "Jürgen;Groß;https://www.linkedin.com/in/jg;;Acme, Inc.;Leiter;16.09.2021\r\n"
        "Old;Timer;;;Acme;Eng;1/8/18, 6:14 PM\r\n"
        ";;;;;;05/06/2022\r\n"
    )
    path = tmp_path / "Connections.csv"
    path.write_bytes(text.encode("cp1252"))
    result = import_path(path)
    assert (result.created, len(result.skipped), result.encoding) == (4, 1, "cp1252")
    dates = [row[6] for row in _contacts()]
    assert dates == ["2024-05-03", "2023-05-04", "2021-09-16", "2018-01-08"]
    again = import_path(path)
    assert (again.created, again.updated) == (0, 0)


def test_comma_files_keep_reading_slash_dates_month_first(db, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(HEADER.replace("URL,", "") + '\nAnn,Lee,,Acme,Eng,"1/8/18, 6:14 PM"\n')
    import_path(path)
    assert _contacts()[0][6] == "2018-01-08"


def _dated(tmp_path, dates: list[str], delim: str = ",") -> list[str]:
    """Import a connections file with these Connected On cells; the stored dates."""
    header = "First Name,Last Name,URL,Company,Connected On".replace(",", delim)
    lines = [
        delim.join([f"P{i}", "X", f"https://www.linkedin.com/in/p{i}", "Acme", d])
        for i, d in enumerate(dates)
    ]
    path = tmp_path / "Connections.csv"
    path.write_text(header + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    import_path(path)
    return [row[6] for row in _contacts()]


def test_a_uk_file_is_read_day_first_throughout(db, tmp_path):
    """One date past the 12th decides for the whole file: 03/05 is 3 May, like 23/05."""
    assert _dated(tmp_path, ["03/05/2024", "23/05/2024", "01/12/2023"]) == [
        "2024-05-03",
        "2024-05-23",
        "2023-12-01",
    ]


def test_a_us_file_stays_month_first_and_says_nothing(db, tmp_path):
    assert _dated(tmp_path, ["03/05/2024", "05/23/2024"]) == ["2024-03-05", "2024-05-23"]


def test_a_semicolon_file_with_us_dates_follows_its_evidence(db, tmp_path):
    assert _dated(tmp_path, ["03/05/2024", "05/23/2024"], ";") == ["2024-03-05", "2024-05-23"]


def test_the_preview_says_when_dates_are_read_day_first(tmp_path):
    path = tmp_path / "uk.csv"
    path.write_text("First Name,Last Name,Connected On\nAnn,Lee,25/12/2023\nBo,Chen,03/05/2024\n")
    assert any("day first" in note for note in inspect(path).notes)
    us = tmp_path / "us.csv"
    us.write_text("First Name,Last Name,Connected On\nAnn,Lee,12/25/2023\n")
    assert not any("day first" in note for note in inspect(us).notes)


def test_a_big_streamed_uk_file_is_read_day_first(db, tmp_path):
    dates = ["03/05/2024", "23/05/2024"] * 6000  # past the head: the rows stream from disk
    stored = _dated(tmp_path, dates)
    assert len(stored) == 12000
    assert set(stored) == {"2024-05-03", "2024-05-23"}


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("03/05/2024", "2024-05-03"),
        ("3-5-24", "2024-05-03"),
        ("16/09/2021 10:00", "2021-09-16"),
        ("1/8/18, 6:14 PM", ""),  # LinkedIn's own month-first spelling
        ("2024/12/07 14:51:07 UTC", ""),  # year first: parse_date reads it
        ("23-Nov-21", ""),
        ("31/02/2024", ""),
    ],
)
def test_day_first_iso(text, iso):
    assert day_first_iso(text) == iso


# --- headers -------------------------------------------------------------------------------


def test_own_sheet_with_linkedin_columns_keeps_its_other_columns(db, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "First Name,Last Name,Email,Phone,Company,Position,LinkedIn,Notes,Connected On\n"
        "Ann,Lee,ann@lee.org,+44 20 7946 0000,Acme,Eng,linkedin.com/in/annlee,met at PyCon,"
        "03 May 2024\n",
        encoding="utf-8",
    )
    import_path(path)
    assert _contacts() == [
        (
            "Ann",
            "Lee",
            "ann@lee.org",
            "+44 20 7946 0000",
            "Acme",
            "Eng",
            "2024-05-03",
            "met at PyCon",
        )
    ]
    assert (
        store.execute_sql("SELECT url_key FROM contact").fetchone()[0] == "linkedin.com/in/annlee"
    )


def test_real_linkedin_headers_map_only_their_own_columns():
    early = HEADER.replace("URL,", "Address,") + ",Websites,Instant Messengers"
    fmt, mapping = detect(early.split(","))
    assert fmt == "linkedin"
    assert set(mapping) == {
        "first_name",
        "last_name",
        "email",
        "company",
        "position",
        "connected_on",
    }


def test_accented_headers_match_their_synonyms():
    assert norm_header("Prénom") == "prenom"
    assert norm_header("Société") == "societe"
    fmt, mapping = detect(["Prénom", "Nom", "Société", "Téléphone", "E-Mail", "Fonction"])
    assert fmt == "generic"
    assert mapping == {
        "first_name": "Prénom",
        "last_name": "Nom",
        "company": "Société",
        "phone": "Téléphone",
        "email": "E-Mail",
        "position": "Fonction",
    }


# --- workbooks -----------------------------------------------------------------------------


def test_contacts_on_the_second_sheet_of_a_workbook(db, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Cover"
    wb.active.append(["Exported from my old CRM on 2024-05-03"])
    sheet = wb.create_sheet("Kontakte")
    sheet.append(["Vorname", "Nachname", "Firma", "Position", "E-Mail"])
    sheet.append(["Jörg", "Weiß", "Siemens AG", "Ingenieur", "joerg@siemens.com"])
    path = tmp_path / "kontakte.xlsx"
    wb.save(path)
    result = import_path(path)
    assert result.created == 1
    assert _contacts()[0][:6] == (
        "Jörg",
        "Weiß",
        "joerg@siemens.com",
        "",
        "Siemens AG",
        "Ingenieur",
    )


def test_workbook_with_only_empty_sheets_names_the_first(db, tmp_path):
    wb = openpyxl.Workbook()
    wb.create_sheet("Other")
    path = tmp_path / "blank.xlsx"
    wb.save(path)
    with pytest.raises(InputError) as info:
        import_path(path)
    assert "'Sheet' is empty" in info.value.user_message()


def test_day_first_preview_keeps_the_cells_as_written(tmp_path):
    """The preview shows the date it will store beside the cell as the file has it."""
    path = tmp_path / "uk.csv"
    path.write_text("First Name,Last Name,Connected On\nAnn,Lee,03/05/2024\nBo,Chen,23/05/2024\n")
    det = inspect(path)
    assert [p["connected_on"] for p in det.preview] == ["2024-05-03", "2024-05-23"]
    assert [r[2] for r in det.raw_preview] == ["03/05/2024", "23/05/2024"]


def test_french_email_column_is_recognised(db, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(
        "Prénom;Nom;Société;Fonction;Courriel\nHélène;Arc;Société Générale;Juriste;h@sg.fr\n",
        encoding="utf-8",
    )
    import_path(path, format="generic")
    assert _contacts()[0][:5] == ("Hélène", "Arc", "h@sg.fr", "", "Société Générale")


def test_placeholder_urls_do_not_make_people_one(db, tmp_path):
    """ "n/a", a bare linkedin.com or a company page in a URL column is no profile: each row
    is its own person, and old /profile/view?id= links key by their id."""
    path = tmp_path / "tracker.csv"
    path.write_text(
        "First Name,Last Name,LinkedIn,Company\n"
        "Ann,Lee,n/a,Acme\n"
        "Bo,Chen,n/a,Acme\n"
        "Cy,Dee,https://www.linkedin.com/,Acme\n"
        "Di,Eve,https://www.linkedin.com/in/,Acme\n"
        "Ed,Fox,https://www.linkedin.com/company/acme,Acme\n"
        "Flo,Gee,http://www.linkedin.com/profile/view?id=AAA111&trk=nav,Acme\n"
        "Gus,Hay,http://www.linkedin.com/profile/view?id=BBB222&trk=nav,Acme\n",
        encoding="utf-8",
    )
    result = import_path(path)
    assert (result.created, result.skipped) == (7, [])
    keys = dict(Contact.select(Contact.first_name, Contact.url_key).tuples())
    assert keys["Ann"] is keys["Bo"] is keys["Cy"] is keys["Di"] is keys["Ed"] is None
    assert keys["Flo"] == "linkedin.com/profile/view?id=AAA111"
    assert keys["Gus"] == "linkedin.com/profile/view?id=BBB222"


def test_google_contact_saved_under_a_nickname_or_file_as_is_kept(db, tmp_path):
    """Google keeps people saved with only a nickname ("File As" holds the shown name); a
    row with only an organization is still no person."""
    path = tmp_path / "contacts.csv"
    path.write_text(
        "First Name,Middle Name,Last Name,Nickname,File As,Organization Name,E-mail 1 - Value\n"
        "Maria,,Garcia,,,Acme,maria@acme.example\n"
        ",,,Jojo,Jojo,,jojo@example.net\n"
        ",,,,Dr. Jane Roe,Globex,jane@globex.example\n"
        ",,,,,Initech,info@initech.example\n",
        encoding="utf-8",
    )
    result = import_path(path)
    assert result.format == "google"
    assert result.created == 3
    assert result.skipped == [(5, "no name")]
    names = {(c.first_name, c.last_name) for c in Contact.select()}
    assert names == {("Maria", "Garcia"), ("Jojo", ""), ("Dr. Jane", "Roe")}


def _with_dimension(src, dst, ref: str | None) -> None:
    """Copy a workbook with its sheets' <dimension> set to `ref` (None: removed)."""
    import re
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                new = b"" if ref is None else f'<dimension ref="{ref}"/>'.encode()
                data = re.sub(rb'<dimension ref="[^"]*"/>', new, data)
            zout.writestr(item, data)


@pytest.mark.parametrize("ref", ["A1", None], ids=["too-small", "missing"])
def test_xlsx_with_a_wrong_or_missing_size_is_read_to_the_end(db, tmp_path, ref):
    """Some programs state a sheet size of "A1" (openpyxl stopped reading there) or none."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
               "Connected On"])  # fmt: skip
    for i in range(40):
        ws.append([f"Ann{i}", "Lee", f"https://www.linkedin.com/in/ann-{i}", "", "Acme", "Dev",
                   "03 May 2024"])  # fmt: skip
    wb.save(tmp_path / "good.xlsx")
    _with_dimension(tmp_path / "good.xlsx", tmp_path / "odd.xlsx", ref)
    result = import_path(tmp_path / "odd.xlsx")
    assert (result.rows, result.created) == (40, 40)


PRE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\n\n'
)
HEAD = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def test_two_exports_pasted_together_import_only_people(db, tmp_path):
    path = tmp_path / "both.csv"
    path.write_text(
        PRE
        + HEAD
        + "Amy,Lee,https://www.linkedin.com/in/amylee,,Acme,PM,03 May 2021\n"
        + PRE
        + HEAD
        + "Cal,Fox,https://www.linkedin.com/in/calfox,,Globex,CTO,05 May 2021\n",
        encoding="utf-8",
    )
    result = import_path(path)
    assert result.created == 2
    assert {c.first_name for c in Contact.select()} == {"Amy", "Cal"}
    reasons = dict(result.skipped)
    assert reasons[6] == "LinkedIn's export note, not a person"  # "Notes:"
    assert reasons[7] == "LinkedIn's export note, not a person"
    assert reasons[9] == "repeats the header row"
    assert (
        store.execute_sql("SELECT COUNT(*) FROM company WHERE name = 'Company'").fetchone()[0] == 0
    )


def test_a_row_with_a_comma_outside_quotes_is_skipped_not_shifted(db, tmp_path):
    path = tmp_path / "edited.csv"
    path.write_text(
        HEAD
        + "Dan,Eve,https://www.linkedin.com/in/daneve,,Acme, Inc.,Dev,03 May 2024\n"
        + "".join(
            f"Fay{i},Gee,https://www.linkedin.com/in/faygee{i},,Acme,Dev,03 May 2024\n"
            for i in range(3)
        ),
        encoding="utf-8",
    )
    result = import_path(path)
    assert sorted(c.first_name for c in Contact.select()) == ["Fay0", "Fay1", "Fay2"]
    ((row, reason),) = result.skipped
    assert row == 2 and reason.startswith("has 8 cells where the header has 7")


def test_a_misplaced_comma_in_a_two_row_file_is_still_found(db, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text(
        HEAD
        + "Dan,Eve,https://www.linkedin.com/in/daneve,,Acme, Inc.,Dev,03 May 2024\n"
        + "Fox,Gee,https://www.linkedin.com/in/foxgee,,Beta,QA,04 May 2024\n",
        encoding="utf-8",
    )
    result = import_path(path)
    assert [c.first_name for c in Contact.select()] == ["Fox"]
    assert [row for row, _why in result.skipped] == [2]


def test_a_column_without_a_name_is_not_a_misplaced_comma(db, tmp_path):
    """Every row one cell wider than the header (a notes column nobody named), in a CSV or
    a workbook: the rows are imported."""
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Name,Email,Company\nAnn Lee,ann@x.example,Acme,met at PyCon\n"
        "Bo Chen,bo@x.example,Acme,\nCy Dee,cy@x.example,Acme,call back\n",
        encoding="utf-8",
    )
    assert import_path(path).created == 3
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Name", "Email", "Company"])
    ws.append(["Di Eve", "di@x.example", "Globex", "a note in a column without a name"])
    ws.append(["Ed Fox", "ed@x.example", "Globex"])
    wb.save(tmp_path / "tracker.xlsx")
    assert import_path(tmp_path / "tracker.xlsx").created == 2


def test_excel_error_values_are_no_value(db, tmp_path):
    path = tmp_path / "lookup.csv"
    path.write_text(
        HEAD + "Ann,Lee,https://www.linkedin.com/in/annlee,#N/A,#N/A,#REF!,03 May 2024\n",
        encoding="utf-8",
    )
    import_path(path)
    ann = Contact.get()
    assert (ann.email, ann.company_id, ann.position) == ("", None, "")

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEAD.strip().split(","))
    ws.append(["Bo", "Chen", "https://www.linkedin.com/in/bochen", None, "=NA()", "Dev", None])
    ws["E2"].value = "#N/A"
    ws["E2"].data_type = "e"  # an error cell, as Excel saves a failed lookup
    wb.save(tmp_path / "lookup.xlsx")
    import_path(tmp_path / "lookup.xlsx")
    assert Contact.get(Contact.first_name == "Bo").company_id is None


def test_control_characters_are_dropped_so_the_export_round_trips(db, tmp_path):
    from crm.exporters.report import export_report

    path = tmp_path / "ctrl.csv"
    path.write_bytes(
        (HEAD + "Tab\x0bCtrl,Bell\x07,https://www.linkedin.com/in/ctrl1,,Acme\x01Co,Dev,"
         "03 May 2024\n").encode()
    )  # fmt: skip
    import_path(path)
    c = Contact.get()
    assert (c.first_name, c.last_name, c.company.name) == ("Tab Ctrl", "Bell", "AcmeCo")
    export_report(tmp_path / "out.xlsx")
    again = import_path(tmp_path / "out.xlsx")
    assert (again.created, again.updated, again.batch) == (0, 0, None)


def test_date_cells_that_hold_no_date_are_reported(db, tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text(
        HEAD
        + "Ann,Bee,https://www.linkedin.com/in/annbee,,Acme,Dev,yesterday\n"
        + "Cy,Dee,https://www.linkedin.com/in/cydee,,Acme,Dev,31 Feb 2024\n"
        + "Ed,Fox,https://www.linkedin.com/in/edfox,,Acme,Dev,2019\n"
        + "Gil,Hay,https://www.linkedin.com/in/gilhay,,Acme,Dev,03 May 2024\n",
        encoding="utf-8",
    )
    result = import_path(path)
    assert result.created == 4
    assert result.warnings == [
        "Connected On is not a date in rows 2 ('yesterday'), 3 ('31 Feb 2024'), 4 ('2019'): "
        "left empty"
    ]
    dates = dict(Contact.select(Contact.first_name, Contact.connected_on).tuples())
    assert dates["Ed"] is None and str(dates["Gil"]) == "2024-05-03"


def test_other_email_and_phone_columns_fill_an_empty_first_one(db, tmp_path):
    """Outlook: a colleague with only a second address or a business phone keeps them;
    Google: an E-mail 1 that is no address gives way to E-mail 2."""
    outlook = tmp_path / "outlook.csv"
    outlook.write_text(
        "First Name,Last Name,Company,Job Title,E-mail Address,E-mail 2 Address,"
        "Mobile Phone,Business Phone\n"
        "Ray,Holt,NYPD,Captain,,ray@holt.org,,555-0600\n"
        "Amy,Santiago,NYPD,Sergeant,amy@nypd.example,amy@home.example,555-0100,555-0101\n",
        encoding="utf-8",
    )
    assert import_path(outlook).format == "outlook"
    people = {c.first_name: (c.email, c.phone) for c in Contact.select()}
    assert people["Ray"] == ("ray@holt.org", "555-0600")
    assert people["Amy"] == ("amy@nypd.example", "555-0100")  # the first column still wins

    google = tmp_path / "google.csv"
    google.write_text(
        "First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,"
        "E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value\n"
        "Jake,Peralta,Work,not-an-email,Home,jake@gmail.example,,,Mobile,555-0300\n",
        encoding="utf-8",
    )
    assert import_path(google).format == "google"
    jake = Contact.get(Contact.first_name == "Jake")
    assert (jake.email, jake.phone) == ("jake@gmail.example", "555-0300")


def test_an_address_copied_from_a_mail_program_keeps_its_email(db, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,Email,Company\nJohn Smith,John Smith <john@smith.example>,Acme\n", encoding="utf-8"
    )
    import_path(path)
    assert Contact.get().email == "john@smith.example"


def test_a_full_name_with_jr_keeps_it_with_the_last_name(db, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("Name,Company\nMartin Luther King Jr.,SCLC\nJohn Smith III,Acme\n")
    import_path(path)
    names = {(c.first_name, c.last_name) for c in Contact.select()}
    assert names == {("Martin Luther", "King Jr."), ("John", "Smith III")}

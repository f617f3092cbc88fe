"""People who share a name, in exports without profile URLs (LinkedIn 2021-2023).

An export never lists one connection twice: rows of one name (and one company) connected on
different days are different people, and a later export with URLs gives each of them theirs.
"""

from __future__ import annotations

from crm.importers.api import import_path
from crm.store.models import Contact

from . import samples as s

NO_URL = ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"]
RAHULS = [
    ["Rahul", "Sharma", "", "Infosys", "Engineer", "03 May 2021"],
    ["Rahul", "Sharma", "", "Infosys", "Analyst", "17 Aug 2019"],
    ["Rahul", "Sharma", "", "", "", "05 Jan 2018"],
    ["Rahul", "Sharma", "", "", "", "06 Jan 2018"],
]


def _file(path, header, rows):
    path.write_text(s.PREAMBLE + s._csv([header, *rows]), encoding="utf-8")
    return path


def _with_urls(rows):
    return [[r[0], r[1], s.url(f"rs{i}"), *r[2:]] for i, r in enumerate(rows, 1)]


def _people():
    return sorted(
        (str(c.connected_on), c.position, c.linkedin_url)
        for c in Contact.select().where(Contact.last_name == "Sharma")
    )


def test_four_people_of_one_name_are_four_contacts(db, tmp_path):
    result = import_path(_file(tmp_path / "old.csv", NO_URL, RAHULS))
    assert (result.created, result.skipped) == (4, [])
    assert [p[:2] for p in _people()] == [
        ("2018-01-05", ""),
        ("2018-01-06", ""),
        ("2019-08-17", "Analyst"),
        ("2021-05-03", "Engineer"),
    ]
    again = import_path(tmp_path / "old.csv")
    assert (again.created, again.unchanged, again.skipped) == (0, 4, [])


def test_a_newer_export_gives_each_of_them_their_own_url(db, tmp_path):
    import_path(_file(tmp_path / "old.csv", NO_URL, RAHULS))
    newer = _with_urls(RAHULS)
    result = import_path(_file(tmp_path / "new.csv", s.HEADER, newer[::-1]))  # any order
    assert (result.created, result.updated, result.skipped) == (0, 4, [])
    assert _people() == [
        ("2018-01-05", "", s.url("rs3")),
        ("2018-01-06", "", s.url("rs4")),
        ("2019-08-17", "Analyst", s.url("rs2")),
        ("2021-05-03", "Engineer", s.url("rs1")),
    ]
    assert import_path(tmp_path / "new.csv").unchanged == 4


def test_the_same_row_twice_is_still_one_person(db, tmp_path):
    rows = [RAHULS[0], RAHULS[0], RAHULS[1]]
    result = import_path(_file(tmp_path / "dup.csv", NO_URL, rows))
    assert result.created == 2
    assert result.skipped == [(6, "the same person as row 5")]


def _john_smiths():
    from crm.services.contacts import create_contact

    # Added by hand: no URL, no email, no connection day to tell them apart
    for position in ("Engineer", "Recruiter", ""):
        create_contact("John", "Smith", company="Acme", position=position)


def _smiths() -> list[str]:
    return sorted(c.position for c in Contact.select().where(Contact.last_name == "Smith"))


def test_namesakes_of_a_vouch_report_are_each_their_own_contact(db, tmp_path):
    from crm.exporters.report import export_report
    from crm.store.connection import open_database

    _john_smiths()
    report = export_report(tmp_path / "report.xlsx")
    open_database(tmp_path / "empty.db", backup=False)
    result = import_path(report)
    assert (result.created, result.skipped) == (3, [])
    assert _smiths() == ["", "Engineer", "Recruiter"]


def test_namesakes_reimported_into_their_own_database_change_nothing(db, tmp_path):
    """Each row finds the stored namesake in its own position, not the first John Smith
    (which would read as two moves and a repeated row)."""
    from crm.exporters.report import export_report
    from crm.store.models import Interaction

    _john_smiths()
    report = export_report(tmp_path / "report.xlsx")
    result = import_path(report)
    assert (result.created, result.updated, result.unchanged, result.skipped) == (0, 0, 3, [])
    assert result.batch is None and Interaction.select().count() == 0
    assert _smiths() == ["", "Engineer", "Recruiter"]


def test_a_row_repeated_in_a_spreadsheet_is_still_one_person(db, tmp_path):
    """Outside a Vouch report, the same name and company twice with nothing else to tell
    them apart is a repeated row, as before."""
    path = tmp_path / "people.csv"
    path.write_text("Name,Company,Title\nJohn Smith,Acme,Engineer\nJohn Smith,Acme,Engineer\n")
    result = import_path(path, format="generic", mapping={"full_name": "Name",
                         "company": "Company", "position": "Title"})  # fmt: skip
    assert result.created == 1
    assert result.skipped == [(3, "the same person as row 2")]

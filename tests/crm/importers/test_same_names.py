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

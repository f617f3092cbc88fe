"""The same people imported from different sources one after another, as a user does:
LinkedIn exports old and new, Google Contacts, generic sheets; undo and merge between them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from crm.importers.api import import_path, undo_import
from crm.importers.duplicates import batch_duplicates
from crm.services.contacts import merge_contacts, update_contact
from crm.store.models import Contact, Interaction

PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice..."\n\n'
LI_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
             "Connected On"]  # fmt: skip
GOOGLE_HEADER = ["First Name", "Middle Name", "Last Name", "Organization Name",
                 "Organization Title", "E-mail 1 - Label", "E-mail 1 - Value", "Phone 1 - Label",
                 "Phone 1 - Value"]  # fmt: skip


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def linkedin(path: Path, rows: list[list[str]], *, with_url: bool = True) -> Path:
    """Connections.csv: rows of first, last, url, email, company, position, connected on
    (without the URL cell when with_url is False: a 2021-2023 export)."""
    header = LI_HEADER if with_url else [h for h in LI_HEADER if h != "URL"]
    path.write_text(PREAMBLE + _csv([header, *rows]), encoding="utf-8")
    return path


def google(path: Path, rows: list[tuple[str, ...]]) -> Path:
    """Google Contacts: rows of first, last, company, title, email, phone."""
    out = [[f, "", la, c, t, "Work", e, "Mobile", p] for f, la, c, t, e, p in rows]
    path.write_text(_csv([GOOGLE_HEADER, *out]), encoding="utf-8")
    return path


def url(slug: str) -> str:
    return f"https://www.linkedin.com/in/{slug}"


def people() -> list[tuple]:
    return [
        (c.first_name, c.last_name, c.company.name if c.company_id else "", c.position)
        for c in Contact.select().order_by(Contact.id)
    ]


def test_linkedin_then_google_adds_email_and_phone_by_name_and_company(db, tmp_path):
    linkedin(tmp_path / "c.csv", [
        ["Ana", "Lopez", url("ana"), "", "Acme Inc.", "Engineer", "03 May 2024"],
        ["Priya", "Nayak, MSc, MBA", url("priya"), "", "Globex, Inc.", "Director", "26 Mar 2023"],
        ["Zoë", "Chen \U0001f680", url("zoe"), "", "Hooli", "Designer", "08 Jan 2021"],
    ])  # fmt: skip
    google(tmp_path / "g.csv", [
        ("Ana", "Lopez", "ACME, Inc", "Engineer", "ana@acme.example", "+1 555 0100"),
        ("Priya", "Nayak", "Globex", "Director", "priya@globex.example", ""),
        ("Zoë", "Chen", "Hooli", "Designer", "zoe@hooli.example", ""),
    ])  # fmt: skip
    import_path(tmp_path / "c.csv")
    result = import_path(tmp_path / "g.csv")
    assert (result.created, result.updated, result.unchanged) == (0, 3, 0)
    assert Contact.select().count() == 3
    ana = Contact.get(Contact.first_name == "Ana")
    assert (ana.email, ana.phone) == ("ana@acme.example", "+1 555 0100")
    assert Interaction.select().count() == 0  # nobody moved
    for path in (tmp_path / "c.csv", tmp_path / "g.csv"):
        again = import_path(path)
        assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_undo_of_the_middle_import_keeps_what_a_later_import_changed(db, tmp_path):
    """Three imports; undoing the second puts back only what the third did not change
    again, and undoing the third then restores what was there before the second."""
    first = linkedin(tmp_path / "a.csv", [
        ["Ana", "Lopez", url("ana"), "", "Acme", "Engineer", "03 May 2020"],
    ])  # fmt: skip
    import_path(first)
    second = import_path(
        google(tmp_path / "g.csv", [("Ana", "Lopez", "Acme", "Lead", "ana@acme.example", "+1")])
    )
    third = import_path(
        linkedin(
            tmp_path / "b.csv",
            [
                ["Ana", "Lopez", url("ana"), "", "Globex", "Manager", "03 May 2020"],
            ],
        )  # fmt: skip
    )
    undo_import(second.batch)
    ana = Contact.get(Contact.first_name == "Ana")
    # the third import's company and title stay; the second's email and phone go
    assert (ana.company.name, ana.position, ana.email, ana.phone) == ("Globex", "Manager", "", "")
    assert [i.notes for i in Interaction.select()] == ["Moved to Globex as Manager"]
    assert import_path(tmp_path / "b.csv").unchanged == 1  # its digest is the third's row's

    undo_import(third.batch)
    ana = Contact.get_by_id(ana.id)
    assert (ana.company.name, ana.position) == ("Acme", "Engineer")
    assert import_path(first).unchanged == 1


def test_full_name_with_credentials_matches_the_linkedin_contact(db, tmp_path):
    """A generic sheet's one name column: 'Priya Nayak, MSc, MBA' is Priya Nayak (with
    LinkedIn's credentials), not first name 'Priya Nayak, MSc,' and last name 'MBA'."""
    linkedin(tmp_path / "c.csv", [
        ["Priya", "Nayak, MSc, MBA", url("priya"), "", "Globex, Inc.", "Director", "26 Mar 2023"],
    ])  # fmt: skip
    import_path(tmp_path / "c.csv")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        _csv([
            ["Name", "Employer", "Role", "Mail"],
            ["Priya Nayak, MSc, MBA", "Globex", "Director", "priya@globex.example"],
            ["Lena Fischer, PhD", "Initech", "VP Sales", ""],
            ["Ana Lopez (she/her)", "Acme", "Engineer", ""],
        ]),
        encoding="utf-8",
    )  # fmt: skip
    result = import_path(sheet)
    assert (result.created, result.updated) == (2, 1)
    priya = Contact.get(Contact.first_name == "Priya")
    assert priya.email == "priya@globex.example"
    names = {(c.first_name, c.last_name) for c in Contact.select()}
    assert names == {
        ("Priya", "Nayak, MSc, MBA"),
        ("Lena", "Fischer, PhD"),
        ("Ana", "Lopez (she/her)"),
    }


def test_same_name_without_a_company_is_offered_for_merging(db, tmp_path):
    """Google saved Tom without a company; LinkedIn has him at Hooli. Name + company cannot
    match them, so the import's summary offers the pair."""
    import_path(google(tmp_path / "g.csv", [("Tom", "Baker", "", "", "tom@x.example", "+44")]))
    result = import_path(
        linkedin(
            tmp_path / "c.csv",
            [
                ["Tom", "Baker", url("tom"), "", "Hooli", "Dev", "03 May 2020"],
                ["Tim", "Baker", url("tim"), "", "Hooli", "Dev", "03 May 2020"],
            ],
        )  # fmt: skip
    )
    offered = batch_duplicates(result.batch)
    assert [(a, b) for _i, _j, a, b, _why in offered] == [("Tom Baker", "Tom Baker")]
    keep, other = offered[0][:2]
    merge_contacts(keep, other)
    tom = Contact.get(Contact.first_name == "Tom")
    assert (tom.email, tom.company.name, tom.linkedin_url) == ("tom@x.example", "Hooli", url("tom"))
    for path in (tmp_path / "g.csv", tmp_path / "c.csv"):
        assert import_path(path).created == 0


def test_a_title_where_none_was_known_is_not_a_move(db, tmp_path):
    """Google had no title (or no company); LinkedIn fills it in: updated, but the timeline
    does not claim the person moved today."""
    import_path(google(tmp_path / "g.csv", [
        ("Cara", "Diaz", "Initech", "", "cara@x.example", ""),
    ]))  # fmt: skip
    import_path(linkedin(tmp_path / "c.csv", [
        ["Cara", "Diaz", url("cara"), "cara@x.example", "Initech", "PM", "03 May 2020"],
    ]))  # fmt: skip
    cara = Contact.get(Contact.first_name == "Cara")
    assert (cara.company.name, cara.position, cara.linkedin_url) == ("Initech", "PM", url("cara"))
    assert Interaction.select().count() == 0


def test_older_export_without_urls_after_a_newer_one(db, tmp_path):
    import_path(linkedin(tmp_path / "2024.csv", [
        ["Ana", "Lopez", url("ana"), "", "Globex", "Manager", "03 May 2020"],
        ["Bob", "Smith", url("bob"), "", "Hooli", "Senior Dev", "04 May 2020"],
    ]))  # fmt: skip
    import_path(linkedin(tmp_path / "2022.csv", [
        ["Ana", "Lopez", "", "Acme", "Engineer", "03 May 2020"],
        ["Bob", "Smith", "", "Hooli", "Dev", "04 May 2020"],
    ], with_url=False))  # fmt: skip
    assert people() == [
        ("Ana", "Lopez", "Globex", "Manager"),
        ("Bob", "Smith", "Hooli", "Senior Dev"),
    ]
    assert Interaction.select().count() == 0


def test_alternating_sources_with_different_titles_do_not_log_moves(db, tmp_path):
    li = linkedin(tmp_path / "c.csv", [
        ["Cara", "Diaz", url("cara"), "", "Initech", "Senior PM", "05 May 2020"],
    ])  # fmt: skip
    g = google(tmp_path / "g.csv", [("Cara", "Diaz", "Initech", "PM", "cara@x.example", "")])
    import_path(li)
    import_path(g)  # the title differs once: one update is fair
    moves = Interaction.select().count()
    for path in (li, g, li, g):
        result = import_path(path)
        assert result.updated == 0
    assert Interaction.select().count() == moves


def test_undo_keeps_a_created_contact_the_user_has_written_about(db, tmp_path):
    result = import_path(linkedin(tmp_path / "c.csv", [
        ["Ana", "Lopez", url("ana"), "", "Acme", "Engineer", "03 May 2020"],
        ["Bob", "Smith", url("bob"), "", "Hooli", "Dev", "04 May 2020"],
    ]))  # fmt: skip
    ana = Contact.get(Contact.first_name == "Ana")
    update_contact(ana.id, notes="Met at PyCon", closeness=3, tags="voucher", stage="met")
    batch = undo_import(result.batch)
    assert [c.first_name for c in Contact.select()] == ["Ana"]
    assert "Ana Lopez" in batch.kept
    ana = Contact.get_by_id(ana.id)
    assert (ana.notes, ana.closeness, ana.tags, ana.stage) == ("Met at PyCon", 3, "voucher", "met")


def test_merged_near_duplicates_are_not_duplicated_again(db, tmp_path):
    work = google(tmp_path / "work.csv", [("Bob", "Smith", "Hooli", "Dev", "bob@work.example", "")])
    home = google(tmp_path / "home.csv", [
        ("Robert", "Smith", "Hooli", "Dev", "rob@home.example", ""),
    ])  # fmt: skip
    import_path(work)
    result = import_path(home)
    keep, other = batch_duplicates(result.batch)[0][:2]
    merge_contacts(keep, other)
    for path in (work, home):
        assert import_path(path).created == 0
    assert Contact.select().count() == 1


def test_an_address_book_update_leaves_linkedins_digest_so_its_same_row_stays_unchanged(
    db, tmp_path
):
    """The digest is LinkedIn's memory of its row: Google's newer title stays until LinkedIn
    says something new, and undoing the Google import puts LinkedIn's title back."""
    li = linkedin(tmp_path / "c.csv", [
        ["Cara", "Diaz", url("cara"), "", "Initech", "Senior PM", "05 May 2020"],
    ])  # fmt: skip
    g = google(tmp_path / "g.csv", [("Cara", "Diaz", "Initech", "PM", "cara@x.example", "")])
    import_path(li)
    digest = Contact.get().import_digest
    google_batch = import_path(g).batch
    assert (Contact.get().position, Contact.get().import_digest) == ("PM", digest)
    result = import_path(li)
    assert (result.unchanged, result.updated) == (1, 0) and Contact.get().position == "PM"
    undo_import(google_batch)
    assert (Contact.get().position, Contact.get().import_digest) == ("Senior PM", digest)
    newer = linkedin(tmp_path / "c2.csv", [
        ["Cara", "Diaz", url("cara"), "", "Initech", "Director", "05 May 2020"],
    ])  # fmt: skip
    assert import_path(newer).updated == 1 and Contact.get().position == "Director"

"""ContactTable: what the contacts list shows for a search, a quick filter and a sort."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.services.companies import get_or_create_company, set_target
from crm.services.contact_table import (
    COL_COMPANY,
    COL_DEGREE,
    COL_LAST_CONTACT,
    COL_NAME,
    COL_NEXT_FOLLOW_UP,
    HEADERS,
    ContactTable,
)
from crm.services.contacts import archive_contact, create_contact
from crm.services.interactions import log_interaction
from crm.services.referrals import NameEntry, add_names

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def people(db):
    ana = create_contact(
        "Ana",
        "Lima",
        company="Acme Robotics",
        position="Data Scientist",
        closeness=3,
        email="ana@lima.org",
        tags="python, mentor",
    )
    bo = create_contact(
        "Bo",
        "Zhang",
        company="Zeta Bank",
        position="Recruiter",
        next_follow_up=TODAY - dt.timedelta(days=1),
    )
    cy = create_contact(
        "Cy", "Adams", position="Engineer", next_follow_up=TODAY + dt.timedelta(days=5)
    )
    old = create_contact("Dee", "Old", company="Acme Robotics")
    archive_contact(old.id)
    set_target(get_or_create_company("Acme Robotics").id, True)
    log_interaction(bo.id, "email", TODAY - dt.timedelta(days=3))
    log_interaction(bo.id, "call", TODAY - dt.timedelta(days=20))
    add_names(ana.id, [NameEntry("Eve", "Named", company="Zeta Bank")], on=TODAY)
    return {"ana": ana.id, "bo": bo.id, "cy": cy.id, "old": old.id}


def names(table: ContactTable, idx: list[int]) -> list[str]:
    return [table.rows[i][COL_NAME] for i in idx]


def test_rows_carry_every_column(people):
    table = ContactTable.load(TODAY)
    assert len(table) == 5
    row = table.rows[table.index_of(people["bo"])]
    assert len(HEADERS) == 8
    assert row[COL_NAME] == "Bo Zhang"
    assert row[COL_COMPANY] == "Zeta Bank"
    assert row[COL_LAST_CONTACT] == (TODAY - dt.timedelta(days=3)).isoformat()
    assert row[COL_DEGREE] == 1
    eve = next(r for r in table.rows if r[COL_NAME] == "Eve Named")
    assert eve[COL_DEGREE] == 2


def test_every_word_must_match_and_archived_hidden(people):
    table = ContactTable.load(TODAY)
    assert names(table, table.filter("")) == ["Ana Lima", "Bo Zhang", "Cy Adams", "Eve Named"]
    assert names(table, table.filter("acme")) == ["Ana Lima"]  # Dee is archived
    assert names(table, table.filter("ZETA")) == ["Bo Zhang", "Eve Named"]
    assert names(table, table.filter("zeta rec")) == ["Bo Zhang"]
    assert names(table, table.filter("mentor")) == ["Ana Lima"]  # tags
    assert names(table, table.filter("ana@lima")) == ["Ana Lima"]  # email
    assert table.filter("nobody here") == []


def test_narrowing_as_you_type_matches_a_fresh_search(people):
    table = ContactTable.load(TODAY)
    typed = [table.filter(prefix) for prefix in ("z", "ze", "zet", "zeta", "zeta ", "zeta b")]
    fresh = ContactTable.load(TODAY).filter("zeta b")
    assert typed[-1] == fresh
    # Deleting letters widens again.
    assert names(table, table.filter("z")) == ["Bo Zhang", "Eve Named"]


def test_fast_path_for_rare_words_on_a_big_table():
    rows = [
        (f"P{i}", "", "", 0, 1, "identified", None, None, i, "", False, False, False, "")
        for i in range(5000)
    ]
    texts = [f"person {i} at company{i % 7}" for i in range(5000)]
    table = ContactTable(rows, texts, TODAY)
    slow = [i for i in table.order if "person 4999" in texts[i]]
    assert table.filter("person 4999") == slow
    assert len(table.filter("company3")) == len([t for t in texts if "company3" in t])


def test_typing_letter_by_letter_on_a_big_table_matches_a_fresh_search_at_every_key():
    """One letter is searched without a count and without keeping the texts of its rows:
    the next key builds them. Every key, forwards and back, must show what a fresh search
    shows."""
    rows = [
        (f"P{i}", "", "", 0, 1, "identified", None, None, i, "", False, False, False, "")
        for i in range(5000)
    ]
    texts = [f"{'ana' if i % 3 else 'bo'} lopez {i} at company{i % 7}" for i in range(5000)]
    table = ContactTable(rows, texts, TODAY)
    for query in ("a", "a", "an", "ana", "ana ", "ana l", "ana lo", "ana", "a", "", "c", "co 1"):
        fresh = ContactTable(rows, texts, TODAY).filter(query)
        words = query.split()
        expected = [i for i in table.order if all(w in texts[i] for w in words)]
        assert table.filter(query) == fresh == expected, query


@pytest.mark.parametrize("odd_text", ["plain", "two\nlines"])
def test_a_search_prepared_while_idle_finds_what_an_unprepared_one_finds(odd_text):
    """Preparing lays the texts out afresh in row order; a text holding a newline (which
    would shift the rows of the split) keeps the loaded texts instead."""
    rows = [
        (f"P{i}", "", "", 0, 1, "identified", None, None, i, "", False, False, False, "")
        for i in range(3000)
    ]
    texts = [f"ana {i} at company{i % 7}" if i % 4 else f"bo {i}" for i in range(3000)]
    texts[1234] = f"ana {odd_text} lopez"
    prepared = ContactTable(rows, texts, TODAY)
    prepared.sort(1, True)
    prepared.prepare()
    for query in ("a", "an", "lopez", "ana lo", "b", "bo 2", "company3", "lines"):
        plain = ContactTable(rows, texts, TODAY)
        plain.sort(1, True)
        expected = [i for i in plain.order if all(w in texts[i] for w in query.split())]
        assert prepared.filter(query) == plain.filter(query) == expected, query


def test_quick_filters(people):
    table = ContactTable.load(TODAY)
    assert names(table, table.filter("", "vouchers")) == ["Ana Lima"]
    assert names(table, table.filter("", "targets")) == ["Ana Lima"]
    assert names(table, table.filter("", "due")) == ["Bo Zhang"]
    assert "Dee Old" in names(table, table.filter("", "archived"))
    assert names(table, table.filter("acme", {"archived", "targets"})) == ["Ana Lima", "Dee Old"]
    with pytest.raises(ValueError):
        table.filter("", "nonsense")


def test_a_follow_up_is_due_on_its_day_and_after(people):
    def due_on(day: dt.date) -> set[str]:
        table = ContactTable.load(day)
        return {row[COL_NAME] for row in table.rows if table.follow_up_due(row)}

    assert due_on(TODAY) == {"Bo Zhang"}
    assert due_on(TODAY + dt.timedelta(days=5)) == {"Bo Zhang", "Cy Adams"}
    assert due_on(TODAY - dt.timedelta(days=2)) == set()


def test_sort_any_column_empty_last(people):
    table = ContactTable.load(TODAY)
    table.sort(COL_COMPANY)
    assert names(table, table.filter("")) == ["Ana Lima", "Bo Zhang", "Eve Named", "Cy Adams"]
    table.sort(COL_COMPANY, descending=True)
    # Descending still keeps the contact without a company at the end.
    assert names(table, table.filter(""))[-1] == "Cy Adams"
    assert names(table, table.filter(""))[0] in ("Bo Zhang", "Eve Named")
    table.sort(COL_NEXT_FOLLOW_UP)
    assert names(table, table.filter(""))[:2] == ["Bo Zhang", "Cy Adams"]
    table.sort(COL_LAST_CONTACT, descending=True)
    assert names(table, table.filter(""))[0] == "Bo Zhang"
    # The filter keeps the sort order.
    assert names(table, table.filter("zeta")) == ["Bo Zhang", "Eve Named"]
    with pytest.raises(ValueError):
        table.sort(99)


def test_text_columns_sort_case_blind_and_alike_values_keep_name_order():
    """Sorting ranks each distinct value once: "acme", "ACME" and "Acme" tie and stay in
    name order, accents and case do not split them from their neighbours, empty is last."""
    people = [
        ("Zoe Ward", "acme"),
        ("Al Berg", "ACME"),
        ("Mo Chen", "Éclair Labs"),
        ("Bea Ortiz", "Acme"),
        ("Cal Dunn", ""),
        ("Dee Fox", None),
        ("Eli Gray", "beta"),
        ("", "Beta"),
    ]
    rows = [
        (name, co, "", 0, 1, "identified", None, None, i, "", False, False, False, "")
        for i, (name, co) in enumerate(people)
    ]
    table = ContactTable(rows, [""] * len(rows), TODAY)
    table.sort(COL_COMPANY)
    shown = [people[i][0] for i in table.filter("")]
    assert shown == [
        "Al Berg", "Bea Ortiz", "Zoe Ward", "", "Eli Gray", "Mo Chen", "Cal Dunn", "Dee Fox"
    ]  # fmt: skip
    table.sort(COL_COMPANY, descending=True)
    shown = [people[i][0] for i in table.filter("")]
    assert shown == [
        "Mo Chen", "", "Eli Gray", "Al Berg", "Bea Ortiz", "Zoe Ward", "Cal Dunn", "Dee Fox"
    ]  # fmt: skip
    table.sort(COL_NAME)
    assert [people[i][0] for i in table.filter("")][-1] == ""  # an empty name sorts last too


def test_display_words(people):
    table = ContactTable.load(TODAY)
    row = table.rows[table.index_of(people["ana"])]
    assert ContactTable.display(row, 3) == "3 · can vouch"
    assert ContactTable.display(row, COL_DEGREE) == "1st"


def test_contact_card_gathers_links_jobs_and_timeline(people):
    from crm.services.companies import company_names
    from crm.services.contact_card import contact_card
    from crm.services.jobs import create_job

    create_job("Data Lead", company="Acme Robotics")
    card = contact_card(people["ana"])
    assert card.name == "Ana Lima" and card.company == "Acme Robotics"
    assert card.company_is_target
    assert [(link.name, link.status_label) for link in card.named] == [("Eve Named", "named")]
    assert [job.title for job in card.jobs] == ["Data Lead"]
    assert card.details_text().splitlines()[:2] == ["Ana Lima", "Data Scientist at Acme Robotics"]
    bo = contact_card(people["bo"])
    assert [i.kind for i in bo.timeline] == ["email", "call"]  # newest first
    assert bo.last_contact() == TODAY - dt.timedelta(days=3)
    assert "Acme Robotics" in company_names()


def test_search_after_every_sort_finds_the_same_people_in_the_new_order(people):
    """A sort rebuilds the row order; the search texts follow it (they are picked on the
    first search after the sort), so the same word finds the same people in sorted order."""
    table = ContactTable.load(TODAY)
    for column in range(len(HEADERS)):
        for descending in (False, True):
            table.sort(column, descending)
            shown = table.filter("")
            assert sorted(names(table, shown)) == ["Ana Lima", "Bo Zhang", "Cy Adams", "Eve Named"]
            hits = table.filter("zeta")
            assert names(table, hits) == [
                n for n in names(table, shown) if n in ("Bo Zhang", "Eve Named")
            ]
            assert names(table, table.filter("zeta bank recr")) == ["Bo Zhang"]
    table.sort(COL_COMPANY, False)
    # blank companies (Cy) last, the others case-blind
    assert names(table, table.filter(""))[-1] == "Cy Adams"

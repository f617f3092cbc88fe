"""The CLI through a real subprocess, near-duplicates, and the fast key paths."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from crm.importers.dates import parse_date
from crm.importers.duplicates import near_duplicates
from crm.importers.keys import fast_name_key, fast_url_key
from crm.normalize import name_key, url_key
from crm.services.contacts import create_contact

from . import samples as s

CLI = str(Path(sys.executable).with_name("vouch-cli"))


def _cli(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60)


def test_cli_import_json_and_undo(tmp_path):
    db = str(tmp_path / "v.db")
    path = s.linkedin_current(tmp_path / "Connections.csv")
    run = _cli("--db", db, "import", str(path), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data == {"format": "linkedin", "encoding": "utf-8", "rows": 7, "created": 6,
                    "updated": 0, "unchanged": 0, "skipped": 1, "batch": 1,
                    "skipped_rows": [
                        {"row": 11, "reason": "only a date: the person has left LinkedIn"}
                    ],
                    "warnings": []}  # fmt: skip
    run = _cli("--db", db, "import", str(path))
    assert run.returncode == 0
    assert "6 unchanged" in run.stdout and "skipped row 11: only a date" in run.stdout
    run = _cli("--db", db, "undo-import")
    assert run.returncode == 0 and "removed 6 contacts" in run.stdout
    run = _cli("--db", db, "undo-import", "1")
    assert run.returncode == 2 and "already undone" in run.stderr


def test_cli_bad_input_exits_2_with_one_line(tmp_path):
    db = str(tmp_path / "v.db")
    path = tmp_path / "huge.csv"
    path.write_text(
        ",".join(s.HEADER) + "\nA,B,,,Acme,CEO,01 Jan 2020\nC,D,,," + "x" * 100_000 + "\n"
    )
    run = _cli("--db", db, "import", str(path))
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "row 3" in lines[0]
    stats = _cli("--db", db, "stats", "--json")
    assert json.loads(stats.stdout)["contacts"] == 0


def test_cli_forced_format(tmp_path):
    db = str(tmp_path / "v.db")
    path = s.google_current(tmp_path / "g.csv")
    assert _cli("--db", db, "import", str(path), "--format", "outlook").returncode == 2
    run = _cli("--db", db, "import", str(path), "--format", "google", "--json")
    assert run.returncode == 0 and json.loads(run.stdout)["created"] == 2


def test_near_duplicates(db):
    bob = create_contact("Bob", "Smith", company="Hooli")
    robert = create_contact("Robert", "Smith", company="Hooli")
    create_contact("Robert", "Smith", company="Initech")
    create_contact("Alice", "Jones", company="Hooli")
    jon = create_contact("Jonathon", "Baker", company="Acme")
    jonathan = create_contact("Jonathan", "Baker", company="Acme")
    found = near_duplicates()
    pairs = {(d.a_id, d.b_id): d for d in found}
    assert set(pairs) == {(bob.id, robert.id), (jon.id, jonathan.id)}
    assert "nickname" in pairs[(bob.id, robert.id)].reason
    assert pairs[(jon.id, jonathan.id)].score >= 88
    assert near_duplicates(limit=1) == found[:1]


def test_same_name_with_two_profiles_is_not_a_duplicate(db):
    create_contact("Bob", "Smith", company="Hooli", linkedin_url="https://linkedin.com/in/a")
    create_contact("Bob", "Smith", company="Hooli", linkedin_url="https://linkedin.com/in/b")
    # nor a nickname with a profile of their own ("Robert Smith" is someone else's page)
    create_contact("Robert", "Smith", company="Hooli", linkedin_url="https://linkedin.com/in/c")
    assert near_duplicates() == []
    # one without a profile can be either of them
    rob = create_contact("Robert", "Smith", company="Hooli")
    assert {d.b_id for d in near_duplicates()} == {rob.id}


names = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@settings(max_examples=400, deadline=None)
@given(names, names)
def test_fast_name_key_is_name_key(first, last):
    first, last = " ".join(first.split()), " ".join(last.split())
    assert fast_name_key(first, last) == name_key(first, last)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcXY%/?#-_.:é ", max_size=20))
def test_fast_url_key_is_url_key(tail):
    url = " ".join(f"https://www.linkedin.com/in/{tail}".split())
    assert fast_url_key(url) == url_key(url)


def test_dates_every_spelling():
    import datetime as dt

    cases = {
        "03 May 2024": dt.date(2024, 5, 3),
        "1/8/18, 6:14 PM": dt.date(2018, 1, 8),
        "12/22/16, 9:55 AM": dt.date(2016, 12, 22),
        "23-Nov-21": dt.date(2021, 11, 23),
        "9-Nov-21": dt.date(2021, 11, 9),
        "16.09.2021": dt.date(2021, 9, 16),
        "2024-12-16 18:24:37 UTC": dt.date(2024, 12, 16),
        "Sat Dec 14 08:57:55 UTC 2024": dt.date(2024, 12, 14),
        "2024/12/07 14:51:07 UTC": dt.date(2024, 12, 7),
        "44776": dt.date(2022, 8, 3),
        44776: dt.date(2022, 8, 3),
        dt.datetime(2020, 2, 3, 4, 5): dt.date(2020, 2, 3),
        "31 Feb 2024": None,
        "soon": None,
        "": None,
    }
    for raw, want in cases.items():
        assert parse_date(raw) == want, raw


@settings(max_examples=400, deadline=None)
@given(
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)),
    st.sampled_from(["{d:%d} {m} {d:%Y}", "{d.day} {m} {d:%Y}", "{d:%d} {M} {d:%Y}",
                     "{d:%d}-{m}-{d:%Y}", "{d:%d} {m} {d:%y}", "{d:%d} {m} {d:%Y} "]),
)  # fmt: skip
def test_the_fast_linkedin_date_reads_as_the_full_parser_or_hands_over(day, spelling):
    """'03 May 2024' goes straight to ISO; anything else ('' back) goes to parse_date."""
    from crm.importers.dates import linkedin_iso

    month = day.strftime("%b")  # the C locale of the tests: English month names
    text = spelling.format(d=day, m=month, M=month.upper())
    fast = linkedin_iso(text)
    assert fast == "" or fast == parse_date(text).isoformat(), text
    if spelling == "{d:%d} {m} {d:%Y}" and day.day <= 28:
        assert fast == day.isoformat()
    if text[1].isdigit():  # a full-width digit is a digit to str.isdigit, not to a date
        assert linkedin_iso(text[0] + chr(ord(text[1]) + 0xFEE0) + text[2:]) == ""


def test_near_duplicates_among_some_people_are_the_pairs_that_hold_one_of_them(db):
    """An import's summary looks only at pairs with one of its new people; those must be
    exactly the pairs the whole-network search finds with one of them in it."""
    import random

    rng = random.Random(5)
    firsts = ["Bob", "Robert", "Rob", "Ann", "Anne", "Anna", "Liz", "Elizabeth", "Tom"]
    lasts = ["Smith", "Smyth", "Lee", "Li", "Ng"]
    companies = ["Acme", "Hooli", "Initech", ""]
    ids = [
        create_contact(rng.choice(firsts), rng.choice(lasts), company=rng.choice(companies)).id
        for _ in range(60)
    ]
    everything = near_duplicates(limit=10_000)
    assert len(everything) > 20
    for seed in range(5):
        some = set(random.Random(seed).sample(ids, 7))
        expected = [d for d in everything if d.a_id in some or d.b_id in some]
        assert near_duplicates(limit=10_000, among=some) == expected, seed

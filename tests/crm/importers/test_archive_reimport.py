"""Re-importing a LinkedIn archive leaves the user's edits alone; facts are matched by the
profile URL a row carries; jobs are keyed by their URL; an unreadable side file is skipped
with a warning; drafts are no messages."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crm.errors import InputError
from crm.importers.api import import_path, undo_import
from crm.importers.archive_files import SIDE_CELL
from crm.services.contacts import update_contact
from crm.store import migrations
from crm.store.connection import close_database, open_database
from crm.store.models import Company, Contact, Interaction, Job, db

from . import samples as s

MSG_HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
              "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
              "IS MESSAGE DRAFT"]  # fmt: skip
END_HEADER = ["Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name",
              "Endorser Public Url", "Endorsement Status"]  # fmt: skip
APP_HEADER = ["Application Date", "Contact Email", "Contact Phone Number", "Company Name",
              "Job Title", "Job Url", "Resume Name", "Question And Answers"]  # fmt: skip
SAVED_HEADER = ["Saved Date", "Job Url", "Job Title", "Company Name"]


def _write(path: Path, rows: list[list[str]]) -> None:
    path.write_text(s._csv(rows), encoding="utf-8")


def _contact(first: str) -> Contact:
    return Contact.get(Contact.first_name == first)


def _targets() -> set[str]:
    return {c.name for c in Company.select().where(Company.is_target)}


def _jobs() -> set[tuple[str, str]]:
    return {(j.title, j.url) for j in Job.select()}


def _messages(first: str) -> list[tuple]:
    who = _contact(first)
    return [(m.kind, m.date.isoformat(), m.notes)
            for m in Interaction.select().where(Interaction.contact == who)]  # fmt: skip


def _user_edits() -> None:
    """What a user does after the first import: not a voucher after all, not a target,
    not interested in that job."""
    update_contact(_contact("Bob").id, closeness=1, tags="colleague")
    update_contact(_contact("Priya").id, closeness=0, tags="")
    Company.update(is_target=False).where(Company.name == "Hooli").execute()
    Job.delete().where(Job.title == "Data Engineer").execute()


# --- 1. re-importing the same export changes nothing the user wrote -----------------------


def test_reimporting_the_same_archive_keeps_the_users_edits(db, tmp_path):
    folder = s.archive_folder(tmp_path / "export")
    import_path(folder)
    _user_edits()
    again = import_path(folder)
    assert again.batch is None
    assert again.extras == {"messages": 0, "messages_not_with_connections": 1, "recommended": 0, "endorsed": 0,
                            "target_companies": 0, "jobs": 0}  # fmt: skip
    bob, priya = _contact("Bob"), _contact("Priya")
    assert (bob.closeness, bob.tags) == (1, "colleague")
    assert (priya.closeness, priya.tags) == (0, "")
    assert _targets() == {"Massive Dynamic"}
    assert {t for t, _u in _jobs()} == {"Analyst"}


def test_reimporting_the_zip_after_the_folder_changes_nothing(db, tmp_path):
    folder = s.archive_folder(tmp_path / "export")
    import_path(folder)
    _user_edits()
    zipped = s.archive_zip(tmp_path / "export.zip", tmp_path / "src")
    assert import_path(zipped).batch is None
    assert _contact("Priya").tags == "" and "Hooli" not in _targets()


def test_a_new_fact_in_a_newer_export_still_applies(db, tmp_path):
    folder = s.archive_folder(tmp_path / "export")
    import_path(folder)
    _user_edits()
    _write(folder / "Endorsement_Received_Info.csv", [END_HEADER,
           ["2024/12/07 14:51:07 UTC", "Python", "Bob", "Smith", "www.linkedin.com/in/bob-smith-77", "ACCEPTED"],
           ["2025/01/07 10:00:00 UTC", "Hiring", "Sam", "Lee (they/them)", s.url("samlee"), "ACCEPTED"]])  # fmt: skip
    _write(folder / "Company Follows.csv", [["Organization", "Followed On"],
           ["Hooli", "Sat Dec 14 08:57:55 UTC 2024"], ["Initech", "Sat Jan 04 08:00:00 UTC 2025"]])  # fmt: skip
    _write(folder / "Jobs" / "Saved Jobs.csv", [SAVED_HEADER,
           ["12/15/24, 7:47 AM", "https://www.linkedin.com/jobs/view/111", "Data Engineer", "Hooli"],
           ["1/5/25, 9:00 AM", "https://www.linkedin.com/jobs/view/333", "ML Engineer", "Hooli"]])  # fmt: skip
    newer = import_path(folder)
    assert newer.extras == {"messages": 0, "messages_not_with_connections": 1, "recommended": 0, "endorsed": 1,
                            "target_companies": 1, "jobs": 1}  # fmt: skip
    sam = _contact("Sam")
    assert (sam.closeness, sam.tags) == (2, "endorsed")
    assert _contact("Bob").tags == "colleague"  # the endorsement it already applied: not again
    assert _targets() == {"Massive Dynamic", "Initech"}
    assert {t for t, _u in _jobs()} == {"Analyst", "ML Engineer"}


def test_undoing_the_import_that_applied_a_fact_forgets_it(db, tmp_path):
    folder = s.archive_folder(tmp_path / "export")
    s.linkedin_current(tmp_path / "c.csv", left=0)
    import_path(tmp_path / "c.csv")
    archive = import_path(folder)
    undo_import(archive.batch)
    assert _contact("Bob").tags == "" and _targets() == set() and _jobs() == set()
    again = import_path(folder)
    assert again.extras == {"messages": 2, "messages_not_with_connections": 1, "recommended": 1, "endorsed": 1,
                            "target_companies": 2, "jobs": 2}  # fmt: skip
    assert (_contact("Bob").closeness, _contact("Bob").tags) == (2, "endorsed")
    assert _targets() == {"Hooli", "Massive Dynamic"}
    # and once more: nothing new
    _user_edits()
    assert import_path(folder).batch is None
    assert _contact("Bob").tags == "colleague"


def test_a_fact_the_user_already_had_is_not_applied_after_they_remove_it(db, tmp_path):
    """Bob was a voucher and Hooli a target before the archive came: the import changes
    nothing for them, and once the user takes it back, the same export does not put it back."""
    folder = s.archive_folder(tmp_path / "export")
    s.linkedin_current(tmp_path / "c.csv", left=0)
    import_path(tmp_path / "c.csv")
    update_contact(_contact("Bob").id, closeness=2, tags="endorsed")
    Company.update(is_target=True).where(Company.name == "Hooli").execute()
    import_path(folder)
    update_contact(_contact("Bob").id, closeness=0, tags="")
    Company.update(is_target=False).where(Company.name == "Hooli").execute()
    assert import_path(folder).batch is None
    assert _contact("Bob").tags == "" and "Hooli" not in _targets()


def test_a_fact_about_a_deleted_contact_applies_when_the_contact_comes_back(db, tmp_path):
    folder = s.archive_folder(tmp_path / "export")
    import_path(folder)
    Contact.delete_by_id(_contact("Bob").id)
    import_path(folder)
    assert (_contact("Bob").closeness, _contact("Bob").tags) == (2, "endorsed")


def test_after_a_merge_a_removed_tag_stays_removed_on_re_import(db, tmp_path):
    """The archive's facts about a merged-away contact move to the one kept: deleted with it,
    a re-import would tag the merged contact again."""
    from crm.services.contacts import create_contact, merge_contacts

    folder = s.archive_folder(tmp_path / "export")
    import_path(folder)
    bob = _contact("Bob")
    robert = create_contact(first_name="Robert", last_name="Smith")
    merge_contacts(robert.id, bob.id)
    assert "endorsed" in Contact.get_by_id(robert.id).tags
    update_contact(robert.id, closeness=1, tags="")
    import_path(folder)
    merged = Contact.get_by_id(robert.id)
    assert (merged.closeness, merged.tags) == (1, "")


# --- 2. a profile URL in the row decides who it is ----------------------------------------


def test_a_namesake_with_another_profile_url_is_not_the_connection(db, tmp_path):
    folder = s.archive_folder(tmp_path / "export")
    other_ana, other_bob = s.url("ana-lopez-sales-99"), s.url("bob-smith-other")
    _write(folder / "messages.csv", [MSG_HEADER,
           ["c1", "", "Ana Lopez", other_ana, "Me", s.ME, "2024-12-16 18:24:37 UTC", "", "Buy!", "INBOX", "No"],
           ["c2", "", "Me", s.ME, "Bob Smith", other_bob, "2024-12-10 09:00:00 UTC", "", "Hi", "INBOX", "No"],
           ["c3", "", "Me", s.ME, "Seán O\u2019Brien", s.url("sean-obrien"), "2024-12-11 09:00:00 UTC", "", "Hi", "INBOX", "No"]])  # fmt: skip
    _write(folder / "Endorsement_Received_Info.csv", [END_HEADER,
           ["2024/12/07 14:51:07 UTC", "Python", "Bob", "Smith", other_bob, "ACCEPTED"]])  # fmt: skip
    result = import_path(folder)
    assert _messages("Ana") == [] and _messages("Bob") == []
    assert _messages("Seán") == [("message", "2024-12-11", "LinkedIn message")]
    assert result.extras["messages"] == 1 and result.extras["endorsed"] == 0
    assert (_contact("Bob").closeness, _contact("Bob").tags) == (0, "")


def test_rows_without_a_profile_url_still_match_by_name(db, tmp_path):
    folder = s.archive_folder(tmp_path / "export")
    _write(folder / "messages.csv", [MSG_HEADER,
           ["c1", "", "Ana Lopez", "", "Me", "", "2018-03-01 10:00:00 UTC", "", "Hi", "INBOX", "No"],
           ["c2", "", "Me", s.ME, "Bob Smith", "", "2018-03-02 10:00:00 UTC", "", "Hi", "INBOX", "No"],
           ["c3", "", "Me", s.ME, "Ana Lopez", s.url("ana-lopez-1a2b"), "2024-12-16 10:00:00 UTC", "", "Hi", "INBOX", "No"]])  # fmt: skip
    _write(folder / "Endorsement_Received_Info.csv", [END_HEADER,
           ["2024/12/07 14:51:07 UTC", "Python", "Bob", "Smith", "", "ACCEPTED"]])  # fmt: skip
    import_path(folder)
    assert [d for _k, d, _n in _messages("Ana")] == ["2018-03-01", "2024-12-16"]
    assert [d for _k, d, _n in _messages("Bob")] == ["2018-03-02"]
    assert _contact("Bob").tags == "endorsed"


# --- 3. jobs are keyed by their URL --------------------------------------------------------


def test_two_jobs_with_one_title_at_one_company_are_two_jobs(db, tmp_path):
    folder = s.archive_folder(tmp_path / "export")
    _write(folder / "Jobs" / "Job Applications.csv", [APP_HEADER,
           ["12/15/24, 7:47 AM", "", "", "Google", "Software Engineer", "https://www.linkedin.com/jobs/view/1001", "", ""],
           ["11/2/24, 9:00 AM", "", "", "Google", "Software Engineer", "https://www.linkedin.com/jobs/view/2002", "", ""],
           ["10/1/24, 9:00 AM", "", "", "Pied Piper", "Backend Dev", "", "", ""],
           ["10/2/24, 9:00 AM", "", "", "Pied Piper", "Backend Dev", "", "", ""]])  # fmt: skip
    _write(folder / "Jobs" / "Saved Jobs.csv", [SAVED_HEADER,
           ["12/15/24, 7:47 AM", "https://www.linkedin.com/jobs/view/3003", "Software Engineer", "Google"],
           ["12/16/24, 7:47 AM", "http://linkedin.com/jobs/view/1001/?trk=x", "Software Engineer", "Google"]])  # fmt: skip
    result = import_path(folder)
    assert result.extras["jobs"] == 4
    rows = sorted((j.title, j.company.name, j.url, j.status) for j in Job.select())
    assert rows == [
        ("Backend Dev", "Pied Piper", "", "applied"),
        ("Software Engineer", "Google", "https://www.linkedin.com/jobs/view/1001", "applied"),
        ("Software Engineer", "Google", "https://www.linkedin.com/jobs/view/2002", "applied"),
        ("Software Engineer", "Google", "https://www.linkedin.com/jobs/view/3003", "interested"),
    ]
    assert import_path(folder).batch is None


# --- 4. a side file that cannot be read is skipped with a warning -------------------------


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("Company Follows.csv", "\n", "empty"),
        ("Company Follows.csv", "", "empty"),
        ("Recommendations_Received.csv",
         "Recommender,Company,Job Title,Text,Creation Date,Status\nBob Smith,Hooli,PM,great,,VISIBLE\n",
         "first name"),
        ("messages.csv", ",".join(MSG_HEADER) + '\nc1,,Ana Lopez,x,Me,y,2024-12-16,,"cut off', "CSV"),
        ("Jobs/Saved Jobs.csv", "\x00\x01\x02binary\x00" * 50, ""),
    ],
)  # fmt: skip
def test_an_unreadable_side_file_is_skipped_with_a_warning(db, tmp_path, name, content, problem):
    folder = s.archive_folder(tmp_path / "export")
    (folder / name).write_text(content, encoding="utf-8")
    result = import_path(folder)
    assert result.created == 6 and Contact.select().count() == 6
    warned = [w for w in result.warnings if Path(name).name in w]
    assert len(warned) == 1 and problem.casefold() in warned[0].casefold(), result.warnings
    assert "skipped" in warned[0]
    assert _contact("Bob").tags == "endorsed"  # the other files still import


def test_an_unreadable_connections_file_still_refuses_the_archive(db, tmp_path):
    folder = s.archive_folder(tmp_path / "export")
    (folder / "Connections.csv").write_text("\n", encoding="utf-8")
    with pytest.raises(InputError):
        import_path(folder)
    assert Contact.select().count() == 0 and Job.select().count() == 0


def test_the_cli_shows_the_warning_and_imports_the_rest(tmp_path):
    folder = s.archive_folder(tmp_path / "export")
    (folder / "Company Follows.csv").write_text("\n", encoding="utf-8")
    cli = str(Path(sys.executable).with_name("vouch-cli"))
    run = subprocess.run([cli, "--db", str(tmp_path / "v.db"), "import", str(folder)],
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "6 created" in run.stdout
    assert any(
        line.strip().startswith("warning:") and "Company Follows.csv" in line
        for line in run.stdout.splitlines()
    )


# --- 5. drafts were never sent -------------------------------------------------------------


def test_message_drafts_are_not_interactions(db, tmp_path):
    folder = s.archive_folder(tmp_path / "export")
    _write(folder / "messages.csv", [MSG_HEADER,
           ["c1", "", "Me", s.ME, "Ana Lopez", s.url("ana-lopez-1a2b"), "2024-12-16 10:00:00 UTC", "", "draft", "DRAFT", ""],
           ["c2", "", "Me", s.ME, "Bob Smith", s.url("bob-smith-77"), "2024-12-10 09:00:00 UTC", "", "draft", "INBOX", "true"],
           ["c3", "", "Me", s.ME, "Sam Lee", s.url("samlee"), "2024-12-11 09:00:00 UTC", "", "draft", "", "Yes"],
           ["c4", "", "Priya Nayak", s.url("priya-nayak"), "Me", s.ME, "2024-12-12 09:00:00 UTC", "", "hi", "INBOX", "false"]])  # fmt: skip
    result = import_path(folder)
    assert result.extras["messages"] == 1
    assert _messages("Ana") == [] and _messages("Bob") == [] and _messages("Sam") == []
    assert _messages("Priya") == [("message", "2024-12-12", "LinkedIn message")]


# --- the schema step ------------------------------------------------------------------------


def test_a_version_6_database_migrates_and_reimports_without_undoing_edits(tmp_path):
    path = tmp_path / "v6.db"
    open_database(path, backup=False)
    close_database()
    con = sqlite3.connect(path)
    con.execute("DROP TABLE archive_fact")
    con.execute("PRAGMA user_version = 6")
    con.commit()
    con.close()
    open_database(path, backup=False)
    open_database(path, backup=False)  # the step is idempotent: a second open finds it done
    try:
        assert migrations.get_version(db.obj) == migrations.SCHEMA_VERSION
        migrations.MIGRATIONS[6](db.obj)  # and running it again does no harm
        folder = s.archive_folder(tmp_path / "export")
        import_path(folder)
        _user_edits()
        assert import_path(folder).batch is None
        assert _contact("Priya").tags == ""
    finally:
        close_database()


def test_a_side_file_that_breaks_half_way_gives_none_of_its_rows(db, tmp_path):
    """All of a file or none of it: the rows before the bad one are not imported alone."""
    folder = s.archive_folder(tmp_path / "export")
    huge = '"' + "x" * (SIDE_CELL + 1) + '"'
    (folder / "Jobs" / "Saved Jobs.csv").write_text(
        "Saved Date,Job Url,Job Title,Company Name\n"
        "12/15/24,https://www.linkedin.com/jobs/view/111,Data Engineer,Hooli\n"
        f"12/16/24,https://www.linkedin.com/jobs/view/112,{huge},Hooli\n",
        encoding="utf-8",
    )
    result = import_path(folder)
    assert {t for t, _u in _jobs()} == {"Analyst"}
    assert [w for w in result.warnings if "Saved Jobs.csv" in w and "skipped" in w]


def test_a_message_the_user_deleted_stays_deleted_until_its_import_is_undone(db, tmp_path):
    folder = s.archive_folder(tmp_path / "archive")
    first = import_path(folder)
    assert _messages("Ana")
    Interaction.delete().where(
        (Interaction.kind == "message") & (Interaction.contact == _contact("Ana").id)
    ).execute()
    again = import_path(folder)
    assert again.extras.get("messages", 0) == 0
    assert _messages("Ana") == []
    undo_import(first.batch)  # Ana was created by that import and is gone with it
    import_path(folder)
    assert _messages("Ana")

import datetime as dt

from crm.importers.user_fields import user_fields


def test_defaults_when_the_file_holds_no_user_fields():
    assert user_fields(None) == (0, "identified", "", "", None, 0)


def test_fields_written_by_the_user_are_read_back():
    got = user_fields(
        {"closeness": "3", "stage": "Met", "tags": " voucher ", "notes": "Ex-boss",
         "next_follow_up": dt.date(2026, 12, 1), "archived": "Yes"}
    )  # fmt: skip
    assert got == (3, "met", "voucher", "Ex-boss", "2026-12-01", 1)
    assert user_fields({"archived": ""})[5] == user_fields({"archived": "active"})[5] == 0


def test_a_bad_closeness_or_stage_is_a_reason_to_skip_the_row():
    assert "closeness '7'" in user_fields({"closeness": "7"})
    assert "stage 'hired'" in user_fields({"stage": "hired"})

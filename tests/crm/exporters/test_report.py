"""The report workbook: what a user finds when they open it."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest

from crm.exporters import fastrows, report
from crm.exporters.report import SHEET_ORDER, export_report
from crm.exporters.sheets import CONTACT_HEADERS
from crm.services.metrics import STATUS_LABELS
from tests.crm.exporters.conftest import INJECTIONS, formulas_in

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def workbook(demo_db, tmp_path):
    path = export_report(tmp_path / "report.xlsx", today=TODAY)
    return path, openpyxl.load_workbook(path)


def test_sheets_in_order_with_the_exact_contacts_header(workbook):
    path, wb = workbook
    assert path.name == "report.xlsx"
    assert wb.sheetnames == list(SHEET_ORDER)
    header = [c.value for c in wb["Contacts"][1]]
    assert header == [
        "First Name", "Last Name", "URL", "Email Address", "Company", "Position",
        "Connected On", "Phone", "Closeness", "Stage", "Tags", "Notes", "Degree",
        "Last Contact", "Next Follow-up", "Archived",
    ]  # fmt: skip
    assert tuple(header) == CONTACT_HEADERS


def test_contacts_rows_equal_the_database(workbook):
    from crm.services.interactions import last_contact_dates
    from crm.services.referral_chains import degrees
    from crm.store.models import Contact

    _, wb = workbook
    rows = list(wb["Contacts"].iter_rows(min_row=2, values_only=True))
    last, deg = last_contact_dates(), degrees()

    def day(v):
        return v.date() if isinstance(v, dt.datetime) else v

    got = sorted(tuple(day(v) if v is not None else "" for v in r) for r in rows)
    want = sorted(
        (
            c.first_name,
            c.last_name,
            c.linkedin_url,
            c.email,
            c.company.name if c.company else "",
            c.position,
            c.connected_on or "",
            c.phone,
            c.closeness,
            c.stage,
            c.tags,
            c.notes,
            deg.get(c.id, ""),
            last.get(c.id, ""),
            c.next_follow_up or "",
            "Yes" if c.archived else "",
        )  # fmt: skip
        for c in Contact.select()
    )
    assert len(rows) == Contact.select().count() == 68
    assert got == want


def test_dates_are_date_cells_and_urls_are_hyperlinks(workbook):
    _, wb = workbook
    ws = wb["Contacts"]
    col = {c.value: c.column for c in ws[1]}
    dated = [r[col["Connected On"] - 1] for r in ws.iter_rows(min_row=2) if r[6].value]
    assert dated
    for cell in dated:
        assert cell.is_date and cell.data_type == "d"
        assert "yy" in cell.number_format
    links = [r[col["URL"] - 1] for r in ws.iter_rows(min_row=2) if r[2].value]
    assert links
    for cell in links:
        assert cell.hyperlink is not None
        assert cell.hyperlink.target == cell.value
        assert cell.value.startswith("https://www.linkedin.com/in/")


def test_header_rows_frozen_styled_and_filterable(workbook):
    _, wb = workbook
    for name in SHEET_ORDER[1:]:
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        head = ws.cell(1, 1)
        assert head.font.b and head.fill.fgColor.rgb.endswith("2F5F73"), name
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
        assert all(6 <= w <= 60 for w in widths), (name, widths)
    # The Notes column is wider than Closeness: widths follow the values.
    contacts = wb["Contacts"]
    assert contacts.column_dimensions["E"].width > contacts.column_dimensions["I"].width


def test_summary_states_the_campaign_against_its_goals(workbook):
    from crm.services.metrics import campaign

    _, wb = workbook
    c = campaign(TODAY)
    values: dict = {}
    for r in wb["Summary"].iter_rows(values_only=True):
        if r and r[0]:
            values.setdefault(r[0], r[1:])  # the first table: this week against the goals
    assert values["Meetings"][0] == c.this_week.meetings
    assert values["Meetings"][1] == f"{c.goals.meetings_low}-{c.goals.meetings_high}"
    assert values["Job-hunting network"][0] == c.network_size
    # the words of the app's metric cards, not a second vocabulary
    assert values["Meetings"][2] == STATUS_LABELS[c.status()["meetings"]]
    assert values["Hours"][2] == STATUS_LABELS[c.status()["hours"]]
    weekly = list(wb["Weekly metrics"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in weekly] == [w.iso_week for w in c.weeks]
    assert [r[4] for r in weekly] == [w.meetings for w in c.weeks]


def test_native_charts_read_the_weekly_metrics(workbook):
    path, wb = workbook
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert "xl/charts/chart1.xml" in names and "xl/charts/chart2.xml" in names
        bars = z.read("xl/charts/chart1.xml").decode()
        line = z.read("xl/charts/chart2.xml").decode()
    assert "barChart>" in bars and "lineChart>" in line
    n = len(list(wb["Weekly metrics"].iter_rows()))
    assert f"<f>'Weekly metrics'!$E$2:$E${n}</f>" in bars  # meetings
    assert f"<f>'Weekly metrics'!$F$2:$F${n}</f>" in bars  # new contacts
    assert f"<f>'Weekly metrics'!$N$2:$N${n}</f>" in line  # network size
    assert f"<f>'Weekly metrics'!$O$2:$O${n}</f>" in line  # target (low)
    assert f"<strRef><f>'Weekly metrics'!$B$2:$B${n}</f>" in line  # week labels
    assert len(wb["Summary"]._charts) == 2


def test_companies_sheet_names_each_priority_in_words(workbook):
    from crm.store.models import Company

    _, wb = workbook
    rows = list(wb["Companies"].iter_rows(values_only=True))
    column = rows[0].index("Priority")
    written = {row[0]: row[column] for row in rows[1:]}
    words = {0: None, 1: "High", 2: "Medium", 3: "Low"}
    stored = {c.name: words[c.priority] for c in Company.select()}
    assert written == stored
    assert {"High", "Medium"} <= set(written.values())


def test_referral_chains_one_row_per_chain_with_each_hop_status(workbook):
    from crm.exporters.sheets import chains

    _, wb = workbook
    ws = wb["Referral chains"]
    header = [c.value for c in ws[1]]
    assert header[:6] == ["Chain", "Hops", "Voucher", "Voucher's company", "Hop 1", "Hop 1 status"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    paths = chains()
    assert len(rows) == len(paths) > 0
    first = paths[0]
    assert rows[0][2] == first[0].name
    assert rows[0][1] == len(first) - 1
    assert rows[0][5] in ("knows", "named", "introduction requested", "introduced", "met")


def test_formula_prefixes_are_written_as_text(hostile, tmp_path):
    path = export_report(tmp_path / "r.xlsx", today=TODAY)
    wb = openpyxl.load_workbook(path)
    ws = wb["Contacts"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == INJECTIONS[0])
    by_header = {ws.cell(1, c.column).value: c for c in row}
    fields = ("First Name", "Last Name", "Position", "Tags", "Notes", "Phone")
    for name, text in zip(fields, INJECTIONS, strict=True):
        cell = by_header[name]
        assert cell.value == text, name
        assert cell.data_type == "s", name
        assert cell.quotePrefix, name
    assert by_header["Company"].value.startswith("=HYPERLINK")
    assert by_header["Company"].data_type == "s"
    assert formulas_in(path) == []


def test_fast_rows_match_the_plain_openpyxl_path(hostile, tmp_path, monkeypatch):
    fast = export_report(tmp_path / "fast.xlsx", today=TODAY)
    monkeypatch.setattr(fastrows, "available", lambda ws: False)
    slow = export_report(tmp_path / "slow.xlsx", today=TODAY)
    a, b = openpyxl.load_workbook(fast), openpyxl.load_workbook(slow)
    for wa, wb_ in zip(a, b, strict=True):
        assert (wa.max_row, wa.max_column) == (wb_.max_row, wb_.max_column)
        for ra, rb in zip(wa.iter_rows(), wb_.iter_rows(), strict=True):
            for ca, cb in zip(ra, rb, strict=True):
                assert (ca.value, ca.data_type, ca.number_format, ca.quotePrefix) == (
                    cb.value, cb.data_type, cb.number_format, cb.quotePrefix,
                ), (wa.title, ca.coordinate)  # fmt: skip
                assert (ca.hyperlink and ca.hyperlink.target) == (
                    cb.hyperlink and cb.hyperlink.target
                )


def test_progress_reaches_the_end_and_cancel_leaves_nothing(demo_db, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    seen = []
    export_report(tmp_path / "r.xlsx", progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    from crm.errors import Cancelled

    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 2

    target = tmp_path / "cancelled.xlsx"
    with pytest.raises(Cancelled):
        export_report(target, progress=lambda d, t: None, cancelled=cancelled)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx"]


def test_a_failing_sheet_leaves_the_existing_file_untouched(demo_db, tmp_path, monkeypatch):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"the report from yesterday")

    def broken():
        raise RuntimeError("disk gremlins")

    monkeypatch.setitem(report.DATA_SHEETS, "Jobs", broken)
    with pytest.raises(RuntimeError):
        export_report(target)
    assert target.read_bytes() == b"the report from yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


def test_round_trip_through_the_importer(demo_db, tmp_path):
    """The exported Contacts sheet imports back: same people, and no change the second time."""
    import crm.importers.api as importers
    from crm.store.connection import open_database
    from crm.store.models import Contact

    def people():
        return sorted(
            (c.first_name, c.last_name, c.linkedin_url, c.email, c.position, c.connected_on,
             c.closeness, c.stage, c.tags, c.notes, c.company.name if c.company else "")
            for c in Contact.select()
        )  # fmt: skip

    path = export_report(tmp_path / "r.xlsx", today=TODAY)
    before = people()
    again = importers.import_path(path)
    assert (again.created, again.updated) == (0, 0)
    assert people() == before

    open_database(tmp_path / "empty.db", backup=False)
    fresh = importers.import_path(path)
    assert fresh.created == len(before)
    assert people() == before


def test_an_empty_database_gives_a_valid_report(db, tmp_path):
    path = export_report(tmp_path / "empty.xlsx", today=TODAY)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == list(SHEET_ORDER)
    assert [c.value for c in wb["Contacts"][1]] == list(CONTACT_HEADERS)
    assert wb["Contacts"].max_row == 1
    assert wb["Contacts"].auto_filter.ref == "A1:P1"
    assert wb["Weekly metrics"].max_row == 2  # the campaign's first week


def test_summary_of_a_campaign_set_to_start_later_says_when(db, tmp_path):
    from crm.services.settings import set_campaign_start

    set_campaign_start(TODAY + dt.timedelta(days=9))
    path = export_report(tmp_path / "r.xlsx", today=TODAY)
    lines = [r[0] for r in openpyxl.load_workbook(path)["Summary"].iter_rows(values_only=True)]
    start = (TODAY + dt.timedelta(days=9)).isoformat()
    assert f"Campaign starts {start}" in lines
    assert not any(isinstance(v, str) and "day -" in v for v in lines)

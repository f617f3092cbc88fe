"""The report of a first week, read as the job seeker reads it: the split adds up to 100
and the network chart shows the week's point."""

from __future__ import annotations

import datetime as dt
import zipfile
from xml.etree import ElementTree

import openpyxl

from crm.exporters.report import export_report
from crm.services import settings
from crm.services.effort import log_day
from crm.services.metrics import campaign

MONDAY = dt.date(2026, 11, 30)
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _summary(path) -> dict:
    values: dict = {}
    for row in openpyxl.load_workbook(path)["Summary"].iter_rows(values_only=True):
        if row and row[0]:
            values.setdefault(row[0], row[1:])
    return values


def test_the_effort_split_adds_up_to_100(db, tmp_path):
    settings.set_campaign_start(MONDAY)
    log_day(MONDAY, {"networking": 6, "applying": 1.5, "visibility": 1.5})
    path = export_report(tmp_path / "week1.xlsx", today=MONDAY)
    shown = _summary(path)["Effort split (networking / applying / visibility)"][0]
    parts = [int(p) for p in shown.split(" / ")]
    assert sum(parts) == 100, shown  # was 67 / 17 / 17
    assert parts == [67, 17, 16]
    assert campaign(MONDAY).this_week.split_percent() == {
        "networking": 67,
        "applying": 17,
        "visibility": 16,
    }


def test_no_hours_is_a_zero_split(db):
    settings.set_campaign_start(MONDAY)
    assert campaign(MONDAY).this_week.split_percent() == dict.fromkeys(
        ("networking", "applying", "visibility"), 0
    )


def test_the_network_chart_marks_the_first_weeks_point(db, tmp_path):
    settings.set_campaign_start(MONDAY)
    path = export_report(tmp_path / "week1.xlsx", today=MONDAY)
    with zipfile.ZipFile(path) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    line = ElementTree.fromstring(next(xml for xml in charts if "lineChart" in xml))
    series = line.findall(f".//{C}lineChart/{C}ser")
    symbols = [s.find(f"{C}marker/{C}symbol") for s in series]
    # one week is one point per series: without a marker Excel and LibreOffice draw nothing
    assert [s.get("val") if s is not None else None for s in symbols] == [
        "circle",
        "dash",
        "dash",
    ]


def test_the_week_is_named_as_the_app_names_it_and_answers_read_like_yes(db, tmp_path):
    from crm.services.contacts import create_contact
    from crm.services.interactions import MeetingRecord, log_meeting

    settings.set_campaign_start(MONDAY)
    raj = create_contact("Raj", "Ivanova", closeness=3)
    log_meeting(MeetingRecord(raj.id, MONDAY, answer="maybe", why_not="wants the portfolio"))
    path = export_report(tmp_path / "week1.xlsx", today=MONDAY + dt.timedelta(days=2))
    wb = openpyxl.load_workbook(path)
    titles = [r[0] for r in wb["Summary"].iter_rows(values_only=True) if r and r[0]]
    assert "Week 1 of the campaign (30 Nov to 06 Dec 2026) against your goals" in titles
    ws = wb["Interactions"]
    row = dict(zip([c.value for c in ws[1]], [c.value for c in ws[2]], strict=True))
    assert (row["Asked to recommend"], row["Answer"]) == ("Yes", "Maybe")  # was "maybe"

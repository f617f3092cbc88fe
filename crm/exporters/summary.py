"""The Summary sheet (the campaign against its goals), Weekly metrics, and the two charts.

Numbers come from crm.services.metrics.campaign(), the same figures the Metrics panel shows;
the charts are native Excel charts that read the Weekly metrics sheet, so they stay live if
the user edits or filters the numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.shapes import GraphicalProperties

from crm.exporters.cells import FORMULA_PREFIXES, Styles, styled
from crm.exporters.table import DATE, NUMBER, TEXT, Progress, write_table
from crm.services.metrics import STATUS_LABELS, Campaign, WeekMetrics
from crm.services.stats import counts

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

WEEKLY_TITLE = "Weekly metrics"
WEEKLY_HEADERS = (
    "Week",
    "ISO week",
    "Starts",
    "Ends",
    "Meetings",
    "New contacts",
    "Names",
    "Names per meeting",
    "Introductions",
    "Networking hours",
    "Applying hours",
    "Visibility hours",
    "Total hours",
    "Job-hunting network",
    "Target (low)",
    "Target (high)",
)
WEEKLY_KINDS = (NUMBER, TEXT, DATE, DATE) + (NUMBER,) * 12
# Columns of WEEKLY_HEADERS the charts read (1-based).
COL_ISO, COL_MEETINGS, COL_NEW, COL_NETWORK, COL_LOW, COL_HIGH = 2, 5, 6, 14, 15, 16

# the words the app shows on its metric cards: "On track", "Almost", "Behind"
STATUS_WORDS = STATUS_LABELS


def _target(c: Campaign, week: WeekMetrics, size: int) -> int:
    """Where the network should be by the end of `week` on a straight line to the goal."""
    end = min(week.end, c.today)
    days = (end - c.start).days + 1
    if days <= 0:
        return 0
    return round(min(1.0, days / c.goals.network_days) * size)


def weekly_rows(c: Campaign) -> list[tuple]:
    rows = []
    for w in c.weeks:
        npm = round(w.names_per_meeting, 2) if w.names_per_meeting is not None else None
        rows.append(
            (
                w.index,
                w.iso_week,
                w.start,
                w.end,
                w.meetings,
                w.new_contacts,
                w.names,
                npm,
                w.introductions,
                round(w.hours.get("networking", 0.0), 2),
                round(w.hours.get("applying", 0.0), 2),
                round(w.hours.get("visibility", 0.0), 2),
                round(w.total_hours, 2),
                w.network_size,
                _target(c, w, c.goals.network_low),
                _target(c, w, c.goals.network_high),
            )
        )
    return rows


def write_weekly(
    wb: Workbook, styles: Styles, ws: WriteOnlyWorksheet, c: Campaign, meter: Progress
) -> int:
    return write_table(
        wb,
        styles,
        WEEKLY_TITLE,
        WEEKLY_HEADERS,
        weekly_rows(c),
        kinds=WEEKLY_KINDS,
        ws=ws,
        meter=meter,
    )


def _range(lo, hi) -> str:
    return f"{lo:g}" if lo == hi else f"{lo:g}-{hi:g}"


def write_summary(
    ws: WriteOnlyWorksheet, styles: Styles, c: Campaign, weekly_ws: WriteOnlyWorksheet
) -> None:
    """Campaign figures as short labelled tables, the charts to their right."""
    g, st, w = c.goals, c.status(), c.this_week

    def cell(value, style=None):
        """A value as a cell; text from the database that Excel would take for a formula
        (a job channel "=..." from a foreign backup) is written as text."""
        if style is None and not (isinstance(value, str) and value[:1] in FORMULA_PREFIXES):
            return value
        return styled(ws, value, style)

    def status(key):
        word = st.get(key, "off")
        return cell(STATUS_WORDS.get(word, word), styles.status.get(word, styles.bold))

    def section(text):
        ws.append([])
        ws.append([cell(text, styles.section)])

    def header(*names):
        ws.append([cell(n, styles.header) for n in names])

    for col, width in zip("ABCD", (46, 14, 18, 12), strict=True):
        ws.column_dimensions[col].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.append([cell("Vouch report", styles.title)])
    if c.day < 1:  # a start set ahead: no "day -9"
        ws.append([f"Campaign starts {c.start.isoformat()}"])
    else:
        ws.append([f"Campaign started {c.start.isoformat()}, day {c.day}"])
    ws.append(["Report date", cell(c.today, styles.date)])

    # the week as the app names it (Metrics: "Week 1 of the campaign"), not only "2026-W49"
    section(
        f"Week {w.index} of the campaign ({w.start:%d %b} to {w.end:%d %b %Y}) against your goals"
    )
    header("Measure", "This week", "Goal", "Status")
    npm = round(w.names_per_meeting, 1) if w.names_per_meeting is not None else "-"
    split = w.split_percent()
    goals = (
        ("Meetings", w.meetings, _range(g.meetings_low, g.meetings_high), "meetings"),
        (
            "New contacts",
            w.new_contacts,
            _range(g.new_contacts_low, g.new_contacts_high),
            "new_contacts",
        ),
        (
            "Names per meeting",
            npm,
            _range(g.names_per_meeting_low, g.names_per_meeting_high),
            "names_per_meeting",
        ),
        ("Hours", round(w.total_hours, 1), _range(g.hours_low, g.hours_high), "hours"),
        (
            "Effort split (networking / applying / visibility)",
            " / ".join(str(split[k]) for k in ("networking", "applying", "visibility")),
            f"{g.split_networking} / {g.split_applying} / {g.split_visibility}",
            "split",
        ),
        (
            "Job-hunting network",
            c.network_size,
            f"{_range(g.network_low, g.network_high)} by day {g.network_days}",
            "network",
        ),
    )
    for label, value, goal, key in goals:
        ws.append([label, cell(value, styles.center), cell(goal, styles.center), status(key)])
    forecast = cell(c.forecast, styles.center_date) if c.forecast else "no pace yet"
    ws.append([f"Network reaches {g.network_low} on", forecast])

    section("Funnel")
    header("Stage", "Count")
    for name, value in c.funnel.items():
        ws.append([cell(name.capitalize()), value])

    section("Interview rate by channel")
    header("Channel", "Jobs", "Interviews", "Rate")
    for ch, r in c.channels.items():
        ws.append([cell(ch.capitalize()), r.jobs, r.interviews, cell(r.rate, styles.percent)])
    if c.referral_ratio:
        ws.append(["Referred vs direct", cell(round(c.referral_ratio, 1), styles.times)])

    section("In this database")
    for name, value in counts().items():
        ws.append([cell(name.capitalize()), value])

    _add_charts(ws, weekly_ws, len(c.weeks))


def _add_charts(ws, weekly_ws, n_weeks: int) -> None:
    last = n_weeks + 1
    cats = Reference(weekly_ws, min_col=COL_ISO, min_row=2, max_row=last)

    bars = BarChart()
    bars.type = "col"
    bars.title = "Meetings and new contacts per week"
    bars.y_axis.title = "People"
    bars.x_axis.title = "Week"
    data = Reference(weekly_ws, min_col=COL_MEETINGS, max_col=COL_NEW, min_row=1, max_row=last)
    bars.add_data(data, titles_from_data=True)
    _text_categories(bars, cats)
    _axes_visible(bars)
    bars.width, bars.height = 18, 8.5
    ws.add_chart(bars, "F2")

    line = LineChart()
    line.title = "Job-hunting network against the target"
    line.y_axis.title = "People"
    line.x_axis.title = "Week"
    data = Reference(weekly_ws, min_col=COL_NETWORK, max_col=COL_HIGH, min_row=1, max_row=last)
    line.add_data(data, titles_from_data=True)
    _text_categories(line, cats)
    size, low, high = line.series
    size.graphicalProperties.line.width = 38_100  # 3 pt, in EMU
    size.graphicalProperties.line.solidFill = "2F5F73"
    for target, color in ((low, "7FB77E"), (high, "3D8B3D")):
        target.graphicalProperties.line.dashStyle = "dash"
        target.graphicalProperties.line.solidFill = color
        target.smooth = False
    size.smooth = False
    # A line needs two weeks to show: in week 1 each series is one point, drawn only as a
    # marker (without markers the chart was empty for the whole first week).
    for series, symbol, color in (
        (size, "circle", "2F5F73"),
        (low, "dash", "7FB77E"),
        (high, "dash", "3D8B3D"),
    ):
        series.marker.symbol = symbol
        series.marker.size = 7
        series.marker.graphicalProperties = GraphicalProperties(solidFill=color)
        series.marker.graphicalProperties.line.solidFill = color
    _axes_visible(line)
    line.width, line.height = 18, 8.5
    ws.add_chart(line, "F20")


def _text_categories(chart, cats: Reference) -> None:
    """Week labels are text: a string reference, not openpyxl's default numeric one."""
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=str(cats)))


def _axes_visible(chart) -> None:
    # openpyxl 3.1 writes <c:delete val="1"/> on axes by default: Excel then hides them.
    chart.x_axis.delete = False
    chart.y_axis.delete = False

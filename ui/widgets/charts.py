"""The metrics charts (QtCharts), fed from crm.services.metrics.Campaign, never from text.

Importing this module loads QtCharts, so the metrics view imports it only when first shown.
Each chart keeps references to its series and sets so tests can read the values back.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QAreaSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalPercentBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from crm.services.effort import CATEGORIES
from crm.services.metrics import Campaign
from ui.widgets.metric_card import is_dark
from ui.widgets.wording import count

WEEKLY = (("meetings", "Meetings"), ("new_contacts", "New contacts"), ("names", "Names"))
FUNNEL = (
    ("network", "Network"),
    ("meetings", "Meetings"),
    ("introductions", "Introductions"),
    ("interviews", "Interviews"),
    ("offers", "Offers"),
)
# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
# In the words of the hours dialog and the Effort split card ("Visibility" was said only here)
CATEGORY_LABELS = {"networking": "Networking", "applying": "Applying", "visibility": "Being found"}
LEGEND_SCALE = 0.85
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")


class ChartView(QChartView):
    """A chart that follows the light/dark palette and rebuilds its series on update."""

    def __init__(self, title: str, parent: QWidget | None = None):
        self.chart_ = QChart()
        super().__init__(self.chart_, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(320, 240)
        self.chart_.setTitle(title)
        self.chart_.setMargins(QMargins(4, 4, 4, 4))
        legend = self.chart_.legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
        # A size smaller than the axes, and the whole entry on hover: at 1024 pixels the
        # weekly chart's four entries were cut to "New cont…", "Names o…", "Meetings …".
        font = legend.font()
        font.setPointSizeF(font.pointSizeF() * LEGEND_SCALE)
        legend.setFont(font)
        legend.setShowToolTips(True)
        self._theme()

    def _theme(self) -> None:
        dark = is_dark(self.palette())
        self.chart_.setTheme(
            QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        )
        self.chart_.setBackgroundBrush(self.palette().base())
        text = self.palette().text().color()
        self.chart_.setTitleBrush(text)
        self.chart_.legend().setLabelColor(text)
        title = self.chart_.titleFont()
        title.setBold(True)
        self.chart_.setTitleFont(title)

    def _reset(self) -> None:
        self.chart_.removeAllSeries()
        for axis in self.chart_.axes():
            self.chart_.removeAxis(axis)

    def _attach(self, series, x_axis, y_axis) -> None:
        self.chart_.addSeries(series)
        for axis, side in (
            (x_axis, Qt.AlignmentFlag.AlignBottom),
            (y_axis, Qt.AlignmentFlag.AlignLeft),
        ):
            if axis not in self.chart_.axes():
                self.chart_.addAxis(axis, side)
            series.attachAxis(axis)
            axis.setLabelsColor(self.palette().text().color())

    def _label_colours(self, series) -> None:
        """Value labels drawn outside the bars take the text colour of the palette."""
        for bar_set in series.barSets():
            bar_set.setLabelColor(self.palette().text().color())

    def update_from(self, campaign: Campaign) -> None:
        raise NotImplementedError


def _bar_set(label: str, values: list[float], colour: str) -> QBarSet:
    s = QBarSet(label)
    s.append([float(v) for v in values])
    s.setColor(QColor(colour))
    s.setBorderColor(QColor(colour))
    return s


def _integer_ticks(axis: QValueAxis) -> None:
    """A count axis whose ticks all fall on whole numbers (never "0 0 1 1 2")."""
    top = int(axis.max())
    if top <= 10:
        axis.setTickCount(top + 1)


def _nice_max(value: float, minimum: float = 1) -> float:
    top = max(value, minimum)
    step = 5 if top > 10 else 1
    return float(int(top / step + 1) * step)


class WeeklyChart(ChartView):
    """Meetings, new contacts and names obtained per campaign week."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Per week: meetings, new contacts, names obtained", parent)
        self.sets: dict[str, QBarSet] = {}
        self.categories: list[str] = []

    def update_from(self, campaign: Campaign) -> None:
        self._reset()
        self.series = QBarSeries()
        self.sets = {}
        for (key, label), colour in zip(WEEKLY, PALETTE, strict=False):
            self.sets[key] = _bar_set(label, [getattr(w, key) for w in campaign.weeks], colour)
            self.series.append(self.sets[key])
        self.series.setLabelsVisible(True)
        self.series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.categories = [f"{w.start.day} {w.start:%b}" for w in campaign.weeks]
        x = QBarCategoryAxis()
        x.append(self.categories)
        top = max([s.at(i) for s in self.sets.values() for i in range(s.count())] or [0])
        top = max(top, campaign.goals.new_contacts_high)
        x.setTitleText("Week starting")
        x.setTitleBrush(self.palette().text())
        y = QValueAxis()
        y.setRange(0, _nice_max(top))
        y.applyNiceNumbers()
        y.setLabelFormat("%d")
        self._attach(self.series, x, y)
        self._label_colours(self.series)
        self._goal_lines(campaign, x, y)

    def _goal_lines(self, campaign: Campaign, x, y) -> None:
        """Dashed lines at the weekly meeting goal, to read the bars against."""
        n = len(campaign.weeks)
        self.meeting_goal = QLineSeries()
        self.meeting_goal.setName(f"Goal: {count(campaign.goals.meetings_low, 'meeting')}")
        self.meeting_goal.append(-0.5, campaign.goals.meetings_low)
        self.meeting_goal.append(n - 0.5, campaign.goals.meetings_low)
        pen = QPen(QColor(PALETTE[0]))
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setWidth(2)
        self.meeting_goal.setPen(pen)
        hidden_x = QValueAxis()
        hidden_x.setRange(-0.5, n - 0.5)
        hidden_x.setVisible(False)
        self.chart_.addSeries(self.meeting_goal)
        self.chart_.addAxis(hidden_x, Qt.AlignmentFlag.AlignBottom)
        self.meeting_goal.attachAxis(hidden_x)
        self.meeting_goal.attachAxis(y)


class NetworkChart(ChartView):
    """The job-hunting network by campaign day, with the 50-60 target band."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Job-hunting network by campaign day", parent)

    def update_from(self, campaign: Campaign) -> None:
        self._reset()
        g = campaign.goals
        last_day = max(campaign.day, g.network_days, 1)
        self.size_series = QLineSeries()
        self.size_series.setName("Network")
        size = 0
        self.size_series.append(1, 0)
        for day, running in campaign.network_dates:
            x = (day - campaign.start).days + 1
            self.size_series.append(x, size)  # steps, not slopes
            size = running
            self.size_series.append(x, size)
        self.size_series.append(max(campaign.day, 1), size)
        pen = QPen(QColor(PALETTE[0]))
        pen.setWidth(3)
        self.size_series.setPen(pen)

        self.low_series, self.high_series = QLineSeries(), QLineSeries()
        for line, value in ((self.low_series, g.network_low), (self.high_series, g.network_high)):
            line.append(1, value)
            line.append(last_day, value)
        self.band = QAreaSeries(self.high_series, self.low_series)
        self.band.setName(f"Target {g.network_low}-{g.network_high}")
        band = QColor(PALETTE[2])
        band.setAlpha(70)
        self.band.setBrush(band)
        self.band.setPen(QPen(QColor(PALETTE[2])))

        self.pace_series = QLineSeries()
        self.pace_series.setName(f"On time for day {g.network_days}")
        self.pace_series.append(1, 0)
        self.pace_series.append(g.network_days, g.network_low)
        dash = QPen(QColor(PALETTE[1]))
        dash.setStyle(Qt.PenStyle.DashLine)
        dash.setWidth(2)
        self.pace_series.setPen(dash)

        x = QValueAxis()
        x.setRange(1, last_day)
        x.setLabelFormat("%d")
        x.setTitleText("Campaign day")
        x.setTitleBrush(self.palette().text())
        y = QValueAxis()
        y.setRange(0, _nice_max(max(size, g.network_high) * 1.1))
        y.applyNiceNumbers()
        y.setLabelFormat("%d")
        for series in (self.band, self.pace_series, self.size_series):
            self._attach(series, x, y)


class SplitChart(ChartView):
    """This week's hours by category against the 60/20/20 goal, as stacked percent bars."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Effort split: this week against the goal", parent)
        self.sets: dict[str, QBarSet] = {}

    def update_from(self, campaign: Campaign) -> None:
        self._reset()
        g, w = campaign.goals, campaign.this_week
        goal = {
            "networking": g.split_networking,
            "applying": g.split_applying,
            "visibility": g.split_visibility,
        }
        # The week's row in the whole percents of the Effort split card and the report (they
        # add up to 100; its labels showed the hours, which read as percents beside the goal).
        week = w.split_percent()
        self.series = QHorizontalPercentBarSeries()
        self.sets = {}
        for cat, colour in zip(CATEGORIES, PALETTE, strict=False):
            label = CATEGORY_LABELS.get(cat, cat.capitalize())
            s = _bar_set(label, [goal[cat], week.get(cat, 0)], colour)
            s.setLabelColor(QColor("#ffffff" if cat != "applying" else "#000000"))
            self.sets[cat] = s
            self.series.append(s)
        self.series.setLabelsVisible(True)
        self.series.setLabelsFormat("@value")
        y = QBarCategoryAxis()
        y.append(["Goal (%)", f"This week (%, {w.total_hours:g} h)"])
        x = QValueAxis()
        x.setRange(0, 100)
        x.setLabelFormat("%d%%")
        self.chart_.addSeries(self.series)
        self.chart_.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        self.chart_.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        for axis in (x, y):
            self.series.attachAxis(axis)
            axis.setLabelsColor(self.palette().text().color())


class FunnelChart(ChartView):
    """Network → meetings → introductions → interviews → offers."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Funnel: network to offers", parent)
        self.values: dict[str, int] = {}

    def update_from(self, campaign: Campaign) -> None:
        self._reset()
        self.values = {key: campaign.funnel.get(key, 0) for key, _ in FUNNEL}
        # Horizontal bars grow upwards: list the stages bottom-up so "Network" is on top.
        stages = list(reversed(FUNNEL))
        self.set = _bar_set("Count", [self.values[k] for k, _ in stages], PALETTE[0])
        self.series = QHorizontalBarSeries()
        self.series.append(self.set)
        self.series.setLabelsVisible(True)
        self.series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.chart_.legend().setVisible(False)
        y = QBarCategoryAxis()
        y.append([label for _, label in stages])
        x = QValueAxis()
        x.setRange(0, _nice_max(max(self.values.values(), default=0) * 1.15))
        x.applyNiceNumbers()
        x.setLabelFormat("%d")
        _integer_ticks(x)
        self._label_colours(self.series)
        self.chart_.addSeries(self.series)
        self.chart_.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        self.chart_.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        for axis in (x, y):
            self.series.attachAxis(axis)
            axis.setLabelsColor(self.palette().text().color())

    def value_of(self, stage: str) -> float:
        """The bar value of a stage, read from the series."""
        keys = [k for k, _ in reversed(FUNNEL)]
        return self.set.at(keys.index(stage))


class ChannelChart(ChartView):
    """Interview rate by job channel; the title gives referral ÷ direct."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Interview rate by channel", parent)
        self.channels: list[str] = []
        self.title_lines: tuple[str, ...] = ("Interview rate by channel",)

    def update_from(self, campaign: Campaign) -> None:
        self._reset()
        self.channels = list(campaign.channels)
        rates = [campaign.channels[c].rate for c in self.channels]
        self.set = _bar_set(
            "Interviews per application (%)", [round(100 * (r or 0), 1) for r in rates], PALETTE[2]
        )
        self.series = QBarSeries()
        self.series.append(self.set)
        self.series.setLabelsVisible(True)
        self.series.setLabelsFormat("@value%")
        self.series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.chart_.legend().setVisible(False)
        ratio = campaign.referral_ratio
        if ratio is not None:
            comparison = f"referred {ratio:.1f}× direct"
        else:
            comparison = "referred vs direct not known yet"
        # Two lines: on one, the chart's half of a 1024-pixel window cut the title to
        # "Interview rate by channel: referred vs direct not kno...".
        self.title_lines = ("Interview rate by channel", comparison)
        self.chart_.setTitle(f"<center>{'<br>'.join(self.title_lines)}</center>")
        x = QBarCategoryAxis()
        x.append(
            [
                f"{c.capitalize()}<br>{r.interviews} of {r.jobs}"
                for c, r in campaign.channels.items()
            ]
        )
        y = QValueAxis()
        y.setRange(0, 120)
        y.setTickCount(7)
        y.setLabelFormat("%d%%")
        self._attach(self.series, x, y)
        self._label_colours(self.series)

    def rate_of(self, channel: str) -> float:
        """The bar value (percent) of a channel, read from the series."""
        return self.set.at(self.channels.index(channel))

    def title(self) -> str:
        """The title as it reads, one line after the other (the chart holds it as HTML)."""
        return "\n".join(self.title_lines)


ALL_CHARTS = (WeeklyChart, NetworkChart, SplitChart, FunnelChart, ChannelChart)

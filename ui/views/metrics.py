"""The metrics panel: is the campaign on track this week, and how is it trending?

Cards compare this week with the goals; charts show the weekly trend, the network against
its target band, the effort split, the funnel and the interview rate by channel. Every
number comes from crm.services.metrics.campaign(); QtCharts is imported on first show.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crm.services.metrics import Campaign, campaign
from ui import session as kinds
from ui.views.base import View
from ui.widgets.flow_grid import FlowGrid
from ui.widgets.metric_card import PENDING, MetricCard
from ui.widgets.wording import count

log = logging.getLogger(__name__)

CARDS = (
    ("meetings", "Meetings"),
    ("new_contacts", "New contacts"),
    ("names_per_meeting", "Names per meeting"),
    ("hours", "Hours"),
    ("split", "Effort split"),
    ("network", "Job-hunting network"),
)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


class MetricsView(View):
    name = "metrics"
    title = "Metrics"
    depends_on = frozenset(
        {
            kinds.CONTACTS,
            kinds.REFERRALS,
            kinds.INTERACTIONS,
            kinds.JOBS,
            kinds.EFFORT,
            kinds.SETTINGS,
        }
    )

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.today: dt.date | None = None  # None = the real today; tests pin a day
        self.campaign: Campaign | None = None
        self.charts: dict[str, QWidget] = {}
        self.dialog: QWidget | None = None  # the goals or effort dialog last opened

        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)  # else its length sets the narrowest the window can be
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setToolTip(
            "Network: the people you have met, talked to, emailed or been introduced to since "
            "the campaign started (Goals). Imported connections you have not contacted yet "
            "do not count."
        )
        self.goals_button = QPushButton("Goals and start date…")
        self.goals_button.setToolTip(
            "Edit the weekly goals, the network size goal and the start day"
        )
        self.effort_button = QPushButton("Log hours…")
        self.effort_button.setToolTip("Record the hours spent networking, applying, being found")
        self.goals_button.clicked.connect(self.edit_goals)
        self.effort_button.clicked.connect(self.log_effort)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.summary)
        top.addLayout(titles, 1)
        top.addWidget(self.effort_button)
        top.addWidget(self.goals_button)

        self.cards = {key: MetricCard(label) for key, label in CARDS}
        self.card_grid = FlowGrid(list(self.cards.values()), columns=(6, 3, 2))

        self._chart_host = QWidget()
        self._chart_grid = QGridLayout(self._chart_host)
        self._chart_grid.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._chart_host)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.card_grid)
        layout.addWidget(scroll, 1)

    # -- data ---------------------------------------------------------------------------

    def reload(self) -> None:
        self.campaign = c = campaign(self.today)
        self._fill_cards(c)
        self._ensure_charts()
        for chart in self.charts.values():
            chart.update_from(c)

    def _fill_cards(self, c: Campaign) -> None:
        g, w, st = c.goals, c.this_week, c.status()
        if c.day < 1:
            self.heading.setText(f"The campaign starts on {_day(c.start)}")
        else:
            self.heading.setText(
                f"Week {w.index} of the campaign · day {c.day} (started {_day(c.start)})"
            )
        if c.forecast is None:
            forecast = "no pace yet: meet or contact someone to start the count"
        elif c.network_size >= g.network_low:
            forecast = f"goal of {count(g.network_low, 'person')} reached on {_day(c.forecast)}"
        else:
            forecast = (
                f"at this pace you reach {count(g.network_low, 'person')} on {_day(c.forecast)}"
            )
        self.summary.setText(
            f"This week runs {w.start:%d %b} to {w.end:%d %b}. Network: {count(c.network_size, 'person')}; "
            f"{forecast}."
        )
        partial = c.week_fraction < 1

        def so_far(low: float) -> str:
            return f"Expected by today: {_num(low * c.week_fraction)}" if partial else ""

        self.cards["meetings"].set_values(
            str(w.meetings),
            f"Goal {g.meetings_low}-{g.meetings_high} a week",
            st["meetings"],
            so_far(g.meetings_low),
        )
        self.cards["new_contacts"].set_values(
            str(w.new_contacts),
            f"Goal {g.new_contacts_low}-{g.new_contacts_high} a week",
            st["new_contacts"],
            so_far(g.new_contacts_low),
        )
        npm = w.names_per_meeting
        self.cards["names_per_meeting"].set_values(
            "–" if npm is None else _num(npm),
            f"Goal {_num(g.names_per_meeting_low)}-{_num(g.names_per_meeting_high)}",
            PENDING if npm is None else st["names_per_meeting"],
            "No meeting yet this week"
            if npm is None
            else f"{count(w.names, 'name')} from {count(w.meetings, 'meeting')}",
        )
        self.cards["hours"].set_values(
            f"{_num(w.total_hours)} h",
            f"Goal {_num(g.hours_low)}-{_num(g.hours_high)} h a week",
            st["hours"],
            so_far(g.hours_low),
        )
        split = w.split_percent()  # whole percents that add up to 100, as in the report
        self.cards["split"].set_values(
            "/".join(str(split[k]) for k in ("networking", "applying", "visibility"))
            if w.total_hours
            else "–",
            f"Goal {g.split_networking}/{g.split_applying}/{g.split_visibility}",
            st["split"],
            "networking / applying / being found",
        )
        self.cards["network"].set_values(
            str(c.network_size),
            f"Goal {g.network_low}-{g.network_high} by day {g.network_days}",
            st["network"],
            f"Expected by day {c.day}: {c.expected_network:.0f}",
        )

    def _ensure_charts(self) -> None:
        if self.charts:
            return
        from ui.widgets import charts  # QtCharts loads only when the panel is first shown

        self.charts = {
            "weekly": charts.WeeklyChart(),
            "network": charts.NetworkChart(),
            "split": charts.SplitChart(),
            "funnel": charts.FunnelChart(),
            "channels": charts.ChannelChart(),
        }
        positions = {
            "weekly": (0, 0),
            "network": (0, 1),
            "funnel": (1, 0),
            "channels": (1, 1),
            "split": (2, 0, 1, 2),
        }
        for key, chart in self.charts.items():
            self._chart_grid.addWidget(chart, *positions[key])
        self.charts["split"].setMinimumHeight(200)
        self.charts["split"].setMaximumHeight(240)

    # -- actions ------------------------------------------------------------------------

    def edit_goals(self) -> None:
        from ui.dialogs.goals import GoalsDialog

        self.dialog = GoalsDialog(self.session, self)
        self.dialog.open()

    def log_effort(self) -> None:
        from ui.dialogs.effort import EffortDialog

        self.dialog = EffortDialog(self.session, self, today=self.today)
        self.dialog.open()

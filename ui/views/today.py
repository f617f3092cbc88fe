"""Today: the week against the goals, what is due, and the next steps in the method's words."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from crm.services.followups import follow_ups
from crm.services.metrics import Campaign, campaign
from crm.services.today import NextAction, next_actions
from ui.views.base import View
from ui.widgets.flow_grid import FlowGrid
from ui.widgets.followups_list import FollowUpsList
from ui.widgets.metric_card import PENDING, MetricCard
from ui.widgets.wording import count

log = logging.getLogger(__name__)

ActionRole = Qt.ItemDataRole.UserRole + 1

# Colour of the marker in front of each kind of next action.
KIND_COLORS = {
    "thank_you": "#1e8449",
    "vouchers": "#16a085",
    "meet_voucher": "#16a085",
    "introduction": "#8e44ad",
    "meet": "#2e86de",
    "talk": "#2e86de",
    "application": "#d68910",
    "targets": "#c0392b",
    "effort": "#7f8c8d",
}
KIND_LABELS = {
    "thank_you": "Thank-you",
    "vouchers": "Vouchers",
    "meet_voucher": "Vouchers",
    "introduction": "Warm path",
    "meet": "Meeting",
    "talk": "Warm path",
    "application": "Jobs",
    "targets": "Targets",
    "effort": "Effort",
}
CARDS = (
    ("meetings", "Meetings this week"),
    ("new_contacts", "New contacts"),
    ("names_per_meeting", "Names per meeting"),
    ("hours", "Hours"),
    ("network", "Job-hunting network"),
)


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


class _ActionDelegate(QStyledItemDelegate):
    """The step in bold (wrapped), then why or what in a muted line with a kind tag."""

    PAD_X, PAD_Y, MARK = 10, 7, 14

    def __init__(self, view: QListWidget):
        super().__init__(view)
        self.view = view

    def _fonts(self, font: QFont) -> tuple[QFont, QFont]:
        bold = QFont(font)
        bold.setBold(True)
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() * 0.85, 7))
        return bold, small

    def _text_width(self, rect_width: int) -> int:
        return max(rect_width - 2 * self.PAD_X - self.MARK, 80)

    def _title_height(self, font: QFont, text: str, width: int) -> int:
        fm = QFontMetrics(font)
        flags = int(Qt.TextFlag.TextWordWrap)
        return fm.boundingRect(QRect(0, 0, width, 10_000), flags, text).height()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        action: NextAction = index.data(ActionRole)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if action is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = opt.rect.adjusted(self.PAD_X, self.PAD_Y, -self.PAD_X, -self.PAD_Y)
        color = QColor(KIND_COLORS.get(action.kind, "#7f8c8d"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(QRect(r.x(), r.y() + 1, 4, r.height() - 2), 2, 2)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_color = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        bold, small = self._fonts(opt.font)
        x, width = r.x() + self.MARK, self._text_width(opt.rect.width())
        title_h = self._title_height(bold, action.text, width)
        painter.setFont(bold)
        painter.setPen(text_color)
        painter.drawText(
            QRect(x, r.y(), width, title_h), int(Qt.TextFlag.TextWordWrap), action.text
        )
        y = r.y() + title_h + 2
        fm_small = QFontMetrics(small)
        tag = KIND_LABELS.get(action.kind, "")
        tag_w = fm_small.horizontalAdvance(tag) + 14 if tag else 0
        line_h = max(QFontMetrics(opt.font).height(), fm_small.height() + 2)
        if tag:
            tag_rect = QRect(x + width - tag_w, y + 1, tag_w, fm_small.height() + 2)
            fill = QColor(color)
            fill.setAlpha(32)
            painter.setPen(color)
            painter.setBrush(fill)
            painter.drawRoundedRect(tag_rect, tag_rect.height() / 2, tag_rect.height() / 2)
            painter.setFont(small)
            dark = opt.palette.color(QPalette.ColorRole.Base).lightness() < 128
            readable = color.lighter(160) if dark else color.darker(120)
            painter.setPen(text_color if selected else readable)
            painter.drawText(tag_rect, Qt.AlignmentFlag.AlignCenter, tag)
        if action.detail:
            painter.setFont(opt.font)
            muted = QColor(text_color)
            if not selected:
                muted.setAlpha(150)
            painter.setPen(muted)
            room = self._detail_width(width, small)
            detail_h = max(line_h, self._title_height(opt.font, action.detail, room))
            painter.drawText(
                QRect(x, y, room, detail_h), int(Qt.TextFlag.TextWordWrap), action.detail
            )
        painter.restore()

    def _detail_width(self, width: int, small: QFont) -> int:
        """The detail wraps beside the widest tag, so that every row's text ends alike."""
        widest = max(QFontMetrics(small).horizontalAdvance(t) for t in KIND_LABELS.values())
        return max(width - widest - 14 - 10, 60)

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802
        action: NextAction = index.data(ActionRole)
        bold, small = self._fonts(option.font)
        # the width paint() gets: the viewport less the spacing on each side
        width = self._text_width(self.view.viewport().width() - 2 * self.view.spacing())
        title_h = self._title_height(bold, action.text if action else "", width)
        line_h = max(QFontMetrics(option.font).height(), QFontMetrics(small).height() + 2)
        if action is not None and action.detail:
            room = self._detail_width(width, small)
            line_h = max(line_h, self._title_height(option.font, action.detail, room))
        return QSize(width, title_h + 2 + line_h + 2 * self.PAD_Y)


class NextActionsList(QListWidget):
    """The day's next steps; a click on one with a person shows that person."""

    action_chosen = Signal(object)  # NextAction

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("next_actions")
        self.setItemDelegate(_ActionDelegate(self))
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSpacing(1)
        self.setMouseTracking(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.itemClicked.connect(lambda item: self.action_chosen.emit(item.data(ActionRole)))
        self.itemActivated.connect(lambda item: self.action_chosen.emit(item.data(ActionRole)))

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt name
        # The rows' heights depend on the width (the texts wrap). Adjust lays them out again
        # when the list is resized, not when only its scroll bar comes or goes: rows kept
        # the heights worked out beside a scroll bar that was no longer there.
        if event.type() == QEvent.Type.Resize:
            self.scheduleDelayedItemsLayout()
        return super().viewportEvent(event)

    def set_actions(self, actions: list[NextAction]) -> None:
        self.clear()
        for action in actions:
            item = QListWidgetItem(action.text)
            item.setData(ActionRole, action)
            tip = action.detail
            if action.contact_id is not None:
                tip += ("\n" if tip else "") + "Click to open this person"
            item.setToolTip(tip)
            self.addItem(item)

    def texts(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]


def _panel(title: str, subtitle: str, body: QWidget) -> QFrame:
    frame = QFrame()
    frame.setObjectName("panel")
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    lay = QVBoxLayout(frame)
    lay.setContentsMargins(10, 8, 10, 10)
    heading = QLabel(title)
    font = heading.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    heading.setFont(font)
    sub = QLabel(subtitle)
    sub.setWordWrap(True)
    sub.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    lay.addWidget(heading)
    lay.addWidget(sub)
    lay.addWidget(body, 1)
    return frame


class TodayView(View):
    name = "today"
    title = "Today"
    depends_on: frozenset[str] = frozenset()  # any change can move the day's list

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.today: dt.date | None = None  # None = the real today; tests pin a day
        self.campaign: Campaign | None = None
        self.actions: list[NextAction] = []

        self.heading = QLabel()
        self.heading.setObjectName("today_heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.subheading = QLabel()
        self.subheading.setObjectName("today_subheading")
        self.subheading.setWordWrap(True)
        self.subheading.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.cards = {key: MetricCard(label) for key, label in CARDS}
        self.card_grid = FlowGrid(list(self.cards.values()), columns=(5, 3))

        self.followups = FollowUpsList(session, loads_itself=False)
        self.next_list = NextActionsList()
        self.next_list.action_chosen.connect(self.open_action)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("today_splitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(
            _panel(
                "Due now",
                "Thank-yous, follow-ups and people to keep warm.",
                self.followups,
            )
        )
        splitter.addWidget(
            _panel(
                "Next steps",
                "What the method asks of you next. Click one to open the person.",
                self.next_list,
            )
        )
        # Three fifths to the table (five columns), two to the steps (which wrap)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        top.addLayout(titles, 1)
        layout.addLayout(top)
        layout.addWidget(self.card_grid)
        layout.addWidget(splitter, 1)

    # --- data --------------------------------------------------------------------------
    def reload(self) -> None:
        day = self.today or dt.date.today()
        self.campaign = c = campaign(day)
        self._fill_week(c, day)
        due = follow_ups(day)  # once, for the next steps and the list below them
        self.actions = next_actions(day, follow_ups=due)
        self.next_list.set_actions(self.actions)
        if hasattr(self.followups, "today"):
            self.followups.today = self.today
        self.followups.reload(due)

    def _fill_week(self, c: Campaign, day: dt.date) -> None:
        g, w, st = c.goals, c.this_week, c.status()
        self.heading.setText(f"{day:%A %d %B}")
        if c.forecast is None:
            pace = "meet or contact someone to start the count"
        elif c.network_size >= g.network_low:
            # "network target" names a company or job to work back from: the size is a goal
            pace = f"goal of {count(g.network_low, 'person')} reached"
        else:
            pace = f"at this pace the network reaches {g.network_low} on {c.forecast:%d %b}"
        when = (
            f"Campaign day {c.day} · week {w.index}"
            if c.day >= 1
            else f"The campaign starts on {c.start:%d %b %Y}"
        )
        self.subheading.setText(
            f"{when} · {count(c.network_size, 'person')} in your job-hunting network; {pace}."
        )
        self.cards["meetings"].set_values(
            str(w.meetings), f"of {g.meetings_low}-{g.meetings_high}", st["meetings"]
        )
        self.cards["new_contacts"].set_values(
            str(w.new_contacts),
            f"of {g.new_contacts_low}-{g.new_contacts_high}",
            st["new_contacts"],
        )
        npm = w.names_per_meeting
        self.cards["names_per_meeting"].set_values(
            "–" if npm is None else _num(npm),
            f"of {_num(g.names_per_meeting_low)}-{_num(g.names_per_meeting_high)}",
            PENDING if npm is None else st["names_per_meeting"],
        )
        self.cards["hours"].set_values(
            f"{_num(w.total_hours)} h",
            f"of {_num(g.hours_low)}-{_num(g.hours_high)} h",
            st["hours"],
        )
        self.cards["network"].set_values(
            str(c.network_size),
            f"of {g.network_low}-{g.network_high} by day {g.network_days}",
            st["network"],
        )

    # --- actions -----------------------------------------------------------------------
    def open_action(self, action: NextAction | None) -> None:
        """A person: show them. A company: show it in Companies. Else the page it is about."""
        if action is None:
            return
        if action.contact_id is not None:
            self.session.contact_selected.emit(action.contact_id)
            return
        window = self.window()
        show_view = getattr(window, "show_view", None)
        views = getattr(window, "views", {})
        if show_view is None:
            return
        if action.kind in ("targets", "application") or action.company_id is not None:
            target = "jobs" if action.kind == "application" else "companies"
            show_view(target)
            view = views.get("companies")
            if target == "companies" and action.company_id and view is not None:
                view.select_record(action.company_id)
        elif action.kind == "effort":  # "Log this week's hours": the hours dialog itself
            show_view("metrics").log_effort()
        elif action.kind == "vouchers":  # the people marked so far, else the search to find them
            show_view("contacts").show_vouchers()

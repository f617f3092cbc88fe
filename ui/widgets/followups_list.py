"""The follow-ups list shown on Today and in the Follow-ups view.

A table of what is due (kind badge, person, why, since, due; overdue in red and bold) with
the actions per item: write the email, mark it sent, snooze, open the contact.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QDate, QEvent, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm.errors import VouchError
from crm.services.contacts import has_contacts
from crm.services.followups import FollowUp, follow_ups, snooze
from ui import session as kinds
from ui.models.followups import (
    COL_DUE,
    COL_KIND,
    COL_PERSON,
    COL_REASON,
    COL_SINCE,
    FollowUpsModel,
    KindRole,
)
from ui.session import Session
from ui.widgets.metric_card import is_dark

log = logging.getLogger(__name__)

SNOOZE_CHOICES = (("1 day", 1), ("3 days", 3), ("1 week", 7))
# Badge colours (light, dark) per kind: text stays readable on both palettes.
BADGES = {
    "thank_you": ("#1b6e2a", "#7fd18b"),
    "follow_up": ("#0b57a4", "#8ab4f8"),
    "keep_warm": ("#8a5300", "#ffc266"),
    "losing_touch": ("#b3261e", "#ff8a80"),
}
NARROW_WIDTH = 900  # below this the Since column is hidden
PERSON_MIN = 120  # the Person column never narrower (names elide with a tooltip)
REASON_MIN = 160  # room left for Why before Person may take it
FIT_ROWS = 100  # rows measured to fit the Kind, Since and Due columns
NOTHING_DUE = "Nothing due: your network is warm."
# A new database: "your network is warm" would be wrong, and the next step is the import.
NO_CONTACTS = (
    "No contacts yet. Import your LinkedIn connections (File > Import…, {import_keys}) or "
    "add someone who can vouch for you (Edit > New contact…, {new_keys})."
)


def no_contacts_text() -> str:
    """NO_CONTACTS with the menu shortcuts as this platform writes them (⌘I on a Mac)."""
    native = QKeySequence.SequenceFormat.NativeText
    return NO_CONTACTS.format(
        import_keys=QKeySequence("Ctrl+I").toString(native),
        new_keys=QKeySequence(QKeySequence.StandardKey.New).toString(native),
    )


WATCHED = frozenset({kinds.CONTACTS, kinds.REFERRALS, kinds.INTERACTIONS, kinds.SETTINGS})


class BadgeDelegate(QStyledItemDelegate):
    """Paints the kind as a rounded badge with an outline in the kind's colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        text, kind = option.text, index.data(KindRole)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style:
            style.drawControl(style.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        light, dark = BADGES.get(kind, BADGES["follow_up"])
        colour = QColor(dark if is_dark(option.palette) else light)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(text) + 14
        height = metrics.height() + 4
        rect = QRect(option.rect.left() + 4, 0, width, height)
        rect.moveCenter(option.rect.center())
        rect.moveLeft(option.rect.left() + 4)
        fill = QColor(colour)
        fill.setAlpha(40)
        painter.setBrush(fill)
        painter.setPen(colour)
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(
            colour
            if not (option.state & option.state.State_Selected)
            else option.palette.color(QPalette.ColorRole.HighlightedText)
        )
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(size.width() + 20, max(size.height(), option.fontMetrics.height() + 10))


class SnoozeDateDialog(QDialog):
    """Pick the day the follow-up comes back."""

    def __init__(self, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Snooze until")
        self.calendar = QCalendarWidget()
        tomorrow = today + dt.timedelta(days=1)
        self.calendar.setMinimumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        self.calendar.setSelectedDate(self.calendar.minimumDate().addDays(6))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.calendar)
        layout.addWidget(buttons)

    def day(self) -> dt.date:
        return self.calendar.selectedDate().toPython()


class FollowUpsList(QWidget):
    """What is due, with its actions; reloads itself when contacts or interactions change."""

    count_changed = Signal(int)

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, loads_itself: bool = True
    ):
        super().__init__(parent)
        self.session = session
        # False: the owner (Today) reloads it with the items it has queried anyway, on show
        # and on every change; loading here too ran the query twice (38 ms at 30,000 contacts)
        self.loads_itself = loads_itself
        self.today: dt.date | None = None  # None = the real today; tests pin a day
        self.kind_filter: str | None = None
        self.all_items: list[FollowUp] = []
        self._stale = True
        self.dialog: QDialog | None = None

        self.model = FollowUpsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list (to Next steps on Today)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setItemDelegateForColumn(COL_KIND, BadgeDelegate(self.table))
        header = self.table.horizontalHeader()
        for col, mode in (
            (COL_KIND, QHeaderView.ResizeMode.ResizeToContents),
            (COL_PERSON, QHeaderView.ResizeMode.Interactive),
            (COL_REASON, QHeaderView.ResizeMode.Stretch),
            (COL_SINCE, QHeaderView.ResizeMode.ResizeToContents),
            (COL_DUE, QHeaderView.ResizeMode.ResizeToContents),
        ):
            header.setSectionResizeMode(col, mode)
        header.resizeSection(COL_PERSON, PERSON_MIN)
        # Size the fitted columns from the rows around the top, not Qt's default 1,000 rows:
        # those cost 0.4 s per reload with 2,600 items due, for short texts of a few shapes.
        header.setResizeContentsPrecision(FIT_ROWS)
        # activated: a double-click, or Enter for keyboard users.
        self.table.activated.connect(lambda _index: self.write_email())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        # The viewport's resizes fit the Person column (the table's own resize event comes
        # before its viewport has its new width)
        self.table.viewport().installEventFilter(self)

        self.write_button = QPushButton("Write email…")
        self.write_button.setToolTip("Open a personal draft for this person")
        self.sent_button = QPushButton("Mark as sent")
        self.sent_button.setToolTip("Record that the thank-you or keep-warm email went out")
        self.snooze_button = QToolButton()
        self.snooze_button.setText("Snooze")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_menu = QMenu(self.snooze_button)
        self.snooze_actions: dict[str, QAction] = {}
        for label, days in SNOOZE_CHOICES:
            action = self.snooze_menu.addAction(f"Snooze {label}")
            action.triggered.connect(lambda _=False, d=days: self.snooze_days(d))
            self.snooze_actions[label] = action
        self.snooze_menu.addSeparator()
        pick = self.snooze_menu.addAction("Until a date…")
        pick.triggered.connect(self.snooze_pick)
        self.snooze_actions["date"] = pick
        self.snooze_button.setMenu(self.snooze_menu)
        self.open_button = QPushButton("Open contact")
        self.write_button.clicked.connect(self.write_email)
        self.sent_button.clicked.connect(self.mark_sent)
        self.open_button.clicked.connect(self.open_contact)

        self.empty_label = QLabel(NOTHING_DUE)
        self.empty_label.setObjectName("followups_empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        buttons = QHBoxLayout()
        for w in (self.write_button, self.sent_button, self.snooze_button, self.open_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        if loads_itself:
            session.changed.connect(self._on_changed)
        self._update_buttons()

    # -- data ---------------------------------------------------------------------------

    def day(self) -> dt.date:
        return self.today or dt.date.today()

    def reload(self, items: list | None = None) -> None:
        """Show what is due now (queried, or `items` when the caller has them), keeping the
        selected person when still listed."""
        self._stale = False
        keep = self.current()
        try:
            self.all_items = follow_ups(self.day()) if items is None else list(items)
        except VouchError as exc:
            log.warning("follow-ups not loaded: %s", exc)
            self.all_items = []
        self._show(keep.contact_id if keep else None, self._current_row())

    def set_kind_filter(self, kind: str | None) -> None:
        self.kind_filter = kind or None
        self._show(self.current().contact_id if self.current() else None)

    def _current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else 0

    def _show(self, keep_id: int | None, keep_row: int = 0) -> None:
        """Select the same person, else the row that took their place (the next one down),
        so working down the list after Mark as sent or Snooze goes on from where it was."""
        items = [i for i in self.all_items if not self.kind_filter or i.kind == self.kind_filter]
        self.model.set_items(items, self.day())
        self.empty_label.setVisible(not items)
        if not items:  # the query only when the list is empty
            self.empty_label.setText(NOTHING_DUE if has_contacts() else no_contacts_text())
        self.table.setVisible(bool(items))
        fallback = min(keep_row, len(items) - 1) if items else 0
        row = next((r for r, i in enumerate(items) if i.contact_id == keep_id), fallback)
        if items:
            self.table.selectRow(row)
            self.fit_person_column()
        self._update_buttons()
        self.count_changed.emit(len(items))

    def _on_changed(self, changed: frozenset[str]) -> None:
        if not changed & WATCHED:
            return
        self._stale = True
        if self.isVisible():
            self.reload()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt name
        """Narrow (the Today panel): drop Since, which the Why text already says, so that
        the Due column stays on screen instead of behind a horizontal scroll bar."""
        super().resizeEvent(event)
        self.table.setColumnHidden(COL_SINCE, event.size().width() < NARROW_WIDTH)
        self.fit_person_column()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt name
        if obj is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_person_column()
        return False

    def fit_person_column(self) -> None:
        """Person as wide as its names need, short of squeezing Why below REASON_MIN: a
        fixed width cut names on a wide window and pushed Due off a narrow one."""
        header = self.table.horizontalHeader()
        others = sum(
            header.sectionSize(col)
            for col in (COL_KIND, COL_SINCE, COL_DUE)
            if not header.isSectionHidden(col)
        )
        room = self.table.viewport().width() - others - REASON_MIN
        want = self.table.sizeHintForColumn(COL_PERSON)
        header.resizeSection(COL_PERSON, max(PERSON_MIN, min(want, room)))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if self._stale and self.loads_itself:
            self.reload()

    def current(self) -> FollowUp | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def select_contact(self, contact_id: int) -> bool:
        for row, item in enumerate(self.model.items):
            if item.contact_id == contact_id:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self, *_args) -> None:
        has = self.current() is not None
        for w in (self.write_button, self.sent_button, self.snooze_button, self.open_button):
            w.setEnabled(has)

    # -- actions ------------------------------------------------------------------------

    def write_email(self) -> None:
        item = self.current()
        if item is None:
            return
        from ui.dialogs.email_draft import open_email_draft

        self.dialog = open_email_draft(self, self.session, item, today=self.day())

    def mark_sent(self) -> None:
        item = self.current()
        if item is None:
            return
        from ui.dialogs.email_draft import mark_sent

        try:
            mark_sent(self.session, item, self.day())
        except VouchError as exc:
            QMessageBox.warning(self, "Not recorded", exc.user_message())
            return
        if not self.isVisible():
            self.reload()

    def snooze_days(self, days: int) -> None:
        self.snooze_until(self.day() + dt.timedelta(days=days))

    def snooze_pick(self) -> None:
        if self.current() is None:
            return
        dialog = SnoozeDateDialog(self.day(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.snooze_until(dialog.day())

    def snooze_until(self, until: dt.date) -> None:
        item = self.current()
        if item is None:
            return
        try:
            snooze(item.contact_id, until)
        except VouchError as exc:
            QMessageBox.warning(self, "Not snoozed", exc.user_message())
            return
        self.session.notify(kinds.CONTACTS)
        if not self.isVisible():
            self.reload()

    def open_contact(self) -> None:
        item = self.current()
        if item is not None:
            self.session.contact_selected.emit(item.contact_id)

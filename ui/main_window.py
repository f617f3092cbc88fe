"""The main window: navigation between the views, menus, toolbar, status bar, window state.

Views are built the first time they are shown, so start-up pays only for the first one.
File-level commands (databases, backups) live in ui/window_files.py's mixin; the menus and
toolbar in ui/actions.py; the saved geometry, splitters and headers in ui/window_state.py.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from crm import __version__
from crm.errors import VouchError
from crm.services.stats import counts
from ui.actions import Actions
from ui.session import Session
from ui.views.base import View
from ui.welcome import WelcomePage
from ui.widgets.wording import count
from ui.window_files import FileCommands
from ui.window_state import WindowState, default_settings

log = logging.getLogger(__name__)


# (name, title, module, class): the navigation, in order. Views are imported when first
# shown, so start-up does not pay for QtCharts and the other views' modules.
VIEW_SPECS: tuple[tuple[str, str, str, str], ...] = (
    ("today", "Today", "ui.views.today", "TodayView"),
    ("contacts", "Contacts", "ui.views.contacts", "ContactsView"),
    ("companies", "Companies", "ui.views.companies", "CompaniesView"),
    ("referrals", "Referral chains", "ui.views.referrals", "ReferralsView"),
    ("jobs", "Jobs", "ui.views.jobs", "JobsView"),
    ("followups", "Follow-ups", "ui.views.followups", "FollowUpsView"),
    ("metrics", "Metrics", "ui.views.metrics", "MetricsView"),
    ("network", "Network", "ui.views.network", "NetworkView"),
)


def _view_class(index: int) -> type[View]:
    _name, _title, module, cls = VIEW_SPECS[index]
    return getattr(importlib.import_module(module), cls)


def _view_classes() -> list[type[View]]:
    """Every view class, in navigation order (imports them all)."""
    return [_view_class(i) for i in range(len(VIEW_SPECS))]


class _AfterFirstPaint(QObject):
    """Calls `fn` once, right after the window's first paint (the window is painted before
    its children, in one pass), or after `fallback_ms` if no paint comes (a minimised start)."""

    def __init__(self, window: QWidget, fn: Callable[[], object], fallback_ms: int = 2000):
        super().__init__(window)
        self.fn: Callable[[], object] | None = fn
        window.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        fn, self.fn = self.fn, None
        if fn is not None:
            self.parent().removeEventFilter(self)
            self.deleteLater()
            fn()


class MainWindow(FileCommands, QMainWindow):
    def __init__(self, session: Session, settings: QSettings | None = None):
        super().__init__()
        self.session = session
        self.settings = settings or default_settings()
        self.window_state = WindowState(self.settings)
        self.setWindowTitle("Vouch")
        self.setAcceptDrops(True)
        self.resize(1280, 800)

        self._names = [spec[0] for spec in VIEW_SPECS]
        self.views: dict[str, View] = {}
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(170)
        self.nav.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        self.stack = QStackedWidget()
        for _name, title, _module, _cls in VIEW_SPECS:
            self.nav.addItem(title)
            self.stack.addWidget(QWidget())  # placeholder until first shown
        self.welcome = WelcomePage()
        self.outer = QStackedWidget()
        self.outer.addWidget(self.stack)
        self.outer.addWidget(self.welcome)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nav)
        layout.addWidget(self.outer, 1)
        self.setCentralWidget(central)

        self.actions = Actions(self)
        self.actions.build_menus()
        self.toolbar = self.actions.build_toolbar()
        self.counts_label = QLabel()
        self.counts_label.setObjectName("status_counts")
        self.counts_label.setToolTip(
            "Everything in this database, imported LinkedIn connections included. The "
            "job-hunting network on Metrics counts only the people you have met, contacted or "
            "been introduced to since the campaign started."
        )
        self.statusBar().addPermanentWidget(self.counts_label)

        self.welcome.import_requested.connect(self.import_file)
        self.welcome.demo_requested.connect(self.load_demo)
        self.welcome.dismissed.connect(self.dismiss_welcome)
        self._welcome_dismissed = False
        self.nav.currentRowChanged.connect(self._nav_changed)
        session.changed.connect(self._on_changed)
        session.contact_selected.connect(self.select_contact)
        session.database_replaced.connect(self._database_replaced)

        self.window_state.restore_window(self)
        self._database_replaced()
        self.remember_recent(session.db_path)
        self.nav.setCurrentRow(0)
        self._on_changed(frozenset())

    # --- views ---------------------------------------------------------------------------

    def view_titles(self) -> list[tuple[str, str]]:
        return [(spec[0], spec[1]) for spec in VIEW_SPECS]

    def view(self, name: str) -> View:
        """The view called `name`, built on first use."""
        if name not in self.views:
            i = self._names.index(name)
            view = _view_class(i)(self.session)
            self.views[name] = view
            old = self.stack.widget(i)
            self.stack.insertWidget(i, view)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.window_state.view_built(name)
        return self.views[name]

    def current_view(self) -> View | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, View) else None

    def show_view(self, name: str) -> View:
        i = self._names.index(name)
        self.outer.setCurrentWidget(self.stack)
        self._welcome_dismissed = True
        if self.nav.currentRow() != i:
            self.nav.setCurrentRow(i)
        else:
            self._nav_changed(i)
        return self.views[name]

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        view = self.view(self._names[row])
        self.stack.setCurrentWidget(view)
        self.window_state.apply_pending(self, view)
        if self.outer.currentWidget() is self.welcome and self.isVisible():
            # Choosing a view in the navigation means "let me in".
            self._welcome_dismissed = True
            self.outer.setCurrentWidget(self.stack)
        # Edit > Delete where the page can delete its selected row (Contacts, Jobs)
        self.actions.get("delete").setEnabled(hasattr(view, "delete_selected"))
        for action in self.actions.view_actions:
            action.setCheckable(True)
            action.setChecked(action.objectName() == f"view_{view.name}")

    def select_contact(self, contact_id: int) -> None:
        """Go to Contacts and select this person (from the referral tree, Today, Network…)."""
        view = self.show_view("contacts")
        view.select_contact(contact_id)

    def show_network_for_company(self, company_id: int) -> None:
        """Work backwards from a company: the Network view with its warm paths."""
        self.show_view("network").show_company(company_id)

    def refresh_all(self) -> None:
        self.session.notify()

    def after_first_paint(self, fn: Callable[[], object]) -> None:
        """Run `fn` once the window has been painted: start-up work the first frame need not
        wait for. The start-up backup, run alongside the first paint, delayed it ~60 ms at
        30,000 contacts (it copies the whole file)."""
        _AfterFirstPaint(self, fn)

    # --- status and welcome --------------------------------------------------------------

    def _on_changed(self, _kinds) -> None:
        try:
            c = counts()
        except Exception as exc:  # noqa: BLE001 - a closed database must not break the window
            log.warning("counts unavailable: %s", exc)
            self.counts_label.setText("")
            return
        self.counts_label.setText(
            " · ".join(
                count(c[key], noun)
                for key, noun in (
                    ("contacts", "contact"),
                    ("companies", "company"),
                    ("referrals", "referral"),
                    ("interactions", "interaction"),
                    ("jobs", "job"),
                )
            )
        )
        empty = c["contacts"] == 0
        if empty and not self._welcome_dismissed:
            self.outer.setCurrentWidget(self.welcome)
        elif not empty and self.outer.currentWidget() is self.welcome:
            self.outer.setCurrentWidget(self.stack)

    def welcome_visible(self) -> bool:
        return self.outer.currentWidget() is self.welcome

    def dismiss_welcome(self) -> None:
        self._welcome_dismissed = True
        self.outer.setCurrentWidget(self.stack)

    def _database_replaced(self) -> None:
        self._welcome_dismissed = False
        self.setWindowTitle(f"Vouch — {self.session.db_path.name}")

    # --- Edit menu -----------------------------------------------------------------------

    def selected_contact_id(self) -> int | None:
        """The contact selected in Contacts (whichever view is showing), if it was built."""
        view = self.views.get("contacts")
        return view.current_contact_id() if view is not None else None

    def new_contact(self) -> None:
        from ui.dialogs.contact import edit_contact

        cid = edit_contact(self, self.session)
        if cid is not None:
            self.select_contact(cid)

    def new_company(self) -> None:
        fn = self._entry("ui.dialogs.company", "edit_company", "Companies")
        if fn:
            fn(self, self.session)

    def new_job(self) -> None:
        fn = self._entry("ui.dialogs.job", "edit_job", "Jobs")
        if fn:
            fn(self, self.session)

    def _need_contact(self, what: str) -> int | None:
        cid = self.selected_contact_id()
        if cid is None:
            QMessageBox.information(
                self, "Vouch", f"Select a contact in Contacts first, then {what}."
            )
        return cid

    def log_meeting(self) -> None:
        from ui.dialogs.meeting import log_meeting

        cid = self._need_contact("log the meeting")
        if cid is not None:
            log_meeting(self, self.session, cid)

    def log_interaction(self) -> None:
        from ui.dialogs.interaction import log_interaction

        cid = self._need_contact("log the interaction")
        if cid is not None:
            log_interaction(self, self.session, cid)

    def delete_selected(self) -> None:
        view = self.current_view()
        if view is not None and hasattr(view, "delete_selected"):
            view.delete_selected()

    def find_contact(self) -> None:
        self.show_view("contacts").focus_search()

    # --- Help ----------------------------------------------------------------------------

    def show_method(self) -> None:
        from ui.dialogs.method import show_method

        show_method(self)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About Vouch",
            f"<b>Vouch {__version__}</b><br>A desktop CRM for job seekers who find work through "
            "the people who can vouch for them. Your data stays in one file on this computer.",
        )

    # --- window state (conventions.md 8, ui/window_state.py) ------------------------------

    def save_state(self) -> None:
        self.window_state.save(self, self.views)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        view = self.current_view()
        if view is not None:
            self.window_state.apply_pending(self, view)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt name
        self.save_state()
        super().closeEvent(event)

    # --- drag and drop -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt name
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt name
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            if len(paths) > 1:  # one import, one summary and one undo at a time
                others = ", ".join(Path(p).name for p in paths[1:6])
                more = f" and {len(paths) - 6:,} more" if len(paths) > 6 else ""
                QMessageBox.information(
                    self,
                    "Import",
                    f"Vouch imports one file at a time, so it will import "
                    f"{Path(paths[0]).name} now.\n\nNot imported: {others}{more}. Drop them "
                    "again (or use File > Import) once this import is done.",
                )
            self.import_file(paths[0])

    def show_error(self, title: str, exc: VouchError) -> None:
        QMessageBox.warning(self, title, exc.user_message())

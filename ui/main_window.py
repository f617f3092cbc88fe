"""The main window: navigation between the views, menus, toolbar, status bar."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QMainWindow, QStackedWidget, QWidget

from ui.session import Session
from ui.views.base import View


def _view_classes() -> list[type[View]]:
    from ui.views.companies import CompaniesView
    from ui.views.contacts import ContactsView
    from ui.views.followups import FollowUpsView
    from ui.views.jobs import JobsView
    from ui.views.metrics import MetricsView
    from ui.views.network import NetworkView
    from ui.views.referrals import ReferralsView
    from ui.views.today import TodayView

    return [
        TodayView,
        ContactsView,
        CompaniesView,
        ReferralsView,
        JobsView,
        FollowUpsView,
        MetricsView,
        NetworkView,
    ]


class MainWindow(QMainWindow):
    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.setWindowTitle("Vouch")
        central = QWidget()
        layout = QHBoxLayout(central)
        self.nav = QListWidget()
        self.nav.setFixedWidth(180)
        self.stack = QStackedWidget()
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.views: dict[str, View] = {}
        for cls in _view_classes():
            view = cls(session)
            self.views[cls.name] = view
            self.nav.addItem(cls.title)
            self.stack.addWidget(view)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)

    def show_view(self, name: str) -> None:
        names = list(self.views)
        self.nav.setCurrentRow(names.index(name))

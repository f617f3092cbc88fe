"""Every table and tree model titles its columns (the header a user reads) from its headers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from ui.models.companies import CompaniesModel
from ui.models.contacts import ContactsModel
from ui.models.followups import FollowUpsModel
from ui.models.import_history import ImportHistoryModel
from ui.models.jobs import JobsModel
from ui.models.paths import PathsModel
from ui.models.referrals import ReferralTreeModel

MODELS = (
    CompaniesModel,
    ContactsModel,
    FollowUpsModel,
    ImportHistoryModel,
    JobsModel,
    PathsModel,
    ReferralTreeModel,
)


@pytest.mark.parametrize("model_class", MODELS, ids=lambda c: c.__name__)
def test_the_header_shows_the_column_titles(qtbot, model_class):
    view = QTableView()
    qtbot.addWidget(view)
    model = model_class(view)
    view.setModel(model)
    header = view.horizontalHeader()
    shown = [
        model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for i in range(header.count())
    ]
    assert shown == list(model_class.headers)
    assert len(shown) >= 3 and shown[0]
    assert model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole) is None
    tips = [
        model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        for i in range(header.count())
    ]  # only the titles that mean more than they say have one
    assert tips == [model_class.header_tips.get(i) for i in range(header.count())]
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole) is None

"""Log a meeting with a voucher: feedback, the recommendation answer, and the names obtained.

This is the method's core step. The names grid is built for speed: type a first name, Tab
across the cells, Enter to start the next person. Everything is saved in one transaction
by crm.services.interactions.log_meeting.
"""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm.errors import ValidationError, VouchError
from crm.normalize import is_email
from crm.services.contacts import get_contact
from crm.services.interactions import ANSWERS_WITH_WHY, MeetingRecord, names_follow
from crm.services.interactions import log_meeting as save_meeting
from crm.services.referrals import NameEntry
from ui import session as kinds
from ui.dialogs.record_form import confirm_discard
from ui.session import Session
from ui.widgets.wording import count

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

log = logging.getLogger(__name__)

NAME_COLUMNS = ("First name", "Last name", "Company", "Position", "Email or phone", "Introduction")
COL_FIRST, COL_LAST, COL_COMPANY, COL_POSITION, COL_REACH, COL_INTRO = range(6)
INTRO_METHODS = ("email", "call", "other")
START_ROWS = 3


class _IntroDelegate(QStyledItemDelegate):
    """A combo box for the introduction column: email / call / other."""

    def createEditor(self, parent, option, index):  # noqa: N802
        combo = QComboBox(parent)
        combo.addItems(INTRO_METHODS)
        return combo

    def setEditorData(self, editor, index):  # noqa: N802
        editor.setCurrentText(index.data() or "email")

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.currentText())


class NamesGrid(QTableWidget):
    """Rows of people; Enter moves to (or adds) the next row, Tab moves across."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, len(NAME_COLUMNS), parent)
        self.setHorizontalHeaderLabels(NAME_COLUMNS)
        self.setItemDelegateForColumn(COL_INTRO, _IntroDelegate(self))
        self.setTabKeyNavigation(True)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_INTRO, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultSectionSize(26)
        for _ in range(START_ROWS):
            self.add_row()

    def add_row(self) -> int:
        row = self.rowCount()
        self.insertRow(row)
        for col in range(len(NAME_COLUMNS)):
            self.setItem(row, col, QTableWidgetItem("email" if col == COL_INTRO else ""))
        return row

    def next_row(self) -> None:
        """Enter: go to the first cell of the next person, adding a row at the end."""
        row = self.currentRow() + 1
        if row >= self.rowCount():
            row = self.add_row()
        self.setCurrentCell(row, COL_FIRST)
        self.editItem(self.item(row, COL_FIRST))

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802 - Qt name
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.next_row()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Never let Enter reach the dialog (it would save or cancel mid-typing).
            event.accept()
            if self.state() != QAbstractItemView.State.EditingState:
                self.next_row()
            return
        super().keyPressEvent(event)

    def text(self, row: int, col: int) -> str:
        item = self.item(row, col)
        return item.text().strip() if item else ""

    def entries(self) -> list[NameEntry]:
        """One NameEntry per row that has anything typed in it (empty rows are skipped)."""
        out = []
        for row in range(self.rowCount()):
            cells = [self.text(row, c) for c in range(COL_INTRO)]
            if not any(cells):
                continue
            reach = cells[COL_REACH]
            out.append(
                NameEntry(
                    first_name=cells[COL_FIRST],
                    last_name=cells[COL_LAST],
                    company=cells[COL_COMPANY],
                    position=cells[COL_POSITION],
                    email=reach if is_email(reach) else "",
                    phone="" if is_email(reach) else reach,
                    intro_method=self.text(row, COL_INTRO) or "email",
                )
            )
        return out

    def set_row(self, row: int, *values: str) -> None:
        """Fill a row (used by tests and by paste)."""
        while row >= self.rowCount():
            self.add_row()
        for col, value in enumerate(values):
            self.item(row, col).setText(value)


class MeetingDialog(QDialog):
    def __init__(self, session: Session, contact_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.contact_id = contact_id
        self.voucher = get_contact(contact_id)
        self.saved_names: list[str] = []
        name = self.voucher.full_name
        self.setWindowTitle(f"Log meeting with {name}")
        self.resize(780, 620)

        intro = QLabel(
            f"<b>Meeting with {html.escape(name)}</b><br>Review your resume and profile together, ask "
            "whether they would recommend you, and leave with three or four names."
        )
        intro.setWordWrap(True)

        top = QFormLayout()
        when = QHBoxLayout()
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        # a meeting is logged once it happened (tomorrow allowed: time zones)
        self.date.setMaximumDate(QDate.currentDate().addDays(1))
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 600)
        self.minutes.setValue(45)
        self.minutes.setSuffix(" min")
        when.addWidget(self.date)
        when.addWidget(QLabel("for"))
        when.addWidget(self.minutes)
        when.addStretch(1)
        top.addRow("Date", when)
        self.feedback = QPlainTextEdit()
        self.feedback.setPlaceholderText("What they said about your resume and LinkedIn profile")
        self.feedback.setFixedHeight(64)
        top.addRow("Resume / profile feedback", self.feedback)

        ask = QGroupBox("Recommendation")
        ask_lay = QVBoxLayout(ask)
        self.asked = QCheckBox("Asked them to recommend you?")
        self.asked.setChecked(True)
        ask_lay.addWidget(self.asked)
        answers = QHBoxLayout()
        answers.addWidget(QLabel("Their answer:"))
        self.answer_group = QButtonGroup(self)
        self.answer_buttons: dict[str, QRadioButton] = {}
        for key, label in (("yes", "Yes"), ("maybe", "Maybe"), ("no", "No")):
            button = QRadioButton(label)
            button.setObjectName(f"answer_{key}")
            self.answer_group.addButton(button)
            self.answer_buttons[key] = button
            answers.addWidget(button)
        answers.addStretch(1)
        ask_lay.addLayout(answers)
        self.why_label = QLabel("Why not, or what would change their mind?")
        self.why_not = QLineEdit()
        self.why_not.setObjectName("why_not")
        ask_lay.addWidget(self.why_label)
        ask_lay.addWidget(self.why_not)
        self.answer_buttons["yes"].setChecked(True)
        self.answer_group.buttonToggled.connect(self._answer_changed)
        self.asked.toggled.connect(self._answer_changed)

        names_box = QGroupBox("Names obtained — each becomes a contact they will introduce you to")
        names_lay = QVBoxLayout(names_box)
        self.grid = NamesGrid()
        names_lay.addWidget(self.grid)
        row = QHBoxLayout()
        add = QPushButton("Add a person")
        add.setAutoDefault(False)
        add.clicked.connect(self.grid.next_row)
        tip = QLabel("Tab moves across, Enter starts the next person; empty rows are ignored.")
        tip.setStyleSheet("color: palette(mid);")
        row.addWidget(tip, 1)
        row.addWidget(add)
        names_lay.addLayout(row)
        self.names_box = names_box
        # Outside the (disabled) names box, so it reads clearly: a No keeps no names.
        self.names_dropped = QLabel(
            "They said No: the names above will not be saved. Choose Yes or Maybe to keep them."
        )
        self.names_dropped.setObjectName("names_dropped")
        self.names_dropped.setWordWrap(True)
        self.names_dropped.setStyleSheet("color: #b00020;")
        self.names_dropped.setVisible(False)
        self.grid.itemChanged.connect(self._answer_changed)

        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Anything else worth remembering")
        self.notes.setFixedHeight(48)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.setVisible(False)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(ask)
        layout.addWidget(names_box, 1)
        layout.addWidget(self.names_dropped)
        layout.addWidget(QLabel("Notes"))
        layout.addWidget(self.notes)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._answer_changed()

    def answer(self) -> str:
        if not self.asked.isChecked():
            return ""
        for key, button in self.answer_buttons.items():
            if button.isChecked():
                return key
        return ""

    def _answer_changed(self, *_args) -> None:
        answer = self.answer()
        for button in self.answer_buttons.values():
            button.setEnabled(self.asked.isChecked())
        show_why = answer in ANSWERS_WITH_WHY
        self.why_label.setVisible(show_why)
        self.why_not.setVisible(show_why)
        self.names_box.setEnabled(names_follow(answer))
        self.names_dropped.setVisible(not names_follow(answer) and bool(self.grid.entries()))

    def record(self) -> MeetingRecord:
        answer = self.answer()
        return MeetingRecord(
            contact_id=self.contact_id,
            on=self.date.date().toPython(),
            minutes=self.minutes.value(),
            resume_feedback=self.feedback.toPlainText().strip(),
            asked_to_recommend=self.asked.isChecked(),
            answer=answer,
            why_not=self.why_not.text().strip() if answer in ANSWERS_WITH_WHY else "",
            notes=self.notes.toPlainText().strip(),
            names=self.grid.entries() if names_follow(answer) else [],
        )

    def has_typed_work(self) -> bool:
        """Anything the user typed that Cancel or Escape would throw away."""
        texts = (self.feedback.toPlainText(), self.notes.toPlainText(), self.why_not.text())
        return any(t.strip() for t in texts) or bool(self.grid.entries())

    def reject(self) -> None:
        """Escape or Cancel: ask before throwing away what was typed."""
        if self.has_typed_work() and not confirm_discard(
            self,
            "Discard this meeting?",
            "The feedback, names or notes you typed will be lost.",
        ):
            return
        super().reject()

    def accept(self) -> None:
        record = self.record()
        try:
            _meeting, edges = save_meeting(record)
        except ValidationError as exc:
            self.error.setText(exc.user_message())
            self.error.setVisible(True)
            return
        except VouchError as exc:
            QMessageBox.warning(self, "Vouch", exc.user_message())
            return
        self.saved_names = [f"{n.first_name} {n.last_name}".strip() for n in record.names]
        log.info("meeting logged with %d names", len(edges))
        self.session.notify(kinds.INTERACTIONS, kinds.CONTACTS, kinds.REFERRALS, kinds.COMPANIES)
        super().accept()


def log_meeting(parent: QWidget | None, session: Session, contact_id: int) -> bool:
    """Open the meeting dialog; True when saved. Afterwards a thank-you is due."""
    dialog = MeetingDialog(session, contact_id, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    name = dialog.voucher.first_name or dialog.voucher.full_name
    if dialog.saved_names:
        who = ", ".join(dialog.saved_names)
        text = (
            f"Saved, with {count(len(dialog.saved_names), 'name')}: {who}.\n\n"
            f"A thank-you to {name} is now due: a short personal email within two days. "
            "It is on your Today list."
        )
    else:
        text = f"Saved. A thank-you to {name} for their time is now due; it is on your Today list."
    QMessageBox.information(parent, "Meeting logged", text)
    return True

"""What the contact, company and job dialogs share: a form for one record.

Problems show next to their field as the user types and Save stays disabled until there is
none; a problem the store finds on save (a name taken meanwhile) lands next to its field
too, and any other refusal is said in plain words. Opening a record that no longer exists
says so instead of failing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from crm.errors import ValidationError, VouchError
from crm.services.companies import company_names
from ui.session import Session

ERROR_COLOR = "#b00020"


def error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(f"color: {ERROR_COLOR};")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def with_error(edit: QWidget, label: QLabel) -> QWidget:
    """The field with its problem line under it."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(1)
    lay.addWidget(edit)
    lay.addWidget(label)
    return box


def show_problem(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """A Yes/No question before a step that changes data; True when the user said Yes."""
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def confirm_discard(parent: QWidget, title: str, text: str) -> bool:
    """Ask before Escape or Cancel throws typed work away; Cancel (keep it) is the default."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


def company_picker(placeholder: str = "") -> QComboBox:
    """An editable list of the known companies that completes on any part of a name."""
    combo = QComboBox()
    combo.setObjectName("company")
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("")
    combo.addItems(company_names())
    completer = combo.completer()
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    if placeholder:
        combo.lineEdit().setPlaceholderText(placeholder)
    return combo


class RecordDialog(QDialog):
    """Subclasses build their form, call finish(form), and implement validate() and save()."""

    # The session kinds a save changes (notified after it); empty: save() notifies itself.
    notify_kinds: tuple[str, ...] = ()

    def __init__(
        self,
        session: Session,
        record_id: int | None,
        noun: str,
        parent: QWidget | None = None,
        *,
        min_width: int = 460,
    ):
        super().__init__(parent)
        self.session = session
        self.record_id = record_id
        self.setWindowTitle(f"Edit {noun}" if record_id else f"New {noun}")
        self.setMinimumWidth(min_width)
        # ValidationError.field ("Name", "Email", ...) -> the label under that field
        self.field_errors: dict[str, QLabel] = {}

    def finish(self, form: QFormLayout) -> None:
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def set_savable(self, ok: bool) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)

    def validate(self) -> bool:
        raise NotImplementedError

    def save(self) -> None:
        """Write the record (and put it on the undo stack); sets record_id when new."""
        raise NotImplementedError

    def explain(self, exc: VouchError) -> bool:
        """Show a refusal next to its field; False to have it said in a message box."""
        label = self.field_errors.get(getattr(exc, "field", None) or "")
        if isinstance(exc, ValidationError) and label is not None:
            show_problem(label, exc.problem)
            return True
        return False

    def accept(self) -> None:
        if not self.validate():
            return
        try:
            self.save()
        except VouchError as exc:
            if not self.explain(exc):
                QMessageBox.warning(self, "Vouch", exc.user_message())
            return
        if self.notify_kinds:
            self.session.notify(*self.notify_kinds)
        super().accept()


def open_record_dialog(
    make: Callable[[Session, int | None, QWidget | None], RecordDialog],
    parent: QWidget | None,
    session: Session,
    record_id: int | None,
) -> int | None:
    """Open the dialog; the record's id when saved, None when cancelled or gone."""
    try:
        dialog = make(session, record_id, parent)
    except VouchError as exc:  # deleted meanwhile, from another page or an undo
        QMessageBox.warning(parent, "Vouch", exc.user_message())
        return None
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.record_id
    return None

"""Template editor: the user's own words for thank-yous, keep-warm notes and asks."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.errors import ValidationError, VouchError
from crm.services import settings
from crm.services.drafts import PLACEHOLDERS, TEMPLATE_TITLES
from ui import session as kinds
from ui.dialogs.record_form import confirm_discard
from ui.session import Session


class TemplatesDialog(QDialog):
    """Edit every email template; switching templates keeps the edits until Save."""

    def __init__(self, session: Session, parent: QWidget | None = None, current: str = ""):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Email templates")
        self.resize(640, 560)
        self.edits: dict[str, tuple[str, str]] = {
            name: settings.template(name) for name in settings.DEFAULT_TEMPLATES
        }
        self.combo = QComboBox()
        for name in settings.DEFAULT_TEMPLATES:
            self.combo.addItem(TEMPLATE_TITLES.get(name, name), name)
        self.my_name = QLineEdit(settings.my_name())
        self.my_name.setPlaceholderText("How you sign your emails")
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        help_text = QLabel(
            "Placeholders in braces are filled in for each person: "
            + "; ".join(f"<b>{{{k}}}</b> {v}" for k, v in PLACEHOLDERS.items())
            + "."
        )
        help_text.setWordWrap(True)
        self.reset_button = QPushButton("Restore this template")
        self.reset_button.clicked.connect(self.restore_default)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Your name", self.my_name)
        form.addRow("Template", self.combo)
        form.addRow("Subject", self.subject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(help_text)
        layout.addWidget(self.buttons)

        self._shown = ""
        self.combo.currentIndexChanged.connect(self._switch)
        index = self.combo.findData(current)
        self.combo.setCurrentIndex(max(index, 0))
        self._switch()

    def _keep(self) -> None:
        if self._shown:
            self.edits[self._shown] = (self.subject.text(), self.body.toPlainText())

    def _switch(self) -> None:
        self._keep()
        self._shown = self.combo.currentData()
        subject, body = self.edits[self._shown]
        self.subject.setText(subject)
        self.body.setPlainText(body)

    def edited(self) -> bool:
        """True when a template or the signature differs from what is saved."""
        self._keep()
        saved = {name: settings.template(name) for name in self.edits}
        return self.edits != saved or self.my_name.text().strip() != settings.my_name()

    def reject(self) -> None:
        """Escape or Cancel: ask before throwing away edited templates."""
        if self.edited() and not confirm_discard(
            self, "Discard your edits?", "The template changes you made will be lost."
        ):
            return
        super().reject()

    def restore_default(self) -> None:
        subject, body = settings.DEFAULT_TEMPLATES[self._shown]
        self.subject.setText(subject)
        self.body.setPlainText(body)

    def accept(self) -> None:
        self._keep()
        try:
            settings.save_templates(self.edits, self.my_name.text())
        except ValidationError as exc:
            title = TEMPLATE_TITLES.get(exc.field, exc.field)
            QMessageBox.warning(self, "Templates not saved", f"{title}: {exc.problem}")
            return
        except VouchError as exc:
            QMessageBox.warning(self, "Templates not saved", exc.user_message())
            return
        self.session.notify(kinds.SETTINGS)
        super().accept()

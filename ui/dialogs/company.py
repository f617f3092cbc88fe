"""Add or edit a company: name (required, unique), industry, website, target flag, priority."""

from __future__ import annotations

import logging
import re

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from crm.errors import VouchError
from crm.normalize import clean, company_key
from crm.services import companies
from crm.services.companies import company_names
from crm.services.job_rows import company_record
from crm.services.record_history import company_snapshot
from ui import session as kinds
from ui.dialogs.record_form import (
    RecordDialog,
    error_label,
    open_record_dialog,
    show_problem,
    with_error,
)
from ui.record_commands import push_company_change
from ui.session import Session

log = logging.getLogger(__name__)

PRIORITIES = (("—", 0), ("High", 1), ("Medium", 2), ("Low", 3))
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", re.I)


def web_address_problem(text: str) -> str:
    """Why `text` is not a web address ('' when it is, or when it is empty)."""
    text = clean(text)
    if not text:
        return ""
    if " " in text:
        return "a web address has no spaces"
    rest = re.sub(r"^https?://", "", text, flags=re.I)
    if "://" in rest:
        return "only http and https addresses are accepted"
    host = re.split(r"[/?#]", rest, maxsplit=1)[0].split(":", 1)[0]
    if not _HOST.match(host):
        return f"{text!r} is not a web address (example: https://acme.com)"
    return ""


class CompanyDialog(RecordDialog):
    notify_kinds = (kinds.COMPANIES, kinds.CONTACTS)

    def __init__(
        self, session: Session, company_id: int | None = None, parent: QWidget | None = None
    ):
        super().__init__(session, company_id, "company", parent, min_width=440)
        self._own_key = ""

        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setPlaceholderText("Acme Robotics")
        self.name_error = error_label("name_error")
        form.addRow("Name", with_error(self.name, self.name_error))
        self.field_errors["Name"] = self.name_error
        self.industry = QLineEdit()
        self.industry.setObjectName("industry")
        form.addRow("Industry", self.industry)
        self.website = QLineEdit()
        self.website.setObjectName("website")
        self.website.setPlaceholderText("https://…")
        self.website_error = error_label("website_error")
        form.addRow("Website", with_error(self.website, self.website_error))
        self.target = QCheckBox("Network target: work backwards from this company")
        self.target.setObjectName("target")
        form.addRow("", self.target)
        self.priority = QComboBox()
        self.priority.setObjectName("priority")
        for label, value in PRIORITIES:
            self.priority.addItem(label, value)
        form.addRow("Priority", self.priority)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setFixedHeight(80)
        form.addRow("Notes", self.notes)

        self.finish(form)

        self._name_touched = bool(company_id)  # "needs a name" only once the user has typed
        if company_id:
            self._load(company_id)
        self._taken = {company_key(n) for n in company_names()} - {self._own_key}
        self.name.textChanged.connect(self.validate)
        self.website.textChanged.connect(self.validate)
        self.validate()
        self.name.setFocus()

    def _load(self, company_id: int) -> None:
        record = company_record(company_id)
        if record is None:
            raise VouchError("This company no longer exists.")
        self.name.setText(record.name)
        self.industry.setText(record.industry)
        self.website.setText(record.website)
        self.target.setChecked(record.is_target)
        self.priority.setCurrentIndex(max(0, self.priority.findData(record.priority)))
        self.notes.setPlainText(record.notes)
        self._own_key = company_key(record.name)

    def values(self) -> dict:
        return {
            "name": clean(self.name.text()),
            "industry": clean(self.industry.text()),
            "website": clean(self.website.text()),
            "is_target": self.target.isChecked(),
            "priority": self.priority.currentData(),
            "notes": self.notes.toPlainText().strip(),
        }

    def validate(self) -> bool:
        """Problems next to their field as you type; Save only when there is none."""
        v = self.values()
        self._name_touched = self._name_touched or bool(self.name.text())
        if not v["name"]:
            name_problem = "a company needs a name" if self._name_touched else ""
        elif company_key(v["name"]) in self._taken:
            name_problem = f"a company called {v['name']!r} already exists"
        else:
            name_problem = ""
        show_problem(self.name_error, name_problem)
        web_problem = web_address_problem(v["website"])
        show_problem(self.website_error, web_problem)
        ok = bool(v["name"]) and not (name_problem or web_problem)
        self.set_savable(ok)
        return ok

    def save(self) -> None:
        v = self.values()
        if self.record_id is None:
            name = v.pop("name")
            self.record_id = companies.create_company(name, **v).id
        else:
            before = company_snapshot(self.record_id)
            companies.update_company(self.record_id, **v)
            push_company_change(self.session, f"Edit {v['name']}", self.record_id, before)
        log.info("company %s saved", self.record_id)


def edit_company(
    parent: QWidget | None, session: Session, company_id: int | None = None
) -> int | None:
    """Open the dialog; the company's id when saved, None when cancelled."""
    return open_record_dialog(CompanyDialog, parent, session, company_id)

"""Add or edit a job: title, company, link, status, channel, referrer, flags and dates."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from crm.errors import TransitionError, VouchError
from crm.normalize import clean
from crm.services import jobs as job_service
from crm.services.job_rows import contact_choices, job_row
from crm.services.record_history import job_snapshot
from ui import session as kinds
from ui.dialogs.company import web_address_problem
from ui.dialogs.record_form import (
    RecordDialog,
    company_picker,
    error_label,
    open_record_dialog,
    show_problem,
    with_error,
)
from ui.models.jobs import CHANNEL_CHOICES, STATUS_CHOICES
from ui.record_commands import push_job_change
from ui.session import Session

log = logging.getLogger(__name__)


def _name_key(name: str) -> str:
    """A name as typed and as stored compare alike: case and spacing do not matter."""
    return " ".join(name.split()).casefold()


class _OptionalDate(QWidget):
    """A date that may be unset: a tick box and a calendar field."""

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox()
        self.check.setToolTip(f"{label}: tick to set the date")
        self.check.setAccessibleName(label)
        self.edit = QDateEdit(QDate.currentDate())
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        lay.addWidget(self.check)
        lay.addWidget(self.edit, 1)

    def value(self) -> dt.date | None:
        return self.edit.date().toPython() if self.check.isChecked() else None

    def set_value(self, day: dt.date | None) -> None:
        self.check.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(QDate(day.year, day.month, day.day))


class JobDialog(RecordDialog):
    notify_kinds = (kinds.JOBS, kinds.COMPANIES)

    def __init__(self, session: Session, job_id: int | None = None, parent: QWidget | None = None):
        super().__init__(session, job_id, "job", parent, min_width=500)
        self._loading = True

        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("title")
        self.title_edit.setPlaceholderText("Senior Product Manager")
        self.title_error = error_label("title_error")
        form.addRow("Title", with_error(self.title_edit, self.title_error))
        self.field_errors["Title"] = self.title_error

        self.company = company_picker("Pick a company or type a new one")
        form.addRow("Company", self.company)

        self.url = QLineEdit()
        self.url.setObjectName("url")
        self.url.setPlaceholderText("https://… (the job posting)")
        self.url_error = error_label("url_error")
        form.addRow("Link", with_error(self.url, self.url_error))

        self.status = QComboBox()
        self.status.setObjectName("status")
        for label, status in STATUS_CHOICES:
            self.status.addItem(label, status)
        self.status_error = error_label("status_error")
        form.addRow("Status", with_error(self.status, self.status_error))
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        for label, channel in CHANNEL_CHOICES:
            self.channel.addItem(label, channel)
        self.channel.setToolTip("Referred candidates get far more interviews: keep this honest")
        form.addRow("Channel", self.channel)

        choices = contact_choices()
        self._people = {c.label: c.id for c in choices}
        self._labels = {v: k for k, v in self._people.items()}
        # The name alone, as a user types it ("Lee Park"): accepted when one contact has it
        self._by_name: dict[str, list[int]] = {}
        for c in choices:
            self._by_name.setdefault(_name_key(c.name), []).append(c.id)
        self.referrer = QLineEdit()
        self.referrer.setObjectName("referrer")
        self.referrer.setPlaceholderText("Who referred you (start typing a name)")
        self.referrer.setClearButtonEnabled(True)
        people = QCompleter(sorted(self._people, key=str.casefold), self.referrer)
        people.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        people.setFilterMode(Qt.MatchFlag.MatchContains)
        self.referrer.setCompleter(people)
        self.referrer_error = error_label("referrer_error")
        form.addRow("Referrer", with_error(self.referrer, self.referrer_error))

        flags = QHBoxLayout()
        self.perfect_fit = QCheckBox("Perfect fit")
        self.perfect_fit.setObjectName("perfect_fit")
        self.target = QCheckBox("Target job")
        self.target.setObjectName("target")
        flags.addWidget(self.perfect_fit)
        flags.addWidget(self.target)
        flags.addStretch(1)
        form.addRow("", flags)

        labels = {"applied_on": "Applied", "interview_on": "Interview", "closed_on": "Closed"}
        self.dates = {key: _OptionalDate(label) for key, label in labels.items()}
        for key, widget in self.dates.items():
            widget.setObjectName(key)
            form.addRow(labels[key], widget)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setFixedHeight(70)
        form.addRow("Notes", self.notes)

        self.finish(form)

        self.old: dict[str, Any] = {}
        self._title_touched = bool(job_id)  # "needs a title" only once the user has typed
        if job_id:
            self._load(job_id)
        else:
            self.channel.setCurrentIndex(self.channel.findData("direct"))
        self._loading = False
        self.title_edit.textChanged.connect(self.validate)
        self.url.textChanged.connect(self.validate)
        self.referrer.textChanged.connect(self.validate)
        self.referrer.textChanged.connect(self._referrer_changed)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.validate()
        self.title_edit.setFocus()

    def _load(self, job_id: int) -> None:
        r = job_row(job_id)
        if r is None:
            raise VouchError("This job no longer exists.")
        self.title_edit.setText(r.title)
        self.company.setCurrentText(r.company)
        self.url.setText(r.url)
        self.status.setCurrentIndex(max(0, self.status.findData(r.status)))
        self.channel.setCurrentIndex(max(0, self.channel.findData(r.channel)))
        if r.referrer_id is not None:
            self.referrer.setText(self._labels.get(r.referrer_id, r.referrer))
        self.perfect_fit.setChecked(r.perfect_fit)
        self.target.setChecked(r.is_target)
        for key, widget in self.dates.items():
            widget.set_value(getattr(r, key))
        self.notes.setPlainText(r.notes)
        self.old = self.values()

    def _status_changed(self) -> None:
        """A new status fills its date (still editable) and a referral sets the channel."""
        status = self.status.currentData()
        key = job_service.DATE_FOR_STATUS.get(status)
        if key and self.dates[key].value() is None:
            self.dates[key].set_value(dt.date.today())
        channel = job_service.CHANNEL_FOR_STATUS.get(status)
        if channel:
            self.channel.setCurrentIndex(self.channel.findData(channel))
        show_problem(self.status_error, "")

    def _referrer_changed(self) -> None:
        """Someone referred you: the job came through a referral, not a direct application
        (a referrer left on Direct counted the job on the wrong side of the interview rates)."""
        if self.referrer_id() is not None and self.channel.currentData() == "direct":
            self.channel.setCurrentIndex(self.channel.findData("referral"))

    def _name_matches(self, text: str) -> list[int]:
        return self._by_name.get(_name_key(text), [])

    def referrer_id(self) -> int | None:
        """The contact picked from the list, or typed by a name only one contact has."""
        text = self.referrer.text().strip()
        if not text:
            return None
        if text in self._people:
            return self._people[text]
        found = self._name_matches(text)
        return found[0] if len(found) == 1 else None

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "title": clean(self.title_edit.text()),
            "company": clean(self.company.currentText()),
            "url": clean(self.url.text()),
            "status": self.status.currentData(),
            "channel": self.channel.currentData(),
            "referrer": self.referrer_id(),
            "perfect_fit": self.perfect_fit.isChecked(),
            "is_target": self.target.isChecked(),
            "notes": self.notes.toPlainText().strip(),
        }
        out.update({key: w.value() for key, w in self.dates.items()})
        return out

    def validate(self) -> bool:
        """Problems next to their field as you type; Save only when there is none."""
        if self.title_edit.text():
            self._title_touched = True
        title_problem = "" if clean(self.title_edit.text()) else "a job needs a title"
        show_problem(self.title_error, title_problem if self._title_touched else "")
        url_problem = web_address_problem(self.url.text())
        show_problem(self.url_error, url_problem)
        text = self.referrer.text().strip()
        referrer_problem = ""
        if text and self.referrer_id() is None:
            same = len(self._name_matches(text))
            referrer_problem = (
                f"{same} contacts are called {text}: pick one from the list, which shows "
                "their company"
                if same > 1
                else "pick someone from your contacts (or leave it empty)"
            )
        show_problem(self.referrer_error, referrer_problem)
        ok = not (title_problem or url_problem or referrer_problem)
        self.set_savable(ok)
        return ok

    def explain(self, exc: VouchError) -> bool:
        if isinstance(exc, TransitionError):  # a status the job cannot move to from here
            show_problem(self.status_error, str(exc))
            return True
        return super().explain(exc)

    def save(self) -> None:
        v = self.values()
        if self.record_id is None:
            title, company = v.pop("title"), v.pop("company")
            self.record_id = job_service.create_job(title, company or None, **v).id
            log.info("job %s created", self.record_id)
            push_job_change(self.session, f"Add {title}", self.record_id, None)
            return
        changed = {k: val for k, val in v.items() if self.old.get(k) != val}
        if changed:
            if "company" in changed and not changed["company"]:
                changed["company"] = None
            before = job_snapshot(self.record_id)
            job_service.update_job(self.record_id, **changed)
            log.info("job %s updated: %s", self.record_id, sorted(changed))
            push_job_change(self.session, f"Edit {v['title']}", self.record_id, before)


def edit_job(parent: QWidget | None, session: Session, job_id: int | None = None) -> int | None:
    """Open the dialog; the job's id when saved, None when cancelled."""
    return open_record_dialog(JobDialog, parent, session, job_id)

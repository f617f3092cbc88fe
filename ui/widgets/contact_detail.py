"""The detail pane of the Contacts view: one person, their links, their history, and actions."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from crm.errors import VouchError
from crm.services.contact_card import ContactCard, contact_card
from crm.services.contact_table import CLOSENESS_LABELS
from crm.services.contacts import has_contacts
from crm.services.network import WarmPath, paths_to_contact
from ui.session import Session
from ui.widgets.flow_grid import FlowGrid

log = logging.getLogger(__name__)

PATH_LIMIT = 5
EMPTY = "Select a contact to see their links, history and warm paths."
NO_CONTACTS = (
    "No contacts yet. Click New contact… to add someone who can vouch for you, "
    "or use Import to bring in your LinkedIn connections."
)
# Where a contact came from, in words (the stored values are "linkedin", "manual"...)
SOURCE_WORDS = {
    "linkedin": "LinkedIn",
    "spreadsheet": "Imported file",
    "manual": "Added by you",
    "referral": "Referral",
}
KIND_WORDS = {
    "meeting": "Meeting",
    "call": "Call",
    "email": "Email",
    "message": "Message",
    "thank_you": "Thank-you",
    "other": "Other",
}


def degree_words(degree: int) -> str:
    """'1st: you know them', '2nd: 2 links from you', as the table's Degree column says it."""
    ordinal = {1: "1st", 2: "2nd", 3: "3rd"}.get(degree, f"{degree}th")
    return f"{ordinal}: you know them" if degree == 1 else f"{ordinal}: {degree} links from you"


def _e(text: object) -> str:
    return html.escape(str(text or ""))


class ContactDetail(QWidget):
    """Shows the contact given to `show_contact`; its buttons act on that contact."""

    archived_changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.contact_id: int | None = None
        self.card: ContactCard | None = None
        self.paths: list[WarmPath] = []
        self.degree: int | None = None
        self.dialog: QWidget | None = None  # the email draft last opened

        self.title = QLabel()
        self.title.setObjectName("detail_title")
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        for label in (self.title, self.subtitle):  # names show as typed, never as HTML
            label.setTextFormat(Qt.TextFormat.PlainText)

        self.buttons: dict[str, QPushButton] = {}
        specs = [
            ("edit", "Edit…", self.edit),
            ("interaction", "Log interaction…", self.log_interaction),
            ("meeting", "Log meeting…", self.log_meeting),
            ("intro", "Ask for an introduction…", self.ask_introduction),
            ("linkedin", "Open LinkedIn profile", self.open_linkedin),
            ("email", "Write email…", self.write_email),
            ("copy", "Copy details", self.copy_details),
            ("archive", "Archive", self.toggle_archive),
        ]
        for key, text, slot in specs:
            button = QPushButton(text)
            button.setObjectName(f"detail_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
        # Three to a row, two when the pane is narrow (the pane's width is the window's too).
        self.button_grid = FlowGrid(list(self.buttons.values()), columns=(3, 2), spacing=4)

        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)

        self.empty = QLabel(EMPTY)
        self.empty.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.button_grid)
        layout.addWidget(self.browser, 1)
        session.changed.connect(self._on_changed)
        self.show_contact(None)

    # --- content -------------------------------------------------------------------------

    def show_contact(self, contact_id: int | None, degree: int | None = None) -> None:
        self.contact_id, self.degree = contact_id, degree
        self.card, self.paths = None, []
        if contact_id is not None:
            try:
                self.card = contact_card(contact_id)
                self.paths = paths_to_contact(contact_id, limit=PATH_LIMIT)
            except VouchError as exc:
                log.info("contact %s not shown: %s", contact_id, exc)
                self.card, self.contact_id = None, None
        has = self.card is not None
        if not has:  # the query only when the hint shows, not on every selection
            self.empty.setText(EMPTY if has_contacts() else NO_CONTACTS)
        self.empty.setVisible(not has)
        for w in (self.title, self.subtitle, self.browser, *self.buttons.values()):
            w.setVisible(has)
        if not has:
            return
        card, c = self.card, self.card.contact
        self.title.setText(card.name)
        role = " at ".join(p for p in (c.position, card.company) if p)
        flags = []
        if card.company_is_target:
            flags.append("network target")
        if c.archived:
            flags.append("archived")
        # " · " as everywhere else; no dot in front when there is no role to follow
        self.subtitle.setText(" · ".join(part for part in (role, ", ".join(flags)) if part))
        self.buttons["linkedin"].setEnabled(bool(c.linkedin_url))
        self.buttons["email"].setEnabled(bool(c.email))
        self.buttons["intro"].setEnabled(self._intro_path() is not None)
        self.buttons["archive"].setText("Unarchive" if c.archived else "Archive")
        self.browser.setHtml(self._html())

    def _on_changed(self, _kinds) -> None:
        if self.contact_id is not None:
            self.show_contact(self.contact_id, self.degree)

    def text(self) -> str:
        """What the pane shows, as plain text (tests read it)."""
        return "\n".join([self.title.text(), self.subtitle.text(), self.browser.toPlainText()])

    def _html(self) -> str:
        card, c = self.card, self.card.contact
        parts = ["<table cellspacing=2>"]

        def row(label: str, value: str) -> None:
            if value:
                parts.append(
                    f"<tr><td style='color:gray;padding-right:10px'>{label}</td>"
                    f"<td>{value}</td></tr>"
                )

        row("Email", _e(c.email))
        row("Phone", _e(c.phone))
        if c.linkedin_url:
            row("LinkedIn", f"<a href='{_e(c.linkedin_url)}'>{_e(c.linkedin_url)}</a>")
        row("Closeness", _e(CLOSENESS_LABELS.get(c.closeness, c.closeness)))
        row("Stage", _e(c.stage.capitalize()))
        if self.degree:
            row("Degree", degree_words(self.degree))
        row("Source", _e(SOURCE_WORDS.get(c.source, c.source)))
        row("Connected on", _e(c.connected_on))
        row("Next follow-up", _e(c.next_follow_up))
        row("Last contact", _e(card.last_contact()))
        row("Tags", _e(c.tags))
        row("Notes", _e(c.notes).replace("\n", "<br>"))
        parts.append("</table>")

        parts.append("<h4>Warm paths to them</h4>")
        if not self.paths:
            parts.append("<p style='color:gray'>No path found through your network.</p>")
        for i, path in enumerate(self.paths):
            names = " → ".join(
                f"<a href='contact:{h.person.id}'>{_e(h.person.name)}</a>" for h in path.hops
            )
            tip = _e(path.next_action())
            ask = ""
            if path.length >= 2:
                ask = (
                    f"<br><a href='intro:{i}'>Ask {_e(path.first.name)} for this introduction…</a>"
                )
            parts.append(f"<p>Me → {names}<br><small>{tip}</small>{ask}</p>")

        parts.append("<h4>Referrals</h4>")
        if card.introduced_by:
            items = ", ".join(
                f"<a href='contact:{link.contact_id}'>{_e(link.name)}</a> ({_e(link.status_label)})"
                for link in card.introduced_by
            )
            parts.append(f"<p>Introduced or known by: {items}</p>")
        if card.named:
            items = ", ".join(
                f"<a href='contact:{link.contact_id}'>{_e(link.name)}</a> ({_e(link.status_label)}"
                f"{', by ' + _e(link.intro_method) if link.intro_method else ''})"
                for link in card.named
            )
            parts.append(f"<p>Named for you: {items}</p>")
        if not (card.introduced_by or card.named):
            parts.append("<p style='color:gray'>No referrals yet.</p>")

        if card.company:
            parts.append(f"<h4>Jobs at {_e(card.company)}</h4>")
            if card.jobs:
                parts.append("<ul>")
                for job in card.jobs:
                    parts.append(f"<li>{_e(job.title)} — {_e(job.status)}, {_e(job.channel)}</li>")
                parts.append("</ul>")
            else:
                parts.append("<p style='color:gray'>No jobs recorded there.</p>")

        parts.append("<h4>Timeline</h4>")
        if not card.timeline:
            parts.append("<p style='color:gray'>Nothing logged yet.</p>")
        for item in card.timeline:
            what = KIND_WORDS.get(item.kind, item.kind)
            extra = []
            if item.minutes:
                extra.append(f"{item.minutes} min")
            if item.answer:
                extra.append(f"would recommend: {item.answer}")
            head = f"<b>{_e(item.date)}</b> {what}" + (f" ({', '.join(extra)})" if extra else "")
            body = [_e(t) for t in (item.resume_feedback, item.why_not, item.notes) if t]
            parts.append(f"<p>{head}" + "".join(f"<br>{b}" for b in body) + "</p>")
        return "".join(parts)

    # --- actions -------------------------------------------------------------------------

    def _link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("contact:"):
            self.session.contact_selected.emit(int(text.split(":", 1)[1]))
        elif text.startswith("intro:"):
            index = int(text.split(":", 1)[1])
            if 0 <= index < len(self.paths):
                self._request_intro(self.paths[index])
        else:
            QDesktopServices.openUrl(url)

    def edit(self) -> None:
        from ui.dialogs.contact import edit_contact

        if self.contact_id is not None:
            edit_contact(self, self.session, self.contact_id)

    def log_interaction(self) -> None:
        from ui.dialogs.interaction import log_interaction

        if self.contact_id is not None:
            log_interaction(self, self.session, self.contact_id)

    def log_meeting(self) -> None:
        from ui.dialogs.meeting import log_meeting

        if self.contact_id is not None:
            log_meeting(self, self.session, self.contact_id)

    def _intro_path(self) -> WarmPath | None:
        return next((p for p in self.paths if p.length >= 2), None)

    def ask_introduction(self) -> None:
        path = self._intro_path()
        if path is None:
            QMessageBox.information(
                self, "Vouch", "You know this person directly: no introduction is needed."
            )
            return
        self._request_intro(path)

    def _request_intro(self, path: WarmPath) -> None:
        """The Network page's way: the editable draft first, recorded only when sent."""
        from ui.dialogs.introduction import request_introduction

        request_introduction(self, self.session, path)

    def open_linkedin(self) -> None:
        if self.card and self.card.contact.linkedin_url:
            url = self.card.contact.linkedin_url
            if "://" not in url:
                url = "https://" + url
            QDesktopServices.openUrl(QUrl(url))

    def write_email(self) -> None:
        """The draft Follow-ups shows, for what is owed to this contact (a keep-warm email
        when nothing is): it went straight to the mail client, with no chance to edit."""
        if not (self.card and self.card.contact.email):
            return
        from ui.dialogs.email_draft import open_email_draft, owed_to

        item = owed_to(self.card)
        self.dialog = open_email_draft(self, self.session, item)

    def copy_details(self) -> None:
        if self.card:
            QGuiApplication.clipboard().setText(self.card.details_text())

    def toggle_archive(self) -> None:
        from ui.undo import archive_contact

        if self.card is None:
            return
        try:
            archive_contact(self.session, self.card.contact.id, not self.card.contact.archived)
        except VouchError as exc:
            QMessageBox.warning(self, "Vouch", exc.user_message())
            return
        self.archived_changed.emit()

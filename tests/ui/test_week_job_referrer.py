"""A week of the method: the job a contact referred you to, entered as a user types it.

Typing the referrer's name ("Lee Park") kept Save disabled with "pick someone from your
contacts" although Lee Park was one: only the completer's "Lee Park — Wonka" was taken. And
a job with a referrer stayed on the Direct channel, so Metrics counted it as a direct
application.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from crm.services.contacts import create_contact
from crm.store.models import Job
from ui.dialogs.job import JobDialog
from ui.session import Session


def _dialog(qtbot, db) -> JobDialog:
    dialog = JobDialog(Session(db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_referrer_typed_by_name_is_taken_and_makes_the_job_a_referral(db, qtbot):
    lee = create_contact("Lee", "Park", company="Wonka")
    create_contact("Ana", "Lima", company="Wonka")
    dialog = _dialog(qtbot, db)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.keyClicks(dialog.title_edit, "Senior Data Engineer")
    qtbot.keyClicks(dialog.company.lineEdit(), "Wonka")
    assert dialog.channel.currentText() == "Direct"
    qtbot.keyClicks(dialog.referrer, "lee park")
    assert dialog.referrer_error.isHidden(), dialog.referrer_error.text()
    assert save.isEnabled()
    assert dialog.channel.currentText() == "Referral"
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    job = Job.get(Job.title == "Senior Data Engineer")
    assert (job.referrer_id, job.channel) == (lee.id, "referral")


def test_a_name_two_contacts_share_asks_which_one(db, qtbot):
    create_contact("Raj", "Ivanova", company="Oceanic")
    create_contact("Raj", "Ivanova", company="Wonka")
    dialog = _dialog(qtbot, db)
    qtbot.keyClicks(dialog.title_edit, "Analyst")
    qtbot.keyClicks(dialog.referrer, "Raj Ivanova")
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert dialog.referrer_error.text().startswith("2 contacts are called Raj Ivanova")
    assert dialog.channel.currentText() == "Direct"


def test_a_recruiter_job_keeps_its_channel_when_a_referrer_is_named(db, qtbot):
    create_contact("Mo", "Reyes", company="Hooli")
    dialog = _dialog(qtbot, db)
    qtbot.keyClicks(dialog.title_edit, "Data Lead")
    dialog.channel.setCurrentIndex(dialog.channel.findData("recruiter"))
    qtbot.keyClicks(dialog.referrer, "Mo Reyes")
    assert dialog.channel.currentText() == "Recruiter"

"""The Network page's repeated searches (ui/views/latest_work.py): on a big network a newer
request of a kind supersedes the older, whose late answer must not overwrite the newer."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from ui.views.latest_work import LatestWork


def test_a_late_answer_to_an_older_request_is_dropped(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    errors: list[Exception] = []
    work = LatestWork(parent, errors.append)
    work.big = True
    shown: list[str] = []

    def show_paths(result: str) -> None:  # one kind of request: the paths shown
        shown.append(result)

    gate = threading.Event()

    def slow(**_kw) -> str:
        gate.wait(5)
        return "paths to the company picked first"

    work.run(slow, show_paths, "Searching warm paths…")
    work.run(lambda **_kw: "paths to the company picked next", show_paths, "Searching…")
    qtbot.waitUntil(lambda: shown == ["paths to the company picked next"], timeout=5000)
    gate.set()
    qtbot.wait(200)  # the older search finishes now: its answer is not shown
    assert shown == ["paths to the company picked next"] and errors == []


def test_a_small_network_answers_at_once_and_refusals_are_reported(qtbot):
    from crm.errors import ValidationError

    parent = QWidget()
    qtbot.addWidget(parent)
    errors: list[Exception] = []
    work = LatestWork(parent, errors.append)
    shown: list[str] = []
    work.run(lambda: "now", shown.append, "…")
    assert shown == ["now"]

    def refused():
        raise ValidationError("Path", "no such company")

    work.run(refused, shown.append, "…")
    assert shown == ["now"] and len(errors) == 1

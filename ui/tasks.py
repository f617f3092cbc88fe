"""Long work off the GUI thread: a QRunnable around a crm function, with progress and cancel.

crm functions take `progress(done, total)` and `cancelled()` callables and know nothing of Qt
(conventions.md, 6). The worker never touches widgets; results come back by signal. A
progress dialog appears only if the work lasts longer than ~500 ms.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)  # the exception


class Task(QRunnable):
    """Runs `fn(*args, progress=..., cancelled=..., **kwargs)` on the thread pool."""

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any):
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = _Signals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(
                *self.args,
                progress=lambda done, total: self.signals.progress.emit(int(done), int(total)),
                cancelled=self._cancel.is_set,
                **self.kwargs,
            )
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread to show
            if not isinstance(exc, __import__("crm.errors", fromlist=["VouchError"]).VouchError):
                log.exception("background task failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


def run_task(
    task: Task,
    *,
    parent: QWidget | None = None,
    label: str = "Working…",
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    delay_ms: int = 500,
) -> Task:
    """Start `task`; show a cancellable progress dialog if it is still running after delay_ms."""
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Vouch")
    # the window behind waits (its buttons would start a second job); Cancel stays live
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(delay_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(task.cancel)
    timer = QTimer(dialog)
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: None if task_done[0] else dialog.show())
    task_done = [False]

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    def finish() -> None:
        task_done[0] = True
        timer.stop()
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()

    def done(result: Any) -> None:
        finish()
        if on_done:
            on_done(result)

    def failed(exc: Exception) -> None:
        finish()
        if on_error:
            on_error(exc)

    task.signals.progress.connect(on_progress)
    task.signals.finished.connect(done)
    task.signals.failed.connect(failed)
    timer.start(delay_ms)
    QThreadPool.globalInstance().start(task)
    return task

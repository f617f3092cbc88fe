"""Work a page asks for again and again (warm paths, the graph, who to meet next) where
only the latest answer counts.

On a small network the work runs at once; on a big one, in a worker with a cancellable
progress dialog, and a newer request of the same kind cancels the older and drops its late
result. The Network page uses it; the work itself is crm's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from crm.errors import VouchError
from ui.tasks import Task, run_task


class LatestWork:
    """Runs `fn` and hands its result to `done`; refusals go to `on_error`."""

    def __init__(self, parent: QWidget, on_error: Callable[[Exception], None]) -> None:
        self.parent = parent
        self.on_error = on_error
        self.big = False  # set by the page: run in workers
        self._tasks: dict[str, Task] = {}

    def run(self, fn: Callable[..., Any], done: Callable[[Any], None], label: str) -> None:
        """One kind of request per `done` callback: a newer one supersedes the older."""
        if not self.big:
            try:
                done(fn())
            except VouchError as exc:
                self.on_error(exc)
            return
        key = done.__name__
        if key in self._tasks:
            self._tasks[key].cancel()
        task = Task(fn)
        self._tasks[key] = task

        def finished(result: Any) -> None:
            if self._tasks.get(key) is task:
                del self._tasks[key]
                done(result)

        def failed(exc: Exception) -> None:
            if self._tasks.get(key) is task:
                del self._tasks[key]
                self.on_error(exc)

        run_task(task, parent=self.parent, label=label, on_done=finished, on_error=failed)

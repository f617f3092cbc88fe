"""What every page of the window shares: a title, a refresh, and lazy reload when shown."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.session import Session


class View(QWidget):
    """A page in the window's navigation. Subclasses implement `reload()`."""

    name = "view"
    title = "View"
    # Data kinds that make this view stale; an empty set means "any change".
    depends_on: frozenset[str] = frozenset()

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._stale = True
        session.changed.connect(self._on_changed)

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if self.depends_on and not (kinds & self.depends_on):
            return
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Reload now if stale."""
        if self._stale:
            self._stale = False
            self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        self.refresh()

    def reload(self) -> None:
        raise NotImplementedError

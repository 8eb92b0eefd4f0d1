"""Base class of the main window's pages: built once, refreshed when shown or when data changed."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from bezag_desktop.ui.context import UiContext


class Page(QWidget):
    #: Navigation title (German).
    title = ""
    #: Areas of ``UiContext.data_changed`` this page listens to ("all" always refreshes).
    areas: tuple[str, ...] = ()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        ctx.data_changed.connect(self._on_data_changed)

    def _on_data_changed(self, area: str) -> None:
        if area == "all" or area in self.areas:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def ensure_fresh(self) -> None:
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Reload the page's data from the services (one query per list)."""
        self._stale = False

    def may_leave(self) -> bool:
        """Whether the page may be left now; a page holding unsaved input asks first (Einstellungen)."""
        return True

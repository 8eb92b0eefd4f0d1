"""What every page and dialog gets: the open store and a bus that says when data changed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal

from bezag_desktop.domain import timeutil
from bezag_desktop.services.store import Store


class UiContext(QObject):
    """Shared by the main window's pages. Pages never hold a Session: they call services."""

    #: Emitted after a user action changed data; the argument names the area
    #: ("people", "mandates", "chairs", "elections", "meetings", "committees", "partners", "settings", "all").
    data_changed = Signal(str)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def today(self) -> date:
        return timeutil.today()

    def notify(self, area: str = "all") -> None:
        self.data_changed.emit(area)

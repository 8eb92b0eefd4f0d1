"""What every tab of the meeting editor shares: the host it works for, and the edit signal.

A tab shows one part of a ``MeetingDetail`` (``load``), keeps what the user typed as a draft until the
dialog saves the whole form, and says ``changed`` on every edit. Immediate actions (add or move an
item, add a guest, …) write at once through the services and then ask the host to ``refresh``; the
drafts of the tabs survive that reload.
"""

from __future__ import annotations

from datetime import time
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.services.meetings import MeetingDetail
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.widgets.unsaved import ChangeTracker

ID_ROLE = Qt.ItemDataRole.UserRole


class EditorHost(Protocol):
    """The dialog as its tabs see it."""

    ctx: UiContext
    meeting_id: int | None
    detail: MeetingDetail | None

    def refresh(self, *, select_item: int | None = None) -> None:
        """Read the meeting again after an immediate action (drafts are kept) and tell the pages."""

    def save_first(self) -> bool:
        """Before handing over to a dialog that reads the database: save, discard or stay (the question)."""
        ...

    def switch_to(self, meeting_id: int) -> bool:
        """Show another meeting in this editor (after the question, when something is unsaved)."""
        ...

    def record_election(self) -> None:
        """Hand over to the election dialog (from the Tagesordnung and the Niederschrift tab)."""


class EditorTab(QWidget):
    """One tab: ``load(detail)`` shows the stored state merged with the draft; ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        #: Watches this tab's inputs; ``loading()`` while filling them from the database or the draft.
        self.tracker = ChangeTracker(self)
        self.tracker.edited.connect(self._edited)

    @property
    def read_only(self) -> bool:
        return self.host.ctx.read_only

    def _edited(self) -> None:
        self.remember()
        self.changed.emit()

    def remember(self) -> None:
        """Keep what the inputs show now in the draft (called on every edit)."""

    def clear_draft(self) -> None:
        """Forget the draft: it was saved (or discarded)."""


def count_text(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def parse_clock(text: str, label: str) -> time | None:
    """``10:15`` or ``10.15`` → a time of day; empty → None; anything else: a German message."""
    text = text.strip()
    if not text:
        return None
    try:
        hours, minutes = text.replace(".", ":").split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ValidationError(f"„{text}“ ist keine Uhrzeit ({label}, z. B. 10:15).") from None

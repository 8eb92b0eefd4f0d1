"""Set-up shared by the meeting editor's tests: open the editor, find a demo plenary, pick like a user."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox

from bezag_desktop.services import meetings
from bezag_desktop.services.store import Store
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs.meeting_editor import MeetingEditor


def open_editor(qtbot: Any, store: Store, meeting_id: int | None = None, *, tab: int | None = None) -> MeetingEditor:
    """The editor on ``meeting_id`` (None: a new meeting), shown, on ``tab`` if given."""
    editor = MeetingEditor(UiContext(store), meeting_id)
    # what a test leaves unsaved is dropped at teardown: no question box without an answerer
    qtbot.addWidget(editor, before_close_func=lambda e: e.tracker.mark_clean())
    editor.show()
    if tab is not None:
        editor.tabs.setCurrentIndex(tab)
    return editor


def upcoming_plenary(store: Store) -> int:
    """The first planned plenary meeting of the demo data."""
    return next(r.id for r in meetings.list_meetings(store, status="geplant") if r.committee_kind == "plenum")


def choose(combo: QComboBox, data: object) -> None:
    """What a user's pick in a combo box does: set it and emit ``activated`` (what the tabs listen to)."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)

"""Nothing typed in the meeting editor is lost: drafts per agenda item and TOP survive switching and
reloads, the whole form is saved at once, and closing with changes asks Speichern / Verwerfen /
Abbrechen - each answer does what it says (asserted on the database)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from typing import Any

import pytest
from meeting_editor_helpers import open_editor, upcoming_plenary
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QTreeWidgetItem

from bezag_desktop.services import meetings
from bezag_desktop.services.store import Store
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs.meeting_editor import TAB_AGENDA, TAB_ATTENDANCE, TAB_MINUTES, MeetingEditor
from bezag_desktop.ui.widgets.editor_buttons import SAVED_TEXT

Answer = Callable[..., list[tuple[str, str, str]]]
SAVE, DISCARD, CANCEL = 0, 1, None


def _type(edit: Any, text: str) -> None:
    """Replace a line edit's text with key events, as a user types (setText is no user edit)."""
    edit.setFocus()
    edit.selectAll()
    QApplication.sendEvent(edit, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier))
    for ch in text:  # QTest's keyClicks takes ASCII only
        QApplication.sendEvent(edit, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))


def _pick(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def _held(store: Store) -> int:
    return next(r.id for r in meetings.list_meetings(store, status="protokoll_entwurf") if r.committee_kind == "plenum")


def _tree_item(editor: MeetingEditor, n: int) -> QTreeWidgetItem:
    item = editor.agenda_tab.agenda_tree.topLevelItem(n)
    assert item is not None
    return item


def _select_top(editor: MeetingEditor, n: int) -> int:
    tree = editor.agenda_tab.agenda_tree
    tree.setCurrentItem(_tree_item(editor, n))
    item_id = tree.selected_id()
    assert item_id is not None
    return item_id


def _stored_item(store: Store, meeting_id: int, item_id: int) -> meetings.AgendaRow:
    row = meetings.meeting_detail(store, meeting_id).item(item_id)
    assert row is not None
    return row


# --- drafts survive switching ------------------------------------------------------------------


def test_aussprache_survives_switching_the_top_and_is_saved(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer()
    mid = _held(demo_store)
    editor = open_editor(qtbot, demo_store, mid)
    assert not editor.tracker.dirty  # loading is no change
    assert not editor.windowTitle().endswith("*")
    editor.tabs.setCurrentIndex(TAB_MINUTES)
    tab = editor.minutes_tab
    tab.minutes_list.setCurrentRow(0)
    first = tab.minutes_item()
    assert first is not None
    typed = first.notes + "\nFrau Huber ergänzt: Die Zahlen für 2026 liegen im März vor."
    tab.minutes_notes_edit.setPlainText(typed)
    assert editor.windowTitle().endswith("*")
    tab.minutes_list.setCurrentRow(1)  # TOP 2
    assert tab.minutes_notes_edit.toPlainText() != typed
    tab.minutes_list.setCurrentRow(0)  # and back
    assert tab.minutes_notes_edit.toPlainText() == typed
    assert _stored_item(demo_store, mid, first.id).notes == first.notes  # nothing written yet
    editor.save_button.click()
    assert _stored_item(demo_store, mid, first.id).notes == typed
    assert not editor.windowTitle().endswith("*")
    assert editor.buttons.status_label.text().startswith(SAVED_TEXT)
    assert tab.minutes_notes_edit.toPlainText() == typed


def test_item_fields_survive_clicking_another_item_and_are_saved(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer()
    mid = upcoming_plenary(demo_store)
    editor = open_editor(qtbot, demo_store, mid)
    editor.tabs.setCurrentIndex(TAB_AGENDA)
    tab = editor.agenda_tab
    item_id = _select_top(editor, 1)
    before = _stored_item(demo_store, mid, item_id)
    _pick(tab.item_kind_combo, "beschluss")
    _type(tab.item_presenter_edit, "Dr. Maria Pröbstl")
    tab.item_minutes_spin.setValue(25)
    tab.item_description_edit.setPlainText("Vorlage folgt mit der Einladung.")
    assert _tree_item(editor, 1).text(3) == "Dr. Maria Pröbstl"  # the tree shows the draft at once
    other_id = _select_top(editor, 2)
    assert tab.item_presenter_edit.text() == _stored_item(demo_store, mid, other_id).presenter
    _select_top(editor, 1)
    assert tab.item_kind_combo.currentData() == "beschluss"
    assert tab.item_presenter_edit.text() == "Dr. Maria Pröbstl"
    assert tab.item_minutes_spin.value() == 25
    assert tab.item_description_edit.toPlainText() == "Vorlage folgt mit der Einladung."
    assert _stored_item(demo_store, mid, item_id) == before  # nothing written before Speichern
    editor.save_button.click()
    after = _stored_item(demo_store, mid, item_id)
    assert (after.kind, after.presenter, after.planned_minutes, after.description) == (
        "beschluss",
        "Dr. Maria Pröbstl",
        25,
        "Vorlage folgt mit der Einladung.",
    )
    assert not editor.tracker.dirty


def test_drafts_survive_immediate_actions_and_a_deleted_item_takes_its_draft(
    qtbot: Any, demo_store: Store, answer: Answer
) -> None:
    answer(confirm=True, text="Neuer Bericht")
    mid = upcoming_plenary(demo_store)
    editor = open_editor(qtbot, demo_store, mid)
    tab = editor.agenda_tab
    _type(editor.general_tab.location_room_edit, "Saal 3")
    kept_id = _select_top(editor, 1)
    _type(tab.item_title_edit, "Genehmigung der Tagesordnung (geändert)")
    doomed_id = _select_top(editor, 2)
    _type(tab.item_presenter_edit, "wird gelöscht")
    # immediate actions write at once and reload: the drafts are laid over the new state
    tab.add_item_button.click()  # after TOP 3
    assert any(r.title == "Neuer Bericht" for r in meetings.meeting_detail(demo_store, mid).agenda)
    assert editor.general_tab.location_room_edit.text() == "Saal 3"
    tab.agenda_tree.setCurrentItem(_tree_item(editor, 1))
    assert tab.item_title_edit.text() == "Genehmigung der Tagesordnung (geändert)"
    tab.agenda_tree.setCurrentItem(_tree_item(editor, 2))
    assert tab.agenda_tree.selected_id() == doomed_id
    tab.delete_item_button.click()
    assert doomed_id not in tab.drafts
    assert editor.tracker.dirty
    editor.save_button.click()
    d = meetings.meeting_detail(demo_store, mid)
    assert d.location_room == "Saal 3"
    kept = d.item(kept_id)
    assert kept is not None
    assert kept.title == "Genehmigung der Tagesordnung (geändert)"
    assert d.item(doomed_id) is None


def test_attendance_times_are_kept_per_person_and_a_bad_time_saves_nothing(
    qtbot: Any, demo_store: Store, answer: Answer
) -> None:
    shown = answer()
    mid = _held(demo_store)
    editor = open_editor(qtbot, demo_store, mid)
    editor.tabs.setCurrentIndex(TAB_ATTENDANCE)
    tab = editor.attendance_tab
    rows = list(tab.attendance_model.rows)
    first, second = rows[0], rows[1]
    assert tab.select_attendance(first.person_id)
    _type(tab.arrival_edit, "10:20")
    assert tab.select_attendance(second.person_id)
    _type(tab.departure_edit, "11.45")
    assert tab.select_attendance(first.person_id)
    assert tab.arrival_edit.text() == "10:20"
    # a time that is none: German message, nothing of the form written, the draft stays
    editor.general_tab.notes_edit.setPlainText("Zeiten nacherfasst")
    assert tab.select_attendance(second.person_id)
    _type(tab.arrival_edit, "kurz nach zehn")
    editor.save_button.click()
    assert shown[-1][0] == "error"
    assert "keine Uhrzeit" in shown[-1][2]
    assert meetings.meeting_detail(demo_store, mid).notes != "Zeiten nacherfasst"
    assert editor.tracker.dirty
    _type(tab.arrival_edit, "")
    editor.save_button.click()
    after = {r.person_id: r for r in meetings.meeting_detail(demo_store, mid).attendance}
    assert after[first.person_id].arrival == time(10, 20)
    assert after[second.person_id].departure == time(11, 45)
    assert meetings.meeting_detail(demo_store, mid).notes == "Zeiten nacherfasst"


# --- closing asks, and each answer does what it says --------------------------------------------


def _edit_room(editor: MeetingEditor) -> None:
    _type(editor.general_tab.location_room_edit, "Kleiner Saal")
    assert editor.windowTitle().endswith("*")


def test_close_with_changes_cancel_keeps_the_dialog_and_the_text(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer(choice=CANCEL)
    mid = upcoming_plenary(demo_store)
    before = meetings.meeting_detail(demo_store, mid)
    editor = open_editor(qtbot, demo_store, mid)
    _edit_room(editor)
    editor.close_button.click()
    assert shown[-1][:2] == ("choice", "Änderungen speichern?")
    assert editor.isVisible()
    assert editor.general_tab.location_room_edit.text() == "Kleiner Saal"
    assert meetings.meeting_detail(demo_store, mid).location_room == before.location_room


def test_close_with_changes_discard_closes_and_writes_nothing(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer(choice=DISCARD)
    mid = upcoming_plenary(demo_store)
    before = meetings.meeting_detail(demo_store, mid)
    editor = open_editor(qtbot, demo_store, mid)
    _edit_room(editor)
    editor.close_button.click()
    assert shown[-1][:2] == ("choice", "Änderungen speichern?")
    assert not editor.isVisible()
    assert meetings.meeting_detail(demo_store, mid) == before


def test_close_with_changes_save_saves_then_closes(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer(choice=SAVE)
    mid = upcoming_plenary(demo_store)
    editor = open_editor(qtbot, demo_store, mid)
    _edit_room(editor)
    editor.close_button.click()
    assert not editor.isVisible()
    assert meetings.meeting_detail(demo_store, mid).location_room == "Kleiner Saal"


def test_save_on_close_that_fails_keeps_the_dialog_open_with_the_message(
    qtbot: Any, demo_store: Store, answer: Answer
) -> None:
    shown = answer(choice=SAVE)
    mid = upcoming_plenary(demo_store)
    before = meetings.meeting_detail(demo_store, mid)
    editor = open_editor(qtbot, demo_store, mid)
    _edit_room(editor)
    editor.general_tab.end_edit.set_value(datetime(before.start.year, before.start.month, before.start.day, 8))
    editor.close_button.click()
    assert shown[-1][0] == "error"
    assert "liegt vor dem Beginn" in shown[-1][2]
    assert editor.isVisible()
    assert meetings.meeting_detail(demo_store, mid) == before


@pytest.mark.parametrize("how", ["escape", "window"])
def test_escape_and_the_window_close_button_ask_too(qtbot: Any, demo_store: Store, answer: Answer, how: str) -> None:
    shown = answer(choice=CANCEL)
    editor = open_editor(qtbot, demo_store, upcoming_plenary(demo_store))
    _edit_room(editor)
    if how == "escape":
        qtbot.keyClick(editor.general_tab.location_room_edit, Qt.Key.Key_Escape)
    else:
        editor.close()
    assert [t for k, t, _x in shown if k == "choice"] == ["Änderungen speichern?"]
    assert editor.isVisible()


def test_unchanged_editor_closes_without_asking(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer(choice=CANCEL)
    editor = open_editor(qtbot, demo_store, _held(demo_store))
    for tab in range(4):  # looking at every tab changes nothing
        editor.tabs.setCurrentIndex(tab)
    editor.minutes_tab.minutes_list.setCurrentRow(1)
    editor.agenda_tab.agenda_tree.setCurrentItem(_tree_item(editor, 1))
    editor.close_button.click()
    assert not shown
    assert not editor.isVisible()


def test_new_meeting_asks_only_once_something_was_entered(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer(choice=SAVE)
    count = len(meetings.list_meetings(demo_store))
    editor = open_editor(qtbot, demo_store)
    editor.close_button.click()  # the proposal alone is not the user's work
    assert not shown
    assert not editor.isVisible()
    editor = open_editor(qtbot, demo_store)
    _type(editor.general_tab.title_edit, "Klausurtagung")
    assert editor.windowTitle() == "Neue Sitzung*"
    editor.close_button.click()  # Speichern: created, then closed
    assert not editor.isVisible()
    assert len(meetings.list_meetings(demo_store)) == count + 1
    assert editor.meeting_id is not None
    assert meetings.meeting_detail(demo_store, editor.meeting_id).title == "Klausurtagung"


@pytest.mark.parametrize("choice", [CANCEL, DISCARD, SAVE])
def test_opening_the_previous_meeting_asks_like_closing(
    qtbot: Any, demo_store: Store, answer: Answer, choice: int | None
) -> None:
    shown = answer(choice=choice)
    mid = upcoming_plenary(demo_store)
    previous = meetings.previous_meeting(demo_store, mid)
    assert previous is not None
    before = meetings.meeting_detail(demo_store, mid)
    editor = open_editor(qtbot, demo_store, mid)
    _edit_room(editor)
    editor.tabs.setCurrentIndex(TAB_MINUTES)
    editor.minutes_tab.open_previous_button.click()
    assert shown[-1][1] == "Änderungen speichern?"
    stored_room = meetings.meeting_detail(demo_store, mid).location_room
    if choice is CANCEL:  # stays on this meeting with the text
        assert editor.meeting_id == mid
        assert editor.general_tab.location_room_edit.text() == "Kleiner Saal"
        assert stored_room == before.location_room
        return
    assert editor.meeting_id == previous.id
    assert editor.detail is not None
    assert editor.detail.id == previous.id
    assert previous.title in editor.windowTitle()
    assert not editor.windowTitle().endswith("*")
    assert editor.general_tab.location_room_edit.text() == editor.detail.location_room
    assert stored_room == ("Kleiner Saal" if choice == SAVE else before.location_room)


def test_ctrl_s_saves_and_says_so(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer()
    mid = _held(demo_store)
    editor = open_editor(qtbot, demo_store, mid)
    with qtbot.waitActive(editor):  # a window shortcut needs the active window
        editor.activateWindow()
    editor.tabs.setCurrentIndex(TAB_MINUTES)
    editor.minutes_tab.resolution_edit.setFocus()
    editor.minutes_tab.resolution_edit.setPlainText("Beschlossen wie vorgelegt.")
    item = editor.minutes_tab.minutes_item()
    assert item is not None
    qtbot.keyClick(editor.minutes_tab.resolution_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _stored_item(demo_store, mid, item.id).resolution_text == "Beschlossen wie vorgelegt."
    assert editor.buttons.status_label.text().startswith(SAVED_TEXT)
    assert not editor.windowTitle().endswith("*")


def test_handing_over_to_the_invitation_asks_first(
    qtbot: Any, demo_store: Store, answer: Answer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bezag_desktop.ui.dialogs import invitation_dialog

    opened: list[int] = []
    monkeypatch.setattr(invitation_dialog, "ask", lambda _p, _c, mid: opened.append(mid))
    shown = answer(choice=CANCEL)
    mid = upcoming_plenary(demo_store)
    editor = open_editor(qtbot, demo_store, mid)
    _edit_room(editor)
    editor.invitation_button.click()  # Abbrechen: the invitation is not made from a stale meeting
    assert shown[-1][1] == "Änderungen speichern?"
    assert opened == []
    answer(choice=DISCARD)
    editor.invitation_button.click()  # Verwerfen: the stored meeting is shown again, then handed over
    assert opened == [mid]
    assert editor.general_tab.location_room_edit.text() == meetings.meeting_detail(demo_store, mid).location_room
    assert not editor.tracker.dirty


def test_read_only_never_asks(qtbot: Any, demo_store: Store, answer: Answer, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = answer(choice=CANCEL)
    monkeypatch.setattr(UiContext, "read_only", property(lambda _self: True))
    editor = open_editor(qtbot, demo_store, upcoming_plenary(demo_store))
    assert not editor.save_button.isEnabled()
    _type(editor.general_tab.location_room_edit, "Saal 9")
    editor.close_button.click()
    assert not shown
    assert not editor.isVisible()

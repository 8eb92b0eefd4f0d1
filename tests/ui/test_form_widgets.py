"""The shared form widgets: German date edits, the person picker and the editor's button row."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt

from bezag_desktop.services.meetings import Choice
from bezag_desktop.ui.widgets.dates import DateEdit, DateTimeEdit, from_qdatetime, to_qdatetime
from bezag_desktop.ui.widgets.editor_buttons import SAVED_TEXT, EditorButtons
from bezag_desktop.ui.widgets.person_picker import MEETING_HEADERS, PersonPicker


def test_date_edits_show_german_dates_and_speak_python(qtbot: Any) -> None:
    day = DateEdit(value=date(2027, 3, 10))
    qtbot.addWidget(day)
    assert day.text() == "10.03.2027"
    assert day.value() == date(2027, 3, 10)
    assert day.calendarPopup()
    moment = DateTimeEdit(value=datetime(2027, 3, 10, 9, 5))
    qtbot.addWidget(moment)
    assert moment.text() == "10.03.2027 09:05"
    moment.set_value(datetime(2026, 12, 31, 23, 59, 30))  # seconds are not kept: meetings are minutes
    assert moment.value() == datetime(2026, 12, 31, 23, 59)
    assert from_qdatetime(to_qdatetime(datetime(2027, 2, 28, 14, 0))) == datetime(2027, 2, 28, 14, 0)


def test_person_picker_filters_and_returns_the_id(qtbot: Any) -> None:
    choices = [Choice(1, "Anna Huber", detail="Landkreis Ebersberg"), Choice(2, "Jörg Bauer", detail="Stadt Rosenheim")]
    picker = PersonPicker("Gast hinzufügen", choices, 2, None)
    qtbot.addWidget(picker)
    assert picker.chosen() == 2  # preselected
    picker.table.filter_edit.setText("huber")
    assert picker.table.proxy.rowCount() == 1
    assert picker.table.select_where(lambda c: c is not None and c.id == 1)
    assert picker.chosen() == 1
    meetings_picker = PersonPicker("Sitzung", choices, None, None, MEETING_HEADERS)
    qtbot.addWidget(meetings_picker)
    header = meetings_picker.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header == "Sitzung"
    assert meetings_picker.chosen() is None


def test_editor_buttons_say_saved_until_the_form_changes(qtbot: Any) -> None:
    buttons = EditorButtons()
    qtbot.addWidget(buttons)
    assert buttons.save_button.text() == "&Speichern"
    assert buttons.close_button.text() == "Schließen"
    buttons.show_saved(datetime(2027, 3, 10, 14, 5))
    assert buttons.status_label.text() == f"{SAVED_TEXT} (14:05)"
    buttons.show_dirty(True)
    assert buttons.status_label.text() == "Ungespeicherte Änderungen"
    buttons.show_dirty(False)  # discarded: no stale "unsaved" note
    assert buttons.status_label.text() == ""

"""The meeting editor on demo data, driven through its widgets: the template agenda, moving by
keyboard and by drop, adding items, attendance with stand-in and live quorum, minutes with votes,
an action item that then shows in the Aufgaben view; bad input gets a German message and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from meeting_editor_helpers import choose, open_editor
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from bezag_desktop.domain.rules import DEFAULT_STANDARD_AGENDA
from bezag_desktop.services import meetings
from bezag_desktop.services.store import Store
from bezag_desktop.ui.context import UiContext
from bezag_desktop.ui.dialogs import meeting_editor
from bezag_desktop.ui.dialogs.action_dialog import ActionDialog
from bezag_desktop.ui.dialogs.meeting_editor import (
    TAB_AGENDA,
    TAB_ATTENDANCE,
    TAB_MINUTES,
    MeetingEditor,
    choosers,
    drop_target,
)
from bezag_desktop.ui.pages.meetings import TAB_ACTIONS, MeetingsPage
from bezag_desktop.ui.widgets import person_picker

Answer = Callable[..., list[tuple[str, str, str]]]


def _type(qtbot: Any, edit: Any, text: str) -> None:
    """Replace a line edit's text by typing, as a user does (a programmatic setText is no edit)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    edit.setFocus()
    edit.selectAll()
    for ch in text:  # key events with text: QTest's keyClicks accepts ASCII only (no "ö")
        QApplication.sendEvent(edit, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))
    assert edit.text() == text


def _tree_numbers(editor: MeetingEditor) -> list[tuple[str, str]]:
    return [(r.number, r.title) for r in editor.detail.agenda] if editor.detail else []


def _when_modal(cls: type, act: Callable[[Any], None]) -> list[BaseException]:
    """Run ``act`` on the next modal dialog of ``cls`` (rejecting it on failure, so nothing hangs)."""
    errors: list[BaseException] = []

    def poll(tries: int = 0) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, cls) and widget.isVisible():
            try:
                act(widget)
            except BaseException as exc:  # reported after exec() returned
                errors.append(exc)
                widget.reject()
            return
        if tries > 200:
            errors.append(TimeoutError(f"kein {cls.__name__}"))
            return
        QTimer.singleShot(20, lambda: poll(tries + 1))

    QTimer.singleShot(0, poll)
    return errors


def _create_next_plenary(qtbot: Any, store: Store) -> MeetingEditor:
    editor = open_editor(qtbot, store)
    assert editor.windowTitle() == "Neue Sitzung"
    assert not editor.tabs.isTabEnabled(TAB_AGENDA)
    assert editor.general_tab.committee_combo.currentText().startswith("Bezirksarbeitsgemeinschaft Sozialplanung")
    editor.general_tab.start_edit.setDateTime(QDateTime(QDate(2027, 3, 10), QTime(10, 0)))
    editor.general_tab.end_edit.setDateTime(QDateTime(QDate(2027, 3, 10), QTime(13, 0)))
    _type(qtbot, editor.general_tab.location_name_edit, "Bezirk Oberbayern")
    _type(qtbot, editor.general_tab.location_room_edit, "Sitzungssaal 1")
    editor.save_button.click()
    assert editor.meeting_id is not None
    return editor


def test_full_meeting_flow_on_demo_data(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer(confirm=True, text="Bericht zur Bedarfsplanung")
    # --- create the next plenary meeting from the template
    editor = _create_next_plenary(qtbot, demo_store)
    assert editor.tabs.currentIndex() == TAB_AGENDA
    assert editor.tabs.isTabEnabled(TAB_ATTENDANCE)
    detail = editor.detail
    assert detail is not None
    assert detail.title == "1. Sitzung 2027"
    assert [t for _n, t in _tree_numbers(editor)] == list(DEFAULT_STANDARD_AGENDA)
    assert editor.agenda_tab.agenda_tree.topLevelItemCount() == 5

    # --- move an item by keyboard: TOP 2 one down
    tree = editor.agenda_tab.agenda_tree
    tree.setCurrentItem(tree.topLevelItem(1))
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert _tree_numbers(editor)[1:3] == [
        ("2", "Genehmigung der Niederschrift der letzten Sitzung"),
        ("3", "Genehmigung der Tagesordnung"),
    ]
    assert tree.currentItem().text(0) == "3"  # the moved item stays selected
    qtbot.keyClick(tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _tree_numbers(editor)[1] == ("2", "Genehmigung der Tagesordnung")

    # --- add an item after the selected one (Einfg works the same)
    tree.setCurrentItem(tree.topLevelItem(3))  # Berichte aus den Arbeitsgruppen
    editor.agenda_tab.add_item_button.click()
    assert _tree_numbers(editor)[4] == ("5", "Bericht zur Bedarfsplanung")
    assert _tree_numbers(editor)[-1] == ("6", "Verschiedenes")
    editor.agenda_tab.item_kind_combo.setCurrentIndex(editor.agenda_tab.item_kind_combo.findData("beschluss"))
    _type(qtbot, editor.agenda_tab.item_presenter_edit, "Dr. Maria Pröbstl")
    editor.save_button.click()
    new_item = editor.agenda_tab.selected_item()
    assert new_item is not None
    assert (new_item.kind, new_item.presenter) == ("beschluss", "Dr. Maria Pröbstl")

    # --- attendance: build, mark members present, one excused and represented by the deputy
    editor.tabs.setCurrentIndex(TAB_ATTENDANCE)
    editor.attendance_tab.build_button.click()
    assert editor.attendance_tab.attendance_model.rowCount() > 40
    assert editor.attendance_tab.quorum_label.text().startswith("Beschlussfähig: nein (0 von 24")
    members = [r for r in editor.attendance_tab.attendance_model.rows if r.role == "mitglied"]
    bodies_done: set[int] = set()
    present = 0
    for row in members:
        if row.body_id in bodies_done or present == 12:
            continue
        assert editor.attendance_tab.select_attendance(row.person_id)
        choose(editor.attendance_tab.att_status_combo, "anwesend")
        bodies_done.add(row.body_id or 0)
        present += 1
    assert editor.attendance_tab.quorum_label.text().startswith("Beschlussfähig: nein (12 von 24")
    excused = next(r for r in members if r.body_id not in bodies_done)
    assert editor.attendance_tab.select_attendance(excused.person_id)
    choose(editor.attendance_tab.att_status_combo, "entschuldigt")
    assert any(kind == "confirm" and title == "Stellvertretung" for kind, title, _t in shown)
    assert editor.attendance_tab.quorum_label.text().startswith("Beschlussfähig: ja (13 von 24")
    preview = editor.attendance_tab.preview
    assert preview is not None
    rows = {r.person_id: r for r in preview.attendance}
    assert rows[excused.person_id].status == "vertreten"
    deputy_id = rows[excused.person_id].stood_in_by_id
    assert deputy_id is not None
    assert rows[deputy_id].status == "anwesend"
    assert rows[deputy_id].body_id == excused.body_id
    # a draft until Speichern: nothing of it is stored yet
    stored = meetings.meeting_detail(demo_store, editor.meeting_id)  # type: ignore[arg-type]
    assert {r.status for r in stored.attendance} == {None}
    assert editor.windowTitle().endswith("*")

    # --- minutes: a resolution with a vote, checked against the voters of the draft saved with it
    editor.tabs.setCurrentIndex(TAB_MINUTES)
    assert "13 Körperschaften" in editor.minutes_tab.voters_label.text()
    assert editor.minutes_tab.select_minutes_item(new_item.id)
    editor.minutes_tab.resolution_edit.setPlainText("Die Bedarfsplanung 2027 wird beschlossen.")
    editor.minutes_tab.yes_spin.setValue(11)
    editor.minutes_tab.no_spin.setValue(1)
    editor.minutes_tab.abstain_spin.setValue(1)
    editor.minutes_tab.result_combo.setCurrentIndex(editor.minutes_tab.result_combo.findData("beschlossen"))
    editor.save_button.click()
    saved = meetings.meeting_detail(demo_store, editor.meeting_id).item(new_item.id)  # type: ignore[arg-type]
    assert saved is not None
    assert (saved.votes_yes, saved.votes_no, saved.votes_abstain, saved.result) == (11, 1, 1, "beschlossen")
    assert saved.resolution_text == "Die Bedarfsplanung 2027 wird beschlossen."
    after = {r.person_id: r for r in meetings.meeting_detail(demo_store, editor.meeting_id).attendance}  # type: ignore[arg-type]
    assert (after[excused.person_id].status, after[excused.person_id].stood_in_by_id) == ("vertreten", deputy_id)
    assert after[deputy_id].status == "anwesend"

    # --- an action item from that item
    def fill(d: ActionDialog) -> None:
        d.text_edit.setPlainText("Bedarfsplanung an alle Körperschaften versenden")
        d.due_check.setChecked(True)
        d.due_edit.setDate(QDate(2027, 4, 30))
        d.accept()

    errors = _when_modal(ActionDialog, fill)
    editor.minutes_tab.action_button.click()
    assert not errors, errors
    assert any(title == "Aufgabe angelegt" for _k, title, _t in shown)

    # --- and find it in the open-items view
    page = MeetingsPage(UiContext(demo_store))
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentIndex(TAB_ACTIONS)
    page.refresh()
    found = [r for r in page.actions_model.rows if r.text == "Bedarfsplanung an alle Körperschaften versenden"]
    assert len(found) == 1
    assert found[0].source == "1. Sitzung 2027, TOP 5"
    assert not found[0].overdue


def test_end_before_start_shows_german_message_and_saves_nothing(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer()
    before = len(meetings.list_meetings(demo_store))
    editor = open_editor(qtbot, demo_store)
    editor.general_tab.start_edit.setDateTime(QDateTime(QDate(2027, 3, 10), QTime(14, 0)))
    editor.general_tab.end_edit.setDateTime(QDateTime(QDate(2027, 3, 10), QTime(11, 0)))
    editor.save_button.click()
    assert editor.meeting_id is None
    assert shown[-1][0] == "error"
    assert "liegt vor dem Beginn" in shown[-1][2]
    assert len(meetings.list_meetings(demo_store)) == before


def test_more_votes_than_voters_refused_in_the_editor(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer()
    held = next(
        r for r in meetings.list_meetings(demo_store, status="protokoll_entwurf") if r.committee_kind == "plenum"
    )
    editor = open_editor(qtbot, demo_store, held.id)
    editor.tabs.setCurrentIndex(TAB_MINUTES)
    assert editor.detail is not None
    item = next(a for a in editor.detail.agenda if a.kind == "beschluss")
    voters = editor.detail.voters
    assert editor.minutes_tab.select_minutes_item(item.id)
    editor.minutes_tab.unanimous_check.setChecked(False)
    editor.minutes_tab.yes_spin.setValue(voters)
    editor.minutes_tab.no_spin.setValue(1)
    editor.save_button.click()
    assert shown[-1][0] == "error"
    assert f"nur {voters} Stimmen" in shown[-1][2]
    after = meetings.meeting_detail(demo_store, held.id).item(item.id)
    assert after is not None
    assert (after.votes_yes, after.votes_no) == (item.votes_yes, item.votes_no)


def test_stand_in_from_another_body_refused_in_the_editor(
    qtbot: Any, demo_store: Store, answer: Answer, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = answer(confirm=False)
    upcoming = next(r for r in meetings.list_meetings(demo_store, status="geplant") if r.committee_kind == "plenum")
    editor = open_editor(qtbot, demo_store, upcoming.id)
    editor.tabs.setCurrentIndex(TAB_ATTENDANCE)
    editor.attendance_tab.build_button.click()
    assert editor.detail is not None
    rows = list(editor.detail.attendance)
    member = next(r for r in rows if r.role == "mitglied" and r.body_id is not None)
    foreign = next(r for r in rows if r.role == "stellvertretung" and r.body_id not in (None, member.body_id))
    assert editor.attendance_tab.select_attendance(member.person_id)
    choose(editor.attendance_tab.att_status_combo, "entschuldigt")  # the proposal is declined (confirm=False)
    monkeypatch.setattr(person_picker, "pick", lambda *_a, **_k: foreign.person_id)
    assert editor.attendance_tab.select_attendance(member.person_id)
    editor.attendance_tab.stand_in_button.click()
    assert shown[-1][0] == "error"
    assert "derselben Körperschaft" in shown[-1][2]
    # refused before it entered the draft; the draft holds the excuse only, and nothing is stored
    assert editor.attendance_tab.preview is not None
    drafted = {r.person_id: r for r in editor.attendance_tab.preview.attendance}
    assert (drafted[member.person_id].status, drafted[member.person_id].stood_in_by_id) == ("entschuldigt", None)
    stored = {r.person_id: r for r in meetings.meeting_detail(demo_store, upcoming.id).attendance}
    assert (stored[member.person_id].status, stored[member.person_id].stood_in_by_id) == (None, None)
    editor.save_button.click()
    after = {r.person_id: r for r in meetings.meeting_detail(demo_store, upcoming.id).attendance}
    assert (after[member.person_id].status, after[member.person_id].stood_in_by_id) == ("entschuldigt", None)
    assert after[foreign.person_id].status is None


def test_reschedule_after_invitation_raises_sequence_once_and_cancelled_is_frozen(
    qtbot: Any, demo_store: Store, answer: Answer
) -> None:
    from factories import record_invitation

    shown = answer(confirm=True)
    upcoming = next(r for r in meetings.list_meetings(demo_store, status="geplant") if r.committee_kind == "plenum")
    record_invitation(demo_store, upcoming.id)
    before = meetings.meeting_detail(demo_store, upcoming.id).sequence
    editor = open_editor(qtbot, demo_store, upcoming.id)
    editor.general_tab.start_edit.setDateTime(QDateTime(QDate(2026, 12, 17), QTime(10, 0)))
    _type(qtbot, editor.general_tab.location_room_edit, "Sitzungssaal 2")
    editor.save_button.click()
    d = meetings.meeting_detail(demo_store, upcoming.id)
    assert (d.start, d.end, d.sequence) == (datetime(2026, 12, 17, 10), datetime(2026, 12, 17, 13), before + 1)
    assert any(title == "Sitzung gespeichert" for _k, title, _t in shown)
    # cancel through the status
    editor.general_tab.status_combo.setCurrentIndex(editor.general_tab.status_combo.findData("abgesagt"))
    editor.save_button.click()
    d = meetings.meeting_detail(demo_store, upcoming.id)
    assert (d.status, d.sequence) == ("abgesagt", before + 2)
    # rescheduling a cancelled meeting: German message, nothing changes
    editor.general_tab.start_edit.setDateTime(QDateTime(QDate(2027, 1, 14), QTime(10, 0)))
    editor.save_button.click()
    assert shown[-1][0] == "error"
    assert "abgesagt; eine Verlegung ist nicht möglich" in shown[-1][2]
    d = meetings.meeting_detail(demo_store, upcoming.id)
    assert (d.start, d.sequence) == (datetime(2026, 12, 17, 10), before + 2)


def test_drop_moves_items_and_sub_items(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer()
    editor = _create_next_plenary(qtbot, demo_store)
    assert editor.detail is not None
    rows = original = editor.detail.agenda
    first, second, last = rows[0], rows[1], rows[-1]
    # drop "Verschiedenes" above TOP 1
    parent, index = drop_target(rows, last.id, first.id, "above")
    assert (parent, index) == (None, 0)
    editor.agenda_tab.agenda_tree.item_dropped.emit(last.id, parent, index)
    assert _tree_numbers(editor)[0] == ("1", "Verschiedenes")
    # drop TOP 3 onto TOP 2: it becomes sub-item 2.1
    assert editor.detail is not None
    rows = editor.detail.agenda
    target, moved = rows[1], rows[2]
    parent, index = drop_target(rows, moved.id, target.id, "on")
    editor.agenda_tab.agenda_tree.item_dropped.emit(moved.id, parent, index)
    assert (_tree_numbers(editor)[1][0], _tree_numbers(editor)[2][0]) == ("2", "2.1")
    assert editor.agenda_tab.agenda_tree.topLevelItem(1).childCount() == 1
    # below an item in the same level counts without the dragged item itself
    assert drop_target(original, first.id, second.id, "below") == (None, 1)
    assert drop_target(original, second.id, first.id, "below") == (None, 1)
    assert drop_target(original, second.id, first.id, "above") == (None, 0)
    assert drop_target(original, first.id, None, "end") == (None, len(original) - 1)


def test_sub_item_and_attachment(qtbot: Any, demo_store: Store, answer: Answer, tmp_path: Path) -> None:
    answer(text="Unterpunkt Pflege")
    editor = _create_next_plenary(qtbot, demo_store)
    tree = editor.agenda_tab.agenda_tree
    tree.setCurrentItem(tree.topLevelItem(3))
    editor.agenda_tab.add_sub_button.click()
    assert _tree_numbers(editor)[4] == ("4.1", "Unterpunkt Pflege")
    file = tmp_path / "Sitzungsvorlage.pdf"
    file.write_bytes(b"%PDF-1.4")
    editor.agenda_tab.attach_file(str(file))
    assert editor.agenda_tab.attachments_list.count() == 1
    assert editor.agenda_tab.selected_item() is not None
    editor.agenda_tab.attachments_list.setCurrentRow(0)
    editor.agenda_tab.remove_attachment_button.click()
    assert editor.agenda_tab.attachments_list.count() == 0


def test_election_proposal_button_adds_the_item(qtbot: Any, store: Store, answer: Answer) -> None:
    from datetime import date

    from factories import add_chair, add_person, new_meeting

    answer()
    chair = add_person(store, last="Vorsitz", first="Klara")
    add_chair(store, person_id=chair, side="kommunen", start=date(2024, 1, 30), end=date(2027, 1, 29))
    mid = new_meeting(store, datetime(2026, 12, 10, 10))
    editor = open_editor(qtbot, store, mid)
    assert not editor.agenda_tab.proposal_button.isHidden()
    assert "29.01.2027" in editor.agenda_tab.proposal_label.text()
    editor.agenda_tab.proposal_button.click()
    titles = [t for _n, t in _tree_numbers(editor)]
    assert "Wahl der/des Vorsitzenden der Landkreise und kreisfreien Städte" in titles
    assert editor.agenda_tab.proposal_button.isHidden()
    assert editor.agenda_tab.election_button.isEnabled()  # the new wahl item is selected


def test_approval_of_previous_minutes(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer()
    upcoming = next(r for r in meetings.list_meetings(demo_store, status="geplant") if r.committee_kind == "plenum")
    previous = meetings.previous_meeting(demo_store, upcoming.id)
    assert previous is not None
    meetings.reschedule(demo_store, upcoming.id, datetime(2026, 11, 20, 10))  # held yesterday
    editor = open_editor(qtbot, demo_store, upcoming.id)
    editor.tabs.setCurrentIndex(TAB_MINUTES)
    assert previous.title in editor.minutes_tab.approval_label.text()
    assert editor.minutes_tab.approve_button.isEnabled()
    editor.minutes_tab.approve_button.click()
    d = meetings.meeting_detail(demo_store, previous.id)
    assert (d.status, d.minutes_approved_in_id) == ("protokoll_genehmigt", upcoming.id)
    assert not editor.minutes_tab.approve_button.isEnabled()
    assert "ist in dieser Sitzung am 20.11.2026 genehmigt" in editor.minutes_tab.approval_label.text()


def test_buttons_hand_over_to_the_other_dialogs(
    qtbot: Any, demo_store: Store, answer: Answer, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer()
    calls: list[tuple[str, int]] = []
    import sys
    import types

    from bezag_desktop.ui import dialogs
    from bezag_desktop.ui.dialogs import invitation_dialog, minutes_export

    # the election dialog belongs to another area; a stand-in module records the call
    election_dialog = types.ModuleType("bezag_desktop.ui.dialogs.election_dialog")
    monkeypatch.setitem(sys.modules, election_dialog.__name__, election_dialog)
    monkeypatch.setattr(dialogs, "election_dialog", election_dialog, raising=False)

    monkeypatch.setattr(invitation_dialog, "ask", lambda _p, _c, mid: calls.append(("einladung", mid)))
    monkeypatch.setattr(minutes_export, "export_minutes", lambda _p, _c, mid: calls.append(("niederschrift", mid)))
    monkeypatch.setattr(
        minutes_export, "export_attendance_sheet", lambda _p, _c, mid: calls.append(("anwesenheit", mid))
    )
    monkeypatch.setattr(minutes_export, "print_minutes", lambda _p, _c, mid: calls.append(("drucken", mid)))
    monkeypatch.setattr(
        election_dialog, "ask", lambda _p, _c, mid=None: calls.append(("wahl", mid or 0)), raising=False
    )
    upcoming = next(r for r in meetings.list_meetings(demo_store, status="geplant") if r.committee_kind == "plenum")
    editor = open_editor(qtbot, demo_store, upcoming.id)
    for button in (
        editor.invitation_button,
        editor.minutes_export_button,
        editor.attendance_sheet_button,
        editor.print_button,
    ):
        button.click()
    editor.record_election()
    assert calls == [
        ("einladung", upcoming.id),
        ("niederschrift", upcoming.id),
        ("anwesenheit", upcoming.id),
        ("drucken", upcoming.id),
        ("wahl", upcoming.id),
    ]


# --- drag and drop as Qt delivers it ----------------------------------------------------------


def _drop_on(tree: Any, dragged: Any, target: Any, where: str) -> None:
    """Deliver a drop of ``dragged`` (with the tree's own drag data) at the top, middle or bottom of ``target``."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    mime = tree.model().mimeData([tree.indexFromItem(dragged)])
    rect = tree.visualItemRect(target)
    y = {"above": rect.top() + 1, "on": rect.center().y(), "below": rect.bottom() - 1}[where]
    event = QDropEvent(
        QPointF(rect.center().x(), y),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Offscreen Qt has no platform drag (QDrag.exec returns at once), so the drop is handed to the
    # view's handler the way QAbstractItemView receives it at the end of a real drag.
    tree.dropEvent(event)
    assert event.dropAction() == Qt.DropAction.IgnoreAction  # Qt removes nothing at the source


def _view_titles(tree: Any) -> list[str]:
    out: list[str] = []
    for n in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(n)
        out.append(f"{top.text(0)} {top.text(1)}")
        out.extend(f"{top.child(c).text(0)} {top.child(c).text(1)}" for c in range(top.childCount()))
    return out


def test_drop_events_and_model_drops_move_items_in_the_database(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    answer()
    editor = _create_next_plenary(qtbot, demo_store)
    tree = editor.agenda_tab.agenda_tree
    assert tree.model().mimeTypes() == [meeting_editor.AGENDA_MIME]
    # "Verschiedenes" dropped at the top of TOP 1
    _drop_on(tree, tree.topLevelItem(4), tree.topLevelItem(0), "above")
    stored = [t for _n, t in _tree_numbers(editor)]
    assert stored[0] == "Verschiedenes"
    assert _view_titles(tree)[0] == "1 Verschiedenes"
    # TOP 4 dropped onto the middle of TOP 2: it becomes sub-item 2.1
    _drop_on(tree, tree.topLevelItem(3), tree.topLevelItem(1), "on")
    assert _tree_numbers(editor)[2] == ("2.1", stored[3])
    assert tree.topLevelItem(1).childCount() == 1
    # and back out below the last item
    _drop_on(tree, tree.topLevelItem(1).child(0), tree.topLevelItem(3), "below")
    assert _tree_numbers(editor)[-1] == ("5", stored[3])
    # the item model's own drop (what QAbstractItemView calls for a drop) moves in the database too
    model = tree.model()
    last = tree.topLevelItem(tree.topLevelItemCount() - 1)
    assert model.dropMimeData(
        model.mimeData([tree.indexFromItem(last)]), Qt.DropAction.MoveAction, 0, 0, tree.rootIndex()
    )
    assert _tree_numbers(editor)[0] == ("1", stored[3])
    assert _view_titles(tree) == [f"{n} {t}" for n, t in _tree_numbers(editor)]  # no copy left in the view
    # data from elsewhere (another meeting's item, plain text) is not dropped
    from PySide6.QtCore import QMimeData

    foreign = QMimeData()
    foreign.setData(meeting_editor.AGENDA_MIME, b"999999")
    before = _tree_numbers(editor)
    assert not model.dropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0, tree.rootIndex())
    assert _tree_numbers(editor) == before


def test_a_refused_drop_shows_a_german_message_and_changes_nothing(
    qtbot: Any, demo_store: Store, answer: Answer
) -> None:
    shown = answer(text="Unterpunkt")
    editor = _create_next_plenary(qtbot, demo_store)
    tree = editor.agenda_tab.agenda_tree
    tree.setCurrentItem(tree.topLevelItem(3))
    editor.agenda_tab.add_sub_button.click()
    before = _tree_numbers(editor)
    # an item with sub-items cannot become a sub-item itself
    _drop_on(tree, tree.topLevelItem(3), tree.topLevelItem(0), "on")
    assert shown[-1][0] == "error"
    assert "hat Unterpunkte" in shown[-1][2]
    assert _tree_numbers(editor) == before


# --- copying items, committee defaults, status and cancellation --------------------------------


def test_copy_items_from_an_earlier_meeting_offers_the_missing_ones(
    qtbot: Any, demo_store: Store, answer: Answer, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = answer()
    held = next(
        r for r in meetings.list_meetings(demo_store, status="protokoll_entwurf") if r.committee_kind == "plenum"
    )
    source = meetings.meeting_detail(demo_store, held.id).agenda
    editor = _create_next_plenary(qtbot, demo_store)
    picked: list[Any] = []

    def fake_pick(_parent: Any, title: str, choices: Any, preselect: Any = None, headers: Any = None) -> int:
        picked.append((title, headers, [c.id for c in choices]))
        return held.id

    offered: dict[str, Any] = {}

    def fake_choose(_parent: Any, _title: str, rows: Any, checked: set[int]) -> list[int]:
        offered["rows"], offered["checked"] = rows, checked
        return sorted(checked)

    monkeypatch.setattr(person_picker, "pick", fake_pick)
    monkeypatch.setattr(choosers, "choose_items", fake_choose)
    editor.agenda_tab.copy_items_button.click()
    assert picked[0][1] == meeting_editor.MEETING_HEADERS
    assert held.id in picked[0][2]
    assert editor.meeting_id not in picked[0][2]
    # the standard items are there already: not ticked; the others (and sub-items) are
    ticked_titles = {r.title for r in offered["rows"] if r.id in offered["checked"]}
    assert not ticked_titles & set(DEFAULT_STANDARD_AGENDA)
    assert ticked_titles == {r.title for r in source if r.title not in DEFAULT_STANDARD_AGENDA}
    titles = [t for _n, t in _tree_numbers(editor)]
    assert titles[-1] == "Verschiedenes"
    assert len(titles) == len(set(titles))  # nothing twice
    subs = [n for n, _t in _tree_numbers(editor) if "." in n]
    assert subs
    assert all(n.startswith("4.") for n in subs)  # under "Berichte aus den Arbeitsgruppen"
    assert shown[-1][1] == "Tagesordnungspunkte übernommen"


def test_item_chooser_ticks_and_returns_ids(qtbot: Any, demo_store: Store) -> None:
    held = next(
        r for r in meetings.list_meetings(demo_store, status="protokoll_entwurf") if r.committee_kind == "plenum"
    )
    rows = meetings.meeting_detail(demo_store, held.id).agenda
    dlg = meeting_editor.ItemChooser("Übernehmen", rows, {rows[1].id})
    qtbot.addWidget(dlg)
    assert dlg.list.count() == len(rows)
    assert dlg.chosen() == [rows[1].id]
    dlg._check_all(Qt.CheckState.Checked)
    assert dlg.chosen() == [r.id for r in rows]


def test_choosing_another_committee_for_a_new_meeting_takes_its_usual_place(qtbot: Any, demo_store: Store) -> None:
    editor = open_editor(qtbot, demo_store)
    assert editor.general_tab.location_name_edit.text() == "Bezirk Oberbayern"
    group = next(c for c in meetings.committee_choices(demo_store) if c.name == "AG Wohnungslosenhilfe")
    expected = meetings.default_new_meeting(demo_store, group.id, editor.ctx.today())
    choose(editor.general_tab.committee_combo, group.id)
    assert editor.general_tab.location_name_edit.text() == expected.location_name
    assert editor.general_tab.online_edit.text() == expected.online_url
    assert editor.general_tab.start_edit.dateTime().time().hour() == expected.start.hour


def test_a_refused_status_change_saves_nothing_else(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer()
    upcoming = next(r for r in meetings.list_meetings(demo_store, status="geplant") if r.committee_kind == "plenum")
    editor = open_editor(qtbot, demo_store, upcoming.id)
    _type(qtbot, editor.general_tab.location_room_edit, "Saal 9")
    editor.general_tab.status_combo.setCurrentIndex(editor.general_tab.status_combo.findData("durchgefuehrt"))
    editor.save_button.click()
    assert shown[-1][0] == "error"
    assert "Zukunft" in shown[-1][2]
    d = meetings.meeting_detail(demo_store, upcoming.id)
    assert (d.status, d.location_room) == ("geplant", "Sitzungssaal 1")


def test_cancelling_in_the_form_raises_the_sequence_once_and_is_no_move(
    qtbot: Any, demo_store: Store, answer: Answer
) -> None:
    from factories import record_invitation

    shown = answer(confirm=True)
    upcoming = next(r for r in meetings.list_meetings(demo_store, status="geplant") if r.committee_kind == "plenum")
    record_invitation(demo_store, upcoming.id)
    before = meetings.meeting_detail(demo_store, upcoming.id)
    editor = open_editor(qtbot, demo_store, upcoming.id)
    # moving and cancelling at once is refused, nothing changes
    editor.general_tab.start_edit.setDateTime(QDateTime(QDate(2026, 12, 17), QTime(10, 0)))
    editor.general_tab.status_combo.setCurrentIndex(editor.general_tab.status_combo.findData("abgesagt"))
    editor.save_button.click()
    assert shown[-1][0] == "error"
    assert "entweder verlegt oder abgesagt" in shown[-1][2]
    d = meetings.meeting_detail(demo_store, upcoming.id)
    assert (d.status, d.start, d.sequence) == ("geplant", before.start, before.sequence)
    # the refused form is still there (a reload keeps the draft); the move taken back, the cancellation
    # alone is one step, with the notes saved in the same go
    editor.reload()
    assert editor.general_tab.start_edit.value() == datetime(2026, 12, 17, 10)
    assert editor.windowTitle().endswith("*")
    editor.general_tab.start_edit.set_value(before.start)
    editor.general_tab.notes_edit.setPlainText("Abgesagt wegen Terminkollision")
    editor.general_tab.status_combo.setCurrentIndex(editor.general_tab.status_combo.findData("abgesagt"))
    editor.save_button.click()
    d = meetings.meeting_detail(demo_store, upcoming.id)
    assert (d.status, d.sequence, d.notes) == ("abgesagt", before.sequence + 1, "Abgesagt wegen Terminkollision")
    assert any(title == "Sitzung abgesagt" for _k, title, _t in shown)


def test_declined_reply_before_the_meeting_names_the_deputy_without_presence(
    qtbot: Any, demo_store: Store, answer: Answer
) -> None:
    shown = answer(confirm=True)
    upcoming = next(r for r in meetings.list_meetings(demo_store, status="geplant") if r.committee_kind == "plenum")
    editor = open_editor(qtbot, demo_store, upcoming.id)
    editor.tabs.setCurrentIndex(TAB_ATTENDANCE)
    editor.attendance_tab.build_button.click()
    assert editor.detail is not None
    member = next(r for r in editor.detail.attendance if r.role == "mitglied" and r.body_id is not None)
    assert editor.attendance_tab.select_attendance(member.person_id)
    choose(editor.attendance_tab.reply_combo, "abgesagt")
    question = next(t for k, title, t in shown if title == "Stellvertretung")
    assert "erforderliche" in question
    assert editor.attendance_tab.quorum_label.text().startswith("Beschlussfähig: nein (0 von 24")
    assert "1 Absage," in editor.attendance_tab.expected_label.text()
    editor.save_button.click()
    rows = {r.person_id: r for r in meetings.meeting_detail(demo_store, upcoming.id).attendance}
    assert rows[member.person_id].reply == "abgesagt"
    deputy_id = rows[member.person_id].stood_in_by_id
    assert rows[member.person_id].status == "vertreten"
    assert deputy_id is not None
    assert rows[deputy_id].status is None  # the meeting has not taken place
    assert editor.attendance_tab.quorum_label.text().startswith("Beschlussfähig: nein (0 von 24")
    invited = {i.person_id: i.ical_role for i in meetings.invitation_list(demo_store, upcoming.id).invitees}
    assert invited[deputy_id] == "REQ-PARTICIPANT"
    assert "1 Absage," in editor.attendance_tab.expected_label.text()


def test_attachment_opens_and_a_missing_file_is_marked(
    qtbot: Any, demo_store: Store, answer: Answer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = answer()
    editor = _create_next_plenary(qtbot, demo_store)
    editor.agenda_tab.agenda_tree.setCurrentItem(editor.agenda_tab.agenda_tree.topLevelItem(3))
    file = tmp_path / "Bericht AG Pflege.pdf"
    file.write_bytes(b"%PDF-1.4")
    editor.agenda_tab.attach_file(str(file), "Bericht der AG")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    editor.agenda_tab.attachments_list.itemActivated.emit(editor.agenda_tab.attachments_list.item(0))
    assert opened == [str(file.resolve())]
    assert editor.detail is not None
    assert editor.detail.agenda[3].attachments[0].label == "Bericht der AG"
    file.unlink()
    editor.reload()
    assert "(Datei fehlt)" in editor.agenda_tab.attachments_list.item(0).text()
    editor.agenda_tab.attachments_list.itemActivated.emit(editor.agenda_tab.attachments_list.item(0))
    assert shown[-1][0] == "error"
    assert "gibt es nicht mehr" in shown[-1][2]
    assert len(opened) == 1

"""Replies, statuses and stand-ins in the meeting editor are part of the one saved form: the quorum
line and the counts follow the draft live, nothing is stored before Speichern, Speichern writes all
of it with one ``save_meeting_form``, Verwerfen writes nothing, and a stand-in from another body is
refused before it enters the draft (asserted on the database)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from meeting_editor_helpers import choose, open_editor, upcoming_plenary

from bezag_desktop.services import meetings
from bezag_desktop.services.meetings import AttendanceRow
from bezag_desktop.services.store import Store
from bezag_desktop.ui.dialogs.meeting_editor import TAB_ATTENDANCE, MeetingEditor
from bezag_desktop.ui.widgets import person_picker

Answer = Callable[..., list[tuple[str, str, str]]]
SAVE, DISCARD = 0, 1


def _editor(qtbot: Any, store: Store, meeting_id: int) -> MeetingEditor:
    return open_editor(qtbot, store, meeting_id, tab=TAB_ATTENDANCE)


def _stored(store: Store, meeting_id: int) -> dict[int, AttendanceRow]:
    return {r.person_id: r for r in meetings.meeting_detail(store, meeting_id).attendance}


def _one_member_per_body(editor: MeetingEditor) -> list[AttendanceRow]:
    seen: set[int] = set()
    out: list[AttendanceRow] = []
    for row in editor.attendance_tab.attendance_model.rows:
        if row.role == "mitglied" and row.body_id is not None and row.body_id not in seen:
            seen.add(row.body_id)
            out.append(row)
    return out


def _built(qtbot: Any, store: Store) -> tuple[MeetingEditor, int]:
    mid = upcoming_plenary(store)
    editor = _editor(qtbot, store, mid)
    editor.attendance_tab.build_button.click()  # immediate: it changes which rows exist
    assert not editor.tracker.dirty
    return editor, mid


def test_replies_and_statuses_are_a_draft_with_a_live_quorum_saved_in_one_go(
    qtbot: Any, demo_store: Store, answer: Answer, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(confirm=False)  # stand-in proposals are declined
    editor, mid = _built(qtbot, demo_store)
    tab = editor.attendance_tab
    members = _one_member_per_body(editor)
    assert tab.quorum_label.text().startswith("Beschlussfähig: nein (0 von 24")
    for n, row in enumerate(members[:13]):
        assert tab.select_attendance(row.person_id)
        choose(tab.att_status_combo, "anwesend")
        if n < 2:
            choose(tab.reply_combo, "zugesagt")
        if n == 11:
            assert tab.quorum_label.text().startswith("Beschlussfähig: nein (12 von 24")
    assert tab.quorum_label.text().startswith("Beschlussfähig: ja (13 von 24")
    declined = members[13]
    assert tab.select_attendance(declined.person_id)
    choose(tab.reply_combo, "abgesagt")
    assert "2 Zusagen, 1 Absage," in tab.expected_label.text()
    assert "erwartet werden 2 von 24" in tab.expected_label.text()
    assert editor.windowTitle().endswith("*")
    # nothing of it is in the database yet
    assert {(r.status, r.reply) for r in _stored(demo_store, mid).values()} == {(None, "offen")}

    calls: list[meetings.MeetingForm] = []
    real = meetings.save_meeting_form

    def spy(target: Any, form: meetings.MeetingForm, **kwargs: Any) -> meetings.SaveResult:
        calls.append(form)
        return real(target, form, **kwargs)

    monkeypatch.setattr(meetings, "save_meeting_form", spy)
    editor.save_button.click()
    assert len(calls) == 1
    assert (len(calls[0].replies), len(calls[0].attendance)) == (3, 13)
    after = _stored(demo_store, mid)
    assert all(after[r.person_id].status == "anwesend" for r in members[:13])
    assert [after[r.person_id].reply for r in members[:2]] == ["zugesagt", "zugesagt"]
    assert after[declined.person_id].reply == "abgesagt"
    assert meetings.meeting_detail(demo_store, mid).quorum.present_bodies == 13
    assert not editor.windowTitle().endswith("*")
    assert tab.quorum_label.text().startswith("Beschlussfähig: ja (13 von 24")


def test_draft_survives_switching_rows_and_a_reload_and_verwerfen_writes_nothing(
    qtbot: Any, demo_store: Store, answer: Answer
) -> None:
    shown = answer(confirm=False, choice=DISCARD)
    editor, mid = _built(qtbot, demo_store)
    tab = editor.attendance_tab
    first, second = _one_member_per_body(editor)[:2]
    assert tab.select_attendance(first.person_id)
    choose(tab.att_status_combo, "online")
    assert tab.select_attendance(second.person_id)
    choose(tab.reply_combo, "zugesagt")
    assert tab.select_attendance(first.person_id)
    assert tab.att_status_combo.currentData() == "online"
    # an immediate action (a guest) reloads the list: the draft is laid over it again
    on_list = {r.person_id for r in tab.attendance_model.rows}
    guest = next(p for p in meetings.person_choices(demo_store) if p.id not in on_list)
    tab.add_guest_person(guest.id)
    assert guest.id in _stored(demo_store, mid)
    shown_rows = {r.person_id: r for r in tab.attendance_model.rows}
    assert (shown_rows[first.person_id].status, shown_rows[second.person_id].reply) == ("online", "zugesagt")
    assert tab.quorum_label.text().startswith("Beschlussfähig: nein (1 von 24")
    assert editor.windowTitle().endswith("*")
    editor.close_button.click()
    assert shown[-1][:2] == ("choice", "Änderungen speichern?")
    assert not editor.isVisible()
    stored = _stored(demo_store, mid)
    assert (stored[first.person_id].status, stored[second.person_id].reply) == (None, "offen")


def test_declined_member_offers_the_deputy_into_the_draft(qtbot: Any, demo_store: Store, answer: Answer) -> None:
    shown = answer(confirm=True)
    editor, mid = _built(qtbot, demo_store)
    tab = editor.attendance_tab
    member = _one_member_per_body(editor)[0]
    assert tab.select_attendance(member.person_id)
    choose(tab.att_status_combo, "entschuldigt")
    assert any(title == "Stellvertretung" for _k, title, _t in shown)
    drafted = {r.person_id: r for r in tab.attendance_model.rows}
    deputy_id = drafted[member.person_id].stood_in_by_id
    assert drafted[member.person_id].status == "vertreten"
    assert deputy_id is not None
    assert drafted[deputy_id].status == "anwesend"
    assert drafted[member.person_id].status_label == f"vertreten durch {drafted[deputy_id].person}"
    assert drafted[deputy_id].stands_in_for == member.person
    assert tab.quorum_label.text().startswith("Beschlussfähig: nein (1 von 24")
    assert _stored(demo_store, mid)[member.person_id].status is None
    editor.save_button.click()
    after = _stored(demo_store, mid)
    assert (after[member.person_id].status, after[member.person_id].stood_in_by_id) == ("vertreten", deputy_id)
    assert after[deputy_id].status == "anwesend"
    assert meetings.meeting_detail(demo_store, mid).quorum.present_bodies == 1


def test_stand_in_from_another_body_is_refused_and_nothing_is_written(
    qtbot: Any, demo_store: Store, answer: Answer, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = answer(confirm=False)
    editor, mid = _built(qtbot, demo_store)
    tab = editor.attendance_tab
    member, other = _one_member_per_body(editor)[:2]
    foreign = next(
        r for r in tab.attendance_model.rows if r.role == "stellvertretung" and r.body_id not in (None, member.body_id)
    )
    assert tab.select_attendance(other.person_id)
    choose(tab.reply_combo, "zugesagt")
    monkeypatch.setattr(person_picker, "pick", lambda *_a, **_k: foreign.person_id)
    assert tab.select_attendance(member.person_id)
    tab.stand_in_button.click()
    assert shown[-1][0] == "error"
    assert "derselben Körperschaft" in shown[-1][2]
    drafted = {r.person_id: r for r in tab.attendance_model.rows}
    assert drafted[member.person_id].status is None  # refused before it entered the draft
    assert drafted[other.person_id].reply == "zugesagt"  # the rest of the draft stays
    stored = _stored(demo_store, mid)
    assert (stored[member.person_id].status, stored[other.person_id].reply) == (None, "offen")
    assert stored[foreign.person_id].status is None


def test_a_status_the_rules_refuse_is_refused_at_once_and_kept_out_of_the_draft(
    qtbot: Any, demo_store: Store, answer: Answer
) -> None:
    shown = answer(confirm=False)
    editor, mid = _built(qtbot, demo_store)
    tab = editor.attendance_tab
    member = _one_member_per_body(editor)[0]
    assert tab.select_attendance(member.person_id)
    choose(tab.att_status_combo, "gast")
    assert shown[-1][0] == "error"
    assert "nicht als Gast" in shown[-1][2]
    assert tab.att_status_combo.currentData() is None
    assert not tab.statuses
    assert _stored(demo_store, mid)[member.person_id].status is None

"""The editor's live view of its attendance draft: ``preview_attendance`` shows what saving the same
replies and edits stores; ``check_meeting_form`` tries the attendance rules without writing;
``stand_in_candidates`` offers the body's deputy before the member's absence is saved."""

from __future__ import annotations

from datetime import datetime

import pytest
from factories import new_meeting, seat_plenary
from sqlalchemy import select

from bezag_desktop.db.models import AuditEntry
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.services import meetings
from bezag_desktop.services.meetings import AttendanceEdit, MeetingDetail, MeetingForm, ReplyEdit, attendance
from bezag_desktop.services.store import Store

# Tests run on 21.11.2026 (conftest): HELD lies before.
HELD = datetime(2026, 11, 10, 10)


def _held_meeting(store: Store, bodies: int = 3) -> int:
    seat_plenary(store, count=bodies)
    mid = new_meeting(store, HELD)
    attendance.build_attendance(store, mid)
    return mid


def _view(d: MeetingDetail) -> tuple[object, ...]:
    rows = tuple((a.id, a.reply, a.status, a.stood_in_by_id, a.stood_in_by, a.stands_in_for) for a in d.attendance)
    return rows, d.quorum, d.replies, d.expected_bodies


def _audits(store: Store) -> list[int]:
    with store.session() as s:
        return list(s.scalars(select(AuditEntry.id)))


def test_preview_shows_what_saving_stores(store: Store) -> None:
    mid = _held_meeting(store)
    d = meetings.meeting_detail(store, mid)
    assert len(d.voting_body_ids) == d.voting_bodies
    members = [a for a in d.attendance if a.role == "mitglied"]
    deputies = {a.body_id: a for a in d.attendance if a.role == "stellvertretung"}
    first, second, third = members[:3]
    replies = (ReplyEdit(first.id, "zugesagt"), ReplyEdit(second.id, "abgesagt"))
    edits = (
        AttendanceEdit(first.id, "anwesend"),
        AttendanceEdit(second.id, "vertreten", deputies[second.body_id].person_id),  # deputy marked present
        AttendanceEdit(third.id, "vertreten", deputies[third.body_id].person_id, deputy_present=False),
        AttendanceEdit(deputies[first.body_id].id, "online"),  # a deputy of a body whose member came
    )
    preview = meetings.preview_attendance(d, replies, edits)
    assert preview.quorum.present_bodies == 2  # first (present) and second (deputy present); third's deputy is not
    assert preview.expected_bodies == 1
    assert preview.replies["abgesagt"] == 1
    # the stored meeting is untouched until saving; then it equals the preview
    assert meetings.meeting_detail(store, mid) == d
    meetings.save_meeting_form(
        store,
        MeetingForm(mid, meetings.details_of(d), replies=replies, attendance=meetings.ordered_attendance(edits)),
    )
    assert _view(meetings.meeting_detail(store, mid)) == _view(preview)


def test_preview_of_an_unchanged_draft_is_the_stored_meeting(store: Store) -> None:
    mid = _held_meeting(store, bodies=2)
    d = meetings.meeting_detail(store, mid)
    unchanged = tuple(AttendanceEdit(a.id, a.status, a.stood_in_by_id) for a in d.attendance)
    assert _view(meetings.preview_attendance(d, (), unchanged)) == _view(d)


def test_stand_ins_come_first_so_the_deputys_own_status_wins(store: Store) -> None:
    mid = _held_meeting(store, bodies=1)
    d = meetings.meeting_detail(store, mid)
    member = next(a for a in d.attendance if a.role == "mitglied")
    deputy = next(a for a in d.attendance if a.role == "stellvertretung")
    edits = (AttendanceEdit(deputy.id, "abwesend"), AttendanceEdit(member.id, "vertreten", deputy.person_id))
    assert [e.attendance_id for e in meetings.ordered_attendance(edits)] == [member.id, deputy.id]
    preview = meetings.preview_attendance(d, (), edits)
    assert {a.id: a.status for a in preview.attendance}[deputy.id] == "abwesend"
    assert preview.quorum.present_bodies == 0


def test_check_refuses_a_stand_in_from_another_body_and_writes_nothing(store: Store) -> None:
    mid = _held_meeting(store, bodies=2)
    d = meetings.meeting_detail(store, mid)
    member = next(a for a in d.attendance if a.role == "mitglied")
    foreign = next(a for a in d.attendance if a.role == "stellvertretung" and a.body_id != member.body_id)
    own = next(a for a in d.attendance if a.role == "stellvertretung" and a.body_id == member.body_id)
    audits = _audits(store)
    wrong = MeetingForm(
        mid, meetings.details_of(d), attendance=(AttendanceEdit(member.id, "vertreten", foreign.person_id),)
    )
    with pytest.raises(ValidationError, match="derselben Körperschaft"):
        meetings.check_meeting_form(store, wrong)
    right = MeetingForm(
        mid, meetings.details_of(d), attendance=(AttendanceEdit(member.id, "vertreten", own.person_id),)
    )
    assert meetings.check_meeting_form(store, right) is True
    assert (meetings.meeting_detail(store, mid), _audits(store)) == (d, audits)


def test_stand_in_candidates_before_the_absence_is_saved(store: Store) -> None:
    mid = _held_meeting(store, bodies=1)
    d = meetings.meeting_detail(store, mid)
    member = next(a for a in d.attendance if a.role == "mitglied")
    deputy = next(a for a in d.attendance if a.role == "stellvertretung")
    assert member.status is None  # nothing stored: propose_stand_in has nothing to go on
    assert attendance.propose_stand_in(store, member.id) is None
    (candidate,) = meetings.stand_in_candidates(store, member.id)
    assert (candidate.deputy_person_id, candidate.deputy_attendance_id) == (deputy.person_id, deputy.id)
    assert member.person in candidate.text

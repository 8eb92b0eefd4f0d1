"""Attendance: the list from the invited, replies, statuses, stand-ins, guests and the quorum."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from factories import Seat, add_chair, add_person, new_meeting, seat_plenary
from querycount import count_queries
from sqlalchemy import func, select

from bezag_desktop.db.models import Attendance
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.services import meetings
from bezag_desktop.services.meetings import attendance
from bezag_desktop.services.store import Store


@pytest.fixture
def seats(store: Store) -> list[Seat]:
    return seat_plenary(store, count=24)


@pytest.fixture
def mid(store: Store, seats: list[Seat]) -> int:
    meeting = new_meeting(store, datetime(2026, 11, 10, 10))
    attendance.build_attendance(store, meeting)
    return meeting


def _row(store: Store, mid: int, person_id: int) -> meetings.AttendanceRow:
    return next(a for a in meetings.meeting_detail(store, mid).attendance if a.person_id == person_id)


def _count(store: Store, mid: int) -> int:
    with store.session() as s:
        return int(s.scalar(select(func.count()).select_from(Attendance).where(Attendance.meeting_id == mid)) or 0)


def test_build_is_idempotent_and_keeps_rows(store: Store, seats: list[Seat], mid: int) -> None:
    assert _count(store, mid) == 48
    member = _row(store, mid, seats[0].member_id)
    assert (member.role, member.reply, member.status, member.body) == ("mitglied", "offen", None, "Bezirk Oberbayern")
    attendance.set_reply(store, member.id, "zugesagt")
    assert attendance.build_attendance(store, mid) == 0
    assert _row(store, mid, seats[0].member_id).reply == "zugesagt"
    chair = add_person(store, last="Vorsitz", first="Veronika")
    add_chair(store, person_id=chair, side="bezirk", start=datetime(2024, 1, 1).date(), end=None)
    assert attendance.build_attendance(store, mid) == 1
    assert _row(store, mid, chair).role == "vorsitz"
    assert _count(store, mid) == 49


def test_replies_count_expected_bodies(store: Store, seats: list[Seat], mid: int) -> None:
    attendance.set_reply(store, _row(store, mid, seats[0].member_id).id, "zugesagt")
    attendance.set_reply(store, _row(store, mid, seats[0].deputy_id).id, "zugesagt")  # same body
    attendance.set_reply(store, _row(store, mid, seats[1].member_id).id, "zugesagt")
    attendance.set_reply(store, _row(store, mid, seats[2].member_id).id, "abgesagt")
    d = meetings.meeting_detail(store, mid)
    assert d.expected_bodies == 2
    assert d.replies == {"zugesagt": 3, "abgesagt": 1, "offen": 44}
    with pytest.raises(ValidationError, match="Rückmeldung"):
        attendance.set_reply(store, _row(store, mid, seats[2].member_id).id, "vielleicht")


def test_quorum_updates_with_attendance(store: Store, seats: list[Seat], mid: int) -> None:
    d = meetings.meeting_detail(store, mid)
    assert (d.quorum.present_bodies, d.quorum.required, d.quorum.reached) == (0, 13, False)
    for seat in seats[:12]:
        attendance.set_status(store, _row(store, mid, seat.member_id).id, "anwesend")
    assert meetings.meeting_detail(store, mid).quorum.present_bodies == 12
    # the deputy of body 13 alone represents it (member simply absent)
    attendance.set_status(store, _row(store, mid, seats[12].deputy_id).id, "online")
    d = meetings.meeting_detail(store, mid)
    assert (d.quorum.present_bodies, d.quorum.reached) == (13, True)
    assert d.quorum_label == "Beschlussfähig: ja (13 von 24 Körperschaften vertreten, erforderlich 13)"
    # member and deputy of one body present: still one body
    attendance.set_status(store, _row(store, mid, seats[0].deputy_id).id, "anwesend")
    assert meetings.meeting_detail(store, mid).quorum.present_bodies == 13
    # guests never count
    guest = add_person(store, last="Gast", first="Gerda", body_id=seats[20].body_id)
    gid = attendance.add_guest(store, mid, guest)
    attendance.set_status(store, gid, "gast")
    assert meetings.meeting_detail(store, mid).quorum.present_bodies == 13
    state = attendance.current_quorum(store, mid)
    assert (state.voters, state.quorum.present_bodies) == (13, 13)


def test_excused_member_represented_by_deputy(store: Store, seats: list[Seat], mid: int) -> None:
    member = _row(store, mid, seats[3].member_id)
    assert attendance.propose_stand_in(store, member.id) is None  # not absent yet
    attendance.set_status(store, member.id, "entschuldigt")
    proposal = attendance.propose_stand_in(store, member.id)
    assert proposal is not None
    assert (proposal.deputy_person_id, proposal.body) == (seats[3].deputy_id, "Stadt Rosenheim")
    assert "Jonas Vertretung04" in proposal.text
    before = meetings.meeting_detail(store, mid).quorum.present_bodies
    attendance.record_stand_in(store, member.id, proposal.deputy_person_id)
    member = _row(store, mid, seats[3].member_id)
    deputy = _row(store, mid, seats[3].deputy_id)
    assert (member.status, member.stood_in_by, member.status_label) == (
        "vertreten",
        "Jonas Vertretung04",
        "vertreten durch Jonas Vertretung04",
    )
    assert deputy.status == "anwesend"
    assert deputy.stands_in_for == "Anna Mitglied04"
    assert meetings.meeting_detail(store, mid).quorum.present_bodies == before + 1
    # the deputy already stands in: not proposed again for another member of the same body
    attendance.clear_stand_in(store, member.id)
    member = _row(store, mid, seats[3].member_id)
    assert (member.status, member.stood_in_by_id) == ("entschuldigt", None)


def test_declined_reply_proposes_the_deputy(store: Store, seats: list[Seat], mid: int) -> None:
    member = _row(store, mid, seats[5].member_id)
    attendance.set_reply(store, member.id, "abgesagt")
    proposal = attendance.propose_stand_in(store, member.id)
    assert proposal is not None
    assert proposal.deputy_person_id == seats[5].deputy_id
    # a deputy who declined too is not proposed
    attendance.set_reply(store, _row(store, mid, seats[5].deputy_id).id, "abgesagt")
    assert attendance.propose_stand_in(store, member.id) is None


def test_stand_in_named_before_the_meeting_is_not_marked_present(store: Store, seats: list[Seat], mid: int) -> None:
    member = _row(store, mid, seats[6].member_id)
    attendance.set_reply(store, member.id, "abgesagt")
    before = meetings.meeting_detail(store, mid).quorum.present_bodies
    attendance.record_stand_in(store, member.id, seats[6].deputy_id, mark_present=False)
    member = _row(store, mid, seats[6].member_id)
    deputy = _row(store, mid, seats[6].deputy_id)
    assert (member.status, member.stood_in_by_id, deputy.status) == ("vertreten", seats[6].deputy_id, None)
    assert meetings.meeting_detail(store, mid).quorum.present_bodies == before  # nobody is there yet
    invited = {i.person_id: i.ical_role for i in meetings.invitation_list(store, mid).invitees}
    assert invited[seats[6].deputy_id] == "REQ-PARTICIPANT"
    # at the meeting the deputy is marked present: the body counts
    attendance.set_status(store, deputy.id, "anwesend")
    assert meetings.meeting_detail(store, mid).quorum.present_bodies == before + 1


def test_stand_in_from_another_body_refused(store: Store, seats: list[Seat], mid: int) -> None:
    member = _row(store, mid, seats[4].member_id)
    attendance.set_status(store, member.id, "entschuldigt")
    with pytest.raises(ValidationError, match="derselben Körperschaft") as err:
        attendance.record_stand_in(store, member.id, seats[5].deputy_id)
    assert "Landkreis Berchtesgadener Land" in str(err.value)
    assert err.value.field == "stood_in_by"
    member = _row(store, mid, seats[4].member_id)
    other = _row(store, mid, seats[5].deputy_id)
    assert (member.status, member.stood_in_by_id, other.status) == ("entschuldigt", None, None)
    outsider = add_person(store, last="Fremd", first="Franz")
    with pytest.raises(ValidationError, match="keiner Körperschaft zugeordnet"):
        attendance.record_stand_in(store, member.id, outsider)
    with pytest.raises(ValidationError, match="nicht selbst vertreten"):
        attendance.record_stand_in(store, member.id, seats[4].member_id)
    deputy = _row(store, mid, seats[4].deputy_id)
    with pytest.raises(ValidationError, match="nur für Mitglieder"):
        attendance.record_stand_in(store, deputy.id, seats[4].member_id)


def test_status_rules(store: Store, seats: list[Seat], mid: int) -> None:
    member = _row(store, mid, seats[0].member_id)
    with pytest.raises(ValidationError, match="Vertreten durch"):
        attendance.set_status(store, member.id, "vertreten")
    with pytest.raises(ValidationError, match="nicht als Gast"):
        attendance.set_status(store, member.id, "gast")
    with pytest.raises(ValidationError, match="Unbekannter"):
        attendance.set_status(store, member.id, "krank")
    assert _row(store, mid, seats[0].member_id).status is None
    attendance.set_status(store, member.id, "online")
    attendance.set_status(store, member.id, None)
    assert _row(store, mid, seats[0].member_id).status is None


def test_arrival_and_departure(store: Store, seats: list[Seat], mid: int) -> None:
    member = _row(store, mid, seats[0].member_id)
    attendance.set_times(store, member.id, time(10, 15), time(12, 0))
    row = _row(store, mid, seats[0].member_id)
    assert (row.arrival, row.departure) == (time(10, 15), time(12, 0))
    with pytest.raises(ValidationError, match="vor dem Kommen"):
        attendance.set_times(store, member.id, time(11, 0), time(10, 0))
    assert _row(store, mid, seats[0].member_id).departure == time(12, 0)


def test_guests(store: Store, seats: list[Seat], mid: int) -> None:
    guest = add_person(store, last="Referentin", first="Rita")
    gid = attendance.add_guest(store, mid, guest, "Vortrag TOP 4")
    row = _row(store, mid, guest)
    assert (row.role, row.notes) == ("gast", "Vortrag TOP 4")
    with pytest.raises(ValidationError, match="bereits auf der Anwesenheitsliste"):
        attendance.add_guest(store, mid, guest)
    with pytest.raises(ValidationError, match="nur Gäste"):
        attendance.remove_guest(store, _row(store, mid, seats[0].member_id).id)
    with pytest.raises(NotFoundError):
        attendance.add_guest(store, mid, 99999)
    attendance.remove_guest(store, gid)
    assert all(a.person_id != guest for a in meetings.meeting_detail(store, mid).attendance)


def test_attendance_queries_constant(store: Store, seats: list[Seat]) -> None:
    small = new_meeting(store, datetime(2026, 11, 10, 10))
    with count_queries(store.engine) as few:
        attendance.build_attendance(store, small)
    big_store_meeting = new_meeting(store, datetime(2026, 11, 11, 10))
    seat_plenary(store, count=24)  # 48 more persons
    with count_queries(store.engine) as many:
        attendance.build_attendance(store, big_store_meeting)
    assert _count(store, big_store_meeting) == 96
    # inserts are batched per flush; the reads do not grow with the rows
    reads = [q for q in many.statements if q.lstrip().upper().startswith("SELECT")]
    assert len(reads) == len([q for q in few.statements if q.lstrip().upper().startswith("SELECT")])


def test_needs_stand_in_is_one_rule_for_stored_rows_and_drafts() -> None:
    from bezag_desktop.services.meetings.attendance import needs_stand_in

    assert needs_stand_in("mitglied", 5, "entschuldigt", "offen")
    assert needs_stand_in("mitglied", 5, "abwesend", "zugesagt")
    assert needs_stand_in("mitglied", 5, None, "abgesagt")  # declined before the meeting
    assert not needs_stand_in("mitglied", 5, "anwesend", "abgesagt")  # came after all
    assert not needs_stand_in("mitglied", 5, None, "zugesagt")
    assert not needs_stand_in("mitglied", None, "entschuldigt", "offen")  # speaks for no body
    assert not needs_stand_in("stellvertretung", 5, "entschuldigt", "offen")
    assert not needs_stand_in("gast", 5, "abwesend", "abgesagt")

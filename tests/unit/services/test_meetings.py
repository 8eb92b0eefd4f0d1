"""Meetings: numbering, validation, status, sequence rule, copy, lists, warnings, detail, invited."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from factories import add_chair, add_mandate, add_person, new_meeting, plenum_id, record_invitation, seat_plenary
from querycount import count_queries
from sqlalchemy import func, select

from bezag_desktop.db.models import AgendaItem, AuditEntry, Committee, Meeting, Partner
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.domain.rules import DEFAULT_STANDARD_AGENDA
from bezag_desktop.services import meetings
from bezag_desktop.services.meetings import agenda, attendance
from bezag_desktop.services.store import Store


def _group(store: Store, name: str = "AG Wohnungslosenhilfe", kind: str = "arbeitsgruppe") -> int:
    with store.session() as s:
        c = Committee(name=name, kind=kind, parent_id=plenum_id(store))
        s.add(c)
        s.flush()
        return c.id


def _count(store: Store, model: type) -> int:
    with store.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


# --- create and numbering ---------------------------------------------------------------------


def test_numbers_per_committee_and_year_and_default_title(store: Store) -> None:
    first = new_meeting(store, datetime(2027, 3, 10, 10))
    second = new_meeting(store, datetime(2027, 7, 8, 10))
    next_year = new_meeting(store, datetime(2028, 2, 1, 10))
    group_meeting = new_meeting(store, datetime(2027, 4, 1, 14), committee_id=_group(store))
    rows = {r.id: r for r in meetings.list_meetings(store)}
    assert (rows[first].number, rows[first].title) == (1, "1. Sitzung 2027")
    assert (rows[second].number, rows[second].title) == (2, "2. Sitzung 2027")
    assert (rows[next_year].number, rows[next_year].title) == (1, "1. Sitzung 2028")
    assert (rows[group_meeting].number, rows[group_meeting].title) == (1, "1. Sitzung 2027")


def test_plenary_meeting_starts_from_standard_agenda(store: Store) -> None:
    mid = new_meeting(store, datetime(2027, 3, 10, 10))
    detail = meetings.meeting_detail(store, mid)
    assert [a.title for a in detail.agenda] == list(DEFAULT_STANDARD_AGENDA)
    assert [a.number for a in detail.agenda] == ["1", "2", "3", "4", "5"]
    assert detail.item(detail.agenda[2].id).kind == "beschluss"  # Genehmigung der Niederschrift
    assert detail.agenda[0].kind == "bericht"
    group_meeting = new_meeting(store, datetime(2027, 4, 1, 14), committee_id=_group(store))
    assert meetings.meeting_detail(store, group_meeting).agenda == ()


def test_standard_agenda_follows_the_settings(store: Store) -> None:
    from dataclasses import replace

    from bezag_desktop.services import settings

    settings.save_rules(store, replace(settings.get_rules(store), standard_agenda=("Eröffnung", "Sonstiges")))
    mid = new_meeting(store, datetime(2027, 3, 10, 10))
    assert [a.title for a in meetings.meeting_detail(store, mid).agenda] == ["Eröffnung", "Sonstiges"]


def test_end_before_start_refused_and_nothing_written(store: Store) -> None:
    before = _count(store, Meeting)
    with pytest.raises(ValidationError, match="liegt vor dem Beginn") as err:
        meetings.create_meeting(
            store,
            meetings.MeetingInput(
                committee_id=plenum_id(store), start=datetime(2027, 3, 10, 14), end=datetime(2027, 3, 10, 10)
            ),
        )
    assert err.value.field == "end"
    assert _count(store, Meeting) == before
    assert _count(store, AgendaItem) == 0


def test_other_bad_input_refused(store: Store) -> None:
    pid = plenum_id(store)
    with pytest.raises(ValidationError, match="https://"):
        meetings.create_meeting(
            store, meetings.MeetingInput(committee_id=pid, start=datetime(2027, 3, 10, 10), online_url="zoom")
        )
    with pytest.raises(NotFoundError, match="Gremium"):
        meetings.create_meeting(store, meetings.MeetingInput(committee_id=999, start=datetime(2027, 3, 10, 10)))
    with pytest.raises(ValidationError, match="Sitzungsart"):
        meetings.create_meeting(
            store, meetings.MeetingInput(committee_id=pid, start=datetime(2027, 3, 10, 10), kind="geheim")
        )
    assert _count(store, Meeting) == 0


def test_create_writes_audit(store: Store) -> None:
    mid = new_meeting(store, datetime(2027, 3, 10, 10))
    with store.session() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == mid)))
    assert "meeting.create" in actions


# --- edit, reschedule, sequence ---------------------------------------------------------------


def _input(store: Store, mid: int, **changes: object) -> meetings.MeetingInput:
    d = meetings.meeting_detail(store, mid)
    values: dict[str, object] = {
        "committee_id": d.committee_id,
        "start": d.start,
        "end": d.end,
        "kind": d.kind,
        "title": d.title,
        "location_name": d.location_name,
        "location_address": d.location_address,
        "location_room": d.location_room,
        "online_url": d.online_url,
        "travel_notes": d.travel_notes,
        "minute_taker_id": d.minute_taker_id,
    }
    values.update(changes)
    return meetings.MeetingInput(**values)  # type: ignore[arg-type]


def test_changes_before_an_invitation_keep_sequence_zero(store: Store) -> None:
    mid = new_meeting(store, datetime(2027, 3, 10, 10), location_name="Landratsamt Ebersberg")
    meetings.reschedule(store, mid, datetime(2027, 3, 11, 10))
    meetings.update_meeting(store, mid, _input(store, mid, location_name="Bezirk Oberbayern"))
    assert meetings.meeting_detail(store, mid).sequence == 0


def test_sequence_rises_once_per_change_after_invitation(store: Store) -> None:
    mid = new_meeting(store, datetime(2027, 3, 10, 10), location_name="Landratsamt Ebersberg")
    uid = meetings.meeting_detail(store, mid).uid
    record_invitation(store, mid)

    result = meetings.reschedule(store, mid, datetime(2027, 3, 11, 9, 30))
    assert (result.sequence, result.sequence_raised) == (1, True)
    # time AND place changed in one save: still only one step
    result = meetings.update_meeting(
        store,
        mid,
        _input(store, mid, start=datetime(2027, 3, 12, 10), end=datetime(2027, 3, 12, 13), location_room="Saal 2"),
    )
    assert result.sequence == 2
    # a change of the title or notes is not significant
    result = meetings.update_meeting(store, mid, _input(store, mid, title="Frühjahrssitzung", notes="x"))
    assert (result.sequence, result.sequence_raised) == (2, False)
    # the same time again is no change
    assert meetings.reschedule(store, mid, datetime(2027, 3, 12, 10)).sequence == 2
    result = meetings.cancel(store, mid)
    assert (result.sequence, result.sequence_raised) == (3, True)
    detail = meetings.meeting_detail(store, mid)
    assert (detail.sequence, detail.status, detail.uid) == (3, "abgesagt", uid)


def test_reschedule_keeps_duration_and_sets_location(store: Store) -> None:
    mid = new_meeting(
        store,
        datetime(2027, 3, 10, 10),
        hours=3,
        location_name="Bezirk Oberbayern",
        location_address="Prinzregentenstraße 14, 80538 München",
        online_url="https://meet.example/bezag",
    )
    meetings.reschedule(store, mid, datetime(2027, 3, 17, 14), location="Rathaus Erding")
    d = meetings.meeting_detail(store, mid)
    assert (d.location, d.online_url) == ("Rathaus Erding", "https://meet.example/bezag")
    assert (d.start, d.end, d.location_name) == (datetime(2027, 3, 17, 14), datetime(2027, 3, 17, 17), "Rathaus Erding")
    meetings.reschedule(store, mid, datetime(2027, 3, 18, 9), datetime(2027, 3, 18, 10))
    assert meetings.meeting_detail(store, mid).end == datetime(2027, 3, 18, 10)


def test_reschedule_end_before_start_refused(store: Store) -> None:
    mid = new_meeting(store, datetime(2027, 3, 10, 10))
    record_invitation(store, mid)
    with pytest.raises(ValidationError, match="liegt vor dem Beginn"):
        meetings.reschedule(store, mid, datetime(2027, 3, 10, 10), datetime(2027, 3, 10, 9))
    d = meetings.meeting_detail(store, mid)
    assert (d.start, d.sequence) == (datetime(2027, 3, 10, 10), 0)


def test_rescheduling_a_cancelled_meeting_is_refused(store: Store) -> None:
    mid = new_meeting(store, datetime(2027, 3, 10, 10))
    record_invitation(store, mid)
    meetings.cancel(store, mid)
    with pytest.raises(ValidationError, match="abgesagt; eine Verlegung ist nicht möglich"):
        meetings.reschedule(store, mid, datetime(2027, 4, 1, 10))
    with pytest.raises(ValidationError, match="abgesagt"):
        meetings.update_meeting(store, mid, _input(store, mid, start=datetime(2027, 4, 1, 10), end=None))
    d = meetings.meeting_detail(store, mid)
    assert (d.start, d.sequence, d.status) == (datetime(2027, 3, 10, 10), 1, "abgesagt")
    with pytest.raises(ValidationError, match="bereits abgesagt"):
        meetings.cancel(store, mid)
    assert meetings.meeting_detail(store, mid).sequence == 1


def test_moving_into_another_year_renumbers(store: Store) -> None:
    new_meeting(store, datetime(2028, 2, 1, 10))
    mid = new_meeting(store, datetime(2027, 12, 1, 10))
    meetings.reschedule(store, mid, datetime(2028, 3, 1, 10))
    row = next(r for r in meetings.list_meetings(store) if r.id == mid)
    assert (row.year, row.number, row.title) == (2028, 2, "2. Sitzung 2028")


def test_automatic_title_sent_back_by_the_editor_follows_a_move_into_another_year(store: Store) -> None:
    mid = new_meeting(store, datetime(2027, 12, 1, 10))
    # the editor shows (and sends back) the automatic title "1. Sitzung 2027"
    meetings.update_meeting(
        store, mid, _input(store, mid, start=datetime(2028, 1, 20, 10), end=datetime(2028, 1, 20, 13))
    )
    d = meetings.meeting_detail(store, mid)
    assert (d.year, d.number, d.title) == (2028, 1, "1. Sitzung 2028")
    # a title of the user's own stays as it is
    meetings.update_meeting(store, mid, _input(store, mid, title="Klausurtagung"))
    meetings.update_meeting(
        store, mid, _input(store, mid, start=datetime(2027, 11, 1, 10), end=datetime(2027, 11, 1, 13))
    )
    d = meetings.meeting_detail(store, mid)
    assert (d.year, d.title) == (2027, "Klausurtagung")


def test_check_status_change_refuses_before_anything_is_written() -> None:
    today = date(2026, 11, 21)
    meetings.check_status_change("geplant", "eingeladen", datetime(2027, 3, 1, 10), today)
    meetings.check_status_change("geplant", "geplant", datetime(2027, 3, 1, 10), today)
    with pytest.raises(ValidationError, match="Zukunft"):
        meetings.check_status_change("eingeladen", "durchgefuehrt", datetime(2027, 3, 1, 10), today)
    with pytest.raises(ValidationError, match="von „durchgeführt“ auf „geplant“"):
        meetings.check_status_change("durchgefuehrt", "geplant", datetime(2026, 3, 1, 10), today)


def test_committee_of_existing_meeting_cannot_change(store: Store) -> None:
    mid = new_meeting(store, datetime(2027, 3, 10, 10))
    with pytest.raises(ValidationError, match="Gremium"):
        meetings.update_meeting(store, mid, _input(store, mid, committee_id=_group(store)))


# --- status -----------------------------------------------------------------------------------


def test_status_path_and_nonsense_refused(store: Store) -> None:
    past = new_meeting(store, datetime(2026, 10, 1, 10))
    with pytest.raises(ValidationError, match="von „geplant“ auf „Protokoll genehmigt“"):
        meetings.set_status(store, past, "protokoll_genehmigt")
    for status in ("eingeladen", "durchgefuehrt", "protokoll_entwurf", "protokoll_genehmigt"):
        meetings.set_status(store, past, status)
        assert meetings.meeting_detail(store, past).status == status
    with pytest.raises(ValidationError, match="nicht mehr abgesagt"):
        meetings.cancel(store, past)
    future = new_meeting(store, datetime(2027, 3, 10, 10))
    with pytest.raises(ValidationError, match="Zukunft"):
        meetings.set_status(store, future, "durchgefuehrt")
    meetings.set_status(store, future, "abgesagt")
    with pytest.raises(ValidationError, match="von „abgesagt“"):
        meetings.set_status(store, future, "geplant")
    with pytest.raises(ValidationError, match="Unbekannter Status"):
        meetings.set_status(store, future, "vertagt")


def test_allowed_statuses() -> None:
    assert meetings.allowed_statuses("geplant") == ["geplant", "eingeladen", "durchgefuehrt", "abgesagt"]
    assert meetings.allowed_statuses("abgesagt") == ["abgesagt"]


def test_minute_taker(store: Store) -> None:
    mid = new_meeting(store, datetime(2027, 3, 10, 10))
    pid = add_person(store, last="Schreiber", first="Sabine")
    meetings.set_minute_taker(store, mid, pid)
    assert meetings.meeting_detail(store, mid).minute_taker == "Sabine Schreiber"
    with pytest.raises(NotFoundError):
        meetings.set_minute_taker(store, mid, 9999)


# --- copy -------------------------------------------------------------------------------------


def test_copy_keeps_place_and_agenda_without_minutes(store: Store) -> None:
    seats = seat_plenary(store, count=3)
    src = new_meeting(store, datetime(2026, 7, 8, 10), location_name="Bezirk Oberbayern", location_room="Saal 1")
    attendance.build_attendance(store, src)
    d = meetings.meeting_detail(store, src)
    for row in d.attendance:
        if row.person_id == seats[0].member_id:
            attendance.set_status(store, row.id, "anwesend")
    item = d.agenda[1]
    agenda.add_item(store, src, agenda.AgendaItemInput(title="Unterpunkt"), parent_id=item.id)
    agenda.record_minutes(
        store,
        item.id,
        agenda.MinutesInput(notes="lang", resolution_text="Angenommen", votes_yes=1, result="beschlossen"),
    )
    record_invitation(store, src)
    copy = meetings.copy_meeting(store, src, datetime(2027, 3, 10, 9))
    c = meetings.meeting_detail(store, copy)
    assert (c.start, c.end) == (datetime(2027, 3, 10, 9), datetime(2027, 3, 10, 12))
    assert (c.location_name, c.location_room, c.status, c.sequence, c.title) == (
        "Bezirk Oberbayern",
        "Saal 1",
        "geplant",
        0,
        "1. Sitzung 2027",
    )
    assert c.uid != d.uid
    assert [(a.number, a.title) for a in c.agenda] == [
        (a.number, a.title) for a in meetings.meeting_detail(store, src).agenda
    ]
    assert all(not a.notes and not a.resolution_text and a.votes_yes is None and a.result is None for a in c.agenda)
    assert c.attendance == ()


# --- lists ------------------------------------------------------------------------------------


def test_list_filters(store: Store) -> None:
    a = new_meeting(store, datetime(2026, 3, 10, 10))
    b = new_meeting(store, datetime(2027, 3, 10, 10))
    g = new_meeting(store, datetime(2027, 5, 10, 10), committee_id=_group(store))
    meetings.cancel(store, b)
    assert [r.id for r in meetings.list_meetings(store)] == [a, b, g]
    assert [r.id for r in meetings.list_meetings(store, year=2027)] == [b, g]
    assert [r.id for r in meetings.list_meetings(store, status="abgesagt")] == [b]
    assert [r.id for r in meetings.list_meetings(store, committee="ag wohnungslosenhilfe")] == [g]
    assert [r.id for r in meetings.list_meetings(store, committee=plenum_id(store), year=2026)] == [a]
    with pytest.raises(NotFoundError, match="Gremium „AG Nix“"):
        meetings.list_meetings(store, committee="AG Nix")
    with pytest.raises(ValidationError):
        meetings.list_meetings(store, status="vertagt")
    row = meetings.list_meetings(store, year=2026)[0]
    assert row.to_json() == {
        "id": a,
        "committee": "Bezirksarbeitsgemeinschaft Sozialplanung",
        "committee_kind": "plenum",
        "title": "1. Sitzung 2026",
        "start": "2026-03-10T10:00:00+01:00",
        "end": "2026-03-10T13:00:00+01:00",
        "status": "geplant",
    }
    assert g in [r.id for r in meetings.list_meetings(store, year=2027)]
    summer = meetings.list_meetings(store, year=2027, committee="AG Wohnungslosenhilfe")[0]
    assert summer.to_json()["start"] == "2027-05-10T10:00:00+02:00"


def test_list_queries_do_not_grow_with_rows(store: Store) -> None:
    new_meeting(store, datetime(2026, 3, 10, 10))
    with count_queries(store.engine) as few:
        meetings.list_meetings(store, committee="Bezirksarbeitsgemeinschaft Sozialplanung")
        meetings.year_view(store, 2026)
    group = _group(store)
    for month in range(1, 13):
        mid = new_meeting(store, datetime(2026, month, 20, 10))
        record_invitation(store, mid)
        new_meeting(store, datetime(2026, month, 21, 10), committee_id=group)
    with count_queries(store.engine) as many:
        rows = meetings.list_meetings(store, committee="Bezirksarbeitsgemeinschaft Sozialplanung")
        meetings.year_view(store, 2026)
    assert len(rows) == 13
    assert many.count == few.count, (few, many)


def test_detail_queries_do_not_grow_with_rows(store: Store) -> None:
    seat_plenary(store, count=2)
    mid = new_meeting(store, datetime(2026, 11, 10, 10))
    attendance.build_attendance(store, mid)
    with count_queries(store.engine) as few:
        meetings.meeting_detail(store, mid)
    seat_plenary(store, count=24)
    attendance.build_attendance(store, mid)
    for _ in range(10):
        agenda.add_item(store, mid, agenda.AgendaItemInput(title="Mehr"))
    with count_queries(store.engine) as many:
        detail = meetings.meeting_detail(store, mid)
    assert len(detail.attendance) > 40
    assert many.count == few.count, (few, many)


def test_year_view_groups_by_month(store: Store) -> None:
    a = new_meeting(store, datetime(2027, 3, 10, 10))
    b = new_meeting(store, datetime(2027, 3, 24, 10))
    c = new_meeting(store, datetime(2027, 11, 4, 10))
    new_meeting(store, datetime(2028, 3, 4, 10))
    months = meetings.year_view(store, 2027)
    assert [m.name for m in months][:3] == ["Januar", "Februar", "März"]
    assert len(months) == 12
    assert [r.id for r in months[2].meetings] == [a, b]
    assert [r.id for r in months[10].meetings] == [c]
    assert sum(len(m.meetings) for m in months) == 3


def test_next_and_previous_meeting(store: Store) -> None:
    old = new_meeting(store, datetime(2026, 7, 8, 10))
    nxt = new_meeting(store, datetime(2026, 12, 3, 10))
    later = new_meeting(store, datetime(2027, 3, 3, 10))
    pid = plenum_id(store)
    found = meetings.next_meeting(store, pid)
    assert found is not None
    assert found.id == nxt
    found = meetings.next_meeting(store, pid, after_id=nxt)
    assert found is not None
    assert found.id == later
    prev = meetings.previous_meeting(store, nxt)
    assert prev is not None
    assert prev.id == old


# --- detail and invited -----------------------------------------------------------------------


def test_detail_json_has_the_formats_keys(store: Store) -> None:
    seats = seat_plenary(store, count=3)
    mid = new_meeting(store, datetime(2026, 11, 10, 10), location_name="Bezirk Oberbayern", location_room="Saal 1")
    attendance.build_attendance(store, mid)
    d = meetings.meeting_detail(store, mid)
    member = next(a for a in d.attendance if a.person_id == seats[1].member_id)
    attendance.set_status(store, member.id, "entschuldigt")
    attendance.record_stand_in(store, member.id, seats[1].deputy_id)
    data = meetings.meeting_detail(store, mid).to_json()
    assert set(data) >= {
        "id",
        "committee",
        "committee_kind",
        "title",
        "start",
        "end",
        "status",
        "location",
        "sequence",
        "uid",
        "quorum",
        "agenda",
        "attendance",
    }
    assert data["location"] == "Bezirk Oberbayern, Saal 1"
    assert data["quorum"] == {"present_bodies": 1, "required": 13, "reached": False}
    assert set(data["agenda"][0]["votes"]) == {"yes", "no", "abstain"}  # exactly FORMATS.md
    assert data["agenda"][0] == {
        "number": "1",
        "title": "Begrüßung und Feststellung der Beschlussfähigkeit",
        "kind": "bericht",
        "presenter": "",
        "resolution": None,
        "votes": {"yes": 0, "no": 0, "abstain": 0},
        "unanimous": False,
        "result": None,
    }
    represented = next(a for a in data["attendance"] if a["status"] == "vertreten")
    assert represented == {
        "person": "Anna Mitglied02",
        "body": "Stadt Ingolstadt",
        "role": "mitglied",
        "status": "vertreten",
        "stood_in_by": "Jonas Vertretung02",
    }


def test_invited_persons_roles_and_one_entry_per_address(store: Store) -> None:
    seats = seat_plenary(store, count=3)
    pid = plenum_id(store)
    # a member whose mandate ended before the meeting is not invited
    gone = add_person(store, last="Ehemalig", first="Eva", body_id=seats[0].body_id)
    add_mandate(
        store, person_id=gone, committee_id=pid, role="mitglied", body_id=seats[0].body_id, end=date(2026, 6, 30)
    )
    # the Kommunen chair is also the member of body 3; the Bezirk chair has no mandate
    add_chair(store, person_id=seats[2].member_id, side="kommunen", start=date(2026, 1, 30), end=date(2029, 1, 29))
    bezirk_chair = add_person(store, last="Vorsitz", first="Veronika", body_id=seats[0].body_id)
    add_chair(store, person_id=bezirk_chair, side="bezirk", start=date(2024, 1, 1), end=None)
    # a deputy sharing an office mailbox with another person; a person without address
    shared = add_person(
        store, last="Teilzeit", first="Tim", email="jonas.vertretung01@example.org", body_id=seats[0].body_id
    )
    add_mandate(store, person_id=shared, committee_id=pid, role="stellvertretung", body_id=seats[0].body_id)
    no_mail = add_person(store, last="Ohnemail", first="Otto", email="", body_id=seats[1].body_id)
    add_mandate(store, person_id=no_mail, committee_id=pid, role="stellvertretung", body_id=seats[1].body_id)
    mid = new_meeting(store, datetime(2026, 12, 10, 10))
    guest = add_person(store, last="Gast", first="Gerda")
    attendance.add_guest(store, mid, guest)
    with store.session() as s:
        invited = meetings.invited_persons(s, mid)
        without = meetings.invited_without_email(s, mid)
    by_id = {i.person_id: i for i in invited}
    assert gone not in by_id
    assert by_id[seats[0].member_id].ical_role == "REQ-PARTICIPANT"
    assert by_id[seats[0].member_id].role == "mitglied"
    assert by_id[seats[0].member_id].body == "Bezirk Oberbayern"
    assert by_id[seats[1].deputy_id].ical_role == "OPT-PARTICIPANT"
    assert by_id[seats[2].member_id].ical_role == "CHAIR"
    assert by_id[seats[2].member_id].body_id == seats[2].body_id  # keeps the body it votes for
    assert by_id[bezirk_chair].ical_role == "CHAIR"
    assert by_id[guest].ical_role == "OPT-PARTICIPANT"
    assert by_id[guest].role == "gast"
    emails = [i.email.casefold() for i in invited]
    assert len(emails) == len(set(emails))
    assert [i.person_id for i in without] == [no_mail]
    assert invited[0].ical_role == "CHAIR"


def test_deputy_standing_in_becomes_required(store: Store) -> None:
    seats = seat_plenary(store, count=2)
    mid = new_meeting(store, datetime(2026, 12, 10, 10))
    attendance.build_attendance(store, mid)
    member = next(a for a in meetings.meeting_detail(store, mid).attendance if a.person_id == seats[1].member_id)
    attendance.set_reply(store, member.id, "abgesagt")
    attendance.set_status(store, member.id, "entschuldigt")
    attendance.record_stand_in(store, member.id, seats[1].deputy_id)
    with store.session() as s:
        by_id = {i.person_id: i for i in meetings.invited_persons(s, mid)}
    assert by_id[seats[1].deputy_id].ical_role == "REQ-PARTICIPANT"
    assert by_id[seats[1].deputy_id].stands_in
    assert by_id[seats[0].deputy_id].ical_role == "OPT-PARTICIPANT"


def test_working_group_invites_its_members_and_partner_contacts(store: Store) -> None:
    seats = seat_plenary(store, count=2)
    group = _group(store)
    with store.session() as s:
        partner = Partner(name="Caritasverband München", category="wohlfahrtsverband")
        s.add(partner)
        s.flush()
        partner_id = partner.id
    lead = add_person(store, last="Sprecherin", first="Sara", body_id=seats[0].body_id)
    contact = add_person(store, last="Caritas", first="Carl")
    add_mandate(store, person_id=lead, committee_id=group, role="sprecher", body_id=seats[0].body_id)
    add_mandate(store, person_id=seats[1].member_id, committee_id=group, role="mitglied", body_id=seats[1].body_id)
    add_mandate(store, person_id=contact, committee_id=group, role="mitglied", partner_id=partner_id)
    mid = new_meeting(store, datetime(2026, 12, 1, 14), committee_id=group)
    with store.session() as s:
        by_id = {i.person_id: i for i in meetings.invited_persons(s, mid)}
    assert set(by_id) == {lead, seats[1].member_id, contact}
    assert by_id[lead].ical_role == "CHAIR"
    assert by_id[seats[1].member_id].ical_role == "REQ-PARTICIPANT"
    assert by_id[contact].partner == "Caritasverband München"
    assert by_id[contact].ical_role == "OPT-PARTICIPANT"


def test_unknown_meeting(store: Store) -> None:
    with pytest.raises(NotFoundError, match=r"Sitzung Nr\. 404"):
        meetings.meeting_detail(store, 404)

"""The meeting editor's whole form: one operation, one transaction, every rule of the dialog."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time

import pytest
from factories import add_group, add_meeting, new_meeting, plenum_id, record_invitation, seat_plenary
from querycount import count_queries
from sqlalchemy import select

from bezag_desktop.db.models import AuditEntry
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.services import meetings
from bezag_desktop.services.meetings import agenda, attendance
from bezag_desktop.services.meetings.form import (
    AgendaItemEdit,
    AgendaItemInput,
    AttendanceEdit,
    MeetingForm,
    MinutesInput,
    ReplyEdit,
    save_meeting_form,
)
from bezag_desktop.services.store import Store

# Tests run on 21.11.2026 (conftest): HELD lies before, AHEAD after.
HELD = datetime(2026, 11, 10, 10)
AHEAD = datetime(2027, 3, 10, 10)


def _details(d: meetings.MeetingDetail, **changes: object) -> meetings.MeetingInput:
    values = meetings.details_of(d)
    return replace(values, **changes)  # type: ignore[arg-type]  # field names checked at run time


def _item(row: meetings.AgendaRow) -> AgendaItemEdit:
    return AgendaItemEdit(
        row.id,
        AgendaItemInput(
            title=row.title,
            kind=row.kind,
            presenter=row.presenter,
            presenter_id=row.presenter_id,
            planned_minutes=row.planned_minutes,
            public=row.public,
            description=row.description,
        ),
        MinutesInput(
            notes=row.notes,
            resolution_text=row.resolution_text,
            votes_yes=row.votes_yes,
            votes_no=row.votes_no,
            votes_abstain=row.votes_abstain,
            unanimous=row.unanimous,
            result=row.result,
        ),
    )


def _form(store: Store, mid: int) -> MeetingForm:
    """The form exactly as the editor shows the stored meeting (saving it changes nothing)."""
    d = meetings.meeting_detail(store, mid)
    return MeetingForm(
        meeting_id=mid,
        details=_details(d),
        status=d.status,
        items=tuple(_item(a) for a in d.agenda),
        replies=tuple(ReplyEdit(a.id, a.reply) for a in d.attendance),
        attendance=tuple(
            AttendanceEdit(a.id, a.status, a.stood_in_by_id, a.arrival, a.departure) for a in d.attendance
        ),
    )


def _audits(store: Store) -> list[str]:
    with store.session() as s:
        return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def _snapshot(store: Store, mid: int) -> tuple[object, ...]:
    d = meetings.meeting_detail(store, mid)
    return (d.title, d.start, d.end, d.location, d.status, d.sequence, d.notes, d.agenda, d.attendance)


def _with_item(form: MeetingForm, index: int, **changes: object) -> MeetingForm:
    """Change fields of one item: item fields by name, minutes fields with the prefix ``m_``."""
    items = list(form.items)
    edit = items[index]
    assert edit.item is not None
    assert edit.minutes is not None
    item_changes = {k: v for k, v in changes.items() if not k.startswith("m_")}
    minutes_changes = {k[2:]: v for k, v in changes.items() if k.startswith("m_")}
    items[index] = replace(
        edit,
        item=replace(edit.item, **item_changes),  # type: ignore[arg-type]
        minutes=replace(edit.minutes, **minutes_changes),  # type: ignore[arg-type]
    )
    return replace(form, items=tuple(items))


def _held_meeting(store: Store, bodies: int = 3) -> int:
    seat_plenary(store, count=bodies)
    mid = new_meeting(store, HELD)
    attendance.build_attendance(store, mid)
    return mid


# --- create -----------------------------------------------------------------------------------


def test_create_through_the_form(store: Store) -> None:
    details = meetings.MeetingInput(committee_id=plenum_id(store), start=AHEAD, end=datetime(2027, 3, 10, 13))
    result = save_meeting_form(store, MeetingForm(None, details))
    assert (result.created, result.changed, result.sequence) == (True, True, 0)
    d = meetings.meeting_detail(store, result.meeting_id)
    assert (d.title, d.status, len(d.agenda)) == ("1. Sitzung 2027", "geplant", 5)
    assert _audits(store)[-1] == "meeting.create"
    bare = save_meeting_form(store, MeetingForm(None, details, standard_agenda=False))
    assert meetings.meeting_detail(store, bare.meeting_id).agenda == ()


def test_create_refuses_parts_that_need_a_stored_meeting(store: Store) -> None:
    details = meetings.MeetingInput(committee_id=plenum_id(store), start=AHEAD)
    with pytest.raises(ValidationError, match="Status „geplant“"):
        save_meeting_form(store, MeetingForm(None, details, status="eingeladen"))
    with pytest.raises(ValidationError, match="noch keine Tagesordnung"):
        save_meeting_form(store, MeetingForm(None, details, replies=(ReplyEdit(1, "zugesagt"),)))
    with pytest.raises(ValidationError, match="liegt vor dem Beginn"):
        save_meeting_form(store, MeetingForm(None, replace(details, end=datetime(2027, 3, 10, 9))))
    assert meetings.list_meetings(store) == []


# --- update of several parts ------------------------------------------------------------------


def test_unchanged_form_writes_nothing(store: Store) -> None:
    mid = _held_meeting(store)
    before, audits = _snapshot(store, mid), _audits(store)
    result = save_meeting_form(store, _form(store, mid))
    assert (result.changed, result.sequence_raised) == (False, False)
    assert _snapshot(store, mid) == before
    assert _audits(store) == audits


def test_several_parts_in_one_save(store: Store) -> None:
    mid = _held_meeting(store)
    d = meetings.meeting_detail(store, mid)
    form = _form(store, mid)
    form = replace(form, details=_details(d, title="Herbstsitzung", notes="Raum 2 gebucht"), status="durchgefuehrt")
    form = _with_item(form, 0, kind="beratung", presenter="Dr. Huber", planned_minutes=20, description="Vorlage 7")
    form = _with_item(
        form,
        2,
        m_notes="Aussprache: keine Einwände",
        m_votes_yes=3,
        m_votes_no=0,
        m_votes_abstain=0,
        m_result="beschlossen",
    )
    members = [a for a in d.attendance if a.role == "mitglied"]
    form = replace(
        form,
        replies=tuple(ReplyEdit(a.id, "zugesagt") for a in members),
        attendance=tuple(
            AttendanceEdit(a.id, "anwesend", arrival=time(10), departure=time(12, 30) if n == 0 else None)
            for n, a in enumerate(members)
        ),
    )
    before = len(_audits(store))
    result = save_meeting_form(store, form)
    assert (result.changed, result.sequence_raised) == (True, False)
    after = meetings.meeting_detail(store, mid)
    assert (after.title, after.notes, after.status) == ("Herbstsitzung", "Raum 2 gebucht", "durchgefuehrt")
    first, third = after.agenda[0], after.agenda[2]
    assert (first.kind, first.presenter, first.planned_minutes, first.description) == (
        "beratung",
        "Dr. Huber",
        20,
        "Vorlage 7",
    )
    assert (third.notes, third.votes_yes, third.result) == ("Aussprache: keine Einwände", 3, "beschlossen")
    assert {a.reply for a in after.attendance if a.role == "mitglied"} == {"zugesagt"}
    assert after.quorum.present_bodies == 3
    assert next(a for a in after.attendance if a.id == members[0].id).departure == time(12, 30)
    written = _audits(store)[before:]
    # one entry per changed part; the untouched items and deputies are not written
    assert written.count("agenda.update") == 1
    assert written.count("agenda.minutes") == 1
    assert written.count("attendance.reply") == 3
    assert written.count("attendance.status") == 3
    assert written.count("attendance.times") == 3
    assert {"meeting.update", "meeting.status"} <= set(written)


def test_votes_are_checked_against_the_attendance_saved_with_them(store: Store) -> None:
    mid = _held_meeting(store)
    d = meetings.meeting_detail(store, mid)
    members = [a for a in d.attendance if a.role == "mitglied"]
    form = _with_item(_form(store, mid), 2, m_votes_yes=3, m_result="beschlossen")
    before = _snapshot(store, mid)
    # nobody recorded present: three votes are too many, and the attendance edits are not kept either
    with_two = replace(form, attendance=tuple(AttendanceEdit(a.id, "anwesend") for a in members[:2]))
    with pytest.raises(ValidationError, match="nur 2 Stimmen sind vertreten"):
        save_meeting_form(store, with_two)
    assert _snapshot(store, mid) == before
    with_three = replace(form, attendance=tuple(AttendanceEdit(a.id, "anwesend") for a in members))
    save_meeting_form(store, with_three)
    assert meetings.meeting_detail(store, mid).agenda[2].votes_yes == 3


def test_stand_in_through_the_form_keeps_the_deputy_present(store: Store) -> None:
    mid = _held_meeting(store, bodies=2)
    d = meetings.meeting_detail(store, mid)
    member = next(a for a in d.attendance if a.role == "mitglied")
    deputy = next(a for a in d.attendance if a.role == "stellvertretung" and a.body_id == member.body_id)
    form = _form(store, mid)  # the deputy's row is in the form unchanged (status None)
    edits = tuple(
        AttendanceEdit(a.attendance_id, "vertreten", deputy.person_id) if a.attendance_id == member.id else a
        for a in form.attendance
    )
    save_meeting_form(store, replace(form, attendance=edits))
    rows = {a.id: a for a in meetings.meeting_detail(store, mid).attendance}
    assert (rows[member.id].status, rows[member.id].stood_in_by_id) == ("vertreten", deputy.person_id)
    assert rows[deputy.id].status == "anwesend"
    # back to "entschuldigt" clears the stand-in
    edits = tuple(AttendanceEdit(a.attendance_id, "entschuldigt") if a.attendance_id == member.id else a for a in edits)
    save_meeting_form(store, replace(form, attendance=edits))
    row = next(a for a in meetings.meeting_detail(store, mid).attendance if a.id == member.id)
    assert (row.status, row.stood_in_by_id) == ("entschuldigt", None)


# --- the dialog's rules, now in the service ---------------------------------------------------


def test_moved_and_cancelled_in_one_save_is_refused_with_nothing_written(store: Store) -> None:
    mid = new_meeting(store, AHEAD, location_name="Landratsamt Ebersberg")
    record_invitation(store, mid)
    d = meetings.meeting_detail(store, mid)
    before, audits = _snapshot(store, mid), _audits(store)
    moved = replace(_form(store, mid), details=_details(d, start=datetime(2027, 3, 11, 10), end=None, title="Neu"))
    with pytest.raises(ValidationError, match="entweder verlegt oder abgesagt"):
        save_meeting_form(store, replace(moved, status="abgesagt"))
    elsewhere = replace(_form(store, mid), details=_details(d, location_room="Saal 3"), status="abgesagt")
    with pytest.raises(ValidationError, match="entweder verlegt oder abgesagt"):
        save_meeting_form(store, elsewhere)
    assert (_snapshot(store, mid), _audits(store)) == (before, audits)


def test_check_without_saving(store: Store) -> None:
    mid = new_meeting(store, AHEAD)
    record_invitation(store, mid)
    d = meetings.meeting_detail(store, mid)
    before, audits = _snapshot(store, mid), _audits(store)
    assert meetings.check_meeting_form(store, _form(store, mid)) is False
    cancel = replace(_form(store, mid), status="abgesagt")
    assert meetings.check_meeting_form(store, cancel) is True
    with pytest.raises(ValidationError, match="entweder verlegt oder abgesagt"):
        meetings.check_meeting_form(store, replace(cancel, details=_details(d, location_room="Saal 3")))
    assert (_snapshot(store, mid), _audits(store)) == (before, audits)


def test_cancel_with_other_changes_raises_the_sequence_once(store: Store) -> None:
    mid = new_meeting(store, AHEAD)
    record_invitation(store, mid)
    d = meetings.meeting_detail(store, mid)
    form = replace(_form(store, mid), details=_details(d, notes="wegen Streik"), status="abgesagt")
    result = save_meeting_form(store, form)
    assert (result.cancelled, result.sequence_raised, result.sequence) == (True, True, 1)
    after = meetings.meeting_detail(store, mid)
    assert (after.status, after.sequence, after.notes) == ("abgesagt", 1, "wegen Streik")
    # the cancelled meeting keeps its status and sequence when only its notes change; a move is refused
    result = save_meeting_form(store, replace(_form(store, mid), details=_details(after, notes="Ersatz folgt")))
    assert (result.changed, result.sequence_raised, result.sequence) == (True, False, 1)
    moved = replace(_form(store, mid), details=_details(after, start=datetime(2027, 3, 17, 10), end=None))
    with pytest.raises(ValidationError, match="abgesagt; eine Verlegung ist nicht möglich"):
        save_meeting_form(store, moved)
    assert meetings.meeting_detail(store, mid).start == AHEAD


def test_bad_status_transition_is_refused_with_nothing_written(store: Store) -> None:
    mid = _held_meeting(store)
    d = meetings.meeting_detail(store, mid)
    before, audits = _snapshot(store, mid), _audits(store)
    form = _with_item(_form(store, mid), 0, title="Begrüßung und Eröffnung")
    form = replace(form, details=_details(d, title="Anders"), status="protokoll_genehmigt")
    with pytest.raises(ValidationError, match="von „geplant“ auf „Protokoll genehmigt“"):
        save_meeting_form(store, form)
    assert (_snapshot(store, mid), _audits(store)) == (before, audits)


def test_held_status_for_a_future_date_in_the_form_is_refused(store: Store) -> None:
    mid = _held_meeting(store)
    d = meetings.meeting_detail(store, mid)
    before = _snapshot(store, mid)
    # moved into the future and marked held in the same save: checked against the new date
    form = replace(_form(store, mid), details=_details(d, start=AHEAD, end=None), status="durchgefuehrt")
    with pytest.raises(ValidationError, match="liegt in der Zukunft"):
        save_meeting_form(store, form)
    assert _snapshot(store, mid) == before


def test_sequence_raised_once_for_time_place_and_status_together(store: Store) -> None:
    mid = new_meeting(store, AHEAD, location_name="Landratsamt Ebersberg")
    record_invitation(store, mid)
    d = meetings.meeting_detail(store, mid)
    details = _details(d, start=datetime(2027, 3, 12, 9), end=datetime(2027, 3, 12, 12), location_room="Saal 2")
    form = _with_item(replace(_form(store, mid), details=details, status="eingeladen"), 1, presenter="Geschäftsstelle")
    result = save_meeting_form(store, form)
    assert (result.sequence_raised, result.sequence, result.cancelled) == (True, 1, False)
    after = meetings.meeting_detail(store, mid)
    assert (after.sequence, after.status, after.location_room, after.agenda[1].presenter) == (
        1,
        "eingeladen",
        "Saal 2",
        "Geschäftsstelle",
    )
    # saving the same form again is no change: no further step
    again = save_meeting_form(store, _form(store, mid))
    assert (again.changed, again.sequence) == (False, 1)


def test_move_into_another_year_renumbers_through_the_form(store: Store) -> None:
    mid = new_meeting(store, AHEAD)
    new_meeting(store, datetime(2028, 2, 1, 10))
    d = meetings.meeting_detail(store, mid)
    save_meeting_form(store, replace(_form(store, mid), details=_details(d, start=datetime(2028, 5, 1, 10), end=None)))
    assert meetings.meeting_detail(store, mid).title == "2. Sitzung 2028"


def test_minutes_of_a_cancelled_meeting_refused_only_when_changed(store: Store) -> None:
    mid = new_meeting(store, AHEAD)
    meetings.cancel(store, mid)
    assert not save_meeting_form(store, _form(store, mid)).changed
    with pytest.raises(ValidationError, match="abgesagt; eine Niederschrift ist nicht möglich"):
        save_meeting_form(store, _with_item(_form(store, mid), 0, m_notes="Aussprache"))


# --- bad input --------------------------------------------------------------------------------


def test_the_committee_of_a_stored_meeting_stays(store: Store) -> None:
    mid = new_meeting(store, AHEAD)
    group = add_group(store)
    d = meetings.meeting_detail(store, mid)
    before = _snapshot(store, mid)
    with pytest.raises(ValidationError, match="Gremium einer bestehenden Sitzung"):
        save_meeting_form(store, replace(_form(store, mid), details=_details(d, committee_id=group, notes="x")))
    assert _snapshot(store, mid) == before


def test_items_and_rows_of_another_meeting_are_refused(store: Store) -> None:
    mid = _held_meeting(store)
    other = new_meeting(store, AHEAD)
    foreign = meetings.meeting_detail(store, other).agenda[0].id
    form = _form(store, mid)
    with pytest.raises(NotFoundError, match=f"Tagesordnungspunkt Nr. {foreign} gibt es in dieser Sitzung nicht"):
        save_meeting_form(store, replace(form, items=(AgendaItemEdit(foreign, minutes=MinutesInput(notes="x")),)))
    with pytest.raises(NotFoundError, match="Anwesenheitsliste"):
        save_meeting_form(store, replace(form, replies=(ReplyEdit(99999, "zugesagt"),)))
    with pytest.raises(NotFoundError, match=r"Die Sitzung Nr\. 99999"):
        save_meeting_form(store, replace(form, meeting_id=99999))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"replies": (ReplyEdit(1, "vielleicht"),)}, "Unbekannte Rückmeldung"),
        ({"attendance": (AttendanceEdit(1, "da"),)}, "Unbekannter Anwesenheitsstatus"),
        ({"attendance": (AttendanceEdit(1, "vertreten"),)}, "wer vertritt"),
        ({"attendance": (AttendanceEdit(1, "anwesend", arrival=time(11), departure=time(10)),)}, "vor dem Kommen"),
        ({"status": "verschoben"}, "Unbekannter Status"),
        ({"items": (AgendaItemEdit(1, minutes=MinutesInput(votes_yes=-1)),)}, "nicht negativ"),
        ({"items": (AgendaItemEdit(1, minutes=MinutesInput(unanimous=True, votes_no=2)),)}, "Einstimmig"),
    ],
)
def test_bad_input_is_refused_in_german(store: Store, change: dict[str, object], message: str) -> None:
    mid = _held_meeting(store, bodies=1)
    before = _snapshot(store, mid)
    with pytest.raises(ValidationError, match=message):
        save_meeting_form(store, replace(_form(store, mid), **change))  # type: ignore[arg-type]
    assert _snapshot(store, mid) == before


def test_bad_item_fields_are_refused(store: Store) -> None:
    mid = new_meeting(store, AHEAD)
    before = _snapshot(store, mid)
    with pytest.raises(ValidationError, match="braucht einen Titel"):
        save_meeting_form(store, _with_item(_form(store, mid), 0, title="  ", m_notes="ok"))
    with pytest.raises(ValidationError, match="zwischen 0 und 600"):
        save_meeting_form(store, _with_item(_form(store, mid), 1, planned_minutes=601))
    assert _snapshot(store, mid) == before


def test_the_form_composes_into_a_callers_transaction(store: Store) -> None:
    mid = new_meeting(store, AHEAD)
    d = meetings.meeting_detail(store, mid)
    form = replace(_form(store, mid), details=_details(d, title="Erst gespeichert"))

    def save_then_fail() -> None:
        with store.session() as s:
            save_meeting_form(s, form)
            agenda.add_item(s, mid, AgendaItemInput(title=""))  # refused: the whole transaction rolls back

    with pytest.raises(ValidationError, match="braucht einen Titel"):
        save_then_fail()
    assert meetings.meeting_detail(store, mid).title == "1. Sitzung 2027"


# --- what the editor reads --------------------------------------------------------------------


def test_editor_data_for_a_new_and_a_stored_meeting(store: Store) -> None:
    new = meetings.editor_data(store, None)
    assert (new.detail, new.previous, new.statuses) == (None, None, ("geplant",))
    assert new.defaults is not None
    assert new.defaults.committee_id == plenum_id(store)
    assert new.committees[0].kind == "plenum"
    first = new_meeting(store, datetime(2026, 7, 8, 10))
    mid = new_meeting(store, AHEAD)
    data = meetings.editor_data(store, mid)
    assert data.detail is not None
    assert data.detail.id == mid
    assert data.statuses == ("geplant", "eingeladen", "durchgefuehrt", "abgesagt")
    assert data.previous is not None
    assert data.previous.row.id == first
    assert data.defaults is None


def test_editor_data_queries_do_not_grow_with_rows(store: Store) -> None:
    seat_plenary(store, count=2)
    add_meeting(store, datetime(2026, 7, 8, 10))
    mid = new_meeting(store, AHEAD)
    attendance.build_attendance(store, mid)
    with count_queries(store.engine) as few:
        meetings.editor_data(store, mid)
    seat_plenary(store, count=24)
    attendance.build_attendance(store, mid)
    with count_queries(store.engine) as many:
        meetings.editor_data(store, mid)
    assert many.count == few.count


def test_editor_data_reads_in_one_session(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    mid = new_meeting(store, AHEAD)
    opened: list[int] = []
    real = Store.session

    def counting(self: Store) -> object:
        opened.append(1)
        return real(self)

    monkeypatch.setattr(Store, "session", counting)
    meetings.editor_data(store, mid)
    meetings.editor_data(store, None)
    assert len(opened) == 2

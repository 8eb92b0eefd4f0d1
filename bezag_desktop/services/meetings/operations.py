"""Meetings (Sitzungen): the writes. Create, edit, copy, status, reschedule, cancel, minute-taker.

Every function is an ``@operation``: pass a ``Store`` for a transaction of its own, or a
``Session`` to compose it into the caller's transaction (``form.save_meeting_form`` does).
Read models and queries are in ``queries``, who is invited in ``invitees``.

Every meeting keeps its calendar UID for life. Once an invitation has been recorded for it,
every change of time or place and a cancellation raise ``Meeting.sequence`` by exactly one per
user action (FORMATS.md "ICS invitations").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from bezag_desktop.db.models import Committee, Meeting, Person
from bezag_desktop.domain.attrs import attrs_of
from bezag_desktop.domain.codes import CommitteeKind, MeetingKind, MeetingStatus
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.domain.timeutil import fmt_date, fmt_datetime
from bezag_desktop.domain.timeutil import today as berlin_today
from bezag_desktop.domain.venue import Venue
from bezag_desktop.services.audit import audit
from bezag_desktop.services.meetings import agenda as agenda_service
from bezag_desktop.services.meetings.core import (
    NOT_HELD,
    VENUE_FIELDS,
    check_times,
    location_text,
    next_number,
    raise_sequence_if_invited,
    refuse_if_cancelled,
)
from bezag_desktop.services.records import assign, get_or_raise
from bezag_desktop.services.settings import rules_in
from bezag_desktop.services.store import operation

#: Status changes a user may make by hand. Cancelling goes through ``cancel`` (sequence rule).
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    MeetingStatus.GEPLANT.value: frozenset({"eingeladen", "durchgefuehrt", "abgesagt"}),
    MeetingStatus.EINGELADEN.value: frozenset({"durchgefuehrt", "abgesagt"}),
    MeetingStatus.DURCHGEFUEHRT.value: frozenset({"protokoll_entwurf"}),
    MeetingStatus.PROTOKOLL_ENTWURF.value: frozenset({"protokoll_genehmigt", "durchgefuehrt"}),
    MeetingStatus.PROTOKOLL_GENEHMIGT.value: frozenset({"protokoll_entwurf"}),
    MeetingStatus.ABGESAGT.value: frozenset(),
}


#: The fields of ``MeetingInput`` stored exactly as entered (time, place and title are checked or cleaned first).
_TAKEN_AS_IS = ("kind", "minute_taker_id", "rsvp_date", "notes")


@dataclass(frozen=True)
class MeetingInput(Venue):
    """What the user enters for a meeting (Allgemein tab). Status changes go through ``set_status``."""

    committee_id: int
    start: datetime
    end: datetime | None = None
    kind: str = MeetingKind.ORDENTLICH.value
    title: str = ""
    minute_taker_id: int | None = None
    rsvp_date: date | None = None
    notes: str = ""

    @property
    def place(self) -> tuple[str, str, str, str]:
        """Name, address, room and online link as stored (stripped): what "the place" is."""
        return (
            self.location_name.strip(),
            self.location_address.strip(),
            self.location_room.strip(),
            self.online_url.strip(),
        )


@dataclass(frozen=True)
class SaveResult:
    meeting_id: int
    sequence: int
    #: True when this action raised the calendar sequence (an invitation had been recorded).
    sequence_raised: bool = False
    #: The meeting was created by this action.
    created: bool = False
    #: The meeting was cancelled by this action.
    cancelled: bool = False
    #: Anything was written (False: the input equalled the database).
    changed: bool = True


# --- validation -------------------------------------------------------------------------------


def validate_input(session: Session, data: MeetingInput) -> Committee:
    """Check a meeting's details (German message, field name) before anything is written."""
    committee = get_or_raise(session, Committee, data.committee_id)
    if not isinstance(data.start, datetime):
        raise ValidationError("Bitte Datum und Uhrzeit des Beginns angeben.", field="start")
    check_times(data.start, data.end)
    if data.kind not in {k.value for k in MeetingKind}:
        raise ValidationError(f"Unbekannte Sitzungsart „{data.kind}“.", field="kind")
    if len(data.title.strip()) > 200:
        raise ValidationError("Der Titel darf höchstens 200 Zeichen lang sein.", field="title")
    url = data.online_url.strip()
    if url and not (url.startswith("https://") or url.startswith("http://")):
        raise ValidationError(
            f"„{url}“ ist kein gültiger Link; er muss mit https:// beginnen.",
            field="online_url",
        )
    for name, limit, label in (
        ("location_name", 200, "Ort"),
        ("location_address", 300, "Adresse"),
        ("location_room", 100, "Raum"),
    ):
        if len(str(getattr(data, name)).strip()) > limit:
            raise ValidationError(f"„{label}“ darf höchstens {limit} Zeichen lang sein.", field=name)
    if data.minute_taker_id is not None and session.get(Person, data.minute_taker_id) is None:
        raise NotFoundError("Die gewählte Schriftführung gibt es nicht (mehr).")
    return committee


def place_key(m: Meeting) -> tuple[str, str, str, str]:
    """The stored place in the order of ``MeetingInput.place``."""
    return (m.location_name or "", m.location_address or "", m.location_room or "", m.online_url or "")


def is_moved(meeting: Meeting, data: MeetingInput) -> bool:
    """Whether saving ``data`` changes the meeting's time or place (what an invitation announced)."""
    return (meeting.start, meeting.end) != (data.start, data.end) or place_key(meeting) != data.place


def refuse_move_and_cancel(meeting: Meeting, data: MeetingInput) -> None:
    """A meeting is either moved or cancelled in one action, never both (one sequence step each)."""
    if is_moved(meeting, data):
        raise ValidationError(
            "Eine Sitzung wird entweder verlegt oder abgesagt. Bitte Zeit und Ort unverändert lassen, "
            "wenn Sie absagen (oder zuerst die Verlegung speichern).",
            field="status",
        )


def check_same_committee(meeting: Meeting, data: MeetingInput) -> None:
    if data.committee_id != meeting.committee_id:
        raise ValidationError(
            "Das Gremium einer bestehenden Sitzung kann nicht geändert werden; "
            "legen Sie bitte eine neue Sitzung an (z. B. mit „Kopieren“).",
            field="committee_id",
        )


def _apply_number(session: Session, meeting: Meeting, new_year: int) -> None:
    """Keep "N. Sitzung YYYY" right when a meeting moves into another calendar year."""
    if new_year == meeting.year:
        return
    old_default = Meeting.default_title(meeting.number, meeting.year)
    meeting.number = next_number(session, meeting.committee_id, new_year, exclude_id=meeting.id)
    meeting.year = new_year
    if not meeting.title or meeting.title == old_default:
        meeting.title = Meeting.default_title(meeting.number, meeting.year)


def _wanted_title(meeting: Meeting, data: MeetingInput) -> str:
    """The title typed, or "" for automatic: the editor shows the automatic title ("2. Sitzung 2026")
    in the field; sent back unchanged it stays automatic, so a move into another year renumbers it."""
    title = data.title.strip()
    return "" if title == Meeting.default_title(meeting.number, meeting.year) else title


def details_differ(meeting: Meeting, data: MeetingInput) -> bool:
    """Whether ``data`` would change anything of the stored meeting (an unchanged form writes nothing)."""
    title = _wanted_title(meeting, data) or Meeting.default_title(meeting.number, meeting.year)
    return (
        is_moved(meeting, data)
        or data.committee_id != meeting.committee_id
        or data.kind != meeting.kind
        or title != meeting.display_title
        or data.travel_notes.strip() != (meeting.travel_notes or "")
        or data.minute_taker_id != meeting.minute_taker_id
        or data.rsvp_date != meeting.rsvp_date
        or data.notes != (meeting.notes or "")
    )


# --- create, edit, copy -----------------------------------------------------------------------


def _add_meeting(s: Session, committee_id: int, start: datetime, title: str, **details: Any) -> Meeting:
    """A new meeting as every new one begins: the next number of its committee and year, planned,
    calendar sequence 0, and the numbered title unless it has its own."""
    number = next_number(s, committee_id, start.year)
    meeting = Meeting(
        committee_id=committee_id,
        year=start.year,
        number=number,
        status=MeetingStatus.GEPLANT.value,
        title=title.strip() or Meeting.default_title(number, start.year),
        start=start,
        sequence=0,
        **details,
    )
    s.add(meeting)
    s.flush()
    return meeting


@operation
def create_meeting(s: Session, data: MeetingInput, *, standard_agenda: bool | None = None) -> int:
    """Create a meeting; number = max + 1 in its committee and year. Plenary meetings start
    from the standard agenda of the Geschäftsordnung (``standard_agenda=None``: plenary only)."""
    committee = validate_input(s, data)
    name, address, room, url = data.place
    meeting = _add_meeting(
        s,
        committee.id,
        data.start,
        data.title,
        end=data.end,
        location_name=name,
        location_address=address,
        location_room=room,
        online_url=url,
        travel_notes=data.travel_notes.strip(),
        **attrs_of(data, *_TAKEN_AS_IS),
    )
    use_template = committee.kind == CommitteeKind.PLENUM.value if standard_agenda is None else standard_agenda
    if use_template:
        agenda_service.apply_standard_agenda(s, meeting.id, rules_in(s))
    audit(s, "meeting.create", "meeting", meeting.id, f"{meeting.title} ({committee.name}) angelegt")
    return meeting.id


@operation
def update_meeting(s: Session, meeting_id: int, data: MeetingInput) -> SaveResult:
    """Save the Allgemein tab. A change of time or place raises the sequence once (after an invitation)."""
    meeting = get_or_raise(s, Meeting, meeting_id)
    validate_input(s, data)
    check_same_committee(meeting, data)
    new_place = data.place
    time_changed = (meeting.start, meeting.end) != (data.start, data.end)
    place_changed = place_key(meeting) != new_place
    if (time_changed or place_changed) and meeting.status == MeetingStatus.ABGESAGT.value:
        refuse_if_cancelled(meeting, "eine Verlegung")
    title = _wanted_title(meeting, data)
    _apply_number(s, meeting, data.start.year)
    meeting.start, meeting.end = data.start, data.end
    meeting.location_name, meeting.location_address, meeting.location_room, meeting.online_url = new_place
    meeting.title = title or Meeting.default_title(meeting.number, meeting.year)
    meeting.travel_notes = data.travel_notes.strip()
    assign(meeting, data, *_TAKEN_AS_IS)
    raised = (time_changed or place_changed) and raise_sequence_if_invited(s, meeting)
    what = []
    if time_changed:
        what.append(f"Zeit {fmt_datetime(data.start)}")
    if place_changed:
        what.append(f"Ort {location_text(new_place[0], new_place[2], new_place[1]) or new_place[3]}")
    summary = f"{meeting.title} geändert" + (f" ({', '.join(what)})" if what else "")
    if raised:
        summary += f"; Sequenz {meeting.sequence}"
    audit(s, "meeting.update", "meeting", meeting.id, summary)
    return SaveResult(meeting.id, meeting.sequence, raised)


@operation
def reschedule(
    s: Session,
    meeting_id: int,
    start: datetime,
    end: datetime | None = None,
    location: str | None = None,
) -> SaveResult:
    """Move a meeting. Without ``end`` the duration is kept. ``location`` is the new place as one
    text; it replaces name, room and address of the old place (the online link stays)."""
    meeting = get_or_raise(s, Meeting, meeting_id)
    refuse_if_cancelled(meeting, "eine Verlegung")
    if end is None and meeting.end is not None:
        end = start + (meeting.end - meeting.start)
    check_times(start, end)
    old_place = place_key(meeting)
    if location is not None:
        new_location = location.strip()
        if len(new_location) > 200:
            raise ValidationError("Der Ort darf höchstens 200 Zeichen lang sein.", field="location")
        new_place = (new_location, "", "", meeting.online_url or "")
    else:
        new_place = old_place
    if (meeting.start, meeting.end, old_place) == (start, end, new_place):
        return SaveResult(meeting.id, meeting.sequence, False, changed=False)
    _apply_number(s, meeting, start.year)
    meeting.start, meeting.end = start, end
    meeting.location_name, meeting.location_address, meeting.location_room, meeting.online_url = new_place
    raised = raise_sequence_if_invited(s, meeting)
    audit(
        s,
        "meeting.reschedule",
        "meeting",
        meeting.id,
        f"{meeting.title} verlegt auf {fmt_datetime(start)}"
        + (f", Ort {new_place[0]}" if location is not None else "")
        + (f"; Sequenz {meeting.sequence}" if raised else ""),
    )
    return SaveResult(meeting.id, meeting.sequence, raised)


@operation
def cancel(s: Session, meeting_id: int) -> SaveResult:
    """Cancel a meeting that has not taken place; raises the sequence once after an invitation."""
    meeting = get_or_raise(s, Meeting, meeting_id)
    check_cancel(meeting)
    meeting.status = MeetingStatus.ABGESAGT.value
    raised = raise_sequence_if_invited(s, meeting)
    audit(
        s,
        "meeting.cancel",
        "meeting",
        meeting.id,
        f"{meeting.title} abgesagt" + (f"; Sequenz {meeting.sequence}" if raised else ""),
    )
    return SaveResult(meeting.id, meeting.sequence, raised, cancelled=True)


def check_cancel(meeting: Meeting) -> None:
    """Refuse to cancel a meeting that is cancelled already or has taken place."""
    if meeting.status == MeetingStatus.ABGESAGT.value:
        raise ValidationError(f"Die Sitzung {meeting.label} ist bereits abgesagt.")
    if meeting.status not in NOT_HELD:
        raise ValidationError(
            f"Die Sitzung {meeting.label} hat bereits stattgefunden "
            f"(Status „{MeetingStatus(meeting.status).label}“) und kann nicht mehr abgesagt werden."
        )


def check_status_code(status: str) -> None:
    if status not in {m.value for m in MeetingStatus}:
        raise ValidationError(f"Unbekannter Status „{status}“.", field="status")


@operation
def set_status(s: Session, meeting_id: int, status: str, *, today: date | None = None) -> SaveResult:
    """Change the status along geplant → eingeladen → durchgeführt → Protokoll im Entwurf → genehmigt."""
    check_status_code(status)
    if status == MeetingStatus.ABGESAGT.value:
        return cancel(s, meeting_id)
    today = today or berlin_today()
    meeting = get_or_raise(s, Meeting, meeting_id)
    old = meeting.status
    if old == status:
        return SaveResult(meeting.id, meeting.sequence, False, changed=False)
    check_status_change(old, status, meeting.start, today, label=meeting.label)
    if status == MeetingStatus.PROTOKOLL_GENEHMIGT.value and meeting.minutes_approved_on is None:
        meeting.minutes_approved_on = today
    if old == MeetingStatus.PROTOKOLL_GENEHMIGT.value:
        meeting.minutes_approved_in_id = None
        meeting.minutes_approved_on = None
    meeting.status = status
    audit(
        s,
        "meeting.status",
        "meeting",
        meeting.id,
        f"{meeting.title}: Status {MeetingStatus(old).label} → {MeetingStatus(status).label}",
    )
    return SaveResult(meeting.id, meeting.sequence, False)


def check_status_change(old: str, new: str, start: datetime, today: date, *, label: str = "") -> None:
    """Refuse a status change the workflow does not allow (German message), before anything is written."""
    if old == new:
        return
    if new not in ALLOWED_TRANSITIONS.get(old, frozenset()):
        raise ValidationError(
            f"Der Status kann nicht von „{MeetingStatus(old).label}“ auf „{MeetingStatus(new).label}“ geändert werden.",
            field="status",
        )
    if new == MeetingStatus.DURCHGEFUEHRT.value and start.date() > today:
        what = f"Die Sitzung {label}" if label else f"Die Sitzung am {fmt_date(start)}"
        raise ValidationError(
            f"{what} liegt in der Zukunft und kann noch nicht als durchgeführt gelten.",
            field="status",
        )


def allowed_statuses(status: str) -> list[str]:
    """The current status and those a user may change it to (for the status combo box)."""
    return [status, *[m.value for m in MeetingStatus if m.value in ALLOWED_TRANSITIONS.get(status, frozenset())]]


@operation
def set_minute_taker(s: Session, meeting_id: int, person_id: int | None) -> None:
    meeting = get_or_raise(s, Meeting, meeting_id)
    name = ""
    if person_id is not None:
        person = s.get(Person, person_id)
        if person is None:
            raise NotFoundError("Die gewählte Schriftführung gibt es nicht (mehr).")
        name = person.display_name
    meeting.minute_taker_id = person_id
    audit(s, "meeting.minute_taker", "meeting", meeting.id, f"Schriftführung: {name or '–'}")


@operation
def copy_meeting(s: Session, meeting_id: int, start: datetime, end: datetime | None = None) -> int:
    """A new meeting on a new date: same committee, kind and place; agenda without minutes content."""
    src = get_or_raise(s, Meeting, meeting_id)
    if end is None and src.end is not None:
        end = start + (src.end - src.start)
    check_times(start, end)
    copy = _add_meeting(
        s,
        src.committee_id,
        start,
        "",
        end=end,
        **attrs_of(src, "kind", *VENUE_FIELDS, "minute_taker_id"),
    )
    agenda_service.copy_items(s, src.id, copy.id)
    audit(s, "meeting.copy", "meeting", copy.id, f"{copy.title} als Kopie von {src.title} angelegt")
    return copy.id

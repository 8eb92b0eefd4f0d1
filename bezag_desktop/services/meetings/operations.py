"""Meetings (Sitzungen): create, edit, copy, list, year view, status, reschedule, cancel, detail, invited.

Every meeting keeps its calendar UID for life. Once an invitation has been recorded for it,
every change of time or place and a cancellation raise ``Meeting.sequence`` by exactly one per
user action (FORMATS.md "ICS invitations").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from bezag_desktop.db.models import (
    AgendaAttachment,
    AgendaItem,
    Attendance,
    Body,
    ChairTerm,
    Committee,
    Invitation,
    Meeting,
    Membership,
    Partner,
    Person,
)
from bezag_desktop.domain.codes import (
    AgendaKind,
    AttendanceStatus,
    CommitteeKind,
    InviteRole,
    MeetingKind,
    MeetingStatus,
    MembershipRole,
    Reply,
)
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.domain.rules import Quorum
from bezag_desktop.domain.text import fold
from bezag_desktop.domain.timeutil import fmt_date, fmt_datetime, iso_local
from bezag_desktop.domain.timeutil import today as berlin_today
from bezag_desktop.services.audit import audit
from bezag_desktop.services.meetings import agenda as agenda_service
from bezag_desktop.services.meetings.core import (
    NOT_HELD,
    check_times,
    default_title,
    get_committee,
    get_meeting,
    has_invitation,
    mandate_valid_on,
    meeting_label,
    next_number,
    quorum_in,
    raise_sequence_if_invited,
    refuse_if_cancelled,
)
from bezag_desktop.services.settings import rules_in
from bezag_desktop.services.store import Store

MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)

#: Status changes a user may make by hand. Cancelling goes through ``cancel`` (sequence rule).
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    MeetingStatus.GEPLANT.value: frozenset({"eingeladen", "durchgefuehrt", "abgesagt"}),
    MeetingStatus.EINGELADEN.value: frozenset({"durchgefuehrt", "abgesagt"}),
    MeetingStatus.DURCHGEFUEHRT.value: frozenset({"protokoll_entwurf"}),
    MeetingStatus.PROTOKOLL_ENTWURF.value: frozenset({"protokoll_genehmigt", "durchgefuehrt"}),
    MeetingStatus.PROTOKOLL_GENEHMIGT.value: frozenset({"protokoll_entwurf"}),
    MeetingStatus.ABGESAGT.value: frozenset(),
}

_ICAL_RANK = {"CHAIR": 0, "REQ-PARTICIPANT": 1, "OPT-PARTICIPANT": 2}


# --- plain data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingInput:
    """What the user enters for a meeting (Allgemein tab). Status changes go through ``set_status``."""

    committee_id: int
    start: datetime
    end: datetime | None = None
    kind: str = MeetingKind.ORDENTLICH.value
    title: str = ""
    location_name: str = ""
    location_address: str = ""
    location_room: str = ""
    online_url: str = ""
    travel_notes: str = ""
    minute_taker_id: int | None = None
    rsvp_date: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class SaveResult:
    meeting_id: int
    sequence: int
    #: True when this action raised the calendar sequence (an invitation had been recorded).
    sequence_raised: bool = False


def location_text(name: str, room: str, address: str) -> str:
    """``Landratsamt Ebersberg, Sitzungssaal 1, Eichthalstraße 5, 85560 Ebersberg``."""
    return ", ".join(p.strip() for p in (name, room, address) if p and p.strip())


@dataclass(frozen=True)
class MeetingRow:
    id: int
    committee_id: int
    committee: str
    committee_kind: str
    number: int
    year: int
    title: str
    kind: str
    status: str
    start: datetime
    end: datetime | None
    location: str
    online_url: str
    sequence: int
    uid: str
    #: An invitation (or update) has been recorded.
    invited: bool

    @property
    def status_label(self) -> str:
        return MeetingStatus(self.status).label

    @property
    def kind_label(self) -> str:
        return MeetingKind(self.kind).label

    def to_json(self) -> dict[str, Any]:
        """The list object of FORMATS.md ("bezag meetings --json")."""
        return {
            "id": self.id,
            "committee": self.committee,
            "committee_kind": self.committee_kind,
            "title": self.title,
            "start": iso_local(self.start),
            "end": iso_local(self.end),
            "status": self.status,
        }


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    agenda_item_id: int
    path: str
    label: str


@dataclass(frozen=True)
class AgendaRow:
    id: int
    parent_id: int | None
    position: int
    number: str
    title: str
    kind: str
    presenter: str
    presenter_id: int | None
    planned_minutes: int | None
    public: bool
    description: str
    notes: str
    resolution_text: str
    votes_yes: int | None
    votes_no: int | None
    votes_abstain: int | None
    unanimous: bool
    result: str | None
    attachments: tuple[AttachmentRow, ...] = ()

    @property
    def kind_label(self) -> str:
        return AgendaKind(self.kind).label

    @property
    def depth(self) -> int:
        return 0 if self.parent_id is None else 1

    @property
    def vote_text(self) -> str:
        """``einstimmig``, ``12 ja, 3 nein, 1 Enthaltung`` or empty."""
        counted = [v for v in (self.votes_yes, self.votes_no, self.votes_abstain) if v is not None]
        if self.unanimous and not any(counted[1:] if len(counted) > 1 else []):
            base = "einstimmig"
            if self.votes_abstain:
                base += f" bei {self.votes_abstain} Enthaltung{'en' if self.votes_abstain != 1 else ''}"
            return base
        if not counted:
            return ""
        ab = self.votes_abstain or 0
        return f"{self.votes_yes or 0} ja, {self.votes_no or 0} nein, {ab} Enthaltung{'en' if ab != 1 else ''}"

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "kind": self.kind,
            "presenter": self.presenter,
            "resolution": self.resolution_text or None,
            "votes": {"yes": self.votes_yes or 0, "no": self.votes_no or 0, "abstain": self.votes_abstain or 0},
            # "einstimmig" is kept apart, so "votes" holds exactly the three counts of FORMATS.md.
            "unanimous": self.unanimous,
            "result": self.result,
        }


@dataclass(frozen=True)
class AttendanceRow:
    id: int
    person_id: int
    person: str
    email: str
    body_id: int | None
    body: str
    partner: str
    role: str
    reply: str
    status: str | None
    stood_in_by_id: int | None
    stood_in_by: str
    #: For a deputy standing in: whom they represent.
    stands_in_for: str
    arrival: Any
    departure: Any
    notes: str

    @property
    def organisation(self) -> str:
        return self.body or self.partner

    @property
    def role_label(self) -> str:
        return InviteRole(self.role).label

    @property
    def reply_label(self) -> str:
        return Reply(self.reply).label

    @property
    def status_label(self) -> str:
        if self.status is None:
            return ""
        label = AttendanceStatus(self.status).label
        if self.status == AttendanceStatus.VERTRETEN.value and self.stood_in_by:
            return f"vertreten durch {self.stood_in_by}"
        return label

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "body": self.body or self.partner or None,
            "role": self.role,
            "status": self.status,
            "stood_in_by": self.stood_in_by or None,
        }


@dataclass(frozen=True)
class MeetingDetail:
    id: int
    committee_id: int
    committee: str
    committee_kind: str
    number: int
    year: int
    title: str
    kind: str
    status: str
    start: datetime
    end: datetime | None
    location_name: str
    location_address: str
    location_room: str
    online_url: str
    travel_notes: str
    minute_taker_id: int | None
    minute_taker: str
    rsvp_date: date | None
    notes: str
    uid: str
    sequence: int
    invitation_count: int
    minutes_approved_in_id: int | None
    minutes_approved_on: date | None
    agenda: tuple[AgendaRow, ...]
    attendance: tuple[AttendanceRow, ...]
    quorum: Quorum
    voting_bodies: int
    votes_per_body: int
    #: Bodies whose member or deputy said yes (zugesagt) before the meeting.
    expected_bodies: int
    replies: dict[str, int] = field(default_factory=dict)

    @property
    def location(self) -> str:
        return location_text(self.location_name, self.location_room, self.location_address)

    @property
    def invited(self) -> bool:
        return self.invitation_count > 0

    @property
    def voters(self) -> int:
        return self.quorum.present_bodies * self.votes_per_body

    @property
    def quorum_label(self) -> str:
        verdict = "ja" if self.quorum.reached else "nein"
        return (
            f"Beschlussfähig: {verdict} ({self.quorum.present_bodies} von {self.voting_bodies} "
            f"Körperschaften vertreten, erforderlich {self.quorum.required})"
        )

    @property
    def status_label(self) -> str:
        return MeetingStatus(self.status).label

    def item(self, item_id: int) -> AgendaRow | None:
        return next((a for a in self.agenda if a.id == item_id), None)

    def to_json(self) -> dict[str, Any]:
        """The ``show`` object of FORMATS.md."""
        return {
            "id": self.id,
            "committee": self.committee,
            "committee_kind": self.committee_kind,
            "title": self.title,
            "start": iso_local(self.start),
            "end": iso_local(self.end),
            "status": self.status,
            "kind": self.kind,
            "location": self.location,
            "online_url": self.online_url or None,
            "sequence": self.sequence,
            "uid": self.uid,
            "quorum": self.quorum.to_json(),
            "agenda": [a.to_json() for a in self.agenda],
            "attendance": [a.to_json() for a in self.attendance],
        }


@dataclass(frozen=True)
class Invitee:
    """One entry of a meeting's invitation list (DOMAIN.md "Invited")."""

    person_id: int
    name: str
    email: str
    #: InviteRole code: mitglied, stellvertretung, vorsitz, gast.
    role: str
    #: iCalendar ROLE: CHAIR, REQ-PARTICIPANT or OPT-PARTICIPANT.
    ical_role: str
    body: str = ""
    partner: str = ""
    #: The body this person represents in the meeting (None for chairs without mandate, guests, partners).
    body_id: int | None = None
    partner_id: int | None = None
    #: A deputy recorded as standing in for the member of their body.
    stands_in: bool = False

    @property
    def role_label(self) -> str:
        return InviteRole(self.role).label


@dataclass(frozen=True)
class InvitationList:
    """Everyone invited: one entry per e-mail address, and those without an address apart."""

    invitees: tuple[Invitee, ...]
    without_email: tuple[Invitee, ...]


@dataclass(frozen=True)
class MeetingWarning:
    #: "warnung" or "hinweis".
    level: str
    text: str
    meeting_id: int | None = None
    year: int | None = None
    committee_id: int | None = None


@dataclass(frozen=True)
class MonthGroup:
    month: int
    name: str
    meetings: tuple[MeetingRow, ...]


@dataclass(frozen=True)
class Choice:
    id: int
    name: str
    kind: str = ""
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.name} ({self.detail})" if self.detail else self.name


# --- validation -------------------------------------------------------------------------------


def _validate(session: Session, data: MeetingInput) -> Committee:
    committee = get_committee(session, data.committee_id)
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


def _place_key(m: Meeting) -> tuple[str, str, str, str]:
    return (m.location_name or "", m.location_address or "", m.location_room or "", m.online_url or "")


def _apply_number(session: Session, meeting: Meeting, new_year: int) -> None:
    """Keep "N. Sitzung YYYY" right when a meeting moves into another calendar year."""
    if new_year == meeting.year:
        return
    old_default = default_title(meeting.number, meeting.year)
    meeting.number = next_number(session, meeting.committee_id, new_year, exclude_id=meeting.id)
    meeting.year = new_year
    if not meeting.title or meeting.title == old_default:
        meeting.title = default_title(meeting.number, meeting.year)


# --- create, edit, copy -----------------------------------------------------------------------


def create_meeting(store: Store, data: MeetingInput, *, standard_agenda: bool | None = None) -> int:
    """Create a meeting; number = max + 1 in its committee and year. Plenary meetings start
    from the standard agenda of the Geschäftsordnung (``standard_agenda=None``: plenary only)."""
    with store.session() as s:
        committee = _validate(s, data)
        year = data.start.year
        number = next_number(s, committee.id, year)
        meeting = Meeting(
            committee_id=committee.id,
            year=year,
            number=number,
            kind=data.kind,
            status=MeetingStatus.GEPLANT.value,
            title=data.title.strip() or default_title(number, year),
            start=data.start,
            end=data.end,
            location_name=data.location_name.strip(),
            location_address=data.location_address.strip(),
            location_room=data.location_room.strip(),
            online_url=data.online_url.strip(),
            travel_notes=data.travel_notes.strip(),
            minute_taker_id=data.minute_taker_id,
            rsvp_date=data.rsvp_date,
            notes=data.notes,
            sequence=0,
        )
        s.add(meeting)
        s.flush()
        use_template = committee.kind == CommitteeKind.PLENUM.value if standard_agenda is None else standard_agenda
        if use_template:
            agenda_service.apply_standard_agenda(s, meeting.id, rules_in(s))
        audit(s, "meeting.create", "meeting", meeting.id, f"{meeting.title} ({committee.name}) angelegt")
        return meeting.id


def update_meeting(store: Store, meeting_id: int, data: MeetingInput) -> SaveResult:
    """Save the Allgemein tab. A change of time or place raises the sequence once (after an invitation)."""
    with store.session() as s:
        meeting = get_meeting(s, meeting_id)
        _validate(s, data)
        if data.committee_id != meeting.committee_id:
            raise ValidationError(
                "Das Gremium einer bestehenden Sitzung kann nicht geändert werden; "
                "legen Sie bitte eine neue Sitzung an (z. B. mit „Kopieren“).",
                field="committee_id",
            )
        old_place = _place_key(meeting)
        new_place = (
            data.location_name.strip(),
            data.location_address.strip(),
            data.location_room.strip(),
            data.online_url.strip(),
        )
        time_changed = (meeting.start, meeting.end) != (data.start, data.end)
        place_changed = old_place != new_place
        if (time_changed or place_changed) and meeting.status == MeetingStatus.ABGESAGT.value:
            refuse_if_cancelled(meeting, "eine Verlegung")
        # The editor shows the automatic title ("2. Sitzung 2026") in the field; sent back unchanged
        # it stays automatic, so a move into another year renumbers it.
        title = data.title.strip()
        if title == default_title(meeting.number, meeting.year):
            title = ""
        _apply_number(s, meeting, data.start.year)
        meeting.start, meeting.end = data.start, data.end
        meeting.location_name, meeting.location_address, meeting.location_room, meeting.online_url = new_place
        meeting.kind = data.kind
        meeting.title = title or default_title(meeting.number, meeting.year)
        meeting.travel_notes = data.travel_notes.strip()
        meeting.minute_taker_id = data.minute_taker_id
        meeting.rsvp_date = data.rsvp_date
        meeting.notes = data.notes
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


def reschedule(
    store: Store,
    meeting_id: int,
    start: datetime,
    end: datetime | None = None,
    location: str | None = None,
) -> SaveResult:
    """Move a meeting. Without ``end`` the duration is kept. ``location`` is the new place as one
    text; it replaces name, room and address of the old place (the online link stays)."""
    with store.session() as s:
        meeting = get_meeting(s, meeting_id)
        refuse_if_cancelled(meeting, "eine Verlegung")
        if end is None and meeting.end is not None:
            end = start + (meeting.end - meeting.start)
        check_times(start, end)
        old_place = _place_key(meeting)
        if location is not None:
            new_location = location.strip()
            if len(new_location) > 200:
                raise ValidationError("Der Ort darf höchstens 200 Zeichen lang sein.", field="location")
            new_place = (new_location, "", "", meeting.online_url or "")
        else:
            new_place = old_place
        if (meeting.start, meeting.end, old_place) == (start, end, new_place):
            return SaveResult(meeting.id, meeting.sequence, False)
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


def cancel(store: Store, meeting_id: int) -> SaveResult:
    """Cancel a meeting that has not taken place; raises the sequence once after an invitation."""
    with store.session() as s:
        meeting = get_meeting(s, meeting_id)
        _check_cancel(meeting)
        meeting.status = MeetingStatus.ABGESAGT.value
        raised = raise_sequence_if_invited(s, meeting)
        audit(
            s,
            "meeting.cancel",
            "meeting",
            meeting.id,
            f"{meeting.title} abgesagt" + (f"; Sequenz {meeting.sequence}" if raised else ""),
        )
        return SaveResult(meeting.id, meeting.sequence, raised)


def _check_cancel(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.ABGESAGT.value:
        raise ValidationError(f"Die Sitzung {meeting_label(meeting)} ist bereits abgesagt.")
    if meeting.status not in NOT_HELD:
        raise ValidationError(
            f"Die Sitzung {meeting_label(meeting)} hat bereits stattgefunden "
            f"(Status „{MeetingStatus(meeting.status).label}“) und kann nicht mehr abgesagt werden."
        )


def set_status(store: Store, meeting_id: int, status: str, *, today: date | None = None) -> SaveResult:
    """Change the status along geplant → eingeladen → durchgeführt → Protokoll im Entwurf → genehmigt."""
    if status not in {m.value for m in MeetingStatus}:
        raise ValidationError(f"Unbekannter Status „{status}“.", field="status")
    if status == MeetingStatus.ABGESAGT.value:
        return cancel(store, meeting_id)
    today = today or berlin_today()
    with store.session() as s:
        meeting = get_meeting(s, meeting_id)
        old = meeting.status
        if old == status:
            return SaveResult(meeting.id, meeting.sequence, False)
        check_status_change(old, status, meeting.start, today, label=meeting_label(meeting))
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


def set_minute_taker(store: Store, meeting_id: int, person_id: int | None) -> None:
    with store.session() as s:
        meeting = get_meeting(s, meeting_id)
        name = ""
        if person_id is not None:
            person = s.get(Person, person_id)
            if person is None:
                raise NotFoundError("Die gewählte Schriftführung gibt es nicht (mehr).")
            name = person.display_name
        meeting.minute_taker_id = person_id
        audit(s, "meeting.minute_taker", "meeting", meeting.id, f"Schriftführung: {name or '–'}")


def copy_meeting(store: Store, meeting_id: int, start: datetime, end: datetime | None = None) -> int:
    """A new meeting on a new date: same committee, kind and place; agenda without minutes content."""
    with store.session() as s:
        src = get_meeting(s, meeting_id)
        if end is None and src.end is not None:
            end = start + (src.end - src.start)
        check_times(start, end)
        number = next_number(s, src.committee_id, start.year)
        copy = Meeting(
            committee_id=src.committee_id,
            year=start.year,
            number=number,
            kind=src.kind,
            status=MeetingStatus.GEPLANT.value,
            title=default_title(number, start.year),
            start=start,
            end=end,
            location_name=src.location_name,
            location_address=src.location_address,
            location_room=src.location_room,
            online_url=src.online_url,
            travel_notes=src.travel_notes,
            minute_taker_id=src.minute_taker_id,
            sequence=0,
        )
        s.add(copy)
        s.flush()
        agenda_service.copy_items_in(s, src.id, copy.id)
        audit(s, "meeting.copy", "meeting", copy.id, f"{copy.title} als Kopie von {src.title} angelegt")
        return copy.id


# --- lists ------------------------------------------------------------------------------------


def _invited_subquery() -> Any:
    return select(func.count(Invitation.id)).where(Invitation.meeting_id == Meeting.id).correlate(Meeting)


def _row(m: Meeting, c: Committee, invitations: int) -> MeetingRow:
    return MeetingRow(
        id=m.id,
        committee_id=c.id,
        committee=c.name,
        committee_kind=c.kind,
        number=m.number,
        year=m.year,
        title=m.title or default_title(m.number, m.year),
        kind=m.kind,
        status=m.status,
        start=m.start,
        end=m.end,
        location=location_text(m.location_name, m.location_room, m.location_address),
        online_url=m.online_url,
        sequence=m.sequence,
        uid=m.uid,
        invited=invitations > 0,
    )


def find_committee(session: Session, committee: int | str) -> Committee:
    """A committee by id, name or short name (case- and umlaut-insensitive)."""
    if isinstance(committee, int):
        return get_committee(session, committee)
    wanted = fold(committee.strip())
    for c in session.scalars(select(Committee)):
        if wanted in (fold(c.name), fold(c.short_name or "")) or (wanted.isdigit() and int(wanted) == c.id):
            return c
    raise NotFoundError(f"Ein Gremium „{committee}“ gibt es nicht.")


def list_meetings(
    store: Store,
    committee: int | str | None = None,
    year: int | None = None,
    status: str | None = None,
) -> list[MeetingRow]:
    """Meetings ordered by start, filtered by committee (id or name), year and status: one query."""
    if status is not None and status not in {m.value for m in MeetingStatus}:
        raise ValidationError(f"Unbekannter Status „{status}“.", field="status")
    with store.session() as s:
        stmt = (
            select(Meeting, Committee, _invited_subquery().scalar_subquery())
            .join(Committee, Meeting.committee_id == Committee.id)
            .order_by(Meeting.start, Meeting.id)
        )
        if committee is not None:
            committee_id = committee if isinstance(committee, int) else find_committee(s, committee).id
            stmt = stmt.where(Meeting.committee_id == committee_id)
        if year is not None:
            stmt = stmt.where(Meeting.year == year)
        if status is not None:
            stmt = stmt.where(Meeting.status == status)
        return [_row(m, c, n or 0) for m, c, n in s.execute(stmt).all()]


def meeting_years(store: Store) -> list[int]:
    """The calendar years that have meetings, ascending (for the year filter): one query."""
    with store.session() as s:
        return list(s.scalars(select(Meeting.year).distinct().order_by(Meeting.year)))


def year_view(store: Store, year: int, committee: int | str | None = None) -> list[MonthGroup]:
    """Twelve months of a year, each with its meetings."""
    rows = list_meetings(store, committee=committee, year=year)
    by_month: dict[int, list[MeetingRow]] = defaultdict(list)
    for r in rows:
        by_month[r.start.month].append(r)
    return [MonthGroup(m, MONTHS[m - 1], tuple(by_month.get(m, []))) for m in range(1, 13)]


def next_meeting(
    store: Store, committee_id: int, today: date | None = None, *, after_id: int | None = None
) -> MeetingRow | None:
    """The next meeting of a committee that has not taken place (from today, or after a meeting)."""
    today = today or berlin_today()
    with store.session() as s:
        stmt = (
            select(Meeting, Committee, _invited_subquery().scalar_subquery())
            .join(Committee, Meeting.committee_id == Committee.id)
            .where(Meeting.committee_id == committee_id, Meeting.status.in_(NOT_HELD))
            .order_by(Meeting.start, Meeting.id)
        )
        if after_id is not None:
            ref = get_meeting(s, after_id)
            stmt = stmt.where(Meeting.start > ref.start)
        else:
            stmt = stmt.where(Meeting.start >= datetime.combine(today, datetime.min.time()))
        first = s.execute(stmt.limit(1)).first()
        return _row(first[0], first[1], first[2] or 0) if first else None


def previous_meeting_in(session: Session, meeting: Meeting) -> Meeting | None:
    """The committee's last meeting before this one that was not cancelled."""
    return session.scalars(
        select(Meeting)
        .where(
            Meeting.committee_id == meeting.committee_id,
            Meeting.start < meeting.start,
            Meeting.status != MeetingStatus.ABGESAGT.value,
        )
        .order_by(Meeting.start.desc(), Meeting.id.desc())
        .limit(1)
    ).first()


def previous_meeting(store: Store, meeting_id: int) -> MeetingRow | None:
    with store.session() as s:
        meeting = get_meeting(s, meeting_id)
        prev = previous_meeting_in(s, meeting)
        if prev is None:
            return None
        committee = get_committee(s, prev.committee_id)
        return _row(prev, committee, 1 if has_invitation(s, prev.id) else 0)


def meeting_warnings(store: Store, today: date | None = None) -> list[MeetingWarning]:
    """Too few plenary meetings in a year, meetings inside the notice period not invited,
    overlapping meetings of one committee. Two queries whatever the number of meetings."""
    today = today or berlin_today()
    with store.session() as s:
        rules = rules_in(s)
        rows = [
            _row(m, c, n or 0)
            for m, c, n in s.execute(
                select(Meeting, Committee, _invited_subquery().scalar_subquery())
                .join(Committee, Meeting.committee_id == Committee.id)
                .where(Meeting.status != MeetingStatus.ABGESAGT.value)
                .order_by(Meeting.start, Meeting.id)
            ).all()
        ]
    warnings: list[MeetingWarning] = []
    plenary = [r for r in rows if r.committee_kind == CommitteeKind.PLENUM.value]
    if plenary and rules.min_plenary_meetings_per_year > 0:
        per_year: dict[int, int] = defaultdict(int)
        for r in plenary:
            per_year[r.year] += 1
        for year in range(min(per_year), max(max(per_year), today.year) + 1):
            count = per_year.get(year, 0)
            if count < rules.min_plenary_meetings_per_year:
                amount = (
                    "keine Plenarsitzung" if count == 0 else f"nur {count} Plenarsitzung{'en' if count != 1 else ''}"
                )
                found = f"fand {amount} statt" if year < today.year else f"ist {amount} angesetzt"
                warnings.append(
                    MeetingWarning(
                        "hinweis" if year > today.year else "warnung",
                        f"{year}: Es {found}; die Geschäftsordnung verlangt mindestens "
                        f"{rules.min_plenary_meetings_per_year} im Jahr.",
                        year=year,
                    )
                )
    deadline = today + timedelta(days=rules.notice_period_days)
    for r in rows:
        if r.status == MeetingStatus.GEPLANT.value and not r.invited and today <= r.start.date() <= deadline:
            days = (r.start.date() - today).days
            warnings.append(
                MeetingWarning(
                    "warnung",
                    f"{r.committee}: „{r.title}“ am {fmt_date(r.start)} liegt innerhalb der Ladungsfrist "
                    f"von {rules.notice_period_days} Tagen (noch {days} Tage), es wurde aber noch nicht eingeladen.",
                    meeting_id=r.id,
                    committee_id=r.committee_id,
                )
            )
    by_committee: dict[int, list[MeetingRow]] = defaultdict(list)
    for r in rows:
        by_committee[r.committee_id].append(r)
    for group in by_committee.values():
        for i, a in enumerate(group):
            a_end = a.end or a.start
            for b in group[i + 1 :]:
                if b.start > a_end or (b.start == a_end and a.end is not None):
                    break
                warnings.append(
                    MeetingWarning(
                        "warnung",
                        f"{a.committee}: „{a.title}“ und „{b.title}“ überschneiden sich am {fmt_date(a.start)}.",
                        meeting_id=b.id,
                        committee_id=a.committee_id,
                    )
                )
    return warnings


# --- detail -----------------------------------------------------------------------------------


def meeting_detail(store: Store, meeting_id: int) -> MeetingDetail:
    """Everything the editor and ``meetings show`` need (a constant number of queries)."""
    with store.session() as s:
        return detail_in(s, meeting_id)


def detail_in(session: Session, meeting_id: int) -> MeetingDetail:
    s = session
    taker = aliased(Person)
    found = s.execute(
        select(Meeting, Committee, taker, _invited_subquery().scalar_subquery())
        .join(Committee, Meeting.committee_id == Committee.id)
        .outerjoin(taker, Meeting.minute_taker_id == taker.id)
        .where(Meeting.id == meeting_id)
    ).first()
    if found is None:
        raise NotFoundError(f"Die Sitzung Nr. {meeting_id} gibt es nicht.")
    m, c, minute_taker, invitations = found
    rules = rules_in(s)
    attachments: dict[int, list[AttachmentRow]] = defaultdict(list)
    for a in s.scalars(
        select(AgendaAttachment)
        .join(AgendaItem, AgendaAttachment.agenda_item_id == AgendaItem.id)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaAttachment.id)
    ):
        attachments[a.agenda_item_id].append(AttachmentRow(a.id, a.agenda_item_id, a.path, a.label))
    agenda = tuple(
        AgendaRow(
            id=i.id,
            parent_id=i.parent_id,
            position=i.position,
            number=i.number,
            title=i.title,
            kind=i.kind,
            presenter=i.presenter,
            presenter_id=i.presenter_id,
            planned_minutes=i.planned_minutes,
            public=i.public,
            description=i.description,
            notes=i.notes,
            resolution_text=i.resolution_text,
            votes_yes=i.votes_yes,
            votes_no=i.votes_no,
            votes_abstain=i.votes_abstain,
            unanimous=i.unanimous,
            result=i.result,
            attachments=tuple(attachments.get(i.id, [])),
        )
        for i in agenda_service.ordered_items(s, meeting_id)
    )
    attendance = attendance_rows_in(s, meeting_id)
    state = quorum_in(s, m, rules)
    replies: dict[str, int] = defaultdict(int)
    expected: set[int] = set()
    for person in attendance:
        replies[person.reply] += 1
        if person.reply == Reply.ZUGESAGT.value and person.body_id is not None and person.role != InviteRole.GAST.value:
            expected.add(person.body_id)
    return MeetingDetail(
        id=m.id,
        committee_id=c.id,
        committee=c.name,
        committee_kind=c.kind,
        number=m.number,
        year=m.year,
        title=m.title or default_title(m.number, m.year),
        kind=m.kind,
        status=m.status,
        start=m.start,
        end=m.end,
        location_name=m.location_name,
        location_address=m.location_address,
        location_room=m.location_room,
        online_url=m.online_url,
        travel_notes=m.travel_notes,
        minute_taker_id=m.minute_taker_id,
        minute_taker=minute_taker.display_name if minute_taker else "",
        rsvp_date=m.rsvp_date,
        notes=m.notes,
        uid=m.uid,
        sequence=m.sequence,
        invitation_count=invitations or 0,
        minutes_approved_in_id=m.minutes_approved_in_id,
        minutes_approved_on=m.minutes_approved_on,
        agenda=agenda,
        attendance=attendance,
        quorum=state.quorum,
        voting_bodies=state.voting_bodies,
        votes_per_body=state.votes_per_body,
        expected_bodies=len(expected),
        replies=dict(replies),
    )


def attendance_rows_in(session: Session, meeting_id: int) -> tuple[AttendanceRow, ...]:
    """The attendance list ordered chairs, bodies (in their order), partners, guests: one query."""
    person = aliased(Person)
    stand_in = aliased(Person)
    rows = session.execute(
        select(Attendance, person, Body, Partner, stand_in)
        .join(person, Attendance.person_id == person.id)
        .outerjoin(Body, Attendance.body_id == Body.id)
        .outerjoin(Partner, Attendance.partner_id == Partner.id)
        .outerjoin(stand_in, Attendance.stood_in_by_id == stand_in.id)
        .where(Attendance.meeting_id == meeting_id)
    ).all()
    stands_in_for = {
        a.stood_in_by_id: p.display_name
        for a, p, _b, _pa, _si in rows
        if a.status == AttendanceStatus.VERTRETEN.value and a.stood_in_by_id is not None
    }
    role_rank = {"vorsitz": 0, "mitglied": 1, "stellvertretung": 2, "gast": 3}

    def key(row: Any) -> tuple[int, int, int, str, str]:
        a, p, b, pa, _si = row
        group = 0 if a.role == InviteRole.VORSITZ.value else (1 if b is not None else (2 if pa is not None else 3))
        return (
            group,
            b.sort_order if b is not None else 0,
            role_rank.get(a.role, 9),
            fold(p.last_name),
            fold(p.first_name),
        )

    result = []
    for a, p, b, pa, si in sorted(rows, key=key):
        result.append(
            AttendanceRow(
                id=a.id,
                person_id=p.id,
                person=p.display_name,
                email=p.email,
                body_id=a.body_id,
                body=b.name if b is not None else "",
                partner=pa.name if pa is not None else "",
                role=a.role,
                reply=a.reply,
                status=a.status,
                stood_in_by_id=a.stood_in_by_id,
                stood_in_by=si.display_name if si is not None else "",
                stands_in_for=stands_in_for.get(p.id, ""),
                arrival=a.arrival,
                departure=a.departure,
                notes=a.notes,
            )
        )
    return tuple(result)


# --- invited ----------------------------------------------------------------------------------


def _better(a: Invitee, b: Invitee) -> Invitee:
    """Of two entries for one person or address, keep the stronger role (CHAIR > REQ > OPT)."""
    winner, other = (a, b) if _ICAL_RANK[a.ical_role] <= _ICAL_RANK[b.ical_role] else (b, a)
    if winner.body_id is None and other.body_id is not None:
        winner = replace(winner, body_id=other.body_id, body=other.body or winner.body)
    return winner


def invitees_by_person(session: Session, meeting_id: int) -> list[Invitee]:
    """Everyone invited to a meeting, one entry per person (with or without e-mail address).

    From the mandates valid on the meeting's day: members REQ-PARTICIPANT, deputies
    OPT-PARTICIPANT (REQ-PARTICIPANT when recorded as standing in), working-group leads
    (Sprecher/in) and the co-chairs CHAIR, guests (mandate role Gast, or added by hand to the
    attendance list) and partner contacts OPT-PARTICIPANT. Four queries.
    """
    meeting = get_meeting(session, meeting_id)
    on = meeting.start.date()
    stand_ins = set(
        session.scalars(
            select(Attendance.stood_in_by_id).where(
                Attendance.meeting_id == meeting_id,
                Attendance.status == AttendanceStatus.VERTRETEN.value,
                Attendance.stood_in_by_id.is_not(None),
            )
        )
    )
    entries: dict[int, Invitee] = {}
    order: dict[int, tuple[int, int, int, str]] = {}

    def put(inv: Invitee, sort: tuple[int, int, int, str]) -> None:
        if inv.person_id in entries:
            entries[inv.person_id] = _better(entries[inv.person_id], inv)
            order[inv.person_id] = min(order[inv.person_id], sort)
        else:
            entries[inv.person_id] = inv
            order[inv.person_id] = sort

    employer = aliased(Body)
    for term, p, emp in session.execute(
        select(ChairTerm, Person, employer)
        .join(Person, ChairTerm.person_id == Person.id)
        .outerjoin(employer, Person.body_id == employer.id)
        .where(
            ChairTerm.committee_id == meeting.committee_id,
            ChairTerm.start_date <= on,
            or_(ChairTerm.end_date.is_(None), ChairTerm.end_date >= on),
        )
        .order_by(ChairTerm.side)
    ).all():
        put(
            Invitee(
                p.id,
                p.display_name,
                p.email.strip(),
                InviteRole.VORSITZ.value,
                "CHAIR",
                body=emp.name if emp is not None else "",
            ),
            (0, 0, 0 if term.side == "bezirk" else 1, fold(p.last_name)),
        )

    role_map = {
        MembershipRole.MITGLIED.value: (InviteRole.MITGLIED.value, "REQ-PARTICIPANT", 1),
        MembershipRole.STELLV_SPRECHER.value: (InviteRole.MITGLIED.value, "REQ-PARTICIPANT", 1),
        MembershipRole.SPRECHER.value: (InviteRole.VORSITZ.value, "CHAIR", 0),
        MembershipRole.STELLVERTRETUNG.value: (InviteRole.STELLVERTRETUNG.value, "OPT-PARTICIPANT", 2),
        MembershipRole.GAST.value: (InviteRole.GAST.value, "OPT-PARTICIPANT", 3),
    }
    for ms, p, b, pa in session.execute(
        select(Membership, Person, Body, Partner)
        .join(Person, Membership.person_id == Person.id)
        .outerjoin(Body, Membership.body_id == Body.id)
        .outerjoin(Partner, Membership.partner_id == Partner.id)
        .where(Membership.committee_id == meeting.committee_id, *mandate_valid_on(on))
    ).all():
        role, ical, rank = role_map.get(ms.role, (InviteRole.GAST.value, "OPT-PARTICIPANT", 3))
        stands_in = ms.role == MembershipRole.STELLVERTRETUNG.value and p.id in stand_ins
        if stands_in:
            ical = "REQ-PARTICIPANT"
        if pa is not None and b is None and ical == "REQ-PARTICIPANT":
            ical = "OPT-PARTICIPANT"  # partner contacts are optional participants (agreed interface)
        put(
            Invitee(
                p.id,
                p.display_name,
                p.email.strip(),
                role,
                ical,
                body=b.name if b is not None else "",
                partner=pa.name if pa is not None else "",
                body_id=b.id if b is not None else None,
                partner_id=pa.id if pa is not None else None,
                stands_in=stands_in,
            ),
            (1 if b is not None else 2, b.sort_order if b is not None else 0, rank, fold(p.last_name)),
        )

    guest_body = aliased(Body)
    for a, p, b, pa in session.execute(
        select(Attendance, Person, guest_body, Partner)
        .join(Person, Attendance.person_id == Person.id)
        .outerjoin(guest_body, Person.body_id == guest_body.id)
        .outerjoin(Partner, Person.partner_id == Partner.id)
        .where(Attendance.meeting_id == meeting_id, Attendance.role == InviteRole.GAST.value)
    ).all():
        put(
            Invitee(
                p.id,
                p.display_name,
                p.email.strip(),
                InviteRole.GAST.value,
                "OPT-PARTICIPANT",
                body=b.name if b is not None else "",
                partner=pa.name if pa is not None else "",
                partner_id=a.partner_id,
            ),
            (3, 0, 3, fold(p.last_name)),
        )
    return [entries[pid] for pid in sorted(entries, key=lambda pid: order[pid])]


def invitation_list(session: Session, meeting_id: int) -> InvitationList:
    """One entry per e-mail address (case-insensitive), the strongest role wins; no address apart."""
    by_email: dict[str, Invitee] = {}
    without: list[Invitee] = []
    for inv in invitees_by_person(session, meeting_id):
        if not inv.email:
            without.append(inv)
            continue
        key = inv.email.casefold()
        by_email[key] = _better(by_email[key], inv) if key in by_email else inv
    return InvitationList(tuple(by_email.values()), tuple(without))


def invited_persons(session: Session, meeting_id: int) -> list[Invitee]:
    """The invitation's recipients: one per e-mail address (see ``invitation_list`` for those without)."""
    return list(invitation_list(session, meeting_id).invitees)


def invited_without_email(session: Session, meeting_id: int) -> list[Invitee]:
    """Invited persons without an e-mail address, so the invitation can report them."""
    return list(invitation_list(session, meeting_id).without_email)


def get_invitation_list(store: Store, meeting_id: int) -> InvitationList:
    with store.session() as s:
        return invitation_list(s, meeting_id)


# --- choices for the editor -------------------------------------------------------------------


def committee_choices(store: Store, *, include_dissolved: bool = False) -> list[Choice]:
    """Committees, the plenary first: one query. A group dissolved on a later day still counts as existing."""
    with store.session() as s:
        stmt = select(Committee).order_by(Committee.kind != CommitteeKind.PLENUM.value, Committee.name)
        if not include_dissolved:
            stmt = stmt.where(or_(Committee.dissolved_on.is_(None), Committee.dissolved_on >= berlin_today()))
        return [Choice(c.id, c.name, c.kind, CommitteeKind(c.kind).label) for c in s.scalars(stmt)]


def person_choices(store: Store, ids: Iterable[int] = ()) -> list[Choice]:
    """Active persons (plus the given ids even if inactive), by name, with their organisation: one query."""
    wanted = list(ids)
    with store.session() as s:
        stmt = (
            select(Person, Body.name, Partner.name)
            .outerjoin(Body, Person.body_id == Body.id)
            .outerjoin(Partner, Person.partner_id == Partner.id)
            .where(or_(Person.active.is_(True), Person.id.in_(wanted)) if wanted else Person.active.is_(True))
            .order_by(Person.last_name, Person.first_name, Person.id)
        )
        return [Choice(p.id, p.display_name, "", bn or pn or "") for p, bn, pn in s.execute(stmt).all()]


def body_choices(store: Store) -> list[Choice]:
    with store.session() as s:
        return [
            Choice(b.id, b.name, b.kind)
            for b in s.scalars(select(Body).where(Body.active.is_(True)).order_by(Body.sort_order, Body.name))
        ]


def meeting_choices(store: Store, committee_id: int | None = None, *, exclude_id: int | None = None) -> list[Choice]:
    """Earlier meetings to copy agenda items from, newest first (one query)."""
    rows = list_meetings(store, committee=committee_id)
    return [
        Choice(r.id, f"{r.title} – {r.committee}", r.committee_kind, fmt_date(r.start))
        for r in sorted(rows, key=lambda r: r.start, reverse=True)
        if r.id != exclude_id
    ]


def default_new_meeting(store: Store, committee_id: int, today: date | None = None) -> MeetingInput:
    """Suggested values for a new meeting: six weeks ahead, 10 to 13 o'clock, the last meeting's place."""
    today = today or berlin_today()
    with store.session() as s:
        get_committee(s, committee_id)
        last = s.scalars(
            select(Meeting)
            .where(Meeting.committee_id == committee_id, Meeting.status != MeetingStatus.ABGESAGT.value)
            .order_by(Meeting.start.desc())
            .limit(1)
        ).first()
    day = today + timedelta(weeks=6)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    start = datetime.combine(day, datetime.min.time()).replace(hour=10)
    end = start + timedelta(hours=3)
    if last is None:
        return MeetingInput(committee_id=committee_id, start=start, end=end)
    if last.end is not None:
        start = datetime.combine(day, last.start.time())
        end = start + (last.end - last.start)
    return MeetingInput(
        committee_id=committee_id,
        start=start,
        end=end,
        location_name=last.location_name,
        location_address=last.location_address,
        location_room=last.location_room,
        online_url=last.online_url,
        travel_notes=last.travel_notes,
        minute_taker_id=last.minute_taker_id,
    )

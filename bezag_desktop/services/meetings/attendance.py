"""Replies and attendance: the list from the invited, replies before the meeting, status at the
meeting, stand-ins by the deputy of the same body, guests added by hand, arrival and departure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import Attendance, Body, Meeting, Membership, Person
from bezag_desktop.domain.codes import AttendanceStatus, InviteRole, MembershipRole, Reply
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.domain.rules import PRESENT
from bezag_desktop.services.audit import audit
from bezag_desktop.services.meetings.core import QuorumState, quorum_in
from bezag_desktop.services.meetings.invitees import invitees_by_person
from bezag_desktop.services.records import get_or_raise
from bezag_desktop.services.store import operation

#: Roles that speak (and vote) for their body as its member.
MEMBER_ROLES = frozenset({InviteRole.MITGLIED.value, InviteRole.VORSITZ.value})
#: A member in one of these states may be represented by the deputy.
ABSENT = frozenset({AttendanceStatus.ENTSCHULDIGT.value, AttendanceStatus.ABWESEND.value})


@dataclass(frozen=True)
class StandInProposal:
    """The deputy the program proposes for an absent member."""

    member_attendance_id: int
    member: str
    body: str
    deputy_person_id: int
    deputy: str
    #: The deputy's row on the attendance list, if there is one yet.
    deputy_attendance_id: int | None

    @property
    def text(self) -> str:
        return f"{self.member} ({self.body}) kann durch die Stellvertretung {self.deputy} vertreten werden."


def check_reply(reply: str) -> None:
    if reply not in {r.value for r in Reply}:
        raise ValidationError(f"Unbekannte Rückmeldung „{reply}“.", field="reply")


def check_status(status: str | None) -> None:
    if status is not None and status not in {a.value for a in AttendanceStatus}:
        raise ValidationError(f"Unbekannter Anwesenheitsstatus „{status}“.", field="status")


def check_times_of_day(arrival: time | None, departure: time | None) -> None:
    """Departure before arrival is refused."""
    if arrival is not None and departure is not None and departure < arrival:
        raise ValidationError(
            f"Das Gehen ({departure:%H:%M} Uhr) liegt vor dem Kommen ({arrival:%H:%M} Uhr).", field="departure"
        )


def _get(session: Session, attendance_id: int) -> Attendance:
    return get_or_raise(session, Attendance, attendance_id)


def _name(session: Session, person_id: int | None) -> str:
    person = session.get(Person, person_id) if person_id is not None else None
    return person.display_name if person else "?"


def _body_name(session: Session, body_id: int | None) -> str:
    body = session.get(Body, body_id) if body_id is not None else None
    return body.name if body else "keine Körperschaft"


@operation
def build_attendance(s: Session, meeting_id: int) -> int:
    """Add every invited person who is not on the list yet; existing rows stay as they are.

    Returns how many rows were added (0 when called again: idempotent).
    """
    meeting = get_or_raise(s, Meeting, meeting_id)
    existing = set(s.scalars(select(Attendance.person_id).where(Attendance.meeting_id == meeting_id)))
    added = 0
    for inv in invitees_by_person(s, meeting_id):
        if inv.person_id in existing:
            continue
        s.add(
            Attendance(
                meeting_id=meeting_id,
                person_id=inv.person_id,
                body_id=inv.body_id,
                partner_id=inv.partner_id,
                role=inv.role,
                reply=Reply.OFFEN.value,
            )
        )
        existing.add(inv.person_id)
        added += 1
    if added:
        audit(s, "attendance.build", "meeting", meeting.id, f"{added} Personen in die Anwesenheitsliste übernommen")
    return added


@operation
def set_reply(s: Session, attendance_id: int, reply: str) -> None:
    """Record a reply before the meeting: offen, zugesagt, abgesagt."""
    check_reply(reply)
    row = _get(s, attendance_id)
    row.reply = reply
    audit(s, "attendance.reply", "meeting", row.meeting_id, f"{_name(s, row.person_id)}: {Reply(reply).label}")


@operation
def set_status(s: Session, attendance_id: int, status: str | None) -> None:
    """Status at the meeting. "vertreten" is recorded with ``record_stand_in`` (it needs the deputy)."""
    check_status(status)
    row = _get(s, attendance_id)
    if status == AttendanceStatus.VERTRETEN.value:
        if row.status == status:
            return
        raise ValidationError(
            "„Vertreten“ bitte über „Vertreten durch …“ erfassen, damit die Stellvertretung feststeht.",
            field="status",
        )
    if status == AttendanceStatus.GAST.value and row.role != InviteRole.GAST.value:
        raise ValidationError(
            f"{_name(s, row.person_id)} steht als {InviteRole(row.role).label} auf der Liste, nicht als Gast.",
            field="status",
        )
    row.status = status
    row.stood_in_by_id = None
    audit(
        s,
        "attendance.status",
        "meeting",
        row.meeting_id,
        f"{_name(s, row.person_id)}: {AttendanceStatus(status).label if status else '–'}",
    )


@operation
def set_times(s: Session, attendance_id: int, arrival: time | None, departure: time | None) -> None:
    """Optional arrival and departure times; departure before arrival is refused."""
    check_times_of_day(arrival, departure)
    row = _get(s, attendance_id)
    row.arrival, row.departure = arrival, departure
    audit(s, "attendance.times", "meeting", row.meeting_id, f"{_name(s, row.person_id)}: Zeiten erfasst")


def _deputies_of(session: Session, row: Attendance) -> list[tuple[int, str, int | None]]:
    """The body's deputies for this meeting: (person id, name, attendance id or None), usable first."""
    meeting = get_or_raise(session, Meeting, row.meeting_id)
    on_list = {
        a.person_id: a
        for a in session.scalars(
            select(Attendance).where(Attendance.meeting_id == row.meeting_id, Attendance.body_id == row.body_id)
        )
    }
    busy = {
        a.stood_in_by_id
        for a in session.scalars(
            select(Attendance).where(
                Attendance.meeting_id == row.meeting_id,
                Attendance.status == AttendanceStatus.VERTRETEN.value,
                Attendance.id != row.id,
            )
        )
    }
    mandates = session.execute(
        select(Person.id, Person)
        .join(Membership, Membership.person_id == Person.id)
        .where(
            Membership.committee_id == meeting.committee_id,
            Membership.body_id == row.body_id,
            Membership.role == MembershipRole.STELLVERTRETUNG.value,
            Membership.valid_on(meeting.start.date()),
        )
        .order_by(Person.last_name, Person.first_name)
    ).all()
    candidates: dict[int, tuple[int, str, int | None]] = {}
    for pid, person in mandates:
        att = on_list.get(pid)
        candidates[pid] = (pid, person.display_name, att.id if att else None)
    for att in on_list.values():
        if att.role == InviteRole.STELLVERTRETUNG.value and att.person_id not in candidates:
            candidates[att.person_id] = (att.person_id, _name(session, att.person_id), att.id)

    def usable(c: tuple[int, str, int | None]) -> bool:
        att = on_list.get(c[0])
        declined = att is not None and (att.reply == Reply.ABGESAGT.value or att.status in ABSENT)
        return c[0] not in busy and not declined and c[0] != row.person_id

    return sorted((c for c in candidates.values() if usable(c)), key=lambda c: c[1])


def needs_stand_in(role: str, body_id: int | None, status: str | None, reply: str) -> bool:
    """A body's member who is absent or excused, or declined and is not present: the deputy is asked.

    The one home of the rule: ``propose_stand_in`` asks it for the stored row, the meeting editor
    for the row as it stands in the unsaved draft.
    """
    if role not in MEMBER_ROLES or body_id is None:
        return False
    return status in ABSENT or (reply == Reply.ABGESAGT.value and status not in PRESENT)


@operation
def propose_stand_in(s: Session, attendance_id: int) -> StandInProposal | None:
    """For a member who declined or is excused/absent: the body's current deputy, if one is free."""
    row = _get(s, attendance_id)
    if not needs_stand_in(row.role, row.body_id, row.status, row.reply):
        return None
    proposals = stand_in_proposals(s, row)
    return proposals[0] if proposals else None


def stand_in_proposals(session: Session, row: Attendance) -> tuple[StandInProposal, ...]:
    """Every deputy of the member's body who may stand in, usable first, whatever the member's stored status.

    The one home of "which deputy may stand in": ``propose_stand_in`` asks it for a stored absence,
    the meeting editor (``meetings.stand_in_candidates``) before the member's status is saved.
    """
    if row.body_id is None:
        return ()
    deputies = _deputies_of(session, row)
    if not deputies:
        return ()
    member, body = _name(session, row.person_id), _body_name(session, row.body_id)
    return tuple(StandInProposal(row.id, member, body, pid, name, att_id) for pid, name, att_id in deputies)


@operation
def record_stand_in(s: Session, attendance_id: int, deputy_person_id: int, *, mark_present: bool = True) -> None:
    """Record "vertreten durch": the member's status becomes vertreten, the deputy's anwesend.

    With ``mark_present=False`` (a member declined before the meeting) the deputy is only named as
    stand-in, so the invitation update asks them as required participant; whether they were there
    is recorded at the meeting. Only a deputy of the same body may stand in; anyone else is refused
    with a German message.
    """
    row = _get(s, attendance_id)
    member = _name(s, row.person_id)
    if row.role not in MEMBER_ROLES or row.body_id is None:
        raise ValidationError(
            f"{member} vertritt keine Körperschaft als Mitglied; „vertreten durch“ ist nur für Mitglieder möglich."
        )
    if deputy_person_id == row.person_id:
        raise ValidationError(f"{member} kann sich nicht selbst vertreten.")
    deputy = s.get(Person, deputy_person_id)
    if deputy is None:
        raise NotFoundError("Die gewählte Stellvertretung gibt es nicht.")
    meeting = get_or_raise(s, Meeting, row.meeting_id)
    deputy_row = s.scalars(
        select(Attendance).where(Attendance.meeting_id == row.meeting_id, Attendance.person_id == deputy.id)
    ).first()
    body = _body_name(s, row.body_id)
    mandate_body_ids = set(
        s.scalars(
            select(Membership.body_id).where(
                Membership.person_id == deputy.id,
                Membership.committee_id == meeting.committee_id,
                Membership.body_id.is_not(None),
                Membership.valid_on(meeting.start.date()),
            )
        )
    )
    deputy_body = deputy_row.body_id if deputy_row is not None and deputy_row.body_id is not None else None
    same_body = deputy_body == row.body_id if deputy_body is not None else row.body_id in mandate_body_ids
    if not same_body:
        other = _body_name(s, deputy_body) if deputy_body is not None else None
        if other is None and mandate_body_ids:
            other = _body_name(s, sorted(b for b in mandate_body_ids if b is not None)[0])
        where = f"gehört zu „{other}“" if other else "ist keiner Körperschaft zugeordnet"
        raise ValidationError(
            f"{deputy.display_name} {where}; {member} („{body}“) kann nur durch eine Stellvertretung "
            "derselben Körperschaft vertreten werden.",
            field="stood_in_by",
        )
    if deputy_row is not None and deputy_row.status == AttendanceStatus.VERTRETEN.value:
        raise ValidationError(f"{deputy.display_name} ist selbst als vertreten eingetragen.")
    already = s.scalars(
        select(Attendance).where(
            Attendance.meeting_id == row.meeting_id,
            Attendance.stood_in_by_id == deputy.id,
            Attendance.status == AttendanceStatus.VERTRETEN.value,
            Attendance.id != row.id,
        )
    ).first()
    if already is not None:
        raise ValidationError(
            f"{deputy.display_name} vertritt in dieser Sitzung bereits {_name(s, already.person_id)}."
        )
    if deputy_row is None:
        deputy_row = Attendance(
            meeting_id=row.meeting_id,
            person_id=deputy.id,
            body_id=row.body_id,
            role=InviteRole.STELLVERTRETUNG.value,
            reply=Reply.OFFEN.value,
        )
        s.add(deputy_row)
    row.status = AttendanceStatus.VERTRETEN.value
    row.stood_in_by_id = deputy.id
    if mark_present and deputy_row.status not in PRESENT:
        deputy_row.status = AttendanceStatus.ANWESEND.value
    audit(s, "attendance.stand_in", "meeting", row.meeting_id, f"{member} vertreten durch {deputy.display_name}")


@operation
def clear_stand_in(s: Session, attendance_id: int) -> None:
    """Undo a stand-in: the member counts as excused again; the deputy's status stays."""
    row = _get(s, attendance_id)
    if row.status != AttendanceStatus.VERTRETEN.value:
        return
    row.status = AttendanceStatus.ENTSCHULDIGT.value
    row.stood_in_by_id = None
    audit(s, "attendance.stand_in", "meeting", row.meeting_id, f"{_name(s, row.person_id)}: Vertretung entfernt")


@operation
def add_guest(s: Session, meeting_id: int, person_id: int, notes: str = "") -> int:
    """Add any person as a guest (role gast) by hand."""
    meeting = get_or_raise(s, Meeting, meeting_id)
    person = s.get(Person, person_id)
    if person is None:
        raise NotFoundError("Die gewählte Person gibt es nicht.")
    if s.scalars(
        select(Attendance.id).where(Attendance.meeting_id == meeting.id, Attendance.person_id == person.id)
    ).first():
        raise ValidationError(f"{person.display_name} steht bereits auf der Anwesenheitsliste.")
    row = Attendance(
        meeting_id=meeting.id,
        person_id=person.id,
        partner_id=person.partner_id,
        role=InviteRole.GAST.value,
        reply=Reply.OFFEN.value,
        notes=notes.strip(),
    )
    s.add(row)
    s.flush()
    audit(s, "attendance.guest", "meeting", meeting.id, f"Gast {person.display_name} hinzugefügt")
    return row.id


@operation
def remove_guest(s: Session, attendance_id: int) -> None:
    """Remove a guest; members and deputies follow from the mandates and stay on the list."""
    row = _get(s, attendance_id)
    if row.role != InviteRole.GAST.value:
        raise ValidationError(
            f"{_name(s, row.person_id)} steht als {InviteRole(row.role).label} auf der Liste; "
            "entfernt werden können nur Gäste. Tragen Sie sonst „entschuldigt“ oder „abwesend“ ein."
        )
    audit(s, "attendance.guest", "meeting", row.meeting_id, f"Gast {_name(s, row.person_id)} entfernt")
    s.delete(row)


@operation
def current_quorum(s: Session, meeting_id: int) -> QuorumState:
    """The live quorum (for the label in the Anwesenheit tab)."""
    return quorum_in(s, get_or_raise(s, Meeting, meeting_id))

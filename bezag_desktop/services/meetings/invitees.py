"""Who is invited to a meeting (DOMAIN.md "Invited"): chairs, members, deputies, leads, guests, partners.

One entry per person (``invitees_by_person``) for the attendance list and the minutes, one entry
per e-mail address (``invitation_list``) for the calendar invitation; four queries whatever the size.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from bezag_desktop.db.models import Attendance, Body, ChairTerm, Meeting, Membership, Partner, Person
from bezag_desktop.domain.codes import AttendanceStatus, InviteRole, MembershipRole
from bezag_desktop.domain.text import fold
from bezag_desktop.services.records import get_or_raise
from bezag_desktop.services.store import operation

_ICAL_RANK = {"CHAIR": 0, "REQ-PARTICIPANT": 1, "OPT-PARTICIPANT": 2}

#: Mandate role → (invitation role, iCalendar ROLE, rank within a body).
_ROLE_MAP = {
    MembershipRole.MITGLIED.value: (InviteRole.MITGLIED.value, "REQ-PARTICIPANT", 1),
    MembershipRole.STELLV_SPRECHER.value: (InviteRole.MITGLIED.value, "REQ-PARTICIPANT", 1),
    MembershipRole.SPRECHER.value: (InviteRole.VORSITZ.value, "CHAIR", 0),
    MembershipRole.STELLVERTRETUNG.value: (InviteRole.STELLVERTRETUNG.value, "OPT-PARTICIPANT", 2),
    MembershipRole.GAST.value: (InviteRole.GAST.value, "OPT-PARTICIPANT", 3),
}

#: Sort key of an entry: (group, body order, rank, folded last name).
_Sort = tuple[int, int, int, str]


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


def _better(a: Invitee, b: Invitee) -> Invitee:
    """Of two entries for one person or address, keep the stronger role (CHAIR > REQ > OPT)."""
    winner, other = (a, b) if _ICAL_RANK[a.ical_role] <= _ICAL_RANK[b.ical_role] else (b, a)
    if winner.body_id is None and other.body_id is not None:
        winner = replace(winner, body_id=other.body_id, body=other.body or winner.body)
    return winner


def _invitee(p: Person, role: str, ical: str, body: Body | None, partner: Partner | None) -> Invitee:
    """A person's entry with the names of the body and partner organisation shown beside it."""
    return Invitee(
        p.id,
        p.display_name,
        p.email.strip(),
        role,
        ical,
        body=body.name if body is not None else "",
        partner=partner.name if partner is not None else "",
    )


def _chairs(session: Session, meeting: Meeting) -> list[tuple[Invitee, _Sort]]:
    """The committee's co-chairs on the meeting's day (CHAIR), with their employer as organisation."""
    on = meeting.start.date()
    employer = aliased(Body)
    rows = session.execute(
        select(ChairTerm, Person, employer)
        .join(Person, ChairTerm.person_id == Person.id)
        .outerjoin(employer, Person.body_id == employer.id)
        .where(
            ChairTerm.committee_id == meeting.committee_id,
            ChairTerm.valid_on(on),
        )
        .order_by(ChairTerm.side)
    ).all()
    return [
        (
            _invitee(p, InviteRole.VORSITZ.value, "CHAIR", emp, None),
            (0, 0, 0 if term.side == "bezirk" else 1, fold(p.last_name)),
        )
        for term, p, emp in rows
    ]


def _mandates(session: Session, meeting: Meeting, stand_ins: set[int]) -> list[tuple[Invitee, _Sort]]:
    """Everyone with a mandate in the committee valid on the meeting's day."""
    rows = session.execute(
        select(Membership, Person, Body, Partner)
        .join(Person, Membership.person_id == Person.id)
        .outerjoin(Body, Membership.body_id == Body.id)
        .outerjoin(Partner, Membership.partner_id == Partner.id)
        .where(Membership.committee_id == meeting.committee_id, Membership.valid_on(meeting.start.date()))
    ).all()
    result = []
    for ms, p, b, pa in rows:
        role, ical, rank = _ROLE_MAP.get(ms.role, (InviteRole.GAST.value, "OPT-PARTICIPANT", 3))
        stands_in = ms.role == MembershipRole.STELLVERTRETUNG.value and p.id in stand_ins
        if stands_in:
            ical = "REQ-PARTICIPANT"
        if pa is not None and b is None and ical == "REQ-PARTICIPANT":
            ical = "OPT-PARTICIPANT"  # partner contacts are optional participants (agreed interface)
        invitee = replace(
            _invitee(p, role, ical, b, pa),
            body_id=b.id if b is not None else None,
            partner_id=pa.id if pa is not None else None,
            stands_in=stands_in,
        )
        result.append(
            (invitee, (1 if b is not None else 2, b.sort_order if b is not None else 0, rank, fold(p.last_name)))
        )
    return result


def _guests(session: Session, meeting: Meeting) -> list[tuple[Invitee, _Sort]]:
    """Guests added by hand to the attendance list."""
    guest_body = aliased(Body)
    rows = session.execute(
        select(Attendance, Person, guest_body, Partner)
        .join(Person, Attendance.person_id == Person.id)
        .outerjoin(guest_body, Person.body_id == guest_body.id)
        .outerjoin(Partner, Person.partner_id == Partner.id)
        .where(Attendance.meeting_id == meeting.id, Attendance.role == InviteRole.GAST.value)
    ).all()
    return [
        (
            replace(_invitee(p, InviteRole.GAST.value, "OPT-PARTICIPANT", b, pa), partner_id=a.partner_id),
            (3, 0, 3, fold(p.last_name)),
        )
        for a, p, b, pa in rows
    ]


@operation
def invitees_by_person(session: Session, meeting_id: int) -> list[Invitee]:
    """Everyone invited to a meeting, one entry per person (with or without e-mail address).

    From the mandates valid on the meeting's day: members REQ-PARTICIPANT, deputies
    OPT-PARTICIPANT (REQ-PARTICIPANT when recorded as standing in), working-group leads
    (Sprecher/in) and the co-chairs CHAIR, guests (mandate role Gast, or added by hand to the
    attendance list) and partner contacts OPT-PARTICIPANT. Four queries.
    """
    meeting = get_or_raise(session, Meeting, meeting_id)
    stand_ins = {
        pid
        for pid in session.scalars(
            select(Attendance.stood_in_by_id).where(
                Attendance.meeting_id == meeting_id,
                Attendance.status == AttendanceStatus.VERTRETEN.value,
                Attendance.stood_in_by_id.is_not(None),
            )
        )
        if pid is not None
    }
    entries: dict[int, Invitee] = {}
    order: dict[int, _Sort] = {}
    for inv, sort in [*_chairs(session, meeting), *_mandates(session, meeting, stand_ins), *_guests(session, meeting)]:
        if inv.person_id in entries:
            entries[inv.person_id] = _better(entries[inv.person_id], inv)
            order[inv.person_id] = min(order[inv.person_id], sort)
        else:
            entries[inv.person_id] = inv
            order[inv.person_id] = sort
    return [entries[pid] for pid in sorted(entries, key=lambda pid: order[pid])]


@operation
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


@operation
def invited_persons(session: Session, meeting_id: int) -> list[Invitee]:
    """The invitation's recipients: one per e-mail address (see ``invitation_list`` for those without)."""
    return list(invitation_list(session, meeting_id).invitees)


@operation
def invited_without_email(session: Session, meeting_id: int) -> list[Invitee]:
    """Invited persons without an e-mail address, so the invitation can report them."""
    return list(invitation_list(session, meeting_id).without_email)

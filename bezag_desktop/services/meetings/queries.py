"""Meetings: read models (frozen dataclasses) and the queries that fill them.

Lists, the year view, the previous and next meeting, the detail of one meeting. Writes are in
``operations``; who is invited in ``invitees``; what the meeting editor reads in ``editor``. Every query here is a constant number of SQL statements, never one per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from bezag_desktop.db.models import (
    AgendaAttachment,
    AgendaItem,
    Attendance,
    Body,
    Committee,
    Invitation,
    Meeting,
    Partner,
    Person,
)
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import (
    AgendaKind,
    AttendanceStatus,
    InviteRole,
    MeetingKind,
    MeetingStatus,
    Reply,
)
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.domain.rules import AttendanceFact, Quorum
from bezag_desktop.domain.text import fold
from bezag_desktop.domain.timeutil import iso_local
from bezag_desktop.domain.timeutil import today as berlin_today
from bezag_desktop.services.meetings import agenda as agenda_service
from bezag_desktop.services.meetings.core import (
    NOT_HELD,
    VENUE_FIELDS,
    has_invitation,
    location_text,
    previous_meeting_of,
    quorum_in,
)
from bezag_desktop.services.records import get_or_raise, not_found_message, person_cols
from bezag_desktop.services.settings import rules_in
from bezag_desktop.services.store import operation

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


# --- read models ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingHead:
    """What every view of a meeting shows first: the list row and the detail extend it."""

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

    @property
    def status_label(self) -> str:
        return MeetingStatus(self.status).label

    @property
    def kind_label(self) -> str:
        return MeetingKind(self.kind).label

    def head_json(self) -> dict[str, Any]:
        """The keys that the list and the ``show`` objects of FORMATS.md share."""
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
class MeetingRow(MeetingHead):
    location: str
    online_url: str
    sequence: int
    uid: str
    #: An invitation (or update) has been recorded.
    invited: bool

    def to_json(self) -> dict[str, Any]:
        """The list object of FORMATS.md ("bezag meetings --json")."""
        return self.head_json()


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
class MeetingDetail(MeetingHead):
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
    #: The bodies with a vote in this meeting: the editor computes the quorum of its draft from them.
    voting_body_ids: frozenset[int] = frozenset()

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

    def item(self, item_id: int) -> AgendaRow | None:
        return next((a for a in self.agenda if a.id == item_id), None)

    def to_json(self) -> dict[str, Any]:
        """The ``show`` object of FORMATS.md."""
        return {
            **self.head_json(),
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


# --- lists ------------------------------------------------------------------------------------


def _invited_subquery() -> Any:
    return select(func.count(Invitation.id)).where(Invitation.meeting_id == Meeting.id).correlate(Meeting)


def _head(m: Meeting, c: Committee) -> dict[str, Any]:
    """The ``MeetingHead`` fields of a meeting and its committee, for the list row and the detail."""
    return {
        "id": m.id,
        "committee_id": c.id,
        "committee": c.name,
        "committee_kind": c.kind,
        "number": m.number,
        "year": m.year,
        "title": m.display_title,
        "kind": m.kind,
        "status": m.status,
        "start": m.start,
        "end": m.end,
    }


def _row(m: Meeting, c: Committee, invitations: int) -> MeetingRow:
    return MeetingRow(
        **_head(m, c),
        location=location_text(m.location_name, m.location_room, m.location_address),
        online_url=m.online_url,
        sequence=m.sequence,
        uid=m.uid,
        invited=invitations > 0,
    )


def find_committee(session: Session, committee: int | str) -> Committee:
    """A committee by id, name or short name (case- and umlaut-insensitive)."""
    if isinstance(committee, int):
        return get_or_raise(session, Committee, committee)
    wanted = fold(committee.strip())
    for c in session.scalars(select(Committee)):
        if wanted in (fold(c.name), fold(c.short_name or "")) or (wanted.isdigit() and int(wanted) == c.id):
            return c
    raise NotFoundError(f"Ein Gremium „{committee}“ gibt es nicht.")


@operation
def list_meetings(
    s: Session,
    committee: int | str | None = None,
    year: int | None = None,
    status: str | None = None,
) -> list[MeetingRow]:
    """Meetings ordered by start, filtered by committee (id or name), year and status: one query."""
    if status is not None and status not in {m.value for m in MeetingStatus}:
        raise ValidationError(f"Unbekannter Status „{status}“.", field="status")
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


@operation
def meeting_years(s: Session) -> list[int]:
    """The calendar years that have meetings, ascending (for the year filter): one query."""
    return list(s.scalars(select(Meeting.year).distinct().order_by(Meeting.year)))


@operation
def year_view(s: Session, year: int, committee: int | str | None = None) -> list[MonthGroup]:
    """Twelve months of a year, each with its meetings."""
    rows = list_meetings(s, committee=committee, year=year)
    by_month: dict[int, list[MeetingRow]] = defaultdict(list)
    for r in rows:
        by_month[r.start.month].append(r)
    return [MonthGroup(m, MONTHS[m - 1], tuple(by_month.get(m, []))) for m in range(1, 13)]


@operation
def next_meeting(
    s: Session, committee_id: int, today: date | None = None, *, after_id: int | None = None
) -> MeetingRow | None:
    """The next meeting of a committee that has not taken place (from today, or after a meeting)."""
    today = today or berlin_today()
    stmt = (
        select(Meeting, Committee, _invited_subquery().scalar_subquery())
        .join(Committee, Meeting.committee_id == Committee.id)
        .where(Meeting.committee_id == committee_id, Meeting.status.in_(NOT_HELD))
        .order_by(Meeting.start, Meeting.id)
    )
    if after_id is not None:
        ref = get_or_raise(s, Meeting, after_id)
        stmt = stmt.where(Meeting.start > ref.start)
    else:
        stmt = stmt.where(Meeting.start >= datetime.combine(today, datetime.min.time()))
    first = s.execute(stmt.limit(1)).first()
    return _row(first[0], first[1], first[2] or 0) if first else None


@operation
def previous_meeting(s: Session, meeting_id: int) -> MeetingRow | None:
    """The committee's last meeting before this one that was not cancelled."""
    prev = previous_meeting_of(s, get_or_raise(s, Meeting, meeting_id))
    if prev is None:
        return None
    return _row(prev, get_or_raise(s, Committee, prev.committee_id), 1 if has_invitation(s, prev.id) else 0)


# --- detail -----------------------------------------------------------------------------------


def _agenda_rows(s: Session, meeting_id: int) -> tuple[AgendaRow, ...]:
    """The agenda in order with each item's attachments: two queries."""
    attachments: dict[int, list[AttachmentRow]] = defaultdict(list)
    for a in s.scalars(
        select(AgendaAttachment)
        .join(AgendaItem, AgendaAttachment.agenda_item_id == AgendaItem.id)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaAttachment.id)
    ):
        attachments[a.agenda_item_id].append(AttachmentRow(a.id, a.agenda_item_id, a.path, a.label))
    return tuple(
        # Every other field of the row is the item's column of the same name.
        from_attrs(AgendaRow, i, attachments=tuple(attachments.get(i.id, [])))
        for i in agenda_service.ordered_items(s, meeting_id)
    )


@operation
def meeting_detail(s: Session, meeting_id: int) -> MeetingDetail:
    """Everything the editor and ``meetings show`` need (a constant number of queries)."""
    taker = aliased(Person)
    found = s.execute(
        select(Meeting, Committee, taker, _invited_subquery().scalar_subquery())
        .join(Committee, Meeting.committee_id == Committee.id)
        .outerjoin(taker, Meeting.minute_taker_id == taker.id)
        .where(Meeting.id == meeting_id)
    ).first()
    if found is None:
        raise NotFoundError(not_found_message(Meeting, meeting_id))
    m, c, minute_taker, invitations = found
    attendance = attendance_rows(s, meeting_id)
    facts = [AttendanceFact(r.person_id, r.body_id, r.role, r.status or "", r.stood_in_by_id) for r in attendance]
    state = quorum_in(s, m, rules_in(s), facts=facts, committee_kind=c.kind)
    replies, expected = reply_summary(attendance)
    return from_attrs(
        MeetingDetail,
        m,
        *VENUE_FIELDS,
        "minute_taker_id",
        "rsvp_date",
        "notes",
        "uid",
        "sequence",
        "minutes_approved_in_id",
        "minutes_approved_on",
        **_head(m, c),
        minute_taker=minute_taker.display_name if minute_taker else "",
        invitation_count=invitations or 0,
        agenda=_agenda_rows(s, meeting_id),
        attendance=attendance,
        quorum=state.quorum,
        voting_bodies=state.voting_bodies,
        votes_per_body=state.votes_per_body,
        expected_bodies=expected,
        replies=replies,
        voting_body_ids=state.voting_body_ids,
    )


def reply_summary(rows: Iterable[AttendanceRow]) -> tuple[dict[str, int], int]:
    """Replies counted by kind, and how many bodies are expected (a member or deputy said zugesagt)."""
    replies: dict[str, int] = defaultdict(int)
    expected: set[int] = set()
    for person in rows:
        replies[person.reply] += 1
        if person.reply == Reply.ZUGESAGT.value and person.body_id is not None and person.role != InviteRole.GAST.value:
            expected.add(person.body_id)
    return dict(replies), len(expected)


_ROLE_RANK = {"vorsitz": 0, "mitglied": 1, "stellvertretung": 2, "gast": 3}


@operation
def attendance_rows(session: Session, meeting_id: int) -> tuple[AttendanceRow, ...]:
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

    def key(row: Any) -> tuple[int, int, int, str, str]:
        a, p, b, pa, _si = row
        group = 0 if a.role == InviteRole.VORSITZ.value else (1 if b is not None else (2 if pa is not None else 3))
        return (
            group,
            b.sort_order if b is not None else 0,
            _ROLE_RANK.get(a.role, 9),
            fold(p.last_name),
            fold(p.first_name),
        )

    return tuple(
        from_attrs(
            AttendanceRow,
            a,
            "id",
            "body_id",
            "role",
            "reply",
            "status",
            "stood_in_by_id",
            "arrival",
            "departure",
            "notes",
            **person_cols(p),
            body=b.name if b is not None else "",
            partner=pa.name if pa is not None else "",
            stood_in_by=si.display_name if si is not None else "",
            stands_in_for=stands_in_for.get(p.id, ""),
        )
        for a, p, b, pa, si in sorted(rows, key=key)
    )

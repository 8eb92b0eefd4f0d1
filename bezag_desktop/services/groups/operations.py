"""Working groups and networks: founding, seats and leads, reports to the plenary, dissolution.

A working group (or a network such as a Pflegekonferenz) is a ``Committee`` below the plenary.
Its members are ``Membership`` rows with a role and dates, on behalf of a member body or a partner
organisation (OParl ``onBehalfOf``). Nothing is deleted when a group is dissolved: the seats end
on that day and the group stays in the list with its history.

A person cannot hold the same kind of seat in one committee twice at overlapping dates. The
kinds are: a full seat (member, lead or deputy lead, since a lead is a member who leads), a
deputy seat, and a guest seat. Each group has at most one lead and one deputy lead at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from bezag_desktop.db.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Body,
    ChairTerm,
    Committee,
    Meeting,
    Membership,
    Partner,
    Person,
    WorkingGroupReport,
)
from bezag_desktop.domain.codes import (
    ActionStatus,
    AgendaKind,
    AgendaResult,
    AttendanceStatus,
    CommitteeKind,
    MeetingStatus,
    MembershipRole,
)
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.domain.text import fold
from bezag_desktop.domain.timeutil import fmt_date, iso_date, now_local, today
from bezag_desktop.services.audit import audit
from bezag_desktop.services.settings import is_valid_email
from bezag_desktop.services.store import Store

#: Roles that occupy a full seat; a person holds at most one of them per committee at a time.
FULL_SEAT_ROLES: frozenset[str] = frozenset(
    {MembershipRole.MITGLIED.value, MembershipRole.SPRECHER.value, MembershipRole.STELLV_SPRECHER.value}
)
#: Roles held by one person at a time per committee.
LEAD_ROLES: tuple[str, ...] = (MembershipRole.SPRECHER.value, MembershipRole.STELLV_SPRECHER.value)
GROUP_KINDS: tuple[str, ...] = (CommitteeKind.ARBEITSGRUPPE.value, CommitteeKind.NETZWERK.value)

_SEAT_KIND_LABEL = {
    "sitz": "Sitz als Mitglied (auch Sprecher/in oder stellv. Sprecher/in)",
    MembershipRole.STELLVERTRETUNG.value: "Sitz als Stellvertretung",
    MembershipRole.GAST.value: "Gastsitz",
}


def seat_kind(role: str) -> str:
    """The kind of seat a role occupies: ``sitz`` (member/lead), ``stellvertretung`` or ``gast``."""
    return "sitz" if role in FULL_SEAT_ROLES else role


def role_label(role: str) -> str:
    try:
        return MembershipRole(role).label
    except ValueError:
        return role


def kind_label(kind: str) -> str:
    try:
        return CommitteeKind(kind).label
    except ValueError:
        return kind


def _overlaps(a_start: date | None, a_end: date | None, b_start: date | None, b_end: date | None) -> bool:
    """Inclusive date ranges, ``None`` meaning open on that side."""
    return (a_end is None or b_start is None or b_start <= a_end) and (
        b_end is None or a_start is None or a_start <= b_end
    )


def _fmt_range(start: date | None, end: date | None) -> str:
    left = fmt_date(start) if start else "Beginn offen"
    right = fmt_date(end) if end else "offen"
    return f"{left} bis {right}"


def current_condition(on: date) -> Any:
    """SQL condition: a membership valid on ``on`` (inclusive dates)."""
    return and_(
        or_(Membership.start_date.is_(None), Membership.start_date <= on),
        or_(Membership.end_date.is_(None), Membership.end_date >= on),
    )


def person_name(p: Person) -> str:
    return " ".join(x for x in (p.title, p.first_name, p.last_name) if x)


def meeting_title(m: Meeting) -> str:
    return m.title or f"{m.number}. Sitzung {m.year}"


# --- plain rows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberRow:
    """One seat in a committee."""

    membership_id: int
    person_id: int
    person: str
    email: str
    organisation: str
    #: "body", "partner" or None (a person on their own behalf).
    organisation_kind: str | None
    body_id: int | None
    partner_id: int | None
    role: str
    start: date | None
    end: date | None
    voting_right: bool = True
    notes: str = ""
    #: Whether the person is marked active.
    active: bool = True

    @property
    def role_label(self) -> str:
        return role_label(self.role)

    @property
    def organisation_kind_label(self) -> str:
        return {"body": "Körperschaft", "partner": "Netzwerkpartner"}.get(self.organisation_kind or "", "")

    def is_current(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "organisation": self.organisation or None,
            "organisation_kind": self.organisation_kind,
            "role": self.role,
        }


@dataclass(frozen=True)
class CommitteeRow:
    id: int
    name: str
    short_name: str
    kind: str
    topic: str
    goal: str
    founded: date | None
    dissolved: date | None
    #: The lead's name (for the plenary: the co-chairs), "" when none.
    lead: str
    lead_id: int | None
    deputy_lead: str
    members: tuple[MemberRow, ...] = ()

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def member_count(self) -> int:
        return len(self.members)

    @property
    def partner_count(self) -> int:
        return sum(1 for m in self.members if m.organisation_kind == "partner")

    def is_active(self, on: date) -> bool:
        return self.dissolved is None or self.dissolved >= on

    @property
    def status_label(self) -> str:
        return f"aufgelöst zum {fmt_date(self.dissolved)}" if self.dissolved else "aktiv"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "topic": self.topic,
            "founded": iso_date(self.founded),
            "dissolved": iso_date(self.dissolved),
            "lead": self.lead or None,
            "members": [m.to_json() for m in self.members],
        }


@dataclass(frozen=True)
class ResolutionRow:
    """A plenary agenda item that can found (or founded) a working group."""

    agenda_item_id: int
    meeting_id: int
    meeting_title: str
    meeting_start: datetime
    number: str
    title: str
    kind: str
    result: str | None
    resolution_text: str
    #: The committee this item already founded, if any.
    used_by: str = ""

    @property
    def meeting_date(self) -> date:
        return self.meeting_start.date()

    @property
    def text(self) -> str:
        """„TOP 5 Gründung der AG … (2. Sitzung 2026, 08.07.2026)“"""
        top = f"TOP {self.number} " if self.number else ""
        text = f"{top}{self.title} ({self.meeting_title}, {fmt_date(self.meeting_start)})"
        return f"{text} – Gründung von {self.used_by}" if self.used_by else text

    @property
    def looks_like_founding(self) -> bool:
        """Title or resolution speaks of founding a working group."""
        words = fold(f"{self.title} {self.resolution_text}")
        return "grund" in words or "arbeitsgruppe" in words


@dataclass(frozen=True)
class MeetingRef:
    id: int
    committee_id: int
    title: str
    start: datetime
    status: str
    #: Attendance list: persons present (in the room or online) and persons on the list.
    present: int = 0
    listed: int = 0

    @property
    def attendance_text(self) -> str:
        """„3 von 5 anwesend“; empty while there is no attendance list."""
        return f"{self.present} von {self.listed} anwesend" if self.listed else ""

    @property
    def status_label(self) -> str:
        try:
            return MeetingStatus(self.status).label
        except ValueError:
            return self.status

    @property
    def text(self) -> str:
        return f"{self.title} am {fmt_date(self.start)}"


@dataclass(frozen=True)
class ActionRow:
    id: int
    text: str
    responsible: str
    due: date | None
    status: str
    meeting_title: str

    @property
    def status_label(self) -> str:
        try:
            return ActionStatus(self.status).label
        except ValueError:
            return self.status


@dataclass(frozen=True)
class ReportRow:
    id: int
    committee_id: int
    meeting_id: int | None
    meeting_title: str
    meeting_start: datetime | None
    reported_on: date | None
    text: str


@dataclass(frozen=True)
class GroupOverview:
    """Everything the Arbeitsgruppen page shows about one group."""

    id: int
    name: str
    short_name: str
    kind: str
    topic: str
    goal: str
    email: str
    notes: str
    founded: date | None
    dissolved: date | None
    founding: ResolutionRow | None
    lead: str
    deputy_lead: str
    #: All seats, current ones first, then the history (newest end first).
    members: tuple[MemberRow, ...]
    meetings: tuple[MeetingRef, ...]
    next_meeting: MeetingRef | None
    open_actions: tuple[ActionRow, ...]
    reports: tuple[ReportRow, ...]
    on: date = field(default_factory=today)

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def current_members(self) -> tuple[MemberRow, ...]:
        return tuple(m for m in self.members if m.is_current(self.on))

    @property
    def last_report(self) -> ReportRow | None:
        return self.reports[0] if self.reports else None


@dataclass(frozen=True)
class GroupSeat:
    """A person's seat in a working group or network, for the question at the end of a body mandate."""

    membership_id: int
    committee_id: int
    committee: str
    committee_kind: str
    role: str
    body_id: int | None
    partner_id: int | None
    start: date | None
    end: date | None
    #: The seat holder's name.
    person: str = ""

    @property
    def role_label(self) -> str:
        return role_label(self.role)

    @property
    def text(self) -> str:
        return f"{self.committee} ({self.role_label}, {_fmt_range(self.start, self.end)})"


@dataclass(frozen=True)
class EndSeatsResult:
    ended: int
    handed_over: int
    removed: int
    #: Seats the successor could not take over (they already sit there, ...): one German reason each.
    not_handed_over: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        parts = [f"{self.ended} Sitz(e) in Arbeitsgruppen beendet"]
        if self.handed_over:
            parts.append(f"{self.handed_over} an die Nachfolge übergeben")
        if self.removed:
            parts.append(f"{self.removed} noch nicht begonnene(r) Sitz(e) entfernt")
        text = ", ".join(parts) + "."
        if self.not_handed_over:
            text += " Nicht übergeben:\n" + "\n".join(f"• {reason}" for reason in self.not_handed_over)
        return text


@dataclass(frozen=True)
class DissolveResult:
    ended_seats: int
    removed_future_seats: int
    #: Meetings of the group after the dissolution day that are still planned (to be cancelled).
    later_meetings: tuple[MeetingRef, ...]


@dataclass(frozen=True)
class GroupInput:
    name: str
    topic: str = ""
    goal: str = ""
    kind: str = CommitteeKind.ARBEITSGRUPPE.value
    founded_on: date | None = None
    #: The plenary agenda item whose resolution founds the group (required for a working group).
    founding_agenda_item_id: int | None = None
    short_name: str = ""
    email: str = ""
    notes: str = ""


# --- reading ----------------------------------------------------------------------------------


def plenum_id(session: Session) -> int:
    pid = session.scalar(
        select(Committee.id).where(Committee.kind == CommitteeKind.PLENUM.value).order_by(Committee.id)
    )
    if pid is None:
        raise NotFoundError("Die Datenbank enthält kein Plenum.")
    return pid


def member_rows(session: Session, condition: Any, order: Sequence[Any] = ()) -> list[tuple[int, MemberRow]]:
    """(committee_id, row) for the memberships matching ``condition``; one query."""
    own_body = aliased(Body)
    own_partner = aliased(Partner)
    stmt = (
        select(
            Membership, Person, Body.name, Partner.name, own_body.name, own_partner.name, own_body.id, own_partner.id
        )
        .join(Person, Person.id == Membership.person_id)
        .outerjoin(Body, Body.id == Membership.body_id)
        .outerjoin(Partner, Partner.id == Membership.partner_id)
        .outerjoin(own_body, own_body.id == Person.body_id)
        .outerjoin(own_partner, own_partner.id == Person.partner_id)
        .where(condition)
        .order_by(*order, Person.last_name, Person.first_name, Membership.id)
    )
    out: list[tuple[int, MemberRow]] = []
    for (
        ms,
        person,
        body_name,
        partner_name,
        own_body_name,
        own_partner_name,
        own_body_id,
        own_partner_id,
    ) in session.execute(stmt):
        if body_name:
            org, org_kind, body_id, partner_id = body_name, "body", ms.body_id, None
        elif partner_name:
            org, org_kind, body_id, partner_id = partner_name, "partner", None, ms.partner_id
        elif own_body_name:  # no explicit onBehalfOf: the employer
            org, org_kind, body_id, partner_id = own_body_name, "body", own_body_id, None
        elif own_partner_name:
            org, org_kind, body_id, partner_id = own_partner_name, "partner", None, own_partner_id
        else:
            org, org_kind, body_id, partner_id = "", None, None, None
        out.append(
            (
                ms.committee_id,
                MemberRow(
                    membership_id=ms.id,
                    person_id=person.id,
                    person=person_name(person),
                    email=person.email,
                    organisation=org,
                    organisation_kind=org_kind,
                    body_id=body_id,
                    partner_id=partner_id,
                    role=ms.role,
                    start=ms.start_date,
                    end=ms.end_date,
                    voting_right=ms.voting_right,
                    notes=ms.notes,
                    active=person.active,
                ),
            )
        )
    return out


_ROLE_ORDER = {
    MembershipRole.SPRECHER.value: 0,
    MembershipRole.STELLV_SPRECHER.value: 1,
    MembershipRole.MITGLIED.value: 2,
    MembershipRole.STELLVERTRETUNG.value: 3,
    MembershipRole.GAST.value: 4,
}


def _sorted_members(rows: Iterable[MemberRow]) -> tuple[MemberRow, ...]:
    return tuple(sorted(rows, key=lambda m: (_ROLE_ORDER.get(m.role, 9), fold(m.organisation), fold(m.person))))


def _leads(members: Iterable[MemberRow]) -> tuple[str, int | None, str]:
    lead = next((m for m in members if m.role == MembershipRole.SPRECHER.value), None)
    deputy = next((m for m in members if m.role == MembershipRole.STELLV_SPRECHER.value), None)
    return (lead.person if lead else "", lead.person_id if lead else None, deputy.person if deputy else "")


def committee_rows_in(session: Session, on: date) -> list[CommitteeRow]:
    """All committees with their current members on ``on``; three queries whatever the size."""
    committees = list(session.scalars(select(Committee)))
    members: dict[int, list[MemberRow]] = {c.id: [] for c in committees}
    for committee_id, row in member_rows(session, current_condition(on)):
        members.setdefault(committee_id, []).append(row)
    chairs: dict[int, list[str]] = {}
    chair_stmt = (
        select(ChairTerm.committee_id, Person)
        .join(Person, Person.id == ChairTerm.person_id)
        .where(ChairTerm.start_date <= on, or_(ChairTerm.end_date.is_(None), ChairTerm.end_date >= on))
        .order_by(ChairTerm.side)
    )
    for committee_id, person in session.execute(chair_stmt):
        chairs.setdefault(committee_id, []).append(person_name(person))
    order = {CommitteeKind.PLENUM.value: 0, CommitteeKind.ARBEITSGRUPPE.value: 1, CommitteeKind.NETZWERK.value: 2}
    committees.sort(key=lambda c: (order.get(c.kind, 9), c.dissolved_on is not None, fold(c.name)))
    rows: list[CommitteeRow] = []
    for c in committees:
        mrows = _sorted_members(members.get(c.id, []))
        lead, lead_id, deputy = _leads(mrows)
        if c.kind == CommitteeKind.PLENUM.value:
            lead, lead_id, deputy = " / ".join(chairs.get(c.id, [])), None, ""
        rows.append(
            CommitteeRow(
                id=c.id,
                name=c.name,
                short_name=c.short_name,
                kind=c.kind,
                topic=c.topic,
                goal=c.goal,
                founded=c.founded_on,
                dissolved=c.dissolved_on,
                lead=lead,
                lead_id=lead_id,
                deputy_lead=deputy,
                members=mrows,
            )
        )
    return rows


def list_committees(store: Store, on: date | None = None) -> list[CommitteeRow]:
    """Every committee (plenary first, then working groups and networks) with its current members."""
    on = on or today()
    with store.session() as s:
        return committee_rows_in(s, on)


def list_groups(store: Store, on: date | None = None, *, include_dissolved: bool = True) -> list[CommitteeRow]:
    """Working groups and networks (not the plenary)."""
    on = on or today()
    rows = [r for r in list_committees(store, on) if r.kind in GROUP_KINDS]
    return rows if include_dissolved else [r for r in rows if r.is_active(on)]


def _resolution_rows(session: Session, condition: Any) -> list[ResolutionRow]:
    stmt = (
        select(AgendaItem, Meeting)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .join(Committee, Committee.id == Meeting.committee_id)
        .where(Committee.kind == CommitteeKind.PLENUM.value, condition)
        .order_by(Meeting.start.desc(), AgendaItem.position, AgendaItem.id)
    )
    return [
        ResolutionRow(
            agenda_item_id=item.id,
            meeting_id=m.id,
            meeting_title=meeting_title(m),
            meeting_start=m.start,
            number=item.number,
            title=item.title,
            kind=item.kind,
            result=item.result,
            resolution_text=item.resolution_text,
        )
        for item, m in session.execute(stmt)
    ]


def founding_choices(store: Store, *, resolutions_only: bool = True) -> list[ResolutionRow]:
    """Agenda items of plenary meetings that can found a group (newest meeting first).

    ``resolutions_only``: only items resolved („beschlossen“) or with a resolution text; otherwise
    every item, also of planned meetings. Items that already founded a committee say so.
    """
    cond: Any = AgendaItem.meeting_id.is_not(None)
    if resolutions_only:
        cond = or_(AgendaItem.result == AgendaResult.BESCHLOSSEN.value, AgendaItem.resolution_text != "")
    with store.session() as s:
        used = {
            item_id: name
            for item_id, name in s.execute(
                select(Committee.founding_agenda_item_id, Committee.name).where(
                    Committee.founding_agenda_item_id.is_not(None)
                )
            )
        }
        return [replace(r, used_by=used.get(r.agenda_item_id, "")) for r in _resolution_rows(s, cond)]


def suggested_founding(rows: Sequence[ResolutionRow]) -> ResolutionRow | None:
    """The newest unused item that speaks of founding a working group, for the dialog's default."""
    return next((r for r in rows if not r.used_by and r.looks_like_founding), None)


def plenary_meetings(store: Store) -> list[MeetingRef]:
    """The plenary's meetings, newest first (for reports and agenda items)."""
    with store.session() as s:
        pid = plenum_id(s)
        return [_meeting_ref(m) for m in s.scalars(_meetings_stmt(pid).order_by(Meeting.start.desc()))]


def _meetings_stmt(committee_id: int) -> Any:
    return select(Meeting).where(Meeting.committee_id == committee_id)


def _meeting_ref(m: Meeting) -> MeetingRef:
    return MeetingRef(id=m.id, committee_id=m.committee_id, title=meeting_title(m), start=m.start, status=m.status)


def next_plenary_meeting(store: Store, on: date | None = None) -> MeetingRef | None:
    """The plenary's next meeting from ``on`` (today) that is not cancelled and not yet held."""
    on = on or today()
    with store.session() as s:
        pid = plenum_id(s)
        m = s.scalar(
            _meetings_stmt(pid)
            .where(
                Meeting.start >= datetime.combine(on, datetime.min.time()),
                Meeting.status.in_((MeetingStatus.GEPLANT.value, MeetingStatus.EINGELADEN.value)),
            )
            .order_by(Meeting.start)
            .limit(1)
        )
        return _meeting_ref(m) if m else None


def _report_rows(session: Session, committee_id: int) -> list[ReportRow]:
    stmt = (
        select(WorkingGroupReport, Meeting)
        .outerjoin(Meeting, Meeting.id == WorkingGroupReport.meeting_id)
        .where(WorkingGroupReport.committee_id == committee_id)
    )
    rows = [
        ReportRow(
            id=r.id,
            committee_id=r.committee_id,
            meeting_id=r.meeting_id,
            meeting_title=meeting_title(m) if m else "",
            meeting_start=m.start if m else None,
            reported_on=r.reported_on,
            text=r.text,
        )
        for r, m in session.execute(stmt)
    ]
    rows.sort(
        key=lambda r: (r.reported_on or (r.meeting_start.date() if r.meeting_start else date.min), r.id), reverse=True
    )
    return rows


def _get_group(session: Session, committee_id: int) -> Committee:
    c = session.get(Committee, committee_id)
    if c is None:
        raise NotFoundError(f"Das Gremium Nr. {committee_id} gibt es nicht.")
    return c


def _require_group(session: Session, committee_id: int) -> Committee:
    c = _get_group(session, committee_id)
    if c.kind == CommitteeKind.PLENUM.value:
        raise ValidationError(
            "Das Plenum ist keine Arbeitsgruppe; seine Mitglieder und Stellvertretungen werden unter "
            "„Körperschaften & Vertretungen“ gepflegt."
        )
    return c


def group_overview(store: Store, committee_id: int, on: date | None = None) -> GroupOverview:
    """A group with its seats (current and past), meetings, open action items and reports."""
    on = on or today()
    now = now_local() if on == today() else datetime.combine(on, datetime.min.time())
    with store.session() as s:
        c = _get_group(s, committee_id)
        founding = None
        if c.founding_agenda_item_id is not None:
            found = _resolution_rows(s, AgendaItem.id == c.founding_agenda_item_id)
            founding = found[0] if found else None
        seats = [row for _cid, row in member_rows(s, Membership.committee_id == committee_id)]
        current = _sorted_members(m for m in seats if m.is_current(on))
        past = sorted(
            (m for m in seats if not m.is_current(on)),
            key=lambda m: (m.end or date.max, m.start or date.min),
            reverse=True,
        )
        counts: dict[int, tuple[int, int]] = {}
        present_states = (AttendanceStatus.ANWESEND.value, AttendanceStatus.ONLINE.value)
        for meeting_id, status, n in s.execute(
            select(Attendance.meeting_id, Attendance.status, func.count(Attendance.id))
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Meeting.committee_id == committee_id)
            .group_by(Attendance.meeting_id, Attendance.status)
        ):
            present, listed = counts.get(meeting_id, (0, 0))
            counts[meeting_id] = (present + (n if status in present_states else 0), listed + n)
        meetings = [
            replace(_meeting_ref(m), present=counts.get(m.id, (0, 0))[0], listed=counts.get(m.id, (0, 0))[1])
            for m in s.scalars(_meetings_stmt(committee_id).order_by(Meeting.start))
        ]
        upcoming = [
            m
            for m in meetings
            if m.start >= now and m.status in (MeetingStatus.GEPLANT.value, MeetingStatus.EINGELADEN.value)
        ]
        action_stmt = (
            select(ActionItem, Person, Meeting)
            .outerjoin(Person, Person.id == ActionItem.responsible_person_id)
            .outerjoin(Meeting, Meeting.id == ActionItem.meeting_id)
            .where(
                or_(
                    ActionItem.committee_id == committee_id,
                    and_(ActionItem.committee_id.is_(None), Meeting.committee_id == committee_id),
                ),
                ActionItem.status != ActionStatus.ERLEDIGT.value,
            )
            .order_by(ActionItem.due_date.is_(None), ActionItem.due_date, ActionItem.id)
        )
        actions = tuple(
            ActionRow(
                id=a.id,
                text=a.text,
                responsible=person_name(p) if p else "",
                due=a.due_date,
                status=a.status,
                meeting_title=meeting_title(m) if m else "",
            )
            for a, p, m in s.execute(action_stmt)
        )
        lead, _lead_id, deputy = _leads(current)
        return GroupOverview(
            id=c.id,
            name=c.name,
            short_name=c.short_name,
            kind=c.kind,
            topic=c.topic,
            goal=c.goal,
            email=c.email,
            notes=c.notes,
            founded=c.founded_on,
            dissolved=c.dissolved_on,
            founding=founding,
            lead=lead,
            deputy_lead=deputy,
            members=current + tuple(past),
            meetings=tuple(meetings),
            next_meeting=upcoming[0] if upcoming else None,
            open_actions=actions,
            reports=tuple(_report_rows(s, committee_id)),
            on=on,
        )


@dataclass(frozen=True)
class CandidateRow:
    """A person who can be given a seat: a body's representative, a partner contact or anyone else."""

    person_id: int
    name: str
    email: str
    function: str
    organisation: str
    #: "body", "partner" or None.
    organisation_kind: str | None
    #: The person's current role in the plenary ("mitglied", "stellvertretung") or "".
    plenum_role: str
    #: The person's current role in this committee or "".
    seat_role: str

    @property
    def plenum_role_label(self) -> str:
        return role_label(self.plenum_role) if self.plenum_role else ""

    @property
    def seat_role_label(self) -> str:
        return role_label(self.seat_role) if self.seat_role else ""


def member_candidates(store: Store, committee_id: int, on: date | None = None) -> list[CandidateRow]:
    """Active persons with their organisation and current plenary/group roles; two queries."""
    on = on or today()
    with store.session() as s:
        pid = plenum_id(s)
        roles: dict[tuple[int, int], str] = {}
        for person_id, cid, role in s.execute(
            select(Membership.person_id, Membership.committee_id, Membership.role).where(
                Membership.committee_id.in_([pid, committee_id]), current_condition(on)
            )
        ):
            key = (cid, person_id)
            if key not in roles or _ROLE_ORDER.get(role, 9) < _ROLE_ORDER.get(roles[key], 9):
                roles[key] = role
        rows: list[CandidateRow] = []
        for person, body_name, partner_name in s.execute(
            select(Person, Body.name, Partner.name)
            .outerjoin(Body, Body.id == Person.body_id)
            .outerjoin(Partner, Partner.id == Person.partner_id)
            .where(Person.active.is_(True))
        ):
            org_kind = "body" if body_name else ("partner" if partner_name else None)
            rows.append(
                CandidateRow(
                    person_id=person.id,
                    name=person_name(person),
                    email=person.email,
                    function=person.function,
                    organisation=body_name or partner_name or "",
                    organisation_kind=org_kind,
                    plenum_role=roles.get((pid, person.id), ""),
                    seat_role=roles.get((committee_id, person.id), ""),
                )
            )
    rows.sort(key=lambda r: (fold(r.organisation) if r.organisation else "~", fold(r.name)))
    return rows


# --- founding, editing, dissolving ------------------------------------------------------------


def _clean(data: GroupInput) -> GroupInput:
    return GroupInput(
        name=" ".join(data.name.split()),
        topic=data.topic.strip(),
        goal=data.goal.strip(),
        kind=data.kind,
        founded_on=data.founded_on,
        founding_agenda_item_id=data.founding_agenda_item_id,
        short_name=data.short_name.strip(),
        email=data.email.strip(),
        notes=data.notes.strip(),
    )


def _validate_group(session: Session, data: GroupInput, committee_id: int | None) -> ResolutionRow | None:
    if not data.name:
        raise ValidationError("Bitte einen Namen für die Arbeitsgruppe angeben.", field="name")
    if len(data.name) > 200:
        raise ValidationError("Der Name ist zu lang (höchstens 200 Zeichen).", field="name")
    if len(data.short_name) > 50:
        raise ValidationError("Die Kurzbezeichnung ist zu lang (höchstens 50 Zeichen).", field="short_name")
    if len(data.topic) > 300:
        raise ValidationError("Das Thema ist zu lang (höchstens 300 Zeichen).", field="topic")
    if data.kind not in GROUP_KINDS:
        raise ValidationError("Art des Gremiums: Arbeitsgruppe oder Netzwerk.", field="kind")
    if data.email and not is_valid_email(data.email):
        raise ValidationError(f"„{data.email}“ ist keine gültige E-Mail-Adresse.", field="email")
    wanted = fold(data.name)
    for cid, name in session.execute(select(Committee.id, Committee.name)):
        if cid != committee_id and fold(name) == wanted:
            raise ValidationError(f"Ein Gremium namens „{name}“ gibt es bereits.", field="name")
    founding: ResolutionRow | None = None
    if data.founding_agenda_item_id is not None:
        found = _resolution_rows(session, AgendaItem.id == data.founding_agenda_item_id)
        if not found:
            raise ValidationError(
                "Der gewählte Tagesordnungspunkt gehört zu keiner Plenarsitzung; eine Arbeitsgruppe wird durch "
                "einen Beschluss des Plenums gegründet.",
                field="founding_agenda_item_id",
            )
        founding = found[0]
    elif data.kind == CommitteeKind.ARBEITSGRUPPE.value:
        raise ValidationError(
            "Bitte den Beschluss des Plenums (Tagesordnungspunkt) wählen, mit dem die Arbeitsgruppe gegründet wird.",
            field="founding_agenda_item_id",
        )
    founded_on = data.founded_on or (founding.meeting_date if founding else None)
    if founded_on is None:
        raise ValidationError("Bitte das Gründungsdatum angeben.", field="founded_on")
    if founding is not None and founded_on < founding.meeting_date:
        raise ValidationError(
            f"Das Gründungsdatum {fmt_date(founded_on)} liegt vor der Plenarsitzung vom "
            f"{fmt_date(founding.meeting_date)}, die die Gründung beschlossen hat.",
            field="founded_on",
        )
    return founding


def found_group(store: Store, data: GroupInput) -> int:
    """Found a working group (or network) by a plenary resolution; returns the committee id."""
    data = _clean(data)
    with store.session() as s:
        founding = _validate_group(s, data, None)
        founded_on = data.founded_on or (founding.meeting_date if founding else None)
        c = Committee(
            name=data.name,
            short_name=data.short_name,
            kind=data.kind,
            parent_id=plenum_id(s),
            topic=data.topic,
            goal=data.goal,
            founded_on=founded_on,
            founding_agenda_item_id=data.founding_agenda_item_id,
            email=data.email,
            notes=data.notes,
        )
        s.add(c)
        s.flush()
        basis = f" durch Beschluss {founding.text}" if founding else ""
        audit(s, "committee.found", "committee", c.id, f"{kind_label(c.kind)} „{c.name}“ gegründet{basis}")
        return c.id


def update_group(store: Store, committee_id: int, data: GroupInput) -> None:
    data = _clean(data)
    with store.session() as s:
        c = _require_group(s, committee_id)
        founding = _validate_group(s, data, committee_id)
        founded_on = data.founded_on or (founding.meeting_date if founding else c.founded_on)
        if c.dissolved_on is not None and founded_on is not None and founded_on > c.dissolved_on:
            raise ValidationError("Das Gründungsdatum liegt nach dem Auflösungsdatum.", field="founded_on")
        first_start = s.scalar(
            select(Membership.start_date)
            .where(Membership.committee_id == committee_id, Membership.start_date.is_not(None))
            .order_by(Membership.start_date)
            .limit(1)
        )
        if founded_on is not None and first_start is not None and first_start < founded_on:
            raise ValidationError(
                f"Ein Sitz beginnt bereits am {fmt_date(first_start)}, vor dem Gründungsdatum {fmt_date(founded_on)}.",
                field="founded_on",
            )
        c.name = data.name
        c.short_name = data.short_name
        c.kind = data.kind
        c.topic = data.topic
        c.goal = data.goal
        c.founded_on = founded_on
        c.founding_agenda_item_id = data.founding_agenda_item_id
        c.email = data.email
        c.notes = data.notes
        audit(s, "committee.update", "committee", c.id, f"„{c.name}“ bearbeitet")


def dissolve_group(store: Store, committee_id: int, on: date) -> DissolveResult:
    """Dissolve a group on ``on`` (its last day): every running seat ends that day, nothing is deleted.

    Seats that would only begin after that day never existed and are removed.
    """
    with store.session() as s:
        c = _require_group(s, committee_id)
        if c.dissolved_on is not None:
            raise ValidationError(f"„{c.name}“ ist bereits seit {fmt_date(c.dissolved_on)} aufgelöst.")
        if c.founded_on is not None and on < c.founded_on:
            raise ValidationError(
                f"Das Auflösungsdatum {fmt_date(on)} liegt vor der Gründung am {fmt_date(c.founded_on)}.",
                field="dissolved_on",
            )
        ended = removed = 0
        for ms in s.scalars(select(Membership).where(Membership.committee_id == committee_id)):
            if ms.start_date is not None and ms.start_date > on:
                s.delete(ms)
                removed += 1
            elif ms.end_date is None or ms.end_date > on:
                ms.end_date = on
                ended += 1
        later = [
            _meeting_ref(m)
            for m in s.scalars(
                _meetings_stmt(committee_id)
                .where(
                    Meeting.start >= datetime.combine(on + timedelta(days=1), datetime.min.time()),
                    Meeting.status.in_((MeetingStatus.GEPLANT.value, MeetingStatus.EINGELADEN.value)),
                )
                .order_by(Meeting.start)
            )
        ]
        c.dissolved_on = on
        audit(
            s,
            "committee.dissolve",
            "committee",
            c.id,
            f"„{c.name}“ zum {fmt_date(on)} aufgelöst; {ended} Sitz(e) beendet",
        )
        return DissolveResult(ended_seats=ended, removed_future_seats=removed, later_meetings=tuple(later))


def reopen_group(store: Store, committee_id: int) -> None:
    """Undo a dissolution (a correction): the group is active again; ended seats stay ended."""
    with store.session() as s:
        c = _require_group(s, committee_id)
        if c.dissolved_on is None:
            raise ValidationError(f"„{c.name}“ ist nicht aufgelöst.")
        c.dissolved_on = None
        audit(s, "committee.reopen", "committee", c.id, f"Auflösung von „{c.name}“ zurückgenommen")


# --- seats -------------------------------------------------------------------------------------


def _check_seat(
    session: Session,
    committee: Committee,
    person: Person,
    role: str,
    start: date | None,
    end: date | None,
    *,
    ignore_ids: Sequence[int] = (),
) -> None:
    """The rules of a seat; raises a German ``ValidationError`` before anything is written."""
    if role not in {r.value for r in MembershipRole}:
        raise ValidationError(f"Unbekannte Rolle „{role}“.", field="role")
    if start is not None and end is not None and end < start:
        raise ValidationError("Das Ende eines Sitzes liegt vor seinem Beginn.", field="end")
    if committee.founded_on is not None and start is not None and start < committee.founded_on:
        raise ValidationError(
            f"Der Sitz kann nicht vor der Gründung am {fmt_date(committee.founded_on)} beginnen.", field="start"
        )
    if committee.dissolved_on is not None and (start is None or start > committee.dissolved_on):
        raise ValidationError(
            f"„{committee.name}“ wurde am {fmt_date(committee.dissolved_on)} aufgelöst; "
            "danach können keine Sitze mehr beginnen.",
            field="start",
        )
    others = list(
        session.execute(
            select(Membership, Person)
            .join(Person, Person.id == Membership.person_id)
            .where(
                Membership.committee_id == committee.id,
                or_(Membership.person_id == person.id, Membership.role == role),
                Membership.id.not_in(list(ignore_ids) or [-1]),
            )
        )
    )
    kind = seat_kind(role)
    for ms, other in others:
        if not _overlaps(start, end, ms.start_date, ms.end_date):
            continue
        if ms.person_id == person.id and seat_kind(ms.role) == kind:
            raise ValidationError(
                f"{person_name(person)} hat in „{committee.name}“ bereits einen {_SEAT_KIND_LABEL[kind]} "
                f"({role_label(ms.role)}, {_fmt_range(ms.start_date, ms.end_date)}). Derselbe Sitz kann nicht "
                "zweimal zur gleichen Zeit bestehen.",
                field="person_id",
            )
        if role in LEAD_ROLES and ms.role == role and ms.person_id != person.id:
            raise ValidationError(
                f"„{committee.name}“ hat für diesen Zeitraum bereits {role_label(role)}: {person_name(other)} "
                f"({_fmt_range(ms.start_date, ms.end_date)}). Bitte zuerst diesen Sitz beenden oder die Rolle ändern.",
                field="role",
            )


def _on_behalf(person: Person, body_id: int | None, partner_id: int | None) -> tuple[int | None, int | None]:
    if body_id is not None and partner_id is not None:
        raise ValidationError(
            "Ein Sitz wird entweder für eine Körperschaft oder für einen Netzwerkpartner wahrgenommen, nicht für beide."
        )
    if body_id is None and partner_id is None:
        return person.body_id, person.partner_id
    return body_id, partner_id


def add_member(
    store: Store,
    committee_id: int,
    person_id: int,
    role: str = MembershipRole.MITGLIED.value,
    start: date | None = None,
    *,
    end: date | None = None,
    body_id: int | None = None,
    partner_id: int | None = None,
    notes: str = "",
) -> int:
    """Give a person a seat in a working group or network; returns the membership id.

    ``body_id``/``partner_id``: on whose behalf; by default the person's own body or partner.
    ``start`` defaults to today (or the founding day, if that is later). In a group that is to be
    dissolved on a later day, the seat ends on that day at the latest.
    """
    with store.session() as s:
        c = _require_group(s, committee_id)
        person = s.get(Person, person_id)
        if person is None:
            raise NotFoundError(f"Die Person Nr. {person_id} gibt es nicht.")
        if not person.active:
            raise ValidationError(f"{person_name(person)} ist als inaktiv markiert und kann keinen Sitz erhalten.")
        if start is None:
            start = max(today(), c.founded_on) if c.founded_on else today()
        if c.dissolved_on is not None and start <= c.dissolved_on and (end is None or end > c.dissolved_on):
            end = c.dissolved_on  # a seat ends with the group's last day at the latest
        body_id, partner_id = _on_behalf(person, body_id, partner_id)
        if body_id is not None and s.get(Body, body_id) is None:
            raise NotFoundError(f"Die Körperschaft Nr. {body_id} gibt es nicht.")
        if partner_id is not None and s.get(Partner, partner_id) is None:
            raise NotFoundError(f"Den Netzwerkpartner Nr. {partner_id} gibt es nicht.")
        _check_seat(s, c, person, role, start, end)
        ms = Membership(
            person_id=person.id,
            committee_id=c.id,
            body_id=body_id,
            partner_id=partner_id,
            role=role,
            voting_right=role != MembershipRole.GAST.value,
            start_date=start,
            end_date=end,
            notes=notes.strip(),
        )
        s.add(ms)
        s.flush()
        audit(
            s,
            "membership.add",
            "membership",
            ms.id,
            f"{person_name(person)} in „{c.name}“ als {role_label(role)} ab {fmt_date(start)}",
        )
        return ms.id


def _get_group_membership(session: Session, membership_id: int) -> tuple[Membership, Committee, Person]:
    ms = session.get(Membership, membership_id)
    if ms is None:
        raise NotFoundError(f"Den Sitz Nr. {membership_id} gibt es nicht.")
    c = _require_group(session, ms.committee_id)
    person = session.get(Person, ms.person_id)
    assert person is not None  # person_id is a non-null foreign key
    return ms, c, person


def end_membership(store: Store, membership_id: int, end: date) -> None:
    """End a seat on ``end`` (its last day)."""
    with store.session() as s:
        ms, c, person = _get_group_membership(s, membership_id)
        if ms.start_date is not None and end < ms.start_date:
            raise ValidationError(
                f"Der Sitz beginnt erst am {fmt_date(ms.start_date)}; das Ende kann nicht davor liegen.", field="end"
            )
        if ms.end_date is not None and ms.end_date <= end:
            raise ValidationError(f"Der Sitz endet bereits am {fmt_date(ms.end_date)}.", field="end")
        ms.end_date = end
        audit(
            s,
            "membership.end",
            "membership",
            ms.id,
            f"Sitz von {person_name(person)} in „{c.name}“ endet {fmt_date(end)}",
        )


def change_role(store: Store, membership_id: int, role: str, on: date) -> int:
    """Change a seat's role from ``on``: the old seat ends the day before, a new one follows it.

    A seat that starts on ``on`` is changed in place. Returns the id of the seat holding the new role.
    """
    with store.session() as s:
        ms, c, person = _get_group_membership(s, membership_id)
        if ms.role == role:
            raise ValidationError(f"{person_name(person)} hat diese Rolle bereits.", field="role")
        if not ((ms.start_date is None or ms.start_date <= on) and (ms.end_date is None or on <= ms.end_date)):
            raise ValidationError(
                f"Der Sitz besteht am {fmt_date(on)} nicht ({_fmt_range(ms.start_date, ms.end_date)}).", field="on"
            )
        _check_seat(s, c, person, role, on, ms.end_date, ignore_ids=[ms.id])
        old = role_label(ms.role)
        if ms.start_date == on:
            ms.role = role
            ms.voting_right = role != MembershipRole.GAST.value
            new_id = ms.id
        else:
            successor = Membership(
                person_id=ms.person_id,
                committee_id=ms.committee_id,
                body_id=ms.body_id,
                partner_id=ms.partner_id,
                role=role,
                voting_right=role != MembershipRole.GAST.value,
                start_date=on,
                end_date=ms.end_date,
                predecessor_id=ms.id,
                notes=ms.notes,
            )
            ms.end_date = on - timedelta(days=1)
            s.add(successor)
            s.flush()
            new_id = successor.id
        audit(
            s,
            "membership.role",
            "membership",
            new_id,
            f"{person_name(person)} in „{c.name}“: {old} → {role_label(role)} ab {fmt_date(on)}",
        )
        return new_id


def working_group_seats_of(session: Session, person_id: int, on: date | None = None) -> list[GroupSeat]:
    """A person's seats in working groups and networks that still run on ``on`` (today) or start later."""
    on = on or today()
    stmt = (
        select(Membership, Committee, Person)
        .join(Committee, Committee.id == Membership.committee_id)
        .join(Person, Person.id == Membership.person_id)
        .where(
            Membership.person_id == person_id,
            Committee.kind != CommitteeKind.PLENUM.value,
            or_(Membership.end_date.is_(None), Membership.end_date >= on),
        )
        .order_by(Committee.name, Membership.start_date)
    )
    return [
        GroupSeat(
            membership_id=ms.id,
            committee_id=c.id,
            committee=c.name,
            committee_kind=c.kind,
            role=ms.role,
            body_id=ms.body_id,
            partner_id=ms.partner_id,
            start=ms.start_date,
            end=ms.end_date,
            person=person_name(p),
        )
        for ms, c, p in session.execute(stmt)
    ]


def group_seats_of(store: Store, person_id: int, on: date | None = None) -> list[GroupSeat]:
    """Store-level form of :func:`working_group_seats_of` for the UI."""
    with store.session() as s:
        return working_group_seats_of(s, person_id, on)


def end_group_seats(
    store: Store,
    person_id: int,
    end_date: date,
    *,
    successor_id: int | None = None,
    body_id: int | None = None,
) -> EndSeatsResult:
    """End a person's working-group seats on ``end_date`` (e.g. when their body mandate ends).

    ``body_id``: only the seats held on behalf of that body. ``successor_id``: hand each seat over
    to this person from the next day (same group, role and body). Seats that would only start
    after ``end_date`` are removed, since they never took effect. A seat the successor cannot take
    (e.g. they already sit in that group) still ends; ``not_handed_over`` says why it was not passed on.
    """
    with store.session() as s:
        person = s.get(Person, person_id)
        if person is None:
            raise NotFoundError(f"Die Person Nr. {person_id} gibt es nicht.")
        successor = None
        if successor_id is not None:
            successor = s.get(Person, successor_id)
            if successor is None:
                raise NotFoundError(f"Die Person Nr. {successor_id} gibt es nicht.")
            if successor_id == person_id:
                raise ValidationError("Die Nachfolge muss eine andere Person sein.", field="successor_id")
        seats = [
            seat
            for seat in working_group_seats_of(s, person_id, end_date)
            if body_id is None or seat.body_id == body_id
        ]
        ended = handed = removed = 0
        start_next = end_date + timedelta(days=1)
        skipped: list[str] = []
        plans: list[tuple[Membership, Committee, bool, date | None]] = []
        for seat in seats:
            ms = s.get(Membership, seat.membership_id)
            c = s.get(Committee, seat.committee_id)
            # both were just read in this session
            assert ms is not None
            assert c is not None
            future = ms.start_date is not None and ms.start_date > end_date
            handover_start: date | None = None
            if successor is not None:
                candidate = max(start_next, ms.start_date or start_next)
                last = min(d for d in (ms.end_date, c.dissolved_on, date.max) if d is not None)
                if candidate <= last:
                    # validate the handover before anything changes; a seat the successor cannot
                    # take still ends (the mandate behind it is over), it is just not passed on
                    try:
                        _check_seat(s, c, successor, ms.role, candidate, ms.end_date, ignore_ids=[ms.id])
                    except ValidationError as exc:
                        skipped.append(f"{c.name} ({role_label(ms.role)}): {exc.message}")
                    else:
                        handover_start = candidate
            plans.append((ms, c, future, handover_start))
        for ms, c, future, handover_start in plans:
            old_end = ms.end_date
            if future:
                s.delete(ms)
                removed += 1
            else:
                ms.end_date = end_date
                ended += 1
            if successor is not None and handover_start is not None:
                s.add(
                    Membership(
                        person_id=successor.id,
                        committee_id=c.id,
                        body_id=ms.body_id,
                        partner_id=ms.partner_id,
                        role=ms.role,
                        voting_right=ms.voting_right,
                        start_date=handover_start,
                        end_date=old_end,
                        predecessor_id=None if future else ms.id,
                        notes=ms.notes,
                    )
                )
                handed += 1
        result = EndSeatsResult(ended=ended, handed_over=handed, removed=removed, not_handed_over=tuple(skipped))
        if plans:
            audit(s, "membership.end_group_seats", "person", person_id, f"{person_name(person)}: {result.text}")
        return result


# --- reports to the plenary -------------------------------------------------------------------


def save_report(store: Store, committee_id: int, meeting_id: int, text: str, reported_on: date | None = None) -> int:
    """The group's status report to one plenary meeting (one per meeting: saving again replaces it)."""
    text = text.strip()
    if not text:
        raise ValidationError("Bitte den Text des Berichts eingeben.", field="text")
    with store.session() as s:
        c = _require_group(s, committee_id)
        m = s.get(Meeting, meeting_id)
        if m is None:
            raise NotFoundError(f"Die Sitzung Nr. {meeting_id} gibt es nicht.")
        if m.committee_id != plenum_id(s):
            raise ValidationError("Berichte der Arbeitsgruppen gehen an eine Sitzung des Plenums.", field="meeting_id")
        report = s.scalar(
            select(WorkingGroupReport).where(
                WorkingGroupReport.committee_id == committee_id, WorkingGroupReport.meeting_id == meeting_id
            )
        )
        if report is None:
            report = WorkingGroupReport(committee_id=committee_id, meeting_id=meeting_id)
            s.add(report)
        previous = report.text or ""
        # the group's item on that agenda shows the report, unless someone wrote something else there
        title = fold(report_item_title(c.name, c.kind))
        for item in s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)):
            if fold(item.title) == title and item.description.strip() in ("", previous.strip()):
                item.description = text
        report.text = text
        report.reported_on = reported_on or m.start.date()
        s.flush()
        audit(s, "report.save", "working_group_report", report.id, f"Bericht „{c.name}“ für {meeting_title(m)}")
        return report.id


def report_item_title(name: str, kind: str = CommitteeKind.ARBEITSGRUPPE.value) -> str:
    """„Bericht aus der AG Wohnungslosenhilfe“ (without doubling an „AG“ in the name)."""
    if kind == CommitteeKind.NETZWERK.value:
        return f"Bericht aus dem Netzwerk {name}"
    for prefix in ("AG ", "Arbeitsgruppe "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    return f"Bericht aus der AG {name}"


#: A top-level item of this title (the standard agenda's) takes the reports as sub-items.
REPORTS_PARENT_TITLE = "Berichte aus den Arbeitsgruppen"


def add_report_items_to_agenda(store: Store, plenary_meeting_id: int) -> list[int]:
    """One item „Bericht aus der AG …“ per group active on the meeting day, presented by its lead.

    Groups that already have such an item are skipped. Under a standard agenda item
    „Berichte aus den Arbeitsgruppen“ the reports become its sub-items. Returns the new item ids.
    """
    from bezag_desktop.services.meetings import agenda

    with store.session() as s:
        m = s.get(Meeting, plenary_meeting_id)
        if m is None:
            raise NotFoundError(f"Die Sitzung Nr. {plenary_meeting_id} gibt es nicht.")
        if m.committee_id != plenum_id(s):
            raise ValidationError("Die Berichte der Arbeitsgruppen gehören auf die Tagesordnung des Plenums.")
        if m.status == MeetingStatus.ABGESAGT.value:
            raise ValidationError(f"{meeting_title(m)} ist abgesagt.")
        on = m.start.date()
        items = list(s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == m.id)))
        existing = {fold(i.title) for i in items}
        parent = next(
            (i for i in items if i.parent_id is None and fold(i.title).startswith(fold(REPORTS_PARENT_TITLE))), None
        )
        groups = [
            r
            for r in committee_rows_in(s, on)
            if r.kind in GROUP_KINDS and (r.founded is None or r.founded <= on) and r.is_active(on)
        ]
        reports = {
            committee_id: text
            for committee_id, text in s.execute(
                select(WorkingGroupReport.committee_id, WorkingGroupReport.text).where(
                    WorkingGroupReport.meeting_id == m.id
                )
            )
        }
        new_ids: list[int] = []
        for g in groups:
            title = report_item_title(g.name, g.kind)
            if fold(title) in existing:
                continue
            # the lead presents; without one, the deputy lead
            presenter = next(
                (x for role in LEAD_ROLES for x in g.members if x.role == role),
                None,
            )
            item_id = agenda.append_item(
                s,
                m.id,
                title=title,
                kind=AgendaKind.BERICHT.value,
                presenter=presenter.person if presenter else "",
                presenter_id=presenter.person_id if presenter else None,
                parent_id=parent.id if parent else None,
            )
            report_text = reports.get(g.id, "")
            if report_text:
                item = s.get(AgendaItem, item_id)
                assert item is not None  # just inserted
                item.description = report_text
            new_ids.append(item_id)
            existing.add(fold(title))
        if new_ids:
            audit(
                s,
                "agenda.group_reports",
                "meeting",
                m.id,
                f"{len(new_ids)} Bericht(e) aus Arbeitsgruppen auf die Tagesordnung von {meeting_title(m)} gesetzt",
            )
        return new_ids

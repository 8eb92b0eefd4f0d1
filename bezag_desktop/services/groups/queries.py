"""Groups area, reading: the plenum lookup and the queries behind the pages, dialogs and CLI.

Writes live in ``operations.py``, the read models in ``rows.py``. ``plenum(session)`` and
``plenum_id(session)`` are the one way to find the plenary committee; every area calls them, so a
database without one says the same everywhere. Queries take a session (``*_in``/``_of``) or a
``Store`` (one read transaction of their own) and return plain rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
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
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import (
    ActionStatus,
    AgendaResult,
    CommitteeKind,
    MembershipRole,
)
from bezag_desktop.domain.errors import NotFoundError
from bezag_desktop.domain.procedure import NOT_HELD
from bezag_desktop.domain.rules import PRESENT
from bezag_desktop.domain.text import fold
from bezag_desktop.domain.timeutil import now_local, today
from bezag_desktop.services.groups.rows import (
    COMMITTEE_ORDER,
    GROUP_KINDS,
    ActionRow,
    CandidateRow,
    CommitteeRow,
    GroupOverview,
    GroupSeat,
    MeetingRef,
    MemberRow,
    ReportRow,
    ResolutionRow,
)
from bezag_desktop.services.records import get_or_raise, person_cols, span_cols
from bezag_desktop.services.store import Store, operation

#: What every surface says when the database lacks its plenary committee (seeded with every new file).
NO_PLENUM = "Die Datenbank enthält kein Plenum; bitte eine mit „bezag init“ angelegte Datenbank öffnen."


def find_plenum(session: Session) -> Committee | None:
    """The plenary committee, or None (for checks that report instead of failing)."""
    return session.scalar(
        select(Committee).where(Committee.kind == CommitteeKind.PLENUM.value).order_by(Committee.id).limit(1)
    )


def plenum(session: Session) -> Committee:
    """The plenary committee; ``NotFoundError`` with the one wording when there is none."""
    committee = find_plenum(session)
    if committee is None:
        raise NotFoundError(NO_PLENUM)
    return committee


def plenum_id(session: Session) -> int:
    """The id of the plenary committee; ``NotFoundError`` with the one wording when there is none."""
    return plenum(session).id


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
                from_attrs(
                    MemberRow,
                    ms,
                    "role",
                    "voting_right",
                    "notes",
                    **person_cols(person),
                    **span_cols(ms),
                    membership_id=ms.id,
                    organisation=org,
                    organisation_kind=org_kind,
                    body_id=body_id,
                    partner_id=partner_id,
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


def _committee_fields(c: Committee) -> dict[str, Any]:
    """What the list row and the overview of a committee both show of the committee itself."""
    return {
        "id": c.id,
        "name": c.name,
        "short_name": c.short_name,
        "kind": c.kind,
        "topic": c.topic,
        "goal": c.goal,
        "founded": c.founded_on,
        "dissolved": c.dissolved_on,
    }


def _leads(members: Iterable[MemberRow]) -> tuple[str, int | None, str]:
    lead = next((m for m in members if m.role == MembershipRole.SPRECHER.value), None)
    deputy = next((m for m in members if m.role == MembershipRole.STELLV_SPRECHER.value), None)
    return (lead.person if lead else "", lead.person_id if lead else None, deputy.person if deputy else "")


@operation
def list_committees(session: Session, on: date | None = None) -> list[CommitteeRow]:
    """Every committee (plenary first, then working groups and networks) with its current members
    on ``on`` (default today); three queries whatever the size."""
    on = on or today()
    committees = list(session.scalars(select(Committee)))
    members: dict[int, list[MemberRow]] = {c.id: [] for c in committees}
    for committee_id, row in member_rows(session, Membership.valid_on(on)):
        members.setdefault(committee_id, []).append(row)
    chairs: dict[int, list[str]] = {}
    chair_stmt = (
        select(ChairTerm.committee_id, Person)
        .join(Person, Person.id == ChairTerm.person_id)
        .where(ChairTerm.valid_on(on))
        .order_by(ChairTerm.side)
    )
    for committee_id, person in session.execute(chair_stmt):
        chairs.setdefault(committee_id, []).append(person.display_name)
    order = COMMITTEE_ORDER
    committees.sort(key=lambda c: (order.get(c.kind, 9), c.dissolved_on is not None, fold(c.name)))
    rows: list[CommitteeRow] = []
    for c in committees:
        mrows = _sorted_members(members.get(c.id, []))
        lead, lead_id, deputy = _leads(mrows)
        if c.kind == CommitteeKind.PLENUM.value:
            lead, lead_id, deputy = " / ".join(chairs.get(c.id, [])), None, ""
        rows.append(
            CommitteeRow(
                **_committee_fields(c),
                lead=lead,
                lead_id=lead_id,
                deputy_lead=deputy,
                members=mrows,
            )
        )
    return rows


def list_groups(store: Store, on: date | None = None, *, include_dissolved: bool = True) -> list[CommitteeRow]:
    """Working groups and networks (not the plenary)."""
    on = on or today()
    rows = [r for r in list_committees(store, on) if r.kind in GROUP_KINDS]
    return rows if include_dissolved else [r for r in rows if r.is_active(on)]


def resolution_rows(session: Session, condition: Any) -> list[ResolutionRow]:
    stmt = (
        select(AgendaItem, Meeting)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .join(Committee, Committee.id == Meeting.committee_id)
        .where(Committee.kind == CommitteeKind.PLENUM.value, condition)
        .order_by(Meeting.start.desc(), AgendaItem.position, AgendaItem.id)
    )
    return [
        from_attrs(
            ResolutionRow,
            item,
            "number",
            "title",
            "kind",
            "result",
            "resolution_text",
            agenda_item_id=item.id,
            meeting_id=m.id,
            meeting_title=m.display_title,
            meeting_start=m.start,
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
        return [replace(r, used_by=used.get(r.agenda_item_id, "")) for r in resolution_rows(s, cond)]


def suggested_founding(rows: Sequence[ResolutionRow]) -> ResolutionRow | None:
    """The newest unused item that speaks of founding a working group, for the dialog's default."""
    return next((r for r in rows if not r.used_by and r.looks_like_founding), None)


def plenary_meetings(store: Store) -> list[MeetingRef]:
    """The plenary's meetings, newest first (for reports and agenda items)."""
    with store.session() as s:
        pid = plenum_id(s)
        return [meeting_ref(m) for m in s.scalars(meetings_stmt(pid).order_by(Meeting.start.desc()))]


def meetings_stmt(committee_id: int) -> Select[Meeting]:
    return select(Meeting).where(Meeting.committee_id == committee_id)


def meeting_ref(m: Meeting) -> MeetingRef:
    return MeetingRef(id=m.id, committee_id=m.committee_id, title=m.display_title, start=m.start, status=m.status)


def next_plenary_meeting(store: Store, on: date | None = None) -> MeetingRef | None:
    """The plenary's next meeting from ``on`` (today) that is not cancelled and not yet held."""
    on = on or today()
    with store.session() as s:
        pid = plenum_id(s)
        m = s.scalar(
            meetings_stmt(pid)
            .where(
                Meeting.start >= datetime.combine(on, datetime.min.time()),
                Meeting.status.in_(NOT_HELD),
            )
            .order_by(Meeting.start)
            .limit(1)
        )
        return meeting_ref(m) if m else None


def report_rows(session: Session, committee_id: int) -> list[ReportRow]:
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
            meeting_title=m.display_title if m else "",
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


def _meeting_refs(session: Session, committee_id: int) -> list[MeetingRef]:
    """The committee's meetings (oldest first) with their attendance counts; two queries."""
    counts: dict[int, tuple[int, int]] = {}
    for meeting_id, status, n in session.execute(
        select(Attendance.meeting_id, Attendance.status, func.count(Attendance.id))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Meeting.committee_id == committee_id)
        .group_by(Attendance.meeting_id, Attendance.status)
    ):
        present, listed = counts.get(meeting_id, (0, 0))
        counts[meeting_id] = (present + (n if status in PRESENT else 0), listed + n)
    return [
        replace(meeting_ref(m), present=counts.get(m.id, (0, 0))[0], listed=counts.get(m.id, (0, 0))[1])
        for m in session.scalars(meetings_stmt(committee_id).order_by(Meeting.start))
    ]


def _open_actions(session: Session, committee_id: int) -> tuple[ActionRow, ...]:
    """Action items of the committee (or of its meetings) not yet done, by due date."""
    stmt = (
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
    return tuple(
        ActionRow(
            id=a.id,
            text=a.text,
            responsible=p.display_name if p else "",
            due=a.due_date,
            status=a.status,
            meeting_title=m.display_title if m else "",
        )
        for a, p, m in session.execute(stmt)
    )


def group_overview(store: Store, committee_id: int, on: date | None = None) -> GroupOverview:
    """A group with its seats (current and past), meetings, open action items and reports."""
    on = on or today()
    now = now_local() if on == today() else datetime.combine(on, datetime.min.time())
    with store.session() as s:
        c = get_or_raise(s, Committee, committee_id)
        founding = None
        if c.founding_agenda_item_id is not None:
            found = resolution_rows(s, AgendaItem.id == c.founding_agenda_item_id)
            founding = found[0] if found else None
        seats = [row for _cid, row in member_rows(s, Membership.committee_id == committee_id)]
        current = _sorted_members(m for m in seats if m.is_current(on))
        past = sorted(
            (m for m in seats if not m.is_current(on)),
            key=lambda m: (m.end or date.max, m.start or date.min),
            reverse=True,
        )
        meetings = _meeting_refs(s, committee_id)
        upcoming = [m for m in meetings if m.start >= now and m.status in NOT_HELD]
        lead, _lead_id, deputy = _leads(current)
        return GroupOverview(
            **_committee_fields(c),
            email=c.email,
            notes=c.notes,
            founding=founding,
            lead=lead,
            deputy_lead=deputy,
            members=current + tuple(past),
            meetings=tuple(meetings),
            next_meeting=upcoming[0] if upcoming else None,
            open_actions=_open_actions(s, committee_id),
            reports=tuple(report_rows(s, committee_id)),
            on=on,
        )


def member_candidates(store: Store, committee_id: int, on: date | None = None) -> list[CandidateRow]:
    """Active persons with their organisation and current plenary/group roles; two queries."""
    on = on or today()
    with store.session() as s:
        pid = plenum_id(s)
        roles: dict[tuple[int, int], str] = {}
        for person_id, cid, role in s.execute(
            select(Membership.person_id, Membership.committee_id, Membership.role).where(
                Membership.committee_id.in_([pid, committee_id]), Membership.valid_on(on)
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
                    name=person.display_name,
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
        from_attrs(
            GroupSeat,
            ms,
            "role",
            "body_id",
            "partner_id",
            membership_id=ms.id,
            committee_id=c.id,
            committee=c.name,
            committee_kind=c.kind,
            **span_cols(ms),
            person=p.display_name,
        )
        for ms, c, p in session.execute(stmt)
    ]


def group_seats_of(store: Store, person_id: int, on: date | None = None) -> list[GroupSeat]:
    """Store-level form of :func:`working_group_seats_of` for the UI."""
    with store.session() as s:
        return working_group_seats_of(s, person_id, on)


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

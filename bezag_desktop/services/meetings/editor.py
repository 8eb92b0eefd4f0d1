"""What the meeting editor reads: the choices it offers, a new meeting's suggested values, and
``editor_data``, everything for one opening or reload of the editor in one session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import Attendance, Body, Committee, Meeting, Partner, Person
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import CommitteeKind, MeetingStatus
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.domain.timeutil import today as berlin_today
from bezag_desktop.services.meetings.agenda import ElectionProposal, propose_election_item
from bezag_desktop.services.meetings.attendance import StandInProposal, stand_in_proposals
from bezag_desktop.services.meetings.core import VENUE_FIELDS
from bezag_desktop.services.meetings.operations import MeetingInput, allowed_statuses
from bezag_desktop.services.meetings.queries import (
    Choice,
    MeetingDetail,
    MeetingRow,
    list_meetings,
    meeting_detail,
    previous_meeting,
)
from bezag_desktop.services.records import get_or_raise
from bezag_desktop.services.store import operation


@dataclass(frozen=True)
class PreviousMeeting:
    """The committee's meeting before this one, with where and when its minutes were approved."""

    row: MeetingRow
    minutes_approved_in_id: int | None
    minutes_approved_on: date | None


@dataclass(frozen=True)
class EditorData:
    """Everything the meeting editor shows, read in one session (``editor_data``)."""

    #: None for a new meeting.
    detail: MeetingDetail | None
    committees: tuple[Choice, ...]
    persons: tuple[Choice, ...]
    #: The current status and those a user may change it to (``("geplant",)`` for a new meeting).
    statuses: tuple[str, ...]
    #: Suggested values for a new meeting (None for an existing one).
    defaults: MeetingInput | None
    previous: PreviousMeeting | None
    election_proposal: ElectionProposal | None


# --- choices -----------------------------------------------------------------------------------


@operation
def committee_choices(s: Session, *, include_dissolved: bool = False) -> list[Choice]:
    """Committees, the plenary first: one query. A group dissolved on a later day still counts as existing."""
    stmt = select(Committee).order_by(Committee.kind != CommitteeKind.PLENUM.value, Committee.name)
    if not include_dissolved:
        stmt = stmt.where(Committee.active_on(berlin_today()))
    return [Choice(c.id, c.name, c.kind, CommitteeKind(c.kind).label) for c in s.scalars(stmt)]


@operation
def person_choices(s: Session, ids: Iterable[int] = ()) -> list[Choice]:
    """Active persons (plus the given ids even if inactive), by name, with their organisation: one query."""
    wanted = list(ids)
    stmt = (
        select(Person, Body.name, Partner.name)
        .outerjoin(Body, Person.body_id == Body.id)
        .outerjoin(Partner, Person.partner_id == Partner.id)
        .where(or_(Person.active.is_(True), Person.id.in_(wanted)) if wanted else Person.active.is_(True))
        .order_by(Person.last_name, Person.first_name, Person.id)
    )
    return [Choice(p.id, p.display_name, "", bn or pn or "") for p, bn, pn in s.execute(stmt).all()]


@operation
def body_choices(s: Session) -> list[Choice]:
    return [
        Choice(b.id, b.name, b.kind)
        for b in s.scalars(select(Body).where(Body.active.is_(True)).order_by(Body.sort_order, Body.name))
    ]


@operation
def meeting_choices(s: Session, committee_id: int | None = None, *, exclude_id: int | None = None) -> list[Choice]:
    """Earlier meetings to copy agenda items from, newest first (one query)."""
    rows = list_meetings(s, committee=committee_id)
    return [
        Choice(r.id, f"{r.title} – {r.committee}", r.committee_kind, fmt_date(r.start))
        for r in sorted(rows, key=lambda r: r.start, reverse=True)
        if r.id != exclude_id
    ]


@operation
def default_new_meeting(s: Session, committee_id: int, today: date | None = None) -> MeetingInput:
    """Suggested values for a new meeting: six weeks ahead, 10 to 13 o'clock, the last meeting's place."""
    today = today or berlin_today()
    get_or_raise(s, Committee, committee_id)
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
    return from_attrs(
        MeetingInput, last, *VENUE_FIELDS, "minute_taker_id", committee_id=committee_id, start=start, end=end
    )


def _previous(s: Session, meeting_id: int) -> PreviousMeeting | None:
    row = previous_meeting(s, meeting_id)
    if row is None:
        return None
    prev = get_or_raise(s, Meeting, row.id)  # already in the session: no further query
    return PreviousMeeting(row, prev.minutes_approved_in_id, prev.minutes_approved_on)


@operation
def editor_data(
    s: Session, meeting_id: int | None, *, committee_id: int | None = None, today: date | None = None
) -> EditorData:
    """Everything the meeting editor shows, in one session: the detail (None for a new meeting), the
    committee and person choices, the statuses to offer, a new meeting's suggested values (for
    ``committee_id``, else the first committee), the previous meeting and the election proposal."""
    committees = tuple(committee_choices(s, include_dissolved=meeting_id is not None))
    if meeting_id is None:
        chosen = committee_id if committee_id is not None else (committees[0].id if committees else None)
        defaults = default_new_meeting(s, chosen, today) if chosen is not None else None
        taker = [defaults.minute_taker_id] if defaults is not None and defaults.minute_taker_id is not None else []
        return EditorData(
            detail=None,
            committees=committees,
            persons=tuple(person_choices(s, taker)),
            statuses=(MeetingStatus.GEPLANT.value,),
            defaults=defaults,
            previous=None,
            election_proposal=None,
        )
    detail = meeting_detail(s, meeting_id)
    return EditorData(
        detail=detail,
        committees=committees,
        persons=tuple(person_choices(s, [detail.minute_taker_id] if detail.minute_taker_id is not None else [])),
        statuses=tuple(allowed_statuses(detail.status)),
        defaults=None,
        previous=_previous(s, meeting_id),
        election_proposal=propose_election_item(s, meeting_id),
    )


@operation
def stand_in_candidates(s: Session, attendance_id: int) -> tuple[StandInProposal, ...]:
    """The free deputies of this member's body (by name), whatever the member's stored
    status: the editor offers them for a reply or status still in its draft (saving writes)."""
    return stand_in_proposals(s, get_or_raise(s, Attendance, attendance_id))

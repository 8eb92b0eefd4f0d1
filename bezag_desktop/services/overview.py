"""What the Übersicht shows at start: the next meetings, the current co-chairs and a few counts.

Kept small and cheap on purpose: it is the first thing loaded after the window appears, so it
runs a fixed handful of queries (no per-row queries) and returns plain rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import ActionItem, AgendaItem, Body, ChairTerm, Committee, Meeting, Person
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import ActionStatus, ChairSide, CommitteeKind, MeetingStatus
from bezag_desktop.domain.text import fold
from bezag_desktop.domain.timeutil import fmt_date, fmt_time
from bezag_desktop.domain.timeutil import today as today_berlin
from bezag_desktop.services.store import Store

NEXT_MEETINGS_LIMIT = 10


@dataclass(frozen=True)
class UpcomingMeeting:
    id: int
    committee: str
    committee_kind: str
    #: The display title: "Klausurtagung" or "2. Sitzung 2027"
    title: str
    #: naive Europe/Berlin wall time
    start: datetime
    end: datetime | None
    #: "10.03.2027"
    date: str
    #: "10:00–13:00 Uhr" (or "10:00 Uhr" without an end)
    time: str
    place: str
    status: str
    status_label: str


@dataclass(frozen=True)
class ChairInfo:
    side: str
    side_label: str
    #: Empty when the chair is vacant.
    person: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class Counts:
    bodies: int
    persons: int
    working_groups: int
    open_action_items: int


@dataclass(frozen=True)
class Overview:
    meetings: list[UpcomingMeeting]
    chairs: list[ChairInfo]
    counts: Counts


@dataclass(frozen=True)
class AgendaItemRef:
    """Where an agenda item sits, for a message: "TOP 5 „Wahl …“ der 2. Sitzung 2027 am 10.03.2027"."""

    number: str
    title: str
    meeting_title: str
    meeting_date: str
    committee: str

    @property
    def text(self) -> str:
        return f"TOP {self.number} „{self.title}“ der {self.meeting_title} ({self.committee}) am {self.meeting_date}"


def _place(name: str, room: str, online_url: str) -> str:
    """ "Bezirk Oberbayern, Sitzungssaal 1 (hybrid)", "Videokonferenz", "online"."""
    where = ", ".join(p for p in (name, room) if p)
    if not online_url:
        return where
    if not where:
        return "online"
    folded = fold(where)
    return where if "online" in folded or "video" in folded else f"{where} (hybrid)"


def _time_range(start: datetime, end: datetime | None) -> str:
    if end is not None and end.date() == start.date() and end > start:
        return f"{fmt_time(start)}–{fmt_time(end)} Uhr"
    return f"{fmt_time(start)} Uhr"


def next_meetings_in(session: Session, on: date, limit: int = NEXT_MEETINGS_LIMIT) -> list[UpcomingMeeting]:
    """Meetings from ``on`` (00:00) onwards, earliest first; cancelled ones stay visible with their status."""
    rows = session.execute(
        select(
            Meeting.id,
            Meeting.display_title,
            Meeting.start,
            Meeting.end,
            Meeting.location_name,
            Meeting.location_room,
            Meeting.online_url,
            Meeting.status,
            Committee.name,
            Committee.kind,
        )
        .join(Committee, Committee.id == Meeting.committee_id)
        .where(Meeting.start >= datetime.combine(on, time.min))
        .order_by(Meeting.start, Meeting.id)
        .limit(limit)
    ).all()
    return [
        from_attrs(
            UpcomingMeeting,
            r,
            "id",
            "start",
            "end",
            "status",
            committee=r.name,
            committee_kind=r.kind,
            title=r.display_title,
            date=fmt_date(r.start),
            time=_time_range(r.start, r.end),
            place=_place(r.location_name, r.location_room, r.online_url),
            status_label=MeetingStatus(r.status).label,
        )
        for r in rows
    ]


def current_chairs_in(session: Session, on: date) -> list[ChairInfo]:
    """Both sides of the joint chair on day ``on``; a vacant side has an empty ``person``."""
    rows = session.execute(
        select(ChairTerm.side, ChairTerm.start_date, ChairTerm.end_date, Person.display_name)
        .join(Person, Person.id == ChairTerm.person_id)
        .join(Committee, Committee.id == ChairTerm.committee_id)
        .where(Committee.kind == CommitteeKind.PLENUM.value, ChairTerm.valid_on(on))
        .order_by(ChairTerm.start_date.desc())
    ).all()
    out: list[ChairInfo] = []
    for side in ChairSide:
        row = next((r for r in rows if r.side == side.value), None)
        if row is None:
            out.append(ChairInfo(side.value, side.label, "", None, None))
        else:
            out.append(ChairInfo(side.value, side.label, row.display_name, row.start_date, row.end_date))
    return out


def counts_in(session: Session) -> Counts:
    """Four numbers in one query."""
    row = session.execute(
        select(
            select(func.count(Body.id)).where(Body.active.is_(True)).scalar_subquery(),
            select(func.count(Person.id)).where(Person.active.is_(True)).scalar_subquery(),
            select(func.count(Committee.id))
            .where(Committee.kind == CommitteeKind.ARBEITSGRUPPE.value, Committee.dissolved_on.is_(None))
            .scalar_subquery(),
            select(func.count(ActionItem.id)).where(ActionItem.status != ActionStatus.ERLEDIGT.value).scalar_subquery(),
        )
    ).one()
    return Counts(bodies=int(row[0]), persons=int(row[1]), working_groups=int(row[2]), open_action_items=int(row[3]))


def load_overview(store: Store, today: date | None = None) -> Overview:
    on = today or today_berlin()
    with store.session() as s:
        return Overview(meetings=next_meetings_in(s, on), chairs=current_chairs_in(s, on), counts=counts_in(s))


def agenda_item_ref(store: Store, agenda_item_id: int) -> AgendaItemRef | None:
    """Describe an agenda item for a message to the user; ``None`` if it does not exist."""
    with store.session() as s:
        row = s.execute(
            select(AgendaItem.number, AgendaItem.title, Meeting.display_title, Meeting.start, Committee.name)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .join(Committee, Committee.id == Meeting.committee_id)
            .where(AgendaItem.id == agenda_item_id)
        ).first()
    if row is None:
        return None
    return AgendaItemRef(
        number=row[0] or "",
        title=row[1],
        meeting_title=row[2],
        meeting_date=fmt_date(row[3]),
        committee=row[4],
    )

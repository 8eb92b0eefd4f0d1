"""Factories for the Vertretungen/Vorsitz/Wahlen tests: persons, mandates, chair terms, a meeting with attendance.

Persons and mandates go through the services under test where that is the point of the test; meetings
and attendance are written directly, so these tests do not depend on the meeting services.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from bezag_desktop.db.models import Attendance, Body, ChairTerm, Committee, Meeting, Membership, Person
from bezag_desktop.domain.codes import AttendanceStatus, CommitteeKind, InviteRole, MeetingStatus
from bezag_desktop.services.representation.people import person_search_key
from bezag_desktop.services.store import Store

START = date(2025, 2, 1)


def plenum_id(store: Store) -> int:
    with store.session() as s:
        found = s.scalar(select(Committee.id).where(Committee.kind == CommitteeKind.PLENUM.value))
        assert found is not None
        return found


def body_id(store: Store, ags: str) -> int:
    with store.session() as s:
        found = s.scalar(select(Body.id).where(Body.ags == ags))
        assert found is not None, ags
        return found


def all_body_ids(store: Store) -> list[int]:
    with store.session() as s:
        return list(s.scalars(select(Body.id).order_by(Body.sort_order)))


def person(
    store: Store,
    last: str,
    first: str = "",
    *,
    email: str | None = None,
    title: str = "",
    employer: int | None = None,
    active: bool = True,
) -> int:
    mail = email if email is not None else f"{first}.{last}@lra.example".lower().replace(" ", "")
    with store.session() as s:
        p = Person(
            title=title,
            first_name=first,
            last_name=last,
            email=mail,
            body_id=employer,
            active=active,
            search_key=person_search_key(title, first, last, mail),
        )
        s.add(p)
        s.flush()
        return p.id


def mandate(
    store: Store,
    person_id: int,
    body: int,
    role: str = "mitglied",
    *,
    start: date | None = START,
    end: date | None = None,
) -> int:
    with store.session() as s:
        m = Membership(
            person_id=person_id,
            committee_id=s.scalar(select(Committee.id).where(Committee.kind == CommitteeKind.PLENUM.value)),
            body_id=body,
            role=role,
            start_date=start,
            end_date=end,
        )
        s.add(m)
        s.flush()
        return m.id


def seat_all(store: Store, count: int = 24) -> dict[int, tuple[int, int]]:
    """A member and a deputy for the first ``count`` bodies: {body_id: (member_id, deputy_id)}."""
    seats = {}
    for n, bid in enumerate(all_body_ids(store)[:count], start=1):
        member = person(store, f"Mitglied{n:02d}", "Anna", employer=bid)
        deputy = person(store, f"Vertretung{n:02d}", "Jonas", employer=bid)
        mandate(store, member, bid, "mitglied")
        mandate(store, deputy, bid, "stellvertretung")
        seats[bid] = (member, deputy)
    return seats


def chair_term(store: Store, person_id: int, side: str, start: date, end: date | None) -> int:
    with store.session() as s:
        t = ChairTerm(
            committee_id=s.scalar(select(Committee.id).where(Committee.kind == CommitteeKind.PLENUM.value)),
            side=side,
            person_id=person_id,
            start_date=start,
            end_date=end,
        )
        s.add(t)
        s.flush()
        return t.id


def meeting_with_attendance(
    store: Store,
    start: datetime,
    present: dict[int, int],
    *,
    represented: dict[int, tuple[int, int]] | None = None,
    excused: dict[int, int] | None = None,
    status: str = MeetingStatus.DURCHGEFUEHRT.value,
) -> int:
    """A plenary meeting: ``present`` {body: person} attended; ``represented`` {body: (member, deputy)}
    where the deputy stood in; ``excused`` {body: member} without a stand-in."""
    with store.session() as s:
        plenum = s.scalar(select(Committee.id).where(Committee.kind == CommitteeKind.PLENUM.value))
        assert plenum is not None
        number = (
            s.scalar(select(Meeting.number).where(Meeting.year == start.year).order_by(Meeting.number.desc())) or 0
        ) + 1
        m = Meeting(committee_id=plenum, year=start.year, number=number, start=start, status=status, title="")
        s.add(m)
        s.flush()
        for bid, pid in present.items():
            s.add(Attendance(meeting_id=m.id, person_id=pid, body_id=bid, status=AttendanceStatus.ANWESEND.value))
        for bid, (member, deputy) in (represented or {}).items():
            s.add(
                Attendance(
                    meeting_id=m.id,
                    person_id=member,
                    body_id=bid,
                    status=AttendanceStatus.VERTRETEN.value,
                    stood_in_by_id=deputy,
                )
            )
            s.add(
                Attendance(
                    meeting_id=m.id,
                    person_id=deputy,
                    body_id=bid,
                    role=InviteRole.STELLVERTRETUNG.value,
                    status=AttendanceStatus.ANWESEND.value,
                )
            )
        for bid, pid in (excused or {}).items():
            s.add(Attendance(meeting_id=m.id, person_id=pid, body_id=bid, status=AttendanceStatus.ENTSCHULDIGT.value))
        return m.id

"""Factories for the meeting tests: persons, mandates in the plenary, chairs, invitations.

They write rows directly (not through the people/mandate services of other areas), so the meeting
tests only depend on the meeting services under test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from bezag_desktop.db.models import Body, ChairTerm, Committee, Invitation, Membership, Person
from bezag_desktop.domain.codes import CommitteeKind
from bezag_desktop.domain.text import fold
from bezag_desktop.services.meetings import operations as meetings
from bezag_desktop.services.store import Store

MANDATE_START = date(2024, 1, 1)


def plenum_id(store: Store) -> int:
    with store.session() as s:
        found = s.scalar(select(Committee.id).where(Committee.kind == CommitteeKind.PLENUM.value))
        assert found is not None
        return found


def body_ids(store: Store) -> list[int]:
    """The 24 bodies in their order (Bezirk first)."""
    with store.session() as s:
        return list(s.scalars(select(Body.id).order_by(Body.sort_order)))


def add_person(
    store: Store, last: str, first: str = "", *, email: str | None = None, body_id: int | None = None
) -> int:
    mail = email if email is not None else f"{fold(first)}.{fold(last)}@example.org".replace(" ", "")
    with store.session() as s:
        p = Person(
            first_name=first,
            last_name=last,
            email=mail,
            body_id=body_id,
            search_key=fold(" ".join([first, last, mail])),
        )
        s.add(p)
        s.flush()
        return p.id


def add_mandate(
    store: Store,
    person_id: int,
    committee_id: int,
    role: str,
    *,
    body_id: int | None = None,
    partner_id: int | None = None,
    start: date | None = MANDATE_START,
    end: date | None = None,
) -> int:
    with store.session() as s:
        m = Membership(
            person_id=person_id,
            committee_id=committee_id,
            body_id=body_id,
            partner_id=partner_id,
            role=role,
            start_date=start,
            end_date=end,
        )
        s.add(m)
        s.flush()
        return m.id


@dataclass(frozen=True)
class Seat:
    body_id: int
    member_id: int
    deputy_id: int


def seat_plenary(store: Store, count: int = 24) -> list[Seat]:
    """A member and a deputy (with e-mail) for the first ``count`` bodies."""
    pid = plenum_id(store)
    seats = []
    for n, bid in enumerate(body_ids(store)[:count], start=1):
        member = add_person(store, f"Mitglied{n:02d}", "Anna", body_id=bid)
        deputy = add_person(store, f"Vertretung{n:02d}", "Jonas", body_id=bid)
        add_mandate(store, member, pid, "mitglied", body_id=bid)
        add_mandate(store, deputy, pid, "stellvertretung", body_id=bid)
        seats.append(Seat(bid, member, deputy))
    return seats


def add_chair(store: Store, person_id: int, side: str, start: date, end: date | None) -> int:
    with store.session() as s:
        t = ChairTerm(committee_id=plenum_id(store), side=side, person_id=person_id, start_date=start, end_date=end)
        s.add(t)
        s.flush()
        return t.id


def record_invitation(store: Store, meeting_id: int) -> None:
    """What the invitation helper does when an invitation goes out (an Invitation row)."""
    with store.session() as s:
        from bezag_desktop.db.models import Meeting

        m = s.get(Meeting, meeting_id)
        assert m is not None
        s.add(Invitation(meeting_id=meeting_id, sent_at=datetime(2026, 11, 21, 9), sequence=m.sequence))


def new_meeting(store: Store, start: datetime, *, committee_id: int | None = None, hours: int = 3, **kw: Any) -> int:
    from datetime import timedelta

    return meetings.create_meeting(
        store,
        meetings.MeetingInput(
            committee_id=committee_id or plenum_id(store), start=start, end=start + timedelta(hours=hours), **kw
        ),
    )

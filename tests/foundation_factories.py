"""Small factories for the Foundation tests (checks, Übersicht, main window): rows straight into the store."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from bezag_desktop.db.models import (
    AgendaItem,
    Body,
    ChairTerm,
    Committee,
    Invitation,
    Meeting,
    Membership,
    Person,
)
from bezag_desktop.domain.codes import CommitteeKind, MeetingStatus
from bezag_desktop.domain.text import fold
from bezag_desktop.services.store import Store


def plenum_id(store: Store) -> int:
    with store.session() as s:
        found = s.scalar(select(Committee.id).where(Committee.kind == CommitteeKind.PLENUM.value))
        assert found is not None
        return found


def body_ids(store: Store) -> list[int]:
    with store.session() as s:
        return list(s.scalars(select(Body.id).order_by(Body.sort_order)))


def add_group(store: Store, name: str = "AG Pflege") -> int:
    with store.session() as s:
        group = Committee(name=name, kind=CommitteeKind.ARBEITSGRUPPE.value, parent_id=plenum_id(store))
        s.add(group)
        s.flush()
        return group.id


def add_person(
    store: Store, first: str = "Anna", last: str = "Huber", *, title: str = "", body_id: int | None = None
) -> int:
    email = f"{fold(first)}.{fold(last)}@beispiel.example".replace(" ", "")
    with store.session() as s:
        person = Person(
            title=title,
            first_name=first,
            last_name=last,
            email=email,
            body_id=body_id,
            search_key=fold(" ".join([title, first, last, email])),
        )
        s.add(person)
        s.flush()
        return person.id


def add_mandate(
    store: Store,
    person_id: int,
    body_id: int,
    role: str = "mitglied",
    *,
    start: date | None = date(2025, 1, 1),
    end: date | None = None,
    committee_id: int | None = None,
) -> int:
    with store.session() as s:
        m = Membership(
            person_id=person_id,
            committee_id=committee_id or plenum_id(store),
            body_id=body_id,
            role=role,
            start_date=start,
            end_date=end,
        )
        s.add(m)
        s.flush()
        return m.id


def represent_all(store: Store, *, skip: frozenset[int] = frozenset()) -> None:
    """A member and a deputy for every body (except ``skip``), in one transaction."""
    plenum = plenum_id(store)
    with store.session() as s:
        for i, body_id in enumerate(s.scalars(select(Body.id).order_by(Body.id)).all()):
            if body_id in skip:
                continue
            for role in ("mitglied", "stellvertretung"):
                p = Person(first_name=f"Vorname{i}", last_name=f"{role.title()}{i}", email=f"p{i}{role}@x.example")
                s.add(p)
                s.flush()
                s.add(
                    Membership(
                        person_id=p.id,
                        committee_id=plenum,
                        body_id=body_id,
                        role=role,
                        start_date=date(2025, 1, 1),
                    )
                )


def add_chair(store: Store, side: str, person_id: int, start: date, end: date | None) -> int:
    with store.session() as s:
        term = ChairTerm(committee_id=plenum_id(store), side=side, person_id=person_id, start_date=start, end_date=end)
        s.add(term)
        s.flush()
        return term.id


def add_meeting(
    store: Store,
    start: datetime,
    *,
    committee_id: int | None = None,
    number: int | None = None,
    status: str = MeetingStatus.GEPLANT.value,
    hours: float | None = 3,
    location: str = "Bezirk Oberbayern",
    room: str = "",
    online_url: str = "",
) -> int:
    committee = committee_id or plenum_id(store)
    with store.session() as s:
        if number is None:
            taken = s.scalars(
                select(Meeting.number).where(Meeting.committee_id == committee, Meeting.year == start.year)
            ).all()
            number = max(taken, default=0) + 1
        m = Meeting(
            committee_id=committee,
            year=start.year,
            number=number,
            status=status,
            start=start,
            end=None if hours is None else start + timedelta(hours=hours),
            location_name=location,
            location_room=room,
            online_url=online_url,
        )
        s.add(m)
        s.flush()
        return m.id


def add_invitation(store: Store, meeting_id: int) -> None:
    with store.session() as s:
        s.add(Invitation(meeting_id=meeting_id, sent_at=datetime(2026, 11, 1, 9, 0), sequence=0))


def add_agenda_item(store: Store, meeting_id: int, title: str, kind: str = "bericht", number: str = "1") -> int:
    with store.session() as s:
        item = AgendaItem(meeting_id=meeting_id, title=title, kind=kind, number=number, position=int(number))
        s.add(item)
        s.flush()
        return item.id

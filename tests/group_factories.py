"""Small factories for the working-group and contacts tests: persons, plenary meetings with agenda items.

They write rows directly, so these tests do not depend on the meeting services' validation.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bezag_desktop.db.models import AgendaItem, Body, Committee, Meeting, Person
from bezag_desktop.domain.codes import CommitteeKind
from bezag_desktop.domain.text import fold
from bezag_desktop.services.groups import operations as committees
from bezag_desktop.services.representation import people
from bezag_desktop.services.store import Store


def body_id(store: Store, ags: str) -> int:
    with store.session() as s:
        found = s.scalar(select(Body.id).where(Body.ags == ags))
        assert found is not None
        return found


def plenum_id(store: Store) -> int:
    with store.session() as s:
        found = s.scalar(select(Committee.id).where(Committee.kind == CommitteeKind.PLENUM.value))
        assert found is not None
        return found


def add_person(
    store: Store,
    last: str,
    first: str = "",
    *,
    ags: str | None = None,
    partner_id: int | None = None,
    email: str | None = None,
    active: bool = True,
) -> int:
    bid = body_id(store, ags) if ags else None
    mail = email if email is not None else f"{fold(first)}.{fold(last)}@example.org".replace(" ", "")
    with store.session() as s:
        p = Person(
            first_name=first,
            last_name=last,
            body_id=bid,
            partner_id=partner_id,
            email=mail,
            active=active,
            search_key=people.person_search_key("", first, last, mail),
        )
        s.add(p)
        s.flush()
        return p.id


def add_meeting(
    store: Store,
    committee_id: int,
    start: datetime,
    *,
    items: tuple[tuple[str, str], ...] = (),
    status: str = "durchgefuehrt",
    title: str = "",
) -> tuple[int, list[int]]:
    """A meeting with top-level agenda items (title, kind); returns (meeting id, item ids)."""
    with store.session() as s:
        year = start.year
        number = len(
            list(s.scalars(select(Meeting.id).where(Meeting.committee_id == committee_id, Meeting.year == year)))
        )
        m = Meeting(
            committee_id=committee_id,
            year=year,
            number=number + 1,
            status=status,
            title=title or f"{number + 1}. Sitzung {year}",
            start=start,
            end=start.replace(hour=min(start.hour + 3, 23)),
        )
        s.add(m)
        s.flush()
        ids = []
        for pos, (item_title, kind) in enumerate(items, start=1):
            item = AgendaItem(
                meeting_id=m.id,
                position=pos,
                number=str(pos),
                title=item_title,
                kind=kind,
                result="beschlossen" if kind == "beschluss" and status == "durchgefuehrt" else None,
            )
            s.add(item)
            s.flush()
            ids.append(item.id)
        return m.id, ids


def plenary_with_resolution(store: Store, start: datetime | None = None, title: str = "Gründung einer AG") -> int:
    """A held plenary meeting with a resolution item; returns the item id."""
    _mid, ids = add_meeting(
        store,
        plenum_id(store),
        start or datetime(2026, 7, 8, 10, 0),
        items=(("Begrüßung", "bericht"), (title, "beschluss")),
    )
    return ids[1]


def found_group(store: Store, name: str = "AG Wohnungslosenhilfe", item_id: int | None = None, **kw: object) -> int:
    item = item_id if item_id is not None else plenary_with_resolution(store)
    data = committees.GroupInput(name=name, founding_agenda_item_id=item, **kw)  # type: ignore[arg-type]
    return committees.found_group(store, data)

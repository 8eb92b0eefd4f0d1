"""The shared terms on the models: Python and SQL side of each hybrid agree on every boundary."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from factories import add_person, plenum_id
from sqlalchemy import select

from bezag_desktop.db.models import ChairTerm, Committee, Meeting, Membership, Person
from bezag_desktop.domain.codes import ChairSide, CommitteeKind, MembershipRole
from bezag_desktop.services.store import Store

START = date(2026, 3, 1)
END = date(2026, 6, 30)

#: (start, end, day, expected): inclusive start and end, NULL is an open bound.
VALIDITY = [
    (START, END, date(2026, 2, 28), False),  # the day before the start
    (START, END, START, True),  # the start day
    (START, END, date(2026, 4, 15), True),
    (START, END, END, True),  # the end day
    (START, END, date(2026, 7, 1), False),  # the day after the end
    (None, END, date(1990, 1, 1), True),  # open start
    (None, END, date(2026, 7, 1), False),
    (START, None, date(2099, 12, 31), True),  # open end
    (START, None, date(2026, 2, 28), False),
    (None, None, date(2026, 1, 1), True),
]


@pytest.mark.parametrize(("start", "end", "day", "expected"), VALIDITY)
def test_membership_valid_on_agrees_in_python_and_sql(
    store: Store, start: date | None, end: date | None, day: date, expected: bool
) -> None:
    person_id, plenum = add_person(store), plenum_id(store)
    with store.session() as s:
        mandate = Membership(
            person_id=person_id, committee_id=plenum, role=MembershipRole.MITGLIED.value, start_date=start, end_date=end
        )
        s.add(mandate)
        s.flush()
        assert mandate.valid_on(day) is expected
        found = s.scalar(select(Membership.id).where(Membership.id == mandate.id, Membership.valid_on(day)))
        assert (found is not None) is expected


@pytest.mark.parametrize(("start", "end", "day", "expected"), [v for v in VALIDITY if v[0] is not None])
def test_chair_term_valid_on_agrees_in_python_and_sql(
    store: Store, start: date, end: date | None, day: date, expected: bool
) -> None:
    person_id, plenum = add_person(store), plenum_id(store)
    with store.session() as s:
        term = ChairTerm(
            committee_id=plenum, side=ChairSide.BEZIRK.value, person_id=person_id, start_date=start, end_date=end
        )
        s.add(term)
        s.flush()
        assert term.valid_on(day) is expected
        found = s.scalar(select(ChairTerm.id).where(ChairTerm.id == term.id, ChairTerm.valid_on(day)))
        assert (found is not None) is expected


@pytest.mark.parametrize(
    ("dissolved", "day", "expected"),
    [
        (None, date(2030, 1, 1), True),
        (END, date(2026, 6, 29), True),
        (END, END, True),  # the last day still counts
        (END, date(2026, 7, 1), False),
    ],
)
def test_committee_active_on_agrees_in_python_and_sql(
    store: Store, dissolved: date | None, day: date, expected: bool
) -> None:
    with store.session() as s:
        group = Committee(name="AG Wohnen", kind=CommitteeKind.ARBEITSGRUPPE.value, dissolved_on=dissolved)
        s.add(group)
        s.flush()
        assert group.active_on(day) is expected
        found = s.scalar(select(Committee.id).where(Committee.id == group.id, Committee.active_on(day)))
        assert (found is not None) is expected


@pytest.mark.parametrize(
    ("title", "first", "last", "expected"),
    [
        ("Dr.", "Anna", "Huber", "Dr. Anna Huber"),
        ("", "Anna", "Huber", "Anna Huber"),
        ("Dr.", "", "Huber", "Dr. Huber"),
        ("", "", "Huber", "Huber"),
        ("", "Anna", "", "Anna"),
        ("Prof. Dr.", "Eva-Maria", "Müller-Lüdenscheidt", "Prof. Dr. Eva-Maria Müller-Lüdenscheidt"),
    ],
)
def test_person_display_name_agrees_in_python_and_sql(
    store: Store, title: str, first: str, last: str, expected: str
) -> None:
    person_id = add_person(store, title=title, first=first, last=last)
    with store.session() as s:
        person = s.get(Person, person_id)
        assert person is not None
        assert person.display_name == expected
        assert Person.compose_name(title, first, last) == expected
        assert s.scalar(select(Person.display_name).where(Person.id == person_id)) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [("", "2. Sitzung 2027"), ("Klausurtagung", "Klausurtagung")],
)
def test_meeting_display_title_prefers_the_custom_title(store: Store, title: str, expected: str) -> None:
    plenum = plenum_id(store)
    with store.session() as s:
        meeting = Meeting(committee_id=plenum, year=2027, number=2, title=title, start=datetime(2027, 7, 8, 10))
        s.add(meeting)
        s.flush()
        assert meeting.display_title == expected
        assert Meeting.compose_title(title, 2, 2027) == expected
        assert s.scalar(select(Meeting.display_title).where(Meeting.id == meeting.id)) == expected
        assert meeting.label == f"„{expected}“ am 08.07.2027"
        by_title = s.scalar(select(Meeting.id).where(Meeting.display_title == expected))
        assert by_title == meeting.id


def test_default_title() -> None:
    assert Meeting.default_title(1, 2026) == "1. Sitzung 2026"

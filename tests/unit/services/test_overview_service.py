"""The rows behind the Übersicht: next meetings, the joint chair, the counts."""

from __future__ import annotations

from datetime import date, datetime

from factories import add_agenda_item, add_chair, add_group, add_meeting, add_person
from querycount import count_queries

from bezag_desktop.services import overview
from bezag_desktop.services.store import Store

TODAY = date(2026, 11, 21)


def test_next_meetings_from_today_in_order(store: Store) -> None:
    group = add_group(store, name="AG Wohnungslosenhilfe")
    add_meeting(store, datetime(2026, 11, 20, 10))  # yesterday: not shown
    today = add_meeting(store, datetime(2026, 11, 21, 9, 30), hours=None, location="", online_url="https://v.example/1")
    later = add_meeting(store, datetime(2027, 3, 10, 14), hours=3, location="Bezirk Oberbayern", room="Saal 1")
    hybrid = add_meeting(
        store, datetime(2026, 12, 1, 14), committee_id=group, hours=2.5, location="Landratsamt", online_url="https://x"
    )
    cancelled = add_meeting(
        store, datetime(2026, 12, 2, 10), status="abgesagt", location="Videokonferenz", online_url="u"
    )
    rows = overview.load_overview(store, TODAY).meetings
    assert [r.id for r in rows] == [today, hybrid, cancelled, later]
    first, second, third, fourth = rows
    assert (first.title, first.date, first.time, first.place) == (
        "2. Sitzung 2026",
        "21.11.2026",
        "09:30 Uhr",
        "online",
    )
    assert (second.committee, second.committee_kind, second.title) == (
        "AG Wohnungslosenhilfe",
        "arbeitsgruppe",
        "1. Sitzung 2026",
    )
    assert (second.time, second.place) == ("14:00–16:30 Uhr", "Landratsamt (hybrid)")
    assert (third.status, third.status_label, third.place) == ("abgesagt", "abgesagt", "Videokonferenz")
    assert (fourth.date, fourth.place, fourth.status_label) == ("10.03.2027", "Bezirk Oberbayern, Saal 1", "geplant")
    assert fourth.committee == "Bezirksarbeitsgemeinschaft Sozialplanung"


def test_at_most_ten_meetings(store: Store) -> None:
    for month in range(1, 13):
        add_meeting(store, datetime(2027, month, 5, 10))
    rows = overview.load_overview(store, TODAY).meetings
    assert len(rows) == overview.NEXT_MEETINGS_LIMIT == 10
    assert rows[-1].date == "05.10.2027"


def test_chairs_current_and_vacant(store: Store) -> None:
    person = add_person(store, first="Maria", last="Pröbstl", title="Dr.")
    add_chair(store, side="bezirk", person_id=person, start=date(2025, 1, 13), end=None)
    old = add_person(store, first="Alt", last="Vorsitz")
    add_chair(store, side="kommunen", person_id=old, start=date(2022, 1, 1), end=date(2024, 12, 31))
    chairs = overview.load_overview(store, TODAY).chairs
    assert [(c.side, c.side_label, c.person, c.start, c.end) for c in chairs] == [
        ("bezirk", "Vorsitz Bezirk", "Dr. Maria Pröbstl", date(2025, 1, 13), None),
        ("kommunen", "Vorsitz Landkreise/Städte", "", None, None),
    ]


def test_counts(store: Store) -> None:
    add_person(store)
    add_group(store, name="AG Pflege")
    counts = overview.load_overview(store, TODAY).counts
    assert counts == overview.Counts(bodies=24, persons=1, working_groups=1, open_action_items=0)


def test_query_count_does_not_grow(store: Store) -> None:
    with count_queries(store.engine) as few:
        overview.load_overview(store, TODAY)
    for month in range(1, 13):
        add_meeting(store, datetime(2027, month, 5, 10))
        add_person(store, first=f"P{month}", last="Person")
    with count_queries(store.engine) as many:
        overview.load_overview(store, TODAY)
    assert many.count == few.count, many


def test_agenda_item_ref(store: Store) -> None:
    meeting = add_meeting(store, datetime(2026, 12, 10, 10))
    item = add_agenda_item(store, meeting_id=meeting, title="Wahl des Vorsitzes", kind="wahl", number="6")
    ref = overview.agenda_item_ref(store, item)
    assert ref is not None
    assert ref.text == (
        "TOP 6 „Wahl des Vorsitzes“ der 1. Sitzung 2026 (Bezirksarbeitsgemeinschaft Sozialplanung) am 10.12.2026"
    )
    assert overview.agenda_item_ref(store, 9999) is None


def test_custom_title_is_shown(store: Store) -> None:
    meeting = add_meeting(store, datetime(2026, 12, 10, 10), title="Klausurtagung")
    item = add_agenda_item(store, meeting_id=meeting, title="Wahl des Vorsitzes", kind="wahl", number="2")
    assert [r.title for r in overview.load_overview(store, TODAY).meetings] == ["Klausurtagung"]
    ref = overview.agenda_item_ref(store, item)
    assert ref is not None
    assert ref.meeting_title == "Klausurtagung"

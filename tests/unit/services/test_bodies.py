"""The bodies list: current members and deputies, gaps, JSON, constant query count; naming bodies."""

from __future__ import annotations

from datetime import date

import pytest
from factories import add_mandate, add_person, body_id, seat_plenary
from querycount import count_queries

from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.services.representation import bodies
from bezag_desktop.services.store import Store


def test_seeded_bodies_all_have_gaps(store: Store) -> None:
    rows = bodies.list_bodies(store)
    assert len(rows) == 24
    assert rows[0].name == "Bezirk Oberbayern"
    assert (rows[0].member_seats, rows[0].deputy_seats) == (2, 2)
    assert all(r.gap_level == "error" for r in rows)
    kinds = {(r.name, r.kind, r.ags) for r in rows}
    assert ("Landeshauptstadt München", "kreisfreie_stadt", "09162") in kinds
    assert ("Landkreis München", "landkreis", "09184") in kinds
    assert ("Stadt Rosenheim", "kreisfreie_stadt", "09163") in kinds
    assert ("Landkreis Rosenheim", "landkreis", "09187") in kinds


def test_current_members_and_deputies_with_gaps(store: Store) -> None:
    ebe, dah = body_id(store, "09175"), body_id(store, "09174")
    anna = add_person(store, last="Huber", first="Anna", title="Dr.", email="anna.huber@lra-ebe.example")
    add_mandate(store, person_id=anna, body_id=ebe, start=date(2025, 2, 1))
    old = add_person(store, last="Alt", first="Otto")
    add_mandate(
        store, person_id=old, body_id=ebe, role="stellvertretung", start=date(2020, 1, 1), end=date(2025, 12, 31)
    )
    add_mandate(
        store,
        person_id=add_person(store, last="Weiß", first="Jonas"),
        body_id=dah,
        role="stellvertretung",
        start=date(2025, 2, 1),
    )
    rows = {r.id: r for r in bodies.list_bodies(store)}
    assert rows[ebe].to_json() == {
        "id": ebe,
        "name": "Landkreis Ebersberg",
        "kind": "landkreis",
        "ags": "09175",
        "members": [{"person_id": anna, "name": "Dr. Anna Huber", "email": "anna.huber@lra-ebe.example"}],
        "deputies": [],
    }
    assert rows[ebe].gaps == ("keine Stellvertretung",)
    assert rows[ebe].gap_level == "warning"
    assert rows[dah].gaps == ("kein Mitglied",)
    assert rows[dah].gap_level == "error"
    # On an earlier day the old deputy was in office.
    earlier = {r.id: r for r in bodies.list_bodies(store, on=date(2025, 6, 1))}
    assert earlier[ebe].deputy_names == "Otto Alt"


def test_list_bodies_query_count_does_not_grow(store: Store) -> None:
    with count_queries(store.engine) as few:
        bodies.list_bodies(store)
    seat_plenary(store)
    with count_queries(store.engine) as many:
        rows = bodies.list_bodies(store)
    assert all(r.members and r.deputies for r in rows)
    assert many.count == few.count
    assert few.count <= 5


def test_body_history_lists_all_mandates(store: Store) -> None:
    ebe = body_id(store, "09175")
    add_mandate(
        store,
        person_id=add_person(store, last="Alt", first="Otto"),
        body_id=ebe,
        start=date(2020, 1, 1),
        end=date(2025, 1, 31),
    )
    add_mandate(store, person_id=add_person(store, last="Huber", first="Anna"), body_id=ebe, start=date(2025, 2, 1))
    history = bodies.body_history(store, ebe)
    assert [(h.person, h.status) for h in history] == [("Anna Huber", "laufend"), ("Otto Alt", "beendet")]


@pytest.mark.parametrize(
    ("value", "ags"),
    [
        ("09175", "09175"),
        (9175, "09175"),
        (91, "091"),
        ("Landkreis Ebersberg", "09175"),
        ("ebersberg", "09175"),
        ("Landeshauptstadt München", "09162"),
        ("Stadt Rosenheim", "09163"),
        ("Lkr. Rosenheim", "09187"),
        ("Bezirk Oberbayern", "091"),
        ("Mühldorf a.Inn", "09183"),
    ],
)
def test_resolve_body(store: Store, value: object, ags: str) -> None:
    with store.session() as s:
        keys = bodies.body_keys_in(s)
    assert bodies.resolve_body(keys, value).ags == ags


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("München", "mehrdeutig"),
        ("Rosenheim", "mehrdeutig"),
        ("09999", "Unbekannter Gemeindeschlüssel"),
        ("Hintertupfing", "Unbekannte Körperschaft"),
        (None, "fehlt"),
    ],
)
def test_resolve_body_errors(store: Store, value: object, message: str) -> None:
    with store.session() as s:
        keys = bodies.body_keys_in(s)
    with pytest.raises(ValidationError, match=message):
        bodies.resolve_body(keys, value)

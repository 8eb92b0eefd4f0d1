"""The joint chair: designation of the Bezirk side, current and past terms, computed term ends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from factories import add_chair, add_mandate, add_person, body_id

from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.services import settings
from bezag_desktop.services.representation import chairs
from bezag_desktop.services.store import Store


def test_designate_bezirk_closes_predecessor(store: Store) -> None:
    bezirk = body_id(store, "091")
    old = add_person(store, last="Pröbstl", first="Maria", body_id=bezirk)
    new = add_person(store, last="Öttl", first="Stefanie", body_id=bezirk)
    first = chairs.designate_bezirk(store, old, date(2025, 1, 13))
    assert first.end is None
    assert first.notes == "benannt durch den Bezirk Oberbayern ab 13.01.2025"
    second = chairs.designate_bezirk(store, new, date(2026, 12, 1), notes="Schreiben vom 10.11.2026")
    rows = chairs.list_chairs(store)
    assert [(r.person, r.start, r.end, r.status) for r in rows] == [
        ("Stefanie Öttl", date(2026, 12, 1), None, "künftig"),
        ("Maria Pröbstl", date(2025, 1, 13), date(2026, 11, 30), "laufend"),
    ]
    assert second.side_label == "Vorsitz Bezirk"


def test_designate_bezirk_needs_a_bezirk_person(store: Store) -> None:
    outsider = add_person(store, last="Huber", first="Anna", body_id=body_id(store, "09175"))
    with pytest.raises(ValidationError, match="gehört nicht zum Bezirk Oberbayern"):
        chairs.designate_bezirk(store, outsider, date(2026, 12, 1))
    # A person sent by the Bezirk into the plenary counts, whatever the employer field says.
    delegate = add_person(store, last="Wagner", first="Stefan")
    add_mandate(store, person_id=delegate, body_id=body_id(store, "091"), start=date(2025, 1, 1))
    assert chairs.designate_bezirk(store, delegate, date(2026, 12, 1)).person == "Stefan Wagner"


def test_current_chairs_on_a_day(store: Store) -> None:
    a = add_person(store, last="Pröbstl", first="Maria", email="maria.proebstl@bezirk.example")
    b = add_person(store, last="Mößmer", first="Josef", email="josef.moessmer@lra.example")
    c = add_person(store, last="Früher", first="Fritz")
    add_chair(store, person_id=c, side="kommunen", start=date(2022, 1, 30), end=date(2025, 1, 29))
    add_chair(store, person_id=b, side="kommunen", start=date(2025, 1, 30), end=date(2028, 1, 29))
    add_chair(store, person_id=a, side="bezirk", start=date(2025, 1, 13), end=None)
    with store.session() as s:
        now = chairs.current_chairs(s, date(2026, 11, 21))
        then = chairs.current_chairs(s, date(2024, 6, 1))
    assert [(r.side, r.person, r.email) for r in now] == [
        ("bezirk", "Maria Pröbstl", "maria.proebstl@bezirk.example"),
        ("kommunen", "Josef Mößmer", "josef.moessmer@lra.example"),
    ]
    assert [r.person for r in then] == ["Fritz Früher"]
    assert [r.to_json() for r in now][1] == {
        "side": "kommunen",
        "person": "Josef Mößmer",
        "start": "2025-01-30",
        "end": "2028-01-29",
        "election_id": None,
    }


def test_term_end_follows_the_setting_at_once(store: Store) -> None:
    assert chairs.computed_term_end(store, date(2027, 1, 30)) == date(2030, 1, 29)
    settings.save_rules(store, replace(settings.get_rules(store), chair_term_years=4))
    assert chairs.computed_term_end(store, date(2027, 1, 30)) == date(2031, 1, 29)


def test_end_chair_term(store: Store) -> None:
    tid = add_chair(
        store,
        person_id=add_person(store, last="Mößmer", first="Josef"),
        side="kommunen",
        start=date(2025, 1, 30),
        end=date(2028, 1, 29),
    )
    row = chairs.end_chair_term(store, tid, date(2026, 11, 30))
    assert row.end == date(2026, 11, 30)
    assert row.status == "laufend"
    with pytest.raises(ValidationError, match="kann nicht vorher enden"):
        chairs.end_chair_term(store, tid, date(2024, 1, 1))


def test_a_later_term_is_a_conflict(store: Store) -> None:
    bezirk = body_id(store, "091")
    chairs.designate_bezirk(store, add_person(store, last="Neu", first="Nina", body_id=bezirk), date(2027, 1, 1))
    with pytest.raises(ValidationError, match=r"ab 01\.01\.2027 bereits Nina Neu eingetragen"):
        chairs.designate_bezirk(store, add_person(store, last="Alt", first="Otto", body_id=bezirk), date(2026, 12, 1))

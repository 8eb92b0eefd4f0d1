"""The joint chair: designation of the Bezirk side, current and past terms, computed term ends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from vertretungen_factories import body_id, chair_term, mandate, person

from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.services import settings
from bezag_desktop.services.representation import chairs
from bezag_desktop.services.store import Store


def test_designate_bezirk_closes_predecessor(store: Store) -> None:
    bezirk = body_id(store, "091")
    old = person(store, "Pröbstl", "Maria", employer=bezirk)
    new = person(store, "Öttl", "Stefanie", employer=bezirk)
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
    outsider = person(store, "Huber", "Anna", employer=body_id(store, "09175"))
    with pytest.raises(ValidationError, match="gehört nicht zum Bezirk Oberbayern"):
        chairs.designate_bezirk(store, outsider, date(2026, 12, 1))
    # A person sent by the Bezirk into the plenary counts, whatever the employer field says.
    delegate = person(store, "Wagner", "Stefan")
    mandate(store, delegate, body_id(store, "091"), start=date(2025, 1, 1))
    assert chairs.designate_bezirk(store, delegate, date(2026, 12, 1)).person == "Stefan Wagner"


def test_current_chairs_on_a_day(store: Store) -> None:
    a = person(store, "Pröbstl", "Maria", email="maria.proebstl@bezirk.example")
    b = person(store, "Mößmer", "Josef", email="josef.moessmer@lra.example")
    c = person(store, "Früher", "Fritz")
    chair_term(store, c, "kommunen", date(2022, 1, 30), date(2025, 1, 29))
    chair_term(store, b, "kommunen", date(2025, 1, 30), date(2028, 1, 29))
    chair_term(store, a, "bezirk", date(2025, 1, 13), None)
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
    tid = chair_term(store, person(store, "Mößmer", "Josef"), "kommunen", date(2025, 1, 30), date(2028, 1, 29))
    row = chairs.end_chair_term(store, tid, date(2026, 11, 30))
    assert row.end == date(2026, 11, 30)
    assert row.status == "laufend"
    with pytest.raises(ValidationError, match="kann nicht vorher enden"):
        chairs.end_chair_term(store, tid, date(2024, 1, 1))


def test_a_later_term_is_a_conflict(store: Store) -> None:
    bezirk = body_id(store, "091")
    chairs.designate_bezirk(store, person(store, "Neu", "Nina", employer=bezirk), date(2027, 1, 1))
    with pytest.raises(ValidationError, match=r"ab 01\.01\.2027 bereits Nina Neu eingetragen"):
        chairs.designate_bezirk(store, person(store, "Alt", "Otto", employer=bezirk), date(2026, 12, 1))

"""Mandates: appointing within the seats, ending with history, handover in one step, co-chairs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from factories import add_chair, add_mandate, add_person, body_id
from querycount import count_queries
from sqlalchemy import select

from bezag_desktop.db.models import Body, ChairTerm, Membership
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.services import settings
from bezag_desktop.services.representation import mandates
from bezag_desktop.services.representation.bodies import body_history, get_body
from bezag_desktop.services.store import Store

EBE = "09175"


def test_appoint_member_and_deputy(store: Store) -> None:
    ebe = body_id(store, EBE)
    anna, jonas = add_person(store, last="Huber", first="Anna"), add_person(store, last="Weiß", first="Jonas")
    m = mandates.appoint(store, ebe, anna, "mitglied", date(2026, 2, 1))
    d = mandates.appoint(store, ebe, jonas, "stellvertretung", date(2026, 2, 1))
    assert (m.body, m.person, m.role_label, m.status) == ("Landkreis Ebersberg", "Anna Huber", "Mitglied", "laufend")
    assert d.role_label == "Stellvertretung"
    row = get_body(store, ebe)
    assert [r.name for r in row.members] == ["Anna Huber"]
    assert [r.name for r in row.deputies] == ["Jonas Weiß"]
    assert row.gaps == ()


def test_second_member_refused_naming_the_holder(store: Store) -> None:
    ebe = body_id(store, EBE)
    mandates.appoint(store, ebe, add_person(store, last="Huber", first="Anna"), "mitglied", date(2026, 2, 1))
    with pytest.raises(
        ValidationError,
        match=r"hat nach der Geschäftsordnung 1 Mitglied; der Sitz ist besetzt durch Anna Huber \(seit 01.02.2026\)",
    ):
        mandates.appoint(store, ebe, add_person(store, last="Meier", first="Bernd"), "mitglied", date(2026, 6, 1))
    # The deputy seat is separate.
    mandates.appoint(store, ebe, add_person(store, last="Meier", first="Bernd"), "stellvertretung", date(2026, 6, 1))


def test_bezirk_may_send_more_and_body_override(store: Store) -> None:
    bezirk = body_id(store, "091")
    mandates.appoint(store, bezirk, add_person(store, last="A", first="Eins"), "mitglied", date(2026, 1, 1))
    mandates.appoint(store, bezirk, add_person(store, last="B", first="Zwei"), "mitglied", date(2026, 1, 1))
    with pytest.raises(ValidationError, match="2 Mitglieder"):
        mandates.appoint(store, bezirk, add_person(store, last="C", first="Drei"), "mitglied", date(2026, 1, 1))
    ebe = body_id(store, EBE)
    with store.session() as s:
        b = s.get(Body, ebe)
        assert b is not None
        b.member_seats = 2
    mandates.appoint(store, ebe, add_person(store, last="D", first="Vier"), "mitglied", date(2026, 1, 1))
    mandates.appoint(store, ebe, add_person(store, last="E", first="Fünf"), "mitglied", date(2026, 1, 1))


def test_seat_rule_follows_settings_at_once(store: Store) -> None:
    ebe = body_id(store, EBE)
    mandates.appoint(store, ebe, add_person(store, last="Huber", first="Anna"), "mitglied", date(2026, 2, 1))
    settings.save_rules(store, replace(settings.get_rules(store), member_seats_per_body=2))
    mandates.appoint(store, ebe, add_person(store, last="Meier", first="Bernd"), "mitglied", date(2026, 2, 1))
    assert len(get_body(store, ebe).members) == 2


def test_one_mandate_per_person(store: Store) -> None:
    anna = add_person(store, last="Huber", first="Anna")
    mandates.appoint(store, body_id(store, EBE), anna, "mitglied", date(2026, 2, 1))
    with pytest.raises(ValidationError, match="ist bereits Mitglied für Landkreis Ebersberg"):
        mandates.appoint(store, body_id(store, "09174"), anna, "stellvertretung", date(2026, 3, 1))


def test_inactive_person_cannot_be_appointed(store: Store) -> None:
    with pytest.raises(ValidationError, match="deaktiviert"):
        mandates.appoint(
            store,
            body_id(store, EBE),
            add_person(store, last="Alt", first="Olga", active=False),
            "mitglied",
            date(2026, 2, 1),
        )


def test_end_mandate_keeps_history(store: Store) -> None:
    ebe = body_id(store, EBE)
    mid = mandates.appoint(store, ebe, add_person(store, last="Huber", first="Anna"), "mitglied", date(2025, 2, 1)).id
    result = mandates.end_mandate(store, mid, date(2026, 10, 31))
    assert result.mandate.end == date(2026, 10, 31)
    assert result.mandate.status == "beendet"
    assert result.affected_chairs == ()
    row = get_body(store, ebe)
    assert row.members == ()
    assert row.gaps[0] == "kein Mitglied"
    assert row.gap_level == "error"
    assert [h.id for h in body_history(store, ebe)] == [mid]
    # On a day inside the mandate it is still current.
    assert [r.name for r in get_body(store, ebe, on=date(2026, 5, 1)).members] == ["Anna Huber"]


def test_end_mandate_checks_dates(store: Store) -> None:
    mid = mandates.appoint(
        store, body_id(store, EBE), add_person(store, last="Huber", first="Anna"), "mitglied", date(2026, 2, 1)
    ).id
    with pytest.raises(ValidationError, match="kann nicht vorher enden"):
        mandates.end_mandate(store, mid, date(2026, 1, 31))
    mandates.end_mandate(store, mid, date(2026, 10, 31))
    with pytest.raises(ValidationError, match=r"endet bereits am 31\.10\.2026"):
        mandates.end_mandate(store, mid, date(2026, 11, 30))


def test_handover_in_one_step(store: Store) -> None:
    ebe = body_id(store, EBE)
    anna, bernd = add_person(store, last="Huber", first="Anna"), add_person(store, last="Meier", first="Bernd")
    old = mandates.appoint(store, ebe, anna, "mitglied", date(2025, 2, 1))
    result = mandates.handover(store, old.id, bernd, date(2026, 12, 1))
    assert result.ended.end == date(2026, 11, 30)
    assert result.started.start == date(2026, 12, 1)
    assert result.started.predecessor_id == old.id
    assert result.started.predecessor == "Anna Huber"
    history = body_history(store, ebe)
    assert [(h.person, h.status) for h in history] == [("Bernd Meier", "künftig"), ("Anna Huber", "laufend")]
    assert [r.name for r in get_body(store, ebe, on=date(2026, 12, 1)).members] == ["Bernd Meier"]


def test_handover_checks(store: Store) -> None:
    ebe = body_id(store, EBE)
    anna = add_person(store, last="Huber", first="Anna")
    old = mandates.appoint(store, ebe, anna, "mitglied", date(2025, 2, 1))
    with pytest.raises(ValidationError, match="dieselbe Person"):
        mandates.handover(store, old.id, anna, date(2026, 12, 1))
    with pytest.raises(ValidationError, match="nach dem Beginn des bisherigen Mandats"):
        mandates.handover(store, old.id, add_person(store, last="Meier", first="Bernd"), date(2025, 2, 1))
    busy = add_person(store, last="Busy", first="Bea")
    mandates.appoint(store, body_id(store, "09174"), busy, "mitglied", date(2025, 1, 1))
    with pytest.raises(ValidationError, match="ist bereits Mitglied für Landkreis Dachau"):
        mandates.handover(store, old.id, busy, date(2026, 12, 1))
    # A failed handover changed nothing.
    with store.session() as s:
        m = s.get(Membership, old.id)
        assert m is not None
        assert m.end_date is None
    mandates.handover(store, old.id, add_person(store, last="Meier", first="Bernd"), date(2026, 12, 1))
    with pytest.raises(ValidationError, match="bereits eine Nachfolge"):
        mandates.handover(store, old.id, add_person(store, last="Dritt", first="Dora"), date(2027, 1, 1))


def test_ending_a_co_chairs_mandate_reports_the_chair_term(store: Store) -> None:
    ebe = body_id(store, EBE)
    anna = add_person(store, last="Huber", first="Anna")
    mid = add_mandate(store, person_id=anna, body_id=ebe, start=date(2025, 1, 1))
    term = add_chair(store, person_id=anna, side="kommunen", start=date(2025, 1, 30), end=date(2028, 1, 29))
    affected = mandates.affected_chair_terms(store, mid, date(2026, 11, 30))
    assert [(c.id, c.side) for c in affected] == [(term, "kommunen")]
    result = mandates.end_mandate(store, mid, date(2026, 11, 30), end_chair_term=False)
    assert [c.id for c in result.affected_chairs] == [term]
    assert result.ended_chair_ids == ()
    with store.session() as s:
        t = s.get(ChairTerm, term)
        assert t is not None
        assert t.end_date == date(2028, 1, 29)


def test_ending_a_co_chairs_mandate_can_end_the_term(store: Store) -> None:
    ebe = body_id(store, EBE)
    anna, bernd = add_person(store, last="Huber", first="Anna"), add_person(store, last="Meier", first="Bernd")
    mid = add_mandate(store, person_id=anna, body_id=ebe, start=date(2025, 1, 1))
    term = add_chair(store, person_id=anna, side="kommunen", start=date(2025, 1, 30), end=date(2028, 1, 29))
    result = mandates.handover(store, mid, bernd, date(2026, 12, 1), end_chair_term=True)
    assert result.ended_chair_ids == (term,)
    with store.session() as s:
        t = s.get(ChairTerm, term)
        assert t is not None
        assert t.end_date == date(2026, 11, 30)


def test_a_co_chair_with_another_running_mandate_is_not_affected(store: Store) -> None:
    anna = add_person(store, last="Huber", first="Anna")
    first = add_mandate(store, person_id=anna, body_id=body_id(store, EBE), start=date(2025, 1, 1), end=None)
    add_chair(store, person_id=anna, side="kommunen", start=date(2025, 1, 30), end=date(2028, 1, 29))
    # Anna moves to Dachau on 01.12.2026 (entered directly): her chair is not affected by Ebersberg's end.
    add_mandate(store, person_id=anna, body_id=body_id(store, "09174"), start=date(2026, 12, 1))
    assert mandates.affected_chair_terms(store, first, date(2026, 11, 30)) == []


def test_list_mandates_by_person(store: Store) -> None:
    anna = add_person(store, last="Huber", first="Anna")
    mandates.appoint(store, body_id(store, EBE), anna, "mitglied", date(2025, 2, 1))
    rows = mandates.list_mandates(store, person_id=anna)
    assert [(r.body, r.role) for r in rows] == [("Landkreis Ebersberg", "mitglied")]
    with store.session() as s:
        assert s.scalar(select(Membership.notes).where(Membership.person_id == anna)) == ""


def test_history_uses_a_constant_number_of_queries(store: Store) -> None:
    ebe = body_id(store, EBE)
    add_mandate(
        store,
        person_id=add_person(store, last="Erst", first="Eva"),
        body_id=ebe,
        start=date(2010, 1, 1),
        end=date(2010, 12, 31),
    )
    with count_queries(store.engine) as few:
        body_history(store, ebe)
    for year in range(2011, 2025):
        add_mandate(
            store,
            person_id=add_person(store, last=f"Person{year}", first="Paul"),
            body_id=ebe,
            start=date(year, 1, 1),
            end=date(year, 12, 31),
        )
    with count_queries(store.engine) as many:
        assert len(body_history(store, ebe)) == 15
    assert many.count == few.count


def test_withdraw_a_future_appointment_undoes_the_handover(store: Store) -> None:
    ebe = body_id(store, EBE)
    old = mandates.appoint(store, ebe, add_person(store, last="Huber", first="Anna"), "mitglied", date(2025, 2, 1))
    new = mandates.handover(store, old.id, add_person(store, last="Meier", first="Bernd"), date(2027, 1, 1)).started
    with pytest.raises(ValidationError, match="noch nicht begonnen"):
        mandates.withdraw_mandate(store, old.id)
    mandates.withdraw_mandate(store, new.id)
    assert [(h.person, h.end) for h in body_history(store, ebe)] == [("Anna Huber", None)]

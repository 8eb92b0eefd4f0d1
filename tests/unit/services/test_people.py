"""People: validation, search as you type, likely duplicates, deactivation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from factories import add_chair, add_mandate, add_person, body_id
from querycount import count_queries
from sqlalchemy import func, select

from bezag_desktop.db.models import AuditEntry, Membership, Person
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.services.representation import people
from bezag_desktop.services.representation.people import PersonInput
from bezag_desktop.services.store import Store


def _count(store: Store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count(Person.id))) or 0


def test_create_person_keeps_search_key_and_audits(store: Store) -> None:
    ebe = body_id(store, "09175")
    row = people.create_person(
        store,
        PersonInput(
            last_name="  Müller ",
            first_name="Jürgen",
            title="Dr.",
            form_of_address="herr",
            function="Sozialplanung",
            body_id=ebe,
            email=" juergen.mueller@lra-ebe.example ",
            phone="+49 8092 823-0",
        ),
    )
    assert row.name == "Dr. Jürgen Müller"
    assert row.employer == "Landkreis Ebersberg"
    assert row.email == "juergen.mueller@lra-ebe.example"
    with store.session() as s:
        p = s.get(Person, row.id)
        assert p is not None
        assert p.search_key == "dr. jurgen muller juergen.mueller@lra-ebe.example"
        assert s.scalar(select(AuditEntry.action).where(AuditEntry.entity_id == row.id)) == "person.create"


@pytest.mark.parametrize(
    ("query", "found"),
    [("muller", True), ("MÜLLER", True), ("jurg mull", True), ("weiss", False), ("lra-ebe", True), ("meier", False)],
)
def test_search_ignores_case_and_umlauts(store: Store, query: str, found: bool) -> None:
    people.create_person(store, PersonInput(last_name="Müller", first_name="Jürgen", email="jm@lra-ebe.example"))
    people.create_person(store, PersonInput(last_name="Huber", first_name="Anna", email="ah@lra-dah.example"))
    names = [r.name for r in people.search_people(store, query)]
    assert ("Jürgen Müller" in names) is found
    assert "Anna Huber" not in names


def test_search_finds_eszett_with_ss(store: Store) -> None:
    people.create_person(store, PersonInput(last_name="Weiß", first_name="Clara"))
    assert [r.name for r in people.search_people(store, "weiss")] == ["Clara Weiß"]


def test_search_skips_inactive_unless_asked(store: Store) -> None:
    pid = add_person(store, last="Müller", first="Eva", active=False)
    assert people.search_people(store, "muller") == []
    assert [r.id for r in people.search_people(store, "muller", include_inactive=True)] == [pid]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (PersonInput(last_name="Huber", email="anna.huber.lra-ebe.example"), "email"),
        (PersonInput(last_name="Huber", email="anna@huber"), "email"),
        (PersonInput(last_name="  "), "last_name"),
        (PersonInput(last_name="Huber", form_of_address="dame"), "form_of_address"),
        (PersonInput(last_name="Huber", body_id=1, partner_id=1), "employer"),
        (PersonInput(last_name="Huber", body_id=999), "employer"),
        (PersonInput(last_name="H" * 101), "last_name"),
    ],
)
def test_invalid_person_refused_and_nothing_written(store: Store, data: PersonInput, field: str) -> None:
    before = _count(store)
    with pytest.raises(ValidationError) as info:
        people.create_person(store, data)
    assert info.value.field == field
    assert _count(store) == before


def test_e_mail_message_is_german(store: Store) -> None:
    with pytest.raises(ValidationError, match="keine gültige E-Mail-Adresse"):
        people.create_person(store, PersonInput(last_name="Huber", email="ohne-at.example"))


def test_duplicates_by_name_or_email(store: Store) -> None:
    same_name = add_person(store, last="Müller", first="Jürgen", email="j.mueller@lra-ebe.example")
    same_mail = add_person(store, last="Schmid", first="Petra", email="Petra.Schmid@LRA-DAH.example")
    other = add_person(store, last="Müller", first="Eva", email="eva@lra.example")
    found = people.find_duplicates(store, PersonInput(last_name="MÜLLER", first_name="jürgen"))
    assert [(d.person.id, d.reason) for d in found] == [(same_name, "gleicher Name")]
    found = people.find_duplicates(store, PersonInput(last_name="Neu", email="petra.schmid@lra-dah.example"))
    assert [(d.person.id, d.reason) for d in found] == [(same_mail, "gleiche E-Mail-Adresse")]
    both = people.find_duplicates(
        store, PersonInput(last_name="Müller", first_name="Jürgen", email="j.mueller@lra-ebe.example")
    )
    assert both[0].reason == "gleicher Name und gleiche E-Mail-Adresse"
    assert other not in [d.person.id for d in both]
    # Editing a person does not report the person itself.
    assert (
        people.find_duplicates(store, PersonInput(last_name="Müller", first_name="Jürgen"), exclude_id=same_name) == []
    )
    assert "Jürgen Müller" in people.duplicates_text(both)


def test_update_person_refreshes_search_key(store: Store) -> None:
    pid = add_person(store, last="Huber", first="Anna", email="a.h@lra.example")
    row = people.get_person(store, pid)
    people.update_person(store, pid, replace(row.to_input(), last_name="Öztürk"))
    assert [r.id for r in people.search_people(store, "ozturk")] == [pid]
    assert people.search_people(store, "huber") == []


def test_deactivate_refuses_running_mandates_then_ends_them(store: Store) -> None:
    ebe = body_id(store, "09175")
    pid = add_person(store, last="Huber", first="Anna")
    mid = add_mandate(store, person_id=pid, body_id=ebe, start=date(2025, 2, 1))
    with pytest.raises(ValidationError, match="hat noch laufende Mandate: Mitglied für Landkreis Ebersberg"):
        people.deactivate_person(store, pid)
    assert people.get_person(store, pid).active
    row = people.deactivate_person(store, pid, end_mandates_on=date(2026, 11, 30))
    assert not row.active
    with store.session() as s:
        m = s.get(Membership, mid)
        assert m is not None
        assert m.end_date == date(2026, 11, 30)
    assert pid not in [r.id for r in people.list_people(store)]
    assert pid in [r.id for r in people.list_people(store, include_inactive=True)]
    assert people.reactivate_person(store, pid).active


def test_deactivate_refuses_a_chair(store: Store) -> None:
    pid = add_person(store, last="Huber", first="Anna")
    add_chair(store, person_id=pid, side="kommunen", start=date(2025, 1, 30), end=date(2028, 1, 29))
    with pytest.raises(ValidationError, match="hat den Vorsitz inne"):
        people.deactivate_person(store, pid, end_mandates_on=date(2026, 11, 30))


def test_employer_options_list_bodies_then_partners(store: Store) -> None:
    options = people.employer_options(store)
    assert options[0].name == "Bezirk Oberbayern"
    assert len([o for o in options if o.kind == "body"]) == 24


def test_people_lists_use_a_constant_number_of_queries(store: Store) -> None:
    add_person(store, last="Huber", first="Anna")
    with count_queries(store.engine) as few:
        people.list_people(store)
        people.search_people(store, "a")
    for n in range(30):
        add_person(store, last=f"Müller{n}", first="Jürgen", body_id=body_id(store, "09175"))
    with count_queries(store.engine) as many:
        assert len(people.list_people(store)) == 31
        assert len(people.search_people(store, "a")) == 31
    assert many.count == few.count


def test_deactivate_takes_back_appointments_not_yet_begun(store: Store) -> None:
    pid = add_person(store, last="Später", first="Sina")
    add_mandate(store, person_id=pid, body_id=body_id(store, "09174"), start=date(2027, 1, 1))
    people.deactivate_person(store, pid, end_mandates_on=date(2026, 11, 21))
    with store.session() as s:
        assert s.scalar(select(func.count(Membership.id)).where(Membership.person_id == pid)) == 0

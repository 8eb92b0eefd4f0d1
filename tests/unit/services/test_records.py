"""get_or_raise: the record, or one German not-found sentence per model; the plenum lookup; assign."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import delete, update

from bezag_desktop.db.models import Body, ChairTerm, Committee, Election, Meeting, Membership, Partner, Person
from bezag_desktop.domain.codes import CommitteeKind
from bezag_desktop.domain.errors import NotFoundError
from bezag_desktop.services.groups.queries import NO_PLENUM, find_plenum, plenum, plenum_id
from bezag_desktop.services.records import NOT_FOUND, assign, get_or_raise, not_found_message, person_cols, span_cols
from bezag_desktop.services.store import Store


@pytest.mark.parametrize(
    ("model", "message"),
    [
        (Meeting, "Die Sitzung Nr. 5 gibt es nicht."),
        (Person, "Die Person Nr. 5 gibt es nicht."),
        (Committee, "Das Gremium Nr. 5 gibt es nicht."),
        (Body, "Die Körperschaft Nr. 5 gibt es nicht."),
        (Membership, "Das Mandat Nr. 5 gibt es nicht."),
        (ChairTerm, "Die Amtszeit Nr. 5 gibt es nicht."),
        (Election, "Die Wahl Nr. 5 gibt es nicht."),
        (Partner, "Den Netzwerkpartner Nr. 5 gibt es nicht."),
    ],
)
def test_not_found_message_per_model(model: type, message: str) -> None:
    assert not_found_message(model, 5) == message


def test_every_message_is_a_german_sentence_with_the_number() -> None:
    for template in NOT_FOUND.values():
        text = template.format(id=42)
        assert "Nr. 42" in text
        assert text.endswith("gibt es nicht.")


def test_get_or_raise_returns_the_record(store: Store) -> None:
    with store.session() as s:
        body = get_or_raise(s, Body, 1)
        assert isinstance(body, Body)
        assert body.id == 1


def test_get_or_raise_raises_the_models_message(store: Store) -> None:
    with store.session() as s, pytest.raises(NotFoundError, match=r"^Die Sitzung Nr\. 999 gibt es nicht\.$"):
        get_or_raise(s, Meeting, 999)


def test_plenum_lookup(store: Store) -> None:
    with store.session() as s:
        committee = plenum(s)
        assert committee.kind == CommitteeKind.PLENUM.value
        assert plenum_id(s) == committee.id
        assert find_plenum(s) is committee


def test_no_plenum_gives_one_message(store: Store) -> None:
    with store.session() as s:
        s.execute(update(Committee).values(parent_id=None))
        s.execute(delete(Committee).where(Committee.kind == CommitteeKind.PLENUM.value))
        assert find_plenum(s) is None
        with pytest.raises(NotFoundError) as raised:
            plenum(s)
        assert str(raised.value) == NO_PLENUM
        with pytest.raises(NotFoundError, match="kein Plenum"):
            plenum_id(s)
        s.rollback()


@dataclass(frozen=True)
class _PartnerEdit:
    name: str
    city: str


def test_assign_copies_every_field_or_the_named_ones() -> None:
    partner = Partner(name="Alt", city="München", phone="089 1")
    assign(partner, _PartnerEdit("Neu", "Dachau"))
    assert (partner.name, partner.city, partner.phone) == ("Neu", "Dachau", "089 1")
    assign(partner, _PartnerEdit("Anders", "Erding"), "city")
    assert (partner.name, partner.city) == ("Neu", "Erding")


def test_assign_refuses_a_field_the_model_does_not_have() -> None:
    @dataclass(frozen=True)
    class Typo:
        nmae: str

    partner = Partner(name="Alt")
    with pytest.raises(AttributeError, match="nmae"):
        assign(partner, Typo("Neu"))
    assert partner.name == "Alt"


def test_person_cols_name_the_person_as_rows_do() -> None:
    p = Person(id=7, first_name="Anna", last_name="Öztürk", email="a@example.org")
    assert person_cols(p) == {"person_id": 7, "person": p.display_name, "email": "a@example.org"}


def test_span_cols_give_first_and_last_day() -> None:
    ms = Membership(start_date=date(2026, 1, 1), end_date=None)
    assert span_cols(ms) == {"start": date(2026, 1, 1), "end": None}

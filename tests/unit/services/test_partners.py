"""Network partners and their contact persons."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bezag_desktop.db.models import AuditEntry, Person
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.services.groups import partners
from bezag_desktop.services.groups.partners import ContactEdit, ContactInput, PartnerInput
from bezag_desktop.services.representation.people import person_search_key
from bezag_desktop.services.store import Store

CARITAS = PartnerInput(
    name="Caritasverband der Erzdiözese München und Freising",
    category="wohlfahrtsverband",
    street="Hirtenstraße 4",
    postcode="80335",
    city="München",
    email="info@caritas-muenchen.example",
    phone="+49 89 55169-0",
    website="https://www.caritas-muenchen.example",
)


def test_partner_with_contacts_in_one_go(store: Store) -> None:
    pid = partners.save_partner(
        store,
        None,
        CARITAS,
        [
            ContactEdit(
                ContactInput(
                    last_name="Müller",
                    first_name="Jürgen",
                    title="Dr.",
                    email="j.mueller@caritas.example",
                    function="Referent",
                )
            ),
            ContactEdit(ContactInput(last_name="Öztürk", first_name="Aylin", form_of_address="frau")),
        ],
    )
    detail = partners.get_partner(store, pid)
    assert detail.partner.category_label == "Wohlfahrtsverband"
    assert detail.partner.address == "Hirtenstraße 4, 80335 München"
    assert detail.partner.contact_count == 2
    assert [c.name for c in detail.contacts] == ["Dr. Jürgen Müller", "Aylin Öztürk"]
    with store.session() as s:
        p = s.scalar(select(Person).where(Person.last_name == "Müller"))
        assert p is not None
        assert p.partner_id == pid
        assert p.body_id is None
        assert p.search_key == person_search_key("Dr.", "Jürgen", "Müller", "j.mueller@caritas.example")
        assert "jurgen muller" in p.search_key
        actions = list(s.scalars(select(AuditEntry.action)))
    assert actions.count("person.create") == 2
    assert "partner.create" in actions


def test_contacts_are_edited_and_deactivated_never_deleted(store: Store) -> None:
    pid = partners.create_partner(store, CARITAS)
    cid = partners.add_contact(store, pid, ContactInput(last_name="Huber", first_name="Eva"))
    edited = ContactInput(last_name="Huber-Lang", first_name="Eva", email="eva@caritas.example", active=False)
    partners.save_partner(store, pid, CARITAS, [ContactEdit(edited, cid)])
    detail = partners.get_partner(store, pid)
    assert [(c.name, c.email, c.active) for c in detail.contacts] == [("Eva Huber-Lang", "eva@caritas.example", False)]
    assert detail.partner.contact_count == 0
    partners.update_contact(store, cid, ContactInput(last_name="Huber-Lang", first_name="Eva", active=True))
    assert partners.get_partner(store, pid).contacts[0].active


def test_partner_validation_in_german(store: Store) -> None:
    partners.create_partner(store, CARITAS)
    with pytest.raises(ValidationError, match="gibt es bereits"):
        partners.create_partner(store, PartnerInput(name="caritasverband der erzdiozese münchen und freising"))
    with pytest.raises(ValidationError, match="Namen der Organisation"):
        partners.create_partner(store, PartnerInput(name="  "))
    with pytest.raises(ValidationError, match="Kategorie"):
        partners.create_partner(store, PartnerInput(name="X", category="unbekannt"))
    with pytest.raises(ValidationError, match="E-Mail"):
        partners.create_partner(store, PartnerInput(name="X", email="info at x"))
    with pytest.raises(ValidationError, match="Postleitzahl"):
        partners.create_partner(store, PartnerInput(name="X", postcode="8033"))
    with pytest.raises(ValidationError, match="Internetadresse"):
        partners.create_partner(store, PartnerInput(name="X", website="kein web"))
    with pytest.raises(ValidationError, match="Nachnamen"):
        partners.save_partner(store, None, PartnerInput(name="Y"), [ContactEdit(ContactInput(last_name=""))])
    # nothing was written by the failed attempts
    assert [p.name for p in partners.list_partners(store)] == [CARITAS.name]


def test_contact_of_another_partner_cannot_be_edited_through_this_one(store: Store) -> None:
    a = partners.create_partner(store, PartnerInput(name="AOK Bayern", category="kasse"))
    b = partners.create_partner(store, PartnerInput(name="Diakonie München", category="wohlfahrtsverband"))
    cid = partners.add_contact(store, a, ContactInput(last_name="Kern"))
    with pytest.raises(ValidationError, match="keine Kontaktperson von „Diakonie München“"):
        partners.save_partner(
            store,
            b,
            PartnerInput(name="Diakonie München", category="wohlfahrtsverband"),
            [ContactEdit(ContactInput(last_name="Kern"), cid)],
        )


def test_list_partners_filters_and_inactive(store: Store) -> None:
    a = partners.create_partner(store, PartnerInput(name="AOK Bayern", category="kasse"))
    partners.create_partner(store, PartnerInput(name="Diakonie München", category="wohlfahrtsverband"))
    partners.set_partner_active(store, a, False)
    assert [p.name for p in partners.list_partners(store)] == ["AOK Bayern", "Diakonie München"]
    assert [p.name for p in partners.list_partners(store, active=True)] == ["Diakonie München"]
    assert [p.name for p in partners.list_partners(store, category="kasse")] == ["AOK Bayern"]
    assert partners.list_partners(store)[0].to_json()["active"] is False


def test_partner_contacts_for_member_choice(store: Store) -> None:
    a = partners.create_partner(store, PartnerInput(name="AOK Bayern", category="kasse"))
    b = partners.create_partner(store, PartnerInput(name="Diakonie München", category="wohlfahrtsverband"))
    partners.add_contact(store, b, ContactInput(last_name="Zeller"))
    partners.add_contact(store, a, ContactInput(last_name="Kern"))
    partners.add_contact(store, a, ContactInput(last_name="Alt", active=False))
    assert [(p.name, c.last_name) for p, c in partners.partner_contacts(store)] == [
        ("AOK Bayern", "Kern"),
        ("Diakonie München", "Zeller"),
    ]

"""Kontakte & Netzwerk: the searchable list of persons and organisations, and the distribution lists."""

from __future__ import annotations

from datetime import date

import pytest
from factories import add_person, body_id, found_group, plenum_id

from bezag_desktop.db.models import ChairTerm, Membership
from bezag_desktop.domain.errors import NotFoundError
from bezag_desktop.services.groups import contacts, partners
from bezag_desktop.services.groups import operations as committees
from bezag_desktop.services.groups.contacts import ContactFilter
from bezag_desktop.services.groups.partners import ContactInput, PartnerInput
from bezag_desktop.services.store import Store


def _network(store: Store) -> dict[str, int]:
    """A plenary with members, deputies and chairs; a working group with a partner contact."""
    ids: dict[str, int] = {}
    ids["huber"] = add_person(store, last="Huber", first="Anna", ags="09175", email="anna.huber@lra-ebe.example")
    ids["weiss"] = add_person(store, last="Weiß", first="Jonas", ags="09175", email="jonas.weiss@lra-ebe.example")
    ids["maier"] = add_person(store, last="Maier", first="Eva", ags="091", email="eva.maier@bezirk.example")
    ids["alt"] = add_person(
        store, last="Altmann", first="Otto", ags="09162", email="otto@muenchen.example", active=False
    )
    ids["caritas"] = partners.create_partner(
        store, PartnerInput(name="Caritasverband München", category="wohlfahrtsverband", city="München")
    )
    ids["aok"] = partners.create_partner(store, PartnerInput(name="AOK Bayern", category="kasse"))
    ids["oeztuerk"] = partners.add_contact(
        store, ids["caritas"], ContactInput(last_name="Öztürk", first_name="Aylin", email="a.oeztuerk@caritas.example")
    )
    ids["kern"] = partners.add_contact(store, ids["aok"], ContactInput(last_name="Kern", email="kern@aok.example"))
    plenum = plenum_id(store)
    ebe = body_id(store, "09175")
    with store.session() as s:
        s.add(
            Membership(
                person_id=ids["huber"], committee_id=plenum, body_id=ebe, role="mitglied", start_date=date(2026, 1, 30)
            )
        )
        s.add(
            Membership(
                person_id=ids["weiss"],
                committee_id=plenum,
                body_id=ebe,
                role="stellvertretung",
                start_date=date(2026, 1, 30),
            )
        )
        s.add(
            Membership(
                person_id=ids["alt"],
                committee_id=plenum,
                body_id=body_id(store, "09162"),
                role="mitglied",
                start_date=date(2026, 1, 30),
            )
        )
        s.add(ChairTerm(committee_id=plenum, side="bezirk", person_id=ids["maier"], start_date=date(2026, 1, 30)))
        s.add(
            ChairTerm(
                committee_id=plenum,
                side="kommunen",
                person_id=ids["huber"],
                start_date=date(2026, 1, 30),
                end_date=date(2029, 1, 29),
            )
        )
    ids["group"] = found_group(store, "AG Wohnungslosenhilfe")
    committees.add_member(store, ids["group"], ids["huber"], "sprecher", date(2026, 7, 8))
    committees.add_member(store, ids["group"], ids["oeztuerk"], "mitglied", date(2026, 7, 8))
    committees.add_member(store, ids["group"], ids["kern"], "gast", date(2026, 7, 8), end=date(2026, 8, 31))
    return ids


def _names(rows: list[contacts.ContactRow]) -> list[str]:
    return [r.name for r in rows]


def test_one_list_of_persons_bodies_and_partners(store: Store) -> None:
    ids = _network(store)
    rows = contacts.list_contacts(store)
    kinds = {r.kind for r in rows}
    assert kinds == {"person", "body", "partner"}
    assert sum(1 for r in rows if r.kind == "body") == 24
    anna = next(r for r in rows if r.kind == "person" and r.id == ids["huber"])
    assert anna.organisation == "Landkreis Ebersberg"
    assert anna.category_label == "Landkreis"
    assert "AG Wohnungslosenhilfe (Sprecher/in)" in anna.committees_text
    assert "Bezirksarbeitsgemeinschaft Sozialplanung (Mitglied)" in anna.committees_text
    caritas = next(r for r in rows if r.kind == "partner" and r.id == ids["caritas"])
    assert caritas.category_label == "Wohlfahrtsverband"
    assert caritas.committees_text == "AG Wohnungslosenhilfe"
    # default: everything, including inactive
    assert "Otto Altmann" in _names(rows)


def test_search_is_umlaut_insensitive(store: Store) -> None:
    _network(store)
    assert _names(contacts.list_contacts(store, ContactFilter(search="ozturk"))) == ["Aylin Öztürk"]
    assert _names(contacts.list_contacts(store, ContactFilter(search="weiss"))) == ["Jonas Weiß"]
    assert "Landkreis Ebersberg" in _names(contacts.list_contacts(store, ContactFilter(search="ebersberg")))


def test_filters_body_committee_category_active(store: Store) -> None:
    ids = _network(store)
    by_body = contacts.list_contacts(store, ContactFilter(body_id=body_id(store, "09175")))
    assert _names(by_body) == ["Landkreis Ebersberg", "Anna Huber", "Jonas Weiß"]
    by_group = contacts.list_contacts(store, ContactFilter(committee_id=ids["group"]))
    # Kern's guest seat ended in August: not current any more
    assert _names(by_group) == ["Landkreis Ebersberg", "Caritasverband München", "Anna Huber", "Aylin Öztürk"]
    by_category = contacts.list_contacts(store, ContactFilter(partner_category="wohlfahrtsverband"))
    assert _names(by_category) == ["Caritasverband München", "Aylin Öztürk"]
    inactive = contacts.list_contacts(store, ContactFilter(active=False))
    assert _names(inactive) == ["Otto Altmann"]
    persons_active = contacts.list_contacts(store, ContactFilter(active=True, kinds=("person",)))
    assert "Otto Altmann" not in _names(persons_active)
    assert {r.kind for r in persons_active} == {"person"}


def test_distribution_list_of_the_plenary(store: Store) -> None:
    _network(store)
    rows = contacts.distribution_list(store, plenum_id(store))
    assert [(r.name, r.role, r.organisation) for r in rows] == [
        ("Eva Maier", "vorsitz", "Bezirk Oberbayern"),
        ("Anna Huber", "vorsitz", "Landkreis Ebersberg"),  # once, as chair, although also a member
        ("Jonas Weiß", "stellvertretung", "Landkreis Ebersberg"),
    ]
    assert rows[1].role_label == "Vorsitz"
    assert rows[1].to_json()["email"] == "anna.huber@lra-ebe.example"


def test_distribution_list_of_a_group_includes_partner_contacts(store: Store) -> None:
    ids = _network(store)
    rows = contacts.distribution_list(store, ids["group"])
    assert [(r.name, r.role, r.organisation, r.organisation_kind) for r in rows] == [
        ("Anna Huber", "sprecher", "Landkreis Ebersberg", "body"),
        ("Aylin Öztürk", "mitglied", "Caritasverband München", "partner"),
    ]
    in_august = contacts.distribution_list(store, ids["group"], on=date(2026, 8, 15))
    assert "Kern" in [r.name for r in in_august]
    with pytest.raises(NotFoundError):
        contacts.distribution_list(store, 9999)


def test_distribution_list_one_row_per_email(store: Store) -> None:
    ids = _network(store)
    twin = add_person(store, last="Huber", first="A.", ags="09175", email="ANNA.HUBER@lra-ebe.example")
    committees.add_member(store, ids["group"], twin, "mitglied", date(2026, 7, 8))
    rows = contacts.distribution_list(store, ids["group"])
    assert [r.email.casefold() for r in rows].count("anna.huber@lra-ebe.example") == 1


def test_committee_and_body_choices(store: Store) -> None:
    ids = _network(store)
    choices = contacts.committee_choices(store)
    assert choices[0].kind == "plenum"
    assert ids["group"] in [c.id for c in choices]
    assert len(contacts.body_choices(store)) == 24


def test_contact_list_and_distribution_query_counts_do_not_grow(store: Store) -> None:
    from querycount import count_queries

    ids = _network(store)
    with count_queries(store.engine) as few:
        small = contacts.list_contacts(store)
    with count_queries(store.engine) as few_dist:
        contacts.distribution_list(store, ids["group"])
    for n in range(12):
        pid = partners.create_partner(store, PartnerInput(name=f"Partner {n}", category="verein"))
        contact = partners.add_contact(store, pid, ContactInput(last_name=f"Kontakt{n}", email=f"k{n}@p.example"))
        committees.add_member(store, ids["group"], contact, "mitglied", date(2026, 7, 8))
        add_person(store, last=f"Vertretung{n}", first="X", ags="09162")
    with count_queries(store.engine) as many:
        large = contacts.list_contacts(store)
    with count_queries(store.engine) as many_dist:
        dist = contacts.distribution_list(store, ids["group"])
    assert len(large) >= len(small) + 36
    assert len(dist) >= 14
    assert many.count == few.count, many
    assert many_dist.count == few_dist.count, many_dist

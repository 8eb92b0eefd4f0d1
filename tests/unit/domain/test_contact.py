"""The shared address block, the venue fields and the quorum verdict (domain/contact.py, venue.py, rules.py)."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime

import pytest

from bezag_desktop.domain.contact import ContactDetails, postal_address
from bezag_desktop.domain.rules import OfficeDetails, Quorum
from bezag_desktop.domain.venue import VENUE_FIELDS, Venue
from bezag_desktop.exporters.docx_minutes import QuorumData
from bezag_desktop.exporters.invitation import InvitationContent
from bezag_desktop.services.groups.partners import PartnerInput
from bezag_desktop.services.meetings.operations import MeetingInput


@pytest.mark.parametrize(
    ("street", "postcode", "city", "expected"),
    [
        ("Eichthalstraße 5", "85560", "Ebersberg", "Eichthalstraße 5, 85560 Ebersberg"),
        ("  Eichthalstraße 5 ", "", "Ebersberg", "Eichthalstraße 5, Ebersberg"),
        ("", "85560", "", "85560"),
        ("", "", "", ""),
    ],
)
def test_postal_address_joins_the_given_parts(street: str, postcode: str, city: str, expected: str) -> None:
    assert postal_address(street, postcode, city) == expected
    details = ContactDetails(street=street, postcode=postcode, city=city)
    assert details.address == expected


def test_office_and_partner_share_the_address_block() -> None:
    office = OfficeDetails(name="Geschäftsstelle", street="Prinzregentenstraße 14", postcode="80538", city="München")
    assert office.town == "80538 München"
    assert office.address == "Prinzregentenstraße 14, 80538 München"
    assert OfficeDetails.from_dict(office.to_dict()) == office
    partner = PartnerInput("Caritas", "wohlfahrtsverband", website="https://caritas.de")
    assert (partner.name, partner.category, partner.website) == ("Caritas", "wohlfahrtsverband", "https://caritas.de")
    with pytest.raises(TypeError):
        ContactDetails("Straße")  # type: ignore[misc]  # keyword-only on purpose


def test_venue_fields_are_shared_by_meeting_input_and_invitation() -> None:
    assert VENUE_FIELDS == ("location_name", "location_address", "location_room", "online_url", "travel_notes")
    start = datetime(2027, 3, 10, 10, 0)
    meeting = MeetingInput(1, start, None, "ordentlich", "Titel", location_room="Saal 1")
    content = InvitationContent("Plenum", "1. Sitzung 2027", start, location_room="Saal 1")
    assert meeting.location_room == content.location_room == "Saal 1"
    for cls in (MeetingInput, InvitationContent):
        assert set(VENUE_FIELDS) <= {f.name for f in fields(cls)}
        assert issubclass(cls, Venue)


@pytest.mark.parametrize(("present", "verdict"), [(2, "beschlussfähig"), (1, "nicht beschlussfähig")])
def test_quorum_verdict_is_one_wording(present: int, verdict: str) -> None:
    assert Quorum(present, 2).verdict == verdict
    assert Quorum(present, 2).text.endswith(verdict)
    assert QuorumData(present, 2, 3).verdict == verdict
    assert QuorumData(present, 2, 3).voting_bodies == 3

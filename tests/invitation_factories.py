"""Test data for the invitation tests: office details, a plenary meeting with chairs, members, deputies,
a person without e-mail address, a numbered agenda and an attached file."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bezag_desktop.db.models import (
    AgendaAttachment,
    AgendaItem,
    Body,
    ChairTerm,
    Committee,
    Meeting,
    Membership,
    Person,
)
from bezag_desktop.domain.codes import CommitteeKind
from bezag_desktop.domain.rules import OfficeDetails
from bezag_desktop.domain.text import fold
from bezag_desktop.services.settings import save_office
from bezag_desktop.services.store import Store

START = datetime(2027, 3, 10, 10, 0)
NASTY_PLACE = 'Saal "Süd"; 3. OG, Prinzregentenstraße 14\n80538 München \\ Eingang B'

#: Everyone with an address and the calendar role they get.
MEMBERS = {
    "vorsitz@bezirk.example": "CHAIR",
    "max.mueller@lra-a.example": "CHAIR",
    "anna@lra-a.example": "REQ-PARTICIPANT",
    "joerg.weiss@lra-a.example": "OPT-PARTICIPANT",
    "eva.schoen@lra-b.example": "OPT-PARTICIPANT",
}

OFFICE = OfficeDetails(
    name="Geschäftsstelle der BezAG Sozialplanung",
    street="Prinzregentenstraße 14",
    postcode="80538",
    city="München",
    email="geschaeftsstelle@bezag.example",
    phone="+49 89 2198-0",
    uid_domain="bezag.example",
    contact_person="Maria Muster",
)


def person(s: Any, first: str, last: str, email_address: str, title: str = "") -> Person:
    p = Person(
        title=title,
        first_name=first,
        last_name=last,
        email=email_address,
        search_key=fold(" ".join([title, first, last, email_address])),
    )
    s.add(p)
    s.flush()
    return p


def plenum(s: Any) -> int:
    return int(s.scalar(select(Committee.id).where(Committee.kind == CommitteeKind.PLENUM.value)))


def mandate(s: Any, person: Person, body_id: int, role: str, start: date = date(2026, 1, 1)) -> Membership:
    m = Membership(person_id=person.id, committee_id=plenum(s), body_id=body_id, role=role, start_date=start)
    s.add(m)
    s.flush()
    return m


def invited_meeting(store: Store, tmp_path: Path, *, start: datetime = START) -> int:
    """Office details set and a plenary meeting on 10.03.2027 with two chairs, two bodies' members and deputies, agenda and a file."""
    save_office(store, OFFICE)
    attachment = tmp_path / "unterlagen" / "Bericht AG Wohnen.pdf"
    attachment.parent.mkdir(exist_ok=True)
    attachment.write_bytes(b"%PDF-1.4 Bericht")
    with store.session() as s:
        bodies = list(s.scalars(select(Body.id).order_by(Body.sort_order).limit(3)))
        chair_b = person(s, "Maria", "Huber", "vorsitz@bezirk.example", "Prof. Dr.")
        chair_k = person(s, "Max", "Müller-Lüdenscheidt", "max.mueller@lra-a.example")
        for chair, side, begin in ((chair_b, "bezirk", date(2025, 1, 13)), (chair_k, "kommunen", date(2025, 1, 30))):
            s.add(ChairTerm(committee_id=plenum(s), side=side, person_id=chair.id, start_date=begin))
        mandate(
            s,
            person(s, 'Anna "Ani"', "Müller, LRA; Sozialplanung", "anna@lra-a.example", "Dr."),
            bodies[0],
            "mitglied",
        )
        mandate(s, person(s, "Jörg", "Weiß", "joerg.weiss@lra-a.example"), bodies[0], "stellvertretung")
        mandate(s, person(s, "Otto", "Ohneadresse", ""), bodies[1], "mitglied")
        mandate(s, person(s, "Eva", "Schön", "eva.schoen@lra-b.example"), bodies[1], "stellvertretung")
        m = Meeting(
            committee_id=plenum(s),
            year=2027,
            number=1,
            title="1. Sitzung 2027",
            start=start,
            end=start + timedelta(hours=3),
            location_name=NASTY_PLACE,
            online_url="https://meet.example/j/42",
            travel_notes="U4/U5 bis Lehel",
            rsvp_date=date(2027, 3, 1),
        )
        s.add(m)
        s.flush()
        top1 = AgendaItem(meeting_id=m.id, position=1, number="1", title="Begrüßung", presenter="Prof. Dr. Maria Huber")
        top2 = AgendaItem(meeting_id=m.id, position=2, number="2", title="Berichte aus den Arbeitsgruppen")
        s.add_all([top1, top2])
        s.flush()
        sub = AgendaItem(
            meeting_id=m.id, parent_id=top2.id, position=1, number="2.1", title="AG Wohnen", presenter="Eva Schön"
        )
        s.add(sub)
        s.flush()
        s.add(AgendaAttachment(agenda_item_id=sub.id, path=str(attachment), label="Bericht AG Wohnen"))
        return m.id

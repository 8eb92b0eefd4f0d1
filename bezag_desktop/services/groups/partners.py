"""Network partners: external organisations (welfare associations, insurers, science, ...) and their contacts.

A partner's contact persons are ``Person`` rows with ``partner_id``; they can sit in working
groups (on behalf of the partner) and be guests of meetings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import Partner, Person
from bezag_desktop.domain.attrs import from_attrs, with_stripped
from bezag_desktop.domain.codes import FormOfAddress, PartnerCategory
from bezag_desktop.domain.contact import ContactDetails
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.domain.text import fold
from bezag_desktop.services.audit import audit
from bezag_desktop.services.records import assign, get_or_raise
from bezag_desktop.services.representation import people
from bezag_desktop.services.representation.people import NAME_FIELDS, NameInput, PersonInput
from bezag_desktop.services.settings import is_valid_email
from bezag_desktop.services.store import Store, operation

_WEBSITE_RE = re.compile(r"^(https?://)?[^\s/]+\.[^\s/]+(/\S*)?$", re.IGNORECASE)


def category_label(code: str) -> str:
    return PartnerCategory.label_for(code)


@dataclass(frozen=True)
class PartnerInput(ContactDetails):
    name: str
    category: str = PartnerCategory.SONSTIGE.value
    notes: str = ""
    active: bool = True


@dataclass(frozen=True)
class ContactInput(NameInput):
    email: str = ""
    phone: str = ""
    notes: str = ""
    active: bool = True

    @property
    def name(self) -> str:
        """The name as a person's display name reads (``Person.compose_name``)."""
        return Person.compose_name(self.title, self.first_name, self.last_name)


@dataclass(frozen=True)
class ContactEdit:
    """One contact in the partner dialog: ``id`` None for a new person."""

    data: ContactInput
    id: int | None = None


@dataclass(frozen=True)
class ContactPersonRow:
    id: int
    partner_id: int | None
    form_of_address: str
    title: str
    first_name: str
    last_name: str
    function: str
    email: str
    phone: str
    notes: str
    active: bool

    @property
    def name(self) -> str:
        return Person.compose_name(self.title, self.first_name, self.last_name)

    def to_input(self) -> ContactInput:
        return ContactInput(
            last_name=self.last_name,
            first_name=self.first_name,
            title=self.title,
            form_of_address=self.form_of_address,
            function=self.function,
            email=self.email,
            phone=self.phone,
            notes=self.notes,
            active=self.active,
        )


@dataclass(frozen=True)
class PartnerRow(ContactDetails):
    id: int
    name: str
    category: str
    notes: str
    active: bool
    contact_count: int = 0

    @property
    def category_label(self) -> str:
        return category_label(self.category)

    def to_input(self) -> PartnerInput:
        return from_attrs(PartnerInput, self)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "street": self.street,
            "postcode": self.postcode,
            "city": self.city,
            "email": self.email,
            "phone": self.phone,
            "website": self.website,
            "active": self.active,
            "contacts": self.contact_count,
        }


@dataclass(frozen=True)
class PartnerDetail:
    partner: PartnerRow
    contacts: tuple[ContactPersonRow, ...] = field(default_factory=tuple)


def _partner_row(p: Partner, contacts: int = 0) -> PartnerRow:
    return from_attrs(PartnerRow, p, contact_count=contacts)


def _contact_row(p: Person) -> ContactPersonRow:
    return ContactPersonRow(
        id=p.id,
        partner_id=p.partner_id,
        form_of_address=p.form_of_address,
        title=p.title,
        first_name=p.first_name,
        last_name=p.last_name,
        function=p.function,
        email=p.email,
        phone=p.phone,
        notes=p.notes,
        active=p.active,
    )


# --- reading ----------------------------------------------------------------------------------


def list_partners(store: Store, *, active: bool | None = None, category: str | None = None) -> list[PartnerRow]:
    """Partner organisations by name with the number of their active contacts; two queries."""
    with store.session() as s:
        stmt = select(Partner)
        if active is not None:
            stmt = stmt.where(Partner.active == active)
        if category:
            stmt = stmt.where(Partner.category == category)
        partners = list(s.scalars(stmt))
        counts: dict[int, int] = {
            partner_id: n
            for partner_id, n in s.execute(
                select(Person.partner_id, func.count(Person.id))
                .where(Person.partner_id.is_not(None), Person.active.is_(True))
                .group_by(Person.partner_id)
            )
            if partner_id is not None
        }
        rows = [_partner_row(p, counts.get(p.id, 0)) for p in partners]
    rows.sort(key=lambda r: fold(r.name))
    return rows


def get_partner(store: Store, partner_id: int) -> PartnerDetail:
    with store.session() as s:
        p = get_or_raise(s, Partner, partner_id)
        contacts = [
            _contact_row(c)
            for c in s.scalars(
                select(Person).where(Person.partner_id == partner_id).order_by(Person.last_name, Person.first_name)
            )
        ]
        return PartnerDetail(_partner_row(p, sum(1 for c in contacts if c.active)), tuple(contacts))


# --- validation -------------------------------------------------------------------------------


def _clean_partner(data: PartnerInput) -> PartnerInput:
    return with_stripped(
        data,
        "street",
        "postcode",
        "city",
        "email",
        "phone",
        "website",
        "notes",
        name=" ".join(data.name.split()),
    )


def _validate_partner(session: Session, data: PartnerInput, partner_id: int | None) -> None:
    if not data.name:
        raise ValidationError("Bitte den Namen der Organisation angeben.", field="name")
    if len(data.name) > 200:
        raise ValidationError("Der Name ist zu lang (höchstens 200 Zeichen).", field="name")
    if data.category not in {c.value for c in PartnerCategory}:
        raise ValidationError(f"Unbekannte Kategorie „{data.category}“.", field="category")
    if data.email and not is_valid_email(data.email):
        raise ValidationError(f"„{data.email}“ ist keine gültige E-Mail-Adresse.", field="email")
    if data.website and not _WEBSITE_RE.match(data.website):
        raise ValidationError(
            f"„{data.website}“ ist keine gültige Internetadresse (z. B. www.caritas-muenchen.example).", field="website"
        )
    if data.postcode and not re.fullmatch(r"\d{5}", data.postcode):
        raise ValidationError(f"„{data.postcode}“ ist keine fünfstellige Postleitzahl.", field="postcode")
    wanted = fold(data.name)
    for pid, name in session.execute(select(Partner.id, Partner.name)):
        if pid != partner_id and fold(name) == wanted:
            raise ValidationError(f"Einen Netzwerkpartner namens „{name}“ gibt es bereits.", field="name")


def clean_contact(data: ContactInput) -> ContactInput:
    return ContactInput(
        last_name=" ".join(data.last_name.split()),
        first_name=" ".join(data.first_name.split()),
        title=data.title.strip(),
        form_of_address=data.form_of_address,
        function=data.function.strip(),
        email=data.email.strip(),
        phone=data.phone.strip(),
        notes=data.notes.strip(),
        active=data.active,
    )


def validate_contact(data: ContactInput) -> None:
    if not data.last_name:
        raise ValidationError("Bitte den Nachnamen der Kontaktperson angeben.", field="last_name")
    if data.form_of_address not in {f.value for f in FormOfAddress}:
        raise ValidationError(f"Unbekannte Anrede „{data.form_of_address}“.", field="form_of_address")
    if data.email and not is_valid_email(data.email):
        who = data.name
        raise ValidationError(f"„{data.email}“ ist keine gültige E-Mail-Adresse ({who}).", field="email")


def _person_input(data: ContactInput, partner_id: int, keep: Person | None = None) -> PersonInput:
    """The contact as a person of ``services.people`` (address fields kept from the stored person)."""
    return from_attrs(
        PersonInput,
        data,
        *NAME_FIELDS,
        "email",
        "phone",
        "notes",
        partner_id=partner_id,
        street=keep.street if keep else "",
        postcode=keep.postcode if keep else "",
        city=keep.city if keep else "",
    )


# --- writing ----------------------------------------------------------------------------------


def _apply_partner(p: Partner, data: PartnerInput) -> None:
    assign(p, data)


@operation
def save_partner(s: Session, partner_id: int | None, data: PartnerInput, contacts: Sequence[ContactEdit] = ()) -> int:
    """Create (``partner_id`` None) or change a partner together with its contacts, in one transaction.

    Contacts not named in ``contacts`` stay as they are (contacts are never deleted: set them inactive).
    """
    data = _clean_partner(data)
    cleaned = [ContactEdit(clean_contact(c.data), c.id) for c in contacts]
    for c in cleaned:
        validate_contact(c.data)
    _validate_partner(s, data, partner_id)
    if partner_id is None:
        partner = Partner()
        _apply_partner(partner, data)
        s.add(partner)
        s.flush()
        audit(s, "partner.create", "partner", partner.id, f"Netzwerkpartner „{partner.name}“ angelegt")
    else:
        partner = get_or_raise(s, Partner, partner_id)
        _apply_partner(partner, data)
        audit(s, "partner.update", "partner", partner.id, f"Netzwerkpartner „{partner.name}“ geändert")
    for c in cleaned:
        _save_contact_in(s, partner, c)
    return partner.id


def _save_contact_in(session: Session, partner: Partner, edit: ContactEdit) -> int:
    if edit.id is None:
        person = people.create_person_in(session, _person_input(edit.data, partner.id))
        person.active = edit.data.active
        return person.id
    found = get_or_raise(session, Person, edit.id)
    if found.partner_id != partner.id:
        raise ValidationError(f"{found.display_name} ist keine Kontaktperson von „{partner.name}“.")
    people.update_person_in(session, found, _person_input(edit.data, partner.id, found))
    if found.active != edit.data.active:
        found.active = edit.data.active
        state = "aktiv" if edit.data.active else "inaktiv"
        audit(session, "person.active", "person", found.id, f"{found.display_name} ({partner.name}) {state}")
    return found.id


@operation
def create_partner(s: Session, data: PartnerInput) -> int:
    return save_partner(s, None, data)


@operation
def set_partner_active(s: Session, partner_id: int, active: bool) -> None:
    """Mark a partner (in)active; its history (seats, attendance) stays."""
    p = get_or_raise(s, Partner, partner_id)
    p.active = active
    audit(s, "partner.active", "partner", p.id, f"„{p.name}“ {'aktiv' if active else 'inaktiv'}")


@operation
def add_contact(s: Session, partner_id: int, data: ContactInput) -> int:
    """A new contact person of a partner; returns the person id."""
    data = clean_contact(data)
    validate_contact(data)
    partner = get_or_raise(s, Partner, partner_id)
    return _save_contact_in(s, partner, ContactEdit(data))


@operation
def update_contact(s: Session, person_id: int, data: ContactInput) -> None:
    data = clean_contact(data)
    validate_contact(data)
    person = get_or_raise(s, Person, person_id)
    partner = s.get(Partner, person.partner_id) if person.partner_id is not None else None
    if partner is None:
        raise ValidationError(f"{person.display_name} ist keine Kontaktperson eines Netzwerkpartners.")
    _save_contact_in(s, partner, ContactEdit(data, person_id))


def partner_contacts(store: Store, *, active_only: bool = True) -> list[tuple[PartnerRow, ContactPersonRow]]:
    """All partner contacts with their organisation (for choosing a group member); one query."""
    with store.session() as s:
        stmt = select(Person, Partner).join(Partner, Partner.id == Person.partner_id)
        if active_only:
            stmt = stmt.where(Person.active.is_(True), Partner.active.is_(True))
        rows = [(_partner_row(p), _contact_row(c)) for c, p in s.execute(stmt)]
    rows.sort(key=lambda r: (fold(r[0].name), fold(r[1].last_name), fold(r[1].first_name)))
    return rows

"""People: create, edit, deactivate; search as you type; likely duplicates shown before saving.

A person is a representative, deputy, partner contact, guest or office member. ``Person.search_key``
is kept as ``person_search_key(title, first_name, last_name, email)`` by every writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import Body, ChairTerm, Committee, Membership, Partner, Person
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import CommitteeKind, FormOfAddress, MembershipRole
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.domain.text import fold
from bezag_desktop.domain.timeutil import fmt_date, today
from bezag_desktop.services.audit import audit
from bezag_desktop.services.records import assign, get_or_raise, not_found_message
from bezag_desktop.services.settings import is_valid_email
from bezag_desktop.services.store import Store, operation

#: Column lengths of ``persons`` (db/models/bodies.py), for German messages instead of truncation.
_MAX_LENGTHS = {
    "title": ("Titel", 50),
    "first_name": ("Vorname", 100),
    "last_name": ("Nachname", 100),
    "function": ("Funktion", 200),
    "email": ("E-Mail", 200),
    "phone": ("Telefon", 50),
    "street": ("Straße", 200),
    "postcode": ("PLZ", 10),
    "city": ("Ort", 100),
}


def person_search_key(title: str = "", first_name: str = "", last_name: str = "", email: str = "") -> str:
    """The folded text search runs on: "Dr. Jürgen Müller j.mueller@…" -> "dr. jurgen muller j.mueller@…"."""
    return fold(" ".join(p for p in (title, first_name, last_name, email) if p))


@dataclass(frozen=True)
class NameInput:
    """How a person is named and addressed: the first fields of a person's and of a partner contact's input."""

    last_name: str
    first_name: str = ""
    title: str = ""
    form_of_address: str = FormOfAddress.NEUTRAL.value
    function: str = ""


#: The fields of ``NameInput``, for copying a name from one input into another.
NAME_FIELDS = tuple(f.name for f in fields(NameInput))


@dataclass(frozen=True)
class PersonInput(NameInput):
    """What the person dialog and the import submit. Employer: a body or a partner, at most one."""

    body_id: int | None = None
    partner_id: int | None = None
    email: str = ""
    phone: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    notes: str = ""

    def cleaned(self) -> PersonInput:
        """Surrounding blanks removed; the e-mail address without a ``mailto:`` and blanks."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        for name, value in values.items():
            if isinstance(value, str):
                values[name] = value.strip()
        values["email"] = values["email"].removeprefix("mailto:").strip()
        values["form_of_address"] = values["form_of_address"] or FormOfAddress.NEUTRAL.value
        return PersonInput(**values)


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    form_of_address: str
    title: str
    first_name: str
    last_name: str
    function: str
    body_id: int | None
    partner_id: int | None
    #: The employer's name (body or partner), or "".
    employer: str
    email: str
    phone: str
    street: str
    postcode: str
    city: str
    notes: str
    active: bool

    @property
    def status_label(self) -> str:
        return "aktiv" if self.active else "deaktiviert"

    def to_input(self) -> PersonInput:
        return from_attrs(PersonInput, self)


@dataclass(frozen=True)
class Duplicate:
    """A likely duplicate of the person being saved, and why."""

    person: PersonRow
    reason: str


@dataclass(frozen=True)
class EmployerOption:
    kind: str  # "body" or "partner"
    id: int
    name: str


def _to_row(p: Person, body_name: str | None, partner_name: str | None) -> PersonRow:
    # Every other field of the row is the person's column of the same name.
    return from_attrs(PersonRow, p, name=p.display_name, employer=body_name or partner_name or "")


def _rows(session: Session, *where: ColumnElement[bool], limit: int | None = None) -> list[PersonRow]:
    stmt = (
        select(Person, Body.name, Partner.name)
        .outerjoin(Body, Body.id == Person.body_id)
        .outerjoin(Partner, Partner.id == Person.partner_id)
        .where(*where)
        .order_by(func.lower(Person.last_name), func.lower(Person.first_name), Person.id)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_to_row(p, b, pa) for p, b, pa in session.execute(stmt).all()]


@operation
def get_person(session: Session, person_id: int) -> PersonRow:
    rows = _rows(session, Person.id == person_id)
    if not rows:
        raise NotFoundError(not_found_message(Person, person_id))
    return rows[0]


def list_people(store: Store, *, include_inactive: bool = False) -> list[PersonRow]:
    """All persons, sorted by name (one query)."""
    with store.session() as s:
        return _rows(s, *(() if include_inactive else (Person.active.is_(True),)))


def search_people(
    store: Store, text: str, *, include_inactive: bool = False, limit: int | None = 200
) -> list[PersonRow]:
    """Search as you type: every word must occur in name or e-mail; case and umlauts ignored.

    "muller" finds "Müller", "weiss" finds "Weiß" (``domain.text.fold`` on both sides).
    """
    words = fold(text).split()
    conditions: list[ColumnElement[bool]] = [Person.search_key.contains(w, autoescape=True) for w in words]
    if not include_inactive:
        conditions.append(Person.active.is_(True))
    with store.session() as s:
        return _rows(s, *conditions, limit=limit)


def employer_options(store: Store) -> list[EmployerOption]:
    """Bodies (in their usual order) then active partners, for the employer choice."""
    with store.session() as s:
        bodies = s.execute(select(Body.id, Body.name).order_by(Body.sort_order, Body.name)).all()
        partners = s.execute(
            select(Partner.id, Partner.name).where(Partner.active.is_(True)).order_by(func.lower(Partner.name))
        ).all()
    return [EmployerOption("body", i, n) for i, n in bodies] + [EmployerOption("partner", i, n) for i, n in partners]


# --- validation -----------------------------------------------------------------------------


def validate_person(session: Session, data: PersonInput) -> PersonInput:
    """Check a person's data; returns the cleaned input. Raises ``ValidationError`` naming the field."""
    data = data.cleaned()
    if not data.last_name:
        raise ValidationError("Bitte einen Nachnamen angeben.", field="last_name")
    for name, (label, limit) in _MAX_LENGTHS.items():
        if len(getattr(data, name)) > limit:
            raise ValidationError(f"„{label}“ darf höchstens {limit} Zeichen lang sein.", field=name)
    if data.form_of_address not in {f.value for f in FormOfAddress}:
        raise ValidationError(
            f"Unbekannte Anrede „{data.form_of_address}“ (möglich: Frau, Herr, neutral).", field="form_of_address"
        )
    if data.email and not is_valid_email(data.email):
        raise ValidationError(
            f"„{data.email}“ ist keine gültige E-Mail-Adresse (Beispiel: vorname.nachname@landkreis.example).",
            field="email",
        )
    if data.body_id is not None and data.partner_id is not None:
        raise ValidationError(
            "Als Arbeitgeber bitte entweder eine Körperschaft oder eine Partnerorganisation angeben.", field="employer"
        )
    if data.body_id is not None and session.get(Body, data.body_id) is None:
        raise ValidationError("Die gewählte Körperschaft gibt es nicht.", field="employer")
    if data.partner_id is not None and session.get(Partner, data.partner_id) is None:
        raise ValidationError("Die gewählte Partnerorganisation gibt es nicht.", field="employer")
    return data


def check_person(store: Store, data: PersonInput) -> PersonInput:
    """Validate without saving (the dialog checks before it asks about duplicates); returns the cleaned data."""
    with store.session() as s:
        return validate_person(s, data)


@operation
def find_duplicates(session: Session, data: PersonInput, *, exclude_id: int | None = None) -> list[Duplicate]:
    """Likely duplicates to show before saving: persons with the same name (case and umlauts ignored)
    or the same e-mail address (one query)."""
    data = data.cleaned()
    name_key = fold(f"{data.first_name} {data.last_name}")
    email = data.email.casefold()
    if not data.last_name and not email:
        return []
    # SQLite's lower() does not fold umlauts: narrow by e-mail or the folded search key, compare in Python.
    last_key = fold(data.last_name)
    stmt_conditions = [Person.search_key.contains(last_key, autoescape=True)] if last_key else []
    if email:
        stmt_conditions.append(func.lower(Person.email) == email)
    where = [or_(*stmt_conditions)]
    if exclude_id is not None:
        where.append(Person.id != exclude_id)
    out: list[Duplicate] = []
    for row in _rows(session, and_(*where)):
        reasons = []
        if fold(f"{row.first_name} {row.last_name}") == name_key:
            reasons.append("gleicher Name")
        if email and row.email.casefold() == email:
            reasons.append("gleiche E-Mail-Adresse")
        if reasons:
            out.append(Duplicate(row, " und ".join(reasons)))
    return out


def duplicates_text(duplicates: Sequence[Duplicate]) -> str:
    """German lines for the confirmation before saving."""
    lines = []
    for d in duplicates:
        extra = ", ".join(x for x in (d.person.employer, d.person.email) if x)
        state = "" if d.person.active else ", deaktiviert"
        lines.append(f"• {d.person.name} ({extra}{state}) – {d.reason}" if extra else f"• {d.person.name} – {d.reason}")
    return "\n".join(lines)


# --- writing --------------------------------------------------------------------------------


def _apply(person: Person, data: PersonInput) -> None:
    assign(person, data)
    person.search_key = person_search_key(data.title, data.first_name, data.last_name, data.email)


def create_person_in(session: Session, data: PersonInput) -> Person:
    """Validate and add a person in an open session (for the import); audited."""
    data = validate_person(session, data)
    person = Person()
    _apply(person, data)
    session.add(person)
    session.flush()
    audit(session, "person.create", "person", person.id, f"Person angelegt: {person.display_name}")
    return person


def update_person_in(session: Session, person: Person, data: PersonInput) -> list[str]:
    """Validate and change a person in an open session; returns the German list of changes (empty: none)."""
    data = validate_person(session, data)
    labels = {
        "form_of_address": "Anrede",
        "title": "Titel",
        "first_name": "Vorname",
        "last_name": "Nachname",
        "function": "Funktion",
        "body_id": "Arbeitgeber",
        "partner_id": "Arbeitgeber",
        "email": "E-Mail",
        "phone": "Telefon",
        "street": "Straße",
        "postcode": "PLZ",
        "city": "Ort",
        "notes": "Notizen",
    }
    changes: list[str] = []
    for f in fields(PersonInput):
        old, new = getattr(person, f.name), getattr(data, f.name)
        if old != new and labels[f.name] not in changes:
            changes.append(labels[f.name])
    if changes:
        _apply(person, data)
        audit(session, "person.update", "person", person.id, f"Person geändert ({', '.join(changes)})")
    return changes


@operation
def create_person(s: Session, data: PersonInput) -> PersonRow:
    """Add a person. The caller shows ``find_duplicates`` first and asks whether to go on."""
    person = create_person_in(s, data)
    return get_person(s, person.id)


@operation
def update_person(s: Session, person_id: int, data: PersonInput) -> PersonRow:
    person = get_or_raise(s, Person, person_id)
    update_person_in(s, person, data)
    s.flush()
    return get_person(s, person_id)


@dataclass(frozen=True)
class RunningMandate:
    membership_id: int
    committee: str
    body: str
    role: str
    start: date | None

    @property
    def text(self) -> str:
        since = f" seit {fmt_date(self.start)}" if self.start else ""
        where = f" für {self.body}" if self.body else ""
        return f"{MembershipRole(self.role).label}{where} in „{self.committee}“{since}"


@operation
def running_mandates(session: Session, person_id: int, on: date | None = None) -> list[RunningMandate]:
    """The person's mandates (any committee) that are valid on ``on`` (default today) or start later."""
    on = on or today()
    rows = session.execute(
        select(Membership.id, Committee.name, Body.name, Membership.role, Membership.start_date)
        .join(Committee, Committee.id == Membership.committee_id)
        .outerjoin(Body, Body.id == Membership.body_id)
        .where(
            Membership.person_id == person_id,
            or_(Membership.end_date.is_(None), Membership.end_date >= on),
        )
        .order_by(Committee.kind != CommitteeKind.PLENUM.value, Membership.start_date)
    ).all()
    return [RunningMandate(i, c, b or "", r, s) for i, c, b, r, s in rows]


@operation
def deactivate_person(s: Session, person_id: int, *, end_mandates_on: date | None = None) -> PersonRow:
    """Mark a person inactive (kept for the history, hidden from choices).

    Running mandates must end first: without ``end_mandates_on`` they are listed in a German error;
    with it, they end on that day, and appointments that have not begun by then are taken back.
    """
    on = end_mandates_on or today()
    person = get_or_raise(s, Person, person_id)
    if not person.active:
        raise ValidationError(f"{person.display_name} ist bereits deaktiviert.")
    chair = s.scalar(
        select(ChairTerm).where(
            ChairTerm.person_id == person_id, or_(ChairTerm.end_date.is_(None), ChairTerm.end_date >= on)
        )
    )
    if chair is not None:
        raise ValidationError(
            f"{person.display_name} hat den Vorsitz inne (Amtszeit ab {fmt_date(chair.start_date)}). "
            "Bitte zuerst die Amtszeit auf der Seite „Wahlen & Vorsitz“ beenden."
        )
    running = running_mandates(s, person_id, on)
    if running and end_mandates_on is None:
        listed = "; ".join(m.text for m in running)
        raise ValidationError(
            f"{person.display_name} hat noch laufende Mandate: {listed}. "
            "Bitte die Mandate beenden oder die Nachfolge regeln, bevor die Person deaktiviert wird."
        )
    for m in running:
        mandate = s.get(Membership, m.membership_id)
        assert mandate is not None
        if mandate.start_date is not None and mandate.start_date > on:
            # Not begun yet: the appointment is taken back (it leaves no history).
            audit(s, "mandate.withdraw", "membership", mandate.id, "künftige Berufung zurückgenommen")
            s.delete(mandate)
            continue
        mandate.end_date = on
        audit(s, "mandate.end", "membership", mandate.id, f"Mandat beendet zum {fmt_date(on)}")
    person.active = False
    audit(s, "person.deactivate", "person", person.id, f"Person deaktiviert: {person.display_name}")
    s.flush()
    return get_person(s, person_id)


@operation
def reactivate_person(s: Session, person_id: int) -> PersonRow:
    person = get_or_raise(s, Person, person_id)
    person.active = True
    audit(s, "person.reactivate", "person", person.id, f"Person wieder aktiviert: {person.display_name}")
    s.flush()
    return get_person(s, person_id)

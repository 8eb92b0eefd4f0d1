"""Kontakte & Netzwerk: one searchable list of persons and organisations, and each committee's distribution list.

``list_contacts`` reads everything in a fixed number of queries (persons with their employer,
current seats, bodies, partners) and filters in memory; the lists are a few hundred rows.
``distribution_list`` says who is invited to a committee's meetings; the XLSX export of
contacts (``bezag export contacts``) writes exactly these rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import Body, ChairTerm, Committee, Membership, Partner, Person
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import BodyKind, CommitteeKind, InviteRole, MembershipRole, PartnerCategory
from bezag_desktop.domain.text import fold
from bezag_desktop.domain.timeutil import today
from bezag_desktop.services.groups.queries import member_rows
from bezag_desktop.services.groups.rows import COMMITTEE_ORDER, role_label
from bezag_desktop.services.records import get_or_raise
from bezag_desktop.services.store import Store, operation

#: Kinds of rows in the contact list.
PERSON = "person"
BODY = "body"
PARTNER = "partner"
KIND_LABELS = {PERSON: "Person", BODY: "Körperschaft", PARTNER: "Netzwerkpartner"}


@dataclass(frozen=True)
class SeatRef:
    committee_id: int
    committee: str
    role: str

    @property
    def text(self) -> str:
        return f"{self.committee} ({role_label(self.role)})"


@dataclass(frozen=True)
class ContactRow:
    """A person or an organisation (body or partner) of the network."""

    kind: str
    id: int
    name: str
    #: For persons: the employer (body or partner); for organisations: empty.
    organisation: str
    organisation_kind: str | None
    #: Body kind or partner category code (a person's is that of the employer).
    category: str
    function: str
    email: str
    phone: str
    city: str
    active: bool
    #: Current seats (persons) or seats held on the organisation's behalf (bodies, partners).
    seats: tuple[SeatRef, ...] = ()
    #: For persons: the id of the employer (a body or partner, see ``organisation_kind``).
    employer_id: int | None = None
    body_ids: frozenset[int] = frozenset()
    partner_ids: frozenset[int] = frozenset()

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def category_label(self) -> str:
        for enum in (BodyKind, PartnerCategory):
            try:
                return enum(self.category).label
            except ValueError:
                continue
        return self.category

    @property
    def committees_text(self) -> str:
        return "; ".join(dict.fromkeys(s.text if self.kind == PERSON else s.committee for s in self.seats))

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.id)

    def matches(self, words: list[str]) -> bool:
        text = fold(
            " ".join([self.name, self.organisation, self.function, self.email, self.city, self.committees_text])
        )
        return all(w in text for w in words)


@dataclass(frozen=True)
class ContactFilter:
    search: str = ""
    body_id: int | None = None
    committee_id: int | None = None
    partner_category: str | None = None
    #: True: only active, False: only inactive, None: all.
    active: bool | None = True
    #: Restrict to these kinds ("person", "body", "partner"); empty: all.
    kinds: tuple[str, ...] = ()


def _seats_by_person(
    session: Session, on: date
) -> tuple[dict[int, list[SeatRef]], list[tuple[int, int, int | None, int | None, str]]]:
    """Current seats: per person, and as (committee, person, body, partner, committee name) tuples."""
    stmt = (
        select(Membership, Committee.name)
        .join(Committee, Committee.id == Membership.committee_id)
        .where(Membership.valid_on(on))
        .order_by(Committee.kind, Committee.name)
    )
    per_person: dict[int, list[SeatRef]] = {}
    flat: list[tuple[int, int, int | None, int | None, str]] = []
    for ms, cname in session.execute(stmt):
        per_person.setdefault(ms.person_id, []).append(SeatRef(ms.committee_id, cname, ms.role))
        flat.append((ms.committee_id, ms.person_id, ms.body_id, ms.partner_id, cname))
    return per_person, flat


def _person_row(
    p: Person, body: Body | None, partner: Partner | None, seats: list[SeatRef], orgs: tuple[set[int], set[int]]
) -> ContactRow:
    """A person's row: employer as organisation; bodies and partners from the employer and the seats."""
    bodies, partners = orgs
    if body is not None:
        bodies = bodies | {body.id}
    if partner is not None:
        partners = partners | {partner.id}
    employer_id: int | None = None
    if body is not None:
        org, org_kind, category, employer_id = body.name, BODY, body.kind, body.id
    elif partner is not None:
        org, org_kind, category, employer_id = partner.name, PARTNER, partner.category, partner.id
    else:
        org, org_kind, category = "", None, ""
    return from_attrs(
        ContactRow,
        p,
        "id",
        "function",
        "email",
        "phone",
        "city",
        "active",
        kind=PERSON,
        name=p.display_name,
        organisation=org,
        organisation_kind=org_kind,
        category=category,
        seats=tuple(seats),
        employer_id=employer_id,
        body_ids=frozenset(bodies),
        partner_ids=frozenset(partners),
    )


def contact_rows_in(session: Session, on: date) -> list[ContactRow]:
    """Every person, body and partner; four queries whatever the number of rows."""
    seats, flat = _seats_by_person(session, on)
    org_seats: dict[tuple[str, int], dict[int, SeatRef]] = {}
    person_orgs: dict[int, tuple[set[int], set[int]]] = {}
    for committee_id, person_id, body_id, partner_id, cname in flat:
        bodies, partners = person_orgs.setdefault(person_id, (set(), set()))
        if body_id is not None:
            bodies.add(body_id)
            org_seats.setdefault((BODY, body_id), {})[committee_id] = SeatRef(committee_id, cname, "")
        if partner_id is not None:
            partners.add(partner_id)
            org_seats.setdefault((PARTNER, partner_id), {})[committee_id] = SeatRef(committee_id, cname, "")
    stmt = (
        select(Person, Body, Partner)
        .outerjoin(Body, Body.id == Person.body_id)
        .outerjoin(Partner, Partner.id == Person.partner_id)
    )
    rows = [
        _person_row(p, body, partner, seats.get(p.id, []), person_orgs.get(p.id, (set(), set())))
        for p, body, partner in session.execute(stmt)
    ]
    # A body has no address of its own to write to (only its persons do): e-mail and phone stay empty.
    organisations: list[tuple[str, Body | Partner, str, str, str]] = [
        *((BODY, b, b.kind, "", "") for b in session.scalars(select(Body))),
        *((PARTNER, pa, pa.category, pa.email, pa.phone) for pa in session.scalars(select(Partner))),
    ]
    for kind, org, category, email, phone in organisations:
        rows.append(
            ContactRow(
                kind=kind,
                id=org.id,
                name=org.name,
                organisation="",
                organisation_kind=None,
                category=category,
                function="",
                email=email,
                phone=phone,
                city=org.city,
                active=org.active,
                seats=tuple(org_seats.get((kind, org.id), {}).values()),
                body_ids=frozenset({org.id}) if kind == BODY else frozenset(),
                partner_ids=frozenset({org.id}) if kind == PARTNER else frozenset(),
            )
        )
    order = {BODY: 0, PARTNER: 1, PERSON: 2}
    rows.sort(key=lambda r: (order[r.kind], fold(r.name)))
    return rows


def _partner_categories(rows: list[ContactRow]) -> dict[int, str]:
    return {r.id: r.category for r in rows if r.kind == PARTNER}


def filter_contacts(rows: list[ContactRow], flt: ContactFilter) -> list[ContactRow]:
    """Apply the page's filters to the full list (pure, so the page can filter without a query)."""
    words = [w for w in fold(flt.search).split() if w]
    categories = _partner_categories(rows) if flt.partner_category else {}
    out: list[ContactRow] = []
    for r in rows:
        if flt.kinds and r.kind not in flt.kinds:
            continue
        if flt.active is not None and r.active != flt.active:
            continue
        if flt.body_id is not None and flt.body_id not in r.body_ids:
            continue
        if flt.committee_id is not None and all(s.committee_id != flt.committee_id for s in r.seats):
            continue
        if flt.partner_category:
            if r.kind == BODY:
                continue
            if not any(categories.get(pid) == flt.partner_category for pid in r.partner_ids):
                continue
        if words and not r.matches(words):
            continue
        out.append(r)
    return out


def list_contacts(store: Store, flt: ContactFilter | None = None, *, on: date | None = None) -> list[ContactRow]:
    """Persons and organisations matching ``flt`` (all when None); a constant number of queries."""
    with store.session() as s:
        rows = contact_rows_in(s, on or today())
    return filter_contacts(rows, flt or ContactFilter(active=None))


# --- distribution list ------------------------------------------------------------------------

#: Order of roles on a list; a person on the list twice keeps the first.
_ROLE_RANK = {
    InviteRole.VORSITZ.value: 0,
    MembershipRole.SPRECHER.value: 1,
    MembershipRole.STELLV_SPRECHER.value: 2,
    MembershipRole.MITGLIED.value: 3,
    MembershipRole.STELLVERTRETUNG.value: 4,
    MembershipRole.GAST.value: 5,
}


@dataclass(frozen=True)
class DistributionRow:
    """Who is invited to a committee's meetings: one row per e-mail address."""

    person_id: int
    name: str
    email: str
    organisation: str
    organisation_kind: str | None
    #: A membership role code, or "vorsitz" for a co-chair of the plenary.
    role: str

    @property
    def role_label(self) -> str:
        if self.role == InviteRole.VORSITZ.value:
            return InviteRole.VORSITZ.label
        return role_label(self.role)

    def to_json(self) -> dict[str, object]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "email": self.email,
            "organisation": self.organisation,
            "organisation_kind": self.organisation_kind,
            "role": self.role,
        }


@operation
def distribution_list(session: Session, committee_id: int, on: date | None = None) -> list[DistributionRow]:
    """Who is invited to the committee's meetings on ``on`` (today).

    Plenary: current members, deputies and the co-chairs. Working group or network: its current
    seats (members, leads, guests, partner contacts). Inactive persons are left out; each e-mail
    address appears once, with the person's most prominent role.
    """
    on = on or today()
    committee = get_or_raise(session, Committee, committee_id)
    candidates: list[DistributionRow] = []
    for _cid, m in member_rows(session, (Membership.committee_id == committee_id) & Membership.valid_on(on)):
        if m.active:
            candidates.append(
                DistributionRow(m.person_id, m.person, m.email, m.organisation, m.organisation_kind, m.role)
            )
    if committee.kind == CommitteeKind.PLENUM.value:
        stmt = (
            select(Person, Body)
            .join(ChairTerm, ChairTerm.person_id == Person.id)
            .outerjoin(Body, Body.id == Person.body_id)
            .where(
                ChairTerm.committee_id == committee_id,
                ChairTerm.valid_on(on),
                Person.active.is_(True),
            )
        )
        for p, body in session.execute(stmt):
            candidates.append(
                DistributionRow(
                    p.id, p.display_name, p.email, body.name if body else "", BODY if body else None, "vorsitz"
                )
            )
    candidates.sort(key=lambda r: (_ROLE_RANK.get(r.role, 9), fold(r.organisation), fold(r.name)))
    seen: set[str] = set()
    out: list[DistributionRow] = []
    for r in candidates:
        key = f"mail:{r.email.strip().casefold()}" if r.email.strip() else f"person:{r.person_id}"
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


@dataclass(frozen=True)
class CommitteeChoice:
    id: int
    name: str
    kind: str
    dissolved: date | None


def committee_choices(store: Store) -> list[CommitteeChoice]:
    """Committees for filter boxes: plenary first, then groups and networks by name."""
    with store.session() as s:
        rows = [CommitteeChoice(c.id, c.name, c.kind, c.dissolved_on) for c in s.scalars(select(Committee))]
    order = COMMITTEE_ORDER
    rows.sort(key=lambda c: (order.get(c.kind, 9), c.dissolved is not None, fold(c.name)))
    return rows


@dataclass(frozen=True)
class BodyChoice:
    id: int
    name: str


def body_choices(store: Store) -> list[BodyChoice]:
    with store.session() as s:
        return [BodyChoice(b.id, b.name) for b in s.scalars(select(Body).order_by(Body.sort_order, Body.name))]

"""The 24 member bodies with their current plenary members and deputies; gaps flagged; history per body.

``list_bodies(store, on=None)`` feeds ``bezag bodies --json`` and the Körperschaften page with a
constant number of queries whatever the number of bodies and mandates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import Body, Membership, Person
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import BodyKind, MembershipRole
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.domain.text import fold
from bezag_desktop.domain.timeutil import today
from bezag_desktop.services.groups import plenum_id
from bezag_desktop.services.records import not_found_message
from bezag_desktop.services.representation.mandates import PLENUM_ROLES, MandateRow, list_mandates, seats_for
from bezag_desktop.services.settings import rules_in
from bezag_desktop.services.store import Store, operation


@dataclass(frozen=True)
class Representative:
    membership_id: int
    person_id: int
    name: str
    email: str
    start: date | None
    end: date | None

    def to_json(self) -> dict[str, object]:
        return {"person_id": self.person_id, "name": self.name, "email": self.email}


@dataclass(frozen=True)
class BodyRow:
    id: int
    name: str
    short_name: str
    kind: str
    ags: str
    members: tuple[Representative, ...]
    deputies: tuple[Representative, ...]
    member_seats: int
    deputy_seats: int

    @property
    def kind_label(self) -> str:
        return BodyKind(self.kind).label

    @property
    def member_names(self) -> str:
        return ", ".join(r.name for r in self.members)

    @property
    def deputy_names(self) -> str:
        return ", ".join(r.name for r in self.deputies)

    @property
    def gaps(self) -> tuple[str, ...]:
        """German notes on vacancies: no member, no deputy, or free seats."""
        out: list[str] = []
        if not self.members:
            out.append("kein Mitglied")
        elif len(self.members) < self.member_seats:
            out.append(f"{self.member_seats - len(self.members)} Mitgliedssitz(e) frei")
        if not self.deputies and self.deputy_seats:
            out.append("keine Stellvertretung")
        elif len(self.deputies) < self.deputy_seats:
            out.append(f"{self.deputy_seats - len(self.deputies)} Stellvertretungssitz(e) frei")
        return tuple(out)

    @property
    def gap_text(self) -> str:
        return "; ".join(self.gaps)

    @property
    def gap_level(self) -> str | None:
        """ "error" without a member, "warning" without a deputy, None when both are there."""
        if not self.members:
            return "error"
        if not self.deputies and self.deputy_seats:
            return "warning"
        return None

    def to_json(self) -> dict[str, object]:
        """FORMATS.md ``bezag bodies --json``."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "ags": self.ags,
            "members": [r.to_json() for r in self.members],
            "deputies": [r.to_json() for r in self.deputies],
        }


@operation
def list_bodies(session: Session, on: date | None = None, *, active_only: bool = True) -> list[BodyRow]:
    """The member bodies in their usual order with the members and deputies valid on ``on`` (default today).

    Four queries: rules, plenum, bodies, the current plenary mandates with their persons.
    """
    on = on or today()
    rules = rules_in(session)
    plenum = plenum_id(session)
    stmt = select(Body).order_by(Body.sort_order, Body.name)
    if active_only:
        stmt = stmt.where(Body.active.is_(True))
    bodies = session.scalars(stmt).all()
    mandates = session.execute(
        select(Membership, Person)
        .join(Person, Person.id == Membership.person_id)
        .where(
            Membership.committee_id == plenum,
            Membership.body_id.is_not(None),
            Membership.role.in_(PLENUM_ROLES),
            Membership.valid_on(on),
        )
        .order_by(Membership.start_date, Membership.id)
    ).all()
    held: dict[tuple[int, str], list[Representative]] = defaultdict(list)
    for m, p in mandates:
        assert m.body_id is not None
        held[(m.body_id, m.role)].append(Representative(m.id, p.id, p.display_name, p.email, m.start_date, m.end_date))
    member, deputy = MembershipRole.MITGLIED.value, MembershipRole.STELLVERTRETUNG.value
    return [
        from_attrs(
            BodyRow,
            b,
            "id",
            "name",
            "short_name",
            "kind",
            "ags",
            members=tuple(held[(b.id, member)]),
            deputies=tuple(held[(b.id, deputy)]),
            member_seats=seats_for(b.kind, b.member_seats, b.deputy_seats, member, rules),
            deputy_seats=seats_for(b.kind, b.member_seats, b.deputy_seats, deputy, rules),
        )
        for b in bodies
    ]


def get_body(store: Store, body_id: int, on: date | None = None) -> BodyRow:
    for row in list_bodies(store, on):
        if row.id == body_id:
            return row
    raise NotFoundError(not_found_message(Body, body_id))


def body_history(store: Store, body_id: int, on: date | None = None) -> list[MandateRow]:
    """All plenary mandates of a body, current, past and future, newest first."""
    return list_mandates(store, body_id=body_id, on=on)


# --- naming a body in an import file -----------------------------------------------------------


@dataclass(frozen=True)
class BodyKey:
    """What a body can be named by: its full name, short name, AGS, or its name without the kind."""

    id: int
    name: str
    short_name: str
    ags: str
    kind: str


#: Name prefixes that say the kind of body ("Stadt Rosenheim", "Landkreis München", "LK Erding").
_PREFIXES = (
    ("landeshauptstadt ", BodyKind.KREISFREIE_STADT.value),
    ("kreisfreie stadt ", BodyKind.KREISFREIE_STADT.value),
    ("stadt ", BodyKind.KREISFREIE_STADT.value),
    ("landkreis ", BodyKind.LANDKREIS.value),
    ("lkr. ", BodyKind.LANDKREIS.value),
    ("lkr ", BodyKind.LANDKREIS.value),
    ("lk ", BodyKind.LANDKREIS.value),
    ("bezirk ", BodyKind.BEZIRK.value),
)


def _bare(text: str) -> tuple[str | None, str]:
    """(kind named by a prefix or None, the name without it), folded."""
    folded = " ".join(fold(text).split())
    for prefix, kind in _PREFIXES:
        if folded.startswith(prefix):
            return kind, folded[len(prefix) :].strip()
    return None, folded


def body_keys_in(session: Session) -> list[BodyKey]:
    rows = session.execute(
        select(Body.id, Body.name, Body.short_name, Body.ags, Body.kind).order_by(Body.sort_order, Body.name)
    ).all()
    return [BodyKey(*r) for r in rows]


def normalize_ags(value: object) -> str | None:
    """An AGS written as digits; Excel may have turned "09175" into the number 9175."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        digits = str(int(value))
    elif isinstance(value, str) and value.strip().isdigit():
        digits = value.strip()
    else:
        return None
    return digits


def resolve_body(keys: Sequence[BodyKey], value: object) -> BodyKey:
    """Find a body by AGS, full name, short name or bare name; ambiguous names are refused (German)."""
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValidationError("Die Körperschaft fehlt (Name oder AGS angeben).", field="body")
    digits = normalize_ags(value)
    if digits is not None:
        for key in keys:
            if digits == key.ags or digits.zfill(len(key.ags)) == key.ags:
                return key
        raise ValidationError(
            f"Unbekannter Gemeindeschlüssel (AGS) „{text}“; erwartet wird z. B. 09175 für den Landkreis Ebersberg.",
            field="body",
        )
    wanted = fold(text)
    exact = [k for k in keys if wanted in (fold(k.name), fold(k.short_name))]
    if len(exact) == 1:
        return exact[0]
    kind, bare = _bare(text)
    candidates = exact or [
        k for k in keys if (kind is None or k.kind == kind) and bare in (_bare(k.name)[1], _bare(k.short_name)[1])
    ]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        listed = " oder ".join(f"„{k.name}“ (AGS {k.ags})" for k in candidates)
        raise ValidationError(
            f"„{text}“ ist mehrdeutig: gemeint ist {listed}. Bitte den vollen Namen oder den AGS angeben.",
            field="body",
        )
    raise ValidationError(
        f"Unbekannte Körperschaft „{text}“. Bitte den vollen Namen (z. B. „Landkreis Ebersberg“) "
        "oder den AGS (z. B. 09175) angeben.",
        field="body",
    )

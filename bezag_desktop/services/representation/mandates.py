"""Mandates (Vertretungen): members and deputies a body sends into the plenary, with start and end.

Ending a mandate keeps it (the history); a handover ends the old mandate the day before the
successor starts and links the two (``predecessor_id``). Seats per body follow the Geschäftsordnung
(``Body.member_seats``/``deputy_seats`` override the rules). Ending the mandate of a co-chair reports
the chair term it affects; the caller decides with ``end_chair_term`` whether that term ends too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, aliased

from bezag_desktop.db.models import Body, ChairTerm, Membership, Person
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import BodyKind, MembershipRole
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.domain.rules import RulesOfProcedure
from bezag_desktop.domain.timeutil import fmt_date, span_status, today
from bezag_desktop.services.audit import audit
from bezag_desktop.services.groups import plenum_id
from bezag_desktop.services.records import get_or_raise, person_cols, span_cols
from bezag_desktop.services.representation.chairs import ChairRow, affected_terms_in, end_term_in
from bezag_desktop.services.settings import rules_in
from bezag_desktop.services.store import Store, operation

#: The roles a body's representatives hold in the plenary.
PLENUM_ROLES = (MembershipRole.MITGLIED.value, MembershipRole.STELLVERTRETUNG.value)


@dataclass(frozen=True)
class MandateRow:
    id: int
    body_id: int | None
    body: str
    person_id: int
    person: str
    email: str
    role: str
    start: date | None
    end: date | None
    predecessor_id: int | None
    #: Name of the person this mandate took over from, or "".
    predecessor: str
    notes: str
    #: "laufend", "beendet" or "künftig" on the day the list was made.
    status: str

    @property
    def role_label(self) -> str:
        return MembershipRole(self.role).label

    @property
    def current(self) -> bool:
        return self.status == "laufend"


@dataclass(frozen=True)
class EndResult:
    mandate: MandateRow
    #: Chair terms of the person that run past the mandate's end.
    affected_chairs: tuple[ChairRow, ...]
    #: Ids of the chair terms ended with the mandate (``end_chair_term=True``).
    ended_chair_ids: tuple[int, ...]


@dataclass(frozen=True)
class HandoverResult:
    ended: MandateRow
    started: MandateRow
    affected_chairs: tuple[ChairRow, ...]
    ended_chair_ids: tuple[int, ...]


def seats_for(kind: str, member_seats: int | None, deputy_seats: int | None, role: str, rules: RulesOfProcedure) -> int:
    """Seats of a body for ``role``: the body's own number if set, else the Geschäftsordnung's."""
    bezirk = kind == BodyKind.BEZIRK.value
    if role == MembershipRole.MITGLIED.value:
        if member_seats is not None:
            return member_seats
        return rules.member_seats_bezirk if bezirk else rules.member_seats_per_body
    if deputy_seats is not None:
        return deputy_seats
    return rules.deputy_seats_bezirk if bezirk else rules.deputy_seats_per_body


def mandate_rows_in(session: Session, on: date, *where: ColumnElement[bool]) -> list[MandateRow]:
    """Mandates with person, body and predecessor names: one query whatever the number of rows."""
    prev = aliased(Membership)
    prev_person = aliased(Person)
    rows = session.execute(
        select(Membership, Person, Body.name, prev_person)
        .join(Person, Person.id == Membership.person_id)
        .outerjoin(Body, Body.id == Membership.body_id)
        .outerjoin(prev, prev.id == Membership.predecessor_id)
        .outerjoin(prev_person, prev_person.id == prev.person_id)
        .where(*where)
        .order_by(Membership.start_date.desc(), Membership.id.desc())
    ).all()
    return [
        from_attrs(
            MandateRow,
            m,
            "id",
            "body_id",
            "role",
            "predecessor_id",
            "notes",
            **person_cols(p),
            **span_cols(m),
            body=body_name or "",
            predecessor=pp.display_name if pp is not None else "",
            status=span_status(m.start_date, m.end_date, on),
        )
        for m, p, body_name, pp in rows
    ]


def list_mandates(
    store: Store, *, body_id: int | None = None, person_id: int | None = None, on: date | None = None
) -> list[MandateRow]:
    """Plenary mandates, newest first; filtered by body or person (current and past: the history)."""
    on = on or today()
    with store.session() as s:
        where = [Membership.committee_id == plenum_id(s), Membership.role.in_(PLENUM_ROLES)]
        if body_id is not None:
            where.append(Membership.body_id == body_id)
        if person_id is not None:
            where.append(Membership.person_id == person_id)
        return mandate_rows_in(s, on, *where)


def get_mandate(store: Store, membership_id: int) -> MandateRow:
    with store.session() as s:
        _mandate(s, membership_id)
        return _row(s, membership_id)


def _row(session: Session, membership_id: int) -> MandateRow:
    return mandate_rows_in(session, today(), Membership.id == membership_id)[0]


def _mandate(session: Session, membership_id: int) -> Membership:
    return get_or_raise(session, Membership, membership_id)


def _active_person(session: Session, person_id: int) -> Person:
    person = get_or_raise(session, Person, person_id)
    if not person.active:
        raise ValidationError(f"{person.display_name} ist deaktiviert und kann kein Mandat übernehmen.", field="person")
    return person


def _overlapping(
    session: Session, committee_id: int, start: date, *where: ColumnElement[bool], exclude: Sequence[int] = ()
) -> list[MandateRow]:
    """Mandates in the committee that are still valid on ``start`` or begin later (an open mandate overlaps them)."""
    conditions = [
        Membership.committee_id == committee_id,
        or_(Membership.end_date.is_(None), Membership.end_date >= start),
        *where,
    ]
    if exclude:
        conditions.append(Membership.id.not_in(list(exclude)))
    return mandate_rows_in(session, start, *conditions)


def check_person_free(
    session: Session, committee_id: int, person: Person, start: date, *, exclude: Sequence[int] = ()
) -> None:
    """A person holds at most one mandate in the plenary at a time."""
    held = _overlapping(session, committee_id, start, Membership.person_id == person.id, exclude=exclude)
    if held:
        m = held[0]
        since = f" seit {fmt_date(m.start)}" if m.start else ""
        raise ValidationError(
            f"{person.display_name} ist bereits {m.role_label} für {m.body or 'eine Organisation'}{since}. "
            "Eine Person kann im Plenum nur ein Mandat zur gleichen Zeit haben; bitte das bestehende Mandat "
            "zuerst beenden.",
            field="person",
        )


def seat_holders_text(holders: Sequence[MandateRow]) -> str:
    parts = []
    for h in holders:
        since = f"seit {fmt_date(h.start)}" if h.start and h.start <= today() else f"ab {fmt_date(h.start)}"
        parts.append(f"{h.person} ({since})" if h.start else h.person)
    return ", ".join(parts)


def check_seat(
    session: Session,
    committee_id: int,
    body: Body,
    role: str,
    start: date,
    rules: RulesOfProcedure,
    *,
    exclude: Sequence[int] = (),
    extra: int = 0,
) -> None:
    """Refuse a mandate beyond the body's seats (``extra``: further new mandates of the same seat kind)."""
    seats = seats_for(body.kind, body.member_seats, body.deputy_seats, role, rules)
    holders = _overlapping(
        session, committee_id, start, Membership.body_id == body.id, Membership.role == role, exclude=exclude
    )
    if len(holders) + extra >= seats:
        what = "Mitglieder" if role == MembershipRole.MITGLIED.value else "Stellvertretungen"
        raise ValidationError(
            f"{body.name} hat nach der Geschäftsordnung {seats} {what if seats != 1 else MembershipRole(role).label}; "
            f"der Sitz ist besetzt durch {seat_holders_text(holders) or 'eine weitere neue Berufung'}. "
            "Für einen Wechsel bitte „Nachfolge…“ verwenden oder das bestehende Mandat zuerst beenden.",
            field="body",
        )


def appoint_in(
    session: Session,
    body_id: int,
    person_id: int,
    role: str,
    start: date,
    *,
    rules: RulesOfProcedure | None = None,
    notes: str = "",
    predecessor_id: int | None = None,
    exclude: Sequence[int] = (),
) -> Membership:
    """Validate and add a plenary mandate in an open session (seat limits, one mandate per person)."""
    if role not in PLENUM_ROLES:
        raise ValidationError("Im Plenum gibt es Mitglieder und Stellvertretungen.", field="role")
    body = get_or_raise(session, Body, body_id)
    if not body.active:
        raise ValidationError(f"{body.name} ist nicht mehr aktiv.", field="body")
    person = _active_person(session, person_id)
    committee_id = plenum_id(session)
    rules = rules or rules_in(session)
    check_person_free(session, committee_id, person, start, exclude=exclude)
    check_seat(session, committee_id, body, role, start, rules, exclude=exclude)
    mandate = Membership(
        person_id=person.id,
        committee_id=committee_id,
        body_id=body.id,
        role=role,
        voting_right=True,
        start_date=start,
        end_date=None,
        predecessor_id=predecessor_id,
        notes=notes.strip(),
    )
    session.add(mandate)
    session.flush()
    audit(
        session,
        "mandate.appoint",
        "membership",
        mandate.id,
        f"{person.display_name}: {MembershipRole(role).label} für {body.name} ab {fmt_date(start)}",
    )
    return mandate


@operation
def appoint(s: Session, body_id: int, person_id: int, role: str, start: date, *, notes: str = "") -> MandateRow:
    """Appoint a member or deputy of a body from ``start`` (open-ended)."""
    mandate = appoint_in(s, body_id, person_id, role, start, notes=notes)
    return _row(s, mandate.id)


def _affected_in(session: Session, mandate: Membership, last_day: date) -> list[ChairRow]:
    """Chair terms that lose their footing when this mandate ends on ``last_day``.

    A co-chair with another plenary mandate that continues keeps the chair untouched.
    """
    others = session.scalar(
        select(Membership.id).where(
            Membership.person_id == mandate.person_id,
            Membership.committee_id == mandate.committee_id,
            Membership.id != mandate.id,
            or_(Membership.end_date.is_(None), Membership.end_date > last_day),
            or_(Membership.start_date.is_(None), Membership.start_date <= last_day + timedelta(days=1)),
        )
    )
    if others is not None:
        return []
    return affected_terms_in(session, mandate.person_id, last_day)


def affected_chair_terms(store: Store, membership_id: int, last_day: date) -> list[ChairRow]:
    """Before ending a mandate: the chair terms of its holder that would be affected (ask the user)."""
    with store.session() as s:
        return _affected_in(s, _mandate(s, membership_id), last_day)


def _end_in(session: Session, mandate: Membership, last_day: date, end_chair_term: bool) -> EndResult:
    if mandate.start_date is not None and last_day < mandate.start_date:
        raise ValidationError(
            f"Das Mandat beginnt am {fmt_date(mandate.start_date)}; es kann nicht vorher enden.", field="end"
        )
    if mandate.end_date is not None and mandate.end_date <= last_day:
        raise ValidationError(f"Das Mandat endet bereits am {fmt_date(mandate.end_date)}.", field="end")
    successor = session.scalar(select(Membership).where(Membership.predecessor_id == mandate.id))
    if successor is not None and successor.start_date is not None and successor.start_date <= last_day:
        raise ValidationError(
            f"Die Nachfolge beginnt bereits am {fmt_date(successor.start_date)}; das Mandat muss vorher enden.",
            field="end",
        )
    affected = _affected_in(session, mandate, last_day)
    mandate.end_date = last_day
    person = session.get(Person, mandate.person_id)
    audit(
        session,
        "mandate.end",
        "membership",
        mandate.id,
        f"{person.display_name if person else mandate.person_id}: Mandat beendet zum {fmt_date(last_day)}",
    )
    ended: list[int] = []
    if end_chair_term:
        for row in affected:
            term = session.get(ChairTerm, row.id)
            assert term is not None
            end_term_in(session, term, last_day)
            ended.append(term.id)
    session.flush()
    return EndResult(_row(session, mandate.id), tuple(affected), tuple(ended))


@operation
def end_mandate(s: Session, membership_id: int, last_day: date, *, end_chair_term: bool = False) -> EndResult:
    """End a mandate on ``last_day`` (inclusive); the row stays for the history.

    When its holder is a co-chair, ``affected_chairs`` names the term; it ends on the same day only
    with ``end_chair_term=True`` (the window asks first, see ``affected_chair_terms``).
    """
    return _end_in(s, _mandate(s, membership_id), last_day, end_chair_term)


def withdraw_in(session: Session, mandate: Membership, on: date) -> None:
    """Take back an appointment that has not begun yet (a mandate starting after ``on``): it leaves no history."""
    if mandate.start_date is None or mandate.start_date <= on:
        raise ValidationError(
            "Nur eine Berufung, die noch nicht begonnen hat, kann zurückgenommen werden; "
            "ein begonnenes Mandat wird beendet.",
            field="mandate",
        )
    person = session.get(Person, mandate.person_id)
    predecessor = session.get(Membership, mandate.predecessor_id) if mandate.predecessor_id else None
    if predecessor is not None and predecessor.end_date == mandate.start_date - timedelta(days=1):
        # The handover is undone: the predecessor's mandate runs on.
        predecessor.end_date = None
    audit(
        session,
        "mandate.withdraw",
        "membership",
        mandate.id,
        f"{person.display_name if person else mandate.person_id}: Berufung ab {fmt_date(mandate.start_date)} "
        "zurückgenommen",
    )
    session.delete(mandate)
    session.flush()


@operation
def withdraw_mandate(s: Session, membership_id: int, on: date | None = None) -> None:
    """Take back a future appointment (entered by mistake or no longer wanted). A handover is undone."""
    withdraw_in(s, _mandate(s, membership_id), on or today())


@operation
def handover(
    s: Session,
    membership_id: int,
    successor_id: int,
    start: date,
    *,
    end_chair_term: bool = False,
    notes: str = "",
) -> HandoverResult:
    """A successor takes over the seat on ``start``; the old mandate ends the day before. One transaction."""
    old = _mandate(s, membership_id)
    if old.body_id is None:
        raise ValidationError("Nur Mandate einer Körperschaft können übergeben werden.", field="mandate")
    if old.person_id == successor_id:
        raise ValidationError("Nachfolge und bisherige Vertretung sind dieselbe Person.", field="person")
    if old.start_date is not None and start <= old.start_date:
        raise ValidationError(
            f"Die Nachfolge muss nach dem Beginn des bisherigen Mandats ({fmt_date(old.start_date)}) beginnen.",
            field="start",
        )
    if s.scalar(select(Membership.id).where(Membership.predecessor_id == old.id)) is not None:
        raise ValidationError("Für dieses Mandat ist bereits eine Nachfolge eingetragen.", field="mandate")
    last_day = start - timedelta(days=1)
    ended_chairs: tuple[int, ...] = ()
    affected: tuple[ChairRow, ...] = ()
    if old.end_date is None or old.end_date > last_day:
        result = _end_in(s, old, last_day, end_chair_term)
        affected, ended_chairs = result.affected_chairs, result.ended_chair_ids
    new = appoint_in(
        s, old.body_id, successor_id, old.role, start, notes=notes, predecessor_id=old.id, exclude=[old.id]
    )
    audit(s, "mandate.handover", "membership", new.id, f"Nachfolge für Mandat Nr. {old.id} ab {fmt_date(start)}")
    s.flush()
    return HandoverResult(_row(s, old.id), _row(s, new.id), affected, ended_chairs)

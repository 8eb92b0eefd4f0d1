"""The joint chair: two co-chairs, the Bezirk side designated, the Kommunen side elected for a term.

``current_chairs(session, on)`` is the agreed interface for other areas (invitations, minutes,
overview). Terms are inclusive; a successor starts the day after the predecessor's end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnExpressionArgument, or_, select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import Body, ChairTerm, Membership, Person
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import BodyKind, ChairSide
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.domain.timeutil import fmt_date, span_status, term_end, today
from bezag_desktop.services.audit import audit
from bezag_desktop.services.groups import plenum_id
from bezag_desktop.services.records import get_or_raise, not_found_message, person_cols, span_cols
from bezag_desktop.services.settings import rules_in
from bezag_desktop.services.store import Store, operation

_SIDE_ORDER = {ChairSide.BEZIRK.value: 0, ChairSide.KOMMUNEN.value: 1}


@dataclass(frozen=True)
class ChairRow:
    id: int
    side: str
    person_id: int
    person: str
    email: str
    start: date
    end: date | None
    election_id: int | None
    notes: str
    #: "laufend", "beendet" or "künftig" on the day the list was made.
    status: str

    @property
    def side_label(self) -> str:
        return ChairSide(self.side).label

    @property
    def current(self) -> bool:
        return self.status == "laufend"

    @property
    def origin(self) -> str:
        if self.election_id is not None:
            return f"Wahl Nr. {self.election_id}"
        return "benannt" if self.side == ChairSide.BEZIRK.value else ""

    def to_json(self) -> dict[str, object]:
        """FORMATS.md ``bezag chairs --json``."""
        return {
            "side": self.side,
            "person": self.person,
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "election_id": self.election_id,
        }


def _chair_rows(session: Session, on: date, *where: ColumnExpressionArgument[bool]) -> list[ChairRow]:
    rows = session.execute(
        select(ChairTerm, Person)
        .join(Person, Person.id == ChairTerm.person_id)
        .where(*where)
        .order_by(ChairTerm.start_date.desc(), ChairTerm.id.desc())
    ).all()
    return [
        from_attrs(
            ChairRow,
            t,
            "id",
            "side",
            "election_id",
            "notes",
            **person_cols(p),
            **span_cols(t),
            status=span_status(t.start_date, t.end_date, on),
        )
        for t, p in rows
    ]


def current_chairs(session: Session, on: date) -> list[ChairRow]:
    """The co-chairs in office on ``on``: Bezirk side first, then Landkreise/Städte (one query)."""
    rows = _chair_rows(session, on, ChairTerm.valid_on(on))
    return sorted(rows, key=lambda r: (_SIDE_ORDER.get(r.side, 9), r.start))


def list_chairs(store: Store, on: date | None = None) -> list[ChairRow]:
    """Current, past and future terms, newest first (one query)."""
    on = on or today()
    with store.session() as s:
        return _chair_rows(s, on)


def get_chair(store: Store, term_id: int) -> ChairRow:
    with store.session() as s:
        rows = _chair_rows(s, today(), ChairTerm.id == term_id)
    if not rows:
        raise NotFoundError(not_found_message(ChairTerm, term_id))
    return rows[0]


def computed_term_end(store: Store, start: date) -> date:
    """Last day of a term starting on ``start`` by the current Geschäftsordnung (chair_term_years)."""
    with store.session() as s:
        return term_end(start, rules_in(s).chair_term_years)


def affected_terms_in(session: Session, person_id: int, last_day: date) -> list[ChairRow]:
    """Chair terms of the person that still run after ``last_day`` (ending a mandate affects them)."""
    return _chair_rows(
        session,
        last_day,
        ChairTerm.person_id == person_id,
        or_(ChairTerm.end_date.is_(None), ChairTerm.end_date > last_day),
    )


def end_term_in(session: Session, term: ChairTerm, last_day: date) -> None:
    """End a term on ``last_day``; a term that would only begin later is refused."""
    if last_day < term.start_date:
        raise ValidationError(
            f"Die Amtszeit beginnt erst am {fmt_date(term.start_date)}; sie kann nicht vorher enden.", field="end"
        )
    term.end_date = last_day
    audit(session, "chair.end", "chair_term", term.id, f"Amtszeit beendet zum {fmt_date(last_day)}")


def open_term_in(
    session: Session,
    side: str,
    person_id: int,
    start: date,
    end: date | None,
    *,
    election_id: int | None = None,
    notes: str = "",
) -> ChairTerm:
    """Start a term on ``side``; the predecessor's term ends the day before. Later terms are a conflict."""
    if side not in _SIDE_ORDER:
        raise ValidationError(f"Unbekannte Seite des Vorsitzes „{side}“.", field="side")
    if end is not None and end < start:
        raise ValidationError("Das Ende der Amtszeit liegt vor ihrem Beginn.", field="end")
    later = session.scalar(
        select(ChairTerm).where(
            ChairTerm.side == side, ChairTerm.start_date >= start
        ).order_by(ChairTerm.start_date)
    )  # fmt: skip
    if later is not None:
        holder = session.get(Person, later.person_id)
        raise ValidationError(
            f"Für den {ChairSide(side).label} ist ab {fmt_date(later.start_date)} bereits "
            f"{holder.display_name if holder else 'jemand'} eingetragen; eine Amtszeit ab {fmt_date(start)} "
            "würde sich damit überschneiden.",
            field="start",
        )
    running = session.scalars(
        select(ChairTerm).where(
            ChairTerm.side == side,
            ChairTerm.start_date < start,
            or_(ChairTerm.end_date.is_(None), ChairTerm.end_date >= start),
        )
    ).all()
    for previous in running:
        end_term_in(session, previous, start - timedelta(days=1))
    term = ChairTerm(
        committee_id=plenum_id(session),
        side=side,
        person_id=person_id,
        start_date=start,
        end_date=end,
        election_id=election_id,
        notes=notes,
    )
    session.add(term)
    session.flush()
    person = session.get(Person, person_id)
    until = f" bis {fmt_date(end)}" if end else ""
    audit(
        session,
        "chair.start",
        "chair_term",
        term.id,
        f"{ChairSide(side).label}: {person.display_name if person else person_id} ab {fmt_date(start)}{until}",
    )
    return term


def _belongs_to_bezirk(session: Session, person: Person, on: date) -> bool:
    bezirk_ids = set(session.scalars(select(Body.id).where(Body.kind == BodyKind.BEZIRK.value)))
    if person.body_id in bezirk_ids:
        return True
    mandate = session.scalar(
        select(Membership.id).where(
            Membership.person_id == person.id,
            Membership.body_id.in_(bezirk_ids),
            Membership.valid_on(on),
        )
    )
    return mandate is not None


@operation
def designate_bezirk(s: Session, person_id: int, start: date, *, notes: str = "") -> ChairRow:
    """The Bezirk designates its co-chair from a day on (open-ended); the predecessor ends the day before."""
    person = get_or_raise(s, Person, person_id)
    if not person.active:
        raise ValidationError(f"{person.display_name} ist deaktiviert.", field="person")
    if not _belongs_to_bezirk(s, person, start):
        raise ValidationError(
            f"{person.display_name} gehört nicht zum Bezirk Oberbayern (weder als Arbeitgeber noch mit einem "
            "Mandat des Bezirks). Den Vorsitz des Bezirks benennt der Bezirk aus seinen eigenen Reihen.",
            field="person",
        )
    note = notes.strip() or f"benannt durch den Bezirk Oberbayern ab {fmt_date(start)}"
    term = open_term_in(s, ChairSide.BEZIRK.value, person_id, start, None, notes=note)
    return _chair_rows(s, today(), ChairTerm.id == term.id)[0]


@operation
def end_chair_term(s: Session, term_id: int, last_day: date) -> ChairRow:
    term = get_or_raise(s, ChairTerm, term_id)
    end_term_in(s, term, last_day)
    s.flush()
    return _chair_rows(s, today(), ChairTerm.id == term_id)[0]

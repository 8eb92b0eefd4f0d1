"""Groups area, rules of a seat: which seats may exist side by side, and on whose behalf a seat is held.

A person cannot hold the same kind of seat in one committee twice at overlapping dates. The kinds
are: a full seat (member, lead or deputy lead, since a lead is a member who leads), a deputy seat,
and a guest seat. Each group has at most one lead and one deputy lead at a time. The operations
in ``operations.py`` call these checks before they write anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import Committee, Membership, Person
from bezag_desktop.domain.codes import MembershipRole
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.services.groups.rows import FULL_SEAT_ROLES, LEAD_ROLES, fmt_range, role_label

_SEAT_KIND_LABEL = {
    "sitz": "Sitz als Mitglied (auch Sprecher/in oder stellv. Sprecher/in)",
    MembershipRole.STELLVERTRETUNG.value: "Sitz als Stellvertretung",
    MembershipRole.GAST.value: "Gastsitz",
}


def seat_kind(role: str) -> str:
    """The kind of seat a role occupies: ``sitz`` (member/lead), ``stellvertretung`` or ``gast``."""
    return "sitz" if role in FULL_SEAT_ROLES else role


def overlaps(a_start: date | None, a_end: date | None, b_start: date | None, b_end: date | None) -> bool:
    """Inclusive date ranges, ``None`` meaning open on that side."""
    return (a_end is None or b_start is None or b_start <= a_end) and (
        b_end is None or a_start is None or a_start <= b_end
    )


def check_seat(
    session: Session,
    committee: Committee,
    person: Person,
    role: str,
    start: date | None,
    end: date | None,
    *,
    ignore_ids: Sequence[int] = (),
) -> None:
    """The rules of a seat; raises a German ``ValidationError`` before anything is written."""
    if role not in {r.value for r in MembershipRole}:
        raise ValidationError(f"Unbekannte Rolle „{role}“.", field="role")
    if start is not None and end is not None and end < start:
        raise ValidationError("Das Ende eines Sitzes liegt vor seinem Beginn.", field="end")
    if committee.founded_on is not None and start is not None and start < committee.founded_on:
        raise ValidationError(
            f"Der Sitz kann nicht vor der Gründung am {fmt_date(committee.founded_on)} beginnen.", field="start"
        )
    if committee.dissolved_on is not None and (start is None or start > committee.dissolved_on):
        raise ValidationError(
            f"„{committee.name}“ wurde am {fmt_date(committee.dissolved_on)} aufgelöst; "
            "danach können keine Sitze mehr beginnen.",
            field="start",
        )
    others = list(
        session.execute(
            select(Membership, Person)
            .join(Person, Person.id == Membership.person_id)
            .where(
                Membership.committee_id == committee.id,
                or_(Membership.person_id == person.id, Membership.role == role),
                Membership.id.not_in(list(ignore_ids) or [-1]),
            )
        )
    )
    kind = seat_kind(role)
    for ms, other in others:
        if not overlaps(start, end, ms.start_date, ms.end_date):
            continue
        if ms.person_id == person.id and seat_kind(ms.role) == kind:
            raise ValidationError(
                f"{person.display_name} hat in „{committee.name}“ bereits einen {_SEAT_KIND_LABEL[kind]} "
                f"({role_label(ms.role)}, {fmt_range(ms.start_date, ms.end_date)}). Derselbe Sitz kann nicht "
                "zweimal zur gleichen Zeit bestehen.",
                field="person_id",
            )
        if role in LEAD_ROLES and ms.role == role and ms.person_id != person.id:
            raise ValidationError(
                f"„{committee.name}“ hat für diesen Zeitraum bereits {role_label(role)}: {other.display_name} "
                f"({fmt_range(ms.start_date, ms.end_date)}). Bitte zuerst diesen Sitz beenden oder die Rolle ändern.",
                field="role",
            )


def on_behalf(person: Person, body_id: int | None, partner_id: int | None) -> tuple[int | None, int | None]:
    if body_id is not None and partner_id is not None:
        raise ValidationError(
            "Ein Sitz wird entweder für eine Körperschaft oder für einen Netzwerkpartner wahrgenommen, nicht für beide."
        )
    if body_id is None and partner_id is None:
        return person.body_id, person.partner_id
    return body_id, partner_id

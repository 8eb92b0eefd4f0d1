"""Demo data, first phase: the people. Partner organisations and their contacts, the
Geschäftsstelle, the representatives of every member body, the Bezirk's designated chair, the
candidates for the elected chair, and two handovers of a seat during the last year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bezag_desktop.demo import catalogue
from bezag_desktop.demo.builder import Builder, DemoChair, DemoMandate, DemoPerson
from bezag_desktop.domain import timeutil
from bezag_desktop.domain.codes import BodyKind, ChairSide, MembershipRole
from bezag_desktop.services.groups import partners
from bezag_desktop.services.representation import chairs


@dataclass(frozen=True)
class Staff:
    """The Geschäftsstelle's head and minute-taker, and the Bezirk's chair (all employed by the Bezirk)."""

    office_head: DemoPerson
    minute_taker: DemoPerson
    bezirk_chair: DemoPerson


@dataclass(frozen=True)
class Candidates:
    """The three candidates for the Kommunen chair; the first is elected."""

    people: tuple[DemoMandate, DemoMandate, DemoMandate]

    @property
    def elected(self) -> DemoMandate:
        return self.people[0]


def add_partners(b: Builder) -> None:
    """The partner organisations (Netzwerkpartner), then one or two contacts of each."""
    for spec in catalogue.PARTNERS:
        b.partner_ids[spec.key] = partners.create_partner(
            b.store,
            partners.PartnerInput(
                name=spec.name,
                category=spec.category.value,
                street=spec.street,
                postcode=spec.postcode,
                city=spec.city,
                email=f"info@{spec.domain}",
                phone=f"+49 {spec.area} {b.rng.randint(200, 9899)}-0",
                website=f"https://www.{spec.domain}",
                notes=spec.notes,
            ),
        )
    for spec in catalogue.PARTNERS:
        n = len(spec.functions) if len(spec.functions) == 1 else b.rng.randint(1, 2)
        contacts: list[DemoPerson] = []
        for i in range(max(n, 1)):
            title = "Prof. Dr." if spec.key == "hochschule" and i == 0 else None
            contacts.append(
                b.person(
                    spec.functions[i],
                    domain=spec.domain,
                    area=spec.area,
                    partner_key=spec.key,
                    title=title,
                    address=(spec.street, spec.postcode, spec.city),
                )
            )
        b.partner_contacts[spec.key] = contacts


def add_staff(b: Builder) -> Staff:
    """The Geschäftsstelle (at the Bezirk) and the Bezirk's designated chair."""
    domain, area = "bezirk-oberbayern.example", "89"

    def employee(functions: catalogue.Function, title: str) -> DemoPerson:
        return b.person(functions, domain=domain, area=area, body=b.bezirk, title=title)

    return Staff(
        office_head=employee(
            ("Leiterin der Geschäftsstelle", "Leiter der Geschäftsstelle", "Leitung der Geschäftsstelle"), ""
        ),
        minute_taker=employee(
            ("Sachbearbeiterin Geschäftsstelle", "Sachbearbeiter Geschäftsstelle", "Sachbearbeitung Geschäftsstelle"),
            "",
        ),
        bezirk_chair=employee(
            ("Leiterin der Sozialplanung", "Leiter der Sozialplanung", "Leitung der Sozialplanung"), "Dr."
        ),
    )


def appoint_representatives(b: Builder, konst_day: date) -> None:
    """Members and deputies of every body, appointed some weeks before the constituent meeting."""
    for body in b.bodies:
        n_members, n_deputies = b.seats(body)
        is_bezirk = body.kind == BodyKind.BEZIRK.value
        for seat in range(n_members):
            start = konst_day - timedelta(days=b.rng.randint(14, 60))
            member_functions = catalogue.BEZIRK_MEMBER_FUNCTIONS if is_bezirk else catalogue.LOCAL_MEMBER_FUNCTIONS
            b.appoint(b.body_person(body, member_functions), body, MembershipRole.MITGLIED, seat, start)
            if seat < n_deputies:
                deputy_functions = catalogue.BEZIRK_DEPUTY_FUNCTIONS if is_bezirk else catalogue.LOCAL_DEPUTY_FUNCTIONS
                b.appoint(b.body_person(body, deputy_functions), body, MembershipRole.STELLVERTRETUNG, seat, start)


def plan_chairs(b: Builder, staff: Staff, konst_day: date, meeting_days: Sequence[date]) -> Candidates:
    """The Bezirk designates its chair (recorded now); the Kommunen chair is elected in the
    constituent meeting and re-elected before each term runs out (recorded in those meetings)."""
    designated = konst_day - timedelta(days=b.rng.randint(10, 20))
    chairs.designate_bezirk(b.store, staff.bezirk_chair.id, designated)
    b.chairs.append(DemoChair(staff.bezirk_chair, ChairSide.BEZIRK.value, designated, None))
    local_members = [
        m
        for m in b.mandates
        if m.role == MembershipRole.MITGLIED.value and b.body_by_id[m.body_id].kind != BodyKind.BEZIRK.value
    ]
    first, second, third = b.rng.sample(local_members, 3)
    elected = first.person
    term_end = timeutil.term_end(konst_day, b.rules.chair_term_years)
    b.chairs.append(DemoChair(elected, ChairSide.KOMMUNEN.value, konst_day, term_end))
    # A demo spanning more than one term re-elects the chair in the last meeting before the term ends.
    while term_end < b.today:
        options = [d for d in meeting_days if konst_day < d <= term_end and d < b.today]
        if not options:
            break
        start = term_end + timedelta(days=1)
        new_end = timeutil.term_end(start, b.rules.chair_term_years)
        b.reelections[options[-1]] = (start, new_end)
        b.chairs.append(DemoChair(elected, ChairSide.KOMMUNEN.value, start, new_end))
        term_end = new_end
    return Candidates((first, second, third))


def hand_over_seats(b: Builder, konst_day: date, candidates: Candidates) -> set[int]:
    """One member and one deputy seat of a Landkreis change hands during the last year.

    Returns the ids of the persons to leave out of the working groups (candidates, leavers).
    """
    protected = {c.person.id for c in candidates.people}
    handovers: list[tuple[DemoMandate, date]] = []
    for role, days_back in ((MembershipRole.MITGLIED, 200), (MembershipRole.STELLVERTRETUNG, 120)):
        when = b.today - timedelta(days=days_back)
        if when <= konst_day + timedelta(days=30):
            continue
        pool = [
            m
            for m in b.mandates
            if m.role == role.value
            and m.end is None
            and m.person.id not in protected
            and b.body_by_id[m.body_id].kind == BodyKind.LANDKREIS.value
            and all(h[0].body_id != m.body_id for h in handovers)
        ]
        handovers.append((b.rng.choice(pool), when))
    for old, when in handovers:  # the successor takes the seat the day after the predecessor's last day
        body = b.body_by_id[old.body_id]
        is_member = old.role == MembershipRole.MITGLIED.value
        functions = catalogue.LOCAL_MEMBER_FUNCTIONS if is_member else catalogue.LOCAL_DEPUTY_FUNCTIONS
        b.hand_over(old, b.body_person(body, functions), when)
        protected.add(old.person.id)
    b.open_person_ids = {m.person.id for m in b.mandates if m.end is None}
    return protected

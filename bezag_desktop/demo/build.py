"""Demo data: a deterministic, fictional but plausible database to try the program with.

``fill_demo`` writes into a freshly created (seeded) database in one transaction: the
Geschäftsstelle's details, the partner organisations, the representatives of the member bodies,
the joint chair with its election, plenary meetings over N years with agendas, invitations,
attendance, minutes and action items, three working groups with partner members and a network.
Everything is entered through the service operations a user triggers (see ``builder``), and
everything follows from ``seed`` and ``today``: the calendar UIDs come from the seed and the audit
trail is dated to the demo's day, so the same arguments give the same database.
"""

from __future__ import annotations

import getpass
import random
import time as _time
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from bezag_desktop.db.base import Base
from bezag_desktop.db.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    AuditEntry,
    ChairTerm,
    Committee,
    Election,
    Meeting,
    Membership,
    Partner,
    Person,
)
from bezag_desktop.demo import actions, catalogue, groups, people, plenary
from bezag_desktop.demo.builder import Builder, DemoPerson, plural
from bezag_desktop.demo.calendar import constituent_day, plenary_days
from bezag_desktop.domain import timeutil
from bezag_desktop.domain.codes import CommitteeKind
from bezag_desktop.domain.errors import UserError, ValidationError
from bezag_desktop.services.settings import office_in, save_office
from bezag_desktop.services.store import Store, open_store

MAX_YEARS = 10


@dataclass(frozen=True)
class DemoSummary:
    """What the demo fill wrote."""

    first_year: int
    last_year: int
    today: date
    seed: int
    persons: int
    partners: int
    memberships: int
    committees: int
    meetings: int
    plenary_meetings: int
    agenda_items: int
    attendances: int
    action_items: int
    elections: int
    next_meeting: str
    seconds: float

    @property
    def lines(self) -> list[str]:
        years = str(self.first_year) if self.first_year == self.last_year else f"{self.first_year}–{self.last_year}"
        return [
            f"Demodaten für {years} eingespielt (Stichtag {timeutil.fmt_date(self.today)}, Startwert {self.seed}).",
            f"{self.persons} Personen, {self.partners} Netzwerkpartner, {self.memberships} Mandate.",
            f"{self.committees} weitere Gremien (Arbeitsgruppen und Netzwerk).",
            f"{self.meetings} Sitzungen, davon {self.plenary_meetings} Plenarsitzungen; "
            f"{self.agenda_items} Tagesordnungspunkte, {self.attendances} Anwesenheitseinträge.",
            f"{plural(self.action_items, 'Aufgabe', 'Aufgaben')}, {plural(self.elections, 'Wahl', 'Wahlen')}.",
            f"Nächste Plenarsitzung (noch nicht eingeladen): {self.next_meeting}.",
        ]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser raises various errors when no name is configured
        return ""


def _parse_today(today: date | str | None) -> date:
    if today is None:
        return timeutil.today()
    if isinstance(today, datetime):
        return today.date()
    if isinstance(today, date):
        return today
    return timeutil.parse_date(today)


def _count(s: Session, model: type[Base], *where: ColumnElement[bool]) -> int:
    return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _refuse_if_filled(s: Session) -> None:
    counts = {
        "Personen": _count(s, Person),
        "Sitzungen": _count(s, Meeting),
        "Mandate": _count(s, Membership),
        "Netzwerkpartner": _count(s, Partner),
        "Vorsitz-Amtszeiten": _count(s, ChairTerm),
        "weitere Gremien": _count(s, Committee, Committee.kind != CommitteeKind.PLENUM.value),
    }
    found = [f"{n} {label}" for label, n in counts.items() if n]
    if found:
        raise UserError(
            f"Die Datenbank enthält bereits Daten ({', '.join(found)}). Demodaten werden nur in eine leere, "
            "neu angelegte Datenbank geschrieben; es wurde nichts verändert. "
            "Legen Sie eine neue Datei an, z. B. mit „bezag --db demo.sqlite demo“."
        )


def _office(b: Builder, office_head: DemoPerson) -> None:
    """The Geschäftsstelle's details: organiser and UID domain of every invitation, so they come first."""
    current = office_in(b.s)
    save_office(
        b.store,
        replace(
            current,
            name="Geschäftsstelle der Bezirksarbeitsgemeinschaft Sozialplanung Oberbayern",
            department="beim Bezirk Oberbayern, Referat Sozialplanung",
            street="Prinzregentenstraße 14",
            postcode="80538",
            city="München",
            email=catalogue.OFFICE_EMAIL,
            phone="+49 89 2198-21090",
            website=f"https://www.{catalogue.OFFICE_DOMAIN}",
            uid_domain=catalogue.OFFICE_DOMAIN,
            contact_person=office_head.name,
        ),
    )


def _build(b: Builder) -> str:
    """Everything in order of dependence; returns the next plenary meeting still to be invited."""
    plan = plenary_days(b.first_year, b.today.year, b.today, b.rules.notice_period_days)
    konst_day = plan[0][0]
    staff = people.add_staff(b)
    _office(b, staff.office_head)
    people.add_partners(b)
    people.appoint_representatives(b, konst_day)
    candidates = people.plan_chairs(b, staff, konst_day, [d for d, _k in plan])
    protected = people.hand_over_seats(b, konst_day, candidates)
    founded, next_uninvited = plenary.plenary_meetings(b, plan, staff, candidates, protected)
    for group in founded:
        groups.group_meetings(b, group, staff.minute_taker)
    groups.network(b, staff.minute_taker)
    actions.settle_actions(b)
    return next_uninvited


def _summary(s: Session, b: Builder, seed: int, next_meeting: str) -> DemoSummary:
    return DemoSummary(
        first_year=b.first_year,
        last_year=b.today.year,
        today=b.today,
        seed=seed,
        persons=_count(s, Person),
        partners=_count(s, Partner),
        memberships=_count(s, Membership),
        committees=_count(s, Committee, Committee.kind != CommitteeKind.PLENUM.value),
        meetings=_count(s, Meeting),
        plenary_meetings=_count(s, Meeting, Meeting.committee_id == b.plenum.id),
        agenda_items=_count(s, AgendaItem),
        attendances=_count(s, Attendance),
        action_items=_count(s, ActionItem),
        elections=_count(s, Election),
        next_meeting=next_meeting,
        seconds=0.0,
    )


def fill_demo(store: Store, *, years: int = 2, seed: int = 1, today: date | str | None = None) -> DemoSummary:
    """Fill an empty, freshly seeded database with deterministic demo data (one transaction).

    The plenary meetings cover ``years`` calendar years ending with the year of ``today``; when the
    constituent meeting (end of January of the first year) would lie less than six weeks before
    ``today``, the demo starts one year earlier. Raises ``UserError`` when the database has data.
    """
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= MAX_YEARS:
        raise ValidationError(f"Die Zahl der Jahre muss zwischen 1 und {MAX_YEARS} liegen.", field="years")
    day = _parse_today(today)
    started = _time.perf_counter()
    # The audit trail says the demo was entered at noon of its day (in one go), whatever the clock says.
    stamp = timeutil.aware(datetime.combine(day, time(12, 0))).astimezone(UTC).replace(tzinfo=None)
    with store.session() as s:
        _refuse_if_filled(s)
        before = s.scalar(select(func.max(AuditEntry.id))) or 0
        entry = AuditEntry(at=stamp, user=_user(), action="demo.fill", entity="database", summary="Demodaten")
        s.add(entry)
        s.flush()
        first_year = day.year - years + 1
        while constituent_day(first_year) + timedelta(days=catalogue.KONST_MIN_AGE_DAYS) > day:
            first_year -= 1  # the constituent meeting must lie some weeks back, so there is history
        b = Builder(store, s, random.Random(seed), day, first_year)
        summary = _summary(s, b, seed, _build(b))
        entry.summary = " ".join(summary.lines[:5])
        s.flush()
        s.execute(update(AuditEntry).where(AuditEntry.id > before).values(at=stamp))
    return replace(summary, seconds=round(_time.perf_counter() - started, 3))


def create_demo_database(path: str | Path, years: int = 2, seed: int = 1, today: date | str | None = None) -> Path:
    """Create (and seed) a database at ``path`` and fill it with demo data."""
    target = Path(path)
    store = open_store(target)
    try:
        fill_demo(store, years=years, seed=seed, today=today)
    finally:
        store.close()
    return target


__all__ = ["MAX_YEARS", "DemoSummary", "create_demo_database", "fill_demo"]

"""Checks of the data against the Geschäftsordnung, and of the database file itself.

``collect_warnings`` is what ``bezag check`` prints and what the Übersicht and the Sitzungen page
list: too few plenary meetings in a year, bodies without a current member or deputy, chair terms
ending soon (or a vacant chair), meetings inside the notice period that were not invited,
overlapping meetings of one committee and past meetings whose outcome was never recorded.
``findings_about`` gives the ones about one record (``bezag meetings show``). The rules about
meetings are pure functions in ``domain.procedure``; this module gathers their facts with SQL.
The rules are read from the settings on every call, so a change in Einstellungen applies at once.
Every rule costs a fixed number of queries, whatever the number of rows.

``integrity`` runs SQLite's own checks (``integrity_check``, ``foreign_key_check``); it only reads.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from bezag_desktop.db import store as dbstore
from bezag_desktop.db.models import AgendaItem, Body, ChairTerm, Committee, Invitation, Meeting, Membership, Person
from bezag_desktop.domain import procedure
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import AgendaKind, ChairSide, MeetingStatus, MembershipRole
from bezag_desktop.domain.findings import ACTION_BODY, ACTION_ELECTION, HINWEIS, WARNUNG, Finding, Ref, warnings_first
from bezag_desktop.domain.procedure import MeetingFacts
from bezag_desktop.domain.rules import RulesOfProcedure
from bezag_desktop.domain.timeutil import add_months, fmt_date
from bezag_desktop.domain.timeutil import today as today_berlin
from bezag_desktop.services.groups import find_plenum
from bezag_desktop.services.settings import rules_in
from bezag_desktop.services.store import Store, operation


@dataclass(frozen=True)
class IntegrityReport:
    """SQLite's verdict on the file: ``problems`` is empty when all is well (German lines)."""

    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


# --- the rules ----------------------------------------------------------------------------------


def _meetings(session: Session) -> tuple[list[MeetingFacts], dict[tuple[int, int], int]]:
    """Every meeting that is not cancelled, as plain facts, and their number per (committee, year)."""
    invited = exists().where(Invitation.meeting_id == Meeting.id)
    rows = session.execute(
        select(
            Meeting.id,
            Meeting.committee_id,
            Meeting.display_title,
            Meeting.year,
            Meeting.start,
            Meeting.end,
            Meeting.status,
            invited.label("invited"),
            Committee.name,
        )
        .join(Committee, Committee.id == Meeting.committee_id)
        .where(Meeting.status != MeetingStatus.ABGESAGT.value)
        .order_by(Meeting.start, Meeting.id)
    ).all()
    facts: list[MeetingFacts] = []
    per_year: dict[tuple[int, int], int] = defaultdict(int)
    for r in rows:
        facts.append(from_attrs(MeetingFacts, r, committee=r.name, title=r.display_title, invited=bool(r.invited)))
        per_year[r.committee_id, int(r.year)] += 1
    return facts, per_year


def _check_representation(session: Session, plenum_id: int | None, on: date) -> list[Finding]:
    if plenum_id is None:
        return []
    bodies = session.execute(
        select(Body.id, Body.name).where(Body.active.is_(True)).order_by(Body.sort_order, Body.name)
    ).all()
    held = session.execute(
        select(Membership.body_id, Membership.role)
        .where(
            Membership.committee_id == plenum_id,
            Membership.body_id.is_not(None),
            Membership.role.in_([MembershipRole.MITGLIED.value, MembershipRole.STELLVERTRETUNG.value]),
            Membership.valid_on(on),
        )
        .distinct()
    ).all()
    roles: dict[int, set[str]] = defaultdict(set)
    for body_id, role in held:
        if body_id is not None:
            roles[body_id].add(role)
    out: list[Finding] = []
    for body_id, name in bodies:
        has_member = MembershipRole.MITGLIED.value in roles[body_id]
        has_deputy = MembershipRole.STELLVERTRETUNG.value in roles[body_id]
        if has_member and has_deputy:
            continue
        if not has_member and not has_deputy:
            level, code, what = WARNUNG, "body_without_representation", "weder ein Mitglied noch eine Stellvertretung"
        elif not has_member:
            level, code, what = WARNUNG, "body_without_member", "kein Mitglied (nur eine Stellvertretung)"
        else:
            level, code, what = HINWEIS, "body_without_deputy", "keine Stellvertretung"
        text = f"{name} hat derzeit {what} entsandt."
        out.append(Finding(level, "vertretungen", code, text, ACTION_BODY, Ref.body(body_id)))
    return out


def _vacant_chair(side: ChairSide, upcoming: Any, scheduled: Any, plenum: Ref) -> Finding:
    """The finding for a side of the chair that nobody holds today (rows of ``_check_chairs``)."""
    elective = side == ChairSide.KOMMUNEN
    if upcoming is not None:
        name = upcoming.name
        return Finding(
            HINWEIS,
            "vorsitz",
            "chair_vacant_until",
            f"{side.label}: derzeit nicht besetzt; {name} übernimmt am {fmt_date(upcoming.start_date)}.",
            ref=Ref.person(upcoming.person_id),
        )
    if elective and scheduled is not None:
        return Finding(
            HINWEIS,
            "vorsitz",
            "chair_election_scheduled",
            f"{side.label}: nicht besetzt; die Wahl steht auf der Tagesordnung der Sitzung vom "
            f"{fmt_date(scheduled.start)} (TOP {scheduled.number}).",
            ref=plenum,
        )
    how = (
        "Die Wahl gehört auf die Tagesordnung der nächsten Plenarsitzung."
        if elective
        else "Der Bezirk benennt seine Vertretung im Vorsitz."
    )
    return Finding(
        WARNUNG,
        "vorsitz",
        "chair_vacant",
        f"{side.label}: derzeit nicht besetzt. {how}",
        ACTION_ELECTION if elective else None,
        plenum,
    )


def _ending_chair(side: ChairSide, current: Any, scheduled: Any) -> Finding:
    """The finding for a term that ends within the warning period without a successor."""
    name = current.name
    ends = f"{side.label}: Die Amtszeit von {name} endet am {fmt_date(current.end_date)}."
    person = Ref.person(current.person_id)
    if side != ChairSide.KOMMUNEN:
        return Finding(WARNUNG, "vorsitz", "chair_term_ending", f"{ends} Der Bezirk benennt die Nachfolge.", ref=person)
    if scheduled is not None:
        return Finding(
            HINWEIS,
            "vorsitz",
            "chair_election_scheduled",
            f"{ends} Die Wahl steht auf der Tagesordnung der Sitzung vom {fmt_date(scheduled.start)} "
            f"(TOP {scheduled.number}).",
            ref=person,
        )
    return Finding(
        WARNUNG, "vorsitz", "chair_term_ending", f"{ends} Die Wahl der Nachfolge steht an.", ACTION_ELECTION, person
    )


def _check_chairs(session: Session, plenum_id: int | None, rules: RulesOfProcedure, on: date) -> list[Finding]:
    if plenum_id is None:
        return []
    terms = session.execute(
        select(
            ChairTerm.side,
            ChairTerm.start_date,
            ChairTerm.end_date,
            ChairTerm.person_id,
            Person.display_name.label("name"),
        )
        .join(Person, Person.id == ChairTerm.person_id)
        .where(ChairTerm.committee_id == plenum_id, or_(ChairTerm.end_date.is_(None), ChairTerm.end_date >= on))
        .order_by(ChairTerm.start_date)
    ).all()
    scheduled = session.execute(
        select(Meeting.start, AgendaItem.number)
        .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
        .where(
            Meeting.committee_id == plenum_id,
            Meeting.start >= datetime.combine(on, time.min),
            Meeting.status != MeetingStatus.ABGESAGT.value,
            AgendaItem.kind == AgendaKind.WAHL.value,
        )
        .order_by(Meeting.start)
        .limit(1)
    ).first()
    horizon = add_months(on, rules.chair_warning_months)
    out: list[Finding] = []
    for side in ChairSide:
        mine = [t for t in terms if t.side == side.value]
        current = next((t for t in mine if t.start_date <= on), None)
        if current is None:
            upcoming = next((t for t in mine if t.start_date > on), None)
            out.append(_vacant_chair(side, upcoming, scheduled, Ref.committee(plenum_id)))
        elif (
            current.end_date is not None
            and current.end_date <= horizon
            and not any(t.start_date > current.end_date for t in mine)  # else the successor is already chosen
        ):
            out.append(_ending_chair(side, current, scheduled))
    return out


@operation
def collect_warnings(session: Session, today: date | None = None) -> list[Finding]:
    """The checks of the Geschäftsordnung for ``today`` (default: today in Europe/Berlin).

    All findings of that day: warnings first, then notes, each group in rule order.
    """
    on = today or today_berlin()
    rules = rules_in(session)
    plenum = find_plenum(session)  # a database without one reports nothing about the plenum
    plenum_id = None if plenum is None else plenum.id
    meetings, per_year = _meetings(session)
    plenary: list[Finding] = []
    if plenum_id is not None:
        counts = {year: n for (committee_id, year), n in per_year.items() if committee_id == plenum_id}
        plenary = procedure.plenary_findings(counts, rules.min_plenary_meetings_per_year, on, plenum_id)
    found = [
        *plenary,
        *_check_chairs(session, plenum_id, rules, on),
        *procedure.meeting_findings(meetings, on, rules.notice_period_days),
        *_check_representation(session, plenum_id, on),
    ]
    return warnings_first(found)


def findings_about(store: Store, ref: Ref, today: date | None = None) -> list[Finding]:
    """The findings of ``collect_warnings`` whose ``ref`` is this record, in the same order."""
    return [f for f in collect_warnings(store, today) if f.ref == ref]


def schema_note(store: Store) -> Finding | None:
    """A note when the file has an older schema (opened read-only, so not migrated); else ``None``."""
    state = dbstore.identify(store.path)
    if state.state != "outdated":
        return None
    return Finding(
        HINWEIS,
        "datenbank",
        "outdated_schema",
        f"Die Datenbank hat ein älteres Format (Schema {state.revision}, aktuell {dbstore.HEAD_REVISION}); "
        "sie wird beim nächsten Öffnen im Programm oder mit „bezag init“ aktualisiert (vorher wird eine "
        "Sicherung angelegt).",
    )


def rules_not_checked() -> Finding:
    """The note of ``bezag check`` when an outdated schema cannot be read by the rules."""
    return Finding(
        HINWEIS,
        "datenbank",
        "rules_not_checked",
        "Die Regeln der Geschäftsordnung können erst nach der Aktualisierung („bezag init“) geprüft werden.",
    )


def integrity(store: Store) -> IntegrityReport:
    """``PRAGMA integrity_check`` and ``foreign_key_check``; reads only (works on read-only stores)."""
    problems: list[str] = []
    with store.engine.connect() as conn:
        for (line,) in conn.exec_driver_sql("PRAGMA integrity_check").fetchall():
            if line != "ok":
                problems.append(f"Beschädigung: {line}")
        for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
            problems.append(f"Tabelle {table}, Zeile {rowid}: verweist auf einen fehlenden Eintrag in {parent}.")
    return IntegrityReport(tuple(problems))


__all__ = [
    "ACTION_ELECTION",
    "HINWEIS",
    "WARNUNG",
    "Finding",
    "IntegrityReport",
    "collect_warnings",
    "findings_about",
    "integrity",
    "rules_not_checked",
    "schema_note",
]

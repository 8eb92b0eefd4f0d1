"""Checks of the data against the Geschäftsordnung, and of the database file itself.

``collect_warnings`` is what ``bezag check`` prints and what the Übersicht lists: too few plenary
meetings in a year, bodies without a current member or deputy, chair terms ending soon (or a vacant
chair), meetings inside the notice period that were not invited, overlapping meetings of one
committee and past meetings whose outcome was never recorded. The rules are read from the settings
on every call, so a change in Einstellungen applies at once. Every rule costs a fixed number of
queries, whatever the number of rows.

``integrity`` runs SQLite's own checks (``integrity_check``, ``foreign_key_check``); it only reads.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from bezag_desktop.db import store as dbstore
from bezag_desktop.db.models import AgendaItem, Body, ChairTerm, Committee, Invitation, Meeting, Membership, Person
from bezag_desktop.domain.codes import AgendaKind, ChairSide, CommitteeKind, MeetingStatus, MembershipRole
from bezag_desktop.domain.rules import RulesOfProcedure
from bezag_desktop.domain.timeutil import fmt_date, fmt_time
from bezag_desktop.domain.timeutil import today as today_berlin
from bezag_desktop.services.settings import rules_in
from bezag_desktop.services.store import Store

WARNUNG = "warnung"
HINWEIS = "hinweis"

#: What the user can do about a warning (the Übersicht offers a button for it).
ACTION_ELECTION = "election"  # put the chair election on the next plenary meeting's agenda
ACTION_MEETING = "meeting"  # open the meeting (ref_id)
ACTION_BODY = "body"  # open the member body (ref_id)

AREA_LABELS: dict[str, str] = {
    "plenum": "Plenum",
    "vertretungen": "Vertretungen",
    "vorsitz": "Vorsitz",
    "sitzungen": "Sitzungen",
    "datenbank": "Datenbank",
}
LEVEL_LABELS: dict[str, str] = {WARNUNG: "Warnung", HINWEIS: "Hinweis"}

#: A meeting without an end is taken to last this long when looking for overlaps.
_UNKNOWN_DURATION = timedelta(minutes=1)
#: Uninvited meetings whose invitation deadline is this close get a reminder.
_INVITE_REMINDER_DAYS = 7
#: Statuses of a meeting that has not taken place yet.
_OPEN_STATUSES = (MeetingStatus.GEPLANT.value, MeetingStatus.EINGELADEN.value)


@dataclass(frozen=True)
class CheckWarning:
    """One finding: ``level`` "warnung" or "hinweis", ``area`` (see AREA_LABELS), German ``text``."""

    level: str
    area: str
    text: str
    #: One of the ACTION_* keys, when the program can help; ``ref_id`` names the record.
    action: str | None = None
    ref_id: int | None = None
    #: Stable key of the rule, for scripts (``bezag check --json``).
    code: str = ""

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS.get(self.level, self.level)

    @property
    def area_label(self) -> str:
        return AREA_LABELS.get(self.area, self.area)

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "area": self.area,
            "code": self.code,
            "text": self.text,
            "action": self.action,
            "ref_id": self.ref_id,
        }


@dataclass(frozen=True)
class IntegrityReport:
    """SQLite's verdict on the file: ``problems`` is empty when all is well (German lines)."""

    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's last day (31.08. + 6 = 28./29.02.)."""
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def count_text(n: int, one: str, many: str) -> str:
    if n == 0:
        return f"keine {many}"
    return f"{n} {one if n == 1 else many}"


def meeting_title(number: int, year: int) -> str:
    return f"{number}. Sitzung {year}"


# --- the rules ----------------------------------------------------------------------------------


def _plenum_id(session: Session) -> int | None:
    return session.scalar(
        select(Committee.id).where(Committee.kind == CommitteeKind.PLENUM.value).order_by(Committee.id).limit(1)
    )


def _check_plenary_meetings(
    session: Session, plenum_id: int | None, rules: RulesOfProcedure, on: date
) -> list[CheckWarning]:
    minimum = rules.min_plenary_meetings_per_year
    if minimum <= 0 or plenum_id is None:
        return []
    rows = session.execute(
        select(Meeting.year, func.count(Meeting.id))
        .where(Meeting.committee_id == plenum_id, Meeting.status != MeetingStatus.ABGESAGT.value)
        .group_by(Meeting.year)
    ).all()
    per_year = {int(year): int(n) for year, n in rows}
    first = min([*per_year, on.year])
    years = sorted(set(range(first, on.year + 1)) | set(per_year))
    required = (
        f"die Geschäftsordnung verlangt mindestens {count_text(minimum, 'Plenarsitzung', 'Plenarsitzungen')} im Jahr."
    )
    out: list[CheckWarning] = []
    for year in years:
        n = per_year.get(year, 0)
        if n >= minimum:
            continue
        many = f"{n} Plenarsitzungen"
        if year < on.year:
            level = WARNUNG
            found = {0: "Es fand keine Plenarsitzung statt", 1: "Es fand nur eine Plenarsitzung statt"}
            text = f"{year}: {found.get(n, f'Es fanden nur {many} statt')}; {required}"
        elif year == on.year:
            level = WARNUNG
            found = {0: "Bisher ist keine Plenarsitzung erfasst", 1: "Bisher ist nur eine Plenarsitzung erfasst"}
            text = f"{year}: {found.get(n, f'Bisher sind nur {many} erfasst')} (durchgeführt oder geplant); {required}"
        else:
            level = HINWEIS
            found = {1: "Bisher ist erst eine Plenarsitzung geplant"}
            text = f"{year}: {found.get(n, f'Bisher sind erst {many} geplant')}; {required}"
        out.append(CheckWarning(level, "plenum", text, code="too_few_plenary_meetings"))
    return out


def _check_representation(session: Session, plenum_id: int | None, on: date) -> list[CheckWarning]:
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
            or_(Membership.start_date.is_(None), Membership.start_date <= on),
            or_(Membership.end_date.is_(None), Membership.end_date >= on),
        )
        .distinct()
    ).all()
    roles: dict[int, set[str]] = defaultdict(set)
    for body_id, role in held:
        if body_id is not None:
            roles[body_id].add(role)
    out: list[CheckWarning] = []
    for body_id, name in bodies:
        has_member = MembershipRole.MITGLIED.value in roles[body_id]
        has_deputy = MembershipRole.STELLVERTRETUNG.value in roles[body_id]
        if not has_member and not has_deputy:
            out.append(
                CheckWarning(
                    WARNUNG,
                    "vertretungen",
                    f"{name} hat derzeit weder ein Mitglied noch eine Stellvertretung entsandt.",
                    ACTION_BODY,
                    body_id,
                    "body_without_representation",
                )
            )
        elif not has_member:
            out.append(
                CheckWarning(
                    WARNUNG,
                    "vertretungen",
                    f"{name} hat derzeit kein Mitglied entsandt (nur eine Stellvertretung).",
                    ACTION_BODY,
                    body_id,
                    "body_without_member",
                )
            )
        elif not has_deputy:
            out.append(
                CheckWarning(
                    HINWEIS,
                    "vertretungen",
                    f"{name} hat derzeit keine Stellvertretung entsandt.",
                    ACTION_BODY,
                    body_id,
                    "body_without_deputy",
                )
            )
    return out


def _person_name(title: str, first: str, last: str) -> str:
    return " ".join(p for p in (title, first, last) if p)


def _check_chairs(session: Session, plenum_id: int | None, rules: RulesOfProcedure, on: date) -> list[CheckWarning]:
    if plenum_id is None:
        return []
    terms = session.execute(
        select(
            ChairTerm.id,
            ChairTerm.side,
            ChairTerm.start_date,
            ChairTerm.end_date,
            Person.title,
            Person.first_name,
            Person.last_name,
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
    out: list[CheckWarning] = []
    for side in ChairSide:
        mine = [t for t in terms if t.side == side.value]
        current = next((t for t in mine if t.start_date <= on), None)
        elective = side == ChairSide.KOMMUNEN
        if current is None:
            upcoming = next((t for t in mine if t.start_date > on), None)
            if upcoming is not None:
                name = _person_name(upcoming.title, upcoming.first_name, upcoming.last_name)
                out.append(
                    CheckWarning(
                        HINWEIS,
                        "vorsitz",
                        f"{side.label}: derzeit nicht besetzt; {name} übernimmt am {fmt_date(upcoming.start_date)}.",
                        code="chair_vacant_until",
                    )
                )
                continue
            if elective and scheduled is not None:
                out.append(
                    CheckWarning(
                        HINWEIS,
                        "vorsitz",
                        f"{side.label}: nicht besetzt; die Wahl steht auf der Tagesordnung der Sitzung vom "
                        f"{fmt_date(scheduled.start)} (TOP {scheduled.number}).",
                        code="chair_election_scheduled",
                    )
                )
                continue
            how = (
                "Die Wahl gehört auf die Tagesordnung der nächsten Plenarsitzung."
                if elective
                else "Der Bezirk benennt seine Vertretung im Vorsitz."
            )
            out.append(
                CheckWarning(
                    WARNUNG,
                    "vorsitz",
                    f"{side.label}: derzeit nicht besetzt. {how}",
                    ACTION_ELECTION if elective else None,
                    None,
                    "chair_vacant",
                )
            )
            continue
        if current.end_date is None or current.end_date > horizon:
            continue
        if any(t.start_date > current.end_date for t in mine):
            continue  # the successor is already elected or designated
        name = _person_name(current.title, current.first_name, current.last_name)
        ends = f"{side.label}: Die Amtszeit von {name} endet am {fmt_date(current.end_date)}."
        if not elective:
            out.append(
                CheckWarning(
                    WARNUNG,
                    "vorsitz",
                    f"{ends} Der Bezirk benennt die Nachfolge.",
                    None,
                    current.id,
                    "chair_term_ending",
                )
            )
        elif scheduled is not None:
            out.append(
                CheckWarning(
                    HINWEIS,
                    "vorsitz",
                    f"{ends} Die Wahl steht auf der Tagesordnung der Sitzung vom {fmt_date(scheduled.start)} "
                    f"(TOP {scheduled.number}).",
                    None,
                    current.id,
                    "chair_election_scheduled",
                )
            )
        else:
            out.append(
                CheckWarning(
                    WARNUNG,
                    "vorsitz",
                    f"{ends} Die Wahl der Nachfolge steht an.",
                    ACTION_ELECTION,
                    current.id,
                    "chair_term_ending",
                )
            )
    return out


def _check_invitations(session: Session, rules: RulesOfProcedure, on: date) -> list[CheckWarning]:
    rows = session.execute(
        select(Meeting.id, Meeting.number, Meeting.year, Meeting.start, Committee.name)
        .join(Committee, Committee.id == Meeting.committee_id)
        .where(
            Meeting.start >= datetime.combine(on, time.min),
            Meeting.status == MeetingStatus.GEPLANT.value,
            ~exists().where(Invitation.meeting_id == Meeting.id),
        )
        .order_by(Meeting.start)
    ).all()
    days = rules.notice_period_days
    out: list[CheckWarning] = []
    for row in rows:
        deadline = row.start.date() - timedelta(days=days)
        what = f"Die {meeting_title(row.number, row.year)} ({row.name}) am {fmt_date(row.start)}"
        if deadline < on:
            out.append(
                CheckWarning(
                    WARNUNG,
                    "sitzungen",
                    f"{what} ist noch nicht eingeladen; die Ladungsfrist von {days} Tagen ist nicht mehr einzuhalten "
                    f"(Einladung bis {fmt_date(deadline)}).",
                    ACTION_MEETING,
                    row.id,
                    "not_invited",
                )
            )
        elif (deadline - on).days <= _INVITE_REMINDER_DAYS:
            out.append(
                CheckWarning(
                    HINWEIS,
                    "sitzungen",
                    f"{what} ist noch nicht eingeladen; die Einladung muss bis {fmt_date(deadline)} hinausgehen "
                    f"(Ladungsfrist {days} Tage).",
                    ACTION_MEETING,
                    row.id,
                    "invite_soon",
                )
            )
    return out


def _check_overlaps(session: Session) -> list[CheckWarning]:
    rows = session.execute(
        select(
            Meeting.id, Meeting.committee_id, Meeting.number, Meeting.year, Meeting.start, Meeting.end, Committee.name
        )
        .join(Committee, Committee.id == Meeting.committee_id)
        .where(Meeting.status != MeetingStatus.ABGESAGT.value)
        .order_by(Meeting.committee_id, Meeting.start, Meeting.id)
    ).all()
    out: list[CheckWarning] = []
    latest: Any = None  # the meeting of the same committee that ends last so far
    latest_end: datetime | None = None
    for row in rows:
        end = row.end if row.end is not None and row.end > row.start else row.start + _UNKNOWN_DURATION
        if latest is not None and latest.committee_id == row.committee_id and latest_end is not None:
            if row.start < latest_end:
                out.append(
                    CheckWarning(
                        WARNUNG,
                        "sitzungen",
                        f"{row.name}: Die {meeting_title(latest.number, latest.year)} "
                        f"({fmt_date(latest.start)} {fmt_time(latest.start)} Uhr) und die "
                        f"{meeting_title(row.number, row.year)} ({fmt_date(row.start)} {fmt_time(row.start)} Uhr) "
                        "überschneiden sich.",
                        ACTION_MEETING,
                        row.id,
                        "overlap",
                    )
                )
            if end <= latest_end:
                continue
        latest, latest_end = row, end
    return out


def _check_past_open(session: Session, on: date) -> list[CheckWarning]:
    rows = session.execute(
        select(Meeting.id, Meeting.number, Meeting.year, Meeting.start, Meeting.status, Committee.name)
        .join(Committee, Committee.id == Meeting.committee_id)
        .where(Meeting.start < datetime.combine(on, time.min), Meeting.status.in_(_OPEN_STATUSES))
        .order_by(Meeting.start)
    ).all()
    return [
        CheckWarning(
            HINWEIS,
            "sitzungen",
            f"Die {meeting_title(row.number, row.year)} ({row.name}) am {fmt_date(row.start)} ist vorbei, aber noch "
            f"als „{MeetingStatus(row.status).label}“ erfasst: Anwesenheit und Ergebnisse nachtragen.",
            ACTION_MEETING,
            row.id,
            "past_meeting_open",
        )
        for row in rows
    ]


def warnings_in(session: Session, on: date) -> list[CheckWarning]:
    """All findings on day ``on``: warnings first, then notes, each group in rule order."""
    rules = rules_in(session)
    plenum_id = _plenum_id(session)
    found = [
        *_check_plenary_meetings(session, plenum_id, rules, on),
        *_check_chairs(session, plenum_id, rules, on),
        *_check_invitations(session, rules, on),
        *_check_overlaps(session),
        *_check_past_open(session, on),
        *_check_representation(session, plenum_id, on),
    ]
    return [w for w in found if w.level == WARNUNG] + [w for w in found if w.level != WARNUNG]


def collect_warnings(store: Store, today: date | None = None) -> list[CheckWarning]:
    """The checks of the Geschäftsordnung for ``today`` (default: today in Europe/Berlin)."""
    with store.session() as s:
        return warnings_in(s, today or today_berlin())


def schema_note(store: Store) -> CheckWarning | None:
    """A note when the file has an older schema (opened read-only, so not migrated); else ``None``."""
    state = dbstore.identify(store.path)
    if state.state != "outdated":
        return None
    return CheckWarning(
        HINWEIS,
        "datenbank",
        f"Die Datenbank hat ein älteres Format (Schema {state.revision}, aktuell {dbstore.HEAD_REVISION}); "
        "sie wird beim nächsten Öffnen im Programm oder mit „bezag init“ aktualisiert (vorher wird eine "
        "Sicherung angelegt).",
        code="outdated_schema",
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
    "ACTION_BODY",
    "ACTION_ELECTION",
    "ACTION_MEETING",
    "AREA_LABELS",
    "HINWEIS",
    "LEVEL_LABELS",
    "WARNUNG",
    "CheckWarning",
    "IntegrityReport",
    "add_months",
    "collect_warnings",
    "count_text",
    "integrity",
    "schema_note",
    "warnings_in",
]

"""Groups area, writes: founding, editing and dissolving working groups and networks, seats, reports.

A working group (or a network such as a Pflegekonferenz) is a ``Committee`` below the plenary.
Its members are ``Membership`` rows with a role and dates, on behalf of a member body or a partner
organisation (OParl ``onBehalfOf``). Nothing is deleted when a group is dissolved: the seats end
on that day and the group stays in the list with its history.

The rules of a seat (which seats may exist side by side) are in ``rules.py``.

Every write is an ``@operation``: front ends pass the ``Store`` (one transaction), other
operations pass their ``Session`` (composed into theirs). Reading is in ``queries.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import (
    AgendaItem,
    Body,
    Committee,
    Meeting,
    Membership,
    Partner,
    Person,
    WorkingGroupReport,
)
from bezag_desktop.domain.attrs import attrs_of, with_stripped
from bezag_desktop.domain.codes import AgendaKind, CommitteeKind, MeetingStatus, MembershipRole
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.domain.procedure import NOT_HELD
from bezag_desktop.domain.text import fold
from bezag_desktop.domain.timeutil import fmt_date, today
from bezag_desktop.services.audit import audit
from bezag_desktop.services.groups.queries import (
    REPORTS_PARENT_TITLE,
    list_committees,
    meeting_ref,
    meetings_stmt,
    plenum_id,
    report_item_title,
    resolution_rows,
    working_group_seats_of,
)
from bezag_desktop.services.groups.rows import (
    GROUP_KINDS,
    LEAD_ROLES,
    DissolveResult,
    EndSeatsResult,
    GroupSeat,
    ResolutionRow,
    fmt_range,
    kind_label,
    role_label,
)
from bezag_desktop.services.groups.rules import check_seat, on_behalf
from bezag_desktop.services.records import assign, get_or_raise
from bezag_desktop.services.settings import is_valid_email
from bezag_desktop.services.store import operation


@dataclass(frozen=True)
class GroupInput:
    name: str
    topic: str = ""
    goal: str = ""
    kind: str = CommitteeKind.ARBEITSGRUPPE.value
    founded_on: date | None = None
    #: The plenary agenda item whose resolution founds the group (required for a working group).
    founding_agenda_item_id: int | None = None
    short_name: str = ""
    email: str = ""
    notes: str = ""


# --- founding, editing, dissolving ------------------------------------------------------------


def _require_group(session: Session, committee_id: int) -> Committee:
    """A working group or network (not the plenary, whose seats are the body mandates)."""
    c = get_or_raise(session, Committee, committee_id)
    if c.kind == CommitteeKind.PLENUM.value:
        raise ValidationError(
            "Das Plenum ist keine Arbeitsgruppe; seine Mitglieder und Stellvertretungen werden unter "
            "„Körperschaften & Vertretungen“ gepflegt."
        )
    return c


def _clean(data: GroupInput) -> GroupInput:
    return with_stripped(data, "topic", "goal", "short_name", "email", "notes", name=" ".join(data.name.split()))


def _validate_group(session: Session, data: GroupInput, committee_id: int | None) -> ResolutionRow | None:
    if not data.name:
        raise ValidationError("Bitte einen Namen für die Arbeitsgruppe angeben.", field="name")
    if len(data.name) > 200:
        raise ValidationError("Der Name ist zu lang (höchstens 200 Zeichen).", field="name")
    if len(data.short_name) > 50:
        raise ValidationError("Die Kurzbezeichnung ist zu lang (höchstens 50 Zeichen).", field="short_name")
    if len(data.topic) > 300:
        raise ValidationError("Das Thema ist zu lang (höchstens 300 Zeichen).", field="topic")
    if data.kind not in GROUP_KINDS:
        raise ValidationError("Art des Gremiums: Arbeitsgruppe oder Netzwerk.", field="kind")
    if data.email and not is_valid_email(data.email):
        raise ValidationError(f"„{data.email}“ ist keine gültige E-Mail-Adresse.", field="email")
    wanted = fold(data.name)
    for cid, name in session.execute(select(Committee.id, Committee.name)):
        if cid != committee_id and fold(name) == wanted:
            raise ValidationError(f"Ein Gremium namens „{name}“ gibt es bereits.", field="name")
    founding: ResolutionRow | None = None
    if data.founding_agenda_item_id is not None:
        found = resolution_rows(session, AgendaItem.id == data.founding_agenda_item_id)
        if not found:
            raise ValidationError(
                "Der gewählte Tagesordnungspunkt gehört zu keiner Plenarsitzung; eine Arbeitsgruppe wird durch "
                "einen Beschluss des Plenums gegründet.",
                field="founding_agenda_item_id",
            )
        founding = found[0]
    elif data.kind == CommitteeKind.ARBEITSGRUPPE.value:
        raise ValidationError(
            "Bitte den Beschluss des Plenums (Tagesordnungspunkt) wählen, mit dem die Arbeitsgruppe gegründet wird.",
            field="founding_agenda_item_id",
        )
    founded_on = data.founded_on or (founding.meeting_date if founding else None)
    if founded_on is None:
        raise ValidationError("Bitte das Gründungsdatum angeben.", field="founded_on")
    if founding is not None and founded_on < founding.meeting_date:
        raise ValidationError(
            f"Das Gründungsdatum {fmt_date(founded_on)} liegt vor der Plenarsitzung vom "
            f"{fmt_date(founding.meeting_date)}, die die Gründung beschlossen hat.",
            field="founded_on",
        )
    return founding


@operation
def found_group(s: Session, data: GroupInput) -> int:
    """Found a working group (or network) by a plenary resolution; returns the committee id."""
    data = _clean(data)
    founding = _validate_group(s, data, None)
    founded_on = data.founded_on or (founding.meeting_date if founding else None)
    c = Committee(
        parent_id=plenum_id(s),
        founded_on=founded_on,
        **attrs_of(data, "name", "short_name", "kind", "topic", "goal", "founding_agenda_item_id", "email", "notes"),
    )
    s.add(c)
    s.flush()
    basis = f" durch Beschluss {founding.text}" if founding else ""
    audit(s, "committee.found", "committee", c.id, f"{kind_label(c.kind)} „{c.name}“ gegründet{basis}")
    return c.id


@operation
def update_group(s: Session, committee_id: int, data: GroupInput) -> None:
    data = _clean(data)
    c = _require_group(s, committee_id)
    founding = _validate_group(s, data, committee_id)
    founded_on = data.founded_on or (founding.meeting_date if founding else c.founded_on)
    if c.dissolved_on is not None and founded_on is not None and founded_on > c.dissolved_on:
        raise ValidationError("Das Gründungsdatum liegt nach dem Auflösungsdatum.", field="founded_on")
    first_start = s.scalar(
        select(Membership.start_date)
        .where(Membership.committee_id == committee_id, Membership.start_date.is_not(None))
        .order_by(Membership.start_date)
        .limit(1)
    )
    if founded_on is not None and first_start is not None and first_start < founded_on:
        raise ValidationError(
            f"Ein Sitz beginnt bereits am {fmt_date(first_start)}, vor dem Gründungsdatum {fmt_date(founded_on)}.",
            field="founded_on",
        )
    assign(c, data, "name", "short_name", "kind", "topic", "goal", "founding_agenda_item_id", "email", "notes")
    c.founded_on = founded_on
    audit(s, "committee.update", "committee", c.id, f"„{c.name}“ bearbeitet")


@operation
def dissolve_group(s: Session, committee_id: int, on: date) -> DissolveResult:
    """Dissolve a group on ``on`` (its last day): every running seat ends that day, nothing is deleted.

    Seats that would only begin after that day never existed and are removed.
    """
    c = _require_group(s, committee_id)
    if c.dissolved_on is not None:
        raise ValidationError(f"„{c.name}“ ist bereits seit {fmt_date(c.dissolved_on)} aufgelöst.")
    if c.founded_on is not None and on < c.founded_on:
        raise ValidationError(
            f"Das Auflösungsdatum {fmt_date(on)} liegt vor der Gründung am {fmt_date(c.founded_on)}.",
            field="dissolved_on",
        )
    ended = removed = 0
    for ms in s.scalars(select(Membership).where(Membership.committee_id == committee_id)):
        if ms.start_date is not None and ms.start_date > on:
            s.delete(ms)
            removed += 1
        elif ms.end_date is None or ms.end_date > on:
            ms.end_date = on
            ended += 1
    later = [
        meeting_ref(m)
        for m in s.scalars(
            meetings_stmt(committee_id)
            .where(
                Meeting.start >= datetime.combine(on + timedelta(days=1), datetime.min.time()),
                Meeting.status.in_(NOT_HELD),
            )
            .order_by(Meeting.start)
        )
    ]
    c.dissolved_on = on
    audit(
        s,
        "committee.dissolve",
        "committee",
        c.id,
        f"„{c.name}“ zum {fmt_date(on)} aufgelöst; {ended} Sitz(e) beendet",
    )
    return DissolveResult(ended_seats=ended, removed_future_seats=removed, later_meetings=tuple(later))


@operation
def reopen_group(s: Session, committee_id: int) -> None:
    """Undo a dissolution (a correction): the group is active again; ended seats stay ended."""
    c = _require_group(s, committee_id)
    if c.dissolved_on is None:
        raise ValidationError(f"„{c.name}“ ist nicht aufgelöst.")
    c.dissolved_on = None
    audit(s, "committee.reopen", "committee", c.id, f"Auflösung von „{c.name}“ zurückgenommen")


# --- seats -------------------------------------------------------------------------------------


@operation
def add_member(
    s: Session,
    committee_id: int,
    person_id: int,
    role: str = MembershipRole.MITGLIED.value,
    start: date | None = None,
    *,
    end: date | None = None,
    body_id: int | None = None,
    partner_id: int | None = None,
    notes: str = "",
) -> int:
    """Give a person a seat in a working group or network; returns the membership id.

    ``body_id``/``partner_id``: on whose behalf; by default the person's own body or partner.
    ``start`` defaults to today (or the founding day, if that is later). In a group that is to be
    dissolved on a later day, the seat ends on that day at the latest.
    """
    c = _require_group(s, committee_id)
    person = get_or_raise(s, Person, person_id)
    if not person.active:
        raise ValidationError(f"{person.display_name} ist als inaktiv markiert und kann keinen Sitz erhalten.")
    if start is None:
        start = max(today(), c.founded_on) if c.founded_on else today()
    if c.dissolved_on is not None and start <= c.dissolved_on and (end is None or end > c.dissolved_on):
        end = c.dissolved_on  # a seat ends with the group's last day at the latest
    body_id, partner_id = on_behalf(person, body_id, partner_id)
    if body_id is not None:
        get_or_raise(s, Body, body_id)
    if partner_id is not None:
        get_or_raise(s, Partner, partner_id)
    check_seat(s, c, person, role, start, end)
    ms = Membership(
        person_id=person.id,
        committee_id=c.id,
        body_id=body_id,
        partner_id=partner_id,
        role=role,
        voting_right=role != MembershipRole.GAST.value,
        start_date=start,
        end_date=end,
        notes=notes.strip(),
    )
    s.add(ms)
    s.flush()
    audit(
        s,
        "membership.add",
        "membership",
        ms.id,
        f"{person.display_name} in „{c.name}“ als {role_label(role)} ab {fmt_date(start)}",
    )
    return ms.id


def _get_group_membership(session: Session, membership_id: int) -> tuple[Membership, Committee, Person]:
    ms = get_or_raise(session, Membership, membership_id)
    c = _require_group(session, ms.committee_id)
    person = session.get(Person, ms.person_id)
    assert person is not None  # person_id is a non-null foreign key
    return ms, c, person


@operation
def end_membership(s: Session, membership_id: int, end: date) -> None:
    """End a seat on ``end`` (its last day)."""
    ms, c, person = _get_group_membership(s, membership_id)
    if ms.start_date is not None and end < ms.start_date:
        raise ValidationError(
            f"Der Sitz beginnt erst am {fmt_date(ms.start_date)}; das Ende kann nicht davor liegen.", field="end"
        )
    if ms.end_date is not None and ms.end_date <= end:
        raise ValidationError(f"Der Sitz endet bereits am {fmt_date(ms.end_date)}.", field="end")
    ms.end_date = end
    audit(
        s,
        "membership.end",
        "membership",
        ms.id,
        f"Sitz von {person.display_name} in „{c.name}“ endet {fmt_date(end)}",
    )


@operation
def change_role(s: Session, membership_id: int, role: str, on: date) -> int:
    """Change a seat's role from ``on``: the old seat ends the day before, a new one follows it.

    A seat that starts on ``on`` is changed in place. Returns the id of the seat holding the new role.
    """
    ms, c, person = _get_group_membership(s, membership_id)
    if ms.role == role:
        raise ValidationError(f"{person.display_name} hat diese Rolle bereits.", field="role")
    if not ms.valid_on(on):
        raise ValidationError(
            f"Der Sitz besteht am {fmt_date(on)} nicht ({fmt_range(ms.start_date, ms.end_date)}).", field="on"
        )
    check_seat(s, c, person, role, on, ms.end_date, ignore_ids=[ms.id])
    old = role_label(ms.role)
    if ms.start_date == on:
        ms.role = role
        ms.voting_right = role != MembershipRole.GAST.value
        new_id = ms.id
    else:
        successor = Membership(
            person_id=ms.person_id,
            committee_id=ms.committee_id,
            body_id=ms.body_id,
            partner_id=ms.partner_id,
            role=role,
            voting_right=role != MembershipRole.GAST.value,
            start_date=on,
            end_date=ms.end_date,
            predecessor_id=ms.id,
            notes=ms.notes,
        )
        ms.end_date = on - timedelta(days=1)
        s.add(successor)
        s.flush()
        new_id = successor.id
    audit(
        s,
        "membership.role",
        "membership",
        new_id,
        f"{person.display_name} in „{c.name}“: {old} → {role_label(role)} ab {fmt_date(on)}",
    )
    return new_id


_SeatPlan = tuple[Membership, Committee, bool, date | None]


def _plan_seat_end(
    s: Session, seat: GroupSeat, end_date: date, successor: Person | None, skipped: list[str]
) -> _SeatPlan:
    """(seat, group, starts only later, handover start or None); reasons for no handover go to ``skipped``."""
    ms = get_or_raise(s, Membership, seat.membership_id)
    c = get_or_raise(s, Committee, seat.committee_id)
    future = ms.start_date is not None and ms.start_date > end_date
    if successor is None:
        return ms, c, future, None
    start_next = end_date + timedelta(days=1)
    candidate = max(start_next, ms.start_date or start_next)
    last = min(d for d in (ms.end_date, c.dissolved_on, date.max) if d is not None)
    if candidate > last:
        return ms, c, future, None
    # validate the handover before anything changes; a seat the successor cannot
    # take still ends (the mandate behind it is over), it is just not passed on
    try:
        check_seat(s, c, successor, ms.role, candidate, ms.end_date, ignore_ids=[ms.id])
    except ValidationError as exc:
        skipped.append(f"{c.name} ({role_label(ms.role)}): {exc.message}")
        return ms, c, future, None
    return ms, c, future, candidate


@operation
def end_group_seats(
    s: Session,
    person_id: int,
    end_date: date,
    *,
    successor_id: int | None = None,
    body_id: int | None = None,
) -> EndSeatsResult:
    """End a person's working-group seats on ``end_date`` (e.g. when their body mandate ends).

    ``body_id``: only the seats held on behalf of that body. ``successor_id``: hand each seat over
    to this person from the next day (same group, role and body). Seats that would only start
    after ``end_date`` are removed, since they never took effect. A seat the successor cannot take
    (e.g. they already sit in that group) still ends; ``not_handed_over`` says why it was not passed on.
    """
    person = get_or_raise(s, Person, person_id)
    successor = None
    if successor_id is not None:
        successor = get_or_raise(s, Person, successor_id)
        if successor_id == person_id:
            raise ValidationError("Die Nachfolge muss eine andere Person sein.", field="successor_id")
    seats = [
        seat for seat in working_group_seats_of(s, person_id, end_date) if body_id is None or seat.body_id == body_id
    ]
    skipped: list[str] = []
    plans = [_plan_seat_end(s, seat, end_date, successor, skipped) for seat in seats]
    ended = handed = removed = 0
    for ms, c, future, handover_start in plans:
        old_end = ms.end_date
        if future:
            s.delete(ms)
            removed += 1
        else:
            ms.end_date = end_date
            ended += 1
        if successor is not None and handover_start is not None:
            s.add(
                Membership(
                    person_id=successor.id,
                    committee_id=c.id,
                    start_date=handover_start,
                    end_date=old_end,
                    predecessor_id=None if future else ms.id,
                    # The successor takes the seat as it was: same organisation, role, vote and notes.
                    **attrs_of(ms, "body_id", "partner_id", "role", "voting_right", "notes"),
                )
            )
            handed += 1
    result = EndSeatsResult(ended=ended, handed_over=handed, removed=removed, not_handed_over=tuple(skipped))
    if plans:
        audit(s, "membership.end_group_seats", "person", person_id, f"{person.display_name}: {result.text}")
    return result


# --- reports to the plenary -------------------------------------------------------------------


@operation
def save_report(s: Session, committee_id: int, meeting_id: int, text: str, reported_on: date | None = None) -> int:
    """The group's status report to one plenary meeting (one per meeting: saving again replaces it)."""
    text = text.strip()
    if not text:
        raise ValidationError("Bitte den Text des Berichts eingeben.", field="text")
    c = _require_group(s, committee_id)
    m = get_or_raise(s, Meeting, meeting_id)
    if m.committee_id != plenum_id(s):
        raise ValidationError("Berichte der Arbeitsgruppen gehen an eine Sitzung des Plenums.", field="meeting_id")
    report = s.scalar(
        select(WorkingGroupReport).where(
            WorkingGroupReport.committee_id == committee_id, WorkingGroupReport.meeting_id == meeting_id
        )
    )
    if report is None:
        report = WorkingGroupReport(committee_id=committee_id, meeting_id=meeting_id)
        s.add(report)
    previous = report.text or ""
    # the group's item on that agenda shows the report, unless someone wrote something else there
    title = fold(report_item_title(c.name, c.kind))
    for item in s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)):
        if fold(item.title) == title and item.description.strip() in ("", previous.strip()):
            item.description = text
    report.text = text
    report.reported_on = reported_on or m.start.date()
    s.flush()
    audit(s, "report.save", "working_group_report", report.id, f"Bericht „{c.name}“ für {m.display_title}")
    return report.id


@operation
def add_report_items_to_agenda(s: Session, plenary_meeting_id: int) -> list[int]:
    """One item „Bericht aus der AG …“ per group active on the meeting day, presented by its lead.

    Groups that already have such an item are skipped. Under a standard agenda item
    „Berichte aus den Arbeitsgruppen“ the reports become its sub-items. Returns the new item ids.
    """
    from bezag_desktop.services.meetings import agenda

    m = get_or_raise(s, Meeting, plenary_meeting_id)
    if m.committee_id != plenum_id(s):
        raise ValidationError("Die Berichte der Arbeitsgruppen gehören auf die Tagesordnung des Plenums.")
    if m.status == MeetingStatus.ABGESAGT.value:
        raise ValidationError(f"{m.display_title} ist abgesagt.")
    on = m.start.date()
    items = list(s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == m.id)))
    existing = {fold(i.title) for i in items}
    parent = next(
        (i for i in items if i.parent_id is None and fold(i.title).startswith(fold(REPORTS_PARENT_TITLE))), None
    )
    groups = [
        r
        for r in list_committees(s, on)
        if r.kind in GROUP_KINDS and (r.founded is None or r.founded <= on) and r.is_active(on)
    ]
    reports = {
        committee_id: text
        for committee_id, text in s.execute(
            select(WorkingGroupReport.committee_id, WorkingGroupReport.text).where(
                WorkingGroupReport.meeting_id == m.id
            )
        )
    }
    new_ids: list[int] = []
    for g in groups:
        title = report_item_title(g.name, g.kind)
        if fold(title) in existing:
            continue
        # the lead presents; without one, the deputy lead
        presenter = next(
            (x for role in LEAD_ROLES for x in g.members if x.role == role),
            None,
        )
        item_id = agenda.append_item(
            s,
            m.id,
            title=title,
            kind=AgendaKind.BERICHT.value,
            presenter=presenter.person if presenter else "",
            presenter_id=presenter.person_id if presenter else None,
            parent_id=parent.id if parent else None,
        )
        report_text = reports.get(g.id, "")
        if report_text:
            item = s.get(AgendaItem, item_id)
            assert item is not None  # just inserted
            item.description = report_text
        new_ids.append(item_id)
        existing.add(fold(title))
    if new_ids:
        audit(
            s,
            "agenda.group_reports",
            "meeting",
            m.id,
            f"{len(new_ids)} Bericht(e) aus Arbeitsgruppen auf die Tagesordnung von {m.display_title} gesetzt",
        )
    return new_ids

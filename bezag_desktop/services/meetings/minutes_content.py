"""What the minutes (Niederschrift) and the attendance sheet show, gathered as plain data.

Everything for one document is read in one session with a fixed number of queries, whatever the
number of agenda items, participants, elections or action items (``minutes_data``). Writing the
files (DOCX, PDF, the e-mail draft) is ``minutes``'s part.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import (
    ActionItem,
    AgendaItem,
    Body,
    Committee,
    Election,
    Meeting,
    Membership,
    Person,
)
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import (
    CommitteeKind,
    InviteRole,
    MeetingKind,
    MeetingStatus,
    MembershipRole,
    Reply,
)
from bezag_desktop.domain.elections import ROUND_COUNTS
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.exporters.docx_attendance_sheet import SheetData, SheetPerson
from bezag_desktop.exporters.docx_minutes import (
    ActionData,
    Attendee,
    ElectionData,
    ItemData,
    MinutesData,
    QuorumData,
)
from bezag_desktop.exporters.election_data import BallotData
from bezag_desktop.exporters.invitation import Signatory
from bezag_desktop.services.meetings.core import location_text
from bezag_desktop.services.meetings.invitees import invitees_by_person
from bezag_desktop.services.meetings.queries import MeetingDetail, meeting_detail
from bezag_desktop.services.representation import ElectionSheet, elections_for_meeting
from bezag_desktop.services.representation.chairs import current_chairs
from bezag_desktop.services.settings import office_in, rules_in
from bezag_desktop.services.store import operation

MINUTE_TAKER_FUNCTION = "Schriftführung"

# ------------------------------------------------------------------------------------- gathering


def _actions_in(session: Session, meeting_id: int) -> list[ActionData]:
    rows = session.execute(
        select(ActionItem, Person, Body, AgendaItem.number)
        .outerjoin(Person, ActionItem.responsible_person_id == Person.id)
        .outerjoin(Body, ActionItem.responsible_body_id == Body.id)
        .outerjoin(AgendaItem, ActionItem.agenda_item_id == AgendaItem.id)
        .where(ActionItem.meeting_id == meeting_id)
        .order_by(ActionItem.id)
    ).all()
    out = []
    for a, person, body, number in rows:
        who = ", ".join(
            x for x in (person.display_name if person is not None else "", body.name if body is not None else "") if x
        )
        out.append(
            ActionData(
                text=a.text,
                responsible=who,
                due=a.due_date,
                status=a.status,
                agenda_number=number or "",
                agenda_item_id=a.agenda_item_id,
            )
        )
    order = {n: i for i, n in enumerate(sorted({a.agenda_number for a in out}, key=_number_key))}
    out.sort(key=lambda a: order.get(a.agenda_number, 0))
    return out


def _number_key(number: str) -> tuple[int, ...]:
    parts = [int(p) for p in re.findall(r"\d+", number)]
    return tuple(parts) if parts else (10_000,)


def _signers_in(
    session: Session, committee: Committee, on: date, minute_taker: str, signed_by_taker: bool
) -> tuple[tuple[Signatory, ...], tuple[Signatory, ...]]:
    """(chairs, signers): the co-chairs (plenary) or the leads (working groups) plus the minute-taker."""
    chairs: list[Signatory] = []
    if committee.kind == CommitteeKind.PLENUM.value:
        rows = current_chairs(session, on)
        sides = {r.side for r in rows}
        chairs = [Signatory(r.person, r.side_label) for r in rows]
        signers = list(chairs)
        for side, label in (("bezirk", "Vorsitz Bezirk"), ("kommunen", "Vorsitz Landkreise/Städte")):
            if side not in sides:
                signers.append(Signatory("", label))
    else:
        rank = {MembershipRole.SPRECHER.value: 0, MembershipRole.STELLV_SPRECHER.value: 1}
        leads = session.execute(
            select(Membership.role, Person)
            .join(Person, Membership.person_id == Person.id)
            .where(
                Membership.committee_id == committee.id,
                Membership.role.in_(list(rank)),
                Membership.valid_on(on),
            )
        ).all()
        leads = sorted(leads, key=lambda r: rank[r[0]])
        chairs = [Signatory(p.display_name, MembershipRole(role).label) for role, p in leads]
        signers = list(chairs) or [Signatory("", "Sitzungsleitung")]
    if signed_by_taker:
        signers.append(Signatory(minute_taker, MINUTE_TAKER_FUNCTION))
    return tuple(chairs), tuple(signers)


def _from_sheet(sheet: ElectionSheet) -> ElectionData:
    """The Vertretungen area's election sheet (with the verdicts of the election rule) as minutes data."""
    rounds = tuple(
        from_attrs(
            BallotData,
            r,
            *ROUND_COUNTS,
            "votes",
            "lot_note",
            yes_votes=r.yes,
            no_votes=r.no,
            lot_winner=", ".join(r.lot_winners),
            outcome=r.text,
        )
        for r in sheet.rounds
    )
    return from_attrs(
        ElectionData,
        sheet,
        "electorate",
        "candidates",
        "elected",
        "term_start",
        "term_end",
        "notes",
        "result_text",
        office=sheet.office_label,
        rounds=rounds,
    )


def _elections_by_item(
    session: Session,
    d: MeetingDetail,
    election_sheets: Sequence[ElectionSheet],
) -> tuple[dict[int, list[ElectionData]], list[ElectionData]]:
    """The meeting's elections by agenda item; those without an item go to the first free "wahl"
    item, or stay loose (shown under an extra heading)."""
    item_of: dict[int, int | None] = {
        eid: item
        for eid, item in session.execute(
            select(Election.id, Election.agenda_item_id).where(Election.meeting_id == d.id)
        )
    }
    elections = [(item_of.get(sh.id), _from_sheet(sh)) for sh in election_sheets]
    by_item: dict[int, list[ElectionData]] = defaultdict(list)
    loose: list[ElectionData] = []
    item_ids = {a.id for a in d.agenda}
    for item_id, e in elections:
        if item_id is not None and item_id in item_ids:
            by_item[item_id].append(e)
        else:
            loose.append(e)
    if loose:
        wahl = next((a for a in d.agenda if a.kind == "wahl" and a.id not in by_item), None)
        if wahl is not None:
            by_item[wahl.id].extend(loose)
            loose = []
    return by_item, loose


def _items(d: MeetingDetail, by_item: dict[int, list[ElectionData]], loose: list[ElectionData]) -> tuple[ItemData, ...]:
    items = [
        # Every other field of the minutes' item is the agenda row's field of the same name.
        from_attrs(ItemData, a, level=a.depth, resolution=a.resolution_text, elections=tuple(by_item.get(a.id, ())))
        for a in d.agenda
    ]
    if loose:
        items.append(ItemData(id=-1, number="", title="Wahlen", kind="wahl", elections=tuple(loose)))
    return tuple(items)


def _approval(session: Session, d: MeetingDetail) -> tuple[str, date | None]:
    """In which later meeting (title) and on which day these minutes were approved."""
    approved_in = ""
    approved_on = d.minutes_approved_on
    if d.minutes_approved_in_id:
        later = session.get(Meeting, d.minutes_approved_in_id)
        if later is not None:
            approved_in = later.display_title
            if approved_on is None:
                approved_on = later.start.date()
    return approved_in, approved_on


@operation
def minutes_data(session: Session, meeting_id: int) -> MinutesData:
    """Everything the minutes show; a constant number of queries besides one sheet per election.

    The elections come as the Vertretungen area's sheets
    (``services.representation.election_queries.elections_for_meeting``): they carry the election
    rule's verdict texts, so the minutes word a result as the election window does.
    """
    d = meeting_detail(session, meeting_id)
    if d.status == MeetingStatus.ABGESAGT.value:
        raise ValidationError(
            f"Die Sitzung „{d.title}“ am {fmt_date(d.start)} wurde abgesagt; es gibt keine Niederschrift."
        )
    committee = session.get(Committee, d.committee_id)
    assert committee is not None  # meeting_detail found the meeting with its committee
    rules = rules_in(session)
    office = office_in(session)
    by_item, loose = _elections_by_item(session, d, elections_for_meeting(session, meeting_id))
    bodies: tuple[str, ...] = ()
    if committee.kind == CommitteeKind.PLENUM.value:
        bodies = tuple(
            session.scalars(select(Body.name).where(Body.active.is_(True)).order_by(Body.sort_order, Body.name))
        )
    attendees = tuple(
        from_attrs(
            Attendee,
            a,
            "body",
            "role",
            "status",
            "stood_in_by",
            "person_id",
            "stood_in_by_id",
            name=a.person,
            organisation=a.partner,
        )
        for a in d.attendance
    )
    chairs, signers = _signers_in(
        session, committee, d.start.date(), d.minute_taker, rules.minutes_signed_by_minute_taker
    )
    approved_in, approved_on = _approval(session, d)
    quorum = None
    if d.voting_bodies > 0:
        quorum = QuorumData(d.quorum.present_bodies, d.quorum.required, d.voting_bodies)
    kind = MeetingKind.label_for(d.kind)
    return from_attrs(
        MinutesData,
        d,
        "committee",
        "start",
        "end",
        "location",
        "minute_taker",
        meeting_title=d.title,
        meeting_kind=kind,
        approved=d.status == MeetingStatus.PROTOKOLL_GENEHMIGT.value,
        chairs=chairs,
        attendees=attendees,
        bodies=bodies,
        quorum=quorum,
        items=_items(d, by_item, loose),
        actions=tuple(_actions_in(session, meeting_id)),
        signers=signers,
        approved_on=approved_on,
        approved_in=approved_in,
        online_url=d.online_url,
        office_name=office.name,
    )


# ------------------------------------------------------------------------------ attendance sheet


GUEST_GROUP = "Gäste"
CHAIR_GROUP = "Vorsitz"


@operation
def attendance_sheet_data(session: Session, meeting_id: int) -> SheetData:
    """The expected participants grouped by body (chairs first), then the members sent by partner
    organisations (working groups, networks) by organisation, guests last."""
    d = meeting_detail(session, meeting_id)
    if d.status == MeetingStatus.ABGESAGT.value:
        raise ValidationError(f"Die Sitzung „{d.title}“ am {fmt_date(d.start)} wurde abgesagt.")
    invitees = invitees_by_person(session, meeting_id)
    replies = {a.person_id: a.reply for a in d.attendance}
    body_order = {
        name: i
        for i, name in enumerate(
            session.scalars(select(Body.name).order_by(Body.sort_order, Body.name)),
        )
    }
    people: list[SheetPerson] = []
    for inv in invitees:
        if inv.role == InviteRole.GAST.value:
            group = GUEST_GROUP
        elif inv.body_id is not None:
            group = inv.body
        elif inv.role == InviteRole.VORSITZ.value:
            group = CHAIR_GROUP
        elif inv.partner:
            group = inv.partner
        else:
            group = GUEST_GROUP
        role = InviteRole(inv.role).label
        if inv.role == InviteRole.GAST.value and inv.partner:
            role = f"Gast ({inv.partner})"
        note = "hat abgesagt" if replies.get(inv.person_id) == Reply.ABGESAGT.value else ""
        people.append(SheetPerson(name=inv.name, role=role, group=group, note=note))

    def rank(p: SheetPerson) -> tuple[int, str]:
        if p.group == CHAIR_GROUP:
            return (-1, "")
        if p.group == GUEST_GROUP:
            return (20_000, "")
        if p.group in body_order:
            return (body_order[p.group], "")
        return (10_000, p.group.casefold())  # partner organisations, alphabetically

    people.sort(key=rank)  # stable: keeps the role order within a group
    return SheetData(
        committee=d.committee,
        meeting_title=d.title,
        start=d.start,
        end=d.end,
        location=location_text(d.location_name, d.location_room, d.location_address),
        people=tuple(people),
    )

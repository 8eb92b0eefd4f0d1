"""Test data, each factory once: persons, mandates, chairs, meetings, and the larger scenes built from them.

Every factory is an ``@operation``: pass the ``store`` (one transaction of its own) or a ``Session``
(composed into the caller's transaction, as the scenes below do). Factories write rows directly, so
a test depends only on the service under test, not on other areas' validation; ``new_meeting`` and
``found_group`` are the exceptions and go through the services on purpose (numbering, founding).
Arguments that could be swapped (first/last name, person/body ids, side/person) are keyword-only.
Factories that pass further model columns through ``**columns`` take the session positional-only
(``s: Session, /``), which ``operation``'s typing needs to tell it from the keywords.

The module is longer than the usual ~600 lines on purpose: issue 11 asks for one home for all
test data, and the two scenes at the end (a fully held plenary meeting, an invited one) are long
because they are complete.

The benchmarks in ``bench/`` import it as ``tests.factories`` (with the repository root on
``sys.path``), so it imports nothing from the test suite itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import (
    ActionItem,
    AgendaAttachment,
    AgendaItem,
    Attendance,
    BallotRound,
    BallotVote,
    Body,
    ChairTerm,
    Committee,
    Election,
    ElectionCandidate,
    Invitation,
    Meeting,
    Membership,
    Partner,
    Person,
    Setting,
)
from bezag_desktop.domain.codes import AttendanceStatus, CommitteeKind, InviteRole, MeetingStatus
from bezag_desktop.domain.rules import OfficeDetails
from bezag_desktop.domain.text import fold
from bezag_desktop.services import groups, meetings
from bezag_desktop.services.groups import operations as committees
from bezag_desktop.services.meetings.core import next_number
from bezag_desktop.services.representation.people import person_search_key
from bezag_desktop.services.settings import save_office
from bezag_desktop.services.store import Store, operation

#: Default start of a mandate: well before every meeting the tests create (2026/2027).
MANDATE_START = date(2025, 1, 1)


# --- lookups in the seeded database -------------------------------------------------------------


plenum_id = operation(groups.plenum_id)

_Row = TypeVar("_Row")


def _flushed(s: Session, row: _Row) -> _Row:
    """Add the row and flush it, so that its id is known."""
    s.add(row)
    s.flush()
    return row


def _body_by_ags(s: Session, ags: str) -> int:
    """The seeded body with this AGS (``"091"`` is the Bezirk, ``"09175"`` Landkreis Ebersberg)."""
    found = s.scalar(select(Body.id).where(Body.ags == ags))
    assert found is not None, ags
    return found


# A name of its own for the lookup, because ``add_person`` takes a ``body_id`` argument.
body_id = operation(_body_by_ags)


@operation
def body_ids(s: Session) -> list[int]:
    """The 24 bodies in their order (Bezirk first)."""
    return list(s.scalars(select(Body.id).order_by(Body.sort_order)))


# --- persons, mandates, chairs ------------------------------------------------------------------


@operation
def add_person(
    s: Session,
    *,
    first: str = "Anna",
    last: str = "Huber",
    title: str = "",
    email: str | None = None,
    body_id: int | None = None,
    ags: str | None = None,
    partner_id: int | None = None,
    active: bool = True,
    phone: str = "",
) -> int:
    """A person; ``email`` defaults to ``first.last@example.org`` (folded), ``ags`` names the employer."""
    if ags is not None:
        body_id = _body_by_ags(s, ags)
    mail = email if email is not None else f"{fold(first)}.{fold(last)}@example.org".replace(" ", "")
    person = Person(
        title=title,
        first_name=first,
        last_name=last,
        email=mail,
        phone=phone,
        body_id=body_id,
        partner_id=partner_id,
        active=active,
        search_key=person_search_key(title, first, last, mail),
    )
    return _flushed(s, person).id


@operation
def add_mandate(
    s: Session,
    *,
    person_id: int,
    body_id: int | None = None,
    role: str = "mitglied",
    committee_id: int | None = None,
    partner_id: int | None = None,
    start: date | None = MANDATE_START,
    end: date | None = None,
) -> int:
    """A seat in the plenary (or ``committee_id``) for a body or a partner organisation."""
    m = Membership(
        person_id=person_id,
        committee_id=committee_id or plenum_id(s),
        body_id=body_id,
        partner_id=partner_id,
        role=role,
        start_date=start,
        end_date=end,
    )
    return _flushed(s, m).id


@operation
def add_chair(
    s: Session, *, person_id: int, side: str, start: date, end: date | None = None, committee_id: int | None = None
) -> int:
    """A chair term (``side`` is "bezirk" or "kommunen") in the plenary."""
    term = ChairTerm(
        committee_id=committee_id or plenum_id(s), side=side, person_id=person_id, start_date=start, end_date=end
    )
    return _flushed(s, term).id


@dataclass(frozen=True)
class Seat:
    body_id: int
    member_id: int
    deputy_id: int


@operation
def seat_plenary(
    s: Session, *, count: int = 24, skip: frozenset[int] = frozenset(), start: date | None = MANDATE_START
) -> list[Seat]:
    """A member ("Anna MitgliedNN") and a deputy ("Jonas VertretungNN") for the first ``count`` bodies, except ``skip``."""
    seats = []
    for n, bid in enumerate(body_ids(s)[:count], start=1):
        if bid in skip:
            continue
        member = add_person(s, first="Anna", last=f"Mitglied{n:02d}", body_id=bid)
        deputy = add_person(s, first="Jonas", last=f"Vertretung{n:02d}", body_id=bid)
        add_mandate(s, person_id=member, body_id=bid, role="mitglied", start=start)
        add_mandate(s, person_id=deputy, body_id=bid, role="stellvertretung", start=start)
        seats.append(Seat(bid, member, deputy))
    return seats


# --- groups and meetings ------------------------------------------------------------------------


@operation
def add_group(s: Session, *, name: str = "AG Pflege") -> int:
    """A working group under the plenary, written directly (not founded by a resolution)."""
    group = Committee(name=name, kind=CommitteeKind.ARBEITSGRUPPE.value, parent_id=plenum_id(s))
    return _flushed(s, group).id


@operation
def add_meeting(
    s: Session,
    /,
    start: datetime,
    *,
    committee_id: int | None = None,
    number: int | None = None,
    status: str = MeetingStatus.GEPLANT.value,
    hours: float | None = 3,
    title: str = "",
    location: str = "Bezirk Oberbayern",
    room: str = "",
    online_url: str = "",
    **columns: Any,
) -> int:
    """A meeting of the plenary (or ``committee_id``), numbered after the committee's others that year;
    ``columns`` sets further fields of ``Meeting`` (``minute_taker_id=``, ``location_address=``, …)."""
    committee = committee_id or plenum_id(s)
    m = Meeting(
        committee_id=committee,
        year=start.year,
        number=next_number(s, committee, start.year) if number is None else number,
        status=status,
        title=title,
        start=start,
        end=None if hours is None else start + timedelta(hours=hours),
        location_name=location,
        location_room=room,
        online_url=online_url,
        **columns,
    )
    return _flushed(s, m).id


@operation
def add_agenda_item(
    s: Session,
    /,
    *,
    meeting_id: int,
    title: str,
    kind: str = "bericht",
    number: str | None = None,
    result: str | None = None,
    **columns: Any,
) -> int:
    """A top-level agenda item, numbered after the meeting's others unless ``number`` is given;
    ``columns`` sets further fields of ``AgendaItem`` (``presenter=``, ``public=``, ``votes_yes=``, …)."""
    if number is None:
        taken = s.scalars(
            select(AgendaItem.position).where(AgendaItem.meeting_id == meeting_id, AgendaItem.parent_id.is_(None))
        ).all()
        number = str(max(taken, default=0) + 1)
    item = AgendaItem(
        meeting_id=meeting_id, title=title, kind=kind, number=number, position=int(number), result=result, **columns
    )
    return _flushed(s, item).id


@operation
def record_invitation(s: Session, meeting_id: int, *, sent_at: datetime = datetime(2026, 11, 21, 9)) -> None:
    """What the invitation service writes when an invitation goes out (an Invitation row)."""
    m = s.get(Meeting, meeting_id)
    assert m is not None
    s.add(Invitation(meeting_id=meeting_id, sent_at=sent_at, sequence=m.sequence))


@operation
def add_attendance(
    s: Session,
    *,
    meeting_id: int,
    person_id: int,
    status: str = AttendanceStatus.ANWESEND.value,
    role: str = InviteRole.MITGLIED.value,
    body_id: int | None = None,
    partner_id: int | None = None,
    stood_in_by_id: int | None = None,
) -> None:
    """One line of a meeting's attendance (``stood_in_by_id``: the deputy standing in for this member)."""
    s.add(
        Attendance(
            meeting_id=meeting_id,
            person_id=person_id,
            status=status,
            role=role,
            body_id=body_id,
            partner_id=partner_id,
            stood_in_by_id=stood_in_by_id,
        )
    )


@operation
def add_action_item(s: Session, /, *, meeting_id: int, text: str, **columns: Any) -> int:
    """An action item of a meeting, in the meeting's committee; ``columns`` sets further fields of ``ActionItem``."""
    m = s.get(Meeting, meeting_id)
    assert m is not None
    action = ActionItem(committee_id=m.committee_id, meeting_id=meeting_id, text=text, **columns)
    return _flushed(s, action).id


@dataclass(frozen=True)
class Round:
    """A ballot round of ``add_election``: ``votes`` in the order of the candidates."""

    kind: str
    ballots_cast: int
    votes: tuple[int, ...]
    invalid: int = 0
    abstentions: int = 0
    outcome: str = ""


@operation
def add_election(
    s: Session,
    *,
    meeting_id: int,
    agenda_item_id: int,
    candidates: tuple[int, ...],
    rounds: tuple[Round, ...],
    elected: int | None,
    held_on: date,
    term: tuple[date, date],
    office: str = "vorsitz_kommunen",
    electorate: int = 23,
) -> int:
    """A concluded election on an agenda item, written directly (not through the election service)."""
    e = Election(
        meeting_id=meeting_id,
        agenda_item_id=agenda_item_id,
        office=office,
        electorate=electorate,
        status="abgeschlossen",
        elected_person_id=elected,
        held_on=held_on,
        term_start=term[0],
        term_end=term[1],
    )
    _flushed(s, e)
    s.add_all(ElectionCandidate(election_id=e.id, person_id=pid) for pid in candidates)
    for number, r in enumerate(rounds, start=1):
        row = BallotRound(
            election_id=e.id,
            number=number,
            kind=r.kind,
            ballots_cast=r.ballots_cast,
            invalid=r.invalid,
            abstentions=r.abstentions,
            outcome=r.outcome,
        )
        _flushed(s, row)
        s.add_all(
            BallotVote(round_id=row.id, person_id=pid, votes=v) for pid, v in zip(candidates, r.votes, strict=True)
        )
    return e.id


def new_meeting(store: Store, start: datetime, *, committee_id: int | None = None, hours: int = 3, **kw: Any) -> int:
    """A meeting created through the meeting service (numbering, standard agenda, audit)."""
    return meetings.create_meeting(
        store,
        meetings.MeetingInput(
            committee_id=committee_id or plenum_id(store), start=start, end=start + timedelta(hours=hours), **kw
        ),
    )


@operation
def plenary_with_resolution(s: Session, start: datetime | None = None, *, title: str = "Gründung einer AG") -> int:
    """A held plenary meeting with a greeting and a passed resolution item; returns the resolution's item id."""
    mid = add_meeting(s, start or datetime(2026, 7, 8, 10, 0), status=MeetingStatus.DURCHGEFUEHRT.value)
    add_agenda_item(s, meeting_id=mid, title="Begrüßung")
    return add_agenda_item(s, meeting_id=mid, title=title, kind="beschluss", result="beschlossen")


def found_group(store: Store, name: str = "AG Wohnungslosenhilfe", item_id: int | None = None, **kw: Any) -> int:
    """A working group founded through the service by a plenary resolution (made unless ``item_id``)."""
    item = item_id if item_id is not None else plenary_with_resolution(store)
    return committees.found_group(store, committees.GroupInput(name=name, founding_agenda_item_id=item, **kw))


@operation
def meeting_with_attendance(
    s: Session,
    start: datetime,
    *,
    present: dict[int, int],
    represented: dict[int, tuple[int, int]] | None = None,
    excused: dict[int, int] | None = None,
    status: str = MeetingStatus.DURCHGEFUEHRT.value,
) -> int:
    """A plenary meeting: ``present`` {body: person} attended; ``represented`` {body: (member, deputy)}
    where the deputy stood in; ``excused`` {body: member} without a stand-in."""
    mid = add_meeting(s, start, status=status, hours=None, location="")
    for bid, pid in present.items():
        add_attendance(s, meeting_id=mid, person_id=pid, body_id=bid)
    for bid, (member, deputy) in (represented or {}).items():
        add_attendance(s, meeting_id=mid, person_id=member, body_id=bid, status="vertreten", stood_in_by_id=deputy)
        add_attendance(s, meeting_id=mid, person_id=deputy, body_id=bid, role="stellvertretung")
    for bid, pid in (excused or {}).items():
        add_attendance(s, meeting_id=mid, person_id=pid, body_id=bid, status="entschuldigt")
    return mid


# --- office details -----------------------------------------------------------------------------

OFFICE = OfficeDetails(
    name="Geschäftsstelle der BezAG Sozialplanung",
    street="Prinzregentenstraße 14",
    postcode="80538",
    city="München",
    email="geschaeftsstelle@bezag.example",
    phone="+49 89 2198-0",
    uid_domain="bezag.example",
    contact_person="Maria Muster",
)


@operation
def set_office(s: Session, /, **values: str) -> None:
    """Office details written directly (name and e-mail unless given), merged into any stored ones."""
    data = {"name": OFFICE.name, "email": OFFICE.email, **values}
    row = s.get(Setting, "office")
    if row is None:
        s.add(Setting(key="office", value=json.dumps(data, ensure_ascii=False)))
    else:
        row.value = json.dumps({**json.loads(row.value or "{}"), **data}, ensure_ascii=False)


# --- scene: an invited plenary meeting ----------------------------------------------------------

INVITED_START = datetime(2027, 3, 10, 10, 0)
NASTY_PLACE = 'Saal "Süd"; 3. OG, Prinzregentenstraße 14\n80538 München \\ Eingang B'

#: Everyone invited to ``invited_meeting`` with an address and the calendar role they get.
MEMBERS = {
    "vorsitz@bezirk.example": "CHAIR",
    "max.mueller@lra-a.example": "CHAIR",
    "anna@lra-a.example": "REQ-PARTICIPANT",
    "joerg.weiss@lra-a.example": "OPT-PARTICIPANT",
    "eva.schoen@lra-b.example": "OPT-PARTICIPANT",
}


def invited_meeting(store: Store, tmp_path: Path, *, start: datetime = INVITED_START) -> int:
    """Office details set and a plenary meeting on 10.03.2027 with two chairs, two bodies' members and
    deputies (one without e-mail address), a numbered agenda with a sub-item and an attached file."""
    save_office(store, OFFICE)
    attachment = tmp_path / "unterlagen" / "Bericht AG Wohnen.pdf"
    attachment.parent.mkdir(exist_ok=True)
    attachment.write_bytes(b"%PDF-1.4 Bericht")
    with store.session() as s:
        first, second = body_ids(s)[:2]
        chair_b = add_person(s, first="Maria", last="Huber", title="Prof. Dr.", email="vorsitz@bezirk.example")
        chair_k = add_person(s, first="Max", last="Müller-Lüdenscheidt", email="max.mueller@lra-a.example")
        add_chair(s, person_id=chair_b, side="bezirk", start=date(2025, 1, 13))
        add_chair(s, person_id=chair_k, side="kommunen", start=date(2025, 1, 30))
        for first_name, last_name, email, title, bid, role in (
            ('Anna "Ani"', "Müller, LRA; Sozialplanung", "anna@lra-a.example", "Dr.", first, "mitglied"),
            ("Jörg", "Weiß", "joerg.weiss@lra-a.example", "", first, "stellvertretung"),
            ("Otto", "Ohneadresse", "", "", second, "mitglied"),
            ("Eva", "Schön", "eva.schoen@lra-b.example", "", second, "stellvertretung"),
        ):
            pid = add_person(s, first=first_name, last=last_name, email=email, title=title)
            add_mandate(s, person_id=pid, body_id=bid, role=role, start=date(2026, 1, 1))
        m = Meeting(
            committee_id=plenum_id(s),
            year=2027,
            number=1,
            title="1. Sitzung 2027",
            start=start,
            end=start + timedelta(hours=3),
            location_name=NASTY_PLACE,
            online_url="https://meet.example/j/42",
            travel_notes="U4/U5 bis Lehel",
            rsvp_date=date(2027, 3, 1),
        )
        _flushed(s, m)
        top1 = AgendaItem(meeting_id=m.id, position=1, number="1", title="Begrüßung", presenter="Prof. Dr. Maria Huber")
        top2 = AgendaItem(meeting_id=m.id, position=2, number="2", title="Berichte aus den Arbeitsgruppen")
        s.add_all([top1, top2])
        s.flush()
        sub = _flushed(
            s,
            AgendaItem(
                meeting_id=m.id, parent_id=top2.id, position=1, number="2.1", title="AG Wohnen", presenter="Eva Schön"
            ),
        )
        s.add(AgendaAttachment(agenda_item_id=sub.id, path=str(attachment), label="Bericht AG Wohnen"))
        return m.id


# --- scene: a held plenary meeting with everything the minutes show -----------------------------

#: Every person of the minutes scenes has this phone number (the attendance sheet prints it).
PHONE = "+49 89 1234-0"


@dataclass
class Plenary:
    meeting_id: int
    committee_id: int
    body_ids: list[int]
    members: dict[int, int] = field(default_factory=dict)
    deputies: dict[int, int] = field(default_factory=dict)
    public_item_titles: list[str] = field(default_factory=list)
    secret_item_title: str = ""
    resolution: str = ""
    secret_resolution: str = ""


def _plenary_people(s: Session, plan: Plenary) -> None:
    """A member and a deputy for every body; Landkreis 2 has "Dr. Anna Huber" and "Jonas Weiß"."""
    for n, bid in enumerate(plan.body_ids, start=1):
        if n == 2:
            member = add_person(s, first="Anna", last="Huber", title="Dr.", body_id=bid, phone=PHONE)
            deputy = add_person(s, first="Jonas", last="Weiß", body_id=bid, phone=PHONE)
        else:
            member = add_person(s, first=f"Vorname{n}", last=f"Mitglied{n:02d}", body_id=bid, phone=PHONE)
            deputy = add_person(s, first=f"Vorname{n}", last=f"Vertretung{n:02d}", body_id=bid, phone=PHONE)
        add_mandate(s, person_id=member, body_id=bid, role="mitglied", start=date(2024, 1, 1))
        add_mandate(s, person_id=deputy, body_id=bid, role="stellvertretung", start=date(2024, 1, 1))
        plan.members[bid] = member
        plan.deputies[bid] = deputy


def _plenary_attendance(s: Session, plan: Plenary, chairs: tuple[int, int], extra_guests: int) -> None:
    """Landkreis 2 represented by its deputy, body 3 excused, body 4 online, everyone else present."""
    mid = plan.meeting_id
    for n, bid in enumerate(plan.body_ids, start=1):
        member, deputy = plan.members[bid], plan.deputies[bid]
        if n == 2:
            add_attendance(s, meeting_id=mid, person_id=member, body_id=bid, status="vertreten", stood_in_by_id=deputy)
            add_attendance(s, meeting_id=mid, person_id=deputy, body_id=bid, role="stellvertretung")
        elif n == 3:
            add_attendance(s, meeting_id=mid, person_id=member, body_id=bid, status="entschuldigt")
        else:
            role = "vorsitz" if member in chairs else "mitglied"
            status = "online" if n == 4 else "anwesend"
            add_attendance(s, meeting_id=mid, person_id=member, body_id=bid, role=role, status=status)
    for g in range(extra_guests + 1):
        guest = add_person(s, first=f"Gabriele{g}", last="Gast", phone=PHONE)
        add_attendance(s, meeting_id=mid, person_id=guest, role="gast")


def _plenary_agenda(s: Session, plan: Plenary, items: int, title_prefix: str) -> tuple[int, int, int]:
    """``items`` public reports, a resolution, a non-public resolution, an election; returns the last three ids."""
    mid = plan.meeting_id
    for i in range(items):
        title = f"{title_prefix} Nummer {i + 1}"
        plan.public_item_titles.append(title)
        notes = "Aussprache über Zahlen.\n\nZweiter Absatz."
        add_agenda_item(s, meeting_id=mid, title=title, presenter="Referentin Ost", notes=notes, result="kenntnis")
    plan.resolution = "Die Arbeitsgemeinschaft beschließt den gemeinsamen Datenbericht."
    decision = add_agenda_item(
        s,
        meeting_id=mid,
        title="Gemeinsamer Datenbericht",
        kind="beschluss",
        result="beschlossen",
        resolution_text=plan.resolution,
        votes_yes=19,
        votes_no=2,
        votes_abstain=1,
    )
    plan.secret_item_title = "Personalangelegenheiten der Geschäftsstelle"
    plan.secret_resolution = "Die Stelle wird um zwei Jahre verlängert."
    secret = add_agenda_item(
        s,
        meeting_id=mid,
        title=plan.secret_item_title,
        kind="beschluss",
        result="beschlossen",
        public=False,
        resolution_text=plan.secret_resolution,
        unanimous=True,
    )
    wahl = add_agenda_item(s, meeting_id=mid, title="Wahl des Vorsitzes", kind="wahl", result="beschlossen")
    return decision, secret, wahl


def plenary_meeting(
    store: Store,
    *,
    status: str = "protokoll_entwurf",
    items: int = 4,
    extra_guests: int = 0,
    title_prefix: str = "Bericht",
    start: datetime = datetime(2026, 7, 2, 10, 0),
) -> Plenary:
    """A held plenary meeting: 24 bodies with member and deputy, two co-chairs, a minute-taker,
    Landkreis 2's deputy standing in ("Jonas Weiß i. V. für Dr. Anna Huber"), one body excused,
    ``items`` public report items, one resolution, one non-public item with a resolution, an
    election with two rounds, and two action items."""
    with store.session() as s:
        plan = Plenary(meeting_id=0, committee_id=plenum_id(s), body_ids=body_ids(s))
        _plenary_people(s, plan)
        chair_b = plan.members[plan.body_ids[0]]
        chair_k = plan.members[plan.body_ids[5]]
        add_chair(s, person_id=chair_b, side="bezirk", start=date(2025, 1, 30))
        add_chair(s, person_id=chair_k, side="kommunen", start=date(2025, 1, 30), end=date(2028, 1, 29))
        taker = add_person(s, first="Eva", last="Schreiber", phone=PHONE)
        plan.meeting_id = add_meeting(
            s,
            start,
            number=2,
            kind="ordentlich",
            status=status,
            title=f"2. Sitzung {start.year}",
            hours=3,
            location="Landratsamt Freising",
            room="Großer Sitzungssaal",
            location_address="Landshuter Straße 31, 85356 Freising",
            minute_taker_id=taker,
        )
        _plenary_attendance(s, plan, (chair_b, chair_k), extra_guests)
        decision, secret, wahl = _plenary_agenda(s, plan, items, title_prefix)
        add_election(
            s,
            meeting_id=plan.meeting_id,
            agenda_item_id=wahl,
            candidates=(chair_k, plan.members[plan.body_ids[6]]),
            rounds=(
                Round("wahlgang", 23, (10, 11), invalid=1, abstentions=1, outcome="Keine Mehrheit."),
                Round("stichwahl", 22, (13, 9), outcome="Gewählt."),
            ),
            elected=chair_k,
            held_on=start.date(),
            term=(date(2025, 1, 30), date(2028, 1, 29)),
        )
        add_action_item(
            s,
            meeting_id=plan.meeting_id,
            agenda_item_id=decision,
            text="Kennzahlen an die Geschäftsstelle melden",
            responsible_body_id=plan.body_ids[0],
            due_date=date(2026, 10, 30),
            status="offen",
            created_on=start.date(),
        )
        add_action_item(
            s,
            meeting_id=plan.meeting_id,
            agenda_item_id=secret,
            text="Verlängerung vertraulich vorbereiten",
            responsible_person_id=taker,
            due_date=date(2027, 1, 15),
            status="in_arbeit",
            created_on=start.date(),
        )
        set_office(s)
    return plan


# --- scene: a held working-group meeting with partners ------------------------------------------


@dataclass
class WorkingGroup:
    meeting_id: int
    committee_id: int
    partner: str
    partner_member: str
    guest: str


def working_group_meeting(store: Store, *, status: str = "durchgefuehrt") -> WorkingGroup:
    """A held meeting of a working group: a body's member as lead, a member sent by a partner
    organisation, and a guest of another partner."""
    with store.session() as s:
        body = body_ids(s)[0]
        aok = Partner(name="AOK Bayern – Direktion Oberland")
        caritas = Partner(name="Caritasverband Oberland-Isar e.V.")
        s.add_all([aok, caritas])
        s.flush()
        group = _flushed(
            s, Committee(name="AG Pflege", short_name="AG Pflege", kind="arbeitsgruppe", founded_on=date(2025, 7, 3))
        )
        lead = add_person(s, first="Peter", last="Rößler", body_id=body, phone=PHONE)
        partner_member = add_person(s, first="Josef", last="Fößl", phone=PHONE)
        guest = add_person(s, first="Gabi", last="Gast", phone=PHONE)
        since = date(2025, 7, 3)
        add_mandate(s, person_id=lead, committee_id=group.id, body_id=body, role="sprecher", start=since)
        add_mandate(s, person_id=partner_member, committee_id=group.id, partner_id=aok.id, start=since)
        mid = add_meeting(
            s,
            datetime(2026, 5, 15, 14, 0),
            committee_id=group.id,
            kind="ordentlich",
            status=status,
            title="1. Sitzung 2026",
            hours=2.5,
            location="Videokonferenz",
        )
        add_attendance(s, meeting_id=mid, person_id=lead, body_id=body)
        add_attendance(s, meeting_id=mid, person_id=partner_member, partner_id=aok.id)
        add_attendance(s, meeting_id=mid, person_id=guest, partner_id=caritas.id, role="gast")
        add_agenda_item(s, meeting_id=mid, title="Fragebogen", presenter="Peter Rößler")
        names = {p.id: p.display_name for p in s.scalars(select(Person).where(Person.id.in_([partner_member, guest])))}
        made = WorkingGroup(mid, group.id, aok.name, names[partner_member], names[guest])
        set_office(s)
    return made

"""Demo data: the builder's memory of what it made, and its ways into the service operations.

Every row the demo writes goes through an operation a user triggers in the window or the CLI:
create a person or a partner, appoint, designate, create a meeting, add and edit agenda items,
send an invitation, record replies, attendance, stand-ins, minutes, an election, action items.
Validation, numbering, the calendar sequence, the content fingerprint of every sending and the
audit trail therefore come from the services, exactly as for data a user entered.

All operations of one fill join one transaction (``JoinedStore``): the demo is written whole or
not at all, and no commit per operation slows it down. The builder remembers what it made (ids,
who holds which seat, who was there) so that later steps refer to it without asking again.
"""

from __future__ import annotations

import contextlib
import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import AgendaItem, Attendance, Body, Meeting, Person
from bezag_desktop.demo import catalogue
from bezag_desktop.demo.catalogue import Function
from bezag_desktop.domain import timeutil
from bezag_desktop.domain.codes import (
    AgendaKind,
    AgendaResult,
    AttendanceStatus,
    BodyKind,
    FormOfAddress,
    MeetingKind,
    MeetingStatus,
    MembershipRole,
    Reply,
)
from bezag_desktop.domain.rules import RulesOfProcedure
from bezag_desktop.domain.text import fold
from bezag_desktop.services import groups
from bezag_desktop.services.meetings import actions, agenda, attendance, invitations
from bezag_desktop.services.meetings import operations as meetings
from bezag_desktop.services.representation import mandates, people
from bezag_desktop.services.settings import rules_in
from bezag_desktop.services.store import Store


class JoinedStore(Store):
    """A ``Store`` whose every transaction joins one open session.

    Handed to an operation instead of the real store, the operation's own transaction becomes a
    part of the caller's: works for ``@operation`` functions and for those still written as
    ``x(store)`` alike. The outer ``Store.session()`` commits or rolls back the whole.
    """

    def __init__(self, store: Store, session: Session) -> None:
        super().__init__(store.path, store.engine, read_only=store.read_only, lock=None)
        self._joined = session

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        yield self._joined

    def close(self) -> None:
        """The outer store owns engine and lock."""


def ascii_name(text: str) -> str:
    """For e-mail local parts: "Größl" -> "groessl", "Kovačević" -> "kovacevic"."""
    lowered = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return fold(lowered).replace(" ", "-")


def plural(count: int, one: str, many: str) -> str:
    """``1 Enthaltung``, ``2 Enthaltungen``, ``0 Enthaltungen``."""
    return f"{count} {one if count == 1 else many}"


def is_about(title: str, word: str) -> bool:
    return word in fold(title)


def is_closing(title: str) -> bool:
    """The closing item ("Verschiedenes"), which stays last when items are added."""
    return fold(title).startswith(fold(agenda.CLOSING_TITLE))


def as_chair(p: DemoPerson, dative: bool = False) -> str:
    """The chair's title fitting the person: "zur Vorsitzenden", "zum Vorsitzenden", "für den Vorsitz"."""
    if p.female is None:
        return "für den Vorsitz"
    if dative:
        return "zur Vorsitzenden" if p.female else "zum Vorsitzenden"
    return "als Vorsitzende" if p.female else "als Vorsitzenden"


@dataclass
class DemoPerson:
    """A person as the builder knows it."""

    id: int
    name: str
    email: str
    female: bool | None
    body_id: int | None = None
    partner_id: int | None = None
    partner_key: str = ""


@dataclass
class DemoMandate:
    membership_id: int
    person: DemoPerson
    body_id: int
    role: str
    seat: int
    start: date
    end: date | None = None

    def current(self, on: date) -> bool:
        return timeutil.is_current(self.start, self.end, on)


@dataclass
class DemoChair:
    person: DemoPerson
    side: str
    start: date
    end: date | None


@dataclass(frozen=True)
class Vote:
    """No votes and abstentions; the yes votes are the rest of those entitled to vote that day."""

    no: int = 0
    abstain: int = 0

    @property
    def unanimous(self) -> bool:
        return self.no == 0 and self.abstain == 0


@dataclass
class Minutes:
    """What the minutes say about one agenda item (recorded once the attendance is known)."""

    notes: str = ""
    resolution: str = ""
    result: AgendaResult | None = None
    vote: Vote | None = None


@dataclass
class Attend:
    """One planned line of the attendance list: reply before the meeting, status at it."""

    person: DemoPerson
    reply: Reply
    status: AttendanceStatus | None = None
    stood_in_by: DemoPerson | None = None
    #: Not invited through a seat: added to the list by hand (a presenter from outside, say).
    guest: bool = False


@dataclass
class PlannedAction:
    """A follow-up task of an agenda item, as written (its status is settled at the end)."""

    item_id: int
    text: str
    person_id: int | None
    body_id: int | None
    created: date
    due: date
    id: int


@dataclass
class MeetingInfo:
    id: int
    committee_id: int
    day: date
    held: bool
    title: str
    online_url: str = ""
    #: Member bodies represented (planned); the services recount it from the attendance.
    represented: int = 0
    present: list[DemoPerson] = field(default_factory=list)
    attendance: list[Attend] = field(default_factory=list)
    minutes: list[tuple[int, Minutes]] = field(default_factory=list)

    def has(self, person: DemoPerson) -> bool:
        return any(a.person.id == person.id for a in self.attendance)


class Builder:
    """State of one fill and thin wrappers over the operations it uses."""

    def __init__(self, store: Store, session: Session, rng: random.Random, today: date, first_year: int) -> None:
        self.s = session
        self.store: Store = JoinedStore(store, session)
        self.rng = rng
        self.today = today
        self.first_year = first_year
        self.rules: RulesOfProcedure = rules_in(session)
        self._used_names: set[tuple[str, str]] = set()
        self.persons: list[DemoPerson] = []
        self.mandates: list[DemoMandate] = []
        self.chairs: list[DemoChair] = []
        self.partner_ids: dict[str, int] = {}
        self.partner_contacts: dict[str, list[DemoPerson]] = {}
        self.actions: list[PlannedAction] = []
        self.plenary_infos: list[MeetingInfo] = []
        #: Founding agenda item and its presenter (the group's lead) per group index.
        self.founding_items: dict[int, tuple[int, DemoPerson]] = {}
        #: Re-elections of the Kommunen chair: meeting day -> (term start, term end).
        self.reelections: dict[date, tuple[date, date]] = {}
        self.open_person_ids: set[int] = set()
        self.bodies: list[Body] = list(
            session.scalars(select(Body).where(Body.active.is_(True)).order_by(Body.sort_order, Body.id))
        )
        self.body_by_id = {b.id: b for b in self.bodies}
        self.plenum = groups.plenum(session)
        self.bezirk = next((b for b in self.bodies if b.kind == BodyKind.BEZIRK.value), None)
        #: Rows the operations will look up again. The session's identity map holds clean objects only
        #: weakly; keeping them here turns thousands of reloads by primary key into look-ups in memory.
        self._pinned: list[object] = []

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # --- people ----------------------------------------------------------------------------------

    def _name(self, female: bool | None) -> tuple[str, str]:
        pool = catalogue.NEUTRAL_FIRST if female is None else catalogue.FEMALE_FIRST if female else catalogue.MALE_FIRST
        for _ in range(1000):
            first, last = self.rng.choice(pool), self.rng.choice(catalogue.LAST_NAMES)
            if (first, last) not in self._used_names and not any(
                ascii_name(first) == ascii_name(f) and ascii_name(last) == ascii_name(la) for f, la in self._used_names
            ):
                self._used_names.add((first, last))
                return first, last
        raise RuntimeError("name pool exhausted")  # pragma: no cover - pools are far larger than needed

    def person(
        self,
        functions: Function,
        *,
        domain: str,
        area: str,
        body: Body | None = None,
        partner_key: str = "",
        title: str | None = None,
        female: bool | None = None,
        address: tuple[str, str, str] | None = None,
    ) -> DemoPerson:
        """A new person (the person dialog): employed by ``body`` or by the partner ``partner_key``."""
        if female is None and self.rng.random() < 0.97:
            female = self.rng.random() < 0.55
        first, last = self._name(female)
        if title is None:
            title = "Dr." if self.rng.random() < 0.18 else ""
        form = FormOfAddress.NEUTRAL if female is None else FormOfAddress.FRAU if female else FormOfAddress.HERR
        function = functions[2] if female is None else functions[0] if female else functions[1]
        email = f"{ascii_name(first)}.{ascii_name(last)}@{domain}"
        phone = f"+49 {area} {self.rng.randint(200, 9899)}-{self.rng.randint(100, 899)}"
        if address is None and body is not None:
            address = (body.street, body.postcode, body.city)
        street, postcode, city = address or ("", "", "")
        partner_id = self.partner_ids.get(partner_key) if partner_key else None
        row = people.create_person(
            self.store,
            people.PersonInput(
                last_name=last,
                first_name=first,
                title=title,
                form_of_address=form.value,
                function=function,
                body_id=body.id if body is not None else None,
                partner_id=partner_id,
                email=email,
                phone=phone,
                street=street,
                postcode=postcode,
                city=city,
            ),
        )
        self._pinned.append(self.s.get(Person, row.id))
        p = DemoPerson(row.id, row.name, email, female, body.id if body else None, partner_id, partner_key)
        self.persons.append(p)
        return p

    def body_person(self, body: Body, functions: Sequence[Function]) -> DemoPerson:
        domain, area = catalogue.BODY_CONTACT.get(body.ags, (f"ags-{body.ags}.example", "89"))
        return self.person(self.rng.choice(list(functions)), domain=domain, area=area, body=body)

    # --- mandates and chairs ---------------------------------------------------------------------

    def appoint(self, person: DemoPerson, body: Body, role: MembershipRole, seat: int, start: date) -> DemoMandate:
        row = mandates.appoint(self.store, body.id, person.id, role.value, start)
        m = DemoMandate(row.id, person, body.id, role.value, seat, start)
        self.mandates.append(m)
        return m

    def hand_over(self, old: DemoMandate, successor: DemoPerson, start: date) -> DemoMandate:
        """The successor takes the seat on ``start``; the old mandate ends the day before."""
        result = mandates.handover(self.store, old.membership_id, successor.id, start)
        old.end = start - timedelta(days=1)
        m = DemoMandate(result.started.id, successor, old.body_id, old.role, old.seat, start)
        self.mandates.append(m)
        return m

    def seats(self, body: Body) -> tuple[int, int]:
        """(member seats, deputy seats) the demo fills: the body's seats, at most three of each."""

        def count(role: MembershipRole) -> int:
            return mandates.seats_for(body.kind, body.member_seats, body.deputy_seats, role.value, self.rules)

        return max(1, min(count(MembershipRole.MITGLIED), 3)), max(0, min(count(MembershipRole.STELLVERTRETUNG), 3))

    def reps_on(self, body_id: int, on: date) -> list[tuple[DemoMandate, DemoMandate | None]]:
        """(member, deputy of the same seat) pairs valid on a day."""
        current = [m for m in self.mandates if m.body_id == body_id and m.current(on)]
        members = sorted((m for m in current if m.role == MembershipRole.MITGLIED.value), key=lambda m: m.seat)
        deputies = {m.seat: m for m in current if m.role == MembershipRole.STELLVERTRETUNG.value}
        return [(m, deputies.get(m.seat)) for m in members]

    def chairs_on(self, on: date) -> list[DemoChair]:
        return [c for c in self.chairs if timeutil.is_current(c.start, c.end, on)]

    # --- meetings and agenda ---------------------------------------------------------------------

    def meeting(
        self,
        committee_id: int,
        day: date,
        start: time,
        end: time,
        *,
        held: bool,
        kind: MeetingKind = MeetingKind.ORDENTLICH,
        location: tuple[str, str, str],
        online_url: str = "",
        travel_notes: str = "",
        minute_taker: DemoPerson | None = None,
        notes: str = "",
    ) -> MeetingInfo:
        """A new meeting (number, title and, for the plenary, the standard agenda from the service)."""
        meeting_id = meetings.create_meeting(
            self.store,
            meetings.MeetingInput(
                committee_id=committee_id,
                start=datetime.combine(day, start),
                end=datetime.combine(day, end),
                kind=kind.value,
                location_name=location[0],
                location_address=location[1],
                location_room=location[2],
                online_url=online_url,
                travel_notes=travel_notes,
                minute_taker_id=minute_taker.id if minute_taker else None,
                rsvp_date=day - timedelta(days=7),
                notes=notes,
            ),
        )
        meeting = self.s.get(Meeting, meeting_id)
        assert meeting is not None  # just created in this session
        # The one value the demo sets by hand: a calendar UID from the seed instead of a random one,
        # so the same seed gives the same database (it is set before any invitation carries it).
        meeting.uid = self.uid()
        self._pinned.append(meeting)
        return MeetingInfo(meeting_id, committee_id, day, held, meeting.title, online_url)

    def top_items(self, info: MeetingInfo) -> list[tuple[int, str]]:
        """The meeting's top-level items (id, title) in agenda order."""
        rows = self.s.execute(
            select(AgendaItem.id, AgendaItem.title)
            .where(AgendaItem.meeting_id == info.id, AgendaItem.parent_id.is_(None))
            .order_by(AgendaItem.position, AgendaItem.id)
        ).all()
        return [(r.id, r.title) for r in rows]

    def item(
        self,
        info: MeetingInfo,
        title: str,
        kind: AgendaKind,
        *,
        presenter: DemoPerson | None = None,
        minutes: int | None = None,
        public: bool = True,
        parent: int | None = None,
        description: str = "",
    ) -> int:
        """Add an agenda item; a new top-level item goes before a closing "Verschiedenes"."""
        index = None
        if parent is None:
            tops = self.top_items(info)
            if tops and is_closing(tops[-1][1]):
                index = len(tops) - 1
        item_id = agenda.add_item(
            self.store,
            info.id,
            self._item_input(title, kind, presenter, minutes, public, description),
            parent_id=parent,
            index=index,
        )
        self._pinned.append(self.s.get(AgendaItem, item_id))
        return item_id

    def edit_item(
        self,
        item_id: int,
        title: str,
        kind: AgendaKind,
        *,
        presenter: DemoPerson | None = None,
        minutes: int | None = None,
        public: bool = True,
        description: str = "",
    ) -> None:
        agenda.update_item(self.store, item_id, self._item_input(title, kind, presenter, minutes, public, description))

    @staticmethod
    def _item_input(
        title: str, kind: AgendaKind, presenter: DemoPerson | None, minutes: int | None, public: bool, description: str
    ) -> agenda.AgendaItemInput:
        return agenda.AgendaItemInput(
            title=title,
            kind=kind.value,
            presenter=presenter.name if presenter else "",
            presenter_id=presenter.id if presenter else None,
            planned_minutes=minutes,
            public=public,
            description=description,
        )

    def write_minutes(self, info: MeetingInfo) -> None:
        """The minutes content of every item, the votes out of those entitled to vote that day."""
        voters = attendance.current_quorum(self.store, info.id).voters
        for item_id, m in info.minutes:
            yes = no = abstain = None
            if m.vote is not None:
                no, abstain = m.vote.no, m.vote.abstain
                yes = max(voters - no - abstain, 0)
            agenda.record_minutes(
                self.store,
                item_id,
                agenda.MinutesInput(
                    notes=m.notes,
                    resolution_text=m.resolution,
                    votes_yes=yes,
                    votes_no=no,
                    votes_abstain=abstain,
                    unanimous=m.vote.unanimous if m.vote is not None else False,
                    result=m.result.value if m.result else None,
                ),
            )

    def vote(self, *, unanimous: bool | None = None) -> Vote:
        if unanimous is None:
            unanimous = self.rng.random() < 0.5
        if unanimous:
            return Vote()
        return Vote(no=self.rng.randint(0, 2), abstain=self.rng.randint(1, 3))

    # --- invitations and attendance --------------------------------------------------------------

    def send(self, info: MeetingInfo, on: date, at: time = time(9, 30)) -> None:
        """Record the sending of the invitation (or, for a cancelled meeting, of the cancellation)."""
        invitations.record_sending(self.store, info.id, sent_at=timeutil.aware(datetime.combine(on, at)))

    def attendance_ids(self, info: MeetingInfo) -> dict[int, int]:
        """Person id -> attendance row id, building the list from the invited first."""
        attendance.build_attendance(self.store, info.id)
        rows = list(self.s.scalars(select(Attendance).where(Attendance.meeting_id == info.id).order_by(Attendance.id)))
        self._pinned.extend(rows)
        return {r.person_id: r.id for r in rows}

    def record_attendance(self, info: MeetingInfo) -> None:
        """Guests added, then the replies, the statuses and the stand-ins as planned."""
        for a in info.attendance:
            if a.guest:
                attendance.add_guest(self.store, info.id, a.person.id)
        ids = self.attendance_ids(info)
        for a in info.attendance:
            row = ids[a.person.id]
            if a.reply != Reply.OFFEN:
                attendance.set_reply(self.store, row, a.reply.value)
            if a.status is not None and a.status != AttendanceStatus.VERTRETEN:
                attendance.set_status(self.store, row, a.status.value)
        for a in info.attendance:
            if a.stood_in_by is not None:
                attendance.record_stand_in(self.store, ids[a.person.id], a.stood_in_by.id)

    def replies(self, info: MeetingInfo) -> None:
        """Replies received so far for an invited meeting that lies ahead."""
        for row in self.attendance_ids(info).values():
            r = self.rng.random()
            reply = Reply.ZUGESAGT if r < 0.55 else Reply.ABGESAGT if r < 0.7 else Reply.OFFEN
            if reply != Reply.OFFEN:
                attendance.set_reply(self.store, row, reply.value)

    def mark_held(self, info: MeetingInfo) -> None:
        meetings.set_status(self.store, info.id, MeetingStatus.DURCHGEFUEHRT.value, today=info.day)

    def close_minutes(self, info: MeetingInfo, previous: MeetingInfo | None, *, draft: bool) -> None:
        """The minutes written (``draft``: and marked "Protokoll im Entwurf"); the previous meeting's
        minutes are approved in this one."""
        self.write_minutes(info)
        if draft:
            meetings.set_status(self.store, info.id, MeetingStatus.PROTOKOLL_ENTWURF.value, today=info.day)
        if previous is not None:
            agenda.approve_minutes(self.store, info.id, previous.id, today=info.day)

    # --- action items ----------------------------------------------------------------------------

    def action(
        self,
        info: MeetingInfo,
        item_id: int,
        spec: tuple[str, str, int],
        presenter: DemoPerson,
        office_head: DemoPerson,
        body_id: int | None = None,
    ) -> None:
        """A follow-up task from an item; ``spec`` is (text, responsible: body|person|office, days until due)."""
        text, responsible, days = spec
        person_id: int | None = None
        if body_id is not None:
            pass  # the caller named the responsible body
        elif responsible == "office":
            person_id = office_head.id
        elif responsible == "body":
            body_id = presenter.body_id or self.rng.choice(self.bodies).id
        else:
            person_id = presenter.id
        due = info.day + timedelta(days=days)
        action_id = actions.create_action(
            self.store,
            item_id,
            actions.ActionInput(text=text, responsible_person_id=person_id, responsible_body_id=body_id, due_date=due),
            today=info.day,
        )
        self.actions.append(PlannedAction(item_id, text, person_id, body_id, info.day, due, action_id))

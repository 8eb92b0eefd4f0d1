"""Meetings with agenda, attendance, invitations sent, and follow-up action items.

``Meeting.display_title`` is the one home of the title the user reads: the custom title
("Klausurtagung") when there is one, else "2. Sitzung 2027"; a hybrid property, so lists can
select it in SQL and a loaded meeting gives the same text.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ColumnElement,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    case,
    cast,
    func,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column

from bezag_desktop.db.base import Base, enum_check
from bezag_desktop.domain.codes import (
    ActionStatus,
    AgendaKind,
    AgendaResult,
    AttendanceStatus,
    InviteRole,
    MeetingKind,
    MeetingStatus,
    Reply,
)
from bezag_desktop.domain.timeutil import fmt_date


def new_uid() -> str:
    return str(uuid.uuid4())


class Meeting(Base):
    """A Sitzung. ``start``/``end`` are naive Europe/Berlin wall time (DOMAIN.md "Time")."""

    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint(enum_check("kind", [k.value for k in MeetingKind]), name="kind"),
        CheckConstraint(enum_check("status", [s.value for s in MeetingStatus]), name="status"),
        CheckConstraint("end IS NULL OR end >= start", name="times"),
        UniqueConstraint("committee_id", "year", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"), index=True)
    #: Number within the committee and calendar year: "2. Sitzung 2027".
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20), default=MeetingKind.ORDENTLICH.value)
    status: Mapped[str] = mapped_column(String(30), default=MeetingStatus.GEPLANT.value)
    title: Mapped[str] = mapped_column(String(200), default="")
    start: Mapped[datetime] = mapped_column(DateTime, index=True)
    end: Mapped[datetime | None] = mapped_column(DateTime)
    location_name: Mapped[str] = mapped_column(String(200), default="")
    location_address: Mapped[str] = mapped_column(String(300), default="")
    location_room: Mapped[str] = mapped_column(String(100), default="")
    online_url: Mapped[str] = mapped_column(String(500), default="")
    travel_notes: Mapped[str] = mapped_column(Text, default="")
    #: Calendar UID (without the "@domain"), stable for the life of the meeting.
    uid: Mapped[str] = mapped_column(String(64), unique=True, default=new_uid)
    #: iCalendar SEQUENCE; raised on every significant change after an invitation went out.
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    minute_taker_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    rsvp_date: Mapped[date | None] = mapped_column(Date)
    #: The later meeting in which these minutes were approved, and the day.
    minutes_approved_in_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    minutes_approved_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    @staticmethod
    def default_title(number: int, year: int) -> str:
        """``2. Sitzung 2027``: the title of a meeting without a custom one."""
        return f"{number}. Sitzung {year}"

    @staticmethod
    def compose_title(title: str | None, number: int, year: int) -> str:
        """The display title from its parts, for rows selected column by column."""
        return title or Meeting.default_title(number, year)

    @hybrid_property
    def display_title(self) -> str:
        """The custom title if set, else ``2. Sitzung 2027``."""
        return Meeting.compose_title(self.title, self.number, self.year)

    @display_title.inplace.expression
    @classmethod
    def _display_title_expression(cls) -> ColumnElement[str]:
        default = cast(cls.number, String) + ". Sitzung " + cast(cls.year, String)
        return case((func.coalesce(cls.title, "") != "", cls.title), else_=default)

    @property
    def label(self) -> str:
        """``„2. Sitzung 2027“ am 08.07.2027``: the meeting as messages name it."""
        return f"„{self.display_title}“ am {fmt_date(self.start)}"

    def __repr__(self) -> str:
        return f"<Meeting {self.id} {self.display_title!r} committee={self.committee_id}>"


class AgendaItem(Base):
    """A TOP. ``number`` ("2.1") follows ``position`` within the parent and is kept by renumbering."""

    __tablename__ = "agenda_items"
    __table_args__ = (
        CheckConstraint(enum_check("kind", [k.value for k in AgendaKind]), name="kind"),
        CheckConstraint(f"result IS NULL OR {enum_check('result', [r.value for r in AgendaResult])}", name="result"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    number: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default=AgendaKind.BERICHT.value)
    presenter: Mapped[str] = mapped_column(String(200), default="")
    presenter_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    planned_minutes: Mapped[int | None] = mapped_column(Integer)
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    description: Mapped[str] = mapped_column(Text, default="")
    #: Discussion notes for the minutes.
    notes: Mapped[str] = mapped_column(Text, default="")
    resolution_text: Mapped[str] = mapped_column(Text, default="")
    votes_yes: Mapped[int | None] = mapped_column(Integer)
    votes_no: Mapped[int | None] = mapped_column(Integer)
    votes_abstain: Mapped[int | None] = mapped_column(Integer)
    unanimous: Mapped[bool] = mapped_column(Boolean, default=False)
    result: Mapped[str | None] = mapped_column(String(20))

    def __repr__(self) -> str:
        return f"<AgendaItem {self.id} TOP {self.number} {self.title!r}>"


class AgendaAttachment(Base):
    """A file linked to an agenda item (a path, not a copy)."""

    __tablename__ = "agenda_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(String(1000))
    label: Mapped[str] = mapped_column(String(200), default="")

    def __repr__(self) -> str:
        return f"<AgendaAttachment {self.id} {self.path!r}>"


class Attendance(Base):
    """One invited person of a meeting: reply before, status at the meeting, stand-in."""

    __tablename__ = "attendances"
    __table_args__ = (
        CheckConstraint(enum_check("role", [r.value for r in InviteRole]), name="role"),
        CheckConstraint(enum_check("reply", [r.value for r in Reply]), name="reply"),
        CheckConstraint(
            f"status IS NULL OR {enum_check('status', [s.value for s in AttendanceStatus])}", name="status"
        ),
        UniqueConstraint("meeting_id", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    #: The body this person represents in this meeting (NULL for guests and partners).
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="SET NULL"), index=True)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id", ondelete="SET NULL"))
    role: Mapped[str] = mapped_column(String(20), default=InviteRole.MITGLIED.value)
    reply: Mapped[str] = mapped_column(String(20), default=Reply.OFFEN.value)
    status: Mapped[str | None] = mapped_column(String(20))
    #: For status "vertreten": the deputy who stands in for this member.
    stood_in_by_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    arrival: Mapped[time | None] = mapped_column(Time)
    departure: Mapped[time | None] = mapped_column(Time)
    notes: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"<Attendance meeting={self.meeting_id} person={self.person_id} {self.status}>"


class Invitation(Base):
    """One sending of a meeting's invitation, update or cancellation."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    #: UTC time of the sending.
    sent_at: Mapped[datetime] = mapped_column(DateTime)
    sequence: Mapped[int] = mapped_column(Integer)
    #: iTIP method: REQUEST or CANCEL.
    method: Mapped[str] = mapped_column(String(10), default="REQUEST")
    #: What produced it: "ics", "eml" or "gui".
    channel: Mapped[str] = mapped_column(String(10), default="gui")
    #: The kind of notice that went out: "einladung", "aktualisierung" or "absage".
    notice: Mapped[str] = mapped_column(String(20), default="einladung")
    #: SHA-256 of everything the sending said apart from SEQUENCE and DTSTAMP: a re-send of
    #: unchanged content repeats the last sending instead of announcing an update.
    content_digest: Mapped[str] = mapped_column(String(64), default="")

    def __repr__(self) -> str:
        return f"<Invitation {self.id} meeting={self.meeting_id} seq={self.sequence} {self.method}>"


class InvitationRecipient(Base):
    __tablename__ = "invitation_recipients"

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(ForeignKey("invitations.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    email: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200), default="")
    #: iCalendar ROLE: CHAIR, REQ-PARTICIPANT or OPT-PARTICIPANT.
    role: Mapped[str] = mapped_column(String(20), default="REQ-PARTICIPANT")

    def __repr__(self) -> str:
        return f"<InvitationRecipient {self.email} {self.role}>"


class ActionItem(Base):
    """Beschlusskontrolle: a follow-up task from an agenda item."""

    __tablename__ = "action_items"
    __table_args__ = (CheckConstraint(enum_check("status", [s.value for s in ActionStatus]), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int | None] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True)
    text: Mapped[str] = mapped_column(Text)
    responsible_person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    responsible_body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="SET NULL"))
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default=ActionStatus.OFFEN.value)
    created_on: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    #: The meeting whose agenda item "Beschlusskontrolle" carried it forward last.
    carried_to_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    notes: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"<ActionItem {self.id} {self.status} {self.text[:30]!r}>"

"""Groups area, read models: plain frozen rows the pages, dialogs and the CLI get (no ORM objects).

Built by ``queries.py``; ``operations.py`` returns ``EndSeatsResult``/``DissolveResult`` from here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bezag_desktop.domain.codes import ActionStatus, CommitteeKind, MeetingStatus, MembershipRole
from bezag_desktop.domain.text import fold
from bezag_desktop.domain.timeutil import fmt_date, is_current, iso_date, today

#: Roles that occupy a full seat; a person holds at most one of them per committee at a time.
FULL_SEAT_ROLES: frozenset[str] = frozenset(
    {MembershipRole.MITGLIED.value, MembershipRole.SPRECHER.value, MembershipRole.STELLV_SPRECHER.value}
)
#: Roles held by one person at a time per committee.
LEAD_ROLES: tuple[str, ...] = (MembershipRole.SPRECHER.value, MembershipRole.STELLV_SPRECHER.value)
GROUP_KINDS: tuple[str, ...] = (CommitteeKind.ARBEITSGRUPPE.value, CommitteeKind.NETZWERK.value)
#: How committees are listed everywhere: the plenary first, then working groups, then networks.
COMMITTEE_ORDER: dict[str, int] = {
    CommitteeKind.PLENUM.value: 0,
    CommitteeKind.ARBEITSGRUPPE.value: 1,
    CommitteeKind.NETZWERK.value: 2,
}


def role_label(role: str) -> str:
    return MembershipRole.label_for(role)


def kind_label(kind: str) -> str:
    return CommitteeKind.label_for(kind)


def fmt_range(start: date | None, end: date | None) -> str:
    """``01.03.2026 bis offen``: a seat's dates in messages and lists."""
    left = fmt_date(start) if start else "Beginn offen"
    right = fmt_date(end) if end else "offen"
    return f"{left} bis {right}"


@dataclass(frozen=True)
class MemberRow:
    """One seat in a committee."""

    membership_id: int
    person_id: int
    person: str
    email: str
    organisation: str
    #: "body", "partner" or None (a person on their own behalf).
    organisation_kind: str | None
    body_id: int | None
    partner_id: int | None
    role: str
    start: date | None
    end: date | None
    voting_right: bool = True
    notes: str = ""
    #: Whether the person is marked active.
    active: bool = True

    @property
    def role_label(self) -> str:
        return role_label(self.role)

    @property
    def organisation_kind_label(self) -> str:
        return {"body": "Körperschaft", "partner": "Netzwerkpartner"}.get(self.organisation_kind or "", "")

    def is_current(self, on: date) -> bool:
        return is_current(self.start, self.end, on)

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "organisation": self.organisation or None,
            "organisation_kind": self.organisation_kind,
            "role": self.role,
        }


@dataclass(frozen=True)
class CommitteeFacts:
    """What the list row and the overview of a committee both say of the committee itself."""

    id: int
    name: str
    short_name: str
    kind: str
    topic: str
    goal: str
    founded: date | None
    dissolved: date | None

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


@dataclass(frozen=True)
class CommitteeRow(CommitteeFacts):
    #: The lead's name (for the plenary: the co-chairs), "" when none.
    lead: str
    lead_id: int | None
    deputy_lead: str
    members: tuple[MemberRow, ...] = ()

    @property
    def member_count(self) -> int:
        return len(self.members)

    @property
    def partner_count(self) -> int:
        return sum(1 for m in self.members if m.organisation_kind == "partner")

    def is_active(self, on: date) -> bool:
        return self.dissolved is None or self.dissolved >= on

    @property
    def status_label(self) -> str:
        return f"aufgelöst zum {fmt_date(self.dissolved)}" if self.dissolved else "aktiv"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "topic": self.topic,
            "founded": iso_date(self.founded),
            "dissolved": iso_date(self.dissolved),
            "lead": self.lead or None,
            "members": [m.to_json() for m in self.members],
        }


@dataclass(frozen=True)
class ResolutionRow:
    """A plenary agenda item that can found (or founded) a working group."""

    agenda_item_id: int
    meeting_id: int
    meeting_title: str
    meeting_start: datetime
    number: str
    title: str
    kind: str
    result: str | None
    resolution_text: str
    #: The committee this item already founded, if any.
    used_by: str = ""

    @property
    def meeting_date(self) -> date:
        return self.meeting_start.date()

    @property
    def text(self) -> str:
        """„TOP 5 Gründung der AG … (2. Sitzung 2026, 08.07.2026)“"""
        top = f"TOP {self.number} " if self.number else ""
        text = f"{top}{self.title} ({self.meeting_title}, {fmt_date(self.meeting_start)})"
        return f"{text} – Gründung von {self.used_by}" if self.used_by else text

    @property
    def looks_like_founding(self) -> bool:
        """Title or resolution speaks of founding a working group."""
        words = fold(f"{self.title} {self.resolution_text}")
        return "grund" in words or "arbeitsgruppe" in words


@dataclass(frozen=True)
class MeetingRef:
    id: int
    committee_id: int
    title: str
    start: datetime
    status: str
    #: Attendance list: persons present (in the room or online) and persons on the list.
    present: int = 0
    listed: int = 0

    @property
    def attendance_text(self) -> str:
        """„3 von 5 anwesend“; empty while there is no attendance list."""
        return f"{self.present} von {self.listed} anwesend" if self.listed else ""

    @property
    def status_label(self) -> str:
        return MeetingStatus.label_for(self.status)

    @property
    def text(self) -> str:
        return f"{self.title} am {fmt_date(self.start)}"


@dataclass(frozen=True)
class ActionRow:
    id: int
    text: str
    responsible: str
    due: date | None
    status: str
    meeting_title: str

    @property
    def status_label(self) -> str:
        return ActionStatus.label_for(self.status)


@dataclass(frozen=True)
class ReportRow:
    id: int
    committee_id: int
    meeting_id: int | None
    meeting_title: str
    meeting_start: datetime | None
    reported_on: date | None
    text: str


@dataclass(frozen=True)
class GroupOverview(CommitteeFacts):
    """Everything the Arbeitsgruppen page shows about one group."""

    email: str
    notes: str
    founding: ResolutionRow | None
    lead: str
    deputy_lead: str
    #: All seats, current ones first, then the history (newest end first).
    members: tuple[MemberRow, ...]
    meetings: tuple[MeetingRef, ...]
    next_meeting: MeetingRef | None
    open_actions: tuple[ActionRow, ...]
    reports: tuple[ReportRow, ...]
    on: date = field(default_factory=today)

    @property
    def current_members(self) -> tuple[MemberRow, ...]:
        return tuple(m for m in self.members if m.is_current(self.on))

    @property
    def last_report(self) -> ReportRow | None:
        return self.reports[0] if self.reports else None


@dataclass(frozen=True)
class GroupSeat:
    """A person's seat in a working group or network, for the question at the end of a body mandate."""

    membership_id: int
    committee_id: int
    committee: str
    committee_kind: str
    role: str
    body_id: int | None
    partner_id: int | None
    start: date | None
    end: date | None
    #: The seat holder's name.
    person: str = ""

    @property
    def role_label(self) -> str:
        return role_label(self.role)

    @property
    def text(self) -> str:
        return f"{self.committee} ({self.role_label}, {fmt_range(self.start, self.end)})"


@dataclass(frozen=True)
class EndSeatsResult:
    ended: int
    handed_over: int
    removed: int
    #: Seats the successor could not take over (they already sit there, ...): one German reason each.
    not_handed_over: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        parts = [f"{self.ended} Sitz(e) in Arbeitsgruppen beendet"]
        if self.handed_over:
            parts.append(f"{self.handed_over} an die Nachfolge übergeben")
        if self.removed:
            parts.append(f"{self.removed} noch nicht begonnene(r) Sitz(e) entfernt")
        text = ", ".join(parts) + "."
        if self.not_handed_over:
            text += " Nicht übergeben:\n" + "\n".join(f"• {reason}" for reason in self.not_handed_over)
        return text


@dataclass(frozen=True)
class DissolveResult:
    ended_seats: int
    removed_future_seats: int
    #: Meetings of the group after the dissolution day that are still planned (to be cancelled).
    later_meetings: tuple[MeetingRef, ...]


@dataclass(frozen=True)
class CandidateRow:
    """A person who can be given a seat: a body's representative, a partner contact or anyone else."""

    person_id: int
    name: str
    email: str
    function: str
    organisation: str
    #: "body", "partner" or None.
    organisation_kind: str | None
    #: The person's current role in the plenary ("mitglied", "stellvertretung") or "".
    plenum_role: str
    #: The person's current role in this committee or "".
    seat_role: str

    @property
    def plenum_role_label(self) -> str:
        return role_label(self.plenum_role) if self.plenum_role else ""

    @property
    def seat_role_label(self) -> str:
        return role_label(self.seat_role) if self.seat_role else ""

"""Session-level building blocks shared by the modules of the meetings area.

Kept apart so the area modules can use each other's basics without import cycles: ``operations``,
``queries``, ``agenda``, ``attendance``, ``invitees`` and the others import from here, never the
other way round. Shared terms (display title, not-found messages, "valid on a day") are on the
models and in ``services.records``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import Attendance, Body, Committee, Invitation, Meeting, Membership
from bezag_desktop.domain.codes import CommitteeKind, MeetingStatus, MembershipRole
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.domain.procedure import HELD as HELD  # re-exported for the area's modules
from bezag_desktop.domain.procedure import NOT_HELD as NOT_HELD
from bezag_desktop.domain.rules import PRESENT as PRESENT  # re-exported: attendance.py imports it from here
from bezag_desktop.domain.rules import AttendanceFact, Quorum, RulesOfProcedure, quorum_required, represented_bodies
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.domain.venue import VENUE_FIELDS as VENUE_FIELDS  # re-exported for the area's modules
from bezag_desktop.services.records import get_or_raise
from bezag_desktop.services.settings import rules_in


def has_invitation(session: Session, meeting_id: int) -> bool:
    """Whether an invitation (or update) was recorded: from then on changes raise the sequence."""
    return bool(session.scalar(select(exists().where(Invitation.meeting_id == meeting_id))))


def raise_sequence_if_invited(session: Session, meeting: Meeting) -> bool:
    """Raise ``Meeting.sequence`` by one when an invitation exists; call once per user action."""
    if has_invitation(session, meeting.id):
        meeting.sequence = (meeting.sequence or 0) + 1
        return True
    return False


def next_number(session: Session, committee_id: int, year: int, *, exclude_id: int | None = None) -> int:
    """The next free meeting number of a committee in a calendar year (max + 1)."""
    stmt = select(Meeting.number).where(Meeting.committee_id == committee_id, Meeting.year == year)
    if exclude_id is not None:
        stmt = stmt.where(Meeting.id != exclude_id)
    numbers = list(session.scalars(stmt))
    return max(numbers, default=0) + 1


def voting_body_ids(session: Session, meeting: Meeting, committee_kind: str | None = None) -> set[int]:
    """The member bodies with a vote in this meeting.

    Plenary: every active member body (the bodies are the members of the BezAG, a vacancy still
    counts towards the quorum). Working groups and networks: the bodies with a mandate with voting
    right valid on the meeting's day.
    """
    kind = committee_kind or get_or_raise(session, Committee, meeting.committee_id).kind
    if kind == CommitteeKind.PLENUM.value:
        return set(session.scalars(select(Body.id).where(Body.active.is_(True))))
    on = meeting.start.date()
    stmt = (
        select(Membership.body_id)
        .where(
            Membership.committee_id == meeting.committee_id,
            Membership.body_id.is_not(None),
            Membership.voting_right.is_(True),
            Membership.role != MembershipRole.GAST.value,
            Membership.valid_on(on),
        )
        .distinct()
    )
    return {b for b in session.scalars(stmt) if b is not None}


@dataclass(frozen=True)
class QuorumState:
    """The live quorum of a meeting and what it rests on."""

    quorum: Quorum
    represented_body_ids: frozenset[int]
    voting_body_ids: frozenset[int]
    votes_per_body: int

    @property
    def voting_bodies(self) -> int:
        """How many bodies have a vote in this meeting."""
        return len(self.voting_body_ids)

    @property
    def voters(self) -> int:
        """How many votes can be cast: represented bodies × votes per body."""
        return len(self.represented_body_ids) * self.votes_per_body


def quorum_in(
    session: Session,
    meeting: Meeting,
    rules: RulesOfProcedure | None = None,
    *,
    facts: Iterable[AttendanceFact] | None = None,
    committee_kind: str | None = None,
) -> QuorumState:
    """Compute the quorum from the attendance (three queries whatever the number of rows).

    The rule itself (who represents a body) is ``domain.rules.represented_bodies``. A caller that
    has already read the attendance list (``meeting_detail``) passes it as ``facts``, and the
    committee's kind if it has it, so that neither is read twice.
    """
    rules = rules or rules_in(session)
    voting = frozenset(voting_body_ids(session, meeting, committee_kind))
    if facts is None:
        facts = [
            AttendanceFact(r.person_id, r.body_id, r.role, r.status, r.stood_in_by_id)
            for r in session.execute(
                select(
                    Attendance.person_id,
                    Attendance.body_id,
                    Attendance.role,
                    Attendance.status,
                    Attendance.stood_in_by_id,
                ).where(Attendance.meeting_id == meeting.id)
            )
        ]
    represented = represented_bodies(facts, voting)
    quorum = Quorum(present_bodies=len(represented), required=quorum_required(len(voting), rules.quorum_rule))
    return QuorumState(quorum, represented, voting, rules.votes_per_body)


def check_times(start: datetime, end: datetime | None) -> None:
    """End before start is refused with a German message."""
    if end is not None and end < start:
        raise ValidationError(
            f"Das Ende ({fmt_date(end)} {end:%H:%M} Uhr) liegt vor dem Beginn ({fmt_date(start)} {start:%H:%M} Uhr).",
            field="end",
        )


def refuse_if_cancelled(meeting: Meeting, what: str) -> None:
    if meeting.status == MeetingStatus.ABGESAGT.value:
        raise ValidationError(f"Die Sitzung {meeting.label} ist abgesagt; {what} ist nicht möglich.")


def location_text(name: str, room: str, address: str) -> str:
    """``Landratsamt Ebersberg, Sitzungssaal 1, Eichthalstraße 5, 85560 Ebersberg``."""
    return ", ".join(p.strip() for p in (name, room, address) if p and p.strip())


def previous_meeting_of(session: Session, meeting: Meeting) -> Meeting | None:
    """The committee's last meeting before this one that was not cancelled (whose minutes come next)."""
    return session.scalars(
        select(Meeting)
        .where(
            Meeting.committee_id == meeting.committee_id,
            Meeting.start < meeting.start,
            Meeting.status != MeetingStatus.ABGESAGT.value,
        )
        .order_by(Meeting.start.desc(), Meeting.id.desc())
        .limit(1)
    ).first()

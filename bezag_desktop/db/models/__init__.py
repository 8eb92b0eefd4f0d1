"""All models, imported here so ``Base.metadata`` is complete."""

from bezag_desktop.db.models.bodies import Body, Partner, Person
from bezag_desktop.db.models.committees import ChairTerm, Committee, Membership, WorkingGroupReport
from bezag_desktop.db.models.elections import BallotRound, BallotVote, Election, ElectionCandidate
from bezag_desktop.db.models.meetings import (
    ActionItem,
    AgendaAttachment,
    AgendaItem,
    Attendance,
    Invitation,
    InvitationRecipient,
    Meeting,
)
from bezag_desktop.db.models.settings import AuditEntry, Setting

__all__ = [
    "ActionItem",
    "AgendaAttachment",
    "AgendaItem",
    "Attendance",
    "AuditEntry",
    "BallotRound",
    "BallotVote",
    "Body",
    "ChairTerm",
    "Committee",
    "Election",
    "ElectionCandidate",
    "Invitation",
    "InvitationRecipient",
    "Meeting",
    "Membership",
    "Partner",
    "Person",
    "Setting",
    "WorkingGroupReport",
]

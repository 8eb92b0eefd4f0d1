"""Elections held in a meeting: candidates, ballot rounds and the votes per candidate."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bezag_desktop.db.base import Base, enum_check
from bezag_desktop.domain.codes import BallotKind, ElectionOffice, ElectionStatus


class Election(Base):
    __tablename__ = "elections"
    __table_args__ = (
        CheckConstraint(enum_check("office", [o.value for o in ElectionOffice]), name="office"),
        CheckConstraint(enum_check("status", [s.value for s in ElectionStatus]), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"))
    office: Mapped[str] = mapped_column(String(30), default=ElectionOffice.VORSITZ_KOMMUNEN.value)
    #: Free text for office "sonstiges".
    office_label: Mapped[str] = mapped_column(String(200), default="")
    #: Number of persons entitled to vote (the electorate) when the election was held.
    electorate: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default=ElectionStatus.OFFEN.value)
    elected_person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    held_on: Mapped[date | None] = mapped_column(Date)
    term_start: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"<Election {self.id} {self.office} {self.status}>"


class ElectionCandidate(Base):
    __tablename__ = "election_candidates"
    __table_args__ = (UniqueConstraint("election_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)

    def __repr__(self) -> str:
        return f"<ElectionCandidate {self.id} election={self.election_id} person={self.person_id}>"


class BallotRound(Base):
    """One Wahlgang: ballots cast, abstentions (blank), invalid ballots, and for yes/no rounds the counts."""

    __tablename__ = "ballot_rounds"
    __table_args__ = (
        CheckConstraint(enum_check("kind", [k.value for k in BallotKind]), name="kind"),
        UniqueConstraint("election_id", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20), default=BallotKind.WAHLGANG.value)
    ballots_cast: Mapped[int] = mapped_column(Integer, default=0)
    #: Blank ballots; invalid by rule 8 but counted apart for the record.
    abstentions: Mapped[int] = mapped_column(Integer, default=0)
    invalid: Mapped[int] = mapped_column(Integer, default=0)
    yes_votes: Mapped[int] = mapped_column(Integer, default=0)
    no_votes: Mapped[int] = mapped_column(Integer, default=0)
    #: The person a lot favoured, when one was drawn in this round.
    lot_winner_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    lot_note: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"<BallotRound {self.id} election={self.election_id} #{self.number}>"


class BallotVote(Base):
    __tablename__ = "ballot_votes"
    __table_args__ = (UniqueConstraint("round_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("ballot_rounds.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    votes: Mapped[int] = mapped_column(Integer, default=0)

    def __repr__(self) -> str:
        return f"<BallotVote round={self.round_id} person={self.person_id} {self.votes}>"

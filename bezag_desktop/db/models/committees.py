"""Committees (plenary, working groups, networks), mandates, chair terms, working-group reports.

"Valid on a day" (DOMAIN.md "Current": start and end inclusive, NULL = open) lives here once, as
hybrid methods in the manner of Indico's ``happens_between``: ``mandate.valid_on(day)`` is a bool,
``Membership.valid_on(day)`` a SQL clause for ``where()``; both say the same on every boundary.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, CheckConstraint, ColumnElement, Date, ForeignKey, String, Text, and_, or_
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column

from bezag_desktop.db.base import Base, enum_check
from bezag_desktop.domain.codes import ChairSide, CommitteeKind, MembershipRole
from bezag_desktop.domain.timeutil import is_current


class ValidOnDay:
    """A row that runs from ``start_date`` to ``end_date``: mandates and chair terms."""

    if TYPE_CHECKING:  # the mapped classes declare the columns; the mixin only reads them
        start_date: Mapped[date | None] | Mapped[date]
        end_date: Mapped[date | None]

    @hybrid_method
    def valid_on(self, day: date) -> bool:
        """Whether the row runs on ``day`` (inclusive; an open start or end has no bound)."""
        return is_current(self.start_date, self.end_date, day)

    # ``.expression`` rather than ``.inplace.expression``: mypy reads the latter as a plain callable.
    @valid_on.expression
    @classmethod
    def _valid_on_expression(cls, day: date | ColumnElement[date]) -> ColumnElement[bool]:
        start, end = cls.start_date, cls.end_date
        return and_(or_(start.is_(None), start <= day), or_(end.is_(None), end >= day))


class Committee(Base):
    """A Gremium: the plenary, a working group or a network (OParl Organization)."""

    __tablename__ = "committees"
    __table_args__ = (CheckConstraint(enum_check("kind", [k.value for k in CommitteeKind]), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str] = mapped_column(String(50), default="")
    kind: Mapped[str] = mapped_column(String(20))
    #: Working groups belong to the plenary (OParl subOrganizationOf).
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("committees.id", ondelete="SET NULL"), index=True)
    topic: Mapped[str] = mapped_column(String(300), default="")
    #: The mandate of a working group: what it is to achieve.
    goal: Mapped[str] = mapped_column(Text, default="")
    founded_on: Mapped[date | None] = mapped_column(Date)
    dissolved_on: Mapped[date | None] = mapped_column(Date)
    #: The plenary agenda item whose resolution founded the group.
    founding_agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL", use_alter=True), index=True
    )
    email: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    @hybrid_method
    def active_on(self, day: date) -> bool:
        """Whether the committee still exists on ``day``: not dissolved, or dissolved on or after it."""
        return self.dissolved_on is None or self.dissolved_on >= day

    # ``.expression`` rather than ``.inplace.expression``: mypy reads the latter as a plain callable.
    @active_on.expression
    @classmethod
    def _active_on_expression(cls, day: date) -> ColumnElement[bool]:
        return or_(cls.dissolved_on.is_(None), cls.dissolved_on >= day)

    def __repr__(self) -> str:
        return f"<Committee {self.id} {self.name!r}>"


class Membership(ValidOnDay, Base):
    """A mandate: a person sits in a committee, on behalf of a body or partner, from start to end."""

    __tablename__ = "memberships"
    __table_args__ = (
        CheckConstraint(enum_check("role", [r.value for r in MembershipRole]), name="role"),
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"), index=True)
    #: OParl onBehalfOf: the body (or partner organisation) this person speaks for.
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="SET NULL"), index=True)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id", ondelete="SET NULL"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    voting_right: Mapped[bool] = mapped_column(Boolean, default=True)
    start_date: Mapped[date | None] = mapped_column(Date)
    #: Inclusive last day; NULL while the mandate runs.
    end_date: Mapped[date | None] = mapped_column(Date)
    #: The mandate this one took over in a handover.
    predecessor_id: Mapped[int | None] = mapped_column(ForeignKey("memberships.id", ondelete="SET NULL"))
    notes: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"<Membership {self.id} person={self.person_id} committee={self.committee_id} {self.role}>"


class ChairTerm(ValidOnDay, Base):
    """One of the two co-chairs with a term (OParl LegislativeTerm)."""

    __tablename__ = "chair_terms"
    __table_args__ = (
        CheckConstraint(enum_check("side", [s.value for s in ChairSide]), name="side"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"), index=True)
    side: Mapped[str] = mapped_column(String(20))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    #: Inclusive; NULL for an open-ended designation (Bezirk side).
    end_date: Mapped[date | None] = mapped_column(Date)
    election_id: Mapped[int | None] = mapped_column(ForeignKey("elections.id", ondelete="SET NULL"), index=True)
    #: How the Bezirk side was designated ("benannt durch den Bezirk am ...").
    notes: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"<ChairTerm {self.id} {self.side} person={self.person_id} {self.start_date}..{self.end_date}>"


class WorkingGroupReport(Base):
    """A working group's status report to one plenary meeting."""

    __tablename__ = "working_group_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    reported_on: Mapped[date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"<WorkingGroupReport {self.id} committee={self.committee_id}>"

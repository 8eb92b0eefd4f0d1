"""Member bodies, external partner organisations and people.

``Person.display_name`` is the one home of a person's name as the user reads it: a hybrid
property, so a query can select or sort by it (``select(Person.display_name)``) and a loaded
row gives the same text.
"""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, ColumnElement, ForeignKey, Integer, String, Text, case, func
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column

from bezag_desktop.db.base import Base, enum_check
from bezag_desktop.domain.codes import BodyKind, FormOfAddress, PartnerCategory


class Body(Base):
    """A member body: the Bezirk, a Landkreis or a kreisfreie Stadt."""

    __tablename__ = "bodies"
    __table_args__ = (CheckConstraint(enum_check("kind", [k.value for k in BodyKind]), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    #: Amtlicher Gemeindeschlüssel; kept as text because of the leading zero.
    ags: Mapped[str] = mapped_column(String(8), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    short_name: Mapped[str] = mapped_column(String(100), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    #: Seat numbers for this body; NULL means "as the Geschäftsordnung says".
    member_seats: Mapped[int | None] = mapped_column(Integer)
    deputy_seats: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def __repr__(self) -> str:
        return f"<Body {self.id} {self.name!r}>"


class Partner(Base):
    """An external organisation of the network (welfare association, insurer, ...)."""

    __tablename__ = "partners"
    __table_args__ = (CheckConstraint(enum_check("category", [c.value for c in PartnerCategory]), name="category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    category: Mapped[str] = mapped_column(String(30), default=PartnerCategory.SONSTIGE.value)
    street: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def __repr__(self) -> str:
        return f"<Partner {self.id} {self.name!r}>"


class Person(Base):
    """A representative, deputy, partner contact, guest or office member."""

    __tablename__ = "persons"
    __table_args__ = (
        CheckConstraint(enum_check("form_of_address", [f.value for f in FormOfAddress]), name="form_of_address"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    form_of_address: Mapped[str] = mapped_column(String(10), default=FormOfAddress.NEUTRAL.value)
    title: Mapped[str] = mapped_column(String(50), default="")
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100))
    function: Mapped[str] = mapped_column(String(200), default="")
    #: Employer: a member body or a partner organisation (at most one of them).
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="SET NULL"), index=True)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id", ondelete="SET NULL"), index=True)
    email: Mapped[str] = mapped_column(String(200), default="", index=True)
    phone: Mapped[str] = mapped_column(String(50), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Lower-case name and e-mail with umlauts folded ("müller" -> "muller"), for search as you type.
    search_key: Mapped[str] = mapped_column(String(400), default="", index=True)

    @staticmethod
    def compose_name(title: str | None, first_name: str | None, last_name: str | None) -> str:
        """``Dr. Anna Huber``: title, first and last name, empty parts left out.

        For rows selected column by column; a loaded ``Person`` says ``display_name``.
        """
        return " ".join(p for p in (title, first_name, last_name) if p)

    @hybrid_property
    def display_name(self) -> str:
        return Person.compose_name(self.title, self.first_name, self.last_name)

    @display_name.inplace.expression
    @classmethod
    def _display_name_expression(cls) -> ColumnElement[str]:
        # Each non-empty part brings its own separator; rtrim drops the one after the last part,
        # so the SQL text equals compose_name() whichever parts are empty.
        def part(column: Mapped[str]) -> ColumnElement[str]:
            return case((func.coalesce(column, "") != "", column + " "), else_="")

        return func.rtrim(part(cls.title) + part(cls.first_name) + part(cls.last_name))

    def __repr__(self) -> str:
        return f"<Person {self.id} {self.display_name!r}>"

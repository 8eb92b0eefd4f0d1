"""Member bodies, external partner organisations and people."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text
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

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)

    def __repr__(self) -> str:
        return f"<Person {self.id} {self.display_name!r}>"

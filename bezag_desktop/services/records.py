"""One get-or-raise for every record the user can name, with one not-found wording per model.

``get_or_raise(session, Meeting, 5)`` returns the meeting or raises ``NotFoundError("Die Sitzung
Nr. 5 gibt es nicht.")``; the CLI, the pages and the services all say the same for the same thing.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any, TypedDict, TypeVar

from sqlalchemy.orm import Session

from bezag_desktop.db.base import Base
from bezag_desktop.db.models import (
    ActionItem,
    AgendaAttachment,
    AgendaItem,
    Attendance,
    Body,
    ChairTerm,
    Committee,
    Election,
    Invitation,
    Meeting,
    Membership,
    Partner,
    Person,
    WorkingGroupReport,
)
from bezag_desktop.db.models.committees import ValidOnDay
from bezag_desktop.domain.errors import NotFoundError

M = TypeVar("M", bound=Base)

#: The record as a German sentence subject (with its article), "{id}" for the number.
NOT_FOUND: dict[type[Base], str] = {
    ActionItem: "Die Aufgabe Nr. {id} gibt es nicht.",
    AgendaAttachment: "Die Anlage Nr. {id} gibt es nicht.",
    AgendaItem: "Den Tagesordnungspunkt Nr. {id} gibt es nicht.",
    Attendance: "Den Eintrag Nr. {id} der Anwesenheitsliste gibt es nicht.",
    Body: "Die Körperschaft Nr. {id} gibt es nicht.",
    ChairTerm: "Die Amtszeit Nr. {id} gibt es nicht.",
    Committee: "Das Gremium Nr. {id} gibt es nicht.",
    Election: "Die Wahl Nr. {id} gibt es nicht.",
    Invitation: "Die Einladung Nr. {id} gibt es nicht.",
    Meeting: "Die Sitzung Nr. {id} gibt es nicht.",
    Membership: "Das Mandat Nr. {id} gibt es nicht.",
    Partner: "Den Netzwerkpartner Nr. {id} gibt es nicht.",
    Person: "Die Person Nr. {id} gibt es nicht.",
    WorkingGroupReport: "Den Bericht Nr. {id} gibt es nicht.",
}


def not_found_message(model: type[Base], record_id: object) -> str:
    """The one German sentence saying that record ``record_id`` of ``model`` does not exist."""
    template = NOT_FOUND.get(model, "Den Datensatz Nr. {id} gibt es nicht.")
    return template.format(id=record_id)


def assign(record: Base, data: Any, *names: str) -> None:
    """Copy the named fields of an input dataclass onto the record's columns of the same names
    (every field of ``data`` when none is named). A name the model does not have is a bug: raised."""
    for name in names or tuple(f.name for f in fields(data)):
        if not hasattr(type(record), name):
            raise AttributeError(f"{type(record).__name__} has no attribute {name!r}")
        setattr(record, name, getattr(data, name))


def get_or_raise(session: Session, model: type[M], record_id: int) -> M:
    """The record with this id, or ``NotFoundError`` with the model's one wording."""
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(not_found_message(model, record_id))
    return record


class PersonCols(TypedDict):
    """How every read model that lists people names the person."""

    person_id: int
    person: str
    email: str


class SpanCols(TypedDict):
    """How read models name the days of a mandate or term (``end`` inclusive, None while it runs)."""

    start: date | None
    end: date | None


def person_cols(person: Person) -> PersonCols:
    """The person's id, display name and e-mail address as the fields of a row: ``Row(**person_cols(p), ...)``."""
    return PersonCols(person_id=person.id, person=person.display_name, email=person.email)


def span_cols(record: ValidOnDay) -> SpanCols:
    """The first and last day of a mandate or chair term as the fields of a row."""
    return SpanCols(start=record.start_date, end=record.end_date)

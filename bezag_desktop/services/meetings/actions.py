"""Action items (Beschlusskontrolle): follow-up tasks from agenda items, the open-items list
across meetings with the overdue flag, and carrying open items into a meeting's agenda.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from bezag_desktop.db.models import ActionItem, AgendaItem, Body, Committee, Meeting, Person
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import ActionStatus, AgendaKind
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.domain.text import fold
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.domain.timeutil import today as berlin_today
from bezag_desktop.services.audit import audit
from bezag_desktop.services.meetings import agenda as agenda_service
from bezag_desktop.services.meetings.core import refuse_if_cancelled
from bezag_desktop.services.records import assign, get_or_raise
from bezag_desktop.services.store import operation


@dataclass(frozen=True)
class ActionInput:
    text: str
    responsible_person_id: int | None = None
    responsible_body_id: int | None = None
    due_date: date | None = None
    status: str = ActionStatus.OFFEN.value
    notes: str = ""


@dataclass(frozen=True)
class ActionRow:
    id: int
    text: str
    committee_id: int | None
    committee: str
    meeting_id: int | None
    meeting: str
    meeting_start: datetime | None
    agenda_item_id: int | None
    agenda_number: str
    agenda_title: str
    responsible_person_id: int | None
    responsible_body_id: int | None
    responsible: str
    due_date: date | None
    status: str
    created_on: date | None
    done_on: date | None
    carried_to_meeting_id: int | None
    carried_to: str
    notes: str
    overdue: bool

    @property
    def status_label(self) -> str:
        return ActionStatus(self.status).label

    @property
    def source(self) -> str:
        """``2. Sitzung 2026, TOP 4``."""
        if not self.meeting:
            return ""
        return f"{self.meeting}, TOP {self.agenda_number}" if self.agenda_number else self.meeting


def _validate(data: ActionInput) -> None:
    if not data.text.strip():
        raise ValidationError("Bitte beschreiben Sie die Aufgabe.", field="text")
    if data.status not in {a.value for a in ActionStatus}:
        raise ValidationError(f"Unbekannter Status „{data.status}“.", field="status")


def _check_refs(session: Session, data: ActionInput) -> None:
    if data.responsible_person_id is not None and session.get(Person, data.responsible_person_id) is None:
        raise NotFoundError("Die verantwortliche Person gibt es nicht (mehr).")
    if data.responsible_body_id is not None and session.get(Body, data.responsible_body_id) is None:
        raise NotFoundError("Die verantwortliche Körperschaft gibt es nicht (mehr).")


@operation
def create_action(s: Session, agenda_item_id: int, data: ActionInput, *, today: date | None = None) -> int:
    """A follow-up task from an agenda item (committee and meeting come from the item)."""
    _validate(data)
    today = today or berlin_today()
    _check_refs(s, data)
    item = get_or_raise(s, AgendaItem, agenda_item_id)
    meeting = get_or_raise(s, Meeting, item.meeting_id)
    action = ActionItem(
        committee_id=meeting.committee_id,
        meeting_id=meeting.id,
        agenda_item_id=item.id,
        text=data.text.strip(),
        responsible_person_id=data.responsible_person_id,
        responsible_body_id=data.responsible_body_id,
        due_date=data.due_date,
        status=data.status,
        created_on=today,
        done_on=today if data.status == ActionStatus.ERLEDIGT.value else None,
        notes=data.notes,
    )
    s.add(action)
    s.flush()
    audit(s, "action.create", "action_item", action.id, f"Aufgabe aus TOP {item.number}: {action.text[:80]}")
    return action.id


@operation
def update_action(s: Session, action_id: int, data: ActionInput, *, today: date | None = None) -> None:
    _validate(data)
    today = today or berlin_today()
    _check_refs(s, data)
    action = _get(s, action_id)
    _apply_status(action, data.status, today)
    action.text = data.text.strip()
    assign(action, data, "responsible_person_id", "responsible_body_id", "due_date", "notes")
    audit(s, "action.update", "action_item", action.id, f"Aufgabe geändert: {action.text[:80]}")


def _get(session: Session, action_id: int) -> ActionItem:
    return get_or_raise(session, ActionItem, action_id)


def _apply_status(action: ActionItem, status: str, today: date) -> None:
    if status == ActionStatus.ERLEDIGT.value and action.status != status:
        action.done_on = today
    elif status != ActionStatus.ERLEDIGT.value:
        action.done_on = None
    action.status = status


@operation
def set_action_status(s: Session, action_id: int, status: str, *, today: date | None = None) -> None:
    if status not in {a.value for a in ActionStatus}:
        raise ValidationError(f"Unbekannter Status „{status}“.", field="status")
    today = today or berlin_today()
    action = _get(s, action_id)
    _apply_status(action, status, today)
    audit(s, "action.status", "action_item", action.id, f"Aufgabe {ActionStatus(status).label}")


@operation
def delete_action(s: Session, action_id: int) -> None:
    action = _get(s, action_id)
    audit(s, "action.delete", "action_item", action.id, f"Aufgabe gelöscht: {action.text[:80]}")
    s.delete(action)


@operation
def list_actions(
    s: Session,
    *,
    open_only: bool = True,
    committee_id: int | None = None,
    meeting_id: int | None = None,
    today: date | None = None,
) -> list[ActionRow]:
    """Action items across meetings (open ones by default), overdue flagged: one query."""
    today = today or berlin_today()
    source = aliased(Meeting)
    carried = aliased(Meeting)
    stmt = (
        select(ActionItem, Committee, source, AgendaItem, Person, Body, carried)
        .outerjoin(Committee, ActionItem.committee_id == Committee.id)
        .outerjoin(source, ActionItem.meeting_id == source.id)
        .outerjoin(AgendaItem, ActionItem.agenda_item_id == AgendaItem.id)
        .outerjoin(Person, ActionItem.responsible_person_id == Person.id)
        .outerjoin(Body, ActionItem.responsible_body_id == Body.id)
        .outerjoin(carried, ActionItem.carried_to_meeting_id == carried.id)
        .order_by(ActionItem.due_date.is_(None), ActionItem.due_date, ActionItem.id)
    )
    if open_only:
        stmt = stmt.where(ActionItem.status != ActionStatus.ERLEDIGT.value)
    if committee_id is not None:
        stmt = stmt.where(ActionItem.committee_id == committee_id)
    if meeting_id is not None:
        stmt = stmt.where(ActionItem.meeting_id == meeting_id)
    rows = []
    for a, c, m, item, person, body, to in s.execute(stmt).all():
        responsible = " / ".join(n for n in (person.display_name if person else "", body.name if body else "") if n)
        rows.append(
            # Every field not given here is the action's column of the same name.
            from_attrs(
                ActionRow,
                a,
                committee=c.name if c else "",
                meeting=m.display_title if m else "",
                meeting_start=m.start if m else None,
                agenda_number=item.number if item else "",
                agenda_title=item.title if item else "",
                responsible=responsible,
                carried_to=to.display_title if to else "",
                overdue=a.status != ActionStatus.ERLEDIGT.value and a.due_date is not None and a.due_date < today,
            )
        )
    return rows


@operation
def carry_open_actions(s: Session, meeting_id: int) -> int:
    """Put an item "Beschlusskontrolle" on the meeting's agenda (once) and mark the committee's
    open action items from earlier meetings as carried to it. Returns the agenda item id."""
    meeting = get_or_raise(s, Meeting, meeting_id)
    refuse_if_cancelled(meeting, "das Übernehmen offener Aufgaben")
    earlier = aliased(Meeting)
    open_items = list(
        s.scalars(
            select(ActionItem)
            .outerjoin(earlier, ActionItem.meeting_id == earlier.id)
            .where(
                ActionItem.committee_id == meeting.committee_id,
                ActionItem.status != ActionStatus.ERLEDIGT.value,
                (ActionItem.meeting_id.is_(None)) | (earlier.start < meeting.start),
            )
            .order_by(ActionItem.due_date.is_(None), ActionItem.due_date, ActionItem.id)
        )
    )
    if not open_items:
        raise ValidationError(f"Für „{meeting.title}“ gibt es keine offenen Aufgaben aus früheren Sitzungen.")
    existing = s.scalars(
        select(AgendaItem).where(
            AgendaItem.meeting_id == meeting.id,
            AgendaItem.parent_id.is_(None),
        )
    ).all()
    item = next((i for i in existing if fold(i.title) == fold(agenda_service.ACTIONS_TITLE)), None)
    if item is None:
        item_id = agenda_service.append_item(
            s, meeting.id, title=agenda_service.ACTIONS_TITLE, kind=AgendaKind.BERICHT.value
        )
        item = s.get(AgendaItem, item_id)
        assert item is not None
        agenda_service.move_before_closing(s, item)
    lines = []
    for a in open_items:
        a.carried_to_meeting_id = meeting.id
        due = f" (fällig {fmt_date(a.due_date)})" if a.due_date else ""
        lines.append(f"- {a.text}{due}")
    item.description = "Offene Aufgaben:\n" + "\n".join(lines)
    audit(
        s,
        "action.carry",
        "meeting",
        meeting.id,
        f"{len(open_items)} offene Aufgaben in TOP {item.number} „Beschlusskontrolle“ übernommen",
    )
    return item.id

"""Agenda (Tagesordnung): items and sub-items, ordering and numbering, attachments, the standard
agenda, copying from earlier meetings, the proposed election item, minutes content per item and
the approval of the previous meeting's minutes.

Numbers ("1", "2", "2.1") always follow the positions: every change ends in ``renumber``.
Only one level of sub-items exists (TOP 2.1, never 2.1.1).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import AgendaAttachment, AgendaItem, ChairTerm, Committee, Meeting, Person
from bezag_desktop.domain.attrs import attrs_of, from_attrs
from bezag_desktop.domain.codes import AgendaKind, AgendaResult, ChairSide, CommitteeKind, MeetingStatus
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.domain.rules import RulesOfProcedure
from bezag_desktop.domain.text import fold
from bezag_desktop.domain.timeutil import add_months, fmt_date
from bezag_desktop.domain.timeutil import today as berlin_today
from bezag_desktop.services.audit import audit
from bezag_desktop.services.meetings.core import NOT_HELD, previous_meeting_of, quorum_in, refuse_if_cancelled
from bezag_desktop.services.records import assign, get_or_raise
from bezag_desktop.services.settings import rules_in
from bezag_desktop.services.store import operation

ELECTION_TITLE = "Wahl der/des Vorsitzenden der Landkreise und kreisfreien Städte"
ACTIONS_TITLE = "Beschlusskontrolle"
#: The closing item that new items are placed before (when it is the last one).
CLOSING_TITLE = "Verschiedenes"
MAX_TITLE = 300


@dataclass(frozen=True)
class AgendaItemInput:
    title: str
    kind: str = AgendaKind.BERICHT.value
    presenter: str = ""
    presenter_id: int | None = None
    planned_minutes: int | None = None
    public: bool = True
    description: str = ""


@dataclass(frozen=True)
class MinutesInput:
    """Minutes content of one item: notes, resolution, vote (or einstimmig), result."""

    notes: str = ""
    resolution_text: str = ""
    votes_yes: int | None = None
    votes_no: int | None = None
    votes_abstain: int | None = None
    unanimous: bool = False
    result: str | None = None


@dataclass(frozen=True)
class ElectionProposal:
    meeting_id: int
    title: str
    chair: str
    term_end: date

    @property
    def text(self) -> str:
        return (
            f"Die Amtszeit von {self.chair} als Vorsitz der Landkreise und kreisfreien Städte endet am "
            f"{fmt_date(self.term_end)}. Vorgeschlagen wird der Tagesordnungspunkt „{self.title}“."
        )


# --- ordering and numbering -------------------------------------------------------------------


def ordered_items(session: Session, meeting_id: int) -> list[AgendaItem]:
    """All items of a meeting in agenda order (parents followed by their sub-items): one query."""
    items = list(
        session.scalars(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position, AgendaItem.id)
        )
    )
    children: dict[int | None, list[AgendaItem]] = defaultdict(list)
    ids = {i.id for i in items}
    for item in items:
        # An orphan (parent in another meeting, which validation prevents) is shown at the top level.
        children[item.parent_id if item.parent_id in ids else None].append(item)
    result: list[AgendaItem] = []

    def walk(parent: int | None) -> None:
        for item in children.get(parent, []):
            result.append(item)
            walk(item.id)

    walk(None)
    return result


def renumber(session: Session, meeting_id: int) -> None:
    """Positions 1..n on every level and numbers "1", "2", "2.1" that follow them."""
    session.flush()
    items = ordered_items(session, meeting_id)
    counters: dict[int | None, int] = defaultdict(int)
    numbers: dict[int, str] = {}
    for item in items:
        counters[item.parent_id] += 1
        item.position = counters[item.parent_id]
        prefix = numbers.get(item.parent_id) if item.parent_id is not None else None
        item.number = f"{prefix}.{item.position}" if prefix else str(item.position)
        numbers[item.id] = item.number
    session.flush()


def _siblings(
    session: Session, meeting_id: int, parent_id: int | None, *, exclude: int | None = None
) -> list[AgendaItem]:
    stmt = select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
    stmt = stmt.where(AgendaItem.parent_id.is_(None) if parent_id is None else AgendaItem.parent_id == parent_id)
    if exclude is not None:
        stmt = stmt.where(AgendaItem.id != exclude)
    return list(session.scalars(stmt.order_by(AgendaItem.position, AgendaItem.id)))


def _get_item(session: Session, item_id: int) -> AgendaItem:
    return get_or_raise(session, AgendaItem, item_id)


def _check_parent(session: Session, meeting_id: int, parent_id: int | None, item_id: int | None = None) -> None:
    if parent_id is None:
        return
    parent = _get_item(session, parent_id)
    if parent.meeting_id != meeting_id:
        raise ValidationError("Der übergeordnete Tagesordnungspunkt gehört zu einer anderen Sitzung.")
    if parent.id == item_id:
        raise ValidationError("Ein Tagesordnungspunkt kann nicht sein eigener Unterpunkt sein.")
    if parent.parent_id is not None:
        raise ValidationError(
            f"TOP {parent.number} ist selbst ein Unterpunkt; Unterpunkte können keine weiteren Unterpunkte haben."
        )


def _place(session: Session, item: AgendaItem, parent_id: int | None, index: int | None) -> None:
    """Put ``item`` under ``parent_id`` at ``index`` (0-based; None = at the end) and renumber."""
    siblings = _siblings(session, item.meeting_id, parent_id, exclude=item.id)
    index = len(siblings) if index is None else max(0, min(index, len(siblings)))
    siblings.insert(index, item)
    item.parent_id = parent_id
    for pos, sib in enumerate(siblings, start=1):
        sib.position = pos
    renumber(session, item.meeting_id)


def validate_item(session: Session, data: AgendaItemInput) -> None:
    title = data.title.strip()
    if not title:
        raise ValidationError("Der Tagesordnungspunkt braucht einen Titel.", field="title")
    if len(title) > MAX_TITLE:
        raise ValidationError(f"Der Titel darf höchstens {MAX_TITLE} Zeichen lang sein.", field="title")
    if data.kind not in {k.value for k in AgendaKind}:
        raise ValidationError(f"Unbekannte Art „{data.kind}“.", field="kind")
    if data.planned_minutes is not None and not 0 <= data.planned_minutes <= 600:
        raise ValidationError("Die geplante Dauer muss zwischen 0 und 600 Minuten liegen.", field="planned_minutes")
    if data.presenter_id is not None and session.get(Person, data.presenter_id) is None:
        raise NotFoundError("Die gewählte Person für den Vortrag gibt es nicht (mehr).")


def append_item(
    session: Session,
    meeting_id: int,
    *,
    title: str,
    kind: str = AgendaKind.BERICHT.value,
    presenter: str = "",
    presenter_id: int | None = None,
    parent_id: int | None = None,
    public: bool = True,
) -> int:
    """Append an item at the end of its level and renumber (for other services' use)."""
    data = AgendaItemInput(title=title, kind=kind, presenter=presenter, presenter_id=presenter_id, public=public)
    return _insert(session, meeting_id, data, parent_id, None)


def _insert(session: Session, meeting_id: int, data: AgendaItemInput, parent_id: int | None, index: int | None) -> int:
    get_or_raise(session, Meeting, meeting_id)
    validate_item(session, data)
    _check_parent(session, meeting_id, parent_id)
    presenter = data.presenter.strip()
    if not presenter and data.presenter_id is not None:
        person = session.get(Person, data.presenter_id)
        presenter = person.display_name if person else ""
    item = AgendaItem(
        meeting_id=meeting_id,
        parent_id=parent_id,
        position=10_000,
        title=data.title.strip(),
        presenter=presenter,
        **attrs_of(data, "kind", "presenter_id", "planned_minutes", "public", "description"),
    )
    session.add(item)
    session.flush()
    _place(session, item, parent_id, index)
    return item.id


@operation
def add_item(
    s: Session,
    meeting_id: int,
    data: AgendaItemInput,
    *,
    parent_id: int | None = None,
    index: int | None = None,
) -> int:
    """Add an item (or a sub-item under ``parent_id``) at ``index`` (0-based; None = at the end)."""
    item_id = _insert(s, meeting_id, data, parent_id, index)
    item = _get_item(s, item_id)
    audit(s, "agenda.add", "agenda_item", item_id, f"TOP {item.number} „{item.title}“ hinzugefügt")
    return item_id


@operation
def update_item(s: Session, item_id: int, data: AgendaItemInput) -> None:
    item = _get_item(s, item_id)
    validate_item(s, data)
    assign(item, data, "kind", "presenter_id", "planned_minutes", "public", "description")
    item.title = data.title.strip()
    item.presenter = data.presenter.strip()
    audit(s, "agenda.update", "agenda_item", item.id, f"TOP {item.number} „{item.title}“ geändert")


@operation
def delete_item(s: Session, item_id: int) -> None:
    """Delete an item with its sub-items and renumber the rest."""
    item = _get_item(s, item_id)
    meeting_id = item.meeting_id
    audit(s, "agenda.delete", "agenda_item", item.id, f"TOP {item.number} „{item.title}“ gelöscht")
    for child in _siblings(s, meeting_id, item.id):
        s.delete(child)
    s.flush()  # children first: the database would cascade them away under a batched delete
    s.delete(item)
    s.flush()
    renumber(s, meeting_id)


@operation
def move_item(s: Session, item_id: int, delta: int) -> bool:
    """Move an item up (-1) or down (+1) among its siblings (keyboard). False at either end."""
    item = _get_item(s, item_id)
    siblings = _siblings(s, item.meeting_id, item.parent_id)
    index = next(i for i, sib in enumerate(siblings) if sib.id == item.id)
    target = index + delta
    if not 0 <= target < len(siblings):
        return False
    _place(s, item, item.parent_id, target)
    audit(s, "agenda.move", "agenda_item", item.id, f"„{item.title}“ ist jetzt TOP {item.number}")
    return True


@operation
def move_to(s: Session, item_id: int, parent_id: int | None, index: int) -> None:
    """Move an item to a new place (drag and drop): under ``parent_id`` (None = top level) at ``index``."""
    item = _get_item(s, item_id)
    _check_parent(s, item.meeting_id, parent_id, item.id)
    if parent_id is not None and _siblings(s, item.meeting_id, item.id):
        raise ValidationError(f"TOP {item.number} hat Unterpunkte und kann deshalb nicht selbst zum Unterpunkt werden.")
    _place(s, item, parent_id, index)
    audit(s, "agenda.move", "agenda_item", item.id, f"„{item.title}“ ist jetzt TOP {item.number}")


def move_before_closing(session: Session, item: AgendaItem) -> None:
    """Place a new top-level item before a closing "Verschiedenes" when that is the last item."""
    siblings = _siblings(session, item.meeting_id, None, exclude=item.id)
    if siblings and fold(siblings[-1].title).startswith(fold(CLOSING_TITLE)):
        _place(session, item, None, len(siblings) - 1)


# --- attachments ------------------------------------------------------------------------------


@operation
def add_attachment(s: Session, item_id: int, path: str | Path, label: str = "") -> int:
    """Link a file to an item (the path, not a copy). The file must exist."""
    text = str(path).strip()
    if not text:
        raise ValidationError("Bitte eine Datei angeben.", field="path")
    file = Path(text).expanduser()
    if not file.is_file():
        raise ValidationError(f"Die Datei „{text}“ gibt es nicht.", field="path")
    resolved = str(file.resolve())
    if len(resolved) > 1000:
        raise ValidationError("Der Dateipfad ist zu lang (höchstens 1000 Zeichen).", field="path")
    item = _get_item(s, item_id)
    att = AgendaAttachment(agenda_item_id=item.id, path=resolved, label=(label.strip() or file.name)[:200])
    s.add(att)
    s.flush()
    audit(s, "agenda.attachment.add", "agenda_item", item.id, f"Anlage {att.label} zu TOP {item.number}")
    return att.id


@operation
def remove_attachment(s: Session, attachment_id: int) -> None:
    att = get_or_raise(s, AgendaAttachment, attachment_id)
    audit(s, "agenda.attachment.remove", "agenda_item", att.agenda_item_id, f"Anlage {att.label} entfernt")
    s.delete(att)


# --- templates and copies ---------------------------------------------------------------------


def _template_kind(title: str) -> str:
    """Approvals ("Genehmigung der …") are resolutions; the rest of the template informs."""
    return AgendaKind.BESCHLUSS.value if fold(title).startswith("genehmigung") else AgendaKind.BERICHT.value


def apply_standard_agenda(session: Session, meeting_id: int, rules: RulesOfProcedure) -> list[int]:
    """Append the Geschäftsordnung's standard agenda (Einstellungen) to a meeting."""
    return [
        append_item(session, meeting_id, title=title.strip(), kind=_template_kind(title))
        for title in rules.standard_agenda
        if title.strip()
    ]


def copy_items(
    session: Session,
    source_meeting_id: int,
    target_meeting_id: int,
    item_ids: list[int] | None = None,
    *,
    before_closing: bool = False,
) -> list[int]:
    """Copy items (with their sub-items) to the end of another meeting, without minutes content.

    With ``item_ids`` only those are copied; a selected sub-item whose parent is not selected goes
    under the target's top-level item of the same title (e.g. "Berichte aus den Arbeitsgruppen"),
    or becomes a top-level item when there is none. With ``before_closing`` the copied top-level
    items go before a closing "Verschiedenes" of the target (when that is its last item).
    """
    top = _siblings(session, target_meeting_id, None)
    same_title = {fold(t.title): t.id for t in top}
    closing: AgendaItem | None = None
    if before_closing and top and fold(top[-1].title).startswith(fold(CLOSING_TITLE)):
        closing = top[-1]
    items = ordered_items(session, source_meeting_id)
    by_id = {i.id: i for i in items}
    chosen = {i.id for i in items} if item_ids is None else set(item_ids)
    unknown = chosen - {i.id for i in items}
    if unknown:
        raise ValidationError("Die gewählten Tagesordnungspunkte gehören nicht zur Quellsitzung.")
    mapping: dict[int, int] = {}
    created: list[int] = []
    for item in items:
        if item.id not in chosen:
            continue
        parent: int | None = None
        if item.parent_id is not None:
            parent = mapping.get(item.parent_id)
            if parent is None and item.parent_id in by_id:
                parent = same_title.get(fold(by_id[item.parent_id].title))
        data = from_attrs(AgendaItemInput, item)
        new_id = _insert(session, target_meeting_id, data, parent, None)
        mapping[item.id] = new_id
        created.append(new_id)
    if closing is not None and created:
        _place(session, closing, None, None)  # the closing item goes back to the end
    return created


@operation
def copy_items_from(
    s: Session, source_meeting_id: int, target_meeting_id: int, item_ids: list[int] | None = None
) -> int:
    """Copy agenda items from an earlier meeting; returns how many were copied."""
    if source_meeting_id == target_meeting_id:
        raise ValidationError("Quelle und Ziel sind dieselbe Sitzung.")
    source = get_or_raise(s, Meeting, source_meeting_id)
    target = get_or_raise(s, Meeting, target_meeting_id)
    refuse_if_cancelled(target, "das Übernehmen von Tagesordnungspunkten")
    if item_ids is not None and not item_ids:
        raise ValidationError("Bitte mindestens einen Tagesordnungspunkt zum Übernehmen wählen.")
    created = copy_items(s, source.id, target.id, item_ids, before_closing=True)
    audit(
        s,
        "agenda.copy",
        "meeting",
        target.id,
        f"{len(created)} Tagesordnungspunkte aus {source.title} übernommen",
    )
    return len(created)


# --- the election item ------------------------------------------------------------------------


def _election_proposal(session: Session, meeting: Meeting) -> ElectionProposal | None:
    """Propose the election item when the Kommunen chair's term ends before the meeting
    (or within the configured warning months after it) and no election is on a meeting's agenda yet."""
    committee = get_or_raise(session, Committee, meeting.committee_id)
    if committee.kind != CommitteeKind.PLENUM.value or meeting.status not in NOT_HELD:
        return None
    latest = session.scalars(
        select(ChairTerm)
        .where(ChairTerm.committee_id == committee.id, ChairTerm.side == ChairSide.KOMMUNEN.value)
        .order_by(ChairTerm.start_date.desc(), ChairTerm.id.desc())
        .limit(1)
    ).first()
    if latest is None or latest.end_date is None:
        return None
    rules = rules_in(session)
    meeting_day = meeting.start.date()
    if latest.end_date > add_months(meeting_day, rules.chair_warning_months):
        return None
    window_start = add_months(latest.end_date, -max(rules.chair_warning_months, 1))
    planned = session.scalars(
        select(AgendaItem.id)
        .join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(
            Meeting.committee_id == committee.id,
            Meeting.status != MeetingStatus.ABGESAGT.value,
            Meeting.start >= window_start,
            Meeting.start <= meeting.start,
            AgendaItem.kind == AgendaKind.WAHL.value,
            AgendaItem.title == ELECTION_TITLE,
        )
        .limit(1)
    ).first()
    if planned is not None:
        return None
    chair = session.get(Person, latest.person_id)
    return ElectionProposal(meeting.id, ELECTION_TITLE, chair.display_name if chair else "", latest.end_date)


@operation
def propose_election_item(s: Session, meeting_id: int) -> ElectionProposal | None:
    return _election_proposal(s, get_or_raise(s, Meeting, meeting_id))


def _election_item_in(session: Session, meeting: Meeting) -> int:
    existing = session.scalars(
        select(AgendaItem.id).where(
            AgendaItem.meeting_id == meeting.id,
            AgendaItem.kind == AgendaKind.WAHL.value,
            AgendaItem.title == ELECTION_TITLE,
        )
    ).first()
    if existing is not None:
        return existing
    item_id = append_item(session, meeting.id, title=ELECTION_TITLE, kind=AgendaKind.WAHL.value)
    move_before_closing(session, _get_item(session, item_id))
    audit(session, "agenda.election_item", "agenda_item", item_id, f"Wahl-TOP in {meeting.title} aufgenommen")
    return item_id


@operation
def add_election_item(s: Session, meeting_id: int) -> int:
    """Put the election item on the agenda (once), before "Verschiedenes"."""
    meeting = get_or_raise(s, Meeting, meeting_id)
    refuse_if_cancelled(meeting, "das Aufnehmen der Wahl")
    return _election_item_in(s, meeting)


@operation
def add_election_item_to_next_plenary(s: Session, today: date | None = None) -> int | None:
    """Add the election item to the next plenary meeting that has not taken place; None if none is planned."""
    today = today or berlin_today()
    meeting = s.scalars(
        select(Meeting)
        .join(Committee, Meeting.committee_id == Committee.id)
        .where(
            Committee.kind == CommitteeKind.PLENUM.value,
            Meeting.status.in_(NOT_HELD),
            Meeting.start >= datetime.combine(today, time()),
        )
        .order_by(Meeting.start, Meeting.id)
        .limit(1)
    ).first()
    if meeting is None:
        return None
    return _election_item_in(s, meeting)


# --- minutes ----------------------------------------------------------------------------------


def check_minutes(data: MinutesInput) -> None:
    """What can be checked of an item's minutes without the database (votes against voters cannot)."""
    votes = {"Ja": data.votes_yes, "Nein": data.votes_no, "Enthaltung": data.votes_abstain}
    for label, value in votes.items():
        if value is not None and value < 0:
            raise ValidationError(f"Die Zahl der {label}-Stimmen darf nicht negativ sein.", field="votes")
    if data.result is not None and data.result not in {r.value for r in AgendaResult}:
        raise ValidationError(f"Unbekanntes Ergebnis „{data.result}“.", field="result")
    if data.unanimous and data.votes_no:
        raise ValidationError("„Einstimmig“ und Nein-Stimmen schließen sich aus.", field="votes")


@operation
def record_minutes(s: Session, item_id: int, data: MinutesInput) -> None:
    """Save notes, resolution, vote and result of an item. More votes than voters are refused."""
    check_minutes(data)
    total = sum(v or 0 for v in (data.votes_yes, data.votes_no, data.votes_abstain))
    item = _get_item(s, item_id)
    meeting = get_or_raise(s, Meeting, item.meeting_id)
    refuse_if_cancelled(meeting, "eine Niederschrift")
    if total > 0:
        state = quorum_in(s, meeting)
        if total > state.voters:
            bodies = len(state.represented_body_ids)
            raise ValidationError(
                f"Es wurden {total} Stimmen erfasst, aber nur {state.voters} Stimmen sind vertreten "
                f"({bodies} Körperschaften mit je {state.votes_per_body} Stimme"
                f"{'n' if state.votes_per_body != 1 else ''}). Bitte Abstimmung oder Anwesenheit prüfen.",
                field="votes",
            )
    assign(item, data)
    audit(s, "agenda.minutes", "agenda_item", item.id, f"Niederschrift zu TOP {item.number} „{item.title}“")


@operation
def approve_minutes(
    s: Session, meeting_id: int, approved_meeting_id: int | None = None, *, today: date | None = None
) -> int:
    """Record in meeting ``meeting_id`` that the minutes of the previous meeting (or the one given)
    were approved: sets ``minutes_approved_in_id``/``on`` and status "Protokoll genehmigt"."""
    today = today or berlin_today()
    meeting = get_or_raise(s, Meeting, meeting_id)
    refuse_if_cancelled(meeting, "eine Genehmigung der Niederschrift")
    if meeting.start.date() > today:
        raise ValidationError(
            f"Die Sitzung {meeting.label} hat noch nicht stattgefunden; "
            "die Genehmigung kann erst in der Sitzung erfasst werden."
        )
    if approved_meeting_id is None:
        earlier = previous_meeting_of(s, meeting)
        if earlier is None:
            raise ValidationError("Es gibt keine frühere Sitzung dieses Gremiums, deren Niederschrift offen wäre.")
    else:
        earlier = get_or_raise(s, Meeting, approved_meeting_id)
    if earlier.committee_id != meeting.committee_id or earlier.start >= meeting.start:
        raise ValidationError("Genehmigt werden kann nur die Niederschrift einer früheren Sitzung desselben Gremiums.")
    if earlier.status == MeetingStatus.PROTOKOLL_GENEHMIGT.value:
        raise ValidationError(
            f"Die Niederschrift der Sitzung {earlier.label} ist bereits genehmigt"
            + (f" (am {fmt_date(earlier.minutes_approved_on)})." if earlier.minutes_approved_on else ".")
        )
    if earlier.status not in (MeetingStatus.DURCHGEFUEHRT.value, MeetingStatus.PROTOKOLL_ENTWURF.value):
        raise ValidationError(
            f"Die Sitzung {earlier.label} hat den Status „{MeetingStatus(earlier.status).label}“; "
            "eine Niederschrift zum Genehmigen gibt es nicht."
        )
    earlier.minutes_approved_in_id = meeting.id
    earlier.minutes_approved_on = meeting.start.date()
    earlier.status = MeetingStatus.PROTOKOLL_GENEHMIGT.value
    audit(
        s,
        "meeting.minutes_approved",
        "meeting",
        earlier.id,
        f"Niederschrift {earlier.title} in {meeting.title} genehmigt",
    )
    return earlier.id

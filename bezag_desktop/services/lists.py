"""XLSX lists: contacts and distribution lists, the attendance matrix of a year, open action items
and election results. Each gathers plain rows in one session with a fixed number of queries and
hands them to ``exporters.xlsx_lists``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from bezag_desktop.db.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    BallotRound,
    BallotVote,
    Body,
    Committee,
    Election,
    ElectionCandidate,
    Meeting,
    Person,
)
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import (
    ActionStatus,
    AttendanceStatus,
    ElectionStatus,
    InviteRole,
    MeetingStatus,
)
from bezag_desktop.domain.contact import postal_address
from bezag_desktop.domain.elections import ROUND_COUNTS
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.domain.rules import PRESENT
from bezag_desktop.domain.text import fold
from bezag_desktop.domain.timeutil import today as berlin_today
from bezag_desktop.exporters import xlsx_lists
from bezag_desktop.exporters.docx_minutes import ElectionData
from bezag_desktop.exporters.election_data import BallotData
from bezag_desktop.exporters.xlsx_lists import (
    ActionLine,
    AttendanceMatrix,
    ContactLine,
    ContactSheet,
    ElectionLine,
    MatrixBody,
    MatrixMeeting,
)
from bezag_desktop.services.groups import COMMITTEE_ORDER, plenum
from bezag_desktop.services.groups.contacts import PERSON, contact_rows_in, distribution_list
from bezag_desktop.services.meetings import HELD, find_committee
from bezag_desktop.services.representation import office_label
from bezag_desktop.services.store import Store, operation

ALL_CONTACTS_TITLE = "Alle Kontakte"


def _xlsx_target(path: str | Path) -> Path:
    """The file to write, refused (German message) unless it is an .xlsx file."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError(f"„{path.name}“: Bitte einen Dateinamen mit der Endung .xlsx angeben.", "path")
    return path


@dataclass(frozen=True)
class ListResult:
    path: Path
    #: Data rows written (all sheets together).
    rows: int
    sheets: tuple[str, ...]

    @property
    def summary(self) -> str:
        """``153 Zeilen; Tabellenblätter: Alle Kontakte, AG Pflege`` (German number agreement)."""
        rows = "1 Zeile" if self.rows == 1 else f"{self.rows} Zeilen"
        sheets = "Tabellenblatt" if len(self.sheets) == 1 else "Tabellenblätter"
        return f"{rows}; {sheets}: {', '.join(self.sheets)}"


# -------------------------------------------------------------------------------------- contacts


@operation
def contact_sheets(session: Session, committee: int | str | None, on: date) -> list[ContactSheet]:
    """Committee given: its distribution list. Otherwise all active persons plus one sheet per
    committee still in existence (queries: a fixed number plus two per committee, never per person)."""
    persons = {p.id: p for p in session.scalars(select(Person))}
    ags_by_name = {name: ags for name, ags in session.execute(select(Body.name, Body.ags))}

    def line(person_id: int, name: str, organisation: str, org_kind: str | None, role: str, email: str) -> ContactLine:
        p = persons.get(person_id)
        return ContactLine(
            name=name,
            organisation=organisation,
            role=role,
            function=p.function if p is not None else "",
            email=email,
            phone=p.phone if p is not None else "",
            address=postal_address(p.street, p.postcode, p.city) if p is not None else "",
            ags=ags_by_name.get(organisation, "") if org_kind == "body" else "",
        )

    def committee_sheet(c: Committee) -> ContactSheet:
        rows = distribution_list(session, c.id, on)
        return ContactSheet(
            title=c.short_name or c.name,
            rows=tuple(
                line(r.person_id, r.name, r.organisation, r.organisation_kind, r.role_label, r.email) for r in rows
            ),
        )

    if committee is not None:
        return [committee_sheet(find_committee(session, committee))]
    everyone = [
        from_attrs(
            ContactLine,
            r,
            "name",
            "organisation",
            "function",
            "email",
            "phone",
            address=postal_address(persons[r.id].street, persons[r.id].postcode, persons[r.id].city),
            committees=r.committees_text,
            ags=ags_by_name.get(r.organisation, "") if r.organisation_kind == "body" else "",
        )
        for r in contact_rows_in(session, on)
        if r.kind == PERSON and r.active
    ]
    sheets = [ContactSheet(ALL_CONTACTS_TITLE, tuple(everyone), all_contacts=True)]
    order = COMMITTEE_ORDER
    committees = sorted(
        session.scalars(select(Committee).where(Committee.active_on(on))),
        key=lambda c: (order.get(c.kind, 9), fold(c.name)),
    )
    sheets += [committee_sheet(c) for c in committees]
    return sheets


def export_contacts(store: Store, path: str | Path, committee: int | str | None = None) -> ListResult:
    """The contact list (all, with one sheet per committee) or one committee's distribution list."""
    target = _xlsx_target(path)
    sheets = contact_sheets(store, committee, berlin_today())
    xlsx_lists.write_contacts(target, sheets)
    return ListResult(target, sum(len(sh.rows) for sh in sheets), tuple(sh.title for sh in sheets))


# ----------------------------------------------------------------------------- attendance matrix

#: Lower is better: the one status a body gets for a meeting.
_BODY_RANK = {
    AttendanceStatus.ANWESEND.value: 0,
    AttendanceStatus.ONLINE.value: 1,
    AttendanceStatus.VERTRETEN.value: 2,
    AttendanceStatus.ENTSCHULDIGT.value: 3,
    AttendanceStatus.ABWESEND.value: 4,
}


def _body_status(role: str, status: str | None) -> str:
    """A person's attendance seen from the body: a deputy in the room means "vertreten"."""
    if status is None:
        return ""
    present = status in PRESENT
    if role == InviteRole.STELLVERTRETUNG.value:
        # a deputy who did not come says nothing about the body
        return AttendanceStatus.VERTRETEN.value if present else ""
    if status == AttendanceStatus.GAST.value:
        return ""
    return status


@operation
def attendance_matrix(session: Session, year: int, committee: int | str | None = None) -> AttendanceMatrix:
    """Bodies × meetings of a year: one status per cell (three queries)."""
    c = plenum(session) if committee is None else find_committee(session, committee)
    meetings = list(
        session.scalars(
            select(Meeting)
            .where(
                Meeting.committee_id == c.id,
                Meeting.year == year,
                Meeting.status != MeetingStatus.ABGESAGT.value,
            )
            .order_by(Meeting.start, Meeting.id)
        )
    )
    bodies = list(session.scalars(select(Body).where(Body.active.is_(True)).order_by(Body.sort_order, Body.name)))
    cells: dict[tuple[int, int], str] = {}
    if meetings:
        for meeting_id, body_id, role, status in session.execute(
            select(Attendance.meeting_id, Attendance.body_id, Attendance.role, Attendance.status).where(
                Attendance.meeting_id.in_([m.id for m in meetings]), Attendance.body_id.is_not(None)
            )
        ):
            value = _body_status(role, status)
            if not value or body_id is None:
                continue
            key = (body_id, meeting_id)
            old = cells.get(key)
            if old is None or _BODY_RANK.get(value, 9) < _BODY_RANK.get(old, 9):
                cells[key] = value
    return AttendanceMatrix(
        committee=c.name,
        year=year,
        meetings=tuple(MatrixMeeting(m.display_title, m.start, m.status in HELD) for m in meetings),
        bodies=tuple(MatrixBody(b.name, b.ags, tuple(cells.get((b.id, m.id), "") for m in meetings)) for b in bodies),
    )


def export_attendance_matrix(
    store: Store, path: str | Path, year: int, committee: int | str | None = None
) -> ListResult:
    target = _xlsx_target(path)
    if not 1990 <= year <= 2200:
        raise ValidationError(f"{year} ist kein plausibles Jahr.", "year")
    matrix = attendance_matrix(store, year, committee)
    xlsx_lists.write_attendance_matrix(target, matrix)
    return ListResult(target, len(matrix.bodies), (f"Anwesenheit {year}",))


# ---------------------------------------------------------------------------------------- actions


@operation
def open_actions(session: Session) -> list[ActionLine]:
    """Action items not done, soonest due first (one query)."""
    source = aliased(Meeting)
    rows = session.execute(
        select(ActionItem, Committee.name, source, AgendaItem.number, Person, Body.name)
        .outerjoin(Committee, ActionItem.committee_id == Committee.id)
        .outerjoin(source, ActionItem.meeting_id == source.id)
        .outerjoin(AgendaItem, ActionItem.agenda_item_id == AgendaItem.id)
        .outerjoin(Person, ActionItem.responsible_person_id == Person.id)
        .outerjoin(Body, ActionItem.responsible_body_id == Body.id)
        .where(ActionItem.status != ActionStatus.ERLEDIGT.value)
    ).all()
    lines = []
    for a, committee, meeting, number, person, body in rows:
        lines.append(
            ActionLine(
                text=a.text,
                committee=committee or "",
                meeting=meeting.display_title if meeting is not None else "",
                meeting_date=meeting.start.date() if meeting is not None else None,
                agenda_number=number or "",
                responsible=person.display_name if person is not None else "",
                body=body or "",
                due=a.due_date,
                status=a.status,
                created_on=a.created_on,
                notes=a.notes,
            )
        )
    lines.sort(key=lambda x: (x.due is None, x.due or date.max, x.created_on or date.min, fold(x.text)))
    return lines


def export_actions(store: Store, path: str | Path) -> ListResult:
    target = _xlsx_target(path)
    lines = open_actions(store)
    xlsx_lists.write_actions(target, lines, today=berlin_today())
    return ListResult(target, len(lines), ("Offene Aufgaben",))


# -------------------------------------------------------------------------------------- elections


def _elections(session: Session) -> list[tuple[Election, ElectionData]]:
    """Every election with candidates, rounds and votes as recorded; five queries at most.

    The minutes show a meeting's elections as the Vertretungen area's sheets instead (with the
    verdicts of the election rule); for the list of all elections that would cost queries per election.
    """
    elections = list(session.scalars(select(Election).order_by(Election.held_on, Election.id)))
    if not elections:
        return []
    ids = [e.id for e in elections]
    candidates: dict[int, list[int]] = defaultdict(list)
    for election_id, person_id in session.execute(
        select(ElectionCandidate.election_id, ElectionCandidate.person_id)
        .where(ElectionCandidate.election_id.in_(ids))
        .order_by(ElectionCandidate.id)
    ):
        candidates[election_id].append(person_id)
    rounds = list(
        session.scalars(
            select(BallotRound).where(BallotRound.election_id.in_(ids)).order_by(BallotRound.number, BallotRound.id)
        )
    )
    votes: dict[int, list[tuple[int, int]]] = defaultdict(list)
    if rounds:
        for round_id, person_id, n in session.execute(
            select(BallotVote.round_id, BallotVote.person_id, BallotVote.votes)
            .where(BallotVote.round_id.in_([r.id for r in rounds]))
            .order_by(BallotVote.votes.desc(), BallotVote.id)
        ):
            votes[round_id].append((person_id, n))
    wanted: set[int] = {pid for ps in candidates.values() for pid in ps}
    wanted |= {e.elected_person_id for e in elections if e.elected_person_id}
    wanted |= {r.lot_winner_id for r in rounds if r.lot_winner_id}
    wanted |= {pid for vs in votes.values() for pid, _ in vs}
    names = {p.id: p.display_name for p in session.scalars(select(Person).where(Person.id.in_(wanted)))}
    by_election: dict[int, list[BallotRound]] = defaultdict(list)
    for r in rounds:
        by_election[r.election_id].append(r)
    out: list[tuple[Election, ElectionData]] = []
    for e in elections:
        ballots = tuple(
            from_attrs(
                BallotData,
                r,
                *ROUND_COUNTS,
                "yes_votes",
                "no_votes",
                "lot_note",
                "outcome",
                votes=tuple((names.get(pid, ""), n) for pid, n in votes.get(r.id, [])),
                lot_winner=names.get(r.lot_winner_id, "") if r.lot_winner_id else "",
            )
            for r in by_election.get(e.id, [])
        )
        data = from_attrs(
            ElectionData,
            e,
            "electorate",
            "term_start",
            "term_end",
            "notes",
            office=office_label(e.office, e.office_label),
            candidates=tuple(names.get(pid, "") for pid in candidates.get(e.id, [])),
            rounds=ballots,
            elected=names.get(e.elected_person_id, "") if e.elected_person_id else "",
        )
        out.append((e, data))
    return out


@operation
def election_lines(session: Session) -> list[ElectionLine]:
    """Every election with its rounds (a fixed number of queries)."""
    found = _elections(session)
    meeting_ids = {e.meeting_id for e, _ in found if e.meeting_id}
    meetings: dict[int, tuple[str, str, date | None]] = {}
    if meeting_ids:
        for m, cname in session.execute(
            select(Meeting, Committee.name)
            .join(Committee, Meeting.committee_id == Committee.id)
            .where(Meeting.id.in_(meeting_ids))
        ):
            meetings[m.id] = (m.display_title, cname, m.start.date())
    lines = []
    for e, data in found:
        title, cname, held = meetings.get(e.meeting_id or 0, ("", "", None))
        status = ElectionStatus.label_for(e.status)
        # Every other field of the line is the election's data of the same name.
        lines.append(
            from_attrs(ElectionLine, data, held_on=e.held_on or held, committee=cname, meeting=title, status=status)
        )
    lines.sort(key=lambda x: (x.held_on or date.min,))
    return lines


def export_election_results(store: Store, path: str | Path) -> ListResult:
    target = _xlsx_target(path)
    lines = election_lines(store)
    xlsx_lists.write_election_results(target, lines)
    return ListResult(target, len(lines), ("Wahlen", "Wahlgänge"))

"""Elections held in a meeting: evaluating ballot rounds, recording the result, the chair term it creates.

The verdict comes from ``domain.elections`` (DOMAIN.md rule 8 as configured). When a lot is needed the
user enters its outcome; it is kept on the round (``lot_winner_id``, ``lot_note``). A decided election
for a chair office creates the chair term: it starts the day after the current term's end (or on the
meeting day when nobody holds the office), lasts ``chair_term_years`` and closes the predecessor's term
the day before. Reading (the sheet, lists, candidates) is in ``election_queries.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import (
    AgendaItem,
    BallotRound,
    BallotVote,
    Body,
    ChairTerm,
    Committee,
    Election,
    ElectionCandidate,
    Meeting,
)
from bezag_desktop.domain.attrs import attrs_of
from bezag_desktop.domain.codes import AgendaKind, BallotKind, ChairSide, CommitteeKind, ElectionOffice, ElectionStatus
from bezag_desktop.domain.elections import ROUND_COUNTS, ElectionOutcome, evaluate, first_step
from bezag_desktop.domain.elections import ElectionRules as DomainElectionRules
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.domain.timeutil import term_end
from bezag_desktop.services.audit import audit
from bezag_desktop.services.records import get_or_raise
from bezag_desktop.services.representation.chairs import open_term_in
from bezag_desktop.services.representation.election_queries import (
    CHAIR_SIDE,
    ELIGIBLE_KINDS,
    ElectionInput,
    ElectionSheet,
    Preview,
    election_sheet,
    electorate_for,
    eligible_candidates,
    names_in,
    office_label,
)
from bezag_desktop.services.settings import rules_in
from bezag_desktop.services.store import Store, operation


def _term_for(session: Session, office: str, held_on: date, years: int) -> tuple[date, date | None] | None:
    """Start and end of the chair term an election creates: after the current holder's term, else from the day."""
    side = CHAIR_SIDE.get(office)
    if side is None:
        return None
    current = session.scalar(
        select(ChairTerm)
        .where(
            ChairTerm.side == side,
            ChairTerm.valid_on(held_on),
        )
        .order_by(ChairTerm.start_date.desc())
    )
    start = held_on
    if current is not None and current.end_date is not None:
        start = current.end_date + timedelta(days=1)
    if side == ChairSide.BEZIRK.value:
        return start, None
    return start, term_end(start, years)


def _evaluate_in(session: Session, data: ElectionInput) -> tuple[Meeting, int, ElectionOutcome, dict[int, str]]:
    meeting = get_or_raise(session, Meeting, data.meeting_id)
    rules = rules_in(session)
    if data.office not in ELIGIBLE_KINDS:
        raise ValidationError(f"Unbekanntes Amt „{data.office}“.", field="office")
    if data.office == ElectionOffice.SONSTIGES.value and not data.office_label.strip():
        raise ValidationError("Bitte das Amt benennen, um das es bei der Wahl geht.", field="office_label")
    if data.office in CHAIR_SIDE:
        committee = session.get(Committee, meeting.committee_id)
        if committee is None or committee.kind != CommitteeKind.PLENUM.value:
            raise ValidationError("Der Vorsitz wird in einer Plenarsitzung gewählt.", field="meeting")
    eligible = {c.person_id for c in eligible_candidates(session, meeting.id, data.office)}
    names = names_in(session, data.candidates)
    for pid in data.candidates:
        if pid not in eligible:
            who = names.get(pid, f"Person {pid}")
            raise ValidationError(
                f"{who} ist für das Amt „{office_label(data.office, data.office_label)}“ nicht wählbar: "
                "wählbar sind Personen mit einem am Sitzungstag laufenden Mandat "
                f"{'eines Landkreises oder einer kreisfreien Stadt' if data.office == ElectionOffice.VORSITZ_KOMMUNEN.value else 'im Plenum'}.",
                field="candidates",
            )
    electorate = data.electorate
    if electorate is None:
        electorate = electorate_for(session, meeting.id).size
    else:
        bodies = session.scalar(select(func.count(Body.id)).where(Body.active.is_(True))) or 0
        most = bodies * rules.votes_per_body
        if electorate > most:
            raise ValidationError(
                f"Es kann höchstens {most} Stimmberechtigte geben ({bodies} Körperschaften, je "
                f"{rules.votes_per_body} Stimme(n)).",
                field="electorate",
            )
    outcome = evaluate(data.candidates, [r.ballot() for r in data.rounds], electorate, rules, names)
    return meeting, electorate, outcome, names


def preview(store: Store, data: ElectionInput) -> Preview:
    """Evaluate without writing (the dialog's live verdict). Raises ``ValidationError`` like saving would."""
    with store.session() as s:
        meeting, electorate, outcome, _names = _evaluate_in(s, data)
        term = None
        if outcome.elected is not None:
            term = _term_for(s, data.office, meeting.start.date(), rules_in(s).chair_term_years)
    return Preview(outcome, electorate, term[0] if term else None, term[1] if term else None)


def first_round_kind(store: Store, candidates: Sequence[int]) -> str:
    """Ja/Nein for a single candidate when so configured, else an ordinary ballot."""
    with store.session() as s:
        return first_step(candidates, DomainElectionRules.from_rules(rules_in(s))).kind


# --- writing ----------------------------------------------------------------------------------


def _store_rounds(session: Session, election: Election, data: ElectionInput, outcome: ElectionOutcome) -> None:
    for entered, result in zip(data.rounds, outcome.rounds, strict=True):
        if len(entered.lot_winners) > 1 and result.number == len(data.rounds):
            raise ValidationError(
                f"Wahlgang {result.number}: Nach einem Los um beide Plätze der Stichwahl bitte die Stichwahl "
                "erfassen, bevor die Wahl gespeichert wird.",
                field="rounds",
            )
        row = BallotRound(
            election_id=election.id,
            **attrs_of(result, *ROUND_COUNTS),
            yes_votes=result.yes,
            no_votes=result.no,
            lot_winner_id=entered.lot_winners[0] if entered.lot_winners else None,
            lot_note=entered.lot_note.strip() if entered.lot_winners else "",
            # The counts stand beside the verdict on the sheet and in the minutes: keep the verdict alone.
            outcome=result.summary or result.text,
        )
        session.add(row)
        session.flush()
        if result.kind != BallotKind.JA_NEIN.value:
            # Every candidate on the ballot gets a row (also with 0): it records who stood in this round.
            for pid, votes in result.ranking:
                session.add(BallotVote(round_id=row.id, person_id=pid, votes=votes))


def _agenda_item_for(session: Session, meeting_id: int, wanted: int | None, election_id: int | None) -> int | None:
    """The agenda item the election belongs to: the one given (checked), else the meeting's first free "Wahl" item."""
    if wanted is not None:
        item = session.get(AgendaItem, wanted)
        if item is None or item.meeting_id != meeting_id:
            raise ValidationError(
                "Der gewählte Tagesordnungspunkt gehört nicht zu dieser Sitzung.", field="agenda_item"
            )
        return wanted
    taken = select(Election.agenda_item_id).where(Election.agenda_item_id.is_not(None))
    if election_id is not None:
        taken = taken.where(Election.id != election_id)
    return session.scalar(
        select(AgendaItem.id)
        .where(
            AgendaItem.meeting_id == meeting_id,
            AgendaItem.kind == AgendaKind.WAHL.value,
            AgendaItem.id.not_in(taken),
        )
        .order_by(AgendaItem.position, AgendaItem.id)
        .limit(1)
    )


@operation
def record_election(s: Session, data: ElectionInput, election_id: int | None = None) -> ElectionSheet:
    """Record (or, while still open, replace) an election with its rounds.

    A decided election is closed; for a chair office it creates the chair term and ends the
    predecessor's term the day before. A closed election cannot be changed.
    """
    meeting, electorate, outcome, _names = _evaluate_in(s, data)
    held_on = meeting.start.date()
    if election_id is None:
        election = Election()
        s.add(election)
    else:
        found = get_or_raise(s, Election, election_id)
        if found.status == ElectionStatus.ABGESCHLOSSEN.value:
            raise ValidationError("Die Wahl ist abgeschlossen und kann nicht mehr geändert werden.")
        election = found
        s.execute(delete(BallotRound).where(BallotRound.election_id == election.id))
        s.execute(delete(ElectionCandidate).where(ElectionCandidate.election_id == election.id))
    election.meeting_id = meeting.id
    election.agenda_item_id = _agenda_item_for(s, meeting.id, data.agenda_item_id, election_id)
    election.office = data.office
    election.office_label = data.office_label.strip()
    election.electorate = electorate
    election.held_on = held_on
    election.notes = data.notes.strip()
    election.status = ElectionStatus.ABGESCHLOSSEN.value if outcome.finished else ElectionStatus.OFFEN.value
    election.elected_person_id = outcome.elected
    s.flush()
    for pid in data.candidates:
        s.add(ElectionCandidate(election_id=election.id, person_id=pid))
    _store_rounds(s, election, data, outcome)
    summary = f"{office_label(data.office, data.office_label)}, {meeting.label}: {outcome.text}"
    audit(s, "election.record", "election", election.id, summary)
    if outcome.elected is not None:
        term = _term_for(s, data.office, held_on, rules_in(s).chair_term_years)
        if term is not None:
            start, end = term
            side = CHAIR_SIDE[data.office]
            open_term_in(
                s,
                side,
                outcome.elected,
                start,
                end,
                election_id=election.id,
                notes=f"gewählt in der Sitzung {meeting.label}",
            )
            election.term_start, election.term_end = start, end
    s.flush()
    return election_sheet(s, election.id)


@operation
def delete_election(s: Session, election_id: int) -> None:
    """Remove an open (undecided) election; a closed one stays for the record."""
    election = get_or_raise(s, Election, election_id)
    if election.status == ElectionStatus.ABGESCHLOSSEN.value:
        raise ValidationError("Eine abgeschlossene Wahl kann nicht gelöscht werden.")
    audit(s, "election.delete", "election", election.id, "offene Wahl gelöscht")
    s.delete(election)

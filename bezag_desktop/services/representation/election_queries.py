"""Elections, reading: the plain rows (sheet, list, dialog inputs), eligible candidates, the electorate.

``election_sheet`` returns plain data for the window and the minutes; writing and evaluating an
election is in ``elections.py``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bezag_desktop.db.models import (
    BallotRound,
    BallotVote,
    Body,
    ChairTerm,
    Committee,
    Election,
    ElectionCandidate,
    Meeting,
    Membership,
    Person,
)
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import (
    BallotKind,
    BodyKind,
    ChairSide,
    CommitteeKind,
    ElectionOffice,
    ElectionStatus,
    MeetingStatus,
    MembershipRole,
)
from bezag_desktop.domain.elections import Ballot, ElectionOutcome, RoundResult, evaluate
from bezag_desktop.domain.elections import ElectionRules as DomainElectionRules
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.domain.timeutil import fmt_date
from bezag_desktop.services.meetings import quorum_in
from bezag_desktop.services.records import get_or_raise, not_found_message
from bezag_desktop.services.representation.mandates import PLENUM_ROLES
from bezag_desktop.services.settings import rules_in
from bezag_desktop.services.store import Store, operation

#: Which bodies' representatives may stand for an office.
ELIGIBLE_KINDS: dict[str, tuple[str, ...]] = {
    ElectionOffice.VORSITZ_KOMMUNEN.value: (BodyKind.LANDKREIS.value, BodyKind.KREISFREIE_STADT.value),
    ElectionOffice.VORSITZ_BEZIRK.value: (BodyKind.BEZIRK.value,),
    ElectionOffice.SONSTIGES.value: tuple(k.value for k in BodyKind),
}
#: The chair side an office fills.
CHAIR_SIDE = {
    ElectionOffice.VORSITZ_KOMMUNEN.value: ChairSide.KOMMUNEN.value,
    ElectionOffice.VORSITZ_BEZIRK.value: ChairSide.BEZIRK.value,
}


def office_label(office: str, custom: str = "") -> str:
    """The office as the window and the minutes name it: the own wording of "sonstiges Amt" first."""
    if office == ElectionOffice.SONSTIGES.value and custom.strip():
        return custom.strip()
    try:
        return ElectionOffice(office).label
    except ValueError:
        return custom.strip() or office  # a code of another version of the program


# --- plain data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingOption:
    id: int
    label: str
    day: date
    status: str


@dataclass(frozen=True)
class CandidateOption:
    person_id: int
    name: str
    body: str
    role: str

    @property
    def label(self) -> str:
        return f"{self.name} ({MembershipRole(self.role).label}, {self.body})"


@dataclass(frozen=True)
class Electorate:
    """Who may vote: the represented bodies of the meeting times the votes per body."""

    represented_bodies: int
    votes_per_body: int

    @property
    def size(self) -> int:
        return self.represented_bodies * self.votes_per_body

    @property
    def text(self) -> str:
        if self.votes_per_body == 1:
            return f"{self.size} Stimmberechtigte ({self.represented_bodies} vertretene Körperschaften, je 1 Stimme)"
        return (
            f"{self.size} Stimmen ({self.represented_bodies} vertretene Körperschaften, "
            f"je {self.votes_per_body} Stimmen)"
        )


@dataclass(frozen=True)
class RoundInput(Ballot):
    """One ballot round as entered: the counted ballot (``votes`` per candidate id, ``lot_winners``
    when a lot was drawn) and the note on how the lot was drawn."""

    lot_note: str = ""

    @classmethod
    def from_ballot(cls, ballot: Ballot, lot_note: str = "") -> RoundInput:
        return cls(**_ballot_values(ballot), lot_note=lot_note)

    def ballot(self) -> Ballot:
        """The ballot alone, as the election rule (``domain.elections``) counts it."""
        return Ballot(**_ballot_values(self))


def _ballot_values(ballot: Ballot) -> dict[str, Any]:
    values = {f.name: getattr(ballot, f.name) for f in fields(Ballot)}
    values["votes"] = dict(ballot.votes)  # a copy: the entered mapping may be the dialog's own
    return values


@dataclass(frozen=True)
class ElectionInput:
    meeting_id: int
    candidates: tuple[int, ...]
    rounds: tuple[RoundInput, ...] = ()
    office: str = ElectionOffice.VORSITZ_KOMMUNEN.value
    office_label: str = ""
    agenda_item_id: int | None = None
    #: None: computed from the meeting's attendance.
    electorate: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class SheetRound:
    number: int
    kind: str
    kind_label: str
    ballots_cast: int
    abstentions: int
    invalid: int
    valid: int
    majority: int
    #: (candidate name, votes) as counted, most votes first; empty for a yes/no round.
    votes: tuple[tuple[str, int], ...]
    yes: int
    no: int
    lot_winners: tuple[str, ...]
    lot_note: str
    verdict: str
    text: str


@dataclass(frozen=True)
class ElectionSheet:
    """Everything the election sheet and the minutes show."""

    id: int
    meeting_id: int | None
    meeting: str
    held_on: date | None
    office: str
    office_label: str
    electorate: int
    status: str
    candidate_ids: tuple[int, ...]
    candidates: tuple[str, ...]
    rounds: tuple[SheetRound, ...]
    elected_person_id: int | None
    elected: str
    result_text: str
    term_start: date | None
    term_end: date | None
    chair_term_id: int | None
    notes: str

    @property
    def status_label(self) -> str:
        return ElectionStatus(self.status).label

    @property
    def title(self) -> str:
        return f"Wahl: {self.office_label}"

    def lines(self) -> list[str]:
        """Plain German text for the minutes, one paragraph per line."""
        out = [
            f"{self.title} in der Sitzung {self.meeting}".rstrip(),
            f"Stimmberechtigt: {self.electorate}. Bewerbungen: {', '.join(self.candidates) or '–'}.",
        ]
        for r in self.rounds:
            counts = f"{r.ballots_cast} abgegebene Stimmzettel, davon {r.valid} gültig"
            if r.abstentions or r.invalid:
                counts += f", {r.abstentions} leer, {r.invalid} ungültig"
            if r.kind == BallotKind.JA_NEIN.value:
                detail = f"Ja {r.yes}, Nein {r.no}"
            else:
                detail = ", ".join(f"{n} {v}" for n, v in r.votes)
            line = f"{r.number}. {r.kind_label}: {counts}. {detail}."
            if r.lot_winners:
                line += f" Los: {', '.join(r.lot_winners)}."
                if r.lot_note:
                    line += f" ({r.lot_note})"
            out.append(line)
            out.append(r.text)
        out.append(self.result_text)
        if self.term_start is not None:
            until = f" bis {fmt_date(self.term_end)}" if self.term_end else ""
            out.append(f"Amtszeit ab {fmt_date(self.term_start)}{until}.")
        if self.notes:
            out.append(f"Vermerk: {self.notes}")
        return out


@dataclass(frozen=True)
class ElectionRow:
    id: int
    held_on: date | None
    meeting: str
    office_label: str
    status: str
    elected: str
    rounds: int

    @property
    def status_label(self) -> str:
        return ElectionStatus(self.status).label


@dataclass(frozen=True)
class Preview:
    """The live verdict while the dialog is filled in."""

    outcome: ElectionOutcome
    electorate: int
    #: Start and end of the chair term the result would create (None when nobody is elected yet).
    term_start: date | None
    term_end: date | None


# --- reading ----------------------------------------------------------------------------------


def meeting_options(store: Store) -> list[MeetingOption]:
    """Plenary meetings that were not cancelled, newest first (for the election dialog)."""
    with store.session() as s:
        rows = s.scalars(
            select(Meeting)
            .join(Committee, Committee.id == Meeting.committee_id)
            .where(Committee.kind == CommitteeKind.PLENUM.value, Meeting.status != MeetingStatus.ABGESAGT.value)
            .order_by(Meeting.start.desc())
        ).all()
        return [MeetingOption(m.id, m.label, m.start.date(), m.status) for m in rows]


@operation
def eligible_candidates(
    session: Session, meeting_id: int, office: str = ElectionOffice.VORSITZ_KOMMUNEN.value
) -> list[CandidateOption]:
    """Who may stand: persons with a plenary mandate valid on the meeting's day for a body that may
    fill ``office`` (for the Kommunen chair a Landkreis or Stadt); one query besides the meeting."""
    on = get_or_raise(session, Meeting, meeting_id).start.date()
    if office not in ELIGIBLE_KINDS:
        raise ValidationError(f"Unbekanntes Amt „{office}“.", field="office")
    rows = session.execute(
        select(Person.id, Person.display_name, Body.name, Membership.role)
        .join(Membership, Membership.person_id == Person.id)
        .join(Body, Body.id == Membership.body_id)
        .join(Committee, Committee.id == Membership.committee_id)
        .where(
            Committee.kind == CommitteeKind.PLENUM.value,
            Person.active.is_(True),
            Body.kind.in_(ELIGIBLE_KINDS[office]),
            Membership.role.in_(PLENUM_ROLES),
            Membership.valid_on(on),
        )
        .order_by(Person.last_name, Person.first_name, Person.id)
    ).all()
    seen: set[int] = set()
    out: list[CandidateOption] = []
    for pid, name, body, role in rows:
        if pid not in seen:
            seen.add(pid)
            out.append(CandidateOption(pid, name, body, role))
    return out


@operation
def electorate_for(s: Session, meeting_id: int) -> Electorate:
    """One vote per represented body by default (Geschäftsordnung ``votes_per_body``), from the attendance."""
    state = quorum_in(s, get_or_raise(s, Meeting, meeting_id))
    return Electorate(len(state.represented_body_ids), state.votes_per_body)


def names_in(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """Display names of these persons (one query)."""
    rows = session.execute(select(Person.id, Person.display_name).where(Person.id.in_(list(ids)))).all()
    return {i: name for i, name in rows}


def ballot_form_note(store: Store) -> str:
    """The sentence on how the election is held, by the Geschäftsordnung (the dialog's default note)."""
    with store.session() as s:
        secret = rules_in(s).election_secret_ballot
    if secret:
        return "Geheime Wahl mit Stimmzetteln."
    return "Offene Wahl (die Geschäftsordnung sieht keine geheime Wahl vor)."


# --- the sheet --------------------------------------------------------------------------------


def _ballots_from_rows(
    candidates: Sequence[int],
    rounds: Sequence[BallotRound],
    votes: Mapping[int, list[tuple[int, int]]],
    electorate: int,
    rules: DomainElectionRules,
) -> list[Ballot]:
    """Rebuild the domain's ballots; a lot for both runoff places names its second person in the runoff."""
    ballots: list[Ballot] = []
    for index, r in enumerate(rounds):
        counted = dict(votes.get(r.id, []))
        base = from_attrs(
            Ballot, r, "kind", "ballots_cast", "abstentions", "invalid", votes=counted, yes=r.yes_votes, no=r.no_votes
        )
        lot: tuple[int, ...] = ()
        if r.lot_winner_id is not None:
            lot = (r.lot_winner_id,)
            pending = evaluate(candidates, [*ballots, base], electorate, rules).rounds[-1]
            if pending.places == 2 and index + 1 < len(rounds):
                runoff = [pid for pid, _ in votes.get(rounds[index + 1].id, []) if pid != r.lot_winner_id]
                lot = (r.lot_winner_id, *runoff[:1])
        ballots.append(replace(base, lot_winners=lot))
    return ballots


def _rounds_and_votes(session: Session, election_id: int) -> tuple[list[BallotRound], dict[int, list[tuple[int, int]]]]:
    """The election's rounds in order and, per round id, the (person, votes) counted; two queries."""
    rounds = list(
        session.scalars(select(BallotRound).where(BallotRound.election_id == election_id).order_by(BallotRound.number))
    )
    votes: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for round_id, pid, n in session.execute(
        select(BallotVote.round_id, BallotVote.person_id, BallotVote.votes)
        .where(BallotVote.round_id.in_([r.id for r in rounds]))
        .order_by(BallotVote.id)
    ):
        votes[round_id].append((pid, n))
    return rounds, votes


def _sheet_round(
    r: BallotRound, result: RoundResult | None, counted_votes: Sequence[tuple[int, int]], names: Mapping[int, str]
) -> SheetRound:
    """One round for the sheet: as evaluated by the current rules, or as recorded when they no longer fit."""
    counted = sorted(counted_votes, key=lambda pv: -pv[1])
    lot_names: tuple[str, ...] = ()
    if result is not None:
        lot_names = tuple(names.get(p, f"Person {p}") for p in result.lot_winners)
    elif r.lot_winner_id is not None:
        lot_names = (names.get(r.lot_winner_id, f"Person {r.lot_winner_id}"),)
    return SheetRound(
        number=r.number,
        kind=r.kind,
        kind_label=BallotKind(r.kind).label,
        ballots_cast=r.ballots_cast,
        abstentions=r.abstentions,
        invalid=r.invalid,
        valid=result.valid if result else sum(v for _, v in counted) + r.yes_votes + r.no_votes,
        majority=result.majority if result else 0,
        votes=tuple((names.get(p, f"Person {p}"), v) for p, v in counted),
        yes=r.yes_votes,
        no=r.no_votes,
        lot_winners=lot_names,
        lot_note=r.lot_note,
        verdict=result.verdict.value if result else "",
        text=r.outcome,
    )


@operation
def election_sheet(session: Session, election_id: int) -> ElectionSheet:
    """Rounds, verdict texts and the result of one election, as plain data (window and minutes)."""
    election = get_or_raise(session, Election, election_id)
    meeting = session.get(Meeting, election.meeting_id) if election.meeting_id else None
    candidates = list(
        session.scalars(
            select(ElectionCandidate.person_id)
            .where(ElectionCandidate.election_id == election.id)
            .order_by(ElectionCandidate.id)
        )
    )
    rounds, votes = _rounds_and_votes(session, election.id)
    ids = set(candidates) | {election.elected_person_id or 0}
    names = names_in(session, sorted(ids))
    rules = DomainElectionRules.from_rules(rules_in(session))
    results: tuple[RoundResult, ...] = ()
    result_text = ""
    if candidates and election.electorate > 0:
        try:
            ballots = _ballots_from_rows(candidates, rounds, votes, election.electorate, rules)
            outcome = evaluate(candidates, ballots, election.electorate, rules, names)
            results, result_text = outcome.rounds, outcome.text
        except ValidationError:
            # The rules changed since (e.g. the tie rule): show the rounds as recorded.
            results = ()
    by_number = {r.number: r for r in results}
    sheet_rounds = [_sheet_round(r, by_number.get(r.number), votes.get(r.id, []), names) for r in rounds]
    elected = names.get(election.elected_person_id, "") if election.elected_person_id else ""
    if not result_text:
        result_text = f"Ergebnis: {elected} ist gewählt." if elected else "Die Wahl ist noch nicht entschieden."
    term_id = session.scalar(select(ChairTerm.id).where(ChairTerm.election_id == election.id))
    return ElectionSheet(
        id=election.id,
        meeting_id=election.meeting_id,
        meeting=meeting.label if meeting else "",
        held_on=election.held_on,
        office=election.office,
        office_label=office_label(election.office, election.office_label),
        electorate=election.electorate,
        status=election.status,
        candidate_ids=tuple(candidates),
        candidates=tuple(names.get(p, f"Person {p}") for p in candidates),
        rounds=tuple(sheet_rounds),
        elected_person_id=election.elected_person_id,
        elected=elected,
        result_text=result_text,
        term_start=election.term_start,
        term_end=election.term_end,
        chair_term_id=term_id,
        notes=election.notes,
    )


def election_input(store: Store, election_id: int) -> ElectionInput:
    """An open election's data for editing it further in the dialog."""
    with store.session() as s:
        election = s.get(Election, election_id)
        if election is None or election.meeting_id is None:
            raise NotFoundError(not_found_message(Election, election_id))
        sheet = election_sheet(s, election_id)
        rounds, votes = _rounds_and_votes(s, election.id)
        ballots = _ballots_from_rows(
            sheet.candidate_ids, rounds, votes, election.electorate, DomainElectionRules.from_rules(rules_in(s))
        )
        return ElectionInput(
            meeting_id=election.meeting_id,
            candidates=sheet.candidate_ids,
            rounds=tuple(RoundInput.from_ballot(b, r.lot_note) for b, r in zip(ballots, rounds, strict=True)),
            office=election.office,
            office_label=election.office_label,
            agenda_item_id=election.agenda_item_id,
            electorate=election.electorate,
            notes=election.notes,
        )


def list_elections(store: Store) -> list[ElectionRow]:
    """All elections, newest first (two queries whatever the number of elections)."""
    with store.session() as s:
        counts: dict[int, int] = {
            election_id: n
            for election_id, n in s.execute(
                select(BallotRound.election_id, func.count(BallotRound.id)).group_by(BallotRound.election_id)
            )
        }
        rows = s.execute(
            select(Election, Meeting, Person)
            .outerjoin(Meeting, Meeting.id == Election.meeting_id)
            .outerjoin(Person, Person.id == Election.elected_person_id)
            .order_by(Election.held_on.desc(), Election.id.desc())
        ).all()
        return [
            ElectionRow(
                id=e.id,
                held_on=e.held_on,
                meeting=m.label if m is not None else "",
                office_label=office_label(e.office, e.office_label),
                status=e.status,
                elected=p.display_name if p is not None else "",
                rounds=counts.get(e.id, 0),
            )
            for e, m, p in rows
        ]


@operation
def elections_for_meeting(s: Session, meeting_id: int) -> list[ElectionSheet]:
    """The sheets of a meeting's elections, for the minutes (Niederschrift)."""
    ids = list(s.scalars(select(Election.id).where(Election.meeting_id == meeting_id).order_by(Election.id)))
    return [election_sheet(s, i) for i in ids]

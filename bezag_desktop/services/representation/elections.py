"""Elections held in a meeting: eligible candidates, the electorate, ballot rounds, the result, the chair term.

The verdict comes from ``domain.elections`` (DOMAIN.md rule 8 as configured). When a lot is needed the
user enters its outcome; it is kept on the round (``lot_winner_id``, ``lot_note``). A decided election
for a chair office creates the chair term: it starts the day after the current term's end (or on the
meeting day when nobody holds the office), lasts ``chair_term_years`` and closes the predecessor's term
the day before. ``election_sheet`` returns plain data for the window and the minutes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import delete, func, or_, select
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
    Membership,
    Person,
)
from bezag_desktop.domain.codes import (
    AgendaKind,
    BallotKind,
    BodyKind,
    ChairSide,
    CommitteeKind,
    ElectionOffice,
    ElectionStatus,
    MeetingStatus,
    MembershipRole,
)
from bezag_desktop.domain.elections import Ballot, ElectionOutcome, RoundResult, evaluate, first_step
from bezag_desktop.domain.elections import ElectionRules as DomainElectionRules
from bezag_desktop.domain.errors import NotFoundError, ValidationError
from bezag_desktop.domain.timeutil import fmt_date, term_end
from bezag_desktop.services.audit import audit
from bezag_desktop.services.meetings.core import quorum_in
from bezag_desktop.services.representation.chairs import open_term_in
from bezag_desktop.services.settings import rules_in
from bezag_desktop.services.store import Store

#: Which bodies' representatives may stand for an office.
_ELIGIBLE_KINDS: dict[str, tuple[str, ...]] = {
    ElectionOffice.VORSITZ_KOMMUNEN.value: (BodyKind.LANDKREIS.value, BodyKind.KREISFREIE_STADT.value),
    ElectionOffice.VORSITZ_BEZIRK.value: (BodyKind.BEZIRK.value,),
    ElectionOffice.SONSTIGES.value: tuple(k.value for k in BodyKind),
}
#: The chair side an office fills.
_CHAIR_SIDE = {
    ElectionOffice.VORSITZ_KOMMUNEN.value: ChairSide.KOMMUNEN.value,
    ElectionOffice.VORSITZ_BEZIRK.value: ChairSide.BEZIRK.value,
}


def office_label(office: str, custom: str = "") -> str:
    if office == ElectionOffice.SONSTIGES.value and custom.strip():
        return custom.strip()
    return ElectionOffice(office).label


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
class RoundInput:
    """One ballot round as entered; ``votes`` per candidate id; ``lot_winners`` when a lot was drawn."""

    kind: str
    ballots_cast: int
    votes: Mapping[int, int] = field(default_factory=dict)
    abstentions: int = 0
    invalid: int = 0
    yes: int = 0
    no: int = 0
    lot_winners: tuple[int, ...] = ()
    lot_note: str = ""

    def ballot(self) -> Ballot:
        return Ballot(
            kind=self.kind,
            ballots_cast=self.ballots_cast,
            votes=dict(self.votes),
            abstentions=self.abstentions,
            invalid=self.invalid,
            yes=self.yes,
            no=self.no,
            lot_winners=self.lot_winners,
        )


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


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError(f"Die Sitzung Nr. {meeting_id} gibt es nicht.")
    return meeting


def _meeting_label(meeting: Meeting) -> str:
    title = meeting.title or f"{meeting.number}. Sitzung {meeting.year}"
    return f"„{title}“ am {fmt_date(meeting.start)}"


def meeting_options(store: Store) -> list[MeetingOption]:
    """Plenary meetings that were not cancelled, newest first (for the election dialog)."""
    with store.session() as s:
        rows = s.scalars(
            select(Meeting)
            .join(Committee, Committee.id == Meeting.committee_id)
            .where(Committee.kind == CommitteeKind.PLENUM.value, Meeting.status != MeetingStatus.ABGESAGT.value)
            .order_by(Meeting.start.desc())
        ).all()
        return [MeetingOption(m.id, _meeting_label(m), m.start.date(), m.status) for m in rows]


def eligible_in(session: Session, office: str, on: date) -> list[CandidateOption]:
    """Persons with a plenary mandate valid on ``on`` for a body that may fill ``office`` (one query)."""
    if office not in _ELIGIBLE_KINDS:
        raise ValidationError(f"Unbekanntes Amt „{office}“.", field="office")
    rows = session.execute(
        select(Person.id, Person.title, Person.first_name, Person.last_name, Body.name, Membership.role)
        .join(Membership, Membership.person_id == Person.id)
        .join(Body, Body.id == Membership.body_id)
        .join(Committee, Committee.id == Membership.committee_id)
        .where(
            Committee.kind == CommitteeKind.PLENUM.value,
            Person.active.is_(True),
            Body.kind.in_(_ELIGIBLE_KINDS[office]),
            Membership.role.in_([MembershipRole.MITGLIED.value, MembershipRole.STELLVERTRETUNG.value]),
            or_(Membership.start_date.is_(None), Membership.start_date <= on),
            or_(Membership.end_date.is_(None), Membership.end_date >= on),
        )
        .order_by(Person.last_name, Person.first_name, Person.id)
    ).all()
    seen: set[int] = set()
    out: list[CandidateOption] = []
    for pid, title, first, last, body, role in rows:
        if pid not in seen:
            seen.add(pid)
            out.append(CandidateOption(pid, " ".join(p for p in (title, first, last) if p), body, role))
    return out


def eligible_candidates(
    store: Store, meeting_id: int, office: str = ElectionOffice.VORSITZ_KOMMUNEN.value
) -> list[CandidateOption]:
    """Who may stand: for the Kommunen chair, persons with a current mandate of a Landkreis or Stadt."""
    with store.session() as s:
        return eligible_in(s, office, _meeting(s, meeting_id).start.date())


def electorate_in(session: Session, meeting: Meeting) -> Electorate:
    state = quorum_in(session, meeting)
    return Electorate(len(state.represented_body_ids), state.votes_per_body)


def electorate_for(store: Store, meeting_id: int) -> Electorate:
    """One vote per represented body by default (Geschäftsordnung ``votes_per_body``), from the attendance."""
    with store.session() as s:
        return electorate_in(s, _meeting(s, meeting_id))


def _names_in(session: Session, ids: Sequence[int]) -> dict[int, str]:
    rows = session.execute(
        select(Person.id, Person.title, Person.first_name, Person.last_name).where(Person.id.in_(list(ids)))
    ).all()
    return {i: " ".join(p for p in (t, f, last) if p) for i, t, f, last in rows}


def _term_for(session: Session, office: str, held_on: date, years: int) -> tuple[date, date | None] | None:
    """Start and end of the chair term an election creates: after the current holder's term, else from the day."""
    side = _CHAIR_SIDE.get(office)
    if side is None:
        return None
    current = session.scalar(
        select(ChairTerm)
        .where(
            ChairTerm.side == side,
            ChairTerm.start_date <= held_on,
            or_(ChairTerm.end_date.is_(None), ChairTerm.end_date >= held_on),
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
    meeting = _meeting(session, data.meeting_id)
    rules = rules_in(session)
    if data.office not in _ELIGIBLE_KINDS:
        raise ValidationError(f"Unbekanntes Amt „{data.office}“.", field="office")
    if data.office == ElectionOffice.SONSTIGES.value and not data.office_label.strip():
        raise ValidationError("Bitte das Amt benennen, um das es bei der Wahl geht.", field="office_label")
    if data.office in _CHAIR_SIDE:
        committee = session.get(Committee, meeting.committee_id)
        if committee is None or committee.kind != CommitteeKind.PLENUM.value:
            raise ValidationError("Der Vorsitz wird in einer Plenarsitzung gewählt.", field="meeting")
    eligible = {c.person_id for c in eligible_in(session, data.office, meeting.start.date())}
    names = _names_in(session, data.candidates)
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
        electorate = electorate_in(session, meeting).size
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
            number=result.number,
            kind=result.kind,
            ballots_cast=result.ballots_cast,
            abstentions=result.abstentions,
            invalid=result.invalid,
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


def ballot_form_note(store: Store) -> str:
    """The sentence on how the election is held, by the Geschäftsordnung (the dialog's default note)."""
    with store.session() as s:
        secret = rules_in(s).election_secret_ballot
    if secret:
        return "Geheime Wahl mit Stimmzetteln."
    return "Offene Wahl (die Geschäftsordnung sieht keine geheime Wahl vor)."


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


def record_election(store: Store, data: ElectionInput, election_id: int | None = None) -> ElectionSheet:
    """Record (or, while still open, replace) an election with its rounds.

    A decided election is closed; for a chair office it creates the chair term and ends the
    predecessor's term the day before. A closed election cannot be changed.
    """
    with store.session() as s:
        meeting, electorate, outcome, _names = _evaluate_in(s, data)
        held_on = meeting.start.date()
        if election_id is None:
            election = Election()
            s.add(election)
        else:
            found = s.get(Election, election_id)
            if found is None:
                raise NotFoundError(f"Die Wahl Nr. {election_id} gibt es nicht.")
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
        summary = f"{office_label(data.office, data.office_label)}, {_meeting_label(meeting)}: {outcome.text}"
        audit(s, "election.record", "election", election.id, summary)
        if outcome.elected is not None:
            term = _term_for(s, data.office, held_on, rules_in(s).chair_term_years)
            if term is not None:
                start, end = term
                side = _CHAIR_SIDE[data.office]
                open_term_in(
                    s,
                    side,
                    outcome.elected,
                    start,
                    end,
                    election_id=election.id,
                    notes=f"gewählt in der Sitzung {_meeting_label(meeting)}",
                )
                election.term_start, election.term_end = start, end
        s.flush()
        return _sheet_in(s, election.id)


def delete_election(store: Store, election_id: int) -> None:
    """Remove an open (undecided) election; a closed one stays for the record."""
    with store.session() as s:
        election = s.get(Election, election_id)
        if election is None:
            raise NotFoundError(f"Die Wahl Nr. {election_id} gibt es nicht.")
        if election.status == ElectionStatus.ABGESCHLOSSEN.value:
            raise ValidationError("Eine abgeschlossene Wahl kann nicht gelöscht werden.")
        audit(s, "election.delete", "election", election.id, "offene Wahl gelöscht")
        s.delete(election)


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
        base = Ballot(
            kind=r.kind,
            ballots_cast=r.ballots_cast,
            votes=counted,
            abstentions=r.abstentions,
            invalid=r.invalid,
            yes=r.yes_votes,
            no=r.no_votes,
        )
        lot: tuple[int, ...] = ()
        if r.lot_winner_id is not None:
            lot = (r.lot_winner_id,)
            pending = evaluate(candidates, [*ballots, base], electorate, rules).rounds[-1]
            if pending.places == 2 and index + 1 < len(rounds):
                runoff = [pid for pid, _ in votes.get(rounds[index + 1].id, []) if pid != r.lot_winner_id]
                lot = (r.lot_winner_id, *runoff[:1])
        ballots.append(
            Ballot(
                kind=base.kind,
                ballots_cast=base.ballots_cast,
                votes=base.votes,
                abstentions=base.abstentions,
                invalid=base.invalid,
                yes=base.yes,
                no=base.no,
                lot_winners=lot,
            )
        )
    return ballots


def _sheet_in(session: Session, election_id: int) -> ElectionSheet:
    election = session.get(Election, election_id)
    if election is None:
        raise NotFoundError(f"Die Wahl Nr. {election_id} gibt es nicht.")
    meeting = session.get(Meeting, election.meeting_id) if election.meeting_id else None
    candidates = list(
        session.scalars(
            select(ElectionCandidate.person_id)
            .where(ElectionCandidate.election_id == election.id)
            .order_by(ElectionCandidate.id)
        )
    )
    rounds = list(
        session.scalars(select(BallotRound).where(BallotRound.election_id == election.id).order_by(BallotRound.number))
    )
    votes: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for round_id, pid, n in session.execute(
        select(BallotVote.round_id, BallotVote.person_id, BallotVote.votes)
        .where(BallotVote.round_id.in_([r.id for r in rounds]))
        .order_by(BallotVote.id)
    ):
        votes[round_id].append((pid, n))
    ids = set(candidates) | {election.elected_person_id or 0}
    names = _names_in(session, sorted(ids))
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
    sheet_rounds = []
    for r in rounds:
        result = by_number.get(r.number)
        counted = sorted(votes.get(r.id, []), key=lambda pv: -pv[1])
        lot_names: tuple[str, ...] = ()
        if result is not None:
            lot_names = tuple(names.get(p, f"Person {p}") for p in result.lot_winners)
        elif r.lot_winner_id is not None:
            lot_names = (names.get(r.lot_winner_id, f"Person {r.lot_winner_id}"),)
        sheet_rounds.append(
            SheetRound(
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
        )
    elected = names.get(election.elected_person_id, "") if election.elected_person_id else ""
    if not result_text:
        result_text = f"Ergebnis: {elected} ist gewählt." if elected else "Die Wahl ist noch nicht entschieden."
    term_id = session.scalar(select(ChairTerm.id).where(ChairTerm.election_id == election.id))
    return ElectionSheet(
        id=election.id,
        meeting_id=election.meeting_id,
        meeting=_meeting_label(meeting) if meeting else "",
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


def election_sheet(store: Store, election_id: int) -> ElectionSheet:
    """Rounds, verdict texts and the result of one election, as plain data (window and minutes)."""
    with store.session() as s:
        return _sheet_in(s, election_id)


def election_input(store: Store, election_id: int) -> ElectionInput:
    """An open election's data for editing it further in the dialog."""
    with store.session() as s:
        election = s.get(Election, election_id)
        if election is None or election.meeting_id is None:
            raise NotFoundError(f"Die Wahl Nr. {election_id} gibt es nicht.")
        sheet = _sheet_in(s, election_id)
        rounds = list(
            s.scalars(select(BallotRound).where(BallotRound.election_id == election.id).order_by(BallotRound.number))
        )
        votes: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for round_id, pid, n in s.execute(
            select(BallotVote.round_id, BallotVote.person_id, BallotVote.votes).where(
                BallotVote.round_id.in_([r.id for r in rounds])
            )
        ):
            votes[round_id].append((pid, n))
        ballots = _ballots_from_rows(
            sheet.candidate_ids, rounds, votes, election.electorate, DomainElectionRules.from_rules(rules_in(s))
        )
        return ElectionInput(
            meeting_id=election.meeting_id,
            candidates=sheet.candidate_ids,
            rounds=tuple(
                RoundInput(
                    kind=b.kind,
                    ballots_cast=b.ballots_cast,
                    votes=dict(b.votes),
                    abstentions=b.abstentions,
                    invalid=b.invalid,
                    yes=b.yes,
                    no=b.no,
                    lot_winners=b.lot_winners,
                    lot_note=r.lot_note,
                )
                for b, r in zip(ballots, rounds, strict=True)
            ),
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
                meeting=_meeting_label(m) if m is not None else "",
                office_label=office_label(e.office, e.office_label),
                status=e.status,
                elected=p.display_name if p is not None else "",
                rounds=counts.get(e.id, 0),
            )
            for e, m, p in rows
        ]


def elections_for_meeting(store: Store, meeting_id: int) -> list[ElectionSheet]:
    """The sheets of a meeting's elections, for the minutes (Niederschrift)."""
    with store.session() as s:
        ids = list(s.scalars(select(Election.id).where(Election.meeting_id == meeting_id).order_by(Election.id)))
        return [_sheet_in(s, i) for i in ids]

"""Demo data: the election of the Kommunen chair (two rounds, a runoff) and its re-elections.

Recorded through the election service as the election dialog does: the service evaluates the
rounds by the Geschäftsordnung, closes the election and opens the chair term (ending the
predecessor's). The electorate is what the meeting's attendance gives.
"""

from __future__ import annotations

from datetime import date

from bezag_desktop.demo.builder import Builder, DemoPerson, MeetingInfo, Minutes, as_chair, plural
from bezag_desktop.demo.people import Candidates
from bezag_desktop.domain import timeutil
from bezag_desktop.domain.codes import AgendaResult, BallotKind, ChairSide
from bezag_desktop.services.representation import election_queries as queries
from bezag_desktop.services.representation import elections


def _first_round(b: Builder, valid: int) -> tuple[int, int, int]:
    """Votes for three candidates: the leader gets at most half, in a strict order (the runoff pair is clear)."""
    for _attempt in range(200):
        v_a = b.rng.randint(valid // 3 + 1, valid // 2)
        v_b = b.rng.randint(valid // 4, v_a - 1)
        v_c = valid - v_a - v_b
        if v_a > v_b > v_c >= 1:
            break
    else:  # pragma: no cover - the quorum keeps at least 11 valid votes, where the loop always succeeds
        v_a = valid // 2
        v_c = max(1, (valid - v_a) // 3)
        v_b = valid - v_a - v_c
    return v_a, v_b, v_c


def constituent_election(b: Builder, info: MeetingInfo, item_id: int, candidates: Candidates) -> None:
    """Nobody wins the first round; the runoff between the two strongest decides."""
    rng = b.rng
    electorate = queries.electorate_for(b.store, info.id).size
    a, second, third = (m.person for m in candidates.people)
    abst1, inv1 = 1, rng.randint(0, 1)
    valid1 = electorate - abst1 - inv1
    v_a, v_b, v_c = _first_round(b, valid1)
    abst2 = rng.randint(0, 1)
    valid2 = electorate - abst2
    w_a = valid2 // 2 + 1 + rng.randint(1, 3)
    w_b = valid2 - w_a
    rounds = (
        queries.RoundInput(
            kind=BallotKind.WAHLGANG.value,
            ballots_cast=electorate,
            votes={a.id: v_a, second.id: v_b, third.id: v_c},
            abstentions=abst1,
            invalid=inv1,
        ),
        queries.RoundInput(
            kind=BallotKind.STICHWAHL.value,
            ballots_cast=electorate,
            votes={a.id: w_a, second.id: w_b},
            abstentions=abst2,
        ),
    )
    elections.record_election(
        b.store,
        queries.ElectionInput(
            meeting_id=info.id,
            candidates=(a.id, second.id, third.id),
            rounds=rounds,
            agenda_item_id=item_id,
            notes=queries.ballot_form_note(b.store),
        ),
    )
    end = timeutil.term_end(info.day, b.rules.chair_term_years)
    notes = (
        f"Wahlleitung: {_chair_of_day(b, info.day).name}. Zur Wahl stehen {a.name}, {second.name} und "
        f"{third.name}. Erster Wahlgang: {v_a}, {v_b} und {v_c} Stimmen, "
        f"{plural(abst1, 'Enthaltung', 'Enthaltungen')}, {inv1} ungültig; niemand erreicht mehr als die Hälfte "
        f"der gültigen Stimmen. Stichwahl: {a.name} {w_a}, {second.name} {w_b} Stimmen, "
        f"{plural(abst2, 'Enthaltung', 'Enthaltungen')}. {a.name} nimmt die Wahl an."
    )
    resolution = (
        f"{a.name} ist in der Stichwahl mit {w_a} von {valid2} gültigen Stimmen {as_chair(a, dative=True)} der Landkreise "
        f"und kreisfreien Städte gewählt. Amtszeit: {timeutil.fmt_date(info.day)} bis {timeutil.fmt_date(end)}."
    )
    info.minutes.append((item_id, Minutes(notes, resolution, AgendaResult.BESCHLOSSEN)))


def reelection(b: Builder, info: MeetingInfo, item_id: int, chair: DemoPerson) -> None:
    """The chair stands alone for a further term: a yes/no ballot."""
    start, end = b.reelections[info.day]
    voters = queries.electorate_for(b.store, info.id).size
    no, abstain = b.rng.randint(0, 2), b.rng.randint(0, 2)
    yes = voters - no - abstain
    elections.record_election(
        b.store,
        queries.ElectionInput(
            meeting_id=info.id,
            candidates=(chair.id,),
            rounds=(
                queries.RoundInput(
                    kind=BallotKind.JA_NEIN.value, ballots_cast=voters, abstentions=abstain, yes=yes, no=no
                ),
            ),
            agenda_item_id=item_id,
            notes=queries.ballot_form_note(b.store),
        ),
    )
    notes = f"Einzige Bewerbung: {chair.name}. Wahl mit Ja/Nein-Stimmzetteln."
    resolution = (
        f"{chair.name} ist mit {yes} Ja-Stimmen bei {no} Nein-Stimmen und "
        f"{plural(abstain, 'Enthaltung', 'Enthaltungen')} wiedergewählt. Amtszeit: {timeutil.fmt_date(start)} "
        f"bis {timeutil.fmt_date(end)}."
    )
    info.minutes.append((item_id, Minutes(notes, resolution, AgendaResult.BESCHLOSSEN)))


def _chair_of_day(b: Builder, day: date) -> DemoPerson:
    """Who leads the constituent election: the Bezirk's chair."""
    return next(c.person for c in b.chairs_on(day) if c.side == ChairSide.BEZIRK.value)

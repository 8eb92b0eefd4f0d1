"""Elections in a meeting: eligibility, electorate from attendance, rounds, the lot, the chair term, the sheet."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from factories import add_chair, add_person, body_id, body_ids, meeting_with_attendance, seat_plenary
from querycount import count_queries
from sqlalchemy import func, select

from bezag_desktop.db.models import BallotRound, ChairTerm, Election
from bezag_desktop.domain.codes import ElectionOffice
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.services import settings
from bezag_desktop.services.representation import chairs, election_queries, elections
from bezag_desktop.services.representation.election_queries import ElectionInput, RoundInput
from bezag_desktop.services.store import Store

DAY = datetime(2027, 1, 28, 10, 0)


@pytest.fixture
def seats(store: Store) -> dict[int, tuple[int, int]]:
    return {seat.body_id: (seat.member_id, seat.deputy_id) for seat in seat_plenary(store)}


@pytest.fixture
def meeting(store: Store, seats: dict[int, tuple[int, int]]) -> int:
    """20 bodies present with their member, 2 represented by the deputy, 2 excused: 22 voters."""
    ids = body_ids(store)
    present = {b: seats[b][0] for b in ids[:20]}
    represented = {b: seats[b] for b in ids[20:22]}
    excused = {b: seats[b][0] for b in ids[22:]}
    return meeting_with_attendance(store, DAY, present=present, represented=represented, excused=excused)


def _kommunen(store: Store, seats: dict[int, tuple[int, int]], n: int) -> list[int]:
    """Members of the first ``n`` Landkreise/Städte (the Bezirk is body 1)."""
    ids = body_ids(store)
    return [seats[b][0] for b in ids[1 : n + 1]]


def _election_count(store: Store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count(Election.id))) or 0


def test_eligible_candidates_are_kommunen_representatives(
    store: Store, seats: dict[int, tuple[int, int]], meeting: int
) -> None:
    options = election_queries.eligible_candidates(store, meeting)
    ids = {o.person_id for o in options}
    bezirk = body_id(store, "091")
    assert seats[bezirk][0] not in ids
    assert seats[bezirk][1] not in ids
    assert len(options) == 46  # 23 bodies × member and deputy
    assert options[0].label.endswith(")")
    bezirk_options = election_queries.eligible_candidates(store, meeting, ElectionOffice.VORSITZ_BEZIRK.value)
    assert {o.person_id for o in bezirk_options} == set(seats[bezirk])


def test_a_mandate_ended_before_the_meeting_is_not_eligible(
    store: Store, seats: dict[int, tuple[int, int]], meeting: int
) -> None:
    from bezag_desktop.services.representation.mandates import end_mandate, list_mandates

    member = _kommunen(store, seats, 1)[0]
    mid = list_mandates(store, person_id=member)[0].id
    end_mandate(store, mid, date(2027, 1, 27))
    assert member not in {o.person_id for o in election_queries.eligible_candidates(store, meeting)}


def test_electorate_from_attendance(store: Store, meeting: int) -> None:
    electorate = election_queries.electorate_for(store, meeting)
    assert electorate.size == 22
    assert electorate.text.startswith("22 Stimmberechtigte (22 vertretene Körperschaften")
    settings.save_rules(store, replace(settings.get_rules(store), votes_per_body=2))
    assert election_queries.electorate_for(store, meeting).size == 44


def test_election_with_runoff_creates_the_chair_term(
    store: Store, seats: dict[int, tuple[int, int]], meeting: int
) -> None:
    a, b, c = _kommunen(store, seats, 3)
    old_chair = add_person(store, last="Vorgänger", first="Volker")
    old = add_chair(store, person_id=old_chair, side="kommunen", start=date(2024, 1, 30), end=date(2027, 1, 29))
    data = ElectionInput(
        meeting_id=meeting,
        candidates=(a, b, c),
        rounds=(
            RoundInput("wahlgang", 22, {a: 9, b: 8, c: 3}, abstentions=1, invalid=1),
            RoundInput("stichwahl", 22, {a: 10, b: 12}),
        ),
    )
    sheet = elections.record_election(store, data)
    assert sheet.status == "abgeschlossen"
    assert sheet.elected_person_id == b
    assert sheet.electorate == 22
    assert [r.verdict for r in sheet.rounds] == ["stichwahl", "gewaehlt"]
    assert sheet.rounds[0].valid == 20
    assert sheet.rounds[0].votes[0][1] == 9
    assert "Stichwahl zwischen" in sheet.rounds[0].text
    # The new term starts the day after the current one ends and lasts chair_term_years (3).
    assert (sheet.term_start, sheet.term_end) == (date(2027, 1, 30), date(2030, 1, 29))
    with store.session() as s:
        new = s.scalar(select(ChairTerm).where(ChairTerm.election_id == sheet.id))
        assert new is not None
        assert (new.side, new.person_id) == ("kommunen", b)
        previous = s.get(ChairTerm, old)
        assert previous is not None
        assert previous.end_date == date(2027, 1, 29)
        current = chairs.current_chairs(s, date(2027, 2, 1))
    assert [(r.side, r.person_id, r.election_id) for r in current] == [("kommunen", b, sheet.id)]
    lines = sheet.lines()
    assert lines[0].startswith("Wahl: Vorsitz der Landkreise und kreisfreien Städte in der Sitzung")
    assert any(line.startswith("2. Stichwahl: 22 abgegebene Stimmzettel") for line in lines)
    assert lines[-1] == "Amtszeit ab 30.01.2027 bis 29.01.2030."


def test_without_a_current_term_the_term_starts_on_the_meeting_day(
    store: Store, seats: dict[int, tuple[int, int]], meeting: int
) -> None:
    a, b = _kommunen(store, seats, 2)
    open_ended = add_chair(
        store, person_id=add_person(store, last="Ewig", first="Erna"), side="kommunen", start=date(2020, 1, 1), end=None
    )
    settings.save_rules(store, replace(settings.get_rules(store), chair_term_years=5))
    sheet = elections.record_election(
        store, ElectionInput(meeting, (a, b), (RoundInput("wahlgang", 22, {a: 15, b: 7}),))
    )
    assert (sheet.term_start, sheet.term_end) == (date(2027, 1, 28), date(2032, 1, 27))
    with store.session() as s:
        t = s.get(ChairTerm, open_ended)
        assert t is not None
        assert t.end_date == date(2027, 1, 27)


def test_ineligible_candidate_refused(store: Store, seats: dict[int, tuple[int, int]], meeting: int) -> None:
    bezirk_member = seats[body_id(store, "091")][0]
    a = _kommunen(store, seats, 1)[0]
    with pytest.raises(ValidationError, match="nicht wählbar"):
        elections.record_election(store, ElectionInput(meeting, (a, bezirk_member)))
    assert _election_count(store) == 0


def test_more_ballots_than_voters_refused(store: Store, seats: dict[int, tuple[int, int]], meeting: int) -> None:
    a, b = _kommunen(store, seats, 2)
    with pytest.raises(ValidationError, match="Mehr Stimmzettel als Stimmberechtigte"):
        elections.record_election(store, ElectionInput(meeting, (a, b), (RoundInput("wahlgang", 23, {a: 12, b: 11}),)))
    assert _election_count(store) == 0


def test_electorate_override_is_bounded(store: Store, seats: dict[int, tuple[int, int]], meeting: int) -> None:
    a, b = _kommunen(store, seats, 2)
    with pytest.raises(ValidationError, match="höchstens 24 Stimmberechtigte"):
        elections.record_election(store, ElectionInput(meeting, (a, b), electorate=25))
    sheet = elections.record_election(
        store, ElectionInput(meeting, (a, b), (RoundInput("wahlgang", 23, {a: 12, b: 11}),), electorate=23)
    )
    assert sheet.electorate == 23


def test_lot_in_the_runoff_is_recorded(store: Store, seats: dict[int, tuple[int, int]], meeting: int) -> None:
    a, b, c = _kommunen(store, seats, 3)
    first = RoundInput("wahlgang", 22, {a: 9, b: 9, c: 4})
    tie = RoundInput("stichwahl", 22, {a: 11, b: 11})
    pending = elections.preview(store, ElectionInput(meeting, (a, b, c), (first, tie)))
    assert pending.outcome.lot_pending is not None
    assert pending.term_start is None
    # Saved while the lot is pending: open, no chair term.
    sheet = elections.record_election(store, ElectionInput(meeting, (a, b, c), (first, tie)))
    assert sheet.status == "offen"
    assert sheet.chair_term_id is None
    assert "Losentscheid" in sheet.result_text
    decided = replace(tie, lot_winners=(a,), lot_note="Gezogen von der Schriftführerin")
    sheet = elections.record_election(store, ElectionInput(meeting, (a, b, c), (first, decided)), election_id=sheet.id)
    assert sheet.status == "abgeschlossen"
    assert sheet.elected_person_id == a
    assert sheet.chair_term_id is not None
    assert sheet.rounds[1].lot_note == "Gezogen von der Schriftführerin"
    with store.session() as s:
        r = s.scalar(select(BallotRound).where(BallotRound.election_id == sheet.id, BallotRound.number == 2))
        assert r is not None
        assert (r.lot_winner_id, r.lot_note) == (a, "Gezogen von der Schriftführerin")
    assert "Los:" in " ".join(sheet.lines())
    with pytest.raises(ValidationError, match="abgeschlossen"):
        elections.record_election(store, ElectionInput(meeting, (a, b, c), (first, decided)), election_id=sheet.id)


def test_tie_for_second_place_by_lot_then_runoff(store: Store, seats: dict[int, tuple[int, int]], meeting: int) -> None:
    a, b, c = _kommunen(store, seats, 3)
    rounds = (
        RoundInput("wahlgang", 22, {a: 10, b: 6, c: 6}, lot_winners=(c,), lot_note="Los durch den Vorsitz"),
        RoundInput("stichwahl", 22, {a: 10, c: 12}),
    )
    sheet = elections.record_election(store, ElectionInput(meeting, (a, b, c), rounds))
    assert sheet.elected_person_id == c
    assert sheet.rounds[0].verdict == "los_stichwahlplatz"
    assert sheet.rounds[0].lot_winners == (sheet.candidates[2],)


def test_lot_for_both_runoff_places_needs_the_runoff_before_saving(
    store: Store, seats: dict[int, tuple[int, int]], meeting: int
) -> None:
    a, b, c = _kommunen(store, seats, 3)
    first = RoundInput("wahlgang", 21, {a: 7, b: 7, c: 7}, lot_winners=(c, a))
    with pytest.raises(ValidationError, match="bitte die Stichwahl erfassen"):
        elections.record_election(store, ElectionInput(meeting, (a, b, c), (first,)))
    sheet = elections.record_election(
        store, ElectionInput(meeting, (a, b, c), (first, RoundInput("stichwahl", 21, {c: 9, a: 12})))
    )
    assert sheet.elected_person_id == a
    assert sheet.rounds[0].verdict == "los_stichwahlplatz"
    # Reading it back rebuilds both lot winners from the runoff.
    again = election_queries.election_input(store, sheet.id)
    assert set(again.rounds[0].lot_winners) == {a, c}


def test_repeated_ballot_rule(store: Store, seats: dict[int, tuple[int, int]], meeting: int) -> None:
    settings.save_rules(store, replace(settings.get_rules(store), election_runoff_tie_rule="wiederholung"))
    a, b, c = _kommunen(store, seats, 3)
    rounds = (
        RoundInput("wahlgang", 22, {a: 10, b: 6, c: 6}),
        RoundInput("wiederholung", 22, {b: 9, c: 13}),
        RoundInput("stichwahl", 22, {a: 12, c: 10}),
    )
    sheet = elections.record_election(store, ElectionInput(meeting, (a, b, c), rounds))
    assert [r.verdict for r in sheet.rounds] == ["wiederholung", "stichwahl", "gewaehlt"]
    assert sheet.elected_person_id == a


def test_single_candidate_yes_no(store: Store, seats: dict[int, tuple[int, int]], meeting: int) -> None:
    (a,) = _kommunen(store, seats, 1)
    assert elections.first_round_kind(store, [a]) == "ja_nein"
    failed = elections.record_election(
        store, ElectionInput(meeting, (a,), (RoundInput("ja_nein", 22, yes=10, no=10, abstentions=2),))
    )
    assert failed.status == "abgeschlossen"
    assert failed.elected_person_id is None
    assert failed.chair_term_id is None
    assert "Niemand ist gewählt" in failed.result_text
    elected = elections.record_election(
        store, ElectionInput(meeting, (a,), (RoundInput("ja_nein", 22, yes=15, no=5, invalid=2),))
    )
    assert elected.elected_person_id == a
    assert elected.rounds[0].yes == 15


def test_list_elections_and_delete_open(store: Store, seats: dict[int, tuple[int, int]], meeting: int) -> None:
    a, b = _kommunen(store, seats, 2)
    done = elections.record_election(
        store, ElectionInput(meeting, (a, b), (RoundInput("wahlgang", 22, {a: 15, b: 7}),))
    )
    open_one = elections.record_election(
        store, ElectionInput(meeting, (a, b), office=ElectionOffice.SONSTIGES.value, office_label="Schriftführung")
    )
    rows = election_queries.list_elections(store)
    assert {(r.id, r.status, r.rounds) for r in rows} == {(done.id, "abgeschlossen", 1), (open_one.id, "offen", 0)}
    assert {r.office_label for r in rows} == {"Vorsitz der Landkreise und kreisfreien Städte", "Schriftführung"}
    with pytest.raises(ValidationError, match="abgeschlossene Wahl"):
        elections.delete_election(store, done.id)
    elections.delete_election(store, open_one.id)
    assert [r.id for r in election_queries.list_elections(store)] == [done.id]
    assert [s.id for s in election_queries.elections_for_meeting(store, meeting)] == [done.id]


def test_list_elections_query_count_is_constant(store: Store, seats: dict[int, tuple[int, int]], meeting: int) -> None:
    a, b = _kommunen(store, seats, 2)
    data = ElectionInput(meeting, (a, b), office=ElectionOffice.SONSTIGES.value, office_label="Kasse")
    elections.record_election(store, data)
    with count_queries(store.engine) as few:
        election_queries.list_elections(store)
    for _ in range(6):
        elections.record_election(store, replace(data, rounds=(RoundInput("wahlgang", 22, {a: 15, b: 7}),)))
    with count_queries(store.engine) as many:
        assert len(election_queries.list_elections(store)) == 7
    assert many.count == few.count


def test_sheet_keeps_the_verdict_apart_from_the_counts_and_feeds_the_minutes(
    store: Store, seats: dict[int, tuple[int, int]], meeting: int
) -> None:
    from bezag_desktop.services.meetings.agenda import append_item
    from bezag_desktop.services.meetings.minutes_content import minutes_data

    a, b, c = _kommunen(store, seats, 3)
    with store.session() as s:
        append_item(s, meeting, title="Bericht der Geschäftsstelle")
        wahl = append_item(s, meeting, title="Wahl des Vorsitzes", kind="wahl")
    data = ElectionInput(
        meeting_id=meeting,
        candidates=(a, b, c),
        rounds=(
            RoundInput("wahlgang", 22, {a: 9, b: 8, c: 3}, abstentions=1, invalid=1),
            RoundInput("stichwahl", 22, {a: 10, b: 12}),
        ),
        notes=election_queries.ballot_form_note(store),
    )
    sheet = elections.record_election(store, data)
    # The stored verdict does not repeat the count that the sheet shows beside it.
    first, runoff = sheet.rounds
    assert first.text.startswith("Niemand erhält mehr als die Hälfte der gültigen Stimmen (mindestens 11)")
    assert "gültige Stimmen (" not in first.text
    assert runoff.text.endswith("ist gewählt.")
    assert sheet.notes == "Geheime Wahl mit Stimmzetteln."
    assert sheet.lines()[-1] == "Vermerk: Geheime Wahl mit Stimmzetteln."
    # The election belongs to the meeting's "Wahl" item, so the minutes show it there.
    with store.session() as s:
        assert s.scalar(select(Election.agenda_item_id).where(Election.id == sheet.id)) == wahl
        minutes = minutes_data(s, meeting)
    item = next(i for i in minutes.items if i.id == wahl)
    assert [e.elected for e in item.elections] == [sheet.elected]
    assert item.elections[0].rounds[0].outcome == first.text
    assert not any(i.elections for i in minutes.items if i.id != wahl)


def test_ballot_form_note_follows_the_setting(store: Store) -> None:
    assert election_queries.ballot_form_note(store) == "Geheime Wahl mit Stimmzetteln."
    settings.save_rules(store, replace(settings.get_rules(store), election_secret_ballot=False))
    assert election_queries.ballot_form_note(store).startswith("Offene Wahl")


def test_agenda_item_of_another_meeting_refused(store: Store, seats: dict[int, tuple[int, int]], meeting: int) -> None:
    from bezag_desktop.services.meetings.agenda import append_item

    other = meeting_with_attendance(store, datetime(2027, 3, 3, 10, 0), present={})
    with store.session() as s:
        foreign = append_item(s, other, title="Wahl", kind="wahl")
    a = _kommunen(store, seats, 1)[0]
    data = ElectionInput(meeting_id=meeting, candidates=(a,), rounds=(), agenda_item_id=foreign)
    with pytest.raises(ValidationError, match="gehört nicht zu dieser Sitzung"):
        elections.record_election(store, data)
    assert _election_count(store) == 0


@pytest.mark.parametrize(
    ("office", "custom", "expected"),
    [
        ("vorsitz_bezirk", "", "Vorsitz des Bezirks"),
        ("sonstiges", " Schriftführung ", "Schriftführung"),
        ("sonstiges", "", "sonstiges Amt"),
        # a code from another version of the program: its own wording, else the code, never a traceback
        ("kassenwart", "Kassenwart", "Kassenwart"),
        ("kassenwart", "", "kassenwart"),
    ],
)
def test_office_label_is_one_wording_for_window_and_minutes(office: str, custom: str, expected: str) -> None:
    assert election_queries.office_label(office, custom) == expected

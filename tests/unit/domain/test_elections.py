"""The election rule (DOMAIN.md rule 8): every path of the verdict, every refusal."""

from __future__ import annotations

import pytest

from bezag_desktop.domain.codes import BallotKind, RunoffTieRule
from bezag_desktop.domain.elections import Ballot, ElectionRules, Verdict, evaluate, first_step
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.domain.rules import RulesOfProcedure

A, B, C, D = 1, 2, 3, 4
NAMES = {A: "Anna Huber", B: "Bernd Müller", C: "Clara Weiß", D: "Deniz Öztürk"}
LOT = ElectionRules(runoff_tie_rule=RunoffTieRule.LOS.value)
REPEAT = ElectionRules(runoff_tie_rule=RunoffTieRule.WIEDERHOLUNG.value)

W = BallotKind.WAHLGANG.value
S = BallotKind.STICHWAHL.value
R = BallotKind.WIEDERHOLUNG.value
J = BallotKind.JA_NEIN.value


def ballot(kind: str, votes: dict[int, int], *, blank: int = 0, invalid: int = 0, lot: tuple[int, ...] = ()) -> Ballot:
    cast = sum(votes.values()) + blank + invalid
    return Ballot(kind=kind, ballots_cast=cast, votes=votes, abstentions=blank, invalid=invalid, lot_winners=lot)


def test_winner_in_round_one() -> None:
    out = evaluate([A, B, C], [ballot(W, {A: 13, B: 6, C: 4})], 24, LOT, NAMES)
    r = out.rounds[0]
    assert r.verdict is Verdict.ELECTED
    assert r.elected == A
    assert r.valid == 23
    assert r.majority == 12
    assert out.finished
    assert out.elected == A
    assert out.next_step is None
    assert "Anna Huber ist gewählt" in r.text
    assert "mehr als die Hälfte" in r.text
    assert out.text == "Ergebnis: Anna Huber ist gewählt."


def test_exactly_half_is_no_majority_then_runoff() -> None:
    out = evaluate([A, B, C], [ballot(W, {A: 10, B: 6, C: 4})], 24, LOT, NAMES)
    r = out.rounds[0]
    assert r.verdict is Verdict.RUNOFF
    assert r.runoff == (A, B)
    assert not out.finished
    assert out.next_step is not None
    assert out.next_step.kind == S
    assert out.next_step.candidates == (A, B)
    assert "Stichwahl zwischen Anna Huber und Bernd Müller" in r.text
    assert "mindestens 11" in r.text


def test_runoff_decides() -> None:
    out = evaluate([A, B, C], [ballot(W, {A: 10, B: 7, C: 5}), ballot(S, {A: 9, B: 13})], 24, LOT, NAMES)
    assert [r.verdict for r in out.rounds] == [Verdict.RUNOFF, Verdict.ELECTED]
    assert out.elected == B
    assert out.finished
    assert "Bernd Müller ist gewählt" in out.rounds[1].text


def test_two_tied_at_the_top_both_enter_the_runoff_without_lot() -> None:
    out = evaluate([A, B, C], [ballot(W, {A: 9, B: 9, C: 4})], 24, LOT, NAMES)
    assert out.rounds[0].verdict is Verdict.RUNOFF
    assert out.rounds[0].runoff == (A, B)
    assert out.lot_pending is None


def test_tie_for_second_place_by_lot() -> None:
    first = ballot(W, {A: 10, B: 6, C: 6})
    pending = evaluate([A, B, C], [first], 22, LOT, NAMES)
    r = pending.rounds[0]
    assert r.verdict is Verdict.LOT_FOR_RUNOFF
    assert r.lot_needed
    assert r.secured == (A,)
    assert set(r.tied) == {B, C}
    assert r.places == 1
    assert pending.lot_pending is r
    assert pending.next_step is None
    assert not pending.finished
    assert "das Los entscheidet" in r.text
    assert "Losentscheid" in pending.text

    decided = evaluate([A, B, C], [ballot(W, {A: 10, B: 6, C: 6}, lot=(C,))], 22, LOT, NAMES)
    r = decided.rounds[0]
    assert not r.lot_needed
    assert r.runoff == (A, C)
    assert "Das Los fiel auf Clara Weiß" in r.text
    assert decided.next_step is not None
    assert decided.next_step.candidates == (A, C)

    final = evaluate([A, B, C], [ballot(W, {A: 10, B: 6, C: 6}, lot=(C,)), ballot(S, {A: 11, C: 10})], 22, LOT, NAMES)
    assert final.elected == A


def test_next_round_before_the_lot_is_refused() -> None:
    with pytest.raises(ValidationError, match="Zuerst das Ergebnis des Losentscheids"):
        evaluate([A, B, C], [ballot(W, {A: 10, B: 6, C: 6}), ballot(S, {A: 11, B: 11})], 22, LOT, NAMES)


def test_lot_must_name_one_of_the_tied() -> None:
    with pytest.raises(ValidationError, match="Das Los muss eine Person aus"):
        evaluate([A, B, C], [ballot(W, {A: 10, B: 6, C: 6}, lot=(A,))], 22, LOT, NAMES)
    with pytest.raises(ValidationError, match="Losentscheid ist hier nicht vorgesehen"):
        evaluate([A, B, C], [ballot(W, {A: 10, B: 7, C: 5}, lot=(B,))], 22, LOT, NAMES)


def test_tie_for_second_place_by_repeated_ballot() -> None:
    rounds = [ballot(W, {A: 10, B: 6, C: 6})]
    out = evaluate([A, B, C], rounds, 22, REPEAT, NAMES)
    r = out.rounds[0]
    assert r.verdict is Verdict.REPEAT
    assert not r.lot_needed
    assert out.next_step is not None
    assert out.next_step.kind == R
    assert set(out.next_step.candidates) == {B, C}
    assert "Wiederholungswahlgang" in r.text
    # The repeated ballot is only among the tied; A keeps the place.
    rounds.append(ballot(R, {B: 8, C: 12}, blank=2))
    out = evaluate([A, B, C], rounds, 22, REPEAT, NAMES)
    assert out.rounds[1].verdict is Verdict.RUNOFF
    assert out.rounds[1].runoff == (A, C)
    rounds.append(ballot(S, {A: 9, C: 12}))
    out = evaluate([A, B, C], rounds, 22, REPEAT, NAMES)
    assert out.elected == C
    assert [r.kind for r in out.rounds] == [W, R, S]


def test_repeated_ballot_may_tie_again_and_is_repeated() -> None:
    rounds = [ballot(W, {A: 10, B: 6, C: 6}), ballot(R, {B: 10, C: 10})]
    out = evaluate([A, B, C], rounds, 22, REPEAT, NAMES)
    assert out.rounds[1].verdict is Verdict.REPEAT
    assert out.next_step is not None
    assert out.next_step.kind == R
    assert out.next_step.secured == (A,)


def test_repeat_rule_refuses_a_lot() -> None:
    with pytest.raises(ValidationError, match="Wiederholungswahlgang, kein Los"):
        evaluate([A, B, C], [ballot(W, {A: 10, B: 6, C: 6}, lot=(B,))], 22, REPEAT, NAMES)


def test_three_tied_at_the_top_lot_for_both_places() -> None:
    out = evaluate([A, B, C], [ballot(W, {A: 7, B: 7, C: 7})], 21, LOT, NAMES)
    r = out.rounds[0]
    assert r.verdict is Verdict.LOT_FOR_RUNOFF
    assert r.places == 2
    assert r.secured == ()
    with pytest.raises(ValidationError, match="2 Personen"):
        evaluate([A, B, C], [ballot(W, {A: 7, B: 7, C: 7}, lot=(B,))], 21, LOT, NAMES)
    out = evaluate([A, B, C], [ballot(W, {A: 7, B: 7, C: 7}, lot=(C, A))], 21, LOT, NAMES)
    assert out.rounds[0].runoff == (C, A)


def test_tie_in_the_runoff_decided_by_lot() -> None:
    rounds = [ballot(W, {A: 10, B: 8, C: 4}), ballot(S, {A: 11, B: 11})]
    out = evaluate([A, B, C], rounds, 22, LOT, NAMES)
    r = out.rounds[1]
    assert r.verdict is Verdict.LOT_FOR_WIN
    assert r.lot_needed
    assert out.elected is None
    assert not out.finished
    assert out.lot_pending is r
    rounds[1] = ballot(S, {A: 11, B: 11}, lot=(B,))
    out = evaluate([A, B, C], rounds, 22, LOT, NAMES)
    assert out.elected == B
    assert out.finished
    assert "Das Los fiel auf Bernd Müller" in out.rounds[1].text
    # The runoff tie is decided by lot whatever the rule for runoff places says.
    out = evaluate([A, B, C], rounds, 22, REPEAT, NAMES)
    assert out.elected == B


def test_single_candidate_yes_no_elected() -> None:
    step = first_step([D], LOT, NAMES)
    assert step.kind == J
    out = evaluate([D], [Ballot(kind=J, ballots_cast=20, yes=11, no=7, abstentions=2)], 22, LOT, NAMES)
    r = out.rounds[0]
    assert r.verdict is Verdict.ELECTED
    assert r.valid == 18
    assert out.elected == D
    assert "11 Ja, 7 Nein" in r.text


def test_single_candidate_yes_no_not_elected() -> None:
    out = evaluate([D], [Ballot(kind=J, ballots_cast=20, yes=9, no=9, invalid=2)], 22, LOT, NAMES)
    r = out.rounds[0]
    assert r.verdict is Verdict.NOT_ELECTED
    assert out.finished
    assert out.elected is None
    assert "nicht gewählt" in r.text
    assert "Niemand ist gewählt" in out.text


def test_single_candidate_without_yes_no_setting_uses_an_ordinary_ballot() -> None:
    rules = ElectionRules(single_candidate_yes_no=False)
    assert first_step([D], rules).kind == W
    out = evaluate([D], [ballot(W, {D: 3}, blank=15)], 22, rules, NAMES)
    assert out.elected == D
    with pytest.raises(ValidationError, match="Erwartet wird ein Wahlgang"):
        evaluate([D], [Ballot(kind=J, ballots_cast=3, yes=3)], 22, rules, NAMES)


def test_invalid_and_blank_ballots_do_not_count_as_valid() -> None:
    # 12 of 22 valid votes elect; counted against all 26 ballots it would not be a majority.
    out = evaluate([A, B], [ballot(W, {A: 12, B: 10}, blank=2, invalid=2)], 26, LOT, NAMES)
    r = out.rounds[0]
    assert r.valid == 22
    assert r.ballots_cast == 26
    assert r.abstentions == 2
    assert r.invalid == 2
    assert out.elected == A
    # Blank ballots never count as "no" either: the same numbers without them give the same verdict.
    out = evaluate([A, B], [ballot(W, {A: 11, B: 11}, invalid=4)], 26, LOT, NAMES)
    assert out.rounds[0].verdict is Verdict.RUNOFF


def test_more_ballots_than_voters_refused() -> None:
    with pytest.raises(ValidationError, match="Mehr Stimmzettel als Stimmberechtigte") as info:
        evaluate([A, B], [ballot(W, {A: 12, B: 11})], 22, LOT, NAMES)
    assert info.value.field == "ballots_cast"
    with pytest.raises(ValidationError, match="Mehr Stimmzettel als Stimmberechtigte"):
        evaluate([D], [Ballot(kind=J, ballots_cast=23, yes=23)], 22, LOT, NAMES)


def test_inconsistent_sums_refused() -> None:
    with pytest.raises(ValidationError, match="Die Summe stimmt nicht"):
        evaluate([A, B], [Ballot(kind=W, ballots_cast=20, votes={A: 10, B: 9}, abstentions=2)], 22, LOT, NAMES)
    with pytest.raises(ValidationError, match="Die Summe stimmt nicht"):
        evaluate([D], [Ballot(kind=J, ballots_cast=10, yes=5, no=4)], 22, LOT, NAMES)


def test_votes_for_someone_not_on_the_ballot_refused() -> None:
    with pytest.raises(ValidationError, match="steht in diesem Wahlgang nicht zur Wahl"):
        evaluate([A, B, C], [ballot(W, {A: 10, B: 7, C: 5}), ballot(S, {A: 9, C: 3, B: 9})], 24, LOT, NAMES)


@pytest.mark.parametrize(
    ("field_name", "value"),
    [("ballots_cast", -1), ("abstentions", -1), ("invalid", -2)],
)
def test_negative_numbers_refused(field_name: str, value: int) -> None:
    data = {"kind": W, "ballots_cast": 5, "votes": {A: 3, B: 2}, field_name: value}
    with pytest.raises(ValidationError, match="negativ"):
        evaluate([A, B], [Ballot(**data)], 22, LOT, NAMES)  # type: ignore[arg-type]


def test_round_kind_must_follow_the_verdict() -> None:
    with pytest.raises(ValidationError, match="Erwartet wird ein Stichwahl"):
        evaluate([A, B, C], [ballot(W, {A: 10, B: 7, C: 5}), ballot(W, {A: 10, B: 12})], 24, LOT, NAMES)


def test_no_round_after_the_decision() -> None:
    with pytest.raises(ValidationError, match="bereits mit Wahlgang 1 entschieden"):
        evaluate([A, B], [ballot(W, {A: 13, B: 9}), ballot(S, {A: 13, B: 9})], 24, LOT, NAMES)


def test_round_without_valid_votes_is_repeated() -> None:
    out = evaluate([A, B], [ballot(W, {}, blank=20)], 24, LOT, NAMES)
    assert out.rounds[0].verdict is Verdict.NO_RESULT
    assert out.next_step is not None
    assert out.next_step.kind == W
    out = evaluate([A, B], [ballot(W, {}, blank=20), ballot(W, {A: 14, B: 6})], 24, LOT, NAMES)
    assert out.elected == A


def test_candidates_and_electorate_checked() -> None:
    with pytest.raises(ValidationError, match="mindestens eine Bewerbung"):
        evaluate([], [], 22, LOT)
    with pytest.raises(ValidationError, match="nur einmal"):
        evaluate([A, A], [], 22, LOT)
    with pytest.raises(ValidationError, match="Stimmberechtigten muss mindestens 1"):
        evaluate([A, B], [], 0, LOT)


def test_rules_of_procedure_drive_the_tie_rule() -> None:
    rules = RulesOfProcedure(election_runoff_tie_rule=RunoffTieRule.WIEDERHOLUNG.value)
    out = evaluate([A, B, C], [ballot(W, {A: 10, B: 6, C: 6})], 22, rules, NAMES)
    assert out.rounds[0].verdict is Verdict.REPEAT
    out = evaluate([A, B, C], [ballot(W, {A: 10, B: 6, C: 6})], 22, RulesOfProcedure(), NAMES)
    assert out.rounds[0].verdict is Verdict.LOT_FOR_RUNOFF


def test_no_rounds_yet_says_what_comes_first() -> None:
    out = evaluate([A, B], [], 22, LOT, NAMES)
    assert out.next_step is not None
    assert out.next_step.kind == W
    assert not out.finished
    assert out.text == "Erster Wahlgang über alle Bewerbungen."


def test_rounds_are_named_by_number_and_kind_and_summary_drops_the_count() -> None:
    out = evaluate([A, B, C], [ballot(W, {A: 9, B: 8, C: 4}), ballot(S, {A: 10, B: 11})], 21, LOT, NAMES)
    first, runoff = out.rounds
    assert first.text.startswith("Wahlgang 1: 21 gültige Stimmen. Niemand erhält")
    assert runoff.text.startswith("Wahlgang 2 (Stichwahl): 21 gültige Stimmen.")
    assert first.summary.startswith("Niemand erhält mehr als die Hälfte")
    assert runoff.summary == "Bernd Müller 11, Anna Huber 10: Bernd Müller ist gewählt."
    single = evaluate([A], [Ballot(J, 10, yes=6, no=3, abstentions=1)], 10, LOT, NAMES)
    assert single.rounds[0].text.startswith("Wahlgang 1 (Ja/Nein): 9 gültige Stimmen (1 leer oder ungültig).")
    assert single.rounds[0].summary.startswith("6 Ja, 3 Nein")

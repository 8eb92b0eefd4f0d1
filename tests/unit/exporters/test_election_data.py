"""A ballot round's derived figures, shared by the minutes and the election list."""

from __future__ import annotations

from bezag_desktop.domain.codes import BallotKind
from bezag_desktop.exporters.election_data import BallotData


def test_valid_ballots_leave_out_blank_and_invalid_ones() -> None:
    ballot = BallotData(number=1, kind=BallotKind.JA_NEIN.value, ballots_cast=20, invalid=2, abstentions=3)
    assert ballot.valid == 15
    assert ballot.kind_label == BallotKind.JA_NEIN.label


def test_inconsistent_counts_never_give_negative_valid_ballots() -> None:
    assert BallotData(number=1, kind="x", ballots_cast=2, invalid=2, abstentions=1).valid == 0


def test_an_unknown_kind_is_shown_as_stored() -> None:
    assert BallotData(
        number=2, kind="aus_einer_neueren_version", ballots_cast=0, invalid=0, abstentions=0
    ).kind_label == ("aus_einer_neueren_version")

"""One ballot round of an election as plain data, shared by the minutes (DOCX) and the election list (XLSX)."""

from __future__ import annotations

from dataclasses import dataclass

from bezag_desktop.domain.codes import BallotKind


@dataclass(frozen=True)
class BallotData:
    number: int
    #: BallotKind code.
    kind: str
    ballots_cast: int
    invalid: int
    abstentions: int
    #: (candidate name, votes) for candidate ballots.
    votes: tuple[tuple[str, int], ...] = ()
    yes_votes: int = 0
    no_votes: int = 0
    lot_winner: str = ""
    lot_note: str = ""
    outcome: str = ""

    @property
    def kind_label(self) -> str:
        return BallotKind.label_for(self.kind)

    @property
    def valid(self) -> int:
        """Blank ballots (abstentions) and other invalid ballots are counted apart; neither is valid."""
        return max(self.ballots_cast - self.invalid - self.abstentions, 0)

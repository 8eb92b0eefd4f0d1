"""The election rule of the Geschäftsordnung (DOMAIN.md rule 8, after Art. 51 Abs. 3 GO): pure Python.

Input: the candidates, the ballot rounds in order (votes per candidate, blank ballots, invalid ballots,
ballots cast, the lot drawn where one was needed) and the size of the electorate. Output: a verdict per
round with a German explanation, and what has to happen next.

The rule, every point configurable through ``RulesOfProcedure``:
- blank ballots (``abstentions``) and ballots for ineligible persons (``invalid``) are invalid; they are
  recorded apart but never count as valid votes;
- elected is who receives more than half of the valid votes;
- otherwise a runoff between the two candidates with the most votes; when several candidates tie for a
  runoff place, either the lot decides or a repeated ballot among the tied candidates
  (``election_runoff_tie_rule``);
- a tie in the runoff is decided by lot;
- a single candidate is elected by a yes/no ballot when more than half of the valid ballots say yes
  (``election_single_candidate_yes_no``); without that setting a single candidate needs more than
  half of the valid votes like everybody else.
A round without a single valid vote decides nothing and is held again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import BallotKind, RunoffTieRule
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.domain.rules import RulesOfProcedure


class Verdict(StrEnum):
    """What a ballot round decided."""

    #: Somebody is elected.
    ELECTED = "gewaehlt"
    #: A runoff between two candidates follows.
    RUNOFF = "stichwahl"
    #: Several candidates tie for a runoff place and the lot decides who enters.
    LOT_FOR_RUNOFF = "los_stichwahlplatz"
    #: Several candidates tie for a runoff place and a repeated ballot among them follows.
    REPEAT = "wiederholung"
    #: The runoff ended in a tie and the lot decides who is elected.
    LOT_FOR_WIN = "los_stichwahl"
    #: The single candidate did not get more than half of the valid yes/no ballots.
    NOT_ELECTED = "nicht_gewaehlt"
    #: No valid vote at all: the round is held again.
    NO_RESULT = "ohne_ergebnis"

    @property
    def label(self) -> str:
        return _VERDICT_LABELS[self]


_VERDICT_LABELS = {
    Verdict.ELECTED: "gewählt",
    Verdict.RUNOFF: "Stichwahl",
    Verdict.LOT_FOR_RUNOFF: "Los um den Einzug in die Stichwahl",
    Verdict.REPEAT: "Wiederholungswahlgang",
    Verdict.LOT_FOR_WIN: "Los bei Stimmengleichheit in der Stichwahl",
    Verdict.NOT_ELECTED: "nicht gewählt",
    Verdict.NO_RESULT: "ohne Ergebnis",
}

#: How a round that is not an ordinary ballot is named after its number: "Wahlgang 2 (Stichwahl)".
_KIND_WORDS = {
    BallotKind.STICHWAHL.value: "Stichwahl",
    BallotKind.WIEDERHOLUNG.value: "Wiederholung",
    BallotKind.JA_NEIN.value: "Ja/Nein",
}

#: Verdicts that need the lot's outcome before anything can follow.
LOT_VERDICTS = frozenset({Verdict.LOT_FOR_RUNOFF, Verdict.LOT_FOR_WIN})


@dataclass(frozen=True)
class ElectionRules:
    """The points of rule 8 that are settings."""

    runoff_tie_rule: str = RunoffTieRule.LOS.value
    single_candidate_yes_no: bool = True

    @classmethod
    def from_rules(cls, rules: RulesOfProcedure) -> ElectionRules:
        return cls(
            runoff_tie_rule=rules.election_runoff_tie_rule,
            single_candidate_yes_no=rules.election_single_candidate_yes_no,
        )


#: What every view of a ballot round shows as counted (the round's number, kind and ballot counts).
ROUND_COUNTS = ("number", "kind", "ballots_cast", "abstentions", "invalid")


@dataclass(frozen=True)
class Ballot:
    """One ballot round as counted.

    ``votes`` maps candidate id to votes (valid candidate ballots only); ``abstentions`` are blank
    ballots and ``invalid`` all other invalid ballots (e.g. for ineligible persons). A yes/no round
    uses ``yes`` and ``no`` instead of ``votes``. ``lot_winners`` is the lot's outcome when the round
    needed one: the person elected (tie in the runoff) or the person(s) entering the runoff.
    """

    kind: str
    ballots_cast: int
    votes: Mapping[int, int] = field(default_factory=dict)
    abstentions: int = 0
    invalid: int = 0
    yes: int = 0
    no: int = 0
    lot_winners: tuple[int, ...] = ()


@dataclass(frozen=True)
class RoundResult:
    """The verdict of one round. ``text`` is the German explanation for the window and the minutes."""

    number: int
    kind: str
    ballots_cast: int
    abstentions: int
    invalid: int
    valid: int
    #: Votes needed to be elected: more than half of the valid votes (0 without valid votes).
    majority: int
    #: (candidate id, votes), most votes first; a yes/no round has one entry with the yes votes.
    ranking: tuple[tuple[int, int], ...]
    verdict: Verdict
    yes: int = 0
    no: int = 0
    elected: int | None = None
    #: The two candidates of the runoff that follows.
    runoff: tuple[int, int] | None = None
    #: The candidates tied for the contested place(s), for the lot or the repeated ballot.
    tied: tuple[int, ...] = ()
    #: Number of contested places among ``tied``.
    places: int = 0
    #: Candidates sure of a runoff place whatever the lot or the repeated ballot decides.
    secured: tuple[int, ...] = ()
    #: The lot's outcome as entered, when the round needed one.
    lot_winners: tuple[int, ...] = ()
    text: str = ""
    #: ``text`` without its opening count ("Wahlgang 1: 18 gültige Stimmen …"): the verdict alone, for the
    #: election sheet and the minutes, which show the counts beside it.
    summary: str = ""

    @property
    def lot_needed(self) -> bool:
        """The round waits for the lot's outcome."""
        return self.verdict in LOT_VERDICTS and not self.lot_winners

    @property
    def kind_label(self) -> str:
        return BallotKind(self.kind).label


@dataclass(frozen=True)
class NextStep:
    """What the next round must be: its kind and the candidates on its ballot."""

    kind: str
    candidates: tuple[int, ...]
    text: str
    #: For a repeated ballot: the candidates already sure of a runoff place.
    secured: tuple[int, ...] = ()


@dataclass(frozen=True)
class ElectionOutcome:
    rounds: tuple[RoundResult, ...]
    #: Whoever is elected; None while undecided or when nobody was elected.
    elected: int | None
    #: True when the election is decided (somebody elected, or the single candidate not elected).
    finished: bool
    #: The round whose lot the user still has to enter, if any.
    lot_pending: RoundResult | None
    #: The next round to hold; None when finished or while a lot is pending.
    next_step: NextStep | None
    #: One German sentence: the result or what to do next.
    text: str


def _name(names: Mapping[int, str], person: int) -> str:
    return names.get(person, f"Person {person}")


def _join(names: Mapping[int, str], people: Sequence[int]) -> str:
    parts = [_name(names, p) for p in people]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " und " + parts[-1]


def _votes_word(n: int) -> str:
    return "1 Stimme" if n == 1 else f"{n} Stimmen"


def _split_places(ranking: Sequence[tuple[int, int]], places: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """For ``places`` places: (candidates sure of a place, candidates tied for the rest; empty when clear)."""
    if len(ranking) <= places:
        return tuple(p for p, _ in ranking), ()
    boundary = ranking[places - 1][1]
    secured = tuple(p for p, v in ranking if v > boundary)
    at_boundary = tuple(p for p, v in ranking if v == boundary)
    if len(secured) + len(at_boundary) == places:
        return secured + at_boundary, ()
    return secured, at_boundary


class _Round:
    """Evaluates one round held on ``step``."""

    def __init__(
        self,
        number: int,
        ballot: Ballot,
        step: NextStep,
        electorate: int,
        rules: ElectionRules,
        names: Mapping[int, str],
    ) -> None:
        self.number = number
        self.ballot = ballot
        self.step = step
        self.rules = rules
        self.names = names
        self.where = f"Wahlgang {number}"
        if ballot.kind != step.kind:
            raise ValidationError(
                f"{self.where}: Erwartet wird ein {BallotKind(step.kind).label}, "
                f"erfasst wurde ein {BallotKind(ballot.kind).label}.",
                field="kind",
            )
        self.valid = self._check_counts(electorate)
        self.majority = self.valid // 2 + 1 if self.valid else 0
        if ballot.kind == BallotKind.JA_NEIN.value:
            self.ranking: tuple[tuple[int, int], ...] = ((step.candidates[0], ballot.yes),)
        else:
            order = {p: i for i, p in enumerate(step.candidates)}
            self.ranking = tuple(
                sorted(((p, ballot.votes.get(p, 0)) for p in step.candidates), key=lambda pv: (-pv[1], order[pv[0]]))
            )
        spoiled = ballot.abstentions + ballot.invalid
        kind_word = _KIND_WORDS.get(ballot.kind)
        heading = f"{self.where} ({kind_word})" if kind_word else self.where
        self.intro = f"{heading}: {self.valid} gültige Stimmen"
        self.intro += f" ({spoiled} leer oder ungültig)." if spoiled else "."

    def n(self, person: int) -> str:
        return _name(self.names, person)

    def _check_counts(self, electorate: int) -> int:
        b = self.ballot
        for label, value in (
            ("abgegebene Stimmzettel", b.ballots_cast),
            ("leere Stimmzettel", b.abstentions),
            ("ungültige Stimmzettel", b.invalid),
            ("Ja-Stimmen", b.yes),
            ("Nein-Stimmen", b.no),
        ):
            if value < 0:
                raise ValidationError(f"{self.where}: Die Zahl „{label}“ darf nicht negativ sein.", field="ballots")
        for person, votes in b.votes.items():
            if votes < 0:
                raise ValidationError(f"{self.where}: Stimmenzahlen dürfen nicht negativ sein.", field="votes")
            if votes and person not in self.step.candidates:
                raise ValidationError(
                    f"{self.where}: {self.n(person)} steht in diesem Wahlgang nicht zur Wahl; solche Stimmzettel "
                    "sind ungültig und gehören zu den ungültigen Stimmzetteln.",
                    field="votes",
                )
        if b.ballots_cast > electorate:
            raise ValidationError(
                f"{self.where}: Es wurden {b.ballots_cast} Stimmzettel abgegeben, aber es gibt nur {electorate} "
                "Stimmberechtigte. Mehr Stimmzettel als Stimmberechtigte sind nicht zulässig.",
                field="ballots_cast",
            )
        if b.kind == BallotKind.JA_NEIN.value:
            valid = b.yes + b.no
            counted = f"Ja ({b.yes}) + Nein ({b.no})"
        else:
            if b.yes or b.no:
                raise ValidationError(f"{self.where}: Ja/Nein-Stimmen gibt es nur im Ja/Nein-Wahlgang.", field="votes")
            valid = sum(b.votes.get(p, 0) for p in self.step.candidates)
            counted = f"Stimmen für Bewerber ({valid})"
        total = valid + b.abstentions + b.invalid
        if total != b.ballots_cast:
            raise ValidationError(
                f"{self.where}: Die Summe stimmt nicht: {counted} + leere ({b.abstentions}) + ungültige "
                f"({b.invalid}) Stimmzettel ergeben {total}, abgegeben wurden {b.ballots_cast}.",
                field="ballots_cast",
            )
        return valid

    def result(self, verdict: Verdict, text: str, **extra: Any) -> RoundResult:
        b = self.ballot
        base = from_attrs(
            RoundResult,
            b,
            "kind",
            "ballots_cast",
            "abstentions",
            "invalid",
            "yes",
            "no",
            number=self.number,
            valid=self.valid,
            majority=self.majority,
            ranking=self.ranking,
            verdict=verdict,
            text=text,
            summary=text.removeprefix(self.intro).strip(),
        )
        return replace(base, **extra)

    def no_lot(self) -> None:
        if self.ballot.lot_winners:
            raise ValidationError(
                f"{self.where}: Das Ergebnis ist eindeutig; ein Losentscheid ist hier nicht vorgesehen.",
                field="lot_winners",
            )

    def check_lot(self, tied: Sequence[int], places: int) -> None:
        lot = self.ballot.lot_winners
        if len(set(lot)) != len(lot) or len(lot) != places or any(p not in tied for p in lot):
            wanted = "eine Person" if places == 1 else f"{places} Personen"
            raise ValidationError(
                f"{self.where}: Das Los muss {wanted} aus {_join(self.names, tied)} bestimmen.",
                field="lot_winners",
            )

    def standings(self) -> str:
        return ", ".join(f"{self.n(p)} {v}" for p, v in self.ranking)

    # --- the kinds of round -------------------------------------------------------------------

    def evaluate(self) -> RoundResult:
        kind = self.ballot.kind
        if kind == BallotKind.JA_NEIN.value:
            return self.yes_no()
        if self.valid == 0:
            self.no_lot()
            return self.result(
                Verdict.NO_RESULT,
                f"{self.intro} Ohne gültige Stimmen ist niemand gewählt; der Wahlgang wird wiederholt.",
            )
        if kind == BallotKind.STICHWAHL.value:
            return self.runoff()
        if kind == BallotKind.WIEDERHOLUNG.value:
            return self.repeat()
        return self.ordinary()

    def yes_no(self) -> RoundResult:
        person = self.step.candidates[0]
        b = self.ballot
        self.no_lot()
        if b.yes * 2 > self.valid:
            return self.result(
                Verdict.ELECTED,
                f"{self.intro} {b.yes} Ja, {b.no} Nein: mehr als die Hälfte der gültigen Stimmen lautet auf Ja. "
                f"{self.n(person)} ist gewählt.",
                elected=person,
            )
        return self.result(
            Verdict.NOT_ELECTED,
            f"{self.intro} {b.yes} Ja, {b.no} Nein: nicht mehr als die Hälfte der gültigen Stimmen lautet auf Ja. "
            f"{self.n(person)} ist nicht gewählt.",
        )

    def ordinary(self) -> RoundResult:
        top, top_votes = self.ranking[0]
        if top_votes * 2 > self.valid:
            self.no_lot()
            return self.result(
                Verdict.ELECTED,
                f"{self.intro} {self.n(top)} erhält {_votes_word(top_votes)} und damit mehr als die Hälfte der "
                f"gültigen Stimmen (mindestens {self.majority}). {self.n(top)} ist gewählt.",
                elected=top,
            )
        intro = (
            f"{self.intro} Niemand erhält mehr als die Hälfte der gültigen Stimmen "
            f"(mindestens {self.majority}): {self.standings()}."
        )
        secured, tied = _split_places(self.ranking, 2)
        if not tied:
            self.no_lot()
            runoff = (secured[0], secured[1])
            return self.result(
                Verdict.RUNOFF, f"{intro} Stichwahl zwischen {_join(self.names, runoff)}.", runoff=runoff
            )
        return self.tie_for_places(intro, secured, tied, 2 - len(secured))

    def repeat(self) -> RoundResult:
        """A repeated ballot among the candidates tied for the runoff place(s)."""
        already = self.step.secured
        places = 2 - len(already)
        intro = f"{self.intro} {self.standings()}."
        secured, tied = _split_places(self.ranking, places)
        if not tied:
            self.no_lot()
            entering = already + secured[:places]
            runoff = (entering[0], entering[1])
            return self.result(
                Verdict.RUNOFF,
                f"{intro} Stichwahl zwischen {_join(self.names, runoff)}.",
                runoff=runoff,
                secured=already,
            )
        return self.tie_for_places(intro, already + secured, tied, places - len(secured))

    def tie_for_places(self, intro: str, secured: tuple[int, ...], tied: tuple[int, ...], places: int) -> RoundResult:
        what = "den verbleibenden Platz" if places == 1 else "beide Plätze"
        intro = f"{intro} {_join(self.names, tied)} haben gleich viele Stimmen für {what} in der Stichwahl"
        if self.rules.runoff_tie_rule == RunoffTieRule.WIEDERHOLUNG.value:
            if self.ballot.lot_winners:
                raise ValidationError(
                    f"{self.where}: Nach der Geschäftsordnung entscheidet hier ein Wiederholungswahlgang, kein Los.",
                    field="lot_winners",
                )
            return self.result(
                Verdict.REPEAT,
                f"{intro}; ein Wiederholungswahlgang zwischen ihnen entscheidet, wer in die Stichwahl kommt.",
                tied=tied,
                places=places,
                secured=secured,
            )
        text = f"{intro}; das Los entscheidet, wer in die Stichwahl kommt."
        runoff: tuple[int, int] | None = None
        lot = self.ballot.lot_winners
        if lot:
            self.check_lot(tied, places)
            entering = secured + lot
            runoff = (entering[0], entering[1])
            text += f" Das Los fiel auf {_join(self.names, lot)}. Stichwahl zwischen {_join(self.names, runoff)}."
        else:
            text += " Das Ergebnis des Losentscheids ist noch einzutragen."
        return self.result(
            Verdict.LOT_FOR_RUNOFF,
            text,
            runoff=runoff,
            tied=tied,
            places=places,
            secured=secured,
            lot_winners=lot,
        )

    def runoff(self) -> RoundResult:
        (a, va), (b, vb) = self.ranking[0], self.ranking[1]
        if va > vb:
            self.no_lot()
            return self.result(
                Verdict.ELECTED,
                f"{self.intro} {self.n(a)} {va}, {self.n(b)} {vb}: {self.n(a)} ist gewählt.",
                elected=a,
            )
        text = (
            f"{self.intro} Stimmengleichheit in der Stichwahl ({self.n(a)} und {self.n(b)} je {_votes_word(va)}): "
            "das Los entscheidet."
        )
        elected: int | None = None
        if self.ballot.lot_winners:
            self.check_lot((a, b), 1)
            elected = self.ballot.lot_winners[0]
            text += f" Das Los fiel auf {self.n(elected)}; {self.n(elected)} ist gewählt."
        else:
            text += " Das Ergebnis des Losentscheids ist noch einzutragen."
        return self.result(
            Verdict.LOT_FOR_WIN,
            text,
            elected=elected,
            tied=(a, b),
            places=1,
            lot_winners=self.ballot.lot_winners,
        )


def first_step(candidates: Sequence[int], rules: ElectionRules, names: Mapping[int, str] | None = None) -> NextStep:
    """The first round: a yes/no ballot for a single candidate (if so configured), else an ordinary ballot."""
    names = names or {}
    people = tuple(candidates)
    if len(people) == 1 and rules.single_candidate_yes_no:
        return NextStep(
            BallotKind.JA_NEIN.value, people, f"Einzige Bewerbung: Ja/Nein-Wahlgang über {_name(names, people[0])}."
        )
    return NextStep(BallotKind.WAHLGANG.value, people, "Erster Wahlgang über alle Bewerbungen.")


def _next_after(result: RoundResult, step: NextStep, names: Mapping[int, str]) -> NextStep | None:
    """The round after ``result`` (which was held on ``step``); None when decided or waiting for a lot."""
    if result.elected is not None or result.verdict == Verdict.NOT_ELECTED or result.lot_needed:
        return None
    if result.runoff is not None:
        return NextStep(
            BallotKind.STICHWAHL.value,
            result.runoff,
            f"Als Nächstes: Stichwahl zwischen {_join(names, result.runoff)}.",
        )
    if result.verdict == Verdict.REPEAT:
        return NextStep(
            BallotKind.WIEDERHOLUNG.value,
            result.tied,
            f"Als Nächstes: Wiederholungswahlgang zwischen {_join(names, result.tied)} um den Einzug in die Stichwahl.",
            secured=result.secured,
        )
    # NO_RESULT: the same round once more.
    return NextStep(
        step.kind, step.candidates, f"Als Nächstes: {BallotKind(step.kind).label} wiederholen.", step.secured
    )


def evaluate(
    candidates: Sequence[int],
    ballots: Sequence[Ballot],
    electorate: int,
    rules: ElectionRules | RulesOfProcedure,
    names: Mapping[int, str] | None = None,
) -> ElectionOutcome:
    """Evaluate the rounds in order. Raises ``ValidationError`` (German) for impossible or inconsistent input."""
    if isinstance(rules, RulesOfProcedure):
        rules = ElectionRules.from_rules(rules)
    names = names or {}
    people = tuple(candidates)
    if not people:
        raise ValidationError("Für eine Wahl ist mindestens eine Bewerbung nötig.", field="candidates")
    if len(set(people)) != len(people):
        raise ValidationError("Jede Person kann nur einmal kandidieren.", field="candidates")
    if electorate < 1:
        raise ValidationError(
            "Die Zahl der Stimmberechtigten muss mindestens 1 sein (Anwesenheit der Sitzung erfassen).",
            field="electorate",
        )
    step: NextStep | None = first_step(people, rules, names)
    results: list[RoundResult] = []
    for number, ballot in enumerate(ballots, start=1):
        if step is None:
            last = results[-1]
            if last.lot_needed:
                raise ValidationError(
                    f"Wahlgang {number}: Zuerst das Ergebnis des Losentscheids aus Wahlgang {last.number} eintragen.",
                    field="lot_winners",
                )
            raise ValidationError(
                f"Wahlgang {number}: Die Wahl ist bereits mit Wahlgang {last.number} entschieden.", field="ballots"
            )
        result = _Round(number, ballot, step, electorate, rules, names).evaluate()
        results.append(result)
        step = _next_after(result, step, names)
    last_result = results[-1] if results else None
    elected = last_result.elected if last_result else None
    finished = last_result is not None and (elected is not None or last_result.verdict == Verdict.NOT_ELECTED)
    lot_pending = last_result if last_result is not None and last_result.lot_needed else None
    if elected is not None:
        text = f"Ergebnis: {_name(names, elected)} ist gewählt."
    elif finished:
        text = "Ergebnis: Niemand ist gewählt; die Wahl ist mit anderen Bewerbungen neu anzusetzen."
    elif lot_pending is not None:
        text = f"Losentscheid zwischen {_join(names, lot_pending.tied)}: bitte das Ergebnis eintragen."
    else:
        text = step.text if step else ""
    return ElectionOutcome(
        rounds=tuple(results),
        elected=elected,
        finished=finished,
        lot_pending=lot_pending,
        next_step=None if finished else step,
        text=text,
    )

"""The Geschäftsordnung as settings (DOMAIN.md rules 1-9), the quorum, and the office's own details.

Every rule is a value the user can change in Einstellungen; nothing here is hard-wired elsewhere.
Settings are stored as key/value rows, so new settings need no schema migration. The quorum is
decided here from plain attendance facts (``represented_bodies``, ``quorum_required``); the services only read them. The rules
that look at meetings (notice period, overlaps, plenary minimum) are in ``domain.procedure``.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from bezag_desktop.domain.codes import AttendanceStatus, InviteRole, QuorumRule, RunoffTieRule
from bezag_desktop.domain.contact import ContactDetails

#: Attendance statuses in which a person is in the room (or connected) and can vote.
PRESENT: frozenset[str] = frozenset({AttendanceStatus.ANWESEND.value, AttendanceStatus.ONLINE.value})

DEFAULT_STANDARD_AGENDA: tuple[str, ...] = (
    "Begrüßung und Feststellung der Beschlussfähigkeit",
    "Genehmigung der Tagesordnung",
    "Genehmigung der Niederschrift der letzten Sitzung",
    "Berichte aus den Arbeitsgruppen",
    "Verschiedenes",
)


@dataclass(frozen=True)
class RulesOfProcedure:
    """The configurable rules. Field order is the order shown in Einstellungen."""

    chair_term_years: int = 3
    min_plenary_meetings_per_year: int = 2
    member_seats_per_body: int = 1
    deputy_seats_per_body: int = 1
    member_seats_bezirk: int = 2
    deputy_seats_bezirk: int = 2
    votes_per_body: int = 1
    quorum_rule: str = QuorumRule.MEHR_ALS_HAELFTE.value
    notice_period_days: int = 14
    election_secret_ballot: bool = True
    election_runoff_tie_rule: str = RunoffTieRule.LOS.value
    election_single_candidate_yes_no: bool = True
    chair_warning_months: int = 3
    minutes_signed_by_minute_taker: bool = True
    standard_agenda: tuple[str, ...] = field(default=DEFAULT_STANDARD_AGENDA)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["standard_agenda"] = list(self.standard_agenda)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RulesOfProcedure:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "standard_agenda" in values:
            values["standard_agenda"] = tuple(values["standard_agenda"])
        return cls(**values)


#: One sentence per rule, shown beside each setting.
RULE_EXPLANATIONS: dict[str, tuple[str, str]] = {
    "chair_term_years": (
        "Amtszeit des gewählten Vorsitzes (Jahre)",
        "Die Vorsitzende bzw. der Vorsitzende der Landkreise und kreisfreien Städte wird für diese Zahl von Jahren gewählt.",
    ),
    "min_plenary_meetings_per_year": (
        "Mindestzahl Plenarsitzungen pro Jahr",
        "Die Arbeitsgemeinschaft tritt mindestens so oft im Kalenderjahr zusammen; weniger geplante Sitzungen ergeben eine Warnung.",
    ),
    "member_seats_per_body": (
        "Mitglieder je Körperschaft",
        "So viele Mitglieder entsendet jeder Landkreis und jede kreisfreie Stadt.",
    ),
    "deputy_seats_per_body": (
        "Stellvertretungen je Körperschaft",
        "So viele Stellvertretungen entsendet jeder Landkreis und jede kreisfreie Stadt.",
    ),
    "member_seats_bezirk": (
        "Mitglieder des Bezirks",
        "Der Bezirk Oberbayern darf mehr Mitglieder entsenden als die Landkreise und Städte.",
    ),
    "deputy_seats_bezirk": (
        "Stellvertretungen des Bezirks",
        "So viele Stellvertretungen entsendet der Bezirk Oberbayern.",
    ),
    "votes_per_body": (
        "Stimmen je Körperschaft",
        "Jede Mitgliedskörperschaft hat so viele Stimmen; sie gibt das Mitglied ab, bei dessen Abwesenheit die Stellvertretung.",
    ),
    "quorum_rule": (
        "Beschlussfähigkeit",
        "Die Sitzung ist beschlussfähig, wenn dieser Anteil der Mitgliedskörperschaften vertreten ist.",
    ),
    "notice_period_days": (
        "Ladungsfrist (Tage)",
        "Einladungen gehen spätestens so viele Tage vor der Sitzung hinaus.",
    ),
    "election_secret_ballot": (
        "Geheime Wahl",
        "Wahlen werden geheim mit Stimmzetteln durchgeführt (nach dem Muster von Art. 51 Abs. 3 GO).",
    ),
    "election_runoff_tie_rule": (
        "Stimmengleichheit um den Einzug in die Stichwahl",
        "Haben mehrere Personen gleich viele Stimmen für den zweiten Platz, entscheidet das Los oder ein Wiederholungswahlgang.",
    ),
    "election_single_candidate_yes_no": (
        "Einzelbewerbung mit Ja/Nein-Stimmzettel",
        "Steht nur eine Person zur Wahl, ist sie gewählt, wenn mehr als die Hälfte der gültigen Stimmzettel auf Ja lauten.",
    ),
    "chair_warning_months": (
        "Vorwarnzeit Ende der Amtszeit (Monate)",
        "So viele Monate vor dem Ende einer Amtszeit warnt die Übersicht und schlägt die Wahl vor.",
    ),
    "minutes_signed_by_minute_taker": (
        "Niederschrift von der Schriftführung unterzeichnet",
        "Die Niederschrift wird von beiden Vorsitzenden und der Schriftführung unterschrieben und in der nächsten Sitzung genehmigt.",
    ),
    "standard_agenda": (
        "Standard-Tagesordnung",
        "Neue Plenarsitzungen beginnen mit diesen Tagesordnungspunkten.",
    ),
}


def quorum_required(voting_bodies: int, rule: str) -> int:
    """How many represented bodies make the meeting quorate."""
    if rule == QuorumRule.MINDESTENS_HAELFTE.value:
        return math.ceil(voting_bodies / 2)
    if rule == QuorumRule.ZWEI_DRITTEL.value:
        return math.ceil(voting_bodies * 2 / 3)
    return voting_bodies // 2 + 1


@dataclass(frozen=True)
class Quorum:
    present_bodies: int
    required: int

    @property
    def reached(self) -> bool:
        return self.present_bodies >= self.required

    def to_json(self) -> dict[str, Any]:
        return {"present_bodies": self.present_bodies, "required": self.required, "reached": self.reached}

    @property
    def verdict(self) -> str:
        return "beschlussfähig" if self.reached else "nicht beschlussfähig"

    @property
    def text(self) -> str:
        return (
            f"{self.present_bodies} von mindestens {self.required} erforderlichen Körperschaften vertreten: "
            f"{self.verdict}"
        )


@dataclass(frozen=True)
class AttendanceFact:
    """One row of a meeting's attendance list, as the quorum needs it."""

    person_id: int
    #: The body the person sits for (``None`` for office staff and partners).
    body_id: int | None
    #: The invitation role ("mitglied", "stellvertretung", "gast", ...).
    role: str
    status: str
    #: For a member "vertreten": the person standing in.
    stood_in_by_id: int | None = None


def represented_bodies(rows: Iterable[AttendanceFact], voting_body_ids: Collection[int]) -> frozenset[int]:
    """The voting bodies represented in the room.

    A body is represented when its member is present (anwesend/online), when its member is
    "vertreten" by someone who is present, or when its deputy is present. Guests never count.
    """
    facts = list(rows)
    present_persons = {r.person_id for r in facts if r.status in PRESENT}
    represented: set[int] = set()
    for r in facts:
        if r.body_id is None or r.role == InviteRole.GAST.value or r.body_id not in voting_body_ids:
            continue
        if r.status in PRESENT or (
            r.status == AttendanceStatus.VERTRETEN.value and r.stood_in_by_id in present_persons
        ):
            represented.add(r.body_id)
    return frozenset(represented)


@dataclass(frozen=True)
class OfficeDetails(ContactDetails):
    """The Geschäftsstelle: letterhead, organizer of invitations, calendar UID domain."""

    name: str = ""
    department: str = ""
    uid_domain: str = ""
    logo_path: str = ""
    contact_person: str = ""
    invitation_template: str = ""
    minutes_template: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OfficeDetails:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

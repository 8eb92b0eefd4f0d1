"""One finding type for every check of the Geschäftsordnung, on every surface.

A ``Finding`` is what ``bezag check`` prints, the Übersicht and the Sitzungen page list, ``bezag
meetings show`` attaches to a meeting and the invitation dialog and ``export ics/eml`` show before
sending. Its JSON form is fixed (FORMATS.md): ``level``, ``area``, ``code``, ``text``, ``action``
and ``ref``, where ``ref`` names the record the finding is about with its kind, or is null.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

WARNUNG = "warnung"
HINWEIS = "hinweis"

#: What the user can do about a finding (the Übersicht offers a button for it).
ACTION_ELECTION = "election"  # put the chair election on the next plenary meeting's agenda
ACTION_MEETING = "meeting"  # open the meeting named by ``ref``
ACTION_BODY = "body"  # open the member body named by ``ref``

AREA_LABELS: dict[str, str] = {
    "plenum": "Plenum",
    "vertretungen": "Vertretungen",
    "vorsitz": "Vorsitz",
    "sitzungen": "Sitzungen",
    "datenbank": "Datenbank",
}
LEVEL_LABELS: dict[str, str] = {WARNUNG: "Warnung", HINWEIS: "Hinweis"}


class RefKind(StrEnum):
    """The kinds of record a finding can point at (the ``kind`` of ``ref`` in JSON)."""

    MEETING = "meeting"
    BODY = "body"
    COMMITTEE = "committee"
    PERSON = "person"


@dataclass(frozen=True)
class Ref:
    """A typed reference to a record: ``{"kind": "meeting", "id": 12}`` in JSON."""

    kind: RefKind
    id: int

    @classmethod
    def meeting(cls, meeting_id: int) -> Ref:
        return cls(RefKind.MEETING, meeting_id)

    @classmethod
    def body(cls, body_id: int) -> Ref:
        return cls(RefKind.BODY, body_id)

    @classmethod
    def committee(cls, committee_id: int) -> Ref:
        return cls(RefKind.COMMITTEE, committee_id)

    @classmethod
    def person(cls, person_id: int) -> Ref:
        return cls(RefKind.PERSON, person_id)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "id": self.id}


@dataclass(frozen=True)
class Finding:
    """One finding: ``level`` "warnung" or "hinweis", ``area`` (see AREA_LABELS), a stable ``code``
    for scripts and the German ``text`` (the one wording of this finding)."""

    level: str
    area: str
    code: str
    text: str
    #: One of the ACTION_* keys, when the program can help.
    action: str | None = None
    #: The record the finding is about.
    ref: Ref | None = None

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS.get(self.level, self.level)

    @property
    def area_label(self) -> str:
        return AREA_LABELS.get(self.area, self.area)

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "area": self.area,
            "code": self.code,
            "text": self.text,
            "action": self.action,
            "ref": None if self.ref is None else self.ref.to_json(),
        }


def warnings_first(found: list[Finding]) -> list[Finding]:
    """Warnings before notes, each group in its given order."""
    return [f for f in found if f.level == WARNUNG] + [f for f in found if f.level != WARNUNG]


def count_text(n: int, one: str, many: str) -> str:
    """``keine Warnungen``, ``1 Warnung``, ``3 Warnungen``."""
    if n == 0:
        return f"keine {many}"
    return f"{n} {one if n == 1 else many}"


def summary(found: list[Finding]) -> str:
    """``2 Warnungen, 1 Hinweis``: how many of each level (capitalised, for a heading)."""
    n_warn = sum(1 for f in found if f.level == WARNUNG)
    warn_text = count_text(n_warn, "Warnung", "Warnungen")
    note_text = count_text(len(found) - n_warn, "Hinweis", "Hinweise")
    return f"{warn_text[0].upper()}{warn_text[1:]}, {note_text}"

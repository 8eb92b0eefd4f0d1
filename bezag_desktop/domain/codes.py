"""The codes of DOMAIN.md: the stored value is the CLI/JSON value, ``label`` is what the window shows."""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class _Coded(StrEnum):
    """A code with its German label, declared together: ``ANWESEND = "anwesend", "anwesend"``.

    ``Reply("offen")`` finds a member by its code as with any enum (the label takes no part in
    that); a member declared without a label shows its code.
    """

    _label_: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label_ = label or value
        return member

    @property
    def label(self) -> str:
        return self._label_

    @classmethod
    def label_for(cls, code: str) -> str:
        """The label of ``code``; an unknown code (from another version of the program) as it is."""
        try:
            return cls(code).label
        except ValueError:
            return code

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(code, label) pairs in declaration order, for combo boxes and help texts."""
        return [(m.value, m.label) for m in cls]

    @classmethod
    def from_label(cls, text: str) -> _Coded | None:
        """Find a member by its code or German label, ignoring case and surrounding blanks."""
        wanted = text.strip().casefold()
        for m in cls:
            if wanted in (m.value.casefold(), m.label.casefold()):
                return m
        return None


class BodyKind(_Coded):
    BEZIRK = "bezirk", "Bezirk"
    LANDKREIS = "landkreis", "Landkreis"
    KREISFREIE_STADT = "kreisfreie_stadt", "Kreisfreie Stadt"


class CommitteeKind(_Coded):
    PLENUM = "plenum", "Plenum"
    ARBEITSGRUPPE = "arbeitsgruppe", "Arbeitsgruppe"
    NETZWERK = "netzwerk", "Netzwerk"


class MembershipRole(_Coded):
    MITGLIED = "mitglied", "Mitglied"
    STELLVERTRETUNG = "stellvertretung", "Stellvertretung"
    SPRECHER = "sprecher", "Sprecher/in"
    STELLV_SPRECHER = "stellv_sprecher", "stellv. Sprecher/in"
    GAST = "gast", "Gast"


class ChairSide(_Coded):
    BEZIRK = "bezirk", "Vorsitz Bezirk"
    KOMMUNEN = "kommunen", "Vorsitz Landkreise/Städte"


class MeetingKind(_Coded):
    KONSTITUIEREND = "konstituierend", "konstituierend"
    ORDENTLICH = "ordentlich", "ordentlich"
    AUSSERORDENTLICH = "ausserordentlich", "außerordentlich"


class MeetingStatus(_Coded):
    GEPLANT = "geplant", "geplant"
    EINGELADEN = "eingeladen", "eingeladen"
    DURCHGEFUEHRT = "durchgefuehrt", "durchgeführt"
    PROTOKOLL_ENTWURF = "protokoll_entwurf", "Protokoll im Entwurf"
    PROTOKOLL_GENEHMIGT = "protokoll_genehmigt", "Protokoll genehmigt"
    ABGESAGT = "abgesagt", "abgesagt"


class Reply(_Coded):
    OFFEN = "offen", "offen"
    ZUGESAGT = "zugesagt", "zugesagt"
    ABGESAGT = "abgesagt", "abgesagt"


class AttendanceStatus(_Coded):
    ANWESEND = "anwesend", "anwesend"
    ONLINE = "online", "online"
    ENTSCHULDIGT = "entschuldigt", "entschuldigt"
    ABWESEND = "abwesend", "abwesend"
    VERTRETEN = "vertreten", "vertreten"
    GAST = "gast", "Gast"


class InviteRole(_Coded):
    """Why a person is on a meeting's list; maps onto the iCalendar ROLE."""

    MITGLIED = "mitglied", "Mitglied"
    STELLVERTRETUNG = "stellvertretung", "Stellvertretung"
    VORSITZ = "vorsitz", "Vorsitz"
    GAST = "gast", "Gast"


class AgendaKind(_Coded):
    BERICHT = "bericht", "Bericht/Information"
    BERATUNG = "beratung", "Beratung"
    BESCHLUSS = "beschluss", "Beschluss"
    WAHL = "wahl", "Wahl"


class AgendaResult(_Coded):
    BESCHLOSSEN = "beschlossen", "beschlossen"
    ABGELEHNT = "abgelehnt", "abgelehnt"
    KENNTNIS = "kenntnis", "zur Kenntnis genommen"
    VERTAGT = "vertagt", "vertagt"


class ActionStatus(_Coded):
    OFFEN = "offen", "offen"
    IN_ARBEIT = "in_arbeit", "in Arbeit"
    ERLEDIGT = "erledigt", "erledigt"


class FormOfAddress(_Coded):
    FRAU = "frau", "Frau"
    HERR = "herr", "Herr"
    NEUTRAL = "neutral", "neutral"


class PartnerCategory(_Coded):
    WOHLFAHRTSVERBAND = "wohlfahrtsverband", "Wohlfahrtsverband"
    KASSE = "kasse", "Kranken- und Pflegekasse"
    LEISTUNGSERBRINGER = "leistungserbringer", "Leistungserbringer"
    BEHOERDE = "behoerde", "Planungs- und Leistungsbehörde"
    WISSENSCHAFT = "wissenschaft", "Wissenschaft"
    WIRTSCHAFT = "wirtschaft", "Wirtschaft"
    VEREIN = "verein", "Verein/Verband"
    JUGENDVERTRETUNG = "jugendvertretung", "Jugendvertretung"
    SENIORENVERTRETUNG = "seniorenvertretung", "Seniorenvertretung"
    NACHBARSCHAFTSHILFE = "nachbarschaftshilfe", "Nachbarschaftshilfe"
    NETZWERK = "netzwerk", "Netzwerk"
    SONSTIGE = "sonstige", "Sonstige"


class ElectionOffice(_Coded):
    VORSITZ_KOMMUNEN = "vorsitz_kommunen", "Vorsitz der Landkreise und kreisfreien Städte"
    VORSITZ_BEZIRK = "vorsitz_bezirk", "Vorsitz des Bezirks"
    SONSTIGES = "sonstiges", "sonstiges Amt"


class BallotKind(_Coded):
    WAHLGANG = "wahlgang", "Wahlgang"
    STICHWAHL = "stichwahl", "Stichwahl"
    WIEDERHOLUNG = "wiederholung", "Wiederholungswahlgang"
    JA_NEIN = "ja_nein", "Ja/Nein-Wahlgang"


class ElectionStatus(_Coded):
    OFFEN = "offen", "offen"
    ABGESCHLOSSEN = "abgeschlossen", "abgeschlossen"


class RunoffTieRule(_Coded):
    """Who enters the runoff when places two and three tie."""

    LOS = "los", "Losentscheid"
    WIEDERHOLUNG = "wiederholung", "Wiederholungswahlgang"


class QuorumRule(_Coded):
    MEHR_ALS_HAELFTE = "mehr_als_haelfte", "mehr als die Hälfte der Mitgliedskörperschaften"
    MINDESTENS_HAELFTE = "mindestens_haelfte", "mindestens die Hälfte der Mitgliedskörperschaften"
    ZWEI_DRITTEL = "zwei_drittel", "mindestens zwei Drittel der Mitgliedskörperschaften"

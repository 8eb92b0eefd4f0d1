"""The codes of DOMAIN.md: the stored value is the CLI/JSON value, ``label`` is what the window shows."""

from __future__ import annotations

from enum import StrEnum


class _Coded(StrEnum):
    """A code with a German label; subclasses give ``_labels``."""

    @property
    def label(self) -> str:
        return _LABELS[type(self).__name__][self.value]

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
    BEZIRK = "bezirk"
    LANDKREIS = "landkreis"
    KREISFREIE_STADT = "kreisfreie_stadt"


class CommitteeKind(_Coded):
    PLENUM = "plenum"
    ARBEITSGRUPPE = "arbeitsgruppe"
    NETZWERK = "netzwerk"


class MembershipRole(_Coded):
    MITGLIED = "mitglied"
    STELLVERTRETUNG = "stellvertretung"
    SPRECHER = "sprecher"
    STELLV_SPRECHER = "stellv_sprecher"
    GAST = "gast"


class ChairSide(_Coded):
    BEZIRK = "bezirk"
    KOMMUNEN = "kommunen"


class MeetingKind(_Coded):
    KONSTITUIEREND = "konstituierend"
    ORDENTLICH = "ordentlich"
    AUSSERORDENTLICH = "ausserordentlich"


class MeetingStatus(_Coded):
    GEPLANT = "geplant"
    EINGELADEN = "eingeladen"
    DURCHGEFUEHRT = "durchgefuehrt"
    PROTOKOLL_ENTWURF = "protokoll_entwurf"
    PROTOKOLL_GENEHMIGT = "protokoll_genehmigt"
    ABGESAGT = "abgesagt"


class Reply(_Coded):
    OFFEN = "offen"
    ZUGESAGT = "zugesagt"
    ABGESAGT = "abgesagt"


class AttendanceStatus(_Coded):
    ANWESEND = "anwesend"
    ONLINE = "online"
    ENTSCHULDIGT = "entschuldigt"
    ABWESEND = "abwesend"
    VERTRETEN = "vertreten"
    GAST = "gast"


class InviteRole(_Coded):
    """Why a person is on a meeting's list; maps onto the iCalendar ROLE."""

    MITGLIED = "mitglied"
    STELLVERTRETUNG = "stellvertretung"
    VORSITZ = "vorsitz"
    GAST = "gast"


class AgendaKind(_Coded):
    BERICHT = "bericht"
    BERATUNG = "beratung"
    BESCHLUSS = "beschluss"
    WAHL = "wahl"


class AgendaResult(_Coded):
    BESCHLOSSEN = "beschlossen"
    ABGELEHNT = "abgelehnt"
    KENNTNIS = "kenntnis"
    VERTAGT = "vertagt"


class ActionStatus(_Coded):
    OFFEN = "offen"
    IN_ARBEIT = "in_arbeit"
    ERLEDIGT = "erledigt"


class FormOfAddress(_Coded):
    FRAU = "frau"
    HERR = "herr"
    NEUTRAL = "neutral"


class PartnerCategory(_Coded):
    WOHLFAHRTSVERBAND = "wohlfahrtsverband"
    KASSE = "kasse"
    LEISTUNGSERBRINGER = "leistungserbringer"
    BEHOERDE = "behoerde"
    WISSENSCHAFT = "wissenschaft"
    WIRTSCHAFT = "wirtschaft"
    VEREIN = "verein"
    JUGENDVERTRETUNG = "jugendvertretung"
    SENIORENVERTRETUNG = "seniorenvertretung"
    NACHBARSCHAFTSHILFE = "nachbarschaftshilfe"
    NETZWERK = "netzwerk"
    SONSTIGE = "sonstige"


class ElectionOffice(_Coded):
    VORSITZ_KOMMUNEN = "vorsitz_kommunen"
    VORSITZ_BEZIRK = "vorsitz_bezirk"
    SONSTIGES = "sonstiges"


class BallotKind(_Coded):
    WAHLGANG = "wahlgang"
    STICHWAHL = "stichwahl"
    WIEDERHOLUNG = "wiederholung"
    JA_NEIN = "ja_nein"


class ElectionStatus(_Coded):
    OFFEN = "offen"
    ABGESCHLOSSEN = "abgeschlossen"


class RunoffTieRule(_Coded):
    """Who enters the runoff when places two and three tie."""

    LOS = "los"
    WIEDERHOLUNG = "wiederholung"


class QuorumRule(_Coded):
    MEHR_ALS_HAELFTE = "mehr_als_haelfte"
    MINDESTENS_HAELFTE = "mindestens_haelfte"
    ZWEI_DRITTEL = "zwei_drittel"


_LABELS: dict[str, dict[str, str]] = {
    "BodyKind": {"bezirk": "Bezirk", "landkreis": "Landkreis", "kreisfreie_stadt": "Kreisfreie Stadt"},
    "CommitteeKind": {"plenum": "Plenum", "arbeitsgruppe": "Arbeitsgruppe", "netzwerk": "Netzwerk"},
    "MembershipRole": {
        "mitglied": "Mitglied",
        "stellvertretung": "Stellvertretung",
        "sprecher": "Sprecher/in",
        "stellv_sprecher": "stellv. Sprecher/in",
        "gast": "Gast",
    },
    "ChairSide": {"bezirk": "Vorsitz Bezirk", "kommunen": "Vorsitz Landkreise/Städte"},
    "MeetingKind": {
        "konstituierend": "konstituierend",
        "ordentlich": "ordentlich",
        "ausserordentlich": "außerordentlich",
    },
    "MeetingStatus": {
        "geplant": "geplant",
        "eingeladen": "eingeladen",
        "durchgefuehrt": "durchgeführt",
        "protokoll_entwurf": "Protokoll im Entwurf",
        "protokoll_genehmigt": "Protokoll genehmigt",
        "abgesagt": "abgesagt",
    },
    "Reply": {"offen": "offen", "zugesagt": "zugesagt", "abgesagt": "abgesagt"},
    "AttendanceStatus": {
        "anwesend": "anwesend",
        "online": "online",
        "entschuldigt": "entschuldigt",
        "abwesend": "abwesend",
        "vertreten": "vertreten",
        "gast": "Gast",
    },
    "InviteRole": {
        "mitglied": "Mitglied",
        "stellvertretung": "Stellvertretung",
        "vorsitz": "Vorsitz",
        "gast": "Gast",
    },
    "AgendaKind": {
        "bericht": "Bericht/Information",
        "beratung": "Beratung",
        "beschluss": "Beschluss",
        "wahl": "Wahl",
    },
    "AgendaResult": {
        "beschlossen": "beschlossen",
        "abgelehnt": "abgelehnt",
        "kenntnis": "zur Kenntnis genommen",
        "vertagt": "vertagt",
    },
    "ActionStatus": {"offen": "offen", "in_arbeit": "in Arbeit", "erledigt": "erledigt"},
    "FormOfAddress": {"frau": "Frau", "herr": "Herr", "neutral": "neutral"},
    "PartnerCategory": {
        "wohlfahrtsverband": "Wohlfahrtsverband",
        "kasse": "Kranken- und Pflegekasse",
        "leistungserbringer": "Leistungserbringer",
        "behoerde": "Planungs- und Leistungsbehörde",
        "wissenschaft": "Wissenschaft",
        "wirtschaft": "Wirtschaft",
        "verein": "Verein/Verband",
        "jugendvertretung": "Jugendvertretung",
        "seniorenvertretung": "Seniorenvertretung",
        "nachbarschaftshilfe": "Nachbarschaftshilfe",
        "netzwerk": "Netzwerk",
        "sonstige": "Sonstige",
    },
    "ElectionOffice": {
        "vorsitz_kommunen": "Vorsitz der Landkreise und kreisfreien Städte",
        "vorsitz_bezirk": "Vorsitz des Bezirks",
        "sonstiges": "sonstiges Amt",
    },
    "BallotKind": {
        "wahlgang": "Wahlgang",
        "stichwahl": "Stichwahl",
        "wiederholung": "Wiederholungswahlgang",
        "ja_nein": "Ja/Nein-Wahlgang",
    },
    "ElectionStatus": {"offen": "offen", "abgeschlossen": "abgeschlossen"},
    "RunoffTieRule": {"los": "Losentscheid", "wiederholung": "Wiederholungswahlgang"},
    "QuorumRule": {
        "mehr_als_haelfte": "mehr als die Hälfte der Mitgliedskörperschaften",
        "mindestens_haelfte": "mindestens die Hälfte der Mitgliedskörperschaften",
        "zwei_drittel": "mindestens zwei Drittel der Mitgliedskörperschaften",
    },
}

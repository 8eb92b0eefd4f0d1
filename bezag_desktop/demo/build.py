"""Demo data: a deterministic, fictional but plausible database to try the program with.

``fill_demo`` writes into a freshly created (seeded) database in one transaction: the
representatives of the member bodies, the joint chair with its election, plenary meetings over
N years with agendas, attendance, resolutions and action items, three working groups with partner
organisations, a network, and the Geschäftsstelle's own details. Everything follows from ``seed``
and ``today``: no clock, no random UUIDs, so the same arguments give the same database.
"""

from __future__ import annotations

import getpass
import json
import random
import time as _time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from bezag_desktop.db.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    AuditEntry,
    BallotRound,
    BallotVote,
    Body,
    ChairTerm,
    Committee,
    Election,
    ElectionCandidate,
    Invitation,
    InvitationRecipient,
    Meeting,
    Membership,
    Partner,
    Person,
    Setting,
    WorkingGroupReport,
)
from bezag_desktop.domain import timeutil
from bezag_desktop.domain.codes import (
    ActionStatus,
    AgendaKind,
    AgendaResult,
    AttendanceStatus,
    BallotKind,
    BodyKind,
    ChairSide,
    CommitteeKind,
    ElectionOffice,
    ElectionStatus,
    FormOfAddress,
    InviteRole,
    MeetingKind,
    MeetingStatus,
    MembershipRole,
    PartnerCategory,
    Reply,
)
from bezag_desktop.domain.errors import UserError, ValidationError
from bezag_desktop.domain.rules import RulesOfProcedure, quorum_required
from bezag_desktop.domain.text import fold
from bezag_desktop.services.settings import office_in, rules_in
from bezag_desktop.services.store import Store, open_store

MAX_YEARS = 10
_T = TypeVar("_T")
OFFICE_DOMAIN = "bezag-sozialplanung.example"
OFFICE_EMAIL = f"geschaeftsstelle@{OFFICE_DOMAIN}"
CONFERENCE_URL = f"https://konferenz.{OFFICE_DOMAIN}"

HQ_NAME = "Bezirk Oberbayern"
HQ_ADDRESS = "Prinzregentenstraße 14, 80538 München"
HQ_ROOM = "Sitzungssaal 1"
HQ_TRAVEL = (
    "U-Bahn U4/U5 bis Lehel, Tram 16 bis Nationalmuseum/Haus der Kunst. "
    "Parkplätze stehen nicht zur Verfügung; bitte reisen Sie mit öffentlichen Verkehrsmitteln an."
)

# --- fictional names ----------------------------------------------------------------------------

FEMALE_FIRST = (
    "Anna", "Maria", "Sabine", "Claudia", "Julia", "Katharina", "Christine", "Stefanie", "Barbara",
    "Monika", "Andrea", "Susanne", "Elisabeth", "Theresa", "Franziska", "Veronika", "Johanna",
    "Magdalena", "Birgit", "Petra", "Bärbel", "Dörte", "Lena", "Sophie", "Gülay", "Agnieszka",
)  # fmt: skip
MALE_FIRST = (
    "Thomas", "Michael", "Stefan", "Andreas", "Markus", "Christian", "Florian", "Johannes", "Martin",
    "Peter", "Wolfgang", "Josef", "Georg", "Matthias", "Tobias", "Sebastian", "Jörg", "Jürgen",
    "Günther", "Björn", "Sönke", "Maximilian", "Benedikt", "Korbinian", "Ludwig", "Emre",
)  # fmt: skip
NEUTRAL_FIRST = ("Kim", "Alex", "Luca")
LAST_NAMES = (
    "Huber", "Müller", "Schmid", "Maier", "Bauer", "Wagner", "Brunner", "Gruber", "Hofmann", "Schäfer",
    "Weiß", "Größl", "Kögl", "Strauß", "Fößl", "Rößler", "Stöckl", "Köhler", "Bäumler", "Lößl",
    "Zöllner", "Mößmer", "Fuchs", "Lechner", "Obermaier", "Wimmer", "Pichler", "Sedlmeier",
    "Hintermayr", "Kreitmair", "Pröbstl", "Thaler", "Aigner", "Forstner", "Gaßner", "Heiß", "Jäger",
    "Krämer", "Märkl", "Nüßlein", "Öttl", "Rühl", "Süß", "Würfl", "Demirci", "Nowak", "Kovačević",
    "Ahrens", "Dietl", "Eberl", "Gschwendtner", "Haßlberger", "Kühn", "Loibl", "Niedermeier",
)  # fmt: skip

#: (female, male, neutral) forms of a function.
Function = tuple[str, str, str]

BEZIRK_MEMBER_FUNCTIONS: tuple[Function, ...] = (
    ("Sozialplanerin", "Sozialplaner", "Sozialplanung"),
    ("Referentin Sozialplanung", "Referent Sozialplanung", "Referat Sozialplanung"),
)
BEZIRK_DEPUTY_FUNCTIONS: tuple[Function, ...] = (
    ("Sachgebietsleiterin Eingliederungshilfe", "Sachgebietsleiter Eingliederungshilfe", "Sachgebietsleitung"),
    ("Referentin Hilfe zur Pflege", "Referent Hilfe zur Pflege", "Referat Hilfe zur Pflege"),
)
LOCAL_MEMBER_FUNCTIONS: tuple[Function, ...] = (
    ("Sozialplanerin", "Sozialplaner", "Sozialplanung"),
    ("Leiterin Sozialamt", "Leiter Sozialamt", "Leitung Sozialamt"),
    ("Fachbereichsleiterin Soziales", "Fachbereichsleiter Soziales", "Fachbereichsleitung Soziales"),
    ("Koordinatorin Sozialplanung", "Koordinator Sozialplanung", "Koordination Sozialplanung"),
    ("Sachgebietsleiterin Soziale Hilfen", "Sachgebietsleiter Soziale Hilfen", "Sachgebietsleitung"),
)
LOCAL_DEPUTY_FUNCTIONS: tuple[Function, ...] = (
    ("Seniorenbeauftragte", "Seniorenbeauftragter", "Seniorenbeauftragte Person"),
    ("Pflegebedarfsplanerin", "Pflegebedarfsplaner", "Pflegebedarfsplanung"),
    ("Stellv. Leiterin Sozialamt", "Stellv. Leiter Sozialamt", "Stellv. Leitung Sozialamt"),
    ("Inklusionsbeauftragte", "Inklusionsbeauftragter", "Inklusionsbeauftragte Person"),
    ("Fachstelle Wohnungsnotfallhilfe", "Fachstelle Wohnungsnotfallhilfe", "Fachstelle Wohnungsnotfallhilfe"),
    ("Sozialplanerin", "Sozialplaner", "Sozialplanung"),
)

#: Per AGS: e-mail domain and telephone area code (without the leading 0).
BODY_CONTACT: dict[str, tuple[str, str]] = {
    "091": ("bezirk-oberbayern.example", "89"),
    "09161": ("ingolstadt.example", "841"),
    "09162": ("muenchen.example", "89"),
    "09163": ("rosenheim.example", "8031"),
    "09171": ("lra-aoe.example", "8671"),
    "09172": ("lra-bgl.example", "8651"),
    "09173": ("lra-toel.example", "8041"),
    "09174": ("lra-dah.example", "8131"),
    "09175": ("lra-ebe.example", "8092"),
    "09176": ("lra-ei.example", "8421"),
    "09177": ("lra-ed.example", "8122"),
    "09178": ("kreis-fs.example", "8161"),
    "09179": ("lra-ffb.example", "8141"),
    "09180": ("lra-gap.example", "8821"),
    "09181": ("lra-ll.example", "8191"),
    "09182": ("lra-mb.example", "8025"),
    "09183": ("lra-mue.example", "8631"),
    "09184": ("lra-m.example", "89"),
    "09185": ("lra-nd.example", "8431"),
    "09186": ("lra-paf.example", "8441"),
    "09187": ("lra-ro.example", "8031"),
    "09188": ("lra-sta.example", "8151"),
    "09189": ("lra-ts.example", "861"),
    "09190": ("lra-wm.example", "881"),
}


@dataclass(frozen=True)
class _PartnerSpec:
    key: str
    name: str
    category: PartnerCategory
    street: str
    postcode: str
    city: str
    domain: str
    area: str
    functions: tuple[Function, ...]
    notes: str = ""


PARTNERS: tuple[_PartnerSpec, ...] = (
    _PartnerSpec(
        "caritas", "Caritasverband Oberland-Isar e.V.", PartnerCategory.WOHLFAHRTSVERBAND,
        "Kolpingstraße 12", "83646", "Bad Tölz", "caritas-oberland-isar.example", "8041",
        (("Bereichsleiterin Wohnungslosenhilfe", "Bereichsleiter Wohnungslosenhilfe", "Bereichsleitung Wohnungslosenhilfe"),
         ("Fachdienstleiterin Soziale Beratung", "Fachdienstleiter Soziale Beratung", "Fachdienstleitung Soziale Beratung")),
    ),
    _PartnerSpec(
        "diakonie", "Diakonie Isar-Inn e.V.", PartnerCategory.WOHLFAHRTSVERBAND,
        "Lindenstraße 8", "83278", "Traunstein", "diakonie-isar-inn.example", "861",
        (("Vorständin", "Vorstand", "Vorstand"),
         ("Referentin Hilfen für Menschen in Wohnungsnot", "Referent Hilfen für Menschen in Wohnungsnot", "Referat Wohnungsnot")),
    ),
    _PartnerSpec(
        "awo", "AWO Bezirksverband Alpenvorland e.V.", PartnerCategory.WOHLFAHRTSVERBAND,
        "Gärtnerstraße 21", "80992", "München", "awo-alpenvorland.example", "89",
        (("Abteilungsleiterin Teilhabe", "Abteilungsleiter Teilhabe", "Abteilungsleitung Teilhabe"),),
    ),
    _PartnerSpec(
        "aok", "AOK Bayern – Direktion Oberland", PartnerCategory.KASSE,
        "Schönauer Straße 3", "83646", "Bad Tölz", "aok-oberland.example", "8041",
        (("Leiterin Pflegeberatung", "Leiter Pflegeberatung", "Leitung Pflegeberatung"),
         ("Direktorin", "Direktor", "Direktion")),
    ),
    _PartnerSpec(
        "bkk", "BKK Alpenland – Pflegekasse", PartnerCategory.KASSE,
        "Bahnhofplatz 4", "82467", "Garmisch-Partenkirchen", "bkk-alpenland.example", "8821",
        (("Regionalbeauftragte Pflege", "Regionalbeauftragter Pflege", "Regionalbeauftragte Pflege"),),
    ),
    _PartnerSpec(
        "pflegekonferenz", "Pflegekonferenz Oberbayern", PartnerCategory.NETZWERK,
        "Prinzregentenstraße 14", "80538", "München", "pflegekonferenz-obb.example", "89",
        (("Koordinatorin der Pflegekonferenz", "Koordinator der Pflegekonferenz", "Koordination der Pflegekonferenz"),),
        "Regionales Netzwerk der Pflegeanbieter, Kassen, Kommunen und Beratungsstellen.",
    ),
    _PartnerSpec(
        "hochschule", "Hochschule für Sozialwesen Freising – Institut für Sozialplanung", PartnerCategory.WISSENSCHAFT,
        "Am Domberg 9", "85354", "Freising", "hs-sozialwesen-freising.example", "8161",
        (("Professorin für Sozialplanung", "Professor für Sozialplanung", "Professur für Sozialplanung"),
         ("Wissenschaftliche Mitarbeiterin", "Wissenschaftlicher Mitarbeiter", "Wissenschaftliche Mitarbeit")),
    ),
    _PartnerSpec(
        "lebenshilfe", "Lebenshilfe Inn-Salzach e.V.", PartnerCategory.LEISTUNGSERBRINGER,
        "Innstraße 40", "84453", "Mühldorf a.Inn", "lebenshilfe-inn-salzach.example", "8631",
        (("Geschäftsführerin", "Geschäftsführer", "Geschäftsführung"),
         ("Leiterin Ambulant Betreutes Wohnen", "Leiter Ambulant Betreutes Wohnen", "Leitung Ambulant Betreutes Wohnen")),
    ),
    _PartnerSpec(
        "wohnhilfe", "Wohnhilfe Oberbayern gGmbH", PartnerCategory.LEISTUNGSERBRINGER,
        "Landsberger Straße 77", "80339", "München", "wohnhilfe-obb.example", "89",
        (("Leiterin Notunterkünfte", "Leiter Notunterkünfte", "Leitung Notunterkünfte"),),
    ),
    _PartnerSpec(
        "seniorenrat", "Seniorenrat Fünfseenland e.V.", PartnerCategory.SENIORENVERTRETUNG,
        "Seestraße 5", "82319", "Starnberg", "seniorenrat-fuenfseenland.example", "8151",
        (("Vorsitzende", "Vorsitzender", "Vorsitz"),),
    ),
    _PartnerSpec(
        "jugendforum", "Jugendforum Oberbayern", PartnerCategory.JUGENDVERTRETUNG,
        "Marienplatz 3", "85354", "Freising", "jugendforum-obb.example", "8161",
        (("Sprecherin", "Sprecher", "Sprecher*in"),),
    ),
    _PartnerSpec(
        "nachbarschaftshilfe", "Nachbarschaftshilfe Würmtal e.V.", PartnerCategory.NACHBARSCHAFTSHILFE,
        "Würmstraße 22", "82131", "Gauting", "nbh-wuermtal.example", "89",
        (("Einsatzleiterin", "Einsatzleiter", "Einsatzleitung"),),
    ),
)  # fmt: skip


@dataclass(frozen=True)
class _GroupSpec:
    name: str
    short_name: str
    topic: str
    goal: str
    partners: tuple[str, ...]
    agenda: tuple[tuple[str, AgendaKind], ...]


GROUPS: tuple[_GroupSpec, ...] = (
    _GroupSpec(
        "AG Wohnungslosenhilfe",
        "AG WLH",
        "Hilfen für wohnungslose und von Wohnungslosigkeit bedrohte Menschen",
        "Gemeinsame Standards für die Notunterbringung erarbeiten, eine Übersicht der Fachstellen zur "
        "Vermeidung von Wohnungslosigkeit führen und Fallzahlen zwischen Bezirk, Landkreisen und Städten "
        "austauschen, um Doppelstrukturen zu vermeiden.",
        ("caritas", "wohnhilfe", "diakonie"),
        (
            ("Belegung der Notunterkünfte im Winter", AgendaKind.BERATUNG),
            ("Mindeststandards für die Notunterbringung", AgendaKind.BESCHLUSS),
            ("Fachstellen zur Vermeidung von Wohnungslosigkeit – Übersicht", AgendaKind.BERICHT),
            ("Wohnraum für Menschen mit besonderen sozialen Schwierigkeiten (§ 67 SGB XII)", AgendaKind.BERATUNG),
        ),
    ),
    _GroupSpec(
        "AG Pflege",
        "AG Pflege",
        "Pflegebedarfsplanung, Fachkräftemangel in der Pflege und Beratung vor Ort",
        "Die örtliche Pflegebedarfsplanung der Landkreise und Städte mit der überörtlichen Planung des "
        "Bezirks abstimmen, Maßnahmen gegen den Fachkräftemangel sammeln und die Pflegeberatung vor Ort "
        "stärken.",
        ("aok", "pflegekonferenz", "seniorenrat"),
        (
            ("Kennzahlen der Pflegebedarfsplanung", AgendaKind.BERICHT),
            ("Fachkräftegewinnung in der Pflege – Beispiele aus den Landkreisen", AgendaKind.BERATUNG),
            ("Gemeinsame Fragebogenvorlage für die Pflegebedarfsermittlung", AgendaKind.BESCHLUSS),
            ("Pflegestützpunkte und Beratung vor Ort", AgendaKind.BERICHT),
        ),
    ),
    _GroupSpec(
        "AG Eingliederungshilfe",
        "AG EGH",
        "Hilfen für Menschen mit Behinderungen: Wohnen, Arbeit und Teilhabe",
        "Hilfen wie aus einer Hand: Übergänge zwischen den Leistungen des Bezirks und der Landkreise "
        "verbessern, bezahlbaren Wohnraum für Menschen mit Behinderungen planen und Angebote zur "
        "Teilhabe am Arbeitsleben abstimmen.",
        ("lebenshilfe", "hochschule", "awo"),
        (
            ("Ambulantisierung: Sachstand in den Regionen", AgendaKind.BERICHT),
            ("Bezahlbarer Wohnraum für Menschen mit Behinderungen", AgendaKind.BERATUNG),
            ("Leitfaden für den Übergang Schule – Beruf", AgendaKind.BESCHLUSS),
            ("Wissenschaftliche Begleitung durch die Hochschule", AgendaKind.BERICHT),
        ),
    ),
)

NETWORK_NAME = "Pflegekonferenz Oberbayern"
ELECTION_TITLE = "Wahl der oder des Vorsitzenden der Landkreise und kreisfreien Städte"
MAX_AGENDA_ITEMS = 12
#: The constituent meeting lies at least this far back; otherwise the demo starts a year earlier.
KONST_MIN_AGE_DAYS = 42


@dataclass(frozen=True)
class _Topic:
    """A plenary agenda topic. ``presenter``: chair, bezirk, member, office or partner:KEY."""

    title: str
    kind: AgendaKind
    presenter: str
    notes: str
    resolution: str = ""
    #: (text, responsible: "body" | "person" | "office", days until due)
    action: tuple[str, str, int] | None = None
    public: bool = True
    vertagt: bool = False
    minutes: int = 20


TOPICS: tuple[_Topic, ...] = (
    _Topic(
        "Gemeinsamer Datenbericht Sozialplanung {year}", AgendaKind.BESCHLUSS, "bezirk",
        "{presenter} stellt den Entwurf gemeinsamer Kennzahlen vor (Fallzahlen der Eingliederungshilfe, der Hilfe "
        "zur Pflege und der Wohnungslosenhilfe je Landkreis und Stadt). Die Mitglieder begrüßen den Austausch von "
        "Zahlen als Grundlage, um künftige Bedarfe früh zu erkennen.",
        "Die Bezirksarbeitsgemeinschaft beschließt, die Kennzahlen jährlich zum 31. März auszutauschen und in "
        "einem gemeinsamen Datenbericht zu veröffentlichen.",
        ("Kennzahlen für den Datenbericht an die Geschäftsstelle melden", "body", 120),
    ),
    _Topic(
        "Notunterbringung wohnungsloser Menschen im Winter", AgendaKind.BERATUNG, "member",
        "Die Landkreise und Städte berichten über die Belegung ihrer Notunterkünfte. {presenter} weist auf "
        "fehlende Plätze für Frauen mit Kindern hin. Die AG Wohnungslosenhilfe soll das Thema vertiefen.",
    ),
    _Topic(
        "Pflegebedarfsplanung: Ergebnisse der Pflegekonferenz", AgendaKind.BERICHT, "partner:pflegekonferenz",
        "{presenter} stellt die Ergebnisse der Pflegekonferenz vor: Der Bedarf an Kurzzeitpflegeplätzen steigt in "
        "allen Regionen; in den südlichen Landkreisen fehlen ambulante Dienste.",
    ),
    _Topic(
        "Fachkräftemangel in der sozialen Arbeit – gemeinsame Strategie", AgendaKind.BESCHLUSS, "chair",
        "Die Mitglieder tauschen Erfahrungen mit unbesetzten Stellen aus. Vorgeschlagen werden gemeinsame "
        "Stellenbörsen, duale Studiengänge und Kooperationen mit den Hochschulen.",
        "Die Geschäftsstelle wird beauftragt, bis zur nächsten Sitzung ein Eckpunktepapier zur Gewinnung von "
        "Fachkräften vorzulegen.",
        ("Eckpunktepapier zur Fachkräftegewinnung erstellen", "office", 150),
    ),
    _Topic(
        "Hilfen wie aus einer Hand: Lotsenstellen in den Landkreisen", AgendaKind.BESCHLUSS, "member",
        "{presenter} berichtet über die Lotsenstelle im eigenen Landkreis, die Ratsuchende trägerübergreifend "
        "berät und an die zuständigen Stellen vermittelt.",
        "Die Mitgliedskörperschaften benennen bis zum Ende des Quartals je eine Ansprechperson für die "
        "trägerübergreifende Beratung.",
        ("Ansprechperson für die trägerübergreifende Beratung benennen", "body", 90),
    ),
    _Topic(
        "Bezahlbarer Wohnraum für Menschen mit Behinderungen", AgendaKind.BERATUNG, "member",
        "Die Mitglieder beraten über Kooperationen mit Wohnungsbaugesellschaften. Der Bezirk sagt zu, die "
        "Bedarfszahlen der Eingliederungshilfe je Region bereitzustellen.",
    ),
    _Topic(
        "Ambulantisierung in der Eingliederungshilfe – Sachstand", AgendaKind.BERICHT, "bezirk",
        "{presenter} berichtet über den Stand der Ambulantisierung; die Zahl der ambulant betreuten Personen ist "
        "im Vergleich zum Vorjahr deutlich gestiegen.",
    ),
    _Topic(
        "Vorstellung: Wohnraumhilfe für junge Erwachsene", AgendaKind.BERICHT, "partner:wohnhilfe",
        "{presenter} stellt das Projekt „Startwohnung“ vor, das jungen Erwachsenen nach der Jugendhilfe den Weg "
        "in eine eigene Wohnung ebnet.",
    ),
    _Topic(
        "Beratungslandkarte Oberbayern", AgendaKind.BESCHLUSS, "office",
        "{presenter} stellt den Entwurf einer Online-Übersicht aller Beratungsstellen in Oberbayern vor.",
        "Die Geschäftsstelle erstellt eine Online-Übersicht der Beratungsstellen; die Mitglieder liefern die "
        "Angaben ihrer Körperschaft zu.",
        ("Angaben zur Beratungslandkarte zusammenstellen", "person", 100),
    ),
    _Topic(
        "Studie „Altersarmut im ländlichen Raum“", AgendaKind.BESCHLUSS, "partner:hochschule",
        "{presenter} stellt das Forschungsvorhaben vor und bittet um Unterstützung bei der Datenerhebung.",
        "Die Bezirksarbeitsgemeinschaft unterstützt die Studie und stellt anonymisierte Fallzahlen bereit.",
        ("Anonymisierte Fallzahlen für die Studie bereitstellen", "person", 180),
    ),
    _Topic(
        "Stellungnahme zum Entwurf des Aktionsplans Inklusion", AgendaKind.BESCHLUSS, "chair",
        "Der Entwurf lag erst kurz vor der Sitzung vor. Die Mitglieder bitten um mehr Zeit für eine Abstimmung "
        "in ihren Häusern; die Beratung wird auf die nächste Sitzung vertagt.",
        vertagt=True,
    ),
    _Topic(
        "Sozialbericht Oberbayern: Gliederung und Zeitplan", AgendaKind.BERATUNG, "bezirk",
        "{presenter} erläutert die vorgeschlagene Gliederung. Die Mitglieder regen ein eigenes Kapitel zur "
        "Lage pflegender Angehöriger an.",
    ),
    _Topic(
        "Pflegestützpunkte und Beratung vor Ort", AgendaKind.BERICHT, "partner:aok",
        "{presenter} berichtet über die Auslastung der Pflegestützpunkte und die Zusammenarbeit mit den "
        "Seniorenberatungsstellen der Landkreise.",
    ),
    _Topic(
        "Beteiligung junger Menschen an der Sozialplanung", AgendaKind.BERICHT, "partner:jugendforum",
        "{presenter} stellt Formate vor, mit denen junge Menschen ihre Sicht in die Planung einbringen können.",
    ),
    _Topic(
        "Nachbarschaftshilfe als Baustein der Versorgung im Alter", AgendaKind.BERICHT, "partner:nachbarschaftshilfe",
        "{presenter} berichtet über ehrenamtliche Fahrdienste und Besuchsdienste und deren Finanzierung.",
    ),
    _Topic(
        "Personalangelegenheiten der Geschäftsstelle", AgendaKind.BESCHLUSS, "chair",
        "Die Mitglieder beraten über die Stellenausstattung der Geschäftsstelle.",
        "Die Bezirksarbeitsgemeinschaft stimmt der Verlängerung der Stelle der Sachbearbeitung in der "
        "Geschäftsstelle um zwei Jahre zu.",
        public=False,
        minutes=10,
    ),
)  # fmt: skip


@dataclass(frozen=True)
class DemoSummary:
    """What the demo fill wrote."""

    first_year: int
    last_year: int
    today: date
    seed: int
    persons: int
    partners: int
    memberships: int
    committees: int
    meetings: int
    plenary_meetings: int
    agenda_items: int
    attendances: int
    action_items: int
    elections: int
    next_meeting: str
    seconds: float

    @property
    def lines(self) -> list[str]:
        years = str(self.first_year) if self.first_year == self.last_year else f"{self.first_year}–{self.last_year}"
        return [
            f"Demodaten für {years} eingespielt (Stichtag {timeutil.fmt_date(self.today)}, Startwert {self.seed}).",
            f"{self.persons} Personen, {self.partners} Netzwerkpartner, {self.memberships} Mandate.",
            f"{self.committees} weitere Gremien (Arbeitsgruppen und Netzwerk).",
            f"{self.meetings} Sitzungen, davon {self.plenary_meetings} Plenarsitzungen; "
            f"{self.agenda_items} Tagesordnungspunkte, {self.attendances} Anwesenheitseinträge.",
            f"{_n(self.action_items, 'Aufgabe', 'Aufgaben')}, {_n(self.elections, 'Wahl', 'Wahlen')}.",
            f"Nächste Plenarsitzung (noch nicht eingeladen): {self.next_meeting}.",
        ]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


# --- helpers ------------------------------------------------------------------------------------


def _ascii(text_: str) -> str:
    """For e-mail local parts: "Größl" -> "groessl", "Kovačević" -> "kovacevic"."""
    lowered = text_.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return fold(lowered).replace(" ", "-")


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 = last) ``weekday`` (Monday 0) of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _next_weekday(d: date, weekday: int) -> date:
    return d + timedelta(days=(weekday - d.weekday()) % 7)


def _easter(year: int) -> date:
    """Easter Sunday (Gregorian calendar, anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _holidays(year: int) -> set[date]:
    """Public holidays in Bavaria (as far as they close the offices in Oberbayern)."""
    easter = _easter(year)
    fixed = {(1, 1), (1, 6), (5, 1), (8, 15), (10, 3), (11, 1), (12, 24), (12, 25), (12, 26), (12, 31)}
    moving = {easter + timedelta(days=n) for n in (-2, 1, 39, 50, 60)}
    return {date(year, mo, dy) for mo, dy in fixed} | moving


def _workday(d: date) -> date:
    """``d`` or the next working day outside the Christmas break (21.12.–06.01.)."""
    while d.weekday() >= 5 or d in _holidays(d.year) or (d.month, d.day) >= (12, 21) or (d.month, d.day) <= (1, 6):
        d += timedelta(days=1)
    return d


def _n(count: int, one: str, many: str) -> str:
    """``1 Enthaltung``, ``2 Enthaltungen``, ``0 Enthaltungen``."""
    return f"{count} {one if count == 1 else many}"


def _as_chair(p: _P, dative: bool = False) -> str:
    """The chair's title fitting the person: "zur Vorsitzenden", "zum Vorsitzenden", "für den Vorsitz"."""
    if p.female is None:
        return "für den Vorsitz"
    if dative:
        return "zur Vorsitzenden" if p.female else "zum Vorsitzenden"
    return "als Vorsitzende" if p.female else "als Vorsitzenden"


def _to_utc_naive(local: datetime) -> datetime:
    return timeutil.aware(local).astimezone(UTC).replace(tzinfo=None)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser raises various errors when no name is configured
        return ""


def _parse_today(today: date | str | None) -> date:
    if today is None:
        return timeutil.today()
    if isinstance(today, datetime):
        return today.date()
    if isinstance(today, date):
        return today
    return timeutil.parse_date(today)


@dataclass
class _P:
    """A person as the builder knows it."""

    id: int
    name: str
    email: str
    female: bool | None
    body_id: int | None = None
    partner_id: int | None = None
    partner_key: str = ""


@dataclass
class _Mandate:
    membership_id: int
    person: _P
    body_id: int
    role: str
    seat: int
    start: date
    end: date | None = None

    def current(self, on: date) -> bool:
        return timeutil.is_current(self.start, self.end, on)


@dataclass
class _Chair:
    person: _P
    side: str
    start: date
    end: date | None


@dataclass
class _Invitee:
    person: _P
    role: str
    body_id: int | None = None
    partner_id: int | None = None


@dataclass
class _MeetingInfo:
    meeting: Meeting
    committee_id: int
    day: date
    held: bool
    represented: int = 0
    present: list[_P] = field(default_factory=list)
    attendances: list[Attendance] = field(default_factory=list)


class _Builder:
    def __init__(self, session: Session, rng: random.Random, today: date, years: int, seed: int) -> None:
        self.s = session
        self.rng = rng
        self.today = today
        self.seed = seed
        self.rules: RulesOfProcedure = rules_in(session)
        self.first_year = today.year - years + 1
        self.objects: list[Any] = []
        self._ids: dict[type, int] = {}
        self._used_names: set[tuple[str, str]] = set()
        self._numbers: dict[tuple[int, int], int] = {}
        self.persons: list[_P] = []
        self.mandates: list[_Mandate] = []
        self.chairs: list[_Chair] = []
        self.partner_ids: dict[str, int] = {}
        self.partner_contacts: dict[str, list[_P]] = {}
        self.counts: dict[str, int] = {}
        self.actions: list[ActionItem] = []
        self.plenary_infos: list[_MeetingInfo] = []
        self.founding_items: dict[int, AgendaItem] = {}
        #: Agenda items of kind "wahl" per meeting day: the constituent election and any re-elections.
        self.election_items: dict[date, AgendaItem] = {}
        #: Re-elections of the Kommunen chair: meeting day -> (term start, term end).
        self.reelections: dict[date, tuple[date, date]] = {}
        self.open_person_ids: set[int] = set()
        bodies = session.scalars(select(Body).where(Body.active.is_(True)).order_by(Body.sort_order, Body.id)).all()
        self.bodies: list[Body] = list(bodies)
        self.body_by_id = {b.id: b for b in self.bodies}
        plenum = session.scalar(
            select(Committee).where(Committee.kind == CommitteeKind.PLENUM.value).order_by(Committee.id)
        )
        if plenum is None:
            raise UserError("In der Datenbank fehlt das Plenum; bitte eine neue Datenbank anlegen.")
        self.plenum = plenum
        self.bezirk = next((b for b in self.bodies if b.kind == BodyKind.BEZIRK.value), None)

    # --- ids and objects -------------------------------------------------------------------------

    def new_id(self, model: type) -> int:
        if model not in self._ids:
            current = self.s.scalar(select(func.max(model.id)))  # type: ignore[attr-defined]
            self._ids[model] = (current or 0) + 1
        value = self._ids[model]
        self._ids[model] = value + 1
        return value

    def add(self, obj: _T) -> _T:
        if getattr(obj, "id", None) is None:
            obj.id = self.new_id(type(obj))  # type: ignore[attr-defined]
        self.objects.append(obj)
        name = type(obj).__name__
        self.counts[name] = self.counts.get(name, 0) + 1
        return obj

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # --- people ----------------------------------------------------------------------------------

    def _name(self, female: bool | None) -> tuple[str, str]:
        pool = NEUTRAL_FIRST if female is None else FEMALE_FIRST if female else MALE_FIRST
        for _ in range(1000):
            first, last = self.rng.choice(pool), self.rng.choice(LAST_NAMES)
            if (first, last) not in self._used_names and not any(
                _ascii(first) == _ascii(f) and _ascii(last) == _ascii(la) for f, la in self._used_names
            ):
                self._used_names.add((first, last))
                return first, last
        raise RuntimeError("name pool exhausted")  # pragma: no cover - pools are far larger than needed

    def person(
        self,
        functions: Function,
        *,
        domain: str,
        area: str,
        body: Body | None = None,
        partner_key: str = "",
        title: str | None = None,
        female: bool | None = None,
        street: str = "",
        postcode: str = "",
        city: str = "",
    ) -> _P:
        if female is None and self.rng.random() < 0.97:
            female = self.rng.random() < 0.55
        first, last = self._name(female)
        if title is None:
            title = "Dr." if self.rng.random() < 0.18 else ""
        form = FormOfAddress.NEUTRAL if female is None else FormOfAddress.FRAU if female else FormOfAddress.HERR
        function = functions[2] if female is None else functions[0] if female else functions[1]
        email = f"{_ascii(first)}.{_ascii(last)}@{domain}"
        ext = self.rng.randint(100, 899)
        exchange = self.rng.randint(200, 9899)
        phone = f"+49 {area} {exchange}-{ext}"
        partner_id = self.partner_ids.get(partner_key) if partner_key else None
        pid = self.new_id(Person)
        self.add(
            Person(
                id=pid,
                form_of_address=form.value,
                title=title,
                first_name=first,
                last_name=last,
                function=function,
                body_id=body.id if body is not None else None,
                partner_id=partner_id,
                email=email,
                phone=phone,
                street=street or (body.street if body is not None else ""),
                postcode=postcode or (body.postcode if body is not None else ""),
                city=city or (body.city if body is not None else ""),
                search_key=fold(" ".join([title, first, last, email])),
            )
        )
        display = " ".join(p for p in (title, first, last) if p)
        p = _P(pid, display, email, female, body.id if body else None, partner_id, partner_key)
        self.persons.append(p)
        return p

    def body_person(self, body: Body, functions: Sequence[Function]) -> _P:
        domain, area = BODY_CONTACT.get(body.ags, (f"ags-{body.ags}.example", "89"))
        return self.person(self.rng.choice(list(functions)), domain=domain, area=area, body=body)

    def mandate(
        self,
        person: _P,
        body: Body,
        role: MembershipRole,
        seat: int,
        start: date,
        end: date | None = None,
        predecessor: _Mandate | None = None,
    ) -> _Mandate:
        mid = self.new_id(Membership)
        self.add(
            Membership(
                id=mid,
                person_id=person.id,
                committee_id=self.plenum.id,
                body_id=body.id,
                role=role.value,
                voting_right=True,  # as the mandate service records it; a deputy votes when standing in
                start_date=start,
                end_date=end,
                predecessor_id=predecessor.membership_id if predecessor else None,
                notes="Übergabe des Mandats" if predecessor else "",
            )
        )
        m = _Mandate(mid, person, body.id, role.value, seat, start, end)
        self.mandates.append(m)
        return m

    def seats(self, body: Body) -> tuple[int, int]:
        if body.kind == BodyKind.BEZIRK.value:
            members, deputies = self.rules.member_seats_bezirk, self.rules.deputy_seats_bezirk
        else:
            members, deputies = self.rules.member_seats_per_body, self.rules.deputy_seats_per_body
        members = body.member_seats if body.member_seats is not None else members
        deputies = body.deputy_seats if body.deputy_seats is not None else deputies
        return max(1, min(members, 3)), max(0, min(deputies, 3))

    def reps_on(self, body_id: int, on: date) -> list[tuple[_Mandate, _Mandate | None]]:
        """(member, deputy of the same seat) pairs valid on a day."""
        current = [m for m in self.mandates if m.body_id == body_id and m.current(on)]
        members = sorted((m for m in current if m.role == MembershipRole.MITGLIED.value), key=lambda m: m.seat)
        deputies = {m.seat: m for m in current if m.role == MembershipRole.STELLVERTRETUNG.value}
        return [(m, deputies.get(m.seat)) for m in members]

    def chairs_on(self, on: date) -> list[_Chair]:
        return [c for c in self.chairs if timeutil.is_current(c.start, c.end, on)]

    # --- meetings --------------------------------------------------------------------------------

    def meeting(
        self,
        committee_id: int,
        day: date,
        start: time,
        end: time,
        *,
        kind: MeetingKind = MeetingKind.ORDENTLICH,
        status: MeetingStatus,
        location: tuple[str, str, str],
        online_url: str = "",
        travel_notes: str = "",
        minute_taker: _P | None = None,
        notes: str = "",
    ) -> Meeting:
        key = (committee_id, day.year)
        number = self._numbers.get(key, 0) + 1
        self._numbers[key] = number
        meeting = Meeting(
            id=self.new_id(Meeting),
            committee_id=committee_id,
            year=day.year,
            number=number,
            kind=kind.value,
            status=status.value,
            title=f"{number}. Sitzung {day.year}",
            start=datetime.combine(day, start),
            end=datetime.combine(day, end),
            location_name=location[0],
            location_address=location[1],
            location_room=location[2],
            online_url=online_url,
            travel_notes=travel_notes,
            uid=self.uid(),
            sequence=0,
            minute_taker_id=minute_taker.id if minute_taker else None,
            rsvp_date=day - timedelta(days=7),
            notes=notes,
        )
        return self.add(meeting)

    def item(
        self,
        meeting: Meeting,
        position: int,
        number: str,
        title: str,
        kind: AgendaKind,
        *,
        parent: AgendaItem | None = None,
        presenter: _P | None = None,
        minutes: int | None = None,
        public: bool = True,
        notes: str = "",
        resolution: str = "",
        result: AgendaResult | None = None,
        votes: tuple[int, int, int] | None = None,
        unanimous: bool = False,
        description: str = "",
    ) -> AgendaItem:
        item = AgendaItem(
            id=self.new_id(AgendaItem),
            meeting_id=meeting.id,
            parent_id=parent.id if parent else None,
            position=position,
            number=number,
            title=title,
            kind=kind.value,
            presenter=presenter.name if presenter else "",
            presenter_id=presenter.id if presenter else None,
            planned_minutes=minutes,
            public=public,
            description=description,
            notes=notes,
            resolution_text=resolution,
            votes_yes=votes[0] if votes else None,
            votes_no=votes[1] if votes else None,
            votes_abstain=votes[2] if votes else None,
            unanimous=unanimous,
            result=result.value if result else None,
        )
        return self.add(item)

    def vote(self, voters: int, *, unanimous: bool | None = None) -> tuple[tuple[int, int, int], bool]:
        if unanimous is None:
            unanimous = self.rng.random() < 0.5
        if unanimous:
            return (voters, 0, 0), True
        no = self.rng.randint(0, 2)
        abstain = self.rng.randint(1, 3)
        return (max(voters - no - abstain, 0), no, abstain), False

    def invite(self, info: _MeetingInfo, invitees: list[_Invitee], sent_on: date, *, channel: str = "eml") -> None:
        """One sending (sequence 0) to one entry per e-mail address; the chairs as CHAIR."""
        inv = self.add(
            Invitation(
                id=self.new_id(Invitation),
                meeting_id=info.meeting.id,
                sent_at=_to_utc_naive(datetime.combine(sent_on, time(9, 30))),
                sequence=0,
                method="REQUEST",
                channel=channel,
            )
        )
        self.recipients(inv, invitees, info.day)

    def recipients(self, inv: Invitation, invitees: list[_Invitee], on: date) -> None:
        rank = {"CHAIR": 0, "REQ-PARTICIPANT": 1, "OPT-PARTICIPANT": 2}
        best: dict[str, tuple[str, _P]] = {}
        chair_ids = {c.person.id for c in self.chairs_on(on)}
        for inv_ in invitees:
            # DOMAIN.md "Invited": chairs CHAIR, members REQ; deputies, guests and partner contacts OPT.
            ical = "OPT-PARTICIPANT"
            if inv_.role == InviteRole.VORSITZ.value:
                ical = "CHAIR"
            elif inv_.role == InviteRole.MITGLIED.value and inv_.body_id is not None:
                ical = "REQ-PARTICIPANT"
            if inv_.person.id in chair_ids:
                ical = "CHAIR"
            key = inv_.person.email.lower()
            if key not in best or rank[ical] < rank[best[key][0]]:
                best[key] = (ical, inv_.person)
        for _key, (ical, p) in best.items():
            self.add(
                InvitationRecipient(
                    id=self.new_id(InvitationRecipient),
                    invitation_id=inv.id,
                    person_id=p.id,
                    email=p.email,
                    name=p.name,
                    role=ical,
                )
            )


# --- the plan -----------------------------------------------------------------------------------


def _plenary_days(first_year: int, last_year: int, today: date, notice: int) -> list[tuple[date, MeetingKind]]:
    """Three regular slots a year; the first meeting of the first year is the constituent one."""
    days: list[tuple[date, MeetingKind]] = []
    for year in range(first_year, last_year + 1):
        if year == first_year:
            days.append((_nth_weekday(year, 1, 3, -1), MeetingKind.KONSTITUIEREND))
        else:
            days.append((_nth_weekday(year, 3, 2, 2), MeetingKind.ORDENTLICH))
        days.append((_nth_weekday(year, 7, 3, 1), MeetingKind.ORDENTLICH))
        days.append((_nth_weekday(year, 12, 3, 2), MeetingKind.ORDENTLICH))
    future = [d for d, _k in days if d >= today]
    if not any((d - today).days > notice for d in future):
        days.append((_nth_weekday(last_year + 1, 3, 2, 2), MeetingKind.ORDENTLICH))
    return days


def fill_demo(store: Store, *, years: int = 2, seed: int = 1, today: date | str | None = None) -> DemoSummary:
    """Fill an empty, freshly seeded database with deterministic demo data (one transaction).

    The plenary meetings cover ``years`` calendar years ending with the year of ``today``; when the
    constituent meeting (end of January of the first year) would lie less than six weeks before
    ``today``, the demo starts one year earlier. Raises ``UserError`` when the database has data.
    """
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= MAX_YEARS:
        raise ValidationError(f"Die Zahl der Jahre muss zwischen 1 und {MAX_YEARS} liegen.", field="years")
    day = _parse_today(today)
    started = _time.perf_counter()
    with store.session() as s:
        _refuse_if_filled(s)
        entry = AuditEntry(
            at=_to_utc_naive(datetime.combine(day, time(12, 0))),
            user=_user(),
            action="demo.fill",
            entity="database",
            summary="Demodaten",
        )
        s.add(entry)
        s.flush()  # opens the write transaction, so the pragma below holds until COMMIT
        # Rows reference each other in all directions (minutes approved in a later meeting, groups
        # founded by an agenda item); checking foreign keys at COMMIT lets us insert in any order.
        s.execute(text("PRAGMA defer_foreign_keys=ON"))
        rng = random.Random(seed)
        first_year = day.year - years + 1
        while _nth_weekday(first_year, 1, 3, -1) + timedelta(days=KONST_MIN_AGE_DAYS) > day:
            first_year -= 1  # the constituent meeting must lie some weeks back, so there is history
        b = _Builder(s, rng, day, day.year - first_year + 1, seed)
        next_meeting = _build(b)
        s.add_all(b.objects)
        s.flush()
        summary = DemoSummary(
            first_year=b.first_year,
            last_year=day.year,
            today=day,
            seed=seed,
            persons=b.counts.get("Person", 0),
            partners=b.counts.get("Partner", 0),
            memberships=b.counts.get("Membership", 0),
            committees=b.counts.get("Committee", 0),
            meetings=b.counts.get("Meeting", 0),
            plenary_meetings=sum(1 for o in b.objects if isinstance(o, Meeting) and o.committee_id == b.plenum.id),
            agenda_items=b.counts.get("AgendaItem", 0),
            attendances=b.counts.get("Attendance", 0),
            action_items=b.counts.get("ActionItem", 0),
            elections=b.counts.get("Election", 0),
            next_meeting=next_meeting,
            seconds=0.0,
        )
        entry.summary = " ".join(summary.lines[:5])
    return replace(summary, seconds=round(_time.perf_counter() - started, 3))


def create_demo_database(path: str | Path, years: int = 2, seed: int = 1, today: date | str | None = None) -> Path:
    """Create (and seed) a database at ``path`` and fill it with demo data."""
    target = Path(path)
    store = open_store(target)
    try:
        fill_demo(store, years=years, seed=seed, today=today)
    finally:
        store.close()
    return target


def _refuse_if_filled(s: Session) -> None:
    counts = {
        "Personen": s.scalar(select(func.count(Person.id))) or 0,
        "Sitzungen": s.scalar(select(func.count(Meeting.id))) or 0,
        "Mandate": s.scalar(select(func.count(Membership.id))) or 0,
        "Netzwerkpartner": s.scalar(select(func.count(Partner.id))) or 0,
        "Vorsitz-Amtszeiten": s.scalar(select(func.count(ChairTerm.id))) or 0,
        "weitere Gremien": s.scalar(
            select(func.count(Committee.id)).where(Committee.kind != CommitteeKind.PLENUM.value)
        )
        or 0,
    }
    found = [f"{n} {label}" for label, n in counts.items() if n]
    if found:
        raise UserError(
            f"Die Datenbank enthält bereits Daten ({', '.join(found)}). Demodaten werden nur in eine leere, "
            "neu angelegte Datenbank geschrieben; es wurde nichts verändert. "
            "Legen Sie eine neue Datei an, z. B. mit „bezag --db demo.sqlite demo“."
        )


# --- building -----------------------------------------------------------------------------------


def _build(b: _Builder) -> str:
    rng = b.rng
    today = b.today
    plan = _plenary_days(b.first_year, today.year, today, b.rules.notice_period_days)
    konst_day = plan[0][0]

    # Partners and their contacts.
    for spec in PARTNERS:
        pid = b.new_id(Partner)
        b.partner_ids[spec.key] = pid
        b.add(
            Partner(
                id=pid,
                name=spec.name,
                category=spec.category.value,
                street=spec.street,
                postcode=spec.postcode,
                city=spec.city,
                email=f"info@{spec.domain}",
                phone=f"+49 {spec.area} {rng.randint(200, 9899)}-0",
                website=f"https://www.{spec.domain}",
                notes=spec.notes,
            )
        )
    for spec in PARTNERS:
        n = len(spec.functions) if len(spec.functions) == 1 else rng.randint(1, 2)
        contacts: list[_P] = []
        for i in range(max(n, 1)):
            title = "Prof. Dr." if spec.key == "hochschule" and i == 0 else None
            contacts.append(
                b.person(
                    spec.functions[i],
                    domain=spec.domain,
                    area=spec.area,
                    partner_key=spec.key,
                    title=title,
                    street=spec.street,
                    postcode=spec.postcode,
                    city=spec.city,
                )
            )
        b.partner_contacts[spec.key] = contacts

    # The Geschäftsstelle (at the Bezirk) and the Bezirk's designated chair.
    bezirk = b.bezirk
    office_domain, office_area = "bezirk-oberbayern.example", "89"
    office_head = b.person(
        ("Leiterin der Geschäftsstelle", "Leiter der Geschäftsstelle", "Leitung der Geschäftsstelle"),
        domain=office_domain,
        area=office_area,
        body=bezirk,
        title="",
    )
    minute_taker = b.person(
        ("Sachbearbeiterin Geschäftsstelle", "Sachbearbeiter Geschäftsstelle", "Sachbearbeitung Geschäftsstelle"),
        domain=office_domain,
        area=office_area,
        body=bezirk,
        title="",
    )
    bezirk_chair = b.person(
        ("Leiterin der Sozialplanung", "Leiter der Sozialplanung", "Leitung der Sozialplanung"),
        domain=office_domain,
        area=office_area,
        body=bezirk,
        title="Dr.",
    )

    # Representatives: members and deputies of every body from before the constituent meeting.
    for body in b.bodies:
        n_members, n_deputies = b.seats(body)
        is_bezirk = body.kind == BodyKind.BEZIRK.value
        for seat in range(n_members):
            start = konst_day - timedelta(days=rng.randint(14, 60))
            member = b.body_person(body, BEZIRK_MEMBER_FUNCTIONS if is_bezirk else LOCAL_MEMBER_FUNCTIONS)
            b.mandate(member, body, MembershipRole.MITGLIED, seat, start)
            if seat < n_deputies:
                deputy = b.body_person(body, BEZIRK_DEPUTY_FUNCTIONS if is_bezirk else LOCAL_DEPUTY_FUNCTIONS)
                b.mandate(deputy, body, MembershipRole.STELLVERTRETUNG, seat, start)

    # The Bezirk designates its chair; the Kommunen side is elected in the constituent meeting.
    bezirk_designated = konst_day - timedelta(days=rng.randint(10, 20))
    b.chairs.append(_Chair(bezirk_chair, ChairSide.BEZIRK.value, bezirk_designated, None))
    local_members = [
        m
        for m in b.mandates
        if m.role == MembershipRole.MITGLIED.value and b.body_by_id[m.body_id].kind != BodyKind.BEZIRK.value
    ]
    candidates = rng.sample(local_members, 3)
    elected = candidates[0]
    term_start = konst_day
    term_end = timeutil.term_end(term_start, b.rules.chair_term_years)
    b.chairs.append(_Chair(elected.person, ChairSide.KOMMUNEN.value, term_start, term_end))
    # A demo spanning more than one term re-elects the chair in the last meeting before the term ends.
    while term_end < today:
        options = [d for d, _k in plan if konst_day < d <= term_end and d < today]
        if not options:
            break
        start = term_end + timedelta(days=1)
        new_end = timeutil.term_end(start, b.rules.chair_term_years)
        b.reelections[options[-1]] = (start, new_end)
        b.chairs.append(_Chair(elected.person, ChairSide.KOMMUNEN.value, start, new_end))
        term_end = new_end

    # Handovers: one member and one deputy mandate change hands during the last year.
    protected = {c.person.id for c in candidates}
    handovers: list[tuple[_Mandate, date]] = []
    for role, days_back in ((MembershipRole.MITGLIED, 200), (MembershipRole.STELLVERTRETUNG, 120)):
        when = today - timedelta(days=days_back)
        if when <= konst_day + timedelta(days=30):
            continue
        pool = [
            m
            for m in b.mandates
            if m.role == role.value
            and m.end is None
            and m.person.id not in protected
            and b.body_by_id[m.body_id].kind == BodyKind.LANDKREIS.value
            and all(h[0].body_id != m.body_id for h in handovers)
        ]
        old = rng.choice(pool)
        handovers.append((old, when))
    for old, when in handovers:  # the successor takes the seat the day the predecessor's mandate ends + 1
        old.end = when - timedelta(days=1)
        membership = next(o for o in b.objects if isinstance(o, Membership) and o.id == old.membership_id)
        membership.end_date = old.end
        membership.notes = "Mandat beendet (Wechsel der Zuständigkeit)"
        body = b.body_by_id[old.body_id]
        funcs = LOCAL_MEMBER_FUNCTIONS if old.role == MembershipRole.MITGLIED.value else LOCAL_DEPUTY_FUNCTIONS
        successor = b.body_person(body, funcs)
        b.mandate(successor, body, MembershipRole(old.role), old.seat, when, predecessor=old)
        protected.add(old.person.id)
    b.open_person_ids = {m.person.id for m in b.mandates if m.end is None}

    # Working groups are founded by plenary resolutions; decide where.
    held_days = [d for d, _k in plan if d < today]
    found_at: dict[int, int] = {}  # group index -> index into plan
    for gi in range(len(GROUPS)):
        wanted = 1 if gi < 2 else 2
        found_at[gi] = min(wanted, len(held_days) - 1)

    # Plenary meetings in order.
    next_uninvited = ""
    groups: list[_Group] = []
    previous: _MeetingInfo | None = None
    topic_deck: list[_Topic] = []
    for idx, (day, kind) in enumerate(plan):
        held = day < today
        info = _plenary_meeting(b, idx, day, kind, held, previous, minute_taker)
        if held:
            # Candidates and the working groups' leads (who report) come to the meeting.
            must = {c.person.id for c in candidates} if kind == MeetingKind.KONSTITUIEREND else set()
            must |= {g.lead.id for g in groups if g.founded < day}
            _plenary_attendance(b, info, must)
            founding = [gi for gi, at in found_at.items() if at == idx]
            _plenary_agenda_held(b, info, previous, kind, groups, founding, topic_deck, office_head)
            for gi in founding:
                groups.append(_found_group(b, gi, info, protected))
            previous = info
            b.plenary_infos.append(info)
        else:
            invited = (day - today).days <= b.rules.notice_period_days
            _plenary_agenda_future(b, info, office_head)
            if invited:
                info.meeting.status = MeetingStatus.EINGELADEN.value
                invitees = _plenary_invitees(b, day)
                b.invite(info, invitees, day - timedelta(days=b.rules.notice_period_days + 3))
                _replies(b, info, invitees)
            elif not next_uninvited:
                next_uninvited = f"{info.meeting.title} am {timeutil.fmt_date(day)}"

    # Minutes: all held plenary meetings but the last are approved in the following one.
    for earlier, later in zip(b.plenary_infos, b.plenary_infos[1:], strict=False):
        earlier.meeting.status = MeetingStatus.PROTOKOLL_GENEHMIGT.value
        earlier.meeting.minutes_approved_in_id = later.meeting.id
        earlier.meeting.minutes_approved_on = later.day
    if b.plenary_infos:
        b.plenary_infos[-1].meeting.status = MeetingStatus.PROTOKOLL_ENTWURF.value

    _elections(b, konst_day, candidates, elected)
    for group in groups:
        _group_meetings(b, group, minute_taker)
    _network(b, minute_taker)
    _settle_actions(b)
    _office(b, office_head)
    return next_uninvited


@dataclass
class _Group:
    spec: _GroupSpec
    committee: Committee
    founded: date
    lead: _P
    deputy_lead: _P
    members: list[_Invitee]


def _location_for(b: _Builder, idx: int) -> tuple[tuple[str, str, str], str]:
    if idx % 3 != 1:
        return (HQ_NAME, HQ_ADDRESS, HQ_ROOM), HQ_TRAVEL
    host = b.rng.choice([x for x in b.bodies if x.kind != BodyKind.BEZIRK.value])
    name = f"Landratsamt {host.short_name}" if host.kind == BodyKind.LANDKREIS.value else host.name
    return (name, f"{host.street}, {host.postcode} {host.city}", "Großer Sitzungssaal"), ""


def _plenary_meeting(
    b: _Builder,
    idx: int,
    day: date,
    kind: MeetingKind,
    held: bool,
    previous: _MeetingInfo | None,
    minute_taker: _P,
) -> _MeetingInfo:
    location, travel = _location_for(b, idx)
    hybrid = not held or b.rng.random() < 0.4
    end = time(14, 0) if kind == MeetingKind.KONSTITUIEREND else time(13, 0)
    meeting = b.meeting(
        b.plenum.id,
        day,
        time(10, 0),
        end,
        kind=kind,
        status=MeetingStatus.DURCHGEFUEHRT if held else MeetingStatus.GEPLANT,
        location=location,
        online_url=f"{CONFERENCE_URL}/plenum-{day.year}-{idx + 1}" if hybrid else "",
        travel_notes=travel,
        minute_taker=minute_taker,
    )
    return _MeetingInfo(meeting, b.plenum.id, day, held)


def _plenary_invitees(b: _Builder, day: date) -> list[_Invitee]:
    invitees: list[_Invitee] = []
    seen: set[int] = set()
    for body in b.bodies:
        for member, deputy in b.reps_on(body.id, day):
            invitees.append(_Invitee(member.person, InviteRole.MITGLIED.value, body.id))
            seen.add(member.person.id)
            if deputy is not None:
                invitees.append(_Invitee(deputy.person, InviteRole.STELLVERTRETUNG.value, body.id))
                seen.add(deputy.person.id)
    for chair in b.chairs_on(day):
        if chair.person.id not in seen:
            invitees.append(_Invitee(chair.person, InviteRole.VORSITZ.value))
            seen.add(chair.person.id)
    return invitees


def _plenary_attendance(b: _Builder, info: _MeetingInfo, must_attend: set[int]) -> dict[int, Attendance]:
    """Attendance of every invited person; some members represented by their deputies; quorate."""
    rng = b.rng
    day = info.day
    chair_ids = {c.person.id for c in b.chairs_on(day)} | must_attend
    online_ok = bool(info.meeting.online_url)
    rows: dict[int, Attendance] = {}
    plan: list[tuple[Body, _Mandate, _Mandate | None, str]] = []
    for body in b.bodies:
        for member, deputy in b.reps_on(body.id, day):
            r = rng.random()
            if member.person.id in chair_ids or r < 0.74:
                outcome = "present"
            elif r < 0.88 and deputy is not None:
                outcome = "represented"
            elif r < 0.95:
                outcome = "excused"
            else:
                outcome = "absent"
            if deputy is not None and deputy.person.id in must_attend and outcome in ("excused", "absent"):
                outcome = "represented"
            plan.append((body, member, deputy, outcome))
    # At least one stand-in per meeting; quorum always reached.
    if not any(o == "represented" for *_x, o in plan):
        options = [i for i, (_bd, m, d, _o) in enumerate(plan) if d is not None and m.person.id not in chair_ids]
        i = rng.choice(options)
        plan[i] = (*plan[i][:3], "represented")
    required = quorum_required(len(b.bodies), b.rules.quorum_rule)
    for i, (body, member, deputy, outcome) in enumerate(plan):
        if _represented_count(plan) >= required:
            break
        if outcome in ("excused", "absent"):
            plan[i] = (body, member, deputy, "present")
    for body, member, deputy, outcome in plan:
        mp = member.person
        if outcome == "present":
            status = AttendanceStatus.ONLINE if online_ok and rng.random() < 0.25 else AttendanceStatus.ANWESEND
            rows[mp.id] = _att(b, info, mp, InviteRole.MITGLIED, body.id, Reply.ZUGESAGT, status)
        elif outcome == "represented":
            assert deputy is not None
            rows[mp.id] = _att(
                b, info, mp, InviteRole.MITGLIED, body.id, Reply.ABGESAGT, AttendanceStatus.VERTRETEN, deputy.person
            )
        elif outcome == "excused":
            rows[mp.id] = _att(b, info, mp, InviteRole.MITGLIED, body.id, Reply.ABGESAGT, AttendanceStatus.ENTSCHULDIGT)
        else:
            reply = Reply.ZUGESAGT if rng.random() < 0.5 else Reply.OFFEN
            rows[mp.id] = _att(b, info, mp, InviteRole.MITGLIED, body.id, reply, AttendanceStatus.ABWESEND)
        if deputy is None:
            continue
        dp = deputy.person
        if outcome == "represented":
            rows[dp.id] = _att(
                b, info, dp, InviteRole.STELLVERTRETUNG, body.id, Reply.ZUGESAGT, AttendanceStatus.ANWESEND
            )
        elif outcome == "present":
            r = rng.random()
            if r < 0.15 or dp.id in must_attend:
                rows[dp.id] = _att(
                    b, info, dp, InviteRole.STELLVERTRETUNG, body.id, Reply.ZUGESAGT, AttendanceStatus.ANWESEND
                )
            elif r < 0.75:
                rows[dp.id] = _att(
                    b, info, dp, InviteRole.STELLVERTRETUNG, body.id, Reply.ABGESAGT, AttendanceStatus.ENTSCHULDIGT
                )
            else:
                rows[dp.id] = _att(
                    b, info, dp, InviteRole.STELLVERTRETUNG, body.id, Reply.OFFEN, AttendanceStatus.ABWESEND
                )
        else:
            status = AttendanceStatus.ENTSCHULDIGT if outcome == "excused" else AttendanceStatus.ABWESEND
            reply = Reply.ABGESAGT if outcome == "excused" else Reply.OFFEN
            rows[dp.id] = _att(b, info, dp, InviteRole.STELLVERTRETUNG, body.id, reply, status)
    for chair in b.chairs_on(day):
        if chair.person.id not in rows:
            rows[chair.person.id] = _att(
                b,
                info,
                chair.person,
                InviteRole.VORSITZ,
                None,  # a co-chair who holds no seat speaks for no body (no vote, not in the quorum)
                Reply.ZUGESAGT,
                AttendanceStatus.ANWESEND,
            )
    info.represented = _represented_count(plan)
    present = {AttendanceStatus.ANWESEND.value, AttendanceStatus.ONLINE.value}
    info.present = [p for p in b.persons if p.id in rows and rows[p.id].status in present]
    invitees = _plenary_invitees(b, day)
    b.invite(info, invitees, day - timedelta(days=b.rules.notice_period_days + 7))
    return rows


def _represented_count(plan: Sequence[tuple[Body, _Mandate, _Mandate | None, str]]) -> int:
    return len({body.id for body, _m, _d, outcome in plan if outcome in ("present", "represented")})


def _att(
    b: _Builder,
    info: _MeetingInfo,
    person: _P,
    role: InviteRole,
    body_id: int | None,
    reply: Reply,
    status: AttendanceStatus | None,
    stood_in_by: _P | None = None,
    partner_id: int | None = None,
) -> Attendance:
    row = Attendance(
        id=b.new_id(Attendance),
        meeting_id=info.meeting.id,
        person_id=person.id,
        body_id=body_id,
        partner_id=partner_id,
        role=role.value,
        reply=reply.value,
        status=status.value if status else None,
        stood_in_by_id=stood_in_by.id if stood_in_by else None,
    )
    b.add(row)
    info.attendances.append(row)
    return row


def _guest(b: _Builder, info: _MeetingInfo, partner_key: str) -> _P:
    contact = b.partner_contacts[partner_key][0]
    if all(a.person_id != contact.id for a in info.attendances):
        _att(
            b,
            info,
            contact,
            InviteRole.GAST,
            None,
            Reply.ZUGESAGT,
            AttendanceStatus.GAST,
            partner_id=b.partner_ids[partner_key],
        )
    return contact


def _standard_split(rules: RulesOfProcedure) -> tuple[list[str], list[str]]:
    """The standard agenda as (head, tail): "Verschiedenes" stays last behind the topics."""
    items = list(rules.standard_agenda)
    if items and fold(items[-1]).startswith("verschiedenes"):
        return items[:-1], items[-1:]
    return items, []


def _is(title: str, word: str) -> bool:
    return word in fold(title)


def _pick_topics(b: _Builder, deck: list[_Topic], n: int) -> list[_Topic]:
    picked: list[_Topic] = []
    while len(picked) < n:
        if not deck:
            fresh = list(TOPICS)
            b.rng.shuffle(fresh)
            deck.extend(fresh)
        topic = deck.pop()
        if topic not in picked:
            picked.append(topic)
    return picked


def _presenter(b: _Builder, info: _MeetingInfo, who: str, office_head: _P) -> _P:
    chairs = b.chairs_on(info.day)
    if who.startswith("partner:"):
        key = who.split(":", 1)[1]
        return _guest(b, info, key) if info.held else b.partner_contacts[key][0]
    if who == "office":
        if info.held and all(a.person_id != office_head.id for a in info.attendances):
            # The Geschäftsstelle is not invited as a member; it attends to present its item.
            _att(b, info, office_head, InviteRole.GAST, None, Reply.ZUGESAGT, AttendanceStatus.GAST)
        return office_head
    if who == "chair" and chairs:
        return b.rng.choice(chairs).person
    present = info.present if info.held else [m.person for m in b.mandates if m.current(info.day)]
    if who == "bezirk" and b.bezirk is not None:
        pool = [p for p in present if p.body_id == b.bezirk.id]
        if pool:
            return b.rng.choice(pool)
    pool = [p for p in present if p.body_id is not None and (b.bezirk is None or p.body_id != b.bezirk.id)]
    return b.rng.choice(pool or present)


def _plenary_agenda_held(
    b: _Builder,
    info: _MeetingInfo,
    previous: _MeetingInfo | None,
    kind: MeetingKind,
    groups: list[_Group],
    founding: list[int],
    deck: list[_Topic],
    office_head: _P,
) -> None:
    rng = b.rng
    m = info.meeting
    voters = info.represented
    chairs = b.chairs_on(info.day)
    leader = next((c.person for c in chairs if c.side == ChairSide.KOMMUNEN.value), None)
    if leader is None or kind == MeetingKind.KONSTITUIEREND:
        leader = next(c.person for c in chairs if c.side == ChairSide.BEZIRK.value)
    required = quorum_required(len(b.bodies), b.rules.quorum_rule)
    head, tail = _standard_split(b.rules)
    top = 0
    items: list[AgendaItem] = []

    def add(title: str, kind_: AgendaKind, **kw: Any) -> AgendaItem:
        nonlocal top
        top += 1
        it = b.item(m, top, str(top), title, kind_, **kw)
        items.append(it)
        return it

    def add_sub(parent: AgendaItem, k: int, title: str, kind_: AgendaKind, **kw: Any) -> AgendaItem:
        it = b.item(m, k, f"{parent.number}.{k}", title, kind_, parent=parent, **kw)
        items.append(it)
        return it

    for title in head:
        if _is(title, "begrussung"):
            add(
                title,
                AgendaKind.BERICHT,
                presenter=leader,
                minutes=5,
                notes=(
                    f"{leader.name} eröffnet die Sitzung um 10:00 Uhr, begrüßt die Anwesenden und stellt die "
                    f"ordnungsgemäße Ladung fest. {voters} von {len(b.bodies)} Mitgliedskörperschaften sind "
                    f"vertreten (erforderlich: {required}); die Bezirksarbeitsgemeinschaft ist beschlussfähig."
                ),
                result=AgendaResult.KENNTNIS,
            )
        elif _is(title, "tagesordnung"):
            add(
                title,
                AgendaKind.BESCHLUSS,
                presenter=leader,
                minutes=5,
                resolution="Die Tagesordnung wird in der vorliegenden Fassung genehmigt.",
                votes=(voters, 0, 0),
                unanimous=True,
                result=AgendaResult.BESCHLOSSEN,
            )
        elif _is(title, "niederschrift"):
            if previous is None:
                continue
            abstain = rng.randint(0, 2)
            add(
                title,
                AgendaKind.BESCHLUSS,
                presenter=leader,
                minutes=5,
                resolution=(
                    f"Die Niederschrift der {previous.meeting.title} vom {timeutil.fmt_date(previous.day)} "
                    "wird ohne Änderungen genehmigt."
                ),
                votes=(voters - abstain, 0, abstain),
                unanimous=abstain == 0,
                result=AgendaResult.BESCHLOSSEN,
            )
        elif _is(title, "arbeitsgruppe"):
            if kind == MeetingKind.KONSTITUIEREND:
                continue
            active = [g for g in groups if g.founded < info.day]
            parent = add(
                title,
                AgendaKind.BERICHT,
                minutes=10 * max(len(active), 1),
                notes="" if active else "Es bestehen noch keine Arbeitsgruppen.",
                result=AgendaResult.KENNTNIS,
            )
            for sub, group in enumerate(active, start=1):
                add_sub(
                    parent,
                    sub,
                    f"Bericht aus der {group.spec.name}",
                    AgendaKind.BERICHT,
                    presenter=group.lead,
                    minutes=10,
                    notes=_group_report(b, group, info),
                    result=AgendaResult.KENNTNIS,
                )
        else:
            add(title, AgendaKind.BERICHT, presenter=leader, minutes=10, result=AgendaResult.KENNTNIS)

    if kind == MeetingKind.KONSTITUIEREND:
        bezirk_chair = next(c.person for c in chairs if c.side == ChairSide.BEZIRK.value)
        # Founding groups in this meeting too (a short demo) leaves no room for the smaller items.
        room = not founding
        intro = add(
            "Vorstellung der Mitglieder und Ziele der Bezirksarbeitsgemeinschaft",
            AgendaKind.BERICHT,
            presenter=bezirk_chair,
            minutes=30,
            notes=(
                "Die Vertreterinnen und Vertreter der Mitgliedskörperschaften stellen sich vor. Als Ziele werden "
                "„Hilfen wie aus einer Hand“, der Austausch von Zahlen zur Erkennung künftiger Bedarfe und die "
                "Vermeidung von Doppelstrukturen genannt."
            ),
            result=AgendaResult.KENNTNIS,
        )
        if room:
            bezirk_member = _presenter(b, info, "bezirk", office_head)
            local_member = _presenter(b, info, "member", office_head)
            add_sub(
                intro,
                1,
                "Der Bezirk Oberbayern als überörtlicher Träger der Sozialhilfe",
                AgendaKind.BERICHT,
                presenter=bezirk_member,
                minutes=15,
                notes=f"{bezirk_member.name} stellt die Aufgaben des Bezirks in der Eingliederungshilfe, der Hilfe "
                "zur Pflege und der Hilfe in besonderen sozialen Schwierigkeiten vor.",
                result=AgendaResult.KENNTNIS,
            )
            add_sub(
                intro,
                2,
                "Sozialplanung in den Landkreisen und kreisfreien Städten",
                AgendaKind.BERICHT,
                presenter=local_member,
                minutes=15,
                notes=f"{local_member.name} berichtet über die örtliche Sozialplanung, Seniorenpolitische "
                "Gesamtkonzepte und die Zusammenarbeit mit den Wohlfahrtsverbänden.",
                result=AgendaResult.KENNTNIS,
            )
        # The university that accompanies the BezAG scientifically attends as a guest.
        _guest(b, info, "hochschule")
        votes, unanimous = b.vote(voters, unanimous=True)
        it = add(
            "Beschluss der Geschäftsordnung",
            AgendaKind.BESCHLUSS,
            presenter=bezirk_chair,
            minutes=20,
            notes="Der Entwurf der Geschäftsordnung wurde mit der Einladung versandt.",
            resolution="Die Bezirksarbeitsgemeinschaft gibt sich die vorgelegte Geschäftsordnung.",
            votes=votes,
            unanimous=unanimous,
            result=AgendaResult.BESCHLOSSEN,
        )
        _action(b, info, it, ("Geschäftsordnung an alle Mitglieder versenden", "office", 21), leader, office_head)
        votes, unanimous = b.vote(voters)
        add(
            "Einrichtung der Geschäftsstelle",
            AgendaKind.BESCHLUSS,
            presenter=bezirk_chair,
            minutes=10,
            public=False,
            notes="Beraten werden Sitz, Stellenausstattung und Finanzierung der Geschäftsstelle.",
            resolution=(
                "Die Geschäftsstelle wird beim Bezirk Oberbayern, Referat Sozialplanung, eingerichtet. "
                f"Mit ihrer Leitung wird {office_head.name} betraut."
            ),
            votes=votes,
            unanimous=unanimous,
            result=AgendaResult.BESCHLOSSEN,
        )
        if room:
            add(
                "Benennung des Vorsitzes durch den Bezirk Oberbayern",
                AgendaKind.BERICHT,
                presenter=bezirk_chair,
                minutes=5,
                notes=f"Der Bezirk Oberbayern hat {bezirk_chair.name} {_as_chair(bezirk_chair)} benannt.",
                result=AgendaResult.KENNTNIS,
            )
        b.election_items[info.day] = add(ELECTION_TITLE, AgendaKind.WAHL, presenter=bezirk_chair, minutes=30)
        topics: list[_Topic] = []
    else:
        if info.day in b.reelections:
            bezirk_chair = next(c.person for c in chairs if c.side == ChairSide.BEZIRK.value)
            b.election_items[info.day] = add(ELECTION_TITLE, AgendaKind.WAHL, presenter=bezirk_chair, minutes=15)
        # 6 to 12 items in all: what is fixed, then as many topics as fit.
        fixed = len(items) + len(founding) + (len(founding) > 1) + (info.day.month == 12) + len(tail)
        n_topics = min(rng.randint(2, 4) - len(founding), MAX_AGENDA_ITEMS - fixed)
        topics = _pick_topics(b, deck, max(n_topics, 1))

    taken_leads = {it.presenter_id for it in b.founding_items.values()}
    # Several groups founded at once come as sub-items of one TOP.
    founding_parent = (
        add(
            "Gründung von Arbeitsgruppen",
            AgendaKind.BERATUNG,
            presenter=leader,
            minutes=5,
            notes="Die Mitglieder verständigen sich darauf, die Arbeit zu den folgenden Themen in Arbeitsgruppen zu vertiefen.",
        )
        if len(founding) > 1
        else None
    )
    for k, gi in enumerate(founding, start=1):
        spec = GROUPS[gi]
        lead_pool = [
            p
            for p in info.present
            if p.id in b.open_person_ids and p.id not in {c.person.id for c in chairs} and p.id not in taken_leads
        ]
        votes, unanimous = b.vote(voters)
        it = (add if founding_parent is None else partial(add_sub, founding_parent, k))(
            f"Gründung der {spec.name}",
            AgendaKind.BESCHLUSS,
            presenter=rng.choice(lead_pool),
            minutes=15,
            notes=f"Vorgeschlagen wird eine Arbeitsgruppe zum Thema „{spec.topic}“.",
            resolution=(
                f"Die Bezirksarbeitsgemeinschaft Sozialplanung gründet die Arbeitsgruppe „{spec.name[3:]}“. "
                f"Auftrag: {spec.goal}"
            ),
            votes=votes,
            unanimous=unanimous,
            result=AgendaResult.BESCHLOSSEN,
        )
        b.founding_items[gi] = it
        taken_leads.add(it.presenter_id or 0)
        lead = next(p for p in b.persons if p.id == it.presenter_id)
        _action(b, info, it, (f"Erste Sitzung der {spec.name} einberufen", "person", 60), lead, office_head)

    for topic in topics:
        presenter = _presenter(b, info, topic.presenter, office_head)
        notes = topic.notes.format(presenter=presenter.name)
        title = topic.title.format(year=info.day.year)
        if topic.kind == AgendaKind.BESCHLUSS and not topic.vertagt:
            votes, unanimous = b.vote(voters)
            it = add(
                title,
                topic.kind,
                presenter=presenter,
                minutes=topic.minutes,
                public=topic.public,
                notes=notes,
                resolution=topic.resolution,
                votes=votes,
                unanimous=unanimous,
                result=AgendaResult.BESCHLOSSEN,
            )
            if topic.action:
                _action(b, info, it, topic.action, presenter, office_head)
        elif topic.vertagt:
            add(title, topic.kind, presenter=presenter, minutes=topic.minutes, notes=notes, result=AgendaResult.VERTAGT)
        else:
            add(
                title,
                topic.kind,
                presenter=presenter,
                minutes=topic.minutes,
                public=topic.public,
                notes=notes,
                result=AgendaResult.KENNTNIS if topic.kind == AgendaKind.BERICHT else None,
            )

    if info.day.month == 12 or kind == MeetingKind.KONSTITUIEREND:
        year = info.day.year + (1 if info.day.month == 12 else 0)
        it = add(
            f"Sitzungstermine {year}",
            AgendaKind.BESCHLUSS,
            presenter=leader,
            minutes=5,
            resolution=f"Die von der Geschäftsstelle vorgeschlagenen Sitzungstermine für {year} werden beschlossen.",
            votes=(voters, 0, 0),
            unanimous=True,
            result=AgendaResult.BESCHLOSSEN,
        )
        _action(
            b, info, it, (f"Sitzungstermine {year} an alle Mitglieder versenden", "office", 14), leader, office_head
        )
        host = rng.choice([x for x in b.bodies if x.kind == BodyKind.LANDKREIS.value])
        _action(
            b,
            info,
            it,
            (f"Sitzungsraum für eine Plenarsitzung {year} bereitstellen", "body", 60),
            leader,
            office_head,
            body_id=host.id,
        )
    for title in tail:
        add(
            title,
            AgendaKind.BERICHT,
            presenter=leader,
            minutes=10,
            notes=rng.choice(
                (
                    "Keine Wortmeldungen.",
                    "Hinweis auf die Fachtagung „Sozialplanung im ländlichen Raum“ im Herbst.",
                    "Die Geschäftsstelle bittet um Rückmeldung zu den Kontaktdaten bis Monatsende.",
                )
            ),
            result=AgendaResult.KENNTNIS,
        )


def _plenary_agenda_future(b: _Builder, info: _MeetingInfo, office_head: _P) -> None:
    """A planned meeting: the standard agenda with two topics before "Verschiedenes", no results."""
    m = info.meeting
    head, tail = _standard_split(b.rules)
    chairs = b.chairs_on(info.day)
    leader = next((c.person for c in chairs if c.side == ChairSide.KOMMUNEN.value), None)
    titles: list[tuple[str, AgendaKind, _P | None, bool]] = [(t, AgendaKind.BERICHT, leader, True) for t in head]
    for topic in b.rng.sample([t for t in TOPICS if not t.vertagt and t.public], 2):
        presenter = _presenter(b, info, topic.presenter, office_head)
        titles.append((topic.title.format(year=info.day.year), topic.kind, presenter, topic.public))
    titles += [(t, AgendaKind.BERICHT, leader, True) for t in tail]
    for pos, (title, kind, who, public) in enumerate(titles, start=1):
        if _is(title, "tagesordnung") or _is(title, "niederschrift"):
            kind = AgendaKind.BESCHLUSS
        b.item(m, pos, str(pos), title, kind, presenter=who, minutes=10, public=public)


def _replies(b: _Builder, info: _MeetingInfo, invitees: list[_Invitee]) -> None:
    """Replies received so far for an invited future meeting."""
    for inv in invitees:
        r = b.rng.random()
        reply = Reply.ZUGESAGT if r < 0.55 else Reply.ABGESAGT if r < 0.7 else Reply.OFFEN
        _att(b, info, inv.person, InviteRole(inv.role), inv.body_id, reply, None, partner_id=inv.partner_id)


def _action(
    b: _Builder,
    info: _MeetingInfo,
    item: AgendaItem,
    spec: tuple[str, str, int],
    presenter: _P,
    office_head: _P,
    committee_id: int | None = None,
    body_id: int | None = None,
) -> ActionItem:
    text_, responsible, days = spec
    person_id: int | None = None
    if body_id is not None:
        pass  # the caller named the responsible body
    elif responsible == "office":
        person_id = office_head.id
    elif responsible == "body":
        body_id = presenter.body_id or b.rng.choice(b.bodies).id
    else:
        person_id = presenter.id
    action = ActionItem(
        id=b.new_id(ActionItem),
        committee_id=committee_id or info.committee_id,
        meeting_id=info.meeting.id,
        agenda_item_id=item.id,
        text=text_,
        responsible_person_id=person_id,
        responsible_body_id=body_id,
        due_date=info.day + timedelta(days=days),
        status=ActionStatus.OFFEN.value,
        created_on=info.day,
    )
    b.add(action)
    b.actions.append(action)
    return action


def _settle_actions(b: _Builder) -> None:
    """Old tasks mostly done, recent ones open or in progress; every status and an overdue one present."""
    rng = b.rng
    today = b.today
    actions = sorted(b.actions, key=lambda a: (a.created_on or today, a.id))
    for a in actions:
        due = a.due_date or today
        r = rng.random()
        if due < today:
            a.status = (
                ActionStatus.ERLEDIGT if r < 0.6 else ActionStatus.IN_ARBEIT if r < 0.8 else ActionStatus.OFFEN
            ).value
        else:
            a.status = (ActionStatus.OFFEN if r < 0.5 else ActionStatus.IN_ARBEIT).value
    if actions:
        overdue = [a for a in actions if a.due_date and a.due_date < today]
        if overdue and not any(a.status != ActionStatus.ERLEDIGT.value for a in overdue):
            overdue[-1].status = ActionStatus.OFFEN.value
        for status, pick in (
            (ActionStatus.ERLEDIGT, actions[0]),
            (ActionStatus.OFFEN, actions[-1]),
            (ActionStatus.IN_ARBEIT, actions[len(actions) // 2]),
        ):
            if not any(a.status == status.value for a in actions):
                pick.status = status.value
    for a in actions:
        if a.status == ActionStatus.ERLEDIGT.value:
            created = a.created_on or today
            latest = max(min(a.due_date or today, today - timedelta(days=1)), created)
            span = (latest - created).days
            a.done_on = created + timedelta(days=rng.randint(span // 2, span))
            a.notes = "Erledigt; Bericht in der folgenden Sitzung."
        elif a.status == ActionStatus.IN_ARBEIT.value:
            a.notes = "Entwurf liegt vor, Abstimmung läuft."


def _group_report(b: _Builder, group: _Group, info: _MeetingInfo) -> str:
    texts = (
        "Die Arbeitsgruppe hat sich konstituiert und ihre Arbeitsschwerpunkte festgelegt.",
        "Die Arbeitsgruppe hat eine Bestandsaufnahme der Angebote in allen Regionen abgeschlossen.",
        "Ein Entwurf gemeinsamer Empfehlungen wird derzeit abgestimmt und in der nächsten Plenarsitzung vorgelegt.",
        "Die Arbeitsgruppe hat mit den Netzwerkpartnern eine Datengrundlage vereinbart.",
    )
    text_ = f"{group.spec.name}: {b.rng.choice(texts)} Sprecher/in: {group.lead.name}."
    b.add(
        WorkingGroupReport(
            id=b.new_id(WorkingGroupReport),
            committee_id=group.committee.id,
            meeting_id=info.meeting.id,
            reported_on=info.day,
            text=text_,
        )
    )
    return text_


def _found_group(b: _Builder, gi: int, info: _MeetingInfo, protected: set[int]) -> _Group:
    rng = b.rng
    spec = GROUPS[gi]
    item = b.founding_items[gi]
    lead_id = item.presenter_id
    lead = next(p for p in b.persons if p.id == lead_id)
    committee = b.add(
        Committee(
            id=b.new_id(Committee),
            name=spec.name,
            short_name=spec.short_name,
            kind=CommitteeKind.ARBEITSGRUPPE.value,
            parent_id=b.plenum.id,
            topic=spec.topic,
            goal=spec.goal,
            founded_on=info.day,
            founding_agenda_item_id=item.id,
            email=f"{_ascii(spec.name).replace(' ', '-')}@{OFFICE_DOMAIN}",
        )
    )
    founded = info.day
    # Body representatives whose mandate runs until today, from different bodies.
    eligible = [
        m
        for m in b.mandates
        if m.current(founded) and m.end is None and m.person.id not in protected and m.person.id != lead.id
    ]
    taken_bodies = {lead.body_id}
    reps: list[_P] = []
    if b.bezirk is not None and lead.body_id != b.bezirk.id:
        bez = [m for m in eligible if m.body_id == b.bezirk.id]
        if bez:
            choice = rng.choice(bez)
            reps.append(choice.person)
            taken_bodies.add(choice.body_id)
    rng.shuffle(eligible)
    for m in eligible:
        if len(reps) >= 4:
            break
        if m.body_id not in taken_bodies:
            reps.append(m.person)
            taken_bodies.add(m.body_id)
    partners = [b.partner_contacts[key][0] for key in spec.partners]
    deputy_lead = partners[0]
    # The Sprecher/in chairs the group's meetings (CHAIR in the calendar).
    members: list[_Invitee] = [_Invitee(lead, InviteRole.VORSITZ.value, lead.body_id)]

    def seat(p: _P, role: MembershipRole, body_id: int | None, partner_id: int | None) -> None:
        b.add(
            Membership(
                id=b.new_id(Membership),
                person_id=p.id,
                committee_id=committee.id,
                body_id=body_id,
                partner_id=partner_id,
                role=role.value,
                voting_right=True,  # every seat but a guest's, as the committee service records it
                start_date=founded,
            )
        )

    seat(lead, MembershipRole.SPRECHER, lead.body_id, None)
    for p in reps:
        seat(p, MembershipRole.MITGLIED, p.body_id, None)
        members.append(_Invitee(p, InviteRole.MITGLIED.value, p.body_id))
    for i, p in enumerate(partners):
        role = MembershipRole.STELLV_SPRECHER if i == 0 else MembershipRole.MITGLIED
        seat(p, role, None, p.partner_id)
        members.append(_Invitee(p, InviteRole.MITGLIED.value, None, p.partner_id))
    return _Group(spec, committee, founded, lead, deputy_lead, members)


def _group_meetings(b: _Builder, group: _Group, minute_taker: _P) -> None:
    """Up to three held meetings after the founding, a cancelled one for one group, the next one invited."""
    rng = b.rng
    today = b.today
    days: list[date] = []
    day = _workday(_next_weekday(group.founded + timedelta(days=42 + rng.randint(0, 14)), 1 + rng.randint(0, 2)))
    while day < today and len(days) < 3:
        days.append(day)
        day = _workday(_next_weekday(day + timedelta(days=110 + rng.randint(0, 30)), 1 + rng.randint(0, 2)))
    gi = GROUPS.index(group.spec)
    host_body = b.body_by_id.get(group.lead.body_id or -1)
    previous: _MeetingInfo | None = None
    infos: list[_MeetingInfo] = []
    for n, d in enumerate(days):
        if gi == 1 and n == 1:
            _cancelled_meeting(b, group, _workday(d - timedelta(days=28)), minute_taker)
        online = n % 2 == 1
        if online or host_body is None:
            location = ("Videokonferenz", "", "")
        else:
            name = (
                f"Landratsamt {host_body.short_name}" if host_body.kind == BodyKind.LANDKREIS.value else host_body.name
            )
            location = (name, f"{host_body.street}, {host_body.postcode} {host_body.city}", "Besprechungsraum 2.14")
        meeting = b.meeting(
            group.committee.id,
            d,
            time(14, 0),
            time(16, 30),
            status=MeetingStatus.DURCHGEFUEHRT,
            location=location,
            online_url=f"{CONFERENCE_URL}/{_ascii(group.spec.short_name).replace(' ', '-')}-{d.isoformat()}"
            if online
            else "",
            minute_taker=minute_taker,
        )
        info = _MeetingInfo(meeting, group.committee.id, d, True)
        _group_attendance(b, group, info, online)
        _group_agenda(b, group, info, previous, n)
        b.invite(info, group.members, d - timedelta(days=21))
        if previous is not None:
            previous.meeting.status = MeetingStatus.PROTOKOLL_GENEHMIGT.value
            previous.meeting.minutes_approved_in_id = meeting.id
            previous.meeting.minutes_approved_on = d
        previous = info
        infos.append(info)
    if gi == 0:
        # The next meeting: invited, inside the notice period, replies coming in.
        d = _workday(_next_weekday(today + timedelta(days=8), 1))
        meeting = b.meeting(
            group.committee.id,
            d,
            time(14, 0),
            time(16, 30),
            status=MeetingStatus.EINGELADEN,
            location=("Videokonferenz", "", ""),
            online_url=f"{CONFERENCE_URL}/{_ascii(group.spec.short_name).replace(' ', '-')}-{d.isoformat()}",
            minute_taker=minute_taker,
        )
        info = _MeetingInfo(meeting, group.committee.id, d, False)
        _group_agenda(b, group, info, previous, len(days))
        b.invite(info, group.members, d - timedelta(days=16))
        _replies(b, info, group.members)


def _cancelled_meeting(b: _Builder, group: _Group, d: date, minute_taker: _P) -> None:
    meeting = b.meeting(
        group.committee.id,
        d,
        time(14, 0),
        time(16, 0),
        status=MeetingStatus.ABGESAGT,
        location=("Videokonferenz", "", ""),
        online_url=f"{CONFERENCE_URL}/{_ascii(group.spec.short_name).replace(' ', '-')}-{d.isoformat()}",
        minute_taker=minute_taker,
        notes="Abgesagt, weil zu wenige Zusagen eingegangen sind; der Termin wurde neu angesetzt.",
    )
    meeting.sequence = 1
    info = _MeetingInfo(meeting, group.committee.id, d, False)
    b.item(meeting, 1, "1", "Begrüßung", AgendaKind.BERICHT, presenter=group.lead, minutes=5)
    b.item(meeting, 2, "2", group.spec.agenda[0][0], group.spec.agenda[0][1], presenter=group.lead, minutes=45)
    b.invite(info, group.members, d - timedelta(days=20))
    cancel = b.add(
        Invitation(
            id=b.new_id(Invitation),
            meeting_id=meeting.id,
            sent_at=_to_utc_naive(datetime.combine(d - timedelta(days=3), time(11, 0))),
            sequence=1,
            method="CANCEL",
            channel="eml",
        )
    )
    b.recipients(cancel, group.members, d)


def _group_attendance(b: _Builder, group: _Group, info: _MeetingInfo, online: bool) -> None:
    present_status = AttendanceStatus.ONLINE if online else AttendanceStatus.ANWESEND
    for inv in group.members:
        r = b.rng.random()
        if inv.person.id == group.lead.id or r < 0.8:
            _att(b, info, inv.person, InviteRole(inv.role), inv.body_id, Reply.ZUGESAGT, present_status,
                 partner_id=inv.partner_id)  # fmt: skip
            info.present.append(inv.person)
        else:
            _att(b, info, inv.person, InviteRole(inv.role), inv.body_id, Reply.ABGESAGT,
                 AttendanceStatus.ENTSCHULDIGT, partner_id=inv.partner_id)  # fmt: skip


def _group_agenda(b: _Builder, group: _Group, info: _MeetingInfo, previous: _MeetingInfo | None, n: int) -> None:
    rng = b.rng
    m = info.meeting
    held = info.held
    items: list[tuple[str, AgendaKind, _P, int]] = [
        ("Begrüßung und Protokollführung", AgendaKind.BERICHT, group.lead, 5)
    ]
    if previous is not None:
        items.append(("Genehmigung der Niederschrift der letzten Sitzung", AgendaKind.BESCHLUSS, group.lead, 5))
    topics = [group.spec.agenda[(n + k) % len(group.spec.agenda)] for k in range(2)]
    pool = info.present if held else [inv.person for inv in group.members]
    for title, kind in topics:
        items.append((title, kind, rng.choice(pool), 40))
    items.append(("Termine und Verschiedenes", AgendaKind.BERICHT, group.lead, 10))
    voters = len([p for p in info.present if p.body_id is not None])
    for pos, (title, kind, presenter, minutes) in enumerate(items, start=1):
        if not held:
            b.item(m, pos, str(pos), title, kind, presenter=presenter, minutes=minutes)
            continue
        if kind == AgendaKind.BESCHLUSS:
            if _is(title, "niederschrift") and previous is not None:
                resolution = f"Die Niederschrift der {previous.meeting.title} wird genehmigt."
            else:
                resolution = (
                    f"Die Arbeitsgruppe beschließt die vorgelegte Fassung „{title}“ und legt sie dem Plenum vor."
                )
            it = b.item(
                m,
                pos,
                str(pos),
                title,
                kind,
                presenter=presenter,
                minutes=minutes,
                notes="Aussprache über den Entwurf; Änderungswünsche wurden eingearbeitet.",
                resolution=resolution,
                votes=(voters, 0, 0),
                unanimous=True,
                result=AgendaResult.BESCHLOSSEN,
            )
            if not _is(title, "niederschrift"):
                _action(
                    b,
                    info,
                    it,
                    (f"„{title}“ dem Plenum zur Kenntnis geben", "person", 90),
                    group.lead,
                    group.lead,
                )
        else:
            b.item(
                m,
                pos,
                str(pos),
                title,
                kind,
                presenter=presenter,
                minutes=minutes,
                notes=f"{presenter.name} berichtet; die Mitglieder ergänzen Erfahrungen aus ihren Regionen.",
                result=AgendaResult.KENNTNIS if kind == AgendaKind.BERICHT else None,
            )


def _network(b: _Builder, minute_taker: _P) -> None:
    """The Pflegekonferenz as a network committee of its own, with one held meeting."""
    rng = b.rng
    held_days = [i.day for i in b.plenary_infos]
    if not held_days:
        return
    founded = held_days[0]
    committee = b.add(
        Committee(
            id=b.new_id(Committee),
            name=NETWORK_NAME,
            short_name="Pflegekonferenz",
            kind=CommitteeKind.NETZWERK.value,
            topic="Pflegebedarfsplanung und Versorgung pflegebedürftiger Menschen in Oberbayern",
            goal="Austausch der Pflegeanbieter, Kranken- und Pflegekassen, Kommunen und Beratungsstellen.",
            founded_on=founded,
            email=f"pflegekonferenz@{OFFICE_DOMAIN}",
        )
    )
    members: list[_Invitee] = []
    for i, key in enumerate(("pflegekonferenz", "aok", "bkk", "seniorenrat", "nachbarschaftshilfe")):
        p = b.partner_contacts[key][0]
        role = MembershipRole.SPRECHER if i == 0 else MembershipRole.MITGLIED
        b.add(
            Membership(
                id=b.new_id(Membership),
                person_id=p.id,
                committee_id=committee.id,
                partner_id=p.partner_id,
                role=role.value,
                voting_right=True,
                start_date=founded,
            )
        )
        invite_role = InviteRole.VORSITZ if role == MembershipRole.SPRECHER else InviteRole.MITGLIED
        members.append(_Invitee(p, invite_role.value, None, p.partner_id))
    reps = [m for m in b.mandates if m.role == MembershipRole.STELLVERTRETUNG.value and m.end is None]
    for m in rng.sample(reps, min(3, len(reps))):
        b.add(
            Membership(
                id=b.new_id(Membership),
                person_id=m.person.id,
                committee_id=committee.id,
                body_id=m.body_id,
                role=MembershipRole.MITGLIED.value,
                voting_right=True,
                start_date=founded,
            )
        )
        members.append(_Invitee(m.person, InviteRole.MITGLIED.value, m.body_id))
    d = _nth_weekday(b.today.year, 10, 1, 2)
    if d >= b.today:
        d = _nth_weekday(b.today.year - 1, 10, 1, 2)
    if d <= founded:
        return
    meeting = b.meeting(
        committee.id,
        d,
        time(9, 30),
        time(15, 0),
        status=MeetingStatus.DURCHGEFUEHRT,
        location=("Kloster Seeon, Kultur- und Bildungszentrum", "Klosterweg 1, 83370 Seeon-Seebruck", "Festsaal"),
        minute_taker=minute_taker,
    )
    info = _MeetingInfo(meeting, committee.id, d, True)
    for inv in members:
        _att(b, info, inv.person, InviteRole(inv.role), inv.body_id, Reply.ZUGESAGT, AttendanceStatus.ANWESEND,
             partner_id=inv.partner_id)  # fmt: skip
    lead = members[0].person
    for pos, (title, kind, notes) in enumerate(
        (
            ("Begrüßung", AgendaKind.BERICHT, f"{lead.name} begrüßt die Teilnehmenden."),
            ("Kurzzeitpflege in Oberbayern – Zahlen und Trends", AgendaKind.BERICHT, "Vortrag mit Aussprache."),
            ("Pflegende Angehörige entlasten: Angebote der Nachbarschaftshilfe", AgendaKind.BERATUNG,
             "Die Teilnehmenden sammeln Beispiele aus den Regionen."),
            ("Verschiedenes", AgendaKind.BERICHT, "Nächste Pflegekonferenz im Herbst des Folgejahres."),
        ),
        start=1,
    ):  # fmt: skip
        b.item(
            meeting,
            pos,
            str(pos),
            title,
            kind,
            presenter=lead,
            minutes=30,
            notes=notes,
            result=AgendaResult.KENNTNIS if kind == AgendaKind.BERICHT else None,
        )


def _elections(b: _Builder, konst_day: date, candidates: Sequence[_Mandate], elected: _Mandate) -> None:
    """The Kommunen chair: two ballot rounds in the constituent meeting; re-elections when a term ran out."""
    rng = b.rng
    konst = b.plenary_infos[0]
    electorate = konst.represented
    term_years = b.rules.chair_term_years

    def new_election(info: _MeetingInfo, item_id: int | None, term_start: date, person: _P) -> Election:
        return b.add(
            Election(
                id=b.new_id(Election),
                meeting_id=info.meeting.id,
                agenda_item_id=item_id,
                office=ElectionOffice.VORSITZ_KOMMUNEN.value,
                electorate=info.represented,
                status=ElectionStatus.ABGESCHLOSSEN.value,
                elected_person_id=person.id,
                held_on=info.day,
                term_start=term_start,
                term_end=timeutil.term_end(term_start, term_years),
                notes="Geheime Wahl mit Stimmzetteln.",
            )
        )

    def ballot(election: Election, number: int, kind: BallotKind, cast: int, abst: int, invalid: int, outcome: str,
               yes: int = 0, no: int = 0) -> BallotRound:  # fmt: skip
        return b.add(
            BallotRound(
                id=b.new_id(BallotRound),
                election_id=election.id,
                number=number,
                kind=kind.value,
                ballots_cast=cast,
                abstentions=abst,
                invalid=invalid,
                yes_votes=yes,
                no_votes=no,
                outcome=outcome,
            )
        )

    item = b.election_items[konst_day]
    election = new_election(konst, item.id, konst_day, elected.person)
    for c in candidates:
        b.add(ElectionCandidate(id=b.new_id(ElectionCandidate), election_id=election.id, person_id=c.person.id))
    a, bb, c3 = candidates
    # Round 1: nobody has more than half of the valid votes.
    cast1 = electorate
    abst1, inv1 = 1, rng.randint(0, 1)
    valid1 = cast1 - abst1 - inv1
    # The leader gets at most half, and the order is strict so that the runoff pair is clear.
    for _attempt in range(200):
        v_a = rng.randint(valid1 // 3 + 1, valid1 // 2)
        v_b = rng.randint(valid1 // 4, v_a - 1)
        v_c = valid1 - v_a - v_b
        if v_a > v_b > v_c >= 1:
            break
    else:  # pragma: no cover - the quorum keeps at least 11 valid votes, where the loop always succeeds
        v_a = valid1 // 2
        v_c = max(1, (valid1 - v_a) // 3)
        v_b = valid1 - v_a - v_c
    assert v_a * 2 <= valid1, "round 1 must not have a winner"
    assert v_a > v_b > v_c, "round 1 needs a clear order for the runoff"
    r1 = ballot(
        election, 1, BallotKind.WAHLGANG, cast1, abst1, inv1,
        f"Niemand erhielt mehr als die Hälfte der {valid1} gültigen Stimmen; Stichwahl zwischen "
        f"{a.person.name} und {bb.person.name}.",
    )  # fmt: skip
    for person, votes in ((a.person, v_a), (bb.person, v_b), (c3.person, v_c)):
        b.add(BallotVote(id=b.new_id(BallotVote), round_id=r1.id, person_id=person.id, votes=votes))
    # Round 2: the runoff.
    cast2 = electorate
    abst2, inv2 = rng.randint(0, 1), 0
    valid2 = cast2 - abst2 - inv2
    w_a = valid2 // 2 + 1 + rng.randint(1, 3)
    w_b = valid2 - w_a
    r2 = ballot(
        election, 2, BallotKind.STICHWAHL, cast2, abst2, inv2,
        f"{a.person.name} ist mit {w_a} von {valid2} gültigen Stimmen gewählt.",
    )  # fmt: skip
    for person, votes in ((a.person, w_a), (bb.person, w_b)):
        b.add(BallotVote(id=b.new_id(BallotVote), round_id=r2.id, person_id=person.id, votes=votes))
    end = timeutil.term_end(konst_day, term_years)
    item.notes = (
        f"Wahlleitung: {item.presenter}. Zur Wahl stehen {a.person.name}, {bb.person.name} und {c3.person.name}. "
        f"Erster Wahlgang: {v_a}, {v_b} und {v_c} Stimmen, {_n(abst1, 'Enthaltung', 'Enthaltungen')}, "
        f"{inv1} ungültig; niemand erreicht mehr als die Hälfte der gültigen Stimmen. Stichwahl: {a.person.name} "
        f"{w_a}, {bb.person.name} {w_b} Stimmen, {_n(abst2, 'Enthaltung', 'Enthaltungen')}. "
        f"{a.person.name} nimmt die Wahl an."
    )
    item.resolution_text = (
        f"{a.person.name} ist in der Stichwahl mit {w_a} von {valid2} gültigen Stimmen {_as_chair(a.person, True)} "
        f"der Landkreise und kreisfreien Städte gewählt. Amtszeit: {timeutil.fmt_date(konst_day)} bis "
        f"{timeutil.fmt_date(end)}."
    )
    item.result = AgendaResult.BESCHLOSSEN.value

    bezirk_chair = next(c for c in b.chairs if c.side == ChairSide.BEZIRK.value)
    b.add(
        ChairTerm(
            id=b.new_id(ChairTerm),
            committee_id=b.plenum.id,
            side=ChairSide.BEZIRK.value,
            person_id=bezirk_chair.person.id,
            start_date=bezirk_chair.start,
            end_date=None,
            notes=f"benannt durch den Bezirk Oberbayern am {timeutil.fmt_date(bezirk_chair.start)}",
        )
    )
    b.add(
        ChairTerm(
            id=b.new_id(ChairTerm),
            committee_id=b.plenum.id,
            side=ChairSide.KOMMUNEN.value,
            person_id=elected.person.id,
            start_date=konst_day,
            end_date=end,
            election_id=election.id,
            notes="gewählt in der konstituierenden Sitzung",
        )
    )
    # Re-elections (single candidate, yes/no ballot) when the demo spans more than one term.
    for day, (start, new_end) in sorted(b.reelections.items()):
        info = next(i for i in b.plenary_infos if i.day == day)
        item = b.election_items[day]
        voters = info.represented
        re = new_election(info, item.id, start, elected.person)
        b.add(ElectionCandidate(id=b.new_id(ElectionCandidate), election_id=re.id, person_id=elected.person.id))
        no = rng.randint(0, 2)
        abst = rng.randint(0, 2)
        yes = voters - no - abst
        ballot(
            re, 1, BallotKind.JA_NEIN, voters, abst, 0,
            f"{elected.person.name} ist mit {yes} Ja-Stimmen bei {no} Nein-Stimmen wiedergewählt.",
            yes=yes, no=no,
        )  # fmt: skip
        item.notes = f"Einzige Bewerbung: {elected.person.name}. Wahl mit Ja/Nein-Stimmzetteln."
        item.resolution_text = (
            f"{elected.person.name} ist mit {yes} Ja-Stimmen bei {no} Nein-Stimmen und "
            f"{_n(abst, 'Enthaltung', 'Enthaltungen')} wiedergewählt. Amtszeit: {timeutil.fmt_date(start)} bis {timeutil.fmt_date(new_end)}."
        )
        item.result = AgendaResult.BESCHLOSSEN.value
        b.add(
            ChairTerm(
                id=b.new_id(ChairTerm),
                committee_id=b.plenum.id,
                side=ChairSide.KOMMUNEN.value,
                person_id=elected.person.id,
                start_date=start,
                end_date=new_end,
                election_id=re.id,
                notes="wiedergewählt",
            )
        )


def _office(b: _Builder, office_head: _P) -> None:
    current = office_in(b.s)
    office = replace(
        current,
        name="Geschäftsstelle der Bezirksarbeitsgemeinschaft Sozialplanung Oberbayern",
        department="beim Bezirk Oberbayern, Referat Sozialplanung",
        street="Prinzregentenstraße 14",
        postcode="80538",
        city="München",
        email=OFFICE_EMAIL,
        phone="+49 89 2198-21090",
        website=f"https://www.{OFFICE_DOMAIN}",
        uid_domain=OFFICE_DOMAIN,
        contact_person=office_head.name,
    )
    row = b.s.get(Setting, "office")
    value = json.dumps(office.to_dict(), ensure_ascii=False)
    if row is None:
        b.add(Setting(key="office", value=value))
    else:
        row.value = value


__all__ = ["DemoSummary", "create_demo_database", "fill_demo"]

"""Demo data: the fixed material the demo draws from.

Fictional names and functions, the member bodies' e-mail domains and area codes, the partner
organisations, the working groups and the plenary topics. Nothing here touches a database.
"""

from __future__ import annotations

from dataclasses import dataclass

from bezag_desktop.domain.codes import AgendaKind, PartnerCategory

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
class PartnerSpec:
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


PARTNERS: tuple[PartnerSpec, ...] = (
    PartnerSpec(
        "caritas", "Caritasverband Oberland-Isar e.V.", PartnerCategory.WOHLFAHRTSVERBAND,
        "Kolpingstraße 12", "83646", "Bad Tölz", "caritas-oberland-isar.example", "8041",
        (("Bereichsleiterin Wohnungslosenhilfe", "Bereichsleiter Wohnungslosenhilfe", "Bereichsleitung Wohnungslosenhilfe"),
         ("Fachdienstleiterin Soziale Beratung", "Fachdienstleiter Soziale Beratung", "Fachdienstleitung Soziale Beratung")),
    ),
    PartnerSpec(
        "diakonie", "Diakonie Isar-Inn e.V.", PartnerCategory.WOHLFAHRTSVERBAND,
        "Lindenstraße 8", "83278", "Traunstein", "diakonie-isar-inn.example", "861",
        (("Vorständin", "Vorstand", "Vorstand"),
         ("Referentin Hilfen für Menschen in Wohnungsnot", "Referent Hilfen für Menschen in Wohnungsnot", "Referat Wohnungsnot")),
    ),
    PartnerSpec(
        "awo", "AWO Bezirksverband Alpenvorland e.V.", PartnerCategory.WOHLFAHRTSVERBAND,
        "Gärtnerstraße 21", "80992", "München", "awo-alpenvorland.example", "89",
        (("Abteilungsleiterin Teilhabe", "Abteilungsleiter Teilhabe", "Abteilungsleitung Teilhabe"),),
    ),
    PartnerSpec(
        "aok", "AOK Bayern – Direktion Oberland", PartnerCategory.KASSE,
        "Schönauer Straße 3", "83646", "Bad Tölz", "aok-oberland.example", "8041",
        (("Leiterin Pflegeberatung", "Leiter Pflegeberatung", "Leitung Pflegeberatung"),
         ("Direktorin", "Direktor", "Direktion")),
    ),
    PartnerSpec(
        "bkk", "BKK Alpenland – Pflegekasse", PartnerCategory.KASSE,
        "Bahnhofplatz 4", "82467", "Garmisch-Partenkirchen", "bkk-alpenland.example", "8821",
        (("Regionalbeauftragte Pflege", "Regionalbeauftragter Pflege", "Regionalbeauftragte Pflege"),),
    ),
    PartnerSpec(
        "pflegekonferenz", "Pflegekonferenz Oberbayern", PartnerCategory.NETZWERK,
        "Prinzregentenstraße 14", "80538", "München", "pflegekonferenz-obb.example", "89",
        (("Koordinatorin der Pflegekonferenz", "Koordinator der Pflegekonferenz", "Koordination der Pflegekonferenz"),),
        "Regionales Netzwerk der Pflegeanbieter, Kassen, Kommunen und Beratungsstellen.",
    ),
    PartnerSpec(
        "hochschule", "Hochschule für Sozialwesen Freising – Institut für Sozialplanung", PartnerCategory.WISSENSCHAFT,
        "Am Domberg 9", "85354", "Freising", "hs-sozialwesen-freising.example", "8161",
        (("Professorin für Sozialplanung", "Professor für Sozialplanung", "Professur für Sozialplanung"),
         ("Wissenschaftliche Mitarbeiterin", "Wissenschaftlicher Mitarbeiter", "Wissenschaftliche Mitarbeit")),
    ),
    PartnerSpec(
        "lebenshilfe", "Lebenshilfe Inn-Salzach e.V.", PartnerCategory.LEISTUNGSERBRINGER,
        "Innstraße 40", "84453", "Mühldorf a.Inn", "lebenshilfe-inn-salzach.example", "8631",
        (("Geschäftsführerin", "Geschäftsführer", "Geschäftsführung"),
         ("Leiterin Ambulant Betreutes Wohnen", "Leiter Ambulant Betreutes Wohnen", "Leitung Ambulant Betreutes Wohnen")),
    ),
    PartnerSpec(
        "wohnhilfe", "Wohnhilfe Oberbayern gGmbH", PartnerCategory.LEISTUNGSERBRINGER,
        "Landsberger Straße 77", "80339", "München", "wohnhilfe-obb.example", "89",
        (("Leiterin Notunterkünfte", "Leiter Notunterkünfte", "Leitung Notunterkünfte"),),
    ),
    PartnerSpec(
        "seniorenrat", "Seniorenrat Fünfseenland e.V.", PartnerCategory.SENIORENVERTRETUNG,
        "Seestraße 5", "82319", "Starnberg", "seniorenrat-fuenfseenland.example", "8151",
        (("Vorsitzende", "Vorsitzender", "Vorsitz"),),
    ),
    PartnerSpec(
        "jugendforum", "Jugendforum Oberbayern", PartnerCategory.JUGENDVERTRETUNG,
        "Marienplatz 3", "85354", "Freising", "jugendforum-obb.example", "8161",
        (("Sprecherin", "Sprecher", "Sprecher*in"),),
    ),
    PartnerSpec(
        "nachbarschaftshilfe", "Nachbarschaftshilfe Würmtal e.V.", PartnerCategory.NACHBARSCHAFTSHILFE,
        "Würmstraße 22", "82131", "Gauting", "nbh-wuermtal.example", "89",
        (("Einsatzleiterin", "Einsatzleiter", "Einsatzleitung"),),
    ),
)  # fmt: skip


@dataclass(frozen=True)
class GroupSpec:
    name: str
    short_name: str
    topic: str
    goal: str
    partners: tuple[str, ...]
    agenda: tuple[tuple[str, AgendaKind], ...]


GROUPS: tuple[GroupSpec, ...] = (
    GroupSpec(
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
    GroupSpec(
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
    GroupSpec(
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
MAX_AGENDA_ITEMS = 12
#: The constituent meeting lies at least this far back; otherwise the demo starts a year earlier.
KONST_MIN_AGE_DAYS = 42


@dataclass(frozen=True)
class Topic:
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


TOPICS: tuple[Topic, ...] = (
    Topic(
        "Gemeinsamer Datenbericht Sozialplanung {year}", AgendaKind.BESCHLUSS, "bezirk",
        "{presenter} stellt den Entwurf gemeinsamer Kennzahlen vor (Fallzahlen der Eingliederungshilfe, der Hilfe "
        "zur Pflege und der Wohnungslosenhilfe je Landkreis und Stadt). Die Mitglieder begrüßen den Austausch von "
        "Zahlen als Grundlage, um künftige Bedarfe früh zu erkennen.",
        "Die Bezirksarbeitsgemeinschaft beschließt, die Kennzahlen jährlich zum 31. März auszutauschen und in "
        "einem gemeinsamen Datenbericht zu veröffentlichen.",
        ("Kennzahlen für den Datenbericht an die Geschäftsstelle melden", "body", 120),
    ),
    Topic(
        "Notunterbringung wohnungsloser Menschen im Winter", AgendaKind.BERATUNG, "member",
        "Die Landkreise und Städte berichten über die Belegung ihrer Notunterkünfte. {presenter} weist auf "
        "fehlende Plätze für Frauen mit Kindern hin. Die AG Wohnungslosenhilfe soll das Thema vertiefen.",
    ),
    Topic(
        "Pflegebedarfsplanung: Ergebnisse der Pflegekonferenz", AgendaKind.BERICHT, "partner:pflegekonferenz",
        "{presenter} stellt die Ergebnisse der Pflegekonferenz vor: Der Bedarf an Kurzzeitpflegeplätzen steigt in "
        "allen Regionen; in den südlichen Landkreisen fehlen ambulante Dienste.",
    ),
    Topic(
        "Fachkräftemangel in der sozialen Arbeit – gemeinsame Strategie", AgendaKind.BESCHLUSS, "chair",
        "Die Mitglieder tauschen Erfahrungen mit unbesetzten Stellen aus. Vorgeschlagen werden gemeinsame "
        "Stellenbörsen, duale Studiengänge und Kooperationen mit den Hochschulen.",
        "Die Geschäftsstelle wird beauftragt, bis zur nächsten Sitzung ein Eckpunktepapier zur Gewinnung von "
        "Fachkräften vorzulegen.",
        ("Eckpunktepapier zur Fachkräftegewinnung erstellen", "office", 150),
    ),
    Topic(
        "Hilfen wie aus einer Hand: Lotsenstellen in den Landkreisen", AgendaKind.BESCHLUSS, "member",
        "{presenter} berichtet über die Lotsenstelle im eigenen Landkreis, die Ratsuchende trägerübergreifend "
        "berät und an die zuständigen Stellen vermittelt.",
        "Die Mitgliedskörperschaften benennen bis zum Ende des Quartals je eine Ansprechperson für die "
        "trägerübergreifende Beratung.",
        ("Ansprechperson für die trägerübergreifende Beratung benennen", "body", 90),
    ),
    Topic(
        "Bezahlbarer Wohnraum für Menschen mit Behinderungen", AgendaKind.BERATUNG, "member",
        "Die Mitglieder beraten über Kooperationen mit Wohnungsbaugesellschaften. Der Bezirk sagt zu, die "
        "Bedarfszahlen der Eingliederungshilfe je Region bereitzustellen.",
    ),
    Topic(
        "Ambulantisierung in der Eingliederungshilfe – Sachstand", AgendaKind.BERICHT, "bezirk",
        "{presenter} berichtet über den Stand der Ambulantisierung; die Zahl der ambulant betreuten Personen ist "
        "im Vergleich zum Vorjahr deutlich gestiegen.",
    ),
    Topic(
        "Vorstellung: Wohnraumhilfe für junge Erwachsene", AgendaKind.BERICHT, "partner:wohnhilfe",
        "{presenter} stellt das Projekt „Startwohnung“ vor, das jungen Erwachsenen nach der Jugendhilfe den Weg "
        "in eine eigene Wohnung ebnet.",
    ),
    Topic(
        "Beratungslandkarte Oberbayern", AgendaKind.BESCHLUSS, "office",
        "{presenter} stellt den Entwurf einer Online-Übersicht aller Beratungsstellen in Oberbayern vor.",
        "Die Geschäftsstelle erstellt eine Online-Übersicht der Beratungsstellen; die Mitglieder liefern die "
        "Angaben ihrer Körperschaft zu.",
        ("Angaben zur Beratungslandkarte zusammenstellen", "person", 100),
    ),
    Topic(
        "Studie „Altersarmut im ländlichen Raum“", AgendaKind.BESCHLUSS, "partner:hochschule",
        "{presenter} stellt das Forschungsvorhaben vor und bittet um Unterstützung bei der Datenerhebung.",
        "Die Bezirksarbeitsgemeinschaft unterstützt die Studie und stellt anonymisierte Fallzahlen bereit.",
        ("Anonymisierte Fallzahlen für die Studie bereitstellen", "person", 180),
    ),
    Topic(
        "Stellungnahme zum Entwurf des Aktionsplans Inklusion", AgendaKind.BESCHLUSS, "chair",
        "Der Entwurf lag erst kurz vor der Sitzung vor. Die Mitglieder bitten um mehr Zeit für eine Abstimmung "
        "in ihren Häusern; die Beratung wird auf die nächste Sitzung vertagt.",
        vertagt=True,
    ),
    Topic(
        "Sozialbericht Oberbayern: Gliederung und Zeitplan", AgendaKind.BERATUNG, "bezirk",
        "{presenter} erläutert die vorgeschlagene Gliederung. Die Mitglieder regen ein eigenes Kapitel zur "
        "Lage pflegender Angehöriger an.",
    ),
    Topic(
        "Pflegestützpunkte und Beratung vor Ort", AgendaKind.BERICHT, "partner:aok",
        "{presenter} berichtet über die Auslastung der Pflegestützpunkte und die Zusammenarbeit mit den "
        "Seniorenberatungsstellen der Landkreise.",
    ),
    Topic(
        "Beteiligung junger Menschen an der Sozialplanung", AgendaKind.BERICHT, "partner:jugendforum",
        "{presenter} stellt Formate vor, mit denen junge Menschen ihre Sicht in die Planung einbringen können.",
    ),
    Topic(
        "Nachbarschaftshilfe als Baustein der Versorgung im Alter", AgendaKind.BERICHT, "partner:nachbarschaftshilfe",
        "{presenter} berichtet über ehrenamtliche Fahrdienste und Besuchsdienste und deren Finanzierung.",
    ),
    Topic(
        "Personalangelegenheiten der Geschäftsstelle", AgendaKind.BESCHLUSS, "chair",
        "Die Mitglieder beraten über die Stellenausstattung der Geschäftsstelle.",
        "Die Bezirksarbeitsgemeinschaft stimmt der Verlängerung der Stelle der Sachbearbeitung in der "
        "Geschäftsstelle um zwei Jahre zu.",
        public=False,
        minutes=10,
    ),
)  # fmt: skip

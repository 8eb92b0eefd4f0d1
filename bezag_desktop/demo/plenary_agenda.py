"""Demo data: the agenda of a plenary meeting, with what its minutes will say.

The meeting starts from the standard agenda of the Geschäftsordnung (the meeting service puts it
there); the demo fills in presenters and durations, removes what does not apply (no minutes to
approve at the constituent meeting), and adds the items of the day before "Verschiedenes":
topics, the founding of working groups, elections, next year's dates. Resolutions create their
action items as the minutes are taken.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from typing import Any

from sqlalchemy import select

from bezag_desktop.db.models import AgendaItem
from bezag_desktop.demo import catalogue
from bezag_desktop.demo.builder import (
    Attend,
    Builder,
    DemoPerson,
    MeetingInfo,
    Minutes,
    Vote,
    as_chair,
    is_about,
    is_closing,
)
from bezag_desktop.demo.groups import Group
from bezag_desktop.demo.people import Staff
from bezag_desktop.domain import timeutil
from bezag_desktop.domain.codes import (
    AgendaKind,
    AgendaResult,
    AttendanceStatus,
    BodyKind,
    ChairSide,
    MeetingKind,
    Reply,
)
from bezag_desktop.domain.rules import quorum_required
from bezag_desktop.domain.text import fold
from bezag_desktop.services.groups import operations as group_service
from bezag_desktop.services.groups import queries as group_queries
from bezag_desktop.services.meetings import agenda as agenda_service

GROUP_REPORTS = (
    "Die Arbeitsgruppe hat sich konstituiert und ihre Arbeitsschwerpunkte festgelegt.",
    "Die Arbeitsgruppe hat eine Bestandsaufnahme der Angebote in allen Regionen abgeschlossen.",
    "Ein Entwurf gemeinsamer Empfehlungen wird derzeit abgestimmt und in der nächsten Plenarsitzung vorgelegt.",
    "Die Arbeitsgruppe hat mit den Netzwerkpartnern eine Datengrundlage vereinbart.",
)
CLOSING_NOTES = (
    "Keine Wortmeldungen.",
    "Hinweis auf die Fachtagung „Sozialplanung im ländlichen Raum“ im Herbst.",
    "Die Geschäftsstelle bittet um Rückmeldung zu den Kontaktdaten bis Monatsende.",
)


def guest(info: MeetingInfo, person: DemoPerson) -> DemoPerson:
    """Someone who comes to present an item without a seat: on the list as guest."""
    if not info.has(person):
        info.attendance.append(Attend(person, Reply.ZUGESAGT, AttendanceStatus.GAST, guest=True))
    return person


def presenter(b: Builder, info: MeetingInfo, who: str, office_head: DemoPerson) -> DemoPerson:
    """``who``: chair, bezirk, member, office or partner:KEY; at a held meeting someone who was there."""
    chairs = b.chairs_on(info.day)
    if who.startswith("partner:"):
        contact = b.partner_contacts[who.split(":", 1)[1]][0]
        return guest(info, contact) if info.held else contact
    if who == "office":
        # The Geschäftsstelle is not invited as a member; it attends to present its item.
        return guest(info, office_head) if info.held else office_head
    if who == "chair" and chairs:
        return b.rng.choice(chairs).person
    present = info.present if info.held else [m.person for m in b.mandates if m.current(info.day)]
    if who == "bezirk" and b.bezirk is not None:
        pool = [p for p in present if p.body_id == b.bezirk.id]
        if pool:
            return b.rng.choice(pool)
    pool = [p for p in present if p.body_id is not None and (b.bezirk is None or p.body_id != b.bezirk.id)]
    return b.rng.choice(pool or present)


def _pick_topics(b: Builder, deck: list[catalogue.Topic], n: int) -> list[catalogue.Topic]:
    picked: list[catalogue.Topic] = []
    while len(picked) < n:
        if not deck:
            fresh = list(catalogue.TOPICS)
            b.rng.shuffle(fresh)
            deck.extend(fresh)
        topic = deck.pop()
        if topic not in picked:
            picked.append(topic)
    return picked


def _leader(b: Builder, day: date, kind: MeetingKind) -> DemoPerson:
    """Who leads the meeting: the Kommunen chair; the Bezirk's at the constituent meeting."""
    chairs = b.chairs_on(day)
    leader = next((c.person for c in chairs if c.side == ChairSide.KOMMUNEN.value), None)
    if leader is None or kind == MeetingKind.KONSTITUIEREND:
        leader = next(c.person for c in chairs if c.side == ChairSide.BEZIRK.value)
    return leader


class _Agenda:
    """One held meeting's agenda while it is put together; ``count`` of items for the 6-12 rule."""

    def __init__(self, b: Builder, info: MeetingInfo) -> None:
        self.b = b
        self.info = info
        self.count = 0

    def add(self, title: str, kind: AgendaKind, said: Minutes | None = None, **kw: Any) -> int:
        item_id = self.b.item(self.info, title, kind, **kw)
        self._noted(item_id, said)
        return item_id

    def add_sub(self, parent: int, title: str, kind: AgendaKind, said: Minutes | None = None, **kw: Any) -> int:
        item_id = self.b.item(self.info, title, kind, parent=parent, **kw)
        self._noted(item_id, said)
        return item_id

    def keep(self, item_id: int, title: str, kind: AgendaKind, said: Minutes | None = None, **kw: Any) -> None:
        """An item of the standard agenda, completed."""
        self.b.edit_item(item_id, title, kind, **kw)
        self._noted(item_id, said)

    def _noted(self, item_id: int, said: Minutes | None) -> None:
        """``said``: what the minutes will say about the item (written once the attendance is known)."""
        self.count += 1
        if said is not None:
            self.info.minutes.append((item_id, said))


def _standard_items(
    a: _Agenda, previous: MeetingInfo | None, kind: MeetingKind, groups: Sequence[Group], leader: DemoPerson
) -> int | None:
    """Complete the standard agenda; returns the closing item ("Verschiedenes"), kept for the end."""
    b, info = a.b, a.info
    voters = info.represented
    required = quorum_required(len(b.bodies), b.rules.quorum_rule)
    closing: int | None = None
    for item_id, title in b.top_items(info):
        if is_closing(title):
            closing = item_id
        elif is_about(title, "begrussung"):
            notes = (
                f"{leader.name} eröffnet die Sitzung um 10:00 Uhr, begrüßt die Anwesenden und stellt die "
                f"ordnungsgemäße Ladung fest. {voters} von {len(b.bodies)} Mitgliedskörperschaften sind "
                f"vertreten (erforderlich: {required}); die Bezirksarbeitsgemeinschaft ist beschlussfähig."
            )
            a.keep(item_id, title, AgendaKind.BERICHT, Minutes(notes, result=AgendaResult.KENNTNIS),
                   presenter=leader, minutes=5)  # fmt: skip
        elif is_about(title, "tagesordnung"):
            resolution = "Die Tagesordnung wird in der vorliegenden Fassung genehmigt."
            a.keep(item_id, title, AgendaKind.BESCHLUSS,
                   Minutes(resolution=resolution, result=AgendaResult.BESCHLOSSEN, vote=Vote()),
                   presenter=leader, minutes=5)  # fmt: skip
        elif is_about(title, "niederschrift"):
            if previous is None:
                agenda_service.delete_item(b.store, item_id)
                continue
            resolution = (
                f"Die Niederschrift der {previous.title} vom {timeutil.fmt_date(previous.day)} "
                "wird ohne Änderungen genehmigt."
            )
            vote = Vote(abstain=b.rng.randint(0, 2))
            a.keep(item_id, title, AgendaKind.BESCHLUSS,
                   Minutes(resolution=resolution, result=AgendaResult.BESCHLOSSEN, vote=vote),
                   presenter=leader, minutes=5)  # fmt: skip
        elif is_about(title, "arbeitsgruppe"):
            if kind == MeetingKind.KONSTITUIEREND:
                agenda_service.delete_item(b.store, item_id)
                continue
            _group_reports(a, item_id, title, [g for g in groups if g.founded < info.day])
        else:
            a.keep(item_id, title, AgendaKind.BERICHT, Minutes(result=AgendaResult.KENNTNIS),
                   presenter=leader, minutes=10)  # fmt: skip
    return closing


def _group_reports(a: _Agenda, item_id: int, title: str, active: Sequence[Group]) -> None:
    """Each active group reports (the working-group service puts its item under this one)."""
    b, info = a.b, a.info
    notes = "" if active else "Es bestehen noch keine Arbeitsgruppen."
    a.keep(item_id, title, AgendaKind.BERICHT, Minutes(notes, result=AgendaResult.KENNTNIS),
           minutes=10 * max(len(active), 1))  # fmt: skip
    texts: dict[int, str] = {}
    for group in active:
        text = f"{group.spec.name}: {b.rng.choice(GROUP_REPORTS)} Sprecher/in: {group.lead.name}."
        group_service.save_report(b.store, group.committee_id, info.id, text, info.day)
        texts[group.committee_id] = text
    new_ids = set(group_service.add_report_items_to_agenda(b.store, info.id))
    rows = b.s.execute(select(AgendaItem.id, AgendaItem.title).where(AgendaItem.id.in_(new_ids))).all()
    by_title = {fold(r.title): r.id for r in rows}
    for group in active:
        sub_title = group_queries.report_item_title(group.spec.name)
        sub_id = by_title[fold(sub_title)]
        text = texts[group.committee_id]
        a.keep(sub_id, sub_title, AgendaKind.BERICHT, Minutes(text, result=AgendaResult.KENNTNIS),
               presenter=group.lead, minutes=10, description=text)  # fmt: skip


def _constituent_items(a: _Agenda, founding: Sequence[int], leader: DemoPerson, staff: Staff) -> int:
    """Introductions, rules of procedure, the office, the chair; returns the election item."""
    b, info = a.b, a.info
    bezirk_chair = staff.bezirk_chair
    room = not founding  # founding groups in this meeting too (a short demo) leaves no room for small items
    intro = a.add(
        "Vorstellung der Mitglieder und Ziele der Bezirksarbeitsgemeinschaft",
        AgendaKind.BERICHT,
        Minutes(
            "Die Vertreterinnen und Vertreter der Mitgliedskörperschaften stellen sich vor. Als Ziele werden "
            "„Hilfen wie aus einer Hand“, der Austausch von Zahlen zur Erkennung künftiger Bedarfe und die "
            "Vermeidung von Doppelstrukturen genannt.",
            result=AgendaResult.KENNTNIS,
        ),
        presenter=bezirk_chair,
        minutes=30,
    )
    if room:
        bezirk_member = presenter(b, info, "bezirk", staff.office_head)
        local_member = presenter(b, info, "member", staff.office_head)
        a.add_sub(intro, "Der Bezirk Oberbayern als überörtlicher Träger der Sozialhilfe", AgendaKind.BERICHT,
                  Minutes(f"{bezirk_member.name} stellt die Aufgaben des Bezirks in der Eingliederungshilfe, der "
                          "Hilfe zur Pflege und der Hilfe in besonderen sozialen Schwierigkeiten vor.",
                          result=AgendaResult.KENNTNIS),
                  presenter=bezirk_member, minutes=15)  # fmt: skip
        a.add_sub(intro, "Sozialplanung in den Landkreisen und kreisfreien Städten", AgendaKind.BERICHT,
                  Minutes(f"{local_member.name} berichtet über die örtliche Sozialplanung, Seniorenpolitische "
                          "Gesamtkonzepte und die Zusammenarbeit mit den Wohlfahrtsverbänden.",
                          result=AgendaResult.KENNTNIS),
                  presenter=local_member, minutes=15)  # fmt: skip
    # The university that accompanies the BezAG scientifically attends as a guest.
    guest(info, b.partner_contacts["hochschule"][0])
    rules_item = a.add(
        "Beschluss der Geschäftsordnung",
        AgendaKind.BESCHLUSS,
        Minutes(
            "Der Entwurf der Geschäftsordnung wurde mit der Einladung versandt.",
            "Die Bezirksarbeitsgemeinschaft gibt sich die vorgelegte Geschäftsordnung.",
            AgendaResult.BESCHLOSSEN,
            b.vote(unanimous=True),
        ),
        presenter=bezirk_chair,
        minutes=20,
    )
    b.action(info, rules_item, ("Geschäftsordnung an alle Mitglieder versenden", "office", 21), leader,
             staff.office_head)  # fmt: skip
    a.add(
        "Einrichtung der Geschäftsstelle",
        AgendaKind.BESCHLUSS,
        Minutes(
            "Beraten werden Sitz, Stellenausstattung und Finanzierung der Geschäftsstelle.",
            "Die Geschäftsstelle wird beim Bezirk Oberbayern, Referat Sozialplanung, eingerichtet. "
            f"Mit ihrer Leitung wird {staff.office_head.name} betraut.",
            AgendaResult.BESCHLOSSEN,
            b.vote(),
        ),
        presenter=bezirk_chair,
        minutes=10,
        public=False,
    )
    if room:
        a.add("Benennung des Vorsitzes durch den Bezirk Oberbayern", AgendaKind.BERICHT,
              Minutes(f"Der Bezirk Oberbayern hat {bezirk_chair.name} {as_chair(bezirk_chair)} benannt.",
                      result=AgendaResult.KENNTNIS),
              presenter=bezirk_chair, minutes=5)  # fmt: skip
    return _election_item(a, bezirk_chair, 30)


def _election_item(a: _Agenda, chair: DemoPerson, minutes: int) -> int:
    """The election item as the agenda service proposes it (before "Verschiedenes")."""
    item_id = agenda_service.add_election_item(a.b.store, a.info.id)
    a.keep(item_id, agenda_service.ELECTION_TITLE, AgendaKind.WAHL, presenter=chair, minutes=minutes)
    return item_id


def _founding_items(a: _Agenda, founding: Sequence[int], leader: DemoPerson, staff: Staff) -> None:
    """One resolution per group founded; several come as sub-items of one TOP."""
    b, info = a.b, a.info
    chair_ids = {c.person.id for c in b.chairs_on(info.day)}
    taken_leads = {lead.id for _item, lead in b.founding_items.values()}
    parent = None
    if len(founding) > 1:
        parent = a.add(
            "Gründung von Arbeitsgruppen",
            AgendaKind.BERATUNG,
            Minutes("Die Mitglieder verständigen sich darauf, die Arbeit zu den folgenden Themen in "
                    "Arbeitsgruppen zu vertiefen."),
            presenter=leader,
            minutes=5,
        )  # fmt: skip
    for gi in founding:
        spec = catalogue.GROUPS[gi]
        pool = [p for p in info.present if p.id in b.open_person_ids and p.id not in chair_ids | taken_leads]
        vote = b.vote()
        lead = b.rng.choice(pool)
        said = Minutes(
            f"Vorgeschlagen wird eine Arbeitsgruppe zum Thema „{spec.topic}“.",
            f"Die Bezirksarbeitsgemeinschaft Sozialplanung gründet die Arbeitsgruppe „{spec.name[3:]}“. "
            f"Auftrag: {spec.goal}",
            AgendaResult.BESCHLOSSEN,
            vote,
        )
        add = a.add if parent is None else partial(a.add_sub, parent)
        item_id = add(f"Gründung der {spec.name}", AgendaKind.BESCHLUSS, said, presenter=lead, minutes=15)
        b.founding_items[gi] = (item_id, lead)
        taken_leads.add(lead.id)
        b.action(info, item_id, (f"Erste Sitzung der {spec.name} einberufen", "person", 60), lead, staff.office_head)


def _topic_items(a: _Agenda, topics: Sequence[catalogue.Topic], staff: Staff) -> None:
    b, info = a.b, a.info
    for topic in topics:
        who = presenter(b, info, topic.presenter, staff.office_head)
        notes = topic.notes.format(presenter=who.name)
        title = topic.title.format(year=info.day.year)
        if topic.kind == AgendaKind.BESCHLUSS and not topic.vertagt:
            said = Minutes(notes, topic.resolution, AgendaResult.BESCHLOSSEN, b.vote())
            item_id = a.add(title, topic.kind, said, presenter=who, minutes=topic.minutes, public=topic.public)
            if topic.action:
                b.action(info, item_id, topic.action, who, staff.office_head)
        elif topic.vertagt:
            a.add(title, topic.kind, Minutes(notes, result=AgendaResult.VERTAGT), presenter=who, minutes=topic.minutes)
        else:
            result = AgendaResult.KENNTNIS if topic.kind == AgendaKind.BERICHT else None
            a.add(title, topic.kind, Minutes(notes, result=result), presenter=who, minutes=topic.minutes,
                  public=topic.public)  # fmt: skip


def _dates_item(a: _Agenda, leader: DemoPerson, staff: Staff) -> None:
    """Next year's meeting dates, decided in December (and at the constituent meeting)."""
    b, info = a.b, a.info
    year = info.day.year + (1 if info.day.month == 12 else 0)
    item_id = a.add(
        f"Sitzungstermine {year}",
        AgendaKind.BESCHLUSS,
        Minutes(
            resolution=f"Die von der Geschäftsstelle vorgeschlagenen Sitzungstermine für {year} werden beschlossen.",
            result=AgendaResult.BESCHLOSSEN,
            vote=Vote(),
        ),
        presenter=leader,
        minutes=5,
    )
    b.action(info, item_id, (f"Sitzungstermine {year} an alle Mitglieder versenden", "office", 14), leader,
             staff.office_head)  # fmt: skip
    host = b.rng.choice([x for x in b.bodies if x.kind == BodyKind.LANDKREIS.value])
    b.action(info, item_id, (f"Sitzungsraum für eine Plenarsitzung {year} bereitstellen", "body", 60), leader,
             staff.office_head, body_id=host.id)  # fmt: skip


def held_agenda(
    b: Builder,
    info: MeetingInfo,
    previous: MeetingInfo | None,
    kind: MeetingKind,
    groups: Sequence[Group],
    founding: Sequence[int],
    deck: list[catalogue.Topic],
    staff: Staff,
) -> int | None:
    """The agenda of a held meeting (6 to 12 items); returns its election item, if any."""
    a = _Agenda(b, info)
    leader = _leader(b, info.day, kind)
    closing = _standard_items(a, previous, kind, groups, leader)
    election_item: int | None = None
    if kind == MeetingKind.KONSTITUIEREND:
        election_item = _constituent_items(a, founding, leader, staff)
        topics: list[catalogue.Topic] = []
    else:
        if info.day in b.reelections:
            election_item = _election_item(a, staff.bezirk_chair, 15)
        # 6 to 12 items in all: what is fixed, then as many topics as fit.
        fixed = a.count + len(founding) + (len(founding) > 1) + (info.day.month == 12) + (closing is not None)
        n_topics = min(b.rng.randint(2, 4) - len(founding), catalogue.MAX_AGENDA_ITEMS - fixed)
        topics = _pick_topics(b, deck, max(n_topics, 1))
    _founding_items(a, founding, leader, staff)
    _topic_items(a, topics, staff)
    if info.day.month == 12 or kind == MeetingKind.KONSTITUIEREND:
        _dates_item(a, leader, staff)
    if closing is not None:
        a.keep(closing, agenda_service.CLOSING_TITLE, AgendaKind.BERICHT,
               Minutes(b.rng.choice(CLOSING_NOTES), result=AgendaResult.KENNTNIS), presenter=leader,
               minutes=10)  # fmt: skip
    return election_item


def future_agenda(b: Builder, info: MeetingInfo, office_head: DemoPerson) -> None:
    """A planned meeting: the standard agenda with two topics before "Verschiedenes", no results."""
    chairs = b.chairs_on(info.day)
    leader = next((c.person for c in chairs if c.side == ChairSide.KOMMUNEN.value), None)
    for item_id, title in b.top_items(info):
        approval = is_about(title, "tagesordnung") or is_about(title, "niederschrift")
        kind = AgendaKind.BESCHLUSS if approval else AgendaKind.BERICHT
        b.edit_item(item_id, title, kind, presenter=leader, minutes=10)
    for topic in b.rng.sample([t for t in catalogue.TOPICS if not t.vertagt and t.public], 2):
        who = presenter(b, info, topic.presenter, office_head)
        b.item(info, topic.title.format(year=info.day.year), topic.kind, presenter=who, minutes=10,
               public=topic.public)  # fmt: skip

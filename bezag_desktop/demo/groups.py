"""Demo data: the working groups (founded by plenary resolutions) with partner members, their
meetings (one cancelled, the next one invited), and the Pflegekonferenz as a network.

Founded and staffed through the working-group service, so founding rules, seat rules and the
audit apply; their meetings go the same way as the plenary ones (see ``plenary``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from bezag_desktop.demo import catalogue
from bezag_desktop.demo.builder import Attend, Builder, DemoPerson, MeetingInfo, Minutes, Vote, ascii_name, is_about
from bezag_desktop.demo.calendar import next_weekday, nth_weekday, workday
from bezag_desktop.domain.attrs import from_attrs
from bezag_desktop.domain.codes import (
    AgendaKind,
    AgendaResult,
    AttendanceStatus,
    BodyKind,
    CommitteeKind,
    MembershipRole,
    Reply,
)
from bezag_desktop.services.groups import operations as group_service
from bezag_desktop.services.meetings import operations as meeting_service


@dataclass
class Group:
    spec: catalogue.GroupSpec
    committee_id: int
    founded: date
    lead: DemoPerson
    deputy_lead: DemoPerson
    members: list[DemoPerson]


def _url(group: Group, day: date) -> str:
    return f"{catalogue.CONFERENCE_URL}/{ascii_name(group.spec.short_name).replace(' ', '-')}-{day.isoformat()}"


def _seat(b: Builder, committee_id: int, person: DemoPerson, role: MembershipRole, start: date) -> None:
    group_service.add_member(b.store, committee_id, person.id, role.value, start)


def found_group(b: Builder, gi: int, info: MeetingInfo, protected: set[int]) -> Group:
    """Found group ``gi`` by its resolution in ``info``: the proposer leads it, four bodies and
    three partners sit in it (the first partner as deputy lead)."""
    spec = catalogue.GROUPS[gi]
    item_id, lead = b.founding_items[gi]
    founded = info.day
    committee_id = group_service.found_group(
        b.store,
        from_attrs(
            group_service.GroupInput,
            spec,
            "name",
            "short_name",
            "topic",
            "goal",
            kind=CommitteeKind.ARBEITSGRUPPE.value,
            founded_on=founded,
            founding_agenda_item_id=item_id,
            email=f"{ascii_name(spec.name).replace(' ', '-')}@{catalogue.OFFICE_DOMAIN}",
        ),
    )
    # Body representatives whose mandate runs until today, from different bodies.
    eligible = [
        m
        for m in b.mandates
        if m.current(founded) and m.end is None and m.person.id not in protected and m.person.id != lead.id
    ]
    taken_bodies = {lead.body_id}
    reps: list[DemoPerson] = []
    if b.bezirk is not None and lead.body_id != b.bezirk.id:
        bez = [m for m in eligible if m.body_id == b.bezirk.id]
        if bez:
            choice = b.rng.choice(bez)
            reps.append(choice.person)
            taken_bodies.add(choice.body_id)
    b.rng.shuffle(eligible)
    for m in eligible:
        if len(reps) >= 4:
            break
        if m.body_id not in taken_bodies:
            reps.append(m.person)
            taken_bodies.add(m.body_id)
    partners = [b.partner_contacts[key][0] for key in spec.partners]
    _seat(b, committee_id, lead, MembershipRole.SPRECHER, founded)
    for p in reps:
        _seat(b, committee_id, p, MembershipRole.MITGLIED, founded)
    for i, p in enumerate(partners):
        _seat(b, committee_id, p, MembershipRole.STELLV_SPRECHER if i == 0 else MembershipRole.MITGLIED, founded)
    return Group(spec, committee_id, founded, lead, partners[0], [lead, *reps, *partners])


def _group_attendance(b: Builder, group: Group, info: MeetingInfo, online: bool) -> None:
    present_status = AttendanceStatus.ONLINE if online else AttendanceStatus.ANWESEND
    for p in group.members:
        if p.id == group.lead.id or b.rng.random() < 0.8:
            info.attendance.append(Attend(p, Reply.ZUGESAGT, present_status))
            info.present.append(p)
        else:
            info.attendance.append(Attend(p, Reply.ABGESAGT, AttendanceStatus.ENTSCHULDIGT))


def _group_agenda(b: Builder, group: Group, info: MeetingInfo, previous: MeetingInfo | None, n: int) -> None:
    items: list[tuple[str, AgendaKind, DemoPerson, int]] = [
        ("Begrüßung und Protokollführung", AgendaKind.BERICHT, group.lead, 5)
    ]
    if previous is not None:
        items.append(("Genehmigung der Niederschrift der letzten Sitzung", AgendaKind.BESCHLUSS, group.lead, 5))
    topics = [group.spec.agenda[(n + k) % len(group.spec.agenda)] for k in range(2)]
    pool = info.present if info.held else group.members
    for title, kind in topics:
        items.append((title, kind, b.rng.choice(pool), 40))
    items.append(("Termine und Verschiedenes", AgendaKind.BERICHT, group.lead, 10))
    for title, kind, presenter, minutes in items:
        item_id = b.item(info, title, kind, presenter=presenter, minutes=minutes)
        if not info.held:
            continue
        if kind != AgendaKind.BESCHLUSS:
            notes = f"{presenter.name} berichtet; die Mitglieder ergänzen Erfahrungen aus ihren Regionen."
            result = AgendaResult.KENNTNIS if kind == AgendaKind.BERICHT else None
            info.minutes.append((item_id, Minutes(notes, result=result)))
            continue
        if is_about(title, "niederschrift") and previous is not None:
            resolution = f"Die Niederschrift der {previous.title} wird genehmigt."
        else:
            resolution = f"Die Arbeitsgruppe beschließt die vorgelegte Fassung „{title}“ und legt sie dem Plenum vor."
        notes = "Aussprache über den Entwurf; Änderungswünsche wurden eingearbeitet."
        info.minutes.append((item_id, Minutes(notes, resolution, AgendaResult.BESCHLOSSEN, Vote())))
        if not is_about(title, "niederschrift"):
            spec = (f"„{title}“ dem Plenum zur Kenntnis geben", "person", 90)
            b.action(info, item_id, spec, group.lead, group.lead)


def _meeting_days(b: Builder, group: Group) -> list[date]:
    """Up to three meetings after the founding, every four months or so, on a Tuesday to Thursday."""
    days: list[date] = []
    day = workday(next_weekday(group.founded + timedelta(days=42 + b.rng.randint(0, 14)), 1 + b.rng.randint(0, 2)))
    while day < b.today and len(days) < 3:
        days.append(day)
        day = workday(next_weekday(day + timedelta(days=110 + b.rng.randint(0, 30)), 1 + b.rng.randint(0, 2)))
    return days


def group_meetings(b: Builder, group: Group, minute_taker: DemoPerson) -> None:
    """Held meetings after the founding, a cancelled one for one group, the next one invited."""
    gi = catalogue.GROUPS.index(group.spec)
    host = b.body_by_id.get(group.lead.body_id or -1)
    previous: MeetingInfo | None = None
    days = _meeting_days(b, group)
    for n, d in enumerate(days):
        if gi == 1 and n == 1:
            _cancelled_meeting(b, group, workday(d - timedelta(days=28)), minute_taker)
        online = n % 2 == 1
        if online or host is None:
            location = ("Videokonferenz", "", "")
        else:
            name = f"Landratsamt {host.short_name}" if host.kind == BodyKind.LANDKREIS.value else host.name
            location = (name, f"{host.street}, {host.postcode} {host.city}", "Besprechungsraum 2.14")
        info = b.meeting(group.committee_id, d, time(14, 0), time(16, 30), held=True, location=location,
                         online_url=_url(group, d) if online else "", minute_taker=minute_taker)  # fmt: skip
        _group_attendance(b, group, info, online)
        _group_agenda(b, group, info, previous, n)
        b.send(info, d - timedelta(days=21))
        b.record_attendance(info)
        b.mark_held(info)
        b.close_minutes(info, previous, draft=False)
        previous = info
    if gi == 0:
        # The next meeting: invited, inside the notice period, replies coming in.
        d = workday(next_weekday(b.today + timedelta(days=8), 1))
        info = b.meeting(group.committee_id, d, time(14, 0), time(16, 30), held=False,
                         location=("Videokonferenz", "", ""), online_url=_url(group, d),
                         minute_taker=minute_taker)  # fmt: skip
        _group_agenda(b, group, info, previous, len(days))
        b.send(info, d - timedelta(days=16))
        b.replies(info)


def _cancelled_meeting(b: Builder, group: Group, d: date, minute_taker: DemoPerson) -> None:
    """Invited, then cancelled for lack of replies: the cancellation goes to the same people."""
    info = b.meeting(
        group.committee_id,
        d,
        time(14, 0),
        time(16, 0),
        held=False,
        location=("Videokonferenz", "", ""),
        online_url=_url(group, d),
        minute_taker=minute_taker,
        notes="Abgesagt, weil zu wenige Zusagen eingegangen sind; der Termin wurde neu angesetzt.",
    )
    b.item(info, "Begrüßung", AgendaKind.BERICHT, presenter=group.lead, minutes=5)
    title, kind = group.spec.agenda[0]
    b.item(info, title, kind, presenter=group.lead, minutes=45)
    b.send(info, d - timedelta(days=20))
    meeting_service.cancel(b.store, info.id)
    b.send(info, d - timedelta(days=3), time(11, 0))


def network(b: Builder, minute_taker: DemoPerson) -> None:
    """The Pflegekonferenz as a network committee of its own, with one held meeting."""
    if not b.plenary_infos:
        return
    founded = b.plenary_infos[0].day
    committee_id = group_service.found_group(
        b.store,
        group_service.GroupInput(
            name=catalogue.NETWORK_NAME,
            short_name="Pflegekonferenz",
            kind=CommitteeKind.NETZWERK.value,
            topic="Pflegebedarfsplanung und Versorgung pflegebedürftiger Menschen in Oberbayern",
            goal="Austausch der Pflegeanbieter, Kranken- und Pflegekassen, Kommunen und Beratungsstellen.",
            founded_on=founded,
            email=f"pflegekonferenz@{catalogue.OFFICE_DOMAIN}",
        ),
    )
    members: list[DemoPerson] = []
    for i, key in enumerate(("pflegekonferenz", "aok", "bkk", "seniorenrat", "nachbarschaftshilfe")):
        p = b.partner_contacts[key][0]
        _seat(b, committee_id, p, MembershipRole.SPRECHER if i == 0 else MembershipRole.MITGLIED, founded)
        members.append(p)
    deputies = [m for m in b.mandates if m.role == MembershipRole.STELLVERTRETUNG.value and m.end is None]
    for m in b.rng.sample(deputies, min(3, len(deputies))):
        _seat(b, committee_id, m.person, MembershipRole.MITGLIED, founded)
        members.append(m.person)
    d = nth_weekday(b.today.year, 10, 1, 2)
    if d >= b.today:
        d = nth_weekday(b.today.year - 1, 10, 1, 2)
    if d <= founded:
        return
    info = b.meeting(committee_id, d, time(9, 30), time(15, 0), held=True,
                     location=("Kloster Seeon, Kultur- und Bildungszentrum", "Klosterweg 1, 83370 Seeon-Seebruck",
                               "Festsaal"),
                     minute_taker=minute_taker)  # fmt: skip
    info.attendance = [Attend(p, Reply.ZUGESAGT, AttendanceStatus.ANWESEND) for p in members]
    lead = members[0]
    for title, kind, notes in (
        ("Begrüßung", AgendaKind.BERICHT, f"{lead.name} begrüßt die Teilnehmenden."),
        ("Kurzzeitpflege in Oberbayern – Zahlen und Trends", AgendaKind.BERICHT, "Vortrag mit Aussprache."),
        ("Pflegende Angehörige entlasten: Angebote der Nachbarschaftshilfe", AgendaKind.BERATUNG,
         "Die Teilnehmenden sammeln Beispiele aus den Regionen."),
        ("Verschiedenes", AgendaKind.BERICHT, "Nächste Pflegekonferenz im Herbst des Folgejahres."),
    ):  # fmt: skip
        item_id = b.item(info, title, kind, presenter=lead, minutes=30)
        result = AgendaResult.KENNTNIS if kind == AgendaKind.BERICHT else None
        info.minutes.append((item_id, Minutes(notes, result=result)))
    # Organised with the partners: no invitation of the Geschäftsstelle's, the list kept at the door.
    b.record_attendance(info)
    b.mark_held(info)
    b.close_minutes(info, None, draft=False)
